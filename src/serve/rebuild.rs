//! Incremental rebuilds: keep the linked site in memory and, after an
//! edit, redo only what the edit affects.
//!
//! The site comes from the one [pipeline](crate::pipeline) and is kept in
//! memory. An edited article is read and annotated again by the pipeline
//! (with the registry's matcher kept from the last full build, the one
//! suggest uses too) and put in place of its old version; the indexes are
//! linked again (cheap: one pass over the articles' mentions), and only
//! the pages and files that show the article are rendered: its own page,
//! those of its actors and events before and after the edit, the articles
//! whose same-event neighbours or cross-references changed, and what shows
//! every article (listings, feeds, indexes). Which pages and files those
//! are comes from the route table (what each kind of page shows, see
//! [`Touched`]), not from a list here. A template edit re-renders the pages
//! the route table makes with that template (a layout or partial: every
//! page). Anything
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

use crate::annotate::{ActorMatcher, Article};
use crate::diagnostics::Diagnostics;
use crate::link::{ArticleId, Site};
use crate::load::{self, Folder};
use crate::pipeline::{self, Reloaded};
use crate::render::{self, Touched, Wanted};
use crate::write;

/// What the watcher saw change.
#[derive(Debug, Default, Clone)]
pub(super) struct Changes {
    /// Article files written, created or removed (paths relative to the dossier).
    pub articles: BTreeSet<String>,
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
    matcher: ActorMatcher,
    site: Site,
}

/// The live preview's build state.
pub(super) struct Preview {
    root: PathBuf,
    files: Folder,
    out: PathBuf,
    built: Option<Built>,
    /// Asked for and not yet done (because of errors).
    pending: Changes,
}

impl Preview {
    pub(super) fn new(root: &Path, out: &Path) -> Preview {
        Preview {
            root: root.to_path_buf(),
            files: Folder::new(root),
            out: out.to_path_buf(),
            built: None,
            pending: Changes { everything: true, ..Changes::default() },
        }
    }

    /// The base path the site is published under (`/repo/`), once known.
    pub(super) fn base_path(&self) -> Option<String> {
        self.built.as_ref().map(|b| b.site.config().base_path())
    }

    /// Bring the site up to date with `changes` (and whatever earlier
    /// rebuilds left pending).
    pub(super) fn rebuild(&mut self, changes: Changes, early: &mut Early<'_>) -> Outcome {
        self.pending.merge(changes);
        let bare = self.built.as_ref().is_some_and(|b| b.site.dossier.bare);
        if self.built.is_none() || self.pending.everything || bare {
            return self.full();
        }
        let started = Instant::now();
        let mut timings = Vec::new();
        let mut diagnostics = Diagnostics::new();
        let mut touched = Touched::default();

        let templates_changed = self.pending.templates;
        if templates_changed {
            match self.reload_templates(&mut diagnostics) {
                Some(pages) => touched = pages,
                None => return self.failed("templates", diagnostics, timings),
            }
            timings.push(("templates", started.elapsed()));
        }

        let articles: Vec<String> = std::mem::take(&mut self.pending.articles).into_iter().collect();
        let mut kind = "templates";
        if !articles.is_empty() {
            kind = "articles";
            match self.update_articles(&articles, &mut diagnostics, &mut timings, early) {
                Update::Done(affected) => touched.extend(affected),
                Update::Structural => {
                    self.pending.everything = true;
                    return self.full();
                }
            }
        }
        if diagnostics.has_errors() && touched.is_empty() {
            return self.failed(kind, diagnostics, timings);
        }
        let built = self.built.as_ref().expect("checked above");
        let clock = Instant::now();
        match write_site(&self.out, &built.site, &|w| touched.wants(w), false) {
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

    /// Run the whole pipeline and render everything.
    fn full(&mut self) -> Outcome {
        let pipeline::Linked { site, matcher, mut diagnostics, mut timings, .. } =
            pipeline::run(&self.files, &pipeline::Options { preview: true, ..Default::default() });
        if diagnostics.has_errors() {
            return self.failed("full", diagnostics, timings);
        }
        if let Err(e) = write::check_output(&self.root, &self.out, false) {
            diagnostics.push(e.into());
            return self.failed("full", diagnostics, timings);
        }
        let clock = Instant::now();
        match write_site(&self.out, &site, &|_| true, true) {
            Ok((rendered, written)) => {
                timings.push(("render + write", clock.elapsed()));
                self.built = Some(Built { matcher, site });
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
    fn reload_templates(&mut self, diagnostics: &mut Diagnostics) -> Option<Touched> {
        let (templates, d) = load::load_templates(&self.files);
        let failed = d.has_errors();
        diagnostics.extend(d);
        if failed {
            return None;
        }
        let built = self.built.as_mut().expect("only after a full build");
        let before: BTreeMap<&String, &String> = built.site.dossier.templates.iter().map(|(n, s)| (n, s)).collect();
        let after: BTreeMap<&String, &String> = templates.iter().map(|(n, s)| (n, s)).collect();
        let names: BTreeSet<&str> = before.keys().chain(after.keys()).filter(|n| before.get(*n) != after.get(*n)).map(|n| n.as_str()).collect();
        let pages = Touched::templates(names);
        built.site.dossier.templates = templates;
        Some(pages)
    }

    /// Put edited articles in place and link again. Returns what to
    /// render, or that the edit changed which articles exist.
    fn update_articles(
        &mut self,
        paths: &[String],
        diagnostics: &mut Diagnostics,
        timings: &mut Vec<(&'static str, Duration)>,
        early: &mut Early<'_>,
    ) -> Update {
        let clock = Instant::now();
        let built = self.built.as_mut().expect("only after a full build");
        let Reloaded { articles: replacements, failed, structural, diagnostics: d } = pipeline::reload(&self.files, &built.site, &built.matcher, paths);
        diagnostics.extend(d);
        if structural {
            return Update::Structural;
        }
        // Errors in these: their last good versions stay, and they are tried again after the next edit.
        self.pending.articles.extend(failed);
        timings.push(("load + annotate", clock.elapsed()));
        if replacements.is_empty() {
            return Update::Done(Touched::default());
        }

        let clock = Instant::now();
        let site = &mut built.site;
        let ids: Vec<ArticleId> = replacements.iter().map(|(id, _)| *id).collect();
        let mut touched = Touched::default();
        for &ai in &ids {
            touched.what_shows(site, ai);
        }
        // Same-event neighbour lists can shift when an article's date or events change.
        let neighbours: BTreeSet<ArticleId> = ids
            .iter()
            .flat_map(|&ai| site.article(ai).events.iter().filter_map(|id| site.event_by_id(id)))
            .flat_map(|e| site.event_links(e).articles.iter().copied())
            .collect();
        let before: BTreeMap<ArticleId, Vec<_>> = neighbours.iter().map(|&a| (a, site.article_links(a).same_event.clone())).collect();
        // A tag, a draft flag or a long list's length changed: pages came or
        // went, and only a full build removes the ones that went.
        let pages_before = page_paths(site);

        // When the edit leaves everything the indexes are made of as it was
        // (date, events, annotation ids and targets), the article's own page
        // can be rendered before linking again: it reads only those indexes.
        let same_links = replacements.iter().all(|(ai, new)| link_key(new) == link_key(site.article(*ai)));
        let old: Vec<Article> = replacements.into_iter().map(|(ai, new)| std::mem::replace(&mut site.articles[ai.index()], new)).collect();
        let own: Vec<String> = ids.iter().map(|&ai| site.article(ai).loaded.slug.clone()).collect();
        if same_links {
            let mut pages = Touched::default();
            own.iter().for_each(|slug| pages.article(slug));
            match write_site(&self.out, site, &|w| pages.wants(w), false) {
                Ok((_, written)) => {
                    timings.push(("own page", clock.elapsed()));
                    early(&written);
                }
                Err(d) => {
                    // Put the old versions back; the articles stay pending.
                    for (article, &ai) in old.into_iter().zip(&ids) {
                        site.articles[ai.index()] = article;
                    }
                    diagnostics.extend(d);
                    self.pending.articles.extend(paths.iter().cloned());
                    return Update::Done(Touched::default());
                }
            }
        }

        // Suggested links are shown on both articles of a pair, so any
        // article whose suggestions moved is re-rendered, the edited one too.
        let then = suggestions_by_slug(site);
        let d = pipeline::relink(site, &built.matcher);
        let now = suggestions_by_slug(site);
        let suggestions_moved: Vec<&str> = site.articles.iter().map(|a| a.loaded.slug.as_str()).filter(|slug| now.get(*slug) != then.get(*slug)).collect();
        let link_failed = d.has_errors();
        diagnostics.extend(d);
        if link_failed {
            // A cross-reference broke: the site on disk stays as it was until a full rebuild succeeds.
            self.pending.everything = true;
            return Update::Done(Touched::default());
        }
        if page_paths(site) != pages_before {
            return Update::Structural;
        }
        for &ai in &ids {
            touched.what_shows(site, ai);
            for e in site.article(ai).events.iter().filter_map(|id| site.event_by_id(id)) {
                for &a in &site.event_links(e).articles {
                    if before.get(&a).is_none_or(|old| *old != site.article_links(a).same_event) {
                        touched.article(&site.article(a).loaded.slug);
                    }
                }
            }
        }
        for (&a, old) in &before {
            if *old != site.article_links(a).same_event {
                touched.article(&site.article(a).loaded.slug);
            }
        }
        if same_links {
            own.iter().for_each(|slug| touched.forget_article(slug));
        }
        suggestions_moved.into_iter().for_each(|slug| touched.article(slug));
        timings.push(("link", clock.elapsed()));
        Update::Done(touched)
    }
}

enum Update {
    Done(Touched),
    Structural,
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

/// The paths of the site's pages.
fn page_paths(site: &Site) -> Vec<String> {
    render::pages(site).iter().map(|p| p.path()).collect()
}

/// What the link stage reads of an article: when it is unchanged by an
/// edit, every index about the article is too.
fn link_key(a: &Article) -> impl PartialEq + '_ {
    let annotations: Vec<_> = a.annotations.iter().map(|n| (&n.id, n.target.as_ref().map(|t| (&t.article, &t.anchor, &t.relation)))).collect();
    (a.loaded.date, &a.events, annotations)
}

/// Each article's suggested links, comparable between two versions of the site.
fn suggestions_by_slug(site: &Site) -> BTreeMap<String, String> {
    let links = site.suggestions.as_ref().map(|s| s.articles.as_slice()).unwrap_or_default();
    links.iter().map(|l| (l.slug.clone(), serde_json::to_string(l).unwrap_or_default())).collect()
}
