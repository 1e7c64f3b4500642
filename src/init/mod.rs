//! `dossier init NAME`: a new dossier that builds and publishes as it is;
//! `dossier init --ci`: its GitHub workflows, added to a dossier that exists;
//! `dossier init --templates`: the built-in templates, written into the
//! dossier's `templates/` to be edited (what each template is given is in
//! `docs/templates.md`).
//!
//! A new dossier gets the settings, empty registries (each with a commented
//! example), one sample article, a `.gitignore` for the built site, and two
//! GitHub Actions workflows:
//!
//! - `dossier.yml`: on a push to `main`, check, build and deploy the site to
//!   GitHub Pages; on a pull request, a review: `check` problems inline,
//!   the `dossier diff` report as the job summary, the built site as a
//!   preview artifact with the pages it changes listed.
//! - `dossier-comment.yml`: posts that report as one comment on the pull
//!   request, updated on every push, from a `workflow_run` workflow, so the
//!   job running the pull request's content never holds a write token. It is
//!   this repository's own `.github/workflows/dossier-comment.yml`, embedded.
//!
//! The workflows install dossier with the action at the top of this
//! repository (`action.yml`), pinned to the commit this program was built
//! from, at this program's version: a dossier's workflows run the dossier
//! its author ran `init` with, and upgrading is one edit (`DOSSIER_VERSION`).
//! The repository's address comes from Cargo.toml (`repository`), the commit
//! from build.rs.
//!
//! The files are compiled into the binary (`src/init/files/`). Nothing is ever
//! overwritten: `init` wants a new or empty folder, and `init --ci` keeps
//! every file that exists and says which it kept.

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::text::{clean_line, slugify};

/// (path inside the dossier, content): the settings and the content.
const DOSSIER_FILES: &[(&str, &str)] = &[
    ("dossier.toml", include_str!("files/dossier.toml")),
    ("content/actors.toml", include_str!("files/actors.toml")),
    ("content/events.toml", include_str!("files/events.toml")),
    ("content/articles/welcome.md", include_str!("files/welcome.md")),
];

/// (path inside the dossier, content): what publishing on GitHub takes.
const CI_FILES: &[(&str, &str)] = &[
    (".gitignore", include_str!("files/gitignore")),
    (".github/workflows/dossier.yml", include_str!("files/dossier.yml")),
    (".github/workflows/dossier-comment.yml", include_str!("../../.github/workflows/dossier-comment.yml")),
];

/// What `init` did.
#[derive(Debug, Default)]
pub struct Report {
    /// Files written, relative to the dossier.
    pub written: Vec<PathBuf>,
    /// Files that existed and were kept as they are (`--ci` only).
    pub skipped: Vec<PathBuf>,
    /// Things in the way of the workflows working (another workflow that
    /// deploys to Pages, a dossier below its repository's top folder).
    pub warnings: Vec<Diagnostic>,
}

/// The `uses:` value of the install action: this repository at the commit
/// this program was built from, its version in the comment.
pub fn install_action() -> String {
    let repo = env!("CARGO_PKG_REPOSITORY").trim_end_matches('/').trim_end_matches(".git");
    let repo = repo.strip_prefix("https://github.com/").unwrap_or(repo);
    let version = env!("CARGO_PKG_VERSION");
    match env!("DOSSIER_COMMIT") {
        "" => format!("{repo}@v{version} # built from an unknown commit: pin the commit of tag v{version}"),
        commit => format!("{repo}@{commit} # v{version}"),
    }
}

/// Create a dossier in `dir` (created if missing; must otherwise be empty).
pub fn init(dir: &Path) -> Result<Report, Diagnostic> {
    let shown = dir.to_string_lossy().into_owned();
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(Diagnostic::error(shown, "folder is not empty").with_hint(
                    "init creates a new dossier; pick a new folder name, import into an existing dossier with `dossier import --dossier DIR`, \
                     or add the GitHub workflows to it with `dossier init --ci`",
                ));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(Diagnostic::error(shown, format!("cannot use this folder: {e}"))),
    }
    let name = dir.canonicalize().ok().as_deref().unwrap_or(dir).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "dossier".into());
    let title = clean_line(&name).replace(['"', '\\'], "");
    let slug = Some(slugify(&name)).filter(|s| !s.is_empty()).unwrap_or_else(|| "dossier".into());
    let mut report = Report::default();
    for (rel, content) in DOSSIER_FILES.iter().chain(CI_FILES) {
        write_new(dir, rel, &fill(content, &title, &slug))?;
        report.written.push(PathBuf::from(rel));
    }
    Ok(report)
}

/// Add the GitHub workflows and `.gitignore` to the dossier in `dir`,
/// keeping every file that exists.
pub fn add_ci(dir: &Path) -> Result<Report, Diagnostic> {
    // The CI files name neither the title nor the slug.
    let files: Vec<(String, String)> = CI_FILES.iter().map(|(rel, content)| (rel.to_string(), fill(content, "", ""))).collect();
    let mut report = add_files(dir, "--ci", &files)?;
    report.warnings = obstacles(dir);
    Ok(report)
}

/// Write the built-in templates into the dossier's `templates/` in `dir`,
/// keeping every template it has: a dossier's template replaces the
/// built-in one of its name, so one that is kept is the one in use.
pub fn add_templates(dir: &Path) -> Result<Report, Diagnostic> {
    let files: Vec<(String, String)> =
        crate::render::DEFAULT_TEMPLATES.iter().map(|(name, source)| (format!("{}{name}", crate::load::TEMPLATES), source.to_string())).collect();
    add_files(dir, "--templates", &files)
}

/// Write `files` into the existing dossier `dir`, keeping those that exist.
fn add_files(dir: &Path, flag: &str, files: &[(String, String)]) -> Result<Report, Diagnostic> {
    if !dir.is_dir() {
        return Err(Diagnostic::error(dir.to_string_lossy(), "no such folder")
            .with_hint(format!("`dossier init {flag}` adds to an existing dossier; `dossier init NAME` creates a new one")));
    }
    let mut report = Report::default();
    for (rel, content) in files {
        if dir.join(rel).symlink_metadata().is_ok() {
            report.skipped.push(PathBuf::from(rel));
            continue;
        }
        write_new(dir, rel, content)?;
        report.written.push(PathBuf::from(rel));
    }
    Ok(report)
}

fn fill(content: &str, title: &str, slug: &str) -> String {
    content
        .replace("{{TITLE}}", title)
        .replace("{{SLUG}}", slug)
        .replace("{{VERSION}}", env!("CARGO_PKG_VERSION"))
        .replace("{{INSTALL_ACTION}}", &install_action())
}

fn write_new(dir: &Path, rel: &str, content: &str) -> Result<(), Diagnostic> {
    let path = dir.join(rel);
    let result = std::fs::create_dir_all(path.parent().unwrap_or(dir)).and_then(|_| {
        // create_new: a file that appeared meanwhile is not overwritten.
        use std::io::Write;
        std::fs::OpenOptions::new().write(true).create_new(true).open(&path)?.write_all(content.as_bytes())
    });
    result.map_err(|e| Diagnostic::error(path.to_string_lossy(), format!("cannot write: {e}")))
}

/// What would stop the workflows from working in `dir` as it is.
fn obstacles(dir: &Path) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let ours: Vec<&str> = CI_FILES.iter().map(|(rel, _)| *rel).collect();
    let workflows = dir.join(".github/workflows");
    let mut others: Vec<PathBuf> = std::fs::read_dir(&workflows).into_iter().flatten().flatten().map(|e| e.path()).collect();
    others.sort();
    for path in others {
        let rel = path.strip_prefix(dir).unwrap_or(&path).to_string_lossy().replace('\\', "/");
        if ours.contains(&rel.as_str()) {
            continue;
        }
        // An older `dossier init` wrote pages.yml; two deployments per push race.
        if std::fs::read_to_string(&path).is_ok_and(|text| text.contains("actions/deploy-pages")) {
            warnings.push(
                Diagnostic::warning(rel, "this workflow deploys to GitHub Pages too, so each push to main would deploy twice")
                    .with_hint("delete it: dossier.yml builds and deploys the dossier"),
            );
        }
    }
    if let Some(prefix) = crate::diff::repo_prefix(dir).filter(|p| !p.is_empty()) {
        warnings.push(
            Diagnostic::warning(
                dir.join(".github").to_string_lossy(),
                format!("this dossier is in `{prefix}` of its git repository, and GitHub runs only the workflows in the repository's top folder"),
            )
            .with_hint("keep the dossier at the top of its own repository, or move .github/ there and give every dossier command the folder"),
        );
    }
    warnings
}
