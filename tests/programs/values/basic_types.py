# bool, None, type(), truthiness, reprs of the basic types.
print(True + 1, True * 3, False - 1, True + True, -True)
print(True == 1, False == 0, True is True, None is None)
print(type(1), type(1.0), type("s"), type(True), type(None))
print(type([]), type(()), type({}), type(set()), type(range(1)))
print(type(1).__name__, type(None).__name__, type(print).__name__ if False else "skip")
def f():
    pass
class C:
    pass
print(type(f).__name__, type(C).__name__, type(C()).__name__, type(len).__name__)
print(bool(0), bool(1), bool(-1), bool(0.0), bool(""), bool("a"), bool([]), bool([0]))
print(bool({}), bool({0: 0}), bool(()), bool((0,)), bool(None), bool(set()), bool(range(0)))
print(repr(None), str(None), repr(True), str(False))
print(None == 0, None == False, not None)
print(f() is None, print("side") is None)
print((1,), (), (1, 2), [()], ((1,),))
print(isinstance(True, int), isinstance(1, bool), issubclass(bool, int))
print(int(True), str(True), float(False))
print(1 if [] else 2, 1 if [[]] else 2)
print(type(type(1)), type(type))
print(repr(C), C.__name__, str(C))
print(str(3) + str(4.5) + str(None) + str([1]) + str((2,)))
x = None
if x is None:
    print("x is None")
if not x:
    print("None is falsy")
print(True and 5, False or "x", None or 0, 0 or None)
print(sorted([True, False, 2, -1, 0]))
print(max(True, 0), min(False, 1), sum([True, True, True]))
