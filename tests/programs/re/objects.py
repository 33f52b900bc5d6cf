# Match and Pattern objects: group/groups/groupdict/start/end/span/expand,
# lastindex/lastgroup, string/re/pos/endpos/regs, indexing, reprs; Pattern's
# pattern/flags/groups/groupindex and repr; the flags' reprs and values.
import re

m = re.search(r"(?P<first>\w+) (?P<last>\w+)(?P<opt>!)?", "hi: Jane Doe.")
print(m)
print(m.group(), m.group(0), m.group(1), m.group("last"), m.group(1, "last", 0))
print(m.groups(), m.groups("-"), m.groupdict(), m.groupdict(default="?"))
print(m.start(), m.end(), m.span(), m.start(2), m.end("first"), m.span("opt"), m.start(3))
print(m[0], m[1], m["last"], m[3])
print(m.lastindex, m.lastgroup, m.pos, m.endpos, m.string, m.re)
print(m.regs)
print(m.expand(r"\2, \1 (\g<first>) \g<0> [\g<opt>]\n|"), bool(m))
for bad in [4, -1, "nope", 1.5]:
    try:
        m.group(bad)
    except IndexError as e:
        print("IndexError:", e)
try:
    m[5]
except IndexError as e:
    print("IndexError:", e)

m = re.match(r"(a)(b(c))(d)?", "abc")
print(m.lastindex, m.lastgroup, m.groups(), m.span(3), m.span(4))
m = re.match(r"((a)(b))", "ab")
print(m.lastindex)
m = re.match(r"(?P<outer>(?P<inner>x))", "x")
print(m.lastindex, m.lastgroup)
m = re.match(r"(a)|(b)", "b")
print(m.lastindex, m.groups(), m.group(1))
print(re.match(r"x", "x").lastindex, re.match(r"x", "x").lastgroup, re.match("x", "x").groups())
m = re.search(r"é(.)", "cafébé")
print(m, m.span(), m.span(1), m.start(1))
m = re.search(r"\d+", "x" * 60 + "123" + "y" * 60)
print(m)
print(re.search(r"'", "a'b"), re.search(r".+", "tab\there"))
long = re.match(r".*", "z" * 100)
print(long)

p = re.compile(r"(?P<key>\w+)=(?P<value>\d+)(x)?", re.I | re.M)
print(p, p.pattern, p.flags, p.groups, p.groupindex)
print(repr(re.compile("a")), re.compile("a").flags, re.compile("(?i)a").flags)
print(re.compile("a", re.A), re.compile("a", re.A).flags, re.compile("(?s)(?x)a"))
print(re.compile("a", re.S | re.X | re.A | re.I | re.M))
print(re.compile("it's"), re.compile(r"\d" * 120))
print(re.compile(r"x") is re.compile(r"x"), re.compile(p) is p)
print(type(p).__name__, type(m).__name__, isinstance(p, re.Pattern), isinstance(m, re.Match))
print(re.I, re.IGNORECASE, re.M | re.S, repr(re.X), int(re.A), re.U.value, re.NOFLAG)
print(re.I | 0, 2 | re.M, re.I & re.I, type(re.I | re.M).__name__, re.I == 2)
print(re.M.name, re.DOTALL.name)
