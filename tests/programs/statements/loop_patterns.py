# Common loop patterns: nested loops with break/else, while with counters, loop variables after loops.
found = None
for i in range(1, 10):
    for j in range(1, 10):
        if i * j == 42:
            found = (i, j)
            break
    else:
        continue
    break
print("found", found)
n = 27
steps = 0
while n != 1:
    n = n // 2 if n % 2 == 0 else 3 * n + 1
    steps += 1
print("collatz steps", steps)
total = 0
i = 0
while True:
    i += 1
    if i % 2 == 0:
        continue
    if i > 15:
        break
    total += i
print("odd sum", total)
for ch in "abc":
    pass
print("last ch", ch)
for k in []:
    pass
print("loop over empty list leaves k unbound")
fizz = []
for v in range(1, 16):
    if v % 15 == 0:
        fizz.append("FizzBuzz")
    elif v % 3 == 0:
        fizz.append("Fizz")
    elif v % 5 == 0:
        fizz.append("Buzz")
    else:
        fizz.append(str(v))
print(" ".join(fizz))
items = [3, 1, 4, 1, 5]
for idx, v in enumerate(items):
    if v == 1:
        items[idx] = 10
print(items)
countdown = 3
while countdown:
    print("tick", countdown)
    countdown -= 1
else:
    print("liftoff")
rows = []
for r in range(4):
    rows.append("".join("*" if c <= r else "." for c in range(4)))
print(rows)
