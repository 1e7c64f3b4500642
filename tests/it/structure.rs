//! The shape of the code: the top-level modules of `src/` (the stages and
//! the commands beside them) import each other one way only, so data flows
//! one way through the pipeline (ARCHITECTURE.md). Read from the sources:
//! every `crate::module` path outside comments is an import of `module`.
//! And the site's paths are spelled in one place, the route table.

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

/// A string literal of a Rust file, with its line.
struct Literal {
    line: usize,
    text: String,
}

/// The string literals of Rust source, outside comments (a small lexer:
/// comments, strings, raw strings, char literals and lifetimes).
fn literals(source: &str) -> Vec<Literal> {
    let chars: Vec<char> = source.chars().collect();
    let line_at = |i: usize| chars[..i].iter().filter(|&&c| c == '\n').count() + 1;
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                i += 2;
                while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                    i += 1;
                }
                i += 2;
            }
            '\'' if chars.get(i + 1) == Some(&'\\') => {
                i += 3;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            }
            '\'' if chars.get(i + 2) == Some(&'\'') => i += 3,
            'r' if (i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')) && matches!(chars.get(i + 1), Some('"' | '#')) => {
                let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
                if chars.get(i + 1 + hashes) != Some(&'"') {
                    i += 1;
                    continue;
                }
                let start = i + 2 + hashes;
                let mut end = start;
                while end < chars.len() && !(chars[end] == '"' && chars[end + 1..].iter().take(hashes).filter(|&&c| c == '#').count() == hashes) {
                    end += 1;
                }
                found.push(Literal { line: line_at(start), text: chars[start..end.min(chars.len())].iter().collect() });
                i = end + 1 + hashes;
            }
            '"' => {
                let start = i + 1;
                let mut end = start;
                while end < chars.len() && chars[end] != '"' {
                    end += if chars[end] == '\\' { 2 } else { 1 };
                }
                found.push(Literal { line: line_at(start), text: chars[start..end.min(chars.len())].iter().collect() });
                i = end + 1;
            }
            _ => i += 1,
        }
    }
    found
}

/// Literals that name a site path outside the route table, and why they may.
const NOT_SITE_PATHS: &[(&str, &str, &str)] = &[
    ("src/render/templates.rs", "index.html", "the name of a built-in template (the route table says which page it makes)"),
    ("src/render/templates.rs", "search.html", "the name of a built-in template"),
    ("src/render/templates.rs", "404.html", "the name of a built-in template"),
    ("src/render/templates.rs", ".html", "Tera escapes what templates named *.html print"),
    ("src/render/templates.rs", ".xml", "Tera escapes what templates named *.xml print"),
    ("src/load/mod.rs", ".html", "a dossier's template files are named *.html"),
    ("src/serve/http.rs", "index.html", "the server's unit tests: a file put in a folder to serve"),
    ("src/serve/http.rs", "articles/a.html", "the server's unit tests: a file put in a folder to serve"),
    ("src/serve/http.rs", "articles/../../secret.txt", "the server's unit tests: an address it must refuse"),
    ("src/serve/http.rs", "articles/%00", "the server's unit tests: an address it must refuse"),
    ("src/serve/http.rs", "actors/x.html", "the server's unit tests: a name the reload channel passes on"),
    ("src/serve/http.rs", "articles/{i}.html", "the server's unit tests: names the reload channel passes on"),
];

/// Whether a string literal spells a path of the site: what a site path is
/// made of is asked of the route table itself (its folders, its fixed
/// files, the extensions joined to a key), so a new route is checked too.
fn site_path_finder() -> impl Fn(&str) -> bool {
    use dossier::urls::{self, ROUTES};
    let patterns: Vec<&str> = ROUTES.iter().flat_map(|r| [Some(r.path), r.feed]).flatten().collect();
    let fixed: Vec<&str> = patterns.iter().copied().filter(|p| !p.contains("{}")).chain(urls::FILES).collect();
    let mut folders: Vec<String> = patterns.iter().chain(&fixed).filter_map(|p| p.split_once('/')).map(|(f, _)| format!("{f}/")).collect();
    folders.push(urls::asset(""));
    let extensions: Vec<&str> = patterns.iter().filter_map(|p| p.split_once("{}")).map(|(_, ext)| ext).filter(|e| !e.is_empty()).collect();
    // A name at the start of a path (`actors/`, `../actors/`, `{base}actors/`), not inside another (`content/articles/`).
    let starts_path = |text: &str, name: &str| {
        text.match_indices(name).any(|(at, _)| {
            let before = &text[..at];
            before.ends_with("../") || !before.ends_with(|c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '/' | '.'))
        })
    };
    move |text: &str| {
        folders.iter().any(|f| starts_path(text, f))
            || fixed.iter().any(|f| starts_path(text, f))
            || extensions.iter().any(|e| text == *e || text.contains(&format!("}}{e}")))
    }
}

#[test]
fn site_paths_are_spelled_only_in_the_route_table() {
    let is_site_path = site_path_finder();
    let repo = crate::common::repo();
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(repo.join("src")).sort_by_file_name() {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(&repo).unwrap().to_string_lossy().replace('\\', "/");
        if !rel.ends_with(".rs") || rel == "src/urls.rs" {
            continue;
        }
        for literal in literals(&std::fs::read_to_string(entry.path()).unwrap()) {
            if is_site_path(&literal.text) && !NOT_SITE_PATHS.iter().any(|(file, text, _)| *file == rel && *text == literal.text) {
                found.push(format!("  {rel}:{}: \"{}\"", literal.line, literal.text));
            }
        }
    }
    // Templates link through `{{ root }}` to a URL from their context, never to a path of their own.
    for entry in std::fs::read_dir(repo.join("templates")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for (n, line) in text.lines().enumerate() {
            if line.match_indices("{{ root }}").any(|(at, root)| !line[at + root.len()..].starts_with("{{")) {
                found.push(format!("  templates/{}:{}: {}", path.file_name().unwrap().to_string_lossy(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "paths of the site spelled outside the route table (src/urls.rs):\n{}\n\
         ask the route table instead (`Page::article(slug).path()`, `.href_from(kind)`, `.url(base)`, `urls::EXPORT`; \
         in templates `{{{{ root }}}}{{{{ links.articles }}}}` or a view's `url`)",
        found.join("\n")
    );
}

#[test]
fn the_path_check_reads_literals_as_rust_does() {
    let source = "let a = \"actors/\"; // \"articles/\"\nlet b = r#\"x\"y\"#; let c = '\"'; let d: &'static str = \"{}.html\"; /* \"events/\" */";
    let texts: Vec<String> = literals(source).into_iter().map(|l| l.text).collect();
    assert_eq!(texts, ["actors/", "x\"y", "{}.html"]);
    let lines: Vec<usize> = literals("\n\n\"a\"").into_iter().map(|l| l.line).collect();
    assert_eq!(lines, [3]);
    let is_site_path = site_path_finder();
    // As the code spelled them before the route table, and names that are not the site's.
    for path in [
        "../actors/{}.html",
        "{base}articles/{}.html",
        "articles/index.html",
        "feed.xml",
        "{}.html",
        ".xml",
        "assets/{path}",
        "search/docs-{k}.json",
        ".nojekyll",
    ] {
        assert!(is_site_path(path), "{path}");
    }
    for other in ["content/articles/", "templates/base.html", "import reads .txt, .html and .md files", "other.html#x", "public"] {
        assert!(!is_site_path(other), "{other}");
    }
}
