//! A fingerprint of everything a build reads, so that a second `dossier
//! build` with nothing changed can say so instead of building again.
//!
//! Every page depends on the whole dossier (listings, actor pages, search),
//! so the useful unit is the whole site: a hash over the settings, the
//! registries, every article and the files of its bundle, the originals
//! they cite (`source = "..."`, whose changes `check` reports), the
//! dossier's templates, theme, interface strings and `static/` files, the
//! build options, and the running program itself, since a new version of
//! dossier renders the same input differently.

use std::path::Path;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::files::{FileKind, FileTree};
use super::{Folder, Layout, ACTORS, CONFIG, EVENTS, I18N, STATIC, TEMPLATES, THEME};
use crate::limits::{MAX_ASSET_BYTES, MAX_IMPORT_BYTES};

/// The hex SHA-256 of the inputs of a build of `root` with `options` (the
/// options that change the output, as text). `None` for a bare folder of
/// articles, whose output folder sits among its inputs, or when something
/// cannot be read: then the build simply runs.
///
/// Files are read through [`Folder`], as the loader reads them: a link is
/// hashed as a link (the loader skips it), never followed, and nothing
/// larger than the loader would read is read.
pub fn fingerprint(root: &Path, options: &str) -> Option<String> {
    let folder = Folder::new(root);
    let layout = Layout::of(&folder);
    if layout.bare {
        return None;
    }
    let mut hash = Sha256::new();
    let mut add = |label: &str, bytes: &[u8]| add_input(&mut hash, label, bytes);
    add("dossier", env!("CARGO_PKG_VERSION").as_bytes());
    let exe = std::env::current_exe().ok()?.metadata().ok()?;
    let built = exe.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
    add("program", format!("{} {}", exe.len(), built.as_nanos()).as_bytes());
    add("options", options.as_bytes());
    let mut files: Vec<(bool, String, FileKind)> = Vec::new();
    for path in [CONFIG, ACTORS, EVENTS] {
        files.push((false, path.to_string(), folder.kind(path).unwrap_or(FileKind::Other("none"))));
    }
    for dir in [layout.articles, TEMPLATES, THEME, I18N, STATIC] {
        let is_articles = dir == layout.articles;
        // A linked folder is skipped by the loader; its link is the input.
        match folder.kind(dir) {
            Some(FileKind::Folder) => files.extend(folder.walk(dir).into_iter().map(|(path, kind)| (is_articles, path, kind))),
            Some(other) => files.push((false, dir.to_string(), other)),
            None => {}
        }
    }
    // Files are read and hashed in parallel, each on its own; their digests
    // go into the fingerprint in the walk's order.
    let digests: Option<Vec<_>> = files
        .par_iter()
        .map(|(is_article, path, kind)| {
            let mut file = Sha256::new();
            let bytes = match kind {
                // Theme, `static/` and bundle files may be as large as an asset.
                FileKind::File(_) => folder.read(path, MAX_ASSET_BYTES).ok()?,
                FileKind::Link => link_text(root, path)?,
                FileKind::Other(what) => what.as_bytes().to_vec(),
                FileKind::Folder | FileKind::Unreadable(_) => return None,
            };
            if *is_article {
                for origin in cited_originals(&bytes) {
                    let original = match folder.kind(origin) {
                        Some(FileKind::File(_)) => folder.read(origin, MAX_IMPORT_BYTES).unwrap_or_else(|_| b"(unreadable)".to_vec()),
                        _ => b"(not a file)".to_vec(),
                    };
                    add_input(&mut file, &format!("origin {origin}"), &original);
                }
            }
            add_input(&mut file, &format!("{path} {kind:?}"), &bytes);
            Some(file.finalize())
        })
        .collect();
    for digest in digests? {
        add("file", &digest);
    }
    Some(hex(&hash.finalize()))
}

/// Where a link points, as text: the link is hashed, its target never read.
fn link_text(root: &Path, path: &str) -> Option<Vec<u8>> {
    std::fs::read_link(root.join(path.trim_end_matches('/'))).ok().map(|t| t.to_string_lossy().into_owned().into_bytes())
}

/// The SHA-256 of `bytes` in hex, as `sha256sum` writes it (and
/// `source_sha256` holds it).
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// One labelled input, length-prefixed so no two sequences of inputs hash alike.
fn add_input(hash: &mut Sha256, label: &str, bytes: &[u8]) {
    for part in [label.as_bytes(), bytes] {
        hash.update((part.len() as u64).to_le_bytes());
        hash.update(part);
    }
}

/// The `source = "..."` paths in an article's front matter, found by lines
/// rather than parsed: this only decides what else to hash, so reading one
/// too many is harmless.
fn cited_originals(article: &[u8]) -> Vec<&str> {
    let text = std::str::from_utf8(article).unwrap_or_default();
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("source")?.trim_start().strip_prefix('=')?.trim().strip_prefix('"')?.strip_suffix('"'))
        .filter(|p| !p.contains("..") && !Path::new(p).is_absolute())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cited_originals_are_read_from_source_lines() {
        let article = b"+++\ntitle = \"x\"\nsource = \"seeds/a.txt\"\n+++\nsource = \"../etc/passwd\"\nsource = \"/etc/passwd\"\n";
        assert_eq!(cited_originals(article), ["seeds/a.txt"]);
    }
}
