//! `_re`, the engine under re.py: Python's pattern syntax parsed (with CPython's
//! re.error messages and positions) and translated to fancy-regex's, and the Pattern
//! and Match objects with char offsets. Where the engines differ: docs/language.md.

use super::{bind, native, native_class, this};
use crate::vm::cell::ObjCell;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::{Args, Class, DictMap, DictObj, HKey, NativeObject};
use crate::vm::refcount::{Header, Ref};
use crate::vm::strops::str_repr;
use crate::vm::value::{PyStr, Value};
use crate::vm::Vm;
use fancy_regex::Regex;
use std::sync::OnceLock;

const F_I: u32 = 2;
const F_L: u32 = 4;
const F_M: u32 = 8;
const F_S: u32 = 16;
const F_U: u32 = 32;
const F_X: u32 = 64;
const F_A: u32 = 256;

// ---------------------------------------------------------------------------
// The translator.

struct ReErr {
    msg: String,
    pos: Option<usize>,
}

fn err<T>(msg: impl Into<String>, pos: usize) -> Result<T, ReErr> {
    Err(ReErr {
        msg: msg.into(),
        pos: Some(pos),
    })
}

/// What the previous item of a sequence was, for the repeat checks.
#[derive(Clone, Copy, PartialEq)]
enum Last {
    Nothing,
    Item,
    At,
    Repeat,
}

struct Translator {
    p: Vec<char>,
    i: usize,
    out: String,
    /// Flags of the whole pattern (the argument plus global inline flags).
    flags: u32,
    groups: usize,
    names: Vec<(String, usize)>,
    open: Vec<usize>,
    /// Still at the start of the pattern: global flags are allowed.
    at_start: bool,
    /// Flags turned on by global inline flags (`(?x)`), for every later sequence.
    gflags: u32,
}

const WORD_ASCII: &str = "0-9A-Za-z_";
const SPACE_UNI: &str =
    "\\x{9}-\\x{d}\\x{1c}-\\x{20}\\x{85}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}";
const SPACE_ASCII: &str = "\\x{9}-\\x{d}\\x{20}";

fn push_class_char(out: &mut String, c: char) {
    out.push_str(&format!("\\x{{{:x}}}", c as u32));
}

fn push_lit(out: &mut String, c: char) {
    if c.is_ascii_alphanumeric() || c == '_' {
        out.push(c);
    } else {
        push_class_char(out, c);
    }
}

/// One element of a character class: a char, or a set already in regex syntax.
enum ClassItem {
    Char(char),
    Set(String),
}

impl Translator {
    fn peek(&self) -> Option<char> {
        self.p.get(self.i).copied()
    }

    fn peek_at(&self, k: usize) -> Option<char> {
        self.p.get(self.i + k).copied()
    }

    fn verbose(&self, flags: u32) -> bool {
        flags & F_X != 0
    }

    fn ascii(&self, flags: u32) -> bool {
        flags & F_A != 0
    }

    fn skip_verbose(&mut self, flags: u32) {
        if !self.verbose(flags) {
            return;
        }
        while let Some(c) = self.peek() {
            if c.is_whitespace() {
                self.i += 1;
            } else if c == '#' {
                while let Some(c) = self.peek() {
                    self.i += 1;
                    if c == '\n' {
                        break;
                    }
                }
            } else {
                break;
            }
        }
    }

    fn alternation(&mut self, flags: u32) -> Result<(), ReErr> {
        loop {
            let mut f = flags | self.gflags;
            if self.gflags & F_A != 0 {
                f &= !F_U;
            }
            self.sequence(f)?;
            if self.peek() == Some('|') {
                self.i += 1;
                self.out.push('|');
                continue;
            }
            return Ok(());
        }
    }

    fn sequence(&mut self, mut flags: u32) -> Result<(), ReErr> {
        let mut last = Last::Nothing;
        loop {
            self.skip_verbose(flags);
            let Some(c) = self.peek() else {
                return Ok(());
            };
            let start = self.i;
            match c {
                '|' | ')' => return Ok(()),
                '(' => {
                    let (kind, new_flags) = self.group(flags)?;
                    if let Some(f) = new_flags {
                        flags = f;
                        continue;
                    }
                    if kind != Last::Nothing {
                        last = kind;
                    }
                }
                '[' => {
                    self.class(flags)?;
                    last = Last::Item;
                }
                '.' => {
                    self.i += 1;
                    self.out
                        .push_str(if flags & F_S != 0 { "(?s:.)" } else { "." });
                    last = Last::Item;
                }
                '^' => {
                    self.i += 1;
                    self.out
                        .push_str(if flags & F_M != 0 { "(?m:^)" } else { "^" });
                    last = Last::At;
                }
                '$' => {
                    self.i += 1;
                    self.out.push_str(if flags & F_M != 0 {
                        "(?m:$)"
                    } else {
                        "(?=\\n?\\z)"
                    });
                    last = Last::At;
                }
                '*' | '+' | '?' | '{' => {
                    let Some(q) = self.quantifier()? else {
                        // A `{` that starts no repeat is a literal.
                        self.i += 1;
                        push_lit(&mut self.out, '{');
                        last = Last::Item;
                        self.at_start = false;
                        continue;
                    };
                    match last {
                        Last::Nothing | Last::At => return err("nothing to repeat", start),
                        Last::Repeat => return err("multiple repeat", start),
                        Last::Item => {}
                    }
                    self.out.push_str(&q);
                    match self.peek() {
                        Some('?') => {
                            self.i += 1;
                            self.out.push('?');
                        }
                        Some('+') => {
                            self.i += 1;
                            self.out.push('+');
                        }
                        _ => {}
                    }
                    last = Last::Repeat;
                }
                '\\' => {
                    last = self.escape(flags)?;
                }
                c => {
                    self.i += 1;
                    push_lit(&mut self.out, c);
                    last = Last::Item;
                }
            }
            self.at_start = false;
        }
    }

    /// A repeat at `self.i`, translated, or None for a `{` that is a literal.
    fn quantifier(&mut self) -> Result<Option<String>, ReErr> {
        let start = self.i;
        let c = self.p[self.i];
        if c != '{' {
            self.i += 1;
            return Ok(Some(c.to_string()));
        }
        let mut j = self.i + 1;
        let mut lo = String::new();
        while let Some(d) = self.p.get(j).filter(|d| d.is_ascii_digit()) {
            lo.push(*d);
            j += 1;
        }
        let mut hi = None;
        if self.p.get(j) == Some(&',') {
            j += 1;
            let mut h = String::new();
            while let Some(d) = self.p.get(j).filter(|d| d.is_ascii_digit()) {
                h.push(*d);
                j += 1;
            }
            hi = Some(h);
        }
        if self.p.get(j) != Some(&'}') || (lo.is_empty() && hi.is_none()) {
            return Ok(None);
        }
        self.i = j + 1;
        let big = |s: &str| s.len() > 9 || s.parse::<u64>().unwrap_or(0) >= 4_294_967_295;
        if big(&lo) || hi.as_deref().is_some_and(big) {
            return Err(ReErr {
                msg: "the repetition number is too large".into(),
                pos: Some(start + 1),
            });
        }
        let lo_n: u64 = lo.parse().unwrap_or(0);
        Ok(Some(match hi {
            None => format!("{{{lo_n}}}"),
            Some(h) if h.is_empty() => format!("{{{lo_n},}}"),
            Some(h) => {
                let hi_n: u64 = h.parse().unwrap_or(0);
                if hi_n < lo_n {
                    return err("min repeat greater than max repeat", start + 1);
                }
                format!("{{{lo_n},{hi_n}}}")
            }
        }))
    }

    fn name_until(&mut self, close: char) -> Result<String, ReErr> {
        let start = self.i;
        let mut name = String::new();
        loop {
            match self.peek() {
                None if name.is_empty() => return err("missing group name", start),
                None => return err(format!("missing {close}, unterminated name"), start),
                Some(c) if c == close => {
                    self.i += 1;
                    break;
                }
                Some(c) => {
                    name.push(c);
                    self.i += 1;
                }
            }
        }
        if name.is_empty() {
            return err("missing group name", start);
        }
        Ok(name)
    }

    fn group_ref(&self, name: &str, pos: usize) -> Result<usize, ReErr> {
        if is_identifier(name) {
            return match self.names.iter().find(|(n, _)| n == name) {
                Some((_, g)) => Ok(*g),
                None => err(format!("unknown group name '{name}'"), pos),
            };
        }
        match name.parse::<usize>() {
            Ok(g) if name.chars().all(|c| c.is_ascii_digit()) => {
                if g == 0 || g > self.groups {
                    return err(format!("invalid group reference {g}"), pos);
                }
                Ok(g)
            }
            _ => err(format!("bad character in group name '{name}'"), pos),
        }
    }

    /// A group at `(`: the kind of item it is, or `Some(flags)` for global flags.
    fn group(&mut self, flags: u32) -> Result<(Last, Option<u32>), ReErr> {
        let gstart = self.i;
        self.i += 1;
        if self.peek() != Some('?') {
            self.groups += 1;
            let g = self.groups;
            self.open.push(g);
            self.out.push('(');
            self.body(flags, gstart, "missing ), unterminated subpattern")?;
            self.open.pop();
            return Ok((Last::Item, None));
        }
        self.i += 1;
        let Some(c) = self.peek() else {
            return err("unexpected end of pattern", self.i);
        };
        match c {
            ':' => {
                self.i += 1;
                self.out.push_str("(?:");
                self.body(flags, gstart, "missing ), unterminated subpattern")?;
                Ok((Last::Item, None))
            }
            '>' => {
                self.i += 1;
                self.out.push_str("(?>");
                self.body(flags, gstart, "missing ), unterminated subpattern")?;
                Ok((Last::Item, None))
            }
            'P' => {
                self.i += 1;
                match self.peek() {
                    Some('<') => {
                        self.i += 1;
                        let npos = self.i;
                        let name = self.name_until('>')?;
                        if !is_identifier(&name) {
                            return err(format!("bad character in group name '{name}'"), npos);
                        }
                        self.groups += 1;
                        let g = self.groups;
                        if let Some((_, old)) = self.names.iter().find(|(n, _)| *n == name) {
                            return err(
                                format!(
                                    "redefinition of group name '{name}' as group {g}; was group {old}"
                                ),
                                npos,
                            );
                        }
                        self.names.push((name, g));
                        self.open.push(g);
                        self.out.push('(');
                        self.body(flags, gstart, "missing ), unterminated subpattern")?;
                        self.open.pop();
                        Ok((Last::Item, None))
                    }
                    Some('=') => {
                        self.i += 1;
                        let npos = self.i;
                        let name = self.name_until(')')?;
                        if !is_identifier(&name) {
                            return err(format!("bad character in group name '{name}'"), npos);
                        }
                        let g = self.group_ref(&name, npos)?;
                        if self.open.contains(&g) {
                            return err("cannot refer to an open group", gstart);
                        }
                        self.out.push_str(&format!("(?:\\{g})"));
                        Ok((Last::Item, None))
                    }
                    Some(c) => err(format!("unknown extension ?P{c}"), gstart + 1),
                    None => err("unexpected end of pattern", self.i),
                }
            }
            '=' | '!' => {
                self.i += 1;
                self.out.push_str(if c == '=' { "(?=" } else { "(?!" });
                self.body(flags, gstart, "missing ), unterminated subpattern")?;
                Ok((Last::Item, None))
            }
            '<' => {
                self.i += 1;
                match self.peek() {
                    Some(d @ ('=' | '!')) => {
                        self.i += 1;
                        self.out.push_str(if d == '=' { "(?<=" } else { "(?<!" });
                        self.body(flags, gstart, "missing ), unterminated subpattern")?;
                        Ok((Last::Item, None))
                    }
                    Some(d) => err(format!("unknown extension ?<{d}"), gstart + 1),
                    None => err("unexpected end of pattern", self.i),
                }
            }
            '#' => {
                loop {
                    match self.peek() {
                        None => return err("missing ), unterminated comment", gstart),
                        Some(')') => {
                            self.i += 1;
                            break;
                        }
                        Some(_) => self.i += 1,
                    }
                }
                Ok((Last::Nothing, None))
            }
            '(' => {
                self.i += 1;
                let npos = self.i;
                let name = self.name_until(')')?;
                let g = self.group_ref(&name, npos)?;
                self.out.push_str(&format!("(?({g})"));
                let before = self.out.len();
                self.body(flags, gstart, "missing ), unterminated subpattern")?;
                // At most two branches.
                let inner = &self.out[before..];
                let mut depth = 0i32;
                let mut bars = 0;
                let mut esc = false;
                for ch in inner.chars() {
                    if esc {
                        esc = false;
                        continue;
                    }
                    match ch {
                        '\\' => esc = true,
                        '(' | '[' => depth += 1,
                        ')' | ']' => depth -= 1,
                        '|' if depth == 0 => bars += 1,
                        _ => {}
                    }
                }
                if bars > 1 {
                    return err(
                        "conditional backref with more than two branches",
                        self.i - 1,
                    );
                }
                Ok((Last::Item, None))
            }
            c if "aiLmsux-".contains(c) => self.flags_group(flags, gstart),
            c => err(format!("unknown extension ?{c}"), gstart + 1),
        }
    }

    /// `(?aiLmsux)` (global) or `(?aiLmsux-imsx:...)` (scoped).
    fn flags_group(&mut self, flags: u32, gstart: usize) -> Result<(Last, Option<u32>), ReErr> {
        let bit = |c: char| match c {
            'a' => F_A,
            'i' => F_I,
            'L' => F_L,
            'm' => F_M,
            's' => F_S,
            'u' => F_U,
            'x' => F_X,
            _ => 0,
        };
        let mut add = 0;
        let mut del = 0;
        while let Some(c) = self.peek() {
            if bit(c) == 0 {
                break;
            }
            add |= bit(c);
            self.i += 1;
        }
        if add & F_L != 0 {
            return err(
                "bad inline flags: cannot use 'L' flag with a str pattern",
                self.i,
            );
        }
        if add & F_A != 0 && add & F_U != 0 {
            return err(
                "bad inline flags: flags 'a', 'u' and 'L' are incompatible",
                self.i,
            );
        }
        if self.peek() == Some('-') {
            self.i += 1;
            while let Some(c) = self.peek() {
                if bit(c) == 0 {
                    break;
                }
                if matches!(c, 'a' | 'u' | 'L') {
                    return err(
                        "bad inline flags: cannot turn off flags 'a', 'u' and 'L'",
                        self.i + 1,
                    );
                }
                del |= bit(c);
                self.i += 1;
            }
            if del == 0 {
                return match self.peek() {
                    None => err("missing flag", self.i),
                    Some(_) => err("missing flag", self.i),
                };
            }
            if add & del != 0 {
                return err("bad inline flags: flag turned on and off", self.i);
            }
        }
        match self.peek() {
            Some(')') if del == 0 => {
                self.i += 1;
                if !self.at_start {
                    return err("global flags not at the start of the expression", gstart);
                }
                if add & F_I != 0 && self.flags & F_I == 0 {
                    self.out.push_str("(?i)");
                }
                self.flags |= add;
                self.gflags |= add;
                let mut f = flags | add;
                if add & F_A != 0 {
                    f &= !F_U;
                }
                Ok((Last::Nothing, Some(f)))
            }
            Some(':') => {
                self.i += 1;
                let inner = (flags | add) & !del;
                let mut open = String::from("(?");
                if add & F_I != 0 && flags & F_I == 0 {
                    open.push('i');
                }
                if del & F_I != 0 && flags & F_I != 0 {
                    open.push_str("-i");
                }
                open.push(':');
                self.out.push_str(&open);
                self.body(inner, gstart, "missing ), unterminated subpattern")?;
                Ok((Last::Item, None))
            }
            None => err("missing -, : or )", self.i),
            Some(c) if c.is_alphabetic() => err("unknown flag", self.i),
            Some(_) => err("missing -, : or )", self.i),
        }
    }

    /// The inside of a group up to its `)`, which is consumed and emitted.
    fn body(&mut self, flags: u32, gstart: usize, missing: &str) -> Result<(), ReErr> {
        let was = self.at_start;
        self.at_start = false;
        self.alternation(flags)?;
        self.at_start = was;
        if self.peek() != Some(')') {
            return err(missing, gstart);
        }
        self.i += 1;
        self.out.push(')');
        Ok(())
    }

    fn hex(&mut self, n: usize, e: usize, letter: char) -> Result<char, ReErr> {
        let mut v: u32 = 0;
        for k in 0..n {
            match self.peek().and_then(|c| c.to_digit(16)) {
                Some(d) => {
                    v = v * 16 + d;
                    self.i += 1;
                }
                None => {
                    let text: String = self.p[e..self.i].iter().collect();
                    let _ = k;
                    return err(format!("incomplete escape {text}"), e);
                }
            }
        }
        match char::from_u32(v) {
            Some(c) => Ok(c),
            None if letter == 'U' => {
                let text: String = self.p[e..self.i].iter().collect();
                err(format!("bad escape {text}"), e)
            }
            // A surrogate: gilvm's str cannot hold one, so nothing can match it.
            None => Ok('\u{fffd}'),
        }
    }

    /// The escapes that mean one char, in and out of classes; None when `c` is not one.
    fn char_escape(&mut self, c: char, e: usize, in_class: bool) -> Result<Option<char>, ReErr> {
        Ok(Some(match c {
            'a' => '\u{7}',
            'f' => '\u{c}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'v' => '\u{b}',
            'b' if in_class => '\u{8}',
            'x' => return self.hex(2, e, 'x').map(Some),
            'u' => return self.hex(4, e, 'u').map(Some),
            'U' => return self.hex(8, e, 'U').map(Some),
            'N' => {
                if self.peek() != Some('{') {
                    return err("missing {", self.i);
                }
                self.i += 1;
                let npos = self.i;
                let mut name = String::new();
                loop {
                    match self.peek() {
                        None if name.is_empty() => return err("missing character name", npos),
                        None => return err("missing }, unterminated name", npos),
                        Some('}') => {
                            self.i += 1;
                            break;
                        }
                        Some(ch) => {
                            name.push(ch);
                            self.i += 1;
                        }
                    }
                }
                if name.is_empty() {
                    return err("missing character name", npos);
                }
                match crate::lexer::strings::char_by_name(&name) {
                    Some(ch) => ch,
                    None => return err(format!("undefined character name '{name}'"), e),
                }
            }
            '0' => {
                let mut v = 0u32;
                for _ in 0..2 {
                    match self.peek().filter(|d| ('0'..='7').contains(d)) {
                        Some(d) => {
                            v = v * 8 + d.to_digit(8).unwrap_or(0);
                            self.i += 1;
                        }
                        None => break,
                    }
                }
                char::from_u32(v).unwrap_or('\0')
            }
            '1'..='7'
                if self.peek().is_some_and(|d| ('0'..='7').contains(&d))
                    && self.peek_at(1).is_some_and(|d| ('0'..='7').contains(&d)) =>
            {
                let d1 = self.p[self.i];
                let d2 = self.p[self.i + 1];
                self.i += 2;
                let v = c.to_digit(8).unwrap_or(0) * 64
                    + d1.to_digit(8).unwrap_or(0) * 8
                    + d2.to_digit(8).unwrap_or(0);
                if v > 0o377 {
                    return err(
                        format!("octal escape value \\{c}{d1}{d2} outside of range 0-0o377"),
                        e,
                    );
                }
                char::from_u32(v).unwrap_or('\0')
            }
            _ => return Ok(None),
        }))
    }

    fn class_set(&self, c: char, flags: u32) -> Option<String> {
        let a = self.ascii(flags);
        Some(match c {
            'd' if a => "0-9".into(),
            'd' => "\\d".into(),
            'D' if a => "[^0-9]".into(),
            'D' => "\\D".into(),
            'w' if a => WORD_ASCII.into(),
            'w' => "\\p{L}\\p{N}_".into(),
            'W' if a => format!("[^{WORD_ASCII}]"),
            'W' => "[^\\p{L}\\p{N}_]".into(),
            's' if a => SPACE_ASCII.into(),
            's' => SPACE_UNI.into(),
            'S' if a => format!("[^{SPACE_ASCII}]"),
            'S' => format!("[^{SPACE_UNI}]"),
            _ => return None,
        })
    }

    /// An escape outside a class, at the backslash.
    fn escape(&mut self, flags: u32) -> Result<Last, ReErr> {
        let e = self.i;
        self.i += 1;
        let Some(c) = self.peek() else {
            return err("bad escape (end of pattern)", e);
        };
        self.i += 1;
        let ascii = self.ascii(flags);
        let at = |s: &str| s.to_string();
        match c {
            'A' => {
                self.out.push_str("\\A");
                return Ok(Last::At);
            }
            'Z' => {
                self.out.push_str("\\z");
                return Ok(Last::At);
            }
            'b' | 'B' => {
                self.out.push_str(&if ascii {
                    let w = format!("[{WORD_ASCII}]");
                    if c == 'b' {
                        format!("(?:(?<={w})(?!{w})|(?<!{w})(?={w}))")
                    } else {
                        format!("(?:(?<={w})(?={w})|(?<!{w})(?!{w}))")
                    }
                } else {
                    at(if c == 'b' { "\\b" } else { "\\B" })
                });
                return Ok(Last::At);
            }
            _ => {}
        }
        if let Some(set) = self.class_set(c, flags) {
            if set.starts_with('[') {
                self.out.push_str(&set);
            } else {
                self.out.push('[');
                self.out.push_str(&set);
                self.out.push(']');
            }
            return Ok(Last::Item);
        }
        if let Some(ch) = self.char_escape(c, e, false)? {
            push_lit(&mut self.out, ch);
            return Ok(Last::Item);
        }
        if c.is_ascii_digit() {
            // A group reference: one or two digits.
            let mut g = c.to_digit(10).unwrap_or(0) as usize;
            if let Some(d) = self.peek().and_then(|d| d.to_digit(10)) {
                g = g * 10 + d as usize;
                self.i += 1;
            }
            if g > self.groups {
                return err(format!("invalid group reference {g}"), e + 1);
            }
            if self.open.contains(&g) {
                return err("cannot refer to an open group", e);
            }
            self.out.push_str(&format!("(?:\\{g})"));
            return Ok(Last::Item);
        }
        if c.is_ascii_alphanumeric() {
            return err(format!("bad escape \\{c}"), e);
        }
        push_lit(&mut self.out, c);
        Ok(Last::Item)
    }

    fn class_item(&mut self, flags: u32) -> Result<ClassItem, ReErr> {
        let c = self.p[self.i];
        if c != '\\' {
            self.i += 1;
            return Ok(ClassItem::Char(c));
        }
        let e = self.i;
        self.i += 1;
        let Some(c) = self.peek() else {
            return err("unterminated character set", e);
        };
        self.i += 1;
        if let Some(set) = self.class_set(c, flags) {
            return Ok(ClassItem::Set(set));
        }
        if let Some(ch) = self.char_escape(c, e, true)? {
            return Ok(ClassItem::Char(ch));
        }
        if c.is_ascii_alphanumeric() {
            return err(format!("bad escape \\{c}"), e);
        }
        Ok(ClassItem::Char(c))
    }

    fn class(&mut self, flags: u32) -> Result<(), ReErr> {
        let cs = self.i;
        self.i += 1;
        let mut out = String::from("[");
        if self.peek() == Some('^') {
            self.i += 1;
            out.push('^');
        }
        let mut first = true;
        let mut empty = true;
        loop {
            let Some(c) = self.peek() else {
                return err("unterminated character set", cs);
            };
            if c == ']' && !first {
                self.i += 1;
                break;
            }
            first = false;
            let istart = self.i;
            let item = self.class_item(flags)?;
            if self.peek() == Some('-') && self.peek_at(1).is_some_and(|c| c != ']') {
                self.i += 1;
                let hi = self.class_item(flags)?;
                match (item, hi) {
                    (ClassItem::Char(lo), ClassItem::Char(hi)) => {
                        if hi < lo {
                            let text: String = self.p[istart..self.i].iter().collect();
                            return err(format!("bad character range {text}"), istart);
                        }
                        push_class_char(&mut out, lo);
                        out.push('-');
                        push_class_char(&mut out, hi);
                    }
                    _ => {
                        let text: String = self.p[istart..self.i].iter().collect();
                        return err(format!("bad character range {text}"), istart);
                    }
                }
            } else {
                match item {
                    ClassItem::Char(ch) => push_class_char(&mut out, ch),
                    ClassItem::Set(s) => out.push_str(&s),
                }
            }
            empty = false;
        }
        if empty {
            return err("unterminated character set", cs);
        }
        out.push(']');
        self.out.push_str(&out);
        Ok(())
    }
}

fn is_identifier(s: &str) -> bool {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) if c == '_' || c.is_alphabetic() => {}
        _ => return false,
    }
    cs.all(|c| c == '_' || c.is_alphanumeric())
}

struct Translated {
    body: String,
    flags: u32,
    groups: usize,
    names: Vec<(String, usize)>,
}

fn translate(pattern: &str, flags: u32) -> Result<Translated, ReErr> {
    let mut t = Translator {
        p: pattern.chars().collect(),
        i: 0,
        out: String::new(),
        flags,
        groups: 0,
        names: vec![],
        open: vec![],
        at_start: true,
        gflags: 0,
    };
    if flags & F_I != 0 {
        t.out.push_str("(?i)");
    }
    t.alternation(flags)?;
    if t.i < t.p.len() {
        // Only `)` stops the top level early.
        return err("unbalanced parenthesis", t.i);
    }
    let mut f = t.flags;
    if f & F_A == 0 {
        f |= F_U;
    }
    Ok(Translated {
        body: t.out,
        flags: f,
        groups: t.groups,
        names: t.names,
    })
}

// ---------------------------------------------------------------------------
// Pattern objects.

#[derive(Debug)]
pub struct Pattern {
    pattern: Value,
    flags: u32,
    groups: usize,
    /// Group names with their numbers, in definition order.
    names: Vec<(String, usize)>,
    body: String,
    search: Regex,
    anchored: OnceLock<Regex>,
    full: OnceLock<Regex>,
    at_pos: OnceLock<Regex>,
    full_at_pos: OnceLock<Regex>,
    errcls: Value,
    weaklist: crate::vm::gc::WeakList,
}

fn build(src: &str) -> Result<Regex, String> {
    fancy_regex::RegexBuilder::new(src)
        .backtrack_limit(10_000_000)
        .build()
        .map_err(|e| e.to_string())
}

fn engine_error(e: String) -> PyErr {
    if e.contains("ook-behind") || e.contains("ookbehind") || e.contains("LookBehind") {
        return PyErr::value_error("look-behind requires fixed-width pattern");
    }
    PyErr::runtime_error(format!(
        "regular expression not supported by gilvm's engine: {e}"
    ))
}

fn match_error(e: fancy_regex::Error) -> PyErr {
    PyErr::runtime_error(format!(
        "regular expression matching failed in gilvm's engine: {e}"
    ))
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Search,
    Match,
    Full,
}

impl Pattern {
    fn regex(&self, mode: Mode, pos: usize) -> PyResult<&Regex> {
        let get = |cell: &'_ OnceLock<Regex>, src: String| -> PyResult<()> {
            if cell.get().is_none() {
                let r = build(&src).map_err(engine_error)?;
                let _ = cell.set(r);
            }
            Ok(())
        };
        Ok(match (mode, pos == 0) {
            (Mode::Search, _) => &self.search,
            (Mode::Match, true) => {
                get(&self.anchored, format!("\\A(?:{})", self.body))?;
                self.anchored.get().expect("set")
            }
            (Mode::Full, true) => {
                get(&self.full, format!("\\A(?:{})\\z", self.body))?;
                self.full.get().expect("set")
            }
            (Mode::Match, false) => {
                get(&self.at_pos, format!("\\G(?:{})", self.body))?;
                self.at_pos.get().expect("set")
            }
            (Mode::Full, false) => {
                get(&self.full_at_pos, format!("\\G(?:{})\\z", self.body))?;
                self.full_at_pos.get().expect("set")
            }
        })
    }
}

impl NativeObject for Pattern {
    fn class(&self) -> Ref<Class> {
        pattern_class()
    }
    fn weaklist(&self) -> Option<&crate::vm::gc::WeakList> {
        Some(&self.weaklist)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        self.pattern.visit(visit);
        self.errcls.visit(visit);
    }
    fn repr(&self) -> Option<String> {
        let p = match &self.pattern {
            Value::Str(s) => str_repr(s.as_str()),
            _ => "?".into(),
        };
        let p: String = p.chars().take(200).collect();
        let mut flags = self.flags;
        if flags & (F_L | F_A) == 0 {
            flags &= !F_U;
        }
        if flags == 0 {
            return Some(format!("re.compile({p})"));
        }
        let mut names = vec![];
        for (bit, name) in [
            (1, "TEMPLATE"),
            (F_I, "IGNORECASE"),
            (F_L, "LOCALE"),
            (F_M, "MULTILINE"),
            (F_S, "DOTALL"),
            (F_U, "UNICODE"),
            (F_X, "VERBOSE"),
            (128, "DEBUG"),
            (F_A, "ASCII"),
        ] {
            if flags & bit != 0 {
                names.push(format!("re.{name}"));
                flags &= !bit;
            }
        }
        if flags != 0 {
            names.push(format!("{flags:#x}"));
        }
        Some(format!("re.compile({p}, {})", names.join("|")))
    }
    fn attr(&self, name: &str) -> Option<Value> {
        Some(match name {
            "pattern" => self.pattern.clone(),
            "flags" => Value::Int(self.flags as i64),
            "groups" => Value::Int(self.groups as i64),
            "groupindex" => {
                let mut map = DictMap::default();
                for (n, g) in &self.names {
                    let s = Ref::new(PyStr::new(n));
                    map.insert(
                        HKey {
                            hash: s.py_hash(),
                            key: Value::Str(s),
                        },
                        Value::Int(*g as i64),
                    );
                }
                Value::dict(map)
            }
            _ => return None,
        })
    }
}

static PATTERN: OnceLock<Ref<Class>> = OnceLock::new();
static MATCH: OnceLock<Ref<Class>> = OnceLock::new();
static ITER: OnceLock<Ref<Class>> = OnceLock::new();

fn pattern_class() -> Ref<Class> {
    native_class(
        &PATTERN,
        "re",
        "Pattern",
        &[
            ("match", p_match),
            ("fullmatch", p_fullmatch),
            ("search", p_search),
            ("findall", p_findall),
            ("finditer", p_finditer),
            ("sub", p_sub),
            ("subn", p_subn),
            ("split", p_split),
            ("__copy__", p_copy),
            ("__deepcopy__", p_copy),
        ],
        &[],
    )
}

fn match_class() -> Ref<Class> {
    native_class(
        &MATCH,
        "re",
        "Match",
        &[
            ("group", m_group),
            ("__getitem__", m_getitem),
            ("groups", m_groups),
            ("groupdict", m_groupdict),
            ("start", m_start),
            ("end", m_end),
            ("span", m_span),
            ("expand", m_expand),
            ("__copy__", p_copy),
            ("__deepcopy__", p_copy),
        ],
        &[],
    )
}

fn iter_class() -> Ref<Class> {
    native_class(
        &ITER,
        "re",
        "callable_iterator",
        &[
            ("__iter__", super::iter_self),
            ("__next__", super::next_method),
        ],
        &[],
    )
}

fn p_copy(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    Ok(a.pos.first().cloned().unwrap_or(Value::None))
}

/// `_re.compile(pattern, flags, error)`: a Pattern, or `error(msg, pattern, pos)`.
fn compile(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("compile", 3, 3)?;
    let pat = match &a.pos[0] {
        Value::Str(s) => s.clone(),
        Value::Instance(i) if matches!(i.base, Value::Str(_)) => match &i.base {
            Value::Str(s) => s.clone(),
            _ => unreachable!(),
        },
        v => {
            return Err(PyErr::type_error(format!(
                "first argument must be string or compiled pattern, not {}",
                vm.type_name(v)
            )))
        }
    };
    let flags = vm.to_index(&a.pos[1])? as u32;
    if flags & F_L != 0 {
        return Err(PyErr::value_error(
            "cannot use LOCALE flag with a str pattern",
        ));
    }
    if flags & F_A != 0 && flags & F_U != 0 {
        return Err(PyErr::value_error(
            "ASCII and UNICODE flags are incompatible",
        ));
    }
    let errcls = a.pos[2].clone();
    let t = match translate(pat.as_str(), flags) {
        Ok(t) => t,
        Err(e) => {
            let pos = e.pos.map_or(Value::None, |p| Value::Int(p as i64));
            let exc = vm.call(&errcls, &[Value::string(e.msg), a.pos[0].clone(), pos], &[])?;
            return Err(PyErr { exc });
        }
    };
    if t.flags & F_A != 0 && t.flags & F_U != 0 && flags & F_U != 0 {
        return Err(PyErr::value_error(
            "ASCII and UNICODE flags are incompatible",
        ));
    }
    let search = match build(&t.body) {
        Ok(r) => r,
        Err(e) => {
            let e = engine_error(e);
            if e.is(&crate::vm::types::types().value_error) {
                let msg = e.args().first().cloned().unwrap_or(Value::None);
                let exc = vm.call(&errcls, &[msg], &[])?;
                return Err(PyErr { exc });
            }
            return Err(e);
        }
    };
    Ok(native(Pattern {
        pattern: Value::Str(pat),
        flags: t.flags,
        groups: t.groups,
        names: t.names,
        body: t.body,
        search,
        anchored: OnceLock::new(),
        full: OnceLock::new(),
        at_pos: OnceLock::new(),
        full_at_pos: OnceLock::new(),
        errcls,
        weaklist: Default::default(),
    }))
}

// ---------------------------------------------------------------------------
// Char offsets.

/// Converts byte offsets of one string to char offsets, fastest when asked in
/// increasing order (as iteration does).
struct Chars<'a> {
    s: &'a str,
    ascii: bool,
    b: usize,
    c: usize,
}

impl<'a> Chars<'a> {
    fn new(s: &'a PyStr) -> Chars<'a> {
        Chars {
            s: s.as_str(),
            ascii: s.is_ascii(),
            b: 0,
            c: 0,
        }
    }

    fn of(&mut self, b: usize) -> usize {
        if self.ascii {
            return b;
        }
        if b < self.b {
            self.b = 0;
            self.c = 0;
        }
        self.c += self.s[self.b..b].chars().count();
        self.b = b;
        self.c
    }
}

/// Char index -> byte offset, clamped to the string.
fn byte_of(s: &PyStr, idx: usize) -> usize {
    if s.is_ascii() {
        idx.min(s.as_str().len())
    } else {
        s.as_str()
            .char_indices()
            .nth(idx)
            .map_or(s.as_str().len(), |(b, _)| b)
    }
}

fn text_of(vm: &Vm, v: &Value) -> PyResult<Ref<PyStr>> {
    match v {
        Value::Str(s) => Ok(s.clone()),
        Value::Instance(i) => match &i.base {
            Value::Str(s) => Ok(s.clone()),
            _ => Err(PyErr::type_error(format!(
                "expected string or bytes-like object, got '{}'",
                vm.type_name(v)
            ))),
        },
        _ => Err(PyErr::type_error(format!(
            "expected string or bytes-like object, got '{}'",
            vm.type_name(v)
        ))),
    }
}

/// pos/endpos as CPython clamps them (negative counts from 0; past the end is the end).
fn clamp(vm: &mut Vm, v: Option<&Value>, default: i64, len: usize) -> PyResult<usize> {
    let n = match v {
        Some(v) => vm.to_index(v)?,
        None => default,
    };
    Ok(n.clamp(0, len as i64) as usize)
}

// ---------------------------------------------------------------------------
// Match objects.

#[derive(Debug)]
pub struct MatchObj {
    string: Value,
    text: Ref<PyStr>,
    pattern: Value,
    /// Byte spans of the groups (0 is the whole match).
    bspans: Vec<Option<(usize, usize)>>,
    spans: Vec<Option<(usize, usize)>>,
    pos: usize,
    endpos: usize,
    lastindex: Option<usize>,
}

impl NativeObject for MatchObj {
    fn class(&self) -> Ref<Class> {
        match_class()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        self.string.visit(visit);
        self.pattern.visit(visit);
    }
    fn repr(&self) -> Option<String> {
        let (s, e) = self.spans[0].unwrap_or((0, 0));
        Some(format!(
            "<re.Match object; span=({s}, {e}), match={}>",
            // CPython prints the repr cut at 50 chars (`%.50R`).
            str_repr(&self.group_str(0).unwrap_or_default())
                .chars()
                .take(50)
                .collect::<String>()
        ))
    }
    fn attr(&self, name: &str) -> Option<Value> {
        Some(match name {
            "string" => self.string.clone(),
            "re" => self.pattern.clone(),
            "pos" => Value::Int(self.pos as i64),
            "endpos" => Value::Int(self.endpos as i64),
            "lastindex" => self.lastindex.map_or(Value::None, |g| Value::Int(g as i64)),
            "lastgroup" => {
                let pat = super::downcast::<Pattern>(&self.pattern)?;
                match self.lastindex {
                    Some(g) => pat
                        .names
                        .iter()
                        .find(|(_, n)| *n == g)
                        .map_or(Value::None, |(name, _)| Value::str(name)),
                    None => Value::None,
                }
            }
            "regs" => Value::tuple(
                self.spans
                    .iter()
                    .map(|sp| {
                        let (s, e) = sp.map_or((-1, -1), |(s, e)| (s as i64, e as i64));
                        Value::tuple(vec![Value::Int(s), Value::Int(e)])
                    })
                    .collect(),
            ),
            _ => return None,
        })
    }
}

impl MatchObj {
    fn group_str(&self, g: usize) -> Option<String> {
        self.bspans[g].map(|(s, e)| self.text.as_str()[s..e].to_string())
    }

    fn group_value(&self, g: usize, default: &Value) -> Value {
        match self.bspans[g] {
            Some((s, e)) => Value::str(&self.text.as_str()[s..e]),
            None => default.clone(),
        }
    }

    fn index(&self, vm: &mut Vm, g: &Value) -> PyResult<usize> {
        let n = self.bspans.len();
        match g {
            Value::Int(i) if *i >= 0 && (*i as usize) < n => Ok(*i as usize),
            Value::Bool(b) if (*b as usize) < n => Ok(*b as usize),
            Value::Str(s) => {
                let pat = super::downcast::<Pattern>(&self.pattern);
                pat.and_then(|p| p.names.iter().find(|(n, _)| n == s.as_str()))
                    .map(|(_, g)| *g)
                    .ok_or_else(|| PyErr::index_error("no such group"))
            }
            Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
                Err(PyErr::index_error("no such group"))
            }
            v => match vm.to_index(v) {
                Ok(i) if i >= 0 && (i as usize) < n => Ok(i as usize),
                _ => Err(PyErr::index_error("no such group")),
            },
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn make_match(
    pat_v: &Value,
    pat: &Pattern,
    string: &Value,
    text: &Ref<PyStr>,
    bspans: Vec<Option<(usize, usize)>>,
    chars: &mut Chars,
    pos: usize,
    endpos: usize,
) -> Value {
    let whole = bspans[0];
    let spans: Vec<Option<(usize, usize)>> = if chars.ascii {
        bspans.clone()
    } else {
        // Group 0 first (monotonic for iteration), then the groups inside it.
        let mut out = vec![None; bspans.len()];
        if let Some((s, e)) = whole {
            let cs = chars.of(s);
            let ce = chars.of(e);
            out[0] = Some((cs, ce));
            for (g, sp) in bspans.iter().enumerate().skip(1) {
                if let Some((s, e)) = sp {
                    out[g] = Some((chars.of(*s), chars.of(*e)));
                }
            }
            chars.of(e);
        }
        out
    };
    // lastindex: the group that closed last (the outermost of those ending together).
    let mut last: Option<(usize, usize, usize)> = None;
    for (g, sp) in bspans.iter().enumerate().skip(1) {
        if let Some((s, e)) = sp {
            let better = match last {
                None => true,
                Some((_, ls, le)) => *e > le || (*e == le && *s < ls),
            };
            if better {
                last = Some((g, *s, *e));
            }
        }
    }
    let _ = pat;
    native(MatchObj {
        string: string.clone(),
        text: text.clone(),
        pattern: pat_v.clone(),
        bspans,
        spans,
        pos,
        endpos,
        lastindex: last.map(|(g, _, _)| g),
    })
}

fn this_match<'a>(vm: &Vm, a: &Args<'a>, meth: &str) -> PyResult<&'a MatchObj> {
    this::<MatchObj>(vm, a, "re.Match", meth)
}

fn rest<'a>(a: &Args<'a>) -> Args<'a> {
    Args {
        pos: &a.pos[1.min(a.pos.len())..],
        kw: a.kw,
    }
}

fn m_group(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let m = this_match(vm, &a, "group")?;
    if !a.kw.is_empty() {
        return Err(PyErr::type_error("group() takes no keyword arguments"));
    }
    let args = &a.pos[1..];
    match args.len() {
        0 => Ok(m.group_value(0, &Value::None)),
        1 => {
            let g = m.index(vm, &args[0])?;
            Ok(m.group_value(g, &Value::None))
        }
        _ => {
            let mut out = vec![];
            for v in args {
                let g = m.index(vm, v)?;
                out.push(m.group_value(g, &Value::None));
            }
            Ok(Value::tuple(out))
        }
    }
}

fn m_getitem(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let m = this_match(vm, &a, "__getitem__")?;
    a.expect("__getitem__", 2, 2)?;
    let g = m.index(vm, &a.pos[1])?;
    Ok(m.group_value(g, &Value::None))
}

fn m_groups(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let m = this_match(vm, &a, "groups")?;
    let p = bind(&rest(&a), "groups", &["default"], 0, 0)?;
    let d = p[0].cloned().unwrap_or(Value::None);
    Ok(Value::tuple(
        (1..m.bspans.len()).map(|g| m.group_value(g, &d)).collect(),
    ))
}

fn m_groupdict(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let m = this_match(vm, &a, "groupdict")?;
    let p = bind(&rest(&a), "groupdict", &["default"], 0, 0)?;
    let d = p[0].cloned().unwrap_or(Value::None);
    let mut map = DictMap::default();
    if let Some(pat) = super::downcast::<Pattern>(&m.pattern) {
        for (n, g) in &pat.names {
            let s = Ref::new(PyStr::new(n));
            map.insert(
                HKey {
                    hash: s.py_hash(),
                    key: Value::Str(s),
                },
                m.group_value(*g, &d),
            );
        }
    }
    Ok(Value::dict(map))
}

fn span_of(vm: &mut Vm, a: &Args, meth: &str) -> PyResult<(i64, i64)> {
    let m = this_match(vm, a, meth)?;
    let p = bind(&rest(a), meth, &["group"], 0, 0)?;
    let g = match p[0] {
        Some(v) => m.index(vm, v)?,
        None => 0,
    };
    Ok(m.spans[g].map_or((-1, -1), |(s, e)| (s as i64, e as i64)))
}

fn m_start(vm: &mut Vm, a: Args) -> PyResult<Value> {
    Ok(Value::Int(span_of(vm, &a, "start")?.0))
}

fn m_end(vm: &mut Vm, a: Args) -> PyResult<Value> {
    Ok(Value::Int(span_of(vm, &a, "end")?.1))
}

fn m_span(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (s, e) = span_of(vm, &a, "span")?;
    Ok(Value::tuple(vec![Value::Int(s), Value::Int(e)]))
}

fn m_expand(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let m = this_match(vm, &a, "expand")?;
    let p = bind(&rest(&a), "expand", &["template"], 0, 1)?;
    let pat = super::downcast::<Pattern>(&m.pattern)
        .ok_or_else(|| PyErr::type_error("match without a pattern"))?;
    let tv = p[0].expect("required");
    let t = text_of(vm, tv)?;
    let pieces = parse_template(vm, pat, &t, tv)?;
    let mut out = String::new();
    for piece in &pieces {
        match piece {
            Piece::Lit(s) => out.push_str(s),
            Piece::Group(g) => {
                if let Some((s, e)) = m.bspans[*g] {
                    out.push_str(&m.text.as_str()[s..e]);
                }
            }
        }
    }
    Ok(Value::string(out))
}

// ---------------------------------------------------------------------------
// Searching.

/// Byte spans of a match's groups (0: the whole match; None: did not take part).
type Spans = Vec<Option<(usize, usize)>>;

/// Byte spans of every group of the match at or after `pos` (None: no match).
fn find(pat: &Pattern, mode: Mode, hay: &str, pos: usize, groups: bool) -> PyResult<Option<Spans>> {
    let re = pat.regex(mode, pos)?;
    if !groups || pat.groups == 0 {
        return Ok(re.find_from_pos(hay, pos).map_err(match_error)?.map(|m| {
            let mut v = vec![Some((m.start(), m.end()))];
            v.resize(pat.groups + 1, None);
            v
        }));
    }
    Ok(re
        .captures_from_pos(hay, pos)
        .map_err(match_error)?
        .map(|c| {
            (0..=pat.groups)
                .map(|g| c.get(g).map(|m| (m.start(), m.end())))
                .collect()
        }))
}

/// The next match for iteration (finditer, findall, sub, split): after an empty
/// match at `pos`, one that is not empty at `pos` (CPython 3.7's rule).
fn find_next(
    pat: &Pattern,
    hay: &str,
    pos: usize,
    must_advance: bool,
    groups: bool,
) -> PyResult<Option<Spans>> {
    if pos > hay.len() {
        return Ok(None);
    }
    let m = find(pat, Mode::Search, hay, pos, groups)?;
    match m {
        Some(sp) if must_advance && sp[0] == Some((pos, pos)) => {
            let Some(c) = hay[pos..].chars().next() else {
                return Ok(None);
            };
            find(pat, Mode::Search, hay, pos + c.len_utf8(), groups)
        }
        m => Ok(m),
    }
}

struct Call<'a> {
    pat_v: &'a Value,
    pat: &'a Pattern,
    string: Value,
    text: Ref<PyStr>,
    pos: usize,
    endpos: usize,
    /// Byte offsets of pos and endpos.
    bpos: usize,
    bend: usize,
}

fn this_pattern<'a>(vm: &Vm, a: &Args<'a>, meth: &str) -> PyResult<&'a Pattern> {
    this::<Pattern>(vm, a, "re.Pattern", meth)
}

fn call_args<'a>(vm: &mut Vm, a: &Args<'a>, meth: &str) -> PyResult<Call<'a>> {
    let pat = this_pattern(vm, a, meth)?;
    let p = bind(&rest(a), meth, &["string", "pos", "endpos"], 0, 1)?;
    let string = p[0].expect("required").clone();
    let text = text_of(vm, &string)?;
    let len = text.char_len();
    let pos = clamp(vm, p[1], 0, len)?;
    let endpos = clamp(vm, p[2], len as i64, len)?;
    let bpos = byte_of(&text, pos);
    let bend = byte_of(&text, endpos);
    Ok(Call {
        pat_v: &a.pos[0],
        pat,
        string,
        text,
        pos,
        endpos,
        bpos,
        bend,
    })
}

fn one(vm: &mut Vm, a: Args, meth: &str, mode: Mode) -> PyResult<Value> {
    let c = call_args(vm, &a, meth)?;
    if c.bpos > c.bend {
        return Ok(Value::None);
    }
    let hay = &c.text.as_str()[..c.bend];
    match find(c.pat, mode, hay, c.bpos, true)? {
        Some(sp) => {
            let mut chars = Chars::new(&c.text);
            Ok(make_match(
                c.pat_v, c.pat, &c.string, &c.text, sp, &mut chars, c.pos, c.endpos,
            ))
        }
        None => Ok(Value::None),
    }
}

fn p_match(vm: &mut Vm, a: Args) -> PyResult<Value> {
    one(vm, a, "match", Mode::Match)
}

fn p_fullmatch(vm: &mut Vm, a: Args) -> PyResult<Value> {
    one(vm, a, "fullmatch", Mode::Full)
}

fn p_search(vm: &mut Vm, a: Args) -> PyResult<Value> {
    one(vm, a, "search", Mode::Search)
}

fn p_findall(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let c = call_args(vm, &a, "findall")?;
    let mut out = vec![];
    if c.bpos > c.bend {
        return Ok(Value::list(out));
    }
    let hay = &c.text.as_str()[..c.bend];
    let (mut pos, mut adv) = (c.bpos, false);
    let s = c.text.as_str();
    let slice = |sp: Option<(usize, usize)>| match sp {
        Some((x, y)) => Value::str(&s[x..y]),
        None => Value::str(""),
    };
    while let Some(sp) = find_next(c.pat, hay, pos, adv, c.pat.groups > 0)? {
        let (st, en) = sp[0].unwrap_or((pos, pos));
        out.push(match c.pat.groups {
            0 => slice(sp[0]),
            1 => slice(sp[1]),
            _ => Value::tuple(sp[1..].iter().map(|g| slice(*g)).collect()),
        });
        adv = st == en;
        pos = en;
    }
    Ok(Value::list(out))
}

#[derive(Debug)]
struct Finditer {
    pattern: Value,
    string: Value,
    text: Ref<PyStr>,
    pos: usize,
    endpos: usize,
    bend: usize,
    /// (byte position, must advance, done, chars cursor (byte, char)).
    state: ObjCell<(usize, bool, bool, usize, usize)>,
}

impl NativeObject for Finditer {
    fn class(&self) -> Ref<Class> {
        iter_class()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        self.pattern.visit(visit);
        self.string.visit(visit);
    }
    fn is_iterator(&self) -> bool {
        true
    }
    fn iter_next(&self, _vm: &mut Vm) -> PyResult<Option<Value>> {
        let Some(pat) = super::downcast::<Pattern>(&self.pattern) else {
            return Ok(None);
        };
        let (pos, adv, done, cb, cc) = *self.state.lock();
        if done {
            return Ok(None);
        }
        let hay = &self.text.as_str()[..self.bend];
        let found = find_next(pat, hay, pos, adv, true);
        let sp = match found {
            Ok(Some(sp)) => sp,
            Ok(None) => {
                self.state.lock().2 = true;
                return Ok(None);
            }
            Err(e) => {
                self.state.lock().2 = true;
                return Err(e);
            }
        };
        let (st, en) = sp[0].unwrap_or((pos, pos));
        let mut chars = Chars::new(&self.text);
        chars.b = cb;
        chars.c = cc;
        let m = make_match(
            &self.pattern,
            pat,
            &self.string,
            &self.text,
            sp,
            &mut chars,
            self.pos,
            self.endpos,
        );
        *self.state.lock() = (en, st == en, false, chars.b, chars.c);
        Ok(Some(m))
    }
}

fn p_finditer(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let c = call_args(vm, &a, "finditer")?;
    let done = c.bpos > c.bend;
    Ok(native(Finditer {
        pattern: c.pat_v.clone(),
        string: c.string.clone(),
        text: c.text.clone(),
        pos: c.pos,
        endpos: c.endpos,
        bend: c.bend,
        state: ObjCell::new((c.bpos, false, done, 0, 0)),
    }))
}

// ---------------------------------------------------------------------------
// Templates, sub, split.

enum Piece {
    Lit(String),
    Group(usize),
}

fn template_error(vm: &mut Vm, pat: &Pattern, msg: String, tv: &Value, pos: usize) -> PyErr {
    match vm.call(
        &pat.errcls,
        &[Value::string(msg), tv.clone(), Value::Int(pos as i64)],
        &[],
    ) {
        Ok(exc) => PyErr { exc },
        Err(e) => e,
    }
}

/// A replacement template as CPython parses it: `\g<name>`, `\g<N>`, `\N`, the
/// escapes `\a\b\f\n\r\t\v\\`; other backslashed ASCII letters are errors.
fn parse_template(vm: &mut Vm, pat: &Pattern, t: &PyStr, tv: &Value) -> PyResult<Vec<Piece>> {
    let p: Vec<char> = t.as_str().chars().collect();
    let mut out = vec![];
    let mut lit = String::new();
    let mut i = 0;
    while i < p.len() {
        let c = p[i];
        if c != '\\' {
            lit.push(c);
            i += 1;
            continue;
        }
        let e = i;
        i += 1;
        let Some(&c) = p.get(i) else {
            return Err(template_error(
                vm,
                pat,
                "bad escape (end of pattern)".into(),
                tv,
                e,
            ));
        };
        i += 1;
        let group = |g: usize, out: &mut Vec<Piece>, lit: &mut String| {
            if !lit.is_empty() {
                out.push(Piece::Lit(std::mem::take(lit)));
            }
            out.push(Piece::Group(g));
        };
        match c {
            'g' => {
                if p.get(i) != Some(&'<') {
                    return Err(template_error(vm, pat, "missing <".into(), tv, i));
                }
                i += 1;
                let npos = i;
                let mut name = String::new();
                loop {
                    match p.get(i) {
                        None => {
                            return Err(template_error(
                                vm,
                                pat,
                                "missing >, unterminated name".into(),
                                tv,
                                npos,
                            ))
                        }
                        Some('>') => {
                            i += 1;
                            break;
                        }
                        Some(&ch) => {
                            name.push(ch);
                            i += 1;
                        }
                    }
                }
                if name.is_empty() {
                    return Err(template_error(
                        vm,
                        pat,
                        "missing group name".into(),
                        tv,
                        npos,
                    ));
                }
                let g = if name.chars().all(|c| c.is_ascii_digit()) {
                    let g: usize = name.parse().unwrap_or(usize::MAX);
                    if g > pat.groups {
                        return Err(template_error(
                            vm,
                            pat,
                            format!("invalid group reference {name}"),
                            tv,
                            npos,
                        ));
                    }
                    g
                } else if is_identifier(&name) {
                    match pat.names.iter().find(|(n, _)| *n == name) {
                        Some((_, g)) => *g,
                        None => {
                            return Err(PyErr::index_error(format!("unknown group name '{name}'")))
                        }
                    }
                } else {
                    return Err(template_error(
                        vm,
                        pat,
                        format!("bad character in group name '{name}'"),
                        tv,
                        npos,
                    ));
                };
                group(g, &mut out, &mut lit);
            }
            '0' => {
                let mut v = 0u32;
                for _ in 0..2 {
                    match p.get(i).filter(|d| ('0'..='7').contains(d)) {
                        Some(d) => {
                            v = v * 8 + d.to_digit(8).unwrap_or(0);
                            i += 1;
                        }
                        None => break,
                    }
                }
                lit.push(char::from_u32(v).unwrap_or('\0'));
            }
            '1'..='9' => {
                let mut g = c.to_digit(10).unwrap_or(0);
                let mut octal = false;
                if let Some(d) = p.get(i).and_then(|d| d.to_digit(10)) {
                    if c <= '7' && d < 8 && p.get(i + 1).is_some_and(|d| ('0'..='7').contains(d)) {
                        let v = c.to_digit(8).unwrap_or(0) * 64
                            + d * 8
                            + p[i + 1].to_digit(8).unwrap_or(0);
                        if v > 0o377 {
                            let text: String = p[e..i + 2].iter().collect();
                            return Err(template_error(
                                vm,
                                pat,
                                format!("octal escape value {text} outside of range 0-0o377"),
                                tv,
                                e,
                            ));
                        }
                        i += 2;
                        lit.push(char::from_u32(v).unwrap_or('\0'));
                        octal = true;
                    } else {
                        g = g * 10 + d;
                        i += 1;
                    }
                }
                if !octal {
                    if g as usize > pat.groups {
                        return Err(template_error(
                            vm,
                            pat,
                            format!("invalid group reference {g}"),
                            tv,
                            e + 1,
                        ));
                    }
                    group(g as usize, &mut out, &mut lit);
                }
            }
            'a' => lit.push('\u{7}'),
            'b' => lit.push('\u{8}'),
            'f' => lit.push('\u{c}'),
            'n' => lit.push('\n'),
            'r' => lit.push('\r'),
            't' => lit.push('\t'),
            'v' => lit.push('\u{b}'),
            '\\' => lit.push('\\'),
            c if c.is_ascii_alphabetic() => {
                return Err(template_error(vm, pat, format!("bad escape \\{c}"), tv, e));
            }
            c => {
                lit.push('\\');
                lit.push(c);
            }
        }
    }
    if !lit.is_empty() {
        out.push(Piece::Lit(lit));
    }
    Ok(out)
}

fn sub_impl(vm: &mut Vm, a: Args, meth: &str) -> PyResult<(Value, usize)> {
    let pat = this_pattern(vm, &a, meth)?;
    let p = bind(&rest(&a), meth, &["repl", "string", "count"], 0, 2)?;
    let repl = p[0].expect("required").clone();
    let string = p[1].expect("required").clone();
    let text = text_of(vm, &string)?;
    let count = match p[2] {
        Some(v) => vm.to_index(v)?.max(0) as usize,
        None => 0,
    };
    let pieces = match &repl {
        Value::Str(t) => {
            if t.as_str().contains('\\') {
                Some(parse_template(vm, pat, t, &repl)?)
            } else {
                Some(vec![Piece::Lit(t.as_str().to_string())])
            }
        }
        Value::Instance(i) if matches!(i.base, Value::Str(_)) => {
            let t = text_of(vm, &repl)?;
            Some(parse_template(vm, pat, &t, &repl)?)
        }
        _ => None,
    };
    let needs_groups = pieces
        .as_ref()
        .is_none_or(|ps| ps.iter().any(|p| matches!(p, Piece::Group(_))));
    let s = text.as_str();
    let mut out = String::with_capacity(s.len());
    let (mut pos, mut adv, mut last, mut n) = (0usize, false, 0usize, 0usize);
    let mut chars = Chars::new(&text);
    let mut items = 0usize;
    let len = text.char_len();
    while count == 0 || n < count {
        let Some(sp) = find_next(pat, s, pos, adv, needs_groups)? else {
            break;
        };
        let (st, en) = sp[0].unwrap_or((pos, pos));
        if st > last {
            items += 1;
        }
        out.push_str(&s[last..st]);
        match &pieces {
            Some(ps) => {
                for piece in ps {
                    match piece {
                        Piece::Lit(l) => out.push_str(l),
                        Piece::Group(g) => {
                            if let Some((x, y)) = sp[*g] {
                                out.push_str(&s[x..y]);
                            }
                        }
                    }
                }
            }
            None => {
                let m = make_match(&a.pos[0], pat, &string, &text, sp, &mut chars, 0, len);
                let r = vm.call(&repl, &[m], &[])?;
                match &r {
                    Value::None => {}
                    Value::Str(x) => {
                        out.push_str(x.as_str());
                        items += 1;
                    }
                    Value::Instance(i) if matches!(i.base, Value::Str(_)) => {
                        if let Value::Str(x) = &i.base {
                            out.push_str(x.as_str());
                        }
                        items += 1;
                    }
                    v => {
                        return Err(PyErr::type_error(format!(
                            "sequence item {items}: expected str instance, {} found",
                            vm.type_name(v)
                        )))
                    }
                }
            }
        }
        last = en;
        n += 1;
        adv = st == en;
        pos = en;
    }
    out.push_str(&s[last..]);
    if n == 0 {
        // Nothing replaced: the same string object, as CPython returns it.
        if let Value::Str(_) = string {
            return Ok((string, 0));
        }
    }
    Ok((Value::string(out), n))
}

fn p_sub(vm: &mut Vm, a: Args) -> PyResult<Value> {
    Ok(sub_impl(vm, a, "sub")?.0)
}

fn p_subn(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (s, n) = sub_impl(vm, a, "subn")?;
    Ok(Value::tuple(vec![s, Value::Int(n as i64)]))
}

fn p_split(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let pat = this_pattern(vm, &a, "split")?;
    let p = bind(&rest(&a), "split", &["string", "maxsplit"], 0, 1)?;
    let text = text_of(vm, p[0].expect("required"))?;
    let maxsplit = match p[1] {
        Some(v) => vm.to_index(v)?,
        None => 0,
    };
    let s = text.as_str();
    let mut out = vec![];
    if maxsplit < 0 {
        out.push(Value::str(s));
        return Ok(Value::list(out));
    }
    let (mut pos, mut adv, mut last, mut n) = (0usize, false, 0usize, 0i64);
    while maxsplit == 0 || n < maxsplit {
        let Some(sp) = find_next(pat, s, pos, adv, true)? else {
            break;
        };
        let (st, en) = sp[0].unwrap_or((pos, pos));
        out.push(Value::str(&s[last..st]));
        for g in &sp[1..] {
            out.push(match g {
                Some((x, y)) => Value::str(&s[*x..*y]),
                None => Value::None,
            });
        }
        last = en;
        n += 1;
        adv = st == en;
        pos = en;
    }
    out.push(Value::str(&s[last..]));
    Ok(Value::list(out))
}

pub fn fill(_vm: &mut Vm, d: &DictObj) -> PyResult<()> {
    d.set_str("Pattern", Value::Class(pattern_class()));
    d.set_str("Match", Value::Class(match_class()));
    super::add_functions(d, &[("compile", compile)]);
    Ok(())
}
