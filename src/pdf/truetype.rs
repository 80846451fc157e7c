//! Glyph id → Unicode from an embedded TrueType font's `cmap` table.
//!
//! A CID font drawn with Identity-H and no `/ToUnicode` shows glyph ids;
//! when the embedded font kept its Unicode `cmap` (formats 4 and 12), the
//! inverse of that table says which character each glyph is. Owns only
//! this lookup; every offset is checked, and the result is bounded.

use rustc_hash::FxHashMap as HashMap;

/// Most code points read from one `cmap` subtable.
const MAX_CODES: usize = 1 << 17;

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*d.get(at)?, *d.get(at + 1)?]))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes([*d.get(at)?, *d.get(at + 1)?, *d.get(at + 2)?, *d.get(at + 3)?]))
}

/// Glyph id → character, from the best Unicode `cmap` subtable of a
/// TrueType/OpenType font program; empty when there is none.
pub fn glyph_to_unicode(font: &[u8]) -> HashMap<u16, char> {
    let mut out = HashMap::default();
    let Some(cmap) = table(font, b"cmap") else { return out };
    let Some(n) = u16_at(cmap, 2) else { return out };
    let mut best: Option<(u8, usize)> = None;
    for i in 0..usize::from(n) {
        let rec = 4 + 8 * i;
        let (Some(pid), Some(eid), Some(off)) =
            (u16_at(cmap, rec), u16_at(cmap, rec + 2), u32_at(cmap, rec + 4))
        else {
            break;
        };
        let rank = match (pid, eid) {
            (3, 10) | (0, 4) | (0, 6) => 3,
            (3, 1) | (0, _) => 2,
            _ => continue,
        };
        if best.is_none_or(|(r, _)| rank > r) {
            best = Some((rank, off as usize));
        }
    }
    let Some((_, off)) = best else { return out };
    let Some(sub) = cmap.get(off..) else { return out };
    let mut add = |code: u32, gid: u32| {
        if gid == 0 || out.len() >= MAX_CODES {
            return;
        }
        let (Ok(gid), Some(c)) = (u16::try_from(gid), char::from_u32(code)) else { return };
        let pua = ('\u{E000}'..='\u{F8FF}').contains(&c);
        match out.get(&gid) {
            // Keep the first (lowest) code point, but prefer a real
            // character over a private-use one.
            Some(old) if !('\u{E000}'..='\u{F8FF}').contains(old) || pua => {}
            _ => {
                out.insert(gid, c);
            }
        }
    };
    match u16_at(sub, 0) {
        Some(4) => {
            let Some(seg2) = u16_at(sub, 6).map(usize::from) else { return out };
            let ends = 14;
            let starts = ends + seg2 + 2;
            let deltas = starts + seg2;
            let ranges = deltas + seg2;
            for s in 0..seg2 / 2 {
                let (Some(end), Some(start), Some(delta), Some(ro)) = (
                    u16_at(sub, ends + 2 * s),
                    u16_at(sub, starts + 2 * s),
                    u16_at(sub, deltas + 2 * s),
                    u16_at(sub, ranges + 2 * s),
                ) else {
                    break;
                };
                if start > end || end == 0xFFFF && start == 0xFFFF {
                    continue;
                }
                for c in start..=end.min(0xFFFE) {
                    let gid = if ro == 0 {
                        c.wrapping_add(delta)
                    } else {
                        let at = ranges + 2 * s + usize::from(ro) + 2 * usize::from(c - start);
                        match u16_at(sub, at) {
                            Some(0) | None => 0,
                            Some(g) => g.wrapping_add(delta),
                        }
                    };
                    add(u32::from(c), u32::from(gid));
                }
            }
        }
        Some(12) => {
            let Some(groups) = u32_at(sub, 12) else { return out };
            for g in 0..(groups as usize).min(MAX_CODES) {
                let at = 16 + 12 * g;
                let (Some(start), Some(end), Some(gid)) =
                    (u32_at(sub, at), u32_at(sub, at + 4), u32_at(sub, at + 8))
                else {
                    break;
                };
                for (k, c) in (start..=end.min(start.saturating_add(MAX_CODES as u32))).enumerate() {
                    add(c, gid.saturating_add(k as u32));
                }
            }
        }
        _ => {}
    }
    out
}

fn table<'a>(font: &'a [u8], tag: &[u8; 4]) -> Option<&'a [u8]> {
    let n = u16_at(font, 4)?;
    for i in 0..usize::from(n) {
        let rec = 12 + 16 * i;
        if font.get(rec..rec + 4)? == tag {
            let off = u32_at(font, rec + 8)? as usize;
            let len = u32_at(font, rec + 12)? as usize;
            return font.get(off..off.checked_add(len)?);
        }
    }
    None
}

/// A minimal font program holding only a format 4 `cmap` that maps each
/// `(char, gid)` pair; for tests here and in `font.rs`.
#[cfg(test)]
pub fn test_font(pairs: &[(char, u16)]) -> Vec<u8> {
    let mut segs: Vec<(u16, u16)> = pairs.iter().map(|&(c, g)| (c as u16, g)).collect();
    segs.sort();
    let seg_count = segs.len() + 1;
    let mut sub = Vec::new();
    let body_len = 16 + 8 * seg_count;
    for v in [4u16, body_len as u16, 0, (2 * seg_count) as u16, 0, 0, 0] {
        sub.extend(v.to_be_bytes());
    }
    for &(c, _) in &segs {
        sub.extend(c.to_be_bytes());
    }
    sub.extend(0xFFFFu16.to_be_bytes());
    sub.extend(0u16.to_be_bytes());
    for &(c, _) in &segs {
        sub.extend(c.to_be_bytes());
    }
    sub.extend(0xFFFFu16.to_be_bytes());
    for &(c, g) in &segs {
        sub.extend(g.wrapping_sub(c).to_be_bytes());
    }
    sub.extend(1u16.to_be_bytes());
    for _ in 0..seg_count {
        sub.extend(0u16.to_be_bytes());
    }
    let mut cmap = Vec::new();
    cmap.extend(0u16.to_be_bytes());
    cmap.extend(1u16.to_be_bytes());
    cmap.extend(3u16.to_be_bytes());
    cmap.extend(1u16.to_be_bytes());
    cmap.extend(12u32.to_be_bytes());
    cmap.extend(sub);
    let mut font = Vec::new();
    font.extend(0x0001_0000u32.to_be_bytes());
    font.extend(1u16.to_be_bytes());
    font.extend([0u8; 6]);
    font.extend(b"cmap");
    font.extend(0u32.to_be_bytes());
    font.extend(28u32.to_be_bytes());
    font.extend((cmap.len() as u32).to_be_bytes());
    font.extend(cmap);
    font
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format4_inverse() {
        let font = test_font(&[('V', 57), ('i', 76), ('ệ', 1201), ('t', 87)]);
        let m = glyph_to_unicode(&font);
        assert_eq!(m.get(&57), Some(&'V'));
        assert_eq!(m.get(&1201), Some(&'ệ'));
        assert_eq!(m.get(&3), None);
        assert!(glyph_to_unicode(&font[..20]).is_empty());
        assert!(glyph_to_unicode(b"garbage").is_empty());
    }
}
