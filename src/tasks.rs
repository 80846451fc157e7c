//! What is due across an archive: the assignments and deadlines of many
//! records, filtered by body and date, as a table, CSV or an iCalendar file.
//!
//! Reads the JSON Lines archive `nghiquyet batch` writes (one
//! [`Record`] per line). Owns only the selection and the three output
//! formats; it parses nothing itself: bodies, roles and dates are the
//! parse stage's, and an item links to its deadline the way the contract
//! does ([`Assignment::deadline`], whose span is also in
//! [`Record::deadlines`]).
//!
//! * Every assignment is an item, with or without a deadline. A deadline
//!   that no assignment carries (a target's, or a clause without a named
//!   body) is an item too, with no bodies: it is still something due.
//! * A body query matches when its words, folded (see [`body_key`]), occur
//!   in order and adjacent in one of the item's bodies: `ubnd` finds
//!   "Ủy ban nhân dân tỉnh" and "Uỷ ban nhân dân các huyện", `so tai chinh`
//!   finds "Sở Tài chính".
//! * Output is deterministic: items are sorted by due date (undated last),
//!   then source, page and position; the calendar's UIDs and stamps are
//!   derived from the documents, never from the clock.

use crate::schema::{Assignment, BodyRole, Deadline, DeadlineKind, Record, Recurrence, Role, Span};
use std::collections::HashMap;
use std::fmt;
use std::io::{BufRead, Write};

/// Why an archive could not be read or a query not understood.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A line of the archive is not a record.
    #[error("line {line}: not a nghiquyet record: {source}")]
    Record {
        /// 1-based line number.
        line: usize,
        /// What serde said.
        source: serde_json::Error,
    },
    /// Reading the archive failed.
    #[error("cannot read the archive: {0}")]
    Io(#[from] std::io::Error),
    /// A date argument that is neither `YYYY-MM-DD` nor `dd/mm/yyyy`.
    #[error("{0:?} is not a date (expected YYYY-MM-DD or dd/mm/yyyy)")]
    Date(String),
}

/// A calendar date (proleptic Gregorian), ordered chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// The date, if it exists (`2025-02-29` does not).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        (year >= 1 && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// Parses ISO `YYYY-MM-DD` (the contract's form) or `dd/mm/yyyy` (how a
    /// clerk writes it; `d/m/yyyy` too).
    pub fn parse(s: &str) -> Result<Date, Error> {
        let s = s.trim();
        let bad = || Error::Date(s.to_string());
        let nums = |sep: char| -> Option<Vec<u32>> {
            let parts: Vec<&str> = s.split(sep).collect();
            let ok = parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.len() <= 4);
            ok.then(|| parts.iter().map(|p| p.parse::<u32>().ok()).collect::<Option<Vec<u32>>>())?
        };
        let (y, m, d) = if let Some(v) = nums('-') {
            (v[0], v[1], v[2])
        } else if let Some(v) = nums('/') {
            (v[2], v[1], v[0])
        } else {
            return Err(bad());
        };
        let (Ok(y), Ok(m), Ok(d)) = (u16::try_from(y), u8::try_from(m), u8::try_from(d)) else {
            return Err(bad());
        };
        Date::new(y, m, d).ok_or_else(bad)
    }

    /// The day after, for the exclusive end of an all-day event.
    pub fn next_day(self) -> Date {
        if self.day < days_in_month(self.year, self.month) {
            Date { day: self.day + 1, ..self }
        } else if self.month < 12 {
            Date { month: self.month + 1, day: 1, ..self }
        } else {
            Date { year: self.year.saturating_add(1), month: 1, day: 1 }
        }
    }

    /// `YYYYMMDD`, the iCalendar DATE form.
    fn compact(self) -> String {
        format!("{:04}{:02}{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// As in the records: an ISO `YYYY-MM-DD` string.
impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Which items to keep.
#[derive(Debug, Clone, Default)]
pub struct Query {
    /// Keep items one of whose bodies matches this name (see [`body_key`]).
    pub body: Option<String>,
    /// Keep items due strictly before this date; undated items (recurring,
    /// or no deadline) are dropped when it is set.
    pub due_before: Option<Date>,
}

/// One thing due: an assignment (with its deadline, if any) or a deadline
/// no assignment carries, with where it was found. Serialized (for the
/// review page's `/api/tasks`) with the record's own field types.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Item {
    /// The input's path, as in [`Record::source`].
    pub source: String,
    /// SHA-256 of the input, when it could be read.
    pub sha256: Option<String>,
    /// Number and symbol of the document, e.g. "134/KH-UBND".
    pub document: Option<String>,
    /// Kind of document, e.g. "Kế hoạch".
    pub kind: Option<String>,
    /// Issuing body.
    pub issuer: Option<String>,
    /// Date of issue.
    pub issued: Option<Date>,
    /// 1-based page where the item starts; `None` for plain text.
    pub page: Option<u32>,
    /// Where the item is in the record's text.
    pub span: Span,
    /// The bodies named, each with its role (empty for a bare deadline).
    pub bodies: Vec<BodyRole>,
    /// The task clause, whitespace collapsed.
    pub task: String,
    /// The time limit.
    pub deadline: Option<Deadline>,
}

impl Item {
    /// The date the item is due by: the deadline's (end) date; `None` for
    /// recurring or undated items.
    pub fn due(&self) -> Option<Date> {
        self.deadline.as_ref()?.date.as_deref().and_then(|d| Date::parse(d).ok())
    }

    /// A stable identifier: the same document content and item give the
    /// same id in every run and on every machine, so a re-imported
    /// calendar updates its events instead of doubling them.
    pub fn uid(&self) -> String {
        let who = self.sha256.as_deref().unwrap_or(&self.source);
        let at = self.deadline.as_ref().map_or(self.span, |d| d.span);
        let key = format!(
            "{who}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
            self.span.start, self.span.end, at.start, at.end
        );
        format!("{}@nghiquyet", &crate::pipeline::sha256_hex(key.as_bytes())[..32])
    }

    fn when(&self) -> String {
        match (&self.deadline, self.due()) {
            (_, Some(d)) => d.to_string(),
            (Some(d), None) => d.recurrence.map_or("-", recurrence_name).to_string(),
            (None, None) => "-".to_string(),
        }
    }

    fn bodies_text(&self) -> String {
        let names: Vec<String> =
            self.bodies.iter().map(|b| format!("{} ({})", b.name, role_name(b.role))).collect();
        names.join("; ")
    }
}

/// The serde name of a role (`lead`, `support`, …), as in the records.
fn role_name(role: Role) -> &'static str {
    match role {
        Role::Lead => "lead",
        Role::Support => "support",
        Role::Direct => "direct",
        Role::Implement => "implement",
        Role::Advise => "advise",
        Role::Supervise => "supervise",
        Role::ReportTo => "report_to",
    }
}

fn recurrence_name(r: Recurrence) -> &'static str {
    match r {
        Recurrence::Weekly => "weekly",
        Recurrence::Monthly => "monthly",
        Recurrence::Quarterly => "quarterly",
        Recurrence::Semiannual => "semiannual",
        Recurrence::Yearly => "yearly",
    }
}

fn kind_name(k: DeadlineKind) -> &'static str {
    match k {
        DeadlineKind::By => "by",
        DeadlineKind::During => "during",
        DeadlineKind::Period => "period",
        DeadlineKind::Recurring => "recurring",
    }
}

/// The comparison form of a body name: abbreviations expanded the way the
/// parse stage expands them (`UBND` → "Ủy ban nhân dân", whatever the
/// case the user typed), normalized like every text the pipeline reads,
/// then lower-cased with every mark stripped, split into words. Stripping
/// all marks, not only the tone, is deliberate: a query typed without
/// diacritics and a name whose marks OCR damaged both still match.
pub fn body_key(name: &str) -> Vec<String> {
    let words: Vec<String> = crate::text::normalize_str(name)
        .split_whitespace()
        .map(|w| {
            // The parser expands upper-case abbreviations only; a query may
            // type them in any case.
            let upper = w.to_uppercase();
            let expanded = crate::parse::normalize_body_name(&upper);
            if expanded.split_whitespace().count() > 1 {
                expanded
            } else {
                w.to_string()
            }
        })
        .collect();
    crate::parse::normalize_body_name(&words.join(" "))
        .split(|c: char| !crate::lang::latin::is_alphabetic(c) && !c.is_ascii_digit())
        .filter(|w| !w.is_empty())
        .map(crate::lang::syllable::strip)
        .collect()
}

/// Whether `needle`'s words occur adjacent and in order in `hay`'s.
fn contains_words(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// Selects and orders items from records.
#[derive(Debug)]
pub struct Collector {
    query: Query,
    needle: Option<Vec<String>>,
    /// The latest record of each input path: a `--resume` after a change of
    /// configuration appends a newer record for an input that already has
    /// one, and the newer one is the one that counts.
    latest: HashMap<String, usize>,
    records: Vec<Vec<Item>>,
}

impl Collector {
    /// A collector for `query`.
    pub fn new(query: Query) -> Collector {
        let needle = query.body.as_deref().map(body_key);
        Collector { query, needle, latest: HashMap::new(), records: Vec::new() }
    }

    /// Adds a record's items (replacing an earlier record of the same path).
    pub fn add(&mut self, record: &Record) {
        let items = self.items_of(record);
        match self.latest.get(&record.source.path) {
            Some(&k) => self.records[k] = items,
            None => {
                self.latest.insert(record.source.path.clone(), self.records.len());
                self.records.push(items);
            }
        }
    }

    /// Reads a JSON Lines archive into the collector, line by line (blank
    /// lines are skipped).
    pub fn read(&mut self, archive: impl BufRead) -> Result<(), Error> {
        for (k, line) in archive.lines().enumerate() {
            let line = line?;
            if line.trim().is_empty() {
                continue;
            }
            let record: Record =
                serde_json::from_str(&line).map_err(|source| Error::Record { line: k + 1, source })?;
            self.add(&record);
        }
        Ok(())
    }

    /// The selected items, sorted by due date (undated last), then source,
    /// page and position.
    pub fn finish(self) -> Vec<Item> {
        let mut items: Vec<Item> = self.records.into_iter().flatten().collect();
        items.sort_by(|a, b| {
            (a.due().is_none(), a.due(), &a.source, a.page, a.span.start, a.span.end).cmp(&(
                b.due().is_none(),
                b.due(),
                &b.source,
                b.page,
                b.span.start,
                b.span.end,
            ))
        });
        items
    }

    fn items_of(&self, record: &Record) -> Vec<Item> {
        let meta = &record.document;
        let item = |bodies: Vec<BodyRole>, task: &str, deadline: Option<Deadline>, page, span| Item {
            source: record.source.path.clone(),
            sha256: record.source.sha256.clone(),
            document: meta.number.clone(),
            kind: meta.kind.clone(),
            issuer: meta.issuer.clone(),
            issued: meta.date.as_deref().and_then(|d| Date::parse(d).ok()),
            page,
            span,
            bodies,
            task: task.split_whitespace().collect::<Vec<_>>().join(" "),
            deadline,
        };
        let mut out: Vec<Item> = record
            .assignments
            .iter()
            .map(|a: &Assignment| item(a.bodies.clone(), &a.task, a.deadline.clone(), a.page, a.span))
            .collect();
        for d in &record.deadlines {
            let carried =
                record.assignments.iter().any(|a| a.deadline.as_ref().is_some_and(|x| x.span == d.span));
            if !carried {
                let task = d.task.as_deref().unwrap_or(&d.text);
                out.push(item(Vec::new(), task, Some(d.clone()), d.page, d.span));
            }
        }
        out.retain(|i| self.keeps(i));
        out
    }

    fn keeps(&self, item: &Item) -> bool {
        let body_ok = self
            .needle
            .as_ref()
            .is_none_or(|needle| item.bodies.iter().any(|b| contains_words(&body_key(&b.name), needle)));
        let date_ok = self.query.due_before.is_none_or(|limit| item.due().is_some_and(|d| d < limit));
        body_ok && date_ok
    }
}

/// The items of `archive` that `query` selects, in output order.
pub fn from_archive(archive: impl BufRead, query: Query) -> Result<Vec<Item>, Error> {
    let mut c = Collector::new(query);
    c.read(archive)?;
    Ok(c.finish())
}

/// Longest task shown in a table cell (characters); the CSV and the
/// calendar keep it whole. With [`TABLE_BODIES_CHARS`] this keeps a row of
/// the fixtures' archive within about 160 terminal columns.
pub const TABLE_TASK_CHARS: usize = 60;

/// Longest list of bodies shown in a table cell (characters).
pub const TABLE_BODIES_CHARS: usize = 50;

/// `s`, cut to `max` characters with an ellipsis when longer.
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() > max {
        let cut: String = s.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    } else {
        s.to_string()
    }
}

/// Writes an aligned plain-text table: due, bodies, task, document,
/// source, page.
pub fn write_table(out: &mut impl Write, items: &[Item]) -> std::io::Result<()> {
    let rows: Vec<[String; 6]> = items
        .iter()
        .map(|i| {
            let bodies = if i.bodies.is_empty() { "-".to_string() } else { i.bodies_text() };
            [
                i.when(),
                shorten(&bodies, TABLE_BODIES_CHARS),
                shorten(&i.task, TABLE_TASK_CHARS),
                i.document.clone().or_else(|| i.kind.clone()).unwrap_or_else(|| "-".into()),
                i.source.clone(),
                i.page.map_or("-".into(), |p| p.to_string()),
            ]
        })
        .collect();
    let header = ["due", "bodies", "task", "document", "source", "page"].map(String::from);
    let mut widths = header.clone().map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (k, (cell, w)) in row.iter().zip(widths).enumerate() {
            line.push_str(cell);
            if k + 1 < row.len() {
                line.extend(std::iter::repeat_n(' ', w - cell.chars().count() + 2));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// The UTF-8 byte order mark the CSV starts with. Spreadsheet programs a
/// clerk opens the file in (Excel, LibreOffice with default import) read a
/// CSV without it as the machine's legacy code page and show `Sá»Ÿ TÃ i
/// chÃ­nh` for `Sở Tài chính`; with it they read UTF-8. CSV readers in
/// Python (`encoding="utf-8-sig"`), pandas and R strip it.
pub const CSV_BOM: &str = "\u{feff}";

/// Writes RFC 4180 CSV (comma-separated, CRLF, quoted where needed) after a
/// [`CSV_BOM`], one row per item; bodies are `name (role)` joined by `; `.
pub fn write_csv(out: &mut impl Write, items: &[Item]) -> std::io::Result<()> {
    fn field(s: &str) -> String {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    }
    let header =
        "due,deadline_kind,recurrence,deadline_text,bodies,task,document,document_kind,issuer,source,page";
    write!(out, "{CSV_BOM}{header}\r\n")?;
    for i in items {
        let d = i.deadline.as_ref();
        let cells = [
            i.due().map(|d| d.to_string()).unwrap_or_default(),
            d.map(|d| kind_name(d.kind).to_string()).unwrap_or_default(),
            d.and_then(|d| d.recurrence).map(|r| recurrence_name(r).to_string()).unwrap_or_default(),
            d.map(|d| d.text.clone()).unwrap_or_default(),
            i.bodies_text(),
            i.task.clone(),
            i.document.clone().unwrap_or_default(),
            i.kind.clone().unwrap_or_default(),
            i.issuer.clone().unwrap_or_default(),
            i.source.clone(),
            i.page.map(|p| p.to_string()).unwrap_or_default(),
        ];
        let line: Vec<String> = cells.iter().map(|c| field(c)).collect();
        write!(out, "{}\r\n", line.join(","))?;
    }
    Ok(())
}

/// Longest iCalendar content line in octets, CRLF excluded (RFC 5545
/// §3.1: "Lines of text SHOULD NOT be longer than 75 octets").
const ICS_LINE_OCTETS: usize = 75;

/// Longest event title (characters): what a month view can show; the whole
/// task is in the description.
pub const ICS_SUMMARY_CHARS: usize = 80;

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn ics_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes one content line folded at [`ICS_LINE_OCTETS`] octets, never
/// inside a UTF-8 sequence (RFC 5545 §3.1).
fn ics_line(out: &mut impl Write, line: &str) -> std::io::Result<()> {
    let mut used = 0usize;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > ICS_LINE_OCTETS {
            out.write_all(b"\r\n ")?;
            used = 1;
        }
        let mut buf = [0u8; 4];
        out.write_all(c.encode_utf8(&mut buf).as_bytes())?;
        used += n;
    }
    out.write_all(b"\r\n")
}

/// Writes an iCalendar (RFC 5545) file a calendar program imports: one
/// all-day `VEVENT` on the due date of each dated item. Returns how many
/// items had no date (recurring or without a deadline) and were left out.
///
/// `DTSTAMP` is required and must be a UTC date-time; it is the document's
/// date of issue (else the due date) at midnight UTC, not the clock, so
/// the same archive always gives the same file.
pub fn write_ics(out: &mut impl Write, items: &[Item]) -> std::io::Result<usize> {
    for l in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//nghiquyet//tasks//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        ics_line(out, l)?;
    }
    let mut undated = 0usize;
    for i in items {
        let Some(due) = i.due() else {
            undated += 1;
            continue;
        };
        let stamp = i.issued.unwrap_or(due);
        let summary = match i.bodies.first() {
            Some(lead) => shorten(&format!("{}: {}", lead.name, i.task), ICS_SUMMARY_CHARS),
            None => shorten(&i.task, ICS_SUMMARY_CHARS),
        };
        let mut description = Vec::new();
        if let Some(d) = &i.deadline {
            description.push(format!("Thời hạn: {}", d.text));
            if let Some(start) = &d.start {
                description.push(format!("Từ: {start}"));
            }
        }
        if !i.bodies.is_empty() {
            description.push(format!("Cơ quan: {}", i.bodies_text()));
        }
        description.push(format!("Nhiệm vụ: {}", i.task));
        let mut from = i.document.clone().or_else(|| i.kind.clone()).unwrap_or_else(|| "-".into());
        if let Some(issuer) = &i.issuer {
            from = format!("{from} ({issuer})");
        }
        description.push(format!("Văn bản: {from}"));
        let page = i.page.map(|p| format!(", trang {p}")).unwrap_or_default();
        description.push(format!("Nguồn: {}{page}", i.source));
        let lines = [
            "BEGIN:VEVENT".to_string(),
            format!("UID:{}", i.uid()),
            format!("DTSTAMP:{}T000000Z", stamp.compact()),
            format!("DTSTART;VALUE=DATE:{}", due.compact()),
            format!("DTEND;VALUE=DATE:{}", due.next_day().compact()),
            format!("SUMMARY:{}", ics_text(&summary)),
            format!("DESCRIPTION:{}", ics_text(&description.join("\n"))),
            "TRANSP:TRANSPARENT".to_string(),
            "END:VEVENT".to_string(),
        ];
        for l in &lines {
            ics_line(out, l)?;
        }
    }
    ics_line(out, "END:VCALENDAR")?;
    Ok(undated)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{DocumentMeta, PipelineInfo, Source, TextLayer};

    fn deadline(date: Option<&str>, kind: DeadlineKind, at: usize) -> Deadline {
        Deadline {
            kind,
            date: date.map(String::from),
            start: None,
            recurrence: (kind == DeadlineKind::Recurring).then_some(Recurrence::Quarterly),
            text: "hoàn thành trước ngày 15/5/2025".into(),
            task: None,
            page: Some(2),
            span: Span::new(at, at + 10),
        }
    }

    fn record(path: &str, assignments: Vec<Assignment>, deadlines: Vec<Deadline>) -> Record {
        Record {
            schema_version: "1".into(),
            source: Source {
                path: path.into(),
                sha256: Some(crate::pipeline::sha256_hex(path.as_bytes())),
                bytes: Some(1),
                pages: Some(3),
                text_layer: TextLayer::Digital,
            },
            pipeline: PipelineInfo { version: "0".into(), config: "0".into() },
            document: DocumentMeta {
                number: Some("134/KH-UBND".into()),
                date: Some("2025-03-28".into()),
                ..Default::default()
            },
            sections: vec![],
            targets: vec![],
            deadlines,
            assignments,
            references: vec![],
            repairs: vec![],
            pages: vec![],
            warnings: vec![],
            text: String::new(),
            error: None,
        }
    }

    fn assignment(body: &str, task: &str, d: Option<Deadline>, at: usize) -> Assignment {
        Assignment {
            bodies: vec![BodyRole { name: body.into(), role: Role::Lead }],
            task: task.into(),
            deadline: d,
            page: Some(2),
            span: Span::new(at, at + 100),
        }
    }

    #[test]
    fn dates_parse_both_forms_and_reject_impossible_ones() {
        assert_eq!(Date::parse("2025-05-15").unwrap(), Date::new(2025, 5, 15).unwrap());
        assert_eq!(Date::parse("15/5/2025").unwrap(), Date::new(2025, 5, 15).unwrap());
        assert_eq!(Date::parse("29/02/2024").unwrap().to_string(), "2024-02-29");
        for bad in ["2025-02-29", "31/4/2025", "2025-13-01", "15.5.2025", "", "2025-5", "99999-1-1"] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(Date::parse("2024-12-31").unwrap().next_day().to_string(), "2025-01-01");
        assert_eq!(Date::parse("2024-02-28").unwrap().next_day().to_string(), "2024-02-29");
        assert_eq!(Date::parse("2025-02-28").unwrap().next_day().to_string(), "2025-03-01");
    }

    #[test]
    fn body_keys_fold_case_marks_tone_style_and_abbreviations() {
        let full = body_key("Ủy ban nhân dân tỉnh");
        assert_eq!(full, ["uy", "ban", "nhan", "dan", "tinh"]);
        for same in ["UBND tỉnh", "ubnd tinh", "Uỷ ban nhân dân tỉnh", "UỶ BAN NHÂN DÂN TỈNH", "Ubnd Tỉnh"]
        {
            assert_eq!(body_key(same), full, "{same}");
        }
        assert_eq!(body_key("hđnd"), body_key("Hội đồng nhân dân"));
        assert_eq!(body_key("Sở Tài chính,"), ["so", "tai", "chinh"]);
    }

    #[test]
    fn body_query_matches_whole_adjacent_words_only() {
        let hay = body_key("Ủy ban nhân dân các huyện, thành phố");
        assert!(contains_words(&hay, &body_key("UBND")));
        assert!(contains_words(&hay, &body_key("các huyện")));
        assert!(!contains_words(&hay, &body_key("huyen cac")));
        assert!(contains_words(&hay, &body_key("huyện")));
        assert!(!contains_words(&hay, &body_key("huy")), "a part of a word is not a word");
        assert!(!contains_words(&body_key("Sở Tài chính"), &body_key("Sở Tư pháp")));
        assert!(!contains_words(&body_key("Sở Tài chính"), &body_key("tai chinh tinh")));
        assert!(!contains_words(&hay, &[]));
    }

    #[test]
    fn items_link_deadlines_filter_and_sort() {
        let d1 = deadline(Some("2025-05-15"), DeadlineKind::By, 500);
        let d2 = deadline(Some("2025-04-30"), DeadlineKind::By, 900);
        let free = deadline(Some("2025-12-31"), DeadlineKind::During, 50);
        let rec = deadline(None, DeadlineKind::Recurring, 1500);
        let r = record(
            "a.pdf",
            vec![
                assignment("Sở Nông nghiệp và Môi trường", "rà soát bản đồ", Some(d1.clone()), 450),
                assignment("Ủy ban nhân dân các huyện", "kiện toàn\n Ban Chỉ huy", Some(d2.clone()), 850),
                assignment("Công an tỉnh", "điều tra", None, 1200),
                assignment("Sở Tài chính", "báo cáo", Some(rec.clone()), 1450),
            ],
            vec![free.clone(), d1, d2, rec],
        );
        let all = {
            let mut c = Collector::new(Query::default());
            c.add(&r);
            c.finish()
        };
        // Four assignments plus the one deadline no assignment carries.
        assert_eq!(all.len(), 5);
        let dues: Vec<String> = all.iter().map(Item::when).collect();
        assert_eq!(dues, ["2025-04-30", "2025-05-15", "2025-12-31", "-", "quarterly"]);
        assert_eq!(all[0].task, "kiện toàn Ban Chỉ huy");
        assert!(all[2].bodies.is_empty());

        let pick = |q: Query| {
            let mut c = Collector::new(q);
            c.add(&r);
            c.finish().into_iter().map(|i| i.task).collect::<Vec<_>>()
        };
        assert_eq!(
            pick(Query { body: Some("ubnd".into()), ..Default::default() }),
            ["kiện toàn Ban Chỉ huy"]
        );
        let before = Some(Date::parse("15/05/2025").unwrap());
        assert_eq!(pick(Query { due_before: before, ..Default::default() }), ["kiện toàn Ban Chỉ huy"]);
        let none = Query { body: Some("so nong nghiep".into()), due_before: before };
        assert!(pick(none).is_empty());
    }

    #[test]
    fn a_later_record_of_the_same_input_replaces_the_earlier() {
        let d = deadline(Some("2025-05-15"), DeadlineKind::By, 500);
        let old =
            record("a.pdf", vec![assignment("Công an tỉnh", "cũ", Some(d.clone()), 450)], vec![d.clone()]);
        let new = record("a.pdf", vec![assignment("Công an tỉnh", "mới", Some(d.clone()), 450)], vec![d]);
        let mut c = Collector::new(Query::default());
        c.add(&old);
        c.add(&new);
        let items = c.finish();
        assert_eq!(items.iter().map(|i| i.task.as_str()).collect::<Vec<_>>(), ["mới"]);
    }

    #[test]
    fn archive_errors_name_the_line() {
        let err = from_archive("\n{\"schema_version\": \"1\"}\n".as_bytes(), Query::default()).unwrap_err();
        assert!(matches!(err, Error::Record { line: 2, .. }), "{err}");
    }

    #[test]
    fn csv_quotes_and_uses_crlf() {
        let d = deadline(Some("2025-05-15"), DeadlineKind::By, 500);
        let r = record(
            "a, \"b\".pdf",
            vec![assignment("Sở Tài chính", "rà soát, báo cáo", Some(d.clone()), 450)],
            vec![d],
        );
        let mut c = Collector::new(Query::default());
        c.add(&r);
        let mut out = Vec::new();
        write_csv(&mut out, &c.finish()).unwrap();
        let s = String::from_utf8(out).unwrap();
        let s = s.strip_prefix(CSV_BOM).expect("the CSV starts with a BOM for spreadsheets");
        let rows: Vec<&str> = s.split("\r\n").collect();
        assert_eq!(rows.len(), 3, "{s:?}");
        assert!(rows[0].starts_with("due,"), "{}", rows[0]);
        assert_eq!(rows[2], "");
        assert!(rows[1].starts_with(
            "2025-05-15,by,,hoàn thành trước ngày 15/5/2025,Sở Tài chính (lead),\"rà soát, báo cáo\","
        ));
        assert!(rows[1].ends_with(",\"a, \"\"b\"\".pdf\",2"), "{}", rows[1]);
    }

    #[test]
    fn ics_is_folded_escaped_crlf_and_deterministic() {
        let d = deadline(Some("2025-12-31"), DeadlineKind::By, 500);
        let long = "tổ chức tập huấn nghiệp vụ phòng cháy, chữa cháy rừng cho lực lượng bảo vệ rừng chuyên trách; báo cáo";
        let r = record(
            "a.pdf",
            vec![
                assignment("Sở Nông nghiệp và Môi trường", long, Some(d.clone()), 450),
                assignment("Công an tỉnh", "điều tra", Some(deadline(None, DeadlineKind::Recurring, 9)), 1),
            ],
            vec![d],
        );
        let items = from_archive(serde_json::to_string(&r).unwrap().as_bytes(), Query::default()).unwrap();
        let mut out = Vec::new();
        let undated = write_ics(&mut out, &items).unwrap();
        assert_eq!(undated, 1);
        let s = String::from_utf8(out.clone()).unwrap();
        assert!(s.ends_with("END:VCALENDAR\r\n"));
        assert!(!s.replace("\r\n", "").contains('\n'), "bare LF");
        for line in s.split("\r\n") {
            assert!(line.len() <= ICS_LINE_OCTETS, "{line:?} is {} octets", line.len());
        }
        let unfolded = s.replace("\r\n ", "");
        assert!(unfolded.contains("DTSTART;VALUE=DATE:20251231\r\nDTEND;VALUE=DATE:20260101\r\n"));
        assert!(unfolded.contains("DTSTAMP:20250328T000000Z\r\n"));
        let summary = shorten(&format!("Sở Nông nghiệp và Môi trường: {long}"), ICS_SUMMARY_CHARS);
        assert!(summary.ends_with('…') && summary.chars().count() == ICS_SUMMARY_CHARS);
        assert!(unfolded.contains(&format!("SUMMARY:{}\r\n", ics_text(&summary))));
        assert!(unfolded.contains(&format!("Nhiệm vụ: {}", ics_text(long))));
        assert!(unfolded.contains("phòng cháy\\, chữa cháy"));
        assert!(unfolded.contains("chuyên trách\\; báo cáo"));
        assert!(unfolded.contains("\\nNguồn: a.pdf\\, trang 2\r\n"));
        assert_eq!(unfolded.matches("BEGIN:VEVENT").count(), 1);
        let uid = items[0].uid();
        assert!(uid.ends_with("@nghiquyet") && uid.len() == 42);
        assert_ne!(uid, items[1].uid());
        let mut again = Vec::new();
        write_ics(&mut again, &items).unwrap();
        assert_eq!(out, again);
    }

    #[test]
    fn table_aligns_and_truncates_long_tasks() {
        let d = deadline(Some("2025-05-15"), DeadlineKind::By, 500);
        let long = "x".repeat(TABLE_TASK_CHARS + 20);
        let r = record("a.pdf", vec![assignment("Công an tỉnh", &long, Some(d.clone()), 450)], vec![d]);
        let items = {
            let mut c = Collector::new(Query::default());
            c.add(&r);
            c.finish()
        };
        let mut out = Vec::new();
        write_table(&mut out, &items).unwrap();
        let s = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines.len(), 2);
        let col = |l: &str, word: &str| l.find(word).map(|b| l[..b].chars().count());
        assert_eq!(col(lines[0], "document"), col(lines[1], "134/KH-UBND"));
        assert!(lines[1].contains(&format!("{}…", "x".repeat(TABLE_TASK_CHARS - 1))));
        assert!(lines[1].starts_with("2025-05-15  Công an tỉnh (lead)  "));
        assert!(lines[1].ends_with("  a.pdf   2"), "{}", lines[1]);
    }
}
