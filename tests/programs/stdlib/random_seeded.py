# random: after seed(s) every function prints CPython's numbers (int, big int, negative,
# float and str seeds; Random instances; getstate/setstate); a few hundred values.
import random

for s in [0, 1, 42, -7, 2 ** 64 + 3, 123456789012345678901234567890, 3.14159, "spam", "", "ünïcode ✓", True]:
    random.seed(s)
    print(repr(s), [random.random() for _ in range(3)], random.getrandbits(1), random.getrandbits(31),
          random.getrandbits(32), random.getrandbits(33), random.getrandbits(64), random.getrandbits(100))

random.seed(2024)
print([random.randrange(10) for _ in range(20)])
print([random.randrange(-5, 5) for _ in range(10)], [random.randrange(0, 100, 7) for _ in range(10)])
print([random.randrange(50, 0, -3) for _ in range(10)], random.randrange(10 ** 30), random.randrange(2 ** 64, 2 ** 65))
print([random.randint(1, 6) for _ in range(30)], random.randint(-10 ** 20, 10 ** 20))
seq = list("abcdefghijklmnopqrstuvwxyz")
print([random.choice(seq) for _ in range(20)], random.choice("xyz"), random.choice(range(1000)), random.choice((1, 2)))
for _ in range(3):
    deck = list(range(20))
    random.shuffle(deck)
    print(deck)
print(random.sample(range(100), 10), random.sample(seq, 5), random.sample(range(10 ** 6), 8), random.sample("abc", 3))
print(random.sample(range(30), 25), random.sample(["r", "g", "b"], 6, counts=[3, 2, 1]), random.sample(range(5), 0))
print(random.choices(seq, k=8), random.choices([1, 2, 3], weights=[10, 1, 1], k=10))
print(random.choices("ab", cum_weights=[1, 10], k=10), random.choices(range(5), [0.1, 0.2, 0.3, 0.2, 0.2], k=5), random.choices([7]))
print([round(random.uniform(1, 10), 12) for _ in range(5)], random.uniform(5, 5), random.uniform(-1.5, 2.5))
print([random.triangular() for _ in range(3)], [random.triangular(0, 10, 8) for _ in range(3)], random.triangular(3, 3), random.triangular(1, 2, 1))
print([random.gauss() for _ in range(5)], [random.gauss(100, 15) for _ in range(5)])
print([random.normalvariate(0, 1) for _ in range(5)], random.normalvariate(mu=10, sigma=2))
print([random.expovariate(1.5) for _ in range(5)], [random.lognormvariate(0, 0.5) for _ in range(3)])
print([random.vonmisesvariate(1.0, 4.0) for _ in range(3)], random.vonmisesvariate(0, 0))
print([random.gammavariate(0.5, 2) for _ in range(3)], [random.gammavariate(1.0, 3) for _ in range(2)], [random.gammavariate(5, 1) for _ in range(3)])
print([random.betavariate(2, 5) for _ in range(3)], [random.paretovariate(3) for _ in range(3)], [random.weibullvariate(1, 1.5) for _ in range(3)])

r1 = random.Random(99)
r2 = random.Random(99)
print(r1.random() == r2.random(), r1.randint(1, 1000), r2.randint(1, 1000), r1.choice(seq), r2.sample(seq, 3))
r3 = random.Random("seed string")
print(r3.random(), r3.gauss(0, 1), r3.gauss(0, 1), r3.shuffle(seq), seq[:8])
state = r3.getstate()
a = [r3.random() for _ in range(5)]
r3.setstate(state)
b = [r3.random() for _ in range(5)]
print(a == b, state[0], len(state[1]), state[2], state[1][-1])
r3.seed(5, version=1)
print(r3.random())
r3.seed("abc", version=1)
print(r3.random())
random.seed(7)
g = random.getstate()
x = random.random()
random.setstate(g)
print(x == random.random())


class MyRandom(random.Random):
    def random(self):
        return 0.5


m = MyRandom(1)
print(m.random(), m.uniform(0, 10), m.choice("abcd"), m.randrange(10), m.randrange(1000), m.getrandbits(8))


class BitsRandom(random.Random):
    def getrandbits(self, k):
        return 1 if k > 1 else 0


b = BitsRandom(1)
print(b.randrange(5), b.randrange(6), b.choice("xyz"))
sr = random.SystemRandom()
v = sr.random()
print(0 <= v < 1, 0 <= sr.randrange(10) < 10, sr.getrandbits(0), sr.seed(5))

errors = [
    lambda: random.choice([]), lambda: random.randrange(0), lambda: random.randrange(5, 5),
    lambda: random.randrange(1, 10, 0), lambda: random.randrange(10, 1), lambda: random.randrange(1.5),
    lambda: random.randrange(1, 10, step=None), lambda: random.randrange(1, None, 2), lambda: random.sample([1, 2], 3),
    lambda: random.sample({1, 2}, 1), lambda: random.sample([1, 2], -1), lambda: random.choices([1, 2], [1]),
    lambda: random.choices([1, 2], [0, 0]), lambda: random.choices([1], [1], cum_weights=[1]),
    lambda: random.choices([1, 2], 3), lambda: random.getrandbits(-1), lambda: random.getrandbits(1.5),
    lambda: random.seed([1, 2]), lambda: random.gammavariate(0, 1), lambda: random.setstate((9, (), None)),
    lambda: random.sample([1, 2], 1, counts=[1]), lambda: random.sample([1], 1, counts=[0]),
    lambda: random.SystemRandom().getstate(), lambda: random.expovariate(0),
]
for f in errors:
    try:
        print("no error:", f())
    except Exception as e:
        print(type(e).__name__ + ":", e)
