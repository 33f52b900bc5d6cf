# dataclasses: generated methods, field options, KW_ONLY, frozen, order, slots, helpers, CPython's errors.
from dataclasses import (dataclass, field, fields, asdict, astuple, replace, is_dataclass,
                         FrozenInstanceError, KW_ONLY, InitVar, make_dataclass, MISSING)
from typing import ClassVar, List


@dataclass
class Point:
    x: int
    y: int = 0


p = Point(1, 2)
print(p, Point(3), Point(y=5, x=4), p == Point(1, 2), p != Point(2, 1), p == (1, 2))
print(Point.__match_args__, [f.name for f in fields(Point)], asdict(p), astuple(p), replace(p, y=9))
print(is_dataclass(p), is_dataclass(Point), is_dataclass(3), Point.__hash__)
try:
    Point()
except TypeError as e:
    print('TypeError', e)
try:
    Point(1, 2, 3)
except TypeError as e:
    print('TypeError', e)


@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0
    tag: str = field(default='', compare=False, repr=False)


vs = [Version(1, 2), Version(1, 0, 'x'), Version(0, 9)]
print(sorted(vs), Version(1) < Version(1, 1), Version(2) >= Version(1, 9), Version(1, 0, 'a') == Version(1, 0, 'b'))
print(hash(Version(1, 2)) == hash(Version(1, 2)), len({Version(1), Version(1), Version(2)}))
try:
    Version(1).major = 3
except FrozenInstanceError as e:
    print('FrozenInstanceError', e, isinstance(e, AttributeError))
try:
    del Version(1).minor
except FrozenInstanceError as e:
    print('FrozenInstanceError', e)


@dataclass
class Inventory:
    items: List[str] = field(default_factory=list)
    counts: dict = field(default_factory=dict, repr=False)
    total: ClassVar[int] = 0
    note: str = field(default='n', init=False)
    meta: int = field(default=1, metadata={'unit': 'kg'})


a, b = Inventory(), Inventory()
a.items.append('apple')
print(a, b, a.items is b.items, Inventory.total, fields(Inventory)[-1].metadata['unit'])
print([f.name for f in fields(Inventory)], Inventory(['x'], {'x': 1}))


@dataclass
class WithPost:
    a: int
    b: int = field(init=False)
    scale: InitVar[int] = 2

    def __post_init__(self, scale):
        self.b = self.a * scale


print(WithPost(3), WithPost(3, 10), [f.name for f in fields(WithPost)])


@dataclass
class Opts:
    name: str
    _: KW_ONLY
    verbose: bool = False
    level: int = 1


print(Opts('x', verbose=True), Opts('y', level=3))
try:
    Opts('x', True)
except TypeError as e:
    print('TypeError', e)


@dataclass(kw_only=True)
class K:
    a: int
    b: int = 2


print(K(a=1), K.__match_args__)


@dataclass
class Base:
    x: int
    y: int = 1


@dataclass
class Derived(Base):
    z: int = 5
    x: int = 10


print(Derived(), Derived(1, 2, 3), [f.name for f in fields(Derived)], isinstance(Derived(), Base))


@dataclass(slots=True)
class Slotted:
    a: int
    b: str = 'b'


s = Slotted(1)
print(s, Slotted.__slots__, hasattr(s, '__dict__'))
try:
    s.c = 1
except AttributeError as e:
    print('AttributeError', e)


@dataclass(unsafe_hash=True)
class Hashy:
    a: int
    b: int = field(default=0, hash=False)


print(hash(Hashy(1, 2)) == hash(Hashy(1, 3)), Hashy(1) in {Hashy(1)})


@dataclass(eq=False, repr=False)
class Plain:
    a: int


print(Plain(1) == Plain(1), repr(Plain(1)).startswith('<__main__.Plain object'))


@dataclass
class Node:
    value: int
    children: list = field(default_factory=list)


tree = Node(1, [Node(2), Node(3, [Node(4)])])
print(tree)
print(asdict(tree))
print(astuple(tree))


@dataclass
class Custom:
    a: int

    def __repr__(self):
        return 'custom!'


print(Custom(1), Custom(1) == Custom(1))

M = make_dataclass('M', ['a', ('b', int), ('c', int, field(default=3))])
print(M(1, 2), M(1, 2, 4).c)

for bad in [
    "@dataclass\nclass E:\n    x: int = 1\n    y: int\n",
    "@dataclass\nclass E:\n    x: list = []\n",
    "@dataclass(order=True, eq=False)\nclass E:\n    x: int\n",
    "field(default=1, default_factory=list)\n",
    "@dataclass\nclass E:\n    x: int = 1\nreplace(E(), y=2)\n",
    "fields(3)\n",
    "asdict(Point)\n",
    "@dataclass(order=True)\nclass E:\n    x: int\nE(1) < 3\n",
]:
    try:
        exec(bad)
    except Exception as e:
        print(type(e).__name__, e)
