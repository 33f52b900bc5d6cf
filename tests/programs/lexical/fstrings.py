# f-strings: expressions, conversions, nested quotes, escapes, format specs.
x = 3.14159265
n = 42
s = "hi"
v = 1234567
p = 0.256
print(f"x={x} n={n} s={s}")
print(f"{n + 1} {n * 2} {s.upper()} {len(s)}")
print(f"{s!r} {s!s} {[1, 'a']!r}")
print(f"{'nested'} {'single' if False else 'q'}")
print(f'{"other kind"} {n}')
print(f"{{literal braces}} {{{n}}}")
print(f"{x:.3f}|{n:>5}|{v:,}|{s:<10}|{n:05d}|")
print(f"{x:e}|{p:.1%}|{n:x}|{n:b}|{s:^9}|{x:+.2f}|{v:_}|")
print(f"{n:X}|{n:o}|{n:#x}|{n:#b}|{-n:+d}|{n:+d}|")
print(f"{s:*^10}|{s:->6}|{s:.<6}|{n:<6}|{n:^6}|")
print(f"{x:10.2f}|{x:<10.2f}|{-x:.1f}|{x:.0f}|")
print(f"{2.5:.0f} {3.5:.0f} {1e10:.2e} {0.000123:.2e}")
print(f"{1000000:,.2f} {1234.5:_.1f}")
width = 8
print(f"{n:>{width}}|{x:.{2}f}|")
print(f"{'a' + 'b'} {[i for i in range(3)]} {dict(k=1)}")
print(f"{n!r:>6}|{s!r:<6}|")
print(f"{True} {None} {1.0} {-0.0}")
print(f"{3:3}|{'ab':3}|{1.5:6}|")
print(f"{12345:08.2f}|{-42:06d}|{42:+06d}")
name = "world"
print(f"hello, {name}!", f"{name[0]}{name[-1]}")
print(f"{n // 5} {n % 5} {n ** 2}")
print(f"a{''}b", f"{'{'}")
