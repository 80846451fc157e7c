//! PDF load + text extraction of every page, with tight limits.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nghiquyet::pdf::{extract, PdfOptions};

fuzz_target!(|data: &[u8]| {
    let options = PdfOptions {
        max_stream_bytes: 4 << 20,
        max_total_bytes: 16 << 20,
        deadline: Some(std::time::Instant::now() + std::time::Duration::from_secs(5)),
        ..PdfOptions::default()
    };
    let _ = extract(data, &options);
});
