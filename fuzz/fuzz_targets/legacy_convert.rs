//! The legacy Vietnamese converters (TCVN3, VNI, VISCII) on arbitrary
//! bytes: the first byte picks a font name, the rest is the shown string.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nghiquyet::pdf::fuzzing::{glyph_name, legacy_convert};

const FONTS: [&str; 8] = [".VnTime", ".VnTimeH", ".VnArial", "VNI-Times", "VNI-Helve", "VISCII", "Times New Roman", "ABCDEF+Unknown"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, shown)) = data.split_first() else { return };
    if let Some(text) = legacy_convert(FONTS[usize::from(pick) % FONTS.len()], shown) {
        // One byte never becomes more than a letter with its marks.
        assert!(text.chars().count() <= 4 * shown.len() + 1);
    }
    if let Ok(name) = std::str::from_utf8(shown) {
        let _ = glyph_name(name);
    }
});
