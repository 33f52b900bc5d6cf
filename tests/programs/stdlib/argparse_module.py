# argparse: parsing (positionals, options, nargs, actions, types, choices, defaults,
# groups, subparsers), help and usage text, and errors (caught as SystemExit here).
import argparse
import os
os.environ["COLUMNS"] = "80"  # the help width, whatever the terminal
import io
import sys


def run(parser, args):
    """Parses args; prints the namespace, or what the parser wrote and its exit code."""
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        ns = parser.parse_args(args)
        code = None
    except SystemExit as e:
        ns = None
        code = e.code
    finally:
        sys.stdout, sys.stderr = old
    if ns is not None:
        print(ns)
    if out.getvalue():
        print("stdout:", out.getvalue(), end="")
    if err.getvalue():
        print("stderr:", err.getvalue(), end="")
    if code is not None:
        print("exit", code)


p = argparse.ArgumentParser(prog="demo", description="A demo of the common subset.",
                            epilog="See the docs for more.")
p.add_argument("src", help="source file")
p.add_argument("dst", nargs="?", default="out.txt", help="destination (default: %(default)s)")
p.add_argument("-n", "--count", type=int, default=3, help="how many times")
p.add_argument("-v", "--verbose", action="count", default=0, help="more output")
p.add_argument("-q", "--quiet", action="store_true", help="less output")
p.add_argument("--no-color", dest="color", action="store_false", help="plain text")
p.add_argument("--mode", choices=["fast", "slow"], default="fast", help="speed")
p.add_argument("-I", "--include", action="append", metavar="DIR", help="search path")
p.add_argument("--const", action="store_const", const=42, help="store 42")
p.add_argument("--pair", nargs=2, type=float, metavar=("X", "Y"), help="a point")
p.add_argument("--tags", nargs="*", help="any number of tags")
p.add_argument("--files", nargs="+", help="one or more files")
p.add_argument("--level", nargs="?", const="high", default="none", help="optional value")
run(p, ["a.txt"])
run(p, ["a.txt", "b.txt", "-n", "5", "-vvv", "-q", "--no-color", "--mode", "slow"])
run(p, ["-I", "x", "--include=y", "-Iz", "a", "--const", "--pair", "1", "2.5"])
run(p, ["a", "--tags", "--files", "f1", "f2", "--level"])
run(p, ["a", "--tags", "t1", "t2", "--level", "low", "--count=7", "--verb"])
run(p, ["--", "-weird"])
run(p, ["-n-3", "x"])
run(p, ["-h"])
run(p, [])
run(p, ["a", "b", "c"])
run(p, ["a", "-n", "x"])
run(p, ["a", "--mode", "medium"])
run(p, ["a", "-n"])
run(p, ["a", "--pair", "1"])
run(p, ["a", "--files"])
run(p, ["a", "--bogus"])
run(p, ["a", "--quiet=yes"])
run(p, ["a", "--co"])
print(p.format_usage(), end="")

# positional nargs
q = argparse.ArgumentParser(prog="pos")
q.add_argument("first", type=int)
q.add_argument("middle", nargs="*")
q.add_argument("last", nargs=2)
run(q, ["1", "a", "b", "c", "d"])
run(q, ["1", "c", "d"])
run(q, ["1", "c"])
run(q, ["x", "c", "d"])
q.print_help()

r = argparse.ArgumentParser(prog="plus")
r.add_argument("items", nargs="+", type=str.upper)
r.add_argument("--sep", default="-")
run(r, ["a", "b", "--sep", ":", "c"])
run(r, [])

# version, set_defaults, get_default, Namespace, parse_known_args
v = argparse.ArgumentParser(prog="ver", add_help=False)
v.add_argument("--version", action="version", version="%(prog)s 1.2.3")
v.add_argument("--x", type=int, default="7")
v.set_defaults(func="handler", x=9)
print(v.get_default("x"), v.get_default("func"), v.get_default("nope"))
run(v, [])
run(v, ["--version"])
print(v.parse_known_args(["--x", "1", "extra", "--other"]))
ns = argparse.Namespace(a=1, b="two")
print(ns, ns == argparse.Namespace(a=1, b="two"), "a" in ns, vars(ns))

# groups and mutual exclusion
g = argparse.ArgumentParser(prog="grp")
grp = g.add_argument_group("network", "Options for the network.")
grp.add_argument("--host", default="localhost", help="server host")
grp.add_argument("--port", type=int, default=8080, help="server port")
mx = g.add_mutually_exclusive_group()
mx.add_argument("--json", action="store_true", help="JSON output")
mx.add_argument("--xml", action="store_true", help="XML output")
run(g, ["--port", "99", "--json"])
run(g, ["--json", "--xml"])
run(g, ["--help"])
req = argparse.ArgumentParser(prog="req")
rmx = req.add_mutually_exclusive_group(required=True)
rmx.add_argument("-a", action="store_true")
rmx.add_argument("-b", action="store_true")
req.add_argument("--name", required=True)
run(req, ["--name", "x"])
run(req, ["-a"])
run(req, ["-a", "--name", "n"])

# subparsers
s = argparse.ArgumentParser(prog="git")
s.add_argument("--debug", action="store_true")
sub = s.add_subparsers(dest="command", help="sub-command help")
c1 = sub.add_parser("commit", help="record changes")
c1.add_argument("-m", "--message", required=True)
c1.add_argument("--amend", action="store_true")
c2 = sub.add_parser("push", help="update remote")
c2.add_argument("remote", nargs="?", default="origin")
run(s, ["commit", "-m", "hi"])
run(s, ["--debug", "push", "upstream"])
run(s, ["push"])
run(s, [])
run(s, ["pull"])
run(s, ["commit"])
run(s, ["-h"])
run(s, ["commit", "-h"])

# formatter classes, long lines, metavar, help=SUPPRESS
f = argparse.ArgumentParser(prog="fmt", formatter_class=argparse.ArgumentDefaultsHelpFormatter,
                            description="This description is long enough that it has to be "
                                        "wrapped over more than one line by the formatter.")
f.add_argument("--alpha", default=1, help="the first option, with help text that goes on and on "
               "until it too has to be wrapped onto a second line")
f.add_argument("--a-very-long-option-name-indeed", metavar="VALUE", help="long invocation")
f.add_argument("--hidden", help=argparse.SUPPRESS)
f.add_argument("--bool", action=argparse.BooleanOptionalAction, default=False, help="a flag")
f.add_argument("numbers", nargs="*", type=int, default=[1, 2], help="some numbers")
run(f, ["-h"])
run(f, ["--no-bool", "4", "5"])
raw = argparse.ArgumentParser(prog="raw", formatter_class=argparse.RawTextHelpFormatter,
                              description="line one\n  line two indented")
raw.add_argument("--opt", help="first\nsecond")
raw.print_help()
many = argparse.ArgumentParser(prog="many")
for name in ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]:
    many.add_argument("--" + name, metavar=name.upper())
many.add_argument("inputs", nargs="+")
many.print_usage()


def positive(text):
    n = int(text)
    if n <= 0:
        raise argparse.ArgumentTypeError(f"{text} is not positive")
    return n


t = argparse.ArgumentParser(prog="typ")
t.add_argument("n", type=positive)
run(t, ["5"])
run(t, ["-5"])
run(t, ["0"])


class Upper(argparse.Action):
    def __call__(self, parser, namespace, values, option_string=None):
        setattr(namespace, self.dest, values.upper())


u = argparse.ArgumentParser(prog="act")
u.add_argument("--name", action=Upper)
u.add_argument("--ext", action="extend", nargs="+")
u.add_argument("--c", action="append_const", const=1, dest="cs")
run(u, ["--name", "bob", "--ext", "a", "b", "--ext", "c", "--c", "--c"])
noexit = argparse.ArgumentParser(prog="noexit", exit_on_error=False)
noexit.add_argument("--n", type=int)
try:
    noexit.parse_args(["--n", "x"])
except argparse.ArgumentError as e:
    print("ArgumentError:", e)
for bad in (dict(args=("x",), kwargs=dict(required=True)), dict(args=("--z",), kwargs=dict(action="nope")),
            dict(args=("-q",), kwargs={})):
    try:
        p.add_argument(*bad["args"], **bad["kwargs"])
    except Exception as e:
        print(type(e).__name__, e)
