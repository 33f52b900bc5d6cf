# Exact messages of common built-in errors, via str(e) and repr(e).
def msg(f):
    try:
        f()
    except Exception as e:
        return type(e).__name__ + ": " + str(e)
    return "no error"
undefined_name = None
del undefined_name
print(msg(lambda: undefined_name))
print(msg(lambda: [1, 2][5]))
print(msg(lambda: (1, 2)[-3]))
print(msg(lambda: "abc"[10]))
print(msg(lambda: 1 + "a"))
print(msg(lambda: "a" + 1))
print(msg(lambda: [1] + (2,)))
print(msg(lambda: 1 / 0))
print(msg(lambda: 1 // 0))
print(msg(lambda: 1 % 0))
print(msg(lambda: 1.0 / 0))
five = 5
print(msg(lambda: five[0]))
print(msg(lambda: None.foo))
print(msg(lambda: {"a": 1}["k"]))
print(msg(lambda: int("abc")))
print(msg(lambda: float("x")))
print(msg(lambda: len(5)))
nothing = None
print(msg(lambda: nothing()))
print(msg(lambda: "x" * "y"))
print(msg(lambda: [].pop()))
print(msg(lambda: [1].remove(2)))
print(msg(lambda: [1].index(2)))
print(msg(lambda: "abc".index("z")))
print(msg(lambda: next(iter([]))))
print(msg(lambda: {}.popitem()))
print(msg(lambda: set().pop()))
print(msg(lambda: "abc".foo))
print(msg(lambda: -"a"))
print(msg(lambda: 2 < "a"))
print(msg(lambda: sorted([3, "a"])))
print(msg(lambda: hash([])))
print(msg(lambda: {[]: 1}))
print(msg(lambda: chr(-1)))
half = 1.5
print(msg(lambda: "abc"[half]))
print(msg(lambda: (1, 2).append(3)))
print(msg(lambda: abs("x")))
x = 5
print(msg(lambda: x()))
print(msg(lambda: 2 ** 10000 * 1.0))
print(msg(lambda: divmod(1, 0)))
print(msg(lambda: [].foo()))
def f():
    return y_local_later
    y_local_later = 1
print(msg(f))
print(repr(KeyError("k")), repr(IndexError("list index out of range")))
