# logging.handlers: RotatingFileHandler (rollover by size, backups, namer),
# TimedRotatingFileHandler (interval arithmetic, a forced rollover), WatchedFileHandler,
# MemoryHandler, QueueHandler + QueueListener across a thread; file names printed
# relative to a temporary directory.
import logging
import logging.handlers as lh
import os
import queue
import tempfile
import time

tmp = tempfile.mkdtemp()


def listing():
    return sorted(os.listdir(tmp))


def read(name):
    with open(os.path.join(tmp, name)) as f:
        return f.read()


log = logging.getLogger("rot")
log.setLevel(logging.DEBUG)
log.propagate = False
path = os.path.join(tmp, "app.log")
h = lh.RotatingFileHandler(path, maxBytes=40, backupCount=2)
h.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
log.addHandler(h)
for i in range(8):
    log.info("message number %d", i)
print(listing())
for name in listing():
    print(name, repr(read(name)))
print(h.maxBytes, h.backupCount, h.mode, repr(h).replace(tmp, "TMP"))
log.removeHandler(h)
h.close()

# No maxBytes: never rolls over; namer renames the backups.
path2 = os.path.join(tmp, "named.log")
h2 = lh.RotatingFileHandler(path2, maxBytes=30, backupCount=1)
h2.namer = lambda name: name + ".bak"
log.addHandler(h2)
for i in range(4):
    log.warning("w%d-padding-padding", i)
log.removeHandler(h2)
h2.close()
print([n for n in listing() if n.startswith("named")])

# TimedRotatingFileHandler: when/interval, suffixes, errors, a forced rollover.
path3 = os.path.join(tmp, "timed.log")
for when, interval in [("S", 5), ("M", 2), ("H", 1), ("D", 3), ("midnight", 1), ("W0", 1)]:
    t = lh.TimedRotatingFileHandler(path3, when=when, interval=interval, delay=True)
    print(when, t.when, t.interval, t.suffix, t.computeRollover(1000000) - 1000000 > 0)
    t.close()
for bad in ["X", "W7", "W"]:
    try:
        lh.TimedRotatingFileHandler(path3, when=bad, delay=True)
    except ValueError as e:
        print("ValueError", e)
t = lh.TimedRotatingFileHandler(path3, when="S", interval=1, backupCount=1)
print(t.computeRollover(1000) == 1001, t.extMatch.match("2026-12-02_01-02-03") is not None)
log.addHandler(t)
log.error("before rollover")
t.rolloverAt = 0
log.error("after rollover")
log.removeHandler(t)
t.close()
timed = [n for n in listing() if n.startswith("timed")]
print(len(timed), read("timed.log"), [t.extMatch.match(n[len("timed.log."):]) is not None
                                      for n in timed if n != "timed.log"])

# WatchedFileHandler reopens a file moved away under it.
path4 = os.path.join(tmp, "watched.log")
w = lh.WatchedFileHandler(path4)
log.addHandler(w)
log.info("first")
os.rename(path4, path4 + ".old")
log.info("second")
log.removeHandler(w)
w.close()
print(repr(read("watched.log.old")), repr(read("watched.log")))

# MemoryHandler: flushes to its target at capacity or at flushLevel, and at close.
class ListHandler(logging.Handler):
    def __init__(self):
        super().__init__()
        self.seen = []

    def emit(self, record):
        self.seen.append(self.format(record))


target = ListHandler()
m = lh.MemoryHandler(3, flushLevel=logging.ERROR, target=target)
log.addHandler(m)
log.info("a")
log.info("b")
print(len(m.buffer), target.seen)
log.info("c")
print(len(m.buffer), target.seen)
log.info("d")
log.error("e")
print(len(m.buffer), target.seen)
log.info("f")
log.removeHandler(m)
m.close()
print(target.seen, m.target)
b = lh.BufferingHandler(2)
b.handle(logging.makeLogRecord({"msg": "x"}))
print(len(b.buffer), b.shouldFlush(None))

# QueueHandler and QueueListener: records cross to the listener's thread, merged.
q = queue.Queue()
qh = lh.QueueHandler(q)
qlog = logging.getLogger("queued")
qlog.propagate = False
qlog.addHandler(qh)
qlog.setLevel(logging.DEBUG)
sink = ListHandler()
sink.setFormatter(logging.Formatter("%(name)s:%(levelname)s:%(message)s"))
sink.setLevel(logging.INFO)
listener = lh.QueueListener(q, sink, respect_handler_level=True)
listener.start()
for i in range(5):
    qlog.debug("debug %d", i)
    qlog.info("info %d %s", i, "x")
listener.stop()
print(sink.seen)
qlog.warning("not listened %s", 1)
rec = q.get_nowait()
print(rec.msg, rec.args, rec.exc_info, rec.getMessage())
try:
    1 / 0
except ZeroDivisionError:
    qlog.exception("failed")
rec = q.get_nowait()
print(rec.exc_info, rec.msg.splitlines()[0], rec.msg.splitlines()[-1])

print(lh.DEFAULT_TCP_LOGGING_PORT, lh.DEFAULT_UDP_LOGGING_PORT)
