//! Character classes of the Latin blocks Vietnamese is written in, from a
//! table.
//!
//! `char::is_alphabetic`, `is_uppercase` and `is_lowercase` search a table
//! for every non-ASCII char, and normalization, tone-style detection and
//! the repair stage ask them for every char of every token. This table is
//! built from the standard library's own answers, so the answers are the
//! same; chars outside these blocks are passed to the standard library.

use std::sync::LazyLock;

const LATIN: std::ops::Range<u32> = 0x80..0x250;
const EXTENDED: std::ops::Range<u32> = 0x1E00..0x1F00;
const UPPER: u8 = 1;
const LOWER: u8 = 2;
const ALPHABETIC: u8 = 4;

/// The class bits of `c`, or `None` outside the tabled blocks (and ASCII,
/// which the standard library answers without a search).
fn class(c: char) -> Option<u8> {
    static TABLE: LazyLock<Vec<u8>> = LazyLock::new(|| {
        LATIN
            .chain(EXTENDED)
            .map(|u| {
                char::from_u32(u).map_or(0, |c| {
                    let bit = |has: bool, flag: u8| if has { flag } else { 0 };
                    bit(c.is_uppercase(), UPPER)
                        | bit(c.is_lowercase(), LOWER)
                        | bit(c.is_alphabetic(), ALPHABETIC)
                })
            })
            .collect()
    });
    let u = c as u32;
    let k = if LATIN.contains(&u) {
        u - LATIN.start
    } else if EXTENDED.contains(&u) {
        u - EXTENDED.start + LATIN.len() as u32
    } else {
        return None;
    };
    TABLE.get(k as usize).copied()
}

/// `char::is_alphabetic` (same answers).
pub fn is_alphabetic(c: char) -> bool {
    class(c).map_or_else(|| c.is_alphabetic(), |f| f & ALPHABETIC != 0)
}

/// `char::is_alphanumeric` (same answers).
pub fn is_alphanumeric(c: char) -> bool {
    is_alphabetic(c) || if c.is_ascii() { c.is_ascii_digit() } else { c.is_numeric() }
}

/// `char::is_uppercase` (same answers).
pub fn is_upper(c: char) -> bool {
    class(c).map_or_else(|| c.is_uppercase(), |f| f & UPPER != 0)
}

/// `char::is_lowercase` (same answers).
pub fn is_lower(c: char) -> bool {
    class(c).map_or_else(|| c.is_lowercase(), |f| f & LOWER != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_agrees_with_the_standard_library() {
        for c in (0..0x2_0000).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_upper(c), c.is_uppercase(), "{c:?}");
            assert_eq!(is_lower(c), c.is_lowercase(), "{c:?}");
        }
    }
}
