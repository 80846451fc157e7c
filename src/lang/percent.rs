//! How OCR prints the "%" after a number, and how sure each reading is.
//!
//! Tesseract `vie` reads "%" as `96` ("đạt trên 1096,"), keeps it with a
//! stray glyph after it (`90%o`, `%0`, `%6`, `%a`), doubles its circle
//! into the last digit (`559%` for `55%`), or prints another two-glyph
//! blob (`95`, `55`, `26`, `9a`, `2o`, `50`, a lone `9`). One table for
//! the repair rules, which write the share over the print, and for the
//! quantity reader, which reads a share from a damaged token when repair
//! is off.

/// How often a rendering of "%" is something else in clean text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sureness {
    /// The "%" survives, a stray glyph after it (`%o`): nothing else
    /// prints like this.
    Kept,
    /// `96` and the doubled circle `9%`: the common misreadings, still a
    /// real last two digits often enough that the words around must say
    /// it is a share.
    Common,
    /// Rarer blobs, also the last digits of many real numbers: read only
    /// where the number cannot stand as printed.
    Rare,
}

/// Renderings of "%" glued after a number, most frequent first as
/// Tesseract `vie` reads fax-quality administrative text (the shared
/// `train-ocr` corpus and our fixtures), a lone `9` last; readers try
/// them in this order. Corpus examples: "10%" → "1096",
/// "90%" → "90%o", "43%" → "439a", "98%" → "9826", "100%" → "1009".
/// One-digit renderings other than `9` (`6`, `5`) are left out: they are
/// too often a real last digit.
pub const PERCENT_GLYPHS: &[(&str, Sureness)] = &[
    ("%o", Sureness::Kept),
    ("%0", Sureness::Kept),
    ("%6", Sureness::Kept),
    ("%a", Sureness::Kept),
    ("9%", Sureness::Common),
    ("96", Sureness::Common),
    ("95", Sureness::Rare),
    ("55", Sureness::Rare),
    ("9a", Sureness::Rare),
    ("2o", Sureness::Rare),
    ("26", Sureness::Rare),
    ("50", Sureness::Rare),
    ("9", Sureness::Rare),
];

/// How sure the rendering `glyph` of "%" is, if it is one.
pub fn sureness(glyph: &str) -> Option<Sureness> {
    PERCENT_GLYPHS.iter().find(|(g, _)| *g == glyph).map(|(_, s)| *s)
}
