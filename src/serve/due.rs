//! `POST /api/tasks`: what is due across the records the review page has
//! seen, selected and written by [`crate::tasks`] exactly as
//! `nghiquyet tasks` does; the page only displays the answer and offers
//! the CSV and calendar files for download.

use super::api::{read_body, refuse, Refusal};
use super::AppState;
use crate::schema::Record;
use crate::tasks::{self, Collector, Date, Item, Query};
use axum::extract::{Request, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use std::sync::Arc;

/// What the page sends: the records (their `text` may be left empty, the
/// selection reads only fields) and the `nghiquyet tasks` options.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct TasksRequest {
    records: Vec<Record>,
    #[serde(default)]
    body: Option<String>,
    /// `YYYY-MM-DD` or `dd/mm/yyyy`, as `--due-before`.
    #[serde(default)]
    due_before: Option<String>,
    #[serde(default)]
    format: Format,
}

/// The answer's form: the items as JSON for display, or the files
/// `nghiquyet tasks --format csv|ics` writes.
#[derive(Debug, Clone, Copy, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
enum Format {
    #[default]
    Json,
    Csv,
    Ics,
}

/// An item as the page shows it: the item, its due date and its calendar
/// UID (the same as in the `.ics` file).
#[derive(serde::Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    item: &'a Item,
    due: Option<Date>,
    uid: String,
}

pub(super) async fn tasks(State(state): State<Arc<AppState>>, req: Request) -> Response {
    let bytes = match read_body(&state, req, "the records").await {
        Ok(bytes) => bytes,
        Err(refused) => return refused.into_response(),
    };
    // Off the async threads: many records take a while to read.
    let answer = tokio::task::spawn_blocking(move || answer(&bytes)).await;
    match answer {
        Ok(response) => response,
        Err(join) => refuse(Refusal::InternalError, format!("internal error while listing tasks ({join})")),
    }
}

fn answer(bytes: &[u8]) -> Response {
    let request: TasksRequest = match serde_json::from_slice(bytes) {
        Ok(r) => r,
        Err(e) => {
            return refuse(
                Refusal::BadRequest,
                format!("send {{\"records\": [...], \"body\", \"due_before\", \"format\"}} as JSON: {e}"),
            )
        }
    };
    let due_before = match request.due_before.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => match Date::parse(d) {
            Ok(date) => Some(date),
            Err(e) => return refuse(Refusal::BadRequest, format!("due_before: {e}")),
        },
        None => None,
    };
    let body = request.body.filter(|b| !b.trim().is_empty());
    let mut collector = Collector::new(Query { body, due_before });
    for record in &request.records {
        collector.add(record);
    }
    let items = collector.finish();
    let mut out = Vec::new();
    let written = match request.format {
        Format::Json => {
            let shown: Vec<Shown> =
                items.iter().map(|i| Shown { item: i, due: i.due(), uid: i.uid() }).collect();
            return Json(serde_json::json!({ "items": shown })).into_response();
        }
        Format::Csv => tasks::write_csv(&mut out, &items).map(|()| "text/csv; charset=utf-8"),
        Format::Ics => tasks::write_ics(&mut out, &items).map(|_| "text/calendar; charset=utf-8"),
    };
    match written {
        Ok(mime) => ([(header::CONTENT_TYPE, mime)], out).into_response(),
        Err(e) => refuse(Refusal::InternalError, format!("cannot write the list: {e}")),
    }
}
