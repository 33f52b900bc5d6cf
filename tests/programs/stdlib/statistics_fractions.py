# statistics (averages, spread, quantiles, their types and errors) and fractions.Fraction
# (construction, normalisation, arithmetic with int/float, comparisons, hashing, rounding).
import math
import statistics as st
from fractions import Fraction as F

print(F(8, 6), repr(F(8, 6)), F(-3, -9), F(3, -9), F(5), F("3/4"), F(" -1.25 "), F("1e-3"), F("2.5E2"))
print(F(0.25), F(0.1), F(F(1, 3)), F(F(1, 2), F(1, 3)), F(True), F("7"), F("-0"), F(1_000, 10))
print(F(1, 3).numerator, F(1, 3).denominator, F(6, 4).as_integer_ratio())
a, b = F(1, 3), F(1, 6)
print(a + b, a - b, a * b, a / b, a // b, a % b, divmod(F(7, 2), F(2, 3)), -a, +a, abs(F(-2, 5)))
print(a + 1, 1 + a, a * 3, 2 / a, a + 0.5, 0.5 + a, a ** 2, a ** -2, F(-2, 3) ** -3, 2 ** F(3), 4 ** F(1, 2), a ** 0.5)
print(a == F(2, 6), a == 1 / 3, F(1, 2) == 0.5, F(2) == 2, a < b, a > b, a <= 0.34, F(1, 2) >= 0.5, a != "x")
print(hash(F(1, 2)) == hash(0.5), hash(F(3)) == hash(3), hash(F(-5, 7)) == hash(F(-10, 14)), {F(1, 2): "half"}[F(2, 4)])
print(int(F(-7, 2)), float(F(1, 4)), math.floor(F(-7, 2)), math.ceil(F(-7, 2)), math.trunc(F(-7, 2)))
print(round(F(5, 2)), round(F(7, 2)), round(F(-5, 2)), round(F(1234, 100), 1), round(F(1234, 1), -2), bool(F(0)))
print(F(3.141592653589793).limit_denominator(10), F(3.141592653589793).limit_denominator(1000),
      F(1, 3).limit_denominator(100), F.from_float(0.5), F.from_float(3))
print(sorted([F(1, 2), F(1, 3), 0.4, 1]), sum([F(1, 10)] * 10), str(F(5, 1)), f"{F(1, 8)}")
for bad in (lambda: F(1, 0), lambda: F("x"), lambda: F("1/0"), lambda: F(1.5, 2), lambda: F([1]),
            lambda: F(1, 2) / 0, lambda: F(0) ** -1, lambda: F.from_float("x"), lambda: F(1).limit_denominator(0)):
    try:
        print(repr(bad()))
    except Exception as e:
        print(type(e).__name__, e)

ints = [1, 2, 3, 4, 4, 5]
floats = [2.5, 3.25, 5.75, 1.0]
print(st.mean([1, 2, 3]), st.mean(ints), st.mean(floats), st.mean([F(1, 2), F(1, 3)]), st.mean([1, 2.5]), st.mean(range(10)))
print(st.fmean(ints), st.fmean([1, 2, 3], weights=[3, 1, 1]), st.fmean(iter([1.5, 2.5])))
print(st.median(ints), st.median([3, 1, 2]), st.median_low(ints), st.median_high(ints), st.median([1.5, 2.5]))
print(st.mode(ints), st.mode("aabbbc"), st.multimode("aabbcc"), st.multimode([]), st.multimode([1, 1, 2, 3, 3]))
print(st.variance(ints), st.pvariance(ints), st.stdev(ints), st.pstdev(ints))
print(st.variance(floats), st.pvariance(floats), st.stdev(floats), st.pstdev(floats))
print(st.variance([F(1, 2), F(3, 4), F(5, 4)]), st.variance([1, 2, 3], xbar=2), st.pvariance([1, 3], mu=2), st.stdev([2, 2]))
print(st.variance([10 ** 20 + 1, 10 ** 20 + 3]), st.pstdev([1.5, 2.5, 2.5, 2.75, 3.25, 4.75]), st.stdev(range(100)))
print(st.quantiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), st.quantiles(range(1, 11), n=10), st.quantiles([1, 5], n=3))
print(st.quantiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], method="inclusive"), st.quantiles([1.5, 2.5, 9.0], n=5))
print(st.geometric_mean([54, 24, 36]), st.harmonic_mean([40, 60]), st.harmonic_mean([2.5, 3], weights=[1, 2]), st.median_grouped([1, 2, 2, 3, 4, 4, 4, 4, 4, 5]))
print(st.mean([float("inf"), 1.0]), math.isnan(st.variance([1.0, float("nan")])))
for bad in (lambda: st.mean([]), lambda: st.fmean([]), lambda: st.median([]), lambda: st.median_low([]),
            lambda: st.mode([]), lambda: st.variance([1]), lambda: st.stdev([]), lambda: st.pvariance([]),
            lambda: st.pstdev([]), lambda: st.quantiles([1]), lambda: st.quantiles([1, 2], n=0),
            lambda: st.quantiles([1, 2], method="x"), lambda: st.mean(["a", "b"]), lambda: st.geometric_mean([-1]),
            lambda: st.harmonic_mean([-1, 2]), lambda: st.fmean([1, 2], weights=[1])):
    try:
        print(repr(bad()))
    except Exception as e:
        print(type(e).__name__, e)
print(issubclass(st.StatisticsError, ValueError))
