# printf-style formatting: every conversion, flags, widths, precision, mappings, errors.
print("%d %i %u" % (3, -4, 5), "%s|%r|%a" % ("s", "r", "é"))
print("%5d|%-5d|%05d|%+d|% d|%+05d" % (42, 42, 42, 42, 42, -42))
print("%x %X %o %#x %#X %#o %#5x|%-#8o|" % (255, 255, 8, 255, 255, 8, 5, 8))
print("%.3d|%.0d|%#.3x|%8.3d|" % (5, 0, 5, -7))
print("%f %.2f %10.3f|%-10.1f|%010.2f %+.1f" % (3.14159, 2.5, -1.5, 2.25, -1.5, 2.0))
print("%e %.2E %g %G %#g %.3g %g %g" % (12345.678, 0.000123, 1e20, 1e-10, 1.0, 3.14159, 100000.0, 1234567.0))
print("%f %e %g %F" % (float("inf"), float("-inf"), float("nan"), float("inf")), "%010f" % float("inf"))
print("%c%c%c|%3c|%-3c|" % (72, "i", 0x263A, "x", 66))
print("%s %s" % ([1, 2], (3,)), "%s" % ((1, 2),), "%s" % {"k": 1})
print("%.2s|%5.1s|%-6s|%6r|" % ("abc", "xyz", "ab", "ab"))
print("%(name)s is %(age)d, %(name)r" % {"name": "Ann", "age": 7})
print("%(a)-5s|%(b)05.1f|%%" % {"a": "x", "b": 2.5})
print("%*d|%-*d|%.*f|%*.*f|" % (5, 1, 4, 2, 2, 3.14159, 8, 1, 2.75))
print("%*s|" % (-6, "neg"))
print("%d %d %x" % (3.99, -3.99, True), "%d" % 2**70, "%x" % -255, "%o" % -8)
print("100%% sure, %s%%" % 5, "%%" % ())
print("%ld %hd %Lf" % (1, 2, 3.0))
print("abc" % (), "abc" % [], "abc" % {"k": 1})
s = "n=%d"
s %= 7
print(s)
class Num:
    def __int__(self):
        return 11
    def __index__(self):
        return 12
    def __float__(self):
        return 1.5
print("%d %x %f" % (Num(), Num(), Num()))
class Getter:
    def __getitem__(self, key):
        return key * 2
print("%(ab)s %(c)s" % Getter())
cases = [("%d", "x"), ("%x", 1.5), ("%f", "a"), ("%c", 1.5), ("%c", "ab"), ("%c", 0x110000),
         ("%y", 1), ("%", 1), ("%d %d", (1,)), ("abc", 5), ("%(a)s", 1), ("%*d", ("a", 1)),
         ("%.*f", (1.5, 2.0)), ("%s %s", {"a": 1}), ("%d", float("inf")), ("%(a", {"a": 1}),
         ("%d", None), ("%s", ()), ("%5%", ()), ("%s %s", (1, 2, 3))]
for fmt, args in cases:
    try:
        print(repr(fmt), "->", repr(fmt % args))
    except (TypeError, ValueError, OverflowError) as e:
        print(repr(fmt), "!!", type(e).__name__, e)
