//! The bindings: thin wrappers that convert at the boundary and call the stages.
//!
//! Calls are coarse: a text, or all the lines a pass asks about, per call.

use std::sync::Arc;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyList, PySlice, PyString};

use crate::{
    article, chars, classify, features, fold, gate, heuristics, lines, matcher, phrases, repeats,
    rounds, tables,
};

/// Kept lines joined as the output prints them (`lines::join`).
#[pyfunction]
fn join_lines(lines: Vec<PyBackedStr>) -> String {
    lines::join(&lines)
}

/// The text's stripped lines, one per `\n` (CRLF is one end), as `lines::split`.
#[pyfunction]
fn split_lines(text: &str) -> Vec<&str> {
    lines::split(text)
}

/// `text` stripped as Python's `str.strip()` strips it.
#[pyfunction]
fn strip(text: &str) -> &str {
    lines::strip(text)
}

/// `text.casefold()`, from the core's table.
#[pyfunction]
fn casefold(text: &str) -> String {
    fold::casefold(text).into_owned()
}

/// `text` as `phrases:` rules compare it (`phrases::normalise`).
#[pyfunction]
fn normalise(text: &str) -> String {
    phrases::normalise(text)
}

/// False only when `normalise(text)` is certainly longer than `longest` characters.
#[pyfunction]
fn within(text: &str, longest: usize) -> bool {
    phrases::within(text, longest)
}

/// A rule pattern compiled for the linear engine where it can be (`matcher::Pattern`).
#[pyclass(frozen, module = "cleaner._core", name = "Pattern")]
struct PyPattern(Arc<matcher::Pattern>);

#[pymethods]
impl PyPattern {
    #[new]
    #[pyo3(signature = (source, ignore_case=false))]
    fn new(py: Python<'_>, source: &str, ignore_case: bool) -> Self {
        let source = source.to_string();
        PyPattern(Arc::new(
            py.detach(move || matcher::Pattern::new(&source, ignore_case)),
        ))
    }

    #[getter]
    fn source(&self) -> &str {
        self.0.source()
    }

    #[getter]
    fn ignore_case(&self) -> bool {
        self.0.ignore_case()
    }

    /// Why the pattern runs on Python's engine; None when it runs here.
    #[getter]
    fn slow_reason(&self) -> Option<&str> {
        self.0.slow_reason()
    }

    /// Whether the linear engine reads the pattern as Python does (known without compiling it).
    #[getter]
    fn admitted(&self) -> bool {
        self.0.admitted()
    }

    /// Whether a slow-path pattern is run only on lines its over-approximation matches.
    #[getter]
    fn has_filter(&self) -> bool {
        self.0.has_filter()
    }

    /// Whether the pattern matches all of `text`; None where Python's engine must say.
    fn fullmatch(&self, text: &str) -> Option<bool> {
        self.0.fullmatch(text)
    }
}

struct Shared(Arc<matcher::Pattern>);

impl AsRef<matcher::Pattern> for Shared {
    fn as_ref(&self) -> &matcher::Pattern {
        &self.0
    }
}

/// A rule's checks across the boundary: its entries' ids, its `also` and `unless` patterns.
type PyChecks<'py> = (
    Vec<u32>,
    Vec<Bound<'py, PyPattern>>,
    Vec<Bound<'py, PyPattern>>,
);

/// A page's hits, asks and rechecks as flat `(position, id)` lists.
type Flat = (Vec<u32>, Vec<u32>, Vec<u32>);

/// Exact lines, folded exact lines and patterns with ids (`matcher::Matcher`).
#[pyclass(frozen, module = "cleaner._core", name = "Matcher")]
struct PyMatcher(matcher::Matcher<Shared>);

#[pymethods]
impl PyMatcher {
    #[new]
    fn new(
        exact: Vec<(String, u32)>,
        folded: Vec<(String, u32)>,
        phrases: Vec<(String, u32, Option<usize>)>,
        patterns: Vec<(Bound<'_, PyPattern>, u32, bool, Option<usize>)>,
        checks: Vec<PyChecks<'_>>,
    ) -> Self {
        let shared = |p: &Bound<'_, PyPattern>| Shared(Arc::clone(&p.get().0));
        let patterns = patterns
            .into_iter()
            .map(|(p, id, last, limit)| (shared(&p), id, last, limit))
            .collect();
        let checks = checks
            .into_iter()
            .map(|(ids, also, unless)| matcher::Checks {
                ids,
                also: also.iter().map(shared).collect(),
                unless: unless.iter().map(shared).collect(),
            })
            .collect();
        PyMatcher(matcher::Matcher::new(
            exact, folded, phrases, patterns, checks,
        ))
    }

    /// A page's hits, asks and rechecks, each a flat list of (position, id) pairs.
    fn page(&self, py: Python<'_>, lines: Vec<String>) -> Flat {
        let found = py.detach(|| self.0.page(&lines));
        (found.0, found.1, found.2)
    }

    /// How many lines are remembered across pages, and the longest in UTF-8 bytes.
    fn remembered(&self) -> (usize, usize) {
        self.0.remembered()
    }

    /// Forget the lines remembered across pages.
    fn forget(&self) {
        self.0.forget();
    }
}

/// A rule of a plan across the boundary: its kind, its key, whether it is
/// contextual, its roles' hit ids, and what its kind needs (see `rule_of`).
type PyRule<'py> = (String, u32, bool, Vec<(String, u32)>, Bound<'py, PyAny>);

/// A contextual pattern rule's own test across the boundary: its pattern (or
/// None), its normalised phrases, the longest in characters, its
/// `max_length`, its `also` and its `unless` patterns.
type OwnData<'py> = (
    Option<Bound<'py, PyAny>>,
    Vec<String>,
    usize,
    Option<usize>,
    Bound<'py, PyAny>,
    Bound<'py, PyAny>,
);

fn role_of(name: &str) -> PyResult<rounds::Role> {
    Ok(match name {
        "line" => rounds::Role::Line,
        "prev" => rounds::Role::Prev,
        "next" => rounds::Role::Next,
        "start" => rounds::Role::Start,
        "end" => rounds::Role::End,
        "single" => rounds::Role::Single,
        _ => return Err(PyValueError::new_err(format!("no such role: {name}"))),
    })
}

fn shared_pattern(p: &Bound<'_, PyAny>) -> PyResult<Shared> {
    Ok(Shared(Arc::clone(&p.cast::<PyPattern>()?.get().0)))
}

fn shared_patterns(items: &Bound<'_, PyAny>) -> PyResult<Vec<Shared>> {
    items.try_iter()?.map(|p| shared_pattern(&p?)).collect()
}

/// A rule's kind and data: `lines` (None); `pattern` (own pattern or None,
/// normalised phrases, the longest in characters, `max_length`, `also`,
/// `unless`); `from` (whether it has `to`); `paragraph` (its pattern);
/// `heuristic` (its name, the index of its shared data, its options).
fn rule_of(rule: PyRule<'_>) -> PyResult<rounds::Rule<Shared>> {
    let (kind, key, contextual, roles, data) = rule;
    let kind = match kind.as_str() {
        "lines" => rounds::Kind::Lines,
        "pattern" => {
            let (pattern, phrases, longest_phrase, max_length, also, unless): OwnData<'_> =
                data.extract()?;
            rounds::Kind::Pattern(rounds::Own {
                pattern: pattern.as_ref().map(shared_pattern).transpose()?,
                phrases: phrases.into_iter().collect(),
                longest_phrase,
                max_length,
                also: shared_patterns(&also)?,
                unless: shared_patterns(&unless)?,
            })
        }
        "from" => rounds::Kind::Block {
            end: data.extract()?,
        },
        "paragraph" => rounds::Kind::Paragraph(shared_pattern(&data)?),
        "heuristic" => {
            let (name, shared, o): (String, usize, Bound<'_, PyAny>) = data.extract()?;
            let which = match name.as_str() {
                "outside-article" => rounds::Heuristic::OutsideArticle,
                "comment-section" => rounds::Heuristic::CommentSection,
                "nav-run" => rounds::Heuristic::NavRun {
                    min_run: attr(&o, "min_run")?,
                },
                "glued-trail" => rounds::Heuristic::GluedTrail(rounds::GluedTrail {
                    headline_min_words: attr(&o, "headline_min_words")?,
                    trail_max_length: attr(&o, "trail_max_length")?,
                    trail_stops: chars_attr(&o, "trail_stops")?,
                    separators: chars_attr(&o, "separators")?,
                }),
                "author-box" => rounds::Heuristic::AuthorBox(Arc::clone(
                    &o.getattr("_core")?.cast::<AuthorBox>()?.get().inner,
                )),
                _ => return Err(PyValueError::new_err(format!("no such heuristic: {name}"))),
            };
            rounds::Kind::Heuristic(which, shared)
        }
        _ => return Err(PyValueError::new_err(format!("no such rule kind: {kind}"))),
    };
    let roles = roles
        .iter()
        .map(|(role, hit)| Ok((role_of(role)?, *hit)))
        .collect::<PyResult<_>>()?;
    Ok(rounds::Rule {
        key,
        kind,
        contextual,
        roles,
    })
}

/// Python's side of a page's pass: an object with `ask(entry, line)`,
/// `struck(hit, line)`, `fullmatch(plan, rule, which, lines)` and `state()`
/// (the keys turned off, and whether the page's pattern time ran out).
struct PyOracle(Py<PyAny>);

impl rounds::Oracle for PyOracle {
    type Error = PyErr;

    fn ask(&mut self, entry: u32, line: &str) -> PyResult<bool> {
        Python::attach(|py| self.0.call_method1(py, "ask", (entry, line))?.extract(py))
    }

    fn struck(&mut self, hit: u32, line: &str) -> PyResult<bool> {
        Python::attach(|py| self.0.call_method1(py, "struck", (hit, line))?.extract(py))
    }

    fn fullmatch(&mut self, plan: usize, rule: usize, which: usize, text: &str) -> PyResult<bool> {
        Python::attach(|py| {
            self.0
                .call_method1(py, "fullmatch", (plan, rule, which, text))?
                .extract(py)
        })
    }

    fn state(&mut self, off: &mut [bool], exhausted: &mut bool) -> PyResult<()> {
        let (keys, spent): (Vec<usize>, bool) =
            Python::attach(|py| self.0.call_method0(py, "state")?.extract(py))?;
        for key in keys {
            if let Some(flag) = off.get_mut(key) {
                *flag = true;
            }
        }
        *exhausted = spent;
        Ok(())
    }
}

/// Strings looked for in a page's text, all at once (sources' markers).
#[pyclass(frozen, module = "cleaner._core")]
struct Markers {
    automaton: aho_corasick::AhoCorasick,
}

#[pymethods]
impl Markers {
    #[new]
    fn new(markers: Vec<String>) -> PyResult<Self> {
        aho_corasick::AhoCorasick::new(&markers)
            .map(|automaton| Markers { automaton })
            .map_err(|e| PyValueError::new_err(e.to_string()))
    }
}

/// A text's stripped lines, ftfy's repairs put in (`lines::Lines`): the text
/// crosses once, as the UTF-8 Python keeps with it, and its lines are spans of it.
#[pyclass(frozen, module = "cleaner._core")]
struct Page {
    text: PyBackedStr,
    lines: lines::Lines,
    /// The first stand-in of the lone surrogates the text held (`bridge.py`).
    stand_ins: Option<u32>,
}

#[pymethods]
impl Page {
    /// `text` (newlines as `\n`) with each of `repairs` (input line index, in
    /// order, and the lines ftfy made of it) put in its line's place.
    #[new]
    #[pyo3(signature = (text, repairs, stand_ins=None))]
    fn new(
        py: Python<'_>,
        text: PyBackedStr,
        repairs: Vec<(usize, Vec<String>)>,
        stand_ins: Option<u32>,
    ) -> Self {
        let lines = py.detach(|| lines::Lines::new(&text, repairs));
        Page {
            text,
            lines,
            stand_ins,
        }
    }

    fn __len__(&self) -> usize {
        self.lines.len()
    }

    /// Every line.
    fn texts(&self) -> Vec<&str> {
        self.lines.texts(&self.text)
    }

    /// Which of `markers` (by index) the lines hold, joined with newlines.
    fn holds(&self, py: Python<'_>, markers: &Markers) -> Vec<usize> {
        py.detach(|| {
            let joined = self.lines.texts(&self.text).join("\n");
            let mut found: Vec<usize> = markers
                .automaton
                .find_overlapping_iter(&joined)
                .map(|m| m.pattern().as_usize())
                .collect();
            found.sort_unstable();
            found.dedup();
            found
        })
    }

    /// Line `i`'s input line number and piece.
    fn place(&self, i: usize) -> PyResult<(usize, usize)> {
        if i >= self.lines.len() {
            return Err(PyValueError::new_err("no such line"));
        }
        Ok(self.lines.place(i))
    }
}

/// The rounds of the pass for the rule sets that run together (`rounds::Engine`),
/// over the matcher their lines go through.
#[pyclass(frozen, module = "cleaner._core", name = "Engine")]
struct PyEngine {
    matcher: Py<PyMatcher>,
    inner: rounds::Engine<Shared>,
}

/// A page's pass across the boundary: each removal as `(key, line number,
/// piece, text)`, sorted by line; the blank
/// lines that went with removed blocks as `(key, line number, piece)`; the
/// kept lines joined.
type Passed = (
    Vec<(u32, usize, usize, String)>,
    Vec<(u32, usize, usize)>,
    String,
);

#[pymethods]
impl PyEngine {
    /// `entries`: per matcher entry its `(hit, key, is a pattern, is last)`;
    /// `checked`: per hit whether its rule has checks; `shared`: per rule
    /// file with heuristics, its line kinds' and article search's cores;
    /// `inline`: per key whether it is an `inline` rule's.
    #[new]
    #[allow(clippy::too_many_arguments)]
    fn new(
        matcher: Py<PyMatcher>,
        plans: Vec<Vec<PyRule<'_>>>,
        entries: Vec<(u32, u32, bool, bool)>,
        checked: Vec<bool>,
        shared: Vec<(Bound<'_, Classifier>, Bound<'_, ArticleSearch>)>,
        stopwords: &Stopwords,
        inline: Vec<bool>,
        repeated_key: u32,
        site_key: u32,
    ) -> PyResult<Self> {
        let plans = plans
            .into_iter()
            .map(|plan| plan.into_iter().map(rule_of).collect::<PyResult<Vec<_>>>())
            .collect::<PyResult<Vec<_>>>()?;
        let hits = checked.len();
        for (hit, key, _, _) in &entries {
            if *hit as usize >= hits || *key as usize >= inline.len() {
                return Err(PyValueError::new_err("an entry's hit or key out of range"));
            }
        }
        let inner = rounds::Engine {
            plans,
            entries: entries
                .into_iter()
                .map(|(hit, key, pattern, last)| rounds::Entry {
                    hit,
                    key,
                    pattern,
                    last,
                })
                .collect(),
            checked,
            shared: shared
                .iter()
                .map(|(c, s)| rounds::Shared {
                    classifier: Arc::clone(&c.get().inner),
                    search: Arc::clone(&s.get().inner),
                })
                .collect(),
            stopwords: Arc::clone(&stopwords.inner),
            inline,
            repeated_key,
            site_key,
        };
        Ok(PyEngine { matcher, inner })
    }

    /// The pass over a page's lines, the GIL released but where `oracle`
    /// (Python) must decide. `shared`: the lines other pages of the site
    /// print; `off`: per key whether it is off; `exhausted`: whether the
    /// page's pattern time is spent; `record`: whether to give the removals
    /// (`clean` wants only the text).
    #[allow(clippy::too_many_arguments)]
    fn run(
        &self,
        py: Python<'_>,
        page: &Page,
        shared: Vec<PyBackedStr>,
        repeats: bool,
        off: Vec<bool>,
        exhausted: bool,
        oracle: Py<PyAny>,
        record: bool,
    ) -> PyResult<Passed> {
        if off.len() != self.inner.inline.len() {
            return Err(PyValueError::new_err("one flag per key in off"));
        }
        let matcher = &self.matcher.get().0;
        let engine = &self.inner;
        let mut oracle = PyOracle(oracle);
        py.detach(|| {
            let texts = page.lines.texts(&page.text);
            // Lines holding stand-ins for lone surrogates: their patterns and
            // checks are Python's.
            let hidden: Vec<bool> = match page.stand_ins {
                Some(start) => {
                    let block = start..start + gate::STAND_IN_SPAN;
                    texts
                        .iter()
                        .map(|t| t.chars().any(|c| block.contains(&(c as u32))))
                        .collect()
                }
                None => Vec::new(),
            };
            let flags: Vec<bool> = if shared.is_empty() {
                Vec::new()
            } else {
                let shared: crate::HashSet<&str> = shared.iter().map(|s| &**s).collect();
                texts.iter().map(|t| shared.contains(t)).collect()
            };
            let outcome = engine.run(
                matcher,
                rounds::Page {
                    texts: &texts,
                    hidden: &hidden,
                    shared: &flags,
                    repeats,
                    off,
                    exhausted,
                },
                &mut oracle,
            )?;
            let text = lines::join(outcome.kept.iter().map(|&line| texts[line]));
            if !record {
                return Ok((Vec::new(), Vec::new(), text));
            }
            let place = |line: usize| page.lines.place(line);
            let mut removals: Vec<(u32, usize, usize, String)> = outcome
                .removals
                .iter()
                .map(|&(line, key)| {
                    let (number, piece) = place(line);
                    let text = if record {
                        texts[line].to_string()
                    } else {
                        String::new()
                    };
                    (key, number, piece, text)
                })
                .collect();
            removals.sort_by_key(|&(_, number, _, _)| number);
            let mut blanks: Vec<(u32, usize, usize)> = outcome
                .blanks
                .iter()
                .map(|&(line, key)| {
                    let (number, piece) = place(line);
                    (key, number, piece)
                })
                .collect();
            blanks.sort_by_key(|&(_, number, piece)| (number, piece));
            Ok((removals, blanks, text))
        })
    }
}

/// The code points the linear engine matches with a one-class pattern
/// (`\\w`, `(?i)\\p{Lu}`, `(?i)x`), as inclusive ranges; for core/tools/gen_unsure.py.
#[pyfunction]
fn _class_ranges(pattern: &str) -> PyResult<Vec<(u32, u32)>> {
    crate::unsure::class_ranges(pattern).map_err(pyo3::exceptions::PyValueError::new_err)
}

/// Each code point the linear engine matches case-insensitively with others,
/// and those others; for core/tools/gen_unsure.py.
#[pyfunction]
fn _case_orbits(py: Python<'_>) -> Vec<(u32, Vec<u32>)> {
    py.detach(crate::unsure::case_orbits)
}

/// Indices into `texts` (a page's kept non-blank lines) of verbatim repeats.
#[pyfunction]
#[pyo3(signature = (pages, sites, *, shared_lines, shared_share, long, most_holders))]
fn group_pages(
    pages: Vec<Vec<PyBackedStr>>,
    sites: Vec<Option<PyBackedStr>>,
    shared_lines: usize,
    shared_share: f64,
    long: usize,
    most_holders: usize,
) -> Vec<usize> {
    let pages: Vec<Vec<&str>> = pages
        .iter()
        .map(|page| page.iter().map(|t| &**t).collect())
        .collect();
    let sites: Vec<Option<&str>> = sites.iter().map(|s| s.as_deref()).collect();
    let how = repeats::Grouping {
        shared_lines,
        shared_share,
        long,
        most_holders,
    };
    repeats::group_pages(&pages, &sites, how)
}

/// Per page, the distinct non-blank lines another page of its group also has.
#[pyfunction]
fn site_lines(pages: Vec<Vec<PyBackedStr>>, groups: Vec<usize>) -> PyResult<Vec<Vec<String>>> {
    if pages.len() != groups.len() {
        return Err(pyo3::exceptions::PyValueError::new_err(
            "one group number per page",
        ));
    }
    let pages: Vec<Vec<&str>> = pages
        .iter()
        .map(|page| page.iter().map(|t| &**t).collect())
        .collect();
    Ok(repeats::site_lines(&pages, &groups)
        .into_iter()
        .map(|lines| lines.into_iter().map(str::to_owned).collect())
        .collect())
}

/// `text.lower()`, as the core lowers text before looking for stopwords.
#[pyfunction]
fn lower(text: &str) -> String {
    chars::lower(text)
}

/// One number per character of `text`: the core's view of it, bit by bit
/// (`CHAR_*`), for the tests that hold it against Python's on every code point.
#[pyfunction]
fn char_classes(text: &str) -> Vec<u16> {
    text.chars()
        .map(|c| {
            let cp = c as u32;
            [
                (lines::is_python_space(c), CHAR_SPACE),
                (chars::is_decimal(c), CHAR_DECIMAL),
                (chars::is_token(c), CHAR_TOKEN),
                (chars::in_ranges(tables::NFC_NO, cp), CHAR_NFC_NO),
                (chars::in_ranges(tables::NFC_MAYBE, cp), CHAR_NFC_MAYBE),
                (chars::in_ranges(tables::UNASSIGNED, cp), CHAR_UNASSIGNED),
                (chars::is_alpha(c), CHAR_ALPHA),
                (chars::is_upper(c), CHAR_UPPER),
                (chars::is_lower(c), CHAR_LOWER),
                (chars::is_digit(c), CHAR_DIGIT),
                (chars::is_numeric(c), CHAR_NUMERIC),
            ]
            .iter()
            .filter(|&&(holds, _)| holds)
            .fold(0, |bits, &(_, bit)| bits | bit)
        })
        .collect()
}

/// Whether `Stopwords.features` works out the share of stopwords of a line of
/// `words` words that does or does not end a sentence.
#[pyfunction]
fn needs_stopwords(words: usize, sentence: bool) -> bool {
    features::needs_stopwords(words, sentence)
}

/// The canonical combining class of each character of `text`.
#[pyfunction]
fn combining_classes(text: &str) -> Vec<u8> {
    text.chars().map(chars::combining_class).collect()
}

const CHAR_SPACE: u16 = 1;
const CHAR_DECIMAL: u16 = 2;
const CHAR_TOKEN: u16 = 4;
const CHAR_NFC_NO: u16 = 8;
const CHAR_NFC_MAYBE: u16 = 16;
const CHAR_UNASSIGNED: u16 = 32;
const CHAR_ALPHA: u16 = 64;
const CHAR_UPPER: u16 = 128;
const CHAR_LOWER: u16 = 256;
const CHAR_DIGIT: u16 = 512;
const CHAR_NUMERIC: u16 = 1024;

/// One line's features as they cross: words, stopword share, ends a
/// sentence, words holding a digit, a digit among the first characters.
type Features = (usize, f64, bool, usize, bool);

/// The stopword lists, handed over once; they vote on a page's language and
/// weigh its lines.
#[pyclass(frozen, module = "cleaner._core")]
struct Stopwords {
    inner: Arc<features::Stopwords>,
}

#[pymethods]
impl Stopwords {
    #[new]
    fn new(lists: Vec<Vec<String>>, weights: Vec<f64>) -> PyResult<Self> {
        features::Stopwords::new(&lists, weights)
            .map(|inner| Stopwords {
                inner: Arc::new(inner),
            })
            .ok_or_else(|| PyValueError::new_err("one weight per list, and at most 64 lists"))
    }

    /// Index of the language of a page's lines, None when they hold no stopword.
    ///
    /// Only the lines voted on cross, and of a long one only what is voted on.
    fn vote(&self, texts: &Bound<'_, PyList>) -> PyResult<Option<usize>> {
        let lengths = texts.iter().map(|text| text.cast_into::<PyString>()?.len());
        let chosen: Vec<PyBackedStr> = match features::vote_sample(lengths)? {
            Some(sample) => sample
                .into_iter()
                .map(|i| head(&texts.get_item(i)?.cast_into()?, features::LONG_LINE))
                .collect::<PyResult<_>>()?,
            None => texts.extract()?,
        };
        Ok(self.inner.vote_on(chosen.iter().map(|text| &**text)))
    }

    /// The share of `lang`'s stopwords among the words of each text's first 300
    /// characters, None for one without words there.
    fn shares(&self, texts: Vec<Bound<'_, PyString>>, lang: usize) -> PyResult<Vec<Option<f64>>> {
        if lang >= self.inner.languages() {
            return Err(PyValueError::new_err("no such language"));
        }
        texts
            .iter()
            .map(|text| Ok(self.inner.share(&head(text, features::SAMPLE)?, lang)))
            .collect()
    }

    /// The features of each of `texts` (non-blank lines) on a page in language `lang`.
    ///
    /// A line crosses as the UTF-8 that Python keeps with a str once asked for
    /// it; a long one (over 65,536 characters) a piece at a time, so that a line
    /// of hundreds of megabytes is never held twice.
    #[pyo3(signature = (texts, lang))]
    fn features(
        &self,
        texts: Vec<Bound<'_, PyString>>,
        lang: Option<usize>,
    ) -> PyResult<Vec<Features>> {
        texts
            .iter()
            .map(|text| {
                let f = if text.len()? > features::LONG_LINE {
                    self.long_line_features(text, lang)?
                } else {
                    self.inner.line_features(text.to_str()?, lang)
                };
                Ok((f.words, f.stopwords, f.sentence, f.numbers, f.digits))
            })
            .collect()
    }
}

impl Stopwords {
    fn long_line_features(
        &self,
        text: &Bound<'_, PyString>,
        lang: Option<usize>,
    ) -> PyResult<features::LineFeatures> {
        self.inner
            .long_line_features(text.len()?, |start, end| piece(text, start, end), lang)
    }
}

/// Why the core's engine cannot run a heuristic option's pattern (set in a
/// group, as the classifier sets them), or None.
#[pyfunction]
fn option_pattern_error(source: &str) -> Option<String> {
    regex::Regex::new(&format!("(?:{source})")).err().map(|e| {
        e.to_string()
            .lines()
            .last()
            .unwrap_or("")
            .trim()
            .to_string()
    })
}

/// A line's `LineInfo` across the boundary: its features, its kinds alone and
/// grouped (indexes into Python's `Kind`), and its flags (`INFO_*` bits).
type Info = (usize, f64, bool, usize, bool, u8, u8, u8);

const INFO_CUE: u8 = 1;
const INFO_LISTY: u8 = 2;
const INFO_MENU_ITEM: u8 = 4;
const INFO_GLUED: u8 = 8;
const INFO_HEADING: u8 = 16;
const INFO_STAMP: u8 = 32;
const INFO_BYLINE: u8 = 64;

/// The line-kind classifier, from a `kinds.LineKinds` (its options read by name).
#[pyclass(frozen, module = "cleaner._core")]
struct Classifier {
    inner: Arc<classify::Classifier>,
}

fn attr<T>(options: &Bound<'_, PyAny>, name: &str) -> PyResult<T>
where
    T: for<'a, 'py> FromPyObject<'a, 'py, Error = PyErr>,
{
    options
        .getattr(name)?
        .extract()
        .map_err(|e| PyValueError::new_err(format!("line_kinds option {name}: {e}")))
}

/// A pattern option's source (a compiled `re.Pattern` or a str).
fn pattern_attr(options: &Bound<'_, PyAny>, name: &str) -> PyResult<String> {
    let value = options.getattr(name)?;
    match value.getattr("pattern") {
        Ok(source) => source.extract(),
        Err(_) => attr(options, name),
    }
}

fn part_attr(options: &Bound<'_, PyAny>, name: &str) -> PyResult<classify::Part> {
    let value = options.getattr(name)?;
    Ok(classify::Part {
        numerator: value.getattr("numerator")?.extract()?,
        denominator: value.getattr("denominator")?.extract()?,
    })
}

fn chars_attr(options: &Bound<'_, PyAny>, name: &str) -> PyResult<Vec<char>> {
    let items: Vec<String> = options
        .getattr(name)?
        .try_iter()?
        .map(|item| item?.extract::<String>())
        .collect::<PyResult<_>>()?;
    Ok(items.iter().flat_map(|item| item.chars()).collect())
}

#[pymethods]
impl Classifier {
    #[new]
    fn new(options: &Bound<'_, PyAny>) -> PyResult<Self> {
        let o = options;
        let kind_options = classify::KindOptions {
            prose_max_numbers: part_attr(o, "prose_max_numbers")?,
            prose_words: attr(o, "prose_words")?,
            prose_stopwords: attr(o, "prose_stopwords")?,
            long_prose_words: attr(o, "long_prose_words")?,
            long_prose_stopwords: attr(o, "long_prose_stopwords")?,
            longest_prose_words: attr(o, "longest_prose_words")?,
            longest_prose_stopwords: attr(o, "longest_prose_stopwords")?,
            row_min_words: attr(o, "row_min_words")?,
            row_min_numbers: attr(o, "row_min_numbers")?,
            row_max_length: attr(o, "row_max_length")?,
            pair_row_max_length: attr(o, "pair_row_max_length")?,
            item_min_words: attr(o, "item_min_words")?,
            item_stopwords: attr(o, "item_stopwords")?,
            item_long_words: attr(o, "item_long_words")?,
            list_marks: pattern_attr(o, "list_marks")?,
            menu_item_max_length: attr(o, "menu_item_max_length")?,
            menu_item_max_words: attr(o, "menu_item_max_words")?,
            menu_item_marks: pattern_attr(o, "menu_item_marks")?,
            break_max_length: attr(o, "break_max_length")?,
            heading_max_words: attr(o, "heading_max_words")?,
            headings: attr(o, "headings")?,
            heading_patterns: attr(o, "heading_patterns")?,
            arrows: chars_attr(o, "arrows")?,
            page_numbers: pattern_attr(o, "page_numbers")?,
            byline_max_words: attr(o, "byline_max_words")?,
            byline_leads: attr(o, "byline_leads")?,
            byline_words: attr(o, "byline_words")?,
            stamp_max_length: attr(o, "stamp_max_length")?,
            relative_time_stems: attr(o, "relative_time_stems")?,
            relative_time: pattern_attr(o, "relative_time")?,
            date_marks: pattern_attr(o, "date_marks")?,
            date_words: attr(o, "date_words")?,
            date_line_words: attr(o, "date_line_words")?,
            date_separator: pattern_attr(o, "date_separator")?,
            ordinal_suffixes: attr(o, "ordinal_suffixes")?,
            legal_marks: attr(o, "legal_marks")?,
            copyright_words: attr(o, "copyright_words")?,
            copyright_credits: attr(o, "copyright_credits")?,
            cue_max_length: attr(o, "cue_max_length")?,
            cue_stems: attr(o, "cue_stems")?,
            cue_headings: attr(o, "cue_headings")?,
            cue_speaker: pattern_attr(o, "cue_speaker")?,
            cue_not_speakers: attr(o, "cue_not_speakers")?,
            glue: pattern_attr(o, "glue")?,
            glue_within: attr(o, "glue_within")?,
            glued_title_min_words: attr(o, "glued_title_min_words")?,
            glued_title_capitals: part_attr(o, "glued_title_capitals")?,
        };
        classify::Classifier::new(kind_options)
            .map(|inner| Classifier {
                inner: Arc::new(inner),
            })
            .map_err(PyValueError::new_err)
    }

    /// The `LineInfo` of each of `texts` (non-blank lines) on a page in
    /// language `lang`, as `Info` tuples; lines are remembered across calls.
    #[pyo3(signature = (texts, stopwords, lang))]
    fn infos(
        &self,
        texts: Vec<Bound<'_, PyString>>,
        stopwords: &Stopwords,
        lang: Option<usize>,
    ) -> PyResult<Vec<Info>> {
        let infos = self.line_infos(&texts, stopwords, lang)?;
        Ok(infos.iter().map(info_tuple).collect())
    }

    /// Forget the lines remembered across calls.
    fn forget(&self) {
        self.inner.forget();
    }

    /// How many lines are remembered across calls, and the longest in UTF-8 bytes.
    fn remembered(&self) -> (usize, usize) {
        self.inner.remembered()
    }

    /// Whether `f` (a `LineFeatures` tuple) is prose under these options.
    fn is_prose(&self, f: Features) -> bool {
        self.inner.is_prose(&features_of(f))
    }

    fn is_heading(&self, low: &str, f: Features) -> bool {
        self.inner.is_heading(low, &features_of(f))
    }

    fn is_date_line(&self, low: &str) -> bool {
        self.inner.is_date_line(low)
    }

    fn is_comment_cue(&self, low: &str) -> bool {
        self.inner.is_comment_cue(low)
    }

    fn is_glued_teaser(&self, text: &str) -> bool {
        self.inner.is_glued_teaser(text)
    }

    fn is_copyright(&self, low: &str) -> bool {
        self.inner.is_copyright(low)
    }

    fn is_legal(&self, low: &str) -> bool {
        self.inner.is_legal(low)
    }

    fn byline_letter(&self, text: &str) -> Option<char> {
        self.inner.byline_letter(text)
    }

    #[getter]
    fn share_gap(&self) -> bool {
        self.inner.share_gap()
    }

    /// The kind (an index into Python's `Kind`) of `text` with features `f`.
    fn kind_of(&self, text: &str, f: Features, in_group: bool) -> u8 {
        self.inner.kind_of(text, &features_of(f), in_group) as u8
    }
}

impl Classifier {
    /// The `LineInfo` of each of `texts` (non-blank lines): short ones through
    /// the classifier's memory, one call for all; a line of over `LONG_LINE`
    /// characters a piece at a time, never copied whole.
    fn line_infos(
        &self,
        texts: &[Bound<'_, PyString>],
        stopwords: &Stopwords,
        lang: Option<usize>,
    ) -> PyResult<Vec<classify::LineInfo>> {
        let mut short = Vec::with_capacity(texts.len());
        let mut long = Vec::new();
        for (at, text) in texts.iter().enumerate() {
            if text.len()? > features::LONG_LINE {
                long.push((at, self.long_line_info(text, stopwords, lang)?));
            } else {
                short.push((at, text.extract::<PyBackedStr>()?));
            }
        }
        let strs: Vec<&str> = short.iter().map(|(_, line)| &**line).collect();
        let found = self.inner.infos(&stopwords.inner, &strs, lang);
        let mut infos: Vec<Option<classify::LineInfo>> = vec![None; texts.len()];
        for ((at, _), info) in short.iter().zip(found) {
            infos[*at] = Some(info);
        }
        for (at, info) in long {
            infos[at] = Some(info);
        }
        Ok(infos.into_iter().flatten().collect())
    }

    /// A line of more than `LONG_LINE` characters, read a piece at a time.
    fn long_line_info(
        &self,
        text: &Bound<'_, PyString>,
        stopwords: &Stopwords,
        lang: Option<usize>,
    ) -> PyResult<classify::LineInfo> {
        self.inner.long_line_info(
            &stopwords.inner,
            text.len()?,
            |start, end| piece(text, start, end),
            lang,
        )
    }
}

fn info_tuple(info: &classify::LineInfo) -> Info {
    let flags = [
        (info.cue, INFO_CUE),
        (info.listy, INFO_LISTY),
        (info.menu_item, INFO_MENU_ITEM),
        (info.glued, INFO_GLUED),
        (info.heading, INFO_HEADING),
        (info.stamp, INFO_STAMP),
        (info.byline, INFO_BYLINE),
    ]
    .iter()
    .filter(|&&(holds, _)| holds)
    .fold(0, |bits, &(_, bit)| bits | bit);
    let f = info.features;
    (
        f.words,
        f.stopwords,
        f.sentence,
        f.numbers,
        f.digits,
        info.alone as u8,
        info.grouped as u8,
        flags,
    )
}

/// Where the article is: `(start, end, headline, comments, holes)`, view positions.
type Found = (isize, isize, Option<usize>, Option<usize>, Vec<usize>);

/// The article search, from a `heuristics.ArticleSearch` (its options read by name).
#[pyclass(frozen, module = "cleaner._core")]
struct ArticleSearch {
    inner: Arc<article::Search>,
}

#[pymethods]
impl ArticleSearch {
    #[new]
    fn new(options: &Bound<'_, PyAny>) -> PyResult<Self> {
        let o = options;
        let clock = o.getattr("clock")?;
        let ignore_case: u32 = clock.getattr("flags")?.extract()?;
        let search_options = article::SearchOptions {
            teaser_prose_share: attr(o, "teaser_prose_share")?,
            row_word_weight: attr(o, "row_word_weight")?,
            item_weight: attr(o, "item_weight")?,
            list_item_weight: attr(o, "list_item_weight")?,
            teaser_item_weight: attr(o, "teaser_item_weight")?,
            menu_weight: attr(o, "menu_weight")?,
            menu_word_weight: attr(o, "menu_word_weight")?,
            list_row_weight: attr(o, "list_row_weight")?,
            short_weight: attr(o, "short_weight")?,
            short_word_weight: attr(o, "short_word_weight")?,
            legal_weight: attr(o, "legal_weight")?,
            removed_weight: attr(o, "removed_weight")?,
            boxed_weight: attr(o, "boxed_weight")?,
            boxed_word_weight: attr(o, "boxed_word_weight")?,
            teaser_group_lines: attr(o, "teaser_group_lines")?,
            teaser_max_prose: part_attr(o, "teaser_max_prose")?,
            list_min_listy: part_attr(o, "list_min_listy")?,
            menu_group_lines: attr(o, "menu_group_lines")?,
            slack: attr(o, "slack")?,
            back_slack: attr(o, "back_slack")?,
            extend_lines: attr(o, "extend_lines")?,
            gone_crossing: attr(o, "gone_crossing")?,
            inset_crossing: attr(o, "inset_crossing")?,
            lone_titles: attr(o, "lone_titles")?,
            module_lines: attr(o, "module_lines")?,
            module_share: attr(o, "module_share")?,
            module_share_after: attr(o, "module_share_after")?,
            box_closing: pattern_attr(o, "box_closing")?,
            min_decks: attr(o, "min_decks")?,
            head_lines: attr(o, "head_lines")?,
            head_share: attr(o, "head_share")?,
            headline_lines: attr(o, "headline_lines")?,
            byline_lines: attr(o, "byline_lines")?,
            headline_min_words: attr(o, "headline_min_words")?,
            headline_max_words: attr(o, "headline_max_words")?,
            deck_words: attr(o, "deck_words")?,
            deck_title_min_words: attr(o, "deck_title_min_words")?,
            clock: pattern_attr(o, "clock")?,
            // re.IGNORECASE
            clock_ignore_case: ignore_case & 2 != 0,
            comment_words: attr(o, "comment_words")?,
            comment_share: attr(o, "comment_share")?,
        };
        article::Search::new(search_options)
            .map(|inner| ArticleSearch {
                inner: Arc::new(inner),
            })
            .map_err(PyValueError::new_err)
    }

    /// What a line of `kind` (an index into Python's `Kind`) and `words` weighs.
    fn weight(&self, kind: usize, words: usize, teasers: bool, listing: bool) -> PyResult<f64> {
        let kind = classify::Kind::ALL
            .get(kind)
            .ok_or_else(|| PyValueError::new_err("no such kind"))?;
        Ok(self.inner.weight(*kind, words, teasers, listing))
    }

    /// The article of a view's `texts` (blank lines empty), its lines judged by
    /// `classifier` in the language the view's lines vote for; `removed` and
    /// `inline` are what other rules removed in this round. None for a view
    /// with no line of weight and no comments.
    fn article(
        &self,
        py: Python<'_>,
        texts: Vec<Bound<'_, PyString>>,
        classifier: &Classifier,
        stopwords: &Stopwords,
        removed: Vec<usize>,
        inline: Vec<usize>,
    ) -> PyResult<Option<Found>> {
        let lines = LinesSeen::new(&texts, classifier, stopwords)?;
        let strs = lines.strs();
        let gone = marks(strs.len(), &removed);
        let inset = marks(strs.len(), &inline);
        let search = &self.inner;
        let found = py.detach(|| {
            search.article(&article::View {
                texts: &strs,
                infos: &lines.infos,
                removed: &gone,
                inline: &inset,
            })
        });
        Ok(found.map(|a| (a.start, a.end, a.headline, a.comments, a.holes)))
    }
}

/// A view's lines as the heuristics read them: their text (a long line's
/// first characters) and the `LineInfo` of each non-blank one, judged in the
/// language the view's lines vote for.
struct LinesSeen {
    lines: Vec<PyBackedStr>,
    infos: Vec<Option<classify::LineInfo>>,
}

impl LinesSeen {
    fn new(
        texts: &[Bound<'_, PyString>],
        classifier: &Classifier,
        stopwords: &Stopwords,
    ) -> PyResult<LinesSeen> {
        let lines = heads(texts)?;
        // Voted on the lines this round sees, not on the whole page: the last
        // round must judge its lines as a second pass over the cleaned text would.
        let strs: Vec<&str> = lines.iter().map(|line| &**line).collect();
        let lang = stopwords.inner.vote(&strs);
        let mut distinct: Vec<Bound<'_, PyString>> = Vec::new();
        let mut index: crate::HashMap<&str, usize> = crate::HashMap::default();
        let mut slot = Vec::with_capacity(texts.len());
        for (text, line) in texts.iter().zip(&strs) {
            if line.is_empty() {
                slot.push(None);
                continue;
            }
            let next = index.len();
            let at = *index.entry(line).or_insert_with(|| {
                distinct.push(text.clone());
                next
            });
            slot.push(Some(at));
        }
        let found = classifier.line_infos(&distinct, stopwords, lang)?;
        let infos = slot.iter().map(|at| at.map(|at| found[at])).collect();
        Ok(LinesSeen { lines, infos })
    }

    fn strs(&self) -> Vec<&str> {
        self.lines.iter().map(|line| &**line).collect()
    }
}

/// One flag per position of `len`, set at `positions` (those beyond ignored).
fn marks(len: usize, positions: &[usize]) -> Vec<bool> {
    let mut marked = vec![false; len];
    for &pos in positions {
        if let Some(mark) = marked.get_mut(pos) {
            *mark = true;
        }
    }
    marked
}

/// `nav-run` over a view's `texts`, its lines judged by `classifier`; the
/// article, where found, runs from view position `start` to `end`.
#[pyfunction]
#[pyo3(signature = (texts, classifier, stopwords, min_run, article))]
fn nav_run(
    texts: Vec<Bound<'_, PyString>>,
    classifier: &Classifier,
    stopwords: &Stopwords,
    min_run: usize,
    article: Option<(isize, isize)>,
) -> PyResult<Vec<usize>> {
    let lines = LinesSeen::new(&texts, classifier, stopwords)?;
    let strs = lines.strs();
    let none = vec![false; strs.len()];
    let view = article::View {
        texts: &strs,
        infos: &lines.infos,
        removed: &none,
        inline: &none,
    };
    let found = article.map(|(start, end)| article::Article {
        start,
        end,
        headline: None,
        comments: None,
        holes: Vec::new(),
    });
    Ok(heuristics::nav_run(&view, min_run, found.as_ref()))
}

/// The `author-box` heuristic, from a `heuristics.AuthorBoxOptions`.
#[pyclass(frozen, module = "cleaner._core")]
struct AuthorBox {
    inner: Arc<heuristics::AuthorBox>,
}

#[pymethods]
impl AuthorBox {
    #[new]
    fn new(options: &Bound<'_, PyAny>) -> PyResult<Self> {
        let o = options;
        let box_options = heuristics::AuthorBoxOptions {
            name_max_length: attr(o, "name_max_length")?,
            name_min_words: attr(o, "name_min_words")?,
            name_max_words: attr(o, "name_max_words")?,
            name_word: pattern_attr(o, "name_word")?,
            roles: attr(o, "roles")?,
            role_within: attr(o, "role_within")?,
            bio_min_words: attr(o, "bio_min_words")?,
            max_gap_lines: attr(o, "max_gap_lines")?,
            gap_line_max_words: attr(o, "gap_line_max_words")?,
        };
        heuristics::AuthorBox::new(box_options)
            .map(|inner| AuthorBox {
                inner: Arc::new(inner),
            })
            .map_err(PyValueError::new_err)
    }

    /// Whether one of the roles occurs in `text` between characters `start`
    /// and `end` (where the text is taken to end).
    fn role_between(&self, text: &str, start: usize, end: usize) -> bool {
        let at = text
            .char_indices()
            .nth(start)
            .map_or(text.len(), |(at, _)| at);
        start <= text.chars().count() && self.inner.role_between(text, at, end)
    }

    /// The positions an author box takes in a view's `texts`, given what other
    /// rules removed in this round. Of a line over `LONG_LINE` characters its
    /// first ones are read, and never copied whole.
    fn find(&self, texts: Vec<Bound<'_, PyString>>, removed: Vec<usize>) -> PyResult<Vec<usize>> {
        let lines = heads(&texts)?;
        let strs: Vec<&str> = lines.iter().map(|line| &**line).collect();
        Ok(self.inner.find(&strs, &marks(strs.len(), &removed)))
    }
}

fn features_of(f: Features) -> features::LineFeatures {
    features::LineFeatures {
        words: f.0,
        stopwords: f.1,
        sentence: f.2,
        numbers: f.3,
        digits: f.4,
    }
}

/// Each of `texts` as UTF-8, a line of over `LONG_LINE` characters as its
/// first ones (all a heuristic reads of its wording), never copied whole.
fn heads(texts: &[Bound<'_, PyString>]) -> PyResult<Vec<PyBackedStr>> {
    texts
        .iter()
        .map(|text| head(text, features::LONG_LINE))
        .collect()
}

/// The first `chars` characters of `text` as UTF-8: a line's own (kept with
/// it by Python) when it is no longer, else a copy of that much.
fn head(text: &Bound<'_, PyString>, chars: usize) -> PyResult<PyBackedStr> {
    if text.len()? > chars {
        piece(text, 0, chars)
    } else {
        text.extract()
    }
}

/// `text[start:end]` as UTF-8 (Python slices by characters: whole ones).
fn piece(text: &Bound<'_, PyString>, start: usize, end: usize) -> PyResult<PyBackedStr> {
    let slice = PySlice::new(text.py(), to_index(start)?, to_index(end)?, 1);
    text.get_item(slice)?.extract()
}

fn to_index(at: usize) -> PyResult<isize> {
    isize::try_from(at).map_err(|_| PyValueError::new_err("a line too long to index"))
}

/// The encoding gate, made once from ftfy's character sets.
#[pyclass(frozen, module = "cleaner._core")]
struct Gate {
    inner: gate::Gate,
}

#[pymethods]
impl Gate {
    #[new]
    #[pyo3(signature = (triggers, safe, quiet, entity=None, badness=None))]
    fn new(
        triggers: Vec<u32>,
        safe: Vec<u32>,
        quiet: Vec<(u32, u32)>,
        entity: Option<&str>,
        badness: Option<&str>,
    ) -> PyResult<Self> {
        let mut inner = gate::Gate::new(&triggers, &safe, &quiet);
        if let (Some(entity), Some(badness)) = (entity, badness) {
            inner = inner
                .with_expressions(entity, badness)
                .map_err(PyValueError::new_err)?;
        }
        Ok(Gate { inner })
    }

    /// Whether ftfy's badness expression finds mojibake in `text` (None
    /// without the expressions).
    fn is_bad(&self, text: &str) -> Option<bool> {
        self.inner.is_bad(text)
    }

    #[classattr]
    const TRIGGER: u8 = gate::TRIGGER;
    #[classattr]
    const ENTITY: u8 = gate::ENTITY;
    #[classattr]
    const LOUD: u8 = gate::LOUD;
    #[classattr]
    const UNNORMALIZED: u8 = gate::UNNORMALIZED;

    /// `(index, flags, line)` of the lines of `text` (split at `\n`, each
    /// unstripped) a fixer may change.
    #[pyo3(signature = (text, stand_ins=None))]
    fn lines<'t>(
        &self,
        py: Python<'_>,
        text: &'t str,
        stand_ins: Option<u32>,
    ) -> Vec<(usize, u8, &'t str)> {
        py.detach(|| self.inner.lines(text, stand_ins))
    }

    /// The flags of one line, 0 when no fixer acts on it.
    #[pyo3(signature = (line, stand_ins=None))]
    fn flags(&self, line: &str, stand_ins: Option<u32>) -> u8 {
        self.inner.flags(line, stand_ins)
    }
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(split_lines, m)?)?;
    m.add_function(wrap_pyfunction!(join_lines, m)?)?;
    m.add_function(wrap_pyfunction!(strip, m)?)?;
    m.add_function(wrap_pyfunction!(casefold, m)?)?;
    m.add_function(wrap_pyfunction!(normalise, m)?)?;
    m.add_function(wrap_pyfunction!(within, m)?)?;
    m.add_function(wrap_pyfunction!(_class_ranges, m)?)?;
    m.add_function(wrap_pyfunction!(_case_orbits, m)?)?;
    m.add_class::<PyPattern>()?;
    m.add_class::<PyMatcher>()?;
    m.add_class::<PyEngine>()?;
    m.add_class::<Page>()?;
    m.add_class::<Markers>()?;
    m.add("CASEFOLD_UNICODE_VERSION", fold::UNICODE_VERSION)?;
    m.add_function(wrap_pyfunction!(group_pages, m)?)?;
    m.add_function(wrap_pyfunction!(site_lines, m)?)?;
    m.add_function(wrap_pyfunction!(lower, m)?)?;
    m.add_function(wrap_pyfunction!(char_classes, m)?)?;
    m.add_function(wrap_pyfunction!(combining_classes, m)?)?;
    m.add_function(wrap_pyfunction!(needs_stopwords, m)?)?;
    m.add_class::<Stopwords>()?;
    m.add_class::<Gate>()?;
    m.add("UNICODE_VERSION", tables::UNICODE_VERSION)?;
    m.add("STAND_IN_SPAN", gate::STAND_IN_SPAN)?;
    m.add_class::<Classifier>()?;
    m.add_class::<ArticleSearch>()?;
    m.add_class::<AuthorBox>()?;
    m.add_function(wrap_pyfunction!(nav_run, m)?)?;
    m.add_function(wrap_pyfunction!(option_pattern_error, m)?)?;
    m.add("INFO_CUE", INFO_CUE)?;
    m.add("INFO_LISTY", INFO_LISTY)?;
    m.add("INFO_MENU_ITEM", INFO_MENU_ITEM)?;
    m.add("INFO_GLUED", INFO_GLUED)?;
    m.add("INFO_HEADING", INFO_HEADING)?;
    m.add("INFO_STAMP", INFO_STAMP)?;
    m.add("INFO_BYLINE", INFO_BYLINE)?;
    m.add("CHAR_SPACE", CHAR_SPACE)?;
    m.add("CHAR_DECIMAL", CHAR_DECIMAL)?;
    m.add("CHAR_TOKEN", CHAR_TOKEN)?;
    m.add("CHAR_NFC_NO", CHAR_NFC_NO)?;
    m.add("CHAR_NFC_MAYBE", CHAR_NFC_MAYBE)?;
    m.add("CHAR_UNASSIGNED", CHAR_UNASSIGNED)?;
    m.add("CHAR_ALPHA", CHAR_ALPHA)?;
    m.add("CHAR_UPPER", CHAR_UPPER)?;
    m.add("CHAR_LOWER", CHAR_LOWER)?;
    m.add("CHAR_DIGIT", CHAR_DIGIT)?;
    m.add("CHAR_NUMERIC", CHAR_NUMERIC)?;
    Ok(())
}
