# PEP 562: a module-level __getattr__ is called for an attribute the module lacks
# (attribute access, getattr with a default, hasattr, `from m import name`), and a
# module-level __dir__ answers dir(module).
import _pep562 as m

print(m.present, m.lazy)
print(getattr(m, "nothing", "default"), hasattr(m, "other"), hasattr(m, "lazy"))
try:
    m.missing
except AttributeError as e:
    print("AttributeError:", e)
try:
    m.boom
except KeyError as e:
    print("KeyError:", e)
from _pep562 import lazy, present
print(lazy, present)
try:
    from _pep562 import absent
except ImportError as e:
    print("ImportError:", type(e).__name__, str(e).split(" (")[0])
# CPython also asks the hook for `__path__` during `from m import` (importlib)
print([c for c in m.calls if c != "__path__"])
print(dir(m))
m.lazy = "now set"
print(m.lazy, m.calls[-1])
del m.__getattr__
try:
    m.gone
except AttributeError as e:
    print("AttributeError:", e)
import sys
print("__getattr__" in vars(sys), hasattr(sys, "no_such_thing"))
