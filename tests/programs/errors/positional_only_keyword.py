# exit: 1
# stderr: TypeError: point() got some positional-only arguments passed as keyword arguments: 'x, y'
def point(x, y, /, z=0):
    return x, y, z


print(point(1, 2, z=3))
print(point(x=1, y=2))
