# Identifiers (underscores, digits, case), soft keywords usable as names, keyword-like names.
_private = 1
__dunder_like = 2
CamelCase = 3
snake_case_2 = 4
x1y2 = 5
print(_private, __dunder_like, CamelCase, snake_case_2, x1y2)
Value = "upper"
value = "lower"
print(Value, value, Value != value)
match = "match is a soft keyword"
case = "so is case"
type_ = "type_ shadows nothing"
print(match, case, type_)
_ = "underscore"
print(_)
def print_twice(print_arg):
    print(print_arg, print_arg)
print_twice("ok")
list_ = list
str_copy = str
print(list_("ab"), str_copy(5))
True_ = True
None_ = None
print(True_, None_)
a_very_long_identifier_name_that_keeps_going_and_going = 42
print(a_very_long_identifier_name_that_keeps_going_and_going)
len_of = len
print(len_of([1, 2, 3]))
def max(*args):
    return "shadowed max"
print(max(1, 2))
del max
print(max(1, 2))
