# sched: a scheduler driven by a fake clock (deterministic): ordering by time, then
# priority, then scheduling order; cancel, queue, run(blocking=False), kwargs, events
# scheduled from inside actions, and the errors.
import sched

now = [0.0]
delays = []


def clock():
    return now[0]


def delay(d):
    delays.append(d)
    now[0] += d


s = sched.scheduler(clock, delay)
log = []


def act(name, **kw):
    log.append((now[0], name, kw))


e1 = s.enter(5, 2, act, ("five-low",))
e2 = s.enter(5, 1, act, ("five-high",))
e3 = s.enterabs(2, 1, act, argument=("two",), kwargs={"k": 1})
e4 = s.enter(5, 1, act, ("five-high-second",))
e5 = s.enter(9, 1, act, ("nine",))
print(repr(e3._replace(action=None)))
print([e.argument[0] for e in s.queue])
print(e2 < e4, e3 < e1, e1 == e1, s.empty())
s.cancel(e5)
try:
    s.cancel(e5)
except ValueError as e:
    print("ValueError", e)
print(s.run(blocking=False), log)
s.run()
for entry in log:
    print(entry)
print(delays, s.empty(), s.run(), s.run(False))

# Actions that schedule more events.
log.clear()


def chain(n):
    log.append((now[0], n))
    if n < 3:
        s.enter(1.5, 0, chain, (n + 1,))


s.enter(0, 0, chain, (0,))
s.run()
print(log, now[0])
print(sched.Event._fields, sched.__all__)

# An exception in an action propagates; the event is already removed.
def boom():
    raise RuntimeError("boom")


s.enter(1, 0, boom)
s.enter(2, 0, act, ("after",))
try:
    s.run()
except RuntimeError as e:
    print("RuntimeError", e, len(s.queue))
s.run()
print(log[-1][1])
try:
    s.enter(1, 0)
except TypeError as e:
    print("TypeError", e)
