# The enum class body's namespace (EnumType.__prepare__): names bound twice, members
# against methods, _ignore_ with vars(), and locals()/vars() of a __prepare__ mapping.
import re
from enum import Enum, IntEnum, auto, nonmember


def attempt(label, make):
    try:
        cls = make()
        print(label, "ok", list(cls))
    except (TypeError, ValueError) as e:
        print(label, type(e).__name__, re.sub(r" at 0x[0-9a-f]+", "", str(e)))


def twice():
    class A(Enum):
        X = 1
        X = 2
    return A


def member_over_method():
    class B(Enum):
        def X(self):
            return 0
        X = 1
    return B


def method_over_member():
    class C(Enum):
        X = 1
        def X(self):
            return 0
    return C


def aliases():
    class D(IntEnum):
        ONE = 1
        UNO = 1
        TWO = auto()
    return D


def ignored():
    class Period(Enum):
        _ignore_ = "Period i"
        Period = vars()
        for i in range(3):
            Period["day_%d" % i] = i
    return Period


def ignore_late():
    class E(Enum):
        A = 1
        _ignore_ = ["A"]
    return E


def with_nonmember():
    class F(Enum):
        A = 1
        limit = nonmember(10)
        limit2 = nonmember(20)
    print("nonmember", F.limit, F.limit2)
    return F


for label, make in [("twice", twice), ("member over method", member_over_method),
                    ("method over member", method_over_member), ("aliases", aliases),
                    ("ignored", ignored), ("ignore late", ignore_late),
                    ("nonmember", with_nonmember)]:
    attempt(label, make)


class Recording(dict):
    def __setitem__(self, key, value):
        if not key.startswith("__"):
            print("set", key, value)
        super().__setitem__(key, value)


class Meta(type):
    @classmethod
    def __prepare__(mcs, name, bases):
        return Recording()


class K(metaclass=Meta):
    a = 1
    ns = locals()
    ns["b"] = 2
    print(type(ns).__name__, type(vars()).__name__, sorted(k for k in ns if not k.startswith("__")))


print(K.a, K.b)
