# Private name mangling: inside class C, `__x` means `_C__x` (names, attributes,
# parameters, nested defs and classes, imports, comprehensions, except targets,
# lambdas, kw-only defaults), but dunders, call keywords, __name__ and __qualname__
# stay as written; a class named only underscores mangles nothing.
class A:
    __x = 1
    __dunder__ = 3

    def f(self, __a, **kw):
        return __a, kw

    def g(self):
        return self.f(1, __b=2)

    def attr(self):
        self.__y = 10
        return self.__y, self._A__y, self.__x

    def __hidden(self):
        return "hidden"

    def call_hidden(self):
        return self.__hidden()

    import os as __os

    class __Inner:
        pass

    def comp(self):
        return [__q * 2 for __q in range(3)]

    def exc(self):
        try:
            1 / 0
        except Exception as __e:
            return type(__e).__name__

    def lam(self):
        return (lambda __z: __z + 1)(4)

    def kwonly(self, *, __k=7):
        return __k

    def nested(self):
        def inner():
            return self.__x
        return inner()


class _:
    __y = 1


class __B:
    __w = 1


class Sub(A):
    def peek(self):
        try:
            return self.__x
        except AttributeError as e:
            return str(e)


a = A()
print(A._A__x, a.g(), a.attr(), a.call_hidden(), a._A__hidden())
print(sorted(k for k in vars(A) if k.startswith("_A") or k == "__dunder__"))
print(a.comp(), a.exc(), a.lam(), a.kwonly())
print(A._A__Inner.__name__, A._A__Inner.__qualname__, A._A__hidden.__name__)
print(A.f.__code__.co_varnames, A.kwonly.__code__.co_varnames)
print(a.nested(), hasattr(A, "__x"), A._A__os.__name__)
print([k for k in vars(_) if "y" in k], [k for k in vars(__B) if k.endswith("w")])
print(Sub().peek())
