//! The bindings: thin wrappers that convert at the boundary and call the stages.

use pyo3::prelude::*;

use crate::lines;

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

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(split_lines, m)?)?;
    m.add_function(wrap_pyfunction!(strip, m)?)?;
    Ok(())
}
