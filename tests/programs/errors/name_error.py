# exit: 1
# stderr: NameError: name 'undefined_variable' is not defined
print("about to use an undefined name")
print(undefined_variable)
