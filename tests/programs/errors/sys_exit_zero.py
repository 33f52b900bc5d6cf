# exit: 0
# sys.exit(0) and sys.exit() inside nested calls end the program successfully; finally runs.
import sys
def leave():
    try:
        print("leaving")
        sys.exit(0)
    finally:
        print("finally still runs")
leave()
print("not reached")
