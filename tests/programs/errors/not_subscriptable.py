# exit: 1
# stderr: TypeError: 'int' object is not subscriptable
def first(x):
    return x[0]
print(first([7, 8]))
print(first("xy"))
print(first(42))
