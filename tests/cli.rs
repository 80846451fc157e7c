//! The commands, their exit codes and error records.

use crate::util::{fixture, jsonl, run, run_paths, text_fixtures};
use nghiquyet::schema::Record;

#[test]
fn extract_one_text_file_prints_one_pretty_record() {
    let path = &text_fixtures()[0];
    let out = run_paths(&["extract"], &[path]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("{\n"), "one input gives pretty JSON");
    let record: Record = serde_json::from_str(&text).unwrap();
    assert!(record.error.is_none());
    assert_eq!(record.schema_version, nghiquyet::schema::SCHEMA_VERSION);
    assert_eq!(record.source.pages, None);
    assert_eq!(record.source.text_layer, nghiquyet::schema::TextLayer::PlainText);
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(record.source.bytes, Some(bytes.len() as u64));
    assert_eq!(record.source.sha256.as_deref().map(str::len), Some(64));
    // The text is the file's text, normalized (fixtures are already NFC).
    assert_eq!(record.text, String::from_utf8(bytes).unwrap());
}

#[test]
fn missing_file_gives_an_error_record_and_exit_1() {
    let out = run(&["extract", "--jsonl", "does/not/exist.pdf"], None);
    assert_eq!(out.status.code(), Some(1));
    let records = jsonl(&out.stdout);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["error"]["code"], "not_found");
    assert_eq!(records[0]["source"]["path"], "does/not/exist.pdf");
    assert!(String::from_utf8_lossy(&out.stderr).contains("does/not/exist.pdf"), "stderr names the file");
}

#[test]
fn directory_of_good_and_bad_inputs_gives_one_record_each_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let good = text_fixtures();
    std::fs::copy(&good[0], dir.path().join("a-good.txt")).unwrap();
    std::fs::write(dir.path().join("b-fake.pdf"), b"this is not a PDF at all").unwrap();
    std::fs::write(dir.path().join("c-empty.pdf"), b"").unwrap();
    std::fs::write(dir.path().join("d-legacy.txt"), b"T\xd8nh \xf1y Qu\xb6ng Ninh").unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::copy(&good[1], dir.path().join("sub/e-good.txt")).unwrap();
    std::fs::write(dir.path().join("ignored.docx"), b"PK").unwrap();
    let out = run_paths(&["extract"], &[dir.path()]);
    assert_eq!(out.status.code(), Some(1));
    let records = jsonl(&out.stdout);
    let names: Vec<String> = records
        .iter()
        .map(|r| r["source"]["path"].as_str().unwrap().rsplit('/').next().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["a-good.txt", "b-fake.pdf", "c-empty.pdf", "d-legacy.txt", "e-good.txt"]);
    let codes: Vec<Option<&str>> = records.iter().map(|r| r["error"]["code"].as_str()).collect();
    assert_eq!(codes, [None, Some("not_a_pdf"), Some("not_a_pdf"), Some("invalid_text"), None]);
    for r in &records {
        assert!(r["source"].is_object() && r["text"].is_string() && r["targets"].is_array());
    }
}

#[test]
fn output_file_is_written_and_stdout_stays_empty() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("out.jsonl");
    let fixtures = text_fixtures();
    let out = run_paths(&["extract", "-o", out_path.to_str().unwrap()], &[&fixtures[0], &fixtures[1]]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let records = jsonl(&std::fs::read(&out_path).unwrap());
    assert_eq!(records.len(), 2);
    // No temporary file is left beside the output.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
    assert_eq!(leftovers.len(), 1);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["extract"], None).status.code(), Some(2));
    assert_eq!(run(&["no-such-command"], None).status.code(), Some(2));
    assert_eq!(run(&["repair", "--min-confidence", "3"], Some("x")).status.code(), Some(2));
}

#[test]
fn text_command_prints_normalized_text() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("decomposed.txt");
    std::fs::write(&p, "Ti\u{0309}nh u\u{0309}y \u{00D0}a\u{0302}\u{0300}u tu\u{031B}\u{00AD}\n").unwrap();
    let out = run_paths(&["text"], &[&p]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "Tỉnh ủy Đầu tư\n");
    let missing = run(&["text", "nope.txt"], None);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nope.txt"));
}

#[test]
fn repair_keeps_lines_and_whitespace_and_lists_repairs_as_json() {
    let input = "  NGHỊ QUYẾT\r\n\tvề  phương hướng,\n\n nhiệm vụ năm 2025  \n";
    let out = run(&["repair"], Some(input));
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let shape = |s: &str| s.chars().map(|c| if c.is_whitespace() { c } else { 'x' }).collect::<String>();
    let ws = |s: &str| s.split(|c: char| !c.is_whitespace()).collect::<Vec<_>>().concat();
    assert_eq!(text.lines().count(), input.lines().count());
    assert_eq!(ws(&text), ws(input));
    assert_eq!(shape(&text).matches('\n').count(), shape(input).matches('\n').count());
    let json = run(&["repair", "--json", "-"], Some(input));
    let repairs: Vec<nghiquyet::schema::Repair> = serde_json::from_slice(&json.stdout).unwrap();
    for r in repairs {
        assert!(r.span.start < r.span.end);
    }
}

#[test]
fn schema_command_prints_a_json_schema() {
    let out = run(&["schema"], None);
    assert_eq!(out.status.code(), Some(0));
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["title"], "Record");
    for field in [
        "schema_version",
        "source",
        "document",
        "targets",
        "deadlines",
        "assignments",
        "references",
        "repairs",
        "warnings",
        "text",
    ] {
        assert!(schema["properties"][field].is_object(), "schema lacks {field}");
    }
    let _ = fixture("README.md");
}

/// `text` prints one paragraph per line: the born-digital PDFs made from
/// our fixture texts (one paragraph per line, wrapped by the PDF at the
/// margin) come back as those very lines; `--layout` keeps the wraps.
#[test]
fn text_prints_paragraphs_and_layout_keeps_lines() {
    for name in ["nq-tinh-uy-2024", "ct-chi-thi-2025"] {
        let pdf = fixture(&format!("pdf/{name}.born-digital.pdf"));
        let source = std::fs::read_to_string(fixture(&format!("{name}.txt"))).unwrap();
        let out = run_paths(&["text"], &[&pdf]);
        assert_eq!(out.status.code(), Some(0));
        let paragraphs = String::from_utf8(out.stdout).unwrap();
        let expected: Vec<&str> = source.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(paragraphs.lines().collect::<Vec<_>>(), expected, "{name}");
        let layout = String::from_utf8(run_paths(&["text", "--layout"], &[&pdf]).stdout).unwrap();
        assert!(layout.lines().count() > expected.len() + 10, "{name}: --layout keeps the wrapped lines");
        let words = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
        assert_eq!(words(&layout), words(&paragraphs), "{name}: same words either way");
    }
}
