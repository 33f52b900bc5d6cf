from ._circ1 import X1
