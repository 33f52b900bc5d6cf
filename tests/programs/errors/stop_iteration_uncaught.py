# exit: 1
# stderr: StopIteration
it = iter([1])
print(next(it))
print(next(it))
