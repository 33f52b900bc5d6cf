# exit: 1
# stderr: ImportError: attempted relative import with no known parent package
from . import sibling
