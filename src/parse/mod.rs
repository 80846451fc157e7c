//! Stage 4: repaired text → the structured fields of the contract.
//!
//! Never fails: what cannot be parsed becomes a warning. Every item carries
//! a span into the text it was given and the page it starts on.
//!
//! The grammars live one per file and share the document model of
//! `patterns.rs`:
//!
//! | file | fields |
//! |---|---|
//! | `header.rs` | kind, number, issuer (+ superior), place, date, title, signer, recipients |
//! | `outline.rs` | sections (I., 1., 2.1., a), Điều, Chương, Mục, Phần) |
//! | `target.rs` + `quantity.rs` | targets and their quantities |
//! | `deadline.rs` | the temporal grammar |
//! | `body.rs` + `lexicon.rs` | names of bodies |
//! | `assignment.rs` | who does what, with roles |
//! | `reference.rs` + `symbol.rs` | cited documents; symbols OCR damaged |
//!
//! Internally everything works in byte offsets of one string (see
//! `patterns.rs`); offsets become character offsets here, once.

mod assignment;
mod body;
mod deadline;
mod header;
mod lexicon;
mod outline;
mod patterns;
mod quantity;
mod reference;
mod target;

/// Body names compared across records (`nghiquyet tasks --body`) go through
/// the same abbreviation expansion as the names the parser writes.
pub use body::normalize_name as normalize_body_name;

use crate::schema::{
    Assignment, BodyRole, Deadline, DeadlineKind, DocumentMeta, Reference, Section, Target, Warning,
    WarningCode,
};
use crate::text::{CharIndex, Text};
use patterns::Doc;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// Everything the parse stage found.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    /// Header fields.
    pub document: DocumentMeta,
    /// Outline.
    pub sections: Vec<Section>,
    /// Targets.
    pub targets: Vec<Target>,
    /// Deadlines.
    pub deadlines: Vec<Deadline>,
    /// Assignments.
    pub assignments: Vec<Assignment>,
    /// References.
    pub references: Vec<Reference>,
    /// Problems met.
    pub warnings: Vec<Warning>,
}

/// Longest task or deadline text kept (characters); clauses of plans can
/// run for a page.
const MAX_TASK_CHARS: usize = 400;

struct Out<'a> {
    text: &'a Text,
    index: CharIndex,
}

impl Out<'_> {
    fn span(&self, r: &Range<usize>) -> crate::schema::Span {
        crate::schema::Span::new(self.index.char_at(r.start), self.index.char_at(r.end))
    }
    fn page(&self, byte: usize) -> Option<u32> {
        self.text.page_of(self.index.char_at(byte))
    }
}

/// A text for the contract's `text` and `task` fields: white space
/// squeezed, cut after [`MAX_TASK_CHARS`] characters with "…". Squeezes
/// only as many words as the cut needs: a deadline's clause may be a whole
/// block, and squeezing all of it for each of its deadlines made a block
/// of many deadlines quadratic.
fn shorten(s: &str) -> String {
    let mut out = String::new();
    let mut chars = 0usize;
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
            chars += 1;
        }
        out.push_str(w);
        chars += w.chars().count();
        if chars > MAX_TASK_CHARS {
            let cut = out.char_indices().nth(MAX_TASK_CHARS).map_or(out.len(), |(i, _)| i);
            out.truncate(cut);
            out.push('…');
            return out;
        }
    }
    out
}

/// Infers the kind from the body when the header lacks it ("Nghị quyết
/// này có hiệu lực…", "triển khai Kế hoạch này").
fn kind_from_body(flat: &str) -> Option<String> {
    let mut best: Option<(usize, &str)> = None;
    for (_, title) in lexicon::KINDS {
        let needle = format!("{title} này");
        let n = flat.matches(&needle).count();
        if n > 0 && best.is_none_or(|(b, _)| n > b) {
            best = Some((n, title));
        }
    }
    best.map(|(_, t)| t.to_string())
}

/// The paragraphs of `text` as byte ranges, in order: wrapped lines joined
/// back exactly as the grammars join them (a line runs on when the one
/// before it does not end a sentence and either it starts in lower case or
/// the one before reaches the margin; list items and capitals headings
/// start anew). Blank lines belong to no paragraph. The `text` command
/// prints one paragraph per line with it, so what a clerk reads is what
/// the parser read.
pub fn paragraphs(text: &str) -> Vec<std::ops::Range<usize>> {
    Doc::new(text).blocks.into_iter().map(|b| b.range).collect()
}

/// Parses a document's text.
pub fn parse(text: &Text) -> Parsed {
    let src = text.as_str();
    let doc = Doc::new(src);
    let out = Out { text, index: CharIndex::new(src) };
    let mut parsed = Parsed::default();
    let head = header::read(&doc);
    let mut meta = head.meta.clone();
    if meta.kind.is_none() {
        meta.kind = kind_from_body(&doc.flat);
        if meta.kind.is_some() {
            parsed.warnings.push(Warning {
                code: WarningCode::KindInferred,
                page: None,
                message: "no kind heading; the kind was inferred from the body text".into(),
            });
        }
    }
    for (code, message) in &head.problems {
        parsed.warnings.push(Warning { code: *code, page: out.page(0), message: message.clone() });
    }
    let n_lines = doc.lines.len();
    let body_start = head.body_line.min(n_lines);
    let footer = match (head.footer_line, head.footer_end) {
        (Some(a), Some(b)) => a..b,
        _ => n_lines..n_lines,
    };
    let in_body = |line: usize| line >= body_start && !footer.contains(&line);

    // Outline.
    let outline = outline::read(&doc, &in_body);
    for s in &outline.sections {
        parsed.sections.push(Section {
            label: s.label.clone(),
            title: s.title.clone(),
            level: s.level,
            page: out.page(s.range.start),
            span: out.span(&s.range),
        });
    }

    // Deadlines.
    let year = meta.date.as_deref().and_then(|d| d.get(..4)).and_then(|y| y.parse().ok()).or(head.year);
    let title_l = meta.title.as_deref().unwrap_or("").to_lowercase();
    let multi_year =
        title_l.contains("giai đoạn") || title_l.contains("nhiệm kỳ") || title_l.contains("đến năm");
    let ctx = deadline::Context { year, multi_year };
    let mut deadlines: Vec<(Range<usize>, Deadline)> = Vec::new();
    for (bi, b) in doc.blocks.iter().enumerate() {
        // Past the document's time limit the record is a `timeout` one.
        if crate::limit::should_stop() {
            return parsed;
        }
        if !in_body(b.first_line) {
            continue;
        }
        let t = doc.block_text(b);
        if t.starts_with("Căn cứ") || t.starts_with("(Kèm theo") || t.starts_with("(Ban hành kèm theo")
        {
            continue;
        }
        let heading = outline.levels.get(bi).copied().flatten().is_some()
            && (patterns::is_upper(t) || t.chars().count() < 90);
        // The block's clauses, each with whether it narrates the past, made
        // once for all its deadlines, not once per deadline.
        let mut clauses: Option<Vec<(Range<usize>, bool)>> = None;
        for f in patterns::until_limit(deadline::find(t, ctx, heading).into_iter()) {
            let abs = b.range.start + f.range.start..b.range.start + f.range.end;
            // Narration of the past ("Trong năm 2025, tỉnh đã ban hành…",
            // "Tính đến hết năm 2025, có 178 giấy phép") dates facts, it
            // sets no limit.
            let narrating = |clause: &Range<usize>| {
                let clause_l = doc.flat.get(clause.clone()).unwrap_or("").to_lowercase();
                clause_l.contains(" đã ") || clause_l.contains("tính đến") || clause_l.contains("chưa có")
            };
            let clauses = clauses.get_or_insert_with(|| {
                patterns::clauses(&doc.flat, b.range.clone())
                    .into_iter()
                    .map(|c| (c.clone(), narrating(&c)))
                    .collect()
            });
            let (clause, narrates) = clauses
                .iter()
                .find(|(c, _)| c.start <= abs.start && abs.start < c.end)
                .cloned()
                .unwrap_or_else(|| (b.range.clone(), narrating(&b.range)));
            let words = doc.flat.get(abs.clone()).unwrap_or("").to_lowercase();
            let as_of = f.kind == DeadlineKind::During || words.starts_with("đến");
            if as_of && narrates {
                continue;
            }
            let task = doc.flat.get(clause).map(shorten);
            deadlines.push((
                abs.clone(),
                Deadline {
                    kind: f.kind,
                    date: f.date,
                    start: f.start,
                    recurrence: f.recurrence,
                    text: shorten(doc.flat.get(abs.clone()).unwrap_or("")),
                    task,
                    page: out.page(abs.start),
                    span: out.span(&abs),
                },
            ));
        }
    }

    if crate::limit::should_stop() {
        return parsed;
    }
    // Targets.
    let body_end = n_lines;
    for t in target::find(&doc, &outline.levels, body_start, footer.start.min(body_end)) {
        let ttext = doc.flat.get(t.range.clone()).unwrap_or("");
        let within = |r: &Range<usize>, zone: &Range<usize>| r.start >= zone.start && r.end <= zone.end;
        let deadline = deadlines
            .iter()
            .find(|(r, d)| within(r, &t.range) && d.kind != DeadlineKind::Recurring)
            .or_else(|| {
                // The section's horizon: "Các chỉ tiêu cụ thể đến năm 2030".
                let h = t.heading.clone()?;
                deadlines.iter().find(|(r, d)| within(r, &h) && d.kind != DeadlineKind::Recurring)
            })
            .map(|(_, d)| d.clone());
        parsed.targets.push(Target {
            label: t.label,
            group: t.group,
            text: shorten(ttext),
            quantities: t.quantities,
            deadline,
            page: out.page(t.range.start),
            span: out.span(&t.range),
        });
    }

    if crate::limit::should_stop() {
        return parsed;
    }
    // Assignments.
    let heads: Vec<assignment::Heading> =
        outline.levels.iter().map(|l| assignment::Heading { level: *l }).collect();
    for a in
        patterns::until_limit(assignment::find(&doc, &heads, body_start, n_lines, footer.clone()).into_iter())
    {
        let deadline = deadlines
            .iter()
            .find(|(r, _)| {
                (r.start >= a.range.start && r.end <= a.range.end)
                    || (r.start >= a.deadline_zone.start
                        && r.end <= a.deadline_zone.end
                        && !a.deadline_zone.is_empty())
            })
            .map(|(_, d)| d.clone());
        let task = shorten(doc.flat.get(a.task.clone()).unwrap_or(""));
        parsed.assignments.push(Assignment {
            bodies: a.bodies.into_iter().map(|(name, role)| BodyRole { name, role }).collect(),
            task,
            deadline,
            page: out.page(a.range.start),
            span: out.span(&a.range),
        });
    }
    // A limit that ends before the document was issued cannot be met: the
    // clerk must check its year (ISO dates compare as strings).
    if let Some(issued) = meta.date.as_deref() {
        for (r, d) in &deadlines {
            let ends = d.date.as_deref().filter(|_| d.kind == DeadlineKind::By);
            if let Some(end) = ends.filter(|e| *e < issued) {
                parsed.warnings.push(Warning {
                    code: WarningCode::DeadlineBeforeIssue,
                    page: out.page(r.start),
                    message: format!(
                        "the time limit {end} ({}) is earlier than the document's date {issued}",
                        d.text
                    ),
                });
            }
        }
    }
    year_conflicts(&deadlines, &out, &mut parsed.warnings);
    parsed.deadlines = deadlines.into_iter().map(|(_, d)| d).collect();

    if crate::limit::should_stop() {
        return parsed;
    }
    // References, once per number; later mentions fill a missing date or
    // issuer.
    let own = meta.number.clone();
    let mut refs: Vec<(reference::Found, usize)> = Vec::new();
    let zone_start = doc.lines.get(body_start.saturating_sub(0)).map(|l| l.range.start).unwrap_or(0);
    let title_start = doc.lines.get(head.body_line.saturating_sub(8)).map(|l| l.range.start).unwrap_or(0);
    let scan_from = title_start.min(zone_start);
    for f in patterns::until_limit(
        reference::find(doc.flat.get(scan_from..).unwrap_or(""), own.as_deref()).into_iter(),
    ) {
        let abs = scan_from + f.range.start..scan_from + f.range.end;
        let line = doc.lines.partition_point(|l| l.range.end < abs.start);
        if footer.contains(&line) {
            continue;
        }
        if let Some((prev, _)) = refs
            .iter_mut()
            .find(|(p, _)| p.number == f.number || reference::same_document(&p.number, &f.number))
        {
            if prev.date.is_none() {
                prev.date = f.date.clone();
            }
            if prev.issuer.is_none() {
                prev.issuer = f.issuer.clone();
            }
            if prev.kind.is_none() {
                prev.kind = f.kind.clone();
            }
            continue;
        }
        let mut f = f;
        f.range = abs;
        refs.push((f, 0));
    }
    for (f, _) in refs {
        parsed.references.push(Reference {
            kind: f.kind,
            number: Some(f.number),
            date: f.date,
            issuer: f.issuer,
            page: out.page(f.range.start),
            span: out.span(&f.range),
        });
    }
    if parsed.sections.is_empty() && n_lines > 20 {
        parsed.warnings.push(Warning {
            code: WarningCode::NoOutline,
            page: None,
            message: "no numbered headings found; sections are empty".into(),
        });
    }
    parsed.document = meta;
    parsed
}

/// Day and month that end quarters and years: a plan sets them year after
/// year ("31/12/2025 … 31/12/2026"), so a second year there is no slip.
const PERIOD_ENDS: &[(&str, &str)] = &[("03", "31"), ("06", "30"), ("09", "30"), ("12", "31")];

/// A day and month written with one year in one limit and the year before
/// or after in another (ANNOTATION.md's "a year that contradicts the same
/// date elsewhere") is most often a year carried over from an older plan:
/// warns at the later mention, naming both. Quarter and year ends recur by
/// design and are left alone.
fn year_conflicts(deadlines: &[(Range<usize>, Deadline)], out: &Out, warnings: &mut Vec<Warning>) {
    let written: Vec<(&Range<usize>, &Deadline, &str)> = deadlines
        .iter()
        .filter_map(|(r, d)| d.date.as_deref().map(|iso| (r, d, iso)))
        // The day written, not implied ("quý IV/2025" has none).
        .filter(|(_, d, iso)| crate::lang::date::full_dates(&d.text).iter().any(|w| w == iso))
        .filter(|(_, _, iso)| {
            !PERIOD_ENDS.iter().any(|(m, dd)| iso.get(5..7) == Some(m) && iso.get(8..10) == Some(dd))
        })
        .collect();
    // The first mention of each (day and month, year), so that each limit
    // looks up the two years next to its own instead of comparing itself
    // with every limit before it (quadratic: a block of 50,000 dated
    // limits spent half its time here).
    let mut first: BTreeMap<(&str, i32), usize> = BTreeMap::new();
    let mut warned: BTreeSet<(String, String)> = BTreeSet::new();
    for (k, (r, d, iso)) in written.iter().enumerate() {
        let (Some(day_month), Some(year)) = (iso.get(4..), iso.get(..4).and_then(|y| y.parse::<i32>().ok()))
        else {
            continue;
        };
        let mut earlier: Vec<usize> =
            [year - 1, year + 1].iter().filter_map(|y| first.get(&(day_month, *y)).copied()).collect();
        earlier.sort_unstable();
        for j in earlier {
            let (_, before, other) = written[j];
            let pair = if *iso < other {
                (iso.to_string(), other.to_string())
            } else {
                (other.to_string(), iso.to_string())
            };
            if warned.insert(pair) {
                warnings.push(Warning {
                    code: WarningCode::DeadlineYearConflict,
                    page: out.page(r.start),
                    message: format!(
                        "the time limit {iso} ({}) has the day and month of {other} ({}) written elsewhere with another year",
                        d.text, before.text
                    ),
                });
            }
        }
        first.entry((day_month, year)).or_insert(k);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "",
            "\n\n",
            "Số:",
            "(((",
            "1.",
            "I.\nII.\n(1)",
            "Nơi nhận:\n- \nKT.",
            "ngày 99/99/9999 quý V/2023",
            "é\u{301}\u{301}",
        ] {
            let p = parse(&Text::plain(s));
            assert!(p.sections.len() < 10, "{s}");
        }
    }
}
