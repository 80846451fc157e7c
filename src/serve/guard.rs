//! The checks every request passes before routing: who it is addressed to
//! (`Host`, or the authority of an absolute request URI), where a request
//! that changes something comes from (`Origin`, `Sec-Fetch-Site`), and the
//! security headers on every answer.
//!
//! Why so strict: the server listens on the clerk's own machine, and any
//! web page the clerk visits can make the browser send requests to it.
//! DNS rebinding makes such a request carry the attacker's name in `Host`;
//! a plain cross-site form post carries the attacker's `Origin`. Lenient
//! parsing (the last of two `Host` headers, a `user@` part, `[127.0.0.1]`)
//! is how checks like these are bypassed, so an authority is accepted only
//! in its exact loopback spelling with this server's port.

use super::api::{Refusal, Refused};
use super::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;
use std::sync::Arc;

/// The Content-Security-Policy of every response: only our own script and
/// style, no inline code, no remote origin, no framing. Document text is
/// untrusted; even a mistake in the page could not run injected script.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

/// Refuses requests not addressed to this server or sent from another
/// site, and sets the security headers on every response.
pub(super) async fn guard(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    if let Err(refused) = check(req.method(), req.uri(), req.headers(), state.bound) {
        return refused.into_response();
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

/// The request's target and origin checks; `Err` is the answer to send.
fn check(method: &Method, uri: &Uri, headers: &HeaderMap, bound: SocketAddr) -> Result<(), Refused> {
    let loopback = bound.ip().is_loopback();
    let mut hosts = headers.get_all(header::HOST).iter();
    let host = match (hosts.next(), hosts.next()) {
        (Some(_), Some(_)) => {
            return Err(Refused::new(Refusal::BadRequest, "more than one Host header"));
        }
        (Some(h), None) => {
            Some(h.to_str().map_err(|_| Refused::new(Refusal::BadRequest, "Host is not ASCII"))?)
        }
        (None, _) => None,
    };
    // The authority the request is really addressed to: an absolute URI's
    // wins over `Host` (RFC 9112 §3.2.2), so both must be ours.
    if let Some(authority) = uri.authority() {
        if uri.scheme_str() != Some("http") || !authority_is_ours(authority.as_str(), bound, loopback) {
            return Err(Refused::new(Refusal::ForbiddenHost, "the request URI names another server"));
        }
    }
    match host {
        Some(h) if !authority_is_ours(h, bound, loopback) => {
            return Err(Refused::new(
                Refusal::ForbiddenHost,
                format!("this server only answers requests addressed to localhost:{}", bound.port()),
            ));
        }
        Some(_) => {}
        // HTTP/1.1 requires Host; an HTTP/1.0 client (no browser) may omit it.
        None if uri.authority().is_none() && method != Method::GET && method != Method::HEAD => {
            return Err(Refused::new(Refusal::BadRequest, "no Host header"));
        }
        None => {}
    }
    if !is_safe(method) {
        let own = uri.authority().map(|a| a.as_str()).or(host);
        check_origin(headers, own)?;
    }
    Ok(())
}

/// Methods that change nothing on the server, which a cross-site page may
/// send (it cannot read the answer: no CORS headers are ever set).
fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// A request that changes something is refused when the browser says it
/// comes from another site: an `Origin` other than `http://` + the
/// authority it is addressed to, `Origin: null` (sandboxed frames, files),
/// or `Sec-Fetch-Site` other than `same-origin`/`none`. Tools that send
/// neither header (curl, scripts) are not browsers and pass.
fn check_origin(headers: &HeaderMap, own: Option<&str>) -> Result<(), Refused> {
    let mut origins = headers.get_all(header::ORIGIN).iter();
    let origin = match (origins.next(), origins.next()) {
        (Some(_), Some(_)) => {
            return Err(Refused::new(Refusal::ForbiddenOrigin, "more than one Origin header"))
        }
        (origin, _) => origin.map(|o| o.to_str().unwrap_or("")),
    };
    if let Some(origin) = origin {
        let same = own.is_some_and(|own| {
            origin.strip_prefix("http://").is_some_and(|rest| rest.eq_ignore_ascii_case(own))
        });
        if !same {
            return Err(Refused::new(
                Refusal::ForbiddenOrigin,
                format!("uploads are accepted only from this server's own page, not from {origin:?}"),
            ));
        }
    }
    if let Some(site) = headers.get("sec-fetch-site") {
        if !matches!(site.to_str(), Ok("same-origin") | Ok("none")) {
            return Err(Refused::new(Refusal::ForbiddenOrigin, "uploads from another site are refused"));
        }
    }
    Ok(())
}

/// Whether `authority` (`name[:port]`) names this server. On a loopback
/// address only `localhost`, `127.0.0.1` and `[::1]` are names of it, and
/// the port must be the bound one (absent only when that is 80). On another
/// address any name may reach it (we cannot know the machine's names), but
/// the authority must still be well formed with our port.
fn authority_is_ours(authority: &str, bound: SocketAddr, loopback: bool) -> bool {
    if authority.is_empty() || authority.contains(['@', '/', '\\', ' ', '?', '#']) {
        return false;
    }
    let (name, port) = if let Some(rest) = authority.strip_prefix('[') {
        let Some((inside, after)) = rest.split_once(']') else { return false };
        let port = match after {
            "" => None,
            p => match p.strip_prefix(':') {
                Some(p) => Some(p),
                None => return false,
            },
        };
        // Brackets hold IPv6 literals only: `[127.0.0.1]` is malformed.
        if inside.parse::<std::net::Ipv6Addr>().is_err() {
            return false;
        }
        (&authority[..inside.len() + 2], port)
    } else {
        match authority.split_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (authority, None),
        }
    };
    let port_ok = match port {
        None => bound.port() == 80,
        Some(p) => !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && p.parse() == Ok(bound.port()),
    };
    if !port_ok || name.is_empty() {
        return false;
    }
    if !loopback {
        return true;
    }
    name.eq_ignore_ascii_case("localhost") || name == "127.0.0.1" || name == "[::1]"
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOUND: SocketAddr = SocketAddr::new(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST), 8080);

    #[test]
    fn only_the_exact_loopback_authority_with_our_port_passes() {
        let ours = |a: &str| authority_is_ours(a, BOUND, true);
        for good in ["localhost:8080", "LOCALHOST:8080", "127.0.0.1:8080", "[::1]:8080"] {
            assert!(ours(good), "{good}");
        }
        for bad in [
            "evil.example:8080",
            "192.168.1.10:8080",
            "127.0.0.1:8080@evil.com",
            "user@127.0.0.1:8080",
            "[127.0.0.1]:8080",
            "[127.0.0.1]",
            "localhost:1",
            "localhost",
            "localhost.:8080",
            "127.0.0.2:8080",
            "localhost:8080:8080",
            "localhost:+8080",
            "localhost:08080x",
            "[::1]8080",
            "[::1",
            ":8080",
            "",
            "localhost:8080/x",
        ] {
            assert!(!ours(bad), "{bad}");
        }
        // Port 80 may be left out, as browsers do.
        let on_80 = SocketAddr::from(([127, 0, 0, 1], 80));
        assert!(authority_is_ours("localhost", on_80, true));
        // A server on the network answers any well-formed name with its port.
        let lan = SocketAddr::from(([192, 168, 1, 5], 8080));
        assert!(authority_is_ours("may-chu.local:8080", lan, false));
        assert!(!authority_is_ours("x@may-chu.local:8080", lan, false));
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut m = HeaderMap::new();
        for (n, v) in pairs {
            m.append(*n, HeaderValue::from_static(v));
        }
        m
    }

    #[test]
    fn hosts_origins_and_absolute_uris_are_checked() {
        let uri: Uri = "/api/extract".parse().expect("uri");
        let post = Method::POST;
        let ok =
            |m: &Method, u: &Uri, h: &[(&'static str, &'static str)]| check(m, u, &headers(h), BOUND).is_ok();
        assert!(ok(&post, &uri, &[("host", "127.0.0.1:8080")]));
        assert!(ok(&post, &uri, &[("host", "127.0.0.1:8080"), ("origin", "http://127.0.0.1:8080")]));
        assert!(ok(&post, &uri, &[("host", "localhost:8080"), ("sec-fetch-site", "same-origin")]));
        assert!(!ok(&post, &uri, &[("host", "127.0.0.1:8080"), ("origin", "http://evil.com")]));
        assert!(!ok(&post, &uri, &[("host", "127.0.0.1:8080"), ("origin", "null")]));
        assert!(!ok(&post, &uri, &[("host", "127.0.0.1:8080"), ("origin", "http://localhost:8080")]));
        assert!(!ok(&post, &uri, &[("host", "127.0.0.1:8080"), ("sec-fetch-site", "cross-site")]));
        assert!(!ok(&post, &uri, &[("host", "127.0.0.1:8080"), ("host", "evil.com")]));
        assert!(!ok(&post, &uri, &[("host", "evil.com"), ("host", "127.0.0.1:8080")]));
        assert!(!ok(&post, &uri, &[]), "HTTP/1.1 POST without Host");
        // A cross-site GET is harmless (the page cannot read the answer).
        assert!(ok(&Method::GET, &uri, &[("host", "127.0.0.1:8080"), ("origin", "http://evil.com")]));
        let absolute: Uri = "http://evil.com/healthz".parse().expect("uri");
        assert!(!ok(&Method::GET, &absolute, &[("host", "127.0.0.1:8080")]));
        let absolute: Uri = "http://127.0.0.1:8080/healthz".parse().expect("uri");
        assert!(ok(&Method::GET, &absolute, &[("host", "127.0.0.1:8080")]));
        let https: Uri = "https://127.0.0.1:8080/healthz".parse().expect("uri");
        assert!(!ok(&Method::GET, &https, &[("host", "127.0.0.1:8080")]));
    }
}
