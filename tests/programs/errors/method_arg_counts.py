# A built-in method called with the wrong number of arguments: CPython counts the
# arguments after the object (list.clear() takes no arguments (1 given)).
import collections
cases = [lambda: (1.0).is_integer(2), lambda: [].clear(1), lambda: "a".upper(1), lambda: {}.keys(1),
 lambda: [].append(), lambda: [].append(1, 2), lambda: "".join(), lambda: (1).bit_length(1),
 lambda: set().add(), lambda: {}.popitem(1), lambda: (1, 2).count(), lambda: range(3).index(),
 lambda: "a".zfill(), lambda: (x for x in []).send(), lambda: [].copy(1), lambda: set().pop(2),
 lambda: float.is_integer(1), lambda: list.clear(), lambda: "a".lower(1, 2)]
for f in cases:
    try: f(); print("no error")
    except TypeError as e: print(e)
for f in [lambda: "a".partition(), lambda: "a".removeprefix(), lambda: {}.items(2), lambda: {}.values(1)]:
    try: f(); print("no error")
    except TypeError as e: print(e)
