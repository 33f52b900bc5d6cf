# exit: 1
# stderr: TypeError: unsupported operand type(s) for +: 'int' and 'str'
total = 5
print("total is", total)
print(total + " apples")
