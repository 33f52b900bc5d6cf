# __eq__, __lt__ and other comparisons, __hash__, sorting user objects.
class Version:
    def __init__(self, major, minor):
        self.major = major
        self.minor = minor
    def key(self):
        return (self.major, self.minor)
    def __eq__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.key() == other.key()
    def __lt__(self, other):
        return self.key() < other.key()
    def __le__(self, other):
        return self.key() <= other.key()
    def __gt__(self, other):
        return self.key() > other.key()
    def __ge__(self, other):
        return self.key() >= other.key()
    def __hash__(self):
        return hash(self.key())
    def __repr__(self):
        return "v" + str(self.major) + "." + str(self.minor)
a, b, c = Version(1, 2), Version(1, 10), Version(1, 2)
print(a == c, a != b, a < b, a <= c, b > a, b >= a, a is c)
print(a == "1.2", a != "1.2")
vs = [Version(2, 0), Version(1, 5), Version(1, 0), Version(3, 1)]
print(sorted(vs), max(vs), min(vs), sorted(vs, reverse=True))
print(len({a, b, c}), a in [b, c], {a: "first", c: "second"})
class OnlyLt:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        print("lt", self.v, other.v)
        return self.v < other.v
x, y = OnlyLt(1), OnlyLt(2)
print(x < y)
print(y > x)
class NoEq:
    pass
n1, n2 = NoEq(), NoEq()
print(n1 == n1, n1 == n2, n1 != n2)
class AlwaysEqual:
    def __eq__(self, other):
        return True
print(AlwaysEqual() == 5, 5 == AlwaysEqual(), AlwaysEqual() != 5)
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __eq__(self, other):
        return self.cents == other.cents
print(Money(5) == Money(5), Money(5) != Money(6))
try:
    hash(Money(5))
except TypeError as e:
    print("TypeError:", e)
try:
    NoEq() < NoEq()
except TypeError as e:
    print("TypeError:", e)
print(sorted([Version(1, 1), Version(0, 9)], key=lambda v: v.minor))
