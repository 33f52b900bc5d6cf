# String operations: concatenation, repetition, comparison, iteration, immutability, unicode.
s = "hello"
print(s + " " + "world", s * 2, 2 * "ab", "-" * 10, len(s * 3))
print(s[0], s[-1], s[1:4], s[::-1], s[::2], s[:0] == "")
for ch in "abc":
    print(ch, ord(ch), end="; ")
print()
print("apple" < "banana", "Apple" < "apple", "a" * 3 == "aaa", "abc" == "ab" + "c")
try:
    s[0] = "H"
except TypeError as e:
    print("TypeError:", e)
t = s
s += "!"
print(s, t)
print(len("héllo"), "héllo".upper(), "ÉCOLE".lower(), "naïve"[2], ord("中"), chr(20013))
print(list("ab"), sorted("banana"), "".join(sorted("banana")), max("hello"), min("hello"))
words = "the quick brown fox".split()
print(" ".join(w.upper() for w in words), " ".join(w[::-1] for w in words))
print([w[0] for w in words], "".join(w[0] for w in words).upper())
caps = ""
for w in words:
    caps += w[0].upper() + w[1:] + " "
print(caps.rstrip())
print(str(12) * 2, "5" + str(5), int("5" * 3) + 1)
print("a" in "abc", "abc" in "abc", "" in "", "ac" in "abc")
vowels = sum(1 for c in "programming language" if c in "aeiou")
print("vowels:", vowels)
print("%" + "d", "100%", "{}%".format(50))
print(repr("multi\nline"), "\\n literal")
print(str(), repr(str()), len(" "), " ".strip() == "")
print("abc".upper().center(9, "="), "x".rjust(4, "0"))
palindromes = [w for w in ["racecar", "level", "hello", "noon", "a"] if w == w[::-1]]
print(palindromes)
print("a" < "b" < "c", "b" > "abc")
