//! A regex that only answers whether it matches, compiled forward only.
//!
//! `regex::Regex` compiles every pattern twice, forward and reversed (the
//! reversed automaton finds where a match starts, which a whole-line match
//! never asks), and with its capture groups. For rule patterns with Unicode
//! classes under bounded repetitions (`\p{Lu}[\p{L}.' -]{1,60}`) each
//! compilation is large, and the two were most of what the built-in rules cost
//! to compile. Here one forward automaton without captures serves a lazy DFA
//! and, where that gives up (a Unicode word boundary on a non-ASCII line, a
//! cache that fills too often), a PikeVM: the same answers as the crate's
//! `is_match`, from the same automaton semantics.

use std::panic::{RefUnwindSafe, UnwindSafe};

use regex_automata::{
    hybrid::dfa::{self, DFA},
    nfa::thompson::{self, backtrack::BoundedBacktracker, pikevm::PikeVM, WhichCaptures},
    util::pool::Pool,
    Anchored, Input,
};

/// A lazy DFA's cache, a backtracker's and a PikeVM's, for one search at a time.
struct Caches {
    dfa: dfa::Cache,
    backtrack: regex_automata::nfa::thompson::backtrack::Cache,
    pikevm: regex_automata::nfa::thompson::pikevm::Cache,
}

pub struct Forward {
    dfa: DFA,
    /// Where the lazy DFA gives up on a line short enough for its bounded
    /// memory (a visited set of states by positions), the bounded backtracker
    /// decides, several times faster than the PikeVM and linear all the same.
    backtrack: BoundedBacktracker,
    pikevm: PikeVM,
    /// Caches for the next search. A `Mutex<Vec<_>>` taken twice a search
    /// sent its cache line between the cores on every pattern of every line
    /// when two threads clean; the crate's pool gives the thread that owns it
    /// a path without a lock, as `regex::Regex` does for its own caches.
    caches: Pool<Caches, MakeCaches>,
}

type MakeCaches = Box<dyn Fn() -> Caches + Send + Sync + UnwindSafe + RefUnwindSafe>;

impl std::fmt::Debug for Forward {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Forward")
    }
}

impl Forward {
    /// `source` in the `regex` crate's syntax, bounded in size as
    /// `RegexBuilder`'s `size_limit` and `dfa_size_limit` bound it. With
    /// `unicode` off it reads as `regex::bytes` does with Unicode off: ASCII
    /// classes, ASCII case folding, and any byte matchable.
    pub fn new(
        source: &str,
        unicode: bool,
        size_limit: usize,
        cache_limit: usize,
    ) -> Result<Forward, String> {
        let hir = regex_syntax::ParserBuilder::new()
            .unicode(unicode)
            .utf8(unicode)
            .build()
            .parse(source)
            .map_err(|e| format!("not accepted by the linear engine ({e})"))?;
        Self::from_hir(&hir, size_limit, cache_limit)
    }

    /// `new` for a pattern parsed already.
    pub fn from_hir(
        hir: &regex_syntax::hir::Hir,
        size_limit: usize,
        cache_limit: usize,
    ) -> Result<Forward, String> {
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .which_captures(WhichCaptures::None)
                    .nfa_size_limit(Some(size_limit)),
            )
            .build_from_hir(hir)
            .map_err(|_| "too large for the linear engine".to_string())?;
        let dfa = DFA::builder()
            .configure(
                DFA::config()
                    .cache_capacity(cache_limit)
                    .unicode_word_boundary(true),
            )
            .build_from_nfa(nfa.clone())
            .map_err(|_| "too large for the linear engine".to_string())?;
        let backtrack = BoundedBacktracker::builder()
            .build_from_nfa(nfa.clone())
            .map_err(|_| "too large for the linear engine".to_string())?;
        let pikevm = PikeVM::builder()
            .build_from_nfa(nfa)
            .map_err(|_| "too large for the linear engine".to_string())?;
        let (d, b, p) = (dfa.clone(), backtrack.clone(), pikevm.clone());
        let make: MakeCaches = Box::new(move || Caches {
            dfa: d.create_cache(),
            backtrack: b.create_cache(),
            pikevm: p.create_cache(),
        });
        Ok(Forward {
            dfa,
            backtrack,
            pikevm,
            caches: Pool::new(make),
        })
    }

    /// Whether the regex matches `text` from its start (its own anchors say the rest).
    pub fn is_match(&self, text: &(impl AsRef<[u8]> + ?Sized)) -> bool {
        let text = text.as_ref();
        let mut caches = self.caches.get();
        let input = Input::new(text).anchored(Anchored::Yes).earliest(true);
        match self.dfa.try_search_fwd(&mut caches.dfa, &input) {
            Ok(found) => found.is_some(),
            // The lazy DFA gave up: the backtracker or the PikeVM decides, in
            // linear time too.
            Err(_) if text.len() <= self.backtrack.max_haystack_len() => self
                .backtrack
                .try_search_slots(&mut caches.backtrack, &input, &mut [])
                .map_or_else(
                    |_| {
                        self.pikevm
                            .search_slots(&mut caches.pikevm, &input, &mut [])
                            .is_some()
                    },
                    |found| found.is_some(),
                ),
            Err(_) => self
                .pikevm
                .search_slots(&mut caches.pikevm, &input, &mut [])
                .is_some(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forward(source: &str) -> Forward {
        Forward::new(source, true, 64 << 20, 16 << 20).unwrap()
    }

    #[test]
    fn answers_as_the_regex_crate_does() {
        let sources = [
            r"^(?:\bcafé\b.{0,3}|\w{2,4}\b)$",
            r"^(?i:\p{Lu}[\p{L}.'’ -]{1,60} / getty)$",
            r"^(?:.*\bword\b.*)$",
            r"^(?i:stra(?:ß|ss)e)",
        ];
        let texts = [
            "café x",
            "xcafé",
            "abcd",
            "ééééé",
            "Jean-Luc Émile / GETTY",
            "jean / getty",
            "a word here",
            "swordfish",
            "ünïcödé word ünïcödé",
            "STRASSE and more",
            "straẞe",
            "",
        ];
        for source in sources {
            let ours = forward(source);
            let theirs = regex::Regex::new(source).unwrap();
            for text in texts {
                assert_eq!(
                    ours.is_match(text),
                    theirs.is_match(text),
                    "{source} on {text:?}"
                );
            }
        }
    }

    #[test]
    fn a_pattern_too_large_is_refused() {
        assert!(Forward::new(r"\p{L}{1000}", true, 1 << 16, 1 << 20).is_err());
    }

    #[test]
    fn without_unicode_it_reads_as_regex_bytes() {
        let sources = [r"^(?i:\w+ k\b.*)$", r"^(?:[^a]+\bx)$", r"^(?i:share this)$"];
        let texts: [&[u8]; 6] = [
            b"abc K more",
            b"abc k",
            b"zz x",
            b"\xff\xfe x",
            b"SHARE THIS",
            b"share that",
        ];
        for source in sources {
            let ours = Forward::new(source, false, 64 << 20, 16 << 20).unwrap();
            let theirs = regex::bytes::RegexBuilder::new(source)
                .unicode(false)
                .build()
                .unwrap();
            for text in texts {
                assert_eq!(
                    ours.is_match(text),
                    theirs.is_match(text),
                    "{source} on {text:?}"
                );
            }
        }
        assert!(Forward::new(r"\p{L}", false, 64 << 20, 16 << 20).is_err());
    }
}
