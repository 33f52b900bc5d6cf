# if/elif/else, while/else, for/else, break, continue, pass.
for n in [-5, 0, 3, 15, 100]:
    if n < 0:
        print(n, "negative")
    elif n == 0:
        print(n, "zero")
    elif n < 10:
        print(n, "small")
    elif n < 50:
        print(n, "medium")
    else:
        print(n, "large")
i = 0
while i < 5:
    i += 1
    if i == 2:
        continue
    print("while", i)
else:
    print("while-else ran, i =", i)
i = 0
while True:
    i += 1
    if i > 3:
        break
print("broke at", i)
j = 0
while j < 10:
    if j == 4:
        break
    j += 1
else:
    print("not printed")
print("j =", j)
for x in range(5):
    if x == 10:
        break
else:
    print("for-else ran")
for x in range(5):
    if x == 2:
        print("found 2")
        break
else:
    print("not printed")
for x in []:
    print("never")
else:
    print("empty for-else ran")
primes = []
for n in range(2, 30):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        primes.append(n)
print(primes)
for i in range(3):
    for j in range(3):
        if j == i:
            continue
        if j > 1:
            break
        print(i, j)
def nothing():
    pass
class Empty:
    pass
if True:
    pass
print(nothing(), type(Empty()).__name__)
total = 0
for v in range(100):
    if v % 2:
        continue
    if v > 10:
        break
    total += v
print(total)
k = 3
while k:
    k -= 1
print("k", k)
for i in range(3):
    pass
print("i after loop", i)
