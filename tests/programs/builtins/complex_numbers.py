# complex numbers: literals, arithmetic with ints and floats, CPython's repr, hash,
# equality, constructor and its errors, match on a complex literal.
z = 1 + 2j
print(z, type(z), type(z).__name__, 2j, -1j, 0j, -0j)
print(z.real, z.imag, z.conjugate(), abs(3 + 4j))
print(z * (3 - 1j), z / (1 - 1j), z - 1, 1 - z, 2 * z, z * 2.5)
print((1 + 1j) ** 2, 2 ** (1j), (1j) ** 0.5, (1 + 2j) ** -1)
print(complex(), complex(1), complex(1, 2), complex("1+2j"), complex(" (3-j) "), complex(1j, 1j))
print(hash(1 + 0j) == hash(1), hash(2j), hash(1.5 - 2.5j), z == 1 + 2j, 1 + 0j == 1, 1j != 0, bool(0j), bool(1j))
print({1j: "a"}[1j], repr(complex(float("inf"), float("nan"))), -(1 + 2j), +z)
print(str(1e20j), 1e-5j, (1.5 + 0.25j), f"{z}", "%s" % z, [1j, 2 + 0j])
for bad in [lambda: 1 / 0j, lambda: 0j ** -1, lambda: complex("x"), lambda: complex([]), lambda: z < z, lambda: int(z), lambda: z // 2, lambda: float(z), lambda: complex("1", 2)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
match 1 + 2j:
    case 1 + 2j:
        print("matched")
print(sum([1j, 2j, 3]), isinstance(z, complex), complex.__name__, z.__class__)
print((1+2j).__getnewargs__(), format(z, ""), complex(True, False))
print(complex(1, -0.0), complex(1j, 1j), complex(1+2j), complex(2), complex(1, 2j), complex(-0.0, -0.0), complex(1+1j, 2), complex(imag=3))
print(complex(1, -float("nan")), complex(1, -0.0) == complex(1, 0.0))
