//! Small, non-failing accessors over lopdf's object model, and the
//! decompression budget.
//!
//! Everything here returns `Option` so that a missing or mistyped entry in a
//! hostile file is a "not there", never a panic; references are followed
//! through `Document::dereference`, which bounds reference chains.

use lopdf::{Dictionary, Document, Object, Stream};
use std::cell::Cell;

/// Follows references to the object itself.
pub fn resolve<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Object> {
    doc.dereference(obj).ok().map(|(_, o)| o)
}

/// `dict[key]`, dereferenced.
pub fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    resolve(doc, dict.get(key).ok()?)
}

/// `dict[key]` as a dictionary (a stream's dictionary counts).
pub fn get_dict<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    as_dict(get(doc, dict, key)?)
}

/// An object as a dictionary, or a stream's dictionary.
pub fn as_dict(obj: &Object) -> Option<&Dictionary> {
    match obj {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

/// `dict[key]` as a name.
pub fn get_name<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    get(doc, dict, key)?.as_name().ok()
}

/// `dict[key]` as an array.
pub fn get_array<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [Object]> {
    get(doc, dict, key)?.as_array().ok().map(Vec::as_slice)
}

/// A number (integer or real) as `f32`, references followed.
pub fn num(doc: &Document, obj: &Object) -> Option<f32> {
    match resolve(doc, obj)? {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) if r.is_finite() => Some(*r),
        _ => None,
    }
}

/// A number from an operand (no document needed).
pub fn operand_num(obj: &Object) -> Option<f32> {
    match obj {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) if r.is_finite() => Some(*r),
        _ => None,
    }
}

/// `dict[key]` as numbers, e.g. a matrix or a box.
pub fn get_numbers(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<Vec<f32>> {
    get_array(doc, dict, key)?.iter().map(|o| num(doc, o)).collect()
}

/// Limits on how much stream data one document may decompress.
#[derive(Debug)]
pub struct Budget {
    /// Largest decompressed size of one stream.
    pub per_stream: usize,
    /// Bytes left for the whole document.
    pub remaining: Cell<usize>,
    /// Largest decompressed/stored ratio (beyond the first MiB).
    pub max_ratio: usize,
    /// Set when a stream was refused for its size.
    pub exceeded: Cell<bool>,
}

impl Budget {
    /// A budget of `per_stream` bytes a stream and `total` for the
    /// document, with streams inflating at most `max_ratio` times.
    pub fn new(per_stream: usize, total: usize, max_ratio: usize) -> Budget {
        Budget { per_stream, remaining: Cell::new(total), max_ratio, exceeded: Cell::new(false) }
    }

    /// Decompresses a stream within the budget; `None` if it fails or would
    /// exceed it.
    pub fn decode(&self, stream: &Stream) -> Option<Vec<u8>> {
        let by_ratio = stream.content.len().saturating_mul(self.max_ratio).max(1 << 20);
        let limit = self.per_stream.min(self.remaining.get()).min(by_ratio);
        let expanded;
        let stream = match expand_filter_abbreviations(stream) {
            Some(s) => {
                expanded = s;
                &expanded
            }
            None => stream,
        };
        match stream.get_plain_content_with_limit(limit) {
            Ok(data) => {
                self.remaining.set(self.remaining.get().saturating_sub(data.len()));
                Some(data)
            }
            Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
                self.exceeded.set(true);
                None
            }
            // A stream whose filter lopdf cannot decode (e.g. an image
            // filter on a content stream) or broken data: nothing usable.
            Err(_) => None,
        }
    }
}

/// The full name of a filter written in the inline-image short form.
fn full_filter_name(n: &[u8]) -> Option<&'static [u8]> {
    Some(match n {
        b"Fl" => b"FlateDecode",
        b"AHx" => b"ASCIIHexDecode",
        b"A85" => b"ASCII85Decode",
        b"LZW" => b"LZWDecode",
        b"RL" => b"RunLengthDecode",
        _ => return None,
    })
}

/// Some producers (pdfFactory among them) write content streams with the
/// inline-image abbreviations (`/Filter /Fl`), which viewers accept but
/// lopdf does not; returns a copy with the names spelled out, or `None`
/// when nothing needs changing.
fn expand_filter_abbreviations(stream: &Stream) -> Option<Stream> {
    let filter = stream.dict.get(b"Filter").ok()?;
    let fixed = match filter {
        Object::Name(n) => Object::Name(full_filter_name(n)?.to_vec()),
        Object::Array(a) => {
            if !a.iter().any(|o| o.as_name().ok().and_then(full_filter_name).is_some()) {
                return None;
            }
            Object::Array(
                a.iter()
                    .map(|o| match o.as_name().ok().and_then(full_filter_name) {
                        Some(full) => Object::Name(full.to_vec()),
                        None => o.clone(),
                    })
                    .collect(),
            )
        }
        _ => return None,
    };
    let mut s = stream.clone();
    s.dict.set("Filter", fixed);
    Some(s)
}
