//! Commas the scan invented (run by [`super::decode`] over its tokens).
//!
//! A speck of dust after a word is read as `,`: "chậm tiến độ, trang,
//! thiết bị", "trong, các cơ quan", "chương, trình". The word decoder
//! cannot see it (punctuation is not a token core) and [`super::rules`]
//! has no grammar for where a comma may stand; the syllable language
//! model does, because it was trained with punctuation as a class of its
//! own ([`super::lm::PUNCT`]). Where the two words around a comma are a
//! phrase the model knows so well that the comma between them is more
//! than `margin` log10 units less likely than no comma, the comma is OCR
//! debris and goes; the space after it stays, so lines and whitespace are
//! exactly as they were.
//!
//! Only a lone `,` between two lower-case known syllables is considered:
//! a comma before a capitalized word or a number may end a list item.

use super::change::Change;
use super::lm::{LanguageModel, BOS, PUNCT, UNK};
use super::stream::Slot;
use super::syllable::{is_lower, is_valid};
use super::token::Token;
use crate::schema::RepairReason;

/// How much more likely (log10) the phrase must be without the comma.
///
/// The model's one punctuation class is a blunt instrument: on the clean
/// dev resolutions real commas reach a gain of 5.2 ("dịch vụ, bưu chính",
/// "nguyên, vật liệu"), so the margin sits above that; the stray commas
/// it then removes in the dev scans are the glaring ones ("chương,
/// trình" 10.1, "đứng, đầu" 8.9, "trong, đó" 7.9).
pub const COMMA_MARGIN: f32 = 6.0;

/// The stray commas in `text`, as deletions, given the decoder's tokens,
/// their slot stream and the observed id of each slot.
pub fn stray_commas(
    lm: &LanguageModel,
    text: &str,
    toks: &[Token<'_>],
    stream: &[Slot],
    ids: &[u32],
    margin: f32,
    min_confidence: f64,
) -> Vec<Change> {
    let id_at = |i: usize| ids.get(i).copied().unwrap_or(BOS);
    let lower_word = |core: &str| core.chars().all(is_lower) && is_valid(core);
    let mut out = Vec::new();
    let mut chars = text.chars().enumerate().peekable();
    for si in 1..stream.len().saturating_sub(2) {
        let (Slot::Token(ti), Slot::Fixed(PUNCT), Slot::Token(tj)) =
            (stream[si], stream[si + 1], stream[si + 2])
        else {
            continue;
        };
        let (t, v) = (&toks[ti], &toks[tj]);
        if tj != ti + 1 || v.lead_punct || !lower_word(t.core) || !lower_word(v.core) {
            continue;
        }
        let (a, b) = (id_at(si), id_at(si + 2));
        if a == UNK || b == UNK {
            continue;
        }
        // The char right after the core must be the token's only
        // trailing punctuation, a comma.
        while chars.peek().is_some_and(|&(ci, _)| ci < t.end) {
            chars.next();
        }
        let mut after = chars.clone().map(|(_, c)| c);
        if after.next() != Some(',') || !after.next().is_some_and(char::is_whitespace) {
            continue;
        }
        let (p, n1, n2) = (id_at(si - 1), id_at(si + 3), id_at(si + 4));
        let with_comma =
            lm.logp(p, a, PUNCT) + lm.logp(a, PUNCT, b) + lm.logp(PUNCT, b, n1) + lm.logp(b, n1, n2);
        let without = lm.logp(p, a, b) + lm.logp(a, b, n1) + lm.logp(b, n1, n2);
        let gain = without - with_comma;
        if gain < margin {
            continue;
        }
        // The same logistic shape as the decoder's confidence.
        let confidence = (1.0 / (1.0 + 10f64.powf(-0.5 * (gain - margin) as f64 - 0.6))).min(0.995);
        if confidence < min_confidence {
            continue;
        }
        out.push(Change {
            start: t.end,
            end: t.end + 1,
            from: ",".into(),
            to: String::new(),
            confidence,
            reason: RepairReason::Punctuation,
        });
    }
    out
}
