//! Helpers shared by the integration tests: build real dossiers into
//! temporary folders and look at the HTML that comes out.

#![allow(dead_code, unreachable_pub)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use scraper::{Html, Selector};

/// The repository root: the example dossier.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Build the example dossier into a fresh temporary folder.
pub fn build_example() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("site");
    let options = dossier::BuildOptions { out: Some(out.clone()), ..Default::default() };
    match dossier::build(&repo(), &options) {
        Ok(report) => assert!(!report.diagnostics.has_errors()),
        Err(f) => panic!("example dossier failed to build:\n{}", f.diagnostics.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n")),
    }
    (tmp, out)
}

/// A dossier written from (path, content) pairs into a temporary folder.
pub fn dossier(files: &[(&str, &str)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    for (path, content) in files {
        let p = tmp.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
    }
    tmp
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn page(site: &Path, rel: &str) -> Html {
    Html::parse_document(&read(&site.join(rel)))
}

pub fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).expect("valid selector")).collect()
}

pub fn texts(doc: &Html, css: &str) -> Vec<String> {
    select(doc, css).iter().map(|e| e.text().collect::<String>().trim().to_string()).collect()
}

pub fn hrefs(doc: &Html, css: &str) -> Vec<String> {
    select(doc, css).iter().filter_map(|e| e.value().attr("href").map(str::to_string)).collect()
}

/// Every file under `dir`, by relative path, with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            files.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    files
}

/// A site the live preview wrote, as a build would write it: without the
/// analyst's suggestions block (`section.suggested`), which only the preview
/// shows on article pages.
pub fn without_preview_tools(mut files: BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    for (path, bytes) in files.iter_mut() {
        if !path.starts_with("articles/") || !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes.clone()).unwrap();
        let Some(start) = html.find("<section class=\"suggested\"") else { continue };
        let end = start + html[start..].find("</section>").unwrap() + "</section>".len();
        *bytes = format!("{}{}", &html[..start], &html[end..]).into_bytes();
    }
    files
}

/// Messages of a check, as `path:line:col: level: message` lines.
pub fn check_messages(root: &Path) -> Vec<String> {
    dossier::check(root).iter().map(|d| d.to_string()).collect()
}

pub const ACTORS: &str = r#"
[[actor]]
id = "donald-trump"
name = "Donald Trump"
kind = "person"
aliases = ["Trump"]

[[actor]]
id = "volodymyr-zelensky"
name = "Volodymyr Zelensky"
kind = "person"
aliases = ["Zelensky", "Zelenskyy"]
"#;

pub const EVENTS: &str = r#"
[[event]]
id = "meeting"
title = "A meeting"
date = 2025-12-28
"#;

/// A minimal dossier with the given articles (name, full text).
pub fn small_dossier(articles: &[(&str, &str)]) -> tempfile::TempDir {
    let mut files = vec![
        ("dossier.toml", "title = \"Test\"\nbase_url = \"https://example.org/test/\"\n"),
        ("content/actors.toml", ACTORS),
        ("content/events.toml", EVENTS),
    ];
    let paths: Vec<String> = articles.iter().map(|(n, _)| format!("content/articles/{n}")).collect();
    for ((_, text), path) in articles.iter().zip(&paths) {
        files.push((path.as_str(), text));
    }
    dossier(&files)
}

pub fn article(title: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\noutlet = \"Test Outlet\"\ndate = 2025-12-28\nevents = [\"meeting\"]\n+++\n\n{body}\n")
}

/// The site path a link on the page at `from` leads to (both relative to
/// the site root), without its fragment or query.
pub fn resolve(from: &str, href: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for step in href.split(['#', '?']).next().unwrap_or("").split('/') {
        match step {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            other => parts.push(other),
        }
    }
    parts.join("/")
}
