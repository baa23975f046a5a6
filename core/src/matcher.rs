//! Line matching: the exact lines, case-folded exact lines and patterns of the
//! rule sets that run together on a page, compiled once, over a page's lines.
//!
//! Patterns are Python `regex` patterns, matched against a whole line. Those
//! that the linear engine reads as Python does (`syntax::check`) run here, in
//! time linear in the line; the others, the slow path, are Python's to run, and
//! a line goes to Python for them only where their over-approximation (see
//! `syntax`) matches it, or where there is none. Lines holding characters on
//! which the engines may differ go to Python too (`unsure`). So a page's result
//! is the entries each line matched ("hits") and the entries Python must still
//! decide for it ("asks").

use crate::HashMap;
use std::sync::{Mutex, OnceLock};

use aho_corasick::AhoCorasick;
use regex::{Regex, RegexBuilder};

use crate::fold::casefold;
use crate::forward::Forward;
use crate::literals;
use crate::phrases::{normalise, within};
use crate::syntax;
use crate::unsure::{self, Trust};

/// Bounds on the compiled size of one pattern, well above what rule patterns need.
const SIZE_LIMIT: usize = 64 << 20;
const DFA_SIZE_LIMIT: usize = 16 << 20;

fn build(source: &str) -> Result<Regex, String> {
    RegexBuilder::new(source)
        .size_limit(SIZE_LIMIT)
        .dfa_size_limit(DFA_SIZE_LIMIT)
        .build()
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(_) => "too large for the linear engine".to_string(),
            other => format!("not accepted by the linear engine ({other})"),
        })
}

/// The full Unicode form of a linear pattern: it only ever answers whether a
/// line matches, so it is compiled forward only (`forward`).
fn full(source: &str) -> Result<Forward, String> {
    Forward::new(source, true, SIZE_LIMIT, DFA_SIZE_LIMIT)
}

/// The same regex over bytes with Unicode off (ASCII `\w \b \d \s .`, ASCII
/// case folding): on a line of ASCII alone it decides as the Unicode one does,
/// the only Unicode-mode difference being case-insensitive `k`/`s` matching
/// U+212A/U+017F, which an ASCII line cannot hold. None where it does not compile
/// (a Unicode class, a non-ASCII character in a class).
///
/// A pattern that names a character by escape, or holds U+017F or U+212A, is
/// left to the Unicode form: case-insensitively those match `s` and `k`.
fn build_ascii(source: &str) -> Option<Forward> {
    let named = source
        .as_bytes()
        .windows(2)
        .any(|w| w[0] == b'\\' && matches!(w[1], b'x' | b'u' | b'U' | b'N'));
    if named || source.contains(['\u{17F}', '\u{212A}']) {
        return None;
    }
    Forward::new(source, false, SIZE_LIMIT, DFA_SIZE_LIMIT).ok()
}

/// A linear pattern in a form for some lines only (`build_ascii`, `narrow`):
/// its lookaheads and its body.
#[derive(Debug)]
struct Form {
    ahead: Vec<(bool, Forward)>,
    main: Forward,
}

impl Form {
    fn new(sources: &Sources, build: fn(&str) -> Option<Forward>) -> Option<Form> {
        let ahead = sources
            .ahead
            .iter()
            .map(|(positive, source)| Some((*positive, build(source)?)))
            .collect::<Option<Vec<_>>>()?;
        Some(Form {
            ahead,
            main: build(&sources.main)?,
        })
    }

    fn is_match(&self, text: &[u8]) -> bool {
        self.ahead
            .iter()
            .all(|(positive, regex)| regex.is_match(text) == *positive)
            && self.main.is_match(text)
    }
}

/// A superset of `main`'s language that the lazy DFA runs on any text: its word
/// boundaries dropped (an assertion only narrows a match) and its bounded
/// repetitions unbounded above. A line it does not match, `main` does not
/// either; None where it does not compile or would not be wider.
fn wide(main: &str) -> Option<Forward> {
    use regex_syntax::hir::{Hir, HirKind, Look, Repetition};
    fn widen(hir: Hir, changed: &mut bool) -> Hir {
        match hir.into_kind() {
            HirKind::Look(look) => match look {
                Look::Start | Look::End => Hir::look(look),
                _ => {
                    *changed = true;
                    Hir::empty()
                }
            },
            HirKind::Repetition(rep) => {
                let max = match rep.max {
                    Some(max) if max > 1 => {
                        *changed = true;
                        None
                    }
                    other => other,
                };
                Hir::repetition(Repetition {
                    min: rep.min,
                    max,
                    greedy: rep.greedy,
                    sub: Box::new(widen(*rep.sub, changed)),
                })
            }
            HirKind::Capture(cap) => widen(*cap.sub, changed),
            HirKind::Concat(subs) => {
                Hir::concat(subs.into_iter().map(|h| widen(h, changed)).collect())
            }
            HirKind::Alternation(subs) => {
                Hir::alternation(subs.into_iter().map(|h| widen(h, changed)).collect())
            }
            HirKind::Empty => Hir::empty(),
            HirKind::Literal(lit) => Hir::literal(lit.0),
            HirKind::Class(class) => Hir::class(class),
        }
    }
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(main)
        .ok()?;
    let mut changed = false;
    let hir = widen(hir, &mut changed);
    if !changed {
        return None;
    }
    Forward::from_hir(&hir, SIZE_LIMIT, DFA_SIZE_LIMIT).ok()
}

/// The characters of most lines that are not ASCII alone: Latin-1 and Latin
/// Extended-A (the letters of most European languages), Greek and Cyrillic,
/// punctuation, currency and letter-like signs, arrows. Of the dev corpus's
/// 7,843 distinct lines, 7,170 hold no other character, and 424 more are
/// Cyrillic: with Cyrillic in, those run here rather than on the wide form and
/// then the full one, which cost five times as much to compile as this form.
/// Their letters are two bytes in UTF-8, as Latin-1's, so the form grows by a
/// fifth; the first pass over the dev corpus costs a fifth less.
const NARROW: [(char, char); 4] = [
    ('\0', '\u{17F}'),
    ('\u{370}', '\u{52F}'),
    ('\u{2000}', '\u{20CF}'),
    ('\u{2100}', '\u{21FF}'),
];

/// Whether every character of `text` is one of `NARROW`'s.
fn is_narrow(text: &str) -> bool {
    text.chars()
        .all(|c| NARROW.iter().any(|&(low, high)| low <= c && c <= high))
}

/// `source` with every class cut down to `NARROW`: on a line of `NARROW`
/// characters alone it decides as `source` does, since a class can only ever
/// meet the line's characters, and it compiles to a fraction of the automaton
/// (a `\p{L}` under `{1,60}` is 60 copies of a few ranges, not of hundreds).
fn narrow(source: &str) -> Option<Forward> {
    use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Repetition};
    fn cut(hir: Hir, within: &ClassUnicode) -> Hir {
        match hir.into_kind() {
            HirKind::Class(Class::Unicode(mut class)) => {
                class.intersect(within);
                Hir::class(Class::Unicode(class))
            }
            HirKind::Class(class) => Hir::class(class),
            HirKind::Repetition(rep) => Hir::repetition(Repetition {
                sub: Box::new(cut(*rep.sub, within)),
                ..rep
            }),
            HirKind::Capture(cap) => cut(*cap.sub, within),
            HirKind::Concat(subs) => {
                Hir::concat(subs.into_iter().map(|h| cut(h, within)).collect())
            }
            HirKind::Alternation(subs) => {
                Hir::alternation(subs.into_iter().map(|h| cut(h, within)).collect())
            }
            HirKind::Empty => Hir::empty(),
            HirKind::Literal(lit) => Hir::literal(lit.0),
            HirKind::Look(look) => Hir::look(look),
        }
    }
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(source)
        .ok()?;
    let within = ClassUnicode::new(
        NARROW
            .iter()
            .map(|&(low, high)| ClassUnicodeRange::new(low, high)),
    );
    Forward::from_hir(&cut(hir, &within), SIZE_LIMIT, DFA_SIZE_LIMIT).ok()
}

fn flagged(source: &str, ignore_case: bool) -> String {
    if ignore_case {
        format!("(?i:{source})")
    } else {
        format!("(?:{source})")
    }
}

/// A linear pattern as the crate's regexes: each lookahead, anchored at the
/// text's start, with whether it is positive; and the rest, anchored at both ends.
#[derive(Debug)]
struct Sources {
    ahead: Vec<(bool, String)>,
    main: String,
}

/// `Sources` compiled, or why the linear engine cannot take them.
type Compiled = Result<(Vec<(bool, Forward)>, Forward), String>;

impl Sources {
    fn compile(&self) -> Compiled {
        let ahead = self
            .ahead
            .iter()
            .map(|(positive, source)| Ok((*positive, full(source)?)))
            .collect::<Result<Vec<_>, String>>()?;
        Ok((ahead, full(&self.main)?))
    }
}

/// How one pattern runs.
// A plan per rule pattern, a few hundred in a process: the variants' sizes do
// not matter, and boxing one would only add an indirection to every match.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
enum Plan {
    /// On the linear engine: each lookahead from the text's start (matching,
    /// or for a negative one not matching) and the rest in full.
    ///
    /// Each form is compiled when first wanted: a Unicode class under a bounded
    /// repetition (`\p{Lu}[\p{L}' -]{1,60}`) compiles to a large automaton, and
    /// most lines are decided by the ASCII form, the wide one or the prefilter,
    /// so a process that never needs the full form never pays for it.
    Linear {
        sources: Sources,
        /// The full Unicode form; an error sends every line to Python.
        compiled: OnceLock<Compiled>,
        /// The ASCII-only form, for lines of ASCII alone; compiled when first wanted.
        ascii: OnceLock<Option<Form>>,
        /// The form cut down to `NARROW`, for lines of those characters alone.
        narrow: OnceLock<Option<Form>>,
        /// `wide(main)`, asked first on other lines; compiled when first wanted.
        wide: OnceLock<Option<Forward>>,
        /// Folded strings of which `main`'s every match holds one (`literals`).
        required: Option<Vec<String>>,
    },
    /// On Python's engine, where `filter` (anchored at both ends) matches, or
    /// everywhere without one.
    Slow {
        reason: String,
        filter: Option<Regex>,
    },
}

/// One rule pattern, compiled for the linear engine where it can be.
#[derive(Debug)]
pub struct Pattern {
    source: String,
    ignore_case: bool,
    /// Some part matches case-insensitively (the line's `Trust` then matters more).
    folds: bool,
    plan: Plan,
}

impl Pattern {
    /// Read and compile `source` as Python's `regex` module would run it with
    /// `fullmatch` (with IGNORECASE when `ignore_case`).
    pub fn new(source: &str, ignore_case: bool) -> Pattern {
        match Self::linear(source, ignore_case) {
            Ok((sources, folds)) => Pattern {
                source: source.to_string(),
                ignore_case,
                folds,
                plan: Plan::Linear {
                    required: literals::required(&sources.main),
                    sources,
                    compiled: OnceLock::new(),
                    ascii: OnceLock::new(),
                    narrow: OnceLock::new(),
                    wide: OnceLock::new(),
                },
            },
            Err(reason) => {
                let filter = syntax::over_approximation(source).and_then(|wide| {
                    let info = syntax::check(&wide, ignore_case).ok()?;
                    let regex = build(&format!("^{}$", flagged(&wide, ignore_case))).ok()?;
                    Some((regex, info.folds))
                });
                // Without a filter every line is Python's anyway.
                let folds = filter.as_ref().map_or(true, |f| f.1);
                Pattern {
                    source: source.to_string(),
                    ignore_case,
                    folds,
                    plan: Plan::Slow {
                        reason,
                        filter: filter.map(|f| f.0),
                    },
                }
            }
        }
    }

    fn linear(source: &str, ignore_case: bool) -> Result<(Sources, bool), String> {
        if let Some(reason) = syntax::python_only(source) {
            // Leading lookaheads come apart; anything else Python's alone has stays.
            let inner = match syntax::split_leading(source) {
                Some(split) => split.parts().find_map(syntax::python_only),
                None => Some(reason),
            };
            if let Some(inner) = inner {
                return Err(inner.to_string());
            }
        }
        let Some(split) = syntax::split_leading(source) else {
            return Err(syntax::check(source, ignore_case)
                .err()
                .unwrap_or_else(|| "lookaround inside the pattern".into()));
        };
        let mut folds = syntax::check(&split.rest, ignore_case)?.folds;
        let mut ahead = Vec::new();
        for (positive, body) in &split.ahead {
            folds |= syntax::check(body, ignore_case)
                .map_err(|reason| format!("{reason}, in a lookahead at the start"))?
                .folds;
            ahead.push((*positive, format!("^{}", flagged(body, ignore_case))));
        }
        let main = format!("^{}$", flagged(&split.rest, ignore_case));
        Ok((Sources { ahead, main }, folds))
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    pub fn ignore_case(&self) -> bool {
        self.ignore_case
    }

    /// Why the pattern is on the slow path; None when it runs here. Asking
    /// compiles the full form, to know whether the linear engine takes it.
    pub fn slow_reason(&self) -> Option<&str> {
        match &self.plan {
            Plan::Linear {
                sources, compiled, ..
            } => compiled
                .get_or_init(|| sources.compile())
                .as_ref()
                .err()
                .map(String::as_str),
            Plan::Slow { reason, .. } => Some(reason),
        }
    }

    /// Whether the linear engine reads the pattern as Python does, so that it
    /// runs here unless its full form proves too large to compile; unlike
    /// `slow_reason`, known without compiling it.
    pub fn admitted(&self) -> bool {
        matches!(self.plan, Plan::Linear { .. })
    }

    /// Whether a slow-path pattern has a filter that runs here.
    pub fn has_filter(&self) -> bool {
        matches!(
            &self.plan,
            Plan::Slow {
                filter: Some(_),
                ..
            }
        )
    }

    fn trusted(&self, trust: Trust) -> bool {
        match trust {
            Trust::All => true,
            Trust::CaseSensitive { .. } => !self.folds,
            Trust::Nothing => false,
        }
    }

    /// The folded strings of which every match on the linear engine holds one.
    fn required(&self) -> Option<&[String]> {
        match &self.plan {
            Plan::Linear { required, .. } => required.as_deref(),
            Plan::Slow { .. } => None,
        }
    }

    /// Whether the pattern matches all of `text`: None where Python must say.
    ///
    /// The required strings are not asked here: an anchored regex turns most
    /// lines down within a few bytes, sooner than a fold and a search of the
    /// line; they pay only where a matcher asks them for all its patterns at once.
    pub fn fullmatch(&self, text: &str) -> Option<bool> {
        self.fullmatch_trusting(text, unsure::trust(text))
    }

    fn fullmatch_trusting(&self, text: &str, trust: Trust) -> Option<bool> {
        if !self.trusted(trust) {
            return None;
        }
        match &self.plan {
            Plan::Linear {
                sources,
                compiled,
                ascii,
                narrow: narrow_form,
                wide: wider,
                ..
            } => {
                if text.is_ascii() {
                    if let Some(ascii) = ascii.get_or_init(|| Form::new(sources, build_ascii)) {
                        return Some(ascii.is_match(text.as_bytes()));
                    }
                }
                if is_narrow(text) {
                    if let Some(form) = narrow_form.get_or_init(|| Form::new(sources, narrow)) {
                        return Some(form.is_match(text.as_bytes()));
                    }
                }
                if let Some(wider) = wider.get_or_init(|| wide(&sources.main)) {
                    if !wider.is_match(text) {
                        return Some(false);
                    }
                }
                let (ahead, main) = compiled.get_or_init(|| sources.compile()).as_ref().ok()?;
                Some(
                    ahead
                        .iter()
                        .all(|(positive, regex)| regex.is_match(text) == *positive)
                        && main.is_match(text),
                )
            }
            Plan::Slow {
                filter: Some(filter),
                ..
            } => {
                if filter.is_match(text) {
                    None
                } else {
                    Some(false)
                }
            }
            Plan::Slow { filter: None, .. } => None,
        }
    }
}

/// What a line matched: the entries it matched, those whose pattern Python
/// must decide, and of the hits those whose checks Python must decide.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineResult {
    pub hits: Vec<u32>,
    pub asks: Vec<u32>,
    pub rechecks: Vec<u32>,
}

impl LineResult {
    /// Whether the line matched nothing and left nothing to Python.
    pub fn is_empty(&self) -> bool {
        self.hits.is_empty() && self.asks.is_empty() && self.rechecks.is_empty()
    }
}

/// A pattern entry of a matcher: its id, whether a hit of it makes later
/// pattern entries pointless (the line goes by it alone), and the longest
/// line it can match, in characters.
struct PatternEntry<P> {
    id: u32,
    last: bool,
    limit: Option<usize>,
    pattern: P,
}

/// A rule's checks: a line its entries match is the rule's only if it matches
/// every `also` pattern in full and no `unless` pattern.
pub struct Checks<P> {
    pub ids: Vec<u32>,
    pub also: Vec<P>,
    pub unless: Vec<P>,
}

/// A page's hits, asks and rechecks, each as flat `(position, id)` pairs.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PageResult(pub Vec<u32>, pub Vec<u32>, pub Vec<u32>);

/// Lines remembered across calls (a site's pages repeat their furniture), and
/// the longest one remembered, in bytes.
const REMEMBERED_LINES: usize = 50_000;
const REMEMBERED_LENGTH: usize = 10_000;

/// Exact lines, folded exact lines and patterns, each with an id, compiled once.
pub struct Matcher<P> {
    exact: HashMap<Box<str>, Vec<u32>>,
    folded: HashMap<Box<str>, Vec<u32>>,
    /// The longest folded line, in bytes: a line's fold is never shorter than
    /// the line in characters, so a line of more characters cannot be one.
    longest_folded: usize,
    /// Normalised phrases (`phrases::normalise`), each with its entries and
    /// their longest line in characters.
    phrases: HashMap<String, Vec<(u32, Option<usize>)>>,
    /// The longest normalised phrase, in characters.
    longest_phrase: usize,
    patterns: Vec<PatternEntry<P>>,
    /// Every pattern's required strings in one automaton, and for each string
    /// the patterns (by place) that require it; None where no pattern requires any.
    prefilter: Option<(AhoCorasick, Vec<Vec<usize>>)>,
    /// By place, whether a pattern runs on every line (it requires nothing).
    unfiltered: Vec<bool>,
    /// Entry id -> its rule's checks (an index into `checks`).
    checked: HashMap<u32, usize>,
    checks: Vec<Checks<P>>,
    seen: Mutex<HashMap<Box<str>, LineResult>>,
}

impl<P: AsRef<Pattern>> Matcher<P> {
    /// `folded` lines are given case-folded already (`casefold`); a line
    /// matches one when its fold does. A line matches a phrase when both
    /// normalise alike and the line is no longer than the phrase entry's limit
    /// (in characters); a pattern entry with a limit matches no longer line.
    /// Hits are reported exact and folded lines first, then phrases, then
    /// patterns in the order given: an entry flagged `last` ends the pattern
    /// matching of a line it matches. A hit of an entry with `checks` stands
    /// only if they hold, and is reported among `rechecks` too where one of
    /// them is Python's to decide.
    pub fn new(
        exact: Vec<(String, u32)>,
        folded: Vec<(String, u32)>,
        phrases: Vec<(String, u32, Option<usize>)>,
        patterns: Vec<(P, u32, bool, Option<usize>)>,
        checks: Vec<Checks<P>>,
    ) -> Self {
        let mut phrase_table: HashMap<String, Vec<(u32, Option<usize>)>> = HashMap::default();
        for (phrase, id, limit) in phrases {
            let entries = phrase_table.entry(normalise(&phrase)).or_default();
            if !entries.contains(&(id, limit)) {
                entries.push((id, limit));
            }
        }
        let longest_phrase = phrase_table
            .keys()
            .map(|k| k.chars().count())
            .max()
            .unwrap_or(0);
        let mut exact_table: HashMap<Box<str>, Vec<u32>> = HashMap::default();
        for (line, id) in exact {
            exact_table.entry(line.into()).or_default().push(id);
        }
        let mut folded_table: HashMap<Box<str>, Vec<u32>> = HashMap::default();
        let mut longest_folded = 0;
        for (line, id) in folded {
            longest_folded = longest_folded.max(line.len());
            folded_table.entry(line.into()).or_default().push(id);
        }
        let patterns: Vec<PatternEntry<P>> = patterns
            .into_iter()
            .map(|(pattern, id, last, limit)| PatternEntry {
                id,
                last,
                limit,
                pattern,
            })
            .collect();
        let mut checked = HashMap::default();
        for (index, rule) in checks.iter().enumerate() {
            for &id in &rule.ids {
                checked.insert(id, index);
            }
        }
        let mut strings: HashMap<&str, Vec<usize>> = HashMap::default();
        let mut unfiltered = Vec::with_capacity(patterns.len());
        for (place, entry) in patterns.iter().enumerate() {
            let required = entry.pattern.as_ref().required();
            unfiltered.push(required.is_none());
            for string in required.into_iter().flatten() {
                strings.entry(string).or_default().push(place);
            }
        }
        let (strings, places): (Vec<&str>, Vec<Vec<usize>>) = strings.into_iter().unzip();
        // The default automaton: a DFA searches a tenth faster, but takes a
        // twentieth of a second to build on a process's first page.
        let prefilter = match AhoCorasick::new(&strings) {
            Ok(automaton) if !strings.is_empty() => Some((automaton, places)),
            // Too big an automaton: every pattern runs on every line.
            _ => {
                unfiltered.iter_mut().for_each(|u| *u = true);
                None
            }
        };
        Matcher {
            exact: exact_table,
            folded: folded_table,
            longest_folded,
            phrases: phrase_table,
            longest_phrase,
            patterns,
            prefilter,
            unfiltered,
            checked,
            checks,
            seen: Mutex::new(HashMap::default()),
        }
    }

    /// Forget the lines remembered across calls.
    pub fn forget(&self) {
        self.seen.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    /// How many lines are remembered, and the longest of them in bytes.
    pub fn remembered(&self) -> (usize, usize) {
        let seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        (seen.len(), seen.keys().map(|k| k.len()).max().unwrap_or(0))
    }

    /// What one line matches (an empty line matches nothing).
    pub fn line(&self, text: &str) -> LineResult {
        let mut found = LineResult::default();
        if text.is_empty() {
            return found;
        }
        if let Some(ids) = self.exact.get(text) {
            found.hits.extend(ids);
        }
        // The line's fold, made once for the folded lines and the prefilter.
        let mut fold = None;
        if !self.folded.is_empty()
            && text.chars().take(self.longest_folded + 1).count() <= self.longest_folded
        {
            if let Some(ids) = self
                .folded
                .get(fold.get_or_insert_with(|| casefold(text)).as_ref())
            {
                found.hits.extend(ids);
            }
        }
        if !self.phrases.is_empty() && within(text, self.longest_phrase) {
            if let Some(entries) = self.phrases.get(&normalise(text)) {
                let size = text.chars().count();
                for &(id, limit) in entries {
                    if limit.map_or(true, |limit| size <= limit) {
                        found.hits.push(id);
                    }
                }
            }
        }
        let trust = unsure::trust(text);
        // Patterns whose required strings the line's fold holds, or that require none.
        let mut candidate = self.unfiltered.clone();
        if let Some((automaton, places)) = &self.prefilter {
            let fold = fold.get_or_insert_with(|| casefold(text));
            for found in automaton.find_overlapping_iter(fold.as_ref()) {
                for &place in &places[found.pattern().as_usize()] {
                    candidate[place] = true;
                }
            }
        }
        let mut size = None;
        for (place, entry) in self.patterns.iter().enumerate() {
            if let Some(limit) = entry.limit {
                if *size.get_or_insert_with(|| text.chars().count()) > limit {
                    continue;
                }
            }
            let pattern = entry.pattern.as_ref();
            let said = if candidate[place] || !(pattern.trusted(trust) || trust.filtered()) {
                pattern.fullmatch_trusting(text, trust)
            } else {
                // None of its strings is in the line's fold: neither engine matches.
                Some(false)
            };
            match said {
                Some(true) => {
                    found.hits.push(entry.id);
                    if entry.last {
                        break;
                    }
                }
                Some(false) => {}
                None => found.asks.push(entry.id),
            }
        }
        if !self.checked.is_empty() {
            self.check(text, &mut found);
        }
        found
    }

    /// Strike the hits whose rule's checks fail; those Python must decide stay,
    /// listed among `rechecks`.
    fn check(&self, text: &str, found: &mut LineResult) {
        // A rule's phrase and pattern may both hit: its checks run once.
        let mut said: Vec<(usize, Option<bool>)> = Vec::new();
        let mut kept = Vec::with_capacity(found.hits.len());
        for &id in &found.hits {
            let Some(&index) = self.checked.get(&id) else {
                kept.push(id);
                continue;
            };
            let holds = match said.iter().find(|(at, _)| *at == index) {
                Some(&(_, holds)) => holds,
                None => {
                    let holds = self.holds(&self.checks[index], text);
                    said.push((index, holds));
                    holds
                }
            };
            match holds {
                Some(true) => kept.push(id),
                Some(false) => {}
                None => {
                    kept.push(id);
                    found.rechecks.push(id);
                }
            }
        }
        found.hits = kept;
    }

    /// Whether `text` passes `checks`; None where Python must say.
    fn holds(&self, checks: &Checks<P>, text: &str) -> Option<bool> {
        let mut unsure = false;
        for pattern in &checks.also {
            match pattern.as_ref().fullmatch(text) {
                Some(false) => return Some(false),
                Some(true) => {}
                None => unsure = true,
            }
        }
        for pattern in &checks.unless {
            match pattern.as_ref().fullmatch(text) {
                Some(true) => return Some(false),
                Some(false) => {}
                None => unsure = true,
            }
        }
        if unsure {
            None
        } else {
            Some(true)
        }
    }

    /// What each line of a page matches, as flat `(position, id)` pairs of hits,
    /// of asks and of rechecks, in position order.
    pub fn page<S: AsRef<str>>(&self, lines: &[S]) -> PageResult {
        let mut out = PageResult::default();
        self.each(lines, |pos, found| {
            let pos = pos as u32;
            for (ids, flat) in [
                (&found.hits, &mut out.0),
                (&found.asks, &mut out.1),
                (&found.rechecks, &mut out.2),
            ] {
                for &id in ids {
                    flat.extend([pos, id]);
                }
            }
        });
        out
    }

    /// Calls `found` with the position and the result of each line of `lines`
    /// that matches anything, in order; lines are remembered across calls.
    pub fn each<S: AsRef<str>>(&self, lines: &[S], mut found: impl FnMut(usize, &LineResult)) {
        // The memory is locked for each look-up and each insertion, never
        // while a line is matched: threads cleaning pages at once share it.
        let memory = || self.seen.lock().unwrap_or_else(|e| e.into_inner());
        for (pos, line) in lines.iter().enumerate() {
            let text = line.as_ref();
            if text.is_empty() {
                continue;
            }
            let known = text.len() <= REMEMBERED_LENGTH;
            if known {
                if let Some(result) = memory().get(text) {
                    if !result.is_empty() {
                        found(pos, result);
                    }
                    continue;
                }
            }
            let result = self.line(text);
            if !result.is_empty() {
                found(pos, &result);
            }
            if known {
                let mut seen = memory();
                if seen.len() >= REMEMBERED_LINES {
                    seen.clear();
                }
                seen.insert(text.into(), result);
            }
        }
    }
}

impl AsRef<Pattern> for Pattern {
    fn as_ref(&self) -> &Pattern {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(source: &str) -> Pattern {
        Pattern::new(source, false)
    }

    #[test]
    fn patterns_match_whole_lines() {
        let p = pattern("sign up|subscribe");
        assert_eq!(p.fullmatch("subscribe"), Some(true));
        assert_eq!(p.fullmatch("subscribe now"), Some(false));
        assert_eq!(p.fullmatch("please sign up"), Some(false));
        assert_eq!(
            Pattern::new("SIGN UP", true).fullmatch("Sign Up"),
            Some(true)
        );
    }

    #[test]
    fn leading_lookaheads_bound_the_line() {
        let p = pattern("(?=.{1,10}$)(?!no)[a-z ]+");
        assert!(p.slow_reason().is_none());
        assert_eq!(p.fullmatch("short one"), Some(true));
        assert_eq!(p.fullmatch("a much longer line"), Some(false));
        assert_eq!(p.fullmatch("no way"), Some(false));
    }

    #[test]
    fn slow_patterns_are_asked_only_where_their_filter_matches() {
        let p = pattern(r"(?<=x)a|(a)\1b");
        assert_eq!(p.slow_reason(), Some("lookaround"));
        assert!(p.has_filter());
        assert_eq!(p.fullmatch("zzz"), Some(false));
        assert_eq!(p.fullmatch("aab"), None);
        assert_eq!(pattern(r"\mword").fullmatch("word"), None);
    }

    #[test]
    fn a_catastrophic_pattern_is_linear() {
        let p = pattern("^(a|aa)+$");
        assert!(p.slow_reason().is_none());
        let line = "a".repeat(100_000) + "b";
        let start = std::time::Instant::now();
        assert_eq!(p.fullmatch(&line), Some(false));
        assert!(start.elapsed().as_secs_f64() < 1.0);
    }

    #[test]
    fn a_text_ending_in_a_newline_is_python_s() {
        assert_eq!(pattern("a$").fullmatch("a\n"), None);
    }

    #[test]
    fn a_page_gives_hits_and_asks_by_position() {
        let matcher = Matcher::new(
            vec![("Share".into(), 0)],
            vec![("skip to content".into(), 1)],
            vec![],
            vec![
                (pattern(r"\d+ min read"), 2, true, None),
                (pattern(r"(?=.*y).*"), 3, false, None),
                (pattern(r".*(?<=y)z"), 4, false, None),
            ],
            vec![],
        );
        let lines = ["Share", "", "SKIP TO CONTENT", "5 min read", "xyz"];
        let PageResult(hits, asks, rechecks) = matcher.page(&lines);
        assert_eq!(hits, [0, 0, 2, 1, 3, 2, 4, 3]);
        assert_eq!(asks, [4, 4]);
        assert!(rechecks.is_empty());
        assert_eq!(matcher.page(&lines), PageResult(hits, asks, rechecks));
        assert_eq!(matcher.remembered(), (4, 15));
        let long = "x".repeat(REMEMBERED_LENGTH + 1);
        matcher.page(&[long.as_str()]);
        assert_eq!(matcher.remembered(), (4, 15));
        matcher.forget();
        assert_eq!(matcher.remembered(), (0, 0));
    }
    #[test]
    fn phrases_match_normalised_lines_within_their_limit() {
        let matcher: Matcher<Pattern> = Matcher::new(
            vec![("Share".into(), 0)],
            vec![],
            vec![
                ("— Advertisement —".into(), 1, None),
                ("share".into(), 2, Some(7)),
            ],
            vec![(pattern("Share|SHARE"), 3, true, None)],
            vec![],
        );
        let lines = [
            "ADVERTISEMENT",
            "» Share",
            "Share",
            "- - share - - -",
            "advertising",
        ];
        let PageResult(hits, asks, _) = matcher.page(&lines);
        assert_eq!(hits, [0, 1, 1, 2, 2, 0, 2, 2, 2, 3]);
        assert!(asks.is_empty());
    }

    #[test]
    fn limits_bound_patterns_and_checks_strike_hits() {
        let matcher: Matcher<Pattern> = Matcher::new(
            vec![],
            vec![],
            vec![("follow us".into(), 0, Some(40))],
            vec![
                // A final hit past its limit is no hit: later patterns still run.
                (pattern(r"Follow .+"), 1, true, Some(12)),
                (pattern(r"Follow us on \w+"), 2, false, None),
            ],
            vec![Checks {
                ids: vec![0, 2],
                also: vec![pattern(r".*\bus\b.*")],
                unless: vec![pattern(r".*Mastodon"), pattern(r".*(?<=x)y")],
            }],
        );
        assert_eq!(matcher.line("Follow us").hits, vec![0, 1]);
        assert_eq!(matcher.line("Follow us on Twitter").hits, vec![2]);
        // An unless pattern strikes the hit; one on the slow path leaves it to Python.
        assert_eq!(
            matcher.line("Follow us on Mastodon").hits,
            Vec::<u32>::new()
        );
        let unsure = matcher.line("Follow us on Xy");
        assert_eq!((unsure.hits, unsure.rechecks), (vec![2], vec![2]));
    }

    #[test]
    fn ascii_and_wide_forms_decide_as_the_unicode_one() {
        let p = pattern(r"\bcafé\b.{0,3}|\w{2,4}\b");
        for (text, want) in [
            ("café x", true),
            ("xcafé", false),
            ("abcd", true),
            ("abcde", false),
            ("éé", true),
            ("ééééé", false),
        ] {
            assert_eq!(p.fullmatch(text), Some(want), "{text}");
        }
        let k = Pattern::new("k\u{17F}", true);
        assert_ne!(k.fullmatch("KS"), Some(false));
    }

    #[test]
    fn the_narrow_form_decides_as_the_full_one_on_its_lines() {
        let source = r"(?:\p{Lu}[\p{L}’ -]{1,20}/)?\p{Lu}\w+";
        let p = pattern(source);
        let Plan::Linear { sources, .. } = &p.plan else {
            panic!("{source} is linear");
        };
        let cut = Form::new(sources, narrow).expect("the narrow form compiles");
        let (_, whole) = sources.compile().expect("the full form compiles");
        for text in [
            "Łukasz Wiśniewski/Reuters",
            "Émile Zola’s/AFP",
            "łukasz/Reuters",
            "Ő€",
            "Straße",
            "A/b",
            "Київ/Reuters",
            "Ѓорѓи Ивановски/МИА",
            "Αθήνα/ΑΠΕ",
        ] {
            assert!(is_narrow(text), "{text}");
            assert_eq!(
                cut.is_match(text.as_bytes()),
                whole.is_match(text),
                "{text}"
            );
        }
        assert!(!is_narrow("Ɓ") && !is_narrow("東京/共同"));
    }

    #[test]
    fn a_prefilter_s_no_stands_on_lines_whose_letters_fold_as_python_s() {
        // "ß" is "ss" to both the fold and Python's module, so a line whose fold
        // lacks "press" and "news" matches in neither; the dotless "ı" is
        // "I" to the module but not to the fold, so the line is Python's to match.
        let matcher = Matcher::new(
            vec![],
            vec![],
            vec![],
            vec![(
                Pattern::new("(?:press|news) releases?", true),
                0,
                false,
                None,
            )],
            vec![],
        );
        assert_eq!(matcher.line("Straße"), LineResult::default());
        assert_eq!(matcher.line("Preß release").asks, vec![0]);
        assert_eq!(matcher.line("Işık").asks, vec![0]);
        assert_eq!(
            unsure::trust("Straße"),
            Trust::CaseSensitive { filtered: true }
        );
        assert_eq!(
            unsure::trust("Straße Işık"),
            Trust::CaseSensitive { filtered: false }
        );
        assert_eq!(
            unsure::trust("Işık Straße"),
            Trust::CaseSensitive { filtered: false }
        );
    }
}
