# exit: 1
# stderr: UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 1: invalid start byte
print(b'a'.decode())
b'a\xff'.decode()
