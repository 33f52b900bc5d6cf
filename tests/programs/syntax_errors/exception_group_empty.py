# exit: 1
# stderr: ValueError: second argument (exceptions) must be a non-empty sequence
ExceptionGroup('empty', [])
