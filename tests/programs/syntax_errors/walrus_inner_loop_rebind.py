# exit: 1
# stderr: SyntaxError: comprehension inner loop cannot rebind assignment expression target 'j'
print([i for i in range(3) if (j := i) for j in range(3)])
