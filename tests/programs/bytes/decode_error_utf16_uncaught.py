# An undecodable UTF-16 tail stops the program with CPython's message.
# exit: 1
# stderr: UnicodeDecodeError: 'utf-16-le' codec can't decode byte 0x62 in position 4: truncated data
print("before")
print(b"\xff\xfea\x00b".decode("utf-16"))
