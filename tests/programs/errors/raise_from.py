# exit: 1
# stderr: KeyError: 'setting'
# raise ... from ...: the cause is printed first, then the direct cause message, then this.
settings = {}
try:
    1 / 0
except ZeroDivisionError as e:
    print("handling", type(e).__name__)
    raise KeyError("setting") from e
