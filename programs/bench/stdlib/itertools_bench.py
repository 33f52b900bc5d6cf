# itertools_bench.py -- the itertools iterators in hot loops: combinatorics, groupby,
# chain/islice/accumulate/zip_longest/tee/starmap pipelines; prints checksums.
#
# Usage: itertools_bench.py [N]   (default N=20)
# bench-size: 400
import sys
from itertools import (accumulate, chain, combinations, combinations_with_replacement,
                       compress, count, cycle, dropwhile, groupby, islice, pairwise,
                       permutations, product, repeat, starmap, takewhile, tee, zip_longest)

n = int(sys.argv[1]) if len(sys.argv) > 1 else 20

total = 0
for _ in range(n):
    total += sum(1 for _ in permutations(range(7), 4))
    total += sum(a * b for a, b in combinations(range(60), 2))
    total += len(list(combinations_with_replacement("abcdef", 4)))
    total += sum(x + y + z for x, y, z in product(range(12), repeat=3))
print("combinatorics", total)

data = sorted((i * 7919) % 1000 for i in range(5000))
groups = 0
for _ in range(n):
    for k, g in groupby(data, key=lambda v: v // 10):
        groups += k + sum(1 for _ in g)
print("groupby", groups)

acc = 0
for _ in range(n):
    acc += sum(islice(accumulate(chain(range(1000), repeat(3, 1000))), 0, None, 7))
    a, b = tee(range(3000))
    acc += sum(x - y for x, y in zip(a, islice(b, 1, None)))
    acc += sum(1 for p in pairwise(range(3000)) if p[0] & 1)
    acc += sum(starmap(pow, zip(range(500), cycle((1, 2, 3)))))
    acc += sum(x or 0 for t in zip_longest(range(800), range(500)) for x in t)
    acc += sum(compress(range(3000), cycle((1, 0, 0))))
    acc += sum(takewhile(lambda x: x < 2000, dropwhile(lambda x: x < 1000, count())))
print("pipelines", acc)
