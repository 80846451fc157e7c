//! Helpers shared by the integration tests.

use lopdf::{dictionary, Dictionary, Document, Object, ObjectId, Stream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A path under `fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    root().join("fixtures").join(rel)
}

/// The team-written resolution texts in `fixtures/` (at least three).
pub fn text_fixtures() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("fixtures"))
        .expect("fixtures/ exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    assert!(v.len() >= 3, "expected at least three fixture texts, found {v:?}");
    v
}

/// Every fixture PDF (born-digital and scanned variants).
pub fn pdf_fixtures() -> Vec<PathBuf> {
    let dir = root().join("fixtures").join("pdf");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "pdf")).collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Marks the running test as skipped because a system tool it needs is
/// missing: says why on stderr, appends a line to `$NGHIQUYET_SKIP_LOG`
/// (`scripts/test.sh` counts them at the end of the run, where captured
/// stderr would hide them) and fails under CI (`CI` set), whose machine
/// installs every tool (`scripts/install-deps.sh`). The caller returns.
pub fn skip(test: &str, why: &str) {
    eprintln!("\n*** SKIPPED {test}: {why} ***\n");
    if let Some(log) = std::env::var_os("NGHIQUYET_SKIP_LOG") {
        use std::io::Write;
        let line = format!("{test}: {why}\n");
        let appended = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log)
            .and_then(|mut f| f.write_all(line.as_bytes()));
        appended.unwrap_or_else(|e| panic!("cannot append to NGHIQUYET_SKIP_LOG: {e}"));
    }
    assert!(std::env::var_os("CI").is_none(), "{test} skipped under CI: {why}");
}

/// Runs the binary with `args` (and `stdin` if given).
pub fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_nghiquyet"));
    cmd.args(args).current_dir(root());
    cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("binary runs");
    if let Some(input) = stdin {
        use std::io::Write;
        let mut pipe = child.stdin.take().expect("stdin piped");
        let input = input.to_owned();
        // Write from a thread so a large input cannot deadlock on a full pipe.
        std::thread::spawn(move || pipe.write_all(input.as_bytes()));
    }
    child.wait_with_output().expect("binary finishes")
}

/// Runs the binary with paths as arguments.
pub fn run_paths(args: &[&str], paths: &[&Path]) -> Output {
    let mut all: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    all.extend(paths.iter().map(|p| p.display().to_string()));
    let refs: Vec<&str> = all.iter().map(String::as_str).collect();
    run(&refs, None)
}

/// Parses JSON Lines output.
pub fn jsonl(out: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(out)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
        .collect()
}

/// A one-page PDF built with lopdf, for the tests that need a PDF with one
/// particular feature or defect: `fonts` and `xobjects` go into the page
/// resources, `page_extra` into the page dictionary, and `edit` may then
/// add or rewire objects. Saved with a classic `xref` table and `trailer`
/// (which the malformed-PDF cases break on purpose).
pub fn one_page_pdf(
    fonts: Vec<(&str, Object)>,
    xobjects: Vec<(&str, Stream)>,
    content: &[u8],
    page_extra: Dictionary,
    edit: impl FnOnce(&mut Document, ObjectId),
) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let mut font_dict = Dictionary::new();
    for (name, f) in fonts {
        let id = doc.add_object(f);
        font_dict.set(name, id);
    }
    let mut xo = Dictionary::new();
    for (name, s) in xobjects {
        let id = doc.add_object(s);
        xo.set(name, id);
    }
    let content_id = doc.add_object(Stream::new(dictionary! {}, content.to_vec()));
    let mut page = dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "Contents" => content_id,
        "Resources" => dictionary! { "Font" => font_dict, "XObject" => xo },
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    };
    page.extend(&page_extra);
    let page_id = doc.add_object(page);
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    edit(&mut doc, page_id);
    doc.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceTable;
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("in-memory save");
    out
}
