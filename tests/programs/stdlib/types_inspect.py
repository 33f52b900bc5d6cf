# types and inspect: the type names, SimpleNamespace, MappingProxyType, the
# predicates, and signature() printed as CPython prints it.
import functools
import inspect
import sys
import types

ns = types.SimpleNamespace(a=1, b="x")
ns.c = [ns.a]
print(ns, ns.a, ns == types.SimpleNamespace(a=1, b="x", c=[1]), vars(ns))
try:
    types.SimpleNamespace(1)
except TypeError as e:
    print(e)


def plain(a, b=2, *args, c, d=4, **kw):
    pass


def gen():
    yield 1


async def coro():
    pass


async def agen():
    yield 1


class C:
    def method(self, x, y=1):
        pass

    def __init__(self, p, q=None):
        pass

    def __call__(self, z):
        pass


print(isinstance(plain, types.FunctionType), isinstance(lambda: 0, types.LambdaType))
print(isinstance(gen(), types.GeneratorType), isinstance(C(0).method, types.MethodType))
c = coro()
print(isinstance(c, types.CoroutineType), isinstance(sys, types.ModuleType), isinstance(len, types.BuiltinFunctionType))
c.close()
print(types.NoneType, types.FunctionType, types.ModuleType, types.CodeType)
mp = types.MappingProxyType({"k": 1})
print(mp, mp["k"], len(mp), list(mp), "k" in mp, mp.get("z", 0), mp | {"j": 2})
try:
    mp["k"] = 2
except TypeError as e:
    print(e)
for obj in [plain, gen, coro, agen, C, C(0).method, C.method, len, functools.partial(gen), 5]:
    print(inspect.isfunction(obj), inspect.isgeneratorfunction(obj),
          inspect.iscoroutinefunction(obj), inspect.isasyncgenfunction(obj),
          inspect.isclass(obj), inspect.ismethod(obj), inspect.isbuiltin(obj), inspect.isroutine(obj))
print(inspect.isgenerator(gen()), inspect.ismodule(inspect), inspect.iscode(plain.__code__))


def kwonly(a, b=1, c=2, *, d):
    pass


for f in [plain, gen, kwonly, C.method, C(0).method, C, C(1), lambda x, *y: 0,
          functools.partial(plain, 1, c=3)]:
    print(inspect.signature(f))
sig = inspect.signature(plain)
print(list(sig.parameters), [str(p.kind) for p in sig.parameters.values()])
print(sig.parameters["b"].default, sig.parameters["a"].default is inspect.Parameter.empty)
print(repr(sig), repr(sig.parameters["d"]))
ba = sig.bind(1, 2, 3, c=5, e=6)
print(ba.arguments, ba.args, ba.kwargs)
ba.apply_defaults()
print(ba)
try:
    sig.bind()
except TypeError as e:
    print(e)
print(inspect.getdoc(C) is None, inspect.cleandoc("  a\n    b\n  c"))
print([n for n, _ in inspect.getmembers(ns)][-3:])
print(inspect.currentframe().f_code.co_name)
