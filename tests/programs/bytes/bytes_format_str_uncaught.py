# %s of a str in bytes formatting is a TypeError, as CPython's.
# exit: 1
# stderr: TypeError: %b requires a bytes-like object, or an object that implements __bytes__, not 'str'
print(b"%s" % b"fine")
print(b"%s" % "not bytes")
