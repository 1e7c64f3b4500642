//! One revision of a dossier, read from git and run through the
//! [pipeline](crate::pipeline) in memory, reduced to what the diff compares.
//!
//! There is no second loader here: the revision's files are read through
//! [`RevisionFiles`] by the same loader, under the same layout rules and
//! with the same checks, as `dossier build` reads a folder, and the same
//! stages annotate and link them, so the diff says what a build of either
//! revision would say. An article that fails to load or annotate in one
//! revision is still an article of that revision (with its errors and, when
//! readable, its text), so a broken edit shows up as an edit, not as a
//! deletion; one that loaded but has a broken annotation keeps every
//! annotation and mention annotating found, so the rest of its changes
//! still show.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::annotate::{Annotation, Article};
use crate::diagnostics::{FileText, Severity};
use crate::limits::MAX_FILE_BYTES;
use crate::load::{Actor, Config, Event, Layout, Merged, Refused};
use crate::pipeline;

use super::git::{EntryKind, Repo, RevisionFiles, Tree};
use super::model::{FileNote, Problem, RenameEvidence};

/// An article in the base, in the head, or both.
pub(super) struct Pair<'a> {
    pub(super) base: Option<(&'a str, &'a ArticleView)>,
    pub(super) head: Option<(&'a str, &'a ArticleView)>,
    pub(super) rename: Option<RenameEvidence>,
}

/// An article as the diff sees it in one revision.
#[derive(Debug, Clone)]
pub(crate) struct ArticleView {
    pub(crate) path: String,
    pub(crate) title: String,
    /// Front-matter fields as text, for field-by-field comparison.
    pub(crate) fields: BTreeMap<&'static str, String>,
    /// The `source =` provenance file, for rename detection.
    pub(crate) origin: Option<String>,
    /// The whole file (shared with the loader, not copied) and where its Markdown body starts.
    pub(crate) file: Arc<FileText>,
    pub(crate) body_start: usize,
    pub(crate) events: Vec<String>,
    /// Whether the file loaded as an article: if not, its annotations and
    /// mentions are unknown (not none).
    pub(crate) loaded: bool,
    /// The annotations annotating found, also in an article with errors
    /// (a broken annotation does not hide the others).
    pub(crate) annotations: Vec<Annotation>,
    /// The standoff annotations as written, found in the text or not.
    pub(crate) standoff: Vec<WrittenStandoff>,
    pub(crate) mentions: BTreeMap<String, usize>,
    /// Actors the article lists or mentions.
    pub(crate) actors: Vec<String>,
    /// Old slugs whose pages redirect to this article.
    pub(crate) aliases: Vec<String>,
    /// Its errors.
    pub(crate) errors: Vec<Flaw>,
}

/// An error of an article: where, and what `check` prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Flaw {
    /// Byte range in the file, when the error has a position.
    pub(crate) span: Option<std::ops::Range<usize>>,
    pub(crate) message: String,
    /// As `check` prints it: `path:line:col: error: message (help: hint)`.
    pub(crate) shown: String,
}

impl ArticleView {
    pub(crate) fn body(&self) -> &str {
        self.file.text.get(self.body_start..).unwrap_or_default()
    }
}

/// A `[[annotation]]` table of the front matter: so that one the text no
/// longer holds (orphaned) is told apart from one that was removed.
#[derive(Debug, Clone)]
pub(crate) struct WrittenStandoff {
    pub(crate) id: Option<String>,
    pub(crate) kind: String,
    pub(crate) exact: String,
    /// From the first of the table's fields to the end of the last, in the file.
    pub(crate) span: std::ops::Range<usize>,
}

/// One revision, loaded.
#[derive(Debug, Default)]
pub(crate) struct Snapshot {
    pub(crate) config: Config,
    /// By slug.
    pub(crate) articles: BTreeMap<String, ArticleView>,
    /// Sorted by id.
    pub(crate) actors: Vec<Actor>,
    /// Old actor ids whose pages redirect: `[[merged]]` records and actors' `old_ids`.
    pub(crate) merged: Vec<Merged>,
    pub(crate) events: Vec<Event>,
    pub(crate) problems: Vec<Problem>,
    /// Files that could not be read as text, skipped links, oversized files.
    pub(crate) notes: Vec<(String, String)>,
    /// Content ids of the files the diff does not parse (theme, templates,
    /// other files under content/), to list them when they change.
    pub(crate) other_files: BTreeMap<String, String>,
    /// The revision's own templates (`templates/*.html`).
    pub(crate) templates: Vec<(String, String)>,
}

/// Files the diff lists by content id only: theme, templates, and what
/// else is under content/ besides the registries and the articles.
fn is_other(layout: &Layout, path: &str) -> bool {
    !layout.bare
        && !layout.is_article(path)
        && !layout.is_setting(path)
        && ["content/", crate::load::TEMPLATES, crate::load::THEME].iter().any(|p| path.starts_with(p))
}

/// Read the dossier in `tree` and run the pipeline on it.
pub(crate) fn load(repo: &Repo, tree: &Tree, label: &str) -> Result<Snapshot, crate::diagnostics::Diagnostic> {
    let files = RevisionFiles::new(repo, tree, label);
    let layout = Layout::of(&files);
    let mut snap = Snapshot::default();
    for (path, entry) in &tree.entries {
        if layout.is_setting(path) {
            // Read as empty, these would show every actor or event as removed: say why instead.
            match entry.kind {
                EntryKind::File if entry.size > MAX_FILE_BYTES => {
                    snap.notes.push((path.clone(), format!("{} bytes, over the {MAX_FILE_BYTES}-byte limit: read as empty", entry.size)))
                }
                EntryKind::File => {}
                _ => snap.notes.push((path.clone(), "not a regular file: read as empty".into())),
            }
        } else if layout.is_article(path) {
            match entry.kind {
                EntryKind::File if entry.size > MAX_FILE_BYTES => {
                    snap.notes.push((path.clone(), format!("{} bytes, over the {MAX_FILE_BYTES}-byte limit: not compared", entry.size)))
                }
                EntryKind::File => {}
                EntryKind::Symlink => snap.notes.push((path.clone(), "symbolic link skipped (as the build does)".into())),
                EntryKind::Submodule => snap.notes.push((path.clone(), "submodule skipped".into())),
            }
        } else if is_other(&layout, path) {
            snap.other_files.insert(path.clone(), entry.id.clone());
        }
    }

    let linked = pipeline::run(&files, &pipeline::Options::default());
    let is_text = |path: &str| files.was_text(path);
    for path in [crate::load::CONFIG, crate::load::ACTORS, crate::load::EVENTS] {
        if is_text(path) == Some(false) {
            snap.notes.push((path.to_string(), "not valid UTF-8 text: read as empty".into()));
        }
    }
    let diags = linked.diagnostics.sorted();
    let pipeline::Linked { site, unannotated, .. } = linked;
    let crate::link::Site { dossier, articles, .. } = site;
    let errors_of = |path: &str| -> Vec<Flaw> {
        diags
            .iter()
            .filter(|d| d.severity == Severity::Error && d.path == path)
            .map(|d| Flaw { span: d.location.as_ref().map(|(_, s)| s.clone()), message: d.message.clone(), shown: d.to_string() })
            .collect()
    };
    let known_events: BTreeSet<&str> = dossier.events.iter().map(|e| e.id.as_str()).collect();
    // Annotated or not (an article with a broken annotation is still
    // compared annotation by annotation).
    for article in articles.into_iter().chain(unannotated) {
        let errors = errors_of(&article.loaded.path);
        snap.articles.insert(article.loaded.slug.clone(), view(article, &known_events, errors));
    }
    // A file that did not load at all: its text (if any) and errors, under
    // the slug it would have had; two such files with one slug (the
    // collision the build refuses) are one view with the errors of both.
    let mut refused_slugs = BTreeSet::new();
    for Refused { path, slug, text } in &dossier.refused {
        let binary = is_text(path) == Some(false);
        if binary {
            snap.notes.push((path.clone(), "binary or not UTF-8: not compared".into()));
        }
        let errors = errors_of(path);
        if refused_slugs.contains(slug) {
            if let Some(v) = snap.articles.get_mut(slug) {
                for e in errors {
                    if !v.errors.contains(&e) {
                        v.errors.push(e);
                    }
                }
            }
            continue;
        }
        if snap.articles.contains_key(slug) {
            continue;
        }
        refused_slugs.insert(slug.clone());
        let file = text.clone().filter(|_| !binary).unwrap_or_else(|| FileText::new(path.clone(), String::new()));
        snap.articles.insert(slug.clone(), unparsed_view(path, file, errors));
    }
    snap.problems = diags
        .iter()
        .map(|d| Problem {
            path: d.path.clone(),
            line: d.line_col().map(|(l, _)| l),
            severity: match d.severity {
                Severity::Error => "error".into(),
                Severity::Warning => "warning".into(),
            },
            message: d.message.clone(),
        })
        .collect();
    let mut actors = dossier.actors;
    actors.sort_by(|a, b| a.id.cmp(&b.id));
    snap.actors = actors;
    snap.merged = dossier.merged;
    snap.events = dossier.events;
    snap.config = dossier.config;
    snap.templates = dossier.templates;
    snap.notes.sort();
    Ok(snap)
}

/// An article that loaded, with what annotating found (all of it, if it
/// has errors).
fn view(article: Article, known_events: &BTreeSet<&str>, errors: Vec<Flaw>) -> ArticleView {
    let Article { loaded, annotations, mentions: found, actors, .. } = article;
    let mut fields = BTreeMap::new();
    fields.insert("title", loaded.title.clone());
    let mut put = |k: &'static str, v: &Option<String>| {
        if let Some(v) = v {
            fields.insert(k, v.clone());
        }
    };
    put("outlet", &loaded.outlet);
    put("date", &loaded.date.map(|d| d.to_string()));
    put("url", &loaded.url);
    put("language", &loaded.language);
    put("author", &loaded.author);
    put("source", &loaded.origin);
    let mut list = |k: &'static str, items: Vec<&str>| {
        if !items.is_empty() {
            fields.insert(k, items.join(", "));
        }
    };
    list("tags", loaded.tags.iter().map(String::as_str).collect());
    list("actors", loaded.actors.iter().map(|(a, _)| a.as_str()).collect());
    list("aliases", loaded.aliases.iter().map(|(a, _)| a.as_str()).collect());
    let mut mentions = BTreeMap::new();
    for m in &found {
        *mentions.entry(m.actor.to_string()).or_insert(0) += 1;
    }
    let standoff = loaded
        .standoff
        .iter()
        .map(|s| {
            let spans = [Some(&s.kind), Some(&s.exact), s.id.as_ref(), s.by.as_ref(), s.sourcing.as_ref(), s.confidence.as_ref(), s.about.as_ref()]
                .into_iter()
                .chain([s.note.as_ref(), s.to.as_ref(), s.rel.as_ref()])
                .flatten()
                .map(|x| x.span());
            let (start, end) = spans.fold((usize::MAX, 0), |(a, b), r| (a.min(r.start), b.max(r.end)));
            WrittenStandoff {
                id: s.id.as_ref().map(|x| x.get_ref().clone()),
                kind: s.kind.get_ref().clone(),
                exact: s.exact.get_ref().clone(),
                span: start..end,
            }
        })
        .collect();
    ArticleView {
        path: loaded.path.clone(),
        title: loaded.title.clone(),
        fields,
        origin: loaded.origin.clone(),
        file: loaded.file.clone(),
        body_start: loaded.body_start,
        events: loaded.events.iter().map(|(e, _)| e.clone()).filter(|e| known_events.contains(e.as_str())).collect(),
        loaded: true,
        annotations,
        standoff,
        mentions,
        actors,
        aliases: loaded.aliases.iter().map(|(a, _)| a.clone()).collect(),
        errors,
    }
}

/// A file that did not load as an article: its text (if any) and errors.
fn unparsed_view(path: &str, file: Arc<FileText>, errors: Vec<Flaw>) -> ArticleView {
    ArticleView {
        path: path.to_string(),
        title: path.rsplit('/').next().unwrap_or(path).to_string(),
        fields: BTreeMap::new(),
        origin: None,
        file,
        body_start: 0,
        events: Vec::new(),
        loaded: false,
        annotations: Vec::new(),
        standoff: Vec::new(),
        mentions: BTreeMap::new(),
        actors: Vec::new(),
        aliases: Vec::new(),
        errors,
    }
}

/// Notes of both revisions as report entries: a file noted in both with the
/// same words is one entry.
pub(crate) fn file_notes(base: &Snapshot, head: &Snapshot) -> Vec<FileNote> {
    let mut notes: BTreeMap<(String, String), Vec<&str>> = BTreeMap::new();
    for (side, snap) in [("base", base), ("head", head)] {
        for (path, note) in &snap.notes {
            notes.entry((path.clone(), note.clone())).or_default().push(side);
        }
    }
    let mut out: Vec<FileNote> = notes
        .into_iter()
        .map(|((path, note), sides)| FileNote { path, revision: if sides.len() == 2 { "both".into() } else { sides[0].into() }, note })
        .collect();
    let paths: std::collections::BTreeSet<&String> = base.other_files.keys().chain(head.other_files.keys()).collect();
    for path in paths {
        let note = match (base.other_files.get(path), head.other_files.get(path)) {
            (None, Some(_)) => "added (not part of the comparison)",
            (Some(_), None) => "removed (not part of the comparison)",
            (Some(a), Some(b)) if a != b => "changed (not part of the comparison)",
            _ => continue,
        };
        out.push(FileNote { path: path.clone(), revision: "both".into(), note: note.into() });
    }
    out.sort();
    out
}
