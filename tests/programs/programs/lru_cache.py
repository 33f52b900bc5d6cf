# Whole program: an LRU-ish cache built on dict insertion order.
class LRUCache:
    def __init__(self, capacity):
        self.capacity = capacity
        self.data = {}
        self.hits = 0
        self.misses = 0
        self.evicted = []
    def get(self, key, default=None):
        if key in self.data:
            value = self.data.pop(key)
            self.data[key] = value
            self.hits += 1
            return value
        self.misses += 1
        return default
    def put(self, key, value):
        if key in self.data:
            del self.data[key]
        elif len(self.data) >= self.capacity:
            oldest = next(iter(self.data))
            self.evicted.append(oldest)
            del self.data[oldest]
        self.data[key] = value
    def __len__(self):
        return len(self.data)
    def __contains__(self, key):
        return key in self.data
    def __repr__(self):
        return "LRU(" + ", ".join(str(k) + "=" + repr(v) for k, v in self.data.items()) + ")"
cache = LRUCache(3)
for k, v in [("a", 1), ("b", 2), ("c", 3)]:
    cache.put(k, v)
print(cache, len(cache))
print(cache.get("a"), cache)
cache.put("d", 4)
print(cache, cache.evicted, "b" in cache)
cache.put("c", 30)
cache.put("e", 5)
print(cache, cache.evicted)
print(cache.get("zz", "miss"), cache.hits, cache.misses)
def cached_calls(fn, cache):
    def wrapper(n):
        v = cache.get(n)
        if v is None:
            v = fn(n)
            cache.put(n, v)
        return v
    return wrapper
computed = []
def slow_square(n):
    computed.append(n)
    return n * n
sq = cached_calls(slow_square, LRUCache(2))
print([sq(n) for n in [1, 2, 1, 3, 1, 2, 2]])
print(computed)
fib_cache = LRUCache(100)
def fib(n):
    if n < 2:
        return n
    hit = fib_cache.get(n)
    if hit is not None:
        return hit
    v = fib(n - 1) + fib(n - 2)
    fib_cache.put(n, v)
    return v
print(fib(90), len(fib_cache), fib_cache.hits > 0)
