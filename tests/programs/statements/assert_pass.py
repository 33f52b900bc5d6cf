# assert statement behaviour when caught.
assert True
assert 1 == 1, "never shown"
try:
    assert False
except AssertionError as e:
    print("bare assert:", repr(e), e.args)
try:
    assert 1 > 2, "one is not greater"
except AssertionError as e:
    print("message:", e, "|", e.args)
try:
    x = [1, 2]
    assert len(x) == 3, f"len was {len(x)}"
except AssertionError as e:
    print("f-string message:", e)
try:
    assert [], ["list", "message"]
except AssertionError as e:
    print("non-str message:", e.args[0], type(e.args[0]).__name__)
def check(v):
    assert v > 0, "v must be positive"
    return v * 2
print(check(4))
try:
    check(-1)
except AssertionError as e:
    print("from function:", e)
count = 0
def side():
    global count
    count += 1
    return "msg"
assert True, side()
print("message evaluated only on failure:", count)
try:
    assert 0, side()
except AssertionError:
    print("now count is", count)
print(isinstance(AssertionError(), Exception))
