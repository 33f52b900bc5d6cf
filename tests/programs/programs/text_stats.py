# Whole program: text statistics over a triple-quoted string.
TEXT = """It was the best of times, it was the worst of times,
it was the age of wisdom, it was the age of foolishness,
it was the epoch of belief, it was the epoch of incredulity,
it was the season of Light, it was the season of Darkness.

Short line.
"""
lines = TEXT.splitlines()
print("lines:", len(lines), "non-empty:", len([l for l in lines if l.strip()]))
print("chars:", len(TEXT), "letters:", sum(1 for c in TEXT if c.isalpha()), "spaces:", TEXT.count(" "))
def words_of(text):
    out = []
    for raw in text.split():
        w = raw.strip(".,;:!?").lower()
        if w:
            out.append(w)
    return out
words = words_of(TEXT)
print("words:", len(words), "unique:", len(set(words)))
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:6]
for w, n in top:
    print(f"{w:>8} {n:3d} {'#' * n}")
longest = max(words, key=len)
print("longest:", longest, len(longest))
by_len = {}
for w in sorted(set(words)):
    by_len.setdefault(len(w), []).append(w)
for k in sorted(by_len):
    print(k, by_len[k])
avg = sum(len(w) for w in words) / len(words)
print(f"average word length: {avg:.3f}")
letters = {}
for c in TEXT.lower():
    if c.isalpha():
        letters[c] = letters.get(c, 0) + 1
print("top letters:", sorted(letters, key=lambda c: (-letters[c], c))[:5])
for i, line in enumerate(lines, 1):
    if line:
        print(f"{i:2}: {line[:20]!r:24} words={len(line.split())}")
caps = [w for w in TEXT.split() if w[0].isupper()]
print("capitalized:", caps)
print("sentences:", TEXT.count(".") + TEXT.count("!") + TEXT.count("?"))
