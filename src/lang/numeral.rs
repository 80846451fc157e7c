//! Roman numerals ⇄ integers, and the one table of glyphs OCR prints for
//! their letters.
//!
//! Roman numerals number the parts of a document ("I. MỤC ĐÍCH"), its
//! quarters ("quý III/2025"), congresses and terms ("khóa XIII"), and
//! appendices ("Phụ lục II"). Tesseract reads a serif `I` as `1`, `l`,
//! `L`, `|`, `!` or a bracket, two close `II` as `H` or `n`, `III` as `m`
//! ("ni" = III, "xm" = XIII, "1L." = II., "IH" = III). Every stage that
//! reads or repairs a numeral asks this one table; what context makes a
//! token a numeral stays with the stage.

/// Roman numerals the genre writes, I to XXXIX (parts, terms and
/// congresses stay below 40).
const ROMAN: [&str; 39] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI",
    "XVII", "XVIII", "XIX", "XX", "XXI", "XXII", "XXIII", "XXIV", "XXV", "XXVI", "XXVII", "XXVIII", "XXIX",
    "XXX", "XXXI", "XXXII", "XXXIII", "XXXIV", "XXXV", "XXXVI", "XXXVII", "XXXVIII", "XXXIX",
];

/// The value of a well-formed numeral from I to XXXIX.
pub fn value(s: &str) -> Option<u32> {
    ROMAN.iter().position(|r| *r == s).map(|i| i as u32 + 1)
}

/// The numeral for `n`, 1 to 39.
pub fn roman(n: u32) -> Option<&'static str> {
    ROMAN.get((n as usize).checked_sub(1)?).copied()
}

/// What OCR's glyph `c` stands for in a Roman numeral, if anything.
pub fn lookalike(c: char) -> Option<&'static str> {
    Some(match c {
        // A serif I.
        'I' | '1' | 'l' | 'L' | '|' | '!' | ']' | '[' | 'Í' | 'Ì' | 'Ï' | 'i' | 'í' | 'ì' | 'ỉ' => "I",
        // Two close I.
        'H' | 'h' | 'n' => "II",
        // Three.
        'm' => "III",
        'V' | 'v' => "V",
        'X' | 'x' => "X",
        _ => return None,
    })
}

/// `s` with every glyph read by [`lookalike`]; `None` if one is no
/// look-alike at all. The result still has to be checked with [`value`].
pub fn read_lookalikes(s: &str) -> Option<String> {
    s.chars().map(lookalike).collect()
}

/// The numeral OCR damaged into `raw` ("1L" → "II", "VIH" → "VIII"),
/// when every glyph is a look-alike and the reading is a numeral in
/// `values`. Capitals and the `l` of a serif `I` only: a lower-case word
/// ("vin", "him") is no numeral, whatever its glyphs.
pub fn read_damaged(raw: &str, values: std::ops::RangeInclusive<u32>) -> Option<String> {
    if raw.chars().any(|c| c.is_lowercase() && c != 'l') {
        return None;
    }
    let fixed = read_lookalikes(raw)?;
    value(&fixed).is_some_and(|v| values.contains(&v)).then_some(fixed)
}

/// The quarter (1 to 4) a numeral after "quý" names: Roman as the genre
/// writes it ("III"), Arabic as some offices do ("3"), or Roman as OCR
/// damaged it ("IH", "]11", "1V"). The one quarter reader: the deadline
/// reader dates with it, the repair rules and the numeral protection
/// write what it reads.
pub fn quarter(raw: &str) -> Option<u32> {
    match raw.to_ascii_uppercase().as_str() {
        "I" | "1" => Some(1),
        "II" | "2" => Some(2),
        "III" | "3" => Some(3),
        "IV" | "4" | "IIII" => Some(4),
        _ => value(&read_lookalikes(raw)?).filter(|q| *q <= 4),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_round_trip() {
        for n in 1..=39 {
            assert_eq!(roman(n).and_then(value), Some(n));
        }
        assert_eq!(roman(0), None);
        assert_eq!(value("IIII"), None);
        assert_eq!(read_lookalikes("1L").as_deref(), Some("II"));
        assert_eq!(read_lookalikes("xm").as_deref(), Some("XIII"));
        assert_eq!(read_lookalikes("]11").as_deref(), Some("III"));
        assert_eq!(read_lookalikes("ab"), None);
        assert_eq!(read_damaged("1L", 2..=20).as_deref(), Some("II"));
        assert_eq!(read_damaged("VIH", 2..=20).as_deref(), Some("VIII"));
        assert_eq!(read_damaged("1", 2..=20), None);
        assert_eq!(quarter("III"), Some(3));
        assert_eq!(quarter("4"), Some(4));
        assert_eq!(quarter("IH"), Some(3));
        assert_eq!(quarter("]11"), Some(3));
        assert_eq!(quarter("1V"), Some(4));
        assert_eq!(quarter("V"), None);
        assert_eq!(quarter("5"), None);
        assert_eq!(read_damaged("vin", 2..=20), None);
    }
}
