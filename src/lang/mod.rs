//! What Vietnamese and its administrative documents are, below every
//! stage: `pdf/`, `text/`, `repair/` and `parse/` all ask here, and this
//! module imports none of them.
//!
//! * [`codes`] — kinds of documents and their type codes, state and Party
//!   issuer codes, the National Assembly's legislatures;
//! * [`symbol`] — the one reader of a document symbol (số, ký hiệu),
//!   against the templates of the genre, with Tesseract's confusions;
//! * [`numeral`] — Roman numerals ⇄ integers and the one table of their
//!   OCR look-alikes;
//! * [`percent`] — the renderings OCR prints for "%" after a number;
//! * [`citation`] — where symbols stand in running text and what the
//!   citation around them says: the repair stage puts damaged ones right,
//!   the parse stage cites the intact ones;
//! * small string helpers the readers share ([`fold`], [`squeeze`],
//!   [`before`], [`after`]).
//!
//! Rule for new knowledge: a fact about the language or the genre (a
//! code, a look-alike, a grammar) goes here, once; a stage keeps only how
//! it uses it.

pub mod citation;
pub mod codes;
pub mod date;
pub mod numeral;
pub mod percent;
pub mod symbol;

/// tone marks first, so grammars that must survive it compare folded text.
pub fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.to_lowercase()
        .nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

/// White space runs collapsed to one space, trimmed.
pub fn squeeze(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Finds the byte offset just after the nearest char boundary ≤ `at`.
pub fn floor_boundary(s: &str, mut at: usize) -> usize {
    at = at.min(s.len());
    while at > 0 && !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The last `n` bytes of `s[..end]` on a char boundary.
pub fn before(s: &str, end: usize, n: usize) -> &str {
    let end = floor_boundary(s, end);
    let start = floor_boundary(s, end.saturating_sub(n));
    &s[start..end]
}

/// The next `n` bytes of `s[start..]` on a char boundary.
pub fn after(s: &str, start: usize, n: usize) -> &str {
    let start = floor_boundary(s, start);
    let end = floor_boundary(s, start.saturating_add(n));
    &s[start..end]
}
