# api_thread.py -- the threading.Thread API and the module-level helpers.
#
# Thread(target, args, kwargs, name, daemon), a subclass overriding run(),
# start/join/join(timeout)/is_alive, name/ident/daemon, current_thread,
# main_thread, get_ident, active_count, enumerate, and the RuntimeErrors for
# misuse. Output is deterministic (no idents or reprs are printed).
import threading
import time

log = []


def target(a, b, c=0, d=0):
    log.append(("target", a, b, c, d, threading.current_thread().name))


t = threading.Thread(target=target, args=(1, 2), kwargs={"c": 3, "d": 4}, name="worker-A")
print("name:", t.name, "ident before start:", t.ident, "alive:", t.is_alive())
print("daemon default:", t.daemon)
t.start()
t.join()
print(log.pop())
print("alive after join:", t.is_alive(), "ident is int:", isinstance(t.ident, int))

auto = threading.Thread(target=target, args=(5, 6))
print("auto name:", auto.name)
auto.start()
auto.join()
print(log.pop())


class Counter(threading.Thread):
    def __init__(self, n):
        threading.Thread.__init__(self)
        self.n = n
        self.total = 0
        self.seen_ident = None

    def run(self):
        for i in range(self.n):
            self.total += i
        self.seen_ident = threading.get_ident()


c = Counter(100)
print("subclass name:", c.name)
c.start()
c.join()
print("subclass total:", c.total, "ident matches:", c.seen_ident == c.ident)

gate = threading.Event()
waiters = [threading.Thread(target=gate.wait, name="waiter-" + str(i)) for i in range(3)]
for w in waiters:
    w.start()
print("active_count:", threading.active_count())
print("enumerate:", sorted(x.name for x in threading.enumerate()))
waiters[0].join(0.05)
print("join(timeout) returned, still alive:", waiters[0].is_alive())
gate.set()
for w in waiters:
    w.join()
print("after set, alive:", [w.is_alive() for w in waiters])
print("active_count:", threading.active_count())

print("main_thread name:", threading.main_thread().name)
print("current_thread is main_thread:", threading.current_thread() is threading.main_thread())
print("get_ident == main ident:", threading.get_ident() == threading.main_thread().ident)
idents = []
all_in = threading.Barrier(4)


def rec():
    idents.append(threading.get_ident())
    all_in.wait()


ts = [threading.Thread(target=rec) for i in range(4)]
for x in ts:
    x.start()
for x in ts:
    x.join()
print("distinct idents:", len(set(idents + [threading.get_ident()])))

d = threading.Thread(target=time.sleep, args=(0.01,), daemon=True)
print("daemon arg:", d.daemon)
d.start()
try:
    d.daemon = False
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    d.start()
except RuntimeError as e:
    print("RuntimeError:", e)
d.join()
try:
    threading.Thread(target=time.sleep, args=(0,)).join()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    threading.current_thread().join()
except RuntimeError as e:
    print("RuntimeError:", e)
nd = threading.Thread(target=time.sleep, args=(0,))
nd.daemon = True
print("daemon set before start:", nd.daemon)
nd.start()
nd.join()

forever = threading.Event()
blocked = threading.Thread(target=forever.wait, daemon=True)
blocked.start()
print("a daemon thread blocked forever does not keep the program alive")
