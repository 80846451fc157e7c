//! Runtime rules that undo the legacy-engine shapes a syllable-level
//! corrector cannot see ([`super::shapes`] generates them for training):
//! the legacy signatures and their undoings, the `)` glued to a `Ị`
//! ([`glued_paren`]), and `I`/`1` read as `Ỉ` in acronyms and numbers
//! ([`fix_caps_i`]).

use super::change::Change;
use super::syllable::{is_valid, strip};

/// Legacy shapes as (ocr, truth), lowercase, for [`legacy_signature`].
const UNDO: &[(&str, &str)] = &[
    ("rứi", "nh"),
    ("iứi", "nh"),
    ("ũứi", "inh"),
    ("m", "in"),
    ("m", "ni"),
    ("m", "nh"),
    ("ừ", "tr"),
    ("li", "h"),
    ("ii", "n"),
    ("ị", "p"),
    ("ni", "rư"),
];

fn undo_once(lo: &str, out: &mut Vec<String>) {
    for &(ocr, truth) in UNDO {
        for (i, _) in lo.match_indices(ocr) {
            let mut buf = String::with_capacity(lo.len() + 4);
            buf.push_str(&lo[..i]);
            buf.push_str(truth);
            buf.push_str(&lo[i + ocr.len()..]);
            out.push(buf);
        }
    }
}

fn syllable_like(s: &str) -> bool {
    is_valid(s) || is_valid(&strip(s))
}

/// The spellings the lowercase token `lo` becomes when one or two legacy
/// shapes are undone and that are syllables (on their bare letters:
/// `tmh` → `tinh`, `doaiili` → `doanh`), at most 16. Empty for valid
/// syllables, which are never explained away as shapes; a token valid
/// only on its bare letters (`hợị`) is no syllable and may be a shape.
pub fn legacy_undos(lo: &str) -> Vec<String> {
    let mut found = Vec::new();
    if is_valid(lo) || lo.chars().count() > 12 {
        return found;
    }
    let mut first = Vec::new();
    undo_once(lo, &mut first);
    let mut second = Vec::new();
    for f in &first {
        if syllable_like(f) {
            found.push(f.clone());
        } else {
            undo_once(f, &mut second);
        }
    }
    found.extend(second.into_iter().filter(|s| syllable_like(s)));
    found.sort();
    found.dedup();
    found.truncate(16);
    found
}

/// Whether the lowercase token `lo` is no syllable but becomes one when
/// one or two legacy shapes are undone (`tmh`, `ừong`, `sirứi`, `nghiệị`,
/// `doaiili`). Such a token is OCR damage, not a rare or foreign word: no
/// Vietnamese or loan spelling has `ứi` after a consonant or `mh`.
pub fn legacy_signature(lo: &str) -> bool {
    !legacy_undos(lo).is_empty()
}

/// The char length of a glued `)` to swallow after a repaired core that
/// ended in `Ị`/`ị` (`nghiệỊ)` → `nghiệp`): `trail` is the token's trailing
/// punctuation, `before` the text of the line up to the token, `after` the
/// text after the token up to the paragraph's end. The `)` stays when it
/// closes a `(` opened before it on the line that nothing after it closes
/// (`(doanh nghiệỊ)` may be `(doanh nghiệp)` read with its own `)`).
pub fn glued_paren(core: &str, trail: &str, before: &str, after: &str) -> usize {
    if !core.ends_with(['Ị', 'ị']) || !trail.starts_with(')') {
        return 0;
    }
    let mut open = 0usize;
    for c in before.chars() {
        match c {
            '(' => open += 1,
            ')' => open = open.saturating_sub(1),
            _ => {}
        }
    }
    let closing = trail.chars().take_while(|&c| c == ')').count();
    // Closers further on take care of that many open parentheses.
    let (mut depth, mut later) = (0usize, 0usize);
    for c in after.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            ')' => later += 1,
            _ => {}
        }
    }
    let needed = open.saturating_sub(later);
    usize::from(closing > needed)
}

/// Extra cost (log10) of keeping a token the language model does not know
/// when it bears a [`legacy_signature`]: such a spelling is damage, not
/// one of the rare words `<unk>` stands for. 1.5 was set on
/// legacy-damaged `corpus/train-ocr` truths; Tesseract output has no such
/// tokens, so its figures do not move.
pub const SIGNATURE_PENALTY: f32 = 1.5;

/// [`SIGNATURE_PENALTY`] if the lowercase token `lo` bears a legacy
/// signature, else 0.
pub fn keep_penalty(lo: &str) -> f32 {
    if legacy_signature(lo) {
        SIGNATURE_PENALTY
    } else {
        0.0
    }
}

/// [`glued_paren`] for a decided change of the core at char range
/// `start..end` of `text` from `from` to `to`: the number of chars to add
/// to the change's end. Only a repair that turned the final `Ị` into `p`
/// takes the `)`.
pub fn glued_paren_at(text: &str, start: usize, end: usize, from: &str, to: &str) -> usize {
    if !to.ends_with(['p', 'P']) || !from.ends_with(['Ị', 'ị']) {
        return 0;
    }
    let chars: Vec<char> = text.chars().collect();
    let Some(head) = chars.get(..start) else { return 0 };
    let line_start = head.iter().rposition(|&c| c == '\n').map_or(0, |i| i + 1);
    let before: String = head.get(line_start..).unwrap_or(&[]).iter().collect();
    let tail = chars.get(end..).unwrap_or(&[]);
    let trail_len = tail.iter().take_while(|c| !c.is_whitespace()).count();
    let trail: String = tail.iter().take(trail_len).collect();
    // The rest of the paragraph (up to a blank line), at most 400 chars.
    let mut after = String::new();
    let mut prev_nl = false;
    for &c in tail.iter().skip(trail_len).take(400) {
        if c == '\n' && prev_nl {
            break;
        }
        prev_nl = c == '\n' || (prev_nl && c.is_whitespace());
        after.push(c);
    }
    glued_paren(from, &trail, &before, &after)
}

/// A decided change for a token core at chars `start..end` damaged by
/// `I`/`1` → `Ỉ` ([`fix_caps_i`]).
pub fn caps_i_change(core: &str, start: usize, end: usize) -> Option<Change> {
    let to = fix_caps_i(core)?;
    Some(Change {
        start,
        end,
        from: core.to_owned(),
        to,
        confidence: 0.9,
        reason: crate::schema::RepairReason::Nonword,
    })
}

/// Undoes `I`/`1` → `Ỉ` in a token of capitals and digits: in each
/// alphanumeric run holding `Ỉ` that is no syllable (`TỈNH`, `KỈ`, `ỈA`
/// are) and has nothing but ASCII capitals, digits and `Ỉ`, an `Ỉ` next to
/// a digit becomes `1` (`Ỉ9` → `19`, `QHỈ5` → `QH15`) and one next to a
/// capital becomes `I` (`COVỈD` → `COVID`). `None` when nothing is
/// clearly damaged.
pub fn fix_caps_i(core: &str) -> Option<String> {
    if !core.contains('Ỉ') {
        return None;
    }
    let chars: Vec<char> = core.chars().collect();
    let mut out = chars.clone();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_alphanumeric() {
            i += 1;
            continue;
        }
        let j = chars[i..].iter().position(|c| !c.is_alphanumeric()).map_or(chars.len(), |k| i + k);
        let run = &chars[i..j];
        let word: String = run.iter().collect();
        let plain = run.iter().all(|&c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == 'Ỉ');
        if run.contains(&'Ỉ') && plain && run.len() >= 2 && !is_valid(&word) {
            for k in 0..run.len() {
                if run[k] != 'Ỉ' {
                    continue;
                }
                let near = |f: fn(&char) -> bool| {
                    k.checked_sub(1).and_then(|p| run.get(p)).is_some_and(f) || run.get(k + 1).is_some_and(f)
                };
                if near(char::is_ascii_digit) {
                    out[i + k] = '1';
                } else if near(char::is_ascii_uppercase) {
                    out[i + k] = 'I';
                }
            }
        }
        i = j;
    }
    (out != chars).then(|| out.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures() {
        for w in ["tmh", "nmh", "ừong", "sirứi", "lũứi", "nghiệị", "liội", "iiông", "doaiili", "iigliị"]
        {
            assert!(legacy_signature(w), "{w}");
        }
        for w in ["tâm", "mình", "lim", "trong", "olympic", "covid", "xyz"] {
            assert!(!legacy_signature(w), "{w}");
        }
    }

    #[test]
    fn caps_and_parens() {
        assert_eq!(fix_caps_i("COVỈD-Ỉ9").as_deref(), Some("COVID-19"));
        assert_eq!(fix_caps_i("HỈV").as_deref(), Some("HIV"));
        assert_eq!(fix_caps_i("TỈNH"), None);
        assert_eq!(fix_caps_i("COVID-19"), None);
        assert_eq!(fix_caps_i("tỉnh"), None);
        assert_eq!(fix_caps_i("54/2024/QHỈ5").as_deref(), Some("54/2024/QH15"));
        assert_eq!(fix_caps_i("ỈA"), None);
        assert_eq!(glued_paren("nghiệỊ", ")", "doanh ", " nhỏ"), 1);
        assert_eq!(glued_paren("nghiệỊ", ")", "(doanh ", " nhỏ"), 0);
        assert_eq!(glued_paren("nghiệỊ", ")", "(doanh ", " nhỏ, vừa)"), 1);
        assert_eq!(glued_paren("nghiệỊ", "))", "(doanh ", ""), 1);
        assert_eq!(glued_paren("nghiệp", ")", "doanh ", ""), 0);
    }
}
