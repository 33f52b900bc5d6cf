"""The sched module: a general-purpose event scheduler over a time function and a
delay function (time.monotonic and time.sleep by default), safe to use from threads."""

import heapq
import threading
from collections import namedtuple
from itertools import count
from time import monotonic as _time, sleep as _sleep

__all__ = ["scheduler"]

# Ordered as tuples are: by time, then priority, then the order of scheduling
# (`sequence`), so the action itself is never compared.
Event = namedtuple("Event", "time, priority, sequence, action, argument, kwargs")

_no_kwargs = object()


class scheduler:
    def __init__(self, timefunc=_time, delayfunc=_sleep):
        self._queue = []
        self._lock = threading.RLock()
        self.timefunc = timefunc
        self.delayfunc = delayfunc
        self._sequence = count()

    def enterabs(self, time, priority, action, argument=(), kwargs=_no_kwargs):
        if kwargs is _no_kwargs:
            kwargs = {}
        with self._lock:
            event = Event(time, priority, next(self._sequence), action, argument, kwargs)
            heapq.heappush(self._queue, event)
        return event

    def enter(self, delay, priority, action, argument=(), kwargs=_no_kwargs):
        return self.enterabs(self.timefunc() + delay, priority, action, argument, kwargs)

    def cancel(self, event):
        with self._lock:
            self._queue.remove(event)
            heapq.heapify(self._queue)

    def empty(self):
        with self._lock:
            return not self._queue

    def run(self, blocking=True):
        """Runs the due events in order, waiting with delayfunc for the next one; with
        blocking false, returns the delay until the next event (None when empty)."""
        lock = self._lock
        q = self._queue
        timefunc = self.timefunc
        delayfunc = self.delayfunc
        while True:
            with lock:
                if not q:
                    return None
                head = q[0]
                now = timefunc()
                due = head.time <= now
                if due:
                    heapq.heappop(q)
            if not due:
                if not blocking:
                    return head.time - now
                delayfunc(head.time - now)
            else:
                head.action(*head.argument, **head.kwargs)
                # A zero delay lets other threads run between events.
                delayfunc(0)

    @property
    def queue(self):
        with self._lock:
            events = self._queue[:]
        return [heapq.heappop(events) for _ in range(len(events))]
