# Traceback objects: tb_lineno of each level, tb_next down to None at the innermost.
def f():
    1/0
try:
    f()
except Exception as e:
    tb = e.__traceback__
    print(tb.tb_lineno, tb.tb_next.tb_lineno, tb.tb_next.tb_next)
