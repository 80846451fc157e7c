//! The review page: one HTML file, one script, one style sheet, embedded in
//! the binary so the page works offline and cannot drift from the server
//! that serves it.

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

const INDEX: &str = include_str!("assets/index.html");
const APP_JS: &str = include_str!("assets/app.js");
const APP_CSS: &str = include_str!("assets/app.css");

/// `GET /`.
pub(super) async fn index() -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")], INDEX)
        .into_response()
}

/// `GET /assets/{name}`: only the embedded files, by exact name.
pub(super) async fn asset(Path(name): Path<String>) -> Response {
    let (body, mime) = match name.as_str() {
        "app.js" => (APP_JS, "text/javascript; charset=utf-8"),
        "app.css" => (APP_CSS, "text/css; charset=utf-8"),
        _ => return super::api::not_found().await,
    };
    (StatusCode::OK, [(header::CONTENT_TYPE, mime), (header::CACHE_CONTROL, "no-cache")], body)
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::APP_JS;
    use crate::error::Error;
    use crate::pdf::PdfError;
    use crate::serve::api::Refusal;
    use std::path::PathBuf;

    /// The keys of the page's table `const NAME = { … };`.
    fn table_keys(name: &str) -> Vec<String> {
        let start = APP_JS.find(&format!("const {name} = {{")).expect("the table");
        let body = &APP_JS[start..];
        let body = &body[..body.find("};").expect("end of the table")];
        body.lines()
            .filter_map(|l| l.trim().split_once(':'))
            .map(|(k, _)| k.trim().to_owned())
            .filter(|k| k.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') && !k.is_empty())
            .collect()
    }

    /// Issue 19: every code a clerk can meet, from the server or in a
    /// record's `error`, has its Vietnamese line on the page.
    #[test]
    fn the_page_says_every_code_in_vietnamese() {
        let shown = table_keys("CODES");
        let path = PathBuf::from("x");
        let io = || std::io::Error::other("x");
        let library = [
            Error::NotFound { path: path.clone() },
            Error::Io { path: path.clone(), source: io() },
            Error::Unsupported { path: path.clone() },
            Error::TooLarge { path: path.clone(), size: 2, limit: 1 },
            Error::InvalidText { path: path.clone(), detail: String::new() },
            Error::Pdf { path: path.clone(), source: PdfError::NotPdf },
            Error::Pdf { path: path.clone(), source: PdfError::Encrypted },
            Error::Pdf { path: path.clone(), source: PdfError::Malformed(String::new()) },
            Error::Timeout { path: path.clone(), seconds: 1.0 },
            Error::Panic { path, message: String::new() },
        ];
        let codes = Refusal::ALL
            .iter()
            .map(|r| r.code())
            .chain(library.iter().map(Error::code))
            .chain(crate::schema::ErrorCode::ALL.iter().map(|c| c.as_str()));
        for code in codes {
            assert!(shown.iter().any(|c| c == code), "no Vietnamese message for `{code}` in app.js");
        }
        assert!(!shown.iter().any(|c| c == "empty_file"), "a code no longer sent");
    }

    /// Every warning code a record can carry (as the JSON Schema lists
    /// them) has its Vietnamese line, so no warning reaches the clerk as a
    /// bare code.
    #[test]
    fn the_page_says_every_warning_in_vietnamese() {
        let shown = table_keys("WARNINGS");
        let schema = serde_json::to_value(crate::schema::json_schema()).expect("schema as JSON");
        let defs = schema.get("definitions").or_else(|| schema.get("$defs")).expect("definitions");
        let codes: Vec<&str> = defs["WarningCode"]["oneOf"]
            .as_array()
            .expect("WarningCode is a oneOf")
            .iter()
            .filter_map(|o| o["const"].as_str())
            .collect();
        assert!(codes.len() >= 18, "{codes:?}");
        for code in codes {
            assert!(shown.iter().any(|c| c == code), "no Vietnamese line for warning `{code}` in app.js");
        }
    }
}
