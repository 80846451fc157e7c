//! Context rules for the tokens the syllable decoder never touches.
//!
//! [`super::decode`] corrects words; numbers, dates, document symbols,
//! list markers and headings are protected there, because a language model
//! over syllables has nothing to say about them. Yet after word repair most
//! of what Tesseract `vie` still gets wrong is exactly these: `%` read as
//! `96` ("đạt trên 1096,"), the date slash read as `:` or `7` or dropped
//! ("ngày 12:11:2024", "18672015"), the symbol slash likewise
//! ("29:20087NĐ-CP", "113KH-UBND", "16-CT?TU") and `Đ` read as `D`
//! ("ND-CP"), Roman numerals read as digits ("quý 1/2026", "1L. PHƯƠNG"),
//! letter list markers read as look-alikes ("ä)", "€)", "4)").
//!
//! Each rule reads the token against the grammar of what belongs there
//! (a valid day and month before a year, a known type code before an
//! issuer, the next letter of a running list) and fires only when the
//! context says which reading is meant: the word before (`ngày`, `quý`,
//! `đạt`…), the punctuation after, the neighbouring markers of the same
//! list. A token already well-formed is never changed, so clean text stays
//! a fixed point. Nothing here adds or removes whitespace: "19/6 2025"
//! stays as it is.
//!
//! The type and issuer codes, and the OCR forms of codes whose reading is
//! not in doubt, are the genre's and live in [`crate::lang::codes`] and
//! [`crate::lang::symbol`].

use std::sync::LazyLock;

use regex::Regex;

use super::change::Change;
use super::syllable::{is_valid, strip};
use super::token::{is_edge_punct, lm_form, FastMap};
use crate::lang::percent::Sureness;
use crate::schema::RepairReason;

/// One whitespace-delimited token with its char span and line position.
#[derive(Debug, Clone, Copy)]
struct Word<'a> {
    full: &'a str,
    /// Char offset of the first char.
    start: usize,
    line_start: bool,
}

fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut line_start = true;
    let mut begin: Option<(usize, usize)> = None;
    for (ci, (bi, c)) in text.char_indices().enumerate() {
        if c.is_whitespace() {
            if let Some((b0, c0)) = begin.take() {
                out.push(Word { full: &text[b0..bi], start: c0, line_start });
                line_start = false;
            }
            if c == '\n' {
                line_start = true;
            }
        } else if begin.is_none() {
            begin = Some((bi, ci));
        }
    }
    if let Some((b0, c0)) = begin {
        out.push(Word { full: &text[b0..], start: c0, line_start });
    }
    out
}

/// Splits a token into leading punctuation, core and trailing punctuation.
fn peel(full: &str) -> (&str, &str, &str) {
    let rest = full.trim_start_matches(is_edge_punct);
    let core = rest.trim_end_matches(is_edge_punct);
    let lead_b = full.len() - rest.len();
    (&full[..lead_b], core, &rest[core.len()..])
}

/// A replacement of a whole token, trimmed to the chars that differ.
fn change(w: &Word<'_>, to_full: &str, confidence: f64, reason: RepairReason) -> Option<Change> {
    let a: Vec<char> = w.full.chars().collect();
    let b: Vec<char> = to_full.chars().collect();
    let pre = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let max_suf = a.len().min(b.len()) - pre;
    let suf = a.iter().rev().zip(b.iter().rev()).take(max_suf).take_while(|(x, y)| x == y).count();
    if pre == a.len() && pre == b.len() {
        return None;
    }
    Some(Change {
        start: w.start + pre,
        end: w.start + a.len() - suf,
        from: a[pre..a.len() - suf].iter().collect(),
        to: b[pre..b.len() - suf].iter().collect(),
        confidence,
        reason,
    })
}

/// Words after which a bare number is most often a percentage (folded,
/// lowercase): "đạt 85%", "trên 90%", "tỷ lệ 12%", "tối thiểu 30%".
const PERCENT_CONTEXT: &[&str] = &[
    "đạt", "trên", "dưới", "khoảng", "tăng", "giảm", "chiếm", "bằng", "quá", "hơn", "lệ", "thiểu", "đa",
    "xuống", "lên", "mức", "còn", "từ", "đến", "gần", "nhất", "quân",
];

/// Words that follow a percentage but rarely a count: "90% trở lên",
/// "95% so với", "100% kế hoạch".
const PERCENT_NEXT: &[&str] = &["so", "trở", "kế", "tổng", "dân", "trên", "hoặc", "đến", "trong"];

/// `%` as Tesseract reads it after a number ([`crate::lang::percent`]):
/// `96`, or a kept `%` with a stray `o`/`0` (`90%o`) or a doubled `9`
/// (`559%`).
static PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    let glyphs: Vec<String> =
        crate::lang::percent::PERCENT_GLYPHS.iter().map(|(g, _)| regex::escape(g)).collect();
    Regex::new(&format!(
        r"(?x)^
        (?P<num>[0-9]{{1,3}}(?:[.,][0-9]{{1,2}})?            # value, maybe decimal
           (?:-[0-9]{{1,3}}(?:[.,][0-9]{{1,2}})?)?)          # or a range 60-70
        (?P<glyph>{})$",
        glyphs.join("|")
    ))
    .unwrap_or_else(|e| panic!("PERCENT: {e}"))
});

fn value_ok(num: &str) -> bool {
    num.split('-').all(|v| v.replace(',', ".").parse::<f64>().is_ok_and(|x| x <= 100.0))
}

/// "đạt trên 1096," → "10%": a number glued to a `%` look-alike.
/// `context`: the word before is a percent word ([`PERCENT_CONTEXT`]) or
/// itself a percentage ("98%; 1009").
fn percent(context: bool, after_percent: bool, core: &str, trail: &str, next: &str) -> Option<(String, f64)> {
    let caps = PERCENT.captures(core)?;
    let num = caps.name("num")?.as_str();
    let glyph = caps.name("glyph")?.as_str();
    // A year ("năm 1996") is never read as a percentage.
    if core.len() == 4 && (core.starts_with("19") || core.starts_with("20")) {
        return None;
    }
    if !value_ok(num) {
        return None;
    }
    // "559%" is 55% with the `%` read twice; "33,59%" and "9%" are fine.
    if glyph == "9%" && (num.contains([',', '.', '-']) || value_ok(&format!("{num}9"))) {
        return None;
    }
    // Vietnamese decimals take a comma; "33.59" cannot be a thousands
    // group (three digits follow a thousands point).
    let num = num.replace('.', ",");
    match crate::lang::percent::sureness(glyph)? {
        Sureness::Kept => Some((format!("{num}%"), 0.9)),
        Sureness::Rare => {
            // Rarer readings: only a value that cannot stand as read
            // ("8055", "1009", "99,869", "11.29": a point before fewer
            // than three digits is no thousands point), after a percent
            // word, closing a clause.
            let decimals = core.split([',', '.']).nth(1).map_or(0, str::len);
            let as_read = core.replace(',', ".").parse::<f64>().unwrap_or(0.0);
            let odd = if core.contains('.') {
                decimals != 3
            } else if core.contains(',') {
                decimals >= 3
            } else {
                as_read > 100.0
            };
            (context && odd && (after_percent || trail.starts_with([',', '.', ';'])))
                .then(|| (format!("{num}%"), 0.75))
        }
        Sureness::Common => {
            let after = trail.starts_with([',', '.', ';', ')']) || PERCENT_NEXT.contains(&next);
            (context && after).then(|| (format!("{num}%"), 0.85))
        }
    }
}

fn is_sep(c: char) -> bool {
    matches!(c, ':' | '/' | '.' | '-' | '\'' | '’' | '⁄')
}

fn day_month_ok(d: &str, m: &str) -> bool {
    let ok = |s: &str, hi: u32| {
        (1..=2).contains(&s.len())
            && s.bytes().all(|b| b.is_ascii_digit())
            && s.parse::<u32>().is_ok_and(|v| (1..=hi).contains(&v))
    };
    ok(d, 31) && ok(m, 12)
}

/// "ngày 12:11:2024" → "12/11/2024"; "ngày 18672015" → "18/6/2015".
///
/// The token must end in a year (19xx, 20xx). What precedes it must read
/// as a day and a month, the separators being `/`, another separator
/// (`:` `.` `-` `'`), a `7` (Tesseract's slanted slash) or nothing. The
/// cheapest reading wins if it is the only one at its cost. A date already
/// written with one separator throughout (`12.11.2024`, `20-3-2024`) is a
/// style, not an error, and is left alone.
fn date(prev: &str, core: &str) -> Option<(String, f64)> {
    // A leading `1` read as a letter ("I5:3:2024").
    let mut chars: Vec<char> = core.chars().collect();
    if chars.len() > 6 && matches!(chars.first(), Some('I' | 'l' | ']' | '|')) && chars.contains(&':') {
        chars[0] = '1';
    }
    let n = chars.len();
    if !(6..=12).contains(&n) || !chars.iter().all(|&c| c.is_ascii_digit() || is_sep(c)) {
        return None;
    }
    let year: String = chars[n - 4..].iter().collect();
    if !(year.starts_with("19") || year.starts_with("20")) || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // (prefix before the year, separator before the year: Some(c) explicit, None glued)
    let p = &chars[..n - 4];
    let mut tails: Vec<(&[char], Option<char>, u8)> = Vec::new();
    match p.last() {
        Some(&c) if is_sep(c) => tails.push((&p[..p.len() - 1], Some(c), 0)),
        Some(&'7') => {
            tails.push((&p[..p.len() - 1], None, 2));
            tails.push((p, None, 2));
        }
        Some(_) => tails.push((p, None, 2)),
        None => return None,
    }
    let mut readings: Vec<(String, String, u8, Vec<char>)> = Vec::new();
    for (q, s2, c2) in tails {
        let seps: Vec<usize> = q.iter().enumerate().filter(|(_, c)| is_sep(**c)).map(|(i, _)| i).collect();
        let mut seplist: Vec<char> = s2.into_iter().collect();
        match seps.as_slice() {
            [k] => {
                let d: String = q[..*k].iter().collect();
                let m: String = q[k + 1..].iter().collect();
                if day_month_ok(&d, &m) {
                    seplist.push(q[*k]);
                    readings.push((d, m, c2, seplist));
                }
            }
            [] => {
                for k in 1..=2usize.min(q.len()) {
                    let d: String = q[..k].iter().collect();
                    let m: String = q[k..].iter().collect();
                    if day_month_ok(&d, &m) {
                        readings.push((d.clone(), m, c2 + 2, seplist.clone()));
                    }
                    // The slash read as a digit: `7` (slanted) most often,
                    // `1` too ("1716/2026" in the dev fax scans), a little
                    // dearer. (`2` also occurs, "1524:2025", but would read
                    // "1023:2026" as 10/3 on no better evidence.)
                    if let Some(extra) = match q.get(k) {
                        Some('7') => Some(0),
                        Some('1') => Some(1),
                        _ => None,
                    } {
                        let m: String = q[k + 1..].iter().collect();
                        if day_month_ok(&d, &m) {
                            readings.push((d, m, c2 + 2 + extra, seplist.clone()));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    let best = readings.iter().map(|r| r.2).min()?;
    let mut top = readings.iter().filter(|r| r.2 == best);
    let (d, m, cost, seps) = top.next()?;
    if top.any(|r| (&r.0, &r.1) != (d, m)) {
        return None;
    }
    let out = format!("{d}/{m}/{year}");
    if out == core {
        return None;
    }
    let after_ngay = prev == "ngày";
    if *cost == 0 {
        let colon = seps.iter().any(|&c| matches!(c, ':' | '\'' | '’' | '⁄'));
        let mixed = seps.windows(2).any(|w| w[0] != w[1]);
        if colon {
            Some((out, 0.95))
        } else if mixed && after_ngay {
            Some((out, 0.9))
        } else {
            None
        }
    } else {
        after_ngay.then_some((out, 0.85))
    }
}

/// State symbol with a year: number, year, type-issuer.
static SYMBOL_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^
        (?P<num>[0-9]{1,5})
        (?P<s1>[:/'’.⁄]?)                     # the slash as read, or nothing
        (?P<year>(?:19|20)[0-9]{2})
        (?P<s2>[:/'’.⁄7-]{0,2})
        (?P<code>[\p{Lu}0-9][\p{L}0-9&]*(?:-[\p{L}0-9&]+)*)$",
    )
    .unwrap_or_else(|e| panic!("SYMBOL_YEAR: {e}"))
});

/// State symbol without a year: number, type-issuer (or, in a công
/// văn's, issuer-unit).
static SYMBOL_PLAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^
        (?P<num>[0-9]{1,5})
        (?P<s>[:/'’⁄]?)
        (?P<ty>[\p{Lu}0-9][\p{L}0-9]{0,5})
        -(?P<iss>\p{Lu}[\p{L}0-9&]*)$",
    )
    .unwrap_or_else(|e| panic!("SYMBOL_PLAIN: {e}"))
});

/// Party symbol: number-type/issuer.
static SYMBOL_PARTY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<num>[0-9]{1,4})-(?P<ty>\p{Lu}{2,3})(?P<s>[?:'’/-])(?P<iss>\p{Lu}{2,6})$")
        .unwrap_or_else(|e| panic!("SYMBOL_PARTY: {e}"))
});

/// A document number whose slashes or codes the OCR damaged.
fn symbol(prev: &str, core: &str) -> Option<(String, f64)> {
    if !core.bytes().next().is_some_and(|b| b.is_ascii_digit()) || !core.chars().any(char::is_uppercase) {
        return None;
    }
    let orig = core;
    // Tesseract's Icelandic eth for the Vietnamese Đ.
    let core: String = core.chars().map(|c| if c == 'Ð' { 'Đ' } else { c }).collect();
    if let Some(c) = SYMBOL_YEAR.captures(&core) {
        let mut num = c.name("num")?.as_str().to_string();
        let s1 = c.name("s1")?.as_str();
        let year = c.name("year")?.as_str();
        let s2 = c.name("s2")?.as_str();
        let code = c.name("code")?.as_str();
        let mut conf: f64 = 0.9;
        // No separator before the year: the number swallowed it as a `7`
        // (the usual reading of a slanted slash). Without that `7` the
        // slash may as well have become any other digit ("14722025" is
        // 1472/2025 or 147/2025): the parser, which sees the citation,
        // reads such a symbol or declines, so no guess is made here.
        if s1.is_empty() {
            if num.len() >= 2 && num.ends_with('7') && !num.starts_with('0') {
                num.pop();
                conf = if s2.contains('7') { 0.85 } else { 0.7 };
            } else {
                return None;
            }
        }
        let mut parts: Vec<String> =
            code.split('-').map(|p| crate::lang::symbol::fix_code(p).to_string()).collect();
        if let Some(last) = parts.last_mut() {
            if let Some(q) = crate::lang::symbol::fix_assembly(last) {
                *last = q;
            }
        }
        if parts.iter().any(|p| !p.chars().any(char::is_uppercase)) {
            return None;
        }
        let code = parts.join("-");
        let standard = matches!(prev, "qcvn" | "tcvn");
        let s1 = if standard { ":" } else { "/" };
        if !standard && parts.len() == 1 && !parts[0].starts_with("QH") {
            return None;
        }
        let out = format!("{num}{s1}{year}/{code}");
        return (out != orig).then_some((out, conf));
    }
    if let Some(c) = SYMBOL_PLAIN.captures(&core) {
        let mut num = c.name("num")?.as_str().to_string();
        let s = c.name("s")?.as_str();
        let ty = crate::lang::symbol::fix_code(c.name("ty")?.as_str());
        let iss = crate::lang::symbol::fix_code(c.name("iss")?.as_str());
        // A type code ("113KH-UBND"), or the issuer's code that opens a
        // công văn's symbol ("502UBND-KT": 502/UBND-KT).
        if !crate::lang::codes::TYPE_CODES.contains(&ty) && !crate::lang::symbol::is_issuer(ty) {
            return None;
        }
        let mut conf = 0.9;
        if s.is_empty() {
            conf = 0.8;
            if num.len() >= 3 && num.ends_with('7') && !num.starts_with('0') {
                num.pop();
                conf = 0.7;
            }
        }
        let out = format!("{num}/{ty}-{iss}");
        return (out != orig).then_some((out, conf));
    }
    if let Some(c) = SYMBOL_PARTY.captures(&core) {
        let num = c.name("num")?.as_str();
        let ty = crate::lang::symbol::fix_code(c.name("ty")?.as_str());
        let iss = match crate::lang::symbol::fix_code(c.name("iss")?.as_str()) {
            "EU" | "TƯ" => "TU",
            x => x,
        };
        if !crate::lang::codes::TYPE_CODES.contains(&ty) || !crate::lang::symbol::is_party_issuer(iss) {
            return None;
        }
        let out = format!("{num}-{ty}/{iss}");
        return (out != orig).then_some((out, 0.9));
    }
    None
}

/// "4.758.5 MW" → "4.758,5 MW": Vietnamese groups thousands with `.` in
/// threes and writes the decimal comma, so a last group of one or two
/// digits after full groups is the decimal comma read as a period. With a
/// single `.` ("33.59") the number may be written in the English style on
/// purpose, and is left alone.
fn decimal_comma(core: &str) -> Option<(String, f64)> {
    static GROUPED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[0-9]{1,3}(?:\.[0-9]{3})+\.[0-9]{1,2}$").expect("valid regex"));
    if !GROUPED.is_match(core) {
        return None;
    }
    let (int, frac) = core.rsplit_once('.')?;
    Some((format!("{int},{frac}"), 0.85))
}

/// "quý 12026" → "quý I/2026": after `quý` the numeral is Roman (26 to 1
/// in corpus/lm), and `1`, `l`, `|` are how OCR reads `I`. "quý 1/2026" is
/// also how some offices write it (the real NQ 34 does), so a slashed
/// Arabic form changes only where the document writes other quarters in
/// Roman (`roman_doc`).
fn quarter(prev: &str, core: &str, roman_doc: bool) -> Option<(String, f64)> {
    if prev != "quý" || (core.contains('/') && !roman_doc) {
        return None;
    }
    let chars: Vec<char> = core.chars().collect();
    let (head, year): (&[char], Option<String>) = match chars.iter().position(|&c| c == '/') {
        Some(i) => (&chars[..i], Some(chars[i + 1..].iter().collect())),
        None if chars.len() >= 5 => {
            (&chars[..chars.len() - 4], Some(chars[chars.len() - 4..].iter().collect()))
        }
        None => (&chars[..], None),
    };
    if let Some(y) = &year {
        if y.len() != 4
            || !(y.starts_with("19") || y.starts_with("20"))
            || !y.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
    }
    if head.is_empty() || head.len() > 3 || !head.contains(&'1') {
        return None;
    }
    let head: String = head.iter().collect();
    let roman = crate::lang::numeral::roman(crate::lang::numeral::quarter(&head)?)?;
    Some((
        match year {
            Some(y) => format!("{roman}/{y}"),
            None => roman.to_string(),
        },
        0.85,
    ))
}

/// Letters of Vietnamese list markers, in order.
const ALPHABET: &[char] = &[
    'a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v',
    'x', 'y',
];

/// A line-initial list marker `x)` as read: its clean letter index, or
/// `None` for a damaged one (`ä)`, `€}`, `4)`).
fn marker(full: &str) -> Option<Option<usize>> {
    let mut cs = full.chars();
    let close = full.chars().last()?;
    if !matches!(close, ')' | '}') {
        return None;
    }
    let body: Vec<char> = cs.by_ref().take(full.chars().count() - 1).collect();
    if body.is_empty() || body.len() > 2 || body.iter().any(|c| c.is_whitespace() || matches!(c, '(' | ')')) {
        return None;
    }
    if close == ')' && body.len() == 1 {
        if let Some(i) = ALPHABET.iter().position(|&a| a == body[0]) {
            return Some(Some(i));
        }
    }
    Some(None)
}

/// Looks like a letter that OCR made of `a`…`y` (not punctuation alone).
fn markerish(full: &str) -> bool {
    full.chars().next().is_some_and(|c| c.is_alphanumeric() || matches!(c, '€' | '©' | '@' | '+' | 'Œ' | 'ø'))
}

/// Whether a damaged marker's body holds the letter or a glyph Tesseract
/// reads for it (`4)` `ä)` for `a)`, `€)` `©)` for `c)`, `6)` for `e)`).
fn looks_like(full: &str, letter: char) -> bool {
    let alike: &str = match letter {
        'a' => "4äàáâã@3+ạ",
        'b' => "6hḅ",
        'c' => "€©(¢eo",
        'd' => "đŒ@®q",
        'đ' => "d",
        'e' => "6©€éèc",
        'g' => "ø89qọ",
        'h' => "bn",
        'i' => "1ï¡jlí",
        _ => "",
    };
    full.chars().any(|c| c == letter || alike.contains(c))
}

/// Roman section headings `I.` `II.`… at line start, and their OCR forms.
fn roman_value(s: &str) -> Option<usize> {
    crate::lang::numeral::value(s).map(|v| v as usize)
}

/// A token OCR may have made of a Roman heading number: numeral
/// look-alikes (capitals, and the `l` of a serif `I`) and a `T`.
fn romanish(core: &str) -> bool {
    let glyph = |c: char| {
        c == 'T' || (crate::lang::numeral::lookalike(c).is_some() && (!c.is_lowercase() || c == 'l'))
    };
    !core.is_empty() && core.chars().count() <= 4 && core.chars().all(glyph)
}

fn roman_of(v: usize) -> Option<&'static str> {
    crate::lang::numeral::roman(u32::try_from(v).ok()?)
}

/// Whether the token after a heading marker is an upper-case word.
fn caps_word(w: Option<&Word<'_>>) -> bool {
    w.is_some_and(|w| {
        let (_, core, _) = peel(w.full);
        core.chars().count() >= 2
            && core.chars().all(|c| !c.is_lowercase())
            && core.chars().any(char::is_uppercase)
    })
}

/// List markers and section headings, by their place in the sequence.
fn sequences(ws: &[Word<'_>], out: &mut Vec<Change>) {
    // Letter markers a) b) c)…
    let marks: Vec<(usize, Option<usize>)> = ws
        .iter()
        .enumerate()
        .filter(|(_, w)| w.line_start)
        .filter_map(|(i, w)| marker(w.full).map(|m| (i, m)))
        .collect();
    for k in 0..marks.len() {
        let (wi, m) = marks[k];
        let prev = k.checked_sub(1).and_then(|j| marks.get(j)).and_then(|x| x.1);
        let next = marks.get(k + 1).and_then(|x| x.1);
        let expect = match (prev, next) {
            (Some(p), Some(n)) if n == p + 2 => Some(p + 1),
            (None, Some(1)) => Some(0),
            (Some(p), None) if m.is_none() && k + 1 == marks.len() => Some(p + 1),
            _ => None,
        };
        let Some(e) = expect else { continue };
        let Some(&letter) = ALPHABET.get(e) else { continue };
        let w = &ws[wi];
        // A clean letter out of turn ("d) d) e)") is as often the
        // document's own slip as an OCR one: only look-alikes change.
        if m.is_some() || !markerish(w.full) || !looks_like(w.full, letter) {
            continue;
        }
        if let Some(c) = change(w, &format!("{letter})"), 0.85, RepairReason::Marker) {
            out.push(c);
        }
    }
    // A clean marker closed with a brace: "c}" → "c)".
    for w in ws.iter().filter(|w| w.line_start) {
        let cs: Vec<char> = w.full.chars().collect();
        if let [l, '}'] = cs.as_slice() {
            if ALPHABET.contains(l) {
                if let Some(c) = change(w, &format!("{l})"), 0.9, RepairReason::Marker) {
                    out.push(c);
                }
            }
        }
    }
    // Roman headings I. II. III. followed by an upper-case title (or
    // glued to it, "I.MỤC").
    let heads: Vec<(usize, Option<usize>)> = ws
        .iter()
        .enumerate()
        .filter(|(_, w)| w.line_start)
        .filter_map(|(i, w)| {
            if let Some((num, title)) = w.full.split_once('.') {
                if title.chars().count() >= 2 && title.chars().all(|c| c.is_alphabetic() && !c.is_lowercase())
                {
                    return roman_value(num).map(|v| (i, Some(v)));
                }
            }
            if !caps_word(ws.get(i + 1)) {
                return None;
            }
            // Without its period the numeral itself is suspect too
            // ("II NHIỆM VỤ" for "III. NHIỆM VỤ").
            let core = w.full.strip_suffix(['.', ',']).unwrap_or(w.full);
            match roman_value(core) {
                Some(v) if w.full.ends_with('.') => Some((i, Some(v))),
                _ if romanish(core) => Some((i, None)),
                _ => None,
            }
        })
        .collect();
    // The whole run of headings, when every clean one sits at its rank,
    // numbers the damaged ones; otherwise only two clean neighbours do.
    // Without a clean one, a run of two or more where some numeral has a
    // letter in it ("1. … 1L. … 1H.") is Roman too.
    let lettered = heads.iter().any(|h| h.1.is_none() && ws[h.0].full.chars().any(|c| c.is_alphabetic()));
    let chain = (heads.iter().any(|h| h.1.is_some()) || (heads.len() >= 2 && lettered))
        && heads.iter().enumerate().all(|(k, h)| h.1.is_none_or(|v| v == k + 1));
    for k in 0..heads.len() {
        let (wi, v) = heads[k];
        if v.is_some() {
            continue;
        }
        let prev = k.checked_sub(1).and_then(|j| heads.get(j)).and_then(|x| x.1);
        let next = heads.get(k + 1).and_then(|x| x.1);
        let expect = if chain {
            Some(k + 1)
        } else {
            match (prev, next) {
                (Some(p), Some(n)) if n == p + 2 => Some(p + 1),
                (None, Some(2)) => Some(1),
                _ => None,
            }
        };
        let Some(r) = expect.and_then(roman_of) else { continue };
        let w = &ws[wi];
        if let Some(c) = change(w, &format!("{r}."), 0.85, RepairReason::Numeral) {
            out.push(c);
        }
    }
    // "[trong", "[heo" opening a line: Tesseract's reading of a capital T
    // (as `[` or as `[t`), or of an L that starts a place name anywhere.
    // No line of corpus/lm opens with `[` + word without closing it.
    for (i, w) in ws.iter().enumerate() {
        let Some(rest) = w.full.strip_prefix('[') else { continue };
        let closed = ws[i..]
            .iter()
            .enumerate()
            .take_while(|(k, x)| *k == 0 || !x.line_start)
            .any(|(_, x)| x.full.contains(']'));
        let (_, core, trail) = peel(rest);
        if closed || core.len() != rest.len() - trail.len() || !core.chars().all(char::is_alphabetic) {
            continue;
        }
        let title = |s: &str| {
            let mut cs = s.chars();
            cs.next().map(|c| c.to_uppercase().chain(cs).collect::<String>()).unwrap_or_default()
        };
        let with_t = format!("T{core}");
        // `[` is as much an `L` as a `T` to Tesseract (the place line
        // "[ào Cai, ngày …" of a Lào Cai document): the letter that makes
        // the word and the capitalized word after it a place name wins.
        let with_l = format!("L{core}");
        let next_core = ws.get(i + 1).filter(|x| !x.line_start).map(|x| peel(x.full).1).unwrap_or("");
        let names_place = |first: &str| {
            trail.is_empty()
                && next_core.starts_with(char::is_uppercase)
                && crate::lang::places::lookup_words(&[first, next_core]).next().is_some()
        };
        // Inside a line only the place reading is evidence enough (the
        // place line often follows the number on the same line).
        let to = if core.starts_with(char::is_lowercase) && !names_place(&with_t) && names_place(&with_l) {
            with_l
        } else if !w.line_start {
            continue;
        } else if core.starts_with(char::is_lowercase) && !core.starts_with('t') && is_valid(&with_t) {
            with_t
        } else {
            title(core)
        };
        if is_valid(&to) {
            if let Some(c) = change(w, &format!("{to}{trail}"), 0.85, RepairReason::Nonword) {
                out.push(c);
            }
        }
    }
}

/// Confidence of a Roman numeral read from its look-alikes alone, where
/// its place says it is one but no neighbouring heading gives its rank:
/// below the rank-checked headings' 0.85.
const LOOKALIKE_NUMERAL_CONFIDENCE: f64 = 0.75;

/// Letters an upper-case heading has at least, after a damaged Roman
/// label, for the label to be read ("1L. PHƯƠNG HƯỚNG", not "1L. Về").
const HEADING_LETTERS: usize = 6;

/// Roman numerals OCR damaged where only a numeral stands, read from the
/// look-alike table ([`crate::lang::numeral::read_damaged`], II to XX):
///
/// * a label opening a line before an upper-case heading ("1L. PHƯƠNG
///   HƯỚNG" → "II.", "HI- NHIỆM VỤ" → "III-"), the only place Roman
///   labels stand in the genre, when the rank rule in [`sequences`] said
///   nothing;
/// * the number of a regional office ("Kho bạc Nhà nước khu vực VIH" →
///   "VIII"), which the genre writes in Roman.
///
/// A token already a numeral never changes.
fn damaged_numerals(ws: &[Word<'_>], out: &mut Vec<Change>) {
    use crate::lang::numeral::read_damaged;
    let numeralish =
        |r: &str| !r.is_empty() && r.chars().count() <= 4 && !r.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    let changed: std::collections::HashSet<usize> = out.iter().map(|c| c.start).collect();
    for (i, w) in ws.iter().enumerate() {
        // Only tokens of numeral glyphs are looked at (a cheap first test:
        // nearly every word fails it on its first char).
        if w.full.chars().next().and_then(crate::lang::numeral::lookalike).is_none() {
            continue;
        }
        if changed.contains(&w.start) {
            continue;
        }
        if w.line_start {
            let Some(sep) = w.full.chars().last().filter(|c| matches!(c, '.' | '-')) else { continue };
            let r = &w.full[..w.full.len() - sep.len_utf8()];
            if !numeralish(r)
                || !r.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | '1' | 'l' | 'L' | '|' | '!' | 'H'))
            {
                continue;
            }
            let body: Vec<&str> = ws[i + 1..].iter().take_while(|x| !x.line_start).map(|x| x.full).collect();
            let letters = body.iter().flat_map(|b| b.chars()).filter(|c| c.is_alphabetic()).count();
            let upper = !body.iter().any(|b| b.chars().any(char::is_lowercase));
            if body.is_empty() || letters < HEADING_LETTERS || !upper {
                continue;
            }
            if let Some(fixed) = read_damaged(r, 2..=20) {
                let to = format!("{fixed}{sep}");
                if let Some(c) = change(w, &to, LOOKALIKE_NUMERAL_CONFIDENCE, RepairReason::Numeral) {
                    out.push(c);
                }
            }
            continue;
        }
        let after_khu_vuc =
            i >= 2 && lm_form(peel(ws[i - 2].full).1) == "khu" && lm_form(peel(ws[i - 1].full).1) == "vực";
        if after_khu_vuc {
            let (lead, core, trail) = peel(w.full);
            if !lead.is_empty() || !numeralish(core) {
                continue;
            }
            if let Some(fixed) = read_damaged(core, 2..=20) {
                let to = format!("{fixed}{trail}");
                if let Some(c) = change(w, &to, LOOKALIKE_NUMERAL_CONFIDENCE, RepairReason::Numeral) {
                    out.push(c);
                }
            }
        }
    }
}

/// Glyph pairs Tesseract confuses in upper-case codes, cheap to swap.
fn glyph_cost(a: char, b: char) -> f32 {
    const SETS: &[&str] = &["C€GŒ©(", "LI1l|ÏÍÌ", "DĐÐ", "O0QÓÔÒ", "UƯÚLV", "NÑ", "TŤ7", "KR", "HN"];
    if a == b {
        0.0
    } else if SETS.iter().any(|s| s.contains(a) && s.contains(b)) {
        0.4
    } else {
        1.0
    }
}

/// Edit distance under [`glyph_cost`]; stray `.` `,` cost little.
fn code_distance(ocr: &[char], code: &[char]) -> f32 {
    let indel = |c: char| if matches!(c, '.' | ',' | '\'') { 0.4 } else { 1.0 };
    let mut prev: Vec<f32> = (0..=code.len()).map(|j| j as f32).collect();
    for &a in ocr {
        let mut cur = vec![prev[0] + indel(a); code.len() + 1];
        for (j, &b) in code.iter().enumerate() {
            cur[j + 1] = (prev[j] + glyph_cost(a, b)).min(prev[j + 1] + indel(a)).min(cur[j] + 1.0);
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(f32::INFINITY)
}

/// An upper-case code the document uses: 2–6 capitals, no syllable.
fn is_code(core: &str) -> bool {
    let n = core.chars().count();
    (2..=6).contains(&n) && core.chars().all(|c| c.is_ascii_uppercase() || c == 'Đ') && !is_valid(core)
}

/// Acronyms the document itself writes often (`KCN`, `VLNCN`, `UBND`)
/// repair their OCR look-alikes in the same document (`K€N`, `VUNCN`,
/// `BND`): the evidence is the document's own usage, three times or more.
/// The look-alike must be no syllable and no word of the language model
/// (`known`: `KCX` beside `KCN` is a code of its own), and rarer than the
/// code by half (an OCR habit repeats, `VUNCN` for `VLNCN`).
fn acronyms(ws: &[Word<'_>], known: &dyn Fn(&str) -> bool, out: &mut Vec<Change>) {
    // Only cores with two capitals can be codes or their look-alikes.
    let capitals = |s: &str| s.chars().filter(|c| c.is_uppercase()).take(2).count() == 2;
    let mut counts: FastMap<&str, usize> = FastMap::default();
    for w in ws {
        let core = peel(w.full).1;
        if core.len() <= 24 && capitals(core) {
            *counts.entry(core).or_default() += 1;
        }
    }
    let codes: Vec<(Vec<char>, &str)> = counts
        .iter()
        .filter(|(c, n)| **n >= 3 && is_code(c))
        .map(|(c, _)| (c.chars().collect(), *c))
        .collect();
    if codes.is_empty() {
        return;
    }
    for w in ws {
        let (lead, core, trail) = peel(w.full);
        if !counts.contains_key(core) {
            continue;
        }
        let cs: Vec<char> = core.chars().collect();
        let letters = cs.iter().filter(|c| c.is_alphabetic()).count();
        let upper = cs.iter().filter(|c| c.is_uppercase()).count();
        if cs.len() < 2
            || cs.len() > 8
            || upper * 5 < letters * 4
            || upper < 2
            || known(core)
            || is_valid(core)
            || cs.iter().any(|c| c.is_ascii_digit() && !matches!(c, '1' | '0' | '7'))
        {
            continue;
        }
        let mut best: Option<(f32, &str)> = None;
        let mut tie = false;
        for (code, name) in &codes {
            // A look-alike used three times is in the list itself.
            if *name == core || code.len().abs_diff(cs.len()) > 1 {
                continue;
            }
            let d = code_distance(&cs, code);
            match best {
                Some((b, _)) if (d - b).abs() < 1e-3 => tie = true,
                Some((b, _)) if d > b => {}
                _ => {
                    best = Some((d, name));
                    tie = false;
                }
            }
        }
        let Some((d, name)) = best else { continue };
        // One arbitrary edit is enough evidence against a long code
        // (`BND`, `OBND` for `UBND`); short codes need a look-alike glyph.
        let limit = if name.chars().count() >= 4 { 1.0 } else { 0.85 };
        let seen = counts.get(core).copied().unwrap_or(0);
        let code_n = counts.get(name).copied().unwrap_or(0);
        // An OCR habit can repeat often (`VUNCN` 5 times beside `VLNCN` 8
        // in a dev fax scan): one look-alike glyph away, being rarer is
        // enough.
        let rarer = if d <= 0.4 { seen < code_n } else { seen * 2 <= code_n };
        if tie || d > limit || d == 0.0 || !rarer {
            continue;
        }
        if let Some(c) = change(w, &format!("{lead}{name}{trail}"), 0.8, RepairReason::Acronym) {
            out.push(c);
        }
    }
}

/// "Căn cứ Luật …: Căn cứ Nghị định …": the legal bases of a preamble are
/// a list closed by `;`, so a `:` ending one "Căn cứ" clause right before
/// the next is the OCR's reading of `;`. No such colon occurs in corpus/lm;
/// in corpus/train-ocr 8 of the 9 are misread semicolons.
fn preamble_colon(ws: &[Word<'_>], i: usize) -> bool {
    // Compared without marks: the OCR reads "Căn" as "Cần" as often.
    let bare = |k: usize| ws.get(k).map(|w| strip(peel(w.full).1)).unwrap_or_default();
    let opens = |k: usize| bare(k) == "can" && bare(k + 1) == "cu" && ws[k].full.starts_with('C');
    if !(i + 2 < ws.len() && opens(i + 1)) {
        return false;
    }
    // The clause this colon closes opened with "Căn cứ", and nothing
    // closed it before.
    for k in (i.saturating_sub(60)..i).rev() {
        if opens(k) {
            return k + 1 < i;
        }
        if peel(ws[k].full).2.ends_with([';', ':']) {
            return false;
        }
    }
    false
}

/// "… chưa khắc phục: quy hoạch chưa tốt: phát triển quá nhanh: …": once
/// a sentence has opened a list with `:`, its items are closed by `;`, so
/// a second `:` between lower-case words is the OCR's reading of `;`.
///
/// Measured with the prototype of this rule: in corpus/train-ocr and the
/// dev scans `vie` output 24 of 26 such colons are semicolons (the two
/// others: "(gồm: họ và tên", a bracketed aside, now excluded); in the
/// 3.5 M words of corpus/lm plus the dev resolutions it fires 181 times
/// (labels such as "Đơn vị tính: triệu đồng"), about 5 per 100 k words.
/// The sentence is followed back across wrapped lines (a line ending in a
/// letter or comma, continued in lower case) and at most 80 words; a `;`
/// on the way means the list already has its separators.
/// Words that end the clause introducing a list ("như sau:", "gồm:",
/// "cụ thể:", "trong đó:"): their colon is real wherever it stands.
const INTRODUCERS: &[&str] = &["sau", "gồm", "như", "là", "đây", "đó", "thể", "bao"];

fn enumeration_colon(ws: &[Word<'_>], i: usize) -> bool {
    let Some(w) = ws.get(i) else { return false };
    let (lead, core, trail) = peel(w.full);
    let lower_end = core.chars().last().is_some_and(|c| c.is_alphabetic() && c.is_lowercase());
    if trail != ":" || !lead.is_empty() || !lower_end || !is_valid(core) || INTRODUCERS.contains(&core) {
        return false;
    }
    let Some(next) = ws.get(i + 1) else { return false };
    let (next_lead, next_core, next_trail) = peel(next.full);
    let opens_lower = next_lead.is_empty() && next_core.chars().next().is_some_and(char::is_lowercase);
    // "a)" opens a lettered item, which a real colon introduces.
    let marker = next_core.chars().count() == 1 && next_trail.starts_with(')');
    if !opens_lower || marker || next.line_start {
        return false;
    }
    for k in (i.saturating_sub(80)..i).rev() {
        // A line that does not continue the sentence starts a new one.
        if ws[k + 1].line_start {
            let wraps = ws[k].full.ends_with(|c: char| c.is_alphabetic() || c == ',');
            if !wraps || !ws[k + 1].full.starts_with(char::is_lowercase) {
                return false;
            }
        }
        let trail_k = peel(ws[k].full).2;
        // After a `;` the items are already closed by semicolons, and a
        // colon there opens a nested list ("…; các mục tiêu: phục vụ …").
        if trail_k.contains(['.', '!', '?', ';']) {
            return false;
        }
        if trail_k.ends_with(':') {
            // "Nơi nhận: Như trên: …" and other label runs are short.
            return i - k > 3;
        }
    }
    false
}

/// Numbered notes and markers with a damaged bracket: "(9}" → "(9)",
/// "C3)" → "(3)", "[3)" → "(3)" where a note opens (line start or after
/// a full stop; "(nhóm C3)" is a grade, not a note).
fn bracket(full: &str, opens: bool) -> Option<String> {
    if full.len() > 5 || !full.starts_with(['(', 'C', '[', '{']) {
        return None;
    }
    let cs: Vec<char> = full.chars().collect();
    let (&first, rest) = cs.split_first()?;
    let (&last, body) = rest.split_last()?;
    let digits = !body.is_empty() && body.len() <= 2 && body.iter().all(char::is_ascii_digit);
    match (first, last) {
        ('(', '}' | ']') if digits => Some(format!("({})", body.iter().collect::<String>())),
        ('C' | '[' | '{', ')') if digits && opens => Some(format!("({})", body.iter().collect::<String>())),
        _ => None,
    }
}

/// "kinh tế ven biển. khu kinh tế": a period between two lower-case words
/// is a comma the scan thinned. In corpus/lm a syllable, `.`, and a
/// lower-case syllable occur 46 times in 3 M tokens (mostly extraction
/// debris); in corpus/train-ocr `vie` output 39 of 41 such periods are
/// commas. List markers (`b)`, `c.`) and abbreviations after the period
/// do not count.
fn comma_read_as_period(core: &str, next: Option<&Word<'_>>) -> bool {
    let Some(next) = next else { return false };
    let lower_syllable = |w: &str| {
        w.chars().count() >= 2 && w.chars().all(|c| c.is_alphabetic() && c.is_lowercase()) && is_valid(w)
    };
    let nxt = next.full.trim_end_matches([',', ';']);
    lower_syllable(core) && lower_syllable(nxt)
}

/// What the rules decided for a text.
#[derive(Debug, Clone, Default)]
pub struct Decided {
    /// The changes, in text order, none overlapping.
    pub changes: Vec<Change>,
    /// Char spans of the whole tokens the changes touch: the word decoder
    /// must leave these tokens alone, or a rule's `[`→`T` and the
    /// decoder's `rong`→`trong` would both apply.
    pub tokens: Vec<std::ops::Range<usize>>,
}

/// The changes these rules make in `text`, at or above `min_confidence`.
///
/// `known` tells whether a token is a word of the language model (then
/// it is no OCR look-alike of a document's acronym).
pub fn decide(text: &str, min_confidence: f64, known: &dyn Fn(&str) -> bool) -> Decided {
    let ws = words(text);
    let mut out = Vec::new();
    let roman_doc = ws.windows(2).any(|p| {
        peel(p[1].full).1.split('/').next().is_some_and(|r| matches!(r, "II" | "III" | "IV"))
            && lm_form(peel(p[0].full).1) == "quý"
    });
    let mut prev_percent = false;
    for (i, w) in ws.iter().enumerate() {
        let (lead, core, trail) = peel(w.full);
        if trail.ends_with(':') && (preamble_colon(&ws, i) || enumeration_colon(&ws, i)) {
            let to = format!("{};", &w.full[..w.full.len() - 1]);
            if let Some(c) = change(w, &to, 0.9, RepairReason::Punctuation) {
                out.push(c);
            }
        }
        if trail == "." && lead.is_empty() && comma_read_as_period(core, ws.get(i + 1)) {
            if let Some(c) = change(w, &format!("{core},"), 0.8, RepairReason::Punctuation) {
                out.push(c);
            }
        }
        if w.full == "~" && w.line_start {
            // A list dash read as a tilde: Vietnamese text has no other use
            // for a lone tilde opening a line.
            if let Some(c) = change(w, "-", 0.9, RepairReason::Punctuation) {
                out.push(c);
            }
            continue;
        }
        let opens =
            w.line_start || i.checked_sub(1).is_some_and(|j| peel(ws[j].full).2.ends_with(['.', ';', ':']));
        if !core.bytes().any(|b| b.is_ascii_digit()) {
            prev_percent = false;
            if let Some(to) = bracket(w.full, opens) {
                if let Some(c) = change(w, &to, 0.9, RepairReason::Marker) {
                    out.push(c);
                }
            }
            continue;
        }
        if let Some(to) = bracket(w.full, opens) {
            if let Some(c) = change(w, &to, 0.9, RepairReason::Marker) {
                out.push(c);
            }
            prev_percent = false;
            continue;
        }
        let prev_core = i.checked_sub(1).map(|j| peel(ws[j].full).1).unwrap_or("");
        let prev = lm_form(prev_core);
        let next = ws.get(i + 1).map(|n| lm_form(peel(n.full).1)).unwrap_or_default();
        let prev_percent_was = prev_percent;
        let context = PERCENT_CONTEXT.contains(&prev.as_ref()) || prev_percent;
        prev_percent = core.ends_with('%');
        let tag = |reason| move |(to, conf)| (to, conf, reason);
        let found = percent(context, prev_percent_was, core, trail, &next)
            .map(tag(RepairReason::Percent))
            .or_else(|| date(&prev, core).map(tag(RepairReason::Date)))
            .or_else(|| symbol(&prev, core).map(tag(RepairReason::Symbol)))
            .or_else(|| quarter(&prev, core, roman_doc).map(tag(RepairReason::Numeral)))
            .or_else(|| decimal_comma(core).map(tag(RepairReason::Numeral)));
        if let Some((to, conf, reason)) = found {
            prev_percent = to.ends_with('%');
            if let Some(c) = change(w, &format!("{lead}{to}{trail}"), conf, reason) {
                out.push(c);
            }
        }
    }
    sequences(&ws, &mut out);
    damaged_numerals(&ws, &mut out);
    acronyms(&ws, known, &mut out);
    out.retain(|c| c.confidence >= min_confidence);
    out.sort_by_key(|c| (c.start, c.end));
    // One change per stretch of text: two rules on one token keep the first.
    super::change::drop_overlapping(&mut out);
    let tokens = out
        .iter()
        .filter_map(|c| {
            let k = ws.partition_point(|w| w.start <= c.start).checked_sub(1)?;
            let w = ws.get(k)?;
            Some(w.start..w.start + w.full.chars().count())
        })
        .collect();
    Decided { changes: out, tokens }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(s: &str) -> String {
        let ch: Vec<char> = s.chars().collect();
        let mut out = String::new();
        let mut at = 0;
        for c in decide(s, 0.5, &|_| false).changes {
            out.extend(&ch[at..c.start]);
            out.push_str(&c.to);
            at = c.end;
        }
        out.extend(&ch[at..]);
        out
    }

    #[test]
    fn damaged_numerals_read_from_their_lookalikes() {
        // A lone damaged label before an upper-case heading.
        let s = "Nội dung như sau:\n1L. PHƯƠNG HƯỚNG NHIỆM VỤ\nCác sở thực hiện.\n";
        assert_eq!(apply(s), s.replace("1L.", "II."));
        // Before a sentence, no label is read.
        let s = "Nội dung như sau:\n1L. Về công tác\n";
        assert_eq!(apply(s), s);
        // The regional office's number.
        let s = "Kho bạc Nhà nước khu vực VIH thực hiện";
        assert_eq!(apply(s), s.replace("VIH", "VIII"));
        let s = "Kho bạc Nhà nước khu vực VIII thực hiện";
        assert_eq!(apply(s), s);
    }

    #[test]
    fn dates() {
        assert_eq!(date("ngày", "12:11:2024"), Some(("12/11/2024".into(), 0.95)));
        assert_eq!(date("ngày", "18672015").map(|x| x.0), Some("18/6/2015".into()));
        assert_eq!(date("ngày", "12/0272009").map(|x| x.0), Some("12/02/2009".into()));
        assert_eq!(date("ngày", "1716/2026").map(|x| x.0), Some("17/6/2026".into()));
        assert_eq!(date("ngày", "31-3/2025").map(|x| x.0), Some("31/3/2025".into()));
        assert_eq!(date("ngày", "20-3-2024"), None);
        assert_eq!(date("ngày", "15/3/2024"), None);
        assert_eq!(date("ngày", "1023:2026"), None);
        assert_eq!(date("năm", "2912:2025"), None);
    }

    #[test]
    fn symbols() {
        let s = |c: &str| symbol("số", c).map(|x| x.0);
        assert_eq!(s("29:20087NĐ-CP"), Some("29/2008/NĐ-CP".into()));
        assert_eq!(s("61:2024/Q1115"), Some("61/2024/QH15".into()));
        assert_eq!(s("113KH-UBND"), Some("113/KH-UBND".into()));
        assert_eq!(s("502UBND-KT"), Some("502/UBND-KT".into()));
        assert_eq!(s("873'SXD-QLGT"), Some("873/SXD-QLGT".into()));
        assert_eq!(s("502ABCD-KT"), None);
        assert_eq!(s("16-CT?TU"), Some("16-CT/TU".into()));
        assert_eq!(s("08-DA-TU"), Some("08-ĐA/TU".into()));
        assert_eq!(s("12-NQ/TU"), None);
        assert_eq!(s("14722025/QH15"), None);
        assert_eq!(s("68/2022/QH15"), None);
        assert_eq!(symbol("qcvn", "01:2019:BCT").map(|x| x.0), Some("01:2019/BCT".into()));
        assert_eq!(symbol("qcvn", "02:2009/BYT"), None);
    }

    #[test]
    fn a_bracket_opening_a_line_is_the_capital_its_word_needs() {
        // T by default, L where it makes a place with the next word.
        assert_eq!(apply("[heo dõi việc thực hiện\n"), "Theo dõi việc thực hiện\n");
        assert_eq!(apply("[ào Cai, ngày 05 tháng 5 năm 2026\n"), "Lào Cai, ngày 05 tháng 5 năm 2026\n");
        assert_eq!(apply("[ạng Sơn, ngày 05 tháng 5 năm 2026\n"), "Lạng Sơn, ngày 05 tháng 5 năm 2026\n");
        assert_eq!(apply("Số: 12/SXD [ào Cai, ngày 05 tháng 5\n"), "Số: 12/SXD Lào Cai, ngày 05 tháng 5\n");
        assert_eq!(apply("Số: 12/SXD [heo dõi\n"), "Số: 12/SXD [heo dõi\n");
        // Not a place with L: the T reading stands.
        assert_eq!(apply("[ào Văn An\n"), "Tào Văn An\n");
    }

    #[test]
    fn in_running_text() {
        assert_eq!(apply("tỷ lệ đạt trên 1096, tăng"), "tỷ lệ đạt trên 10%, tăng");
        assert_eq!(apply("có 1096 hộ"), "có 1096 hộ");
        assert_eq!(apply("trong quý 12026."), "trong quý I/2026.");
        assert_eq!(apply("ä) Một;\nb) Hai;\nc) Ba."), "a) Một;\nb) Hai;\nc) Ba.");
    }
}
