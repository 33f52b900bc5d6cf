# exit: 1
# stderr: SyntaxError: 'await' outside async function
def f():
    await g()
