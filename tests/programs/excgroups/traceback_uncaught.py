# exit: 1
# stderr: "      +------------------------------------"
# An uncaught exception group is printed in CPython's nested-box format.
def f():
    raise ValueError(1)
try:
    f()
except ValueError as e:
    first = e
print("before")
raise ExceptionGroup("outer", [first, TypeError(2), ExceptionGroup("inner", [KeyError("k"), OSError(3)])])
