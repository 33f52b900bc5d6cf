# Implicit continuation inside brackets and explicit backslash continuation.
total = (1 +
         2 +
         3)
print(total)
items = [
    1,
    2,   # comment inside brackets
    3,
]
print(items)
d = {
    "a": 1,
    "b": [
        2, 3,
    ],
}
print(d)
def add(a,
        b,
        c=10):
    return a + b + c
print(add(1,
          2))
x = 1 + \
    2 + \
    3
print(x)
if x == 6 and \
   total == 6:
    print("both six")
s = ("implicit "
     "concatenation "
     'across lines')
print(s)
t = (
    1,
)
print(t, len(t))
print(len([
]))
value = add(
    1, 2, 3
)
print(value)
