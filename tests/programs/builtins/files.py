# open(): write a temp file, read it back with read, readline, iteration, with.
path = "/tmp/gilvm_test_files.txt"
f = open(path, "w")
n = f.write("first line\n")
f.write("second line\n")
f.write("third\n")
f.close()
print("wrote", n)
f = open(path)
print(repr(f.read()))
f.close()
with open(path, "r") as f:
    print(repr(f.readline()))
    print(repr(f.readline()))
    print(repr(f.readline()))
    print(repr(f.readline()))
with open(path) as f:
    for i, line in enumerate(f):
        print(i, line.rstrip())
with open(path) as f:
    lines = [l.strip() for l in f]
print(lines, len(lines))
with open(path, "a") as f:
    f.write("appended\n")
with open(path) as f:
    content = f.read()
print(content.splitlines(), content.count("\n"))
with open(path, "w") as f:
    for i in range(3):
        f.write(str(i * i) + "\n")
with open(path) as f:
    print(sum(int(l) for l in f))
with open(path, "w") as f:
    f.write("")
with open(path) as f:
    print(repr(f.read()), repr(f.readline()))
try:
    open("/tmp/gilvm_test_definitely_missing_dir/x.txt")
except FileNotFoundError as e:
    print("caught", type(e).__name__, isinstance(e, OSError))
with open(path, "w") as f:
    f.write("unicode é ✓\n")
with open(path) as f:
    print(f.read().strip())
