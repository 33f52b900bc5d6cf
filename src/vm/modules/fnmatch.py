"""fnmatch: shell-style wildcards (`*`, `?`, `[seq]`, `[!seq]`) matched by translating
the pattern to a regular expression, cached per pattern."""

import os
import posixpath
import re

__all__ = ["filter", "fnmatch", "fnmatchcase", "translate"]

_cache = {}


def fnmatch(name, pat):
    """Test whether FILENAME matches PATTERN (after os.path.normcase)."""
    name = os.path.normcase(name) if hasattr(os.path, "normcase") else name
    pat = os.path.normcase(pat) if hasattr(os.path, "normcase") else pat
    return fnmatchcase(name, pat)


def _compile_pattern(pat):
    m = _cache.get(pat)
    if m is None:
        if isinstance(pat, bytes):
            res = translate(str(pat, "ISO-8859-1"))
            res = bytes(res, "ISO-8859-1")
        else:
            res = translate(pat)
        if len(_cache) >= 32768:
            _cache.clear()
        m = _cache[pat] = re.compile(res).match
    return m


def filter(names, pat):
    """Construct a list from those elements of the iterable NAMES that match PAT."""
    match = _compile_pattern(pat)
    return [name for name in names if match(name)]


def fnmatchcase(name, pat):
    """Test whether FILENAME matches PATTERN, including case."""
    return _compile_pattern(pat)(name) is not None


def translate(pat):
    """Translate a shell PATTERN to a regular expression."""
    out = []
    i, n = 0, len(pat)
    while i < n:
        c = pat[i]
        i += 1
        if c == "*":
            # Consecutive stars match what one does.
            if not out or out[-1] != ".*":
                out.append(".*")
        elif c == "?":
            out.append(".")
        elif c == "[":
            j = i
            if j < n and pat[j] == "!":
                j += 1
            if j < n and pat[j] == "]":
                j += 1
            while j < n and pat[j] != "]":
                j += 1
            if j >= n:
                out.append("\\[")
                continue
            out.append(_bracket(pat[i:j]))
            i = j + 1
        else:
            out.append(re.escape(c))
    return "(?s:" + "".join(out) + ")\\Z"


def _bracket(stuff):
    # A [...] set: '!' negates, ranges kept (empty ones dropped, as they are invalid
    # in a regular expression), backslashes and set operators escaped.
    negate = stuff.startswith("!")
    if negate:
        stuff = stuff[1:]
    if not stuff:
        return "." if negate else "(?!)"
    parts = []
    k = 0
    while k < len(stuff):
        if k + 2 < len(stuff) and stuff[k + 1] == "-":
            lo, hi = stuff[k], stuff[k + 2]
            if lo <= hi:
                parts.append(_set_char(lo) + "-" + _set_char(hi))
            k += 3
        else:
            parts.append(_set_char(stuff[k]))
            k += 1
    if not parts:
        return "." if negate else "(?!)"
    body = "".join(parts)
    if negate:
        body = "^" + body
    elif body[0] in "^[":
        body = "\\" + body
    return "[" + body + "]"


def _set_char(c):
    if c in "\\-&~|[]^":
        return "\\" + c
    return c
