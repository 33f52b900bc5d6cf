print("init _pkg:", __name__, __package__)
VALUE = 1
from . import _a
from ._a import fa
__all__ = ["VALUE", "fa", "_b"]
