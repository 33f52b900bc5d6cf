# exit: 1
# stderr: SyntaxError: cannot have both 'except' and 'except*' on the same 'try'
try:
    pass
except* ValueError:
    pass
except TypeError:
    pass
