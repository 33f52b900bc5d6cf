# The errors json.dumps raises: unserializable objects, bad keys, NaN with
# allow_nan=False, circular references, deep nesting, sort_keys over mixed keys.
import json

def show(f, *args, **kw):
    try:
        print("ok", f(*args, **kw))
    except (TypeError, ValueError, RecursionError) as e:
        print(type(e).__name__ + ":", e)

class Thing:
    pass

show(json.dumps, object())
show(json.dumps, {"a": Thing()})
show(json.dumps, {1, 2})
show(json.dumps, range(3))
show(json.dumps, {(1, 2): 3})
show(json.dumps, {Thing(): 3})
show(json.dumps, {"a": 1, (1,): 2, "b": 3}, skipkeys=True)
show(json.dumps, float("nan"), allow_nan=False)
show(json.dumps, [1, float("inf")], allow_nan=False)
show(json.dumps, {float("-inf"): 1}, allow_nan=False)
show(json.dumps, {float("-inf"): 1})
show(json.dumps, {"b": 1, 2: 3}, sort_keys=True)
show(json.dumps, {"b": 1, "a": 2, "c": 3}, sort_keys=True)
show(json.dumps, [1], indent=2, separators=(",", ":"))
show(json.dumps, 10 ** 5000)

a = []
a.append(a)
show(json.dumps, a)
d = {}
d["self"] = d
show(json.dumps, d)
show(json.dumps, [d])
shared = [1]
show(json.dumps, [shared, shared, {"x": shared}])

def loop_default(o):
    return [o]

show(json.dumps, Thing(), default=loop_default)
show(json.dumps, Thing(), default=lambda o: "thing")
show(json.dumps, [Thing()], default=lambda o: 1 / 0 if False else None)

deep = []
for _ in range(100000):
    deep = [deep]
show(json.dumps, deep)
deepd = {}
for _ in range(100000):
    deepd = {"k": deepd}
show(json.dumps, deepd)
show(json.dumps, a, check_circular=False)
ok = [[[[1]]]]
show(json.dumps, ok, check_circular=False)

try:
    json.dumps([1], indent=[2])
except TypeError as e:
    print("TypeError (indent list)")
try:
    json.dumps([1], nosuch=1)
except TypeError as e:
    print("TypeError:", e)
try:
    json.dumps([1], separators=(","))
except ValueError as e:
    print("ValueError:", e)
