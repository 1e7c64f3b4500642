//! Untrusted input: the hostile corpus from ../shared/probe/hostile, raw
//! HTML, unsafe links, and an output folder that cannot be turned against
//! its user.

use std::path::PathBuf;

use crate::common::*;

/// A copy of `../shared/probe/hostile` (see its README.txt), kept in the
/// repository so the tests run anywhere; CI also runs the probe's own
/// `hostile-build.sh` against the shared original.
fn hostile_corpus() -> PathBuf {
    repo().join("tests/fixtures/hostile")
}

/// The only scripts a page may have: the theme's own files, loaded from
/// `assets/` with nothing inline, and schema.org data that is JSON with no
/// `<` (so no `</script>` can end it early).
fn assert_site_script(path: &str, el: scraper::ElementRef) {
    let body: String = el.text().collect();
    match (el.value().attr("src"), el.value().attr("type")) {
        (Some(src), None) => {
            let file = src.trim_start_matches("../").trim_start_matches('/').split('?').next().unwrap_or_default().to_string();
            assert!(matches!(file.rsplit_once("assets/"), Some((_, "search.js" | "elasticlunr.min.js"))), "{path}: script from {src}");
            assert!(body.trim().is_empty(), "{path}: inline code in a script with src");
        }
        (None, Some("application/ld+json")) => {
            assert!(!body.contains('<') && !body.contains('>'), "{path}: JSON-LD with < or >: {body}");
            let value: serde_json::Value = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path}: JSON-LD does not parse: {e}"));
            assert!(value.get("@type").is_some(), "{path}: JSON-LD without @type");
        }
        (src, kind) => panic!("{path}: unexpected <script src={src:?} type={kind:?}>"),
    }
}

/// The canary every hostile payload tries to set; it must never be in an
/// executable place of the output.
fn assert_no_live_script(site: &std::path::Path) {
    for (path, bytes) in snapshot(site) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(&bytes).to_string();
        let doc = scraper::Html::parse_document(&html);
        for el in select(&doc, "*") {
            let name = el.value().name();
            if name == "script" {
                assert_site_script(&path, el);
                continue;
            }
            if name == "form" {
                // Only the site's search form, which opens the site's own search page.
                assert!(el.value().classes().any(|c| c == "site-search"), "{path}: a <form> that is not the search form");
                assert!(el.value().attr("action").is_some_and(|a| a.ends_with("search.html")), "{path}: search form action");
                continue;
            }
            assert!(
                !matches!(name, "iframe" | "object" | "embed" | "base" | "style" | "meta" if name != "meta" || el.value().attr("http-equiv").is_some()),
                "{path}: <{name}>"
            );
            for (attr, value) in el.value().attrs() {
                assert!(!attr.starts_with("on"), "{path}: event handler {attr}");
                if matches!(attr, "href" | "src" | "action" | "formaction" | "srcdoc") {
                    let v = value.trim().to_ascii_lowercase().replace(['\t', '\n', '\r'], "");
                    assert!(!v.starts_with("javascript:") && !v.starts_with("vbscript:") && !v.starts_with("data:"), "{path}: {attr}={value}");
                }
            }
        }
    }
}

#[test]
fn the_hostile_corpus_builds_or_is_refused_without_anything_escaping() {
    let corpus = hostile_corpus();
    if !corpus.is_dir() {
        panic!("the hostile corpus is missing at {}", corpus.display());
    }
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    for entry in std::fs::read_dir(&corpus).unwrap() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "md") {
            std::fs::copy(entry.path(), input.join(entry.file_name())).unwrap();
        }
    }
    let before = snapshot(&input);
    let out = tmp.path().join("out");
    let report = dossier::build(&input, &dossier::BuildOptions { out: Some(out.clone()), keep_going: true, ..Default::default() }).unwrap();
    // Input untouched, nothing written beside the output.
    assert_eq!(snapshot(&input), before);
    let mut entries: Vec<String> = std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    entries.sort();
    assert_eq!(entries, vec!["in", "out"]);
    // Most files are real articles and are published; the broken ones are named in errors.
    assert!(report.articles >= 18, "only {} hostile articles built", report.articles);
    let messages: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
    for refused in ["08b-pathological-nesting.md", "10-invalid-utf8.md", "12-unclosed-front-matter.md", "13-empty.md", "15-no-front-matter.md"] {
        assert!(messages.iter().any(|m| m.starts_with(refused) && m.contains("error")), "{refused} not reported: {messages:?}");
    }
    assert_no_live_script(&out);
    // Text is shown as text: the script tags from 01-raw-script are visible, escaped.
    let raw = read(&out.join("articles/01-raw-script.html"));
    assert!(raw.contains("&lt;script&gt;"));

    // Articles refused only for their `url` still carry payloads in title,
    // outlet and actors: without the url line they build, and stay inert.
    for entry in std::fs::read_dir(&input).unwrap() {
        let path = entry.unwrap().path();
        if let Ok(text) = std::fs::read_to_string(&path) {
            let kept: Vec<&str> = text.lines().filter(|l| !l.starts_with("url = ")).collect();
            std::fs::write(&path, kept.join("\n")).unwrap();
        }
    }
    let out2 = tmp.path().join("out2");
    let report = dossier::build(&input, &dossier::BuildOptions { out: Some(out2.clone()), keep_going: true, ..Default::default() }).unwrap();
    assert!(report.articles >= 21, "only {} articles built without urls", report.articles);
    for page in ["04-front-matter-html", "05-attribute-breakout"] {
        assert!(out2.join(format!("articles/{page}.html")).is_file(), "{page} not built");
    }
    assert_no_live_script(&out2);
}

#[test]
fn raw_html_is_escaped_by_default_and_sanitised_when_allowed() {
    let body = "<b>bold</b> <img src=x onerror=alert(1)> <script>alert(1)</script> [x](javascript:alert(1)) [y](https://ok.example)";
    let tmp = small_dossier(&[("a.md", &article("A", body))]);
    dossier::build(tmp.path(), &dossier::BuildOptions::default()).unwrap();
    let out = tmp.path().join("public");
    let html = read(&out.join("articles/a.html"));
    assert!(html.contains("&lt;b&gt;bold&lt;/b&gt;"));
    assert_no_live_script(&out);
    assert_eq!(hrefs(&page(&out, "articles/a.html"), ".article-body a:not(.mention)"), vec!["https://ok.example"]);

    std::fs::write(tmp.path().join("dossier.toml"), "title = \"T\"\nallow_raw_html = true\n").unwrap();
    dossier::build(tmp.path(), &dossier::BuildOptions::default()).unwrap();
    let doc = page(&out, "articles/a.html");
    assert_eq!(texts(&doc, ".article-body b"), vec!["bold"]);
    assert_no_live_script(&out);
}

#[test]
fn the_output_folder_is_refused_when_it_would_harm_the_dossier() {
    let tmp = small_dossier(&[("a.md", &article("A", "B"))]);
    let root = tmp.path();
    let refuse = |out: PathBuf, why: &str| {
        let failure = dossier::build(root, &dossier::BuildOptions { out: Some(out.clone()), ..Default::default() }).unwrap_err();
        let messages: Vec<String> = failure.diagnostics.iter().map(|d| d.to_string()).collect();
        assert!(messages.iter().any(|m| m.contains(why)), "{}: {messages:?}", out.display());
    };
    refuse(root.to_path_buf(), "is the dossier itself");
    refuse(root.join(".."), "is the dossier itself or contains it");
    refuse(root.join("content"), "inside content/");
    refuse(root.join("content/articles/site"), "inside content/");
    // A folder with someone else's files is never emptied.
    std::fs::create_dir_all(root.join("mine")).unwrap();
    std::fs::write(root.join("mine/thesis.docx"), "precious").unwrap();
    refuse(root.join("mine"), "was not made by dossier: thesis.docx");
    assert_eq!(std::fs::read_to_string(root.join("mine/thesis.docx")).unwrap(), "precious");
    // A symlink could lead anywhere.
    #[cfg(unix)]
    {
        let elsewhere = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), root.join("link")).unwrap();
        refuse(root.join("link"), "symbolic link");
    }
    // Our own output folder is replaced on the next build.
    dossier::build(root, &dossier::BuildOptions::default()).unwrap();
    dossier::build(root, &dossier::BuildOptions::default()).unwrap();
    assert!(root.join("public/.dossier-site").is_file());
}

#[test]
fn article_file_names_cannot_escape_the_output_folder() {
    let tmp = small_dossier(&[
        ("..%2F..%2Fescape.md", &article("A", "B")),
        ("a%2F..%2F..%2Fescape.md", &article("A", "B")),
        ("Ünïcode name (1).md", &article("U", "B")),
    ]);
    let report = dossier::build(tmp.path(), &dossier::BuildOptions::default()).unwrap();
    assert!(report.diagnostics.iter().any(|d| d.to_string() == "content/articles/..%2F..%2Fescape.md: warning: hidden file skipped (help: file names starting with `.` are not published; rename the file to publish it)"));
    let files = snapshot(&tmp.path().join("public"));
    assert!(files.contains_key("articles/a-2f-2f-2fescape.html"), "{:?}", files.keys().collect::<Vec<_>>());
    assert!(files.contains_key("articles/unicode-name-1.html"));
    assert!(files.keys().all(|k| !k.contains("..")));
}
