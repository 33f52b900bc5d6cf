# operator: every function and its dunder alias, itemgetter/attrgetter/methodcaller,
# length_hint, and the argument errors (from the operator docs).
import operator
from operator import itemgetter, attrgetter, methodcaller

print(operator.add(1, 2), operator.sub(5, 7), operator.mul("ab", 3), operator.truediv(7, 2), operator.floordiv(-7, 2))
print(operator.mod(-7, 3), operator.pow(2, 100), operator.lshift(1, 70), operator.rshift(-256, 3))
print(operator.and_(12, 10), operator.or_(12, 10), operator.xor(12, 10), operator.and_({1, 2}, {2, 3}))
print(operator.neg(5), operator.pos(-2.5), operator.inv(5), operator.invert(-1), operator.abs(-3), operator.abs(-2.5))
print(operator.not_([]), operator.not_(1), operator.truth(""), operator.truth("x"), operator.is_(None, None), operator.is_not(1, None))
print(operator.lt(1, 2), operator.le(2, 2), operator.eq("a", "a"), operator.ne(1, 1.0), operator.gt(3, 2), operator.ge([1], [2]))
print(operator.index(7), operator.index(True), operator.index(2 ** 80), operator.concat([1], [2]), operator.concat("a", "b"))
print(operator.contains([1, 2], 2), operator.contains("abc", "bc"), operator.countOf([1, 2, 1, 1.0], 1), operator.indexOf("abc", "c"))
d = {"a": 1}
operator.setitem(d, "b", 2)
print(d, operator.getitem(d, "a"), operator.getitem("hello", slice(1, 3)), operator.getitem([1, 2, 3], -1))
operator.delitem(d, "a")
print(d, operator.call(len, [1, 2]), operator.call(max, 3, 9, key=lambda x: -x))
lst = [1]
r = operator.iadd(lst, [2, 3])
print(r, lst, r is lst, operator.iadd(1, 2), operator.iconcat(lst, [4]), operator.imul([0], 3), operator.isub(10, 3))
print(operator.ipow(2, 5), operator.imod(10, 4), operator.ifloordiv(9, 2), operator.itruediv(9, 2), operator.ilshift(1, 3))
print(operator.irshift(16, 2), operator.iand(6, 3), operator.ior(6, 3), operator.ixor(6, 3))
print(operator.__add__ is operator.add, operator.__and__(6, 3), operator.__not__(0), operator.__inv__(0), operator.__index__(3))
print(operator.length_hint([1, 2]), operator.length_hint(iter([1, 2, 3])), operator.length_hint(iter("abc")))
print(operator.length_hint(iter(range(5))), operator.length_hint(range(5)), operator.length_hint(5), operator.length_hint(5, 9))
it = iter([1, 2, 3, 4])
next(it)
print(operator.length_hint(it), operator.length_hint(iter({1: 2, 3: 4})), operator.length_hint((x for x in [])))

class Hint:
    def __length_hint__(self):
        return 42
class Dunder:
    def __index__(self):
        return 11
    def __matmul__(self, other):
        return "matmul"
print(operator.length_hint(Hint()), operator.index(Dunder()), operator.matmul(Dunder(), 1), operator.imatmul(Dunder(), 2))

rows = [("b", 2, 5.0), ("a", 3, 1.5), ("c", 1, 9.0)]
print(sorted(rows, key=itemgetter(1)), sorted(rows, key=itemgetter(2, 0)))
print(itemgetter(1)("ABCDEFG"), itemgetter(1, 3, 5)("ABCDEFG"), itemgetter(slice(2, None))("ABCDEFG"), itemgetter("k")({"k": 7}))
print(list(map(itemgetter(0), rows)), itemgetter(0, 1)([9, 8]))

class P:
    def __init__(self, name, child=None):
        self.name = name
        self.child = child
    def greet(self, greeting, punct="!"):
        return greeting + ", " + self.name + punct
p = P("outer", P("inner"))
print(attrgetter("name")(p), attrgetter("child.name")(p), attrgetter("name", "child.name")(p))
print(methodcaller("greet", "hi")(p), methodcaller("greet", "yo", punct="?")(p), methodcaller("upper")("abc"))
print(methodcaller("split", ",", 1)("a,b,c"), methodcaller("count", "a")("banana"))
print(repr(itemgetter(1)), repr(itemgetter(1, "a")), repr(attrgetter("a.b", "c")), repr(methodcaller("f", 1, k=2)))
print(type(itemgetter(1)).__name__, type(attrgetter("x")), isinstance(methodcaller("x"), methodcaller))
print(callable(itemgetter(0)), callable(operator.add))

errors = [
    lambda: operator.add(1), lambda: operator.add(1, 2, 3), lambda: operator.add(x=1),
    lambda: operator.neg(), lambda: operator.neg(1, 2), lambda: operator.neg(x=1),
    lambda: operator.index(1.5), lambda: operator.index("3"), lambda: operator.indexOf([1, 2], 3),
    lambda: operator.concat(1, 2), lambda: operator.concat({}, {}), lambda: operator.setitem([1], 0),
    lambda: operator.countOf(), lambda: operator.call(), lambda: operator.length_hint(),
    lambda: operator.length_hint(1, 2, 3), lambda: operator.length_hint([], x=1),
    lambda: operator.length_hint(3, "a"), lambda: operator.truediv(1, 0), lambda: operator.sub("a", 1),
    lambda: operator.matmul(1, 2), lambda: itemgetter(), lambda: attrgetter(), lambda: attrgetter(1),
    lambda: attrgetter("a", 1), lambda: methodcaller(), lambda: methodcaller(1),
    lambda: itemgetter(1)([]), lambda: itemgetter(1)(), lambda: itemgetter(1)(x=1),
    lambda: itemgetter("z")({}), lambda: attrgetter("x")(1), lambda: attrgetter("child.nope")(p),
    lambda: methodcaller("nope")(p), lambda: methodcaller("greet")(p),
]
for f in errors:
    try:
        print("no error:", f())
    except Exception as e:
        print(type(e).__name__ + ":", e)
