# exit: 1
# stderr: SyntaxError: bytes can only contain ASCII literal characters
x = b'café'
