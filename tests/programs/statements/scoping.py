# global and nonlocal, closures, late binding.
counter = 0
def bump():
    global counter
    counter += 1
    return counter
bump(); bump()
print(counter)
def set_new_global():
    global created
    created = "made inside"
set_new_global()
print(created)
def outer():
    x = 1
    def inner():
        nonlocal x
        x += 10
        return x
    inner()
    inner()
    return x
print(outer())
def make_counter():
    count = 0
    def incr():
        nonlocal count
        count += 1
        return count
    return incr
c1 = make_counter()
c2 = make_counter()
print(c1(), c1(), c1(), c2())
fns = []
for i in range(3):
    fns.append(lambda: i)
print([f() for f in fns])
fns2 = []
for i in range(3):
    def capture(v=i):
        return v
    fns2.append(capture)
print([f() for f in fns2])
def makers():
    out = []
    for i in range(3):
        def f():
            return i * 10
        out.append(f)
    return out
print([f() for f in makers()])
x = "global x"
def reads_global():
    return x
def shadows():
    x = "local x"
    return x
print(reads_global(), shadows(), x)
def level1():
    a = "L1"
    def level2():
        b = "L2"
        def level3():
            nonlocal a
            a = a + "+3"
            return a + b
        return level3()
    r = level2()
    return r, a
print(level1())
def closure_sees_update():
    v = 1
    def get():
        return v
    v = 2
    return get()
print(closure_sees_update())
def acc():
    total = []
    def add(n):
        total.append(n)
        return sum(total)
    return add
a = acc()
print(a(1), a(2), a(3))
print(counter, bump(), counter)
