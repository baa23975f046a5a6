//! What a line is taken for: prose, a menu item, a list row, a break, ...
//!
//! The generic heuristics weigh lines by kind. A kind comes from the line's own
//! text (its features, its wording) and from whether other non-blank lines
//! stand next to it: page dumps print one block per line, with blank lines
//! around paragraphs and headings and none between the items of a menu, so a
//! run of adjacent non-blank lines is a list and a paragraph stands alone.
//!
//! The wording and the thresholds are data (`KindOptions`, the `line_kinds`
//! section of a rule file's `heuristics:` block, validated by the Python
//! loader); what stays here is the shape of each test. Option patterns run on
//! the `regex` crate; lengths are in characters and text is lower-cased and
//! split as Python's `str` does it (`chars`, `lines::is_python_space`).

use crate::{HashMap, HashSet};
use std::sync::Mutex;

use regex::Regex;

use crate::chars::{self, is_decimal, lower};
use crate::features::{needs_stopwords, LineFeatures, Stopwords, LONG_LINE, SAMPLE};
use crate::lines::is_python_space;

/// What a line is taken for, on its own and within its group (as the Python
/// `Kind`, in its order: the heuristics add kinds of their own after these).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A paragraph of the article, or of something like it.
    Prose,
    /// A row of a table or a numbered list: words and figures.
    Row,
    /// A short sentence in a list, a subheading with function words.
    Item,
    /// A short item in a group: navigation, tags, links.
    Menu,
    /// A short line on its own: a heading, a label.
    Short,
    /// The article does not run across it.
    Break,
    /// A copyright line.
    Legal,
}

impl Kind {
    /// Every kind, in the order of Python's `Kind`.
    pub const ALL: [Kind; 7] = [
        Kind::Prose,
        Kind::Row,
        Kind::Item,
        Kind::Menu,
        Kind::Short,
        Kind::Break,
        Kind::Legal,
    ];
}

/// A number from 0 to 1 applied exactly to counts ("7 in 10").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Part {
    pub numerator: u64,
    pub denominator: u64,
}

impl Part {
    /// Whether `count` of `total` is more than this part.
    fn exceeded(self, count: usize, total: usize) -> bool {
        count as u128 * self.denominator as u128 > total as u128 * self.numerator as u128
    }

    /// Whether `count` of `total` is at least this part.
    fn reached(self, count: usize, total: usize) -> bool {
        count as u128 * self.denominator as u128 >= total as u128 * self.numerator as u128
    }
}

/// The classifier's options as a rule file gives them (see `cleaner/line_kinds.py`
/// for what each means). Patterns are sources; word lists are lower-case where
/// the loader lowers them.
#[derive(Clone, Debug)]
pub struct KindOptions {
    pub prose_max_numbers: Part,
    pub prose_words: usize,
    pub prose_stopwords: f64,
    pub long_prose_words: usize,
    pub long_prose_stopwords: f64,
    pub longest_prose_words: usize,
    pub longest_prose_stopwords: f64,
    pub row_min_words: usize,
    pub row_min_numbers: usize,
    pub row_max_length: usize,
    pub pair_row_max_length: usize,
    pub item_min_words: usize,
    pub item_stopwords: f64,
    pub item_long_words: usize,
    pub list_marks: String,
    pub menu_item_max_length: usize,
    pub menu_item_max_words: usize,
    pub menu_item_marks: String,
    pub break_max_length: usize,
    pub heading_max_words: usize,
    pub headings: Vec<String>,
    pub heading_patterns: Vec<String>,
    pub arrows: Vec<char>,
    pub page_numbers: String,
    pub byline_max_words: usize,
    pub byline_leads: Vec<String>,
    pub byline_words: Vec<String>,
    pub stamp_max_length: usize,
    pub relative_time_stems: Vec<String>,
    pub relative_time: String,
    pub date_marks: String,
    pub date_words: Vec<String>,
    pub date_line_words: Vec<String>,
    pub date_separator: String,
    pub ordinal_suffixes: Vec<String>,
    pub legal_marks: Vec<String>,
    pub copyright_words: Vec<String>,
    pub copyright_credits: Vec<String>,
    pub cue_max_length: usize,
    pub cue_stems: Vec<String>,
    pub cue_headings: Vec<String>,
    pub cue_speaker: String,
    pub cue_not_speakers: Vec<String>,
    pub glue: String,
    pub glue_within: usize,
    pub glued_title_min_words: usize,
    pub glued_title_capitals: Part,
}

/// What the heuristics know of one line text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LineInfo {
    pub features: LineFeatures,
    /// Its kind as a line on its own.
    pub alone: Kind,
    /// Its kind next to other lines.
    pub grouped: Kind,
    /// Heads a comment section.
    pub cue: bool,
    /// Inner punctuation or figures, as list rows have.
    pub listy: bool,
    /// Short enough and bare enough to be a menu item.
    pub menu_item: bool,
    /// A teaser's title glued to its deck.
    pub glued: bool,
    /// A heading of other stories ("Related stories").
    pub heading: bool,
    /// A time or a date alone ("2 hours ago").
    pub stamp: bool,
    /// "By NAME" standing alone.
    pub byline: bool,
}

/// `(?:a|b|c)` of words, escaped.
fn words(items: &[String]) -> String {
    let escaped: Vec<String> = items.iter().map(|item| regex::escape(item)).collect();
    format!("(?:{})", escaped.join("|"))
}

/// `(?:a|b|c)` of patterns.
fn patterns(items: &[String]) -> String {
    format!("(?:{})", items.join("|"))
}

fn compile(source: &str) -> Result<Regex, String> {
    Regex::new(source).map_err(|e| format!("{source:?}: {e}"))
}

/// A regex matching all of a text.
fn whole(source: &str) -> Result<Regex, String> {
    compile(&format!("^(?:{source})$"))
}

/// A comment cue may stand in brackets, with spaces inside them: "[ 12 comments ]".
const CUE_OPEN: &str = r"[\[(]?\s*";
const CUE_CLOSE: &str = r"\s*[\])]?";

/// The options, compiled.
pub struct Classifier {
    o: KindOptions,
    list_marks: Regex,
    menu_item_marks: Regex,
    headings: HashSet<String>,
    heading: Regex,
    page_numbers: Regex,
    byline: Regex,
    relative_time: Regex,
    date_marks: Regex,
    date_word: Regex,
    date_line: Regex,
    legal: Regex,
    credits: Vec<String>,
    cue_stem: Regex,
    cue: Regex,
    speaker: Regex,
    not_speakers: HashSet<String>,
    glue: Regex,
    /// Whether a share of stopwords that `features::needs_stopwords` skips can
    /// change a kind under these thresholds (then it is worked out too).
    share_gap: bool,
    /// Infos of lines seen on earlier pages, by line and page language: a
    /// site's menus and footers recur on every page.
    seen: Mutex<Remembered>,
}

/// Line infos by line and page language.
/// By page language, then by line: a look-up borrows the line, with no copy made.
type Remembered = HashMap<Option<usize>, HashMap<Box<str>, LineInfo>>;

/// Distinct lines remembered across pages, and the longest remembered (in
/// bytes): a site's recurring lines are short, and long ones would hold their
/// size in memory for good.
/// Overlap of the pieces a long line's `list_marks` are searched in: a match
/// longer than this across two pieces is not seen.
pub const LISTY_OVERLAP: usize = 1024;
const REMEMBERED_LINES: usize = 50_000;
const REMEMBERED_LENGTH: usize = 10_000;

impl Classifier {
    pub fn new(o: KindOptions) -> Result<Classifier, String> {
        let separator = format!("(?:{})*", o.date_separator);
        let suffix = words(&o.ordinal_suffixes);
        let date_words: Vec<String> = o
            .date_words
            .iter()
            .chain(&o.date_line_words)
            .cloned()
            .collect();
        // A number is one digit a step: a run of digits splits only one way.
        let date_line = format!(
            r"(?:{separator}(?:\d{suffix}?|{}\b\.?))+{separator}",
            words(&date_words)
        );
        let mut classifier = Classifier {
            list_marks: compile(&o.list_marks)?,
            menu_item_marks: compile(&o.menu_item_marks)?,
            headings: o.headings.iter().cloned().collect(),
            heading: whole(&patterns(&o.heading_patterns))?,
            page_numbers: whole(&o.page_numbers)?,
            byline: compile(&format!(
                r"^(?i:(?:{} )?{} )\w",
                words(&o.byline_leads),
                words(&o.byline_words)
            ))?,
            relative_time: compile(&o.relative_time)?,
            date_marks: compile(&o.date_marks)?,
            date_word: compile(&format!(r"\b{}\b", words(&o.date_words)))?,
            date_line: whole(&date_line)?,
            legal: compile(&words(&o.legal_marks))?,
            credits: o
                .copyright_credits
                .iter()
                .map(|credit| format!("{credit} "))
                .collect(),
            cue_stem: compile(&words(&o.cue_stems))?,
            cue: whole(&format!(
                "{CUE_OPEN}{}{CUE_CLOSE}",
                patterns(&o.cue_headings)
            ))?,
            speaker: whole(&format!("(?:{}){CUE_CLOSE}", o.cue_speaker))?,
            not_speakers: o.cue_not_speakers.iter().cloned().collect(),
            glue: compile(&o.glue)?,
            share_gap: false,
            seen: Mutex::new(HashMap::default()),
            o,
        };
        classifier.share_gap = classifier.skipped_share_matters();
        Ok(classifier)
    }

    /// A sentence-like line of some length, or a long one full of function words.
    pub fn is_prose(&self, f: &LineFeatures) -> bool {
        let o = &self.o;
        if o.prose_max_numbers.exceeded(f.numbers, f.words) {
            return false;
        }
        (f.words >= o.prose_words && f.sentence && f.stopwords >= o.prose_stopwords)
            || (f.words >= o.long_prose_words && f.stopwords >= o.long_prose_stopwords)
            || (f.words >= o.longest_prose_words
                && (f.sentence || f.stopwords >= o.longest_prose_stopwords))
    }

    fn is_item(&self, f: &LineFeatures) -> bool {
        let o = &self.o;
        (f.words >= o.item_min_words && f.stopwords >= o.item_stopwords)
            || f.words >= o.item_long_words
    }

    /// A heading of what follows an article ("Related stories").
    pub fn is_heading(&self, low: &str, f: &LineFeatures) -> bool {
        f.words <= self.o.heading_max_words
            && (self.headings.contains(low) || self.heading.is_match(low))
    }

    /// A lower-cased line that is only a date or a time, with a figure in it.
    pub fn is_date_line(&self, low: &str) -> bool {
        (self.date_marks.is_match(low) || self.date_word.is_match(low))
            && low.chars().any(is_decimal)
            && self.date_line.is_match(low)
    }

    /// A time or a date standing alone ("2 hours ago", "Posted at 10:31"): a
    /// relative time anywhere in a line that is no prose.
    fn is_stamp(&self, low: &str, f: &LineFeatures) -> bool {
        f.digits
            && ((self
                .o
                .relative_time_stems
                .iter()
                .any(|stem| low.contains(stem.as_str()))
                && self.relative_time.is_match(low)
                && !self.is_prose(f))
                || (low.chars().count() <= self.o.stamp_max_length && self.is_date_line(low)))
    }

    /// "By" and a name, as printed: a name is capitalised, "By the numbers" is not.
    fn is_byline(&self, text: &str, f: &LineFeatures) -> bool {
        if f.words > self.o.byline_max_words || f.sentence {
            return false;
        }
        self.byline_letter(text)
            .is_some_and(|first| chars::is_alpha(first) && !chars::is_lower(first))
    }

    /// The first letter of the name after "By " at the start of `text`, if it is there.
    pub fn byline_letter(&self, text: &str) -> Option<char> {
        self.byline
            .find(text)
            .and_then(|found| found.as_str().chars().next_back())
    }

    fn is_break(&self, text: &str, low: &str, f: &LineFeatures) -> bool {
        if self.is_heading(low, f) || self.is_byline(text, f) {
            return true;
        }
        if !f.digits {
            return false;
        }
        self.page_numbers.is_match(low) || self.is_stamp(low, f)
    }

    /// The word alone, not right after a picture's credit ("Image copyright Getty").
    pub fn is_copyright(&self, low: &str) -> bool {
        for word in &self.o.copyright_words {
            if word.is_empty() {
                return true;
            }
            let mut from = 0;
            while let Some(at) = low[from..].find(word.as_str()).map(|at| at + from) {
                let before = &low[..at];
                if !self
                    .credits
                    .iter()
                    .any(|credit| before.ends_with(credit.as_str()))
                {
                    return true;
                }
                // On from the next character: occurrences may overlap.
                from = at + low[at..].chars().next().map_or(1, char::len_utf8);
            }
        }
        false
    }

    /// Whether a lower-cased line heads a comment section ("12 comments", "bob says:").
    pub fn is_comment_cue(&self, low: &str) -> bool {
        low.chars().count() <= self.o.cue_max_length
            && self.cue_stem.is_match(low)
            && (self.cue.is_match(low) || self.is_speaker(low))
    }

    /// `cue_speaker` in the cue's brackets, its first word not one of
    /// `cue_not_speakers`. The name starts after the spaces that open the line,
    /// or after an opening bracket and the spaces after it.
    fn is_speaker(&self, low: &str) -> bool {
        let mut starts = vec![low.len() - low.trim_start_matches(is_python_space).len()];
        if low.starts_with(['[', '(']) {
            let rest = &low[1..];
            starts.push(1 + rest.len() - rest.trim_start_matches(is_python_space).len());
        }
        starts.dedup();
        starts.into_iter().any(|start| {
            let name = &low[start..];
            if name.is_empty() || !self.speaker.is_match(name) {
                return false;
            }
            let first = name.split(is_python_space).next().unwrap_or("");
            !self.not_speakers.contains(first)
        })
    }

    /// The kind of one line; `in_group` when a non-blank line is next to it.
    pub fn kind_of(&self, text: &str, f: &LineFeatures, in_group: bool) -> Kind {
        self.kind_at(text, text.chars().count(), f, in_group)
    }

    /// `kind_of` a line of `length` characters that `text` starts (all of it,
    /// wherever its wording is read).
    fn kind_at(&self, text: &str, length: usize, f: &LineFeatures, in_group: bool) -> Kind {
        let o = &self.o;
        // Breaks and legal lines are short; their wording is matched lower-cased.
        let low = if length <= o.break_max_length {
            lower(text)
        } else {
            String::new()
        };
        if !low.is_empty() {
            let first = text.chars().next().unwrap_or(' ');
            if self.is_break(text, &low, f) || (o.arrows.contains(&first) && !f.sentence) {
                return Kind::Break;
            }
            if self.is_legal(&low) {
                return Kind::Legal;
            }
        }
        if self.is_prose(f) {
            return Kind::Prose;
        }
        // The word alone marks a notice, not a story about copyright nor a credit.
        if !low.is_empty() && self.is_copyright(&low) {
            return Kind::Legal;
        }
        if (f.words >= o.row_min_words
            && o.row_min_numbers <= f.numbers
            && f.numbers < f.words
            && (length <= o.row_max_length || f.sentence))
            || (f.words == 2 && f.numbers == 1 && length <= o.pair_row_max_length)
        {
            return Kind::Row;
        }
        if self.is_item(f) {
            return Kind::Item;
        }
        if in_group {
            Kind::Menu
        } else {
            Kind::Short
        }
    }

    /// A headline run into its deck with no space, the title in Title Case:
    /// "Bill At Troy SteakhouseA party of six ...".
    pub fn is_glued_teaser(&self, text: &str) -> bool {
        let head = match text.char_indices().nth(self.o.glue_within) {
            Some((at, _)) => &text[..at],
            None => text,
        };
        let Some(glue) = self.glue.find(head) else {
            return false;
        };
        let first = head[glue.start()..]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
        let title: Vec<&str> = head[..glue.start() + first]
            .split(is_python_space)
            .filter(|word| !word.is_empty())
            .collect();
        let capitals = title
            .iter()
            .filter(|word| {
                let c = word.chars().next().unwrap_or(' ');
                chars::is_upper(c) || chars::is_digit(c)
            })
            .count();
        title.len() >= self.o.glued_title_min_words
            && self.o.glued_title_capitals.reached(capitals, title.len())
    }

    /// The features of a line under these options: the core's, with the share of
    /// stopwords worked out where these thresholds need it and `features` did not.
    pub fn features(&self, stopwords: &Stopwords, text: &str, lang: Option<usize>) -> LineFeatures {
        let f = stopwords.line_features(text, lang);
        self.with_share(stopwords, f, || text, lang)
    }

    /// `f` with the share of stopwords filled in where these thresholds need it;
    /// `head` gives the line's first characters (at least `SAMPLE` of them).
    pub fn with_share<'a>(
        &self,
        stopwords: &Stopwords,
        f: LineFeatures,
        head: impl FnOnce() -> &'a str,
        lang: Option<usize>,
    ) -> LineFeatures {
        match lang.filter(|&lang| lang < stopwords.languages()) {
            Some(lang) if self.share_gap && f.stopwords == 0.0 && self.share_gap_at(&f) => {
                match stopwords.share(prefix(head(), SAMPLE), lang) {
                    Some(share) => LineFeatures {
                        stopwords: share,
                        ..f
                    },
                    None => f,
                }
            }
            _ => f,
        }
    }

    /// The `LineInfo` of one non-blank line of `length` characters with
    /// features `f`; `listy` is whether `list_marks` occurs in it (`listy`).
    /// `text` is the line or, for a long one, its first characters: its wording
    /// is read only where it is short, and a glued title in its first
    /// `glue_within` characters.
    pub fn info(&self, text: &str, length: usize, f: LineFeatures, listy: bool) -> LineInfo {
        let o = &self.o;
        let alone = self.kind_at(text, length, &f, false);
        let grouped = if alone == Kind::Short {
            Kind::Menu
        } else {
            alone
        };
        let low = if length <= o.cue_max_length {
            lower(text)
        } else {
            String::new()
        };
        let brk = alone == Kind::Break;
        LineInfo {
            features: f,
            alone,
            grouped,
            // "12 comments were sent to the council" is a sentence of the story.
            cue: !low.is_empty() && alone != Kind::Prose && self.is_comment_cue(&low),
            listy,
            menu_item: length <= o.menu_item_max_length
                && f.words <= o.menu_item_max_words
                && !self.menu_item_marks.is_match(text),
            glued: alone == Kind::Prose && self.is_glued_teaser(text),
            heading: brk && self.is_heading(&low, &f),
            stamp: brk && self.is_stamp(&low, &f),
            byline: brk && self.is_byline(text, &f),
        }
    }

    /// Whether one of `legal_marks` occurs in a lower-cased line.
    pub fn is_legal(&self, low: &str) -> bool {
        self.legal.is_match(low)
    }

    /// Whether a share of stopwords that `features` skips can change a kind here.
    pub fn share_gap(&self) -> bool {
        self.share_gap
    }

    /// Whether `list_marks` occurs in `text`.
    pub fn listy(&self, text: &str) -> bool {
        self.list_marks.is_match(text)
    }

    /// The `LineInfo` of one non-blank line on a page in language `lang`.
    pub fn line_info(&self, stopwords: &Stopwords, text: &str, lang: Option<usize>) -> LineInfo {
        let f = self.features(stopwords, text, lang);
        self.info(text, text.chars().count(), f, self.listy(text))
    }

    /// The `LineInfo` of a line of more than `LONG_LINE` characters, read a
    /// piece at a time (`piece(start, end)`: characters `start..end`): its
    /// wording from its first `LONG_LINE` characters, `list_marks` searched in
    /// overlapping pieces.
    pub fn long_line_info<S: AsRef<str>, E>(
        &self,
        stopwords: &Stopwords,
        length: usize,
        piece: impl Fn(usize, usize) -> Result<S, E>,
        lang: Option<usize>,
    ) -> Result<LineInfo, E> {
        let f = stopwords.long_line_features(length, &piece, lang)?;
        let first = piece(0, LONG_LINE.min(length))?;
        let f = self.with_share(stopwords, f, || first.as_ref(), lang);
        let mut listy = false;
        let mut start = 0;
        while !listy && start < length {
            let end = (start + LONG_LINE).min(length);
            listy = self.listy(piece(start, end)?.as_ref());
            if end == length {
                break;
            }
            start = end - LISTY_OVERLAP;
        }
        Ok(self.info(first.as_ref(), length, f, listy))
    }

    /// `line_info` of each of `texts` (non-blank lines), remembered across calls.
    pub fn infos(
        &self,
        stopwords: &Stopwords,
        texts: &[&str],
        lang: Option<usize>,
    ) -> Vec<LineInfo> {
        texts
            .iter()
            .map(|&text| self.remembered_info(stopwords, text, lang))
            .collect()
    }

    /// `line_info` of one non-blank line, remembered across calls.
    pub fn remembered_info(
        &self,
        stopwords: &Stopwords,
        text: &str,
        lang: Option<usize>,
    ) -> LineInfo {
        if text.len() > REMEMBERED_LENGTH {
            return self.line_info(stopwords, text, lang);
        }
        // Locked for each look-up and each insertion, never while a line is
        // judged: threads cleaning pages at once share the memory.
        let memory = || self.seen.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(info) = memory().get(&lang).and_then(|lines| lines.get(text)) {
            return *info;
        }
        let info = self.line_info(stopwords, text, lang);
        let mut seen = memory();
        if seen.values().map(HashMap::len).sum::<usize>() >= REMEMBERED_LINES {
            seen.clear();
        }
        seen.entry(lang).or_default().insert(text.into(), info);
        info
    }

    /// How many lines are remembered, and the longest of them in bytes.
    pub fn remembered(&self) -> (usize, usize) {
        let seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        (
            seen.values().map(HashMap::len).sum(),
            seen.values()
                .flat_map(|lines| lines.keys().map(|line| line.len()))
                .max()
                .unwrap_or(0),
        )
    }

    /// Forget the lines remembered across calls.
    pub fn forget(&self) {
        self.seen.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    /// Whether the share of stopwords can change the kind of a line like `f`.
    fn share_matters(&self, f: &LineFeatures) -> bool {
        let low = LineFeatures {
            stopwords: 0.0,
            ..*f
        };
        let high = LineFeatures {
            stopwords: 1.0,
            ..*f
        };
        self.is_prose(&low) != self.is_prose(&high) || self.is_item(&low) != self.is_item(&high)
    }

    /// Whether these thresholds ask for a share where `features` does not work
    /// it out; past the largest threshold nothing changes with the words.
    fn skipped_share_matters(&self) -> bool {
        let o = &self.o;
        let top = [
            o.prose_words,
            o.long_prose_words,
            o.longest_prose_words,
            o.item_min_words,
            o.item_long_words,
        ]
        .into_iter()
        .max()
        .unwrap_or(0);
        (0..top + 2).any(|words| {
            [false, true].into_iter().any(|sentence| {
                !needs_stopwords(words, sentence)
                    && self.share_matters(&LineFeatures {
                        words,
                        stopwords: 0.0,
                        sentence,
                        numbers: 0,
                        digits: false,
                    })
            })
        })
    }

    fn share_gap_at(&self, f: &LineFeatures) -> bool {
        !needs_stopwords(f.words, f.sentence) && self.share_matters(f)
    }
}

/// The first `chars` characters of `text`.
fn prefix(text: &str, chars: usize) -> &str {
    match text.char_indices().nth(chars) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    /// Options of the built-in shape, with small lists: the tests are of the
    /// decisions' shape, not of the shipped data.
    fn options() -> KindOptions {
        KindOptions {
            prose_max_numbers: Part {
                numerator: 1,
                denominator: 2,
            },
            prose_words: 10,
            prose_stopwords: 0.2,
            long_prose_words: 20,
            long_prose_stopwords: 0.25,
            longest_prose_words: 30,
            longest_prose_stopwords: 0.3,
            row_min_words: 3,
            row_min_numbers: 2,
            row_max_length: 80,
            pair_row_max_length: 20,
            item_min_words: 4,
            item_stopwords: 0.2,
            item_long_words: 7,
            list_marks: r"[:,;()\d]".into(),
            menu_item_max_length: 40,
            menu_item_max_words: 4,
            menu_item_marks: r#"[.!?:;"\d]"#.into(),
            break_max_length: 249,
            heading_max_words: 6,
            headings: strings(&["related stories"]),
            heading_patterns: strings(&["more from .{1,40}"]),
            arrows: vec!['»'],
            page_numbers: r"(?:\d[\s|,]*){3,}»?\s*".into(),
            byline_max_words: 15,
            byline_leads: strings(&["posted"]),
            byline_words: strings(&["by"]),
            stamp_max_length: 60,
            relative_time_stems: strings(&[" ago"]),
            relative_time: r"\b\d+ (?:minute|hour|day)s? ago\b".into(),
            date_marks: r"\d:\d\d".into(),
            date_words: strings(&["november", "nov"]),
            date_line_words: strings(&["at", "am", "pm"]),
            date_separator: r"[\s,.:]".into(),
            ordinal_suffixes: strings(&["st", "th"]),
            legal_marks: strings(&["©", "rights reserved"]),
            copyright_words: strings(&["copyright"]),
            copyright_credits: strings(&["image"]),
            cue_max_length: 100,
            cue_stems: strings(&["comment", "says"]),
            cue_headings: strings(&[r"\d+\s+comments?", "comments"]),
            cue_speaker: r"\S{1,40} says:".into(),
            cue_not_speakers: strings(&["she"]),
            glue: r#"[a-z0-9?!’'"][A-Z](?:[a-z]|\s)"#.into(),
            glue_within: 160,
            glued_title_min_words: 4,
            glued_title_capitals: Part {
                numerator: 7,
                denominator: 10,
            },
        }
    }

    fn f(words: usize, stopwords: f64, sentence: bool, numbers: usize) -> LineFeatures {
        LineFeatures {
            words,
            stopwords,
            sentence,
            numbers,
            digits: numbers > 0,
        }
    }

    #[test]
    fn lines_are_told_apart_by_their_features() {
        let c = Classifier::new(options()).unwrap();
        let prose = "The council met on Tuesday and voted to keep the library open.";
        assert_eq!(c.kind_of(prose, &f(12, 0.4, true, 0), false), Kind::Prose);
        // Too many figures for prose: a row.
        assert_eq!(
            c.kind_of("2 Jane 5035 7 0", &f(5, 0.0, false, 4), false),
            Kind::Row
        );
        assert_eq!(c.kind_of("Round 3", &f(2, 0.0, false, 1), false), Kind::Row);
        assert_eq!(
            c.kind_of("The town and the sea", &f(5, 0.4, false, 0), false),
            Kind::Item
        );
        assert_eq!(c.kind_of("Sport", &f(1, 0.0, false, 0), true), Kind::Menu);
        assert_eq!(c.kind_of("Sport", &f(1, 0.0, false, 0), false), Kind::Short);
    }

    #[test]
    fn breaks_and_legal_lines_are_read_from_their_wording() {
        let c = Classifier::new(options()).unwrap();
        let short = f(2, 0.0, false, 0);
        assert_eq!(c.kind_of("Related Stories", &short, false), Kind::Break);
        assert_eq!(
            c.kind_of("More from The Week", &f(4, 0.0, false, 0), false),
            Kind::Break
        );
        assert_eq!(
            c.kind_of("By Jane Doe", &f(3, 0.0, false, 0), false),
            Kind::Break
        );
        // A subheading's "By the numbers" is no byline: the name is capitalised.
        assert_eq!(
            c.kind_of("By the numbers", &f(3, 0.5, false, 0), false),
            Kind::Short
        );
        assert_eq!(c.kind_of("» Coluna", &short, false), Kind::Break);
        let date = "November 19, 2019 at 9:45 am";
        assert_eq!(c.kind_of(date, &f(6, 0.1, false, 3), false), Kind::Break);
        assert_eq!(
            c.kind_of("1 2 3 4 5 »", &f(6, 0.0, false, 5), false),
            Kind::Break
        );
        assert_eq!(c.kind_of("© 2024 Harbour", &short, false), Kind::Legal);
        assert_eq!(
            c.kind_of("Copyright Harbour Weekly", &short, false),
            Kind::Legal
        );
        // A picture's credit inside the article is no notice.
        assert_eq!(
            c.kind_of("Image copyright Getty", &short, false),
            Kind::Short
        );
        assert!(c.is_copyright("image copyright x and copyright y"));
    }

    #[test]
    fn comment_cues_and_glued_teasers() {
        let c = Classifier::new(options()).unwrap();
        assert!(c.is_comment_cue("12 comments"));
        assert!(c.is_comment_cue("[ 12 comments ]"));
        assert!(c.is_comment_cue("bob says:"));
        assert!(!c.is_comment_cue("she says:"));
        assert!(!c.is_comment_cue("12 comments were read out at the meeting"));
        assert!(c.is_glued_teaser("Bill At Troy Steakhouse Goes UnpaidA party of six left."));
        assert!(!c.is_glued_teaser("He bought a burger at McDonald's on Main Street."));
    }

    #[test]
    fn a_share_gap_is_found_where_the_thresholds_need_one() {
        assert!(!Classifier::new(options()).unwrap().share_gap());
        let strict = KindOptions {
            item_long_words: 100,
            ..options()
        };
        assert!(Classifier::new(strict).unwrap().share_gap());
        let broken = KindOptions {
            glue: "(".into(),
            ..options()
        };
        assert!(Classifier::new(broken).is_err());
    }
}
