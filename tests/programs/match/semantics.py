# Match semantics: evaluation order, guards with side effects, subject evaluated once,
# sequences vs strings, mappings with extra keys, class patterns on built-in types.
calls = []
def subject():
    calls.append("subject")
    return [1, 2, 3]
match subject():
    case [1]:
        print("no")
    case [1, 2, 3] if calls.append("guard") or False:
        print("guard false")
    case [1, *rest]:
        print("rest", rest)
print(calls)
for s in ["abc", ("a", "b", "c"), ["a"], range(2), (1,)]:
    match s:
        case [_, _, _]:
            print(repr(s), "three")
        case str():
            print(repr(s), "a string")
        case [x]:
            print(repr(s), "one", x)
        case range():
            print(repr(s), "a range")
for m in [{"a": 1}, {"a": 1, "b": 2}, {"b": 2}, {}, [("a", 1)]]:
    match m:
        case {"a": 1, **rest} if rest:
            print(m, "a with more", rest)
        case {"a": _}:
            print(m, "just a")
        case {}:
            print(m, "some mapping")
        case _:
            print(m, "not a mapping")
for v in [True, 1, 1.0, 0, False, None, "1"]:
    match v:
        case True:
            print(repr(v), "is True")
        case 1:
            print(repr(v), "== 1")
        case False:
            print(repr(v), "is False")
        case None:
            print(repr(v), "is None")
        case int() | str():
            print(repr(v), "int or str")
for v in [5, -3, 2.5, "x", [1], (1, 2), {"k": 1}]:
    match v:
        case int(n) if n > 0:
            print("positive int", n)
        case int(n):
            print("other int", n)
        case float(f):
            print("float", f)
        case str(s):
            print("str", s)
        case list([a]) | tuple((a, _)):
            print("list/tuple", a)
        case dict({"k": kv}):
            print("dict", kv)
class Color:
    RED = "red"
    GREEN = "green"
for c in ["red", "green", "blue"]:
    match c:
        case Color.RED:
            print("stop")
        case Color.GREEN:
            print("go")
        case other:
            print("unknown", other)
class Node:
    __match_args__ = ("left", "right")
    def __init__(self, left, right):
        self.left, self.right = left, right
def depth(t):
    match t:
        case Node(l, r):
            return 1 + max(depth(l), depth(r))
        case _:
            return 0
print(depth(Node(Node(None, Node(1, 2)), 3)))
match (1, 2, 3, 4, 5):
    case (first, *middle, last):
        print(first, middle, last)
match [1, [2, [3, [4]]]]:
    case [a, [b, [c, [d]]]]:
        print(a + b + c + d)
match {"x": 1, "y": {"z": [1, 2]}}:
    case {"y": {"z": [_, second]}, "x": first}:
        print(first, second)
match 42:
    case 1 | 2 | 3:
        print("small")
    case (40 | 41 | 42) as hit:
        print("hit", hit)
x = "outer"
match 7:
    case 8:
        x = "eight"
print(x)
match -1:
    case -1:
        print("negative literal")
match 0.5:
    case 1e-1 | 5e-1:
        print("float literal")
match "ab":
    case "a" "b":
        print("concatenated literal")
