# finally runs on return/break/continue; exceptions inside finally; propagation through finally.
def ret_in_try():
    try:
        return "try value"
    finally:
        print("finally after return")
print(ret_in_try())
def finally_overrides():
    try:
        return 1
    finally:
        return 2
print(finally_overrides())
def finally_swallows():
    try:
        raise ValueError("lost")
    finally:
        return "finally return swallows the exception"
print(finally_swallows())
for i in range(3):
    try:
        if i == 0:
            continue
        if i == 2:
            break
        print("body", i)
    finally:
        print("finally", i)
def propagate():
    try:
        raise KeyError("up")
    finally:
        print("cleanup runs while propagating")
try:
    propagate()
except KeyError as e:
    print("caught", repr(e))
try:
    try:
        raise ValueError("original")
    finally:
        raise TypeError("from finally")
except Exception as e:
    print(type(e).__name__, e, type(e.__context__).__name__)
def nested():
    log = []
    try:
        try:
            log.append("inner try")
            raise IndexError("i")
        finally:
            log.append("inner finally")
    except IndexError:
        log.append("outer except")
    finally:
        log.append("outer finally")
    return log
print(nested())
def count_finally():
    n = 0
    while True:
        try:
            n += 1
            if n == 3:
                return n
        finally:
            print("loop finally", n)
print(count_finally())
def value_at_return():
    x = [1]
    try:
        return x
    finally:
        x.append(2)
print(value_at_return())
def except_then_finally():
    try:
        1 / 0
    except ZeroDivisionError:
        print("handled")
        return "from except"
    finally:
        print("finally after except-return")
print(except_then_finally())
