# exit: 1
# stderr: UnboundLocalError: cannot access local variable 'count' where it is not associated with a value
count = 10
def bump():
    count += 1
    return count
print("calling bump")
bump()
