# exit: 1
# stderr: SyntaxError: dict unpacking cannot be used in dict comprehension
b = [{}]
print({**a for a in b})
