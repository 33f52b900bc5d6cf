# str.maketrans and str.translate: the three maketrans forms, every mapping kind
# (int, str, None, missing), tables that are not dicts, and CPython's errors.
t = str.maketrans("ab", "cd", "e")
print(t, "abcde".translate(t), "abc".translate({97: "XX", 98: None}), "".translate(t))
print(str.maketrans({"a": "1", 98: "22", "c": None}), "abcabc".translate(str.maketrans({"a": "1", 98: "22", "c": None})))
print("hello world".translate(str.maketrans("lo", "01")), "héllo".translate({ord("é"): "e"}), "abc".maketrans("a", "b"))
print("abc".translate("xyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyz"))


class Upper:
    def __getitem__(self, k):
        if chr(k) in "aeiou":
            return chr(k).upper()
        raise LookupError(k)


print("education".translate(Upper()), "abc".translate([]), "abc".translate({97: 0x1F600}))
print("punctuation, removed! really?".translate(str.maketrans("", "", ",!?")))
for f in (lambda: str.maketrans(1), lambda: str.maketrans({"ab": 1}), lambda: str.maketrans({1.5: 1}),
          lambda: str.maketrans("a", "bc"), lambda: str.maketrans("a", 1), lambda: "a".translate({97: 1.5}),
          lambda: "a".translate({97: -1}), lambda: str.maketrans(), lambda: str.maketrans("a", "b", "c", "d"),
          lambda: "a".translate(5)):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
