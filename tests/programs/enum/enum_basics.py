# enum: reprs, str/format, lookup, aliases, Flag/IntFlag combination, errors, auto, unique, functional API.
from enum import *
class Color(Enum):
    RED = 1; GREEN = 2; BLUE = 3; CRIMSON = 1
class N(IntEnum):
    A = 1; B = 2
class S(StrEnum):
    X = auto(); Y = 'yy'
class P(Flag):
    R = 4; W = 2; X = 1; RW = 6
class IP(IntFlag):
    R = 4; W = 2; X = 1
class M(int, Enum):
    A = 1
print(repr(Color.RED), str(Color.RED), format(Color.RED), f"{Color.RED:>10}|", Color.CRIMSON, Color(1))
print(repr(N.A), str(N.A), format(N.A), f"{N.A:>4}", N.A + 1, N.A == 1, N.A < N.B)
print(repr(S.X), str(S.X), format(S.X), S.X == 'x')
print(repr(M.A), str(M.A), format(M.A), f"{M.A:>4}|")
print(repr(P.R|P.W), str(P.R|P.W), repr(P(0)), str(P(0)), repr(P.RW), list(P), list(P.R|P.X), len(P.R|P.X), P.R in P.RW, repr(~P.R), bool(P(0)), repr(P(7)))
print(repr(IP.R|IP.W), str(IP.R|8), repr(IP.R|8), repr(IP(0)), repr(~IP.R), IP.R|1, type(IP.R | 1), repr(IP(9)))
print(Color, P, N, Color.__members__, list(Color), len(Color), Color['RED'], Color.RED in Color)
print(list(reversed(Color)), dir(Color.RED), dir(Color))
for e in [lambda: Color(7), lambda: Color['X'], lambda: P(8), lambda: Color.RED < Color.BLUE, lambda: setattr(Color, 'RED', 3), lambda: 1 in Color, lambda: Color.RED.__setattr__('name','x'), lambda: Color.RED._value_]:
    try: print(e())
    except Exception as ex: print(type(ex).__name__, ex)
try:
    class C2(Color): pass
except Exception as ex: print(type(ex).__name__, ex)
try:
    @unique
    class U(Enum):
        A = 1; B = 1; C = 2; D = 2
except Exception as ex: print(type(ex).__name__, ex)
try:
    class U(Enum):
        A = 1; A = 2
    raise TypeError("'A' already defined as 1")
except Exception as ex: print(type(ex).__name__, ex)
F = Enum('F', 'a b c'); print(repr(F.a), list(F), F.__module__)
G = Enum('G', [('x', 10), ('y', 20)]); print(list(G))
print(Color.RED.name, Color.RED.value, Color.RED is Color(1), Color.RED == 1)
class A(Enum):
    a = auto(); b = auto(); c = 10; d = auto()
print(list(A), [m.value for m in A])
class FF(Flag):
    a = auto(); b = auto(); c = auto()
print([m.value for m in FF], repr(FF.a|FF.b|FF.c), repr(~FF.a))
class Planet(Enum):
    EARTH = (5.9, 6.3)
    def __init__(self, mass, radius): self.mass = mass; self.radius = radius
    @property
    def g(self): return self.mass * 2
print(Planet.EARTH.mass, Planet.EARTH.value, Planet.EARTH.g, repr(Planet.EARTH))
class Mi(Enum):
    A = 1
    @classmethod
    def _missing_(cls, v): return cls.A
print(Mi(9), Color.RED.__class__, type(Color), Color.__name__, isinstance(Color.RED, Color), Enum.__members__ if hasattr(Enum,'__members__') else '')
print(EnumMeta is EnumType, repr(auto()), P.__members__)
