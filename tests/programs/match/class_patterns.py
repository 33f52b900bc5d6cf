# Class patterns: __match_args__, keyword patterns, built-in self matching, errors.
class P:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x, self.y = x, y
class P3(P):
    __match_args__ = ("x", "y", "z")
    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z
class NoArgs:
    def __init__(self):
        self.a = 1
for obj in [P(1, 2), P3(1, 2, 3), P(0, 0), NoArgs(), 5]:
    match obj:
        case P3(x, y, z=zz):
            print("P3", x, y, zz)
        case P(0, y=0):
            print("origin")
        case P(x, y):
            print("P", x, y)
        case NoArgs(a=1):
            print("NoArgs a=1")
        case int(i):
            print("int", i)
class Bad:
    __match_args__ = ["x"]
class BadElt:
    __match_args__ = (1,)
class Dup:
    __match_args__ = ("a",)
    def __init__(self):
        self.a = 1
def attempt(subject, which):
    try:
        match subject:
            case Bad(x) if which == 0:
                return "matched Bad"
            case BadElt(x) if which == 1:
                return "matched BadElt"
            case P(a, b, c) if which == 2:
                return "too many"
            case Dup(v, a=w) if which == 3:
                return "dup"
            case int(a, b) if which == 4:
                return "int two"
        return "no match"
    except TypeError as e:
        return "TypeError: " + str(e)
print(attempt(Bad(), 0))
print(attempt(BadElt(), 1))
print(attempt(P(1, 2), 2))
print(attempt(Dup(), 3))
print(attempt(5, 4))
print(attempt("not", 0))
try:
    match 1:
        case len():
            pass
except TypeError as e:
    print("TypeError:", e)
class Missing:
    __match_args__ = ("nope",)
match Missing():
    case Missing(v):
        print("unexpected", v)
    case _:
        print("attribute missing: no match")
