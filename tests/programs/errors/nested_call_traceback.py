# exit: 1
# stderr: ValueError: bad value at depth 3
# The traceback has one frame per call; only the last line is checked.
def level3(v):
    raise ValueError("bad value at depth " + str(v))
def level2(v):
    return level3(v + 1)
def level1(v):
    return level2(v + 1)
print("start")
level1(1)
