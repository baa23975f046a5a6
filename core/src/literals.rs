//! Required literals: strings of which a pattern's every match holds one.
//!
//! Most rule patterns are phrase alternations, so on most lines none of their
//! phrases occurs and the regex need not run at all. A pattern's requirement is
//! a set of strings, case-folded (`fold::casefold`), such that wherever the
//! pattern matches a text, the text's fold contains one of them. Folding works
//! character by character, so a literal run of the pattern folds into a run of
//! the text's fold, and a case-insensitive class whose members all fold alike
//! (`[Kk\u{212A}]`) is that one folded string. A pattern with no such set has
//! no requirement, and runs on every line.

use regex_syntax::hir::{Class, Hir, HirKind};

use crate::fold::casefold;

/// The most strings a set of exact alternatives grows to before it is given up.
const MAX_EXACT: usize = 64;
/// The most strings a requirement may hold.
const MAX_REQUIRED: usize = 1024;
/// The most characters a class may hold to count as a set of alternatives.
const MAX_CLASS: u32 = 8;

/// What a piece of a pattern is known to match.
#[derive(Debug, Default)]
struct Info {
    /// Every text the piece can match, folded, when they are few.
    exact: Option<Vec<String>>,
    /// Strings of which every match of the piece holds one (folded).
    required: Option<Vec<String>>,
}

/// The requirement of the pattern `source` (as the `regex` crate reads it),
/// or None where it has none worth asking.
pub fn required(source: &str) -> Option<Vec<String>> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(source)
        .ok()?;
    let info = info(&hir);
    best([info.exact, info.required].into_iter().flatten()).map(minimal)
}

/// `set` less the strings that hold another of its strings: a text that holds
/// "email address:" holds "email address", so the longer one adds nothing to
/// what is required, only to the automaton that looks for it.
fn minimal(set: Vec<String>) -> Vec<String> {
    let mut by_length = set;
    by_length.sort_by_key(|s| s.len());
    let mut kept: Vec<String> = Vec::with_capacity(by_length.len());
    for s in by_length {
        if !kept.iter().any(|k| s.contains(k.as_str())) {
            kept.push(s);
        }
    }
    kept.sort_unstable();
    kept
}

/// The most selective of `sets`: the one whose strings are expected least
/// often in a line (`rarity`). A set holding the empty string requires
/// nothing. Any set given is a requirement, so the choice changes how many
/// lines a pattern runs on, never what it matches.
fn best(sets: impl IntoIterator<Item = Vec<String>>) -> Option<Vec<String>> {
    sets.into_iter()
        .filter(|set| !set.is_empty() && set.len() <= MAX_REQUIRED)
        .filter(|set| set.iter().all(|s| !s.is_empty()))
        .map(|set| (rarity(&set), set))
        .min_by(|(a, _), (b, _)| a.total_cmp(b))
        .map(|(_, set)| set)
}

/// How often a set's strings are expected at a place in a line of text, with
/// characters taken apart: each string the product of its characters' shares,
/// the set their sum. Rough shares of English and European news text: "@"
/// and "|" are far rarer than "." or " de", and a phrase of letters rarer
/// still, however common its letters.
fn rarity(set: &[String]) -> f64 {
    set.iter()
        .map(|s| s.chars().map(share).product::<f64>())
        .sum()
}

/// A character's rough share of the characters of a line of text (folded).
fn share(c: char) -> f64 {
    match c {
        ' ' => 0.16,
        'e' => 0.1,
        't' | 'a' | 'o' | 'i' | 'n' => 0.065,
        's' | 'r' | 'h' => 0.055,
        'l' | 'd' | 'c' | 'u' => 0.035,
        'm' | 'f' | 'p' | 'g' | 'w' | 'y' | 'b' => 0.02,
        'v' | 'k' => 0.01,
        'x' | 'j' | 'q' | 'z' => 0.002,
        '.' | ',' => 0.012,
        '0'..='9' | '-' | '\'' | '"' => 0.005,
        c if c.is_ascii() => 0.001,
        // Letters of other scripts and accented ones: common in their own
        // pages, rare over all.
        c if c.is_alphabetic() => 0.01,
        _ => 0.002,
    }
}

fn dedup(mut set: Vec<String>) -> Vec<String> {
    set.sort_unstable();
    set.dedup();
    set
}

/// The folded strings a class matches, when it holds few characters.
fn class_strings(class: &Class) -> Option<Vec<String>> {
    let Class::Unicode(class) = class else {
        return None;
    };
    let mut size = 0u32;
    for range in class.ranges() {
        size += u32::from(range.end()) - u32::from(range.start()) + 1;
        if size > MAX_CLASS {
            return None;
        }
    }
    let mut set = Vec::new();
    for range in class.ranges() {
        for c in range.start()..=range.end() {
            set.push(casefold(c.encode_utf8(&mut [0; 4])).into_owned());
        }
    }
    Some(dedup(set))
}

/// Every pairing of a string of `left` followed by one of `right`.
fn cross(left: &[String], right: &[String]) -> Vec<String> {
    let mut out = Vec::with_capacity(left.len() * right.len());
    for a in left {
        for b in right {
            out.push(format!("{a}{b}"));
        }
    }
    dedup(out)
}

fn info(hir: &Hir) -> Info {
    match hir.kind() {
        // An assertion takes no characters: the pieces on either side abut.
        HirKind::Empty | HirKind::Look(_) => Info {
            exact: Some(vec![String::new()]),
            required: None,
        },
        HirKind::Literal(literal) => Info {
            exact: std::str::from_utf8(&literal.0)
                .ok()
                .map(|text| vec![casefold(text).into_owned()]),
            required: None,
        },
        HirKind::Class(class) => Info {
            exact: class_strings(class),
            required: None,
        },
        HirKind::Capture(capture) => info(&capture.sub),
        HirKind::Repetition(repetition) => {
            let sub = info(&repetition.sub);
            match (repetition.min, repetition.max) {
                (1, Some(1)) => sub,
                (0, Some(1)) => Info {
                    exact: sub.exact.map(|mut set| {
                        set.push(String::new());
                        dedup(set)
                    }),
                    required: None,
                },
                (0, _) => Info::default(),
                _ => Info {
                    exact: None,
                    required: best([sub.exact, sub.required].into_iter().flatten()),
                },
            }
        }
        HirKind::Concat(subs) => concat(subs),
        HirKind::Alternation(subs) => {
            let infos: Vec<Info> = subs.iter().map(info).collect();
            let exact = infos
                .iter()
                .map(|i| i.exact.clone())
                .collect::<Option<Vec<_>>>()
                .map(|sets| dedup(sets.concat()))
                .filter(|set| set.len() <= MAX_EXACT);
            // Each branch must require something: the union is then required.
            let required = infos
                .into_iter()
                .map(|i| best([i.exact, i.required].into_iter().flatten()))
                .collect::<Option<Vec<_>>>()
                .map(|sets| dedup(sets.concat()))
                .filter(|set| set.len() <= MAX_REQUIRED);
            Info { exact, required }
        }
    }
}

/// A concatenation: runs of pieces with exact alternatives multiply out into
/// longer strings; any run, or any piece's own requirement, is required.
fn concat(subs: &[Hir]) -> Info {
    let mut candidates = Vec::new();
    let mut run = Some(vec![String::new()]);
    let mut whole = true;
    for sub in subs {
        let sub = info(sub);
        match (run.take(), sub.exact) {
            (Some(left), Some(right)) if left.len() * right.len() <= MAX_EXACT => {
                run = Some(cross(&left, &right));
            }
            (left, right) => {
                whole = false;
                candidates.extend(left);
                candidates.extend(sub.required);
                // A piece too wide to pair up starts the next run; one that
                // matches too much for a run ends it.
                run = Some(match right {
                    Some(right) if right.len() <= MAX_EXACT => right,
                    _ => vec![String::new()],
                });
            }
        }
    }
    let exact = if whole { run.clone() } else { None };
    candidates.extend(run);
    Info {
        exact,
        required: best(candidates),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(source: &str) -> Option<Vec<String>> {
        required(source)
    }

    fn strings(items: &[&str]) -> Option<Vec<String>> {
        Some(items.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn a_phrase_alternation_requires_its_phrases() {
        assert_eq!(
            req("^(?:sign up|subscribe)$"),
            strings(&["sign up", "subscribe"])
        );
    }

    #[test]
    fn case_insensitive_classes_fold_to_one_string() {
        assert_eq!(req("(?i)Share this"), strings(&["share this"]));
        assert_eq!(req("(?i:k)ey"), strings(&["key"]));
    }

    #[test]
    fn optional_pieces_multiply_out() {
        assert_eq!(
            req("click(?: here)? to"),
            strings(&["click here to", "click to"])
        );
    }

    #[test]
    fn the_longest_run_is_chosen() {
        assert_eq!(req(r"\d+ min read"), strings(&[" min read"]));
        assert_eq!(req(r".{0,300}@\w+"), strings(&["@"]));
    }

    #[test]
    fn rarer_strings_are_chosen_over_as_short_common_ones() {
        // "@" and "." are both required by each match; "@" is far rarer.
        assert_eq!(req(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), strings(&["@"]));
        assert_eq!(req(r"(?:\.[a-z]+)+ \| [a-z]+"), strings(&[" | "]));
    }

    #[test]
    fn nothing_is_required_where_a_branch_requires_nothing() {
        assert_eq!(req(r"foo|\w+"), None);
        assert_eq!(req(r".*"), None);
        assert_eq!(req(r"(?:abc)?"), None);
    }

    #[test]
    fn a_repeated_piece_is_required_once() {
        assert_eq!(req(r"(?:ab){2,}"), strings(&["ab"]));
    }

    #[test]
    fn every_match_holds_a_required_string() {
        let patterns = [
            "(?i)share (?:this|on) (?:facebook|x)",
            "(?i:k)elvin|Stra(?:ß|ss)e",
            r"\d+ min(?:ute)?s? read",
            r"(?i)(?:photo|image):?\s*\w+ / getty",
            r"(?i:ſ)ubscribe|sign[ -]up",
        ];
        let texts = [
            "SHARE THIS FACEBOOK",
            "Share on X",
            "\u{212A}elvin",
            "KELVIN",
            "Straße",
            "Strasse",
            "12 minutes read",
            "1 min read",
            "PHOTO: Someone / GETTY",
            "image x / Getty",
            "\u{17F}ubscribe",
            "Subscribe",
            "sign-up",
        ];
        for source in patterns {
            let regex = regex::Regex::new(&format!("^(?:{source})$")).unwrap();
            let wanted = required(regex.as_str()).expect(source);
            let mut matched = 0;
            for text in texts {
                if regex.is_match(text) {
                    matched += 1;
                    let folded = casefold(text);
                    assert!(
                        wanted.iter().any(|w| folded.contains(w.as_str())),
                        "{source} matches {text:?} but {wanted:?} are not in {folded:?}"
                    );
                }
            }
            assert!(matched >= 2, "{source} matched too few texts to test it");
        }
    }

    #[test]
    fn a_string_that_holds_another_of_the_set_is_dropped() {
        assert_eq!(
            req("(?:email address|email address:|your email address|e-mail)"),
            strings(&["e-mail", "email address"])
        );
    }

    #[test]
    fn full_folding_is_kept() {
        assert_eq!(req("(?i)STRASSE|Straße"), strings(&["strasse"]));
    }
}
