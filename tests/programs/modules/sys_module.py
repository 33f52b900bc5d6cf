# args: alpha beta 3
# sys: argv (with `# args:`), stdout.write, stderr.write, recursion limit, exit inside try.
import sys
print(sys.argv[1:], len(sys.argv), sys.argv[0].endswith("sys_module.py"))
print(int(sys.argv[3]) * 2, "-".join(sys.argv[1:3]))
n = sys.stdout.write("written with sys.stdout.write\n")
print("write returned", n)
sys.stdout.write("no newline ")
sys.stdout.write("then newline\n")
sys.stderr.write("this goes to stderr\n")
print(sys.getrecursionlimit())
old = sys.getrecursionlimit()
sys.setrecursionlimit(old + 500)
print(sys.getrecursionlimit() - old)
sys.setrecursionlimit(old)
try:
    sys.exit(5)
except BaseException as e:
    print(type(e).__name__, "caught, args =", e.args)
try:
    sys.exit()
except BaseException as e:
    print("bare exit:", type(e).__name__, e.args)
try:
    sys.exit("text")
except BaseException as e:
    print("message exit:", e.args)
def cleanup_runs():
    try:
        sys.exit(0)
    finally:
        print("finally runs on sys.exit")
try:
    cleanup_runs()
except BaseException:
    print("caught again")
print("end")
