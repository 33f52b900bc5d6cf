# fnmatch, glob, shutil and tempfile over a scratch tree made in a temporary directory
# (sorted listings: directory order is the file system's).
import fnmatch
import glob
import os
import shutil
import tempfile

names = ["a.py", "b.txt", "C.PY", ".hidden.py", "data1.csv", "data22.csv", "x[1].py", "-dash"]
for pat in ("*.py", "*.PY", "?.txt", "data?.csv", "data*.csv", "[ab].*", "[!a]*", "x[[]1].py", "*",
            "[a-c]*", "[z-a]*", "[]]", "[!]]*", "[-]dash", "**.py", "*a*a*"):
    print(repr(pat), fnmatch.filter(names, pat))
print(fnmatch.fnmatch("FOO.py", "*.py"), fnmatch.fnmatchcase("foo.PY", "*.py"), fnmatch.fnmatch("a/b", "a*b"))
print(fnmatch.translate("*.py"), fnmatch.translate("?[abc][!x]"), fnmatch.translate("a.b"), fnmatch.translate("[x"))

with tempfile.TemporaryDirectory(prefix="gilvm-test-") as root:
    print(os.path.isdir(root), os.path.basename(root).startswith("gilvm-test-"), os.path.dirname(root) == tempfile.gettempdir())
    for rel in ("src/main.py", "src/util.py", "src/pkg/__init__.py", "src/pkg/mod.py", "docs/readme.txt",
                "docs/.secret.txt", "top.py"):
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(rel + "\n")
    os.chdir(root)
    print(sorted(glob.glob("*.py")), sorted(glob.glob("src/*.py")), sorted(glob.glob("*/*.txt")))
    print(sorted(glob.glob("**/*.py", recursive=True)))
    print(sorted(glob.glob("src/**", recursive=True)))
    print(sorted(glob.glob("docs/*", include_hidden=True)), glob.glob("nothing*"), glob.glob("top.py"))
    print(sorted(glob.glob("*.py", root_dir="src")), sorted(glob.iglob("s?c/p*/*.py")), glob.escape("a[b]*?.py"))
    print(glob.has_magic("a*"), glob.has_magic("plain"))

    print(shutil.copyfile("top.py", "copy.py"), open("copy.py").read(), end="")
    print(shutil.copy("top.py", "docs"), sorted(os.listdir("docs")))
    shutil.copytree("src", "src2")
    print(sorted(glob.glob("src2/**", recursive=True)))
    print(shutil.move("src2", "moved"), os.path.exists("src2"), sorted(os.listdir("moved")))
    print(shutil.move("copy.py", "moved"), os.path.exists("moved/copy.py"))
    shutil.rmtree("moved")
    print(os.path.exists("moved"), sorted(os.listdir(".")))
    try:
        shutil.copyfile("top.py", "top.py")
    except shutil.SameFileError as e:
        print("SameFileError", e)
    try:
        shutil.rmtree("no-such-dir")
    except FileNotFoundError as e:
        print("FileNotFoundError", e.errno)
    shutil.rmtree("no-such-dir", ignore_errors=True)
    print(shutil.which("sh") is not None, shutil.which("no-such-program-xyz"), shutil.which("top.py"))
    os.environ["COLUMNS"], os.environ["LINES"] = "100", "30"
    print(shutil.get_terminal_size(), shutil.get_terminal_size().columns)

    with tempfile.NamedTemporaryFile(dir=root, suffix=".dat", prefix="n-") as t:
        t.write(b"hello")
        t.flush()
        name = t.name
        print(os.path.exists(name), os.path.basename(name).startswith("n-"), name.endswith(".dat"), open(name, "rb").read())
    print(os.path.exists(name))
    t = tempfile.NamedTemporaryFile("w+", dir=root, delete=False)
    t.write("text")
    t.close()
    print(open(t.name).read(), os.path.exists(t.name))
    os.remove(t.name)
    d = tempfile.mkdtemp(dir=root, suffix="-d")
    print(os.path.isdir(d), d.endswith("-d"), os.path.isabs(d))
    td = tempfile.TemporaryDirectory(dir=root)
    print(os.path.isdir(td.name), repr(td).startswith("<TemporaryDirectory "))
    td.cleanup()
    print(os.path.exists(td.name), tempfile.gettempprefix())
    os.chdir(tempfile.gettempdir())
print(os.path.exists(root))
