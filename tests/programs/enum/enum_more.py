# enum: members with methods, _missing_, _generate_next_value_, IntEnum arithmetic, match, dicts and sorting.
from enum import Enum, IntEnum, StrEnum, Flag, IntFlag, auto, unique, EnumMeta, EnumType


class Shape(Enum):
    CIRCLE = 'circle'
    SQUARE = 'square'

    def describe(self):
        return 'a %s named %s' % (self.value, self.name)

    @classmethod
    def default(cls):
        return cls.CIRCLE

    @staticmethod
    def helper():
        return 'static'

    @property
    def upper(self):
        return self.value.upper()


print(Shape.CIRCLE.describe(), Shape.default(), Shape.helper(), Shape.SQUARE.upper)
print(Shape('square'), Shape['CIRCLE'], getattr(Shape, 'SQUARE'))


class Lower(Enum):
    A = 'a'
    B = 'b'

    @classmethod
    def _missing_(cls, value):
        if isinstance(value, str):
            for m in cls:
                if m.value == value.lower():
                    return m
        return None


print(Lower('A'), Lower('b'))
try:
    Lower('c')
except ValueError as e:
    print('ValueError', e)


class Named(Enum):
    def _generate_next_value_(name, start, count, last_values):
        return name.title() + str(count)

    ALPHA = auto()
    BETA = auto()


print([m.value for m in Named])


class Prio(IntEnum):
    LOW = 1
    MID = 5
    HIGH = 10


print(sorted([Prio.HIGH, Prio.LOW, Prio.MID]), Prio.LOW + Prio.MID, Prio(5), Prio.HIGH > 3)
print(max(Prio), min(Prio), int(Prio.MID), Prio.MID * 2, isinstance(Prio.LOW, int), [p for p in Prio if p >= 5])
print('%d %s %r' % (Prio.LOW, Prio.LOW, Prio.LOW), '{}'.format(Prio.HIGH), f'{Prio.MID:03d}')
try:
    Prio(7)
except ValueError as e:
    print('ValueError', e)


class Mode(StrEnum):
    READ = auto()
    WRITE = 'w'


print(Mode.READ, Mode.READ.upper(), Mode.WRITE + '+', Mode('w'), '-'.join(Mode), Mode.READ == 'read')
try:
    class Bad(StrEnum):
        X = 1
except TypeError as e:
    print('TypeError', e)

d = {Shape.CIRCLE: 1, Shape.SQUARE: 2}
print(d[Shape.CIRCLE], Shape.CIRCLE in d, Shape.CIRCLE == Shape.CIRCLE, Shape.CIRCLE != Shape.SQUARE)
print(Shape.CIRCLE is Shape('circle'), Shape.CIRCLE == 'circle', type(Shape.CIRCLE).__name__)


def kind(s):
    match s:
        case Shape.CIRCLE:
            return 'round'
        case Shape.SQUARE:
            return 'boxy'


print(kind(Shape.CIRCLE), kind(Shape.SQUARE))


class Perm(IntFlag):
    R = 4
    W = 2
    X = 1


rw = Perm.R | Perm.W
print(rw, repr(rw), Perm.R in rw, Perm.X in rw, rw & Perm.R, repr(rw ^ Perm.W), list(rw), rw == 6, int(rw))
print(repr(Perm(7)), repr(Perm.R & Perm.W), bool(Perm.R & Perm.W), repr(Perm.R | 16))


class Color(Flag):
    RED = auto()
    GREEN = auto()
    BLUE = auto()
    WHITE = RED | GREEN | BLUE


print(repr(Color.WHITE), list(Color.WHITE), repr(Color.RED | Color.BLUE), str(Color.RED | Color.BLUE))
print([c.name for c in Color], repr(Color(0)), Color.RED.name, (Color.RED | Color.GREEN).name, Color(0).name)
print(len(Color), len(Color.WHITE), list(Color.__members__))


@unique
class Fine(Enum):
    A = 1
    B = 2


print(list(Fine), Fine.A.__class__ is Fine, EnumMeta is EnumType, type(Fine) is EnumType)


class Base(Enum):
    def hello(self):
        return 'hello ' + self.name


class Child(Base):
    X = 1


print(Child.X.hello(), issubclass(Child, Base), isinstance(Child.X, Base))

Animal = Enum('Animal', 'ANT BEE CAT', start=10)
print(list(Animal), Animal.BEE.value)
Dirs = IntEnum('Dirs', {'N': 0, 'S': 180})
print(repr(Dirs.S), Dirs.S + 1)


class Empty(Enum):
    pass


print(list(Empty), len(Empty), bool(Empty))
for bad in [lambda: Shape.CIRCLE < Shape.SQUARE, lambda: setattr(Shape.CIRCLE, 'value', 3), lambda: Animal['DOG'], lambda: Color(8)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
