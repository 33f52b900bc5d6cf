# exit: 1
# stderr: fatal: configuration missing
# sys.exit with a string prints it to stderr and exits with status 1.
import sys
print("checking configuration")
sys.exit("fatal: configuration missing")
