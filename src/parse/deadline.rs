//! The Vietnamese temporal grammar: time limits (thời hạn) in running text.
//!
//! Recognized forms, each turned into a [`Found`] with an ISO end date:
//!
//! * explicit dates after a limit word: "trước ngày 31/12/2025",
//!   "chậm nhất đến ngày 01 tháng 7 năm 2028", "đến hết ngày 30-6-2024";
//! * quarters and halves: "trong quý III/2023", "Quý IV năm 2026",
//!   "6 tháng đầu năm 2024";
//! * months: "trong tháng 12/2022", "xong trong tháng 5 năm 2026";
//! * years: "trong năm 2023" (during), "đến năm 2030", "cuối năm 2025",
//!   and year-less "cuối năm" / "trong năm" (year taken from the document);
//! * periods: "trong giai đoạn 2021 - 2025" and period headings;
//! * recurrence: "định kỳ hằng tháng", "hàng quý", "định kỳ 6 tháng",
//!   "trước ngày 20 hằng tháng".
//!
//! Not deadlines: dates of cited documents and of past events (they carry
//! no limit word), names of plans that contain a horizon ("Quy hoạch tỉnh
//! thời kỳ 2021 - 2030, tầm nhìn đến năm 2050").

use crate::lang::date::{date_of, iso, last_day, num, DATE_NUM, DATE_WORDS};
use crate::schema::{DeadlineKind, Recurrence};

use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A time limit found in text, before it is attached to a task.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Kind of limit.
    pub kind: DeadlineKind,
    /// End date, ISO.
    pub date: Option<String>,
    /// Start date, ISO, for periods.
    pub start: Option<String>,
    /// Recurrence for recurring limits.
    pub recurrence: Option<Recurrence>,
    /// Byte range in the searched string.
    pub range: Range<usize>,
}

impl Found {
    /// A plain "must be done by `date`" limit found at `range`.
    fn by(date: String, range: Range<usize>) -> Found {
        Found { kind: DeadlineKind::By, date: Some(date), start: None, recurrence: None, range }
    }

    /// Work spread over the whole year `y` ("trong năm 2025") found at
    /// `range`; `None` for a year with no calendar date.
    fn during_year(y: i32, range: Range<usize>) -> Option<Found> {
        let (start, date) = (iso(y, 1, 1)?, iso(y, 12, 31)?);
        Some(Found {
            kind: DeadlineKind::During,
            date: Some(date),
            start: Some(start),
            recurrence: None,
            range,
        })
    }

    /// A recurring limit (định kỳ, hằng tháng…) found at `range`.
    fn recurring(recurrence: Recurrence, range: Range<usize>) -> Found {
        Found { kind: DeadlineKind::Recurring, date: None, start: None, recurrence: Some(recurrence), range }
    }
}

/// Facts about the document that year-less expressions need.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context {
    /// Year of issue (or the year the document is about).
    pub year: Option<i32>,
    /// The document plans over several years ("giai đoạn 2026-2030"), so a
    /// bare "cuối năm" means every year.
    pub multi_year: bool,
}

const ROMAN_Q: &str = r"(?:IV|III|II|I|1|2|3|4|IIII)";

/// "trước ngày …", "chậm nhất (đến|vào|là) ngày …", "đến (hết )?ngày …",
/// "hạn … ngày …", "hoàn thành … ngày …"; a few limit words as OCR damages
/// them ("tước ngày", "đến hột ngày"), which only count before a date.
static BY_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?xi)
        (?P<trigger>
            (?:chậm\s+nhất|châm\s+nhất|muộn\s+nhất|trước|tước|đến\s+hết|hết|đến|hạn\s+chót|thời\s+hạn|hạn|xong|hoàn\s+thành)
            # hết with its vowel damaged by OCR: đến hột ngày
            (?:\s+(?:là|vào|đến|trước|hết|trong|h[êếềểễệôốồổỗộ]t))?
        )
        \s*:?\s*(?:ngày|ngày\s+ngày)\s*
        (?:{DATE_NUM}|{DATE_WORDS}|(?P<glued>[0-9]{{1,2}}[0-9\ /:.\-]{{1,6}}?(?:19|20)[0-9]{{2}}))\b"
    ))
    .unwrap_or_else(|e| panic!("BY_DATE: {e}"))
});

/// A numeric date after a limit word without "ngày": "phấn đấu đến
/// 30/6/2027", "trước 15/12/2026", "chậm nhất 31/3/2027".
static BY_BARE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?xi)
        (?P<trigger>chậm\s+nhất(?:\s+(?:là|vào|đến))?|đến\s+hết|trước|đến)
        \s+{DATE_NUM}\b"
    ))
    .unwrap_or_else(|e| panic!("BY_BARE_DATE: {e}"))
});

/// Words right before "hằng năm" that make it the rate or budget of a
/// period, not a recurring task ("mức trượt giá hàng năm", "kinh phí hằng
/// năm", "thu theo hàng năm").
const RATE_BEFORE: &[&str] = &[
    "trượt giá",
    "kinh phí",
    "ngân sách",
    "dự toán",
    "lãi suất",
    "thu theo",
    "bình quân",
    "tăng trưởng",
    "vốn",
];

/// "quý III/2023", "quý IV năm 2026".
static QUARTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?xi)
        (?P<pre>(?:(?:xong|hoàn\s+thành|hoàn\s+tất)\s+)?(?:trong|trước|hết|đến\s+hết|cuối|đến|vào|từ)\s+)?
        (?:quý|qu[yýỳỷỹỵíìếềéèẻẽẹêệểễ])\s+(?P<q>{ROMAN_Q}|[IVX1lL|!H\]\[]{{1,4}})\s*(?:/|năm|-|:)\s*(?P<y>(?:19|20)[0-9]{{2}})"
    ))
    .unwrap_or_else(|e| panic!("QUARTER: {e}"))
});

/// "6 tháng đầu năm 2024", "6 tháng cuối năm".
static HALF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?xi)(?:0?6|sáu)\s+tháng\s+(?P<half>đầu|cuối)\s+năm(?:\s+(?P<y>(?:19|20)[0-9]{2}))?")
        .unwrap_or_else(|e| panic!("HALF: {e}"))
});

/// "trong tháng 12/2022", "trước tháng 6 năm 2024".
static MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        (?P<pre>(?:xong\s+|hoàn\s+thành\s+)?(?:trong|trước|hết|đến\s+hết|cuối|đến|vào|xong)\s+|hoàn\s+thành\s+|hạn\s+)
        th[aáàảãạăắằẳẵặâấầẩẫậ]ng\s+(?P<m>[01]?[0-9])\s*(?:/|:|-|năm)\s*(?P<y>(?:19|20)[0-9]{2})",
    )
    .unwrap_or_else(|e| panic!("MONTH: {e}"))
});

/// "trong năm 2023", "đến năm 2030", "cuối năm 2025", "đến hết năm 2025".
static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        (?P<pre>trong|đến\s+hết|đến\s+cuối|đến|cuối|hết|trước|xong\s+trong|hoàn\s+thành\s+trong|ngay\s+trong)
        \s+năm\s+(?P<y>(?:19|20)[0-9]{2})\b",
    )
    .unwrap_or_else(|e| panic!("YEAR: {e}"))
});

/// "giai đoạn 2021 - 2025", "nhiệm kỳ 2020-2025", "từ năm 2021 đến năm 2025".
static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        (?:(?P<pre>trong|cho|của)\s+)?
        (?:
            (?:giai\s+đoạn|nhiệm\s+kỳ|thời\s+kỳ)\s+(?:từ\s+)?(?:năm\s+)?(?P<a>(?:19|20)[0-9]{2})\s*(?:-|–|—|đến|tới)\s*(?:năm\s+)?(?P<b>(?:19|20)[0-9]{2})
          | từ\s+năm\s+(?P<a2>(?:19|20)[0-9]{2})\s+đến\s+(?:hết\s+)?năm\s+(?P<b2>(?:19|20)[0-9]{2})
        )",
    )
    .unwrap_or_else(|e| panic!("PERIOD: {e}"))
});

/// "định kỳ hằng tháng", "hàng quý", "định kỳ 6 tháng", "hằng năm".
static RECURRING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        (?:định\s+kỳ\s+)?(?:hằng|hàng)\s+(?P<unit>tuần|tháng|quý|năm)
      | định\s+kỳ\s+(?P<n>0?1|0?3|0?6|sáu|ba|một)?\s*(?P<unit2>tuần|tháng|quý|năm)
      | (?P<n3>0?6|sáu)\s+tháng\s+(?:một|1)\s+lần
      | (?:mỗi)\s+(?P<unit4>quý)\s+(?:một|1)\s+lần",
    )
    .unwrap_or_else(|e| panic!("RECURRING: {e}"))
});

/// "định kỳ" with no period stated ("báo cáo định kỳ, đột xuất", "bảo trì
/// định kỳ theo kế hoạch"): a recurring limit whose recurrence is unknown
/// (ANNOTATION.md, recurrence null).
static UNSTATED_PERIOD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bđịnh\s+kỳ\b").unwrap_or_else(|e| panic!("UNSTATED_PERIOD: {e}")));

/// The clause of `s` before byte `at`: from the last ".", ";" or line
/// break.
fn clause_before(s: &str, at: usize) -> &str {
    let head = s.get(..at).unwrap_or("");
    head.rfind(['.', ';', '\n']).map(|i| &head[i + 1..]).unwrap_or(head)
}

/// "ngày 20 tháng 6", "ngày 20/12", and the year when one follows.
static DAY_OF_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\bngày\s+[0-3]?[0-9]\s*(?:tháng\s+|/)(?P<m>[01]?[0-9])\b(?P<y>\s*(?:năm\s+|/)\s*(?:19|20)[0-9]{2})?",
    )
    .unwrap_or_else(|e| panic!("DAY_OF_YEAR: {e}"))
});

/// The distinct months, in order, that hold a yearless day in `clause`
/// ("trước ngày 20 tháng 6 và trước ngày 20 tháng 12 hằng năm": 6, 12).
fn months_in_year(clause: &str) -> Vec<u32> {
    let mut months: Vec<u32> = DAY_OF_YEAR
        .captures_iter(clause)
        .filter(|c| c.name("y").is_none())
        .filter_map(|c| c.name("m").and_then(|m| m.as_str().parse().ok()))
        .filter(|m| (1..=12).contains(m))
        .collect();
    months.sort_unstable();
    months.dedup();
    months
}

/// The recurrence of limits set on the same days of `months` every year:
/// two six months apart ("tháng 6 và tháng 12") are half-yearly, four three
/// apart quarterly; any other set stays yearly ("từ ngày 01/01 … đến ngày
/// 31/12 hàng năm" is one year).
fn recurrence_of_months(months: &[u32]) -> Recurrence {
    let apart = |gap: u32| months.windows(2).all(|w| w[1] - w[0] == gap);
    match months.len() {
        2 if apart(6) => Recurrence::Semiannual,
        4 if apart(3) => Recurrence::Quarterly,
        _ => Recurrence::Yearly,
    }
}

/// Year-less "cuối năm", "trong năm" (followed by a pause, so not "trong
/// năm kế hoạch").
static BARE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)\b(?P<w>cuối\s+năm|trong\s+năm(?:\s+nay)?)(?:\s*[,.;:)]|\s*$|\s+(?:đối|đối\s+với|để|và))",
    )
    .unwrap_or_else(|e| panic!("BARE_YEAR: {e}"))
});

/// Names of plans whose horizon is not a deadline ("Quy hoạch … đến năm
/// 2020", "tầm nhìn đến năm 2050").
static NAME_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x)(?:tầm\s+nhìn|Tầm\s+nhìn|TẦM\s+NHÌN)\s*$|(?:Quy\s+hoạch|Chiến\s+lược|Chương\s+trình\s+mục\s+tiêu|Đề\s+án|Quy\ hoạch)\b[^;.:()]{0,90}$")
        .unwrap_or_else(|e| panic!("NAME_BEFORE: {e}"))
});

/// Longest time cell of a table (characters): "Trước ngày 31/12/2025" is
/// twenty-one; a longer text is a sentence.
const MAX_CELL: usize = 30;

/// A time cell of a table: a bare month or date.
fn cell(s: &str) -> Option<Found> {
    static CELL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?xi)^\s*(?:
                tháng\s+(?P<cm>[01]?[0-9])\s*(?:/|năm)\s*(?P<cmy>(?:19|20)[0-9]{{2}})
              | (?:ngày\s*)?{DATE_NUM}
            )\s*\.?\s*$"
        ))
        .unwrap_or_else(|e| panic!("CELL: {e}"))
    });
    let c = CELL.captures(s)?;
    let m = c.get(0)?;
    let range = m.start() + (m.as_str().len() - m.as_str().trim_start().len())
        ..m.start() + m.as_str().trim_end().len();
    if let (Some(mo), Some(y)) = (num::<u32>(&c, "cm"), num::<i32>(&c, "cmy")) {
        let date = iso(y, mo, last_day(y, mo))?;
        return Some(Found {
            kind: DeadlineKind::By,
            date: Some(date),
            start: None,
            recurrence: None,
            range,
        });
    }
    let date = date_of(&c)?;
    Some(Found { kind: DeadlineKind::By, date: Some(date), start: None, recurrence: None, range })
}

/// Reads a date whose separators OCR damaged, after a limit word and
/// "ngày": "3175/2025" and "157522025" (a slash read as "7" or "2"),
/// "30 42025" (a slash read as a space or lost), "15/7:2025". Every way of
/// cutting the digits into day, separator, month, separator, year is tried;
/// the date is kept only when exactly one cut gives a real date, so
/// "125/2025" (12/5 or 1/25?) is refused unless one reading is impossible.
pub fn glued_date(raw: &str) -> Option<String> {
    // Runs of digits with explicit separators between them.
    let raw = raw.trim();
    let year_at = raw.len().checked_sub(4)?;
    let y: i32 = raw.get(year_at..)?.parse().ok()?;
    let head = raw.get(..year_at)?;
    let explicit = |c: char| matches!(c, ' ' | '/' | ':' | '.' | '-');
    let head_trim = head.trim_end_matches(explicit);
    let sep2_explicit = head_trim.len() < head.len();
    if head_trim.chars().any(|c| !c.is_ascii_digit() && !explicit(c)) {
        return None;
    }
    let mut found: Vec<(u32, u32)> = Vec::new();
    // day [sep1] month [sep2]: the separators are explicit characters, a
    // glued "7" or "2", or nothing.
    let glued = ["", "7", "2"];
    for dl in 1..=2usize {
        let Some(d) = head_trim.get(..dl).and_then(|x| x.parse::<u32>().ok()) else { continue };
        let rest = head_trim.get(dl..).unwrap_or("");
        let rest_trim = rest.trim_start_matches(explicit);
        let sep1_explicit = rest_trim.len() < rest.len();
        for s1 in glued {
            if sep1_explicit && !s1.is_empty() {
                continue;
            }
            let Some(after1) = rest_trim.strip_prefix(s1) else { continue };
            for ml in 1..=2usize {
                let Some(m) = after1.get(..ml).and_then(|x| x.parse::<u32>().ok()) else { continue };
                let tail = after1.get(ml..).unwrap_or("");
                let ok2 = if sep2_explicit { tail.is_empty() } else { glued.contains(&tail) };
                if ok2 && iso(y, m, d).is_some() && !found.contains(&(d, m)) {
                    found.push((d, m));
                }
            }
        }
    }
    match found.as_slice() {
        [(d, m)] => iso(y, *m, *d),
        _ => None,
    }
}

/// The spans already read, as `(start, end)` in order. They never overlap
/// one another (one is only taken when it overlaps none), so their ends
/// rise with their starts and the last span starting before `r` ends is
/// the only one that can reach into it: a lookup, not a scan of every
/// span read so far (a block of 127,000 dates took 12 s scanning).
type Taken = std::collections::BTreeSet<(usize, usize)>;

fn overlaps(taken: &Taken, r: &Range<usize>) -> bool {
    taken.range(..(r.end, 0)).next_back().is_some_and(|&(start, end)| start < r.end && r.start < end)
}

/// Whether a completion verb stands in the clause before `at`.
fn completion_before(s: &str, at: usize) -> bool {
    let head = super::patterns::before(s, at, 120).to_lowercase();
    let clause = head.rsplit([';', '.']).next().unwrap_or("");
    ["hoàn thành", "xong", "hoàn tất", "trình ", "báo cáo", "ban hành", "dứt điểm"]
        .iter()
        .any(|w| clause.contains(w))
}

/// "tính đến ngày 31/5/2025", "đến 31/5/2025 mới giải ngân": a date after
/// "đến" that states a status, not a limit (`c` is a match with a
/// `trigger` group in `s`).
fn status_date(s: &str, c: &regex::Captures) -> bool {
    let Some(m) = c.get(0) else { return false };
    let trigger = c.name("trigger").map(|t| t.as_str().to_lowercase()).unwrap_or_default();
    let next = super::patterns::after(s, m.end(), 30).trim_start_matches([',', ' ']).to_lowercase();
    let head = super::patterns::before(s, m.start(), 12).to_lowercase();
    trigger.starts_with("đến")
        && (head.trim_end().ends_with("tính")
            || ["mới ", "đã ", "toàn tỉnh", "cả nước"].iter().any(|w| next.starts_with(w)))
}

/// Finds every time limit in `s` (one clause or block).
///
/// `heading` says `s` is an outline heading, where a bare period ("MỤC
/// TIÊU GIAI ĐOẠN 2026-2030") states the span the targets below are set
/// for.
pub fn find(s: &str, ctx: Context, heading: bool) -> Vec<Found> {
    if !may_hold_time(s) {
        return Vec::new();
    }
    let mut out: Vec<Found> = Vec::new();
    let mut taken = Taken::new();
    let push = |out: &mut Vec<Found>, taken: &mut Taken, f: Found| {
        if !overlaps(taken, &f.range) {
            taken.insert((f.range.start, f.range.end));
            out.push(f);
        }
    };
    for c in super::patterns::until_limit(RECURRING.captures_iter(s)) {
        let Some(m) = c.get(0) else { continue };
        let unit = c.name("unit").or(c.name("unit2")).or(c.name("unit4")).map(|u| u.as_str().to_lowercase());
        let n = c.name("n").or(c.name("n3")).map(|n| n.as_str().to_lowercase());
        let rec = match (n.as_deref(), unit.as_deref()) {
            (Some("6" | "06" | "sáu"), Some("tháng") | None) => Some(Recurrence::Semiannual),
            (Some("3" | "03" | "ba"), Some("tháng")) => Some(Recurrence::Quarterly),
            (_, Some("tuần")) => Some(Recurrence::Weekly),
            (_, Some("tháng")) => Some(Recurrence::Monthly),
            (_, Some("quý")) => Some(Recurrence::Quarterly),
            (_, Some("năm")) => Some(Recurrence::Yearly),
            _ => None,
        };
        let Some(rec) = rec else { continue };
        // "trước ngày 20 tháng 6 và trước ngày 20 tháng 12 hằng năm": a
        // year with two limits in it is a half-yearly one.
        let rec = match rec {
            Recurrence::Yearly => recurrence_of_months(&months_in_year(clause_before(s, m.start()))),
            rec => rec,
        };
        let head = super::patterns::before(s, m.start(), 24).trim_end().to_lowercase();
        if RATE_BEFORE.iter().any(|w| head.ends_with(w)) {
            continue;
        }
        push(&mut out, &mut taken, Found::recurring(rec, m.range()));
    }
    // A heading names a topic ("3. Thực hiện chế độ báo cáo định kỳ"); a
    // numbered item that ends as a sentence assigns the action.
    let sentence = s.trim_end().ends_with(['.', ';']);
    if !heading || sentence {
        for m in super::patterns::until_limit(UNSTATED_PERIOD.find_iter(s)) {
            let after = s.get(m.end()..).unwrap_or("");
            // The period stated later in the clause ("Định kỳ trước ngày
            // 20 tháng 6 … hằng năm") or in the next block ("định kỳ" then
            // "(hằng quý, hằng năm)").
            let clause = after.split(['.', ';', '\n']).next().unwrap_or("");
            if RECURRING.is_match(clause) || after.trim().is_empty() {
                continue;
            }
            // "quy định chế độ báo cáo định kỳ về …": the regime's name.
            let head = super::patterns::before(s, m.start(), 40).trim_end().to_lowercase();
            if head.ends_with("chế độ báo cáo") && !head.ends_with("thực hiện chế độ báo cáo")
            {
                continue;
            }
            let f = Found {
                kind: DeadlineKind::Recurring,
                date: None,
                start: None,
                recurrence: None,
                range: m.range(),
            };
            push(&mut out, &mut taken, f);
        }
    }
    for c in super::patterns::until_limit(BY_DATE.captures_iter(s)) {
        let Some(m) = c.get(0) else { continue };
        let date = match c.name("glued") {
            Some(g) => glued_date(g.as_str()),
            None => date_of(&c),
        };
        let Some(date) = date else { continue };
        if status_date(s, &c) {
            continue;
        }
        push(&mut out, &mut taken, Found::by(date, m.range()));
    }
    for c in super::patterns::until_limit(BY_BARE_DATE.captures_iter(s)) {
        let Some(m) = c.get(0) else { continue };
        let Some(date) = date_of(&c) else { continue };
        if status_date(s, &c) {
            continue;
        }
        push(&mut out, &mut taken, Found::by(date, m.range()));
    }
    for c in super::patterns::until_limit(QUARTER.captures_iter(s)) {
        let Some(m) = c.get(0) else { continue };
        let (Some(q), Some(y)) =
            (c.name("q").and_then(|q| crate::lang::numeral::quarter(q.as_str())), num::<i32>(&c, "y"))
        else {
            continue;
        };
        let pre = c.name("pre").map(|p| p.as_str().to_lowercase()).unwrap_or_default();
        if pre.trim() == "từ" {
            continue;
        }
        let month = q * 3;
        let Some(date) = iso(y, month, last_day(y, month)) else { continue };
        push(&mut out, &mut taken, Found::by(date, m.range()));
    }
    for c in super::patterns::until_limit(HALF.captures_iter(s)) {
        let Some(m) = c.get(0) else { continue };
        let Some(y) = num::<i32>(&c, "y").or(ctx.year) else { continue };
        let month =
            if c.name("half").is_some_and(|h| h.as_str().to_lowercase() == "đầu") { 6 } else { 12 };
        let Some(date) = iso(y, month, last_day(y, month)) else { continue };
        push(&mut out, &mut taken, Found::by(date, m.range()));
    }
    for c in super::patterns::until_limit(MONTH.captures_iter(s)) {
        let Some(m) = c.get(0) else { continue };
        let (Some(mo), Some(y)) = (num::<u32>(&c, "m"), num::<i32>(&c, "y")) else { continue };
        let Some(date) = iso(y, mo, last_day(y, mo)) else { continue };
        push(&mut out, &mut taken, Found::by(date, m.range()));
    }
    for c in super::patterns::until_limit(PERIOD.captures_iter(s)) {
        let Some(m) = c.get(0) else { continue };
        let a = num::<i32>(&c, "a").or(num::<i32>(&c, "a2"));
        let b = num::<i32>(&c, "b").or(num::<i32>(&c, "b2"));
        let (Some(a), Some(b)) = (a, b) else { continue };
        if b < a || b - a > 30 {
            continue;
        }
        let introduced = c.name("pre").is_some_and(|p| p.as_str().eq_ignore_ascii_case("trong"));
        let is_plan_term = m.as_str().to_lowercase().contains("thời kỳ");
        if !(introduced || heading) || is_plan_term {
            continue;
        }
        let (Some(start), Some(date)) = (iso(a, 1, 1), iso(b, 12, 31)) else { continue };
        push(
            &mut out,
            &mut taken,
            Found {
                kind: DeadlineKind::Period,
                date: Some(date),
                start: Some(start),
                recurrence: None,
                range: m.range(),
            },
        );
    }
    for c in super::patterns::until_limit(YEAR.captures_iter(s)) {
        let Some(m) = c.get(0) else { continue };
        let Some(y) = num::<i32>(&c, "y") else { continue };
        let pre = c.name("pre").map(|p| p.as_str().to_lowercase()).unwrap_or_default();
        let pre = super::patterns::squeeze(&pre);
        if pre == "ngay trong" {
            continue;
        }
        if NAME_BEFORE.is_match(super::patterns::before(s, m.start(), 160)) {
            continue;
        }
        let found = match pre.as_str() {
            "trong" if !completion_before(s, m.start()) => {
                let Some(f) = Found::during_year(y, m.range()) else { continue };
                f
            }
            "trước" => {
                let Some(date) = iso(y - 1, 12, 31) else { continue };
                Found::by(date, m.range())
            }
            _ => {
                let Some(date) = iso(y, 12, 31) else { continue };
                Found::by(date, m.range())
            }
        };
        push(&mut out, &mut taken, found);
    }
    // A table's time cell holds the limit alone: "Tháng 6/2025",
    // "31/12/2025". ("Năm 2025" alone is more often a column heading of a
    // statistics table than a limit.)
    if s.trim().chars().count() <= MAX_CELL && out.is_empty() {
        if let Some(f) = cell(s) {
            push(&mut out, &mut taken, f);
        }
    }
    // A row of an assignment table whose cells stay on one line ("| 1 |
    // Rà soát … | Sở Tư pháp | Tháng 6/2025 |", or tab-separated): each
    // short cell is read the same way. A row that names no body is taken
    // for a statistics table, whose dates are the columns' as-of dates.
    if s.contains(['|', '\t']) {
        let mut line_at = 0;
        for line in s.split_inclusive('\n') {
            if line.contains(['|', '\t']) && !super::body::find(line).is_empty() {
                let mut at = line_at;
                for piece in line.split(['|', '\t']) {
                    if piece.trim().chars().count() <= MAX_CELL {
                        if let Some(mut f) = cell(piece) {
                            f.range = at + f.range.start..at + f.range.end;
                            push(&mut out, &mut taken, f);
                        }
                    }
                    at += piece.len() + 1;
                }
            }
            line_at += line.len();
        }
    }
    for c in super::patterns::until_limit(BARE_YEAR.captures_iter(s)) {
        let Some(m) = c.name("w") else { continue };
        let during = m.as_str().to_lowercase().starts_with("trong");
        if ctx.multi_year && !during {
            push(&mut out, &mut taken, Found::recurring(Recurrence::Yearly, m.range()));
            continue;
        }
        let Some(y) = ctx.year else { continue };
        let f = if during && !completion_before(s, m.start()) {
            Found::during_year(y, m.range())
        } else {
            iso(y, 12, 31).map(|date| Found::by(date, m.range()))
        };
        let Some(f) = f else { continue };
        push(&mut out, &mut taken, f);
    }
    out.retain(|f| !validity(s, &f.range));
    out.sort_by_key(|f| f.range.start);
    out
}

/// The words of the readers of `find` that need no digit: `HALF` ("6
/// tháng đầu năm" may spell its number), `RECURRING` (its units) and
/// `BARE_YEAR`. Every other reader needs a date or a year, so a digit.
const TIME_WORDS: &[&str] = &["tuần", "tháng", "quý", "năm"];

/// Whether any reader of `find` can match `s`: most clauses hold neither a
/// digit nor a time word, and running the ten readers over them was most
/// of `find`'s cost (5 % of a batch, perf).
fn may_hold_time(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_digit()) || {
        let low = s.to_lowercase();
        TIME_WORDS.iter().any(|w| low.contains(w))
    }
}

/// Words right before a date that make it the end of a permit's,
/// certificate's or product's validity ("Giấy phép … có thời hạn đến hết
/// ngày 30/6/2026", "Giấy chứng nhận … có hiệu lực đến ngày 16/9/2026",
/// "Kíp K8 750 cái, thời hạn đến tháng 12/2027"), which no task must meet.
/// A label ("Thời hạn: đến hết …") or a task's word ("thời hạn hoàn thành
/// đến …") keeps the limit.
const VALIDITY_BEFORE: &[&str] = &["thời hạn", "hiệu lực", "có giá trị", "hạn sử dụng", "thời hạn sử dụng"];

/// Whether the limit at `r` in `s` ends a validity ([`VALIDITY_BEFORE`]):
/// "… có hiệu lực | đến ngày …", or the match itself opening with the
/// validity's own words after "có" or a comma ("…, | thời hạn đến tháng
/// 12/2027", "có | thời hạn đến ngày …"). "Thời hạn hoàn thành trước …" and
/// "Thời hạn: …" are limits.
fn validity(s: &str, r: &Range<usize>) -> bool {
    let pre = super::patterns::squeeze(&super::patterns::before(s, r.start, 30).trim_end().to_lowercase());
    let matched = super::patterns::squeeze(&s.get(r.clone()).unwrap_or("").to_lowercase());
    let until = |m: &str| ["đến ", "hết ", "tới "].iter().any(|w| m.starts_with(w));
    if until(&matched) {
        return VALIDITY_BEFORE.iter().any(|w| pre.ends_with(w));
    }
    // "thời | hạn tháng 3/2030": the match may start inside "thời hạn".
    let pre = match pre.strip_suffix("thời") {
        Some(p) if matched.starts_with("hạn ") => p.trim_end(),
        _ => pre.as_str(),
    };
    let after_has = pre.ends_with(',') || pre.ends_with(" có") || pre == "có";
    let own = ["thời hạn ", "hạn "].iter().find_map(|w| matched.strip_prefix(w));
    match own {
        Some(rest) => (until(rest) || rest.starts_with("tháng ")) && after_has,
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> (DeadlineKind, Option<String>, Option<Recurrence>) {
        let ctx = Context { year: Some(2026), multi_year: false };
        let f = find(s, ctx, false);
        assert_eq!(f.len(), 1, "{s}: {f:?}");
        (f[0].kind, f[0].date.clone(), f[0].recurrence)
    }

    #[test]
    fn grammar() {
        use DeadlineKind::*;
        let cases: &[(&str, DeadlineKind, Option<&str>, Option<Recurrence>)] = &[
            ("hoàn thành trước ngày 31/12/2022", By, Some("2022-12-31"), None),
            ("chậm nhất đến ngày 01 tháng 7 năm 2028", By, Some("2028-07-01"), None),
            ("xong trước ngày 5-3-2026.", By, Some("2026-03-05"), None),
            ("đến hết ngày 30.6.2024", By, Some("2024-06-30"), None),
            ("trình Chính phủ trong quý III năm 2012", By, Some("2012-09-30"), None),
            ("Xong trong Quý II/2026", By, Some("2026-06-30"), None),
            ("Quý IV năm 2026", By, Some("2026-12-31"), None),
            ("trong tháng 12/2022", By, Some("2022-12-31"), None),
            ("hoàn thành tháng 9/2025", By, Some("2025-09-30"), None),
            ("Xong trong tháng 2/2024", By, Some("2024-02-29"), None),
            ("6 tháng đầu năm 2025", By, Some("2025-06-30"), None),
            ("6 tháng đầu năm", By, Some("2026-06-30"), None),
            ("Trong năm 2026", During, Some("2026-12-31"), None),
            ("hoàn thành trong năm 2027", By, Some("2027-12-31"), None),
            ("Đến năm 2015, hoàn thành", By, Some("2015-12-31"), None),
            ("đến hết năm 2025", By, Some("2025-12-31"), None),
            ("tổ chức trong năm, bảo đảm", During, Some("2026-12-31"), None),
            ("trong giai đoạn 2021 - 2025", Period, Some("2025-12-31"), None),
            ("định kỳ hằng tháng", Recurring, None, Some(Recurrence::Monthly)),
            ("báo cáo trước ngày 20 hằng tháng", Recurring, None, Some(Recurrence::Monthly)),
            ("Hàng năm, tiến hành rà soát", Recurring, None, Some(Recurrence::Yearly)),
            ("định kỳ hàng quý", Recurring, None, Some(Recurrence::Quarterly)),
            ("Định kỳ 6 tháng", Recurring, None, Some(Recurrence::Semiannual)),
        ];
        for (s, kind, date, rec) in cases {
            assert_eq!(one(s), (*kind, date.map(str::to_string), *rec), "{s}");
        }
    }

    #[test]
    fn validity_is_no_limit() {
        for s in [
            "Giấy phép số 507/GP-UBND ngày 25/02/2026 có thời hạn đến hết ngày 30/6/2026;",
            "Giấy chứng nhận kiểm định có hiệu lực đến ngày 16/9/2026.",
            "Kíp K8 750 cái, thời hạn đến tháng 12/2027.",
            "Dây nổ: 50m, thời hạn tháng 3/2030.",
        ] {
            assert!(
                find(s, Default::default(), false).is_empty(),
                "{s}: {:?}",
                find(s, Default::default(), false)
            );
        }
        // Near misses: a label, and a task's word between.
        for s in ["Thời hạn: đến hết ngày 30/6/2026.", "Thời hạn hoàn thành trước ngày 30/6/2026."]
        {
            assert_eq!(find(s, Default::default(), false).len(), 1, "{s}");
        }
    }

    #[test]
    fn not_deadlines() {
        let ctx = Context { year: Some(2026), multi_year: false };
        for s in [
            "Quyết định số 866/QĐ-TTg ngày 18/7/2023 của Thủ tướng Chính phủ",
            "Ngày 29/6/2026, Bộ trưởng Bộ Xây dựng ban hành",
            "Quy hoạch tỉnh Lào Cai thời kỳ 2021 - 2030, tầm nhìn đến năm 2050",
            "điều chỉnh Quy hoạch phát triển KKT, KCN Việt Nam đến năm 2020",
            "Chiến lược phát triển kinh tế - xã hội giai đoạn 2011 - 2020",
            "ngay trong năm kế hoạch",
            "trong giai đoạn từ năm 2013",
            "tăng bình quân 12%/năm",
        ] {
            assert!(find(s, ctx, false).is_empty(), "{s}: {:?}", find(s, ctx, false));
        }
    }

    #[test]
    fn table_cells() {
        let ctx = Context::default();
        let got: Vec<_> = ["Tháng 6/2025", "31/12/2025", "Tháng 12 năm 2024."]
            .iter()
            .map(|s| find(s, ctx, false).first().map(|f| (f.kind, f.date.clone())))
            .collect();
        assert_eq!(
            got,
            vec![
                Some((DeadlineKind::By, Some("2025-06-30".into()))),
                Some((DeadlineKind::By, Some("2025-12-31".into()))),
                Some((DeadlineKind::By, Some("2024-12-31".into()))),
            ]
        );
        // A row whose cells stay on one line.
        let row = "| 1 | Rà soát thủ tục hành chính | Sở Tư pháp | Các sở, ban, ngành | Tháng 6/2025 |";
        let got = find(row, ctx, false);
        assert_eq!(got.iter().map(|f| f.date.clone()).collect::<Vec<_>>(), [Some("2025-06-30".into())]);
        assert_eq!(row.get(got[0].range.clone()), Some("Tháng 6/2025"));
        let row = "2\tXây dựng chính quyền số\tSở Nội vụ\t31/12/2025";
        assert_eq!(find(row, ctx, false).first().and_then(|f| f.date.clone()), Some("2025-12-31".into()));
        // A statistics row names no body: its dates are as-of dates.
        assert!(find("| Số doanh nghiệp | 120 | 31/12/2025 |", ctx, false).is_empty());
        // A cell that only holds a date among words is no limit.
        assert!(find("| 3 | Báo cáo số 12 ngày | Sở Nội vụ | ghi chú |", ctx, false).is_empty());
        // In running text a bare month is history, not a limit.
        assert!(find("Tháng 6/2025, Ủy ban nhân dân tỉnh đã ban hành kế hoạch.", ctx, false).is_empty());
    }

    #[test]
    fn periods_stated_and_unstated() {
        let ctx = Context::default();
        let recs = |s: &str| find(s, ctx, false).iter().map(|f| (f.kind, f.recurrence)).collect::<Vec<_>>();
        // "định kỳ" with no period: recurring, recurrence unknown.
        assert_eq!(
            recs("7. Thực hiện chế độ báo cáo định kỳ, đột xuất về VLNCN."),
            [(DeadlineKind::Recurring, None)]
        );
        // A block with no numeral and no time word is not read for limits
        // at all (`may_hold_time`): on lm, reading bare "định kỳ" there
        // too added more wrong limits than right ones, tune and check
        // alike.
        assert!(recs("tổ chức huấn luyện, diễn tập và bảo trì định kỳ theo kế hoạch.").is_empty());
        // …but not when the clause states it, nor the regime's name.
        assert_eq!(recs("định kỳ, hằng năm báo cáo."), [(DeadlineKind::Recurring, Some(Recurrence::Yearly))]);
        assert!(recs("Thông tư này quy định chế độ báo cáo định kỳ về cụm công nghiệp.").is_empty());
        // Two limits six months apart every year are half-yearly…
        assert_eq!(
            recs("Định kỳ trước ngày 20 tháng 6 và trước ngày 20 tháng 12 hằng năm, Sở Công Thương báo cáo."),
            [(DeadlineKind::Recurring, Some(Recurrence::Semiannual))]
        );
        // …a year's first and last day are one year.
        assert_eq!(
            recs("Năm tài chính bắt đầu từ ngày 01/01 và kết thúc ngày 31/12 hàng năm."),
            [(DeadlineKind::Recurring, Some(Recurrence::Yearly))]
        );
    }

    #[test]
    fn two_in_one() {
        let ctx = Context { year: Some(2026), multi_year: true };
        let f = find("Định kỳ 6 tháng, hàng năm, giữa nhiệm kỳ", ctx, false);
        let recs: Vec<_> = f.iter().map(|x| x.recurrence).collect();
        assert_eq!(recs, vec![Some(Recurrence::Semiannual), Some(Recurrence::Yearly)]);
        let f = find("tham mưu đánh giá, phân xếp loại cuối năm.", ctx, false);
        assert_eq!(f[0].recurrence, Some(Recurrence::Yearly));
    }
}
