# int, float, str, bool, repr, list, tuple, dict, set, frozenset conversions.
print(int(3.9), int(-3.9), int("42"), int(" -7 "), int("0x1f", 16), int("1f", 16), int("0b11", 2), int(True))
print(int("10", 8), int("zz", 36), int(), float(), str(), bool(), list(), tuple(), dict(), set())
print(float("3.5"), float("-inf"), float(" 1e2 "), float(3), str(3.0), str(-12), str(True))
print(repr("a'b"), repr(1.5), repr([1, "x"]), repr(None), repr((1,)))
print(list("abc"), list((1, 2)), list({"a": 1, "b": 2}), list(range(3)), list({5}))
print(tuple([1, 2]), tuple("hi"), tuple({"x": 0}), tuple(range(2, 5)))
print(dict([("a", 1), ("b", 2)]), dict(a=1, b=2), dict({"x": 1}, y=2), dict(zip("ab", [1, 2])))
print(sorted(set("hello")), sorted(set([3, 1, 3, 2])), sorted(frozenset("aab")))
print(bool("False"), bool(0.0), bool(" "), bool([[]]), bool(-0.0))
print(str(123) + "4", int("12") + 3, float("1.5") * 2, str(1 / 4))
print(chr(65), chr(0x263A), ord("A"), ord("é"), ord("\n"), chr(ord("a") + 1))
print(hex(255), hex(-16), hex(0), bin(10), bin(-5), bin(0))
print(abs(-5), abs(3.5), abs(True), round(3.7), round(-3.7), round(3.14159, 2))
print(divmod(17, 5), divmod(-17, 5), pow(2, 10), pow(2, -1), pow(7, 2, 5), pow(-2, 3))
print(str(frozenset()), str(set()), list(reversed("abc")), list(reversed([1, 2, 3])))
print(int(float("1e3")), float(int("7")), int(str(2 ** 70)) == 2 ** 70)
try:
    int("12.5")
except ValueError as e:
    print("ValueError:", e)
try:
    int("")
except ValueError as e:
    print("ValueError:", e)
try:
    float("1.2.3")
except ValueError as e:
    print("ValueError:", e)
print(int("-0"), float("+1.5"), int(-0.5), int(0.999))
print(list(dict.fromkeys("abca")), tuple(enumerate("ab")), dict(enumerate("xy", 1)))
print(str(["a", 1]), str({"a": "b"}), str(("x", 2.0)))
