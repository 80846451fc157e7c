//! Batch processing of archives: parallel, streaming, resumable, shardable.
//!
//! [`run`] processes a list of inputs on a rayon pool and appends one JSON
//! line per input to an output file, **in input order**, whatever the
//! number of workers: finished records wait in a reorder buffer until every
//! earlier input is written. At most `window` documents are in flight or
//! buffered at once, so memory stays flat for any archive size.
//!
//! Nothing is lost: a document that fails, panics or runs past
//! `timeout_per_doc` still gets its record (with `error`), and each record
//! is written with one `write` of a complete line, so an interrupted run
//! leaves at most a partial last line, which [`run`] with `resume` cuts off
//! before appending. Resuming skips inputs whose path, SHA-256 and pipeline
//! configuration already have a record, so a resumed run produces the same
//! file as an uninterrupted one.
//!
//! [`Shard`] selects a deterministic subset by a hash of the path, so N
//! machines can split an archive without coordinating; concatenating their
//! outputs gives every input exactly once.
//!
//! This module does not print: progress goes to a caller-supplied callback.

use crate::pipeline::{sha256_hex, Pipeline, PipelineInfo, TimeLimit};
use crate::schema::{Record, Source};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

/// Errors that stop a whole batch (a single document never does).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BatchError {
    /// The output file cannot be opened, read or written. (The OS error
    /// is the error's source, not part of its message: printed with its
    /// chain, a full disk's error came out twice.)
    #[error("{}: cannot open, read or write the output", .path.display())]
    Output {
        /// The output file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// `--shard` is malformed.
    #[error("invalid shard {0:?}: expected K/N with 0 <= K < N, e.g. 0/4")]
    Shard(String),
    /// A complete line of the output to resume is not a record: resuming
    /// would keep it and lose track of which input it stood for.
    #[error(
        "{}: line {line} is not a nghiquyet record ({detail}); fix or remove that line, or start without --resume",
        .path.display()
    )]
    CorruptOutput {
        /// The output file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What the JSON reader said.
        detail: String,
    },
    /// The worker pool could not be started.
    #[error("cannot start {jobs} worker threads: {message}")]
    Pool {
        /// Requested workers.
        jobs: usize,
        /// What rayon said.
        message: String,
    },
}

/// One of N deterministic parts of an archive (0-based `index`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// This part, 0-based.
    pub index: u64,
    /// Number of parts.
    pub count: u64,
}

impl std::str::FromStr for Shard {
    type Err = BatchError;

    fn from_str(s: &str) -> Result<Shard, BatchError> {
        let bad = || BatchError::Shard(s.to_owned());
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let index: u64 = k.trim().parse().map_err(|_| bad())?;
        let count: u64 = n.trim().parse().map_err(|_| bad())?;
        if count == 0 || index >= count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

impl Shard {
    /// Whether `path` belongs to this shard: FNV-1a of the path as given,
    /// so every machine computes the same split from the same list.
    pub fn selects(&self, path: &Path) -> bool {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for &b in path.as_os_str().as_encoded_bytes() {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        hash % self.count == self.index
    }
}

/// How to run a batch.
#[derive(Debug, Clone, Default)]
pub struct BatchOptions {
    /// Worker threads (0 = all cores).
    pub jobs: usize,
    /// Give up on a document after this long and record a `timeout` error.
    pub timeout_per_doc: Option<Duration>,
    /// Append to the output, skipping inputs that already have a record.
    pub resume: bool,
    /// Process only this shard of the inputs.
    pub shard: Option<Shard>,
    /// Most documents in flight or waiting to be written (0 = 4 × jobs).
    pub window: usize,
}

/// What happened, for progress displays.
#[derive(Debug, Clone)]
pub enum BatchEvent {
    /// The work is known: `todo` documents to process.
    Started {
        /// Documents to process.
        todo: usize,
        /// Inputs skipped because a record already exists (resume).
        skipped: usize,
    },
    /// A record was written.
    Written {
        /// The input's path.
        path: String,
        /// Its pages (1 for text input, 0 when unreadable).
        pages: u64,
        /// The error code, if it failed.
        error: Option<String>,
    },
}

/// Figures of a finished (or interrupted) batch.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct BatchSummary {
    /// Inputs given (after expanding directories).
    pub inputs: usize,
    /// Inputs outside this shard.
    pub not_in_shard: usize,
    /// Inputs skipped because OUT already had their record.
    pub skipped: usize,
    /// Inputs listed more than once (each gets one record, at its first place).
    pub duplicates: usize,
    /// Records of OUT replaced on resume: the input changed, or its
    /// earlier attempt failed in a way that may pass (timeout, internal error).
    pub replaced: usize,
    /// Records written without error.
    pub ok: usize,
    /// Records written with an error.
    pub failed: usize,
    /// Pages in the records written.
    pub pages: u64,
    /// Wall-clock seconds.
    pub wall_seconds: f64,
    /// Pages per second of wall-clock time.
    pub pages_per_second: f64,
    /// The run was stopped before every input was processed.
    pub interrupted: bool,
}

/// Processes `inputs` into the JSON Lines file `out`.
///
/// `stop` is polled between documents: when it turns true, no new document
/// starts, the ones in flight are finished and written, and the summary
/// says `interrupted`.
///
/// # Errors
/// Only when the output cannot be written or the pool cannot start; every
/// per-document failure becomes a record.
pub fn run(
    pipeline: &Pipeline,
    inputs: &[PathBuf],
    out: &Path,
    options: &BatchOptions,
    stop: &AtomicBool,
    on_event: &mut dyn FnMut(&BatchEvent),
) -> Result<BatchSummary, BatchError> {
    let started = Instant::now();
    let out_err = |source| BatchError::Output { path: out.to_path_buf(), source };
    let mut summary = BatchSummary { inputs: inputs.len(), ..BatchSummary::default() };

    // The same path listed twice is one input: one record, at its first
    // place, whether or not the run is resumed.
    let mut seen = HashSet::new();
    let unique: Vec<&PathBuf> = inputs.iter().filter(|p| seen.insert(p.as_path())).collect();
    summary.duplicates = inputs.len() - unique.len();
    let mine: Vec<&PathBuf> = match options.shard {
        Some(shard) => unique.iter().copied().filter(|p| shard.selects(p)).collect(),
        None => unique,
    };
    summary.not_in_shard = inputs.len() - summary.duplicates - mine.len();

    let info = pipeline.info();
    if !options.resume {
        let file = File::create(out).map_err(out_err)?;
        let output = Output { file, path: out, line: Vec::with_capacity(1 << 16) };
        return run_todo(pipeline, &mine, output, options, stop, on_event, summary, started);
    }
    let done = read_done(out, &info)?;
    let mut todo = Vec::new();
    for path in mine.iter().copied() {
        match done.get(&path.display().to_string()) {
            None => todo.push(path),
            Some(earlier) if earlier.still_valid(pipeline, path) => summary.skipped += 1,
            Some(_) => {
                summary.replaced += 1;
                todo.push(path);
            }
        }
    }
    let file = OpenOptions::new().create(true).append(true).open(out).map_err(out_err)?;
    let output = Output { file, path: out, line: Vec::with_capacity(1 << 16) };
    let summary = run_todo(pipeline, &todo, output, options, stop, on_event, summary, started)?;
    if summary.replaced > 0 {
        compact(out, &mine).map_err(out_err)?;
    }
    Ok(summary)
}

/// The output file and a reusable line buffer.
struct Output<'a> {
    file: File,
    path: &'a Path,
    line: Vec<u8>,
}

impl Output<'_> {
    /// One complete line per `write` call: an interruption can only leave
    /// a partial *last* line, which resume cuts off.
    fn write(&mut self, record: &Record) -> Result<(), BatchError> {
        self.line.clear();
        let result =
            serde_json::to_writer(&mut self.line, record).map_err(std::io::Error::other).and_then(|()| {
                self.line.push(b'\n');
                self.file.write_all(&self.line)?;
                self.file.flush()
            });
        result.map_err(|source| BatchError::Output { path: self.path.to_path_buf(), source })
    }
}

/// What a worker tells the writer.
enum Message {
    /// Document `i` was taken by a worker at this instant.
    Started(usize, Instant),
    /// Document `i` was read: what its timeout record would say of it.
    Read(usize, Box<Source>),
    /// Document `i` is done.
    Done(usize, Box<Record>),
}

#[allow(clippy::too_many_arguments)]
fn run_todo(
    pipeline: &Pipeline,
    todo: &[&PathBuf],
    mut output: Output<'_>,
    options: &BatchOptions,
    stop: &AtomicBool,
    on_event: &mut dyn FnMut(&BatchEvent),
    mut summary: BatchSummary,
    started: Instant,
) -> Result<BatchSummary, BatchError> {
    on_event(&BatchEvent::Started { todo: todo.len(), skipped: summary.skipped });
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs)
        .thread_name(|i| format!("nghiquyet-{i}"))
        .build()
        .map_err(|e| BatchError::Pool { jobs: options.jobs, message: e.to_string() })?;
    let window = if options.window > 0 { options.window } else { 4 * pool.current_num_threads() };
    let pipeline = Arc::new(pipeline.clone());
    let (tx, rx) = mpsc::channel::<Message>();
    let mut pending: BTreeMap<usize, Record> = BTreeMap::new();
    let mut in_flight: HashMap<usize, Instant> = HashMap::new();
    let mut sources: HashMap<usize, Source> = HashMap::new();
    let mut abandoned: HashSet<usize> = HashSet::new();
    let (mut next_start, mut next_write) = (0usize, 0usize);
    let poll = Duration::from_millis(50);

    loop {
        while next_start < todo.len() && next_start - next_write < window && !stop.load(Ordering::Relaxed) {
            let (i, path, tx, pipeline) =
                (next_start, todo[next_start].clone(), tx.clone(), Arc::clone(&pipeline));
            let limit = options.timeout_per_doc;
            pool.spawn(move || {
                // The clock starts when a worker takes the document, not
                // when it is queued behind slower ones. The receiver is
                // gone only if the batch itself failed.
                let started = Instant::now();
                let _ = tx.send(Message::Started(i, started));
                let record = match pipeline.read_input(&path) {
                    Ok(bytes) => {
                        let source = pipeline.source_of(&path, &bytes);
                        let _ = tx.send(Message::Read(i, Box::new(source.clone())));
                        let limit = limit.map(|t| TimeLimit::starting_at(started, t));
                        pipeline.process_source_limited(&path, &bytes, source, limit)
                    }
                    Err(record) => *record,
                };
                let _ = tx.send(Message::Done(i, Box::new(record)));
            });
            next_start += 1;
        }
        if next_write == next_start {
            break;
        }
        // Every message that has arrived is taken before anyone is judged
        // late, so a document that finished in time is never also given
        // a timeout record.
        let mut message = match rx.recv_timeout(poll) {
            Ok(m) => Some(m),
            Err(mpsc::RecvTimeoutError::Timeout) => None,
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        while let Some(m) = message.take() {
            match m {
                Message::Started(i, at) => {
                    in_flight.insert(i, at);
                }
                Message::Read(i, source) => {
                    sources.insert(i, *source);
                }
                Message::Done(i, record) => {
                    in_flight.remove(&i);
                    sources.remove(&i);
                    if !abandoned.contains(&i) {
                        pending.insert(i, *record);
                    }
                }
            }
            message = rx.try_recv().ok();
        }
        if let Some(limit) = options.timeout_per_doc {
            // A worker past its limit returns a timeout record itself at
            // its next check; one that does not (stuck in a system call)
            // is given its record here after a grace period, and its late
            // result is dropped. The writer never touches the input.
            let late: Vec<usize> = in_flight
                .iter()
                .filter(|(i, t)| t.elapsed() > limit + ABANDON_GRACE && !abandoned.contains(i))
                .map(|(&i, _)| i)
                .collect();
            for i in late {
                abandoned.insert(i);
                in_flight.remove(&i);
                pending.insert(i, pipeline.timeout_record(todo[i], sources.remove(&i), limit));
            }
        }
        while let Some(record) = pending.remove(&next_write) {
            output.write(&record)?;
            let pages = record_pages(&record);
            summary.pages += pages;
            if record.error.is_some() {
                summary.failed += 1;
            } else {
                summary.ok += 1;
            }
            on_event(&BatchEvent::Written {
                path: record.source.path.clone(),
                pages,
                error: record.error.as_ref().map(|e| e.code.clone()),
            });
            next_write += 1;
        }
    }
    summary.interrupted = next_write < todo.len();
    summary.wall_seconds = started.elapsed().as_secs_f64();
    summary.pages_per_second =
        if summary.wall_seconds > 0.0 { summary.pages as f64 / summary.wall_seconds } else { 0.0 };
    Ok(summary)
}

fn record_pages(record: &Record) -> u64 {
    match (record.source.pages, record.error.is_some()) {
        (Some(n), _) => u64::from(n),
        (None, false) => 1,
        (None, true) => 0,
    }
}

/// How long past its limit a document's worker has to hand in its own
/// `timeout` record before the writer writes one for it: the pipeline
/// checks its deadline at least every few milliseconds of work, so only a
/// worker blocked outside it (a hung read) needs the writer's record.
const ABANDON_GRACE: Duration = Duration::from_secs(1);

/// Error codes of records that a second attempt may turn into a success,
/// so `--resume` processes their inputs again.
const RETRYABLE: [&str; 2] = ["timeout", "internal_error"];

/// What OUT already says of one input (its last record there).
#[derive(Debug)]
struct Earlier {
    same_config: bool,
    sha256: Option<String>,
    bytes: Option<u64>,
    error: Option<String>,
}

impl Earlier {
    /// Whether the record can stand for `path` as it is now: not a
    /// failure worth retrying, and made from the same bytes (the same hash;
    /// without a hash, because the file was not read, the same size).
    fn still_valid(&self, pipeline: &Pipeline, path: &Path) -> bool {
        if !self.same_config || self.error.as_deref().is_some_and(|c| RETRYABLE.contains(&c)) {
            return false;
        }
        match &self.sha256 {
            Some(sha) => match pipeline.read_input(path) {
                Ok(bytes) => sha256_hex(&bytes) == *sha,
                Err(_) => false,
            },
            None => {
                let now = std::fs::symlink_metadata(path).ok().filter(|m| m.is_file()).map(|m| m.len());
                now == self.bytes || (now.is_none() && self.bytes.is_none())
            }
        }
    }
}

/// Reads the records already in `out` (if any), the last one of each path,
/// and cuts off a partial last line left by an
/// interrupted run. A complete line that is not a record is an error.
fn read_done(out: &Path, info: &PipelineInfo) -> Result<HashMap<String, Earlier>, BatchError> {
    let out_err = |source| BatchError::Output { path: out.to_path_buf(), source };
    let mut done = HashMap::new();
    let file = match OpenOptions::new().read(true).write(true).open(out) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(done),
        Err(e) => return Err(out_err(e)),
    };
    let mut reader = BufReader::new(&file);
    let mut good_len: u64 = 0;
    let mut buf = Vec::new();
    let mut line = 0;
    loop {
        buf.clear();
        let n = reader.read_until(b'\n', &mut buf).map_err(out_err)?;
        if n == 0 || buf.last() != Some(&b'\n') {
            break;
        }
        line += 1;
        good_len += n as u64;
        let corrupt = |detail: String| BatchError::CorruptOutput { path: out.to_path_buf(), line, detail };
        let value = serde_json::from_slice::<serde_json::Value>(&buf).map_err(|e| corrupt(e.to_string()))?;
        let Some(path) = value["source"]["path"].as_str() else {
            return Err(corrupt("no source.path".into()));
        };
        let earlier = Earlier {
            same_config: value["pipeline"]["config"].as_str() == Some(info.config.as_str()),
            sha256: value["source"]["sha256"].as_str().map(str::to_owned),
            bytes: value["source"]["bytes"].as_u64(),
            error: value["error"]["code"].as_str().map(str::to_owned),
        };
        done.insert(path.to_owned(), earlier);
    }
    drop(reader);
    if file.metadata().map_err(out_err)?.len() != good_len {
        file.set_len(good_len).map_err(out_err)?;
    }
    Ok(done)
}

/// Rewrites `out` with one record per input, the last one written for it,
/// in input order, followed by records of inputs not in this run in their
/// old order: a resumed run that replaced records leaves the same file as
/// an uninterrupted run over the same inputs. Written beside `out` and
/// renamed over it, so a crash leaves the old or the new file, never a mix.
fn compact(out: &Path, inputs: &[&PathBuf]) -> std::io::Result<()> {
    let mut lines: Vec<(String, Vec<u8>)> = Vec::new();
    let mut last: HashMap<String, usize> = HashMap::new();
    let reader = BufReader::new(File::open(out)?);
    for line in reader.split(b'\n') {
        let line = line?;
        let path = serde_json::from_slice::<serde_json::Value>(&line)
            .ok()
            .and_then(|v| v["source"]["path"].as_str().map(str::to_owned))
            .unwrap_or_default();
        last.insert(path.clone(), lines.len());
        lines.push((path, line));
    }
    let mut order: Vec<usize> = Vec::with_capacity(last.len());
    let mut placed = HashSet::new();
    for input in inputs {
        if let Some(&i) = last.get(&input.display().to_string()) {
            if placed.insert(i) {
                order.push(i);
            }
        }
    }
    for (i, (path, _)) in lines.iter().enumerate() {
        if last.get(path) == Some(&i) && placed.insert(i) {
            order.push(i);
        }
    }
    let dir = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    for i in order {
        tmp.write_all(&lines[i].1)?;
        tmp.write_all(b"\n")?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(out).map_err(|e| e.error)?;
    Ok(())
}

/// A stop flag set by Ctrl-C, for callers that want graceful interruption.
pub fn stop_flag() -> Arc<AtomicBool> {
    Arc::new(AtomicBool::new(false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_any_list() {
        let paths: Vec<PathBuf> = (0..500).map(|i| PathBuf::from(format!("archive/{i:04}.pdf"))).collect();
        let shards: Vec<Shard> = (0..3).map(|k| format!("{k}/3").parse().unwrap()).collect();
        for p in &paths {
            assert_eq!(shards.iter().filter(|s| s.selects(p)).count(), 1);
        }
        // roughly balanced
        for s in &shards {
            let n = paths.iter().filter(|p| s.selects(p)).count();
            assert!((120..=215).contains(&n), "{n}");
        }
    }

    #[test]
    fn shard_syntax() {
        assert!("3/3".parse::<Shard>().is_err());
        assert!("1/0".parse::<Shard>().is_err());
        assert!("x".parse::<Shard>().is_err());
        assert_eq!("2/5".parse::<Shard>().unwrap(), Shard { index: 2, count: 5 });
    }
}
