# gil-off: skip (needs the cycle collector, which --gil off does not run)
# WeakValueDictionary, WeakKeyDictionary, WeakSet, WeakMethod, proxy and finalize:
# entries go with their referents (gc.collect() first where the referent is in a
# cycle), as CPython 3.11.
import gc
import weakref

class Obj:
    def __init__(self, n):
        self.n = n
    def m(self):
        return self.n * 10
    def __repr__(self):
        return "Obj(%d)" % self.n

objs = [Obj(i) for i in range(5)]
wv = weakref.WeakValueDictionary()
for o in objs:
    wv[o.n] = o
print(len(wv), sorted(wv), wv[2], 3 in wv, wv.get(9, "none"))
del objs[1:3]
print(len(wv), sorted(wv), 1 in wv, sorted(v.n for v in wv.values()))
try:
    wv[1]
except KeyError as e:
    print("KeyError", e)
print(wv.pop(0), sorted(wv.keys()))
wv.setdefault(7, objs[-1])
print(sorted(k for k, v in wv.items()))

keys = [Obj(i) for i in range(4)]
wk = weakref.WeakKeyDictionary()
for k in keys:
    wk[k] = k.n * 2
print(len(wk), wk[keys[1]], keys[2] in wk, sorted(wk.values()))
del keys[0]
print(len(wk), sorted(o.n for o in wk))
cyc = Obj(99)
cyc.me = cyc
wk[cyc] = "cycle"
del cyc
print(len(wk))
gc.collect()
print(len(wk))

ws = weakref.WeakSet()
members = [Obj(i) for i in range(3)]
for m in members:
    ws.add(m)
print(len(ws), members[0] in ws, Obj(5) in ws, 1 in ws)
members.pop()
print(len(ws), sorted(o.n for o in ws))
ws.discard(members[0])
print(len(ws))

o = Obj(4)
wm = weakref.WeakMethod(o.m)
print(wm()(), wm() == o.m)
called = []
wm2 = weakref.WeakMethod(o.m, lambda w: called.append(w is wm2))
del o
print(wm(), called)
try:
    weakref.WeakMethod(len)
except TypeError as e:
    print("TypeError:", e)

t = Obj(6)
p = weakref.proxy(t)
print(p.n, p.m(), repr(p.n), str(p), isinstance(p, weakref.ProxyType))
p.n = 8
print(t.n, weakref.getweakrefcount(t))
def fn(x):
    return x + 1
cp = weakref.proxy(fn)
print(cp(1), isinstance(cp, weakref.CallableProxyType))
del t
try:
    p.n
except ReferenceError as e:
    print("ReferenceError:", e)

f_obj = Obj(1)
fin = weakref.finalize(f_obj, print, "finalized", 1)
print(fin.alive, fin.peek()[1:])
del f_obj
print(fin.alive)
f2 = weakref.finalize(Obj(2), print, "never")
print(f2.alive)
o3 = Obj(3)
f3 = weakref.finalize(o3, lambda: print("called early"))
f3()
print(f3.alive, f3())
del o3
o4 = Obj(4)
f4 = weakref.finalize(o4, print, "detached")
print(f4.detach()[0], f4.alive)
del o4
print("end")
keep = Obj(10)
weakref.finalize(keep, print, "at exit, first made")
weakref.finalize(keep, print, "at exit, last made")
f5 = weakref.finalize(keep, print, "not at exit")
f5.atexit = False
