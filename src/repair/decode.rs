//! Choosing the corrections: a trigram Viterbi over candidate lattices.
//!
//! The running text becomes the language model's slot stream
//! ([`super::stream::slots`]); line breaks inside a paragraph do not break
//! the context. Each repairable token gets a few candidates (always
//! including itself); the path minimising `−log10 P_LM + weight × error
//! cost` wins. A changed token is then re-checked on its own: its gain is
//! the cost of putting the original back into the best path, and the change
//! stands only if the gain clears the margin for its kind (non-words are
//! cheap to fix, real words dear, names dearer). The gain above the margin,
//! in log10 odds, also gives the reported confidence through a logistic
//! curve fitted on the training OCR cases.

use super::candidates::CandidateIndex;
pub use super::change::{drop_overlapping, Change};
use super::confusion::Table;
use super::gazetteer;
use super::lm::{LanguageModel, BOS, NUM, PUNCT, UNK};
use super::protect::{classify, numeral, Kind};
use super::stream::{slots, Slot};
use super::syllable::{is_lower, is_upper, is_valid, Case};
use super::token::{lm_class, lm_form, tokenize, FastMap, LmClass, Token};
use super::RepairOptions;
use crate::lang::latin::is_alphabetic;
use crate::lang::places::{self, LevelWord};
use crate::schema::RepairReason;
use crate::text::tone::ToneStyle;
use std::borrow::Cow;

#[derive(Debug, Clone)]
struct Cand {
    id: u32,
    /// Error-model cost of reading this candidate as the OCR token.
    ch: f32,
}

struct SlotInfo {
    /// This slot's candidates in the shared buffer, the token itself first.
    cands: std::ops::Range<usize>,
    /// `logp` of the first candidates of this slot and the two before, when
    /// the fast path or the beam already asked (the search asks again).
    keep_logp: Option<f32>,
    token: Option<usize>,
    kind: Kind,
    nonword: bool,
    valid: bool,
}

impl SlotInfo {
    fn cands<'a>(&self, all: &'a [Cand]) -> &'a [Cand] {
        all.get(self.cands.clone()).unwrap_or(&[])
    }
}

const MAX_SCORED: usize = 40;

/// Decides the changes for `text`, keeping at most `max_cands`
/// alternatives per token for the Viterbi search and, for real words when
/// `beam` is given, only those within `beam` of the token locally.
pub fn decide(
    lm: &LanguageModel,
    index: &CandidateIndex,
    table: &Table,
    opts: &RepairOptions,
    text: &str,
    max_cands: usize,
    beam: Option<f32>,
) -> Vec<Change> {
    let toks = tokenize(text);
    let stream = slots(&toks);
    let style = ToneStyle::detect(text);
    let mut changes = Vec::new();
    let places = place_names(lm, &toks, style, &mut changes);
    // Legacy shapes: `COVỈD-Ỉ9` (protected otherwise); see `shapes`.
    changes.extend(toks.iter().filter_map(|t| super::undo::caps_i_change(t.core, t.start, t.end)));
    let lattice = lattice(lm, index, table, opts, &toks, &stream, &places, max_cands, beam, &mut changes);
    if crate::limit::should_stop() {
        return Vec::new();
    }
    let path = viterbi(lm, &lattice.infos, &lattice.all, opts.error_weight);
    if crate::limit::should_stop() {
        return Vec::new();
    }
    accept(lm, opts, &toks, &lattice, &path, style, &mut changes);
    let raw = lattice.raw;
    changes.extend(super::punct::stray_commas(
        lm,
        text,
        &toks,
        &stream,
        &raw,
        opts.comma_margin,
        opts.min_confidence,
    ));
    // Legacy shapes: the `)` of `nghiệỊ)` goes with the `Ị`.
    // The `)` is listed in `from` too: undoing the listed repairs must
    // give back the input.
    for c in &mut changes {
        let extra = super::undo::glued_paren_at(text, c.start, c.end, &c.from, &c.to);
        if extra > 0 {
            c.from.extend(text.chars().skip(c.end).take(extra));
            c.end += extra;
        }
    }
    changes.sort_by_key(|c| c.start);
    changes.dedup_by_key(|c| c.start);
    changes
}

/// The candidates of every slot of the stream, with what the search and
/// the acceptance need to know of each (its kind, whether it is a word).
struct Lattice {
    /// Every slot's candidates, one buffer for the document; a slot's
    /// first candidate is the token as read.
    all: Vec<Cand>,
    /// Per slot: where its candidates are and what the token is.
    infos: Vec<SlotInfo>,
    /// The observed id of every slot.
    raw: Vec<u32>,
}

/// Confidence of a Roman numeral read after its context word ("khóa
/// xm" → XIII, [`numeral`]): the context word leaves little doubt, as
/// with the rules' symbol readings.
const NUMERAL_CONFIDENCE: f64 = 0.9;

/// Weight of a candidate's unigram log probability against its error cost
/// when only the best `max_cands` of the generated ones are kept: frequent
/// words first among equally likely misreadings.
const UNIGRAM_PRESELECT_WEIGHT: f32 = 0.5;

/// Builds the lattice: for each slot, the token as read and (unless it is
/// protected or fits its context, the fast path) its alternatives within
/// the local beam. Numerals read after their context word are added to
/// `changes` on the way.
#[allow(clippy::too_many_arguments)]
fn lattice(
    lm: &LanguageModel,
    index: &CandidateIndex,
    table: &Table,
    opts: &RepairOptions,
    toks: &[Token<'_>],
    stream: &[Slot],
    places: &[Option<&'static str>],
    max_cands: usize,
    beam: Option<f32>,
    changes: &mut Vec<Change>,
) -> Lattice {
    let mut infos: Vec<SlotInfo> = Vec::with_capacity(stream.len());
    let mut prev_ids = (BOS, BOS);
    let mut prev_word: String = String::new();
    let mut sentence_start = true;
    // The previous slot's alternatives. When it has some, its observed id
    // is no safe context for this token's fast path ("thâm quyên": each
    // fits the other as read, as in the city Thâm Quyến).
    let mut prev_alts: Vec<u32> = Vec::new();
    let mut cand_ids: Vec<u32> = Vec::new();
    let mut wc: Vec<char> = Vec::new();
    // Scored alternatives per spelling (index into `cached`).
    let mut cache: FastMap<String, usize> = FastMap::default();
    let mut cached: Vec<Vec<Cand>> = Vec::new();
    // The observed ids, for the fast path's look at both neighbours.
    let classes: Vec<Option<LmClass<'_>>> = stream
        .iter()
        .map(|s| match *s {
            Slot::Fixed(_) => None,
            Slot::Token(ti) => Some(match lm_class(toks[ti].core) {
                LmClass::Num if digit_shaped_word(toks[ti].core) => LmClass::Word(lm_form(toks[ti].core)),
                c => c,
            }),
        })
        .collect();
    let raw: Vec<u32> = stream
        .iter()
        .zip(&classes)
        .map(|(s, c)| match (s, c) {
            (Slot::Fixed(id), _) => *id,
            (_, Some(LmClass::Word(w))) => lm.id(w),
            (_, Some(LmClass::Num)) => NUM,
            _ => PUNCT,
        })
        .collect();
    // Every slot's candidates, one buffer for the document.
    let mut all: Vec<Cand> = Vec::with_capacity(stream.len() + stream.len() / 4);
    for (si, s) in stream.iter().enumerate() {
        // Past the document's time limit nothing decided here is kept
        // (checked every 256 slots: a clock read each, well under 1 ms).
        if si % 256 == 0 && crate::limit::should_stop() {
            return Lattice { all: Vec::new(), infos: Vec::new(), raw: Vec::new() };
        }
        let first = all.len();
        let info = match *s {
            Slot::Fixed(id) => {
                if id == BOS || id == PUNCT {
                    sentence_start = id == BOS || sentence_start;
                }
                all.push(Cand { id, ch: 0.0 });
                SlotInfo {
                    cands: first..all.len(),
                    keep_logp: None,
                    token: None,
                    kind: Kind::Protected,
                    nonword: false,
                    valid: true,
                }
            }
            Slot::Token(ti) => {
                let t: &Token<'_> = &toks[ti];
                let fallback;
                // `raw` already holds the id of a word from `classes`.
                let (class, raw_id) = match classes.get(si) {
                    Some(Some(c)) => (c, raw.get(si).copied()),
                    _ => {
                        fallback = lm_class(t.core);
                        (&fallback, None)
                    }
                };
                let place = places.get(ti).copied().flatten();
                let kind = if place.is_some() {
                    Kind::Protected
                } else if digit_shaped_word(t.core) {
                    Kind::Word
                } else {
                    classify(t.core, sentence_start || t.line_start)
                };
                if let Some((n, roman)) = numeral(&prev_word, t.core) {
                    changes.push(Change {
                        start: t.start,
                        end: t.start + n,
                        from: t.core.chars().take(n).collect(),
                        to: roman,
                        confidence: NUMERAL_CONFIDENCE,
                        reason: RepairReason::Numeral,
                    });
                }
                let (id, lo): (u32, Cow<'_, str>) = match (class, place) {
                    (_, Some(p)) => {
                        let w = lm_form(p);
                        (lm.id(&w), w)
                    }
                    (LmClass::Word(w), None) => (raw_id.unwrap_or_else(|| lm.id(w)), Cow::Borrowed(&**w)),
                    (LmClass::Num, None) => (NUM, Cow::Borrowed("")),
                    (LmClass::Punct, None) => (PUNCT, Cow::Borrowed("")),
                };
                prev_word.clear();
                prev_word.push_str(&lo);
                sentence_start = t.ends_sentence;
                // A word the model does not know shares the `<unk>` mass
                // with thousands of others.
                let keep = Cand {
                    id,
                    ch: if id == UNK { opts.unk_penalty + super::undo::keep_penalty(&lo) } else { 0.0 },
                };
                if kind == Kind::Protected || lo.is_empty() {
                    all.push(keep);
                    SlotInfo {
                        cands: first..all.len(),
                        keep_logp: None,
                        token: None,
                        kind,
                        nonword: false,
                        valid: true,
                    }
                } else {
                    let valid = is_valid(t.core);
                    // Legal spellings the corpus never uses twice are
                    // treated like non-words.
                    let nonword = !valid || id == UNK;
                    // Fast path: a known syllable that fits its context.
                    let next = raw.get(si + 1).copied().unwrap_or(BOS);
                    let keep_logp = (valid && id != UNK).then(|| lm.logp(prev_ids.0, prev_ids.1, id));
                    let fits = prev_alts.is_empty()
                        && keep_logp.is_some_and(|p| p > opts.fast_path_logp)
                        && lm.logp2(id, next) > opts.fast_path_logp;
                    if fits {
                        all.push(keep);
                        SlotInfo { cands: first..all.len(), keep_logp, token: Some(ti), kind, nonword, valid }
                    } else {
                        // Documents repeat their words: score each spelling once.
                        let known = cache.get(&*lo).copied();
                        let at = known.unwrap_or_else(|| {
                            cand_ids.clear();
                            index.generate(&lo, table, !valid, &mut cand_ids);
                            let lo_chars: Vec<char> = lo.chars().collect();
                            let mut costs = table.costs_against(&lo_chars);
                            let keep_ch = costs.cost(&lo_chars);
                            // The error-model DP is the expensive part: score only
                            // the most frequent few dozen.
                            cand_ids.retain(|&c| c != id);
                            if cand_ids.len() > MAX_SCORED {
                                cand_ids
                                    .sort_by(|a, b| lm.unigram(*b).total_cmp(&lm.unigram(*a)).then(a.cmp(b)));
                                cand_ids.truncate(MAX_SCORED);
                            }
                            let mut scored: Vec<(f32, Cand)> = cand_ids
                                .iter()
                                .map(|&c| {
                                    wc.clear();
                                    wc.extend(lm.word(c).chars());
                                    let ch = costs.cost(&wc) - keep_ch;
                                    (
                                        ch * opts.error_weight - UNIGRAM_PRESELECT_WEIGHT * lm.unigram(c),
                                        Cand { id: c, ch },
                                    )
                                })
                                .filter(|(_, c)| c.ch < opts.max_error_cost)
                                .collect();
                            scored.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.id.cmp(&b.1.id)));
                            scored.truncate(max_cands);
                            cached.push(scored.into_iter().map(|x| x.1).collect::<Vec<Cand>>());
                            cache.insert(lo.to_string(), cached.len() - 1);
                            cached.len() - 1
                        });
                        let scored: &[Cand] = cached.get(at).map(Vec::as_slice).unwrap_or(&[]);
                        // Local beam: an alternative that loses to the token
                        // by more than `local_beam` against the observed
                        // neighbours is dropped before the (cubic) search.
                        let next = raw.get(si + 1).copied().unwrap_or(BOS);
                        let local = |c: &Cand| {
                            opts.error_weight * c.ch
                                - lm.logp(prev_ids.0, prev_ids.1, c.id)
                                - lm.logp2(c.id, next)
                        };
                        let keep_logp = keep_logp.unwrap_or_else(|| lm.logp(prev_ids.0, prev_ids.1, keep.id));
                        let keep_local = opts.error_weight * keep.ch - keep_logp - lm.logp2(keep.id, next);
                        all.push(keep);
                        let beam = if nonword { None } else { beam };
                        // Joint errors ("thâm quyên" for "thẩm quyền"): an
                        // alternative is also judged after the previous
                        // token's alternatives, the reading Viterbi may pick.
                        let local_best = |c: &Cand| {
                            let after_alt = prev_alts
                                .iter()
                                .map(|&p| lm.logp(prev_ids.0, p, c.id))
                                .fold(f32::NEG_INFINITY, f32::max);
                            local(c).min(opts.error_weight * c.ch - after_alt - lm.logp2(c.id, next))
                        };
                        // Log probabilities are never positive, so
                        // `local_best` is at least its first term, and at
                        // least its first term less the bigram's (each
                        // subtraction rounds monotonically): an alternative
                        // those bounds already put outside the beam is
                        // dropped without the trigram lookups, as
                        // `local_best` would.
                        let in_beam = |c: &Cand| match beam {
                            None => true,
                            Some(b) => {
                                let limit = keep_local + b;
                                let first = opts.error_weight * c.ch;
                                first < limit && first - lm.logp2(c.id, next) < limit && local_best(c) < limit
                            }
                        };
                        all.extend(scored.iter().filter(|c| in_beam(c)).cloned());
                        SlotInfo {
                            cands: first..all.len(),
                            keep_logp: Some(keep_logp),
                            token: Some(ti),
                            kind,
                            nonword,
                            valid,
                        }
                    }
                }
            }
        };
        prev_ids = (prev_ids.1, all.get(first).map_or(UNK, |c| c.id));
        prev_alts.clear();
        prev_alts.extend(all.get(first + 1..).unwrap_or(&[]).iter().map(|c| c.id));
        infos.push(info);
    }
    Lattice { all, infos, raw }
}

/// Extra gain a capitalized token that is no syllable at all needs over a
/// non-word's margin: OCR debris more often than a foreign name, yet a
/// name is still possible.
const CAPITAL_DEBRIS_EXTRA: f32 = 0.3;

/// Platt-style mapping of a change's gain above its margin (log10 odds)
/// to a probability, fitted by eye to `scripts/calibrate.py` on
/// corpus/train-ocr: changes at the margin are right ~80 % of the time,
/// those 2 log10 units above it ~97 %.
const CONFIDENCE_SLOPE: f64 = 0.5;
/// Offset of that mapping (the ~80 % at the margin).
const CONFIDENCE_OFFSET: f64 = 0.6;
/// Highest confidence given: nothing measured was ever certain.
const MAX_CONFIDENCE: f64 = 0.995;

/// Acceptance: each change on the best `path` is checked on its own (its
/// gain is the cost of putting the token as read back into the path) and
/// kept only if the gain clears the margin for its kind (non-words are
/// cheap to fix, real words dear, names dearer) and its confidence the
/// minimum.
fn accept(
    lm: &LanguageModel,
    opts: &RepairOptions,
    toks: &[Token<'_>],
    lattice: &Lattice,
    path: &[usize],
    style: ToneStyle,
    changes: &mut Vec<Change>,
) {
    let (infos, all) = (&lattice.infos, &lattice.all);
    // Re-check each change on its own.
    let ids: Vec<u32> = path.iter().enumerate().map(|(i, &k)| infos[i].cands(all)[k].id).collect();
    let id_at = |ids: &[u32], i: isize| if i < 0 { BOS } else { ids[i as usize] };
    let local = |ids: &[u32], i: usize, ch: f32| -> f32 {
        let mut c = opts.error_weight * ch;
        for k in i..(i + 3).min(ids.len()) {
            let k = k as isize;
            c -= lm.logp(id_at(ids, k - 2), id_at(ids, k - 1), ids[k as usize]);
        }
        c
    };
    let mut final_ids = ids.clone();
    for (i, &k) in path.iter().enumerate() {
        if k == 0 {
            continue;
        }
        let info = &infos[i];
        let cands = info.cands(all);
        let Some(ti) = info.token else { continue };
        let best = local(&final_ids, i, cands[k].ch);
        let chosen = final_ids[i];
        final_ids[i] = cands[0].id;
        let orig = local(&final_ids, i, cands[0].ch);
        final_ids[i] = chosen;
        let gain = orig - best;
        let margin = match (info.kind, info.nonword) {
            // A capitalized token that is no syllable at all is OCR debris
            // more often than a foreign name.
            (Kind::Name, true) if !info.valid => opts.nonword_margin + CAPITAL_DEBRIS_EXTRA,
            (Kind::Name, _) if lone_capital(toks, ti) => opts.lone_capital_margin,
            (Kind::Name, _) => opts.name_margin,
            (_, true) => opts.nonword_margin,
            (_, false) => opts.realword_margin,
        };
        let excess = (gain - margin) as f64;
        let confidence =
            (1.0 / (1.0 + 10f64.powf(-CONFIDENCE_SLOPE * excess - CONFIDENCE_OFFSET))).min(MAX_CONFIDENCE);
        if gain < margin || confidence < opts.min_confidence {
            final_ids[i] = cands[0].id;
            continue;
        }
        let t = &toks[ti];
        let word = lm.word(cands[k].id);
        let styled = style.apply(word);
        let case = match Case::of(t.core) {
            Case::Mixed => {
                if t.core.chars().next().is_some_and(char::is_uppercase) {
                    Case::Title
                } else {
                    Case::Lower
                }
            }
            c => c,
        };
        let to = case.apply(&styled);
        if to == t.core || lm_form(&to) == lm_form(t.core) {
            continue;
        }
        changes.push(Change {
            start: t.start,
            end: t.end,
            from: t.core.to_owned(),
            to,
            confidence,
            reason: if info.nonword { RepairReason::Nonword } else { RepairReason::Realword },
        });
    }
}

/// A lower-case word with a digit the OCR put for a marked vowel: `s6`
/// (số), `t6` (tổ), `c6ng` (công), `x4` (xã). In corpus/train-ocr `eng`
/// output 1,104 tokens look like this, nearly all of them words. As a
/// number it would be protected and would mislead its neighbours ("liên
/// quan t6 chức" read as "quận 6"); as a non-word it gets candidates.
/// Only `0`, `4` and `6`, which stand for vowels, and only after a letter
/// that can open a Vietnamese syllable: units such as `m2`, `m3`, `km2`
/// and codes such as `f0`, `h5n1` stay numbers.
fn digit_shaped_word(core: &str) -> bool {
    let opens = core.chars().next().is_some_and(|c| is_lower(c) && !matches!(c, 'f' | 'j' | 'w' | 'z'));
    opens
        && (2..=7).contains(&core.chars().count())
        && core.chars().all(|c| (is_alphabetic(c) && is_lower(c)) || matches!(c, '0' | '4' | '6'))
        && core.bytes().any(|b| b.is_ascii_digit())
}

/// A capitalized word between lower-case words ("Ban Thường vụ Đăng ủy
/// tỉnh"): Vietnamese names run in Title Case over all their syllables,
/// so a lone capital is far more often a capitalized common word ("Đảng",
/// "Tỉnh ủy", "Sở") than a one-syllable name.
fn lone_capital(toks: &[Token<'_>], ti: usize) -> bool {
    let lower = |t: Option<&Token<'_>>| t.is_none_or(|t| !t.core.starts_with(is_upper));
    lower(ti.checked_sub(1).and_then(|p| toks.get(p))) && lower(toks.get(ti + 1))
}

/// Finds capitalized place names ([`gazetteer`]); returns, per token, the
/// place's spelling of that syllable, and records a change where the OCR
/// lost or confused marks, unless the tokens as read form a known word
/// sequence.
fn place_names(
    lm: &LanguageModel,
    toks: &[Token<'_>],
    style: ToneStyle,
    changes: &mut Vec<Change>,
) -> Vec<Option<&'static str>> {
    let mut out = vec![None; toks.len()];
    let capital = |t: &Token<'_>| {
        t.core.chars().next().is_some_and(char::is_uppercase)
            && t.core.chars().all(super::syllable::is_letter)
    };
    let mut i = 0;
    while i < toks.len() {
        // A run of capitalized words not broken by punctuation or a
        // blank line.
        let mut j = i;
        while j < toks.len()
            && j < i + 3
            && capital(&toks[j])
            && (j == i || !(toks[j].lead_punct || toks[j].para_start))
        {
            j += 1;
            if toks[j - 1].trail_punct {
                break;
            }
        }
        if j - i < 2 {
            i += 1;
            continue;
        }
        let cores: Vec<&str> = toks[i..j].iter().map(|t| t.core).collect();
        // The two words before the run, for a commune's level word
        // (`xã Bảo Hà`); none across punctuation.
        let word_before = |k: usize| {
            let t = i.checked_sub(k).and_then(|p| toks.get(p))?;
            let gap = toks[i + 1 - k..=i].iter().any(|n| n.lead_punct)
                || toks[i - k..i].iter().any(|p| p.trail_punct);
            (!gap).then_some(t.core)
        };
        let before =
            [word_before(2).filter(|_| word_before(1).is_some()).unwrap_or(""), word_before(1).unwrap_or("")];
        let Some(place) = gazetteer::lookup(before, &cores) else {
            i += 1;
            continue;
        };
        // Words the language model knows in this order are words, not a
        // misread place (`VĂN BẢN` is not the district Văn Bàn).
        let ids: Vec<u32> = cores.iter().take(place.len()).map(|c| lm.id(&lm_form(c))).collect();
        let exact = cores.iter().zip(place.iter()).all(|(c, p)| lm_form(c) == lm_form(p));
        if !exact && ids.iter().all(|&id| id != UNK) && ids.windows(2).all(|w| lm.has_bigram(w[0], w[1])) {
            i += place.len();
            continue;
        }
        // `tính Lào Cai`, `TÍNH LÀO CAI`: the level word before a province
        // is `tỉnh` whatever mark the scan gave it (no corpus/lm text puts
        // `tính`, `tình` or `tinh` before a province's name). The word is
        // read as the gazetteer reads level words, marks stripped.
        if let Some(p) = i.checked_sub(1).filter(|&p| !toks[p].trail_punct && !toks[i].lead_punct) {
            let t = &toks[p];
            let tinh = LevelWord::Tinh;
            let province = || places::lookup_words(&place).any(|u| tinh.admits(u.kind()));
            if gazetteer::level_before(["", t.core]) == Some(tinh)
                && t.core.to_lowercase() != tinh.as_str()
                && province()
            {
                out[p] = Some(tinh.as_str());
                let to = if Case::of(t.core) == Case::Upper { "TỈNH" } else { tinh.as_str() };
                changes.push(Change {
                    start: t.start,
                    end: t.end,
                    from: t.core.to_owned(),
                    to: to.to_owned(),
                    confidence: 0.95,
                    reason: RepairReason::Realword,
                });
            }
        }
        for (k, &syl) in place.iter().enumerate() {
            let t = &toks[i + k];
            out[i + k] = Some(syl);
            let case = if Case::of(t.core) == Case::Upper { Case::Upper } else { Case::Title };
            let to = case.apply(&style.apply(&syl.to_lowercase()));
            if lm_form(&to) != lm_form(t.core) {
                changes.push(Change {
                    start: t.start,
                    end: t.end,
                    from: t.core.to_owned(),
                    to,
                    confidence: 0.95,
                    reason: if is_valid(t.core) { RepairReason::Realword } else { RepairReason::Nonword },
                });
            }
        }
        i += place.len();
    }
    out
}

/// Best candidate index per slot under the trigram model.
fn viterbi(lm: &LanguageModel, infos: &[SlotInfo], all: &[Cand], w: f32) -> Vec<usize> {
    let n = infos.len();
    if n == 0 {
        return Vec::new();
    }
    // Layer i: scores over (a = cand of i-1, b = cand of i); back[i][(a,b)] = z (cand of i-2).
    let bos = [Cand { id: BOS, ch: 0.0 }];
    let cands = |i: isize| -> &[Cand] {
        if i < 0 {
            &bos
        } else {
            infos[i as usize].cands(all)
        }
    };
    let mut prev_scores: Vec<f32> = vec![0.0]; // over (i-2 = BOS, i-1 = BOS)
    let mut scores: Vec<f32> = Vec::new();
    // All layers' back-pointers, layer i from `back_at[i]` on (one buffer,
    // not one allocation per slot).
    let mut backs: Vec<u16> = Vec::with_capacity(n);
    let mut back_at: Vec<usize> = Vec::with_capacity(n);
    for i in 0..n as isize {
        let zc = cands(i - 2);
        let ac = cands(i - 1);
        let bc = cands(i);
        let (na, nb) = (ac.len(), bc.len());
        scores.clear();
        scores.resize(na * nb, f32::INFINITY);
        let off = backs.len();
        back_at.push(off);
        backs.resize(off + na * nb, 0);
        let back = &mut backs[off..];
        for (ai, a) in ac.iter().enumerate() {
            for (bi, b) in bc.iter().enumerate() {
                let mut best = f32::INFINITY;
                let mut arg = 0u16;
                for (zi, z) in zc.iter().enumerate() {
                    let p = prev_scores[zi * na + ai];
                    if !p.is_finite() {
                        continue;
                    }
                    let lp = match (zi, ai, bi, infos[i as usize].keep_logp) {
                        (0, 0, 0, Some(lp)) => lp,
                        _ => lm.logp(z.id, a.id, b.id),
                    };
                    let s = p - lp + w * b.ch;
                    if s < best {
                        best = s;
                        arg = zi as u16;
                    }
                }
                scores[ai * nb + bi] = best;
                back[ai * nb + bi] = arg;
            }
        }
        std::mem::swap(&mut prev_scores, &mut scores);
    }
    // Trace back.
    let nb = cands(n as isize - 1).len();
    let (mut best_ab, mut best) = (0usize, f32::INFINITY);
    for (k, &s) in prev_scores.iter().enumerate() {
        if s < best {
            best = s;
            best_ab = k;
        }
    }
    let mut path = vec![0usize; n];
    let mut a = best_ab / nb;
    let mut b = best_ab % nb;
    for i in (0..n).rev() {
        path[i] = b;
        let na_len = cands(i as isize - 1).len();
        let nb_len = cands(i as isize).len();
        let k = a * nb_len + b;
        let z =
            if k < na_len * nb_len { backs.get(back_at[i] + k).copied().unwrap_or(0) as usize } else { 0 };
        b = a;
        a = z;
    }
    path
}
