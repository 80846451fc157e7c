//! Names of responsible bodies (cơ quan, đơn vị) in running text.
//!
//! A small grammar over words rather than a closed list, because every
//! province names its departments slightly differently:
//!
//! * people's committees and councils with their level and place
//!   ("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương", "UBND
//!   cấp xã, phường", "HĐND tỉnh Lào Cai");
//! * Party committees and their organs ("Ban Thường vụ Tỉnh ủy", "các
//!   huyện ủy, thị ủy, thành ủy", "Đảng đoàn HĐND tỉnh", "Ban cán sự đảng
//!   UBND tỉnh");
//! * a head noun ("Sở", "Bộ", "Ban", "Phòng", "Chi cục", "Trung tâm",
//!   "Công an", "Bộ Chỉ huy", …) followed by a capitalized name; the
//!   department names of [`super::lexicon::DEPARTMENTS`] are matched first so
//!   that "Sở Xây dựng" and "Bộ Kế hoạch và Đầu tư" stop at the right word;
//! * collective bodies ("các sở, ban, ngành, đoàn thể tỉnh", "các Bộ, ngành
//!   liên quan", "các tổ chức chính trị - xã hội");
//! * office holders ("Chủ tịch UBND tỉnh", "Giám đốc các Sở", "Phó giám đốc
//!   Hoàng Văn Thuân").
//!
//! Lists are split by the grammar itself: each match ends where the next
//! body begins ("Công an tỉnh, các sở, ban, ngành và Ủy ban nhân dân các xã,
//! phường" gives three bodies), while a collective keeps its own commas.

use super::lexicon;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

/// A body name found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyMatch {
    /// Byte range in the searched string.
    pub range: Range<usize>,
    /// The name with abbreviations expanded and spacing normalized.
    pub name: String,
}

#[derive(Debug, Clone)]
struct Tok<'a> {
    text: &'a str,
    /// `text` lower-cased once: every grammar rule compares it. For a word
    /// OCR damaged inside a gazetteer phrase, the phrase's word. Borrowed
    /// from `text` when that is lower case already (most words are).
    low: Cow<'a, str>,
    /// The gazetteer's spelling when OCR damaged this word ("Tình" in
    /// "Tình ủy" → "Tỉnh"), used for the output name.
    canon: Option<String>,
    start: usize,
    end: usize,
}

impl Tok<'_> {
    fn lower(&self) -> &str {
        &self.low
    }
    fn cap(&self) -> bool {
        self.text.chars().next().is_some_and(|c| c.is_uppercase())
    }
    fn is_word(&self) -> bool {
        self.text.chars().next().is_some_and(|c| c.is_alphanumeric())
    }
    fn all_caps(&self) -> bool {
        // `is_upper` stops at the first lower-case letter, so it goes first.
        super::patterns::is_upper(self.text) && self.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
    }
}

fn tokenize(s: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some(&(pos, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        if crate::lang::latin::is_alphanumeric(c) {
            let start = pos;
            let mut end = pos;
            while let Some(&(p, ch)) = chars.peek() {
                if crate::lang::latin::is_alphanumeric(ch) || ch == '\'' {
                    end = p + ch.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let text = &s[start..end];
            out.push(Tok { text, low: lower_case(text), canon: None, start, end });
        } else {
            chars.next();
            let text = &s[pos..pos + c.len_utf8()];
            out.push(Tok { text, low: lower_case(text), canon: None, start: pos, end: pos + c.len_utf8() });
        }
    }
    ocr_words(&mut out);
    out
}

/// `text.to_lowercase()`, borrowed when every character is its own lower
/// case (the one context rule of `to_lowercase`, final sigma, only
/// concerns 'Σ', which is not).
fn lower_case(text: &str) -> Cow<'_, str> {
    let unchanged = |c: char| {
        if c.is_ascii() {
            return !c.is_ascii_uppercase();
        }
        let mut lower = c.to_lowercase();
        lower.next() == Some(c) && lower.next().is_none()
    };
    if text.chars().all(unchanged) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.to_lowercase())
    }
}

/// Multi-word phrases of the gazetteer, folded (no tone marks), longest
/// first, with their words.
static PHRASES: LazyLock<Vec<(Vec<String>, Vec<&'static str>)>> = LazyLock::new(|| {
    let lists: [&[&str]; 12] = [
        lexicon::GOV_HEADS,
        lexicon::GOV_PREFIXES,
        lexicon::FRONT_HEADS,
        lexicon::PARTY_HEADS,
        lexicon::PARTY_PREFIXES,
        lexicon::NATIONAL,
        lexicon::DEPARTMENTS,
        lexicon::LEVEL_HEADS,
        lexicon::ORG_HEADS,
        lexicon::TITLES,
        lexicon::COLLECTIVE,
        lexicon::COLLECTIVE_QUALIFIERS,
    ];
    let mut out: Vec<(Vec<String>, Vec<&'static str>)> = lists
        .iter()
        .flat_map(|l| l.iter())
        .map(|p| {
            let words: Vec<&'static str> =
                p.split(' ').map(|w| w.trim_end_matches(',')).filter(|w| !w.is_empty()).collect();
            (words.iter().map(|w| super::patterns::fold(w)).collect(), words)
        })
        .filter(|(_, w)| w.len() >= 2)
        .collect();
    // "Đài Phát thanh và Truyền hình tỉnh" also stands before a place name
    // ("… Truyền hình Nghệ An"): the phrase without its level matches too.
    let without_level: Vec<(Vec<String>, Vec<&'static str>)> = out
        .iter()
        .filter(|(_, w)| w.len() >= 3 && w.last().is_some_and(|l| lexicon::is_level(l)))
        .map(|(f, w)| (f[..f.len() - 1].to_vec(), w[..w.len() - 1].to_vec()))
        .collect();
    out.extend(without_level);
    out.sort_by_key(|(f, _)| std::cmp::Reverse(f.len()));
    out
});

/// The indices into [`PHRASES`] of the phrases that open with each folded
/// word, in `PHRASES` order: a capitalized word is tried only against the
/// phrases it can open.
static PHRASES_BY_FIRST: LazyLock<std::collections::HashMap<&'static str, Vec<usize>>> =
    LazyLock::new(|| {
        let mut index: std::collections::HashMap<&'static str, Vec<usize>> = std::collections::HashMap::new();
        for (i, (folded, _)) in PHRASES.iter().enumerate() {
            if let Some(first) = folded.first() {
                index.entry(first.as_str()).or_default().push(i);
            }
        }
        index
    });

/// Abbreviations of body names that OCR damages by one letter ("HỘND").
const ABBREVIATIONS: &[&str] = &["UBND", "HĐND", "MTTQ", "UBMTTQ", "VPTU", "UBKT"];

/// Gives words OCR damaged inside a body name the gazetteer's spelling,
/// so the grammar matches them and the name comes out canonical:
///
/// * a capitalized run whose words equal a gazetteer phrase once tone
///   marks are dropped ("Chỉ cục Kiểm lâm", "Đăng đoàn", "Đải Phát thanh",
///   "Tình ủy");
/// * "Tỉnh ủy" with one letter damaged ("Lĩnh ủy", "Finh ủy");
/// * an abbreviation one letter away from a known one ("HỘND");
/// * a level after an abbreviation ("HĐND tính").
///
/// Words already spelled as in the gazetteer are left alone, so clean text
/// reads exactly as before.
fn ocr_words(toks: &mut [Tok]) {
    let folds: Vec<String> = toks.iter().map(|t| super::patterns::fold(&t.low)).collect();
    let mut i = 0usize;
    while i < toks.len() {
        let Some(t) = toks.get(i) else { break };
        if !t.is_word() {
            i += 1;
            continue;
        }
        if t.all_caps() && t.text.chars().count() >= 4 && lexicon::expand(t.text).is_none() {
            let near: Vec<&str> =
                ABBREVIATIONS.iter().copied().filter(|a| strsim::levenshtein(a, t.text) == 1).collect();
            if let [a] = near.as_slice() {
                let a = a.to_string();
                if let Some(t) = toks.get_mut(i) {
                    t.low = a.to_lowercase().into();
                    t.canon = Some(a);
                }
                i += 1;
                continue;
            }
        }
        let after_abbrev =
            i > 0 && toks.get(i - 1).is_some_and(|p| p.all_caps() && p.text.chars().count() >= 3);
        if after_abbrev && t.low != "tỉnh" && folds.get(i).is_some_and(|f| f == "tinh") {
            if let Some(t) = toks.get_mut(i) {
                t.low = "tỉnh".into();
                t.canon = Some("tỉnh".into());
            }
            i += 1;
            continue;
        }
        let next_uy = toks.get(i + 1).is_some_and(|n| n.low == "ủy" || n.low == "uỷ");
        if t.cap()
            && next_uy
            && t.low != "tỉnh"
            && folds.get(i).is_some_and(|f| strsim::levenshtein(f, "tinh") <= 1)
        {
            if let Some(t) = toks.get_mut(i) {
                t.low = "tỉnh".into();
                t.canon = Some("Tỉnh".into());
            }
            i += 2;
            continue;
        }
        if !t.cap() {
            i += 1;
            continue;
        }
        let mut step = 1;
        let candidates = folds.get(i).and_then(|f| PHRASES_BY_FIRST.get(f.as_str()));
        for (pf, pw) in candidates.into_iter().flatten().filter_map(|&k| PHRASES.get(k)) {
            let n = pf.len();
            let Some(window) = folds.get(i..i + n) else { continue };
            let Some(ws) = toks.get(i..i + n) else { continue };
            if window != pf.as_slice() || ws.iter().any(|w| !w.is_word()) {
                continue;
            }
            if ws.iter().zip(pw.iter()).all(|(w, p)| w.low == *p) {
                step = n;
                break;
            }
            for (k, p) in pw.iter().enumerate() {
                if let Some(w) = toks.get_mut(i + k) {
                    if w.low != *p {
                        let mut canon: String = p.to_string();
                        if w.cap() {
                            canon = capitalize(p);
                        }
                        w.low = Cow::Borrowed(p);
                        w.canon = Some(canon);
                    }
                }
            }
            step = n;
            break;
        }
        i += step;
    }
}

fn capitalize(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The text of tokens `i..e` as printed, with OCR-damaged words in their
/// gazetteer spelling.
fn name_of(s: &str, toks: &[Tok], i: usize, e: usize) -> String {
    let (Some(first), Some(last)) = (toks.get(i), e.checked_sub(1).and_then(|k| toks.get(k))) else {
        return String::new();
    };
    if toks.get(i..e).is_some_and(|w| w.iter().all(|t| t.canon.is_none())) {
        return normalize_name(s.get(first.start..last.end).unwrap_or(""));
    }
    let mut out = String::new();
    let mut at = first.start;
    for t in toks.get(i..e).unwrap_or(&[]) {
        out.push_str(s.get(at..t.start).unwrap_or(""));
        out.push_str(t.canon.as_deref().unwrap_or(t.text));
        at = t.end;
    }
    normalize_name(&out)
}

/// Does the token sequence at `i` spell `phrase` (case-insensitive)?
fn seq(toks: &[Tok], i: usize, phrase: &str) -> Option<usize> {
    let mut j = i;
    for w in phrase.split(' ') {
        // "hóa," is the word and its comma.
        let (word, comma) = match w.strip_suffix(',') {
            Some(x) => (x, true),
            None => (w, false),
        };
        let t = toks.get(j)?;
        // "Sở Nông nghiệp & Phát triển nông thôn": "&" is written for "và".
        if t.lower() != word && !(word == "và" && t.text == "&") {
            return None;
        }
        j += 1;
        if comma {
            if toks.get(j)?.text != "," {
                return None;
            }
            j += 1;
        }
    }
    Some(j)
}

fn first_seq(toks: &[Tok], i: usize, phrases: &[&str]) -> Option<usize> {
    let first = toks.get(i)?;
    // Most phrases of a lexicon fail on their first word; testing it as a
    // prefix before `seq` splits the phrase was a fifth of parse time on
    // a 37 k-word decree.
    // The first byte goes first: it rules out nearly every phrase with
    // one comparison (this test ran 7.6 million times over 81 PDFs).
    let ampersand = first.text == "&";
    let lead = first.lower().as_bytes().first().copied();
    let may_start = |p: &&&str| {
        let starts = |word: &str| {
            p.strip_prefix(word).is_some_and(|rest| matches!(rest.split(' ').next(), Some("" | ",")))
        };
        let p_lead = p.as_bytes().first().copied();
        (p_lead == lead && starts(first.lower())) || (ampersand && p_lead == Some(b'v') && starts("và"))
    };
    phrases.iter().filter(may_start).filter_map(|p| seq(toks, i, p)).max()
}

/// Administrative levels: "tỉnh", "thành phố", "cấp xã", "các cấp".
fn level(toks: &[Tok], i: usize) -> Option<usize> {
    let j = seq(toks, i, "cấp").unwrap_or(i);
    // "xã hội" (society) is no commune: "Ngân hàng Chính sách xã hội".
    if seq(toks, j, "xã hội").is_some() {
        return None;
    }
    first_seq(toks, j, lexicon::LEVELS)
}

/// A place name: up to four capitalized words that are not the start of
/// another body or a verb.
fn place(toks: &[Tok], i: usize) -> usize {
    let mut j = i;
    while j < toks.len() && j - i < 4 {
        let t = &toks[j];
        if !(t.is_word() && t.cap()) || starts_body(toks, j) || verb_at(toks, j) {
            break;
        }
        j += 1;
    }
    j
}

/// A level list with an optional place or "trực thuộc Trung ương":
/// "tỉnh Lào Cai", "các tỉnh, thành phố trực thuộc Trung ương", "cấp xã,
/// phường".
fn level_list(toks: &[Tok], i: usize) -> Option<usize> {
    let mut j = i;
    if let Some(k) = seq(toks, j, "các") {
        j = k;
    }
    // "ủy ban nhân dân các cấp": "cấp" is the level itself after "các".
    let bare_levels = (j > i && seq(toks, j, "cấp").is_some()).then_some(j + 1);
    let mut end = level(toks, j).or(bare_levels)?;
    loop {
        if toks.get(end).is_some_and(|t| t.text == "," || t.lower() == "và") {
            if let Some(k) = level(toks, end + 1) {
                // "tỉnh, Chủ tịch" is not a list of levels.
                end = k;
                continue;
            }
            // "huyện, thị, thành": thị xã and thành phố shortened, as some
            // provinces write them, in a list only and where no word goes
            // on ("thành lập", "thị trường").
            let short = toks.get(end + 1).is_some_and(|t| matches!(t.lower(), "thị" | "thành"));
            let closed = !phrase_goes_on(toks, end + 2)
                || toks.get(end + 2).is_some_and(|n| lexicon::STOP.contains(&n.lower()));
            if short && closed {
                end += 2;
                continue;
            }
        }
        break;
    }
    if let Some(k) = first_seq(
        toks,
        end,
        &["trực thuộc trung ương", "trực thuộc tw", "trực thuộc tỉnh", "trên địa bàn tỉnh"],
    ) {
        end = k;
    }
    Some(place(toks, end).max(end))
}

fn verb_at(toks: &[Tok], i: usize) -> bool {
    let a = toks.get(i).map(|t| t.lower()).unwrap_or_default();
    if lexicon::VERB_WORDS.contains(&a) {
        return true;
    }
    let b = toks.get(i + 1).map(|t| t.lower()).unwrap_or_default();
    lexicon::VERB_STARTS
        .iter()
        .any(|v| v.len() == a.len() + 1 + b.len() && v.starts_with(a) && v.ends_with(b))
}

/// Whether a (different) body starts at token `i`.
fn starts_body(toks: &[Tok], i: usize) -> bool {
    let Some(t) = toks.get(i) else { return false };
    if !t.cap() {
        return false;
    }
    first_seq(toks, i, lexicon::GOV_HEADS).is_some()
        || first_seq(toks, i, lexicon::PARTY_HEADS).is_some()
        || (first_seq(toks, i, lexicon::ORG_HEADS).is_some() && !verb_at(toks, i))
}

/// A capitalized name after a head: "Quản lý Công nghiệp", "Nông nghiệp và
/// Môi trường", "Kế hoạch - Tổng hợp", "KKT, KCN".
fn name_after(toks: &[Tok], i: usize) -> usize {
    let mut j = i;
    let mut last_cap = false;
    // Capitalized words in a row: a proper name ("Quảng Trị") capitalizes
    // every syllable, a common noun in a body's name only its first
    // ("Tài chính", "Quản lý").
    let mut caps_run = 0usize;
    let mut after_hyphen = false;
    while j < toks.len() && j - i < 10 {
        let t = &toks[j];
        if t.is_word() && t.cap() {
            if (verb_at(toks, j) && !after_hyphen)
                || (j > i && starts_body(toks, j))
                || lexicon::is_level(t.lower()) && j > i
            {
                break;
            }
            j += 1;
            last_cap = true;
            caps_run = if t.all_caps() { 0 } else { caps_run + 1 };
            after_hyphen = false;
            continue;
        }
        // "Liên minh Hợp tác xã tỉnh": a compound whose last syllable is
        // also a level word ("xã") belongs to the name.
        if let Some(e) = j.checked_sub(1).and_then(|p| first_seq(toks, p, lexicon::NAME_COMPOUNDS)) {
            if e > j && last_cap {
                j = e;
                last_cap = false;
                caps_run = 0;
                continue;
            }
        }
        // "Báo Quảng Trị mở chuyên mục": after a proper name, a lower-case
        // word starts the predicate. "Kinh tế số", "Chính phủ số": "số"
        // ends a field when no numeral or noun follows it ("số 12", "số
        // liệu").
        let one_syllable = t.is_word()
            && last_cap
            && caps_run < PROPER_NAME_RUN
            && !lexicon::STOP.contains(&t.lower())
            && !verb_at(toks, j);
        if one_syllable || (t.lower() == "số" && j > i && digital(toks, j)) {
            // One lower-case syllable after a capitalized one ("Quản lý").
            j += 1;
            last_cap = false;
            caps_run = 0;
            // …and a second only in a known pair ("Quản lý thị trường").
            continue;
        }
        if let Some(e) = closed_by_level(toks, j) {
            // "Ban Chỉ đạo Chuyển đổi số tỉnh": the name runs to its level.
            j = e;
            continue;
        }
        if let Some(e) = closed_by_conjunct(toks, j) {
            // "Cục Thương mại điện tử và Kinh tế số": the name runs to the
            // capitalized field joined to it.
            j = e;
            continue;
        }
        if (t.text == "-" || t.text == "–" || t.lower() == "và") && j > i {
            let hyphen = t.text != "và";
            if toks.get(j + 1).is_some_and(|n| {
                n.is_word() && n.cap() && (hyphen || !verb_at(toks, j + 1)) && !starts_body(toks, j + 1)
            }) {
                after_hyphen = hyphen;
                j += 1;
                continue;
            }
        }
        if t.text == "," && j > i && toks[j - 1].all_caps() && toks.get(j + 1).is_some_and(|n| n.all_caps()) {
            j += 1;
            continue;
        }
        // "KH&CN", "GD&ĐT", "LĐ-TB&XH": an abbreviated name joined by a
        // glued "&".
        if t.text == "&"
            && j > i
            && toks[j - 1].end == t.start
            && toks.get(j + 1).is_some_and(|n| n.start == t.end && n.is_word() && n.cap())
        {
            j += 1;
            continue;
        }
        break;
    }
    j
}

/// End of a known department's name at `e` ("Sở Thương mại"), carried over
/// a hyphen onto the capitalized name of the department merged with it
/// ("Sở Thương mại - Du lịch", "Sở Văn hóa - Thể thao").
fn merged_department(toks: &[Tok], e: usize) -> usize {
    let hyphen = toks.get(e).is_some_and(|t| t.text == "-" || t.text == "–");
    if hyphen && toks.get(e + 1).is_some_and(|n| n.is_word() && n.cap()) && !starts_body(toks, e + 1) {
        let end = trim_end(toks, e + 1, name_after(toks, e + 1));
        if end > e + 1 {
            return end;
        }
    }
    e
}

/// Capitalized syllables in a row from which the run is a proper name
/// (a place or a person), after which a lower-case word is no longer part
/// of the body's name: "Báo Quảng Trị" + "mở", against "Sở Tài" +
/// "chính".
const PROPER_NAME_RUN: usize = 2;

/// Lower-case words a name may run over before its level (tokens): "số"
/// in "Ban Chỉ đạo Chuyển đổi số tỉnh", "dự án" in "Ban Quản lý dự án
/// huyện", "hành chính công" in "Trung tâm Phục vụ hành chính công tỉnh".
/// More is a clause.
const MAX_BEFORE_LEVEL: usize = 4;

/// End of the lower-case words at `j` when a level word follows them
/// closely and none of them is a stop word or a verb.
fn closed_by_level(toks: &[Tok], j: usize) -> Option<usize> {
    let mut k = j;
    while k < toks.len() && k - j < MAX_BEFORE_LEVEL {
        let t = &toks[k];
        if t.is_word() && lexicon::is_level(t.lower()) {
            break;
        }
        // "số" is a stop word before a numeral ("số 12"), a name word in
        // "Chuyển đổi số".
        let stop = lexicon::STOP.contains(&t.lower()) && t.lower() != "số";
        if !t.is_word() || t.cap() || stop || verb_at(toks, k) {
            return None;
        }
        k += 1;
    }
    (k > j && toks.get(k).is_some_and(|t| lexicon::is_level(t.lower()))).then_some(k)
}

/// Whether "số" at `k` is the adjective "digital" ("Kinh tế số", "Chuyển
/// đổi số") rather than "number": after a word, and before a mark, a stop
/// word, a verb or a capitalized word, never a numeral or a noun ("số
/// liệu", "số tiền").
fn digital(toks: &[Tok], k: usize) -> bool {
    let after_word = k > 0 && toks[k - 1].is_word();
    let next_ok = toks.get(k + 1).is_none_or(|n| {
        !n.is_word() || n.cap() || lexicon::STOP.contains(&n.lower()) || verb_at(toks, k + 1)
    });
    after_word && next_ok
}

/// Lower-case words a field of a name may run over before "và" joins the
/// next capitalized field (tokens): "điện tử" in "Cục Thương mại điện tử
/// và Kinh tế số".
const MAX_BEFORE_CONJUNCT: usize = 3;

/// End of the lower-case words at `j` when "và" follows them and then a
/// capitalized word that goes on the name (no other body, no verb):
/// central departments are named in sentence case, field after field. A
/// comma is no such join, as it also lists elided heads ("các phòng Văn
/// hóa thông tin, Giáo dục"). Returns the index of "và", where
/// [`name_after`] reads on.
fn closed_by_conjunct(toks: &[Tok], j: usize) -> Option<usize> {
    let mut k = j;
    while k < toks.len() && k - j < MAX_BEFORE_CONJUNCT {
        let t = &toks[k];
        if t.lower() == "và" {
            break;
        }
        if !t.is_word() || t.cap() || lexicon::STOP.contains(&t.lower()) || verb_at(toks, k) {
            return None;
        }
        k += 1;
    }
    let joined = toks.get(k).is_some_and(|t| t.lower() == "và");
    let field = toks.get(k + 1).is_some_and(|n| {
        n.is_word() && n.cap() && !n.all_caps() && !starts_body(toks, k + 1) && !verb_at(toks, k + 1)
    });
    (k > j && joined && field).then_some(k)
}

/// A branch of a national body after its name: "Ngân hàng Nhà nước chi
/// nhánh tỉnh Quảng Trị", "… Chi nhánh Khu vực 8". Returns the end of the
/// branch's level or name.
fn branch(toks: &[Tok], k: usize) -> Option<usize> {
    let e = seq(toks, k, "chi nhánh")?;
    if let Some(l) = level_list(toks, e) {
        return Some(l);
    }
    let n = place(toks, e);
    // "Chi nhánh Khu vực 8": a numbered region.
    let n = match toks.get(n) {
        Some(t) if n > e && t.text.chars().all(|c| c.is_ascii_digit()) => n + 1,
        _ => n,
    };
    (n > e).then_some(n)
}

/// Trims a trailing connector left by [`name_after`].
fn trim_end(toks: &[Tok], i: usize, mut j: usize) -> usize {
    while j > i + 1 {
        let t = &toks[j - 1];
        if t.text == "-" || t.text == "–" || t.text == "," || t.lower() == "và" {
            j -= 1;
        } else {
            break;
        }
    }
    j
}

/// Collective nouns: "các sở, ban, ngành", "các Bộ, ngành liên quan"; after
/// "và" the "các" may be left out ("các sở, ngành và địa phương").
fn collective(toks: &[Tok], i: usize) -> Option<usize> {
    let mut j = match seq(toks, i, "các") {
        Some(j) => j,
        None if i > 0 && toks[i - 1].lower() == "và" && !toks[i].cap() => i,
        None => return None,
    };
    let mut end = first_seq(toks, j, lexicon::COLLECTIVE)?;
    // "các cấp Mặt trận Tổ quốc Việt Nam", "các Ban Hội đồng nhân dân
    // tỉnh": the levels or organs of the body that follows, not a
    // collective of their own.
    if matches!(toks[j].lower(), "cấp" | "ban")
        && end == j + 1
        && toks.get(end).is_some_and(|t| t.cap())
        && body_at(toks, end).is_some()
    {
        return None;
    }
    j = end;
    loop {
        let sep = toks.get(j).map(|t| t.text);
        if sep == Some(",") || sep == Some("và") {
            // "X và Y" names two bodies.
            if sep == Some("và") {
                break;
            }
            if let Some(k) = first_seq(toks, j + 1, lexicon::COLLECTIVE) {
                // "các Sở, ngành: Công Thương" stops before the colon; a
                // capitalized body after the comma is a new list item.
                if toks.get(j + 1).is_some_and(|t| t.cap()) && starts_body(toks, j + 1) {
                    break;
                }
                end = k;
                j = k;
                continue;
            }
        }
        break;
    }
    if let Some(k) = described_collective(toks, end) {
        return Some(k);
    }
    if let Some(k) = first_seq(toks, end, lexicon::COLLECTIVE_QUALIFIERS) {
        end = k;
    } else if let Some(k) = level(toks, end) {
        // "các sở, ban, ngành tỉnh".
        end = k;
    }
    // "các đơn vị hoạt động khoáng sản", "các tổ chức, cá nhân", "các Bộ
    // trưởng": a noun phrase that goes on is not a collective body.
    // A comma before "các" opens the next item of a list ("Các tỉnh ủy,
    // thành ủy, …, các ban đảng, …").
    let next_item = toks.get(end + 1).is_some_and(|t| t.lower() == "các");
    if phrase_goes_on(toks, end)
        || (toks.get(end).is_some_and(|t| t.text == ",") && phrase_goes_on(toks, end + 1) && !next_item)
    {
        return None;
    }
    Some(end)
}

/// Whether the word at `k` goes on the noun phrase before it: a lower-case
/// word that opens no predicate ("hoạt động" after "các đơn vị", "hội"
/// after "xã").
fn phrase_goes_on(toks: &[Tok], k: usize) -> bool {
    toks.get(k).is_some_and(|t| {
        t.is_word() && !t.cap() && !verb_at(toks, k) && !lexicon::PREDICATE_WORDS.contains(&t.lower())
    })
}

/// "Giám đốc Sở, ban, ngành", "Thủ trưởng cơ quan, đơn vị liên quan": after
/// a post, collective nouns listed without "các" name one post in every
/// such body. At least two nouns, the later ones in lower case (a
/// capitalized one after the comma starts a new body: "Giám đốc Sở, Chủ
/// tịch …"); returns the end of the list and its qualifier or level.
fn collective_list(toks: &[Tok], k: usize) -> Option<usize> {
    let mut end = first_seq(toks, k, lexicon::COLLECTIVE)?;
    let mut nouns = 1;
    while toks.get(end).is_some_and(|t| t.text == ",")
        && toks.get(end + 1).is_some_and(|t| t.is_word() && !t.cap())
    {
        let Some(next) = first_seq(toks, end + 1, lexicon::COLLECTIVE) else { break };
        end = next;
        nouns += 1;
    }
    if nouns < 2 {
        return None;
    }
    if let Some(q) = first_seq(toks, end, lexicon::COLLECTIVE_QUALIFIERS) {
        return Some(q);
    }
    // "tổ chức chính trị - xã hội, tổ chức xã hội - nghề nghiệp": a level
    // word the phrase goes on after is no level ("xã" of "xã hội").
    match level(toks, end) {
        Some(l) if phrase_goes_on(toks, l) => None,
        Some(l) => Some(l),
        // "… tổ chức xã hội - nghề nghiệp": the last noun goes on.
        None if phrase_goes_on(toks, end) => None,
        None => Some(end),
    }
}

/// Longest description between a collective noun and the place that closes
/// it (tokens): "các tổ chức, doanh nghiệp có hoạt động liên quan đến hoạt
/// động VLNCN trên địa bàn" is nine. Longer runs are sentences, not names.
const MAX_DESCRIPTION: usize = 14;

/// The addressees of letters are collectives described by what they do
/// and closed by their place: "các đơn vị hoạt động hóa chất trên địa bàn
/// tỉnh", "các tổ chức, doanh nghiệp có hoạt động liên quan đến … trên địa
/// bàn". From the end of the collective noun at `i`, returns the end of the
/// place when the words between describe (no predicate verb, no clause
/// mark, no other body) and "trên địa bàn" closes them.
fn described_collective(toks: &[Tok], i: usize) -> Option<usize> {
    let mut k = i;
    while k < toks.len() && k - i <= MAX_DESCRIPTION {
        if let Some(e) = seq(toks, k, "trên địa bàn") {
            if k == i {
                return None;
            }
            let e = level_list(toks, e).unwrap_or(e);
            return Some(e);
        }
        let t = &toks[k];
        let predicate = lexicon::VERB_STARTS.iter().any(|v| seq(toks, k, v).is_some());
        let mark = !t.is_word() && !matches!(t.text, "," | "-" | "–");
        if predicate || mark || seq(toks, k, "các").is_some() || starts_body(toks, k) {
            return None;
        }
        k += 1;
    }
    None
}

/// Longest description of one office of a functional agency (tokens):
/// "nơi doanh nghiệp đăng ký nộp thuế" is six. Longer runs are clauses.
const MAX_AGENCY_DESCRIPTION: usize = 8;

/// A state agency named by its function ([`lexicon::FUNCTIONAL_AGENCIES`]),
/// after an optional "các", with what singles out one of its offices: a
/// level ("địa phương", "cấp huyện", "cùng cấp"), "cấp trên", or a
/// description opened by [`lexicon::AGENCY_DESCRIPTIONS`] that runs over
/// words (a comma only between two of them) to a stop word, a
/// [`lexicon::DESCRIPTION_ENDS`] word, another body or a clause mark.
fn functional_agency(toks: &[Tok], i: usize) -> Option<usize> {
    let mut end = agency_head(toks, i)?;
    // "cơ quan thuế cấp trên": "trên" is no level of its own.
    if let Some(k) = seq(toks, end, "cấp trên") {
        return Some(k);
    }
    if let Some(k) = level_list(toks, end) {
        end = k;
    }
    let Some(from) = first_seq(toks, end, lexicon::AGENCY_DESCRIPTIONS) else { return Some(end) };
    let ends_here = |k: usize| {
        toks.get(k).is_none_or(|t| {
            !t.is_word()
                || lexicon::STOP.contains(&t.lower())
                || first_seq(toks, k, lexicon::DESCRIPTION_ENDS).is_some()
                || agency_head(toks, k).is_some()
                || starts_body(toks, k)
        })
    };
    let mut k = from;
    while k - from < MAX_AGENCY_DESCRIPTION {
        // A comma only between two words of the description.
        let joins = toks.get(k).is_some_and(|t| t.text == ",") && k > from && !ends_here(k + 1);
        if !ends_here(k) || joins {
            k += 1;
        } else {
            break;
        }
    }
    // A description cut by the bound, or empty, describes nothing.
    Some(if k > from && ends_here(k) { k } else { end })
}

/// People's committees and councils and their organs at token `i`: an
/// optional organ of [`lexicon::GOV_PREFIXES`] ("Thường trực", "các Ban
/// của", "đại biểu"), the committee or council, and its level.
fn council(toks: &[Tok], i: usize) -> Option<usize> {
    let j = first_seq(toks, i, lexicon::GOV_PREFIXES)
        .filter(|&k| first_seq(toks, k, lexicon::GOV_HEADS).is_some())
        .unwrap_or(i);
    let k = first_seq(toks, j, lexicon::GOV_HEADS)?;
    // "Ủy ban nhân dân UBND cấp xã": a doubled head (a drafting slip).
    let k = first_seq(toks, k, &["ubnd", "hđnd"]).unwrap_or(k);
    Some(level_list(toks, k).unwrap_or(k))
}

/// End of the name of a [`lexicon::FUNCTIONAL_AGENCIES`] agency at token
/// `i`, after an optional "các", without its qualifiers. A description
/// ends where another agency starts by this test alone, so that
/// "cơ quan thuế nơi cơ quan thuế nơi …" does not recurse once per
/// repetition.
fn agency_head(toks: &[Tok], i: usize) -> Option<usize> {
    let j = seq(toks, i, "các").unwrap_or(i);
    first_seq(toks, j, lexicon::FUNCTIONAL_AGENCIES)
}

/// A body at token `i`: returns the end token.
fn body_at(toks: &[Tok], i: usize) -> Option<usize> {
    body_at_depth(toks, i, 0)
}

/// Titles and heads nest ("Chủ tịch UBND tỉnh", "Văn phòng UBND tỉnh");
/// the depth bound keeps hostile input ("Chủ tịch Chủ tịch …") from
/// recursing without end.
const MAX_NESTING: u8 = 3;

fn body_at_depth(toks: &[Tok], i: usize, depth: u8) -> Option<usize> {
    if depth > MAX_NESTING {
        return None;
    }
    let t = toks.get(i)?;
    if !t.is_word() {
        return None;
    }
    // "Các Bộ trưởng, Thủ trưởng cơ quan ngang Bộ": posts listed in the
    // plural name their holders, with or without a body.
    if t.lower() == "các" && toks.get(i + 1).is_some_and(|n| n.cap()) {
        if let Some(k) = first_seq(toks, i + 1, lexicon::TITLES) {
            let bare = first_seq(toks, i + 1, lexicon::BARE_TITLES).filter(|&b| b == k);
            if let Some(e) = body_at_depth(toks, i + 1, depth + 1).or(bare) {
                return Some(e);
            }
        }
    }
    // Office holders: "Chủ tịch UBND tỉnh", "Giám đốc các Sở",
    // "Phó giám đốc Hoàng Văn Thuân", "Lãnh đạo Sở".
    // "Lãnh đạo tổ chức thành công đại hội": a post that is also a verb,
    // before a lower-case word, is the verb.
    let verb_post = seq(toks, i, "lãnh đạo")
        .is_some_and(|k| toks.get(k).is_some_and(|n| n.is_word() && !n.cap() && n.lower() != "các"));
    if (t.cap() || t.lower() == "người") && !verb_post {
        if let Some(k) = first_seq(toks, i, lexicon::TITLES) {
            if let Some(e) = collective_list(toks, k) {
                return Some(e);
            }
            if let Some(e) = body_at_depth(toks, k, depth + 1) {
                return Some(e);
            }
            if let Some(e) = collective(toks, k) {
                return Some(e);
            }
            // "Chánh Văn phòng Bộ", "Giám đốc Sở": the post's own body.
            if (seq(toks, k, "sở").is_some() || seq(toks, k, "bộ").is_some()) && toks[k].cap() {
                return Some(k + 1);
            }
            // "Thủ trưởng cơ quan ngang Bộ", "Thủ trưởng đơn vị": a post of
            // every body of a kind, written without "các".
            if let Some(e) = first_seq(toks, k, lexicon::COLLECTIVE) {
                return Some(first_seq(toks, e, lexicon::COLLECTIVE_QUALIFIERS).unwrap_or(e));
            }
            // "Vụ trưởng Vụ chế độ kế toán": a post and its unit's head
            // noun before a lower-case name, which a list may extend.
            if let Some(e) = first_seq(toks, k, &["vụ", "cục", "tổng cục", "chi cục", "viện"]) {
                if toks[k].cap() && toks.get(e).is_some_and(|n| n.is_word() && !n.cap()) {
                    return Some(e);
                }
            }
            // "Bộ trưởng, Thủ trưởng cơ quan …": a bare post in a list of
            // posts.
            let listed = toks.get(k).is_some_and(|n| n.text == "," || n.lower() == "và")
                && first_seq(toks, k + 1, lexicon::TITLES).is_some();
            if listed && first_seq(toks, i, lexicon::BARE_TITLES) == Some(k) {
                return Some(k);
            }
            // "Trưởng phòng Quản lý công nghiệp": the post's own unit.
            if let Some(e) = first_seq(toks, k, lexicon::DEPARTMENTS).filter(|_| toks[k].cap()) {
                return Some(level_list(toks, e).unwrap_or(e));
            }
            // A person's name: two to four capitalized words.
            let mut e = k;
            while e < toks.len() && e - k < 4 && toks[e].is_word() && toks[e].cap() && !toks[e].all_caps() {
                e += 1;
            }
            if e - k >= 2 {
                return Some(e);
            }
        }
    }
    if let Some(e) = collective(toks, i) {
        return Some(e);
    }
    if let Some(e) = functional_agency(toks, i) {
        return Some(e);
    }
    if !t.cap() {
        // "Hội đồng nhân dân, ủy ban nhân dân các cấp": the full name of a
        // committee or council is a body in any case.
        if let Some(k) = first_seq(toks, i, &["ủy ban nhân dân", "uỷ ban nhân dân", "hội đồng nhân dân"])
        {
            return Some(level_list(toks, k).unwrap_or(k));
        }
        // "… và đại biểu Hội đồng nhân dân tỉnh", "các Ban của HĐND": the
        // council's organs and members, written in lower case.
        if first_seq(toks, i, lexicon::GOV_PREFIXES).is_some_and(|k| toks.get(k).is_some_and(|t| t.cap())) {
            if let Some(e) = council(toks, i) {
                return Some(e);
            }
        }
        // "giao phòng Quản lý Công nghiệp": a lower-case head before a
        // capitalized name of at least two words.
        if let Some(k) = first_seq(toks, i, &["phòng", "sở", "ban", "chi cục", "trung tâm", "văn phòng"])
        {
            let e = trim_end(toks, k, name_after(toks, k));
            if e >= k + 2 && toks[k].cap() {
                return Some(e);
            }
        }
        return None;
    }
    if let Some(k) = first_seq(toks, i, lexicon::NATIONAL) {
        return Some(branch(toks, k).unwrap_or(k));
    }
    // "Đoàn kiểm tra", "Tổ công tác": bodies a decision sets up, named by
    // their function; the word after "Đoàn" is a verb elsewhere.
    if let Some(k) = first_seq(toks, i, lexicon::WORKING_GROUPS) {
        let k = seq(toks, k, "liên ngành").unwrap_or(k);
        // A capitalized name after it ("Tổ công tác Đề án 06") is read
        // by the head-noun rule below.
        if !toks.get(k).is_some_and(|t| t.is_word() && t.cap()) {
            return Some(level_list(toks, k).unwrap_or(k));
        }
    }
    if let Some(e) = council(toks, i) {
        return Some(e);
    }
    // "Đảng đoàn Mặt trận Tổ quốc Việt Nam tỉnh", "Ban cán sự đảng Sở Y
    // tế": the Party group of any body is named by the body.
    if let Some(k) = first_seq(toks, i, lexicon::PARTY_GROUPS) {
        if let Some(e) =
            toks.get(k).is_some_and(|n| n.cap()).then(|| body_at_depth(toks, k, depth + 1)).flatten()
        {
            return Some(e);
        }
    }
    // Front (Mặt trận Tổ quốc) with its level.
    if let Some(k) = first_seq(toks, i, lexicon::FRONT_HEADS) {
        let k = first_seq(toks, k, &["việt nam", "vn"]).unwrap_or(k);
        return Some(level_list(toks, k).unwrap_or(k));
    }
    // Party committees: "Ban Thường vụ Tỉnh ủy", "Tỉnh ủy Quảng Ninh".
    let mut j = i;
    if let Some(k) = first_seq(toks, i, lexicon::PARTY_PREFIXES) {
        j = k;
        // "Ban Tổ chức Trung ương", "Văn phòng Trung ương Đảng", "Ủy ban
        // Kiểm tra Trung ương": the organs of the Central Committee.
        if toks.get(k).is_some_and(|t| t.cap()) {
            if let Some(e) = seq(toks, k, "trung ương") {
                return Some(seq(toks, e, "đảng").unwrap_or(e));
            }
        }
    }
    if let Some(k) = first_seq(toks, j, lexicon::PARTY_HEADS) {
        // "Đảng ủy Bộ Công an", "Đảng ủy Khối …": the committee of a body.
        let of_body =
            first_seq(toks, j, &["đảng ủy", "đảng uỷ"]).is_some() && toks.get(k).is_some_and(|t| t.cap());
        if let Some(e) = of_body.then(|| body_at_depth(toks, k, depth + 1)).flatten() {
            return Some(e);
        }
        let e = place(toks, k);
        return Some(e);
    }
    // "Bộ luật Lao động", "Bộ Luật Dân sự" are codes of law, not ministries.
    if seq(toks, i, "bộ luật").is_some() {
        return None;
    }
    // Departments with a known name.
    if let Some(k) = first_seq(toks, i, &["sở", "bộ"]) {
        if toks[i].cap() {
            if let Some(e) = first_seq(toks, k, lexicon::DEPARTMENTS) {
                let e = merged_department(toks, e);
                // "Sở Công Thương Lào Cai": the province may follow without
                // its level word.
                let e = level_list(toks, e).unwrap_or_else(|| place(toks, e));
                return Some(e);
            }
            // "Bộ, ngành liên quan".
            if toks.get(k).is_some_and(|t| t.text == ",") {
                if let Some(e) = first_seq(toks, k + 1, lexicon::COLLECTIVE) {
                    let e = first_seq(toks, e, lexicon::COLLECTIVE_QUALIFIERS).unwrap_or(e);
                    return Some(e);
                }
            }
        }
    }
    // Bodies named by level alone: "Công an tỉnh", "Thuế tỉnh".
    if let Some(k) = first_seq(toks, i, lexicon::LEVEL_HEADS) {
        if let Some(e) = level_list(toks, k) {
            return Some(e);
        }
        if k < toks.len() && toks[k].cap() && !verb_at(toks, k) {
            let e = trim_end(toks, k, name_after(toks, k));
            if e > k {
                return Some(level_list(toks, e).unwrap_or(e));
            }
        }
    }
    if let Some(e) = company(toks, i) {
        return Some(e);
    }
    // A head noun and a capitalized name.
    if let Some(k) = first_seq(toks, i, lexicon::ORG_HEADS) {
        if verb_at(toks, i) {
            return None;
        }
        // "Cục Thương mại điện tử và Kinh tế số": a known name may be the
        // first words of a longer one, read on below.
        let known =
            first_seq(toks, k, lexicon::DEPARTMENTS).filter(|&e| closed_by_conjunct(toks, e).is_none());
        if let Some(e) = known {
            let e = merged_department(toks, e);
            return Some(level_list(toks, e).unwrap_or(e));
        }
        // "Văn phòng Sở", "Văn phòng UBND tỉnh".
        if seq(toks, k, "sở").is_some() && toks[k].cap() {
            return Some(k + 1);
        }
        if let Some(e) = body_at_depth(toks, k, depth + 1) {
            if toks[k].cap() {
                return Some(e);
            }
        }
        let e = trim_end(toks, k, name_after(toks, k));
        if e > k {
            let e = level_list(toks, e).unwrap_or(e);
            // "trực thuộc Sở", "thuộc Sở".
            return Some(e);
        }
        // "Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Cổng Thông tin điện tử
        // tỉnh": a head that is a whole name, and its level.
        if k - i >= FULL_NAME_HEAD && toks[i + 1].cap() {
            return level_list(toks, k);
        }
    }
    None
}

/// Words from which a head of [`lexicon::ORG_HEADS`] is a whole name that
/// needs nothing but a level ("Cổng Thông tin điện tử", four).
const FULL_NAME_HEAD: usize = 3;

/// An enterprise or its branch: "Công ty TNHH Đại Đồng Tiến", "Công ty Cổ
/// phần thương mại vận tải và tư vấn kỹ thuật", "Chi nhánh Mỏ tuyển đồng
/// Sin Quyền, Lào Cai - VIMICO". A registered name may be written in lower
/// case, so it runs over any word up to a stop word, a verb or a clause
/// mark ("và" only between two name words), at most
/// [`lexicon::MAX_COMPANY_NAME`] tokens; a ", Place - ABBR" tail belongs to
/// the name.
fn company(toks: &[Tok], i: usize) -> Option<usize> {
    if !toks.get(i)?.cap() {
        return None;
    }
    let k = first_seq(toks, i, lexicon::COMPANY_HEADS)?;
    let k = first_seq(toks, k, lexicon::COMPANY_FORMS).unwrap_or(k);
    // The firm's name opens with a capital ("Công ty Cổ phần thương mại",
    // "Công ty TNHH Đại"), or the form itself was the capital.
    let opened = toks.get(k).is_some_and(|t| t.is_word() && t.cap()) || k > i + 2;
    if !opened {
        return None;
    }
    // A capitalized word belongs to the name ("Kim Thành", "Tập đoàn Đèo
    // Cả") unless it opens another body; a lower-case one unless it is a
    // stop word or a verb.
    let name_word = |j: usize| {
        toks.get(j).is_some_and(|t| {
            t.is_word()
                && if t.cap() {
                    !starts_body(toks, j)
                } else {
                    // "đồng" is a name word here ("Mỏ tuyển đồng"), so only
                    // two-word verbs end the name.
                    let pair =
                        j > k && lexicon::COMPANY_NAME_PAIRS.iter().any(|p| seq(toks, j - 1, p).is_some());
                    pair || !lexicon::STOP.contains(&t.lower())
                        && !lexicon::COMPANY_STOPS.contains(&t.lower())
                        && !lexicon::VERB_STARTS.iter().any(|v| seq(toks, j, v).is_some())
                }
        })
    };
    let mut j = k;
    while j < toks.len() && j - k < lexicon::MAX_COMPANY_NAME {
        if name_word(j) {
            j += 1;
        } else if (toks[j].lower() == "và" || toks[j].text == "&") && j > k && name_word(j + 1)
            || toks[j].text == "-" && toks.get(j + 1).is_some_and(|n| n.is_word() && n.cap())
        {
            // "xây dựng và năng lượng", "Simco-Fansipan".
            j += 2;
        } else {
            break;
        }
    }
    // ", Lào Cai - VIMICO": the branch's place and its parent's initials.
    if toks.get(j).is_some_and(|t| t.text == ",") {
        let mut m = j + 1;
        while toks.get(m).is_some_and(|t| t.is_word() && t.cap() && !t.all_caps()) && m - j <= 3 {
            m += 1;
        }
        if m > j + 1
            && toks.get(m).is_some_and(|t| t.text == "-" || t.text == "–")
            && toks.get(m + 1).is_some_and(|t| t.all_caps())
        {
            j = m + 2;
        }
    }
    (j > k).then_some(j)
}

/// Expands the abbreviations a reader would expand ("UBND" → "Ủy ban nhân
/// dân") and normalizes spacing and the old tone placement of "Uỷ".
pub fn normalize_name(s: &str) -> String {
    let mut out = Vec::new();
    for w in s.split_whitespace() {
        let core = w.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '.'));
        let expanded = lexicon::expand(core);
        if let Some(x) = expanded {
            out.push(w.replace(core, x));
        } else {
            out.push(w.replace("Uỷ", "Ủy").replace("uỷ", "ủy"));
        }
    }
    out.join(" ").trim_end_matches([',', ';', ':', '.', '-']).trim().to_string()
}

/// Longest subject (tokens) read as a defined class before its duty cue:
/// "cơ quan thuế trực tiếp quản lý việc nộp thuế của doanh nghiệp được
/// hưởng ưu đãi đầu tư" (qd522 of the lm tune set) is seventeen.
const MAX_DEFINED_SUBJECT: usize = 20;

/// Words that make an opening a condition or a topic rather than a
/// subject ("Khi tổ chức thi, …", "Trường hợp …", "Đối với …").
pub const NOT_SUBJECT: &[&str] =
    &["nếu", "khi", "thì", "trường hợp", "đối với", "trừ", "sau khi", "trước khi"];

/// Words that make a run before a duty cue a clause of its own rather
/// than a subject's description: a contrast ("… nhưng phải"), a power ("có
/// quyền"), a manner ("hoạt động theo nguyên tắc …, … phải"), a topic
/// ("trong việc"), a remainder ("còn").
const NOT_DESCRIPTION: &[&str] = &["nhưng", "có quyền", "trong việc", "theo nguyên tắc", "còn", "tự", "mà"];

/// Verbs that give a role (ANNOTATION.md) and so end a subject: a
/// defined class never contains them ("Bộ Tài chính chủ trì cùng với Bộ
/// Thương mại … phải" is a subject and its predicate).
const ROLE_VERBS: &[&str] =
    &["chủ trì", "phối hợp", "cùng với", "chỉ đạo", "tham mưu", "báo cáo", "giao", "yêu cầu", "đề nghị"];

/// A clause that opens with the subject of a duty, in the genre of decrees
/// and laws, whose subject is a class defined by what it does rather than
/// a named body: "Cơ quan thuế trực tiếp quản lý thu thuế có trách nhiệm
/// …", "Người đứng đầu cơ quan, đơn vị tiến hành kiểm tra chuyên ngành có
/// trách nhiệm chỉ đạo …", "Ngân hàng, tổ chức tín dụng khác, kho bạc có
/// trách nhiệm trích tiền …". The subject runs from the clause's start to
/// a duty cue of [`lexicon::DUTY_CUES`] with no clause mark between, and is
/// split into bodies at commas and "và" where the next piece opens with a
/// head of its own. Returns `None` when the clause does not open so, or
/// when the grammar of [`find`] already reads the subject to its cue.
fn defined_subject(s: &str, toks: &[Tok]) -> Option<Vec<BodyMatch>> {
    if let Some(found) = subject_from(s, toks, 0) {
        return Some(found);
    }
    // "Khi tổ chức thi nâng ngạch, cơ quan có thẩm quyền tổ chức thi phải
    // …", "Trường hợp …, X có trách nhiệm …": the subject after the
    // condition's comma.
    first_seq(toks, 0, NOT_SUBJECT)?;
    toks.iter()
        .enumerate()
        .take(MAX_CONDITION)
        .take_while(|(_, t)| t.is_word() || matches!(t.text, "," | "-" | "–" | "/" | "(" | ")"))
        .filter(|(_, t)| t.text == ",")
        .find_map(|(k, _)| subject_from(s, toks, k + 1))
}

/// Longest condition (tokens) read before a defined subject: "Khi tổ chức
/// thi nâng ngạch," is five, "Trường hợp … thay đổi … so với …" runs to
/// thirty.
const MAX_CONDITION: usize = 40;

/// Whether a subject opens at token `i`: a head of a defined class or a
/// named body, after an optional "các".
fn opens_subject(toks: &[Tok], i: usize) -> bool {
    let j = seq(toks, i, "các").unwrap_or(i);
    first_seq(toks, j, lexicon::DEFINED_HEADS).is_some() || body_at(toks, j).is_some()
}

/// A word of a subject or one of the marks that join its parts ("Ngân
/// hàng, tổ chức tín dụng khác", "Công nghiệp - Viễn thông", "&"); any
/// other mark ends it.
fn subject_token(t: &Tok) -> bool {
    t.is_word() || matches!(t.text, "," | "-" | "–" | "&")
}

/// [`defined_subject`] for a subject that starts at token `from`.
fn subject_from(s: &str, toks: &[Tok], from: usize) -> Option<Vec<BodyMatch>> {
    let opens = |i: usize| opens_subject(toks, i);
    if from >= toks.len() || !opens(from) {
        return None;
    }
    // "Bộ Tài chính chủ trì cùng với …": a named body and its predicate.
    if body_at(toks, from).is_some_and(|e| verb_at(toks, e) || first_seq(toks, e, ROLE_VERBS).is_some()) {
        return None;
    }
    let mut cue = None;
    for (k, t) in toks.iter().enumerate().take(from + MAX_DEFINED_SUBJECT + 1).skip(from + 1) {
        if !subject_token(t) {
            return None;
        }
        if first_seq(toks, k, NOT_SUBJECT).is_some()
            || first_seq(toks, k, ROLE_VERBS).is_some()
            || first_seq(toks, k, NOT_DESCRIPTION).is_some()
        {
            return None;
        }
        if first_seq(toks, k, lexicon::DUTY_CUES).is_some() {
            // "phải được": a duty of something done to the subject.
            if t.lower() == "phải" && toks.get(k + 1).is_some_and(|n| n.lower() == "được") {
                return None;
            }
            cue = Some(k);
            break;
        }
    }
    let cue = cue?;
    let pieces = split_defined(s, toks, from, cue, &opens);
    // The grammar already reads these bodies to the cue: keep its names.
    // It reads the tokens before the cue only, as a name read over the
    // cue is no subject of it.
    let at = toks.get(from)?.start;
    let grammar: Vec<BodyMatch> =
        find_in(s, toks.get(..cue)?).into_iter().filter(|b| b.range.start >= at).collect();
    let same =
        grammar.len() == pieces.len() && grammar.iter().zip(&pieces).all(|(g, p)| g.range.end == p.range.end);
    (!same && !pieces.is_empty()).then_some(pieces)
}

/// The names of a heading that states whose duties follow ("Nhiệm vụ,
/// quyền hạn của Trưởng đoàn, thành viên Đoàn kiểm tra chuyên ngành"):
/// the words after the responsibility phrase, split as a defined subject
/// is. Empty when the text does not open with a head.
pub fn defined_list(s: &str) -> Vec<BodyMatch> {
    let toks = tokenize(s);
    let opens = |i: usize| opens_subject(&toks, i);
    let end = toks.iter().position(|t| !subject_token(t));
    let end = end.unwrap_or(toks.len());
    if end == 0 || end > MAX_DEFINED_SUBJECT || !opens(0) {
        return Vec::new();
    }
    split_defined(s, &toks, 0, end, &opens)
}

/// Splits tokens `from..to` at "," and "và" where the next piece opens with
/// a head (`opens`); a piece that does not open so stays with the one
/// before ("Người đứng đầu đơn vị … thuộc bộ, cơ quan ngang bộ" would be
/// split at "cơ quan", which opens one: the pieces are the list ANNOTATION.md
/// asks for, its one-body reading optional).
fn split_defined(
    s: &str,
    toks: &[Tok],
    from: usize,
    to: usize,
    opens: &dyn Fn(usize) -> bool,
) -> Vec<BodyMatch> {
    let mut out: Vec<BodyMatch> = Vec::new();
    let mut start = from;
    let mut k = from;
    let push = |a: usize, b: usize, out: &mut Vec<BodyMatch>| {
        let b = trim_end(toks, a, b);
        if b > a {
            out.push(BodyMatch { range: toks[a].start..toks[b - 1].end, name: name_of(s, toks, a, b) });
        }
    };
    while k < to {
        let sep = toks[k].text == "," || toks[k].lower() == "và";
        let next = if toks[k].text == "," && toks.get(k + 1).is_some_and(|t| t.lower() == "và") {
            k + 2
        } else {
            k + 1
        };
        // "… thị xã và các chủ rừng": a plural after a separator is a
        // new piece whatever its head.
        let plural = toks.get(next).is_some_and(|t| t.lower() == "các");
        if sep && k > start && next < to && (opens(next) || plural) {
            push(start, k, &mut out);
            start = next;
            k = next;
            continue;
        }
        k += 1;
    }
    push(start, to, &mut out);
    out
}

/// "các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy" names four
/// committees (unlike "các sở, ban, ngành", one collective): pushes each.
fn split_committees(s: &str, toks: &[Tok], out: &mut Vec<BodyMatch>) {
    let committee = |t: &Tok| matches!(t.lower(), "tỉnh" | "huyện" | "thị" | "thành" | "quận" | "đảng");
    let starts = toks.first().is_some_and(|t| t.lower() == "các") && toks.get(1).is_some_and(committee);
    if !starts || !toks.iter().any(|t| t.text == ",") {
        return;
    }
    let mut from = 0usize;
    for (k, t) in toks.iter().enumerate() {
        if t.text == "," || k + 1 == toks.len() {
            let end = if t.text == "," { k } else { k + 1 };
            if end > from {
                let range = toks[from].start..toks[end - 1].end;
                out.push(BodyMatch { name: name_of(s, toks, from, end), range });
            }
            from = k + 1;
        }
    }
}

/// Finds the bodies named in `s`, left to right, without overlaps.
pub fn find(s: &str) -> Vec<BodyMatch> {
    find_in(s, &tokenize(s))
}

/// The bodies of a clause whose subject may be a defined class
/// ([`defined_subject`]): that subject's pieces in place of the grammar's
/// bodies it covers, then the grammar's bodies after it. The clause is
/// tokenized once for both readers.
pub fn find_in_clause(s: &str) -> Vec<BodyMatch> {
    let toks = tokenize(s);
    let found = find_in(s, &toks);
    let Some(subject) = defined_subject(s, &toks) else { return found };
    let end = subject.last().map(|b| b.range.end).unwrap_or(0);
    subject.into_iter().chain(found.into_iter().filter(|b| b.range.start >= end)).collect()
}

/// [`find`] over the tokens of `s`.
fn find_in(s: &str, toks: &[Tok]) -> Vec<BodyMatch> {
    let mut out = Vec::new();
    let mut i = 0usize;
    while i < toks.len() {
        if let Some(e) = body_at(toks, i) {
            let mut e = trim_end(toks, i, e.min(toks.len()));
            // "Kho bạc Nhà nước khu vực VIII".
            if let Some(k) = seq(toks, e, "khu vực") {
                if toks
                    .get(k)
                    .is_some_and(|t| t.is_word() && (t.cap() || t.text.chars().all(|c| c.is_ascii_digit())))
                {
                    e = k + 1;
                }
            }
            if e > i {
                let range = toks[i].start..toks[e - 1].end;
                split_committees(s, &toks[i..e], &mut out);
                if out.last().is_none_or(|b| b.range.end != range.end) {
                    out.push(BodyMatch { name: name_of(s, toks, i, e), range });
                }
                i = e;
                continue;
            }
        }
        i += 1;
    }
    extend_listed(s, toks, &mut out);
    out
}

/// Longest tail (tokens) a listed name may run over past where the grammar
/// stopped: "vốn và tài sản Nhà nước tại doanh nghiệp" is eight.
const MAX_LISTED_TAIL: usize = 10;

/// Lower-case words that may continue a listed name although they stop a
/// name elsewhere ("Tổng cục Quản lý vốn và tài sản Nhà nước tại doanh
/// nghiệp").
const LISTED_LINKS: &[&str] = &["và", "tại", "của", "thuộc", "trực"];

/// Names cut short inside a list of bodies ("Vụ trưởng Vụ chế độ kế toán,
/// Chánh Văn phòng Bộ, Tổng cục trưởng Tổng cục Quản lý vốn và tài sản Nhà
/// nước tại doanh nghiệp, Tổng cục trưởng Tổng cục Thuế"): where a match
/// is followed by words and a comma, and the next body starts right after
/// that comma, the words are the rest of the name. Verbs and clause words
/// end a name as anywhere else.
fn extend_listed(s: &str, toks: &[Tok], out: &mut [BodyMatch]) {
    for k in 0..out.len().saturating_sub(1) {
        let (end, next) = (out[k].range.end, out[k + 1].range.start);
        // Tokens are in text order: a binary search keeps the pass linear
        // in the number of bodies.
        let first = toks.partition_point(|t| t.start < end);
        if first >= toks.len() {
            continue;
        }
        let mut c = first;
        while c < toks.len() && toks[c].start < next && toks[c].text != "," && c - first <= MAX_LISTED_TAIL {
            let t = &toks[c];
            let link = LISTED_LINKS.contains(&t.lower());
            let stop = lexicon::STOP.contains(&t.lower()) && !link;
            let verb = lexicon::VERB_STARTS.iter().any(|v| seq(toks, c, v).is_some());
            if !t.is_word() || stop || verb {
                break;
            }
            c += 1;
        }
        let listed = c > first
            && toks.get(c).is_some_and(|t| t.text == ",")
            && toks.get(c + 1).is_some_and(|t| t.start == next);
        if listed {
            let start = out[k].range.start;
            let new_end = toks[c - 1].end;
            out[k].name = normalize_name(s.get(start..new_end).unwrap_or(""));
            out[k].range = start..new_end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &str) -> Vec<String> {
        find(s).into_iter().map(|b| b.name).collect()
    }

    fn check(cases: &[(&str, &[&str])]) {
        for (s, want) in cases {
            assert_eq!(names(s), want.iter().map(|x| x.to_string()).collect::<Vec<_>>(), "{s}");
        }
    }

    #[test]
    fn gazetteer_and_grammar() {
        let cases: &[(&str, &[&str])] = &[
            ("Sở Xây dựng tổ chức hướng dẫn", &["Sở Xây dựng"]),
            ("Sở Nông nghiệp và Môi trường chủ trì", &["Sở Nông nghiệp và Môi trường"]),
            ("Bộ Kế hoạch và Đầu tư:", &["Bộ Kế hoạch và Đầu tư"]),
            (
                "Công an tỉnh, các sở, ban, ngành, đoàn thể tỉnh và Ủy ban nhân dân các xã, phường",
                &["Công an tỉnh", "các sở, ban, ngành, đoàn thể tỉnh", "Ủy ban nhân dân các xã, phường"],
            ),
            (
                "UBND các tỉnh, thành phố trực thuộc Trung ương",
                &["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"],
            ),
            ("báo cáo UBND tỉnh trước ngày 15/12", &["Ủy ban nhân dân tỉnh"]),
            ("Ban Thường vụ Tỉnh ủy", &["Ban Thường vụ Tỉnh ủy"]),
            ("các huyện ủy, thị ủy, thành ủy", &["các huyện ủy", "thị ủy", "thành ủy"]),
            ("Phòng Quản lý Công nghiệp; Đơn vị phối hợp", &["Phòng Quản lý Công nghiệp"]),
            ("Phòng Kế hoạch - Tổng hợp tổng hợp", &["Phòng Kế hoạch - Tổng hợp"]),
            (
                "Bộ Chỉ huy Quân sự tỉnh/Ban Chỉ huy Bộ đội Biên phòng tỉnh",
                &["Bộ Chỉ huy Quân sự tỉnh", "Ban Chỉ huy Bộ đội Biên phòng tỉnh"],
            ),
            (
                "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lào Cai và các tổ chức chính trị - xã hội",
                &["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lào Cai", "các tổ chức chính trị - xã hội"],
            ),
            (
                "Phó giám đốc Hoàng Văn Thuân, Phó giám đốc Nguyễn Đình Chiến.",
                &["Phó giám đốc Hoàng Văn Thuân", "Phó giám đốc Nguyễn Đình Chiến"],
            ),
            ("Thủ tướng Chính phủ", &["Thủ tướng Chính phủ"]),
            (
                "Giám đốc các Sở và Thủ trưởng các ban, ngành tỉnh",
                &["Giám đốc các Sở", "Thủ trưởng các ban, ngành tỉnh"],
            ),
            (
                "Đảng đoàn HĐND tỉnh, Ban cán sự đảng UBND tỉnh",
                &["Đảng đoàn Hội đồng nhân dân tỉnh", "Ban cán sự đảng Ủy ban nhân dân tỉnh"],
            ),
            ("Sở Thông tin và Truyền thông", &["Sở Thông tin và Truyền thông"]),
            ("Văn phòng Sở", &["Văn phòng Sở"]),
            ("Chi cục Quản lý thị trường", &["Chi cục Quản lý thị trường"]),
        ];
        check(cases);
    }

    #[test]
    fn described_addressees_end_at_their_place() {
        let cases: &[(&str, &[&str])] = &[
            (
                "thông báo cho các đơn vị hoạt động vật liệu nổ công nghiệp trên địa bàn tỉnh được biết",
                &["các đơn vị hoạt động vật liệu nổ công nghiệp trên địa bàn tỉnh"],
            ),
            (
                "yêu cầu các tổ chức, doanh nghiệp có hoạt động liên quan đến hoạt động khai khoáng trên địa bàn thực hiện",
                &["các tổ chức, doanh nghiệp có hoạt động liên quan đến hoạt động khai khoáng trên địa bàn"],
            ),
            (
                "các doanh nghiệp sản xuất, kinh doanh, bảo quản xăng dầu trên địa bàn tỉnh Hà Giang khẩn trương",
                &["các doanh nghiệp sản xuất, kinh doanh, bảo quản xăng dầu trên địa bàn tỉnh Hà Giang"],
            ),
            // Near misses: a predicate verb, a clause mark or another body
            // before "trên địa bàn" ends the collective where it was.
            ("các đơn vị tổ chức thực hiện trên địa bàn tỉnh", &["các đơn vị"]),
            ("các sở, ngành liên quan triển khai trên địa bàn", &["các sở, ngành liên quan"]),
            ("các doanh nghiệp; kiểm tra trên địa bàn", &["các doanh nghiệp"]),
        ];
        check(cases);
    }

    #[test]
    fn names_end_at_their_level_heads_and_groups() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Giao Sở Nông nghiệp & Phát triển nông thôn, Sở Tài chính thực hiện",
                &["Sở Nông nghiệp & Phát triển nông thôn", "Sở Tài chính"],
            ),
            ("Đoàn kiểm tra có nhiệm vụ báo cáo Giám đốc Sở", &["Đoàn kiểm tra", "Giám đốc Sở"]),
            ("Tổ công tác liên ngành tỉnh thực hiện", &["Tổ công tác liên ngành tỉnh"]),
            ("Ban Chỉ đạo Chuyển đổi số tỉnh chỉ đạo", &["Ban Chỉ đạo Chuyển đổi số tỉnh"]),
            // A field in sentence case joined to the next by "và".
            (
                "phối hợp với Cục Thương mại điện tử và Kinh tế số tổ chức",
                &["Cục Thương mại điện tử và Kinh tế số"],
            ),
            // …not a list of bodies, nor a name and the predicate after it.
            ("Cục Thương mại điện tử và Sở Công Thương", &["Cục Thương mại", "Sở Công Thương"]),
            ("Sở Tài chính hướng dẫn và Kiểm tra", &["Sở Tài chính"]),
            ("Cục Kinh tế số liệu", &["Cục Kinh tế"]),
            // Provincial bodies of plans: whole-name heads and their level,
            // compounds with a level or stop word inside.
            (
                "Bộ Chỉ huy Bộ đội Biên phòng tỉnh, Cổng Thông tin điện tử tỉnh: Tuyên truyền",
                &["Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Cổng Thông tin điện tử tỉnh"],
            ),
            ("Ngân hàng Chính sách xã hội tỉnh hỗ trợ", &["Ngân hàng Chính sách xã hội tỉnh"]),
            ("Hiệp hội Doanh nghiệp tỉnh hỗ trợ", &["Hiệp hội Doanh nghiệp tỉnh"]),
            ("Văn phòng Điều phối nông thôn mới tỉnh theo dõi", &["Văn phòng Điều phối nông thôn mới tỉnh"]),
            // "xã hội" is no commune, a bare whole-name head no body.
            ("Sở Lao động - Thương binh và Xã hội tỉnh", &["Sở Lao động - Thương binh và Xã hội tỉnh"]),
            ("Cổng Thông tin điện tử của tỉnh", &[]),
            // The closing of a council resolution: its organs and members.
            (
                "Giao Thường trực Hội đồng nhân dân, các Ban của Hội đồng nhân dân, các Tổ đại biểu và đại biểu Hội đồng nhân dân tỉnh giám sát",
                &["Thường trực Hội đồng nhân dân", "các Ban của Hội đồng nhân dân", "Tổ đại biểu", "đại biểu Hội đồng nhân dân tỉnh"],
            ),
            ("các Ban Hội đồng nhân dân tỉnh giám sát", &["các Ban Hội đồng nhân dân tỉnh"]),
            // A comma before "các" opens the next item of a list.
            (
                "Các tỉnh ủy, thành ủy, các ban đảng, đảng đoàn tổ chức quán triệt",
                &["Các tỉnh ủy", "thành ủy", "các ban đảng, đảng đoàn"],
            ),
            ("các tổ chức, cá nhân thực hiện", &[]),
            // The organs of a committee, and the Party groups of a body.
            ("Các ban xây dựng Đảng Tỉnh ủy theo dõi", &["Các ban xây dựng Đảng Tỉnh ủy"]),
            ("Ban cán sự đảng Sở Y tế chỉ đạo", &["Ban cán sự đảng Sở Y tế"]),
            (
                "Đảng đoàn Mặt trận Tổ quốc Việt Nam tỉnh giám sát",
                &["Đảng đoàn Mặt trận Tổ quốc Việt Nam tỉnh"],
            ),
            ("Sở Công Thương Lào Cai thông báo", &["Sở Công Thương Lào Cai"]),
            ("Sở Tài chính Hướng dẫn", &["Sở Tài chính"]),
            ("Ban Quản lý Khu kinh tế tỉnh thực hiện", &["Ban Quản lý Khu kinh tế tỉnh"]),
            // Lower-case words run to a level only when it follows closely.
            ("Ban Quản lý Khu kinh tế cửa khẩu quốc tế tỉnh", &["Ban Quản lý Khu kinh"]),
            (
                "Trưởng phòng Quản lý công nghiệp, Giám đốc các ban quản lý rừng",
                &["Trưởng phòng Quản lý công nghiệp", "Giám đốc các ban quản lý rừng"],
            ),
            ("Các ban của Tỉnh ủy và Văn phòng Tỉnh ủy", &["Các ban của Tỉnh ủy", "Văn phòng Tỉnh ủy"]),
            // A code of law is no ministry.
            ("theo Bộ luật Lao động và Bộ Luật Dân sự, Bộ Tư pháp", &["Bộ Tư pháp"]),
            // Lower case it is the inspection itself, not the team.
            ("tổ chức đoàn kiểm tra liên ngành", &[]),
            // A post in every body of a collective list without "các"; a
            // capitalized word after the comma is the next body.
            ("Giám đốc Sở, ban, ngành chịu trách nhiệm", &["Giám đốc Sở, ban, ngành"]),
            ("Thủ trưởng cơ quan, đơn vị liên quan thi hành", &["Thủ trưởng cơ quan, đơn vị liên quan"]),
            (
                "người đứng đầu tổ chức chính trị - xã hội, tổ chức xã hội - nghề nghiệp thực hiện",
                &["người đứng đầu tổ chức chính trị - xã hội"],
            ),
            ("Giám đốc Sở, Chủ tịch UBND huyện thi hành", &["Giám đốc Sở", "Chủ tịch Ủy ban nhân dân huyện"]),
            // A firm's registered name runs through "phát triển", not
            // into "triển khai".
            (
                "Công ty Cổ phần Đầu tư phát triển Đô thị và Khu công nghiệp thực hiện",
                &["Công ty Cổ phần Đầu tư phát triển Đô thị và Khu công nghiệp"],
            ),
            ("Công ty TNHH Hiệp Phú triển khai thực hiện", &["Công ty TNHH Hiệp Phú"]),
            // Abbreviations joined by "&", departments merged by a hyphen.
            ("Giao Bộ KH&CN chủ trì", &["Bộ KH&CN"]),
            ("Sở GD&ĐT, Sở KH & ĐT thực hiện", &["Sở GD&ĐT", "Sở KH"]),
            ("Sở Thương mại - Du lịch chủ trì", &["Sở Thương mại - Du lịch"]),
            ("Sở Công Thương - Sở Tài chính", &["Sở Công Thương", "Sở Tài chính"]),
            // Levels shortened in a list, not words that go on.
            ("Giao Ủy ban nhân dân huyện, thị, thành chủ trì", &["Ủy ban nhân dân huyện, thị, thành"]),
            ("Ủy ban nhân dân huyện, thành lập tổ công tác", &["Ủy ban nhân dân huyện"]),
        ];
        check(cases);
    }

    #[test]
    fn proper_names_compounds_and_branches() {
        let cases: &[(&str, &[&str])] = &[
            // After a proper name, a lower-case word is the predicate…
            ("Báo Quảng Trị mở chuyên mục tuyên truyền", &["Báo Quảng Trị"]),
            // …after a capitalized common noun, part of the name.
            ("Phòng Quản lý đô thị huyện", &["Phòng Quản lý đô thị huyện"]),
            (
                "Liên minh Hợp tác xã tỉnh, Hội Nông dân tỉnh phối hợp",
                &["Liên minh Hợp tác xã tỉnh", "Hội Nông dân tỉnh"],
            ),
            (
                "Ngân hàng Nhà nước chi nhánh tỉnh Quảng Trị theo dõi",
                &["Ngân hàng Nhà nước chi nhánh tỉnh Quảng Trị"],
            ),
            ("Trung tâm Phục vụ hành chính công tỉnh tiếp nhận", &["Trung tâm Phục vụ hành chính công tỉnh"]),
            ("Cục Thuế địa phương kiểm tra", &["Cục Thuế địa phương"]),
            // Five lower-case words are a clause, not a name.
            ("Ban Quản lý Dự án kiểm tra định kỳ hằng tháng tại huyện", &["Ban Quản lý Dự án"]),
        ];
        check(cases);
    }

    #[test]
    fn defined_subjects_end_at_their_duty_cue() {
        let names = |s: &str| {
            let toks = tokenize(s);
            defined_subject(s, &toks).map(|v| v.into_iter().map(|b| b.name).collect::<Vec<_>>())
        };
        assert_eq!(
            names("Thủ trưởng cơ quan sử dụng công chức có trách nhiệm giải quyết khiếu nại"),
            Some(vec!["Thủ trưởng cơ quan sử dụng công chức".to_string()])
        );
        // A subject the grammar reads to its cue is left to the grammar.
        let tax = "Thủ trưởng cơ quan thuế cấp trên có trách nhiệm giải quyết khiếu nại";
        assert_eq!(names(tax), None);
        assert_eq!(
            find(tax).into_iter().map(|b| b.name).collect::<Vec<_>>(),
            ["Thủ trưởng cơ quan thuế cấp trên"]
        );
        // Near misses: no cue, a clause mark before it, a role verb inside,
        // "phải được", a bare opening the grammar already reads.
        assert_eq!(names("Cơ quan thuế kiểm tra hồ sơ"), None);
        assert_eq!(names("Cơ quan thuế. Hồ sơ phải nộp"), None);
        assert_eq!(names("Cơ quan thuế phối hợp với hải quan phải"), None);
        assert_eq!(names("Hồ sơ phải được nộp"), None);
        assert_eq!(names("Cơ quan thuế phải được thông báo"), None);
        assert_eq!(names("Sở Tài chính có trách nhiệm hướng dẫn"), None);
    }

    #[test]
    fn functional_agencies_and_the_office_they_single_out() {
        check(&[
            // A level, "cấp trên", or a description singles out one office.
            ("nộp tờ khai cho cơ quan thuế địa phương.", &["cơ quan thuế địa phương"]),
            ("báo cáo cơ quan thống kê cấp huyện, đồng thời", &["cơ quan thống kê cấp huyện"]),
            ("báo cáo Thủ trưởng cơ quan thuế cấp trên xem xét", &["Thủ trưởng cơ quan thuế cấp trên"]),
            (
                "đăng ký với cơ quan thuế nơi sản xuất, kinh doanh theo quy định",
                &["cơ quan thuế nơi sản xuất, kinh doanh"],
            ),
            (
                "nộp thuế cho cơ quan hải quan nơi làm thủ tục nhập khẩu và chịu trách nhiệm",
                &["cơ quan hải quan nơi làm thủ tục nhập khẩu"],
            ),
            // The description ends at a time limit, another agency, a mark.
            (
                "đăng ký với cơ quan thuế nơi sản xuất, kinh doanh chậm nhất không quá năm ngày",
                &["cơ quan thuế nơi sản xuất, kinh doanh"],
            ),
            (
                "nơi làm thủ tục, cơ quan Thuế nơi doanh nghiệp đăng ký nộp thuế: báo cáo",
                &["cơ quan Thuế nơi doanh nghiệp đăng ký nộp thuế"],
            ),
            // A description that runs past the bound is a clause: the bare
            // agency stays.
            (
                "cơ quan thuế nơi doanh nghiệp nước ngoài đặt trụ sở chính đầu tiên hoặc chi nhánh",
                &["cơ quan thuế"],
            ),
            ("cơ quan thuế nơi", &["cơ quan thuế"]),
            // An agency not named by a function is no body by itself.
            ("gửi cơ quan có thẩm quyền xem xét", &[]),
        ]);
    }

    #[test]
    fn nesting_is_bounded() {
        let hostile = "Chủ tịch ".repeat(5000) + "UBND tỉnh";
        assert!(find(&hostile).len() < 5000);
        // An agency's description that opens another agency, on and on:
        // read without recursing once per repetition (this overflowed the
        // stack).
        let hostile = "cơ quan thuế nơi ".repeat(40000);
        assert_eq!(find(&hostile).len(), 40000);
    }

    #[test]
    fn not_bodies() {
        // A post that is also a verb heads a body only before a name.
        assert_eq!(names("Lãnh đạo Sở chỉ đạo"), vec!["Lãnh đạo Sở".to_string()]);
        for s in [
            "Chủ trì, phối hợp với",
            "ban hành kế hoạch",
            "tổ chức thực hiện nghiêm túc",
            "Lãnh đạo tổ chức thành công đại hội",
        ] {
            assert!(names(s).is_empty(), "{s}: {:?}", names(s));
        }
    }
}
