//! Old and new tone placement (`hoà`/`hòa`, `thuỷ`/`thủy`) as one word.
//!
//! Both placements are correct Vietnamese and real documents mix them, so
//! nothing in the pipeline *rewrites* a document's choice. Lookups
//! (lexicon, language model, gazetteers) use [`fold`], which maps the old
//! placement to the new one; [`ToneStyle::detect`] tells which style a
//! document prefers, so that a repair writes candidates in the document's
//! own style via [`ToneStyle::apply`].
//!
//! The ambiguity exists only for open syllables ending in `oa`, `oe` or
//! `uy` (not `quy`, where `u` belongs to the initial): old style puts the
//! tone on the last vowel (`hoà`, `uỷ`), new style on the first (`hòa`,
//! `ủy`). With a final consonant both styles agree (`hoàng`, `thuyền`).

use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;

use crate::lang::latin::is_alphabetic;

/// A document's tone placement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ToneStyle {
    /// Tone on the first vowel: `hòa`, `ủy` (the 2018 school standard).
    #[default]
    New,
    /// Tone on the last vowel: `hoà`, `uỷ` (traditional, common in Party
    /// documents).
    Old,
}

const TONES: [char; 5] = ['\u{0300}', '\u{0301}', '\u{0303}', '\u{0309}', '\u{0323}'];

/// Where the tone of an ambiguous open syllable sits, if `word` has one.
/// Returns `(first_vowel_index, second_vowel_index, tone_on_second)` in the
/// NFD char vector.
fn ambiguous_pair(nfd: &[char]) -> Option<(usize, usize, bool)> {
    // Strip the tone to find the bare ending; expect ...V1 [tone] V2 [tone].
    let base: Vec<(usize, char)> =
        nfd.iter().copied().enumerate().filter(|(_, c)| !TONES.contains(c)).collect();
    if base.len() < 2 {
        return None;
    }
    let (i2, v2) = base[base.len() - 1];
    let (i1, v1) = base[base.len() - 2];
    let l1 = v1.to_lowercase().next()?;
    let l2 = v2.to_lowercase().next()?;
    let pair_ok = matches!((l1, l2), ('o', 'a') | ('o', 'e') | ('u', 'y'));
    if !pair_ok {
        return None;
    }
    if l1 == 'u' && base.len() >= 3 {
        let prev = base[base.len() - 3].1.to_lowercase().next()?;
        if prev == 'q' {
            return None;
        }
    }
    // Any vowel before the pair makes it a different rhyme (e.g. "uoa").
    if base.len() >= 3 {
        let prev = base[base.len() - 3].1.to_lowercase().next()?;
        if "aeiouyâăêôơư".contains(prev) {
            return None;
        }
    }
    let tone_on_second = nfd[i2 + 1..].iter().any(|c| TONES.contains(c));
    let tone_on_first = nfd[i1 + 1..i2].iter().any(|c| TONES.contains(c));
    if !tone_on_first && !tone_on_second {
        return None;
    }
    Some((i1, i2, tone_on_second))
}

/// Whether [`ambiguous_pair`] can find anything in `word`: it needs the
/// last letter (its tone aside) to be `a`, `e` or `y`.
///
/// This is exact, not a guess: when the last char decomposes to a starter
/// and marks, the word's NFD ends with exactly that decomposition, so the
/// last non-tone char `ambiguous_pair` looks at is the last non-tone char
/// of the last char's own decomposition. Anything else (a word ending in
/// a combining mark) is left to the full test. Most words fail here, which
/// spares the NFD of every word `fold` and [`ToneStyle::detect`] see.
fn may_end_in_pair(word: &str) -> bool {
    let Some(last) = word.chars().next_back() else { return false };
    if last.is_ascii() {
        // Its own decomposition, a starter.
        return matches!(last.to_ascii_lowercase(), 'a' | 'e' | 'y');
    }
    let mut parts = ['\0'; 4];
    let mut n = 0;
    unicode_normalization::char::decompose_canonical(last, |c| {
        if let Some(p) = parts.get_mut(n) {
            *p = c;
        }
        n += 1;
    });
    let parts = &parts[..n.min(parts.len())];
    if n > parts.len()
        || parts.first().is_none_or(|&c| unicode_normalization::char::canonical_combining_class(c) != 0)
    {
        return true;
    }
    match parts.iter().rev().find(|c| !TONES.contains(c)) {
        Some(v) => matches!(v.to_lowercase().next(), Some('a' | 'e' | 'y')),
        None => true,
    }
}

fn move_tone(word: &str, to_first: bool) -> Cow<'_, str> {
    if word.is_ascii() || !may_end_in_pair(word) {
        return Cow::Borrowed(word);
    }
    let nfd: Vec<char> = word.nfd().collect();
    let Some((i1, i2, on_second)) = ambiguous_pair(&nfd) else {
        return Cow::Borrowed(word);
    };
    if on_second != to_first {
        return Cow::Borrowed(word);
    }
    let tone_pos = if on_second {
        (i2 + 1..nfd.len()).find(|&k| TONES.contains(&nfd[k]))
    } else {
        (i1 + 1..i2).find(|&k| TONES.contains(&nfd[k]))
    };
    let Some(tp) = tone_pos else { return Cow::Borrowed(word) };
    let tone = nfd[tp];
    let mut chars: Vec<char> = nfd.clone();
    chars.remove(tp);
    // after removal, indices after tp shift by one
    let insert_at = if to_first {
        // after v1 and any shape mark of v1
        let mut k = i1 + 1;
        while k < chars.len() && !chars[k].is_alphabetic() {
            k += 1;
        }
        k
    } else {
        chars.len()
    };
    chars.insert(insert_at, tone);
    Cow::Owned(chars.into_iter().nfc().collect())
}

/// Maps the old tone placement to the new one (`hoà` → `hòa`, `uỷ` → `ủy`);
/// every other word is returned unchanged.
pub fn fold(word: &str) -> Cow<'_, str> {
    move_tone(word, true)
}

impl ToneStyle {
    /// The style most ambiguous syllables of `text` use (new when tied).
    pub fn detect(text: &str) -> ToneStyle {
        let (mut old, mut new) = (0usize, 0usize);
        for w in text.split(|c: char| !is_alphabetic(c)) {
            if w.is_ascii() || !may_end_in_pair(w) || w.chars().count() > 7 {
                continue;
            }
            let nfd: Vec<char> = w.nfd().collect();
            if let Some((_, _, on_second)) = ambiguous_pair(&nfd) {
                if on_second {
                    old += 1;
                } else {
                    new += 1;
                }
            }
        }
        if old > new {
            ToneStyle::Old
        } else {
            ToneStyle::New
        }
    }

    /// Writes `word` (in any style) in this style.
    pub fn apply(self, word: &str) -> Cow<'_, str> {
        match self {
            ToneStyle::New => move_tone(word, true),
            ToneStyle::Old => move_tone(word, false),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_old_to_new() {
        for (old, new) in [
            ("hoà", "hòa"),
            ("Hoà", "Hòa"),
            ("uỷ", "ủy"),
            ("Uỷ", "Ủy"),
            ("thuỷ", "thủy"),
            ("khoẻ", "khỏe"),
            ("hoá", "hóa"),
            ("toạ", "tọa"),
        ] {
            assert_eq!(fold(old), new, "{old}");
            assert_eq!(fold(new), new, "{new} stays");
            assert_eq!(ToneStyle::Old.apply(new), old, "{new} to old");
        }
    }

    #[test]
    fn leaves_unambiguous_words() {
        for w in ["quý", "Quý", "hoàng", "thuyền", "tỉnh", "khoa", "của", "người"] {
            if w.chars().count() < 6 {
                assert_eq!(fold(w), w);
            }
        }
    }

    #[test]
    fn the_quick_test_never_hides_a_pair() {
        // Every legal syllable in both cases and both tone placements, and
        // decomposed spellings, which the quick test leaves to the full one.
        let mut words: Vec<String> = crate::lang::syllable::all().map(str::to_owned).collect();
        words.extend(words.clone().iter().map(|w| w.to_uppercase()));
        words.extend(["hoa\u{300}".to_owned(), "thuy\u{309}".to_owned(), "kho\u{309}e".to_owned()]);
        let mut pairs = 0;
        for w in &words {
            let nfd: Vec<char> = w.nfd().collect();
            if ambiguous_pair(&nfd).is_some() {
                pairs += 1;
                assert!(may_end_in_pair(w), "{w}");
            }
        }
        assert!(pairs > 100, "{pairs}");
        assert!(!may_end_in_pair("tỉnh") && !may_end_in_pair("Người") && !may_end_in_pair(""));
        assert!(may_end_in_pair("của") && may_end_in_pair("HOÀ") && may_end_in_pair("ủy"));
    }

    #[test]
    fn detects_style() {
        assert_eq!(ToneStyle::detect("Tỉnh uỷ, hoà bình, hoá chất, hòa"), ToneStyle::Old);
        assert_eq!(ToneStyle::detect("Tỉnh ủy, hòa bình"), ToneStyle::New);
    }
}
