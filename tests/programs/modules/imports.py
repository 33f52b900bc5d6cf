# import forms: import M, import M as N, from M import x, from M import x as y; dis only imports.
import sys
import math
import time as t
import dis
from math import floor, ceil as c
from sys import argv
print(type(sys).__name__, type(math).__name__, type(t).__name__, type(dis).__name__)
print(math.__name__, t.__name__, sys.__name__, dis.__name__)
print(floor(2.5), c(2.5), isinstance(argv, list))
print(math.sqrt is math.sqrt, callable(t.time))
def uses_import_inside():
    import math as local_math
    return local_math.floor(7.9)
print(uses_import_inside())
try:
    local_math
except NameError as e:
    print("NameError:", e)
import math
print(math.floor(1.5), "after re-import")
x = math.pi
del math
try:
    math
except NameError as e:
    print("NameError:", e)
import math
print(math.pi == x)
