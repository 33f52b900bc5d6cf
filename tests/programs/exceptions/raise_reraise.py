# raise, bare re-raise, raise from, exception chaining, e.args/str/repr.
def risky(n):
    if n < 0:
        raise ValueError("negative: " + str(n))
    return n
try:
    risky(-5)
except ValueError as e:
    print(str(e), "|", repr(e), "|", e.args)
def wrapper():
    try:
        risky(-1)
    except ValueError:
        print("logging and re-raising")
        raise
try:
    wrapper()
except ValueError as e:
    print("re-raised:", e)
try:
    try:
        {}["missing"]
    except KeyError as e:
        raise RuntimeError("lookup failed") from e
except RuntimeError as e:
    print(type(e).__name__, e, "| cause:", repr(e.__cause__))
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("during handling")
except ValueError as e:
    print("context:", type(e.__context__).__name__, e.__cause__ is None)
e = ValueError("a", 2, [3])
print(e.args, str(e), repr(e), len(e.args))
print(str(ValueError()), repr(ValueError()), str(ValueError("x")), repr(ValueError("x")))
print(str(KeyError("k")), repr(KeyError("k")), str(KeyError()), str(KeyError("a", "b")))
print(repr(TypeError("it's")), repr(OSError("disk")))
err = IndexError("saved")
try:
    raise err
except IndexError as caught:
    print(caught is err)
try:
    raise NotImplementedError
except NotImplementedError as e:
    print(repr(e), isinstance(e, RuntimeError))
try:
    raise StopIteration("done")
except StopIteration as e:
    print("StopIteration", e.args, e.value)
def reraise_other():
    try:
        raise TypeError("first")
    except TypeError as e:
        try:
            raise ValueError("second")
        except ValueError:
            pass
        raise
try:
    reraise_other()
except Exception as e:
    print("bare raise re-raises the current:", type(e).__name__, e)
try:
    raise OverflowError("big")
except (ValueError, OverflowError) as e:
    print("tuple catch:", type(e).__name__)
print(issubclass(ZeroDivisionError, Exception), issubclass(KeyError, Exception), issubclass(RecursionError, RuntimeError))
print(issubclass(UnboundLocalError, NameError), issubclass(FileNotFoundError, OSError), issubclass(KeyboardInterrupt, Exception))
print(issubclass(Exception, BaseException), issubclass(StopIteration, Exception), issubclass(AssertionError, Exception))
