//! Stage 1: PDF bytes → pages of Unicode text, with each page's text layer.
//!
//! Owns everything that knows about PDF: loading with `lopdf`, limits on
//! decompression and recursion, fonts and encodings, layout. It hands the
//! next stage a [`RawDocument`]: plain page texts plus per-page facts, and
//! knows nothing of Vietnamese repair or parsing.

mod cmap;
mod content;
mod encoding;
mod font;
pub mod fuzzing;
mod layout;
mod legacy;
mod lexer;
pub(crate) mod objects;
mod quality;
mod scan;
mod truetype;

pub use scan::{PageScan, ScanImage, ScanWanted};

use crate::schema::{PageLayer, Warning, WarningCode};
use content::{FontTable, Glyph, Interpreter, Matrix, PageContent};
use legacy::Legacy;
use lopdf::{Dictionary, Document, Object, ObjectId};
use objects::{as_dict, get, resolve, Budget};
use rayon::prelude::*;
use regex::Regex;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::LazyLock;
use std::time::Instant;

/// Limits and switches for reading one PDF.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    /// Largest decompressed size of any one stream, in bytes.
    pub max_stream_bytes: usize,
    /// Largest decompressed size of all streams of the document together.
    pub max_total_bytes: usize,
    /// Largest ratio of decompressed to stored size of a stream (Flate
    /// cannot exceed about 1032:1, so a higher ratio means a crafted
    /// stream); streams under 1 MiB decompressed are always allowed.
    pub max_ratio: usize,
    /// Deepest nesting of Form XObjects followed.
    pub max_form_depth: usize,
    /// Give up (with the pages read so far) after this instant.
    pub deadline: Option<Instant>,
    /// Give up as soon as this flag is set (`serve` sets it when the
    /// request the document is read for has ended).
    pub cancel: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
}

impl PdfOptions {
    /// The deadline and the cancel flag as one check.
    fn stop(&self) -> crate::stop::Deadline {
        crate::stop::Deadline::new(self.deadline, self.cancel.clone())
    }
}

impl Default for PdfOptions {
    fn default() -> PdfOptions {
        PdfOptions {
            max_stream_bytes: 64 << 20,
            max_total_bytes: 512 << 20,
            max_ratio: 2100,
            max_form_depth: 12,
            deadline: None,
            cancel: None,
        }
    }
}

/// What the PDF stage read from one document.
#[derive(Debug, Clone, Default)]
pub struct RawDocument {
    /// Pages in document order, one entry per page of the PDF.
    pub pages: Vec<RawPage>,
    /// Problems that did not stop the document.
    pub warnings: Vec<Warning>,
}

/// One page's text.
#[derive(Debug, Clone)]
pub struct RawPage {
    /// 1-based page number.
    pub number: u32,
    /// Text in reading order, lines separated by `\n` (empty for
    /// image-only or unusable pages).
    pub text: String,
    /// Where the text came from.
    pub layer: PageLayer,
}

/// Why a PDF could not be opened at all.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PdfError {
    /// The bytes are not a PDF.
    #[error("not a PDF file")]
    NotPdf,
    /// Encrypted with a password we do not have.
    #[error("encrypted PDF (a password is needed to read it)")]
    Encrypted,
    /// Broken beyond what the parser can recover.
    #[error("malformed PDF: {0}")]
    Malformed(String),
}

impl PdfError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        self.error_code().as_str()
    }

    /// The code as one of the [`crate::schema::ErrorCode`] list.
    pub fn error_code(&self) -> crate::schema::ErrorCode {
        use crate::schema::ErrorCode;
        match self {
            PdfError::NotPdf => ErrorCode::NotAPdf,
            PdfError::Encrypted => ErrorCode::Encrypted,
            PdfError::Malformed(_) => ErrorCode::MalformedPdf,
        }
    }
}

/// Decodes a text file written in a pre-Unicode Vietnamese encoding
/// (TCVN3, VNI, VISCII) with the same tables and the same content test as
/// legacy PDF fonts; `None` when the bytes do not read as one.
///
/// Only for bytes that are not valid UTF-8: such files were typed in the
/// legacy encodings' era and each byte is one cp1252 code point, exactly
/// what a legacy font's text decodes to in a PDF.
pub fn decode_legacy_text(bytes: &[u8]) -> Option<(&'static str, String)> {
    let decoded: String =
        bytes.iter().map(|&b| encoding::win_ansi(b).unwrap_or(char::REPLACEMENT_CHARACTER)).collect();
    let sample: String = decoded.chars().take(LEGACY_SAMPLE_CHARS).collect();
    let enc = legacy::detect_by_content(&sample)?;
    Some((enc.name(), legacy::convert(enc, &decoded)))
}

/// Characters of a text file looked at to detect its legacy encoding (the
/// same amount as sampled per PDF font).
const LEGACY_SAMPLE_CHARS: usize = 20_000;

fn warn(page: Option<u32>, code: WarningCode, message: String) -> Warning {
    Warning { code, page, message }
}

/// Reads every page of a PDF.
///
/// # Errors
/// [`PdfError`] when the file cannot be opened at all; a page that cannot be
/// read becomes an empty page plus a warning, and the others still come out.
pub fn extract(bytes: &[u8], options: &PdfOptions) -> Result<RawDocument, PdfError> {
    Ok(open(bytes, options)?.read())
}

/// A PDF loaded once, under the stage's limits, for its text and for the
/// pictures of the pages OCR reads.
#[derive(Debug)]
pub struct PdfFile {
    doc: Document,
    options: PdfOptions,
}

impl PdfFile {
    /// Reads every page's text (see [`extract`]).
    pub fn read(&self) -> RawDocument {
        read_pages(&self.doc, &self.options)
    }

    /// The picture of page `number` (1-based) for OCR: its one scanned
    /// image when it has one, else how to render it. Its streams are
    /// decoded under the same per-stream limits as the text.
    pub fn page_scan(&self, number: u32, wanted: &ScanWanted) -> PageScan {
        let Some(&id) = self.doc.get_pages().get(&number) else {
            return PageScan::Render { dpi: wanted.render_dpi };
        };
        let o = &self.options;
        let budget = Budget::new(o.max_stream_bytes, o.max_stream_bytes, o.max_ratio);
        catch_unwind(AssertUnwindSafe(|| scan::page_scan(&self.doc, id, wanted, &budget)))
            .unwrap_or(PageScan::Render { dpi: wanted.render_dpi })
    }
}

/// Loads a PDF under `options`' limits.
///
/// # Errors
/// [`PdfError`] when the file cannot be opened at all.
pub fn open(bytes: &[u8], options: &PdfOptions) -> Result<PdfFile, PdfError> {
    let head = bytes.get(..bytes.len().min(1024)).unwrap_or(bytes);
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(PdfError::NotPdf);
    }
    let load_options = lopdf::LoadOptions {
        max_decompressed_size: Some(options.max_stream_bytes),
        ..lopdf::LoadOptions::default()
    };
    let doc = catch_unwind(|| Document::load_mem_with_options(bytes, load_options))
        .map_err(|_| PdfError::Malformed("the PDF parser failed on this file".into()))?
        .map_err(|e| match e {
            lopdf::Error::InvalidPassword | lopdf::Error::Decryption(_) => PdfError::Encrypted,
            e => PdfError::Malformed(e.to_string()),
        })?;
    // lopdf decrypts on load when the user password is empty; a document
    // still encrypted afterwards needs a password we do not have.
    if doc.is_encrypted() {
        return Err(PdfError::Encrypted);
    }
    Ok(PdfFile { doc, options: options.clone() })
}

/// One page after interpretation, before legacy conversion and layout.
struct Interpreted {
    number: u32,
    content: PageContent,
    failed: bool,
    height: f32,
}

fn read_pages(doc: &Document, options: &PdfOptions) -> RawDocument {
    let budget = Budget::new(options.max_stream_bytes, options.max_total_bytes, options.max_ratio);
    let mut fonts = FontTable::default();
    let mut raw = RawDocument::default();
    let mut pages: Vec<Interpreted> = Vec::new();
    let mut out_of_time = false;
    let stop = options.stop();
    for (&number, &page_id) in doc.get_pages().iter() {
        let height = doc.get_dictionary(page_id).map_or(0.0, |page| page_height(doc, page));
        if !out_of_time && stop.passed() {
            out_of_time = true;
            raw.warnings.push(warn(
                Some(number),
                WarningCode::Deadline,
                format!("time limit reached before page {number}"),
            ));
        }
        if out_of_time {
            pages.push(Interpreted { number, content: PageContent::default(), failed: true, height });
            continue;
        }
        let over_budget_before = budget.exceeded.get();
        let result =
            catch_unwind(AssertUnwindSafe(|| interpret_page(doc, page_id, &mut fonts, &budget, options)));
        let (content, failed) = match result {
            Ok(Some(c)) => (c, false),
            Ok(None) => {
                raw.warnings.push(warn(
                    Some(number),
                    WarningCode::PageUnreadable,
                    format!("page {number}: no page dictionary"),
                ));
                (PageContent::default(), true)
            }
            Err(_) => {
                raw.warnings.push(warn(
                    Some(number),
                    WarningCode::PageUnreadable,
                    format!("page {number}: the PDF parser failed on this page"),
                ));
                (PageContent::default(), true)
            }
        };
        for p in &content.problems {
            raw.warnings.push(warn(Some(number), WarningCode::PdfContent, format!("page {number}: {p}")));
        }
        if content.limit_hit || budget.exceeded.get() != over_budget_before {
            raw.warnings.push(warn(
                Some(number),
                WarningCode::ResourceLimit,
                format!("page {number}: a safety limit was reached; the page is not rendered for OCR"),
            ));
        }
        if content.timed_out {
            out_of_time = true;
            raw.warnings.push(warn(
                Some(number),
                WarningCode::Deadline,
                format!("time limit reached on page {number}"),
            ));
        }
        pages.push(Interpreted { number, content, failed, height });
    }
    if budget.exceeded.get() {
        raw.warnings.push(warn(
            None,
            WarningCode::StreamTooLarge,
            "a stream exceeded the decompression limit".into(),
        ));
    }
    let legacy = legacy_fonts(&fonts, &pages);
    // Layout is a function of one page's glyphs: pages are laid out in
    // parallel (a large document no longer keeps one core busy while the
    // other waits) and collected in page order, so the result is the same
    // whatever the number of threads.
    let laid: Vec<(LaidPage, Option<Warning>)> = pages.par_iter().map(|p| lay_out(p, &legacy)).collect();
    let mut laid: Vec<LaidPage> = laid
        .into_iter()
        .map(|(page, warning)| {
            raw.warnings.extend(warning);
            page
        })
        .collect();
    strip_furniture(&mut laid);
    for LaidPage { number, lines, layer, unmapped, .. } in laid {
        let text = lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n");
        if unmapped > 0 {
            raw.warnings.push(warn(
                Some(number),
                WarningCode::UnmappedGlyphs,
                format!("page {number}: {unmapped} glyph codes have no Unicode mapping"),
            ));
        }
        match quality::unusable_reason(&text, unmapped) {
            Some(why) if layer != PageLayer::None => {
                raw.warnings.push(warn(
                    Some(number),
                    WarningCode::UnusableTextLayer,
                    format!("page {number}: text layer withheld: {why}"),
                ));
                raw.pages.push(RawPage { number, text: String::new(), layer: PageLayer::Unusable });
            }
            _ => raw.pages.push(RawPage { number, text, layer }),
        }
    }
    raw
}

/// Lays out one interpreted page; a layout that fails gives an empty page
/// and its warning.
fn lay_out(p: &Interpreted, legacy: &[Option<Legacy>]) -> (LaidPage, Option<Warning>) {
    let glyphs = &p.content.glyphs;
    // Unmapped glyphs (empty text) count: the layer exists, even if it
    // cannot be read.
    let inked = |g: &Glyph| g.text.is_empty() || !g.text.trim().is_empty();
    let visible = glyphs.iter().any(|g| !g.invisible && inked(g));
    let invisible = glyphs.iter().any(|g| g.invisible && inked(g));
    let layer = match (visible, invisible) {
        (true, true) => PageLayer::Mixed,
        (true, false) => PageLayer::Digital,
        (false, true) => PageLayer::Ocr,
        (false, false) => PageLayer::None,
    };
    let items: Vec<layout::Item> = glyphs.iter().map(|g| to_item(g, legacy)).collect();
    let (lines, warning) = match catch_unwind(AssertUnwindSafe(move || layout::layout(items))) {
        Ok(lines) => (lines, None),
        Err(_) => {
            let message = format!("page {}: layout failed", p.number);
            (Vec::new(), Some(warn(Some(p.number), WarningCode::PageUnreadable, message)))
        }
    };
    let layer = if p.failed { PageLayer::None } else { layer };
    (LaidPage { number: p.number, lines, layer, unmapped: p.content.unmapped, height: p.height }, warning)
}

/// Converts a glyph for layout, applying its font's legacy encoding.
fn to_item(g: &Glyph, legacy: &[Option<Legacy>]) -> layout::Item {
    let enc = legacy.get(g.font as usize).copied().flatten();
    let text = match enc {
        Some(e) => g.text.chars().map(|c| legacy::convert_char(e, c)).collect(),
        None => g.text.clone(),
    };
    layout::Item {
        text,
        x: g.x,
        y: g.y,
        ex: g.ex,
        ey: g.ey,
        size: g.size,
        caps_fix: matches!(enc, Some(Legacy::Tcvn3 { capitals: false })),
    }
}

/// Decides each font's legacy encoding: by name unless its text is already
/// Unicode Vietnamese, else by the statistics of its text.
fn legacy_fonts(fonts: &FontTable, pages: &[Interpreted]) -> Vec<Option<Legacy>> {
    let mut samples: Vec<String> = vec![String::new(); fonts.fonts.len()];
    for g in pages.iter().flat_map(|p| p.content.glyphs.iter()) {
        if let Some(s) = samples.get_mut(g.font as usize) {
            if s.len() < LEGACY_SAMPLE_CHARS {
                s.push_str(&g.text);
            }
        }
    }
    fonts.fonts.iter().zip(samples).map(|(f, sample)| legacy::detect(&f.name, &sample)).collect()
}

static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?ix)^ [-–—(\[]? \s* (trang \s*)? [0-9]{1,4} (\s* / \s* [0-9]{1,4})? \s* [-–—)\]]? $")
        .expect("static regex")
});

/// Share of the page height, from the top and from the bottom edge, in
/// which running headers and footers sit (A4 headers and footers of the
/// fixtures and dev PDFs sit within the outer 10 %; 15 % leaves room for
/// generous margins).
const FURNITURE_MARGIN: f32 = 0.15;

/// Drops bare page numbers and running headers/footers: the first or last
/// line of a page when it is only a number, or when the same line (digits
/// ignored) starts or ends at least three pages and half of them, and it
/// sits in the page's top or bottom margin. A page keeps all its lines
/// when every one of them would go: text repeated on every page is then
/// the page's content, not its furniture.
fn strip_furniture(pages: &mut [LaidPage]) {
    let key = |t: &str| t.chars().map(|c| if c.is_ascii_digit() { '#' } else { c }).collect::<String>();
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for page in pages.iter() {
        let mut seen = std::collections::HashSet::new();
        for l in page.lines.first().into_iter().chain(page.lines.last()) {
            if l.text.chars().count() >= 6 && seen.insert(key(&l.text)) {
                *counts.entry(key(&l.text)).or_default() += 1;
            }
        }
    }
    let n = pages.len();
    let running = |t: &str| counts.get(&key(t)).is_some_and(|&c| c >= 3 && c * 2 >= n);
    for page in pages.iter_mut() {
        let height = page.height;
        let in_margin = |l: &layout::Line| {
            height.is_nan()
                || height <= 0.0
                || l.v > height * (1.0 - FURNITURE_MARGIN)
                || l.v < height * FURNITURE_MARGIN
        };
        let furniture =
            |l: &layout::Line| in_margin(l) && (PAGE_NUMBER.is_match(l.text.trim()) || running(&l.text));
        let (mut first, mut last) = (0, page.lines.len());
        for _ in 0..2 {
            if first < last && page.lines.get(first).is_some_and(furniture) {
                first += 1;
            }
            if first < last && page.lines.get(last - 1).is_some_and(furniture) {
                last -= 1;
            }
        }
        if first < last {
            page.lines.truncate(last);
            page.lines.drain(..first);
        }
    }
}

/// A page after layout, before its text is joined.
struct LaidPage {
    number: u32,
    lines: Vec<layout::Line>,
    layer: PageLayer,
    unmapped: usize,
    /// Height of the visible page in its upright frame (0 when unknown).
    height: f32,
}

/// The visible page's height in the upright frame of [`page_matrix`].
fn page_height(doc: &Document, page: &Dictionary) -> f32 {
    let (x0, y0, x1, y1) = visible_box(doc, page);
    let rotate = inherited(doc, page, b"Rotate").and_then(|o| o.as_i64().ok()).unwrap_or(0).rem_euclid(360);
    if rotate == 90 || rotate == 270 {
        x1 - x0
    } else {
        y1 - y0
    }
}

/// The CropBox (else MediaBox, else US Letter) as `(x0, y0, x1, y1)`.
fn visible_box(doc: &Document, page: &Dictionary) -> (f32, f32, f32, f32) {
    let boxed = |key: &[u8]| {
        inherited(doc, page, key).and_then(|o| o.as_array().ok()).and_then(|a| {
            let v: Option<Vec<f32>> = a.iter().map(|o| objects::num(doc, o)).collect();
            v.filter(|v| v.len() == 4)
        })
    };
    let b = boxed(b"CropBox").or_else(|| boxed(b"MediaBox")).unwrap_or_else(|| vec![0.0, 0.0, 612.0, 792.0]);
    match b.as_slice() {
        [a, b, c, d] => (a.min(*c), b.min(*d), a.max(*c), b.max(*d)),
        _ => (0.0, 0.0, 612.0, 792.0),
    }
}

/// An inheritable page attribute (`/Resources`, `/MediaBox`, `/CropBox`,
/// `/Rotate`), looked up through the `/Parent` chain.
pub(crate) fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut dict = page;
    for _ in 0..32 {
        if let Some(o) = get(doc, dict, key) {
            return Some(o);
        }
        dict = get(doc, dict, b"Parent").and_then(as_dict)?;
    }
    None
}

/// The matrix from default user space to the upright page (y up, origin
/// at the visible box's lower left), honouring `/Rotate`.
fn page_matrix(doc: &Document, page: &Dictionary) -> Matrix {
    let (x0, y0, x1, y1) = visible_box(doc, page);
    let rotate = inherited(doc, page, b"Rotate").and_then(|o| o.as_i64().ok()).unwrap_or(0).rem_euclid(360);
    Matrix(match rotate {
        90 => [0.0, -1.0, 1.0, 0.0, -y0, x1],
        180 => [-1.0, 0.0, 0.0, -1.0, x1, y1],
        270 => [0.0, 1.0, -1.0, 0.0, y1, -x0],
        _ => [1.0, 0.0, 0.0, 1.0, -x0, -y0],
    })
}

/// A page's content streams decoded within `budget`, each followed by a
/// line break, and whether every one of them could be decoded.
pub(crate) fn page_content(doc: &Document, page: &Dictionary, budget: &Budget) -> (Vec<u8>, bool) {
    let streams: Vec<&Object> = match get(doc, page, b"Contents") {
        Some(Object::Array(a)) => a.iter().filter_map(|o| resolve(doc, o)).collect(),
        Some(o) => vec![o],
        None => Vec::new(),
    };
    let mut data = Vec::new();
    let mut complete = true;
    for s in streams {
        if let Object::Stream(st) = s {
            match budget.decode(st) {
                Some(d) => {
                    data.extend_from_slice(&d);
                    data.push(b'\n');
                }
                None => complete = false,
            }
        }
    }
    (data, complete)
}

fn interpret_page(
    doc: &Document,
    page_id: ObjectId,
    fonts: &mut FontTable,
    budget: &Budget,
    options: &PdfOptions,
) -> Option<PageContent> {
    let page = doc.get_dictionary(page_id).ok()?;
    let resources = inherited(doc, page, b"Resources").and_then(as_dict);
    // A stream that cannot be decoded is skipped: the others still read.
    let (data, _complete) = page_content(doc, page, budget);
    let ctm = page_matrix(doc, page);
    Some(
        Interpreter::new(doc, fonts, budget, options.max_form_depth, options.stop())
            .run(&data, resources, ctm),
    )
}
