# exit: 1
# stderr: SyntaxError: mapping pattern checks duplicate key ('a')
match {}:
    case {'a': 1, 'a': 2}:
        pass
