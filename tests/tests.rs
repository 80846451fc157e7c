//! Integration tests, one binary (see ripgrep's tests/tests.rs).
//!
//! Table of contents:
//! - `util`: running the built binary, fixture paths.
//! - `batch`: order, isolation, resume and shards of `nghiquyet batch`.
//! - `browser`: the review page driven in headless Chromium (upload, review,
//!   reject a repair, download the corrected JSON).
//! - `cli`: the commands, exit codes and error records.
//! - `fuzz_corpus`: replays the committed fuzz corpus through the fuzz
//!   targets' checks (`nghiquyet::fuzzing`).
//! - `imports`: the file-level module graph of `src/` has no cycle; repair's
//!   runtime never depends on its training code.
//! - `json`: every fixture's record validates against `nghiquyet schema`;
//!   output is deterministic whatever `--jobs`.
//! - `malformed`: a generated corpus of broken and hostile PDFs.
//! - `ocr`: image-only pages read with Tesseract; missing engine.
//! - `parse`: the parse stage's grammars, table-driven, and a golden test on
//!   our own fixture resolution.
//! - `pdf`: text extraction from hand-built PDFs of every font and encoding
//!   kind, and every PDF in a folder without panic.
//! - `properties`: property tests (normalization, repair keeps lines and
//!   whitespace, nothing panics on arbitrary text).
//! - `repair`: the OCR repair table of real confusions and its invariants.
//! - `serve`: the HTTP API of `nghiquyet serve` (uploads, limits, types,
//!   concurrency, headers), with the small HTTP client the tests share.

mod batch;
mod browser;
mod cli;
mod fuzz_corpus;
mod imports;
mod json;
mod malformed;
mod ocr;
mod parse;
mod pdf;
mod properties;
mod reliability;
mod repair;
mod serve;
mod util;
