//! A scanned page's picture, for OCR: taken straight out of the PDF when
//! the page is one upright image, else a request to render the page.
//!
//! It lives with the PDF stage because it reads the document the PDF stage
//! has already loaded, under the same decompression limits, so OCR never
//! parses the file a second time (nor lets a bomb inside an image-only
//! page past the limits). The image goes out in a format Leptonica reads:
//! JPEG (DCTDecode) and JPEG 2000 as they are, CCITT G3/G4 wrapped in a
//! TIFF header, Flate/LZW/raw pixels as PNM. Anything else (JBIG2, indexed
//! colours, several images, rotated placement or a `/Rotate`d page) is
//! left to the renderer, which applies the rotation for us.

use super::objects::Budget;
use lopdf::{Dictionary, Document, Object, ObjectId};

/// What the OCR stage wants of a page picture.
#[derive(Debug, Clone, Copy)]
pub struct ScanWanted {
    /// Resolution for pages that must be rendered.
    pub render_dpi: u32,
    /// Largest picture accepted, in pixels (bounds memory).
    pub max_pixels: u64,
}

/// A page picture in a container Tesseract reads.
#[derive(Debug, Clone)]
pub struct ScanImage {
    /// The encoded image.
    pub bytes: Vec<u8>,
    /// Its resolution on the page.
    pub dpi: u32,
}

/// How to get a page's picture.
#[derive(Debug, Clone)]
pub enum PageScan {
    /// The page's one image, taken out of the file.
    Image(ScanImage),
    /// The page's image is over the document's decompression limits: it
    /// is neither decoded nor rendered (a renderer would inflate it too).
    OverLimit,
    /// Render the page at this resolution (lowered for huge pages so the
    /// picture stays within [`ScanWanted::max_pixels`]).
    Render {
        /// Rendering resolution.
        dpi: u32,
    },
}

/// The picture of page `page_id`.
pub(super) fn page_scan(doc: &Document, page_id: ObjectId, wanted: &ScanWanted, budget: &Budget) -> PageScan {
    match direct_image(doc, page_id, wanted, budget) {
        Some(image) => PageScan::Image(image),
        None if budget.exceeded.get() => PageScan::OverLimit,
        None => PageScan::Render { dpi: render_dpi(doc, page_id, wanted) },
    }
}

/// Operators of a page looked at to find its one image: a scanner's page
/// has a handful; beyond this the page is left to the renderer.
const MAX_SCAN_OPERATORS: usize = 100_000;

/// Content bytes of a page looked at to find its one image (a scanner
/// writes a few dozen; a page of text, a few kilobytes).
const MAX_SCAN_CONTENT_BYTES: usize = 1 << 20;

/// The rendering resolution for a page: the configured one, lowered so
/// that a page with an absurd MediaBox still gives at most `max_pixels`.
fn render_dpi(doc: &Document, page_id: ObjectId, wanted: &ScanWanted) -> u32 {
    let Some(media) = page_box(doc, page_id) else { return wanted.render_dpi };
    let inches = ((media[2] - media[0]).abs() / 72.0) * ((media[3] - media[1]).abs() / 72.0);
    if !inches.is_finite() || inches <= 0.0 {
        return wanted.render_dpi;
    }
    let cap = (wanted.max_pixels as f64 / inches).sqrt();
    (wanted.render_dpi as f64).min(cap).max(1.0) as u32
}

/// An affine matrix `[a b c d e f]`.
type Matrix = [f64; 6];

fn multiply(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn number(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

/// The page's one scanned image, taken out directly, when the page is
/// simply "draw this image, upright, over (most of) the page".
fn direct_image(
    doc: &Document,
    page_id: ObjectId,
    wanted: &ScanWanted,
    budget: &Budget,
) -> Option<ScanImage> {
    let page = doc.get_dictionary(page_id).ok()?;
    let rotate = page.get(b"Rotate").ok().and_then(number).unwrap_or(0.0);
    if rotate.rem_euclid(360.0) != 0.0 {
        return None;
    }
    let media = page_box(doc, page_id)?;
    // Our own lexer, a bounded number of operators: lopdf's decoder builds
    // every operand of the stream first (a stream of 30 M operands took
    // 45 s and 3.6 GB that way).
    // Only a page whose every stream decoded can be judged "one image".
    let (data, complete) = super::page_content(doc, page, budget);
    if !complete {
        return None;
    }
    if data.len() > MAX_SCAN_CONTENT_BYTES {
        return None;
    }
    let mut lexer = super::lexer::Lexer::new(&data);
    let mut operations = 0;
    let mut ctm: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
    let mut stack: Vec<Matrix> = Vec::new();
    let mut drawn: Vec<(Vec<u8>, Matrix)> = Vec::new();
    while let Some(op) = lexer.next_operation() {
        operations += 1;
        if operations > MAX_SCAN_OPERATORS {
            return None;
        }
        match op.operator {
            "q" if stack.len() < 64 => stack.push(ctm),
            "Q" => ctm = stack.pop().unwrap_or(ctm),
            "cm" if op.operands.len() == 6 => {
                let v: Vec<f64> = op.operands.iter().filter_map(number).collect();
                if let Ok(m) = <[f64; 6]>::try_from(v) {
                    ctm = multiply(&m, &ctm);
                }
            }
            "Do" => {
                if let Some(Object::Name(name)) = op.operands.first() {
                    drawn.push((name.clone(), ctm));
                }
            }
            "BI" | "ID" => return None,
            _ => {}
        }
    }
    let xobjects = page_xobjects(doc, page_id)?;
    let mut images = Vec::new();
    for (name, m) in drawn {
        let id = xobjects.get(&name).ok()?.as_reference().ok()?;
        let stream = doc.get_object(id).ok()?.as_stream().ok()?;
        if stream.dict.get(b"Subtype").ok()?.as_name().ok()? != b"Image" {
            return None; // a Form XObject: let the renderer handle it
        }
        images.push((id, m));
    }
    let [(id, m)] = images.as_slice() else { return None };
    // Upright placement, covering at least half of the page.
    let (w_pt, h_pt) = (m[0], m[3]);
    if m[1].abs() > 1e-3 || m[2].abs() > 1e-3 || w_pt <= 0.0 || h_pt <= 0.0 {
        return None;
    }
    let page_area = (media[2] - media[0]).abs() * (media[3] - media[1]).abs();
    if w_pt * h_pt < 0.5 * page_area {
        return None;
    }
    let stream = doc.get_object(*id).ok()?.as_stream().ok()?;
    let width = stream.dict.get(b"Width").ok().and_then(number)? as u64;
    let height = stream.dict.get(b"Height").ok().and_then(number)? as u64;
    // Samples the image declares, at least one bit a pixel: over the
    // per-stream limit, it is a bomb whichever program would inflate it.
    let bits = stream.dict.get(b"BitsPerComponent").ok().and_then(number).unwrap_or(1.0).max(1.0) as u64;
    if width.saturating_mul(height).saturating_mul(bits) / 8 > budget.per_stream as u64 {
        budget.exceeded.set(true);
        return None;
    }
    if width == 0 || height == 0 || width * height > wanted.max_pixels {
        return None;
    }
    let dpi = ((width as f64) / (w_pt / 72.0)).round() as u32;
    let bytes = encode_image(doc, stream, width, height, budget)?;
    Some(ScanImage { bytes, dpi })
}

fn page_box(doc: &Document, page_id: ObjectId) -> Option<[f64; 4]> {
    let page = doc.get_dictionary(page_id).ok()?;
    let arr = super::inherited(doc, page, b"MediaBox")?.as_array().ok()?;
    let v: Vec<f64> = arr.iter().filter_map(number).collect();
    <[f64; 4]>::try_from(v).ok()
}

fn page_xobjects(doc: &Document, page_id: ObjectId) -> Option<&Dictionary> {
    let page = doc.get_dictionary(page_id).ok()?;
    let resources = super::objects::as_dict(super::inherited(doc, page, b"Resources")?)?;
    super::objects::get_dict(doc, resources, b"XObject")
}

fn filters(dict: &Dictionary) -> Vec<Vec<u8>> {
    match dict.get(b"Filter") {
        Ok(Object::Name(n)) => vec![n.clone()],
        Ok(Object::Array(a)) => a.iter().filter_map(|o| o.as_name().ok().map(<[u8]>::to_vec)).collect(),
        _ => vec![],
    }
}

fn decode_parms<'a>(doc: &'a Document, dict: &'a Dictionary) -> Option<&'a Dictionary> {
    let p = dict.get(b"DecodeParms").ok()?;
    let p = match p {
        Object::Array(a) => a.first()?,
        o => o,
    };
    match p {
        Object::Reference(r) => doc.get_dictionary(*r).ok(),
        o => o.as_dict().ok(),
    }
}

/// Components per pixel of a colour space Tesseract can take as PNM.
fn components(doc: &Document, cs: Option<&Object>) -> Option<u32> {
    let cs = match cs? {
        Object::Reference(r) => doc.get_object(*r).ok()?,
        o => o,
    };
    match cs {
        Object::Name(n) => match n.as_slice() {
            b"DeviceGray" | b"CalGray" | b"G" => Some(1),
            b"DeviceRGB" | b"CalRGB" | b"RGB" => Some(3),
            _ => None,
        },
        Object::Array(a) => match a.first()?.as_name().ok()? {
            b"ICCBased" => {
                let stream = doc.get_object(a.get(1)?.as_reference().ok()?).ok()?.as_stream().ok()?;
                match stream.dict.get(b"N").ok().and_then(number)? as u32 {
                    n @ (1 | 3) => Some(n),
                    _ => None,
                }
            }
            b"CalGray" => Some(1),
            b"CalRGB" => Some(3),
            _ => None,
        },
        _ => None,
    }
}

/// Puts the image's data in a container Leptonica reads.
fn encode_image(
    doc: &Document,
    stream: &lopdf::Stream,
    width: u64,
    height: u64,
    budget: &Budget,
) -> Option<Vec<u8>> {
    let (dict, content) = (&stream.dict, stream.content.as_slice());
    let f = filters(dict);
    let names: Vec<&[u8]> = f.iter().map(Vec::as_slice).collect();
    let bpc = dict.get(b"BitsPerComponent").ok().and_then(number).unwrap_or(8.0) as u32;
    let mask = matches!(dict.get(b"ImageMask"), Ok(Object::Boolean(true)));
    let inverted = dict
        .get(b"Decode")
        .ok()
        .and_then(|d| d.as_array().ok())
        .and_then(|a| a.first().and_then(number))
        .is_some_and(|first| first > 0.5);
    match names.as_slice() {
        [b"DCTDecode"] | [b"DCT"] if !inverted => Some(content.to_vec()),
        [b"JPXDecode"] => Some(content.to_vec()),
        [b"CCITTFaxDecode"] | [b"CCF"] => {
            let parms = decode_parms(doc, dict);
            let get = |k: &[u8]| parms.and_then(|p| p.get(k).ok()).and_then(number);
            let k = get(b"K").unwrap_or(0.0) as i64;
            let columns = get(b"Columns").unwrap_or(1728.0) as u64;
            let rows = get(b"Rows").map(|r| r as u64).filter(|&r| r > 0).unwrap_or(height);
            let black_is_1 = parms
                .and_then(|p| p.get(b"BlackIs1").ok())
                .is_some_and(|o| matches!(o, Object::Boolean(true)));
            // An image mask paints where the sample is 0, which looks the
            // same as a DeviceGray image (0 = black): only /Decode flips.
            let black_is_1 = black_is_1 ^ inverted;
            Some(ccitt_tiff(content, columns, rows, k, black_is_1))
        }
        [] | [b"FlateDecode"] | [b"Fl"] | [b"LZWDecode"] | [b"LZW"] => {
            // The same decompression limits as every other stream of the
            // document: an image-only page is no way past them.
            let raw = if names.is_empty() { content.to_vec() } else { budget.decode(stream)? };
            let comps = if mask { 1 } else { components(doc, dict.get(b"ColorSpace").ok())? };
            pnm(&raw, width, height, comps, if mask { 1 } else { bpc }, inverted)
        }
        _ => None,
    }
}

/// A PGM/PPM (8-bit) or PBM (1-bit gray) image of raw samples.
fn pnm(raw: &[u8], width: u64, height: u64, comps: u32, bpc: u32, inverted: bool) -> Option<Vec<u8>> {
    match (bpc, comps) {
        (8, 1 | 3) => {
            let need = (width * height * u64::from(comps)) as usize;
            let data = raw.get(..need)?;
            let magic = if comps == 1 { "P5" } else { "P6" };
            let mut out = format!("{magic}\n{width} {height}\n255\n").into_bytes();
            if inverted {
                out.extend(data.iter().map(|b| 255 - b));
            } else {
                out.extend_from_slice(data);
            }
            Some(out)
        }
        (1, 1) => {
            let row = width.div_ceil(8) as usize;
            let data = raw.get(..row * height as usize)?;
            let mut out = format!("P4\n{width} {height}\n").into_bytes();
            // PDF DeviceGray: 1 = white; PBM: 1 = black.
            out.extend(data.iter().map(|b| if inverted { *b } else { !b }));
            Some(out)
        }
        _ => None,
    }
}

/// Wraps CCITT fax data in a one-strip TIFF (little-endian).
fn ccitt_tiff(data: &[u8], columns: u64, rows: u64, k: i64, black_is_1: bool) -> Vec<u8> {
    let (compression, t_options): (u32, Option<(u16, u32)>) = match k {
        k if k < 0 => (4, None),  // Group 4 (T.6)
        0 => (3, Some((292, 0))), // Group 3 1-D (T.4)
        _ => (3, Some((292, 1))), // Group 3 2-D
    };
    // The fax decoder yields white runs as 0 bits: with PDF's default
    // (BlackIs1 false) the picture is "WhiteIsZero" (0); BlackIs1 true
    // means the PDF shows it inverted, i.e. "BlackIsZero" (1).
    let photometric = if black_is_1 { 1 } else { 0 };
    let mut entries: Vec<(u16, u16, u32, u32)> = vec![
        (256, 4, 1, columns as u32),
        (257, 4, 1, rows as u32),
        (258, 3, 1, 1),
        (259, 3, 1, compression),
        (262, 3, 1, photometric),
        (273, 4, 1, 0), // StripOffsets, patched below
        (277, 3, 1, 1),
        (278, 4, 1, rows as u32),
        (279, 4, 1, data.len() as u32),
    ];
    if let Some((tag, value)) = t_options {
        entries.push((tag, 4, 1, value));
    }
    entries.sort_by_key(|e| e.0);
    let ifd_len = 2 + entries.len() * 12 + 4;
    let data_offset = (8 + ifd_len) as u32;
    let mut out = Vec::with_capacity(data_offset as usize + data.len());
    out.extend_from_slice(b"II*\0");
    out.extend_from_slice(&8u32.to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    for (tag, typ, count, value) in entries {
        let value = if tag == 273 { data_offset } else { value };
        out.extend_from_slice(&tag.to_le_bytes());
        out.extend_from_slice(&typ.to_le_bytes());
        out.extend_from_slice(&count.to_le_bytes());
        if typ == 3 {
            out.extend_from_slice(&(value as u16).to_le_bytes());
            out.extend_from_slice(&[0, 0]);
        } else {
            out.extend_from_slice(&value.to_le_bytes());
        }
    }
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(data);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiff_header_is_well_formed() {
        let t = ccitt_tiff(&[1, 2, 3], 1241, 1754, -1, false);
        assert_eq!(&t[..4], b"II*\0");
        let n = u16::from_le_bytes([t[8], t[9]]) as usize;
        assert_eq!(n, 9);
        let offset = 8 + 2 + n * 12 + 4;
        assert_eq!(&t[offset..], &[1, 2, 3]);
        // tags ascending
        let tags: Vec<u16> = (0..n).map(|i| u16::from_le_bytes([t[10 + i * 12], t[11 + i * 12]])).collect();
        assert!(tags.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn pnm_inverts_pdf_bilevel_convention() {
        let p = pnm(&[0b1111_0000], 8, 1, 1, 1, false).unwrap();
        assert_eq!(p, b"P4\n8 1\n\x0f".to_vec());
    }
}
