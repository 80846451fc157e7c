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

fn unit_at(rest: &str) -> Option<String> {
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
        if lower.starts_with(&ul) {
            let next = lower[ul.len()..].chars().next();
            if next.is_none_or(|c| !c.is_alphanumeric()) {
                return Some(t.get(..u.len()).unwrap_or(u).to_string());
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
        let before = super::patterns::before(text, m.start(), 40);
        let before_l = before.to_lowercase();
        let prev_char = before.chars().last();
        // Parts of symbols, dates, labels, codes.
        if prev_char.is_some_and(|ch| ch.is_alphanumeric() || matches!(ch, '/' | '-' | '.' | '–')) {
            continue;
        }
        let after = &text[m.end()..];
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
        let range_end = c.name("b").map(|b| b.end()).unwrap_or(m.end());
        let unit = unit_at(&text[range_end..]);
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
        let mut comparator = if value_max.is_some() {
            Comparator::Range
        } else if tail.ends_with("ít nhất")
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
        let upto_clause = after_unit_l.split([',', ';', '.']).next().unwrap_or("");
        if comparator == Comparator::Eq && upto_clause.contains("trở lên") {
            comparator = Comparator::Gte;
        } else if comparator == Comparator::Eq && upto_clause.contains("trở xuống") {
            comparator = Comparator::Lte;
        }
        if let Some(max) = value_max {
            if max < value {
                value_max = Some(value);
                value = max;
            }
        }
        let subject = subject_of(&text[last_end.min(m.start())..m.start()]);
        out.push(Quantity { subject, comparator, value, value_max, unit });
        last_end = range_end;
    }
    out
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
