# exit: 1
# stderr: SyntaxError: assignment expression cannot be used in a comprehension iterable expression
print([i for i in (j := range(5))])
