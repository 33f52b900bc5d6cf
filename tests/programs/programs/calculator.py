# Whole program: a tokenizer and recursive-descent calculator with error reporting.
class ParseError(Exception):
    pass
def tokenize(src):
    tokens = []
    i = 0
    while i < len(src):
        ch = src[i]
        if ch.isspace():
            i += 1
        elif ch.isdigit() or ch == ".":
            j = i
            while j < len(src) and (src[j].isdigit() or src[j] == "."):
                j += 1
            text = src[i:j]
            tokens.append(("num", float(text) if "." in text else int(text)))
            i = j
        elif ch in "+-*/()%^":
            tokens.append(("op", ch))
            i += 1
        elif ch.isalpha():
            j = i
            while j < len(src) and src[j].isalpha():
                j += 1
            tokens.append(("name", src[i:j]))
            i = j
        else:
            raise ParseError("bad character " + repr(ch) + " at " + str(i))
    tokens.append(("end", None))
    return tokens
class Parser:
    def __init__(self, tokens, env):
        self.tokens = tokens
        self.pos = 0
        self.env = env
    def peek(self):
        return self.tokens[self.pos]
    def take(self):
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok
    def expr(self):
        value = self.term()
        while self.peek() in (("op", "+"), ("op", "-")):
            op = self.take()[1]
            value = value + self.term() if op == "+" else value - self.term()
        return value
    def term(self):
        value = self.factor()
        while self.peek()[0] == "op" and self.peek()[1] in "*/%":
            op = self.take()[1]
            rhs = self.factor()
            if op == "*":
                value *= rhs
            elif op == "/":
                value /= rhs
            else:
                value %= rhs
        return value
    def factor(self):
        base = self.unary()
        if self.peek() == ("op", "^"):
            self.take()
            return base ** self.factor()
        return base
    def unary(self):
        if self.peek() == ("op", "-"):
            self.take()
            return -self.unary()
        kind, val = self.take()
        if kind == "num":
            return val
        if kind == "name":
            return self.env[val]
        if (kind, val) == ("op", "("):
            v = self.expr()
            if self.take() != ("op", ")"):
                raise ParseError("expected )")
            return v
        raise ParseError("unexpected " + str(val))
def calc(src, env={"pi": 3.14159, "x": 10}):
    try:
        p = Parser(tokenize(src), env)
        v = p.expr()
        if p.peek()[0] != "end":
            raise ParseError("trailing input")
        return v
    except (ParseError, ZeroDivisionError, KeyError) as e:
        return type(e).__name__ + ": " + str(e)
print(tokenize("3 + 4.5*(x - 1)"))
for src in ["1 + 2 * 3", "(1 + 2) * 3", "2 ^ 3 ^ 2", "-2 ^ 2", "10 / 4", "10 % 4 - -1",
            "x * pi", "2 * (3 + 4) * 5", "1 / 0", "y + 1", "3 $ 4", "(1 + 2", "1 2", "1.5 + .5"]:
    print(src.ljust(16), "=>", calc(src))
