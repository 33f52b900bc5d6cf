//! The indentation stack: turns each logical line's leading whitespace into INDENT/DEDENT
//! changes, with CPython's tab rules (tabs to multiples of 8, cross-checked at tab size 1).

/// CPython's tokenizer limit (`MAXINDENT`).
pub const MAX_INDENT_LEVELS: usize = 100;

pub enum Change {
    Same,
    Indent,
    Dedent(usize),
}

pub enum IndentError {
    Inconsistent,
    TabError,
    TooDeep,
}

pub struct IndentStack {
    /// (column with tab size 8, column with tab size 1); the bottom entry is (0, 0).
    levels: Vec<(usize, usize)>,
}

impl IndentStack {
    pub fn new() -> IndentStack {
        IndentStack {
            levels: vec![(0, 0)],
        }
    }

    /// Number of open INDENTs (each needs a DEDENT at end of input).
    pub fn depth(&self) -> usize {
        self.levels.len() - 1
    }

    /// Measures `prefix` (the whitespace before a line's first token).
    pub fn measure(prefix: &str) -> (usize, usize) {
        let (mut col, mut alt) = (0, 0);
        for c in prefix.chars() {
            match c {
                ' ' => {
                    col += 1;
                    alt += 1;
                }
                '\t' => {
                    col = (col / 8 + 1) * 8;
                    alt += 1;
                }
                '\x0c' => {
                    col = 0;
                    alt = 0;
                }
                _ => {}
            }
        }
        (col, alt)
    }

    pub fn update(&mut self, prefix: &str) -> Result<Change, IndentError> {
        let (col, alt) = Self::measure(prefix);
        let (top, alt_top) = *self.levels.last().unwrap_or(&(0, 0));
        if col == top {
            if alt != alt_top {
                return Err(IndentError::TabError);
            }
            Ok(Change::Same)
        } else if col > top {
            if alt <= alt_top {
                return Err(IndentError::TabError);
            }
            if self.levels.len() >= MAX_INDENT_LEVELS {
                return Err(IndentError::TooDeep);
            }
            self.levels.push((col, alt));
            Ok(Change::Indent)
        } else {
            let mut n = 0;
            while self.levels.len() > 1 && col < self.levels[self.levels.len() - 1].0 {
                self.levels.pop();
                n += 1;
            }
            let (top, alt_top) = *self.levels.last().unwrap_or(&(0, 0));
            if col != top {
                return Err(IndentError::Inconsistent);
            }
            if alt != alt_top {
                return Err(IndentError::TabError);
            }
            Ok(Change::Dedent(n))
        }
    }
}
