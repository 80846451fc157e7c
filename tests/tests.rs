//! Integration tests, one binary (see ripgrep's tests/tests.rs).
//!
//! Table of contents:
//! - `util`: running the built binary, fixture paths.
//! - `batch`: order, isolation, resume and shards of `nghiquyet batch`.
//! - `cli`: the commands, exit codes and error records.
//! - `json`: every fixture's record validates against `nghiquyet schema`;
//!   output is deterministic whatever `--jobs`.
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
mod properties;
mod serve;
mod util;
