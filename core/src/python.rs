//! The bindings: thin wrappers that convert at the boundary and call the stages.

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;

use crate::{lines, repeats};

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

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(split_lines, m)?)?;
    m.add_function(wrap_pyfunction!(strip, m)?)?;
    m.add_function(wrap_pyfunction!(repeated_lines, m)?)?;
    m.add_function(wrap_pyfunction!(group_pages, m)?)?;
    m.add_function(wrap_pyfunction!(site_lines, m)?)?;
    Ok(())
}
