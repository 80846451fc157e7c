//! A document's time limit, and the one a thread is working under.
//!
//! Below every stage: repair and parse ask [`should_stop`] in their long
//! loops, and the pipeline sets the limit for the thread (`LimitScope`);
//! kept out of `pipeline.rs` so that no stage imports the driver (an
//! import cycle, `tests/imports.rs`).

use crate::error::Error;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A document's time limit: the instant work must stop, the limit as the
/// user gave it (what a `timeout` record reports), and optionally a flag
/// that stops the work before then (`serve` raises it when the request it
/// works for is gone).
#[derive(Debug, Clone)]
pub struct TimeLimit {
    pub(crate) at: Instant,
    pub(crate) limit: Duration,
    pub(crate) cancel: Option<Arc<AtomicBool>>,
}

impl TimeLimit {
    /// `limit` counted from `started` (e.g. when a worker took the document).
    pub fn starting_at(started: Instant, limit: Duration) -> TimeLimit {
        TimeLimit { at: started + limit, limit, cancel: None }
    }

    /// The same limit, also passed as soon as `cancel` is set.
    pub fn cancelled_by(self, cancel: Arc<AtomicBool>) -> TimeLimit {
        TimeLimit { cancel: Some(cancel), ..self }
    }

    pub(crate) fn from_now(limit: Duration) -> TimeLimit {
        TimeLimit::starting_at(Instant::now(), limit)
    }

    pub(crate) fn passed(&self) -> bool {
        crate::stop::passed(Some(self.at), self.cancel.as_deref())
    }

    pub(crate) fn error(&self, path: &Path) -> Error {
        Error::Timeout { path: path.into(), seconds: self.limit.as_secs_f64() }
    }
}

thread_local! {
    /// The limit of the document this thread is processing, if any.
    static CURRENT_LIMIT: std::cell::RefCell<Option<TimeLimit>> = const { std::cell::RefCell::new(None) };
}

/// Whether the document being processed on this thread is past its time
/// limit or cancelled: the cheap check (a clock read) that the text stages'
/// long loops make, since they take no limit themselves. Their work is
/// then thrown away (the record is a `timeout` one), so they may simply
/// stop. `false` outside [`crate::Pipeline::process_bytes_limited`] and on
/// threads it did not run on (the PDF stage's own pool gets the deadline
/// through [`crate::pdf::PdfOptions`]).
pub fn should_stop() -> bool {
    CURRENT_LIMIT.with(|c| c.borrow().as_ref().is_some_and(TimeLimit::passed))
}

/// Makes a limit this thread's current one until dropped, restoring the
/// one before (a rayon worker may run a second document while the first
/// waits on a nested job).
pub(crate) struct LimitScope(Option<TimeLimit>);

impl LimitScope {
    pub(crate) fn enter(limit: Option<TimeLimit>) -> LimitScope {
        LimitScope(CURRENT_LIMIT.with(|c| c.replace(limit)))
    }
}

impl Drop for LimitScope {
    fn drop(&mut self) {
        let before = self.0.take();
        CURRENT_LIMIT.with(|c| *c.borrow_mut() = before);
    }
}
