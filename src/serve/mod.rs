//! `nghiquyet serve`: an HTTP server with a review page for clerks and a
//! JSON endpoint for other tools.
//!
//! This module owns the HTTP layer only: routing, upload limits, admission
//! and concurrency control, timeouts, and the embedded static page. The
//! document work itself is [`Pipeline::process_path_until`], run on
//! blocking threads so the async runtime keeps answering (`/healthz`, other
//! uploads) while a large PDF is being read.
//!
//! Routes:
//!
//! | route | what |
//! |---|---|
//! | `GET /` | the review page (HTML + `/assets/*`, all embedded in the binary: works offline, no CDN) |
//! | `POST /api/extract` | multipart upload of one `.pdf` or `.txt` (field `file`) → the record, the same JSON as `nghiquyet extract` |
//! | `GET /api/schema` | the JSON Schema of a record (`nghiquyet schema`) |
//! | `GET /healthz` | `ok` |
//!
//! # Safety
//!
//! The uploaded document is untrusted. The server writes it only inside a
//! per-request temporary directory that is removed when the request ends;
//! limits the upload size ([`ServeOptions::max_upload_bytes`]), the page
//! count ([`ServeOptions::max_pages`]) and the time per document
//! ([`ServeOptions::timeout`]); admits a bounded number of requests at once
//! and runs at most [`ServeOptions::jobs`] documents in parallel. The page
//! builds its DOM with `textContent` only and is served with a strict
//! Content-Security-Policy (no inline script, no remote origin). When bound
//! to a loopback address, requests whose `Host` is not a loopback name are
//! refused, so a web page the clerk visits cannot reach the server through
//! DNS rebinding.

mod api;
mod assets;

use crate::pipeline::Pipeline;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// Settings of the server; [`ServeOptions::default`] is what
/// `nghiquyet serve` uses without flags.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Address to listen on. The default is loopback only: the server is a
    /// clerk's desk tool, exposing it to a network is a deliberate choice.
    pub bind: SocketAddr,
    /// Largest accepted upload (the file itself), in bytes.
    pub max_upload_bytes: u64,
    /// Largest accepted page count of a PDF.
    pub max_pages: u32,
    /// Time allowed for one document, from the moment its upload is
    /// received (queueing included).
    pub timeout: Duration,
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
    /// Requests holding an upload in memory (waiting or processing); when
    /// none is left the server answers 503 at once instead of buffering
    /// uploads without bound.
    admitted: Arc<Semaphore>,
    /// Whether only loopback `Host` names are accepted.
    loopback_only: bool,
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
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(options.bind)
            .await
            .map_err(|source| ServeError::Bind { addr: options.bind, source })?;
        let addr = listener.local_addr()?;
        on_ready(addr);
        let app = router(pipeline, options, addr);
        axum::serve(listener, app.into_make_service()).with_graceful_shutdown(shutdown_signal()).await?;
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
    Ok(())
}

/// The application: routes, limits and headers, for a server listening on
/// `bound`.
fn router(pipeline: Pipeline, options: ServeOptions, bound: SocketAddr) -> Router {
    let jobs = if options.jobs == 0 {
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2)
    } else {
        options.jobs
    };
    // Uploads waiting for a worker are held in memory; bound how many.
    let admitted = (jobs * 8).max(32);
    // The multipart envelope (boundaries, part headers, a second field) adds
    // a little to the file itself.
    let body_limit = usize::try_from(options.max_upload_bytes).unwrap_or(usize::MAX).saturating_add(64 << 10);
    let state = Arc::new(AppState {
        pipeline,
        options,
        workers: Arc::new(Semaphore::new(jobs)),
        admitted: Arc::new(Semaphore::new(admitted)),
        loopback_only: bound.ip().is_loopback(),
    });
    Router::new()
        .route("/", get(assets::index))
        .route("/assets/{name}", get(assets::asset))
        .route("/healthz", get(|| async { "ok" }))
        .route("/api/schema", get(api::schema))
        .route("/api/extract", post(api::extract).layer(DefaultBodyLimit::max(body_limit)))
        .fallback(api::not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), api::guard))
        .with_state(state)
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
