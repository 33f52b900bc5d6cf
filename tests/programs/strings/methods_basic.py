# str methods: case, strip, split/join, replace, find/index, count.
s = "  Hello, World!  "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), repr("xxhixyx".strip("xy")), repr("--a--".lstrip("-")))
print("Hello".lower(), "Hello".upper(), "MiXeD".lower().upper())
print("a,b,,c".split(","), "a b  c".split(), "  lead trail  ".split(), "a,b,c".split(",", 1), "".split(), "".split(","))
print("a,b,c".rsplit(",", 1), "a b c d".rsplit(None, 2), "one".split("x"), "a::b::c".split("::"))
print("-".join(["a", "b", "c"]), "".join([]), ", ".join("xyz"), " ".join(str(i) for i in range(3)))
print("aaa".replace("a", "b"), "aaa".replace("a", "b", 2), "abc".replace("", "-"), "hello".replace("l", ""))
print("hello".find("l"), "hello".rfind("l"), "hello".find("z"), "hello".find("l", 3), "hello".find(""), "hello".find("lo", 1, 4))
print("hello".index("e"), "hello".rfind("h"), "abcabc".rfind("abc"))
print("banana".count("a"), "banana".count("an"), "banana".count("x"), "aaaa".count("aa"), "abc".count(""))
print("hello".startswith("he"), "hello".startswith("lo"), "hello".endswith("lo"), "hello".startswith(("x", "h")), "hello".endswith(""))
print("12".isdigit(), "1a".isdigit(), "".isdigit(), "abc".isalpha(), "ab1".isalpha(), " \t\n".isspace(), "".isspace(), "a b".isspace())
print("42".zfill(5), "-42".zfill(5), "abc".zfill(2), "ab".ljust(5) + "|", "ab".rjust(5), "ab".center(6), "ab".center(7, "*"), "x".ljust(3, "."))
print("line1\nline2\r\nline3".splitlines(), "a\n\nb\n".splitlines(), "".splitlines(), "no newline".splitlines())
print("{} and {}".format("x", "y"), "{1}{0}".format("a", "b"), "{name}!".format(name="hi"), "{:>4}|{:.2f}".format(7, 3.14159))
print("{0}{0}".format("ab"), "{} {}".format(1, [2]), "{!r}".format("q"), "{{}}".format())
print("title".upper()[0] + "title"[1:])
text = "the cat sat on the mat"
print(text.split(" ", 2), text.rsplit(" ", 2), text.count("the"), text.replace("the", "a", 1))
print("a-b_c".replace("-", " ").replace("_", " ").split())
print("x".join("abc"), "abc".upper().lower() == "abc", "ABC".isalpha())
print("tab\tsep".split("\t"), "  x  ".strip() == "x", "xyxhixyx".rstrip("xy"))
try:
    "abc".index("d")
except ValueError as e:
    print("ValueError:", e)
try:
    "".join([1, 2])
except TypeError as e:
    print("TypeError:", e)
