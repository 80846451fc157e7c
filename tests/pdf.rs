//! The PDF stage on small PDFs built here with lopdf (one feature each), and
//! on every PDF found under fixtures/ and the shared dev corpus.

use lopdf::{dictionary, Dictionary, Document, Object, Stream};
use nghiquyet::pdf::{extract, PdfError, PdfOptions, RawDocument};
use nghiquyet::schema::PageLayer;
use std::path::{Path, PathBuf};

/// A one-page PDF: `fonts` and `xobjects` go into the page resources,
/// `page_extra` into the page dictionary.
fn one_page(
    fonts: Vec<(&str, Object)>,
    xobjects: Vec<(&str, Stream)>,
    content: &[u8],
    page_extra: Dictionary,
) -> Vec<u8> {
    crate::util::one_page_pdf(fonts, xobjects, content, page_extra, |_, _| {})
}

fn simple_font(base: &str, encoding: Object, widths: Option<(i64, Vec<i64>)>) -> Object {
    let mut d =
        dictionary! { "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => base, "Encoding" => encoding };
    if let Some((first, ws)) = widths {
        d.set("FirstChar", first);
        d.set("LastChar", first + ws.len() as i64 - 1);
        d.set("Widths", ws.into_iter().map(Object::from).collect::<Vec<_>>());
    }
    Object::Dictionary(d)
}

fn run(bytes: &[u8]) -> RawDocument {
    extract(bytes, &PdfOptions::default()).expect("the test PDF opens")
}

fn page_text(doc: &RawDocument) -> &str {
    doc.pages.first().map_or("", |p| p.text.as_str())
}

/// Bytes of a PDF literal string: `\(`, `\)` and `\\` escaped.
fn lit(bytes: &[u8]) -> Vec<u8> {
    let mut out = b"(".to_vec();
    for &b in bytes {
        if matches!(b, b'(' | b')' | b'\\') {
            out.push(b'\\');
        }
        out.push(b);
    }
    out.push(b')');
    out
}

fn cp1252(s: &str) -> Vec<u8> {
    s.chars().map(|c| u8::try_from(u32::from(c)).expect("Latin-1 test text")).collect()
}

fn show(font: &str, size: u32, x: u32, y: u32, text: &[u8]) -> Vec<u8> {
    let mut v = format!("BT /{font} {size} Tf {x} {y} Td ").into_bytes();
    v.extend(lit(text));
    v.extend(b" Tj ET\n");
    v
}

#[test]
fn tcvn3_font_is_converted() {
    let mut content = show("F1", 12, 72, 760, &cp1252("§éc lËp - Tù do - H¹nh phóc"));
    content.extend(show("F2", 13, 72, 730, &cp1252("nghÞ quyÕt")));
    content.extend(show("F1", 12, 72, 700, &cp1252("C¨n cø LuËt Tæ chøc chÝnh quyÒn ®Þa ph\u{ad}¬ng")));
    let pdf = one_page(
        vec![
            ("F1", simple_font("ABCDEF+.VnTime", "WinAnsiEncoding".into(), None)),
            ("F2", simple_font(".VnTimeH,Bold", "WinAnsiEncoding".into(), None)),
        ],
        vec![],
        &content,
        dictionary! {},
    );
    let doc = run(&pdf);
    assert_eq!(
        page_text(&doc),
        "Độc lập - Tự do - Hạnh phúc\nNGHỊ QUYẾT\nCăn cứ Luật Tổ chức chính quyền địa phương"
    );
    assert_eq!(doc.pages[0].layer, PageLayer::Digital);
}

#[test]
fn vni_marks_join_their_letters() {
    // VNI mark glyphs have no advance; they sit on the preceding letter.
    let mut widths = vec![500i64; 224];
    for b in [
        0xF9u8, 0xF8, 0xFB, 0xF5, 0xEF, 0xE2, 0xEA, 0xE1, 0xE0, 0xE5, 0xE3, 0xE4, 0xE9, 0xE8, 0xFA, 0xFC,
        0xEB,
    ] {
        widths[usize::from(b) - 32] = 0;
    }
    let font = simple_font("VNI-Times", "WinAnsiEncoding".into(), Some((32, widths)));
    let content = show("F1", 12, 72, 760, &cp1252("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam ngöôøi"));
    let doc = run(&one_page(vec![("F1", font)], vec![], &content, dictionary! {}));
    assert_eq!(page_text(&doc), "Cộng hòa xã hội chủ nghĩa Việt Nam người");
}

#[test]
fn differences_with_vietnamese_glyph_names() {
    let enc = dictionary! {
        "Type" => "Encoding",
        "BaseEncoding" => "WinAnsiEncoding",
        "Differences" => vec![
            128.into(), "uni1EC7".into(), "ohornacute".into(), "Acircumflexdotbelow".into(), "dcroat".into(),
            "u1EA1".into(),
        ],
    };
    let font = simple_font("Custom-Regular", Object::Dictionary(enc), None);
    let content = show("F1", 12, 72, 760, b"vi\x80t m\x81i \x82P \x83\x84i");
    let doc = run(&one_page(vec![("F1", font)], vec![], &content, dictionary! {}));
    assert_eq!(page_text(&doc), "việt mới ẬP đại");
}

#[test]
fn type3_font_with_its_matrix() {
    let enc = dictionary! { "Type" => "Encoding", "Differences" => vec![65.into(), "Ecircumflexacute".into(), "n".into(), "space".into(), "a".into()] };
    let font = Object::Dictionary(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type3",
        "FontMatrix" => vec![0.01.into(), 0.into(), 0.into(), 0.01.into(), 0.into(), 0.into()],
        "FontBBox" => vec![0.into(), 0.into(), 100.into(), 100.into()],
        "CharProcs" => dictionary! {},
        "Encoding" => enc,
        "FirstChar" => 65,
        "LastChar" => 68,
        "Widths" => vec![60.into(), 55.into(), 25.into(), 50.into()],
    });
    let content = show("T3", 12, 72, 760, b"ABCDBCAB");
    let doc = run(&one_page(vec![("T3", font)], vec![], &content, dictionary! {}));
    assert_eq!(page_text(&doc), "Ến an Ến");
}

fn type0_font(to_unicode: &[u8], widths: Vec<Object>) -> (Object, Stream) {
    let tu = Stream::new(dictionary! {}, to_unicode.to_vec());
    let font = dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => "GlyphLessFont",
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![Object::Dictionary(dictionary! {
            "Type" => "Font",
            "Subtype" => "CIDFontType2",
            "BaseFont" => "GlyphLessFont",
            "CIDSystemInfo" => dictionary! {
                "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal("Identity"),
                "Supplement" => 0,
            },
            "DW" => 500,
            "W" => widths,
        })],
    };
    (Object::Dictionary(font), tu)
}

/// Attaches a ToUnicode stream to a Type0 font built by [`type0_font`] and
/// returns the page bytes.
fn with_type0(to_unicode: &[u8], content: &[u8], xobjects: Vec<(&str, Stream)>) -> Vec<u8> {
    let (font, tu) = type0_font(to_unicode, vec![]);
    // Embed the ToUnicode stream directly: build the document by hand.
    let mut doc = Document::load_mem(&one_page(vec![("F1", font)], xobjects, content, dictionary! {}))
        .expect("own PDF");
    let tu_id = doc.add_object(tu);
    let font_id = doc
        .objects
        .iter()
        .find(|(_, o)| {
            o.as_dict().is_ok_and(|d| d.get(b"Subtype").ok() == Some(&Object::Name(b"Type0".to_vec())))
        })
        .map(|(id, _)| *id)
        .expect("the Type0 font");
    if let Ok(Object::Dictionary(d)) = doc.get_object_mut(font_id) {
        d.set("ToUnicode", tu_id);
    }
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("in-memory save");
    out
}

const TO_UNICODE_ARRAY_FORM: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfrange
<0001> <0004> [<0056> <0069> <1EC7> <0074>]
<0010> <0012> <0061>
endbfrange
2 beginbfchar <0020> <0020> <0030> <00660069> endbfchar
endcmap end end";

#[test]
fn tounicode_bfrange_array_form() {
    let content = b"BT /F1 12 Tf 72 760 Td <00010002000300040020> Tj <001000110012> Tj ET";
    let doc = run(&with_type0(TO_UNICODE_ARRAY_FORM, content, vec![]));
    assert_eq!(page_text(&doc), "Việt abc");
}

#[test]
fn ocr_layer_in_form_xobject_is_ocr() {
    // As OCRmyPDF writes it: the page draws an image and a Form XObject
    // whose stream shows invisible text (render mode 3), each word followed
    // by a space glyph and a move.
    let form_content =
        b"BT 3 Tr /F1 12 Tf 1 0 0 1 72 760 Tm <000100020003000400200020> Tj 40 0 Td <0010001100120020> Tj ET";
    let form = Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Matrix" => vec![1.into(), 0.into(), 0.into(), 1.into(), 0.into(), 0.into()],
        },
        form_content.to_vec(),
    );
    let page_content = b"q 1 0 0 1 0 0 cm /OCR Do Q";
    // The form has no /Resources of its own: it uses the page's.
    let doc = run(&with_type0(TO_UNICODE_ARRAY_FORM, page_content, vec![("OCR", form)]));
    assert_eq!(page_text(&doc), "Việt abc");
    assert_eq!(doc.pages[0].layer, PageLayer::Ocr);
}

/// A one-page PDF whose content is "/X Do", where `X` is the Form XObject
/// that `add_form` puts into the document (it may refer to itself or to
/// other forms it adds).
fn page_drawing_form(add_form: impl FnOnce(&mut Document) -> lopdf::ObjectId) -> Vec<u8> {
    crate::util::one_page_pdf(vec![], vec![], b"/X Do", dictionary! {}, |doc, page_id| {
        let form_id = add_form(doc);
        let resources = doc
            .get_object_mut(page_id)
            .and_then(Object::as_dict_mut)
            .and_then(|page| page.get_mut(b"Resources"))
            .and_then(Object::as_dict_mut)
            .expect("the page has resources");
        resources.set("XObject", dictionary! { "X" => form_id });
    })
}

#[test]
fn self_drawing_form_does_not_loop() {
    let pdf = page_drawing_form(|doc| {
        let form_id = doc.new_object_id();
        let form = Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Form",
                "BBox" => vec![0.into(), 0.into(), 10.into(), 10.into()],
                "Resources" => dictionary! { "XObject" => dictionary! { "X" => form_id } },
            },
            b"/X Do".to_vec(),
        );
        doc.objects.insert(form_id, Object::Stream(form));
        form_id
    });
    let raw = run(&pdf);
    assert_eq!(raw.pages.len(), 1);
    assert_eq!(raw.pages[0].layer, PageLayer::None);
    assert!(raw.warnings.iter().any(|w| w.code == "pdf_content"), "{:?}", raw.warnings);
}

#[test]
fn rotated_page_reads_upright() {
    // Content drawn for a page displayed with /Rotate 90: the text runs
    // up the unrotated page, which becomes left-to-right once rotated.
    let font = simple_font("Helvetica", "WinAnsiEncoding".into(), None);
    let mut content = Vec::new();
    for (i, line) in
        ["QUYET DINH", "Dieu 1. Ban hanh kem theo", "Dieu 2. Hieu luc thi hanh"].iter().enumerate()
    {
        let x = 100 + 20 * i as u32;
        content.extend(format!("BT /F1 12 Tf 0 1 -1 0 {x} 100 Tm ").into_bytes());
        content.extend(lit(line.as_bytes()));
        content.extend(b" Tj ET\n");
    }
    let doc = run(&one_page(vec![("F1", font)], vec![], &content, dictionary! { "Rotate" => 90 }));
    assert_eq!(page_text(&doc), "QUYET DINH\nDieu 1. Ban hanh kem theo\nDieu 2. Hieu luc thi hanh");
}

#[test]
fn tesseract_words_give_single_spaces_and_mixed_layers() {
    // Visible title + invisible OCR words each ending in a space glyph.
    let font = simple_font("Helvetica", "WinAnsiEncoding".into(), None);
    let content = b"BT /F1 14 Tf 250 800 Td (KE HOACH) Tj ET
BT 3 Tr /F1 12 Tf 72 760 Td 80 Tz (Can ) Tj 30 0 Td (cu ) Tj 25 0.4 Td (Luat) Tj ET";
    let doc = run(&one_page(vec![("F1", font)], vec![], content, dictionary! {}));
    assert_eq!(page_text(&doc), "KE HOACH\nCan cu Luat");
    assert_eq!(doc.pages[0].layer, PageLayer::Mixed);
}

#[test]
fn page_numbers_are_kept_out() {
    let font = simple_font("Helvetica", "WinAnsiEncoding".into(), None);
    let content = b"BT /F1 12 Tf 290 810 Td (- 2 -) Tj ET
BT /F1 12 Tf 72 760 Td (Dieu 3. To chuc thuc hien) Tj ET
BT /F1 12 Tf 72 740 Td (Van phong UBND tinh theo doi.) Tj ET
BT /F1 10 Tf 540 30 Td (2) Tj ET";
    let doc = run(&one_page(vec![("F1", font)], vec![], content, dictionary! {}));
    assert_eq!(page_text(&doc), "Dieu 3. To chuc thuc hien\nVan phong UBND tinh theo doi.");
}

#[test]
fn unmapped_codes_are_counted_not_invented() {
    // Identity-H without ToUnicode: the codes mean nothing we can know.
    let (font, _) = type0_font(b"", vec![]);
    let content = b"BT /F1 12 Tf 72 760 Td <0102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F202122232425262728292A2B2C2D2E2F30> Tj ET";
    let doc = run(&one_page(vec![("F1", font)], vec![], content, dictionary! {}));
    assert_eq!(page_text(&doc), "");
    assert!(doc.warnings.iter().any(|w| w.code == "unmapped_glyphs"));
    assert!(doc.warnings.iter().any(|w| w.code == "unusable_text_layer"));
    assert_eq!(doc.pages[0].layer, PageLayer::Unusable);
}

#[test]
fn cyrillic_shifted_layer_is_unusable() {
    // A ToUnicode that maps every code 0x360 above the truth: Latin turns
    // into Cyrillic, as in files made by broken converters.
    let mut cmap = b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n1 beginbfrange <0041> <007A> <0400> endbfrange".to_vec();
    cmap.extend(b"\n1 beginbfchar <0020> <0020> endbfchar");
    let text = "Can cu Luat To chuc chinh quyen dia phuong ngay nam Theo de nghi cua So Noi vu tinh";
    let hex: String = text.chars().map(|c| format!("{:04X}", u32::from(c))).collect();
    let content = format!("BT /F1 12 Tf 72 760 Td <{hex}> Tj ET");
    let doc = run(&with_type0(&cmap, content.as_bytes(), vec![]));
    assert_eq!(doc.pages[0].layer, PageLayer::Unusable, "{:?}", doc.pages[0].text);
    assert_eq!(page_text(&doc), "");
}

#[test]
fn not_a_pdf_and_broken_pdfs() {
    assert!(matches!(extract(b"hello", &PdfOptions::default()), Err(PdfError::NotPdf)));
    // Every prefix of a valid PDF either opens or fails cleanly.
    let font = simple_font("Helvetica", "WinAnsiEncoding".into(), None);
    let pdf =
        one_page(vec![("F1", font)], vec![], b"BT /F1 12 Tf 72 760 Td (Nghi quyet) Tj ET", dictionary! {});
    for cut in (0..pdf.len()).step_by(7) {
        let _ = extract(&pdf[..cut], &PdfOptions::default());
    }
}

#[test]
fn stream_limits_and_deadline() {
    let font = simple_font("Helvetica", "WinAnsiEncoding".into(), None);
    let mut content = Vec::new();
    for i in 0..200 {
        content.extend(
            format!("BT /F1 10 Tf 72 {} Td (Dong so {i} cua van ban) Tj ET\n", 800 - (i % 70) * 11)
                .into_bytes(),
        );
    }
    let pdf = one_page(vec![("F1", font)], vec![], &content, dictionary! {});
    let small = PdfOptions { max_stream_bytes: 1000, ..PdfOptions::default() };
    let doc = extract(&pdf, &small).expect("opens");
    assert_eq!(doc.pages[0].text, "");
    let past = PdfOptions { deadline: Some(std::time::Instant::now()), ..PdfOptions::default() };
    let doc = extract(&pdf, &past).expect("opens");
    assert_eq!(doc.pages.len(), 1);
    assert!(doc.warnings.iter().any(|w| w.code == "deadline"));
    // A cancelled request stops the PDF stage as a passed deadline does,
    // long before its own deadline (serve raises the flag when the client
    // has gone).
    let flag = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let far = Some(std::time::Instant::now() + std::time::Duration::from_secs(3600));
    let cancelled = PdfOptions { deadline: far, cancel: Some(flag.clone()), ..PdfOptions::default() };
    let doc = extract(&pdf, &cancelled).expect("opens");
    assert!(doc.warnings.iter().any(|w| w.code == "deadline"), "{:?}", doc.warnings);
    assert_eq!(doc.pages[0].text, "");
    flag.store(false, std::sync::atomic::Ordering::Relaxed);
    let doc = extract(&pdf, &cancelled).expect("opens");
    assert!(!doc.warnings.iter().any(|w| w.code == "deadline"), "{:?}", doc.warnings);
    let whole = extract(&pdf, &PdfOptions::default()).expect("opens");
    assert!(!whole.pages[0].text.is_empty());
    assert_eq!(doc.pages[0].text, whole.pages[0].text);
}

fn pdfs_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            pdfs_under(&p, out);
        } else if p.extension().is_some_and(|x| x.eq_ignore_ascii_case("pdf")) {
            out.push(p);
        }
    }
}

#[test]
fn every_pdf_in_fixtures_and_dev_corpus_comes_out() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [
        root.join("fixtures"),
        root.join("../shared/corpus/dev/pdfs"),
        PathBuf::from("/work/shared/corpus/dev/pdfs"),
    ] {
        pdfs_under(&dir, &mut files);
    }
    // ../shared and /work/shared are the same folder on a developer's
    // machine: read each file once.
    let mut files: Vec<PathBuf> = files.into_iter().map(|f| f.canonicalize().unwrap_or(f)).collect();
    files.sort();
    files.dedup();
    for f in files {
        let bytes = std::fs::read(&f).expect("readable");
        match extract(&bytes, &PdfOptions::default()) {
            Ok(doc) => {
                assert!(!doc.pages.is_empty(), "{}: no pages", f.display());
                for p in &doc.pages {
                    assert!(!p.text.contains("  "), "{}: double space on page {}", f.display(), p.number);
                }
            }
            Err(e) => assert!(matches!(e, PdfError::Encrypted), "{}: {e}", f.display()),
        }
    }
}

#[test]
fn dev_corpus_layers() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dev/pdfs");
    let base = if base.exists() { base } else { PathBuf::from("/work/shared/corpus/dev/pdfs") };
    let mut garbled = Vec::new();
    pdfs_under(&base.join("garbled-text-layer"), &mut garbled);
    for f in garbled {
        let doc = run(&std::fs::read(&f).expect("readable"));
        assert!(
            doc.pages.iter().all(|p| p.layer == PageLayer::Unusable && p.text.is_empty()),
            "{}",
            f.display()
        );
    }
    let mut scanned = Vec::new();
    pdfs_under(&base.join("scanned"), &mut scanned);
    for f in scanned {
        let doc = run(&std::fs::read(&f).expect("readable"));
        assert!(doc.pages.iter().all(|p| p.layer == PageLayer::None && p.text.is_empty()), "{}", f.display());
    }
    let mut tcvn3 = Vec::new();
    pdfs_under(&base.join("tcvn3"), &mut tcvn3);
    for f in tcvn3 {
        let doc = run(&std::fs::read(&f).expect("readable"));
        let text: String = doc.pages.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join("\n");
        assert!(text.contains("Độc lập - Tự do - Hạnh phúc"), "{}", f.display());
        assert!(!text.contains('§') && !text.contains('¸'), "{}: TCVN3 bytes left", f.display());
    }
}

#[test]
fn corrupted_bytes_never_panic() {
    // Deterministic byte damage (xorshift) all over a small valid PDF with
    // a compressed content stream, a Type0 font and a Form XObject.
    let font = simple_font(".VnTime", "WinAnsiEncoding".into(), None);
    let plain = one_page(
        vec![("F1", font)],
        vec![],
        &show("F1", 12, 72, 760, &cp1252("§éc lËp - Tù do")),
        dictionary! {},
    );
    let mut doc = Document::load_mem(&plain).expect("own PDF");
    doc.compress();
    let mut base = Vec::new();
    doc.save_to(&mut base).expect("save");
    assert_eq!(page_text(&run(&base)), "Độc lập - Tự do");
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..300 {
        let mut pdf = base.clone();
        for _ in 0..(next() % 6 + 1) {
            let at = (next() % pdf.len() as u64) as usize;
            pdf[at] = (next() & 0xFF) as u8;
        }
        let _ = extract(&pdf, &PdfOptions::default());
    }
}

#[test]
fn actual_text_replaces_its_glyphs() {
    // A ligature glyph and a decomposed letter, each wrapped in a span
    // whose /ActualText gives the real text (UTF-16BE with BOM).
    let font = simple_font("Helvetica", "WinAnsiEncoding".into(), None);
    let content =
        b"BT /F1 12 Tf 72 760 Td (Ng) Tj /Span <</ActualText <FEFF1EC7>>> BDC (e.) Tj EMC (n) Tj ET";
    let doc = run(&one_page(vec![("F1", font)], vec![], content, dictionary! {}));
    assert_eq!(page_text(&doc), "Ngện");
}

/// A PDF with one page per content stream, all sharing font `F1`
/// (Helvetica) and an ExtGState `GS1` that sets it at 12 pt.
pub(crate) fn pages(contents: &[Vec<u8>]) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(simple_font("Helvetica", "WinAnsiEncoding".into(), None));
    let mut kids = Vec::new();
    for c in contents {
        let content_id = doc.add_object(Stream::new(dictionary! {}, c.clone()));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
            "Resources" => dictionary! {
                "Font" => dictionary! { "F1" => font },
                "ExtGState" => dictionary! { "GS1" => dictionary! { "Font" => vec![font.into(), 12.into()] } },
            },
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        kids.push(Object::from(page));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("in-memory save");
    out
}

#[test]
fn running_headers_are_kept_out_and_pages_stay_apart() {
    let contents: Vec<Vec<u8>> = (1..=4)
        .map(|n| {
            format!(
                "BT /F1 9 Tf 200 815 Td (Ke hoach so 12/KH-UBND ngay 03/3/2025) Tj ET
                 BT /GS1 gs 72 760 Td (Noi dung trang {n} cua ke hoach) Tj ET
                 BT /F1 9 Tf 290 30 Td (Trang {n}/4) Tj ET"
            )
            .into_bytes()
        })
        .collect();
    let doc = run(&pages(&contents));
    let texts: Vec<&str> = doc.pages.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Noi dung trang 1 cua ke hoach",
            "Noi dung trang 2 cua ke hoach",
            "Noi dung trang 3 cua ke hoach",
            "Noi dung trang 4 cua ke hoach"
        ]
    );
    assert_eq!(doc.pages.iter().map(|p| p.number).collect::<Vec<_>>(), [1, 2, 3, 4]);
}

#[test]
fn decompression_bomb_is_refused() {
    // 4 MiB of spaces and one line of text compress ~1000:1; with a ratio
    // limit of 10 the content stream is refused and the page comes out
    // empty with a warning instead of inflating.
    let mut content = vec![b' '; 4 << 20];
    content.extend(b"BT /F1 12 Tf 72 760 Td (Nghi quyet) Tj ET");
    let font = simple_font("Helvetica", "WinAnsiEncoding".into(), None);
    let plain = one_page(vec![("F1", font)], vec![], &content, dictionary! {});
    let mut doc = Document::load_mem(&plain).expect("own PDF");
    doc.compress();
    let mut bomb = Vec::new();
    doc.save_to(&mut bomb).expect("save");
    assert!(bomb.len() < 64 << 10, "compressed to {} bytes", bomb.len());
    assert_eq!(page_text(&run(&bomb)), "Nghi quyet", "the default ratio allows Flate's maximum");
    let strict = PdfOptions { max_ratio: 10, ..PdfOptions::default() };
    let out = extract(&bomb, &strict).expect("opens");
    assert_eq!(out.pages[0].text, "");
    assert!(out.warnings.iter().any(|w| w.code == "stream_too_large"), "{:?}", out.warnings);
}

fn encrypted(user_password: &str) -> Vec<u8> {
    let font = simple_font("Helvetica", "WinAnsiEncoding".into(), None);
    let plain =
        one_page(vec![("F1", font)], vec![], b"BT /F1 12 Tf 72 760 Td (Nghi quyet) Tj ET", dictionary! {});
    let mut doc = Document::load_mem(&plain).expect("own PDF");
    let id = Object::String(b"0123456789abcdef".to_vec(), lopdf::StringFormat::Hexadecimal);
    doc.trailer.set("ID", vec![id.clone(), id]);
    let version = lopdf::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner-secret",
        user_password,
        key_length: 128,
        permissions: lopdf::Permissions::all(),
    };
    let state = lopdf::EncryptionState::try_from(version).expect("encryption state");
    doc.encrypt(&state).expect("encrypt");
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save");
    out
}

#[test]
fn encrypted_files() {
    // Empty user password: opened and read like any other file.
    assert_eq!(page_text(&run(&encrypted(""))), "Nghi quyet");
    // A real user password: refused with its own error.
    assert!(matches!(extract(&encrypted("user-secret"), &PdfOptions::default()), Err(PdfError::Encrypted)));
}

#[test]
fn legacy_detection_by_content_and_its_limits() {
    // A TCVN3 text in a font whose name says nothing: found by statistics.
    let tcvn = cp1252("C¨n cø LuËt Tæ chøc chÝnh quyÒn ®Þa ph\u{ad}¬ng ngµy 19 th¸ng 6 n¨m 2015; theo ®Ò nghÞ cña Së Néi vô");
    let doc = run(&one_page(
        vec![("F1", simple_font("Arial", "WinAnsiEncoding".into(), None))],
        vec![],
        &show("F1", 12, 40, 760, &tcvn),
        dictionary! {},
    ));
    assert_eq!(
        page_text(&doc),
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; theo đề nghị của Sở Nội vụ"
    );
    // Spanish in the same kind of font stays Spanish.
    let spanish = cp1252("El año pasado también hubo más lluvias en Córdoba; según el informe, la situación está mejorando en la región y algún río creció.");
    // (Among Vietnamese lines, so that the page as a whole is Vietnamese
    // and not withheld as a foreign-language layer.)
    let mut content = show("F1", 9, 40, 760, &spanish);
    for (i, line) in [
        "Can cu Luat To chuc chinh quyen dia phuong ngay 19 thang 6 nam 2015",
        "Theo de nghi cua So Noi vu tai To trinh so 12 ngay 3 thang 3 nam nay",
        "Uy ban nhan dan tinh ban hanh ke hoach thuc hien nhu sau",
    ]
    .iter()
    .enumerate()
    {
        content.extend(show("F2", 11, 40, 740 - 20 * i as u32, line.as_bytes()));
    }
    let doc = run(&one_page(
        vec![
            ("F1", simple_font("Arial", "WinAnsiEncoding".into(), None)),
            ("F2", simple_font("Helvetica", "WinAnsiEncoding".into(), None)),
        ],
        vec![],
        &content,
        dictionary! {},
    ));
    assert!(page_text(&doc).contains("El año pasado también"), "{}", page_text(&doc));
    // A font named like a TCVN3 font whose ToUnicode already gives
    // Vietnamese Unicode is not converted again.
    let cmap = b"1 begincodespacerange <0000> <FFFF> endcodespacerange
7 beginbfchar <0001> <0056> <0002> <0069> <0003> <1EC7> <0004> <0074> <0005> <00F3> <0006> <0063> <0007> <0020>
endbfchar";
    let (mut font, _) = type0_font(cmap, vec![]);
    if let Object::Dictionary(d) = &mut font {
        d.set("BaseFont", "ABCDEF+VnTime");
    }
    let mut doc = Document::load_mem(&one_page(
        vec![("F1", font)],
        vec![],
        b"BT /F1 12 Tf 72 760 Td <0001000200030004000700060005> Tj ET",
        dictionary! {},
    ))
    .expect("own PDF");
    let tu_id = doc.add_object(Stream::new(dictionary! {}, cmap.to_vec()));
    for obj in doc.objects.values_mut() {
        if let Object::Dictionary(d) = obj {
            if d.get(b"Subtype").ok() == Some(&Object::Name(b"Type0".to_vec())) {
                d.set("ToUnicode", tu_id);
            }
        }
    }
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("save");
    // Read as TCVN3, "có" would become "cú".
    assert_eq!(page_text(&run(&bytes)), "Việt có");
}

#[test]
fn forms_drawing_each_other_many_times_stay_bounded() {
    // Twelve levels of forms, each drawing the next fifty times: 50^12
    // paths if followed naively. The operator budget stops it.
    let pdf = page_drawing_form(|doc| {
        let mut next: Option<lopdf::ObjectId> = None;
        for _ in 0..12 {
            let (content, resources) = match next {
                Some(id) => {
                    ("/X Do ".repeat(50).into_bytes(), dictionary! { "XObject" => dictionary! { "X" => id } })
                }
                None => (b"0 0 m 1 1 l S".to_vec(), dictionary! {}),
            };
            let form = Stream::new(
                dictionary! {
                    "Type" => "XObject", "Subtype" => "Form",
                    "BBox" => vec![0.into(), 0.into(), 10.into(), 10.into()],
                    "Resources" => resources,
                },
                content,
            );
            next = Some(doc.add_object(form));
        }
        next.expect("forms")
    });
    let raw = run(&pdf);
    assert_eq!(raw.pages[0].layer, PageLayer::None);
    assert!(raw.warnings.iter().any(|w| w.message.contains("too many operators")), "{:?}", raw.warnings);
}

/// Born-digital pages are not repaired: their text comes from the fonts,
/// so a change there can only be damage. The same sentence read as plain
/// text (as OCR output would be) is repaired, which shows the pipeline
/// would otherwise have changed it.
#[test]
fn born_digital_pages_are_not_repaired() {
    // "Sở Nội vụ chủ trì, phối hợp vói các cơ quan liên quan." in TCVN3.
    let line = b"S\xEB N\xE9i v\xF4 ch\xF1 tr\xD7, ph\xE8i h\xEEp v\xE3i c\xB8c c\xAC quan li\xAAn quan.";
    let font = simple_font(".VnTime", "WinAnsiEncoding".into(), None);
    let pdf = one_page(vec![("F1", font)], vec![], &show("F1", 12, 72, 760, line), dictionary! {});
    let pipeline = nghiquyet::Pipeline::builder().build();
    let digital = pipeline.process_bytes(Path::new("digital.pdf"), &pdf);
    assert_eq!(digital.text, "Sở Nội vụ chủ trì, phối hợp vói các cơ quan liên quan.");
    assert!(digital.repairs.is_empty(), "{:?}", digital.repairs);
    let plain = pipeline.process_bytes(Path::new("ocr.txt"), digital.text.as_bytes());
    assert_eq!(plain.text, "Sở Nội vụ chủ trì, phối hợp với các cơ quan liên quan.");
}
