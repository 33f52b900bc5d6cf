# cmath: CPython's algorithms for finite arguments (scaled sqrt and log, log1p
# near |z| = 1), the constants and the errors.
import cmath
vals = [1j, -1, 2 + 3j, -4.5 - 0.5j, 1e-310 + 1e-310j, 1e308 + 1e308j, 0.9 + 0.3j, 3, 0.5, -2j]
for z in vals:
    print(z, cmath.sqrt(z), cmath.exp(z) if abs(z) < 100 else "-", cmath.log(z), cmath.log10(z), cmath.phase(z), cmath.polar(z))
for z in [1j, 2 + 3j, -0.5 + 0.25j, 0]:
    print(cmath.sin(z), cmath.cos(z))
print(cmath.log(8, 2), cmath.log(1j, 10), cmath.rect(2, cmath.pi / 4), cmath.rect(1, 0))
print(cmath.isfinite(1j), cmath.isinf(cmath.infj), cmath.isnan(cmath.nanj), cmath.isclose(1 + 1j, 1 + 1.0000000001j), cmath.isclose(1j, 2j, abs_tol=1))
print(cmath.pi, cmath.e, cmath.tau, cmath.inf, cmath.infj, cmath.nanj)
for bad in [lambda: cmath.log(0), lambda: cmath.exp(1000), lambda: cmath.sqrt("x"), lambda: cmath.log(1, 1), lambda: cmath.sqrt()]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
