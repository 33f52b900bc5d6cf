# collections.abc: isinstance/issubclass against built-in and user classes,
# __subclasshook__ duck typing, register, and the mixin methods.
from collections import deque, OrderedDict, Counter, defaultdict
from collections.abc import (Iterable, Iterator, Generator, Reversible, Sized, Container,
                             Collection, Callable, Hashable, Sequence, MutableSequence,
                             Set, MutableSet, Mapping, MutableMapping, KeysView,
                             ItemsView, ValuesView, Awaitable, Coroutine, AsyncIterable)
import collections.abc


def e(f):
    try:
        print(repr(f()))
    except Exception as x:
        print(type(x).__name__ + ":", x)


builtins_ = [[], (), {}, set(), frozenset(), 'ab', range(3), 1, 1.5, None, len, deque(),
             OrderedDict(), Counter(), defaultdict(int), iter([])]
abcs = [Iterable, Iterator, Reversible, Sized, Container, Collection, Callable, Hashable,
        Sequence, MutableSequence, Set, MutableSet, Mapping, MutableMapping]
for obj in builtins_:
    print(type(obj).__name__.ljust(16),
          ''.join('x' if isinstance(obj, a) else '.' for a in abcs))


def gen():
    yield 1


async def coro():
    pass


c = coro()
print(isinstance(gen(), Generator), isinstance(gen(), Iterator), isinstance(c, Coroutine),
      isinstance(c, Awaitable), issubclass(list, Sized), issubclass(int, Iterable))
c.close()
print(isinstance({}.keys(), KeysView), isinstance({}.items(), ItemsView), isinstance({}.values(), ValuesView))


class MyIt:
    def __iter__(self):
        return self

    def __next__(self):
        raise StopIteration


class NoIter:
    __iter__ = None


print(isinstance(MyIt(), Iterator), issubclass(MyIt, Iterable), isinstance(MyIt(), Sized),
      isinstance(NoIter(), Iterable))


class MyMap(Mapping):
    def __init__(self, **kw):
        self._d = dict(kw)

    def __getitem__(self, k):
        return self._d[k]

    def __len__(self):
        return len(self._d)

    def __iter__(self):
        return iter(self._d)


m = MyMap(k='v', n=1)
print(m.get('k'), m.get('x', 0), 'k' in m, list(m.items()), list(m.keys()), list(m.values()),
      m == {'k': 'v', 'n': 1}, dict(m), len(m.keys()), m.keys() & {'k'})


class MySeq(Sequence):
    def __init__(self, *items):
        self._items = items

    def __getitem__(self, i):
        return self._items[i]

    def __len__(self):
        return len(self._items)


s = MySeq(3, 1, 3)
print(list(s), list(reversed(s)), s.index(1), s.count(3), 3 in s, 7 in s)
e(lambda: s.index(7))


class MySet(MutableSet):
    def __init__(self, it=()):
        self._s = set(it)

    def __contains__(self, x):
        return x in self._s

    def __iter__(self):
        return iter(sorted(self._s))

    def __len__(self):
        return len(self._s)

    def add(self, x):
        self._s.add(x)

    def discard(self, x):
        self._s.discard(x)


a = MySet([1, 2, 3])
print(list(a & {2, 3, 4}), list(a | {9}), list(a - {1}), list(a ^ {3, 4}), a <= MySet([1, 2, 3, 4]),
      a == MySet([3, 2, 1]), a.isdisjoint([7]))
a |= {5}; a -= {1}; print(list(a), a.pop(), list(a))


class Registered:
    pass


print(isinstance(Registered(), Sequence))
Sequence.register(Registered)
print(isinstance(Registered(), Sequence), issubclass(Registered, Iterable), issubclass(Registered, Sized))
print(MutableSequence.register(list) is list)


class Incomplete(MutableMapping):
    def __getitem__(self, k):
        return 1


e(lambda: Incomplete())
e(lambda: Sequence())
e(lambda: issubclass(1, Iterable))
e(lambda: isinstance(1, (Iterable, Hashable)))
e(lambda: Hashable.register(1))
print(Iterable.__module__, collections.abc.Mapping.__name__, sorted(collections.abc.__all__)[:4])
