print("init _pkg._b:", __name__)
B = "b"
