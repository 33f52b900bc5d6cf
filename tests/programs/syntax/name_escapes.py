# \N{NAME} escapes in plain, f- and byte-less strings; case-insensitive; aliases.
print("\N{BULLET} \N{EM DASH} \N{SNOWMAN}")
print("\N{latin small letter a}\N{Greek Capital Letter Omega}")
print(ascii("\N{NO-BREAK SPACE}\N{LATIN CAPITAL LETTER GHA}\N{BEL}"))
print(len("\N{EURO SIGN}"), ord("\N{EURO SIGN}"))
x = 3
print(f"\N{BLACK STAR}{x}\N{BLACK STAR}", f"{x}\N{DIGIT ONE}")
print(r"\N{BULLET}", "\\N{BULLET}")
print("\N{CJK UNIFIED IDEOGRAPH-4E2D}\N{HANGUL SYLLABLE GA}")
