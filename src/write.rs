//! Stage 5, **write**: put the rendered site in place, all or nothing.
//!
//! The site is written to a fresh folder beside the output folder and
//! renamed into place only when every file is written, so a failed build
//! leaves the previous site as it was. The output folder is refused when it
//! is the dossier itself (or holds it), its content or templates, a symlink,
//! a folder reached through a symlink leading out of the dossier, or a
//! non-empty folder holding files `dossier` did not write: every site carries
//! a manifest of the files it wrote, and a build never deletes anything else.
//! With `--force`, such a folder is kept beside as a backup instead.
//! Output paths are checked to be plain relative paths, so no file lands
//! outside the output folder.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::render::OutputFile;

/// Written into every site: the manifest of the files the build wrote, so a
/// later build knows what it may replace.
pub const MARKER: &str = ".dossier-site";

const MANIFEST_HEADER: &str = "# Written by `dossier build`, which replaces these files on the next build.";

/// Starts the manifest line that says what a clean build was made from.
const RECORD: &str = "# built from ";

/// The manifest listing `paths`, with what the site was built from when known.
fn manifest_text<'a>(record: Option<&str>, paths: impl IntoIterator<Item = &'a String>) -> String {
    let mut text = format!("{MANIFEST_HEADER}\n");
    if let Some(record) = record {
        text.push_str(&format!("{RECORD}{record}\n"));
    }
    for path in paths {
        text.push_str(path);
        text.push('\n');
    }
    text
}

/// What the site in `out` was built from (the line given to
/// [`Staging::publish_recording`]), if it is still exactly as that build
/// left it: every file the manifest lists is there, a plain file, and older
/// than the manifest, which is written last.
pub fn recorded(out: &Path) -> Option<String> {
    let manifest_path = out.join(MARKER);
    let written_at = fs::symlink_metadata(&manifest_path).ok()?.modified().ok()?;
    let manifest = fs::read_to_string(&manifest_path).ok()?;
    let record = manifest.lines().find_map(|l| l.strip_prefix(RECORD))?;
    for path in manifest.lines().filter(|l| !l.starts_with('#')) {
        if !safe_relative(path) {
            return None;
        }
        let meta = fs::symlink_metadata(out.join(path)).ok()?;
        if !meta.is_file() || meta.modified().ok()? >= written_at {
            return None;
        }
    }
    Some(record.to_string())
}

/// Where a build writes, and what happens to what is there.
#[derive(Debug)]
pub struct OutputPlan {
    /// The output folder, symlinks in its parent resolved.
    pub path: PathBuf,
    /// The existing folder holds files dossier did not write; with `--force`
    /// it is moved aside as a backup instead of being replaced.
    pub backup_existing: bool,
}

/// Why the site could not be written.
#[derive(Debug)]
pub struct WriteError {
    pub path: PathBuf,
    pub message: String,
    pub hint: String,
}

impl From<WriteError> for crate::diagnostics::Diagnostic {
    fn from(e: WriteError) -> Self {
        crate::diagnostics::Diagnostic::error(e.path.to_string_lossy(), e.message).with_hint(e.hint)
    }
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {} (help: {})", self.path.display(), self.message, self.hint)
    }
}

fn err(path: &Path, message: impl Into<String>, hint: impl Into<String>) -> WriteError {
    WriteError { path: path.to_path_buf(), message: message.into(), hint: hint.into() }
}

/// An absolute, lexically normalised path (no `.` or `..`), without
/// requiring it to exist.
fn absolute(path: &Path) -> std::io::Result<PathBuf> {
    let joined = if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir()?.join(path) };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    Ok(out)
}

/// Files in `dir` (relative paths) that are not listed in its manifest.
fn foreign_files(dir: &Path) -> Vec<String> {
    let ours = manifest(dir);
    walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .filter_map(|e| e.path().strip_prefix(dir).ok().map(|p| p.to_string_lossy().replace('\\', "/")))
        .filter(|rel| rel != MARKER && !ours.contains(rel.as_str()))
        .collect()
}

/// Check that `out` may be (re)written by a build of the dossier at `root`.
pub fn check_output(root: &Path, out: &Path, force: bool) -> Result<OutputPlan, WriteError> {
    let io = |e: std::io::Error| err(out, format!("cannot resolve the path: {e}"), "check the --out path");
    let out_abs = absolute(out).map_err(io)?;
    let root_abs = fs::canonicalize(root).map_err(|e| err(root, format!("cannot open the dossier: {e}"), "check the path"))?;
    // Resolve symlinks in the parent so `out` cannot point into the dossier by another name.
    let parent = out_abs.parent().ok_or_else(|| err(out, "the output cannot be the file-system root", "use a folder such as public/"))?;
    let parent_real = fs::canonicalize(parent).unwrap_or_else(|_| parent.to_path_buf());
    let out_real = parent_real.join(out_abs.file_name().unwrap_or_default());
    let root_lexical = absolute(root).map_err(io)?;
    if out_abs.starts_with(&root_lexical) && !out_real.starts_with(&root_abs) {
        return Err(err(
            out,
            "the output folder is reached through a symbolic link that leads out of the dossier",
            "build into a real folder inside the dossier, or name the outside folder directly with --out",
        ));
    }
    if root_abs.starts_with(&out_real) {
        return Err(err(out, "the output folder is the dossier itself or contains it", "build into a folder inside the dossier, such as public/"));
    }
    for protected in ["content", "templates", "theme", "seeds", ".git", "src"] {
        if out_real.starts_with(root_abs.join(protected)) {
            return Err(err(
                out,
                format!("the output folder is inside {protected}/, which holds your sources"),
                "build into public/ (the default) or another new folder",
            ));
        }
    }
    let mut backup_existing = false;
    if let Ok(meta) = fs::symlink_metadata(&out_real) {
        if meta.file_type().is_symlink() {
            return Err(err(out, "the output folder is a symbolic link", "point --out at a real folder; a link could lead anywhere"));
        }
        if !meta.is_dir() {
            return Err(err(out, "the output path is a file, not a folder", "choose a folder name for --out"));
        }
        let foreign = foreign_files(&out_real);
        if !foreign.is_empty() {
            if !force {
                let shown: Vec<&str> = foreign.iter().take(5).map(String::as_str).collect();
                let more = if foreign.len() > 5 { format!(" and {} more", foreign.len() - 5) } else { String::new() };
                let what = if out_real.join(MARKER).is_file() { "files dossier did not write" } else { "files, and was not made by dossier" };
                return Err(err(
                    out,
                    format!("the output folder is not empty: it holds {what}: {}{more}", shown.join(", ")),
                    "a build replaces the whole folder: move those files, choose another folder, or pass --force to keep the old folder as a backup",
                ));
            }
            backup_existing = true;
        }
    }
    Ok(OutputPlan { path: out_real, backup_existing })
}

/// A free name beside `out` for the backup of a folder dossier did not make.
fn backup_name(out: &Path) -> PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "site".into());
    (1..).map(|n| out.with_file_name(format!("{name}.backup-{n}"))).find(|p| fs::symlink_metadata(p).is_err()).expect("some backup name is free")
}

/// Only relative paths of normal components may be written.
fn safe_relative(path: &str) -> bool {
    let p = Path::new(path);
    !path.is_empty() && !path.contains('\\') && p.components().all(|c| matches!(c, Component::Normal(_)))
}

/// A new site being written beside the output folder: files go in as they
/// are rendered (from any thread), so the site never has to be held in
/// memory whole, and [`Staging::publish`] swaps it in when complete. Dropped
/// without publishing, it is deleted and the previous site stays as it was.
pub struct Staging {
    plan: OutputPlan,
    dir: tempfile::TempDir,
    held: Held,
    /// Every path written, for the manifest.
    written: std::sync::Mutex<Vec<String>>,
    bytes: std::sync::atomic::AtomicU64,
    max_bytes: u64,
}

impl Staging {
    /// A fresh staging folder beside the planned output folder (checked by
    /// [`check_output`]); the site may hold at most `max_bytes`.
    pub fn new(plan: OutputPlan, max_bytes: u64) -> Result<Staging, WriteError> {
        let out = plan.path.as_path();
        let parent = out.parent().ok_or_else(|| err(out, "no parent folder", "choose another output folder"))?;
        let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "site".into());
        fs::create_dir_all(parent).map_err(|e| err(parent, format!("cannot create the folder: {e}"), "check permissions"))?;
        remove_leftovers(out);
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.dossier-new-"))
            .tempdir_in(parent)
            .map_err(|e| err(parent, format!("cannot create a staging folder: {e}"), "check that the folder is writable"))?;
        let held = hold(dir.path());
        Ok(Staging { plan, dir, held, written: Default::default(), bytes: Default::default(), max_bytes })
    }

    /// Write one file of the new site. Safe to call from several threads.
    pub fn write(&self, file: &OutputFile) -> Result<(), WriteError> {
        refuse_unsafe(&file.path)?;
        self.count(file.bytes.len())?;
        let target = staged(self.dir.path(), &file.path)?;
        fs::write(&target, &file.bytes).map_err(|e| cannot_write(&target, e))?;
        self.written.lock().expect("no thread panics while holding the list").push(file.path.clone());
        Ok(())
    }

    /// Count `len` more bytes towards the site's size limit.
    fn count(&self, len: usize) -> Result<(), WriteError> {
        let total = self.bytes.fetch_add(len as u64, std::sync::atomic::Ordering::Relaxed) + len as u64;
        if total > self.max_bytes {
            return Err(err(
                &self.plan.path,
                format!("the site would be larger than its limit of {} bytes; the build stopped there", self.max_bytes),
                format!(
                    "a site may be {} times as large as its input, or {} MiB; look for an article or template that makes unexpectedly large pages (or pass a larger limit)",
                    crate::limits::OUTPUT_PER_INPUT_BYTE,
                    crate::limits::MIN_OUTPUT_BYTES >> 20
                ),
            ));
        }
        Ok(())
    }

    /// Whether the site has reached its size limit: nothing more is worth rendering.
    pub fn full(&self) -> bool {
        self.bytes.load(std::sync::atomic::Ordering::Relaxed) > self.max_bytes
    }

    /// Put the new site in place of the old one. Returns the output folder
    /// and, when the plan said so, where the folder that was in the way was kept.
    pub fn publish(self) -> Result<(PathBuf, Option<PathBuf>), WriteError> {
        self.publish_recording(None)
    }

    /// [`Staging::publish`], and keep `record` (one line: what the site was
    /// built from) in the manifest, for [`recorded`] to read on the next build.
    pub fn publish_recording(self, record: Option<&str>) -> Result<(PathBuf, Option<PathBuf>), WriteError> {
        let out = self.plan.path.as_path();
        let parent = out.parent().ok_or_else(|| err(out, "no parent folder", "choose another output folder"))?;
        let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "site".into());
        let mut written = self.written.into_inner().unwrap_or_default();
        written.sort();
        let record = record.filter(|r| !r.contains('\n'));
        if record.is_some() {
            // File times tick coarsely (a few milliseconds), so a page written
            // just now may carry the same time as the manifest; waiting a
            // tick makes every page strictly older, and [`recorded`] then
            // takes a page as new as the manifest as changed (git's "racy
            // clean" problem, solved the same way).
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let manifest = manifest_text(record, &written);
        fs::write(self.dir.path().join(MARKER), manifest).map_err(|e| err(self.dir.path(), format!("cannot write: {e}"), "check disk space"))?;
        let backup = self.plan.backup_existing.then(|| backup_name(out));
        if let Some(backup) = &backup {
            fs::rename(out, backup).map_err(|e| err(out, format!("cannot keep the existing folder as a backup: {e}"), "check permissions"))?;
        }

        // Swap the new site in: in one step where the system can; else old
        // site aside, new site in (each rename atomic), old site removed.
        let staged = self.dir.keep();
        let _held = self.held;
        let old = if out.exists() {
            match exchange(&staged, out) {
                Ok(old) => {
                    let held = hold(&old);
                    Some((old, Some(held)))
                }
                Err(_) => {
                    let aside = tempfile::Builder::new()
                        .prefix(&format!(".{name}.dossier-old-"))
                        .tempdir_in(parent)
                        .map_err(|e| err(parent, format!("cannot create a folder: {e}"), "check permissions"))?
                        .keep();
                    fs::remove_dir(&aside).ok();
                    fs::rename(out, &aside).map_err(|e| err(out, format!("cannot move the previous site aside: {e}"), "check permissions"))?;
                    let held = hold(&aside);
                    if let Err(e) = fs::rename(&staged, out) {
                        let _ = fs::rename(&aside, out);
                        let _ = fs::remove_dir_all(&staged);
                        return Err(err(out, format!("cannot move the new site into place: {e}"), "check permissions"));
                    }
                    Some((aside, Some(held)))
                }
            }
        } else {
            fs::rename(&staged, out).map_err(|e| {
                let _ = fs::remove_dir_all(&staged);
                err(out, format!("cannot move the new site into place: {e}"), "check permissions")
            })?;
            None
        };
        if let Some((old, _held)) = old {
            fs::remove_dir_all(&old).map_err(|e| err(&old, format!("cannot remove the previous site: {e}"), "remove the folder by hand"))?;
        }
        Ok((self.plan.path, backup))
    }
}

/// A staging folder held by this process: locked (`flock`) for as long as
/// it exists, so a later build can tell the leftovers of a killed build
/// (unlocked: the lock died with the process) from the folder of a build
/// still running beside it (locked), and removes only the leftovers.
struct Held(#[allow(dead_code)] Option<fs::File>);

fn hold(dir: &Path) -> Held {
    let file = fs::File::open(dir).ok();
    #[cfg(unix)]
    if let Some(f) = &file {
        let _ = rustix::fs::flock(f, rustix::fs::FlockOperation::NonBlockingLockExclusive);
    }
    Held(file)
}

/// Whether nobody holds the staging folder `dir` any more.
fn abandoned(dir: &Path) -> bool {
    #[cfg(unix)]
    {
        let Ok(f) = fs::File::open(dir) else { return false };
        rustix::fs::flock(&f, rustix::fs::FlockOperation::NonBlockingLockExclusive).is_ok()
    }
    #[cfg(not(unix))]
    {
        // No advisory locks to ask: a day-old staging folder is nobody's.
        fs::symlink_metadata(dir).and_then(|m| m.modified()).is_ok_and(|t| t.elapsed().is_ok_and(|age| age.as_secs() > 24 * 3600))
    }
}

/// The staging folders a killed build or preview left beside `out`
/// (`.public.dossier-new-*`, `-old-*`, `-patch-*`): removed, unless the
/// process that made one is still running.
fn remove_leftovers(out: &Path) {
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else { return };
    let prefix = format!(".{}.dossier-", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(parent) else { return };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(kind) = file_name.strip_prefix(&prefix) else { continue };
        let ours = ["new-", "old-", "patch-"].iter().any(|k| kind.starts_with(k));
        // A folder, not a link: removing through a link could delete anything.
        let folder = entry.file_type().is_ok_and(|t| t.is_dir());
        if ours && folder && abandoned(&entry.path()) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Put the folder `new` in place of `out` (which exists) in one step where
/// the system can: Linux swaps the two names atomically
/// (`renameat2(RENAME_EXCHANGE)`), so `out` always holds a whole site, even
/// if the build is killed at that instant. Returns where the old site now
/// is, for removal.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(new: &Path, out: &Path) -> std::io::Result<PathBuf> {
    rustix::fs::renameat_with(rustix::fs::CWD, new, rustix::fs::CWD, out, rustix::fs::RenameFlags::EXCHANGE)?;
    Ok(new.to_path_buf())
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_new: &Path, _out: &Path) -> std::io::Result<PathBuf> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// The files a site's manifest lists (empty when there is none).
pub fn manifest(out: &Path) -> std::collections::BTreeSet<String> {
    let text = fs::read_to_string(out.join(MARKER)).unwrap_or_default();
    text.lines().filter(|l| !l.starts_with('#') && safe_relative(l)).map(str::to_string).collect()
}

/// An update of a site in place (live preview), in an output folder
/// [`check_output`] accepted: the counterpart of [`Staging`] for small edits.
///
/// Files whose bytes are already right are not touched, so unaffected pages
/// keep their modification time and are never rewritten. Changed files are
/// written into a staging folder beside the site and each is renamed over
/// its old version by [`Patch::apply`], so a reader never sees half a page,
/// and a rebuild that fails leaves the site as it was (dropping the patch
/// deletes the staging folder).
pub struct Patch {
    out: PathBuf,
    dir: tempfile::TempDir,
    _held: Held,
    /// Paths whose bytes changed (staged), and every path produced.
    changed: std::sync::Mutex<Vec<String>>,
    produced: std::sync::Mutex<std::collections::BTreeSet<String>>,
}

impl Patch {
    pub fn new(out: &Path) -> Result<Patch, WriteError> {
        fs::create_dir_all(out).map_err(|e| err(out, format!("cannot create the folder: {e}"), "check permissions"))?;
        let parent = out.parent().ok_or_else(|| err(out, "no parent folder", "choose another output folder"))?;
        let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "site".into());
        remove_leftovers(out);
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.dossier-patch-"))
            .tempdir_in(parent)
            .map_err(|e| err(parent, format!("cannot create a staging folder: {e}"), "check that the folder is writable"))?;
        let _held = hold(dir.path());
        Ok(Patch { out: out.to_path_buf(), dir, _held, changed: Default::default(), produced: Default::default() })
    }

    /// Stage one file if its bytes differ from the site's. Safe to call from several threads.
    pub fn write(&self, file: &OutputFile) -> Result<(), WriteError> {
        refuse_unsafe(&file.path)?;
        self.produced.lock().expect("no thread panics while holding the list").insert(file.path.clone());
        let current = self.out.join(&file.path);
        let same = fs::symlink_metadata(&current).is_ok_and(|m| m.is_file() && m.len() == file.bytes.len() as u64)
            && fs::read(&current).is_ok_and(|old| old == file.bytes);
        if same {
            return Ok(());
        }
        let target = staged(self.dir.path(), &file.path)?;
        fs::write(&target, &file.bytes).map_err(|e| cannot_write(&target, e))?;
        self.changed.lock().expect("no thread panics while holding the list").push(file.path.clone());
        Ok(())
    }

    /// Move the changed files into the site and update its manifest. With
    /// `complete` (every file of the site was produced), files the manifest
    /// lists that were not produced are removed; files dossier did not
    /// write are never touched. Returns the paths written, sorted.
    pub fn apply(self, complete: bool) -> Result<Vec<String>, WriteError> {
        let mut changed = self.changed.into_inner().unwrap_or_default();
        changed.sort();
        for path in &changed {
            let target = self.out.join(path);
            // Folders inside the site are dossier's own; one replaced by a link could lead anywhere.
            let mut dir = self.out.clone();
            for part in Path::new(path).parent().into_iter().flat_map(Path::components) {
                dir.push(part);
                match fs::symlink_metadata(&dir) {
                    Ok(m) if m.is_dir() => {}
                    Ok(_) => return Err(err(&dir, "expected a folder of the site here", "remove it; the next rebuild recreates it")),
                    Err(_) => fs::create_dir(&dir).map_err(|e| err(&dir, format!("cannot create folder: {e}"), "check disk space and permissions"))?,
                }
            }
            fs::rename(self.dir.path().join(path), &target).map_err(|e| err(&target, format!("cannot replace the file: {e}"), "check permissions"))?;
        }
        let produced = self.produced.into_inner().unwrap_or_default();
        let mut listed = manifest(&self.out);
        if complete {
            for stale in listed.difference(&produced) {
                match fs::remove_file(self.out.join(stale)) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(err(&self.out.join(stale), format!("cannot remove: {e}"), "check permissions")),
                }
            }
            listed = produced;
        } else {
            listed.extend(produced);
        }
        let text = manifest_text(None, &listed);
        let manifest_path = self.out.join(MARKER);
        if fs::read_to_string(&manifest_path).ok().as_deref() != Some(text.as_str()) {
            crate::files::write(&manifest_path, text.as_bytes(), crate::files::Mode::Replace)
                .map_err(|e| err(&manifest_path, format!("cannot replace the file: {e}"), "check disk space and permissions"))?;
        }
        Ok(changed)
    }
}

/// A path of the site must stay inside it (paths are made of slugs; this is
/// the last line of defence).
fn refuse_unsafe(path: &str) -> Result<(), WriteError> {
    if safe_relative(path) {
        Ok(())
    } else {
        Err(err(Path::new(path), "refusing to write a path outside the output folder", "this is a bug in dossier; please report it"))
    }
}

/// Where `path` goes under the staging folder `dir`, with its folders made.
fn staged(dir: &Path, path: &str) -> Result<PathBuf, WriteError> {
    let target = dir.join(path);
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent).map_err(|e| err(&target, format!("cannot create folder: {e}"), "check disk space and permissions"))?;
    }
    Ok(target)
}

fn cannot_write(target: &Path, e: std::io::Error) -> WriteError {
    err(target, format!("cannot write: {e}"), "check disk space and permissions")
}

/// The build's [`Sink`](crate::render::Sink): files go to the staging folder.
pub struct ToStaging<'a>(pub &'a Staging);

impl crate::render::Sink for ToStaging<'_> {
    fn put(&self, file: OutputFile) -> Result<(), crate::diagnostics::Diagnostic> {
        self.0.write(&file).map_err(Into::into)
    }

    fn stopped(&self) -> bool {
        self.0.full()
    }
}
