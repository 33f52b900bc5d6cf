# exit: 1
# stderr: SyntaxError:  pass:/ must be ahead of *
def f(*a, b, /)
