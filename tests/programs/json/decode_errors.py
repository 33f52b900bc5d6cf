# JSONDecodeError: messages, msg/doc/pos/lineno/colno as CPython's, for each kind
# of bad document; and the other errors json raises.
import json

bad = ['', ' ', '   \n  ', '[1,]', '[1,2,]', '{"a":1,}', '{"a" 1}', '{a:1}', "{'a': 1}",
       '[1 2]', '"abc', '"a\\x"', '"\\u12"', '"\\u12zz"', '"\\uzzzz"', '"\\ud83d\\u12"',
       '"\x01"', '01', '[1]x', 'nul', 'nulls', '-', '-x', '1.', '1e', '1.5e+', '{"a":}',
       '[', '{', '{"a":1', '{"a"', '{"a":', 'tru', 'True', '[-]', '"\\', '"é\\q"',
       'é', '[1, 2]\n  extra', '{\n  "a": 1\n  "b": 2\n}', '\n\n  [1,\n 2', '[1,\n\n',
       '"line\nbreak"', '[Infinity, -Inf]', '+1', '.5', '0x10', '[1,,2]', '{"a":1 "b":2}',
       '"\\u00e9', '"\\', '{"a":1}}', '[][]', '\ufeff[1]']
for s in bad:
    try:
        print(repr(s), "->", repr(json.loads(s)))
    except json.JSONDecodeError as e:
        print(repr(s), "->", e, "|", repr(e.msg), e.pos, e.lineno, e.colno, e.doc == s)

# JSONDecodeError is a ValueError, and carries its fields.
try:
    json.loads('{"key": nope}')
except ValueError as e:
    print(type(e).__name__, isinstance(e, json.JSONDecodeError), e.args)
e = json.JSONDecodeError("Custom", "ab\ncd\nef", 7)
print(e, e.lineno, e.colno, e.msg, e.pos)

# raw_decode does not skip leading whitespace, and checks idx.
d = json.JSONDecoder()
for s, idx in [(" 1", 0), ("[1]", 3), ("[1]", 10), ("", 0)]:
    try:
        print(d.raw_decode(s, idx))
    except json.JSONDecodeError as e:
        print("raw_decode", repr(s), idx, "->", e)
try:
    d.raw_decode("[1]", -1)
except ValueError as e:
    print("ValueError:", e)

# Other errors.
for arg in [5, None, [1], 2.5]:
    try:
        json.loads(arg)
    except TypeError as e:
        print("TypeError:", e)
try:
    json.loads("1" * 5000)
except ValueError as e:
    print("ValueError:", e)
print(len(str(json.loads("7" * 4300))))
try:
    json.loads("[" * 100000)
except RecursionError as e:
    print("RecursionError:", e)
try:
    json.loads('{"a":' * 100000)
except RecursionError as e:
    print("RecursionError:", e)
print(len(json.loads("[" * 500 + "]" * 500, object_hook=None)))
