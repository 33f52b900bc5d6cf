# re.error for bad patterns and templates, with CPython's messages, positions,
# lineno/colno; and the TypeErrors and ValueErrors of the API.
import re

bad = ["(", "a)", "*", "+a", "a**", "a*??", "a{2}{3}", "[a", "[a-", r"\q", r"[\q]",
       "(?<n>a)", "(?P<1a>x)", "(?P<a>x)(?P<a>y)", "(?P=b)", r"(a)\2", r"\1", "a{3,2}",
       "(?z)", "a(?i)b", "(?#abc", "[b-a]", r"[\d-z]", r"\x4", r"\u12", r"\U0011ffff",
       "(?P<a", "(?", "(?P", "(?Px)", "a\\", "(?P=", "(?P<>a)", "(?i", "(?-", "(a)(?(2)b)",
       r"\k", "a|*", "(*)", "^*", r"\b+", "a*+*", r"\N{nope}", r"\N", r"\N{", "(?<=a+)b",
       "(a)(?P=a)", r"(a\1)", "\n\n  (x", "ab\n)", "(?i)(?L)a", "(?-a:x)", "(?i-i:x)",
       r"\777", "[]", "[^]", "(?P<a>)(?(b)x)", "(?(1a)x)"]
for p in bad:
    try:
        re.compile(p)
        print(repr(p), "compiles")
    except re.error as e:
        print(repr(p), "->", e, "|", repr(e.msg), e.pos, e.lineno, e.colno)

try:
    re.compile("(ab")
except re.error as e:
    print(type(e).__name__, type(e).__module__, e.pattern, isinstance(e, Exception))

for tmpl in [r"\2", r"\g<x>", r"\q", r"\g<1", r"\g<>", r"\g<a b>", r"\g", "\\", r"\g<3>",
             r"\x41", r"\9"]:
    try:
        print(repr(tmpl), "->", re.sub("(a)(?P<b>b)", tmpl, "ab"))
    except (re.error, IndexError) as e:
        print(repr(tmpl), "->", type(e).__name__, e)

def check(f):
    try:
        print(f())
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)

check(lambda: re.match(5, "a"))
check(lambda: re.match("a", 5))
check(lambda: re.search("a", None))
check(lambda: re.compile(re.compile("a"), re.I))
check(lambda: re.compile("a", re.L))
check(lambda: re.compile("a", re.A | re.U))
check(lambda: re.sub("a", lambda m: 5, "a"))
check(lambda: re.sub("a", lambda m: 5, "xa"))
check(lambda: re.compile("a").match())
check(lambda: re.compile("a").match("a", nope=1))
check(lambda: re.escape(5))
