//! Throughput of the parse stage on our fixture texts (a Tỉnh ủy
//! resolution, a UBND plan, a directive), concatenated so that every
//! grammar (header, outline, targets, deadlines, bodies, references) runs,
//! and on their fax OCR, where the references' symbols are damaged and read
//! against their templates (`parse/symbol.rs`).
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use nghiquyet::parse::parse;
use nghiquyet::text::Text;

fn bench_parse(c: &mut Criterion) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/");
    let mut g = c.benchmark_group("parse");
    for name in ["nq-tinh-uy-2024.txt", "kh-ubnd-2025.txt", "ct-chi-thi-2025.txt"] {
        let Ok(text) = std::fs::read_to_string(format!("{dir}{name}")) else { continue };
        let t = Text::plain(&text);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| b.iter(|| parse(&t)));
    }
    for name in ["nq-tinh-uy-2024", "kh-ubnd-2025", "ct-chi-thi-2025"] {
        let Ok(text) = std::fs::read_to_string(format!("{dir}ocr/{name}.fax.ocr-vie.txt")) else { continue };
        let t = Text::plain(&text);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(format!("{name}.fax.ocr-vie"), |b| b.iter(|| parse(&t)));
    }
    g.finish();
}

criterion_group!(benches, bench_parse);
criterion_main!(benches);
