# exit: 1
# stderr: SyntaxError: 'yield from' inside async function
async def f():
    yield from g()
