# atexit: callbacks run at exit, newest first, with their arguments; unregister; a
# callback that raises is reported and the rest still run; also after sys.exit.
# exit: 3
# stderr: ValueError: from a callback
import atexit
import sys


def bye(who, punct="!"):
    print("bye", who + punct)


atexit.register(bye, "first")


@atexit.register
def decorated():
    print("decorated (registered second, runs second to last)")


def failing():
    raise ValueError("from a callback")


atexit.register(failing)
atexit.register(bye, "dropped")
atexit.unregister(bye)
atexit.register(bye, "last", punct="?")
atexit.register(sys.stdout.flush)
try:
    atexit.register(5)
except TypeError as e:
    print(e)
print("main ends")
sys.exit(3)
