# exit: 1
# stderr: IndentationError: unexpected indent
# An unexpected indent is an IndentationError (a SyntaxError subclass).
print("start")
x = 1
    y = 2
print(x)
