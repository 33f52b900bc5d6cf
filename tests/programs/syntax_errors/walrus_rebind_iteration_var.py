# exit: 1
# stderr: SyntaxError: assignment expression cannot rebind comprehension iteration variable 'i'
print([i := 0 for i in range(5)])
