//! One revision of a dossier, read from git and run through the real load,
//! annotate and link stages in memory, reduced to what the diff compares.
//!
//! There is no second parser here: article files go through
//! [`load::parse_article`], the registries through [`load::parse_actors`] and
//! [`load::parse_events`], and the resulting [`Dossier`] through
//! [`annotate::annotate`] and [`link::link`], exactly as `dossier build` does.
//! An article that fails to load or annotate in one revision is still an
//! article of that revision (with its errors and, when readable, its text),
//! so a broken edit shows up as an edit, not as a deletion.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::annotate::{self, Annotation};
use crate::diagnostics::{Diagnostics, Severity, SourceText};
use crate::limits::MAX_FILE_BYTES;
use crate::load::{self, Actor, Config, Dossier, Event};
use crate::{link, text};

use super::git::{EntryKind, Repo, Tree};
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
}

/// Where the parts of a dossier are in a tree (see `load::Layout`).
struct Layout {
    bare: bool,
    articles: &'static str,
}

impl Layout {
    fn of(tree: &Tree) -> Layout {
        let has_config = tree.entries.contains_key("dossier.toml");
        let has_content = tree.entries.keys().any(|p| p.starts_with("content/"));
        let bare = !has_config && !has_content;
        Layout { bare, articles: if bare { "" } else { "content/articles/" } }
    }

    fn is_article(&self, path: &str) -> bool {
        let Some(rel) = path.strip_prefix(self.articles) else { return false };
        let is_md = rel.rsplit_once('.').is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("md"));
        is_md && !rel.split('/').any(|c| c.starts_with('.'))
    }

    fn is_other(&self, path: &str) -> bool {
        !self.bare
            && !self.is_article(path)
            && !matches!(path, "dossier.toml" | "content/actors.toml" | "content/events.toml")
            && ["content/", "templates/", "theme/"].iter().any(|p| path.starts_with(p))
    }
}

/// Read and load the dossier in `tree`.
pub(crate) fn load(repo: &Repo, tree: &Tree, label: &str) -> Result<Snapshot, crate::diagnostics::Diagnostic> {
    let layout = Layout::of(tree);
    let mut snap = Snapshot::default();
    const SETTINGS: [&str; 3] = ["dossier.toml", "content/actors.toml", "content/events.toml"];
    let mut wanted: Vec<&str> = SETTINGS.to_vec();
    for (path, entry) in &tree.entries {
        if SETTINGS.contains(&path.as_str()) {
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
                EntryKind::File => wanted.push(path),
                EntryKind::Symlink => snap.notes.push((path.clone(), "symbolic link skipped (as the build does)".into())),
                EntryKind::Submodule => snap.notes.push((path.clone(), "submodule skipped".into())),
            }
        } else if layout.is_other(path) {
            snap.other_files.insert(path.clone(), entry.id.clone());
        }
    }
    let mut files = repo.read(tree, &wanted)?;
    let mut diags = Diagnostics::new();

    let mut text_of = |path: &str, snap: &mut Snapshot| -> Option<String> {
        let bytes = files.remove(path)?;
        match String::from_utf8(bytes) {
            Ok(t) => Some(t),
            Err(_) => {
                snap.notes.push((path.to_string(), "not valid UTF-8 text: read as empty".into()));
                None
            }
        }
    };
    let config = match text_of("dossier.toml", &mut snap) {
        Some(t) => Config::parse(&SourceText::new("dossier.toml", t)).unwrap_or_else(|d| {
            diags.push(d);
            Config::default()
        }),
        None => Config::default(),
    };
    let load::ActorRegistry { mut actors, roles, merged } = match text_of("content/actors.toml", &mut snap) {
        Some(t) => {
            let (r, d) = load::parse_registry("content/actors.toml", &t);
            diags.extend(d);
            r
        }
        None => load::ActorRegistry::default(),
    };
    let events = match text_of("content/events.toml", &mut snap) {
        Some(t) => {
            let (e, d) = load::parse_events("content/events.toml", &t);
            diags.extend(d);
            e
        }
        None => Vec::new(),
    };

    // Articles: parsed one by one; a file that does not parse is kept as a
    // view with its errors so it can still be compared.
    let mut sources = Vec::new();
    let mut broken: BTreeMap<String, ArticleView> = BTreeMap::new();
    for (path, bytes) in files {
        if !layout.is_article(&path) {
            continue;
        }
        let binary = bytes.contains(&0) || std::str::from_utf8(&bytes).is_err();
        let lossy = String::from_utf8_lossy(&bytes).into_owned();
        let (source, d) = load::parse_article(&path, bytes);
        match source {
            Some(s) => sources.push(s),
            None => {
                let errors: Vec<String> = d.iter().filter(|x| x.severity == Severity::Error).map(|x| x.to_string()).collect();
                if binary {
                    snap.notes.push((path.clone(), "binary or not UTF-8: not compared".into()));
                }
                let stem = path.rsplit('/').next().unwrap_or(&path);
                let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
                let slug = text::slugify(stem);
                let file = if binary { String::new() } else { lossy };
                broken.insert(slug, unparsed_view(&path, file, errors));
            }
        }
        diags.extend(d);
    }
    sources.sort_by(|a, b| a.slug.cmp(&b.slug).then_with(|| a.path.cmp(&b.path)));
    // Two files with one slug: keep the first, as a collision the build refuses.
    let mut collisions = Vec::new();
    sources.dedup_by(|later, first| {
        let same = later.slug == first.slug;
        if same {
            collisions.push((later.path.clone(), first.path.clone()));
        }
        same
    });
    for (later, first) in collisions {
        diags.push(crate::diagnostics::Diagnostic::error(later.clone(), format!("`{first}` and `{later}` would both be published under one name")));
    }
    if layout.bare {
        actors = load::actors_from_articles(&sources);
    }
    let dossier = Dossier {
        root: PathBuf::from(label),
        config,
        actors,
        roles,
        merged,
        events,
        articles: sources.clone(),
        templates: Vec::new(),
        theme: Vec::new(),
        bare: layout.bare,
    };
    let (annotated, d) = annotate::annotate(&dossier, &annotate::ActorMatcher::of(&dossier));
    diags.extend(d);
    let (site, d) = link::link(dossier, annotated);
    diags.extend(d);
    let diags = diags.sorted();

    let errors_of = |path: &str| -> Vec<String> { diags.iter().filter(|d| d.severity == Severity::Error && d.path == path).map(|d| d.to_string()).collect() };
    for source in &sources {
        let errors = errors_of(&source.path);
        let mut fields = BTreeMap::new();
        fields.insert("title", source.title.clone());
        let mut put = |k: &'static str, v: &Option<String>| {
            if let Some(v) = v {
                fields.insert(k, v.clone());
            }
        };
        put("outlet", &source.outlet);
        put("date", &source.date.map(|d| d.to_string()));
        put("url", &source.url);
        put("language", &source.language);
        put("author", &source.author);
        put("source", &source.origin);
        if !source.tags.is_empty() {
            fields.insert("tags", source.tags.join(", "));
        }
        let annotated = site.article_by_slug.get(&source.slug).map(|&i| &site.articles[i]);
        let mut mentions = BTreeMap::new();
        for m in annotated.map(|a| a.mentions.as_slice()).unwrap_or_default() {
            *mentions.entry(m.actor.to_string()).or_insert(0) += 1;
        }
        let file = source.source.text.clone();
        let body_line = file[..source.body_start.min(file.len())].matches('\n').count() + 1;
        let view = ArticleView {
            path: source.path.clone(),
            title: source.title.clone(),
            fields,
            origin: source.origin.clone(),
            body_start: source.body_start,
            body_line,
            file,
            events: source.events.iter().map(|(e, _)| e.clone()).filter(|e| site.events.iter().any(|x| &x.id == e)).collect(),
            annotations: annotated.map(|a| a.annotations.clone()),
            mentions,
            actors: annotated.map(|a| a.actors.clone()).unwrap_or_default(),
            errors,
        };
        snap.articles.insert(source.slug.clone(), view);
    }
    for (slug, view) in broken {
        snap.articles.entry(slug).or_insert(view);
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
    snap.actors = site.actors;
    snap.merged = site.merged;
    snap.events = site.events;
    snap.notes.sort();
    Ok(snap)
}

/// A file that did not parse as an article: its text (if any) and errors.
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
