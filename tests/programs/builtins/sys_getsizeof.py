# sys.getsizeof: __sizeof__ honoured (plus the collector's head for tracked objects),
# the default argument, CPython's errors. The sizes themselves are the VM's own
# (gilvm's objects are not CPython's), so only facts true of both are printed.
import sys


class Sized:
    def __sizeof__(self):
        return 1000


class Negative:
    def __sizeof__(self):
        return -1


class Wrong:
    def __sizeof__(self):
        return "big"


class Floaty:
    def __sizeof__(self):
        return 1.5


class NotCallable:
    __sizeof__ = None


class Plain:
    pass


s = Sized()
print(1000 <= sys.getsizeof(s) <= 1100, s.__sizeof__())
print(sys.getsizeof(s, "unused") == sys.getsizeof(s))
for obj in (Negative(), Wrong(), Floaty(), NotCallable()):
    try:
        sys.getsizeof(obj)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
    try:
        print("default:", sys.getsizeof(obj, -7))
    except ValueError as e:
        print("default does not cover", type(e).__name__, e)

# An instance's own __sizeof__ in its __dict__ is not used (looked up on the type).
p = Plain()
p.__sizeof__ = lambda: 5
q = Plain()
q.other = lambda: 5
print(sys.getsizeof(p) == sys.getsizeof(q))

# Sizes grow with content, and every object has one.
print(sys.getsizeof([]) < sys.getsizeof(list(range(100))))
print(sys.getsizeof("") < sys.getsizeof("x" * 1000))
print(sys.getsizeof(b"") < sys.getsizeof(b"x" * 1000))
print(sys.getsizeof(()) < sys.getsizeof(tuple(range(100))))
print(sys.getsizeof({}) < sys.getsizeof({i: i for i in range(100)}))
print(sys.getsizeof(set()) < sys.getsizeof(set(range(100))))
print(sys.getsizeof(1) <= sys.getsizeof(2 ** 200))
print(all(sys.getsizeof(o) > 0 for o in (None, True, 1.5, len, Plain, sys, object(), [].append)))
print(sys.getsizeof(object=s) == sys.getsizeof(s), sys.getsizeof(Negative.__new__(Wrong), default=3))


class L(list):
    pass


big = L(range(100))
print(sys.getsizeof(big) >= sys.getsizeof(list(range(100))) - 100)
print([].__sizeof__() > 0, object.__sizeof__(big) > 0, type(sys.getsizeof(0)).__name__)
try:
    sys.getsizeof()
except TypeError as e:
    print("TypeError")
try:
    object().__sizeof__(1)
except TypeError as e:
    print("TypeError")
