# A file named like a module CPython imports before the program starts (io, os, abc,
# posixpath, ...) does not shadow it: python3 has it in sys.modules already, and
# gilvm takes its embedded copy first. Other names are found on sys.path as usual.
import os
import sys
import tempfile

d = tempfile.mkdtemp()
for name in ("io", "abc", "os", "posixpath", "mine"):
    with open(os.path.join(d, name + ".py"), "w") as f:
        f.write(f"print('the file {name}.py ran')\nSHADOW = True\n")
sys.path.insert(0, d)

import io
import abc
import posixpath

print([hasattr(m, "SHADOW") for m in (io, abc, os, posixpath)])
print(io.StringIO("x").read(), posixpath.join("a", "b"))
import mine
print(mine.SHADOW)

sys.path.remove(d)
for name in os.listdir(d):
    os.remove(os.path.join(d, name))
os.rmdir(d)
