# producer_consumer.py -- the safe way to share work between threads:
# queue.Queue.
#
# Three producers each put 1000 numbered jobs into one Queue; two consumers
# take jobs out until they receive a stop marker (None), and add up what
# they got. Queue does its own locking, so every job is delivered exactly
# once: no job is lost or taken twice, however the threads interleave.
# Each consumer adds into its own local total (no shared counter, so no
# race); the totals are combined after join(). q.join() waits until every
# job has been marked done with task_done().
#
# Output: fixed. Which consumer got how many jobs varies, so only the
# combined totals are printed.
import sys
import threading
import queue

PRODUCERS = 3
CONSUMERS = 2
JOBS_EACH = 1000


def main():
    q = queue.Queue()
    results = []                  # one (count, total) per consumer
    results_lock = threading.Lock()

    def producer(p):
        for i in range(JOBS_EACH):
            q.put(p * JOBS_EACH + i)

    def consumer():
        count = 0
        total = 0
        while True:
            job = q.get()
            if job is None:
                q.task_done()
                break
            count += 1
            total += job
            q.task_done()
        with results_lock:
            results.append((count, total))

    producers = [threading.Thread(target=producer, args=(p,), name=f"producer-{p}")
                 for p in range(PRODUCERS)]
    consumers = [threading.Thread(target=consumer, name=f"consumer-{c}")
                 for c in range(CONSUMERS)]
    for t in consumers + producers:
        t.start()
    for t in producers:
        t.join()
    q.join()                      # every job has been taken and marked done
    for _ in consumers:
        q.put(None)               # one stop marker per consumer
    for t in consumers:
        t.join()

    n = PRODUCERS * JOBS_EACH
    want_total = n * (n - 1) // 2
    got_count = sum([c for (c, t) in results])
    got_total = sum([t for (c, t) in results])
    print(f"{PRODUCERS} producers x {JOBS_EACH} jobs, {CONSUMERS} consumers")
    print(f"jobs produced: {n}, sum of job numbers: {want_total}")
    print(f"jobs consumed: {got_count}, sum of job numbers: {got_total}")
    print(f"consumers that reported: {len(results)}")
    if got_count == n and got_total == want_total and len(results) == CONSUMERS:
        print("every job was delivered exactly once")
    else:
        print("FAIL: jobs were lost or duplicated")
        sys.exit(1)


main()
