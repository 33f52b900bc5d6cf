# Sizes no machine can allocate raise MemoryError (or CPython's OverflowError where
# the size does not fit the address space) and the program goes on.
HUGE = 2**62
cases = [
    "''.center(46117387904 * 10**8)",
    "'x'.ljust(HUGE)",
    "'x'.rjust(HUGE, '*')",
    "'x'.center(HUGE, 'é')",
    "'-1'.zfill(HUGE)",
    "'a\\tb'.expandtabs(2**62)",
    "'a\\tb'.expandtabs(-2**40)",
    "format(1, str(HUGE))",
    "format(-1, '0=' + str(HUGE))",
    "format(1.5, str(HUGE))",
    "format(2**100, '<' + str(HUGE))",
    "format('a', '^' + str(HUGE))",
    "f'{1:{HUGE}}'",
    "'{:>{}}'.format('a', HUGE)",
    "'%' + str(HUGE) + 'd' % ()",
    "('%' + str(HUGE) + 'd') % 1",
    "('%-' + str(HUGE) + 's') % 'a'",
    "('%' + str(HUGE) + 'f') % 1.5",
    "'%*d' % (HUGE, 1)",
    "'%.4611686018427387904d' % 1",
    "'%99999999999999999999d' % 1",
    "'ab' * 2**62",
    "'ab' * 2**63",
    "2**63 * 'ab'",
    "[0, 1] * 2**62",
    "(0, 1) * 2**62",
    "[0] * 2**63",
    "[None] * (2**62 // 8)",
]
for src in cases:
    try:
        r = eval(src)
        print(src, "->", len(r))
    except (MemoryError, OverflowError, ValueError, TypeError) as e:
        print(src, "->", type(e).__name__, e)

x = [0]
try:
    x *= 2**62
except MemoryError as e:
    print("x *= 2**62 ->", repr(e), x)
print(len('' * 2**62), len([] * 2**62), len(() * 2**62), 'ab' * -2**63 == '')
print(issubclass(MemoryError, Exception), MemoryError.__mro__)
