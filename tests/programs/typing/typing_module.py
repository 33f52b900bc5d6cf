# typing: every common name importable, the reprs of aliases, Generic/TypeVar,
# Protocol with runtime_checkable, NamedTuple, TypedDict, cast, overload, NewType,
# get_type_hints/get_origin/get_args, and the errors CPython raises.
from typing import (Any, Optional, Union, List, Dict, Tuple, Set, FrozenSet, Callable,
                    Iterable, Iterator, Generator, Sequence, Mapping, MutableMapping, Type,
                    TypeVar, Generic, Protocol, NamedTuple, TypedDict, cast, overload,
                    get_type_hints, get_origin, get_args, TYPE_CHECKING, ClassVar, Final,
                    Literal, Annotated, NoReturn, Deque, DefaultDict, Counter, OrderedDict,
                    NewType, runtime_checkable, final, AnyStr, Text, Awaitable, Coroutine,
                    AsyncIterator, Hashable, Sized, SupportsInt, SupportsFloat, IO, TextIO)
import typing


def e(f):
    try:
        print(repr(f()))
    except Exception as x:
        print(type(x).__name__ + ":", x)


print(TYPE_CHECKING, Any, Optional, Union, List, Dict, Callable, Iterable)
print(List[int], Dict[str, List[int]], Optional[int], Optional[List[int]], Union[int, str])
print(Tuple[int, ...], Tuple[int, str], Callable[[int], str], Callable[..., int], Set[str])
print(Union[int, None], Union[int, int], Union[int, Union[str, float]], Type[int], ClassVar[int])
print(Literal[1, 'a'], Final[int], Annotated[int, 'meta'], Deque[int], DefaultDict[str, int])
print(Union[int, str] == Union[str, int], List[int] == List[int], List[int] == List[str])
print(get_origin(List[int]), get_origin(Union[int, str]) is Union, get_args(Dict[str, int]),
      get_args(Callable[[int, str], bool]), get_origin(int), get_args(int))
print(isinstance([], List), isinstance({}, Dict), issubclass(list, Sequence), isinstance(3, Union[int, str]),
      isinstance(3.5, Optional[int]), isinstance(iter([]), Iterator))
e(lambda: isinstance([], List[int]))
e(lambda: isinstance(1, Any))
e(lambda: List())
e(lambda: Dict[int])
e(lambda: Union[()])
e(lambda: Optional())

T = TypeVar('T')
K = TypeVar('K', str, bytes) if False else TypeVar('K', str, int)
B = TypeVar('B', bound=int)
Co = TypeVar('Co', covariant=True)
print(T, K, B, Co, T.__name__, K.__constraints__, B.__bound__, List[T], Dict[str, T][int])


class Stack(Generic[T]):
    def __init__(self):
        self.items: List[T] = []

    def push(self, item: T) -> None:
        self.items.append(item)

    def pop(self) -> T:
        return self.items.pop()


s = Stack[int]()
s.push(1); s.push(2)
print(s.pop(), Stack.__parameters__, type(s).__name__, Stack[int], isinstance(s, Stack))


class Pair(Generic[K, T]):
    pass


print(Pair[str, int], Pair.__mro__[1:])


@runtime_checkable
class Closer(Protocol):
    def close(self) -> None:
        ...


class Resource:
    def close(self):
        return "closed"


class NotProto(Protocol):
    def go(self):
        ...


print(isinstance(Resource(), Closer), isinstance(1, Closer), issubclass(Resource, Closer))
e(lambda: isinstance(Resource(), NotProto))
e(lambda: NotProto())
print(isinstance(3, SupportsInt), isinstance('x', SupportsInt), isinstance(2.5, SupportsFloat))


class Employee(NamedTuple):
    name: str
    id: int = 3

    def tag(self):
        return f"{self.name}#{self.id}"


emp = Employee('Guido')
print(emp, emp.tag(), Employee._fields, Employee._field_defaults, Employee.__annotations__,
      isinstance(emp, tuple), emp._replace(id=9))
Point = NamedTuple('Point', [('x', int), ('y', int)])
print(Point(1, 2), Point._fields)
e(lambda: exec("class Bad(NamedTuple):\n    a: int = 1\n    b: int\n", {'NamedTuple': NamedTuple}))


class Movie(TypedDict):
    name: str
    year: int


class Partial(TypedDict, total=False):
    rating: float


m = Movie(name='Blade Runner', year=1982)
print(m, type(m), Movie.__required_keys__ == {'name', 'year'}, Partial.__optional_keys__,
      Partial.__total__, sorted(Movie.__annotations__))
e(lambda: isinstance(m, Movie))
Alt = TypedDict('Alt', {'x': int})
print(Alt(x=1), Alt.__required_keys__)

print(cast(int, 'not an int'), cast('List[int]', [1]))


@overload
def double(x: int) -> int: ...


@overload
def double(x: str) -> str: ...


def double(x):
    return x * 2


print(double(2), double('ab'))
e(lambda: overload(lambda x: x)(1))

UserId = NewType('UserId', int)
print(UserId(5), UserId, UserId.__supertype__)
e(lambda: exec("class Sub(UserId): pass", {'UserId': UserId}))


class Annotated_:
    a: int
    b: 'str'
    c: Optional[List[int]] = None


print(get_type_hints(Annotated_))



@final
class Leaf:
    pass


print(Leaf.__final__, Text is str, AnyStr.__name__, typing.Hashable, typing.AbstractSet[int])
