# exit: 1
# stderr: SyntaxError: cannot mix bytes and nonbytes literals
x = b'a' 'b'
