//! Normalization + repair on arbitrary UTF-8: never panics, keeps every
//! whitespace character in place, and every repair span holds its `to`.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static PIPELINE: LazyLock<nghiquyet::Pipeline> = LazyLock::new(|| nghiquyet::Pipeline::builder().build());

fuzz_target!(|text: &str| {
    let (out, repairs) = PIPELINE.repair_text(text);
    let ws = |s: &str| s.chars().filter(|c| c.is_whitespace()).collect::<String>();
    assert_eq!(ws(out.as_str()), ws(text));
    let chars: Vec<char> = out.as_str().chars().collect();
    for r in repairs {
        let at: String = chars[r.span.start..r.span.end].iter().collect();
        assert_eq!(at, r.to);
    }
});
