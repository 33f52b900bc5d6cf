# exit: 1
# stderr: SyntaxError: iterable unpacking cannot be used in comprehension
b = [[1]]
print([*a for a in b])
