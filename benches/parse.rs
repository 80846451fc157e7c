//! Throughput of the parse stage on our fixture texts (a Tỉnh ủy
//! resolution, a UBND plan, a directive), concatenated so that every
//! grammar (header, outline, targets, deadlines, bodies, references) runs,
//! and on their fax OCR, where the references' symbols are damaged and read
//! against their templates (`parse/symbol.rs`); and on one block listing
//! the same item a thousand and four thousand times, which shows the
//! grammars linear in the items of a block.
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
    // One block listing the same item N and 4N times: the time must grow
    // fourfold, not sixteenfold (issue 20; each was quadratic before).
    let mut g = c.benchmark_group("parse_listed");
    for item in
        ["Sở Y tế; ", "phối hợp với Sở Y tế, ", "trước ngày 15/12/2026, ", "Nghị quyết số 12/NQ-HĐND, "]
    {
        for n in [1_000, 4_000] {
            let text =
                format!("KẾ HOẠCH\n\n1. Nhiệm vụ\n- Sở Tài chính {}thực hiện kế hoạch.\n", item.repeat(n));
            let t = Text::plain(&text);
            g.throughput(Throughput::Bytes(text.len() as u64));
            g.bench_function(format!("{}x{n}", item.trim_end_matches([' ', ',', ';'])), |b| {
                b.iter(|| parse(&t))
            });
        }
    }
    g.finish();
}

criterion_group!(benches, bench_parse);
criterion_main!(benches);
