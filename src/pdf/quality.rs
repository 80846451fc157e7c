//! Detection of unusable text layers.
//!
//! Some PDFs carry a text layer that decodes to garbage: glyph ids shifted
//! into Cyrillic or other scripts, mostly U+FFFD or private-use code points,
//! or Latin letters that form no Vietnamese words. Passing such text on
//! would poison every later stage, so a page whose text fails these checks
//! is withheld (its layer becomes `Unusable`). The checks are deliberately
//! loose for short pages, which carry too little evidence.

use super::legacy::is_syllable;

/// Why a page's text layer was judged unusable, if it was.
pub fn unusable_reason(text: &str, unmapped: usize) -> Option<String> {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let total = chars.len() + unmapped;
    if total < 20 {
        return None;
    }
    let bad = unmapped
        + chars
            .iter()
            .filter(|&&c| c == '\u{FFFD}' || ('\u{E000}'..='\u{F8FF}').contains(&c) || c.is_control())
            .count();
    if bad * 10 > total * 3 {
        return Some(format!("{bad} of {total} glyphs are unmapped, replacement or private-use characters"));
    }
    let letters: Vec<char> = chars.iter().copied().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 20 {
        let latin = letters.iter().filter(|&&c| is_latin(c)).count();
        if latin * 10 < letters.len() * 7 {
            return Some(format!("only {latin} of {} letters are Latin", letters.len()));
        }
    }
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 2 && w.chars().all(is_latin))
        .collect();
    if words.len() >= 15 {
        let good = words.iter().filter(|w| is_syllable(w)).count();
        if good * 10 < words.len() * 4 {
            return Some(format!("only {good} of {} words are Vietnamese syllables", words.len()));
        }
    }
    None
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || ('\u{C0}'..='\u{24F}').contains(&c) || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_is_usable() {
        let t = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; \
                 Theo đề nghị của Sở Nông nghiệp và Phát triển nông thôn tại Tờ trình số 12/TTr-SNN";
        assert_eq!(unusable_reason(t, 0), None);
    }

    #[test]
    fn shifted_glyphs_are_not() {
        // Glyph ids offset into Cyrillic.
        let t = "Сӑт сӭ Оуӑу Тә сіӭс сіѝті рҿуът ӡӏа рісӷӟті тӑу 2015 Тіњк ӡѐ тҿіӏ сӣа Сӛ Тњтд";
        assert!(unusable_reason(t, 0).is_some());
        let t = "\u{FFFD}".repeat(40);
        assert!(unusable_reason(&t, 0).is_some());
        assert!(unusable_reason("abc", 200).is_some());
        let latin_garbage = "Qjxw Zrkt Vbnm Plkq Wxzt Hjkl Mnbv Cxzq Trwp Ysdf Ghjk Lkjh Poiu Ytre Wqas Zxcv";
        assert!(unusable_reason(latin_garbage, 0).is_some());
    }
}
