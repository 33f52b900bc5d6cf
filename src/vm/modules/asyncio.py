# The `asyncio` module with CPython 3.11's semantics, written for gilvm (one embedded
# file until packages land): a selector event loop over `selectors`, futures, tasks,
# the task helpers, timeouts, task groups, synchronisation primitives and queues.

import sys
import time as _time
import threading as _threading
import _thread
import selectors as _selectors
import contextvars as _contextvars
import concurrent.futures as _concurrent_futures

from _contextvars import _get_context

try:
    from heapq import heappush as _heappush, heappop as _heappop, heapify as _heapify
except ImportError:
    # No heapq module yet: the same binary heap over tuples, in Python.
    def _heappush(heap, item):
        heap.append(item)
        pos = len(heap) - 1
        while pos > 0:
            parent = (pos - 1) >> 1
            p = heap[parent]
            if item < p:
                heap[pos] = p
                pos = parent
            else:
                break
        heap[pos] = item

    def _heappop(heap):
        last = heap.pop()
        if not heap:
            return last
        top = heap[0]
        n = len(heap)
        pos = 0
        child = 1
        while child < n:
            right = child + 1
            if right < n and heap[right] < heap[child]:
                child = right
            if heap[child] < last:
                heap[pos] = heap[child]
                pos = child
                child = 2 * pos + 1
            else:
                break
        heap[pos] = last
        return top

    def _heapify(heap):
        items = sorted(heap)
        heap[:] = items

_PENDING = 'PENDING'
_CANCELLED = 'CANCELLED'
_FINISHED = 'FINISHED'

# ---------------------------------------------------------------- exceptions


class CancelledError(BaseException):
    """The Future or Task was cancelled."""


TimeoutError = TimeoutError


class InvalidStateError(Exception):
    """The operation is not allowed in this state."""


class SendfileNotAvailableError(RuntimeError):
    pass


class IncompleteReadError(EOFError):
    def __init__(self, partial, expected):
        r_expected = 'undefined' if expected is None else repr(expected)
        super().__init__(f'{len(partial)} bytes read on a total of '
                         f'{r_expected} expected bytes')
        self.partial = partial
        self.expected = expected


class LimitOverrunError(Exception):
    def __init__(self, message, consumed):
        super().__init__(message)
        self.consumed = consumed


class BrokenBarrierError(RuntimeError):
    """Barrier is broken by barrier.abort() call."""


class QueueEmpty(Exception):
    """Raised when Queue.get_nowait() is called on an empty Queue."""


class QueueFull(Exception):
    """Raised when the Queue.put_nowait() method is called on a full Queue."""


# ---------------------------------------------------------------- reporting


def _report(message, exc=None, warning=False):
    """The default exception handler's output, logged on the 'asyncio' logger as
    CPython's asyncio.log does: with no handler configured, logging's last resort
    prints it (and the traceback) on sys.stderr; a basicConfig applies its format."""
    import logging
    logger = logging.getLogger('asyncio')
    if warning:
        logger.warning(message)
    elif exc is not None:
        logger.error(message, exc_info=(type(exc), exc, exc.__traceback__))
    else:
        logger.error(message)


def _func_source(func):
    code = getattr(func, '__code__', None)
    if code is not None:
        line = getattr(code, 'co_firstlineno', None)
        if line is not None:
            return code.co_filename, line
    inner = getattr(func, '__func__', None)
    if inner is not None:
        return _func_source(inner)
    return None


def _format_callback(func, args):
    name = getattr(func, '__qualname__', None) or getattr(func, '__name__', None) or repr(func)
    if args:
        name += '(' + ', '.join(repr(a) for a in args) + ')'
    else:
        name += '()'
    return name


def _format_callback_source(func, args):
    r = _format_callback(func, args)
    src = _func_source(func)
    if src:
        r += f' at {src[0]}:{src[1]}'
    return r


def _format_coroutine(coro):
    name = getattr(coro, '__qualname__', None) or getattr(coro, '__name__', None) or repr(coro)
    running = getattr(coro, 'cr_running', False)
    frame = getattr(coro, 'cr_frame', None)
    code = getattr(coro, 'cr_code', None)
    if frame is not None:
        state = 'running' if running else ''
        lineno = frame.f_lineno
        filename = frame.f_code.co_filename
        return f'{name}() running at {filename}:{lineno}'
    if code is not None:
        return f'{name}() done, defined at {code.co_filename}:{code.co_firstlineno}'
    return f'{name}()'


# ---------------------------------------------------------------- handles


# Handle and TimerHandle are native (_asyncio.rs): one or more per sleeping task, and
# a native object is a fraction of an instance's size. Their reprs use
# _format_callback_source above; a callback's failure goes to the loop's
# call_exception_handler, as CPython's Handle._run does.
from _asyncio import Handle, TimerHandle


# ---------------------------------------------------------------- futures


def isfuture(obj):
    return (hasattr(obj.__class__, '_asyncio_future_blocking') and
            obj._asyncio_future_blocking is not None)


from _asyncio import _FutureCore, _run_handles, _shuffle_ready, _shuffle_on

# `gilvm run --shuffle-tasks SEED`: each loop iteration's ready task steps run in an
# order drawn from SEED (docs/race.md, "Task order"); otherwise FIFO, as CPython.
_SHUFFLE = _shuffle_on()


class Future(_FutureCore):
    """A result that will be set later; awaiting it suspends the task until then.
    Its state, callbacks and completion are native (_asyncio._FutureCore, as
    CPython's C Future); the repr and the await protocol are here."""
    __slots__ = ()

    def __repr__(self):
        return '<{} {}>'.format(self.__class__.__name__, ' '.join(self._repr_info()))

    def _repr_info(self):
        info = [self._state.lower()]
        if self._state == _FINISHED:
            if self._exception is not None:
                info.append(f'exception={self._exception!r}')
            else:
                info.append(f'result={self._result!r}')
        callbacks = self._callbacks
        if callbacks:
            cbs = [_format_callback_source(cb, ()) for cb, _ in callbacks]
            if len(cbs) > 2:
                cbs = [cbs[0], f'<{len(cbs) - 2} more>', cbs[-1]]
            info.append('cb=[' + ', '.join(cbs) + ']')
        return info

    # __await__ and __iter__ are the native core's: a FutureIter, as CPython's.
    # So is __del__, which reports an exception never retrieved and a task
    # destroyed while pending (and is not called when there is nothing to report).


# What the native core needs from this module, found through the object's type.
Future._asyncio_CancelledError = CancelledError
Future._asyncio_InvalidStateError = InvalidStateError


def _set_result_unless_cancelled(fut, result):
    if fut.cancelled():
        return
    fut.set_result(result)


def _copy_future_state(source, dest):
    assert source.done()
    if dest.cancelled():
        return
    assert not dest.done()
    if source.cancelled():
        dest.cancel()
    else:
        exception = source.exception()
        if exception is not None:
            dest.set_exception(exception)
        else:
            dest.set_result(source.result())


# ---------------------------------------------------------------- concurrent futures
# run_in_executor, wrap_future and run_coroutine_threadsafe work with the real
# concurrent.futures.Future (thread-safe, what executors return), as CPython's do; the
# default executor is concurrent.futures.ThreadPoolExecutor.


def _chain_future(source, destination):
    """Copies the outcome of `source` to `destination` when it completes, each side
    on its own loop or thread; cancelling `destination` cancels `source`."""
    def _loop_of(fut):
        return fut._loop if isinstance(fut, Future) else None

    source_loop = _loop_of(source)
    dest_loop = _loop_of(destination)

    def _set_state(future, other):
        if isinstance(future, Future):
            _copy_future_state(other, future)
        else:
            if future.cancelled():
                return
            if not future.set_running_or_notify_cancel():
                return
            if other.cancelled():
                future.cancel()
                return
            exception = other.exception()
            if exception is not None:
                future.set_exception(exception)
            else:
                future.set_result(other.result())

    def _call_check_cancel(destination):
        if destination.cancelled():
            if source_loop is None or source_loop is dest_loop:
                source.cancel()
            else:
                source_loop.call_soon_threadsafe(source.cancel)

    def _call_set_state(source):
        if destination.cancelled() and dest_loop is not None and dest_loop.is_closed():
            return
        if dest_loop is None or dest_loop is source_loop:
            _set_state(destination, source)
        else:
            if dest_loop.is_closed():
                return
            dest_loop.call_soon_threadsafe(_set_state, destination, source)

    destination.add_done_callback(_call_check_cancel)
    source.add_done_callback(_call_set_state)


def wrap_future(future, *, loop=None):
    if isfuture(future):
        return future
    assert isinstance(future, _concurrent_futures.Future), \
        f'concurrent.futures.Future is expected, got {future!r}'
    if loop is None:
        loop = get_event_loop()
    new_future = loop.create_future()
    _chain_future(future, new_future)
    return new_future


# ---------------------------------------------------------------- tasks

# Tasks of each loop (CPython keeps a WeakSet): a list appended to at creation, each
# slot cleared to None when its task finishes, compacted when most slots are cleared.
_all_tasks = {}


# `await asyncio.sleep(0)`: one bare yield, so the task goes to the back of the ready
# queue and every other ready callback runs first (native: no Python frame per switch).
from _asyncio import _SLEEP0


class Task(Future):
    """A coroutine driven by the event loop, one step per wake-up. The step, the
    wake-up and cancellation are native (_asyncio._FutureCore)."""
    __slots__ = ()

    __init__ = _FutureCore._task_init
    cancel = _FutureCore._task_cancel

    def __hash__(self):
        return id(self) >> 4

    def __eq__(self, other):
        return self is other

    def _repr_info(self):
        info = super()._repr_info()
        if self._must_cancel:
            info[0] = 'cancelling'
        info.insert(1, 'name=%r' % self.get_name())
        info.insert(2, 'coro=<%s>' % _format_coroutine(self._coro))
        if self._fut_waiter is not None:
            info.insert(3, f'wait_for={self._fut_waiter!r}')
        return info

    def set_result(self, result):
        raise RuntimeError('Task does not support set_result operation')

    def set_exception(self, exception):
        raise RuntimeError('Task does not support set_exception operation')

    def get_stack(self, *, limit=None):
        return []

    def print_stack(self, *, limit=None, file=None):
        pass




def current_task(loop=None):
    if loop is None:
        loop = get_running_loop()
    return getattr(loop, '_current_task', None)


def all_tasks(loop=None):
    if loop is None:
        loop = get_running_loop()
    return {t for t in getattr(loop, '_tasks', ()) if t is not None and not t.done()}


def _register_task(task):
    # Only for a loop whose _tasks is not a list: the native Task.__init__ registers
    # a task in a list itself, noting its slot so that finishing clears it.
    loop = task._loop
    loop._tasks.append(task)
    loop._task_count += 1


def _unregister_task(task):
    loop = task._loop
    tasks = loop._tasks
    for i, t in enumerate(tasks):
        if t is task:
            tasks[i] = None
            loop._task_count -= 1
            return


def _enter_task(loop, task):
    if loop._current_task is not None:
        raise RuntimeError(f"Cannot enter into task {task!r} while another "
                           f"task {loop._current_task!r} is being executed.")
    loop._current_task = task


def _leave_task(loop, task):
    if loop._current_task is not task:
        raise RuntimeError(f"Leaving task {task!r} does not match the current task "
                           f"{loop._current_task!r}.")
    loop._current_task = None


_CO_COROUTINE = 0x80
_CO_ITERABLE_COROUTINE = 0x100


def iscoroutinefunction(func):
    if getattr(func, '_is_coroutine', None) is _is_coroutine:
        return True
    while hasattr(func, '__func__'):
        func = func.__func__
    code = getattr(func, '__code__', None)
    flags = getattr(code, 'co_flags', 0)
    return bool(flags & _CO_COROUTINE)


_is_coroutine = object()


def iscoroutine(obj):
    return type(obj).__name__ == 'coroutine' or (
        hasattr(obj, 'send') and hasattr(obj, 'throw') and hasattr(obj, 'close')
        and hasattr(obj, '__await__'))


def create_task(coro, *, name=None, context=None):
    loop = get_running_loop()
    return loop.create_task(coro, name=name, context=context)


def ensure_future(coro_or_future, *, loop=None):
    if isfuture(coro_or_future):
        if loop is not None and loop is not coro_or_future._loop:
            raise ValueError('The future belongs to a different loop than '
                             'the one specified as the loop argument')
        return coro_or_future
    called_wrap_awaitable = False
    if not iscoroutine(coro_or_future):
        if hasattr(coro_or_future, '__await__'):
            coro_or_future = _wrap_awaitable(coro_or_future)
            called_wrap_awaitable = True
        else:
            raise TypeError('An asyncio.Future, a coroutine or an awaitable '
                            'is required')
    if loop is None:
        loop = get_event_loop()
    try:
        return loop.create_task(coro_or_future)
    except RuntimeError:
        if not called_wrap_awaitable:
            coro_or_future.close()
        raise


async def _wrap_awaitable(awaitable):
    return await awaitable


async def sleep(delay, result=None):
    """Suspends the calling task for `delay` seconds; sleep(0) only yields."""
    if delay <= 0:
        await _SLEEP0
        return result
    loop = get_running_loop()
    future = loop.create_future()
    # The timer runs in the sleeping task's own context rather than a copy of it
    # (CPython copies): its callback only sets the future, which reads no context
    # variable, and the task's context is never entered while the task is
    # suspended, so nothing can tell; it saves a Context per sleeper.
    h = loop.call_later(delay, _set_result_unless_cancelled, future, result,
                        context=_get_context())
    try:
        return await future
    finally:
        # A timer that has fired is out of the heap (_scheduled False) and ran
        # once: cancelling it (CPython's unconditional h.cancel()) changes nothing
        # anyone can see, so only a pending one is cancelled.
        if h._scheduled:
            h.cancel()


class _GatheringFuture(Future):
    def __init__(self, children, *, loop):
        super().__init__(loop=loop)
        self._children = children
        self._cancel_requested = False

    def cancel(self, msg=None):
        if self.done():
            return False
        ret = False
        for child in self._children:
            if child.cancel(msg=msg):
                ret = True
        if ret:
            self._cancel_requested = True
        return ret


def gather(*coros_or_futures, return_exceptions=False):
    if not coros_or_futures:
        loop = get_event_loop()
        outer = loop.create_future()
        outer.set_result([])
        return outer

    def _done_callback(fut):
        nonlocal nfinished
        nfinished += 1
        if outer is None or outer.done():
            if not fut.cancelled():
                fut.exception()
            return
        if not return_exceptions:
            if fut.cancelled():
                exc = fut._make_cancelled_error()
                outer.set_exception(exc)
                return
            else:
                exc = fut.exception()
                if exc is not None:
                    outer.set_exception(exc)
                    return
        if nfinished == nfuts:
            results = []
            for fut in children:
                if fut.cancelled():
                    res = CancelledError(
                        '' if fut._cancel_message is None else fut._cancel_message)
                else:
                    res = fut.exception()
                    if res is None:
                        res = fut.result()
                results.append(res)
            if outer._cancel_requested:
                exc = fut._make_cancelled_error()
                outer.set_exception(exc)
            else:
                outer.set_result(results)

    arg_to_fut = {}
    children = []
    nfuts = 0
    nfinished = 0
    loop = None
    outer = None
    for arg in coros_or_futures:
        key = id(arg)
        if key not in arg_to_fut:
            fut = ensure_future(arg, loop=loop)
            if loop is None:
                loop = fut._loop
            if fut is not arg:
                fut._log_destroy_pending = False
            nfuts += 1
            arg_to_fut[key] = (arg, fut)
            fut.add_done_callback(_done_callback)
        else:
            fut = arg_to_fut[key][1]
        children.append(fut)
    outer = _GatheringFuture(children, loop=loop)
    return outer


FIRST_COMPLETED = 'FIRST_COMPLETED'
FIRST_EXCEPTION = 'FIRST_EXCEPTION'
ALL_COMPLETED = 'ALL_COMPLETED'


async def wait(fs, *, timeout=None, return_when=ALL_COMPLETED):
    if isfuture(fs) or iscoroutine(fs):
        raise TypeError(f"expect a list of futures, not {type(fs).__name__}")
    if not fs:
        raise ValueError('Set of Tasks/Futures is empty.')
    if return_when not in (FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED):
        raise ValueError(f'Invalid return_when value: {return_when}')
    loop = get_running_loop()
    fs = set(fs)
    if any(iscoroutine(f) for f in fs):
        raise TypeError("Passing coroutines is forbidden, use tasks explicitly.")
    return await _wait(fs, timeout, return_when, loop)


def _release_waiter(waiter, *args):
    if not waiter.done():
        waiter.set_result(None)


async def _wait(fs, timeout, return_when, loop):
    assert fs, 'Set of Futures is empty.'
    waiter = loop.create_future()
    timeout_handle = None
    if timeout is not None:
        timeout_handle = loop.call_later(timeout, _release_waiter, waiter)
    counter = len(fs)

    def _on_completion(f):
        nonlocal counter
        counter -= 1
        if (counter <= 0 or return_when == FIRST_COMPLETED or
                return_when == FIRST_EXCEPTION and (not f.cancelled() and
                                                    f.exception() is not None)):
            if timeout_handle is not None:
                timeout_handle.cancel()
            if not waiter.done():
                waiter.set_result(None)

    for f in fs:
        f.add_done_callback(_on_completion)
    try:
        await waiter
    finally:
        if timeout_handle is not None:
            timeout_handle.cancel()
        for f in fs:
            f.remove_done_callback(_on_completion)
    done, pending = set(), set()
    for f in fs:
        if f.done():
            done.add(f)
        else:
            pending.add(f)
    return done, pending


async def _cancel_and_wait(fut, loop):
    waiter = loop.create_future()
    cb = lambda f: _release_waiter(waiter)
    fut.add_done_callback(cb)
    try:
        fut.cancel()
        await waiter
    finally:
        fut.remove_done_callback(cb)


async def wait_for(fut, timeout):
    loop = get_running_loop()
    if timeout is None:
        return await fut
    if timeout <= 0:
        fut = ensure_future(fut, loop=loop)
        if fut.done():
            return fut.result()
        await _cancel_and_wait(fut, loop=loop)
        try:
            return fut.result()
        except CancelledError as exc:
            raise TimeoutError() from exc
    waiter = loop.create_future()
    timeout_handle = loop.call_later(timeout, _release_waiter, waiter)
    cb = lambda f: _release_waiter(waiter)
    fut = ensure_future(fut, loop=loop)
    fut.add_done_callback(cb)
    try:
        try:
            await waiter
        except CancelledError:
            if fut.done():
                return fut.result()
            else:
                fut.remove_done_callback(cb)
                await _cancel_and_wait(fut, loop=loop)
                raise
        if fut.done():
            return fut.result()
        else:
            fut.remove_done_callback(cb)
            await _cancel_and_wait(fut, loop=loop)
            try:
                return fut.result()
            except CancelledError as exc:
                raise TimeoutError() from exc
    finally:
        timeout_handle.cancel()


def as_completed(fs, *, timeout=None):
    if isfuture(fs) or iscoroutine(fs):
        raise TypeError(f"expect an iterable of futures, not {type(fs).__name__}")
    done = Queue()
    loop = get_event_loop()
    todo = {ensure_future(f, loop=loop) for f in set(fs)}
    state = {'handle': None}

    def _on_timeout():
        for f in todo:
            f.remove_done_callback(_on_completion)
            done.put_nowait(None)
        todo.clear()

    def _on_completion(f):
        if not todo:
            return
        todo.remove(f)
        done.put_nowait(f)
        if not todo and state['handle'] is not None:
            state['handle'].cancel()

    async def _wait_for_one():
        f = await done.get()
        if f is None:
            raise TimeoutError
        return f.result()

    for f in todo:
        f.add_done_callback(_on_completion)
    if todo and timeout is not None:
        state['handle'] = loop.call_later(timeout, _on_timeout)
    return iter([_wait_for_one() for _ in range(len(todo))])


def shield(arg):
    inner = ensure_future(arg)
    if inner.done():
        return inner
    loop = inner._loop
    outer = loop.create_future()

    def _inner_done_callback(inner):
        if outer.cancelled():
            if not inner.cancelled():
                inner.exception()
            return
        if inner.cancelled():
            outer.cancel()
        else:
            exc = inner.exception()
            if exc is not None:
                outer.set_exception(exc)
            else:
                outer.set_result(inner.result())

    def _outer_done_callback(outer):
        if not inner.done():
            inner.remove_done_callback(_inner_done_callback)

    inner.add_done_callback(_inner_done_callback)
    outer.add_done_callback(_outer_done_callback)
    return outer


def run_coroutine_threadsafe(coro, loop):
    if not iscoroutine(coro):
        raise TypeError('A coroutine object is required')
    future = _concurrent_futures.Future()

    def callback():
        try:
            _chain_future(ensure_future(coro, loop=loop), future)
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            if future.set_running_or_notify_cancel():
                future.set_exception(exc)
            raise

    loop.call_soon_threadsafe(callback)
    return future


async def to_thread(func, /, *args, **kwargs):
    """Runs func in the default executor with the caller's context."""
    loop = get_running_loop()
    ctx = _contextvars.copy_context()
    return await loop.run_in_executor(None, lambda: ctx.run(func, *args, **kwargs))


# ---------------------------------------------------------------- timeouts

_T_CREATED = 'created'
_T_ENTERED = 'active'
_T_EXPIRING = 'expiring'
_T_EXPIRED = 'expired'
_T_EXITED = 'finished'


class Timeout:
    def __init__(self, when):
        self._state = _T_CREATED
        self._timeout_handler = None
        self._task = None
        self._when = when
        self._cancelling = 0

    def when(self):
        return self._when

    def reschedule(self, when):
        assert self._state is not _T_CREATED
        if self._state is not _T_ENTERED:
            raise RuntimeError(f"Cannot change state of {self._state} Timeout")
        self._when = when
        if self._timeout_handler is not None:
            self._timeout_handler.cancel()
        if when is None:
            self._timeout_handler = None
        else:
            loop = get_running_loop()
            if when <= loop.time():
                self._timeout_handler = loop.call_soon(self._on_timeout)
            else:
                self._timeout_handler = loop.call_at(when, self._on_timeout)

    def expired(self):
        return self._state in (_T_EXPIRING, _T_EXPIRED)

    def __repr__(self):
        info = ['']
        if self._state is _T_ENTERED:
            when = round(self._when, 3) if self._when is not None else None
            info.append(f"when={when}")
        info_str = ' '.join(info)
        return f"<Timeout [{self._state}]{info_str}>"

    async def __aenter__(self):
        self._state = _T_ENTERED
        self._task = current_task()
        if self._task is None:
            raise RuntimeError("Timeout should be used inside a task")
        self._cancelling = self._task.cancelling()
        self.reschedule(self._when)
        return self

    async def __aexit__(self, exc_type, exc_val, exc_tb):
        assert self._state in (_T_ENTERED, _T_EXPIRING)
        if self._timeout_handler is not None:
            self._timeout_handler.cancel()
            self._timeout_handler = None
        if self._state is _T_EXPIRING:
            self._state = _T_EXPIRED
            if self._task.uncancel() <= self._cancelling and exc_type is CancelledError:
                raise TimeoutError from exc_val
        elif self._state is _T_ENTERED:
            self._state = _T_EXITED
        return None

    def _on_timeout(self):
        assert self._state is _T_ENTERED
        self._task.cancel()
        self._state = _T_EXPIRING
        self._timeout_handler = None


def timeout(delay):
    loop = get_running_loop()
    return Timeout(loop.time() + delay if delay is not None else None)


def timeout_at(when):
    return Timeout(when)


# ---------------------------------------------------------------- task groups


class TaskGroup:
    def __init__(self):
        self._entered = False
        self._exiting = False
        self._aborting = False
        self._loop = None
        self._parent_task = None
        self._parent_cancel_requested = False
        self._tasks = set()
        self._errors = []
        self._base_error = None
        self._on_completed_fut = None

    def __repr__(self):
        info = ['']
        if self._tasks:
            info.append(f'tasks={len(self._tasks)}')
        if self._errors:
            info.append(f'errors={len(self._errors)}')
        if self._aborting:
            info.append('cancelling')
        elif self._entered:
            info.append('entered')
        return f'<TaskGroup{" ".join(info)}>'

    async def __aenter__(self):
        if self._entered:
            raise RuntimeError(f"TaskGroup {self!r} has been already entered")
        self._entered = True
        if self._loop is None:
            self._loop = get_running_loop()
        self._parent_task = current_task(self._loop)
        if self._parent_task is None:
            raise RuntimeError(f'TaskGroup {self!r} cannot determine the parent task')
        return self

    async def __aexit__(self, et, exc, tb):
        self._exiting = True
        if exc is not None and self._is_base_error(exc) and self._base_error is None:
            self._base_error = exc
        propagate_cancellation_error = exc if et is CancelledError else None
        if self._parent_cancel_requested:
            if self._parent_task.uncancel() == 0:
                propagate_cancellation_error = None
        if et is not None:
            if not self._aborting:
                self._abort()
        while self._tasks:
            if self._on_completed_fut is None:
                self._on_completed_fut = self._loop.create_future()
            try:
                await self._on_completed_fut
            except CancelledError as ex:
                if not self._aborting:
                    propagate_cancellation_error = ex
                    self._abort()
            self._on_completed_fut = None
        assert not self._tasks
        if self._base_error is not None:
            raise self._base_error
        if propagate_cancellation_error and not self._errors:
            raise propagate_cancellation_error
        if et is not None and et is not CancelledError:
            self._errors.append(exc)
        if self._errors:
            try:
                me = BaseExceptionGroup('unhandled errors in a TaskGroup', self._errors)
                raise me from None
            finally:
                self._errors = None

    def create_task(self, coro, *, name=None, context=None):
        if not self._entered:
            raise RuntimeError(f"TaskGroup {self!r} has not been entered")
        if self._exiting and not self._tasks:
            raise RuntimeError(f"TaskGroup {self!r} is finished")
        if self._aborting:
            raise RuntimeError(f"TaskGroup {self!r} is shutting down")
        task = self._loop.create_task(coro, name=name, context=context)
        if task.done():
            self._on_task_done(task)
        else:
            self._tasks.add(task)
            task.add_done_callback(self._on_task_done)
        return task

    def _is_base_error(self, exc):
        assert isinstance(exc, BaseException)
        return isinstance(exc, (SystemExit, KeyboardInterrupt))

    def _abort(self):
        self._aborting = True
        for t in self._tasks:
            if not t.done():
                t.cancel()

    def _on_task_done(self, task):
        self._tasks.discard(task)
        if self._on_completed_fut is not None and not self._tasks:
            if not self._on_completed_fut.done():
                self._on_completed_fut.set_result(True)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is None:
            return
        self._errors.append(exc)
        if self._is_base_error(exc) and self._base_error is None:
            self._base_error = exc
        if self._parent_task.done():
            self._loop.call_exception_handler({
                'message': f'Task {task!r} has errored out but its parent '
                           f'task {self._parent_task} is already completed',
                'exception': exc,
                'task': task,
            })
            return
        if not self._aborting and not self._parent_cancel_requested:
            self._abort()
            self._parent_cancel_requested = True
            self._parent_task.cancel()


# ---------------------------------------------------------------- the event loop

_running = {}   # thread ident -> running loop


def _get_running_loop():
    return _running.get(_thread.get_ident())


def _set_running_loop(loop):
    ident = _thread.get_ident()
    if loop is None:
        _running.pop(ident, None)
    else:
        _running[ident] = loop


def get_running_loop():
    loop = _running.get(_thread.get_ident())
    if loop is None:
        raise RuntimeError('no running event loop')
    return loop


def _run_until_complete_cb(fut):
    if not fut.cancelled():
        exc = fut.exception()
        if isinstance(exc, (SystemExit, KeyboardInterrupt)):
            return
    fut.get_loop().stop()


class BaseEventLoop:
    """The selector event loop: ready callbacks, a timer heap and a selector whose
    wait releases the GIL; another thread wakes it through the selector."""

    def __init__(self, selector=None):
        self._closed = False
        self._stopping = False
        self._ready = []
        self._scheduled = []
        self._timer_seq = 0
        self._timer_cancelled_count = 0
        self._default_executor = None
        self._exception_handler = None
        self._thread_id = None
        self._clock_resolution = 1e-09
        self._debug = bool(sys.flags.dev_mode if hasattr(sys, 'flags') and hasattr(sys.flags, 'dev_mode') else False) or _env_debug()
        self.slow_callback_duration = 0.1
        self._current_handle = None
        self._current_task = None
        self._tasks = []
        self._task_count = 0
        self._executor_shutdown_called = False
        self._selector = selector if selector is not None else _selectors.DefaultSelector()
        self._readers = {}
        self._writers = {}
        # Calls from other threads (call_soon_threadsafe) wait here, under a lock, until
        # the loop moves them to _ready; the loop's own appends take no lock.
        self._ts_lock = _threading.Lock()
        self._ts_ready = []

    def __repr__(self):
        return (f'<{self.__class__.__name__} running={self.is_running()} '
                f'closed={self.is_closed()} debug={self.get_debug()}>')

    # -- running

    def _check_closed(self):
        if self._closed:
            raise RuntimeError('Event loop is closed')

    def _check_running(self):
        if self.is_running():
            raise RuntimeError('This event loop is already running')
        if _get_running_loop() is not None:
            raise RuntimeError('Cannot run the event loop while another loop is running')

    def run_forever(self):
        self._check_closed()
        self._check_running()
        self._thread_id = _thread.get_ident()
        _set_running_loop(self)
        try:
            while True:
                self._run_once()
                if self._stopping:
                    break
        finally:
            self._stopping = False
            self._thread_id = None
            _set_running_loop(None)

    def run_until_complete(self, future):
        self._check_closed()
        self._check_running()
        new_task = not isfuture(future)
        future = ensure_future(future, loop=self)
        if new_task:
            future._log_destroy_pending = False
        future.add_done_callback(_run_until_complete_cb)
        try:
            self.run_forever()
        except BaseException:
            if new_task and future.done() and not future.cancelled():
                future.exception()
            raise
        finally:
            future.remove_done_callback(_run_until_complete_cb)
        if not future.done():
            raise RuntimeError('Event loop stopped before Future completed.')
        return future.result()

    def stop(self):
        self._stopping = True

    def is_running(self):
        return self._thread_id is not None

    def is_closed(self):
        return self._closed

    def close(self):
        if self.is_running():
            raise RuntimeError("Cannot close a running event loop")
        if self._closed:
            return
        self._closed = True
        self._ready.clear()
        self._ts_ready.clear()
        self._scheduled.clear()
        self._executor_shutdown_called = True
        executor = self._default_executor
        if executor is not None:
            self._default_executor = None
            executor.shutdown(wait=False)
        if self._selector is not None:
            self._selector.close()
            self._selector = None

    def time(self):
        return _time.monotonic()

    def get_debug(self):
        return self._debug

    def set_debug(self, enabled):
        self._debug = bool(enabled)

    # -- scheduling

    def _check_thread(self):
        if self._thread_id is None:
            return
        if _thread.get_ident() != self._thread_id:
            raise RuntimeError(
                "Non-thread-safe operation invoked on an event loop other "
                "than the current one")

    def _check_callback(self, callback, method):
        if iscoroutine(callback) or iscoroutinefunction(callback):
            raise TypeError(f"coroutines cannot be used with {method}()")
        if not callable(callback):
            raise TypeError(f'a callable object was expected by {method}(), got {callback!r}')

    def call_soon(self, callback, *args, context=None):
        if self._closed:
            raise RuntimeError('Event loop is closed')
        if self._debug:
            self._check_thread()
            self._check_callback(callback, 'call_soon')
        handle = Handle(callback, args, self, context)
        self._ready.append(handle)
        return handle

    def call_later(self, delay, callback, *args, context=None):
        if delay is None:
            raise TypeError('delay must not be None')
        return self.call_at(self.time() + delay, callback, *args, context=context)

    def call_at(self, when, callback, *args, context=None):
        if when is None:
            raise TypeError("when cannot be None")
        self._check_closed()
        if self._debug:
            self._check_thread()
            self._check_callback(callback, 'call_at')
        timer = TimerHandle(when, callback, args, self, context)
        self._timer_seq += 1
        _heappush(self._scheduled, (when, self._timer_seq, timer))
        timer._scheduled = True
        return timer

    def call_soon_threadsafe(self, callback, *args, context=None):
        self._check_closed()
        if self._debug:
            self._check_callback(callback, 'call_soon_threadsafe')
        handle = Handle(callback, args, self, context)
        with self._ts_lock:
            self._ts_ready.append(handle)
        self._write_to_self()
        return handle

    def _write_to_self(self):
        sel = self._selector
        if sel is not None:
            sel._wakeup()

    def _timer_handle_cancelled(self, handle):
        if handle._scheduled:
            self._timer_cancelled_count += 1

    def create_future(self):
        return Future(loop=self)

    def create_task(self, coro, *, name=None, context=None):
        self._check_closed()
        return Task(coro, loop=self, name=name, context=context)

    # -- one iteration

    def _run_once(self):
        sched = self._scheduled
        # Drop cancelled timers when they are more than half the heap.
        if self._timer_cancelled_count > 100 and self._timer_cancelled_count * 2 > len(sched):
            kept = []
            for entry in sched:
                if entry[2]._cancelled:
                    entry[2]._scheduled = False
                else:
                    kept.append(entry)
            _heapify(kept)
            self._scheduled = sched = kept
            self._timer_cancelled_count = 0
        else:
            while sched and sched[0][2]._cancelled:
                self._timer_cancelled_count -= 1
                _heappop(sched)[2]._scheduled = False

        if self._ts_ready:
            with self._ts_lock:
                self._ready.extend(self._ts_ready)
                self._ts_ready.clear()
        if self._ready or self._stopping:
            timeout = 0
        elif sched:
            timeout = sched[0][0] - self.time()
            if timeout < 0:
                timeout = 0
            elif timeout > 86400:
                timeout = 86400
        else:
            timeout = None

        sel = self._selector
        if sel._fd_to_key or timeout != 0:
            for key, mask in sel.select(timeout):
                reader, writer = key.data
                if mask & _selectors.EVENT_READ and reader is not None:
                    if reader._cancelled:
                        self._remove_reader(key.fileobj)
                    else:
                        self._ready.append(reader)
                if mask & _selectors.EVENT_WRITE and writer is not None:
                    if writer._cancelled:
                        self._remove_writer(key.fileobj)
                    else:
                        self._ready.append(writer)

        end_time = self.time() + self._clock_resolution
        while sched:
            when, _, handle = sched[0]
            if when >= end_time:
                break
            _heappop(sched)
            handle._scheduled = False
            self._ready.append(handle)

        if self._ts_ready:
            with self._ts_lock:
                self._ready.extend(self._ts_ready)
                self._ts_ready.clear()
        ready = self._ready
        self._ready = []
        if _SHUFFLE and len(ready) > 1:
            _shuffle_ready(ready)
        if self._debug:
            for handle in ready:
                if handle._cancelled:
                    continue
                try:
                    self._current_handle = handle
                    t0 = self.time()
                    handle._run()
                    dt = self.time() - t0
                    if dt >= self.slow_callback_duration:
                        _report('Executing %s took %.3f seconds' % (_format_handle(handle), dt), warning=True)
                finally:
                    self._current_handle = None
        else:
            _run_handles(ready)

    # -- file descriptors

    def add_reader(self, fd, callback, *args):
        self._check_closed()
        handle = Handle(callback, args, self, None)
        try:
            key = self._selector.get_key(fd)
        except KeyError:
            self._selector.register(fd, _selectors.EVENT_READ, (handle, None))
        else:
            mask, (reader, writer) = key.events, key.data
            self._selector.modify(fd, mask | _selectors.EVENT_READ, (handle, writer))
            if reader is not None:
                reader.cancel()
        return handle

    def _remove_reader(self, fd):
        if self.is_closed():
            return False
        try:
            key = self._selector.get_key(fd)
        except KeyError:
            return False
        mask, (reader, writer) = key.events, key.data
        mask &= ~_selectors.EVENT_READ
        if not mask:
            self._selector.unregister(fd)
        else:
            self._selector.modify(fd, mask, (None, writer))
        if reader is not None:
            reader.cancel()
            return True
        return False

    remove_reader = _remove_reader

    def add_writer(self, fd, callback, *args):
        self._check_closed()
        handle = Handle(callback, args, self, None)
        try:
            key = self._selector.get_key(fd)
        except KeyError:
            self._selector.register(fd, _selectors.EVENT_WRITE, (None, handle))
        else:
            mask, (reader, writer) = key.events, key.data
            self._selector.modify(fd, mask | _selectors.EVENT_WRITE, (reader, handle))
            if writer is not None:
                writer.cancel()
        return handle

    def _remove_writer(self, fd):
        if self.is_closed():
            return False
        try:
            key = self._selector.get_key(fd)
        except KeyError:
            return False
        mask, (reader, writer) = key.events, key.data
        mask &= ~_selectors.EVENT_WRITE
        if not mask:
            self._selector.unregister(fd)
        else:
            self._selector.modify(fd, mask, (reader, None))
        if writer is not None:
            writer.cancel()
            return True
        return False

    remove_writer = _remove_writer

    # -- sockets: each operation tries the non-blocking call, and on BlockingIOError
    # waits for the selector to report the fd ready (add_reader/add_writer).

    def _check_sock(self, sock):
        if self._debug and sock.gettimeout() != 0:
            raise ValueError("the socket must be non-blocking")

    def _sock_wait(self, fut, fd, writer, retry, *args):
        if writer:
            self.add_writer(fd, retry, fut, *args)
            fut.add_done_callback(lambda _f: self.remove_writer(fd))
        else:
            self.add_reader(fd, retry, fut, *args)
            fut.add_done_callback(lambda _f: self.remove_reader(fd))

    async def sock_recv(self, sock, n):
        self._check_sock(sock)
        try:
            return sock.recv(n)
        except (BlockingIOError, InterruptedError):
            pass
        fut = self.create_future()
        self._sock_wait(fut, sock.fileno(), False, self._sock_recv, sock, n)
        return await fut

    def _sock_recv(self, fut, sock, n):
        if fut.done():
            return
        try:
            data = sock.recv(n)
        except (BlockingIOError, InterruptedError):
            return
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            fut.set_exception(exc)
        else:
            fut.set_result(data)

    async def sock_recv_into(self, sock, buf):
        self._check_sock(sock)
        try:
            return sock.recv_into(buf)
        except (BlockingIOError, InterruptedError):
            pass
        fut = self.create_future()
        self._sock_wait(fut, sock.fileno(), False, self._sock_recv_into, sock, buf)
        return await fut

    def _sock_recv_into(self, fut, sock, buf):
        if fut.done():
            return
        try:
            n = sock.recv_into(buf)
        except (BlockingIOError, InterruptedError):
            return
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            fut.set_exception(exc)
        else:
            fut.set_result(n)

    async def sock_sendall(self, sock, data):
        self._check_sock(sock)
        try:
            n = sock.send(data)
        except (BlockingIOError, InterruptedError):
            n = 0
        if n == len(data):
            return
        fut = self.create_future()
        self._sock_wait(fut, sock.fileno(), True, self._sock_sendall, sock,
                        memoryview(data), [n])
        return await fut

    def _sock_sendall(self, fut, sock, view, pos):
        if fut.done():
            return
        start = pos[0]
        try:
            n = sock.send(view[start:])
        except (BlockingIOError, InterruptedError):
            return
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            fut.set_exception(exc)
            return
        start += n
        if start == len(view):
            fut.set_result(None)
        else:
            pos[0] = start

    async def sock_connect(self, sock, address):
        self._check_sock(sock)
        if sock.family in (_socket_mod().AF_INET, _socket_mod().AF_INET6):
            host, port = address[:2]
            infos = await self.getaddrinfo(host, port, family=sock.family, type=sock.type,
                                           proto=sock.proto)
            address = infos[0][4]
        fut = self.create_future()
        try:
            sock.connect(address)
        except (BlockingIOError, InterruptedError):
            self._sock_wait(fut, sock.fileno(), True, self._sock_connect_cb, sock, address)
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            fut.set_exception(exc)
        else:
            fut.set_result(None)
        try:
            return await fut
        finally:
            fut = None

    def _sock_connect_cb(self, fut, sock, address):
        if fut.done():
            return
        sm = _socket_mod()
        try:
            err = sock.getsockopt(sm.SOL_SOCKET, sm.SO_ERROR)
            if err != 0:
                raise _os_error(err, f'Connect call failed {address}')
        except (BlockingIOError, InterruptedError):
            pass
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            fut.set_exception(exc)
        else:
            fut.set_result(None)

    async def sock_accept(self, sock):
        self._check_sock(sock)
        fut = self.create_future()
        self._sock_accept(fut, sock)
        return await fut

    def _sock_accept(self, fut, sock, registered=False):
        fd = sock.fileno()
        if fut.done():
            return
        try:
            conn, address = sock.accept()
            conn.setblocking(False)
        except (BlockingIOError, InterruptedError):
            if not registered:
                self._sock_wait(fut, fd, False, self._sock_accept, sock, True)
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            fut.set_exception(exc)
        else:
            fut.set_result((conn, address))

    async def getaddrinfo(self, host, port, *, family=0, type=0, proto=0, flags=0):
        sm = _socket_mod()
        if _is_numeric_host(host):
            return sm.getaddrinfo(host, port, family, type, proto, flags)
        return await self.run_in_executor(None, sm.getaddrinfo, host, port, family, type,
                                          proto, flags)

    async def getnameinfo(self, sockaddr, flags=0):
        raise NotImplementedError('loop.getnameinfo() is not supported by gilvm')

    # -- connections and servers (streams are built on these)

    async def create_connection(self, protocol_factory, host=None, port=None, *,
                                ssl=None, family=0, proto=0, flags=0, sock=None,
                                local_addr=None, server_hostname=None,
                                ssl_handshake_timeout=None, ssl_shutdown_timeout=None,
                                happy_eyeballs_delay=None, interleave=None,
                                all_errors=False):
        if ssl:
            raise NotImplementedError('ssl is not supported by gilvm')
        sm = _socket_mod()
        if host is not None or port is not None:
            if sock is not None:
                raise ValueError('host/port and sock can not be specified at the same time')
            infos = await self.getaddrinfo(host, port, family=family, type=sm.SOCK_STREAM,
                                           proto=proto, flags=flags)
            if not infos:
                raise OSError('getaddrinfo() returned empty list')
            exceptions = []
            for fam, kind, prot, _cname, address in infos:
                sock = sm.socket(fam, kind, prot)
                try:
                    sock.setblocking(False)
                    if local_addr is not None:
                        sock.bind(local_addr)
                    await self.sock_connect(sock, address)
                    break
                except OSError as exc:
                    exceptions.append(exc)
                    sock.close()
                    sock = None
                except:
                    sock.close()
                    raise
            if sock is None:
                if all_errors:
                    raise ExceptionGroup("create_connection failed", exceptions)
                if len(exceptions) == 1:
                    raise exceptions[0]
                model = str(exceptions[0])
                if all(str(exc) == model for exc in exceptions):
                    raise exceptions[0]
                raise OSError('Multiple exceptions: {}'.format(
                    ', '.join(str(exc) for exc in exceptions)))
        elif sock is None:
            raise ValueError('host and port was not specified and no sock specified')
        else:
            sock.setblocking(False)
        protocol = protocol_factory()
        waiter = self.create_future()
        transport = _SocketTransport(self, sock, protocol, waiter)
        try:
            await waiter
        except:
            transport.close()
            raise
        return transport, protocol

    async def create_server(self, protocol_factory, host=None, port=None, *,
                            family=0, flags=None, sock=None, backlog=100, ssl=None,
                            reuse_address=None, reuse_port=None,
                            ssl_handshake_timeout=None, ssl_shutdown_timeout=None,
                            start_serving=True):
        if ssl:
            raise NotImplementedError('ssl is not supported by gilvm')
        sm = _socket_mod()
        if flags is None:
            flags = sm.AI_PASSIVE
        sockets = []
        if host is not None or port is not None:
            if sock is not None:
                raise ValueError('host/port and sock can not be specified at the same time')
            if reuse_address is None:
                reuse_address = True
            hosts = [None] if host in (None, '') else (
                [host] if isinstance(host, str) else list(host))
            infos = []
            for h in hosts:
                for info in await self.getaddrinfo(h, port, family=family,
                                                   type=sm.SOCK_STREAM, flags=flags):
                    if info not in infos:
                        infos.append(info)
            try:
                for fam, kind, prot, _cname, address in infos:
                    s = sm.socket(fam, kind, prot)
                    sockets.append(s)
                    if reuse_address:
                        s.setsockopt(sm.SOL_SOCKET, sm.SO_REUSEADDR, 1)
                    if reuse_port:
                        s.setsockopt(sm.SOL_SOCKET, sm.SO_REUSEPORT, 1)
                    if fam == sm.AF_INET6:
                        s.setsockopt(sm.IPPROTO_IPV6, sm.IPV6_V6ONLY, 1)
                    try:
                        s.bind(address)
                    except OSError as err:
                        raise OSError(err.errno, 'error while attempting to bind on '
                                      'address %r: %s' % (address, err.strerror.lower())) from None
            except:
                for s in sockets:
                    s.close()
                raise
        else:
            if sock is None:
                raise ValueError('Neither host/port nor sock were specified')
            sockets = [sock]
        for s in sockets:
            s.setblocking(False)
        server = Server(self, sockets, protocol_factory, backlog)
        if start_serving:
            server._start_serving()
            await sleep(0)
        return server

    create_datagram_endpoint = connect_read_pipe = connect_write_pipe = None

    def _no_pipes(self, *args, **kwargs):
        raise NotImplementedError(
            'asyncio pipes, subprocesses, datagram endpoints, sendfile and TLS '
            'are not supported by gilvm')

    create_datagram_endpoint = connect_read_pipe = connect_write_pipe = _no_pipes
    subprocess_exec = subprocess_shell = sendfile = start_tls = sock_sendfile = _no_pipes
    create_unix_connection = create_unix_server = _no_pipes

    # -- executors

    def run_in_executor(self, executor, func, *args):
        self._check_closed()
        if self._debug:
            self._check_callback(func, 'run_in_executor')
        if executor is None:
            executor = self._default_executor
            if self._executor_shutdown_called:
                raise RuntimeError('Executor shutdown has been called')
            if executor is None:
                executor = _concurrent_futures.ThreadPoolExecutor(
                    thread_name_prefix='asyncio')
                self._default_executor = executor
        return wrap_future(executor.submit(func, *args), loop=self)

    def set_default_executor(self, executor):
        self._default_executor = executor

    async def shutdown_default_executor(self):
        self._executor_shutdown_called = True
        if self._default_executor is None:
            return
        future = self.create_future()
        executor = self._default_executor

        def _do_shutdown():
            try:
                executor.shutdown(wait=True)
                if not self.is_closed():
                    self.call_soon_threadsafe(future.set_result, None)
            except Exception as ex:
                if not self.is_closed():
                    self.call_soon_threadsafe(future.set_exception, ex)

        thread = _threading.Thread(target=_do_shutdown)
        thread.start()
        try:
            await future
        finally:
            thread.join()

    async def shutdown_asyncgens(self):
        pass

    # -- errors

    def get_exception_handler(self):
        return self._exception_handler

    def set_exception_handler(self, handler):
        if handler is not None and not callable(handler):
            raise TypeError(f'A callable object or None is expected, got {handler!r}')
        self._exception_handler = handler

    def default_exception_handler(self, context):
        message = context.get('message')
        if not message:
            message = 'Unhandled exception in event loop'
        exception = context.get('exception')
        lines = [message]
        for key in sorted(context):
            if key in {'message', 'exception'}:
                continue
            value = context[key]
            if key == 'source_traceback':
                continue
            lines.append(f'{key}: {value!r}')
        _report('\n'.join(lines), exception)

    def call_exception_handler(self, context):
        if self._exception_handler is None:
            try:
                self.default_exception_handler(context)
            except (SystemExit, KeyboardInterrupt):
                raise
            except BaseException as e:
                _report('Exception in default exception handler', e)
        else:
            try:
                ctx = None
                thing = context.get('task')
                if thing is None:
                    thing = context.get('handle')
                if thing is not None and hasattr(thing, 'get_context'):
                    ctx = thing.get_context()
                if ctx is None:
                    self._exception_handler(self, context)
                else:
                    ctx.run(self._exception_handler, self, context)
            except (SystemExit, KeyboardInterrupt):
                raise
            except BaseException as exc:
                try:
                    self.default_exception_handler({
                        'message': 'Unhandled error in exception handler',
                        'exception': exc,
                        'context': context,
                    })
                except (SystemExit, KeyboardInterrupt):
                    raise
                except BaseException as e:
                    _report('Exception in default exception handler while handling '
                            'an unexpected error in custom exception handler', e)


def _format_handle(handle):
    cb = handle._callback
    if isinstance(getattr(cb, '__self__', None), Task):
        return repr(cb.__self__)
    return str(handle)


def _env_debug():
    try:
        import os
    except ImportError:
        return False
    return bool(os.environ.get('PYTHONASYNCIODEBUG'))


class SelectorEventLoop(BaseEventLoop):
    pass


AbstractEventLoop = BaseEventLoop
DefaultEventLoopPolicy = None


class AbstractEventLoopPolicy:
    pass


class _EventLoopPolicy(AbstractEventLoopPolicy):
    """One event loop set per thread (the main thread's is made on demand)."""

    def __init__(self):
        self._loops = {}

    def get_event_loop(self):
        ident = _thread.get_ident()
        loop = self._loops.get(ident)
        if loop is None:
            if _threading.current_thread() is _threading.main_thread():
                loop = self.new_event_loop()
                self._loops[ident] = loop
            else:
                raise RuntimeError('There is no current event loop in thread %r.'
                                   % _threading.current_thread().name)
        return loop

    def set_event_loop(self, loop):
        self._loops[_thread.get_ident()] = loop

    def new_event_loop(self):
        return SelectorEventLoop()


DefaultEventLoopPolicy = _EventLoopPolicy
_policy = None


def get_event_loop_policy():
    global _policy
    if _policy is None:
        _policy = _EventLoopPolicy()
    return _policy


def set_event_loop_policy(policy):
    global _policy
    _policy = policy


def get_event_loop():
    loop = _get_running_loop()
    if loop is not None:
        return loop
    return get_event_loop_policy().get_event_loop()


def set_event_loop(loop):
    get_event_loop_policy().set_event_loop(loop)


def new_event_loop():
    return get_event_loop_policy().new_event_loop()


# ---------------------------------------------------------------- runners


def _cancel_all_tasks(loop):
    to_cancel = all_tasks(loop)
    if not to_cancel:
        return
    for task in to_cancel:
        task.cancel()
    loop.run_until_complete(gather(*to_cancel, return_exceptions=True))
    for task in to_cancel:
        if task.cancelled():
            continue
        if task.exception() is not None:
            loop.call_exception_handler({
                'message': 'unhandled exception during asyncio.run() shutdown',
                'exception': task.exception(),
                'task': task,
            })


class Runner:
    def __init__(self, *, debug=None, loop_factory=None):
        self._state = 'created'
        self._debug = debug
        self._loop_factory = loop_factory
        self._loop = None
        self._context = None
        self._interrupt_count = 0
        self._set_event_loop = False

    def __enter__(self):
        self._lazy_init()
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.close()

    def close(self):
        if self._state != 'initialized':
            return
        try:
            loop = self._loop
            _cancel_all_tasks(loop)
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.run_until_complete(loop.shutdown_default_executor())
        finally:
            if self._set_event_loop:
                set_event_loop(None)
            loop.close()
            self._loop = None
            self._state = 'closed'

    def get_loop(self):
        self._lazy_init()
        return self._loop

    def run(self, coro, *, context=None):
        if not iscoroutine(coro):
            raise ValueError("a coroutine was expected, got {!r}".format(coro))
        if _get_running_loop() is not None:
            raise RuntimeError(
                "Runner.run() cannot be called from a running event loop")
        self._lazy_init()
        if context is None:
            context = self._context
        task = self._loop.create_task(coro, context=context)
        try:
            return self._loop.run_until_complete(task)
        except CancelledError:
            raise

    def _lazy_init(self):
        if self._state == 'closed':
            raise RuntimeError("Runner is closed")
        if self._state == 'initialized':
            return
        if self._loop_factory is None:
            self._loop = new_event_loop()
            if not self._set_event_loop:
                set_event_loop(self._loop)
                self._set_event_loop = True
        else:
            self._loop = self._loop_factory()
        if self._debug is not None:
            self._loop.set_debug(self._debug)
        self._context = _contextvars.copy_context()
        self._state = 'initialized'


def run(main, *, debug=None):
    if _get_running_loop() is not None:
        raise RuntimeError(
            "asyncio.run() cannot be called from a running event loop")
    with Runner(debug=debug) as runner:
        return runner.run(main)


# ---------------------------------------------------------------- locks


class _LoopBound:
    _loop = None

    def _get_loop(self):
        loop = get_running_loop()
        if self._loop is None:
            self._loop = loop
        if loop is not self._loop:
            raise RuntimeError(f'{self!r} is bound to a different event loop')
        return loop


class _ContextManagerMixin(_LoopBound):
    async def __aenter__(self):
        await self.acquire()
        return None

    async def __aexit__(self, exc_type, exc, tb):
        self.release()


class Lock(_ContextManagerMixin):
    def __init__(self):
        self._waiters = None
        self._locked = False

    def __repr__(self):
        extra = 'locked' if self._locked else 'unlocked'
        if self._waiters:
            extra = f'{extra}, waiters:{len(self._waiters)}'
        return f'<asyncio.locks.Lock object at 0x{id(self):x} [{extra}]>'

    def locked(self):
        return self._locked

    async def acquire(self):
        if not self._locked and (self._waiters is None or
                                 all(w.cancelled() for w in self._waiters)):
            self._locked = True
            return True
        if self._waiters is None:
            self._waiters = []
        fut = self._get_loop().create_future()
        self._waiters.append(fut)
        try:
            try:
                await fut
            finally:
                self._waiters.remove(fut)
        except CancelledError:
            if not self._locked:
                self._wake_up_first()
            raise
        self._locked = True
        return True

    def release(self):
        if self._locked:
            self._locked = False
            self._wake_up_first()
        else:
            raise RuntimeError('Lock is not acquired.')

    def _wake_up_first(self):
        if not self._waiters:
            return
        fut = self._waiters[0]
        if not fut.done():
            fut.set_result(True)


class Event(_LoopBound):
    def __init__(self):
        self._waiters = []
        self._value = False

    def __repr__(self):
        extra = 'set' if self._value else 'unset'
        if self._waiters:
            extra = f'{extra}, waiters:{len(self._waiters)}'
        return f'<asyncio.locks.Event object at 0x{id(self):x} [{extra}]>'

    def is_set(self):
        return self._value

    def set(self):
        if not self._value:
            self._value = True
            for fut in self._waiters:
                if not fut.done():
                    fut.set_result(True)

    def clear(self):
        self._value = False

    async def wait(self):
        if self._value:
            return True
        fut = self._get_loop().create_future()
        self._waiters.append(fut)
        try:
            await fut
            return True
        finally:
            self._waiters.remove(fut)


class Condition(_ContextManagerMixin):
    def __init__(self, lock=None):
        if lock is None:
            lock = Lock()
        self._lock = lock
        self.locked = lock.locked
        self.acquire = lock.acquire
        self.release = lock.release
        self._waiters = []

    def __repr__(self):
        extra = 'locked' if self.locked() else 'unlocked'
        if self._waiters:
            extra = f'{extra}, waiters:{len(self._waiters)}'
        return f'<asyncio.locks.Condition object at 0x{id(self):x} [{extra}]>'

    async def wait(self):
        if not self.locked():
            raise RuntimeError('cannot wait on un-acquired lock')
        self.release()
        try:
            fut = self._get_loop().create_future()
            self._waiters.append(fut)
            try:
                await fut
                return True
            finally:
                self._waiters.remove(fut)
        finally:
            cancelled = False
            while True:
                try:
                    await self.acquire()
                    break
                except CancelledError:
                    cancelled = True
            if cancelled:
                raise CancelledError

    async def wait_for(self, predicate):
        result = predicate()
        while not result:
            await self.wait()
            result = predicate()
        return result

    def notify(self, n=1):
        if not self.locked():
            raise RuntimeError('cannot notify on un-acquired lock')
        idx = 0
        for fut in self._waiters:
            if idx >= n:
                break
            if not fut.done():
                idx += 1
                fut.set_result(False)

    def notify_all(self):
        self.notify(len(self._waiters))


class Semaphore(_ContextManagerMixin):
    def __init__(self, value=1):
        if value < 0:
            raise ValueError("Semaphore initial value must be >= 0")
        self._waiters = None
        self._value = value

    def __repr__(self):
        extra = 'locked' if self.locked() else f'unlocked, value:{self._value}'
        if self._waiters:
            extra = f'{extra}, waiters:{len(self._waiters)}'
        return f'<asyncio.locks.{self.__class__.__name__} object at 0x{id(self):x} [{extra}]>'

    def locked(self):
        return self._value == 0 or (
            any(not w.cancelled() for w in (self._waiters or ())))

    async def acquire(self):
        if not self.locked():
            self._value -= 1
            return True
        if self._waiters is None:
            self._waiters = []
        fut = self._get_loop().create_future()
        self._waiters.append(fut)
        try:
            try:
                await fut
            finally:
                self._waiters.remove(fut)
        except CancelledError:
            if fut.done() and not fut.cancelled():
                self._value += 1
            raise
        finally:
            while self._value > 0:
                if not self._wake_up_next():
                    break
        return True

    def release(self):
        self._value += 1
        self._wake_up_next()

    def _wake_up_next(self):
        if not self._waiters:
            return False
        for fut in self._waiters:
            if not fut.done():
                self._value -= 1
                fut.set_result(True)
                return True
        return False


class BoundedSemaphore(Semaphore):
    def __init__(self, value=1):
        self._bound_value = value
        super().__init__(value)

    def release(self):
        if self._value >= self._bound_value:
            raise ValueError('BoundedSemaphore released too many times')
        super().release()


class Barrier(_LoopBound):
    def __init__(self, parties):
        if parties < 1:
            raise ValueError('parties must be > 0')
        self._cond = Condition()
        self._parties = parties
        self._state = 'filling'
        self._count = 0

    def __repr__(self):
        extra = f'{self._state}'
        if not self.broken:
            extra += f', waiters:{self.n_waiting}/{self.parties}'
        return f'<asyncio.locks.Barrier object at 0x{id(self):x} [{extra}]>'

    async def __aenter__(self):
        return await self.wait()

    async def __aexit__(self, *args):
        pass

    async def wait(self):
        async with self._cond:
            await self._block()
            try:
                index = self._count
                self._count += 1
                if index + 1 == self._parties:
                    await self._release()
                else:
                    await self._wait()
                return index
            finally:
                self._count -= 1
                self._exit()

    async def _block(self):
        await self._cond.wait_for(
            lambda: self._state not in ('draining', 'resetting'))
        if self._state == 'broken':
            raise BrokenBarrierError("Barrier aborted")

    async def _release(self):
        self._state = 'draining'
        self._cond.notify_all()

    async def _wait(self):
        await self._cond.wait_for(lambda: self._state != 'filling')
        if self._state in ('broken', 'resetting'):
            raise BrokenBarrierError("Abort or reset of barrier")

    def _exit(self):
        if self._count == 0:
            if self._state in ('resetting', 'draining'):
                self._state = 'filling'
            self._cond.notify_all()

    async def reset(self):
        async with self._cond:
            if self._count > 0:
                if self._state != 'resetting':
                    self._state = 'resetting'
            else:
                self._state = 'filling'
            self._cond.notify_all()

    async def abort(self):
        async with self._cond:
            self._state = 'broken'
            self._cond.notify_all()

    # Properties in CPython; computed here on lookup (gilvm has no property yet).
    def __getattr__(self, name):
        if name == 'parties':
            return self._parties
        if name == 'n_waiting':
            return self._count if self._state == 'filling' else 0
        if name == 'broken':
            return self._state == 'broken'
        raise AttributeError(f"'Barrier' object has no attribute '{name}'")


# ---------------------------------------------------------------- queues


class _Deque:
    """The two-ended buffer queues need (collections.deque is not in gilvm yet):
    a list with a moving head, compacted when half of it is consumed."""

    def __init__(self):
        self._items = []
        self._head = 0

    def __len__(self):
        return len(self._items) - self._head

    def __bool__(self):
        return len(self._items) > self._head

    def append(self, x):
        self._items.append(x)

    def popleft(self):
        if self._head >= len(self._items):
            raise IndexError('pop from an empty deque')
        x = self._items[self._head]
        self._items[self._head] = None
        self._head += 1
        if self._head > 32 and self._head * 2 > len(self._items):
            del self._items[:self._head]
            self._head = 0
        return x

    def remove(self, x):
        live = self._items[self._head:]
        live.remove(x)
        self._items = live
        self._head = 0

    def __iter__(self):
        return iter(self._items[self._head:])


class Queue(_LoopBound):
    def __init__(self, maxsize=0):
        self._maxsize = maxsize
        self.maxsize = maxsize
        self._getters = _Deque()
        self._putters = _Deque()
        self._unfinished_tasks = 0
        self._finished = Event()
        self._finished.set()
        self._init(maxsize)

    def _init(self, maxsize):
        self._queue = _Deque()

    def _get(self):
        return self._queue.popleft()

    def _put(self, item):
        self._queue.append(item)

    def _wakeup_next(self, waiters):
        while waiters:
            waiter = waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                break

    def __repr__(self):
        return f'<{type(self).__name__} at {id(self):#x} {self._format()}>'

    def __str__(self):
        return f'<{type(self).__name__} {self._format()}>'

    def _format(self):
        result = f'maxsize={self._maxsize!r}'
        if getattr(self, '_queue', None):
            result += f' _queue={list(self._queue)!r}'
        if self._getters:
            result += f' _getters[{len(self._getters)}]'
        if self._putters:
            result += f' _putters[{len(self._putters)}]'
        if self._unfinished_tasks:
            result += f' tasks={self._unfinished_tasks}'
        return result

    def qsize(self):
        return len(self._queue)

    def empty(self):
        return not self._queue

    def full(self):
        if self._maxsize <= 0:
            return False
        return self.qsize() >= self._maxsize

    async def put(self, item):
        while self.full():
            putter = self._get_loop().create_future()
            self._putters.append(putter)
            try:
                await putter
            except:
                putter.cancel()
                try:
                    self._putters.remove(putter)
                except ValueError:
                    pass
                if not self.full() and not putter.cancelled():
                    self._wakeup_next(self._putters)
                raise
        return self.put_nowait(item)

    def put_nowait(self, item):
        if self.full():
            raise QueueFull
        self._put(item)
        self._unfinished_tasks += 1
        self._finished.clear()
        self._wakeup_next(self._getters)

    async def get(self):
        while self.empty():
            getter = self._get_loop().create_future()
            self._getters.append(getter)
            try:
                await getter
            except:
                getter.cancel()
                try:
                    self._getters.remove(getter)
                except ValueError:
                    pass
                if not self.empty() and not getter.cancelled():
                    self._wakeup_next(self._getters)
                raise
        return self.get_nowait()

    def get_nowait(self):
        if self.empty():
            raise QueueEmpty
        item = self._get()
        self._wakeup_next(self._putters)
        return item

    def task_done(self):
        if self._unfinished_tasks <= 0:
            raise ValueError('task_done() called too many times')
        self._unfinished_tasks -= 1
        if self._unfinished_tasks == 0:
            self._finished.set()

    async def join(self):
        if self._unfinished_tasks > 0:
            await self._finished.wait()


class PriorityQueue(Queue):
    def _init(self, maxsize):
        self._queue = []

    def _put(self, item):
        _heappush(self._queue, item)

    def _get(self):
        return _heappop(self._queue)


class LifoQueue(Queue):
    def _init(self, maxsize):
        self._queue = []

    def _put(self, item):
        self._queue.append(item)

    def _get(self):
        return self._queue.pop()


# ---------------------------------------------------------------- transports and streams
# A socket transport (the selector loop's reader/writer callbacks over a non-blocking
# socket), Server, and the streams of CPython 3.11 on top of them.

_socket_module = None


def _socket_mod():
    global _socket_module
    if _socket_module is None:
        import socket
        _socket_module = socket
    return _socket_module


def _os_error(errno, message):
    """OSError(errno, message) as the subclass CPython's constructor picks."""
    cls = {
        111: ConnectionRefusedError, 104: ConnectionResetError, 103: ConnectionAbortedError,
        32: BrokenPipeError, 110: TimeoutError, 11: BlockingIOError, 115: BlockingIOError,
    }.get(errno, OSError)
    return cls(errno, message)


def _is_numeric_host(host):
    """Whether getaddrinfo can answer at once (no resolver round trip)."""
    if host is None or host == '':
        return True
    if isinstance(host, bytes):
        host = host.decode('ascii', 'replace')
    return _looks_numeric(host)


def _looks_numeric(host):
    if ':' in host:
        return all(c in '0123456789abcdefABCDEF:.%' for c in host)
    parts = host.split('.')
    return len(parts) == 4 and all(p.isdigit() for p in parts)


class BaseProtocol:
    def connection_made(self, transport):
        pass

    def connection_lost(self, exc):
        pass

    def pause_writing(self):
        pass

    def resume_writing(self):
        pass


class Protocol(BaseProtocol):
    def data_received(self, data):
        pass

    def eof_received(self):
        pass


class _SocketTransport:
    """A stream transport over a connected non-blocking socket."""

    max_size = 256 * 1024

    def __init__(self, loop, sock, protocol, waiter=None, extra=None, server=None):
        self._loop = loop
        self._sock = sock
        self._sock_fd = sock.fileno()
        self._protocol = protocol
        self._server = server
        self._buffer = bytearray()
        self._closing = False
        self._conn_lost = 0
        self._eof = False
        self._paused = False
        self._protocol_paused = False
        self._high_water = 64 * 1024
        self._low_water = 16 * 1024
        self._extra = {'socket': sock}
        try:
            self._extra['sockname'] = sock.getsockname()
        except OSError:
            self._extra['sockname'] = None
        try:
            self._extra['peername'] = sock.getpeername()
        except OSError:
            self._extra['peername'] = None
        if extra:
            self._extra.update(extra)
        if server is not None:
            server._attach()
        loop.call_soon(protocol.connection_made, self)
        loop.call_soon(self._add_reader)
        if waiter is not None:
            loop.call_soon(_set_result_unless_cancelled, waiter, None)

    def __repr__(self):
        state = ' closing' if self._closing else ''
        return f'<_SelectorSocketTransport fd={self._sock_fd}{state}>'

    def get_extra_info(self, name, default=None):
        return self._extra.get(name, default)

    def get_protocol(self):
        return self._protocol

    def set_protocol(self, protocol):
        self._protocol = protocol

    def is_closing(self):
        return self._closing

    def is_reading(self):
        return not self._paused and not self._closing

    def _add_reader(self):
        if not self._closing and not self._paused:
            self._loop.add_reader(self._sock_fd, self._read_ready)

    def pause_reading(self):
        if self._closing or self._paused:
            return
        self._paused = True
        self._loop.remove_reader(self._sock_fd)

    def resume_reading(self):
        if self._closing or not self._paused:
            return
        self._paused = False
        self._add_reader()

    def _read_ready(self):
        if self._conn_lost:
            return
        try:
            data = self._sock.recv(self.max_size)
        except (BlockingIOError, InterruptedError):
            return
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            self._fatal_error(exc, 'Fatal read error on socket transport')
            return
        if not data:
            self._loop.remove_reader(self._sock_fd)
            keep_open = self._protocol.eof_received()
            if not keep_open:
                self.close()
            return
        self._protocol.data_received(data)

    def write(self, data):
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError(f'data argument must be a bytes-like object, '
                            f'not {type(data).__name__!r}')
        if self._eof:
            raise RuntimeError('Cannot call write() after write_eof()')
        if not data:
            return
        if self._conn_lost:
            self._conn_lost += 1
            return
        if not self._buffer:
            try:
                n = self._sock.send(data)
            except (BlockingIOError, InterruptedError):
                n = 0
            except (SystemExit, KeyboardInterrupt):
                raise
            except BaseException as exc:
                self._fatal_error(exc, 'Fatal write error on socket transport')
                return
            data = memoryview(data)[n:]
            if not data:
                return
            self._loop.add_writer(self._sock_fd, self._write_ready)
        self._buffer.extend(data)
        self._maybe_pause_protocol()

    def writelines(self, list_of_data):
        self.write(b''.join(list_of_data))

    def _write_ready(self):
        if self._conn_lost:
            return
        try:
            n = self._sock.send(self._buffer)
        except (BlockingIOError, InterruptedError):
            return
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            self._loop.remove_writer(self._sock_fd)
            self._buffer.clear()
            self._fatal_error(exc, 'Fatal write error on socket transport')
            return
        if n:
            del self._buffer[:n]
        self._maybe_resume_protocol()
        if not self._buffer:
            self._loop.remove_writer(self._sock_fd)
            if self._closing:
                self._call_connection_lost(None)
            elif self._eof:
                self._sock.shutdown(_socket_mod().SHUT_WR)

    def _maybe_pause_protocol(self):
        if len(self._buffer) > self._high_water and not self._protocol_paused:
            self._protocol_paused = True
            self._protocol.pause_writing()

    def _maybe_resume_protocol(self):
        if self._protocol_paused and len(self._buffer) <= self._low_water:
            self._protocol_paused = False
            self._protocol.resume_writing()

    def get_write_buffer_size(self):
        return len(self._buffer)

    def get_write_buffer_limits(self):
        return (self._low_water, self._high_water)

    def set_write_buffer_limits(self, high=None, low=None):
        if high is None:
            high = 64 * 1024 if low is None else 4 * low
        if low is None:
            low = high // 4
        if not high >= low >= 0:
            raise ValueError(f'high ({high!r}) must be >= low ({low!r}) must be >= 0')
        self._high_water, self._low_water = high, low
        self._maybe_pause_protocol()

    def can_write_eof(self):
        return True

    def write_eof(self):
        if self._closing or self._eof:
            return
        self._eof = True
        if not self._buffer:
            self._sock.shutdown(_socket_mod().SHUT_WR)

    def close(self):
        if self._closing:
            return
        self._closing = True
        self._loop.remove_reader(self._sock_fd)
        if not self._buffer:
            self._conn_lost += 1
            self._loop.call_soon(self._call_connection_lost, None)

    def abort(self):
        self._force_close(None)

    def _fatal_error(self, exc, message):
        if not isinstance(exc, OSError):
            self._loop.call_exception_handler({
                'message': message, 'exception': exc, 'transport': self,
                'protocol': self._protocol})
        self._force_close(exc)

    def _force_close(self, exc):
        if self._conn_lost:
            return
        if self._buffer:
            self._buffer.clear()
            self._loop.remove_writer(self._sock_fd)
        if not self._closing:
            self._closing = True
            self._loop.remove_reader(self._sock_fd)
        self._conn_lost += 1
        self._loop.call_soon(self._call_connection_lost, exc)

    def _call_connection_lost(self, exc):
        try:
            self._protocol.connection_lost(exc)
        finally:
            self._sock.close()
            self._sock = None
            self._protocol = None
            server = self._server
            if server is not None:
                server._detach()
                self._server = None


class Server:
    """A listening server: `async with server`, `serve_forever`, `close`,
    `wait_closed`, `sockets`, `is_serving`."""

    def __init__(self, loop, sockets, protocol_factory, backlog):
        self._loop = loop
        self._sockets = sockets
        self._active_count = 0
        self._waiters = []
        self._protocol_factory = protocol_factory
        self._backlog = backlog
        self._serving = False
        self._serving_forever_fut = None

    def __repr__(self):
        return f'<{self.__class__.__name__} sockets={self.sockets!r}>'

    def _attach(self):
        self._active_count += 1

    def _detach(self):
        self._active_count -= 1
        if self._active_count == 0 and self._sockets is None:
            self._wakeup()

    def _wakeup(self):
        waiters = self._waiters
        self._waiters = None
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)

    def _start_serving(self):
        if self._serving:
            return
        self._serving = True
        for sock in self._sockets:
            sock.listen(self._backlog)
            self._loop.add_reader(sock.fileno(), self._accept_ready, sock)

    def _accept_ready(self, sock):
        for _ in range(self._backlog):
            try:
                conn, addr = sock.accept()
                conn.setblocking(False)
            except (BlockingIOError, InterruptedError, ConnectionAbortedError):
                return
            except OSError as exc:
                self._loop.call_exception_handler({
                    'message': 'socket.accept() out of system resource',
                    'exception': exc, 'socket': sock})
                return
            protocol = self._protocol_factory()
            _SocketTransport(self._loop, conn, protocol, extra={'peername': addr},
                             server=self)

    def get_loop(self):
        return self._loop

    def is_serving(self):
        return self._serving

    @property
    def sockets(self):
        if self._sockets is None:
            return ()
        return tuple(self._sockets)

    def close(self):
        sockets = self._sockets
        if sockets is None:
            return
        self._sockets = None
        for sock in sockets:
            if self._serving:
                self._loop.remove_reader(sock.fileno())
            sock.close()
        self._serving = False
        if (self._serving_forever_fut is not None
                and not self._serving_forever_fut.done()):
            self._serving_forever_fut.cancel()
            self._serving_forever_fut = None
        if self._active_count == 0:
            self._wakeup()

    async def start_serving(self):
        self._start_serving()
        await sleep(0)

    async def serve_forever(self):
        if self._serving_forever_fut is not None:
            raise RuntimeError(f'server {self!r} is already being awaited on serve_forever()')
        if self._sockets is None:
            raise RuntimeError(f'server {self!r} is closed')
        self._start_serving()
        self._serving_forever_fut = self._loop.create_future()
        try:
            await self._serving_forever_fut
        except CancelledError:
            try:
                self.close()
                await self.wait_closed()
            finally:
                raise
        finally:
            self._serving_forever_fut = None

    async def wait_closed(self):
        if self._sockets is None or self._waiters is None:
            return
        waiter = self._loop.create_future()
        self._waiters.append(waiter)
        await waiter

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        self.close()
        await self.wait_closed()


_DEFAULT_LIMIT = 2 ** 16


class FlowControlMixin(Protocol):
    """Pauses writers in drain() while the transport's buffer is over its limit."""

    def __init__(self, loop=None):
        self._loop = get_event_loop() if loop is None else loop
        self._paused = False
        self._drain_waiters = []
        self._connection_lost = False

    def pause_writing(self):
        self._paused = True

    def resume_writing(self):
        self._paused = False
        for waiter in self._drain_waiters:
            if not waiter.done():
                waiter.set_result(None)

    def connection_lost(self, exc):
        self._connection_lost = True
        if not self._paused:
            return
        for waiter in self._drain_waiters:
            if not waiter.done():
                if exc is None:
                    waiter.set_result(None)
                else:
                    waiter.set_exception(exc)

    async def _drain_helper(self):
        if self._connection_lost:
            raise ConnectionResetError('Connection lost')
        if not self._paused:
            return
        waiter = self._loop.create_future()
        self._drain_waiters.append(waiter)
        try:
            await waiter
        finally:
            self._drain_waiters.remove(waiter)

    def _get_close_waiter(self, stream):
        raise NotImplementedError


class StreamReaderProtocol(FlowControlMixin, Protocol):
    """Adapts a transport's callbacks to a StreamReader (and, for servers, calls
    client_connected_cb with a new reader and writer)."""

    def __init__(self, stream_reader, client_connected_cb=None, loop=None):
        super().__init__(loop=loop)
        self._stream_reader = stream_reader
        self._stream_writer = None
        self._task = None
        self._transport = None
        self._client_connected_cb = client_connected_cb
        self._closed = self._loop.create_future()

    def connection_made(self, transport):
        reader = self._stream_reader
        reader.set_transport(transport)
        self._transport = transport
        if self._client_connected_cb is not None:
            self._stream_writer = StreamWriter(transport, self, reader, self._loop)
            res = self._client_connected_cb(reader, self._stream_writer)
            if iscoroutine(res):
                self._task = self._loop.create_task(res)
            self._stream_reader_wr = None

    def connection_lost(self, exc):
        reader = self._stream_reader
        if reader is not None:
            if exc is None:
                reader.feed_eof()
            else:
                reader.set_exception(exc)
        if not self._closed.done():
            if exc is None:
                self._closed.set_result(None)
            else:
                self._closed.set_exception(exc)
        super().connection_lost(exc)
        self._stream_writer = None
        self._task = None
        self._transport = None

    def data_received(self, data):
        self._stream_reader.feed_data(data)

    def eof_received(self):
        self._stream_reader.feed_eof()
        return True

    def _get_close_waiter(self, stream):
        return self._closed

    def __del__(self):
        closed = getattr(self, '_closed', None)
        if closed is not None and closed.done() and not closed.cancelled():
            closed.exception()


class StreamWriter:
    """Writes to a transport; drain() waits while its buffer is full."""

    def __init__(self, transport, protocol, reader, loop):
        self._transport = transport
        self._protocol = protocol
        self._reader = reader
        self._loop = loop
        self._complete_fut = self._loop.create_future()
        self._complete_fut.set_result(None)

    def __repr__(self):
        info = [self.__class__.__name__, f'transport={self._transport!r}']
        if self._reader is not None:
            info.append(f'reader={self._reader!r}')
        return '<{}>'.format(' '.join(info))

    @property
    def transport(self):
        return self._transport

    def write(self, data):
        self._transport.write(data)

    def writelines(self, data):
        self._transport.writelines(data)

    def write_eof(self):
        return self._transport.write_eof()

    def can_write_eof(self):
        return self._transport.can_write_eof()

    def close(self):
        return self._transport.close()

    def is_closing(self):
        return self._transport.is_closing()

    async def wait_closed(self):
        await self._protocol._get_close_waiter(self)

    def get_extra_info(self, name, default=None):
        return self._transport.get_extra_info(name, default)

    async def drain(self):
        if self._reader is not None:
            exc = self._reader.exception()
            if exc is not None:
                raise exc
        if self._transport.is_closing():
            await sleep(0)
        await self._protocol._drain_helper()


class StreamReader:
    """Bytes arriving from a transport (or fed by hand), read by coroutines. Only one
    coroutine may wait for data at a time (CPython's RuntimeError)."""

    _source_traceback = None

    def __init__(self, limit=_DEFAULT_LIMIT, loop=None):
        if limit <= 0:
            raise ValueError('Limit cannot be <= 0')
        self._limit = limit
        self._loop = get_event_loop() if loop is None else loop
        self._buffer = bytearray()
        self._eof = False
        self._waiter = None
        self._exception = None
        self._transport = None
        self._paused = False

    def __repr__(self):
        info = ['StreamReader']
        if self._buffer:
            info.append(f'{len(self._buffer)} bytes')
        if self._eof:
            info.append('eof')
        if self._limit != _DEFAULT_LIMIT:
            info.append(f'limit={self._limit}')
        if self._waiter:
            info.append(f'waiter={self._waiter!r}')
        if self._exception:
            info.append(f'exception={self._exception!r}')
        if self._transport:
            info.append(f'transport={self._transport!r}')
        if self._paused:
            info.append('paused')
        return '<{}>'.format(' '.join(info))

    def exception(self):
        return self._exception

    def set_exception(self, exc):
        self._exception = exc
        waiter = self._waiter
        if waiter is not None:
            self._waiter = None
            if not waiter.cancelled():
                waiter.set_exception(exc)

    def _wakeup_waiter(self):
        waiter = self._waiter
        if waiter is not None:
            self._waiter = None
            if not waiter.cancelled():
                waiter.set_result(None)

    def set_transport(self, transport):
        assert self._transport is None, 'Transport already set'
        self._transport = transport

    def _maybe_resume_transport(self):
        if self._paused and len(self._buffer) <= self._limit:
            self._paused = False
            self._transport.resume_reading()

    def feed_eof(self):
        self._eof = True
        self._wakeup_waiter()

    def at_eof(self):
        return self._eof and not self._buffer

    def feed_data(self, data):
        assert not self._eof, 'feed_data after feed_eof'
        if not data:
            return
        self._buffer.extend(data)
        self._wakeup_waiter()
        if (self._transport is not None and not self._paused
                and len(self._buffer) > 2 * self._limit):
            try:
                self._transport.pause_reading()
            except NotImplementedError:
                self._transport = None
            else:
                self._paused = True

    async def _wait_for_data(self, func_name):
        if self._waiter is not None:
            raise RuntimeError(
                f'{func_name}() called while another coroutine is '
                f'already waiting for incoming data')
        assert not self._eof, '_wait_for_data after EOF'
        if self._paused:
            self._paused = False
            self._transport.resume_reading()
        self._waiter = self._loop.create_future()
        try:
            await self._waiter
        finally:
            self._waiter = None

    async def readline(self):
        sep = b'\n'
        try:
            line = await self.readuntil(sep)
        except IncompleteReadError as e:
            return e.partial
        except LimitOverrunError as e:
            if self._buffer.startswith(sep, e.consumed):
                del self._buffer[:e.consumed + len(sep)]
            else:
                self._buffer.clear()
            self._maybe_resume_transport()
            raise ValueError(e.args[0])
        return line

    async def readuntil(self, separator=b'\n'):
        seplen = len(separator)
        if seplen == 0:
            raise ValueError('Separator should be at least one-byte string')
        if self._exception is not None:
            raise self._exception
        offset = 0
        while True:
            buflen = len(self._buffer)
            if buflen - offset >= seplen:
                isep = self._buffer.find(separator, offset)
                if isep != -1:
                    break
                offset = buflen + 1 - seplen
                if offset > self._limit:
                    raise LimitOverrunError(
                        'Separator is not found, and chunk exceed the limit', offset)
            if self._eof:
                chunk = bytes(self._buffer)
                self._buffer.clear()
                raise IncompleteReadError(chunk, None)
            await self._wait_for_data('readuntil')
        if isep > self._limit:
            raise LimitOverrunError(
                'Separator is found, but chunk is longer than limit', isep)
        chunk = self._buffer[:isep + seplen]
        del self._buffer[:isep + seplen]
        self._maybe_resume_transport()
        return bytes(chunk)

    async def read(self, n=-1):
        if self._exception is not None:
            raise self._exception
        if n == 0:
            return b''
        if n < 0:
            blocks = []
            while True:
                block = await self.read(self._limit)
                if not block:
                    break
                blocks.append(block)
            return b''.join(blocks)
        if not self._buffer and not self._eof:
            await self._wait_for_data('read')
        data = bytes(self._buffer[:n])
        del self._buffer[:n]
        self._maybe_resume_transport()
        return data

    async def readexactly(self, n):
        if n < 0:
            raise ValueError('readexactly size can not be less than zero')
        if self._exception is not None:
            raise self._exception
        if n == 0:
            return b''
        while len(self._buffer) < n:
            if self._eof:
                incomplete = bytes(self._buffer)
                self._buffer.clear()
                raise IncompleteReadError(incomplete, n)
            await self._wait_for_data('readexactly')
        if len(self._buffer) == n:
            data = bytes(self._buffer)
            self._buffer.clear()
        else:
            data = bytes(self._buffer[:n])
            del self._buffer[:n]
        self._maybe_resume_transport()
        return data

    def __aiter__(self):
        return self

    async def __anext__(self):
        val = await self.readline()
        if val == b'':
            raise StopAsyncIteration
        return val


async def open_connection(host=None, port=None, *, limit=_DEFAULT_LIMIT, **kwds):
    """A (reader, writer) pair connected to host:port over TCP."""
    loop = get_running_loop()
    reader = StreamReader(limit=limit, loop=loop)
    protocol = StreamReaderProtocol(reader, loop=loop)
    transport, _ = await loop.create_connection(lambda: protocol, host, port, **kwds)
    writer = StreamWriter(transport, protocol, reader, loop)
    return reader, writer


async def start_server(client_connected_cb, host=None, port=None, *,
                       limit=_DEFAULT_LIMIT, **kwds):
    """A Server calling client_connected_cb(reader, writer) for each connection."""
    loop = get_running_loop()

    def factory():
        reader = StreamReader(limit=limit, loop=loop)
        return StreamReaderProtocol(reader, client_connected_cb, loop=loop)

    return await loop.create_server(factory, host, port, **kwds)


def _no_unix_streams(*args, **kwargs):
    raise NotImplementedError('asyncio Unix-socket streams are not supported by gilvm')


open_unix_connection = start_unix_server = _no_unix_streams


# ---------------------------------------------------------------- task lanes in traces
# Under `gilvm run --trace/--timeline` the loop reports each task's life to the
# native `_asyncio` hooks: created (ready), each step (when it ran, what it awaits
# next), woken (ready again). The traced methods replace the plain ones only in such
# a run, so an untraced run pays nothing for them.


def _trace_awaits(task):
    """What a suspended task waits on, as the coroutines it is inside name it:
    'sleep', 'Queue.get', 'helper > Event.wait', 'Task-3', 'gather', 'Future'."""
    names = []
    aw = getattr(task._coro, 'cr_await', None)
    while aw is not None and len(names) < 6:
        qual = getattr(aw, '__qualname__', None)
        if qual is None or not hasattr(aw, 'cr_await'):
            break
        names.append(qual)
        aw = aw.cr_await
    fut = task._fut_waiter
    if isinstance(fut, Task):
        names.append(fut.get_name())
    elif isinstance(fut, _GatheringFuture):
        names.append('gather')
    elif not names:
        names.append(type(fut).__name__ if fut is not None else 'Future')
    label = getattr(fut, '_trace_label', None)
    if label is not None:
        # The future's own label names the coroutine that awaits it (sleep).
        names[-1] = label
    return ' > '.join(names)


def _install_task_trace(native):
    trace_task = native._trace_task
    trace_ready = native._trace_ready
    step_begin = native._trace_step_begin
    step_end = native._trace_step_end
    trace_id = native._trace_id
    plain_loop_init = BaseEventLoop.__init__
    plain_task_init = Task.__init__
    plain_set_name = Task.set_name
    plain_step = Task._step

    def loop_init(self, selector=None):
        self._trace_id = trace_id()
        plain_loop_init(self, selector)

    def task_init(self, coro, *, loop=None, name=None, context=None):
        self._trace_id = 0
        plain_task_init(self, coro, loop=loop, name=name, context=context)
        self._trace_id = trace_id()
        trace_task(self._trace_id, getattr(self._loop, '_trace_id', 0), self._name)

    def set_name(self, value):
        plain_set_name(self, value)
        if self._trace_id:
            trace_task(self._trace_id, getattr(self._loop, '_trace_id', 0), self._name)

    def step(self, exc=None):
        tid = self._trace_id
        loop = self._loop
        step_begin(tid, getattr(loop, '_trace_id', 0))
        try:
            plain_step(self, exc)
        finally:
            slow = loop.slow_callback_duration
            fut = self._fut_waiter
            if self._state != _PENDING:
                if self._state == _CANCELLED:
                    after = 'cancelled'
                elif self._exception is not None:
                    after = 'raised ' + type(self._exception).__name__
                else:
                    after = 'done'
                step_end(tid, after, True, slow, None)
            elif fut is None:
                step_end(tid, '', False, slow, None)
            else:
                due = getattr(fut, '_trace_due', None)
                if due is not None:
                    due = due - loop.time()
                step_end(tid, _trace_awaits(self), False, slow, due)

    async def sleep(delay, result=None):
        """Suspends the calling task for `delay` seconds; sleep(0) only yields."""
        # The plain sleep, with its timer's deadline and delay left on the future.
        if delay <= 0:
            await _SLEEP0
            return result
        loop = get_running_loop()
        future = loop.create_future()
        h = loop.call_later(delay, _set_result_unless_cancelled, future, result)
        future._trace_due = h._when
        future._trace_label = f'sleep({delay!r})'
        try:
            return await future
        finally:
            h.cancel()

    sleep.__qualname__ = sleep.__name__ = 'sleep'

    BaseEventLoop.__init__ = loop_init
    Task.__init__ = task_init
    Task.set_name = set_name
    Task._step = step
    globals()['sleep'] = sleep


Future._asyncio_get_event_loop = get_event_loop
Future._asyncio_iscoroutine = iscoroutine
Future._asyncio_register_task = _register_task

try:
    import _asyncio
except ImportError:
    pass
else:
    if _asyncio._trace_on():
        _install_task_trace(_asyncio)


__all__ = [n for n in dir() if not n.startswith('_') and n not in ('sys',)]
