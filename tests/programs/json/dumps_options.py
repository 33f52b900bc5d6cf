# json.dumps / json.dump and JSONEncoder: every documented option, the conversion
# table (including subclasses of the built-in types), float repr and big ints.
import json

data = {"name": "gilvm", "tags": ["a", "b"], "n": 3, "x": 1.5, "ok": True,
        "none": None, "nested": {"empty_list": [], "empty_dict": {}, "t": (1, 2)}}

print(json.dumps(data))
print(json.dumps(data, sort_keys=True))
print(json.dumps(data, indent=2, sort_keys=True))
print(json.dumps(data, indent=0))
print(json.dumps([1, [2]], indent=-1))
print(json.dumps([1, {"a": [2, 3]}], indent="\t"))
print(json.dumps([1, {"a": 2}], indent="--"))
print(json.dumps([1, 2, {"a": 3}], separators=(",", ":")))
print(json.dumps([1, 2, {"a": 3}], indent=2, separators=(", ", " = ")))
print(json.dumps([]), json.dumps({}), json.dumps([[]], indent=4), json.dumps({"a": {}}, indent=4))

# Scalars at top level.
for v in [None, True, False, 0, -7, 2**64, -(2**100), 0.1, 1e16, 1e-7, -0.0, 3.0, 1/3,
          float("inf"), float("-inf"), float("nan"), "", "plain", 'q"uote', "back\\slash",
          "\n\r\t\b\f", "\x00\x1f\x7f", "é", "日本", "\U0001f600", "/"]:
    print(repr(v), json.dumps(v), json.dumps(v, ensure_ascii=False))

# Keys: str, int, float, bool, None converted; others skipped or TypeError.
print(json.dumps({1: "a", 2.5: "b", True: "c", None: "d", "e": "f"}))
print(json.dumps({False: 0, float("inf"): 1, -3: 2, 10**30: 3}))
print(json.dumps({(1, 2): "tuple", "ok": 1, frozenset(): 2}, skipkeys=True))
print(json.dumps({"é": 1}), json.dumps({"é": 1}, ensure_ascii=False))
print(json.dumps({"b": 1, "a": 2, "c": {"z": 1, "y": 2}}, sort_keys=True))

# Subclasses of the built-in types encode as their base type.
class MyInt(int):
    def __repr__(self):
        return "MyInt!"

class MyFloat(float):
    def __repr__(self):
        return "MyFloat!"

class MyStr(str):
    pass

class MyList(list):
    pass

class MyDict(dict):
    pass

class MyTuple(tuple):
    pass

print(json.dumps([MyInt(5), MyFloat(2.5), MyStr("s"), MyList([1, 2]), MyDict(a=1),
                  MyTuple((3, 4))]))
print(json.dumps({MyInt(1): MyStr("v"), MyStr("k"): 2}))

# default= and a JSONEncoder subclass.
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

def point_default(o):
    if isinstance(o, Point):
        return {"x": o.x, "y": o.y}
    if isinstance(o, set):
        return sorted(o)
    raise TypeError(f"cannot encode {type(o).__name__}")

print(json.dumps([Point(1, 2), {3, 1, 2}], default=point_default))
print(json.dumps({"p": Point(0, Point(5, 6))}, default=point_default, indent=1))

class SetEncoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, (set, frozenset)):
            return sorted(o)
        return super().default(o)

print(json.dumps({"s": {3, 2, 1}}, cls=SetEncoder))
print(SetEncoder(indent=2).encode([frozenset({1})]))
print(SetEncoder().encode("just a string"), SetEncoder(ensure_ascii=False).encode("é"))
print("".join(json.JSONEncoder().iterencode({"a": [1, 2]})))
enc = json.JSONEncoder(sort_keys=True, separators=(",", ":"))
print(enc.encode({"b": [1, 2], "a": None}), enc.item_separator, enc.key_separator)
print(json.JSONEncoder().item_separator, json.JSONEncoder(indent=2).item_separator)
try:
    print(json.dumps({"s": {1}}, cls=SetEncoder, default=None), "set via cls")
    json.dumps({"x": object}, cls=SetEncoder)
except TypeError as e:
    print("TypeError:", e)

# dump writes to anything with write().
class Sink:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)

sink = Sink()
json.dump({"a": [1, 2.0, None]}, sink)
json.dump([1], sink, indent=2)
print("".join(sink.parts))

# The module's public names.
print(sorted(json.__all__))
print(json.JSONDecodeError.__mro__[1].__name__, json.JSONDecodeError.__module__)
import json.decoder, json.encoder
print(json.decoder.JSONDecodeError is json.JSONDecodeError, json.encoder.JSONEncoder is json.JSONEncoder)
print(json.encoder.encode_basestring_ascii('a"é\n'), json.encoder.encode_basestring('a"é\n'))
