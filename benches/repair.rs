//! Throughput of the repair stage: clean text (the fast path), OCR text,
//! and the one-time model load.
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use nghiquyet::repair::lm::UNK;
use nghiquyet::repair::token::lm_form;
use nghiquyet::repair::{rules, Models, RepairOptions, Repairer};
use nghiquyet::text::Text;

const CLEAN: &str = "Ủy ban nhân dân tỉnh ban hành kế hoạch thực hiện Nghị quyết số 12-NQ/TU ngày 15/3/2024 \
của Tỉnh ủy về tăng cường công tác kiểm tra, giám sát việc thực hiện các chỉ tiêu phát triển kinh tế - xã hội.\n\
Các sở, ban, ngành và Ủy ban nhân dân các huyện, thành phố tổ chức triển khai thực hiện nghiêm túc.\n\
Đẩy mạnh cải cách hành chính, chuyển đổi số trong các cơ quan nhà nước; báo cáo kết quả trước ngày 20 tháng 12.\n";

const OCR: &str = "Ủy ban nhân dân tmh ban hành kế hoạch thực hiện Nghị quyết số 12-NQ/TU ngày 15/3/2024 \
của Tình ủy về tăng cường công tác kiêm tra, giám sát việc thục hiện các chi tiêu phát triên kinh tế - xã hội.\n\
Các sở, ban, ngành và Ủy ban nhân dân các huyện, thành phố tô chức triển khai thực hiện nghiêm túc.\n\
Đây mạnh cải cách hành chính, chuyên đổi số ừong các cơ quan nhà nước; báo cáo kết quả tniớc ngày 20 tháng 12.\n";

fn tokens(s: &str) -> u64 {
    s.split_whitespace().count() as u64
}

fn bench_repair(c: &mut Criterion) {
    let models = Models::embedded().expect("embedded models");
    let r = Repairer::new(RepairOptions::default());
    // Real texts when the shared corpus sits beside the checkout (read at
    // run time, not copied): a 37k-word Government resolution and the real
    // Tesseract output of a 5-page Tỉnh ủy resolution; otherwise the small
    // built-in samples, repeated.
    let shared = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/dev/");
    let clean = std::fs::read_to_string(format!("{shared}resolutions/07_nq66_19_2026_nq_cp_tthc_nnmt.txt"))
        .unwrap_or_else(|_| CLEAN.repeat(50));
    let ocr = std::fs::read_to_string(format!("{shared}ocr/nq34_btvtu_laocai_2025_tesseract_raw.txt"))
        .unwrap_or_else(|_| OCR.repeat(50));
    let mut g = c.benchmark_group("repair");
    g.throughput(Throughput::Elements(tokens(&clean)));
    g.bench_function("clean_tokens", |b| b.iter(|| r.repair_with(models, Text::plain(&clean))));
    g.throughput(Throughput::Elements(tokens(&ocr)));
    g.bench_function("ocr_tokens", |b| b.iter(|| r.repair_with(models, Text::plain(&ocr))));
    // The context rules alone (numbers, symbols, markers), to see their
    // share of the stage on the same machine load.
    let known = |w: &str| models.lm.id(&lm_form(w)) != UNK;
    g.throughput(Throughput::Elements(tokens(&clean)));
    g.bench_function("rules_clean_tokens", |b| b.iter(|| rules::decide(&clean, 0.5, &known)));
    g.throughput(Throughput::Elements(tokens(&ocr)));
    g.bench_function("rules_ocr_tokens", |b| b.iter(|| rules::decide(&ocr, 0.5, &known)));
    g.finish();
    let mut g = c.benchmark_group("repair_load");
    g.sample_size(10);
    g.bench_function("models_from_bytes", |b| {
        b.iter(|| {
            Models::from_bytes(include_bytes!("../models/lm.bin"), include_bytes!("../models/errors.bin"))
                .expect("models")
        })
    });
    g.finish();
}

criterion_group!(benches, bench_repair);
criterion_main!(benches);
