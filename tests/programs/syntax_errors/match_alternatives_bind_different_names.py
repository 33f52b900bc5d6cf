# exit: 1
# stderr: SyntaxError: alternative patterns bind different names
match (1, 2):
    case [x, 1] | [1, y]:
        pass
