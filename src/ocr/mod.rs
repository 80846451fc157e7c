//! Stage 1b: OCR of pages that have no usable text layer.
//!
//! Owns getting a page's picture and turning it into text with Tesseract's
//! Vietnamese model. The result is an ordinary page text (lines separated
//! by `\n`) marked [`PageLayer::Ocr`], so it flows through the same
//! normalize → repair → parse stages as any other text.
//!
//! # Why the `tesseract` program and not libtesseract
//! We run the `tesseract` executable (Debian `tesseract-ocr` +
//! `tesseract-ocr-vie`) once per page, with `OMP_THREAD_LIMIT=1`:
//! * **crash isolation** — a segfault or abort inside Tesseract or
//!   Leptonica on a hostile image kills one child process, and becomes that
//!   page's warning; linked in, it would take the whole batch down;
//! * **robustness under rayon** — no shared C handles between threads, no
//!   OpenMP threads fighting rayon's workers, and a hung page is killed at
//!   its deadline;
//! * **install on a fresh machine** — only Debian packages, no `-dev`
//!   headers, clang or bindgen at build time, and pages that need no OCR
//!   work without it: a missing engine is a per-page warning naming the
//!   packages to install.
//!
//! The process start (~0.1 s, mostly loading the model) is small next to
//! recognizing an A4 page (~1–3 s).
//!
//! # Page images
//! Where a page is one scanned image (the usual case: a scanner or
//! `img2pdf` wrote it), the image is taken straight out of the PDF with
//! lopdf and handed to Tesseract in a format Leptonica reads: JPEG
//! (DCTDecode) and JPEG 2000 as they are, CCITT G3/G4 wrapped in a TIFF
//! header, Flate/LZW/raw pixels as PNM. Anything else (JBIG2, indexed
//! colours, several images, rotated placement or a `/Rotate`d page) is
//! rendered with `pdftoppm` (Debian `poppler-utils`), which applies the
//! rotation for us.

use crate::schema::PageLayer;
use lopdf::{Dictionary, Document, Object, ObjectId};
use rayon::prelude::*;
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::LazyLock;
use std::time::{Duration, Instant};

/// When pages are OCR'd.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OcrMode {
    /// Pages with no text, or whose text layer is unusable.
    #[default]
    Auto,
    /// Never: such pages stay empty (with a warning).
    Never,
    /// Every page, replacing any text layer.
    Always,
}

/// Settings of the OCR stage.
#[derive(Debug, Clone)]
pub struct OcrOptions {
    /// When to OCR.
    pub mode: OcrMode,
    /// Tesseract language model(s), e.g. `vie` or `vie+eng`.
    pub language: String,
    /// Resolution for rendering pages that cannot be taken out directly.
    pub render_dpi: u32,
    /// Longest time one page may take.
    pub timeout_per_page: Duration,
    /// Largest decoded image accepted, in pixels (bounds memory).
    pub max_pixels: u64,
}

impl Default for OcrOptions {
    fn default() -> OcrOptions {
        OcrOptions {
            mode: OcrMode::Auto,
            language: "vie".into(),
            render_dpi: 300,
            timeout_per_page: Duration::from_secs(120),
            max_pixels: 120_000_000,
        }
    }
}

/// Why a page could not be OCR'd.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OcrError {
    /// The engine is not installed.
    #[error(
        "OCR engine not available ({0}); install it with: apt-get install tesseract-ocr tesseract-ocr-vie poppler-utils"
    )]
    EngineMissing(String),
    /// The engine runs but lacks the language model.
    #[error("Tesseract has no '{0}' model; install it with: apt-get install tesseract-ocr-vie")]
    LanguageMissing(String),
    /// The page's picture could not be obtained.
    #[error("cannot get the page image: {0}")]
    Image(String),
    /// The engine failed on this page.
    #[error("tesseract failed: {0}")]
    Engine(String),
    /// The page took longer than allowed.
    #[error("OCR gave up after {0:?}")]
    Timeout(Duration),
}

impl OcrError {
    /// Stable warning code.
    pub fn code(&self) -> &'static str {
        match self {
            OcrError::EngineMissing(_) | OcrError::LanguageMissing(_) => "ocr_unavailable",
            OcrError::Timeout(_) => "ocr_timeout",
            _ => "ocr_failed",
        }
    }
}

/// One page's OCR result.
#[derive(Debug, Clone, PartialEq)]
pub struct OcrPage {
    /// Text, lines separated by `\n`, blocks by a blank line.
    pub text: String,
    /// Mean word confidence, 0..100.
    pub mean_confidence: f32,
    /// Always [`PageLayer::Ocr`].
    pub layer: PageLayer,
}

/// The Tesseract program to run: `$NGHIQUYET_TESSERACT` or `tesseract`.
fn tesseract_program() -> String {
    std::env::var("NGHIQUYET_TESSERACT").unwrap_or_else(|_| "tesseract".into())
}

/// Languages the installed engine has, asked once per process.
static ENGINE_LANGUAGES: LazyLock<Result<Vec<String>, String>> = LazyLock::new(|| {
    let out = Command::new(tesseract_program())
        .arg("--list-langs")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run '{}': {e}", tesseract_program()))?;
    let listing = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    Ok(listing.lines().skip(1).map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()).collect())
});

/// Checks that Tesseract and every model of `language` are installed.
///
/// # Errors
/// [`OcrError::EngineMissing`] or [`OcrError::LanguageMissing`].
pub fn check_engine(language: &str) -> Result<(), OcrError> {
    let langs = ENGINE_LANGUAGES.as_ref().map_err(|e| OcrError::EngineMissing(e.clone()))?;
    for lang in language.split('+') {
        if !langs.iter().any(|l| l == lang) {
            return Err(OcrError::LanguageMissing(lang.into()));
        }
    }
    Ok(())
}

/// OCRs pages `numbers` (1-based) of the PDF `bytes`, in parallel; results
/// come back in the order asked. Stops starting pages after `deadline`.
pub fn recognize_pages(
    bytes: &[u8],
    numbers: &[u32],
    options: &OcrOptions,
    deadline: Option<Instant>,
) -> Vec<(u32, Result<OcrPage, OcrError>)> {
    if let Err(e) = check_engine(&options.language) {
        return numbers.iter().map(|&n| (n, Err(e.clone()))).collect();
    }
    let doc = Document::load_mem(bytes).ok();
    let pages = doc.as_ref().map(Document::get_pages).unwrap_or_default();
    numbers
        .par_iter()
        .map(|&n| {
            let page_deadline = Instant::now() + options.timeout_per_page;
            let page_deadline = deadline.map_or(page_deadline, |d| d.min(page_deadline));
            if Instant::now() >= page_deadline {
                return (n, Err(OcrError::Timeout(options.timeout_per_page)));
            }
            let image = match (doc.as_ref(), pages.get(&n)) {
                (Some(doc), Some(&id)) => direct_image(doc, id, options)
                    .map(Ok)
                    .unwrap_or_else(|| render(bytes, n, render_dpi(doc, id, options), options)),
                _ => render(bytes, n, options.render_dpi, options),
            };
            let result = image.and_then(|img| {
                run_tesseract(&img, &options.language, page_deadline, options.timeout_per_page)
            });
            (n, result)
        })
        .collect()
}

/// A page picture ready for Tesseract.
#[derive(Debug, Clone)]
struct PageImage {
    bytes: Vec<u8>,
    dpi: u32,
}

/// The rendering resolution for a page: the configured one, lowered so
/// that a page with an absurd MediaBox still gives at most `max_pixels`.
fn render_dpi(doc: &Document, page_id: ObjectId, options: &OcrOptions) -> u32 {
    let Some(media) = page_box(doc, page_id) else { return options.render_dpi };
    let inches = ((media[2] - media[0]).abs() / 72.0) * ((media[3] - media[1]).abs() / 72.0);
    if !inches.is_finite() || inches <= 0.0 {
        return options.render_dpi;
    }
    let cap = (options.max_pixels as f64 / inches).sqrt();
    (options.render_dpi as f64).min(cap).max(1.0) as u32
}

/// Largest address space of a helper process (the renderer and the OCR
/// engine): a hostile page makes them fail, not the machine swap.
const CHILD_MEMORY_LIMIT: u64 = 2 << 30;

/// Renders one page with `pdftoppm` (PDF on stdin, PNG on stdout).
fn render(pdf: &[u8], number: u32, dpi: u32, options: &OcrOptions) -> Result<PageImage, OcrError> {
    let page = number.to_string();
    let dpi_arg = dpi.to_string();
    let args = ["-f", &page, "-l", &page, "-r", &dpi_arg, "-gray", "-png", "-singlefile", "-"];
    let deadline = Instant::now() + options.timeout_per_page;
    let png = run_with_input("pdftoppm", &args, &[], pdf, deadline)
        .map_err(|e| OcrError::Image(format!("pdftoppm (apt-get install poppler-utils): {e}")))?;
    if !png.starts_with(b"\x89PNG") {
        return Err(OcrError::Image("pdftoppm produced no image".into()));
    }
    Ok(PageImage { bytes: png, dpi })
}

/// Runs `program args` with `input` on stdin; kills it at `deadline`.
fn run_with_input(
    program: &str,
    args: &[&str],
    env: &[(&str, &str)],
    input: &[u8],
    deadline: Instant,
) -> Result<Vec<u8>, String> {
    let mut command = Command::new(program);
    command
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    limit_memory(&mut command);
    let mut child = command.spawn().map_err(|e| format!("cannot run '{program}': {e}"))?;
    let (Some(mut stdin), Some(mut stdout), Some(mut stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        let _ = child.kill();
        return Err(format!("'{program}': no pipes"));
    };
    let (out, err) = std::thread::scope(|s| {
        s.spawn(move || {
            // The child may exit early (bad input); a broken pipe here is
            // reported through its exit status instead.
            let _ = stdin.write_all(input);
        });
        let reader = s.spawn(move || {
            let mut buf = Vec::new();
            let _ = stdout.read_to_end(&mut buf);
            buf
        });
        let err_reader = s.spawn(move || {
            let mut buf = Vec::new();
            let _ = stderr.read_to_end(&mut buf);
            buf
        });
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break Ok(status),
                Ok(None) if Instant::now() >= deadline => {
                    let _ = child.kill();
                    let _ = child.wait();
                    break Err("timeout".to_owned());
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(10)),
                Err(e) => break Err(e.to_string()),
            }
        };
        let out = reader.join().unwrap_or_default();
        let err = err_reader.join().unwrap_or_default();
        (status.map(|st| (st, out)), err)
    });
    let (status, out) = out?;
    if !status.success() {
        let msg = String::from_utf8_lossy(&err);
        let last = msg.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
        return Err(format!("'{program}' exited with {status}: {last}"));
    }
    Ok(out)
}

/// Caps the child's address space at [`CHILD_MEMORY_LIMIT`].
#[cfg(unix)]
fn limit_memory(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    let limit = libc::rlimit {
        rlim_cur: CHILD_MEMORY_LIMIT as libc::rlim_t,
        rlim_max: CHILD_MEMORY_LIMIT as libc::rlim_t,
    };
    // SAFETY: runs in the forked child before exec; setrlimit is
    // async-signal-safe and touches nothing but the child's own limits.
    unsafe {
        command.pre_exec(move || {
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

#[cfg(not(unix))]
fn limit_memory(_command: &mut Command) {}

fn run_tesseract(
    image: &PageImage,
    language: &str,
    deadline: Instant,
    limit: Duration,
) -> Result<OcrPage, OcrError> {
    let program = tesseract_program();
    let dpi = image.dpi.clamp(70, 1200).to_string();
    let args = ["stdin", "stdout", "-l", language, "--dpi", &dpi, "--psm", "3", "tsv"];
    let tsv = run_with_input(&program, &args, &[("OMP_THREAD_LIMIT", "1")], &image.bytes, deadline).map_err(
        |e| {
            if e == "timeout" {
                OcrError::Timeout(limit)
            } else {
                OcrError::Engine(e)
            }
        },
    )?;
    let (text, mean_confidence) = tsv_to_text(&String::from_utf8_lossy(&tsv));
    Ok(OcrPage { text, mean_confidence, layer: PageLayer::Ocr })
}

/// Turns Tesseract's TSV into text: words of one line joined by a space,
/// lines by `\n`, blocks separated by a blank line. Returns the text and
/// the mean word confidence.
pub fn tsv_to_text(tsv: &str) -> (String, f32) {
    let mut text = String::new();
    let mut current: Option<(u32, u32, u32)> = None;
    let mut block: Option<u32> = None;
    let (mut conf_sum, mut words) = (0f64, 0usize);
    for row in tsv.lines().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        if cols.len() < 12 || cols[0] != "5" {
            continue;
        }
        let word = cols[11].trim();
        if word.is_empty() {
            continue;
        }
        let num = |i: usize| cols[i].parse::<u32>().unwrap_or(0);
        let key = (num(2), num(3), num(4));
        if current != Some(key) {
            if current.is_some() {
                text.push('\n');
                if block != Some(key.0) {
                    text.push('\n');
                }
            }
            current = Some(key);
            block = Some(key.0);
        } else {
            text.push(' ');
        }
        text.push_str(word);
        if let Ok(c) = cols[10].parse::<f64>() {
            if c >= 0.0 {
                conf_sum += c;
                words += 1;
            }
        }
    }
    let mean = if words > 0 { (conf_sum / words as f64) as f32 } else { 0.0 };
    (text, mean)
}

/// An affine matrix `[a b c d e f]`.
type Matrix = [f64; 6];

fn multiply(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn number(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

/// The page's one scanned image, taken out directly, when the page is
/// simply "draw this image, upright, over (most of) the page".
fn direct_image(doc: &Document, page_id: ObjectId, options: &OcrOptions) -> Option<PageImage> {
    let page = doc.get_dictionary(page_id).ok()?;
    let rotate = page.get(b"Rotate").ok().and_then(number).unwrap_or(0.0);
    if rotate.rem_euclid(360.0) != 0.0 {
        return None;
    }
    let media = page_box(doc, page_id)?;
    let content = doc.get_and_decode_page_content(page_id).ok()?;
    let mut ctm: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
    let mut stack: Vec<Matrix> = Vec::new();
    let mut drawn: Vec<(Vec<u8>, Matrix)> = Vec::new();
    for op in content.operations.iter().take(100_000) {
        match op.operator.as_str() {
            "q" if stack.len() < 64 => stack.push(ctm),
            "Q" => ctm = stack.pop().unwrap_or(ctm),
            "cm" if op.operands.len() == 6 => {
                let v: Vec<f64> = op.operands.iter().filter_map(number).collect();
                if let Ok(m) = <[f64; 6]>::try_from(v) {
                    ctm = multiply(&m, &ctm);
                }
            }
            "Do" => {
                if let Some(Object::Name(name)) = op.operands.first() {
                    drawn.push((name.clone(), ctm));
                }
            }
            "BI" | "ID" => return None,
            _ => {}
        }
    }
    let xobjects = page_xobjects(doc, page_id)?;
    let mut images = Vec::new();
    for (name, m) in drawn {
        let id = xobjects.get(&name).ok()?.as_reference().ok()?;
        let stream = doc.get_object(id).ok()?.as_stream().ok()?;
        if stream.dict.get(b"Subtype").ok()?.as_name().ok()? != b"Image" {
            return None; // a Form XObject: let the renderer handle it
        }
        images.push((id, m));
    }
    let [(id, m)] = images.as_slice() else { return None };
    // Upright placement, covering at least half of the page.
    let (w_pt, h_pt) = (m[0], m[3]);
    if m[1].abs() > 1e-3 || m[2].abs() > 1e-3 || w_pt <= 0.0 || h_pt <= 0.0 {
        return None;
    }
    let page_area = (media[2] - media[0]).abs() * (media[3] - media[1]).abs();
    if w_pt * h_pt < 0.5 * page_area {
        return None;
    }
    let stream = doc.get_object(*id).ok()?.as_stream().ok()?;
    let width = stream.dict.get(b"Width").ok().and_then(number)? as u64;
    let height = stream.dict.get(b"Height").ok().and_then(number)? as u64;
    if width == 0 || height == 0 || width * height > options.max_pixels {
        return None;
    }
    let dpi = ((width as f64) / (w_pt / 72.0)).round() as u32;
    let bytes = encode_image(doc, &stream.dict, &stream.content, width, height, options)?;
    Some(PageImage { bytes, dpi })
}

fn page_box(doc: &Document, page_id: ObjectId) -> Option<[f64; 4]> {
    let page = doc.get_dictionary(page_id).ok()?;
    let arr = crate::pdf::inherited(doc, page, b"MediaBox")?.as_array().ok()?;
    let v: Vec<f64> = arr.iter().filter_map(number).collect();
    <[f64; 4]>::try_from(v).ok()
}

fn page_xobjects(doc: &Document, page_id: ObjectId) -> Option<&Dictionary> {
    let page = doc.get_dictionary(page_id).ok()?;
    let resources = crate::pdf::objects::as_dict(crate::pdf::inherited(doc, page, b"Resources")?)?;
    crate::pdf::objects::get_dict(doc, resources, b"XObject")
}

fn filters(dict: &Dictionary) -> Vec<Vec<u8>> {
    match dict.get(b"Filter") {
        Ok(Object::Name(n)) => vec![n.clone()],
        Ok(Object::Array(a)) => a.iter().filter_map(|o| o.as_name().ok().map(<[u8]>::to_vec)).collect(),
        _ => vec![],
    }
}

fn decode_parms<'a>(doc: &'a Document, dict: &'a Dictionary) -> Option<&'a Dictionary> {
    let p = dict.get(b"DecodeParms").ok()?;
    let p = match p {
        Object::Array(a) => a.first()?,
        o => o,
    };
    match p {
        Object::Reference(r) => doc.get_dictionary(*r).ok(),
        o => o.as_dict().ok(),
    }
}

/// Components per pixel of a colour space Tesseract can take as PNM.
fn components(doc: &Document, cs: Option<&Object>) -> Option<u32> {
    let cs = match cs? {
        Object::Reference(r) => doc.get_object(*r).ok()?,
        o => o,
    };
    match cs {
        Object::Name(n) => match n.as_slice() {
            b"DeviceGray" | b"CalGray" | b"G" => Some(1),
            b"DeviceRGB" | b"CalRGB" | b"RGB" => Some(3),
            _ => None,
        },
        Object::Array(a) => match a.first()?.as_name().ok()? {
            b"ICCBased" => {
                let stream = doc.get_object(a.get(1)?.as_reference().ok()?).ok()?.as_stream().ok()?;
                match stream.dict.get(b"N").ok().and_then(number)? as u32 {
                    n @ (1 | 3) => Some(n),
                    _ => None,
                }
            }
            b"CalGray" => Some(1),
            b"CalRGB" => Some(3),
            _ => None,
        },
        _ => None,
    }
}

/// Puts the image's data in a container Leptonica reads.
fn encode_image(
    doc: &Document,
    dict: &Dictionary,
    content: &[u8],
    width: u64,
    height: u64,
    options: &OcrOptions,
) -> Option<Vec<u8>> {
    let f = filters(dict);
    let names: Vec<&[u8]> = f.iter().map(Vec::as_slice).collect();
    let bpc = dict.get(b"BitsPerComponent").ok().and_then(number).unwrap_or(8.0) as u32;
    let mask = matches!(dict.get(b"ImageMask"), Ok(Object::Boolean(true)));
    let inverted = dict
        .get(b"Decode")
        .ok()
        .and_then(|d| d.as_array().ok())
        .and_then(|a| a.first().and_then(number))
        .is_some_and(|first| first > 0.5);
    match names.as_slice() {
        [b"DCTDecode"] | [b"DCT"] if !inverted => Some(content.to_vec()),
        [b"JPXDecode"] => Some(content.to_vec()),
        [b"CCITTFaxDecode"] | [b"CCF"] => {
            let parms = decode_parms(doc, dict);
            let get = |k: &[u8]| parms.and_then(|p| p.get(k).ok()).and_then(number);
            let k = get(b"K").unwrap_or(0.0) as i64;
            let columns = get(b"Columns").unwrap_or(1728.0) as u64;
            let rows = get(b"Rows").map(|r| r as u64).filter(|&r| r > 0).unwrap_or(height);
            let black_is_1 = parms
                .and_then(|p| p.get(b"BlackIs1").ok())
                .is_some_and(|o| matches!(o, Object::Boolean(true)));
            // An image mask paints where the sample is 0, which looks the
            // same as a DeviceGray image (0 = black): only /Decode flips.
            let black_is_1 = black_is_1 ^ inverted;
            Some(ccitt_tiff(content, columns, rows, k, black_is_1))
        }
        [] | [b"FlateDecode"] | [b"Fl"] | [b"LZWDecode"] | [b"LZW"] => {
            let stream_like = lopdf::Stream::new(dict.clone(), content.to_vec());
            let raw = if names.is_empty() {
                content.to_vec()
            } else {
                let limit = (options.max_pixels * 3) as usize + 1024;
                stream_like.decompressed_content_with_limit(limit).ok()?
            };
            let comps = if mask { 1 } else { components(doc, dict.get(b"ColorSpace").ok())? };
            pnm(&raw, width, height, comps, if mask { 1 } else { bpc }, inverted)
        }
        _ => None,
    }
}

/// A PGM/PPM (8-bit) or PBM (1-bit gray) image of raw samples.
fn pnm(raw: &[u8], width: u64, height: u64, comps: u32, bpc: u32, inverted: bool) -> Option<Vec<u8>> {
    match (bpc, comps) {
        (8, 1 | 3) => {
            let need = (width * height * u64::from(comps)) as usize;
            let data = raw.get(..need)?;
            let magic = if comps == 1 { "P5" } else { "P6" };
            let mut out = format!("{magic}\n{width} {height}\n255\n").into_bytes();
            if inverted {
                out.extend(data.iter().map(|b| 255 - b));
            } else {
                out.extend_from_slice(data);
            }
            Some(out)
        }
        (1, 1) => {
            let row = width.div_ceil(8) as usize;
            let data = raw.get(..row * height as usize)?;
            let mut out = format!("P4\n{width} {height}\n").into_bytes();
            // PDF DeviceGray: 1 = white; PBM: 1 = black.
            out.extend(data.iter().map(|b| if inverted { *b } else { !b }));
            Some(out)
        }
        _ => None,
    }
}

/// Wraps CCITT fax data in a one-strip TIFF (little-endian).
fn ccitt_tiff(data: &[u8], columns: u64, rows: u64, k: i64, black_is_1: bool) -> Vec<u8> {
    let (compression, t_options): (u32, Option<(u16, u32)>) = match k {
        k if k < 0 => (4, None),  // Group 4 (T.6)
        0 => (3, Some((292, 0))), // Group 3 1-D (T.4)
        _ => (3, Some((292, 1))), // Group 3 2-D
    };
    // The fax decoder yields white runs as 0 bits: with PDF's default
    // (BlackIs1 false) the picture is "WhiteIsZero" (0); BlackIs1 true
    // means the PDF shows it inverted, i.e. "BlackIsZero" (1).
    let photometric = if black_is_1 { 1 } else { 0 };
    let mut entries: Vec<(u16, u16, u32, u32)> = vec![
        (256, 4, 1, columns as u32),
        (257, 4, 1, rows as u32),
        (258, 3, 1, 1),
        (259, 3, 1, compression),
        (262, 3, 1, photometric),
        (273, 4, 1, 0), // StripOffsets, patched below
        (277, 3, 1, 1),
        (278, 4, 1, rows as u32),
        (279, 4, 1, data.len() as u32),
    ];
    if let Some((tag, value)) = t_options {
        entries.push((tag, 4, 1, value));
    }
    entries.sort_by_key(|e| e.0);
    let ifd_len = 2 + entries.len() * 12 + 4;
    let data_offset = (8 + ifd_len) as u32;
    let mut out = Vec::with_capacity(data_offset as usize + data.len());
    out.extend_from_slice(b"II*\0");
    out.extend_from_slice(&8u32.to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    for (tag, typ, count, value) in entries {
        let value = if tag == 273 { data_offset } else { value };
        out.extend_from_slice(&tag.to_le_bytes());
        out.extend_from_slice(&typ.to_le_bytes());
        out.extend_from_slice(&count.to_le_bytes());
        if typ == 3 {
            out.extend_from_slice(&(value as u16).to_le_bytes());
            out.extend_from_slice(&[0, 0]);
        } else {
            out.extend_from_slice(&value.to_le_bytes());
        }
    }
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(data);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_lines_and_blocks() {
        let tsv =
            "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
            1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n\
            5\t1\t1\t1\t1\t1\t0\t0\t1\t1\t96\tỦY\n\
            5\t1\t1\t1\t1\t2\t0\t0\t1\t1\t90\tBAN\n\
            5\t1\t1\t1\t2\t1\t0\t0\t1\t1\t80\tTỈNH\n\
            5\t1\t2\t1\t1\t1\t0\t0\t1\t1\t70\tSố:\n\
            5\t1\t2\t1\t1\t2\t0\t0\t1\t1\t-1\t \n";
        let (text, conf) = tsv_to_text(tsv);
        assert_eq!(text, "ỦY BAN\nTỈNH\n\nSố:");
        assert!((conf - 84.0).abs() < 0.01);
    }

    #[test]
    fn tiff_header_is_well_formed() {
        let t = ccitt_tiff(&[1, 2, 3], 1241, 1754, -1, false);
        assert_eq!(&t[..4], b"II*\0");
        let n = u16::from_le_bytes([t[8], t[9]]) as usize;
        assert_eq!(n, 9);
        let offset = 8 + 2 + n * 12 + 4;
        assert_eq!(&t[offset..], &[1, 2, 3]);
        // tags ascending
        let tags: Vec<u16> = (0..n).map(|i| u16::from_le_bytes([t[10 + i * 12], t[11 + i * 12]])).collect();
        assert!(tags.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn pnm_inverts_pdf_bilevel_convention() {
        let p = pnm(&[0b1111_0000], 8, 1, 1, 1, false).unwrap();
        assert_eq!(p, b"P4\n8 1\n\x0f".to_vec());
    }
}
