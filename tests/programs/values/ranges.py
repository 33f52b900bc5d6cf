# range objects.
r = range(10)
print(r, range(2, 8), range(1, 10, 3), range(10, 0, -2))
print(len(r), len(range(2, 8)), len(range(1, 10, 3)), len(range(10, 0, -2)), len(range(5, 1)))
print(r[2:8:2], list(r[2:8:2]), r[-1], r[3], r[::-1], list(range(10)[::-3]))
print(3 in r, 10 in r, -1 in r, 4 in range(0, 10, 2), 5 in range(0, 10, 2))
print(list(range(5)), list(range(-3, 3)), list(range(10, 0, -3)), list(range(0)))
print(list(range(0, -10, -2)), list(range(1, 2)), list(range(2, 1)))
print(sum(range(101)), max(range(7)), min(range(3, 9)))
print(range(3) == range(3), range(0) == range(5, 2), list(reversed(range(4))))
print(range(1, 10, 2).index(5), range(10).count(3))
print(r.start, r.stop, r.step, range(1, 9, 4).step)
for i in range(3, 0, -1):
    print(i, end=" ")
print()
print(list(range(10))[2:8:2], tuple(range(3)))
try:
    range(0, 10, 0)
except ValueError as e:
    print("ValueError:", e)
try:
    range(3)[5]
except IndexError as e:
    print("IndexError:", e)
print([x * x for x in range(1, 6)], list(enumerate(range(3, 6))))
print(bool(range(0)), bool(range(1)), list(range(-5, -1)))
big = range(10 ** 12)
print(len(big), big[-1], 999 in big)
