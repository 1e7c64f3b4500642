//! The preview's HTTP side: the built site's files under the published base
//! path, a long-poll endpoint that answers when a rebuild finishes, and the
//! small script that uses it to reload the page.
//!
//! Only files inside the output folder are served: request paths are
//! decoded once and checked component by component (no `..`, no hidden
//! files such as the manifest), then resolved and checked again to be
//! inside the folder, so a symbolic link cannot lead out. The live-reload
//! script and the error overlay are added to HTML responses here, never to
//! the files: the site on disk is exactly what `dossier build` makes.
//!
//! The server is small and bounded, because any web page the user visits
//! can make their browser talk to it: a fixed pool of [`WORKERS`] threads
//! answers one request per connection, at most [`MAX_CONNECTIONS`] are open
//! at once (more are told 503 and closed), each read and write has a time
//! limit, a browser waiting for a rebuild holds no thread (the waiting polls
//! are answered by one thread), and a failure to accept a connection (too
//! many open files) is waited out, never fatal. Requests must name the
//! server by a loopback name or the address it listens on (`Host`), so a
//! page on another site cannot read the preview through DNS rebinding.
//! Redirects stay on the server (`//host` is never a `Location`), and any
//! base path works, percent-encoded or not.
//!
//! Why not `tiny_http`, which served the preview before: it reads each
//! connection on a thread of its own pool, which grows without limit, its
//! accept loop ends for good on the first accept error (too many open
//! files) and panics when a thread cannot be spawned, and it queues parsed
//! requests without bound. None of that can be bounded from outside its
//! `Server`. What is left to write here is the accept loop, the pool and
//! the reply; `httparse` parses the request head.

use std::collections::VecDeque;
use std::fs;
use std::io::{Read, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::text::escape_html;
use crate::urls::{Page, PageKind};

/// Where the preview's own files live: outside any base path a site can have.
const PREFIX: &str = "/__dossier/";

/// How long a poll waits for a rebuild before answering "nothing new".
const POLL_WAIT: Duration = Duration::from_secs(20);

/// Threads answering requests.
const WORKERS: usize = 8;

/// Connections open at once: queued, being answered, or waiting for a rebuild.
const MAX_CONNECTIONS: usize = 64;

/// Browsers waiting for a rebuild at once; a poll beyond is answered at once.
const MAX_WAITING: usize = 32;

/// Longest request line and headers.
const MAX_HEAD: usize = 16 * 1024;

/// Longest a client may take to send its request or read the answer.
const IO_TIMEOUT: Duration = Duration::from_secs(10);

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

/// Shared between the rebuild loop (which publishes) and the server (whose
/// poll thread answers the browsers waiting for a rebuild).
#[derive(Default)]
pub(super) struct Live {
    state: Mutex<LiveState>,
    changed: Condvar,
    waiting: Mutex<VecDeque<Waiting>>,
}

impl Live {
    pub(super) fn new(base_path: String) -> Live {
        Live { state: Mutex::new(LiveState { base_path, ..LiveState::default() }), ..Live::default() }
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

    /// Answer a poll now when the site changed after version `since`, else
    /// leave it with the poll thread until it does or [`POLL_WAIT`] passes
    /// (answered now when too many browsers wait already).
    fn poll(&self, connection: Connection, since: u64, head_only: bool) {
        let state = self.snapshot();
        let mut waiting = self.waiting.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if state.version != since || waiting.len() >= MAX_WAITING {
            drop(waiting);
            return send(&connection.stream, poll_reply(&state, since), head_only);
        }
        waiting.push_back(Waiting { connection, since, until: Instant::now() + POLL_WAIT, head_only });
    }
}

/// Which `Host` a request may name: DNS rebinding makes a browser send a
/// page's requests to this server under the attacker's own domain name, so
/// only loopback names and the listening address are answered (any IP
/// address when listening on all of them: rebinding needs a name).
#[derive(Debug, Clone, Copy)]
pub(super) struct Hosts {
    pub bind: IpAddr,
}

impl Hosts {
    fn allows(&self, host: &str) -> bool {
        let host = host.trim().to_ascii_lowercase();
        let name = match host.strip_prefix('[') {
            Some(v6) => v6.split_once(']').map_or("", |(ip, _)| ip),
            None => host.rsplit_once(':').filter(|(_, port)| port.chars().all(|c| c.is_ascii_digit())).map_or(host.as_str(), |(name, _)| name),
        };
        let name = name.trim_end_matches('.');
        if name == "localhost" {
            return true;
        }
        match name.parse::<IpAddr>() {
            Ok(ip) => ip.is_loopback() || ip == self.bind || self.bind.is_unspecified(),
            Err(_) => false,
        }
    }
}

/// The running server: stop it with [`Running::stop`].
pub(super) struct Running {
    stop: Arc<AtomicBool>,
    address: SocketAddr,
    threads: Vec<std::thread::JoinHandle<()>>,
}

impl Running {
    /// Stop accepting, let the workers finish, answer the waiting polls.
    pub(super) fn stop(self, live: &Live) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accepting thread with a connection of our own.
        let _ = TcpStream::connect_timeout(&self.address, Duration::from_secs(1));
        live.changed.notify_all();
        for t in self.threads {
            let _ = t.join();
        }
    }
}

/// A connection, counted while it is open.
struct Connection {
    stream: TcpStream,
    _slot: Slot,
}

struct Slot(Arc<AtomicUsize>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Serve `out` on `listener` until stopped: the accepting thread, the
/// workers and the thread that answers waiting polls.
pub(super) fn start(listener: TcpListener, out: PathBuf, live: Arc<Live>, hosts: Hosts) -> std::io::Result<Running> {
    let address = listener.local_addr()?;
    let stop = Arc::new(AtomicBool::new(false));
    let open = Arc::new(AtomicUsize::new(0));
    let (queue, connections) = mpsc::sync_channel::<Connection>(MAX_CONNECTIONS);
    let connections = Arc::new(Mutex::new(connections));
    let mut threads = Vec::new();
    for i in 0..WORKERS {
        let (connections, out, live) = (connections.clone(), out.clone(), live.clone());
        threads.push(std::thread::Builder::new().name(format!("serve-{i}")).spawn(move || loop {
            let next = connections.lock().unwrap_or_else(std::sync::PoisonError::into_inner).recv();
            let Ok(connection) = next else { return };
            answer(connection, &out, &live, hosts);
        })?);
    }
    {
        let (live, stop) = (live.clone(), stop.clone());
        threads.push(std::thread::Builder::new().name("serve-polls".into()).spawn(move || answer_polls(&live, &stop))?);
    }
    let accepting = stop.clone();
    threads.push(std::thread::Builder::new().name("serve-accept".into()).spawn(move || {
        let mut complained = false;
        while !accepting.load(Ordering::SeqCst) {
            match listener.accept() {
                Ok((stream, _)) => {
                    if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
                        let slot = Slot(open.clone());
                        busy(stream);
                        drop(slot);
                        continue;
                    }
                    let connection = Connection { stream, _slot: Slot(open.clone()) };
                    if let Err(mpsc::TrySendError::Full(c) | mpsc::TrySendError::Disconnected(c)) = queue.try_send(connection) {
                        busy(c.stream);
                    }
                }
                Err(e) => {
                    // Out of file descriptors or memory: wait for connections to close.
                    if !complained {
                        eprintln!("warning: cannot accept a connection ({e}); waiting for others to close");
                        complained = true;
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
            }
        }
    })?);
    Ok(Running { stop, address, threads })
}

/// Turn a connection away when the server is full, without waiting on it.
fn busy(mut stream: TcpStream) {
    let _ = stream.set_nonblocking(true);
    let _ = stream.write_all(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nRetry-After: 1\r\nConnection: close\r\n\r\n");
}

/// A request, as much of it as the preview needs.
struct Request {
    head_only: bool,
    method: String,
    target: String,
    host: Option<String>,
}

/// An answer: status, headers and body.
struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        // A preview changes under the reader: never serve a stale page from the cache.
        Reply { status, headers: vec![("Content-Type", content_type.into()), ("Cache-Control", "no-store".into())], body: body.into() }
    }

    fn text(status: u16, body: &str) -> Reply {
        Reply::new(status, "text/plain; charset=utf-8", body)
    }

    /// A redirect to `to`, a path on this server: percent-encoded, so the
    /// header is ASCII whatever the base path, and never `//host` or `/\host`,
    /// which browsers would take for another server.
    fn redirect(to: &str) -> Reply {
        let location = format!("/{}", to.trim_start_matches(['/', '\\']));
        Reply { status: 302, headers: vec![("Location", percent_encode(&location)), ("Cache-Control", "no-store".into())], body: Vec::new() }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        _ => "Error",
    }
}

/// One connection: read its request, answer it (or leave a poll waiting).
fn answer(connection: Connection, out: &Path, live: &Live, hosts: Hosts) {
    let mut stream = &connection.stream;
    let _ = stream.set_read_timeout(Some(IO_TIMEOUT));
    let _ = stream.set_write_timeout(Some(IO_TIMEOUT));
    let request = match read_request(&mut stream) {
        Ok(r) => r,
        Err(status) => return send(&connection.stream, Reply::text(status, "bad request\n"), false),
    };
    if !request.host.as_deref().is_some_and(|h| hosts.allows(h)) {
        let body = "dossier serve answers only requests for localhost or the address it listens on\n";
        return send(&connection.stream, Reply::text(403, body), request.head_only);
    }
    if request.method != "GET" && request.method != "HEAD" {
        let mut reply = Reply::text(405, "only GET and HEAD\n");
        reply.headers.push(("Allow", "GET, HEAD".into()));
        return send(&connection.stream, reply, request.head_only);
    }
    let (path, query) = request.target.split_once('?').unwrap_or((request.target.as_str(), ""));
    if path == format!("{PREFIX}poll") {
        let since = query.split('&').find_map(|kv| kv.strip_prefix("since=")).and_then(|v| v.parse().ok()).unwrap_or(u64::MAX);
        return live.poll(connection, since, request.head_only);
    }
    let reply = respond(path, out, live);
    send(&connection.stream, reply, request.head_only);
}

/// Read the request head (at most [`MAX_HEAD`] bytes) and parse it.
fn read_request(stream: &mut impl Read) -> Result<Request, u16> {
    let mut head = Vec::with_capacity(1024);
    let mut buf = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        if head.len() > MAX_HEAD {
            return Err(431);
        }
        let n = stream.read(&mut buf).map_err(|_| 400u16)?;
        if n == 0 {
            return Err(400);
        }
        head.extend_from_slice(&buf[..n]);
    }
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let mut parsed = httparse::Request::new(&mut headers);
    match parsed.parse(&head) {
        Ok(httparse::Status::Complete(_)) => {}
        Err(httparse::Error::TooManyHeaders) => return Err(431),
        _ => return Err(400),
    }
    let method = parsed.method.unwrap_or_default().to_string();
    let host = parsed.headers.iter().find(|h| h.name.eq_ignore_ascii_case("host")).and_then(|h| std::str::from_utf8(h.value).ok()).map(str::to_string);
    Ok(Request { head_only: method == "HEAD", method, target: parsed.path.unwrap_or("/").to_string(), host })
}

fn send(mut stream: &TcpStream, reply: Reply, head_only: bool) {
    let mut head = format!("HTTP/1.1 {} {}\r\n", reply.status, reason(reply.status));
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\nConnection: close\r\n\r\n", reply.body.len()));
    let _ = stream.write_all(head.as_bytes());
    if !head_only {
        let _ = stream.write_all(&reply.body);
    }
    let _ = stream.flush();
}

/// The answer for `path` (as requested, percent-encoded).
fn respond(path: &str, out: &Path, live: &Live) -> Reply {
    if path == format!("{PREFIX}live.js") {
        return Reply::new(200, "text/javascript; charset=utf-8", LIVE_JS);
    }
    let state = live.snapshot();
    // Both sides decoded: a base path may have letters beyond ASCII.
    let Some(path) = percent_decode(path) else { return not_found(out, &state) };
    let base = percent_decode(&state.base_path).unwrap_or_else(|| state.base_path.clone());
    let Some(rel) = path.strip_prefix(base.as_str()) else {
        if path == "/" || format!("{path}/") == base {
            return Reply::redirect(&base);
        }
        return not_found(out, &state);
    };
    match resolve(out, rel) {
        Resolved::File(file) => match fs::read(&file) {
            Ok(bytes) => {
                let kind = content_type(&file);
                let bytes = if kind.starts_with("text/html") { inject(bytes, &state) } else { bytes };
                Reply::new(200, kind, bytes)
            }
            Err(_) => not_found(out, &state),
        },
        Resolved::Folder(parts) => Reply::redirect(&format!("{base}{parts}/")),
        Resolved::Missing => not_found(out, &state),
    }
}

fn not_found(out: &Path, state: &LiveState) -> Reply {
    let page = match fs::read(out.join(Page::of(PageKind::NotFound).path())) {
        Ok(bytes) => inject(bytes, state),
        Err(_) => inject(b"<!DOCTYPE html><title>Not found</title><body><h1>Not found</h1></body>".to_vec(), state),
    };
    Reply::new(404, "text/html; charset=utf-8", page)
}

/// A browser waiting for a rebuild newer than `since`.
struct Waiting {
    connection: Connection,
    since: u64,
    until: Instant,
    head_only: bool,
}

/// The poll thread: answer each waiting browser when a rebuild is
/// published or its wait is over.
fn answer_polls(live: &Live, stop: &AtomicBool) {
    loop {
        {
            let state = live.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            let _ = live.changed.wait_timeout(state, Duration::from_millis(500));
        }
        let stopping = stop.load(Ordering::SeqCst);
        let state = live.snapshot();
        let now = Instant::now();
        let ready: Vec<Waiting> = {
            let mut waiting = live.waiting.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            let (ready, still): (Vec<_>, Vec<_>) = waiting.drain(..).partition(|w| stopping || w.since != state.version || now >= w.until);
            waiting.extend(still);
            ready
        };
        for w in ready {
            send(&w.connection.stream, poll_reply(&state, w.since), w.head_only);
        }
        if stopping {
            return;
        }
    }
}

fn poll_reply(state: &LiveState, since: u64) -> Reply {
    let body =
        serde_json::json!({ "version": state.version, "errors": state.errors, "changed": state.changed_since(since), "base": state.base_path }).to_string();
    Reply::new(200, "application/json", body)
}

/// `%XX`-encode everything but unreserved characters and `/`.
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

enum Resolved {
    File(PathBuf),
    /// A folder named without its trailing slash: redirect (to these parts
    /// of the path, joined), so relative links work.
    Folder(String),
    Missing,
}

/// The file inside `out` that `decoded` (the URL path after the base path,
/// percent-decoded) names.
fn resolve(out: &Path, decoded: &str) -> Resolved {
    let mut path = out.to_path_buf();
    let parts: Vec<&str> = decoded.split('/').filter(|p| !p.is_empty()).collect();
    for part in &parts {
        // `..` and `.` are refused, and hidden files (the manifest) are not part of the site.
        if part.starts_with('.') || part.contains('\\') || part.contains('\0') {
            return Resolved::Missing;
        }
        path.push(part);
    }
    if path.is_dir() {
        if !(decoded.is_empty() || decoded.ends_with('/')) {
            return Resolved::Folder(parts.join("/"));
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
        let resolve = |out: &Path, rel: &str| match percent_decode(rel) {
            Some(decoded) => resolve(out, &decoded),
            None => Resolved::Missing,
        };
        assert!(matches!(resolve(&out, ""), Resolved::File(p) if p.ends_with("index.html")));
        assert!(matches!(resolve(&out, "articles/a.html"), Resolved::File(_)));
        assert!(matches!(resolve(&out, "//articles"), Resolved::Folder(p) if p == "articles"));
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
    fn only_loopback_names_and_the_bind_address_are_answered() {
        let loopback = Hosts { bind: IpAddr::from([127, 0, 0, 1]) };
        for host in ["localhost", "localhost:1111", "LOCALHOST.", "127.0.0.1:8080", "[::1]:1111", "127.0.0.2"] {
            assert!(loopback.allows(host), "{host}");
        }
        for host in ["evil.example", "evil.example:1111", "localhost.evil.example", "10.0.0.1", "", "[::1"] {
            assert!(!loopback.allows(host), "{host}");
        }
        let lan = Hosts { bind: IpAddr::from([192, 168, 1, 5]) };
        assert!(lan.allows("192.168.1.5:1111") && !lan.allows("192.168.1.6") && !lan.allows("preview.example"));
        let all = Hosts { bind: IpAddr::from([0, 0, 0, 0]) };
        assert!(all.allows("192.168.1.6:1111") && !all.allows("rebound.example"));
    }

    #[test]
    fn redirects_stay_on_this_server() {
        for (to, location) in [("//evil.example/", "/evil.example/"), ("/\\evil.example", "/evil.example"), ("/dossié/", "/dossi%C3%A9/")] {
            let reply = Reply::redirect(to);
            assert_eq!(reply.headers[0], ("Location", location.to_string()), "{to}");
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
