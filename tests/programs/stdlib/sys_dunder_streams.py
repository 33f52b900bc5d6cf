# sys.__stdin__/__stdout__/__stderr__ are the start-up streams: the same objects as
# sys.stdin/stdout/stderr until a program replaces those, and what it restores them
# from afterwards.
import io
import sys

print(sys.__stdout__ is sys.stdout, sys.__stderr__ is sys.stderr, sys.__stdin__ is sys.stdin)
sys.stdout = io.StringIO()
print("captured")
captured = sys.stdout.getvalue()
sys.stdout = sys.__stdout__
print("restored:", repr(captured), sys.stdout is sys.__stdout__)
print(sys.__stdout__.name, sys.__stderr__.name, sys.__stdin__.name)
