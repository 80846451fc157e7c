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
//!   `thành phố`), or elsewhere when the text lost their marks (`Bao
//!   Yen`), or confused one word's marks and the match is the whole
//!   capitalized run (`Trần Yên`; see `MAX_CHANGED_MARKED_WORDS`);
//! * communes only behind a commune's level word (`xã`, `phường`, `thị
//!   trấn`, `đặc khu`, read with its marks stripped, as OCR leaves it),
//!   and only where every mark was lost: commune names are common words far
//!   more often (`Đoàn Kết` is the name of 14 communes, `Thống Nhất` of
//!   20, `Quyết Thắng` of 11), so a capitalized `Doan Ket` in a heading is
//!   no evidence of a place, and a commune named as it was before the
//!   data's date is no misreading of its successor;
//! * no place of another tier behind a level word (`tỉnh Quý Châu`);
//! * a text that spells a place of any tier as written is left as
//!   written;
//! * no match where places of different spellings share the bare letters
//!   (`Tân Hòa`, `Tân Hoa`) and the text spells neither: marks are then a
//!   guess.

use crate::lang::places::{self, LevelWord, Tier, Unit};

use super::syllable::{has_mark, strip};

/// The level word just before a capitalized run (`xã`, `phường`, `thị
/// trấn`, `đặc khu`, `huyện`, `quận`, `thị xã`, `thành phố`, `TP`,
/// `tỉnh`), read with marks stripped and in any case, since OCR damages
/// it as it damages the name. `before` holds the cores of the two tokens
/// before the run, the nearer last, `""` where there is none or
/// punctuation stands between.
pub(super) fn level_before(before: [&str; 2]) -> Option<LevelWord> {
    let [far, near] = before.map(strip);
    Some(match (far.as_str(), near.as_str()) {
        ("thi", "xa") => LevelWord::ThiXa,
        ("thi", "tran") => LevelWord::ThiTran,
        ("thanh", "pho") | (_, "tp") => LevelWord::ThanhPho,
        ("dac", "khu") => LevelWord::DacKhu,
        (_, "xa") => LevelWord::Xa,
        (_, "phuong") => LevelWord::Phuong,
        (_, "huyen") => LevelWord::Huyen,
        (_, "quan") => LevelWord::Quan,
        (_, "tinh") => LevelWord::Tinh,
        _ => return None,
    })
}

/// Whether the text's words differ from the place's spelling only where
/// they carry no mark at all (`Bao Yen` for `Bảo Yên`): marks lost, as
/// Tesseract `eng` and faxes lose them, not marks changed.
fn marks_lost(cores: &[&str], spelling: &[&str]) -> bool {
    changed_marked_words(cores, spelling) == 0
}

/// Whether no word of the text carries a mark (`Bao Ha`, `XA BAO HA`),
/// the one reading a commune's name is repaired from: where only some
/// marks are missing the text is often a commune's former name the data
/// lack (`Phường Xuân Thanh` of 2009 is no misread Xuân Thành; corpus/lm).
fn all_bare(cores: &[&str]) -> bool {
    cores.iter().all(|c| !c.chars().any(has_mark))
}

/// How many of the text's words carry marks that differ from the
/// place's spelling (`Trần Yên` for `Trấn Yên`: one).
fn changed_marked_words(cores: &[&str], spelling: &[&str]) -> usize {
    cores
        .iter()
        .zip(spelling)
        .filter(|(c, s)| !places::same_spelling(c, s) && c.chars().any(has_mark))
        .count()
}

/// Most words whose marks may differ from a district's spelling when no
/// level word stands before it, and then only when the match is the
/// whole capitalized run: on fax 08 of the dev scans OCR read the
/// district Trấn Yên as `Trần Yên`; with two words, or inside a longer
/// run, the reading is a person's or another name (`Văn Thành` before
/// `Phụ lục` is not Thạnh Phú, `Nguyễn Bình Khánh` not Nguyên Bình,
/// `Báo Lâm Đồng` not Bảo Lâm; corpus/lm, before and after this rule).
const MAX_CHANGED_MARKED_WORDS: usize = 1;

/// Whether one unit lies inside the other (a district and the township
/// named after it), whose names are one name however the data spell
/// them.
fn related(a: &Unit, b: &Unit) -> bool {
    let inside = |x: &Unit, y: &Unit| {
        let mut p = x.parent();
        while let Some(u) = p {
            if u == y {
                return true;
            }
            p = u.parent();
        }
        false
    };
    a == b || inside(a, b) || inside(b, a)
}

/// Where a candidate stands: the level word before it and whether it is
/// the whole capitalized run.
#[derive(Clone, Copy)]
struct Context {
    level: Option<LevelWord>,
    whole_run: bool,
}

/// Whether this unit's name may be believed here (see the module doc).
fn admitted(u: &Unit, at: Context, cores: &[&str]) -> bool {
    let tier = u.kind().tier();
    if tier == Tier::Region {
        return true;
    }
    match at.level {
        // A level word of another tier: `tỉnh Quý Châu` (Guizhou) is no
        // district Quỳ Châu.
        Some(lw) if !lw.admits(u.kind()) => false,
        Some(_) => tier != Tier::Commune || all_bare(cores),
        None => match tier {
            Tier::Province | Tier::Region => true,
            Tier::District => {
                marks_lost(cores, u.syllables())
                    || (at.whole_run
                        && changed_marked_words(cores, u.syllables()) <= MAX_CHANGED_MARKED_WORDS)
            }
            Tier::Commune => false,
        },
    }
}

/// The longest place (2–3 syllables) whose bare letters equal `cores`'
/// prefix, among the places admitted behind the words `before` (see
/// `level_before`); returns the spelling syllable by syllable: the
/// text's own when any place is so spelt, else the admitted places' one
/// spelling, and none when they disagree. `cores` is the capitalized run
/// (at most three words); a capitalized word in `before` continues it.
///
/// A word the text spells as a place inside the admitted one (or around
/// it) spells it is kept: the data write the district `Mù Căng Chải` and
/// its township `Mù Cang Chải`, the genre writes both ways (fax 10 of the
/// dev scans).
pub fn lookup(before: [&str; 2], cores: &[&str]) -> Option<Vec<&'static str>> {
    // Read only for runs that strip like some place: most runs do not.
    let mut level = None;
    let after_capital = before[1].starts_with(char::is_uppercase);
    for n in (2..=3).rev() {
        let Some(window) = cores.get(..n) else { continue };
        if places::lookup_bare_words(window).next().is_none() {
            continue;
        }
        let level = *level.get_or_insert_with(|| level_before(before));
        let at = Context { level, whole_run: n == cores.len() && !after_capital };
        // The text spells a place of any tier (`An Phụ`, a commune that
        // strips like the district An Phú): it stands as written, unless
        // that place is not admitted here and a province of the same
        // letters is, in a run of its own (`Lao Cai - Hải Phong`: the
        // province Hải Phòng, not the commune Hải Phong; fax 08 of the
        // dev scans). Inside a longer name it stands (`Bùi Thanh Hòa`, a
        // signer, is not Thanh Hóa; corpus/lm).
        if let Some(u) = places::lookup_words(window).find(|u| u.syllables().len() == n) {
            let province = || {
                places::lookup_bare_words(window)
                    .any(|p| p.kind().tier() == Tier::Province && admitted(p, at, window))
            };
            if admitted(u, at, window) || !at.whole_run || !province() {
                return Some(u.syllables().to_vec());
            }
        }
        let mut found = places::lookup_bare_words(window).filter(|u| admitted(u, at, window));
        let Some(first) = found.next() else { continue };
        let spelling = first.syllables();
        if spelling.len() != n {
            continue;
        }
        if !found.all(|u| places::same_spelling(u.name(), first.name())) {
            return None;
        }
        let variant = |k: usize| {
            places::lookup_bare_words(window)
                .filter(|u| related(u, first))
                .filter_map(|u| u.syllables().get(k).copied())
                .find(|syl| places::same_spelling(syl, window[k]))
        };
        return Some(spelling.iter().enumerate().map(|(k, &syl)| variant(k).unwrap_or(syl)).collect());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const NONE: [&str; 2] = ["", ""];

    #[test]
    fn finds_places_by_bare_letters() {
        assert_eq!(lookup(NONE, &["Lao", "Cai", "x"]), Some(["Lào", "Cai"].to_vec()));
        assert_eq!(lookup(NONE, &["SI", "MA", "CAI"]), Some(["Si", "Ma", "Cai"].to_vec()));
        assert_eq!(lookup(NONE, &["Dak", "Nong"]), Some(["Đắk", "Nông"].to_vec()));
        assert_eq!(lookup(NONE, &["Lao", "Động"]), None);
    }

    #[test]
    fn districts_of_every_province() {
        // Not in the former hand list: a district of Hà Nội, one of Đắk Lắk.
        assert_eq!(lookup(NONE, &["Hoai", "Duc"]), Some(["Hoài", "Đức"].to_vec()));
        assert_eq!(lookup(NONE, &["Krong", "Pac"]), Some(["Krông", "Pắc"].to_vec()));
        // One word's marks confused, the whole run: Trấn Yên.
        assert_eq!(lookup(NONE, &["Trần", "Yên"]), Some(["Trấn", "Yên"].to_vec()));
        // … but not inside a longer name, nor behind another tier's word.
        assert_eq!(lookup(NONE, &["Nguyễn", "Bình", "Khánh"]), None);
        assert_eq!(lookup(["", "Bình"], &["Điền", "Ban"]), None);
        assert_eq!(lookup(["", "tỉnh"], &["Quý", "Châu"]), None);
        // A name spelt as some place is spelt stands, whatever its tier …
        assert_eq!(lookup(NONE, &["An", "Phụ"]), Some(["An", "Phụ"].to_vec()));
        assert_eq!(lookup(["", "Bùi"], &["Thanh", "Hòa"]), Some(["Thanh", "Hòa"].to_vec()));
        // … but a province beats a commune that only a level word admits.
        assert_eq!(lookup(NONE, &["Hải", "Phong"]), Some(["Hải", "Phòng"].to_vec()));
        // Both words' marks changed: a person's name (Văn Thành) followed by
        // a capitalized word is no district Thạnh Phú …
        assert_eq!(lookup(NONE, &["Thành", "Phụ"]), None);
        // … unless the district's level word stands before it.
        assert_eq!(lookup(["", "huyện"], &["Thành", "Phụ"]), Some(["Thạnh", "Phú"].to_vec()));
        // Provinces are believed either way.
        assert_eq!(lookup(NONE, &["Lảo", "Cai"]), Some(["Lào", "Cai"].to_vec()));
    }

    #[test]
    fn communes_only_behind_their_level_word() {
        // Bảo Hà is a commune of Lào Cai and no district.
        assert_eq!(lookup(NONE, &["Bao", "Ha"]), None);
        assert_eq!(lookup(["UBND", "xã"], &["Bao", "Ha"]), Some(["Bảo", "Hà"].to_vec()));
        assert_eq!(lookup(["", "XA"], &["BAO", "HA"]), Some(["Bảo", "Hà"].to_vec()));
        assert_eq!(lookup(["thi", "tran"], &["Pho", "Rang"]), Some(["Phố", "Ràng"].to_vec()));
        // A common word that is also a commune's name stays a word.
        assert_eq!(lookup(NONE, &["Doan", "Ket"]), None);
        assert_eq!(lookup(["tinh", "thần"], &["Doan", "Ket"]), None);
        assert_eq!(lookup(["", "phường"], &["Doan", "Ket"]), Some(["Đoàn", "Kết"].to_vec()));
        // `thị xã` names a district's level, not a commune's.
        assert_eq!(lookup(["thị", "xã"], &["Bao", "Ha"]), None);
        assert_eq!(lookup(["THI", "XA"], &["SA", "PA"]), Some(["Sa", "Pa"].to_vec()));
        // Behind the word, marks lost are repaired, marks changed are not
        // (an older name the data lack, `Đắk Lua` for the data's `Đak Lua`).
        assert_eq!(lookup(["", "Xã"], &["Đắk", "Lua"]), None);
        assert_eq!(lookup(["", "Phường"], &["Xuân", "Thanh"]), None);
    }

    #[test]
    fn spellings_that_disagree_are_not_guessed() {
        // Tân Hòa and Tân Hoa are both communes: bare `Tan Hoa` is either.
        assert!(places::lookup("Tân Hòa").next().is_some());
        assert!(places::lookup("Tân Hoa").next().is_some());
        assert_eq!(lookup(["", "xã"], &["Tan", "Hoa"]), None);
        // The text's own spelling of one of them stands.
        assert_eq!(lookup(["", "xã"], &["Tân", "Hoa"]), Some(["Tân", "Hoa"].to_vec()));
        // A word spelt as another place of the same letters spells it
        // stands: the district is Mù Căng Chải in the data, Mù Cang Chải
        // in the genre (and the data's township).
        assert_eq!(lookup(["", "huyện"], &["Mù", "Cang", "Chái"]), Some(["Mù", "Cang", "Chải"].to_vec()));
    }
}
