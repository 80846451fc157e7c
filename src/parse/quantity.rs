//! Quantities in target sentences: Vietnamese number formats, units and
//! comparators.
//!
//! Numbers: the dot groups thousands and the comma marks decimals
//! ("53.062" → 53062, "86,46" → 86.46, "2.989,5" → 2989.5, "01" → 1).
//! Ranges: "60-70%", "3 - 3,5%", "từ 5 đến 7 tỷ đồng". Comparators come
//! from the words around the number ("trên", "ít nhất", "trở lên",
//! "khoảng", "không quá"…). Years, dates, labels and document numbers are
//! not quantities.

use crate::schema::{Comparator, Quantity};
use regex::Regex;
use std::sync::LazyLock;

/// A number as written: digits with dot groups and an optional decimal
/// comma (or a lone decimal dot).
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<a>[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?|[0-9]+(?:[,.][0-9]+)?)
        (?:\s*(?P<pct1>%))?
        (?:\s*(?:-|–|—|đến|tới)\s*(?P<b>[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?|[0-9]+(?:[,.][0-9]+)?))?",
    )
    .unwrap_or_else(|e| panic!("NUMBER: {e}"))
});

/// Units, longest first, as they are written in targets.
const UNITS: &[&str] = &[
    "giường bệnh/1 vạn dân",
    "giường bệnh/vạn dân",
    "bác sĩ/1 vạn dân",
    "bác sĩ/vạn dân",
    "nghìn tỷ đồng",
    "triệu tỷ đồng",
    "tỷ đồng/năm",
    "tỷ đồng",
    "triệu đồng/người/năm",
    "triệu đồng/người",
    "triệu đồng",
    "nghìn đồng",
    "tỷ USD",
    "triệu USD",
    "nghìn USD",
    "USD/người/năm",
    "USD/người",
    "USD",
    "đồng",
    "nghìn ha",
    "ha",
    "héc-ta",
    "hecta",
    "km2",
    "km",
    "m2",
    "m3",
    "triệu tấn",
    "nghìn tấn",
    "tấn",
    "MW",
    "kW",
    "kWh",
    "triệu kWh",
    "tỷ kWh",
    "triệu lượt khách",
    "nghìn lượt khách",
    "lượt khách",
    "triệu lượt",
    "lượt",
    "nghìn người",
    "người",
    "lao động",
    "hộ",
    "doanh nghiệp",
    "hợp tác xã",
    "dự án",
    "công trình",
    "mỏ",
    "xã",
    "thôn",
    "bản",
    "trường",
    "năm",
    "tháng",
    "ngày",
    "lần",
    "tuổi",
    "điểm",
    "sản phẩm",
    "cơ sở",
];

/// Words that end a unit read from free text.
const STOP: &[&str] = &[
    "đạt",
    "trở",
    "lên",
    "và",
    "có",
    "được",
    "trong",
    "của",
    "với",
    "cho",
    "tại",
    "trên",
    "dưới",
    "là",
    "để",
    "đến",
    "theo",
    "so",
    "nâng",
    "tăng",
    "giảm",
    "bình",
    "quân",
    "từ",
    "khoảng",
    "ít",
    "nhất",
    "gồm",
    "đã",
    "sẽ",
    "thuộc",
    "mới",
    "vào",
    "bằng",
    "hoặc",
    "trở lên",
];

/// Parses a Vietnamese-formatted number.
pub fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let dots = s.matches('.').count();
    let commas = s.matches(',').count();
    let normal: String = if commas == 1 && dots >= 1 {
        s.replace('.', "").replace(',', ".")
    } else if commas == 1 {
        s.replace(',', ".")
    } else if dots == 1 {
        // "2.000" groups thousands; "2.5" (rare, English style) is a decimal.
        let frac = s.rsplit('.').next().unwrap_or("");
        if frac.len() == 3 {
            s.replace('.', "")
        } else {
            s.to_string()
        }
    } else if dots > 1 {
        s.replace('.', "")
    } else if commas > 1 {
        s.replace(',', "")
    } else {
        s.to_string()
    };
    normal.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// End of the number token starting at `start`: digits, separators and
/// what OCR glues to them ("439a", "90%o"), without trailing punctuation.
fn token_end(text: &str, start: usize) -> usize {
    let rest = text.get(start..).unwrap_or("");
    let len = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '.' | ',' | '%')))
        .map(|(i, _)| i)
        .unwrap_or(rest.len());
    let tok = rest.get(..len).unwrap_or("").trim_end_matches(['.', ',']);
    start + tok.len()
}

/// Whether a number token cannot be read as written: a share above 100,
/// letters glued to it, or a dot that neither groups thousands nor fits a
/// decimal ("86.4650").
fn implausible(tok: &str) -> bool {
    let digits_end = tok.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')).unwrap_or(tok.len());
    let (num, tail) = tok.split_at(digits_end);
    if !tail.is_empty() {
        return tail != "%" || parse_number(num).is_some_and(|v| v > 100.0);
    }
    let bad_dot = num.rsplit_once('.').is_some_and(|(_, frac)| frac.len() > 3);
    bad_dot || parse_number(num).is_some_and(|v| v > 100.0)
}

/// The share a damaged percent token stands for ("1096" → 10, "559%" →
/// 55, "86.4650" → 86.46), when exactly the rendering of "%" is glued on
/// and what is left is a share of at most 100.
fn ocr_percent(tok: &str) -> Option<f64> {
    for (suf, _) in crate::lang::percent::PERCENT_GLYPHS {
        let Some(num) = tok.strip_suffix(suf) else { continue };
        if num.is_empty() || !num.ends_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        if !num.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
            continue;
        }
        // "86.46": OCR's dot for the decimal comma, two decimals at most.
        let dec = num.rsplit_once(['.', ',']).map(|(_, f)| f.len());
        if dec.is_some_and(|n| n > 2) || num.starts_with('0') && num.len() > 1 {
            continue;
        }
        let v: f64 = num.replace(',', ".").parse().ok()?;
        if v > 0.0 && v <= 100.0 {
            return Some(v);
        }
    }
    None
}

/// Whether the words around a number make it a share: "tỷ lệ …", "tốc độ
/// tăng trưởng …" before it in the clause, or "so với …" after it. Compared
/// without tone marks, as OCR damages them.
fn rate_context(text: &str, start: usize, end: usize) -> bool {
    let head = super::patterns::before(text, start, 160);
    let clause = head.rsplit(';').next().unwrap_or(head);
    let clause = super::patterns::fold(clause);
    let next = super::patterns::fold(super::patterns::after(text, end, 24).trim_start());
    ["ty le", "ti le", "toc do", "tang truong"].iter().any(|w| clause.contains(w))
        || next.starts_with("so voi")
        || next.starts_with("so cung ky")
}

/// Byte length of `unit` at the start of `lower` (both lower case), where
/// a "/" of the unit may be printed as OCR damages it (":", ";", "'", or a
/// space: "bác sĩ:1 vạn dân", "giường bệnh 1 vạn dân").
fn unit_len(lower: &str, unit: &str) -> Option<usize> {
    let mut t = lower.char_indices().peekable();
    for uc in unit.chars() {
        let (_, tc) = t.next()?;
        if tc == uc {
            continue;
        }
        if uc != '/' || !matches!(tc, ':' | ';' | '\'' | '’' | ' ' | '|') {
            return None;
        }
        // "bệnh / 1": a space on either side of the damaged slash.
        if t.peek().is_some_and(|(_, c)| *c == ' ') && tc != ' ' {
            t.next();
        }
    }
    Some(t.peek().map(|(i, _)| *i).unwrap_or(lower.len()))
}

/// The unit at the start of `rest` and the byte length it spans there
/// (so that the "1" of "bác sĩ:1 vạn dân" is not read as a number).
fn unit_at(rest: &str) -> Option<(String, usize)> {
    let t = rest.trim_start();
    let lead = rest.len() - t.len();
    let u = unit_text(rest)?;
    let lower = t.to_lowercase();
    // Lower-casing keeps byte lengths in Vietnamese except for a few
    // letters; when it does not, the unit's own length is the best guess.
    let span = (lower.len() == t.len()).then(|| unit_len(&lower, &u.to_lowercase())).flatten();
    let n = span.unwrap_or(u.len());
    Some((u, lead + n))
}

fn unit_text(rest: &str) -> Option<String> {
    let t = rest.trim_start();
    if let Some(after) = t.strip_prefix('%') {
        // "%/năm"
        if let Some(per) = after.strip_prefix("/năm") {
            let _ = per;
            return Some("%/năm".to_string());
        }
        return Some("%".to_string());
    }
    let lower = t.to_lowercase();
    for u in UNITS {
        let ul = u.to_lowercase();
        if let Some(n) = unit_len(&lower, &ul) {
            let next = lower.get(n..).and_then(|r| r.chars().next());
            if next.is_none_or(|c| !c.is_alphanumeric()) {
                // The unit as printed when it is intact (keeps its case),
                // else the unit itself.
                let printed = t.get(..u.len()).filter(|p| p.to_lowercase() == ul);
                return Some(printed.unwrap_or(u).to_string());
            }
        }
    }
    // Free text: up to three words, stopping at punctuation or a stop word;
    // an abbreviation ("KCN") or capitalized noun phrase ("Khu công
    // nghiệp") is a unit.
    let mut words = Vec::new();
    for w in t.split(' ') {
        let clean = w.trim_end_matches([',', ';', '.', ':', ')']);
        if clean.is_empty() || clean.starts_with('(') || clean.chars().any(|c| c.is_ascii_digit()) {
            break;
        }
        if STOP.contains(&clean.to_lowercase().as_str()) {
            break;
        }
        words.push(clean);
        if clean.len() != w.len() || words.len() == 3 {
            break;
        }
    }
    let first = words.first()?;
    let capital = first.chars().next().is_some_and(|c| c.is_uppercase());
    if capital || words.len() >= 2 {
        Some(words.join(" "))
    } else {
        None
    }
}

/// Reads the quantities in a target's text.
pub fn find(text: &str) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut last_end = 0usize;
    for c in NUMBER.captures_iter(text) {
        let (Some(m), Some(a)) = (c.get(0), c.name("a")) else { continue };
        // Inside the previous quantity's unit ("bác sĩ:1 vạn dân").
        if m.start() < last_end {
            continue;
        }
        let before = super::patterns::before(text, m.start(), 40);
        let before_l = before.to_lowercase();
        let prev_char = before.chars().last();
        // Parts of symbols, dates, labels, codes.
        if prev_char.is_some_and(|ch| ch.is_alphanumeric() || matches!(ch, '/' | '-' | '.' | '–')) {
            continue;
        }
        let after = &text[m.end()..];
        // A share whose "%" OCR damaged ("đạt trên 1096", "tỷ lệ … 439a"):
        // read only where the words make it a share and the token cannot
        // be read as printed.
        let tok_end = token_end(text, a.start());
        let tok = text.get(a.start()..tok_end).unwrap_or("");
        let damaged =
            (implausible(tok) && rate_context(text, m.start(), tok_end)).then(|| ocr_percent(tok)).flatten();
        // A share that cannot be read at all ("đạt từ 9256 trở lên") is
        // dropped rather than reported as 9256 of nothing.
        if damaged.is_none()
            && implausible(tok)
            && rate_context(text, m.start(), tok_end)
            && unit_at(text.get(tok_end..).unwrap_or("")).is_none()
        {
            last_end = tok_end;
            continue;
        }
        if let Some(v) = damaged {
            let tail = before_l.trim_end();
            let next_l = super::patterns::after(text, tok_end, 60).to_lowercase();
            let subject = subject_of(&text[last_end.min(m.start())..m.start()]);
            let comparator = comparator_of(tail, &next_l);
            out.push(Quantity { subject, comparator, value: v, value_max: None, unit: Some("%".into()) });
            last_end = tok_end;
            continue;
        }
        if after.starts_with('/') && after[1..].starts_with(|ch: char| ch.is_ascii_digit()) {
            continue;
        }
        if after.starts_with(')') && prev_char == Some('(') {
            continue;
        }
        if after.starts_with(|ch: char| ch.is_alphabetic() || ch == '-' && !after.starts_with("- ")) {
            // "24h", "3-CT": codes.
            if !after.starts_with('%') {
                continue;
            }
        }
        let tail = before_l.trim_end();
        if [
            "năm",
            "tháng",
            "ngày",
            "quý",
            "số",
            "điều",
            "khoản",
            "điểm",
            "giai đoạn",
            "mục",
            "phần",
            "lần thứ",
            "khóa",
            "khoá",
        ]
        .iter()
        .any(|w| tail.ends_with(w))
        {
            continue;
        }
        let Some(mut value) = parse_number(a.as_str()) else { continue };
        let mut value_max = c.name("b").and_then(|b| parse_number(b.as_str()));
        let mut range_end = c.name("b").map(|b| b.end()).unwrap_or(m.end());
        let (mut unit, mut unit_end) = match unit_at(&text[range_end..]) {
            Some((u, n)) => (Some(u), range_end + n),
            None => (None, range_end),
        };
        // "tăng từ 10 - 1296 so với": the upper bound's "%" damaged.
        if let (Some(b), None) = (c.name("b"), &unit) {
            let b_end = token_end(text, b.start());
            let b_tok = text.get(b.start()..b_end).unwrap_or("");
            if implausible(b_tok) && rate_context(text, m.start(), b_end) {
                if let Some(v) = ocr_percent(b_tok).filter(|v| *v >= value) {
                    value_max = Some(v);
                    unit = Some("%".to_string());
                    range_end = b_end;
                    unit_end = b_end;
                }
            }
        }
        let pct1 = c.name("pct1").is_some();
        let unit = if pct1 && unit.is_none() { Some("%".to_string()) } else { unit };
        // A range of years ("2021 - 2025") is a period, not a quantity.
        if value_max.is_some() && unit.is_none() {
            continue;
        }
        let lead_word = tail.rsplit(|ch: char| ch.is_whitespace()).next().unwrap_or("");
        let has_cmp = [
            "đạt",
            "trên",
            "hơn",
            "dưới",
            "khoảng",
            "nhất",
            "thiểu",
            "đa",
            "quá",
            "lên",
            "từ",
            "gần",
            "xấp xỉ",
            "còn",
            "bằng",
        ]
        .iter()
        .any(|w| tail.ends_with(w))
            || lead_word == "là";
        if unit.is_none() && !has_cmp {
            continue;
        }
        // "trẻ em dưới 5 tuổi": an age that qualifies the subject.
        if unit.as_deref() == Some("tuổi") && !tail.ends_with("đạt") {
            continue;
        }
        let after_unit_l = super::patterns::after(text, range_end, 60).to_lowercase();
        let comparator =
            if value_max.is_some() { Comparator::Range } else { comparator_of(tail, &after_unit_l) };
        if let Some(max) = value_max {
            if max < value {
                value_max = Some(value);
                value = max;
            }
        }
        let subject = subject_of(&text[last_end.min(m.start())..m.start()]);
        out.push(Quantity { subject, comparator, value, value_max, unit });
        last_end = unit_end.max(range_end);
    }
    out
}

/// The comparator the words before a number (`tail`, lower case) and after
/// its unit (`after_unit`) state.
fn comparator_of(tail: &str, after_unit: &str) -> Comparator {
    let mut comparator = if tail.ends_with("ít nhất")
        || tail.ends_with("tối thiểu")
        || tail.ends_with("không dưới")
        || tail.ends_with("không thấp hơn")
        || tail.ends_with("không ít hơn")
    {
        Comparator::Gte
    } else if tail.ends_with("tối đa") || tail.ends_with("không quá") || tail.ends_with("không vượt quá")
    {
        Comparator::Lte
    } else if tail.ends_with("trên dưới")
        || tail.ends_with("khoảng")
        || tail.ends_with("xấp xỉ")
        || tail.ends_with("gần")
        || tail.ends_with("ước")
    {
        Comparator::Approx
    } else if tail.ends_with("trên") || tail.ends_with("hơn") || tail.ends_with("vượt") {
        Comparator::Gt
    } else if tail.ends_with("dưới") || tail.ends_with("thấp hơn") {
        Comparator::Lt
    } else {
        Comparator::Eq
    };
    // "từ 05 mỏ … trở lên".
    let upto_clause = after_unit.split([',', ';', '.']).next().unwrap_or("");
    if comparator == Comparator::Eq && upto_clause.contains("trở lên") {
        comparator = Comparator::Gte;
    } else if comparator == Comparator::Eq && upto_clause.contains("trở xuống") {
        comparator = Comparator::Lte;
    }
    comparator
}

/// What is measured: the words before the number, without the comparator
/// and connective words.
fn subject_of(s: &str) -> Option<String> {
    let mut t = s.trim();
    let piece = t.rsplit([';', ':']).next().unwrap_or(t);
    t = piece.trim().trim_start_matches(['-', '+', '•', ')', ',', '.', ' ']);
    let lower_words = [
        "đạt",
        "trên",
        "hơn",
        "dưới",
        "khoảng",
        "ít nhất",
        "tối thiểu",
        "tối đa",
        "không quá",
        "từ",
        "là",
        "lên",
        "còn",
        "bình quân",
        "mới",
        "có",
        "với",
        "tổng",
    ];
    let mut changed = true;
    let mut out = t.to_string();
    while changed {
        changed = false;
        for w in lower_words {
            let l = out.to_lowercase();
            let cut = out.len().saturating_sub(w.len());
            if l.len() == out.len()
                && out.is_char_boundary(cut)
                && l.ends_with(w)
                && (l.len() == w.len() || l[..cut].ends_with(' '))
            {
                out.truncate(cut);
                out = out.trim_end().trim_end_matches(',').to_string();
                changed = true;
            }
        }
    }
    let lower = out.to_lowercase();
    for lead in ["phấn đấu ", "đến năm "] {
        if lower.starts_with(lead) {
            out = out.get(lead.len()..).unwrap_or(&out).to_string();
        }
    }
    let out = out.trim().to_string();
    if out.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        None
    } else {
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        let cases = [
            ("53.062", 53062.0),
            ("86,46", 86.46),
            ("01", 1.0),
            ("2.989,5", 2989.5),
            ("1.234.567", 1234567.0),
            ("3,5", 3.5),
            ("100", 100.0),
            ("2.5", 2.5),
        ];
        for (s, v) in cases {
            assert_eq!(parse_number(s), Some(v), "{s}");
        }
    }

    fn q(s: &str) -> Vec<(f64, Option<f64>, Comparator, Option<String>)> {
        find(s).into_iter().map(|q| (q.value, q.value_max, q.comparator, q.unit)).collect()
    }

    #[test]
    fn quantities() {
        use Comparator::*;
        let s = |x: &str| Some(x.to_string());
        assert_eq!(q("Tốc độ tăng trưởng (GRDP) đạt trên 10%."), vec![(10.0, None, Gt, s("%"))]);
        assert_eq!(q("tỷ lệ lấp đầy đạt 60-70%."), vec![(60.0, Some(70.0), Range, s("%"))]);
        assert_eq!(q("tăng 3 - 3,5%/năm"), vec![(3.0, Some(3.5), Range, s("%/năm"))]);
        assert_eq!(q("Diện tích: trên 2.000 ha."), vec![(2000.0, None, Gt, s("ha"))]);
        assert_eq!(q("tổng công suất bổ sung khoảng 2.989,5 MW"), vec![(2989.5, None, Approx, s("MW"))]);
        assert_eq!(q("đấu giá từ 05 mỏ khoáng sản trở lên"), vec![(5.0, None, Gte, s("mỏ"))]);
        assert_eq!(q("ít nhất 2.000 ha rừng"), vec![(2000.0, None, Gte, s("ha"))]);
        assert_eq!(q("đạt 30 giường bệnh/1 vạn dân"), vec![(30.0, None, Eq, s("giường bệnh/1 vạn dân"))]);
        assert_eq!(q("thu ngân sách 53.062 tỷ đồng"), vec![(53062.0, None, Eq, s("tỷ đồng"))]);
        assert_eq!(
            q("Hình thành mới 05 Khu công nghiệp, nâng tổng số lên 12 KCN"),
            vec![(5.0, None, Eq, s("Khu công nghiệp")), (12.0, None, Eq, s("KCN"))]
        );
        assert_eq!(q("tỷ lệ hộ nghèo giảm còn dưới 1,5%"), vec![(1.5, None, Lt, s("%"))]);
        assert_eq!(q("kim ngạch xuất khẩu không quá 7 tỷ USD"), vec![(7.0, None, Lte, s("tỷ USD"))]);
    }

    #[test]
    fn not_quantities() {
        for s in [
            "đến năm 2030 đạt",
            "Nghị quyết số 35-NQ/TU ngày 29/12/2025",
            "giai đoạn 2021 - 2025",
            "theo Điều 108",
            "trước 24h",
        ] {
            assert!(find(s).is_empty(), "{s}: {:?}", find(s));
        }
    }
}
