# exit: 1
# stderr: NotImplementedError: subclass must implement area
# Stdout written before the error (including print(end="")) must all appear.
class Shape:
    def area(self):
        raise NotImplementedError("subclass must implement area")
class Square(Shape):
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s * self.s
for shape in [Square(2), Square(3), Shape()]:
    print(shape.area(), end=" ")
