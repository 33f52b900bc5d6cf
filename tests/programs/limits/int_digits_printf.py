# printf-style formatting of ints honours sys.set_int_max_str_digits as str() does
# (decimal conversions only; hex and octal are not limited), with CPython's message.
import sys
x = 10**5000
for f in ['%d', '%i', '%u', '%s', '%r', '%5d', '%.3d', '%x', '%o', '%X']:
    try:
        print(f, len(f % x))
    except ValueError as e:
        print(f, e)
for f in [b'%d', b'%x']:
    try:
        print(f, len(f % x))
    except ValueError as e:
        print(f, e)
for g in [lambda: f'{x}', lambda: format(x, 'd'), lambda: format(x, ','), lambda: '{:_}'.format(x), lambda: format(x, 'x')]:
    try:
        print(len(g()))
    except ValueError as e:
        print(e)
sys.set_int_max_str_digits(0)
print(len('%d' % x), len('%s' % -x))
sys.set_int_max_str_digits(5001)
print(len('%d' % x), len('%+d' % x))
sys.set_int_max_str_digits(5000)
try:
    '%d' % x
except ValueError as e:
    print(e)
print(len('%d' % (x - 1)))
