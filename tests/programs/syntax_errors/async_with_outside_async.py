# exit: 1
# stderr: SyntaxError: 'async with' outside async function
def f():
    async with x:
        pass
