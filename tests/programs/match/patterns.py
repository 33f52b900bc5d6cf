# Every pattern kind: literal, capture, wildcard, value, sequence with star, mapping with
# **rest, class with __match_args__ and keywords, or, as, guards; failed cases bind nothing.
class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y): self.x, self.y = x, y
def describe(v):
    match v:
        case 0 | 1:
            return "small"
        case None:
            return "none"
        case [x, y, *rest] if rest:
            return f"seq {x} {y} rest={rest}"
        case [x, y]:
            return f"pair {x} {y}"
        case (1, *_, 9):
            return "1..9"
        case {"k": v2, **others}:
            return f"map k={v2} others={others}"
        case Point(x=0, y=yy):
            return f"on y axis {yy}"
        case Point(a, b) as p:
            return f"point {a},{b} {type(p).__name__}"
        case str() as s if len(s) > 3:
            return "long str " + s
        case int(n) | float(n):
            return f"number {n}"
        case _:
            return "other"
for v in [0, 1, None, [1, 2, 3], [1, 2], (1, 5, 9), (1, 9), {"k": 1, "z": 2}, Point(0, 5), Point(2, 3), "hello", "hi", 42, 2.5, {}]:
    print(repr(v) if not isinstance(v, Point) else "P", "->", describe(v))
match (1, 2):
    case (a, 3): pass
    case _: pass
try:
    print(a)
except NameError as e:
    print("NameError", e)
match {"a": [1, {"b": 2}]}:
    case {"a": [1, {"b": q}]}:
        print("deep", q)
import math
match 3.141592653589793:
    case math.pi: print("pi!")
match 5:
    case x:
        print("captured", x)
