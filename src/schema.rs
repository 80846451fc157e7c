//! The public JSON contract: one [`Record`] per input document.
//!
//! These serde types *are* the contract published in
//! `../shared/schema/README.md` (minimum fields) and, in full, by
//! `nghiquyet schema` (JSON Schema generated from these types with
//! `schemars`). Field names and their order are stable; new fields may be
//! added, none is renamed or dropped without bumping [`SCHEMA_VERSION`].
//!
//! # Format
//!
//! * Every extracted item carries a [`Span`] into [`Record::text`]: character
//!   offsets counted in Unicode scalar values, end exclusive, and the 1-based
//!   `page` where the item starts (`null` for plain-text input).
//! * Dates are ISO `YYYY-MM-DD` strings.
//! * Absent values are `null` or `[]`, never invented: a stage that found
//!   nothing leaves its fields empty.
//! * A document that cannot be read at all still yields a record, with
//!   [`Record::error`] set and the [`Source`] block filled as far as known,
//!   so a batch never loses track of an input.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Version of this contract; bumped on any incompatible change.
pub const SCHEMA_VERSION: &str = "2";

/// One document's result: what was read, repaired and parsed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Record {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: String,
    /// Where the record came from.
    pub source: Source,
    /// Which build and configuration produced the record.
    pub pipeline: PipelineInfo,
    /// Header fields of the document (kind, number, issuer, date, …).
    pub document: DocumentMeta,
    /// Document outline in reading order.
    pub sections: Vec<Section>,
    /// Targets (chỉ tiêu) with their quantities.
    pub targets: Vec<Target>,
    /// Time limits attached to tasks or targets.
    pub deadlines: Vec<Deadline>,
    /// Who must do what (phân công).
    pub assignments: Vec<Assignment>,
    /// Documents cited by this one.
    pub references: Vec<Reference>,
    /// Every change the OCR repair made, for review.
    pub repairs: Vec<Repair>,
    /// Per-page facts: text layer and where the page sits in `text`.
    pub pages: Vec<PageInfo>,
    /// Problems that did not stop the document (bad page, unparsed part…).
    pub warnings: Vec<Warning>,
    /// The repaired text of the whole document; pages are joined by one
    /// line break and every span points into this string.
    pub text: String,
    /// Set only when the document could not be processed at all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorInfo>,
}

/// Which build and configuration produced a record; `--resume` reprocesses
/// an input when either differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PipelineInfo {
    /// nghiquyet's version.
    pub version: String,
    /// Fingerprint of the settings that change output (16 hex digits).
    pub config: String,
}

/// Identity of the input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    /// The path as given on the command line (or the upload's name).
    pub path: String,
    /// SHA-256 of the input bytes, lowercase hex; null if unreadable.
    pub sha256: Option<String>,
    /// Size of the input in bytes; null if unreadable.
    pub bytes: Option<u64>,
    /// Number of pages of a PDF; null for `.txt` input or unreadable PDFs.
    pub pages: Option<u32>,
    /// Where the text came from, for the document as a whole.
    pub text_layer: TextLayer,
}

/// Where a document's text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TextLayer {
    /// Visible text drawn by the PDF producer (born-digital).
    Digital,
    /// An OCR layer (invisible text of a scanned PDF, or our own OCR).
    Ocr,
    /// Some pages digital, some OCR.
    Mixed,
    /// No usable text at all.
    None,
    /// The input was a plain-text file.
    PlainText,
}

/// Where one page's text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PageLayer {
    /// Visible text drawn by the producer.
    Digital,
    /// Invisible text (render mode 3), i.e. an OCR layer, or our own OCR.
    Ocr,
    /// Both visible and invisible text.
    Mixed,
    /// No text on the page (an image-only scan).
    None,
    /// A text layer exists but decodes to garbage; the text is withheld.
    Unusable,
    /// Plain-text input (one "page").
    PlainText,
}

/// Per-page facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PageInfo {
    /// 1-based page number (1 for plain-text input).
    pub page: u32,
    /// Where this page's text came from.
    pub text_layer: PageLayer,
    /// Where the page's text sits in [`Record::text`].
    pub span: Span,
}

/// Character offsets into [`Record::text`] (Unicode scalar values, end
/// exclusive).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize, JsonSchema,
)]
pub struct Span {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (character offsets).
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
}

/// Header fields (Decree 30/2020/NĐ-CP art. 8; Hướng dẫn 36-HD/VPTW).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DocumentMeta {
    /// Kind of document: "Nghị quyết", "Kế hoạch", "Chỉ thị", …
    pub kind: Option<String>,
    /// Number and symbol, e.g. "12-NQ/TU", "134/KH-UBND".
    pub number: Option<String>,
    /// Issuing body, e.g. "Tỉnh ủy Quảng Ninh".
    pub issuer: Option<String>,
    /// The issuer's superior body when the header names one, e.g.
    /// "Đảng bộ tỉnh Quảng Ninh" or "UBND tỉnh Lào Cai".
    pub issuer_superior: Option<String>,
    /// Place of issue (địa danh).
    pub place: Option<String>,
    /// Date of issue, ISO.
    #[schemars(extend("format" = "date"))]
    pub date: Option<String>,
    /// Title / abstract (trích yếu).
    pub title: Option<String>,
    /// Who signed.
    pub signer: Option<Signer>,
    /// Recipients (nơi nhận), one entry per line of the list.
    pub recipients: Vec<String>,
}

/// The signature block.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Signer {
    /// Person's name.
    pub name: Option<String>,
    /// Position, e.g. "Bí thư", "Phó Chủ tịch".
    pub title: Option<String>,
    /// Capacity in which they sign, e.g. "T/M Tỉnh ủy", "KT. Chủ tịch".
    pub capacity: Option<String>,
}

/// One heading of the outline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Section {
    /// The numbering as written without punctuation: "I", "2.1", "a", "Điều 3".
    pub label: String,
    /// Heading text after the label.
    pub title: String,
    /// Depth: 1 for the top level.
    pub level: u8,
    /// 1-based page where the heading stands; null for plain text.
    pub page: Option<u32>,
    /// Where the heading line is in `text`.
    pub span: Span,
}

/// A target (chỉ tiêu).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Target {
    /// The document's own number for it ("4" for "(4)"), else null.
    pub label: Option<String>,
    /// The group heading it falls under ("kinh tế"), when given.
    pub group: Option<String>,
    /// The target's sentence: the text at `span` with every run of
    /// whitespace (line breaks included) written as one space.
    pub text: String,
    /// Measurable quantities stated in it.
    pub quantities: Vec<Quantity>,
    /// A deadline carried by the target itself.
    pub deadline: Option<Deadline>,
    /// 1-based page; null for plain text.
    pub page: Option<u32>,
    /// Where the target is in `text`.
    pub span: Span,
}

/// A number with its comparator and unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Quantity {
    /// What is measured, when it can be told apart.
    pub subject: Option<String>,
    /// How the value bounds the subject.
    pub comparator: Comparator,
    /// The value ("53.062" → 53062, "86,46" → 86.46, "01" → 1); for a
    /// range, its lower end.
    pub value: f64,
    /// Upper end of a range.
    pub value_max: Option<f64>,
    /// Unit as written ("%", "tỷ đồng", "ha", …), null when none.
    pub unit: Option<String>,
}

/// How a quantity bounds its subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    /// đạt X, X.
    Eq,
    /// trên, hơn.
    Gt,
    /// ít nhất, tối thiểu, trở lên, không dưới.
    Gte,
    /// dưới.
    Lt,
    /// tối đa, không quá.
    Lte,
    /// khoảng.
    Approx,
    /// từ A - B.
    Range,
}

/// A time limit (thời hạn).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Deadline {
    /// What kind of limit.
    pub kind: DeadlineKind,
    /// End date the task must be met by (null for recurring).
    #[schemars(extend("format" = "date"))]
    pub date: Option<String>,
    /// Start of the period, for `during` and `period`.
    #[schemars(extend("format" = "date"))]
    pub start: Option<String>,
    /// For `recurring`.
    pub recurrence: Option<Recurrence>,
    /// The words that state the limit (the text at `span`, whitespace
    /// runs written as one space).
    pub text: String,
    /// The task or target it applies to, when it can be told.
    pub task: Option<String>,
    /// 1-based page; null for plain text.
    pub page: Option<u32>,
    /// Where `text` is.
    pub span: Span,
}

/// Kind of deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// Must be finished by the date (trước ngày, chậm nhất, đến hết…).
    By,
    /// Set within a period without a completion verb (trong năm 2023).
    During,
    /// giai đoạn A - B.
    Period,
    /// định kỳ, hằng tháng/quý/năm.
    Recurring,
}

/// Recurrence of a recurring deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Recurrence {
    /// Every week.
    Weekly,
    /// Every month.
    Monthly,
    /// Every quarter.
    Quarterly,
    /// Every six months.
    Semiannual,
    /// Every year.
    Yearly,
}

/// Who must do what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Assignment {
    /// The bodies named, each with its role.
    pub bodies: Vec<BodyRole>,
    /// The task clause, a part of the text at `span`, whitespace runs
    /// written as one space.
    pub task: String,
    /// The deadline of the task, if stated in the same clause.
    pub deadline: Option<Deadline>,
    /// 1-based page; null for plain text.
    pub page: Option<u32>,
    /// Where the clause is.
    pub span: Span,
}

/// A responsible body and its role in one assignment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct BodyRole {
    /// Name with abbreviations expanded ("UBND tỉnh" → "Ủy ban nhân dân tỉnh").
    pub name: String,
    /// Role in the task.
    pub role: Role,
}

/// Role of a body in a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// chủ trì.
    Lead,
    /// phối hợp.
    Support,
    /// chỉ đạo, lãnh đạo.
    Direct,
    /// thực hiện, triển khai, xây dựng kế hoạch.
    Implement,
    /// tham mưu.
    Advise,
    /// kiểm tra, giám sát, theo dõi, đôn đốc.
    Supervise,
    /// receives reports (báo cáo X).
    ReportTo,
}

/// A cited document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Reference {
    /// Kind: "Nghị quyết", "Nghị định", "Luật", …
    pub kind: Option<String>,
    /// Number and symbol as written, e.g. "68/2022/QH15".
    pub number: Option<String>,
    /// Date of the cited document, ISO.
    #[schemars(extend("format" = "date"))]
    pub date: Option<String>,
    /// Who issued it, when stated ("của Quốc hội").
    pub issuer: Option<String>,
    /// 1-based page; null for plain text.
    pub page: Option<u32>,
    /// Where the citation is.
    pub span: Span,
}

/// One change made by the OCR repair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Repair {
    /// 1-based page; null for plain text.
    pub page: Option<u32>,
    /// Where the corrected token is in `text`.
    pub span: Span,
    /// What the OCR said.
    pub from: String,
    /// What we wrote instead.
    pub to: String,
    /// Posterior probability that the change is right, 0..1.
    pub confidence: f64,
    /// Why it was changed.
    pub reason: RepairReason,
}

/// Why a token was changed: what kind of fix it was, for the clerk who
/// reviews the repairs.
///
/// Version 2 of the contract split the old `numeral` (which covered every
/// rule-made change to numbers, dates and symbols) into the kinds below.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RepairReason {
    /// A word that was no Vietnamese syllable ("tmh" → "tỉnh").
    Nonword,
    /// A real syllable that context shows is wrong ("bảo" → "bão").
    Realword,
    /// Tokens split or merged.
    SplitMerge,
    /// A numeral misread: a Roman numeral ("ni" → "III", "1L." → "II."),
    /// a quarter ("quý 12026" → "quý I/2026"), a decimal comma.
    Numeral,
    /// A legacy-encoding leftover.
    Encoding,
    /// A document symbol whose separators or codes OCR damaged
    /// ("29:20087NĐ-CP" → "29/2008/NĐ-CP", "ND-CP" → "NĐ-CP").
    Symbol,
    /// A date whose separators OCR damaged ("12:11:2024" → "12/11/2024").
    Date,
    /// A percent sign OCR read as digits or letters ("1096," → "10%,").
    Percent,
    /// Punctuation OCR misread: a `;` read as `:`, a `,` as `.`, a stray
    /// comma, a list dash read as `~`.
    Punctuation,
    /// A list marker or note number with a damaged letter or bracket
    /// ("ä)" → "a)", "(9}" → "(9)").
    Marker,
    /// An acronym the document writes often, put right where OCR damaged
    /// one of its uses ("K€N" → "KCN").
    Acronym,
}

/// A problem that did not stop the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Warning {
    /// Stable machine-readable code, e.g. `page_without_text`.
    pub code: WarningCode,
    /// 1-based page, when the problem belongs to one.
    pub page: Option<u32>,
    /// Human-readable explanation.
    pub message: String,
}

/// The warning codes a record can carry: one list, so tools reading the
/// JSON can rely on it (the JSON Schema enumerates them) and no stage can
/// invent a code by a typo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum WarningCode {
    /// A page has no usable text (no layer, an unusable one, OCR off or failed).
    PageWithoutText,
    /// The input has no text at all.
    EmptyInput,
    /// A `.txt` in TCVN3, VNI or VISCII was converted to Unicode.
    LegacyEncoding,
    /// A problem inside a page's content stream (bad operators, bytes skipped).
    PdfContent,
    /// The document's time limit was reached while reading pages.
    Deadline,
    /// A stream was over the decompression limit.
    StreamTooLarge,
    /// A page could not be read at all.
    PageUnreadable,
    /// A page hit a safety limit (decompression, nesting, glyphs); it is not OCR'd.
    ResourceLimit,
    /// Glyph codes without a Unicode mapping.
    UnmappedGlyphs,
    /// A text layer withheld as unusable (garbled, mis-encoded).
    UnusableTextLayer,
    /// OCR could not run: the engine or its model is missing.
    OcrUnavailable,
    /// OCR of a page ran out of time.
    OcrTimeout,
    /// OCR of a page failed.
    OcrFailed,
    /// The document's kind was inferred, not read from its title.
    KindInferred,
    /// No numbered headings were found.
    NoOutline,
    /// The header names no issuing body.
    HeaderIssuerMissing,
    /// The header's number field is blank ("Số: /KH-UBND").
    NumberBlank,
    /// A time limit falls before the document's own date (a mistyped year,
    /// or a limit copied from an older plan).
    DeadlineBeforeIssue,
    /// A day and month written with one year here and the next or previous
    /// year elsewhere in the same document (a mistyped year).
    DeadlineYearConflict,
}

impl WarningCode {
    /// The code as it is written in the JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningCode::PageWithoutText => "page_without_text",
            WarningCode::EmptyInput => "empty_input",
            WarningCode::LegacyEncoding => "legacy_encoding",
            WarningCode::PdfContent => "pdf_content",
            WarningCode::Deadline => "deadline",
            WarningCode::StreamTooLarge => "stream_too_large",
            WarningCode::PageUnreadable => "page_unreadable",
            WarningCode::ResourceLimit => "resource_limit",
            WarningCode::UnmappedGlyphs => "unmapped_glyphs",
            WarningCode::UnusableTextLayer => "unusable_text_layer",
            WarningCode::OcrUnavailable => "ocr_unavailable",
            WarningCode::OcrTimeout => "ocr_timeout",
            WarningCode::OcrFailed => "ocr_failed",
            WarningCode::KindInferred => "kind_inferred",
            WarningCode::NoOutline => "no_outline",
            WarningCode::HeaderIssuerMissing => "header_issuer_missing",
            WarningCode::NumberBlank => "number_blank",
            WarningCode::DeadlineBeforeIssue => "deadline_before_issue",
            WarningCode::DeadlineYearConflict => "deadline_year_conflict",
        }
    }
}

impl std::fmt::Display for WarningCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for WarningCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// Why a document could not be processed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ErrorInfo {
    /// Stable machine-readable code, one of [`ErrorCode`] (see
    /// `nghiquyet::Error::code`).
    #[schemars(with = "ErrorCode")]
    pub code: String,
    /// Human-readable message naming the file.
    pub message: String,
}

/// Every `error.code` there is: one list for the records' errors (the
/// CLI, `batch`, the Python package, `POST /api/extract`) and for the
/// refusals of `nghiquyet serve` (the `{"error": …}` envelope), so a
/// client handles one set of codes. The JSON Schema enumerates it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorCode {
    /// The input does not exist (also: no such route, from `serve`).
    NotFound,
    /// The input could not be read (permissions, I/O error).
    Unreadable,
    /// Neither a PDF nor a text file (also FIFOs, sockets, devices, folders).
    UnsupportedType,
    /// Over the size limit: file bytes, characters of text, or an upload.
    TooLarge,
    /// A text file that is neither UTF-8/UTF-16 nor TCVN3/VNI/VISCII.
    InvalidText,
    /// Named or sent as a PDF, but not one.
    NotAPdf,
    /// A password-protected PDF.
    Encrypted,
    /// A PDF too broken to read.
    MalformedPdf,
    /// The document's time limit passed.
    Timeout,
    /// A bug (a panic caught, a worker lost).
    InternalError,
    /// The embedded repair models could not be loaded (a broken build);
    /// `extract` and `batch` exit with status 2.
    ModelError,
    /// `serve`: not a multipart body, a broken multipart or chunked body, a
    /// malformed `Host`, a malformed JSON request.
    BadRequest,
    /// `serve`: no multipart field named `file`.
    MissingFile,
    /// `serve`: addressed to another host name or port.
    ForbiddenHost,
    /// `serve`: a request that changes something, from another site's page.
    ForbiddenOrigin,
    /// `serve`: the upload stopped arriving, or arrived too slowly.
    BodyTimeout,
    /// `serve`: more pages read than the page limit.
    TooManyPages,
    /// `serve`: too many uploads in memory or waiting; retry shortly.
    Busy,
}

impl ErrorCode {
    /// Every code, in the order above.
    pub const ALL: [ErrorCode; 18] = [
        ErrorCode::NotFound,
        ErrorCode::Unreadable,
        ErrorCode::UnsupportedType,
        ErrorCode::TooLarge,
        ErrorCode::InvalidText,
        ErrorCode::NotAPdf,
        ErrorCode::Encrypted,
        ErrorCode::MalformedPdf,
        ErrorCode::Timeout,
        ErrorCode::InternalError,
        ErrorCode::ModelError,
        ErrorCode::BadRequest,
        ErrorCode::MissingFile,
        ErrorCode::ForbiddenHost,
        ErrorCode::ForbiddenOrigin,
        ErrorCode::BodyTimeout,
        ErrorCode::TooManyPages,
        ErrorCode::Busy,
    ];

    /// The code as it is written in the JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::NotFound => "not_found",
            ErrorCode::Unreadable => "unreadable",
            ErrorCode::UnsupportedType => "unsupported_type",
            ErrorCode::TooLarge => "too_large",
            ErrorCode::InvalidText => "invalid_text",
            ErrorCode::NotAPdf => "not_a_pdf",
            ErrorCode::Encrypted => "encrypted",
            ErrorCode::MalformedPdf => "malformed_pdf",
            ErrorCode::Timeout => "timeout",
            ErrorCode::InternalError => "internal_error",
            ErrorCode::ModelError => "model_error",
            ErrorCode::BadRequest => "bad_request",
            ErrorCode::MissingFile => "missing_file",
            ErrorCode::ForbiddenHost => "forbidden_host",
            ErrorCode::ForbiddenOrigin => "forbidden_origin",
            ErrorCode::BodyTimeout => "body_timeout",
            ErrorCode::TooManyPages => "too_many_pages",
            ErrorCode::Busy => "busy",
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The `review` block the review page of `nghiquyet serve` adds to a
/// record it downloads: what the clerk decided and edited. Not written by
/// the pipeline (a [`Record`] read back ignores it); described here so the
/// JSON Schema covers every field a record file can carry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// What wrote it: `"nghiquyet serve"`.
    pub tool: String,
    /// When the review was downloaded (ISO 8601 UTC date-time).
    pub reviewed_at: String,
    /// Each decided repair, earlier reviews' first.
    pub repairs: Vec<ReviewedRepair>,
    /// Each edited field, earlier reviews' first.
    pub edits: Vec<ReviewEdit>,
    /// Counts of this review.
    pub summary: ReviewSummary,
}

/// A clerk's decision on one repair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewedRepair {
    /// `accepted` or `rejected`.
    pub decision: ReviewDecision,
    /// The text before the repair (as in [`Repair::from`]).
    pub from: String,
    /// The repair's proposal (as in [`Repair::to`]).
    pub to: String,
    /// The repair's confidence.
    pub confidence: f64,
    /// The repair's reason.
    pub reason: RepairReason,
    /// 1-based page; `null` for plain text.
    pub page: Option<u32>,
    /// The repair's span in the text as reviewed.
    pub span_reviewed: Span,
    /// Its span in the downloaded text: the repaired words when accepted,
    /// the words kept when rejected (`null` when it overlapped another).
    pub span: Option<Span>,
    /// Rejected: what the text has there now (the original, or the clerk's
    /// own correction).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kept: Option<String>,
}

/// Accepted or rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReviewDecision {
    /// The repair stays.
    Accepted,
    /// The repair is undone in `text`.
    Rejected,
}

/// One edited field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewEdit {
    /// JSON Pointer (RFC 6901) of the field, e.g. `/document/number`.
    pub path: String,
    /// The value before the edit (any JSON value).
    pub from: serde_json::Value,
    /// The value after it.
    pub to: serde_json::Value,
}

/// Counts of one review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewSummary {
    /// Repairs accepted.
    pub repairs_accepted: u32,
    /// Repairs rejected (undone in `text`).
    pub repairs_rejected: u32,
    /// Repairs left undecided.
    pub repairs_undecided: u32,
    /// Fields edited.
    pub fields_edited: u32,
}

/// The JSON Schema of a [`Record`], as printed by `nghiquyet schema`,
/// with the optional [`Review`] block the review page adds.
pub fn json_schema() -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(Record)).unwrap_or_default();
    let review = serde_json::to_value(schemars::schema_for!(Review)).unwrap_or_default();
    let Some(root) = schema.as_object_mut() else { return schema };
    // The review's own definitions join the record's (the names differ).
    if let Some(defs) = review.get("$defs").and_then(|d| d.as_object()) {
        let all = root.entry("$defs").or_insert_with(|| serde_json::json!({}));
        if let Some(all) = all.as_object_mut() {
            for (name, def) in defs {
                all.entry(name.clone()).or_insert_with(|| def.clone());
            }
        }
    }
    let mut block = review;
    if let Some(b) = block.as_object_mut() {
        for key in ["$schema", "$defs", "title"] {
            b.remove(key);
        }
    }
    if let Some(props) = root.get_mut("properties").and_then(|p| p.as_object_mut()) {
        props.insert("review".into(), block);
    }
    schema
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_codes_are_one_list_in_the_json_and_the_schema() {
        let schema = json_schema();
        let listed = &schema["$defs"]["ErrorCode"];
        let mut in_schema: Vec<String> = Vec::new();
        // schemars writes a documented enum as `oneOf` of constants.
        for v in listed["oneOf"].as_array().into_iter().flatten() {
            in_schema.extend(v["const"].as_str().map(str::to_owned));
            in_schema.extend(
                v["enum"].as_array().into_iter().flatten().filter_map(|e| e.as_str().map(str::to_owned)),
            );
        }
        let mut all: Vec<String> = ErrorCode::ALL.iter().map(|c| c.as_str().to_owned()).collect();
        for c in ErrorCode::ALL {
            assert_eq!(serde_json::to_value(c).unwrap(), c.as_str());
        }
        all.sort();
        in_schema.sort();
        assert_eq!(in_schema, all, "{listed}");
        assert_eq!(
            schema["$defs"]["ErrorInfo"]["properties"]["code"]["$ref"], "#/$defs/ErrorCode",
            "error.code is the list, not a free string"
        );
    }

    #[test]
    fn the_schema_describes_the_review_block() {
        let schema = json_schema();
        let validator = jsonschema::validator_for(&schema).expect("a valid schema");
        let record = crate::pipeline::error_record_with(
            Source {
                path: "x.txt".into(),
                sha256: None,
                bytes: None,
                pages: None,
                text_layer: TextLayer::None,
            },
            PipelineInfo { version: "0".into(), config: "0".into() },
            &crate::Error::NotFound { path: "x.txt".into() },
        );
        let mut value = serde_json::to_value(&record).unwrap();
        assert!(validator.is_valid(&value));
        let span = serde_json::json!({ "start": 3, "end": 7 });
        value["review"] = serde_json::json!({
            "tool": "nghiquyet serve",
            "reviewed_at": "2026-01-02T03:04:05.000Z",
            "repairs": [
                { "decision": "accepted", "from": "tmh", "to": "tỉnh", "confidence": 0.97, "reason": "nonword",
                  "page": 1, "span_reviewed": span, "span": span },
                { "decision": "rejected", "from": "bảo", "to": "bão", "confidence": 0.55, "reason": "realword",
                  "page": null, "span_reviewed": span, "span": span, "kept": "báo" },
            ],
            "edits": [ { "path": "/document/number", "from": "25-NQ/T", "to": "25-NQ/TU" } ],
            "summary": { "repairs_accepted": 1, "repairs_rejected": 1, "repairs_undecided": 0, "fields_edited": 1 },
        });
        let errors: Vec<String> = validator.iter_errors(&value).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?}");
        value["review"]["repairs"][0]["decision"] = "maybe".into();
        assert!(!validator.is_valid(&value), "a decision is accepted or rejected");
        value["review"]["repairs"][0]["decision"] = "accepted".into();
        value["review"]["summary"]["extra"] = 1.into();
        assert!(!validator.is_valid(&value), "the block is closed");
    }
}
