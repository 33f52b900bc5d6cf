# exit: 1
# stderr: SyntaxError: name capture 'y' makes remaining patterns unreachable
match 1:
    case 1 | y:
        pass
    case 2:
        pass
