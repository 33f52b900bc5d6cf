# exit: 1
# stderr: RecursionError: maximum recursion depth exceeded
def forever(n):
    return forever(n + 1)
print("recursing")
forever(0)
