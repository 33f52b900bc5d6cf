# gil-off: skip (needs the cycle collector, which --gil off does not run)
# Garbage cycles still waiting for the collector when the program ends are collected
# at exit, as CPython's finalisation does: their __del__ runs after the last line of
# the program and its output is printed. The collection at exit runs even with the
# collector disabled, and without gc.callbacks.
import gc


class A:
    def __init__(self, name):
        self.name = name
        self.self = self

    def __del__(self):
        print("del at exit:", self.name)


gc.disable()
gc.callbacks.append(lambda phase, info: print("callback", phase))
A("one")
print("end")
