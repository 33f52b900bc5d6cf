# Mixed int/float arithmetic and comparisons; int() truncation; exactness.
print(1 + 2.0, 3 * 1.0, 10 - 0.5, 7 / 2, 8 / 2, 2 ** 0.5 * 2 ** 0.5)
print(1 == 1.0, 1 < 1.5, 2 ** 53 == 2.0 ** 53, 2 ** 53 + 1 == 2.0 ** 53)
print(10 ** 20 == 1e20, 10 ** 22 == 1e22, 10 ** 23 == 1e23)
print(int(1e15), int(2.5), int(-2.5), int(1.9999999999999999))
print(float(10 ** 15), float(123), 3 // 2.0, 3 % 2.0, -3 // 2.0)
print(round(2.5) + round(3.5), round(0.1 + 0.2, 1), round(1e-10, 3))
print(sum([0.1, 0.2, 0.3]), sum([1, 2.5]), max(1, 1.0), min(1.0, 1))
print(abs(-0.0), 0.0 == -0.0, str(-0.0), -0.0 + 0.0)
print(7 // 0.5, 7.5 // 1, 1e308 * 10 > 1e308)
print(1 / 3 * 3, 2 / 3 + 1 / 3, 100 * 1.1)
print(isinstance(1 + 1.0, float), isinstance(4 / 2, float), isinstance(4 // 2, int))
print(True + 0.5, False * 2.5, 3 * True)
x = 0
for _ in range(10):
    x += 0.1
print(x, x == 1.0, abs(x - 1.0) < 1e-9)
print(float("0.1") * 3, 0.1 * 3 == 0.30000000000000004)
print(divmod(5.5, 1.5), pow(2, 0.5), pow(4, 0.5), 4 ** 0.5)
print(int("7") + float("0.5"), str(3) + str(3.0))
