//! The JSON endpoints and the request guard.
//!
//! `POST /api/extract` answers with a [`Record`] whenever a document was
//! received (also when it could not be read: the record's `error` block
//! says why, as in `nghiquyet extract`), and with a small
//! `{"error": {"code", "message"}}` envelope when the request itself is
//! refused before processing (no file, too large, wrong type, server busy).

use super::AppState;
use crate::error::Error;
use crate::pipeline::error_record_with;
use crate::schema::{ErrorInfo, Record, Source, TextLayer};
use axum::extract::{Multipart, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The Content-Security-Policy of every response: only our own script and
/// style, no inline code, no remote origin, no framing. Document text is
/// untrusted; even a mistake in the page could not run injected script.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

/// `{"error": {...}}`, the answer to a request refused before processing.
#[derive(serde::Serialize)]
struct Refusal {
    error: ErrorInfo,
}

fn refuse(status: StatusCode, code: &str, message: impl Into<String>) -> Response {
    (status, Json(Refusal { error: ErrorInfo { code: code.into(), message: message.into() } }))
        .into_response()
}

/// Refuses non-loopback `Host` names on a loopback server (DNS rebinding)
/// and sets the security headers on every response.
pub(super) async fn guard(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    if state.loopback_only && !host_is_loopback(req.headers()) {
        return refuse(
            StatusCode::FORBIDDEN,
            "forbidden_host",
            "this server only answers requests addressed to localhost",
        );
    }
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static("no-store"));
    response
}

/// Whether the request names a loopback host (or none, as HTTP/1.0 may).
fn host_is_loopback(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST) else { return true };
    let Ok(host) = host.to_str() else { return false };
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(name, _port)| name)
    };
    name.eq_ignore_ascii_case("localhost")
        || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// `GET /api/schema`.
pub(super) async fn schema() -> Json<serde_json::Value> {
    Json(crate::schema::json_schema())
}

/// Any other path.
pub(super) async fn not_found() -> Response {
    refuse(StatusCode::NOT_FOUND, "not_found", "no such page")
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

/// The file part of an upload, read within the size limit.
struct Upload {
    name: Option<String>,
    content_type: Option<String>,
    bytes: Vec<u8>,
}

/// Reads the `file` field (or the first field carrying a file name).
/// Over the limit, the rest of the body is read and dropped before
/// answering, so the client sees the 413 rather than a reset connection.
async fn read_upload(multipart: &mut Multipart, limit: u64) -> Result<Upload, Response> {
    let body_error = |e: axum::extract::multipart::MultipartError| {
        let status = e.status();
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            refuse(status, "too_large", format!("the upload is over the {limit}-byte limit"))
        } else {
            refuse(status, "bad_request", format!("cannot read the upload: {}", e.body_text()))
        }
    };
    let mut found: Option<Upload> = None;
    let mut over = false;
    while let Some(mut field) = multipart.next_field().await.map_err(body_error)? {
        let wanted = found.is_none() && (field.name() == Some("file") || field.file_name().is_some());
        if !wanted || over {
            while field.chunk().await.map_err(body_error)?.is_some() {}
            continue;
        }
        let mut upload = Upload {
            name: field.file_name().map(str::to_owned),
            content_type: field.content_type().map(str::to_owned),
            bytes: Vec::new(),
        };
        while let Some(chunk) = field.chunk().await.map_err(body_error)? {
            if over {
                continue;
            }
            if upload.bytes.len() as u64 + chunk.len() as u64 > limit {
                over = true;
                upload.bytes = Vec::new();
                continue;
            }
            upload.bytes.extend_from_slice(&chunk);
        }
        if !over {
            found = Some(upload);
        }
    }
    if over {
        return Err(refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!("the file is over the {limit}-byte upload limit"),
        ));
    }
    found.ok_or_else(|| {
        refuse(StatusCode::BAD_REQUEST, "missing_file", "send the document as a multipart field named `file`")
    })
}

/// What processing one upload gave.
enum Outcome {
    Record(Box<Record>),
    TooManyPages(u32),
    TempDir(std::io::Error),
}

/// `POST /api/extract`.
pub(super) async fn extract(State(state): State<Arc<AppState>>, mut multipart: Multipart) -> Response {
    // Admission first: a busy server says so before buffering another upload.
    let Ok(_admitted) = state.admitted.clone().try_acquire_owned() else {
        return refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            "busy",
            "too many documents in progress, retry shortly",
        );
    };
    let upload = match read_upload(&mut multipart, state.options.max_upload_bytes).await {
        Ok(u) => u,
        Err(response) => return response,
    };
    let received = Instant::now();
    // Without a file name, only the bytes and the declared type decide.
    let declared = upload.name.as_deref().map(|n| clean_name(Some(n), "bin")).unwrap_or_default();
    let Some(kind) = detect(&declared, upload.content_type.as_deref(), &upload.bytes) else {
        let shown = if declared.is_empty() { "upload" } else { declared.as_str() };
        return refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_type",
            format!("{shown}: expected a PDF or a plain-text (.txt) file"),
        );
    };
    if upload.bytes.is_empty() {
        return refuse(StatusCode::BAD_REQUEST, "empty_file", format!("{declared}: the file is empty"));
    }
    let name = clean_name(upload.name.as_deref(), if kind == Kind::Pdf { "pdf" } else { "txt" });
    let timeout = state.options.timeout;
    let bytes = Arc::new(upload.bytes);
    let work = {
        let state = state.clone();
        let bytes = bytes.clone();
        let name = name.clone();
        async move {
            let permit = state.workers.clone().acquire_owned().await;
            let deadline = received + timeout;
            tokio::task::spawn_blocking(move || {
                // Held until the work really ends, even past the request's timeout.
                let _permit = permit;
                process(&state, kind, &name, &bytes, deadline)
            })
            .await
        }
    };
    let remaining = timeout.saturating_sub(received.elapsed());
    // The PDF stage stops itself at the deadline; the grace period lets it
    // return its own `timeout` record before this outer limit cuts in.
    match tokio::time::timeout(remaining + Duration::from_secs(2), work).await {
        Ok(Ok(Outcome::Record(record))) => record_response(*record),
        Ok(Ok(Outcome::TooManyPages(pages))) => refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_many_pages",
            format!("{name}: {pages} pages is over the {}-page limit", state.options.max_pages),
        ),
        Ok(Ok(Outcome::TempDir(e))) => refuse(
            StatusCode::INTERNAL_SERVER_ERROR,
            "unreadable",
            format!("cannot create a temporary folder: {e}"),
        ),
        Ok(Err(join)) => refuse(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            format!("{name}: internal error while processing ({join})"),
        ),
        Err(_elapsed) => {
            let err = Error::Timeout { path: PathBuf::from(&name), seconds: timeout.as_secs_f64() };
            record_response(error_record_with(source_of(&name, &bytes), state.pipeline.info(), &err))
        }
    }
}

/// Runs on a blocking thread: checks the page count, writes the upload
/// into a private temporary folder (removed on return) and runs the
/// pipeline with the request's deadline.
fn process(state: &AppState, kind: Kind, name: &str, bytes: &[u8], deadline: Instant) -> Outcome {
    let max_pages = state.options.max_pages;
    if kind == Kind::Pdf {
        // Cheap page count from the page tree, before any content is decoded.
        // A broken PDF fails here too: the pipeline then says why, in the record.
        let counted = std::panic::catch_unwind(|| lopdf::Document::load_metadata_mem(bytes));
        if let Ok(Ok(meta)) = counted {
            if meta.page_count > max_pages {
                return Outcome::TooManyPages(meta.page_count);
            }
        }
    }
    let dir = match tempfile::Builder::new().prefix("nghiquyet-serve-").tempdir() {
        Ok(d) => d,
        Err(e) => return Outcome::TempDir(e),
    };
    let path = dir.path().join(if kind == Kind::Pdf { "upload.pdf" } else { "upload.txt" });
    if let Err(e) = std::fs::write(&path, bytes) {
        return Outcome::TempDir(e);
    }
    let mut record = state.pipeline.process_path_until(&path, Some(deadline));
    drop(dir);
    if let Some(pages) = record.source.pages.filter(|&p| p > max_pages) {
        return Outcome::TooManyPages(pages);
    }
    // Name the document as the clerk knows it, not by our temporary path.
    let temp = path.display().to_string();
    record.source.path = name.to_owned();
    if let Some(err) = &mut record.error {
        err.message = err.message.replace(&temp, name);
    }
    for w in &mut record.warnings {
        w.message = w.message.replace(&temp, name);
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
    fn only_loopback_hosts_pass() {
        let with = |h: &str| {
            let mut m = HeaderMap::new();
            m.insert(header::HOST, HeaderValue::from_str(h).unwrap_or(HeaderValue::from_static("")));
            host_is_loopback(&m)
        };
        assert!(with("localhost:8080"));
        assert!(with("127.0.0.1:8080"));
        assert!(with("[::1]:8080"));
        assert!(with("LOCALHOST"));
        assert!(!with("evil.example:8080"));
        assert!(!with("192.168.1.10:8080"));
        assert!(host_is_loopback(&HeaderMap::new()));
    }
}
