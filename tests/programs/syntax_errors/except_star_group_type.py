# exit: 1
# stderr: TypeError: catching ExceptionGroup with except* is not allowed. Use except instead.
try:
    raise ExceptionGroup('g', [ValueError()])
except* ExceptionGroup:
    pass
