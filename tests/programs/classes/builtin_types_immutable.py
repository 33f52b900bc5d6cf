# Built-in classes refuse new attributes and deletions, as in CPython. (In gilvm they
# are shared by every interpreter in the process and are immortal: see
# src/vm/refcount.rs. A user class stays open.)
for target, name in [(int, "foo"), (object, "y"), (Exception, "__init__"), (ValueError, "zz")]:
    try:
        setattr(target, name, 1)
    except TypeError as e:
        print("set:", e)
    try:
        delattr(target, name)
    except TypeError as e:
        print("del:", e)


class Open:
    pass


Open.x = 1
print(Open.x)
del Open.x
print(hasattr(Open, "x"))
