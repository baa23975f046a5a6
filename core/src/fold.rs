//! Python's `str.casefold`: full case folding ("ß" becomes "ss"), from a table
//! generated out of Python's `unicodedata` (core/tools/gen_casefold.py).

use std::borrow::Cow;

use crate::casefold_table::CASEFOLD;

pub use crate::casefold_table::UNICODE_VERSION;

/// What `c` folds to, when folding changes it.
fn fold_char(c: char) -> Option<&'static str> {
    CASEFOLD
        .binary_search_by_key(&c, |&(from, _)| from)
        .ok()
        .map(|i| CASEFOLD[i].1)
}

/// `text.casefold()`, borrowed when folding changes nothing.
pub fn casefold(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        if text.bytes().any(|b| b.is_ascii_uppercase()) {
            return Cow::Owned(text.to_ascii_lowercase());
        }
        return Cow::Borrowed(text);
    }
    // ASCII characters fold by themselves, without a look into the table.
    let changes = |c: char| {
        if c.is_ascii() {
            c.is_ascii_uppercase()
        } else {
            fold_char(c).is_some()
        }
    };
    let Some(first) = text.char_indices().find(|&(_, c)| changes(c)) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..first.0]);
    for c in text[first.0..].chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        match fold_char(c) {
            Some(folded) => out.push_str(folded),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_so_that_it_can_be_searched() {
        assert!(CASEFOLD.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn folding_is_full_case_folding() {
        assert_eq!(casefold("Straße"), "strasse");
        assert_eq!(casefold("ﬁNE"), "fine");
        assert_eq!(casefold("İ"), "i\u{307}");
        assert_eq!(casefold("ΣΑΣ"), "σασ");
        assert!(matches!(casefold("plain words"), Cow::Borrowed(_)));
        assert!(matches!(casefold("déjà vu"), Cow::Borrowed(_)));
        assert_eq!(casefold("Déjà"), "déjà");
    }
}
