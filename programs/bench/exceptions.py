# exceptions.py -- exceptions in loops: raising and catching built-in and
# user exception classes, KeyError from dicts and IndexError from lists as
# control flow, try/finally on every iteration, re-raising and chaining.
# Exercises the exception table, exception matching against class
# hierarchies and traceback building.
#
# Usage: exceptions.py [N]   (default 2000 rounds)
# bench-size: 120000
import sys


class AppError(Exception):
    pass


class Retry(AppError):
    def __init__(self, attempt):
        super().__init__("retry %d" % attempt)
        self.attempt = attempt


def parse(s):
    try:
        return int(s)
    except ValueError:
        return -1


def lookup(d, k):
    try:
        return d[k]
    except KeyError:
        return 0


def fetch(items, i):
    try:
        return items[i]
    except IndexError:
        return None
    finally:
        items.append(i)
        items.pop()


def flaky(i):
    if i % 3 == 0:
        raise Retry(i % 5)
    if i % 7 == 0:
        raise AppError("bad %d" % i)
    return i


def wrapped(i):
    try:
        return flaky(i)
    except Retry as e:
        raise RuntimeError("gave up") from e


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    words = ["12", "x", "7", "", "-3"]
    d = {"a": 1, "b": 2}
    items = [1, 2, 3]
    parsed = looked = fetched = retries = errors = chained = 0
    for i in range(n):
        parsed += parse(words[i % 5])
        looked += lookup(d, "abc"[i % 3])
        if fetch(items, i % 5) is None:
            fetched += 1
        try:
            flaky(i)
        except Retry as e:
            retries += e.attempt
        except AppError:
            errors += 1
        try:
            wrapped(i)
        except RuntimeError as e:
            if isinstance(e.__cause__, Retry):
                chained += 1
        except AppError:
            pass
    r = (parsed, looked, fetched, retries, errors, chained)
    if chained != (n + 2) // 3 or fetched != 2 * (n // 5) + max(0, n % 5 - 3):
        print("FAIL:", r)
        sys.exit(1)
    print("exceptions n=%d results=%r" % (n, r))


main()
