//! The `nghiquyet` binary: parses arguments, calls the library, prints.

mod cli;

use anyhow::Context;
use clap::Parser;
use cli::{Cli, Command};
use nghiquyet::pipeline::{expand_inputs, Pipeline};
use nghiquyet::repair::RepairOptions;
use nghiquyet::schema::ErrorCode;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The binary's allocator; the library leaves the choice to its users.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's option numbers in the version `libmimalloc-sys` 0.1.49
/// vendors (`mi_option_e` of its v3 `mimalloc.h`; the crate names only
/// the v2 ones).
const MI_OPTION_ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Freed memory goes back to the system at once instead of after a delay,
/// and arenas are committed as they are used: with mimalloc's defaults the
/// peak RSS of a 3–4 MB text rose from 200–240 MB (glibc) to 260–305 MB,
/// against issue 20's 300 MB bound; with these it is 195–235 MB, as with
/// glibc (`scripts/hostile-campaign.py --per-input`, session 9).
fn bound_allocator_memory() {
    // SAFETY: `mi_option_set` only stores a value in mimalloc's option
    // table; any value is valid for these two options.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0);
        libmimalloc_sys::mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0);
    }
}

/// The options must be set before the first allocation: mimalloc reserves
/// its first arena then, with the commit policy of that moment. A function
/// in `.init_array` runs before `main` and before anything in it
/// allocates (with the options set in `main` instead, one-file runs spent
/// about 15 % more CPU than with glibc; set here, about 13 % less: `text`
/// over 81 PDFs, one process each, session 9).
#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array"]
static SET_ALLOCATOR_OPTIONS: extern "C" fn() = {
    extern "C" fn set_allocator_options() {
        bound_allocator_memory();
    }
    set_allocator_options
};

fn main() -> ExitCode {
    #[cfg(not(target_os = "linux"))]
    bound_allocator_memory();
    ignore_file_size_signal();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("nghiquyet: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// Past a file-size limit (`ulimit -f`) the kernel sends SIGXFSZ, whose
/// default action kills the process without a word and with records half
/// written. Ignored, the write fails with "File too large" instead, and the
/// run says so and which output it could not write (issue 20).
fn ignore_file_size_signal() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to SIG_IGN before any thread
    // starts installs no handler and touches no memory of ours.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Extract(args) => extract(args),
        Command::Batch(args) => batch(args),
        Command::Text(args) => {
            let repair = args.repair.then(|| repair_options(&args.repair_flags)).transpose()?;
            if repair.is_some() {
                ensure_models()?;
            }
            let pipeline = Pipeline::builder().repair(repair).ocr(ocr_options(&args.read)).build();
            let extracted = pipeline.extract_path(&args.input)?;
            for w in &extracted.warnings {
                eprintln!("nghiquyet: {}", w.message);
            }
            let text = extracted.text.as_str();
            let mut out = std::io::stdout().lock();
            if args.layout {
                out.write_all(text.as_bytes())?;
                if !text.ends_with('\n') {
                    out.write_all(b"\n")?;
                }
            } else {
                for range in nghiquyet::parse::paragraphs(text) {
                    let paragraph = text.get(range).unwrap_or_default();
                    let words: Vec<&str> = paragraph.split('\n').map(str::trim).collect();
                    writeln!(out, "{}", words.join(" "))?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Repair(args) => {
            let input = match args.input.as_deref() {
                None => read_stdin()?,
                Some(p) if p == Path::new("-") => read_stdin()?,
                Some(p) => {
                    std::fs::read_to_string(p).with_context(|| format!("{}: cannot read", p.display()))?
                }
            };
            ensure_models()?;
            let pipeline = Pipeline::builder().repair(Some(repair_options(&args.repair)?)).build();
            let (text, repairs) = pipeline.repair_text(&input);
            let mut out = std::io::stdout().lock();
            if args.json {
                serde_json::to_writer_pretty(&mut out, &repairs)?;
                out.write_all(b"\n")?;
            } else {
                out.write_all(text.as_str().as_bytes())?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::TrainLm(args) => {
            let r = nghiquyet::repair::train::train_lm(&args.corpus, &args.output)?;
            eprintln!(
                "nghiquyet: {} files, {} syllables, vocabulary {}, {} bigrams, {} trigrams -> {} ({} bytes)",
                r.files,
                r.tokens,
                r.vocab,
                r.bigrams,
                r.trigrams,
                args.output.display(),
                r.bytes
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::TrainErrors(args) => {
            let r = nghiquyet::repair::train::train_errors_legacy(
                &args.cases,
                args.legacy_from.as_deref(),
                &args.output,
            )?;
            eprintln!("nghiquyet: {r} -> {}", args.output.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve(args) => {
            anyhow::ensure!(
                args.timeout.is_finite() && args.timeout > 0.0,
                "--timeout must be a positive number of seconds, not {}",
                args.timeout
            );
            anyhow::ensure!(
                args.read_timeout.is_finite() && args.read_timeout > 0.0,
                "--read-timeout must be a positive number of seconds, not {}",
                args.read_timeout
            );
            let options = nghiquyet::serve::ServeOptions {
                bind: args.bind,
                max_upload_bytes: args.max_upload_mb.saturating_mul(1 << 20),
                max_pages: args.max_pages,
                timeout: std::time::Duration::from_secs_f64(args.timeout),
                read_timeout: std::time::Duration::from_secs_f64(args.read_timeout),
                jobs: args.jobs.unwrap_or(0),
            };
            let pipeline = pipeline_for(&args.stages)?;
            // A server loads the models before it listens, so the first
            // upload's time limit is not spent on them.
            if !args.stages.no_repair {
                ensure_models()?;
            }
            nghiquyet::serve::run(pipeline, options, |addr| {
                println!("nghiquyet: review page at http://{addr}/ (Ctrl-C to stop)");
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Tasks(args) => tasks(args),
        Command::Schema => {
            let mut out = std::io::stdout().lock();
            serde_json::to_writer_pretty(&mut out, &nghiquyet::schema::json_schema())?;
            out.write_all(b"\n")?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn repair_options(flags: &cli::RepairFlags) -> anyhow::Result<RepairOptions> {
    anyhow::ensure!(
        (0.0..=1.0).contains(&flags.min_confidence),
        "--min-confidence must be between 0 and 1, not {}",
        flags.min_confidence
    );
    let d = RepairOptions::default();
    Ok(RepairOptions {
        min_confidence: flags.min_confidence,
        realword_margin: flags.realword_margin.unwrap_or(d.realword_margin),
        nonword_margin: flags.nonword_margin.unwrap_or(d.nonword_margin),
        ..d
    })
}

/// The pipeline configured by the stage flags of `extract`, `batch`, `serve`.
fn pipeline_for(flags: &cli::StageFlags) -> anyhow::Result<Pipeline> {
    // The models load when a document first needs them (never, for a
    // born-digital archive); a load failure is that document's
    // `model_error` record, and the command then exits 2 (`exit_for`).
    let repair = if flags.no_repair { None } else { Some(repair_options(&flags.repair)?) };
    Ok(Pipeline::builder().repair(repair).ocr(ocr_options(&flags.read)).build())
}

/// Refuses to run repair without its models: a broken build must fail
/// loudly (exit 2), not quietly give unrepaired records.
fn ensure_models() -> anyhow::Result<()> {
    nghiquyet::repair::Models::embedded()
        .map(|_| ())
        .map_err(|e| anyhow::anyhow!("the embedded repair models cannot be loaded: {e}"))
}

fn ocr_options(flags: &cli::ReadFlags) -> nghiquyet::ocr::OcrOptions {
    use nghiquyet::ocr::OcrMode;
    let mode = match flags.ocr {
        cli::OcrArg::Auto => OcrMode::Auto,
        cli::OcrArg::Never => OcrMode::Never,
        cli::OcrArg::Always => OcrMode::Always,
    };
    nghiquyet::ocr::OcrOptions { mode, language: flags.ocr_lang.clone(), ..Default::default() }
}

fn extract(args: cli::ExtractArgs) -> anyhow::Result<ExitCode> {
    let pipeline = pipeline_for(&args.stages)?;
    let inputs = expand_inputs(&args.inputs);
    anyhow::ensure!(!inputs.is_empty(), "no .pdf or .txt files found in the given inputs");
    let limit = time_limit(args.timeout_per_doc)?;
    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.jobs.unwrap_or(0)).build()?;
    let records = pool.install(|| pipeline.process_all_within(&inputs, limit));
    let jsonl = args.jsonl || inputs.len() > 1 || args.inputs.iter().any(|p| p.is_dir());
    let mut buf = Vec::new();
    for record in &records {
        if jsonl {
            serde_json::to_writer(&mut buf, record)?;
        } else {
            serde_json::to_writer_pretty(&mut buf, record)?;
        }
        buf.push(b'\n');
    }
    let (mut failed, mut models_broken) = (0, false);
    for record in &records {
        // Warnings name their file (and page) already, as in `text`.
        for w in &record.warnings {
            eprintln!("nghiquyet: {}", w.message);
        }
        if let Some(err) = &record.error {
            failed += 1;
            models_broken |= err.code == ErrorCode::ModelError.as_str();
            eprintln!("nghiquyet: {}", err.message);
        }
    }
    match &args.output {
        Some(path) => write_atomically(path, &buf)?,
        None => std::io::stdout().lock().write_all(&buf)?,
    }
    Ok(exit_for(failed, models_broken))
}

/// Exit status of `extract` and `batch`: 2 when the embedded models could
/// not be loaded (a broken build, not a bad input), 1 when some input
/// failed, else 0.
fn exit_for(failed: usize, models_broken: bool) -> ExitCode {
    if models_broken {
        ExitCode::from(2)
    } else if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn batch(args: cli::BatchArgs) -> anyhow::Result<ExitCode> {
    use nghiquyet::batch::{self, BatchEvent, BatchOptions};
    use std::io::IsTerminal;
    let pipeline = pipeline_for(&args.stages)?;
    let mut inputs = args.inputs.clone();
    if let Some(list) = &args.from_list {
        let text = if list == Path::new("-") {
            read_stdin()?
        } else {
            std::fs::read_to_string(list).with_context(|| format!("{}: cannot read", list.display()))?
        };
        inputs.extend(text.lines().map(str::trim).filter(|l| !l.is_empty()).map(PathBuf::from));
    }
    let inputs = expand_inputs(&inputs);
    anyhow::ensure!(!inputs.is_empty(), "no inputs: give files, directories or --from-list");
    let timeout = time_limit(args.timeout_per_doc)?;
    let options = BatchOptions {
        jobs: args.jobs.unwrap_or(0),
        timeout_per_doc: timeout,
        resume: args.resume,
        shard: args.shard.as_deref().map(str::parse).transpose()?,
        window: 0,
    };
    let stop = batch::stop_flag();
    {
        let stop = stop.clone();
        // A second Ctrl-C kills the process the usual way.
        let _ = ctrlc::set_handler(move || {
            if stop.swap(true, std::sync::atomic::Ordering::SeqCst) {
                std::process::exit(130);
            }
        });
    }
    let bar = (!args.quiet && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:30} {pos}/{len} docs  {msg}  {elapsed_precise} ETA {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let started = std::time::Instant::now();
    let (mut pages, mut failures, mut models_broken) = (0u64, 0usize, false);
    let mut on_event = |event: &BatchEvent| match event {
        BatchEvent::Started { todo, .. } => {
            if let Some(bar) = &bar {
                bar.set_length(*todo as u64);
            }
        }
        BatchEvent::Written { path, pages: p, error } => {
            pages += p;
            if let Some(code) = error {
                failures += 1;
                models_broken |= code == ErrorCode::ModelError.as_str();
                let line = format!("nghiquyet: {path}: {code}");
                match &bar {
                    Some(bar) => bar.println(line),
                    None if !args.quiet => eprintln!("{line}"),
                    None => {}
                }
            }
            if let Some(bar) = &bar {
                let rate = pages as f64 / started.elapsed().as_secs_f64().max(1e-6);
                bar.set_message(format!("{pages} pages  {rate:.1} pages/s  {failures} failed"));
                bar.inc(1);
            }
        }
    };
    let summary = batch::run(&pipeline, &inputs, &args.output, &options, &stop, &mut on_event)?;
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    if !args.quiet {
        eprintln!(
            "nghiquyet: {} ok, {} failed, {} skipped{}{}{}; {} pages in {:.1} s ({:.1} pages/s){}",
            summary.ok,
            summary.failed,
            summary.skipped,
            if summary.replaced > 0 { format!(", {} redone", summary.replaced) } else { String::new() },
            if summary.duplicates > 0 {
                format!(", {} listed twice", summary.duplicates)
            } else {
                String::new()
            },
            if summary.not_in_shard > 0 {
                format!(", {} in other shards", summary.not_in_shard)
            } else {
                String::new()
            },
            summary.pages,
            summary.wall_seconds,
            summary.pages_per_second,
            if summary.interrupted { " — interrupted, rerun with --resume to finish" } else { "" },
        );
    }
    if let Some(path) = &args.summary_json {
        write_atomically(path, &serde_json::to_vec_pretty(&summary)?)?;
    }
    Ok(if summary.interrupted { ExitCode::from(130) } else { exit_for(summary.failed, models_broken) })
}

/// The `--timeout-per-doc` value as a limit (`0` = none).
fn time_limit(seconds: f64) -> anyhow::Result<Option<std::time::Duration>> {
    anyhow::ensure!(
        seconds.is_finite() && seconds >= 0.0,
        "--timeout-per-doc must be a number of seconds (0 for no limit), not {seconds}"
    );
    Ok((seconds > 0.0).then(|| std::time::Duration::from_secs_f64(seconds)))
}

fn tasks(args: cli::TasksArgs) -> anyhow::Result<ExitCode> {
    use nghiquyet::tasks::{self, Date, Query};
    let due_before = args.due_before.as_deref().map(Date::parse).transpose().context("--due-before")?;
    let query = Query { body: args.body.clone(), due_before };
    let name = args.archive.display();
    let items = if args.archive == Path::new("-") {
        tasks::from_archive(std::io::stdin().lock(), query)
    } else {
        let file = std::fs::File::open(&args.archive).with_context(|| format!("{name}: cannot open"))?;
        tasks::from_archive(std::io::BufReader::new(file), query)
    }
    .with_context(|| format!("{name}"))?;
    let mut buf = Vec::new();
    match args.format {
        cli::TasksFormat::Table => tasks::write_table(&mut buf, &items)?,
        cli::TasksFormat::Csv => tasks::write_csv(&mut buf, &items)?,
        cli::TasksFormat::Ics => {
            let undated = tasks::write_ics(&mut buf, &items)?;
            if undated > 0 {
                eprintln!("nghiquyet: {undated} undated or recurring items are not in the calendar");
            }
        }
    }
    match &args.output {
        Some(path) => write_atomically(path, &buf)?,
        None => std::io::stdout().lock().write_all(&buf)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over
/// `path`, so readers never see a half-written file.
fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().with_context(|| format!("{}: not a file name", path.display()))?;
    let tmp: PathBuf = dir.join(format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.with_context(|| format!("{}: cannot write", path.display()))
}

fn read_stdin() -> anyhow::Result<String> {
    let mut s = String::new();
    std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
        .context("standard input is not UTF-8 text")?;
    Ok(s)
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
