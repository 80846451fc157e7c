//! `nghiquyet serve`: the HTTP API (uploads good and broken, limits, types,
//! concurrency, headers) against the real binary on an ephemeral port.
//!
//! The HTTP client here is a few lines over `TcpStream` (HTTP/1.1,
//! `Connection: close`), shared with `browser.rs` for talking to
//! chromedriver, so the tests need no HTTP client crate.

use crate::util;
use nghiquyet::schema::Record;
use nghiquyet::Pipeline;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A running `nghiquyet serve`, killed when dropped.
pub struct Server {
    child: Child,
    /// Where it listens.
    pub addr: SocketAddr,
}

impl Server {
    /// Starts the binary on 127.0.0.1, port 0, with extra `args`, and waits
    /// for the line announcing the bound address.
    pub fn start(args: &[&str]) -> Server {
        Server::start_with_env(args, &[])
    }

    /// [`Server::start`] with extra environment variables.
    pub fn start_with_env(args: &[&str], env: &[(&str, &Path)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_nghiquyet"))
            .args(["serve", "--bind", "127.0.0.1:0"])
            .args(args)
            .envs(env.iter().copied())
            .current_dir(util::root())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("binary starts");
        let stdout = child.stdout.take().expect("stdout piped");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            if let Some(Ok(line)) = lines.next() {
                let _ = tx.send(line);
            }
            // Keep draining so the server never blocks on a full pipe.
            for _ in lines {}
        });
        let line = match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(line) => line,
            Err(_) => {
                let _ = child.kill();
                panic!("nghiquyet serve did not announce its address within 30 s");
            }
        };
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| panic!("no address in {line:?}"));
        Server { child, addr }
    }

    /// `http://ADDR` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP response.
#[derive(Debug)]
pub struct Response {
    /// Status code.
    pub status: u16,
    /// Header lines, names lowercased.
    pub headers: Vec<(String, String)>,
    /// The body (de-chunked).
    pub body: Vec<u8>,
}

impl Response {
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!("status {}: body is not JSON ({e}): {}", self.status, String::from_utf8_lossy(&self.body))
        })
    }
}

/// Sends one request and reads the whole response.
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Response {
    try_request(addr, method, path, headers, body)
        .unwrap_or_else(|e| panic!("{method} http://{addr}{path}: {e}"))
}

/// [`request`] that reports I/O errors instead of panicking.
pub fn try_request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> std::io::Result<Response> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(120)))?;
    let mut head =
        format!("{method} {path} HTTP/1.1\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
        head.push_str(&format!("Host: {addr}\r\n"));
    }
    for (n, v) in headers {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    read_response(&mut stream)
}

/// Reads one response from `stream`: the head, then exactly the body it
/// announces (some servers, chromedriver, keep the connection open despite
/// `Connection: close`).
pub fn read_response(stream: &mut TcpStream) -> std::io::Result<Response> {
    let mut raw = Vec::new();
    let mut buf = [0u8; 64 * 1024];
    let split = loop {
        if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        let n = read_retrying(stream, &mut buf)?;
        if n == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "connection closed in the head",
            ));
        }
        raw.extend_from_slice(&buf[..n]);
    };
    let mut response = parse_head(&raw[..split]);
    let mut rest = raw[split + 4..].to_vec();
    let chunked = response.header("transfer-encoding").is_some_and(|v| v.contains("chunked"));
    let length: Option<usize> = response.header("content-length").and_then(|v| v.parse().ok());
    loop {
        let done = match (chunked, length) {
            (true, _) => rest.windows(5).any(|w| w == b"0\r\n\r\n"),
            (false, Some(len)) => rest.len() >= len,
            (false, None) => false,
        };
        if done {
            break;
        }
        let n = read_retrying(stream, &mut buf)?;
        if n == 0 {
            break;
        }
        rest.extend_from_slice(&buf[..n]);
    }
    response.body = if chunked { dechunk(&rest) } else { rest };
    if let Some(len) = length {
        response.body.truncate(len);
    }
    Ok(response)
}

/// `read`, retried when a signal interrupts it (other tests in this binary
/// signal their child processes).
fn read_retrying(stream: &mut TcpStream, buf: &mut [u8]) -> std::io::Result<usize> {
    loop {
        match stream.read(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

fn parse_head(head: &[u8]) -> Response {
    let head = String::from_utf8_lossy(head);
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or("");
    let status = status_line.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("status code");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    Response { status, headers, body: Vec::new() }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = data.windows(2).position(|w| w == b"\r\n") {
        let size_text = String::from_utf8_lossy(&data[..eol]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16).unwrap_or(0);
        if size == 0 || data.len() < eol + 2 + size {
            break;
        }
        out.extend_from_slice(&data[eol + 2..eol + 2 + size]);
        data = &data[(eol + 4 + size).min(data.len())..];
    }
    out
}

/// A multipart/form-data body with one file field; returns the content
/// type header value and the body.
pub fn multipart(field: &str, file_name: &str, content_type: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "nghiquyet-test-boundary-7d1f3a";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\n\
         Content-Type: {content_type}\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// Uploads `bytes` as the `file` field to `/api/extract`.
pub fn upload(addr: SocketAddr, file_name: &str, content_type: &str, bytes: &[u8]) -> Response {
    let (ct, body) = multipart("file", file_name, content_type, bytes);
    request(addr, "POST", "/api/extract", &[("Content-Type", &ct)], &body)
}

fn mime(path: &Path) -> &'static str {
    if path.extension().is_some_and(|e| e == "pdf") {
        "application/pdf"
    } else {
        "text/plain"
    }
}

/// What the library itself makes of a file, named as the upload is.
fn expected(path: &Path, bytes: &[u8]) -> Record {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    Pipeline::builder().build().process_bytes(Path::new(name), bytes)
}

#[test]
fn health_schema_and_page_are_served_with_safe_headers() {
    let server = Server::start(&[]);
    let health = request(server.addr, "GET", "/healthz", &[], b"");
    assert_eq!((health.status, health.body.as_slice()), (200, &b"ok"[..]));
    let schema = request(server.addr, "GET", "/api/schema", &[], b"");
    assert_eq!(schema.status, 200);
    assert_eq!(schema.json(), nghiquyet::schema::json_schema());
    let page = request(server.addr, "GET", "/", &[], b"");
    assert_eq!(page.status, 200);
    assert!(page.header("content-type").is_some_and(|c| c.starts_with("text/html")));
    let csp = page.header("content-security-policy").expect("CSP header");
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{csp}");
    let html = String::from_utf8_lossy(&page.body);
    assert!(html.contains("<html lang=\"vi\">") && html.contains("Chọn văn bản"), "Vietnamese page");
    assert!(!html.contains("http://") && !html.contains("https://"), "no remote resource on the page");
    for (asset, ty) in [("app.js", "text/javascript"), ("app.css", "text/css")] {
        let r = request(server.addr, "GET", &format!("/assets/{asset}"), &[], b"");
        assert_eq!(r.status, 200, "{asset}");
        assert!(r.header("content-type").is_some_and(|c| c.starts_with(ty)), "{asset}");
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    }
    let js =
        String::from_utf8_lossy(&request(server.addr, "GET", "/assets/app.js", &[], b"").body).into_owned();
    assert!(
        !js.contains("innerHTML") && !js.contains("insertAdjacentHTML"),
        "DOM built without HTML parsing"
    );
    assert_eq!(request(server.addr, "GET", "/assets/../Cargo.toml", &[], b"").status, 404);
    assert_eq!(request(server.addr, "GET", "/nope", &[], b"").status, 404);
}

#[test]
fn every_fixture_uploads_to_the_same_record_as_the_library_gives() {
    let server = Server::start(&[]);
    let mut files = util::text_fixtures();
    files.extend(util::pdf_fixtures());
    assert!(files.len() >= 6, "fixtures present: {files:?}");
    for path in files {
        let bytes = std::fs::read(&path).expect("fixture readable");
        let name = path.file_name().and_then(|n| n.to_str()).expect("name");
        let response = upload(server.addr, name, mime(&path), &bytes);
        let want = expected(&path, &bytes);
        let status = if want.error.is_none() { 200 } else { 422 };
        assert_eq!(response.status, status, "{name}: {}", String::from_utf8_lossy(&response.body));
        assert!(response.header("content-type").is_some_and(|c| c.starts_with("application/json")));
        let got: Record = serde_json::from_slice(&response.body).expect("a record");
        assert_eq!(got, want, "{name}: the server's record differs from the library's");
        assert_eq!(got.source.path, name, "the record is named after the upload, not a temporary file");
    }
}

#[test]
fn broken_files_get_an_error_record() {
    let server = Server::start(&[]);
    // A truncated PDF: the header and nothing readable after it.
    let pdf = std::fs::read(util::fixture("pdf/kh-ubnd-2025.born-digital.pdf")).expect("fixture");
    let cut = &pdf[..pdf.len().min(300)];
    let r = upload(server.addr, "cut.pdf", "application/pdf", cut);
    assert_eq!(r.status, 422, "{}", String::from_utf8_lossy(&r.body));
    let record: Record = serde_json::from_slice(&r.body).expect("a record");
    let err = record.error.expect("error block");
    assert!(err.message.starts_with("cut.pdf: "), "message names the upload: {}", err.message);
    assert!(!err.message.contains("nghiquyet-serve-"), "no temporary path leaks: {}", err.message);
    assert_eq!(record.source.bytes, Some(300));

    // TCVN3-era bytes that are not UTF-8.
    let r = upload(server.addr, "cu.txt", "text/plain", b"C\xA7ng v\xA8n s\xE8 12\n");
    assert_eq!(r.status, 422);
    assert_eq!(r.json()["error"]["code"], "invalid_text");

    // A file named .pdf that is something else.
    let r = upload(server.addr, "scan.pdf", "application/pdf", b"\x89PNG\r\n\x1a\nnot a pdf at all");
    assert_eq!(r.status, 422);
    assert!(r.json()["error"]["code"].is_string());

    // Empty files get what `nghiquyet extract` gives them: one list of codes.
    for (name, ty) in [("empty.txt", "text/plain"), ("empty.pdf", "application/pdf")] {
        let r = upload(server.addr, name, ty, b"");
        let want = expected(Path::new(name), b"");
        assert_eq!(r.status, if want.error.is_none() { 200 } else { 422 }, "{name}");
        let got: Record = serde_json::from_slice(&r.body).expect("a record");
        assert_eq!(got, want, "{name}");
    }

    // No file field at all.
    let (ct, body) = multipart("comment", "x", "text/plain", b"hello");
    let body = String::from_utf8(body).expect("ascii").replace("; filename=\"x\"", "");
    let r = request(server.addr, "POST", "/api/extract", &[("Content-Type", &ct)], body.as_bytes());
    assert_eq!((r.status, r.json()["error"]["code"].as_str()), (400, Some("missing_file")));
}

#[test]
fn uploads_over_the_size_limit_get_413_and_at_the_limit_pass() {
    let server = Server::start(&["--max-upload-mb", "1"]);
    let limit = 1 << 20;
    let line = "Phấn đấu đến năm 2025 tỷ lệ hộ nghèo giảm còn dưới 2%.\n";
    let mut text = line.repeat(limit / line.len() + 1).into_bytes();
    text.truncate(limit);
    // Cut back to a character boundary so the text stays valid UTF-8.
    while std::str::from_utf8(&text).is_err() {
        text.pop();
    }
    let at = upload(server.addr, "dung-gioi-han.txt", "text/plain", &text);
    assert_eq!(at.status, 200, "{}", String::from_utf8_lossy(&at.body[..at.body.len().min(300)]));
    text.extend_from_slice(line.repeat(200).as_bytes());
    assert!(text.len() > limit);
    let over = upload(server.addr, "qua-lon.txt", "text/plain", &text);
    assert_eq!(over.status, 413);
    assert_eq!(over.json()["error"]["code"], "too_large");
    // The server still answers afterwards.
    assert_eq!(request(server.addr, "GET", "/healthz", &[], b"").status, 200);
}

#[test]
fn pdfs_over_the_page_limit_get_413() {
    let server = Server::start(&["--max-pages", "1"]);
    let path = util::fixture("pdf/nq-tinh-uy-2024.born-digital.pdf");
    let bytes = std::fs::read(&path).expect("fixture");
    let pages = expected(&path, &bytes).source.pages.expect("a PDF has a page count");
    assert!(pages > 1, "the fixture has several pages");
    let r = upload(server.addr, "nq.pdf", "application/pdf", &bytes);
    assert_eq!(r.status, 413);
    let body = r.json();
    assert_eq!(body["error"]["code"], "too_many_pages");
    assert!(body["error"]["message"].as_str().is_some_and(|m| m.contains(&pages.to_string())), "{body}");
    // A text file has no pages to count and still passes.
    let txt = std::fs::read(util::fixture("nq-tinh-uy-2024.txt")).expect("fixture");
    assert_eq!(upload(server.addr, "nq.txt", "text/plain", &txt).status, 200);
}

#[test]
fn wrong_types_get_415() {
    let server = Server::start(&[]);
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    let r = upload(server.addr, "anh-chup.png", "image/png", png);
    assert_eq!(r.status, 415);
    assert_eq!(r.json()["error"]["code"], "unsupported_type");
    let r = upload(server.addr, "bao-cao.docx", "application/octet-stream", b"PK\x03\x04docx");
    assert_eq!(r.status, 415);
    // A text file without extension passes on its declared type.
    let r = upload(server.addr, "ghi-chu", "text/plain; charset=utf-8", "NGHỊ QUYẾT\n".as_bytes());
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
}

#[test]
fn twenty_concurrent_uploads_are_all_answered_correctly() {
    let server = Server::start(&["--jobs", "2"]);
    let mut files = util::text_fixtures();
    files.extend(util::pdf_fixtures().into_iter().filter(|p| p.to_string_lossy().contains("born-digital")));
    let jobs: Vec<(String, Vec<u8>, Record)> = (0..20)
        .map(|i| {
            let path = &files[i % files.len()];
            let mut bytes = std::fs::read(path).expect("fixture");
            // Make every text upload distinct so answers cannot be mixed up unseen.
            if path.extension().is_some_and(|e| e == "txt") {
                bytes.extend_from_slice(format!("\nPhụ lục số {i}.\n").as_bytes());
            }
            let name = format!("{i:02}-{}", path.file_name().and_then(|n| n.to_str()).unwrap_or_default());
            let want = Pipeline::builder().build().process_bytes(Path::new(&name), &bytes);
            (name, bytes, want)
        })
        .collect();
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(jobs.len()));
    let handles: Vec<_> = jobs
        .into_iter()
        .map(|(name, bytes, want)| {
            let barrier = barrier.clone();
            let addr = server.addr;
            std::thread::spawn(move || {
                let ty = if name.ends_with(".pdf") { "application/pdf" } else { "text/plain" };
                barrier.wait();
                let r = upload(addr, &name, ty, &bytes);
                (name, r, want)
            })
        })
        .collect();
    for h in handles {
        let (name, r, want) = h.join().expect("client thread");
        assert_eq!(r.status, 200, "{name}: {}", String::from_utf8_lossy(&r.body));
        let got: Record = serde_json::from_slice(&r.body).expect("a record");
        assert_eq!(got, want, "{name}");
    }
}

/// A document that outlives `--timeout` gets a 504 with a `timeout` error
/// record, in time, and the server goes on answering. The slow document is
/// an image-only PDF whose OCR engine (`NGHIQUYET_TESSERACT`) is a script
/// that sleeps.
#[cfg(unix)]
#[test]
fn slow_documents_time_out_with_504_and_the_server_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let slow = dir.path().join("slow-tesseract");
    std::fs::write(&slow, "#!/bin/sh\nsleep 20\n").unwrap();
    std::fs::set_permissions(&slow, std::fs::Permissions::from_mode(0o755)).unwrap();
    let server =
        Server::start_with_env(&["--timeout", "2", "--jobs", "2"], &[("NGHIQUYET_TESSERACT", &slow)]);
    let scan = std::fs::read(util::fixture("pdf/kh-ubnd-2025.image-only-fax.pdf")).unwrap();
    let started = std::time::Instant::now();
    let r = upload(server.addr, "scan.pdf", "application/pdf", &scan);
    let waited = started.elapsed();
    assert_eq!(r.status, 504, "{}", String::from_utf8_lossy(&r.body));
    let record: Record = serde_json::from_slice(&r.body).expect("a record");
    let error = record.error.expect("an error block");
    assert_eq!(error.code, "timeout");
    assert!(error.message.contains("scan.pdf"), "{}", error.message);
    assert!(waited < Duration::from_secs(15), "answered after {waited:?}");
    // A quick document still goes through on the other worker.
    let text = std::fs::read(util::fixture("kh-ubnd-2025.txt")).unwrap();
    assert_eq!(upload(server.addr, "kh.txt", "text/plain", &text).status, 200);
}

/// Opens a connection and writes `bytes` as they are (a request the test
/// builds by hand, possibly unfinished); reads wait at most `wait`.
fn send_raw(addr: SocketAddr, bytes: &[u8], wait: Duration) -> TcpStream {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(wait)).expect("read timeout");
    stream.write_all(bytes).expect("write");
    stream
}

/// The head of a `POST /api/extract` announcing `length` body bytes.
fn post_head(addr: SocketAddr, content_type: &str, length: usize) -> String {
    format!(
        "POST /api/extract HTTP/1.1\r\nHost: {addr}\r\nContent-Type: {content_type}\r\n\
         Content-Length: {length}\r\n\r\n"
    )
}

/// A refusal: the status, JSON content, and the envelope's code.
fn refusal(r: &Response) -> (u16, String) {
    assert!(
        r.header("content-type").is_some_and(|c| c.starts_with("application/json")),
        "status {}: not JSON: {}",
        r.status,
        String::from_utf8_lossy(&r.body)
    );
    let body = r.json();
    assert!(body["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{body}");
    (r.status, body["error"]["code"].as_str().unwrap_or_default().to_owned())
}

/// Issue 20: 32 clients that start a multipart upload and stop no longer
/// lock the server out. A 33rd real upload is answered at once while they
/// hang, and each of them is answered `408 body_timeout` and closed; a
/// connection that never finishes its head is closed too.
#[test]
fn idle_uploads_hold_no_place_and_are_closed() {
    let server = Server::start(&["--read-timeout", "2"]);
    let (ct, body) =
        multipart("file", "treo.txt", "text/plain", &"Nghị quyết số 12.\n".repeat(5_000).into_bytes());
    let idle: Vec<TcpStream> = (0..32)
        .map(|_| {
            let mut partial = post_head(server.addr, &ct, body.len()).into_bytes();
            partial.extend_from_slice(&body[..body.len() / 3]);
            send_raw(server.addr, &partial, Duration::from_secs(60))
        })
        .collect();
    let half_head =
        send_raw(server.addr, b"POST /api/extract HTTP/1.1\r\nHost: 127", Duration::from_secs(60));
    let text = std::fs::read(util::fixture("kh-ubnd-2025.txt")).expect("fixture");
    let real = upload(server.addr, "kh-ubnd-2025.txt", "text/plain", &text);
    assert_eq!(real.status, 200, "{}", String::from_utf8_lossy(&real.body));
    let got: Record = serde_json::from_slice(&real.body).expect("a record");
    assert_eq!(got, expected(Path::new("kh-ubnd-2025.txt"), &text));
    for (i, mut stream) in idle.into_iter().enumerate() {
        let r = read_response(&mut stream).unwrap_or_else(|e| panic!("idle upload {i} not answered: {e}"));
        assert_eq!(refusal(&r), (408, "body_timeout".to_owned()), "idle upload {i}");
        assert_eq!(r.header("connection"), Some("close"));
    }
    let mut half_head = half_head;
    let mut rest = Vec::new();
    // Closed by the server: the read ends (EOF or reset), it does not time out.
    match half_head.read_to_end(&mut rest) {
        Ok(_) => {}
        Err(e) => assert_ne!(e.kind(), std::io::ErrorKind::WouldBlock, "still open"),
    }
    assert_eq!(request(server.addr, "GET", "/healthz", &[], b"").status, 200);
}

/// A client that keeps sending, one byte at a time, is cut off at the body
/// deadline (6 read timeouts) instead of holding its connection for ever.
#[test]
fn a_trickling_upload_is_cut_off_at_the_body_deadline() {
    let server = Server::start(&["--read-timeout", "1"]);
    let (ct, body) = multipart("file", "cham.txt", "text/plain", &b"x".repeat(4096));
    let mut stream =
        send_raw(server.addr, post_head(server.addr, &ct, body.len()).as_bytes(), Duration::from_millis(150));
    let mut answer = Vec::new();
    let mut buf = [0u8; 4096];
    // At most 4,096 bytes, one per 150 ms read wait: over 10 minutes, far past the 6 s deadline.
    for byte in &body {
        if stream.write_all(std::slice::from_ref(byte)).is_err() {
            break;
        }
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => answer.extend_from_slice(&buf[..n]),
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {}
            Err(_) => break,
        }
        if answer.windows(4).any(|w| w == b"\r\n\r\n") {
            break;
        }
    }
    stream.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
    let _ = stream.read_to_end(&mut answer);
    let split = answer.windows(4).position(|w| w == b"\r\n\r\n").expect("an answer before the body ended");
    let mut r = parse_head(&answer[..split]);
    r.body = answer[split + 4..].to_vec();
    if let Some(len) = r.header("content-length").and_then(|l| l.parse().ok()) {
        r.body.truncate(len);
    }
    assert_eq!(refusal(&r), (408, "body_timeout".to_owned()));
}

/// `Content-Length` over the limit is refused before the body is read: no
/// byte of it is sent here, so a server waiting for it would answer 408.
#[test]
fn an_announced_length_over_the_limit_is_refused_at_once() {
    let server = Server::start(&["--max-upload-mb", "1", "--read-timeout", "5"]);
    let (ct, _) = multipart("file", "x.pdf", "application/pdf", b"");
    let mut stream =
        send_raw(server.addr, post_head(server.addr, &ct, 200 << 20).as_bytes(), Duration::from_secs(60));
    let r = read_response(&mut stream).expect("an answer");
    assert_eq!(refusal(&r), (413, "too_large".to_owned()));
    assert_eq!(r.header("connection"), Some("close"));
}

/// Whatever is wrong with the request body, the answer is the JSON refusal
/// envelope with a 4xx: never a 500, never plain text.
#[test]
fn broken_request_bodies_get_a_json_4xx() {
    let server = Server::start(&["--read-timeout", "5"]);
    let addr = server.addr;
    let (ct, good) = multipart("file", "nq.txt", "text/plain", "NGHỊ QUYẾT\n".as_bytes());
    let chunked = |body: &[u8]| {
        let mut raw = format!(
            "POST /api/extract HTTP/1.1\r\nHost: {addr}\r\nContent-Type: {ct}\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        .into_bytes();
        raw.extend_from_slice(body);
        let mut stream = send_raw(addr, &raw, Duration::from_secs(60));
        read_response(&mut stream).expect("an answer")
    };
    // A chunk size that is not hexadecimal.
    assert_eq!(refusal(&chunked(b"zz\r\nhello\r\n0\r\n\r\n")).0 / 100, 4);
    // A chunk longer than announced.
    let mut long = format!("{:x}\r\n", 4).into_bytes();
    long.extend_from_slice(&good);
    long.extend_from_slice(b"\r\n0\r\n\r\n");
    assert_eq!(refusal(&chunked(&long)).0 / 100, 4);
    // The same upload well chunked passes.
    let mut fine = format!("{:x}\r\n", good.len()).into_bytes();
    fine.extend_from_slice(&good);
    fine.extend_from_slice(b"\r\n0\r\n\r\n");
    assert_eq!(chunked(&fine).status, 200);

    let post = |ct: &str, body: &[u8]| request(addr, "POST", "/api/extract", &[("Content-Type", ct)], body);
    assert_eq!(refusal(&post("application/json", b"{}")), (400, "bad_request".to_owned()));
    assert_eq!(refusal(&post("application/pdf", b"%PDF-1.4")), (400, "bad_request".to_owned()));
    assert_eq!(refusal(&post("multipart/form-data", &good)), (400, "bad_request".to_owned()));
    // The right boundary, then garbage where the parts should be.
    assert_eq!(refusal(&post(&ct, b"--nghiquyet-test-boundary-7d1f3a\r\ngarbage")).0, 400);
    // A file in a field not named `file` is not taken silently.
    let (other_ct, other) = multipart("document", "nq.txt", "text/plain", "NGHỊ QUYẾT\n".as_bytes());
    let r = post(&other_ct, &other);
    assert_eq!(refusal(&r), (400, "missing_file".to_owned()));
    assert!(r.json()["error"]["message"].as_str().is_some_and(|m| m.contains("`document`")));
    assert_eq!(refusal(&request(addr, "GET", "/khong-co", &[], b"")), (404, "not_found".to_owned()));
}

/// The page limit counts the pages the PDF stage actually read: a page
/// tree whose `/Count` claims 2,147,483,647 pages over one real page is read
/// (as `nghiquyet extract` reads it), and a PDF really over the limit is not.
#[test]
fn the_page_limit_counts_real_pages_not_the_declared_count() {
    use lopdf::{dictionary, Object};
    let font = dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding" };
    let liar = util::one_page_pdf(
        vec![("F1", Object::Dictionary(font))],
        vec![],
        b"BT /F1 12 Tf 72 760 Td (NGHI QUYET so 12/NQ-HDND) Tj ET",
        lopdf::Dictionary::new(),
        |doc, page| {
            let pages = doc
                .get_dictionary(page)
                .and_then(|p| p.get(b"Parent"))
                .and_then(Object::as_reference)
                .expect("parent");
            doc.get_dictionary_mut(pages).expect("pages").set("Count", i64::from(i32::MAX));
        },
    );
    assert!(liar.windows(10).any(|w| w == b"2147483647"), "the lie is in the file");
    let server = Server::start(&["--max-pages", "5"]);
    let r = upload(server.addr, "khai-gian.pdf", "application/pdf", &liar);
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let got: Record = serde_json::from_slice(&r.body).expect("a record");
    assert_eq!(got.source.pages, Some(1));
    assert_eq!(got, expected(Path::new("khai-gian.pdf"), &liar));
}

/// Host parsed strictly: one header, the exact loopback authority with the
/// server's port, no user part, brackets for IPv6 only, and an absolute
/// request URI checked like `Host`.
#[test]
fn only_requests_addressed_exactly_to_this_server_are_answered() {
    let server = Server::start(&[]);
    let port = server.addr.port();
    let get = |host: &str| request(server.addr, "GET", "/healthz", &[("Host", host)], b"");
    for good in [format!("localhost:{port}"), format!("127.0.0.1:{port}"), format!("[::1]:{port}")] {
        assert_eq!(get(&good).status, 200, "{good}");
    }
    for bad in [
        "attacker.example:8080".to_owned(),
        format!("127.0.0.1:{port}@evil.com"),
        format!("[127.0.0.1]:{port}"),
        "[127.0.0.1]".to_owned(),
        format!("localhost:{}", port.wrapping_add(1)),
        format!("evil.com#@127.0.0.1:{port}"),
    ] {
        assert_eq!(refusal(&get(&bad)), (403, "forbidden_host".to_owned()), "{bad}");
    }
    // Two Host headers, the loopback one first.
    let raw = format!(
        "GET /healthz HTTP/1.1\r\nHost: {}\r\nHost: evil.com\r\nConnection: close\r\n\r\n",
        server.addr
    );
    let r =
        read_response(&mut send_raw(server.addr, raw.as_bytes(), Duration::from_secs(30))).expect("answer");
    assert_eq!(refusal(&r).0 / 100, 4, "two Host headers");
    // An absolute request URI naming another host, with a loopback Host.
    let raw =
        format!("GET http://evil.com/healthz HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", server.addr);
    let r =
        read_response(&mut send_raw(server.addr, raw.as_bytes(), Duration::from_secs(30))).expect("answer");
    assert_eq!(refusal(&r), (403, "forbidden_host".to_owned()));
    let raw =
        format!("GET http://{0}/healthz HTTP/1.1\r\nHost: {0}\r\nConnection: close\r\n\r\n", server.addr);
    let r =
        read_response(&mut send_raw(server.addr, raw.as_bytes(), Duration::from_secs(30))).expect("answer");
    assert_eq!(r.status, 200);
}

/// A page on another site cannot upload to the clerk's server: a POST
/// whose `Origin` (or `Sec-Fetch-Site`) says another site is refused; the
/// server's own page and tools without an `Origin` pass.
#[test]
fn cross_origin_uploads_are_refused() {
    let server = Server::start(&[]);
    let text = "NGHỊ QUYẾT\nVề phát triển kinh tế - xã hội năm 2025\n".as_bytes();
    let (ct, body) = multipart("file", "nq.txt", "text/plain", text);
    let post = |extra: &[(&str, &str)]| {
        let mut headers = vec![("Content-Type", ct.as_str())];
        headers.extend_from_slice(extra);
        request(server.addr, "POST", "/api/extract", &headers, &body)
    };
    let own = format!("http://{}", server.addr);
    assert_eq!(post(&[]).status, 200, "no Origin: not a browser");
    assert_eq!(post(&[("Origin", &own), ("Sec-Fetch-Site", "same-origin")]).status, 200);
    for origin in
        ["http://evil.com", "null", "https://127.0.0.1", &format!("http://localhost:{}", server.addr.port())]
    {
        assert_eq!(refusal(&post(&[("Origin", origin)])), (403, "forbidden_origin".to_owned()), "{origin}");
    }
    assert_eq!(refusal(&post(&[("Sec-Fetch-Site", "cross-site")])), (403, "forbidden_origin".to_owned()));
}

/// The server writes no temporary file, and removes at start-up the
/// folders in which earlier versions left uploads when they were killed.
#[test]
fn no_temporary_files_are_written_and_old_ones_are_removed() {
    let temp = tempfile::tempdir().expect("temp dir");
    let stale = temp.path().join("nghiquyet-serve-Xy12ab");
    std::fs::create_dir(&stale).expect("dir");
    std::fs::write(stale.join("upload.pdf"), b"%PDF-1.4 left by a killed server").expect("file");
    let keep = temp.path().join("someone-else.txt");
    std::fs::write(&keep, b"not ours").expect("file");
    let server = Server::start_with_env(&[], &[("TMPDIR", temp.path())]);
    let listing = || {
        let mut names: Vec<_> =
            std::fs::read_dir(temp.path()).expect("list").flatten().map(|e| e.file_name()).collect();
        names.sort();
        names
    };
    assert_eq!(listing(), vec![std::ffi::OsString::from("someone-else.txt")]);
    let pdf = std::fs::read(util::fixture("pdf/kh-ubnd-2025.born-digital.pdf")).expect("fixture");
    assert_eq!(upload(server.addr, "kh.pdf", "application/pdf", &pdf).status, 200);
    assert_eq!(listing(), vec![std::ffi::OsString::from("someone-else.txt")]);
}

/// `POST /api/paragraphs` splits a text as `nghiquyet text` does, in code
/// points (what the page counts in); it is a POST like any other, so a
/// cross-site page cannot use it either.
#[test]
fn paragraphs_are_the_library_s_in_code_points() {
    let server = Server::start(&[]);
    let text = std::fs::read_to_string(util::fixture("nq-tinh-uy-2024.txt")).expect("fixture");
    let r = request(
        server.addr,
        "POST",
        "/api/paragraphs",
        &[("Content-Type", "text/plain; charset=utf-8")],
        text.as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let chars = |byte: usize| text[..byte].chars().count();
    let want: Vec<[usize; 2]> =
        nghiquyet::parse::paragraphs(&text).into_iter().map(|p| [chars(p.start), chars(p.end)]).collect();
    assert!(want.len() > 5);
    assert_eq!(r.json()["paragraphs"], serde_json::json!(want));
    let r = request(server.addr, "POST", "/api/paragraphs", &[], b"\xff\xfe not utf-8");
    assert_eq!(refusal(&r), (400, "bad_request".to_owned()));
    let r = request(server.addr, "POST", "/api/paragraphs", &[("Origin", "http://evil.com")], b"abc");
    assert_eq!(refusal(&r), (403, "forbidden_origin".to_owned()));
}

/// `POST /api/tasks` (the review page's "what is due") selects and writes
/// exactly what `nghiquyet tasks` does over the same records: the items
/// (with their calendar UIDs), the CSV and the calendar, with and without
/// a body and a due-before filter; a date that is none is refused as JSON.
#[test]
fn tasks_are_the_tasks_command_s_over_the_records_sent() {
    use nghiquyet::tasks::{self, Date, Query};
    let server = Server::start(&[]);
    let pipeline = Pipeline::builder().build();
    let records: Vec<Record> = util::text_fixtures()
        .iter()
        .map(|p| pipeline.process_bytes(p, &std::fs::read(p).expect("fixture")))
        .collect();
    let archive: String = records.iter().map(|r| serde_json::to_string(r).expect("json") + "\n").collect();
    let post = |body: Option<&str>, due_before: Option<&str>, format: &str| {
        let req = serde_json::json!({ "records": records, "body": body, "due_before": due_before, "format": format });
        let r = request(
            server.addr,
            "POST",
            "/api/tasks",
            &[("Content-Type", "application/json")],
            serde_json::to_string(&req).expect("json").as_bytes(),
        );
        assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
        r
    };
    let cases = [
        (None, None),
        (Some("ubnd"), None),
        (None, Some("31/12/2025")),
        (Some("sở tài chính"), Some("2026-06-30")),
    ];
    let mut sizes = Vec::new();
    for (body, due_before) in cases {
        let query = Query {
            body: body.map(str::to_owned),
            due_before: due_before.map(|d| Date::parse(d).expect("date")),
        };
        let want = tasks::from_archive(archive.as_bytes(), query).expect("archive");
        sizes.push(want.len());
        let got = post(body, due_before, "json").json();
        let got = got["items"].as_array().expect("items");
        let uids: Vec<&str> = got.iter().map(|i| i["uid"].as_str().expect("uid")).collect();
        let want_uids: Vec<String> = want.iter().map(|i| i.uid()).collect();
        assert_eq!(uids, want_uids, "{body:?} {due_before:?}: the same items in the same order");
        for (g, w) in got.iter().zip(&want) {
            assert_eq!(g["task"], w.task.as_str());
            assert_eq!(g["due"], serde_json::json!(w.due().map(|d| d.to_string())));
            assert_eq!(g["span"], serde_json::to_value(w.span).expect("span"));
        }
        let mut csv = Vec::new();
        tasks::write_csv(&mut csv, &want).expect("csv");
        let r = post(body, due_before, "csv");
        assert!(r.header("content-type").is_some_and(|c| c.starts_with("text/csv")));
        assert_eq!(String::from_utf8_lossy(&r.body), String::from_utf8_lossy(&csv));
        let mut ics = Vec::new();
        tasks::write_ics(&mut ics, &want).expect("ics");
        let r = post(body, due_before, "ics");
        assert!(r.header("content-type").is_some_and(|c| c.starts_with("text/calendar")));
        assert_eq!(String::from_utf8_lossy(&r.body), String::from_utf8_lossy(&ics));
    }
    assert!(sizes[0] > sizes[1] && sizes[1] > 0, "the fixtures' tasks, and fewer for one body: {sizes:?}");
    assert!(sizes[0] > sizes[2] && sizes[2] > 0, "fewer due before a date: {sizes:?}");
    let bad = serde_json::json!({ "records": [], "due_before": "31/02/2025" }).to_string();
    let r = request(server.addr, "POST", "/api/tasks", &[], bad.as_bytes());
    assert_eq!(refusal(&r), (400, "bad_request".to_owned()));
    let r = request(server.addr, "POST", "/api/tasks", &[], b"{\"records\": 3}");
    assert_eq!(refusal(&r), (400, "bad_request".to_owned()));
}

/// A document that runs past `--timeout` in the text stages (repair of a
/// long OCR-damaged text, which took no limit before) gets its 504, and
/// its worker stops: with one worker, the next document is processed
/// within its own limit instead of waiting behind the abandoned one.
#[test]
fn a_timed_out_document_frees_its_worker() {
    // The slow text takes about 30 s in a debug build and 2–4 s in a
    // release one (`cargo test --release`): the limit is set below both.
    let limit = if cfg!(debug_assertions) { "5" } else { "1" };
    let server = Server::start(&["--timeout", limit, "--jobs", "1"]);
    // OCR-like damage (marks dropped from every third word) over a long
    // text: the decoder has candidates to weigh at every damaged word.
    let clean = std::fs::read_to_string(util::fixture("kh-ubnd-2025.txt")).expect("fixture");
    let damaged: String = clean
        .split(' ')
        .enumerate()
        .map(|(i, w)| if i % 3 == 0 { nghiquyet::repair::syllable::strip(w) } else { w.to_owned() })
        .collect::<Vec<_>>()
        .join(" ");
    let slow = damaged.repeat((SLOW_TEXT_BYTES / damaged.len()).max(1));
    // A few lines: processed in well under a second even on a loaded machine.
    let quick: String = clean.lines().take(12).collect::<Vec<_>>().join("\n");
    let quick = quick.as_bytes();
    for round in 0..2 {
        let r = upload(server.addr, "dai.txt", "text/plain", slow.as_bytes());
        assert_eq!(
            r.status,
            504,
            "round {round}: {}",
            String::from_utf8_lossy(&r.body[..r.body.len().min(300)])
        );
        let record: Record = serde_json::from_slice(&r.body).expect("a record");
        assert_eq!(record.error.map(|e| e.code).as_deref(), Some("timeout"));
        let r = upload(server.addr, "kh.txt", "text/plain", quick);
        assert_eq!(
            r.status,
            200,
            "round {round}: the worker was freed: {}",
            String::from_utf8_lossy(&r.body)
        );
    }
}

/// Size of the slow text of [`a_timed_out_document_frees_its_worker`]: a
/// 300 KB one took 3 s of CPU to extract in a debug build, so this one
/// takes about 30 s, far past the 5 s limit and the quick document's own
/// 5 s (without the stages' stop checks, the test fails so).
const SLOW_TEXT_BYTES: usize = 3_000_000;
