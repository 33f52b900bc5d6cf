# exit: 3
# sys.exit with an integer status: no traceback, status 3.
import sys
print("before exit")
sys.exit(3)
print("never printed")
