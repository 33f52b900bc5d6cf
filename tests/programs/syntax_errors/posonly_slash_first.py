# exit: 1
# stderr: SyntaxError:  pass:at least one argument must precede /
def f(/, a)
