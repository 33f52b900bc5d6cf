# PEP 560: a base that is not a class stands for the classes its __mro_entries__
# returns; the class keeps the originals in __orig_bases__.
class Real:
    pass


class Stand:
    def __init__(self, *targets):
        self.targets = targets

    def __mro_entries__(self, bases):
        print("entries for", len(bases), "bases")
        return self.targets


s = Stand(Real)


class C(s, dict):
    pass


print(C.__mro__, C.__orig_bases__ == (s, dict), C.__bases__)


class D(Stand()):
    pass


print(D.__bases__, D.__orig_bases__[0].targets)
print('__orig_bases__' in Real.__dict__)


class Bad:
    def __mro_entries__(self, bases):
        return [Real]


try:
    class E(Bad()):
        pass
except TypeError as e:
    print("TypeError:", e)
