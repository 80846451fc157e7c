//! The parse stage through its public entry point, `parse::parse`.
//!
//! Table-driven per grammar (dates, quantities, bodies, number symbols),
//! each row a sentence written the way plans and resolutions write it, and
//! a golden test: our own fixture `fixtures/nq-tinh-uy-2024.txt` against
//! its gold annotation `eval/gold/fixtures/nq-tinh-uy-2024.gold.json`.

use nghiquyet::parse::parse;
use nghiquyet::schema::{Comparator, DeadlineKind, Recurrence, Role};
use nghiquyet::text::Text;
use std::collections::BTreeSet;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Repair, then parse, as the pipeline does: OCR-damaged symbols are put
/// right by the repair stage (and listed), the parse stage cites what the
/// text then says.
fn repaired_parse(s: &str) -> nghiquyet::parse::Parsed {
    let r = nghiquyet::repair::Repairer::default().repair(Text::plain(s));
    parse(&r.text)
}

/// A task section wrapped around one sentence, as the body of a plan.
fn plan(sentence: &str) -> String {
    format!("II. NHIỆM VỤ\n1. Sở Tài chính\n- {sentence}\n")
}

#[test]
fn deadline_forms() {
    use DeadlineKind::*;
    let rows: &[(&str, DeadlineKind, Option<&str>, Option<Recurrence>)] = &[
        ("Hoàn thành trước ngày 31/12/2022.", By, Some("2022-12-31"), None),
        ("Trình UBND tỉnh chậm nhất ngày 15-01-2025.", By, Some("2025-01-15"), None),
        ("Hoàn thành chậm nhất đến ngày 01 tháng 7 năm 2028.", By, Some("2028-07-01"), None),
        ("Báo cáo kết quả đến hết ngày 30/6/2024.", By, Some("2024-06-30"), None),
        ("Ban hành quy chế trong quý III/2023.", By, Some("2023-09-30"), None),
        ("Hoàn thành bàn giao mặt bằng trong Quý IV năm 2026.", By, Some("2026-12-31"), None),
        ("Trình phê duyệt đề án trong tháng 12/2022.", By, Some("2022-12-31"), None),
        ("Sơ kết 6 tháng đầu năm 2025.", By, Some("2025-06-30"), None),
        ("Trồng mới rừng trong năm 2023.", During, Some("2023-12-31"), None),
        ("Hoàn thành việc sáp nhập trong năm 2025.", By, Some("2025-12-31"), None),
        ("Đến năm 2030, hoàn thành số hóa hồ sơ.", By, Some("2030-12-31"), None),
        ("Triển khai trong giai đoạn 2021 - 2025.", Period, Some("2025-12-31"), None),
        ("Báo cáo định kỳ hằng tháng.", Recurring, None, Some(Recurrence::Monthly)),
        ("Báo cáo trước ngày 20 hằng tháng.", Recurring, None, Some(Recurrence::Monthly)),
        ("Định kỳ hàng quý tổng hợp kết quả.", Recurring, None, Some(Recurrence::Quarterly)),
        ("Định kỳ 6 tháng báo cáo UBND tỉnh.", Recurring, None, Some(Recurrence::Semiannual)),
        ("Hằng năm, xây dựng kế hoạch kiểm tra.", Recurring, None, Some(Recurrence::Yearly)),
    ];
    for (sentence, kind, date, rec) in rows {
        let p = parse(&Text::plain(&plan(sentence)));
        let got: Vec<_> = p.deadlines.iter().map(|d| (d.kind, d.date.as_deref(), d.recurrence)).collect();
        assert_eq!(got, vec![(*kind, *date, *rec)], "{sentence}");
        let d = &p.deadlines[0];
        let text: String = Text::plain(&plan(sentence))
            .as_str()
            .chars()
            .skip(d.span.start)
            .take(d.span.end - d.span.start)
            .collect();
        assert_eq!(text, d.text, "span of {sentence}");
    }
}

#[test]
fn dates_that_are_not_deadlines() {
    for sentence in [
        "Thực hiện Nghị quyết số 68/2022/QH15 ngày 10/11/2022 của Quốc hội.",
        "Ngày 29/6/2026, Bộ Xây dựng ban hành Quyết định số 1074/QĐ-BXD.",
        "Rà soát Quy hoạch tỉnh thời kỳ 2021 - 2030, tầm nhìn đến năm 2050.",
        "Tính đến ngày 31/5/2025, toàn tỉnh mới giải ngân 22,1%.",
    ] {
        let p = parse(&Text::plain(&plan(sentence)));
        assert!(p.deadlines.is_empty(), "{sentence}: {:?}", p.deadlines);
    }
}

/// A plan whose target list holds `sentence` as target (1).
fn target_list(sentence: &str) -> String {
    format!("I. MỤC TIÊU\n2. Các chỉ tiêu chủ yếu\n(1) {sentence}\nII. NHIỆM VỤ\n")
}

/// (sentence, value, value_max, comparator, unit) of a target's one quantity.
type QuantityRow<'a> = (&'a str, f64, Option<f64>, Comparator, &'a str);

/// Each sentence, as target (1) of a list, is that one target with exactly
/// the given quantity.
fn assert_single_quantities(rows: &[QuantityRow<'_>]) {
    for (sentence, value, max, cmp, unit) in rows {
        let p = parse(&Text::plain(&target_list(sentence)));
        assert_eq!(p.targets.len(), 1, "{sentence}");
        let t = &p.targets[0];
        assert_eq!(t.label.as_deref(), Some("1"), "{sentence}");
        let q = &t.quantities;
        assert_eq!(q.len(), 1, "{sentence}: {q:?}");
        assert_eq!(
            (q[0].value, q[0].value_max, q[0].comparator, q[0].unit.as_deref()),
            (*value, *max, *cmp, Some(*unit)),
            "{sentence}"
        );
    }
}

#[test]
fn quantity_forms() {
    use Comparator::*;
    let rows: &[QuantityRow<'_>] = &[
        ("Tốc độ tăng trưởng kinh tế (GRDP) đạt trên 10%.", 10.0, None, Gt, "%"),
        ("Tổng thu ngân sách nhà nước đạt 53.062 tỷ đồng.", 53062.0, None, Eq, "tỷ đồng"),
        ("Tỷ lệ lao động qua đào tạo đạt 86,46%.", 86.46, None, Eq, "%"),
        ("Tổng vốn đầu tư tăng từ 10 - 12% so với năm 2024.", 10.0, Some(12.0), Range, "%"),
        ("Bảo hiểm xã hội tăng từ 3 - 3,5%.", 3.0, Some(3.5), Range, "%"),
        ("GRDP bình quân đầu người đạt khoảng 9.500 USD.", 9500.0, None, Approx, "USD"),
        ("Trồng mới ít nhất 2.000 ha rừng.", 2000.0, None, Gte, "ha"),
        ("Đạt 32 giường bệnh/1 vạn dân.", 32.0, None, Eq, "giường bệnh/1 vạn dân"),
        ("Tỷ lệ hộ nghèo không quá 1%.", 1.0, None, Lte, "%"),
        ("Tỷ lệ suy dinh dưỡng dưới 11,5%.", 11.5, None, Lt, "%"),
        ("Đưa vào sử dụng 01 trường phổ thông dân tộc nội trú.", 1.0, None, Eq, "trường"),
        ("Kim ngạch xuất khẩu đạt 7,5 tỷ USD.", 7.5, None, Eq, "tỷ USD"),
        ("Thành lập mới 500 doanh nghiệp.", 500.0, None, Eq, "doanh nghiệp"),
        ("Tỷ lệ bảo hiểm y tế đạt từ 95% trở lên.", 95.0, None, Gte, "%"),
    ];
    assert_single_quantities(rows);
}

/// Each sentence, as the only content of a plan's last section, gives
/// exactly these bodies and roles, in order.
fn assert_roles(rows: &[(&str, &[(&str, Role)])]) {
    for (sentence, want) in rows {
        let p = parse(&Text::plain(&format!("III. TỔ CHỨC THỰC HIỆN\n{sentence}\n")));
        let got: Vec<(String, Role)> =
            p.assignments.iter().flat_map(|a| a.bodies.iter().map(|b| (b.name.clone(), b.role))).collect();
        let want: Vec<(String, Role)> = want.iter().map(|(n, r)| (n.to_string(), *r)).collect();
        assert_eq!(got, want, "{sentence}");
    }
}

#[test]
fn body_forms() {
    use Role::*;
    let rows: &[(&str, &[(&str, Role)])] = &[
        (
            "Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với Sở Văn hóa, Thể thao và Du lịch tổ chức tuyên truyền.",
            &[("Ban Tuyên giáo Tỉnh ủy", Lead), ("Sở Văn hóa, Thể thao và Du lịch", Support)],
        ),
        (
            "Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy tổ chức quán triệt Nghị quyết.",
            &[("Các huyện ủy", Implement), ("thị ủy", Implement), ("thành ủy", Implement), ("đảng ủy trực thuộc Tỉnh ủy", Implement)],
        ),
        (
            "Đảng đoàn HĐND tỉnh lãnh đạo, chỉ đạo việc ban hành nghị quyết.",
            &[("Đảng đoàn Hội đồng nhân dân tỉnh", Direct)],
        ),
        (
            "Ban cán sự đảng UBND tỉnh chỉ đạo UBND các huyện, thị xã, thành phố triển khai thực hiện.",
            &[("Ban cán sự đảng Ủy ban nhân dân tỉnh", Direct), ("Ủy ban nhân dân các huyện, thị xã, thành phố", Implement)],
        ),
        (
            "Sở Kế hoạch và Đầu tư tham mưu UBND tỉnh bố trí vốn; báo cáo Ban Thường vụ Tỉnh ủy.",
            &[("Sở Kế hoạch và Đầu tư", Advise), ("Ban Thường vụ Tỉnh ủy", ReportTo)],
        ),
        (
            // "chủ trì, … tham mưu" is a lead only (ANNOTATION.md).
            "Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng tham mưu UBND tỉnh bố trí vốn.",
            &[("Sở Tài chính", Lead), ("Sở Xây dựng", Support)],
        ),
        (
            "Ban Thường vụ Tỉnh ủy giao Ban cán sự đảng UBND tỉnh lãnh đạo, chỉ đạo triển khai.",
            &[("Ban cán sự đảng Ủy ban nhân dân tỉnh", Direct)],
        ),
        (
            "Ủy ban Kiểm tra Tỉnh ủy kiểm tra, giám sát việc thực hiện.",
            &[("Ủy ban Kiểm tra Tỉnh ủy", Supervise)],
        ),
        (
            "Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh phối hợp bảo đảm an ninh.",
            &[("Công an tỉnh", Support), ("Bộ Chỉ huy Quân sự tỉnh", Support)],
        ),
        (
            "Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh tăng cường giám sát.",
            &[("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", Supervise), ("các tổ chức chính trị - xã hội tỉnh", Supervise)],
        ),
        (
            "Sở Công Thương thông báo cho các đơn vị hoạt động xăng dầu trên địa bàn tỉnh được biết và thực hiện.",
            &[("các đơn vị hoạt động xăng dầu trên địa bàn tỉnh", Implement)],
        ),
        (
            "Các sở, ban, ngành theo chức năng, nhiệm vụ được giao chủ động triển khai thực hiện.",
            &[("Các sở, ban, ngành", Implement)],
        ),
    ];
    assert_roles(rows);
}

#[test]
fn symbol_forms() {
    let rows: &[(&str, &str, Option<&str>, Option<&str>)] = &[
        (
            "Căn cứ Nghị quyết số 68/2022/QH15 ngày 10/11/2022 của Quốc hội;",
            "68/2022/QH15",
            Some("2022-11-10"),
            Some("Quốc hội"),
        ),
        (
            "Thực hiện Chỉ thị số 16-\nCT/TU ngày 20/3/2024 của Ban Thường vụ Tỉnh ủy,",
            "16-CT/TU",
            Some("2024-03-20"),
            Some("Ban Thường vụ Tỉnh ủy"),
        ),
        (
            "Căn cứ Kế hoạch số 134/KH-UBND ngày 28 tháng 3 năm 2025 của UBND tỉnh;",
            "134/KH-UBND",
            Some("2025-03-28"),
            Some("Ủy ban nhân dân tỉnh"),
        ),
        (
            "theo Thông tư số 23/2024/TT-BCT ngày 07/11/2024 của Bộ Công Thương.",
            "23/2024/TT-BCT",
            Some("2024-11-07"),
            Some("Bộ Công Thương"),
        ),
        (
            "Kết luận số 12-KL/TW ngày 06/4/2022 của Bộ Chính trị;",
            "12-KL/TW",
            Some("2022-04-06"),
            Some("Bộ Chính trị"),
        ),
        ("Quyết định 1883/QĐ-UBND ngày 06/11/2025", "1883/QĐ-UBND", Some("2025-11-06"), None),
        ("tại Văn bản số 2416/HCMTBa-ATBV ngày 17/6/2026;", "2416/HCMTBa-ATBV", Some("2026-06-17"), None),
        ("theo QCVN 01:2019/BCT về an toàn.", "QCVN 01:2019/BCT", None, None),
    ];
    for (sentence, number, date, issuer) in rows {
        let p = parse(&Text::plain(&format!("I. CĂN CỨ\n{sentence}\n")));
        let got: Vec<_> = p
            .references
            .iter()
            .map(|r| (r.number.as_deref(), r.date.as_deref(), r.issuer.as_deref()))
            .collect();
        assert_eq!(got, vec![(Some(*number), *date, *issuer)], "{sentence}");
    }
}

/// A decision that ends with its signature and no "Nơi nhận": its articles
/// assign (the "QUYẾT ĐỊNH:" line is no signing capacity), the list subject
/// of Điều 2 is split, and the closing clause of Điều 3 lists every body
/// however it is punctuated.
#[test]
fn decision_without_recipients() {
    use Role::*;
    let text = "ỦY BAN NHÂN DÂN\nTỈNH HÀ GIANG\nSố: 120/QĐ-UBND\nHà Giang, ngày 05 tháng 3 năm 2024\nQUYẾT ĐỊNH\nVề việc phê duyệt Kế hoạch trồng rừng năm 2024\nỦY BAN NHÂN DÂN TỈNH\nCăn cứ Luật Lâm nghiệp ngày 15/11/2017;\nQUYẾT ĐỊNH:\nĐiều 1. Phê duyệt Kế hoạch trồng rừng năm 2024.\nĐiều 2. Giao Sở Nông nghiệp & Phát triển nông thôn, Sở Tài chính và UBND các huyện thực hiện Kế hoạch.\nĐiều 3. Các ông (bà) Chánh Văn phòng UBND tỉnh, Giám đốc: Sở Nông nghiệp & Phát triển nông thôn, Sở Tài chính; Chủ tịch UBND các huyện chịu trách nhiệm thi hành Quyết định này.\nTM. ỦY BAN NHÂN DÂN TỈNH\nCHỦ TỊCH\nNguyễn Văn Sơn\n";
    let p = parse(&Text::plain(text));
    let signer = p.document.signer.as_ref().expect("signer");
    assert_eq!(signer.name.as_deref(), Some("Nguyễn Văn Sơn"));
    assert_eq!(signer.title.as_deref(), Some("Chủ tịch"));
    let got: Vec<Vec<(String, Role)>> =
        p.assignments.iter().map(|a| a.bodies.iter().map(|b| (b.name.clone(), b.role)).collect()).collect();
    let nn = "Sở Nông nghiệp & Phát triển nông thôn";
    let want = |v: &[(&str, Role)]| v.iter().map(|(n, r)| (n.to_string(), *r)).collect::<Vec<_>>();
    assert_eq!(
        got,
        vec![
            want(&[(nn, Implement), ("Sở Tài chính", Implement), ("Ủy ban nhân dân các huyện", Implement)]),
            want(&[
                ("Chánh Văn phòng Ủy ban nhân dân tỉnh", Implement),
                (nn, Implement),
                ("Sở Tài chính", Implement),
                ("Chủ tịch Ủy ban nhân dân các huyện", Implement)
            ]),
        ]
    );
}

#[test]
fn header_without_heading_infers_kind() {
    let p = parse(&Text::plain("Ban Chấp hành Đảng bộ tỉnh thống nhất như sau:\n1. Tăng cường lãnh đạo.\nNghị quyết này được phổ biến đến chi bộ.\n"));
    assert_eq!(p.document.kind.as_deref(), Some("Nghị quyết"));
    assert!(p.warnings.iter().any(|w| w.code == "kind_inferred"));
}

#[test]
fn golden_fixture_resolution() {
    let text = std::fs::read_to_string(root().join("fixtures/nq-tinh-uy-2024.txt")).unwrap_or_default();
    let gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("eval/gold/fixtures/nq-tinh-uy-2024.gold.json"))
            .unwrap_or_default(),
    )
    .unwrap_or_default();
    assert!(!text.is_empty() && gold.is_object(), "fixture and gold must exist");
    let p = parse(&Text::plain(&text));
    let g = &gold["document"];
    let d = &p.document;
    assert_eq!(d.kind.as_deref(), g["kind"].as_str());
    assert_eq!(d.number.as_deref(), g["number"].as_str());
    assert_eq!(d.issuer.as_deref(), g["issuer"].as_str());
    assert_eq!(d.place.as_deref(), g["place"].as_str());
    assert_eq!(d.date.as_deref(), g["date"].as_str());
    assert_eq!(d.title.as_deref(), g["title"].as_str());
    let signer = d.signer.clone().unwrap_or_default();
    assert_eq!(signer.name.as_deref(), g["signer"]["name"].as_str());
    assert_eq!(
        signer.title.as_deref().map(str::to_lowercase),
        g["signer"]["title"].as_str().map(str::to_lowercase)
    );

    // Targets and their quantities, by label.
    let gold_q: BTreeSet<(String, String)> = gold["targets"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|t| {
            let label = t["label"].as_str().unwrap_or("").to_string();
            t["quantities"]
                .as_array()
                .into_iter()
                .flatten()
                .map(move |q| (label.clone(), format!("{}", q["value"].as_f64().unwrap_or(f64::NAN))))
        })
        .collect();
    let got_q: BTreeSet<(String, String)> = p
        .targets
        .iter()
        .flat_map(|t| {
            t.quantities.iter().map(move |q| (t.label.clone().unwrap_or_default(), format!("{}", q.value)))
        })
        .collect();
    assert_eq!(got_q, gold_q);

    // Deadlines as a multiset of end dates / recurrences.
    let key = |date: Option<&str>, rec: Option<String>| date.map(str::to_string).or(rec).unwrap_or_default();
    let mut gold_d: Vec<String> = gold["deadlines"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|x| key(x["date"].as_str(), x["recurrence"].as_str().map(str::to_string)))
        .collect();
    let mut got_d: Vec<String> = p
        .deadlines
        .iter()
        .map(|x| {
            key(
                x.date.as_deref(),
                x.recurrence.map(|r| {
                    serde_json::to_value(r)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default()
                }),
            )
        })
        .collect();
    gold_d.sort();
    got_d.sort();
    assert_eq!(got_d, gold_d);

    // Every cited number.
    let gold_r: BTreeSet<String> = gold["references"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["number"].as_str().map(str::to_string))
        .collect();
    let got_r: BTreeSet<String> = p.references.iter().filter_map(|r| r.number.clone()).collect();
    assert_eq!(got_r, gold_r);

    // Bodies: all gold bodies found, none invented (case-insensitive).
    let norm = |s: &str| {
        s.to_lowercase()
            .replace("ubnd", "ủy ban nhân dân")
            .replace("hđnd", "hội đồng nhân dân")
            .trim_start_matches("các ")
            .to_string()
    };
    let gold_b: BTreeSet<String> = gold["assignments"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|a| {
            a["bodies"].as_array().into_iter().flatten().filter_map(|b| b["name"].as_str().map(norm))
        })
        .collect();
    let got_b: BTreeSet<String> =
        p.assignments.iter().flat_map(|a| a.bodies.iter().map(|b| norm(&b.name))).collect();
    let missed: Vec<_> = gold_b.difference(&got_b).collect();
    assert!(missed.is_empty(), "missed bodies: {missed:?}");

    // Spans point at what they claim.
    let chars: Vec<char> = text.chars().collect();
    for dl in &p.deadlines {
        let s: String = chars[dl.span.start..dl.span.end].iter().collect();
        assert_eq!(s.split_whitespace().collect::<Vec<_>>().join(" "), dl.text);
    }
    for s in &p.sections {
        assert!(s.span.start < s.span.end && s.span.end <= chars.len());
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// Whatever the text, parsing returns, and every span lies inside it.
    #[test]
    fn never_panics_and_spans_fit(s in "(?s)[ -~\n\t àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĐƠƯỦ…“”–()/:;.,0-9]{0,400}") {
        let t = Text::plain(&s);
        let n = t.char_len();
        let p = parse(&t);
        for d in &p.deadlines { proptest::prop_assert!(d.span.start <= d.span.end && d.span.end <= n); }
        for a in &p.assignments { proptest::prop_assert!(a.span.end <= n); }
        for r in &p.references { proptest::prop_assert!(r.span.end <= n); }
        for x in &p.targets { proptest::prop_assert!(x.span.end <= n); }
        for x in &p.sections { proptest::prop_assert!(x.span.end <= n); }
    }

    /// Grammar words in random order do not break the parser either.
    #[test]
    fn genre_soup(words in proptest::collection::vec(proptest::sample::select(vec![
        "Sở", "Xây", "dựng", "chủ", "trì", "phối", "hợp", "với", "UBND", "tỉnh", "các", "sở,", "ban,", "ngành",
        "trước", "ngày", "31/12/2025", "quý", "III/2023", "hằng", "tháng", "(1)", "đạt", "trên", "10%", "2.000",
        "ha", "Nghị", "quyết", "số", "12-NQ/TU", "I.", "1.", "a)", "-", "\n", "Chủ", "tịch", "Kính", "gửi:", "Nơi",
        "nhận:", "KT.", "CHỦ", "TỊCH", "Số:", "Tỉnh", "ủy", "giai", "đoạn", "2021", "-", "2025", "phấn", "đấu",
    ]), 0..300)) {
        let s = words.join(" ");
        let t = Text::plain(&s);
        let p = parse(&t);
        proptest::prop_assert!(p.deadlines.iter().all(|d| d.span.end <= t.char_len()));
    }
}

/// PDF text is wrapped at the margin, unlike the one-paragraph-per-line
/// fixture texts: the title must stop before the first body paragraph, and
/// a target wrapped right after a ';' stays one target.
#[test]
fn born_digital_pdf_parses_like_its_text() {
    for name in ["nq-tinh-uy-2024", "kh-ubnd-2025", "ct-chi-thi-2025"] {
        let pdf = crate::util::fixture(&format!("pdf/{name}.born-digital.pdf"));
        let out = crate::util::run(&["extract", "--ocr", "never", pdf.to_str().unwrap()], None);
        let record: nghiquyet::schema::Record = serde_json::from_slice(&out.stdout).unwrap();
        let gold_path = crate::util::root().join(format!("eval/gold/fixtures/{name}.gold.json"));
        let gold: serde_json::Value = serde_json::from_slice(&std::fs::read(gold_path).unwrap()).unwrap();
        assert_eq!(record.document.title.as_deref(), gold["document"]["title"].as_str(), "{name}");
        assert_eq!(record.targets.len(), gold["targets"].as_array().unwrap().len(), "{name}");
    }
}

// OCR-tolerant grammars. Each row is a sentence as Tesseract `vie` prints
// it from a fax-quality scan (forms taken from the shared train-ocr corpus
// and from our fixtures' fax OCR, fixtures/ocr/), then near misses that
// look alike and must NOT be read.

#[test]
fn ocr_deadline_forms() {
    let rows: &[(&str, &str)] = &[
        ("Trình Ban Thường vụ Tỉnh ủy trước ngày 28:02:2025.", "2025-02-28"),
        ("Hỗ trợ khôi phục lồng bè trước ngày 31-3/2025.", "2025-03-31"),
        ("Tổ chức đại hội, hoàn thành trong thắng 4/2025.", "2025-04-30"),
        ("Bố trí lực lượng từ tháng 5 đến tháng 8:2025.", "2025-08-31"),
        ("Giải phóng mặt bằng trong quế ]11/2025.", "2025-09-30"),
        ("Bàn giao mặt bằng các dự án trong quý IH/2025.", "2025-09-30"),
        ("Gửi Sở Tài chính trước ngày 3175/2025.", "2025-05-31"),
        ("Giải ngân hết kế hoạch vốn đến hột ngày 3120172026.", "2026-01-31"),
        ("Kiện toàn Ban Chỉ huy, hoàn thành trước ngày 30 42025.", "2025-04-30"),
        ("Cập nhật bản đồ, hoàn thành trước ngày 157522025.", "2025-05-15"),
        ("Xóa nhà tạm cho hộ nghèo tước ngày 30/6/2025.", "2025-06-30"),
        ("Rà soát, gửi Sở Tài chính trước ngày 15/7:2025.", "2025-07-15"),
    ];
    for (sentence, date) in rows {
        let p = parse(&Text::plain(&plan(sentence)));
        let got: Vec<_> = p.deadlines.iter().map(|d| d.date.as_deref()).collect();
        assert_eq!(got, vec![Some(*date)], "{sentence}");
    }
    for sentence in [
        // A time, a ratio, a phone number, an article: not dates.
        "Họp giao ban lúc 8:30 sáng thứ hai.",
        "Tỷ lệ vốn đối ứng 3:1 trước ngày khởi công.",
        "Liên hệ số 0912345678 trước ngày làm việc.",
        "Áp dụng Điều 96 Luật Đất đai trước ngày khởi công.",
        // "125/2025" is 12/5 or 1/25→1/5: two readings, none kept.
        "Hoàn thành trước ngày 125/2025.",
        // "quý 12025" is quý I/2025 or quý II/2025 once OCR ate the slash.
        "Hoàn thành trong quý 12025.",
        "Giao ban trong tháng 8:30 giờ sáng.",
        "Mua quế trong quế I đến quế II.",
    ] {
        let p = parse(&Text::plain(&plan(sentence)));
        assert!(p.deadlines.is_empty(), "{sentence}: {:?}", p.deadlines);
    }
}

#[test]
fn ocr_quantity_forms() {
    use Comparator::*;
    let rows: &[QuantityRow<'_>] = &[
        ("Tốc độ tăng trưởng kinh tế (GRDP) đạt trên 1096,", 10.0, None, Gt, "%"),
        ("Tỷ lệ che phủ rừng duy trì ổn định ở mức 559%.", 55.0, None, Eq, "%"),
        ("Tỷ lệ lao động qua đào tạo đạt 86.4650.", 86.46, None, Eq, "%"),
        ("Tỷ lệ có bằng cấp, chứng chỉ đạt trên 439a,", 43.0, None, Gt, "%"),
        ("Tỷ lệ chất thải rắn được thu gom, xử lý đạt 9826.", 98.0, None, Eq, "%"),
        ("Tỷ lệ hộ cận nghèo không quá 196.", 1.0, None, Lte, "%"),
        ("Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ đạt trên 90%o,", 90.0, None, Gt, "%"),
        ("Tỷ lệ giải ngân đạt trên 609%.", 60.0, None, Gt, "%"),
        ("Tổng vốn đầu tư tăng từ 10 - 1296 so với năm 2024.", 10.0, Some(12.0), Range, "%"),
        ("Đạt 14,5 bác sĩ:1 vạn dân.", 14.5, None, Eq, "bác sĩ/1 vạn dân"),
        ("Đạt 32 giường bệnh 1 vạn dân.", 32.0, None, Eq, "giường bệnh/1 vạn dân"),
        // Near misses: a unit after the number, no share words, or a
        // share that is plausible as printed.
        ("Tổng thu ngân sách đạt 1096 tỷ đồng.", 1096.0, None, Eq, "tỷ đồng"),
        ("Tuyển mới 1096 lao động.", 1096.0, None, Eq, "lao động"),
        ("Tỷ lệ giải ngân đạt 22,15%.", 22.15, None, Eq, "%"),
        ("Tỷ lệ tiêm chủng đạt 96%.", 96.0, None, Eq, "%"),
    ];
    assert_single_quantities(rows);
    // A share OCR damaged beyond reading is not reported as 9256 of
    // nothing, and a number with a unit keeps its unit whatever the words.
    for sentence in ["Tỷ lệ bảo hiểm y tế đạt từ 9256 trở lên.", "Tốc độ tăng trưởng đạt 9.", "Tỷ lệ 3:1."]
    {
        let p = parse(&Text::plain(&target_list(sentence)));
        let values: Vec<f64> = p.targets.iter().flat_map(|t| t.quantities.iter().map(|q| q.value)).collect();
        assert!(values.iter().all(|v| *v <= 100.0 && *v != 9256.0), "{sentence}: {values:?}");
    }
}

#[test]
fn ocr_outline_forms() {
    let text = "1. ĐÁNH GIÁ KẾT QUẢ NĂM 2024\nNăm 2024 tỉnh đạt nhiều kết quả.\n1L. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025\n1. Mục tiêu tổng quát\nPhát triển nhanh.\n2. Nhiệm vụ trọng tâm\nä) Tập trung khắc phục hậu quả bão.\nb) Đẩy nhanh tiến độ các dự án.\n€} Phát triển văn hóa, xã hội.\nHI. TỔ CHỨC THỰC HIỆN\n1. Các huyện ủy tổ chức quán triệt.\n2, Ban Tuyên giáo Tỉnh ủy tổ chức tuyên truyền.\n";
    // Parse reads intact labels only: the damaged Roman ones are no
    // labels until repair writes them (and lists the change).
    let raw = parse(&Text::plain(text));
    assert!(!raw.sections.iter().any(|s| s.label == "II" || s.label == "III"), "{:?}", raw.sections);
    let r = nghiquyet::repair::Repairer::default().repair(Text::plain(text));
    let fixed: Vec<(&str, &str)> = r.repairs.iter().map(|x| (x.from.as_str(), x.to.as_str())).collect();
    assert!(fixed.contains(&("1L", "II")) && fixed.contains(&("H", "II")), "{fixed:?}");
    let p = parse(&r.text);
    let got: Vec<(&str, u8)> = p.sections.iter().map(|s| (s.label.as_str(), s.level)).collect();
    assert_eq!(
        got,
        vec![
            ("I", 1),
            ("II", 1),
            ("1", 2),
            ("2", 2),
            ("a", 3),
            ("b", 3),
            ("c", 3),
            ("III", 1),
            ("1", 2),
            ("2", 2)
        ]
    );
    // Near misses: "1." stays 1 without a Roman "II" after it; "HI." before
    // a sentence-case heading is no label; "2," without an item 1 before
    // it is text; "4)" with no lettered neighbour stays 4.
    let p = parse(&Text::plain(
        "1. MỤC TIÊU CHUNG\nPhát triển.\n2. NHIỆM VỤ\nHI. Tổ chức thực hiện\n4) Rà soát các dự án.\n",
    ));
    let got: Vec<&str> = p.sections.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(got, vec!["1", "2", "4"]);
    let p = parse(&Text::plain("III. TỔ CHỨC THỰC HIỆN\n2, Ban Tuyên giáo Tỉnh ủy tổ chức tuyên truyền.\n"));
    let got: Vec<&str> = p.sections.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(got, vec!["III"]);
}

#[test]
fn ocr_target_markers() {
    let text = "I. MỤC TIÊU\n2. Các chỉ tiêu chủ yếu\n(9) Tỷ lệ A đạt 9%.\n(10) Tỷ lệ B đạt 10%.\nC11) Tỷ lệ C đạt 11%.\nŒ) Tỷ lệ D đạt 12%.\n(13} Tỷ lệ E đạt 13%.\n(148) Tỷ lệ F đạt 14%.\n(15) Tỷ lệ G đạt 15%.\nII. NHIỆM VỤ\n";
    let p = parse(&Text::plain(text));
    let got: Vec<(Option<String>, f64)> = p
        .targets
        .iter()
        .map(|t| (t.label.clone(), t.quantities.first().map(|q| q.value).unwrap_or(0.0)))
        .collect();
    let want: Vec<(Option<String>, f64)> = (9..=15).map(|n| (Some(n.to_string()), f64::from(n))).collect();
    assert_eq!(got, want);
    // A damaged marker whose digits contradict the list ("(5}" after "(1)")
    // gets no number.
    let p = parse(&Text::plain(
        "I. MỤC TIÊU\n2. Các chỉ tiêu chủ yếu\n(1) Tỷ lệ A đạt 10%.\n(5} Tỷ lệ B đạt 20%.\nII. NHIỆM VỤ\n",
    ));
    let labels: Vec<Option<&str>> = p.targets.iter().map(|t| t.label.as_deref()).collect();
    assert_eq!(labels, vec![Some("1"), None]);
}

#[test]
fn ocr_body_forms() {
    use Role::*;
    let rows: &[(&str, &[(&str, Role)])] = &[
        (
            "Ủy ban Kiểm tra Tình ủy kiểm tra, giám sát việc thực hiện.",
            &[("Ủy ban Kiểm tra Tỉnh ủy", Supervise)],
        ),
        (
            "Ban Tổ chức Lĩnh ủy chủ trì, phối hợp với Sở Nội vụ xây dựng đề án.",
            &[("Ban Tổ chức Tỉnh ủy", Lead), ("Sở Nội vụ", Support)],
        ),
        (
            "Đăng đoàn HỘND tính lãnh đạo, chỉ đạo việc ban hành nghị quyết.",
            &[("Đảng đoàn Hội đồng nhân dân tỉnh", Direct)],
        ),
        (
            "Báo Nghệ An, Đải Phát thanh và Truyền hình Nghệ An tăng cường tuyên truyền.",
            &[("Báo Nghệ An", Implement), ("Đài Phát thanh và Truyền hình Nghệ An", Implement)],
        ),
        (
            "Sở Công Thương thông báo cho các đơn vị hoạt động xăng dầu trên địa bàn tỉnh được biết và thực hiện.",
            &[("các đơn vị hoạt động xăng dầu trên địa bàn tỉnh", Implement)],
        ),
        (
            "Các sở, ban, ngành theo chức năng, nhiệm vụ được giao chủ động triển khai thực hiện.",
            &[("Các sở, ban, ngành", Implement)],
        ),
    ];
    assert_roles(rows);
    // "khu vực VIH": the numeral OCR damaged is written by repair; parse
    // names the body as the text says.
    let sentence = "III. TỔ CHỨC THỰC HIỆN\nSở Tài chính chủ trì, phối hợp với Kho bạc Nhà nước khu vực VIH theo dõi tiến độ.\n";
    let names = |p: nghiquyet::parse::Parsed| -> Vec<String> {
        p.assignments.iter().flat_map(|a| a.bodies.iter().map(|b| b.name.clone())).collect()
    };
    assert!(names(parse(&Text::plain(sentence))).contains(&"Kho bạc Nhà nước khu vực VIH".to_string()));
    assert!(names(repaired_parse(sentence)).contains(&"Kho bạc Nhà nước khu vực VIII".to_string()));
    // Real words that fold onto gazetteer words stay what they are.
    for sentence in [
        "Tình hình kinh tế tiếp tục phục hồi.",
        "Đăng ký kinh doanh trực tuyến được mở rộng.",
        "Văn bản này thay thế bản Kế hoạch trước.",
    ] {
        let p = parse(&Text::plain(&format!("III. TỔ CHỨC THỰC HIỆN\n{sentence}\n")));
        let names: Vec<&str> =
            p.assignments.iter().flat_map(|a| a.bodies.iter().map(|b| b.name.as_str())).collect();
        assert!(names.is_empty(), "{sentence}: {names:?}");
    }
}

#[test]
fn ocr_symbol_forms() {
    let rows: &[(&str, &str)] = &[
        ("Thực hiện Chỉ thị số 16-CT?TU ngày 20/3/2024 của Ban Thường vụ Tỉnh ủy,", "16-CT/TU"),
        ("Căn cứ Chỉ thị số 13-CI7TW ngày 12/01/2017 của Ban Bí thư;", "13-CT/TW"),
        ("Căn cứ Chỉ thị số 05⁄CT1-UBND ngày 20/02/2025 của Chủ tịch UBND tỉnh;", "05/CT-UBND"),
        ("phê duyệt tại Quyết định số 80QD-TT ngày 11/02/2023 của Thủ tướng Chính phủ.", "80/QĐ-TTg"),
        // Already put right by the repair stage except the lost "g", and a
        // date too damaged to read before the issuer.
        ("phê duyệt tại Quyết định số 80/QĐ-TT ngày 11:92:2023 của Thủ tướng Chính phủ.", "80/QĐ-TTg"),
        ("Thực hiện Nghị quyết số 01NG-CP ngày 08/01/2025 của Chính phủ,", "01/NQ-CP"),
        ("Căn cứ Luật Lâm nghiệp số 16:2017/QH14 ngày 15/11/2017;", "16/2017/QH14"),
        ("theo quy định hiện hành và QCVNN 01:2019/BCT của Bộ Công Thương,", "QCVN 01:2019/BCT"),
        ("Căn cứ Quyết định số 2466/Q1-UBND ngày 09/8/2019;", "2466/QĐ-UBND"),
        ("Căn cứ Nghị định số 35'2022/ND-CP ngày 28/5/2022 của Chính phủ;", "35/2022/NĐ-CP"),
        ("Căn cứ Nghị định số 32:20247ND-CP ngày 15/3/2024 của Chính phủ;", "32/2024/NĐ-CP"),
        ("Căn cứ Luật Điện lực số 61:2024.QH15 ngày 30/11/2024;", "61/2024/QH15"),
        ("Căn cứ Luật Công nghiệp công nghệ số số 71:2025:QH15 ngày 14/6/2025;", "71/2025/QH15"),
        ("Căn cứ Nghị định số 96/2022/ND-CP ngày 29/11/2022;", "96/2022/NĐ-CP"),
        ("Căn cứ Thông tư số 38/2025/TTI-BCT ngày 06/6/2025;", "38/2025/TT-BCT"),
        ("Căn cứ Luật số 42/2024/QH115 ngày 29/6/2024;", "42/2024/QH15"),
        ("Căn cứ Nghị quyết số 203/2025/Q1115 ngày 16/6/2025;", "203/2025/QH15"),
        // One document cited twice, once damaged: one reference.
        ("Quyết định số 1074/QĐ-BXD ngày 29/6/2026; Quyết định số 1074/QĐ-BXUD;", "1074/QĐ-BXD"),
    ];
    for (sentence, number) in rows {
        let p = repaired_parse(&format!("I. CĂN CỨ\n{sentence}\n"));
        let got: Vec<_> = p.references.iter().map(|r| r.number.as_deref()).collect();
        assert_eq!(got, vec![Some(*number)], "{sentence}");
    }
    for sentence in [
        // "472" may be 47 and a slash read as "2": not guessed.
        "Thực hiện Công điện số 472CĐ-Tg ngày 17/5/2025,",
        // A type code two edits from the kind's ("Chỉ thị" → CT).
        "Thực hiện Chỉ thị số 16-QĐ?TU ngày 20/3/2024,",
        "Áp dụng Điều 96 Luật Đất đai.",
        "Liên hệ số điện thoại 0912345678.",
        "Quyết định số 80 ngày 11/02/2023.",
    ] {
        let p = parse(&Text::plain(&format!("I. CĂN CỨ\n{sentence}\n")));
        assert!(p.references.is_empty(), "{sentence}: {:?}", p.references);
    }
    // Codes that are real stay as printed: "HD" (Hướng dẫn), "QH14", a
    // Party "35-NQ/TU".
    for (sentence, number) in [
        ("Thực hiện Hướng dẫn số 36-HD/VPTW ngày 03/4/2018;", "36-HD/VPTW"),
        ("Căn cứ Luật số 16/2017/QH14 ngày 15/11/2017;", "16/2017/QH14"),
        ("Căn cứ Quyết định số 12/QĐi-UBND;", "12/QĐi-UBND"),
    ] {
        let p = repaired_parse(&format!("I. CĂN CỨ\n{sentence}\n"));
        let got: Vec<_> = p.references.iter().map(|r| r.number.as_deref()).collect();
        assert_eq!(got, vec![Some(number)], "{sentence}");
    }
    // "QĐ-TT" from another issuer is left as printed.
    let p = repaired_parse("I. CĂN CỨ\nQuyết định số 15/QĐ-TT ngày 02/3/2024 của Trung tâm Y tế.\n");
    let got: Vec<_> = p.references.iter().map(|r| r.number.as_deref()).collect();
    assert_eq!(got, vec![Some("15/QĐ-TT")]);
    // The issuer ends where "và" cites the next document.
    let p = parse(&Text::plain(
        "I. CĂN CỨ\nThực hiện Nghị quyết số 01/NQ-CP ngày 08/01/2025 của Chính phủ và Công điện số 47/CĐ-TTg ngày 17/5/2025 của Thủ tướng Chính phủ,\n",
    ));
    let got: Vec<_> = p.references.iter().map(|r| (r.number.as_deref(), r.issuer.as_deref())).collect();
    assert_eq!(
        got,
        vec![(Some("01/NQ-CP"), Some("Chính phủ")), (Some("47/CĐ-TTg"), Some("Thủ tướng Chính phủ"))]
    );
    // A number with no symbol at all is no citation, even after a kind.
    let p = repaired_parse("I. CĂN CỨ\nQuyết định số 80 ngày 11/02/2023 của UBND tỉnh.\n");
    assert!(p.references.is_empty(), "{:?}", p.references);
    // Two real documents one letter apart stay two.
    let p = parse(&Text::plain(
        "I. CĂN CỨ\nThực hiện Nghị quyết số 35-NQ/TW của Bộ Chính trị và Nghị quyết số 35-NQ/TU của Tỉnh ủy;\n",
    ));
    let got: Vec<_> = p.references.iter().map(|r| r.number.as_deref()).collect();
    assert_eq!(got, vec![Some("35-NQ/TW"), Some("35-NQ/TU")]);
}

#[test]
fn ocr_header_fields() {
    let head = |number: &str, date_line: &str, kind: &str| {
        format!(
            "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: {number}\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n{date_line}\n{kind}\nVề đẩy mạnh giải ngân vốn đầu tư công\n\n1. Các sở thực hiện.\n"
        )
    };
    // (number as printed, date line, kind heading, number read, date read)
    let rows: &[(&str, &str, &str, &str, &str)] = &[
        // The type code OCR damaged: parse cites it as printed; repair
        // reads it from the kind heading (below).
        ("09/C1-UBND", "Lào Cai, ngày T0 thắng 6 năm 2025", "CHỈ THỊ", "09/C1-UBND", "2025-06-10"),
        ("134/KH-UBND", "Lào Cai, ngày Ø1 tháng 6 năm 2025", "KẾ HOẠCH", "134/KH-UBND", "2025-06-01"),
        // Near misses: a real type code that differs from the heading stays;
        // a công văn has no type code to repair.
        ("12/KH-UBND", "Lào Cai, ngày 10 tháng 6 năm 2025", "CHỈ THỊ", "12/KH-UBND", "2025-06-10"),
        ("7432/UBND-XD", "Lào Cai, ngày 21 tháng 7 năm 2026", "CÔNG VĂN", "7432/UBND-XD", "2026-07-21"),
    ];
    for (number, date_line, kind, want_number, want_date) in rows {
        let p = parse(&Text::plain(&head(number, date_line, kind)));
        assert_eq!(
            (p.document.number.as_deref(), p.document.date.as_deref()),
            (Some(*want_number), Some(*want_date)),
            "{number} / {date_line}"
        );
        // The header's own number, damaged or not, is no citation.
        assert!(p.references.is_empty(), "{number}: {:?}", p.references);
    }
    let p = repaired_parse(&head("09/C1-UBND", "Lào Cai, ngày 10 tháng 6 năm 2025", "CHỈ THỊ"));
    assert_eq!(p.document.number.as_deref(), Some("09/CT-UBND"));
}

/// Symbols as Tesseract printed them on fax and heavy scans of our own
/// citation-dense texts, read back from the citation around them.
#[test]
fn ocr_symbols_read_from_their_citation() {
    let refs = |sentence: &str| -> Vec<String> {
        let p = repaired_parse(&format!("I. CĂN CỨ\n{sentence}\n"));
        p.references.iter().filter_map(|r| r.number.clone()).collect()
    };
    let rows: &[(&str, &str)] = &[
        // Party symbols: the slash read as a letter or digit.
        ("Thực hiện Kết luận số 21-KIZTW ngày 25/10/2021 của Ban Chấp hành Trung ương;", "21-KL/TW"),
        ("Chỉ thị số 35-C17TW ngày 14/6/2024 của Bộ Chính trị;", "35-CT/TW"),
        ("và Chỉ thị số 16-CT TU ngày 15/8/2023 của Ban Thường vụ Tỉnh ủy.", "16-CT/TU"),
        ("theo Kế hoạch số 09-KH/UBKT TU ngày 05/01/2025.", "09-KH/UBKTTU"),
        // A kind word with a misread tone mark.
        ("và Thông trì số 03-T7TU ngày 20/3/2024 của Ban Thường vụ Tỉnh ủy.", "03-TT/TU"),
        // State symbols split by a space, type and issuer codes misread.
        ("theo Quyết định số 1969 Q-FTg ngày 11/12/2024 của Thủ tướng Chính phủ;", "1969/QĐ-TTg"),
        ("Công điện số 47/CĐ-TIg, ngày 17/5/2025 của Thủ tướng Chính phủ;", "47/CĐ-TTg"),
        ("Kế hoạch số 183/KH-UBNID ngày 30/9/2024 của Ủy ban nhân dân tỉnh;", "183/KH-UBND"),
        ("Quyết định số 27-2024/Q-UBND ngày 19/9/2024;", "27/2024/QĐ-UBND"),
        // The issuer named at the citation settles its code.
        ("Điều 17 Thông tư số 23/2024/TT-BCGT ngày 07/11/2024 của Bộ Công Thương.", "23/2024/TT-BCT"),
        (
            "Theo đề nghị của Sở Nông nghiệp và Môi trường tại Tờ trình số 1186/PIr-SNAMET ngày 24/3/2025,",
            "1186/TTr-SNNMT",
        ),
        // Legal symbols: the slash lost before the year, "Đ" without its
        // stroke, "QH15" broken; the legislature follows from the year.
        ("Nghị định số 132023:ND-CP ngày 17/4/2023 của Chính phủ;", "13/2023/NĐ-CP"),
        ("Thông tư 02/2023 T1-BNNPTNT ngày 07/4/2023;", "02/2023/TT-BNNPTNT"),
        ("Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025 QH5 ngày 16/6/2025;", "72/2025/QH15"),
        ("bám sát Nghị quyết số 158:2024. (0H15 ngày 12/11/2024 của Quốc hội;", "158/2024/QH15"),
        // The legislature's digits lost: one legislature sat in 2025.
        ("Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH;", "63/2025/QH15"),
        // No kind word left before it: a closer reading only.
        ("sửa đổi một số điều của † hồng tư số 38/2025/T71-BCT về phân cấp", "38/2025/TT-BCT"),
        // National standards.
        ("thực hiện Quy chuẩn QCVN 05A:2020:BCT;", "QCVN 05A:2020/BCT"),
        ("và Tiêu chuẩn TCVN 3890:2023;", "TCVN 3890:2023"),
    ];
    for (sentence, number) in rows {
        assert_eq!(refs(sentence), vec![number.to_string()], "{sentence}");
    }
    // Two symbols fit about as well, or the text is no symbol: nothing.
    // Nor a standard whose head OCR split: "QCVN 01:2019/BCT" is not in
    // the text, and the repair stage never removes a space.
    for sentence in [
        "thực hiện Quy chuẩn QC VN 01:2019 BRCT và các quy định khác;",
        // 42/2024 with the slash read as "7", or 427/2024.
        "Căn cứ Luật số 4272024/QH15 ngày 29/6/2024;",
        "Căn cứ Nghị định số 1372023 ND-CP ngày 17/4/2023;",
        // Legislature 15 did not sit in 2027: year or number is damaged.
        "Căn cứ Luật Chuyển đổi số số 148/2027/QH15;",
        // Words in a row are not one symbol.
        "Văn bản số 5 UBND tỉnh ban hành.",
        "Thực hiện Kế hoạch số 25 KH TU ngày 18/02/2025.",
        "Thực hiện Kế hoạch 2025 - 2026 của tỉnh.",
        "theo Nghị quyết số 12 năm 2024 về phát triển kinh tế.",
        "Quyết định số 1074 QĐ ngày 03/6/2025.",
    ] {
        // The parse stage alone cites none of these (the repair stage's
        // own rules may still read some, "4272024" as 42/2024 by its `7`).
        let p = parse(&Text::plain(&format!("I. CĂN CỨ\n{sentence}\n")));
        assert!(p.references.is_empty(), "{sentence}: {:?}", p.references);
    }
    // Clean symbols with codes outside the lists stay as printed: a type
    // code not split in two, an old issuer, a unit code beside a named
    // issuer whose initials contain it.
    for (sentence, number) in [
        ("tại phần V của Báo cáo số 02/BCTT-TS; trong đó", "02/BCTT-TS"),
        ("36/2008/TTLT-BTC hướng dẫn thực hiện", "36/2008/TTLT-BTC"),
        ("theo văn bản 3440/UB-ĐTMT về việc", "3440/UB-ĐTMT"),
        ("theo Văn bản số 1238/HC-QLHC ngày 02/4/2025 của Cục Hóa chất;", "1238/HC-QLHC"),
        ("Căn cứ Nghị quyết số 755/2005/NQ-UBTVQH11 ngày 02/4/2005;", "755/2005/NQ-UBTVQH11"),
        ("cấp Giấy phép số 247/GP-UBND ngày 12/3/2024;", "247/GP-UBND"),
    ] {
        assert_eq!(refs(sentence), vec![number.to_string()], "{sentence}");
    }
    // Printed cleanly with a real type code, a code one letter off is the
    // office's own writing, kept as printed.
    assert_eq!(
        refs("đã được Thủ tướng Chính phủ phê duyệt tại Quyết định số 866/QĐ-Tg ngày 18/7/2023;"),
        vec!["866/QĐ-Tg".to_string()]
    );
}

/// The `check` documents of `eval/gold/lm` (SPLIT.md: the first hex digit
/// of the SHA-256 of the gold file's name is 0–7) that the floor below was
/// measured on. Fixed by name, so a gold file merged later does not move the
/// floor; add new check documents here when the floor is raised.
const CHECK_DOCS: &[&str] = &[
    "cv2496_ubnd_laocai_gp_hang_nguy_hiem_2026",
    "cv3686_ubnd_laocai_kien_nghi_bxd_pccc_vlncn_2026",
    "cv6791_snnmt_laocai_tham_dinh_ccn_bao_dap_2026",
    "cv_sct_laocai_de_nghi_dn_bao_cao_hoa_chat_2026",
    "cv_sct_laocai_don_doc_bao_cao_hoa_chat_2026",
    "cv_sct_laocai_thong_tin_hoa_chat_bchqs_2026",
    "cv_ubnd_laocai_bao_ve_khoang_san_2026",
    "cv_ubnd_laocai_tham_muu_uy_quyen_vlncn_2025",
    "kh_sct_laocai_huan_luyen_quan_ly_vlncn_2026",
    "nd26_cp_thue_thu_nhap_doanh_nghiep_2001",
    "qd1074_bxd_giai_phap_pccc_2026",
    "qd256_ubnd_cantho_cai_cach_hanh_chinh_2004",
    "qd_ubnd_camau_quy_dinh_doi_kiem_tra_814_2006",
    "qd_ubnd_laocai_uy_quyen_vlncn_2025",
    "tb_sct_laocai_ket_qua_kiem_tra_vlncn_2026",
    "tt01_nhnn_gop_von_quy_bao_lanh_2006",
];

/// Pooled micro-F1 on [`CHECK_DOCS`] that the parser may not fall below
/// (matched/gold/out of this test's own run in session 11, 16 documents:
/// deadlines 29/34/36, bodies 58/121/81, roles 87/178/117, references
/// 79/92/86, header 92/109; deadlines were 0.806 in session 10, bodies
/// and roles 0.567 and 0.585 in session 8, 0.526 and 0.551 on branch
/// parse5). Raise these, never lower them.
const CHECK_FLOOR: &[(&str, f64)] =
    &[("deadlines", 0.829), ("bodies", 0.574), ("roles", 0.590), ("references", 0.888)];

/// Header fields matched on [`CHECK_DOCS`] at the same commit.
const CHECK_FLOOR_HEADER: u64 = 92;

/// The gold of `check` scored as `scripts/score-dev.sh lm-check` scores it
/// (the binary's `extract --no-repair`, then `../shared/eval/score-extract`),
/// pooled, against [`CHECK_FLOOR`]. Only pooled figures are printed, as
/// SPLIT.md allows for `check`. Skips, saying so, when `../shared` (the
/// corpus and the scorer, kept outside the project) or python3 is absent.
#[test]
fn lm_check_gold_stays_above_its_floor() {
    use sha2::{Digest, Sha256};
    let shared = root().join("../shared");
    let scorer = shared.join("eval/score-extract");
    if !scorer.is_file() {
        eprintln!("lm_check_gold_stays_above_its_floor: skipped, {} is absent", scorer.display());
        return;
    }
    if std::process::Command::new("python3").arg("--version").output().is_err() {
        eprintln!("lm_check_gold_stays_above_its_floor: skipped, python3 is absent");
        return;
    }
    let gold_dir = root().join("eval/gold/lm");
    let tmp = tempfile::tempdir().unwrap();
    let parts = ["deadlines", "bodies", "roles", "references"];
    let mut tot = vec![[0u64; 3]; parts.len()];
    let mut header = 0u64;
    for name in CHECK_DOCS {
        let digit = format!("{:x}", Sha256::digest(name.as_bytes())).chars().next().unwrap();
        assert!(('0'..='7').contains(&digit), "{name} is not a check document");
        let gold_path = gold_dir.join(format!("{name}.gold.json"));
        let gold: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&gold_path).unwrap()).unwrap();
        let src = shared.join("corpus/lm").join(gold["source"].as_str().unwrap());
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_nghiquyet"))
            .args(["extract", "--no-repair"])
            .arg(&src)
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        let out_path = tmp.path().join(format!("{name}.json"));
        std::fs::write(&out_path, &out.stdout).unwrap();
        let scored = std::process::Command::new("python3")
            .arg(&scorer)
            .arg("--out")
            .arg(&out_path)
            .arg("--gold")
            .arg(&gold_path)
            .arg("--json")
            .output()
            .unwrap();
        assert!(scored.status.success(), "{name}: {}", String::from_utf8_lossy(&scored.stderr));
        let res: serde_json::Value = serde_json::from_slice(&scored.stdout).unwrap();
        for (k, p) in parts.iter().enumerate() {
            for (i, f) in ["matched", "gold", "out"].iter().enumerate() {
                tot[k][i] += res[p][f].as_u64().unwrap();
            }
        }
        header += res["document"]["matched"].as_u64().unwrap();
    }
    let f1 = |[m, g, o]: [u64; 3]| {
        let p = if o == 0 { f64::from(u8::from(g == 0)) } else { m as f64 / o as f64 };
        let r = if g == 0 { 1.0 } else { m as f64 / g as f64 };
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    };
    let mut low = Vec::new();
    for (k, p) in parts.iter().enumerate() {
        let got = f1(tot[k]);
        eprintln!(
            "lm check pooled {p}: F1={got:.3} (matched {}, gold {}, out {})",
            tot[k][0], tot[k][1], tot[k][2]
        );
        let floor = CHECK_FLOOR.iter().find(|(n, _)| n == p).map(|(_, f)| *f).unwrap();
        // The floors are written to three places.
        if got + 0.0005 < floor {
            low.push(format!("{p} {got:.3} < {floor}"));
        }
    }
    eprintln!("lm check pooled header fields: {header}");
    if header < CHECK_FLOOR_HEADER {
        low.push(format!("header fields {header} < {CHECK_FLOOR_HEADER}"));
    }
    assert!(low.is_empty(), "check fell below its floor: {low:?}");
}

/// The genre grammar of issue 14, each row with its near misses: posts
/// as assignees, firms by their registered name, lists with an adverbial
/// before their verb, "chỉ đạo và tổ chức thực hiện", codes of law.
#[test]
fn genre_subjects_and_their_near_misses() {
    use Role::*;
    let rows: &[(&str, &[(&str, Role)])] = &[
        // Posts listed in the plural, with and without their body.
        (
            "Các Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, Chủ tịch ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương chịu trách nhiệm thi hành Nghị định này.",
            &[
                ("Các Bộ trưởng", Implement),
                ("Thủ trưởng cơ quan ngang Bộ", Implement),
                ("Chủ tịch ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương", Implement),
            ],
        ),
        (
            "Chánh Văn phòng Bộ, Vụ trưởng Vụ Pháp chế chịu trách nhiệm hướng dẫn thực hiện Quyết định này.",
            &[("Chánh Văn phòng Bộ", Implement), ("Vụ trưởng Vụ Pháp chế", Implement)],
        ),
        // A bare post outside a list of posts is no assignee.
        ("Bộ trưởng ký ban hành quy chế.", &[]),
        // The central judiciary, and a direct-and-do predicate.
        (
            "Bộ Công an, Viện kiểm sát nhân dân tối cao, Tòa án nhân dân tối cao có trách nhiệm chỉ đạo và tổ chức thực hiện Hướng dẫn này.",
            &[
                ("Bộ Công an", Direct),
                ("Bộ Công an", Implement),
                ("Viện kiểm sát nhân dân tối cao", Direct),
                ("Viện kiểm sát nhân dân tối cao", Implement),
                ("Tòa án nhân dân tối cao", Direct),
                ("Tòa án nhân dân tối cao", Implement),
            ],
        ),
        // "chỉ đạo" alone only directs.
        ("Ủy ban nhân dân tỉnh chỉ đạo công tác phòng cháy.", &[("Ủy ban nhân dân tỉnh", Direct)]),
        // A subject, then ", căn cứ …," before its verb.
        (
            "Các Tổng công ty, căn cứ vào hệ thống chế độ kế toán, tiến hành xây dựng quy định cụ thể.",
            &[("Các Tổng công ty", Implement)],
        ),
        // A comma clause that is no adverbial leaves no subject.
        ("Các Tổng công ty, doanh nghiệp nhà nước.", &[]),
        // Firms: a lower-case registered name runs to its stop word, a
        // capitalized stop word ("Thành") stays in the name.
        (
            "Sở Công Thương đề nghị Công ty Cổ phần thương mại vận tải và tư vấn kỹ thuật chuẩn bị hồ sơ.",
            &[("Công ty Cổ phần thương mại vận tải và tư vấn kỹ thuật", Implement)],
        ),
        (
            "Công ty Cổ phần Kim Thành chuẩn bị hồ sơ, gửi về Sở Công Thương.",
            &[("Công ty Cổ phần Kim Thành", Implement), ("Sở Công Thương", ReportTo)],
        ),
        // "Công ty" with no name is no body.
        ("Công ty phải nộp hồ sơ đúng hạn.", &[]),
        // A code of law is never a ministry.
        (
            "Sở Tư pháp hướng dẫn thi hành Bộ luật Lao động và Bộ luật Hình sự.",
            &[("Sở Tư pháp", Implement)],
        ),
    ];
    assert_roles(rows);
}

/// Decrees and laws give duties to classes named by what they do ("cơ
/// quan thuế trực tiếp quản lý …", "người đứng đầu …"), read from the
/// clause's start to the duty cue, after a condition too; near misses: the
/// governed (công chức), a power or a contrast, a named body and its own
/// predicate.
#[test]
fn defined_classes_and_their_near_misses() {
    use Role::*;
    let rows: &[(&str, &[(&str, Role)])] = &[
        (
            "Cơ quan thuế trực tiếp quản lý doanh nghiệp có trách nhiệm hướng dẫn thủ tục hoàn thuế.",
            &[("Cơ quan thuế trực tiếp quản lý doanh nghiệp", Implement)],
        ),
        (
            "Người đứng đầu cơ quan, đơn vị tiến hành kiểm tra chuyên ngành có trách nhiệm chỉ đạo, tổ chức thực hiện quyết định xử lý.",
            &[
                ("Người đứng đầu cơ quan, đơn vị tiến hành kiểm tra chuyên ngành", Direct),
                ("Người đứng đầu cơ quan, đơn vị tiến hành kiểm tra chuyên ngành", Implement),
            ],
        ),
        // A list of classes, split where each piece opens with a head.
        (
            "Ngân hàng, tổ chức tín dụng khác, kho bạc có trách nhiệm trích tiền từ tài khoản để nộp thuế.",
            &[("Ngân hàng", Implement), ("tổ chức tín dụng khác", Implement), ("kho bạc", Implement)],
        ),
        // After a condition's comma.
        (
            "Khi tổ chức thi nâng ngạch, cơ quan có thẩm quyền tổ chức thi phải thành lập hội đồng thi.",
            &[("cơ quan có thẩm quyền tổ chức thi", Implement)],
        ),
        // The governed are no assignees; a power or a contrast is no duty.
        ("Công chức tham gia thi nâng ngạch phải nộp hồ sơ đúng hạn.", &[]),
        ("Cơ quan sử dụng công chức có quyền đề nghị điều động công chức.", &[]),
        // A named body with its own predicate keeps the grammar's reading,
        // and a ministry of an earlier line-up is a ministry.
        (
            "Bộ Tài chính chủ trì cùng với Bộ Thương mại hướng dẫn thủ tục.",
            &[("Bộ Tài chính", Lead), ("Bộ Thương mại", Support)],
        ),
        (
            "Bộ Khoa học, Công nghệ và Môi trường có trách nhiệm ban hành danh mục.",
            &[("Bộ Khoa học, Công nghệ và Môi trường", Implement)],
        ),
        // "chủ trì, tham mưu" is a lead, not an adviser as well.
        (
            "Sở Nội vụ chủ trì, tham mưu Ủy ban nhân dân tỉnh sắp xếp tổ chức bộ máy.",
            &[("Sở Nội vụ", Lead)],
        ),
    ];
    assert_roles(rows);
    // A heading that states whose duties follow names the subjects of its
    // items, posts defined by what they do included.
    let p = parse(&Text::plain(
        "Điều 8. Nhiệm vụ, quyền hạn của Trưởng đoàn, thành viên Đoàn kiểm tra chuyên ngành\n1. Lập biên bản vi phạm hành chính.\n",
    ));
    let got: Vec<(String, Role)> =
        p.assignments.iter().flat_map(|a| a.bodies.iter().map(|b| (b.name.clone(), b.role))).collect();
    assert_eq!(
        got,
        vec![
            ("Trưởng đoàn".to_string(), Implement),
            ("thành viên Đoàn kiểm tra chuyên ngành".to_string(), Implement)
        ]
    );
}

/// Central Party bodies of the 2025 line-up, the organs of the Central
/// Committee, lower-case committee lists, and a report clause opened by
/// its recurrence; near miss: a province's committee before its place.
#[test]
fn central_party_bodies_and_their_near_misses() {
    use Role::*;
    let rows: &[(&str, &[(&str, Role)])] = &[
        ("Đảng ủy Chính phủ lãnh đạo rà soát các văn bản.", &[("Đảng ủy Chính phủ", Direct)]),
        ("Đảng ủy Bộ Công an lãnh đạo triển khai.", &[("Đảng ủy Bộ Công an", Direct)]),
        (
            "Đảng ủy Mặt trận Tổ quốc, các đoàn thể Trung ương lãnh đạo tuyên truyền.",
            &[("Đảng ủy Mặt trận Tổ quốc, các đoàn thể Trung ương", Direct)],
        ),
        (
            "Văn phòng Trung ương Đảng chủ trì, phối hợp với Ban Chính sách, chiến lược Trung ương sơ kết.",
            &[("Văn phòng Trung ương Đảng", Lead), ("Ban Chính sách, chiến lược Trung ương", Support)],
        ),
        (
            "Các tỉnh ủy, thành ủy, ban cán sự đảng tổ chức quán triệt Kết luận.",
            &[("Các tỉnh ủy", Implement), ("thành ủy", Implement), ("ban cán sự đảng", Implement)],
        ),
        (
            "Ủy ban Kiểm tra Trung ương theo dõi việc thực hiện; định kỳ báo cáo Bộ Chính trị.",
            &[("Ủy ban Kiểm tra Trung ương", Supervise), ("Bộ Chính trị", ReportTo)],
        ),
        // A province's committee is followed by its place, not a body.
        ("Tỉnh ủy Quảng Ninh lãnh đạo thực hiện.", &[("Tỉnh ủy Quảng Ninh", Direct)]),
    ];
    assert_roles(rows);
}

/// A law sets an article's number alone on its line; the article's text
/// on the next line starts a new paragraph even in lower case (text from
/// TCVN3 fonts has no toned capitals: "ủy ban" opens the sentence). A
/// lower-case line after any other open line still continues it.
#[test]
fn bare_article_numbers_head_their_article() {
    let law = "QUỐC HỘI\n\nLUẬT\nTHUẾ TIÊU THỤ ĐẶC BIỆT\n\nĐiều 24\n\
               Bộ trưởng Bộ Tài chính có trách nhiệm tổ chức thực hiện Luật này.\n\nĐiều 25\t\n\
               ủy ban nhân dân các cấp trong phạm vi nhiệm vụ, quyền hạn của mình chỉ đạo việc \
               thực hiện Luật này ở địa phương mình.\n\nĐiều 26. Hướng dẫn thi hành\n\
               Bộ Tài chính hướng dẫn các trường hợp được miễn thuế quy định tại\n\
               khoản 2 Điều 24 của Luật này.\n";
    let p = parse(&Text::plain(law));
    let got: Vec<(Vec<(String, Role)>, String)> = p
        .assignments
        .iter()
        .map(|a| (a.bodies.iter().map(|b| (b.name.clone(), b.role)).collect(), a.task.clone()))
        .collect();
    let want: Vec<(Vec<(String, Role)>, String)> = vec![
        (
            vec![("Bộ trưởng Bộ Tài chính".into(), Role::Implement)],
            "có trách nhiệm tổ chức thực hiện Luật này.".into(),
        ),
        (
            vec![("ủy ban nhân dân các cấp".into(), Role::Direct)],
            "chỉ đạo việc thực hiện Luật này ở địa phương mình.".into(),
        ),
        (
            vec![("Bộ Tài chính".into(), Role::Implement)],
            "hướng dẫn các trường hợp được miễn thuế quy định tại khoản 2 Điều 24 của Luật này.".into(),
        ),
    ];
    assert_eq!(got, want);
}

/// An annex table as a PDF's text layer gives it, one cell per line: each
/// row is one assignment with its lead, its partners and its limit.
#[test]
fn assignment_table_read_row_by_row() {
    use Role::*;
    let text = "PHỤ LỤC\nDANH MỤC NHIỆM VỤ TRIỂN KHAI KẾ HOẠCH\nSTT\nNội dung nhiệm vụ\nCơ quan chủ trì\nCơ quan phối hợp\nThời hạn hoàn thành\n1\nRà soát, đánh giá hiện trạng hạ tầng số của tỉnh\nSở Khoa học và Công nghệ\nSở Tài chính, Ủy ban nhân dân các xã\nQuý II/2026\n2\nXây dựng kho dữ liệu dùng chung của tỉnh\nSở Nội vụ\nCông an tỉnh\nTrước ngày 30/9/2026\n";
    let p = parse(&Text::plain(text));
    type Row<'a> = (Vec<(String, Role)>, Option<&'a str>);
    let rows: Vec<Row> = p
        .assignments
        .iter()
        .map(|a| {
            (
                a.bodies.iter().map(|b| (b.name.clone(), b.role)).collect(),
                a.deadline.as_ref().and_then(|d| d.date.as_deref()),
            )
        })
        .collect();
    let own = |v: &[(&str, Role)]| v.iter().map(|(n, r)| (n.to_string(), *r)).collect::<Vec<_>>();
    assert_eq!(
        rows,
        vec![
            (
                own(&[
                    ("Sở Khoa học và Công nghệ", Lead),
                    ("Sở Tài chính", Support),
                    ("Ủy ban nhân dân các xã", Support)
                ]),
                Some("2026-06-30")
            ),
            (own(&[("Sở Nội vụ", Lead), ("Công an tỉnh", Support)]), Some("2026-09-30")),
        ],
        "{:#?}",
        p.assignments
    );
}

/// Limits written without "ngày", rates that are no recurrence, and a
/// limit that falls before the document's own date.
#[test]
fn limits_of_issue_14() {
    let p = parse(&Text::plain(&plan("Phấn đấu đến 30/6/2027 hoàn thành số hóa hồ sơ.")));
    let got: Vec<_> = p.deadlines.iter().map(|d| (d.kind, d.date.as_deref())).collect();
    assert_eq!(got, vec![(DeadlineKind::By, Some("2027-06-30"))]);
    // A status date is no limit, with or without "ngày".
    let p = parse(&Text::plain(&plan("Tính đến 31/5/2025, toàn tỉnh mới giải ngân 22,1%.")));
    assert!(p.deadlines.is_empty(), "{:?}", p.deadlines);
    // "hằng năm" on a rate or a budget is no recurring task; on the task it is.
    let p = parse(&Text::plain(&plan("Lãi suất bao gồm cả mức trượt giá hàng năm.")));
    assert!(p.deadlines.is_empty(), "{:?}", p.deadlines);
    let p = parse(&Text::plain(&plan("Bố trí kinh phí hằng năm để thực hiện.")));
    assert!(p.deadlines.is_empty(), "{:?}", p.deadlines);
    let p = parse(&Text::plain(&plan("Hằng năm, tổ chức kiểm tra các mỏ.")));
    assert_eq!(p.deadlines.len(), 1);
    // A limit before the date line is flagged, one after it is not.
    let doc = |limit: &str| {
        format!("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 12/KH-UBND\nLào Cai, ngày 10 tháng 3 năm 2026\nKẾ HOẠCH\nTriển khai chuyển đổi số\nII. NHIỆM VỤ\n1. Sở Tài chính hoàn thành trước ngày {limit}.\n")
    };
    let warned = |limit: &str| {
        parse(&Text::plain(&doc(limit)))
            .warnings
            .iter()
            .any(|w| w.code == nghiquyet::schema::WarningCode::DeadlineBeforeIssue)
    };
    assert!(warned("30/6/2025"));
    assert!(!warned("30/6/2026"));
    // The same day and month with a year one apart elsewhere is flagged
    // once; years two apart, period ends, and a month without its day are
    // not.
    let conflicts = |a: &str, b: &str| {
        let text = format!("II. NHIỆM VỤ\n1. Sở Tài chính hoàn thành trước ngày {a}.\n2. Sở Nội vụ báo cáo trước ngày {b}.\n3. Sở Y tế hoàn thành trước ngày {a}.\n");
        parse(&Text::plain(&text))
            .warnings
            .iter()
            .filter(|w| w.code == nghiquyet::schema::WarningCode::DeadlineYearConflict)
            .count()
    };
    assert_eq!(conflicts("15/11/2026", "15/11/2025"), 1);
    assert_eq!(conflicts("15 tháng 11 năm 2026", "15/11/2025"), 1);
    assert_eq!(conflicts("15/11/2026", "15/11/2028"), 0);
    assert_eq!(conflicts("31/12/2026", "31/12/2025"), 0);
    assert_eq!(conflicts("15/11/2026", "20/11/2025"), 0);
}
