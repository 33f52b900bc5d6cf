# exit: 1
# stderr: SyntaxError: 'await' outside function
await something()
