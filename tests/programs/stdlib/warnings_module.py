# warnings: warn as CPython prints it (file:line: Category: message, then the source
# line), the default filters, simplefilter/filterwarnings actions, catch_warnings.
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

import sys
import warnings

sys.stderr = sys.stdout  # print the warnings where the test compares them


def old_api():
    warnings.warn("old_api is old", DeprecationWarning, stacklevel=2)


def f():
    warnings.warn("plain")


print(Warning.__mro__[1:], issubclass(DeprecationWarning, Warning), UserWarning("x"))
f()
f()  # 'default': once per location
warnings.warn("shown from __main__", DeprecationWarning)
warnings.warn("pending: ignored", PendingDeprecationWarning)
old_api()
print([(a, c.__name__, m) for a, _, c, m, _ in warnings.filters])
warnings.warn(UserWarning("an instance"))
warnings.warn("runtime", RuntimeWarning)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    f()
    f()
    warnings.warn("dep", DeprecationWarning)
    print(len(caught), [str(w.message) for w in caught], caught[0].category.__name__)
    print(caught[0].filename == __file__, caught[0].lineno)
    print(str(caught[0]).startswith("{message : UserWarning('plain'), category : 'UserWarning'"))
with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        f()
    except UserWarning as e:
        print("raised", repr(e))
    warnings.simplefilter("ignore", UserWarning)
    f()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    warnings.filterwarnings("ignore", message="skip")
    warnings.filterwarnings("error", category=FutureWarning)
    warnings.warn("Skip me, case-insensitively")
    warnings.warn("keep me")
    try:
        warnings.warn("future", FutureWarning)
    except FutureWarning as e:
        print("error action:", e)
    print([str(w.message) for w in caught])
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("once")
    for _ in range(3):
        warnings.warn("once only")
    warnings.warn("once only")
    print(len(caught))
print(repr(warnings.catch_warnings(record=True)))
print(warnings.formatwarning("msg", UserWarning, "file.py", 3, "the line"), end="")
for bad in [lambda: warnings.warn("x", int), lambda: warnings.simplefilter("sometimes"),
            lambda: warnings.filterwarnings("ignore", category=5)]:
    try:
        bad()
    except (TypeError, AssertionError) as e:
        print(type(e).__name__, e)


def my_show(message, category, filename, lineno, file=None, line=None):
    print("custom:", message, category.__name__, lineno)


warnings.showwarning = my_show
warnings.warn("to a custom showwarning")
