# json.loads / json.load and JSONDecoder: the conversion table, the hooks
# (object_hook, object_pairs_hook, parse_float, parse_int, parse_constant), strict,
# raw_decode, unicode escapes and big numbers.
import json

doc = '''
{
  "name": "gilvm", "version": [0, 1], "pi": 3.14159, "neg": -12, "exp": 6.02e23,
  "small": 1E-5, "zero": 0, "negzero": -0.0, "t": true, "f": false, "n": null,
  "s": "tab\\there \\"quoted\\" \\\\ \\/ \\u00e9 \\ud83d\\ude00 \\b\\f\\n\\r",
  "empty": {}, "list": [], "nested": {"a": [{"b": [1, [2, [3]]]}]}
}
'''
v = json.loads(doc)
for k in v:
    print(k, repr(v[k]))

print(json.loads("123456789012345678901234567890"), json.loads("-9223372036854775809"))
print(json.loads("1.7976931348623157e308"), json.loads("1e400"), json.loads("-1e400"))
print(json.loads("5e-324"), json.loads("0.1"), json.loads("1.0"), json.loads("-0"))
print(json.loads('  \t\n\r [ 1 ,\n 2 ]  \n'))
print(json.loads('{"a": 1, "a": 2, "b": 3, "a": 4}'))
print(json.loads('"\\u0041\\u00DF\\u6771\\uD834\\uDD1E"'))
print(repr(json.loads('"\u00e9\u6771\U0001f600 raw"')))
print(json.loads('[NaN, Infinity, -Infinity]'))

# Hooks.
print(json.loads('{"a": {"b": 1}}', object_hook=lambda d: sorted(d.items())))
print(json.loads('{"b": 1, "a": [2, {"c": 3}]}', object_pairs_hook=lambda p: p))
print(json.loads('{"x": 1}', object_hook=lambda d: "hook", object_pairs_hook=lambda p: "pairs"))
print(json.loads('[1.5, 2, 1e3]', parse_float=lambda s: "F" + s))
print(json.loads('[1.5, 2, -30]', parse_int=lambda s: "I" + s))
print(json.loads('[1.5, 2]', parse_int=float, parse_float=int.__class__.__name__.__class__))
print(json.loads('[NaN, -Infinity, Infinity]', parse_constant=lambda s: s.lower()))
print(json.loads('[1, 2.5]', parse_int=int, parse_float=float))
try:
    json.loads('[NaN]', parse_constant=lambda s: 1 / 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError from parse_constant:", e)

class Obj:
    def __init__(self, d):
        self.__dict__.update(d)

o = json.loads('{"a": 1, "inner": {"b": 2}}', object_hook=Obj)
print(type(o).__name__, o.a, o.inner.b)

# strict=False lets control characters into strings.
print(repr(json.loads('"a\tb\nc"', strict=False)))
try:
    json.loads('"a\tb"')
except json.JSONDecodeError as e:
    print(e)

# JSONDecoder directly.
d = json.JSONDecoder()
print(d.decode(' [1, "two"] '))
print(d.raw_decode('{"a": 1} trailing'))
print(d.raw_decode('xx[1, 2]yy', 2))
print(d.raw_decode('"é" then', 0), d.raw_decode('ab"é"x', 2))
print(d.parse_float is float, d.parse_int is int, d.strict, d.object_hook, d.object_pairs_hook)
print(json.JSONDecoder(object_pairs_hook=dict).decode('{"k": [true]}'))

class MyDecoder(json.JSONDecoder):
    def __init__(self, **kw):
        super().__init__(object_hook=self.hook, **kw)

    def hook(self, d):
        return {k.upper(): v for k, v in d.items()}

print(json.loads('{"a": {"b": 1}}', cls=MyDecoder))
print(json.loads('[1.25]', cls=MyDecoder, parse_float=lambda s: s))

# load reads from anything with read().
class Source:
    def read(self):
        return '{"from": "read()"}'

print(json.load(Source()), json.load(Source(), object_hook=len))

# Round trips.
values = [None, True, [1, 2.5, "x", {"k": [None]}], {"a": {"b": {"c": []}}},
          "é\U0001f600\x00", 10**40, -1.5e-10, 1e22]
for value in values:
    assert json.loads(json.dumps(value)) == value, value
    assert json.loads(json.dumps(value, ensure_ascii=False, indent=3)) == value, value
print("round trips ok")
