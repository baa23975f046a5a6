//! The compiled core of boilerclean's cleaning pass.
//!
//! One module per stage, each a pure function of its input; `python` holds the
//! thin PyO3 bindings that the `cleaner` package calls, a page or a batch of
//! pages per call.
//!
//! - `lines`: a text as stripped lines;
//! - `fold`: Python's `str.casefold` (`casefold_table`, generated);
//! - `syntax`: which rule patterns the linear engine reads as Python does;
//! - `unsure`: characters on which the engines may differ (`unsure_table`, generated);
//! - `forward`: a regex compiled forward only, for whole-line answers;
//! - `literals`: strings a pattern's every match holds, to skip it on other lines;
//! - `phrases`: the normalised form of a line that `phrases:` rules compare;
//! - `matcher`: exact lines, folded lines and patterns over a page's lines;
//! - `rounds`: every rule kind over a page, round by round to a fixed point;
//! - `chars`: characters as Python's `re` and `str` judge them (`tables`, generated).

pub mod article;
mod casefold_table;
pub mod chars;
pub mod classify;
pub mod features;
pub mod fold;
pub mod forward;
pub mod gate;
pub mod heuristics;
pub mod lines;
pub mod literals;
pub mod matcher;
pub mod phrases;
pub mod repeats;
pub mod rounds;
pub mod syntax;
#[rustfmt::skip]
pub mod tables;
pub mod unsure;
mod unsure_table;

#[cfg(feature = "python")]
mod python;

/// The core's hash tables. Their keys are mostly a page's lines, which whoever
/// wrote the page chose: the hasher is seeded per process, as the standard
/// one is, but several times faster on short strings.
pub type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
pub type HashSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;
