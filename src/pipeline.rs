//! Runs the stages for one document, and for many in parallel.
//!
//! ```text
//! bytes ─load─▶ RawDocument ─normalize─▶ Text ─repair─▶ Repaired ─parse─▶ Parsed ─▶ Record
//!        pdf/ or .txt          text/               repair/             parse/       schema.rs
//! ```
//!
//! [`Pipeline::process_path`] never fails: whatever happens to a document
//! (missing file, broken PDF, a panic in a third-party parser) becomes that
//! document's [`Record`] with `error` set, so a batch always yields one
//! record per input. The pipeline is immutable after [`PipelineBuilder::build`]
//! and `Sync`, so one instance serves every rayon worker.

use crate::error::{Error, Result};
use crate::limit::LimitScope;
pub use crate::limit::{should_stop, TimeLimit};
use crate::ocr::{self, OcrMode, OcrOptions};
use crate::parse;
use crate::pdf::{self, PdfOptions, RawDocument, RawPage};
use crate::repair::{RepairOptions, Repairer};
pub use crate::schema::PipelineInfo;
use crate::schema::{
    DocumentMeta, ErrorInfo, PageInfo, PageLayer, Record, Source, Span, TextLayer, Warning, WarningCode,
    SCHEMA_VERSION,
};
use crate::text::{self, PageText, Text};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Kind of input, decided from the file name and its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// A PDF file.
    Pdf,
    /// A plain-text file.
    Text,
}

impl InputKind {
    /// Decides the kind from the bytes first (a `%PDF` header wins over the
    /// name), then from the extension.
    pub fn detect(path: &Path, bytes: &[u8]) -> Option<InputKind> {
        if bytes.starts_with(b"%PDF") {
            return Some(InputKind::Pdf);
        }
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("pdf") => Some(InputKind::Pdf),
            Some("txt") | Some("text") => Some(InputKind::Text),
            _ => None,
        }
    }
}

/// Configuration of a [`Pipeline`].
#[derive(Debug, Clone)]
pub struct PipelineBuilder {
    repair: Option<RepairOptions>,
    pdf: PdfOptions,
    ocr: OcrOptions,
    max_input_bytes: u64,
    max_text_chars: usize,
}

/// Most characters of text one document may carry into the text stages,
/// whose peak grows with it, the repair stage's most (about 80 bytes a
/// character on short lines). Measured with the release build
/// (`/usr/bin/time -v nghiquyet extract`): 3.8 M characters in 200,000
/// short lines peaked at 318 MB, over issue 20's 300 MB; 3.0 M at 261 MB
/// (short lines) and 212 MB (long lines). The longest real resolution we
/// have seen is well under 0.5 M characters (about 150 dense pages).
pub const MAX_TEXT_CHARS: usize = 3_000_000;

/// Most lines of text one document may carry into the parse stage, whose
/// per-line index takes about 180 bytes a line: 1.95 M lines of one letter
/// (3.9 M characters, then under the character limit) peaked at 491 MB, 330 MB of it in
/// parse (`scripts/hostile-campaign.py --per-input`). 200,000 lines keep
/// that part under 40 MB; the longest dev resolution has 1,460 lines and
/// a dense 150-page document about 7,500.
pub const MAX_TEXT_LINES: usize = 200_000;

impl Default for PipelineBuilder {
    fn default() -> PipelineBuilder {
        PipelineBuilder {
            repair: Some(RepairOptions::default()),
            pdf: PdfOptions::default(),
            ocr: OcrOptions::default(),
            max_input_bytes: 512 << 20,
            max_text_chars: MAX_TEXT_CHARS,
        }
    }
}

impl PipelineBuilder {
    /// Repair options; `None` switches the repair stage off.
    pub fn repair(mut self, options: Option<RepairOptions>) -> Self {
        self.repair = options;
        self
    }

    /// Limits for reading PDFs.
    pub fn pdf(mut self, options: PdfOptions) -> Self {
        self.pdf = options;
        self
    }

    /// OCR settings (when pages are OCR'd, language, limits).
    pub fn ocr(mut self, options: OcrOptions) -> Self {
        self.ocr = options;
        self
    }

    /// Largest input file accepted, in bytes.
    pub fn max_input_bytes(mut self, limit: u64) -> Self {
        self.max_input_bytes = limit;
        self
    }

    /// Most characters of text a document may have (see [`MAX_TEXT_CHARS`]).
    pub fn max_text_chars(mut self, limit: usize) -> Self {
        self.max_text_chars = limit;
        self
    }

    /// Freezes the configuration.
    pub fn build(self) -> Pipeline {
        let info = PipelineInfo { version: env!("CARGO_PKG_VERSION").into(), config: self.fingerprint() };
        Pipeline {
            repairer: self.repair.map(Repairer::new),
            pdf: self.pdf,
            ocr: self.ocr,
            max_input_bytes: self.max_input_bytes,
            max_text_chars: self.max_text_chars,
            info,
        }
    }

    /// A short hash of every setting that can change a record.
    fn fingerprint(&self) -> String {
        let pdf = PdfOptions { deadline: None, cancel: None, ..self.pdf.clone() };
        let ocr = (self.ocr.mode, &self.ocr.language, self.ocr.render_dpi);
        // The models decide the repairs as much as the settings do.
        let models = self.repair.as_ref().map(|_| crate::repair::models_digest());
        let settings = format!(
            "{}|{:?}|{:?}|{:?}|{}|{}|{:?}",
            SCHEMA_VERSION, self.repair, pdf, ocr, self.max_input_bytes, self.max_text_chars, models
        );
        sha256_hex(settings.as_bytes())[..16].to_owned()
    }
}

/// The configured pipeline.
#[derive(Debug, Clone)]
pub struct Pipeline {
    repairer: Option<Repairer>,
    pdf: PdfOptions,
    ocr: OcrOptions,
    max_input_bytes: u64,
    max_text_chars: usize,
    info: PipelineInfo,
}

impl Default for Pipeline {
    fn default() -> Pipeline {
        PipelineBuilder::default().build()
    }
}

/// The text stages' result for one document, before parsing: what the
/// `text` and `repair` commands print.
#[derive(Debug, Clone)]
pub struct Extracted {
    /// Identity of the input.
    pub source: Source,
    /// The normalized (and, if enabled, repaired) text.
    pub text: Text,
    /// Per-page layers, in page order.
    pub layers: Vec<PageLayer>,
    /// Changes made by the repair stage.
    pub repairs: Vec<crate::schema::Repair>,
    /// Problems that did not stop the document.
    pub warnings: Vec<Warning>,
}

impl Pipeline {
    /// Starts a configuration.
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// Version and configuration fingerprint stamped on every record.
    pub fn info(&self) -> PipelineInfo {
        self.info.clone()
    }

    /// Processes one file into its record; never fails.
    pub fn process_path(&self, path: &Path) -> Record {
        self.process_path_within(path, None)
    }

    /// Like [`Pipeline::process_path`], giving up at `deadline`: the record
    /// is then a `timeout` error record, never a partial "ok" one.
    pub fn process_path_until(&self, path: &Path, deadline: Option<Instant>) -> Record {
        let limit = deadline.map(|at| TimeLimit {
            at,
            limit: at.saturating_duration_since(Instant::now()),
            cancel: None,
        });
        self.process_path_limited(path, limit)
    }

    /// Like [`Pipeline::process_path`], giving up after `limit` (counted
    /// from now): the record is then a `timeout` error record whose message
    /// names `limit`.
    pub fn process_path_within(&self, path: &Path, limit: Option<Duration>) -> Record {
        self.process_path_limited(path, limit.map(TimeLimit::from_now))
    }

    fn process_path_limited(&self, path: &Path, limit: Option<TimeLimit>) -> Record {
        match self.read_input(path) {
            Ok(bytes) => self.process_bytes_limited(path, &bytes, limit),
            Err(record) => *record,
        }
    }

    /// Reads an input file for processing, or gives the error record it
    /// gets instead (missing, a directory, a FIFO or device, over the size
    /// limit, unreadable).
    ///
    /// The file is opened once, without blocking (a FIFO with no writer
    /// would otherwise hang its worker), and judged by the handle's own
    /// metadata, so what is checked is what is read.
    pub fn read_input(&self, path: &Path) -> std::result::Result<Vec<u8>, Box<Record>> {
        self.read_bytes(path).map_err(|err| {
            let mut record = self.error_record(path.display().to_string(), &err);
            if let Error::TooLarge { size, .. } = err {
                // The size identifies the input for `--resume` when no
                // hash is made (the file is not read).
                record.source.bytes = Some(size);
            }
            Box::new(record)
        })
    }

    fn read_bytes(&self, path: &Path) -> Result<Vec<u8>> {
        let io = |e| Error::Io { path: path.into(), source: e };
        let file = open_input(path)?;
        let meta = file.metadata().map_err(io)?;
        if meta.is_dir() {
            return Err(Error::Unsupported { path: path.into() });
        }
        if !meta.is_file() {
            return Err(Error::NotRegularFile { path: path.into(), kind: file_kind(&meta) });
        }
        let too_large = |size| Error::TooLarge { path: path.into(), size, limit: self.max_input_bytes };
        if meta.len() > self.max_input_bytes {
            return Err(too_large(meta.len()));
        }
        let mut bytes = Vec::with_capacity(meta.len() as usize);
        // At most one byte past the limit: a file that grows while it is
        // read is still refused, not read without end.
        std::io::Read::read_to_end(&mut std::io::Read::take(&file, self.max_input_bytes + 1), &mut bytes)
            .map_err(io)?;
        if bytes.len() as u64 > self.max_input_bytes {
            return Err(too_large(bytes.len() as u64));
        }
        Ok(bytes)
    }

    /// Processes an input already in memory; `path` names it in messages
    /// and decides its kind together with the bytes. Never fails.
    pub fn process_bytes(&self, path: &Path, bytes: &[u8]) -> Record {
        self.process_bytes_within(path, bytes, None)
    }

    /// Like [`Pipeline::process_bytes`], giving up after `limit` (counted
    /// from now) with a `timeout` error record.
    pub fn process_bytes_within(&self, path: &Path, bytes: &[u8], limit: Option<Duration>) -> Record {
        self.process_bytes_limited(path, bytes, limit.map(TimeLimit::from_now))
    }

    /// Like [`Pipeline::process_bytes`], within `limit`.
    pub fn process_bytes_limited(&self, path: &Path, bytes: &[u8], limit: Option<TimeLimit>) -> Record {
        self.process_source_limited(path, bytes, source_of(path, bytes), limit)
    }

    /// Like [`Pipeline::process_bytes_limited`], with the source block
    /// already made by [`Pipeline::source_of`] (a batch reports it before
    /// the document is done; hashing the bytes twice was 2 % of a batch).
    pub fn process_source_limited(
        &self,
        path: &Path,
        bytes: &[u8],
        source: Source,
        limit: Option<TimeLimit>,
    ) -> Record {
        // The stages' long loops ask `should_stop` about this limit.
        let _scope = LimitScope::enter(limit.clone());
        let run = catch_unwind(AssertUnwindSafe(|| -> Result<Record> {
            let extracted = self.extract_bytes(path, bytes, source.clone(), limit.as_ref())?;
            if let Some(l) = limit.as_ref().filter(|l| l.passed()) {
                return Err(l.error(path));
            }
            let record = assemble(extracted, self.info.clone());
            // Whatever finished after the limit is not trusted as complete:
            // a stage may have cut its work short at the deadline.
            match &limit {
                Some(l) if l.passed() => Err(l.error(path)),
                _ => Ok(record),
            }
        }));
        match run {
            Ok(Ok(record)) => record,
            Ok(Err(err)) => error_record_with(source, self.info.clone(), &err),
            Err(panic) => {
                let message = panic_message(&panic);
                error_record_with(source, self.info.clone(), &Error::Panic { path: path.into(), message })
            }
        }
    }

    /// Runs the text stages (load, normalize, repair) on a file, for the
    /// `text` and `repair` commands.
    ///
    /// # Errors
    /// When the file cannot be read or opened at all.
    pub fn extract_path(&self, path: &Path) -> Result<Extracted> {
        let bytes = self.read_bytes(path)?;
        let source = source_of(path, &bytes);
        match catch_unwind(AssertUnwindSafe(|| self.extract_bytes(path, &bytes, source, None))) {
            Ok(r) => r,
            Err(panic) => Err(Error::Panic { path: path.into(), message: panic_message(&panic) }),
        }
    }

    /// Normalizes and repairs a text given directly (the `repair` command
    /// reading standard input). Whitespace and lines are kept exactly.
    pub fn repair_text(&self, input: &str) -> (Text, Vec<crate::schema::Repair>) {
        let normalized = text::normalize(&Text::plain(input));
        match &self.repairer {
            Some(r) => {
                let repaired = r.repair(normalized);
                (repaired.text, repaired.repairs)
            }
            None => (normalized, Vec::new()),
        }
    }

    fn extract_bytes(
        &self,
        path: &Path,
        bytes: &[u8],
        mut source: Source,
        limit: Option<&TimeLimit>,
    ) -> Result<Extracted> {
        let check_time = || match limit {
            Some(l) if l.passed() => Err(l.error(path)),
            _ => Ok(()),
        };
        let kind = InputKind::detect(path, bytes).ok_or_else(|| Error::Unsupported { path: path.into() })?;
        let mut warnings = Vec::new();
        let mut pdf_file = None;
        let mut raw = match kind {
            InputKind::Pdf => {
                let options = PdfOptions {
                    deadline: limit.map(|l| l.at),
                    cancel: limit.and_then(|l| l.cancel.clone()),
                    ..self.pdf.clone()
                };
                let file =
                    pdf::open(bytes, &options).map_err(|e| Error::Pdf { path: path.into(), source: e })?;
                let raw = file.read();
                pdf_file = Some(file);
                raw
            }
            InputKind::Text => {
                let (text, legacy) = decode_text(path, bytes)?;
                if let Some(encoding) = legacy {
                    warnings.push(Warning {
                        code: WarningCode::LegacyEncoding,
                        page: None,
                        message: format!(
                            "{}: the file is in the {encoding} encoding; converted to Unicode",
                            path.display()
                        ),
                    });
                }
                RawDocument {
                    pages: vec![RawPage { number: 1, text, layer: PageLayer::PlainText }],
                    warnings: vec![],
                }
            }
        };
        warnings.append(&mut raw.warnings);
        check_time()?;
        if let Some(file) = &pdf_file {
            self.ocr_pages(path, bytes, file, &mut raw, &mut warnings, limit);
            check_time()?;
        }
        drop(pdf_file);
        let chars: usize = raw.pages.iter().map(|p| p.text.chars().count()).sum();
        if chars > self.max_text_chars {
            return Err(Error::TextTooLarge { path: path.into(), chars, limit: self.max_text_chars });
        }
        let lines: usize = raw.pages.iter().map(|p| p.text.lines().count().max(1)).sum();
        if lines > MAX_TEXT_LINES {
            return Err(Error::TooManyLines { path: path.into(), lines, limit: MAX_TEXT_LINES });
        }
        if raw.pages.iter().all(|p| p.text.trim().is_empty()) {
            warnings.push(Warning {
                code: WarningCode::EmptyInput,
                page: None,
                message: format!("{}: the input has no text", path.display()),
            });
        }
        let layers: Vec<PageLayer> = raw.pages.iter().map(|p| p.layer).collect();
        for p in &raw.pages {
            if matches!(p.layer, PageLayer::None | PageLayer::Unusable) {
                warnings.push(Warning {
                    code: WarningCode::PageWithoutText,
                    page: Some(p.number),
                    message: format!("{}: page {} has no usable text", path.display(), p.number),
                });
            }
        }
        source.pages = (kind == InputKind::Pdf).then_some(raw.pages.len() as u32);
        source.text_layer = document_layer(&layers);
        let pages: Vec<PageText> =
            raw.pages.into_iter().map(|p| PageText { number: p.number, text: p.text }).collect();
        let joined = if kind == InputKind::Text {
            Text::plain(pages.first().map(|p| p.text.as_str()).unwrap_or(""))
        } else {
            Text::from_pages(&pages)
        };
        let normalized = text::normalize(&joined);
        check_time()?;
        let (text, repairs) = match &self.repairer {
            Some(r) => {
                let digital = |page: u32| {
                    layers.get((page as usize).wrapping_sub(1)).is_some_and(|l| *l == PageLayer::Digital)
                };
                let repaired = r
                    .repair_pages(normalized, &digital)
                    .map_err(|e| Error::Models { path: path.into(), detail: e.to_string() })?;
                (repaired.text, repaired.repairs)
            }
            None => (normalized, Vec::new()),
        };
        Ok(Extracted { source, text, layers, repairs, warnings })
    }

    fn error_record(&self, path: String, err: &Error) -> Record {
        error_record_with(unread_source(path), self.info.clone(), err)
    }

    /// The record of a document abandoned after `limit`. `source` is what
    /// the worker learnt of the input before it was abandoned (`None`:
    /// nothing yet); the input itself is never touched again here, since
    /// it may be what hangs.
    pub fn timeout_record(&self, path: &Path, source: Option<Source>, limit: Duration) -> Record {
        let source = source.unwrap_or_else(|| unread_source(path.display().to_string()));
        let err = Error::Timeout { path: path.into(), seconds: limit.as_secs_f64() };
        error_record_with(source, self.info.clone(), &err)
    }

    /// What the record of `bytes` read from `path` says about its source
    /// before any processing (the batch writer's timeout records use it).
    pub fn source_of(&self, path: &Path, bytes: &[u8]) -> Source {
        source_of(path, bytes)
    }

    /// OCRs the pages that need it (per [`OcrMode`]), in place; failures
    /// become warnings naming the file and page.
    fn ocr_pages(
        &self,
        path: &Path,
        bytes: &[u8],
        file: &pdf::PdfFile,
        raw: &mut RawDocument,
        warnings: &mut Vec<Warning>,
        limit: Option<&TimeLimit>,
    ) {
        // A page that hit a safety limit (a decompression bomb, absurd
        // nesting) would make the renderer choke too: leave it alone.
        let hostile: Vec<u32> =
            warnings.iter().filter(|w| w.code == WarningCode::ResourceLimit).filter_map(|w| w.page).collect();
        let wanted: Vec<u32> = raw
            .pages
            .iter()
            .filter(|p| !hostile.contains(&p.number))
            .filter(|p| match self.ocr.mode {
                OcrMode::Never => false,
                OcrMode::Always => true,
                OcrMode::Auto => {
                    matches!(p.layer, PageLayer::None | PageLayer::Unusable) || p.text.trim().is_empty()
                }
            })
            .map(|p| p.number)
            .collect();
        if wanted.is_empty() {
            return;
        }
        for (number, result) in ocr::recognize_pages(
            bytes,
            &wanted,
            &|n, want| file.page_scan(n, want),
            &self.ocr,
            &crate::stop::Deadline::new(limit.map(|l| l.at), limit.and_then(|l| l.cancel.clone())),
        ) {
            let Some(page) = raw.pages.iter_mut().find(|p| p.number == number) else { continue };
            match result {
                Ok(ocr) if !ocr.text.trim().is_empty() => {
                    page.text = ocr.text;
                    page.layer = ocr.layer;
                }
                Ok(_) => {}
                Err(e) => warnings.push(Warning {
                    code: e.code(),
                    page: Some(number),
                    message: format!("{}: page {number}: {e}", path.display()),
                }),
            }
        }
    }

    /// Processes many files in parallel; records come back in input order.
    pub fn process_all(&self, paths: &[PathBuf]) -> Vec<Record> {
        self.process_all_within(paths, None)
    }

    /// Like [`Pipeline::process_all`], each document within `limit`.
    pub fn process_all_within(&self, paths: &[PathBuf], limit: Option<Duration>) -> Vec<Record> {
        paths.par_iter().map(|p| self.process_path_within(p, limit)).collect()
    }
}

/// Opens an input for reading without blocking on special files (a FIFO
/// with no writer opens at once instead of waiting for one).
fn open_input(path: &Path) -> Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound { path: path.into() },
        _ => Error::Io { path: path.into(), source: e },
    })
}

/// What kind of special file `meta` describes, for messages.
fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    let _ = meta;
    "not a regular file"
}

/// Parses the text stages' result and builds the record.
fn assemble(extracted: Extracted, info: PipelineInfo) -> Record {
    let parsed = parse::parse(&extracted.text);
    let text = &extracted.text;
    let pages = extracted
        .layers
        .iter()
        .enumerate()
        .map(|(i, &layer)| {
            let r = text.page_range(i);
            PageInfo { page: i as u32 + 1, text_layer: layer, span: Span::new(r.start, r.end) }
        })
        .collect();
    let mut warnings = extracted.warnings;
    warnings.extend(parsed.warnings);
    Record {
        schema_version: SCHEMA_VERSION.into(),
        source: extracted.source,
        pipeline: info,
        document: parsed.document,
        sections: parsed.sections,
        targets: parsed.targets,
        deadlines: parsed.deadlines,
        assignments: parsed.assignments,
        references: parsed.references,
        repairs: extracted.repairs,
        pages,
        warnings,
        text: text.as_str().to_owned(),
        error: None,
    }
}

/// The document's layer from its pages' layers.
fn document_layer(layers: &[PageLayer]) -> TextLayer {
    if layers.contains(&PageLayer::PlainText) {
        return TextLayer::PlainText;
    }
    let digital = layers.iter().any(|l| matches!(l, PageLayer::Digital | PageLayer::Mixed));
    let ocr = layers.iter().any(|l| matches!(l, PageLayer::Ocr | PageLayer::Mixed));
    match (digital, ocr) {
        (true, true) => TextLayer::Mixed,
        (true, false) => TextLayer::Digital,
        (false, true) => TextLayer::Ocr,
        (false, false) => TextLayer::None,
    }
}

/// Decodes a text file: UTF-8 (BOM optional), UTF-16 with a BOM, or a
/// legacy Vietnamese encoding (TCVN3, VNI, VISCII), whose name is then
/// returned too.
///
/// Invalid UTF-8 is never decoded lossily: a legacy-encoded file read as
/// UTF-8 would give plausible looking garbage that the repair stage would
/// then "fix". Bytes that are not UTF-8 are converted only when they read
/// as Vietnamese under one legacy encoding (the same test and tables as
/// legacy PDF fonts); valid UTF-8 is never converted.
fn decode_text(path: &Path, bytes: &[u8]) -> Result<(String, Option<&'static str>)> {
    let utf16 = |units: Vec<u16>| {
        String::from_utf16(&units)
            .map(|s| (s, None))
            .map_err(|_| Error::InvalidText { path: path.into(), detail: "invalid UTF-16".into() })
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect());
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect());
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let nul = || Error::InvalidText { path: path.into(), detail: "contains NUL bytes (binary file?)".into() };
    match std::str::from_utf8(bytes) {
        Ok(s) if s.contains('\0') => Err(nul()),
        Ok(s) => Ok((s.to_owned(), None)),
        Err(_) if bytes.contains(&0) => Err(nul()),
        Err(e) => match pdf::decode_legacy_text(bytes) {
            Some((encoding, text)) => Ok((text, Some(encoding))),
            None => Err(Error::InvalidText {
                path: path.into(),
                detail: format!(
                    "invalid UTF-8 at byte {}, and not TCVN3, VNI or VISCII Vietnamese either",
                    e.valid_up_to()
                ),
            }),
        },
    }
}

/// SHA-256 of `bytes` as lowercase hex: `source.sha256`, and the key
/// `--resume` matches inputs by.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The source block of an input whose bytes were never read.
fn unread_source(path: String) -> Source {
    Source { path, sha256: None, bytes: None, pages: None, text_layer: TextLayer::None }
}

fn source_of(path: &Path, bytes: &[u8]) -> Source {
    Source {
        path: path.display().to_string(),
        sha256: Some(sha256_hex(bytes)),
        bytes: Some(bytes.len() as u64),
        pages: None,
        text_layer: TextLayer::None,
    }
}

/// The record of a document that could not be processed: the source block
/// as far as known, every other field empty, and `error`.
pub fn error_record_with(source: Source, pipeline: PipelineInfo, err: &Error) -> Record {
    Record {
        schema_version: SCHEMA_VERSION.into(),
        source,
        pipeline,
        document: DocumentMeta::default(),
        sections: vec![],
        targets: vec![],
        deadlines: vec![],
        assignments: vec![],
        references: vec![],
        repairs: vec![],
        pages: vec![],
        warnings: vec![],
        text: String::new(),
        error: Some(ErrorInfo { code: err.code().into(), message: err.to_string() }),
    }
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".into()
    }
}

/// Expands command-line inputs: files are kept as given, directories are
/// walked recursively for `.pdf` and `.txt` files, in sorted order so that
/// output order does not depend on the file system.
pub fn expand_inputs(inputs: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found = Vec::new();
            walk(input, &mut found, 0);
            found.sort();
            out.extend(found);
        } else {
            out.push(input.clone());
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    if depth > 64 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        out.push(dir.to_path_buf());
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(ft) = entry.file_type() else { continue };
        if ft.is_dir() {
            walk(&path, out, depth + 1);
        } else if is_input_name(&path) {
            out.push(path);
        }
    }
}

fn is_input_name(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref(),
        Some("pdf") | Some("txt")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_layer_from_pages() {
        use PageLayer::*;
        assert_eq!(document_layer(&[Digital, Ocr]), TextLayer::Mixed);
        assert_eq!(document_layer(&[Ocr, None]), TextLayer::Ocr);
        assert_eq!(document_layer(&[None, Unusable]), TextLayer::None);
        assert_eq!(document_layer(&[PlainText]), TextLayer::PlainText);
    }

    #[test]
    fn decodes_utf16_and_rejects_legacy_bytes() {
        let p = Path::new("x.txt");
        let mut le = vec![0xFF, 0xFE];
        for u in "Tỉnh ủy".encode_utf16() {
            le.extend(u.to_le_bytes());
        }
        assert_eq!(decode_text(p, &le).unwrap(), ("Tỉnh ủy".to_owned(), None));
        // ".VnTime" TCVN3 bytes for "TØnh" are not UTF-8.
        let err = decode_text(p, b"T\xd8nh \xf1y").unwrap_err();
        assert_eq!(err.code(), "invalid_text");
    }
}
