# LOAD_ATTR/LOAD_METHOD remember where a module's global sits in its dict: rebinding,
# deleting and adding globals after the first access must still give CPython's answers.
import _attrcache, math
def get(): return _attrcache.x
def getz(): return _attrcache.z
out = []
for i in range(3):
    out.append(get())
    if i == 0: _attrcache.x = 10
    if i == 1: del _attrcache.x
print(out[:2], end=' ')
try: print(get())
except AttributeError as e: print('AE', e)
print(getz())
_attrcache.z = 5
print(getz())
del _attrcache.y
_attrcache.x = 7
print(get(), [math.floor(1.5) for _ in range(2)])
