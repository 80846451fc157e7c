//! Header and footer fields (Decree 30/2020/NĐ-CP art. 8, Hướng dẫn
//! 36-HD/VPTW): issuing body and its superior, number and symbol, place and
//! date, kind, title (trích yếu), signature block and recipients.
//!
//! The header is two columns that text extraction flattens in any order
//! (issuer left, national motto right; sometimes both on one line). The
//! motto lines are recognized and cut out, what remains above the number is
//! the issuer block. Blank number or day fields (unsigned drafts: "Số:
//! /KH-SCT", "ngày   tháng 4 năm 2026") give `null`, never a guess.

use super::lexicon;
use super::patterns::{is_upper, squeeze, Doc};
use crate::schema::{DocumentMeta, Signer, WarningCode};
use regex::Regex;
use std::sync::LazyLock;

/// What the header reader found, with where the body begins.
#[derive(Debug, Clone, Default)]
pub struct Header {
    /// The fields.
    pub meta: DocumentMeta,
    /// Index of the first line after the header (title included).
    pub body_line: usize,
    /// Index of the line where the footer (Nơi nhận / signature) starts.
    pub footer_line: Option<usize>,
    /// Index one past the last footer line (after the signer's name).
    pub footer_end: Option<usize>,
    /// Year of issue, or the year in the date line when the day is blank.
    pub year: Option<i32>,
    /// Problems worth a warning.
    pub problems: Vec<(WarningCode, String)>,
}

static MOTTO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        # The motto as printed and as scans leave it: the first letters
        # lost or misread ('G HOÀ XÃ HỘI', '3 HÒA XÃ HỘI'), a mark misread
        # ('CHÚ NGHĨA'), the last word split ('VIỆ TNAM', 'VIỆ NAM').
        (?:C?[ỘO]NG\s*|\S{1,2}\s+)?H(?:[ÒOÓÕỌ]A|O[ÀA])\s*X[ÃA]\s*H[ỘO]I\s*CH\S\s*NGH[ĨI]A
        (?:\s*V\S{0,4}(?:\s*\S{0,2}NAM)?)?
      | Độc\s*lập\s*[-–—]\s*Tự\s*do\s*[-–—]\s*Hạnh\s*phúc
      | ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM
      | -{3,}|_{3,}|\*{3,}",
    )
    .unwrap_or_else(|e| panic!("MOTTO: {e}"))
});

static NUMBER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*Số\s*:?\s*(?P<n>[0-9.]*\s*(?:[-/][^\s,]*)?(?:\s*/\s*[^\s,]+)?)")
        .unwrap_or_else(|e| panic!("NUMBER_LINE: {e}"))
});

static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)(?:^|[\s(])(?P<place>\p{Lu}[\p{L}\.]*(?:\s\p{Lu}[\p{L}]*){0,3})\s*,\s*ng[àa]y\s*(?P<d>[0-9]{1,2}|[0-9TlIØOÔ][0-9TlIØOÔ])?[\s…\.]*th[áắàạa]ng\s*(?P<m>[0-9]{1,2}|[TlI][0-9])?[\s…\.]*n[ăaâ]m\s*(?P<y>(?:19|20)[0-9]{2})",
    )
    .unwrap_or_else(|e| panic!("DATE_LINE: {e}"))
});

static SIGN_CAPACITY: LazyLock<Regex> = LazyLock::new(|| {
    // "Q." (quyền) needs its dot or a space: "QUYẾT ĐỊNH:" is no capacity.
    Regex::new(r"^(?P<cap>(?:T/M|TM|KT|TL|TUQ)\.?\s*.+|Q(?:\.\s*|\s+).+)$")
        .unwrap_or_else(|e| panic!("SIGN_CAPACITY: {e}"))
});

/// The "V/v" (về việc) that opens a công văn's trích yếu, as printed and as
/// scans damage its slash: `V.v`, `Vzv`, `V¿v`, `V„v`, `Vv`, `V2v` (the
/// forms in the Tesseract layers of the lm fax scans; a slash becomes a
/// `2` or `7` in symbols too). No Vietnamese word is a `V`, at most two
/// marks or one slash-like letter or digit, and a `v`.
static VV: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^V\s?(?:[^\p{L}\p{N}\s]{1,2}|[zZlIi127|])?\s?[vV](?:\s+|$)")
        .unwrap_or_else(|e| panic!("VV: {e}"))
});

/// Title case of an upper-case body name: "ỦY BAN NHÂN DÂN TỈNH LÀO CAI"
/// → "Ủy ban nhân dân tỉnh Lào Cai"; place names after a level word keep
/// their capitals.
pub fn title_case(s: &str) -> String {
    let words: Vec<String> = s.split_whitespace().map(|w| w.to_lowercase().replace("uỷ", "ủy")).collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut proper = false;
    let mut next_cap = false;
    for (i, w) in words.iter().enumerate() {
        if let Some(x) = lexicon::expand(&w.to_uppercase()) {
            out.push(x.to_string());
            continue;
        }
        let next = words.get(i + 1).map(String::as_str);
        let capital = i == 0 || proper || next_cap || (w == "chính" && next == Some("phủ"));
        next_cap = false;
        out.push(if capital { capitalize(w) } else { w.clone() });
        match w.as_str() {
            // "tỉnh Lào Cai", "thành phố Hạ Long"; not "tỉnh ủy", "thị xã".
            "tỉnh" | "huyện" | "xã" | "phường" | "quận" | "phố" | "trấn" => {
                proper = !matches!(next, Some("ủy") | Some("xã") | Some("trấn") | Some("phố"));
            }
            // "Tỉnh ủy Lào Cai".
            "ủy" if i > 0 => proper = true,
            // "Phó Chủ tịch", "Sở Công thương", "Bộ Xây dựng".
            "phó" | "sở" | "phòng" | "cục" => next_cap = true,
            "bộ" if i == 0 => next_cap = true,
            _ => {}
        }
    }
    out.join(" ").replace("Công thương", "Công Thương")
}

fn capitalize(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Splits a physical line into layout columns (runs of three or more
/// spaces separate them).
///
/// Blank day and month fields of an unsigned draft ("ngày      tháng
/// năm 2026") are gaps too, so they are closed first.
fn columns(line: &str) -> Vec<String> {
    static GAP: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s{3,}|\t").unwrap_or_else(|e| panic!("GAP: {e}")));
    static BLANK_FIELD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?P<a>ngày|tháng|[0-9])\s{3,}(?P<b>tháng|năm|/)")
            .unwrap_or_else(|e| panic!("BLANK_FIELD: {e}"))
    });
    let once = BLANK_FIELD.replace_all(line, "$a $b");
    let closed = BLANK_FIELD.replace_all(&once, "$a $b");
    GAP.split(&closed).map(str::trim).filter(|c| !c.is_empty()).map(str::to_string).collect()
}

/// Place suffix of a superior body ("UBND TỈNH LÀO CAI" → "tỉnh Lào Cai").
fn place_of(name: &str) -> Option<String> {
    let lower = name.to_lowercase();
    for lvl in ["tỉnh ", "thành phố ", "huyện ", "quận ", "thị xã ", "xã ", "phường "] {
        if let Some(i) = lower.find(lvl) {
            // Not "tỉnh ủy".
            let rest = &lower[i + lvl.len()..];
            if rest.starts_with("ủy") || rest.starts_with("uỷ") {
                continue;
            }
            return name.get(i..).map(str::to_string);
        }
    }
    None
}

/// The place of the date line, mended from the issuer's own place when a
/// scan misread one letter of it ("Tào Cai" under "UBND TỈNH LÀO CAI"): a
/// document is dated where its issuer sits, and a read that is no known
/// place yet one letter from the issuer's place is that place. A place
/// that is known as read stands (a ministry's office in Hà Nội may date a
/// document about any province).
fn place_as_in_issuer(place: String, issuers: [Option<&str>; 2]) -> String {
    if crate::lang::places::lookup(&place).next().is_some() {
        return place;
    }
    let folded = place.to_lowercase();
    issuers
        .into_iter()
        .flatten()
        .filter_map(place_name)
        .filter(|name| !name.is_empty())
        .find(|name| strsim::levenshtein(&name.to_lowercase(), &folded) == 1)
        .unwrap_or(place)
}

/// The place of a body's name without its level word ("UBND tỉnh Lào
/// Cai" → "Lào Cai", "thành phố Hạ Long" → "Hạ Long").
fn place_name(name: &str) -> Option<String> {
    let place = place_of(name)?;
    let lower = place.to_lowercase();
    let level_words = if lower.starts_with("thành phố") || lower.starts_with("thị xã") { 2 } else { 1 };
    Some(place.split_whitespace().skip(level_words).collect::<Vec<_>>().join(" "))
}

/// Builds the issuer (and superior) from the issuer-block lines.
fn issuer_of(block: &[String]) -> (Option<String>, Option<String>) {
    let lines: Vec<String> = block.iter().map(|l| squeeze(l)).filter(|l| !l.is_empty()).collect();
    if lines.is_empty() {
        return (None, None);
    }
    // A line that is only a level and place continues the previous one
    // ("ỦY BAN NHÂN DÂN" / "TỈNH LÀO CAI").
    let mut units: Vec<String> = Vec::new();
    for l in lines {
        let lower = l.to_lowercase();
        let continues = ["tỉnh ", "thành phố ", "huyện ", "quận ", "thị xã ", "xã ", "phường "]
            .iter()
            .any(|p| lower.starts_with(p) && !lower.contains(" ủy") && !lower.contains(" uỷ"));
        match units.last_mut() {
            Some(last) if continues => {
                last.push(' ');
                last.push_str(&l);
            }
            _ => units.push(l),
        }
    }
    let names: Vec<String> = units.iter().map(|u| title_case(u)).collect();
    match names.as_slice() {
        [] => (None, None),
        [one] => (Some(one.clone()), None),
        [.., sup, own] => {
            let mut own = own.clone();
            let lower = own.to_lowercase();
            // "Tỉnh ủy" under "Đảng bộ tỉnh Quảng Ninh" → "Tỉnh ủy Quảng
            // Ninh": a Party committee is named by its place. Any other body
            // is the issuer as printed, without its superior's place
            // (ANNOTATION.md: "SỞ CÔNG THƯƠNG" under "UBND TỈNH LÀO CAI" is
            // "Sở Công Thương").
            let committee = ["tỉnh ủy", "thành ủy", "huyện ủy", "thị ủy", "quận ủy"];
            if place_of(&own).is_none() && committee.iter().any(|c| lower == *c) {
                if let Some(bare) = place_name(sup) {
                    own = format!("{own} {bare}");
                }
            }
            (Some(own), Some(sup.clone()))
        }
    }
}

/// The kind heading that opens `line` and its length in bytes. A kind
/// whose marks a scan misread (`BẢO CÁO`, `THÔNG TỨ`) is read by its bare
/// letters: no two kinds share them, and the heading stands where no
/// other capitals do (below the number and date).
fn kind_in(line: &str) -> Option<(&'static str, usize)> {
    let t = line.trim();
    let ends_word = |rest: &str| rest.is_empty() || rest.starts_with(' ') || rest.starts_with(':');
    for (upper, title) in lexicon::KINDS {
        if let Some(rest) = t.strip_prefix(upper) {
            if ends_word(rest) {
                return Some((title, upper.len()));
            }
        }
    }
    // The kinds' bare words, once; the line's first words, bare, with the
    // byte offset each ends at (a trailing ':' left out).
    static BARE_KINDS: LazyLock<Vec<(Vec<String>, &'static str)>> = LazyLock::new(|| {
        lexicon::KINDS
            .iter()
            .map(|(upper, title)| (upper.split(' ').map(crate::lang::syllable::strip).collect(), *title))
            .collect()
    });
    let longest = BARE_KINDS.iter().map(|(words, _)| words.len()).max().unwrap_or(0);
    let mut at = 0;
    let mut line_words: Vec<(String, usize)> = Vec::with_capacity(longest);
    for raw in t.split(' ').take(longest) {
        let w = raw.trim_end_matches(':');
        line_words.push((crate::lang::syllable::strip(w), at + w.len()));
        at += raw.len() + 1;
    }
    BARE_KINDS.iter().find_map(|(words, title)| {
        let head = line_words.get(..words.len())?;
        let same = head.iter().zip(words).all(|((got, _), want)| got == want);
        same.then(|| (*title, head.last().map_or(0, |(_, end)| *end)))
    })
}

/// Reads the header and footer of `doc`.
pub fn read(doc: &Doc) -> Header {
    let mut h = Header::default();
    let n = doc.lines.len();
    let scan = n.min(40);
    let mut issuer_lines: Vec<String> = Vec::new();
    let mut number_line = None;
    let mut kind_line = None;
    let mut date_line = None;
    for i in 0..scan {
        let line = doc.line(i);
        if line.is_empty() {
            continue;
        }
        for col in columns(line) {
            let cleaned = MOTTO.replace_all(&col, " ");
            let cleaned = squeeze(&cleaned);
            if cleaned.is_empty() {
                continue;
            }
            if date_line.is_none() {
                if let Some(c) = DATE_LINE.captures(&cleaned) {
                    date_line = Some(i);
                    let place = c.name("place").map(|p| squeeze(p.as_str()));
                    h.meta.place = place.filter(|p| p.chars().count() > 1);
                    let y = c.name("y").and_then(|y| y.as_str().parse::<i32>().ok());
                    h.year = y;
                    let m = c
                        .name("m")
                        .and_then(|m| crate::lang::date::ocr_digits(m.as_str()).parse::<u32>().ok());
                    // "ngày T0 tháng 6", "ngày TÔ thắng T2": OCR's letters
                    // for the digits of the day (two of them, in the day's
                    // place: no word of the genre stands there).
                    let d = c
                        .name("d")
                        .and_then(|d| crate::lang::date::ocr_digits(d.as_str()).parse::<u32>().ok());
                    if let (Some(y), Some(m), Some(d)) = (y, m, d) {
                        h.meta.date = crate::lang::date::iso(y, m, d);
                    }
                    // Text before the place in the same column belongs to
                    // another field (e.g. the number).
                    let before = &cleaned[..c.get(0).map(|g| g.start()).unwrap_or(0)];
                    if let Some(nc) = NUMBER_LINE.captures(before) {
                        read_number(&mut h, nc.name("n").map(|x| x.as_str()).unwrap_or(""));
                        number_line.get_or_insert(i);
                    }
                    continue;
                }
            }
            if number_line.is_none() {
                if let Some(c) = NUMBER_LINE.captures(&cleaned) {
                    number_line = Some(i);
                    read_number(&mut h, c.name("n").map(|x| x.as_str()).unwrap_or(""));
                    continue;
                }
            }
            if kind_line.is_none() && is_upper(&cleaned) {
                if let Some((kind, _)) = kind_in(&cleaned) {
                    if number_line.is_some() || date_line.is_some() || i > 2 {
                        kind_line = Some(i);
                        h.meta.kind = Some(kind.to_string());
                        continue;
                    }
                }
            }
            if number_line.is_none() && date_line.is_none() && kind_line.is_none() && is_upper(&cleaned) {
                // "TỈNH ỦY LÀO CAI ĐẢNG CỘNG SẢN VIỆT NAM" reaches here as
                // "TỈNH ỦY LÀO CAI" after the motto is cut.
                issuer_lines.push(cleaned);
            }
        }
    }
    // A document transcribed for a gazette or a legal database has no
    // header columns: its first lines cite it ("Nghị định của Chính phủ số
    // 117/2003/NĐ-CP ngày 10/10/2003 về việc …").
    let cited = (h.meta.number.is_none() && kind_line.is_none()).then(|| cited_heading(doc, scan)).flatten();
    if let Some(c) = &cited {
        h.meta.kind = Some(c.kind.clone());
        read_number(&mut h, &c.number);
        h.meta.date = c.date.clone();
        h.year = c.date.as_deref().and_then(|d| d.get(..4)).and_then(|y| y.parse().ok());
    }
    // The cited issuer is written as a name already ("Bộ trưởng Bộ Tài
    // chính"), not as header lines in capitals.
    let (issuer, sup) = match &cited {
        Some(c) => (Some(c.issuer.clone()), None),
        None => issuer_of(&issuer_lines),
    };
    h.meta.place = h.meta.place.map(|p| place_as_in_issuer(p, [issuer.as_deref(), sup.as_deref()]));
    h.meta.issuer = issuer;
    h.meta.issuer_superior = sup;
    // Title: after the kind line (or the V/v lines of a công văn).
    let mut body_line =
        [kind_line, number_line, date_line].iter().flatten().max().map(|&i| i + 1).unwrap_or(0);
    let mut title: Vec<String> = Vec::new();
    let start_title = kind_line.map(|k| k + 1);
    if let Some(k) = kind_line {
        // "CHỈ THỊ Về việc …" on one line.
        if let Some((_, len)) = kind_in(doc.line(k)) {
            let rest = doc.line(k).get(len..).unwrap_or("").trim();
            if !rest.is_empty() {
                title.push(rest.to_string());
            }
        }
    }
    let mut i = start_title.unwrap_or(0);
    let vv_mode = kind_line.is_none() && cited.is_none();
    if vv_mode {
        // A công văn: "V/v …" lines.
        i = (0..scan).find(|&j| columns(doc.line(j)).iter().any(|c| VV.is_match(c))).unwrap_or(n);
        if i < n {
            h.meta.kind = Some("Công văn".to_string());
        }
    }
    let mut in_title = i < n && cited.is_none();
    if let Some(c) = &cited {
        title = c.title.iter().cloned().collect();
        body_line = c.end_line;
    }
    while in_title && i < n && i < scan + 10 {
        let line = doc.line(i);
        let cols = columns(line);
        let first = cols.first().map(String::as_str).unwrap_or("");
        let stop = line.is_empty() && !title.is_empty()
            || first.starts_with('(')
            || first.starts_with("Căn cứ")
            // "Kính gửi", and as scans print it ("Kính pửi", "Kinh gửi").
            || first.starts_with("Kính g")
            || first.starts_with("Kinh gửi")
            || first.starts_with("Số:")
            // The place and date line below a công văn's V/v lines (and
            // the motto between them) is the next field, not more title.
            || (!title.is_empty() && date_line == Some(i) && DATE_LINE.is_match(first))
            || NUMBER_LINE.is_match(first) && !title.is_empty()
            || (!title.is_empty() && first.ends_with(['.', ';']) && first.chars().count() > 60)
            || (!title.is_empty() && first.chars().count() > 110)
            // Wrapped (PDF) text: a line running to the margin starts the
            // body; title lines are centred and shorter.
            || (!title.is_empty() && cols.len() == 1 && doc.is_full_line(i));
        if stop {
            break;
        }
        if !line.is_empty() {
            let t = VV.find(first).map_or(first, |m| &first[m.end()..]).trim();
            let t = MOTTO.replace_all(t, " ");
            if !t.trim().is_empty() {
                title.push(t.trim().to_string());
            }
            body_line = body_line.max(i + 1);
        }
        i += 1;
        if title.len() >= 8 {
            in_title = false;
        }
    }
    if !title.is_empty() {
        let t = squeeze(&title.join(" "));
        let t = if is_upper(&t) { sentence_case(&t) } else { t };
        h.meta.title = Some(t);
    }
    // Number symbol tells the kind when no heading does.
    if h.meta.kind.is_none() {
        if let Some(code) = h.meta.number.as_deref().and_then(super::reference::type_code) {
            h.meta.kind = lexicon::kind_of_code(&code).map(str::to_string).or(Some("Công văn".to_string()));
        }
    }
    h.body_line = body_line;
    read_footer(doc, &mut h);
    if h.meta.issuer.is_none() {
        h.problems.push((WarningCode::HeaderIssuerMissing, "no issuing body found in the header".into()));
    }
    h
}

/// What a citation heading gives.
struct CitedHeading {
    kind: String,
    issuer: String,
    number: String,
    date: Option<String>,
    title: Option<String>,
    /// The first line after the heading.
    end_line: usize,
}

/// A citation heading: kind, "của" and the issuer, the number, the date,
/// then the title, over the first lines up to a blank one.
static CITED_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^
        (?P<kind>nghị\ định|quyết\ định|thông\ tư\ liên\ tịch|thông\ tư|chỉ\ thị|nghị\ quyết|pháp\ lệnh|luật)
        \s+của\s+(?P<issuer>\S.{1,80}?)
        \s+số:?\s*(?P<number>[0-9][^\s]*(?:\s+/[^\s]+)?)
        \s+ngày\s+(?:(?P<d>[0-9]{1,2})/(?P<m>[0-9]{1,2})/(?P<y>[0-9]{4})
            |(?P<d2>[0-9]{1,2})\s+tháng\s+(?P<m2>[0-9]{1,2})\s+năm\s+(?P<y2>[0-9]{4}))
        [.,]?\s*(?P<title>.*)$",
    )
    .unwrap_or_else(|e| panic!("CITED_HEADING regex: {e}"))
});

/// Lines a citation heading takes at most.
const MAX_CITED_HEADING_LINES: usize = 8;

/// The citation heading of a document without header columns, read from
/// its first lines (up to a blank line): nine documents of corpus/lm's
/// gazette transcripts open this way, decrees, decisions and circulars of
/// 1995–2003.
fn cited_heading(doc: &Doc, scan: usize) -> Option<CitedHeading> {
    let first = (0..scan).find(|&i| !doc.line(i).is_empty())?;
    let end =
        (first..scan.min(first + MAX_CITED_HEADING_LINES)).find(|&i| doc.line(i).is_empty()).unwrap_or(scan);
    let joined = squeeze(&(first..end).map(|i| doc.line(i)).collect::<Vec<_>>().join(" "));
    let c = CITED_HEADING.captures(&joined)?;
    let num = |a: &str, b: &str| c.name(a).or(c.name(b)).and_then(|x| x.as_str().parse::<u32>().ok());
    let date = match (num("y", "y2"), num("m", "m2"), num("d", "d2")) {
        (Some(y), Some(m), Some(d)) => crate::lang::date::iso(y as i32, m, d),
        _ => None,
    };
    let kind_l = c.name("kind")?.as_str().to_lowercase();
    let kind = lexicon::KINDS.iter().find(|(_, t)| t.to_lowercase() == kind_l).map(|(_, t)| t.to_string())?;
    let title = c.name("title").map(|t| t.as_str().trim().trim_end_matches(['.', ';']).trim().to_string());
    Some(CitedHeading {
        kind,
        issuer: c.name("issuer")?.as_str().to_string(),
        number: c.name("number")?.as_str().to_string(),
        date,
        title: title.filter(|t| !t.is_empty()),
        end_line: end,
    })
}

fn sentence_case(s: &str) -> String {
    // Keep words that look like symbols or names of places unknowable here;
    // the first letter is capital, the rest lower.
    let lower = s.to_lowercase();
    let t = capitalize(&lower);
    // Restore symbols: tokens with a digit keep their original form.
    let orig: Vec<&str> = s.split(' ').collect();
    t.split(' ')
        .enumerate()
        .map(|(i, w)| {
            if w.chars().any(|c| c.is_ascii_digit()) {
                orig.get(i).copied().unwrap_or(w).to_string()
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn read_number(h: &mut Header, raw: &str) {
    let raw: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let raw = raw.trim_end_matches([',', '.', ';']);
    if raw.chars().next().is_some_and(|c| c.is_ascii_digit()) && raw.contains(['/', '-']) {
        h.meta.number = Some(raw.to_string());
    } else if !raw.is_empty() {
        // Blank number: keep the kind code for later.
        h.problems.push((WarningCode::NumberBlank, format!("the number field is blank ({raw})")));
        if h.meta.kind.is_none() {
            if let Some(code) = super::reference::type_code(&format!("0{raw}")) {
                if let Some(k) = lexicon::kind_of_code(&code) {
                    h.meta.kind = Some(k.to_string());
                }
            }
        }
    }
}

/// Last lines searched for a post signing without a capacity or a
/// recipients list: the signature closes the document.
const SIGN_POST_WINDOW: usize = 12;

/// A person's name as signed: two to five capitalized words, no digits,
/// no ':' or '(' ("Trần Hải Châu").
fn looks_like_name(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && words.iter().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
        && !line.chars().any(|c| c.is_ascii_digit() || c == ':' || c == '(')
}

/// Whether `line` is a post alone ("Thủ tướng", "BỘ TRƯỞNG").
fn is_post(line: &str) -> bool {
    let post = line.trim().to_lowercase();
    lexicon::TITLES.contains(&post.as_str()) || lexicon::SIGNING_POSTS.contains(&post.as_str())
}

/// The signature block of a text printed in sentence case: a capacity
/// ("TM. Chính phủ", "KT. Bộ trưởng") among the last lines, then a post
/// alone on its line, then a name. Both steps are required: a capacity in
/// sentence case alone is as likely a sentence of the body.
fn sentence_case_signature(doc: &Doc, n: usize) -> Option<usize> {
    let next = |from: usize| (from + 1..n).find(|&k| !doc.line(k).is_empty());
    (n.saturating_sub(SIGN_POST_WINDOW)..n).find(|&i| {
        let line = doc.line(i);
        SIGN_CAPACITY.is_match(line)
            && !is_upper(line)
            && next(i).is_some_and(|p| {
                is_post(doc.line(p))
                    && next(p).is_some_and(|m| looks_like_name(doc.line(m)) && !is_upper(doc.line(m)))
            })
    })
}

/// Recipients and signature block at the end of the document.
fn read_footer(doc: &Doc, h: &mut Header) {
    let n = doc.lines.len();
    let nn =
        (0..n).rev().find(|&i| doc.line(i).starts_with("Nơi nhận") || doc.line(i).starts_with("NƠI NHẬN"));
    let sentence_signature = sentence_case_signature(doc, n);
    let Some(start) = nn
        .or_else(|| {
            // No recipients: the signature block is the last capacity line…
            (n.saturating_sub(40)..n).find(|&i| SIGN_CAPACITY.is_match(doc.line(i)) && is_upper(doc.line(i)))
        })
        .or_else(|| {
            // …or a post signing in its own name ("CHỦ TỊCH" of a council
            // resolution, "BỘ TRƯỞNG") with the person's name under it.
            (n.saturating_sub(SIGN_POST_WINDOW)..n).rev().find(|&i| {
                let line = doc.line(i);
                is_upper(line)
                    && is_post(line)
                    && (i + 1..n).map(|k| doc.line(k)).find(|l| !l.is_empty()).is_some_and(|l| {
                        // Under a post in capitals, a name in mixed case
                        // without a sentence's marks.
                        looks_like_name(l) && !is_upper(l) && !l.contains(['.', ','])
                    })
            })
        })
        .or(sentence_signature)
    else {
        return;
    };
    // A gazette transcript prints its signature block in sentence case
    // ("TM. Chính phủ" / "Thủ tướng" / the name).
    let sentence_signed = nn.is_none() && sentence_signature == Some(start);
    h.footer_line = Some(start);
    let mut recipients = Vec::new();
    let mut sign: Vec<String> = Vec::new();
    let mut name: Option<String> = None;
    for i in start..n.min(start + 40) {
        let line = doc.line(i);
        if line.is_empty() {
            continue;
        }
        // An appendix after the signature ends the footer.
        if name.is_some() && is_upper(line) && line.chars().count() > 20 {
            break;
        }
        for col in columns(line) {
            let col = col.as_str();
            let col = col.trim_start_matches("Nơi nhận:").trim_start_matches("NƠI NHẬN:").trim();
            if col.is_empty() {
                continue;
            }
            if col.contains("- ") && col.starts_with('-') || col.starts_with('-') || col.starts_with('+') {
                for item in col.split("- ").map(str::trim).filter(|x| !x.is_empty()) {
                    let item =
                        item.trim_start_matches(['-', '+']).trim().trim_end_matches([';', '.', ',']).trim();
                    if !item.is_empty() {
                        recipients.push(item.to_string());
                    }
                }
                continue;
            }
            if is_upper(col) {
                sign.push(col.to_string());
                continue;
            }
            if sentence_signed && name.is_none() && (SIGN_CAPACITY.is_match(col) || is_post(col)) {
                sign.push(col.to_uppercase());
                continue;
            }
            let looks_name = looks_like_name(col);
            if let Some(split) = split_glued(col) {
                sign.push(split.0);
                name = Some(split.1);
            } else if looks_name && !sign.is_empty() && name.is_none() {
                name = Some(col.to_string());
            }
        }
        if name.is_some() && !sign.is_empty() {
            h.footer_end = Some(i + 1);
            break;
        }
    }
    if h.footer_end.is_none() {
        h.footer_end = Some(n.min(start + 40));
    }
    h.meta.recipients = recipients;
    if sign.is_empty() && name.is_none() && nn.is_some() {
        // The signature may stand before "Nơi nhận": read the block above.
        let mut j = start;
        let mut block: Vec<(usize, String)> = Vec::new();
        while j > 0 && block.len() < 8 {
            j -= 1;
            let l = doc.line(j);
            if l.is_empty() {
                continue;
            }
            if l.ends_with(['.', ';']) || l.chars().count() > 60 {
                break;
            }
            block.push((j, l.to_string()));
        }
        block.reverse();
        for (_, l) in &block {
            let words: Vec<&str> = l.split_whitespace().collect();
            if is_upper(l) {
                sign.push(l.clone());
            } else if (2..=5).contains(&words.len())
                && words.iter().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
                && !sign.is_empty()
            {
                name = Some(l.clone());
            }
        }
        if let Some((first, _)) = block.iter().find(|(_, l)| is_upper(l)) {
            h.footer_line = Some(*first);
        }
    }
    if sign.is_empty() && name.is_none() {
        return;
    }
    let (capacity, title) = signer_titles(&sign);
    h.meta.signer = Some(Signer { name, title, capacity });
}

/// "THỦ TƯỚNGNguyễn Tấn Dũng" → ("THỦ TƯỚNG", "Nguyễn Tấn Dũng").
fn split_glued(col: &str) -> Option<(String, String)> {
    let chars: Vec<(usize, char)> = col.char_indices().collect();
    for w in chars.windows(2) {
        let (a, b) = (w[0].1, w[1].1);
        if a.is_uppercase() && b.is_uppercase() {
            continue;
        }
        if a.is_uppercase() && b.is_lowercase() && w[0].0 > 0 {
            let (head, tail) = col.split_at(w[0].0);
            if is_upper(head) && head.chars().count() >= 4 {
                return Some((head.trim().to_string(), tail.trim().to_string()));
            }
            return None;
        }
    }
    None
}

/// Capacity ("KT. Chủ tịch") and position ("Phó Chủ tịch") from the
/// upper-case lines of the signature block.
fn signer_titles(lines: &[String]) -> (Option<String>, Option<String>) {
    let mut capacity: Vec<String> = Vec::new();
    let mut title = None;
    for l in lines {
        let mut l = squeeze(l);
        // "KT,GIÁM ĐỐC": a scan's comma or colon for the capacity's dot.
        for p in ["KT", "TM", "TL", "TUQ"] {
            if l.starts_with(p) && l[p.len()..].starts_with([',', ':', ';']) {
                l.replace_range(p.len()..p.len() + 1, ".");
            }
        }
        // "KT.GIÁM ĐỐCPHÓ GIÁM ĐỐC": a text layer that lost the space after
        // the capacity's dot.
        for p in ["KT.", "TM.", "TL.", "TUQ.", "Q."] {
            if l.starts_with(p) && l[p.len()..].starts_with(|c: char| c.is_alphabetic()) {
                l.insert(p.len(), ' ');
            }
        }
        let upper_caps =
            ["T/M ", "TM. ", "TM ", "KT. ", "KT ", "Q. ", "TL. ", "TUQ. ", "THỪA LỆNH", "THAY MẶT"];
        if upper_caps.iter().any(|p| l.starts_with(p)) {
            // "KT. CHỦ TỊCHPHÓ CHỦ TỊCH": capacity glued to the position.
            let (cap, rest) = match l.find("PHÓ ").filter(|&i| i > 4) {
                Some(i) => (l[..i].to_string(), Some(l[i..].to_string())),
                None => (l.clone(), None),
            };
            let (prefix, body) = cap.split_once(' ').unwrap_or((&cap, ""));
            capacity.push(format!("{prefix} {}", title_case(body)).trim().to_string());
            if let Some(r) = rest {
                title = Some(title_case(&r));
            }
        } else if title.is_none() {
            title = Some(title_case(&l));
        }
    }
    if title.is_none() {
        // "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" without KT: the last capacity's
        // office is the position.
        title = capacity.last().and_then(|c| c.split_once(' ')).map(|(_, t)| t.to_string());
    }
    let capacity = if capacity.is_empty() { None } else { Some(capacity.join("; ")) };
    (capacity, title)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(text: &str) -> DocumentMeta {
        read(&Doc::new(text)).meta
    }

    /// A gazette transcript opens with the document's citation instead of
    /// header columns (a heading of our own, in the shape of corpus/lm's).
    #[test]
    fn citation_heading_of_a_gazette_transcript() {
        let text = "Quyết định\ncủa Ủy ban nhân dân tỉnh Nghệ An số 45/2001/QĐ-UB\nngày 3 tháng 4 năm 2001 về việc ban hành\nQuy chế quản lý khu công nghiệp.\n\nỦy ban nhân dân tỉnh Nghệ An\n\nCăn cứ Luật Tổ chức HĐND và UBND;\n";
        let m = meta(text);
        assert_eq!(m.kind.as_deref(), Some("Quyết định"));
        assert_eq!(m.issuer.as_deref(), Some("Ủy ban nhân dân tỉnh Nghệ An"));
        assert_eq!(m.number.as_deref(), Some("45/2001/QĐ-UB"));
        assert_eq!(m.date.as_deref(), Some("2001-04-03"));
        assert_eq!(m.title.as_deref(), Some("về việc ban hành Quy chế quản lý khu công nghiệp"));
        let slashed = "Thông tư của Bộ Tài chính số 13/2001/TT-BTC ngày 8/3/2001 hướng dẫn thực hiện thuế\n\nBộ Tài chính\n";
        assert_eq!(meta(slashed).date.as_deref(), Some("2001-03-08"));
        assert_eq!(meta(slashed).kind.as_deref(), Some("Thông tư"));
        // A document with its header columns keeps them; a citation in its
        // first lines is a reference, not its heading.
        let headed = "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\nSố: 12/KH-UBND\nNghệ An, ngày 5 tháng 6 năm 2025\n\nKẾ HOẠCH\nThực hiện Nghị định của Chính phủ số 45/2001/NĐ-CP ngày 3 tháng 4 năm 2001\n";
        let m = meta(headed);
        assert_eq!(m.number.as_deref(), Some("12/KH-UBND"));
        assert_eq!(m.kind.as_deref(), Some("Kế hoạch"));
        // No "của": a sentence of the body, not a citation heading.
        assert_eq!(meta("Nghị định số 45/2001/NĐ-CP ngày 3/4/2001 quy định …\n").number, None);
    }

    /// A gazette transcript's signature in sentence case, without
    /// recipients; a capacity-like line of the body is no signature.
    #[test]
    fn sentence_case_signature_of_a_transcript() {
        let text = "Nghị định của Chính phủ số 12/2003/NĐ-CP ngày 3/4/2003 về công chức\n\nChính phủ\n\nĐiều 1. Các Bộ trưởng chịu trách nhiệm thi hành Nghị định này.\n\nTM. Chính phủ\nThủ tướng\nNguyễn Văn An\n";
        let signer = meta(text).signer.expect("signed");
        assert_eq!(signer.name.as_deref(), Some("Nguyễn Văn An"));
        assert_eq!(signer.title.as_deref(), Some("Thủ tướng"));
        assert_eq!(signer.capacity.as_deref(), Some("TM. Chính phủ"));
        let unsigned = "Nghị định của Chính phủ số 12/2003/NĐ-CP ngày 3/4/2003 về công chức\n\nĐiều 1. Quy định chung.\nTL. Bộ trưởng ký các văn bản theo ủy quyền\nCác Bộ trưởng chịu trách nhiệm thi hành.\n";
        assert!(meta(unsigned).signer.is_none());
    }

    #[test]
    fn party_header() {
        let m = meta(
            "ĐẢNG BỘ TỈNH QUẢNG NINH\nTỈNH ỦY\n*\nSố 12-NQ/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nHạ Long, ngày 15 tháng 12 năm 2022\n\nNGHỊ QUYẾT\nvề phương hướng, nhiệm vụ năm 2023\n\nI. TÌNH HÌNH\n",
        );
        assert_eq!(m.issuer.as_deref(), Some("Tỉnh ủy Quảng Ninh"));
        assert_eq!(m.issuer_superior.as_deref(), Some("Đảng bộ tỉnh Quảng Ninh"));
        assert_eq!(m.number.as_deref(), Some("12-NQ/TU"));
        assert_eq!(m.place.as_deref(), Some("Hạ Long"));
        assert_eq!(m.date.as_deref(), Some("2022-12-15"));
        assert_eq!(m.kind.as_deref(), Some("Nghị quyết"));
        assert_eq!(m.title.as_deref(), Some("về phương hướng, nhiệm vụ năm 2023"));
    }

    #[test]
    fn department_header_with_blank_fields() {
        let m = meta(
            "UBND TỈNH LÀO CAI\nSỞ CÔNG THƯƠNG\n\nSố:       /KH-SCT\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nLào Cai, ngày       tháng 4 năm 2026\n\nKẾ HOẠCH\nThực hiện Đề án số 08\ngiai đoạn 2026-2030\n(Ban hành kèm theo Nghị quyết số 35-NQ/TU)\n\nCăn cứ",
        );
        // As printed, without the superior's place (ANNOTATION.md).
        assert_eq!(m.issuer.as_deref(), Some("Sở Công Thương"));
        assert_eq!(m.issuer_superior.as_deref(), Some("Ủy ban nhân dân tỉnh Lào Cai"));
        assert_eq!(m.number, None);
        assert_eq!(m.date, None);
        assert_eq!(m.kind.as_deref(), Some("Kế hoạch"));
        assert_eq!(m.title.as_deref(), Some("Thực hiện Đề án số 08 giai đoạn 2026-2030"));
    }

    #[test]
    fn cong_van_two_columns() {
        let m = meta(
            "ỦY BAN NHÂN DÂN                     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH LÀO CAI                            Độc lập - Tự do - Hạnh phúc\n\nSố: 7432 /UBND-XD                      Lào Cai, ngày 21 tháng 7 năm 2026\nV/v triển khai thực hiện Quyết định số\n1074/QĐ-BXD ngày 29/6/2026\n\nKính gửi:\n- Công an tỉnh;\n\nNội dung.\nNơi nhận:                                             KT. CHỦ TỊCH\n- Như trên;\n- Lưu: VT.                                PHÓ CHỦ TỊCH\n\nPhan Trung Bá\n",
        );
        assert_eq!(m.issuer.as_deref(), Some("Ủy ban nhân dân tỉnh Lào Cai"));
        assert_eq!(m.number.as_deref(), Some("7432/UBND-XD"));
        assert_eq!(m.date.as_deref(), Some("2026-07-21"));
        assert_eq!(m.kind.as_deref(), Some("Công văn"));
        assert_eq!(m.title.as_deref(), Some("triển khai thực hiện Quyết định số 1074/QĐ-BXD ngày 29/6/2026"));
        let s = m.signer.unwrap_or_default();
        assert_eq!(s.name.as_deref(), Some("Phan Trung Bá"));
        assert_eq!(s.title.as_deref(), Some("Phó Chủ tịch"));
        assert_eq!(s.capacity.as_deref(), Some("KT. Chủ tịch"));
        assert_eq!(m.recipients, vec!["Như trên", "Lưu: VT"]);
    }

    #[test]
    fn a_post_signing_without_capacity_or_recipients() {
        let text = "HỘI ĐỒNG NHÂN DÂN\nTỈNH QUẢNG BÌNH\nSố: 45/NQ-HĐND\n\nNGHỊ QUYẾT\nVề kế hoạch năm 2025\n\nĐiều 1. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này.\nNghị quyết này có hiệu lực từ ngày 01 tháng 01 năm 2025./.\nCHỦ TỊCH\nTrần Hải Châu\n";
        let s = meta(text).signer.unwrap_or_default();
        assert_eq!((s.title.as_deref(), s.name.as_deref()), (Some("Chủ tịch"), Some("Trần Hải Châu")));
        // A heading in capitals over a sentence is no signature.
        let text = "KẾ HOẠCH\nVề việc năm 2025\n\nGIÁM ĐỐC\nSở Tài chính chủ trì thực hiện.\n";
        assert!(meta(text).signer.is_none());
    }

    #[test]
    fn capacity_glued_to_its_dot() {
        let (capacity, title) = signer_titles(&["KT.GIÁM ĐỐCPHÓ GIÁM ĐỐC".to_string()]);
        assert_eq!(capacity.as_deref(), Some("KT. Giám đốc"));
        assert_eq!(title.as_deref(), Some("Phó Giám đốc"));
        // A name in capitals that opens like a capacity stays a title.
        let (capacity, title) = signer_titles(&["GIÁM ĐỐC".to_string()]);
        assert_eq!((capacity, title.as_deref()), (None, Some("Giám đốc")));
    }

    #[test]
    fn vv_as_scans_print_it() {
        for yes in [
            "V/v hướng dẫn",
            "V.v thực hiện",
            "Vzv kiểm tra",
            "V¿v triển khai",
            "V2v hướng dẫn",
            "V:V hướng dẫn",
            "Vv cử cán bộ",
        ] {
            assert!(VV.is_match(yes), "{yes}");
        }
        for no in ["Về việc triển khai", "Vụ Kế hoạch", "Văn bản số 12", "V12 vận hành", "Vi phạm hành chính"]
        {
            assert!(!VV.is_match(no), "{no}");
        }
    }

    #[test]
    fn scan_damaged_cong_van_header() {
        // A Tesseract layer of a fax: the motto's first letters lost and a
        // mark misread, the place one letter off, the day and month read
        // as letters, V/v's slash read as `z`, the capacity's dot as a
        // comma.
        let m = meta(
            "UBND TỈNH LÀO CAI\nG HOÀ XÃ HỘI CHÚ NGHĨA VIỆ TNAM\nSỞ XÂY DỰNG\nĐộc lập - Tự do — Hạnh phúc\nSố: 3298 /SXD-QLHĐXD\nVzv hướng dẫn hoàn thiện hồ sơ thiết kế mỏ đá\nTào Cai, ngày TÔ thắng T2 năm 2025\nKinh gửi: Công ty TNHH Đại Đồng\n\nNội dung.\nNơi nhận:\n- Như trên;\nKT,GIÁM ĐỐCPHÓ GIÁM ĐỐC\n\nNguyễn Tiến Nam\n",
        );
        assert_eq!(m.issuer.as_deref(), Some("Sở Xây dựng"));
        assert_eq!(m.issuer_superior.as_deref(), Some("Ủy ban nhân dân tỉnh Lào Cai"));
        assert_eq!(m.place.as_deref(), Some("Lào Cai"));
        assert_eq!(m.date.as_deref(), Some("2025-12-10"));
        assert_eq!(m.kind.as_deref(), Some("Công văn"));
        assert_eq!(m.title.as_deref(), Some("hướng dẫn hoàn thiện hồ sơ thiết kế mỏ đá"));
        let s = m.signer.unwrap_or_default();
        assert_eq!((s.capacity.as_deref(), s.title.as_deref()), (Some("KT. Giám đốc"), Some("Phó Giám đốc")));
        // A place known as read stands, though the issuer sits elsewhere.
        let m = meta("BỘ CÔNG THƯƠNG\nSố: 12/BCT-KH\nHà Nội, ngày 05 tháng 3 năm 2025\nV/v cụm công nghiệp\n\nNội dung.\n");
        assert_eq!(m.place.as_deref(), Some("Hà Nội"));
        // A kind heading with a misread mark.
        let m = meta("UBND TỈNH LÀO CAI\nSố: 12/BC-UBND\nLào Cai, ngày 05 tháng 3 năm 2026\nBẢO CÁO\nKết quả thực hiện Chỉ thị số 38\n\nNội dung.\n");
        assert_eq!(m.kind.as_deref(), Some("Báo cáo"));
        assert_eq!(m.title.as_deref(), Some("Kết quả thực hiện Chỉ thị số 38"));
    }

    #[test]
    fn one_line_issuer_and_motto() {
        let m = meta("TỈNH ỦY LÀO CAI ĐẢNG CỘNG SẢN VIỆT NAM\nSố 05-CT/TU Lào Cai, ngày 3 tháng 2 năm 2025\nCHỈ THỊ\nvề tăng cường\n\nNội dung");
        assert_eq!(m.issuer.as_deref(), Some("Tỉnh ủy Lào Cai"));
        assert_eq!(m.number.as_deref(), Some("05-CT/TU"));
        assert_eq!(m.date.as_deref(), Some("2025-02-03"));
        assert_eq!(m.kind.as_deref(), Some("Chỉ thị"));
    }
}
