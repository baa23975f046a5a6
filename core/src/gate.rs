//! The encoding gate: the lines of a text that ftfy may change.
//!
//! ftfy is by far the slowest step of the pass, and most lines of a page are
//! plain text it leaves alone. The gate reads a whole text once and flags each
//! line on which some fixer may act, a superset: it may flag a line ftfy leaves
//! alone, never pass one it would change. Where its characters call for them,
//! it runs ftfy's own expressions (an HTML entity, a sequence that looks like
//! mojibake) on the line; what needs a normalization to tell (NFC quick check
//! Maybe) is flagged for the Python side to decide on that line alone.
//!
//! The character sets and the expressions come from the Python side (ftfy's
//! `chardata` and badness expression, at start-up, `cleaner.encoding`) so
//! that the gate follows the installed ftfy; the normalization data comes
//! from `tables`.

use regex::Regex;

use crate::chars::{combining_class, in_ranges};
use crate::tables;

/// Some fixer acts whatever else the line holds: a control character, a
/// ligature, a line separator, a character NFC never keeps, combining marks out
/// of canonical order, a lone surrogate.
pub const TRIGGER: u8 = 1;
/// An "&": an HTML entity if ftfy's expression for them matches (decided
/// here when the gate has the expressions, then a `TRIGGER` or nothing).
pub const ENTITY: u8 = 2;
/// A line outside ASCII with a character that can take part in mojibake: bad
/// if ftfy's badness expression matches (decided here as `ENTITY` is).
pub const LOUD: u8 = 4;
/// A line outside ASCII with a character whose NFC quick check is Maybe (or
/// that this Unicode version does not assign): not normalized if NFC changes it.
pub const UNNORMALIZED: u8 = 8;

// Classes of a character.
/// A line holding it is looked at (all but ASCII's printable characters but
/// "&", tab, newline and form feed, and the safe typography).
const OPEN: u8 = 1;
const TRIGGERS: u8 = 2;
const LOUD_CHAR: u8 = 4;
const AMPERSAND: u8 = 8;
const NFC_NO: u8 = 16;
const NFC_MAYBE: u8 = 32;
const COMBINING: u8 = 64;
const NON_ASCII: u8 = 128;

/// Lone surrogates cross from Python as stand-ins from a block of this many
/// private-use characters (`cleaner/bridge.py`).
pub const STAND_IN_SPAN: u32 = 0x800;

const BMP: usize = 0x10000;

/// The gate, with the character sets it was given.
pub struct Gate {
    /// Classes of every code point of the Basic Multilingual Plane.
    bmp: Vec<u8>,
    /// The trigger characters and the quiet ranges, for the other planes.
    triggers: Vec<u32>,
    quiet: Vec<(u32, u32)>,
    safe: Vec<u32>,
    /// ftfy's expressions for HTML entities and for mojibake, searched as
    /// Python's `re.search` does; without them `ENTITY` and `LOUD` are flagged.
    expressions: Option<(Regex, Regex)>,
}

impl Gate {
    /// A gate for these sets of code points: `triggers` make a fixer act
    /// wherever they stand; `safe` are typography of clean text that no
    /// mojibake is made of alone; `quiet` (inclusive ranges) can never start
    /// a sequence that ftfy's badness expression looks for.
    pub fn new(triggers: &[u32], safe: &[u32], quiet: &[(u32, u32)]) -> Self {
        let mut triggers = triggers.to_vec();
        triggers.sort_unstable();
        let mut safe = safe.to_vec();
        safe.sort_unstable();
        let mut quiet = quiet.to_vec();
        quiet.sort_unstable();
        let mut gate = Gate {
            bmp: Vec::new(),
            triggers,
            quiet,
            safe,
            expressions: None,
        };
        gate.bmp = (0..BMP as u32).map(|cp| gate.classify(cp)).collect();
        gate
    }

    /// The gate deciding `ENTITY` and `LOUD` itself with these expressions
    /// (the `regex` crate's syntax; `cleaner.encoding.for_the_core`).
    pub fn with_expressions(mut self, entity: &str, badness: &str) -> Result<Self, String> {
        let build = |source: &str| Regex::new(source).map_err(|e| e.to_string());
        self.expressions = Some((build(entity)?, build(badness)?));
        Ok(self)
    }

    /// Whether ftfy's badness expression finds mojibake in `text`; None
    /// without the expressions.
    pub fn is_bad(&self, text: &str) -> Option<bool> {
        self.expressions.as_ref().map(|(_, bad)| bad.is_match(text))
    }

    /// `flags` with `ENTITY` and `LOUD` decided by the expressions on `text`.
    fn settle(&self, flags: u8, text: &str) -> u8 {
        let Some((entity, bad)) = &self.expressions else {
            return flags;
        };
        let mut settled = flags & !(ENTITY | LOUD);
        if (flags & ENTITY != 0 && entity.is_match(text))
            || (flags & LOUD != 0 && bad.is_match(text))
        {
            settled |= TRIGGER;
        }
        settled
    }

    fn classify(&self, cp: u32) -> u8 {
        let mut class = 0;
        let printable = matches!(cp, 0x09 | 0x0a | 0x0c | 0x20..=0x25 | 0x27..=0x7e);
        if !printable && self.safe.binary_search(&cp).is_err() {
            class |= OPEN;
        }
        if self.triggers.binary_search(&cp).is_ok() {
            class |= TRIGGERS;
        }
        if !self.quiet.iter().any(|&(lo, hi)| lo <= cp && cp <= hi) {
            class |= LOUD_CHAR;
        }
        if cp == u32::from(b'&') {
            class |= AMPERSAND;
        }
        if cp >= 0x80 {
            class |= NON_ASCII;
        }
        if in_ranges(tables::NFC_NO, cp) {
            class |= NFC_NO;
        }
        if in_ranges(tables::NFC_MAYBE, cp) || in_ranges(tables::UNASSIGNED, cp) {
            class |= NFC_MAYBE;
        }
        if char::from_u32(cp).is_some_and(|c| combining_class(c) != 0) {
            class |= COMBINING;
        }
        class
    }

    fn class(&self, c: char, stand_ins: Option<u32>) -> u8 {
        let cp = c as u32;
        if let Some(start) = stand_ins {
            if (start..start + STAND_IN_SPAN).contains(&cp) {
                return OPEN | TRIGGERS | NON_ASCII;
            }
        }
        match self.bmp.get(cp as usize) {
            Some(&class) => class,
            None => self.classify(cp),
        }
    }

    /// The flags of one piece of text (0: no fixer acts on it), with
    /// `ENTITY` and `LOUD` decided where the gate has the expressions.
    ///
    /// Characters in `stand_ins..stand_ins + STAND_IN_SPAN` stand for lone
    /// surrogates, which ftfy replaces.
    pub fn flags(&self, text: &str, stand_ins: Option<u32>) -> u8 {
        let flags = self.seen(text, stand_ins);
        if flags & (ENTITY | LOUD) == 0 {
            return flags;
        }
        self.settle(flags, text)
    }

    /// The flags of the characters of `line`, nothing decided yet.
    fn seen(&self, line: &str, stand_ins: Option<u32>) -> u8 {
        let mut seen = 0u8;
        if line.is_ascii() {
            for &byte in line.as_bytes() {
                seen |= self.bmp[usize::from(byte)];
            }
            return verdict(seen, false);
        }
        let mut misordered = false;
        let mut previous = 0u8;
        for c in line.chars() {
            let class = self.class(c, stand_ins);
            seen |= class;
            // As unicodedata's quick check: a mark of a lower class after a
            // higher one is out of canonical order.
            let combining = if class & COMBINING != 0 {
                combining_class(c)
            } else {
                0
            };
            if combining != 0 && previous > combining {
                misordered = true;
            }
            previous = combining;
        }
        verdict(seen, misordered)
    }

    /// `(index, flags, line)` of each line of `text` (split at `\n`, unstripped)
    /// that a fixer may change; a line's flags are those of it with its `\n`.
    pub fn lines<'t>(&self, text: &'t str, stand_ins: Option<u32>) -> Vec<(usize, u8, &'t str)> {
        text.split('\n')
            .enumerate()
            .filter_map(|(index, line)| {
                let mut flags = self.seen(line, stand_ins);
                if flags & (ENTITY | LOUD) != 0 {
                    // As Python asks of the line: with its newline, which an
                    // expression may match ("œ" and any character but a letter).
                    flags = self.settle(flags, &format!("{line}\n"));
                }
                (flags != 0).then_some((index, flags, line))
            })
            .collect()
    }
}

fn verdict(seen: u8, misordered: bool) -> u8 {
    if seen & OPEN == 0 {
        return 0;
    }
    let mut flags = 0;
    if seen & (TRIGGERS | NFC_NO) != 0 || misordered {
        flags |= TRIGGER;
    }
    if seen & AMPERSAND != 0 {
        flags |= ENTITY;
    }
    if seen & NON_ASCII != 0 {
        if seen & LOUD_CHAR != 0 {
            flags |= LOUD;
        }
        if seen & NFC_MAYBE != 0 {
            flags |= UNNORMALIZED;
        }
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gate() -> Gate {
        // A few of ftfy's: C0 controls, CR, C1 controls, a ligature, the line separator.
        let mut triggers: Vec<u32> = (0..0x20).filter(|&c| ![9, 10, 12].contains(&c)).collect();
        triggers.extend([0x7f, 0x85, 0xfb01, 0x2028, 0x2029]);
        triggers.extend(0x80..0xa0);
        let safe = [0xa0, 0x2014, 0x2019, 0x201c, 0x201d];
        let quiet = [
            (0x09, 0x0a),
            (0x0c, 0x0c),
            (0x20, 0x7e),
            (0xa0, 0xa0),
            (0x2014, 0x2014),
            (0x400, 0x45f),
        ];
        Gate::new(&triggers, &safe, &quiet)
    }

    #[test]
    fn plain_lines_pass() {
        let g = gate();
        assert_eq!(g.flags("Plain ASCII, tabs\tand form feeds\x0c.", None), 0);
        assert_eq!(g.flags("“Safe” typography \u{2014} alone", None), 0);
        assert_eq!(g.flags("Кириллица тоже", None), 0);
    }

    #[test]
    fn triggers_entities_loud_characters() {
        let g = gate();
        assert_eq!(g.flags("a\rb", None), TRIGGER);
        assert_eq!(g.flags("a\u{b}b", None), TRIGGER);
        assert_eq!(g.flags("\u{fb01}ne", None) & TRIGGER, TRIGGER);
        assert_eq!(g.flags("fish &amp; chips", None), ENTITY);
        assert_eq!(g.flags("caf\u{c3}\u{a9}", None), LOUD);
        // Curly quotes are safe alone, loud once the line is looked at.
        assert_eq!(g.flags("“é”", None), LOUD);
        assert_eq!(g.flags("stand\u{f0001}in", Some(0xf0000)), TRIGGER);
        assert_eq!(g.flags("stand\u{f0001}in", None), LOUD);
    }

    #[test]
    fn normalization() {
        let g = gate();
        // A precomposed letter is NFC; a letter and a combining accent may compose.
        assert_eq!(g.flags("\u{e9}", None) & (TRIGGER | UNNORMALIZED), 0);
        assert_eq!(g.flags("e\u{301}", None) & UNNORMALIZED, UNNORMALIZED);
        // Never in NFC (the Ångström sign), and marks out of canonical order.
        assert_eq!(g.flags("\u{212b}", None) & TRIGGER, TRIGGER);
        assert_eq!(g.flags("a\u{301}\u{323}", None) & TRIGGER, TRIGGER);
        assert_eq!(g.flags("a\u{323}\u{301}", None) & TRIGGER, 0);
        // Unassigned in these tables: Python decides.
        assert_eq!(
            g.flags("\u{1fb}\u{0378}", None) & UNNORMALIZED,
            UNNORMALIZED
        );
    }

    #[test]
    fn with_the_expressions_the_gate_decides_entities_and_mojibake() {
        let g = gate()
            .with_expressions("&#?[0-9A-Za-z]{1,24};", "Ã[^A-Za-z]|œ[^A-Za-z]")
            .unwrap();
        assert_eq!(g.flags("A &amp; B", None), TRIGGER);
        assert_eq!(g.flags("A & B", None), 0);
        assert_eq!(g.flags("cafÃ©", None) & TRIGGER, TRIGGER);
        assert_eq!(g.flags("œ", None) & (TRIGGER | LOUD | ENTITY), 0);
        // A line is asked with its newline, as Python asks it.
        assert_eq!(g.lines("œ\nœuvre\nA & B", None), [(0, TRIGGER, "œ")]);
        assert_eq!(g.is_bad("Ã©"), Some(true));
        assert_eq!(gate().is_bad("Ã©"), None);
        assert!(gate().with_expressions("(", "x").is_err());
    }

    #[test]
    fn lines_of_a_text() {
        let g = gate();
        assert_eq!(
            g.lines("ok\nA &amp; B\nfine\na\rb\n", None),
            [(1, ENTITY, "A &amp; B"), (3, TRIGGER, "a\rb")]
        );
        assert!(g.lines("", None).is_empty());
    }
}
