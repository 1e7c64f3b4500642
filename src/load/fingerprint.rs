//! A fingerprint of everything a build reads, so that a second `dossier
//! build` with nothing changed can say so instead of building again.
//!
//! Every page depends on the whole dossier (listings, actor pages, search),
//! so the useful unit is the whole site: a hash over the settings, the
//! registries, every article, the originals they cite (`source = "..."`,
//! whose changes `check` reports), the dossier's templates, theme and interface strings, the
//! build options, and the running program itself, since a new version of
//! dossier renders the same input differently.

use std::path::Path;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::{Folder, Layout, ACTORS, CONFIG, EVENTS, I18N, TEMPLATES, THEME};

/// The hex SHA-256 of the inputs of a build of `root` with `options` (the
/// options that change the output, as text). `None` for a bare folder of
/// articles, whose output folder sits among its inputs, or when something
/// cannot be read: then the build simply runs.
pub fn fingerprint(root: &Path, options: &str) -> Option<String> {
    let layout = Layout::of(&Folder::new(root));
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
    for file in [CONFIG, ACTORS, EVENTS].map(|p| root.join(p)) {
        match std::fs::read(&file) {
            Ok(bytes) => add(&file.to_string_lossy(), &bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => add(&file.to_string_lossy(), b"(none)"),
            Err(_) => return None,
        }
    }
    let mut files = Vec::new();
    for dir in [layout.articles, TEMPLATES, THEME, I18N] {
        let is_articles = dir == layout.articles;
        let dir = root.join(dir);
        for entry in walkdir::WalkDir::new(&dir).follow_links(false).sort_by_file_name() {
            let Ok(entry) = entry else {
                // A folder that does not exist has no inputs; anything else unreadable: build.
                if dir.exists() {
                    return None;
                }
                continue;
            };
            if entry.file_type().is_file() || entry.file_type().is_symlink() {
                files.push((is_articles, entry.into_path()));
            }
        }
    }
    // Files are read and hashed in parallel, each on its own; their digests
    // go into the fingerprint in the walk's order.
    let digests: Option<Vec<_>> = files
        .par_iter()
        .map(|(is_article, path)| {
            let bytes = std::fs::read(path).ok()?;
            let mut file = Sha256::new();
            if *is_article {
                for origin in cited_originals(&bytes) {
                    add_input(&mut file, &format!("origin {origin}"), &std::fs::read(root.join(origin)).unwrap_or_default());
                }
            }
            add_input(&mut file, &path.to_string_lossy(), &bytes);
            Some(file.finalize())
        })
        .collect();
    for digest in digests? {
        add("file", &digest);
    }
    Some(hex(&hash.finalize()))
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
