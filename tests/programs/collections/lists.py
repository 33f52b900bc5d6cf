# list methods and behaviours: aliasing, multiplication aliasing, sort stability.
a = [3, 1, 2]
a.append(4); a.extend([5, 6]); a.insert(0, 0); a.insert(100, 99); a.insert(-1, 98)
print(a)
print(a.pop(), a.pop(0), a.pop(-2), a)
a.remove(98)
print(a, a.index(2), a.count(1), [1, 1, 2].count(1), a.index(5, 2))
a.sort()
print(a)
a.sort(reverse=True)
print(a)
a.reverse()
print(a)
b = a.copy()
b.append("copy only")
print(a, b, a == b[:-1])
b.clear()
print(b, len(b))
grid = [[0] * 3] * 3
grid[0][0] = 1
print(grid)
grid2 = [[0] * 3 for _ in range(3)]
grid2[0][0] = 1
print(grid2)
x = [1, 2]
y = x
y.append(3)
print(x, x is y)
y = y + [4]
print(x, y)
words = ["banana", "Apple", "cherry", "apple", "Banana"]
words.sort(key=str.lower)
print(words)
pairs = [(1, "b"), (0, "a"), (1, "a"), (0, "b")]
pairs.sort(key=lambda p: p[0])
print(pairs)
nums = [5, -3, 2, -8, 1]
nums.sort(key=abs, reverse=True)
print(nums, sorted(nums), nums)
print([] == [], [1, [2]] == [1, [2]], [1, 2] < [1, 2, 3], [2] > [1, 9])
print(len([[], []]), [0] * 0, [None] * 2, list(range(3)) * 2)
stack = []
stack.append(1); stack.append(2); stack.append(3)
print(stack.pop(), stack.pop(), stack)
queue = [1, 2, 3]
print(queue.pop(0), queue)
print(a.extend("xy"), a)
m = [1, 2, 3, 4, 5]
print(m.index(3), 3 in m, m[1:-1], sum(m) / len(m), max(m) - min(m))
r = [1, 2, 3]
r[1:2] = []
r += r
print(r)
