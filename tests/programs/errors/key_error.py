# exit: 1
# stderr: KeyError: 'missing'
d = {"present": 1}
print(d["present"])
print(d["missing"])
