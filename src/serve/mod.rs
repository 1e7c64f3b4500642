//! `dossier serve`: a live preview for the edit-look-edit loop of annotating.
//!
//! The site is built into the output folder as `dossier build` would build
//! it, and served over HTTP under the same base path as the published site,
//! so links that work here work on GitHub Pages. The dossier's sources are
//! watched (`watch.rs`); after each edit only what the edit affects is
//! rebuilt (`rebuild.rs`) and the browser reloads the page (`http.rs`, with
//! `live.js`). When an edit has errors they are printed here and shown over
//! the page in the browser, and the last good site stays served until the
//! error is fixed. Ctrl-C stops the server after the rebuild in progress, so
//! no temporary file is left behind.

mod http;
mod rebuild;
mod watch;

use std::io::IsTerminal;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crate::diagnostics::{Diagnostic, Diagnostics, Severity};

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Port to listen on; 0 picks a free one (printed when ready).
    pub port: u16,
    /// Address to listen on: loopback unless asked otherwise.
    pub bind: IpAddr,
    /// Output folder; default: `output` from `dossier.toml` under the root.
    pub out: Option<PathBuf>,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions { port: 1111, bind: IpAddr::from([127, 0, 0, 1]), out: None }
    }
}

/// Build the dossier at `root`, serve it and rebuild on every edit until
/// Ctrl-C. Returns an error only when the preview cannot start (the output
/// folder is refused, the port is taken); errors in the dossier are shown
/// and waited out.
pub fn serve(root: &Path, options: &ServeOptions) -> Result<(), Diagnostic> {
    let root = std::fs::canonicalize(root).map_err(|e| Diagnostic::error(root.to_string_lossy(), format!("cannot open the dossier: {e}")))?;
    let (config, _) = crate::load::load_config(&crate::load::Folder::new(&root));
    let out = match &options.out {
        Some(out) if out.is_absolute() => out.clone(),
        Some(out) => std::env::current_dir().map(|d| d.join(out)).unwrap_or_else(|_| out.clone()),
        None => root.join(&config.output),
    };
    let out = crate::write::check_output(&root, &out, false).map_err(|e| Diagnostic::error(e.path.to_string_lossy(), e.message).with_hint(e.hint))?.path;

    let address = SocketAddr::new(options.bind, options.port);
    let listener = std::net::TcpListener::bind(address).map_err(|e| {
        Diagnostic::error(address.to_string(), format!("cannot listen: {e}")).with_hint("choose another port with --port, or 0 for any free port")
    })?;
    let address = listener.local_addr().unwrap_or(address);
    if !options.bind.is_loopback() {
        eprintln!("warning: listening on {}, so other machines on the network can read this preview", options.bind);
    }

    // Watch before the first build, so an edit made during it is not missed.
    let mut watcher = watch::Watcher::new(&root, &out)?;
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        if let Err(e) = ctrlc::set_handler(move || stop.store(true, Ordering::SeqCst)) {
            eprintln!("warning: cannot handle Ctrl-C ({e}); stop the server with a signal");
        }
    }

    let mut preview = rebuild::Preview::new(&root, &out);
    let first = preview.rebuild(rebuild::Changes::default(), &mut |_| {});
    report(&first);
    let live = Arc::new(http::Live::new(preview.base_path().unwrap_or_else(|| config.base_path())));
    live.publish(errors_for_browser(&first.diagnostics), preview.base_path(), &first.written);
    let serving = http::start(listener, out.clone(), live.clone(), http::Hosts { bind: options.bind }).map_err(|e| {
        Diagnostic::error(address.to_string(), format!("cannot start the server: {e}")).with_hint("the machine may be out of threads or memory")
    })?;
    let host = if address.ip().is_unspecified() { IpAddr::from([127, 0, 0, 1]) } else { address.ip() };
    eprintln!(
        "serving {} at http://{}{} (Ctrl-C to stop)",
        out.display(),
        SocketAddr::new(host, address.port()),
        preview.base_path().unwrap_or_else(|| config.base_path())
    );

    while !stop.load(Ordering::SeqCst) {
        let changes = watcher.next(Duration::from_millis(100));
        if changes.is_empty() {
            continue;
        }
        let base_path = preview.base_path();
        let clock = std::time::Instant::now();
        let outcome = preview.rebuild(changes, &mut |written| {
            if !written.is_empty() {
                eprintln!("  reload: {} ({:.1} ms)", written.join(", "), clock.elapsed().as_secs_f64() * 1000.0);
                live.publish(Vec::new(), base_path.clone(), written);
            }
        });
        report(&outcome);
        let errors = errors_for_browser(&outcome.diagnostics);
        // Tell browsers when the site changed, or when the errors did (to show or clear the overlay).
        if !outcome.written.is_empty() || !errors.is_empty() || live.has_errors() {
            live.publish(errors, preview.base_path(), &outcome.written);
        }
    }
    serving.stop(&live);
    eprintln!("stopped");
    Ok(())
}

/// A rebuild in the terminal: diagnostics as `check` prints them, then one line.
fn report(outcome: &rebuild::Outcome) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for d in outcome.diagnostics.iter() {
        eprint!("{}", d.render(color));
    }
    let stages: Vec<String> = outcome.timings.iter().map(|(name, t)| format!("{name} {:.1} ms", t.as_secs_f64() * 1000.0)).collect();
    let total: Duration = outcome.timings.iter().map(|(_, t)| *t).sum();
    if outcome.diagnostics.has_errors() {
        eprintln!(
            "rebuild ({}) failed with {} error(s); the last good site is still served ({:.1} ms: {})",
            outcome.kind,
            outcome.diagnostics.count(Severity::Error),
            total.as_secs_f64() * 1000.0,
            stages.join(", ")
        );
    } else {
        eprintln!(
            "rebuilt ({}): {} file(s) rendered, {} written in {:.1} ms ({})",
            outcome.kind,
            outcome.rendered,
            outcome.written.len(),
            total.as_secs_f64() * 1000.0,
            stages.join(", ")
        );
    }
}

/// The overlay's text: every diagnostic, as the terminal shows it without
/// colour, when the rebuild failed; nothing when it succeeded.
fn errors_for_browser(diagnostics: &Diagnostics) -> Vec<String> {
    if !diagnostics.has_errors() {
        return Vec::new();
    }
    diagnostics.iter().map(|d| d.render(false)).collect()
}
