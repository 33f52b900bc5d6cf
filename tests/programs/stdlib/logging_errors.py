# logging's errors: bad levels, bad formats, bad basicConfig arguments, extra keys
# that clash; and logger.exception's traceback.
# exit: 1
# stderr: ValueError: Unknown level: 'LOUD'
import logging
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__)) + os.sep


class Relative(logging.Formatter):
    # Tracebacks name files by absolute path: print them relative to this folder.
    def formatException(self, ei):
        return super().formatException(ei).replace(HERE, "")


for bad in [lambda: logging.Formatter("%(message)s", style="x"),
            lambda: logging.Formatter("no fields"),
            lambda: logging.Formatter("{}", style="{"),
            lambda: logging.Formatter("$", style="$"),
            lambda: logging.basicConfig(stream=sys.stdout, filename="x.log"),
            lambda: logging.basicConfig(bogus=1, other=2),
            lambda: logging.getLogger(5),
            lambda: logging.getLogger("x").log("INFO", "m"),
            lambda: logging.getLogger("x").setLevel(None),
            lambda: logging.getLogger().warning("x", extra={"name": 1}),
            lambda: logging.getLogger().warning("x", extra={"message": 1})]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

h = logging.StreamHandler(sys.stdout)
h.setFormatter(Relative("%(levelname)s:%(message)s"))
log = logging.getLogger("exc")
log.addHandler(h)
log.propagate = False


def fail():
    raise KeyError("missing")


try:
    fail()
except KeyError:
    log.exception("lookup failed")
try:
    fail()
except KeyError as e:
    log.error("with exc_info=e", exc_info=e)
log.error("no exception", exc_info=True)
print(repr(h), logging.NullHandler())
# basicConfig(bogus=1) above gave the root a stderr handler before it raised.
print(logging.root.handlers)
logging.getLogger("quiet").addHandler(logging.NullHandler())
logging.getLogger("quiet").error("goes to the root's stderr handler")
logging.root.handlers.clear()
logging.getLogger("quiet").error("goes nowhere: quiet has a handler")
# With no handler anywhere, the last resort prints the bare message on stderr.
logging.getLogger("nohandler").warning("to stderr")
logging.getLogger().setLevel("LOUD")
