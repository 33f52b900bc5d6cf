# exit: 1
# stderr: SyntaxError:  pass:/ may appear only once
def f(a, /, b, /)
