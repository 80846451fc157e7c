//! A stopping point for a stage that is handed its limit rather than
//! asking the thread's [`crate::limit::should_stop`].
//!
//! Below every stage and importing nothing of the crate (the PDF stage
//! uses it, and `error.rs` names the PDF stage's error: `limit.rs`, which
//! builds errors, would close an import cycle, `tests/imports.rs`).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

/// When a stage that is handed its limit (the PDF stage, whose page pool
/// runs on threads that have no current [`crate::limit::TimeLimit`]) must stop: an
/// instant, and the cancel flag of the request it works for, so that a
/// `serve` client that hung up stops the PDF stage too, not only the text
/// stages after it. Checked in the lexer every few thousand tokens, the
/// interpreter every 2,048 operators and before each page.
#[derive(Debug, Clone, Default)]
pub struct Deadline {
    at: Option<Instant>,
    cancel: Option<Arc<AtomicBool>>,
}

impl Deadline {
    /// Stop at `at` (never, with `None`) or as soon as `cancel` is set.
    pub fn new(at: Option<Instant>, cancel: Option<Arc<AtomicBool>>) -> Deadline {
        Deadline { at, cancel }
    }

    /// Whether the work must stop now.
    pub fn passed(&self) -> bool {
        passed(self.at, self.cancel.as_deref())
    }

    /// The instant, if any (the flag aside).
    pub fn at(&self) -> Option<Instant> {
        self.at
    }

    /// The same stopping point, no later than `at`: a page's own limit
    /// inside the document's, still stopped by the request's flag.
    pub fn no_later_than(&self, at: Instant) -> Deadline {
        Deadline { at: Some(self.at.map_or(at, |own| own.min(at))), cancel: self.cancel.clone() }
    }
}

/// The one test of a stopping point, shared with
/// [`crate::limit::TimeLimit`] (which asks it without building a
/// [`Deadline`], on the text stages' hot loops): the flag is set, or the
/// instant has come.
pub(crate) fn passed(at: Option<Instant>, cancel: Option<&AtomicBool>) -> bool {
    cancel.is_some_and(|c| c.load(Ordering::Relaxed)) || at.is_some_and(|at| Instant::now() >= at)
}
