# exit: 1
# stderr: TypeError: called match pattern must be a type
match 1:
    case len():
        pass
