//! The normalised form of a line, the one thing a `phrases:` rule compares.
//!
//! The specification is `cleaner/phrases.py`'s module doc: full case folding
//! (`fold::casefold`), every run of Unicode `White_Space` as one space, and
//! decoration (whitespace, dashes, bullets, arrows, bars, `*`, `:`) stripped
//! from both ends. Case folding maps nothing to or from whitespace or
//! decoration, so the three steps commute.

use crate::fold::casefold;

/// What pages print around a label ("— Advertisement —", "• Video", "Share:",
/// "» Related", "| Print |"); whitespace counts as decoration too. Sentence
/// punctuation does not: a full stop marks prose.
const DECORATION: &[char] = &[
    '-', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2015}', '\u{2022}', '\u{b7}', '\u{25aa}',
    '\u{25ba}', '\u{25b6}', '\u{203a}', '\u{2039}', '\u{bb}', '\u{ab}', '|', '*', ':',
];

fn is_decoration(c: char) -> bool {
    c.is_whitespace() || DECORATION.contains(&c)
}

/// `text` as phrases are compared.
pub fn normalise(text: &str) -> String {
    let folded = casefold(text.trim_matches(is_decoration));
    let mut out = String::with_capacity(folded.len());
    let mut space = false;
    for c in folded.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// False only when `normalise(text)` is certainly longer than `longest`
/// characters: each character of the text, between its decoration, that is not
/// whitespace stays, and folding never shortens one. So a 200 MB line is never
/// folded to be compared with phrases of a few words.
pub fn within(text: &str, longest: usize) -> bool {
    text.trim_matches(is_decoration)
        .chars()
        .filter(|c| !c.is_whitespace())
        .nth(longest)
        .is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising_folds_collapses_and_strips() {
        assert_eq!(normalise("  — ADVERTISEMENT —  "), "advertisement");
        assert_eq!(normalise("• Share\u{3000}\u{205f}this:"), "share this");
        assert_eq!(normalise("Straße -"), "strasse");
        assert_eq!(normalise("Loading..."), "loading...");
        assert_eq!(normalise("a\u{1c}b"), "a\u{1c}b");
        assert_eq!(normalise("a\u{200b}b"), "a\u{200b}b");
        assert_eq!(normalise("-|*:"), "");
    }

    #[test]
    fn within_counts_what_normalising_keeps() {
        assert!(within("» Share  this «", 9));
        assert!(!within("» Share  this «", 8));
        assert!(within("", 0));
    }
}
