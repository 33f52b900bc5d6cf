# exit: 1
# stderr: IndentationError: expected an indented block after 'if' statement on line 4
print("start")
if True:
print("body not indented")
