//! Reading a document symbol (số, ký hiệu) that OCR damaged, from what the
//! citation around it says it must be.
//!
//! Tesseract rarely leaves a symbol alone on a scan: the slash becomes
//! ":", "'", "7", "Z" or nothing ("21-KIZTW", "16172024 ND-CP"), the stroke
//! of "Đ" goes ("ND-CP", "Q-UBND"), thin capitals turn into one another
//! ("TI-BCT", "FTg") and spaces split it ("1969 Q-FTg"). Yet the genre
//! leaves little room: a symbol follows one of a handful of templates
//! (Party "16-CT/TU", state "134/KH-UBND", legal "29/2008/NĐ-CP", laws
//! "16/2017/QH14"), its type code is fixed by the kind cited before it, its
//! issuer code is one of a short list or the initials of the issuer named
//! after it, and a law's "QHnn" follows from its year. [`read`] matches the
//! damaged text against those templates with an edit cost that knows
//! Tesseract's usual confusions, and returns a reading only when one is
//! clearly the best: two different symbols that fit about as well (is
//! "4272024" 42/2024 or 427/2024?) give nothing, unless one of them is
//! cited intact elsewhere in the document.

use super::codes as lexicon;
use std::collections::HashMap;

/// What the citation around a symbol says about it.
#[derive(Debug, Default, Clone)]
pub struct Context {
    /// The kind cited before the symbol ("Chỉ thị").
    pub kind: Option<String>,
    /// Issuer codes of the bodies named at the citation ("của Bộ Công
    /// Thương" → "BCT").
    pub issuers: Vec<String>,
    /// Symbols read intact elsewhere in the document.
    pub known: Vec<String>,
    /// The text matched the shape of a symbol with its separators: no
    /// separator is read where none is printed ("02/BCTT-TS" is no
    /// "02/BC-TT…").
    pub intact: bool,
}

/// A symbol read from damaged text.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The symbol as it should be written.
    pub number: String,
    /// Bytes of the input it covers.
    pub len: usize,
    /// Edit cost of the reading; 0 for a symbol printed as it should be.
    pub cost: f32,
}

/// Highest cost accepted for a whole reading.
const MAX_COST: f32 = 1.6;
/// How much better the best reading must be than any other symbol.
const MARGIN: f32 = 0.25;
/// Highest cost at which a symbol that looks intact is read otherwise.
pub const INTACT_MAX: f32 = 0.8;
/// Highest cost of a reading with no kind cited before it.
const KINDLESS_MAX: f32 = 1.0;
/// Type codes a symbol may carry when no kind is cited before it.
const KINDLESS_TYPE_CODES: &[&str] = &[
    "NQ", "KH", "CT", "KL", "CTr", "QĐ", "BC", "TB", "HD", "QĐi", "QC", "TTr", "ĐA", "CĐ", "TT", "NĐ", "CV",
    "GP", "TTLT",
];
/// Cost of a code that is not in the lists but is written cleanly.
const LITERAL: f32 = 0.7;
/// Cost of each token beyond the first (a space inside the symbol).
const EXTRA_TOKEN: f32 = 0.15;
/// Bonus for a reading cited intact elsewhere in the document.
const KNOWN_BONUS: f32 = 0.7;

/// The slots of a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Slot {
    /// The leading number.
    Num,
    /// A separator, as it should be printed.
    Sep(char),
    /// A year.
    Year,
    /// The type code the kind implies.
    Type,
    /// A Party issuer code ("TU", "VPTW").
    PartyIssuer,
    /// A state issuer code ("UBND", "BCT"), or a clean unknown one.
    Issuer,
    /// A unit code after the issuer ("NC" in "7432/UBND-NC"): free.
    Unit,
    /// The National Assembly's "QHnn" (or "UBTVQHnn"), from the year.
    Assembly,
    /// The number of a national standard: digits and maybe a letter
    /// ("05A" in "QCVN 05A:2020/BCT").
    StdNum,
}

use Slot::*;

const PARTY: &[Slot] = &[Num, Sep('-'), Type, Sep('/'), PartyIssuer];
const STATE: &[Slot] = &[Num, Sep('/'), Type, Sep('-'), Issuer];
const STATE_UNIT: &[Slot] = &[Num, Sep('/'), Type, Sep('-'), Issuer, Sep('-'), Unit];
const LEGAL: &[Slot] = &[Num, Sep('/'), Year, Sep('/'), Type, Sep('-'), Issuer];
const LAW: &[Slot] = &[Num, Sep('/'), Year, Sep('/'), Assembly];
const LETTER: &[Slot] = &[Num, Sep('/'), Issuer, Sep('-'), Unit];
const LETTER_BARE: &[Slot] = &[Num, Sep('/'), Issuer];
const REGULATION: &[Slot] = &[StdNum, Sep(':'), Year, Sep('/'), Issuer];
const STANDARD: &[Slot] = &[StdNum, Sep(':'), Year];

/// The templates a kind's symbols follow, and the type codes they carry.
fn templates(kind: &str) -> (Vec<&'static [Slot]>, Vec<&'static str>) {
    let t = |v: &[&'static [Slot]], c: &[&'static str]| (v.to_vec(), c.to_vec());
    match kind {
        "Luật" | "Bộ luật" | "Pháp lệnh" => t(&[LAW], &[]),
        "Quy chuẩn kỹ thuật quốc gia" => t(&[REGULATION], &[]),
        "Tiêu chuẩn quốc gia" => t(&[STANDARD], &[]),
        "Nghị quyết" | "Nghị quyết liên tịch" => t(&[LAW, LEGAL, PARTY, STATE], &["NQ", "NQLT"]),
        "Nghị định" => t(&[LEGAL, STATE], &["NĐ"]),
        "Thông tư" => t(&[LEGAL], &["TT"]),
        "Thông tư liên tịch" => t(&[LEGAL], &["TTLT"]),
        "Quyết định" => t(&[LEGAL, STATE, PARTY], &["QĐ"]),
        "Quy định" => t(&[PARTY, STATE, LEGAL], &["QĐ", "QĐi"]),
        "Chỉ thị" => t(&[PARTY, STATE, LEGAL], &["CT"]),
        "Thông tri" => t(&[PARTY], &["TT"]),
        "Chương trình" | "Chương trình hành động" => t(&[PARTY, STATE], &["CTr", "CTHĐ"]),
        "Công văn" | "Văn bản" => t(&[LETTER, LETTER_BARE, PARTY], &["CV"]),
        "Tờ trình" => t(&[STATE, STATE_UNIT, PARTY], &["TTr"]),
        k => match lexicon::code_of_kind(k) {
            Some(c) => (vec![PARTY, STATE, STATE_UNIT], vec![c]),
            None => (vec![], vec![]),
        },
    }
}

/// Codes of the Party committees themselves (the second code of
/// "16-CT/TU").
pub const PARTY_COMMITTEES: &[&str] = &["TW", "TU", "HU", "QU", "ĐU", "ĐUK", "BCSĐ", "TƯ"];

/// Party organs that sign with their own code and no level after it: the
/// Party delegation ("ĐĐ", Đảng đoàn), steering committees ("BCĐ"), "ĐB".
const PARTY_BARE_ORGANS: &[&str] = &["ĐĐ", "BCĐ", "ĐB"];

/// Party issuer codes: the committees and their organs ("VPTW", "BTGTU").
fn party_issuers() -> &'static [String] {
    static CODES: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
        let mut v: Vec<String> =
            PARTY_COMMITTEES.iter().chain(&["ThU"]).chain(PARTY_BARE_ORGANS).map(|s| s.to_string()).collect();
        for organ in ["VP", "BTG", "BTC", "BDV", "BNC", "UBKT", "BTGDV", "BCĐ", "BKTTW"] {
            for level in ["TW", "TU", "HU", "ĐU"] {
                v.push(format!("{organ}{level}"));
            }
        }
        v
    });
    &CODES
}

/// Whether `code` is a Party issuer code ("TU", "BTGTU", "ĐĐ").
pub fn is_party_issuer(code: &str) -> bool {
    party_issuers().iter().any(|p| p == code)
}

/// OCR forms of codes whose reading is not in doubt: `Đ` read as `D`
/// (`ND-CP`), `QĐ` with its `Đ` lost to a digit, `TT` with a stray stroke.
pub fn fix_code(code: &str) -> &str {
    match code {
        "ND" | "NDĐ" | "NĐĐ" => "NĐ",
        "QD" | "Q0" | "Q1" | "1Đ" | "QĐĐ" | "QĐD" => "QĐ",
        "DA" => "ĐA",
        "DU" | "ĐĐU" => "ĐU",
        "HDND" => "HĐND",
        "TT1" | "TI" | "T7" | "TTT" => "TT",
        _ => code,
    }
}

/// "QH15" as read in a symbol with no year before it (the repair rules'
/// reading of a whole token): `Q1115`, `QHI5`, `Q1H115`, `0H15`, `QN114`.
pub fn fix_assembly(code: &str) -> Option<String> {
    let mut it = code.chars();
    let first = it.next()?;
    let last = code.chars().last()?;
    if !matches!(first, 'Q' | '0' | 'O') || !('1'..='6').contains(&last) || code.chars().count() < 3 {
        return None;
    }
    if !code.chars().all(|c| matches!(c, 'Q' | 'O' | 'H' | 'I' | 'N' | 'l' | '0'..='9' | ',' | '.')) {
        return None;
    }
    if !code.contains(['H', 'N', '1', 'I']) {
        return None;
    }
    Some(format!("QH1{last}"))
}

/// State issuer codes common enough to put a damaged one right.
const STATE_ISSUERS: &[&str] = &[
    "CP", "TTg", "UBND", "HĐND", "VPCP", "UBTVQH", "BCT", "BXD", "BTC", "BNV", "BYT", "BCA", "BQP", "BTP",
    "BGDĐT", "BNNPTNT", "BNNMT", "BTNMT", "BGTVT", "BKHĐT", "BLĐTBXH", "BVHTTDL", "BTTTT", "BKHCN", "NHNN",
    "SCT", "SXD", "STC", "SNV", "SYT", "SNNMT", "SNNPTNT", "STNMT", "SGTVT", "SKHĐT", "SGDĐT", "STP", "BCĐ",
    "VPUBND", "UBMTTQ", "BQL", "BHXH", "CAT", "UB", "BCN", "BKH", "BTM",
];

/// Unit codes of the standard line-ups after an issuer's code: the
/// departments of the Government Office ("5110/VPCP-KTTH") and the
/// sections of a provincial committee's office ("…/UBND-KT"), as Decree
/// 30/2020/NĐ-CP has offices write them. A damaged unit one misreading
/// from one of them is read as it; any other clean unit stays as printed.
const KNOWN_UNITS: &[&str] = &[
    "KTTH", "KTN", "QHQT", "KGVX", "ĐMDN", "TCCV", "PL", "NC", "CN", "NN", "TH", "KT", "VX", "XD", "NLN",
    "TCD", "NV", "KSTT", "TKBT", "QHĐP",
];

/// Shortest listed unit that is mended: a two-letter unit one letter off
/// is as likely another unit as a misreading.
const MIN_MENDED_UNIT: usize = 3;

/// Highest cost of reading a damaged unit of a listed one's length as it:
/// one of Tesseract's confusions.
const UNIT_LIMIT: f32 = 0.8;

/// The listed unit a damaged unit `got` is a misreading of, with its
/// cost: the only listed unit of its length one confusion away ("KTTN"
/// for "KTTH"), or the only one it gives by doubling or undoubling a
/// letter ("KTTTH" for "KTTH"). None when two fit ("KTH": "KTN" by a
/// confusion, "KTTH" by a lost letter) or the unit is printed as listed.
fn mended_unit(got: &[char]) -> Option<(&'static str, f32)> {
    let printed: String = got.iter().collect();
    if KNOWN_UNITS.contains(&printed.as_str()) {
        return None;
    }
    let mut fits =
        KNOWN_UNITS.iter().filter(|code| code.chars().count() >= MIN_MENDED_UNIT).filter_map(|code| {
            let want: Vec<char> = code.chars().collect();
            let c = code_cost(got, code);
            let confusion = want.len() == got.len() && c <= UNIT_LIMIT;
            (confusion || doubling(got, &want) || doubling(&want, got)).then_some((*code, c))
        });
    let first = fits.next()?;
    fits.next().is_none().then_some(first)
}

/// Whether `long` is `short` with one of its letters doubled.
fn doubling(short: &[char], long: &[char]) -> bool {
    long.len() == short.len() + 1
        && (1..long.len())
            .any(|i| long[i] == long[i - 1] && long[..i] == short[..i] && long[i + 1..] == short[i..])
}

/// Whether a unit code as printed is a misreading of a listed one
/// ("KTTTH", "KTH" for "KTTH"), so the symbol is read again.
pub fn misread_unit(code: &str) -> bool {
    mended_unit(&code.chars().collect::<Vec<_>>()).is_some()
}

/// Whether `code` is a listed issuer code, Party or state, or the
/// National Assembly's with its legislature ("QH15", "UBTVQH14").
pub fn is_issuer(code: &str) -> bool {
    let assembly = code.strip_prefix("UBTVQH").or_else(|| code.strip_prefix("QH"));
    STATE_ISSUERS.contains(&code)
        || party_issuers().iter().any(|p| p == code)
        || assembly.is_some_and(|n| n.len() == 2 && n.chars().all(|c| c.is_ascii_digit()))
}

/// Whether `short` can be had from `long` by dropping letters.
fn is_subsequence(short: &[char], long: &str) -> bool {
    let mut it = long.chars();
    short.iter().all(|c| it.any(|l| l == *c))
}

/// Whether a law's "…/YYYY/QHnn" is consistent: "QHnn" comes after a
/// year, and legislature nn sat in that year. `None` for other symbols.
pub fn assembly_consistent(number: &str) -> Option<bool> {
    let mut parts = number.rsplit('/');
    let last = parts.next()?;
    let n = last.strip_prefix("UBTVQH").or_else(|| last.strip_prefix("QH"))?;
    if n.is_empty() {
        return Some(false);
    }
    let n: u32 = n.parse().ok()?;
    let year = parts.next().and_then(|y| y.parse::<u32>().ok()).filter(|_| parts.next().is_some());
    Some(year.is_some_and(|y| legislatures(y).contains(&n)))
}

/// Legislatures of the National Assembly by the year they began.
const LEGISLATURES: &[(u32, u32)] =
    &[(1992, 9), (1997, 10), (2002, 11), (2007, 12), (2011, 13), (2016, 14), (2021, 15), (2026, 16)];

/// The legislatures that may have passed a law in `year` (two in an
/// election year).
fn legislatures(year: u32) -> Vec<u32> {
    let mut out = Vec::new();
    for (i, &(start, n)) in LEGISLATURES.iter().enumerate() {
        let end = LEGISLATURES.get(i + 1).map(|&(s, _)| s).unwrap_or(start + 5);
        if (start..=end).contains(&year) {
            out.push(n);
        }
    }
    out
}

/// Characters Tesseract prints for a slash or hyphen it did not see as
/// one: the slanted stroke read as a letter or digit.
fn hidden_sep(c: char) -> bool {
    matches!(c, '7' | 'Z' | 'L' | 'P' | 'E' | 'I' | 'J' | 'F' | 'Ƒ' | 'ƒ' | 'z' | '2')
}

/// Punctuation that stands for a separator or is noise inside a symbol.
fn junk(c: char) -> bool {
    !c.is_alphanumeric()
}

/// Glyphs Tesseract prints for `want` on a degraded scan.
fn confusable(got: char, want: char) -> bool {
    let set: &str = match want {
        'T' => "I1l7PFELƑYJ|U",
        'L' => "I1l|",
        'I' => "1lL|T",
        'C' => "G(Œ",
        'G' => "C6",
        'Đ' => "DÐI1l29@0O",
        'D' => "ÐĐI30O",
        'Q' => "0O@9G",
        'H' => "NI1",
        'N' => "HM",
        'U' => "VJ/",
        'V' => "UY",
        'B' => "R83",
        'S' => "5$",
        'K' => "RX",
        'P' => "RF",
        'g' => "Eq9Gp",
        'r' => "ItT",
        'i' => "1l",
        'W' => "V",
        '1' => "IlJ|",
        '5' => "S",
        '0' => "OD",
        _ => "",
    };
    set.contains(got)
}

/// Cost of reading `got` where `want` was printed.
fn sub_cost(got: char, want: char) -> f32 {
    if got == want {
        0.0
    } else if want == 'Đ' && matches!(got, 'D' | 'Ð') {
        0.1
    } else if confusable(got, want) {
        0.3
    } else if got.to_lowercase().eq(want.to_lowercase()) || (base(got) == want && got != 'Đ') {
        0.2
    } else {
        1.0
    }
}

/// Cost of a character OCR added.
/// Cost of a character OCR added after `prev`: noise, a thin stroke, a
/// doubled letter ("QĐĐ"), or the "G" Tesseract sees after a "C"
/// ("BCGT").
fn del_cost(got: char, prev: Option<char>) -> f32 {
    if got == ' ' {
        // The token cost is paid once in `read`.
        0.1
    } else if junk(got) {
        0.3
    } else if prev == Some(got) || (got == 'G' && prev == Some('C')) || (got == 'R' && prev == Some('B')) {
        0.4
    } else if matches!(got, 'I' | 'l' | '1' | '|' | 'i') {
        0.5
    } else {
        1.0
    }
}

/// The letter without its diacritics ("Ủ" → 'U').
fn base(c: char) -> char {
    use unicode_normalization::UnicodeNormalization;
    std::iter::once(c).nfd().next().unwrap_or(c)
}

/// Cost of a character OCR lost.
fn ins_cost(want: char) -> f32 {
    match want {
        'Đ' => 0.7,
        'g' | 'r' | 'i' => 0.5,
        _ => 1.0,
    }
}

/// Edit cost of reading `got` for the code `want`, with Tesseract's
/// confusions cheap.
pub fn code_cost(got: &[char], want: &str) -> f32 {
    let want: Vec<char> = want.chars().collect();
    let mut prev: Vec<f32> = Vec::with_capacity(want.len() + 1);
    let mut acc = 0.0;
    prev.push(0.0);
    for &w in &want {
        acc += ins_cost(w);
        prev.push(acc);
    }
    let mut before: Option<char> = None;
    for &g in got {
        let del = del_cost(g, before);
        before = Some(g);
        let mut cur = Vec::with_capacity(want.len() + 1);
        let first = prev.first().copied().unwrap_or(0.0) + del;
        cur.push(first);
        for (j, &w) in want.iter().enumerate() {
            let diag = prev.get(j).copied().unwrap_or(f32::MAX) + sub_cost(g, w);
            let up = prev.get(j + 1).copied().unwrap_or(f32::MAX) + del;
            let left = cur.get(j).copied().unwrap_or(f32::MAX) + ins_cost(w);
            cur.push(diag.min(up).min(left));
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(f32::MAX)
}

/// Whether `s` is written like an issuer or unit code: capitals (and
/// digits after them), "PC07", "KGVX".
fn clean_code(s: &[char]) -> bool {
    let letters = s.iter().take_while(|c| c.is_uppercase()).count();
    letters >= 2 && s.len() <= 10 && s.iter().skip(letters).all(|c| c.is_ascii_digit())
}

/// Readings of one code slot: (code, cost).
fn code_options(
    slot: Slot,
    got: &[char],
    cx: &Context,
    types: &[&str],
    year: Option<u32>,
) -> Vec<(String, f32)> {
    let mut out: Vec<(String, f32)> = Vec::new();
    let mut offer = |code: &str, cost: f32, limit: f32| {
        if cost <= limit {
            out.push((code.to_string(), cost));
        }
    };
    match slot {
        Type => {
            for t in types {
                offer(t, code_cost(got, t), 1.0);
            }
        }
        PartyIssuer | Issuer => {
            let list: Vec<&str> = if slot == PartyIssuer {
                party_issuers().iter().map(String::as_str).collect()
            } else {
                STATE_ISSUERS.to_vec()
            };
            // A letter added or lost costs at least 0.4: codes whose
            // length is three off cannot fit.
            let letters = got.iter().filter(|c| !junk(**c)).count();
            for code in list {
                let n = code.chars().count();
                let limit = if n <= 2 { 0.6 } else { 1.0 };
                if letters.abs_diff(n) > 2 {
                    continue;
                }
                offer(code, code_cost(got, code), limit);
            }
            // The issuer named at the citation: its initials may be two
            // edits away on a long code ("SNAMET" for "SNNMT"), and where
            // they fit they settle the code ("BCI" is "BCT", not "BCĐ",
            // after "của Bộ Công Thương").
            let mut named = false;
            for code in &cx.issuers {
                let fits = slot == Issuer || party_issuers().iter().any(|p| p == code);
                if !fits {
                    continue;
                }
                let n = code.chars().count() as f32;
                let c = code_cost(got, code);
                // A shorter code printed cleanly inside the initials is
                // the office's own ("HC" beside "Cục Hóa chất").
                let letters: Vec<char> = got.iter().copied().filter(|c| !junk(*c)).collect();
                if letters.len() >= 2
                    && letters.len() < code.chars().count()
                    && is_subsequence(&letters, code)
                {
                    continue;
                }
                if c <= (n / 2.5).max(1.0) {
                    // Listed codes that fit no better give way.
                    out.retain(|(_, other)| *other < c);
                    named = true;
                    out.push((code.clone(), c * 0.4));
                }
            }
            // A code as printed, when no listed one is a plain misreading
            // of it.
            let close = named || out.iter().any(|(_, c)| *c <= 0.6);
            // "NQ-UBTVQH14": the Standing Committee's code with its
            // legislature, from the year.
            if slot == Issuer {
                for n in year.map(legislatures).unwrap_or_default() {
                    let code = format!("UBTVQH{n}");
                    let c = code_cost(got, &code);
                    if c <= 1.0 {
                        out.push((code, c));
                    }
                }
            }
            let close = close || out.iter().any(|(_, c)| *c <= 0.6);
            if slot == Issuer && clean_code(got) && !close {
                let s: String = got.iter().collect();
                out.push((s, LITERAL));
            }
        }
        Unit => {
            // "VPCP-KTTTH", "VPCP-KTH", "VPCP-ITTTH": a unit of the
            // government's or a committee's standard line-up, misread.
            match mended_unit(got) {
                Some((code, c)) => offer(code, c, UNIT_LIMIT),
                None if clean_code(got) || (got.len() >= 2 && got.iter().all(|c| c.is_uppercase())) => {
                    offer(&got.iter().collect::<String>(), 0.1, 0.1)
                }
                None => {}
            }
        }
        Assembly => {
            let Some(y) = year else { return out };
            for n in legislatures(y) {
                for head in ["QH", "UBTVQH"] {
                    let code = format!("{head}{n}");
                    // "H" read as "11", "I1", "1H1": one extra thin glyph
                    // is cheap already; a second one too.
                    let bare: String = got.iter().filter(|c| !junk(**c)).collect();
                    let loose = if head == "QH" && loose_assembly(got, n) {
                        0.4
                    } else if bare == head && legislatures(y).len() == 1 {
                        // "63/2025/QH": the digits lost, the year tells them.
                        0.5
                    } else {
                        f32::MAX
                    };
                    offer(&code, code_cost(got, &code).min(loose), 0.7);
                }
            }
        }
        Num | Sep(_) | Year | StdNum => {}
    }
    out
}

/// "QH15" as Tesseract prints it after a year: "(0H15", "Q,HI15",
/// "Q1115", "QH5": a "Q"-like glyph, then only strokes an "H" breaks into,
/// then the legislature's digits (the last one at least).
fn loose_assembly(got: &[char], n: u32) -> bool {
    let digits: Vec<char> = n.to_string().chars().collect();
    let Some((first, rest)) = got.split_first() else { return false };
    if !matches!(first, 'Q' | '0' | 'O' | '(' | '@' | '1') {
        return false;
    }
    let rest: Vec<char> = rest.iter().copied().filter(|c| !matches!(c, ',' | '.' | '\'' | ' ')).collect();
    let tail = if rest.ends_with(&digits) {
        rest.len() - digits.len()
    } else if digits.last().is_some_and(|d| rest.last() == Some(d)) {
        rest.len() - 1
    } else {
        return false;
    };
    let middle = rest.get(..tail).unwrap_or(&[]);
    // At most three strokes, at least one if the "Q" was a digit.
    middle.len() <= 3
        && middle.iter().all(|c| matches!(c, 'H' | 'N' | 'I' | '1' | 'l' | '0'))
        && (*first != '1' || !middle.is_empty())
}

/// Cost of reading `seen` (one to three characters) for the separator
/// `want`: the separator itself, other punctuation OCR printed for it
/// (":", "'", "."), a letter or digit read for the slanted stroke ("7",
/// "Z"), or noise around it. `None` when it cannot be one.
fn sep_cost(seen: &[char], want: char) -> Option<f32> {
    let same = |c: char| c == want || (want == '/' && c == '⁄') || (want == '-' && c == '–');
    let hidden = seen.iter().filter(|c| !junk(**c)).count();
    if hidden > 1 || seen.iter().any(|c| !junk(*c) && !hidden_sep(*c)) {
        return None;
    }
    let marks: Vec<char> = seen.iter().copied().filter(|c| junk(*c)).collect();
    let base = match marks.as_slice() {
        [] => 0.5,
        [m] if same(*m) => 0.0,
        // The other separator ("/" for "-"): the two conventions differ
        // by it, so it costs more than a stray mark.
        ['/' | '-' | '–' | '⁄'] => 0.5,
        [_] => 0.2,
        more if more.iter().any(|m| same(*m)) => 0.3 * (more.len() - 1) as f32,
        more => 0.2 + 0.3 * (more.len() - 1) as f32,
    };
    if hidden == 0 {
        return Some(base);
    }
    if marks.is_empty() {
        return Some(0.5);
    }
    // A mark then the stroke read as a letter (":7KH") is common; a
    // letter then a mark ("7-", " 7/") means the "7" is no slash.
    let mark_after = seen.iter().skip_while(|c| junk(**c)).skip(1).any(|c| junk(*c));
    Some(base + if mark_after { 1.0 } else { 0.5 })
}

/// One partial reading while matching a template.
struct Walk<'a> {
    /// The text being read.
    chars: &'a [char],
    /// The template.
    slots: &'a [Slot],
    cx: &'a Context,
    types: &'a [&'static str],
    out: Vec<(String, f32)>,
    /// Readings of a code slot by (slot, start, length, year): the same
    /// stretch of text is offered to every template.
    cache: Codes,
}

/// Cached readings of code slots.
type Codes = HashMap<(Slot, usize, usize, Option<u32>), Vec<(String, f32)>>;

impl Walk<'_> {
    /// Matches `slots[i..]` against `chars[pos..]`, having built `acc` at
    /// `cost`; complete readings go to `out`.
    fn go(&mut self, i: usize, pos: usize, acc: &str, cost: f32, year: Option<u32>) {
        if cost > MAX_COST {
            return;
        }
        let Some(&slot) = self.slots.get(i) else {
            if pos == self.chars.len() {
                self.out.push((acc.to_string(), cost));
            }
            return;
        };
        let rest = self.chars.get(pos..).unwrap_or(&[]);
        match slot {
            Num => {
                // "2I" for 21: a thin "1" read as a capital I or an l,
                // after a first digit that is plainly one.
                let digit = |c: &char| c.is_ascii_digit() || matches!(c, 'I' | 'l' | '|');
                let digits = if rest.first().is_some_and(char::is_ascii_digit) {
                    rest.iter().take_while(|c| digit(c)).count()
                } else {
                    0
                };
                for n in 1..=digits.min(5) {
                    let Some(part) = rest.get(..n) else { break };
                    // Numbers with a leading zero are short ("05", "010");
                    // five digits are rare.
                    if n > 3 && part.first() == Some(&'0') {
                        continue;
                    }
                    let long = if n == 5 { 0.3 } else { 0.0 };
                    let misread = part.iter().filter(|c| !c.is_ascii_digit()).count() as f32;
                    let num: String =
                        part.iter().map(|&c| if c.is_ascii_digit() { c } else { '1' }).collect();
                    self.go(i + 1, pos + n, &num, cost + misread * 0.3 + long, year);
                }
            }
            StdNum => {
                let digits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
                for n in 1..=digits.min(5) {
                    let Some(part) = rest.get(..n) else { break };
                    let num: String = part.iter().collect();
                    self.go(i + 1, pos + n, &num, cost, year);
                    if let Some(&l) = rest.get(n).filter(|c| c.is_ascii_uppercase()) {
                        self.go(i + 1, pos + n + 1, &format!("{num}{l}"), cost, year);
                    }
                }
            }
            Year => {
                let Some(y) = rest.get(..4) else { return };
                let s: String = y.iter().collect();
                let Ok(v) = s.parse::<u32>() else { return };
                if (1945..=2040).contains(&v) {
                    self.go(i + 1, pos + 4, &format!("{acc}{s}"), cost, Some(v));
                }
            }
            Sep(c) => {
                let next = format!("{acc}{c}");
                // Nothing where the separator should be.
                if !self.cx.intact {
                    self.go(i + 1, pos, &next, cost + 0.5, year);
                }
                for k in 1..=rest.len().min(3) {
                    let Some(seen) = rest.get(..k) else { break };
                    if let Some(extra) = sep_cost(seen, c) {
                        self.go(i + 1, pos + k, &next, cost + extra, year);
                    }
                }
            }
            Type | PartyIssuer | Issuer | Unit | Assembly => {
                // A code starts with a letter or a glyph read for one.
                if rest.first().is_none_or(|c| junk(*c) && *c != '(' && *c != '@') {
                    return;
                }
                for n in 1..=rest.len().min(12) {
                    let Some(got) = rest.get(..n) else { break };
                    // Codes end before a separator that is plainly one.
                    if n > 1 && got.get(n - 1).is_some_and(|c| matches!(c, '/' | '-')) {
                        break;
                    }
                    let key = (slot, pos, n, year);
                    let options = match self.cache.get(&key) {
                        Some(o) => o.clone(),
                        None => {
                            let o = code_options(slot, got, self.cx, self.types, year);
                            self.cache.insert(key, o.clone());
                            o
                        }
                    };
                    for (code, c) in options {
                        self.go(i + 1, pos + n, &format!("{acc}{code}"), cost + c, year);
                    }
                }
            }
        }
    }
}

/// Reads the symbol at the start of `s` (up to three whitespace tokens)
/// as the kind in `cx` requires. `None` when no template fits well or two
/// different symbols fit about as well.
pub fn read(s: &str, cx: &Context) -> Option<Reading> {
    // Without a kind word ("† hồng tư số 38/2025/T71-BCT") any type code
    // may stand in the symbol, so only a closer reading is taken.
    let (tpls, types, limit) = match cx.kind.as_deref() {
        Some(kind) => {
            let (t, c) = templates(kind);
            (t, c, MAX_COST)
        }
        None => (vec![LEGAL, STATE, PARTY], KINDLESS_TYPE_CODES.to_vec(), KINDLESS_MAX),
    };
    if tpls.is_empty() {
        return None;
    }
    // Token ends, in bytes: the symbol may run over spaces OCR put in it,
    // but not into words ("ngày", "của").
    let mut ends: Vec<usize> = Vec::new();
    let mut at = 0;
    for (i, tok) in s.split(' ').enumerate() {
        if i > 0 {
            at += 1;
        }
        let start = at;
        at += tok.len();
        if tok.is_empty() {
            break;
        }
        if i > 0 && !continues(tok) {
            break;
        }
        // Trailing punctuation of the sentence is no part of it.
        let core = tok.trim_end_matches(['.', ',', ';', ':', ')']);
        if core.is_empty() {
            break;
        }
        ends.push(start + core.len());
        if ends.len() == 3 {
            break;
        }
    }
    let mut best: Vec<(String, f32, usize)> = Vec::new();
    let mut cache = Codes::new();
    for (k, &end) in ends.iter().enumerate() {
        let Some(text) = s.get(..end) else { continue };
        // Tokens are joined only where a mark says they belong together
        // ("1969 Q-FTg", "16-CT TU"), not for words in a row ("Văn bản số
        // 5 UBND tỉnh").
        if k > 0 && !text.chars().any(|c| junk(c) && c != ' ') {
            continue;
        }
        let chars: Vec<char> = text.chars().map(|c| if c == 'Ð' { 'Đ' } else { c }).collect();
        for tpl in &tpls {
            let mut w = Walk { chars: &chars, slots: tpl, cx, types: &types, out: Vec::new(), cache };
            w.go(0, 0, "", k as f32 * EXTRA_TOKEN, None);
            cache = w.cache;
            for (number, mut cost) in w.out {
                if cx.known.contains(&number) {
                    cost -= KNOWN_BONUS;
                }
                best.push((number, cost, end));
            }
        }
    }
    best.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.2.cmp(&b.2)));
    let (number, cost, len) = best.first().filter(|b| b.1 <= limit)?.clone();
    let rival = best.iter().find(|(n, _, _)| *n != number);
    if rival.is_some_and(|(_, c, _)| *c - cost < MARGIN) {
        return None;
    }
    Some(Reading { number, len, cost })
}

/// Whether a token after the first may still be part of a symbol: codes and
/// separators, not a word ("ngày", "Luật").
fn continues(tok: &str) -> bool {
    let letters: Vec<char> = tok.chars().filter(|c| c.is_alphabetic()).collect();
    let lower = letters.iter().filter(|c| c.is_lowercase()).count();
    if lower >= 2 {
        return false;
    }
    tok.chars().any(|c| c.is_uppercase() || c.is_ascii_digit()) || tok.chars().all(junk)
}

/// Issuer codes of a body named in running text: its initials, as
/// symbols write them ("Bộ Công Thương" → "BCT", "Sở Nông nghiệp và Môi
/// trường" → "SNNMT", "Ban Thường vụ Tỉnh ủy" → "TU").
pub fn issuer_codes(name: &str) -> Vec<String> {
    use super::fold;
    // Compared folded: OCR misreads the tone marks of the name too
    // ("ỦY ban nhân dân").
    let fixed: &[(&str, &str)] = &[
        ("thu tuong", "TTg"),
        ("quoc hoi", "QH"),
        ("uy ban thuong vu quoc hoi", "UBTVQH"),
        ("chinh phu", "CP"),
        ("bo chinh tri", "TW"),
        ("ban bi thu", "TW"),
        ("ban chap hanh trung uong", "TW"),
        ("trung uong", "TW"),
        ("tinh uy", "TU"),
        ("huyen uy", "HU"),
        ("dang uy", "ĐU"),
        ("uy ban nhan dan", "UBND"),
        ("ubnd", "UBND"),
        ("hoi dong nhan dan", "HĐND"),
        ("hđnd", "HĐND"),
    ];
    // Who signs for the body is no part of its code.
    let leads =
        ["chu tich ", "bo truong ", "giam doc ", "thuong truc ", "ban thuong vu ", "ban chap hanh dang bo "];
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut start = 0;
    loop {
        let rest = fold(&words.get(start..).unwrap_or(&[]).join(" "));
        match leads.iter().find(|l| rest.starts_with(*l)) {
            Some(l) => start += l.split_whitespace().count(),
            None => break,
        }
    }
    let words = words.get(start..).unwrap_or(&[]);
    let body = fold(&words.join(" "));
    if let Some((_, code)) = fixed.iter().find(|(head, _)| body.starts_with(head)) {
        return vec![code.to_string()];
    }
    // Initials up to the place ("tỉnh Lào Cai"); "Trung ương" and "Tỉnh
    // ủy" close a Party organ's code ("VPTW", "BTGTU").
    let mut code = String::new();
    let mut i = 0;
    while let Some(&w) = words.get(i) {
        let pair = fold(&format!("{w} {}", words.get(i + 1).copied().unwrap_or("")));
        let close = match pair.as_str() {
            "trung uong" => Some("TW"),
            "tinh uy" => Some("TU"),
            "huyen uy" => Some("HU"),
            _ => None,
        };
        if let Some(c) = close {
            code.push_str(c);
            break;
        }
        let f = fold(w);
        if matches!(f.as_str(), "tinh" | "huyen" | "xa" | "phuong" | "thanh" | "thi" | "quan" | "dang") {
            break;
        }
        if !matches!(f.as_str(), "va" | "&" | "-") {
            match w.chars().next() {
                Some(c) if c == 'Đ' || c == 'đ' => code.push('Đ'),
                Some(c) => code.extend(base(c).to_uppercase()),
                None => {}
            }
        }
        i += 1;
    }
    if code.chars().count() >= 2 && code.chars().all(char::is_uppercase) {
        vec![code]
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cx(kind: &str) -> Context {
        Context { kind: Some(kind.into()), ..Context::default() }
    }

    #[test]
    fn costs() {
        let c = |a: &str, b: &str| code_cost(&a.chars().collect::<Vec<_>>(), b);
        assert_eq!(c("TTg", "TTg"), 0.0);
        assert!(c("TIg", "TTg") < 0.5);
        assert!(c("ND", "NĐ") < 0.2);
        assert!(c("BCGT", "BCT") <= 1.0);
        assert!(c("UBND", "SXD") > 1.5);
    }

    #[test]
    fn initials() {
        assert_eq!(issuer_codes("Bộ Công Thương"), vec!["BCT"]);
        assert_eq!(issuer_codes("Sở Nông nghiệp và Môi trường"), vec!["SNNMT"]);
        assert_eq!(issuer_codes("Văn phòng Trung ương Đảng"), vec!["VPTW"]);
        assert_eq!(issuer_codes("Ban Thường vụ Tỉnh ủy"), vec!["TU"]);
        assert_eq!(issuer_codes("Thủ tướng Chính phủ"), vec!["TTg"]);
        assert_eq!(issuer_codes("Ủy ban nhân dân tỉnh Lào Cai"), vec!["UBND"]);
        assert_eq!(issuer_codes("Bộ trưởng Bộ Công an"), vec!["BCA"]);
        assert_eq!(issuer_codes("ỦY ban nhân dân tỉnh"), vec!["UBND"]);
        assert_eq!(issuer_codes("Chủ tịch Ủy ban nhân dân tỉnh"), vec!["UBND"]);
        assert_eq!(issuer_codes("Ban Tuyên giáo Trung ương"), vec!["BTGTW"]);
        assert_eq!(issuer_codes("Bộ Nông nghiệp và Phát triển nông thôn"), vec!["BNNPTNT"]);
        assert_eq!(issuer_codes("Đảng ủy Khối các cơ quan tỉnh"), vec!["ĐU"]);
    }

    #[test]
    fn listed_units_mend_only_when_one_fits() {
        // A doubled letter, a confusion of its own length.
        assert!(misread_unit("KTTTH"));
        assert_eq!(read("5321/VPCP-KTTTH", &cx("Công văn")).map(|r| r.number), Some("5321/VPCP-KTTH".into()));
        assert!(misread_unit("QHQI"));
        // Two listed units fit "KTH" ("KTN", "KTTH") and "KTTN" ("KTTH",
        // "KTN"): left as printed.
        assert!(!misread_unit("KTH"));
        assert!(!misread_unit("KTTN"));
        // Listed, unlisted and far, or too short to tell: as printed.
        assert!(!misread_unit("KTTH"));
        assert!(!misread_unit("XDCB"));
        assert!(!misread_unit("NX"));
    }

    #[test]
    fn legislature_years() {
        assert_eq!(legislatures(2024), vec![15]);
        assert_eq!(legislatures(2021), vec![14, 15]);
        assert_eq!(legislatures(2017), vec![14]);
    }

    #[test]
    fn reads() {
        let cases = [
            ("Kết luận", "21-KIZTW", Some("21-KL/TW")),
            ("Chỉ thị", "35-C17TW", Some("35-CT/TW")),
            ("Quyết định", "1969 Q-FTg", Some("1969/QĐ-TTg")),
            ("Luật", "72/2025 QH5", Some("72/2025/QH15")),
            ("Nghị quyết", "158:2024. (0H15", Some("158/2024/QH15")),
            ("Nghị định", "132023:ND-CP", Some("13/2023/NĐ-CP")),
            ("Thông tư", "02/2023 T1-BNNPTNT", Some("02/2023/TT-BNNPTNT")),
            ("Kế hoạch", "09-KH/UBKT TU", Some("09-KH/UBKTTU")),
            // 42/2024 with the slash read as "7", or 427/2024: not told.
            ("Luật", "4272024/QH15", None),
            ("Công điện", "472CĐ-Tg", None),
            // No symbol at all.
            ("Quyết định", "80", None),
            ("Chỉ thị", "16-QĐ?TU", None),
        ];
        for (kind, s, want) in cases {
            let got = read(s, &cx(kind)).map(|r| r.number);
            assert_eq!(got.as_deref(), want, "{kind} {s}");
        }
    }

    #[test]
    fn known_number_settles() {
        let mut c = cx("Luật");
        assert_eq!(read("4272024/QH15", &c), None);
        c.known.push("42/2024/QH15".into());
        assert_eq!(read("4272024/QH15", &c).map(|r| r.number).as_deref(), Some("42/2024/QH15"));
    }
}
