# string for gilvm: the constants, capwords, Template ($-substitution) and Formatter
# (str.format's machinery, overridable), with CPython 3.11's behaviour and errors.
# Template's pattern is scanned by hand (gilvm has no `re` yet), so a subclass may
# change delimiter and idpattern only as plain identifier rules (see docs/language.md).

__all__ = ["ascii_letters", "ascii_lowercase", "ascii_uppercase", "capwords",
           "digits", "hexdigits", "octdigits", "printable", "punctuation",
           "whitespace", "Formatter", "Template"]

whitespace = ' \t\n\r\v\f'
ascii_lowercase = 'abcdefghijklmnopqrstuvwxyz'
ascii_uppercase = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
ascii_letters = ascii_lowercase + ascii_uppercase
digits = '0123456789'
hexdigits = digits + 'abcdef' + 'ABCDEF'
octdigits = '01234567'
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    """capwords(s [,sep]) -> string

    Split the argument into words using split, capitalize each word using
    capitalize, and join the capitalized words using join.
    """
    return (sep or ' ').join(map(str.capitalize, s.split(sep)))


_ID_START = ascii_letters + '_'
_ID_REST = _ID_START + digits


def _ident_end(s, i):
    # End of the identifier ([_a-zA-Z][_a-zA-Z0-9]*, case-insensitive ASCII as
    # Template's default idpattern) starting at i, or i if there is none.
    if i < len(s) and s[i] in _ID_START:
        i += 1
        while i < len(s) and s[i] in _ID_REST:
            i += 1
    return i


class Template:
    """A string class for supporting $-substitutions."""

    delimiter = '$'
    idpattern = r'(?a:[_a-z][_a-z0-9]*)'
    braceidpattern = None

    def __init__(self, template):
        self.template = template

    def _scan(self):
        # Yields (start, end, kind, name) for each delimiter match, kind being
        # 'escaped', 'named', 'braced' or 'invalid', as CPython's pattern groups.
        s = self.template
        d = self.delimiter
        i = 0
        n = len(s)
        while True:
            j = s.find(d, i)
            if j < 0:
                return
            k = j + len(d)
            if s.startswith(d, k):
                yield j, k + len(d), 'escaped', None
                i = k + len(d)
                continue
            e = _ident_end(s, k)
            if e > k:
                yield j, e, 'named', s[k:e]
                i = e
                continue
            if k < n and s[k] == '{':
                e = _ident_end(s, k + 1)
                if e > k + 1 and e < n and s[e] == '}':
                    yield j, e + 1, 'braced', s[k + 1:e]
                    i = e + 1
                    continue
            yield j, k, 'invalid', None
            i = k

    def _invalid(self, i):
        lines = self.template[:i].splitlines(keepends=True)
        if not lines:
            colno = 1
            lineno = 1
        else:
            colno = i - len(''.join(lines[:-1]))
            lineno = len(lines)
        raise ValueError('Invalid placeholder in string: line %d, col %d' %
                         (lineno, colno))

    def _mapping(self, mapping, kws):
        if mapping is None:
            return kws
        if kws:
            return _ChainMap(kws, mapping)
        return mapping

    def substitute(self, mapping=None, /, **kws):
        mapping = self._mapping(mapping, kws)
        out = []
        i = 0
        for start, end, kind, name in self._scan():
            out.append(self.template[i:start])
            if kind == 'escaped':
                out.append(self.delimiter)
            elif kind == 'invalid':
                self._invalid(start + len(self.delimiter))
            else:
                out.append(str(mapping[name]))
            i = end
        out.append(self.template[i:])
        return ''.join(out)

    def safe_substitute(self, mapping=None, /, **kws):
        mapping = self._mapping(mapping, kws)
        out = []
        i = 0
        for start, end, kind, name in self._scan():
            out.append(self.template[i:start])
            if kind == 'escaped':
                out.append(self.delimiter)
            elif kind == 'invalid':
                out.append(self.template[start:end])
            else:
                try:
                    out.append(str(mapping[name]))
                except KeyError:
                    out.append(self.template[start:end])
            i = end
        out.append(self.template[i:])
        return ''.join(out)

    def is_valid(self):
        for _, _, kind, _ in self._scan():
            if kind == 'invalid':
                return False
        return True

    def get_identifiers(self):
        ids = []
        for _, _, kind, name in self._scan():
            if kind in ('named', 'braced') and name not in ids:
                ids.append(name)
        return ids


class _ChainMap:
    # The keyword arguments first, then the mapping (what CPython's ChainMap gives).
    def __init__(self, first, second):
        self.first = first
        self.second = second

    def __getitem__(self, key):
        try:
            return self.first[key]
        except KeyError:
            return self.second[key]


def _parse_format(s):
    # (literal_text, field_name, format_spec, conversion) tuples, as
    # _string.formatter_parser yields them; errors as str.format's.
    i = 0
    n = len(s)
    lit = []
    while i < n:
        c = s[i]
        if c == '{':
            if i + 1 < n and s[i + 1] == '{':
                # An escaped brace ends the literal piece, as CPython's parser.
                lit.append('{')
                yield ''.join(lit), None, None, None
                lit = []
                i += 2
                continue
            if i + 1 == n:
                raise ValueError("Single '{' encountered in format string")
            # A replacement field: find its matching close brace.
            depth = 1
            j = i + 1
            while j < n:
                if s[j] == '{':
                    depth += 1
                elif s[j] == '}':
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            if j >= n:
                raise ValueError("expected '}' before end of string")
            field = s[i + 1:j]
            # field_name[!conversion][:format_spec]; '!' and ':' inside [] don't count.
            k = 0
            in_bracket = False
            while k < len(field):
                ch = field[k]
                if ch == '[':
                    in_bracket = True
                elif ch == ']':
                    in_bracket = False
                elif not in_bracket and ch in '!:':
                    break
                k += 1
            name = field[:k]
            conversion = None
            spec = ''
            if k < len(field) and field[k] == '!':
                if k + 1 >= len(field):
                    raise ValueError("end of string while looking for conversion specifier")
                conversion = field[k + 1]
                rest = field[k + 2:]
                if rest and rest[0] != ':':
                    raise ValueError("expected ':' after conversion specifier")
                spec = rest[1:]
            elif k < len(field):
                spec = field[k + 1:]
            yield ''.join(lit), name, spec, conversion
            lit = []
            i = j + 1
        elif c == '}':
            if i + 1 < n and s[i + 1] == '}':
                lit.append('}')
                yield ''.join(lit), None, None, None
                lit = []
                i += 2
                continue
            raise ValueError("Single '}' encountered in format string")
        else:
            lit.append(c)
            i += 1
    if lit:
        yield ''.join(lit), None, None, None


def _split_field(name):
    # (first, [(is_attr, key), ...]) as _string.formatter_field_name_split.
    i = 0
    n = len(name)
    while i < n and name[i] not in '.[':
        i += 1
    first = name[:i]
    if first.isdigit():
        first = int(first)
    rest = []
    while i < n:
        if name[i] == '.':
            j = i + 1
            while j < n and name[j] not in '.[':
                j += 1
            attr = name[i + 1:j]
            if not attr:
                raise ValueError("Empty attribute in format string")
            rest.append((True, attr))
            i = j
        elif name[i] == '[':
            j = name.find(']', i)
            if j < 0:
                raise ValueError("Missing ']' in format string")
            key = name[i + 1:j]
            if not key:
                raise ValueError("Empty attribute in format string")
            rest.append((False, int(key) if key.isdigit() else key))
            i = j + 1
            if i < n and name[i] not in '.[':
                raise ValueError("Only '.' or '[' may follow ']' in format field specifier")
        else:
            raise ValueError("Only '.' or '[' may follow ']' in format field specifier")
    return first, rest


class Formatter:
    def format(self, format_string, /, *args, **kwargs):
        return self.vformat(format_string, args, kwargs)

    def vformat(self, format_string, args, kwargs):
        used_args = set()
        result, _ = self._vformat(format_string, args, kwargs, used_args, 2)
        self.check_unused_args(used_args, args, kwargs)
        return result

    def _vformat(self, format_string, args, kwargs, used_args, recursion_depth,
                 auto_arg_index=0):
        if recursion_depth < 0:
            raise ValueError('Max string recursion exceeded')
        result = []
        for literal_text, field_name, format_spec, conversion in self.parse(format_string):
            if literal_text:
                result.append(literal_text)
            if field_name is not None:
                # Automatic numbering ('{}') and manual ('{0}') may not be mixed.
                if field_name == '':
                    if auto_arg_index is False:
                        raise ValueError('cannot switch from manual field '
                                         'specification to automatic field '
                                         'numbering')
                    field_name = str(auto_arg_index)
                    auto_arg_index += 1
                elif field_name.isdigit():
                    if auto_arg_index:
                        raise ValueError('cannot switch from manual field '
                                         'specification to automatic field '
                                         'numbering')
                    auto_arg_index = False
                obj, arg_used = self.get_field(field_name, args, kwargs)
                used_args.add(arg_used)
                obj = self.convert_field(obj, conversion)
                format_spec, auto_arg_index = self._vformat(
                    format_spec, args, kwargs,
                    used_args, recursion_depth - 1,
                    auto_arg_index=auto_arg_index)
                result.append(self.format_field(obj, format_spec))
        return ''.join(result), auto_arg_index

    def get_value(self, key, args, kwargs):
        if isinstance(key, int):
            return args[key]
        else:
            return kwargs[key]

    def check_unused_args(self, used_args, args, kwargs):
        pass

    def format_field(self, value, format_spec):
        return format(value, format_spec)

    def convert_field(self, value, conversion):
        if conversion is None:
            return value
        elif conversion == 's':
            return str(value)
        elif conversion == 'r':
            return repr(value)
        elif conversion == 'a':
            return ascii(value)
        raise ValueError("Unknown conversion specifier {0!s}".format(conversion))

    def parse(self, format_string):
        return list(_parse_format(format_string))

    def get_field(self, field_name, args, kwargs):
        first, rest = _split_field(field_name)
        obj = self.get_value(first, args, kwargs)
        for is_attr, i in rest:
            if is_attr:
                obj = getattr(obj, i)
            else:
                obj = obj[i]
        return obj, first
