//! Repair stage: syllable grammar, the fixture table of real OCR
//! confusions, and properties (whitespace kept, clean text untouched,
//! protected spans untouched, deterministic, spans point at the fix).

use nghiquyet::repair::syllable::{self, is_valid, strip, INITIALS, RHYMES};
use nghiquyet::repair::{RepairOptions, Repaired, Repairer};
use nghiquyet::schema::RepairReason;
use nghiquyet::text::Text;
use proptest::prelude::*;

fn repair(s: &str) -> Repaired {
    Repairer::new(RepairOptions::default()).repair(Text::plain(s))
}

#[test]
fn syllable_grammar_over_initials_rhymes_tones() {
    // Every spelling the grammar generates must decompose back to an
    // initial and rhyme from the tables, and stop finals must carry only
    // sắc or nặng.
    let mut n = 0;
    for form in syllable::all() {
        let s = syllable::parse_lower(form).expect("generated form parses");
        assert!(INITIALS.contains(&s.initial), "{form}");
        assert!(RHYMES.contains(&s.rhyme), "{form}");
        let stop = ["c", "ch", "p", "t"].iter().any(|f| s.rhyme.ends_with(f));
        if stop {
            assert!(matches!(s.tone, syllable::Tone::Acute | syllable::Tone::Dot), "{form}");
        }
        n += 1;
    }
    assert!(n > 15_000, "{n} forms");
    // Exhaustive spelling-rule checks over initials × rhymes.
    let pairs: std::collections::HashSet<(&str, &str)> =
        syllable::all().filter_map(syllable::parse_lower).map(|s| (s.initial, s.rhyme)).collect();
    for &r in RHYMES {
        let front = r.starts_with(['i', 'e', 'ê']);
        let front_y = front || r == "y";
        for init in ["k", "gh", "ngh", "c", "ng"] {
            let form = format!("{init}{r}");
            let accepted = pairs.contains(&(init, r));
            let expected = match init {
                "k" => front_y,
                "gh" | "ngh" => front,
                _ => !front_y && !r.starts_with('y'),
            };
            assert_eq!(accepted, expected, "{form}");
        }
    }
}

#[test]
fn syllable_grammar_agrees_with_lexicon() {
    // corpus/lexicon lists 18k forms, including unused ones and some
    // loanword spellings; the grammar must accept nearly all of them.
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/lexicon/vietnamese-syllables.txt");
    let Ok(text) = std::fs::read_to_string(path) else { return };
    let forms: Vec<String> =
        text.lines().map(|l| nghiquyet::text::normalize_str(l.trim())).filter(|l| !l.is_empty()).collect();
    let rejected: Vec<&String> = forms.iter().filter(|f| !is_valid(f)).collect();
    let share = rejected.len() as f64 / forms.len() as f64;
    assert!(
        share < 0.04,
        "{} of {} lexicon forms rejected, e.g. {:?}",
        rejected.len(),
        forms.len(),
        &rejected[..rejected.len().min(30)]
    );
}

#[test]
fn case_and_strip_round_trips() {
    for w in ["tỉnh", "Tỉnh", "TỈNH", "hoà", "Hòa", "QUỐC"] {
        assert!(is_valid(w), "{w}");
    }
    assert_eq!(strip("NGHIỆP"), "nghiep");
    assert_eq!(syllable::Case::of("tHỉnh"), syllable::Case::Mixed);
    assert_eq!(syllable::Case::Upper.apply("tỉnh"), "TỈNH");
}

#[derive(serde::Deserialize)]
struct Case {
    input: String,
    expected: String,
    #[serde(default)]
    note: String,
}

#[derive(serde::Deserialize)]
struct Table {
    case: Vec<Case>,
}

#[test]
fn fixture_table_of_real_confusions() {
    let src = include_str!("../fixtures/repair/confusions.toml");
    let table: Table = toml::from_str(src).expect("fixture parses");
    let mut failures = Vec::new();
    for c in &table.case {
        let out = repair(&c.input);
        if out.text.as_str() != c.expected {
            failures.push(format!(
                "{}\n   got: {}\n  want: {}  ({})",
                c.input,
                out.text.as_str(),
                c.expected,
                c.note
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn repairs_point_at_the_corrected_token() {
    let r = repair("Ủy ban nhân dân tmh Lào Cai ban hành kế hoạch ừong năm 2025, khóa xm.");
    assert!(!r.repairs.is_empty());
    let chars: Vec<char> = r.text.as_str().chars().collect();
    for rep in &r.repairs {
        let got: String = chars[rep.span.start..rep.span.end].iter().collect();
        assert_eq!(got, rep.to);
        assert!((0.0..=1.0).contains(&rep.confidence));
        assert_eq!(rep.page, None);
    }
    assert!(r.repairs.iter().any(|r| r.reason == RepairReason::Numeral && r.to == "XIII"));
}

#[test]
fn level_word_before_a_province_is_tinh() {
    // A scan's mark on `tỉnh` before a province's name, in body text and
    // in a capitals header line; `tính` before anything else stays.
    let r = repair("Sở Công Thương tính Lào Cai báo cáo.\nUBND TÍNH LÀO CAI\nCách tính Quyết toán.\n");
    assert_eq!(
        r.text.as_str(),
        "Sở Công Thương tỉnh Lào Cai báo cáo.\nUBND TỈNH LÀO CAI\nCách tính Quyết toán.\n"
    );
    assert!(r.repairs.iter().all(|c| c.reason == RepairReason::Realword));
}

#[test]
fn min_confidence_filters() {
    let text = "Ủy ban nhân dân tmh Lào Cai ban hành kế hoạch ừong năm 2025.";
    let all = Repairer::new(RepairOptions::default()).repair(Text::plain(text));
    let strict = Repairer::new(RepairOptions { min_confidence: 0.999_999, ..RepairOptions::default() })
        .repair(Text::plain(text));
    assert!(strict.repairs.len() < all.repairs.len());
    assert!(strict.repairs.iter().all(|r| r.confidence >= 0.999_999));
}

const CLEAN: &[&str] = &[
    "Ủy ban nhân dân tỉnh ban hành kế hoạch thực hiện Nghị quyết số 12-NQ/TU ngày 15/3/2024 của Tỉnh ủy.",
    "Tăng cường công tác kiểm tra, giám sát việc thực hiện các chỉ tiêu phát triển kinh tế - xã hội.",
    "Các sở, ban, ngành và Ủy ban nhân dân các huyện, thành phố tổ chức triển khai thực hiện nghiêm túc.",
    "Phấn đấu tốc độ tăng trưởng GRDP đạt 8% trở lên; thu hút vốn FDI và phát triển sản phẩm OCOP.",
    "Đẩy mạnh cải cách hành chính, chuyển đổi số trong các cơ quan nhà nước.",
    "Báo cáo kết quả về Sở Kế hoạch và Đầu tư trước ngày 20 tháng 12 năm 2025.",
    "Giao Sở Tài chính chủ trì, phối hợp với các cơ quan liên quan tham mưu bố trí kinh phí.",
    "Áp dụng QCVN 02:2009/BYT; liên hệ vanphong@laocai.gov.vn hoặc https://laocai.gov.vn để biết thêm.",
];

fn skeleton(s: &str) -> Vec<(usize, String)> {
    // Whitespace runs and their positions among the non-space runs.
    let mut out = Vec::new();
    let mut k = 0;
    let mut cur = String::new();
    for c in s.chars() {
        if c.is_whitespace() {
            cur.push(c);
        } else if !cur.is_empty() {
            out.push((k, std::mem::take(&mut cur)));
            k += 1;
        } else {
            k += 0;
        }
    }
    out.push((k, cur));
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn clean_text_is_a_fixed_point(idx in proptest::collection::vec(0..CLEAN.len(), 1..5), nl in proptest::collection::vec(any::<bool>(), 5)) {
        let mut s = String::new();
        for (k, i) in idx.iter().enumerate() {
            s.push_str(CLEAN[*i]);
            s.push_str(if nl[k % nl.len()] { "\n" } else { "\n\n" });
        }
        let r = repair(&s);
        prop_assert_eq!(r.text.as_str(), s.as_str());
        prop_assert!(r.repairs.is_empty());
    }

    #[test]
    fn arbitrary_input_keeps_its_whitespace(s in "(\\PC{0,12}[ \n\t]{1,3}){0,40}") {
        let r = repair(&s);
        let out = r.text.as_str();
        prop_assert_eq!(out.lines().count(), s.lines().count());
        prop_assert_eq!(skeleton(out), skeleton(&s));
        let chars: Vec<char> = out.chars().collect();
        for rep in &r.repairs {
            let got: String = chars[rep.span.start..rep.span.end].iter().collect();
            prop_assert_eq!(got, rep.to.clone());
        }
    }

    #[test]
    fn whitespace_and_protected_spans_survive(
        words in proptest::collection::vec(prop_oneof![
            Just("tmh"), Just("vói"), Just("ừong"), Just("nghiệỊ"), Just("tỉnh"), Just("chi"), Just("đạo"),
            Just("12-NQ/TU"), Just("GRDP"), Just("68/2022/QH15"), Just("a@b.vn"), Just("Quý"), Just("ni/2023"),
            Just("kiêm"), Just("tra"), Just("x"), Just("ĐÁNG"), Just("năm"), Just("2025,"), Just("(FDI)"),
        ], 0..30),
        seps in proptest::collection::vec(prop_oneof![Just(" "), Just("  "), Just("\n"), Just("\t"), Just(" \n "), Just("\n\n")], 30),
    ) {
        let mut s = String::new();
        for (i, w) in words.iter().enumerate() {
            s.push_str(w);
            s.push_str(seps[i % seps.len()]);
        }
        let r = repair(&s);
        let out = r.text.as_str();
        prop_assert_eq!(out.lines().count(), s.lines().count());
        prop_assert_eq!(skeleton(out), skeleton(&s));
        for p in ["12-NQ/TU", "GRDP", "68/2022/QH15", "a@b.vn", "(FDI)", "2025,"] {
            prop_assert_eq!(out.matches(p).count(), s.matches(p).count());
        }
        let again = repair(&s);
        prop_assert_eq!(again.text.as_str(), out);
    }
}

#[test]
fn repairer_is_shareable() {
    fn assert_send_sync<T: Send + Sync + Clone>() {}
    assert_send_sync::<Repairer>();
    assert_send_sync::<RepairOptions>();
    // Threads share one repairer (the models are a process-wide static).
    let r = Repairer::new(RepairOptions::default());
    let outs: Vec<String> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..2)
            .map(|_| s.spawn(|| r.repair(Text::plain("Phối hợp vói các sở.")).text.as_str().to_owned()))
            .collect();
        hs.into_iter().map(|h| h.join().expect("thread")).collect()
    });
    assert_eq!(outs, ["Phối hợp với các sở.", "Phối hợp với các sở."]);
}

/// Context rules (`repair::rules`): OCR forms of numbers, dates, document
/// symbols, quarters, list markers, headings and preamble punctuation, as
/// Tesseract `vie` produces them, each with its expected repair.
const RULE_FIXES: &[(&str, &str)] = &[
    // Percent sign read as "96", "%o", or a doubled 9.
    (
        "Tỷ lệ hộ nghèo giảm, đạt trên 1096, tăng so với năm trước.",
        "Tỷ lệ hộ nghèo giảm, đạt trên 10%, tăng so với năm trước.",
    ),
    ("Nợ xấu không quá 196; chi phí giảm.", "Nợ xấu không quá 1%; chi phí giảm."),
    ("Tỷ lệ che phủ rừng đạt trên 90%o, ổn định.", "Tỷ lệ che phủ rừng đạt trên 90%, ổn định."),
    ("Tỷ lệ lấp đầy đạt 60-7096.", "Tỷ lệ lấp đầy đạt 60-70%."),
    ("Tỷ trọng công nghiệp đạt 33.5996.", "Tỷ trọng công nghiệp đạt 33,59%."),
    ("Lưới điện an toàn đạt 99,869.", "Lưới điện an toàn đạt 99,86%."),
    ("Tăng trưởng ở mức 559%; thu ngân sách tăng.", "Tăng trưởng ở mức 55%; thu ngân sách tăng."),
    ("Tỷ lệ đạt 9826; 1009 số xã đạt chuẩn.", "Tỷ lệ đạt 98%; 100% số xã đạt chuẩn."),
    ("Tăng trưởng ước đạt 11.29, cao hơn.", "Tăng trưởng ước đạt 11,2%, cao hơn."),
    // Note numbers with a damaged bracket.
    ("Tổng vốn 9.500 tỷ đồng. C3) Tổng thu.", "Tổng vốn 9.500 tỷ đồng. (3) Tổng thu."),
    ("Hoàn thành năm 2024. (9}", "Hoàn thành năm 2024. (9)"),
    // Dates after "ngày": slash read as ':' '7' '-', or lost.
    ("Ban hành ngày 12:11:2024 của Tỉnh ủy.", "Ban hành ngày 12/11/2024 của Tỉnh ủy."),
    ("Kết luận ngày 31-3/2025 của Bộ Chính trị.", "Kết luận ngày 31/3/2025 của Bộ Chính trị."),
    ("Có hiệu lực từ ngày 18672015.", "Có hiệu lực từ ngày 18/6/2015."),
    ("Ký ngày 12/0272009 tại Hà Nội.", "Ký ngày 12/02/2009 tại Hà Nội."),
    ("Họp ngày 2912:2025 về phát triển công nghiệp.", "Họp ngày 29/12/2025 về phát triển công nghiệp."),
    // Document symbols.
    ("Thực hiện Chỉ thị số 16-CT?TU của Tỉnh ủy.", "Thực hiện Chỉ thị số 16-CT/TU của Tỉnh ủy."),
    ("Theo Nghị định số 29:20087NĐ-CP của Chính phủ.", "Theo Nghị định số 29/2008/NĐ-CP của Chính phủ."),
    ("Theo Nghị định số 12/2009:ND-CP của Chính phủ.", "Theo Nghị định số 12/2009/NĐ-CP của Chính phủ."),
    (
        "Căn cứ Luật Điện lực số 61:2024/Q1115 của Quốc hội.",
        "Căn cứ Luật Điện lực số 61/2024/QH15 của Quốc hội.",
    ),
    ("Thực hiện Kế hoạch số 113KH-UBND của tỉnh.", "Thực hiện Kế hoạch số 113/KH-UBND của tỉnh."),
    ("Theo Chỉ thị số 07CT-TTg của Thủ tướng.", "Theo Chỉ thị số 07/CT-TTg của Thủ tướng."),
    ("Thực hiện Đề án 08-DA-TU của Tỉnh ủy.", "Thực hiện Đề án 08-ĐA/TU của Tỉnh ủy."),
    ("Áp dụng QCVN 01:2019:BCT về an toàn.", "Áp dụng QCVN 01:2019/BCT về an toàn."),
    // Quarters in Roman numerals.
    ("Hoàn thành trong quý 12026.", "Hoàn thành trong quý I/2026."),
    (
        "Quý II/2025 xong bước một; quý 1/2026 hoàn thành.",
        "Quý II/2025 xong bước một; quý I/2026 hoàn thành.",
    ),
    // List markers by their place in the list; a tilde for a dash.
    (
        "a) Rà soát;\nb) Bố trí vốn;\n€) Kiểm tra;\nd) Báo cáo.",
        "a) Rà soát;\nb) Bố trí vốn;\nc) Kiểm tra;\nd) Báo cáo.",
    ),
    ("4) Rà soát quy hoạch;\nb) Bố trí vốn.", "a) Rà soát quy hoạch;\nb) Bố trí vốn."),
    ("đ) Giám sát;\n6) Báo cáo;\ng) Tổng hợp.", "đ) Giám sát;\ne) Báo cáo;\ng) Tổng hợp."),
    ("Mục tiêu:\n~ Hoàn thành quy hoạch.", "Mục tiêu:\n- Hoàn thành quy hoạch."),
    // Roman headings between their neighbours.
    (
        "I. MỤC TIÊU\nNội dung.\n1L. NHIỆM VỤ\nNội dung.\nIII. TỔ CHỨC",
        "I. MỤC TIÊU\nNội dung.\nII. NHIỆM VỤ\nNội dung.\nIII. TỔ CHỨC",
    ),
    // A run of headings where the OCR damaged every numeral.
    (
        "1. MỤC ĐÍCH\nNội dung.\n1L. MỤC TIÊU\nNội dung.\n1H. NHIỆM VỤ",
        "I. MỤC ĐÍCH\nNội dung.\nII. MỤC TIÊU\nNội dung.\nIII. NHIỆM VỤ",
    ),
    // A capital T read as '[' at the start of a line.
    (
        "Kết quả đạt được.\n[rong năm 2025, tỉnh đã hoàn thành.",
        "Kết quả đạt được.\nTrong năm 2025, tỉnh đã hoàn thành.",
    ),
    // A comma thinned to a period between two lower-case words.
    ("Khu kinh tế ven biển. khu kinh tế cửa khẩu.", "Khu kinh tế ven biển, khu kinh tế cửa khẩu."),
    // Acronyms the document uses, and their look-alikes.
    ("Các KCN, KKT đều có KCN mới; KCN cũ và K€N khác.", "Các KCN, KKT đều có KCN mới; KCN cũ và KCN khác."),
    // The decimal comma read as a period after full thousands groups.
    ("nâng tổng công suất lên 4.758.5 MW", "nâng tổng công suất lên 4.758,5 MW"),
    // An OCR habit repeated (VUNCN three times) is still the rarer look-alike.
    (
        "Quản lý VLNCN; kho VLNCN, xe VLNCN và VLNCN. Kiểm tra VUNCN, VUNCN và VUNCN.",
        "Quản lý VLNCN; kho VLNCN, xe VLNCN và VLNCN. Kiểm tra VLNCN, VLNCN và VLNCN.",
    ),
    // Preamble bases are separated by ';'.
    (
        "Căn cứ Luật Đầu tư công số 58/2024/QH15:\nCăn cứ Nghị định số 85/2025/NĐ-CP;",
        "Căn cứ Luật Đầu tư công số 58/2024/QH15;\nCăn cứ Nghị định số 85/2025/NĐ-CP;",
    ),
    // Once a sentence has opened its list with ':', the OCR's other colons
    // between lower-case words are the items' semicolons.
    (
        "Còn bất cập, chậm được khắc phục: quy hoạch chưa tốt: phát triển quá nhanh về số lượng: đầu\ntư còn dàn trải.",
        "Còn bất cập, chậm được khắc phục: quy hoạch chưa tốt; phát triển quá nhanh về số lượng; đầu\ntư còn dàn trải.",
    ),
    // Two neighbours damaged together, each a word as read ("Thâm Quyến").
    ("các thủ tục thuộc thâm quyên, bảo đảm", "các thủ tục thuộc thẩm quyền, bảo đảm"),
    // Digits the `eng` engine puts for marked vowels; units stay.
    (
        "Cac so, ban, nganh va dia phuong co lien quan t6 chuc huong dan thuc hien; dien tich 20 m2 dat",
        "Các sở, ban, ngành và địa phương có liên quan tổ chức hướng dẫn thực hiện; diện tích 20 m2 đất",
    ),
    // A capitalized common word between lower-case words is no name.
    ("Ban Thường vụ Đăng ủy tỉnh chỉ đạo.", "Ban Thường vụ Đảng ủy tỉnh chỉ đạo."),
    // A speck read as a comma inside a set phrase; the space stays.
    (
        "Hoàn thành chương, trình hỗ trợ và phát huy vai trò của người đứng, đầu các cơ quan.",
        "Hoàn thành chương trình hỗ trợ và phát huy vai trò của người đứng đầu các cơ quan.",
    ),
];

/// Near misses: well-formed text the rules must leave exactly as it is.
const RULE_KEEPS: &[&str] = &[
    "Năm 2024 hỗ trợ 1096 hộ nghèo.",
    "Đạt 1096 hộ gia đình văn hóa.",
    "Thành lập năm 1996, đạt trên 1996 hội viên.",
    "Theo Điều 96, đạt 96% kế hoạch.",
    "Tỷ lệ đạt 33,59%. Tăng 19, giảm 9.",
    "Tỷ lệ pha trộn 3:1 và họp lúc 8:30 ngày 15/3/2024.",
    "Ngày 20-3-2024 và ngày 12.11.2024 là hai cách viết.",
    "Áp dụng QCVN 02:2009/BYT và TCVN 5574:2018.",
    "Thực hiện Nghị quyết số 12-NQ/TU và Nghị định 68/2022/QH15, Quyết định 1883/QĐ-UBND.",
    "Hoàn thành trong Quý 1/2026 theo kế hoạch.",
    "a) Rà soát;\nb) Bố trí;\nd) Kiểm tra;\nd) Báo cáo;\ne) Tổng hợp.",
    "1. MỤC TIÊU\nNội dung.\n2. NHIỆM VỤ",
    "Thủ tục gồm: hồ sơ; thời hạn: 15 ngày.",
    "Về khoảng cách an toàn: Căn cứ Điều 5.",
    "I. MỤC TIÊU\n1. MỤC TIÊU CHUNG\n2. MỤC TIÊU CỤ THỂ\nII. NHIỆM VỤ",
    "[Tên cơ quan chủ quản]\n[tên đơn vị]",
    "Công trình (nhóm C3) và (9) đạt 2.989 tấn, 11,29 tấn.",
    "Theo quy định tại Điều 5. Nội dung, v.v. và các nội dung khác.",
    "Dự án thuộc các khu vực sau: rừng đặc dụng, khu bảo tồn; dự án có các mục tiêu: phục vụ quản lý.",
    "Đơn vị tính: triệu đồng. Địa điểm: hội trường tầng 2; thời gian: sáng thứ hai.",
    "Yêu cầu: bảo đảm đúng tiến độ\nNhiệm vụ trọng tâm: rà soát quy hoạch.",
    "Đạt 33.59% và 1.250.000 đồng, 2.989,5 MW, phiên bản 1.2.3 và mục 2.1.15.",
    "Bảo đảm nhu cầu nguyên, vật liệu; dịch vụ, bưu chính công ích; phòng ngừa sự cố, cháy, nổ.",
];

#[test]
fn context_rules_fix_numbers_symbols_and_markers() {
    let mut failures = Vec::new();
    for (input, want) in RULE_FIXES {
        let out = repair(input);
        if out.text.as_str() != *want {
            failures.push(format!("{input}\n   got: {}\n  want: {want}", out.text.as_str()));
        }
        let chars: Vec<char> = out.text.as_str().chars().collect();
        for rep in &out.repairs {
            let got: String = chars[rep.span.start..rep.span.end].iter().collect();
            assert_eq!(got, rep.to, "{input}");
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn context_rules_leave_near_misses_alone() {
    for input in RULE_KEEPS {
        let out = repair(input);
        assert_eq!(out.text.as_str(), *input);
        assert!(out.repairs.is_empty(), "{input}: {:?}", out.repairs);
    }
}

#[test]
fn context_rules_respect_min_confidence() {
    // "18672015" is read with a guessed separator (0.85); a clerk asking
    // for 0.9 keeps it, and still gets the plain colon date (0.95).
    let text = "Ký ngày 18672015 và ngày 12:11:2024.";
    let strict = Repairer::new(RepairOptions { min_confidence: 0.9, ..RepairOptions::default() })
        .repair(Text::plain(text));
    assert_eq!(strict.text.as_str(), "Ký ngày 18672015 và ngày 12/11/2024.");
    assert_eq!(repair(text).text.as_str(), "Ký ngày 18/6/2015 và ngày 12/11/2024.");
}

/// Issue 4's legacy-engine shapes, and look-alikes that are real words or
/// protected tokens and must not move.
const LEGACY_SHAPES: &[(&str, &str)] = &[
    ("cơ quan ừong tmh thực hiện", "cơ quan trong tỉnh thực hiện"),
    ("doanh nghiệỊ) nhỏ", "doanh nghiệp nhỏ"),
    ("hỗ trợ (doanh nghiệỊ) nhỏ", "hỗ trợ (doanh nghiệp) nhỏ"),
    ("phòng chống dịch COVỈD-Ỉ9", "phòng chống dịch COVID-19"),
    ("Tmh ủy", "Tỉnh ủy"),
    ("tỉnh Nmh Bình", "tỉnh Ninh Bình"),
    ("trong lũứi vực y tế", "trong lĩnh vực y tế"),
    ("tniớc hết", "trước hết"),
    ("hỗ trợ sirứi viên", "hỗ trợ sinh viên"),
    ("tổ chức liội nghị", "tổ chức hội nghị"),
];

const LEGACY_NEAR_MISSES: &[&str] = &[
    "Xây dựng trung tâm dữ liệu của tỉnh.",
    "Mỗi cán bộ phải tự mình gương mẫu.",
    "Lễ hội Lim được tổ chức hằng năm.",
    "Phòng chống dịch COVID-19, ứng dụng ICT, nâng chỉ số PCI.",
    "TỈNH ỦY LÀO CAI",
    "KỶ LUẬT, KỈ CƯƠNG",
    "Hỗ trợ (doanh nghiệp) nhỏ và vừa.",
    "Luật Doanh nghiệp (sửa đổi) năm 2020.",
    "Quốc lộ 4E và Quốc lộ 1A.",
    "Phòng, chống HIV/AIDS.",
    // Units and numerals look like shapes (`mm` = `min` with `in`→`m`).
    "Tấm thép dày 10 mm, cách trung tâm 5 km, tại Km 15.",
    "Mục III của Phần II, khu IIA.",
];

#[test]
fn legacy_engine_shapes_are_undone() {
    let mut failures = Vec::new();
    for &(input, want) in LEGACY_SHAPES {
        let got = repair(input);
        if got.text.as_str() != want {
            failures.push(format!("{input} → {} (want {want})", got.text.as_str()));
        }
    }
    for &clean in LEGACY_NEAR_MISSES {
        let got = repair(clean);
        if got.text.as_str() != clean {
            failures.push(format!("{clean} → {} (must not change)", got.text.as_str()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn glued_paren_repair_spans_point_at_the_fix() {
    let r = repair("Hỗ trợ doanh nghiệỊ) nhỏ và vừa.");
    assert_eq!(r.text.as_str(), "Hỗ trợ doanh nghiệp nhỏ và vừa.");
    let chars: Vec<char> = r.text.as_str().chars().collect();
    for rep in &r.repairs {
        let got: String = chars[rep.span.start..rep.span.end].iter().collect();
        assert_eq!(got, rep.to);
    }
    // The `)` that went with the `Ị` is listed too: undoing the repair
    // gives back the input.
    assert!(r.repairs.iter().any(|x| x.from == "nghiệỊ)" && x.to == "nghiệp"));
    let undone = crate::properties::undo_repairs(r.text.as_str(), &r.repairs);
    assert_eq!(undone, "Hỗ trợ doanh nghiệỊ) nhỏ và vừa.");
}

#[test]
fn generated_legacy_damage_is_mostly_undone() {
    use nghiquyet::repair::shapes::{Damager, Rates};
    // Every clean sentence, damaged at a high rate with a fixed seed (not
    // the training one): most damaged words come back, no clean word breaks.
    let clean = CLEAN.join("\n");
    let damaged = Damager::new(99, Rates { word: 0.25, ..Rates::default() }).text(&clean);
    let out = repair(&damaged);
    let (mut hurt, mut fixed, mut broken) = (0, 0, 0);
    for ((c, d), o) in
        clean.split_whitespace().zip(damaged.split_whitespace()).zip(out.text.as_str().split_whitespace())
    {
        if c != d {
            hurt += 1;
            fixed += usize::from(o == c);
        } else if o != c {
            broken += 1;
        }
    }
    assert!(hurt >= 15, "only {hurt} words damaged");
    assert!(fixed * 10 >= hurt * 7, "{fixed} of {hurt} fixed:\n{damaged}\n{}", out.text.as_str());
    assert_eq!(broken, 0, "{}", out.text.as_str());
}

#[test]
fn legacy_shape_costs_are_learned_reproducibly() {
    use nghiquyet::repair::confusion::{ErrorModel, Profile};
    use nghiquyet::repair::train::train_errors_legacy;
    // Our own fixture texts stand in for both the aligned cases and the
    // clean corpus; the shapes must come out of the generated pairs.
    let dir = tempfile::tempdir().expect("tempdir");
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
    let case = dir.path().join("cases/00");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&case).expect("mkdir");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    let truth = std::fs::read_to_string(format!("{fixtures}/nq-tinh-uy-2024.txt")).expect("fixture");
    std::fs::write(case.join("truth.txt"), &truth).expect("write");
    std::fs::write(case.join("ocr-vie.txt"), truth.replace("với", "vói")).expect("write");
    // Ten readings of each (the damage differs each time): ~30 k words.
    for f in ["nq-tinh-uy-2024.txt", "kh-ubnd-2025.txt", "ct-chi-thi-2025.txt"] {
        for k in 0..10 {
            std::fs::copy(format!("{fixtures}/{f}"), corpus.join(format!("{k}-{f}"))).expect("copy");
        }
    }
    let (a, b) = (dir.path().join("a.bin"), dir.path().join("b.bin"));
    train_errors_legacy(&dir.path().join("cases"), Some(&corpus), &a).expect("train");
    train_errors_legacy(&dir.path().join("cases"), Some(&corpus), &b).expect("train");
    let bytes = std::fs::read(&a).expect("read");
    assert_eq!(bytes, std::fs::read(&b).expect("read"), "training is not reproducible");
    let model = ErrorModel::from_bytes(&bytes).expect("model");
    let vie = model.table(Profile::Vie);
    let undo = |ocr: &str| -> Vec<String> {
        let o: Vec<char> = ocr.chars().collect();
        vie.reverse(&o).iter().map(|(t, _)| t.iter().collect()).collect()
    };
    assert!(undo("ừ").contains(&"tr".to_string()), "{:?}", undo("ừ"));
    assert!(undo("m").iter().any(|t| t == "in" || t == "ỉn" || t == "ín"), "{:?}", undo("m"));
    let (t, o): (Vec<char>, Vec<char>) = ("trong".chars().collect(), "ừong".chars().collect());
    assert!(vie.cost(&t, &o) < 3.0, "tr→ừ costs {}", vie.cost(&t, &o));
    // The Tesseract-only `eng` table learns no legacy shape.
    assert!(model.table(Profile::Eng).reverse(&['ừ']).is_empty());
}
