//! Detection of unusable text layers.
//!
//! Some PDFs carry a text layer that decodes to garbage: glyph ids shifted
//! into Cyrillic or other scripts, mostly U+FFFD or private-use code points,
//! or Latin letters that form no Vietnamese words. Passing such text on
//! would poison every later stage, so a page whose text fails these checks
//! is withheld (its layer becomes `Unusable`). The checks are deliberately
//! loose for short pages, which carry too little evidence.

use crate::lang::latin::is_alphabetic;
use crate::lang::syllable::has_syllable_shape;

/// Why a page's text layer was judged unusable, if it was.
pub fn unusable_reason(text: &str, unmapped: usize) -> Option<String> {
    // One pass over the characters for the first two checks; the page's
    // text is not copied (this runs on every page of every born-digital
    // document).
    let (mut shown, mut bad, mut letters, mut latin) = (0usize, unmapped, 0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        shown += 1;
        if c == '\u{FFFD}' || ('\u{E000}'..='\u{F8FF}').contains(&c) || c.is_control() {
            bad += 1;
        }
        if is_alphabetic(c) {
            letters += 1;
            latin += usize::from(is_latin(c));
        }
    }
    let total = shown + unmapped;
    if total < 20 {
        return None;
    }
    if bad * 10 > total * 3 {
        return Some(format!("{bad} of {total} glyphs are unmapped, replacement or private-use characters"));
    }
    if letters >= 20 && latin * 10 < letters * 7 {
        return Some(format!("only {latin} of {letters} letters are Latin"));
    }
    let words: Vec<&str> = text
        .split(|c: char| !is_alphabetic(c))
        .filter(|w| w.chars().nth(1).is_some() && w.chars().all(is_latin))
        .collect();
    if words.len() >= 15 {
        // The verdict only needs to know whether 40 % of the words are
        // syllables: stop counting once they are (a real page gets there
        // within its first half).
        let enough = (words.len() * 4).div_ceil(10);
        let mut good = 0;
        for w in &words {
            good += usize::from(has_syllable_shape(w));
            if good >= enough {
                return None;
            }
        }
        return Some(format!("only {good} of {} words are Vietnamese syllables", words.len()));
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
