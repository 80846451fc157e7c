//! Command-line interface definition (clap derive).
//!
//! Binary-only: declared from `main.rs`, not `lib.rs`.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Vietnamese resolution PDFs → clean text and structured JSON.
///
/// Exit status: 0 when every input was processed, 1 when some inputs
/// failed (each still has a record with an `error` block), 2 on a usage or
/// fatal error.
#[derive(Debug, Parser)]
#[command(name = "nghiquyet", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract structured JSON from PDFs or text files (or directories of them).
    Extract(ExtractArgs),
    /// Print the normalized text of a PDF or text file.
    Text(TextArgs),
    /// Repair OCR text: same lines and whitespace out, only tokens changed.
    Repair(RepairArgs),
    /// Print the JSON Schema of a document record.
    Schema,
    /// Train the repair stage's syllable language model from a text corpus.
    TrainLm(TrainLmArgs),
    /// Train the repair stage's OCR error model from aligned OCR/truth pairs.
    TrainErrors(TrainErrorsArgs),
}

/// `train-lm`
#[derive(Debug, Args)]
pub struct TrainLmArgs {
    /// Directory of UTF-8 `.txt` files (searched recursively).
    pub corpus: PathBuf,
    /// Where to write the model.
    #[arg(short, long, value_name = "FILE", default_value = "models/lm.bin")]
    pub output: PathBuf,
}

/// `train-errors`
#[derive(Debug, Args)]
pub struct TrainErrorsArgs {
    /// Directory of cases, each a folder with `truth.txt`, `ocr-vie.txt`, `ocr-eng.txt`.
    pub cases: PathBuf,
    /// Where to write the model.
    #[arg(short, long, value_name = "FILE", default_value = "models/errors.bin")]
    pub output: PathBuf,
}

/// Options shared by the commands that run the repair stage.
#[derive(Debug, Args)]
pub struct RepairFlags {
    /// Make only repairs at least this confident (0..1); higher = fewer,
    /// safer changes.
    #[arg(long, value_name = "P", default_value_t = 0.5)]
    pub min_confidence: f64,
    /// Gain (log10 odds) needed to replace a real word; higher = safer.
    #[arg(long, value_name = "G")]
    pub realword_margin: Option<f32>,
    /// Gain (log10 odds) needed to replace a non-word.
    #[arg(long, value_name = "G")]
    pub nonword_margin: Option<f32>,
}

/// `extract`
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Input files (.pdf, .txt) or directories (searched recursively).
    #[arg(required = true, value_name = "FILE")]
    pub inputs: Vec<PathBuf>,
    /// One JSON object per line, even for a single input.
    #[arg(long)]
    pub jsonl: bool,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Skip the OCR repair stage.
    #[arg(long)]
    pub no_repair: bool,
    /// Repair settings.
    #[command(flatten)]
    pub repair: RepairFlags,
    /// Worker threads (default: all cores).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
}

/// `text`
#[derive(Debug, Args)]
pub struct TextArgs {
    /// The input file.
    pub input: PathBuf,
    /// Also run the OCR repair stage.
    #[arg(long)]
    pub repair: bool,
    /// Repair settings (with --repair).
    #[command(flatten)]
    pub repair_flags: RepairFlags,
}

/// `repair`
#[derive(Debug, Args)]
pub struct RepairArgs {
    /// Text file to repair; `-` or nothing reads standard input.
    pub input: Option<PathBuf>,
    /// Print the list of repairs as JSON instead of the text.
    #[arg(long)]
    pub json: bool,
    /// Repair settings.
    #[command(flatten)]
    pub repair: RepairFlags,
}
