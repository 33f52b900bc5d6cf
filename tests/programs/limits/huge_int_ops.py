# Huge int operations compute where CPython computes (no OverflowError), and a
# result past any memory is a MemoryError, never an abort.
x = 2**10**7
print(x.bit_length(), x % 1000003)
y = 1 << (1 << 24)
print(y.bit_length(), y == x >> (10**7 - 2**24) if 10**7 > 2**24 else y == x << (2**24 - 10**7))
print((-1)**2**64, (-1)**(2**64+1), 1**2**64, 0**2**64, 2**-2**64, (-2)**-2**64, (-1)**-(2**64+1), 1**2**100)
print(pow(3, 2**64, 10**9+7), 0 << 2**100, 5 >> 2**100, -5 >> 2**100, 0**0, (-8)**(2**6+1) == -(2**195))
print((-2)**101 == -(2**101), (-12)**33 == -(12**33), 6**200 % 10**9, (-6)**201 % 10**9)
x = 3**(10**5)
print(x.bit_length(), x % 1000003)
x = 12**(10**4)
print(x.bit_length(), x % 999983)
x = 2**(2**20) >> (2**20 - 3)
print(x)
z = (1 << 2**22) * (1 << 2**22)
print(z.bit_length())
for e in ['1 << 2**63', '1 << 2**64', '-1 << 2**70']:
    try:
        eval(e)
        print(e, 'computed')
    except (OverflowError, MemoryError) as ex:
        print(e, type(ex).__name__, ex)
