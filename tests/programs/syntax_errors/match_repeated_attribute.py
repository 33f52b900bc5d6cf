# exit: 1
# stderr: SyntaxError: attribute name repeated in class pattern: real
match 1:
    case int(real=1, real=2):
        pass
