# except* flow: several clauses, else/finally, bare raise inside a clause, nested
# groups, exceptions raised in clauses combined with the unhandled rest.
def raiser(*excs):
    raise ExceptionGroup("batch", list(excs))
log = []
try:
    raiser(ValueError("v1"), ValueError("v2"), KeyError("k"))
except* ValueError as eg:
    log.append(("V", [str(e) for e in eg.exceptions]))
except* KeyError as eg:
    log.append(("K", [repr(e) for e in eg.exceptions]))
else:
    log.append("else")
finally:
    log.append("finally")
print(log)
try:
    pass
except* ValueError:
    print("not reached")
else:
    print("no exception: else runs")
def reraise_part():
    try:
        raiser(ValueError(1), TypeError(2))
    except* ValueError:
        raise
try:
    reraise_part()
except ExceptionGroup as eg:
    print("re-raised whole:", repr(eg))
def handled_inside():
    try:
        raiser(OSError("disk"))
    except* OSError as eg:
        return_value = len(eg.exceptions)
    return return_value
print(handled_inside())
try:
    try:
        raiser(ValueError(1), TypeError(2), OSError(3))
    except* ValueError:
        raise RuntimeError("from handler")
    except* TypeError:
        pass
except ExceptionGroup as eg:
    print(repr(eg))
    print([type(e).__name__ for e in eg.exceptions])
try:
    try:
        raise ExceptionGroup("outer", [ExceptionGroup("inner", [ValueError(1), KeyError(2)]), ValueError(3)])
    except* ValueError as eg:
        print("matched", repr(eg))
except ExceptionGroup as rest:
    print("rest", repr(rest))
try:
    raise KeyError("naked")
except* (KeyError, ValueError) as eg:
    print(type(eg).__name__, repr(eg.exceptions))
try:
    try:
        raise TypeError("plain")
    except* ValueError:
        print("not reached")
except TypeError as e:
    print("passes through unchanged:", repr(e))
for bad in (ExceptionGroup, (ValueError, BaseExceptionGroup), int):
    try:
        try:
            raiser(ValueError(1))
        except* bad:
            pass
    except TypeError as e:
        print("TypeError:", e)
import sys
try:
    raiser(ValueError(1))
except* ValueError:
    handled = sys.exc_info()[1]
print("exc_info in clause:", repr(handled))
print("after the try:", sys.exc_info())
