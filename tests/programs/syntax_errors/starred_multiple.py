# exit: 1
# stderr: SyntaxError: multiple starred expressions in assignment
a, *b, *c = [1, 2, 3]
