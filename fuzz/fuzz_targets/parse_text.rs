//! The parse stage on arbitrary text: never panics, spans stay in bounds.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nghiquyet::text::Text;

fuzz_target!(|text: &str| {
    let t = Text::plain(text);
    let parsed = nghiquyet::parse::parse(&t);
    let n = t.char_len();
    for s in &parsed.sections {
        assert!(s.span.start <= s.span.end && s.span.end <= n);
    }
    for x in &parsed.targets {
        assert!(x.span.end <= n);
    }
    for x in &parsed.deadlines {
        assert!(x.span.end <= n);
    }
    for x in &parsed.assignments {
        assert!(x.span.end <= n);
    }
    for x in &parsed.references {
        assert!(x.span.end <= n);
    }
});
