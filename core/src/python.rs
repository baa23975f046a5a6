//! The bindings: thin wrappers that convert at the boundary and call the stages.
//!
//! Calls are coarse: a text, or all the lines a pass asks about, per call.

use std::sync::Arc;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyList, PySlice, PyString};

use crate::{chars, features, fold, gate, lines, matcher, phrases, repeats, tables};

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
        patterns: Vec<(Bound<'_, PyPattern>, u32, bool)>,
    ) -> Self {
        let patterns = patterns
            .into_iter()
            .map(|(p, id, last)| (Shared(Arc::clone(&p.get().0)), id, last))
            .collect();
        PyMatcher(matcher::Matcher::new(exact, folded, phrases, patterns))
    }

    /// A page's hits and asks, each a flat list of (position, id) pairs.
    fn page(&self, py: Python<'_>, lines: Vec<String>) -> (Vec<u32>, Vec<u32>) {
        py.detach(|| self.0.page(&lines))
    }

    /// `page` for each of many pages, the GIL released for the whole batch.
    fn pages(&self, py: Python<'_>, pages: Vec<Vec<String>>) -> Vec<(Vec<u32>, Vec<u32>)> {
        py.detach(|| pages.iter().map(|lines| self.0.page(lines)).collect())
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
fn repeated_lines(texts: Vec<PyBackedStr>) -> Vec<usize> {
    let texts: Vec<&str> = texts.iter().map(|t| &**t).collect();
    repeats::repeats(&texts)
}

/// A group number per page: pages of one site share one (see `repeats::group_pages`).
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

/// One byte per character of `text`: the core's view of it, bit by bit
/// (`CHAR_*`), for the tests that hold it against Python's on every code point.
#[pyfunction]
fn char_classes(text: &str) -> Vec<u8> {
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

const CHAR_SPACE: u8 = 1;
const CHAR_DECIMAL: u8 = 2;
const CHAR_TOKEN: u8 = 4;
const CHAR_NFC_NO: u8 = 8;
const CHAR_NFC_MAYBE: u8 = 16;
const CHAR_UNASSIGNED: u8 = 32;

/// One line's features as they cross: words, stopword share, ends a
/// sentence, words holding a digit, a digit among the first characters.
type Features = (usize, f64, bool, usize, bool);

/// The stopword lists, handed over once; they vote on a page's language and
/// weigh its lines.
#[pyclass(frozen, module = "cleaner._core")]
struct Stopwords {
    inner: features::Stopwords,
}

#[pymethods]
impl Stopwords {
    #[new]
    fn new(lists: Vec<Vec<String>>, weights: Vec<f64>) -> PyResult<Self> {
        features::Stopwords::new(&lists, weights)
            .map(|inner| Stopwords { inner })
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
        let length = text.len()?;
        let head = head(text, features::SAMPLE)?;
        let end = piece(text, length.saturating_sub(3), length)?;
        let mut words = features::WordCount::default();
        let mut cjk = 0;
        for start in (0..length).step_by(features::LONG_LINE) {
            let part = piece(text, start, (start + features::LONG_LINE).min(length))?;
            words.feed(&part);
            cjk += features::count_cjk(&part);
        }
        let cjk = if features::cjk_head(&head) { cjk } else { 0 };
        let sentence = features::ends_sentence(&end);
        Ok(self
            .inner
            .features_from(&head, words.words, cjk, sentence, lang))
    }
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
    fn new(triggers: Vec<u32>, safe: Vec<u32>, quiet: Vec<(u32, u32)>) -> Self {
        Gate {
            inner: gate::Gate::new(&triggers, &safe, &quiet),
        }
    }

    #[classattr]
    const TRIGGER: u8 = gate::TRIGGER;
    #[classattr]
    const ENTITY: u8 = gate::ENTITY;
    #[classattr]
    const LOUD: u8 = gate::LOUD;
    #[classattr]
    const UNNORMALIZED: u8 = gate::UNNORMALIZED;

    /// `(index, flags)` of the lines of `text` (split at `\n`) a fixer may change.
    #[pyo3(signature = (text, stand_ins=None))]
    fn lines(&self, text: &str, stand_ins: Option<u32>) -> Vec<(usize, u8)> {
        self.inner.lines(text, stand_ins)
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
    m.add_function(wrap_pyfunction!(strip, m)?)?;
    m.add_function(wrap_pyfunction!(casefold, m)?)?;
    m.add_function(wrap_pyfunction!(normalise, m)?)?;
    m.add_function(wrap_pyfunction!(within, m)?)?;
    m.add_function(wrap_pyfunction!(_class_ranges, m)?)?;
    m.add_function(wrap_pyfunction!(_case_orbits, m)?)?;
    m.add_class::<PyPattern>()?;
    m.add_class::<PyMatcher>()?;
    m.add("CASEFOLD_UNICODE_VERSION", fold::UNICODE_VERSION)?;
    m.add_function(wrap_pyfunction!(repeated_lines, m)?)?;
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
    m.add("CHAR_SPACE", CHAR_SPACE)?;
    m.add("CHAR_DECIMAL", CHAR_DECIMAL)?;
    m.add("CHAR_TOKEN", CHAR_TOKEN)?;
    m.add("CHAR_NFC_NO", CHAR_NFC_NO)?;
    m.add("CHAR_NFC_MAYBE", CHAR_NFC_MAYBE)?;
    m.add("CHAR_UNASSIGNED", CHAR_UNASSIGNED)?;
    Ok(())
}
