# exit: 1
# stderr: SyntaxError: / must be ahead of *
def f(*a, b, /): pass
