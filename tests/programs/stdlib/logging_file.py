# logging to files: basicConfig(filename=, filemode=), FileHandler's modes and delay,
# force=True replacing the handlers, and shutdown closing them.
import logging
import os

path = "/tmp/gilvm_test_logging_file.log"
path2 = "/tmp/gilvm_test_logging_file2.log"
for p in (path, path2):
    if os.path.exists(p):
        os.remove(p)
with open(path, "w") as f:
    f.write("old line\n")
logging.basicConfig(filename=path, filemode="w", level=logging.DEBUG,
                    format="%(name)s:%(levelname)s:%(message)s")
logging.debug("first")
logging.getLogger("app").info("second %d", 2)
h = logging.root.handlers[0]
print(type(h).__name__, h.baseFilename == path, h.mode, repr(h) == "<FileHandler %s (NOTSET)>" % path)
with open(path) as f:
    print(f.read(), end="")

delayed = logging.FileHandler(path2, delay=True)
print(delayed.stream, os.path.exists(path2))
lg = logging.getLogger("delayed")
lg.addHandler(delayed)
lg.propagate = False
lg.warning("opened now")
print(os.path.exists(path2))
appender = logging.FileHandler(path2)
lg.addHandler(appender)
lg.warning("twice")
for h2 in (delayed, appender):
    h2.close()
    lg.removeHandler(h2)
with open(path2) as f:
    print(f.read(), end="")

logging.basicConfig(filename=path2, filemode="a", format="forced %(message)s", force=True)
print(h.stream, len(logging.root.handlers))
logging.warning("after force")
logging.shutdown()
with open(path2) as f:
    print(f.read(), end="")
os.remove(path)
os.remove(path2)
