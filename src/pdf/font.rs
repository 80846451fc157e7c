//! Fonts: how a shown string splits into codes, what each code means in
//! Unicode, and how far each glyph advances.
//!
//! Owns the reading of font dictionaries — simple fonts (Type1, TrueType,
//! MMType1) with `/Encoding` and `/Differences`, Type0/CID fonts with
//! Identity or embedded CMaps and `/W` widths, Type3 fonts with their
//! `/FontMatrix` — and the `/ToUnicode` override. It does not decide about
//! legacy Vietnamese encodings (see `legacy.rs`), only reports the name.

use super::cmap::CMap;
use super::encoding::{base_char, glyph_name_to_unicode, BaseEncoding};
use super::objects::{as_dict, get, get_array, get_dict, get_name, num, Budget};
use lopdf::{Dictionary, Document, Object};
use rustc_hash::FxHashMap as HashMap;

/// One code of a shown string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    /// The code value.
    pub code: u32,
    /// Its length in bytes.
    pub len: u8,
}

#[derive(Debug, Clone)]
enum Kind {
    /// One byte a code; `names` from the encoding and `/Differences`.
    Simple { names: Box<[Option<String>; 256]> },
    /// Multi-byte codes mapped to CIDs; `gids` is the embedded TrueType
    /// font's glyph → Unicode table (used when there is no ToUnicode) and
    /// `cid_to_gid` its `/CIDToGIDMap` stream, if any.
    Composite(Box<Composite>),
}

/// The parts of a Type0 font that decide what a code means.
#[derive(Debug, Clone)]
struct Composite {
    cmap: Option<CMap>,
    identity: bool,
    ucs2: bool,
    gids: HashMap<u16, char>,
    cid_to_gid: Option<Vec<u16>>,
}

/// A font as the interpreter needs it.
#[derive(Debug, Clone)]
pub struct Font {
    /// `BaseFont` (or `Name`), subset tag included.
    pub name: String,
    kind: Kind,
    to_unicode: Option<CMap>,
    /// Simple fonts: widths from `/FirstChar`, in text space units.
    widths: Vec<f32>,
    first_char: u32,
    missing_width: f32,
    /// CID fonts: CID → width, and the default.
    cid_widths: HashMap<u32, f32>,
    default_width: f32,
    /// Writing mode 1 (vertical).
    pub vertical: bool,
    /// Glyph space → text space scale (0.001, or from a Type3 FontMatrix).
    scale: f32,
}

impl Font {
    /// A font that decodes nothing, used when a `Tf` names a missing font.
    pub fn missing() -> Font {
        Font {
            name: String::new(),
            kind: Kind::Simple { names: Box::new(std::array::from_fn(|_| None)) },
            to_unicode: None,
            widths: Vec::new(),
            first_char: 0,
            missing_width: 500.0,
            cid_widths: HashMap::default(),
            default_width: 1000.0,
            vertical: false,
            scale: 0.001,
        }
    }

    /// Reads a font dictionary.
    pub fn load(doc: &Document, dict: &Dictionary, budget: &Budget) -> Font {
        let subtype = get_name(doc, dict, b"Subtype").unwrap_or(b"");
        let name = get_name(doc, dict, b"BaseFont")
            .or_else(|| get_name(doc, dict, b"Name"))
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default();
        let to_unicode = match get(doc, dict, b"ToUnicode") {
            Some(Object::Stream(s)) => budget.decode(s).map(|d| CMap::parse(&d)),
            _ => None,
        };
        let mut font = Font { name, to_unicode, ..Font::missing() };
        if subtype == b"Type0" {
            font.load_composite(doc, dict, budget);
        } else {
            font.load_simple(doc, dict, subtype);
        }
        font
    }

    fn load_simple(&mut self, doc: &Document, dict: &Dictionary, subtype: &[u8]) {
        if subtype == b"Type3" {
            if let Some(m) = super::objects::get_numbers(doc, dict, b"FontMatrix") {
                if let Some(&a) = m.first() {
                    if a.is_finite() && a != 0.0 {
                        self.scale = a.abs();
                    }
                }
            }
        }
        self.first_char =
            get(doc, dict, b"FirstChar").and_then(|o| num(doc, o)).map_or(0, |f| f.max(0.0) as u32);
        if let Some(ws) = get_array(doc, dict, b"Widths") {
            self.widths = ws.iter().take(256).map(|o| num(doc, o).unwrap_or(0.0)).collect();
        }
        let descriptor = get_dict(doc, dict, b"FontDescriptor");
        self.missing_width = descriptor
            .and_then(|d| get(doc, d, b"MissingWidth"))
            .and_then(|o| num(doc, o))
            .unwrap_or(if self.widths.is_empty() { 500.0 } else { 0.0 });
        // Standard-14 fonts without widths: a plausible average so that
        // positions still advance.
        if self.widths.is_empty() && subtype != b"Type3" {
            self.missing_width = 500.0;
        }
        let symbolic = descriptor
            .and_then(|d| get(doc, d, b"Flags"))
            .and_then(|o| num(doc, o))
            .is_some_and(|f| (f as u32) & 4 != 0);
        let base_name = self.name.split_once('+').map_or(self.name.as_str(), |(_, b)| b);
        let default = if subtype == b"Type1" && !symbolic && !base_name.starts_with("Symbol") {
            if self.widths.is_empty() || base_name.is_empty() {
                BaseEncoding::Standard
            } else {
                // Embedded Type1 fonts carry their own encoding, which for
                // text fonts is almost always StandardEncoding-compatible in
                // ASCII; WinAnsi covers the high half better in practice.
                BaseEncoding::WinAnsi
            }
        } else {
            BaseEncoding::WinAnsi
        };
        let mut base = default;
        let mut differences: Option<&[Object]> = None;
        match get(doc, dict, b"Encoding") {
            Some(Object::Name(n)) => base = named_encoding(n).unwrap_or(default),
            Some(obj) => {
                if let Some(enc) = as_dict(obj) {
                    if let Some(n) = get_name(doc, enc, b"BaseEncoding") {
                        base = named_encoding(n).unwrap_or(default);
                    }
                    differences = get_array(doc, enc, b"Differences");
                }
            }
            None => {}
        }
        let mut names: Box<[Option<String>; 256]> =
            Box::new(std::array::from_fn(|i| base_char(base, i as u8).map(String::from)));
        if let Some(diffs) = differences {
            let mut code: usize = 0;
            for d in diffs.iter().take(4096) {
                match d {
                    Object::Integer(i) => code = usize::try_from(*i).unwrap_or(256),
                    Object::Name(n) => {
                        if let Some(slot) = names.get_mut(code) {
                            let name = String::from_utf8_lossy(n);
                            *slot = glyph_name_to_unicode(&name);
                        }
                        code = code.saturating_add(1);
                    }
                    _ => {}
                }
            }
        }
        self.kind = Kind::Simple { names };
    }

    fn load_composite(&mut self, doc: &Document, dict: &Dictionary, budget: &Budget) {
        let mut identity = false;
        let mut ucs2 = false;
        let mut cmap = None;
        match get(doc, dict, b"Encoding") {
            Some(Object::Name(n)) => {
                identity = n.starts_with(b"Identity");
                self.vertical = n.ends_with(b"-V");
                let s = String::from_utf8_lossy(n);
                ucs2 = s.contains("UCS2") || s.contains("UTF16");
            }
            Some(Object::Stream(s)) => {
                cmap = budget.decode(s).map(|d| CMap::parse(&d));
                if let Some(wm) = get(doc, &s.dict, b"WMode").and_then(|o| num(doc, o)) {
                    self.vertical = wm == 1.0;
                }
            }
            _ => identity = true,
        }
        let descendant = get_array(doc, dict, b"DescendantFonts")
            .and_then(|a| a.first())
            .and_then(|o| super::objects::resolve(doc, o))
            .and_then(as_dict);
        let mut gids = HashMap::default();
        let mut cid_to_gid = None;
        if let Some(cid) = descendant {
            self.default_width = get(doc, cid, b"DW").and_then(|o| num(doc, o)).unwrap_or(1000.0);
            if let Some(w) = get_array(doc, cid, b"W") {
                self.cid_widths = parse_w(doc, w);
            }
            // Without a ToUnicode map, the embedded font's own cmap is the
            // only way back from glyph ids to text.
            if self.to_unicode.is_none() && !ucs2 {
                let file = get_dict(doc, cid, b"FontDescriptor")
                    .and_then(|d| get(doc, d, b"FontFile2").or_else(|| get(doc, d, b"FontFile3")));
                if let Some(Object::Stream(f)) = file {
                    if let Some(data) = budget.decode(f) {
                        gids = super::truetype::glyph_to_unicode(&data);
                    }
                }
                if let Some(Object::Stream(m)) = get(doc, cid, b"CIDToGIDMap") {
                    cid_to_gid = budget
                        .decode(m)
                        .map(|d| d.chunks(2).map(|c| u16::from_be_bytes([byte(c, 0), byte(c, 1)])).collect());
                }
            }
        }
        self.kind = Kind::Composite(Box::new(Composite { cmap, identity, ucs2, gids, cid_to_gid }));
    }

    /// Splits a shown string into codes.
    pub fn codes(&self, bytes: &[u8]) -> Vec<Code> {
        match &self.kind {
            Kind::Simple { .. } => bytes.iter().map(|&b| Code { code: u32::from(b), len: 1 }).collect(),
            Kind::Composite(comp) => {
                let ranges = comp.cmap.as_ref().filter(|c| !c.ranges.is_empty()).or(self.to_unicode.as_ref());
                let mut out = Vec::with_capacity(bytes.len() / 2 + 1);
                let mut i = 0;
                while i < bytes.len() {
                    let rest = bytes.get(i..).unwrap_or(&[]);
                    let n = match ranges {
                        Some(c) if !c.ranges.is_empty() => c.code_len(rest),
                        _ => 2,
                    }
                    .clamp(1, 4);
                    let head = rest.get(..n).unwrap_or(rest);
                    let code = head.iter().fold(0u32, |a, &b| (a << 8) | u32::from(b));
                    out.push(Code { code, len: n as u8 });
                    i += n;
                }
                out
            }
        }
    }

    /// Unicode text for a code, or `None` when the font gives no way to
    /// know it.
    pub fn unicode(&self, c: Code) -> Option<String> {
        if let Some(tu) = &self.to_unicode {
            if let Some(s) = tu.to_unicode(c.len, c.code) {
                return Some(s);
            }
            // Some producers write one-byte ToUnicode entries for two-byte
            // codes (or the reverse); accept the value if unambiguous.
            if let Some(s) = tu.to_unicode(if c.len == 1 { 2 } else { 1 }, c.code) {
                return Some(s);
            }
        }
        match &self.kind {
            Kind::Simple { names } => names.get(c.code as usize).cloned().flatten(),
            Kind::Composite(comp) if comp.ucs2 => {
                let units = if c.len == 4 {
                    vec![(c.code >> 16) as u16, (c.code & 0xFFFF) as u16]
                } else {
                    vec![c.code as u16]
                };
                let s: String = char::decode_utf16(units).filter_map(Result::ok).collect();
                (!s.is_empty()).then_some(s)
            }
            Kind::Composite(comp) => {
                if comp.gids.is_empty() {
                    return None;
                }
                let cid = if comp.identity {
                    Some(c.code)
                } else {
                    comp.cmap.as_ref().and_then(|m| m.cid_of(c.len, c.code))
                }?;
                let gid = match &comp.cid_to_gid {
                    Some(map) => *map.get(cid as usize)?,
                    None => u16::try_from(cid).ok()?,
                };
                comp.gids.get(&gid).map(|ch| ch.to_string())
            }
        }
    }

    /// Whether this code is the single-byte space (word spacing applies).
    pub fn is_word_space(&self, c: Code) -> bool {
        c.len == 1 && c.code == 32
    }

    /// Advance of a code in text space units per unit font size.
    pub fn width(&self, c: Code) -> f32 {
        let w = match &self.kind {
            Kind::Simple { .. } => c
                .code
                .checked_sub(self.first_char)
                .and_then(|i| self.widths.get(i as usize))
                .copied()
                .unwrap_or(self.missing_width),
            Kind::Composite(comp) => {
                let cid = if comp.identity {
                    Some(c.code)
                } else {
                    comp.cmap.as_ref().and_then(|m| m.cid_of(c.len, c.code)).or(Some(c.code))
                };
                cid.and_then(|cid| self.cid_widths.get(&cid).copied()).unwrap_or(self.default_width)
            }
        };
        if self.vertical {
            return 1.0;
        }
        (w * self.scale).clamp(-10.0, 10.0)
    }
}

fn byte(c: &[u8], i: usize) -> u8 {
    c.get(i).copied().unwrap_or(0)
}

fn named_encoding(n: &[u8]) -> Option<BaseEncoding> {
    match n {
        b"WinAnsiEncoding" => Some(BaseEncoding::WinAnsi),
        b"MacRomanEncoding" | b"MacExpertEncoding" => Some(BaseEncoding::MacRoman),
        b"StandardEncoding" => Some(BaseEncoding::Standard),
        _ => None,
    }
}

/// `/W`: `c [w1 w2 …]` and `c_first c_last w` entries.
fn parse_w(doc: &Document, w: &[Object]) -> HashMap<u32, f32> {
    let mut out = HashMap::default();
    let mut i = 0;
    while i < w.len() && out.len() < (1 << 16) {
        let Some(first) = w.get(i).and_then(|o| num(doc, o)) else { break };
        let first = first.max(0.0) as u32;
        match w.get(i + 1).and_then(|o| super::objects::resolve(doc, o)) {
            Some(Object::Array(ws)) => {
                for (k, o) in ws.iter().enumerate().take(1 << 16) {
                    if let Some(v) = num(doc, o) {
                        out.insert(first.saturating_add(k as u32), v);
                    }
                }
                i += 2;
            }
            Some(o) => {
                let last = num(doc, o).map_or(first, |l| l.max(0.0) as u32);
                let v = w.get(i + 2).and_then(|o| num(doc, o)).unwrap_or(1000.0);
                for cid in first..=last.min(first.saturating_add(1 << 16)) {
                    out.insert(cid, v);
                }
                i += 3;
            }
            None => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, Stream};

    #[test]
    fn identity_h_without_tounicode_uses_the_embedded_cmap() {
        let mut doc = Document::with_version("1.5");
        let file = doc.add_object(Stream::new(
            dictionary! {},
            super::super::truetype::test_font(&[('V', 57), ('i', 76), ('ệ', 1201), ('t', 87)]),
        ));
        let font = dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "ABCDEF+TimesNewRomanPSMT",
            "Encoding" => "Identity-H",
            "DescendantFonts" => vec![Object::Dictionary(dictionary! {
                "Type" => "Font", "Subtype" => "CIDFontType2", "CIDToGIDMap" => "Identity",
                "FontDescriptor" => dictionary! { "Type" => "FontDescriptor", "FontFile2" => file },
            })],
        };
        let f = Font::load(&doc, &font, &Budget::new(1 << 20, 1 << 20, 100));
        let text: String =
            f.codes(&[0, 57, 0, 76, 0x04, 0xB1, 0, 87]).into_iter().filter_map(|c| f.unicode(c)).collect();
        assert_eq!(text, "Việt");
        assert_eq!(f.unicode(Code { code: 5, len: 2 }), None);
    }
}
