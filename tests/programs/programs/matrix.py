# Whole program: matrix operations with nested lists.
def zeros(r, c):
    return [[0] * c for _ in range(r)]
def identity(n):
    m = zeros(n, n)
    for i in range(n):
        m[i][i] = 1
    return m
def matmul(a, b):
    if len(a[0]) != len(b):
        raise ValueError("shape mismatch: " + str(len(a[0])) + " vs " + str(len(b)))
    out = zeros(len(a), len(b[0]))
    for i in range(len(a)):
        for j in range(len(b[0])):
            s = 0
            for k in range(len(b)):
                s += a[i][k] * b[k][j]
            out[i][j] = s
    return out
def transpose(m):
    return [list(col) for col in zip(*m)]
def mpow(m, n):
    result = identity(len(m))
    while n:
        if n % 2:
            result = matmul(result, m)
        m = matmul(m, m)
        n //= 2
    return result
def show(m):
    width = max(len(str(v)) for row in m for v in row)
    for row in m:
        print(" ".join(str(v).rjust(width) for v in row))
a = [[1, 2, 3], [4, 5, 6]]
b = [[7, 8], [9, 10], [11, 12]]
show(matmul(a, b))
show(transpose(a))
show(matmul(b, a))
print(matmul(identity(2), [[5, 6], [7, 8]]))
fibm = mpow([[1, 1], [1, 0]], 100)
print(fibm[0][1])
try:
    matmul(a, a)
except ValueError as e:
    print("ValueError:", e)
f = [[0.5, 0.25], [0.125, 1.0]]
print(matmul(f, f))
def det(m):
    if len(m) == 1:
        return m[0][0]
    total = 0
    for j in range(len(m)):
        minor = [row[:j] + row[j + 1:] for row in m[1:]]
        total += (-1) ** j * m[0][j] * det(minor)
    return total
print(det([[1, 2], [3, 4]]), det([[2, 0, 1], [1, 3, 2], [1, 1, 1]]), det(identity(4)))
rot = [[0, -1], [1, 0]]
print(mpow(rot, 2), mpow(rot, 4) == identity(2))
