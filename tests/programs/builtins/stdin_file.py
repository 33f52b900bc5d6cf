# sys.stdin is a text file: readline (with a size), iteration, read(n), read(),
# readlines (with a hint), all sharing one buffer with input().
import sys

print(repr(sys.stdin.readline()))
print(repr(input()))
print(repr(sys.stdin.readline(3)))
print(repr(sys.stdin.readline()))
n = 0
for line in sys.stdin:
    n += 1
    print(n, repr(line))
    if line.startswith("stop"):
        break
print(repr(sys.stdin.read(5)))
print(repr(sys.stdin.read(3)))
print(sys.stdin.readlines(1))
print(repr(input("prompt> ")))
rest = sys.stdin.read()
print(repr(rest))
print(repr(sys.stdin.read()), repr(sys.stdin.readline()), sys.stdin.readlines())
print(sys.stdin.readable(), sys.stdin.writable(), sys.stdin.fileno(), sys.stdin.name, sys.stdin.mode)
print(sys.stdout.writable(), sys.stdout.readable(), sys.stderr.fileno())
try:
    input()
except EOFError as e:
    print("EOFError:", e)
for line in sys.stdin:
    print("never", line)
print("done")
