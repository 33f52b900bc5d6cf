# Comparison chains, and/or returning operands, conditional expressions.
x = 5
print(1 < x < 10, 1 < x > 3, 10 > x > 5, 1 <= 1 < 2 <= 2)
a = b = c = 3
print(a == b == c, a == b != 4, 1 == 1.0 == True)
calls = []
def mid():
    calls.append("mid")
    return 5
print(1 < mid() < 10, calls)
print(10 < mid() < 20, calls)
print(1 > 2 < mid(), calls)
print(0 and 1, 1 and 2, [] and "x", "x" and [], None and 1)
print(0 or 1, 1 or 2, [] or "x", "" or [] or 0, None or "d")
print(not 1, not 0, not [], not [1], not None)
def t(v):
    print("eval", v)
    return v
print(t(0) and t(1))
print(t(1) or t(2))
print(t(1) and t(2) and t(3))
print("yes" if x > 3 else "no", "yes" if x > 30 else "no")
print("a" if 0 else "b" if 1 else "c", "a" if 0 else "b" if 0 else "c")
print(1 < 2, 2 < 1, "a" < "b", "abc" < "abd", "Z" < "a", "" < "a", "ab" < "abc")
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], (1, "a") < (1, "b"), (2,) > (1, 9))
print([1, 2] == [1, 2], [1, 2] == (1, 2), {1: 2} == {1: 2}, {1, 2} == {2, 1})
print(1 != 1.0, "1" == 1, None == None, None != 0)
print(3 >= 3, 3 <= 2, 2.5 >= 2, -1 < -0.5)
l1 = [1, 2]
l2 = [1, 2]
l3 = l1
print(l1 == l2, l1 is l2, l1 is l3, l1 is not l2, None is not None)
print(1 < 2 == 2 > 1, (1 < 2) == True, 3 > 2 > 1 > 0)
print(max(3, 1, 2) == 3 == len("abc"))
print(x == 5 and x != 6 and not x == 7)
y = 0
r = y != 0 and 10 / y > 1
print(r)
print(True or 1 / 0, False and 1 / 0)
