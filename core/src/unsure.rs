//! Characters on which the two engines may disagree, and lines that hold them.
//!
//! Where a line holds such a character, the linear engine's answer is not
//! taken: Python's engine decides (see `matcher`). `CASE` is for patterns
//! that match case-insensitively somewhere: characters with a full case folding
//! of several ("ß" is "ss" to Python's regex module, which matches it against a
//! pattern's "ss"), the Turkic i's (Python matches "I" with "ı"), and any other
//! whose case-insensitive matches differ. `CLASS` is for every pattern:
//! characters that `\w`, `\d`, `\s` or a general category holds in one engine
//! and not the other (Unicode versions differ). core/tools/gen_unsure.py
//! computes both from the two engines; tests/test_matcher.py checks them.

use crate::unsure_table::{CASE, CLASS, FOLDS, FOLD_ALIKE};

fn within(table: &[(char, char)], c: char) -> bool {
    table
        .binary_search_by(|&(low, high)| {
            if high < c {
                std::cmp::Ordering::Less
            } else if low > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Whether a class (`\\w`, `\\p{Nd}`, by its short name) matches alike in both
/// engines when case-insensitive.
pub fn folds_alike(class: &str) -> bool {
    FOLD_ALIKE.contains(&class)
}

/// Whether case-insensitive matching of `c` may differ between the engines.
pub fn case_unsure(c: char) -> bool {
    !c.is_ascii() && (within(&CASE, c) || within(&CLASS, c))
}

/// A character of `low..=high` that `case_unsure` holds, if any.
pub fn case_unsure_in(low: char, high: char) -> Option<char> {
    CASE.iter()
        .chain(CLASS.iter())
        .find(|&&(l, h)| l <= high && h >= low)
        .map(|&(l, _)| l.max(low))
}

/// How far a text can be trusted to the linear engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trust {
    /// Every pattern's answer stands.
    All,
    /// Only patterns that never match case-insensitively. Where `filtered`,
    /// the line's case-unsure characters all match in Python's module only
    /// what shares their casefold (`FOLDS`), so a pattern whose required
    /// strings the line's fold lacks matches in neither engine.
    CaseSensitive { filtered: bool },
    /// None: Python decides.
    Nothing,
}

impl Trust {
    /// Whether a pattern's required strings (`literals`) hold for Python's
    /// module on the line: a prefilter's no stands for every pattern.
    pub fn filtered(self) -> bool {
        matches!(self, Trust::All | Trust::CaseSensitive { filtered: true })
    }
}

/// What the linear engine's answers on `text` are worth.
///
/// A text that ends with a newline is Python's too: there `$` also matches
/// before that newline (lines never end with one; paragraphs are lines joined).
pub fn trust(text: &str) -> Trust {
    if text.is_ascii() {
        return if text.ends_with('\n') {
            Trust::Nothing
        } else {
            Trust::All
        };
    }
    let mut found = Trust::All;
    for c in text.chars() {
        if c.is_ascii() {
            continue;
        }
        if within(&CLASS, c) {
            return Trust::Nothing;
        }
        if within(&CASE, c) {
            let filtered = within(&FOLDS, c) && found != Trust::CaseSensitive { filtered: false };
            found = Trust::CaseSensitive { filtered };
        }
    }
    if text.ends_with('\n') {
        return Trust::Nothing;
    }
    found
}

/// The code points a pattern of one class matches on the linear engine, as
/// inclusive ranges (core/tools/gen_unsure.py compares them with Python's).
pub fn class_ranges(pattern: &str) -> Result<Vec<(u32, u32)>, String> {
    use regex_syntax::hir::{Class, HirKind};
    let hir = regex_syntax::Parser::new()
        .parse(pattern)
        .map_err(|e| e.to_string())?;
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => Ok(class
            .ranges()
            .iter()
            .map(|r| (r.start() as u32, r.end() as u32))
            .collect()),
        HirKind::Literal(lit) => {
            let text = std::str::from_utf8(&lit.0).map_err(|e| e.to_string())?;
            Ok(text.chars().map(|c| (c as u32, c as u32)).collect())
        }
        _ => Err(format!("{pattern:?} is not one class")),
    }
}

/// Every code point that the linear engine matches case-insensitively with
/// others, with them (simple case folding, as the crate applies it).
pub fn case_orbits() -> Vec<(u32, Vec<u32>)> {
    use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};
    let mut found = Vec::new();
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
        class.case_fold_simple();
        let others: Vec<u32> = class
            .ranges()
            .iter()
            .flat_map(|r| (r.start() as u32)..=(r.end() as u32))
            .filter(|&o| o != c as u32)
            .collect();
        if !others.is_empty() {
            found.push((c as u32, others));
        }
    }
    found
}
