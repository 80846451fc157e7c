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
    /// Process an archive into one JSON Lines file: parallel, streaming,
    /// resumable, shardable.
    Batch(BatchArgs),
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
    /// Serve the review page and the HTTP API (POST /api/extract).
    Serve(ServeArgs),
    /// List the assignments and deadlines of a batch archive: what is due,
    /// by whom, from which document and page.
    Tasks(TasksArgs),
}

/// Output formats of `tasks`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TasksFormat {
    /// An aligned plain-text table (long tasks shortened).
    Table,
    /// CSV (RFC 4180), every field whole.
    Csv,
    /// An iCalendar file (RFC 5545) to import into a calendar: one all-day
    /// event per dated item.
    Ics,
}

/// `tasks`
#[derive(Debug, Args)]
pub struct TasksArgs {
    /// The JSON Lines archive written by `nghiquyet batch` (`-` = standard input).
    #[arg(value_name = "ARCHIVE.jsonl")]
    pub archive: PathBuf,
    /// Only items one of whose bodies contains these words; case, marks and
    /// abbreviations do not matter (`ubnd tinh` finds "Ủy ban nhân dân tỉnh").
    #[arg(long, value_name = "NAME")]
    pub body: Option<String>,
    /// Only items due strictly before this date (YYYY-MM-DD or dd/mm/yyyy);
    /// undated and recurring items are left out.
    #[arg(long, value_name = "DATE")]
    pub due_before: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TasksFormat::Table)]
    pub format: TasksFormat,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
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
    /// Clean-text corpus to learn legacy-engine shape confusions from
    /// (generated, seeded damage; e.g. `../shared/corpus/lm`).
    #[arg(long, value_name = "DIR")]
    pub legacy_from: Option<PathBuf>,
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

/// When to OCR pages (Tesseract, Vietnamese model).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OcrArg {
    /// Pages with no text or an unusable text layer.
    Auto,
    /// Never OCR.
    Never,
    /// Re-OCR every page.
    Always,
}

/// Options of the reading stages.
#[derive(Debug, Args)]
pub struct ReadFlags {
    /// When to OCR pages with Tesseract (`tesseract-ocr-vie`).
    #[arg(long, value_enum, default_value_t = OcrArg::Auto)]
    pub ocr: OcrArg,
    /// Tesseract language model(s).
    #[arg(long, value_name = "LANG", default_value = "vie")]
    pub ocr_lang: String,
}

/// Settings of the reading and repair stages, shared by the commands that
/// run the whole pipeline.
#[derive(Debug, Args)]
pub struct StageFlags {
    /// Skip the OCR repair stage.
    #[arg(long)]
    pub no_repair: bool,
    /// Repair settings.
    #[command(flatten)]
    pub repair: RepairFlags,
    /// Reading settings.
    #[command(flatten)]
    pub read: ReadFlags,
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
    /// Stage settings.
    #[command(flatten)]
    pub stages: StageFlags,
    /// Worker threads (default: all cores).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Give up on a document after this many seconds (it gets a `timeout`
    /// error record); 0 for no limit.
    #[arg(long, value_name = "SECS", default_value_t = DEFAULT_TIMEOUT_PER_DOC)]
    pub timeout_per_doc: f64,
}

/// Default per-document time limit of `extract` and `batch`, in seconds:
/// ten times the slowest real document we have timed (a 30-page image-only
/// scan OCR'd on one core in about 30 s), so only a stuck document meets it.
pub const DEFAULT_TIMEOUT_PER_DOC: f64 = 300.0;

/// `text`
#[derive(Debug, Args)]
pub struct TextArgs {
    /// The input file.
    pub input: PathBuf,
    /// Also run the OCR repair stage.
    #[arg(long)]
    pub repair: bool,
    /// Keep the lines as laid out on the page (and the text stages see
    /// them); by default wrapped lines are joined, one paragraph per line.
    #[arg(long)]
    pub layout: bool,
    /// Repair settings (with --repair).
    #[command(flatten)]
    pub repair_flags: RepairFlags,
    /// Reading settings.
    #[command(flatten)]
    pub read: ReadFlags,
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

/// `batch`
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// Input files (.pdf, .txt) or directories (searched recursively).
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Read input paths from this file, one per line (`-` = standard input).
    #[arg(long, value_name = "FILE")]
    pub from_list: Option<PathBuf>,
    /// The JSON Lines output file (one record per input, in input order).
    #[arg(short, long, value_name = "OUT.jsonl")]
    pub output: PathBuf,
    /// Worker threads (default: all cores).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Give up on a document after this many seconds (it gets a `timeout`
    /// error record; the batch goes on); 0 for no limit.
    #[arg(long, value_name = "SECS", default_value_t = DEFAULT_TIMEOUT_PER_DOC)]
    pub timeout_per_doc: f64,
    /// Append to OUT, skipping inputs whose content and configuration
    /// already have a record there.
    #[arg(long)]
    pub resume: bool,
    /// Process only shard K of N (0-based, e.g. `--shard 0/4`), chosen by a
    /// hash of the input path, so N machines split an archive without
    /// coordination.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,
    /// No progress bar and no summary line.
    #[arg(short, long)]
    pub quiet: bool,
    /// Also write the summary as JSON to this file.
    #[arg(long, value_name = "FILE")]
    pub summary_json: Option<PathBuf>,
    /// Stage settings.
    #[command(flatten)]
    pub stages: StageFlags,
}

/// `serve`
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on; the default answers only this machine.
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8080")]
    pub bind: std::net::SocketAddr,
    /// Largest accepted upload, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = 50)]
    pub max_upload_mb: u64,
    /// Largest accepted page count of a PDF.
    #[arg(long, value_name = "N", default_value_t = 500)]
    pub max_pages: u32,
    /// Give up on a document after this many seconds (answer 504).
    #[arg(long, value_name = "SECS", default_value_t = 120.0)]
    pub timeout: f64,
    /// Close a client that sends nothing for this many seconds (request
    /// head, keep-alive, upload body; the whole body gets 6 times this).
    #[arg(long, value_name = "SECS", default_value_t = 10.0)]
    pub read_timeout: f64,
    /// Documents processed at the same time (default: all cores).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Stage settings.
    #[command(flatten)]
    pub stages: StageFlags,
}
