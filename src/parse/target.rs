//! Targets (chỉ tiêu, mục tiêu cụ thể).
//!
//! Two places hold targets in the genre:
//!
//! * **target sections**: a heading that says "chỉ tiêu" or "mục tiêu cụ
//!   thể"; every item under it (numbered "(1)…(n)", bulleted, or lettered)
//!   that states a quantity is a target, and short lines such as "Về kinh
//!   tế:" are group headings;
//! * **commitments elsewhere**: a clause that opens with "phấn đấu" and
//!   states a quantity ("Phấn đấu mỗi năm tổ chức đấu giá từ 05 mỏ … trở
//!   lên").

use super::patterns::{self, Doc, Marker};
use super::quantity;
use crate::schema::Quantity;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A target before conversion to the contract.
#[derive(Debug, Clone)]
pub struct Found {
    /// "4" for "(4)".
    pub label: Option<String>,
    /// Group heading.
    pub group: Option<String>,
    /// Byte range of the target text.
    pub range: Range<usize>,
    /// Quantities.
    pub quantities: Vec<Quantity>,
    /// Byte range of the heading of the target section, whose horizon
    /// ("Các chỉ tiêu cụ thể đến năm 2030") applies to every target in it.
    pub heading: Option<Range<usize>>,
}

/// "(1)", "(12)" item markers inside a block.
static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s;:.])(?:\(|^C|^\[)\s?(?P<n>[0-9]{1,2})\s?\)\s")
        .unwrap_or_else(|e| panic!("ITEM: {e}"))
});

/// "phấn đấu" at the start of a clause.
static STRIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:[-+•]\s*)?(?:(?:tiếp tục|và|đồng thời)\s+)?phấn\s+đấu\b")
        .unwrap_or_else(|e| panic!("STRIVE: {e}"))
});

/// Whether a heading announces targets.
///
/// Compared without tone marks, because OCR confuses tones first ("chí
/// tiêu" for "chỉ tiêu").
pub fn is_target_heading(title: &str) -> bool {
    let l = patterns::fold(title);
    (l.contains("chi tieu") || l.contains("muc tieu cu the"))
        && !l.contains("muc dich")
        && l.chars().count() < 160
}

/// Whether a heading names the content or task section of a plan ("NỘI
/// DUNG", "NHIỆM VỤ", "NỘI DUNG, NHIỆM VỤ CỤ THỂ"), whose numbered items
/// may be its goals.
fn is_content_heading(title: &str) -> bool {
    let l = patterns::fold(title.trim().trim_end_matches([':', '.']));
    l.chars().count() < 40
        && (l.starts_with("noi dung") || l.starts_with("nhiem vu") || is_goal_heading(title))
}

/// Whether a heading names a plan's goals ("MỤC TIÊU", "Mục tiêu đến năm
/// 2030") without being a target heading itself ("Mục tiêu cụ thể" is read
/// by [`find`]) or the general objective ("Mục tiêu tổng quát", "Mục tiêu
/// chung"), which is no target unless it carries a number (ANNOTATION.md).
fn is_goal_heading(title: &str) -> bool {
    let l = patterns::fold(title.trim().trim_end_matches([':', '.']));
    l.chars().count() < 60
        && (l.starts_with("muc tieu") || l.starts_with("cac muc tieu"))
        && !is_target_heading(title)
        && !["tong quat", "chung", "muc dich"].iter().any(|w| l.contains(w))
}

/// Share of a content section's items that must state a measured goal for
/// the list to be read as goals (two in three): plans that list goals
/// there measure nearly every item, task lists measure few.
const GOAL_SHARE: (usize, usize) = (2, 3);

/// Whether an item states a measured goal: a figure, and neither an
/// achievement ("đã đạt"), a cost ("kinh phí"), nor a compliance rule
/// ("phải").
fn states_goal(item: &str) -> bool {
    let l = item.to_lowercase();
    !quantity::find(item).is_empty()
        && ![" đã ", "kinh phí", "dự toán", " phải "].iter().any(|w| l.contains(w))
}

/// The numbered goals of a content section ("II. NỘI DUNG" then "1. Trồng
/// mới khoảng 1.200 ha rừng …", "2. Tối thiểu 40% hợp tác xã …"): when
/// at least [`GOAL_SHARE`] of its direct items state a measured goal, every
/// direct item is a target (qualitative ones with no quantity). Returns
/// the targets and the blocks they consumed.
fn goal_lists(
    doc: &Doc,
    levels: &[Option<u8>],
    start_line: usize,
    end_line: usize,
) -> (Vec<Found>, Vec<usize>) {
    let mut out = Vec::new();
    let mut used = Vec::new();
    let in_range = |b: &patterns::Block| b.first_line >= start_line && b.first_line < end_line;
    for (hi, h) in doc.blocks.iter().enumerate() {
        let (Marker::Label(lab), Some(Some(lv))) = (&h.marker, levels.get(hi)) else { continue };
        let title = doc.flat.get(lab.body_start..h.range.end).unwrap_or("");
        if !in_range(h) || !is_content_heading(title) {
            continue;
        }
        // Direct items: the labels of the next level, up to the section's end.
        let mut items: Vec<usize> = Vec::new();
        let mut item_level: Option<u8> = None;
        for (bi, b) in doc.blocks.iter().enumerate().skip(hi + 1) {
            if !in_range(b) {
                break;
            }
            let Some(Some(l)) = levels.get(bi) else { continue };
            if !matches!(b.marker, Marker::Label(_)) {
                continue;
            }
            if *l <= *lv {
                break;
            }
            if item_level.is_none_or(|il| *l < il) {
                item_level = Some(*l);
                items.clear();
            }
            if Some(*l) == item_level {
                items.push(bi);
            }
        }
        let texts: Vec<(usize, Range<usize>)> = items
            .iter()
            .filter_map(|&bi| {
                let b = &doc.blocks[bi];
                let Marker::Label(l) = &b.marker else { return None };
                Some((bi, l.body_start.min(b.range.end)..b.range.end))
            })
            .collect();
        let measured =
            texts.iter().filter(|(_, r)| states_goal(doc.flat.get(r.clone()).unwrap_or(""))).count();
        // Items that are headings of their own ("1. Mục tiêu chung", "2.
        // Các chỉ tiêu cụ thể") make the list an outline, not goals.
        let outline = texts.iter().any(|(_, r)| {
            let t = doc.flat.get(r.clone()).unwrap_or("");
            let first_line = t.lines().next().unwrap_or("");
            patterns::fold(first_line).trim_start().starts_with("muc tieu") || is_target_heading(first_line)
        });
        // A heading that names goals says what its items are: one measured
        // item is enough; a content or task section must measure most.
        let enough = if is_goal_heading(title) {
            measured >= 1
        } else {
            measured * GOAL_SHARE.1 >= texts.len() * GOAL_SHARE.0
        };
        if texts.len() < 2 || outline || !enough {
            continue;
        }
        for (bi, r) in texts {
            let Marker::Label(l) = &doc.blocks[bi].marker else { continue };
            let t = doc.flat.get(r.clone()).unwrap_or("");
            out.push(Found {
                label: Some(l.text.clone()),
                group: Some(title.trim().trim_end_matches([':', '.']).to_string()),
                range: r,
                quantities: quantity::find(t),
                heading: Some(h.range.clone()),
            });
            used.push(bi);
        }
    }
    (out, used)
}

/// Group heading: "Về kinh tế:", "a) Về xã hội", "- Về môi trường:".
fn group_of(text: &str) -> Option<String> {
    let t = text.trim().trim_start_matches(['-', '+', '•']).trim();
    let short = t.chars().count() < 70;
    let lower = t.to_lowercase();
    if short
        && (lower.starts_with("về ") || lower.starts_with("lĩnh vực ") || lower.starts_with("nhóm chỉ tiêu"))
    {
        let g = t.trim_end_matches([':', '.', ';']);
        let g = g.strip_prefix("Về ").or_else(|| g.strip_prefix("về ")).unwrap_or(g);
        return Some(g.trim().to_string());
    }
    if short && t.ends_with(':') && quantity::find(t).is_empty() {
        return Some(t.trim_end_matches(':').trim().to_string());
    }
    None
}

/// Splits a block at its "(n)" markers.
fn items(text: &str, base: usize) -> Vec<(Option<String>, Range<usize>)> {
    let marks: Vec<(usize, usize, String)> = ITEM
        .captures_iter(text)
        .filter_map(|c| {
            let m = c.get(0)?;
            let n = c.name("n")?;
            // "(3)", or OCR's "C3)" and "[3)" at the start of a line.
            let open = m.as_str().find(['(', 'C', '[']).map(|i| m.start() + i)?;
            Some((open, m.end(), n.as_str().to_string()))
        })
        .collect();
    if marks.is_empty() {
        return vec![(None, base..base + text.len())];
    }
    let mut out = Vec::new();
    for (k, (_, body, n)) in marks.iter().enumerate() {
        let end = marks.get(k + 1).map(|m| m.0).unwrap_or(text.len());
        let piece = text.get(*body..end).unwrap_or("").trim_end();
        if !piece.is_empty() {
            out.push((Some(n.clone()), base + body..base + body + piece.len()));
        }
    }
    out
}

/// Finds the targets in the blocks between `start_line` and `end_line`.
/// `levels[i]` is the outline level of block `i` when it is a heading.
pub fn find(doc: &Doc, levels: &[Option<u8>], start_line: usize, end_line: usize) -> Vec<Found> {
    let (mut out, goal_blocks) = goal_lists(doc, levels, start_line, end_line);
    let mut scope: Option<(u8, String)> = None;
    let mut scope_range: Option<Range<usize>> = None;
    let mut group: Option<String> = None;
    let mut section_title: Option<String> = None;
    let mut current_level = 0u8;
    // The number of the last "(n)" target, to read damaged markers by.
    let mut last_num: Option<u32> = None;
    for (bi, b) in doc.blocks.iter().enumerate() {
        // Past the document's time limit the record is a `timeout` one.
        if crate::limit::should_stop() {
            break;
        }
        if b.first_line < start_line || b.first_line >= end_line || goal_blocks.contains(&bi) {
            continue;
        }
        let text = doc.block_text(b);
        let mut content = b.range.clone();
        // An unnumbered heading line: "* Các chỉ tiêu cụ thể:", "Một số chỉ
        // tiêu chủ yếu:". Its scope ends at the next numbered heading.
        if !matches!(b.marker, Marker::Label(_)) {
            let t = text.trim().trim_start_matches(['-', '+', '•', '*', ' ']);
            if t.ends_with(':') && t.chars().count() < 80 && is_target_heading(t) {
                scope = Some((current_level.saturating_add(1), t.trim_end_matches(':').trim().to_string()));
                last_num = None;
                scope_range = Some(b.range.clone());
                group = None;
                continue;
            }
        }
        if let (Marker::Label(lab), Some(Some(lv))) = (&b.marker, levels.get(bi)) {
            current_level = *lv;
            if scope.as_ref().is_some_and(|(l, _)| *l >= *lv) {
                scope = None;
                group = None;
                last_num = None;
            }
            let rest = doc.flat.get(lab.body_start..b.range.end).unwrap_or("");
            let title = rest.split(':').next().unwrap_or(rest).trim().to_string();
            if is_target_heading(&title) {
                scope = Some((*lv, title.clone()));
                last_num = None;
                scope_range = Some(b.range.clone());
                group = None;
                // Targets may follow on the same line after a colon.
                match rest.find(':') {
                    Some(i) if rest[i + 1..].trim().chars().count() > 10 => {
                        content = lab.body_start + i + 1..b.range.end;
                    }
                    _ => continue,
                }
            } else if scope.is_some() {
                if let Some(g) = group_of(rest) {
                    group = Some(g);
                    continue;
                }
                content = lab.body_start..b.range.end;
            } else {
                section_title = Some(title);
                content = lab.body_start..b.range.end;
            }
        }
        let body = doc.flat.get(content.clone()).unwrap_or("");
        if let Some((_, title)) = &scope {
            if let Some(g) = group_of(body) {
                group = Some(g);
                continue;
            }
            let mut found = items(body, content.start);
            // A marker OCR damaged ("(9}", "(148)", "Œ)") takes the number
            // the list is due to have next when its digits allow it.
            if let (Some(first), Some(last)) = (found.first_mut(), last_num) {
                if first.0.is_none() {
                    if let Some((len, digits)) = patterns::damaged_item(body) {
                        let due = last + 1;
                        let fits = digits.is_none_or(|d| {
                            d.parse::<u32>().ok() == Some(due) || d.starts_with(&due.to_string())
                        });
                        if fits {
                            let piece = body.get(len..).unwrap_or("");
                            let lead = piece.len() - piece.trim_start().len();
                            first.0 = Some(due.to_string());
                            first.1 = content.start + len + lead..first.1.end;
                        }
                    }
                }
            }
            for (label, r) in found {
                if let Some(n) = label.as_deref().and_then(|n| n.parse::<u32>().ok()) {
                    last_num = Some(n);
                }
                let t = doc.flat.get(r.clone()).unwrap_or("");
                let t_clean = t.trim_start_matches(['-', '+', '•', ' ']);
                let r = r.start + (t.len() - t_clean.len())..r.end;
                let quantities = quantity::find(t_clean);
                // A qualitative bullet of a target list is a target too
                // (kept below only when its list measures something).
                let bullet = matches!(b.marker, Marker::Bullet);
                if quantities.is_empty() && label.is_none() && !bullet {
                    continue;
                }
                out.push(Found {
                    label,
                    group: group.clone().or_else(|| Some(title.clone())),
                    range: r,
                    quantities,
                    heading: scope_range.clone(),
                });
            }
            continue;
        }
        let _ = text;
        for c in patterns::clauses(&doc.flat, content.clone()) {
            let ct = doc.flat.get(c.clone()).unwrap_or("");
            if !STRIVE.is_match(ct) {
                continue;
            }
            let quantities = quantity::find(ct);
            if quantities.is_empty() {
                continue;
            }
            out.push(Found {
                label: None,
                group: section_title.clone(),
                range: c,
                quantities,
                heading: None,
            });
        }
    }
    // Qualitative bullets stand as targets only beside measured ones of the
    // same target section: a section whose bullets measure nothing lists
    // aims or tasks, not targets (ANNOTATION.md: a goal with a measure or a
    // definite result, qualitative items of the same list included).
    let measured: Vec<Range<usize>> =
        out.iter().filter(|t| !t.quantities.is_empty()).filter_map(|t| t.heading.clone()).collect();
    out.retain(|t| {
        !(t.label.is_none() && t.quantities.is_empty())
            || t.heading.as_ref().is_some_and(|h| measured.contains(h))
    });
    out.sort_by_key(|t| t.range.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_targets_with_groups() {
        let text = "I. MỤC TIÊU\n1. Mục tiêu tổng quát\nPhát triển nhanh.\n2. Các chỉ tiêu chủ yếu\nVề kinh tế:\n(1) Tốc độ tăng trưởng GRDP đạt trên 10%.\n(2) Thu ngân sách 53.062 tỷ đồng.\nVề xã hội:\n(3) Đạt 30 giường bệnh/1 vạn dân.\nII. NHIỆM VỤ\n";
        let doc = Doc::new(text);
        let levels: Vec<Option<u8>> = doc
            .blocks
            .iter()
            .map(|b| match &b.marker {
                Marker::Label(l) if l.kind == super::super::patterns::LabelKind::Roman => Some(1),
                Marker::Label(_) => Some(2),
                _ => None,
            })
            .collect();
        let t = find(&doc, &levels, 0, doc.lines.len());
        let got: Vec<(Option<&str>, Option<&str>, f64)> =
            t.iter().map(|x| (x.label.as_deref(), x.group.as_deref(), x.quantities[0].value)).collect();
        assert_eq!(
            got,
            vec![
                (Some("1"), Some("kinh tế"), 10.0),
                (Some("2"), Some("kinh tế"), 53062.0),
                (Some("3"), Some("xã hội"), 30.0)
            ]
        );
    }

    #[test]
    fn unnumbered_target_heading() {
        let text = "II. MỤC TIÊU\nMục tiêu chung là phát triển.\n* Các chỉ tiêu cụ thể:\n- Tỷ lệ che phủ rừng đạt 55%.\n- Trồng mới 2.000 ha rừng.\nIII. NHIỆM VỤ\n- Hoàn thành 100% kế hoạch.\n";
        let doc = Doc::new(text);
        let levels: Vec<Option<u8>> =
            doc.blocks.iter().map(|b| matches!(b.marker, Marker::Label(_)).then_some(1)).collect();
        let t = find(&doc, &levels, 0, doc.lines.len());
        let values: Vec<f64> = t.iter().map(|x| x.quantities[0].value).collect();
        assert_eq!(values, vec![55.0, 2000.0]);
    }

    /// Roman labels are level 1, other labels level 2.
    fn levels(doc: &Doc) -> Vec<Option<u8>> {
        doc.blocks
            .iter()
            .map(|b| match &b.marker {
                Marker::Label(l) if l.kind == super::super::patterns::LabelKind::Roman => Some(1),
                Marker::Label(_) => Some(2),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn goals_of_a_content_section() {
        let text = "II. NỘI DUNG\n1. Trồng mới khoảng 1.200 ha rừng tập trung.\n2. Tối thiểu 40% hợp tác xã nông nghiệp hoạt động hiệu quả.\n3. Hoàn thành giao đất, giao rừng cho cộng đồng dân cư.\nIII. TỔ CHỨC THỰC HIỆN\n1. Sở Tài chính bố trí 12 tỷ đồng.\n";
        let doc = Doc::new(text);
        let t = find(&doc, &levels(&doc), 0, doc.lines.len());
        let got: Vec<(Option<&str>, usize)> =
            t.iter().map(|x| (x.label.as_deref(), x.quantities.len())).collect();
        assert_eq!(got, vec![(Some("1"), 1), (Some("2"), 1), (Some("3"), 0)]);
        assert_eq!(t[1].quantities[0].comparator, crate::schema::Comparator::Gte);
        // A task list that measures few items, or measures achievements and
        // costs, states no goals.
        let text = "II. NHIỆM VỤ\n1. Rà soát quy hoạch khoáng sản.\n2. Tăng cường kiểm tra 100% mỏ đang khai thác.\n3. Kiện toàn bộ máy quản lý.\nIII. NỘI DUNG\n1. Năm 2025 đã trồng 900 ha rừng.\n2. Kinh phí thực hiện 3 tỷ đồng.\n";
        let doc = Doc::new(text);
        assert!(find(&doc, &levels(&doc), 0, doc.lines.len()).is_empty());
    }

    #[test]
    fn goals_under_a_goal_heading() {
        // One measured goal makes the heading's list goals; qualitative
        // items are targets with no quantity.
        let text = "I. MỤC TIÊU\n1. Trồng mới khoảng 1.200 ha rừng tập trung.\n2. Hoàn thành giao đất, giao rừng cho cộng đồng.\n3. Nâng cao chất lượng rừng trồng.\nII. TỔ CHỨC THỰC HIỆN\n1. Sở Tài chính bố trí kinh phí.\n";
        let doc = Doc::new(text);
        let got: Vec<(Option<String>, usize)> = find(&doc, &levels(&doc), 0, doc.lines.len())
            .into_iter()
            .map(|t| (t.label, t.quantities.len()))
            .collect();
        assert_eq!(got, vec![(Some("1".into()), 1), (Some("2".into()), 0), (Some("3".into()), 0)]);
        // Near misses: the general objective, an outline of goal headings,
        // and a goal list that measures nothing.
        for text in [
            "I. MỤC TIÊU TỔNG QUÁT\n1. Trồng mới 1.200 ha rừng.\n2. Nâng cao chất lượng rừng.\n",
            "I. MỤC TIÊU\n1. Mục tiêu chung\n2. Mục tiêu đến năm 2030\n",
            "I. MỤC TIÊU\n1. Nâng cao chất lượng rừng.\n2. Hoàn thành giao đất.\n",
        ] {
            let doc = Doc::new(text);
            assert!(find(&doc, &levels(&doc), 0, doc.lines.len()).is_empty(), "{text}");
        }
    }

    #[test]
    fn strive_clause() {
        let text = "5. Công tác đấu giá\n- Tổ chức rà soát các mỏ. Phấn đấu trung bình mỗi năm tổ chức đấu giá từ 05 mỏ khoáng sản trở lên.\n";
        let doc = Doc::new(text);
        let levels: Vec<Option<u8>> =
            doc.blocks.iter().map(|b| matches!(b.marker, Marker::Label(_)).then_some(1)).collect();
        let t = find(&doc, &levels, 0, doc.lines.len());
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].quantities[0].value, 5.0);
        assert_eq!(t[0].quantities[0].comparator, crate::schema::Comparator::Gte);
    }
}
