//! The syllable trigram language model: storage, loading and scoring.
//!
//! Vietnamese is written one syllable per token, so a syllable trigram
//! model sees as much context as a word bigram model elsewhere, and it is
//! what decides real-word errors (`vói`/`với`, `chi`/`chỉ đạo`).
//! Probabilities are interpolated Kneser–Ney (see [`super::train`]) stored
//! ARPA-style: every kept n-gram has its interpolated log10 probability,
//! every context its log10 back-off weight, so an unseen n-gram costs the
//! back-off weight plus the lower-order probability.
//!
//! Words are lowercase with the old tone placement folded to the new one
//! (`crate::text::tone::fold`); numbers are one class token, punctuation
//! another, paragraph starts a third. This module owns the binary format
//! (`models/lm.bin`, little-endian, sorted `u64` keys + quantized `u8`
//! values) and nothing about training.

use super::fastmap::FastMap;
use super::token::LmClass;
use super::ModelError;

/// Magic bytes opening `lm.bin`.
pub const MAGIC: &[u8; 8] = b"NQLM0001";

/// Id of words the model has not seen.
pub const UNK: u32 = 0;
/// Id of a paragraph start (and of padding before the first word).
pub const BOS: u32 = 1;
/// Id of any token with a digit.
pub const NUM: u32 = 2;
/// Id of any punctuation token.
pub const PUNCT: u32 = 3;
/// Spellings of the reserved ids.
pub const RESERVED: [&str; 4] = ["<unk>", "<s>", "<n>", "<p>"];

/// Bits per word id in packed n-gram keys.
pub const ID_BITS: u32 = 21;

/// Range covered by quantized log10 probabilities: `[-LOGP_RANGE, 0]`.
pub const LOGP_RANGE: f32 = 10.0;
/// Range covered by quantized log10 back-off weights: `[-BOW_RANGE, 0]`.
pub const BOW_RANGE: f32 = 5.0;

/// Quantizes a log10 value in `[-range, 0]` to a byte.
pub fn quantize(v: f32, range: f32) -> u8 {
    let x = (-v / range * 255.0).round();
    x.clamp(0.0, 255.0) as u8
}

/// Inverse of [`quantize`].
pub fn dequantize(q: u8, range: f32) -> f32 {
    -(q as f32) * range / 255.0
}

/// Packs a bigram key.
pub fn key2(a: u32, b: u32) -> u64 {
    ((a as u64) << ID_BITS) | b as u64
}

/// Packs a trigram key.
pub fn key3(a: u32, b: u32, c: u32) -> u64 {
    ((a as u64) << (2 * ID_BITS)) | ((b as u64) << ID_BITS) | c as u64
}

/// A loaded model. Immutable and shared by every repairer.
#[derive(Debug, Default)]
pub struct LanguageModel {
    /// Word → id, with the fast hasher: looked up once per token.
    ids: FastMap<Box<str>, u32>,
    words: Vec<Box<str>>,
    uni: Vec<(f32, f32)>,
    bi: FastMap<u64, (f32, f32)>,
    tri: FastMap<u64, f32>,
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self.pos.checked_add(n).ok_or(ModelError::Truncated)?;
        let s = self.bytes.get(self.pos..end).ok_or(ModelError::Truncated)?;
        self.pos = end;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?[0])
    }
}

/// Bounds a count read from the file before allocating for it.
fn bounded(n: u32, limit: usize) -> Result<usize, ModelError> {
    let n = n as usize;
    if n > limit {
        return Err(ModelError::Corrupt("count too large"));
    }
    Ok(n)
}

impl LanguageModel {
    /// Reads a model written by [`super::train::train_lm`].
    ///
    /// # Errors
    /// [`ModelError`] when the bytes are not a complete model.
    pub fn from_bytes(bytes: &[u8]) -> Result<LanguageModel, ModelError> {
        if bytes.get(..8) != Some(MAGIC.as_slice()) {
            return Err(ModelError::BadMagic);
        }
        let mut r = Reader { bytes, pos: 8 };
        let nv = bounded(r.u32()?, 1 << ID_BITS)?;
        let mut words = Vec::with_capacity(nv);
        let mut ids = FastMap::with_capacity_and_hasher(nv, Default::default());
        for i in 0..nv {
            let len = r.u8()? as usize;
            let w = std::str::from_utf8(r.take(len)?).map_err(|_| ModelError::Corrupt("word not UTF-8"))?;
            words.push(Box::<str>::from(w));
            ids.insert(Box::<str>::from(w), i as u32);
        }
        let mut uni = Vec::with_capacity(nv);
        for _ in 0..nv {
            let p = dequantize(r.u8()?, LOGP_RANGE);
            let b = dequantize(r.u8()?, BOW_RANGE);
            uni.push((p, b));
        }
        let nb = bounded(r.u32()?, bytes.len() / 8)?;
        let keys = r.take(nb * 8)?;
        let vals = r.take(nb * 2)?;
        let mut bi = FastMap::with_capacity_and_hasher(nb, Default::default());
        for (k, v) in keys.chunks_exact(8).zip(vals.chunks_exact(2)) {
            let key = u64::from_le_bytes([k[0], k[1], k[2], k[3], k[4], k[5], k[6], k[7]]);
            bi.insert(key, (dequantize(v[0], LOGP_RANGE), dequantize(v[1], BOW_RANGE)));
        }
        let nt = bounded(r.u32()?, bytes.len() / 8)?;
        let keys = r.take(nt * 8)?;
        let vals = r.take(nt)?;
        let mut tri = FastMap::with_capacity_and_hasher(nt, Default::default());
        for (k, v) in keys.chunks_exact(8).zip(vals) {
            let key = u64::from_le_bytes([k[0], k[1], k[2], k[3], k[4], k[5], k[6], k[7]]);
            tri.insert(key, dequantize(*v, LOGP_RANGE));
        }
        Ok(LanguageModel { ids, words, uni, bi, tri })
    }

    /// Id of a (lowercase, folded) word; [`UNK`] if unseen.
    pub fn id(&self, word: &str) -> u32 {
        self.ids.get(word).copied().unwrap_or(UNK)
    }

    /// The word with id `id`.
    pub fn word(&self, id: u32) -> &str {
        self.words.get(id as usize).map(|w| &**w).unwrap_or("<unk>")
    }

    /// Number of words, reserved ids included.
    pub fn vocab_len(&self) -> usize {
        self.words.len()
    }

    /// Number of stored bigrams and trigrams.
    pub fn ngram_counts(&self) -> (usize, usize) {
        (self.bi.len(), self.tri.len())
    }

    /// log10 P(w) on its own.
    pub fn unigram(&self, w: u32) -> f32 {
        self.uni.get(w as usize).map(|u| u.0).unwrap_or(-LOGP_RANGE)
    }

    /// log10 P(c | a b) with back-off.
    pub fn logp(&self, a: u32, b: u32, c: u32) -> f32 {
        if let Some(&p) = self.tri.get(&key3(a, b, c)) {
            return p;
        }
        let bow_ab = self.bi.get(&key2(a, b)).map(|v| v.1).unwrap_or(0.0);
        bow_ab + self.logp2(b, c)
    }

    /// log10 P(c | b) with back-off.
    pub fn logp2(&self, b: u32, c: u32) -> f32 {
        if let Some(&(p, _)) = self.bi.get(&key2(b, c)) {
            return p;
        }
        let bow_b = self.uni.get(b as usize).map(|u| u.1).unwrap_or(0.0);
        bow_b + self.unigram(c)
    }

    /// Whether the bigram `a b` was seen often enough to be kept.
    pub fn has_bigram(&self, a: u32, b: u32) -> bool {
        self.bi.contains_key(&key2(a, b))
    }

    /// All words with their unigram log10 probability (for candidate indexes).
    pub fn words(&self) -> impl Iterator<Item = (u32, &str, f32)> + '_ {
        self.words.iter().enumerate().map(|(i, w)| (i as u32, &**w, self.unigram(i as u32)))
    }
}

/// Reserved id of a non-word class.
pub fn class_id(c: &LmClass<'_>) -> Option<u32> {
    match c {
        LmClass::Num => Some(NUM),
        LmClass::Punct => Some(PUNCT),
        LmClass::Word(_) => None,
    }
}
