//! The library's error type.
//!
//! Every variant names the file it concerns, so a message printed by the
//! binary or written into a record's `error` block can be acted on without
//! context. [`Error::code`] gives the stable machine-readable code that goes
//! into the JSON `error.code`.

use crate::schema::ErrorCode;
use std::path::PathBuf;

/// Why a document could not be processed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file does not exist.
    #[error("{}: no such file", .path.display())]
    NotFound {
        /// The input.
        path: PathBuf,
    },
    /// The file exists but cannot be read.
    #[error("{}: cannot read: {source}", .path.display())]
    Io {
        /// The input.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// Neither a PDF nor a text file.
    #[error("{}: unsupported input (expected a .pdf or .txt file)", .path.display())]
    Unsupported {
        /// The input.
        path: PathBuf,
    },
    /// A FIFO, socket or device: reading it could block for ever or never
    /// end, so it is refused before it is read.
    #[error("{}: {kind}, not a regular file; give the document itself", .path.display())]
    NotRegularFile {
        /// The input.
        path: PathBuf,
        /// What it is instead.
        kind: &'static str,
    },
    /// The input is larger than the configured limit.
    #[error("{}: {size} bytes is over the {limit}-byte input limit", .path.display())]
    TooLarge {
        /// The input.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The document's text is longer than the configured limit (bounds
    /// the memory of the text stages).
    #[error("{}: {chars} characters of text is over the {limit}-character limit", .path.display())]
    TextTooLarge {
        /// The input.
        path: PathBuf,
        /// Characters of text read.
        chars: usize,
        /// The limit.
        limit: usize,
    },
    /// The document's text has more lines than the parse stage is allowed
    /// to index (bounds its memory, which grows with the line count).
    #[error("{}: {lines} lines of text is over the {limit}-line limit", .path.display())]
    TooManyLines {
        /// The input.
        path: PathBuf,
        /// Lines of text read.
        lines: usize,
        /// The limit.
        limit: usize,
    },
    /// The text file is not valid text in a supported encoding.
    #[error("{}: not readable as UTF-8 or UTF-16 text ({detail})", .path.display())]
    InvalidText {
        /// The input.
        path: PathBuf,
        /// What is wrong.
        detail: String,
    },
    /// The PDF could not be opened.
    #[error("{}: {source}", .path.display())]
    Pdf {
        /// The input.
        path: PathBuf,
        /// What the PDF stage said.
        source: crate::pdf::PdfError,
    },
    /// Processing took longer than the per-document limit.
    #[error("{}: gave up after {seconds} s (per-document time limit)", .path.display())]
    Timeout {
        /// The input.
        path: PathBuf,
        /// The limit in seconds.
        seconds: f64,
    },
    /// The embedded repair models cannot be loaded (a broken build): the
    /// document needed repair, so it is not passed through unrepaired.
    #[error("{}: the embedded repair models cannot be loaded: {detail}", .path.display())]
    Models {
        /// The input.
        path: PathBuf,
        /// What the model reader said (as text: the error type lives in
        /// `repair/`, which itself asks the pipeline whether to stop, so
        /// naming it here would close an import cycle).
        detail: String,
    },
    /// A bug: a stage panicked on this input (caught, so the batch goes on).
    #[error("{}: internal error while processing ({message}); please report this file", .path.display())]
    Panic {
        /// The input.
        path: PathBuf,
        /// The panic message.
        message: String,
    },
}

impl Error {
    /// Stable machine-readable code for the JSON `error.code` field.
    pub fn code(&self) -> &'static str {
        self.error_code().as_str()
    }

    /// The code as one of the [`ErrorCode`] list.
    pub fn error_code(&self) -> ErrorCode {
        match self {
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::Io { .. } => ErrorCode::Unreadable,
            Error::Unsupported { .. } | Error::NotRegularFile { .. } => ErrorCode::UnsupportedType,
            Error::TooLarge { .. } | Error::TextTooLarge { .. } | Error::TooManyLines { .. } => {
                ErrorCode::TooLarge
            }
            Error::InvalidText { .. } => ErrorCode::InvalidText,
            Error::Pdf { source, .. } => source.error_code(),
            Error::Timeout { .. } => ErrorCode::Timeout,
            Error::Panic { .. } => ErrorCode::InternalError,
            Error::Models { .. } => ErrorCode::ModelError,
        }
    }
}

/// Result with the library's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
