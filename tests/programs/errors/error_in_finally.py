# exit: 1
# stderr: IndexError: from finally
# An exception raised in finally replaces the one in flight.
try:
    print("in try")
    raise ValueError("original")
finally:
    print("in finally")
    raise IndexError("from finally")
