//! `nghiquyet batch`: order, isolation, resume and shards.

use crate::util::{jsonl, pdf_fixtures, run, text_fixtures};
use std::path::{Path, PathBuf};

/// An archive of `n` inputs built from the fixtures, with one broken PDF
/// and one missing file among them.
fn archive(dir: &Path, n: usize) -> Vec<PathBuf> {
    let mut sources = text_fixtures();
    sources.extend(pdf_fixtures());
    let mut paths = Vec::new();
    for i in 0..n {
        let src = &sources[i % sources.len()];
        let ext = src.extension().unwrap().to_str().unwrap();
        let p = dir.join(format!("doc-{i:03}.{ext}"));
        std::fs::copy(src, &p).unwrap();
        paths.push(p);
    }
    let broken = dir.join("doc-broken.pdf");
    std::fs::write(&broken, b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer <<>>\n%%EOF").unwrap();
    paths.insert(n / 2, broken);
    paths
}

fn batch(args: &[&str], inputs: &[PathBuf]) -> std::process::Output {
    // OCR is tested in `ocr`; here it would only slow the runs down.
    let mut all: Vec<String> = vec!["batch".into(), "--quiet".into(), "--ocr".into(), "never".into()];
    all.extend(args.iter().map(|s| s.to_string()));
    all.extend(inputs.iter().map(|p| p.display().to_string()));
    let refs: Vec<&str> = all.iter().map(String::as_str).collect();
    run(&refs, None)
}

#[test]
fn order_is_input_order_whatever_the_jobs_and_broken_files_get_one_error_record() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = archive(dir.path(), 14);
    let (o1, o2) = (dir.path().join("one.jsonl"), dir.path().join("two.jsonl"));
    let r1 = batch(&["--jobs", "1", "-o", o1.to_str().unwrap()], &inputs);
    let r2 = batch(&["--jobs", "2", "-o", o2.to_str().unwrap()], &inputs);
    assert_eq!(r1.status.code(), Some(1), "a broken input makes the exit status 1");
    assert_eq!(r2.status.code(), Some(1));
    let (a, b) = (std::fs::read(&o1).unwrap(), std::fs::read(&o2).unwrap());
    assert!(a == b, "--jobs 1 and --jobs 2 outputs differ");
    let records = jsonl(&a);
    assert_eq!(records.len(), inputs.len());
    for (r, p) in records.iter().zip(&inputs) {
        assert_eq!(r["source"]["path"], p.display().to_string());
    }
    let errors: Vec<_> = records.iter().filter(|r| !r["error"].is_null()).collect();
    assert_eq!(errors.len(), 1);
    assert!(errors[0]["source"]["path"].as_str().unwrap().ends_with("doc-broken.pdf"));
}

#[test]
fn resume_after_an_interrupted_run_gives_the_uninterrupted_output() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = archive(dir.path(), 10);
    let full = dir.path().join("full.jsonl");
    batch(&["-o", full.to_str().unwrap()], &inputs);
    let full_bytes = std::fs::read(&full).unwrap();
    // Simulate a crash in the middle of writing the 5th record.
    let cut = full_bytes.iter().enumerate().filter(|(_, &b)| b == b'\n').nth(3).unwrap().0 + 40;
    let partial = dir.path().join("partial.jsonl");
    std::fs::write(&partial, &full_bytes[..cut]).unwrap();
    let summary = dir.path().join("summary.json");
    let r = batch(
        &["--resume", "-o", partial.to_str().unwrap(), "--summary-json", summary.to_str().unwrap()],
        &inputs,
    );
    assert_eq!(r.status.code(), Some(1));
    assert!(
        std::fs::read(&partial).unwrap() == full_bytes,
        "resumed output differs from uninterrupted output"
    );
    let s: serde_json::Value = serde_json::from_slice(&std::fs::read(&summary).unwrap()).unwrap();
    assert_eq!(s["skipped"], 4);
    assert_eq!(s["ok"].as_u64().unwrap() + s["failed"].as_u64().unwrap(), inputs.len() as u64 - 4);
    // Resuming a finished run does nothing.
    batch(&["--resume", "-o", partial.to_str().unwrap()], &inputs);
    assert!(std::fs::read(&partial).unwrap() == full_bytes);
}

#[test]
fn shards_cover_every_input_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = archive(dir.path(), 12);
    let full = dir.path().join("full.jsonl");
    batch(&["-o", full.to_str().unwrap()], &inputs);
    let mut single: Vec<String> =
        String::from_utf8(std::fs::read(&full).unwrap()).unwrap().lines().map(String::from).collect();
    let mut sharded = Vec::new();
    for k in 0..3 {
        let out = dir.path().join(format!("shard-{k}.jsonl"));
        batch(&["--shard", &format!("{k}/3"), "-o", out.to_str().unwrap()], &inputs);
        sharded.extend(String::from_utf8(std::fs::read(&out).unwrap()).unwrap().lines().map(String::from));
    }
    single.sort();
    sharded.sort();
    assert_eq!(single.len(), inputs.len());
    assert!(single == sharded, "the shards together differ from a single run");
}

#[test]
fn from_list_reads_paths_from_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = archive(dir.path(), 3);
    let list: String = inputs.iter().map(|p| format!("{}\n", p.display())).collect();
    let out = dir.path().join("out.jsonl");
    let r = run(
        &["batch", "--quiet", "--ocr", "never", "--from-list", "-", "-o", out.to_str().unwrap()],
        Some(&list),
    );
    assert_eq!(r.status.code(), Some(1));
    assert_eq!(jsonl(&std::fs::read(&out).unwrap()).len(), inputs.len());
}
