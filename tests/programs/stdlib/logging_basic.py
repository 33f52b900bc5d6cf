# logging: the logger tree, levels, Logger methods, formats in the three styles,
# handlers and filters; everything printed to stdout through StreamHandler.
import logging
import sys

print(logging.getLevelName(10), logging.getLevelName("ERROR"), logging.getLevelName(15))
logging.addLevelName(15, "VERBOSE")
print(logging.getLevelName(15), logging.getLevelName("VERBOSE"))
print(logging.WARNING, logging.WARN, logging.FATAL, logging.NOTSET)

root = logging.getLogger()
print(root, root is logging.root, logging.getLogger("root") is root)
abc = logging.getLogger("a.b.c")
a = logging.getLogger("a")
ab = logging.getLogger("a.b")
print(abc.parent is ab, ab.parent is a, a.parent is root)
print(a.getChild("b") is ab, abc, repr(a))
print(sorted(logging.Logger.manager.loggerDict))

logging.basicConfig(stream=sys.stdout, level=logging.INFO,
                    format="%(levelname)-8s|%(name)s|%(funcName)s:%(lineno)d|%(module)s|%(message)s")
logging.basicConfig(format="ignored: a second basicConfig does nothing")
print(root.handlers, root.level)


def work(n):
    abc.debug("not shown %d", n)
    abc.info("info %d", n)
    ab.warning("warning %s %r", "x", "y")
    a.error("error")
    abc.critical("critical %(k)s", {"k": "v"})
    abc.log(15, "verbose is below INFO")
    abc.log(25, "level 25")


work(1)
abc.setLevel(logging.DEBUG)
print(abc.getEffectiveLevel(), ab.getEffectiveLevel(), abc.isEnabledFor(10))
abc.debug("now shown")
logging.info("module-level %s", "info")


class Job:
    def run(self):
        logging.getLogger("job").warning("from a method")


Job().run()

# propagate, handler levels and filters
h = logging.StreamHandler(sys.stdout)
h.setFormatter(logging.Formatter("[own] %(name)s %(message)s"))
h.setLevel(logging.ERROR)
ab.addHandler(h)
ab.warning("only root's handler")
ab.error("both handlers")
ab.propagate = False
ab.error("own handler only")
abc.error("a child propagates to a.b, which stops")
ab.propagate = True
ab.removeHandler(h)
print(ab.handlers, ab.hasHandlers())

f = logging.Filter("a.b")
print(f.filter(logging.makeLogRecord({"name": "a.b.c"})),
      f.filter(logging.makeLogRecord({"name": "a.bc"})),
      f.filter(logging.makeLogRecord({"name": "a"})))
root.handlers[0].addFilter(lambda r: "secret" not in r.getMessage())
a.warning("a secret")
a.warning("not hidden")

# styles
for style, fmt in [("{", "{levelname}/{name}/{message:>6}"), ("$", "$levelname/${name}/$message")]:
    h2 = logging.StreamHandler(sys.stdout)
    h2.setFormatter(logging.Formatter(fmt, style=style))
    lg = logging.getLogger("style" + style)
    lg.propagate = False
    lg.addHandler(h2)
    lg.warning("hi")
fmt = logging.Formatter("%(message)s %(extra1)s", defaults={"extra1": "dflt"})
rec = logging.LogRecord("n", logging.INFO, "/p/mod.py", 7, "m %s", ("x",), None, "fn")
print(fmt.format(rec), rec.filename, rec.module, rec.funcName, rec.levelname, rec.getMessage())
print(repr(rec))
adapter = logging.LoggerAdapter(a, {"user": "bob"})
h3 = logging.StreamHandler(sys.stdout)
h3.setFormatter(logging.Formatter("adapter %(user)s %(message)s"))
lad = logging.getLogger("adapted")
lad.propagate = False
lad.addHandler(h3)
logging.LoggerAdapter(lad, {"user": "ann"}).info("ignored (below WARNING)")
logging.LoggerAdapter(lad, {"user": "ann"}).warning("via adapter")
print(adapter)
logging.disable(logging.ERROR)
a.error("disabled")
a.critical("above the disable level")
logging.disable(logging.NOTSET)
a.info("enabled again")
print(logging.getLevelNamesMapping()["WARN"])
