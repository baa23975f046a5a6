//! Heuristics that weigh the whole page beside the article search: runs of
//! menu items, author boxes.
//!
//! Each is a function of a view's lines (and what other rules removed in the
//! round) that returns the positions it removes; the options are a rule file's
//! (`options:` under the heuristic's rule), and the shape of each decision is
//! what stays here.

use regex::Regex;

use crate::article::{Article, View};
use crate::chars;
use crate::classify::Kind;
use crate::lines::is_python_space;

/// The nearest non-blank line before (`step` -1) or after (+1) `pos`.
fn neighbour(texts: &[&str], pos: usize, step: isize) -> Option<usize> {
    let mut at = pos as isize + step;
    while 0 <= at && (at as usize) < texts.len() {
        if !texts[at as usize].is_empty() {
            return Some(at as usize);
        }
        at += step;
    }
    None
}

/// Runs of `min_run` or more menu items on adjacent lines: navigation, link
/// lists. A blank line ends a run. A list inside the article breaks a run with
/// a line that is no menu item in its group, or stands between two paragraphs
/// of prose (a packing list between the sentences around it).
pub fn nav_run(view: &View<'_>, min_run: usize, article: Option<&Article>) -> Vec<usize> {
    let texts = view.texts;
    let (start, end) = article.map_or((-1, -1), |a| (a.start, a.end));
    let menu_item = |pos: usize| view.infos[pos].is_some_and(|info| info.menu_item);
    let prose_at = |pos: Option<usize>| {
        pos.and_then(|pos| view.infos[pos])
            .is_some_and(|info| info.alone == Kind::Prose)
    };
    let mixed = |run: &[usize]| {
        let (mut lo, mut hi) = (run[0], run[run.len() - 1]);
        while lo > 0 && !texts[lo - 1].is_empty() {
            lo -= 1;
        }
        while hi + 1 < texts.len() && !texts[hi + 1].is_empty() {
            hi += 1;
        }
        (lo..=hi).any(|pos| !menu_item(pos))
    };
    let mut found = Vec::new();
    let mut run: Vec<usize> = Vec::new();
    for pos in 0..=texts.len() {
        if pos < texts.len() && !texts[pos].is_empty() && menu_item(pos) {
            run.push(pos);
            continue;
        }
        if run.len() >= min_run {
            let (first, last) = (run[0], run[run.len() - 1]);
            let inside = start < first as isize && (last as isize) < end && mixed(&run);
            let between =
                prose_at(neighbour(texts, first, -1)) && prose_at(neighbour(texts, last, 1));
            if !inside && !between {
                found.extend_from_slice(&run);
            }
        }
        run.clear();
    }
    found
}

/// `author-box`'s options as a rule file gives them (see `cleaner/heuristics.py`).
#[derive(Clone, Debug)]
pub struct AuthorBoxOptions {
    pub name_max_length: usize,
    pub name_min_words: usize,
    pub name_max_words: usize,
    /// Matched against each word of the name in full.
    pub name_word: String,
    pub roles: Vec<String>,
    pub role_within: usize,
    pub bio_min_words: usize,
    pub max_gap_lines: usize,
    pub gap_line_max_words: usize,
}

/// The author-box heuristic, its options compiled.
pub struct AuthorBox {
    o: AuthorBoxOptions,
    name_word: Regex,
    role: Regex,
}

fn words(text: &str) -> Vec<&str> {
    text.split(is_python_space)
        .filter(|word| !word.is_empty())
        .collect()
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(chars::is_upper)
}

impl AuthorBox {
    pub fn new(o: AuthorBoxOptions) -> Result<AuthorBox, String> {
        let compile = |source: String| Regex::new(&source).map_err(|e| format!("{source:?}: {e}"));
        let escaped: Vec<String> = o.roles.iter().map(|role| regex::escape(role)).collect();
        Ok(AuthorBox {
            name_word: compile(format!("^(?:{})$", o.name_word))?,
            role: compile(format!(r"(?i)\b(?:{})\b", escaped.join("|")))?,
            o,
        })
    }

    /// The words of `text` when it is a name alone: a few capitalised words.
    fn name_words<'a>(&self, text: &'a str) -> Option<Vec<&'a str>> {
        let o = &self.o;
        // Most lines fail on their length or first letter, before any split.
        if text.chars().nth(o.name_max_length).is_some()
            || !capitalised(text)
            || !text.contains(' ')
        {
            return None;
        }
        let found = words(text);
        if !(o.name_min_words <= found.len() && found.len() <= o.name_max_words) {
            return None;
        }
        found
            .iter()
            .all(|word| capitalised(word) && self.name_word.is_match(word))
            .then_some(found)
    }

    /// Whether `role` occurs in `bio` from byte `after` on, within its first
    /// `role_within` characters (word boundaries see the text around).
    fn says_role(&self, bio: &str, after: usize) -> bool {
        self.role_between(bio, after, self.o.role_within)
    }

    /// Whether one of the roles occurs in `text` from byte `start` on, within
    /// its first `within` characters: Python's `search(text, start, within)`.
    pub fn role_between(&self, text: &str, start: usize, within: usize) -> bool {
        let end = text
            .char_indices()
            .nth(within)
            .map_or(text.len(), |(at, _)| at);
        start <= end && self.role.find_at(&text[..end], start).is_some()
    }

    /// An author box: a name alone, a few short lines, then a biography of that
    /// author starting with the name, saying within its first words that the
    /// person writes; told from a name heading a paragraph about that person by
    /// the lines other rules removed between them, or right under the biography.
    pub fn find(&self, texts: &[&str], removed: &[bool]) -> Vec<usize> {
        let o = &self.o;
        let nonblank: Vec<usize> = (0..texts.len())
            .filter(|&pos| !texts[pos].is_empty())
            .collect();
        let mut found = Vec::new();
        for (rank, &pos) in nonblank.iter().enumerate() {
            let Some(name) = self.name_words(texts[pos]) else {
                continue;
            };
            let full = name.join(" ");
            let candidates = &nonblank
                [(rank + 1).min(nonblank.len())..(rank + 2 + o.max_gap_lines).min(nonblank.len())];
            for (gap, &bio) in candidates.iter().enumerate() {
                let text = texts[bio];
                let bio_words = words(text);
                // The role is looked for after the name the biography starts with.
                let after = if text.starts_with(full.as_str()) {
                    full.len()
                } else {
                    name[0].len()
                };
                if bio_words.len() >= o.bio_min_words
                    && bio_words[0] == name[0]
                    && self.says_role(text, after)
                {
                    let between = &nonblank[rank + 1..rank + 1 + gap];
                    // A box's buttons stand between name and biography ("@handle")
                    // or right under the biography, in its group ("Follow").
                    let under =
                        bio + 1 < texts.len() && !texts[bio + 1].is_empty() && removed[bio + 1];
                    if under || between.iter().any(|&line| removed[line]) {
                        found.push(pos);
                        found.extend_from_slice(between);
                        found.push(bio);
                    }
                    break;
                }
                // Lines other rules removed may be long; others are a handle or a role.
                if bio_words.len() > o.gap_line_max_words && !removed[bio] {
                    break;
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::LineInfo;
    use crate::features::LineFeatures;

    fn info(alone: Kind, menu_item: bool) -> Option<LineInfo> {
        Some(LineInfo {
            features: LineFeatures {
                words: 1,
                stopwords: 0.0,
                sentence: alone == Kind::Prose,
                numbers: 0,
                digits: false,
            },
            alone,
            grouped: alone,
            cue: false,
            listy: false,
            menu_item,
            glued: false,
            heading: false,
            stamp: false,
            byline: false,
        })
    }

    #[test]
    fn a_run_of_menu_items_goes_unless_prose_stands_on_both_sides() {
        let menu = info(Kind::Short, true);
        let prose = info(Kind::Prose, false);
        let texts = [
            "Home", "News", "Sport", "", "Text.", "", "Salt", "Oil", "Eggs", "", "More.",
        ];
        let infos = [
            menu, menu, menu, None, prose, None, menu, menu, menu, None, prose,
        ];
        let none = [false; 11];
        let view = View {
            texts: &texts,
            infos: &infos,
            removed: &none,
            inline: &none,
        };
        // The shopping list stands between two paragraphs: a list of the article.
        assert_eq!(nav_run(&view, 3, None), vec![0, 1, 2]);
        assert_eq!(nav_run(&view, 4, None), Vec::<usize>::new());
    }

    fn author_box() -> AuthorBox {
        AuthorBox::new(AuthorBoxOptions {
            name_max_length: 40,
            name_min_words: 2,
            name_max_words: 4,
            name_word: r"[\p{L}.'’-]+".into(),
            roles: vec!["covers".into(), "writer".into()],
            role_within: 60,
            bio_min_words: 5,
            max_gap_lines: 2,
            gap_line_max_words: 4,
        })
        .unwrap()
    }

    #[test]
    fn an_author_box_is_told_by_the_lines_other_rules_removed_in_it() {
        let texts = [
            "Zac Hall",
            "",
            "@apollozac",
            "",
            "Zac covers Apple news for the site and more.",
        ];
        let removed = [false, false, true, false, false];
        assert_eq!(author_box().find(&texts, &removed), vec![0, 2, 4]);
        // Nothing removed between the name and the paragraph: a candidate in an article.
        assert_eq!(author_box().find(&texts, &[false; 5]), Vec::<usize>::new());
        // A role past the first characters says nothing.
        let far = [
            "Zac Hall",
            "@apollozac",
            "Zac went to the shops and bought bread, milk, eggs and a newspaper he covers",
        ];
        assert_eq!(
            author_box().find(&far, &[false, true, false]),
            Vec::<usize>::new()
        );
    }
}
