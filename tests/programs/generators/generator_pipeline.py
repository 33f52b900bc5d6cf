# Generator pipelines and generator expressions; laziness is observable.
log = []
def source(n):
    for i in range(n):
        log.append("src " + str(i))
        yield i
def square(it):
    for x in it:
        log.append("sq " + str(x))
        yield x * x
def only_odd(it):
    for x in it:
        if x % 2:
            yield x
p = only_odd(square(source(5)))
print(log)
print(next(p))
print(log)
print(list(p))
print(len(log))
lines = ["# comment", "a = 1", "", "b = 2", "  # indented comment", "c = 3"]
def strip_lines(ls):
    for l in ls:
        yield l.strip()
def non_comment(ls):
    for l in ls:
        if l and not l.startswith("#"):
            yield l
def parse(ls):
    for l in ls:
        k, v = l.split(" = ")
        yield k, int(v)
print(dict(parse(non_comment(strip_lines(lines)))))
gen = (x * 2 for x in range(5) if x != 2)
print(next(gen), list(gen))
print(sum(x for x in range(10) if x % 3 == 0), max((len(w), w) for w in "aa bbb c".split()))
def windows(seq, n):
    for i in range(len(seq) - n + 1):
        yield seq[i:i + n]
print(list(windows([1, 2, 3, 4, 5], 3)), list(windows("abcd", 2)))
def pairwise(it):
    it = iter(it)
    prev = next(it)
    for cur in it:
        yield prev, cur
        prev = cur
print(list(pairwise(range(5))))
def take_while(pred, it):
    for x in it:
        if not pred(x):
            return
        yield x
def naturals():
    n = 0
    while True:
        yield n
        n += 1
print(list(take_while(lambda v: v * v < 50, naturals())))
it = iter([1, 2, 3, 4, 5, 6])
print(list(zip(it, it)))
g = (c for c in "xyz")
for c in g:
    if c == "y":
        break
print(list(g))
