# type, isinstance, issubclass, getattr/setattr/hasattr, callable, hash, id, object, super.
class A:
    x = 1
    def m(self):
        return "A.m"
class B(A):
    def m(self):
        return "B.m>" + super().m()
b = B()
print(type(b) is B, type(b) == A, type(b).__name__, type(B).__name__, type(object).__name__)
print(isinstance(b, A), isinstance(b, object), isinstance(5, object), isinstance("s", (int, str)))
print(issubclass(B, A), issubclass(A, B), issubclass(int, object), issubclass(bool, (str, int)))
print(getattr(b, "x"), getattr(b, "m")(), getattr(b, "nope", None), hasattr(b, "m"), hasattr(B, "x"))
setattr(b, "y", [1])
print(b.y, getattr(b, "y"), hasattr(b, "y"), hasattr(A(), "y"))
setattr(B, "z", "class level")
print(b.z, B.z, hasattr(A, "z"))
try:
    getattr(b, "missing")
except AttributeError as e:
    print("AttributeError:", e)
print(callable(len), callable(A), callable(b.m), callable("x"), callable(lambda: 0), callable(None))
print(hash(1) == hash(1.0), hash(True) == hash(1), hash((1, 2)) == hash((1, 2)))
print(type(hash((1, 2))).__name__, hash(7) == hash(7))
x = [1]
y = x
print(id(x) == id(y), id(x) == id([1]), type(id(x)).__name__)
o = object()
print(type(o).__name__, isinstance(o, object), o == o, o != object())
print(type(1)(5), type("s")("t"), type([])(), type(3.0)("2.5"))
print(int is type(7), str is type(""))
print(isinstance(True, bool), isinstance(1, float), isinstance(1.0, float), type(True) == int)
print(isinstance(len, type), isinstance(A, type), isinstance(int, type))
print(B.__name__, type(b.m).__name__, type(B.m).__name__, b.m())
class C(B):
    def m(self):
        return "C.m>" + super().m()
print(C().m())
print(issubclass(C, object), isinstance(C(), A))
print(getattr("abc", "upper")(), getattr([3, 1], "index")(1))
