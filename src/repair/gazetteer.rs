//! Vietnamese place names, for the one kind of name evidence that is
//! overwhelming: a capitalized two- or three-syllable sequence whose bare
//! letters spell a known place (`Lao Cai` → `Lào Cai`, `QUANG NINH` →
//! `QUẢNG NINH`). Capitalized words are otherwise treated as names and
//! left alone ([`super::protect`]); a gazetteer match both repairs marks
//! and shields the correctly spelt name from the language model.
//!
//! The list (provinces before and after the 2025 merger, the regions, and
//! the districts and places of Lào Cai that dominate the corpus) is written
//! from general knowledge; only mark-stripped matches are used, so a wrong
//! letter is never "corrected" into a place.

use std::sync::LazyLock;

use super::syllable::strip;
use super::token::FastMap;

const PLACES: &[&str] = &[
    "Hà Nội",
    "Hồ Chí Minh",
    "Hải Phòng",
    "Đà Nẵng",
    "Cần Thơ",
    "An Giang",
    "Bà Rịa",
    "Vũng Tàu",
    "Bắc Giang",
    "Bắc Kạn",
    "Bạc Liêu",
    "Bắc Ninh",
    "Bến Tre",
    "Bình Định",
    "Bình Dương",
    "Bình Phước",
    "Bình Thuận",
    "Cà Mau",
    "Cao Bằng",
    "Đắk Lắk",
    "Đắk Nông",
    "Điện Biên",
    "Đồng Nai",
    "Đồng Tháp",
    "Gia Lai",
    "Hà Giang",
    "Hà Nam",
    "Hà Tĩnh",
    "Hải Dương",
    "Hậu Giang",
    "Hòa Bình",
    "Hưng Yên",
    "Khánh Hòa",
    "Kiên Giang",
    "Kon Tum",
    "Lai Châu",
    "Lâm Đồng",
    "Lạng Sơn",
    "Lào Cai",
    "Long An",
    "Nam Định",
    "Nghệ An",
    "Ninh Bình",
    "Ninh Thuận",
    "Phú Thọ",
    "Phú Yên",
    "Quảng Bình",
    "Quảng Nam",
    "Quảng Ngãi",
    "Quảng Ninh",
    "Quảng Trị",
    "Sóc Trăng",
    "Sơn La",
    "Tây Ninh",
    "Thái Bình",
    "Thái Nguyên",
    "Thanh Hóa",
    "Thừa Thiên",
    "Tiền Giang",
    "Trà Vinh",
    "Tuyên Quang",
    "Vĩnh Long",
    "Vĩnh Phúc",
    "Yên Bái",
    "Việt Nam",
    "Tây Nguyên",
    "Bắc Bộ",
    "Nam Bộ",
    "Trung Bộ",
    "Đông Nam Bộ",
    "Tây Bắc",
    "Đông Bắc",
    "Sa Pa",
    "Bát Xát",
    "Bảo Thắng",
    "Bảo Yên",
    "Bắc Hà",
    "Mường Khương",
    "Si Ma Cai",
    "Văn Bàn",
    "Tằng Loỏng",
    "Cam Đường",
    "Kim Thành",
    "Bắc Quang",
    "Hà Khẩu",
    "Trung Quốc",
    "Nghĩa Lộ",
    "Mù Cang Chải",
    "Lục Yên",
    "Văn Yên",
    "Trấn Yên",
    "Cao Lãnh",
    "Biên Hòa",
];

/// Stripped, lowercase, space-joined syllables → the place's spelling.
static INDEX: LazyLock<FastMap<String, Vec<&'static str>>> = LazyLock::new(|| {
    let mut m = FastMap::default();
    for p in PLACES {
        let key = p.split(' ').map(strip).collect::<Vec<_>>().join(" ");
        m.insert(key, p.split(' ').collect());
    }
    m
});

/// The longest place (2–3 syllables) whose bare letters equal `cores`'
/// prefix; returns the spelling syllable by syllable.
pub fn lookup(cores: &[&str]) -> Option<&'static [&'static str]> {
    for n in (2..=3).rev() {
        let Some(window) = cores.get(..n) else { continue };
        let key = window.iter().map(|c| strip(c)).collect::<Vec<_>>().join(" ");
        if let Some(v) = INDEX.get(&key) {
            return Some(v.as_slice());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_places_by_bare_letters() {
        assert_eq!(lookup(&["Lao", "Cai", "x"]), Some(["Lào", "Cai"].as_slice()));
        assert_eq!(lookup(&["SI", "MA", "CAI"]), Some(["Si", "Ma", "Cai"].as_slice()));
        assert_eq!(lookup(&["Lao", "Động"]), None);
    }
}
