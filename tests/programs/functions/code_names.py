# Code objects' co_varnames, co_names and co_consts: tuples, with the parameters
# first in co_varnames, the global and attribute names in co_names, and the
# literal values among co_consts (gilvm's order differs: only membership is shown).
import math


def area(r, digits=2):
    full = math.pi * r ** 2
    return round(full, digits) + 0.25


code = area.__code__
print(code.co_varnames, code.co_argcount)
print(sorted(code.co_names))
print(type(code.co_consts).__name__, 0.25 in code.co_consts, 2 in code.co_consts)
print([type(c).__name__ for c in (lambda: "x").__code__.co_consts if c is not None])
print(area(1.0))
