//! The gazetteer: every province, district and commune of Viet Nam before
//! and after the reorganisation of 2025-07-01 (63 provinces → 34,
//! districts abolished, 10,035 communes merged into 3,321), so that repair
//! and parse share one list of place names.
//!
//! The data are `models/places.txt`, built by `scripts/build-places.py`
//! from the PyPI package `vietnamadminunits` 1.0.4 (MIT licence; see
//! `THIRD-PARTY.md`), embedded with `include_bytes!` and parsed once, on
//! first use. A few names that are not administrative units of today's
//! data (the regions, the country and its neighbour, the province of
//! Thừa Thiên Huế before it became a city in 2025) are written here by
//! hand, in `EXTRA`.
//!
//! Three ways to ask, none allocating per query:
//! * [`lookup`] — by name as written, with case, tone placement
//!   (`Thanh Hoá` = `Thanh Hóa`) and separators (`Bà Rịa-Vũng Tàu`)
//!   folded;
//! * [`lookup_bare`], [`lookup_bare_words`] — by bare letters, every mark
//!   and `đ` stripped, for repair (`LAO CAI` → `Lào Cai`);
//! * [`place_at`] — the longest place name at a position of a text,
//!   with its level word (`xã Bảo Hà`, `huyện Bảo Yên`, `tỉnh Lào Cai`),
//!   for parse's body grammar; [`level_word_at`] reads the level word
//!   alone.
//!
//! What this module does not decide: whether a capitalized sequence in
//! running text *is* a place. Commune names are often common words
//! (`Đoàn Kết`, `Thống Nhất`, `Quyết Thắng` are each the name of a dozen
//! communes), so each stage keeps its own rule for when to believe a
//! match (`repair/gazetteer.rs`).

use std::sync::LazyLock;

use unicode_normalization::char::decompose_canonical;

/// The embedded data; see the module doc.
static DATA: &[u8] = include_bytes!("../../models/places.txt");

/// The embedded data as bytes, for the pipeline's fingerprint of what
/// shapes its output (`repair::models_digest`).
pub fn data() -> &'static [u8] {
    DATA
}

/// The kind of an administrative unit, as its level word names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// `tỉnh`.
    Tinh,
    /// `thành phố` trực thuộc trung ương (Hà Nội, Huế, …).
    ThanhPhoTrucThuoc,
    /// `huyện`.
    Huyen,
    /// `quận`.
    Quan,
    /// `thị xã`.
    ThiXa,
    /// `thành phố` thuộc tỉnh (Lào Cai, Biên Hòa, …), before 2025-07-01.
    ThanhPhoThuocTinh,
    /// `xã`.
    Xa,
    /// `phường`.
    Phuong,
    /// `thị trấn`, before 2025-07-01.
    ThiTran,
    /// `đặc khu`, from 2025-07-01 (the island units).
    DacKhu,
    /// A region, country or other name that is no administrative unit
    /// (`Tây Nguyên`, `Việt Nam`); written by hand.
    Region,
}

/// The tier of the administrative hierarchy a [`Kind`] belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tier {
    /// Provinces and centrally-run cities.
    Province,
    /// Districts, district-level towns and cities (abolished 2025-07-01).
    District,
    /// Communes, wards, townships and special zones.
    Commune,
    /// Not an administrative unit.
    Region,
}

impl Kind {
    /// The tier of the hierarchy.
    pub fn tier(self) -> Tier {
        match self {
            Kind::Tinh | Kind::ThanhPhoTrucThuoc => Tier::Province,
            Kind::Huyen | Kind::Quan | Kind::ThiXa | Kind::ThanhPhoThuocTinh => Tier::District,
            Kind::Xa | Kind::Phuong | Kind::ThiTran | Kind::DacKhu => Tier::Commune,
            Kind::Region => Tier::Region,
        }
    }

    fn from_code(c: &str) -> Option<Kind> {
        Some(match c {
            "T" => Kind::Tinh,
            "C" => Kind::ThanhPhoTrucThuoc,
            "H" => Kind::Huyen,
            "Q" => Kind::Quan,
            "X" => Kind::ThiXa,
            "F" => Kind::ThanhPhoThuocTinh,
            "x" => Kind::Xa,
            "p" => Kind::Phuong,
            "t" => Kind::ThiTran,
            "d" => Kind::DacKhu,
            _ => return None,
        })
    }
}

/// When a unit's name was in force, relative to the reorganisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Era {
    /// Until 2025-06-30 (the 63 provinces, their districts and communes).
    Before,
    /// From 2025-07-01 (the 34 provinces and their communes).
    After,
    /// Not tied to the reorganisation (regions, the country).
    Always,
}

/// One administrative unit. Units of the two eras are separate entries,
/// even where the name lives on (`tỉnh Lào Cai` before and after): their
/// territory and parent differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    name: &'static str,
    kind: Kind,
    era: Era,
    parent: Option<u32>,
    syllables: (u32, u8),
}

impl Unit {
    /// The name without its level word (`Bảo Yên`, `1` for `Quận 1`).
    pub fn name(&self) -> &'static str {
        self.name
    }
    /// The kind (its level word).
    pub fn kind(&self) -> Kind {
        self.kind
    }
    /// When the unit was in force.
    pub fn era(&self) -> Era {
        self.era
    }
    /// The unit it belongs to: a commune's district (before 2025-07-01)
    /// or province (after), a district's province; none for provinces.
    pub fn parent(&self) -> Option<&'static Unit> {
        self.parent.and_then(|p| gazetteer().units.get(p as usize))
    }
    /// The province it lies in (itself for a province).
    pub fn province(&'static self) -> &'static Unit {
        let mut u = self;
        while let Some(p) = u.parent() {
            u = p;
        }
        u
    }
    /// The name's syllables, separators dropped (`Bà Rịa - Vũng Tàu` →
    /// `Bà`, `Rịa`, `Vũng`, `Tàu`).
    pub fn syllables(&self) -> &'static [&'static str] {
        let (start, len) = self.syllables;
        gazetteer().syllables.get(start as usize..start as usize + len as usize).unwrap_or(&[])
    }
}

/// Names that are no unit of the package's data but that the genre
/// writes as places: the country, its neighbours and the Chinese border
/// town of Hà Khẩu (Hekou) across from Lào Cai, the regions of the Party's and the Government's resolutions,
/// and the province of Thừa Thiên Huế, which became the centrally-run
/// city of Huế on 2025-01-01 (the package's "before" data are of 2025).
const EXTRA: &[(&str, Kind, Era)] = &[
    ("Thừa Thiên Huế", Kind::Tinh, Era::Before),
    ("Thừa Thiên", Kind::Region, Era::Always),
    ("Việt Nam", Kind::Region, Era::Always),
    ("Trung Quốc", Kind::Region, Era::Always),
    ("Hà Khẩu", Kind::Region, Era::Always),
    ("Lào", Kind::Region, Era::Always),
    ("Tây Nguyên", Kind::Region, Era::Always),
    ("Bắc Bộ", Kind::Region, Era::Always),
    ("Trung Bộ", Kind::Region, Era::Always),
    ("Nam Bộ", Kind::Region, Era::Always),
    ("Đông Nam Bộ", Kind::Region, Era::Always),
    ("Tây Nam Bộ", Kind::Region, Era::Always),
    ("Tây Bắc", Kind::Region, Era::Always),
    ("Đông Bắc", Kind::Region, Era::Always),
    ("Đồng bằng sông Hồng", Kind::Region, Era::Always),
    ("Đồng bằng sông Cửu Long", Kind::Region, Era::Always),
];

/// The parsed gazetteer with its two indexes.
struct Gazetteer {
    units: Vec<Unit>,
    syllables: Vec<&'static str>,
    /// (hash of the [`Fold::Exact`] key, unit index), sorted.
    exact: Vec<(u64, u32)>,
    /// (hash of the [`Fold::Bare`] key, unit index), sorted.
    bare: Vec<(u64, u32)>,
    /// Most words in any name, for [`place_at`]'s scan.
    max_words: usize,
}

fn gazetteer() -> &'static Gazetteer {
    static G: LazyLock<Gazetteer> = LazyLock::new(|| Gazetteer::parse(DATA));
    &G
}

impl Gazetteer {
    /// Reads `models/places.txt`. Lines that do not parse are skipped
    /// (the data are ours and a unit test checks every line is read);
    /// the embedded file is not input, but nothing here panics on it.
    fn parse(data: &'static [u8]) -> Gazetteer {
        let text = std::str::from_utf8(data).unwrap_or("");
        let mut units: Vec<Unit> = Vec::new();
        let mut syllables = Vec::new();
        let mut era = Era::Before;
        // The latest unit of each tier in this era, for the parent links.
        let mut last: [Option<u32>; 2] = [None, None];
        let mut push = |units: &mut Vec<Unit>, name: &'static str, kind, era, parent| {
            let start = syllables.len() as u32;
            syllables.extend(words(name).map(|(s, e)| &name[s..e]));
            let len = (syllables.len() as u32 - start).min(u8::MAX as u32) as u8;
            units.push(Unit { name, kind, era, parent, syllables: (start, len) });
        };
        for line in text.lines() {
            match line {
                "@before" => (era, last) = (Era::Before, [None, None]),
                "@after" => (era, last) = (Era::After, [None, None]),
                _ => {
                    let Some((code, name)) = line.split_once('\t') else { continue };
                    let Some(kind) = Kind::from_code(code) else { continue };
                    let id = units.len() as u32;
                    let parent = match kind.tier() {
                        Tier::Province => None,
                        Tier::District => last[0],
                        _ => last[1].or(last[0]),
                    };
                    match kind.tier() {
                        Tier::Province => last = [Some(id), None],
                        Tier::District => last[1] = Some(id),
                        _ => {}
                    }
                    push(&mut units, name, kind, era, parent);
                }
            }
        }
        for &(name, kind, era) in EXTRA {
            push(&mut units, name, kind, era, None);
        }
        let index = |fold: Fold| {
            let mut v: Vec<(u64, u32)> = units
                .iter()
                .enumerate()
                .map(|(i, u)| (hash(Key::new(u.name.chars(), fold)), i as u32))
                .collect();
            v.sort_unstable();
            v
        };
        let (exact, bare) = (index(Fold::Exact), index(Fold::Bare));
        let max_words = units.iter().map(|u| u.syllables.1 as usize).max().unwrap_or(0);
        Gazetteer { units, syllables, exact, bare, max_words }
    }

    /// Units whose key under `fold` equals the key of `chars`.
    fn find<I>(&'static self, chars: I, fold: Fold) -> impl Iterator<Item = &'static Unit>
    where
        I: Iterator<Item = char> + Clone,
    {
        let index = match fold {
            Fold::Exact => &self.exact,
            Fold::Bare => &self.bare,
        };
        let h = hash(Key::new(chars.clone(), fold));
        let from = index.partition_point(|&(k, _)| k < h);
        index[from..]
            .iter()
            .take_while(move |&&(k, _)| k == h)
            .filter_map(|&(_, i)| self.units.get(i as usize))
            .filter(move |u| Key::new(u.name.chars(), fold).eq(Key::new(chars.clone(), fold)))
    }
}

/// How names are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fold {
    /// Case, tone placement and separators folded; letters and marks
    /// kept.
    Exact,
    /// Every mark stripped, `đ` → `d`, case and separators folded.
    Bare,
}

/// Tone marks (NFD), which [`Fold::Exact`] moves to the end of their
/// syllable so that `hoà` and `hòa` compare equal.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// Whether `c` separates the words of a name: white space and the
/// hyphens and dashes of `Bà Rịa - Vũng Tàu`.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '‐' | '‑' | '–' | '—')
}

/// The comparison key of a name, as a stream of chars: words joined by
/// one space, lower case, apostrophes unified, marks per [`Fold`]. Under
/// [`Fold::Exact`] a syllable's tone goes out after its letters, so that
/// both placements of the tone give one key.
#[derive(Clone)]
struct Key<I> {
    chars: I,
    fold: Fold,
    /// Chars decided but not yet yielded, last first.
    out: [char; 8],
    n_out: usize,
    /// The tone of the current syllable ([`Fold::Exact`]).
    tone: Option<char>,
    /// A separator was seen after a word.
    gap: bool,
    started: bool,
}

impl<I: Iterator<Item = char>> Key<I> {
    fn new(chars: I, fold: Fold) -> Self {
        Key { chars, fold, out: ['\0'; 8], n_out: 0, tone: None, gap: false, started: false }
    }
    /// After a word's first char was queued: a pending gap goes out
    /// before it, and the tone of the syllable before the gap before that
    /// (last out first).
    fn queue_gap(&mut self) {
        if std::mem::take(&mut self.gap) {
            self.queue(' ');
            if let Some(t) = self.tone.take() {
                self.queue(t);
            }
        }
    }
    /// Queues `c` to go out before everything queued so far.
    fn queue(&mut self, c: char) {
        if let Some(slot) = self.out.get_mut(self.n_out) {
            *slot = c;
            self.n_out += 1;
        }
    }
}

impl<I: Iterator<Item = char>> Iterator for Key<I> {
    type Item = char;
    fn next(&mut self) -> Option<char> {
        loop {
            if self.n_out > 0 {
                self.n_out -= 1;
                return Some(self.out[self.n_out]);
            }
            let Some(c) = self.chars.next() else {
                return self.tone.take();
            };
            if is_separator(c) {
                self.gap |= self.started;
                continue;
            }
            if c.is_ascii() {
                // No marks to decompose (the fast path: Tesseract `eng`
                // output and the bare letters of most names).
                let c = if c == '`' { '\'' } else { c.to_ascii_lowercase() };
                self.queue(c);
                self.queue_gap();
                self.started = true;
                continue;
            }
            let mut letters = ['\0'; 4];
            let mut m = 0;
            let mut tone = None;
            let fold = self.fold;
            let lower = c.to_lowercase().next().unwrap_or(c);
            decompose_canonical(lower, |d| {
                let d = match d {
                    '’' | '‘' | 'ʼ' | '`' => '\'',
                    'đ' if fold == Fold::Bare => 'd',
                    d => d,
                };
                let keep = if TONES.contains(&d) {
                    tone = Some(d);
                    false
                } else {
                    fold == Fold::Exact || !('\u{300}'..='\u{36f}').contains(&d)
                };
                if keep && m < letters.len() {
                    letters[m] = d;
                    m += 1;
                }
            });
            for &l in letters[..m].iter().rev() {
                self.queue(l);
            }
            self.queue_gap();
            if fold == Fold::Exact && tone.is_some() {
                self.tone = tone;
            }
            self.started = true;
        }
    }
}

/// Hash of a key (FxHash-style multiply-rotate with a final avalanche;
/// only equality of keys matters, a collision is caught by comparing).
fn hash(chars: impl Iterator<Item = char>) -> u64 {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mut h: u64 = 0;
    for c in chars {
        h = (h.rotate_left(5) ^ c as u64).wrapping_mul(SEED);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

/// The byte ranges of the words of `s`: runs of chars that are neither
/// separators nor punctuation that ends a name.
fn words(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let rest = s.get(at..)?;
        let skip = rest.find(|c: char| !is_separator(c))?;
        let start = at + skip;
        let len = s[start..].find(is_separator).unwrap_or(s.len() - start);
        at = start + len;
        Some((start, start + len))
    })
}

/// Units named `name` as written: case, tone placement and separators
/// are folded, letters and marks must agree (`Lào Cai`, `LÀO CAI`;
/// not `Lao Cai`).
pub fn lookup(name: &str) -> impl Iterator<Item = &'static Unit> + '_ {
    gazetteer().find(name.chars(), Fold::Exact)
}

/// Units whose name has the bare letters of `name` (`Lao Cai` → `Lào
/// Cai`): every mark and `đ` stripped on both sides.
pub fn lookup_bare(name: &str) -> impl Iterator<Item = &'static Unit> + '_ {
    gazetteer().find(name.chars(), Fold::Bare)
}

/// [`lookup_bare`] over words given one by one (a repair's token cores),
/// without joining them into a string.
pub fn lookup_bare_words<'a>(words: &'a [&'a str]) -> impl Iterator<Item = &'static Unit> + 'a {
    let chars = words.iter().flat_map(|w| w.chars().chain(std::iter::once(' ')));
    gazetteer().find(chars, Fold::Bare)
}

/// [`lookup`] over words given one by one.
pub fn lookup_words<'a>(words: &'a [&'a str]) -> impl Iterator<Item = &'static Unit> + 'a {
    let chars = words.iter().flat_map(|w| w.chars().chain(std::iter::once(' ')));
    gazetteer().find(chars, Fold::Exact)
}

/// Whether two names are the same name as written, under [`lookup`]'s
/// folding (`Thanh Hoá` and `Thanh Hóa` are).
pub fn same_spelling(a: &str, b: &str) -> bool {
    Key::new(a.chars(), Fold::Exact).eq(Key::new(b.chars(), Fold::Exact))
}

/// The word before a place name that names its level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LevelWord {
    /// `tỉnh`.
    Tinh,
    /// `thành phố`, `TP.` (a province-level or a district-level city).
    ThanhPho,
    /// `huyện`.
    Huyen,
    /// `quận`.
    Quan,
    /// `thị xã`.
    ThiXa,
    /// `xã`.
    Xa,
    /// `phường`.
    Phuong,
    /// `thị trấn`.
    ThiTran,
    /// `đặc khu`.
    DacKhu,
}

/// Level words as written, longest first where one is a prefix of
/// another (`thị xã` before `xã` does not arise: they start differently).
const LEVEL_WORDS: &[(&str, LevelWord)] = &[
    ("thành phố", LevelWord::ThanhPho),
    ("tp.", LevelWord::ThanhPho),
    ("tp", LevelWord::ThanhPho),
    ("thị trấn", LevelWord::ThiTran),
    ("thị xã", LevelWord::ThiXa),
    ("đặc khu", LevelWord::DacKhu),
    ("tỉnh", LevelWord::Tinh),
    ("huyện", LevelWord::Huyen),
    ("quận", LevelWord::Quan),
    ("phường", LevelWord::Phuong),
    ("xã", LevelWord::Xa),
];

impl LevelWord {
    /// The tiers a unit named after this word may belong to (`thành phố`
    /// is a province-level or a district-level city).
    pub fn admits(self, kind: Kind) -> bool {
        match self {
            LevelWord::Tinh => kind.tier() == Tier::Province,
            LevelWord::ThanhPho => matches!(kind, Kind::ThanhPhoTrucThuoc | Kind::ThanhPhoThuocTinh),
            LevelWord::Huyen | LevelWord::Quan | LevelWord::ThiXa => kind.tier() == Tier::District,
            LevelWord::Xa | LevelWord::Phuong | LevelWord::ThiTran | LevelWord::DacKhu => {
                kind.tier() == Tier::Commune
            }
        }
    }

    /// The word in lower case, as the genre writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            LevelWord::Tinh => "tỉnh",
            LevelWord::ThanhPho => "thành phố",
            LevelWord::Huyen => "huyện",
            LevelWord::Quan => "quận",
            LevelWord::ThiXa => "thị xã",
            LevelWord::Xa => "xã",
            LevelWord::Phuong => "phường",
            LevelWord::ThiTran => "thị trấn",
            LevelWord::DacKhu => "đặc khu",
        }
    }
}

/// The level word at byte `at` of `text` (any case, either tone
/// placement), followed by white space: the word and the byte offset
/// after it.
pub fn level_word_at(text: &str, at: usize) -> Option<(LevelWord, usize)> {
    let rest = text.get(at..)?;
    LEVEL_WORDS.iter().find_map(|&(w, lw)| {
        let mut want = w.chars();
        let mut got = rest.char_indices();
        let end = loop {
            match (want.next(), got.next()) {
                (None, Some((i, c))) if c.is_whitespace() => break i,
                (None, _) => return None,
                (Some(a), Some((_, b))) if same_letter(a, b) => {}
                (Some(a), Some((_, b))) if a == ' ' && b.is_whitespace() => {}
                _ => return None,
            }
        };
        Some((lw, at + end))
    })
}

/// `a` (lower case, from [`LEVEL_WORDS`]) and `b` (as written) are the
/// same letter: case folded, both compared under [`Fold::Exact`].
fn same_letter(a: char, b: char) -> bool {
    a == b || Key::new(std::iter::once(a), Fold::Exact).eq(Key::new(std::iter::once(b), Fold::Exact))
}

/// A place name found in a text by [`place_at`].
#[derive(Debug, Clone)]
pub struct PlaceMatch<'a> {
    /// Byte offset where the match starts (its level word, if any).
    pub start: usize,
    /// Byte offset where the name ends.
    pub end: usize,
    /// The level word before the name, if there was one.
    pub level: Option<LevelWord>,
    /// Byte offset where the name itself starts.
    pub name_start: usize,
    text: &'a str,
}

impl<'a> PlaceMatch<'a> {
    /// The name as written in the text.
    pub fn name(&self) -> &'a str {
        &self.text[self.name_start..self.end]
    }
    /// The units so named (admitted by the level word, if any).
    pub fn units(&self) -> impl Iterator<Item = &'static Unit> + '_ {
        let level = self.level;
        lookup(self.name()).filter(move |u| level.is_none_or(|l| l.admits(u.kind)))
    }
}

/// The longest place name starting at byte `at` of `text`, with the level
/// word before it if there is one there (`xã Bảo Hà`, `tỉnh Lào Cai`,
/// `Bảo Yên`). The name must start with a capital letter, or be a number
/// behind a level word (`phường 1`); it ends at a word boundary, and
/// punctuation other than the hyphens of a name ends it. Names are
/// compared as [`lookup`] does.
pub fn place_at(text: &str, at: usize) -> Option<PlaceMatch<'_>> {
    let g = gazetteer();
    let (level, name_start) = match level_word_at(text, at) {
        Some((lw, end)) => {
            let skip = text.get(end..)?.find(|c: char| !c.is_whitespace())?;
            (Some(lw), end + skip)
        }
        None => (None, at),
    };
    let first = text.get(name_start..)?.chars().next()?;
    if !(first.is_uppercase() || (level.is_some() && first.is_ascii_digit())) {
        return None;
    }
    // Words of the candidate name, at most as many as the longest name,
    // cut at the first char that no name has.
    let stop = text[name_start..]
        .find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || is_separator(c)) || c == '\n')
        .map_or(text.len(), |i| name_start + i);
    let span = &text[name_start..stop];
    let mut ends = [0usize; 16];
    let mut n = 0;
    for (_, e) in words(span).take(g.max_words.min(ends.len())) {
        ends[n] = name_start + e;
        n += 1;
    }
    ends[..n].iter().rev().find_map(|&end| {
        let m =
            PlaceMatch { start: if level.is_some() { at } else { name_start }, end, level, name_start, text };
        let found = m.units().next().is_some();
        found.then_some(m)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(name: &str) -> Vec<(Kind, Era)> {
        let mut v: Vec<_> = lookup(name).map(|u| (u.kind(), u.era())).collect();
        v.dedup();
        v
    }

    #[test]
    fn reads_every_line_of_the_data() {
        let g = gazetteer();
        let count = |era, tier| g.units.iter().filter(|u| u.era == era && u.kind.tier() == tier).count();
        // The official counts: 63 provinces, 696 districts and 10,035
        // communes on 2025-01-01; 34 provinces and 3,321 communes from
        // 2025-07-01.
        assert_eq!(count(Era::Before, Tier::Province), 63 + 1); // + Thừa Thiên Huế
        assert_eq!(count(Era::Before, Tier::District), 696);
        assert_eq!(count(Era::Before, Tier::Commune), 10_035);
        assert_eq!(count(Era::After, Tier::Province), 34);
        assert_eq!(count(Era::After, Tier::District), 0);
        assert_eq!(count(Era::After, Tier::Commune), 3_321);
        let lines = std::str::from_utf8(DATA).unwrap().lines().filter(|l| l.contains('\t')).count();
        assert_eq!(lines + EXTRA.len(), g.units.len());
    }

    #[test]
    fn old_and_new_provinces() {
        // Yên Bái merged into Lào Cai; Lào Cai lives on.
        let yen_bai = kinds("Yên Bái");
        assert!(yen_bai.contains(&(Kind::Tinh, Era::Before)));
        assert!(!yen_bai.iter().any(|&(k, e)| e == Era::After && k.tier() == Tier::Province));
        // … and lives on as a ward of it.
        assert!(yen_bai.contains(&(Kind::Phuong, Era::After)));
        assert!(kinds("Lào Cai").contains(&(Kind::Tinh, Era::After)));
        assert!(kinds("Lào Cai").contains(&(Kind::Tinh, Era::Before)));
        // Hà Giang merged into Tuyên Quang: no province after 2025.
        assert!(lookup("Hà Giang").all(|u| u.era() == Era::Before || u.kind().tier() != Tier::Province));
        assert!(lookup("Huế").any(|u| u.kind() == Kind::ThanhPhoTrucThuoc && u.era() == Era::After));
        assert!(lookup("Thừa Thiên Huế").any(|u| u.kind() == Kind::Tinh && u.era() == Era::Before));
    }

    #[test]
    fn communes_have_their_district_then_their_province() {
        let old = lookup("Bảo Hà").find(|u| u.era() == Era::Before).unwrap();
        assert_eq!(old.kind(), Kind::Xa);
        assert_eq!(old.parent().map(|p| (p.name(), p.kind())), Some(("Bảo Yên", Kind::Huyen)));
        assert_eq!(old.province().name(), "Lào Cai");
        let new =
            lookup("Bảo Hà").find(|u| u.era() == Era::After && u.province().name() == "Lào Cai").unwrap();
        assert_eq!(new.parent().map(|p| p.kind()), Some(Kind::Tinh));
    }

    #[test]
    fn exact_lookup_folds_case_tone_placement_and_separators() {
        assert!(lookup("THANH HOÁ").any(|u| u.kind() == Kind::Tinh));
        assert!(lookup("thanh hóa").any(|u| u.kind() == Kind::Tinh));
        assert!(lookup("Bà Rịa-Vũng Tàu").any(|u| u.kind() == Kind::Tinh));
        assert!(lookup("Bà Rịa – Vũng Tàu").any(|u| u.kind() == Kind::Tinh));
        assert!(lookup("Ia H’Drai").any(|u| u.kind() == Kind::Huyen));
        // Marks must agree.
        assert_eq!(lookup("Lao Cai").count(), 0);
        assert_eq!(lookup("Lào Cái").count(), 0);
        assert_eq!(lookup("").count(), 0);
    }

    #[test]
    fn bare_lookup_strips_marks() {
        assert!(lookup_bare("LAO CAI").any(|u| u.name() == "Lào Cai"));
        assert!(lookup_bare_words(&["Dak", "Lak"]).any(|u| u.name() == "Đắk Lắk"));
        let spelt: Vec<_> = lookup_bare_words(&["SI", "MA", "CAI"]).map(|u| u.syllables()).collect();
        assert!(spelt.contains(&["Si", "Ma", "Cai"].as_slice()));
        assert_eq!(lookup_bare_words(&["Lao", "Động"]).count(), 0);
        assert!(lookup_words(&["Bảo", "Yên"]).any(|u| u.kind() == Kind::Huyen));
    }

    #[test]
    fn level_words() {
        assert_eq!(level_word_at("xã Bảo Hà", 0), Some((LevelWord::Xa, 3)));
        assert_eq!(level_word_at("THỊ XÃ Sa Pa", 0).map(|l| l.0), Some(LevelWord::ThiXa));
        assert_eq!(level_word_at("Thị trấn Phố Ràng", 0).map(|l| l.0), Some(LevelWord::ThiTran));
        assert_eq!(level_word_at("TP. Hồ Chí Minh", 0).map(|l| l.0), Some(LevelWord::ThanhPho));
        assert_eq!(level_word_at("xãhội", 0), None);
        assert_eq!(level_word_at("tỉnh", 0), None);
        assert!(LevelWord::ThanhPho.admits(Kind::ThanhPhoThuocTinh));
        assert!(!LevelWord::Xa.admits(Kind::Huyen));
    }

    #[test]
    fn longest_place_at_a_position() {
        let t = "Ủy ban nhân dân xã Bảo Hà, huyện Bảo Yên, tỉnh Lào Cai";
        let at = t.find("xã").unwrap();
        let m = place_at(t, at).unwrap();
        assert_eq!((m.level, m.name()), (Some(LevelWord::Xa), "Bảo Hà"));
        assert_eq!(&t[m.start..m.end], "xã Bảo Hà");
        assert!(m.units().all(|u| u.kind().tier() == Tier::Commune));
        let m = place_at(t, t.find("huyện").unwrap()).unwrap();
        assert_eq!(m.name(), "Bảo Yên");
        let m = place_at(t, t.find("tỉnh").unwrap()).unwrap();
        assert_eq!((m.name(), m.end), ("Lào Cai", t.len()));
        // The longest name wins: Đông Nam Bộ, not Đông Nam.
        let t = "vùng Đông Nam Bộ và";
        assert_eq!(place_at(t, t.find('Đ').unwrap()).unwrap().name(), "Đông Nam Bộ");
        assert_eq!(place_at("phường 1, quận 3", 0).unwrap().name(), "1");
        // Lower case is no name; a level word with no place is no match.
        assert!(place_at("xã bảo hà", 0).is_none());
        assert!(place_at("xã Nghị quyết", 0).is_none());
        // A commune's name behind a district's word is no match.
        assert!(place_at("huyện Bảo Hà", 0).is_none());
        assert!(place_at("", 0).is_none());
        assert!(place_at("tỉnh ", 0).is_none());
    }

    #[test]
    fn any_offset_of_any_text_is_answered() {
        // Offsets inside a char, past the end, level words at the end,
        // names that run into punctuation or another line.
        let t = "xã\nBảo Hà; TP.Hồ Chí Minh thị  xã Sa Pa-Lào Cai ’ H'Mông \u{301}Đ 1 phường";
        let mut found = Vec::new();
        for at in 0..=t.len() + 2 {
            if let Some(m) = place_at(t, at) {
                assert!(m.start <= m.name_start && m.name_start < m.end && m.end <= t.len());
                found.push(m.name());
            }
            let _ = level_word_at(t, at);
        }
        assert!(found.contains(&"Sa Pa"));
        assert!(found.contains(&"Lào Cai"));
        // A name does not run across a line break.
        assert!(!found.iter().any(|n| n.contains('\n')));
    }
}
