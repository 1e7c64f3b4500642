//! The benchmark's floor: `cargo run --release --example floor -- DOSSIER OUT`.
//!
//! Reads every `content/articles/*.md` of a dossier, drops the front matter,
//! renders the Markdown with pulldown-cmark (the options `dossier` uses) and
//! writes one HTML file per article into `OUT` (a fresh folder). Nothing
//! else: no annotations, no actor matching, no templates, no index pages.
//! It runs on rayon's thread pool like `dossier build`, so both use the same
//! cores and the ratio between them is the cost of everything `dossier` adds.

use std::path::{Path, PathBuf};

use pulldown_cmark::{html, Options, Parser};
use rayon::prelude::*;

fn body(text: &str) -> &str {
    // Front matter is between the first two `+++` lines.
    let Some(rest) = text.strip_prefix("+++\n") else { return text };
    match rest.find("\n+++\n") {
        Some(end) => &rest[end + 5..],
        None => text,
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dossier), Some(out)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: floor DOSSIER OUT");
        std::process::exit(2);
    };
    let articles = Path::new(dossier).join("content/articles");
    let out = PathBuf::from(out);
    std::fs::create_dir_all(&out).expect("create OUT");
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&articles)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let written: usize = files
        .par_iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).expect("read article");
            let markdown = body(&text);
            let mut page = String::with_capacity(markdown.len() * 2);
            html::push_html(&mut page, Parser::new_ext(markdown, options));
            let name = path.file_stem().expect("file name").to_string_lossy();
            std::fs::write(out.join(format!("{name}.html")), &page).expect("write page");
            page.len()
        })
        .sum();
    eprintln!("floor: {} articles, {} bytes of HTML", files.len(), written);
}
