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
//! - `serve`: the HTTP API of `nghiquyet serve` (uploads, limits, types,
//!   concurrency, headers), with the small HTTP client the tests share.
//! - `browser`: the review page driven in headless Chromium (upload, review,
//!   reject a repair, download the corrected JSON).
//! - `properties`: property tests (normalization, repair keeps lines and
//!   whitespace, nothing panics on arbitrary text).

mod batch;
mod browser;
mod cli;
mod json;
mod malformed;
mod ocr;
mod properties;
mod serve;
mod util;
mod pdf;
//! Integration tests, one binary.
//! - `parse`: the parse stage's grammars, table-driven, and a golden test on
//!   our own fixture resolution.
mod parse;
//! Integration tests.
mod repair;
