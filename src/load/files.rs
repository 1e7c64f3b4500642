//! Where a dossier's files come from: a folder on disk ([`Folder`]), a git
//! revision (`dossier diff` implements [`FileTree`] over `git`), or memory
//! ([`Memory`], for fuzzing and tests). The loader reads every dossier
//! through this one trait, so the layout rules and the checks on what it
//! reads are the same whatever the files are kept in.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

/// What is at a path of a [`FileTree`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileKind {
    /// A regular file of this many bytes.
    File(u64),
    Folder,
    /// A symbolic link. The loader never follows one: it could point at any
    /// file on the machine.
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
    fn walk(&self, dir: &str) -> Vec<(String, FileKind)>;

    /// The bytes of the file at `path`.
    fn read(&self, path: &str) -> io::Result<Vec<u8>>;

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
        let meta = std::fs::symlink_metadata(self.root.join(path)).ok()?;
        Some(kind_of(&meta))
    }

    fn walk(&self, dir: &str) -> Vec<(String, FileKind)> {
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

    fn read(&self, path: &str) -> io::Result<Vec<u8>> {
        std::fs::read(self.root.join(path))
    }
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

    fn read(&self, path: &str) -> io::Result<Vec<u8>> {
        self.files.get(path).cloned().ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))
    }
}
