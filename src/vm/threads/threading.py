# threading for gilvm: written in Python over the native `_thread` module, as
# CPython's Lib/threading.py is. Every blocking wait ends in `_thread` lock
# acquires, which release the GIL while they wait.

import _thread

_allocate_lock = _thread.allocate_lock
get_ident = _thread.get_ident
Lock = _thread.allocate_lock
TIMEOUT_MAX = _thread.TIMEOUT_MAX
ThreadError = RuntimeError

_active = {}
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


class RLock:
    """A lock the owning thread may acquire again; released as often as acquired."""

    def __init__(self):
        self._block = _allocate_lock()
        self._owner = None
        self._count = 0

    def acquire(self, blocking=True, timeout=-1):
        me = get_ident()
        if self._owner == me:
            self._count += 1
            return True
        if not self._block.acquire(blocking, timeout):
            return False
        self._owner = me
        self._count = 1
        return True

    def release(self):
        if self._owner != get_ident():
            raise RuntimeError("cannot release un-acquired lock")
        self._count -= 1
        if self._count == 0:
            self._owner = None
            self._block.release()

    def locked(self):
        return self._block.locked()

    def _is_owned(self):
        return self._owner == get_ident()

    def _release_save(self):
        state = (self._count, self._owner)
        self._count = 0
        self._owner = None
        self._block.release()
        return state

    def _acquire_restore(self, state):
        self._block.acquire()
        self._count, self._owner = state

    __enter__ = acquire

    def __exit__(self, t, v, tb):
        self.release()

    def __repr__(self):
        state = "locked" if self._owner is not None else "unlocked"
        return "<" + state + " RLock object owner=" + str(self._owner) + " count=" + str(self._count) + ">"


class Condition:
    """Wait for a predicate while holding a lock; notify wakes waiters in FIFO order."""

    def __init__(self, lock=None):
        if lock is None:
            lock = RLock()
        self._lock = lock
        self.acquire = lock.acquire
        self.release = lock.release
        self._waiters = []

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, t, v, tb):
        return self._lock.__exit__(t, v, tb)

    def _is_owned(self):
        if hasattr(self._lock, "_is_owned"):
            return self._lock._is_owned()
        if self._lock.acquire(False):
            self._lock.release()
            return False
        return True

    def _release_save(self):
        if hasattr(self._lock, "_release_save"):
            return self._lock._release_save()
        self._lock.release()
        return None

    def _acquire_restore(self, state):
        if hasattr(self._lock, "_acquire_restore"):
            self._lock._acquire_restore(state)
        else:
            self._lock.acquire()

    def wait(self, timeout=None):
        if not self._is_owned():
            raise RuntimeError("cannot wait on un-acquired lock")
        waiter = _allocate_lock()
        waiter.acquire()
        self._waiters.append(waiter)
        saved = self._release_save()
        got = False
        try:
            if timeout is None:
                waiter.acquire()
                got = True
            elif timeout > 0:
                got = waiter.acquire(True, timeout)
            else:
                got = waiter.acquire(False)
            return got
        finally:
            self._acquire_restore(saved)
            if not got:
                if waiter in self._waiters:
                    self._waiters.remove(waiter)

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

    def notify(self, n=1):
        if not self._is_owned():
            raise RuntimeError("cannot notify on un-acquired lock")
        woken = 0
        while self._waiters and woken < n:
            waiter = self._waiters.pop(0)
            waiter.release()
            woken += 1

    def notify_all(self):
        self.notify(len(self._waiters))


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
            _active[id(self)] = self
        self._ident = _thread.start_new_thread(self._bootstrap, (), {}, self._name, self._done)

    def _bootstrap(self):
        # Set here too, as CPython's _bootstrap_inner does: the new thread may run
        # before start() has stored what start_new_thread returned.
        self._ident = get_ident()
        try:
            self.run()
        except SystemExit:
            pass
        except BaseException as e:
            _thread._report_exception(self._name, e)
        finally:
            self._is_stopped = True
            with _active_lock:
                if id(self) in _active:
                    del _active[id(self)]

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
            return self._ident
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


class _MainThread(Thread):
    def __init__(self):
        Thread.__init__(self, name="MainThread", daemon=False)
        self._started = True
        self._ident = get_ident()
        self._done.acquire()
        _active[id(self)] = self


class _DummyThread(Thread):
    def __init__(self, ident):
        Thread.__init__(self, name="Dummy-" + str(ident), daemon=True)
        self._started = True
        self._ident = ident


_main = _MainThread()


def current_thread():
    me = get_ident()
    with _active_lock:
        for t in _active.values():
            if t._ident == me:
                return t
    return _DummyThread(me)


currentThread = current_thread


def main_thread():
    return _main


def active_count():
    with _active_lock:
        return len(_active)


activeCount = active_count


def enumerate():
    with _active_lock:
        return list(_active.values())


def setswitchinterval(interval):
    _thread._setswitchinterval(interval)


class local:
    """Attributes that each thread sees separately."""

    def __init__(self):
        object.__setattr__(self, "_per_thread", {})

    def _mine(self):
        d = self.__dict__["_per_thread"]
        me = get_ident()
        if me not in d:
            d[me] = {}
        return d[me]

    def __getattr__(self, attr):
        d = self._mine()
        if attr in d:
            return d[attr]
        raise AttributeError("'_thread._local' object has no attribute '" + attr + "'")

    def __setattr__(self, attr, value):
        self._mine()[attr] = value

    def __delattr__(self, attr):
        d = self._mine()
        if attr not in d:
            raise AttributeError(attr)
        del d[attr]


def _shutdown():
    # Called when the main program ends: wait for every non-daemon thread.
    _main._is_stopped = True
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
