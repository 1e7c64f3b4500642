//! Where a dossier's files come from: a folder on disk ([`Folder`]), a git
//! revision (`dossier diff` implements [`FileTree`] over `git`), or memory
//! ([`Memory`], for fuzzing and tests). The loader reads every dossier
//! through this one trait, so the layout rules and the checks on what it
//! reads are the same whatever the files are kept in.
//!
//! [`Folder`] is the one reader of a dossier on disk, and everything a build
//! reads goes through it (settings, registries, articles, templates, theme,
//! the originals articles cite, the build's fingerprint). In a pull request
//! every file is the attacker's, so it reads only what is really inside the
//! dossier: a path is opened one folder at a time, never through a symbolic
//! link (neither the file nor any folder on the way: `theme -> /etc` is
//! skipped, not published), only regular files are read (a FIFO would block
//! forever, a device never ends), and the size is checked before reading and
//! again while reading, so a sparse 3 GB file or `/dev/zero` costs nothing.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

/// What is at a path of a [`FileTree`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileKind {
    /// A regular file of this many bytes.
    File(u64),
    Folder,
    /// A symbolic link, or a path reached through one (a linked folder).
    /// The loader never follows one: it could point at any file on the machine.
    Link,
    /// Anything else (a git submodule, a device), said in a few words.
    Other(&'static str),
    /// Something that could not be looked at, and why.
    Unreadable(String),
}

/// A tree of files: paths are relative to the dossier's folder and
/// separated by `/`.
pub trait FileTree: Sync {
    /// The dossier's folder, as messages and commands that write name it.
    fn root(&self) -> &Path;

    /// What is at `path`; `None` when nothing is.
    fn kind(&self, path: &str) -> Option<FileKind>;

    /// Every file, link or other non-folder entry under the folder `dir`
    /// (`""` for the top, else ending in `/`), at any depth, sorted by path.
    /// Nothing when `dir` is itself a link (or reached through one).
    fn walk(&self, dir: &str) -> Vec<(String, FileKind)>;

    /// The bytes of the regular file at `path`; an error when it is not one
    /// or holds more than `limit` bytes.
    fn read(&self, path: &str, limit: u64) -> io::Result<Vec<u8>>;

    /// These files are about to be read: a tree that reads in batches (one
    /// `git` process for many files) reads them now. Others need not care.
    fn prepare(&self, _paths: &[&str]) {}
}

/// A dossier folder on disk.
pub struct Folder {
    root: PathBuf,
}

impl Folder {
    pub fn new(root: &Path) -> Folder {
        Folder { root: root.to_path_buf() }
    }
}

impl FileTree for Folder {
    fn root(&self) -> &Path {
        &self.root
    }

    fn kind(&self, path: &str) -> Option<FileKind> {
        let parts = components(path).ok()?;
        let mut at = self.root.clone();
        for (i, part) in parts.iter().enumerate() {
            at.push(part);
            let kind = kind_of(&std::fs::symlink_metadata(&at).ok()?);
            if i + 1 == parts.len() {
                return Some(kind);
            }
            match kind {
                FileKind::Folder => {}
                // Reached through a linked folder: the link is what is there.
                FileKind::Link => return Some(FileKind::Link),
                // A file where a folder would be: nothing is at `path`.
                _ => return None,
            }
        }
        None
    }

    fn walk(&self, dir: &str) -> Vec<(String, FileKind)> {
        // `walkdir` follows a root that is a link; the loader must not.
        if !dir.is_empty() && self.kind(dir) != Some(FileKind::Folder) {
            return Vec::new();
        }
        let start = self.root.join(dir);
        if !start.is_dir() {
            return Vec::new();
        }
        let relative = |p: &Path| p.strip_prefix(&self.root).unwrap_or(p).components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        // The loader leaves out what is in hidden folders; not entering them
        // here spares it walking a `.git` of thousands of files.
        let hidden = |e: &walkdir::DirEntry| e.depth() > 0 && e.file_type().is_dir() && e.file_name().to_string_lossy().starts_with('.');
        let mut entries = Vec::new();
        for entry in walkdir::WalkDir::new(&start).follow_links(false).into_iter().filter_entry(|e| !hidden(e)) {
            match entry {
                Ok(e) if e.file_type().is_dir() => {}
                Ok(e) => {
                    let kind = e.metadata().map_or_else(|err| FileKind::Unreadable(err.to_string()), |m| kind_of(&m));
                    entries.push((relative(e.path()), kind));
                }
                Err(e) => entries.push((e.path().map(relative).unwrap_or_default(), FileKind::Unreadable(e.to_string()))),
            }
        }
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        entries
    }

    fn read(&self, path: &str, limit: u64) -> io::Result<Vec<u8>> {
        let parts = components(path)?;
        let file = open_inside(&self.root, &parts)?;
        let meta = file.metadata()?;
        if !meta.is_file() {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a regular file"));
        }
        if meta.len() > limit {
            return Err(too_large(meta.len(), limit));
        }
        // The file may grow between the look and the read: read at most one byte more than allowed.
        let mut bytes = Vec::with_capacity(meta.len() as usize);
        io::Read::read_to_end(&mut io::Read::take(file, limit + 1), &mut bytes)?;
        if bytes.len() as u64 > limit {
            return Err(too_large(bytes.len() as u64, limit));
        }
        Ok(bytes)
    }
}

fn too_large(len: u64, limit: u64) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("the file holds {len} bytes or more; the limit is {limit} bytes"))
}

/// The parts of a relative path, each a plain name: no `..`, `.`, empty
/// part or absolute path can lead out of the dossier.
fn components(path: &str) -> io::Result<Vec<&str>> {
    let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    if parts.iter().any(|p| p.is_empty() || *p == "." || *p == ".." || p.contains('\\') || p.contains('\0')) {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a plain path inside the dossier"));
    }
    Ok(parts)
}

/// Open the file `parts` names under `root`, one folder at a time, refusing
/// a symbolic link anywhere on the way (`O_NOFOLLOW` on each step, so
/// nothing can be swapped for a link between a check and the open), and
/// without blocking on a FIFO.
#[cfg(unix)]
fn open_inside(root: &Path, parts: &[&str]) -> io::Result<std::fs::File> {
    use rustix::fs::{openat, Mode, OFlags, CWD};
    let (name, folders) = parts.split_last().ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))?;
    let linked = |e: rustix::io::Errno| {
        if e == rustix::io::Errno::LOOP || e == rustix::io::Errno::NOTDIR {
            io::Error::new(io::ErrorKind::InvalidInput, "a symbolic link (dossier reads only files inside the dossier)")
        } else {
            io::Error::from(e)
        }
    };
    let mut dir = openat(CWD, root, OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC, Mode::empty())?;
    for folder in folders {
        dir = openat(&dir, *folder, OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC, Mode::empty()).map_err(linked)?;
    }
    let fd = openat(&dir, *name, OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC, Mode::empty()).map_err(linked)?;
    Ok(std::fs::File::from(fd))
}

/// Elsewhere: every step looked at without following links, then opened.
#[cfg(not(unix))]
fn open_inside(root: &Path, parts: &[&str]) -> io::Result<std::fs::File> {
    let mut at = root.to_path_buf();
    for part in parts {
        at.push(part);
        if std::fs::symlink_metadata(&at)?.file_type().is_symlink() {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "a symbolic link (dossier reads only files inside the dossier)"));
        }
    }
    std::fs::File::open(at)
}

fn kind_of(meta: &std::fs::Metadata) -> FileKind {
    let t = meta.file_type();
    if t.is_symlink() {
        FileKind::Link
    } else if t.is_dir() {
        FileKind::Folder
    } else if t.is_file() {
        FileKind::File(meta.len())
    } else {
        FileKind::Other("not a regular file")
    }
}

/// A dossier held in memory: paths and their bytes.
#[derive(Debug, Default, Clone)]
pub struct Memory {
    root: PathBuf,
    files: BTreeMap<String, Vec<u8>>,
}

impl Memory {
    pub fn new<P: Into<String>, B: Into<Vec<u8>>>(files: impl IntoIterator<Item = (P, B)>) -> Memory {
        Memory { root: PathBuf::new(), files: files.into_iter().map(|(p, b)| (p.into(), b.into())).collect() }
    }
}

impl FileTree for Memory {
    fn root(&self) -> &Path {
        &self.root
    }

    fn kind(&self, path: &str) -> Option<FileKind> {
        if let Some(bytes) = self.files.get(path) {
            return Some(FileKind::File(bytes.len() as u64));
        }
        let folder = format!("{}/", path.trim_end_matches('/'));
        self.files.range(folder.clone()..).next().filter(|(p, _)| p.starts_with(&folder)).map(|_| FileKind::Folder)
    }

    fn walk(&self, dir: &str) -> Vec<(String, FileKind)> {
        self.files.range(dir.to_string()..).take_while(|(p, _)| p.starts_with(dir)).map(|(p, b)| (p.clone(), FileKind::File(b.len() as u64))).collect()
    }

    fn read(&self, path: &str, limit: u64) -> io::Result<Vec<u8>> {
        let bytes = self.files.get(path).ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))?;
        if bytes.len() as u64 > limit {
            return Err(too_large(bytes.len() as u64, limit));
        }
        Ok(bytes.clone())
    }
}
