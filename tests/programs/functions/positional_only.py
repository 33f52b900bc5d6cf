# Positional-only parameters (PEP 570): binding, CPython's errors, **kwargs catching
# a same-named key, lambdas, methods, co_posonlyargcount and inspect.signature.
import inspect


def f(a, b=2, /, c=3, *, d=4):
    return (a, b, c, d)


def attempt(label, fn, *args, **kwargs):
    try:
        print(label, fn(*args, **kwargs))
    except TypeError as e:
        print(label, "->", e)


attempt("f(1)", f, 1)
attempt("f(1, 2, 3, d=5)", f, 1, 2, 3, d=5)
attempt("f(1, c=7)", f, 1, c=7)
attempt("f(a=1)", f, a=1)
attempt("f(1, b=2)", f, 1, b=2)
attempt("f(a=1, b=2)", f, a=1, b=2)
attempt("f(1, 2, 3, a=1)", f, 1, 2, 3, a=1)
attempt("f()", f)
attempt("f(1, 2, 3, 4)", f, 1, 2, 3, 4)
attempt("f(1, x=1)", f, 1, x=1)
attempt("f(1, a=1, x=1)", f, 1, a=1, x=1)
attempt("f(1, x=1, a=1)", f, 1, x=1, a=1)
attempt("f(*[1, 2], **{'c': 9})", f, *[1, 2], **{"c": 9})


def g(a, /, **kw):
    return a, kw


attempt("g(1, a=2)", g, 1, a=2)
attempt("g(1, **{'a': 3, 'b': 4})", g, 1, **{"a": 3, "b": 4})
attempt("g(a=2)", g, a=2)


def k(a, /, *args, **kw):
    return a, args, kw


attempt("k(1, 2, a=3)", k, 1, 2, a=3)


def h(a, b, /, c):
    return a, b, c


attempt("h(1)", h, 1)
attempt("h(c=1)", h, c=1)
attempt("h(1, 2, 3, 4)", h, 1, 2, 3, 4)
attempt("h(1, 2, 3, d=4)", h, 1, 2, 3, d=4)
attempt("h(1, 2, 3, 4, d=4)", h, 1, 2, 3, 4, d=4)
attempt("h(a=1, b=2, c=3)", h, a=1, b=2, c=3)
attempt("h(1, 2, c=3)", h, 1, 2, c=3)


def kw_only(a, *, d):
    return a, d


attempt("kw_only(1, 2, d=3)", kw_only, 1, 2, d=3)
attempt("kw_only(1, 2)", kw_only, 1, 2)
attempt("kw_only(1, 2, a=1)", kw_only, 1, 2, a=1)

lam = lambda x, /, y=0: (x, y)
attempt("lam(1, y=2)", lam, 1, y=2)
attempt("lam(x=1, y=2)", lam, x=1, y=2)


class C:
    def m(self, a, /, b=None):
        return a, b

    @classmethod
    def cm(cls, a, /):
        return cls.__name__, a

    @staticmethod
    def sm(a, /):
        return a


attempt("C().m(1, b=2)", C().m, 1, b=2)
attempt("C().m(a=1)", C().m, a=1)
attempt("C.cm(a=1)", C.cm, a=1)
attempt("C.cm(1)", C.cm, 1)
attempt("C.sm(a=1)", C.sm, a=1)


# A positional-only name is free for use as a keyword in **kwargs callers.
def fmt(template, /, **fields):
    return template.format(**fields)


print(fmt("{template}-{x}", template="T", x=1))

code = f.__code__
print(code.co_posonlyargcount, code.co_argcount, code.co_kwonlyargcount, code.co_varnames)
print(g.__code__.co_posonlyargcount, lam.__code__.co_posonlyargcount, h.__code__.co_posonlyargcount)
print(C.m.__code__.co_posonlyargcount, fmt.__code__.co_posonlyargcount)


def plain(a, b):
    pass


print(plain.__code__.co_posonlyargcount)
for fn in (f, g, k, h, lam, C.m, C().m, C.cm, C.sm, fmt, plain):
    print(inspect.signature(fn))
sig = inspect.signature(f)
print([(p.name, str(p.kind)) for p in sig.parameters.values()])
print(sig.bind(1, 2).arguments)
try:
    sig.bind(a=1)
except TypeError as e:
    print("bind:", e)
