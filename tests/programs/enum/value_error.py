# exit: 1
# stderr: ValueError: 3 is not a valid Color
from enum import Enum


class Color(Enum):
    RED = 1
    GREEN = 2


print(Color(1))
Color(3)
