"""A module with PEP 562 hooks."""
present = "here"
calls = []


def __getattr__(name):
    calls.append(name)
    if name == "lazy":
        return "computed " + name
    if name == "boom":
        raise KeyError("not an AttributeError")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r} (hook)")


def __dir__():
    return ["present", "lazy", "zeta", "alpha"]
