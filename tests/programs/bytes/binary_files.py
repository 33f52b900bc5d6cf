# open() in binary modes: read(n), read(), readline, write count, seek/tell, iteration
import os
path = 'binary_files.tmp'
with open(path, 'wb') as f:
    print(type(f).__name__, f.mode, f.write(b'line one\n'), f.write(bytearray(b'\x00\xff\n')), f.write(memoryview(b'tail')))
    print(f.tell())
with open(path, 'rb') as f:
    print(type(f).__name__, f.read(4), f.tell(), f.readline(), f.readline(), f.read(), f.read(), f.read(3))
    print(f.seek(0), f.read(2), f.seek(-4, 2), f.read(), f.seek(1, 0), f.seek(2, 1), f.read(1))
with open(path, 'rb') as f:
    print(list(f))
with open(path, 'ab') as f:
    f.write(b'\nappended')
with open(path, 'rb') as f:
    print(f.readlines())
with open(path, 'r+b') as f:
    print(type(f).__name__, f.read(4))
    f.seek(0)
    f.write(b'LINE')
    f.seek(0)
    print(f.read(9))
with open(path, 'rb') as f:
    data = f.read()
print(len(data), data[:4], data.decode('utf-8', 'replace'))
with open(path, 'w') as f:
    f.write('text é\n')
with open(path, 'rb') as f:
    print(f.read())
with open(path) as f:
    print(f.read(2), f.tell(), f.seek(0), f.readline())
for bad in [lambda: open(path, 'rb').write(b'x'), lambda: open(path, 'wb').write('str'),
            lambda: open(path, 'w').write(b'x'), lambda: open(path, 'rbt'),
            lambda: open(path, 'rb', encoding='utf-8'), lambda: open(path, 'rb').seek(0, 5),
            lambda: open(path).seek(1, 1)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__ + ':', e)
f = open(path, 'rb'); f.close()
try:
    f.read()
except ValueError as e:
    print('ValueError:', e)
os.remove(path)
