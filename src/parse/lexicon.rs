//! Word lists of the administrative genre: body heads, department names,
//! levels, role verbs, document kinds and abbreviations.
//!
//! Written by hand from the naming conventions of Vietnamese state and Party
//! bodies (Decree 30/2020/NĐ-CP, Hướng dẫn 36-HD/VPTW, the 2025 provincial
//! department line-up). Multi-word entries are lower case, words separated
//! by one space; matching is case-insensitive and token-based (see
//! `body.rs`). Longer entries win when several match.

/// Administrative levels after a committee or council name.
pub const LEVELS: &[&str] = &[
    "tỉnh",
    "thành phố",
    "tp",
    "huyện",
    "quận",
    "thị xã",
    "xã",
    "phường",
    "thị trấn",
    "đặc khu",
    "các cấp",
    "cấp",
    "trung ương",
    "tw",
    // "Cục Thuế địa phương", "cơ quan hải quan địa phương": the level of
    // every province at once, in national texts.
    "địa phương",
    "cùng cấp",
];

/// Compounds inside body names whose last syllable is also a level word
/// or a stop word, read whole after their capitalized first syllable
/// ("Liên minh Hợp tác xã tỉnh", "Hội Cựu chiến binh", "Ngân hàng Chính
/// sách xã hội", "Văn phòng Điều phối nông thôn mới tỉnh").
pub const NAME_COMPOUNDS: &[&str] =
    &["hợp tác xã", "cựu chiến binh", "nông thôn mới", "chính sách xã hội", "điều phối"];

/// Whether a lower-cased word is a level on its own.
pub fn is_level(w: &str) -> bool {
    matches!(w, "tỉnh" | "huyện" | "quận" | "xã" | "phường" | "tw")
}

/// People's committees and councils.
pub const GOV_HEADS: &[&str] =
    &["ủy ban nhân dân", "uỷ ban nhân dân", "ubnd", "hội đồng nhân dân", "hđnd", "chính quyền"];

/// Organs in front of a committee or council name ("Thường trực HĐND
/// tỉnh", "Ban cán sự đảng UBND tỉnh", "Văn phòng UBND tỉnh").
pub const GOV_PREFIXES: &[&str] = &[
    "thường trực",
    "đảng đoàn",
    "ban cán sự đảng",
    "văn phòng",
    "ban kinh tế - ngân sách",
    "ban văn hóa - xã hội",
    "ban pháp chế",
    "ban dân tộc",
    "đảng ủy",
    // "Thường trực HĐND, các Ban của HĐND, các Tổ đại biểu và đại biểu
    // HĐND tỉnh giám sát …", the closing of every council resolution.
    "các ban của",
    "các ban",
    "ban của",
    "tổ đại biểu",
    "các tổ đại biểu",
    "đại biểu",
    "các đại biểu",
];

/// The Fatherland Front.
pub const FRONT_HEADS: &[&str] = &[
    "ủy ban mặt trận tổ quốc",
    "uỷ ban mặt trận tổ quốc",
    "ủy ban mttq",
    "uỷ ban mttq",
    "ubmttq",
    "mặt trận tổ quốc",
    "mttq",
];

/// The Party's groups inside a state body or a mass organisation, named
/// by that body ("Đảng đoàn Mặt trận Tổ quốc Việt Nam tỉnh", "Ban cán sự
/// đảng Ủy ban nhân dân tỉnh").
pub const PARTY_GROUPS: &[&str] = &["đảng đoàn", "ban cán sự đảng"];

/// Party committees.
pub const PARTY_HEADS: &[&str] = &[
    "tỉnh ủy",
    "tỉnh uỷ",
    "thành ủy",
    "thành uỷ",
    "huyện ủy",
    "huyện uỷ",
    "thị ủy",
    "thị uỷ",
    "quận ủy",
    "đảng ủy",
    "đảng uỷ",
];

/// Organs of a Party committee ("Ban Thường vụ Tỉnh ủy", "Ban Tuyên giáo
/// Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy").
pub const PARTY_PREFIXES: &[&str] = &[
    "ban thường vụ",
    "ban chấp hành",
    "thường trực",
    "văn phòng",
    "ủy ban kiểm tra",
    "uỷ ban kiểm tra",
    "ubkt",
    "ban tuyên giáo",
    "ban tuyên giáo và dân vận",
    "ban tổ chức",
    "ban dân vận",
    "ban nội chính",
    "ban kinh tế",
    "ban chính sách, chiến lược",
    "ban bảo vệ, chăm sóc sức khỏe cán bộ",
    "btv",
    "bch",
    "vptu",
];

/// Central bodies named without a head noun.
pub const NATIONAL: &[&str] = &[
    "thủ tướng chính phủ",
    "phó thủ tướng chính phủ",
    "chính phủ",
    "quốc hội",
    "ủy ban thường vụ quốc hội",
    "bộ chính trị",
    "ban bí thư",
    // The Party committees of the central bodies (the 2025 line-up).
    "đảng ủy chính phủ",
    "đảng ủy quốc hội",
    "đảng ủy các cơ quan đảng trung ương",
    "đảng ủy mặt trận tổ quốc, các đoàn thể trung ương",
    "đảng ủy công an trung ương",
    "đảng ủy quân sự trung ương",
    "quân ủy trung ương",
    "ban chấp hành trung ương",
    "kiểm toán nhà nước",
    "viện kiểm sát nhân dân tối cao",
    "tòa án nhân dân tối cao",
    "toà án nhân dân tối cao",
    "ngân hàng nhà nước việt nam",
    "ngân hàng nhà nước",
    "kho bạc nhà nước tỉnh",
    "kho bạc nhà nước",
    "bảo hiểm xã hội tỉnh",
    "bảo hiểm xã hội việt nam",
    "tòa án nhân dân tỉnh",
    "viện kiểm sát nhân dân tỉnh",
    "liên đoàn lao động tỉnh",
    "hội nông dân tỉnh",
    "hội liên hiệp phụ nữ tỉnh",
    "hội cựu chiến binh tỉnh",
    "tỉnh đoàn",
    "đài phát thanh và truyền hình tỉnh",
    "báo lào cai",
];

/// Department names after "Sở" or "Bộ" (and other heads), so that the name
/// stops at the right word.
pub const DEPARTMENTS: &[&str] = &[
    "nông nghiệp và môi trường",
    "nông nghiệp và phát triển nông thôn",
    "tài nguyên và môi trường",
    "kế hoạch và đầu tư",
    "công thương",
    "xây dựng",
    "tài chính",
    "nội vụ",
    "khoa học và công nghệ",
    "giáo dục và đào tạo",
    "y tế",
    "tư pháp",
    "ngoại vụ",
    "ngoại giao",
    "văn hóa, thể thao và du lịch",
    "văn hoá, thể thao và du lịch",
    "văn hóa và thể thao",
    "văn hóa - thể thao",
    "du lịch",
    "lao động - thương binh và xã hội",
    "lao động, thương binh và xã hội",
    "giao thông vận tải",
    "giao thông - vận tải",
    "thông tin và truyền thông",
    "dân tộc và tôn giáo",
    "quốc phòng",
    "công an",
    "quản lý thị trường",
    "quản lý công nghiệp",
    "quản lý năng lượng",
    "quản lý thương mại",
    // Ministries and departments of earlier line-ups, which older decrees,
    // circulars and provincial decisions name.
    "khoa học, công nghệ và môi trường",
    "bưu chính, viễn thông",
    "bưu chính viễn thông",
    "thương mại",
    "công nghiệp",
    "thủy sản",
    "thuỷ sản",
    "văn hóa - thông tin",
    "văn hóa, thông tin",
    "văn hóa thông tin",
    "thể dục thể thao",
    "kế hoạch - đầu tư",
    "tài chính - vật giá",
    "địa chính",
    "lao động - thương binh - xã hội",
];

/// Heads that name a body by its level alone ("Công an tỉnh", "Thuế
/// tỉnh", "Thanh tra tỉnh").
pub const LEVEL_HEADS: &[&str] =
    &["công an", "thanh tra", "thuế", "cục thuế", "kho bạc nhà nước", "điện lực"];

/// State agencies that laws, decrees and circulars name by their function
/// rather than by a proper name, in lower case as often as not: "nộp thuế
/// cho cơ quan hải quan nơi làm thủ tục nhập khẩu", "đăng ký với cơ quan
/// thuế địa phương", "báo cáo Thủ trưởng cơ quan quản lý nhà nước cấp
/// trên". Each is one national system of offices (tax, customs,
/// statistics, police, treasury, social insurance …), so its name is a
/// body whatever follows; the qualifiers that single out one office are
/// read by `body::functional_agency`.
pub const FUNCTIONAL_AGENCIES: &[&str] = &[
    "cơ quan thuế",
    "cơ quan quản lý thuế",
    "cơ quan thu thuế",
    "cơ quan hải quan",
    "cơ quan thống kê",
    "cơ quan công an",
    "cơ quan tài chính",
    "cơ quan kho bạc",
    "cơ quan bảo hiểm xã hội",
    "cơ quan đăng ký kinh doanh",
    "cơ quan quản lý nhà nước",
    "cơ quan thanh tra",
    "cơ quan kiểm lâm",
    "cơ quan điều tra",
    "cơ quan thi hành án",
    "cơ quan quản lý thị trường",
];

/// Words that open the description singling out one office of a
/// [`FUNCTIONAL_AGENCIES`] system: "cơ quan thuế nơi doanh nghiệp đăng ký
/// nộp thuế", "cơ quan thuế trực tiếp quản lý doanh nghiệp".
pub const AGENCY_DESCRIPTIONS: &[&str] = &["nơi", "trực tiếp quản lý"];

/// Words that end such a description though they are no stop word: a
/// time limit ("… kinh doanh chậm nhất không quá năm ngày"), an
/// alternative, a manner.
pub const DESCRIPTION_ENDS: &[&str] = &["chậm", "trước", "sau", "hoặc", "kể", "đồng thời", "bằng", "nhận"];

/// Head nouns followed by a capitalized name.
pub const ORG_HEADS: &[&str] = &[
    "sở",
    "bộ",
    "bộ chỉ huy",
    "bộ chỉ huy bộ đội biên phòng",
    "ban chỉ huy",
    "bộ tư lệnh",
    "ban",
    "ban quản lý",
    "ban chỉ đạo",
    "văn phòng",
    "phòng",
    "chi cục",
    "cục",
    "tổng cục",
    "vụ",
    "trung tâm",
    "trường",
    "viện",
    "đài",
    "báo",
    "ngân hàng",
    "liên đoàn",
    "liên minh",
    "hội",
    "đoàn",
    "tỉnh đoàn",
    "phân hiệu",
    "học viện",
    "đại học",
    "tòa án nhân dân",
    "viện kiểm sát nhân dân",
    "cảng vụ",
    "quỹ",
    "ủy ban",
    "uỷ ban",
    "hội đồng",
    "tổ công tác",
    "đảng bộ",
    "hiệp hội",
    "cổng thông tin điện tử",
    "cổng thông tin",
];

/// Working groups set up by a decision or plan, named by what they do.
pub const WORKING_GROUPS: &[&str] = &[
    // A council's delegations ("các Tổ đại biểu và đại biểu HĐND tỉnh").
    "tổ đại biểu",
    "đoàn kiểm tra",
    "đoàn thanh tra",
    "đoàn công tác",
    "đoàn giám sát",
    "tổ kiểm tra",
    "tổ công tác",
    "tổ giúp việc",
    "tổ thẩm định",
    "hội đồng thẩm định",
];

/// Office holders whose name is followed by a body or a person.
pub const TITLES: &[&str] = &[
    "chủ tịch",
    "phó chủ tịch",
    "giám đốc",
    "phó giám đốc",
    "thủ trưởng",
    "người đứng đầu",
    "lãnh đạo",
    "bí thư",
    "phó bí thư",
    "trưởng ban",
    "phó trưởng ban",
    "chánh văn phòng",
    "chánh thanh tra",
    "bộ trưởng",
    "thứ trưởng",
    "cục trưởng",
    "tổng cục trưởng",
    "chi cục trưởng",
    "vụ trưởng",
    "viện trưởng",
    "chánh án",
    "tổng giám đốc",
    "hiệu trưởng",
    "trưởng đoàn",
    "tổ trưởng",
    "trưởng phòng",
    "thống đốc",
    "tổng thanh tra",
    "tổng kiểm toán",
    "chủ nhiệm",
];

/// Posts that sign a document but are no assignee's post in the body
/// grammar (there "Thủ tướng Chính phủ" is read whole, as a body): the
/// signature's "THỦ TƯỚNG" over the Prime Minister's name.
pub const SIGNING_POSTS: &[&str] =
    &["thủ tướng", "phó thủ tướng", "chủ tịch nước", "phó chủ tịch nước", "tổng bí thư"];

/// Heads of the defined classes decrees and laws assign duties to, named
/// by what they do rather than by a proper name ("Cơ quan thuế trực tiếp
/// quản lý thu thuế", "Người đứng đầu cơ quan sử dụng công chức", "Hội
/// đồng tuyển dụng", "Trưởng đoàn kiểm tra"). Only a subject that a duty
/// cue follows is read as such a class (`body::find_in_clause`).
pub const DEFINED_HEADS: &[&str] = &[
    "cơ quan",
    "người đứng đầu",
    "người có thẩm quyền",
    "người được giao",
    "người ra quyết định",
    "thủ trưởng",
    "trưởng đoàn",
    "thành viên",
    "hội đồng",
    "đoàn",
    "tổ",
    "bộ phận",
    "kho bạc",
    "ngân hàng",
    "tổ chức tín dụng",
    "chủ tịch",
    "giám đốc",
    "chủ đầu tư",
    "ủy ban nhân dân",
    "uỷ ban nhân dân",
    "sở",
    "phòng",
    "cục",
    "chi cục",
    "ban quản lý",
    "bộ",
    "lãnh đạo",
    "văn thư",
];

/// Words after a subject that give it a duty in the genre of decrees and
/// laws: "X có trách nhiệm …", "X phải …", and the adverbials that stand
/// between a subject and its duty ("X căn cứ …", "X trong phạm vi nhiệm
/// vụ, quyền hạn của mình …"). Powers ("có quyền", "được") are no duty
/// (ANNOTATION.md).
pub const DUTY_CUES: &[&str] = &[
    "có trách nhiệm",
    "chịu trách nhiệm",
    "có nhiệm vụ",
    "phải",
    "căn cứ",
    "trong phạm vi",
    "theo chức năng",
];

/// Posts that stand alone as assignees in a list of posts ("Các Bộ
/// trưởng, Thủ trưởng cơ quan ngang Bộ …"): the office is the assignee
/// without its body.
pub const BARE_TITLES: &[&str] = &["bộ trưởng", "thủ trưởng", "giám đốc", "chủ tịch", "cục trưởng"];

/// Kinds of enterprise after "Công ty" ("Công ty Cổ phần …", "Công ty
/// TNHH …"): what follows is the firm's registered name, which may be
/// written in lower case.
pub const COMPANY_FORMS: &[&str] =
    &["cổ phần", "tnhh", "trách nhiệm hữu hạn", "tnhh một thành viên", "tnhh mtv", "hợp danh"];

/// Heads of enterprises and their branches ("Công ty TNHH Đại Đồng Tiến",
/// "Chi nhánh Mỏ tuyển đồng …", "Tổng công ty Điện lực …").
pub const COMPANY_HEADS: &[&str] = &["tổng công ty", "công ty", "chi nhánh", "tập đoàn", "hợp tác xã"];

/// Words that end a firm's registered name though they are no stop word
/// ("… kỹ thuật biết và thực hiện", "… chuẩn bị hồ sơ").
pub const COMPANY_STOPS: &[&str] = &["biết", "chuẩn", "cử", "nộp", "nghiên", "đề", "khẩn", "tổ", "lập"];

/// Word pairs of registered names whose second syllable is a stop word
/// elsewhere ("triển" of "triển khai"): "Công ty Cổ phần Đầu tư phát
/// triển Đô thị" runs on through them.
pub const COMPANY_NAME_PAIRS: &[&str] = &["phát triển"];

/// Longest lower-case registered name after a company form (tokens):
/// "thương mại vận tải và tư vấn kỹ thuật" is eight.
pub const MAX_COMPANY_NAME: usize = 10;

/// Nouns of collective bodies ("các sở, ban, ngành").
pub const COLLECTIVE: &[&str] = &[
    "ban quản lý rừng phòng hộ",
    "ban quản lý rừng đặc dụng",
    "ban quản lý rừng",
    "ban quản lý dự án",
    "sở",
    "ban",
    "ngành",
    "bộ",
    "cơ quan ngang bộ",
    "cơ quan thuộc chính phủ",
    "cơ quan",
    "đơn vị",
    "địa phương",
    "đoàn thể",
    "ban đảng",
    "tổ chức chính trị - xã hội",
    "ban xây dựng đảng của tỉnh ủy",
    "ban xây dựng đảng",
    "cơ quan báo chí",
    "chủ đầu tư",
    "chủ rừng là tổ chức",
    "chủ rừng",
    "tổ chức chính trị – xã hội",
    "tổ chức chính trị-xã hội",
    "tổng công ty",
    "tổ chức",
    "doanh nghiệp",
    "phòng",
    "tỉnh ủy",
    "huyện ủy",
    "thị ủy",
    "thành ủy",
    "quận ủy",
    "cấp ủy, tổ chức đảng",
    "ban cán sự đảng",
    "đảng đoàn",
    "đảng ủy trực thuộc trung ương",
    "đảng ủy trực thuộc tỉnh ủy",
    "đảng ủy trực thuộc",
    "đảng ủy",
    "cấp ủy",
    "chi bộ",
    "hội",
    "cấp",
    "trường",
    "bộ phận",
];

/// Qualifiers that end a collective ("… liên quan", "… trực thuộc Sở").
pub const COLLECTIVE_QUALIFIERS: &[&str] = &[
    // "các ban xây dựng Đảng Tỉnh ủy": the committee the organs serve.
    "tỉnh ủy",
    "tỉnh uỷ",
    "huyện ủy",
    "huyện uỷ",
    "thành ủy",
    "thành uỷ",
    "thị ủy",
    "thị uỷ",
    "của tỉnh ủy",
    "của huyện ủy",
    "của thành ủy",
    "thuộc tỉnh ủy",
    "có liên quan",
    "trên địa bàn tỉnh",
    "trên địa bàn",
    "liên quan",
    "liên quan khác",
    "trực thuộc sở",
    "trực thuộc tỉnh ủy",
    "trực thuộc",
    "thuộc sở",
    "thuộc tỉnh",
    "chuyên môn thuộc sở",
    "chuyên môn",
    "chức năng",
    "tỉnh",
    "trung ương",
];

/// Words that never continue a name.
pub const STOP: &[&str] = &[
    "và",
    "của",
    "với",
    "cho",
    "tại",
    "trong",
    "theo",
    "để",
    "về",
    "các",
    "những",
    "là",
    "có",
    "được",
    "đã",
    "đang",
    "sẽ",
    "phải",
    "cần",
    "khi",
    "nếu",
    "thì",
    "này",
    "đó",
    "ngày",
    "số",
    "năm",
    "tháng",
    "trên",
    "dưới",
    "từ",
    "đến",
    "tổ",
    "chủ",
    "phối",
    "tham",
    "thực",
    "triển",
    "chỉ",
    "kiểm",
    "giám",
    "đôn",
    "báo",
    "hướng",
    "rà",
    "nâng",
    "tăng",
    "đẩy",
    "xây",
    "ban",
    "giao",
    "chịu",
    "khẩn",
    "nghiêm",
    "kịp",
    "thường",
    "tập",
    "quán",
    "căn",
    "xem",
    "đề",
    "trình",
    "gửi",
    "tiếp",
    "tuyên",
    "phổ",
    "lãnh",
    "quản",
    "thành",
    "tỉnh",
    "huyện",
    "xã",
    "phường",
    "hoặc",
];

/// Single words that open the predicate after a subject ("các sở chịu
/// trách nhiệm", "các đơn vị phải …").
pub const PREDICATE_WORDS: &[&str] = &[
    "và",
    "hoặc",
    "cùng",
    "chịu",
    "phải",
    "cần",
    "căn",
    "khẩn",
    "tích",
    "nghiêm",
    "định",
    "kịp",
    "sớm",
    "thực",
    "tiếp",
    "theo",
    "trong",
    "tại",
    "có",
    "được",
    "báo",
    "gửi",
    "chủ",
    "tham",
    "tăng",
    "tổ",
    "xây",
    "triển",
    "rà",
    "đề",
    "hướng",
    "phối",
    "kiểm",
    "giám",
    "đôn",
    "quán",
    "tuyên",
    "bố",
    "đẩy",
    "nâng",
    "hoàn",
    "thường",
    "trình",
    "ban",
    "phát",
    "vận",
];

/// Capitalized words that start a predicate, not a name.
pub const VERB_WORDS: &[&str] =
    &["là", "có", "giao", "căn", "trên", "trong", "khi", "để", "đồng", "theo", "tại", "đối"];

/// Two-word verb phrases that start a predicate.
pub const VERB_STARTS: &[&str] = &[
    "chủ trì",
    "phối hợp",
    "tham mưu",
    "thực hiện",
    "tổ chức",
    "triển khai",
    "chỉ đạo",
    "theo dõi",
    "kiểm tra",
    "hướng dẫn",
    "rà soát",
    "tăng cường",
    "đẩy mạnh",
    "nâng cao",
    "xây dựng",
    "đôn đốc",
    "giám sát",
    "báo cáo",
    "căn cứ",
    "đồng thời",
    "chịu trách",
    "khẩn trương",
    "chủ động",
    "thường xuyên",
    "tiếp tục",
    "quán triệt",
    "nghiên cứu",
    "phổ biến",
    "tuyên truyền",
    "yêu cầu",
    "đề nghị",
    "ban hành",
    "lãnh đạo",
    "hỗ trợ",
    "cập nhật",
    "đánh giá",
    "tổng hợp",
    "xử lý",
    "kịp thời",
    "nghiêm túc",
];

/// Expands the abbreviations of body names.
pub fn expand(word: &str) -> Option<&'static str> {
    Some(match word {
        "UBND" => "Ủy ban nhân dân",
        "HĐND" => "Hội đồng nhân dân",
        "MTTQ" => "Mặt trận Tổ quốc",
        "UBMTTQ" => "Ủy ban Mặt trận Tổ quốc",
        "MTTQVN" => "Mặt trận Tổ quốc Việt Nam",
        "VPTU" => "Văn phòng Tỉnh ủy",
        "UBKT" => "Ủy ban Kiểm tra",
        "BTV" => "Ban Thường vụ",
        "BCH" => "Ban Chấp hành",
        "TW" => "Trung ương",
        "QLTT" => "Quản lý thị trường",
        _ => return None,
    })
}

pub use crate::lang::codes::{kind_of_code, KINDS};
