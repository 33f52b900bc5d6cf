# exit: 1
# stderr: SyntaxError: '[' was never closed
print("start")
items = [1, 2, 3
print(items)
