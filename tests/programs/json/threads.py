# json from many threads at once: each thread round-trips its own documents and
# gets back exactly what it encoded (the encoder and decoder keep no shared state).
import json
import threading

results = {}

def work(n):
    out = []
    for i in range(200):
        doc = {"thread": n, "i": i, "items": list(range(i % 7)), "f": i / 8,
               "s": "é" * (i % 3), "nested": {"k": [None, True, {"d": n * i}]}}
        text = json.dumps(doc, sort_keys=bool(i % 2), indent=(2 if i % 3 == 0 else None))
        back = json.loads(text)
        out.append(back == doc)
    results[n] = all(out)

threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results.items()))
