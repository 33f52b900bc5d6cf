# exit: 1
# stderr: ValueError: not enough values to unpack (expected at least 2, got 1)
a, *b, c = [1]
