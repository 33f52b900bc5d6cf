# float.hex() in CPython's format (13 digits, subnormals as 0x0.…p-1022, signed zeros) and
# float.fromhex(): its syntax, whitespace, inf/nan words, round-half-even, errors, subclasses.
import math
cases = ['0x1.8p1','  0X1P-1074 ','-0x0p0','1','.8','0x.8p1','0x1.','0x.','0x','x1','inf','-Infinity','nAn','-nan','+inf','infinit','0x1p','0x1p+','0x1.fffffffffffff8p1023','0x1.fffffffffffff7ffp1023','0x1p1024','0x1p-1075','0x1.0000000000001p-1075','0x1p-1076','0x3p-1076','0x1.00000000000008p0','0x1.00000000000018p0','0x1.000000000000080000001p0', '1p99999999999999999999999999','1p-99999999999999999999999','0p9999999999999999999999','\x0b1\x0c','1\x00','\u00a01', '1_0', '0x1.8p+1', '+0x1p0', '-  1', '0x-1', '', ' ', '0x0', '00x1', '0xx1', 'p1', '.p1', '1.p1', 'ABCDEFp-20', 'abcdef.123456789abcdefp-30', '0x1p-1022', '0x0.fffffffffffffp-1022', '0x0.fffffffffffff8p-1022', '0x0.fffffffffffff7p-1022', '0x1.fffffffffffffp1023', '0x.00000000000000000000000000001p+120', '0000000000000000000000000000001p0', '-0x1p-1074', '0x1p-1074', '0x1.8p-1074', '0x1.0000000001p-1074', '0x2.8p-1075', '0x1.ffffffffffffffp0', '0x1.fffffffffffff7p0', '0x1.fffffffffffff8p0', '0x1.00000000000017ffffp0', '1e5', 'infinityx', 'nanx', '-inFINity ', '\t\n nan\r', '0x1p-9223372036854775808', '0x1p9223372036854775807', '0x1p+0000000000000000000000000001', '1p-1000000', '0x123456789abcdef0123456789p-100', '0x8000000000000000000p-4', '0x7ffffffffffff8p970', '0x3fffffffffffffp971', '0x1fffffffffffff8p968', '٣']
for s in cases:
    try:
        x = float.fromhex(s)
        print(repr(s), repr(x), math.copysign(1, x))
    except Exception as e:
        print(repr(s), type(e).__name__, e)
xs = [3.0, -0.0, 0.0, 1e-320, 5e-324, -5e-324, 2.2250738585072014e-308, 2.225073858507201e-308, 1.7976931348623157e308, 0.1, -float('inf'), float('inf'), float('nan'), 1.0, 0.5, -2.75, 1234.5678, 1e100, 1e-100, 2.0**-1022, 2.0**1023, 123456789.0]
for x in xs:
    h = x.hex()
    print(h, repr(float.fromhex(h)))
x = 0.7
for k in range(300):
    x = (x * 9301.7 + 0.49297) % 1.0
    y = x * 2.0 ** (k * 7 - 1100)
    h = y.hex()
    assert float.fromhex(h) == y
    print(h, end=' ')
print()
class F(float):
    def __new__(c, v):
        print('new', repr(v)); return super().__new__(c, v)
r = F.fromhex('0x1p1')
print(repr(r), type(r).__name__, F(3.5).hex(), (1.0).fromhex('2'), F(2.0).fromhex('-0x1p-2'))
class S(str): pass
print(float.fromhex(S('0x10')))
for bad in [(b'1',), (1,), (), ('1', '2')]:
    try: float.fromhex(*bad)
    except Exception as e: print(type(e).__name__, e)
for bad in [lambda: (1.0).hex(1), lambda: float.hex(1), lambda: float.hex(), lambda: float.fromhex(string='1'), lambda: (1.0).hex(x=1)]:
    try: print(bad())
    except Exception as e: print(type(e).__name__, e)
print(float.hex(True.__float__()), float.fromhex.__name__, type(float.__dict__['fromhex']).__name__)
