# exit: 1
# stderr: SyntaxError: imaginary number required in complex literal
match 1:
    case 1 + 2:
        pass
