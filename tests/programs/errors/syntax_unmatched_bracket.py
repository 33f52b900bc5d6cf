# exit: 1
# stderr: SyntaxError: unmatched ')'
print("start")
value = (1 + 2))
