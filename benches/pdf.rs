//! Throughput of the PDF stage: a synthetic 10-page born-digital document
//! built here with lopdf (always available), plus the real PDFs of the dev
//! corpus when `../shared` is present.
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use lopdf::{dictionary, Document, Object, Stream};
use nghiquyet::pdf::{extract, PdfOptions};
use std::path::Path;

/// Ten pages of 40 lines each, drawn with a Type0 font whose ToUnicode
/// maps codes to Vietnamese letters (as Word and OCR layers do).
fn synthetic() -> Vec<u8> {
    let line = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; theo đề nghị của Sở";
    let chars: Vec<char> = {
        let mut v: Vec<char> = line.chars().collect();
        v.sort();
        v.dedup();
        v
    };
    let mut cmap = String::from("1 begincodespacerange <0000> <FFFF> endcodespacerange\n");
    cmap.push_str(&format!("{} beginbfchar\n", chars.len()));
    for (i, c) in chars.iter().enumerate() {
        cmap.push_str(&format!("<{:04X}> <{:04X}>\n", i + 1, u32::from(*c)));
    }
    cmap.push_str("endbfchar\n");
    let hex: String = line
        .chars()
        .map(|c| format!("{:04X}", chars.iter().position(|&d| d == c).unwrap_or(0) + 1))
        .collect();
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let tu = doc.add_object(Stream::new(dictionary! {}, cmap.into_bytes()));
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "TimesNewRomanPSMT",
        "Encoding" => "Identity-H", "ToUnicode" => tu,
        "DescendantFonts" => vec![Object::Dictionary(dictionary! {
            "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "TimesNewRomanPSMT", "DW" => 480,
        })],
    });
    let mut kids = Vec::new();
    for _ in 0..10 {
        let mut content = Vec::new();
        for l in 0..40 {
            content.extend(format!("BT /F1 11 Tf 60 {} Td <{hex}> Tj ET\n", 800 - l * 18).into_bytes());
        }
        let c = doc.add_object(Stream::new(dictionary! {}, content));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => c,
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        kids.push(Object::from(page));
    }
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => 10 }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("in-memory save");
    out
}

fn bench_pdf(c: &mut Criterion) {
    let mut inputs = vec![("synthetic-10p".to_string(), synthetic())];
    let dev = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dev/pdfs/tcvn3");
    if let Ok(entries) = std::fs::read_dir(&dev) {
        let mut files: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        files.sort();
        for p in files.into_iter().filter(|p| p.extension().is_some_and(|x| x == "pdf")) {
            if let Ok(bytes) = std::fs::read(&p) {
                let name = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                inputs.push((name, bytes));
            }
        }
    }
    let options = PdfOptions::default();
    let mut g = c.benchmark_group("pdf");
    for (name, bytes) in &inputs {
        let pages = extract(bytes, &options).map(|d| d.pages.len()).unwrap_or(0);
        // Throughput in elements = pages per second.
        g.throughput(Throughput::Elements(pages as u64));
        g.bench_function(name.as_str(), |b| b.iter(|| extract(bytes, &options)));
    }
    g.finish();
}

criterion_group!(benches, bench_pdf);
criterion_main!(benches);
