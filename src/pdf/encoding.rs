//! Simple-font encodings: the built-in code → glyph-name tables (WinAnsi,
//! MacRoman, Standard), `/Differences`, and glyph name → Unicode.
//!
//! Owns only the mapping of one-byte codes to Unicode; which table applies
//! to a font is decided in `font.rs`, legacy Vietnamese re-interpretation in
//! `legacy.rs`. Glyph names are resolved by a small explicit list plus a
//! compositional rule (`Ecircumflexhookabove` = E + ̂ + ̉), which covers the
//! Latin-1 and Vietnamese names without a full Adobe Glyph List.

use unicode_normalization::UnicodeNormalization;

/// One of the encodings a simple font can name as its base.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseEncoding {
    /// Windows code page 1252 (`/WinAnsiEncoding`).
    WinAnsi,
    /// Mac OS Roman (`/MacRomanEncoding`).
    MacRoman,
    /// Adobe StandardEncoding, the Type 1 default.
    Standard,
}

/// cp1252 0x80..=0x9F (the block that differs from Latin-1); `\0` = unused.
const WIN_80: [char; 32] = [
    '€', '\0', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\0', 'Ž', '\0', '\0', '‘', '’', '“',
    '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\0', 'ž', 'Ÿ',
];

/// Mac OS Roman 0x80..=0xFF.
const MAC_80: [char; 128] = [
    'Ä', 'Å', 'Ç', 'É', 'Ñ', 'Ö', 'Ü', 'á', 'à', 'â', 'ä', 'ã', 'å', 'ç', 'é', 'è', 'ê', 'ë', 'í', 'ì', 'î',
    'ï', 'ñ', 'ó', 'ò', 'ô', 'ö', 'õ', 'ú', 'ù', 'û', 'ü', '†', '°', '¢', '£', '§', '•', '¶', 'ß', '®', '©',
    '™', '´', '¨', '≠', 'Æ', 'Ø', '∞', '±', '≤', '≥', '¥', 'µ', '∂', '∑', '∏', 'π', '∫', 'ª', 'º', 'Ω', 'æ',
    'ø', '¿', '¡', '¬', '√', 'ƒ', '≈', '∆', '«', '»', '…', '\u{a0}', 'À', 'Ã', 'Õ', 'Œ', 'œ', '–', '—', '“',
    '”', '‘', '’', '÷', '◊', 'ÿ', 'Ÿ', '⁄', '¤', '‹', '›', 'ﬁ', 'ﬂ', '‡', '·', '‚', '„', '‰', 'Â', 'Ê', 'Á',
    'Ë', 'È', 'Í', 'Î', 'Ï', 'Ì', 'Ó', 'Ô', '\u{f8ff}', 'Ò', 'Ú', 'Û', 'Ù', 'ı', 'ˆ', '˜', '¯', '˘', '˙',
    '˚', '¸', '˝', '˛', 'ˇ',
];

/// StandardEncoding codes above 0x7E that are assigned.
const STANDARD_HIGH: &[(u8, char)] = &[
    (0xA1, '¡'),
    (0xA2, '¢'),
    (0xA3, '£'),
    (0xA4, '⁄'),
    (0xA5, '¥'),
    (0xA6, 'ƒ'),
    (0xA7, '§'),
    (0xA8, '¤'),
    (0xA9, '\''),
    (0xAA, '“'),
    (0xAB, '«'),
    (0xAC, '‹'),
    (0xAD, '›'),
    (0xAE, 'ﬁ'),
    (0xAF, 'ﬂ'),
    (0xB1, '–'),
    (0xB2, '†'),
    (0xB3, '‡'),
    (0xB4, '·'),
    (0xB6, '¶'),
    (0xB7, '•'),
    (0xB8, '‚'),
    (0xB9, '„'),
    (0xBA, '”'),
    (0xBB, '»'),
    (0xBC, '…'),
    (0xBD, '‰'),
    (0xBF, '¿'),
    (0xC1, '`'),
    (0xC2, '´'),
    (0xC3, 'ˆ'),
    (0xC4, '˜'),
    (0xC5, '¯'),
    (0xC6, '˘'),
    (0xC7, '˙'),
    (0xC8, '¨'),
    (0xCA, '˚'),
    (0xCB, '¸'),
    (0xCD, '˝'),
    (0xCE, '˛'),
    (0xCF, 'ˇ'),
    (0xD0, '—'),
    (0xE1, 'Æ'),
    (0xE3, 'ª'),
    (0xE8, 'Ł'),
    (0xE9, 'Ø'),
    (0xEA, 'Œ'),
    (0xEB, 'º'),
    (0xF1, 'æ'),
    (0xF5, 'ı'),
    (0xF8, 'ł'),
    (0xF9, 'ø'),
    (0xFA, 'œ'),
    (0xFB, 'ß'),
];

/// The character a base encoding assigns to `code`, if any.
pub fn base_char(enc: BaseEncoding, code: u8) -> Option<char> {
    match enc {
        BaseEncoding::WinAnsi => win_ansi(code),
        BaseEncoding::MacRoman => {
            if code < 0x80 {
                ascii(code)
            } else {
                MAC_80.get(usize::from(code - 0x80)).copied()
            }
        }
        BaseEncoding::Standard => match code {
            0x27 => Some('’'),
            0x60 => Some('‘'),
            0..=0x7E => ascii(code),
            _ => STANDARD_HIGH.iter().find(|(c, _)| *c == code).map(|(_, ch)| *ch),
        },
    }
}

/// cp1252 decoding of one byte (also used to recover legacy font bytes).
pub fn win_ansi(code: u8) -> Option<char> {
    match code {
        0..=0x7F => ascii(code),
        0x80..=0x9F => WIN_80.get(usize::from(code - 0x80)).copied().filter(|&c| c != '\0'),
        _ => Some(char::from(code)),
    }
}

/// The cp1252 byte that decodes to `c` (the inverse of [`win_ansi`]); also
/// accepts C0 controls, which legacy fonts use for a few letters.
pub fn win_ansi_byte(c: char) -> Option<u8> {
    let u = u32::from(c);
    if u < 0x80 || (0xA0..=0xFF).contains(&u) {
        return u8::try_from(u).ok();
    }
    WIN_80.iter().position(|&w| w == c && w != '\0').and_then(|p| u8::try_from(p + 0x80).ok())
}

fn ascii(code: u8) -> Option<char> {
    // Controls other than tab and newline are not text; the space is.
    (0x20..0x7F).contains(&code).then(|| char::from(code))
}

/// Names whose Unicode value is not composed from a base letter and
/// accents.
const NAMED: &[(&str, &str)] = &[
    ("space", " "),
    ("nbspace", "\u{a0}"),
    ("nonbreakingspace", "\u{a0}"),
    ("exclam", "!"),
    ("quotedbl", "\""),
    ("numbersign", "#"),
    ("dollar", "$"),
    ("percent", "%"),
    ("ampersand", "&"),
    ("quotesingle", "'"),
    ("quoteright", "’"),
    ("quoteleft", "‘"),
    ("parenleft", "("),
    ("parenright", ")"),
    ("asterisk", "*"),
    ("plus", "+"),
    ("comma", ","),
    ("hyphen", "-"),
    ("minus", "−"),
    ("sfthyphen", "\u{ad}"),
    ("softhyphen", "\u{ad}"),
    ("period", "."),
    ("slash", "/"),
    ("zero", "0"),
    ("one", "1"),
    ("two", "2"),
    ("three", "3"),
    ("four", "4"),
    ("five", "5"),
    ("six", "6"),
    ("seven", "7"),
    ("eight", "8"),
    ("nine", "9"),
    ("colon", ":"),
    ("semicolon", ";"),
    ("less", "<"),
    ("equal", "="),
    ("greater", ">"),
    ("question", "?"),
    ("at", "@"),
    ("bracketleft", "["),
    ("backslash", "\\"),
    ("bracketright", "]"),
    ("asciicircum", "^"),
    ("underscore", "_"),
    ("grave", "`"),
    ("braceleft", "{"),
    ("bar", "|"),
    ("braceright", "}"),
    ("asciitilde", "~"),
    ("exclamdown", "¡"),
    ("cent", "¢"),
    ("sterling", "£"),
    ("currency", "¤"),
    ("yen", "¥"),
    ("brokenbar", "¦"),
    ("section", "§"),
    ("dieresis", "¨"),
    ("copyright", "©"),
    ("ordfeminine", "ª"),
    ("guillemotleft", "«"),
    ("guillemotright", "»"),
    ("logicalnot", "¬"),
    ("registered", "®"),
    ("macron", "¯"),
    ("degree", "°"),
    ("plusminus", "±"),
    ("twosuperior", "²"),
    ("threesuperior", "³"),
    ("onesuperior", "¹"),
    ("acute", "´"),
    ("mu", "µ"),
    ("paragraph", "¶"),
    ("periodcentered", "·"),
    ("middot", "·"),
    ("cedilla", "¸"),
    ("ordmasculine", "º"),
    ("onequarter", "¼"),
    ("onehalf", "½"),
    ("threequarters", "¾"),
    ("questiondown", "¿"),
    ("AE", "Æ"),
    ("ae", "æ"),
    ("Eth", "Ð"),
    ("eth", "ð"),
    ("multiply", "×"),
    ("divide", "÷"),
    ("Oslash", "Ø"),
    ("oslash", "ø"),
    ("Thorn", "Þ"),
    ("thorn", "þ"),
    ("germandbls", "ß"),
    ("dotlessi", "ı"),
    ("OE", "Œ"),
    ("oe", "œ"),
    ("Lslash", "Ł"),
    ("lslash", "ł"),
    ("florin", "ƒ"),
    ("circumflex", "ˆ"),
    ("tilde", "˜"),
    ("caron", "ˇ"),
    ("breve", "˘"),
    ("dotaccent", "˙"),
    ("ring", "˚"),
    ("ogonek", "˛"),
    ("hungarumlaut", "˝"),
    ("endash", "–"),
    ("emdash", "—"),
    ("quotesinglbase", "‚"),
    ("quotedblleft", "“"),
    ("quotedblright", "”"),
    ("quotedblbase", "„"),
    ("dagger", "†"),
    ("daggerdbl", "‡"),
    ("bullet", "•"),
    ("ellipsis", "…"),
    ("perthousand", "‰"),
    ("guilsinglleft", "‹"),
    ("guilsinglright", "›"),
    ("fraction", "⁄"),
    ("Euro", "€"),
    ("trademark", "™"),
    ("fi", "fi"),
    ("fl", "fl"),
    ("ff", "ff"),
    ("ffi", "ffi"),
    ("ffl", "ffl"),
    ("Dcroat", "Đ"),
    ("dcroat", "đ"),
    ("Dslash", "Đ"),
    ("dmacron", "đ"),
    ("gravecomb", "\u{300}"),
    ("acutecomb", "\u{301}"),
    ("tildecomb", "\u{303}"),
    ("hookabovecomb", "\u{309}"),
    ("hookabove", "\u{309}"),
    ("dotbelowcomb", "\u{323}"),
    ("dotbelow", "\u{323}"),
    ("horncomb", "\u{31b}"),
    ("numero", "№"),
    ("arrowright", "→"),
    ("lessequal", "≤"),
    ("greaterequal", "≥"),
    ("notequal", "≠"),
    ("infinity", "∞"),
];

/// Accent suffixes of composed glyph names, longest first so that
/// `dotbelow` is not read as `dot` + `below`.
const ACCENTS: &[(&str, char)] = &[
    ("circumflex", '\u{302}'),
    ("hookabove", '\u{309}'),
    ("dotaccent", '\u{307}'),
    ("dotbelow", '\u{323}'),
    ("dieresis", '\u{308}'),
    ("cedilla", '\u{327}'),
    ("macron", '\u{304}'),
    ("ogonek", '\u{328}'),
    ("acute", '\u{301}'),
    ("grave", '\u{300}'),
    ("tilde", '\u{303}'),
    ("breve", '\u{306}'),
    ("caron", '\u{30c}'),
    ("horn", '\u{31b}'),
    ("ring", '\u{30a}'),
];

/// Unicode text for a glyph name, or `None` when the name carries no
/// meaning (`g123`, `cid45`, `glyph7`…).
pub fn glyph_name_to_unicode(name: &str) -> Option<String> {
    // `a.sc`, `one.oldstyle`: the part before the first period.
    let name = name.split('.').next().unwrap_or(name);
    if name.is_empty() {
        return None;
    }
    // Ligatures written as components: `f_i`, `uni0041_uni0301`.
    if name.contains('_') {
        let parts: Option<Vec<String>> = name.split('_').map(glyph_name_to_unicode).collect();
        return parts.map(|p| p.concat());
    }
    if let Some((_, s)) = NAMED.iter().find(|(n, _)| *n == name) {
        return Some((*s).to_owned());
    }
    if let Some(hex) = name.strip_prefix("uni") {
        if hex.len() >= 4 && hex.len() % 4 == 0 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            let units: Vec<u16> = hex
                .as_bytes()
                .chunks(4)
                .filter_map(|c| std::str::from_utf8(c).ok().and_then(|s| u16::from_str_radix(s, 16).ok()))
                .collect();
            let s: String = char::decode_utf16(units).filter_map(Result::ok).collect();
            return (!s.is_empty()).then_some(s);
        }
    }
    if let Some(hex) = name.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32).map(String::from);
        }
    }
    composed(name)
}

/// `A`, `Aacute`, `ohornhookabove`, `Ecircumflexdotbelow`…: a base letter
/// (or `dcroat`) followed by accent words.
fn composed(name: &str) -> Option<String> {
    let mut chars = name.chars();
    let first = chars.next()?;
    if !first.is_ascii_alphabetic() {
        return None;
    }
    let (base, mut rest) = if let Some(r) = name.strip_prefix("dcroat") {
        ('đ', r)
    } else if let Some(r) = name.strip_prefix("Dcroat") {
        ('Đ', r)
    } else if let Some(r) = name.strip_prefix("dotlessi") {
        ('ı', r)
    } else {
        (first, chars.as_str())
    };
    let mut out = String::new();
    out.push(base);
    while !rest.is_empty() {
        let (word, mark) = ACCENTS.iter().find(|(w, _)| rest.starts_with(w))?;
        out.push(*mark);
        rest = &rest[word.len()..];
    }
    Some(out.nfc().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_name_to_unicode("Ecircumflexhookabove").as_deref(), Some("Ể"));
        assert_eq!(glyph_name_to_unicode("ohornacute").as_deref(), Some("ớ"));
        assert_eq!(glyph_name_to_unicode("uni1EA0").as_deref(), Some("Ạ"));
        assert_eq!(glyph_name_to_unicode("u1F600").as_deref(), Some("😀"));
        assert_eq!(glyph_name_to_unicode("dcroat").as_deref(), Some("đ"));
        assert_eq!(glyph_name_to_unicode("f_i").as_deref(), Some("fi"));
        assert_eq!(glyph_name_to_unicode("a.sc").as_deref(), Some("a"));
        assert_eq!(glyph_name_to_unicode("g123"), None);
        assert_eq!(glyph_name_to_unicode("cid45"), None);
    }

    #[test]
    fn tables() {
        assert_eq!(base_char(BaseEncoding::WinAnsi, 0x93), Some('“'));
        assert_eq!(base_char(BaseEncoding::MacRoman, 0x8E), Some('é'));
        assert_eq!(base_char(BaseEncoding::Standard, 0x27), Some('’'));
        assert_eq!(win_ansi_byte('Ý'), Some(0xDD));
        assert_eq!(win_ansi_byte('–'), Some(0x96));
        assert_eq!(win_ansi_byte('ệ'), None);
    }
}
