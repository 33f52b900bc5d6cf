from . import _circ2
X1 = 1
