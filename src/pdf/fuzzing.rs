//! Direct entry points to the font-level parsers, for the fuzz targets in
//! `fuzz/` and their regression tests.
//!
//! Through a whole PDF a fuzzer rarely assembles a valid font dictionary
//! with a ToUnicode stream, so the CMap parser and the legacy converters
//! would be exercised only by the few seeds that carry them. These
//! functions feed them arbitrary bytes the way the PDF stage does, and
//! nothing else in the crate uses them.

use super::cmap::CMap;
use super::encoding::{glyph_name_to_unicode, win_ansi};
use super::legacy;
use super::lexer::Lexer;

/// Parses `program` as a CMap (a `/ToUnicode` stream or an embedded
/// encoding CMap), then splits `shown` (the bytes of a `Tj` string) into
/// codes by its code space and maps each to Unicode, or else to its CID
/// written as `<cid:N>`, or to `None` — the decoding a Type0 font does.
pub fn cmap_decode(program: &[u8], shown: &[u8]) -> Vec<Option<String>> {
    let cmap = CMap::parse(program);
    let mut out = Vec::new();
    let mut rest = shown;
    while !rest.is_empty() {
        let n = cmap.code_len(rest).clamp(1, 4).min(rest.len());
        let (head, tail) = rest.split_at(n);
        let code = head.iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b));
        let len = n as u8;
        let text =
            cmap.to_unicode(len, code).or_else(|| cmap.cid_of(len, code).map(|cid| format!("<cid:{cid}>")));
        out.push(text);
        rest = tail;
    }
    out
}

/// Decodes `shown` as a simple font with WinAnsi encoding named
/// `font_name` would, then applies the legacy Vietnamese handling: the
/// encoding is chosen by font name, else by content statistics (never
/// when the text already reads as Unicode Vietnamese), the characters are
/// converted, and capital words of mixed-case TCVN3 text are fixed. Returns `None`
/// when no legacy encoding applies.
pub fn legacy_convert(font_name: &str, shown: &[u8]) -> Option<String> {
    let text: String = shown.iter().map(|&b| win_ansi(b).unwrap_or('\u{FFFD}')).collect();
    let enc = legacy::detect(font_name, &text)?;
    let converted = legacy::convert(enc, &text);
    // As the layout does: only the mixed-case TCVN3 fonts need capital
    // words put right.
    if enc != (legacy::Legacy::Tcvn3 { capitals: false }) {
        return Some(converted);
    }
    let fixed: Vec<String> =
        converted.split(' ').map(|w| legacy::fix_capital_word(w).unwrap_or_else(|| w.to_string())).collect();
    Some(fixed.join(" "))
}

/// Tokenizes `content` as a content stream to the end, returning the
/// operators read and the bytes skipped as unreadable.
pub fn content_operations(content: &[u8]) -> (usize, usize) {
    let mut lexer = Lexer::new(content);
    let mut operations = 0;
    while lexer.next_operation().is_some() {
        operations += 1;
    }
    (operations, lexer.skipped)
}

/// Maps a glyph name (`/Differences` entry) to Unicode: standard names,
/// `uniXXXX`, `uXXXXX` and the Vietnamese composite names.
pub fn glyph_name(name: &str) -> Option<String> {
    glyph_name_to_unicode(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_through_a_two_byte_cmap() {
        let cmap = b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
                     2 beginbfchar <0001> <1EC7> <0002> <0074> endbfchar\n\
                     1 begincidrange <0100> <01FF> 7 endcidrange";
        let got = cmap_decode(cmap, &[0, 2, 0, 1, 1, 0, 0xFF, 0xFF]);
        assert_eq!(got, vec![Some("t".into()), Some("ệ".into()), Some("<cid:7>".into()), None]);
    }

    #[test]
    fn converts_tcvn3_by_name_and_leaves_unicode_alone() {
        // "Nghị quyết" typed in TCVN3: ị = 0xDE, ế = 0xD5.
        let tcvn = b"Ngh\xDE quy\xD5t";
        assert_eq!(legacy_convert(".VnTime", tcvn).as_deref(), Some("Nghị quyết"));
        assert_eq!(legacy_convert("Arial", b"Nghi quyet"), None);
    }
}
