//! Throughput of the text stages on a realistic resolution text.
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use nghiquyet::text::{normalize, Text};

fn bench_normalize(c: &mut Criterion) {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/nq-tinh-uy-2024.txt"))
        .unwrap_or_else(|_| {
            "Tỉnh ủy Quảng Ninh ban hành Nghị quyết về phương hướng, nhiệm vụ năm 2025.\n".repeat(200)
        });
    let mut g = c.benchmark_group("text");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("normalize", |b| b.iter(|| normalize(&Text::plain(&text))));
    g.finish();
}

criterion_group!(benches, bench_normalize);
criterion_main!(benches);
