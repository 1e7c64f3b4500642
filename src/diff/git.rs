//! Reading a dossier's files straight out of git, with the git command line:
//! a revision's tree (`git ls-tree`, `git cat-file --batch`) or the working
//! tree (`git ls-files`, `git hash-object`), and git's own rename detection
//! (`git diff --name-status -M`).
//!
//! Every file is listed with its object id, so files that did not change are
//! recognised without reading them. The load stage reads a revision through
//! [`RevisionFiles`], a [`FileTree`]: only the files it parses are read, in
//! one `git` process per batch, and none larger than [`MAX_IMPORT_BYTES`] (a
//! revision may hold anything). Revisions are resolved to commit ids first,
//! so nothing a user typed is ever passed to git where it could be read as
//! an option.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;

use crate::diagnostics::Diagnostic;
use crate::limits::MAX_IMPORT_BYTES;
use crate::load::{FileKind, FileTree};

/// The repository a dossier lives in.
#[derive(Debug)]
pub(crate) struct Repo {
    /// The repository's top folder.
    toplevel: PathBuf,
    /// The dossier folder relative to `toplevel`, `""` or ending in `/`.
    prefix: String,
}

/// What kind of entry a path is in a revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EntryKind {
    File,
    Symlink,
    /// A submodule (a commit inside the tree): nothing to read.
    Submodule,
}

/// One file of a revision. `id` identifies the content: equal ids, equal bytes.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub(crate) kind: EntryKind,
    pub(crate) id: String,
    pub(crate) size: u64,
}

/// A revision's files under the dossier, by path relative to the dossier.
#[derive(Debug, Default)]
pub(crate) struct Tree {
    pub(crate) entries: BTreeMap<String, Entry>,
    /// The commit, or `None` for the working tree.
    pub(crate) commit: Option<String>,
}

impl Repo {
    /// The repository holding `root`.
    pub(crate) fn open(root: &Path) -> Result<Repo, Diagnostic> {
        let root_text = root.to_string_lossy().into_owned();
        let out = git_in(root, &["rev-parse", "--show-toplevel", "--show-prefix"]).map_err(|message| {
            Diagnostic::error(root_text.clone(), format!("not inside a git repository: {message}"))
                .with_hint("`dossier diff` compares two revisions of a dossier kept in git; run it inside the repository")
        })?;
        let text = String::from_utf8_lossy(&out);
        let mut lines = text.lines();
        let toplevel = PathBuf::from(lines.next().unwrap_or_default());
        let prefix = lines.next().unwrap_or_default().to_string();
        Ok(Repo { toplevel, prefix })
    }

    /// The dossier folder relative to the repository's top, `""` or ending in `/`.
    pub(crate) fn prefix(&self) -> &str {
        &self.prefix
    }

    /// Resolve a revision (`main`, `origin/main`, `HEAD~2`, a commit id) to a commit id.
    pub(crate) fn resolve(&self, revision: &str) -> Result<String, Diagnostic> {
        if revision.is_empty() || revision.starts_with('-') || revision.contains('\0') {
            return Err(Diagnostic::error(revision, "not a git revision").with_hint("name a branch, a tag or a commit, e.g. `origin/main`"));
        }
        let spec = format!("{revision}^{{commit}}");
        let out = self.git(&["rev-parse", "--verify", "--quiet", &spec]).map_err(|_| {
            Diagnostic::error(revision, format!("unknown revision `{revision}`"))
                .with_hint("name a branch, a tag or a commit; in a shallow CI checkout, fetch the base branch first (actions/checkout with fetch-depth: 0)")
        })?;
        Ok(String::from_utf8_lossy(&out).trim().to_string())
    }

    /// Every file under the dossier in `commit`.
    pub(crate) fn tree(&self, commit: &str) -> Result<Tree, Diagnostic> {
        let mut args = vec!["ls-tree", "-r", "-l", "-z", "--full-tree", commit];
        if !self.prefix.is_empty() {
            args.extend(["--", self.prefix.as_str()]);
        }
        let out = self.git(&args).map_err(|m| Diagnostic::error(commit, format!("cannot list the files of {commit}: {m}")))?;
        let mut entries = BTreeMap::new();
        // Each record: "<mode> <type> <id> <size>\t<path>\0".
        for record in out.split(|&b| b == 0).filter(|r| !r.is_empty()) {
            let record = String::from_utf8_lossy(record);
            let Some((meta, path)) = record.split_once('\t') else { continue };
            let mut fields = meta.split_whitespace();
            let (Some(mode), Some(_type), Some(id), size) = (fields.next(), fields.next(), fields.next(), fields.next()) else { continue };
            let kind = match mode {
                "120000" => EntryKind::Symlink,
                "160000" => EntryKind::Submodule,
                _ => EntryKind::File,
            };
            let size = size.and_then(|s| s.parse().ok()).unwrap_or(0);
            if let Some(rel) = path.strip_prefix(self.prefix.as_str()) {
                entries.insert(rel.to_string(), Entry { kind, id: id.to_string(), size });
            }
        }
        Ok(Tree { entries, commit: Some(commit.to_string()) })
    }

    /// The files under the dossier in the working tree: tracked and untracked,
    /// except what `.gitignore` excludes and files deleted on disk.
    pub(crate) fn working_tree(&self) -> Result<Tree, Diagnostic> {
        let mut args = vec!["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--full-name"];
        if !self.prefix.is_empty() {
            args.extend(["--", self.prefix.as_str()]);
        }
        let listing = self.git(&args).map_err(|m| Diagnostic::error("working tree", format!("cannot list files: {m}")))?;
        let mut paths: Vec<String> = listing.split(|&b| b == 0).filter(|r| !r.is_empty()).map(|r| String::from_utf8_lossy(r).into_owned()).collect();
        paths.sort();
        paths.dedup();
        let mut entries = BTreeMap::new();
        let mut to_hash = Vec::new();
        for path in paths {
            let Some(rel) = path.strip_prefix(self.prefix.as_str()) else { continue };
            let Ok(meta) = std::fs::symlink_metadata(self.toplevel.join(&path)) else { continue };
            let kind = if meta.file_type().is_symlink() {
                EntryKind::Symlink
            } else if meta.is_dir() {
                EntryKind::Submodule
            } else {
                EntryKind::File
            };
            if kind == EntryKind::File {
                to_hash.push((rel.to_string(), path.clone()));
            }
            entries.insert(rel.to_string(), Entry { kind, id: String::new(), size: meta.len() });
        }
        // One `git hash-object` for all files gives ids comparable with the base tree's.
        let input: String = to_hash.iter().map(|(_, p)| format!("{p}\n")).collect();
        let hashes = self
            .git_with_input(&["hash-object", "--no-filters", "--stdin-paths"], input.as_bytes())
            .map_err(|m| Diagnostic::error("working tree", format!("cannot hash files: {m}")))?;
        for ((rel, _), id) in to_hash.iter().zip(String::from_utf8_lossy(&hashes).lines()) {
            if let Some(e) = entries.get_mut(rel) {
                e.id = id.to_string();
            }
        }
        Ok(Tree { entries, commit: None })
    }

    /// The bytes of `paths` in `tree`, skipping symlinks, submodules and
    /// files over the size limit (the loader refuses those before reading).
    pub(crate) fn read(&self, tree: &Tree, paths: &[&str]) -> Result<BTreeMap<String, Vec<u8>>, Diagnostic> {
        let wanted: Vec<(&str, &Entry)> = paths
            .iter()
            .filter_map(|p| tree.entries.get(*p).map(|e| (*p, e)))
            .filter(|(_, e)| e.kind == EntryKind::File && e.size <= MAX_IMPORT_BYTES)
            .collect();
        let mut files = BTreeMap::new();
        if tree.commit.is_none() {
            // Through the build's own reader: no link followed, no FIFO waited on.
            let folder = crate::load::Folder::new(&self.toplevel);
            for (path, _) in wanted {
                if let Ok(bytes) = folder.read(&format!("{}{path}", self.prefix), MAX_IMPORT_BYTES) {
                    files.insert(path.to_string(), bytes);
                }
            }
            return Ok(files);
        }
        if wanted.is_empty() {
            return Ok(files);
        }
        // `git cat-file --batch`: one process for every blob; the answer is
        // "<id> <type> <size>\n<bytes>\n" per object, in request order.
        let input: String = wanted.iter().map(|(_, e)| format!("{}\n", e.id)).collect();
        let out = self.git_with_input(&["cat-file", "--batch"], input.as_bytes()).map_err(|m| Diagnostic::error("git", format!("cannot read files: {m}")))?;
        let mut rest = out.as_slice();
        for (path, _) in wanted {
            let Some(newline) = rest.iter().position(|&b| b == b'\n') else { break };
            let header = String::from_utf8_lossy(&rest[..newline]).into_owned();
            rest = &rest[newline + 1..];
            let size: usize = match header.split(' ').nth(2).and_then(|s| s.parse().ok()) {
                Some(s) => s,
                None => continue, // "<id> missing"
            };
            if rest.len() < size {
                break;
            }
            files.insert(path.to_string(), rest[..size].to_vec());
            rest = rest.get(size + 1..).unwrap_or_default();
        }
        Ok(files)
    }

    /// Renames git detects between `base` and `head` (the working tree when
    /// `None`), as (old path, new path) relative to the dossier.
    pub(crate) fn renames(&self, base: &str, head: Option<&str>) -> Vec<(String, String)> {
        // Comparing with the working tree runs the clean filters the
        // repository's attributes name: each is switched off first.
        let overrides = if head.is_none() { self.filters_switched_off() } else { Vec::new() };
        let mut args: Vec<&str> = overrides.iter().map(String::as_str).collect();
        args.extend(["diff", "--name-status", "-z", "-M", "--no-ext-diff", "--no-textconv", base]);
        if let Some(h) = head {
            args.push(h);
        }
        if !self.prefix.is_empty() {
            args.extend(["--", self.prefix.as_str()]);
        }
        let Ok(out) = self.git(&args) else { return Vec::new() };
        let fields: Vec<String> = out.split(|&b| b == 0).map(|f| String::from_utf8_lossy(f).into_owned()).collect();
        let mut renames = Vec::new();
        let mut i = 0;
        while i < fields.len() {
            let status = &fields[i];
            if status.starts_with('R') || status.starts_with('C') {
                if let (Some(old), Some(new)) = (fields.get(i + 1), fields.get(i + 2)) {
                    if status.starts_with('R') {
                        if let (Some(o), Some(n)) = (old.strip_prefix(self.prefix.as_str()), new.strip_prefix(self.prefix.as_str())) {
                            renames.push((o.to_string(), n.to_string()));
                        }
                    }
                }
                i += 3;
            } else {
                i += 2;
            }
        }
        renames.sort();
        renames
    }

    /// Paths (relative to the dossier) that differ between `base` and the
    /// working tree, untracked files included: for `check` to show problems
    /// in changed files first.
    pub(crate) fn changed_since(&self, base: &str) -> Result<Vec<String>, Diagnostic> {
        let commit = self.resolve(base)?;
        let mut changed: Vec<String> = Vec::new();
        let base_tree = self.tree(&commit)?;
        let work = self.working_tree()?;
        for (path, e) in &work.entries {
            if base_tree.entries.get(path).map(|b| &b.id) != Some(&e.id) {
                changed.push(path.clone());
            }
        }
        changed.sort();
        Ok(changed)
    }

    /// `-c filter.NAME.clean=` (and smudge, process) for every filter driver
    /// the repository's attributes give a file of the working tree
    /// (`.gitattributes` anywhere, `.git/info/attributes`): a driver is a
    /// command, and the repository's own settings may define it. Asked of
    /// `git check-attr`, which reads attributes as `git diff` does and runs nothing.
    fn filters_switched_off(&self) -> Vec<String> {
        let Ok(files) = self.git(&["ls-files", "-z", "--cached", "--others", "--exclude-standard"]) else { return Vec::new() };
        let Ok(out) = self.git_with_input(&["check-attr", "-z", "--stdin", "filter"], &files) else { return Vec::new() };
        // Records of three fields: path, attribute, value.
        let fields: Vec<&[u8]> = out.split(|&b| b == 0).collect();
        let names: std::collections::BTreeSet<String> = fields
            .chunks(3)
            .filter_map(|record| record.get(2))
            .map(|value| String::from_utf8_lossy(value).into_owned())
            .filter(|value| !matches!(value.as_str(), "" | "unspecified" | "unset" | "set"))
            .collect();
        names
            .iter()
            .flat_map(|name| ["clean", "smudge", "process"].map(|key| format!("filter.{name}.{key}=")).into_iter().flat_map(|kv| ["-c".to_string(), kv]))
            .collect()
    }

    fn git(&self, args: &[&str]) -> Result<Vec<u8>, String> {
        git_in(&self.toplevel, args)
    }

    fn git_with_input(&self, args: &[&str], input: &[u8]) -> Result<Vec<u8>, String> {
        let mut child = git_command(&self.toplevel)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot run git: {e}"))?;
        // Feed stdin from a thread: git answers while it reads, and a large
        // answer would otherwise fill the pipe and deadlock both sides.
        let mut stdin = child.stdin.take().ok_or("no stdin")?;
        let input = input.to_vec();
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(&input);
        });
        let output = child.wait_with_output().map_err(|e| format!("git failed: {e}"))?;
        let _ = writer.join();
        if !output.status.success() {
            return Err(String::from_utf8_lossy(&output.stderr).trim().to_string());
        }
        Ok(output.stdout)
    }
}

/// A git command that runs nothing but git: a repository's own settings
/// can name programs git runs on its own (`core.fsmonitor` when reading the
/// index, hooks when the index is refreshed, a pager, an external diff, a
/// clean filter when hashing a file), and a repository downloaded with its
/// `.git` folder brings its settings along. Each of those is switched off
/// here (the command line overrides every configuration file), the index is
/// never written (`GIT_OPTIONAL_LOCKS=0`), and files are hashed without
/// filters. Output is plain: no pager, colours or replacement refs.
fn git_command(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir)
        .env("GIT_PAGER", "cat")
        .env("PAGER", "cat")
        .env("GIT_NO_REPLACE_OBJECTS", "1")
        .env("GIT_OPTIONAL_LOCKS", "0")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env_remove("GIT_EXTERNAL_DIFF")
        .env("LC_ALL", "C");
    cmd.arg("--no-pager");
    for setting in [
        "core.quotepath=off",
        "color.ui=never",
        "diff.renames=true",
        "core.fsmonitor=false",
        "core.hooksPath=/dev/null",
        "core.pager=cat",
        "core.untrackedCache=false",
        "core.askPass=",
        "core.sshCommand=",
        "credential.helper=",
        "diff.external=",
        "protocol.allow=never",
        "gc.auto=0",
        "maintenance.auto=false",
    ] {
        cmd.args(["-c", setting]);
    }
    cmd
}

fn git_in(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let output = git_command(dir).args(args).stdin(Stdio::null()).output().map_err(|e| format!("cannot run git: {e}"))?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).trim().to_string());
    }
    Ok(output.stdout)
}

/// Read a file from disk, refusing more than the size limit.
/// A revision's files as the loader reads a dossier: a [`FileTree`] over
/// `git`. Files are read in batches ([`FileTree::prepare`]) and handed over
/// once; whether each was text is remembered, for the diff's notes.
pub(crate) struct RevisionFiles<'a> {
    repo: &'a Repo,
    tree: &'a Tree,
    /// The revision's name, as the dossier's "folder".
    label: PathBuf,
    /// Read and not yet handed over.
    prepared: Mutex<BTreeMap<String, Vec<u8>>>,
    /// Files handed over: whether each was text (UTF-8, no NUL byte).
    text: Mutex<BTreeMap<String, bool>>,
}

impl<'a> RevisionFiles<'a> {
    pub(crate) fn new(repo: &'a Repo, tree: &'a Tree, label: &str) -> RevisionFiles<'a> {
        RevisionFiles { repo, tree, label: PathBuf::from(label), prepared: Mutex::default(), text: Mutex::default() }
    }

    /// Whether a file the loader read was text; `None` if it was not read.
    pub(crate) fn was_text(&self, path: &str) -> Option<bool> {
        lock(&self.text).get(path).copied()
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn kind_of(entry: &Entry) -> FileKind {
    match entry.kind {
        EntryKind::File => FileKind::File(entry.size),
        EntryKind::Symlink => FileKind::Link,
        EntryKind::Submodule => FileKind::Other("a git submodule"),
    }
}

impl FileTree for RevisionFiles<'_> {
    fn root(&self) -> &Path {
        &self.label
    }

    fn kind(&self, path: &str) -> Option<FileKind> {
        if let Some(entry) = self.tree.entries.get(path) {
            return Some(kind_of(entry));
        }
        let folder = format!("{}/", path.trim_end_matches('/'));
        self.tree.entries.range(folder.clone()..).next().filter(|(p, _)| p.starts_with(&folder)).map(|_| FileKind::Folder)
    }

    fn walk(&self, dir: &str) -> Vec<(String, FileKind)> {
        self.tree.entries.range(dir.to_string()..).take_while(|(p, _)| p.starts_with(dir)).map(|(p, e)| (p.clone(), kind_of(e))).collect()
    }

    fn read(&self, path: &str, limit: u64) -> std::io::Result<Vec<u8>> {
        if let Some(FileKind::File(size)) = self.kind(path) {
            if size > limit {
                return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, format!("the file holds {size} bytes; the limit is {limit} bytes")));
            }
        }
        let prepared = lock(&self.prepared).remove(path);
        let bytes = match prepared {
            Some(bytes) => bytes,
            None => self.repo.read(self.tree, &[path]).ok().and_then(|mut files| files.remove(path)).ok_or_else(|| std::io::Error::other("not in git"))?,
        };
        if bytes.len() as u64 > limit {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, format!("the file holds {} bytes; the limit is {limit} bytes", bytes.len())));
        }
        lock(&self.text).insert(path.to_string(), !bytes.contains(&0) && std::str::from_utf8(&bytes).is_ok());
        Ok(bytes)
    }

    fn prepare(&self, paths: &[&str]) {
        if let Ok(files) = self.repo.read(self.tree, paths) {
            lock(&self.prepared).extend(files);
        }
    }
}
