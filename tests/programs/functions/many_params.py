# A def with 10^5 parameters compiles (in linear time: the parser's duplicate check
# was a list search per parameter) and binds every argument.
n = 100000
src = 'def f(' + ', '.join('a%d' % i for i in range(n)) + ', *, k=7):\n    return a0 + a%d + k\n' % (n - 1)
ns = {}
exec(src, ns)
print(ns['f'](*range(n)), ns['f'](*range(n), k=1), ns['f'].__code__.co_argcount)
src = 'lambda ' + ', '.join('b%d=%d' % (i, i) for i in range(n)) + ': b%d' % (n - 1)
print(eval(src)(), eval(src)(b99999=-1))
try:
    exec('def g(' + ', '.join('a%d' % i for i in range(n)) + ', a5): pass')
except SyntaxError as e:
    print('SyntaxError', e.msg)
