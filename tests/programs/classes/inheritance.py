# Single inheritance, method overriding, super() chains 3 deep, isinstance/issubclass.
class Animal:
    kind = "animal"
    def __init__(self, name):
        self.name = name
        print("Animal.__init__", name)
    def speak(self):
        return "..."
    def intro(self):
        return self.name + " the " + self.kind + " says " + self.speak()
class Mammal(Animal):
    kind = "mammal"
    def __init__(self, name, legs):
        super().__init__(name)
        self.legs = legs
        print("Mammal.__init__", legs)
class Dog(Mammal):
    kind = "dog"
    def __init__(self, name):
        super().__init__(name, 4)
        print("Dog.__init__")
    def speak(self):
        return "Woof"
class Puppy(Dog):
    def speak(self):
        return super().speak() + " (squeaky)"
d = Dog("Rex")
print(d.intro(), d.legs)
p = Puppy("Bit")
print(p.intro(), p.kind)
print(isinstance(p, Puppy), isinstance(p, Dog), isinstance(p, Animal), isinstance(d, Puppy))
print(issubclass(Puppy, Animal), issubclass(Animal, Dog), issubclass(Dog, Dog), issubclass(Dog, object))
print(isinstance(p, (int, Mammal)), isinstance(3, (str, int)))
class Base:
    def who(self):
        return "Base"
    def call_who(self):
        return "I am " + self.who()
class Derived(Base):
    def who(self):
        return "Derived"
print(Base().call_who(), Derived().call_who())
class A:
    def m(self):
        return ["A"]
class B(A):
    def m(self):
        return ["B"] + super().m()
class C(B):
    def m(self):
        return ["C"] + super().m()
class D(C):
    def m(self):
        return ["D"] + super().m()
print(D().m(), C().m())
class NoInit(Dog):
    pass
n = NoInit("Inherited")
print(n.speak(), type(n).__name__)
print(type(n).__name__, Dog.__name__, isinstance(n, object))
class Counter:
    total = 0
    def __init__(self):
        Counter.total += 1
class SubCounter(Counter):
    pass
SubCounter(); SubCounter(); Counter()
print(Counter.total, SubCounter.total)
SubCounter.total = 100
print(Counter.total, SubCounter.total)
print(Animal.speak(d), Dog.speak(p))
