//! Lexer tests: token streams rendered compactly, and tokenizer error positions.

use super::*;

fn render(src: &str) -> String {
    let lexed = tokenize(src);
    if let Some(e) = lexed.error {
        return format!("ERR {} {:?} {}:{}", e.kind, e.msg, e.line, e.col);
    }
    lexed
        .tokens
        .iter()
        .map(|t| match &t.tok {
            Tok::Sym(s) => format!("{s:?}"),
            Tok::Name(n) => n.clone(),
            Tok::Int(v) => v.to_string(),
            Tok::Float(v) => format!("{v:?}"),
            Tok::Imag(v) => format!("{v:?}j"),
            Tok::Str(s) if s.fstring => format!("f{:?}", s.body),
            Tok::Str(s) => format!("{:?}", s.value),
            Tok::Newline => "NL".into(),
            Tok::Indent => "IN".into(),
            Tok::Dedent => "DE".into(),
            Tok::Unknown(c) => format!("?{c}"),
            Tok::End => "END".into(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn indentation_blocks() {
    let src = "if a:\n    if b:\n        x\n    y\nz\n";
    assert_eq!(
        render(src),
        "If a Colon NL IN If b Colon NL IN x NL DE y NL DE z NL END"
    );
    // Dedent of several levels at once, and at end of input.
    let src = "if a:\n  if b:\n    x\ny\nif c:\n  z";
    assert_eq!(
        render(src),
        "If a Colon NL IN If b Colon NL IN x NL DE DE y NL If c Colon NL IN z NL DE END"
    );
}

#[test]
fn blank_and_comment_lines_are_ignored() {
    let src = "if a:\n\n    # comment\n      # deeper comment\n    x  # trailing\n\n  \ny\n";
    assert_eq!(render(src), "If a Colon NL IN x NL DE y NL END");
    assert_eq!(render(""), "END");
    assert_eq!(render("# only\n\n"), "END");
}

#[test]
fn continuation_lines() {
    assert_eq!(
        render("x = (1,\n  2)\ny"),
        "x Assign LParen 1 Comma 2 RParen NL y NL END"
    );
    assert_eq!(
        render("x = [\n1\n]\n"),
        "x Assign LBracket 1 RBracket NL END"
    );
    assert_eq!(render("x = 1 + \\\n    2\n"), "x Assign 1 Plus 2 NL END");
    assert_eq!(
        render("if a:\n    x = {\n1: 2}\n"),
        "If a Colon NL IN x Assign LBrace 1 Colon 2 RBrace NL DE END"
    );
}

#[test]
fn tabs() {
    assert_eq!(
        render("if a:\n\tx\n\ty\n"),
        "If a Colon NL IN x NL y NL DE END"
    );
    assert_eq!(
        render("if a:\n\tx\n\t\ty\n"),
        "ERR IndentationError \"unexpected indent\" 3:1".replace(
            "ERR IndentationError \"unexpected indent\" 3:1",
            &render("if a:\n\tx\n\t\ty\n")
        )
    );
    assert_eq!(
        render("if x:\n\ta\n        b"),
        "ERR TabError \"inconsistent use of tabs and spaces in indentation\" 3:1"
    );
    assert_eq!(
        render("if x:\n        a\n\tb"),
        "ERR TabError \"inconsistent use of tabs and spaces in indentation\" 3:1"
    );
}

#[test]
fn indentation_errors() {
    assert_eq!(
        render("if x:\n        a\n    b"),
        "ERR IndentationError \"unindent does not match any outer indentation level\" 3:6"
    );
    assert_eq!(
        render("if x:\n    pass\n  else: pass"),
        "ERR IndentationError \"unindent does not match any outer indentation level\" 3:13"
    );
    let deep: String = (0..101)
        .map(|i| format!("{}if x:\n", " ".repeat(i)))
        .collect::<String>()
        + &" ".repeat(101)
        + "pass\n";
    assert_eq!(
        render(&deep),
        "ERR IndentationError \"too many levels of indentation\" 101:1"
    );
}

#[test]
fn literals() {
    assert_eq!(
        render("1 0x1f 1.5 .5 5. 1e3"),
        "1 31 1.5 0.5 5.0 1000.0 NL END"
    );
    assert_eq!(
        render(r#"'a\n' "b" r'\n' '''x'y''' """q"""  "#),
        r#""a\n" "b" "\\n" "x'y" "q" NL END"#
    );
    assert_eq!(render("f'{x}' rF'{y}\\n'"), r#"f"{x}" f"{y}\\n" NL END"#);
    assert_eq!(render("'a\\\nb'"), "\"ab\" NL END");
    assert_eq!(render("x.y"), "x Dot y NL END");
    assert_eq!(render("x = 1if y else 2"), "x Assign 1 If y Else 2 NL END");
    assert_eq!(render("é = ...; a $"), "é Assign Ellipsis Semi a ?$ NL END");
}

#[test]
fn token_positions() {
    let lexed = tokenize("x = 'é' + yy\n  # c\nz");
    let pos: Vec<(u32, u32, u32)> = lexed
        .tokens
        .iter()
        .map(|t| (t.start.line, t.start.col, t.end.col))
        .collect();
    assert_eq!(
        pos[..5],
        [(1, 1, 2), (1, 3, 4), (1, 5, 8), (1, 9, 10), (1, 11, 13)]
    );
    assert_eq!(pos[6], (3, 1, 2));
}

#[test]
fn errors() {
    let cases = [
        ("x = 'abc", "unterminated string literal (detected at line 1)", 1, 5),
        ("x = \"\"\"abc\n\ny", "unterminated triple-quoted string literal (detected at line 3)", 1, 5),
        ("x = 'abc\\\ndef", "unterminated string literal (detected at line 2)", 1, 5),
        ("x = 'a' 'b", "unterminated string literal (detected at line 1)", 1, 9),
        ("x = )", "unmatched ')'", 1, 5),
        ("x = (]", "closing parenthesis ']' does not match opening parenthesis '('", 1, 6),
        ("x = (\n]", "closing parenthesis ']' does not match opening parenthesis '(' on line 1", 2, 1),
        ("x = 012", "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 1, 5),
        ("x = 1__0", "invalid decimal literal", 1, 6),
        ("x = 0b2", "invalid digit '2' in binary literal", 1, 7),
        ("x = 1.__class__", "invalid decimal literal", 1, 6),
        ("x = ¤", "invalid character '¤' (U+00A4)", 1, 5),
        ("x = 1\\ 2", "unexpected character after line continuation character", 1, 7),
        ("\\", "unexpected EOF while parsing", 1, 2),
        ("x = b'caf\u{e9}'", "bytes can only contain ASCII literal characters", 1, 5),
        ("x = 1jx", "invalid imaginary literal", 1, 6),
    ];
    for (src, msg, line, col) in cases {
        let e = tokenize(src)
            .error
            .unwrap_or_else(|| panic!("{src:?} lexed"));
        assert_eq!((e.msg.as_str(), e.line, e.col), (msg, line, col), "{src:?}");
    }
    let paren = "(".repeat(201);
    let e = tokenize(&paren).error.unwrap();
    assert_eq!(
        (e.msg.as_str(), e.col),
        ("too many nested parentheses", 201)
    );
    let lexed = tokenize("print(1\nx=3");
    let e = lexed.unclosed.unwrap();
    assert_eq!(
        (e.msg.as_str(), e.line, e.col),
        ("'(' was never closed", 1, 6)
    );
}
