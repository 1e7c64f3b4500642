//! Writing one file of the dossier in place, the one way every command that
//! edits content does it (`import`, `actors`, `suggest --write`, and the
//! live preview's site manifest).
//!
//! The safety policy, in one place so the commands cannot drift apart:
//! - the new bytes go to a temporary file in the same folder (so the final
//!   rename never crosses file systems), which is flushed to disk (`fsync`)
//!   before it takes the file's name: a crash leaves the old file or the new
//!   one, never half of one, and never an empty file after a power cut;
//! - a symbolic link is never written through: a file of the dossier that is
//!   a link could point anywhere on the machine;
//! - [`Mode::Create`] never replaces a file, even one created a moment ago by
//!   someone else (a rename that fails if the name is taken), for content
//!   that must never be overwritten (a new imported article, a backup);
//! - on any failure the temporary file is removed: nothing is left behind.

use std::io::Write as _;
use std::path::Path;

/// Whether a write may replace an existing file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Replace the file if it exists (create it if not).
    Replace,
    /// Create the file; fail with [`std::io::ErrorKind::AlreadyExists`] if
    /// the name is taken.
    Create,
}

/// Write `bytes` to `path` atomically, as the module documents. The folder
/// must exist.
pub fn write(path: &Path, bytes: &[u8], mode: Mode) -> std::io::Result<()> {
    if path.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "the file is a symbolic link; dossier writes only regular files, never through a link",
        ));
    }
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // Hidden and named after its file, so a stray one (after a kill -9) says what it was.
    let mut tmp = tempfile::Builder::new().prefix(&format!(".{name}.")).suffix(".tmp").tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    match mode {
        Mode::Replace => tmp.persist(path).map_err(|e| e.error)?,
        Mode::Create => tmp.persist_noclobber(path).map_err(|e| e.error)?,
    };
    // The rename itself is durable once the folder is synced (not possible everywhere; best effort).
    if let Ok(folder) = std::fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_and_creates_without_leaving_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.md");
        write(&a, b"one", Mode::Create).unwrap();
        let refused = write(&a, b"two", Mode::Create).unwrap_err();
        assert_eq!(refused.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "one");
        write(&a, b"three", Mode::Replace).unwrap();
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "three");
        // A failed write (no such folder) leaves nothing either.
        assert!(write(&dir.path().join("missing/b.md"), b"x", Mode::Replace).is_err());
        assert_eq!(names(dir.path()), ["a.md"]);
    }

    #[cfg(unix)]
    #[test]
    fn refuses_to_write_through_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside.txt");
        std::fs::write(&outside, "precious").unwrap();
        let link = dir.path().join("article.md");
        std::os::unix::fs::symlink(&outside, &link).unwrap();
        for mode in [Mode::Replace, Mode::Create] {
            let e = write(&link, b"overwritten", mode).unwrap_err();
            assert!(e.to_string().contains("symbolic link"), "{e}");
        }
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "precious");
        assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
        assert_eq!(names(dir.path()), ["article.md", "outside.txt"]);
    }
}
