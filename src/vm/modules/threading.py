# threading for gilvm: written in Python over the native `_thread` module, as
# CPython's Lib/threading.py is. Every blocking wait ends in `_thread` lock
# acquires, which release the GIL while they wait.

import _thread

_allocate_lock = _thread.allocate_lock
get_ident = _thread.get_ident
get_native_id = _thread.get_native_id
Lock = _thread.allocate_lock
TIMEOUT_MAX = _thread.TIMEOUT_MAX
stack_size = _thread.stack_size
ThreadError = RuntimeError

_active = {}  # ident -> running Thread
_limbo = {}  # id(thread) -> started Thread not yet running
_active_lock = _allocate_lock()
_counter = [0]


def _new_name(target):
    _counter[0] += 1
    name = "Thread-" + str(_counter[0])
    if target is not None:
        tname = getattr(target, "__name__", None)
        if tname is not None:
            name = name + " (" + tname + ")"
    return name


# A native type, as CPython's _thread.RLock.
RLock = _thread.RLock
_CRLock = _thread.RLock


class Condition:
    """Wait for a predicate while holding a lock; notify wakes waiters in FIFO order.

    A Python class (so it can be subclassed) whose hot methods are native: they
    drive a native Lock or RLock directly and any other lock through its methods."""

    def __init__(self, lock=None):
        if lock is None:
            lock = RLock()
        self._lock = lock
        self.acquire = lock.acquire
        self.release = lock.release
        self._core = _thread._condition_core(lock)

    __enter__ = _thread._cond_enter
    __exit__ = _thread._cond_exit
    wait = _thread._cond_wait
    notify = _thread._cond_notify
    notify_all = _thread._cond_notify_all
    notifyAll = _thread._cond_notify_all

    def __repr__(self):
        return "<Condition(" + repr(self._lock) + ", " + str(_thread._cond_waiting(self)) + ")>"

    def wait_for(self, predicate, timeout=None):
        end = None
        wait_time = timeout
        result = predicate()
        while not result:
            if wait_time is not None:
                if end is None:
                    end = _thread._monotonic() + wait_time
                else:
                    wait_time = end - _thread._monotonic()
                    if wait_time <= 0:
                        break
            self.wait(wait_time)
            result = predicate()
        return result


class Semaphore:
    """A counter that acquire() decrements, blocking at zero, and release() increments."""

    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._cond = Condition(Lock())
        self._value = value

    def acquire(self, blocking=True, timeout=None):
        if not blocking and timeout is not None:
            raise ValueError("can't specify timeout for non-blocking acquire")
        rc = False
        end = None
        with self._cond:
            while self._value == 0:
                if not blocking:
                    break
                if timeout is not None:
                    if end is None:
                        end = _thread._monotonic() + timeout
                    else:
                        timeout = end - _thread._monotonic()
                        if timeout <= 0:
                            break
                self._cond.wait(timeout)
            else:
                self._value -= 1
                rc = True
        return rc

    __enter__ = acquire

    def release(self, n=1):
        if n < 1:
            raise ValueError("n must be one or more")
        with self._cond:
            self._value += n
            self._cond.notify(n)

    def __exit__(self, t, v, tb):
        self.release()


class BoundedSemaphore(Semaphore):
    """A semaphore that refuses to be released above its initial value."""

    def __init__(self, value=1):
        Semaphore.__init__(self, value)
        self._initial_value = value

    def release(self, n=1):
        if n < 1:
            raise ValueError("n must be one or more")
        with self._cond:
            if self._value + n > self._initial_value:
                raise ValueError("Semaphore released too many times")
            self._value += n
            self._cond.notify(n)


class Event:
    """A flag threads can wait on until another thread sets it."""

    def __init__(self):
        self._cond = Condition(Lock())
        self._flag = False

    def is_set(self):
        return self._flag

    isSet = is_set

    def set(self):
        with self._cond:
            self._flag = True
            self._cond.notify_all()

    def clear(self):
        with self._cond:
            self._flag = False

    def wait(self, timeout=None):
        with self._cond:
            signaled = self._flag
            if not signaled:
                signaled = self._cond.wait(timeout)
            return signaled


class BrokenBarrierError(RuntimeError):
    pass


class Barrier:
    """Makes `parties` threads wait until all of them have called wait()."""

    def __init__(self, parties, action=None, timeout=None):
        if parties < 1:
            raise ValueError("parties must be >= 1")
        self._cond = Condition(Lock())
        self._action = action
        self._timeout = timeout
        self._parties = parties
        self._state = 0  # 0 filling, 1 draining, -1 resetting, -2 broken
        self._count = 0

    def wait(self, timeout=None):
        if timeout is None:
            timeout = self._timeout
        with self._cond:
            self._enter()
            index = self._count
            self._count += 1
            try:
                if index + 1 == self._parties:
                    self._release()
                else:
                    self._wait(timeout)
                return index
            finally:
                self._count -= 1
                self._exit()

    def _enter(self):
        while self._state in (-1, 1):
            self._cond.wait()
        if self._state < 0:
            raise BrokenBarrierError()

    def _release(self):
        try:
            if self._action:
                self._action()
            self._state = 1
            self._cond.notify_all()
        except BaseException:
            self._break()
            raise

    def _wait(self, timeout):
        if not self._cond.wait_for(lambda: self._state != 0, timeout):
            self._break()
            raise BrokenBarrierError()
        if self._state < 0:
            raise BrokenBarrierError()

    def _exit(self):
        if self._count == 0:
            if self._state in (-1, 1):
                self._state = 0
                self._cond.notify_all()

    def reset(self):
        with self._cond:
            if self._count > 0:
                if self._state == 0:
                    self._state = -1
                elif self._state == -2:
                    self._state = -1
            else:
                self._state = 0
            self._cond.notify_all()

    def abort(self):
        with self._cond:
            self._break()

    def _break(self):
        self._state = -2
        self._cond.notify_all()

    def __getattr__(self, attr):
        # gilvm has no property(): the read-only attributes are served here.
        if attr == "parties":
            return self._parties
        if attr == "n_waiting":
            return self._get_n_waiting()
        if attr == "broken":
            return self._state == -2
        raise AttributeError("'Barrier' object has no attribute '" + attr + "'")

    def _get_parties(self):
        return self._parties

    def _get_n_waiting(self):
        if self._state == 0:
            return self._count
        return 0

    def _get_broken(self):
        return self._state == -2


class Thread:
    """A thread of control: run() in a new OS thread that competes for the GIL."""

    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, daemon=None):
        if kwargs is None:
            kwargs = {}
        self._target = target
        self._args = args
        self._kwargs = kwargs
        if name is None:
            name = _new_name(target)
        self._name = str(name)
        if daemon is None:
            daemon = current_thread().daemon
        self._daemonic = daemon
        self._ident = None
        self._native_id = None
        self._started = False
        self._is_stopped = False
        self._done = _allocate_lock()
        self._abandoned = False

    def start(self):
        if self._started:
            raise RuntimeError("threads can only be started once")
        self._started = True
        self._done.acquire()
        with _active_lock:
            _limbo[id(self)] = self
        try:
            # Returns once the new thread runs (holds the GIL), as CPython's start()
            # waits for its _started event.
            _thread._start_joinable(self._bootstrap, self._name, self._done)
        except RuntimeError:
            # The thread could not be started. Anything else (a KeyboardInterrupt
            # while waiting for the new thread to run) leaves it running, as
            # CPython's interrupted _started.wait() does.
            with _active_lock:
                del _limbo[id(self)]
            self._done.release()
            self._started = False
            raise

    def _bootstrap(self):
        self._ident = get_ident()
        self._native_id = get_native_id()
        with _active_lock:
            _active[self._ident] = self
            del _limbo[id(self)]
        try:
            self.run()
        except SystemExit:
            pass
        except BaseException as e:
            _invoke_excepthook(self, e)
        finally:
            self._is_stopped = True
            with _active_lock:
                _active.pop(self._ident, None)

    def run(self):
        try:
            if self._target is not None:
                self._target(*self._args, **self._kwargs)
        finally:
            self._target = None
            self._args = None
            self._kwargs = None

    def join(self, timeout=None):
        if not self._started:
            raise RuntimeError("cannot join thread before it is started")
        if self is current_thread():
            raise RuntimeError("cannot join current thread")
        if self._is_stopped and not self._done.locked():
            return
        try:
            if timeout is None:
                got = self._done.acquire(True, -1, "Thread.join")
            else:
                if timeout < 0:
                    timeout = 0
                got = self._done.acquire(True, timeout, "Thread.join")
        except BaseException:
            # Ctrl-C while joining: as CPython, the program no longer waits for this
            # thread at exit, so an uncaught KeyboardInterrupt ends it at once.
            self._abandoned = True
            raise
        if got:
            self._done.release()

    def is_alive(self):
        return self._started and self._done.locked()

    def _get_name(self):
        return self._name

    def __getattr__(self, attr):
        if attr == "name":
            return self._name
        if attr == "ident":
            return self._ident
        if attr == "native_id":
            return self._native_id
        if attr == "daemon":
            return self._daemonic
        raise AttributeError("'" + type(self).__name__ + "' object has no attribute '" + attr + "'")

    def __setattr__(self, attr, value):
        if attr == "name":
            object.__setattr__(self, "_name", str(value))
            _thread._set_name(self)
        elif attr == "daemon":
            if self.__dict__.get("_started", False):
                raise RuntimeError("cannot set daemon status of active thread")
            object.__setattr__(self, "_daemonic", bool(value))
        else:
            object.__setattr__(self, attr, value)

    def getName(self):
        return self._name

    def setName(self, name):
        self.name = name

    def isDaemon(self):
        return self._daemonic

    def setDaemon(self, daemonic):
        self.daemon = daemonic

    def __repr__(self):
        status = "initial"
        if self._started:
            status = "started"
        if self._is_stopped:
            status = "stopped"
        if self._daemonic:
            status = status + " daemon"
        if self._ident is not None:
            status = status + " " + str(self._ident)
        return "<" + type(self).__name__ + "(" + self._name + ", " + status + ")>"


class ExceptHookArgs:
    """What threading.excepthook receives (a structseq in CPython)."""

    def __init__(self, exc_type, exc_value, exc_traceback, thread):
        self.exc_type = exc_type
        self.exc_value = exc_value
        self.exc_traceback = exc_traceback
        self.thread = thread

    def __repr__(self):
        return ("_thread._ExceptHookArgs(exc_type=" + repr(self.exc_type) + ", exc_value="
                + repr(self.exc_value) + ", exc_traceback=" + repr(self.exc_traceback)
                + ", thread=" + repr(self.thread) + ")")


def excepthook(args):
    """Prints an exception a thread's run() raised, as CPython's default hook."""
    if args.exc_type is SystemExit:
        return
    if args.thread is not None:
        name = args.thread.name
    else:
        name = get_ident()
    _thread._report_exception("Exception in thread " + str(name) + ":", args.exc_value)


__excepthook__ = excepthook


def _invoke_excepthook(thread, exc):
    # Looked up at each call: programs replace threading.excepthook.
    hook = excepthook
    try:
        hook(ExceptHookArgs(type(exc), exc, exc.__traceback__, thread))
    except SystemExit:
        pass
    except BaseException as e:
        _thread._report_exception("Exception in threading.excepthook:", e)


class Timer(Thread):
    """Calls function(*args, **kwargs) after `interval` seconds unless cancel()led."""

    def __init__(self, interval, function, args=None, kwargs=None):
        Thread.__init__(self)
        self.interval = interval
        self.function = function
        if args is None:
            args = []
        if kwargs is None:
            kwargs = {}
        self.args = args
        self.kwargs = kwargs
        self.finished = Event()

    def cancel(self):
        self.finished.set()

    def run(self):
        self.finished.wait(self.interval)
        if not self.finished.is_set():
            self.function(*self.args, **self.kwargs)
        self.finished.set()


# gilvm has no tracing or profiling: the hooks are kept and returned, never called.
_trace_hook = None
_profile_hook = None


def settrace(func):
    global _trace_hook
    _trace_hook = func


def gettrace():
    return _trace_hook


def setprofile(func):
    global _profile_hook
    _profile_hook = func


def getprofile():
    return _profile_hook


class _MainThread(Thread):
    def __init__(self):
        Thread.__init__(self, name="MainThread", daemon=False)
        self._started = True
        self._ident = get_ident()
        self._native_id = get_native_id()
        self._done.acquire()
        _active[self._ident] = self


class _DummyThread(Thread):
    def __init__(self, ident):
        Thread.__init__(self, name="Dummy-" + str(ident), daemon=True)
        self._started = True
        self._ident = ident


_main = _MainThread()


def current_thread():
    me = get_ident()
    t = _active.get(me)
    if t is None:
        return _DummyThread(me)
    return t


currentThread = current_thread


def main_thread():
    return _main


def active_count():
    with _active_lock:
        return len(_active) + len(_limbo)


activeCount = active_count


def enumerate():
    with _active_lock:
        return list(_active.values()) + list(_limbo.values())


def setswitchinterval(interval):
    _thread._setswitchinterval(interval)


class local:
    """Attributes that each thread sees separately. The values live in native
    per-thread storage, freed when the thread ends or the local object goes.

    As CPython's `_thread._local`: the arguments the object was made with are kept,
    and a subclass's `__init__` runs again with them in each other thread, on that
    thread's first use of the object."""

    def __new__(cls, *args, **kw):
        if (args or kw) and cls.__init__ is object.__init__:
            raise TypeError("Initialization arguments are not supported")
        self = object.__new__(cls)
        object.__setattr__(self, "_local__key", _thread._local_key())
        # A second per-thread dict, non-empty once `__init__` ran in that thread.
        object.__setattr__(self, "_local__initkey", _thread._local_key())
        object.__setattr__(self, "_local__args", (args, kw))
        _thread._local_dict(self._local__initkey)[0] = True
        return self

    def _local__dict(self):
        key = object.__getattribute__(self, "_local__key")
        inited = _thread._local_dict(object.__getattribute__(self, "_local__initkey"))
        if not inited:
            inited[0] = True
            init = type(self).__init__
            if init is not object.__init__:
                args, kw = object.__getattribute__(self, "_local__args")
                init(self, *args, **kw)
        return _thread._local_dict(key)

    @property
    def __dict__(self):
        return local._local__dict(self)

    def __getattr__(self, attr):
        if attr.startswith("_local__"):
            raise AttributeError("'_thread._local' object has no attribute '" + attr + "'")
        d = local._local__dict(self)
        if attr in d:
            return d[attr]
        if attr == "__dict__":
            return d
        tname = "_thread._local" if type(self) is local else type(self).__name__
        raise AttributeError("'" + tname + "' object has no attribute '" + attr + "'")

    def __setattr__(self, attr, value):
        local._local__dict(self)[attr] = value

    def __delattr__(self, attr):
        d = local._local__dict(self)
        if attr not in d:
            raise AttributeError(attr)
        del d[attr]


_threading_atexits = []
_SHUTTING_DOWN = False


def _register_atexit(func, *arg, **kwargs):
    # Run by _shutdown before it joins the threads (concurrent.futures tells its idle
    # workers to leave here, or the join would wait for them forever).
    if _SHUTTING_DOWN:
        raise RuntimeError("can't register atexit after shutdown")
    _threading_atexits.append(lambda: func(*arg, **kwargs))


def _shutdown():
    # Called when the main program ends: wait for every non-daemon thread.
    global _SHUTTING_DOWN
    _main._is_stopped = True
    _SHUTTING_DOWN = True
    for atexit_call in reversed(_threading_atexits):
        atexit_call()
    while True:
        pending = None
        with _active_lock:
            for t in _active.values():
                if t is not _main and not t._daemonic and not t._abandoned and t.is_alive():
                    pending = t
                    break
        if pending is None:
            break
        pending.join()
