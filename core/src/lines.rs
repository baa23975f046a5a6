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
