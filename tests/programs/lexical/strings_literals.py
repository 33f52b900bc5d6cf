# String literal forms and escapes.
print('single', "double", '''triple single''', """triple double""")
print("tab:\tend")
print("newline:\nsecond line")
print("backslash: \\ quote: \" apostrophe: \'")
print('mixed "quotes" inside', "and 'these' too")
print("\x41\x42\x43", "\u00e9", "caf\u00e9", len("\u00e9"))
print(r"raw \n stays", r'C:\path\to', len(r"\n"))
print("adjacent " "literals " 'concatenate')
print("""line one
line two
    indented line three""")
s = '''It's "quoted"'''
print(s)
print(repr("it's"), repr('say "hi"'), repr('both \' and "'))
print(repr("tab\there"), repr("nl\n"), repr("back\\slash"))
print(len("abc\n"), len(""), len("""
"""))
print("a" "b" == "ab")
print("\101", "\0" == "\x00")
print("line\
 continued inside string")
e = ""
print(repr(e), repr(''), str(''))
print(repr("\u00e9"), repr("\x7f"), repr("\x01"))
