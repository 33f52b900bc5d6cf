# traceback: format_exc/print_exc, format_exception(_only), chains (cause and context),
# exception groups, extract_tb/format_tb, extract_stack/print_stack, limits; file
# names printed relative to this folder.
import os as _os
import sys as _sys

# CPython makes the main script's path absolute; the expected output shows it
# relative to this directory so that it holds in any checkout.
_here = _os.path.dirname(_os.path.abspath(__file__)) + _os.sep


class _Relative:
    def __init__(self, stream):
        self.stream = stream

    def write(self, text):
        return self.stream.write(text.replace(_here, ""))

    def flush(self):
        self.stream.flush()


_sys.stdout = _Relative(_sys.stdout)

import os
import sys
import traceback

HERE = os.path.dirname(os.path.abspath(__file__)) + os.sep


def show(text):
    print(text.replace(HERE, ""), end="")


def inner(x):
    raise ValueError("bad value %d" % x)


def middle():
    try:
        inner(1)
    except ValueError as e:
        raise KeyError("wrapped") from e


def outer():
    middle()


try:
    outer()
except KeyError:
    show(traceback.format_exc())
    show(traceback.format_exc(limit=1))
    show(traceback.format_exc(chain=False))
    t, v, tb = sys.exc_info()
    print(traceback.format_exception_only(t, v))
    summary = traceback.extract_tb(tb)
    print([(os.path.basename(f.filename), f.lineno, f.name, f.line) for f in summary])
    print(len(summary), summary[0].name, list(summary[-1])[1:])
    show("".join(traceback.format_tb(tb, limit=2)))

try:
    try:
        raise KeyError("missing")
    except KeyError:
        raise RuntimeError("while handling")
except RuntimeError as e:
    show("".join(traceback.format_exception(e)))
    te = traceback.TracebackException.from_exception(e)
    print(type(te.__context__).__name__, te.exc_type.__name__, str(te))

print(traceback.format_exception_only(ValueError("only")))
print(traceback.format_exception_only(ValueError, ValueError()))
try:
    raise ExceptionGroup("many", [ValueError("one"), TypeError("two")])
except ExceptionGroup as e:
    show("".join(traceback.format_exception(e)))


def recurse(n):
    if n == 0:
        raise RecursionError("deep")
    recurse(n - 1)


try:
    recurse(10)
except RecursionError:
    show(traceback.format_exc())


def where():
    show("".join(traceback.format_stack(limit=2)))
    stack = traceback.extract_stack()
    print(stack[-1].name, stack[-2].name, stack[-1].line)


def caller():
    where()


caller()
traceback.print_stack(limit=1, file=sys.stdout)
print(traceback.format_exc())
traceback.print_exception(ValueError("to stdout"), file=sys.stdout)
print(traceback.format_list([("f.py", 3, "fn", "x = 1")]))
fs = traceback.FrameSummary("f.py", 3, "fn", line="y = 2")
print(fs, fs == ("f.py", 3, "fn", "y = 2"), len(fs))


class Custom(Exception):
    pass


try:
    raise Custom()
except Custom:
    show(traceback.format_exc())
