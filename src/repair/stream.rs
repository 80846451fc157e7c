//! The stream of slots the language model reads for a text: the same for
//! training (`train-lm`) and for decoding, so that both see one context.

use super::lm::{BOS, PUNCT};
use super::token::Token;

/// One unit of the language-model stream of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// A reserved id (paragraph start, punctuation).
    Fixed(u32),
    /// The core of token number `i` (may be a word or a number).
    Token(usize),
}

/// The stream the language model sees for `tokens`: a paragraph start
/// before the first token after a blank line or after a line that ended a
/// sentence, punctuation folded into single `<p>` slots (except the `)`
/// glued to a legacy `Ị`, see `glued_paren_shape`).
pub fn slots(tokens: &[Token<'_>]) -> Vec<Slot> {
    let mut out = Vec::with_capacity(tokens.len() * 5 / 4 + 1);
    let mut prev_ends = true;
    let push_p = |out: &mut Vec<Slot>| {
        if !matches!(out.last(), Some(Slot::Fixed(PUNCT)) | Some(Slot::Fixed(BOS))) {
            out.push(Slot::Fixed(PUNCT));
        }
    };
    for (i, t) in tokens.iter().enumerate() {
        if (t.para_start || (t.line_start && prev_ends)) && !matches!(out.last(), Some(Slot::Fixed(BOS))) {
            out.push(Slot::Fixed(BOS));
        }
        if t.lead_punct {
            push_p(&mut out);
        }
        if t.core.is_empty() {
            push_p(&mut out);
        } else {
            out.push(Slot::Token(i));
        }
        if t.trail_punct && !(t.core.ends_with(['Ị', 'ị']) && !t.ends_sentence && glued_paren_shape(t.core))
        {
            push_p(&mut out);
        }
        prev_ends = t.ends_sentence || (t.core.is_empty() && t.trail_punct);
    }
    out
}

/// Whether a core ending in `Ị`/`ị` is the legacy shape `p` → `Ị)`
/// (`nghiệỊ`, `tậỊ`), whose `)` is part of the word and must not cut the
/// context as punctuation would. Clean text never has such a core, so
/// training streams do not change.
fn glued_paren_shape(core: &str) -> bool {
    let lo = core.to_lowercase();
    super::undo::legacy_undos(&lo).iter().any(|u| u.ends_with('p'))
}
