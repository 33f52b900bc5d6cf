# Known gap: str.casefold() is lower(): full case folding maps ß to ss.
print("Straße".casefold(), "ß".casefold() == "ss".casefold())
