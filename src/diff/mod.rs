//! `dossier diff`: what a change does to the dossier, in the dossier's own
//! terms, for reviewing pull requests. A separate command, not a build stage.
//!
//! Both revisions are read straight from git ([`git`]), each is loaded,
//! annotated and linked in memory by the real pipeline stages
//! ([`snapshot`]), and the two results are compared ([`compare`]): articles
//! added, removed, renamed or edited (with a word-level diff), annotations
//! added, removed or changed, mentions gained or lost per actor, event
//! membership, registry changes and the pages they touch, and the problems
//! the change introduces or fixes. The result is plain data ([`DossierDiff`]),
//! written as JSON for tools, as Markdown sized for a pull-request comment
//! ([`markdown`]) or as an HTML page in the site's style ([`html`]).

mod annotations;
mod compare;
mod git;
mod html;
mod markdown;
mod model;
mod registry;
mod snapshot;

use std::path::Path;

pub use html::html;
pub use markdown::{markdown, COMMENT_LIMIT, MARKER};
pub use model::*;

use crate::diagnostics::Diagnostic;

/// Compare the dossier at `root` (a folder inside a git repository) between
/// revision `base` and revision `head`, or the working tree when `head` is `None`.
pub fn diff(root: &Path, base: &str, head: Option<&str>) -> Result<DossierDiff, Diagnostic> {
    let repo = git::Repo::open(root)?;
    let base_commit = repo.resolve(base)?;
    let head_commit = head.map(|h| repo.resolve(h)).transpose()?;
    let base_tree = repo.tree(&base_commit)?;
    let head_tree = match &head_commit {
        Some(c) => repo.tree(c)?,
        None => repo.working_tree()?,
    };
    let base_snap = snapshot::load(&repo, &base_tree, base)?;
    let head_snap = snapshot::load(&repo, &head_tree, head.unwrap_or("working tree"))?;
    let renames = repo.renames(&base_commit, head_commit.as_deref());
    let base_rev = Revision { name: base.to_string(), commit: Some(base_commit) };
    let head_rev = Revision { name: head.unwrap_or("working tree").to_string(), commit: head_commit };
    Ok(compare::compare(&base_snap, &head_snap, &renames, base_rev, head_rev))
}

/// A preview URL the reports may link to: http(s), and nothing that could
/// end a Markdown link or an HTML attribute early.
pub fn check_preview_url(url: &str) -> Result<(), String> {
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return Err(format!("`{}` is not an http(s) URL", crate::text::clean_line(url)));
    }
    if let Some(c) = url.chars().find(|c| c.is_whitespace() || c.is_control() || "\"'<>()[]`\\".contains(*c)) {
        return Err(format!("the URL contains `{}`; percent-encode it", c.escape_default()));
    }
    Ok(())
}

/// The report as pretty-printed JSON.
pub fn json(diff: &DossierDiff) -> String {
    let mut text = serde_json::to_string_pretty(diff).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

/// The folder of the dossier at `root` within its git repository (`""` at
/// the top, else ending in `/`); `None` outside a repository.
pub fn repo_prefix(root: &Path) -> Option<String> {
    git::Repo::open(root).ok().map(|r| r.prefix().to_string())
}

/// Paths (relative to the dossier at `root`) that differ between revision
/// `base` and the working tree, so `check` can report problems there first.
pub fn changed_files(root: &Path, base: &str) -> Result<Vec<String>, Diagnostic> {
    git::Repo::open(root)?.changed_since(base)
}
