# User-defined exception classes with extra attributes and hierarchies.
class AppError(Exception):
    pass
class ValidationError(AppError):
    def __init__(self, field, message):
        super().__init__(field + ": " + message)
        self.field = field
        self.message = message
class NotFound(AppError):
    def __init__(self, key):
        self.key = key
    def __str__(self):
        return "no such key " + repr(self.key)
def validate(age):
    if not isinstance(age, int):
        raise ValidationError("age", "must be int")
    if age < 0:
        raise ValidationError("age", "must be >= 0")
    return age
for v in [5, -1, "x"]:
    try:
        print("ok", validate(v))
    except ValidationError as e:
        print("invalid", e.field, e.message, "|", e, "|", e.args)
try:
    raise NotFound("k1")
except AppError as e:
    print(type(e).__name__, str(e), e.key, e.args, isinstance(e, Exception))
class Plain(Exception):
    pass
print(repr(Plain("x", 1)), str(Plain()), repr(Plain()))
try:
    raise Plain
except Plain as e:
    print("raised class, got instance:", type(e).__name__, e.args)
class WithRepr(ValueError):
    def __repr__(self):
        return "WithRepr!"
print(repr(WithRepr("a")), str(WithRepr("a")), isinstance(WithRepr(), ValueError))
class Retry(Exception):
    def __init__(self, attempts):
        super().__init__("retry after", attempts)
        self.attempts = attempts
attempts = 0
while True:
    try:
        attempts += 1
        if attempts < 3:
            raise Retry(attempts)
        print("succeeded after", attempts)
        break
    except Retry as r:
        print("caught", r.args, r.attempts)
errors = [ValidationError("f", "m"), NotFound(1), Plain("p")]
for err in errors:
    print(type(err).__name__, isinstance(err, AppError), issubclass(type(err), Exception))
class Base(Exception):
    def describe(self):
        return "Base:" + type(self).__name__
class Child(Base):
    pass
try:
    raise Child("c")
except Base as e:
    print(e.describe(), e)
