//! One decided change of the text, in char offsets of the input: what
//! every repair module returns and the stage applies and lists.

use crate::schema::RepairReason;

/// One decided change, in char offsets of the input text.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Char range replaced.
    pub start: usize,
    /// End of the range.
    pub end: usize,
    /// Text that was there.
    pub from: String,
    /// Replacement.
    pub to: String,
    /// 0..1.
    pub confidence: f64,
    /// Why.
    pub reason: RepairReason,
}

/// Keeps, of changes sorted by start, the first of any that overlap: one
/// change per stretch of text.
pub fn drop_overlapping(changes: &mut Vec<Change>) {
    let mut end = 0;
    changes.retain(|c| {
        let keep = c.start >= end;
        if keep {
            end = c.end;
        }
        keep
    });
}
