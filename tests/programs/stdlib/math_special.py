# math.erf erfc cbrt (glibc's libm, as CPython calls it), gamma lgamma (CPython 3.11's
# own Lanczos code) and remainder: reprs must agree to the last bit, errors to the letter.
import math

inf, nan = math.inf, math.nan


def show(f, x):
    try:
        return repr(f(x))
    except Exception as e:
        return f"{type(e).__name__}: {e}"


def table(f, xs):
    print(f.__name__)
    for x in xs:
        print(" ", repr(x), show(f, x))


ints = list(range(-3, 26)) + [30, 100, 170, 171, 172, 200, 201, 10 ** 20]
halves = [k + 0.5 for k in range(-8, 12)] + [-140.5, -170.5, -171.5, -200.5, -201.5]
odd = [1e-20, 1e-21, -1e-21, 1e-300, 5e-324, -5e-324, 2.5e-308, 0.1, 0.3, 1.0000001, 1.9999999,
       4.999999999, 5.0000001, 6.02468004077673, 5.52468004077673, 10.7, 35.123, 139.9, 140.1,
       171.6, 171.7, 199.9, 200.1, -0.001, -0.999, -1.001, -2.5e-5, -7.3, -33.4, -139.1,
       -141.2, -180.3, -199.99, -1e10 - 0.5, 1e15, 1e300, 1.7976931348623157e308, 2.5e305]
special = [0.0, -0.0, inf, -inf, nan]

for f in (math.gamma, math.lgamma):
    table(f, ints + halves + odd + special)

xs = [0.0, -0.0, 1e-300, 1e-10, 0.1, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 3.3, 5.9, 6.0, 10.0, 26.5, 27.3,
      28.0, 30.0, -0.5, -1.0, -2.2, -6.0, -27.0, 1e300, inf, -inf, nan]
for f in (math.erf, math.erfc, math.cbrt):
    table(f, xs)
table(math.cbrt, [27, 8, 64, 125, 1000, -27, 2 ** 60, 10 ** 30, 3.0000000000000004 ** 3, 0.001, 5e-324,
                  1.7976931348623157e308])
print([math.cbrt(float(n ** 3)) == n for n in range(1, 40)])


class Half:
    def __float__(self):
        return 0.5


class Three:
    def __index__(self):
        return 3


for f in (math.erf, math.erfc, math.cbrt, math.gamma, math.lgamma):
    print(f.__name__, show(f, True), show(f, Half()), show(f, Three()), show(f, "1"), show(f, None),
          show(f, 10 ** 400), show(f, 2 + 0j))
    for args in [(), (1, 2)]:
        try:
            f(*args)
        except TypeError as e:
            print(" ", type(e).__name__, e)
    try:
        f(x=1)
    except TypeError as e:
        print(" ", type(e).__name__, e)

# The usual identities, through CPython's own rounding.
print(math.gamma(5) == 24, math.lgamma(10) == math.log(362880), math.gamma(0.5) ** 2)
print(math.erf(1) + math.erfc(1), math.erf(-2) == -math.erf(2), math.erfc(40), math.erfc(-40))

# remainder: exact, the sign of a zero result is x's; NaN from non-NaN is a domain error.
vals = [0.0, -0.0, 1.0, -1.0, 2.0, 3.0, 0.5, 1.5, 2.5, -2.5, 7.0, 10.0, 1e300, -1e300, 5e-324, 1e-310, 0.1, 3.14, 1e16, 2**53 + 1.0, inf, -inf, nan, 5, -3, True]
for x in vals:
    row = []
    for y in vals:
        try:
            r = math.remainder(x, y)
            row.append(repr(r) + ('-' if math.copysign(1, r) < 0 else '+'))
        except Exception as e:
            row.append(type(e).__name__ + ':' + str(e))
    print(repr(x), ' '.join(row))
for args in [(), (1,), (1, 2, 3), ('1', 2), (1, None)]:
    try: math.remainder(*args)
    except Exception as e: print(type(e).__name__, e)
try: math.remainder(x=1, y=2)
except Exception as e: print(type(e).__name__, e)
print([math.remainder(k, 2) for k in range(-6, 7)], [math.remainder(k + 0.5, 1) for k in range(-4, 4)])
