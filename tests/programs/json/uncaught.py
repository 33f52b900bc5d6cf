# An uncaught JSONDecodeError prints with its module-qualified name, as CPython.
# exit: 1
# stderr: json.decoder.JSONDecodeError: Expecting ',' delimiter: line 3 column 5 (char 22)
import json

print(json.loads('{"ok": [1]}'))
json.loads('{"a": 1,\n "b": [1\n    2]}')
