# abc: ABC, ABCMeta, abstractmethod (and with property/classmethod/staticmethod),
# CPython's instantiation error, register, __subclasshook__, get_cache_token.
import abc
from abc import ABC, ABCMeta, abstractmethod


def e(f):
    try:
        print(repr(f()))
    except Exception as x:
        print(type(x).__name__ + ":", x)


class Shape(ABC):
    @abstractmethod
    def area(self):
        ...

    @abstractmethod
    def perimeter(self):
        ...

    def describe(self):
        return f"{type(self).__name__} with area {self.area()}"


class Square(Shape):
    def __init__(self, s):
        self.s = s

    def area(self):
        return self.s ** 2

    def perimeter(self):
        return 4 * self.s


class Half(Shape):
    def area(self):
        return 0


e(lambda: Shape())
e(lambda: Half())
print(Square(3).describe(), Square(2).perimeter(), sorted(Shape.__abstractmethods__),
      sorted(Half.__abstractmethods__), Square.__abstractmethods__)
print(isinstance(Square(1), Shape), issubclass(Square, ABC), type(Shape) is ABCMeta)


class Base(metaclass=ABCMeta):
    @property
    @abstractmethod
    def name(self):
        ...

    @classmethod
    @abstractmethod
    def make(cls):
        ...

    @staticmethod
    @abstractmethod
    def helper():
        ...


e(lambda: Base())


class Impl(Base):
    name = "impl"

    @classmethod
    def make(cls):
        return cls()

    @staticmethod
    def helper():
        return 42


print(Impl.make().name, Impl.helper())


class Duck(ABC):
    @classmethod
    def __subclasshook__(cls, C):
        if cls is Duck:
            return any("quack" in B.__dict__ for B in C.__mro__)
        return NotImplemented


class Mallard:
    def quack(self):
        return "quack"


class Dog:
    pass


print(isinstance(Mallard(), Duck), isinstance(Dog(), Duck), issubclass(Mallard, Duck))
token = abc.get_cache_token()
Duck.register(Dog)
print(isinstance(Dog(), Duck), abc.get_cache_token() != token)


@Duck.register
class Robot:
    pass


print(Robot.__name__, issubclass(Robot, Duck), Duck.__subclasscheck__(int))
e(lambda: Duck.register(3))


class Late(ABC):
    pass


def later(self):
    ...


Late.run = abstractmethod(later)
abc.update_abstractmethods(Late)
e(lambda: Late())
print(abc.ABC.__slots__ if hasattr(abc.ABC, '__slots__') else (), getattr(later, '__isabstractmethod__', False))
