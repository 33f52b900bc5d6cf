# exit: 1
# stderr: SyntaxError: 'async for' outside async function
def f():
    async for x in y:
        pass
