# atexit for gilvm: functions run when the program ends (after the threads are joined,
# also after sys.exit or an uncaught exception), newest first, as CPython's.

import sys

_exithandlers = []


def register(func, *args, **kwargs):
    """Calls func(*args, **kwargs) at exit; returns func, so it works as a decorator."""
    if not callable(func):
        raise TypeError("the first argument must be callable")
    _exithandlers.append((func, args, kwargs))
    return func


def unregister(func):
    """Forgets every registration of func (compared with ==)."""
    _exithandlers[:] = [h for h in _exithandlers if not (h[0] == func)]


def _ncallbacks():
    return len(_exithandlers)


def _clear():
    del _exithandlers[:]


def _run_exitfuncs():
    # The driver calls this once at exit. A callback that raises is reported as
    # CPython's unraisable "Exception ignored in atexit callback", and the rest run.
    while _exithandlers:
        func, args, kwargs = _exithandlers.pop()
        try:
            func(*args, **kwargs)
        except BaseException as exc:
            import traceback
            try:
                sys.stdout.flush()
            except Exception:
                pass
            print("Exception ignored in atexit callback: %r" % (func,), file=sys.stderr)
            # Drop this function's own frame: CPython's report starts at the callback.
            traceback.print_exception(type(exc), exc, exc.__traceback__.tb_next,
                                      file=sys.stderr)
