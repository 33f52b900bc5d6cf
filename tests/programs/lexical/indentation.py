# Indentation blocks, comments, blank lines inside blocks, mixed depths.
def f(x):
    # a comment at block level
    if x > 0:

        if x > 10:
            return "big"   # trailing comment
        else:
                return "small"  # deeper indentation is fine per block
    elif x == 0:
        return "zero"
    return "negative"
# comment at column 0 between statements
print(f(20), f(5), f(0), f(-3))

for i in range(3):
  for j in range(2):
          print(i, j, end=" ")
  print()

class A:
    pass

    # comment after pass
def g(): return 42
print(g())
if True: print("one-liner if")
while False: pass
x = 1; y = 2; print(x + y)
if x:
    pass
print("done")
