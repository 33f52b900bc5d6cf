# globals(), locals(), dir() in every form, vars(), __import__, importlib.
import importlib
x = 10
def f(a, b=2):
    c = a + b
    def inner():
        return c
    return sorted(locals()), locals()["c"], inner()
print(f(1))
print(globals()["x"], "f" in globals(), globals() is globals())
globals()["made_here"] = 5
print(made_here)
class K:
    attr = 1
    names = sorted(k for k in locals() if not k.startswith("__"))
    def method(self):
        return 2
print(K.names)
print([n for n in dir(K) if not n.startswith("__")])
k = K()
k.inst = 3
print([n for n in dir(k) if not n.startswith("__")], "__class__" in dir(k))
class D:
    def __dir__(self):
        return ["zeta", "alpha", "mid"]
print(dir(D()))
def locals_dir():
    one = 1
    two = 2
    return dir()
print(locals_dir())
import math
print([n for n in dir(math) if n in ("pi", "sqrt", "tau")])
print(sorted(vars(k).items()))
def vars_noarg():
    z = 26
    return vars()
print(vars_noarg())
m = __import__("math")
print(m is math, m.floor(2.5))
print(importlib.import_module("math") is math)
for bad in (lambda: importlib.import_module(".rel"), lambda: __import__("no_such_module_x"),
            lambda: importlib.import_module("no_such_module_y")):
    try:
        bad()
    except (ImportError, TypeError) as e:
        print(type(e).__name__, e)
