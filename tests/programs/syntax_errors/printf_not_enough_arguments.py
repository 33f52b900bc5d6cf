# exit: 1
# stderr: TypeError: not enough arguments for format string
print('%s %s' % ('only one',))
