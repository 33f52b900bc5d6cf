# Two-node reference cycles made and dropped in a loop (issue 9's figure): only the
# cycle collector can free them. scripts/gc-rss runs it at 10**6 against python3
# and compares peak RSS; the corpus runs it at the default size.
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000


class N:
    pass


for i in range(n):
    a = N()
    b = N()
    a.o = b
    b.o = a
print("made", n, "cycles")
