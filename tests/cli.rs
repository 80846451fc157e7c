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

/// A batch archive of the three fixture texts and their born-digital PDFs,
/// written by `nghiquyet batch` (the input of `nghiquyet tasks`).
fn tasks_archive(dir: &std::path::Path) -> std::path::PathBuf {
    let archive = dir.join("archive.jsonl");
    let mut inputs = text_fixtures();
    for name in ["nq-tinh-uy-2024", "kh-ubnd-2025", "ct-chi-thi-2025"] {
        inputs.push(fixture(&format!("pdf/{name}.born-digital.pdf")));
    }
    let mut args = vec!["batch".to_string(), "-q".into(), "-o".into(), archive.display().to_string()];
    args.extend(inputs.iter().map(|p| p.display().to_string()));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run(&refs, None);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    archive
}

/// `nghiquyet tasks ARCHIVE --format csv ARGS…` as rows of fields (a small
/// RFC 4180 reader: quoted fields may hold commas and doubled quotes).
fn tasks_csv(archive: &std::path::Path, args: &[&str]) -> Vec<Vec<String>> {
    let mut all = vec!["tasks", archive.to_str().unwrap(), "--format", "csv"];
    all.extend(args);
    let out = run(&all, None);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let text = text.strip_prefix('\u{feff}').expect("a BOM, so spreadsheets read UTF-8");
    assert!(text.ends_with("\r\n"));
    text.split_terminator("\r\n")
        .map(|line| {
            let (mut fields, mut cur, mut quoted, mut chars) =
                (Vec::new(), String::new(), false, line.chars().peekable());
            while let Some(c) = chars.next() {
                match c {
                    '"' if quoted && chars.peek() == Some(&'"') => {
                        cur.push('"');
                        chars.next();
                    }
                    '"' => quoted = !quoted,
                    ',' if !quoted => fields.push(std::mem::take(&mut cur)),
                    c => cur.push(c),
                }
            }
            fields.push(cur);
            fields
        })
        .collect()
}

#[test]
fn tasks_lists_every_assignment_of_an_archive_with_document_and_page() {
    let dir = tempfile::tempdir().unwrap();
    let archive = tasks_archive(dir.path());
    let records: Vec<Record> = jsonl(&std::fs::read(&archive).unwrap())
        .into_iter()
        .map(|v| serde_json::from_value(v).unwrap())
        .collect();
    let rows = tasks_csv(&archive, &[]);
    assert_eq!(rows[0][0], "due");
    let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let (source, page, due, task) = (col("source"), col("page"), col("due"), col("task"));
    for record in &records {
        let mine: Vec<&Vec<String>> = rows[1..].iter().filter(|r| r[source] == record.source.path).collect();
        assert!(mine.len() >= record.assignments.len(), "{}", record.source.path);
        assert!(!record.assignments.is_empty(), "{}: fixtures have assignments", record.source.path);
        // PDF items carry their page; plain text has none.
        let is_pdf = record.source.path.ends_with(".pdf");
        assert!(mine.iter().all(|r| r[page].parse::<u32>().is_ok() == is_pdf), "{}", record.source.path);
    }
    // Sorted by due date, undated last.
    let dues: Vec<&str> = rows[1..].iter().map(|r| r[due].as_str()).collect();
    let dated = dues.iter().take_while(|d| !d.is_empty()).count();
    assert!(dated > 10 && dues[dated..].iter().all(|d| d.is_empty()), "{dues:?}");
    assert!(dues[..dated].windows(2).all(|w| w[0] <= w[1]), "{dues:?}");
    // The plan's "trước ngày 20/4/2025" for the forest owners is listed.
    assert!(rows.iter().any(|r| r[due] == "2025-04-20"
        && r[source].ends_with("kh-ubnd-2025.txt")
        && r[task].contains("phương án phòng cháy, chữa cháy rừng")));
}

#[test]
fn tasks_body_ignores_case_marks_tone_style_and_abbreviations() {
    let dir = tempfile::tempdir().unwrap();
    let archive = tasks_archive(dir.path());
    let rows = tasks_csv(&archive, &["--body", "Ủy ban nhân dân tỉnh"]);
    assert!(rows.len() > 3, "{rows:?}");
    let bodies = rows[0].iter().position(|h| h == "bodies").unwrap();
    for r in &rows[1..] {
        assert!(r[bodies].replace("Uỷ", "Ủy").contains("Ủy ban nhân dân tỉnh"), "{:?}", r[bodies]);
    }
    for same in ["UBND tỉnh", "ubnd tinh", "UỶ BAN NHÂN DÂN TỈNH", "uy ban nhan dan tinh"] {
        assert_eq!(tasks_csv(&archive, &["--body", same]), rows, "{same}");
    }
    // Words, not letters: "Sở Tài" is a prefix of "Sở Tài chính" items only.
    let finance = tasks_csv(&archive, &["--body", "so tai chinh"]);
    assert!(finance.len() > 1 && finance[1..].iter().all(|r| r[bodies].contains("Sở Tài chính")));
    assert_eq!(tasks_csv(&archive, &["--body", "Sở Tài chính tỉnh Hà Giang"]).len(), 1, "header only");
}

#[test]
fn tasks_due_before_takes_both_date_forms() {
    let dir = tempfile::tempdir().unwrap();
    let archive = tasks_archive(dir.path());
    let rows = tasks_csv(&archive, &["--due-before", "30/4/2025"]);
    assert!(rows.len() > 1);
    assert!(rows[1..].iter().all(|r| !r[0].is_empty() && r[0].as_str() < "2025-04-30"), "{rows:?}");
    assert_eq!(tasks_csv(&archive, &["--due-before", "2025-04-30"]), rows);
    let out = run(&["tasks", archive.to_str().unwrap(), "--due-before", "31/4/2025"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("31/4/2025"));
}

#[test]
fn tasks_ics_is_an_importable_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let archive = tasks_archive(dir.path());
    let ics = dir.path().join("due.ics");
    let out =
        run(&["tasks", archive.to_str().unwrap(), "--format", "ics", "-o", ics.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("recurring items are not in the calendar"));
    let text = std::fs::read_to_string(&ics).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    assert!(!text.replace("\r\n", "").contains(['\n', '\r']), "only CRLF line ends");
    assert!(text.split("\r\n").all(|l| l.len() <= 75), "lines folded at 75 octets");
    let lines: Vec<String> = text.replace("\r\n ", "").split_terminator("\r\n").map(String::from).collect();
    let dated = tasks_csv(&archive, &[]).iter().skip(1).filter(|r| !r[0].is_empty()).count();
    let events: Vec<&[String]> = lines
        .split(|l| l == "BEGIN:VEVENT")
        .skip(1)
        .map(|e| &e[..e.iter().position(|l| l == "END:VEVENT").unwrap()])
        .collect();
    assert_eq!(events.len(), dated);
    let mut uids = std::collections::HashSet::new();
    for e in &events {
        let get = |key: &str| {
            e.iter().find_map(|l| l.strip_prefix(key)).unwrap_or_else(|| panic!("{key} in {e:?}"))
        };
        assert!(uids.insert(get("UID:").to_string()), "UIDs unique");
        let (start, end) = (get("DTSTART;VALUE=DATE:"), get("DTEND;VALUE=DATE:"));
        assert!(start.len() == 8 && end.len() == 8 && start < end);
        assert!(get("DTSTAMP:").ends_with("T000000Z"));
        assert!(get("DESCRIPTION:").contains("Nguồn: "));
    }
    // The same archive gives the same file.
    let again = run(&["tasks", archive.to_str().unwrap(), "--format", "ics"], None);
    assert_eq!(again.stdout, text.as_bytes());
}

#[test]
fn tasks_names_the_bad_line_of_an_archive() {
    let dir = tempfile::tempdir().unwrap();
    let archive = tasks_archive(dir.path());
    let mut bytes = std::fs::read(&archive).unwrap();
    bytes.extend_from_slice(b"{\"truncated\": \n");
    std::fs::write(&archive, &bytes).unwrap();
    let out = run(&["tasks", archive.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2));
    let lines = bytes.iter().filter(|&&b| b == b'\n').count();
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(&format!("line {lines}")),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
