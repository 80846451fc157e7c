//! The document model every grammar of the parse stage works on: lines,
//! logical blocks (wrapped lines joined back into paragraphs), clauses, and
//! small text helpers shared by the grammars.
//!
//! Offsets here are **byte** offsets into the text handed to
//! [`super::parse`]; the grammars work on `flat`, a copy of the text where
//! every line break is a space. A line break and a space are both one byte,
//! so byte offsets in `flat` and in the text are the same, and a phrase
//! wrapped across lines ("Quyết định số⏎1074/QĐ-BXD") reads as one phrase.
//! Conversion to the contract's character offsets happens once, in `mod.rs`.

use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// One line of the input, without its line break.
#[derive(Debug, Clone)]
pub struct Line {
    /// Byte range of the whole line.
    pub range: Range<usize>,
    /// Byte range of the line without leading/trailing white space.
    pub trimmed: Range<usize>,
}

/// What kind of block a paragraph is, from its first characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    /// An outline label ("I.", "2.1.", "a)", "Điều 3.").
    Label(Label),
    /// A bullet ("-", "+", "•").
    Bullet,
    /// Plain text.
    Plain,
}

/// Kinds of outline numbering, in no particular order: levels are decided
/// per document by the order in which kinds first appear (a Nghị quyết may
/// use "I./1./a)" and a Quyết định "Chương/Điều/1.").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LabelKind {
    /// "Phần I".
    Part,
    /// "Chương II".
    Chapter,
    /// "Mục 1".
    Division,
    /// "Điều 3".
    Article,
    /// "IV."
    Roman,
    /// "2."
    Arabic,
    /// "2.1."
    Arabic2,
    /// "2.1.3."
    Arabic3,
    /// "a)"
    Letter,
}

/// An outline label found at the start of a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Kind of numbering.
    pub kind: LabelKind,
    /// The numbering without punctuation ("I", "2.1", "a", "Điều 3").
    pub text: String,
    /// Byte offset (absolute) where the heading text after the label starts.
    pub body_start: usize,
}

/// A logical paragraph: one or more physical lines.
#[derive(Debug, Clone)]
pub struct Block {
    /// Byte range in the text (trimmed).
    pub range: Range<usize>,
    /// Index of its first line in [`Doc::lines`].
    pub first_line: usize,
    /// Index one past its last line.
    pub end_line: usize,
    /// How it starts.
    pub marker: Marker,
}

/// The document as the grammars see it.
#[derive(Debug)]
pub struct Doc<'a> {
    /// The text given to the parser.
    pub src: &'a str,
    /// `src` with line breaks turned into spaces (same byte offsets).
    pub flat: String,
    /// Physical lines.
    pub lines: Vec<Line>,
    /// Logical blocks in reading order.
    pub blocks: Vec<Block>,
    /// Length in characters of a line that runs to the right margin (the
    /// 90th percentile of line lengths, at most 100).
    pub full_width: usize,
    /// The text has one paragraph per line (from a word processor) rather
    /// than lines wrapped at the margin (from a PDF).
    pub paragraph_lines: bool,
}

/// Outline labels at the start of a line.
/// An article's number alone on its line: "Điều 25".
static BARE_ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Điều|ĐIỀU)\s+[0-9]{1,3}$").unwrap_or_else(|e| panic!("BARE_ARTICLE regex: {e}"))
});

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            (?P<part>(?:Phần|PHẦN)\s+(?:[IVXLC]+|[0-9]{1,2}|thứ\s+\S+))\b[.:\-]?\s*
          | (?P<chap>(?:Chương|CHƯƠNG)\s+(?:[IVXLC]+|[0-9]{1,2}))\b[.:\-]?\s*
          | (?P<div>(?:Mục|MỤC)\s+(?:[IVXLC]+|[0-9]{1,2}))\b[.:\-]?\s*
          | (?P<art>(?:Điều|ĐIỀU)\s+[0-9]{1,3})\s*[.:]\s*
          | (?P<roman>[IVX]{1,5})\s*[.\-/)]\s*
          | (?P<a3>[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{1,2})\.?\s+
          | (?P<a2>[0-9]{1,2}\.[0-9]{1,2})\.?\s+
          | (?P<a1>[0-9]{1,2})\s*[.)]\s*
          | (?P<letter>[a-zđ])\s*\)\s*
        )",
    )
    .unwrap_or_else(|e| panic!("LABEL regex: {e}"))
});

/// Bullets at the start of a line.
static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[-+•∙▪●○◦*–—]\s*)").unwrap_or_else(|e| panic!("BULLET regex: {e}")));

/// A numbered-item marker that OCR damaged at the start of a line: "C3)",
/// "(9}", "(148)", "Œ)". Returns the marker's byte length and its digits,
/// if any; the caller decides from the list's numbering what it stands for.
/// Clean "(n)" markers are not reported.
pub fn damaged_item(line: &str) -> Option<(usize, Option<&str>)> {
    static LOOSE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?P<m>[(\[{]?\s?[^\s0-9()]?(?P<n>[0-9]{1,3})?\s?[)}\]])\s+\p{Lu}")
            .unwrap_or_else(|e| panic!("LOOSE item regex: {e}"))
    });
    let c = LOOSE.captures(line)?;
    let m = c.name("m")?;
    let marker = m.as_str();
    let n = c.name("n").map(|n| n.as_str());
    // "(3)" is clean; a lone ")" or "}" is no marker at all.
    let clean = marker.starts_with('(') && marker.ends_with(')') && n.is_some_and(|d| d.len() <= 2);
    let glyphs = marker.chars().filter(|c| !c.is_whitespace()).count();
    if clean || glyphs < 2 || read_label(line, 0).is_some() {
        return None;
    }
    Some((m.end(), n))
}

/// Reads the outline label at the start of `line` (which starts at byte
/// `at` of the text).
pub fn read_label(line: &str, at: usize) -> Option<Label> {
    let caps = LABEL.captures(line)?;
    let whole = caps.get(0)?;
    // "1.000 người" or "2.5%" are numbers, not labels; a label is followed
    // by a letter, a quote or an opening bracket.
    let rest = &line[whole.end()..];
    let next = rest.chars().next();
    if let Some(c) = next {
        if c.is_ascii_digit() || c == '%' || c == '/' {
            return None;
        }
    }
    let (kind, name) = if let Some(m) = caps.name("part") {
        (LabelKind::Part, m.as_str())
    } else if let Some(m) = caps.name("chap") {
        (LabelKind::Chapter, m.as_str())
    } else if let Some(m) = caps.name("div") {
        (LabelKind::Division, m.as_str())
    } else if let Some(m) = caps.name("art") {
        (LabelKind::Article, m.as_str())
    } else if let Some(m) = caps.name("roman") {
        // A Roman label stands before a heading; "V/v" and "I/" inside text
        // are not labels.
        if rest.starts_with('v') || whole.as_str().contains('/') {
            return None;
        }
        (LabelKind::Roman, m.as_str())
    } else if let Some(m) = caps.name("a3") {
        (LabelKind::Arabic3, m.as_str())
    } else if let Some(m) = caps.name("a2") {
        (LabelKind::Arabic2, m.as_str())
    } else if let Some(m) = caps.name("a1") {
        (LabelKind::Arabic, m.as_str())
    } else if let Some(m) = caps.name("letter") {
        (LabelKind::Letter, m.as_str())
    } else {
        return None;
    };
    if next.is_none() && !matches!(kind, LabelKind::Part | LabelKind::Chapter | LabelKind::Division) {
        return None;
    }
    Some(Label { kind, text: squeeze(name), body_start: at + whole.end() })
}

/// Lower case without diacritics ("Chỉ tiêu" → "chi tieu"): OCR confuses
/// Whether a string has letters and all of them are upper case.
pub fn is_upper(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c.is_alphabetic() {
            letters += 1;
            if c.is_lowercase() {
                return false;
            }
        }
    }
    letters > 0
}

/// Whether the first letter of `s` is lower case.
fn starts_lower(s: &str) -> bool {
    s.chars().find(|c| c.is_alphanumeric()).is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
}

impl<'a> Doc<'a> {
    /// Splits `src` into lines and blocks.
    pub fn new(src: &'a str) -> Doc<'a> {
        let flat: String = src.chars().map(|c| if c == '\n' || c == '\r' { ' ' } else { c }).collect();
        let mut lines = Vec::new();
        let mut start = 0usize;
        for piece in src.split('\n') {
            let end = start + piece.len();
            let lead = piece.len() - piece.trim_start().len();
            let trail = piece.trim_end().len();
            let trimmed = if piece.trim().is_empty() { start..start } else { start + lead..start + trail };
            lines.push(Line { range: start..end, trimmed });
            start = end + 1;
        }
        let mut widths: Vec<usize> =
            lines.iter().map(|l| src[l.trimmed.clone()].chars().count()).filter(|&n| n > 0).collect();
        widths.sort_unstable();
        let full_width = widths.get(widths.len().saturating_mul(9) / 10).copied().unwrap_or(80).min(100);
        // One paragraph per line (text from a word processor): long lines
        // are whole paragraphs, and a capitalized next line is a new one.
        let paragraph_lines = widths.iter().filter(|&&w| w > 120).count() * 10 > widths.len();
        let mut doc = Doc { src, flat, lines, blocks: Vec::new(), full_width, paragraph_lines };
        doc.blocks = doc.make_blocks();
        doc
    }

    /// Whether line `i` runs to the margin of wrapped (layout) text: such a
    /// line belongs to a body paragraph, not to a centred title.
    pub fn is_full_line(&self, i: usize) -> bool {
        !self.paragraph_lines
            && self.full_width >= 40
            && self.line(i).chars().count() * 10 >= self.full_width * 9
    }

    /// The trimmed text of line `i`.
    pub fn line(&self, i: usize) -> &str {
        self.lines.get(i).and_then(|l| self.src.get(l.trimmed.clone())).unwrap_or("")
    }

    /// Text of a block, line breaks as spaces.
    pub fn block_text(&self, b: &Block) -> &str {
        self.flat.get(b.range.clone()).unwrap_or("")
    }

    /// Joins wrapped lines back into paragraphs.
    ///
    /// A line continues the previous one when the previous one does not end
    /// a sentence and either the line starts in lower case (a sentence
    /// running on) or the previous line is as long as the document's full
    /// lines (a layout-preserving extraction wraps at the margin, so the
    /// next line may start with a capitalized name).
    fn make_blocks(&self) -> Vec<Block> {
        let (full, paragraphs) = (self.full_width, self.paragraph_lines);
        let mut blocks: Vec<Block> = Vec::new();
        let mut prev_open = false;
        let mut prev_long = false;
        let mut prev_semicolon = false;
        let mut gap_open = false;
        let mut gap_word = false;
        let mut prev_colon = false;
        for (i, l) in self.lines.iter().enumerate() {
            let text = &self.src[l.trimmed.clone()];
            if text.is_empty() {
                // A blank line ends the paragraph, unless the sentence runs
                // on in lower case after it: OCR and page breaks put blank
                // lines inside paragraphs ("nội⏎⏎trú liên cấp").
                if prev_open {
                    gap_open = true;
                    // "… chậm nhất đến ngày⏎⏎01 tháng 7": a paragraph cannot
                    // end on a word that needs what follows.
                    gap_word = blocks.last().is_some_and(|b| {
                        let t = self.src.get(b.range.clone()).unwrap_or("");
                        let last = t.rsplit(char::is_whitespace).next().unwrap_or("").to_lowercase();
                        matches!(
                            last.as_str(),
                            "ngày" | "số" | "tháng" | "của" | "và" | "với" | "tại" | "theo" | "các"
                        )
                    });
                }
                prev_open = false;
                prev_semicolon = false;
                prev_colon = false;
                continue;
            }
            let runs_on = gap_open && (text.chars().next().is_some_and(char::is_lowercase) || gap_word);
            gap_open = false;
            if runs_on && !is_upper(text) && read_label(text, 0).is_none() && !BULLET.is_match(text) {
                if let Some(b) = blocks.last_mut() {
                    b.range.end = l.trimmed.end;
                    b.end_line = i + 1;
                    let last = text.chars().last().unwrap_or(' ');
                    prev_open = !matches!(last, '.' | ';' | ':' | '!' | '?');
                    prev_semicolon = last == ';';
                    prev_colon = last == ':';
                    prev_long = !paragraphs && text.chars().count() * 10 >= full * 8 && full >= 40;
                    continue;
                }
            }
            let label = read_label(text, l.trimmed.start);
            // "Điều 25" alone on its line (laws set the article's number
            // on a line of its own) is a whole heading: what follows starts
            // the article even in lower case, as it does when capitalized
            // (text from TCVN3 fonts, which have no toned capitals, opens
            // "ủy ban nhân dân các cấp …").
            let bare_heading = BARE_ARTICLE.is_match(text);
            let bullet = BULLET.is_match(text) && !text.starts_with("--");
            let starts_item =
                label.is_some() || bullet || text.starts_with('(') || damaged_item(text).is_some();
            // A margin-wide line ending in ';' followed by a lower-case
            // line is one item wrapped after its semicolon, not two.
            // The same after a colon, which OCR prints for a semicolon,
            // when the next line runs on with a lower-case letter.
            let wrapped_after_semicolon = (prev_semicolon && prev_long && starts_lower(text))
                || (prev_colon && prev_long && text.chars().next().is_some_and(char::is_lowercase));
            let join = (prev_open || wrapped_after_semicolon)
                && !starts_item
                && (starts_lower(text) || prev_long)
                && !is_upper(text)
                && !blocks.is_empty();
            if join {
                if let Some(b) = blocks.last_mut() {
                    b.range.end = l.trimmed.end;
                    b.end_line = i + 1;
                }
            } else {
                let marker = match label {
                    Some(lab) => Marker::Label(lab),
                    None if bullet => Marker::Bullet,
                    None => Marker::Plain,
                };
                blocks.push(Block { range: l.trimmed.clone(), first_line: i, end_line: i + 1, marker });
            }
            let last = text.chars().last().unwrap_or(' ');
            prev_open = !matches!(last, '.' | ';' | ':' | '!' | '?') && !is_upper(text) && !bare_heading;
            prev_semicolon = last == ';';
            prev_colon = last == ':';
            let wide = text.chars().count();
            prev_long = !paragraphs && wide * 10 >= full * 8 && full >= 40;
        }
        roman_one(&mut blocks, self.src);
        comma_labels(&mut blocks, self.src);
        letter_sequence(&mut blocks, self.src);
        blocks
    }
}

/// OCR prints the dot of "2." as a comma: a block starting "2, Công an
/// tỉnh" (a number, a comma, a capital) is item 2 when the Arabic item
/// before it, in the same list, is 1.
fn comma_labels(blocks: &mut [Block], src: &str) {
    static COMMA: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?P<n>[0-9]{1,2}),\s+\p{Lu}").unwrap_or_else(|e| panic!("COMMA label regex: {e}"))
    });
    let mut last_arabic: Option<u32> = None;
    for b in blocks.iter_mut() {
        match &b.marker {
            Marker::Label(l) if l.kind == LabelKind::Arabic => {
                last_arabic = l.text.parse().ok();
                continue;
            }
            Marker::Label(l) if l.kind == LabelKind::Roman => {
                last_arabic = None;
                continue;
            }
            Marker::Label(_) | Marker::Bullet => continue,
            Marker::Plain => {}
        }
        let line = src.get(b.range.clone()).unwrap_or("");
        let Some(c) = COMMA.captures(line) else { continue };
        let (Some(n), Some(whole)) = (c.name("n"), c.get(0)) else { continue };
        let Ok(n) = n.as_str().parse::<u32>() else { continue };
        if last_arabic.is_some_and(|p| p + 1 == n) {
            // The capital the regex looked at starts the heading text.
            let cap_len = whole.as_str().chars().last().map(char::len_utf8).unwrap_or(0);
            let body_start = b.range.start + whole.end() - cap_len;
            b.marker = Marker::Label(Label { kind: LabelKind::Arabic, text: n.to_string(), body_start });
            last_arabic = Some(n);
        }
    }
}

/// Letter labels in Vietnamese order (no f, j, w, z; "đ" after "d").
const LETTERS: &[&str] = &[
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v",
    "x", "y",
];

/// Lettered items OCR damaged: "4) Xác định" before "b)" is "a)" (Tesseract
/// reads a bold "a" as "4"), and a damaged glyph marker ("€)", "ä)") right
/// after "b)" is "c)". Read from the neighbouring letters only.
fn letter_sequence(blocks: &mut [Block], src: &str) {
    let letter_at = |b: &Block| match &b.marker {
        Marker::Label(l) if l.kind == LabelKind::Letter => LETTERS.iter().position(|x| *x == l.text),
        _ => None,
    };
    for i in 0..blocks.len() {
        let Some(b) = blocks.get(i) else { continue };
        let line = src.get(b.range.clone()).unwrap_or("");
        // What the damaged marker is and where its text starts.
        let arabic_paren = match &b.marker {
            Marker::Label(l) if l.kind == LabelKind::Arabic => {
                let after = line.trim_start_matches(|c: char| c.is_ascii_digit()).trim_start();
                after.starts_with(')').then_some(l.body_start)
            }
            _ => None,
        };
        let glyph = match (&b.marker, damaged_item(line)) {
            (Marker::Plain, Some((len, None))) => {
                let rest = line.get(len..).unwrap_or("");
                Some(b.range.start + len + (rest.len() - rest.trim_start().len()))
            }
            _ => None,
        };
        let Some(body_start) = arabic_paren.or(glyph) else { continue };
        // The nearest labelled block before (within three blocks, none an
        // "(n)" item) and the next labelled block after.
        let mut prev = None;
        for j in (i.saturating_sub(4)..i).rev() {
            let Some(p) = blocks.get(j) else { break };
            if matches!(p.marker, Marker::Label(_)) {
                prev = Some(j);
                break;
            }
            if src.get(p.range.clone()).unwrap_or("").starts_with('(') {
                break;
            }
        }
        let next = blocks.iter().skip(i + 1).find(|n| matches!(n.marker, Marker::Label(_)));
        let prev_letter = prev.and_then(|j| blocks.get(j)).and_then(letter_at);
        let next_letter = next.and_then(letter_at);
        let pick = match (prev_letter, next_letter) {
            (None, Some(1)) => Some(0),
            (Some(w), Some(x)) if x == w + 2 => Some(w + 1),
            (Some(w), n) if glyph.is_some() && n != Some(w + 1) => Some(w + 1),
            _ => None,
        };
        let Some(text) = pick.and_then(|k| LETTERS.get(k)) else { continue };
        if let Some(b) = blocks.get_mut(i) {
            b.marker = Marker::Label(Label { kind: LabelKind::Letter, text: text.to_string(), body_start });
        }
    }
}

/// OCR reads the Roman "I." of the first part as "1.": an upper-case
/// heading labelled "1." that comes before any Roman label, when the next
/// Roman label is "II", is part I.
fn roman_one(blocks: &mut [Block], src: &str) {
    let romans: Vec<(usize, String)> = blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match &b.marker {
            Marker::Label(l) if l.kind == LabelKind::Roman => Some((i, l.text.clone())),
            _ => None,
        })
        .collect();
    let Some((first_roman, text)) = romans.first() else { return };
    if text != "II" {
        return;
    }
    for b in blocks.iter_mut().take(*first_roman) {
        let Marker::Label(l) = &mut b.marker else { continue };
        let heading = src.get(l.body_start..b.range.end).unwrap_or("");
        let heading = heading.lines().next().unwrap_or("");
        if l.kind == LabelKind::Arabic
            && l.text == "1"
            && heading.chars().filter(|c| c.is_alphabetic()).count() >= 6
            && is_upper(heading)
        {
            l.kind = LabelKind::Roman;
            l.text = "I".to_string();
            return;
        }
    }
}

/// How often [`until_limit`] asks whether the document's time is up: each
/// item costs microseconds on real text, but a hostile block holds tens of
/// thousands of them, and the work must end within a second of the limit
/// (issue 20).
const STOP_CHECK_EVERY: usize = 64;

/// The items of `it` until the document's time is up, asked every
/// [`STOP_CHECK_EVERY`] items: the grammars' work on one block is linear,
/// but a hostile block of megabytes holds a hundred thousand matches.
/// Past the limit the record is a `timeout` one, so what is cut short is
/// never reported.
pub fn until_limit<I: Iterator>(it: I) -> impl Iterator<Item = I::Item> {
    it.enumerate()
        .take_while(|(i, _)| i % STOP_CHECK_EVERY != 0 || !crate::limit::should_stop())
        .map(|(_, x)| x)
}

/// Splits `range` of `flat` into clauses at sentence ends and semicolons.
/// Returns byte ranges (absolute), trimmed.
pub fn clauses(flat: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let Some(s) = flat.get(range.clone()) else { return Vec::new() };
    let mut out = Vec::new();
    let mut start = 0usize;
    let bytes = s.as_bytes();
    let mut depth = 0i32;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = (depth - 1).max(0),
            _ => {}
        }
        let cut = match c {
            ';' => depth == 0,
            '.' => {
                // A sentence end: followed by space + upper-case letter or
                // by the end; not inside numbers ("2.000") or symbols.
                let after = &s[i + 1..];
                let next_alpha = after.trim_start().chars().next();
                let spaced = after.starts_with(' ');
                // "2. Quy định …": the dot of a label at the clause start.
                // (Four characters are at most 16 bytes: the byte test first
                // keeps a long clause of many dots from being counted at each.)
                let lead = s[start..i].trim();
                let label = lead.len() <= 16
                    && lead.chars().count() <= 4
                    && lead.chars().all(|ch| ch.is_ascii_alphanumeric());
                depth == 0
                    && !label
                    && (after.is_empty()
                        || (spaced
                            && next_alpha.is_some_and(|ch| ch.is_uppercase() || ch == '-' || ch == '+')))
                    && !(i > 0 && bytes.get(i - 1).is_some_and(|b| b.is_ascii_digit()) && !spaced)
            }
            _ => false,
        };
        if cut {
            push_trimmed(&mut out, s, start, i + c.len_utf8(), range.start);
            start = i + c.len_utf8();
        }
    }
    push_trimmed(&mut out, s, start, s.len(), range.start);
    out
}

fn push_trimmed(out: &mut Vec<Range<usize>>, s: &str, a: usize, b: usize, base: usize) {
    let Some(piece) = s.get(a..b) else { return };
    let lead = piece.len() - piece.trim_start().len();
    let t = piece.trim();
    if t.chars().any(|c| c.is_alphanumeric()) {
        out.push(base + a + lead..base + a + lead + t.len());
    }
}

pub use crate::lang::{after, before, fold, squeeze};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        let cases = [
            ("I. MỤC ĐÍCH, YÊU CẦU", Some((LabelKind::Roman, "I"))),
            ("II- NHIỆM VỤ", Some((LabelKind::Roman, "II"))),
            ("2.1. Tăng cường", Some((LabelKind::Arabic2, "2.1"))),
            ("2.1 Tăng cường", Some((LabelKind::Arabic2, "2.1"))),
            ("3. Sở Xây dựng", Some((LabelKind::Arabic, "3"))),
            ("a) Chủ trì", Some((LabelKind::Letter, "a"))),
            ("đ) Phối hợp", Some((LabelKind::Letter, "đ"))),
            ("Điều 3. Tổ chức thực hiện", Some((LabelKind::Article, "Điều 3"))),
            ("Chương II", Some((LabelKind::Chapter, "Chương II"))),
            ("V/v triển khai", None),
            ("2.000 ha đất", None),
            ("12%/năm", None),
        ];
        for (line, want) in cases {
            let got = read_label(line, 0).map(|l| (l.kind, l.text));
            assert_eq!(got, want.map(|(k, t)| (k, t.to_string())), "{line}");
        }
    }

    #[test]
    fn wrapped_lines_join() {
        let text = "1. Công an tỉnh, các sở, ban, ngành và Ủy ban nhân dân\ncác xã, phường\nTheo chức năng, nhiệm vụ.";
        let doc = Doc::new(text);
        assert_eq!(doc.blocks.len(), 2);
        assert_eq!(
            doc.block_text(&doc.blocks[0]),
            "1. Công an tỉnh, các sở, ban, ngành và Ủy ban nhân dân các xã, phường"
        );
    }

    #[test]
    fn clause_split() {
        let s = "Chủ trì, phối hợp với Sở Tài chính; báo cáo UBND tỉnh trước ngày 31/12/2025. Đồng thời theo dõi 2.000 ha.";
        let cl = clauses(s, 0..s.len());
        let texts: Vec<&str> = cl.iter().map(|r| &s[r.clone()]).collect();
        assert_eq!(
            texts,
            vec![
                "Chủ trì, phối hợp với Sở Tài chính;",
                "báo cáo UBND tỉnh trước ngày 31/12/2025.",
                "Đồng thời theo dõi 2.000 ha."
            ]
        );
    }
}
