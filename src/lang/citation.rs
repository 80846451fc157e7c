//! Where document symbols stand in running text, and what they must be:
//! "Nghị quyết số 68/2022/QH15", "Quyết định 1883/QĐ-UBND", "QCVN
//! 01:2019/BCT", "Chỉ thị số 16-CT?TU".
//!
//! A symbol is anchored on its own shape: a number, a separator, and
//! upper-case type and issuer codes ("12-NQ/TU", "134/KH-UBND",
//! "29/2008/NĐ-CP"), read through a line break ("16-⏎CT/TU"). The kind is
//! the nearest kind word before it, else its type code.
//!
//! OCR damages symbols more than any other token. Two ways in lead to
//! [`super::symbol::read`], which reads a symbol against the templates its
//! kind allows: an intact-looking symbol whose codes the genre does not use
//! ("TT-BCGT", "06/QĐ" with its issuer lost, "148/2027/QH15"), and a
//! number right after a cited kind and "số" that no intact symbol covers
//! ("Kết luận số 21-KIZTW"). The issuer named at the citation (before it,
//! "của X tại Tờ trình số …", or after its date) and the symbols read
//! intact elsewhere in the document are its evidence; what it cannot
//! settle is given no number.
//!
//! [`read_all`] says, for every symbol, what is printed and what should
//! be: the repair stage writes the second over the first (and lists the
//! change), the parse stage cites only what is printed.

use super::codes as lexicon;
use super::date::parse_date;
use regex::Regex;
use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::LazyLock;

/// A citation found in text, its symbol read as it should be written.
#[derive(Debug, Clone, PartialEq)]
pub struct Cited {
    /// Kind of document.
    pub kind: Option<String>,
    /// Number and symbol as they should be written, without spaces.
    pub number: String,
    /// Date, ISO.
    pub date: Option<String>,
    /// Issuer as named after the citation ("của …"), spaces squeezed.
    pub issuer: Option<String>,
    /// Byte range (kind word to date/issuer).
    pub range: Range<usize>,
    /// Byte offset where the symbol itself starts.
    pub symbol_start: usize,
    /// Bytes of the symbol as printed, which `number` reads.
    pub printed: Range<usize>,
    /// Bytes of the text that has the shape of a symbol ([`SYMBOL`]),
    /// when it has one: a damaged symbol that kept its shape may be cited
    /// as printed.
    pub shaped: Option<Range<usize>>,
    /// A kind word OCR damaged before the symbol ("Thông từ"), and the
    /// kind it stands for.
    pub damaged_kind: Option<(Range<usize>, &'static str)>,
}

/// A symbol as printed, without the spaces layout and OCR put in it
/// ("7432 /UBND-XD" → "7432/UBND-XD"); a standard keeps the one space
/// after its head ("QCVN 01:2019/BCT"). Nothing else changes: this is
/// what the parse stage may cite.
pub fn as_written(sym: &str) -> String {
    if sym.starts_with("QCVN") || sym.starts_with("TCVN") {
        let mut parts = sym.split_whitespace();
        let head = parts.next().unwrap_or("");
        let rest: String = parts.collect();
        return format!("{head} {rest}");
    }
    sym.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Number symbols. One optional space around separators because layout
/// extraction and OCR put spaces there ("7432 /UBND-XD", "16- CT/TU").
pub static SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        \b(?P<num>[0-9]{1,5}(?:\.[0-9]{1,2})?)
        (?:[\ ]?(?:/|-)\s?(?:(?:19|20)[0-9]{2}\s?/\s?)?
          | :(?:19|20)[0-9]{2}\s?/\s?)
        \p{Lu}[\p{L}0-9]*
        (?:\s?[/-]\s?[\p{L}0-9]+)*
        |\b(?:QCVN|TCVN)N?\s+[0-9]{1,5}[A-Z]?(?:-[0-9]{1,3})?:[0-9]{4}(?:\s?/\s?\p{Lu}[\p{L}0-9-]*)?",
    )
    .unwrap_or_else(|e| panic!("SYMBOL: {e}"))
});

/// "của X" after a citation: the issuer, up to the subject matter.
static ISSUER: LazyLock<Regex> = LazyLock::new(|| {
    // The issuer also ends where "và" cites the next document ("của Chính
    // phủ và Công điện số 47/CĐ-TTg …"). Spaces written as `\s+`: the
    // pattern is in extended mode.
    let kinds: Vec<String> = lexicon::CITED_KINDS.iter().map(|k| k.replace(' ', r"\s+")).collect();
    let kinds = kinds.join("|");
    Regex::new(&format!(
        r"(?x)^\s*,?\s*(?:của|do)\s+(?P<who>[^,;:()“”\x22]{{2,90}}?)
        (?:\s+(?:về|quy\s+định|ban\s+hành|phê\s+duyệt|hướng\s+dẫn|sửa\s+đổi|thực\s+hiện|triển\s+khai|tại|đã|thông\s+qua|nhằm|và\s+các|và\s+(?:{kinds})|với|v/v|năm\s)|\s*[,;:()“”\x22.]|$)",
    ))
    .unwrap_or_else(|e| panic!("ISSUER: {e}"))
});

/// [`ISSUER`] at the start of `s`. Most citations name no issuer right
/// after them: a look at the first word spares the regex those.
fn issuer_at(s: &str) -> Option<regex::Captures<'_>> {
    let lead = s.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
    (lead.starts_with("của") || lead.starts_with("do")).then(|| ISSUER.captures(s)).flatten()
}

/// Whether a symbol has the shape of a document number: an upper-case
/// code and a slash.
fn valid(sym: &str) -> bool {
    let has_code = sym.chars().any(|c| c.is_uppercase());
    (sym.contains('/') || sym.starts_with("QCVN") || sym.starts_with("TCVN")) && has_code
}

/// The symbol with its spaces removed ("7432 /UBND-XD" → "7432/UBND-XD").
pub fn clean_symbol(sym: &str) -> String {
    if sym.starts_with("QCVN") || sym.starts_with("TCVN") {
        let mut parts = sym.split_whitespace();
        // "QCVNN": OCR doubles the last letter.
        let head = parts.next().unwrap_or("").get(..4).unwrap_or("");
        let rest: String = parts.collect();
        return format!("{head} {rest}");
    }
    // "16:2017/QH14": OCR's colon for the slash before a year.
    sym.chars().filter(|c| !c.is_whitespace()).map(|c| if c == ':' { '/' } else { c }).collect()
}

/// The type code of a symbol ("KH" in "134/KH-UBND", "NQ" in "12-NQ/TU").
pub fn type_code(sym: &str) -> Option<String> {
    let mut parts = sym.split(['/', '-']).skip(1).filter(|p| !p.chars().all(|c| c.is_ascii_digit()));
    parts.next().map(str::to_string)
}

/// Kind word ending right before `at` ("Quyết định số", "Luật Điện lực
/// số", "tại Văn bản số").
fn kind_before(s: &str, at: usize) -> Option<(String, usize)> {
    let head = super::before(s, at, 160);
    let base = at - head.len();
    // Only within the same phrase.
    let cut = head
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, ';' | '(' | ')' | '“' | '”'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let phrase = &head[cut..];
    let mut best: Option<(usize, &str)> = None;
    // The last place of each kind (no kind word overlaps itself, so the
    // last match is the last of the non-overlapping ones).
    for k in lexicon::CITED_KINDS {
        let Some(pos) = phrase.rfind(k) else { continue };
        let better = match best {
            Some((b, bk)) => pos > b || (pos == b && k.len() > bk.len()),
            None => true,
        };
        if better {
            best = Some((pos, k));
        }
    }
    let (pos, k) = best?;
    // Between the kind and the number: a name ("Luật Điện lực"), "số", a
    // colon; not a whole clause.
    let between = &phrase[pos + k.len()..];
    if between.split_whitespace().count() > 12 || between.contains(',') && !k.starts_with("Luật") {
        return None;
    }
    Some((k.to_string(), base + cut + pos))
}

/// Citations read from one text at most. The largest real documents in
/// corpus/lm cite up to 885 (a code of law); a hostile text of 100,000
/// symbols would otherwise make the checks of each damaged reading against
/// those read (overlap, fragments) quadratic, in repair as in parse, where
/// no time limit is asked (this module is below the stages).
pub const MAX_CITATIONS: usize = 10_000;

/// The citations in `s`, skipping `own` (the document's own number),
/// each symbol read as it should be written; the first
/// [`MAX_CITATIONS`] of each kind of reading.
pub fn read_all(s: &str, own: Option<&str>) -> Vec<Cited> {
    let mut out: Vec<Cited> = Vec::new();
    for m in SYMBOL.find_iter(s) {
        if out.len() >= MAX_CITATIONS {
            break;
        }
        let raw = m.as_str().trim_end_matches(['-', '/']);
        if !valid(raw) {
            continue;
        }
        let number = clean_symbol(raw);
        // The header's own number, possibly as OCR damaged it there.
        if own.is_some_and(|o| o == number || same_document(o, &number)) {
            continue;
        }
        // "Số: 12/KH-UBND" heading lines are the document's own.
        let pre = super::before(s, m.start(), 12).to_lowercase();
        if pre.trim_end().ends_with("số:") && own.is_none() {
            continue;
        }
        let kind_at = kind_before(s, m.start());
        let kind = kind_at.as_ref().map(|(k, _)| k.clone()).or_else(|| {
            if number.starts_with("QCVN") {
                Some("Quy chuẩn kỹ thuật quốc gia".to_string())
            } else if number.starts_with("TCVN") {
                Some("Tiêu chuẩn quốc gia".to_string())
            } else {
                type_code(&number).and_then(|c| lexicon::kind_of_code(&c)).map(str::to_string)
            }
        });
        let mut number = fix_type_code(&number, kind_at.as_ref().map(|(k, _)| k.as_str()));
        let mut sym_end = m.start() + raw.len();
        // What the number reads: the match, or the stretch a reading of
        // it covers ("146/2025/QH15" of "146/2025/QH15⏎- Khoản").
        let mut printed_end = sym_end;
        // "QCVN 05A:2020:BCT": a standard read again after its head.
        if number.starts_with("QCVN") && !plausible(&number) {
            if let Some((n, end)) = standard_at(s, m.start(), &[]) {
                number = n;
                sym_end = sym_end.max(end);
                printed_end = end;
            }
        }
        // A symbol with a code the genre does not use ("TT-BCGT", "CĐ-TIg",
        // "KH/UBKT TU") is read again against its kind's templates.
        // With no kind cited before it, a symbol printed cleanly is the
        // office's own ("36/2008/TTLT-BTC", "3440/UB-ĐTMT" in a table);
        // only one that shows OCR damage is read again.
        let unread = kind_at.is_none() && looks_clean(&clean_symbol(raw));
        if !plausible(&number) && !unread {
            let mut cx = context(s, kind.as_deref(), kind_at.as_ref().map(|(_, p)| *p), m.start(), &[]);
            cx.intact = true;
            // With a real type code it is changed only for a plain
            // misreading ("TIg" → "TTg"), not for a code the office wrote
            // its own way ("866/QĐ-Tg").
            let printed = clean_symbol(raw);
            let typed = type_code(&printed).is_some_and(|c| lexicon::kind_of_code(&c).is_some())
                && printed.split(['/', '-']).count() > 2;
            match super::symbol::read(super::after(s, m.start(), 60), &cx) {
                Some(r) if !typed || r.cost <= super::symbol::INTACT_MAX => {
                    number = r.number;
                    sym_end = sym_end.max(m.start() + r.len);
                    printed_end = m.start() + r.len;
                }
                // A law whose legislature did not sit in its year
                // ("148/2027/QH15"), or with no year ("2025/QH15"): the
                // year or the number is damaged and cannot be told, so it
                // is not cited with a wrong number.
                _ if super::symbol::assembly_consistent(&number) == Some(false) => continue,
                _ => {}
            }
        }
        let start = kind_at.map(|(_, p)| p).unwrap_or(m.start());
        let mut found = complete(s, start, m.start()..sym_end, kind, number);
        found.printed = m.start()..printed_end;
        found.shaped = Some(m.start()..m.start() + raw.len());
        // "80/QĐ-TT … của Thủ tướng Chính phủ": the Prime Minister's code
        // "TTg" lost its small "g" (the repair stage may already have put
        // the rest of the symbol right, so this is not only a damaged one).
        // The issuer is read from the text when a damaged date kept
        // `complete` from reaching it.
        let by_prime_minister = found.issuer.as_deref().is_some_and(|i| i.starts_with("Thủ tướng"))
            || super::after(s, m.start() + raw.len(), 40).contains("của Thủ tướng");
        if by_prime_minister {
            if let Some(head) = found.number.strip_suffix("-TT") {
                found.number = format!("{head}-TTg");
            }
        }
        out.push(found);
    }
    // Symbols OCR damaged, read only right after a cited kind ("Chỉ thị
    // số 16-CT?TU") where no intact symbol was found.
    let known: Vec<String> = out.iter().map(|f| f.number.clone()).collect();
    // Where the symbols read so far start: looked up for each anchor, not
    // searched for in all of them (a text citing 100,000 intact symbols
    // spent 10 s here).
    let mut read_at: BTreeSet<usize> = out.iter().map(|f| f.symbol_start).collect();
    for (k, sym) in damaged_anchors(s).into_iter().take(MAX_CITATIONS) {
        let (Some(kind_text), Some(sym_text)) = (s.get(k.clone()), s.get(sym.clone())) else { continue };
        // Already read as an intact symbol starting here.
        if read_at.contains(&sym.start) {
            continue;
        }
        let Some(kind) = canonical_kind(kind_text) else { continue };
        let cx = context(s, Some(kind), Some(k.start), sym.start, &known);
        let reading = super::symbol::read(super::after(s, sym.start, 60), &cx);
        let raw = sym_text.trim_end_matches(['.', ',', ':', ';']);
        let (number, len) = match reading {
            Some(r) => (r.number, r.len),
            None => match repair_symbol(raw, kind) {
                Some(n) if raw.len() > 2 => (n, raw.len()),
                _ => continue,
            },
        };
        if super::symbol::assembly_consistent(&number) == Some(false) {
            continue;
        }
        let span = sym.start..sym.start + len;
        // An intact-looking match that starts inside the damaged token is a
        // fragment of it ("2022/ND-CP" in "35'2022/ND-CP"): replaced.
        // One that starts after a space is a symbol of its own ("Nghị định
        // số 3 7/2003/NĐ-CP": the "3" is no part of a reading).
        let fragment = |f: &Cited| {
            f.symbol_start > span.start
                && f.symbol_start < span.end
                && !s.get(span.start..f.symbol_start).is_some_and(|t| t.contains(char::is_whitespace))
        };
        if out.iter().any(|f| f.range.start < span.end && span.start < f.range.end && !fragment(f)) {
            continue;
        }
        out.retain(|f| {
            let keep = !fragment(f);
            if !keep {
                read_at.remove(&f.symbol_start);
            }
            keep
        });
        if own.is_some_and(|o| o == number) {
            continue;
        }
        let mut found = complete(s, k.start, span.clone(), Some(kind.to_string()), number);
        if super::squeeze(kind_text) != kind {
            found.damaged_kind = Some((k.clone(), kind));
        }
        read_at.insert(found.symbol_start);
        out.push(found);
    }
    // Standards whose head or separators OCR damaged ("QC VN 01:2019
    // BRCT", "QCVN 0122019 °BCT").
    for m in STANDARD_HEAD.find_iter(s).take(MAX_CITATIONS) {
        let Some((number, end)) = standard_at(s, m.start(), &known) else { continue };
        let span = m.start()..end;
        if out.iter().any(|f| f.range.start < span.end && span.start < f.range.end) {
            continue;
        }
        let kind = if number.starts_with("QCVN") {
            "Quy chuẩn kỹ thuật quốc gia"
        } else {
            "Tiêu chuẩn quốc gia"
        };
        out.push(complete(s, m.start(), span, Some(kind.to_string()), number));
    }
    out.sort_by_key(|f| f.range.start);
    out
}

/// The head of a national standard as OCR prints it: "QCVN", "QC VN",
/// "QGVN", "QQCVN", "TCVN", "ICVN", "TCVN_".
static STANDARD_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:QQ?|T|I)[CG]\s?VN{1,2}[\s_]*[0-9]").unwrap_or_else(|e| panic!("STANDARD_HEAD: {e}"))
});

/// The standard whose head starts at `at`: its number as it should be
/// written ("QCVN 05A:2020/BCT") and the byte offset where it ends.
fn standard_at(s: &str, at: usize, known: &[String]) -> Option<(String, usize)> {
    let text = super::after(s, at, 80);
    let head = STANDARD_HEAD.find(text).filter(|h| h.start() == 0)?;
    let body = head.end() - 1;
    let (prefix, kind) = if !text.starts_with('Q') {
        ("TCVN", "Tiêu chuẩn quốc gia")
    } else {
        ("QCVN", "Quy chuẩn kỹ thuật quốc gia")
    };
    let cx = super::symbol::Context {
        kind: Some(kind.to_string()),
        issuers: Vec::new(),
        known: known.to_vec(),
        intact: false,
    };
    let r = super::symbol::read(text.get(body..)?, &cx)?;
    Some((format!("{prefix} {}", r.number), at + body + r.len))
}

/// Whether every code of a symbol is one the genre uses: a type code, a
/// listed issuer, "QHnn", or a unit after a listed issuer
/// ("7432/UBND-NC").
fn plausible(number: &str) -> bool {
    if number.starts_with("TCVN") {
        return true;
    }
    // A regulation names the ministry that issued it.
    if number.starts_with("QCVN") {
        return number.rsplit_once('/').is_some_and(|(_, who)| super::symbol::is_issuer(who));
    }
    let codes: Vec<&str> =
        number.split(['/', '-']).skip(1).filter(|p| !p.chars().all(|c| c.is_ascii_digit())).collect();
    if let Some(ok) = super::symbol::assembly_consistent(number) {
        return ok;
    }
    // The year follows the number after a slash ("27/2024/QĐ-UBND"), never
    // a hyphen.
    let head = number.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    if let Some(year) = head.strip_prefix('-').and_then(|r| r.get(..4)) {
        if year.parse::<u32>().is_ok_and(|y| (1945..=2040).contains(&y)) {
            return false;
        }
    }
    // A type code alone ("06/QĐ"): the issuer was lost.
    if let [only] = codes.as_slice() {
        if lexicon::kind_of_code(only).is_some() {
            return false;
        }
    }
    let mut prev_issuer = false;
    for code in codes {
        let known = lexicon::kind_of_code(code).is_some() || super::symbol::is_issuer(code);
        let unit = prev_issuer
            && code.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
            && !super::symbol::misread_unit(code);
        if !known && !unit {
            return false;
        }
        prev_issuer = super::symbol::is_issuer(code);
    }
    true
}

/// Whether every code of a symbol is written as offices write codes:
/// capitals (and "Đ"), digits after them, the small letters of "TTg",
/// "TTr", "CTr", "QĐi".
fn looks_clean(number: &str) -> bool {
    let codes = number.split(['/', '-']).skip(1).filter(|c| !c.chars().all(|d| d.is_ascii_digit()));
    codes.enumerate().all(|(i, code)| {
        let lower = code.chars().filter(|c| c.is_lowercase()).count();
        let letters = code.chars().take_while(|c| c.is_alphabetic()).count();
        // Digits end a unit or legislature code ("PC07", "QH15"), never
        // the first code ("T71").
        let digits_after = code.chars().skip(letters).all(|c| c.is_ascii_digit())
            && (i > 0 || letters == code.chars().count());
        digits_after && (lower == 0 || matches!(code, "TTg" | "TTr" | "CTr" | "QĐi"))
    })
}

/// What the text around a citation says about its symbol: the kind, the
/// issuer named after it ("… ngày 07/11/2024 của Bộ Công Thương") or
/// before it ("đề nghị của Sở Tài chính tại Tờ trình số …"), and the
/// symbols read intact elsewhere.
fn context(
    s: &str,
    kind: Option<&str>,
    kind_at: Option<usize>,
    sym: usize,
    known: &[String],
) -> super::symbol::Context {
    let mut issuers = Vec::new();
    let ahead = super::after(s, sym, 120);
    // The issuer comes after the symbol and its date: from the first
    // "ngày" or "của" on.
    let from = ["ngày", "của"].iter().filter_map(|w| ahead.find(w)).min();
    if let Some(from) = from.filter(|f| *f < 60) {
        let rest = &ahead[from..];
        let mut at = 0;
        if rest.starts_with("ngày") {
            if let Some((_, len)) = parse_date(rest) {
                at = len;
            }
        }
        if let Some(who) = rest.get(at..).and_then(issuer_at).and_then(|c| c.name("who")) {
            issuers.extend(super::symbol::issuer_codes(&super::squeeze(who.as_str())));
        }
    }
    if let Some(k) = kind_at {
        if let Some(c) = ISSUER_BEFORE.captures(super::before(s, k, 120)) {
            if let Some(who) = c.name("who") {
                issuers.extend(super::symbol::issuer_codes(who.as_str()));
            }
        }
    }
    super::symbol::Context { kind: kind.map(str::to_string), issuers, known: known.to_vec(), intact: false }
}

/// "của X tại" right before a cited kind: X issued it ("theo đề nghị của
/// Sở Tài chính tại Tờ trình số …").
static ISSUER_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"của\s+(?P<who>\p{Lu}[^,;:()]{1,80}?)\s+tại\s*$")
        .unwrap_or_else(|e| panic!("ISSUER_BEFORE: {e}"))
});

/// The type code of an intact-looking symbol that OCR damaged, put right
/// from the kind cited before it: "Quyết định số 2466/Q1-UBND" →
/// "2466/QĐ-UBND", "Thông tư số 38/2025/TTI-BCT" → "38/2025/TT-BCT". Only
/// a code that is no known type code and one edit from the kind's own.
/// "ND"/"QD" (Tesseract drops the stroke of "Đ") are read as "NĐ"/"QĐ".
fn fix_type_code(number: &str, kind: Option<&str>) -> String {
    let number = fix_assembly_code(number);
    let number = number.as_str();
    let Some(code) = type_code(number) else { return number.to_string() };
    let fixed = match code.as_str() {
        "ND" => Some("NĐ"),
        "QD" => Some("QĐ"),
        c if lexicon::kind_of_code(c).is_some() => None,
        c => kind.and_then(lexicon::code_of_kind).filter(|w| code_distance(c, w) == 1),
    };
    let Some(w) = fixed else { return number.to_string() };
    // Replace the code where it stands: after the first separator that
    // precedes it.
    let mut out = String::with_capacity(number.len());
    let mut done = false;
    for (i, part) in number.split_inclusive(['/', '-']).enumerate() {
        let bare = part.trim_end_matches(['/', '-']);
        if !done && i > 0 && bare == code {
            out.push_str(w);
            out.push_str(&part[bare.len()..]);
            done = true;
        } else {
            out.push_str(part);
        }
    }
    out
}

/// The National Assembly's code "QH15" as OCR prints it after a year
/// ("42/2024/QH115", "203/2025/Q1115"): Tesseract reads "H" as "H1",
/// "11" or "1H1". A legislature has a two-digit number, so the code is
/// "QH" and the last two digits.
fn fix_assembly_code(number: &str) -> String {
    let Some((head, last)) = number.rsplit_once('/') else { return number.to_string() };
    let has_year =
        head.rsplit('/').next().is_some_and(|y| y.len() == 4 && (y.starts_with("19") || y.starts_with("20")));
    let digits = last.len() - last.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let Some(body) = last.get(..last.len() - digits) else { return number.to_string() };
    let damaged = last.starts_with('Q')
        && digits >= 2
        && last != format!("QH{}", &last[last.len() - 2..])
        && body.chars().all(|c| matches!(c, 'Q' | 'H' | '1' | 'I'))
        && last.chars().filter(|c| c.is_ascii_digit()).count() <= 4;
    if !(has_year && damaged) {
        return number.to_string();
    }
    format!("{head}/QH{}", &last[last.len() - 2..])
}

/// A citation from its kind word at `start` and its `symbol`: reads the
/// date ("ngày …") and issuer ("của …") after it.
fn complete(s: &str, start: usize, symbol: Range<usize>, kind: Option<String>, number: String) -> Cited {
    let mut end = symbol.end;
    let mut date = None;
    let rest = super::after(s, end, 80);
    let rest_trim = rest.trim_start_matches([' ', ',']);
    let skipped = rest.len() - rest_trim.len();
    if rest_trim.to_lowercase().starts_with("ngày") {
        if let Some((d, len)) = parse_date(rest_trim) {
            date = Some(d);
            end += skipped + len;
        }
    }
    let mut issuer = None;
    if let Some(c) = issuer_at(super::after(s, end, 200)) {
        if let Some(w) = c.name("who") {
            let who = super::squeeze(w.as_str());
            if who.chars().next().is_some_and(|ch| ch.is_uppercase()) {
                end += w.end();
                issuer = Some(who);
            }
        }
    }
    Cited {
        kind,
        number,
        date,
        issuer,
        range: start..end,
        symbol_start: symbol.start,
        printed: symbol,
        shaped: None,
        damaged_kind: None,
    }
}

/// A cited kind, "số", and a token that starts with a number: where a
/// damaged symbol may stand.
static DAMAGED_KIND: LazyLock<Regex> = LazyLock::new(|| {
    // Tone marks of the kind word may be misread too ("Thông từ",
    // "Thông trì"): every vowel stands for its toned forms.
    let kinds = lexicon::CITED_KINDS.iter().map(|k| loose(k)).collect::<Vec<_>>().join("|");
    Regex::new(&format!("(?:{kinds})")).unwrap_or_else(|e| panic!("DAMAGED_KIND: {e}"))
});

/// What follows a cited kind up to its symbol: "Nghị định số
/// 35'2022/ND-CP", "Luật Điện lực số 61:2024.QH15": up to six words of a
/// name between the kind and "số", which OCR may double or misread ("sô").
/// Matched on a short window after the kind, apart from the kind itself,
/// which keeps the scan over the whole text a plain search.
static DAMAGED_REST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^(?:(?:\s+[^\s\d;,.]+){{0,6}}?\s+{SO})?\s*:?\s*(?:{SO}\s*)?(?P<sym>{SYM_START})"))
        .unwrap_or_else(|e| panic!("DAMAGED_REST: {e}"))
});

/// After "Luật": a law's name may run longer, over commas ("Luật Khoa học,
/// công nghệ và đổi mới sáng tạo số 93/2025/QH15").
static DAMAGED_LAW_REST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^(?:\s+[^\s\d;.]+){{1,14}}?\s+{SO}\s*:?\s*(?P<sym>{SYM_START})"))
        .unwrap_or_else(|e| panic!("DAMAGED_LAW_REST: {e}"))
});

/// "số" and how OCR prints it.
const SO: &str = "s[ôốồổỗộoóòỏõọ]";
/// The start of a damaged symbol: a number and what is glued to it.
const SYM_START: &str = r"[0-9]{1,5}(?:[^\s,;()“”]{1,20})?";

/// Cited kinds followed by "số" and a number: (kind as written, symbol
/// start, symbol token).
fn damaged_anchors(s: &str) -> Vec<(Range<usize>, Range<usize>)> {
    let mut out = Vec::new();
    let mut consumed = 0;
    for k in DAMAGED_KIND.find_iter(s) {
        if k.start() < consumed {
            continue;
        }
        let window = super::after(s, k.end(), 200);
        let law = matches!(k.as_str(), "Luật" | "Bộ luật");
        let c = if law { DAMAGED_LAW_REST.captures(window) } else { None }
            .or_else(|| DAMAGED_REST.captures(window));
        let Some(sym) = c.and_then(|c| c.name("sym")) else { continue };
        let at = k.end() + sym.start()..k.end() + sym.end();
        consumed = at.end;
        out.push((k.range(), at));
    }
    out
}

/// A regex for `word` that accepts any tone mark (and vowel hat) on its
/// vowels but the first letter's case as written.
fn loose(word: &str) -> String {
    const GROUPS: &[&str] =
        &["aàáảãạăằắẳẵặâầấẩẫậ", "eèéẻẽẹêềếểễệ", "iìíỉĩị", "oòóỏõọôồốổỗộơờớởỡợ", "uùúủũụưừứửữự", "yỳýỷỹỵ"];
    let mut out = String::new();
    for c in word.chars() {
        match GROUPS.iter().find(|g| g.contains(c) && !c.is_uppercase()) {
            Some(g) => {
                out.push('[');
                out.push_str(g);
                out.push(']');
            }
            None if c == ' ' => out.push_str(r"\s+"),
            None => out.push_str(&regex::escape(&c.to_string())),
        }
    }
    out
}

/// The cited kind a loosely matched kind word stands for.
fn canonical_kind(seen: &str) -> Option<&'static str> {
    let f = super::fold(&super::squeeze(seen));
    lexicon::CITED_KINDS.iter().copied().find(|k| super::fold(k) == f)
}

/// Separators as OCR prints them: the slash as ":", "'", "’", "⁄", "?".
fn is_sep(c: char) -> bool {
    matches!(c, '/' | '⁄' | ':' | '\'' | '’' | '?' | '-' | '–')
}

/// Levenshtein distance of two short codes, "D" and "Đ" counted equal
/// (Tesseract drops the stroke of "Đ").
fn code_distance(a: &str, b: &str) -> usize {
    let norm =
        |s: &str| s.chars().map(|c| if c == 'Đ' { 'D' } else { c.to_ascii_uppercase() }).collect::<String>();
    strsim::levenshtein(&norm(a), &norm(b))
}

/// Codes that are real issuers, so a symbol one letter from another is a
/// different document, not OCR damage ("35-NQ/TW" and "35-NQ/TU").
const KNOWN_CODES: &[&str] = &[
    "TW", "TU", "HU", "QU", "ĐU", "TƯ", "ĐUK", "BCSĐ", "UBND", "HĐND", "CP", "TTg", "QH", "BCT", "BXD",
    "BTC", "BNV", "BYT", "BCA", "BQP", "BTP", "SCT", "SXD", "STC", "SNV", "SYT", "VP", "BQL", "TTr", "NĐ",
    "QĐ", "TT", "CT", "NQ", "KH", "KL", "BC", "TB", "HD", "CĐ",
];

/// Whether two symbols found in one document name the same document, one
/// of them damaged by OCR: same number (and year), codes one edit apart,
/// the damaged code being no known issuer ("1074/QĐ-BXD" and
/// "1074/QĐ-BXUD").
pub fn same_document(a: &str, b: &str) -> bool {
    let head = |s: &str| s.split(|c: char| !c.is_ascii_digit()).next().unwrap_or("").to_string();
    if a == b || head(a).is_empty() || head(a) != head(b) {
        return false;
    }
    let codes = |s: &str| -> Vec<String> { s.split(['/', '-']).skip(1).map(str::to_string).collect() };
    let (ca, cb) = (codes(a), codes(b));
    if ca.len() != cb.len() {
        return false;
    }
    let mut edits = 0;
    for (x, y) in ca.iter().zip(cb.iter()) {
        if x == y {
            continue;
        }
        let known = |c: &str| KNOWN_CODES.contains(&c) || c.starts_with("QH");
        if known(x) && known(y) {
            return false;
        }
        edits += code_distance(x, y);
    }
    edits == 1
}

/// Rebuilds a number symbol OCR damaged, using the kind cited before it
/// ("Chỉ thị số 13-CI7TW" → "13-CT/TW", "Quyết định số 80QD-TT" →
/// "80/QĐ-TTg", "Chỉ thị số 05⁄CT1-UBND" → "05/CT-UBND"). The type code
/// must be within one edit of the kind's own code; the separators follow
/// the two conventions of the genre: Party "16-CT/TU", state "134/KH-UBND"
/// and "156/2018/NĐ-CP". `None` when the token does not fit them.
pub fn repair_symbol(raw: &str, kind: &str) -> Option<String> {
    let digits = raw.find(|c: char| !c.is_ascii_digit())?;
    let (num, rest) = raw.split_at(digits);
    let first = rest.chars().next()?;
    let party = first == '-' || first == '–';
    // "472CĐ-Tg": a last "7" or "2" glued to the code may be the slash
    // ("47/CĐ-TTg"); the number cannot be told, so nothing is read.
    if !is_sep(first) && (num.ends_with('7') || num.ends_with('2')) {
        return None;
    }
    let rest = if is_sep(first) { &rest[first.len_utf8()..] } else { rest };
    // "156:2018/NĐ-CP": a year between number and codes.
    let mut year = None;
    if let Some(y) = rest.get(..4).filter(|y| y.starts_with("19") || y.starts_with("20")) {
        // After the year: a separator, a dot, or a slash read as "7"
        // before the code ("32:20247ND-CP").
        let after = &rest[4..];
        let seven = after.starts_with('7') && after[1..].starts_with(char::is_uppercase);
        if y.chars().all(|c| c.is_ascii_digit())
            && (after.starts_with(is_sep) || after.starts_with('.') || seven)
        {
            year = Some(y.to_string());
        }
    }
    let rest = match &year {
        Some(_) => {
            let after = rest.get(4..)?;
            match after.strip_prefix('7').filter(|a| a.starts_with(char::is_uppercase)) {
                Some(a) => a,
                None => after.trim_start_matches(|c: char| is_sep(c) || c == '.'),
            }
        }
        None => rest,
    };
    // Codes, split at separators and at a "7" between letters (a slash).
    let chars: Vec<char> = rest.chars().collect();
    let mut codes: Vec<String> = vec![String::new()];
    for (i, &c) in chars.iter().enumerate() {
        let seven = c == '7'
            && i > 0
            && chars.get(i - 1).is_some_and(|p| p.is_alphabetic())
            && chars.get(i + 1).is_some_and(|n| n.is_alphabetic());
        if is_sep(c) || seven {
            codes.push(String::new());
        } else if let Some(last) = codes.last_mut() {
            last.push(c);
        }
    }
    codes.retain(|c| !c.is_empty());
    if codes.is_empty() || codes.len() > 2 {
        return None;
    }
    if !codes.iter().all(|c| c.chars().next().is_some_and(char::is_uppercase)) {
        return None;
    }
    let own_code = lexicon::code_of_kind(kind);
    // The type code is the kind's code, damaged by at most one edit.
    let mut type_code = None;
    if year.is_none() || codes.len() == 2 {
        let c = codes.first()?;
        let want = own_code?;
        if code_distance(c, want) > 1 {
            return None;
        }
        type_code = Some(want.to_string());
    }
    let issuer = if type_code.is_some() { codes.get(1).cloned() } else { codes.first().cloned() };
    let mut issuer = issuer?;
    if !issuer.chars().all(|c| c.is_alphanumeric())
        || issuer.chars().filter(|c| c.is_alphabetic()).count() < 2
    {
        return None;
    }
    // The Prime Minister's code "TTg" loses its small "g" or a "T".
    if matches!(issuer.as_str(), "TT" | "Tg") && matches!(type_code.as_deref(), Some("QĐ" | "CT" | "CĐ")) {
        issuer = "TTg".to_string();
    }
    let party = party || super::symbol::PARTY_COMMITTEES.contains(&issuer.as_str());
    Some(match (year, type_code) {
        (Some(y), Some(t)) => format!("{num}/{y}/{t}-{issuer}"),
        (Some(y), None) => format!("{num}/{y}/{issuer}"),
        (None, Some(t)) if party => format!("{num}-{t}/{issuer}"),
        (None, Some(t)) => format!("{num}/{t}-{issuer}"),
        (None, None) => return None,
    })
}
