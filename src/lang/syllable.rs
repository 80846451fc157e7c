//! Vietnamese orthographic syllables: which spellings are possible at all.
//!
//! A written syllable is `initial + rhyme + tone`, where the rhyme is
//! `[medial] nucleus [final]`. Rather than parse every token with rules,
//! this module *generates* every legal lowercase spelling once (initials ×
//! rhymes × tones, filtered by the spelling rules below, with both tone
//! placements for `oa`/`oe`/`uy`) into a hash map; validity is then one
//! lowercase + lookup, and decomposition is the stored triple.
//!
//! Rules encoded (Vietnamese orthography):
//! * `k`, `gh`, `ngh` only before `i e ê y`; `c`, `g`, `ng` never before them;
//! * `q` only as `qu`, which already holds the medial `u`;
//! * `gi` + a rhyme starting with `i` drops one `i` (`gì`, `giếng`);
//! * `iê` is written `yê` without an initial, and `yê`, `ynh`, `yt` need
//!   `qu` or no initial;
//! * rhymes with a stop final (`c ch p t`) take only sắc or nặng;
//! * the tone sits on the marked vowel (`ă â ê ô ơ ư`, `ơ` in `ươ`), else on
//!   the last vowel before a final, else on the first of two vowels (both
//!   places for open `oa oe uy`), else on the middle of three.
//!
//! It does not own the vocabulary (which legal syllables are real words):
//! that is the language model's business.

use std::sync::LazyLock;

use rustc_hash::FxHashMap as FastMap;

pub use super::latin::{is_lower, is_upper};

/// The six tones (ngang, huyền, sắc, hỏi, ngã, nặng).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tone {
    /// ngang (no mark)
    Level,
    /// huyền (grave)
    Grave,
    /// sắc (acute)
    Acute,
    /// hỏi (hook)
    Hook,
    /// ngã (tilde)
    Tilde,
    /// nặng (dot below)
    Dot,
}

const TONES: [Tone; 6] = [Tone::Level, Tone::Grave, Tone::Acute, Tone::Hook, Tone::Tilde, Tone::Dot];

/// Combining marks of the tones (none for the level tone).
const TONE_MARKS: [Option<char>; 6] =
    [None, Some('\u{0300}'), Some('\u{0301}'), Some('\u{0309}'), Some('\u{0303}'), Some('\u{0323}')];

/// Vowels without tone, as written.
const VOWELS: [char; 12] = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];

/// Initial consonants (`""` = none).
pub const INITIALS: [&str; 28] = [
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p",
    "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
];

/// Rhymes (medial + nucleus + final) without tone.
pub const RHYMES: &[&str] = &[
    "a", "ai", "ao", "au", "ay", "ac", "ach", "am", "an", "ang", "anh", "ap", "at", "ăc", "ăm", "ăn", "ăng",
    "ăp", "ăt", "âc", "âm", "ân", "âng", "âp", "ât", "âu", "ây", "e", "ec", "em", "en", "eng", "eo", "ep",
    "et", "ê", "êch", "êm", "ên", "ênh", "êp", "êt", "êu", "i", "ia", "ich", "im", "in", "inh", "ip", "it",
    "iu", "iêc", "iêm", "iên", "iêng", "iêp", "iêt", "iêu", "o", "oc", "oi", "om", "on", "ong", "op", "ot",
    "oa", "oac", "oach", "oai", "oam", "oan", "oang", "oanh", "oao", "oap", "oat", "oay", "oăc", "oăm",
    "oăn", "oăng", "oăt", "oe", "oem", "oen", "oeo", "oet", "ooc", "oong", "ô", "ôc", "ôi", "ôm", "ôn",
    "ông", "ôp", "ôt", "ơ", "ơi", "ơm", "ơn", "ơp", "ơt", "u", "ua", "uc", "ui", "um", "un", "ung", "up",
    "ut", "uân", "uâng", "uât", "uây", "uê", "uêch", "uênh", "uy", "uya", "uych", "uyn", "uynh", "uyp",
    "uyt", "uyu", "uyên", "uyêt", "uôc", "uôi", "uôm", "uôn", "uông", "uôp", "uôt", "uơ", "ư", "ưa", "ưc",
    "ưi", "ưm", "ưn", "ưng", "ưt", "ưu", "ươc", "ươi", "ươm", "ươn", "ương", "ươp", "ươt", "ươu", "y", "yêm",
    "yên", "yêt", "yêu", "ynh", "yt", "ych",
];

/// How a legal spelling decomposes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Syllable {
    /// Initial consonant (`""` = none).
    pub initial: &'static str,
    /// Rhyme without tone.
    pub rhyme: &'static str,
    /// The tone.
    pub tone: Tone,
}

fn is_vowel(c: char) -> bool {
    VOWELS.contains(&c)
}

fn is_stop_final(rhyme: &str) -> bool {
    rhyme.ends_with('c') || rhyme.ends_with("ch") || rhyme.ends_with('p') || rhyme.ends_with('t')
}

fn initial_allows(initial: &str, rhyme: &str) -> bool {
    let first = rhyme.chars().next().unwrap_or('a');
    let front = matches!(first, 'i' | 'e' | 'ê' | 'y');
    let y_group = rhyme.starts_with('y') && rhyme != "y";
    let medial_u = rhyme.starts_with("uâ")
        || rhyme.starts_with("uê")
        || rhyme.starts_with("uy")
        || rhyme == "uơ"
        || rhyme.starts_with("uă");
    match initial {
        "k" => front && !y_group,
        "gh" | "ngh" => front && first != 'y',
        "c" | "g" | "ng" => !front,
        "gi" => !rhyme.starts_with('y') && !medial_u && !rhyme.starts_with('o') && !rhyme.starts_with("uô"),
        "qu" => {
            !rhyme.starts_with('u')
                && !rhyme.starts_with('o')
                && !rhyme.starts_with('ư')
                && !rhyme.starts_with("ia")
                && !rhyme.starts_with("iu")
                && !rhyme.starts_with("iê")
        }
        "" => !rhyme.starts_with("iê") && !matches!(rhyme, "ynh" | "yt" | "ych"),
        _ => !y_group,
    }
}

/// Positions (char indices into the rhyme) where the tone may sit.
fn tone_positions(rhyme: &str) -> Vec<usize> {
    let chars: Vec<char> = rhyme.chars().collect();
    let n_vowels = chars.iter().take_while(|c| is_vowel(**c)).count();
    let has_final = n_vowels < chars.len();
    if let Some(p) = chars[..n_vowels].iter().rposition(|c| matches!(c, 'ơ')) {
        return vec![p];
    }
    if let Some(p) = chars[..n_vowels].iter().rposition(|c| matches!(c, 'ă' | 'â' | 'ê' | 'ô' | 'ư')) {
        return vec![p];
    }
    if n_vowels == 0 {
        return vec![];
    }
    if has_final || n_vowels == 1 {
        return vec![n_vowels - 1];
    }
    if n_vowels == 2 {
        let pair: String = chars[..2].iter().collect();
        if matches!(pair.as_str(), "oa" | "oe" | "uy") {
            return vec![0, 1];
        }
        if pair == "oo" {
            return vec![1];
        }
        return vec![0];
    }
    vec![1]
}

fn with_tone(c: char, tone: usize) -> char {
    use unicode_normalization::UnicodeNormalization;
    match TONE_MARKS[tone] {
        None => c,
        Some(m) => [c, m].into_iter().nfc().next().unwrap_or(c),
    }
}

fn spell(initial: &str, rhyme: &str, tone: usize, pos: usize) -> String {
    let mut s = String::with_capacity(12);
    if initial == "gi" && rhyme.starts_with('i') {
        s.push('g');
    } else {
        s.push_str(initial);
    }
    for (i, c) in rhyme.chars().enumerate() {
        s.push(if i == pos { with_tone(c, tone) } else { c });
    }
    s
}

/// Every legal lowercase spelling and its decomposition.
static SYLLABLES: LazyLock<FastMap<String, Syllable>> = LazyLock::new(|| {
    let mut map = FastMap::with_capacity_and_hasher(40_000, Default::default());
    for &initial in &INITIALS {
        for &rhyme in RHYMES {
            if !initial_allows(initial, rhyme) {
                continue;
            }
            for (t, &tone) in TONES.iter().enumerate() {
                if is_stop_final(rhyme) && !matches!(tone, Tone::Acute | Tone::Dot) {
                    continue;
                }
                for pos in tone_positions(rhyme) {
                    map.entry(spell(initial, rhyme, t, pos)).or_insert(Syllable { initial, rhyme, tone });
                }
            }
        }
    }
    map
});

/// Letter case pattern of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// all lowercase
    Lower,
    /// First letter capital, rest lowercase
    Title,
    /// ALL CAPITALS (two letters or more)
    Upper,
    /// anything else (`tHỉnh`)
    Mixed,
}

impl Case {
    /// The case pattern of `word`.
    pub fn of(word: &str) -> Case {
        let mut chars = word.chars();
        let Some(first) = chars.next() else { return Case::Lower };
        let (mut upper, mut lower) = (0usize, 0usize);
        for c in chars.clone() {
            if is_upper(c) {
                upper += 1;
            } else if is_lower(c) {
                lower += 1;
            }
        }
        match (is_upper(first), upper, lower) {
            (false, 0, _) => Case::Lower,
            (true, 0, _) => Case::Title,
            (true, _, 0) => Case::Upper,
            _ => Case::Mixed,
        }
    }

    /// Writes lowercase `word` in this case (mixed → lowercase).
    pub fn apply(self, word: &str) -> String {
        match self {
            Case::Lower | Case::Mixed => word.to_owned(),
            Case::Upper => word.to_uppercase(),
            Case::Title => {
                let mut c = word.chars();
                match c.next() {
                    Some(f) => f.to_uppercase().chain(c).collect(),
                    None => String::new(),
                }
            }
        }
    }
}

/// Decomposes a lowercase spelling; `None` if it is not a legal syllable.
pub fn parse_lower(lower: &str) -> Option<Syllable> {
    SYLLABLES.get(lower).copied()
}

/// Whether `word` (any case, NFC) is a legal Vietnamese syllable spelling.
pub fn is_valid(word: &str) -> bool {
    if word.is_empty() || word.len() > 24 {
        return false;
    }
    if word.chars().all(is_lower) {
        return SYLLABLES.contains_key(word);
    }
    SYLLABLES.contains_key(&word.to_lowercase())
}

/// The shape of a syllable: onset, one to three vowels, coda, with at most
/// one tone mark, but none of the orthography's finer rules (which onset
/// goes before which vowel, which tones a stop final takes, where the mark
/// sits). The PDF stage judges text layers and legacy encodings by it,
/// where loan words, names and English text must still count as words
/// ([`is_valid`] is the grammar itself).
pub fn has_syllable_shape(word: &str) -> bool {
    static SHAPE: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"(?x)^
            (ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x)?  # onset
            [aăâeêioôơuưy]{1,3}                                                   # nucleus
            (ch|ng|nh|c|m|n|p|t)?$                                                # coda
            ",
        )
        .expect("static regex")
    });
    use unicode_normalization::UnicodeNormalization;
    let is_tone = |c: &char| matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}');
    let lower = word.to_lowercase();
    // One decomposition: the tones are counted as they are dropped.
    let mut tones = 0usize;
    let toneless: String = lower
        .nfd()
        .filter(|c| {
            let tone = is_tone(c);
            tones += usize::from(tone);
            !tone
        })
        .nfc()
        .collect();
    tones <= 1 && SHAPE.is_match(&toneless)
}

/// Number of legal spellings (both tone placements counted).
pub fn count() -> usize {
    SYLLABLES.len()
}

/// All legal spellings (unordered).
pub fn all() -> impl Iterator<Item = &'static str> {
    SYLLABLES.keys().map(String::as_str)
}

/// A lowercase letter without its tone, and the tone (`ộ` → (`ô`, Dot)).
pub fn split_tone(c: char) -> (char, Tone) {
    match TONED.get(c) {
        Some(&(b, t)) => (b, t),
        None => (c, Tone::Level),
    }
}

/// [`TONE_TABLE`] as two arrays over the Unicode blocks holding every
/// Vietnamese toned vowel (Latin-1 to Latin Extended-B, and Latin Extended
/// Additional), with the map itself asked for anything outside them: the
/// same answers as the map, without hashing (this runs for every char of
/// every token and of every alignment).
struct Toned {
    low: Vec<Option<(char, Tone)>>,
    high: Vec<Option<(char, Tone)>>,
}

const LOW: std::ops::Range<u32> = 0xC0..0x1B1;
const HIGH: std::ops::Range<u32> = 0x1EA0..0x1EFA;

impl Toned {
    fn get(&self, c: char) -> Option<&(char, Tone)> {
        let u = c as u32;
        if LOW.contains(&u) {
            self.low.get((u - LOW.start) as usize)?.as_ref()
        } else if HIGH.contains(&u) {
            self.high.get((u - HIGH.start) as usize)?.as_ref()
        } else {
            TONE_TABLE.get(&c)
        }
    }
}

static TONED: LazyLock<Toned> = LazyLock::new(|| {
    let block = |r: std::ops::Range<u32>| {
        r.map(|u| char::from_u32(u).and_then(|c| TONE_TABLE.get(&c).copied())).collect()
    };
    Toned { low: block(LOW), high: block(HIGH) }
});

static TONE_TABLE: LazyLock<FastMap<char, (char, Tone)>> = LazyLock::new(|| {
    let mut m = FastMap::default();
    for v in VOWELS {
        for (t, &tone) in TONES.iter().enumerate().skip(1) {
            let toned = with_tone(v, t);
            m.insert(toned, (v, tone));
            if let Some(u) = toned.to_uppercase().next() {
                let ub = v.to_uppercase().next().unwrap_or(v);
                m.insert(u, (ub, tone));
            }
        }
    }
    m
});

/// The bare Latin letter under all Vietnamese marks (`ướ` → `u`, `đ` → `d`).
pub fn strip_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    let (b, _) = split_tone(c);
    match b {
        'ă' | 'â' => 'a',
        'Ă' | 'Â' => 'A',
        'ê' => 'e',
        'Ê' => 'E',
        'ô' | 'ơ' => 'o',
        'Ô' | 'Ơ' => 'O',
        'ư' => 'u',
        'Ư' => 'U',
        'đ' => 'd',
        'Đ' => 'D',
        other => other,
    }
}

/// `word` with every Vietnamese mark removed, lowercased (`Trước` → `truoc`).
pub fn strip(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    strip_into(word, &mut out);
    out
}

/// [`strip`] into a reused buffer (cleared first): candidate generation
/// strips dozens of spellings per token.
pub fn strip_into(word: &str, out: &mut String) {
    out.clear();
    out.extend(word.chars().flat_map(char::to_lowercase).map(strip_char));
}

/// `char::is_alphabetic`, by the Latin class table (the one answer;
/// repair's modules call it by this name).
pub use super::latin::is_alphabetic as is_letter;

/// Whether `c` is a letter with a Vietnamese mark (tone, shape or `đ`).
pub fn has_mark(c: char) -> bool {
    !c.is_ascii() && strip_char(c) != c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shape_is_looser_than_the_grammar() {
        // Every legal spelling has the shape.
        assert!(all().all(has_syllable_shape), "{:?}", all().find(|w| !has_syllable_shape(w)));
        // Shapes, English ones among them, two of which the grammar
        // refuses: "c" before "e", a stop final without sắc or nặng.
        for word in ["the", "men", "ce", "cit", "Hoá", "TRƯỜNG"] {
            assert!(has_syllable_shape(word), "{word}");
        }
        assert!(!is_valid("ce") && !is_valid("cit"));
        // No shape: clusters Vietnamese never writes, two tone marks.
        for word in ["strong", "Qjxw", "bl", "hóà", "tcp"] {
            assert!(!has_syllable_shape(word), "{word}");
        }
    }

    #[test]
    fn tone_arrays_answer_as_the_map() {
        let mut toned = 0;
        for c in (0..0x2_0000).filter_map(char::from_u32) {
            assert_eq!(TONED.get(c), TONE_TABLE.get(&c), "{c}");
            toned += usize::from(TONED.get(c).is_some());
        }
        assert_eq!(toned, TONE_TABLE.len());
        assert_eq!(split_tone('Ộ'), ('Ô', Tone::Dot));
        assert_eq!(strip_char('ữ'), 'u');
    }

    #[test]
    fn common_syllables_are_valid() {
        for w in [
            "tỉnh",
            "Ninh",
            "trong",
            "sinh",
            "lĩnh",
            "trước",
            "nghiệp",
            "với",
            "từ",
            "kiểm",
            "tra",
            "chỉ",
            "đạo",
            "tăng",
            "trưởng",
            "đổi",
            "đối",
            "quý",
            "gì",
            "giữ",
            "giếng",
            "quyết",
            "khuya",
            "huỳnh",
            "hòa",
            "hoà",
            "thủy",
            "thuỷ",
            "ủy",
            "uỷ",
            "yêu",
            "quốc",
            "ngoài",
            "TỈNH",
            "Quảng",
            "người",
            "của",
            "nghị",
        ] {
            assert!(is_valid(w), "{w}");
        }
    }

    #[test]
    fn ocr_garbage_is_invalid() {
        for w in [
            "tmh",
            "Nmh",
            "ừong",
            "sirứi",
            "lũứi",
            "tniớc",
            "nghiệỊ",
            "ghá",
            "cé",
            "tóan",
            "bàc",
            "xm",
            "ngiệp",
            "ka",
            "thànhh",
        ] {
            assert!(!is_valid(w), "{w}");
        }
    }

    #[test]
    fn strips_marks() {
        assert_eq!(strip("Trước"), "truoc");
        assert_eq!(strip("ĐỔI"), "doi");
        assert_eq!(split_tone('ộ'), ('ô', Tone::Dot));
    }
}
