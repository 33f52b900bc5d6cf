# Known gap: private names (`__x` inside a class body) are not mangled to `_Class__x`,
# so `A._A__f` is an AttributeError and a subclass's `__f` overrides its base's.
class A:
    def __f(self):
        return "A"

    def call(self):
        return self.__f()


class B(A):
    def __f(self):
        return "B"


print(sorted(k for k in vars(A) if k.endswith("__f")), B().call())
