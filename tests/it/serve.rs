//! `dossier serve` driven over real HTTP: the real binary on a free port,
//! serving a copy of the example dossier, edited while it runs.

#![cfg(unix)]

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const FOX: &str = "content/articles/fox-citing-2025-12-27-mar-a-lago-call.md";
const FOX_PAGE: &str = "articles/fox-citing-2025-12-27-mar-a-lago-call.html";

/// A running `dossier serve` on a dossier in a temporary folder.
pub(crate) struct Server {
    child: Child,
    /// The dossier's folder (a temporary copy) and the site's.
    dir: tempfile::TempDir,
    pub(crate) site: PathBuf,
    /// `127.0.0.1:PORT`
    address: String,
    /// What the server printed, line by line.
    log: Arc<Mutex<Vec<String>>>,
    /// How many rebuilds had finished when the last edit was made.
    finished_before_edit: Mutex<usize>,
}

impl Server {
    /// Copy the example dossier (and `extra` files) and serve it.
    fn start(extra: &[(&str, &str)]) -> Server {
        Server::start_with(|root| {
            for entry in walkdir::WalkDir::new(crate::common::repo().join("content")) {
                let entry = entry.unwrap();
                let rel = entry.path().strip_prefix(crate::common::repo()).unwrap();
                if entry.file_type().is_dir() {
                    std::fs::create_dir_all(root.join(rel)).unwrap();
                } else {
                    std::fs::copy(entry.path(), root.join(rel)).unwrap();
                }
            }
            std::fs::copy(crate::common::repo().join("dossier.toml"), root.join("dossier.toml")).unwrap();
            for (path, text) in extra {
                std::fs::create_dir_all(root.join(path).parent().unwrap()).unwrap();
                std::fs::write(root.join(path), text).unwrap();
            }
        })
    }

    /// Serve the dossier `make` writes into an empty folder, once the first build is done.
    pub(crate) fn start_with(make: impl FnOnce(&Path)) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("dossier");
        std::fs::create_dir_all(&root).unwrap();
        make(&root);
        let site = dir.path().join("site");
        let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["serve", "--port", "0", "--out"])
            .arg(&site)
            .arg(&root)
            .env("NO_COLOR", "1")
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let (ready_tx, ready) = std::sync::mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        let lines = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(address) = line.split(" at http://").nth(1).and_then(|rest| rest.split('/').next()) {
                    let _ = ready_tx.send(address.to_string());
                }
                lines.lock().unwrap().push(line);
            }
        });
        let address = ready.recv_timeout(Duration::from_secs(120)).unwrap_or_else(|_| panic!("the server did not start:\n{}", log.lock().unwrap().join("\n")));
        Server { child, dir, site, address, log, finished_before_edit: Mutex::new(0) }
    }

    pub(crate) fn root(&self) -> PathBuf {
        self.dir.path().join("dossier")
    }

    /// `127.0.0.1:PORT`, where it listens.
    pub(crate) fn address(&self) -> &str {
        &self.address
    }

    pub(crate) fn log(&self) -> String {
        self.log.lock().unwrap().join("\n")
    }

    /// GET `path` exactly as written (no client-side normalisation of `..`):
    /// the status and the body.
    pub(crate) fn get(&self, path: &str) -> (u16, String) {
        let mut stream = std::net::TcpStream::connect(&self.address).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        write!(stream, "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", self.address).unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let response = String::from_utf8_lossy(&response).into_owned();
        let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
        let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        (status, body.to_string())
    }

    /// The headers of a response, lower-cased names.
    fn headers(&self, path: &str) -> BTreeMap<String, String> {
        let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).max_redirects(0).build().into();
        let response = agent.get(format!("http://{}{path}", self.address)).call().unwrap();
        let mut headers: BTreeMap<String, String> =
            response.headers().iter().map(|(k, v)| (k.as_str().to_ascii_lowercase(), v.to_str().unwrap_or_default().to_string())).collect();
        headers.insert(":status".into(), response.status().as_u16().to_string());
        headers
    }

    /// The live state the page's script polls for: (version, errors).
    pub(crate) fn poll(&self, since: u64) -> (u64, Vec<String>) {
        let agent: ureq::Agent = ureq::Agent::config_builder().timeout_global(Some(Duration::from_secs(60))).build().into();
        let body = agent.get(format!("http://{}/__dossier/poll?since={since}", self.address)).call().unwrap().body_mut().read_to_string().unwrap();
        let value: serde_json::Value = serde_json::from_str(&body).unwrap();
        let errors = value["errors"].as_array().unwrap().iter().map(|e| e.as_str().unwrap().to_string()).collect();
        (value["version"].as_u64().unwrap(), errors)
    }

    fn version(&self) -> u64 {
        self.poll(u64::MAX).0
    }

    /// Rebuilds finished so far (each ends with one line, `rebuilt` or `rebuild ... failed`).
    fn finished(&self) -> usize {
        self.log.lock().unwrap().iter().filter(|l| l.starts_with("rebuil")).count()
    }

    /// Wait (up to a minute) for the browser to be told about the rebuild
    /// after `version`, and for that rebuild to finish; the version and errors then.
    pub(crate) fn next_rebuild(&self, version: u64) -> (u64, Vec<String>) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while self.poll(version).0 == version {
            assert!(Instant::now() < deadline, "no rebuild within a minute:\n{}", self.log());
        }
        let before = *self.finished_before_edit.lock().unwrap();
        while self.finished() <= before {
            assert!(Instant::now() < deadline, "the rebuild did not finish within a minute:\n{}", self.log());
            std::thread::sleep(Duration::from_millis(10));
        }
        self.poll(u64::MAX)
    }

    pub(crate) fn edit(&self, rel: &str, from: &str, to: &str) {
        *self.finished_before_edit.lock().unwrap() = self.finished();
        let path = self.root().join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} has no `{from}`");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }

    /// Ctrl-C, and wait for the server to stop.
    fn interrupt(&mut self) -> std::process::ExitStatus {
        Command::new("kill").args(["-INT", &self.child.id().to_string()]).status().unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "the server did not stop on Ctrl-C:\n{}", self.log());
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Every file of the site: bytes, inode and modification time.
fn files(site: &Path) -> BTreeMap<String, (Vec<u8>, u64, i64, i64)> {
    walkdir::WalkDir::new(site)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let m = e.metadata().unwrap();
            (e.path().strip_prefix(site).unwrap().to_string_lossy().into_owned(), (std::fs::read(e.path()).unwrap(), m.ino(), m.mtime(), m.mtime_nsec()))
        })
        .collect()
}

/// Files whose bytes changed, and a check that no other file was rewritten.
fn changed_and_untouched(
    before: &BTreeMap<String, (Vec<u8>, u64, i64, i64)>,
    after: &BTreeMap<String, (Vec<u8>, u64, i64, i64)>,
) -> (Vec<String>, Vec<String>) {
    assert_eq!(before.keys().collect::<Vec<_>>(), after.keys().collect::<Vec<_>>(), "the site's files changed");
    let mut changed = Vec::new();
    let mut untouched = Vec::new();
    for (path, (bytes, inode, secs, nanos)) in before {
        let (new_bytes, new_inode, new_secs, new_nanos) = &after[path];
        if bytes != new_bytes {
            changed.push(path.clone());
        } else {
            assert_eq!((inode, secs, nanos), (new_inode, new_secs, new_nanos), "{path} has the same bytes but was rewritten");
            untouched.push(path.clone());
        }
    }
    (changed, untouched)
}

#[test]
fn an_edit_is_served_and_rewrites_only_the_pages_that_changed() {
    let mut server = Server::start(&[]);
    let (status, page) = server.get(&format!("/dossier/{FOX_PAGE}"));
    assert_eq!(status, 200);
    assert!(page.contains("diplomatic victory"));
    assert!(page.contains("<script src=\"/__dossier/live.js\""), "the live-reload script is added to served pages");
    let on_disk = crate::common::read(&server.site.join(FOX_PAGE));
    assert!(!on_disk.contains("__dossier"), "the script is never written into the site");

    let before = files(&server.site);
    let version = server.version();
    server.edit(FOX, "diplomatic victory", "diplomatic triumph");
    let (_, errors) = server.next_rebuild(version);
    assert!(errors.is_empty(), "{errors:?}");
    let (_, page) = server.get(&format!("/dossier/{FOX_PAGE}"));
    assert!(page.contains("diplomatic triumph"));

    let after = files(&server.site);
    let (changed, untouched) = changed_and_untouched(&before, &after);
    assert!(changed.contains(&FOX_PAGE.to_string()), "{changed:?}");
    // An article about another event, and that event's page, do not show the edited text.
    for unrelated in ["articles/unknown-2025-08-18-white-house-talks.html", "events/white-house-meeting-2025-08-18.html", "404.html"] {
        assert!(untouched.contains(&unrelated.to_string()), "{unrelated} changed: {changed:?}");
    }
    assert!(server.log().contains("rebuilt (articles)"), "the edit was rebuilt incrementally:\n{}", server.log());
    assert!(server.log().contains(&format!("reload: {FOX_PAGE} (")), "the article's own page went first:\n{}", server.log());

    // What the preview wrote is exactly what a full build of the edited dossier writes.
    let status = server.interrupt();
    assert!(status.success(), "{status:?}\n{}", server.log());
    let fresh = server.dir.path().join("fresh");
    let report = dossier::build(&server.root(), &dossier::BuildOptions { out: Some(fresh.clone()), ..Default::default() }).unwrap();
    assert!(!report.diagnostics.has_errors());
    // The manifests list the same files; only `dossier build` records what it was built from.
    // The preview adds the analyst's suggestions to article pages; the rest is the build's.
    let site_files = |dir: &std::path::Path| {
        let mut files = crate::common::without_preview_tools(crate::common::snapshot(dir));
        let manifest = String::from_utf8(files.remove(".dossier-site").expect("a manifest")).unwrap();
        (files, manifest.lines().filter(|l| !l.starts_with('#')).map(String::from).collect::<Vec<_>>())
    };
    assert!(site_files(&server.site) == site_files(&fresh), "the incrementally rebuilt site differs from a full build");
    // A clean stop: no staging folders or temporary files left beside or in the site.
    let leftovers: Vec<String> = walkdir::WalkDir::new(server.dir.path())
        .min_depth(1)
        .into_iter()
        .map(Result::unwrap)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("dossier-patch") || n.contains("dossier-new") || n.contains("dossier-tmp") || n.starts_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn an_error_shows_an_overlay_over_the_last_good_page_until_it_is_fixed() {
    let server = Server::start(&[]);
    let version = server.version();
    let page_before = crate::common::read(&server.site.join(FOX_PAGE));

    // Broken front matter that quotes markup: the overlay must show it as text.
    server.edit(FOX, "date = 2025-12-27", "date = \"<script>alert(1)</script>");
    let (version, errors) = server.next_rebuild(version);
    let all = errors.join("\n");
    assert!(all.contains(&format!("{FOX}:4")), "file and line: {all}");
    assert!(all.contains("help:"), "a hint: {all}");
    let (status, page) = server.get(&format!("/dossier/{FOX_PAGE}"));
    assert_eq!(status, 200);
    assert!(page.contains("id=\"dossier-overlay\""), "{page}");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!page.contains("<script>alert(1)"), "error text is escaped");
    assert!(page.contains("diplomatic victory"), "the last good page is still served");
    assert_eq!(crate::common::read(&server.site.join(FOX_PAGE)), page_before, "nothing was written");
    assert!(server.log().contains(&format!("{FOX}:4")), "the terminal shows the error too:\n{}", server.log());

    // Fixed, then broken differently (an annotation of an unknown kind), then fixed again.
    server.edit(FOX, "date = \"<script>alert(1)</script>", "date = 2025-12-27");
    let (version, errors) = server.next_rebuild(version);
    assert!(errors.is_empty(), "{errors:?}");
    let (_, page) = server.get(&format!("/dossier/{FOX_PAGE}"));
    assert!(!page.contains("dossier-overlay"), "fixing the error clears the overlay");

    server.edit(FOX, "diplomatic victory", "[diplomatic victory]{.bogus}");
    let (version, errors) = server.next_rebuild(version);
    assert!(errors.join("\n").contains("bogus"), "{errors:?}");
    let (_, page) = server.get("/dossier/index.html");
    assert!(page.contains("dossier-overlay"), "every page shows the overlay");
    server.edit(FOX, "[diplomatic victory]{.bogus}", "[diplomatic victory]{.note note=\"fixed\"}");
    let (_, errors) = server.next_rebuild(version);
    assert!(errors.is_empty(), "{errors:?}");
    let (_, page) = server.get(&format!("/dossier/{FOX_PAGE}"));
    assert!(!page.contains("dossier-overlay") && page.contains("fixed"));
}

#[test]
fn a_template_edit_rewrites_only_the_pages_made_with_it() {
    let actor = dossier::render::DEFAULT_TEMPLATES.iter().find(|(n, _)| *n == "actor.html").unwrap().1;
    let server = Server::start(&[("templates/actor.html", actor)]);
    let before = files(&server.site);
    let version = server.version();
    server.edit("templates/actor.html", "{% block main %}", "{% block main %}<p class=\"serve-test-marker\">edited</p>");
    let (_, errors) = server.next_rebuild(version);
    assert!(errors.is_empty(), "{errors:?}");
    let (changed, _) = changed_and_untouched(&before, &files(&server.site));
    assert!(!changed.is_empty());
    for path in &changed {
        assert!(path.starts_with("actors/") && path.ends_with(".html") && path != "actors/index.html", "{path} changed: {changed:?}");
    }
    assert!(server.get("/dossier/actors/donald-trump.html").1.contains("serve-test-marker"));
}

#[test]
fn only_the_site_is_served() {
    let server = Server::start(&[]);
    std::fs::write(server.dir.path().join("secret.txt"), "secret").unwrap();
    let headers = server.headers("/");
    assert_eq!((headers[":status"].as_str(), headers["location"].as_str()), ("302", "/dossier/"), "the site lives under its base path");
    assert_eq!(server.headers("/dossier/articles")["location"], "/dossier/articles/");
    for (path, kind) in [("/dossier/", "text/html"), ("/dossier/feed.xml", "application/xml"), ("/dossier/search/index.json", "application/json")] {
        assert!(server.headers(path)["content-type"].starts_with(kind), "{path}");
    }
    let css = server.get("/dossier/assets/style.css?v=1");
    assert_eq!(css.0, 200);
    for path in
        ["/dossier/../secret.txt", "/dossier/%2e%2e/secret.txt", "/dossier/..%2fsecret.txt", "/dossier/.dossier-site", "/dossier/nope.html", "/secret.txt"]
    {
        let (status, body) = server.get(path);
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("secret"), "{path}");
    }
    let (_, not_found) = server.get("/dossier/nope.html");
    assert!(not_found.contains("<h1>Page not found</h1>") && not_found.contains("/__dossier/live.js"), "the site's 404 page: {not_found}");
}

/// The example dossier's files (without suggested links, which the preview
/// follows by comparing them before and after), with `FOX` as `fox`.
fn example_in_memory(fox: &str) -> dossier::load::Memory {
    let repo = crate::common::repo();
    let mut files = vec![(
        "dossier.toml".to_string(),
        crate::common::read(&repo.join("dossier.toml")).replace("show_suggestions = true", "show_suggestions = false").into_bytes(),
    )];
    for entry in walkdir::WalkDir::new(repo.join("content")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(&repo).unwrap().to_string_lossy().replace('\\', "/");
            let bytes = if rel == FOX { fox.as_bytes().to_vec() } else { std::fs::read(entry.path()).unwrap() };
            files.push((rel, bytes));
        }
    }
    dossier::load::Memory::new(files)
}

/// Every file of the site, rendered in memory.
fn rendered(site: &dossier::link::Site) -> BTreeMap<String, Vec<u8>> {
    let (files, diagnostics) = dossier::render::render(site);
    assert!(!diagnostics.has_errors(), "{diagnostics:?}");
    files.into_iter().map(|f| (f.path, f.bytes)).collect()
}

/// The preview's rule for what an article edit refreshes comes from the
/// route table: every kind of page that shows the article (as the table
/// says) gets its pages showing it made again, no kind that shows only
/// settings does, and every page or file whose bytes the edit changes is
/// among those made again.
#[test]
fn an_article_edit_refreshes_every_page_kind_that_shows_it() {
    use dossier::render::{Touched, Wanted};
    use dossier::urls::{Shows, ROUTES};

    let original = crate::common::read(&crate::common::repo().join(FOX));
    let mut fox = original.clone();
    let linked = dossier::pipeline::run(&example_in_memory(&fox), &Default::default());
    assert!(!linked.diagnostics.has_errors(), "{:?}", linked.diagnostics);
    let mut site = linked.site;
    // A mention of Trump gone (his page changes), then a cross-reference
    // gone (the page of the article it pointed to changes).
    let edits = [
        ("a \"diplomatic victory\" for Donald Trump.", "a \"diplomatic victory\" for the president."),
        (" to=axios-citing-2025-12-06-witkoff-kushner-call#plan-19 rel=contradicts", ""),
    ];
    for (from, to) in edits {
        assert!(fox.contains(from), "{from}");
        fox = fox.replacen(from, to, 1);
        let before = rendered(&site);
        let reloaded = dossier::pipeline::reload(&example_in_memory(&fox), &site, &linked.matcher, &[FOX.to_string()]);
        assert!(!reloaded.structural && reloaded.failed.is_empty() && !reloaded.diagnostics.has_errors(), "{:?}", reloaded.diagnostics);
        let mut touched = Touched::default();
        for (ai, article) in reloaded.articles {
            touched.what_shows(&site, ai);
            site.articles[ai.index()] = article;
            assert!(!dossier::pipeline::relink(&mut site, &linked.matcher).has_errors());
            touched.what_shows(&site, ai);
        }
        let after = rendered(&site);
        let changed: Vec<&String> = after.keys().filter(|path| before.get(*path) != after.get(*path)).collect();

        let kinds = std::sync::Mutex::new(BTreeSet::new());
        let made = std::sync::Mutex::new(BTreeSet::new());
        let wanted = |w: Wanted<'_>| {
            let wanted = touched.wants(w);
            if let (true, Some(kind)) = (wanted, w.kind) {
                kinds.lock().unwrap().insert(kind);
            }
            wanted
        };
        let (_, diagnostics) = dossier::render::render_only(&site, &wanted, &|f: dossier::render::OutputFile| {
            made.lock().unwrap().insert(f.path);
            Ok(())
        });
        assert!(!diagnostics.has_errors());
        let (kinds, made) = (kinds.into_inner().unwrap(), made.into_inner().unwrap());
        for route in &ROUTES {
            assert_eq!(kinds.contains(&route.kind), route.shows != Shows::Settings, "{:?} (shows {:?}) after `{from}`", route.kind, route.shows);
        }
        let missed: Vec<&&String> = changed.iter().filter(|path| !made.contains(**path)).collect();
        assert!(missed.is_empty(), "changed by `{from}` but not refreshed: {missed:?}");
        assert!(changed.len() > 3, "the edit shows on several pages: {changed:?}");
    }
    assert_ne!(fox, original);
}
