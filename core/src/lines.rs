//! A text as lines, numbered as the input numbers them.
//!
//! Only `\n` ends a line, and CRLF counts as one end: `str.splitlines` would
//! also split at U+001C or U+2028, which are characters of a line here (the
//! encoding repair decides what they become). Lines are stripped of the
//! characters Python's `str.strip()` strips, so that a line is the same string
//! on either side of the boundary.

/// Whether Python's `str.isspace()` holds for `c`: Unicode White_Space plus the
/// information separators U+001C..U+001F, which Rust's `char::is_whitespace` leaves out.
pub fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// `line` without leading and trailing Python whitespace.
pub fn strip(line: &str) -> &str {
    line.trim_matches(is_python_space)
}

/// The text's lines, stripped: one per `\n`, a CR before it dropped with it.
///
/// The line after the last `\n` counts too (an empty one when the text ends
/// with a newline), as `text.split("\n")` gives it.
pub fn split(text: &str) -> Vec<&str> {
    text.split('\n')
        .map(|line| strip(line.strip_suffix('\r').unwrap_or(line)))
        .collect()
}

/// Where a line of a text is: a span of the text, or a piece of ftfy's repair.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    Span(usize, usize),
    Piece(usize),
}

/// A text's stripped lines with the lines ftfy repaired put in: each line a
/// span of the text or a piece of a repair (ftfy may split a line in several,
/// at a bare CR or U+2028), and where it stands in the input.
#[derive(Debug)]
pub struct Lines {
    slots: Vec<Slot>,
    pieces: Vec<String>,
    /// Each line's input line number and piece, where a repair split a line;
    /// None when line `i` is input line `i + 1`.
    places: Option<Vec<(usize, usize)>>,
}

impl Lines {
    /// The lines of `text` as `split` gives them, each of `repairs` (by input
    /// line index, in order) replaced by the pieces ftfy made of it.
    pub fn new(text: &str, repairs: Vec<(usize, Vec<String>)>) -> Lines {
        let mut slots = Vec::new();
        let mut pieces = Vec::new();
        let split = repairs.iter().any(|(_, made)| made.len() != 1);
        let mut places = split.then(Vec::new);
        let mut repairs = repairs.into_iter().peekable();
        for (index, line) in text.split('\n').enumerate() {
            while repairs.peek().is_some_and(|(at, _)| *at < index) {
                repairs.next();
            }
            if let Some((_, made)) = repairs.next_if(|(at, _)| *at == index) {
                for (piece, made) in made.into_iter().enumerate() {
                    slots.push(Slot::Piece(pieces.len()));
                    pieces.push(made);
                    if let Some(places) = places.as_mut() {
                        places.push((index + 1, piece));
                    }
                }
                continue;
            }
            let stripped = strip(line.strip_suffix('\r').unwrap_or(line));
            let start = stripped.as_ptr() as usize - text.as_ptr() as usize;
            slots.push(Slot::Span(start, start + stripped.len()));
            if let Some(places) = places.as_mut() {
                places.push((index + 1, 0));
            }
        }
        Lines {
            slots,
            pieces,
            places,
        }
    }

    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Line `i`, of the `text` these lines were made from.
    pub fn get<'a>(&'a self, text: &'a str, i: usize) -> &'a str {
        match self.slots[i] {
            Slot::Span(start, end) => &text[start..end],
            Slot::Piece(at) => &self.pieces[at],
        }
    }

    /// Every line, of the `text` these lines were made from.
    pub fn texts<'a>(&'a self, text: &'a str) -> Vec<&'a str> {
        (0..self.len()).map(|i| self.get(text, i)).collect()
    }

    /// Line `i`'s input line number (from 1) and which piece of it it is (from 0).
    pub fn place(&self, i: usize) -> (usize, usize) {
        match &self.places {
            Some(places) => places[i],
            None => (i + 1, 0),
        }
    }
}

/// Runs of adjacent non-blank lines, as position ranges: a page's paragraphs.
pub fn paragraphs<S: AsRef<str>>(texts: &[S]) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut start = None;
    for (pos, text) in texts.iter().enumerate() {
        match (text.as_ref().is_empty(), start) {
            (false, None) => start = Some(pos),
            (true, Some(from)) => {
                runs.push(from..pos);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        runs.push(from..texts.len());
    }
    runs
}

/// Kept lines joined as the output prints them: one blank line between
/// paragraphs however many stood there, none at either end, and a final
/// newline (nothing at all for a text without a non-blank line).
pub fn join<S: AsRef<str>>(lines: impl IntoIterator<Item = S>) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in lines {
        let line = line.as_ref();
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push('\n');
            blank = false;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_newline_ends_a_line_and_crlf_is_one_end() {
        assert_eq!(split("a\nb\r\nc"), ["a", "b", "c"]);
        assert_eq!(split("a\n"), ["a", ""]);
        assert_eq!(split(""), [""]);
    }

    #[test]
    fn separators_python_calls_space_are_stripped_but_do_not_split() {
        assert_eq!(split("\u{1c}a\u{2028}b\u{a0} \t"), ["a\u{2028}b"]);
        assert_eq!(split("x\u{85}"), ["x"]);
    }

    #[test]
    fn repaired_lines_take_the_place_of_theirs_and_number_their_pieces() {
        let text = " a \r\nb\rB\n c\n";
        let plain = Lines::new(text, Vec::new());
        assert_eq!(plain.texts(text), split(text));
        assert_eq!(plain.place(2), (3, 0));
        let lines = Lines::new(text, vec![(1, vec!["b".into(), "B".into()])]);
        assert_eq!(lines.texts(text), ["a", "b", "B", "c", ""]);
        let places: Vec<_> = (0..lines.len()).map(|i| lines.place(i)).collect();
        assert_eq!(places, [(1, 0), (2, 0), (2, 1), (3, 0), (4, 0)]);
    }

    #[test]
    fn paragraphs_are_runs_of_non_blank_lines() {
        assert_eq!(paragraphs(&["a", "b", "", "", "c"]), [0..2, 4..5]);
        assert_eq!(paragraphs(&["", "a", ""]), vec![(1..2)]);
        assert!(paragraphs::<&str>(&[]).is_empty());
    }

    #[test]
    fn joined_lines_have_one_blank_line_between_paragraphs() {
        assert_eq!(join(["", "a", "b", "", "", "c", ""]), "a\nb\n\nc\n");
        assert_eq!(join(["", ""]), "");
        assert_eq!(join(Vec::<&str>::new()), "");
    }

    #[test]
    fn a_lone_carriage_return_stays_inside_its_line() {
        // A bare CR is ftfy's to split; only the CR of a CRLF is an end.
        assert_eq!(split("a\rb\nc"), ["a\rb", "c"]);
    }

    #[test]
    fn python_space_matches_str_isspace_on_the_separators() {
        for c in [
            '\u{1c}', '\u{1d}', '\u{1e}', '\u{1f}', '\u{85}', '\u{a0}', '\u{3000}',
        ] {
            assert!(is_python_space(c), "{c:?}");
        }
        for c in ['\u{200b}', '\u{feff}', 'a'] {
            assert!(!is_python_space(c), "{c:?}");
        }
    }
}
