# exit: 1
# stderr: SyntaxError: multiple starred names in sequence pattern
match (1, 2):
    case [*a, *b]:
        pass
