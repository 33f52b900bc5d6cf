# stringio_bench.py -- builds an N-line io.StringIO with write() (the pattern of a
# report or CSV built in memory), then reads it back with readline, iteration and
# getvalue; prints checksums. Quadratic writes made N=10^6 take minutes.
#
# Usage: stringio_bench.py [N]   (default N=1000)
# bench-size: 1000000
import io
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000

buf = io.StringIO()
for i in range(n):
    buf.write("line %d\n" % i)
print("tell", buf.tell())
text = buf.getvalue()
print("len", len(text), text.count("\n"))

buf.seek(0)
total = 0
for _ in range(n // 2):
    total += len(buf.readline())
print("readline", total, buf.tell())
rest = 0
for line in buf:
    rest += 1
print("iterated", rest)
buf.seek(0)
print("read", len(buf.read(100)), buf.tell())
print("truncate", buf.truncate(50), len(buf.getvalue()))
