//! `dossier init NAME`: a new dossier that builds and publishes as it is.
//!
//! Writes the settings, empty registries (each with a commented example),
//! one sample article, a `.gitignore` for the built site, and a GitHub
//! Actions workflow that checks, builds and deploys the site to GitHub Pages.
//! The files are compiled into the binary (`src/init/files/`). Nothing is
//! ever overwritten: the folder must be new or empty.

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::text::{clean_line, slugify};

/// (path inside the new dossier, content) for every scaffolded file.
const FILES: &[(&str, &str)] = &[
    ("dossier.toml", include_str!("files/dossier.toml")),
    ("content/actors.toml", include_str!("files/actors.toml")),
    ("content/events.toml", include_str!("files/events.toml")),
    ("content/articles/welcome.md", include_str!("files/welcome.md")),
    (".gitignore", include_str!("files/gitignore")),
    (".github/workflows/pages.yml", include_str!("files/pages.yml")),
];

/// Create a dossier in `dir` (created if missing; must otherwise be empty).
/// Returns the files written, relative to `dir`.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let shown = dir.to_string_lossy().into_owned();
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(Diagnostic::error(shown, "folder is not empty")
                    .with_hint("init creates a new dossier; pick a new folder name, or import into an existing dossier with `dossier import --into`"));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(Diagnostic::error(shown, format!("cannot use this folder: {e}"))),
    }
    let name = dir.canonicalize().ok().as_deref().unwrap_or(dir).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "dossier".into());
    let title = clean_line(&name).replace(['"', '\\'], "");
    let slug = Some(slugify(&name)).filter(|s| !s.is_empty()).unwrap_or_else(|| "dossier".into());
    let mut written = Vec::new();
    for (rel, content) in FILES {
        let content = content.replace("{{TITLE}}", &title).replace("{{SLUG}}", &slug);
        let path = dir.join(rel);
        let result = std::fs::create_dir_all(path.parent().unwrap_or(dir)).and_then(|_| {
            // create_new: a file that appeared meanwhile is not overwritten.
            use std::io::Write;
            std::fs::OpenOptions::new().write(true).create_new(true).open(&path)?.write_all(content.as_bytes())
        });
        if let Err(e) = result {
            return Err(Diagnostic::error(path.to_string_lossy(), format!("cannot write: {e}")));
        }
        written.push(PathBuf::from(rel));
    }
    Ok(written)
}
