# tasks.py -- workload for `gilvm bench`: io.py's work done by asyncio tasks instead
# of threads. N tasks (sys.argv[1], default 4) on one event loop, in one thread, each
# do ROUNDS rounds (times the optional sys.argv[2], which `gilvm bench` calibrates so a
# one-task run lasts about 300 ms) of `await asyncio.sleep` and a small file read.
# The sleeps overlap as io.py's threads' do, but only at the awaits: the reads run one
# task at a time, on the loop's thread, without any GIL hand-over. The read is this
# program's own source (nothing written, so side-by-side benches cannot disturb each
# other). Counts are verified; a wrong count exits with 1.
# Prints key=value lines; seconds and cpu_seconds vary. threads= is the task count
# (the bench grid's thread axis), work= the rounds done in all (N * ROUNDS).
# output: varies
import asyncio
import sys
import time

ROUNDS = 5
SLEEP = 0.01
PATH = __file__


async def main(n):
    with open(PATH) as f:
        words = len(f.read().split())
    reads = [0] * n
    lines = [0] * n

    async def worker(k):
        for _ in range(ROUNDS):
            await asyncio.sleep(SLEEP)
            with open(PATH) as f:
                text = f.read()
            reads[k] += 1
            lines[k] += len(text.split())

    t0 = time.perf_counter()
    c0 = time.process_time()
    await asyncio.gather(*(worker(k) for k in range(n)))
    secs = time.perf_counter() - t0
    cpu_secs = time.process_time() - c0
    print(f"threads={n}")
    print(f"reads={sum(reads)}")
    print(f"lines={sum(lines)}")
    print(f"work={sum(reads)}")
    print(f"seconds={secs:.4f}")
    print(f"cpu_seconds={cpu_secs:.4f}")
    if sum(reads) != n * ROUNDS or sum(lines) != n * ROUNDS * words:
        print("error=wrong number of reads or lines")
        sys.exit(1)
    print("ok=1")


if __name__ == "__main__":
    n = 4
    if len(sys.argv) > 1:
        n = int(sys.argv[1])
    if len(sys.argv) > 2:
        ROUNDS *= int(sys.argv[2])
    asyncio.run(main(n))
