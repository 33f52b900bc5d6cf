# exit: 1
# stderr: SyntaxError: multiple assignments to name 'x' in pattern
match (1, 2):
    case [x, x]:
        pass
