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
//! * [`places`] — the gazetteer: every province, district and commune
//!   before and after the 2025 reorganisation, with their level words;
//! * [`syllable`] — the one syllable grammar: every legal spelling of a
//!   Vietnamese syllable, generated from the orthography's rules;
//! * [`latin`] — the character classes of the Latin blocks Vietnamese is
//!   written in (`is_alphabetic` and its kin, from a table);
//! * small string helpers the readers share ([`fold`], [`squeeze`],
//!   [`before`], [`after`]).
//!
//! Rule for new knowledge: a fact about the language or the genre (a
//! code, a look-alike, a grammar) goes here, once; a stage keeps only how
//! it uses it.

pub mod citation;
pub mod codes;
pub mod date;
pub mod latin;
pub mod numeral;
pub mod percent;
pub mod places;
pub mod syllable;
pub mod symbol;

/// tone marks first, so grammars that must survive it compare folded text.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        match FOLDED_LATIN.get((c as usize).wrapping_sub(FOLD_TABLE_START as usize)) {
            Some(&Some(folded)) => out.push(folded),
            Some(&None) if ('\u{300}'..='\u{36f}').contains(&c) => {}
            // Outside the table (or a letter that folds to more than one
            // character): the definition itself, for the whole string,
            // since NFD may reorder marks across characters.
            _ => return fold_by_definition(s),
        }
    }
    out
}

/// The definition of [`fold`]: lower case, canonical decomposition, the
/// combining marks U+0300–U+036F dropped, `đ` read as `d`. [`fold`] gives
/// the same result faster for the Latin letters the documents are written
/// in (the property is tested); this was 13 % of parse time on a 37 k-word
/// decree, most of it in the decomposition iterator.
fn fold_by_definition(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.to_lowercase()
        .nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

/// First character of the [`FOLDED_LATIN`] table: Latin-1 Supplement up
/// to the end of Latin Extended Additional (Vietnamese precomposed
/// letters, U+1EA0–U+1EF9) and the combining marks in between.
const FOLD_TABLE_START: u32 = 0x80;
const FOLD_TABLE_END: u32 = 0x1F00;

/// For each character of the table's range, its fold when that is one
/// character with no combining mark left (`Some`), else `None` (a mark
/// that folding drops, or a character left to the definition).
static FOLDED_LATIN: std::sync::LazyLock<Vec<Option<char>>> = std::sync::LazyLock::new(|| {
    (FOLD_TABLE_START..FOLD_TABLE_END)
        .map(|u| {
            let c = char::from_u32(u)?;
            // Σ lowers by context (final ς), so only the definition,
            // which sees the whole string, can fold it.
            if ('\u{300}'..='\u{36f}').contains(&c) || c == 'Σ' {
                return None;
            }
            let folded = fold_by_definition(c.encode_utf8(&mut [0; 4]));
            let mut chars = folded.chars();
            match (chars.next(), chars.next()) {
                (Some(one), None) if !is_combining(one) => Some(one),
                _ => None,
            }
        })
        .collect()
});

fn is_combining(c: char) -> bool {
    use unicode_normalization::char::canonical_combining_class;
    canonical_combining_class(c) != 0
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn fold_reads_vietnamese_as_bare_letters() {
        assert_eq!(fold("Ủy ban nhân dân TỈNH Lào Cai"), "uy ban nhan dan tinh lao cai");
        assert_eq!(fold("Đảng ủy"), "dang uy");
        // Decomposed input (a base letter and its marks) folds the same.
        assert_eq!(fold("Quye\u{302}\u{301}t"), "quyet");
    }

    /// Characters the fast path must agree on with the definition, and
    /// ones that send it back to the definition (Greek final sigma, a
    /// mark outside U+0300–U+036F, İ, Hangul, letters beyond the table).
    const POOL: &[char] = &[
        'a', 'Z', '1', ' ', '/', 'đ', 'Đ', 'ă', 'Ầ', 'ệ', 'Ỹ', 'ơ', 'Ư', 'ø', 'ß', 'æ', 'İ', 'ı', 'Σ', 'σ',
        'ς', '\u{301}', '\u{323}', '\u{345}', '\u{1DC0}', '\u{591}', 'ǅ', 'ẞ', 'ﬁ', '가', 'ᄀ', '\u{1E9E}',
        'ⓐ', 'Ω',
    ];

    proptest! {
        #[test]
        fn fold_is_its_definition(idx in proptest::collection::vec(0..POOL.len(), 0..12)) {
            let s: String = idx.iter().map(|&i| POOL[i]).collect();
            prop_assert_eq!(fold(&s), fold_by_definition(&s));
        }
    }

    #[test]
    fn fold_table_agrees_char_by_char() {
        for u in FOLD_TABLE_START..FOLD_TABLE_END {
            let Some(c) = char::from_u32(u) else { continue };
            let s = format!("x{c}y");
            assert_eq!(fold(&s), fold_by_definition(&s), "U+{u:04X}");
        }
    }
}
