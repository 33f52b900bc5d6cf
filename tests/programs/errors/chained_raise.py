# exit: 1
# stderr: RuntimeError: could not parse config
# Raising inside except prints both tracebacks ("During handling ..."); the last line is the new one.
def parse(text):
    try:
        return int(text)
    except ValueError:
        raise RuntimeError("could not parse config")
print(parse("12"))
parse("twelve")
