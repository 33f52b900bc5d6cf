# exit: 1
# stderr: AssertionError: expected positive, got -4
def check(n):
    assert n > 0, "expected positive, got " + str(n)
    return n
print(check(4))
check(-4)
