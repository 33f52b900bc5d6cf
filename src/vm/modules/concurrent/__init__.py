# The `concurrent` package: only a home for `concurrent.futures`, as in CPython.
