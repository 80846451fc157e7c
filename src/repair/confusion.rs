//! The OCR error model: how likely an engine writes `o` for a true `t`.
//!
//! Costs are −log10 P(ocr substring | true substring) for substrings of up
//! to [`MAX_SEG`] characters, learned by aligning real Tesseract output with
//! its truth ([`super::train::train_errors`]), plus the legacy-engine shape
//! confusions Tesseract does not produce (`nh`→`rứi`, `tr`→`ừ`, `p`→`Ị`),
//! learned from generated pairs ([`super::shapes`],
//! [`super::train::train_errors_legacy`]; the committed model is made by
//! `nghiquyet train-errors ../shared/corpus/train-ocr --legacy-from
//! ../shared/corpus/lm -o models/errors.bin`) and merged into the `vie`
//! table. There is one table per engine profile: the
//! `vie` model keeps most marks, the `eng` model drops nearly all of them,
//! so a document is scored with the table that matches its mark density
//! ([`Profile::detect`]).
//!
//! [`Table::cost`] is a weighted edit distance over those segments;
//! unknown single-character substitutions fall back to generic costs
//! (same base letter = a mark confusion, cheaper than a different letter).

use std::collections::hash_map::Entry;

use super::fastmap::FastMap;
use super::syllable::strip_char;
use super::ModelError;

/// Longest substring on either side of a learned confusion.
pub const MAX_SEG: usize = 3;

/// Magic bytes opening `errors.bin`.
pub const MAGIC: &[u8; 8] = b"NQER0001";

/// Which engine-like behaviour a document shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// Marks mostly present (Tesseract `vie`, legacy Vietnamese engines).
    Vie,
    /// Marks mostly missing (Tesseract `eng` on Vietnamese).
    Eng,
}

impl Profile {
    /// `Eng` when under 10 % of the letters carry a Vietnamese mark (real
    /// Vietnamese prose has 20–30 %).
    pub fn detect(text: &str) -> Profile {
        let (mut letters, mut marked) = (0usize, 0usize);
        for c in text.chars().filter(|c| super::syllable::is_letter(*c)) {
            letters += 1;
            if strip_char(c) != c {
                marked += 1;
            }
        }
        if letters >= 50 && (marked as f64) < 0.10 * letters as f64 {
            Profile::Eng
        } else {
            Profile::Vie
        }
    }
}

/// Packs up to three chars (20 bits each; the rare chars above U+FFFFF
/// share one code) and the length (top bits) into one integer key.
pub fn pack(s: &[char]) -> u64 {
    let mut k = 0u64;
    for &c in s.iter().take(MAX_SEG) {
        k = (k << 20) | (c as u64).min(0xF_FFFF);
    }
    k | ((s.len().min(MAX_SEG) as u64) << 60)
}

/// One engine profile's substitution table.
#[derive(Debug, Default, Clone)]
pub struct Table {
    /// (packed truth, packed ocr) → cost.
    pairs: FastMap<(u64, u64), f32>,
    /// Cost of a char read correctly.
    same: FastMap<char, f32>,
    /// For candidate generation: ocr segment → (truth segment, cost), cheapest first.
    reverse: FastMap<u64, Vec<(Vec<char>, f32)>>,
    /// `pairs` indexed by the OCR side: packed ocr → (packed truth, cost),
    /// always holding the same costs as `pairs` (see [`OcrCosts`]).
    by_ocr: FastMap<u64, Vec<(u64, f32)>>,
}

impl Table {
    /// Adds one learned or prior confusion.
    pub fn insert(&mut self, truth: &[char], ocr: &[char], cost: f32) {
        if truth.len() > MAX_SEG || ocr.len() > MAX_SEG || truth == ocr {
            return;
        }
        let key = (pack(truth), pack(ocr));
        let by = self.by_ocr.entry(key.1).or_default();
        match self.pairs.entry(key) {
            Entry::Vacant(e) => {
                e.insert(cost);
                by.push((key.0, cost));
            }
            Entry::Occupied(mut e) => {
                if cost < *e.get() {
                    e.insert(cost);
                }
                let kept = *e.get();
                match by.iter_mut().find(|x| x.0 == key.0) {
                    Some(x) => x.1 = kept,
                    None => by.push((key.0, kept)),
                }
            }
        }
        if !ocr.is_empty() {
            let r = self.reverse.entry(pack(ocr)).or_default();
            if let Some(x) = r.iter_mut().find(|x| x.0 == truth) {
                x.1 = x.1.min(cost);
            } else {
                r.push((truth.to_vec(), cost));
            }
            r.sort_by(|a, b| a.1.total_cmp(&b.1));
        }
    }

    /// Sets the cost of reading `c` correctly.
    pub fn set_same(&mut self, c: char, cost: f32) {
        self.same.insert(c, cost);
    }

    /// Cheapest rewrites of an OCR segment back to a truth segment.
    pub fn reverse(&self, ocr: &[char]) -> &[(Vec<char>, f32)] {
        self.reverse.get(&pack(ocr)).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Number of learned pairs.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// Whether nothing was learned.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Weighted edit distance: −log10 P(ocr | truth), both lowercase.
    ///
    /// To score many truths against one OCR spelling, build
    /// [`Table::costs_against`] once instead.
    pub fn cost(&self, truth: &[char], ocr: &[char]) -> f32 {
        self.costs_against(ocr).cost(truth)
    }

    /// A scorer of truths against the fixed OCR spelling `ocr`.
    pub fn costs_against(&self, ocr: &[char]) -> OcrCosts<'_> {
        let mut found = Vec::new();
        if ocr.len() <= MAX_LEN {
            for &(t, c) in self.by_ocr.get(&pack(&[])).map(Vec::as_slice).unwrap_or(&[]) {
                found.push(Found { truth: t, end: 0, len: 0, cost: c });
            }
            for j in 1..=ocr.len() {
                for b in 1..=MAX_SEG.min(j) {
                    for &(t, c) in self.by_ocr.get(&pack(&ocr[j - b..j])).map(Vec::as_slice).unwrap_or(&[]) {
                        found.push(Found { truth: t, end: j as u8, len: b as u8, cost: c });
                    }
                }
            }
        }
        found.sort_unstable_by_key(|f| (f.truth, f.end, f.len));
        let mut by_truth: FastMap<u64, (u32, u32)> = FastMap::default();
        let mut start = 0;
        for (k, f) in found.iter().enumerate() {
            if found.get(k + 1).is_none_or(|g| g.truth != f.truth) {
                by_truth.insert(f.truth, (start as u32, k as u32 + 1));
                start = k + 1;
            }
        }
        OcrCosts {
            table: self,
            ocr: ocr.to_vec(),
            ocr_bare: ocr.iter().map(|&c| strip_char(c)).collect(),
            found,
            by_truth,
            truth_bare: Vec::new(),
            seg: Vec::new(),
            mask: Vec::new(),
            d: Vec::new(),
        }
    }
}

/// Segment pairs ending at one cell of the alignment (`a`, `b` in
/// `0..=MAX_SEG`; one mask bit each).
const CELL: usize = (MAX_SEG + 1) * (MAX_SEG + 1);

/// Longest truth or OCR spelling [`Table::cost`] aligns (longer ones cost 99).
const MAX_LEN: usize = 40;

/// A learned pair whose OCR side occurs in the scorer's OCR spelling.
#[derive(Debug, Clone, Copy)]
struct Found {
    /// Packed truth side.
    truth: u64,
    /// Char index one past the OCR side's occurrence (0 for deletions).
    end: u8,
    /// Length of the OCR side (0 for deletions, else 1..=[`MAX_SEG`]).
    len: u8,
    cost: f32,
}

/// [`Table::cost`] against one OCR spelling, for scoring many truths.
///
/// The cost is a weighted edit distance over segments of up to [`MAX_SEG`]
/// chars on either side, each priced by these rules:
/// * one char read as itself: its learned cost (0.01 if never seen);
/// * one char read as another: the learned cost, capped by a generic one
///   (2.0 for the same bare letter, i.e. a mark confusion, else 3.5);
/// * one char inserted or deleted: learned, else 3.5;
/// * anything longer: learned; failing that, when the truth side has
///   marks, the same confusion of its bare letters plus 1.0 per mark;
///   else impossible.
///
/// The decoder scores every candidate of a token (up to 41) against the
/// same OCR spelling; asking the table's hash map for each of the 15
/// segment pairs of each cell of each alignment was a third of the repair
/// stage's time on clean text. Here the learned pairs whose OCR side occurs
/// anywhere in the spelling, and the deletions, are collected once
/// (`found`, grouped by truth side); a truth then needs one lookup per
/// truth segment, and the alignment reads a dense table of segment
/// costs. The tests check the result bit for bit against the alignment
/// written directly over the rules.
#[derive(Debug)]
pub struct OcrCosts<'t> {
    table: &'t Table,
    ocr: Vec<char>,
    /// `strip_char` of each OCR char.
    ocr_bare: Vec<char>,
    found: Vec<Found>,
    /// Truth side → its range in `found`.
    by_truth: FastMap<u64, (u32, u32)>,
    /// Scratch: `strip_char` of each truth char.
    truth_bare: Vec<char>,
    /// Scratch: segment costs, indexed by [`OcrCosts::at`].
    seg: Vec<f32>,
    /// Scratch: which segment pairs are possible, one mask per cell.
    mask: Vec<u16>,
    /// Scratch: the alignment table.
    d: Vec<f32>,
}

impl OcrCosts<'_> {
    /// Where the cost of truth segment `truth[i - a..i]` read as OCR
    /// segment `ocr[j - b..j]` is kept: the 16 segment pairs ending at one
    /// cell of the alignment are contiguous, bit `a * 4 + b` of the cell's
    /// mask says whether the pair is possible.
    fn at(&self, i: usize, a: usize, j: usize, b: usize) -> (usize, u16) {
        let cell = i * (self.ocr.len() + 1) + j;
        let bit = a * (MAX_SEG + 1) + b;
        (cell * CELL + bit, 1 << bit)
    }

    /// Records a possible segment pair.
    fn set(&mut self, (k, bit): (usize, u16), cost: f32) {
        if let (Some(s), Some(m)) = (self.seg.get_mut(k), self.mask.get_mut(k / CELL)) {
            *s = cost;
            *m |= bit;
        }
    }

    /// The cost of a segment pair, if possible.
    fn get(&self, (k, bit): (usize, u16)) -> Option<f32> {
        if self.mask.get(k / CELL).is_some_and(|m| m & bit != 0) {
            self.seg.get(k).copied()
        } else {
            None
        }
    }

    /// Where in `found` the learned pairs with truth side `packed` are.
    fn learned(&self, packed: u64) -> std::ops::Range<usize> {
        match self.by_truth.get(&packed) {
            Some(&(lo, hi)) => lo as usize..hi as usize,
            None => 0..0,
        }
    }

    /// The learned pair at `k` of `found` (there by construction).
    fn found(&self, k: usize) -> Found {
        self.found.get(k).copied().unwrap_or(Found { truth: 0, end: 0, len: 0, cost: f32::INFINITY })
    }

    /// Fills `seg` and `mask` with the cost of every truth segment of
    /// `truth` read as every OCR segment, by the rules above.
    fn fill(&mut self, truth: &[char]) {
        let (n, m) = (truth.len(), self.ocr.len());
        let cells = (n + 1) * (m + 1);
        self.seg.clear();
        self.seg.resize(cells * CELL, 0.0);
        self.mask.clear();
        self.mask.resize(cells, 0);
        let mut truth_bare = std::mem::take(&mut self.truth_bare);
        truth_bare.clear();
        truth_bare.extend(truth.iter().map(|&c| strip_char(c)));
        for i in 0..=n {
            for a in 0..=MAX_SEG.min(i) {
                let t = &truth[i - a..i];
                let bare = &truth_bare[i - a..i];
                let mut learned = self.learned(pack(t));
                // Deletions (sorted first: their OCR side is empty) do not
                // depend on the OCR side.
                let mut deleted = None;
                if !learned.is_empty() && self.found(learned.start).len == 0 {
                    deleted = Some(self.found(learned.start).cost);
                    learned.start += 1;
                }
                // An unseen confusion of marked letters falls back to the
                // same confusion of the bare letters plus a price per mark
                // (never for one char read as one or none: those have
                // their own generic costs).
                let marks = t.iter().zip(bare).filter(|(c, b)| c != b).count();
                let mut bare_deleted = None;
                if marks > 0 {
                    for k in self.learned(pack(bare)) {
                        let f = self.found(k);
                        let cost = f.cost + 1.0 * marks as f32;
                        match (a, f.len) {
                            (_, 0) => bare_deleted = Some(cost),
                            (1, 1) => {}
                            _ => self.set(self.at(i, a, f.end as usize, f.len as usize), cost),
                        }
                    }
                }
                if a > 0 {
                    let del = if a == 1 { Some(deleted.unwrap_or(3.5)) } else { deleted.or(bare_deleted) };
                    if let Some(del) = del {
                        for j in 0..=m {
                            self.set(self.at(i, a, j, 0), del);
                        }
                    }
                }
                // A learned pair wins over the fallback.
                for k in learned {
                    let f = self.found(k);
                    self.set(self.at(i, a, f.end as usize, f.len as usize), f.cost);
                }
                match (a, t.first(), bare.first()) {
                    (0, _, _) => {
                        // One inserted char: learned or generic.
                        for j in 1..=m {
                            let k = self.at(i, 0, j, 1);
                            self.set(k, self.get(k).unwrap_or(3.5));
                        }
                    }
                    (1, Some(&tc), Some(&tb)) => {
                        // One char for one: read right, or learned capped
                        // by the generic cost (a mark confusion is cheaper
                        // than another letter).
                        let same = self.table.same.get(&tc).copied().unwrap_or(0.01);
                        for j in 1..=m {
                            let k = self.at(i, 1, j, 1);
                            let cost = if self.ocr[j - 1] == tc {
                                same
                            } else {
                                let generic = if self.ocr_bare[j - 1] == tb { 2.0 } else { 3.5 };
                                self.get(k).map_or(generic, |l| l.min(generic))
                            };
                            self.set(k, cost);
                        }
                    }
                    _ => {}
                }
            }
        }
        self.truth_bare = truth_bare;
    }

    /// [`Table::cost`]`(truth, ocr)`.
    pub fn cost(&mut self, truth: &[char]) -> f32 {
        let (n, m) = (truth.len(), self.ocr.len());
        if n > MAX_LEN || m > MAX_LEN {
            return 99.0;
        }
        self.fill(truth);
        let w = m + 1;
        let mut d = std::mem::take(&mut self.d);
        d.clear();
        d.resize((n + 1) * w, f32::INFINITY);
        d[0] = 0.0;
        // How far back in `d` the cell a segment pair starts from is.
        let mut back = [0usize; CELL];
        for (bit, k) in back.iter_mut().enumerate() {
            *k = bit / (MAX_SEG + 1) * w + bit % (MAX_SEG + 1);
        }
        for i in 0..=n {
            for j in 0..=m {
                if i == 0 && j == 0 {
                    continue;
                }
                let cell = i * w + j;
                let segs = &self.seg[cell * CELL..(cell + 1) * CELL];
                // Only the possible pairs, in the order (a, b) = (0, 1),
                // (0, 2), …, (3, 3): the minimum is taken over the same
                // values in the same order as over all 15.
                let mut bits = self.mask[cell];
                let mut best = f32::INFINITY;
                while bits != 0 {
                    let bit = bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    // (i - a) * w + (j - b): the pair's bit is set only
                    // where a <= i and b <= j.
                    let prev = d[cell - back[bit]];
                    if !prev.is_finite() {
                        continue;
                    }
                    best = best.min(prev + segs[bit]);
                }
                d[cell] = best;
            }
        }
        let out = d[n * w + m];
        self.d = d;
        out
    }
}

/// The error model: one [`Table`] per [`Profile`].
#[derive(Debug, Default, Clone)]
pub struct ErrorModel {
    /// Marks kept.
    pub vie: Table,
    /// Marks dropped.
    pub eng: Table,
}

impl ErrorModel {
    /// The table for a profile.
    pub fn table(&self, p: Profile) -> &Table {
        match p {
            Profile::Vie => &self.vie,
            Profile::Eng => &self.eng,
        }
    }

    /// Serializes (sorted, so the bytes are reproducible).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        for t in [&self.vie, &self.eng] {
            let mut same: Vec<(char, f32)> = t.same.iter().map(|(c, v)| (*c, *v)).collect();
            same.sort_by_key(|x| x.0);
            out.extend_from_slice(&(same.len() as u32).to_le_bytes());
            for (c, v) in same {
                out.extend_from_slice(&(c as u32).to_le_bytes());
                out.extend_from_slice(&v.to_le_bytes());
            }
            let mut pairs: Vec<((u64, u64), f32)> = t.pairs.iter().map(|(k, v)| (*k, *v)).collect();
            pairs.sort_by_key(|x| x.0);
            out.extend_from_slice(&(pairs.len() as u32).to_le_bytes());
            for ((a, b), v) in pairs {
                out.extend_from_slice(&a.to_le_bytes());
                out.extend_from_slice(&b.to_le_bytes());
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        out
    }

    /// Reads what [`ErrorModel::to_bytes`] wrote.
    ///
    /// # Errors
    /// [`ModelError`] when the bytes are not a complete model.
    pub fn from_bytes(bytes: &[u8]) -> Result<ErrorModel, ModelError> {
        if bytes.get(..8) != Some(MAGIC.as_slice()) {
            return Err(ModelError::BadMagic);
        }
        let mut pos = 8usize;
        let mut take = |n: usize| -> Result<&[u8], ModelError> {
            let s = bytes.get(pos..pos + n).ok_or(ModelError::Truncated)?;
            pos += n;
            Ok(s)
        };
        let mut tables = Vec::with_capacity(2);
        for _ in 0..2 {
            let mut t = Table::default();
            let b = take(4)?;
            let ns = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize;
            if ns > bytes.len() / 8 {
                return Err(ModelError::Corrupt("count too large"));
            }
            for _ in 0..ns {
                let b = take(8)?;
                let c = char::from_u32(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                    .ok_or(ModelError::Corrupt("bad char"))?;
                t.set_same(c, f32::from_le_bytes([b[4], b[5], b[6], b[7]]));
            }
            let b = take(4)?;
            let np = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize;
            if np > bytes.len() / 20 {
                return Err(ModelError::Corrupt("count too large"));
            }
            for _ in 0..np {
                let b = take(20)?;
                let mut a8 = [0u8; 8];
                a8.copy_from_slice(&b[0..8]);
                let mut b8 = [0u8; 8];
                b8.copy_from_slice(&b[8..16]);
                let v = f32::from_le_bytes([b[16], b[17], b[18], b[19]]);
                let truth = unpack(u64::from_le_bytes(a8)).ok_or(ModelError::Corrupt("bad key"))?;
                let ocr = unpack(u64::from_le_bytes(b8)).ok_or(ModelError::Corrupt("bad key"))?;
                t.insert(&truth, &ocr, v);
            }
            tables.push(t);
        }
        let eng = tables.pop().unwrap_or_default();
        let vie = tables.pop().unwrap_or_default();
        Ok(ErrorModel { vie, eng })
    }
}

/// Inverse of [`pack`].
pub fn unpack(k: u64) -> Option<Vec<char>> {
    let len = (k >> 60) as usize;
    if len > MAX_SEG {
        return None;
    }
    (0..len).rev().map(|i| char::from_u32(((k >> (20 * i)) & 0xF_FFFF) as u32)).collect()
}

/// Legacy-engine shape confusions (truth, ocr) that Tesseract does not
/// make, with the cost they get when no data says otherwise: used only by
/// `train-errors` without `--legacy-from`, which learns them instead.
/// From issue 4's examples of older Vietnamese OCR output.
pub const LEGACY: &[(&str, &str, f32)] = &[
    ("nh", "rứi", 2.5),
    ("nh", "iứi", 2.5),
    ("nh", "ũứi", 2.5),
    ("inh", "ũứi", 2.5),
    ("inh", "irứi", 2.5),
    ("in", "m", 2.0),
    ("nh", "m", 2.2),
    ("ni", "m", 2.2),
    ("tr", "ừ", 2.0),
    ("tr", "fr", 2.0),
    ("h", "li", 2.5),
    ("n", "ii", 2.5),
    ("p", "Ị", 2.0),
    ("p", "ị", 2.0),
    ("rư", "ni", 2.2),
    ("ư", "u", 1.8),
    ("ơ", "o", 1.8),
    ("â", "a", 1.8),
    ("ă", "a", 1.8),
    ("ê", "e", 1.8),
    ("ô", "o", 1.8),
    ("ớ", "ó", 1.8),
    ("ờ", "ò", 1.8),
    ("ừ", "ò", 1.8),
    ("ư", "ò", 2.2),
    ("i", "ỉ", 2.0),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The cost of reading truth segment `t` as OCR segment `o`: the
    /// rules [`OcrCosts`] implements.
    fn seg_cost(table: &Table, t: &[char], o: &[char]) -> Option<f32> {
        if t.len() == 1 && o.len() == 1 && t[0] == o[0] {
            return Some(table.same.get(&t[0]).copied().unwrap_or(0.01));
        }
        let learned = table.pairs.get(&(pack(t), pack(o))).copied();
        if t.len() == 1 && o.len() == 1 {
            let generic = if strip_char(t[0]) == strip_char(o[0]) { 2.0 } else { 3.5 };
            return Some(learned.map_or(generic, |l| l.min(generic)));
        }
        if t.len() + o.len() == 1 {
            return Some(learned.unwrap_or(3.5));
        }
        if learned.is_some() {
            return learned;
        }
        // An unseen multi-char confusion of marked letters: the same
        // confusion on the bare letters plus a price per lost mark.
        let marks = t.iter().filter(|c| strip_char(**c) != **c).count();
        if marks == 0 || t.len() > MAX_SEG {
            return None;
        }
        let mut bare = [' '; MAX_SEG];
        for (b, c) in bare.iter_mut().zip(t) {
            *b = strip_char(*c);
        }
        table.pairs.get(&(pack(&bare[..t.len()]), pack(o))).map(|c| c + 1.0 * marks as f32)
    }

    /// The alignment written directly over `seg_cost`, the definition
    /// [`OcrCosts`] must reproduce bit for bit.
    fn direct_cost(t: &Table, truth: &[char], ocr: &[char]) -> f32 {
        let (n, m) = (truth.len(), ocr.len());
        if n > MAX_LEN || m > MAX_LEN {
            return 99.0;
        }
        let w = m + 1;
        let mut d = vec![f32::INFINITY; (n + 1) * w];
        d[0] = 0.0;
        for i in 0..=n {
            for j in 0..=m {
                if i == 0 && j == 0 {
                    continue;
                }
                let mut best = f32::INFINITY;
                for a in 0..=MAX_SEG.min(i) {
                    for b in 0..=MAX_SEG.min(j) {
                        let prev = d[(i - a) * w + (j - b)];
                        if (a == 0 && b == 0) || !prev.is_finite() {
                            continue;
                        }
                        if let Some(c) = seg_cost(t, &truth[i - a..i], &ocr[j - b..j]) {
                            best = best.min(prev + c);
                        }
                    }
                }
                d[i * w + j] = best;
            }
        }
        d[n * w + m]
    }

    #[test]
    fn scorer_matches_the_direct_alignment() {
        let models = crate::repair::Models::embedded().expect("models");
        // Real OCR confusions of the kinds the tables hold: marks lost or
        // changed, legacy shapes, split and merged letters.
        let ocr = [
            "ừong", "tmh", "chi", "kiêm", "thục", "tniớc", "doaiili", "nhân", "dan", "hoa", "rn", "ii",
            "nghiệ", "ủy", "quyét", "huyẹn", "đòng", "thuc", "chuyên", "ngảnh", "iứi", "x", "",
        ];
        let truth = [
            "trong", "tỉnh", "chỉ", "kiểm", "thực", "trước", "doanh", "nhân", "dân", "hóa", "m", "n",
            "nghiệp", "ủy", "quyết", "huyện", "đồng", "thức", "chuyển", "ngành", "nh", "xã", "a",
        ];
        let chars = |s: &str| s.chars().collect::<Vec<char>>();
        let mut checked = 0;
        for table in [&models.errors.vie, &models.errors.eng] {
            for o in ocr {
                let oc = chars(o);
                let mut scorer = table.costs_against(&oc);
                for t in truth.iter().chain(ocr.iter()) {
                    let tc = chars(t);
                    let (fast, direct) = (scorer.cost(&tc), direct_cost(table, &tc, &oc));
                    assert_eq!(fast.to_bits(), direct.to_bits(), "{t} read as {o}: {fast} vs {direct}");
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, 2 * 23 * 46);
    }
}
