//! Vietnamese place names, for the one kind of name evidence that is
//! overwhelming: a capitalized two- or three-syllable sequence whose bare
//! letters spell a known place (`Lao Cai` → `Lào Cai`, `QUANG NINH` →
//! `QUẢNG NINH`). Capitalized words are otherwise treated as names and
//! left alone ([`super::protect`]); a gazetteer match both repairs marks
//! and shields the correctly spelt name from the language model.
//!
//! The names are [`crate::lang::places`]'s (every province, district and
//! commune before and after 2025-07-01). Only mark-stripped matches are
//! used, so a wrong letter is never "corrected" into a place. This module
//! decides which matches to believe:
//! * provinces and the hand-written regions wherever they stand;
//! * districts behind their level word (`huyện`, `quận`, `thị xã`,
//!   `thành phố`), or elsewhere when at most one word has marks that
//!   differ from the name's (`Bao Yen`, `Trần Yên`; not `Thành Phụ`: on
//!   the clean dev texts a signer's `Văn Thành` and the next paragraph's
//!   `Phụ lục` read as the district Thạnh Phú);
//! * communes only behind a commune's level word (`xã`, `phường`, `thị
//!   trấn`, `đặc khu`, read with its marks stripped, as OCR leaves it):
//!   commune names are common words far more often (`Đoàn Kết` is the
//!   name of 14 communes, `Thống Nhất` of 20, `Quyết Thắng` of 11), so a
//!   capitalized `Doan Ket` in a heading is no evidence of a place;
//! * no match where places of different spellings share the bare letters
//!   (`Tân Hòa`, `Tân Hoa`) and the text spells neither: marks are then a
//!   guess.

use crate::lang::places::{self, Tier, Unit};

use super::syllable::{has_mark, strip};

/// The tier named by the level word just before a capitalized run: `xã`,
/// `phường`, `thị trấn`, `đặc khu` (communes), `huyện`, `quận`, `thị xã`,
/// `thành phố` (districts; `thành phố` also a province). Read with marks
/// stripped and in any case, since OCR damages the level word as it
/// damages the name. `before` holds the cores of the two tokens before
/// the run, the nearer last, `""` where there is none or punctuation
/// stands between.
fn level_before(before: [&str; 2]) -> Option<Tier> {
    let [far, near] = before.map(strip);
    match (far.as_str(), near.as_str()) {
        ("thi", "xa") | ("thanh", "pho") | (_, "huyen" | "quan") => Some(Tier::District),
        (_, "xa" | "phuong") | ("thi", "tran") | ("dac", "khu") => Some(Tier::Commune),
        (_, "tinh") => Some(Tier::Province),
        _ => None,
    }
}

/// Whether the text's words differ from the place's spelling in at most
/// one word that carries marks (`Bao Yen`, `Trần Yên` for `Trấn Yên`):
/// where OCR loses marks it loses them everywhere, where it confuses
/// them it confuses one. Two changed words are no misreading (`Thành
/// Phụ`, a signer's `Văn Thành` before `Phụ lục`, is not the district
/// Thạnh Phú); on fax 08 of the dev scans `Trần Yên` is the one
/// confusion this admits.
fn close_reading(cores: &[&str], spelling: &[&str]) -> bool {
    let changed = cores
        .iter()
        .zip(spelling)
        .filter(|(c, s)| !places::same_spelling(c, s) && c.chars().any(has_mark))
        .count();
    changed <= MAX_CHANGED_MARKED_WORDS
}

/// See [`close_reading`].
const MAX_CHANGED_MARKED_WORDS: usize = 1;

/// Whether this unit's name may be believed here (see the module doc):
/// provinces and regions anywhere; districts behind their level word or
/// when the text reads close to the name ([`close_reading`]); communes
/// behind their level word only.
fn admitted(u: &Unit, level: Option<Tier>, cores: &[&str]) -> bool {
    match u.kind().tier() {
        Tier::Province | Tier::Region => true,
        Tier::District => level == Some(Tier::District) || close_reading(cores, u.syllables()),
        Tier::Commune => level == Some(Tier::Commune),
    }
}

/// The longest place (2–3 syllables) whose bare letters equal `cores`'
/// prefix, among the places admitted behind the words `before` (see
/// [`level_before`]); returns the spelling syllable by syllable: the
/// text's own when it spells one of the places, else the places' one
/// spelling, and none when they disagree.
pub fn lookup(before: [&str; 2], cores: &[&str]) -> Option<&'static [&'static str]> {
    let level = level_before(before);
    for n in (2..=3).rev() {
        let Some(window) = cores.get(..n) else { continue };
        let mut found = places::lookup_bare_words(window).filter(|u| admitted(u, level, window));
        let Some(first) = found.next() else { continue };
        let spelling = first.syllables();
        if spelling.len() != n {
            continue;
        }
        // The text spells one of them: that one, unchanged.
        if let Some(u) = places::lookup_words(window).find(|u| admitted(u, level, window)) {
            return Some(u.syllables());
        }
        if found.all(|u| places::same_spelling(u.name(), first.name())) {
            return Some(spelling);
        }
        return None;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const NONE: [&str; 2] = ["", ""];

    #[test]
    fn finds_places_by_bare_letters() {
        assert_eq!(lookup(NONE, &["Lao", "Cai", "x"]), Some(["Lào", "Cai"].as_slice()));
        assert_eq!(lookup(NONE, &["SI", "MA", "CAI"]), Some(["Si", "Ma", "Cai"].as_slice()));
        assert_eq!(lookup(NONE, &["Dak", "Nong"]), Some(["Đắk", "Nông"].as_slice()));
        assert_eq!(lookup(NONE, &["Lao", "Động"]), None);
    }

    #[test]
    fn districts_of_every_province() {
        // Not in the former hand list: a district of Hà Nội, one of Đắk Lắk.
        assert_eq!(lookup(NONE, &["Hoai", "Duc"]), Some(["Hoài", "Đức"].as_slice()));
        assert_eq!(lookup(NONE, &["Krong", "Pac"]), Some(["Krông", "Pắc"].as_slice()));
        // One word's marks confused: Trấn Yên.
        assert_eq!(lookup(NONE, &["Trần", "Yên"]), Some(["Trấn", "Yên"].as_slice()));
        // Both words' marks changed: a person's name (Văn Thành) followed by
        // a capitalized word is no district Thạnh Phú …
        assert_eq!(lookup(NONE, &["Thành", "Phụ"]), None);
        // … unless the district's level word stands before it.
        assert_eq!(lookup(["", "huyện"], &["Thành", "Phụ"]), Some(["Thạnh", "Phú"].as_slice()));
        // Provinces are believed either way.
        assert_eq!(lookup(NONE, &["Lảo", "Cai"]), Some(["Lào", "Cai"].as_slice()));
    }

    #[test]
    fn communes_only_behind_their_level_word() {
        // Bảo Hà is a commune of Lào Cai and no district.
        assert_eq!(lookup(NONE, &["Bao", "Ha"]), None);
        assert_eq!(lookup(["UBND", "xã"], &["Bao", "Ha"]), Some(["Bảo", "Hà"].as_slice()));
        assert_eq!(lookup(["", "XA"], &["BAO", "HA"]), Some(["Bảo", "Hà"].as_slice()));
        assert_eq!(lookup(["thi", "tran"], &["Pho", "Rang"]), Some(["Phố", "Ràng"].as_slice()));
        // A common word that is also a commune's name stays a word.
        assert_eq!(lookup(NONE, &["Doan", "Ket"]), None);
        assert_eq!(lookup(["tinh", "thần"], &["Doan", "Ket"]), None);
        assert_eq!(lookup(["", "phường"], &["Doan", "Ket"]), Some(["Đoàn", "Kết"].as_slice()));
        // `thị xã` names a district's level, not a commune's.
        assert_eq!(lookup(["thị", "xã"], &["Bao", "Ha"]), None);
        assert_eq!(lookup(["THI", "XA"], &["SA", "PA"]), Some(["Sa", "Pa"].as_slice()));
    }

    #[test]
    fn spellings_that_disagree_are_not_guessed() {
        // Tân Hòa and Tân Hoa are both communes: bare `Tan Hoa` is either.
        assert!(places::lookup("Tân Hòa").next().is_some());
        assert!(places::lookup("Tân Hoa").next().is_some());
        assert_eq!(lookup(["", "xã"], &["Tan", "Hoa"]), None);
        // The text's own spelling of one of them stands.
        assert_eq!(lookup(["", "xã"], &["Tân", "Hoa"]), Some(["Tân", "Hoa"].as_slice()));
    }
}
