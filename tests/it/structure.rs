//! The shape of the code: the top-level modules of `src/` (the stages and
//! the commands beside them) import each other one way only, so data flows
//! one way through the pipeline (ARCHITECTURE.md). Read from the sources:
//! every `crate::module` path outside comments is an import of `module`.

use std::collections::{BTreeMap, BTreeSet};

/// Top-level module -> the modules it imports, each with the first place
/// (file:line) that does.
type Imports = BTreeMap<String, BTreeMap<String, String>>;

fn imports() -> Imports {
    let src = crate::common::repo().join("src");
    let mut imports = Imports::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        if !rel.ends_with(".rs") || rel == "lib.rs" || rel == "main.rs" {
            continue;
        }
        let module = rel.split(['/', '.']).next().unwrap().to_string();
        let text = std::fs::read_to_string(entry.path()).unwrap();
        // Comments (docs name other modules in links) are not imports.
        let code: Vec<&str> = text.lines().map(|line| line.split("//").next().unwrap_or_default()).collect();
        let code = code.join("\n");
        for (at, _) in code.match_indices("crate::") {
            let line = code[..at].matches('\n').count() + 1;
            for used in used_modules(&code[at + "crate::".len()..]) {
                if used != module {
                    imports.entry(module.clone()).or_default().entry(used).or_insert_with(|| format!("src/{rel}:{line}"));
                }
            }
        }
    }
    imports
}

/// The modules named right after `crate::`: `load::Actor` names `load`,
/// `{annotate::Article, link}` names `annotate` and `link`.
fn used_modules(after: &str) -> Vec<String> {
    let ident = |s: &str| s.trim_start().split(|c: char| !(c.is_alphanumeric() || c == '_')).next().unwrap_or_default().to_string();
    let Some(group) = after.strip_prefix('{') else { return vec![ident(after)] };
    let mut depth = 0;
    let mut items = vec![String::new()];
    for c in group.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => items.push(String::new()),
            _ => {}
        }
        if depth == 0 && c != ',' && c != '}' {
            items.last_mut().unwrap().push(c);
        }
    }
    items.iter().map(|item| ident(item)).filter(|m| !m.is_empty() && m != "self").collect()
}

/// Every module reachable from `from`.
fn reachable(imports: &Imports, from: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![from.to_string()];
    while let Some(m) = todo.pop() {
        for next in imports.get(&m).into_iter().flat_map(|i| i.keys()) {
            if seen.insert(next.clone()) {
                todo.push(next.clone());
            }
        }
    }
    seen
}

#[test]
fn the_scan_sees_the_imports_it_checks() {
    let imports = imports();
    let uses = |a: &str, b: &str| imports.get(a).is_some_and(|i| i.contains_key(b));
    // Known edges, written both ways (`use crate::x` and `crate::{x, y}`), so the check below cannot pass by reading nothing.
    assert!(uses("render", "link") && uses("pipeline", "load") && uses("pipeline", "suggest") && uses("diff", "pipeline"), "{imports:#?}");
    assert!(!uses("load", "load"), "a module's own paths are not imports");
    assert_eq!(used_modules("{annotate::{Article, Kind}, link, self};"), ["annotate", "link"]);
}

#[test]
fn top_level_modules_import_each_other_one_way() {
    let imports = imports();
    // An edge a -> b lies on a cycle when b leads back to a.
    let mut cycles = Vec::new();
    for (from, used) in &imports {
        for (to, place) in used {
            if reachable(&imports, to).contains(from) {
                cycles.push(format!("  {from} -> {to} ({place})"));
            }
        }
    }
    assert!(
        cycles.is_empty(),
        "import cycles between the top-level modules of src/ (each edge with the first place that makes it):\n{}\n\
         stages must import one way: move what both need into the lower one",
        cycles.join("\n")
    );
}
