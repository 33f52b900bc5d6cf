# Packages: dotted imports, __init__.py, relative imports, __all__, namespace packages,
# sys.path, sys.modules, __import__, importlib; only portable facts are printed.
import sys

print("main:", __name__, __package__, __spec__)
print("file is absolute:", __file__.startswith("/"), __file__.endswith("imports_packages.py"))
here = sys.path[0]
print("sys.path[0] is the script dir:", __file__ == here + "/imports_packages.py")

import _pkg._sub._c
print("bound name:", _pkg.__name__, _pkg._sub.__name__, _pkg._sub._c.C)
print("package attrs:", _pkg.__package__, _pkg._sub.__package__, _pkg._sub._c.__package__)
print("__path__:", [p[len(here):] for p in _pkg.__path__], [p[len(here):] for p in _pkg._sub.__path__])
print("__file__:", _pkg.__file__[len(here):], _pkg._a.__file__[len(here):])
spec = _pkg._sub._c.__spec__
print("spec:", spec.name, spec.parent, spec.origin[len(here):], spec.submodule_search_locations)
spec = _pkg.__spec__
print("package spec:", spec.name, spec.parent, [p[len(here):] for p in spec.submodule_search_locations])
print("in sys.modules:", sorted(k for k in sys.modules if k.startswith("_pkg")))
print("same object:", sys.modules["_pkg._a"] is _pkg._a, _pkg.fa())

import _pkg._sub._c as c2
print("as binds the leaf:", c2 is _pkg._sub._c)
from _pkg._sub import _c as c3, _d
print("from-import of submodules:", c3 is c2, _d.D)

ns = {}
from _pkg import *
print("star with __all__:", VALUE, fa(), _b.B)

import _ns._inner._leaf
print("namespace package:", _ns._inner._leaf.LEAF, _ns.__file__ if hasattr(_ns, "__file__") else None)
print("namespace __path__:", [p[len(here):] for p in _ns.__path__])

try:
    import _found_via_path
except ImportError as e:
    print(type(e).__name__ + ":", e, "| name =", e.name)
sys.path.append(here + "/_extra")
import _found_via_path
print("via sys.path:", _found_via_path.WHERE)

try:
    import _pkg._missing
except ModuleNotFoundError as e:
    print("ModuleNotFoundError:", e, "| name =", e.name)
try:
    from _pkg import _missing
except ImportError as e:
    print("ImportError:", str(e).split(" (")[0])
try:
    import _pkg._a._x
except ModuleNotFoundError as e:
    print("ModuleNotFoundError:", e)
try:
    import _pkg._fails
except ValueError as e:
    print("ValueError:", e, "| left in sys.modules:", "_pkg._fails" in sys.modules)
try:
    import _pkg._beyond
except ImportError as e:
    print("ImportError:", e)
try:
    import _pkg._circ1
except ImportError as e:
    print("ImportError:", str(e).split(" (/")[0])

m = __import__("_pkg._sub._d")
print("__import__:", m.__name__, __import__("_pkg._sub._d", fromlist=["D"]).__name__)
print("__import__ level:", __import__("_d", globals={"__package__": "_pkg._sub"}, fromlist=["D"], level=1).D)
import importlib
print("import_module:", importlib.import_module("_pkg._sub").__name__,
      importlib.import_module("._d", "_pkg._sub").D, importlib.import_module(".._a", "_pkg._sub").__name__)
try:
    importlib.import_module("._d")
except TypeError as e:
    print("TypeError:", e)

del sys.modules["_pkg._b"]
import _pkg._b as b_again
print("re-imported after del from sys.modules:", b_again.B, b_again is not _b)
