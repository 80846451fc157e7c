//! Replays `tests/fuzz-corpus/TARGET/*` through the same checks the fuzz
//! targets run (`nghiquyet::fuzzing`), so every `cargo test` exercises the
//! inputs that reached new code during fuzzing, and any crash a fuzzer
//! finds becomes a permanent regression test by dropping its file there.

use nghiquyet::fuzzing;
use std::path::PathBuf;

fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = crate::util::root().join("tests").join("fuzz-corpus").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    assert!(files.len() >= 10, "{}: expected a replay corpus, found {} files", dir.display(), files.len());
    files.into_iter().map(|p| (p.clone(), std::fs::read(&p).expect("readable corpus file"))).collect()
}

fn replay(target: &str, check: impl Fn(&[u8])) {
    for (path, data) in corpus(target) {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&data)));
        assert!(outcome.is_ok(), "{target} failed on {}", path.display());
    }
}

#[test]
fn pdf_extract_corpus() {
    replay("pdf_extract", fuzzing::pdf_extract);
}

#[test]
fn content_lexer_corpus() {
    replay("content_lexer", fuzzing::content_lexer);
}

#[test]
fn cmap_parse_corpus() {
    replay("cmap_parse", fuzzing::cmap_parse);
}

#[test]
fn legacy_convert_corpus() {
    replay("legacy_convert", fuzzing::legacy_convert);
}

/// libFuzzer's `&str` targets skip inputs that are not UTF-8; so does this.
#[test]
fn repair_text_corpus() {
    replay("repair_text", |d| {
        if let Ok(s) = std::str::from_utf8(d) {
            fuzzing::repair_text(s)
        }
    });
}

#[test]
fn parse_text_corpus() {
    replay("parse_text", |d| {
        if let Ok(s) = std::str::from_utf8(d) {
            fuzzing::parse_text(s)
        }
    });
}
