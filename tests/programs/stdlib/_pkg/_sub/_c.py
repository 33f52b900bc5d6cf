from .. import _a
from .._a import fa
from . import _d
from ._d import D
print("init _pkg._sub._c:", __name__, __package__, fa(), D)
C = "c"
