# len(), s[i] and slices of non-ASCII strings, checked against the list of their
# chars at every position and across the char index's 32-char steps; and a string
# grown in place by += after its index was built.
samples = [
    "é" + "a" * 100,
    "a" * 31 + "ü" + "b" * 40,
    "日本語のテキスト" * 9,
    "mixed 😀 emoji 🎉 and ascii " * 5,
    "ß",
    "",
]
for s in samples:
    cs = list(s)
    assert len(s) == len(cs)
    for i in range(-len(s), len(s)):
        assert s[i] == cs[i], (s, i)
    for start in (None, 0, 1, 5, 31, 32, 33, 64, -1, -33, 200):
        for stop in (None, 0, 2, 32, 40, 65, -2, 300):
            for step in (None, 1, 2, 3, -1, -5, 33):
                assert s[start:stop:step] == "".join(cs[start:stop:step]), (start, stop, step)
    try:
        s[len(s)]
    except IndexError as e:
        print(len(s), "IndexError:", e)
print("indexing agrees")


def grow():
    s = "é" * 40
    n = len(s)
    s += "xyz"
    s += "ü"
    return n, len(s), s[39], s[40], s[-1], s[-4:], s[::-10]


print(grow())
big = "€" + "a" * 200000
print(len(big), big[100000], big[-1], big[199990:], sum(1 for i in range(0, len(big), 7) if big[i] == "a"))
