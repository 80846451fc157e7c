//! The outline: numbered headings and their depth.
//!
//! Levels are not fixed per label kind: a Nghị quyết nests "I. / 1. / a)",
//! a Quyết định "Chương / Điều / 1.", a công văn starts at "1.". The level
//! of a kind is its rank in the order kinds first appear in the document,
//! which is how readers infer nesting too.

use super::patterns::{Doc, LabelKind, Marker};
use std::ops::Range;

/// One heading.
#[derive(Debug, Clone)]
pub struct Heading {
    /// Label without punctuation.
    pub label: String,
    /// Heading text.
    pub title: String,
    /// Depth, 1 = top.
    pub level: u8,
    /// Byte range of the heading line.
    pub range: Range<usize>,
}

/// The outline and, per block, its level when it is a heading.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    /// Headings in reading order.
    pub sections: Vec<Heading>,
    /// `levels[i]` for `doc.blocks[i]`.
    pub levels: Vec<Option<u8>>,
}

/// Longest heading title kept (characters).
const MAX_TITLE: usize = 200;

/// Reads the outline of the blocks whose first line passes `keep`.
pub fn read(doc: &Doc, keep: &dyn Fn(usize) -> bool) -> Outline {
    let mut order: Vec<LabelKind> = Vec::new();
    let mut out = Outline { sections: Vec::new(), levels: vec![None; doc.blocks.len()] };
    for (i, b) in doc.blocks.iter().enumerate() {
        let Marker::Label(lab) = &b.marker else { continue };
        if !keep(b.first_line) {
            continue;
        }
        let rank = match order.iter().position(|k| *k == lab.kind) {
            Some(r) => r,
            None => {
                order.push(lab.kind);
                order.len() - 1
            }
        };
        let level = (rank + 1).min(u8::MAX as usize) as u8;
        out.levels[i] = Some(level);
        // The heading is the first line; its title stops at a colon that
        // opens inline content.
        let line_end =
            doc.lines.get(b.first_line).map(|l| l.trimmed.end).unwrap_or(b.range.end).min(b.range.end);
        let title_src = doc.src.get(lab.body_start.min(line_end)..line_end).unwrap_or("");
        let title = match title_src.find(": ") {
            Some(i) if i > 3 => &title_src[..i],
            _ => title_src,
        };
        let title: String = title.trim().trim_end_matches(':').chars().take(MAX_TITLE).collect();
        out.sections.push(Heading { label: lab.text.clone(), title, level, range: b.range.start..line_end });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_follow_first_appearance() {
        let doc = Doc::new("I. MỤC TIÊU\n1. Mục tiêu chung\na) Về kinh tế\n2. Chỉ tiêu\nII. NHIỆM VỤ\n1.1. Tiếp tục\nĐiều 1. Phạm vi");
        let o = read(&doc, &|_| true);
        let got: Vec<(&str, u8)> = o.sections.iter().map(|s| (s.label.as_str(), s.level)).collect();
        assert_eq!(got, vec![("I", 1), ("1", 2), ("a", 3), ("2", 2), ("II", 1), ("1.1", 4), ("Điều 1", 5)]);
        assert_eq!(o.sections[0].title, "MỤC TIÊU");
    }
}
