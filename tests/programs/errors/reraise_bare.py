# exit: 1
# stderr: OSError: disk full
def save():
    raise OSError("disk full")
try:
    save()
except OSError as e:
    print("logging:", e)
    raise
