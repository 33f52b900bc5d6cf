# textwrap: wrap/fill with every option (widths, indents, hyphen breaking, long words,
# tabs, sentence endings, drop_whitespace, max_lines/placeholder), shorten, dedent,
# indent, TextWrapper reuse, errors.
import textwrap

text = ("The quick brown fox jumps over the lazy dog. Well-known multi-word-hyphenated "
        "terms, an em--dash, e-mail addresses like a-b@c.d, and a verylongwordthatcannotfitanywhere "
        "are all here.  Two spaces?   Three!\tTab\tseparated\nnew line.")
for w in (1, 5, 10, 17, 30, 45, 70, 200):
    print(w, textwrap.wrap(text, w))
print(textwrap.fill(text, 25, initial_indent="* ", subsequent_indent="  "))
print(textwrap.wrap(text, 20, break_on_hyphens=False))
print(textwrap.wrap(text, 12, break_long_words=False))
print(textwrap.wrap(text, 20, drop_whitespace=False))
print(textwrap.wrap(text, 20, replace_whitespace=False, expand_tabs=False))
print(textwrap.wrap("a\tb\tc", 30, tabsize=4), textwrap.wrap("a\tb", 30, expand_tabs=False))
print(textwrap.wrap("Hi there. How are you? Fine! 'Yes.' Dr. Who. end", 80, fix_sentence_endings=True))
for ml in (1, 2, 3):
    print(textwrap.wrap(text, 30, max_lines=ml), textwrap.wrap(text, 30, max_lines=ml, placeholder="..."))
print(textwrap.shorten("Hello  world!", width=12), textwrap.shorten("Hello  world!", width=11))
print(textwrap.shorten("Hello world", width=10, placeholder="..."), repr(textwrap.shorten("   ", 5)))
print(textwrap.wrap(""), textwrap.wrap("   "), textwrap.fill(""), textwrap.wrap("  lead", 10), textwrap.wrap("x" * 25, 10))
print(textwrap.wrap("--leading dashes and trailing--", 10), textwrap.wrap("a-b-c-d e--f g---h", 4))
print(textwrap.wrap("123-456-789 ab-cd-ef abc-def", 6), textwrap.wrap("foo-bar-baz-quux", 9))
print(textwrap.wrap("hyphen-ated-words-that-are-long", 7), textwrap.wrap("über-straße-café über", 8))
print(repr(textwrap.dedent("""
    def f():
        return 1
      
    end
""")))
print(repr(textwrap.dedent("  a\n\tb\n")), repr(textwrap.dedent("   x\n   y\n")), repr(textwrap.dedent("  a\n    b\n  c")))
print(repr(textwrap.dedent("\t\tx\n\t y")), repr(textwrap.dedent("no indent\n  some")), repr(textwrap.dedent("")))
print(repr(textwrap.indent("a\nb\n\nc", "> ")), repr(textwrap.indent("a\n  \nb", "+", lambda l: True)))
print(repr(textwrap.indent("x\r\ny\n", "  ")))
tw = textwrap.TextWrapper(width=15, initial_indent="- ")
print(tw.wrap("one two three four five six"), tw.fill("seven eight nine"), tw.width)
tw.width = 8
print(tw.wrap("one two three four"))
for bad in [lambda: textwrap.wrap("x", 0), lambda: textwrap.wrap("a b", 5, max_lines=1, placeholder=" [......]"),
            lambda: textwrap.wrap("x", -3)]:
    try:
        print(bad())
    except ValueError as e:
        print("ValueError:", e)
