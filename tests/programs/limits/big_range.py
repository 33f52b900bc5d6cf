# Ranges of any int size (CPython keeps arbitrary ints): indexing, slicing, `in`,
# reversed, index/count, len() OverflowError past ssize_t; equality and hash by value.
r = range(2**64)
print(r[2**63], r[-1], r[2**63:2**63+5], r[::2**62], 2**63 in r, 2**64 in r, r.index(2**63))
print(repr(range(-2**70, 2**70, 3)), range(2**64) == range(0, 2**64, 1), hash(range(2**64)) == hash(range(0, 2**64)))
print(list(range(2**64, 2**64 + 3)), list(reversed(range(2**64 - 2, 2**64))), range(2**64).count(5))
print(range(2**64).start, range(2**64).stop, range(2**64).step, bool(range(2**64)), range(2**100, 0, -2**90)[3])
for e in ['len(range(2**64))', 'range(2**64)[2**64]', '"ab" * 2**63', '[1] * 2**63', 'range(0, 10, 2**64)[0]', 'len(range(2**62))', 'range(2**64)[2**65:]','range(5)[2**64:]', 'range(5)[::2**64]', 'range(5)[-2**64::-1]', 'range(2**64)[-2**64]','range(2**64)[-2**64-1]', 'range(10)[2**64]', 'range(10)[1.5]', 'range(-2**63, 2**63-1)[-1]', 'len(range(-2**63, 2**63))', 'range(-2**63,0)[0]','list(reversed(range(0, -2**63, -2**63)))', 'list(reversed(range(0, 2**63, 2**62)))', 'range(0, 2**63-1, 2**62)[::-1]', 'hash(range(0))==hash(range(5,5))', 'hash(range(1,2,3))==hash(range(1,3,4))','type(iter(range(2**64))).__name__', 'range(2**64).index(2**65)', 'range(2**64).index(-1)', '1.0 in range(3)', 'range(3).index(True)', 'range(1, 2**64)[0:1]', 'range(2**64-1, 2**64)[-1:]', 'range(10**30)[::-10**29]', 'hash(range(2**64)) == hash((2**64, 0, 1))']:
    try:
        print(e, eval(e))
    except (OverflowError, IndexError, MemoryError, ValueError, TypeError) as ex:
        print(e, type(ex).__name__, ex)
it = iter(range(2**63 - 2, 2**63 + 2))
print(list(it), sum(1 for _ in range(2**64, 2**64 + 10)))
print({range(3):1}[range(0,3)], range(0) == range(5,5), range(0,3,2)==range(0,4,2), range(1,2,5)==range(1,2,7), range(3) != range(4))
print(len({range(0), range(5,5), range(2,2,3)}))
print(range(10)[::3], range(10)[1:8:2], range(10)[::-3], range(10)[100:], range(10)[-100:3])
print(range(3).index(1.0), range(3).count(1.0), range(2**64).count(2**64 - 1))
try:
    range(3).index(5.0)
except ValueError as e:
    print(e)
print(5 in range(2**100, 0, -5), 2**100 in range(2**100, 0, -5), -0.0 in range(1), 'a' in range(3))
d = {range(0): 'empty', range(2**64): 'big', range(1, 2, 9): 'one'}
print(d[range(7, 7)], d[range(0, 2**64)], d[range(1, 5, 10)])
print(list(range(-2**63, -2**63 + 3)), list(reversed(range(5))), list(reversed(range(2**63 - 3, 2**63 - 1))))
