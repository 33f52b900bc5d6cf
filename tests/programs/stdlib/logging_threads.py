# logging from 8 threads: the handler's lock makes each record whole even when the
# stream writes a character at a time and gives up the GIL between characters.
import logging
import threading
import time


class SlowStream:
    def __init__(self):
        self.chars = []

    def write(self, s):
        for i, ch in enumerate(s):
            self.chars.append(ch)
            if i % 3 == 0:
                time.sleep(0)  # a switch point in the middle of a record

    def flush(self):
        pass


stream = SlowStream()
handler = logging.StreamHandler(stream)
handler.setFormatter(logging.Formatter("%(threadName)s|%(funcName)s|%(message)s"))
log = logging.getLogger("threads")
log.addHandler(handler)
log.setLevel(logging.INFO)
log.propagate = False
N = 8
PER = 50
start = threading.Barrier(N)


def worker(k):
    start.wait()
    for i in range(PER):
        log.info("record %d of worker %d ends here", i, k)


threads = [threading.Thread(target=worker, args=(k,), name="w%d" % k) for k in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
lines = "".join(stream.chars).split("\n")
print(len(lines), repr(lines[-1]))
whole = 0
per_thread = {}
for line in lines[:-1]:
    name, func, msg = line.split("|")
    words = msg.split()
    if func == "worker" and words[0] == "record" and name == "w" + words[4] and msg.endswith("ends here"):
        whole += 1
        per_thread.setdefault(name, []).append(int(words[1]))
print("whole records:", whole, "of", N * PER)
print(sorted(per_thread), all(v == list(range(PER)) for v in per_thread.values()))
