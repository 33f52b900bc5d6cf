# repr() of strings: quote choice, escapes of control chars, non-ASCII kept as-is.
for s in ["plain", "it's", 'say "hi"', "both ' and \"", "tab\t", "nl\n", "cr\r", "bs\\", "\x00", "\x1b[0m", "\x7f", "é", "中文", "✓", ""]:
    print(repr(s), len(s))
print([repr("a")], repr(["a", "b'c"]), repr({"k": "v\n"}), repr(("t",)))
print(str("x\ty"), repr("x\ty"), "x\\ty")
print(repr("\u00e9") == "'é'", "\u00e9" == "é", "\x41" == "A", "\101" == "A")
print(repr(r"\d+\s*"), r"\d+\s*", len(r"\\"), len("\\"))
print(repr('"'), repr("'"), repr("'\""), repr("\\'"))
print(f"{'q'!r}", f"{'it' + chr(39) + 's'!r}", "{!r}".format("x\n"))
print(repr("a" * 3 + "\n" * 2))
print(repr(str(1.5)), repr(str(None)), repr(str([1, "2"])))
