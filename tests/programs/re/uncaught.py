# An uncaught re.error prints as CPython prints it.
# exit: 1
# stderr: re.error: missing ), unterminated subpattern at position 4
import re

print(re.findall(r"\d", "a1b2"))
re.compile(r"ab\((c")
