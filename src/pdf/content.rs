//! The content-stream interpreter: runs a page's operators and records
//! every glyph with its Unicode text, position, size and visibility.
//!
//! Owns the graphics and text state (q/Q, cm, BT/ET, Tf Tc Tw Tz TL Ts Tr,
//! Td TD Tm T*, Tj TJ ' ") and the descent into Form XObjects (`Do`, with
//! their own `/Resources` and `/Matrix`, depth-limited and cycle-checked).
//! Inline images are skipped by lopdf's parser; image XObjects are only
//! counted. It knows nothing about lines or reading order (`layout.rs`).

use super::font::Font;
use super::lexer::Lexer;
use super::objects::{as_dict, get, get_dict, get_name, get_numbers, operand_num, resolve, Budget};
use crate::stop::Deadline;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::rc::Rc;

/// Most glyphs kept from one page (a bound on memory for hostile files).
const MAX_GLYPHS: usize = 400_000;
/// Most operators run for one page, Form XObjects included (forms that
/// draw each other many times could otherwise multiply without end).
const MAX_OPS: usize = 2_000_000;
/// What entering a Form XObject costs in that budget.
const FORM_COST: usize = 64;
/// Deepest q nesting honoured.
const MAX_STACK: usize = 512;

/// A 2-D affine matrix `[a b c d e f]` as in PDF.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Matrix(pub [f32; 6]);

impl Matrix {
    /// The identity.
    pub const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self` then `other` (PDF's `self × other`).
    pub fn then(&self, o: &Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = o.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    /// Applies the matrix to a point.
    pub fn apply(&self, x: f32, y: f32) -> (f32, f32) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }

    fn translate(x: f32, y: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    fn from_operands(ops: &[Object]) -> Option<Matrix> {
        let v: Vec<f32> = ops.iter().map(operand_num).collect::<Option<_>>()?;
        let m: [f32; 6] = v.try_into().ok()?;
        Some(Matrix(m))
    }
}

/// One glyph as drawn.
#[derive(Debug, Clone)]
pub struct Glyph {
    /// Unicode from the font (before any legacy conversion); empty when
    /// the code could not be mapped.
    pub text: String,
    /// Index of the font in the document's font table.
    pub font: u32,
    /// Origin, in upright page space (y up).
    pub x: f32,
    /// Origin y.
    pub y: f32,
    /// End of the glyph's advance.
    pub ex: f32,
    /// End y.
    pub ey: f32,
    /// Font size in page units (height of the em).
    pub size: f32,
    /// Drawn in render mode 3 or 7 (an OCR layer).
    pub invisible: bool,
}

/// Fonts of a document, loaded once and shared by all pages.
#[derive(Debug, Default)]
pub struct FontTable {
    by_id: HashMap<ObjectId, u32>,
    by_addr: HashMap<usize, u32>,
    /// The stand-in for fonts that a `Tf` names but resources lack.
    missing: Option<u32>,
    /// Loaded fonts; a glyph's `font` indexes here.
    pub fonts: Vec<Rc<Font>>,
}

impl FontTable {
    fn load(&mut self, doc: &Document, obj: &Object, budget: &Budget) -> u32 {
        let id = obj.as_reference().ok();
        if let Some(&i) = id.and_then(|id| self.by_id.get(&id)) {
            return i;
        }
        // A font dictionary written inline has no id; the document is not
        // changed while pages are read, so its address identifies it.
        let addr = obj as *const Object as usize;
        if id.is_none() {
            if let Some(&i) = self.by_addr.get(&addr) {
                return i;
            }
        }
        let font = match resolve(doc, obj).and_then(as_dict) {
            Some(d) => Font::load(doc, d, budget),
            None => Font::missing(),
        };
        let i = self.fonts.len() as u32;
        self.fonts.push(Rc::new(font));
        match id {
            Some(id) => self.by_id.insert(id, i),
            None => self.by_addr.insert(addr, i),
        };
        i
    }
}

/// What one page's interpretation produced.
#[derive(Debug, Default)]
pub struct PageContent {
    /// Glyphs in drawing order.
    pub glyphs: Vec<Glyph>,
    /// Image XObjects drawn.
    pub images: usize,
    /// Codes that no table could map to Unicode.
    pub unmapped: usize,
    /// Problems met (bad streams, limits).
    pub problems: Vec<String>,
    /// Stopped early because of the deadline.
    pub timed_out: bool,
    /// A safety limit (glyphs, nesting, self-drawing forms) cut the page
    /// short: the page is hostile or broken, and later stages (OCR's
    /// renderer) should not try it either.
    pub limit_hit: bool,
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    font: Option<(u32, Rc<Font>)>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    hscale: f32,
    leading: f32,
    rise: f32,
    render: i64,
}

/// Runs page content streams.
pub struct Interpreter<'a> {
    doc: &'a Document,
    fonts: &'a mut FontTable,
    budget: &'a Budget,
    max_depth: usize,
    deadline: Deadline,
    out: PageContent,
    forms: Vec<ObjectId>,
    ops: usize,
    /// Open marked-content sequences: `Some(text)` while an `/ActualText`
    /// replacement has not yet been given to a glyph, `Some("")` after.
    actual: Vec<Option<String>>,
    /// Decoded Form XObject streams of this page, so a form drawn many
    /// times is decompressed once.
    form_data: HashMap<ObjectId, Rc<Vec<u8>>>,
}

impl<'a> Interpreter<'a> {
    /// An interpreter writing into a fresh [`PageContent`].
    pub fn new(
        doc: &'a Document,
        fonts: &'a mut FontTable,
        budget: &'a Budget,
        max_depth: usize,
        deadline: Deadline,
    ) -> Self {
        Interpreter {
            doc,
            fonts,
            budget,
            max_depth,
            deadline,
            out: PageContent::default(),
            forms: Vec::new(),
            ops: 0,
            actual: Vec::new(),
            form_data: HashMap::new(),
        }
    }

    /// Interprets `content` with `resources`, starting from `ctm`.
    pub fn run(mut self, content: &[u8], resources: Option<&Dictionary>, ctm: Matrix) -> PageContent {
        let gs = GState {
            ctm,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            hscale: 1.0,
            leading: 0.0,
            rise: 0.0,
            render: 0,
        };
        self.stream(content, resources, gs, 0);
        self.out
    }

    fn stream(&mut self, content: &[u8], resources: Option<&Dictionary>, gs: GState, depth: usize) {
        let mut gs = gs;
        let mut stack: Vec<GState> = Vec::new();
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        let mut lexer = Lexer::new(content).until(self.deadline.clone());
        while let Some(op) = lexer.next_operation() {
            self.ops += 1;
            if self.ops.is_multiple_of(2048) && self.deadline.passed() {
                self.out.timed_out = true;
                return;
            }
            if self.ops > MAX_OPS {
                self.problem("too many operators on page; rest skipped".into());
                self.out.limit_hit = true;
                return;
            }
            if self.out.glyphs.len() >= MAX_GLYPHS {
                self.problem("too many glyphs on page; rest skipped".into());
                self.out.limit_hit = true;
                return;
            }
            let o = op.operands;
            let n = |i: usize| o.get(i).and_then(operand_num);
            match op.operator {
                "q" if stack.len() < MAX_STACK => stack.push(gs.clone()),
                "q" => {
                    if !self.out.limit_hit {
                        self.problem("graphics states nested too deeply".into());
                    }
                    self.out.limit_hit = true;
                }
                "Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                "cm" => {
                    if let Some(m) = Matrix::from_operands(o) {
                        gs.ctm = m.then(&gs.ctm);
                    }
                }
                "BT" => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                "Tf" => {
                    if let Some(size) = n(1) {
                        gs.size = size;
                    }
                    if let Some(Object::Name(name)) = o.first() {
                        gs.font = self.font(resources, name);
                    }
                }
                "Tc" => gs.char_spacing = n(0).unwrap_or(0.0),
                "Tw" => gs.word_spacing = n(0).unwrap_or(0.0),
                "Tz" => gs.hscale = n(0).unwrap_or(100.0) / 100.0,
                "TL" => gs.leading = n(0).unwrap_or(0.0),
                "Ts" => gs.rise = n(0).unwrap_or(0.0),
                "Tr" => gs.render = o.first().and_then(|x| x.as_i64().ok()).unwrap_or(0),
                "Td" | "TD" => {
                    let (tx, ty) = (n(0).unwrap_or(0.0), n(1).unwrap_or(0.0));
                    if op.operator == "TD" {
                        gs.leading = -ty;
                    }
                    tlm = Matrix::translate(tx, ty).then(&tlm);
                    tm = tlm;
                }
                "Tm" => {
                    if let Some(m) = Matrix::from_operands(o) {
                        tlm = m;
                        tm = m;
                    }
                }
                "T*" => {
                    tlm = Matrix::translate(0.0, -gs.leading).then(&tlm);
                    tm = tlm;
                }
                "Tj" => {
                    if let Some(Object::String(s, _)) = o.first() {
                        self.show(s, &gs, &mut tm);
                    }
                }
                "'" | "\"" => {
                    if op.operator == "\"" {
                        gs.word_spacing = n(0).unwrap_or(gs.word_spacing);
                        gs.char_spacing = n(1).unwrap_or(gs.char_spacing);
                    }
                    tlm = Matrix::translate(0.0, -gs.leading).then(&tlm);
                    tm = tlm;
                    if let Some(Object::String(s, _)) = o.last() {
                        self.show(s, &gs, &mut tm);
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = o.first() {
                        for item in items {
                            match item {
                                Object::String(s, _) => self.show(s, &gs, &mut tm),
                                other => {
                                    if let Some(adj) = operand_num(other) {
                                        let vertical = gs.font.as_ref().is_some_and(|(_, f)| f.vertical);
                                        let d = -adj / 1000.0 * gs.size;
                                        tm = if vertical {
                                            Matrix::translate(0.0, d).then(&tm)
                                        } else {
                                            Matrix::translate(d * gs.hscale, 0.0).then(&tm)
                                        };
                                    }
                                }
                            }
                        }
                    }
                }
                "gs" => {
                    // An ExtGState may set the font: /Font [ref size].
                    let doc = self.doc;
                    let font = o
                        .first()
                        .and_then(|n| n.as_name().ok())
                        .and_then(|n| resources.and_then(|r| get_dict(doc, r, b"ExtGState"))?.get(n).ok())
                        .and_then(|g| resolve(doc, g))
                        .and_then(as_dict)
                        .and_then(|g| get(doc, g, b"Font"))
                        .and_then(|f| f.as_array().ok());
                    if let Some([f, size]) = font.map(Vec::as_slice) {
                        let idx = self.fonts.load(doc, f, self.budget);
                        gs.font = self.fonts.fonts.get(idx as usize).map(|f| (idx, Rc::clone(f)));
                        gs.size = super::objects::num(doc, size).unwrap_or(gs.size);
                    }
                }
                "BMC" => self.actual.push(None),
                "BDC" => {
                    let props = match o.get(1) {
                        Some(Object::Dictionary(d)) => Some(d),
                        Some(Object::Name(n)) => resources
                            .and_then(|r| get_dict(self.doc, r, b"Properties"))
                            .and_then(|p| p.get(n).ok())
                            .and_then(|p| resolve(self.doc, p))
                            .and_then(as_dict),
                        _ => None,
                    };
                    let text = props
                        .and_then(|d| d.get(b"ActualText").ok())
                        .and_then(|t| lopdf::decode_text_string(t).ok());
                    if self.actual.len() < MAX_STACK {
                        self.actual.push(text);
                    }
                }
                "EMC" => {
                    self.actual.pop();
                }
                "Do" => {
                    if let Some(Object::Name(name)) = o.first() {
                        self.xobject(resources, name, &gs, depth);
                    }
                }
                _ => {}
            }
        }
        if lexer.timed_out {
            self.out.timed_out = true;
        }
        if lexer.skipped > 0 {
            self.problem("unreadable bytes in a content stream were skipped".into());
        }
    }

    /// Records a problem once (a hostile stream could repeat one forever).
    fn problem(&mut self, message: String) {
        if self.out.problems.len() < 32 && !self.out.problems.contains(&message) {
            self.out.problems.push(message);
        }
    }

    fn font(&mut self, resources: Option<&Dictionary>, name: &[u8]) -> Option<(u32, Rc<Font>)> {
        let doc = self.doc;
        let fonts = resources.and_then(|r| get_dict(doc, r, b"Font"));
        let idx = match fonts.and_then(|f| f.get(name).ok()) {
            Some(obj) => self.fonts.load(doc, obj, self.budget),
            None => {
                self.problem(format!("font /{} not found", String::from_utf8_lossy(name)));
                match self.fonts.missing {
                    Some(i) => i,
                    None => {
                        self.fonts.fonts.push(Rc::new(Font::missing()));
                        let i = (self.fonts.fonts.len() - 1) as u32;
                        self.fonts.missing = Some(i);
                        i
                    }
                }
            }
        };
        self.fonts.fonts.get(idx as usize).map(|f| (idx, Rc::clone(f)))
    }

    fn show(&mut self, bytes: &[u8], gs: &GState, tm: &mut Matrix) {
        let Some((font_idx, font)) = gs.font.as_ref() else { return };
        let invisible = gs.render == 3 || gs.render == 7;
        for code in font.codes(bytes) {
            let w = font.width(code);
            let trm = tm.then(&gs.ctm);
            let (x, y) = trm.apply(0.0, gs.rise);
            let (ex, ey) = if font.vertical {
                trm.apply(0.0, gs.rise - w * gs.size)
            } else {
                trm.apply(w * gs.size * gs.hscale, gs.rise)
            };
            let (ux, uy) = trm.apply(0.0, gs.rise + gs.size);
            let size = ((ux - x).powi(2) + (uy - y).powi(2)).sqrt();
            // Inside an /ActualText span the replacement text stands for
            // all its glyphs: the first carries it, the others nothing.
            let actual = self.actual.iter_mut().rev().find_map(|a| a.as_mut());
            let text = match (actual, font.unicode(code)) {
                (Some(a), _) => std::mem::take(a),
                (None, Some(t)) => t,
                (None, None) => {
                    self.out.unmapped += 1;
                    String::new()
                }
            };
            if x.is_finite() && y.is_finite() && ex.is_finite() && ey.is_finite() && size.is_finite() {
                self.out.glyphs.push(Glyph { text, font: *font_idx, x, y, ex, ey, size, invisible });
            }
            let spacing = gs.char_spacing + if font.is_word_space(code) { gs.word_spacing } else { 0.0 };
            *tm = if font.vertical {
                Matrix::translate(0.0, -(w * gs.size) + spacing).then(tm)
            } else {
                Matrix::translate((w * gs.size + spacing) * gs.hscale, 0.0).then(tm)
            };
        }
    }

    fn xobject(&mut self, resources: Option<&Dictionary>, name: &[u8], gs: &GState, depth: usize) {
        let doc = self.doc;
        let Some(obj) = resources.and_then(|r| get_dict(doc, r, b"XObject")).and_then(|x| x.get(name).ok())
        else {
            return;
        };
        let id = obj.as_reference().ok();
        let Some(Object::Stream(stream)) = resolve(doc, obj) else { return };
        match get_name(doc, &stream.dict, b"Subtype") {
            Some(b"Image") => self.out.images += 1,
            Some(b"Form") => {
                if depth >= self.max_depth {
                    self.problem("Form XObjects nested too deeply".into());
                    self.out.limit_hit = true;
                    return;
                }
                if let Some(id) = id {
                    if self.forms.contains(&id) {
                        self.problem("Form XObject draws itself".into());
                        self.out.limit_hit = true;
                        return;
                    }
                    self.forms.push(id);
                }
                self.ops += FORM_COST;
                let cached = id.and_then(|id| self.form_data.get(&id).cloned());
                let data = match cached {
                    Some(d) => Some(d),
                    None => {
                        let d = self.budget.decode(stream).map(Rc::new);
                        if let (Some(id), Some(d)) = (id, d.as_ref()) {
                            self.form_data.insert(id, Rc::clone(d));
                        }
                        d
                    }
                };
                let Some(data) = data else {
                    self.problem("Form XObject stream could not be decoded".into());
                    if id.is_some() {
                        self.forms.pop();
                    }
                    return;
                };
                let matrix = get_numbers(doc, &stream.dict, b"Matrix")
                    .and_then(|v| <[f32; 6]>::try_from(v).ok())
                    .map_or(Matrix::IDENTITY, Matrix);
                let own = get(doc, &stream.dict, b"Resources").and_then(as_dict);
                let mut inner = gs.clone();
                inner.ctm = matrix.then(&gs.ctm);
                self.stream(&data, own.or(resources), inner, depth + 1);
                if id.is_some() {
                    self.forms.pop();
                }
            }
            _ => {}
        }
    }
}
