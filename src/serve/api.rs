//! The JSON endpoints and the refusals.
//!
//! `POST /api/extract` answers with a [`Record`] whenever a document was
//! received (also when it could not be read: the record's `error` block
//! says why, as in `nghiquyet extract`), and with a small
//! `{"error": {"code", "message"}}` envelope ([`Refusal`]) when the request
//! itself is refused before processing (no file, too large, wrong type,
//! too slow, server busy). Every answer is JSON, whatever went wrong.

use super::{AppState, BODY_DEADLINE_FACTOR};
use crate::error::Error;
use crate::pipeline::{error_record_with, TimeLimit};
use crate::schema::{ErrorCode, ErrorInfo, Record, Source, TextLayer};
use axum::extract::multipart::{Multipart, MultipartError};
use axum::extract::{FromRequest, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Why a request was refused before a document was processed: the
/// `error.code` of the refusal envelope, from the one list of codes
/// ([`ErrorCode`]) records use too. Where a refusal means what a record's
/// error means, it is the same code as [`Error::code`] gives
/// (`not_found`, `too_large`, `unsupported_type`, `internal_error`; a test
/// checks it), so a client handles one list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// Not a multipart upload, a broken multipart or chunked body, or a
    /// malformed `Host` header.
    BadRequest,
    /// No multipart field named `file` carrying a file.
    MissingFile,
    /// Addressed to another host name (DNS rebinding) or port.
    ForbiddenHost,
    /// A request that changes something, sent from another site's page.
    ForbiddenOrigin,
    /// No such route.
    NotFound,
    /// The client stopped sending its upload, or sent it too slowly.
    BodyTimeout,
    /// The upload is over the size limit.
    TooLarge,
    /// The PDF has more pages than the limit.
    TooManyPages,
    /// Neither a PDF nor a text file.
    UnsupportedType,
    /// Too many uploads in memory or waiting; retry shortly.
    Busy,
    /// A bug: the worker thread failed.
    InternalError,
}

impl Refusal {
    /// Every refusal, for the page's message table (checked by a test).
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) const ALL: [Refusal; 11] = [
        Refusal::BadRequest,
        Refusal::MissingFile,
        Refusal::ForbiddenHost,
        Refusal::ForbiddenOrigin,
        Refusal::NotFound,
        Refusal::BodyTimeout,
        Refusal::TooLarge,
        Refusal::TooManyPages,
        Refusal::UnsupportedType,
        Refusal::Busy,
        Refusal::InternalError,
    ];

    /// The `error.code` string.
    pub(crate) fn code(self) -> &'static str {
        self.error_code().as_str()
    }

    /// The code in the one list of codes ([`ErrorCode`]).
    pub(crate) fn error_code(self) -> ErrorCode {
        match self {
            Refusal::BadRequest => ErrorCode::BadRequest,
            Refusal::MissingFile => ErrorCode::MissingFile,
            Refusal::ForbiddenHost => ErrorCode::ForbiddenHost,
            Refusal::ForbiddenOrigin => ErrorCode::ForbiddenOrigin,
            Refusal::NotFound => ErrorCode::NotFound,
            Refusal::BodyTimeout => ErrorCode::BodyTimeout,
            Refusal::TooLarge => ErrorCode::TooLarge,
            Refusal::TooManyPages => ErrorCode::TooManyPages,
            Refusal::UnsupportedType => ErrorCode::UnsupportedType,
            Refusal::Busy => ErrorCode::Busy,
            Refusal::InternalError => ErrorCode::InternalError,
        }
    }

    /// The HTTP status it is sent with.
    pub(crate) fn status(self) -> StatusCode {
        match self {
            Refusal::BadRequest | Refusal::MissingFile => StatusCode::BAD_REQUEST,
            Refusal::ForbiddenHost | Refusal::ForbiddenOrigin => StatusCode::FORBIDDEN,
            Refusal::NotFound => StatusCode::NOT_FOUND,
            Refusal::BodyTimeout => StatusCode::REQUEST_TIMEOUT,
            Refusal::TooLarge | Refusal::TooManyPages => StatusCode::PAYLOAD_TOO_LARGE,
            Refusal::UnsupportedType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Refusal::Busy => StatusCode::SERVICE_UNAVAILABLE,
            Refusal::InternalError => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// `{"error": {...}}`, the answer to a request refused before processing.
#[derive(serde::Serialize)]
struct Envelope {
    error: ErrorInfo,
}

/// A refusal on its way to the client (small, so the checks can return
/// it in a `Result`; it becomes the envelope and its status).
#[derive(Debug)]
pub(crate) struct Refused {
    why: Refusal,
    message: String,
    /// Close the connection after answering: sent before the body was read
    /// to its end, so what follows on the connection is the rest of it.
    close: bool,
}

impl Refused {
    pub(crate) fn new(why: Refusal, message: impl Into<String>) -> Refused {
        Refused { why, message: message.into(), close: false }
    }

    fn closing(why: Refusal, message: impl Into<String>) -> Refused {
        Refused { close: true, ..Refused::new(why, message) }
    }
}

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        let error = ErrorInfo { code: self.why.code().into(), message: self.message };
        let mut response = (self.why.status(), Json(Envelope { error })).into_response();
        if self.close {
            response.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
        }
        response
    }
}

/// The refusal envelope with its status.
pub(crate) fn refuse(why: Refusal, message: impl Into<String>) -> Response {
    Refused::new(why, message).into_response()
}

/// The largest request body accepted: the file plus its multipart
/// envelope (boundaries, part headers, a second small field).
pub(super) fn body_limit(max_upload_bytes: u64) -> usize {
    usize::try_from(max_upload_bytes).unwrap_or(usize::MAX).saturating_add(64 << 10)
}

/// `POST /api/paragraphs`: the paragraphs of the text sent (UTF-8, the
/// body as it is) as `{"paragraphs": [[start, end], …]}` in code points,
/// the same joining as `nghiquyet text` ([`crate::parse::paragraphs`]), so
/// the page shows paragraphs without a second copy of the rule in script.
pub(super) async fn paragraphs(State(state): State<Arc<AppState>>, req: Request) -> Response {
    let bytes = match read_body(&state, req, "the text").await {
        Ok(bytes) => bytes,
        Err(refused) => return refused.into_response(),
    };
    let Ok(text) = String::from_utf8(bytes.to_vec()) else {
        return refuse(Refusal::BadRequest, "the text is not UTF-8");
    };
    // Off the async threads: a long text takes a while to split.
    let split = tokio::task::spawn_blocking(move || {
        let ranges = crate::parse::paragraphs(&text);
        // Byte ranges → code-point ranges, in one pass (ranges are in order).
        let mut out = Vec::with_capacity(ranges.len());
        let (mut byte, mut chars) = (0usize, 0usize);
        let mut at = |target: usize| {
            chars += text.get(byte..target).map_or(0, |s| s.chars().count());
            byte = target.max(byte);
            chars
        };
        for r in ranges {
            let start = at(r.start);
            out.push([start, at(r.end)]);
        }
        out
    })
    .await;
    match split {
        Ok(paragraphs) => Json(serde_json::json!({ "paragraphs": paragraphs })).into_response(),
        Err(join) => refuse(Refusal::InternalError, format!("internal error while splitting ({join})")),
    }
}

/// Reads a whole request body that is not an upload (`what` names it in
/// messages), within the upload size limit and the body deadline: the
/// same bounds as an upload, without the multipart envelope.
pub(super) async fn read_body(
    state: &AppState,
    req: Request,
    what: &str,
) -> Result<axum::body::Bytes, Refused> {
    let limit = body_limit(state.options.max_upload_bytes);
    if declared_length(req.headers()).is_some_and(|len| len > limit as u64) {
        return Err(Refused::closing(Refusal::TooLarge, format!("{what} is over the upload limit")));
    }
    let deadline = state.options.read_timeout * BODY_DEADLINE_FACTOR;
    match tokio::time::timeout(deadline, axum::body::to_bytes(req.into_body(), limit)).await {
        Ok(Ok(bytes)) => Ok(bytes),
        Ok(Err(e)) => Err(Refused::closing(Refusal::BadRequest, format!("cannot read {what}: {e}"))),
        Err(_) => Err(Refused::closing(Refusal::BodyTimeout, format!("{what} did not arrive in time"))),
    }
}

/// `GET /api/schema`.
pub(super) async fn schema() -> Json<serde_json::Value> {
    Json(crate::schema::json_schema())
}

/// Any other path.
pub(super) async fn not_found() -> Response {
    refuse(Refusal::NotFound, "no such page")
}

/// What kind of document an upload is, decided before processing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Pdf,
    Text,
}

/// Decides the kind from the bytes (a `%PDF-` header within the first
/// KiB, as readers allow), then the file name, then the declared type.
fn detect(name: &str, content_type: Option<&str>, bytes: &[u8]) -> Option<Kind> {
    let head = bytes.get(..1024).unwrap_or(bytes);
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Some(Kind::Pdf);
    }
    let ext = Path::new(name).extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("pdf") => return Some(Kind::Pdf),
        Some("txt") | Some("text") => return Some(Kind::Text),
        _ => {}
    }
    let mime = content_type.map(|c| c.split(';').next().unwrap_or("").trim().to_ascii_lowercase());
    match mime.as_deref() {
        Some("application/pdf") => Some(Kind::Pdf),
        Some("text/plain") => Some(Kind::Text),
        _ => None,
    }
}

/// The upload's own name without any directory part or control
/// characters, bounded in length; it becomes `source.path`.
fn clean_name(name: Option<&str>, kind_hint: &str) -> String {
    let base = name.unwrap_or("").rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base.chars().filter(|c| !c.is_control()).take(200).collect();
    let cleaned = cleaned.trim();
    if cleaned.is_empty() || cleaned == "." || cleaned == ".." {
        format!("upload.{kind_hint}")
    } else {
        cleaned.to_owned()
    }
}

/// Bytes of an upload with the share of the memory budget they hold; the
/// share goes back when the last holder (the request, or its worker that
/// may outlive it) drops them.
struct Held {
    bytes: Vec<u8>,
    _memory: Option<OwnedSemaphorePermit>,
}

/// The `file` part of an upload, read within the limits.
struct Upload {
    name: Option<String>,
    content_type: Option<String>,
    held: Held,
}

/// Reads a request body within the time, size and memory limits.
struct BodyReader<'a> {
    memory: &'a Arc<Semaphore>,
    limit: u64,
    idle: Duration,
    deadline: Instant,
}

impl BodyReader<'_> {
    /// Awaits the next piece of the body: refused when the client stays
    /// silent past the read timeout or the whole body past its deadline,
    /// and when the body is malformed (never a 500: the fault is the
    /// client's, whatever layer noticed it).
    async fn next<T>(
        &self,
        piece: impl std::future::Future<Output = Result<T, MultipartError>>,
    ) -> Result<T, Refused> {
        let until = (Instant::now() + self.idle).min(self.deadline);
        match tokio::time::timeout_at(until.into(), piece).await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(e)) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(self.too_large()),
            Ok(Err(e)) => Err(Refused::closing(
                Refusal::BadRequest,
                format!("cannot read the upload: {}", e.body_text()),
            )),
            Err(_elapsed) if Instant::now() >= self.deadline => Err(Refused::closing(
                Refusal::BodyTimeout,
                "the upload did not arrive in time (sent too slowly)",
            )),
            Err(_elapsed) => Err(Refused::closing(
                Refusal::BodyTimeout,
                format!("the upload stopped: nothing received for {} s", self.idle.as_secs_f64()),
            )),
        }
    }

    fn too_large(&self) -> Refused {
        Refused::closing(Refusal::TooLarge, format!("the file is over the {}-byte upload limit", self.limit))
    }

    /// Takes `len` more bytes from the memory budget into `held`.
    fn reserve(&self, held: &mut Option<OwnedSemaphorePermit>, len: usize) -> Result<(), Refused> {
        let Ok(len) = u32::try_from(len) else { return Err(self.too_large()) };
        let more = self.memory.clone().try_acquire_many_owned(len).map_err(|_| {
            Refused::closing(Refusal::Busy, "too many uploads in memory at once, retry shortly")
        })?;
        match held {
            Some(permit) => permit.merge(more),
            None => *held = Some(more),
        }
        Ok(())
    }

    /// Reads the field named `file`; other fields are read and dropped.
    /// Over the limit, the rest of the body (bounded by the body limit) is
    /// read and dropped before answering, so the client sees the 413 rather
    /// than a reset connection.
    async fn read(&self, multipart: &mut Multipart) -> Result<Upload, Refused> {
        let mut found: Option<Upload> = None;
        let mut other_file_field: Option<String> = None;
        let mut over = false;
        while let Some(mut field) = self.next(multipart.next_field()).await? {
            let wanted = found.is_none() && !over && field.name() == Some("file");
            if !wanted {
                if field.file_name().is_some() && field.name() != Some("file") {
                    other_file_field = Some(field.name().unwrap_or("").chars().take(40).collect());
                }
                while self.next(field.chunk()).await?.is_some() {}
                continue;
            }
            let name = field.file_name().map(str::to_owned);
            let content_type = field.content_type().map(str::to_owned);
            let (mut bytes, mut memory) = (Vec::new(), None);
            while let Some(chunk) = self.next(field.chunk()).await? {
                if over {
                    continue;
                }
                if bytes.len() as u64 + chunk.len() as u64 > self.limit {
                    over = true;
                    (bytes, memory) = (Vec::new(), None);
                    continue;
                }
                self.reserve(&mut memory, chunk.len())?;
                bytes.extend_from_slice(&chunk);
            }
            if !over {
                found = Some(Upload { name, content_type, held: Held { bytes, _memory: memory } });
            }
        }
        if over {
            return Err(self.too_large());
        }
        found.ok_or_else(|| {
            let got =
                other_file_field.map(|f| format!(" (the file came in field `{f}`)")).unwrap_or_default();
            Refused::new(
                Refusal::MissingFile,
                format!("send the document as a multipart field named `file`{got}"),
            )
        })
    }
}

/// The body length the client announced, if any.
fn declared_length(headers: &axum::http::HeaderMap) -> Option<u64> {
    headers.get(header::CONTENT_LENGTH)?.to_str().ok()?.trim().parse().ok()
}

/// What processing one upload gave.
enum Outcome {
    Record(Box<Record>),
    TooManyPages(u32),
    /// Its deadline passed while it waited for a worker.
    Expired,
}

/// `POST /api/extract`.
pub(super) async fn extract(State(state): State<Arc<AppState>>, req: Request) -> Response {
    let options = &state.options;
    // Refused before a byte of the body is read.
    if declared_length(req.headers()).is_some_and(|len| len > body_limit(options.max_upload_bytes) as u64) {
        return Refused::closing(
            Refusal::TooLarge,
            format!("the upload is over the {}-byte limit", options.max_upload_bytes),
        )
        .into_response();
    }
    let mut multipart = match Multipart::from_request(req, &()).await {
        Ok(m) => m,
        Err(rejection) => {
            return Refused::closing(
                Refusal::BadRequest,
                format!("send a multipart/form-data upload with a `file` field ({rejection})"),
            )
            .into_response();
        }
    };
    let reader = BodyReader {
        memory: &state.memory,
        limit: options.max_upload_bytes,
        idle: options.read_timeout,
        deadline: Instant::now() + options.read_timeout * BODY_DEADLINE_FACTOR,
    };
    let upload = match reader.read(&mut multipart).await {
        Ok(u) => u,
        Err(refused) => return refused.into_response(),
    };
    let received = Instant::now();
    // Only whole uploads wait for a worker, so slow senders take no place.
    let Ok(_admitted) = state.admitted.clone().try_acquire_owned() else {
        return refuse(Refusal::Busy, "too many documents in progress, retry shortly");
    };
    // Without a file name, only the bytes and the declared type decide.
    let declared = upload.name.as_deref().map(|n| clean_name(Some(n), "bin")).unwrap_or_default();
    let Some(kind) = detect(&declared, upload.content_type.as_deref(), &upload.held.bytes) else {
        let shown = if declared.is_empty() { "upload" } else { declared.as_str() };
        return refuse(
            Refusal::UnsupportedType,
            format!("{shown}: expected a PDF or a plain-text (.txt) file"),
        );
    };
    let name = clean_name(upload.name.as_deref(), if kind == Kind::Pdf { "pdf" } else { "txt" });
    let timeout = options.timeout;
    let held = Arc::new(upload.held);
    // Raised when this handler ends, answered or abandoned (its 504 sent,
    // or the client gone): the pipeline then stops at its next check
    // instead of holding a worker for a record nobody will read.
    let cancel = CancelOnDrop(Arc::new(AtomicBool::new(false)));
    let work = {
        let cancel = cancel.0.clone();
        let state = state.clone();
        let held = held.clone();
        let name = name.clone();
        async move {
            let permit = state.workers.clone().acquire_owned().await;
            let limit = TimeLimit::starting_at(received, timeout).cancelled_by(cancel);
            tokio::task::spawn_blocking(move || {
                // Held until the work really ends, even past the request's timeout.
                let _permit = permit;
                process(&state, kind, &name, &held.bytes, received + timeout, limit)
            })
            .await
        }
    };
    let remaining = timeout.saturating_sub(received.elapsed());
    // The pipeline stops itself at the deadline; the grace period lets it
    // return its own `timeout` record before this outer limit cuts in.
    // Dropping `work` here abandons a request still waiting for a worker.
    let timed_out = || {
        let err = Error::Timeout { path: PathBuf::from(&name), seconds: timeout.as_secs_f64() };
        record_response(error_record_with(source_of(&name, &held.bytes), state.pipeline.info(), &err))
    };
    match tokio::time::timeout(remaining + Duration::from_secs(2), work).await {
        Ok(Ok(Outcome::Record(record))) => record_response(*record),
        Ok(Ok(Outcome::TooManyPages(pages))) => refuse(
            Refusal::TooManyPages,
            format!("{name}: {pages} pages is over the {}-page limit", state.options.max_pages),
        ),
        Ok(Ok(Outcome::Expired)) | Err(_) => timed_out(),
        Ok(Err(join)) => {
            refuse(Refusal::InternalError, format!("{name}: internal error while processing ({join})"))
        }
    }
}

/// Sets its flag when dropped.
struct CancelOnDrop(Arc<AtomicBool>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// The name the pipeline gets: the upload's own, with the extension of
/// the kind `detect` decided when the name alone would make the pipeline
/// decide otherwise (a text file named `ghi-chu`, a PDF behind junk
/// bytes named `.txt`).
fn pipeline_name(name: &str, kind: Kind, bytes: &[u8]) -> String {
    let ext = Path::new(name).extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let agrees = match kind {
        Kind::Pdf => bytes.starts_with(b"%PDF") || ext.as_deref() == Some("pdf"),
        Kind::Text => !bytes.starts_with(b"%PDF") && matches!(ext.as_deref(), Some("txt") | Some("text")),
    };
    match (agrees, kind) {
        (true, _) => name.to_owned(),
        (false, Kind::Pdf) => format!("{name}.pdf"),
        (false, Kind::Text) => format!("{name}.txt"),
    }
}

/// Runs on a blocking thread: the pipeline on the upload's bytes, with the
/// request's deadline; the page limit applies to the pages actually read
/// (a page tree's `/Count` can claim anything).
fn process(
    state: &AppState,
    kind: Kind,
    name: &str,
    bytes: &[u8],
    deadline: Instant,
    limit: TimeLimit,
) -> Outcome {
    if Instant::now() >= deadline {
        return Outcome::Expired;
    }
    let as_named = pipeline_name(name, kind, bytes);
    let mut record = state.pipeline.process_bytes_limited(Path::new(&as_named), bytes, Some(limit));
    if let Some(pages) = record.source.pages.filter(|&p| p > state.options.max_pages) {
        return Outcome::TooManyPages(pages);
    }
    if as_named != name {
        record.source.path = name.to_owned();
        if let Some(err) = &mut record.error {
            err.message = err.message.replace(&as_named, name);
        }
        for w in &mut record.warnings {
            w.message = w.message.replace(&as_named, name);
        }
    }
    Outcome::Record(Box::new(record))
}

/// A record with the status its outcome deserves.
fn record_response(record: Record) -> Response {
    let status = match record.error.as_ref().map(|e| e.code.as_str()) {
        None => StatusCode::OK,
        Some("timeout") => StatusCode::GATEWAY_TIMEOUT,
        Some("too_large") => StatusCode::PAYLOAD_TOO_LARGE,
        Some("unsupported_type") => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        Some("internal_error") => StatusCode::INTERNAL_SERVER_ERROR,
        Some(_) => StatusCode::UNPROCESSABLE_ENTITY,
    };
    (status, Json(record)).into_response()
}

/// The source block of an upload known only by its name and bytes.
fn source_of(name: &str, bytes: &[u8]) -> Source {
    Source {
        path: name.to_owned(),
        sha256: Some(crate::pipeline::sha256_hex(bytes)),
        bytes: Some(bytes.len() as u64),
        pages: None,
        text_layer: TextLayer::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_come_from_bytes_then_name_then_type() {
        assert_eq!(detect("x.txt", None, b"%PDF-1.7\n"), Some(Kind::Pdf));
        assert_eq!(detect("nq.TXT", None, "NGHỊ QUYẾT".as_bytes()), Some(Kind::Text));
        assert_eq!(detect("scan.pdf", None, b"garbage"), Some(Kind::Pdf));
        assert_eq!(detect("blob", Some("text/plain; charset=utf-8"), b"abc"), Some(Kind::Text));
        assert_eq!(detect("photo.png", Some("image/png"), b"\x89PNG\r\n"), None);
        assert_eq!(detect("report.docx", None, b"PK\x03\x04"), None);
        assert_eq!(detect("", Some("application/octet-stream"), b"abc"), None);
        assert_eq!(detect("", None, b"%PDF-1.4\n"), Some(Kind::Pdf));
    }

    #[test]
    fn names_lose_directories_and_control_characters() {
        assert_eq!(clean_name(Some("C:\\Users\\a\\nq 12.pdf"), "pdf"), "nq 12.pdf");
        assert_eq!(clean_name(Some("../../etc/passwd"), "txt"), "passwd");
        assert_eq!(clean_name(Some("a\u{0}b\nc.txt"), "txt"), "abc.txt");
        assert_eq!(clean_name(Some(".."), "pdf"), "upload.pdf");
        assert_eq!(clean_name(None, "txt"), "upload.txt");
    }

    #[test]
    fn refusal_codes_are_the_record_codes_where_they_mean_the_same() {
        let path = PathBuf::from("x.pdf");
        let same = [
            (Refusal::NotFound, Error::NotFound { path: path.clone() }),
            (Refusal::TooLarge, Error::TooLarge { path: path.clone(), size: 2, limit: 1 }),
            (Refusal::UnsupportedType, Error::Unsupported { path: path.clone() }),
            (Refusal::InternalError, Error::Panic { path, message: String::new() }),
        ];
        for (refusal, err) in same {
            assert_eq!(refusal.code(), err.code());
        }
        let mut codes: Vec<&str> = Refusal::ALL.iter().map(|r| r.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), Refusal::ALL.len(), "codes are distinct");
        assert!(Refusal::ALL.iter().all(|r| r.status().is_client_error() || r.status().is_server_error()));
    }

    #[test]
    fn the_pipeline_sees_the_kind_serve_decided() {
        assert_eq!(pipeline_name("ghi-chu", Kind::Text, b"abc"), "ghi-chu.txt");
        assert_eq!(pipeline_name("nq.txt", Kind::Text, b"abc"), "nq.txt");
        assert_eq!(pipeline_name("nq.txt", Kind::Pdf, b"\n%PDF-1.4"), "nq.txt.pdf");
        assert_eq!(pipeline_name("nq.txt", Kind::Pdf, b"%PDF-1.4"), "nq.txt");
        assert_eq!(pipeline_name("scan", Kind::Pdf, b"junk"), "scan.pdf");
    }
}
