# Operator precedence and associativity.
print(2 + 3 * 4, (2 + 3) * 4, 2 * 3 + 4, 2 ** 3 * 2, 2 * 3 ** 2)
print(-2 ** 2, (-2) ** 2, 2 ** -1, -2 ** -1)
print(2 ** 3 ** 2, (2 ** 3) ** 2, 100 // 10 // 3, 100 // (10 // 3))
print(10 - 5 - 2, 10 - (5 - 2), 64 / 4 / 2, 2 * 3 % 4, 2 * (3 % 4))
print(1 + 2 << 3, 1 + (2 << 3), 1 << 2 + 3, 6 & 3 | 8, 6 & (3 | 8), 1 | 2 ^ 3, 5 ^ 1 & 3)
print(not 1 == 2, not (1 == 2), (not 1) == 2, not 1 + 1)
print(1 < 2 and 2 < 3, 1 and 0 or 5, 0 or 1 and 2, not 0 and 0, not (0 and 0))
print(True or False and False, (True or False) and False)
print(1 if True else 2 + 10, (1 if False else 2) + 10)
print(-3 % 5, -(3 % 5), ~1 + 1, ~(1 + 1), -~5, ~-5)
print(3 in [1, 2, 3] == True, (3 in [1, 2, 3]) == True)
print(2 * -1, 2 - -1, 2 + +1, - - -1)
x = 5
print(x > 3 == True, (x > 3) == True, x == 5 > 4)
lam = lambda a: a + 1 if a else 0
print(lam(1), lam(0))
print([1, 2, 3][1:] + [4] * 2, "ab" + "cd" * 2, (1 if False else 3))
print(2 ** 2 ** 0, 10 % 3 ** 2, -10 // 3 * 3, 7 - 3 + 2 * 2 ** 2 // 3)
