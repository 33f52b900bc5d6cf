# del of names, items, slices, attributes, dict entries.
x = 5
del x
try:
    print(x)
except NameError as e:
    print("NameError:", e)
a = list(range(8))
del a[0]
print(a)
del a[-1]
print(a)
del a[1:3]
print(a)
del a[::2]
print(a)
del a[:]
print(a, len(a))
d = {"a": 1, "b": 2, "c": 3}
del d["b"]
print(d)
try:
    del d["zzz"]
except KeyError as e:
    print("KeyError:", e)
class P:
    cls_attr = "class"
p = P()
p.v = 1
p.w = 2
del p.v
print(hasattr(p, "v"), hasattr(p, "w"), p.cls_attr)
try:
    del p.v
except AttributeError as e:
    print("AttributeError:", e)
m, n = 1, 2
del m, n
print("deleted two")
nested = [[1, 2, 3], [4, 5]]
del nested[0][1]
print(nested)
d2 = {"k": [1, 2, 3]}
del d2["k"][0]
print(d2)
def f():
    y = 1
    del y
    try:
        return y
    except UnboundLocalError as e:
        return "UnboundLocalError: " + str(e)
print(f())
lst = [1, 2, 3]
alias = lst
del lst
print(alias)
