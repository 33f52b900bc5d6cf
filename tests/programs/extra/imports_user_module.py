# User modules beside the script: import, from-import, star-import, module state.
import _helper
import _helper as h2
from _helper import bump, Greeter as G
from _helper import *

print(_helper is h2, _helper.__name__)
print(_helper.counter, bump(), bump(5), _helper.counter)
print(counter)  # the star import copied the value at import time
print(str(G("ann")), str(Greeter("bob")))
_helper.Greeter.greeting = "hi"
print(str(G("cy")))
try:
    print(_private)
except NameError as e:
    print("NameError:", e)
print(_helper._private)
print(hasattr(_helper, "bump"), getattr(_helper, "missing", "default"))
try:
    import _no_such_module_here
except ModuleNotFoundError as e:
    print(type(e).__name__, e)
try:
    from _helper import nothing
except ImportError as e:
    print(type(e).__name__)
