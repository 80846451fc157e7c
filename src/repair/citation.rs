//! Document symbols and kind words put right in their citation.
//!
//! [`crate::lang::citation`] finds each cited symbol and reads it against
//! the templates its kind allows, with the issuer named around it and the
//! symbols cited intact elsewhere as evidence ("Chỉ thị số 13-CI7TW" →
//! "13-CT/TW", "Quyết định số 80QD-TT … của Thủ tướng" → "80/QĐ-TTg").
//! Where the reading differs from what is printed, this stage writes it
//! over the print and lists the change; the parse stage then cites what
//! the text says. It runs on the text the word decoder and the rules
//! already repaired ("Nghị đình sô" is "Nghị định số" by then), as the
//! parse stage did when it made these fixes itself.
//!
//! Whitespace never changes: a reading that runs over spaces OCR put in
//! a symbol ("1969 Q-FTg") is cut at the same places ("1969 /QĐ-TTg"),
//! which the symbol grammar reads through.

use super::change::Change;
use crate::lang::citation::{as_written, read_all, repair_symbol, type_code};
use crate::lang::codes::{code_of_kind, kind_of_code, KINDS};
use crate::schema::RepairReason;

/// Lines at the top of a document where its own number ("Số: 09/CT-UBND")
/// and its kind heading ("CHỈ THỊ") stand; the parse stage reads its header
/// from the same 40 lines (`parse/header.rs`).
const HEADER_LINES: usize = 40;

/// Confidence given to a symbol read against its citation: the reader
/// declines when two readings fit about as well (`lang::symbol::MARGIN`),
/// so what it returns is as sure as the rules' symbol readings (0.9 in
/// [`super::rules`]).
pub const SYMBOL_CONFIDENCE: f64 = 0.9;

/// Confidence of a kind word put right before the symbol it cites
/// ("Thông từ số 02/2023/TT-BNNPTNT" → "Thông tư"): the symbol's type code
/// confirms it.
pub const KIND_CONFIDENCE: f64 = 0.85;

/// The changes that write each cited symbol, and each damaged kind word
/// before one, as they should be, in text order, none overlapping.
pub fn decide(text: &str) -> Vec<Change> {
    let mut out = Vec::new();
    for c in read_all(text, None) {
        if let Some(printed) = text.get(c.printed.clone()) {
            if as_written(printed) != c.number {
                let at = char_offset(text, c.printed.start);
                let (changes, result) = symbol_over(printed, at, &c.number);
                // Only where the result reads as the symbol: a standard
                // whose head OCR split ("QC VN 01:2019") would need a
                // space removed, which this stage never does.
                if as_written(&result) == c.number {
                    out.extend(changes);
                }
            }
        }
        if let Some((range, kind)) = c.damaged_kind {
            if let Some(seen) = text.get(range.clone()) {
                let at = char_offset(text, range.start);
                out.extend(respell(seen, at, kind, KIND_CONFIDENCE, RepairReason::Realword));
            }
        }
    }
    out.extend(own_number(text));
    out.sort_by_key(|c| (c.start, c.end));
    super::change::drop_overlapping(&mut out);
    out
}

/// The document's own number put right against its kind heading: a type
/// code OCR damaged ("Số: 09/C1-UBND" under "CHỈ THỊ" → "09/CT-UBND").
/// Only a code the genre does not use is read again, and only into the
/// code the heading names ([`repair_symbol`], one edit away): a number
/// whose code is real but differs from the heading's (a "Kế hoạch" filed
/// under a "CV" number) is the office's own and stays.
fn own_number(text: &str) -> Vec<Change> {
    let mut number: Option<(usize, &str)> = None;
    let mut kind: Option<&str> = None;
    let mut at = 0usize;
    for (i, line) in text.split_inclusive('\n').take(HEADER_LINES).enumerate() {
        let start = at;
        at += line.len();
        let t = line.trim();
        if number.is_none() {
            if let Some(tok) = number_token(line) {
                number = Some((start + tok.0, tok.1));
                continue;
            }
        }
        // The kind heading comes under the issuer and number (parse reads
        // it only past the first lines or after them).
        if kind.is_none() && (number.is_some() || i > 2) && is_upper(t) {
            kind = KINDS.iter().find_map(|(upper, title)| {
                let rest = t.strip_prefix(upper)?;
                (rest.is_empty() || rest.starts_with([' ', ':'])).then_some(*title)
            });
        }
    }
    let (Some((byte, printed)), Some(kind)) = (number, kind) else { return Vec::new() };
    let want = code_of_kind(kind);
    let code = type_code(printed);
    if want.is_none() || code.as_deref() == want || code.is_none_or(|c| kind_of_code(&c).is_some()) {
        return Vec::new();
    }
    let Some(fixed) = repair_symbol(printed, kind) else { return Vec::new() };
    let at = char_offset(text, byte);
    let (changes, result) = symbol_over(printed, at, &fixed);
    if result == fixed {
        changes
    } else {
        Vec::new()
    }
}

/// The changes that write symbol `want` over `printed` (at char `at`),
/// and what `printed` reads once they are made.
fn symbol_over(printed: &str, at: usize, want: &str) -> (Vec<Change>, String) {
    let changes = respell(printed, at, want, SYMBOL_CONFIDENCE, RepairReason::Symbol);
    let chars: Vec<char> = printed.chars().collect();
    let local: Vec<Change> =
        changes.iter().map(|c| Change { start: c.start - at, end: c.end - at, ..c.clone() }).collect();
    let result: String = apply_chars(&chars, local.iter()).into_iter().collect();
    (changes, result)
}

/// The number token of a "Số: …" line: its byte offset in the line and
/// the token, trailing punctuation cut.
fn number_token(line: &str) -> Option<(usize, &str)> {
    let lead = line.len() - line.trim_start().len();
    let rest = &line[lead..];
    let after_so = rest.strip_prefix("Số").or_else(|| rest.strip_prefix("SỐ"))?;
    let skip = after_so.len() - after_so.trim_start_matches([' ', '\t', ':']).len();
    let tok_start = lead + "Số".len() + skip;
    let tok = line.get(tok_start..)?.split_whitespace().next()?;
    let tok = tok.trim_end_matches([',', '.', ';']);
    tok.starts_with(|c: char| c.is_ascii_digit()).then_some((tok_start, tok))
}

/// Whether every letter of `s` is upper case (and it has some).
fn is_upper(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

/// The char offset of byte offset `byte` of `text`.
fn char_offset(text: &str, byte: usize) -> usize {
    text.get(..byte).map_or(0, |h| h.chars().count())
}

/// Changes that turn `printed` (starting at char `at`) into `want`, token
/// by token, keeping its whitespace where it is. Empty when a token would
/// vanish (that would leave doubled whitespace) or nothing differs.
fn respell(printed: &str, at: usize, want: &str, confidence: f64, reason: RepairReason) -> Vec<Change> {
    let src: Vec<char> = printed.chars().collect();
    let seen: Vec<char> = src.iter().copied().filter(|c| !c.is_whitespace()).collect();
    let target: Vec<char> = want.chars().filter(|c| !c.is_whitespace()).collect();
    let cuts = alignment_cuts(&seen, &target);
    // Tokens of `printed`: (char start in `src`, count of non-space chars
    // before it in `seen`, its length).
    let mut tokens: Vec<(usize, usize, usize)> = Vec::new();
    let mut k = 0;
    let mut i = 0;
    while i < src.len() {
        if src[i].is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        while i < src.len() && !src[i].is_whitespace() {
            i += 1;
        }
        tokens.push((start, k, i - start));
        k += i - start;
    }
    let mut out = Vec::new();
    for &(start, before, len) in &tokens {
        let (Some(&from), Some(&to)) = (cuts.get(before), cuts.get(before + len)) else { return Vec::new() };
        let piece = target.get(from..to).unwrap_or(&[]);
        if piece.is_empty() {
            return Vec::new();
        }
        let token = &src[start..start + len];
        let pre = token.iter().zip(piece).take_while(|(a, b)| a == b).count();
        let max_suf = token.len().min(piece.len()) - pre;
        let suf =
            token.iter().rev().zip(piece.iter().rev()).take(max_suf).take_while(|(a, b)| a == b).count();
        if pre == token.len() && pre == piece.len() {
            continue;
        }
        out.push(Change {
            start: at + start + pre,
            end: at + start + token.len() - suf,
            from: token[pre..token.len() - suf].iter().collect(),
            to: piece[pre..piece.len() - suf].iter().collect(),
            confidence,
            reason,
        });
    }
    out
}

/// For every prefix length `j` of `a`, the prefix length of `b` it lines
/// up with under the cheapest edit script (Levenshtein, unit costs); ties
/// put an inserted char after the cut, so a slash OCR lost goes with the
/// code it opens ("1969 /QĐ-TTg").
fn alignment_cuts(a: &[char], b: &[char]) -> Vec<usize> {
    let (n, m) = (a.len(), b.len());
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    if let Some(first) = d.first_mut() {
        for (j, cell) in first.iter_mut().enumerate() {
            *cell = j;
        }
    }
    for i in 1..=n {
        for j in 1..=m {
            let sub = d[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = sub.min(d[i - 1][j] + 1).min(d[i][j - 1] + 1);
        }
    }
    // Walk back; the cut of prefix i is the smallest j the path holds at i.
    let mut cuts = vec![0usize; n + 1];
    cuts[n] = m;
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        if i > 0 && j > 0 && d[i][j] == d[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]) {
            i -= 1;
            j -= 1;
        } else if j > 0 && d[i][j] == d[i][j - 1] + 1 {
            j -= 1;
        } else {
            i -= 1;
        }
        cuts[i] = j;
    }
    // What the first or last token lost or gained at its outer end is its
    // own.
    cuts[0] = 0;
    cuts[n] = m;
    cuts
}

/// Changes made on a text that `first` already changed, written as
/// changes of the original text together with `first`: `second`'s offsets
/// are those of the text after `first`. Where a change of `second`
/// touches one of `first`, the two become one change, so that the list
/// still undoes to the original exactly.
pub fn compose(original: &str, first: Vec<Change>, second: Vec<Change>) -> Vec<Change> {
    if second.is_empty() {
        return first;
    }
    let orig: Vec<char> = original.chars().collect();
    // Each change of `first` with its range in the changed text.
    let mut placed: Vec<(Change, usize, usize)> = Vec::with_capacity(first.len());
    let mut shift: isize = 0;
    for c in first {
        let t_start = (c.start as isize + shift) as usize;
        let t_end = t_start + c.to.chars().count();
        shift += c.to.chars().count() as isize - (c.end - c.start) as isize;
        placed.push((c, t_start, t_end));
    }
    // The changed text, for the parts of `first` a merged change keeps.
    let changed: Vec<char> = apply_chars(&orig, placed.iter().map(|(c, _, _)| c));
    // Original offset of a changed-text offset outside every change.
    let to_orig = |placed: &[(Change, usize, usize)], t: usize| -> usize {
        let mut shift: isize = 0;
        for (c, _, t_end) in placed {
            if *t_end <= t {
                shift += c.to.chars().count() as isize - (c.end - c.start) as isize;
            }
        }
        (t as isize - shift) as usize
    };
    let mut merged: Vec<Change> = Vec::new();
    let mut absorbed = vec![false; placed.len()];
    for c2 in second {
        let (a, b) = (c2.start, c2.end);
        let touching: Vec<usize> = (0..placed.len())
            .filter(|&k| {
                let (_, ts, te) = &placed[k];
                // Adjacent changes merge too: one token, one change.
                *ts <= b && a <= *te
            })
            .collect();
        let first_touch = touching.first().map(|&f| &placed[f]);
        let last_touch = touching.last().map(|&l| &placed[l]);
        let (lo, o_lo) = match first_touch {
            Some((c1, ts, _)) if *ts <= a => (*ts, c1.start),
            _ => (a, to_orig(&placed, a)),
        };
        let (hi, o_hi) = match last_touch {
            Some((c1, _, te)) if *te >= b => (*te, c1.end),
            _ => (b, to_orig(&placed, b)),
        };
        let mut confidence = c2.confidence;
        for &k in &touching {
            absorbed[k] = true;
            confidence = confidence.min(placed[k].0.confidence);
        }
        let mut to: String = changed.get(lo..a).unwrap_or(&[]).iter().collect();
        to.push_str(&c2.to);
        to.extend(changed.get(b..hi).unwrap_or(&[]));
        merged.push(Change {
            start: o_lo,
            end: o_hi,
            from: orig.get(o_lo..o_hi).unwrap_or(&[]).iter().collect(),
            to,
            confidence,
            reason: c2.reason,
        });
    }
    let mut out: Vec<Change> =
        placed.into_iter().zip(absorbed).filter(|(_, gone)| !gone).map(|((c, _, _), _)| c).collect();
    out.extend(merged);
    out.sort_by_key(|c| c.start);
    out
}

/// `chars` with `changes` (sorted, in its offsets) applied.
pub fn apply_chars<'a>(chars: &[char], changes: impl Iterator<Item = &'a Change>) -> Vec<char> {
    let mut out = Vec::with_capacity(chars.len());
    let mut at = 0;
    for c in changes {
        out.extend(chars.get(at..c.start).unwrap_or(&[]));
        out.extend(c.to.chars());
        at = c.end;
    }
    out.extend(chars.get(at..).unwrap_or(&[]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(s: &str, changes: &[Change]) -> String {
        let chars: Vec<char> = s.chars().collect();
        apply_chars(&chars, changes.iter()).into_iter().collect()
    }

    #[test]
    fn symbols_are_written_over_their_print() {
        let s = "thực hiện Chỉ thị số 13-CI7TW ngày 12/01/2017 của Ban Bí thư";
        assert_eq!(apply(s, &decide(s)), "thực hiện Chỉ thị số 13-CT/TW ngày 12/01/2017 của Ban Bí thư");
        let s = "theo Quyết định số 1969 Q-FTg ngày 5/3/2025";
        assert_eq!(apply(s, &decide(s)), "theo Quyết định số 1969 /QĐ-TTg ngày 5/3/2025");
        let s = "I. CĂN CỨ\nphê duyệt tại Quyết định số 80/QĐ-TT ngày 11/02/2023 của Thủ tướng Chính phủ.\n";
        assert_eq!(apply(s, &decide(s)), s.replace("QĐ-TT", "QĐ-TTg"), "{:?}", read_all(s, None));
        let clean = "Căn cứ Nghị quyết số 68/2022/QH15 ngày 10/11/2022 của Quốc hội;";
        assert!(decide(clean).is_empty());
    }

    #[test]
    fn own_number_follows_the_kind_heading() {
        let s = "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 09/C1-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
                 Lào Cai, ngày 10 tháng 6 năm 2025\nCHỈ THỊ\nVề đẩy mạnh giải ngân\n";
        assert_eq!(apply(s, &decide(s)), s.replace("09/C1-UBND", "09/CT-UBND"));
        // A real code other than the heading's is the office's own.
        let own = s.replace("09/C1-UBND", "09/KH-UBND");
        assert!(decide(&own).is_empty());
        // No kind heading: nothing to read it against.
        let bare = s.replace("CHỈ THỊ\n", "");
        assert!(decide(&bare).is_empty());
    }

    #[test]
    fn composed_changes_undo_to_the_original() {
        let orig = "ab cd ef gh";
        let ch = |start, end, from: &str, to: &str| Change {
            start,
            end,
            from: from.into(),
            to: to.into(),
            confidence: 0.9,
            reason: RepairReason::Nonword,
        };
        // "cd" → "CDX", then in the changed text "ab CDX ef gh" the
        // span "DX e" (4..8) → "Q".
        let first = vec![ch(3, 5, "cd", "CDX"), ch(9, 11, "gh", "G")];
        let mid = apply(orig, &first);
        assert_eq!(mid, "ab CDX ef G");
        let second = vec![ch(4, 8, "DX e", "Q")];
        let end = apply(&mid, &second);
        let all = compose(orig, first, second);
        assert_eq!(apply(orig, &all), end);
        for c in &all {
            let at: String = orig.chars().skip(c.start).take(c.end - c.start).collect();
            assert_eq!(at, c.from);
        }
    }
}
