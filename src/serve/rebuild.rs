//! Incremental rebuilds: keep the linked site in memory and, after an
//! edit, redo only what the edit affects.
//!
//! An edited article is read, annotated (with the registry's matcher kept
//! from the last full build) and put in place of its old version; the
//! indexes are linked again (cheap: one pass over the articles' mentions),
//! and only the pages that show the article are rendered: its own page, the
//! pages of its actors and events before and after the edit, the articles
//! whose same-event neighbours or cross-references changed, and the
//! site-wide listings, feeds and indexes. A template edit re-renders the
//! pages made with that template (a layout or partial: every page). Anything
//! else (registries, `dossier.toml`, theme, an article added, removed or
//! renamed, a bare folder) is a full rebuild.
//!
//! Every rebuild writes through [`write::Patch`]: only files whose bytes
//! changed are replaced, each atomically. When a rebuild finds errors,
//! nothing is written, the last good site stays, and what the edit asked for
//! stays pending until the error is fixed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::annotate::{self, ActorMatcher, Article};
use crate::diagnostics::Diagnostics;
use crate::link::{self, Site};
use crate::load::{self, Dossier};
use crate::render::{self, Wanted};
use crate::write;

/// Templates that make pages; any other template (the layout, macros, a
/// dossier's partials) may be used by every page.
const PAGE_TEMPLATES: &[&str] =
    &["index.html", "articles.html", "actors.html", "events.html", "404.html", "search.html", "article.html", "actor.html", "event.html"];

/// Pages every article edit may change: listings, counts, exports.
const SITE_WIDE: &[&str] = &[
    "index.html",
    "articles/index.html",
    "actors/index.html",
    "events/index.html",
    "search.html",
    "annotations.jsonld",
    render::SEARCH_INDEX,
    "feed.xml",
    "sitemap.xml",
];

/// What the watcher saw change.
#[derive(Debug, Default, Clone)]
pub(super) struct Changes {
    /// Article files written, created or removed.
    pub articles: BTreeSet<PathBuf>,
    pub templates: bool,
    /// Registries, settings, theme: rebuild everything.
    pub everything: bool,
}

impl Changes {
    pub(super) fn is_empty(&self) -> bool {
        self.articles.is_empty() && !self.templates && !self.everything
    }

    fn merge(&mut self, other: Changes) {
        self.articles.extend(other.articles);
        self.templates |= other.templates;
        self.everything |= other.everything;
    }
}

/// What a rebuild did.
pub(super) struct Outcome {
    /// "full", "articles", "templates".
    pub kind: &'static str,
    pub diagnostics: Diagnostics,
    /// Files rendered, and those of them whose bytes changed (written).
    pub rendered: usize,
    pub written: Vec<String>,
    pub timings: Vec<(&'static str, Duration)>,
}

/// Told about files written before the rebuild is over: the edited
/// article's own page goes first, so its reader need not wait for the
/// pages that list it (on a large dossier, actor pages with thousands of
/// sentences and the site-wide exports take seconds).
pub(super) type Early<'a> = dyn FnMut(&[String]) + 'a;

/// The last good build, kept for the next edit.
struct Built {
    /// Registries, settings, templates and theme as loaded (the articles live in `site`).
    dossier: Dossier,
    matcher: ActorMatcher,
    site: Site,
}

/// The live preview's build state.
pub(super) struct Preview {
    root: PathBuf,
    out: PathBuf,
    built: Option<Built>,
    /// Asked for and not yet done (because of errors).
    pending: Changes,
}

impl Preview {
    pub(super) fn new(root: &Path, out: &Path) -> Preview {
        Preview { root: root.to_path_buf(), out: out.to_path_buf(), built: None, pending: Changes { everything: true, ..Changes::default() } }
    }

    /// The base path the site is published under (`/repo/`), once known.
    pub(super) fn base_path(&self) -> Option<String> {
        self.built.as_ref().map(|b| b.site.config.base_path())
    }

    /// Bring the site up to date with `changes` (and whatever earlier
    /// rebuilds left pending).
    pub(super) fn rebuild(&mut self, changes: Changes, early: &mut Early<'_>) -> Outcome {
        self.pending.merge(changes);
        let bare = self.built.as_ref().is_some_and(|b| b.dossier.bare);
        if self.built.is_none() || self.pending.everything || bare {
            return self.full();
        }
        let started = Instant::now();
        let mut timings = Vec::new();
        let mut diagnostics = Diagnostics::new();
        let mut pages = BTreeSet::new();
        let mut every_page = false;

        let templates_changed = self.pending.templates;
        if templates_changed {
            match self.reload_templates(&mut diagnostics) {
                Some(All) => every_page = true,
                Some(Only(names)) => pages.extend(names.into_iter().map(Selected::Template)),
                None => return self.failed("templates", diagnostics, timings),
            }
            timings.push(("templates", started.elapsed()));
        }

        let articles: Vec<PathBuf> = std::mem::take(&mut self.pending.articles).into_iter().collect();
        let mut kind = "templates";
        if !articles.is_empty() {
            kind = "articles";
            match self.update_articles(&articles, &mut diagnostics, &mut timings, early) {
                Update::Done(affected) => pages.extend(affected.into_iter().map(Selected::Path)),
                Update::Structural => {
                    self.pending.everything = true;
                    return self.full();
                }
            }
        }
        if diagnostics.has_errors() && pages.is_empty() && !every_page {
            return self.failed(kind, diagnostics, timings);
        }
        let built = self.built.as_ref().expect("checked above");
        let clock = Instant::now();
        let wanted = |w: Wanted<'_>| {
            every_page && w.template.is_some()
                || w.path.starts_with("assets/")
                || w.path == ".nojekyll"
                || pages.contains(&Selected::Path(w.path.to_string()))
                || w.template.is_some_and(|t| pages.contains(&Selected::Template(t.to_string())))
        };
        match write_site(&self.out, &built.site, &wanted, false) {
            Ok((rendered, written)) => {
                timings.push(("render + write", clock.elapsed()));
                self.pending.templates = false;
                Outcome { kind, diagnostics: diagnostics.sorted(), rendered, written, timings }
            }
            Err(d) => {
                // The in-memory site has moved on but the disk has not: start again from the files.
                diagnostics.extend(d);
                self.pending.everything = true;
                self.failed(kind, diagnostics, timings)
            }
        }
    }

    fn failed(&self, kind: &'static str, diagnostics: Diagnostics, timings: Vec<(&'static str, Duration)>) -> Outcome {
        Outcome { kind, diagnostics: diagnostics.sorted(), rendered: 0, written: Vec::new(), timings }
    }

    /// Load, annotate, link and render everything.
    fn full(&mut self) -> Outcome {
        let mut timings = Vec::new();
        let mut clock = Instant::now();
        let mut lap = |name, timings: &mut Vec<(&'static str, Duration)>| {
            timings.push((name, clock.elapsed()));
            clock = Instant::now();
        };
        let (mut dossier, mut diagnostics) = load::load(&self.root);
        lap("load", &mut timings);
        let matcher = ActorMatcher::of(&dossier);
        let sources = std::mem::take(&mut dossier.articles);
        let (articles, d) = annotate::annotate_some(&dossier, &matcher, &sources);
        diagnostics.extend(d);
        lap("annotate", &mut timings);
        let (mut site, d) = link::link(dossier_for_link(&dossier), articles.into_iter().flatten().collect());
        site.suggestions = suggestions(&dossier, &matcher, &site);
        diagnostics.extend(d);
        lap("link", &mut timings);
        if diagnostics.has_errors() {
            return self.failed("full", diagnostics, timings);
        }
        if let Err(e) = write::check_output(&self.root, &self.out, false) {
            diagnostics.push(e.into());
            return self.failed("full", diagnostics, timings);
        }
        match write_site(&self.out, &site, &|_| true, true) {
            Ok((rendered, written)) => {
                lap("render + write", &mut timings);
                self.built = Some(Built { dossier, matcher, site });
                self.pending = Changes::default();
                Outcome { kind: "full", diagnostics: diagnostics.sorted(), rendered, written, timings }
            }
            Err(d) => {
                diagnostics.extend(d);
                self.failed("full", diagnostics, timings)
            }
        }
    }

    /// Read the dossier's templates again. Returns which pages to render,
    /// or `None` on errors (the old templates stay).
    fn reload_templates(&mut self, diagnostics: &mut Diagnostics) -> Option<TemplatePages> {
        let (templates, d) = load::load_templates(&self.root);
        let failed = d.has_errors();
        diagnostics.extend(d);
        if failed {
            return None;
        }
        let built = self.built.as_mut().expect("only after a full build");
        let before: BTreeMap<&String, &String> = built.site.templates.iter().map(|(n, s)| (n, s)).collect();
        let after: BTreeMap<&String, &String> = templates.iter().map(|(n, s)| (n, s)).collect();
        let names: BTreeSet<String> = before.keys().chain(after.keys()).filter(|n| before.get(*n) != after.get(*n)).map(|n| n.to_string()).collect();
        let pages = if names.iter().all(|n| PAGE_TEMPLATES.contains(&n.as_str())) { Only(names) } else { All };
        built.site.templates = templates.clone();
        built.dossier.templates = templates;
        Some(pages)
    }

    /// Put edited articles in place and link again. Returns the pages to
    /// render, or that the edit changed which articles exist.
    fn update_articles(
        &mut self,
        paths: &[PathBuf],
        diagnostics: &mut Diagnostics,
        timings: &mut Vec<(&'static str, Duration)>,
        early: &mut Early<'_>,
    ) -> Update {
        let clock = Instant::now();
        let built = self.built.as_mut().expect("only after a full build");
        let mut sources = Vec::new();
        for path in paths {
            if !path.is_file() {
                return Update::Structural; // removed or renamed
            }
            let (source, d) = load::load_article(&self.root, path);
            let failed = d.has_errors();
            diagnostics.extend(d);
            match source {
                Some(s) if !built.site.article_by_slug.contains_key(&s.slug) => return Update::Structural,
                Some(s) if !failed => sources.push(s),
                Some(_) => {
                    // Errors in this article: keep its last good version, and try again after the next edit.
                    self.pending.articles.insert(path.clone());
                }
                None => {
                    // Unreadable front matter: the slug is the file name, as load makes it.
                    let slug = path.file_stem().map(|s| crate::text::slugify(&s.to_string_lossy())).unwrap_or_default();
                    if !built.site.article_by_slug.contains_key(&slug) {
                        return Update::Structural;
                    }
                    self.pending.articles.insert(path.clone());
                }
            }
        }
        timings.push(("load", clock.elapsed()));
        let clock = Instant::now();
        let (annotated, d) = annotate::annotate_some(&built.dossier, &built.matcher, &sources);
        diagnostics.extend(d);
        let mut replacements = Vec::new();
        for (source, article) in sources.iter().zip(annotated) {
            match article {
                Some(a) => replacements.push(a),
                None => {
                    self.pending.articles.insert(self.root.join(&source.path));
                }
            }
        }
        timings.push(("annotate", clock.elapsed()));
        if replacements.is_empty() {
            return Update::Done(BTreeSet::new());
        }

        let clock = Instant::now();
        let site = &built.site;
        let indexes: Vec<usize> = replacements.iter().map(|a| site.article_by_slug[&a.slug]).collect();
        let mut pages = BTreeSet::new();
        for &ai in &indexes {
            pages_showing(site, ai, &mut pages);
        }
        // Same-event neighbour lists can shift when an article's date or events change.
        let neighbours: BTreeSet<usize> = indexes
            .iter()
            .flat_map(|&ai| site.articles[ai].events.iter().filter_map(|id| site.event_index(id)))
            .flat_map(|e| site.articles_of_event[e].iter().copied())
            .collect();
        let before: BTreeMap<usize, Vec<(usize, Vec<usize>)>> = neighbours.iter().map(|&a| (a, site.same_event[a].clone())).collect();

        // When the edit leaves everything the indexes are made of as it was
        // (date, events, annotation ids and targets), the article's own page
        // can be rendered before linking again: it reads only those indexes.
        let same_links = replacements.iter().zip(&indexes).all(|(new, &ai)| link_key(new) == link_key(&site.articles[ai]));
        if same_links {
            let own: BTreeSet<String> = replacements.iter().map(|a| format!("articles/{}.html", a.slug)).collect();
            let own_pages = own.clone();
            let site = &mut built.site;
            let old: Vec<Article> = replacements.iter().zip(&indexes).map(|(new, &ai)| std::mem::replace(&mut site.articles[ai], new.clone())).collect();
            let wanted = |w: Wanted<'_>| own_pages.contains(w.path);
            match write_site(&self.out, site, &wanted, false) {
                Ok((_, written)) => {
                    timings.push(("own page", clock.elapsed()));
                    early(&written);
                    pages.retain(|p| !own.contains(p));
                }
                Err(d) => {
                    // Put the old versions back; the article stays pending.
                    for (article, &ai) in old.into_iter().zip(&indexes) {
                        site.articles[ai] = article;
                    }
                    diagnostics.extend(d);
                    self.pending.articles.extend(paths.iter().cloned());
                    return Update::Done(BTreeSet::new());
                }
            }
        }

        let Built { dossier, site, matcher } = built;
        let mut articles = std::mem::take(&mut site.articles);
        for (article, &ai) in replacements.into_iter().zip(&indexes) {
            articles[ai] = article;
        }
        let (mut relinked, d) = link::link(dossier_for_link(dossier), articles);
        relinked.suggestions = suggestions(dossier, matcher, &relinked);
        // Suggested links are shown on both articles of a pair, so any
        // article whose suggestions moved is re-rendered, the edited one too.
        let (now, then) = (suggestions_by_slug(&relinked), suggestions_by_slug(site));
        let suggested_pages: BTreeSet<String> =
            relinked.articles.iter().filter(|a| now.get(&a.slug) != then.get(&a.slug)).map(|a| format!("articles/{}.html", a.slug)).collect();
        *site = relinked;
        let link_failed = d.has_errors();
        diagnostics.extend(d);
        if link_failed {
            // A cross-reference broke: the site on disk stays as it was until a full rebuild succeeds.
            self.pending.everything = true;
            return Update::Done(BTreeSet::new());
        }
        for &ai in &indexes {
            pages_showing(site, ai, &mut pages);
            for &e in site.articles[ai].events.iter().filter_map(|id| site.event_by_id.get(id)) {
                for &a in &site.articles_of_event[e] {
                    if before.get(&a).is_none_or(|old| *old != site.same_event[a]) {
                        pages.insert(format!("articles/{}.html", site.articles[a].slug));
                    }
                }
            }
        }
        for (&a, old) in &before {
            if *old != site.same_event[a] {
                pages.insert(format!("articles/{}.html", site.articles[a].slug));
            }
        }
        pages.extend(SITE_WIDE.iter().map(|p| p.to_string()));
        if same_links {
            for article in indexes.iter().map(|&ai| &site.articles[ai]) {
                pages.remove(&format!("articles/{}.html", article.slug));
            }
        }
        pages.extend(suggested_pages);
        timings.push(("link", clock.elapsed()));
        Update::Done(pages)
    }
}

enum TemplatePages {
    All,
    Only(BTreeSet<String>),
}
use TemplatePages::{All, Only};

enum Update {
    Done(BTreeSet<String>),
    Structural,
}

/// A file to render: by path, or every page of a template.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum Selected {
    Path(String),
    Template(String),
}

/// The pages that show something of article `ai`: its own, its actors' and
/// events' pages and feeds, its same-event neighbours, and the articles it
/// points to or that point to it.
fn pages_showing(site: &Site, ai: usize, pages: &mut BTreeSet<String>) {
    let article = &site.articles[ai];
    pages.insert(format!("articles/{}.html", article.slug));
    for id in article.actors.iter().filter(|id| site.actor_index(id).is_some()) {
        pages.insert(format!("actors/{id}.html"));
        pages.insert(format!("actors/{id}.xml"));
    }
    for id in article.events.iter().filter(|id| site.event_index(id).is_some()) {
        pages.insert(format!("events/{id}.html"));
        pages.insert(format!("events/{id}.xml"));
    }
    for (other, _) in &site.same_event[ai] {
        pages.insert(format!("articles/{}.html", site.articles[*other].slug));
    }
    for &r in &site.refs_of_article[ai] {
        let cross = &site.cross_refs[r];
        for a in [cross.from.0, cross.to.0] {
            pages.insert(format!("articles/{}.html", site.articles[a].slug));
        }
    }
}

/// Render the wanted files and put those that changed in place; nothing
/// is written when rendering reports an error.
fn write_site(out: &Path, site: &Site, wanted: &(dyn Fn(Wanted<'_>) -> bool + Sync), complete: bool) -> Result<(usize, Vec<String>), Diagnostics> {
    let fail = |e: write::WriteError| {
        let mut d = Diagnostics::new();
        d.push(e.into());
        d
    };
    let patch = write::Patch::new(out).map_err(fail)?;
    let (rendered, diagnostics) = render::render_only(site, wanted, &|file: render::OutputFile| patch.write(&file).map_err(Into::into));
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    let written = patch.apply(complete).map_err(fail)?;
    Ok((rendered, written))
}

/// What the link stage reads of an article: when it is unchanged by an
/// edit, every index about the article is too.
fn link_key(a: &Article) -> impl PartialEq + '_ {
    let annotations: Vec<_> = a.annotations.iter().map(|n| (&n.id, n.target.as_ref().map(|t| (&t.article, &t.anchor, &t.relation)))).collect();
    (a.date, &a.events, annotations)
}

/// Suggested links, when `[link] show_suggestions` asks for them, as
/// `dossier build` makes them: from the articles as they now are.
fn suggestions(dossier: &Dossier, matcher: &ActorMatcher, site: &Site) -> Option<crate::suggest::Suggestions> {
    let settings = dossier.config.link;
    settings.show_suggestions.then(|| {
        let mut whole = dossier_for_link(dossier);
        whole.articles = site.articles.iter().map(|a| a.source.clone()).collect();
        crate::suggest::suggest(&whole, matcher, &crate::suggest::Options { min_score: settings.min_score })
    })
}

/// Each article's suggested links, comparable between two versions of the site.
fn suggestions_by_slug(site: &Site) -> BTreeMap<String, String> {
    let links = site.suggestions.as_ref().map(|s| s.articles.as_slice()).unwrap_or_default();
    links.iter().map(|l| (l.slug.clone(), serde_json::to_string(l).unwrap_or_default())).collect()
}

/// What [`link::link`] needs of the dossier, without its articles.
fn dossier_for_link(d: &Dossier) -> Dossier {
    Dossier {
        root: d.root.clone(),
        config: d.config.clone(),
        actors: d.actors.clone(),
        roles: d.roles.clone(),
        merged: d.merged.clone(),
        events: d.events.clone(),
        articles: Vec::new(),
        templates: d.templates.clone(),
        theme: d.theme.clone(),
        bare: d.bare,
    }
}
