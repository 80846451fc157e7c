//! The module graph of `src/`, file by file: no import cycle, and the
//! repair stage's training code depends on its runtime, never the reverse.
//!
//! An edge is a `crate::…` or `super::…` path in code (comments and the
//! `#[cfg(test)] mod tests` block left out) that names a module file; a
//! `use super::{a, b::c}` group counts each module it names. A path to an
//! item of the parent module (`super::RepairOptions`) names no file below
//! it, so a module's facade (`mod.rs`) and its children are not counted
//! as a cycle: the facade only declares and drives them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The module path of a file relative to `src/` ("repair/decode.rs" →
/// ["repair", "decode"], "repair/mod.rs" → ["repair"]).
fn module_of(rel: &str) -> Vec<String> {
    let mut parts: Vec<String> = rel.trim_end_matches(".rs").split('/').map(str::to_string).collect();
    if parts.last().is_some_and(|l| l == "mod" || l == "lib" || l == "main") {
        parts.pop();
    }
    parts
}

/// The file the longest prefix of `path` names, if any.
fn resolve(files: &BTreeSet<String>, path: &[String]) -> Option<String> {
    (1..=path.len()).rev().find_map(|n| {
        let base = path[..n].join("/");
        [format!("{base}.rs"), format!("{base}/mod.rs")].into_iter().find(|f| files.contains(f))
    })
}

/// Code of a file without comment lines and its unit-test module.
fn code_of(src: &str) -> String {
    let code: String =
        src.lines().filter(|l| !l.trim_start().starts_with("//")).map(|l| format!("{l}\n")).collect();
    match code.find("#[cfg(test)]\nmod tests {") {
        Some(at) => code[..at].to_string(),
        None => code,
    }
}

/// Lower-case path segments after `crate::` or `super::` at `at`.
fn segments(code: &str, at: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = &code[at..];
    while let Some(r) = rest.strip_prefix("::") {
        let len =
            r.find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')).unwrap_or(r.len());
        if len == 0 || !r.starts_with(|c: char| c.is_ascii_lowercase() || c == '_') {
            break;
        }
        out.push(r[..len].to_string());
        rest = &r[len..];
    }
    out
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    rust_files(&src, &mut paths);
    let rel = |p: &Path| p.strip_prefix(&src).ok().map(|r| r.to_string_lossy().replace('\\', "/"));
    let files: BTreeSet<String> = paths.iter().filter_map(|p| rel(p)).collect();
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for p in &paths {
        let Some(me) = rel(p) else { continue };
        let code = code_of(&std::fs::read_to_string(p).expect("source file"));
        let here = module_of(&me);
        let parent: Vec<String> = here[..here.len().saturating_sub(1)].to_vec();
        let mut targets = Vec::new();
        for (kw, base) in [("crate", Vec::new()), ("super", parent.clone())] {
            for (at, _) in code.match_indices(kw) {
                let boundary = code[..at].chars().last().is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
                if !boundary {
                    continue;
                }
                let after = at + kw.len();
                let segs = segments(&code, after);
                if !segs.is_empty() {
                    targets.push([base.clone(), segs].concat());
                }
                // `use super::{a, b::c}`: each module of the group.
                if let Some(group) = code[after..].strip_prefix("::{") {
                    let group = &group[..group.find('}').unwrap_or(0)];
                    for item in group.split(',') {
                        let segs: Vec<String> = item.trim().split("::").map(str::to_string).collect();
                        if segs.first().is_some_and(|s| s.starts_with(|c: char| c.is_ascii_lowercase())) {
                            targets.push([base.clone(), segs].concat());
                        }
                    }
                }
            }
        }
        let edges = g.entry(me.clone()).or_default();
        for t in targets {
            if let Some(f) = resolve(&files, &t) {
                if f != me {
                    edges.insert(f);
                }
            }
        }
    }
    g
}

/// A cycle through `start`, if any (depth-first).
fn cycle_from(g: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    let mut stack = vec![(start.to_string(), vec![start.to_string()])];
    let mut seen = BTreeSet::new();
    while let Some((node, path)) = stack.pop() {
        for next in g.get(&node).into_iter().flatten() {
            if next == start {
                return Some([path.clone(), vec![start.to_string()]].concat());
            }
            if seen.insert(next.clone()) {
                stack.push((next.clone(), [path.clone(), vec![next.clone()]].concat()));
            }
        }
    }
    None
}

#[test]
fn no_file_level_import_cycle() {
    let g = graph();
    assert!(g.get("repair/decode.rs").is_some_and(|e| e.contains("repair/lm.rs")), "the graph reads edges");
    let cycles: Vec<String> = g.keys().filter_map(|f| cycle_from(&g, f)).map(|c| c.join(" → ")).collect();
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn repair_runtime_does_not_depend_on_training() {
    let g = graph();
    let training = ["repair/train.rs", "repair/shapes.rs"];
    for (file, edges) in &g {
        if !file.starts_with("repair/") || training.contains(&file.as_str()) {
            continue;
        }
        for t in training {
            assert!(!edges.contains(t), "{file} uses {t}: runtime code must not depend on training code");
        }
    }
}
