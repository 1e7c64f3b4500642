//! `dossier actors`: growing the actor registry from what the articles say.
//!
//! - [`candidates`] lists capitalised names in the articles that match no
//!   actor (nor a role phrase), with the sentences they occur in and the
//!   existing actors they look or sound like ([`similar`]). Nothing is ever
//!   merged on a resemblance: near-identical spellings can be different people.
//! - [`accept`] makes a candidate an alias of an actor, or a new actor;
//!   [`reject`] records it in `content/curation.toml` so it is not proposed
//!   again. Both decisions are plain TOML, reviewed in a pull request.
//! - [`write_review`] writes every candidate into one TOML file the analyst
//!   marks accept/reject/as-which-actor; [`apply`] carries it out ([`review`]).
//! - [`merge`] folds one actor into another: its spellings move, annotations
//!   naming it are rewritten, role terms follow, and a `[[merged]]` record
//!   keeps its old page as a redirect.
//!
//! Files are edited with `toml_edit` (comments and layout survive) and
//! written atomically ([`edit`]). Every edit of the registry is parsed again
//! before it is written: an edit that would make `check` fail is refused.

mod candidates;
mod edit;
mod review;
mod similar;

use std::path::{Path, PathBuf};

use serde::Serialize;

pub(crate) use candidates::{common_words, rejected, spans as candidate_spans, Span as CandidateSpan, Tally};
pub use candidates::{Candidate, Occurrence};
pub use review::{apply, write as write_review};
pub use similar::Suggestion;

use crate::annotate::ActorMatcher;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::text::{clean_line, is_slug};

/// Where decisions about candidates are kept, relative to the dossier.
pub const CURATION_FILE: &str = "content/curation.toml";
const ACTORS_FILE: &str = "content/actors.toml";

/// Load the dossier; a broken registry stops curation (its errors are returned).
fn load_registry(root: &Path) -> Result<crate::load::Dossier, Diagnostics> {
    let (dossier, diags) = crate::load::load(&crate::load::Folder::new(root));
    if diags.iter().any(|d| d.severity == crate::diagnostics::Severity::Error && d.path == ACTORS_FILE) {
        return Err(diags.sorted());
    }
    Ok(dossier)
}

/// Candidate names in the dossier's articles, most frequent first.
pub fn candidates(root: &Path) -> Result<Vec<Candidate>, Diagnostics> {
    let dossier = load_registry(root)?;
    let rejected = rejected(root).map_err(one)?;
    let matcher = ActorMatcher::of(&dossier);
    let similarity = similar::Similarity::new(&dossier.actors);
    let mut tally = Tally::default();
    let paragraphs: Vec<(String, Vec<crate::annotate::Paragraph>)> =
        dossier.articles.iter().map(|a| (a.path.clone(), crate::annotate::paragraphs(a))).collect();
    let mut common = std::collections::BTreeSet::new();
    for (_, list) in &paragraphs {
        for p in list {
            common.extend(candidates::common_words(&p.text));
        }
    }
    for (path, list) in &paragraphs {
        for paragraph in list {
            let spans = candidates::spans(&matcher, &paragraph.text, &common);
            if spans.is_empty() {
                continue;
            }
            let sentences = crate::text::sentences::ranges(&paragraph.text);
            for span in spans {
                let sentence = sentences.iter().find(|s| s.contains(&span.range.start)).map_or(paragraph.text.as_str(), |s| &paragraph.text[s.clone()]);
                let occurrence = Occurrence { path: path.clone(), line: paragraph.line, sentence: sentence.trim().to_string() };
                tally.add_span(path, &span, Some(occurrence));
            }
        }
    }
    Ok(tally.finish_with(&rejected, Some(&similarity)))
}

/// What `accept` makes of a candidate.
#[derive(Debug, Clone)]
pub enum Accept {
    /// An alias of this existing actor.
    AliasOf(String),
    /// A new actor with this id and kind (person, organisation, country).
    NewActor { id: String, kind: String },
}

fn one(d: Diagnostic) -> Diagnostics {
    let mut all = Diagnostics::new();
    all.push(d);
    all
}

fn usage(message: impl Into<String>, hint: impl Into<String>) -> Diagnostics {
    one(Diagnostic::error(ACTORS_FILE, message).with_hint(hint))
}

/// Parse an edited registry; refuse the edit if it has errors.
fn validated(doc: &toml_edit::DocumentMut) -> Result<String, Diagnostics> {
    let text = doc.to_string();
    let (_, diags) = crate::load::parse_registry(ACTORS_FILE, &text);
    if diags.has_errors() {
        let mut all = usage("the edit was not made: content/actors.toml would not pass check", "fix the problems below, or choose another name or id");
        all.extend(diags);
        return Err(all);
    }
    Ok(text)
}

/// The other forms grouped with a candidate name ([`Candidate::aliases`]),
/// as `dossier actors candidates` lists them now; none if it lists no such name.
fn grouped_aliases(root: &Path, name: &str) -> Vec<String> {
    let key = crate::text::fold(name);
    let Ok(list) = candidates(root) else { return Vec::new() };
    list.into_iter()
        .find(|c| crate::text::fold(&c.name) == key || c.aliases.iter().any(|a| crate::text::fold(a) == key))
        .map(|c| std::iter::once(c.name).chain(c.aliases).filter(|a| crate::text::fold(a) != key).collect())
        .unwrap_or_default()
}

/// `aliases` without the spellings another actor than `id` already has.
fn unowned(doc: &toml_edit::DocumentMut, id: Option<&str>, aliases: Vec<String>) -> Vec<String> {
    let owned: Vec<String> = edit::all_spellings(doc).into_iter().filter(|(owner, _)| Some(owner.as_str()) != id).map(|(_, s)| crate::text::fold(&s)).collect();
    aliases.into_iter().filter(|a| !owned.contains(&crate::text::fold(a))).collect()
}

/// Accept a candidate name: as an alias of an actor, or as a new actor.
/// The forms grouped with it ([`Candidate::aliases`]) come along, unless
/// `alone`. Returns a one-line description of what was done.
pub fn accept(root: &Path, name: &str, how: &Accept) -> Result<String, Diagnostics> {
    accept_with(root, name, how, None)
}

/// [`accept`], with the aliases given (`None`: as `candidates` groups them).
pub fn accept_with(root: &Path, name: &str, how: &Accept, aliases: Option<Vec<String>>) -> Result<String, Diagnostics> {
    let name = clean_line(name);
    if !name.chars().any(char::is_alphanumeric) {
        return Err(usage("a name needs at least one letter or digit", "pass the name as `dossier actors candidates` shows it"));
    }
    let aliases: Vec<String> = aliases.unwrap_or_else(|| grouped_aliases(root, &name)).iter().map(|a| clean_line(a)).filter(|a| !a.is_empty()).collect();
    let path = root.join(ACTORS_FILE);
    let mut doc = edit::read(&path).map_err(|e| usage(e, "fix the TOML first (`dossier check`)"))?;
    let with = |added: &[String]| if added.is_empty() { String::new() } else { format!(" (with {})", added.join(", ")) };
    let done = match how {
        Accept::AliasOf(id) => {
            let aliases = unowned(&doc, Some(id), aliases);
            let Some(table) = edit::actor_mut(&mut doc, id) else {
                return Err(usage(format!("there is no actor `{id}`"), "use an id from content/actors.toml, or --new ID for a new actor"));
            };
            let added = edit::add_aliases(table, &std::iter::once(name.clone()).chain(aliases).collect::<Vec<_>>());
            if added.is_empty() {
                return Err(usage(format!("`{name}` is already a spelling of `{id}`"), "nothing to do"));
            }
            format!("`{name}` is now an alias of `{id}`{}", with(&added[1.min(added.len())..]))
        }
        Accept::NewActor { id, kind } => {
            if !is_slug(id) {
                return Err(usage(
                    format!("`{id}` is not a valid id"),
                    format!("ids use lowercase letters, digits and single hyphens; try `{}`", crate::text::slugify(&name)),
                ));
            }
            if edit::actor_mut(&mut doc, id).is_some() {
                return Err(usage(format!("there is already an actor `{id}`"), format!("use --as {id} to add `{name}` as its alias")));
            }
            let aliases = unowned(&doc, None, aliases);
            edit::push_actor(&mut doc, id, &name, kind);
            let added = edit::actor_mut(&mut doc, id).map(|t| edit::add_aliases(t, &aliases)).unwrap_or_default();
            format!("new actor `{id}` ({name}, {kind}){}", with(&added))
        }
    };
    let text = validated(&doc)?;
    edit::write_atomic(&path, &text).map_err(|e| usage(e, "nothing was changed"))?;
    Ok(done)
}

/// Reject a candidate name: recorded in `content/curation.toml`, never proposed again.
pub fn reject(root: &Path, name: &str) -> Result<String, Diagnostics> {
    let name = clean_line(name);
    if !name.chars().any(char::is_alphanumeric) {
        return Err(usage("a name needs at least one letter or digit", "pass the name as `dossier actors candidates` shows it"));
    }
    rejected(root).map_err(one)?;
    let path = root.join(CURATION_FILE);
    let mut doc = edit::read(&path).map_err(|e| one(Diagnostic::error(CURATION_FILE, e)))?;
    if doc.is_empty() {
        doc.decor_mut().set_prefix(
            "# Decisions on candidate names (`dossier actors`), kept with the dossier so they are\n# reviewed like any other change. Rejected names are never proposed again.\n",
        );
    }
    if !edit::add_to_list(&mut doc, "rejected", &name) {
        return Ok(format!("`{name}` was already rejected"));
    }
    edit::write_atomic(&path, &doc.to_string()).map_err(|e| one(Diagnostic::error(CURATION_FILE, e)))?;
    Ok(format!("`{name}` rejected (recorded in {CURATION_FILE})"))
}

/// What a merge changed.
#[derive(Debug, Clone, Serialize)]
pub struct MergeReport {
    pub old: String,
    pub into: String,
    /// Spellings of the old actor that became aliases of the new one.
    pub aliases_added: Vec<String>,
    /// Role terms and earlier merge records now pointing at the new actor.
    pub repointed: usize,
    /// Articles whose annotations or front matter named the old id.
    pub articles_rewritten: Vec<PathBuf>,
}

/// Merge actor `old` into actor `into`.
pub fn merge(root: &Path, old: &str, into: &str) -> Result<MergeReport, Diagnostics> {
    if old == into {
        return Err(usage(format!("cannot merge `{old}` into itself"), "name two different actors"));
    }
    let path = root.join(ACTORS_FILE);
    let mut doc = edit::read(&path).map_err(|e| usage(e, "fix the TOML first (`dossier check`)"))?;
    if edit::actor_mut(&mut doc, into).is_none() {
        return Err(usage(format!("there is no actor `{into}` to merge into"), "use an id from content/actors.toml"));
    }
    let Some(removed) = edit::remove_actor(&mut doc, old) else {
        return Err(usage(format!("there is no actor `{old}`"), "use an id from content/actors.toml"));
    };
    let spellings = edit::spellings(&removed);
    let Some(target) = edit::actor_mut(&mut doc, into) else { unreachable!("checked above") };
    let aliases_added = edit::add_aliases(target, &spellings);
    edit::inherit_identifiers(&removed, target);
    let repointed = edit::repoint(&mut doc, old, into);
    edit::push_merged(&mut doc, old, into);
    let registry = validated(&doc)?;

    // Every article is rewritten in memory first; nothing is written until all are read.
    let articles_dir = root.join("content").join("articles");
    let mut rewrites = Vec::new();
    if articles_dir.is_dir() {
        for entry in walkdir::WalkDir::new(&articles_dir).follow_links(false).sort_by_file_name() {
            let entry = entry.map_err(|e| usage(format!("cannot read {}: {e}", articles_dir.display()), "nothing was changed"))?;
            if !entry.file_type().is_file() || entry.path().extension().is_none_or(|e| e != "md") {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(entry.path()) else { continue };
            if let Some(new) = edit::rewrite_article(&text, old, into) {
                rewrites.push((entry.path().to_path_buf(), new));
            }
        }
    }
    for (file, text) in &rewrites {
        edit::write_atomic(file, text).map_err(|e| usage(e, "the registry was not changed; articles listed before this one were rewritten"))?;
    }
    edit::write_atomic(&path, &registry).map_err(|e| usage(e, "articles were rewritten but the registry was not; run the merge again"))?;
    Ok(MergeReport {
        old: old.to_string(),
        into: into.to_string(),
        aliases_added,
        repointed,
        articles_rewritten: rewrites.into_iter().map(|(p, _)| p.strip_prefix(root).map(Path::to_path_buf).unwrap_or(p)).collect(),
    })
}
