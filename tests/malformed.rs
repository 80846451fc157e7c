//! A generated corpus of malformed and hostile PDFs (issue 9): each file
//! must give exactly one record — a clear `error.code`, or pages plus
//! warnings — with no panic, within the time limit, in bounded memory.
//!
//! The files are made here by [`corpus`], never downloaded.

use crate::util::{fixture, jsonl};
use lopdf::{dictionary, Document, Object, Stream};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A minimal one-page PDF (Helvetica as `F1`) whose page content is
/// `content`, with extra objects added by `extra` (which may rewire the
/// page).
fn build(content: &[u8], extra: impl FnOnce(&mut Document, lopdf::ObjectId)) -> Vec<u8> {
    let helvetica = Object::Dictionary(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    crate::util::one_page_pdf(vec![("F1", helvetica)], vec![], content, dictionary! {}, extra)
}

const TEXT: &[u8] = b"BT /F1 12 Tf 72 770 Td (Nghi quyet so 12-NQ/TU) Tj ET";

/// Replaces the first occurrence of `from` in `bytes`.
fn patch(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let at = bytes.windows(from.len()).position(|w| w == from).expect("pattern present");
    [&bytes[..at], to, &bytes[at + from.len()..]].concat()
}

fn deflate(data_len: usize) -> Vec<u8> {
    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![b' '; 1 << 20];
    let mut left = data_len;
    while left > 0 {
        let n = left.min(chunk.len());
        enc.write_all(&chunk[..n]).unwrap();
        left -= n;
    }
    enc.finish().unwrap()
}

/// Writes the corpus into `dir`; returns the paths in a fixed order.
pub fn corpus(dir: &Path) -> Vec<PathBuf> {
    let good = build(TEXT, |_, _| {});
    let born = std::fs::read(fixture("pdf/nq-tinh-uy-2024.born-digital.pdf")).unwrap();
    let mut files: Vec<(&str, Vec<u8>)> = vec![
        ("00-good.pdf", good.clone()),
        ("01-truncated.pdf", born[..born.len() * 6 / 10].to_vec()),
        ("02-truncated-header-only.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Cat".to_vec()),
        ("03-broken-xref.pdf", {
            let at = good.windows(4).rposition(|w| w == b"xref").unwrap();
            let mut v = good[..at].to_vec();
            v.extend_from_slice(
                b"xref\n0 9\ngarbage garbage\ntrailer\n<< /Size 9 /Root 99 0 R >>\nstartxref\n12\n%%EOF\n",
            );
            v
        }),
        ("04-no-trailer.pdf", {
            let at = good.windows(7).rposition(|w| w == b"trailer").unwrap();
            good[..at].to_vec()
        }),
        ("05-length-too-short.pdf", patch(&good, format!("/Length {}", TEXT.len()).as_bytes(), b"/Length 5")),
        (
            "06-length-past-eof.pdf",
            patch(&good, format!("/Length {}", TEXT.len()).as_bytes(), b"/Length 99999999"),
        ),
        (
            "07-cyclic-references.pdf",
            build(TEXT, |doc, page_id| {
                let a = doc.new_object_id();
                let b = doc.new_object_id();
                doc.objects.insert(a, Object::Reference(b));
                doc.objects.insert(b, Object::Reference(a));
                if let Ok(Object::Dictionary(page)) = doc.get_object_mut(page_id) {
                    page.set("Contents", a);
                }
            }),
        ),
        (
            "08-cyclic-page-tree.pdf",
            build(TEXT, |doc, page_id| {
                let pages_id = doc.catalog().unwrap().get(b"Pages").unwrap().as_reference().unwrap();
                let inner = doc.add_object(dictionary! { "Type" => "Pages", "Kids" => vec![pages_id.into(), page_id.into()], "Count" => 2 });
                if let Ok(Object::Dictionary(pages)) = doc.get_object_mut(pages_id) {
                    pages.set("Kids", vec![Object::Reference(inner), Object::Reference(page_id)]);
                }
            }),
        ),
        (
            "09-self-referencing-form.pdf",
            build(b"/X1 Do", |doc, page_id| {
                let form_id = doc.new_object_id();
                let form = Stream::new(
                    dictionary! {
                        "Type" => "XObject", "Subtype" => "Form",
                        "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                        "Resources" => dictionary! { "XObject" => dictionary! { "X1" => form_id } },
                    },
                    b"q /X1 Do Q BT /F1 12 Tf 72 700 Td (loop) Tj ET".to_vec(),
                );
                doc.objects.insert(form_id, Object::Stream(form));
                if let Ok(Object::Dictionary(page)) = doc.get_object_mut(page_id) {
                    page.set("Resources", dictionary! { "XObject" => dictionary! { "X1" => form_id } });
                }
            }),
        ),
        ("10-absurd-nesting.pdf", {
            let depth = 100_000;
            let mut v = b"%PDF-1.7\n1 0 obj\n".to_vec();
            v.extend(std::iter::repeat_n(b'[', depth));
            v.extend(std::iter::repeat_n(b']', depth));
            v.extend_from_slice(b"\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
            v
        }),
        ("11-content-nesting.pdf", build(&b"q ".repeat(200_000), |_, _| {})),
        (
            "12-decompression-bomb.pdf",
            build(TEXT, |doc, page_id| {
                // 1 GiB of spaces in a ~1 MB Flate stream, as the page content.
                let bomb = Stream::new(dictionary! { "Filter" => "FlateDecode" }, deflate(1 << 30))
                    .with_compression(false);
                let id = doc.add_object(bomb);
                if let Ok(Object::Dictionary(page)) = doc.get_object_mut(page_id) {
                    page.set("Contents", id);
                }
            }),
        ),
        (
            "13-huge-image.pdf",
            build(b"q 595 0 0 842 0 0 cm /Im1 Do Q", |doc, page_id| {
                let img = Stream::new(
                dictionary! {
                    "Type" => "XObject", "Subtype" => "Image", "Width" => 2_000_000_000i64, "Height" => 2_000_000_000i64,
                    "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8, "Filter" => "FlateDecode",
                },
                deflate(4 << 20),
            )
            .with_compression(false);
                let id = doc.add_object(img);
                if let Ok(Object::Dictionary(page)) = doc.get_object_mut(page_id) {
                    page.set("Resources", dictionary! { "XObject" => dictionary! { "Im1" => id } });
                }
            }),
        ),
        ("14-encrypted.pdf", {
            let mut doc = Document::load_mem(&good).unwrap();
            let id = Object::String(b"0123456789abcdef".to_vec(), lopdf::StringFormat::Hexadecimal);
            doc.trailer.set("ID", vec![id.clone(), id]);
            let version = lopdf::EncryptionVersion::V2 {
                document: &doc,
                owner_password: "owner",
                user_password: "secret-user-password",
                key_length: 128,
                permissions: lopdf::Permissions::all(),
            };
            let state = lopdf::EncryptionState::try_from(version).unwrap();
            doc.encrypt(&state).unwrap();
            let mut v = Vec::new();
            doc.save_to(&mut v).unwrap();
            v
        }),
        (
            "15-zero-pages.pdf",
            build(TEXT, |doc, _| {
                let pages_id = doc.catalog().unwrap().get(b"Pages").unwrap().as_reference().unwrap();
                if let Ok(Object::Dictionary(pages)) = doc.get_object_mut(pages_id) {
                    pages.set("Kids", Vec::<Object>::new());
                    pages.set("Count", 0);
                }
            }),
        ),
        ("16-not-a-pdf.pdf", b"<html><body>404 Not Found</body></html>".to_vec()),
        ("17-empty.pdf", Vec::new()),
        ("18-invalid-utf8.txt", b"Ngh\xe9 quy\xe6t s\xe8 12-NQ/TU \xff\xfe\x00".to_vec()),
        (
            "19-binary-garbage.pdf",
            (0..65536u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect(),
        ),
    ];
    files.sort_by(|a, b| a.0.cmp(b.0));
    files
        .into_iter()
        .map(|(name, bytes)| {
            let p = dir.join(name);
            std::fs::write(&p, bytes).unwrap();
            p
        })
        .collect()
}

/// Peak resident memory of finished child processes, in MiB.
fn children_peak_rss_mib() -> f64 {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage only writes into the struct we pass.
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    assert_eq!(rc, 0);
    usage.ru_maxrss as f64 / 1024.0
}

#[test]
fn every_malformed_file_gives_one_clear_record_fast_and_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let files = corpus(dir.path());
    if let Some(keep) = std::env::var_os("NGHIQUYET_KEEP_MALFORMED") {
        // For debugging: a copy of the corpus to run by hand.
        std::fs::create_dir_all(&keep).unwrap();
        for f in &files {
            std::fs::copy(f, Path::new(&keep).join(f.file_name().unwrap())).unwrap();
        }
    }
    let out = dir.path().join("out.jsonl");
    let started = Instant::now();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_nghiquyet"))
        .args(["batch", "--quiet", "--jobs", "2", "--timeout-per-doc", "30", "-o"])
        .arg(&out)
        .args(&files)
        .status()
        .unwrap();
    let elapsed = started.elapsed();
    assert_eq!(status.code(), Some(1), "some inputs fail, none is fatal");
    let records = jsonl(&std::fs::read(&out).unwrap());
    assert_eq!(records.len(), files.len(), "one record per input");
    let outcome: Vec<String> = records
        .iter()
        .zip(&files)
        .map(|(r, p)| format!("{}: {}", p.file_name().unwrap().to_string_lossy(), r["error"]["code"]))
        .collect();
    eprintln!("outcomes: {outcome:#?}");
    let allowed = ["not_a_pdf", "malformed_pdf", "encrypted", "invalid_text", "timeout", "too_large"];
    for (record, path) in records.iter().zip(&files) {
        let name = path.file_name().unwrap().to_str().unwrap();
        assert_eq!(record["source"]["path"], path.display().to_string());
        match record["error"]["code"].as_str() {
            Some(code) => {
                assert!(allowed.contains(&code), "{name}: unexpected error code {code}: {}", record["error"]);
                let message = record["error"]["message"].as_str().unwrap();
                assert!(message.contains(name), "{name}: message does not name the file: {message}");
            }
            None => {
                // Readable in part: every page is accounted for.
                let pages = record["source"]["pages"].as_u64().unwrap_or(0);
                assert_eq!(record["pages"].as_array().unwrap().len() as u64, pages, "{name}");
            }
        }
    }
    let by_name = |n: &str| &records[files.iter().position(|p| p.ends_with(n)).unwrap()];
    assert!(by_name("00-good.pdf")["error"].is_null());
    assert!(by_name("00-good.pdf")["text"].as_str().unwrap().contains("12-NQ/TU"));
    assert_eq!(by_name("14-encrypted.pdf")["error"]["code"], "encrypted");
    assert_eq!(by_name("16-not-a-pdf.pdf")["error"]["code"], "not_a_pdf");
    assert_eq!(by_name("17-empty.pdf")["error"]["code"], "not_a_pdf");
    assert_eq!(by_name("18-invalid-utf8.txt")["error"]["code"], "invalid_text");
    assert!(elapsed < Duration::from_secs(120), "took {elapsed:?}");
    let rss = children_peak_rss_mib();
    assert!(rss < 300.0, "peak RSS {rss:.0} MiB");
}
