# random_bench.py -- seeded draws from the common functions (random, randint,
# randrange, choice, shuffle, sample, choices, uniform, gauss); prints checksums that
# must equal CPython's exactly.
#
# Usage: random_bench.py [N]   (default N=2000)
# bench-size: 100000
import sys
import random

n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
random.seed(12345)
s = 0.0
for _ in range(n):
    s += random.random()
print("random", s)
print("randint", sum(random.randint(1, 100) for _ in range(n)))
print("randrange", sum(random.randrange(0, 1000, 3) for _ in range(n)))
seq = list(range(1000))
print("choice", sum(random.choice(seq) for _ in range(n)))
deck = list(range(n))
random.shuffle(deck)
print("shuffle", deck[:5], sum(i * v for i, v in enumerate(deck[:1000])))
print("sample", sum(random.sample(range(n * 10), n // 10)))
print("choices", sum(random.choices(seq, k=n)), sum(random.choices(seq[:10], weights=range(1, 11), k=n)))
print("uniform", sum(random.uniform(-1, 1) for _ in range(n)))
print("gauss", sum(random.gauss(0, 1) for _ in range(n)))
r = random.Random(7)
print("instance", sum(r.getrandbits(16) for _ in range(n)))
