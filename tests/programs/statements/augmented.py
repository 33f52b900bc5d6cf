# Augmented assignment for every binary operator, on names, items, attributes, dict entries.
x = 10
x += 5; print(x)
x -= 3; print(x)
x *= 2; print(x)
x /= 4; print(x)
x = 17
x //= 5; print(x)
x = 17
x %= 5; print(x)
x **= 3; print(x)
x = 0b1100
x &= 0b1010; print(x)
x |= 0b0001; print(x)
x ^= 0b1111; print(x)
x <<= 3; print(x)
x >>= 2; print(x)
x = -7
x //= 2; print(x)
x = -7
x %= 3; print(x)
f = 1.5
f **= 2; print(f)
s = "ab"
s += "cd"; s *= 2; print(s)
lst = [1, 2]
alias = lst
lst += [3, 4]
print(lst, alias, lst is alias)
lst *= 2
print(alias)
tup = (1, 2)
talias = tup
tup += (3,)
print(tup, talias, tup is talias)
a = [5, 6, 7]
a[0] += 1; a[1] *= 10; a[-1] -= 7
print(a)
d = {"n": 1}
d["n"] += 41
d["s"] = "x"
d["s"] *= 3
print(d)
class C:
    def __init__(self):
        self.count = 0
c = C()
c.count += 1
c.count += 1
c.count **= 5
print(c.count)
m = [[1, 2], [3, 4]]
m[1][0] <<= 4
m[0] += [9]
print(m)
calls = []
def idx():
    calls.append("idx")
    return 0
arr = [100]
arr[idx()] += 1
print(arr, calls)
cnt = {}
for w in "a b a c b a".split():
    cnt[w] = cnt.get(w, 0) + 1
print(cnt)
e = [1]
e += "xy"
print(e)
n = 2
n **= 100
print(n)
