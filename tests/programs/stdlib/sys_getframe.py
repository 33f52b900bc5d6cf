# sys._getframe: the caller's frames with f_code, f_lineno, f_back and f_globals,
# as logging's findCaller walks them.
import os
import sys


def where(depth=1):
    f = sys._getframe(depth)
    return f.f_code.co_name, f.f_lineno, os.path.basename(f.f_code.co_filename)


def inner():
    return where(), where(2), where(3)


def outer():
    return inner()


print(outer())
f = sys._getframe()
print(f.f_code.co_name, f.f_back, f.f_globals is globals(), type(f).__name__)
g = sys._getframe(0)
print(g.f_code is f.f_code, g.f_code.co_filename == os.path.abspath(__file__))


def chain():
    names = []
    fr = sys._getframe()
    while fr is not None:
        names.append(fr.f_code.co_name)
        fr = fr.f_back
    return names


def a():
    return b()


def b():
    return chain()


print(a())


class K:
    def method(self):
        return sys._getframe().f_code.co_name, sys._getframe(1).f_code.co_name


print(K().method())
print([sys._getframe(1).f_code.co_name for _ in range(1)])
gen = (sys._getframe().f_code.co_name for _ in range(1))
print(list(gen))
for bad in (100, "x"):
    try:
        sys._getframe(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    raise ValueError
except ValueError as e:
    tb = e.__traceback__
    print(tb.tb_frame.f_code.co_name, tb.tb_lineno, tb.tb_next)
print(sys.exc_info(), sys.exception())
try:
    raise KeyError(1)
except KeyError:
    t, v, tb = sys.exc_info()
    print(t, repr(v), type(tb).__name__, tb.tb_lineno, sys.exception() is v)
