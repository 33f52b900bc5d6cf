# math: constants and functions used by the contract.
import math
print(math.pi, math.e, math.inf, -math.inf, math.inf > 10 ** 300)
print(math.sqrt(16), math.sqrt(2), math.isqrt(17), math.isqrt(10 ** 20), math.isqrt(0))
print(math.floor(3.7), math.floor(-3.2), math.ceil(3.2), math.ceil(-3.7), type(math.floor(2.5)).__name__)
print(math.floor(5), math.ceil(-0.5), math.fabs(-3), math.fabs(2.5))
print(math.sin(0), math.cos(0), round(math.sin(math.pi / 2), 12), round(math.cos(math.pi), 12))
print(round(math.tan(math.pi / 4), 12), math.atan(1) * 4 == math.pi, math.atan2(1, 1), math.atan2(-1, -1))
print(math.exp(0), math.log(math.e), math.log(1), math.log(100, 10), math.log2(1024), math.log2(0.5))
print(round(math.log(10), 10), math.log(8, 2), math.exp(2))
try:
    math.sqrt(-1)
except ValueError as e:
    print("ValueError:", e)
try:
    math.log(0)
except ValueError as e:
    print("ValueError:", e)
print(math.floor(-0.0), math.sqrt(0.25), math.pi * 2 ** 2)
from math import sqrt, pi
print(sqrt(81), round(pi, 5))
import math as m
print(m.floor(9.99), m is math)
hyp = math.sqrt(3 ** 2 + 4 ** 2)
print(hyp, int(hyp) == 5)
print([round(math.sin(math.pi * k / 6), 6) for k in range(7)])
