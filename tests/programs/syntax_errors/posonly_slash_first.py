# exit: 1
# stderr: SyntaxError: at least one argument must precede /
def f(/, a): pass
