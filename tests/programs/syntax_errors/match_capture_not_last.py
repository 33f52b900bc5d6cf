# exit: 1
# stderr: SyntaxError: name capture 'x' makes remaining patterns unreachable
match 1:
    case x:
        pass
    case 2:
        pass
