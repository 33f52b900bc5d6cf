# eval, exec and compile, with globals/locals dicts, modes and errors.
print(eval("1 + 2 * 3"), eval("  x + 1", {"x": 41}), eval("y", {}, {"y": "local"}))
z = 5
def use_caller():
    w = 7
    return eval("w * z")
print(use_caller())
ns = {}
exec("a = 1\ndef g(n):\n    return n + a\nb = g(10)", ns)
print(ns["a"], ns["b"], sorted(k for k in ns if k != "__builtins__"), "__builtins__" in ns)
g, l = {"base": 100}, {}
exec("v = base + 1\nw = v * 2", g, l)
print(sorted(l.items()), "v" in g)
exec("import math\nr = math.sqrt(16)", g)
print(g["r"])
code = compile("q * 2", "<expr>", "eval")
print(type(code).__name__, eval(code, {"q": 21}))
stmts = compile("t = 3\nt += 1", "<stmts>", "exec")
env = {}
print(exec(stmts, env), env["t"])
for src in ("1 + 1", "None", "'shown'", "[1, 2]"):
    exec(compile(src, "<single>", "single"))
try:
    compile("1\n2", "<single>", "single")
except SyntaxError as e:
    print("SyntaxError", e.msg)
counter = {"n": 0}
exec("n += 1", counter)
exec("n += 1", counter)
print(counter["n"])
def exec_locals():
    loc = {}
    exec("inner = 5", None, loc)
    return loc
print(exec_locals())
for src, mode in [("1 +", "eval"), ("x = = 1", "exec"), ("def f(:", "exec"), ("  return 5", "exec")]:
    try:
        compile(src, "<bad>", mode)
    except SyntaxError as e:
        print("SyntaxError", e.msg, e.lineno, e.filename)
for bad in [lambda: eval(5), lambda: exec("1", 5), lambda: compile("1", "f", "bad"), lambda: eval("undefined_name")]:
    try:
        bad()
    except (TypeError, ValueError, NameError) as e:
        print(type(e).__name__, e)
print(eval("[i * i for i in range(4)]"), eval("(lambda k: k + 1)(1)"))
print(eval("__name__"), eval("__name__", {"__name__": "other"}))
