# str.format_map and math.dist, with their errors.
import math


class Default(dict):
    def __missing__(self, key):
        return "<" + key + ">"


print("{name} is {age}".format_map({"name": "Ada", "age": 36}))
print("{name} has {pets}".format_map(Default(name="Bob")))
print("{p.real} {d[k]}".format_map({"p": 3 + 4j, "d": {"k": "v"}}))
print("{x:>{w}}|".format_map({"x": "r", "w": 5}))
for fmt, arg in [("{missing}", {}), ("{0}", {}), ("{}", {"": 1}), ("{a", {"a": 1})]:
    try:
        print(fmt.format_map(arg))
    except (KeyError, ValueError) as e:
        print(type(e).__name__, e)
try:
    "x".format_map()
except TypeError as e:
    print("TypeError:", e)

print(math.dist((1, 2), (4, 6)), math.dist([], []), math.dist([1.5], [-1.5]))
print(math.dist(iter([0, 0, 0]), (1, 2, 2)), math.dist((0, float("inf")), (0, 1)))
for p, q in [([1, 2], [1]), (3, [1]), ([1, "a"], [1, 2])]:
    try:
        math.dist(p, q)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

# The 3.11 additions beside dist.
print(math.exp2(10), math.exp2(0.5), math.exp2(-1074))
print(math.nextafter(1.0, 2.0), math.nextafter(1.0, 0.0), math.nextafter(0.0, -1.0))
print(math.nextafter(3.0, 3.0), math.nextafter(float("nan"), 1.0), math.nextafter(1e308 * 10, 0))
print(math.ulp(1.0), math.ulp(-2.0), math.ulp(0.0), math.ulp(float("inf")), math.ulp(1.7976931348623157e308))
try:
    math.exp2(2000)
except OverflowError as e:
    print("OverflowError:", e)
