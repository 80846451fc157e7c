//! Splitting text into the units the repair stage reasons about.
//!
//! A *token* is a maximal run of non-whitespace; whitespace is never part of
//! a token, so rewriting tokens cannot change lines or spacing. Inside a
//! token, leading and trailing punctuation is peeled off; what remains (the
//! *core*) is what may be corrected. The same classification feeds the
//! language model during training and decoding ([`lm_class`]), so both see
//! identical streams.

use std::borrow::Cow;

/// Punctuation peeled off token edges.
pub fn is_edge_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '"'
            | '\''
            | '“'
            | '”'
            | '‘'
            | '’'
            | '«'
            | '»'
            | '…'
            | '-'
            | '–'
            | '—'
            | '*'
            | '/'
    )
}

/// One whitespace-delimited token, in char offsets of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// The core (edges peeled), possibly empty.
    pub core: &'a str,
    /// Char offset of the core's first char.
    pub start: usize,
    /// Char offset one past the core.
    pub end: usize,
    /// Leading punctuation exists.
    pub lead_punct: bool,
    /// Trailing punctuation exists.
    pub trail_punct: bool,
    /// Trailing punctuation ends a sentence (`.`, `;`, `:`, `!`, `?`).
    pub ends_sentence: bool,
    /// Line number (0-based) of the token.
    pub line: usize,
    /// Blank line(s) or text start before this token's line, and this is
    /// the line's first token.
    pub para_start: bool,
    /// First token of its line.
    pub line_start: bool,
}

/// Splits `text` into tokens. Offsets are char offsets.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut line = 0usize;
    let mut blank_run = true;
    let mut line_has_token = false;
    let mut chars = text.char_indices().peekable();
    let mut ci = 0usize;
    while let Some((bi, c)) = chars.next() {
        if c == '\n' {
            if !line_has_token {
                blank_run = true;
            }
            line += 1;
            line_has_token = false;
            ci += 1;
            continue;
        }
        if c.is_whitespace() {
            ci += 1;
            continue;
        }
        // token from bi
        let start_ci = ci;
        let mut end_b = bi + c.len_utf8();
        ci += 1;
        while let Some(&(b2, c2)) = chars.peek() {
            if c2.is_whitespace() {
                break;
            }
            end_b = b2 + c2.len_utf8();
            ci += 1;
            chars.next();
        }
        let tok = &text[bi..end_b];
        let rest = tok.trim_start_matches(is_edge_punct);
        let lead = tok.len() - rest.len();
        let lead = tok.get(..lead).map_or(0, |l| l.chars().count());
        let core = rest.trim_end_matches(is_edge_punct);
        let trail = rest.get(core.len()..).unwrap_or("");
        let core_chars = core.chars().count();
        out.push(Token {
            core,
            start: start_ci + lead,
            end: start_ci + lead + core_chars,
            lead_punct: lead > 0,
            trail_punct: !trail.is_empty(),
            ends_sentence: trail.contains(['.', ';', ':', '!', '?']),
            line,
            para_start: blank_run && !line_has_token,
            line_start: !line_has_token,
        });
        blank_run = false;
        line_has_token = true;
    }
    out
}

/// What a core is to the language model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LmClass<'a> {
    /// A word, lowercase with the tone placement folded.
    Word(Cow<'a, str>),
    /// Anything with a digit.
    Num,
    /// No letter and no digit.
    Punct,
}

/// Lowercase + tone fold: the form words take in the language model.
pub fn lm_form(core: &str) -> Cow<'_, str> {
    let lower: Cow<'_, str> = if core.chars().any(super::syllable::is_upper) {
        Cow::Owned(core.to_lowercase())
    } else {
        Cow::Borrowed(core)
    };
    match crate::text::tone::fold(&lower) {
        Cow::Borrowed(_) => lower,
        Cow::Owned(s) => Cow::Owned(s),
    }
}

/// Classifies a core for the language model.
pub fn lm_class(core: &str) -> LmClass<'_> {
    if core.chars().any(|c| c.is_ascii_digit()) {
        LmClass::Num
    } else if core.chars().any(super::syllable::is_letter) {
        LmClass::Word(lm_form(core))
    } else {
        LmClass::Punct
    }
}

/// The map the repair tables use, kept here for the callers that take it
/// with the tokens.
pub use super::fastmap::FastMap;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peels_punctuation_and_counts_chars() {
        let t = tokenize("Tỉnh (ủy), số 12-NQ/TU.\n\nvói");
        let cores: Vec<&str> = t.iter().map(|t| t.core).collect();
        assert_eq!(cores, ["Tỉnh", "ủy", "số", "12-NQ/TU", "vói"]);
        assert_eq!((t[1].start, t[1].end), (6, 8));
        assert!(t[4].para_start);
        assert_eq!(t[4].start, 25);
    }
}
