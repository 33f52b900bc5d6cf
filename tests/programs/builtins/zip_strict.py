# zip(strict=True): unequal lengths raise CPython's ValueError, naming which argument.
cases = [
    ([1, 2], [1]),
    ([1], [1, 2]),
    ([1], [1], [1, 2]),
    ([1, 2], [1, 2], [1]),
    ([], []),
    ([1, 2], "ab"),
    ([1, 2, 3], [4, 5, 6], [7, 8, 9], [0]),
]
for args in cases:
    try:
        print(list(zip(*args, strict=True)))
    except ValueError as e:
        print("ValueError:", e)

print(list(zip(strict=True)), list(zip([1, 2], [3, 4, 5], strict=False)))
print(list(zip([1, 2], [3], strict=0)), list(zip([1], [2], strict="yes")))

# The pairs before the mismatch are produced; the error comes at the end.
z = zip(range(3), range(2), strict=True)
print(next(z), next(z))
try:
    next(z)
except ValueError as e:
    print("ValueError:", e)


def gen():
    yield 1
    yield 2
    print("gen asked for a third item")


try:
    for a, b in zip([10], gen(), strict=True):
        print(a, b)
except ValueError as e:
    print("ValueError:", e)
try:
    zip([1], strict=True, other=1)
except TypeError as e:
    print("TypeError:", e)
