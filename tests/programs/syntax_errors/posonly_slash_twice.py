# exit: 1
# stderr: SyntaxError: / may appear only once
def f(a, /, b, /): pass
