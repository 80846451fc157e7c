//! Every fixture's record validates against the published JSON Schema, and
//! output does not depend on the number of worker threads.

use crate::util::{jsonl, pdf_fixtures, run, run_paths, text_fixtures};
use std::path::PathBuf;
use std::sync::LazyLock;

/// `extract --jsonl --jobs N` over every fixture, run once per N for all
/// the tests here (OCR of the image-only fixtures takes a few seconds).
fn extract_all(jobs: &str) -> Vec<u8> {
    let fixtures = all_fixtures();
    let refs: Vec<&std::path::Path> = fixtures.iter().map(PathBuf::as_path).collect();
    let out = run_paths(&["extract", "--jsonl", "--jobs", jobs], &refs);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

static ONE_JOB: LazyLock<Vec<u8>> = LazyLock::new(|| extract_all("1"));

fn validator() -> jsonschema::Validator {
    let out = run(&["schema"], None);
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema")
}

fn all_fixtures() -> Vec<PathBuf> {
    let mut v = text_fixtures();
    v.extend(pdf_fixtures());
    v
}

#[test]
fn every_fixture_validates_against_the_schema() {
    let validator = validator();
    let fixtures = all_fixtures();
    let records = jsonl(&ONE_JOB);
    assert_eq!(records.len(), fixtures.len());
    for (record, path) in records.iter().zip(&fixtures) {
        let errors: Vec<String> =
            validator.iter_errors(record).map(|e| format!("{e} at {}", e.instance_path)).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        assert!(record["error"].is_null(), "{}: {}", path.display(), record["error"]);
    }
}

#[test]
fn error_records_validate_too() {
    let validator = validator();
    let out = run(&["extract", "--jsonl", "missing.pdf"], None);
    let records = jsonl(&out.stdout);
    assert!(validator.is_valid(&records[0]));
}

#[test]
fn spans_point_into_the_text() {
    for record in jsonl(&ONE_JOB) {
        let n = record["text"].as_str().unwrap().chars().count() as u64;
        for key in ["sections", "targets", "deadlines", "assignments", "references", "repairs", "pages"] {
            for item in record[key].as_array().unwrap() {
                let (s, e) = (item["span"]["start"].as_u64().unwrap(), item["span"]["end"].as_u64().unwrap());
                assert!(s <= e && e <= n, "{key} span {s}..{e} outside text of {n} chars");
            }
        }
    }
}

#[test]
fn output_is_identical_whatever_the_jobs() {
    assert!(*ONE_JOB == extract_all("2"), "output differs between --jobs 1 and --jobs 2");
}
