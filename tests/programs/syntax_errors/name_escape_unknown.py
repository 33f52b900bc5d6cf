# exit: 1
# stderr: SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-25: unknown Unicode character name
print("before")
print("\N{NO SUCH CHARACTER NAME}")
