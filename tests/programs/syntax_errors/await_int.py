# exit: 1
# stderr: TypeError: object int can't be used in 'await' expression
async def f():
    await 5
f().send(None)
