# exit: 1
# stderr: SyntaxError: assignment expression within a comprehension cannot be used in a class body
class A:
    found = [(y := 1) for x in range(3)]
