# Class keyword arguments: metaclass=, keywords passed to __prepare__/__new__/__init__
# and to __init_subclass__, **kwargs and *bases in a class statement.
class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        print("Meta.__new__", name, sorted(kw.items()))
        return super().__new__(mcls, name, bases, ns)
    def __init__(cls, name, bases, ns, **kw):
        print("Meta.__init__", name, sorted(kw.items()))
        super().__init__(name, bases, ns)
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print("prepare", name, sorted(kw.items()))
        return {}

class A(metaclass=Meta, flag=1):
    pass
print(type(A).__name__)

class Base:
    def __init_subclass__(cls, /, tag=None, **kw):
        super().__init_subclass__(**kw)
        cls.tag = tag
        print("init_subclass", cls.__name__, tag)

class B(Base, tag="b"):
    pass
print(B.tag)
opts = {"tag": "c"}
class C(Base, **opts):
    pass
print(C.tag)
bases = (Base,)
class D(*bases, tag="d"):
    pass
print(D.tag, D.__mro__)
try:
    class E(Base, bogus=1):
        pass
except TypeError as e:
    print("TypeError:", e)
try:
    class F(metaclass=Meta, **{"x": 1}):
        pass
except TypeError as e:
    print("TypeError:", e)
class G(object, metaclass=type):
    pass
print(type(G))
