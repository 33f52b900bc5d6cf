# wordcount.py -- dict-heavy word counting over generated text: dict get /
# set / in / items, str.split, sorted with a key function, tuple compares.
#
# Usage: wordcount.py [N]   (default N=40000 words)
# Words come from a tiny linear congruential generator (LCG), so the text is
# the same on every run. The dict counts are checked against an independent
# count kept in a plain list indexed by word number.
# bench-size: 250000
import sys


class Lcg:
    def __init__(self, seed):
        self.state = seed

    def next(self):
        self.state = (self.state * 1103515245 + 12345) % 2147483648
        return self.state

    def below(self, n):
        return (self.next() >> 8) % n


SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "po"]


def make_vocabulary():
    words = []
    for a in SYLLABLES:
        for b in SYLLABLES:
            words.append(a + b)
    for a in SYLLABLES[:5]:
        for b in SYLLABLES:
            for c in SYLLABLES[5:]:
                words.append(a + b + c)
    return words


def main():
    n = 40000
    if len(sys.argv) > 1:
        n = int(sys.argv[1])
    vocab = make_vocabulary()
    rng = Lcg(42)
    chosen = []
    lines = []
    line = []
    for i in range(n):
        # skew the distribution: low word numbers are more frequent
        k = min(rng.below(len(vocab)), rng.below(len(vocab)))
        chosen.append(k)
        line.append(vocab[k])
        if len(line) == 12:
            lines.append(" ".join(line))
            line = []
    if line:
        lines.append(" ".join(line))
    text = "\n".join(lines)

    counts = {}
    for ln in text.split("\n"):
        for w in ln.split():
            if w in counts:
                counts[w] += 1
            else:
                counts[w] = 1

    # independent count by word number
    by_index = [0] * len(vocab)
    for k in chosen:
        by_index[k] += 1
    ok = True
    for k in range(len(vocab)):
        if counts.get(vocab[k], 0) != by_index[k]:
            print(f"FAIL: {vocab[k]}: dict says {counts.get(vocab[k], 0)}, "
                  f"list says {by_index[k]}")
            ok = False
    if sum(counts.values()) != n:
        print(f"FAIL: total {sum(counts.values())} != {n}")
        ok = False

    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    top = ", ".join([f"{w}={c}" for (w, c) in ranked[:3]])
    print(f"wordcount({n}): distinct={len(counts)} top: {top}")
    if not ok:
        sys.exit(1)


main()
