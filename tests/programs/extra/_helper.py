"""A helper module for imports_user_module.py."""
counter = 0
_private = "hidden"
__all_names = "mangled?"


def bump(n=1):
    global counter
    counter += n
    return counter


class Greeter:
    greeting = "hello"

    def __init__(self, name):
        self.name = name

    def __str__(self):
        return f"{self.greeting}, {self.name}"


print("helper imported as", __name__)
