# exit: 1
# stderr: SyntaxError: wildcard makes remaining patterns unreachable
match 1:
    case _:
        pass
    case 2:
        pass
