# exit: 1
# stderr: SyntaxError:  1:/ must be ahead of *
lambda *, /
