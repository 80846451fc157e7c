//! Training the language model (`nghiquyet train-lm`) and the OCR error
//! model (`nghiquyet train-errors`), reproducibly.
//!
//! Both read plain UTF-8 text files in a fixed (sorted) order and write the
//! compact binaries embedded by [`super::lm`] and [`super::confusion`];
//! the same inputs always give byte-identical outputs (no hash-order
//! dependence: every table is sorted before it is written).
//!
//! Language model: interpolated Kneser–Ney over syllable trigrams with
//! Ney's discount `D = n1 / (n1 + 2 n2)` per order; words seen once are
//! mapped to `<unk>`, trigrams seen once and bigrams with one left context
//! are pruned after the back-off weights are computed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::lm::{self, class_id, key2, key3, BOS, RESERVED, UNK};
use super::shapes::{Damager, Rates};
use super::stream::{slots, Slot};
use super::token::{lm_class, tokenize, LmClass};

/// Why training failed.
#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    /// A file or directory could not be read or written.
    #[error("{}: {source}", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The corpus has no usable text.
    #[error("{}: no training text found", .path.display())]
    Empty {
        /// The corpus directory.
        path: PathBuf,
    },
    /// The vocabulary does not fit the id width of the format.
    #[error("vocabulary of {0} words is too large for the model format")]
    VocabTooLarge(usize),
}

/// What training produced, for the command's report.
#[derive(Debug, Clone)]
pub struct LmReport {
    /// Files read.
    pub files: usize,
    /// Word tokens (syllables) read.
    pub tokens: usize,
    /// Vocabulary size including reserved ids.
    pub vocab: usize,
    /// Bigrams kept.
    pub bigrams: usize,
    /// Trigrams kept.
    pub trigrams: usize,
    /// Bytes written.
    pub bytes: usize,
}

/// Every `.txt` file under `dir`, sorted by path.
pub fn text_files(dir: &Path) -> Result<Vec<PathBuf>, TrainError> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let rd = std::fs::read_dir(&d).map_err(|e| TrainError::Io { path: d.clone(), source: e })?;
        for entry in rd {
            let entry = entry.map_err(|e| TrainError::Io { path: d.clone(), source: e })?;
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "txt") {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

fn read(path: &Path) -> Result<String, TrainError> {
    let bytes = std::fs::read(path).map_err(|e| TrainError::Io { path: path.into(), source: e })?;
    let s = String::from_utf8_lossy(&bytes);
    Ok(crate::text::normalize_str(&s))
}

fn discount(counts: impl Iterator<Item = u32>) -> f64 {
    let (mut n1, mut n2) = (0f64, 0f64);
    for c in counts {
        match c {
            1 => n1 += 1.0,
            2 => n2 += 1.0,
            _ => {}
        }
    }
    if n1 + 2.0 * n2 <= 0.0 {
        0.5
    } else {
        (n1 / (n1 + 2.0 * n2)).clamp(0.1, 0.95)
    }
}

fn push_str(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    let n = b.len().min(255);
    // Words are cut at a char boundary if ever longer than 255 bytes.
    let mut n2 = n;
    while !s.is_char_boundary(n2) {
        n2 -= 1;
    }
    out.push(n2 as u8);
    out.extend_from_slice(&b[..n2]);
}

/// Trains the language model on every `.txt` under `corpus` and writes it
/// to `out`.
///
/// # Errors
/// [`TrainError`] when the corpus cannot be read, is empty, or `out` cannot
/// be written.
pub fn train_lm(corpus: &Path, out: &Path) -> Result<LmReport, TrainError> {
    let files = text_files(corpus)?;
    let texts: Vec<String> = files.iter().map(|f| read(f)).collect::<Result<_, _>>()?;
    // Pass 1: word counts.
    let mut wc: HashMap<String, u32> = HashMap::new();
    let mut n_tokens = 0usize;
    for t in &texts {
        for tok in tokenize(t) {
            if let LmClass::Word(w) = lm_class(tok.core) {
                if w.chars().count() <= 24 {
                    *wc.entry(w.into_owned()).or_default() += 1;
                    n_tokens += 1;
                }
            }
        }
    }
    if n_tokens == 0 {
        return Err(TrainError::Empty { path: corpus.into() });
    }
    let mut vocab: Vec<(&str, u32)> =
        wc.iter().filter(|(_, &c)| c >= 2).map(|(w, &c)| (w.as_str(), c)).collect();
    vocab.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut words: Vec<&str> = RESERVED.to_vec();
    words.extend(vocab.iter().map(|v| v.0));
    if words.len() >= (1 << lm::ID_BITS) {
        return Err(TrainError::VocabTooLarge(words.len()));
    }
    let ids: HashMap<&str, u32> = words.iter().enumerate().map(|(i, w)| (*w, i as u32)).collect();
    // Pass 2: trigram counts over the id stream.
    let mut c3: HashMap<u64, u32> = HashMap::new();
    for t in &texts {
        let toks = tokenize(t);
        let stream: Vec<u32> = slots(&toks)
            .into_iter()
            .map(|s| match s {
                Slot::Fixed(id) => id,
                Slot::Token(i) => {
                    let c = lm_class(toks[i].core);
                    match class_id(&c) {
                        Some(id) => id,
                        None => match c {
                            LmClass::Word(w) => ids.get(w.as_ref()).copied().unwrap_or(UNK),
                            _ => UNK,
                        },
                    }
                }
            })
            .collect();
        let mut a = BOS;
        let mut b = BOS;
        for &c in &stream {
            *c3.entry(key3(a, b, c)).or_default() += 1;
            a = b;
            b = c;
        }
    }
    let mask = (1u64 << lm::ID_BITS) - 1;
    let split3 =
        |k: u64| ((k >> (2 * lm::ID_BITS)) as u32, ((k >> lm::ID_BITS) & mask) as u32, (k & mask) as u32);
    // Continuation counts.
    let mut cc2: HashMap<u64, u32> = HashMap::new(); // N1+(· b c)
    let mut ctx3: HashMap<u64, (u32, u32)> = HashMap::new(); // (a b) -> (total, distinct)
    let mut raw2: HashMap<u64, u32> = HashMap::new();
    for (&k, &c) in &c3 {
        let (a, b, w) = split3(k);
        *cc2.entry(key2(b, w)).or_default() += 1;
        *raw2.entry(key2(b, w)).or_default() += c;
        let e = ctx3.entry(key2(a, b)).or_default();
        e.0 += c;
        e.1 += 1;
    }
    let nv = words.len();
    let mut cc1 = vec![0u32; nv];
    let mut ctx2: Vec<(u32, u32)> = vec![(0, 0); nv];
    for (&k, &c) in &cc2 {
        let b = (k >> lm::ID_BITS) as usize;
        let w = (k & mask) as usize;
        cc1[w] += 1;
        ctx2[b].0 += c;
        ctx2[b].1 += 1;
    }
    let d3 = discount(c3.values().copied());
    let d2 = discount(cc2.values().copied());
    let total1: f64 = cc1.iter().map(|&c| c as f64).sum();
    let p1: Vec<f64> = cc1.iter().map(|&c| (c as f64 + 0.5) / (total1 + 0.5 * nv as f64)).collect();
    let bow2 = |b: usize| -> f64 {
        let (tot, dist) = ctx2[b];
        if tot == 0 {
            1.0
        } else {
            d2 * dist as f64 / tot as f64
        }
    };
    let p2 = |b: u32, w: u32| -> f64 {
        let (tot, _) = ctx2[b as usize];
        let lower = p1[w as usize];
        if tot == 0 {
            return lower;
        }
        let c = cc2.get(&key2(b, w)).copied().unwrap_or(0) as f64;
        (c - d2).max(0.0) / tot as f64 + bow2(b as usize) * lower
    };
    // Kept trigrams and their contexts.
    let mut tri: Vec<(u64, u8)> = Vec::new();
    let mut needed_ctx: std::collections::HashSet<u64> = std::collections::HashSet::new();
    for (&k, &c) in &c3 {
        if c < 2 {
            continue;
        }
        let (a, b, w) = split3(k);
        let Some(&(tot, dist)) = ctx3.get(&key2(a, b)) else { continue };
        let p = (c as f64 - d3).max(0.0) / tot as f64 + d3 * dist as f64 / tot as f64 * p2(b, w);
        tri.push((k, lm::quantize(p.log10() as f32, lm::LOGP_RANGE)));
        needed_ctx.insert(key2(a, b));
    }
    tri.sort_unstable();
    let mut bi: Vec<(u64, u8, u8)> = Vec::new();
    let mut keys: Vec<u64> =
        raw2.iter().filter(|(k, &c)| c >= 2 || needed_ctx.contains(k)).map(|(k, _)| *k).collect();
    for k in &needed_ctx {
        if !cc2.contains_key(k) {
            keys.push(*k);
        }
    }
    keys.sort_unstable();
    keys.dedup();
    for k in keys {
        let b = (k >> lm::ID_BITS) as u32;
        let w = (k & mask) as u32;
        let p = p2(b, w);
        let bow3 = match ctx3.get(&k) {
            Some(&(tot, dist)) if tot > 0 => d3 * dist as f64 / tot as f64,
            _ => 1.0,
        };
        bi.push((
            k,
            lm::quantize(p.log10() as f32, lm::LOGP_RANGE),
            lm::quantize(bow3.log10() as f32, lm::BOW_RANGE),
        ));
    }
    // Serialize.
    let mut buf: Vec<u8> = Vec::with_capacity(8 + nv * 10 + bi.len() * 10 + tri.len() * 9);
    buf.extend_from_slice(lm::MAGIC);
    buf.extend_from_slice(&(nv as u32).to_le_bytes());
    for w in &words {
        push_str(&mut buf, w);
    }
    for (i, &p) in p1.iter().enumerate() {
        buf.push(lm::quantize(p.log10() as f32, lm::LOGP_RANGE));
        buf.push(lm::quantize(bow2(i).log10() as f32, lm::BOW_RANGE));
    }
    buf.extend_from_slice(&(bi.len() as u32).to_le_bytes());
    for (k, _, _) in &bi {
        buf.extend_from_slice(&k.to_le_bytes());
    }
    for (_, p, b) in &bi {
        buf.push(*p);
        buf.push(*b);
    }
    buf.extend_from_slice(&(tri.len() as u32).to_le_bytes());
    for (k, _) in &tri {
        buf.extend_from_slice(&k.to_le_bytes());
    }
    for (_, p) in &tri {
        buf.push(*p);
    }
    std::fs::write(out, &buf).map_err(|e| TrainError::Io { path: out.into(), source: e })?;
    Ok(LmReport {
        files: files.len(),
        tokens: n_tokens,
        vocab: nv,
        bigrams: bi.len(),
        trigrams: tri.len(),
        bytes: buf.len(),
    })
}

/// Aligns two token sequences (Levenshtein, unit costs) inside a diagonal
/// band; returns the 1:1 pairs (equal or substituted).
fn align_tokens<'a>(t: &[&'a str], o: &[&'a str]) -> Vec<(&'a str, &'a str)> {
    let (n, m) = (t.len(), o.len());
    if n == 0 || m == 0 {
        return Vec::new();
    }
    let band = (n.abs_diff(m) + 40) as isize;
    let w = m + 1;
    let inf = u32::MAX / 2;
    let mut d = vec![inf; (n + 1) * w];
    let center = |i: usize| (i * m / n) as isize;
    let in_band = |i: usize, j: usize| (j as isize - center(i)).abs() <= band;
    for (j, x) in d.iter_mut().enumerate().take(m + 1) {
        if in_band(0, j) {
            *x = j as u32;
        }
    }
    for i in 1..=n {
        for j in 0..=m {
            if !in_band(i, j) {
                continue;
            }
            let mut best = d[(i - 1) * w + j].saturating_add(1);
            if j > 0 {
                best = best.min(d[i * w + j - 1].saturating_add(1));
                let sub = if t[i - 1] == o[j - 1] { 0 } else { 1 };
                best = best.min(d[(i - 1) * w + j - 1].saturating_add(sub));
            }
            d[i * w + j] = best;
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 && j > 0 {
        let here = d[i * w + j];
        let sub = if t[i - 1] == o[j - 1] { 0 } else { 1 };
        if here == d[(i - 1) * w + j - 1].saturating_add(sub) {
            pairs.push((t[i - 1], o[j - 1]));
            i -= 1;
            j -= 1;
        } else if here == d[(i - 1) * w + j].saturating_add(1) {
            i -= 1;
        } else {
            j -= 1;
        }
    }
    pairs.reverse();
    pairs
}

/// Character alignment of one token pair: (truth char, ocr char) with
/// `None` for insertions/deletions.
fn align_chars(t: &[char], o: &[char]) -> Vec<(Option<char>, Option<char>)> {
    use super::syllable::strip_char;
    let (n, m) = (t.len(), o.len());
    let w = m + 1;
    let mut d = vec![0f32; (n + 1) * w];
    for i in 0..=n {
        d[i * w] = i as f32;
    }
    for (j, x) in d.iter_mut().enumerate().take(m + 1) {
        *x = j as f32;
    }
    let sub = |a: char, b: char| {
        if a == b {
            0.0
        } else if strip_char(a) == strip_char(b) {
            0.5
        } else {
            1.0
        }
    };
    for i in 1..=n {
        for j in 1..=m {
            let v = (d[(i - 1) * w + j] + 1.0)
                .min(d[i * w + j - 1] + 1.0)
                .min(d[(i - 1) * w + j - 1] + sub(t[i - 1], o[j - 1]));
            d[i * w + j] = v;
        }
    }
    let mut ops = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        if i > 0 && j > 0 && d[i * w + j] == d[(i - 1) * w + j - 1] + sub(t[i - 1], o[j - 1]) {
            ops.push((Some(t[i - 1]), Some(o[j - 1])));
            i -= 1;
            j -= 1;
        } else if i > 0 && d[i * w + j] == d[(i - 1) * w + j] + 1.0 {
            ops.push((Some(t[i - 1]), None));
            i -= 1;
        } else {
            ops.push((None, Some(o[j.saturating_sub(1)])));
            j = j.saturating_sub(1);
        }
    }
    ops.reverse();
    ops
}

#[derive(Default)]
struct ErrorCounts {
    pairs: HashMap<(String, String), u32>,
    occ: HashMap<String, u32>,
    same: HashMap<char, (u32, u32)>,
    chars: u32,
}

impl ErrorCounts {
    fn add_pair(&mut self, t: &str, o: &str) {
        let tc: Vec<char> = t.chars().collect();
        for len in 1..=super::confusion::MAX_SEG {
            for win in tc.windows(len) {
                *self.occ.entry(win.iter().collect()).or_default() += 1;
            }
        }
        self.chars += tc.len() as u32 + 1;
        if t == o {
            for &c in &tc {
                let e = self.same.entry(c).or_default();
                e.0 += 1;
                e.1 += 1;
            }
            return;
        }
        let oc: Vec<char> = o.chars().collect();
        if tc.len() > 20 || oc.len() > 20 {
            return;
        }
        let ops = align_chars(&tc, &oc);
        for (a, b) in &ops {
            if let Some(a) = a {
                let e = self.same.entry(*a).or_default();
                e.1 += 1;
                if Some(*a) == *b {
                    e.0 += 1;
                }
            }
        }
        // Runs of non-matching ops, with up to one char of context.
        let mut k = 0;
        while k < ops.len() {
            if ops[k].0.is_some() && ops[k].0 == ops[k].1 {
                k += 1;
                continue;
            }
            let start = k;
            while k < ops.len() && !(ops[k].0.is_some() && ops[k].0 == ops[k].1) {
                k += 1;
            }
            let lo = start.saturating_sub(1);
            let hi = (k + 1).min(ops.len());
            for (s, e) in [(start, k), (lo, k), (start, hi), (lo, hi)] {
                let ts: String = ops[s..e].iter().filter_map(|x| x.0).collect();
                let os: String = ops[s..e].iter().filter_map(|x| x.1).collect();
                if ts.chars().count() <= super::confusion::MAX_SEG
                    && os.chars().count() <= super::confusion::MAX_SEG
                    && ts != os
                {
                    *self.pairs.entry((ts, os)).or_default() += 1;
                }
            }
        }
    }

    fn table(&self, legacy: bool) -> super::confusion::Table {
        let mut t = super::confusion::Table::default();
        let mut pairs: Vec<(&(String, String), &u32)> = self.pairs.iter().collect();
        pairs.sort();
        for ((ts, os), &c) in pairs {
            let single = ts.chars().count() <= 1 && os.chars().count() <= 1;
            if c < 2 && !single {
                continue;
            }
            let occ = if ts.is_empty() { self.chars } else { self.occ.get(ts).copied().unwrap_or(0) };
            let p = c as f64 / (occ as f64 + 2.0);
            let cost = (-p.log10()).clamp(0.05, 6.0) as f32;
            let tc: Vec<char> = ts.chars().collect();
            let oc: Vec<char> = os.chars().collect();
            t.insert(&tc, &oc, cost);
        }
        let mut same: Vec<(&char, &(u32, u32))> = self.same.iter().collect();
        same.sort();
        for (&c, &(ok, all)) in same {
            let p = (ok as f64 + 1.0) / (all as f64 + 2.0);
            t.set_same(c, (-p.log10()).max(0.0) as f32);
        }
        if legacy {
            for &(ts, os, cost) in super::confusion::LEGACY {
                let tc: Vec<char> = ts.chars().collect();
                let oc: Vec<char> = os.to_lowercase().chars().collect();
                t.insert(&tc, &oc, cost);
            }
        }
        t
    }
}

/// Seed of the legacy-shape pairs generated for training (`NQLEGACY`); the
/// evaluation (`scripts/eval-legacy.sh`) uses a different one.
pub const LEGACY_SEED: u64 = 0x4E51_4C45_4741_4359;

/// log10 odds added to every learned legacy-shape cost before it joins the
/// `vie` table. The table serves every mark-keeping document, most of
/// which come from Tesseract and never show these shapes; the shapes'
/// rates in legacy output are kept as learned and this prior alone says
/// how much rarer such documents are. 0.3 (half as likely) was set on
/// legacy-damaged `corpus/train-ocr` truths, where it keeps the clean
/// words' change count at its Tesseract-only level.
pub const LEGACY_PRIOR: f32 = 0.3;

impl ErrorCounts {
    /// Adds the pairs of one generated legacy reading of `text`: every word
    /// counts (so rates are per occurrence), but a word whose damage used a
    /// shape Tesseract also makes (mark and tone losses) counts as read
    /// correctly, so those confusions keep Tesseract's learned rates.
    fn add_legacy_text(&mut self, text: &str, damager: &mut Damager) -> usize {
        damager.reset_context();
        let mut n = 0;
        for tok in text.split_whitespace() {
            let core = tok.trim_matches(super::token::is_edge_punct);
            if core.is_empty() || !core.chars().all(super::syllable::is_letter) || core.chars().count() > 20 {
                damager.reset_context();
                continue;
            }
            let truth = core.to_lowercase();
            let ocr = match damager.word(core) {
                Some(d) if d.legacy_only => core_lower(&d.text),
                _ => truth.clone(),
            };
            self.add_pair(&truth, &ocr);
            n += 1;
        }
        n
    }

    /// Inserts the learned pairs into `t` at their cost plus `prior`, each
    /// only where it makes reading `ocr` for `truth` cheaper than `t`
    /// already does: a learned multi-char pair must not shadow a cheaper
    /// path (Tesseract's own single-char costs), so no confusion Tesseract
    /// output relies on gets dearer. Then the fixed priors of
    /// [`super::confusion::LEGACY`] that the generator never produced
    /// (`tr`→`fr`, `ớ`→`ó`) are added as before.
    fn merge_into(&self, t: &mut super::confusion::Table, prior: f32) -> usize {
        let mut pairs: Vec<(&(String, String), &u32)> = self.pairs.iter().collect();
        pairs.sort();
        let mut n = 0;
        for ((ts, os), &c) in pairs {
            if c < 2 || ts.is_empty() {
                continue;
            }
            let occ = self.occ.get(ts).copied().unwrap_or(0);
            let p = c as f64 / (occ as f64 + 2.0);
            let cost = ((-p.log10()) as f32 + prior).clamp(0.05, 6.0);
            let tc: Vec<char> = ts.chars().collect();
            let oc: Vec<char> = os.chars().collect();
            if cost < t.cost(&tc, &oc) {
                t.insert(&tc, &oc, cost);
                n += 1;
            }
        }
        for &(ts, os, cost) in super::confusion::LEGACY {
            let os = os.to_lowercase();
            if !self.pairs.contains_key(&(ts.to_owned(), os.clone())) {
                let tc: Vec<char> = ts.chars().collect();
                let oc: Vec<char> = os.chars().collect();
                t.insert(&tc, &oc, cost);
            }
        }
        n
    }
}

fn core_lower(tok: &str) -> String {
    let t = tok.trim_matches(super::token::is_edge_punct);
    t.to_lowercase()
}

/// Learns the OCR error model from `cases/*/{truth,ocr-vie,ocr-eng}.txt`
/// and writes it to `out`; returns a one-line summary. The legacy shapes
/// get the fixed prior costs of [`super::confusion::LEGACY`]; see
/// [`train_errors_legacy`] for learned ones.
///
/// # Errors
/// [`TrainError`] when the cases cannot be read or `out` written.
pub fn train_errors(cases: &Path, out: &Path) -> Result<String, TrainError> {
    train_errors_legacy(cases, None, out)
}

/// [`train_errors`], with the legacy-engine shapes learned from generated
/// pairs when `legacy_from` names a corpus of clean text (every `.txt`
/// under it, sorted): each file is read through [`Damager`] seeded with
/// [`LEGACY_SEED`], the (truth, damaged) words are aligned like the
/// Tesseract pairs, and the pairs of shapes Tesseract does not make are
/// merged into the `vie` table at their learned cost plus
/// [`LEGACY_PRIOR`].
///
/// Why merged and not a third profile: legacy output keeps its marks, so
/// it cannot be told from Tesseract `vie` output by mark density, and a
/// detector of its shapes would need more text than a line to decide
/// (clerks repair single lines too). The merged pairs only ever rewrite
/// an OCR side Tesseract never produces (`rứi`, `ừ`, `m`, `li`, `ii`, `Ị`),
/// the confusions both engines make keep Tesseract's rates, and a
/// Tesseract document pays for the extra pairs only through the prior.
///
/// The committed model is made by
/// `nghiquyet train-errors ../shared/corpus/train-ocr --legacy-from ../shared/corpus/lm -o models/errors.bin`.
///
/// # Errors
/// [`TrainError`] when the cases or the corpus cannot be read or `out`
/// written.
pub fn train_errors_legacy(
    cases: &Path,
    legacy_from: Option<&Path>,
    out: &Path,
) -> Result<String, TrainError> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(cases)
        .map_err(|e| TrainError::Io { path: cases.into(), source: e })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("truth.txt").is_file())
        .collect();
    dirs.sort();
    if dirs.is_empty() {
        return Err(TrainError::Empty { path: cases.into() });
    }
    let mut counts = [ErrorCounts::default(), ErrorCounts::default()];
    let mut n_pairs = [0usize; 2];
    for d in &dirs {
        let truth = read(&d.join("truth.txt"))?;
        let tt: Vec<String> = truth.split_whitespace().map(core_lower).collect();
        for (k, name) in ["ocr-vie.txt", "ocr-eng.txt"].iter().enumerate() {
            let p = d.join(name);
            if !p.is_file() {
                continue;
            }
            let ocr = read(&p)?;
            let ot: Vec<String> = ocr.split_whitespace().map(core_lower).collect();
            let tr: Vec<&str> = tt.iter().map(String::as_str).collect();
            let or: Vec<&str> = ot.iter().map(String::as_str).collect();
            for (t, o) in align_tokens(&tr, &or) {
                if t.is_empty() || o.is_empty() || t.chars().any(|c| c.is_ascii_digit()) {
                    continue;
                }
                counts[k].add_pair(t, o);
                n_pairs[k] += 1;
            }
        }
    }
    let mut legacy_note = String::new();
    let vie = match legacy_from {
        None => counts[0].table(true),
        Some(corpus) => {
            let files = text_files(corpus)?;
            let mut damager = Damager::new(LEGACY_SEED, Rates::default());
            let mut legacy = ErrorCounts::default();
            let mut words = 0;
            for f in &files {
                words += legacy.add_legacy_text(&read(f)?, &mut damager);
            }
            if words == 0 {
                return Err(TrainError::Empty { path: corpus.into() });
            }
            let mut t = counts[0].table(false);
            let merged = legacy.merge_into(&mut t, LEGACY_PRIOR);
            legacy_note =
                format!(", {merged} legacy shapes learned from {words} words of {} files", files.len());
            t
        }
    };
    let model = super::confusion::ErrorModel { vie, eng: counts[1].table(false) };
    let bytes = model.to_bytes();
    std::fs::write(out, &bytes).map_err(|e| TrainError::Io { path: out.into(), source: e })?;
    Ok(format!(
        "{} cases, {} vie / {} eng token pairs, {} vie / {} eng confusions{legacy_note}, {} bytes",
        dirs.len(),
        n_pairs[0],
        n_pairs[1],
        model.vie.len(),
        model.eng.len(),
        bytes.len()
    ))
}
