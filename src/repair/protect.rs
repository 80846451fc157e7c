//! What the corrector must leave alone, and Roman numerals in context.
//!
//! A token core is *protected* (never changed) when it holds a digit
//! (numbers, dates, document symbols `12-NQ/TU`, `QCVN 02:2009/BYT`), any
//! character that is not a letter (e-mails, URLs, `đ/c`), is a single
//! letter (list markers `a)`, `b.`), or is an all-capital acronym that is not
//! a Vietnamese syllable (`GRDP`, `FDI`, `OCOP`, `UBND`, `III`). Capitalized
//! words inside a sentence are proper names: they stay repairable but need
//! a much larger gain (see [`super::RepairOptions::name_margin`]).
//!
//! Roman numerals after `khóa`, `quý`, `Đại hội`, `phần`, `chương`, `mục`
//! are read by OCR as letters (`ni` = `III`, `xm` = `XIII`); [`numeral`]
//! maps such a token back when the result is a well-formed numeral.

use super::syllable::{is_valid, split_tone, Case, Tone};

/// How a token may be treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Never changed.
    Protected,
    /// A capitalized word inside a sentence: probably a name.
    Name,
    /// An ordinary word.
    Word,
}

/// Classifies a token core. `sentence_start` is whether it opens a
/// sentence or a line-initial heading.
pub fn classify(core: &str, sentence_start: bool) -> Kind {
    let n = core.chars().count();
    if !(2..=12).contains(&n) || !core.chars().all(super::syllable::is_letter) {
        return Kind::Protected;
    }
    let case = Case::of(core);
    if case == Case::Upper && !is_valid(core) {
        let toned = core.chars().any(|c| split_tone(c).1 != Tone::Level);
        if !toned {
            return Kind::Protected;
        }
    }
    if case == Case::Title && !sentence_start {
        return Kind::Name;
    }
    Kind::Word
}

/// Words after which a Roman numeral is expected (lowercase, folded);
/// `lục` is the second syllable of "Phụ lục" (appendix I, II…).
const NUMERAL_CONTEXT: &[&str] = &["khóa", "quý", "hội", "phần", "chương", "mục", "khoá", "lục"];

/// If `core` follows a numeral context word `prev` and reads as a misread
/// Roman numeral, the char length of the letter part and its repair.
pub fn numeral(prev: &str, core: &str) -> Option<(usize, String)> {
    if !NUMERAL_CONTEXT.contains(&prev) {
        return None;
    }
    // Letters, optionally followed by "/2023" (Quý III/2023).
    let (letters, tail) = match core.find('/') {
        Some(i) => (&core[..i], &core[i + 1..]),
        None => (core, ""),
    };
    if !tail.is_empty() && !tail.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    // An Arabic number is how many offices write "Mục 1", "quý 1/2026".
    if letters.is_empty() || letters.chars().count() > 5 || letters.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let out = crate::lang::numeral::read_lookalikes(&letters.to_lowercase())?;
    if out == letters || crate::lang::numeral::value(&out).is_none() {
        return None;
    }
    // A real word in that place ("khóa học", "quý vị") is not a numeral.
    if is_valid(letters)
        && !matches!(letters.to_lowercase().as_str(), "xin" | "mi" | "ni" | "in" | "im" | "hi")
    {
        return None;
    }
    Some((letters.chars().count(), out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_in_context() {
        assert_eq!(numeral("quý", "ni/2023"), Some((2, "III".into())));
        assert_eq!(numeral("khóa", "xm"), Some((2, "XIII".into())));
        assert_eq!(numeral("khóa", "xin"), Some((3, "XIII".into())));
        assert_eq!(numeral("quý", "m"), Some((1, "III".into())));
        assert_eq!(numeral("khóa", "học"), None);
        assert_eq!(numeral("quý", "vị"), None);
        assert_eq!(numeral("năm", "ni"), None);
        assert_eq!(numeral("khóa", "XIII"), None);
        assert_eq!(numeral("lục", "H"), Some((1, "II".into())));
        assert_eq!(numeral("lục", "HI"), Some((2, "III".into())));
        assert_eq!(numeral("lục", "1X"), Some((2, "IX".into())));
        assert_eq!(numeral("lục", "VI"), None);
        assert_eq!(numeral("mục", "1"), None);
        assert_eq!(numeral("quý", "1/2026"), None);
        assert_eq!(numeral("lục", "địa"), None);
    }

    #[test]
    fn protection() {
        assert_eq!(classify("GRDP", false), Kind::Protected);
        assert_eq!(classify("12-NQ/TU", false), Kind::Protected);
        assert_eq!(classify("a", true), Kind::Protected);
        assert_eq!(classify("TỈNH", false), Kind::Word);
        assert_eq!(classify("Ninh", false), Kind::Name);
        assert_eq!(classify("vói", false), Kind::Word);
    }
}
