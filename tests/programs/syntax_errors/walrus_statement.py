# exit: 1
# stderr: SyntaxError: invalid syntax
x := 1
