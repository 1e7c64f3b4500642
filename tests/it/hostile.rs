//! Hostile dossiers, as a pull request could make them (issue 19): each test
//! builds a small dossier in a temporary folder and asserts a clean refusal
//! or a bounded result, and that nothing outside the dossier was read (a
//! canary file outside never shows up) or written (the folder around the
//! dossier is as it was, apart from the output).
//!
//! Classes: the one input reader (links, FIFOs, devices, sparse files, the
//! fingerprint); safe parsers (YAML aliases, deep HTML); templates (cycles,
//! runaway loops, the `| safe` rule, the preview surviving); `serve` (Host,
//! redirects, base paths, connection cap); work and output bounded by the
//! input; crash-safe publishing; printed text, git, local paths, base_url,
//! byte-order marks.

#![cfg(unix)]

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::common::*;

/// The text planted outside the dossier: it must never reach a page or a message.
const CANARY: &str = "CANARY-outside-the-dossier-7f3a";

/// A temporary folder holding a dossier (`dossier/`), a secret beside it
/// (`outside/secret.txt`, holding [`CANARY`]) and the output (`site/`).
struct Sandbox {
    tmp: tempfile::TempDir,
}

impl Sandbox {
    fn new(files: &[(&str, &str)]) -> Sandbox {
        let tmp = tempfile::tempdir().unwrap();
        let mut all: Vec<(&str, &str)> = vec![
            ("dossier.toml", "title = \"Hostile\"\nbase_url = \"https://example.org/h/\"\n"),
            ("content/actors.toml", ACTORS),
            ("content/events.toml", EVENTS),
        ];
        all.extend_from_slice(files);
        for (path, text) in all {
            let p = tmp.path().join("dossier").join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        let outside = tmp.path().join("outside");
        std::fs::create_dir_all(outside.join("folder")).unwrap();
        std::fs::write(outside.join("secret.txt"), format!("{CANARY}\nsecond line\n")).unwrap();
        std::fs::write(outside.join("folder/secret.css"), CANARY).unwrap();
        std::fs::write(outside.join("folder/secret.html"), CANARY).unwrap();
        std::fs::write(outside.join("folder/secret.md"), article("Secret", CANARY)).unwrap();
        Sandbox { tmp }
    }

    fn root(&self) -> PathBuf {
        self.tmp.path().join("dossier")
    }

    fn outside(&self) -> PathBuf {
        self.tmp.path().join("outside")
    }

    fn site(&self) -> PathBuf {
        self.tmp.path().join("site")
    }

    /// Every file in the temporary folder but the output: small ones by
    /// their bytes, large ones (sparse, never read) by size and time.
    fn around(&self) -> BTreeMap<String, (u64, std::time::SystemTime, Vec<u8>)> {
        let mut files = BTreeMap::new();
        for entry in walkdir::WalkDir::new(self.tmp.path()).sort_by_file_name() {
            let entry = entry.unwrap();
            let rel = entry.path().strip_prefix(self.tmp.path()).unwrap().to_string_lossy().into_owned();
            if rel.starts_with("site") || rel.starts_with(".site.") {
                continue;
            }
            let meta = entry.path().symlink_metadata().unwrap();
            if meta.is_dir() {
                continue;
            }
            let bytes = if meta.is_file() && meta.len() <= 1 << 20 { std::fs::read(entry.path()).unwrap() } else { Vec::new() };
            files.insert(rel, (meta.len(), meta.modified().unwrap(), bytes));
        }
        files
    }

    /// Build into `site/` (keep going past bad articles): the messages, and
    /// whether a site was written. Asserts nothing around the dossier changed
    /// and the canary is nowhere in the site or the messages.
    fn build(&self) -> (Vec<String>, bool) {
        let before = self.around();
        let options = dossier::BuildOptions { out: Some(self.site()), keep_going: true, ..Default::default() };
        let (messages, built) = match dossier::build(&self.root(), &options) {
            Ok(report) => (report.diagnostics.iter().map(|d| d.render(false)).collect::<Vec<_>>(), true),
            Err(f) => (f.diagnostics.iter().map(|d| d.render(false)).collect(), false),
        };
        assert_eq!(before, self.around(), "the build changed files outside its output folder");
        self.assert_no_canary(&messages);
        (messages, built)
    }

    fn assert_no_canary(&self, messages: &[String]) {
        for m in messages {
            assert!(!m.contains(CANARY), "a message shows a file from outside the dossier: {m}");
        }
        if self.site().exists() {
            for (path, bytes) in snapshot(&self.site()) {
                assert!(!String::from_utf8_lossy(&bytes).contains(CANARY), "{path} holds a file from outside the dossier");
            }
        }
    }
}

fn has(messages: &[String], needle: &str) -> bool {
    messages.iter().any(|m| m.contains(needle))
}

#[track_caller]
fn assert_has(messages: &[String], needle: &str) {
    assert!(has(messages, needle), "expected `{needle}` in:\n{}", messages.join("\n"));
}

/// Bytes this process has read through `read(2)` and friends so far
/// (`rchar` of /proc/self/io): proof that a file was not read.
fn bytes_read() -> u64 {
    let io = std::fs::read_to_string("/proc/self/io").unwrap_or_default();
    io.lines().find_map(|l| l.strip_prefix("rchar: ")).and_then(|n| n.trim().parse().ok()).unwrap_or(0)
}

/// Run `f` on a thread and fail (instead of hanging the suite) when it
/// has not finished within `limit`.
fn within<T: Send + 'static>(limit: Duration, what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(limit).unwrap_or_else(|_| panic!("{what} did not finish within {limit:?}"))
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success());
}

// ---------------------------------------------------------------- the input reader

#[test]
fn linked_folders_are_skipped_not_followed() {
    for (folder, target) in [("theme", "folder"), ("templates", "folder"), ("static", "folder"), ("content/articles", "folder")] {
        let sandbox = Sandbox::new(&[("content/articles/a.md", &article("A", "Trump spoke."))]);
        let link = sandbox.root().join(folder);
        let _ = std::fs::remove_dir_all(&link);
        symlink(sandbox.outside().join(target), &link).unwrap();
        let (messages, _) = sandbox.build();
        assert_has(&messages, "this folder is a symbolic link (or inside one): skipped");
    }
    // `content` itself a link: registries and articles behind it are not read.
    let sandbox = Sandbox::new(&[]);
    std::fs::remove_dir_all(sandbox.root().join("content")).unwrap();
    std::fs::create_dir_all(sandbox.outside().join("content/articles")).unwrap();
    std::fs::write(sandbox.outside().join("content/actors.toml"), format!("# {CANARY}\n[[actor]]\nid = \"x\"\nname = \"{CANARY}\"\nkind = \"person\"\n"))
        .unwrap();
    std::fs::write(sandbox.outside().join("content/articles/b.md"), article("B", CANARY)).unwrap();
    symlink(sandbox.outside().join("content"), sandbox.root().join("content")).unwrap();
    let (messages, built) = sandbox.build();
    assert!(built, "{messages:?}");
    assert_has(&messages, "content/actors.toml");
    assert_has(&messages, "symbolic link skipped");
    assert!(!sandbox.site().join("articles/b.html").exists());
}

#[test]
fn a_linked_registry_or_file_is_not_read() {
    let sandbox = Sandbox::new(&[("content/articles/a.md", &article("A", "Trump spoke."))]);
    let root = sandbox.root();
    std::fs::remove_file(root.join("content/actors.toml")).unwrap();
    symlink(sandbox.outside().join("secret.txt"), root.join("content/actors.toml")).unwrap();
    symlink(sandbox.outside().join("folder/secret.md"), root.join("content/articles/linked.md")).unwrap();
    std::fs::create_dir_all(root.join("theme")).unwrap();
    symlink(sandbox.outside().join("folder/secret.css"), root.join("theme/style.css")).unwrap();
    std::fs::create_dir_all(root.join("templates")).unwrap();
    symlink(sandbox.outside().join("folder/secret.html"), root.join("templates/article.html")).unwrap();
    // Files published as they are: in static/, and beside a bundle's index.md.
    std::fs::create_dir_all(root.join("static")).unwrap();
    symlink(sandbox.outside().join("secret.txt"), root.join("static/robots.txt")).unwrap();
    std::fs::create_dir_all(root.join("content/articles/b")).unwrap();
    std::fs::write(root.join("content/articles/b/index.md"), article("B", "Trump spoke.")).unwrap();
    symlink(sandbox.outside().join("secret.txt"), root.join("content/articles/b/notes.txt")).unwrap();
    let (messages, built) = sandbox.build();
    assert!(built);
    assert_has(&messages, "content/actors.toml");
    assert_has(&messages, "theme/style.css");
    assert_has(&messages, "templates/article.html");
    assert!(messages.iter().any(|m| m.contains("in static/robots.txt\n") && m.contains("symbolic link skipped")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("in content/articles/b/notes.txt\n") && m.contains("symbolic link skipped")), "{messages:?}");
    assert!(!sandbox.site().join("articles/linked.html").exists());
    assert!(sandbox.site().join("articles/b.html").exists());
    assert!(!sandbox.site().join("robots.txt").exists() && !sandbox.site().join("articles/b/notes.txt").exists());
}

#[test]
fn fifos_and_devices_are_refused_without_blocking() {
    let sandbox = Sandbox::new(&[(
        "content/articles/cites.md",
        "+++\ntitle = \"Cites\"\ndate = 2025-12-28\nsource = \"originals/pipe\"\nsource_sha256 = \"0000000000000000000000000000000000000000000000000000000000000000\"\n+++\n\nText.\n",
    )]);
    let root = sandbox.root();
    for dir in ["originals", "theme", "templates", "static", "content/articles/b"] {
        std::fs::create_dir_all(root.join(dir)).unwrap();
    }
    std::fs::write(root.join("content/articles/b/index.md"), article("B", "Text.")).unwrap();
    mkfifo(&root.join("static/pipe.txt"));
    mkfifo(&root.join("content/articles/b/pipe.jpg"));
    symlink("/dev/zero", root.join("static/zero.bin")).unwrap();
    mkfifo(&root.join("originals/pipe"));
    mkfifo(&root.join("content/articles/pipe.md"));
    mkfifo(&root.join("theme/pipe.css"));
    mkfifo(&root.join("templates/pipe.html"));
    symlink("/dev/zero", root.join("content/articles/zero.md")).unwrap();
    symlink("/dev/zero", root.join("theme/zero.css")).unwrap();
    // A FIFO as the settings file and as a registry.
    std::fs::remove_file(root.join("content/events.toml")).unwrap();
    mkfifo(&root.join("content/events.toml"));
    let before = bytes_read();
    let messages = within(Duration::from_secs(120), "a build with FIFOs and /dev/zero", {
        let root = root.clone();
        move || dossier::check(&root).iter().map(|d| d.to_string()).collect::<Vec<_>>()
    });
    assert!(bytes_read() - before < 64 * 1024 * 1024, "read {} bytes", bytes_read() - before);
    assert_has(&messages, "content/articles/pipe.md: warning: not a regular file: skipped");
    assert_has(&messages, "content/articles/zero.md: warning: symbolic link skipped");
    assert_has(&messages, "theme/pipe.css: warning: not a regular file: skipped");
    assert_has(&messages, "static/pipe.txt: warning: not a regular file: skipped");
    assert_has(&messages, "static/zero.bin: warning: symbolic link skipped");
    assert_has(&messages, "content/articles/b/pipe.jpg: warning: not a regular file: skipped");
    assert_has(&messages, "content/events.toml: error: cannot read: not a regular file");
    // The fingerprint reads the same files the same way.
    let fingerprint = within(Duration::from_secs(120), "the fingerprint", move || dossier::load::fingerprint(&root, ""));
    assert!(fingerprint.is_some());
}

#[test]
fn a_sparse_huge_file_is_refused_without_being_read() {
    let sandbox = Sandbox::new(&[(
        "content/articles/cites.md",
        "+++\ntitle = \"Cites\"\ndate = 2025-12-28\nsource = \"originals/huge.html\"\nsource_sha256 = \"0000000000000000000000000000000000000000000000000000000000000000\"\n+++\n\nText.\n",
    )]);
    let root = sandbox.root();
    std::fs::create_dir_all(root.join("content/articles/b")).unwrap();
    std::fs::write(root.join("content/articles/b/index.md"), article("B", "Text.")).unwrap();
    for (path, size) in [
        ("content/articles/huge.md", 3u64 << 30),
        ("theme/huge.css", 3 << 30),
        ("originals/huge.html", 3 << 30),
        ("templates/huge.html", 3 << 30),
        ("static/huge.bin", 3 << 30),
        ("content/articles/b/huge.jpg", 3 << 30),
    ] {
        std::fs::create_dir_all(root.join(path).parent().unwrap()).unwrap();
        std::fs::File::create(root.join(path)).unwrap().set_len(size).unwrap();
    }
    let before = bytes_read();
    let (messages, built) = sandbox.build();
    // No fingerprint (a file cannot be read), so the next build runs: but nothing was read to learn it.
    assert_eq!(dossier::load::fingerprint(&root, ""), None);
    let read = bytes_read() - before;
    assert!(read < 64 * 1024 * 1024, "read {read} bytes of a dossier with six 3 GB files");
    assert!(built);
    assert_has(&messages, "content/articles/huge.md");
    assert_has(&messages, "file is 3221225472 bytes; the limit is");
    assert_has(&messages, "theme/huge.css");
    assert!(messages.iter().any(|m| m.contains("in static/huge.bin\n") && m.contains("the limit for a file published as it is")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("in content/articles/b/huge.jpg\n") && m.contains("the limit for a file published as it is")), "{messages:?}");
    assert!(!sandbox.site().join("huge.bin").exists() && !sandbox.site().join("articles/b/huge.jpg").exists());
}

/// The files published as they are count in the input, which the output
/// budget and each page's rendering budget are proportional to: a file
/// in `static/` or a bundle adds exactly its size.
#[test]
fn static_and_bundle_files_count_in_the_input() {
    let sandbox = Sandbox::new(&[("content/articles/b/index.md", &article("B", "Trump spoke."))]);
    let root = sandbox.root();
    let input = || dossier::load::load(&dossier::load::Folder::new(&root)).0.input_bytes;
    let before = input();
    std::fs::create_dir_all(root.join("static")).unwrap();
    std::fs::write(root.join("static/robots.txt"), vec![b'x'; 1000]).unwrap();
    std::fs::write(root.join("content/articles/b/photo.jpg"), vec![0u8; 2345]).unwrap();
    assert_eq!(input(), before + 1000 + 2345);
}

#[test]
fn the_fingerprint_hashes_links_without_following_them() {
    let sandbox = Sandbox::new(&[("content/articles/a.md", &article("A", "Text."))]);
    let root = sandbox.root();
    symlink(sandbox.outside().join("secret.txt"), root.join("content/articles/linked.md")).unwrap();
    let first = dossier::load::fingerprint(&root, "").unwrap();
    // The target changes: the dossier did not (the link is skipped by the build).
    std::fs::write(sandbox.outside().join("secret.txt"), "changed").unwrap();
    assert_eq!(dossier::load::fingerprint(&root, "").unwrap(), first);
    // The link changes: the dossier did.
    std::fs::remove_file(root.join("content/articles/linked.md")).unwrap();
    symlink(sandbox.outside().join("folder/secret.md"), root.join("content/articles/linked.md")).unwrap();
    assert_ne!(dossier::load::fingerprint(&root, "").unwrap(), first);
}

// ---------------------------------------------------------------- safe parsers

fn import_one(name: &str, bytes: &[u8]) -> (tempfile::TempDir, dossier::import::ImportReport) {
    let sandbox = Sandbox::new(&[]);
    std::fs::create_dir_all(sandbox.root().join("content/articles")).unwrap();
    let input = sandbox.outside().join(name);
    std::fs::write(&input, bytes).unwrap();
    let report = dossier::import::import(&sandbox.root(), &[input], &dossier::import::ImportOptions::default());
    (sandbox.tmp, report)
}

#[test]
fn yaml_alias_bombs_are_refused() {
    // "Billion laughs": nine levels of nine aliases, 10^9 nodes in 400 bytes.
    let mut yaml = String::from("---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (name, prev) in ["b", "c", "d", "e", "f", "g", "h", "i"].iter().zip(["a", "b", "c", "d", "e", "f", "g", "h"]) {
        yaml.push_str(&format!("{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    yaml.push_str("title: Boom\n---\n\nBody text of the article.\n");
    let (_tmp, report) = within(Duration::from_secs(60), "importing a YAML bomb", move || import_one("bomb.md", yaml.as_bytes()));
    let messages: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_has(&messages, "values once its aliases (`*name`) are expanded");
    // Deep nesting is refused too, and an ordinary alias still works.
    let deep: String = (0..1000).map(|i| format!("{}k{i}:\n", " ".repeat(i))).collect();
    let deep = format!("---\n{deep}{}end: 1\ntitle: Deep\n---\n\nBody.\n", " ".repeat(1000));
    let (_tmp, report) = import_one("deep.md", deep.as_bytes());
    assert_has(&report.diagnostics.iter().map(|d| d.to_string()).collect::<Vec<_>>(), "front matter nests deeper than 64 levels");
    let fine = "---\ntitle: &t Calm\nsubtitle: *t\nauthor: Jane Doe\n---\n\nBody text.\n";
    let (tmp, report) = import_one("fine.md", fine.as_bytes());
    assert!(!report.failed(), "{:?}", report.diagnostics);
    assert!(read(&tmp.path().join("dossier/content/articles").read_dir().unwrap().next().unwrap().unwrap().path()).contains("title = \"Calm\""));
}

#[test]
fn deeply_nested_html_is_imported_without_recursion() {
    let html = format!(
        "<html><head><title>Deep</title></head><body><article>{}<p>The innermost paragraph survives.</p>{}<p>And the one after.</p></article></body></html>",
        "<div>".repeat(20_000),
        "</div>".repeat(20_000)
    );
    let (tmp, report) = within(Duration::from_secs(120), "importing 20,000 nested divs", move || import_one("deep.html", html.as_bytes()));
    assert!(!report.failed(), "{:?}", report.diagnostics);
    assert!(report.files[0].notes.iter().any(|n| n.contains("left out the tags of 19745 element(s) nested more than 256 deep")), "{:?}", report.files[0].notes);
    let written = tmp.path().join("dossier/content/articles").read_dir().unwrap().next().unwrap().unwrap().path();
    let text = read(&written);
    assert!(text.contains("The innermost paragraph survives.") && text.contains("And the one after."), "{text}");
}

// ---------------------------------------------------------------- templates

/// Check a dossier with these templates of its own: the messages.
fn with_templates(templates: &[(&str, &str)]) -> Vec<String> {
    let mut files: Vec<(String, String)> = vec![("content/articles/a.md".into(), article("<b>Title</b>", "Trump spoke."))];
    files.extend(templates.iter().map(|(n, t)| (format!("templates/{n}"), t.to_string())));
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let sandbox = Sandbox::new(&refs);
    let root = sandbox.root();
    let messages =
        within(Duration::from_secs(300), "checking hostile templates", move || dossier::check(&root).iter().map(|d| d.to_string()).collect::<Vec<_>>());
    sandbox.assert_no_canary(&messages);
    messages
}

#[test]
fn template_cycles_are_refused_before_rendering() {
    let m = with_templates(&[("article.html", "{% include \"article.html\" %}")]);
    assert_has(&m, "templates call each other in a circle: article.html -> article.html");
    let m = with_templates(&[("a.html", "{% include \"b.html\" %}"), ("b.html", "x{% include \"a.html\" %}"), ("article.html", "{% include \"a.html\" %}")]);
    assert_has(&m, "templates call each other in a circle");
    let m =
        with_templates(&[("r.html", "{% macro f(n) %}{{ self::f(n=n) }}{% endmacro f %}"), ("article.html", "{% import \"r.html\" as r %}{{ r::f(n=1) }}")]);
    assert_has(&m, "templates call each other in a circle: macro f of r.html -> macro f of r.html");
    // Tera's parser recurses: deep nesting is refused before it sees it.
    let m = with_templates(&[("article.html", &format!("{{{{ {}1{} }}}}", "(".repeat(100_000), ")".repeat(100_000)))]);
    assert_has(&m, "brackets nested more than 64 deep");
    let m = with_templates(&[("article.html", &format!("{}x{}", "{% if true %}".repeat(10_000), "{% endif %}".repeat(10_000)))]);
    assert_has(&m, "blocks nested more than 64 deep");
    // A long chain without a cycle.
    let mut chain: Vec<(String, String)> = (0..40).map(|i| (format!("c{i}.html"), format!("{{% include \"c{}.html\" %}}", i + 1))).collect();
    chain.push(("c40.html".into(), "end".into()));
    chain.push(("article.html".into(), "{% include \"c0.html\" %}".into()));
    let refs: Vec<(&str, &str)> = chain.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    assert_has(&with_templates(&refs), "starts a chain of");
}

#[test]
fn templates_too_complex_to_parse_are_refused() {
    // Found by the `template` fuzz target: each call nested in a keyword argument of
    // another makes Tera's parser backtrack four times as much; 16 would take days.
    let open = format!("{{{{ {}x ~ ", "e(a=".repeat(16));
    assert_has(&with_templates(&[("article.html", &open)]), "the template is too complex to parse");
    let closed = format!("{{{{ {}x{} }}}}", "e(a=".repeat(16), ")".repeat(16));
    assert_has(&with_templates(&[("article.html", &closed)]), "the template is too complex to parse");
}

#[test]
fn runaway_templates_stop_with_a_clear_error() {
    let doubling = "{% set_global s = \"xx\" %}{% for i in range(end=64) %}{% set_global s = s ~ s %}{% endfor %}{{ s | length }}";
    assert_has(&with_templates(&[("article.html", doubling)]), "the template produced more than 128 MiB of values for this page");
    let filters = "{% set_global s = \"aaaaaaaa\" %}{% for i in range(end=40) %}{% set_global s = s | replace(from=\"a\", to=s) %}{% endfor %}";
    assert_has(&with_templates(&[("article.html", filters)]), "exceed the 128 MiB budget of values");
    let chained = format!("{{{{ \"aaaaaaaaaaaaaaaa\" {} }}}}", "| replace(from=\"a\", to=\"aaaaaaaaaaaaaaaa\") ".repeat(12));
    assert_has(&with_templates(&[("article.html", &chained)]), "128 MiB");
    let printing = "{% for i in range(end=100000) %}{% for j in range(end=100000) %}<p>{{ i }} and {{ j }}: some text of the page</p>{% endfor %}{% endfor %}";
    let m = with_templates(&[("article.html", printing)]);
    assert!(has(&m, "MiB") || has(&m, "loop iterations"), "{m:?}");
    // Stopped by its budget of steps, or by the deadline first when the machine is
    // so loaded that a debug build takes a minute for five million steps.
    let looping = "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}";
    let m = with_templates(&[("article.html", looping)]);
    assert!(has(&m, "loop iterations and macro calls for this page") || has(&m, "the template took longer than 60 s"), "{m:?}");
    assert_has(&with_templates(&[("article.html", "{% for i in range(end=1000000000) %}{% endfor %}")]), "range() would make more than");
    let nesting = "{% set_global a = [1] %}{% for i in range(end=100000) %}{% set_global a = [a] %}{% endfor %}{{ a }}";
    assert_has(&with_templates(&[("article.html", nesting)]), "nested more than 64 deep");
}

#[test]
fn safe_prints_only_the_sanitised_html() {
    // Each tries to print the article's title (`<b>Title</b>` here; a script in real life) unescaped.
    for (template, expected) in [
        ("{% set body = article.title %}{{ body | safe }}", "`{% set body %}` would replace the sanitised HTML"),
        ("{% set_global meta = article %}{{ meta.jsonld | safe }}", "`{% set_global meta %}` would replace"),
        ("{% for body in [article.title] %}{{ body | safe }}{% endfor %}", "the loop variable `body` would replace"),
        ("{% macro m(body) %}{{ body | safe }}{% endmacro m %}{{ self::m(body=article.title) }}", "the parameter `body` of macro `m` would replace"),
        ("{{ article.title | safe }}", "`| safe` prints `article.title` without HTML escaping"),
        ("{{ article.title | upper | safe }}", "`| safe` prints `article.title`"),
        ("{{ body | safe | upper }}", "`| safe` prints `body`"),
        // Only the diff report's own `x.highlighted`, not its neighbours.
        ("{{ article.text | safe }}", "`| safe` prints `article.text`"),
        ("{{ page.article.highlighted | safe }}", "`| safe` prints `page.article.highlighted`"),
        ("{% set stylesheet = article.title %}{{ stylesheet | safe }}", "`{% set stylesheet %}` would replace"),
        ("{% filter replace(from=\"&lt;\", to=\"<\") %}{{ article.title }}{% endfilter %}", "`{% filter replace %}` prints its result without HTML escaping"),
    ] {
        assert_has(&with_templates(&[("article.html", template)]), expected);
    }
}

#[test]
fn lists_and_concatenations_are_printed_escaped() {
    let sandbox = Sandbox::new(&[
        ("content/articles/a.md", "+++\ntitle = \"<b>Bold</b>\"\ndate = 2025-12-28\ntags = [\"<i>tag</i>\"]\n+++\n\nText.\n"),
        (
            "templates/article.html",
            "<p id=\"list\">{{ article.tags }}</p><p id=\"concat\">{{ \"x\" ~ article.title }}</p><p id=\"dump\">{{ __tera_context }}</p>",
        ),
    ]);
    let (messages, built) = sandbox.build();
    assert!(built, "{messages:?}");
    let html = read(&sandbox.site().join("articles/a.html"));
    assert!(html.contains("[&lt;i&gt;tag&lt;/i&gt;]"), "{html}");
    assert!(html.contains("x&lt;b&gt;Bold&lt;/b&gt;"), "{html}");
    assert!(!html.contains("<b>") && !html.contains("<i>"), "{html}");
}

#[test]
fn the_preview_survives_a_hostile_template_and_shows_the_error() {
    let server = crate::serve::Server::start_with(|root| {
        std::fs::write(root.join("dossier.toml"), "title = \"P\"\nbase_url = \"/p/\"\n").unwrap();
        std::fs::create_dir_all(root.join("content/articles")).unwrap();
        std::fs::write(root.join("content/events.toml"), EVENTS).unwrap();
        std::fs::create_dir_all(root.join("templates")).unwrap();
        std::fs::write(root.join("content/articles/a.md"), article("A", "Text.")).unwrap();
        std::fs::write(root.join("templates/footer.html"), "<footer>ok</footer>").unwrap();
        std::fs::write(root.join("templates/article.html"), "<html><body>page {% include \"footer.html\" %}</body></html>").unwrap();
    });
    assert_eq!(server.get("/p/articles/a.html").0, 200);
    let version = server.poll(u64::MAX).0;
    server.edit("templates/footer.html", "<footer>ok</footer>", "{% include \"footer.html\" %}");
    let (_, errors) = server.next_rebuild(version);
    assert!(errors.iter().any(|e| e.contains("templates call each other in a circle")), "{errors:?}\n{}", server.log());
    let version = server.poll(u64::MAX).0;
    server.edit(
        "templates/footer.html",
        "{% include \"footer.html\" %}",
        "{% set_global s = \"xx\" %}{% for i in range(end=64) %}{% set_global s = s ~ s %}{% endfor %}{{ s | length }}",
    );
    let (_, errors) = server.next_rebuild(version);
    assert!(errors.iter().any(|e| e.contains("more than 128 MiB of values")), "{errors:?}");
    // Still serving the last good page, with the errors over it.
    let (status, page) = server.get("/p/articles/a.html");
    assert_eq!(status, 200);
    assert!(page.contains("page <footer>ok</footer>") && page.contains("dossier-overlay"), "{page}");
}

// ---------------------------------------------------------------- serve

/// Send `request` as is to the server; the whole response.
fn raw(address: &str, request: &str) -> String {
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    String::from_utf8_lossy(&response).into_owned()
}

fn serve_unicode() -> crate::serve::Server {
    crate::serve::Server::start_with(|root| {
        std::fs::write(root.join("dossier.toml"), "title = \"U\"\nbase_url = \"https://example.org/dossié/\"\n").unwrap();
        std::fs::create_dir_all(root.join("content/articles")).unwrap();
        std::fs::write(root.join("content/events.toml"), EVENTS).unwrap();
        std::fs::write(root.join("content/articles/a.md"), article("A", "Text.")).unwrap();
    })
}

#[test]
fn serve_answers_only_its_own_host_and_never_redirects_away() {
    let server = serve_unicode();
    let address = server.address();
    let get = |path: &str, host: &str| raw(address, &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"));
    // DNS rebinding: the browser sends the attacker's name.
    let rebound = get("/dossi%C3%A9/articles/a.html", "attacker.example:1111");
    assert!(rebound.starts_with("HTTP/1.1 403"), "{rebound}");
    assert!(!rebound.contains("Text."));
    assert!(raw(address, "GET /dossi%C3%A9/ HTTP/1.1\r\nConnection: close\r\n\r\n").starts_with("HTTP/1.1 403"), "no Host at all");
    for host in ["localhost", "127.0.0.1", address] {
        let page = get("/dossi%C3%A9/articles/a.html", host);
        assert!(page.starts_with("HTTP/1.1 200") && page.contains("Text."), "{host}: {page}");
    }
    // A non-ASCII base path: served and redirected to, percent-encoded.
    let home = get("/", "localhost");
    assert!(home.starts_with("HTTP/1.1 302") && home.contains("\r\nLocation: /dossi%C3%A9/\r\n"), "{home}");
    // `//articles` and `/\host` redirect on this server, never to another.
    for path in ["/dossi%C3%A9//articles", "/dossi%C3%A9/%2F%2Fevil.example", "/dossi%C3%A9/%5Cevil.example"] {
        let answer = get(path, "localhost");
        let location = answer.lines().find_map(|l| l.strip_prefix("Location: ")).unwrap_or("");
        assert!(!location.starts_with("//") && !location.starts_with("/\\") && !location.contains("%5C%5C"), "{path}: {answer}");
    }
    let folder = get("/dossi%C3%A9//articles", "localhost");
    assert!(folder.contains("\r\nLocation: /dossi%C3%A9/articles/\r\n"), "{folder}");
}

#[test]
fn serve_caps_connections_and_keeps_answering() {
    let server = serve_unicode();
    let address = server.address().to_string();
    // Hundreds of idle connections, each holding a socket and sending nothing.
    let idle: Vec<std::net::TcpStream> = (0..300).filter_map(|_| std::net::TcpStream::connect(&address).ok()).collect();
    assert!(idle.len() > 100, "could not open connections");
    // Some of those beyond the cap were turned away at once.
    let turned_away = idle
        .iter()
        .filter(|s| {
            let mut s = *s;
            s.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
            let mut buf = [0u8; 64];
            matches!(s.read(&mut buf), Ok(n) if n > 0 && buf[..n].starts_with(b"HTTP/1.1 503"))
        })
        .count();
    assert!(turned_away > 0, "no connection was refused");
    drop(idle);
    // The server is still there and answers normally once they are gone.
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    loop {
        let page = raw(&address, "GET /dossi%C3%A9/articles/a.html HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        if page.starts_with("HTTP/1.1 200") {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the server stopped answering: {page}\n{}", server.log());
        std::thread::sleep(Duration::from_millis(100));
    }
    // A request head that never ends is cut off, not held forever.
    let huge = format!("GET / HTTP/1.1\r\nHost: localhost\r\nX: {}\r\n\r\n", "a".repeat(100_000));
    assert!(raw(&address, &huge).starts_with("HTTP/1.1 431"));
}

// ---------------------------------------------------------------- work and output bounded by the input

#[test]
fn feed_entries_list_a_bounded_number_of_actors() {
    let actors: String = (0..60).map(|i| format!("[[actor]]\nid = \"actor-{i}\"\nname = \"Person Number{i}\"\nkind = \"person\"\n\n")).collect();
    let body: String = (0..60).map(|i| format!("Person Number{i} spoke. ")).collect();
    let sandbox = Sandbox::new(&[("content/actors.toml", &actors), ("content/articles/a.md", &article("A", &body))]);
    let (messages, built) = sandbox.build();
    assert!(built, "{messages:?}");
    for feed in ["feed.xml", "actors/actor-0.xml", "actors/actor-59.xml"] {
        let xml = read(&sandbox.site().join(feed));
        assert_eq!(xml.matches("<category ").count(), dossier::limits::MAX_FEED_CATEGORIES, "{feed}");
    }
}

#[test]
fn problems_of_one_file_are_listed_a_hundred_times_at_most() {
    let events: String = (0..100_000).map(|i| format!("\"nope-{i}\",\n")).collect();
    let text = format!("+++\ntitle = \"Many\"\ndate = 2025-12-28\nevents = [{events}]\n+++\n\nText.\n");
    let sandbox = Sandbox::new(&[("content/articles/many.md", &text)]);
    let root = sandbox.root();
    let messages = within(Duration::from_secs(120), "checking 100,000 unknown event ids", move || dossier::check(&root));
    let in_file: Vec<String> = messages.iter().filter(|d| d.path == "content/articles/many.md").map(|d| d.to_string()).collect();
    assert_eq!(in_file.len(), dossier::limits::MAX_DIAGNOSTICS_PER_FILE + 1);
    assert_has(&in_file, "99900 more error(s) and 0 more warning(s) in this file are not shown");
    assert!(messages.has_errors());
}

#[test]
fn approximate_anchoring_stops_at_the_article_budget() {
    // A 2 MB article and 200 long quotes found nowhere: the search would take minutes.
    let paragraph = "The delegations met for several hours and discussed the framework in detail without agreeing on anything.\n\n";
    let body = paragraph.repeat(2_000_000 / paragraph.len());
    let standoff: String = (0..200)
        .map(|i| {
            format!(
                "[[annotation]]\nkind = \"note\"\nnote = \"n\"\nexact = \"{} quote number {i} that the article never contained at all\"\n\n",
                "zq".repeat(400)
            )
        })
        .collect();
    let text = format!("+++\ntitle = \"Long\"\ndate = 2025-12-28\n\n{standoff}+++\n\n{body}\n");
    let sandbox = Sandbox::new(&[("content/articles/long.md", &text)]);
    let root = sandbox.root();
    let messages =
        within(Duration::from_secs(300), "anchoring 200 quotes in 2 MB", move || dossier::check(&root).iter().map(|d| d.to_string()).collect::<Vec<_>>());
    assert_has(&messages, "too many quotes had to be searched for approximately");
}

#[test]
fn many_aliases_are_checked_in_linear_time() {
    let aliases: String = (0..300_000).map(|i| format!("\"Alias Number{i}\", ")).collect();
    let registry = format!("[[actor]]\nid = \"many\"\nname = \"Many Names\"\nkind = \"person\"\naliases = [{aliases}\"Alias Number7\"]\n");
    let (actors, diags) = within(Duration::from_secs(120), "loading 300,000 aliases", move || dossier::load::parse_actors("content/actors.toml", &registry));
    assert!(!diags.has_errors(), "{diags:?}");
    assert_eq!(actors[0].aliases.len(), 300_000, "the repeated alias is kept once");
}

#[test]
fn the_output_budget_stops_rendering_early() {
    // A site of a hundred articles into a sink that is full after five files.
    let mut files: Vec<(String, Vec<u8>)> = vec![("content/actors.toml".into(), ACTORS.as_bytes().to_vec())];
    files.extend((0..100).map(|i| (format!("content/articles/a{i}.md"), article(&format!("A{i}"), "Trump spoke.").into_bytes())));
    let linked = dossier::pipeline::run(&dossier::load::Memory::new(files), &Default::default());
    struct Small(std::sync::atomic::AtomicUsize);
    impl dossier::render::Sink for Small {
        fn put(&self, _: dossier::render::OutputFile) -> Result<(), dossier::diagnostics::Diagnostic> {
            self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            Ok(())
        }
        fn stopped(&self) -> bool {
            self.0.load(std::sync::atomic::Ordering::SeqCst) >= 5
        }
    }
    let sink = Small(Default::default());
    dossier::render::render_into(&linked.site, &sink);
    let put = sink.0.into_inner();
    assert!(put < 5 + 2 * rayon::current_num_threads(), "{put} files rendered after the sink was full");
    // The default budget is proportional to the input, within bounds.
    assert_eq!(dossier::limits::output_budget(1000), dossier::limits::MIN_OUTPUT_BYTES);
    assert_eq!(dossier::limits::output_budget(10 << 20), 640 << 20);
    assert_eq!(dossier::limits::output_budget(1 << 40), dossier::limits::MAX_OUTPUT_BYTES);
    // And a build over its budget writes nothing.
    let sandbox = Sandbox::new(&[("content/articles/a.md", &article("A", "Text."))]);
    let options = dossier::BuildOptions { out: Some(sandbox.site()), max_output_bytes: Some(50_000), ..Default::default() };
    let failure = dossier::build(&sandbox.root(), &options).unwrap_err();
    assert_has(&failure.diagnostics.iter().map(|d| d.to_string()).collect::<Vec<_>>(), "the build stopped there");
    assert!(!sandbox.site().exists());
}

// ---------------------------------------------------------------- publishing

#[test]
fn publishing_swaps_whole_sites_and_removes_leftovers() {
    let sandbox = Sandbox::new(&[("content/articles/a.md", &article("A", "Text."))]);
    let parent = sandbox.tmp.path();
    // What a killed build left: a staging folder nobody holds, and one a running build holds.
    let stale = parent.join(".site.dossier-new-killed");
    std::fs::create_dir_all(stale.join("articles")).unwrap();
    std::fs::write(stale.join("articles/x.html"), "half a site").unwrap();
    let busy = parent.join(".site.dossier-new-running");
    std::fs::create_dir_all(&busy).unwrap();
    let held = std::fs::File::open(&busy).unwrap();
    rustix::fs::flock(&held, rustix::fs::FlockOperation::LockExclusive).unwrap();
    let linked = parent.join(".site.dossier-old-link");
    symlink(sandbox.outside(), &linked).unwrap();
    let (messages, built) = sandbox.build();
    assert!(built, "{messages:?}");
    assert!(!stale.exists(), "the leftover staging folder is still there");
    assert!(busy.exists(), "a staging folder in use was removed");
    assert!(linked.symlink_metadata().is_ok() && sandbox.outside().join("secret.txt").exists(), "a link was followed");
    // While sites are published again and again, the output folder is never missing.
    let site = sandbox.site();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watcher = {
        let (site, stop) = (site.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut missing = 0;
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                if !site.join("index.html").exists() {
                    missing += 1;
                }
            }
            missing
        })
    };
    for i in 0..20 {
        let options = dossier::BuildOptions { out: Some(site.clone()), base_url: Some(format!("https://example.org/{i}/")), ..Default::default() };
        // Once failed under the full suite's load, the message unseen: say it.
        if let Err(failure) = dossier::build(&sandbox.root(), &options) {
            stop.store(true, std::sync::atomic::Ordering::SeqCst);
            panic!("build {i} failed: {:?}", failure.diagnostics.iter().map(|d| d.to_string()).collect::<Vec<_>>());
        }
    }
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    assert_eq!(watcher.join().unwrap(), 0, "the site was missing while being replaced");
    let leftovers: Vec<String> = std::fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".site.") && n.contains("killed"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // New dossiers ignore the leftovers.
    let init = tempfile::tempdir().unwrap();
    dossier::init::init(&init.path().join("d")).unwrap();
    let gitignore = read(&init.path().join("d/.gitignore"));
    assert!(gitignore.lines().any(|l| l == ".*.dossier-new-*/") && gitignore.lines().any(|l| l == ".*.dossier-old-*/"), "{gitignore}");
}

// ---------------------------------------------------------------- printed text, git, paths, base_url, BOM

#[test]
fn control_characters_never_reach_the_terminal_or_ci_log() {
    // TOML escapes: ESC ] 0 ; title BEL (retitle the terminal), ESC [ 2 J (clear it),
    // CR LF and a workflow command (forge a CI error), a right-to-left override.
    let evil = "Evil\\u001b]0;pwned\\u0007\\u001b[2J\\r\\n::error file=x::forged\\u202e";
    let text = format!(
        "+++\ntitle = \"T\"\ndate = 2025-12-28\nactors = [\"{evil}\"]\nevents = [\"{evil}\"]\n+++\n\nA line with \u{1b}[31m red and a [quote]{{.quote by=\"x\u{1b}[1m\"}}\n"
    );
    let sandbox = Sandbox::new(&[("content/articles/evil.md", &text)]);
    for format in ["human", "github"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["check", "--format", format])
            .arg(sandbox.root())
            .env_remove("NO_COLOR")
            .output()
            .unwrap();
        let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(!out.status.success());
        assert!(all.contains("unknown event") || all.contains("unknown actor"), "{all}");
        assert!(!all.contains('\u{1b}') && !all.contains('\r') && !all.contains('\u{7}') && !all.contains('\u{202e}'), "{all:?}");
        assert!(!all.lines().any(|l| l.trim_start().starts_with("::error file=x")), "a forged workflow command: {all}");
    }
}

#[test]
fn git_runs_none_of_the_repository_s_programs() {
    let sandbox = Sandbox::new(&[("content/articles/a.md", &article("A", "Text."))]);
    let root = sandbox.root();
    let marker = sandbox.tmp.path().join("ran");
    let git = |args: &[&str]| {
        let ok = std::process::Command::new("git").args(args).current_dir(&root).env("GIT_CONFIG_NOSYSTEM", "1").output().unwrap();
        assert!(ok.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&ok.stderr));
    };
    git(&["init", "-q"]);
    git(&["-c", "user.name=t", "-c", "user.email=t@t", "add", "."]);
    git(&["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base"]);
    // A downloaded repository brings its .git/config: programs git would run by itself.
    let script = sandbox.tmp.path().join("run.sh");
    std::fs::write(&script, format!("#!/bin/sh\ntouch {}\ncat\n", marker.display())).unwrap();
    std::process::Command::new("chmod").arg("+x").arg(&script).status().unwrap();
    let hooks = root.join(".git/hooks");
    std::fs::write(hooks.join("post-index-change"), format!("#!/bin/sh\ntouch {}\n", marker.display())).unwrap();
    std::process::Command::new("chmod").arg("+x").arg(hooks.join("post-index-change")).status().unwrap();
    let mut config = read(&root.join(".git/config"));
    config.push_str(&format!("[core]\n\tfsmonitor = {0}\n\tpager = {0}\n[filter \"evil\"]\n\tclean = {0}\n[diff]\n\texternal = {0}\n", script.display()));
    std::fs::write(root.join(".git/config"), config).unwrap();
    std::fs::write(root.join(".gitattributes"), "*.md filter=evil\n").unwrap();
    std::fs::write(root.join("content/articles/a.md"), article("A changed", "Text.")).unwrap();
    let report = dossier::diff::diff(&root, "HEAD", None);
    assert!(report.is_ok(), "{:?}", report.err());
    assert!(!marker.exists(), "git ran a program from the repository's configuration");
}

#[test]
fn published_pages_never_show_local_paths() {
    let text = "+++\ntitle = \"From disk\"\ndate = 2025-12-28\nsource = \"/home/alice/Downloads/report.html\"\n+++\n\nText.\n";
    let inside = "+++\ntitle = \"Inside\"\ndate = 2025-12-28\nsource = \"seeds/001.txt\"\n+++\n\nText.\n";
    let sandbox = Sandbox::new(&[("content/articles/a.md", text), ("content/articles/b.md", inside)]);
    let (messages, built) = sandbox.build();
    assert!(built, "{messages:?}");
    for (path, bytes) in snapshot(&sandbox.site()) {
        assert!(!String::from_utf8_lossy(&bytes).contains("/home/alice"), "{path} shows a local path");
    }
    assert!(read(&sandbox.site().join("articles/a.html")).contains("<code>report.html</code>"));
    assert!(read(&sandbox.site().join("articles/b.html")).contains("<code>seeds/001.txt</code>"));
}

#[test]
fn a_protocol_relative_base_url_is_refused() {
    for url in ["//evil.example/", "/\\\\evil.example/"] {
        let sandbox = Sandbox::new(&[("dossier.toml", &format!("title = \"T\"\nbase_url = \"{url}\"\n")), ("content/articles/a.md", &article("A", "Text."))]);
        let (messages, _) = sandbox.build();
        assert_has(&messages, "base_url must be an http(s) URL or a path starting with /");
        for (path, bytes) in snapshot(&sandbox.site()) {
            assert!(!String::from_utf8_lossy(&bytes).contains("evil.example"), "{path} links to another server");
        }
    }
}

#[test]
fn a_utf16_byte_order_mark_before_utf8_text() {
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend_from_slice("Zelensky sagte: „Wir sind bereit“. Ein Satz über Kyjiw.\n\nZweiter Absatz.\n".as_bytes());
    let (tmp, report) = import_one("bom.txt", &bytes);
    assert!(!report.failed(), "{:?}", report.diagnostics);
    assert!(report.files[0].notes.iter().any(|n| n.contains("read as UTF-8")), "{:?}", report.files[0].notes);
    let written = tmp.path().join("dossier/content/articles").read_dir().unwrap().next().unwrap().unwrap().path();
    assert!(read(&written).contains("„Wir sind bereit“"));
    // The build says what the file is.
    let sandbox = Sandbox::new(&[]);
    let mut article_bytes = vec![0xff, 0xfe];
    article_bytes.extend_from_slice(article("A", "Text.").as_bytes());
    std::fs::create_dir_all(sandbox.root().join("content/articles")).unwrap();
    std::fs::write(sandbox.root().join("content/articles/bom.md"), article_bytes).unwrap();
    let (messages, _) = sandbox.build();
    assert_has(&messages, "the file starts with a UTF-16 byte-order mark");
}
