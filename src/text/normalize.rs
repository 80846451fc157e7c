//! Canonical form of Vietnamese text: NFC with look-alikes mapped back.
//!
//! What this stage does, and why:
//! * **NFC**, with combining marks merged into their base letter. PDF
//!   producers and OCR engines emit decomposed letters (`a` + U+0301), and
//!   some emit the tone mark *before* the shape mark (`e` + U+0301 +
//!   U+0302), which NFC alone cannot compose because both marks have the
//!   same combining class; we reorder shape marks (circumflex, breve, horn)
//!   before tone marks first, so `ế` comes out whole.
//! * **Look-alikes** that OCR engines and old fonts produce for Vietnamese:
//!   Icelandic `Ð`/`ð` (U+00D0/U+00F0) and African `Ɖ`/`ɖ` for `Đ`/`đ`;
//!   Cyrillic and Greek homoglyphs (`а`, `о`, `р`, `с`, `Н`, `Т`…) inside a
//!   word that also has Latin letters. A word written wholly in Cyrillic is
//!   left alone: it may be real Cyrillic.
//! * **Invisible junk** removed: control characters that are not
//!   whitespace; soft hyphens; zero-width spaces,
//!   joiners and byte-order marks.
//!
//! What it does not do: whitespace is never changed (the `repair` command
//! promises the same lines and spacing as its input), and tone placement is
//! left in the document's own style (`hoà` and `hòa` are both correct;
//! [`super::tone`] folds them for lookups).

use super::Text;
use crate::lang::latin::is_alphabetic;
use unicode_normalization::UnicodeNormalization;

/// Normalizes a whole [`Text`], keeping the offset map.
pub fn normalize(text: &Text) -> Text {
    let chars: Vec<char> = text.current.chars().collect();
    let mixed = mixed_script_words(&chars);
    let mut out = String::with_capacity(text.current.len());
    let mut align: Vec<(u32, u32)> = Vec::with_capacity(chars.len());
    // new char offset of each old char offset (for page starts)
    let mut new_pos = Vec::with_capacity(chars.len() + 1);
    let mut cluster: Vec<char> = Vec::with_capacity(4);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii() && !c.is_ascii_control() && !is_combining(chars.get(i + 1).copied()) {
            new_pos.push(align.len());
            out.push(c);
            align.push(text.align[i]);
            i += 1;
            continue;
        }
        // A cluster: one base character and the combining marks after it.
        let start = i;
        let mut end = i + 1;
        while end < chars.len() && is_mark(chars[end]) {
            end += 1;
        }
        for _ in start..end {
            new_pos.push(align.len());
        }
        cluster.clear();
        for (k, &ch) in chars[start..end].iter().enumerate() {
            if is_invisible_junk(ch) {
                continue;
            }
            let ch = if mixed[start + k] { latin_homoglyph(ch).unwrap_or(ch) } else { ch };
            cluster.push(map_lookalike(ch));
        }
        order_vietnamese_marks(&mut cluster);
        let lo = text.align[start].0;
        let hi = text.align[end - 1].1;
        if cluster.len() == 1 && end - start == 1 && !is_mark(cluster[0]) {
            let ch = cluster[0];
            // Already-composed single character: NFC of one char is itself
            // except for singletons (e.g. U+212B), handled by the slow path.
            if is_nfc_stable(ch) {
                out.push(ch);
                align.push((lo, hi));
                i = end;
                continue;
            }
        }
        for ch in cluster.iter().copied().nfc() {
            out.push(ch);
            align.push((lo, hi));
        }
        i = end;
    }
    new_pos.push(align.len());
    let page_starts = text.page_starts.iter().map(|&s| new_pos[s.min(new_pos.len() - 1)]).collect();
    Text { original: text.original.clone(), current: out, align, page_starts, paged: text.paged }
}

/// Normalizes a bare string (no offsets needed).
pub fn normalize_str(s: &str) -> String {
    normalize(&Text::plain(s)).current
}

fn is_combining(c: Option<char>) -> bool {
    c.is_some_and(is_mark)
}

/// Combining marks that attach to the previous letter.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn is_invisible_junk(c: char) -> bool {
    match c {
        // Whitespace controls (tab, line feed, VT, FF, CR, NEL) are kept:
        // the repair command promises the input's exact spacing.
        c if c.is_whitespace() => false,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => true,
        // Other format characters that only steer rendering.
        '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => true,
        c => c.is_control(),
    }
}

/// Characters that are not Vietnamese but are drawn like a Vietnamese one.
fn map_lookalike(c: char) -> char {
    match c {
        '\u{00D0}' | '\u{0189}' => 'Đ', // Ð Icelandic eth, Ɖ African D
        '\u{00F0}' | '\u{0256}' => 'đ', // ð, ɖ
        '\u{0340}' => '\u{0300}',       // deprecated combining grave tone mark
        '\u{0341}' => '\u{0301}',       // deprecated combining acute tone mark
        c => c,
    }
}

/// Cyrillic and Greek letters drawn exactly like a Latin one.
fn latin_homoglyph(c: char) -> Option<char> {
    Some(match c {
        'а' => 'a',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'у' => 'y',
        'х' => 'x',
        'і' => 'i',
        'ј' => 'j',
        'ѕ' => 's',
        'һ' => 'h',
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'Х' => 'X',
        'У' => 'Y',
        'І' => 'I',
        'Ј' => 'J',
        'Ѕ' => 'S',
        'ο' => 'o',
        'ν' => 'v',
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Χ' => 'X',
        'Υ' => 'Y',
        'Ζ' => 'Z',
        _ => return None,
    })
}

/// For each char: is it inside a word that mixes Latin letters with
/// Cyrillic/Greek look-alikes (so the look-alikes are OCR noise)?
fn mixed_script_words(chars: &[char]) -> Vec<bool> {
    let mut out = vec![false; chars.len()];
    let mut i = 0;
    while i < chars.len() {
        if !(is_alphabetic(chars[i]) || is_mark(chars[i])) {
            i += 1;
            continue;
        }
        let start = i;
        let (mut latin, mut lookalike, mut other) = (false, false, false);
        while i < chars.len() && (is_alphabetic(chars[i]) || is_mark(chars[i])) {
            let c = chars[i];
            if latin_homoglyph(c).is_some() {
                lookalike = true;
            } else if is_latin(c) {
                latin = true;
            } else if !is_mark(c) {
                other = true;
            }
            i += 1;
        }
        if latin && lookalike && !other {
            out[start..i].iter_mut().for_each(|m| *m = true);
        }
    }
    out
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF)
}

/// Vietnamese shape marks (circumflex, breve, horn) go before tone marks,
/// so that NFC can compose `ê` + acute into `ế`.
fn order_vietnamese_marks(cluster: &mut [char]) {
    if cluster.len() < 3 {
        return;
    }
    let rank = |c: &char| match *c {
        '\u{0302}' | '\u{0306}' | '\u{031B}' => 0,
        '\u{0300}' | '\u{0301}' | '\u{0303}' | '\u{0309}' | '\u{0323}' => 1,
        _ => 2,
    };
    // Stable sort keeps other marks in place relative to each other.
    cluster[1..].sort_by_key(rank);
}

/// Characters whose NFC form is themselves (the common case); false for the
/// few singletons and compatibility-free decompositions NFC rewrites.
fn is_nfc_stable(c: char) -> bool {
    !matches!(c as u32, 0x0340 | 0x0341 | 0x0343 | 0x0344 | 0x0374 | 0x037E | 0x0387 | 0x1F71..=0x1FFD | 0x2000..=0x2001 | 0x2126 | 0x212A | 0x212B | 0x2329 | 0x232A | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{PageText, Text};

    #[test]
    fn composes_and_reorders_marks() {
        assert_eq!(normalize_str("kie\u{0302}\u{0309}m tra"), "kiểm tra");
        // tone before shape mark
        assert_eq!(normalize_str("kie\u{0309}\u{0302}m tra"), "kiểm tra");
        assert_eq!(normalize_str("Vie\u{0323}\u{0302}t Nam"), "Việt Nam");
        assert_eq!(normalize_str("tru\u{031B}o\u{0301}\u{031B}c"), "trước");
    }

    #[test]
    fn maps_lookalikes() {
        assert_eq!(normalize_str("\u{00D0}ảng ủy"), "Đảng ủy");
        assert_eq!(normalize_str("\u{00F0}ồng chí"), "đồng chí");
        // Cyrillic о and а inside Latin words
        assert_eq!(
            normalize_str("Hội nghị tоàn quốc, nhân dân tộc ViệtNаm"),
            "Hội nghị toàn quốc, nhân dân tộc ViệtNam"
        );
        // A wholly Cyrillic word stays Cyrillic.
        assert_eq!(normalize_str("Москва"), "Москва");
    }

    #[test]
    fn removes_junk_but_not_whitespace() {
        let s = "phát\u{00AD}triển\u{200B} kinh tế\r\n\tnăm 2025\u{0007}\u{FEFF}";
        assert_eq!(normalize_str(s), "pháttriển kinh tế\r\n\tnăm 2025");
    }

    #[test]
    fn keeps_tone_style() {
        assert_eq!(normalize_str("hoà bình, hòa bình, Tỉnh uỷ"), "hoà bình, hòa bình, Tỉnh uỷ");
    }

    #[test]
    fn alignment_points_back_to_original() {
        let raw = Text::from_pages(&[
            PageText { number: 1, text: "a\u{0301}o\u{00AD}".into() },
            PageText { number: 2, text: "Ðảng".into() },
        ]);
        let t = normalize(&raw);
        assert_eq!(t.as_str(), "áo\nĐảng");
        assert_eq!(t.original_range(0..1), 0..2);
        assert_eq!(t.original_range(1..2), 2..3);
        assert_eq!(t.page_range(1), 3..7);
        assert_eq!(t.original_range(3..4), 5..6);
        assert_eq!(t.page_of(3), Some(2));
    }
}
