# textwrap for gilvm: wrap, fill, shorten, dedent, indent and TextWrapper with
# CPython 3.11's results. CPython splits text with regular expressions; gilvm has no
# `re` yet, so the same chunking rules (whitespace runs, em-dashes, words broken after
# hyphens between letters) are scanned by hand here.

__all__ = ['TextWrapper', 'wrap', 'fill', 'dedent', 'indent', 'shorten']

_whitespace = '\t\n\x0b\x0c\r '


def _is_word(c):
    # \w
    return c.isalnum() or c == '_'


def _is_letter(c):
    # [^\d\W]: a word character that is not a digit
    return (c.isalnum() or c == '_') and not c.isdecimal()


def _is_word_punct(c):
    # [\w!"'&.,?]
    return _is_word(c) or c in '!"\'&.,?'


def _dashes_then_word(s, j):
    # -{2,}(?=\w) at j
    k = j
    while k < len(s) and s[k] == '-':
        k += 1
    return k - j >= 2 and k < len(s) and _is_word(s[k])


def _chunks_hyphenated(s):
    # The pieces CPython's TextWrapper.wordsep_re splits text into.
    out = []
    n = len(s)
    i = 0
    while i < n:
        c = s[i]
        if c in _whitespace:
            j = i + 1
            while j < n and s[j] in _whitespace:
                j += 1
            out.append(s[i:j])
            i = j
            continue
        if i > 0 and _is_word_punct(s[i - 1]) and _dashes_then_word(s, i):
            j = i
            while s[j] == '-':
                j += 1
            out.append(s[i:j])
            i = j
            continue
        j = i + 1
        while True:
            # A hyphen that ends a word: after two letters, or letter-hyphen-letter,
            # and before a letter, an optional hyphen, and a letter.
            if j < n and s[j] == '-':
                behind = ((j >= 2 and _is_letter(s[j - 2]) and _is_letter(s[j - 1])) or
                          (j >= 3 and _is_letter(s[j - 3]) and s[j - 2] == '-' and
                           _is_letter(s[j - 1])))
                if behind and j + 2 < n and _is_letter(s[j + 1]) and (
                        _is_letter(s[j + 2]) or
                        (s[j + 2] == '-' and j + 3 < n and _is_letter(s[j + 3]))):
                    j += 1
                    break
            if j >= n or s[j] in _whitespace:
                break
            if _is_word_punct(s[j - 1]) and _dashes_then_word(s, j):
                break
            j += 1
        out.append(s[i:j])
        i = j
    return out


def _chunks_simple(s):
    # wordsep_simple_re: whitespace runs and what lies between them.
    out = []
    n = len(s)
    i = 0
    while i < n:
        ws = s[i] in _whitespace
        j = i + 1
        while j < n and (s[j] in _whitespace) == ws:
            j += 1
        out.append(s[i:j])
        i = j
    return out


def _sentence_end(chunk):
    # [a-z][.!?]["']?\Z
    if chunk[-1:] in ('"', "'"):
        chunk = chunk[:-1]
    return (len(chunk) >= 2 and chunk[-1] in '.!?' and
            'a' <= chunk[-2] <= 'z')


class TextWrapper:
    """Object for wrapping/filling text."""

    unicode_whitespace_trans = {}
    for _c in _whitespace:
        unicode_whitespace_trans[ord(_c)] = ord(' ')
    del _c

    def __init__(self,
                 width=70,
                 initial_indent="",
                 subsequent_indent="",
                 expand_tabs=True,
                 replace_whitespace=True,
                 fix_sentence_endings=False,
                 break_long_words=True,
                 drop_whitespace=True,
                 break_on_hyphens=True,
                 tabsize=8,
                 *,
                 max_lines=None,
                 placeholder=' [...]'):
        self.width = width
        self.initial_indent = initial_indent
        self.subsequent_indent = subsequent_indent
        self.expand_tabs = expand_tabs
        self.replace_whitespace = replace_whitespace
        self.fix_sentence_endings = fix_sentence_endings
        self.break_long_words = break_long_words
        self.drop_whitespace = drop_whitespace
        self.break_on_hyphens = break_on_hyphens
        self.tabsize = tabsize
        self.max_lines = max_lines
        self.placeholder = placeholder

    def _munge_whitespace(self, text):
        if self.expand_tabs:
            text = text.expandtabs(self.tabsize)
        if self.replace_whitespace:
            # str.translate with the table (gilvm's str has no translate yet).
            t = self.unicode_whitespace_trans
            text = ''.join(chr(t[ord(c)]) if ord(c) in t else c for c in text)
        return text

    def _split(self, text):
        if self.break_on_hyphens is True:
            chunks = _chunks_hyphenated(text)
        else:
            chunks = _chunks_simple(text)
        return [c for c in chunks if c]

    def _fix_sentence_endings(self, chunks):
        i = 0
        while i < len(chunks) - 1:
            if chunks[i + 1] == " " and _sentence_end(chunks[i]):
                chunks[i + 1] = "  "
                i += 2
            else:
                i += 1

    def _handle_long_word(self, reversed_chunks, cur_line, cur_len, width):
        if width < 1:
            space_left = 1
        else:
            space_left = width - cur_len
        if self.break_long_words:
            end = space_left
            chunk = reversed_chunks[-1]
            if self.break_on_hyphens and len(chunk) > space_left:
                # Break after the last hyphen within the space, if it is not the
                # chunk's leading run of hyphens.
                hyphen = chunk.rfind('-', 0, space_left)
                if hyphen > 0 and any(c != '-' for c in chunk[:hyphen]):
                    end = hyphen + 1
            cur_line.append(chunk[:end])
            reversed_chunks[-1] = chunk[end:]
        elif not cur_line:
            cur_line.append(reversed_chunks.pop())

    def _wrap_chunks(self, chunks):
        lines = []
        if self.width <= 0:
            raise ValueError("invalid width %r (must be > 0)" % self.width)
        if self.max_lines is not None:
            if self.max_lines > 1:
                indent = self.subsequent_indent
            else:
                indent = self.initial_indent
            if len(indent) + len(self.placeholder.lstrip()) > self.width:
                raise ValueError("placeholder too large for max width")

        chunks.reverse()
        while chunks:
            cur_line = []
            cur_len = 0
            if lines:
                indent = self.subsequent_indent
            else:
                indent = self.initial_indent
            width = self.width - len(indent)
            # Leading whitespace of a line (but not of the text) is dropped.
            if self.drop_whitespace and chunks[-1].strip() == '' and lines:
                del chunks[-1]
            while chunks:
                l = len(chunks[-1])
                if cur_len + l <= width:
                    cur_line.append(chunks.pop())
                    cur_len += l
                else:
                    break
            if chunks and len(chunks[-1]) > width:
                self._handle_long_word(chunks, cur_line, cur_len, width)
                cur_len = sum(map(len, cur_line))
            if self.drop_whitespace and cur_line and cur_line[-1].strip() == '':
                cur_len -= len(cur_line[-1])
                del cur_line[-1]

            if cur_line:
                if (self.max_lines is None or
                        len(lines) + 1 < self.max_lines or
                        (not chunks or
                         self.drop_whitespace and
                         len(chunks) == 1 and
                         not chunks[0].strip()) and cur_len <= width):
                    lines.append(indent + ''.join(cur_line))
                else:
                    while cur_line:
                        if (cur_line[-1].strip() and
                                cur_len + len(self.placeholder) <= width):
                            cur_line.append(self.placeholder)
                            lines.append(indent + ''.join(cur_line))
                            break
                        cur_len -= len(cur_line[-1])
                        del cur_line[-1]
                    else:
                        if lines:
                            prev_line = lines[-1].rstrip()
                            if (len(prev_line) + len(self.placeholder) <=
                                    self.width):
                                lines[-1] = prev_line + self.placeholder
                                break
                        lines.append(indent + self.placeholder.lstrip())
                    break

        return lines

    def _split_chunks(self, text):
        text = self._munge_whitespace(text)
        return self._split(text)

    def wrap(self, text):
        """Reformat the single paragraph in 'text' so it fits in lines of no more
        than 'self.width' columns, and return a list of wrapped lines."""
        chunks = self._split_chunks(text)
        if self.fix_sentence_endings:
            self._fix_sentence_endings(chunks)
        return self._wrap_chunks(chunks)

    def fill(self, text):
        """Reformat the single paragraph in 'text' to fit in lines of no more than
        'self.width' columns, and return a new string containing the entire
        wrapped paragraph."""
        return "\n".join(self.wrap(text))


def wrap(text, width=70, **kwargs):
    """Wrap a single paragraph of text, returning a list of wrapped lines."""
    w = TextWrapper(width=width, **kwargs)
    return w.wrap(text)


def fill(text, width=70, **kwargs):
    """Fill a single paragraph of text, returning a new string."""
    w = TextWrapper(width=width, **kwargs)
    return w.fill(text)


def shorten(text, width, **kwargs):
    """Collapse and truncate the given text to fit in the given width."""
    w = TextWrapper(width=width, max_lines=1, **kwargs)
    return w.fill(' '.join(text.strip().split()))


def dedent(text):
    """Remove any common leading whitespace from every line in `text`."""
    lines = text.split('\n')
    # Lines of only blanks and tabs become empty and do not count for the margin.
    margin = None
    for i, line in enumerate(lines):
        stripped = line.lstrip(' \t')
        if not stripped:
            lines[i] = ''
            continue
        indent = line[:len(line) - len(stripped)]
        if margin is None:
            margin = indent
        elif indent.startswith(margin):
            pass
        elif margin.startswith(indent):
            margin = indent
        else:
            # The longest common prefix of the two.
            k = 0
            while k < len(margin) and k < len(indent) and margin[k] == indent[k]:
                k += 1
            margin = margin[:k]
    if margin:
        lines = [line[len(margin):] if line else line for line in lines]
    return '\n'.join(lines)


def indent(text, prefix, predicate=None):
    """Adds 'prefix' to the beginning of selected lines in 'text'."""
    if predicate is None:
        def predicate(line):
            return line.strip()

    def prefixed_lines():
        for line in text.splitlines(True):
            yield (prefix + line if predicate(line) else line)
    return ''.join(prefixed_lines())
