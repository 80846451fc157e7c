//! Stage 3: OCR repair of Vietnamese text.
//!
//! Takes a normalized [`Text`] and returns it with OCR damage corrected,
//! each change recorded as a [`Repair`] with its span in the repaired text.
//! Only tokens change: whitespace and line structure are never touched.
//!
//! How (noisy channel, precision first):
//! * [`syllable`] — which spellings are Vietnamese syllables at all;
//! * [`token`] — tokens, their cores, and the stream the LM sees;
//! * [`lm`] — syllable trigram model (Kneser–Ney), embedded `models/lm.bin`;
//! * [`confusion`] — learned OCR error model, embedded `models/errors.bin`,
//!   one table for mark-keeping (`vie`) and one for mark-dropping (`eng`)
//!   engines, picked per document;
//! * [`candidates`] — diacritic variants, undone confusions, near spellings;
//! * [`protect`] — numbers, symbols, acronyms, names; Roman numerals;
//! * [`gazetteer`] — place names, repaired and shielded as a whole;
//! * [`rules`] — numbers, dates, document symbols, list markers and
//!   headings, read against their own grammar and context;
//! * [`punct`] — commas the scan invented inside a phrase;
//! * [`citation`] — cited document symbols (and their kind words) put
//!   right against their citation, read by [`crate::lang::citation`];
//! * [`decode`] — trigram Viterbi and the per-change margin/confidence;
//! * [`train`] — the reproducible `train-lm` / `train-errors` commands.
//!
//! Splitting glued words and merging split ones is not done: it would
//! change whitespace, which this stage promises never to do.

pub mod candidates;
pub mod change;
pub mod citation;
pub mod confusion;
pub mod decode;
pub mod fastmap;
pub mod gazetteer;
pub mod lm;
pub mod protect;
pub mod punct;
pub mod rules;
pub mod shapes;
pub mod stream;
/// The syllable grammar, which lives in `lang/` (every stage asks it).
pub use crate::lang::syllable;
pub mod token;
pub mod train;
pub mod undo;

use std::sync::LazyLock;

use crate::schema::{Repair, Span};
use crate::text::{Edit, Text};

/// Why an embedded or given model could not be read.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ModelError {
    /// The bytes do not start with the model's magic.
    #[error("not a model file (bad magic)")]
    BadMagic,
    /// The bytes end before the model does.
    #[error("model file is truncated")]
    Truncated,
    /// The model's contents are inconsistent.
    #[error("model file is corrupt: {0}")]
    Corrupt(&'static str),
}

/// Settings of the repair stage.
///
/// Margins are in log10 odds: a change is made only when the best reading
/// beats keeping the token by at least this much under language model ×
/// error model. The defaults were set on the training OCR cases
/// (`corpus/train-ocr`) for precision first.
#[derive(Debug, Clone)]
pub struct RepairOptions {
    /// Changes below this confidence are not made.
    pub min_confidence: f64,
    /// Gain needed to replace a token that is not a Vietnamese syllable.
    pub nonword_margin: f32,
    /// Gain needed to replace a real syllable (context errors). 1.0 was
    /// chosen on the dev scans and corpus/train-ocr: against 2.0 it
    /// removes 3 to 5 points more of the `vie` errors on real Tesseract
    /// output, for 4 more changes in the 64 k words of the clean dev
    /// resolutions and no more damage on the dev scans.
    pub realword_margin: f32,
    /// Gain needed to change a capitalized word inside a sentence.
    pub name_margin: f32,
    /// Gain needed to change a capitalized word between lower-case words
    /// ("Ban Thường vụ Đăng ủy tỉnh"). 2.5 against the name margin's 4.0
    /// fixes 14 more `vie` and 155 more `eng` tokens on corpus/train-ocr
    /// and breaks none more there, on the dev scans or the clean dev texts.
    pub lone_capital_margin: f32,
    /// Weight of the error model against the language model. 1.25 was
    /// chosen on corpus/train-ocr: against 1.0 it cuts damage from 0.20 %
    /// to 0.15–0.17 % on `vie` output for ±0.4 points of error reduction.
    pub error_weight: f32,
    /// A valid, known syllable whose log10 probability given its left
    /// neighbours, and whose right neighbour's given it, are both above
    /// this is not looked at again (fast path).
    pub fast_path_logp: f32,
    /// Candidates whose error cost (log10) exceeds this are not considered.
    pub max_error_cost: f32,
    /// Extra cost (log10) of keeping a token the language model does not
    /// know: `<unk>` is shared by thousands of rare words.
    pub unk_penalty: f32,
    /// Alternatives scoring worse than the token itself by more than this
    /// (log10, against the observed neighbours) are not searched.
    pub local_beam: f32,
    /// Gain needed to drop a comma inside a phrase ([`punct`]).
    pub comma_margin: f32,
}

impl Default for RepairOptions {
    fn default() -> RepairOptions {
        RepairOptions {
            min_confidence: 0.5,
            nonword_margin: 0.5,
            realword_margin: 1.0,
            name_margin: 4.0,
            lone_capital_margin: 2.5,
            error_weight: 1.25,
            fast_path_logp: -2.0,
            max_error_cost: 6.0,
            unk_penalty: 2.0,
            local_beam: 3.0,
            comma_margin: punct::COMMA_MARGIN,
        }
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

/// The embedded models, loaded once per process.
#[derive(Debug)]
pub struct Models {
    /// Syllable trigram model.
    pub lm: lm::LanguageModel,
    /// OCR error model.
    pub errors: confusion::ErrorModel,
    /// Candidate index over the model's syllables.
    pub index: candidates::CandidateIndex,
}

static LM_BYTES: &[u8] = include_bytes!("../../models/lm.bin");
static ERR_BYTES: &[u8] = include_bytes!("../../models/errors.bin");

static MODELS: LazyLock<Result<Models, ModelError>> =
    LazyLock::new(|| Models::from_bytes(LM_BYTES, ERR_BYTES));

/// SHA-256 (hex) of the embedded model bytes and of the gazetteer
/// (`lang::places`, whose names repair writes): part of the pipeline's
/// configuration fingerprint, so `--resume` redoes the records an older
/// model made.
///
/// `build.rs` hashes the files when they are embedded, so a process that
/// never repairs (a born-digital archive) never reads 3 MB to hash them;
/// a unit test checks the build's digest against the bytes.
pub fn models_digest() -> &'static str {
    include_str!(concat!(env!("OUT_DIR"), "/models.sha256"))
}

impl Models {
    /// Builds the models from serialized bytes.
    ///
    /// # Errors
    /// [`ModelError`] when either model is malformed.
    pub fn from_bytes(lm_bytes: &[u8], err_bytes: &[u8]) -> Result<Models, ModelError> {
        let lm = lm::LanguageModel::from_bytes(lm_bytes)?;
        let errors = confusion::ErrorModel::from_bytes(err_bytes)?;
        let index = candidates::CandidateIndex::build(&lm);
        Ok(Models { lm, errors, index })
    }

    /// The models embedded in the binary (loaded on first use).
    ///
    /// # Errors
    /// [`ModelError`] if the embedded bytes are malformed (a build problem).
    pub fn embedded() -> Result<&'static Models, &'static ModelError> {
        MODELS.as_ref()
    }
}

/// The OCR corrector. Immutable once built and shared across threads;
/// cloning is cheap (the models are shared statics).
#[derive(Debug, Clone, Default)]
pub struct Repairer {
    options: RepairOptions,
}

/// Every page of a non-empty `text` is frozen: nothing to decode.
fn all_frozen(text: &Text, frozen: &dyn Fn(u32) -> bool) -> bool {
    let pages = text.page_count() as u32;
    text.page_of(0).is_some() && pages > 0 && (1..=pages).all(frozen)
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

    /// Repairs `text`: only token cores change, never whitespace.
    ///
    /// If the embedded models are unusable the text is returned unchanged
    /// (the build is broken, not the input).
    pub fn repair(&self, text: Text) -> Repaired {
        let Ok(models) = Models::embedded() else {
            return Repaired { text, repairs: Vec::new() };
        };
        self.repair_with(models, text)
    }

    /// Repairs `text` except on the pages for which `frozen(page)` holds.
    ///
    /// The pipeline freezes born-digital pages: their text comes from the
    /// fonts and has no OCR errors, so every change there is a risk with
    /// nothing to gain (over the 8 dev resolutions, 23 changes in 64 k
    /// words, half of them damage). Frozen pages still serve as context.
    ///
    /// A document whose pages are all frozen never loads the models (about
    /// 35 ms of a process's start, the largest fixed cost of a born-digital
    /// run).
    ///
    /// # Errors
    /// The embedded models cannot be loaded (a broken build): said, never
    /// a silent skip of the repairs.
    pub fn repair_pages(&self, text: Text, frozen: &dyn Fn(u32) -> bool) -> Result<Repaired, ModelError> {
        if all_frozen(&text, frozen) {
            return Ok(Repaired { text, repairs: Vec::new() });
        }
        let models = Models::embedded().map_err(Clone::clone)?;
        Ok(self.repair_filtered(models, text, frozen))
    }

    /// Repairs `text` with explicitly given models.
    pub fn repair_with(&self, models: &Models, text: Text) -> Repaired {
        self.repair_filtered(models, text, &|_| false)
    }

    /// Wholly frozen documents never get here: `repair_pages` returns
    /// them before loading the models, and `repair_with` freezes nothing.
    fn repair_filtered(&self, models: &Models, mut text: Text, frozen: &dyn Fn(u32) -> bool) -> Repaired {
        // Past the document's time limit the record is a `timeout` one.
        if crate::limit::should_stop() {
            return Repaired { text, repairs: Vec::new() };
        }
        let profile = confusion::Profile::detect(text.as_str());
        let table = models.errors.table(profile);
        // Text without marks needs more alternatives per token (every
        // syllable is ambiguous); measured on the dev scans, 8 vs 6 gains
        // ~1 point there and nothing on `vie` text.
        // The local beam trusts the observed neighbours, which mark-less
        // text does not deserve.
        let (max_cands, beam) = match profile {
            confusion::Profile::Eng => (8, None),
            confusion::Profile::Vie => (6, Some(self.options.local_beam)),
        };
        let mut changes =
            decode::decide(&models.lm, &models.index, table, &self.options, text.as_str(), max_cands, beam);
        if crate::limit::should_stop() {
            return Repaired { text, repairs: Vec::new() };
        }
        let known = |w: &str| models.lm.id(&token::lm_form(w)) != lm::UNK;
        let ruled = rules::decide(text.as_str(), self.options.min_confidence, &known);
        if !ruled.changes.is_empty() {
            // The rules see what the decoder protects; where both touch a
            // token (a Roman numeral), the rule's reading of the whole
            // token wins.
            changes.retain(|c| !ruled.tokens.iter().any(|t| t.start < c.end && c.start < t.end));
            changes.extend(ruled.changes);
            changes.sort_by_key(|c| c.start);
        }
        changes.retain(|c| !text.page_of(c.start).is_some_and(frozen));
        // Cited symbols are read on the text the words and rules repaired,
        // their changes written as changes of the input.
        let chars: Vec<char> = text.as_str().chars().collect();
        let first: String = citation::apply_chars(&chars, changes.iter()).into_iter().collect();
        let cited = citation::decide(&first);
        if !cited.is_empty() {
            changes = citation::compose(text.as_str(), changes, cited);
            changes.retain(|c| !text.page_of(c.start).is_some_and(frozen));
        }
        if changes.is_empty() {
            return Repaired { text, repairs: Vec::new() };
        }
        let edits: Vec<Edit> =
            changes.iter().map(|c| Edit { range: c.start..c.end, replacement: c.to.clone() }).collect();
        text.apply(&edits);
        let mut repairs = Vec::with_capacity(changes.len());
        let mut shift: isize = 0;
        for c in &changes {
            let start = (c.start as isize + shift).max(0) as usize;
            let len = c.to.chars().count();
            shift += len as isize - (c.end - c.start) as isize;
            repairs.push(Repair {
                page: text.page_of(start),
                span: Span::new(start, start + len),
                from: c.from.clone(),
                to: c.to.clone(),
                confidence: (c.confidence * 1000.0).round() / 1000.0,
                reason: c.reason,
            });
        }
        Repaired { text, repairs }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_digest_is_the_embedded_bytes() {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(LM_BYTES);
        h.update(ERR_BYTES);
        h.update(crate::lang::places::data());
        let hex: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(models_digest(), hex);
    }

    #[test]
    fn embedded_models_load() {
        let m = Models::embedded().expect("models");
        assert!(m.lm.vocab_len() > 5000);
        assert!(!m.errors.vie.is_empty());
    }
}
