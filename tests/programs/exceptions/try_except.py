# try/except with types, tuples, "as", else, finally; catching by base class.
def classify(f):
    try:
        f()
    except ZeroDivisionError:
        return "zero"
    except (KeyError, IndexError) as e:
        return "lookup " + type(e).__name__
    except OverflowError as e:
        return "overflow: " + str(e)
    except Exception as e:
        return "other " + type(e).__name__ + ": " + str(e)
    else:
        return "no error"
print(classify(lambda: 1 / 0))
print(classify(lambda: {}["k"]))
print(classify(lambda: [][0]))
print(classify(lambda: 2 ** 2))
print(classify(lambda: int("x")))
print(classify(lambda: None.foo))
print(classify(lambda: 10 ** 400 * 1.0))
def with_finally(n):
    out = []
    try:
        out.append("try")
        if n == 1:
            raise ValueError("v")
        out.append("no raise")
    except ValueError:
        out.append("except")
    else:
        out.append("else")
    finally:
        out.append("finally")
    return out
print(with_finally(0), with_finally(1))
try:
    try:
        raise KeyError("inner")
    except ValueError:
        print("wrong handler")
    finally:
        print("inner finally")
except Exception as e:
    print("outer caught", repr(e))
try:
    raise IndexError
except IndexError as e:
    print("class raised:", repr(e), e.args, str(e) == "")
for exc in [ValueError, TypeError, KeyError, OSError, RuntimeError]:
    try:
        raise exc("msg")
    except Exception as e:
        print(type(e).__name__, isinstance(e, Exception), isinstance(e, BaseException))
e_saved = None
try:
    1 / 0
except ZeroDivisionError as err:
    e_saved = err
print(type(e_saved).__name__, e_saved)
try:
    err
except NameError as ne:
    print("NameError:", ne)
try:
    raise KeyboardInterrupt
except Exception:
    print("not here")
except BaseException as e:
    print("BaseException caught", type(e).__name__)
try:
    open("/nonexistent/dir/file.txt")
except OSError as e:
    print(type(e).__name__, isinstance(e, FileNotFoundError), isinstance(e, OSError))
