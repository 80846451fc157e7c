//! Page images prepared for Tesseract: decoded to grey, levelled
//! (deskewed) and, when the text lines run up the page, turned a quarter
//! turn, at the page's own resolution.
//!
//! # Why
//! Tesseract 5 finds lines on a skewed page but reads them worse: on our
//! make-scans fax pages (skews up to 1.5°), levelling the image first cut
//! the OCR word error rate from 15.6 % to 12.9 % (heavy: 6.0 → 5.4 %;
//! issue 17). With this module, pooled over make-scans outputs of 7 dev
//! documents and the 3 fixtures (`scripts/eval-ocr.sh`): fax 15.45 →
//! 14.93 % (after repair 5.50 → 5.01 %), heavy 4.90 → 4.26 % (after
//! repair 1.30 → 0.86 %), at 1.1× the time per page. It does not level the page itself, and its orientation
//! detector (`--psm 0`) called an upright 150-dpi fax page upside down with
//! confidence 12 (issue 17's material), so both are done here, from the
//! picture alone.
//!
//! # How the angle is found
//! A projection profile: the dark pixels, sampled at about
//! [`SAMPLE_DPI`], are summed along lines at each candidate angle; text
//! lines make the sum peaky (tall counts on lines, none between them) when
//! the angle matches theirs, and flat otherwise. The sharpness (sum of
//! squared counts) is taken over a coarse then a fine grid of angles. The
//! same measure across the page (columns instead of rows) tells a page
//! turned by a quarter: its lines run vertically.
//!
//! Upsampling is not done: a 150-dpi fax page read at 300 dpi was worse
//! (12.9 → 18.8 % WER, issue 17).

use image::{GrayImage, ImageReader, Limits, Luma};
use std::io::Cursor;

/// Largest skew looked for, in degrees: make-scans' presets go up to 2°
/// (heavy), a page fed crooked into a sheet feeder rarely past 4°.
pub const MAX_SKEW_DEGREES: f32 = 5.0;

/// Step of the first, coarse pass over the angles (degrees).
const COARSE_STEP_DEGREES: f32 = 0.25;

/// Step of the second pass, around the coarse best (degrees): finer than
/// a pixel's rise over a 150-dpi text line 17 cm long (0.03° is 0.1 px a
/// 1000 px line; 0.05° keeps the fine pass at 11 angles).
const FINE_STEP_DEGREES: f32 = 0.05;

/// Skews of a grey page smaller than this are left alone: rotating
/// resamples every pixel for under a pixel of rise over a 150-dpi text
/// line of 1000 px (0.05° ≈ 0.9 px).
pub const MIN_SKEW_DEGREES: f32 = 0.05;

/// Skews of a bilevel (fax) page smaller than this are left alone:
/// resampling its hard edges costs Tesseract more than a small skew does.
/// On 6 fax documents (make-scans `fax`, 27 pages, skews 0.05–1.5°) the
/// OCR word error rate was 15.61 % unlevelled, 15.71 % levelling every
/// page, 15.04 % levelling pages past 0.5°, 14.88 % past 1°.
pub const MIN_BILEVEL_SKEW_DEGREES: f32 = 1.0;

/// Resolution the dark pixels are sampled at for the angle: a 12-point
/// line is still about 12 samples tall, and an A4 page gives at most
/// 620 × 880 samples.
pub const SAMPLE_DPI: u32 = 75;

/// Most dark samples used for the angle (bounds the work on a page that
/// is mostly black: every candidate angle visits every sample).
const MAX_SAMPLES: usize = 300_000;

/// How much sharper the profile across the page must be than the one
/// down it to call the page turned by a quarter. An upright text page's
/// row profile is several times sharper than its column profile; a
/// table of narrow columns or a page of one word can come close.
pub const QUARTER_TURN_RATIO: f64 = 1.5;

/// A page prepared for the engine.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The levelled picture, 8-bit grey.
    pub image: GrayImage,
    /// The skew found and undone, degrees (positive: the lines fall to
    /// the right, `y` growing with `x` in image coordinates).
    pub skew_degrees: f32,
    /// Whether the lines ran up or down the page, so that the picture was
    /// turned a quarter (clockwise) before levelling.
    pub quarter_turned: bool,
}

/// Decodes an encoded page image (PNG, JPEG, PNM, TIFF with CCITT G3/G4)
/// to 8-bit grey; `None` if the format is not one of these, the data is
/// broken or the picture is over `max_pixels`.
pub fn decode(bytes: &[u8], max_pixels: u64) -> Option<GrayImage> {
    let mut reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().ok()?;
    let (width, height) = reader.into_dimensions().ok()?;
    if u64::from(width) * u64::from(height) > max_pixels {
        return None;
    }
    reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().ok()?;
    let mut limits = Limits::default();
    // Room for the decoded picture at 4 bytes a pixel (RGBA 8) and the
    // decoder's own buffers; the grey copy is a quarter of it.
    limits.max_alloc = Some(max_pixels.saturating_mul(5));
    reader.limits(limits);
    Some(reader.decode().ok()?.into_luma8())
}

/// The gray level at or under which a pixel counts as ink: Otsu's threshold of
/// the picture (exact for a bilevel page, whose levels are 0 and 255).
fn ink_level(image: &GrayImage) -> u8 {
    imageproc::contrast::otsu_level(image)
}

/// Dark pixels sampled every `step` pixels both ways, in sample units.
fn dark_samples(image: &GrayImage, dpi: u32) -> (Vec<(f32, f32)>, u32, u32) {
    let level = ink_level(image);
    let mut step = (dpi / SAMPLE_DPI).max(1);
    loop {
        let (w, h) = (image.width() / step, image.height() / step);
        let mut points = Vec::new();
        'rows: for sy in 0..h {
            for sx in 0..w {
                if image.get_pixel(sx * step, sy * step)[0] <= level {
                    points.push((sx as f32, sy as f32));
                    if points.len() > MAX_SAMPLES {
                        break 'rows;
                    }
                }
            }
        }
        if points.len() <= MAX_SAMPLES || step >= 64 {
            return (points, w, h);
        }
        step *= 2;
    }
}

/// Sharpness of the profile of `points` summed along lines of slope
/// `tan` (`v - u·tan` constant), `u` running over `0..u_len`, normalised
/// by the profile's length so that rows and columns compare: the sum of
/// squared counts, times the number of bins, over the squared total.
fn sharpness(points: &[(f32, f32)], across: bool, tan: f32, u_len: u32, v_len: u32) -> f64 {
    let spread = (u_len as f32 * tan.abs()).ceil() as usize;
    let bins = v_len as usize + spread + 2;
    let offset = if tan > 0.0 { spread as f32 } else { 0.0 };
    let mut hist = vec![0u32; bins];
    for &(x, y) in points {
        let (u, v) = if across { (y, x) } else { (x, y) };
        let bin = (v - u * tan + offset).round();
        if bin >= 0.0 && (bin as usize) < bins {
            hist[bin as usize] += 1;
        }
    }
    let total: f64 = hist.iter().map(|&c| f64::from(c)).sum();
    if total == 0.0 {
        return 0.0;
    }
    let squares: f64 = hist.iter().map(|&c| f64::from(c) * f64::from(c)).sum();
    squares * v_len as f64 / (total * total)
}

/// The best angle (degrees) and its sharpness, over ±[`MAX_SKEW_DEGREES`].
fn best_angle(points: &[(f32, f32)], across: bool, w: u32, h: u32) -> (f32, f64) {
    let (u_len, v_len) = if across { (h, w) } else { (w, h) };
    let score = |deg: f32| sharpness(points, across, deg.to_radians().tan(), u_len, v_len);
    let grid = |from: f32, step: f32, n: i32| {
        (0..=n).map(|i| from + step * i as f32).map(|a| (a, score(a))).fold(
            (0.0f32, f64::MIN),
            |best, (a, s)| if s > best.1 || (s == best.1 && a.abs() < best.0.abs()) { (a, s) } else { best },
        )
    };
    let coarse_n = (2.0 * MAX_SKEW_DEGREES / COARSE_STEP_DEGREES).round() as i32;
    let (coarse, _) = grid(-MAX_SKEW_DEGREES, COARSE_STEP_DEGREES, coarse_n);
    let fine_n = (2.0 * COARSE_STEP_DEGREES / FINE_STEP_DEGREES).round() as i32;
    grid(coarse - COARSE_STEP_DEGREES, FINE_STEP_DEGREES, fine_n)
}

/// Levels `image` (resolution `dpi`) for the engine; see the module doc.
pub fn prepare(image: GrayImage, dpi: u32) -> Prepared {
    let (points, w, h) = dark_samples(&image, dpi);
    if points.is_empty() {
        return Prepared { image, skew_degrees: 0.0, quarter_turned: false };
    }
    let (down_angle, down) = best_angle(&points, false, w, h);
    let (across_angle, across) = best_angle(&points, true, w, h);
    let quarter_turned = across > down * QUARTER_TURN_RATIO;
    let (image, angle) = if quarter_turned {
        // Lines run along y; after a clockwise quarter turn, a line whose
        // x grows with y (slope `across_angle`) has y falling with x.
        (image::imageops::rotate90(&image), -across_angle)
    } else {
        (image, down_angle)
    };
    let bilevel = image.as_raw().iter().all(|&v| v == 0 || v == 255);
    let least = if bilevel { MIN_BILEVEL_SKEW_DEGREES } else { MIN_SKEW_DEGREES };
    if angle.abs() < least {
        return Prepared { image, skew_degrees: 0.0, quarter_turned };
    }
    let levelled = imageproc::geometric_transformations::rotate_about_center(
        &image,
        -angle.to_radians(),
        imageproc::geometric_transformations::Interpolation::Bilinear,
        imageproc::geometric_transformations::Border::Constant(Luma([255])),
    );
    Prepared { image: levelled, skew_degrees: angle, quarter_turned }
}

/// The picture as a binary PGM (P5), which Tesseract reads on stdin.
pub fn to_pgm(image: &GrayImage) -> Vec<u8> {
    let mut out = format!("P5\n{} {}\n255\n", image.width(), image.height()).into_bytes();
    out.extend_from_slice(image.as_raw());
    out
}

/// The picture turned half a turn (the other reading of a page whose
/// lines are level but whose text may be upside down).
pub fn half_turn(image: &GrayImage) -> GrayImage {
    image::imageops::rotate180(image)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An A4 page at 150 dpi with 40 lines of "words" (dark runs 9 px
    /// tall, 20–60 px long, 12 px apart) drawn along slope `degrees`
    /// (`y` growing with `x` for positive angles), like a scanned letter.
    fn page(degrees: f32) -> GrayImage {
        let (w, h) = (1240u32, 1754u32);
        let tan = degrees.to_radians().tan();
        let mut img = GrayImage::from_pixel(w, h, Luma([255]));
        let mut seed = 7u32;
        for line in 0..40u32 {
            let top = 200.0 + line as f32 * 32.0;
            let mut x = 150u32;
            while x < w - 200 {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                let len = 20 + (seed >> 16) % 41;
                for dx in x..(x + len).min(w - 150) {
                    for dy in 0..9 {
                        let y = (top + dy as f32 + dx as f32 * tan).round() as u32;
                        if y < h {
                            img.put_pixel(dx, y, Luma([0]));
                        }
                    }
                }
                x += len + 12;
            }
        }
        img
    }

    #[test]
    fn skew_is_found_and_undone() {
        for degrees in [-1.3f32, 0.6, 2.0, -3.5] {
            let prepared = prepare(grey(page(degrees)), 150);
            assert!(!prepared.quarter_turned, "{degrees}");
            assert!((prepared.skew_degrees - degrees).abs() <= 0.1, "{degrees}: {}", prepared.skew_degrees);
            let again = prepare(prepared.image, 150);
            assert!(again.skew_degrees.abs() <= 0.1, "{degrees}: left {}", again.skew_degrees);
        }
    }

    /// The page as a grey scan would give it (ink at 40, paper at 230).
    fn grey(mut page: GrayImage) -> GrayImage {
        page.pixels_mut().for_each(|p| p[0] = if p[0] < 128 { 40 } else { 230 });
        page
    }

    #[test]
    fn a_bilevel_page_is_levelled_only_past_a_degree() {
        let small = prepare(page(0.6), 150);
        assert_eq!(small.skew_degrees, 0.0);
        assert!(small.image == page(0.6));
        let large = prepare(page(-1.4), 150);
        assert!((large.skew_degrees + 1.4).abs() <= 0.1, "{}", large.skew_degrees);
    }

    #[test]
    fn a_level_page_is_left_as_it_is() {
        let original = page(0.0);
        let prepared = prepare(original.clone(), 150);
        assert_eq!(prepared.skew_degrees, 0.0);
        assert!(prepared.image == original);
    }

    #[test]
    fn a_page_on_its_side_is_turned() {
        for turned in
            [image::imageops::rotate90(&grey(page(0.8))), image::imageops::rotate270(&grey(page(-0.8)))]
        {
            let prepared = prepare(turned, 150);
            assert!(prepared.quarter_turned);
            assert_eq!((prepared.image.width(), prepared.image.height()), (1240, 1754));
            assert!(prepared.skew_degrees.abs() > 0.6, "{}", prepared.skew_degrees);
            assert!(prepare(prepared.image, 150).skew_degrees.abs() <= 0.1);
        }
    }

    #[test]
    fn blank_and_undecodable_pictures_are_harmless() {
        let blank = GrayImage::from_pixel(300, 400, Luma([255]));
        let prepared = prepare(blank.clone(), 150);
        assert_eq!((prepared.skew_degrees, prepared.quarter_turned), (0.0, false));
        assert!(prepared.image == blank);
        assert!(decode(b"not an image", 1 << 20).is_none());
        // Over the pixel limit: refused before decoding.
        let pgm = to_pgm(&blank);
        assert!(decode(&pgm, 1000).is_none());
        assert!(decode(&pgm, 1 << 20).unwrap() == blank);
    }
}
