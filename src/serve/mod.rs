//! `nghiquyet serve`: an HTTP server with a review page for clerks and a
//! JSON endpoint for other tools.
//!
//! This module owns the HTTP layer only: connections and their timeouts,
//! routing, upload limits, admission and concurrency control, and the
//! embedded static page. The document work itself is
//! [`Pipeline::process_bytes_limited`], run on blocking threads so the async
//! runtime keeps answering (`/healthz`, other uploads) while a large PDF is
//! being read.
//!
//! Routes:
//!
//! | route | what |
//! |---|---|
//! | `GET /` | the review page (HTML + `/assets/*`, all embedded in the binary: works offline, no CDN) |
//! | `POST /api/extract` | multipart upload of one `.pdf` or `.txt` (field `file`) → the record, the same JSON as `nghiquyet extract` |
//! | `POST /api/paragraphs` | the paragraphs of a text (body: UTF-8), as `nghiquyet text` joins its lines, in code points |
//! | `POST /api/tasks` | what is due across the records sent (`{"records": [...], "body", "due_before", "format": "json"\|"csv"\|"ics"}`), selected and written by [`crate::tasks`] as `nghiquyet tasks` does |
//! | `GET /api/schema` | the JSON Schema of a record (`nghiquyet schema`) |
//! | `GET /healthz` | `ok` |
//!
//! # Safety
//!
//! The uploaded document is untrusted, and so is every connection:
//! * **time**: a connection has [`ServeOptions::read_timeout`] to send its
//!   request head (also between keep-alive requests), the body must keep
//!   arriving (no gap longer than `read_timeout`) and be complete within
//!   [`BODY_DEADLINE_FACTOR`] × `read_timeout`; a client that stalls gets a
//!   `408` and is closed, so idle uploads cannot hold the server. A document
//!   gets [`ServeOptions::timeout`], passed to the pipeline as its deadline.
//! * **memory**: `Content-Length` is checked before any byte of the body is
//!   read; the bytes of all uploads being received or processed share one
//!   budget ([`UPLOAD_MEMORY_BUDGET`]); at most a bounded number of
//!   documents wait for a worker, and [`ServeOptions::jobs`] run at once.
//! * **disk**: nothing is written; the upload goes to the pipeline from
//!   memory. Folders `nghiquyet-serve-*` that older versions wrote (and left
//!   behind when killed) are removed at start-up.
//! * **origin**: on a loopback address the `Host` must name this server
//!   exactly (`localhost`, `127.0.0.1` or `[::1]` with its port, one header,
//!   no user part), so a web page the clerk visits cannot reach it through
//!   DNS rebinding; a `POST` whose `Origin` is another site is refused, so
//!   such a page cannot upload either.
//! * **page**: the DOM is built with `textContent` only and served with a
//!   strict Content-Security-Policy (no inline script, no remote origin).

mod api;
mod assets;
mod due;
mod guard;

use crate::pipeline::Pipeline;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// The whole body must arrive within this many read timeouts: 60 s by
/// default, in which a 50 MiB upload needs under 1 MiB/s (a slow office
/// LAN); loopback uploads take milliseconds.
pub const BODY_DEADLINE_FACTOR: u32 = 6;

/// Bytes of uploads held in memory at once (being received, waiting or
/// being processed), unless two uploads at the size limit need more. A
/// fixed budget rather than a count of uploads: 32 clients holding a few
/// bytes each cannot lock the server out, and 32 holding 50 MiB each
/// cannot take 1.6 GB.
pub const UPLOAD_MEMORY_BUDGET: u64 = 256 << 20;

/// Connections open at once; beyond, a new connection is closed at once.
/// Bounds file descriptors (each OCR page needs pipes too); every
/// connection is bounded in time by the read timeouts, so a flood clears.
const MAX_CONNECTIONS: usize = 512;

/// How long Ctrl-C waits for requests in progress before the server exits.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// Pause after a failed `accept` (out of file descriptors): retrying at
/// once would spin.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(50);

/// Settings of the server; [`ServeOptions::default`] is what
/// `nghiquyet serve` uses without flags.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Address to listen on. The default is loopback only: the server is a
    /// clerk's desk tool, exposing it to a network is a deliberate choice.
    pub bind: SocketAddr,
    /// Largest accepted upload (the file itself), in bytes.
    pub max_upload_bytes: u64,
    /// Largest accepted page count of a PDF (pages actually read).
    pub max_pages: u32,
    /// Time allowed for one document, from the moment its upload is
    /// received (queueing included).
    pub timeout: Duration,
    /// Longest a client may stay silent: before its request head is
    /// complete, between keep-alive requests, and between two reads of a
    /// body (which must also be complete within [`BODY_DEADLINE_FACTOR`]
    /// times this).
    pub read_timeout: Duration,
    /// Documents processed at the same time (0 = number of cores).
    pub jobs: usize,
}

impl Default for ServeOptions {
    fn default() -> ServeOptions {
        ServeOptions {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            max_upload_bytes: 50 << 20,
            max_pages: 500,
            timeout: Duration::from_secs(120),
            read_timeout: Duration::from_secs(10),
            jobs: 0,
        }
    }
}

/// Why the server could not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    /// The address could not be bound (in use, not local, no permission).
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// The OS error.
        source: std::io::Error,
    },
    /// The async runtime could not start, or serving failed.
    #[error("server error: {0}")]
    Io(#[from] std::io::Error),
    /// A setting is out of range.
    #[error("invalid setting: {0}")]
    Config(String),
}

/// Shared state of all requests.
#[derive(Debug)]
struct AppState {
    pipeline: Pipeline,
    options: ServeOptions,
    /// Documents being processed (permits = `jobs`). A permit moves into the
    /// blocking task and is released only when that task really ends, so
    /// work that outlives its request's timeout still counts.
    workers: Arc<Semaphore>,
    /// Documents received and waiting for a worker or being processed;
    /// taken only once the whole upload is in, so slow senders hold none.
    admitted: Arc<Semaphore>,
    /// Upload bytes held in memory, one permit per byte (see
    /// [`UPLOAD_MEMORY_BUDGET`]).
    memory: Arc<Semaphore>,
    /// The address the server listens on: its port is the only one a
    /// `Host` or `Origin` may name.
    bound: SocketAddr,
}

/// Runs the server until Ctrl-C (or SIGTERM): binds `options.bind`, calls
/// `on_ready` with the address actually bound (useful with port 0), then
/// serves on a multi-threaded runtime.
///
/// # Errors
/// When the settings are invalid, the address cannot be bound, or the
/// runtime cannot start.
pub fn run(
    pipeline: Pipeline,
    options: ServeOptions,
    on_ready: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    validate(&options)?;
    remove_stale_uploads(&std::env::temp_dir());
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(options.bind)
            .await
            .map_err(|source| ServeError::Bind { addr: options.bind, source })?;
        let addr = listener.local_addr()?;
        on_ready(addr);
        let read_timeout = options.read_timeout;
        let app = router(pipeline, options, addr);
        serve(listener, app, read_timeout).await;
        Ok(())
    })
}

fn validate(options: &ServeOptions) -> Result<(), ServeError> {
    if options.max_upload_bytes == 0 {
        return Err(ServeError::Config("the upload limit must be above 0 bytes".into()));
    }
    if options.max_pages == 0 {
        return Err(ServeError::Config("the page limit must be at least 1".into()));
    }
    if options.timeout.is_zero() {
        return Err(ServeError::Config("the timeout must be above 0 seconds".into()));
    }
    if options.read_timeout.is_zero() {
        return Err(ServeError::Config("the read timeout must be above 0 seconds".into()));
    }
    Ok(())
}

/// Accepts connections until Ctrl-C and serves each with HTTP/1.1 and a
/// request-head timeout (which axum's own `serve` does not set: an idle
/// connection would stay open for ever).
async fn serve(listener: tokio::net::TcpListener, app: Router, read_timeout: Duration) {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(read_timeout).keep_alive(true);
    let connections = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let graceful = GracefulShutdown::new();
    let mut stop = std::pin::pin!(shutdown_signal());
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => stream,
                Err(_) => {
                    tokio::time::sleep(ACCEPT_BACKOFF).await;
                    continue;
                }
            },
            _ = &mut stop => break,
        };
        let Ok(slot) = connections.clone().try_acquire_owned() else {
            drop(stream);
            continue;
        };
        let connection = http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(app.clone()));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // A client that went away or broke the protocol: nothing to report.
            let _ = connection.await;
            drop(slot);
        });
    }
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown()).await;
}

/// The application: routes, limits and headers, for a server listening on
/// `bound`.
fn router(pipeline: Pipeline, options: ServeOptions, bound: SocketAddr) -> Router {
    let jobs = if options.jobs == 0 {
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2)
    } else {
        options.jobs
    };
    // Documents waiting for a worker: enough for a queue of work, few
    // enough that a waiting upload still has time to be processed.
    let admitted = (jobs * 8).max(32);
    let memory = UPLOAD_MEMORY_BUDGET.max(options.max_upload_bytes.saturating_mul(2));
    let memory = usize::try_from(memory).unwrap_or(usize::MAX).min(Semaphore::MAX_PERMITS);
    let body_limit = api::body_limit(options.max_upload_bytes);
    let state = Arc::new(AppState {
        pipeline,
        options,
        workers: Arc::new(Semaphore::new(jobs)),
        admitted: Arc::new(Semaphore::new(admitted)),
        memory: Arc::new(Semaphore::new(memory)),
        bound,
    });
    Router::new()
        .route("/", get(assets::index))
        .route("/assets/{name}", get(assets::asset))
        .route("/healthz", get(|| async { "ok" }))
        .route("/api/schema", get(api::schema))
        .route("/api/extract", post(api::extract).layer(DefaultBodyLimit::max(body_limit)))
        .route("/api/paragraphs", post(api::paragraphs))
        .route("/api/tasks", post(due::tasks))
        .fallback(api::not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), guard::guard))
        .with_state(state)
}

/// Removes, from `temp`, the folders `nghiquyet-serve-*` in which versions
/// before 0.2 wrote each upload (`upload.pdf` / `upload.txt`) and which a
/// killed server left behind. This version writes none, so such a folder
/// is never one of ours in use; a folder holding anything else is kept.
fn remove_stale_uploads(temp: &Path) {
    let Ok(entries) = std::fs::read_dir(temp) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let is_ours = name.to_str().is_some_and(|n| n.starts_with("nghiquyet-serve-"));
        // `file_type` does not follow symbolic links: a link is never removed.
        if !is_ours || !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let dir = entry.path();
        let Ok(inside) = std::fs::read_dir(&dir) else { continue };
        let inside: Vec<_> = inside.flatten().collect();
        let only_uploads = inside.iter().all(|f| {
            f.file_type().is_ok_and(|t| t.is_file())
                && matches!(f.file_name().to_str(), Some("upload.pdf") | Some("upload.txt"))
        });
        if only_uploads {
            for f in &inside {
                let _ = std::fs::remove_file(f.path());
            }
            let _ = std::fs::remove_dir(&dir);
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_folders_of_old_uploads_are_removed() {
        let temp = tempfile::tempdir().expect("temp dir");
        let old = temp.path().join("nghiquyet-serve-a1B2c3");
        std::fs::create_dir(&old).expect("dir");
        std::fs::write(old.join("upload.pdf"), b"%PDF-1.4 left by a killed server").expect("file");
        let empty = temp.path().join("nghiquyet-serve-x");
        std::fs::create_dir(&empty).expect("dir");
        let other = temp.path().join("nghiquyet-serve-keep");
        std::fs::create_dir(&other).expect("dir");
        std::fs::write(other.join("notes.txt"), b"not ours").expect("file");
        let unrelated = temp.path().join("upload-dir");
        std::fs::create_dir(&unrelated).expect("dir");
        std::fs::write(unrelated.join("upload.pdf"), b"x").expect("file");
        remove_stale_uploads(temp.path());
        assert!(!old.exists() && !empty.exists());
        assert!(other.join("notes.txt").exists() && unrelated.join("upload.pdf").exists());
    }
}
