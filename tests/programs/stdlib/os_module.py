# os and os.path: the path functions (pure and on a scratch tree made here), stat,
# listdir/scandir/walk, makedirs/removedirs/rename/remove, environ/getenv, errors.
import os
import os.path
from os import path as osp

print(os.sep, os.pathsep, os.curdir, os.pardir, os.extsep, os.linesep == "\n", os.name, os.devnull, os.altsep)
print(os.path is osp, osp.join("a", "b", "c"), osp.join("/a", "/b", "c"), osp.join("a/", "b"), osp.join("", "x"), osp.join("a", ""))
for p in ["/usr/lib/python3.11/os.py", "file.tar.gz", ".bashrc", "a/b/", "/", "", "a//b", "//x", "..", "a/.b.c", "a.b/c"]:
    print(repr(p), osp.split(p), osp.splitext(p), repr(osp.basename(p)), repr(osp.dirname(p)), osp.isabs(p))
for p in ["a//b/./c/../d", "/../x", "../../y", "./", "//a//b", "///a", "a/b/..", "", "/.", "a/../.."]:
    print(repr(p), repr(osp.normpath(p)))
print(osp.commonprefix(["/usr/lib", "/usr/local", "/usr/libexec"]), repr(osp.commonprefix([])))
print(osp.commonpath(["/usr/lib", "/usr/local/bin", "/usr/lib/x"]), osp.commonpath(["a/b", "a/c"]))
print(osp.relpath("/a/b/c", "/a/d"), osp.relpath("/a", "/a"), osp.relpath("/x/y", "/"), osp.splitdrive("/a/b"))
os.environ["GILVM_TEST_HOME"] = "/home/tester"
print(os.environ["GILVM_TEST_HOME"], os.getenv("GILVM_TEST_HOME"), os.getenv("GILVM_NOPE"), os.getenv("GILVM_NOPE", "dflt"), "GILVM_TEST_HOME" in os.environ)
print(osp.expandvars("$GILVM_TEST_HOME/x ${GILVM_TEST_HOME}y $GILVM_NOPE ${GILVM_NOPE} $ $1"), osp.expanduser("no tilde"))
old_home = os.environ.get("HOME")
os.environ["HOME"] = "/home/tester/"
print(osp.expanduser("~"), osp.expanduser("~/docs"), osp.expanduser("~nosuchuserxyz/q"))
del os.environ["GILVM_TEST_HOME"]
print(os.getenv("GILVM_TEST_HOME"), os.environ.pop("GILVM_NOPE", "gone"))
try:
    os.environ["GILVM_NOPE"]
except KeyError as e:
    print("KeyError", e)

base = os.path.abspath("_os_scratch_" + str(os.getpid()))
print(osp.isabs(base), osp.basename(base).startswith("_os_scratch_"), osp.exists(base))
os.makedirs(osp.join(base, "a", "b"))
os.makedirs(osp.join(base, "a", "b"), exist_ok=True)
try:
    os.makedirs(osp.join(base, "a"))
except FileExistsError as e:
    print("FileExistsError", e.errno, e.strerror, osp.basename(e.filename))
with open(osp.join(base, "a", "f.txt"), "w") as f:
    f.write("hello")
with open(osp.join(base, "top.txt"), "w") as f:
    f.write("12345678")
print(sorted(os.listdir(base)), osp.isdir(osp.join(base, "a")), osp.isfile(osp.join(base, "a")), osp.isfile(osp.join(base, "top.txt")))
print(osp.getsize(osp.join(base, "top.txt")), os.stat(osp.join(base, "a", "f.txt")).st_size, osp.islink(base), osp.lexists(base))
st = os.stat(osp.join(base, "top.txt"))
print(st.st_size, st[6], len(st), st.st_mtime > 1e9, isinstance(st.st_mtime_ns, int), osp.getmtime(osp.join(base, "top.txt")) == st.st_mtime)
print(sorted((e.name, e.is_dir(), e.is_file()) for e in os.scandir(base)))
with os.scandir(base) as it:
    print(sorted(e.path == osp.join(base, e.name) for e in it))
for dirpath, dirnames, filenames in os.walk(base):
    dirnames.sort()
    print(osp.relpath(dirpath, base), dirnames, sorted(filenames))
print([osp.relpath(d, base) for d, _, _ in os.walk(base, topdown=False)])
os.rename(osp.join(base, "top.txt"), osp.join(base, "moved.txt"))
print(sorted(os.listdir(base)))
os.remove(osp.join(base, "moved.txt"))
os.unlink(osp.join(base, "a", "f.txt"))
for bad in [lambda: os.remove(osp.join(base, "nothing")), lambda: os.listdir(osp.join(base, "zz")),
            lambda: os.rmdir(osp.join(base, "a")), lambda: os.stat(""), lambda: os.mkdir(base),
            lambda: os.chdir(osp.join(base, "none")), lambda: os.stat(5.5)]:
    try:
        bad()
    except (OSError, TypeError) as e:
        print(type(e).__name__, str(e).replace(base, "<base>"))
os.removedirs(osp.join(base, "a", "b"))
print(osp.exists(base))
here = os.getcwd()
os.chdir("/")
print(os.getcwd())
os.chdir(here)
print(os.getcwd() == here, isinstance(os.getpid(), int), os.cpu_count() >= 1, osp.realpath(".") == here)
print(os.fspath("p"), osp.abspath("x/../y") == osp.join(here, "y"))


class P:
    def __fspath__(self):
        return "/tmp/p"


print(os.fspath(P()), osp.basename(P()), osp.join(P(), "q"))
try:
    os.fspath(3)
except TypeError as e:
    print("TypeError", e)
if old_home is not None:
    os.environ["HOME"] = old_home
