# ExceptionGroup / BaseExceptionGroup: construction rules, split, subgroup, derive,
# except* matching, naked exceptions, re-raise structure, subclasses and errors.
eg = ExceptionGroup("eg", [ValueError(1), TypeError(2), ExceptionGroup("inner", [ValueError(3), KeyError(4)])])
print(repr(eg), str(eg), eg.message, eg.exceptions)
print(isinstance(eg, ExceptionGroup), isinstance(eg, BaseExceptionGroup), isinstance(eg, Exception))
m, r = eg.split(ValueError)
print(repr(m)); print(repr(r))
print(repr(eg.subgroup(lambda e: isinstance(e, KeyError))))
print(eg.subgroup(OSError))
print(type(BaseExceptionGroup("x", [ValueError()])).__name__, type(BaseExceptionGroup("x", [KeyboardInterrupt()])).__name__)
for bad in [lambda: ExceptionGroup("x", []), lambda: ExceptionGroup("x", [1]), lambda: ExceptionGroup(1, [ValueError()]), lambda: ExceptionGroup("x", [KeyboardInterrupt()]), lambda: ExceptionGroup("x", ValueError())]:
    try: bad()
    except Exception as e: print(type(e).__name__, e)
try:
    raise eg
except* ValueError as e:
    print("caught V", repr(e))
except* TypeError as e:
    print("caught T", repr(e))
except* KeyError as e:
    print("caught K", repr(e))
try:
    try:
        raise eg
    except* ValueError:
        print("handled V")
except ExceptionGroup as e:
    print("rest", repr(e))
try:
    raise ValueError("naked")
except* ValueError as e:
    print("naked wrapped", repr(e))
try:
    try:
        raise ExceptionGroup("g", [ValueError(1)])
    except* ValueError:
        raise TypeError("new")
except TypeError as e:
    print("new raised", repr(e), repr(e.__context__))
try:
    try:
        raise ExceptionGroup("g", [ValueError(1), OSError(2)])
    except* ValueError:
        raise TypeError("new")
except ExceptionGroup as e:
    print("combined", repr(e))
class MyEG(ExceptionGroup):
    def derive(self, excs):
        return MyEG(self.message, excs)
m, r = MyEG("mine", [ValueError(1), TypeError(2)]).split(ValueError)
print(type(m).__name__, repr(m), type(r).__name__)
try:
    try:
        raise eg
    except* ExceptionGroup:
        pass
except TypeError as e:
    print(e)
