//! Property tests: normalization and repair on arbitrary text, and
//! records of arbitrary resolution-like text valid against the schema.

use nghiquyet::text::{normalize, normalize_str, Text};
use nghiquyet::Pipeline;
use proptest::prelude::*;
use std::sync::LazyLock;

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(|| Pipeline::builder().build());

static SCHEMA: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    jsonschema::validator_for(&nghiquyet::schema::json_schema()).expect("the schema is a valid JSON Schema")
});

/// The lines of our fixture resolutions, so that generated documents have
/// headers, outlines, targets, deadlines and citations to parse.
static FIXTURE_LINES: LazyLock<Vec<String>> = LazyLock::new(|| {
    crate::util::text_fixtures()
        .iter()
        .flat_map(|p| {
            std::fs::read_to_string(p).expect("fixture").lines().map(str::to_owned).collect::<Vec<_>>()
        })
        .collect()
});

/// A resolution-like document: fixture lines in any order, some damaged
/// with random pieces spliced in.
fn resolution_like() -> impl Strategy<Value = String> {
    let n = FIXTURE_LINES.len();
    let line = (0..n, prop::option::weighted(0.3, (vietnamese_text(), any::<prop::sample::Index>())));
    prop::collection::vec(line, 1..40).prop_map(|lines| {
        let mut doc = String::new();
        for (i, junk) in lines {
            let mut l = FIXTURE_LINES[i].clone();
            if let Some((piece, at)) = junk {
                let cut =
                    l.char_indices().map(|(b, _)| b).nth(at.index(l.chars().count() + 1)).unwrap_or(l.len());
                l.insert_str(cut, &piece);
            }
            doc.push_str(&l);
            doc.push('\n');
        }
        doc
    })
}

/// Vietnamese-looking text: syllables with marks (composed and decomposed),
/// OCR junk, digits, punctuation and every kind of whitespace.
fn vietnamese_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(vec![
            "tỉnh", "ủy", "uỷ", "hòa", "hoà", "Quảng", "Ninh", "NGHỊ", "QUYẾT", "trước", "ngày", "30/6/2025",
            "12-NQ/TU", "kiêm", "tra", "vói", "tmh", "ừong", "Qụý", "ni", "doanh", "nghiệỊ)", "COVỈD-Ỉ9",
            "Ðảng", "đ", "e\u{0301}\u{0302}", "o\u{031B}\u{0300}", "%", "(1)", "53.062", "86,46",
        ]).prop_map(str::to_owned),
        2 => prop::sample::select(vec![" ", "  ", "\n", "\r\n", "\t", "\n\n", "\u{00A0}"]).prop_map(str::to_owned),
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

/// The whitespace characters in order: equal for input and output means
/// the same lines and the same spacing (tokens made only of invisible
/// junk such as a lone control character may vanish between them).
fn whitespace_skeleton(s: &str) -> String {
    s.chars().filter(|c| c.is_whitespace()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn normalization_is_idempotent(s in vietnamese_text()) {
        let once = normalize_str(&s);
        prop_assert_eq!(normalize_str(&once), once);
    }

    #[test]
    fn normalization_keeps_alignment_in_bounds(s in vietnamese_text()) {
        let t = normalize(&Text::plain(&s));
        let n_orig = s.chars().count();
        for i in 0..t.char_len() {
            let r = t.original_range(i..i + 1);
            prop_assert!(r.start <= r.end && r.end <= n_orig);
        }
    }

    #[test]
    fn repair_keeps_lines_and_whitespace(s in vietnamese_text()) {
        let (out, repairs) = PIPELINE.repair_text(&s);
        prop_assert_eq!(whitespace_skeleton(out.as_str()), whitespace_skeleton(&s));
        prop_assert_eq!(out.as_str().split('\n').count(), s.split('\n').count());
        let chars: Vec<char> = out.as_str().chars().collect();
        for r in repairs {
            prop_assert!(r.span.end <= chars.len());
            let at: String = chars[r.span.start..r.span.end].iter().collect();
            prop_assert_eq!(at, r.to);
        }
    }

    #[test]
    fn repair_is_deterministic(s in vietnamese_text()) {
        let a = PIPELINE.repair_text(&s);
        let b = PIPELINE.repair_text(&s);
        prop_assert_eq!(a.0.as_str(), b.0.as_str());
        prop_assert_eq!(a.1, b.1);
    }

    #[test]
    fn extract_never_panics_on_arbitrary_text(s in vietnamese_text()) {
        let record = PIPELINE.process_bytes(std::path::Path::new("x.txt"), s.as_bytes());
        prop_assert!(record.error.is_none() || s.contains('\0'));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn records_always_validate_against_the_schema(doc in resolution_like()) {
        let record = PIPELINE.process_bytes(std::path::Path::new("doc.txt"), doc.as_bytes());
        let json = serde_json::to_value(&record).expect("a record serializes");
        let errors: Vec<String> = SCHEMA.iter_errors(&json).map(|e| format!("{e} at {}", e.instance_path)).collect();
        prop_assert!(errors.is_empty(), "{}", errors.join("\n"));
        let n = record.text.chars().count();
        for t in &record.targets {
            prop_assert!(t.span.start <= t.span.end && t.span.end <= n);
        }
        for r in &record.repairs {
            prop_assert!(r.span.end <= n);
        }
    }
}

/// `text` with every listed repair undone: each repair's `to` at its span
/// put back to its `from`. Repairs are listed in text order and never
/// overlap, so they are undone from the last.
pub fn undo_repairs(text: &str, repairs: &[nghiquyet::schema::Repair]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for r in repairs.iter().rev() {
        let at: String = chars[r.span.start..r.span.end].iter().collect();
        assert_eq!(at, r.to, "repair {r:?} does not stand at its span");
        chars.splice(r.span.start..r.span.end, r.from.chars());
    }
    chars.into_iter().collect()
}

/// No OCR (Tesseract is slow and not needed: the text layers and the
/// committed OCR texts are the inputs), repair on or off.
fn pipeline(repair: bool) -> Pipeline {
    let ocr = nghiquyet::ocr::OcrOptions { mode: nghiquyet::ocr::OcrMode::Never, ..Default::default() };
    let options = repair.then(nghiquyet::repair::RepairOptions::default);
    Pipeline::builder().repair(options).ocr(ocr).build()
}

static REPAIRING: LazyLock<Pipeline> = LazyLock::new(|| pipeline(true));
static NOT_REPAIRING: LazyLock<Pipeline> = LazyLock::new(|| pipeline(false));

/// The audit trail is complete and parse writes nothing of its own: undoing
/// the listed repairs gives exactly the `--no-repair` text, and every
/// reference number stands in `text` at its span (spaces aside), with
/// repair and without.
fn check_audit(name: &str, bytes: &[u8]) {
    let path = std::path::Path::new(name);
    let repaired = REPAIRING.process_bytes(path, bytes);
    let plain = NOT_REPAIRING.process_bytes(path, bytes);
    assert_eq!(undo_repairs(&repaired.text, &repaired.repairs), plain.text, "{name}: undone repairs");
    for record in [&repaired, &plain] {
        let chars: Vec<char> = record.text.chars().collect();
        for r in &record.references {
            let at: String = chars[r.span.start..r.span.end].iter().collect();
            let number = r.number.as_deref().unwrap_or_default();
            assert!(squashed(&at).contains(&squashed(number)), "{name}: {number:?} is not in {at:?}");
        }
    }
}

/// Text with its whitespace removed: a symbol is read across the spaces
/// and line breaks that layout and OCR put in it ("7432 /UBND-XD").
fn squashed(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn undoing_the_repairs_gives_the_unrepaired_text_on_every_fixture() {
    let mut inputs = crate::util::text_fixtures();
    inputs.extend(crate::util::pdf_fixtures());
    let ocr_dir = crate::util::fixture("ocr");
    let mut ocr: Vec<_> =
        std::fs::read_dir(ocr_dir).expect("fixtures/ocr").flatten().map(|e| e.path()).collect();
    ocr.sort();
    assert!(!ocr.is_empty());
    inputs.extend(ocr);
    // Real Tesseract output of the dev corpus, when the shared data is
    // there (it is never copied into the repository).
    let shared = crate::util::root().join("../shared/corpus/dev/ocr");
    if let Ok(rd) = std::fs::read_dir(shared) {
        let mut raw: Vec<_> =
            rd.flatten().map(|e| e.path()).filter(|p| p.to_string_lossy().ends_with("_raw.txt")).collect();
        raw.sort();
        inputs.extend(raw);
    }
    for p in inputs {
        let bytes = std::fs::read(&p).expect("fixture");
        check_audit(&p.to_string_lossy(), &bytes);
    }
}

#[test]
fn undoing_the_repairs_gives_the_unrepaired_text_on_malformed_pdfs() {
    let dir = tempfile::tempdir().expect("temp dir");
    for p in crate::malformed::corpus(dir.path()) {
        let bytes = std::fs::read(&p).expect("generated file");
        check_audit(&p.to_string_lossy(), &bytes);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn undoing_the_repairs_gives_the_unrepaired_text(doc in resolution_like()) {
        check_audit("doc.txt", doc.as_bytes());
    }
}
