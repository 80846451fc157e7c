//! Layout: positioned glyphs → words → lines → reading order.
//!
//! Owns the geometry: the page's dominant text direction (so a skewed scan's
//! OCR layer, drawn at a small angle, still forms straight lines), baseline
//! clustering that follows each line word by word (Tesseract shifts every
//! word's baseline a little), word breaks from space glyphs and gaps (so a
//! "space glyph + move" never yields two spaces), combining marks drawn as
//! separate glyphs moved right after their base letter, duplicate glyphs of
//! fake bold dropped, and the reading order of the two-column blocks of
//! administrative documents (issuer | national motto; number | place and
//! date; recipients | signature): the left column's lines come before the
//! right column's. It does not know about encodings.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// A glyph ready for layout (text already converted to Unicode).
#[derive(Debug, Clone)]
pub struct Item {
    /// Unicode text (may be empty for unmapped codes).
    pub text: String,
    /// Origin x, upright page space.
    pub x: f32,
    /// Origin y.
    pub y: f32,
    /// Advance end x.
    pub ex: f32,
    /// Advance end y.
    pub ey: f32,
    /// Font size in page units.
    pub size: f32,
    /// Capital words of this glyph's font need the TCVN3 case fix.
    pub caps_fix: bool,
}

/// One output line.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The line's text, NFC.
    pub text: String,
    /// Baseline position in the page frame (larger = higher on the page).
    pub v: f32,
    /// Left end.
    pub u0: f32,
    /// Right end.
    pub u1: f32,
    /// Typical font size.
    pub size: f32,
}

#[derive(Debug, Clone)]
struct Placed {
    text: String,
    u0: f32,
    u1: f32,
    v: f32,
    size: f32,
    space: bool,
    mark: bool,
    caps_fix: bool,
}

#[derive(Debug)]
struct RawLine {
    items: Vec<Placed>,
    last_v: f32,
    last_u1: f32,
    last_size: f32,
}

#[derive(Debug, Clone)]
struct Word {
    text: String,
    u0: f32,
    u1: f32,
    size: f32,
}

#[derive(Debug, Clone)]
struct Segment {
    words: Vec<Word>,
    u0: f32,
    u1: f32,
}

#[derive(Debug)]
struct VLine {
    segments: Vec<Segment>,
    v: f32,
    size: f32,
}

/// Gap (in ems) above which two glyphs belong to different words.
const WORD_GAP: f32 = 0.15;
/// Bytes reserved for a word's text: a Vietnamese syllable in UTF-8 is
/// rarely longer.
const WORD_CAPACITY: usize = 16;
/// Gap (in ems) above which a line splits into separate columns.
const COLUMN_GAP: f32 = 2.5;

fn angle_of(it: &Item) -> Option<f32> {
    let (dx, dy) = (it.ex - it.x, it.ey - it.y);
    (dx * dx + dy * dy > (0.01 * it.size).powi(2)).then(|| dy.atan2(dx))
}

/// The dominant text direction: the most common glyph angle, to 1°.
///
/// Ties (as many glyphs at 0° as at 90°, common on pages of short rotated
/// stamps) go to the angle nearest upright, then the smaller one: the
/// choice must not depend on anything but the glyphs, or the same page
/// would come out in a different order from one process to the next.
fn dominant_angle(angles: &[Option<f32>]) -> f32 {
    // One bin per whole degree, -180…180 (atan2's range; a NaN angle
    // rounds to bin 0, as `as i32` makes it): a glyph costs an index, not
    // a map lookup.
    let mut bins = [(0usize, 0f32); 361];
    for a in angles.iter().flatten() {
        let degrees = (a.to_degrees().round() as i32).clamp(-180, 180);
        if let Some(e) = bins.get_mut((degrees + 180) as usize) {
            e.0 += 1;
            e.1 += a;
        }
    }
    (-180i32..=180)
        .zip(bins)
        .filter(|&(_, (n, _))| n > 0)
        .max_by_key(|&(degrees, (n, _))| {
            (n, std::cmp::Reverse(degrees.unsigned_abs()), std::cmp::Reverse(degrees))
        })
        .map_or(0.0, |(_, (n, sum))| sum / n as f32)
}

/// Lays out a page's glyphs into lines in reading order.
pub fn layout(items: Vec<Item>) -> Vec<Line> {
    if items.is_empty() {
        return Vec::new();
    }
    let total = items.len();
    let angles: Vec<Option<f32>> = items.iter().map(angle_of).collect();
    let theta = dominant_angle(&angles);
    let (sin, cos) = theta.sin_cos();
    let mut main = Vec::with_capacity(items.len());
    let mut other: Vec<Item> = Vec::new();
    let mut last_angle = theta;
    for (it, angle) in items.into_iter().zip(angles) {
        let a = angle.unwrap_or(last_angle);
        last_angle = a;
        let diff = (a - theta).abs();
        let diff = diff.min(std::f32::consts::TAU - diff);
        if diff > 10f32.to_radians() {
            other.push(it);
            continue;
        }
        let u0 = it.x * cos + it.y * sin;
        let v = -it.x * sin + it.y * cos;
        let u1 = it.ex * cos + it.ey * sin;
        let trimmed = it.text.trim();
        let mark = !trimmed.is_empty() && trimmed.chars().all(is_combining_mark);
        let space = trimmed.is_empty() && !it.text.is_empty();
        main.push(Placed {
            text: it.text,
            u0,
            u1: u1.max(u0),
            v,
            size: it.size.max(0.1),
            space,
            mark,
            caps_fix: it.caps_fix,
        });
    }
    // Clustering compares each glyph with the open lines and each mark
    // with the glyphs: fine for real pages, quadratic on a hostile one, so
    // huge pages keep the drawing order instead.
    let mut lines =
        if main.len() > MAX_CLUSTERED { order(stream_lines(main)) } else { order(build_lines(main)) };
    // Text in other directions (stamps, margin notes): laid out on its own
    // and put after the main text.
    if !other.is_empty() && other.len() < total {
        lines.extend(layout(other));
    }
    lines
}

/// Glyphs per page above which lines follow the drawing order.
const MAX_CLUSTERED: usize = 50_000;

/// Lines in drawing order: a new line whenever the baseline moves by
/// more than half a size or the text goes back left.
fn stream_lines(items: Vec<Placed>) -> Vec<VLine> {
    let mut lines: Vec<RawLine> = Vec::new();
    for it in items {
        match lines.last_mut() {
            Some(l)
                if (it.v - l.last_v).abs() < 0.5 * it.size && it.u0 >= l.last_u1 - 0.3 * it.size
                    || it.mark =>
            {
                l.last_u1 = l.last_u1.max(it.u1);
                l.items.push(it);
            }
            _ => lines.push(RawLine { last_v: it.v, last_u1: it.u1, last_size: it.size, items: vec![it] }),
        }
    }
    lines.into_iter().filter_map(to_vline).collect()
}

fn build_lines(items: Vec<Placed>) -> Vec<VLine> {
    // Left to right, then top to bottom; equal positions keep the drawing
    // order. Sorted as small keys and then moved once: sorting the glyphs
    // themselves moved each one many times (4 % of a batch, callgrind).
    let mut keys: Vec<(f32, f32, usize)> = items.iter().enumerate().map(|(i, p)| (p.u0, p.v, i)).collect();
    keys.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2)));
    let mut slots: Vec<Option<Placed>> = items.into_iter().map(Some).collect();
    let items: Vec<Placed> =
        keys.iter().filter_map(|&(_, _, i)| slots.get_mut(i).and_then(Option::take)).collect();
    let (marks, items): (Vec<Placed>, Vec<Placed>) = items.into_iter().partition(|p| p.mark);
    let mut lines: Vec<RawLine> = Vec::new();
    for it in items {
        let mut best: Option<(usize, f32)> = None;
        for (i, l) in lines.iter().enumerate() {
            let tol = 0.4 * it.size.max(l.last_size);
            let dv = (it.v - l.last_v).abs();
            if dv > tol {
                continue;
            }
            // Same glyph drawn twice (fake bold, shadow): drop it.
            if let Some(prev) = l.items.last() {
                // A copy overlaps most of the original; the next of two
                // equal letters ("11") starts where the first ends.
                let du = (prev.u0 - it.u0).abs();
                if du < 0.15 * it.size
                    && dv < 0.15 * it.size
                    && du < 0.5 * (prev.u1 - prev.u0)
                    && !it.space
                    && prev.text == it.text
                {
                    best = Some((i, -1.0));
                    break;
                }
            }
            if it.u0 < l.last_u1 - 0.3 * it.size {
                continue;
            }
            if best.is_none_or(|(_, d)| dv < d) {
                best = Some((i, dv));
            }
        }
        match best {
            Some((_, d)) if d < 0.0 => {}
            Some((i, _)) => {
                if let Some(l) = lines.get_mut(i) {
                    if !it.space {
                        l.last_v = it.v;
                        l.last_size = it.size;
                    }
                    l.last_u1 = l.last_u1.max(it.u1);
                    l.items.push(it);
                }
            }
            None => lines.push(RawLine { last_v: it.v, last_u1: it.u1, last_size: it.size, items: vec![it] }),
        }
    }
    // Marks go right after the base letter they sit on.
    for m in marks {
        let centre = (m.u0 + m.u1) / 2.0 - 0.01 * m.size;
        let mut best: Option<(usize, usize, f32)> = None;
        for (li, l) in lines.iter().enumerate() {
            for (gi, g) in l.items.iter().enumerate() {
                if g.space || g.u0 >= centre {
                    continue;
                }
                let dv = (g.v - m.v).abs();
                if dv > 1.2 * g.size.max(m.size) {
                    continue;
                }
                let du = centre - g.u0;
                let score = du + dv;
                if best.is_none_or(|(_, _, s)| score < s) {
                    best = Some((li, gi, score));
                }
            }
        }
        match best {
            Some((li, gi, _)) => {
                if let Some(l) = lines.get_mut(li) {
                    let mut at = gi + 1;
                    while l.items.get(at).is_some_and(|p| p.mark) {
                        at += 1;
                    }
                    l.items.insert(
                        at.min(l.items.len()),
                        Placed { u0: l.items[gi].u0, u1: l.items[gi].u0, ..m },
                    );
                }
            }
            None => lines.push(RawLine { last_v: m.v, last_u1: m.u1, last_size: m.size, items: vec![m] }),
        }
    }
    lines.into_iter().filter_map(to_vline).collect()
}

fn to_vline(l: RawLine) -> Option<VLine> {
    let mut words: Vec<Word> = Vec::new();
    let mut cur: Option<Word> = None;
    let mut caps_fix = true;
    let mut vs: Vec<f32> = Vec::new();
    let mut sizes: Vec<f32> = Vec::new();
    let flush = |cur: &mut Option<Word>, words: &mut Vec<Word>, caps_fix: &mut bool| {
        if let Some(mut w) = cur.take() {
            if *caps_fix {
                if let Some(f) = super::legacy::fix_capital_word(&w.text) {
                    w.text = f;
                }
            }
            if !w.text.is_empty() {
                words.push(w);
            }
        }
        *caps_fix = true;
    };
    for p in l.items {
        if p.space {
            flush(&mut cur, &mut words, &mut caps_fix);
            continue;
        }
        if !p.mark {
            vs.push(p.v);
            sizes.push(p.size);
        }
        let gap_break = cur.as_ref().is_some_and(|w| !p.mark && p.u0 - w.u1 > WORD_GAP * p.size.max(w.size));
        if gap_break {
            flush(&mut cur, &mut words, &mut caps_fix);
        }
        // Once a word has a glyph that rules the fix out, the rest need no test.
        caps_fix = caps_fix && (p.caps_fix || p.text.chars().all(|c| !c.is_alphabetic()));
        match cur.as_mut() {
            Some(w) => {
                w.text.push_str(&p.text);
                if !p.mark {
                    w.u1 = w.u1.max(p.u1);
                    w.size = w.size.max(p.size);
                }
            }
            None => {
                // Room for a whole word: growing it glyph by glyph
                // reallocated it two or three times.
                let mut text = String::with_capacity(WORD_CAPACITY.max(p.text.len()));
                text.push_str(&p.text);
                cur = Some(Word { text, u0: p.u0, u1: p.u1, size: p.size });
            }
        }
    }
    flush(&mut cur, &mut words, &mut caps_fix);
    if words.is_empty() {
        return None;
    }
    let v = median(&mut vs).unwrap_or(0.0);
    let size = median(&mut sizes).unwrap_or(10.0);
    // A column gap is wide in ems, or wide next to the line's usual word
    // gap (a header line set tight: "NGÂN HÀNG NHÀ NƯỚC   CỘNG HOÀ…").
    let mut gaps: Vec<f32> = words.windows(2).map(|p| p[1].u0 - p[0].u1).collect();
    let typical = median(&mut gaps).unwrap_or(0.0).max(0.1 * size);
    let column_gap = if gaps.len() >= 3 {
        (3.0 * typical).max(1.2 * size).min(COLUMN_GAP * size)
    } else {
        COLUMN_GAP * size
    };
    let mut segments: Vec<Segment> = Vec::new();
    for w in words {
        match segments.last_mut() {
            Some(s) if w.u0 - s.u1 <= column_gap => {
                s.u1 = s.u1.max(w.u1);
                s.words.push(w);
            }
            _ => segments.push(Segment { u0: w.u0, u1: w.u1, words: vec![w] }),
        }
    }
    Some(VLine { segments, v, size })
}

/// The upper median (the element at `len / 2` in `total_cmp` order),
/// found without sorting the rest.
fn median(values: &mut [f32]) -> Option<f32> {
    let mid = values.len() / 2;
    (!values.is_empty()).then(|| *values.select_nth_unstable_by(mid, f32::total_cmp).1)
}

fn segment_text(s: &Segment) -> String {
    let mut out = String::new();
    for w in &s.words {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&w.text);
    }
    out
}

fn emit(out: &mut Vec<Line>, segs: &[&Segment], v: f32, size: f32) {
    if segs.is_empty() {
        return;
    }
    let text = segs.iter().map(|s| segment_text(s)).collect::<Vec<_>>().join(" ");
    let u0 = segs.first().map_or(0.0, |s| s.u0);
    let u1 = segs.last().map_or(0.0, |s| s.u1);
    // Most born-digital lines are NFC already; the quick check spares them
    // a recomposition.
    let text = match unicode_normalization::is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => text,
        _ => text.nfc().collect(),
    };
    out.push(Line { text, v, u0, u1, size });
}

/// A two-column block being collected: the x-ranges of both columns and
/// the lines assigned to each.
struct Block<'a> {
    left: (f32, f32),
    right: (f32, f32),
    lefts: Vec<(&'a Segment, f32, f32)>,
    rights: Vec<(&'a Segment, f32, f32)>,
    last_v: f32,
}

/// A line opens a two-column block when it is exactly two segments
/// separated by a column gap, the first ending left of the middle.
fn opens_block(l: &VLine, mid: f32) -> bool {
    matches!(l.segments.as_slice(), [a, _] if a.u1 <= mid)
}

/// Joins lines that sit side by side on nearly the same baseline into one
/// row of segments: the two columns of a header drawn with different
/// fonts (or an OCR layer whose columns got separate baselines) form one
/// row, which `order` can then read column by column.
fn merge_rows(lines: Vec<VLine>) -> Vec<VLine> {
    let mut out: Vec<VLine> = Vec::with_capacity(lines.len());
    for l in lines {
        let target = out.iter_mut().rev().take(4).find(|r| {
            (r.v - l.v).abs() < 0.6 * r.size.min(l.size)
                && r.segments.iter().all(|a| {
                    l.segments
                        .iter()
                        .all(|b| b.u0 > a.u1 + r.size.min(l.size) || a.u0 > b.u1 + r.size.min(l.size))
                })
        });
        match target {
            Some(r) => {
                r.segments.extend(l.segments);
                r.segments.sort_by(|a, b| a.u0.total_cmp(&b.u0));
            }
            None => out.push(l),
        }
    }
    out
}

/// Orders lines top to bottom, reading two-column blocks (issuer | motto,
/// number | date, recipients | signature) column by column.
fn order(mut lines: Vec<VLine>) -> Vec<Line> {
    // Top to bottom; lines on (nearly) the same baseline left to right. The
    // "nearly" is applied in a second pass over runs, because a comparator
    // with a tolerance is not a total order (and std's sort may panic on
    // one).
    lines.sort_by(|a, b| b.v.total_cmp(&a.v));
    let mut start = 0;
    while start < lines.len() {
        let (v0, size0) = lines.get(start).map_or((0.0, 0.0), |l| (l.v, l.size));
        let mut end = start + 1;
        while lines.get(end).is_some_and(|l| v0 - l.v < 0.2 * size0.min(l.size)) {
            end += 1;
        }
        if let Some(run) = lines.get_mut(start..end) {
            run.sort_by(|a, b| {
                let au = a.segments.first().map_or(0.0, |s| s.u0);
                let bu = b.segments.first().map_or(0.0, |s| s.u0);
                au.total_cmp(&bu)
            });
        }
        start = end;
    }
    let lines = merge_rows(lines);
    let lo = lines.iter().flat_map(|l| l.segments.first()).map(|s| s.u0).fold(f32::INFINITY, f32::min);
    let hi = lines.iter().flat_map(|l| l.segments.last()).map(|s| s.u1).fold(f32::NEG_INFINITY, f32::max);
    let mid = (lo + hi) / 2.0;
    let mut out = Vec::new();
    let mut block: Option<Block> = None;
    for l in &lines {
        if let Some(b) = block.as_mut() {
            let near = b.last_v - l.v <= 3.0 * l.size;
            let fits = match l.segments.as_slice() {
                [a, c] if near && a.u1 < b.right.0 + l.size && c.u0 > b.left.1 - l.size => {
                    b.lefts.push((a, l.v, l.size));
                    b.rights.push((c, l.v, l.size));
                    b.left = (b.left.0.min(a.u0), b.left.1.max(a.u1));
                    b.right = (b.right.0.min(c.u0), b.right.1.max(c.u1));
                    true
                }
                [a] if near && a.u0 < b.left.1 && a.u1 <= b.right.0 + 0.5 * l.size => {
                    b.lefts.push((a, l.v, l.size));
                    b.left = (b.left.0.min(a.u0), b.left.1.max(a.u1));
                    true
                }
                [a] if near && a.u1 > b.right.0 && a.u0 >= b.left.1 - 0.5 * l.size => {
                    b.rights.push((a, l.v, l.size));
                    b.right = (b.right.0.min(a.u0), b.right.1.max(a.u1));
                    true
                }
                _ => false,
            };
            if fits {
                b.last_v = l.v;
                continue;
            }
        }
        if let Some(b) = block.take() {
            for (s, v, size) in b.lefts.iter().chain(b.rights.iter()) {
                emit(&mut out, &[*s], *v, *size);
            }
        }
        if opens_block(l, mid) {
            if let [a, c] = l.segments.as_slice() {
                block = Some(Block {
                    left: (a.u0, a.u1),
                    right: (c.u0, c.u1),
                    lefts: vec![(a, l.v, l.size)],
                    rights: vec![(c, l.v, l.size)],
                    last_v: l.v,
                });
                continue;
            }
        }
        let segs: Vec<&Segment> = l.segments.iter().collect();
        emit(&mut out, &segs, l.v, l.size);
    }
    if let Some(b) = block.take() {
        for (s, v, size) in b.lefts.iter().chain(b.rights.iter()) {
            emit(&mut out, &[*s], *v, *size);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, x: f32, y: f32, size: f32) -> Vec<Item> {
        let w = size * 0.5;
        text.chars()
            .enumerate()
            .map(|(i, c)| Item {
                text: c.to_string(),
                x: x + i as f32 * w,
                y,
                ex: x + (i + 1) as f32 * w,
                ey: y,
                size,
                caps_fix: false,
            })
            .collect()
    }

    fn texts(items: &[Item]) -> Vec<String> {
        layout(items.to_vec()).into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn header_columns_left_first() {
        let mut g = Vec::new();
        g.extend(word("ỦY BAN NHÂN DÂN", 60.0, 780.0, 12.0));
        g.extend(word("CỘNG HÒA XÃ HỘI", 330.0, 781.0, 12.0));
        g.extend(word("TỈNH LÀO CAI", 70.0, 765.0, 12.0));
        g.extend(word("Độc lập - Tự do", 340.0, 765.0, 12.0));
        g.extend(word("KẾ HOẠCH", 260.0, 720.0, 14.0));
        g.extend(word("Căn cứ Luật Tổ chức chính quyền địa phương năm 2015 và", 60.0, 690.0, 12.0));
        assert_eq!(
            texts(&g),
            [
                "ỦY BAN NHÂN DÂN",
                "TỈNH LÀO CAI",
                "CỘNG HÒA XÃ HỘI",
                "Độc lập - Tự do",
                "KẾ HOẠCH",
                "Căn cứ Luật Tổ chức chính quyền địa phương năm 2015 và"
            ]
        );
    }

    #[test]
    fn header_columns_on_different_baselines() {
        // Issuer in 12 pt bold, motto in 13 pt: baselines 6.5 pt apart, too
        // far for one line, close enough for one row.
        let mut g = Vec::new();
        g.extend(word("UBND TỈNH LÀO CAI", 50.0, 780.0, 12.0));
        g.extend(word("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 300.0, 786.5, 13.0));
        g.extend(word("SỞ CÔNG THƯƠNG", 60.0, 765.0, 12.0));
        g.extend(word("Độc lập - Tự do - Hạnh phúc", 320.0, 771.5, 13.0));
        g.extend(word("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6", 50.0, 700.0, 12.0));
        assert_eq!(
            texts(&g),
            [
                "UBND TỈNH LÀO CAI",
                "SỞ CÔNG THƯƠNG",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6"
            ]
        );
    }

    #[test]
    fn space_glyph_and_move_gives_one_space() {
        let mut g = word("Căn ", 50.0, 700.0, 12.0);
        g.extend(word("cứ ", 90.0, 700.3, 12.0));
        g.extend(word("Luật", 120.0, 699.8, 12.0));
        assert_eq!(texts(&g), ["Căn cứ Luật"]);
    }

    #[test]
    fn skewed_line_stays_one_line() {
        // A 1.5° skew: each word's baseline is a little higher.
        let (s, c) = 1.5f32.to_radians().sin_cos();
        let mut g = Vec::new();
        for (k, w) in ["các", "cấp", "các", "ngành", "chủ", "rừng", "và", "Nhân", "dân"].iter().enumerate()
        {
            for (i, ch) in w.chars().enumerate() {
                let u = 50.0 + k as f32 * 45.0 + i as f32 * 6.0;
                let v = 600.0;
                g.push(Item {
                    text: ch.to_string(),
                    x: u * c - v * s,
                    y: u * s + v * c,
                    ex: (u + 6.0) * c - v * s,
                    ey: (u + 6.0) * s + v * c,
                    size: 12.0,
                    caps_fix: false,
                });
            }
        }
        assert_eq!(texts(&g), ["các cấp các ngành chủ rừng và Nhân dân"]);
    }

    #[test]
    fn combining_mark_follows_base() {
        // "việt" drawn as v i e t, then a zero-width dot below and a
        // circumflex over the e, at the end of the stream.
        let mut g = word("viet", 100.0, 500.0, 12.0);
        for m in ["\u{302}", "\u{323}"] {
            g.push(Item {
                text: m.into(),
                x: 113.0,
                y: 500.0,
                ex: 113.0,
                ey: 500.0,
                size: 12.0,
                caps_fix: false,
            });
        }
        assert_eq!(texts(&g), ["việt"]);
    }

    #[test]
    fn huge_pages_keep_drawing_order() {
        // 60,000 glyphs, each on its own baseline: clustering would be
        // quadratic; the drawing-order path stays linear.
        let g: Vec<Item> = (0..60_000)
            .map(|i| Item {
                text: "a".into(),
                x: 10.0,
                y: i as f32 * 20.0,
                ex: 16.0,
                ey: i as f32 * 20.0,
                size: 12.0,
                caps_fix: false,
            })
            .collect();
        let lines = layout(g);
        assert_eq!(lines.len(), 60_000);
        assert!(lines.iter().all(|l| l.text == "a"));
    }

    #[test]
    fn fake_bold_is_deduplicated() {
        let mut g = word("NGHỊ QUYẾT", 200.0, 700.0, 14.0);
        g.extend(word("NGHỊ QUYẾT", 200.4, 700.0, 14.0));
        assert_eq!(texts(&g), ["NGHỊ QUYẾT"]);
    }
}
