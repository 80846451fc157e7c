//! Content-stream tokenizer: the operands and operators of a page or Form
//! XObject content stream (PDF 32000-1, 7.2 and 8.9.7).
//!
//! It replaces lopdf's nom-based `Content::decode_iter` for two reasons.
//! Speed: on text-heavy pages that parser took a third of the whole run,
//! building a fresh operand vector per operator; this one reuses one.
//! Leniency: lopdf stops at the first token it cannot read, losing the rest
//! of the page, where this lexer skips the bad byte, counts it, and goes
//! on, as viewers do. Inline images (`BI … ID … EI`) are stepped over
//! without reading their binary data as operators.

use lopdf::{Dictionary, Object, StringFormat};

/// Deepest nesting of arrays and dictionaries in one operand.
const MAX_DEPTH: usize = 32;
/// Most operands kept before an operator; beyond this the stream is
/// garbage and the oldest half is dropped at once (dropping one at a time
/// made a stream of millions of operands quadratic).
const MAX_OPERANDS: usize = 1024;
/// Tokens read between two looks at the deadline: a stream of operands
/// and no operator never returns to the interpreter, which checks it
/// between operators. A token takes well under a microsecond, so this is
/// a few milliseconds at most.
const TOKENS_PER_CLOCK_CHECK: usize = 4096;
/// Longest string, name or array read into one operand.
const MAX_ITEM: usize = 1 << 20;

/// One operator with its operands, borrowed from the lexer until the next
/// call.
#[derive(Debug)]
pub struct Operation<'s, 'o> {
    /// The operator (`Tj`, `cm`, `Do`…).
    pub operator: &'s str,
    /// Its operands, in stream order.
    pub operands: &'o [Object],
}

/// Reads operations from one content stream.
pub struct Lexer<'s> {
    s: &'s [u8],
    i: usize,
    operands: Vec<Object>,
    /// Bytes skipped because no token could start there.
    pub skipped: usize,
    deadline: crate::stop::Deadline,
    tokens: usize,
    /// The stream was left unread at the deadline.
    pub timed_out: bool,
}

fn is_white(b: u8) -> bool {
    matches!(b, b'\0' | b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

fn is_delimiter(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delimiter(b)
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// What a token turned out to be.
enum Token<'s> {
    Value(Object),
    Keyword(&'s [u8]),
    ArrayEnd,
    DictEnd,
    /// A byte no token starts with (a stray `)`, `>`, `}`…).
    Junk,
}

impl<'s> Lexer<'s> {
    /// A lexer at the start of `content`.
    pub fn new(content: &'s [u8]) -> Lexer<'s> {
        Lexer {
            s: content,
            i: 0,
            operands: Vec::with_capacity(8),
            skipped: 0,
            deadline: crate::stop::Deadline::default(),
            tokens: 0,
            timed_out: false,
        }
    }

    /// Stops reading (as at the end of the stream, with
    /// [`Lexer::timed_out`] set) once `deadline` has passed.
    pub fn until(mut self, deadline: crate::stop::Deadline) -> Lexer<'s> {
        self.deadline = deadline;
        self
    }

    /// The next operation, or `None` at the end of the stream.
    pub fn next_operation(&mut self) -> Option<Operation<'s, '_>> {
        self.operands.clear();
        loop {
            self.tokens += 1;
            if self.tokens.is_multiple_of(TOKENS_PER_CLOCK_CHECK) && self.deadline.passed() {
                self.timed_out = true;
                return None;
            }
            match self.token(0)? {
                Token::Value(v) => {
                    if self.operands.len() >= MAX_OPERANDS {
                        self.operands.drain(..MAX_OPERANDS / 2);
                    }
                    self.operands.push(v);
                }
                Token::Keyword(b"BI") => {
                    self.skip_inline_image();
                    self.operands.clear();
                }
                Token::Keyword(k) => {
                    // Operators are ASCII; anything else is junk, dropped.
                    if let Ok(operator) = std::str::from_utf8(k) {
                        return Some(Operation { operator, operands: &self.operands });
                    }
                    self.skipped += k.len();
                    self.operands.clear();
                }
                Token::ArrayEnd | Token::DictEnd | Token::Junk => self.skipped += 1,
            }
        }
    }

    fn skip_white_and_comments(&mut self) {
        while let Some(&b) = self.s.get(self.i) {
            if is_white(b) {
                self.i += 1;
            } else if b == b'%' {
                while self.s.get(self.i).is_some_and(|&b| b != b'\n' && b != b'\r') {
                    self.i += 1;
                }
            } else {
                break;
            }
        }
    }

    fn token(&mut self, depth: usize) -> Option<Token<'s>> {
        self.skip_white_and_comments();
        let b = *self.s.get(self.i)?;
        Some(match b {
            b'(' => {
                self.i += 1;
                Token::Value(Object::String(self.literal_string(), StringFormat::Literal))
            }
            b'<' if self.s.get(self.i + 1) == Some(&b'<') => {
                self.i += 2;
                Token::Value(self.dictionary(depth))
            }
            b'<' => {
                self.i += 1;
                Token::Value(Object::String(self.hex_string(), StringFormat::Hexadecimal))
            }
            b'>' if self.s.get(self.i + 1) == Some(&b'>') => {
                self.i += 2;
                Token::DictEnd
            }
            b'[' => {
                self.i += 1;
                Token::Value(self.array(depth))
            }
            b']' => {
                self.i += 1;
                Token::ArrayEnd
            }
            b'/' => {
                self.i += 1;
                Token::Value(Object::Name(self.name()))
            }
            b')' | b'>' | b'{' | b'}' => {
                self.i += 1;
                Token::Junk
            }
            _ => {
                let start = self.i;
                while self.s.get(self.i).is_some_and(|&b| is_regular(b)) {
                    self.i += 1;
                }
                let word = self.s.get(start..self.i).unwrap_or_default();
                match word {
                    b"true" => Token::Value(Object::Boolean(true)),
                    b"false" => Token::Value(Object::Boolean(false)),
                    b"null" => Token::Value(Object::Null),
                    _ => match number(word) {
                        Some(n) => Token::Value(n),
                        None => Token::Keyword(word),
                    },
                }
            }
        })
    }

    fn array(&mut self, depth: usize) -> Object {
        let mut items = Vec::new();
        loop {
            if depth >= MAX_DEPTH || items.len() >= MAX_ITEM {
                self.skip_to_close(b']');
                break;
            }
            match self.token(depth + 1) {
                None | Some(Token::ArrayEnd) => break,
                Some(Token::Value(v)) => items.push(v),
                // An operator inside an array: the array was never closed.
                Some(Token::Keyword(_)) | Some(Token::DictEnd) | Some(Token::Junk) => self.skipped += 1,
            }
        }
        Object::Array(items)
    }

    fn dictionary(&mut self, depth: usize) -> Object {
        let mut dict = Dictionary::new();
        let mut key: Option<Vec<u8>> = None;
        loop {
            if depth >= MAX_DEPTH || dict.len() >= MAX_ITEM {
                self.skip_to_close(b'>');
                break;
            }
            match self.token(depth + 1) {
                None | Some(Token::DictEnd) => break,
                Some(Token::Value(v)) => match key.take() {
                    None => match v {
                        Object::Name(n) => key = Some(n),
                        _ => self.skipped += 1,
                    },
                    Some(k) => dict.set(k, v),
                },
                Some(_) => self.skipped += 1,
            }
        }
        Object::Dictionary(dict)
    }

    /// Skips past the next `close` byte (for over-deep or over-long items).
    fn skip_to_close(&mut self, close: u8) {
        while let Some(&b) = self.s.get(self.i) {
            self.i += 1;
            if b == close {
                break;
            }
        }
    }

    fn name(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        while let Some(&b) = self.s.get(self.i) {
            if !is_regular(b) || out.len() >= MAX_ITEM {
                break;
            }
            self.i += 1;
            if b == b'#' {
                let hi = self.s.get(self.i).copied().and_then(hex_value);
                let lo = self.s.get(self.i + 1).copied().and_then(hex_value);
                if let (Some(hi), Some(lo)) = (hi, lo) {
                    out.push(hi << 4 | lo);
                    self.i += 2;
                    continue;
                }
            }
            out.push(b);
        }
        out
    }

    /// After the opening `(`: balanced parentheses, backslash escapes,
    /// octal codes and line continuations.
    fn literal_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut depth = 0usize;
        while let Some(&b) = self.s.get(self.i) {
            self.i += 1;
            match b {
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' if depth == 0 => break,
                b')' => {
                    depth -= 1;
                    out.push(b);
                }
                b'\\' => {
                    let Some(&e) = self.s.get(self.i) else { break };
                    self.i += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(b'\x08'),
                        b'f' => out.push(b'\x0C'),
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.s.get(self.i) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.i += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xFF) as u8);
                        }
                        b'\r' => {
                            if self.s.get(self.i) == Some(&b'\n') {
                                self.i += 1;
                            }
                        }
                        b'\n' => {}
                        other => out.push(other),
                    }
                }
                b'\r' => {
                    // An end of line inside a string reads as one `\n`.
                    if self.s.get(self.i) == Some(&b'\n') {
                        self.i += 1;
                    }
                    out.push(b'\n');
                }
                _ => out.push(b),
            }
            if out.len() >= MAX_ITEM {
                break;
            }
        }
        out
    }

    /// After the opening `<`: hex digits, whitespace ignored, an odd last
    /// digit padded with 0.
    fn hex_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(&b) = self.s.get(self.i) {
            self.i += 1;
            if b == b'>' {
                break;
            }
            let Some(v) = hex_value(b) else { continue };
            match high.take() {
                None => high = Some(v),
                Some(h) => out.push(h << 4 | v),
            }
            if out.len() >= MAX_ITEM {
                break;
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        out
    }

    /// After `BI`: the image dictionary up to `ID`, one white byte, then
    /// binary data up to an `EI` that stands alone between white bytes.
    fn skip_inline_image(&mut self) {
        loop {
            match self.token(0) {
                None => return,
                Some(Token::Keyword(b"ID")) => break,
                Some(_) => {}
            }
        }
        self.i += 1;
        while self.i + 1 < self.s.len() {
            let at_ei = self.s.get(self.i..self.i + 2) == Some(b"EI");
            let before = self.i == 0 || self.s.get(self.i - 1).is_some_and(|&b| is_white(b));
            let after = self.s.get(self.i + 2).is_none_or(|&b| is_white(b));
            if at_ei && before && after {
                self.i += 2;
                return;
            }
            self.i += 1;
        }
        self.i = self.s.len();
    }
}

/// A PDF number (`12`, `-3`, `.5`, `+4.`), or `None` when `word` is not one.
fn number(word: &[u8]) -> Option<Object> {
    let first = *word.first()?;
    if !(first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.')) {
        return None;
    }
    if !word.iter().all(|&b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.')) {
        return None;
    }
    let text = std::str::from_utf8(word).ok()?;
    if !text.contains('.') {
        if let Ok(i) = text.parse::<i64>() {
            return Some(Object::Integer(i));
        }
    }
    // Lenient like viewers: "4." and ".5" are numbers; "--5" or "1.2.3"
    // keep their leading valid part, or read as 0.
    let sign = if text.starts_with('-') { -1.0 } else { 1.0 };
    let body = text.trim_start_matches(['+', '-']);
    let end =
        body.char_indices().find(|&(k, c)| c == '-' || c == '+' || (c == '.' && body[..k].contains('.')));
    let body = end.map_or(body, |(k, _)| &body[..k]);
    let value = if body.is_empty() || body == "." { 0.0 } else { body.parse::<f32>().unwrap_or(0.0) };
    Some(Object::Real(sign * value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(content: &[u8]) -> Vec<(String, Vec<Object>)> {
        let mut lx = Lexer::new(content);
        let mut out = Vec::new();
        while let Some(op) = lx.next_operation() {
            out.push((op.operator.to_string(), op.operands.to_vec()));
        }
        out
    }

    #[test]
    fn text_operators_and_operands() {
        let ops = all(b"BT /F1 12 Tf 72.5 -.5 Td (a\\(b\\)\\101\\\nc) Tj [(x) -250 <0041 42>] TJ ET");
        let names: Vec<&str> = ops.iter().map(|(o, _)| o.as_str()).collect();
        assert_eq!(names, ["BT", "Tf", "Td", "Tj", "TJ", "ET"]);
        assert_eq!(ops[1].1, vec![Object::Name(b"F1".to_vec()), Object::Integer(12)]);
        assert_eq!(ops[2].1, vec![Object::Real(72.5), Object::Real(-0.5)]);
        assert_eq!(ops[3].1, vec![Object::String(b"a(b)Ac".to_vec(), StringFormat::Literal)]);
        let Object::Array(items) = &ops[4].1[0] else { panic!("TJ takes an array") };
        assert_eq!(items[1], Object::Integer(-250));
        assert_eq!(items[2], Object::String(b"\x00AB".to_vec(), StringFormat::Hexadecimal));
    }

    #[test]
    fn marked_content_dictionary_and_names() {
        let ops = all(b"/Span <</ActualText (fi) /Lang /vi#2DVN>> BDC EMC");
        assert_eq!(ops[0].0, "BDC");
        let Object::Dictionary(d) = &ops[0].1[1] else { panic!("a dictionary") };
        assert_eq!(d.get(b"Lang").ok(), Some(&Object::Name(b"vi-VN".to_vec())));
        assert_eq!(ops[1].0, "EMC");
    }

    #[test]
    fn inline_image_data_is_not_read_as_operators() {
        let ops = all(b"q BI /W 4 /H 1 /BPC 8 /CS /G ID \x00Tj(EI\xffEIx EI Q BT ET");
        let names: Vec<&str> = ops.iter().map(|(o, _)| o.as_str()).collect();
        assert_eq!(names, ["q", "Q", "BT", "ET"]);
    }

    #[test]
    fn junk_is_skipped_not_fatal() {
        let mut lx = Lexer::new(b"BT ) } 1 0 0 1 10 10 Tm (ok) Tj ET");
        let mut names = Vec::new();
        while let Some(op) = lx.next_operation() {
            names.push(op.operator.to_string());
        }
        assert_eq!(names, ["BT", "Tm", "Tj", "ET"]);
        assert_eq!(lx.skipped, 2);
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let mut content = vec![b'['; 100_000];
        content.extend(b" Tj");
        let ops = all(&content);
        assert!(ops.len() <= 1);
    }

    #[test]
    fn lenient_numbers() {
        assert_eq!(number(b"4."), Some(Object::Real(4.0)));
        assert_eq!(number(b"--5"), Some(Object::Real(-5.0)));
        assert_eq!(number(b"1.2.3"), Some(Object::Real(1.2)));
        assert_eq!(number(b"Tj"), None);
    }
}
