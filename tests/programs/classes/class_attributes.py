# Class attributes vs instance attributes, shadowing, class-level counters, methods stored on classes.
class Config:
    debug = False
    retries = 3
    tags = []
    def show(self):
        return (self.debug, self.retries, len(self.tags))
a, b = Config(), Config()
print(a.show(), b.show())
a.debug = True
print(a.show(), b.show(), Config.debug)
Config.retries = 5
print(a.retries, b.retries)
b.retries = 1
Config.retries = 9
print(a.retries, b.retries, Config.retries)
a.tags.append("shared!")
print(b.tags, Config.tags)
a.tags = ["own"]
print(a.tags, b.tags)
class Sub(Config):
    retries = 0
s = Sub()
print(s.show(), Sub.debug, Sub.retries, Config.retries)
Config.debug = "changed on base"
print(s.debug, Sub.debug)
def extra(self):
    return "added later: " + str(self.retries)
Config.extra = extra
print(a.extra(), s.extra())
class Temp:
    unit = "C"
    def __init__(self, v):
        self.v = v
    def describe(self):
        return str(self.v) + self.unit
t1 = Temp(20)
t2 = Temp(70)
t2.unit = "F"
print(t1.describe(), t2.describe(), Temp.unit)
print(hasattr(Temp, "v"), hasattr(t1, "v"), hasattr(Temp, "describe"))
class Registry:
    items = {}
    def register(self, name):
        Registry.items[name] = len(Registry.items)
r1, r2 = Registry(), Registry()
r1.register("a"); r2.register("b"); r1.register("c")
print(Registry.items, r2.items is r1.items)
