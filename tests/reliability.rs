//! What an archive operator relies on: the same input gives the same
//! record in any process, every input ends with exactly one record in
//! bounded time (timeouts honest, special files refused, nothing
//! re-appended on `--resume`), and text files in legacy encodings are read.

use crate::util::{jsonl, one_page_pdf, pdf_fixtures, root, run, text_fixtures};
use lopdf::{dictionary, Object, Stream};
use nghiquyet::batch::{self, BatchOptions};
use nghiquyet::pipeline::Pipeline;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A page of many short fragments drawn at the very same place, half of
/// them upright and as many turned by 90° (a tie for the page's main
/// direction), the shape that came out in a different order from one
/// process to the next.
fn tied_fragments_pdf() -> Vec<u8> {
    let mut content = String::from("BT /F1 10 Tf\n");
    // Every upright string has a turned twin of the same length, so the
    // two directions have exactly as many glyphs.
    for i in 0..24 {
        content.push_str(&format!("1 0 0 1 120 700 Tm (Muc {i}) Tj\n"));
        content.push_str(&format!("0 1 -1 0 300 400 Tm (Doc {i}) Tj\n"));
        content.push_str(&format!("1 0 0 1 {} 650 Tm (So {}) Tj\n", 100 + (i % 3) * 40, i / 3));
        content.push_str(&format!("0 1 -1 0 {} 300 Tm (Ra {}) Tj\n", 400 + (i % 3) * 40, i / 3));
    }
    content.push_str("ET\n");
    let font = Object::Dictionary(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    });
    one_page_pdf(vec![("F1", font)], vec![], content.as_bytes(), dictionary! {}, |_, _| {})
}

/// Runs the binary with a hard wall-clock bound: a hang fails the test
/// instead of stalling the suite. (Output is collected as it comes, so a
/// large one cannot block the child on a full pipe.)
fn run_bounded(args: &[&str], bound: Duration) -> std::process::Output {
    let child = Command::new(env!("CARGO_BIN_EXE_nghiquyet"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(bound) {
        Ok(output) => output.expect("output"),
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            panic!("nghiquyet {args:?} still running after {bound:?}");
        }
    }
}

#[test]
fn the_same_inputs_give_the_same_bytes_in_separate_processes() {
    let dir = tempfile::tempdir().unwrap();
    let tied = dir.path().join("tied-fragments.pdf");
    std::fs::write(&tied, tied_fragments_pdf()).unwrap();
    let mut inputs: Vec<PathBuf> = text_fixtures();
    inputs.extend(pdf_fixtures().into_iter().filter(|p| !p.to_string_lossy().contains("image-only")));
    inputs.extend(crate::malformed::corpus(dir.path()));
    inputs.push(tied.clone());
    let mut outputs = Vec::new();
    for jobs in ["1", "2", "1", "2"] {
        let mut args = vec!["extract", "--jsonl", "--ocr", "never", "--jobs", jobs];
        let paths: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
        args.extend(paths.iter().map(String::as_str));
        let out = run_bounded(&args, Duration::from_secs(300));
        assert_eq!(jsonl(&out.stdout).len(), inputs.len(), "one record per input");
        outputs.push(out.stdout);
    }
    for (i, o) in outputs.iter().enumerate().skip(1) {
        assert!(*o == outputs[0], "run {i} differs from run 0");
    }
    // The tied page has its text, upright lines first.
    let record = jsonl(&outputs[0]).pop().unwrap();
    let text = record["text"].as_str().unwrap();
    assert!(text.contains("Muc 0") && text.contains("Doc 0"), "{text}");
}

#[test]
fn a_document_over_its_limit_is_a_timeout_record_never_an_ok_one() {
    let pipeline = Pipeline::default();
    for fixture in text_fixtures() {
        let bytes = std::fs::read(&fixture).unwrap();
        let record = pipeline.process_bytes_within(&fixture, &bytes, Some(Duration::ZERO));
        let error = record.error.expect("a timeout, not an ok record");
        assert_eq!(error.code, "timeout");
        assert!(error.message.contains("after 0 s"), "{}", error.message);
        assert!(record.text.is_empty() && record.assignments.is_empty());
        assert_eq!(record.source.sha256.as_deref().map(str::len), Some(64), "the source is still known");
        // Within a generous limit the same document is an ordinary record.
        let record = pipeline.process_bytes_within(&fixture, &bytes, Some(Duration::from_secs(600)));
        assert!(record.error.is_none());
    }
}

#[test]
fn image_only_scans_at_a_one_second_limit_always_time_out() {
    if !crate::ocr::engine_present("reliability::image_only_scans_at_a_one_second_limit_always_time_out") {
        return;
    }
    let scan = crate::util::fixture("pdf/kh-ubnd-2025.image-only-fax.pdf");
    let dir = tempfile::tempdir().unwrap();
    for i in 0..5 {
        let out = dir.path().join(format!("run-{i}.jsonl"));
        let started = Instant::now();
        let r = run_bounded(
            &[
                "batch",
                "--quiet",
                "--timeout-per-doc",
                "1",
                "-o",
                out.to_str().unwrap(),
                scan.to_str().unwrap(),
            ],
            Duration::from_secs(60),
        );
        let took = started.elapsed();
        assert_eq!(r.status.code(), Some(1), "a timeout is a failure");
        let records = jsonl(&std::fs::read(&out).unwrap());
        assert_eq!(records.len(), 1);
        assert_eq!(records[0]["error"]["code"], "timeout", "run {i}: {}", records[0]);
        assert!(records[0]["error"]["message"].as_str().unwrap().contains("after 1 s"));
        assert!(took < Duration::from_secs(20), "run {i} took {took:?}");
    }
    // `extract` has the same limit, and says so on stderr.
    let r =
        run_bounded(&["extract", "--timeout-per-doc", "1", scan.to_str().unwrap()], Duration::from_secs(60));
    assert_eq!(r.status.code(), Some(1));
    let record: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    assert_eq!(record["error"]["code"], "timeout");
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo runs");
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn a_fifo_gets_one_refusal_record_and_never_hangs_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    std::fs::create_dir(&archive).unwrap();
    let text = text_fixtures().remove(0);
    std::fs::copy(&text, archive.join("a.txt")).unwrap();
    mkfifo(&archive.join("b.pdf"));
    std::fs::copy(&text, archive.join("c.txt")).unwrap();
    let out = dir.path().join("out.jsonl");
    let args = [
        "batch",
        "--quiet",
        // Generous: the limit is not what is tested (the text inputs
        // load the repair models on first use, slow in a debug build).
        "--timeout-per-doc",
        "30",
        "-o",
        out.to_str().unwrap(),
        archive.to_str().unwrap(),
    ];
    let r = run_bounded(&args, Duration::from_secs(60));
    assert_eq!(r.status.code(), Some(1));
    let first = std::fs::read(&out).unwrap();
    let records = jsonl(&first);
    assert_eq!(records.len(), 3, "a record for the FIFO and for every input after it");
    assert_eq!(records[1]["error"]["code"], "unsupported_type");
    assert!(records[1]["error"]["message"].as_str().unwrap().contains("FIFO"), "{}", records[1]);
    assert!(records[0]["error"].is_null() && records[2]["error"].is_null());
    // Resuming keeps the one record: nothing is appended.
    let mut resume = args.to_vec();
    resume.insert(1, "--resume");
    run_bounded(&resume, Duration::from_secs(60));
    assert!(std::fs::read(&out).unwrap() == first, "--resume appended to a finished run");
    // Given directly to `extract`, the same refusal.
    let fifo = archive.join("b.pdf");
    let r = run_bounded(&["extract", fifo.to_str().unwrap()], Duration::from_secs(30));
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr).contains("FIFO"));
}

/// Runs the library's batch over `inputs` into `out`.
fn lib_batch(pipeline: &Pipeline, inputs: &[PathBuf], out: &Path, resume: bool) -> batch::BatchSummary {
    let options = BatchOptions { jobs: 2, resume, ..BatchOptions::default() };
    let stop = std::sync::atomic::AtomicBool::new(false);
    batch::run(pipeline, inputs, out, &options, &stop, &mut |_| {}).expect("batch runs")
}

#[test]
fn too_large_inputs_and_paths_listed_twice_get_one_record_also_after_resume() {
    let dir = tempfile::tempdir().unwrap();
    let small = dir.path().join("small.txt");
    std::fs::write(&small, "Ủy ban nhân dân tỉnh.").unwrap();
    let large = dir.path().join("large.txt");
    std::fs::write(&large, "Ủy ban nhân dân tỉnh. ".repeat(20)).unwrap();
    let pipeline = Pipeline::builder().max_input_bytes(100).build();
    let inputs = vec![large.clone(), small.clone(), large.clone()];
    let out = dir.path().join("out.jsonl");
    let first = lib_batch(&pipeline, &inputs, &out, false);
    assert_eq!((first.ok, first.failed, first.duplicates), (1, 1, 1));
    let bytes = std::fs::read(&out).unwrap();
    let records = jsonl(&bytes);
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["error"]["code"], "too_large");
    for _ in 0..3 {
        let again = lib_batch(&pipeline, &inputs, &out, true);
        assert_eq!(again.skipped, 2);
        assert!(std::fs::read(&out).unwrap() == bytes, "--resume appended a second record");
    }
    // A run resumed after a crash in the middle gives the same file.
    let cut = bytes.iter().position(|&b| b == b'\n').unwrap() + 10;
    std::fs::write(&out, &bytes[..cut]).unwrap();
    lib_batch(&pipeline, &inputs, &out, true);
    assert!(std::fs::read(&out).unwrap() == bytes);
}

#[test]
fn resume_replaces_records_of_changed_inputs_and_retries_timeouts() {
    let dir = tempfile::tempdir().unwrap();
    let mut inputs = Vec::new();
    for (i, f) in text_fixtures().iter().enumerate() {
        let p = dir.path().join(format!("doc-{i}.txt"));
        std::fs::copy(f, &p).unwrap();
        inputs.push(p);
    }
    let pipeline = Pipeline::builder().repair(None).build();
    let out = dir.path().join("out.jsonl");
    let fresh = dir.path().join("fresh.jsonl");
    // Every document times out first (1 ms is far below any document's
    // time); resuming without a limit redoes them all, in place.
    let options =
        BatchOptions { jobs: 2, timeout_per_doc: Some(Duration::from_millis(1)), ..Default::default() };
    let stop = std::sync::atomic::AtomicBool::new(false);
    let s = batch::run(&pipeline, &inputs, &out, &options, &stop, &mut |_| {}).unwrap();
    assert_eq!(s.failed, inputs.len());
    assert!(jsonl(&std::fs::read(&out).unwrap()).iter().all(|r| r["error"]["code"] == "timeout"));
    let s = lib_batch(&pipeline, &inputs, &out, true);
    assert_eq!((s.replaced, s.ok), (inputs.len(), inputs.len()));
    lib_batch(&pipeline, &inputs, &fresh, false);
    assert!(std::fs::read(&out).unwrap() == std::fs::read(&fresh).unwrap());
    // A changed input gets a new record in the old one's place.
    std::fs::write(&inputs[1], "Ủy ban nhân dân tỉnh ban hành kế hoạch.").unwrap();
    let s = lib_batch(&pipeline, &inputs, &out, true);
    assert_eq!((s.replaced, s.skipped), (1, inputs.len() - 1));
    lib_batch(&pipeline, &inputs, &fresh, false);
    let (a, b) = (std::fs::read(&out).unwrap(), std::fs::read(&fresh).unwrap());
    assert!(a == b, "the resumed file differs from a fresh run over the changed inputs");
    assert_eq!(jsonl(&a).len(), inputs.len());
}

#[test]
fn resume_refuses_an_output_with_a_corrupt_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = text_fixtures().remove(0);
    let out = dir.path().join("out.jsonl");
    let args = ["batch", "--quiet", "--ocr", "never", "-o", out.to_str().unwrap(), text.to_str().unwrap()];
    run(&args, None);
    let mut bytes = std::fs::read(&out).unwrap();
    bytes.extend_from_slice(b"{\"not\": \"a record\"\n");
    std::fs::write(&out, &bytes).unwrap();
    let mut resume = args.to_vec();
    resume.insert(1, "--resume");
    let r = run(&resume, None);
    assert_eq!(r.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(stderr.contains("line 2") && stderr.contains("not a nghiquyet record"), "{stderr}");
    assert!(std::fs::read(&out).unwrap() == bytes, "the output is left as it was");
}

/// TCVN3 (ABC) bytes of the lower-case letters used below.
fn tcvn3(s: &str) -> Vec<u8> {
    let table = [
        ('â', 0xA9),
        ('ă', 0xA8),
        ('đ', 0xAE),
        ('à', 0xB5),
        ('ả', 0xB6),
        ('ã', 0xB7),
        ('á', 0xB8),
        ('ạ', 0xB9),
        ('ấ', 0xCA),
        ('ế', 0xD5),
        ('ề', 0xD2),
        ('ể', 0xD3),
        ('ệ', 0xD6),
        ('ỉ', 0xD8),
        ('ị', 0xDE),
        ('ộ', 0xE9),
        ('ớ', 0xED),
        ('ủ', 0xF1),
        ('ự', 0xF9),
    ];
    s.chars()
        .map(|c| match table.iter().find(|(u, _)| *u == c) {
            Some(&(_, b)) => b,
            None => u8::try_from(c).expect("ASCII"),
        })
        .collect()
}

const SENTENCE: &str = "ủy ban nhân dân tỉnh ban hành kế hoạch thực hiện nghị quyết của ban chấp hành đảng bộ tỉnh về phát triển kinh tế xã hội năm năm tới";

/// The same sentence typed in VNI Windows: base letters, then mark bytes.
const SENTENCE_VNI: &[u8] = b"u\xfby ban nha\xe2n da\xe2n t\xe6nh ban ha\xf8nh ke\xe1 hoa\xefch th\xf6\xefc hie\xe4n ngh\xf2 quye\xe1t cu\xfba ban cha\xe1p ha\xf8nh \xf1a\xfbng bo\xe4 t\xe6nh ve\xe0 pha\xf9t trie\xe5n kinh te\xe1 xa\xf5 ho\xe4i na\xeam na\xeam t\xf4\xf9i";

#[test]
fn legacy_encoded_text_files_are_converted_and_utf8_never_is() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, Vec<u8>, &str); 2] =
        [("abc.txt", tcvn3(SENTENCE), "TCVN3"), ("vni.txt", SENTENCE_VNI.to_vec(), "VNI")];
    for (name, bytes, encoding) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let r = run(&["extract", "--no-repair", path.to_str().unwrap()], None);
        assert_eq!(r.status.code(), Some(0), "{}", String::from_utf8_lossy(&r.stderr));
        let record: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
        assert_eq!(record["text"], SENTENCE, "{name}");
        let warning = &record["warnings"][0];
        assert_eq!(warning["code"], "legacy_encoding");
        assert!(warning["message"].as_str().unwrap().contains(encoding));
        assert!(String::from_utf8_lossy(&r.stderr).contains(encoding), "the warning is printed too");
    }
    // Real UTF-8 that happens to use the same Latin-1 letters stays as it is.
    let utf8 = dir.path().join("utf8.txt");
    std::fs::write(&utf8, "Façade, señor, Ñandú, Øre — éèêë ©®").unwrap();
    let r = run(&["extract", "--no-repair", utf8.to_str().unwrap()], None);
    let record: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    assert_eq!(record["text"], "Façade, señor, Ñandú, Øre — éèêë ©®");
    // cp1252 French is not Vietnamese under any legacy table: refused.
    let french = dir.path().join("fr.txt");
    std::fs::write(&french, b"Le pr\xe9sident a d\xe9cid\xe9 que la r\xe9forme \xe9tait n\xe9cessaire \xe0 l'\xe9t\xe9 pour l'\xe9cole et la soci\xe9t\xe9 fran\xe7aise").unwrap();
    let r = run(&["extract", french.to_str().unwrap()], None);
    assert_eq!(r.status.code(), Some(1));
    let record: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    assert_eq!(record["error"]["code"], "invalid_text");
}

#[test]
fn empty_inputs_and_pages_without_text_are_told_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "  \n").unwrap();
    let r = run(&["extract", empty.to_str().unwrap()], None);
    assert_eq!(r.status.code(), Some(0));
    let record: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    assert_eq!(record["warnings"][0]["code"], "empty_input");
    assert!(String::from_utf8_lossy(&r.stderr).contains("has no text"));
    let scan = crate::util::fixture("pdf/kh-ubnd-2025.image-only-fax.pdf");
    let r = run(&["extract", "--ocr", "never", scan.to_str().unwrap()], None);
    assert_eq!(r.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(stderr.contains("page 1 has no usable text"), "{stderr}");
}

#[test]
fn a_decompression_bomb_inside_an_image_only_page_is_not_inflated_for_ocr() {
    if !crate::ocr::engine_present(
        "reliability::a_decompression_bomb_inside_an_image_only_page_is_not_inflated_for_ocr",
    ) {
        return;
    }
    use flate2::{write::ZlibEncoder, Compression};
    use std::io::Write;
    // 9,000 × 9,000 grey pixels (81 MB inflated, under the pixel cap but
    // over the 64 MiB stream limit) from about 80 KB of zlib.
    let (w, h) = (9_000u32, 9_000u32);
    let mut z = ZlibEncoder::new(Vec::new(), Compression::best());
    let row = vec![0xFFu8; w as usize];
    for _ in 0..h {
        z.write_all(&row).unwrap();
    }
    let data = z.finish().unwrap();
    let image = Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => w as i64, "Height" => h as i64,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8, "Filter" => "FlateDecode",
        },
        data,
    );
    let pdf = one_page_pdf(
        vec![],
        vec![("Im1", image)],
        b"q 595 0 0 842 0 0 cm /Im1 Do Q",
        dictionary! {},
        |_, _| {},
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.pdf");
    std::fs::write(&path, pdf).unwrap();
    let r = run_bounded(&["extract", path.to_str().unwrap()], Duration::from_secs(120));
    assert_eq!(r.status.code(), Some(0), "{}", String::from_utf8_lossy(&r.stderr));
    let record: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    let warnings = record["warnings"].as_array().unwrap();
    assert!(
        warnings.iter().any(|w| w["code"] == "ocr_failed"
            && w["message"].as_str().unwrap().contains("over the decompression limit")),
        "{warnings:?}"
    );
}

/// A PDF of `pages` A4 pages, each drawing `lines` (text, baseline y).
fn pages_pdf(pages: usize, lines: &[(&str, i32)]) -> Vec<u8> {
    let page: String =
        lines.iter().map(|(text, y)| format!("BT /F1 12 Tf 1 0 0 1 72 {y} Tm ({text}) Tj ET\n")).collect();
    crate::pdf::pages(&vec![page.into_bytes(); pages])
}

#[test]
fn text_repeated_on_every_page_is_kept_unless_it_is_a_margin_header() {
    let pipeline = Pipeline::builder().repair(None).build();
    // The same three lines in the middle of three pages are the pages'
    // content: nothing may be deleted (they were, leaving empty pages).
    let body = [
        ("Bien ban hop ngay thu hai", 500),
        ("Thanh phan tham du day du", 480),
        ("Noi dung da thong qua", 460),
    ];
    let pdf = pages_pdf(3, &body);
    let record = pipeline.process_bytes(Path::new("three.pdf"), &pdf);
    assert_eq!(record.text.matches("Thanh phan tham du day du").count(), 3, "{}", record.text);
    assert_eq!(record.text.matches("Bien ban hop ngay thu hai").count(), 3, "{}", record.text);
    assert!(record.pages.iter().all(|p| p.span.end > p.span.start), "no page left empty");
    // A real running header in the top margin still goes, the body stays.
    let with_header = [("UBND TINH QUANG NINH - KE HOACH", 810), ("Noi dung rieng cua trang", 500)];
    let record = pipeline.process_bytes(Path::new("header.pdf"), &pages_pdf(3, &with_header));
    assert!(!record.text.contains("UBND TINH QUANG NINH - KE HOACH"), "{}", record.text);
    assert_eq!(record.text.matches("Noi dung rieng cua trang").count(), 3);
    // A page that is nothing but the repeated line keeps it.
    let record = pipeline
        .process_bytes(Path::new("only.pdf"), &pages_pdf(3, &[("UBND TINH QUANG NINH - KE HOACH", 810)]));
    assert_eq!(record.text.matches("UBND TINH QUANG NINH - KE HOACH").count(), 3, "{}", record.text);
}

#[test]
fn a_text_over_the_character_limit_is_refused_not_held_in_memory() {
    let pipeline = Pipeline::builder().max_text_chars(1_000).build();
    let fixture = text_fixtures().remove(0);
    let record = pipeline.process_path(&fixture);
    let error = record.error.expect("too large");
    assert_eq!(error.code, "too_large");
    assert!(error.message.contains("1000-character limit"), "{}", error.message);
    let pdf = crate::util::fixture("pdf/nq-tinh-uy-2024.born-digital.pdf");
    assert_eq!(pipeline.process_path(&pdf).error.map(|e| e.code).as_deref(), Some("too_large"));
    assert!(Pipeline::default().process_path(&fixture).error.is_none());
}

/// Issue 20: 1.95 M one-letter lines (under the character limit) took
/// 491 MB, most of it in the parse stage's per-line index; past
/// `MAX_TEXT_LINES` a text is refused as `too_large` instead.
#[test]
fn a_text_of_too_many_lines_is_refused_not_indexed() {
    let limit = nghiquyet::pipeline::MAX_TEXT_LINES;
    let pipeline = Pipeline::default();
    let over = "a\n".repeat(limit + 1);
    let record = pipeline.process_bytes(Path::new("dong.txt"), over.as_bytes());
    let error = record.error.expect("too many lines");
    assert_eq!(error.code, "too_large");
    assert!(error.message.contains(&format!("{limit}-line limit")), "{}", error.message);
    let at = "a\n".repeat(limit - 1) + "a";
    assert!(pipeline.process_bytes(Path::new("dong.txt"), at.as_bytes()).error.is_none(), "at the limit");
}

/// Issue 20: one block of a text listing the same item tens of thousands
/// of times (bodies after `;`, partners, dated limits, cited numbers) made
/// the parser's per-item scans quadratic, and nothing inside a block
/// asked the time: a 440 KB block of 20,000 dated limits got its timeout
/// record 65 s after a 3 s limit. The block is now read in linear time
/// and its loops stop at the limit. (Parse alone, with repair off, in a
/// debug build; the bound is loose for a loaded machine, the old code ran
/// minutes past it.)
#[test]
fn a_block_of_listed_items_stops_at_its_limit() {
    let pipeline = Pipeline::builder().repair(None).build();
    for item in [
        "Sở Y tế báo cáo UBND tỉnh trước ngày 15/12 hằng năm; ",
        "phối hợp với Sở Y tế, ",
        "trước ngày 30/6/2026, ",
        "Nghị quyết số 12/NQ-HĐND, ",
    ] {
        let text = format!(
            "KẾ HOẠCH\n\n1. Nhiệm vụ\n- Sở Tài chính {}thực hiện kế hoạch.\n",
            item.repeat(600_000 / item.len())
        );
        let limit = Duration::from_secs(2);
        let started = Instant::now();
        let record = pipeline.process_bytes_within(Path::new("khoi.txt"), text.as_bytes(), Some(limit));
        let took = started.elapsed();
        assert!(took < limit + Duration::from_secs(8), "{item:?}: {took:?}");
        if let Some(error) = record.error {
            assert_eq!(error.code, "timeout", "{item:?}");
        } else {
            // Finished within the limit: every listed limit or body read.
            assert!(!record.assignments.is_empty() || !record.deadlines.is_empty(), "{item:?}");
        }
    }
}

/// Issue 20: under a file-size limit (`ulimit -f`) the batch was killed by
/// SIGXFSZ without a word, and an output error printed the OS error twice.
/// Now the write fails, and the run says which file, and why, once.
#[test]
fn a_file_size_limit_is_told_once_not_a_silent_kill() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("archive.jsonl");
    let inputs: Vec<String> = text_fixtures().iter().map(|p| p.display().to_string()).collect();
    let script = format!(
        "ulimit -f 8; exec \"$0\" batch --quiet --ocr never -o '{}' {}",
        out.display(),
        inputs.iter().map(|p| format!("'{p}'")).collect::<Vec<_>>().join(" ")
    );
    let r = Command::new("sh")
        .args(["-c", &script, env!("CARGO_BIN_EXE_nghiquyet")])
        .current_dir(root())
        .stdin(Stdio::null())
        .output()
        .expect("sh runs");
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "exits with an error, not killed by a signal: {stderr}");
    assert!(
        stderr.contains(&format!("{}: cannot open, read or write the output", out.display())),
        "{stderr}"
    );
    assert_eq!(stderr.matches("File too large").count(), 1, "{stderr}");
}
