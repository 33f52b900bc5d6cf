# exit: 1
# stderr: SyntaxError: invalid syntax
print("start")
print(eval("1 +"))
