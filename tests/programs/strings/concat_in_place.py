# `s += t` on a local appends in place when the local holds the only reference
# (CPython's unicode_concatenate): linear string building, and no one else can
# tell. Every other reference (a constant, another name, a list, a closure) must
# keep the old value.
def build(n, start="ab"):
    s = start
    for i in range(n):
        s += str(i % 10)
    return s


print(build(3), build(3), build(0))
const_before = build(2)
print(build(2) == const_before, build(2, start="é"))


def aliases():
    s = "x"
    t = s
    box = [s]
    s += "y"
    u = s
    s += "z"
    s = s + "!"
    return s, t, box, u


print(aliases())


def self_add():
    s = "ab"
    s += s
    s = s + s
    return s


print(self_add())


def closure():
    s = "q"

    def get():
        return s

    s += "r"
    return get()


print(closure())


def hashed():
    s = "key"
    d = {s: 1}
    s += "2"
    d[s] = 2
    return d, hash(s) == hash("key2"), s == "key2", "key2" in d


print(hashed())


def long_build():
    s = ""
    for i in range(300000):
        s += "ab"
    return len(s), s[-3:], s.count("ba")


print(long_build())


def unicode_mix():
    s = "a"
    s += "ü"
    s += "b"
    return s, len(s), s[1], s.upper(), s.encode()


print(unicode_mix())

# At module level (and in a class body) too, while no thread was started; an alias
# keeps the old value either way.
s = ""
for i in range(100000):
    s += "ab"
alias = s
s += "!"
print(len(s), len(alias), s[-3:], alias[-2:])


class Body:
    text = "q"
    for _ in range(3):
        text += "r"


print(Body.text)
import threading

t = threading.Thread(target=lambda: None)
t.start()
t.join()
g = "x"
for i in range(1000):
    g += "y"
print(len(g), g[:3])
