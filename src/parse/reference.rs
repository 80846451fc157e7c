//! Cited documents: "Nghị quyết số 68/2022/QH15 ngày 10/11/2022 của Quốc
//! hội", "Quyết định 1883/QĐ-UBND ngày 06/11/2025 của UBND tỉnh",
//! "Luật Điện lực số 61/2024/QH15", "QCVN 01:2019/BCT".
//!
//! Where symbols stand and how they should read is [`crate::lang::citation`]'s
//! business; the repair stage writes what a damaged symbol should be over
//! what OCR printed (and lists the change). This stage cites only what the
//! text says: a symbol read as printed (spaces aside), or, for one that
//! kept a symbol's shape but reads otherwise (with `--no-repair`), as
//! printed too. A damaged token that has no symbol's shape is not cited.

use crate::lang::citation::{self, as_written};

pub use crate::lang::citation::{same_document, type_code};

/// A citation found in text, its number as written.
pub type Found = citation::Cited;

/// Finds the citations in `s`, skipping `own` (the document's own number).
pub fn find(s: &str, own: Option<&str>) -> Vec<Found> {
    let mut out = Vec::new();
    for c in citation::read_all(s, own) {
        let read_as_printed = s.get(c.printed.clone()).is_some_and(|p| as_written(p) == c.number);
        let number = if read_as_printed {
            c.number
        } else {
            match c.shaped.as_ref().and_then(|r| s.get(r.clone())) {
                Some(p) => as_written(p),
                None => continue,
            }
        };
        let issuer = c.issuer.as_deref().map(super::body::normalize_name);
        out.push(Found { number, issuer, ..c });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> (Option<String>, String, Option<String>, Option<String>) {
        let f = find(s, None);
        assert_eq!(f.len(), 1, "{s}: {f:?}");
        let f = f.into_iter().next().unwrap_or_else(|| panic!("none"));
        (f.kind, f.number, f.date, f.issuer)
    }

    #[test]
    fn citations() {
        let s = |x: &str| Some(x.to_string());
        let cases = [
            (
                "Căn cứ Nghị quyết số 68/2022/QH15 ngày 10/11/2022 của Quốc hội về",
                (s("Nghị quyết"), "68/2022/QH15", s("2022-11-10"), s("Quốc hội")),
            ),
            (
                "Quyết định 1883/QĐ-UBND ngày 06/11/2025 của UBND tỉnh Lào Cai về việc",
                (s("Quyết định"), "1883/QĐ-UBND", s("2025-11-06"), s("Ủy ban nhân dân tỉnh Lào Cai")),
            ),
            (
                "Căn cứ Luật Điện lực số 61/2024/QH15 ngày 30/11/2024;",
                (s("Luật"), "61/2024/QH15", s("2024-11-30"), None),
            ),
            (
                "thực hiện Chỉ thị số 16-\nCT/TU ngày 5 tháng 3 năm 2026",
                (s("Chỉ thị"), "16-CT/TU", s("2026-03-05"), None),
            ),
            (
                "theo QCVN 01:2019/BCT của Bộ Công Thương.",
                (s("Quy chuẩn kỹ thuật quốc gia"), "QCVN 01:2019/BCT", None, s("Bộ Công Thương")),
            ),
            (
                "tại Văn bản số 2416/HCMTBa-ATBV ngày 17/6/2026;",
                (s("Văn bản"), "2416/HCMTBa-ATBV", s("2026-06-17"), None),
            ),
            (
                "Nghị định số 29/2008/NĐ-CP ngày 14 tháng 3 năm 2008 của Chính phủ quy định",
                (s("Nghị định"), "29/2008/NĐ-CP", s("2008-03-14"), s("Chính phủ")),
            ),
            ("Kế hoạch 113/KH-UBND", (s("Kế hoạch"), "113/KH-UBND", None, None)),
            // The list item after it is no part of the symbol.
            (
                "bổ sung bởi Luật số 146/2025/QH15\n- Khoản 3 Điều 67",
                (s("Luật"), "146/2025/QH15", None, None),
            ),
            ("văn bản số 24.6/GĐN ngày 24/6/2026", (None, "24.6/GĐN", s("2026-06-24"), None)),
        ];
        for (text, (k, n, d, i)) in cases {
            assert_eq!(one(&text.replace('\n', " ")), (k, n.to_string(), d, i), "{text}");
        }
    }

    #[test]
    fn not_citations() {
        for s in [
            "giai đoạn 2021-2030",
            "ngày 29/6/2026",
            "tỷ lệ 60-70%",
            "24/24h",
            "Số 165 Lý Thường Kiệt",
            "tháng …/2026",
        ] {
            assert!(find(s, None).is_empty(), "{s}: {:?}", find(s, None));
        }
    }
}
