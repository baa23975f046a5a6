//! Characters as Python judges them: `re`'s `\d` and `[^\W\d_]`, `str.lower`,
//! `str.isalpha`, `str.isupper`, `str.islower`, `str.isdigit`, `str.isnumeric`.
//!
//! Rust's `char` methods follow another Unicode version and other definitions
//! (`char::is_numeric` takes every `N*` category, `char::to_lowercase` its own
//! tables), so the predicates read the tables that `core/tools/gen_tables.py`
//! generates from Python's `unicodedata`. Whitespace is `lines::is_python_space`.

use crate::tables;

/// Whether `cp` lies in one of the sorted, inclusive `ranges`.
pub fn in_ranges(ranges: &[(u32, u32)], cp: u32) -> bool {
    let at = ranges.partition_point(|&(_, hi)| hi < cp);
    at < ranges.len() && ranges[at].0 <= cp
}

/// `c` judged by `ascii` when it is ASCII (where the tables and Rust agree,
/// and most text is), else by the table of Python's verdicts.
fn judged(c: char, ascii: fn(&char) -> bool, table: &[(u32, u32)]) -> bool {
    if c.is_ascii() {
        ascii(&c)
    } else {
        in_ranges(table, c as u32)
    }
}

/// `c.isdecimal()`: what `re` matches with `\d`.
pub fn is_decimal(c: char) -> bool {
    judged(c, char::is_ascii_digit, tables::DECIMAL)
}

/// Whether `re` matches `c` with `[^\W\d_]`: a character of a word that is no digit.
pub fn is_token(c: char) -> bool {
    judged(c, char::is_ascii_alphabetic, tables::TOKEN)
}

/// `c.isalpha()`.
pub fn is_alpha(c: char) -> bool {
    judged(c, char::is_ascii_alphabetic, tables::ALPHA)
}

/// `c.isupper()`.
pub fn is_upper(c: char) -> bool {
    judged(c, char::is_ascii_uppercase, tables::UPPER)
}

/// `c.islower()`.
pub fn is_lower(c: char) -> bool {
    judged(c, char::is_ascii_lowercase, tables::LOWERCASE)
}

/// `c.isdigit()`.
pub fn is_digit(c: char) -> bool {
    judged(c, char::is_ascii_digit, tables::DIGIT)
}

/// `c.isnumeric()` (which `isdigit` and `isdecimal` imply).
pub fn is_numeric(c: char) -> bool {
    judged(c, char::is_ascii_digit, tables::NUMERIC)
}

/// The canonical combining class of `c` (0 for most characters).
pub fn combining_class(c: char) -> u8 {
    let cp = c as u32;
    let at = tables::CCC.partition_point(|&(_, hi, _)| hi < cp);
    match tables::CCC.get(at) {
        Some(&(lo, _, class)) if lo <= cp => class,
        _ => 0,
    }
}

const CAPITAL_SIGMA: char = '\u{3a3}';

/// `text.lower()` appended to `out`, final sigma and all.
pub fn lower_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        out.extend(text.chars().map(|c| c.to_ascii_lowercase()));
        return;
    }
    for (at, c) in text.char_indices() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if c == CAPITAL_SIGMA {
            let (before, after) = (&text[..at], &text[at + c.len_utf8()..]);
            out.push(if final_sigma(before, after) {
                '\u{3c2}'
            } else {
                '\u{3c3}'
            });
        } else {
            push_lower(c, out);
        }
    }
}

/// `text.lower()`.
pub fn lower(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    lower_into(text, &mut out);
    out
}

fn push_lower(c: char, out: &mut String) {
    let cp = c as u32;
    if let Ok(at) = tables::LOWER.binary_search_by_key(&cp, |&(from, _)| from) {
        // The generator writes only scalar values.
        out.push(char::from_u32(tables::LOWER[at].1).unwrap_or(c));
    } else if let Ok(at) = tables::LOWER_MULTI.binary_search_by_key(&cp, |&(from, _)| from) {
        out.push_str(tables::LOWER_MULTI[at].1);
    } else {
        out.push(c);
    }
}

fn ignored(c: char) -> bool {
    in_ranges(tables::SIGMA_IGNORED, c as u32)
}

fn cased(c: char) -> bool {
    in_ranges(tables::SIGMA_CASED, c as u32)
}

/// CPython's `handle_capital_sigma`: a capital sigma is final after a cased
/// character and not before one, case-ignorable characters looked through.
fn final_sigma(before: &str, after: &str) -> bool {
    match before.chars().rev().find(|&c| !ignored(c)) {
        Some(c) if cased(c) => {}
        _ => return false,
    }
    !after.chars().find(|&c| !ignored(c)).is_some_and(cased)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_nd_only() {
        for c in ['0', '9', '\u{663}', '\u{ff15}', '\u{1d7ce}'] {
            assert!(is_decimal(c), "{c:?}");
        }
        // Superscripts and fractions are digits or numerics, not decimals.
        for c in ['a', '\u{b2}', '\u{bd}', '\u{2167}', '_'] {
            assert!(!is_decimal(c), "{c:?}");
        }
    }

    #[test]
    fn tokens_take_letters_and_numerics_but_decimals() {
        for c in [
            'a', 'Z', '\u{e9}', '\u{436}', '\u{b2}', '\u{bd}', '\u{4e2d}',
        ] {
            assert!(is_token(c), "{c:?}");
        }
        for c in ['1', '_', ' ', '\u{301}', '\u{2019}', '\u{663}'] {
            assert!(!is_token(c), "{c:?}");
        }
    }

    #[test]
    fn lower_is_python_lower() {
        assert_eq!(lower("ABC def"), "abc def");
        assert_eq!(lower("\u{130}stanbul"), "i\u{307}stanbul");
        assert_eq!(lower("ΟΔΟΣ ΟΔΟΣ."), "οδος οδος.");
        assert_eq!(lower("Σ"), "σ");
        assert_eq!(lower("ΑΣ\u{301}Α"), "ασ\u{301}α");
        assert_eq!(lower("Α\u{301}Σ"), "α\u{301}ς");
    }

    #[test]
    fn combining_classes() {
        assert_eq!(combining_class('a'), 0);
        assert_eq!(combining_class('\u{301}'), 230);
        assert_eq!(combining_class('\u{323}'), 220);
    }
}
