# Nested try blocks, exceptions in except/else blocks, handlers choosing by order.
def run(step):
    log = []
    try:
        log.append("outer try")
        try:
            log.append("inner try")
            if step == 1:
                raise ValueError("v")
            if step == 2:
                raise TypeError("t")
        except ValueError:
            log.append("inner except ValueError")
            if step == 1:
                raise IndexError("raised in except")
        else:
            log.append("inner else")
            if step == 3:
                raise KeyError("raised in else")
        finally:
            log.append("inner finally")
        log.append("after inner")
    except (IndexError, KeyError) as e:
        log.append("outer caught " + type(e).__name__)
    except Exception as e:
        log.append("outer generic " + type(e).__name__)
    finally:
        log.append("outer finally")
    return log
for step in range(4):
    print(step, run(step))
def first_match():
    try:
        raise OverflowError("o")
    except Exception:
        return "Exception handler first"
    except OverflowError:
        return "never"
print(first_match())
def depth(n):
    try:
        if n == 0:
            raise RuntimeError("bottom")
        return depth(n - 1)
    finally:
        print("unwinding", n)
try:
    depth(3)
except RuntimeError as e:
    print("caught", e)
try:
    try:
        raise ValueError("a")
    except ValueError as e:
        print("handler 1", e)
        raise
except ValueError as e:
    print("handler 2", e)
try:
    {}["x"]
except KeyError:
    try:
        [][0]
    except IndexError as e2:
        print("inner of except:", e2)
    print("still in outer except")
