# exit: 1
# stderr: IndexError: list index out of range
items = [1, 2, 3]
for i in range(4):
    print(items[i])
