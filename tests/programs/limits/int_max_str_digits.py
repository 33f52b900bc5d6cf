# sys.get_int_max_str_digits / set_int_max_str_digits and str() of big ints.
import sys

print(sys.get_int_max_str_digits())
for v in [0, 640, 639, -1, 10**100, 2**40, True, 4300]:
    try:
        sys.set_int_max_str_digits(v)
        print(v if v < 10**6 else "big", "ok", sys.get_int_max_str_digits())
    except Exception as e:
        print(v if v < 10**6 else "big", type(e).__name__, e)
for bad in ["'x'", "1.5"]:
    try:
        sys.set_int_max_str_digits(eval(bad))
    except TypeError as e:
        print(bad, "TypeError", e)
sys.set_int_max_str_digits(1000)
print(len(str(10**999)), len(str(-10**999)), len(repr(10**999)))
for e in ["str(10**1000)", "repr(-10**1000)", "str(10**100000)", "f'{10**1000}'"]:
    try:
        eval(e)
        print(e, "ok")
    except ValueError as x:
        print(e, "ValueError", x)
sys.set_int_max_str_digits(maxdigits=0)
print(sys.get_int_max_str_digits(), len(str(10**5000)))
sys.set_int_max_str_digits(4300)
print(len(str(10**4299)))
try:
    str(10**4300)
except ValueError as x:
    print(x)

# The limit also holds from str to int, in every base that is not a power of two,
# counting digits without sign, spaces or underscores; and for source literals.
for text, base in [("1" * 4300, 10), ("1" * 4301, 10), (" -" + "1" * 4301 + " ", 10),
                   ("1_" * 4300 + "1", 10), ("1" * 5000, 36), ("f" * 5000, 16),
                   ("1" * 5000, 2), ("7" * 5000, 8), ("1" * 5000, 0)]:
    try:
        print(base, "ok", int(text, base).bit_length())
    except ValueError as x:
        print(base, "ValueError", x)
for src in ["x = " + "9" * 4300, "x = " + "9" * 4301, "x = 0x" + "f" * 5000]:
    try:
        exec(src)
        print(len(src), "ok", x.bit_length())
    except SyntaxError as x:
        print(len(src), "SyntaxError", x.msg)
sys.set_int_max_str_digits(0)
print(int("1" * 5000) % 7, eval("1" * 5000) % 7)
