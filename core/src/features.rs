//! What a line looks like on its own: words, stopwords, punctuation, digits.
//!
//! The generic heuristics judge lines that no rule names: article prose is
//! long, ends like a sentence and is full of a language's function words; menus
//! and headlines of other stories are short and carry few. The stopword lists
//! come from the Python side once (`cleaner/stoplists`, jusText's), and a
//! page's language is voted by them. Characters are judged as Python's `re` and
//! `str` judge them (`chars`, `lines::is_python_space`), so that each measure
//! is the one the Python implementation took.

use std::collections::HashMap;
use std::convert::Infallible;
use std::hash::{BuildHasherDefault, Hasher};

use crate::chars::{is_decimal, is_token, lower_into};
use crate::lines::is_python_space;

/// Characters of a line looked at for its stopwords and figures.
pub const SAMPLE: usize = 300;
/// Characters of long lines gathered before the language vote settles.
const VOTE_SAMPLE: usize = 1500;
/// Lines longer than this many characters carry prose into the vote.
const VOTE_LINE: usize = 80;
/// At most this many characters of one line go into the vote.
pub const LONG_LINE: usize = 1 << 16;
/// Written without spaces: past this many CJK characters a line counts them.
const CJK_LINE: usize = 10;
/// The stopword share given to a CJK line, which no list can weigh.
const CJK_SHARE: f64 = 0.3;

/// Measures of one non-blank line.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LineFeatures {
    pub words: usize,
    /// Share of the line's words in the page language's stopword list.
    pub stopwords: f64,
    /// Ends like a sentence.
    pub sentence: bool,
    /// Words holding a digit (table rows, scores, dates), among the first ones.
    pub numbers: usize,
    /// A digit among the first characters.
    pub digits: bool,
}

/// A multiply-rotate hash of a word (as rustc's FxHash), several times faster
/// than the default SipHash on words this short. The table holds only the
/// stopword lists, so words made to collide cost a few comparisons, no more.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let mut rest = [0; 8];
        let tail = chunks.remainder();
        rest[..tail.len()].copy_from_slice(tail);
        self.add(u64::from_le_bytes(rest) ^ tail.len() as u64);
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type WordMap = HashMap<String, u64, BuildHasherDefault<WordHasher>>;

/// The stopword lists of the languages a page may be voted to be in.
pub struct Stopwords {
    /// Word -> the languages whose lists hold it, one bit each.
    words: WordMap,
    /// Each language's vote weight, so that a long list does not win by size alone.
    weights: Vec<f64>,
}

impl Stopwords {
    /// The lists (lower-case words) and their vote weights, one of each per language.
    ///
    /// At most 64 languages; `None` when there are more or the counts differ.
    pub fn new(lists: &[Vec<String>], weights: Vec<f64>) -> Option<Self> {
        if lists.len() > 64 || lists.len() != weights.len() {
            return None;
        }
        let mut words = WordMap::default();
        for (index, list) in lists.iter().enumerate() {
            for word in list {
                *words.entry(word.clone()).or_default() |= 1 << index;
            }
        }
        Some(Stopwords { words, weights })
    }

    /// How many languages there are.
    pub fn languages(&self) -> usize {
        self.weights.len()
    }

    /// The language of a page's lines: the one whose list its first long lines
    /// hit most, weighed; `None` when they hold no stopword.
    pub fn vote<S: AsRef<str>>(&self, texts: &[S]) -> Option<usize> {
        let lengths = texts.iter().map(|text| {
            let text = text.as_ref();
            // Bytes first: no more characters than that.
            Ok::<_, Infallible>(if text.len() <= VOTE_LINE {
                0
            } else {
                text.chars().count()
            })
        });
        match vote_sample(lengths).unwrap_or_else(|never| match never {}) {
            Some(sample) => self.vote_on(sample.iter().map(|&i| texts[i].as_ref())),
            None => self.vote_on(texts.iter().map(AsRef::as_ref)),
        }
    }

    /// The language of the lines a `vote_sample` chose (each cut at 65,536 characters).
    pub fn vote_on<'a>(&self, sample: impl IntoIterator<Item = &'a str>) -> Option<usize> {
        let mut votes = vec![0u64; self.languages()];
        let mut lowered = String::new();
        for piece in sample {
            lowered.clear();
            lower_into(prefix(piece, LONG_LINE), &mut lowered);
            for token in tokens(&lowered) {
                if let Some(&mask) = self.words.get(token) {
                    for (index, vote) in votes.iter_mut().enumerate() {
                        *vote += (mask >> index) & 1;
                    }
                }
            }
        }
        // The first of the best, as Python's max() picks it.
        let mut best = 0;
        for index in 1..votes.len() {
            if votes[index] as f64 * self.weights[index] > votes[best] as f64 * self.weights[best] {
                best = index;
            }
        }
        (votes.get(best).copied().unwrap_or(0) > 0).then_some(best)
    }

    /// The share of `lang`'s stopwords among the words (`[^\W\d_]+`, lower-cased)
    /// of the first 300 characters of `text`; `None` without words there.
    pub fn share(&self, text: &str, lang: usize) -> Option<f64> {
        let mut lowered = String::with_capacity(text.len().min(4 * SAMPLE));
        lower_into(prefix(text, SAMPLE), &mut lowered);
        let (mut total, mut hits) = (0usize, 0usize);
        for token in tokens(&lowered) {
            total += 1;
            hits += self
                .words
                .get(token)
                .map_or(0, |&mask| ((mask >> lang) & 1) as usize);
        }
        (total > 0).then(|| hits as f64 / total as f64)
    }

    /// The features of one non-blank line on a page in language `lang`.
    ///
    /// `lang` out of range counts as no language.
    pub fn line_features(&self, text: &str, lang: Option<usize>) -> LineFeatures {
        let head = prefix(text, SAMPLE);
        // A line in a CJK script shows it from its first characters.
        let cjk = if !text.is_ascii() && head.chars().any(is_cjk) {
            count_cjk(text)
        } else {
            0
        };
        self.features_from(head, count_words(text), cjk, ends_sentence(text), lang)
    }

    /// The features of a line known by parts: its first 300 characters, its
    /// words, its CJK characters (0 unless its first 300 characters hold one)
    /// and whether it ends a sentence. For a line read a piece at a time.
    pub fn features_from(
        &self,
        head: &str,
        words: usize,
        cjk: usize,
        sentence: bool,
        lang: Option<usize>,
    ) -> LineFeatures {
        let head = prefix(head, SAMPLE);
        let lang = lang.filter(|&index| index < self.languages());
        let mut words = words;
        let mut stopwords = 0.0;
        if cjk > CJK_LINE {
            // Written without spaces: a word per two characters, and no
            // stopword lists to weigh; a sentence ending is the evidence left.
            words = words.max(cjk / 2);
            stopwords = CJK_SHARE;
        }
        if let Some(lang) = lang.filter(|_| cjk <= CJK_LINE && needs_stopwords(words, sentence)) {
            // The first few hundred characters tell prose from a list as well
            // as the whole line would, at a bounded cost.
            if let Some(share) = self.share(head, lang) {
                stopwords = share;
            }
        }
        let digits = head.chars().any(is_decimal);
        // Counted in the first few hundred characters, like the stopwords.
        let numbers = if digits && words >= 2 {
            head.split(is_python_space)
                .filter(|word| word.chars().any(is_decimal))
                .count()
        } else {
            0
        };
        LineFeatures {
            words,
            stopwords,
            sentence,
            numbers,
            digits,
        }
    }
}

impl Stopwords {
    /// The features of a line of `length` characters read a piece at a time:
    /// `piece(start, end)` gives its characters `start..end`. What
    /// `line_features` gives for the whole line, with never more than
    /// `LONG_LINE` characters of it at hand, for a line held by Python.
    pub fn long_line_features<S: AsRef<str>, E>(
        &self,
        length: usize,
        piece: impl Fn(usize, usize) -> Result<S, E>,
        lang: Option<usize>,
    ) -> Result<LineFeatures, E> {
        let head = piece(0, SAMPLE.min(length))?;
        let end = piece(length.saturating_sub(3), length)?;
        let mut words = WordCount::default();
        let mut cjk = 0;
        for start in (0..length).step_by(LONG_LINE) {
            let part = piece(start, (start + LONG_LINE).min(length))?;
            words.feed(part.as_ref());
            cjk += count_cjk(part.as_ref());
        }
        let head = head.as_ref();
        let cjk = if cjk_head(head) { cjk } else { 0 };
        let sentence = ends_sentence(end.as_ref());
        Ok(self.features_from(head, words.words, cjk, sentence, lang))
    }
}

/// Which lines a page's language is voted on, from their lengths in characters
/// (read only as far as needed, the first error ending it): those over 80
/// characters, up to the first that brings them past 1,500. `None` when no line
/// is that long: then all lines vote. Long lines carry the prose; a few
/// thousand characters settle the vote.
pub fn vote_sample<E>(
    lengths: impl IntoIterator<Item = Result<usize, E>>,
) -> Result<Option<Vec<usize>>, E> {
    let mut sample = Vec::new();
    let mut size = 0;
    for (index, length) in lengths.into_iter().enumerate() {
        let length = length?;
        if length > VOTE_LINE {
            sample.push(index);
            size += length;
            if size > VOTE_SAMPLE {
                break;
            }
        }
    }
    Ok((!sample.is_empty()).then_some(sample))
}

/// The first `chars` characters of `text`.
fn prefix(text: &str, chars: usize) -> &str {
    if text.len() <= chars {
        return text;
    }
    match text.char_indices().nth(chars) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

/// A text addressed by character positions, as Python slices a `str`: each
/// 1,024th character's byte offset is kept, so a piece anywhere in a line of
/// hundreds of megabytes is found without reading it from the start.
pub struct CharIndex<'a> {
    text: &'a str,
    marks: Vec<usize>,
    chars: usize,
}

const MARK_EVERY: usize = 1024;

impl<'a> CharIndex<'a> {
    pub fn new(text: &'a str) -> CharIndex<'a> {
        let mut marks = Vec::with_capacity(text.len() / MARK_EVERY + 1);
        let mut chars = 0;
        for (at, _) in text.char_indices() {
            if chars % MARK_EVERY == 0 {
                marks.push(at);
            }
            chars += 1;
        }
        CharIndex { text, marks, chars }
    }

    /// The text's length in characters.
    pub fn chars(&self) -> usize {
        self.chars
    }

    fn byte_at(&self, at: usize) -> usize {
        if at >= self.chars {
            return self.text.len();
        }
        let from = self.marks[at / MARK_EVERY];
        self.text[from..]
            .char_indices()
            .nth(at % MARK_EVERY)
            .map_or(self.text.len(), |(offset, _)| from + offset)
    }

    /// `text[start:end]` in characters.
    pub fn piece(&self, start: usize, end: usize) -> &'a str {
        let (from, to) = (self.byte_at(start), self.byte_at(end));
        &self.text[from..to.max(from)]
    }
}

/// `len(text.split())`: runs of characters that are not Python whitespace.
pub fn count_words(text: &str) -> usize {
    let mut count = WordCount::default();
    count.feed(text);
    count.words
}

/// `len(text.split())` of a text read a piece at a time (each whole characters).
#[derive(Clone, Copy, Debug, Default)]
pub struct WordCount {
    pub words: usize,
    inside: bool,
}

impl WordCount {
    /// Counts the words of the next piece; a word may run on from the last one.
    ///
    /// Read byte by byte: Python's whitespace outside ASCII (U+0085, U+00A0,
    /// U+1680, U+2000..U+205F's, U+3000) starts with one of four lead bytes, and
    /// only characters that start so are decoded.
    pub fn feed(&mut self, piece: &str) {
        let bytes = piece.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let byte = bytes[at];
            let space = match byte {
                // Python's ASCII whitespace: \t \n \v \f \r, the separators \x1c-\x1f, space.
                0..=0x7f => matches!(byte, b'\t'..=b'\r' | 0x1c..=0x20),
                0xc2 | 0xe1 | 0xe2 | 0xe3 => {
                    piece[at..].chars().next().is_some_and(is_python_space)
                }
                // A continuation byte: part of the character its lead byte began.
                0x80..=0xbf => {
                    at += 1;
                    continue;
                }
                _ => false,
            };
            if !space && !self.inside {
                self.words += 1;
            }
            self.inside = !space;
            at += 1;
        }
    }
}

/// How many characters of `text` are of a CJK script.
pub fn count_cjk(text: &str) -> usize {
    text.chars().filter(|&c| is_cjk(c)).count()
}

/// Whether the first `SAMPLE` characters of a line hold a CJK one.
pub fn cjk_head(head: &str) -> bool {
    prefix(head, SAMPLE).chars().any(is_cjk)
}

/// The runs of `[^\W\d_]` characters in `text`, as `re.findall` finds them.
fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_token(c))
        .filter(|token| !token.is_empty())
}

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// Sentence punctuation, full-width forms too: repair leaves CJK punctuation as it is.
fn is_terminal(c: char) -> bool {
    ".!?…:;。！？：；．".contains(c)
}

fn is_closing(c: char) -> bool {
    "\"”’»)]」』）］".contains(c)
}

/// Whether `text` ends like a sentence (closing quotes and brackets looked through).
///
/// A trailing ellipsis does not count: it marks a teaser cut short.
pub fn ends_sentence(text: &str) -> bool {
    let mut back = text.chars().rev();
    let Some(mut end) = back.next() else {
        return false;
    };
    if is_closing(end) {
        if let Some(before) = back.next() {
            end = before;
        }
    }
    is_terminal(end) && !text.ends_with("...") && !text.ends_with('…')
}

/// Whether the share of stopwords can change what a line of `words` words is taken for.
///
/// Lines of a word or three are menu items or labels, lines of thirty words
/// that end a sentence are prose, whatever words they use; the share is only
/// worked out (the costly part) where the heuristics look at it.
pub fn needs_stopwords(words: usize, sentence: bool) -> bool {
    (4..=6).contains(&words) || (words >= 8 && !(words >= 30 && sentence))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists() -> Stopwords {
        let english = ["the", "of", "and", "is", "a", "to"];
        let german = ["der", "die", "und", "ist", "das", "a"];
        let to_strings = |words: &[&str]| words.iter().map(|w| w.to_string()).collect();
        Stopwords::new(&[to_strings(&english), to_strings(&german)], vec![0.5, 0.5]).unwrap()
    }

    #[test]
    fn words_are_runs_between_python_whitespace() {
        assert_eq!(count_words("  one two\u{a0}three\u{1c}four  "), 4);
        assert_eq!(count_words(""), 0);
        assert_eq!(count_words("\u{200b}"), 1); // a zero-width space is no space
    }

    #[test]
    fn python_whitespace_starts_with_the_lead_bytes_words_decode() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            if is_python_space(c) && !c.is_ascii() {
                let mut buffer = [0; 4];
                let lead = c.encode_utf8(&mut buffer).as_bytes()[0];
                assert!([0xc2, 0xe1, 0xe2, 0xe3].contains(&lead), "{c:?}");
            }
            let line = format!("a{c}b");
            let expected = if is_python_space(c) { 2 } else { 1 };
            assert_eq!(count_words(&line), expected, "{c:?}");
        }
    }

    #[test]
    fn a_line_read_in_pieces_measures_as_a_whole() {
        let stop = lists();
        let line = "Der Hafen und die Stadt 12 \u{a0}der   Artikel ist\u{3000}lang. ".repeat(40);
        let chars: Vec<char> = line.chars().collect();
        for size in [1, 7, 300, 1000] {
            let mut words = WordCount::default();
            let mut cjk = 0;
            for piece in chars.chunks(size) {
                let piece: String = piece.iter().collect();
                words.feed(&piece);
                cjk += count_cjk(&piece);
            }
            let head: String = chars[..SAMPLE].iter().collect();
            let cjk = if cjk_head(&head) { cjk } else { 0 };
            let f = stop.features_from(&head, words.words, cjk, ends_sentence(&line), Some(1));
            assert_eq!(f, stop.line_features(&line, Some(1)), "{size}");
        }
    }

    #[test]
    fn sentence_endings() {
        assert!(ends_sentence("It ends."));
        assert!(ends_sentence("He said \u{201c}no.\u{201d}"));
        assert!(ends_sentence("北京。"));
        assert!(!ends_sentence("A teaser..."));
        assert!(!ends_sentence("A teaser…"));
        assert!(!ends_sentence("Menu"));
        assert!(!ends_sentence("\u{201d}"));
    }

    #[test]
    fn stopword_share_in_the_page_language() {
        let stop = lists();
        let f = stop.line_features("The harbour of the town is a sight to see", Some(0));
        assert_eq!(f.words, 10);
        assert_eq!(f.stopwords, 6.0 / 10.0);
        // Lines too short or too long and finished for the share to matter.
        assert_eq!(stop.line_features("The and of", Some(0)).stopwords, 0.0);
        assert_eq!(stop.line_features("The harbour", None).stopwords, 0.0);
        // Worked out alone, wherever it is asked for.
        assert_eq!(stop.share("The and of", 0), Some(1.0));
        assert_eq!(stop.share("12 34", 0), None);
    }

    #[test]
    fn digits_and_numbers_among_the_first_characters() {
        let stop = lists();
        let f = stop.line_features("Group A: 3-1 win, 2nd of 4", None);
        assert!(f.digits);
        assert_eq!(f.numbers, 3);
        let late = format!("{} 1 2", "word ".repeat(70));
        let f = stop.line_features(&late, None);
        assert!(!f.digits);
        assert_eq!(f.numbers, 0);
    }

    #[test]
    fn cjk_lines_count_characters() {
        let f = lists().line_features(
            "これは港町の図書館についての記事です。日曜日も開館することが決まりました。",
            Some(0),
        );
        assert!(f.words >= 10 && f.sentence);
        assert_eq!(f.stopwords, CJK_SHARE);
    }

    #[test]
    fn the_vote_weighs_long_lines_first() {
        let stop = lists();
        let german =
            "Der Hafen und die Stadt: das ist der Artikel, und er ist lang genug, um zu zählen.";
        let english =
            "The harbour and the town: this is the story, and it is long enough to count for it.";
        assert!(german.chars().count() > VOTE_LINE && english.chars().count() > VOTE_LINE);
        assert_eq!(stop.vote(&[german]), Some(1));
        // Short lines do not vote while there is a long one.
        assert_eq!(stop.vote(&["der die und das ist", english]), Some(0));
        // Past 1,500 characters the vote is settled.
        let mut texts = vec![english; 20];
        texts.extend([german; 40]);
        assert_eq!(stop.vote(&texts), Some(0));
        assert_eq!(stop.vote(&["kurz", "und", "der"]), Some(1)); // no long line: all of them
        assert_eq!(stop.vote(&["nothing here"]), None);
        assert_eq!(stop.vote::<&str>(&[]), None);
    }
}
