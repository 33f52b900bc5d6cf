# bytes/bytearray padding to widths no machine can allocate: MemoryError (or
# CPython's OverflowError), never an abort; the program goes on.
HUGE = 2**62
cases = [
    "b'x'.center(HUGE)", "b'x'.center(HUGE, b'*')", "b'x'.ljust(HUGE)",
    "b'x'.rjust(HUGE)", "b'-1'.zfill(HUGE)", "b'7'.zfill(HUGE)",
    "b'a\\tb'.expandtabs(HUGE)", "b'a\\tb\\tc'.expandtabs(2**63 - 1)",
    "b'x'.center(2**63)", "b'x'.zfill(-HUGE)", "b'ab'.center(5, b'-')", "b'-3'.zfill(5)",
    "b'a\\tbc\\td'.expandtabs(4)", "bytearray(b'x').rjust(3)",
]
for e in cases:
    try:
        x = eval(e)
        print(e, 'ok', len(x), bytes(x[:8]))
    except (MemoryError, OverflowError, ValueError) as ex:
        print(e, type(ex).__name__, ex)
    x = None
print('after', len(b'y' * 10**6))
