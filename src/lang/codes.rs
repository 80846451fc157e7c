//! Kinds of documents and their type codes ("Chỉ thị" ⇄ "CT").

/// Kinds of documents, upper-case heading form → title case.
pub const KINDS: &[(&str, &str)] = &[
    ("NGHỊ QUYẾT", "Nghị quyết"),
    ("KẾ HOẠCH", "Kế hoạch"),
    ("CHỈ THỊ", "Chỉ thị"),
    ("KẾT LUẬN", "Kết luận"),
    ("CHƯƠNG TRÌNH HÀNH ĐỘNG", "Chương trình hành động"),
    ("CHƯƠNG TRÌNH", "Chương trình"),
    ("QUYẾT ĐỊNH", "Quyết định"),
    ("CÔNG VĂN", "Công văn"),
    ("BÁO CÁO", "Báo cáo"),
    ("THÔNG BÁO", "Thông báo"),
    ("HƯỚNG DẪN", "Hướng dẫn"),
    ("QUY ĐỊNH", "Quy định"),
    ("QUY CHẾ", "Quy chế"),
    ("TỜ TRÌNH", "Tờ trình"),
    ("ĐỀ ÁN", "Đề án"),
    ("CÔNG ĐIỆN", "Công điện"),
    ("THÔNG TƯ LIÊN TỊCH", "Thông tư liên tịch"),
    ("THÔNG TƯ", "Thông tư"),
    ("NGHỊ ĐỊNH", "Nghị định"),
    ("PHƯƠNG ÁN", "Phương án"),
    ("LUẬT", "Luật"),
    ("PHÁP LỆNH", "Pháp lệnh"),
];

/// Kind of document from the type code of a number symbol ("KH" in
/// "134/KH-UBND", "NQ" in "12-NQ/TU").
pub fn kind_of_code(code: &str) -> Option<&'static str> {
    Some(match code {
        "NQ" => "Nghị quyết",
        "KH" => "Kế hoạch",
        "CT" => "Chỉ thị",
        "KL" => "Kết luận",
        "CTr" | "CTR" => "Chương trình",
        "QĐ" => "Quyết định",
        "BC" => "Báo cáo",
        "TB" => "Thông báo",
        "HD" => "Hướng dẫn",
        "QĐi" => "Quy định",
        "QC" => "Quy chế",
        "TTr" => "Tờ trình",
        "ĐA" => "Đề án",
        "CĐ" => "Công điện",
        "TT" => "Thông tư",
        "NĐ" => "Nghị định",
        "CV" => "Công văn",
        "PA" => "Phương án",
        "GP" => "Giấy phép",
        "TTLT" => "Thông tư liên tịch",
        "NQLT" => "Nghị quyết liên tịch",
        _ => return None,
    })
}

/// The type code of a kind of document ("Chỉ thị" → "CT"), the inverse
/// of [`kind_of_code`].
pub fn code_of_kind(kind: &str) -> Option<&'static str> {
    const CODES: &[&str] = &[
        "NQ", "KH", "CT", "KL", "CTr", "QĐ", "BC", "TB", "HD", "QĐi", "QC", "TTr", "ĐA", "CĐ", "TT", "NĐ",
        "PA",
    ];
    CODES.iter().copied().find(|c| kind_of_code(c) == Some(kind))
}

/// Type codes of state and Party documents, the part before the issuer
/// (Decree 30/2020/NĐ-CP on administrative documents, Party regulation
/// 66-QĐ/TW): what a symbol's type slot may hold.
pub const TYPE_CODES: &[&str] = &[
    "NQ", "QĐ", "CT", "KH", "TB", "BC", "CV", "HD", "HĐ", "KL", "QC", "TT", "NĐ", "ĐA", "TTr", "TTLT", "GP",
    "GCN", "BB", "PA", "CTr", "QĐi", "TTg", "SL", "PL", "LTTr",
];

/// Kinds of cited documents as they are written in running text, longest
/// first.
pub const CITED_KINDS: &[&str] = &[
    "Thông tư liên tịch",
    "Chương trình hành động",
    "Nghị quyết liên tịch",
    "Nghị quyết",
    "Nghị định",
    "Quyết định",
    "Chỉ thị",
    "Kết luận",
    "Kế hoạch",
    "Thông tư",
    "Bộ luật",
    "Luật",
    "Pháp lệnh",
    "Công văn",
    "Văn bản",
    "Thông báo",
    "Hướng dẫn",
    "Quy định",
    "Chương trình",
    "Đề án",
    "Báo cáo",
    "Tờ trình",
    "Quy chế",
    "Công điện",
    "Thông tri",
    "Hiến pháp",
];
