//! Stage 5, **write**: put the rendered site in place, all or nothing.
//!
//! The site is written to a fresh folder beside the output folder and
//! renamed into place only when every file is written, so a failed build
//! leaves the previous site as it was. The output folder is refused when it
//! is the dossier itself (or holds it), its content or templates, a symlink,
//! or a non-empty folder that `dossier` did not make: a build never deletes
//! anything it did not write. Output paths are checked to be plain relative
//! paths, so no file lands outside the output folder.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::render::OutputFile;

/// Written into every site, so a later build knows the folder is its own.
pub const MARKER: &str = ".dossier-site";

/// Why the site could not be written.
#[derive(Debug)]
pub struct WriteError {
    pub path: PathBuf,
    pub message: String,
    pub hint: String,
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

/// Check that `out` may be (re)written by a build of the dossier at `root`.
pub fn check_output(root: &Path, out: &Path) -> Result<PathBuf, WriteError> {
    let io = |e: std::io::Error| err(out, format!("cannot resolve the path: {e}"), "check the --out path");
    let out_abs = absolute(out).map_err(io)?;
    let root_abs = fs::canonicalize(root).map_err(|e| err(root, format!("cannot open the dossier: {e}"), "check the path"))?;
    // Resolve symlinks in the parent so `out` cannot point into the dossier by another name.
    let parent = out_abs.parent().ok_or_else(|| err(out, "the output cannot be the file-system root", "use a folder such as public/"))?;
    let parent_real = fs::canonicalize(parent).unwrap_or_else(|_| parent.to_path_buf());
    let out_real = parent_real.join(out_abs.file_name().unwrap_or_default());
    if root_abs.starts_with(&out_real) {
        return Err(err(out, "the output folder is the dossier itself or contains it", "build into a folder inside the dossier, such as public/"));
    }
    for protected in ["content", "templates", "theme", "seeds", ".git", "src"] {
        if out_real.starts_with(root_abs.join(protected)) {
            return Err(err(out, format!("the output folder is inside {protected}/, which holds your sources"), "build into public/ (the default) or another new folder"));
        }
    }
    if let Ok(meta) = fs::symlink_metadata(&out_real) {
        if meta.file_type().is_symlink() {
            return Err(err(out, "the output folder is a symbolic link", "point --out at a real folder; a link could lead anywhere"));
        }
        if !meta.is_dir() {
            return Err(err(out, "the output path is a file, not a folder", "choose a folder name for --out"));
        }
        let mut entries = fs::read_dir(&out_real).map_err(|e| err(out, format!("cannot read the output folder: {e}"), "check its permissions"))?;
        let empty = entries.next().is_none();
        if !empty && !out_real.join(MARKER).is_file() {
            return Err(err(
                out,
                "the output folder is not empty and was not made by dossier",
                "empty it or choose another folder: a build replaces the whole folder and must not delete your files",
            ));
        }
    }
    Ok(out_real)
}

/// Only relative paths of normal components may be written.
fn safe_relative(path: &str) -> bool {
    let p = Path::new(path);
    !path.is_empty() && !path.contains('\\') && p.components().all(|c| matches!(c, Component::Normal(_)))
}

/// Write `files` as the new content of `out` (already checked), atomically.
pub fn publish(out: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
    let staging = Staging::new(out)?;
    for file in files {
        staging.write(file)?;
    }
    staging.publish()
}

/// A new site being written beside `out`: files go in as they are rendered
/// (from any thread), so the site never has to be held in memory whole, and
/// [`Staging::publish`] swaps it in when complete. Dropped without
/// publishing, it is deleted and the previous site stays as it was.
pub struct Staging {
    out: PathBuf,
    dir: tempfile::TempDir,
}

impl Staging {
    /// A fresh staging folder beside `out` (already checked by [`check_output`]).
    pub fn new(out: &Path) -> Result<Staging, WriteError> {
        let parent = out.parent().ok_or_else(|| err(out, "no parent folder", "choose another output folder"))?;
        let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "site".into());
        fs::create_dir_all(parent).map_err(|e| err(parent, format!("cannot create the folder: {e}"), "check permissions"))?;
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.dossier-new-"))
            .tempdir_in(parent)
            .map_err(|e| err(parent, format!("cannot create a staging folder: {e}"), "check that the folder is writable"))?;
        Ok(Staging { out: out.to_path_buf(), dir })
    }

    /// Write one file of the new site. Safe to call from several threads.
    pub fn write(&self, file: &OutputFile) -> Result<(), WriteError> {
        if !safe_relative(&file.path) {
            return Err(err(Path::new(&file.path), "refusing to write a path outside the output folder", "this is a bug in dossier; please report it"));
        }
        let target = self.dir.path().join(&file.path);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).map_err(|e| err(&target, format!("cannot create folder: {e}"), "check disk space and permissions"))?;
        }
        fs::write(&target, &file.bytes).map_err(|e| err(&target, format!("cannot write: {e}"), "check disk space and permissions"))
    }

    /// Put the new site in place of the old one.
    pub fn publish(self) -> Result<(), WriteError> {
        let out = self.out.as_path();
        let parent = out.parent().ok_or_else(|| err(out, "no parent folder", "choose another output folder"))?;
        let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "site".into());
        fs::write(self.dir.path().join(MARKER), "This folder is written by `dossier build` and replaced on every build.\n")
            .map_err(|e| err(self.dir.path(), format!("cannot write: {e}"), "check disk space"))?;

        // Swap: old site aside, new site in, old site removed. Both renames are
        // within one folder, so each is atomic.
        let old = if out.exists() {
            let aside = tempfile::Builder::new()
                .prefix(&format!(".{name}.dossier-old-"))
                .tempdir_in(parent)
                .map_err(|e| err(parent, format!("cannot create a folder: {e}"), "check permissions"))?
                .keep();
            fs::remove_dir(&aside).ok();
            fs::rename(out, &aside).map_err(|e| err(out, format!("cannot move the previous site aside: {e}"), "check permissions"))?;
            Some(aside)
        } else {
            None
        };
        let staged = self.dir.keep();
        if let Err(e) = fs::rename(&staged, out) {
            if let Some(old) = &old {
                let _ = fs::rename(old, out);
            }
            let _ = fs::remove_dir_all(&staged);
            return Err(err(out, format!("cannot move the new site into place: {e}"), "check permissions"));
        }
        if let Some(old) = old {
            fs::remove_dir_all(&old).map_err(|e| err(&old, format!("cannot remove the previous site: {e}"), "remove the folder by hand"))?;
        }
        Ok(())
    }
}
