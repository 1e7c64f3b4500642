//! Watching the dossier's sources: which files changed, sorted into what a
//! rebuild must redo ([`Changes`]).
//!
//! Editors save in bursts (a temporary file, a rename, a second write), so
//! events are gathered until the files have been quiet for a moment, and
//! everything that arrives while a rebuild runs goes into the next one. Only
//! changes count: reading a file (as every build does) is not an edit. The
//! output folder, hidden files and editors' backup files are ignored.
//!
//! (notify's debouncers were tried: the mini one drops the event kind, so
//! the build's own reads looked like edits, and the full one's rename
//! tracking is more than a rebuild trigger needs.)

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::time::Duration;

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use super::rebuild::Changes;
use crate::diagnostics::Diagnostic;
use crate::load::{Folder, Layout, I18N, STATIC, TEMPLATES, THEME};

/// Quiet time after the last event before the files count as saved: long
/// enough to merge an editor's writes, short enough not to be felt.
const QUIET: Duration = Duration::from_millis(20);

/// A burst that never goes quiet (a script writing for seconds) is still
/// rebuilt this often.
const LONGEST_BURST: Duration = Duration::from_millis(500);

/// The dossier's sources under watch.
pub(super) struct Watcher {
    root: PathBuf,
    out: PathBuf,
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
    /// Folders watched recursively so far (they may appear after start).
    watched: BTreeSet<PathBuf>,
}

impl Watcher {
    /// Watch the dossier at `root` (absolute), ignoring `out`.
    pub(super) fn new(root: &Path, out: &Path) -> Result<Watcher, Diagnostic> {
        let (tx, events) = std::sync::mpsc::channel();
        let inner = RecommendedWatcher::new(tx, notify::Config::default())
            .map_err(|e| Diagnostic::error(root.to_string_lossy(), format!("cannot watch the dossier for changes: {e}")))?;
        let mut watcher = Watcher { root: root.to_path_buf(), out: out.to_path_buf(), watcher: inner, events, watched: BTreeSet::new() };
        let layout = Layout::of(&Folder::new(root));
        // The root itself (not recursively, unless it holds the articles): dossier.toml, and
        // content/, templates/ or theme/ appearing.
        let mode = if layout.bare { RecursiveMode::Recursive } else { RecursiveMode::NonRecursive };
        watcher.watcher.watch(root, mode).map_err(|e| Diagnostic::error(root.to_string_lossy(), format!("cannot watch the dossier for changes: {e}")))?;
        watcher.watch_folders();
        Ok(watcher)
    }

    /// Start watching source folders that exist and are not watched yet.
    fn watch_folders(&mut self) {
        for dir in ["content", TEMPLATES, THEME, I18N, STATIC].map(|d| self.root.join(d)) {
            if dir.is_dir() && !self.watched.contains(&dir) && self.watcher.watch(&dir, RecursiveMode::Recursive).is_ok() {
                self.watched.insert(dir);
            }
        }
    }

    /// Wait up to `timeout` for a change; then gather events until the
    /// files are quiet, so a burst becomes one rebuild. Empty on timeout.
    pub(super) fn next(&mut self, timeout: Duration) -> Changes {
        let mut changes = Changes::default();
        let layout = Layout::of(&Folder::new(&self.root));
        let take = |event: notify::Result<Event>, changes: &mut Changes| match event {
            Ok(event) if is_change(&event.kind) => {
                for path in &event.paths {
                    classify(&self.root, &self.out, &layout, path, changes);
                }
            }
            Ok(_) => {}
            // Events were lost (e.g. the watch queue overflowed): be safe.
            Err(_) => changes.everything = true,
        };
        let deadline = std::time::Instant::now() + timeout;
        while changes.is_empty() {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.events.recv_timeout(left) {
                Ok(event) => take(event, &mut changes),
                Err(_) => return changes,
            }
        }
        let burst = std::time::Instant::now();
        while burst.elapsed() < LONGEST_BURST {
            match self.events.recv_timeout(QUIET) {
                Ok(event) => take(event, &mut changes),
                Err(_) => break,
            }
        }
        if changes.everything {
            self.watch_folders();
        }
        changes
    }
}

/// Whether an event may have changed a file: not a mere open or read.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// What a change to `path` means for the site.
fn classify(root: &Path, out: &Path, layout: &Layout, path: &Path, changes: &mut Changes) {
    if path.starts_with(out) {
        return;
    }
    let Ok(rel) = path.strip_prefix(root) else { return };
    let rel: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let name = rel.last().cloned().unwrap_or_default();
    let hidden = rel.iter().any(|c| c.starts_with('.'));
    // Editors' backups and swap files, and the file vim writes to test a folder.
    if hidden || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".swx") || name == "4913" {
        return;
    }
    let rel = rel.join("/");
    // As a folder, as the layout names folders ("" is the top: a bare folder's articles).
    let folder = if rel.is_empty() { String::new() } else { format!("{rel}/") };
    if ["content/", TEMPLATES, THEME, I18N, STATIC, layout.articles].contains(&folder.as_str()) {
        // A source folder appeared or went: it must be watched, and everything in it read.
        changes.everything = true;
    } else if layout.is_article(&rel) {
        changes.articles.insert(rel);
    } else if rel.starts_with(TEMPLATES) {
        changes.templates = true;
    } else if layout.is_setting(&rel) || rel.starts_with(THEME) || rel.starts_with(I18N) || rel.starts_with(STATIC) {
        changes.everything = true;
    } else if !layout.bare && rel.starts_with(layout.articles) {
        // A file of a page bundle (an image beside its index.md), or a folder of them.
        changes.everything = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_sorted_by_what_they_affect() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/articles")).unwrap();
        std::fs::write(root.join("dossier.toml"), "").unwrap();
        let out = root.join("public");
        let layout = Layout::of(&Folder::new(root));
        let sort = |rel: &str| {
            let mut c = Changes::default();
            classify(root, &out, &layout, &root.join(rel), &mut c);
            c
        };
        assert_eq!(sort("content/articles/a.md").articles.len(), 1);
        assert!(sort("content/articles/.a.md.swp").is_empty());
        assert!(sort("content/articles/a.md~").is_empty());
        assert!(sort("public/articles/a.html").is_empty());
        assert!(sort("public/index.md").is_empty());
        assert!(sort("README.md").is_empty());
        assert!(sort("templates/base.html").templates);
        for everything in [
            "dossier.toml",
            "content/actors.toml",
            "content/events.toml",
            "theme/style.css",
            "i18n/ru.toml",
            "templates",
            "static/robots.txt",
            "content/articles/a/photo.jpg",
        ] {
            assert!(sort(everything).everything, "{everything}");
        }
    }
}
