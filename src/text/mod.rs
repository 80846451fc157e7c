//! Stage 2: text with offsets that survive every later stage.
//!
//! [`Text`] keeps three things, like HF tokenizers' `NormalizedString`:
//! the text as it came out of the input (`original`), the text as it is now
//! (`current`, after normalization and repair), and for every character of
//! `current` the range of `original` characters it came from. Page
//! boundaries are kept as character offsets into `current`. Every edit goes
//! through [`Text::apply`], which updates all three, so a span reported by
//! the parse stage can always be traced back to the source.
//!
//! Offsets are **character** offsets (Unicode scalar values), because the
//! JSON contract counts characters, not bytes.
//!
//! This module owns the canonical form (see [`normalize()`]): NFC, because
//! Vietnamese text arrives both precomposed and decomposed and every
//! comparison downstream (lexicon, language model, regexes) is written for
//! precomposed letters.

mod normalize;
pub mod tone;

pub use normalize::{normalize, normalize_str};

use std::ops::Range;

/// One page of input text before normalization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageText {
    /// 1-based page number.
    pub number: u32,
    /// The page's text, lines separated by `\n`.
    pub text: String,
}

/// A text whose characters all know where they came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    original: String,
    current: String,
    /// For each char of `current`: the char range of `original` it came from.
    align: Vec<(u32, u32)>,
    /// Char offset in `current` where each page starts (first is 0).
    page_starts: Vec<usize>,
    /// Page numbers are meaningful (PDF) or not (plain text).
    paged: bool,
}

/// A replacement of a character range of [`Text::as_str`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Char range in the current text.
    pub range: Range<usize>,
    /// What replaces it.
    pub replacement: String,
}

impl Text {
    /// A single unpaged text (plain-text input): page numbers are `None`.
    pub fn plain(text: &str) -> Text {
        let mut t = Text::from_pages(&[PageText { number: 1, text: text.to_owned() }]);
        t.paged = false;
        t
    }

    /// Pages joined by one `\n`, each page's start remembered.
    ///
    /// One line break (not a blank line) because sentences run on across
    /// page breaks and the parse stage must see them as one paragraph.
    pub fn from_pages(pages: &[PageText]) -> Text {
        let mut original = String::new();
        let mut page_starts = Vec::with_capacity(pages.len());
        let mut chars = 0usize;
        for (i, page) in pages.iter().enumerate() {
            if i > 0 {
                original.push('\n');
                chars += 1;
            }
            page_starts.push(chars);
            original.push_str(&page.text);
            chars += page.text.chars().count();
        }
        if page_starts.is_empty() {
            page_starts.push(0);
        }
        let align = (0..chars as u32).map(|i| (i, i + 1)).collect();
        Text { current: original.clone(), original, align, page_starts, paged: true }
    }

    /// The current text.
    pub fn as_str(&self) -> &str {
        &self.current
    }

    /// The text as it came from the input, before any stage changed it.
    pub fn original(&self) -> &str {
        &self.original
    }

    /// Length of the current text in characters.
    pub fn char_len(&self) -> usize {
        self.align.len()
    }

    /// Number of pages.
    pub fn page_count(&self) -> usize {
        self.page_starts.len()
    }

    /// Whether page numbers are meaningful (false for plain-text input).
    pub fn is_paged(&self) -> bool {
        self.paged
    }

    /// Char range of page `index` (0-based) in the current text, without
    /// the joining line break.
    pub fn page_range(&self, index: usize) -> Range<usize> {
        let start = self.page_starts[index];
        let end = match self.page_starts.get(index + 1) {
            Some(&next) => next - 1,
            None => self.char_len(),
        };
        start..end.max(start)
    }

    /// The 1-based page where char offset `at` lies; `None` for plain text.
    pub fn page_of(&self, at: usize) -> Option<u32> {
        if !self.paged {
            return None;
        }
        let index = self.page_starts.partition_point(|&s| s <= at).saturating_sub(1);
        Some(index as u32 + 1)
    }

    /// The range of `original` characters that produced the current
    /// characters `range`; an empty range maps to an empty range at its
    /// position.
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        if range.start >= range.end || range.start >= self.align.len() {
            let at = if range.start < self.align.len() {
                self.align[range.start].0 as usize
            } else {
                self.original.chars().count()
            };
            return at..at;
        }
        let end = range.end.min(self.align.len());
        let lo = self.align[range.start..end].iter().map(|a| a.0).min().unwrap_or(0);
        let hi = self.align[range.start..end].iter().map(|a| a.1).max().unwrap_or(0);
        lo as usize..hi as usize
    }

    /// Applies non-overlapping edits given in current-text char offsets.
    ///
    /// Each replacement character maps to the union of the original ranges
    /// of the characters it replaces (or, for an insertion, to the empty
    /// range at its position). Page starts move with the text. Edits may be
    /// given in any order; overlapping edits are a caller bug and the later
    /// one is dropped rather than corrupting the map.
    pub fn apply(&mut self, edits: &[Edit]) {
        if edits.is_empty() {
            return;
        }
        let mut edits: Vec<&Edit> = edits.iter().collect();
        edits.sort_by_key(|e| (e.range.start, e.range.end));
        let chars: Vec<char> = self.current.chars().collect();
        let mut out = String::with_capacity(self.current.len());
        let mut align = Vec::with_capacity(self.align.len());
        let mut new_starts = self.page_starts.clone();
        let mut pos = 0usize;
        let mut shift: isize = 0;
        let mut shifts: Vec<(usize, isize)> = Vec::new();
        for edit in edits {
            let Range { start, end } = edit.range;
            if start < pos || end > chars.len() || start > end {
                continue;
            }
            for (c, a) in chars[pos..start].iter().zip(&self.align[pos..start]) {
                out.push(*c);
                align.push(*a);
            }
            let orig = self.original_range(start..end);
            let n = edit.replacement.chars().count();
            out.push_str(&edit.replacement);
            align.extend(std::iter::repeat_n((orig.start as u32, orig.end as u32), n));
            shift += n as isize - (end - start) as isize;
            shifts.push((end, shift));
            pos = end;
        }
        for (c, a) in chars[pos..].iter().zip(&self.align[pos..]) {
            out.push(*c);
            align.push(*a);
        }
        for s in new_starts.iter_mut() {
            // A page start moves by the shift accumulated by edits that end
            // at or before it.
            let k = shifts.partition_point(|&(end, _)| end <= *s);
            if k > 0 {
                *s = (*s as isize + shifts[k - 1].1).max(0) as usize;
            }
        }
        self.current = out;
        self.align = align;
        self.page_starts = new_starts;
    }
}

/// Converts between char offsets and byte offsets of one string, for
/// stages that run byte-based regexes but must report char offsets.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Byte offset of each char, plus the total length at the end.
    byte_of_char: Vec<usize>,
}

impl CharIndex {
    /// Indexes `s`.
    pub fn new(s: &str) -> CharIndex {
        let mut byte_of_char: Vec<usize> = s.char_indices().map(|(b, _)| b).collect();
        byte_of_char.push(s.len());
        CharIndex { byte_of_char }
    }

    /// Char offset of byte offset `byte` (which must be a char boundary;
    /// otherwise the char containing it).
    pub fn char_at(&self, byte: usize) -> usize {
        match self.byte_of_char.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Byte offset of char offset `ch` (clamped to the end).
    pub fn byte_at(&self, ch: usize) -> usize {
        self.byte_of_char[ch.min(self.byte_of_char.len() - 1)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apply_keeps_alignment_and_pages() {
        let mut t = Text::from_pages(&[
            PageText { number: 1, text: "tmh Quảng Ninh".into() },
            PageText { number: 2, text: "vói nhân dân".into() },
        ]);
        assert_eq!(t.page_of(0), Some(1));
        assert_eq!(t.page_of(15), Some(2));
        t.apply(&[
            Edit { range: 15..18, replacement: "với".into() },
            Edit { range: 0..3, replacement: "tỉnh".into() },
        ]);
        assert_eq!(t.as_str(), "tỉnh Quảng Ninh\nvới nhân dân");
        assert_eq!(t.page_range(0), 0..15);
        assert_eq!(t.page_range(1), 16..28);
        assert_eq!(t.original_range(0..4), 0..3);
        assert_eq!(t.original_range(16..19), 15..18);
        assert_eq!(t.original_range(20..23), 19..22);
        assert_eq!(t.page_of(16), Some(2));
    }

    #[test]
    fn plain_text_has_no_page_numbers() {
        let t = Text::plain("Số 12-NQ/TU");
        assert_eq!(t.page_of(3), None);
        assert_eq!(t.page_count(), 1);
    }

    #[test]
    fn char_index_round_trips() {
        let s = "Quý III/2023 tỉnh";
        let ix = CharIndex::new(s);
        for (ci, (b, _)) in s.char_indices().enumerate() {
            assert_eq!(ix.char_at(b), ci);
            assert_eq!(ix.byte_at(ci), b);
        }
    }
}
