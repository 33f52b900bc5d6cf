# exit: 1
# stderr: SyntaxError: patterns may only match literals and attribute lookups
match 'a':
    case f'a':
        pass
