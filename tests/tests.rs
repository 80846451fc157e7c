//! Integration tests, one binary.
//!
//! Table of contents:
//! - `parse`: the parse stage's grammars, table-driven, and a golden test on
//!   our own fixture resolution.

mod parse;
