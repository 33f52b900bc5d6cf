# Every precision CPython accepts formats (core's formatter stops at 65535 digits);
# larger ones give CPython's ValueError.
tiny = 2.0**-1074
for spec in ['.65536f', '.65536e', '.70000g', '#.70000g', '.100000%', '.1100f']:
    for x in (1.5, -1/3, tiny, 1e300, 0.0):
        s = format(x, spec)
        print(spec, len(s), s[:12], s[-12:])
print(len('%.65536f' % 1.5), len('%.70000e' % -2.5), len('{:.66000g}'.format(1/7)))
print(len(f'{1/3:.100000f}'), f'{1/3:.1080f}'.rstrip('0')[-10:])
for bad in ['.2147483648f', '.2147483648e', '.99999999999999999999f']:
    try:
        format(1.5, bad)
    except ValueError as e:
        print(bad, 'ValueError', e)
try:
    '%.2147483648f' % 1.5
except ValueError as e:
    print('% ValueError', e)
