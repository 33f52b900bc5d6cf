# exit: 1
# stderr: SyntaxError: unterminated string literal (detected at line 5)
# Nothing is printed: the whole file is compiled before it runs.
print("this line is fine")
s = "no closing quote
print(s)
