# logging.config.dictConfig: formatters, filters, handlers (class, level, formatter,
# stream via ext://, kwargs, a MemoryHandler target), loggers, root, propagate,
# disable_existing_loggers, incremental, '()' factories and the error messages.
import io
import logging
import logging.config
import sys

old = logging.getLogger("old.module")
old_child = logging.getLogger("app.child")
buf = io.StringIO()


class Upper(logging.Formatter):
    def format(self, record):
        return super().format(record).upper()


def make_filter(prefix):
    f = logging.Filter()
    f.filter = lambda record: record.getMessage().startswith(prefix)
    return f


config = {
    "version": 1,
    "formatters": {
        "brief": {"format": "%(levelname)s:%(name)s:%(message)s"},
        "braces": {"format": "{name} | {message}", "style": "{"},
        "shout": {"()": Upper, "fmt": "%(message)s"},
    },
    "filters": {
        "only_app": {"name": "app"},
        "keep": {"()": make_filter, "prefix": "keep"},
    },
    "handlers": {
        "out": {"class": "logging.StreamHandler", "formatter": "brief",
                "stream": "ext://sys.stdout", "level": "DEBUG"},
        "mem": {"class": "logging.handlers.MemoryHandler", "capacity": 100,
                "target": "buffered", "flushLevel": 50},
        "buffered": {"class": "logging.StreamHandler", "formatter": "braces",
                     "stream": buf},
        "loud": {"class": "logging.StreamHandler", "formatter": "shout",
                 "stream": "ext://sys.stdout", "filters": ["keep"]},
    },
    "loggers": {
        "app": {"level": "INFO", "handlers": ["out", "mem"], "propagate": False},
        "app.db": {"level": "WARNING"},
        "noisy": {"handlers": ["loud"], "level": 10, "propagate": False,
                  "filters": ["only_app"]},
        "filtered": {"handlers": ["loud"], "propagate": False},
    },
    "root": {"level": "ERROR", "handlers": ["out"]},
}
logging.config.dictConfig(config)
app = logging.getLogger("app")
print(app.level, app.propagate, [h.name for h in app.handlers], app.disabled)
print(old.disabled, old_child.disabled, old_child.level, old_child.propagate)
print(logging.getLogger().level, [type(h).__name__ for h in logging.getLogger().handlers])
app.debug("hidden")
app.info("shown %d", 1)
logging.getLogger("app.db").info("hidden db")
logging.getLogger("app.db").warning("db warning")
logging.getLogger("elsewhere").warning("below root level")
logging.getLogger("elsewhere").error("root error")
logging.getLogger("noisy").info("dropped by the name filter")
logging.getLogger("filtered").error("keep this one")
logging.getLogger("filtered").error("drop this one")
app.critical("flush now")
print(repr(buf.getvalue()))
old.error("from a disabled logger")

# incremental: only levels change; handlers stay.
logging.config.dictConfig({"version": 1, "incremental": True,
                           "loggers": {"app": {"level": "DEBUG"}},
                           "handlers": {"out": {"level": "WARNING"}}})
print(app.level, len(app.handlers))
app.info("info after incremental (handler level WARNING)")
app.warning("warning after incremental")

# disable_existing_loggers=False keeps other loggers enabled.
logging.config.dictConfig({"version": 1, "disable_existing_loggers": False,
                           "root": {"level": "INFO"}})
print(old.disabled, logging.getLogger().handlers)

for bad in [
    {},
    {"version": 2},
    {"version": 1, "handlers": {"h": {"class": "nosuch.Handler"}}},
    {"version": 1, "formatters": {"f": {"format": "%(bad"}}},
    {"version": 1, "loggers": {"x": {"level": "NOPE"}}},
    {"version": 1, "handlers": {"h": {"class": "logging.StreamHandler", "formatter": "missing"}}},
    {"version": 1, "handlers": {"h": {"class": "logging.StreamHandler", "level": "BAD"}}},
    {"version": 1, "root": {"handlers": ["nope"]}},
    {"version": 1, "loggers": {"x": {"filters": ["nope"]}}},
    {"version": 1, "handlers": {"h": {"class": "logging.StreamHandler", "bogus": 1}}},
    {"version": 1, "incremental": True, "handlers": {"zz": {"level": "INFO"}}},
]:
    try:
        logging.config.dictConfig(bad)
        print("ok")
    except ValueError as e:
        print("ValueError", e, "<-", type(e.__cause__).__name__, e.__cause__)
print(logging.config.valid_ident("abc"))
try:
    logging.config.valid_ident("1abc")
except ValueError as e:
    print("ValueError", e)
