//! Integration tests, one binary (see ripgrep's tests/tests.rs).
//!
//! Table of contents:
//! - `util`: running the built binary, fixture paths.
//! - `batch`: order, isolation, resume and shards of `nghiquyet batch`.
//! - `cli`: the commands, exit codes and error records.
//! - `json`: every fixture's record validates against `nghiquyet schema`;
//!   output is deterministic whatever `--jobs`.
//! - `malformed`: a generated corpus of broken and hostile PDFs.
//! - `ocr`: image-only pages read with Tesseract; missing engine.
//! - `properties`: property tests (normalization, repair keeps lines and
//!   whitespace, nothing panics on arbitrary text).

mod batch;
mod cli;
mod json;
mod malformed;
mod ocr;
mod properties;
mod util;
mod pdf;
//! Integration tests, one binary.
//! - `parse`: the parse stage's grammars, table-driven, and a golden test on
//!   our own fixture resolution.
mod parse;
//! Integration tests.
mod repair;
