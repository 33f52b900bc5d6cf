# The `contextvars` module (PEP 567): the native `_contextvars` under its public
# name, as CPython's contextvars.py.
from _contextvars import Context, ContextVar, Token, copy_context

__all__ = ('Context', 'ContextVar', 'Token', 'copy_context')
