print("init _pkg._a:", __name__, __package__)


def fa():
    return "fa from " + __name__
