# spectral_norm.py -- the spectral norm of the infinite matrix
# A[i][j] = 1 / ((i+j)(i+j+1)/2 + i + 1), by power iteration on A^T A:
# float division, nested loops over lists, function calls, math.sqrt.
#
# Usage: spectral_norm.py [N]   (default N=60)
# Checks: N=100 gives the well-known 1.274219991; every N >= 10 lies within
# 1e-3 of the limit 1.2742241...; the default size against a stored constant.
# bench-size: 240
import sys
import math


def a(i, j):
    ij = i + j
    return 1.0 / (ij * (ij + 1) // 2 + i + 1)


def mul_av(v, n):
    out = []
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += a(i, j) * v[j]
        out.append(s)
    return out


def mul_atv(v, n):
    out = []
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += a(j, i) * v[j]
        out.append(s)
    return out


def mul_atav(v, n):
    return mul_atv(mul_av(v, n), n)


def spectral_norm(n):
    u = [1.0] * n
    v = u
    for _ in range(10):
        v = mul_atav(u, n)
        u = mul_atav(v, n)
    vbv = 0.0
    vv = 0.0
    for i in range(n):
        vbv += u[i] * v[i]
        vv += v[i] * v[i]
    return math.sqrt(vbv / vv)


def main():
    n = 60
    if len(sys.argv) > 1:
        n = int(sys.argv[1])
    r = spectral_norm(n)
    text = f"{r:.9f}"
    print(f"spectral_norm({n}) = {text}")
    ok = True
    if n >= 10 and abs(r - 1.2742241) > 1e-3:
        print("FAIL: too far from the known limit 1.2742241")
        ok = False
    if n == 100 and text != "1.274219991":
        print("FAIL: spectral_norm(100) should be 1.274219991")
        ok = False
    if n == 60 and text != EXPECTED_60:
        print(f"FAIL: spectral_norm(60) should be {EXPECTED_60}")
        ok = False
    if not ok:
        sys.exit(1)


EXPECTED_60 = "1.274206094"
main()
