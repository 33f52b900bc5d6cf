# Nested functions, functions as arguments/results, recursion inside nested defs.
def apply(fn, *args, **kwargs):
    return fn(*args, **kwargs)
print(apply(max, 3, 7, 5), apply(sorted, [3, 1], reverse=True), apply(lambda: "x"))
def make_ops():
    def add(a, b):
        return a + b
    def sub(a, b):
        return a - b
    return {"add": add, "sub": sub}
ops = make_ops()
print(ops["add"](2, 3), ops["sub"](2, 3), ops["add"].__name__)
def tree_sum(tree):
    def walk(node):
        if node is None:
            return 0
        value, left, right = node
        return value + walk(left) + walk(right)
    return walk(tree)
t = (1, (2, None, (4, None, None)), (3, None, None))
print(tree_sum(t))
def pipeline(*fns):
    def run(x):
        for f in fns:
            x = f(x)
        return x
    return run
p = pipeline(str.strip, str.upper, lambda s: s + "!")
print(p("  hello  "))
def counter():
    calls = 0
    def inner():
        nonlocal calls
        calls += 1
        return calls
    return inner
c = counter()
c(); c()
print(c(), counter()())
def fn_with_doc():
    "A docstring is just an expression statement."
    return 1
print(fn_with_doc())
def outer():
    def helper(n):
        return n * 2
    results = []
    for i in range(3):
        results.append(helper(i))
    return results
print(outer())
def deco_like(fn):
    def wrapped(*a):
        print("calling", fn.__name__, a)
        return fn(*a)
    return wrapped
def add3(a, b, c):
    return a + b + c
add3 = deco_like(add3)
print(add3(1, 2, 3))
def gcd(a, b):
    while b:
        a, b = b, a % b
    return a
print(gcd(48, 18), gcd(17, 5), gcd(0, 9))
def rec_outer(n):
    def rec_inner(k):
        return 1 if k == 0 else k * rec_inner(k - 1)
    return rec_inner(n)
print(rec_outer(6))
