//! CMap programs: `/ToUnicode` maps and embedded CID CMaps.
//!
//! Owns the tokenizer for the PostScript subset CMaps are written in and the
//! three things read from them: code space ranges (how many bytes one code
//! takes), code → Unicode (`bfchar`, `bfrange` in both forms, UTF-16 with
//! surrogates, multi-character ligatures) and code → CID (`cidchar`,
//! `cidrange`). Ranges are kept unexpanded and looked up by binary search:
//! Tesseract's PDF renderer writes one `<0000> <FFFF>` range per page font,
//! and expanding it into a map cost more than reading the whole page. Sizes
//! are bounded, so a hostile CMap cannot allocate without limit.

use rustc_hash::FxHashMap as HashMap;

/// Longest `bfrange`/`cidrange` honoured (larger ones are clipped).
const MAX_RANGE: u32 = 1 << 16;
/// Most single mappings (and most ranges) kept from one CMap.
const MAX_ENTRIES: usize = 1 << 18;

/// One code space range: codes of `len` bytes between `lo` and `hi`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeRange {
    /// Bytes per code.
    pub len: u8,
    /// Lowest code.
    pub lo: u32,
    /// Highest code.
    pub hi: u32,
}

/// What a CMap program says.
#[derive(Debug, Clone, Default)]
pub struct CMap {
    /// Code space ranges, in file order.
    pub ranges: Vec<CodeRange>,
    /// Code (with its byte length) → Unicode text, from `bfchar` and the
    /// array form of `bfrange`.
    unicode: HashMap<(u8, u32), String>,
    /// `bfrange`s with a string destination, kept unexpanded and sorted by
    /// (len, lo): the destination's last UTF-16 unit counts up from `lo`.
    unicode_ranges: Vec<UnicodeRange>,
    /// Code (with its byte length) → CID.
    pub cid: HashMap<(u8, u32), u32>,
    /// CID ranges kept unexpanded: (len, lo, hi, first cid).
    pub cid_ranges: Vec<(u8, u32, u32, u32)>,
}

/// One `bfrange` with a string destination.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct UnicodeRange {
    len: u8,
    lo: u32,
    hi: u32,
    /// UTF-16BE destination of `lo`.
    first: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok<'a> {
    Hex(Vec<u8>),
    Int(i64),
    Word(&'a [u8]),
    Open,
    Close,
}

struct Lexer<'a> {
    s: &'a [u8],
    i: usize,
}

impl<'a> Lexer<'a> {
    fn next_tok(&mut self) -> Option<Tok<'a>> {
        loop {
            let b = *self.s.get(self.i)?;
            match b {
                b'%' => {
                    while let Some(&c) = self.s.get(self.i) {
                        if c == b'\n' || c == b'\r' {
                            break;
                        }
                        self.i += 1;
                    }
                }
                b' ' | b'\t' | b'\r' | b'\n' | 0 | 0x0C => self.i += 1,
                b'[' => {
                    self.i += 1;
                    return Some(Tok::Open);
                }
                b']' => {
                    self.i += 1;
                    return Some(Tok::Close);
                }
                b'<' if self.s.get(self.i + 1) == Some(&b'<') => {
                    self.i += 2;
                    return Some(Tok::Word(b"<<"));
                }
                b'>' if self.s.get(self.i + 1) == Some(&b'>') => {
                    self.i += 2;
                    return Some(Tok::Word(b">>"));
                }
                b'<' => {
                    self.i += 1;
                    let mut digits = Vec::new();
                    while let Some(&c) = self.s.get(self.i) {
                        self.i += 1;
                        if c == b'>' {
                            break;
                        }
                        if let Some(d) = (c as char).to_digit(16) {
                            digits.push(d as u8);
                        }
                    }
                    if digits.len() % 2 == 1 {
                        digits.push(0);
                    }
                    return Some(Tok::Hex(digits.chunks(2).map(|p| (p[0] << 4) | p[1]).collect()));
                }
                b'(' => {
                    // Literal strings are rare in CMaps (registry names);
                    // read them as one opaque word.
                    let start = self.i;
                    let mut depth = 0usize;
                    while let Some(&c) = self.s.get(self.i) {
                        self.i += 1;
                        match c {
                            b'\\' => self.i += 1,
                            b'(' => depth += 1,
                            b')' => {
                                depth = depth.saturating_sub(1);
                                if depth == 0 {
                                    break;
                                }
                            }
                            _ => {}
                        }
                    }
                    return Some(Tok::Word(self.s.get(start..self.i.min(self.s.len()))?));
                }
                _ => {
                    let start = self.i;
                    while let Some(&c) = self.s.get(self.i) {
                        if matches!(
                            c,
                            b' ' | b'\t' | b'\r' | b'\n' | b'[' | b']' | b'<' | b'>' | b'(' | b'%' | 0
                        ) {
                            break;
                        }
                        self.i += 1;
                        if c == b'/' && self.i - start > 1 {
                            self.i -= 1;
                            break;
                        }
                    }
                    if self.i == start {
                        self.i += 1;
                        continue;
                    }
                    let w = self.s.get(start..self.i)?;
                    if let Some(n) = std::str::from_utf8(w).ok().and_then(|s| s.parse::<i64>().ok()) {
                        return Some(Tok::Int(n));
                    }
                    return Some(Tok::Word(w));
                }
            }
        }
    }
}

fn be(bytes: &[u8]) -> u32 {
    bytes.iter().take(4).fold(0u32, |acc, &b| (acc << 8) | u32::from(b))
}

/// UTF-16BE bytes to text; unpaired surrogates are dropped.
pub fn utf16be(bytes: &[u8]) -> String {
    let units = bytes.chunks(2).map(|c| match c {
        [a, b] => u16::from_be_bytes([*a, *b]),
        [a] => u16::from(*a),
        _ => 0,
    });
    char::decode_utf16(units).filter_map(Result::ok).collect()
}

/// Adds `n` to the last code unit of a UTF-16BE destination (the rule for
/// `bfrange` with a string destination).
fn bump_utf16(dst: &[u8], n: u32) -> String {
    let mut d = dst.to_vec();
    if d.len() >= 2 {
        let k = d.len() - 2;
        let v = u32::from(u16::from_be_bytes([d[k], d[k + 1]])).wrapping_add(n);
        let [hi, lo] = ((v & 0xFFFF) as u16).to_be_bytes();
        d[k] = hi;
        d[k + 1] = lo;
    } else if let Some(last) = d.last_mut() {
        *last = last.wrapping_add((n & 0xFF) as u8);
    }
    utf16be(&d)
}

impl CMap {
    /// Parses a CMap program; unknown or broken parts are skipped.
    pub fn parse(data: &[u8]) -> CMap {
        let mut lx = Lexer { s: data, i: 0 };
        let mut cm = CMap::default();
        let mut stack: Vec<Tok> = Vec::new();
        while let Some(t) = lx.next_tok() {
            let Tok::Word(w) = t else {
                stack.push(t);
                if stack.len() > 64 {
                    stack.remove(0);
                }
                continue;
            };
            match w {
                b"begincodespacerange" => cm.codespace(&mut lx),
                b"beginbfchar" => cm.bfchar(&mut lx),
                b"beginbfrange" => cm.bfrange(&mut lx),
                b"begincidchar" => cm.cidchar(&mut lx),
                b"begincidrange" => cm.cidrange(&mut lx),
                _ => {}
            }
            stack.clear();
            if cm.unicode.len() + cm.cid.len() > MAX_ENTRIES {
                break;
            }
        }
        // Sorted for binary search in `cid_of` and `to_unicode`.
        cm.cid_ranges.sort_unstable();
        cm.unicode_ranges.sort_unstable();
        cm
    }

    fn codespace(&mut self, lx: &mut Lexer) {
        loop {
            let Some(Tok::Hex(lo)) = lx.next_tok() else { return };
            match lx.next_tok() {
                Some(Tok::Hex(hi)) => {
                    let len = lo.len().clamp(1, 4) as u8;
                    if self.ranges.len() < 256 {
                        self.ranges.push(CodeRange { len, lo: be(&lo), hi: be(&hi) });
                    }
                }
                _ => return,
            }
        }
    }

    fn bfchar(&mut self, lx: &mut Lexer) {
        loop {
            let Some(Tok::Hex(src)) = lx.next_tok() else { return };
            let len = src.len().clamp(1, 4) as u8;
            match lx.next_tok() {
                Some(Tok::Hex(dst)) => {
                    self.unicode.insert((len, be(&src)), utf16be(&dst));
                }
                Some(Tok::Word(name)) => {
                    let name = String::from_utf8_lossy(name.strip_prefix(b"/").unwrap_or(name)).into_owned();
                    if let Some(s) = super::encoding::glyph_name_to_unicode(&name) {
                        self.unicode.insert((len, be(&src)), s);
                    }
                }
                Some(Tok::Int(_)) => {}
                _ => return,
            }
        }
    }

    fn bfrange(&mut self, lx: &mut Lexer) {
        loop {
            let Some(Tok::Hex(lo)) = lx.next_tok() else { return };
            let Some(Tok::Hex(hi)) = lx.next_tok() else { return };
            let len = lo.len().clamp(1, 4) as u8;
            let (lo, hi) = (be(&lo), be(&hi));
            let hi = hi.min(lo.saturating_add(MAX_RANGE));
            match lx.next_tok() {
                Some(Tok::Hex(dst)) => {
                    if lo <= hi && self.unicode_ranges.len() < MAX_ENTRIES {
                        self.unicode_ranges.push(UnicodeRange { len, lo, hi, first: dst });
                    }
                }
                Some(Tok::Open) => {
                    let mut code = lo;
                    while let Some(t) = lx.next_tok() {
                        match t {
                            Tok::Hex(dst) => {
                                if code <= hi {
                                    self.unicode.insert((len, code), utf16be(&dst));
                                }
                                code = code.saturating_add(1);
                            }
                            Tok::Close => break,
                            _ => {}
                        }
                    }
                }
                _ => return,
            }
            if self.unicode.len() > MAX_ENTRIES {
                return;
            }
        }
    }

    fn cidchar(&mut self, lx: &mut Lexer) {
        loop {
            let Some(Tok::Hex(src)) = lx.next_tok() else { return };
            let Some(Tok::Int(cid)) = lx.next_tok() else { return };
            let len = src.len().clamp(1, 4) as u8;
            self.cid.insert((len, be(&src)), u32::try_from(cid).unwrap_or(0));
        }
    }

    fn cidrange(&mut self, lx: &mut Lexer) {
        loop {
            let Some(Tok::Hex(lo)) = lx.next_tok() else { return };
            let Some(Tok::Hex(hi)) = lx.next_tok() else { return };
            let Some(Tok::Int(cid)) = lx.next_tok() else { return };
            let len = lo.len().clamp(1, 4) as u8;
            if self.cid_ranges.len() < 65536 {
                self.cid_ranges.push((len, be(&lo), be(&hi), u32::try_from(cid).unwrap_or(0)));
            }
        }
    }

    /// The Unicode text for a code, from `bfchar` or `bfrange`.
    pub fn to_unicode(&self, len: u8, code: u32) -> Option<String> {
        if let Some(s) = self.unicode.get(&(len, code)) {
            return Some(s.clone());
        }
        // The last range starting at or before `code`, as in `cid_of`.
        let i = self.unicode_ranges.partition_point(|r| (r.len, r.lo) <= (len, code));
        let r = self.unicode_ranges.get(i.checked_sub(1)?)?;
        (r.len == len && code <= r.hi).then(|| bump_utf16(&r.first, code - r.lo))
    }

    /// The CID for a code, from `cidchar` or `cidrange`.
    pub fn cid_of(&self, len: u8, code: u32) -> Option<u32> {
        if let Some(&c) = self.cid.get(&(len, code)) {
            return Some(c);
        }
        // The last range starting at or before `code` (ranges do not
        // overlap in a sane CMap; in a broken one, one of them wins).
        let i = self.cid_ranges.partition_point(|&(l, lo, _, _)| (l, lo) <= (len, code));
        let &(l, lo, hi, first) = self.cid_ranges.get(i.checked_sub(1)?)?;
        (l == len && code <= hi).then(|| first.saturating_add(code - lo))
    }

    /// The byte length of the code starting at `bytes`, per the code space
    /// ranges; falls back to the shortest range length (or 1).
    pub fn code_len(&self, bytes: &[u8]) -> usize {
        for r in &self.ranges {
            let n = usize::from(r.len);
            if let Some(head) = bytes.get(..n) {
                let c = be(head);
                if c >= r.lo && c <= r.hi {
                    return n;
                }
            }
        }
        self.ranges.iter().map(|r| usize::from(r.len)).min().unwrap_or(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_all_forms() {
        let src = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
            1 begincodespacerange <0000> <FFFF> endcodespacerange
            3 beginbfchar <0003> <0020> <0011> <D835DC00> <0012> <00660069> endbfchar
            2 beginbfrange <0020> <0022> <0041> <0030> <0032> [<1EA0> <1EA1> <00C0>] endbfrange
            endcmap";
        let cm = CMap::parse(src);
        assert_eq!(cm.ranges, vec![CodeRange { len: 2, lo: 0, hi: 0xFFFF }]);
        assert_eq!(cm.to_unicode(2, 3).as_deref(), Some(" "));
        assert_eq!(cm.to_unicode(2, 0x11).as_deref(), Some("\u{1D400}"));
        assert_eq!(cm.to_unicode(2, 0x12).as_deref(), Some("fi"));
        assert_eq!(cm.to_unicode(2, 0x22).as_deref(), Some("C"));
        assert_eq!(cm.to_unicode(2, 0x31).as_deref(), Some("ạ"));
        assert_eq!(cm.to_unicode(2, 0x32).as_deref(), Some("À"));
    }

    #[test]
    fn mixed_code_lengths() {
        let cm = CMap::parse(b"2 begincodespacerange <00> <80> <8140> <FFFF> endcodespacerange");
        assert_eq!(cm.code_len(b"A"), 1);
        assert_eq!(cm.code_len(&[0x81, 0x40]), 2);
    }

    #[test]
    fn cid_ranges() {
        let cm =
            CMap::parse(b"1 begincidrange <0020> <007e> 1 endcidrange 1 begincidchar <0100> 500 endcidchar");
        assert_eq!(cm.cid_of(2, 0x21), Some(2));
        assert_eq!(cm.cid_of(2, 0x10), None);
    }
}
