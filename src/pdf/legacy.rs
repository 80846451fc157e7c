//! Pre-Unicode Vietnamese font encodings: TCVN3 (ABC, `.VnTime`…), VNI
//! (`VNI-Times`…) and VISCII (RFC 1456).
//!
//! Such fonts put Vietnamese letters on the code points of Windows-1252, so
//! a PDF decodes them to Latin-1 look-alikes ("ChÝnh phñ"). This module
//! owns the detection of such a font — by name first, by content second —
//! and the conversion of its (cp1252-decoded) characters back to Unicode.
//! The tables are written here from the published encoding definitions.
//! VNI draws marks as separate glyphs; they are converted to combining
//! marks, which the layout attaches to their base letter and NFC composes.

use super::encoding::win_ansi_byte;
use crate::lang::syllable::has_syllable_shape;
use unicode_normalization::UnicodeNormalization;

/// A legacy Vietnamese encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    /// TCVN 5712:1993 VN3 ("ABC"); `capitals` for the `…H` fonts, which
    /// draw every letter as a capital.
    Tcvn3 {
        /// The font is a capitals-only `H` font.
        capitals: bool,
    },
    /// VNI Windows: ASCII base letters followed by mark bytes.
    Vni,
    /// VISCII (RFC 1456): one byte per precomposed letter.
    Viscii,
}

impl Legacy {
    /// The encoding's usual name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Legacy::Tcvn3 { .. } => "TCVN3",
            Legacy::Vni => "VNI",
            Legacy::Viscii => "VISCII",
        }
    }
}

/// TCVN3 bytes 0xA1..=0xFE ('\0' = the byte keeps its cp1252 meaning).
const TCVN3_A1: [char; 94] = [
    'Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ', 'ă', 'â', 'ê', 'ô', 'ơ', 'ư', 'đ', '\0', // A1..AF
    '\0', '\0', '\0', '\0', '\0', 'à', 'ả', 'ã', 'á', 'ạ', '\0', 'ằ', 'ẳ', 'ẵ', 'ắ', '\0', // B0..BF
    '\0', '\0', '\0', '\0', '\0', '\0', 'ặ', 'ầ', 'ẩ', 'ẫ', 'ấ', 'ậ', 'è', '\0', 'ẻ', 'ẽ', // C0..CF
    'é', 'ẹ', 'ề', 'ể', 'ễ', 'ế', 'ệ', 'ì', 'ỉ', '\0', '\0', '\0', 'ĩ', 'í', 'ị', 'ò', // D0..DF
    '\0', 'ỏ', 'õ', 'ó', 'ọ', 'ồ', 'ổ', 'ỗ', 'ố', 'ộ', 'ờ', 'ở', 'ỡ', 'ớ', 'ợ', 'ù', // E0..EF
    '\0', 'ủ', 'ũ', 'ú', 'ụ', 'ừ', 'ử', 'ữ', 'ứ', 'ự', 'ỳ', 'ỷ', 'ỹ', 'ý', 'ỵ', // F0..FE
];

/// VISCII 0x80..=0xFF.
const VISCII_80: [char; 128] = [
    'Ạ', 'Ắ', 'Ằ', 'Ặ', 'Ấ', 'Ầ', 'Ẩ', 'Ậ', 'Ẽ', 'Ẹ', 'Ế', 'Ề', 'Ể', 'Ễ', 'Ệ', 'Ố', // 80
    'Ồ', 'Ổ', 'Ỗ', 'Ộ', 'Ợ', 'Ớ', 'Ờ', 'Ở', 'Ị', 'Ỏ', 'Ọ', 'Ỉ', 'Ủ', 'Ũ', 'Ụ', 'Ỳ', // 90
    'Õ', 'ắ', 'ằ', 'ặ', 'ấ', 'ầ', 'ẩ', 'ậ', 'ẽ', 'ẹ', 'ế', 'ề', 'ể', 'ễ', 'ệ', 'ố', // A0
    'ồ', 'ổ', 'ỗ', 'Ỡ', 'Ơ', 'ộ', 'ờ', 'ở', 'ị', 'Ự', 'Ứ', 'Ừ', 'Ử', 'ơ', 'ớ', 'Ư', // B0
    'À', 'Á', 'Â', 'Ã', 'Ả', 'Ă', 'ẳ', 'ẵ', 'È', 'É', 'Ê', 'Ẻ', 'Ì', 'Í', 'Ĩ', 'ỳ', // C0
    'Đ', 'ứ', 'Ò', 'Ó', 'Ô', 'ạ', 'ỷ', 'ừ', 'ử', 'Ù', 'Ú', 'ỹ', 'ỵ', 'Ý', 'ỡ', 'ư', // D0
    'à', 'á', 'â', 'ã', 'ả', 'ă', 'ữ', 'ẫ', 'è', 'é', 'ê', 'ẻ', 'ì', 'í', 'ĩ', 'ỉ', // E0
    'đ', 'ự', 'ò', 'ó', 'ô', 'õ', 'ỏ', 'ọ', 'ụ', 'ù', 'ú', 'ũ', 'ủ', 'ý', 'ợ', 'Ữ', // F0
];

/// VISCII's six letters in the C0 control range.
const VISCII_LOW: [(u8, char); 6] =
    [(0x02, 'Ẳ'), (0x05, 'Ẵ'), (0x06, 'Ẫ'), (0x14, 'Ỷ'), (0x19, 'Ỹ'), (0x1E, 'Ỵ')];

/// VNI: bytes that stand for marks (as combining sequences) or for the
/// letters ơ ư đ and the i/y tones, lower case; upper case is handled by
/// mapping the upper-case byte to the lower-case entry.
fn vni_lower(b: u8) -> Option<&'static str> {
    Some(match b {
        0xF9 => "\u{301}",
        0xF8 => "\u{300}",
        0xFB => "\u{309}",
        0xF5 => "\u{303}",
        0xEF => "\u{323}",
        0xE2 => "\u{302}",
        0xEA => "\u{306}",
        0xE1 => "\u{302}\u{301}",
        0xE0 => "\u{302}\u{300}",
        0xE5 => "\u{302}\u{309}",
        0xE3 => "\u{302}\u{303}",
        0xE4 => "\u{302}\u{323}",
        0xE9 => "\u{306}\u{301}",
        0xE8 => "\u{306}\u{300}",
        0xFA => "\u{306}\u{309}",
        0xFC => "\u{306}\u{303}",
        0xEB => "\u{306}\u{323}",
        0xF4 => "ơ",
        0xF6 => "ư",
        0xF1 => "đ",
        0xEC => "ì",
        0xED => "í",
        0xE6 => "ỉ",
        0xF3 => "ĩ",
        0xF2 => "ị",
        0xEE => "ỵ",
        _ => return None,
    })
}

/// Converts one character decoded from a legacy font to Unicode (which
/// may be a combining sequence for VNI marks).
pub fn convert_char(enc: Legacy, c: char) -> String {
    let Some(b) = legacy_byte(c) else { return c.to_string() };
    match enc {
        Legacy::Tcvn3 { capitals } => {
            let u = match b {
                0xA1..=0xFE => {
                    TCVN3_A1.get(usize::from(b - 0xA1)).copied().filter(|&t| t != '\0').unwrap_or(c)
                }
                _ => c,
            };
            if capitals {
                u.to_uppercase().collect()
            } else {
                u.to_string()
            }
        }
        Legacy::Viscii => match b {
            0x80..=0xFF => VISCII_80.get(usize::from(b - 0x80)).map_or(c.to_string(), |u| u.to_string()),
            _ => VISCII_LOW.iter().find(|(k, _)| *k == b).map_or(c.to_string(), |(_, u)| u.to_string()),
        },
        Legacy::Vni => {
            if let Some(s) = vni_lower(b) {
                return s.to_string();
            }
            // Upper-case bytes sit 0x20 below their lower-case twins.
            if (0xC0..=0xDE).contains(&b) && b != 0xD7 {
                if let Some(s) = vni_lower(b + 0x20) {
                    return s.chars().flat_map(char::to_uppercase).collect();
                }
            }
            c.to_string()
        }
    }
}

/// The font byte behind a character decoded from a legacy font: the cp1252
/// byte, or the byte a producer's ToUnicode renamed (Acrobat maps the glyph
/// names `minus` and `periodcentered` of TCVN3 fonts to U+2212 and U+2219;
/// symbolic TrueType fonts map byte `b` to U+F000 + `b`).
fn legacy_byte(c: char) -> Option<u8> {
    match c {
        '\u{2212}' => Some(0xAD),
        '\u{2219}' => Some(0xB7),
        '\u{F020}'..='\u{F0FF}' => u8::try_from(u32::from(c) - 0xF000).ok(),
        _ => win_ansi_byte(c),
    }
}

/// Converts a string decoded from a legacy font.
pub fn convert(enc: Legacy, s: &str) -> String {
    s.chars().map(|c| convert_char(enc, c)).collect::<String>().nfc().collect()
}

/// The legacy encoding of a font named `name` whose shown text (decoded
/// as cp1252) is `sample`: none when the text already reads as Unicode
/// Vietnamese, else by name, else by the statistics of the text.
pub fn detect(name: &str, sample: &str) -> Option<Legacy> {
    if is_unicode_vietnamese(sample) {
        return None;
    }
    from_font_name(name).or_else(|| detect_by_content(sample))
}

/// Legacy encoding implied by a font's name (`BaseFont` without the
/// subset tag).
pub fn from_font_name(name: &str) -> Option<Legacy> {
    let base = name.split_once('+').map_or(name, |(_, b)| b);
    let base = base.trim_start_matches('.');
    let upper = base.to_ascii_uppercase();
    if upper.starts_with("VNI-") || upper.starts_with("VNI_") || (upper.starts_with("VNI") && base.len() > 3)
    {
        return Some(Legacy::Vni);
    }
    if upper.contains("VISCII") {
        return Some(Legacy::Viscii);
    }
    // `.VnTime`, `VnTimeH`, `.Vn3DH`, `VnArial NarrowH`: "Vn" then a capital
    // letter or digit.
    let mut chars = base.chars();
    if chars.next() == Some('V') && chars.next() == Some('n') {
        let third = chars.next();
        if third.is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) {
            return Some(Legacy::Tcvn3 { capitals: is_capitals_font(base) });
        }
    }
    None
}

/// `VnTimeH`, `VnTimeHBold`, `.VnArialH,Italic`: the family name ends in H.
fn is_capitals_font(base: &str) -> bool {
    let family = base.split([',', '-']).next().unwrap_or(base);
    let mut f = family.trim();
    for suffix in ["BoldItalic", "Italic", "Bold", "Regular", "Normal", "PS", "MT"] {
        if let Some(s) = f.strip_suffix(suffix) {
            f = s.trim();
        }
    }
    for suffix in ["Bold", "Italic"] {
        if let Some(s) = f.strip_suffix(suffix) {
            f = s.trim();
        }
    }
    f.ends_with('H')
}

/// Whether `s` contains text that is already Vietnamese Unicode (letters a
/// legacy font could not produce), i.e. must not be converted.
pub fn is_unicode_vietnamese(s: &str) -> bool {
    s.chars().any(|c| matches!(c, 'ă' | 'Ă' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | 'đ' | 'Đ' | '\u{1EA0}'..='\u{1EF9}'))
}

/// Share of the words of `s` that contain a character ≥ 0x80 and become
/// Vietnamese syllables under `f`, among the words with such a character.
fn high_word_score(s: &str, f: impl Fn(&str) -> String) -> (usize, usize) {
    let mut total = 0;
    let mut good = 0;
    for w in s.split(|c: char| !c.is_alphanumeric() && legacy_byte(c).is_none_or(|b| b < 0x80)) {
        if w.is_empty() || !w.chars().any(|c| u32::from(c) >= 0x80) {
            continue;
        }
        total += 1;
        let conv = f(w);
        let letters: String = conv.chars().filter(|c| c.is_alphabetic()).collect();
        if !letters.is_empty() && has_syllable_shape(&letters) {
            good += 1;
        }
    }
    (good, total)
}

/// Detects a legacy encoding from the text a font produced when its name
/// said nothing: all characters must be cp1252, enough words must carry
/// high bytes, and far more of them must become Vietnamese syllables under
/// the encoding than read as they are (which keeps Spanish, German or
/// French text, whose accented words are not Vietnamese syllables after
/// conversion, untouched).
pub fn detect_by_content(sample: &str) -> Option<Legacy> {
    if sample.chars().any(|c| legacy_byte(c).is_none() && !c.is_whitespace()) {
        return None;
    }
    let (plain_good, total) = high_word_score(sample, |w| w.to_string());
    if total < 8 {
        return None;
    }
    let mut best: Option<(Legacy, usize)> = None;
    for enc in [Legacy::Tcvn3 { capitals: false }, Legacy::Vni, Legacy::Viscii] {
        let (good, _) = high_word_score(sample, |w| convert(enc, w));
        if best.is_none_or(|(_, g)| good > g) {
            best = Some((enc, good));
        }
    }
    let (enc, good) = best?;
    (good * 10 >= total * 7 && good >= plain_good + total / 3).then_some(enc)
}

/// TCVN3 has no capital toned vowels, so authors typed "NGHÞ" (NGHị) in
/// capital words; upper-cases such lower-case letters when the word's other
/// letters are at least two capitals.
pub fn fix_capital_word(word: &str) -> Option<String> {
    let upper = word.chars().filter(|c| c.is_uppercase()).count();
    let lower_ascii = word.chars().filter(|c| c.is_ascii_lowercase()).count();
    let lower_viet = word.chars().filter(|c| c.is_lowercase() && !c.is_ascii()).count();
    (upper >= 2 && lower_ascii == 0 && lower_viet > 0 && lower_viet < upper).then(|| word.to_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tcvn3() {
        let t = Legacy::Tcvn3 { capitals: false };
        assert_eq!(
            convert(t, "ChÝnh phñ céng hßa x· héi chñ nghÜa viÖt nam"),
            "Chính phủ cộng hòa xã hội chủ nghĩa việt nam"
        );
        assert_eq!(convert(t, "§éc lËp - Tù do - H¹nh phóc"), "Độc lập - Tự do - Hạnh phúc");
        assert_eq!(convert(t, "tr\u{ad}ëng Ch\u{ad}¬ng ®\u{ad}îc"), "trưởng Chương được");
        assert_eq!(convert(Legacy::Tcvn3 { capitals: true }, "céng hßa"), "CỘNG HÒA");
    }

    #[test]
    fn vni() {
        assert_eq!(
            convert(Legacy::Vni, "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"),
            "Cộng hòa xã hội chủ nghĩa Việt Nam"
        );
        assert_eq!(convert(Legacy::Vni, "Ñoäc laäp - Töï do - Haïnh phuùc"), "Độc lập - Tự do - Hạnh phúc");
        assert_eq!(convert(Legacy::Vni, "ÑAÛNG ngöôøi"), "ĐẢNG người");
    }

    #[test]
    fn viscii() {
        assert_eq!(convert(Legacy::Viscii, "Vi\u{ae}t Nam"), "Việt Nam");
    }

    #[test]
    fn names() {
        assert_eq!(from_font_name("BADEPR+.VnTimeH,Bold"), Some(Legacy::Tcvn3 { capitals: true }));
        assert_eq!(from_font_name("FBHPFO+VnTimeHBold"), Some(Legacy::Tcvn3 { capitals: true }));
        assert_eq!(from_font_name(".VnTime"), Some(Legacy::Tcvn3 { capitals: false }));
        assert_eq!(from_font_name("VnTimeBold"), Some(Legacy::Tcvn3 { capitals: false }));
        assert_eq!(from_font_name(".Vn3DH"), Some(Legacy::Tcvn3 { capitals: true }));
        assert_eq!(from_font_name("VNI-Times"), Some(Legacy::Vni));
        assert_eq!(from_font_name("TimesNewRomanPSMT"), None);
        assert_eq!(from_font_name("Verdana"), None);
    }

    #[test]
    fn content_detection() {
        let tcvn = "C¨n cø LuËt Tæ chøc ChÝnh phñ ngµy 25 th¸ng 12 n¨m 2001; Theo ®Ò nghÞ cña Bé tr\u{ad}ëng Bé KÕ ho¹ch vµ §Çu t\u{ad}";
        assert_eq!(detect_by_content(tcvn), Some(Legacy::Tcvn3 { capitals: false }));
        let spanish = "El año pasado también hubo más lluvias en Córdoba; según el informe, la situación está mejorando y el pronóstico es optimista para la región, aunque algún río creció.";
        assert_eq!(detect_by_content(spanish), None);
        let german = "Die Größe der Städte wächst über die Jahre; für viele Bürger ist das Leben schön, aber die Mieten steigen täglich, während Löhne gleich bleiben.";
        assert_eq!(detect_by_content(german), None);
        assert_eq!(detect_by_content("Cộng hòa xã hội chủ nghĩa Việt Nam độc lập tự do hạnh phúc"), None);
        assert_eq!(fix_capital_word("NGHÞ").map(|_| ()), None, "raw bytes are converted first");
        assert_eq!(fix_capital_word("NGHị").as_deref(), Some("NGHỊ"));
        assert_eq!(fix_capital_word("Củng"), None);
        assert_eq!(fix_capital_word("cHUNG"), None);
    }
}
