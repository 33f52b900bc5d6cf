# Helper module of module_attr_cache.py (a module-level __getattr__, PEP 562).
x = 1
y = 2
def __getattr__(name):
    return "dyn-" + name
