//! The one reader of a written date ("30/6/2025", "ngày 5 tháng 3 năm
//! 2026"), shared by the parse stage's deadlines, header and citations and
//! by the citation reader here.

use regex::{Captures, Regex};
use std::sync::LazyLock;

/// A numeric date; ":" is accepted as a separator because OCR reads "/" so.
pub static DATE_NUM: &str =
    r"(?P<d>[0-3]?[0-9])\s?[/.\-:]\s?(?P<m>[01]?[0-9])\s?[/.\-:]\s?(?P<y>(?:19|20)[0-9]{2})";
/// "5 tháng 3 năm 2026". The spelled-out frame is distinctive enough that
/// OCR's damage inside it is read too: "thắng" for "tháng", and "Ø"/"O"
/// for 0 and "T"/"l"/"I" for 1 in the day ("Ø1 thắng 7 năm 2028").
pub static DATE_WORDS: &str = r"(?P<d2>[0-3ØøOo]?[0-9TlI])\s+th[aáàảãạăắằẳẵặâấầẩẫậ]ng\s+(?P<m2>[01]?[0-9])\s*(?:năm\s*|/\s*)(?P<y2>(?:19|20)[0-9]{2})";

/// The last day of month `m` of year `y`.
pub fn last_day(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 30,
    }
}

/// An ISO date if the parts make a real date.
pub fn iso(y: i32, m: u32, d: u32) -> Option<String> {
    if !(1900..=2200).contains(&y) || !(1..=12).contains(&m) || d == 0 || d > last_day(y, m) {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// The capture `name` as a number.
pub fn num<T: std::str::FromStr>(c: &Captures, name: &str) -> Option<T> {
    c.name(name).and_then(|m| m.as_str().parse().ok())
}

/// Parses a full date written "dd/mm/yyyy", "dd-mm-yyyy", "dd.mm.yyyy" or
/// "ngày d tháng m năm yyyy" at the start of `s`.
pub fn parse_date(s: &str) -> Option<(String, usize)> {
    static FULL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"(?i)^\s*(?:ngày\s*)?(?:{DATE_NUM}|{DATE_WORDS})"))
            .unwrap_or_else(|e| panic!("FULL date: {e}"))
    });
    let c = FULL.captures(s)?;
    let end = c.get(0)?.end();
    date_of(&c).map(|d| (d, end))
}

/// The ISO dates written in full anywhere in `s` ("15/12/2025", "ngày 15
/// tháng 12 năm 2025"), in order; a date with its day implied ("quý
/// IV/2025", "tháng 6/2026") is none.
pub fn full_dates(s: &str) -> Vec<String> {
    static ANY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"(?i)\b(?:{DATE_NUM}|{DATE_WORDS})")).unwrap_or_else(|e| panic!("any date: {e}"))
    });
    ANY.captures_iter(s).filter_map(|c| date_of(&c)).collect()
}

/// Digits OCR printed as letters ("Ø1", "0T") back to digits.
pub fn ocr_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'Ø' | 'ø' | 'O' | 'o' | 'Ô' => '0',
            'T' | 'l' | 'I' => '1',
            c => c,
        })
        .collect()
}

/// The ISO date of a [`DATE_NUM`] or [`DATE_WORDS`] match.
pub fn date_of(c: &Captures) -> Option<String> {
    if let (Some(d), Some(m), Some(y)) = (num::<u32>(c, "d"), num::<u32>(c, "m"), num::<i32>(c, "y")) {
        return iso(y, m, d);
    }
    let day = c.name("d2").and_then(|d| ocr_digits(d.as_str()).parse::<u32>().ok());
    if let (Some(d), Some(m), Some(y)) = (day, num::<u32>(c, "m2"), num::<i32>(c, "y2")) {
        return iso(y, m, d);
    }
    None
}
