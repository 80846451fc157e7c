//! The bodies of the fuzz targets in `fuzz/`, shared with the regression
//! test that replays `tests/fuzz-corpus/` in every `cargo test`.
//!
//! Each function feeds one input to one stage and asserts that stage's
//! invariants, so a fuzzer finding and a replayed regression input check
//! exactly the same thing. They panic when an invariant breaks: that is
//! how libFuzzer and the test harness learn of it. Nothing in the pipeline
//! calls them.

use crate::pdf::{self, PdfOptions};
use crate::text::Text;
use crate::Pipeline;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(|| Pipeline::builder().build());

/// PDF load and text extraction of every page, under tight limits: never
/// panics, and every page comes back numbered in order.
///
/// # Panics
/// When extraction panics or returns pages out of order.
pub fn pdf_extract(data: &[u8]) {
    let options = PdfOptions {
        max_stream_bytes: 4 << 20,
        max_total_bytes: 16 << 20,
        deadline: Some(Instant::now() + Duration::from_secs(5)),
        ..PdfOptions::default()
    };
    if let Ok(doc) = pdf::extract(data, &options) {
        for pair in doc.pages.windows(2) {
            assert!(pair[0].number < pair[1].number, "pages out of order");
        }
    }
}

/// The CMap parser and code lookup: the first two bytes (little-endian)
/// give the length of the CMap program, the rest is a shown string.
///
/// # Panics
/// When parsing panics or yields more codes than bytes.
pub fn cmap_parse(data: &[u8]) {
    let Some((head, rest)) = data.split_first_chunk::<2>() else { return };
    let split = usize::from(u16::from_le_bytes(*head)).min(rest.len());
    let (program, shown) = rest.split_at(split);
    let decoded = pdf::fuzzing::cmap_decode(program, shown);
    assert!(decoded.len() <= shown.len(), "more codes than bytes");
}

/// The content-stream lexer on arbitrary bytes: it always reaches the end,
/// and never reports more operators or skipped bytes than there are bytes.
///
/// # Panics
/// When the lexer panics or its counts exceed the input.
pub fn content_lexer(data: &[u8]) {
    let (operations, skipped) = pdf::fuzzing::content_operations(data);
    assert!(operations + skipped <= data.len(), "more operators and skipped bytes than bytes");
}

/// Font names the legacy fuzz target picks from with its first byte.
const LEGACY_FONTS: [&str; 8] = [
    ".VnTime",
    ".VnTimeH",
    ".VnArial",
    "VNI-Times",
    "VNI-Helve",
    "VISCII",
    "Times New Roman",
    "ABCDEF+Unknown",
];

/// The legacy Vietnamese converters (TCVN3, VNI, VISCII) and glyph-name
/// mapping: the first byte picks a font name, the rest is the shown string.
///
/// # Panics
/// When conversion panics or one byte turns into more than a letter with
/// its marks.
pub fn legacy_convert(data: &[u8]) {
    let Some((&pick, shown)) = data.split_first() else { return };
    let font = LEGACY_FONTS[usize::from(pick) % LEGACY_FONTS.len()];
    if let Some(text) = pdf::fuzzing::legacy_convert(font, shown) {
        assert!(text.chars().count() <= 4 * shown.len() + 1, "conversion grew the text");
    }
    if let Ok(name) = std::str::from_utf8(shown) {
        let _ = pdf::fuzzing::glyph_name(name);
    }
}

/// Normalization and repair on arbitrary text: every whitespace character
/// stays where it was, and every recorded repair's span holds its `to`.
///
/// # Panics
/// When whitespace moves or a repair record does not match the text.
pub fn repair_text(text: &str) {
    let (out, repairs) = PIPELINE.repair_text(text);
    let whitespace = |s: &str| s.chars().filter(|c| c.is_whitespace()).collect::<String>();
    assert_eq!(whitespace(out.as_str()), whitespace(text), "whitespace changed");
    let chars: Vec<char> = out.as_str().chars().collect();
    for r in repairs {
        let at: String = chars.get(r.span.start..r.span.end).expect("repair span in bounds").iter().collect();
        assert_eq!(at, r.to, "repair span does not hold its replacement");
    }
}

/// The parse stage on arbitrary text: every span stays inside the text.
///
/// # Panics
/// When a span is reversed or runs past the end of the text.
pub fn parse_text(text: &str) {
    let t = Text::plain(text);
    let parsed = crate::parse::parse(&t);
    let n = t.char_len();
    let spans = parsed
        .sections
        .iter()
        .map(|s| &s.span)
        .chain(parsed.targets.iter().map(|x| &x.span))
        .chain(parsed.deadlines.iter().map(|x| &x.span))
        .chain(parsed.assignments.iter().map(|x| &x.span))
        .chain(parsed.references.iter().map(|x| &x.span));
    for s in spans {
        assert!(s.start <= s.end && s.end <= n, "span {}..{} outside 0..{n}", s.start, s.end);
    }
}
