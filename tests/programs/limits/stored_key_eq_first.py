# Dict and set lookups ask the stored key first (`stored == probe`), as CPython.
calls = []

class K:
    def __init__(self, name, v):
        self.name, self.v = name, v
    def __hash__(self):
        return hash(self.v)
    def __eq__(self, other):
        calls.append(self.name)
        return isinstance(other, K) and self.v == other.v

def show(label, f):
    calls.clear()
    r = f()
    print(label, r, calls)

stored = K("stored", 1)
d = {stored: "x"}
s = {stored}
fs = frozenset([stored])
show("d[probe]", lambda: d[K("probe", 1)])
show("d.get", lambda: d.get(K("probe", 1)))
show("probe in d", lambda: K("probe", 1) in d)
show("probe in s", lambda: K("probe", 1) in s)
show("probe in fs", lambda: K("probe", 1) in fs)
show("stored in d (identity)", lambda: stored in d)
def setitem():
    d[K("probe", 1)] = "y"
    return d[stored]
show("d[probe] = y", setitem)
def add():
    s.add(K("probe", 1))
    return len(s)
show("s.add", add)
def discard():
    s.discard(K("probe", 1))
    return len(s)
show("s.discard", discard)
def delete():
    del d[K("probe", 1)]
    return len(d)
show("del d[probe]", delete)
