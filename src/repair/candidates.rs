//! Candidate corrections for one OCR token.
//!
//! Three sources, cheapest first: every diacritic variant of the token's
//! bare letters (a precomputed map from the mark-stripped form to the
//! model's syllables, which is what Tesseract's `eng` output needs), the
//! token with one learned OCR confusion undone (`ừ`→`tr`, `m`→`in`), and
//! for non-words the syllables left when one or two legacy-engine shapes
//! are undone ([`super::undo::legacy_undos`]: `doaiili` → `doanh`) or,
//! when no such shape explains the token, every syllable whose stripped
//! form is within two edits (a one-deletion index in the style of
//! SymSpell). All are ranked by the
//! error model's cost and the word's frequency and cut to a few.

use super::confusion::Table;
use super::fastmap::FastMap;
use super::lm::LanguageModel;
use super::syllable::{is_valid, strip, strip_into};

/// Stripped forms of the model's syllables and a deletion index over them.
#[derive(Debug, Default)]
pub struct CandidateIndex {
    /// Stripped form → word ids (most frequent first).
    by_base: FastMap<String, Vec<u32>>,
    /// Stripped form with one char deleted (or whole) → stripped forms.
    deletes: FastMap<String, Vec<u32>>,
    bases: Vec<String>,
}

fn one_deletes(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    (0..chars.len())
        .map(|i| chars.iter().enumerate().filter(|(k, _)| *k != i).map(|(_, c)| *c).collect())
        .collect()
}

impl CandidateIndex {
    /// Indexes the model's words that are legal syllables.
    pub fn build(lm: &LanguageModel) -> CandidateIndex {
        let mut by_base: FastMap<String, Vec<(f32, u32)>> = FastMap::default();
        for (id, w, p) in lm.words() {
            if id < 4 || !is_valid(w) {
                continue;
            }
            by_base.entry(strip(w)).or_default().push((p, id));
        }
        let mut bases: Vec<String> = by_base.keys().cloned().collect();
        bases.sort();
        let mut deletes: FastMap<String, Vec<u32>> = FastMap::default();
        for (i, b) in bases.iter().enumerate() {
            deletes.entry(b.clone()).or_default().push(i as u32);
            for d in one_deletes(b) {
                deletes.entry(d).or_default().push(i as u32);
            }
        }
        let by_base = by_base
            .into_iter()
            .map(|(k, mut v)| {
                v.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                (k, v.into_iter().map(|x| x.1).collect())
            })
            .collect();
        CandidateIndex { by_base, deletes, bases }
    }

    /// Word ids sharing the stripped form `base` (most frequent first).
    pub fn variants(&self, base: &str) -> &[u32] {
        self.by_base.get(base).map(Vec::as_slice).unwrap_or(&[])
    }

    fn add_base(&self, base: &str, out: &mut Vec<u32>) {
        if let Some(ids) = self.by_base.get(base) {
            for &id in ids {
                if !out.contains(&id) {
                    out.push(id);
                }
            }
        }
    }

    /// Candidate word ids for the lowercase, folded token `lo`.
    pub fn generate(&self, lo: &str, table: &Table, nonword: bool, out: &mut Vec<u32>) {
        let chars: Vec<char> = lo.chars().collect();
        let base = strip(lo);
        self.add_base(&base, out);
        let mut buf = String::with_capacity(lo.len() + 8);
        let mut stripped = String::with_capacity(lo.len() + 8);
        for i in 0..chars.len() {
            for len in 1..=3.min(chars.len() - i) {
                for (truth, _) in table.reverse(&chars[i..i + len]).iter().take(8) {
                    buf.clear();
                    buf.extend(chars[..i].iter());
                    buf.extend(truth.iter());
                    buf.extend(chars[i + len..].iter());
                    strip_into(&buf, &mut stripped);
                    self.add_base(&stripped, out);
                }
            }
        }
        // Legacy-engine shapes (`doaiili` = `doanh` with `n`→`ii` and
        // `h`→`li`): one or two undone. A token they explain is not sent
        // to the edit neighbourhood, whose dozens of look-alikes would
        // crowd the right word out of the scored few.
        let undos = if nonword { super::undo::legacy_undos(lo) } else { Vec::new() };
        for u in &undos {
            self.add_base(&strip(u), out);
        }
        if nonword && undos.is_empty() && base.chars().count() >= 2 {
            let mut seen: Vec<u32> = Vec::new();
            let mut queries = one_deletes(&base);
            queries.push(base.clone());
            for q in &queries {
                if let Some(bs) = self.deletes.get(q) {
                    for &b in bs {
                        if !seen.contains(&b) {
                            seen.push(b);
                        }
                    }
                }
            }
            for b in seen {
                if let Some(s) = self.bases.get(b as usize) {
                    self.add_base(s, out);
                }
            }
        }
    }
}
