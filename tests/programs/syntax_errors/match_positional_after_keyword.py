# exit: 1
# stderr: SyntaxError: positional patterns follow keyword patterns
match 1:
    case int(real=1, y):
        pass
