# Whole program: word frequency sorted by (-count, word), with a simple report.
text = """
the quick brown fox jumps over the lazy dog
The dog barks; the fox runs. A quick brown dog? Yes, a quick one!
"""
def normalize(word):
    cleaned = ""
    for ch in word.lower():
        if ch.isalpha():
            cleaned += ch
    return cleaned
counts = {}
order_seen = []
for raw in text.split():
    w = normalize(raw)
    if not w:
        continue
    if w not in counts:
        order_seen.append(w)
        counts[w] = 0
    counts[w] += 1
ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
print("distinct:", len(ranked), "total:", sum(counts.values()))
for rank, (word, n) in enumerate(ranked[:8], start=1):
    print(f"{rank:>2}. {word:<6} {n}")
print("first seen order:", order_seen[:6])
print("same count as 'fox':", [w for w, n in ranked if n == counts["fox"]])
by_count = {}
for w, n in ranked:
    by_count.setdefault(n, []).append(w)
print(by_count)
print("most common:", max(counts, key=lambda w: (counts[w], w)))
print("alphabetical:", sorted(counts)[:5], "reverse:", sorted(counts, reverse=True)[:3])
print("stable by count only:", [w for w, n in sorted(counts.items(), key=lambda kv: -kv[1])][:6])
lengths = sorted(set(len(w) for w in counts))
print({L: sorted(w for w in counts if len(w) == L) for L in lengths})
