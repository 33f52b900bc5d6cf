# Variable annotations: module and class bodies evaluate them after the value and keep
# simple names' in __annotations__ (mangled in a class); a parenthesized or dotted
# target's annotation is evaluated but not kept; function bodies never evaluate them.
order = []


def note(tag, value=None):
    order.append(tag)
    return value if value is not None else tag


x: note("ann x", int) = note("value x", 5)
y: "a string"
print(__annotations__)
print(order)


class P:
    a: int
    b: str = "s"
    __c: float = 1.0
    if True:
        d: list
    (e): note("paren e") = 3

    def m(self):
        q: undefined_name = 1
        self.r: also_undefined = 2
        return q, self.r

    class Inner:
        z: tuple


print(P.__annotations__)
print(P.b, P.e, P().m(), P.Inner.__annotations__)
print(order)


class Holder:
    pass


h = Holder()
h.attr: note("attr ann")
h.items = {}
h.items["k"]: note("subscript ann")
print(order[-2:], hasattr(h, "attr"))

try:
    missing: int
    print(missing)
except NameError as err:
    print("NameError:", err)
