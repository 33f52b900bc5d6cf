# format specs via format() method, f-strings and str(): widths, precision, signs, grouping.
vals = [0, 1, -1, 42, 1234567, -98765]
for v in vals:
    print(f"[{v:>8}] [{v:<8}] [{v:^8}] [{v:08d}] [{v:+d}] [{v:,}] [{v:_}] [{v:x}] [{v:b}]")
floats = [0.0, 1.5, -2.25, 3.14159265, 1234567.891, 0.000123, 1e20]
for f in floats:
    print(f"[{f:.2f}] [{f:10.3f}] [{f:e}] [{f:.3e}] [{f:,.1f}] [{f:+.1f}] [{f:.0f}]")
for p in [0.5, 0.123, 1.0, 0.9999]:
    print(f"{p:.1%} {p:.0%} {p:%}")
for s in ["", "a", "hello", "longer than ten"]:
    print(f"[{s:<10}] [{s:>10}] [{s:^10}] [{s:*^9}]")
print("{:>6}|{:<6}|{:^6}".format("r", "l", "c"))
print("{:06.2f}|{:+08.3f}|{:x}|{:X}|{:b}".format(3.14159, -2.5, 255, 255, 8))
print("{:.2f} {:05d} {:>3} {:,} {:x}".format(3.14159, 42, "s", 1234567, 255))
print("{0:.1f} {1:.2f} {0:.3f}".format(1.23456, 2.5))
print(f"{1e16:.1f}", f"{2.5:.0f}", f"{0.125:.2f}", f"{0.375:.2f}", f"{1.005:.2f}")
print(f"{True}", f"{None!r}", f"{'s'!r:>5}", f"{3:<3}|")
print(str(1.0), str(1e-7), str(123456789012345.0), str(1e21), str(0.1 + 0.7))
