# collections.ChainMap, UserDict, UserList, UserString.
from collections import ChainMap, UserDict, UserList, UserString


def e(f):
    try:
        print(repr(f()))
    except Exception as x:
        print(type(x).__name__ + ":", x)


cm = ChainMap({'a': 1}, {'a': 2, 'b': 3})
print(cm, cm['a'], cm['b'], len(cm), list(cm), dict(cm), 'b' in cm, cm.get('zz', 0))
cm['c'] = 4; print(cm.maps, cm.new_child(), cm.new_child({'q': 0}), cm.parents, ChainMap())
e(lambda: cm['zz'])
e(lambda: cm.pop('b'))
e(lambda: cm.__delitem__('b'))
e(lambda: ChainMap({}).popitem())
print(cm.pop('c'), cm, bool(ChainMap({})), bool(cm), cm | {'z': 0}, ChainMap.fromkeys('ab', 1))
defaults = {'color': 'red', 'user': 'guest'}
args = {'user': 'admin'}
print(ChainMap(args, {}, defaults)['user'], ChainMap(args, defaults)['color'])


class Upper(UserDict):
    def __setitem__(self, key, value):
        super().__setitem__(key.upper(), value)


u = Upper(a=1); u['b'] = 2; u.update({'c': 3}); print(u, len(u), u.data, 'A' in u, u.get('A'))
ud = UserDict({'x': 1}); print(ud, ud.copy(), ud | {'y': 2}, list(ud.items()), ud.pop('x'), ud)
e(lambda: UserDict()['missing'])


class Missing(UserDict):
    def __missing__(self, key):
        return key * 2


print(Missing()['ab'])
ul = UserList([3, 1, 2]); ul.sort(); ul.append(5); ul.extend([0]); ul.insert(0, 9)
print(ul, ul[1:], ul + [0], [0] + ul, ul * 2, len(ul), ul.pop(), ul.index(5), ul.count(1), 5 in ul)
ul.reverse(); ul.remove(9); print(ul, ul == [5, 3, 2, 1], ul < [6], type(ul[1:]).__name__)
us = UserString('hello')
print(us.upper(), us + '!', len(us), us[1:3], us == 'hello', 'ell' in us, us.split('l'), us * 2)
print(us.replace('l', 'L'), us.startswith('he'), us.find('o'), str(us), repr(us), us < 'world')
