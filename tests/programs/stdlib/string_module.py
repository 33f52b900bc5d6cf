# string: the constants, capwords, Template (substitute, safe_substitute, errors,
# custom delimiter, get_identifiers, is_valid) and Formatter (and a subclass).
import string
from string import Template, Formatter

for name in ["whitespace", "ascii_lowercase", "ascii_uppercase", "ascii_letters", "digits",
             "hexdigits", "octdigits", "punctuation", "printable"]:
    print(name, repr(getattr(string, name)))
print(string.capwords("  hello   wORLD  foo "), string.capwords("a-b-c", "-"), repr(string.capwords("")))

t = Template("$who likes $what, ${who}s cost $$5")
print(t.substitute(who="tim", what="kung pao"))
print(t.substitute({"who": "ann", "what": "tea"}))
print(t.substitute({"who": "ann", "what": "tea"}, what="coffee"))
print(t.safe_substitute(who="bob"))
print(t.get_identifiers(), t.is_valid(), t.template)
for tpl, kw in [("$who likes $what", {"who": 1}), ("give $100", {}), ("line1\nbad ${ x}", {}),
                ("$", {}), ("ok ${a", {"a": 1})]:
    try:
        print(Template(tpl).substitute(**kw))
    except (KeyError, ValueError) as e:
        print(type(e).__name__, e)
    print(repr(Template(tpl).safe_substitute(**kw)), Template(tpl).is_valid())
print(Template("$a$b${c}_$d_e").safe_substitute(a=1, b=2, c=3))


class Percent(Template):
    delimiter = "%"


print(Percent("%x and %{y} and %%").substitute(x="X", y="Y"))

f = Formatter()
print(f.format("{} and {}", 1, "two"), f.format("{0}{1}{0}", "a", "b"), f.format("{x!r:>6}|{y:.2f}", x="s", y=3.14159))
print(f.format("{0[1]} {a.real} {d[key]}", [5, 6], a=3, d={"key": "v"}))
print(f.format("{:{w}.{p}f}", 2.718281, w=10, p=3), f.format("{{literal}} {}", 0))
print(list(f.parse("a{0!r:>3}b{}c{{d}}e")), list(f.parse("")), list(f.parse("{x}")))
for fmt, args in [("{", ()), ("}", ()), ("{0}{}", (1, 2)), ("{}{0}", (1, 2)), ("{!x}", (1,)), ("{5}", (1,)), ("{z}", ())]:
    try:
        print(f.format(fmt, *args))
    except (ValueError, IndexError, KeyError) as e:
        print(type(e).__name__, e)


class Upper(Formatter):
    def format_field(self, value, spec):
        return format(value, spec).upper()

    def get_value(self, key, args, kwargs):
        if isinstance(key, str) and key not in kwargs:
            return "<" + key + ">"
        return super().get_value(key, args, kwargs)


print(Upper().format("{} {name} {missing}", "abc", name="def"))
print(Formatter().vformat("{0}-{k}", ("p",), {"k": "q"}), Formatter().convert_field(5, "r"))
