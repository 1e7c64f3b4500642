//! The preview's HTTP side: the built site's files under the published base
//! path, a long-poll endpoint that answers when a rebuild finishes, and the
//! small script that uses it to reload the page.
//!
//! Only files inside the output folder are served: request paths are
//! decoded and checked component by component (no `..`, no hidden files
//! such as the manifest), then resolved and checked again to be inside the
//! folder, so a symbolic link cannot lead out. The live-reload script and
//! the error overlay are added to HTML responses here, never to the files:
//! the site on disk is exactly what `dossier build` makes.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use tiny_http::{Header, Request, Response};

use crate::text::escape_html;
use crate::urls::{Page, PageKind};

/// Where the preview's own files live: outside any base path a site can have.
const PREFIX: &str = "/__dossier/";

/// How long a poll waits for a rebuild before answering "nothing new".
const POLL_WAIT: Duration = Duration::from_secs(20);

const LIVE_JS: &str = include_str!("live.js");

/// What the browser needs to know after a rebuild.
#[derive(Debug, Clone, Default)]
struct LiveState {
    /// Bumped after every rebuild that changed the site or its errors.
    version: u64,
    /// The errors of the last rebuild, as plain text (file, line, hint).
    errors: Vec<String>,
    /// The base path the site is served under (`/repo/`).
    base_path: String,
    /// The files each recent version changed, so a page reloads only when
    /// it changed; `None`: anything may have (reload every page).
    history: std::collections::VecDeque<(u64, Option<Vec<String>>)>,
}

/// How many versions' changes are remembered for browsers that fell behind.
const HISTORY: usize = 32;

/// More changed files than this, and browsers are simply told "everything".
const MANY: usize = 1000;

impl LiveState {
    /// The files changed after version `since`, or `None` when not known.
    fn changed_since(&self, since: u64) -> Option<Vec<String>> {
        let oldest = self.history.front().map_or(self.version + 1, |(v, _)| *v);
        if since.saturating_add(1) < oldest {
            return None;
        }
        let mut all = std::collections::BTreeSet::new();
        for (_, changed) in self.history.iter().filter(|(v, _)| *v > since) {
            all.extend(changed.as_ref()?.iter().cloned());
        }
        Some(all.into_iter().collect())
    }
}

/// Shared between the rebuild loop (which publishes) and request threads (which wait).
#[derive(Default)]
pub(super) struct Live {
    state: Mutex<LiveState>,
    changed: Condvar,
}

impl Live {
    pub(super) fn new(base_path: String) -> Live {
        Live { state: Mutex::new(LiveState { base_path, ..LiveState::default() }), changed: Condvar::new() }
    }

    /// A rebuild (or its first part) finished, changing the files `changed`
    /// (relative to the site): tell every waiting browser.
    pub(super) fn publish(&self, errors: Vec<String>, base_path: Option<String>, changed: &[String]) {
        let mut state = self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        state.version += 1;
        state.errors = errors;
        let version = state.version;
        state.history.push_back((version, (changed.len() <= MANY).then(|| changed.to_vec())));
        if state.history.len() > HISTORY {
            state.history.pop_front();
        }
        if let Some(base) = base_path {
            state.base_path = base;
        }
        self.changed.notify_all();
    }

    pub(super) fn has_errors(&self) -> bool {
        !self.snapshot().errors.is_empty()
    }

    fn snapshot(&self) -> LiveState {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    /// Wait until the version differs from `since`, or [`POLL_WAIT`].
    fn wait_newer(&self, since: u64) -> LiveState {
        let state = self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let (state, _) = self.changed.wait_timeout_while(state, POLL_WAIT, |s| s.version == since).unwrap_or_else(std::sync::PoisonError::into_inner);
        state.clone()
    }
}

/// Answer requests until the server is unblocked. Each request gets its own
/// thread: polls wait for seconds, and a preview has few readers.
pub(super) fn run(server: Arc<tiny_http::Server>, out: PathBuf, live: Arc<Live>) {
    for request in server.incoming_requests() {
        let out = out.clone();
        let live = live.clone();
        std::thread::spawn(move || {
            let _ = respond(request, &out, &live);
        });
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("header names and values are ASCII")
}

fn respond(request: Request, out: &Path, live: &Live) -> std::io::Result<()> {
    use tiny_http::Method;
    if !matches!(request.method(), Method::Get | Method::Head) {
        return request.respond(Response::from_string("only GET and HEAD\n").with_status_code(405).with_header(header("Allow", "GET, HEAD")));
    }
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((url.as_str(), ""));
    if path == format!("{PREFIX}live.js") {
        return request.respond(Response::from_string(LIVE_JS).with_header(header("Content-Type", "text/javascript; charset=utf-8")).with_header(no_store()));
    }
    if path == format!("{PREFIX}poll") {
        let since = query.split('&').find_map(|kv| kv.strip_prefix("since=")).and_then(|v| v.parse().ok()).unwrap_or(u64::MAX);
        let state = live.wait_newer(since);
        let changed = state.changed_since(since);
        let body = serde_json::json!({ "version": state.version, "errors": state.errors, "changed": changed, "base": state.base_path }).to_string();
        return request.respond(Response::from_string(body).with_header(header("Content-Type", "application/json")).with_header(no_store()));
    }
    let state = live.snapshot();
    let base = state.base_path.as_str();
    let Some(rel) = path.strip_prefix(base) else {
        if path == "/" || format!("{path}/") == base {
            return request.respond(redirect(base));
        }
        return not_found(request, out, &state);
    };
    match resolve(out, rel) {
        Resolved::File(file) => match fs::read(&file) {
            Ok(bytes) => {
                let kind = content_type(&file);
                let bytes = if kind.starts_with("text/html") { inject(bytes, &state) } else { bytes };
                request.respond(Response::from_data(bytes).with_header(header("Content-Type", kind)).with_header(no_store()))
            }
            Err(_) => not_found(request, out, &state),
        },
        Resolved::Folder => request.respond(redirect(&format!("{path}/"))),
        Resolved::Missing => not_found(request, out, &state),
    }
}

fn no_store() -> Header {
    // A preview changes under the reader: never serve a stale page from the cache.
    header("Cache-Control", "no-store")
}

fn redirect(to: &str) -> Response<std::io::Empty> {
    Response::empty(302).with_header(header("Location", to))
}

fn not_found(request: Request, out: &Path, state: &LiveState) -> std::io::Result<()> {
    let page = match fs::read(out.join(Page::of(PageKind::NotFound).path())) {
        Ok(bytes) => inject(bytes, state),
        Err(_) => inject(b"<!DOCTYPE html><title>Not found</title><body><h1>Not found</h1></body>".to_vec(), state),
    };
    request.respond(Response::from_data(page).with_status_code(404).with_header(header("Content-Type", "text/html; charset=utf-8")).with_header(no_store()))
}

enum Resolved {
    File(PathBuf),
    /// A folder named without its trailing slash: redirect, so relative links work.
    Folder,
    Missing,
}

/// The file inside `out` that `rel` (the URL path after the base path) names.
fn resolve(out: &Path, rel: &str) -> Resolved {
    let Some(decoded) = percent_decode(rel) else { return Resolved::Missing };
    let mut path = out.to_path_buf();
    for part in decoded.split('/').filter(|p| !p.is_empty()) {
        // `..` and `.` are refused, and hidden files (the manifest) are not part of the site.
        if part.starts_with('.') || part.contains('\\') || part.contains('\0') {
            return Resolved::Missing;
        }
        path.push(part);
    }
    if path.is_dir() {
        if !(decoded.is_empty() || decoded.ends_with('/')) {
            return Resolved::Folder;
        }
        path.push(crate::urls::FOLDER_INDEX);
    }
    // Resolve links and check again: the file must really be inside the site.
    match (fs::canonicalize(&path), fs::canonicalize(out)) {
        (Ok(real), Ok(root)) if real.starts_with(&root) && real.is_file() => Resolved::File(real),
        _ => Resolved::Missing,
    }
}

/// `%XX` escapes to bytes; `None` when they do not make UTF-8 text.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &Path) -> &'static str {
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "jsonld" => "application/ld+json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// Add the live-reload script, and the error overlay when the last rebuild
/// failed, before `</body>`. Error text comes from articles: it is escaped.
fn inject(html: Vec<u8>, state: &LiveState) -> Vec<u8> {
    let mut snippet = String::new();
    if !state.errors.is_empty() {
        snippet.push_str(&overlay(&state.errors));
    }
    snippet.push_str(&format!("<script src=\"{PREFIX}live.js\" data-version=\"{}\"></script>\n", state.version));
    let at = html.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>")).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + snippet.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The overlay as the server writes it; `live.js` builds the same one
/// with `textContent` when errors arrive while the page is open.
fn overlay(errors: &[String]) -> String {
    format!(
        "<div id=\"dossier-overlay\" role=\"alert\" style=\"{}\"><p style=\"margin:0 0 .5em;font-weight:bold\">dossier serve: the last edit has errors; this is the last good version of the page</p><pre style=\"margin:0;white-space:pre-wrap\">{}</pre></div>\n",
        OVERLAY_STYLE,
        escape_html(&errors.join("\n"))
    )
}

/// Kept in step with `live.js`.
const OVERLAY_STYLE: &str = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;margin:0;padding:1em;background:#2b0b0b;color:#ffecec;font:14px/1.4 ui-monospace,monospace;border-top:4px solid #e5484d";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_outside_the_site_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        fs::create_dir_all(out.join("articles")).unwrap();
        fs::write(out.join("index.html"), "home").unwrap();
        fs::write(out.join("articles/a.html"), "a").unwrap();
        fs::write(out.join(".dossier-site"), "manifest").unwrap();
        fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        assert!(matches!(resolve(&out, ""), Resolved::File(p) if p.ends_with("index.html")));
        assert!(matches!(resolve(&out, "articles/a.html"), Resolved::File(_)));
        assert!(matches!(resolve(&out, "articles"), Resolved::Folder));
        for bad in ["../secret.txt", "articles/../../secret.txt", "%2e%2e/secret.txt", ".dossier-site", "articles/%00", "%ff"] {
            assert!(matches!(resolve(&out, bad), Resolved::Missing), "{bad}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), out.join("link.txt")).unwrap();
            assert!(matches!(resolve(&out, "link.txt"), Resolved::Missing));
        }
    }

    #[test]
    fn browsers_learn_what_changed_since_their_version() {
        let live = Live::new("/".into());
        live.publish(Vec::new(), None, &["articles/a.html".to_string()]);
        live.publish(Vec::new(), None, &["actors/x.html".to_string(), "articles/a.html".to_string()]);
        let state = live.snapshot();
        assert_eq!(state.changed_since(1), Some(vec!["actors/x.html".to_string(), "articles/a.html".to_string()]));
        assert_eq!(state.changed_since(0), Some(vec!["actors/x.html".to_string(), "articles/a.html".to_string()]));
        assert_eq!(state.changed_since(2), Some(vec![]));
        let many: Vec<String> = (0..=MANY).map(|i| format!("articles/{i}.html")).collect();
        live.publish(Vec::new(), None, &many);
        assert_eq!(live.snapshot().changed_since(2), None, "too many to list: reload everything");
        for _ in 0..HISTORY {
            live.publish(Vec::new(), None, &[]);
        }
        assert_eq!(live.snapshot().changed_since(1), None, "fallen too far behind");
    }

    #[test]
    fn the_overlay_escapes_error_text() {
        let state = LiveState { version: 3, errors: vec!["<script>alert(1)</script> & \"x\"".into()], base_path: "/".into(), ..LiveState::default() };
        let html = String::from_utf8(inject(b"<html><body><p>page</p></body></html>".to_vec(), &state)).unwrap();
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"), "{html}");
        assert!(!html.contains("<script>alert"));
        assert!(html.ends_with("<script src=\"/__dossier/live.js\" data-version=\"3\"></script>\n</body></html>"), "{html}");
    }
}
