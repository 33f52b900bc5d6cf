# exit: 1
# stderr: SyntaxError: / must be ahead of *
lambda *, /: 1
