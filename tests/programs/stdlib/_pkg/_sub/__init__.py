print("init _pkg._sub:", __name__, __package__)
