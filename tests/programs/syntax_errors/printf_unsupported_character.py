# exit: 1
# stderr: ValueError: unsupported format character 'y' (0x79) at index 1
print('%y' % 1)
