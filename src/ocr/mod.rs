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
//! `img2pdf` wrote it), the PDF stage hands its image over as it is stored
//! (see `pdf::PageScan`), from the document it has already loaded under
//! its limits. Anything else is rendered with `pdftoppm` (Debian
//! `poppler-utils`), which applies the page's rotation for us. Either way
//! the picture is then levelled and turned upright by `prep` (decoded
//! to grey, deskewed at its own resolution) and handed to Tesseract as a
//! PGM on stdin; a page that reads as mostly non-syllables is read once
//! more turned half a turn ([`UPRIGHT_SYLLABLE_SHARE`]).

mod prep;

use crate::pdf::{PageScan, ScanImage, ScanWanted};
use crate::schema::{PageLayer, WarningCode};
use crate::stop::Deadline;
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
    /// Largest decoded image accepted, in pixels (bounds memory): an
    /// image over it is rendered instead, and a render's resolution is
    /// lowered to stay under it. 40 M pixels holds an A4 page scanned at
    /// 600 dpi (35 M) and an A3 page at 400 dpi (31 M); 120 M let one
    /// empty 200-inch page take 1.25 GB to render and recognise.
    pub max_pixels: u64,
}

impl Default for OcrOptions {
    fn default() -> OcrOptions {
        OcrOptions {
            mode: OcrMode::Auto,
            language: "vie".into(),
            render_dpi: 300,
            timeout_per_page: Duration::from_secs(120),
            max_pixels: MAX_PAGE_PIXELS,
        }
    }
}

/// Default [`OcrOptions::max_pixels`].
pub const MAX_PAGE_PIXELS: u64 = 40_000_000;

/// Why a page could not be OCR'd.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OcrError {
    /// The engine is not installed.
    #[error(
        "OCR engine not available ({reason}); install it with: apt-get install tesseract-ocr {} poppler-utils",
        language_packages(.language)
    )]
    EngineMissing {
        /// Why it cannot be run.
        reason: String,
        /// The model(s) asked for, e.g. `vie` or `vie+eng`.
        language: String,
    },
    /// The engine runs but lacks the language model.
    #[error("Tesseract has no '{}' model; install it with: apt-get install {}", .0, language_packages(.0))]
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
    /// The page's warning code.
    pub fn code(&self) -> WarningCode {
        match self {
            OcrError::EngineMissing { .. } | OcrError::LanguageMissing(_) => WarningCode::OcrUnavailable,
            OcrError::Timeout(_) => WarningCode::OcrTimeout,
            _ => WarningCode::OcrFailed,
        }
    }
}

/// The Debian packages of Tesseract models `language` (`vie+eng` →
/// `tesseract-ocr-vie tesseract-ocr-eng`; `chi_sim` → `tesseract-ocr-chi-sim`).
fn language_packages(language: &str) -> String {
    language
        .split('+')
        .filter(|l| !l.is_empty())
        .map(|l| format!("tesseract-ocr-{}", l.to_ascii_lowercase().replace('_', "-")))
        .collect::<Vec<_>>()
        .join(" ")
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
    /// How far the picture was turned clockwise to read it upright: 0,
    /// 90, 180 or 270 degrees.
    pub turned_degrees: u16,
    /// The skew undone before reading, in degrees (positive: the lines
    /// fell to the right).
    pub skew_degrees: f32,
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
    let langs = ENGINE_LANGUAGES
        .as_ref()
        .map_err(|e| OcrError::EngineMissing { reason: e.clone(), language: language.into() })?;
    for lang in language.split('+') {
        if !langs.iter().any(|l| l == lang) {
            return Err(OcrError::LanguageMissing(lang.into()));
        }
    }
    Ok(())
}

/// OCRs pages `numbers` (1-based) of the PDF `bytes`, in parallel; results
/// come back in the order asked. `scan` gives each page's picture (taken
/// from the document the PDF stage loaded, so the file is parsed once);
/// `bytes` go only to the renderer. Pages not started by `stop` are not
/// started at all; every page, and the document, stops at the earlier of
/// `stop` and the page's own limit, or as soon as the request `stop`
/// watches is cancelled (a `serve` client that hung up): the renderer and
/// Tesseract are killed then, not left to run to the deadline.
pub fn recognize_pages(
    bytes: &[u8],
    numbers: &[u32],
    scan: &(dyn Fn(u32, &ScanWanted) -> PageScan + Sync),
    options: &OcrOptions,
    stop: &Deadline,
) -> Vec<(u32, Result<OcrPage, OcrError>)> {
    if let Err(e) = check_engine(&options.language) {
        return numbers.iter().map(|&n| (n, Err(e.clone()))).collect();
    }
    let wanted = ScanWanted { render_dpi: options.render_dpi, max_pixels: options.max_pixels };
    numbers
        .par_iter()
        .map(|&n| {
            let page_deadline = stop.no_later_than(Instant::now() + options.timeout_per_page);
            if page_deadline.passed() {
                return (n, Err(OcrError::Timeout(options.timeout_per_page)));
            }
            let image = match scan(n, &wanted) {
                PageScan::Image(image) => Ok(image),
                PageScan::Render { dpi } => render(bytes, n, dpi, &page_deadline),
                PageScan::OverLimit => {
                    Err(OcrError::Image("the page image is over the decompression limit".into()))
                }
            };
            let result = image.and_then(|img| recognize(&img, options, &page_deadline));
            (n, result)
        })
        .collect()
}

/// Largest address space of a helper process (the renderer and the OCR
/// engine): a hostile page makes them fail, not the machine swap.
const CHILD_MEMORY_LIMIT: u64 = 2 << 30;

/// Renders one page with `pdftoppm` (PDF on stdin, PNG on stdout), within
/// the page's deadline (rendering and recognition share one limit).
fn render(pdf: &[u8], number: u32, dpi: u32, deadline: &Deadline) -> Result<ScanImage, OcrError> {
    let started = Instant::now();
    let page = number.to_string();
    let dpi_arg = dpi.to_string();
    let args = ["-f", &page, "-l", &page, "-r", &dpi_arg, "-gray", "-png", "-singlefile", "-"];
    let png = run_with_input("pdftoppm", &args, &[], pdf, deadline).map_err(|e| match e {
        ChildError::Timeout => OcrError::Timeout(
            deadline.at().map_or(Duration::ZERO, |at| at.saturating_duration_since(started)),
        ),
        ChildError::Failed(why) => {
            OcrError::Image(format!("pdftoppm (apt-get install poppler-utils): {why}"))
        }
    })?;
    if !png.starts_with(b"\x89PNG") {
        return Err(OcrError::Image("pdftoppm produced no image".into()));
    }
    Ok(ScanImage { bytes: png, dpi })
}

/// Bytes of a helper program's stderr kept for its error message.
const STDERR_TAIL_BYTES: usize = 4096;

/// Why a helper program gave no output.
#[derive(Debug)]
enum ChildError {
    /// Killed at its deadline, or when the request was cancelled (whose
    /// record nobody reads: it is reported as the timeout).
    Timeout,
    /// It could not be started or it failed; what it said.
    Failed(String),
}

/// Runs `program args` with `input` on stdin; kills it when `deadline`
/// passes (its instant, or its cancel flag).
fn run_with_input(
    program: &str,
    args: &[&str],
    env: &[(&str, &str)],
    input: &[u8],
    deadline: &Deadline,
) -> Result<Vec<u8>, ChildError> {
    let mut command = Command::new(program);
    command
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    limit_memory(&mut command);
    let mut child =
        command.spawn().map_err(|e| ChildError::Failed(format!("cannot run '{program}': {e}")))?;
    let (Some(mut stdin), Some(mut stdout), Some(mut stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        let _ = child.kill();
        return Err(ChildError::Failed(format!("'{program}': no pipes")));
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
        // Only the end of stderr is kept (it names the failure): a hostile
        // page made pdftoppm print 1.5 GB of "Syntax Error" lines.
        let err_reader = s.spawn(move || {
            let mut tail = Vec::new();
            let mut chunk = [0u8; 8192];
            while let Ok(n) = stderr.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                tail.extend_from_slice(&chunk[..n]);
                if tail.len() > 2 * STDERR_TAIL_BYTES {
                    tail.drain(..tail.len() - STDERR_TAIL_BYTES);
                }
            }
            tail
        });
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break Ok(status),
                Ok(None) if deadline.passed() => {
                    let _ = child.kill();
                    let _ = child.wait();
                    break Err(ChildError::Timeout);
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(10)),
                Err(e) => break Err(ChildError::Failed(e.to_string())),
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
        return Err(ChildError::Failed(format!("'{program}' exited with {status}: {last}")));
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

/// Share of a page's words that are legal syllables under which the page
/// is also read turned half a turn. An upright page keeps most of its
/// words legal even from a fax scan (about 0.8 at 15 % WER); upside down,
/// Tesseract gives fragments of which few are syllables.
pub const UPRIGHT_SYLLABLE_SHARE: f64 = 0.5;

/// Fewest words to judge a page's reading by (a nearly empty page is
/// taken as read).
const MIN_WORDS_TO_JUDGE: usize = 20;

/// Recognises one page picture: decoded, levelled and turned upright
/// (`prep`), then read; a page that reads as mostly non-syllables is read
/// again turned half a turn, and the better reading kept. A picture we do
/// not decode (JPEG 2000) goes to Tesseract as it is.
fn recognize(image: &ScanImage, options: &OcrOptions, deadline: &Deadline) -> Result<OcrPage, OcrError> {
    let read =
        |bytes: &[u8]| run_tesseract(bytes, image.dpi, &options.language, deadline, options.timeout_per_page);
    let Some(grey) = prep::decode(&image.bytes, options.max_pixels) else {
        return read(&image.bytes);
    };
    let prepared = prep::prepare(grey, image.dpi);
    let quarter = if prepared.quarter_turned { 90 } else { 0 };
    let mut first = read(&prep::to_pgm(&prepared.image))?;
    first.turned_degrees = quarter;
    first.skew_degrees = prepared.skew_degrees;
    let (valid, words) = syllable_share(&first.text);
    if words < MIN_WORDS_TO_JUDGE || valid as f64 >= UPRIGHT_SYLLABLE_SHARE * words as f64 {
        return Ok(first);
    }
    // The second reading is a bonus: if it fails or runs out of time, the
    // first stands.
    match read(&prep::to_pgm(&prep::half_turn(&prepared.image))) {
        Ok(second) if syllable_share(&second.text).0 > valid => {
            Ok(OcrPage { turned_degrees: quarter + 180, skew_degrees: prepared.skew_degrees, ..second })
        }
        _ => Ok(first),
    }
}

/// Legal syllables and words of a text, counting as words the tokens
/// made of letters once edge punctuation is trimmed (numbers and symbols
/// say nothing about which way up a page is).
fn syllable_share(text: &str) -> (usize, usize) {
    let (mut valid, mut words) = (0, 0);
    for token in text.split_whitespace() {
        let word = token.trim_matches(|c: char| !c.is_alphanumeric());
        if word.is_empty() || !word.chars().all(char::is_alphabetic) {
            continue;
        }
        words += 1;
        if crate::lang::syllable::is_valid(word) {
            valid += 1;
        }
    }
    (valid, words)
}

fn run_tesseract(
    image: &[u8],
    dpi: u32,
    language: &str,
    deadline: &Deadline,
    limit: Duration,
) -> Result<OcrPage, OcrError> {
    let program = tesseract_program();
    let dpi = dpi.clamp(70, 1200).to_string();
    let args = ["stdin", "stdout", "-l", language, "--dpi", &dpi, "--psm", "3", "tsv"];
    let tsv = run_with_input(&program, &args, &[("OMP_THREAD_LIMIT", "1")], image, deadline).map_err(
        |e| match e {
            ChildError::Timeout => OcrError::Timeout(limit),
            ChildError::Failed(why) => OcrError::Engine(why),
        },
    )?;
    let (text, mean_confidence) = tsv_to_text(&String::from_utf8_lossy(&tsv));
    Ok(OcrPage { text, mean_confidence, layer: PageLayer::Ocr, turned_degrees: 0, skew_degrees: 0.0 })
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A helper whose request is cancelled is killed then, not at its
    /// deadline an hour away: `sleep 600` stands in for Tesseract.
    #[test]
    fn a_cancelled_request_kills_its_helper() {
        use std::sync::atomic::{AtomicBool, Ordering};
        use std::sync::Arc;
        let cancel = Arc::new(AtomicBool::new(false));
        let deadline =
            Deadline::new(Some(Instant::now() + Duration::from_secs(3600)), Some(Arc::clone(&cancel)));
        let flag = Arc::clone(&cancel);
        let setter = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(100));
            flag.store(true, Ordering::Relaxed);
        });
        let started = Instant::now();
        let result = run_with_input("sleep", &["600"], &[], b"", &deadline);
        let _ = setter.join();
        assert!(matches!(result, Err(ChildError::Timeout)), "{result:?}");
        // Far below the helper's 600 s and the hour: it was killed on the flag.
        assert!(started.elapsed() < Duration::from_secs(60));
        // Without a flag and with the instant passed, the same.
        let past = Deadline::new(Some(Instant::now()), None);
        assert!(matches!(run_with_input("sleep", &["600"], &[], b"", &past), Err(ChildError::Timeout)));
        // A flag never set and no instant: the helper runs to its end.
        let never = Deadline::new(None, Some(Arc::new(AtomicBool::new(false))));
        assert_eq!(run_with_input("printf", &["ok"], &[], b"", &never).ok(), Some(b"ok".to_vec()));
    }

    #[test]
    fn install_hints_name_the_model_asked_for() {
        let fra = OcrError::LanguageMissing("fra".into()).to_string();
        assert!(fra.ends_with("apt-get install tesseract-ocr-fra"), "{fra}");
        let missing = OcrError::EngineMissing { reason: "not found".into(), language: "vie+chi_sim".into() };
        let hint = missing.to_string();
        assert!(
            hint.contains("tesseract-ocr tesseract-ocr-vie tesseract-ocr-chi-sim poppler-utils"),
            "{hint}"
        );
    }

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
}
