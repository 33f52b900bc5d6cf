# collections.OrderedDict (move_to_end, popitem(last=), order-sensitive equality)
# and namedtuple (_fields, _asdict, _replace, _make, defaults, rename, module, repr).
from collections import OrderedDict, namedtuple


def e(f):
    try:
        print(repr(f()))
    except Exception as x:
        print(type(x).__name__ + ":", x)


od = OrderedDict([('a', 1), ('b', 2), ('c', 3)])
od.move_to_end('a'); print(od)
od.move_to_end('c', last=False); print(od, list(od), list(od.keys()), list(od.values()))
print(od.popitem(), od.popitem(last=False), od)
e(lambda: OrderedDict().popitem())
e(lambda: od.move_to_end('zz'))
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), OrderedDict(a=1, b=2) == dict(b=2, a=1),
      OrderedDict(a=1) != OrderedDict(a=1), OrderedDict())
print(list(reversed(OrderedDict(a=1, b=2))), OrderedDict.fromkeys('xy', 0), OrderedDict({'k': 1}))
o = OrderedDict(); o['x'] = 1; o['y'] = 2; o['x'] = 3; print(o, o.copy(), type(o.copy()).__name__)
o.update([('z', 0)], w=9); print(o, o | {'n': 1}, o.setdefault('m', 7), o.pop('m'))
r = OrderedDict(); r['self'] = r; print(r)
cache = OrderedDict()
for key in [1, 2, 3, 1, 4, 2, 5]:
    if key in cache:
        cache.move_to_end(key)
    cache[key] = str(key)
    if len(cache) > 3:
        cache.popitem(last=False)
print(cache)

Point = namedtuple('Point', 'x y')
p = Point(1, y=2)
print(p, p.x, p[1], p._fields, p._asdict(), p._replace(x=5), Point._make([3, 4]))
print(type(p).__name__, isinstance(p, tuple), len(p), p == (1, 2), hash(p) == hash((1, 2)))
x, y = p; print(x + y, Point.__doc__, Point.x.__doc__, p.__match_args__, Point.__module__)
print(Point(*range(2)), Point(**{'x': 'a', 'y': 'b'}), sorted([Point(2, 1), Point(1, 2)]))
P3 = namedtuple('P3', ['a', 'b', 'c'], defaults=[0, 1])
print(P3(9), P3(9, 8), P3._field_defaults, P3._fields)
print(namedtuple('R', 'a def a _b', rename=True)._fields, namedtuple('S', 'a, b , c')._fields)
print(namedtuple('M', 'a', module='mymod').__module__, namedtuple('One', 'v')(1), namedtuple('E', '')())
e(lambda: Point(1))
e(lambda: Point(1, 2, 3))
e(lambda: Point(1, 2, z=3))
e(lambda: Point._make([1]))
e(lambda: p._replace(z=1))
e(lambda: namedtuple('A', 'x x'))
e(lambda: namedtuple('A', 'x _y'))
e(lambda: namedtuple('A', 'x def'))
e(lambda: namedtuple('1A', 'x'))
e(lambda: namedtuple('A', ['x', 3]))
e(lambda: namedtuple('A', 'x', defaults=[1, 2]))
e(lambda: setattr(p, 'x', 3))
e(lambda: setattr(p, 'z', 3))
match p:
    case Point(x=1, y=yy):
        print("matched", yy)


class Vec(namedtuple('Vec', 'x y')):
    __slots__ = ()

    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5


print(abs(Vec(3, 4)), Vec(3, 4), Vec(1, 2)._replace(y=0))
