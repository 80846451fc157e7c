//! # nghiquyet
//!
//! Turns Vietnamese resolution documents (nghị quyết, kế hoạch, chỉ thị,
//! kết luận, chương trình of Party committees, People's Councils and
//! People's Committees) — born-digital PDFs, scanned PDFs with an OCR layer,
//! plain OCR text — into clean text and structured JSON.
//!
//! The pipeline, one module per stage; data flows one way:
//!
//! 1. [`pdf`] — PDF bytes → [`pdf::RawDocument`] (pages of Unicode text,
//!    each with its text layer). Plain `.txt` input skips this stage.
//!    [`ocr`] fills pages that have no usable text layer (Tesseract).
//! 2. [`text`] — pages → [`text::Text`], normalized to NFC with look-alikes
//!    mapped back, keeping a map from every character to the source.
//! 3. [`repair`] — [`text::Text`] → [`repair::Repaired`]: OCR damage fixed,
//!    every change recorded.
//! 4. [`parse`] — repaired text → [`parse::Parsed`]: header, outline,
//!    targets, deadlines, assignments, references, each with its span.
//! 5. [`schema`] — the JSON contract ([`schema::Record`]), assembled by
//!    [`pipeline`], which also runs many documents in parallel.
//!
//! [`tasks`] reads an archive of records back: what is due, by whom, as
//! a table, CSV or an iCalendar file.
//!
//! [`serve`] puts the pipeline behind HTTP: an upload endpoint for other
//! tools and a review page where a clerk checks and corrects a record.
//!
//! ```
//! use nghiquyet::Pipeline;
//! use std::path::Path;
//!
//! let pipeline = Pipeline::builder().build();
//! let record = pipeline.process_bytes(
//!     Path::new("nq.txt"),
//!     "TỈNH ỦY QUẢNG NINH\nSố 12-NQ/TU\nNGHỊ QUYẾT\n".as_bytes(),
//! );
//! assert!(record.error.is_none());
//! assert_eq!(record.source.text_layer, nghiquyet::schema::TextLayer::PlainText);
//! ```
#![deny(missing_docs)]

pub mod batch;
pub mod error;
pub mod fuzzing;
pub mod lang;
pub mod limit;
pub mod ocr;
pub mod parse;
pub mod pdf;
pub mod pipeline;
pub mod repair;
pub mod schema;
pub mod serve;
pub mod stop;
pub mod tasks;
pub mod text;

pub use error::{Error, Result};
pub use pipeline::{Pipeline, PipelineBuilder};
pub use schema::Record;
