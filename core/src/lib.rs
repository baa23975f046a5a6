//! The compiled core of boilerclean's cleaning pass.
//!
//! One module per stage, each a pure function of its input; `python` holds the
//! thin PyO3 bindings that the `cleaner` package calls, a page or a batch of
//! pages per call.

pub mod lines;
pub mod repeats;

#[cfg(feature = "python")]
mod python;
