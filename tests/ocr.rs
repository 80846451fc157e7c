//! OCR of image-only pages with Tesseract.
//!
//! These tests need `tesseract` with the `vie` model (Debian
//! `tesseract-ocr-vie`, installed by `scripts/install-deps.sh`). Where the
//! engine is genuinely absent they skip and say so on stderr; under CI
//! (`CI` set) its absence is a failure, so CI always runs them.

use crate::util::{fixture, run};
use nghiquyet::schema::{PageLayer, Record};
use std::collections::HashMap;

pub(crate) fn engine_present(test: &str) -> bool {
    let ok = nghiquyet::ocr::check_engine("vie").is_ok();
    if !ok {
        crate::util::skip(
            test,
            "tesseract with the 'vie' model is not installed (bash scripts/install-deps.sh)",
        );
    }
    ok
}

/// Share of the truth's tokens that the text has (as multisets).
fn token_recall(text: &str, truth: &str) -> f64 {
    let mut have: HashMap<&str, usize> = HashMap::new();
    for t in text.split_whitespace() {
        *have.entry(t).or_default() += 1;
    }
    let (mut hit, mut total) = (0usize, 0usize);
    for t in truth.split_whitespace() {
        total += 1;
        if let Some(n) = have.get_mut(t).filter(|n| **n > 0) {
            *n -= 1;
            hit += 1;
        }
    }
    hit as f64 / total.max(1) as f64
}

/// Warnings that say a page was not read (what the header parser says of
/// the text read is another matter).
fn unread_pages(record: &Record) -> Vec<&nghiquyet::schema::Warning> {
    let codes = ["ocr_failed", "ocr_timeout", "ocr_unavailable", "page_without_text", "resource_limit"];
    record.warnings.iter().filter(|w| codes.iter().any(|c| w.code == *c)).collect()
}

fn extract(args: &[&str]) -> Record {
    let out = run(args, None);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn image_only_fax_pages_are_read_with_tesseract() {
    if !engine_present("ocr::image_only_fax_pages_are_read_with_tesseract") {
        return;
    }
    let pdf = fixture("pdf/kh-ubnd-2025.image-only-fax.pdf");
    let record = extract(&["extract", "--no-repair", pdf.to_str().unwrap()]);
    assert_eq!(record.source.pages, Some(3));
    assert_eq!(record.source.text_layer, nghiquyet::schema::TextLayer::Ocr);
    assert!(record.pages.iter().all(|p| p.text_layer == PageLayer::Ocr), "{:?}", record.pages);
    assert!(unread_pages(&record).is_empty(), "{:?}", record.warnings);
    let truth = std::fs::read_to_string(fixture("kh-ubnd-2025.txt")).unwrap();
    let recall = token_recall(&record.text, &truth);
    // Tesseract on this fax-quality scan gets ~85 % of tokens exactly.
    assert!(recall > 0.8, "token recall {recall:.3}");
    assert!(record.text.contains("KẾ HOẠCH"));
}

#[test]
fn pages_turned_in_their_pixels_are_read_upright() {
    if !engine_present("ocr::pages_turned_in_their_pixels_are_read_upright") {
        return;
    }
    // The fax scan above with its pages turned 90°, 180° and 270°
    // clockwise and no /Rotate: each must read as well as upright.
    let turned = extract(&[
        "extract",
        "--no-repair",
        fixture("pdf/kh-ubnd-2025.image-only-fax-turned.pdf").to_str().unwrap(),
    ]);
    let upright = extract(&[
        "extract",
        "--no-repair",
        fixture("pdf/kh-ubnd-2025.image-only-fax.pdf").to_str().unwrap(),
    ]);
    assert!(unread_pages(&turned).is_empty(), "{:?}", turned.warnings);
    let truth = std::fs::read_to_string(fixture("kh-ubnd-2025.txt")).unwrap();
    let (turned_recall, upright_recall) =
        (token_recall(&turned.text, &truth), token_recall(&upright.text, &truth));
    assert!(turned_recall > 0.8, "token recall {turned_recall:.3} (upright {upright_recall:.3})");
    assert!(
        (turned_recall - upright_recall).abs() < 0.02,
        "turned {turned_recall:.3}, upright {upright_recall:.3}"
    );
    assert!(turned.text.contains("KẾ HOẠCH"));
}

#[test]
fn jpeg_scans_are_read_too() {
    if !engine_present("ocr::jpeg_scans_are_read_too") {
        return;
    }
    let pdf = fixture("pdf/ct-chi-thi-2025.image-only-medium.pdf");
    let record = extract(&["extract", "--no-repair", pdf.to_str().unwrap()]);
    assert!(record.pages.iter().all(|p| p.text_layer == PageLayer::Ocr));
    let truth = std::fs::read_to_string(fixture("ct-chi-thi-2025.txt")).unwrap();
    let recall = token_recall(&record.text, &truth);
    assert!(recall > 0.9, "token recall {recall:.3}");
}

#[test]
fn ocr_never_leaves_image_pages_empty_with_a_warning() {
    let pdf = fixture("pdf/kh-ubnd-2025.image-only-fax.pdf");
    let record = extract(&["extract", "--ocr", "never", pdf.to_str().unwrap()]);
    assert!(record.pages.iter().all(|p| p.text_layer == PageLayer::None));
    assert_eq!(record.warnings.iter().filter(|w| w.code == "page_without_text").count(), 3);
    assert!(record.text.trim().is_empty());
}

#[test]
fn a_missing_engine_is_a_clear_warning_per_page_not_a_failure() {
    let pdf = fixture("pdf/kh-ubnd-2025.image-only-fax.pdf");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_nghiquyet"))
        .args(["extract", pdf.to_str().unwrap()])
        .env("NGHIQUYET_TESSERACT", "/nonexistent/tesseract")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let record: Record = serde_json::from_slice(&out.stdout).unwrap();
    let ocr: Vec<_> = record.warnings.iter().filter(|w| w.code == "ocr_unavailable").collect();
    assert_eq!(ocr.len(), 3);
    assert!(ocr[0].message.contains("apt-get install tesseract-ocr tesseract-ocr-vie"), "{}", ocr[0].message);
    assert!(ocr[0].message.contains("image-only-fax.pdf: page 1"), "{}", ocr[0].message);
}
