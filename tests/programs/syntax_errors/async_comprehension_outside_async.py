# exit: 1
# stderr: SyntaxError: asynchronous comprehension outside of an asynchronous function
def f():
    return [x async for x in y]
