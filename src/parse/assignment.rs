//! Who must do what (phân công): bodies and their roles in each task.
//!
//! Three shapes of the genre are read:
//!
//! * **Sections headed by a body** ("2. Sở Xây dựng", "1. Bộ Kế hoạch và
//!   Đầu tư:", "6. Trách nhiệm của các tổ chức, doanh nghiệp …"): the body
//!   is the subject of every clause below it until the outline returns to
//!   its level.
//! * **Sentences that name their subject** ("Sở Nông nghiệp và Môi trường
//!   tổng hợp, tham mưu …", "Ủy ban nhân dân tỉnh yêu cầu các sở … triển
//!   khai").
//! * **Tables** flattened one cell per line ("Cơ quan chủ trì | Cơ quan phối
//!   hợp | Thời gian hoàn thành") and labelled fields ("Đơn vị chủ trì: …;
//!   Đơn vị phối hợp: …", "Lãnh đạo phụ trách: …").
//!
//! Roles come from the verbs of the clause: *chủ trì* → lead, *phối hợp* →
//! support, *chỉ đạo/lãnh đạo* → direct, *tham mưu* → advise, *kiểm tra,
//! giám sát, theo dõi, đôn đốc* → supervise, any other task → implement.
//! Bodies after "phối hợp với" support; bodies after "báo cáo (… về)",
//! "gửi", "phản ánh về" receive reports; bodies after "yêu cầu", "giao",
//! "chỉ đạo", "đôn đốc" are delegated a task and take their roles from its
//! verbs ("giao Sở Tài chính chủ trì …" → lead; implement when no role
//! verb); bodies after "tham mưu (cho)" are advised and get no role, and
//! what they are advised to do is theirs, not the subject's. "do X chủ
//! trì" makes X lead. Narration of the past ("đã chỉ đạo") and the
//! enacting formula ("… ban hành Kế hoạch … như sau:") assign nothing.

use super::body::{self, BodyMatch};
use super::patterns::{self, Doc, Marker};
use crate::schema::Role;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// One assignment before conversion to the contract.
#[derive(Debug, Clone)]
pub struct Found {
    /// Byte range of the clause (or table row).
    pub range: Range<usize>,
    /// Bodies with roles, in order, without duplicates.
    pub bodies: Vec<(String, Role)>,
    /// Byte range of the task text.
    pub task: Range<usize>,
    /// Byte range to search for the task's deadline.
    pub deadline_zone: Range<usize>,
}

/// What the outline says about one block.
#[derive(Debug, Clone, Copy)]
pub struct Heading {
    /// Level of the block's label, if it has one.
    pub level: Option<u8>,
}

fn push_role(out: &mut Vec<(String, Role)>, name: &str, role: Role) {
    if name.is_empty() {
        return;
    }
    if !out.iter().any(|(n, r)| n == name && *r == role) {
        out.push((name.to_string(), role));
    }
}

/// Words before a noun use of "chỉ đạo"/"lãnh đạo" ("văn bản chỉ đạo").
const NOUN_BEFORE: &[&str] =
    &["văn bản", "nội dung", "ý kiến", "kế hoạch", "sự", "theo", "có", "của", "được", "công tác"];

fn contains_verb(t: &str, verb: &str) -> bool {
    let mut from = 0;
    while let Some(i) = t[from..].find(verb) {
        let at = from + i;
        let before = t[..at].trim_end().trim_end_matches(',').trim_end();
        let ok_start = at == 0 || !t[..at].ends_with(|c: char| c.is_alphanumeric());
        let end = at + verb.len();
        let ok_end = !t[end..].starts_with(|c: char| c.is_alphanumeric());
        if ok_start && ok_end && !NOUN_BEFORE.iter().any(|n| before.ends_with(n)) {
            return true;
        }
        from = end;
    }
    false
}

/// Roles of the clause's subject from its verbs (lower-cased text with
/// object bodies already cut out).
fn subject_roles(t: &str) -> Vec<Role> {
    let mut roles = Vec::new();
    let lead = contains_verb(t, "chủ trì") && !t.contains("cơ quan chủ trì") && !t.contains("đơn vị chủ trì");
    if lead {
        roles.push(Role::Lead);
    }
    if contains_verb(t, "phối hợp") && !lead {
        roles.push(Role::Support);
    }
    if contains_verb(t, "chỉ đạo") || contains_verb(t, "lãnh đạo") {
        roles.push(Role::Direct);
        // "chỉ đạo và tổ chức thực hiện", "chỉ đạo, triển khai": the body
        // directs and carries the task out itself.
        let squeezed = patterns::squeeze(t);
        if DIRECT_AND_DO.iter().any(|w| squeezed.contains(w)) {
            roles.push(Role::Implement);
        }
    }
    // "chủ trì, tham mưu" is a lead (ANNOTATION.md: advise is tham mưu
    // without chủ trì).
    if contains_verb(t, "tham mưu") && !lead {
        roles.push(Role::Advise);
    }
    if ["kiểm tra", "giám sát", "theo dõi", "đôn đốc", "thanh tra"].iter().any(|v| contains_verb(t, v))
    {
        roles.push(Role::Supervise);
    }
    if roles.is_empty() {
        roles.push(Role::Implement);
    }
    roles
}

/// "chỉ đạo" coordinated with an implementing verb (ANNOTATION.md:
/// implement is thực hiện, triển khai, tổ chức).
const DIRECT_AND_DO: &[&str] = &[
    "chỉ đạo và tổ chức thực hiện",
    "chỉ đạo, tổ chức thực hiện",
    "chỉ đạo và tổ chức triển khai",
    "chỉ đạo, tổ chức triển khai",
    "chỉ đạo, triển khai",
    "chỉ đạo và triển khai",
    "chỉ đạo, thực hiện",
    "chỉ đạo và thực hiện",
];

/// Openings of an adverbial that may stand between a subject and its
/// predicate, set off by commas ("Các Tổng công ty, căn cứ vào …, tiến
/// hành …").
const SUBJECT_ADVERBIALS: &[&str] = &["căn cứ", "trên cơ sở", "theo chức năng", "trong phạm vi"];

/// Longest such adverbial (bytes); a longer run is a clause of its own.
const MAX_ADVERBIAL: usize = 240;

/// Length of ", căn cứ …," at the start of `s` (0 when there is none).
fn adverbial_len(s: &str) -> usize {
    let Some(r) = s.strip_prefix(',') else { return 0 };
    let body = r.trim_start();
    let lower = body.to_lowercase();
    if lower.len() != body.len() || !SUBJECT_ADVERBIALS.iter().any(|w| lower.starts_with(w)) {
        return 0;
    }
    match body.find([',', ';', '.', ':']) {
        Some(i) if body[i..].starts_with(',') && i <= MAX_ADVERBIAL => s.len() - body.len() + i + 1,
        _ => 0,
    }
}

/// How the words right before an object body make it relate to the task.
fn object_role(before: &str) -> Option<Option<Role>> {
    let b = before.trim_end().trim_end_matches([',', ':', '(']).trim_end().to_lowercase();
    // "phối hợp với các cấp Mặt trận …": the levels belong to the body.
    let b = b.strip_suffix("các cấp").map(str::trim_end).unwrap_or(&b);
    let ends = |ws: &[&str]| ws.iter().any(|w| b.ends_with(w));
    if ends(&["phối hợp với", "phối hợp chặt chẽ với", "phối hợp", "cùng với", "hỗ trợ"])
    {
        return Some(Some(Role::Support));
    }
    if ends(&[
        "báo cáo",
        "báo cáo về",
        "báo cáo với",
        "báo cáo lên",
        "báo cáo tới",
        "báo cáo cho",
        "gửi",
        "gửi về",
        "phản ánh về",
        "phản ánh với",
        "phản ánh",
        "qua",
        "và gửi",
        "đồng gửi",
        "tới",
        "báo cáo kết quả về",
        "thông báo",
        "thông báo cho",
        "thông báo đến",
        "văn bản đến",
        "văn bản gửi",
        // A submission goes to the body that decides on it ("trình UBND
        // tỉnh phê duyệt"): it receives it as it receives a report (the
        // gold of eval/gold/lm, tune and check alike).
        "trình",
        "kính trình",
        "trình lên",
    ]) {
        return Some(Some(Role::ReportTo));
    }
    // "lãnh đạo Hội đồng nhân dân tỉnh ban hành …": a Party group leads
    // the body it sits in to act, as "chỉ đạo X làm Y" does.
    if ends(&[
        "yêu cầu",
        "giao",
        "giao cho",
        "đề nghị",
        "chỉ đạo",
        "lãnh đạo",
        "đôn đốc",
        "chỉ đạo các",
        "yêu cầu các",
    ]) {
        return Some(Some(Role::Implement));
    }
    if ends(&[
        "tham mưu",
        "tham mưu cho",
        "kiến nghị",
        "đề xuất",
        "hướng dẫn",
        "trước",
        "của",
        "với",
        "cho",
        "tại",
        "thuộc",
        "do",
    ]) {
        return Some(None);
    }
    None
}

/// Recurrences that may open a report clause ("định kỳ hằng năm báo cáo
/// …"), longest first.
const PERIODIC_OPENINGS: &[&str] = &[
    "định kỳ hằng năm",
    "định kỳ hàng năm",
    "định kỳ hằng quý",
    "định kỳ hàng quý",
    "định kỳ 6 tháng",
    "định kỳ",
    "hằng năm",
    "hàng năm",
    "hằng quý",
    "hàng quý",
    "hằng tháng",
    "hàng tháng",
];

/// Longest adverbial opening (bytes) before a subject ("Định kỳ 6 tháng,
/// hàng năm, …").
const MAX_OPENING: usize = 90;

/// Longest condition opening (bytes) before a subject ("Trường hợp …, cơ
/// quan thuế có trách nhiệm …"): about forty words.
const MAX_CONDITION_OPENING: usize = 260;

/// Text left after the bodies at the start of `t` are removed, with the
/// bodies, if the clause opens with its subject.
fn leading_subject(t: &str, found: &[BodyMatch]) -> Option<(Vec<String>, usize)> {
    let mut names = Vec::new();
    let mut at = 0usize;
    // "Định kỳ 6 tháng, hàng năm, Sở Công Thương tổ chức …": an adverbial
    // opening ended by a comma may stand before the subject.
    if let Some(first) = found.first() {
        let pre = t.get(..first.range.start).unwrap_or("");
        let pre_l = pre.to_lowercase();
        let dated = pre_l.contains("/20")
            || pre_l.split("ngày ").skip(1).any(|r| r.starts_with(|c: char| c.is_ascii_digit()));
        // "Khi tổ chức thi nâng ngạch, …", "Trường hợp …, …": a condition
        // may be longer.
        let condition =
            body::NOT_SUBJECT.iter().any(|w| pre_l.strip_prefix(w).is_some_and(|r| r.starts_with(' ')));
        if pre.trim_end().ends_with(',')
            && (pre.len() < MAX_OPENING || condition && pre.len() < MAX_CONDITION_OPENING)
            && !dated
            && ![
                "chủ trì",
                "phối hợp",
                "tham mưu",
                "yêu cầu",
                "giao",
                "chỉ đạo",
                "đề nghị",
                "báo cáo",
                "của",
                "với",
            ]
            .iter()
            .any(|w| pre_l.contains(w))
        {
            at = first.range.start;
        }
    }
    for b in found {
        let gap = t.get(at..b.range.start)?;
        let gap_ok = gap.trim().trim_matches([',', ';', '-', '+', '/']).trim().is_empty()
            || ["và", "và các", "cùng", "các"].contains(&gap.trim().trim_matches(',').trim());
        if !gap_ok {
            break;
        }
        names.push(b.name.clone());
        at = b.range.end;
    }
    if names.is_empty() {
        return None;
    }
    // "Các sở, ban, ngành theo chức năng, nhiệm vụ được giao chủ động …":
    // the qualifier stands between the subject and its predicate.
    at += qualifier_len(t.get(at..)?);
    at += adverbial_len(t.get(at..)?);
    let rest = t.get(at..)?.trim_start();
    let first = rest.split_whitespace().next().unwrap_or("").to_lowercase();
    // "theo dõi" is a verb, "theo" alone a preposition.
    let theo_doi = rest.to_lowercase().starts_with("theo dõi");
    if rest.is_empty()
        || rest.starts_with(['(', ':', ',', ';', '.', '/'])
        || ["của", "về", "tại", "trong", "theo", "đối", "là", "thuộc", "ngày", "số", "đã", "được"]
            .contains(&first.as_str())
            && !theo_doi
    {
        return None;
    }
    Some((names, at))
}

/// For each body of `found`, the index of the last body of the list it
/// starts ("Sở A, Sở B và Sở C"): bodies joined by nothing but commas,
/// `và` or `hoặc`. Computed once per clause from the right, so a clause
/// naming thousands of bodies costs linear time, not a rescan of the
/// list from every body (40,000 listed bodies took 21 s that way).
fn list_ends(t: &str, found: &[BodyMatch]) -> Vec<usize> {
    let mut ends: Vec<usize> = (0..found.len()).collect();
    for k in (0..found.len().saturating_sub(1)).rev() {
        let g =
            t.get(found[k].range.end..found[k + 1].range.start).unwrap_or("").trim().trim_matches(',').trim();
        if ["và", "", "hoặc"].contains(&g) {
            ends[k] = ends[k + 1];
        }
    }
    ends
}

/// How much of what follows a body the tests of its next words read
/// (the longest, "được biết và", is 16 bytes): lower-casing the whole rest
/// of a block once for each of its bodies made a clause quadratic.
const OPENING_BYTES: usize = 64;

/// The lower-cased opening of `s`, leading spaces skipped.
fn opening_lower(s: &str) -> String {
    crate::lang::after(s.trim_start(), 0, OPENING_BYTES).to_lowercase()
}

/// Notices end by telling their addressees to act: "thông báo cho X (được)
/// biết và triển khai thực hiện" gives X the task, while a bare "thông
/// báo cho X" only informs (X receives).
fn told_to_act(before: &str, after_list: &str) -> bool {
    let b = before.trim_end().trim_end_matches([',', ':']).trim_end().to_lowercase();
    let a = opening_lower(after_list);
    ["thông báo", "thông báo cho", "thông báo đến", "thông báo tới"].iter().any(|w| b.ends_with(w))
        && (a.starts_with("được biết và") || a.starts_with("biết và") || a.starts_with("biết, thực hiện"))
}

/// Verbs that open the partner's task right after "phối hợp với Y".
const PARTNER_TASKS: &[&str] =
    &["tham mưu", "thực hiện", "triển khai", "tổ chức", "xây dựng", "hướng dẫn", "rà soát", "kiểm tra"];

/// Whether the subject's own words (objects cut out) join a partner to do
/// a task: "phối hợp với [Y] tổ chức, tuyên truyền …".
fn joins_to_act(own: &str) -> bool {
    let own = patterns::squeeze(own);
    let Some(at) = own.find("phối hợp với") else { return false };
    let after = own[at + "phối hợp với".len()..].trim_start();
    let after = after.strip_prefix("các cấp").unwrap_or(after).trim_start();
    PARTNER_TASKS.iter().filter(|v| **v != "tham mưu").any(|v| after.starts_with(v))
        || after.starts_with("tuyên truyền")
}

/// Whether the words between a subject and its partner ("phối hợp với",
/// without "chủ trì") and the words after the partner list (a task verb)
/// make the partner the lead: "X phối hợp với Y tham mưu …".
fn partner_leads(between: &str, after_list: &str) -> bool {
    let b = between.trim().trim_start_matches(['-', '+', ' ']).to_lowercase();
    let a = opening_lower(after_list);
    ["phối hợp với", "chủ động phối hợp với"].iter().any(|w| b.starts_with(w) && b.len() <= w.len() + 1)
        && PARTNER_TASKS.iter().any(|v| a.starts_with(v))
}

/// Closing clauses of decisions list who executes them ("Chánh Văn phòng …,
/// Giám đốc: Sở A, Sở B; Chủ tịch UBND các huyện … chịu trách nhiệm thi
/// hành Quyết định này"): every body before the phrase implements, however
/// the list is punctuated, and the clause is its own sentence — its bodies
/// are no subject of what follows. Besides "chịu trách nhiệm thi hành" (180
/// of corpus/lm's closing clauses), the clause is "… căn cứ Quyết định thi
/// hành" in some provinces' decisions, and "chịu trách nhiệm thực hiện"
/// the document itself in some ministries'; "có hiệu lực thi hành" is the
/// clause of effect, no closing.
const CLOSING: &[&str] = &[
    "chịu trách nhiệm thi hành",
    "có trách nhiệm thi hành",
    "chịu trách nhiệm triển khai thi hành",
    "căn cứ quyết định thi hành",
    "căn cứ quyết định này thi hành",
    "căn cứ quyết định để thi hành",
    "căn cứ quyết định này để thi hành",
    "chịu trách nhiệm thực hiện quyết định này",
    "chịu trách nhiệm thực hiện nghị định này",
    "chịu trách nhiệm thực hiện thông tư này",
    "có trách nhiệm thực hiện quyết định này",
    "có trách nhiệm thực hiện thông tư này",
];

/// The sentence of `t` that holds a closing phrase, from its start to its
/// end (byte range in `t`); its ";" do not split it.
fn closing_sentence(t: &str) -> Option<Range<usize>> {
    let lower = t.to_lowercase();
    if lower.len() != t.len() {
        return None;
    }
    let at = CLOSING.iter().filter_map(|w| lower.find(w)).min()?;
    let start = t[..at].rfind(". ").map(|i| i + 2).unwrap_or(0);
    let end = t[at..].find(". ").map(|i| at + i + 1).unwrap_or(t.len());
    Some(start..end)
}

fn closing_clause(t: &str, found: &[BodyMatch]) -> Option<Vec<(String, Role)>> {
    let lower = t.to_lowercase();
    let at = CLOSING.iter().filter_map(|w| lower.find(w)).min()?;
    let mut out = Vec::new();
    for b in found.iter().filter(|b| b.range.end <= at) {
        // A body inside another's description ("Thủ trưởng các đơn vị
        // thuộc Sở") is not listed on its own.
        let before = patterns::before(t, b.range.start, 12).trim_end().to_lowercase();
        if ["của", "thuộc", "tại", "trực thuộc"].iter().any(|w| before.ends_with(w)) {
            continue;
        }
        push_role(&mut out, &b.name, Role::Implement);
    }
    (!out.is_empty()).then_some(out)
}

/// Nouns of the qualifier "theo chức năng, nhiệm vụ, quyền hạn được giao".
const REMIT: &[&str] = &["chức năng", "nhiệm vụ", "quyền hạn", "lĩnh vực", "thẩm quyền", "phạm vi quản lý"];

/// Length in bytes of a remit qualifier at the start of `s` ("theo chức
/// năng, nhiệm vụ, lĩnh vực được giao,"), 0 when there is none.
fn qualifier_len(s: &str) -> usize {
    let lower = s.to_lowercase();
    let trimmed = lower.trim_start();
    // "theo chức năng, nhiệm vụ", "trong phạm vi nhiệm vụ, quyền hạn của
    // mình", "căn cứ chức năng, nhiệm vụ được giao".
    let Some(mut rest) = ["theo ", "trong phạm vi ", "căn cứ "].iter().find_map(|p| trimmed.strip_prefix(p))
    else {
        return 0;
    };
    let mut nouns = 0;
    loop {
        let r = rest.trim_start().trim_start_matches(',').trim_start();
        let r = r.strip_prefix("và ").unwrap_or(r);
        match REMIT.iter().find(|n| r.starts_with(*n)) {
            Some(n) => {
                rest = &r[n.len()..];
                nouns += 1;
            }
            None => break,
        }
    }
    if nouns == 0 {
        return 0;
    }
    for tail in [" được giao", " của mình", " của đơn vị mình"] {
        if let Some(r) = rest.strip_prefix(tail) {
            rest = r;
        }
    }
    let rest = rest.trim_start_matches([',', ' ']);
    // Lower-casing keeps byte lengths for Vietnamese letters.
    if lower.len() != s.len() {
        return 0;
    }
    s.len() - rest.len()
}

/// Removes parenthetical asides ("(đối với KKT, KCN)") from a gap between
/// two bodies.
fn strip_parens(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0i32;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = (depth - 1).max(0),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Verbs of handing something to a body that receives it: a report, a
/// letter, and in laws and decrees a filing ("nộp thuế cho cơ quan hải
/// quan", "đăng ký nộp thuế với cơ quan thuế", "kê khai với …").
const REPORT_VERBS: &[&str] = &["báo cáo", "gửi", "phản ánh", "nộp", "đăng ký", "kê khai", "khai báo"];

/// Whether the text between a report verb and a body makes the body the
/// receiver: "báo cáo tình hình thực hiện về X", "gửi kết quả tới X".
fn reports_to(before: &str) -> bool {
    let b = before.to_lowercase();
    let Some(at) = REPORT_VERBS.iter().filter_map(|w| b.rfind(w)).max() else {
        return false;
    };
    let tail = b[at..].trim_end().trim_end_matches([',', ':', '(']).trim_end();
    !["chủ trì", "phối hợp", "tham mưu", ";"].iter().any(|w| tail.contains(w))
        && ["về", "với", "lên", "tới", "cho", "đến"].iter().any(|w| tail.ends_with(w))
}

/// Assigns roles in one clause `t` (at absolute offset `base`). `first`
/// says whether this is the first clause of its block: later sentences of
/// a bullet without a role verb add no role of their own.
fn clause(
    t: &str,
    found: &[BodyMatch],
    base: usize,
    inherited: &[String],
    out: &mut Vec<Found>,
    zone: Range<usize>,
    first: bool,
) {
    let (subject, pred_start) = match leading_subject(t, found) {
        Some((names, at)) => (names, at),
        None => (inherited.to_vec(), 0),
    };
    let mut bodies: Vec<(String, Role)> = Vec::new();
    // Objects and the subject's own text (objects cut out).
    let mut own = String::new();
    let mut last = pred_start;
    let mut delegating = false;
    let mut advised_list = false;
    let mut context_from: Option<usize> = None;
    // "giao Sở Tài chính chủ trì, phối hợp với …": the delegated bodies and
    // the words of their task, whose verbs give their roles.
    let mut delegatees: Vec<String> = Vec::new();
    let mut delegate_text = String::new();
    let mut in_delegate = false;
    let mut last_was_delegatee = false;
    let list_ends = list_ends(t, found);
    // A hostile clause lists tens of thousands of bodies.
    for (k, b) in patterns::until_limit(found.iter().enumerate()).filter(|(_, b)| b.range.start >= pred_start)
    {
        if b.range.start < last {
            continue;
        }
        let text_to_delegate = in_delegate;
        let before = patterns::before(t, b.range.start, 60);
        // Words since the previous body (or since the advised body whose
        // action was skipped).
        let from = context_from.take().unwrap_or(last);
        let before_here = patterns::before(t, b.range.start, b.range.start.saturating_sub(from).min(60));
        let gap = strip_parens(t.get(last..b.range.start).unwrap_or(""));
        let gap = gap.trim().trim_matches([',', ';']).trim();
        let continues = ["và", "", "và các", "các", "hoặc", "cùng"].contains(&gap);
        // "do Sở Công Thương hoặc Công an tỉnh chủ trì".
        let list_end = found[list_ends[k]].range.end;
        let by_lead = {
            let after = opening_lower(t.get(list_end..).unwrap_or(""));
            after.starts_with("chủ trì") && (before.trim_end().ends_with(" do") || continues)
        };
        let role = if by_lead {
            Some(Some(Role::Lead))
        } else if told_to_act(before_here, t.get(list_end..).unwrap_or("")) {
            // "thông báo cho X được biết và thực hiện": X acts.
            Some(Some(Role::Implement))
        } else if advised_list && continues {
            Some(None)
        } else if reports_to(before_here) || (last == pred_start && reports_to(before)) {
            Some(Some(Role::ReportTo))
        } else if last == pred_start {
            object_role(before_here).or_else(|| object_role(before))
        } else {
            // Only the words since the previous body speak for this one.
            object_role(before_here)
        };
        // "Sở Nội vụ phối hợp với Sở Tài chính tham mưu …": the partner
        // the subject joins leads the task its verb opens.
        let role = match role {
            Some(Some(Role::Support))
                if last == pred_start
                    && partner_leads(
                        t.get(pred_start..b.range.start).unwrap_or(""),
                        t.get(list_end..).unwrap_or(""),
                    ) =>
            {
                Some(Some(Role::Lead))
            }
            r => r,
        };
        advised_list = false;
        let was_delegatee = last_was_delegatee;
        last_was_delegatee = false;
        match role {
            Some(Some(Role::Implement)) => {
                delegating = true;
                in_delegate = true;
                last_was_delegatee = true;
                if !delegatees.contains(&b.name) {
                    delegatees.push(b.name.clone());
                }
            }
            Some(Some(role)) => push_role(&mut bodies, &b.name, role),
            Some(None) => {
                // "tham mưu UBND tỉnh chỉ đạo xử lý": what follows the
                // advised body up to the next comma is that body's action.
                let b4 = before.trim_end().to_lowercase();
                let advised = ["tham mưu", "tham mưu cho", "trình", "đề xuất", "kiến nghị"]
                    .iter()
                    .any(|w| b4.ends_with(w))
                    || (continues && k > 0);
                if advised {
                    let sink = if text_to_delegate { &mut delegate_text } else { &mut own };
                    sink.push_str(t.get(last..b.range.start).unwrap_or(""));
                    sink.push(' ');
                    let next_body = found.get(k + 1).map(|x| x.range.start).unwrap_or(t.len());
                    let stop = t[b.range.end..].find([',', ';']).map(|i| b.range.end + i).unwrap_or(t.len());
                    let between = t.get(b.range.end..next_body).unwrap_or("").trim().trim_matches(',').trim();
                    if ["", "và", "hoặc"].contains(&between) {
                        // The advised list goes on.
                        advised_list = true;
                        last = b.range.end;
                    } else {
                        // Skip the advised body's action, but not a body
                        // named in it ("tham mưu UBND tỉnh báo cáo Ban
                        // Thường vụ Tỉnh ủy").
                        last = stop.min(next_body);
                        context_from = Some(b.range.end);
                    }
                    continue;
                }
            }
            None => {
                // A list continues the role of the previous body.
                if continues && was_delegatee {
                    last_was_delegatee = true;
                    if !delegatees.contains(&b.name) {
                        delegatees.push(b.name.clone());
                    }
                } else if continues {
                    if let Some((_, r)) = bodies.last().cloned() {
                        push_role(&mut bodies, &b.name, r);
                    }
                }
            }
        }
        let seg = t.get(last..b.range.start).unwrap_or("");
        let sink = if text_to_delegate { &mut delegate_text } else { &mut own };
        sink.push_str(seg);
        sink.push(' ');
        last = b.range.end;
    }
    let tail = t.get(last..).unwrap_or("");
    if in_delegate {
        delegate_text.push_str(tail);
    } else {
        own.push_str(tail);
    }
    if subject.is_empty() && bodies.is_empty() && delegatees.is_empty() {
        return;
    }
    let own_l = own.to_lowercase();
    // A label alone ("2.") or narration of what was done ("UBND tỉnh đã
    // chỉ đạo …", a report's past tense) assigns nothing.
    let letters = own_l.chars().chain(delegate_text.chars()).filter(|c| c.is_alphabetic()).count();
    if letters < 4 {
        return;
    }
    let opening_l = own_l.trim_start();
    // The enacting formula ("Chính phủ ban hành Nghị quyết …", "UBND tỉnh
    // ban hành Kế hoạch … như sau:") introduces the document itself.
    let enacting = [
        "ban hành nghị quyết",
        "ban hành kế hoạch",
        "ban hành chỉ thị",
        "ban hành quyết định",
        "ban hành chương trình",
        "ban hành quy định",
    ]
    .iter()
    .any(|w| opening_l.starts_with(w))
        || own_l.trim_end().trim_end_matches([':', '.']).ends_with("như sau");
    if enacting && bodies.is_empty() && delegatees.is_empty() {
        return;
    }
    // "Sở Công Thương nhận được Văn bản số …": a letter's opening recounts
    // what reached the issuer.
    if opening_l.starts_with("đã ")
        || opening_l.starts_with("nhận được")
        || [
            "đã giao",
            "đã chỉ đạo",
            "đã yêu cầu",
            "đã ban hành",
            "đã tổ chức",
            "đã thực hiện",
            "đã phê duyệt",
            "đã cấp",
            "đã có",
            "đã được giao",
        ]
        .iter()
        .any(|w| own_l.contains(w))
    {
        return;
    }
    let mut all: Vec<(String, Role)> = Vec::new();
    if !subject.is_empty() {
        let opening = own_l.trim_start().trim_start_matches(['-', '+', ' ']);
        let mut roles = if opening.starts_with("phối hợp")
            || opening.starts_with("chủ động phối hợp")
            || opening.starts_with("tăng cường phối hợp")
            || opening.starts_with("thường xuyên phối hợp")
        {
            // A supporting task: the verbs that follow are done jointly.
            vec![Role::Support]
        } else if ["là đầu mối", "là cơ quan thường trực", "là cơ quan chủ trì", "làm đầu mối"]
            .iter()
            .any(|w| opening.starts_with(w))
        {
            let mut r = subject_roles(&own_l);
            r.retain(|x| *x != Role::Implement);
            if !r.contains(&Role::Lead) {
                r.insert(0, Role::Lead);
            }
            r
        } else {
            let mut r = subject_roles(&own_l);
            // "X có trách nhiệm phối hợp với Y tổ chức tuyên truyền": X
            // joins Y and carries the task out (a lead is named by "chủ
            // trì", an adviser by "tham mưu", read above).
            if r == [Role::Support] && joins_to_act(&own_l) {
                r.push(Role::Implement);
            }
            r
        };
        // "…; báo cáo Bộ Xây dựng": reporting is told by the receiver's
        // role, not by an implement role of the sender.
        // "…; định kỳ báo cáo Bộ Chính trị": a recurrence before the verb.
        let reporting = PERIODIC_OPENINGS
            .iter()
            .find_map(|p| opening.strip_prefix(p))
            .map(|r| r.trim_start_matches([',', ' ']))
            .unwrap_or(opening);
        let only_reports = ["báo cáo", "gửi", "phản ánh"].iter().any(|w| reporting.starts_with(w))
            && bodies.iter().any(|(_, r)| *r == Role::ReportTo);
        // "Sở Công Thương thông báo cho … được biết và thực hiện": the
        // notifier hands the task on even when the addressee's name is
        // not one the grammar reads.
        let notice = opening.starts_with("thông báo") && own_l.contains("biết và");
        if delegating || (!first || only_reports || notice) && roles == [Role::Implement] {
            // "UBND tỉnh yêu cầu các sở …": the requester does not
            // implement; "chỉ đạo X" keeps its direct role. A later
            // sentence with no role verb adds nothing.
            roles.retain(|r| *r != Role::Implement);
        }
        for s in &subject {
            for r in &roles {
                push_role(&mut all, s, *r);
            }
        }
    }
    if !delegatees.is_empty() {
        let roles = subject_roles(&delegate_text.to_lowercase());
        for d in &delegatees {
            for r in &roles {
                push_role(&mut all, d, *r);
            }
        }
    }
    for (n, r) in bodies {
        push_role(&mut all, &n, r);
    }
    if all.is_empty() {
        return;
    }
    let task_start = base + pred_start;
    out.push(Found {
        range: base..base + t.len(),
        bodies: all,
        task: task_start..base + t.len(),
        deadline_zone: zone,
    });
}

/// Openings of a heading that names whose duties follow, in the order
/// tried (longest first where one is the start of another), each with
/// whether it is a duty phrase, after which the heading is the list of its
/// subjects (`Nhiệm vụ, quyền hạn của …`), rather than an assignment or a
/// topic (`Giao …`, `Đối với …`).
const DUTY_HEADINGS: &[(&str, bool)] = &[
    ("giao cho ", false),
    ("giao ", false),
    ("trách nhiệm của ", true),
    ("đối với ", false),
    ("nhiệm vụ, quyền hạn của ", true),
    ("nhiệm vụ và quyền hạn của ", true),
    ("nhiệm vụ, quyền hạn và trách nhiệm của ", true),
    ("quyền hạn và trách nhiệm của ", true),
    ("nhiệm vụ của ", true),
];

/// Heading text after the label, with "Giao", "Trách nhiệm của" removed,
/// if it names bodies: returns the bodies and the byte offset (relative to
/// `t`) where inline content after a colon starts.
fn heading_subject(t: &str) -> Option<(Vec<String>, Option<usize>)> {
    let lower = t.to_lowercase();
    let mut skip = 0;
    let mut duty = false;
    for (p, lists) in DUTY_HEADINGS {
        if lower.starts_with(p) {
            skip = p.len();
            duty = *lists;
            break;
        }
    }
    let rest = t.get(skip..)?;
    let (head, inline) = match rest.find(':') {
        Some(i) => (&rest[..i], Some(skip + i + 1)),
        None => (rest, None),
    };
    if skip > 0 && lower[skip..].starts_with("các tổ chức") {
        // "Trách nhiệm của các tổ chức, doanh nghiệp hoạt động …": the
        // whole phrase names the addressees.
        return Some((vec![body::normalize_name(head.trim())], inline));
    }
    let mut found = body::find(head);
    // "Nhiệm vụ, quyền hạn của Trưởng đoàn, thành viên Đoàn kiểm tra":
    // after a duty phrase the heading is the list of its subjects, named
    // or defined by what they do.
    if duty {
        let listed = body::defined_list(head.trim_end().trim_end_matches(['.', ':']));
        let covered = |v: &[BodyMatch]| v.iter().map(|b| b.range.len()).sum::<usize>();
        if covered(&listed) > covered(&found) {
            found = listed;
        }
    }
    let first = found.first()?;
    if first.range.start > 2 {
        return None;
    }
    // The heading is the body list (nothing but separators besides).
    let covered: usize = found.iter().map(|b| b.range.len()).sum();
    let letters = head.trim().trim_end_matches(['.', ':']).len();
    let after_last = head.get(found.last().map(|b| b.range.end).unwrap_or(0)..).unwrap_or("").trim();
    // "Điều 2. Giao Sở A, Sở B thực hiện Kế hoạch.": a predicate after the
    // list makes the label's text a sentence, read as one below.
    let sentence = after_last.ends_with('.') && after_last.split_whitespace().count() >= 2;
    if sentence {
        return None;
    }
    if covered * 10 >= letters * 7 || after_last.is_empty() {
        Some((found.into_iter().map(|b| b.name).collect(), inline))
    } else {
        None
    }
}

/// Field labels of plans: "Đơn vị chủ trì: …".
fn field_role(label: &str) -> Option<Role> {
    let l = label.to_lowercase();
    if l.contains("chủ trì") {
        Some(Role::Lead)
    } else if l.contains("phối hợp") {
        Some(Role::Support)
    } else if l.contains("phụ trách") || l.contains("chỉ đạo") {
        Some(Role::Direct)
    } else if l.contains("thực hiện") {
        Some(Role::Implement)
    } else {
        None
    }
}

/// Reads "Đơn vị chủ trì: A; Đơn vị phối hợp: B, C." lines.
fn fields(t: &str, base: usize, task: Range<usize>, out: &mut Vec<Found>) -> bool {
    let mut bodies = Vec::new();
    let mut any = false;
    for part in t.split(['.', ';']) {
        let Some((label, value)) = part.split_once(':') else { continue };
        if label.split_whitespace().count() > 5 {
            continue;
        }
        let Some(role) = field_role(label) else { continue };
        any = true;
        for b in body::find(value) {
            push_role(&mut bodies, &b.name, role);
        }
    }
    if any && !bodies.is_empty() {
        out.push(Found {
            range: base..base + t.len(),
            bodies,
            task: task.clone(),
            deadline_zone: base..base,
        });
    }
    any
}

/// Column roles of a table header.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Col {
    Lead,
    Support,
    Time,
}

fn header_col(cell: &str) -> Option<Col> {
    let l = cell.to_lowercase();
    if l.contains("chủ trì") {
        Some(Col::Lead)
    } else if l.contains("phối hợp") {
        Some(Col::Support)
    } else if l.contains("thời gian") || l.contains("thời hạn") || l.contains("tiến độ") {
        Some(Col::Time)
    } else {
        None
    }
}

/// A column title for the lead body: "Cơ quan chủ trì", "Sở, ngành chủ
/// trì tham mưu", "Chủ trì"; a title, not a sentence.
fn is_lead_header(cell: &str) -> bool {
    let l = cell.trim().to_lowercase();
    let Some(at) = l.find("chủ trì") else { return false };
    let head = &l[..at];
    l.chars().count() < 50
        && !l.ends_with(['.', ';', ','])
        && (head.is_empty()
            || [
                "cơ quan",
                "đơn vị",
                "sở, ngành",
                "bộ, ngành",
                "bộ phận",
                "người",
                "cơ quan, đơn vị",
                "sở, ban, ngành",
                "phòng",
            ]
            .iter()
            .any(|h| head.trim_end().starts_with(h)))
}

/// Other column titles of task tables.
fn is_header_word(cell: &str) -> bool {
    let l = cell.trim().to_lowercase();
    l.chars().all(|c| c.is_ascii_digit() || "()|. ".contains(c))
        || [
            "tt",
            "stt",
            "nhiệm vụ",
            "tên nhiệm vụ",
            "nội dung",
            "nội dung công việc",
            "ghi chú",
            "sản phẩm",
            "kết quả",
            "kinh phí",
            "sản phẩm đầu ra",
            "nhiệm vụ, giải pháp",
        ]
        .contains(&l.as_str())
}

/// Whether a cell is made of body names only.
fn is_body_cell(cell: &str) -> Option<Vec<BodyMatch>> {
    let found = body::find(cell);
    if found.is_empty() {
        return None;
    }
    let covered: usize = found.iter().map(|b| b.range.len()).sum();
    let letters = cell.trim().len();
    (covered * 10 >= letters * 5).then_some(found)
}

/// Reads tables flattened one cell per line (or with "|" separators).
/// Returns the lines consumed.
fn tables(doc: &Doc, start_line: usize, end_line: usize, out: &mut Vec<Found>) -> Vec<bool> {
    let mut used = vec![false; doc.lines.len()];
    let mut i = start_line;
    while i < end_line {
        // A header: a short line with "chủ trì" and "phối hợp" within the
        // next lines (or on the same line, with "|").
        let line = doc.line(i);
        let cells: Vec<&str> =
            if line.contains('|') { line.split('|').map(str::trim).collect() } else { vec![line] };
        let is_head = cells.iter().any(|c| is_lead_header(c))
            && (line.contains('|')
                || (i + 1..(i + 4).min(end_line)).any(|k| header_col(doc.line(k)) == Some(Col::Support)));
        if !is_head {
            i += 1;
            continue;
        }
        let mut cols: Vec<Col> = Vec::new();
        let mut j = i;
        // Collect header cells (one per line, or split by "|").
        while j < end_line && j < i + 10 {
            let l = doc.line(j);
            if !l.is_empty() && header_col(l).is_none() && !is_header_word(l) && !l.contains('|') {
                break;
            }
            let cs: Vec<&str> = if l.contains('|') { l.split('|').map(str::trim).collect() } else { vec![l] };
            for c in cs {
                if let Some(col) = header_col(c) {
                    cols.push(col);
                }
            }
            j += 1;
            if l.contains('|') {
                break;
            }
        }
        if !cols.contains(&Col::Lead) {
            i += 1;
            continue;
        }
        for u in used.iter_mut().take(j).skip(i) {
            *u = true;
        }
        // Rows.
        let body_cols: Vec<Col> = cols.iter().copied().filter(|c| *c != Col::Time).collect();
        let mut row: Option<Found> = None;
        let mut body_idx = 0usize;
        let mut k = j;
        while k < end_line {
            let l = doc.line(k);
            let lr = doc.lines.get(k).map(|x| x.trimmed.clone()).unwrap_or(0..0);
            k += 1;
            if l.is_empty() || l.chars().all(|c| c.is_ascii_digit() || "()|. ".contains(c)) {
                if !l.is_empty() {
                    used[k - 1] = true;
                }
                continue;
            }
            // The table ends at an upper-case heading or the footer.
            if patterns::is_upper(l) && l.chars().count() > 12 || l.starts_with("Nơi nhận") {
                break;
            }
            used[k - 1] = true;
            let cells: Vec<(&str, usize)> = if l.contains('|') {
                let mut v = Vec::new();
                let mut off = lr.start;
                for c in l.split('|') {
                    v.push((c, off));
                    off += c.len() + 1;
                }
                v
            } else {
                vec![(l, lr.start)]
            };
            for (cell, off) in cells {
                let ct = cell.trim();
                if ct.is_empty() {
                    continue;
                }
                let lead = cell.len() - cell.trim_start().len();
                let abs = off + lead..off + lead + ct.len();
                let time_like = ct.chars().count() < 90
                    && (!super::deadline::find(ct, Default::default(), false).is_empty()
                        || ["thường xuyên", "hàng năm", "hằng năm", "định kỳ", "năm 20", "quý", "tháng"]
                            .iter()
                            .any(|w| ct.to_lowercase().starts_with(w)));
                if time_like && row.is_some() {
                    if let Some(r) = row.as_mut() {
                        r.deadline_zone = abs.clone();
                        r.range.end = abs.end;
                    }
                    continue;
                }
                if let (Some(found), Some(r)) = (is_body_cell(ct), row.as_mut()) {
                    let role = match body_cols.get(body_idx) {
                        Some(Col::Support) => Role::Support,
                        _ if body_idx > 0 => Role::Support,
                        _ => Role::Lead,
                    };
                    for b in found {
                        push_role(&mut r.bodies, &b.name, role);
                    }
                    r.range.end = abs.end;
                    body_idx += 1;
                    continue;
                }
                // A new task row.
                if let Some(r) = row.take() {
                    if !r.bodies.is_empty() {
                        out.push(r);
                    }
                }
                body_idx = 0;
                row = Some(Found {
                    range: abs.clone(),
                    bodies: Vec::new(),
                    task: abs.clone(),
                    deadline_zone: abs.start..abs.start,
                });
            }
        }
        if let Some(r) = row.take() {
            if !r.bodies.is_empty() {
                out.push(r);
            }
        }
        i = k;
    }
    used
}

/// A step of a procedure table alone on its line, as a table's first
/// cell comes out of a PDF: "Bước 3".
static STEP_CELL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Bước|BƯỚC)\s*[0-9]{1,2}\s*[:.]?$").unwrap_or_else(|e| panic!("STEP_CELL regex: {e}"))
});

/// A step's time cell, the last of its row: "1 giờ", "02 ngày", "0,5 ngày
/// làm việc".
static DURATION_CELL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[0-9]{1,3}(?:[,.][0-9]+)?\s*(?:giờ|ngày|phút)(?:\s+làm\s+việc)?\.?$")
        .unwrap_or_else(|e| panic!("DURATION_CELL regex: {e}"))
});

/// How the actor cell of a procedure step opens: a post or an office of
/// the one that handles the file ("Lãnh đạo phòng", "Công chức Sở trực tại
/// TTPVHCC", "Văn thư Sở", "Bộ phận trả kết quả …"), or a named body.
const STEP_ACTOR_HEADS: &[&str] = &[
    "lãnh đạo",
    "công chức",
    "chuyên viên",
    "cán bộ",
    "văn thư",
    "bộ phận",
    "người",
    "trưởng phòng",
    "phó trưởng phòng",
    "giám đốc",
    "phó giám đốc",
    "chủ tịch",
    "phó chủ tịch",
    "kế toán",
    "thủ trưởng",
    "tổ",
];

/// Words an actor cell holds at most: cells of content run longer.
const MAX_ACTOR_WORDS: usize = 12;

/// Lines above a procedure's first step where its header must name the
/// actor column.
const STEP_HEADER_WINDOW: usize = 12;

/// The actor named by one line of a step's actor cell, without its list
/// mark, end mark and trailing abbreviation in brackets ("Lãnh đạo phòng
/// chuyên môn (P.QLCN)").
fn step_actor(line: &str) -> Option<&str> {
    let t = line
        .trim()
        .trim_start_matches(['-', '+', '•'])
        .trim_start()
        .trim_end_matches([';', '.', ','])
        .trim_end();
    let t = match t.strip_suffix(')').and_then(|x| x.rfind(" (").map(|k| &t[..k])) {
        Some(head) => head.trim_end(),
        None => t,
    };
    let words = t.split_whitespace().count();
    if words == 0 || words > MAX_ACTOR_WORDS || t.ends_with(':') || !t.starts_with(char::is_uppercase) {
        return None;
    }
    let lower = t.to_lowercase();
    let head = STEP_ACTOR_HEADS.iter().any(|h| lower.starts_with(h) && lower[h.len()..].starts_with(' '));
    (head || body::find(t).first().is_some_and(|b| b.range.start == 0)).then_some(t)
}

/// Internal procedures for administrative files (quy trình nội bộ, one in
/// every province's set since Decree 61/2018) are tables of steps: "Bước
/// N | what is done | Đơn vị/cá nhân thực hiện | Thời gian". Out of a PDF
/// each cell is a line of its own, the step alone on its line and the time
/// last ("1 giờ"); the actor cell is the lines just above the time. When a
/// header above the steps names the actor column ("… thực hiện" of a
/// "đơn vị", "cá nhân", "người" or "bộ phận"), each step gives its actors
/// `implement`, with the row's content as their task (the content is read
/// as text besides: "trình lãnh đạo Sở" still reports). A row without its
/// time cell, or whose lines above the time name no post or body, gives
/// nothing: the columns may be in another order.
fn step_tables(doc: &Doc, start_line: usize, end_line: usize, used: &mut [bool], out: &mut Vec<Found>) {
    let end_line = end_line.min(doc.lines.len());
    let mut header_at: Option<usize> = None;
    let mut last_row_end: Option<usize> = None;
    let mut i = start_line;
    while i < end_line {
        let line = doc.line(i);
        let lower = line.to_lowercase();
        if lower.contains("thực hiện")
            && ["đơn vị", "cá nhân", "người", "bộ phận"].iter().any(|w| lower.contains(w))
            && line.split_whitespace().count() <= 8
        {
            header_at = Some(i);
        }
        // The table goes on while steps follow one another.
        let in_table = header_at.is_some_and(|h| i > h && i - h <= STEP_HEADER_WINDOW)
            || last_row_end.is_some_and(|e| i > e && i - e <= STEP_HEADER_WINDOW);
        if !(STEP_CELL.is_match(line) && in_table) {
            i += 1;
            continue;
        }
        // The row: to its time cell, before the next step.
        let mut d = i + 1;
        while d < end_line && !DURATION_CELL.is_match(doc.line(d)) && !STEP_CELL.is_match(doc.line(d)) {
            d += 1;
        }
        if d >= end_line || !DURATION_CELL.is_match(doc.line(d)) {
            i = d;
            continue;
        }
        last_row_end = Some(d);
        let mut actors: Vec<usize> = Vec::new();
        let mut k = d;
        while k > i + 1 {
            k -= 1;
            let cell = doc.line(k);
            if cell.is_empty() || (cell.starts_with('(') && cell.ends_with(')')) {
                continue;
            }
            if step_actor(cell).is_none() {
                break;
            }
            actors.push(k);
        }
        // The content cell stays: a row of actors alone is no step.
        let first_actor = actors.last().copied().unwrap_or(d);
        let content: Vec<usize> = (i + 1..first_actor).filter(|&c| !doc.line(c).is_empty()).collect();
        if !actors.is_empty() && !content.is_empty() {
            actors.reverse();
            let mut bodies: Vec<(String, Role)> = Vec::new();
            for a in &actors {
                if let Some(name) = step_actor(doc.line(*a)) {
                    push_role(&mut bodies, &body::normalize_name(name), Role::Implement);
                }
            }
            let (first, last) = (content[0], content[content.len() - 1]);
            let task = doc.lines[first].trimmed.start..doc.lines[last].trimmed.end;
            out.push(Found {
                range: doc.lines[i].trimmed.start..doc.lines[d].trimmed.end,
                bodies,
                task,
                deadline_zone: 0..0,
            });
            // The actor and time cells are read: no sentence of their own.
            for u in used.iter_mut().take(d + 1).skip(first_actor) {
                *u = true;
            }
        }
        i = d + 1;
    }
}

/// Whether a clause is nothing but a list of bodies ("Các sở, ban, ngành,
/// đoàn thể tỉnh;"): the words outside the bodies are list marks only.
fn only_bodies(clause: &str) -> bool {
    let t = clause.trim_start_matches(['-', '+', '•', '*', ' ']);
    let found = body::find(t);
    // The stretches before, between and after the bodies.
    let starts = found.iter().map(|b| b.range.start).chain([t.len()]);
    let ends = std::iter::once(0).chain(found.iter().map(|b| b.range.end));
    let marks_only =
        |gap: &str| gap.split_whitespace().all(|w| matches!(w.trim_matches([',', ';']), "" | "và"));
    !found.is_empty() && ends.zip(starts).all(|(a, b)| t.get(a..b).is_some_and(marks_only))
}

/// Subjects may be listed with ";" between them ("Các sở, ban, ngành, đoàn
/// thể tỉnh; UBND các huyện, thị xã, thành phố căn cứ chức năng, nhiệm vụ
/// …", "Thủ trưởng các sở, ban, ngành; Chủ tịch UBND các huyện chịu trách
/// nhiệm …"): a clause made of bodies only, ended by ";", is joined to the
/// clause after it, whose subject it opens.
fn join_listed_subjects(flat: &str, clauses: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(clauses.len());
    let mut pending: Option<Range<usize>> = None;
    for c in clauses {
        let ct = flat.get(c.clone()).unwrap_or("");
        let start = pending.take().map(|p| p.start).unwrap_or(c.start);
        if ct.trim_end().ends_with(';') && only_bodies(ct) {
            pending = Some(start..c.end);
            continue;
        }
        out.push(start..c.end);
    }
    out.extend(pending);
    out
}

/// Finds the assignments of the body text between lines `start_line` and
/// `end_line` (the footer, if any, is given as `skip`).
pub fn find(
    doc: &Doc,
    heads: &[Heading],
    start_line: usize,
    end_line: usize,
    skip: Range<usize>,
) -> Vec<Found> {
    let mut out = Vec::new();
    let mut used = tables(doc, start_line, end_line, &mut out);
    step_tables(doc, start_line, end_line, &mut used, &mut out);
    // Subject stack: (level, names).
    let mut stack: Vec<(u8, Vec<String>)> = Vec::new();
    let mut in_greeting = false;
    let mut section_title: Range<usize> = 0..0;
    for (bi, b) in doc.blocks.iter().enumerate() {
        // Past the document's time limit the record is a `timeout` one.
        if crate::limit::should_stop() {
            break;
        }
        if b.first_line < start_line || b.first_line >= end_line || skip.contains(&b.first_line) {
            continue;
        }
        if used.get(b.first_line).copied().unwrap_or(false) {
            continue;
        }
        let text = doc.block_text(b);
        if text.starts_with("Kính gửi") {
            in_greeting = true;
            continue;
        }
        if in_greeting {
            if matches!(b.marker, Marker::Bullet) {
                continue;
            }
            in_greeting = false;
        }
        // The legal bases and the proposal a decision answers ("Xét đề nghị
        // của …") introduce the document; they give no task.
        if ["Căn cứ", "Nơi nhận", "Xét đề nghị", "Xét tờ trình", "Theo đề nghị"]
            .iter()
            .any(|w| text.starts_with(w))
        {
            continue;
        }
        // An unlabelled line in capitals is the enacting authority ("GIÁM
        // ĐỐC SỞ CÔNG THƯƠNG", "ỦY BAN NHÂN DÂN TỈNH") or a heading: it
        // names the issuer, not an assignee.
        if matches!(b.marker, Marker::Plain) && patterns::is_upper(text) {
            continue;
        }
        let level = heads.get(bi).and_then(|h| h.level);
        let mut body_start = b.range.start;
        if let (Marker::Label(lab), Some(lv)) = (&b.marker, level) {
            stack.retain(|(l, _)| *l < lv);
            body_start = lab.body_start.min(b.range.end);
            let rest = doc.flat.get(body_start..b.range.end).unwrap_or("");
            section_title = body_start..b.range.end;
            if let Some((names, inline)) = heading_subject(rest) {
                stack.push((lv, names.clone()));
                match inline {
                    Some(off) => {
                        body_start += off;
                    }
                    None => continue,
                }
            }
        } else if matches!(b.marker, Marker::Bullet) {
            body_start =
                b.range.start + text.len() - text.trim_start_matches(['-', '+', '•', '*', '–', ' ']).len();
        }
        let inherited: Vec<String> = stack.last().map(|(_, n)| n.clone()).unwrap_or_default();
        let t = doc.flat.get(body_start..b.range.end).unwrap_or("");
        if fields(t, body_start, section_title.clone(), &mut out) {
            continue;
        }
        // The subject named by a sentence carries over its ";" clauses
        // ("Các huyện ủy … tổ chức quán triệt …; xây dựng chương trình …,
        // hoàn thành trước ngày 31/01/2025.").
        let closing = closing_sentence(t).and_then(|r| {
            let abs = body_start + r.start..body_start + r.end;
            let st = doc.flat.get(abs.clone())?;
            let bodies = closing_clause(st, &body::find(st))?;
            out.push(Found { range: abs.clone(), bodies, task: abs.clone(), deadline_zone: abs.clone() });
            Some(abs)
        });
        let mut subject = inherited.clone();
        let mut after_semicolon = false;
        let clauses = join_listed_subjects(&doc.flat, patterns::clauses(&doc.flat, body_start..b.range.end));
        for (ci, c) in clauses.into_iter().enumerate() {
            let ct = doc.flat.get(c.clone()).unwrap_or("");
            let ct_trim = ct.trim_start_matches(['-', '+', '•', ' ']);
            let off = c.start + (ct.len() - ct_trim.len());
            if closing.as_ref().is_some_and(|r| c.start < r.end && r.start < c.end) {
                continue;
            }
            let found = body::find_in_clause(ct_trim);
            let own = leading_subject(ct_trim, &found);
            if let Some((names, _)) = &own {
                subject = names.clone();
            } else if !after_semicolon {
                subject = inherited.clone();
            }
            // A new sentence without a role verb of its own adds nothing.
            let fresh = ci == 0 || own.is_some() || after_semicolon;
            clause(ct_trim, &found, off, &subject, &mut out, c.clone(), fresh);
            after_semicolon = ct.trim_end().ends_with(';');
        }
    }
    out.sort_by_key(|f| f.range.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(text: &str) -> Vec<Vec<(String, Role)>> {
        let doc = Doc::new(text);
        let heads: Vec<Heading> = doc
            .blocks
            .iter()
            .map(|b| Heading {
                level: match &b.marker {
                    Marker::Label(l) => Some(match l.kind {
                        super::super::patterns::LabelKind::Roman => 1,
                        super::super::patterns::LabelKind::Arabic => 2,
                        _ => 3,
                    }),
                    _ => None,
                },
            })
            .collect();
        find(&doc, &heads, 0, doc.lines.len(), 0..0).into_iter().map(|f| f.bodies).collect()
    }

    fn pairs(v: &[(&str, Role)]) -> Vec<(String, Role)> {
        v.iter().map(|(n, r)| (n.to_string(), *r)).collect()
    }

    #[test]
    fn heading_subject_and_verbs() {
        use Role::*;
        let got = roles(
            "2. Sở Xây dựng\nChủ trì, phối hợp với Công an tỉnh và các sở, ngành liên quan hướng dẫn triển khai.\nTổng hợp, tham mưu UBND tỉnh chỉ đạo xử lý; báo cáo Bộ Xây dựng.\n",
        );
        assert_eq!(
            got[0],
            pairs(&[("Sở Xây dựng", Lead), ("Công an tỉnh", Support), ("các sở, ngành liên quan", Support)])
        );
        assert_eq!(got[1], pairs(&[("Sở Xây dựng", Advise)]));
        assert_eq!(got[2], pairs(&[("Bộ Xây dựng", ReportTo)]));
    }

    #[test]
    fn sentence_subject_and_delegation() {
        use Role::*;
        let got = roles("Ủy ban nhân dân tỉnh yêu cầu các Sở, ban, ngành và Ủy ban nhân dân các xã, phường nghiêm túc triển khai thực hiện.");
        assert_eq!(
            got[0],
            pairs(&[("các Sở, ban, ngành", Implement), ("Ủy ban nhân dân các xã, phường", Implement)])
        );
    }

    #[test]
    fn a_submission_goes_to_the_body_that_decides() {
        use Role::*;
        let got = roles("Sở Kế hoạch và Đầu tư tiếp nhận hồ sơ, xem xét để trình Chủ tịch Ủy ban nhân dân tỉnh quyết định việc cấp ưu đãi.\n");
        assert_eq!(
            got[0],
            pairs(&[("Sở Kế hoạch và Đầu tư", Implement), ("Chủ tịch Ủy ban nhân dân tỉnh", ReportTo)])
        );
        // "tờ trình" is a document, not a submission to the body after it.
        let got = roles("Sở Tài chính tham mưu Ủy ban nhân dân tỉnh ban hành tờ trình.\n");
        assert!(got.iter().flatten().all(|(_, r)| *r != ReportTo), "{got:?}");
    }

    #[test]
    fn closing_clause_is_its_own_sentence() {
        use Role::*;
        let got = roles(
            "Điều 2. Giao Sở Tài chính chủ trì thẩm định dự toán.\nĐiều 3. Các ông (bà) Chánh Văn phòng UBND tỉnh, Giám đốc: Sở Tài chính, Sở Xây dựng; Chủ tịch UBND các huyện; Thủ trưởng các đơn vị thuộc Sở chịu trách nhiệm thi hành Quyết định này. Quyết định có hiệu lực kể từ ngày ký.\n- Lập báo cáo quyết toán.\n",
        );
        assert_eq!(got[0], pairs(&[("Sở Tài chính", Lead)]));
        assert_eq!(
            got[1],
            pairs(&[
                ("Chánh Văn phòng Ủy ban nhân dân tỉnh", Implement),
                ("Sở Tài chính", Implement),
                ("Sở Xây dựng", Implement),
                ("Chủ tịch Ủy ban nhân dân các huyện", Implement),
                ("Thủ trưởng các đơn vị thuộc Sở", Implement),
            ])
        );
        // The closing bodies are no subject of the bullet after it.
        assert_eq!(got.len(), 2, "{got:?}");
        // "… căn cứ Quyết định thi hành", as some provinces close.
        let got = roles(
            "Điều 3. Các ông (bà) Chánh Văn phòng UBND tỉnh, Chủ tịch UBND xã Chiềng Ken, Giám đốc Công ty TNHH Duy Cương và các cơ quan có liên quan căn cứ Quyết định thi hành./.\n",
        );
        assert_eq!(
            got.first().map(|g| g.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>()),
            Some(vec![
                "Chánh Văn phòng Ủy ban nhân dân tỉnh",
                "Chủ tịch Ủy ban nhân dân xã Chiềng Ken",
                "Giám đốc Công ty TNHH Duy Cương",
                "các cơ quan có liên quan"
            ])
        );
        assert!(got[0].iter().all(|(_, r)| *r == Implement));
        // The clause of effect is no closing clause.
        let got = roles("Điều 4. Quyết định này có hiệu lực thi hành kể từ ngày ký.\n");
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn notices_tell_their_addressees_to_act() {
        use Role::*;
        let got = roles("Sở Công Thương thông báo cho các đơn vị hoạt động xăng dầu trên địa bàn tỉnh được biết và triển khai thực hiện./.\n");
        assert_eq!(got, vec![pairs(&[("các đơn vị hoạt động xăng dầu trên địa bàn tỉnh", Implement)])]);
        // A firm's branch is read to its name's end, and acts.
        let got =
            roles("Sở Công Thương thông báo cho Chi nhánh Mỏ tuyển đồng Sin Quyền được biết và thực hiện.\n");
        assert_eq!(got, vec![pairs(&[("Chi nhánh Mỏ tuyển đồng Sin Quyền", Implement)])]);
        // An addressee the grammar cannot read leaves the notifier without
        // the task.
        let got = roles("Sở Công Thương thông báo cho ông Nguyễn Văn An được biết và thực hiện.\n");
        assert!(got.is_empty(), "{got:?}");
        // Without "biết và …" the notified body only receives.
        let got = roles("Kết quả kiểm tra được thông báo cho Ủy ban nhân dân tỉnh.\n");
        assert_eq!(got, vec![pairs(&[("Ủy ban nhân dân tỉnh", ReportTo)])]);
    }

    #[test]
    fn party_groups_lead_the_body_they_sit_in() {
        use Role::*;
        let got = roles(
            "Đảng đoàn Hội đồng nhân dân tỉnh lãnh đạo Hội đồng nhân dân tỉnh ban hành các cơ chế, chính sách.\n",
        );
        assert_eq!(
            got,
            vec![pairs(&[
                ("Đảng đoàn Hội đồng nhân dân tỉnh", Direct),
                ("Hội đồng nhân dân tỉnh", Implement)
            ])]
        );
        let got = roles(
            "Đảng đoàn Mặt trận Tổ quốc Việt Nam tỉnh, các tổ chức chính trị - xã hội tỉnh giám sát việc thực hiện Nghị quyết.\n",
        );
        assert_eq!(
            got,
            vec![pairs(&[
                ("Đảng đoàn Mặt trận Tổ quốc Việt Nam tỉnh", Supervise),
                ("các tổ chức chính trị - xã hội tỉnh", Supervise)
            ])]
        );
        // The leadership of a body is no directed object.
        let got = roles("Tăng cường sự lãnh đạo của Tỉnh ủy đối với công tác này.\n");
        assert!(got.iter().flatten().all(|(_, r)| *r != Implement), "{got:?}");
    }

    #[test]
    fn a_council_resolution_closes_with_its_supervisors() {
        use Role::*;
        let got = roles(
            "Giao Thường trực Hội đồng nhân dân, các Ban của Hội đồng nhân dân, các Tổ đại biểu và đại biểu Hội đồng nhân dân tỉnh giám sát việc thực hiện Nghị quyết.\n",
        );
        assert_eq!(
            got,
            vec![pairs(&[
                ("Thường trực Hội đồng nhân dân", Supervise),
                ("các Ban của Hội đồng nhân dân", Supervise),
                ("Tổ đại biểu", Supervise),
                ("đại biểu Hội đồng nhân dân tỉnh", Supervise),
            ])]
        );
    }

    #[test]
    fn subjects_listed_with_semicolons() {
        use Role::*;
        let got = roles(
            "Các sở, ban, ngành, đoàn thể tỉnh; UBND các huyện, thị xã, thành phố căn cứ chức năng, nhiệm vụ được giao, chủ động xây dựng kế hoạch thực hiện.\n",
        );
        assert_eq!(
            got,
            vec![pairs(&[
                ("Các sở, ban, ngành, đoàn thể tỉnh", Implement),
                ("Ủy ban nhân dân các huyện, thị xã, thành phố", Implement)
            ])]
        );
        // A clause with a predicate of its own keeps its own subject.
        let got = roles("Sở Y tế kiểm tra an toàn thực phẩm; Sở Công Thương quản lý thị trường.\n");
        assert_eq!(got, vec![pairs(&[("Sở Y tế", Supervise)]), pairs(&[("Sở Công Thương", Implement)])]);
    }

    #[test]
    fn filings_go_to_the_agency_that_receives_them() {
        use Role::*;
        let got = roles(
            "Người nhập khẩu hàng hóa nộp thuế nhập khẩu cho cơ quan hải quan nơi làm thủ tục nhập khẩu và chịu trách nhiệm về tính chính xác của số liệu.\n",
        );
        assert_eq!(got, vec![pairs(&[("cơ quan hải quan nơi làm thủ tục nhập khẩu", ReportTo)])]);
        let got = roles("Doanh nghiệp phải đăng ký sổ kế toán với cơ quan thuế địa phương.\n");
        assert_eq!(got, vec![pairs(&[("cơ quan thuế địa phương", ReportTo)])]);
        // The partner of a filing body is no receiver.
        let got = roles("Cơ quan thuế phối hợp với cơ quan hải quan kiểm tra việc kê khai.\n");
        assert!(got.iter().flatten().all(|(_, r)| *r != ReportTo), "{got:?}");
    }

    #[test]
    fn remit_qualifier_keeps_the_subject() {
        use Role::*;
        let got = roles("Các sở, ban, ngành theo chức năng, nhiệm vụ, lĩnh vực được giao chủ động tổ chức triển khai thực hiện; hướng dẫn, phối hợp Ủy ban nhân dân các xã.\n");
        assert_eq!(got[0], pairs(&[("Các sở, ban, ngành", Implement)]));
        let got = roles("Các ban của Tỉnh ủy và Văn phòng Tỉnh ủy theo chức năng, nhiệm vụ, theo dõi, tổng hợp tình hình.\n");
        assert_eq!(got[0], pairs(&[("Các ban của Tỉnh ủy", Supervise), ("Văn phòng Tỉnh ủy", Supervise)]));
        // A subject followed by "theo" without a remit is still no subject.
        let got = roles("Sở Y tế theo Kế hoạch số 12/KH-UBND.\n");
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn authority_line_and_receipt_assign_nothing() {
        let got = roles("GIÁM ĐỐC SỞ CÔNG THƯƠNG TỈNH YÊN BÁI\nSở Công Thương nhận được Văn bản số 12/BCH-TM của Bộ Chỉ huy Quân sự tỉnh.\n");
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn partner_joined_leads_its_task() {
        use Role::*;
        let got = roles("Sở Nội vụ phối hợp với Sở Tài chính tham mưu UBND tỉnh ban hành quy định.\n");
        assert_eq!(got[0], pairs(&[("Sở Nội vụ", Support), ("Sở Tài chính", Lead)]));
        // Near misses: the subject leads ("chủ trì, phối hợp với"), or the
        // partnership names a field, not a task ("trong công tác").
        let got = roles("Sở Y tế chủ trì, phối hợp với Sở Tài chính hướng dẫn thực hiện.\n");
        assert_eq!(got[0], pairs(&[("Sở Y tế", Lead), ("Sở Tài chính", Support)]));
        let got = roles("Sở Y tế phối hợp với Công an tỉnh trong công tác phòng chống dịch.\n");
        assert_eq!(got[0], pairs(&[("Sở Y tế", Support), ("Công an tỉnh", Support)]));
    }

    /// A procedure's step table as it comes out of a PDF, one cell a line
    /// (a procedure of our own, in the shape of Decree 61/2018's template).
    #[test]
    fn procedure_steps_give_their_actors() {
        let head = "QUY TRÌNH NỘI BỘ\nThứ tự các bước\nNội dung công việc\nĐơn vị/cá nhân thực hiện\nThời gian thực hiện\n";
        let text = format!(
            "{head}Bước 1\nTiếp nhận, kiểm tra hồ sơ của tổ chức, cá nhân\nCông chức Sở Tư pháp trực tại Trung tâm\n4 giờ\n\
             Bước 2\nVăn thư vào sổ, chuyển hồ sơ cho phòng chuyên môn xử lý theo quy định\nLãnh đạo phòng Hành chính tư pháp\n(P.HCTP)\n1 ngày\n\
             Bước 3\nXem xét, ký duyệt kết quả:\n- Trường hợp đủ điều kiện, ký văn bản.\n\n- Giám đốc Sở;\n- Phó Giám đốc Sở\n0,5 ngày làm việc\n\
             Bước 4\nTrả kết quả cho tổ chức, cá nhân\nCông chức trực tại Trung tâm\n"
        );
        assert_eq!(
            roles(&text),
            vec![
                pairs(&[("Công chức Sở Tư pháp trực tại Trung tâm", Role::Implement)]),
                pairs(&[("Lãnh đạo phòng Hành chính tư pháp", Role::Implement)]),
                pairs(&[("Giám đốc Sở", Role::Implement), ("Phó Giám đốc Sở", Role::Implement)]),
            ],
            "step 4 has no time cell: its columns are not read"
        );
        // Without a header naming the actor column, the steps' cells are
        // read as text only (what the sentence grammar finds there).
        let bare = text.replace("Đơn vị/cá nhân thực hiện\n", "");
        let named: Vec<String> = roles(&bare).concat().into_iter().map(|(n, _)| n).collect();
        for actor in
            ["Công chức Sở Tư pháp trực tại Trung tâm", "Lãnh đạo phòng Hành chính tư pháp", "Giám đốc Sở"]
        {
            assert!(!named.iter().any(|n| n == actor), "{actor} read without a header: {named:?}");
        }
        // A content cell is no actor, however it opens: a row whose lines
        // above the time are all content gives nothing.
        let long = format!("{head}Bước 1\nTiếp nhận hồ sơ\nVăn thư vào sổ, chuyển hồ sơ cho phòng chuyên môn xử lý theo quy định hiện hành\n4 giờ\n");
        assert!(roles(&long).is_empty(), "{:?}", roles(&long));
    }

    #[test]
    fn flattened_table() {
        use Role::*;
        let got = roles(
            "TT\nNhiệm vụ\nCơ quan chủ trì\nCơ quan phối hợp\nThời gian hoàn thành\nRà soát quy hoạch khoáng sản\nSở Nông nghiệp và Môi trường\nCác Sở, ban, ngành và các địa phương liên quan\nTrong năm 2026\n\nXây dựng cơ sở dữ liệu\nSở Khoa học và Công nghệ\nSở Tài chính\nQuý IV/2026\n",
        );
        assert_eq!(
            got[0],
            pairs(&[
                ("Sở Nông nghiệp và Môi trường", Lead),
                ("Các Sở, ban, ngành", Support),
                ("các địa phương liên quan", Support)
            ])
        );
        assert_eq!(got[1], pairs(&[("Sở Khoa học và Công nghệ", Lead), ("Sở Tài chính", Support)]));
    }

    #[test]
    fn pipe_table() {
        use Role::*;
        let got = roles(
            "STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành\n1 | Xây dựng đề án | Sở Nội vụ | Sở Tài chính, Sở Tư pháp | Quý III/2025\n",
        );
        assert_eq!(got[0], pairs(&[("Sở Nội vụ", Lead), ("Sở Tài chính", Support), ("Sở Tư pháp", Support)]));
    }

    #[test]
    fn labelled_fields() {
        use Role::*;
        let got = roles("Lãnh đạo phụ trách: Phó giám đốc Hoàng Văn Thuân.\nĐơn vị chủ trì: Phòng Quản lý Công nghiệp; Đơn vị phối hợp: Phòng Quản lý Năng lượng, Văn phòng Sở.\n");
        assert_eq!(got[0], pairs(&[("Phó giám đốc Hoàng Văn Thuân", Direct)]));
        assert_eq!(
            got[1],
            pairs(&[
                ("Phòng Quản lý Công nghiệp", Lead),
                ("Phòng Quản lý Năng lượng", Support),
                ("Văn phòng Sở", Support)
            ])
        );
    }
}
