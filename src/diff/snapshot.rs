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
//! deletion.

use std::collections::BTreeMap;

use crate::annotate::{Annotation, Article};
use crate::diagnostics::Severity;
use crate::limits::MAX_FILE_BYTES;
use crate::load::{Actor, Event, Layout, LoadedArticle, Refused};
use crate::pipeline;

use super::git::{EntryKind, Repo, RevisionFiles, Tree};
use super::model::{FileNote, Problem};

/// An article as the diff sees it in one revision.
#[derive(Debug, Clone)]
pub(crate) struct ArticleView {
    pub(crate) path: String,
    pub(crate) title: String,
    /// Front-matter fields as text, for field-by-field comparison.
    pub(crate) fields: BTreeMap<&'static str, String>,
    /// The `source =` provenance file, for rename detection.
    pub(crate) origin: Option<String>,
    /// The whole file and where its Markdown body starts (byte offset and 1-based line).
    pub(crate) file: String,
    pub(crate) body_start: usize,
    pub(crate) body_line: usize,
    pub(crate) events: Vec<String>,
    /// `None` when the article did not get through the annotate stage.
    pub(crate) annotations: Option<Vec<Annotation>>,
    pub(crate) mentions: BTreeMap<String, usize>,
    /// Actors the article lists or mentions.
    pub(crate) actors: Vec<String>,
    pub(crate) errors: Vec<String>,
}

impl ArticleView {
    pub(crate) fn body(&self) -> &str {
        self.file.get(self.body_start..).unwrap_or_default()
    }
}

/// One revision, loaded.
#[derive(Debug, Default)]
pub(crate) struct Snapshot {
    /// By slug.
    pub(crate) articles: BTreeMap<String, ArticleView>,
    /// Sorted by id.
    pub(crate) actors: Vec<Actor>,
    /// `[[merged]]` records: old actor ids and where they went.
    pub(crate) merged: Vec<crate::load::Merged>,
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
    let site = &linked.site;
    snap.templates = site.dossier.templates.clone();
    let errors_of = |path: &str| -> Vec<String> { diags.iter().filter(|d| d.severity == Severity::Error && d.path == path).map(|d| d.to_string()).collect() };
    let known_event = |id: &String| site.event_by_id(id).is_some();
    for article in &site.articles {
        snap.articles.insert(article.loaded.slug.clone(), view(&article.loaded, Some(article), known_event, errors_of(&article.loaded.path)));
    }
    for loaded in &linked.unannotated {
        snap.articles.insert(loaded.slug.clone(), view(loaded, None, known_event, errors_of(&loaded.path)));
    }
    // A file that did not load at all: its text (if any) and errors, under
    // the slug it would have had; two such files with one slug (the
    // collision the build refuses) are one view with the errors of both.
    let mut refused_slugs = std::collections::BTreeSet::new();
    for Refused { path, slug, text } in &site.dossier.refused {
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
        let file = text.as_ref().filter(|_| !binary).map(|t| t.text.clone()).unwrap_or_default();
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
    snap.actors = site.actor_ids().map(|x| site.actor(x).clone()).collect();
    snap.merged = site.dossier.merged.clone();
    snap.events = site.dossier.events.clone();
    snap.notes.sort();
    Ok(snap)
}

/// An article that loaded, annotated (`annotated`) or not.
fn view(loaded: &LoadedArticle, annotated: Option<&Article>, known_event: impl Fn(&String) -> bool, errors: Vec<String>) -> ArticleView {
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
    if !loaded.tags.is_empty() {
        fields.insert("tags", loaded.tags.join(", "));
    }
    let mut mentions = BTreeMap::new();
    for m in annotated.map(|a| a.mentions.as_slice()).unwrap_or_default() {
        *mentions.entry(m.actor.to_string()).or_insert(0) += 1;
    }
    let file = loaded.file.text.clone();
    let body_line = file[..loaded.body_start.min(file.len())].matches('\n').count() + 1;
    ArticleView {
        path: loaded.path.clone(),
        title: loaded.title.clone(),
        fields,
        origin: loaded.origin.clone(),
        body_start: loaded.body_start,
        body_line,
        file,
        events: loaded.events.iter().map(|(e, _)| e.clone()).filter(known_event).collect(),
        annotations: annotated.map(|a| a.annotations.clone()),
        mentions,
        actors: annotated.map(|a| a.actors.clone()).unwrap_or_default(),
        errors,
    }
}

/// A file that did not load as an article: its text (if any) and errors.
fn unparsed_view(path: &str, file: String, errors: Vec<String>) -> ArticleView {
    ArticleView {
        path: path.to_string(),
        title: path.rsplit('/').next().unwrap_or(path).to_string(),
        fields: BTreeMap::new(),
        origin: None,
        file,
        body_start: 0,
        body_line: 1,
        events: Vec::new(),
        annotations: None,
        mentions: BTreeMap::new(),
        actors: Vec::new(),
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
