# exit: 1
# stderr: AttributeError: 'NoneType' object has no attribute 'foo'
def find(x):
    if x > 0:
        return "found"
result = find(-1)
print("result:", result)
print(result.foo)
