//! The pipeline: **load -> annotate -> suggest -> link**, run here and
//! nowhere else.
//!
//! `dossier build` and `check` ([`crate::build`], [`crate::check`]), the live
//! preview ([`crate::serve`]) and `dossier diff` ([`crate::diff`]) all get
//! their [`Site`] from [`run`], whatever the files are kept in (a folder, a
//! git revision, memory: see [`FileTree`]), so they cannot disagree about
//! what a dossier contains. The preview keeps the site and, after an edit,
//! brings it up to date with [`reload`] and [`relink`] instead of running
//! everything again. Rendering and writing are the callers': each wants
//! different pages, or none.
//!
//! Suggested links (`[link] show_suggestions`, and always in the live
//! preview) are made between annotate and link, from the articles that
//! annotated without errors, so a page never suggests an article the site
//! does not have.

use std::time::{Duration, Instant};

use crate::annotate::{self, ActorMatcher, Article};
use crate::diagnostics::Diagnostics;
use crate::link::{self, ArticleId, Links, Site};
use crate::load::{self, FileKind, FileTree, LoadedArticle};
use crate::suggest;

/// How to run the pipeline.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Replace `base_url` from `dossier.toml` (e.g. for a preview deployment).
    pub base_url: Option<String>,
    /// Leave out the drafts (`draft = true`), as `build` does without
    /// `--drafts`; `check`, `serve` and `diff` keep them.
    pub leave_out_drafts: bool,
    /// The live preview: suggestions are made whatever `[link]` says, and
    /// pages show them with their evidence ([`crate::load::Config::preview`]).
    pub preview: bool,
}

/// A dossier run through the pipeline.
pub struct Linked {
    pub site: Site,
    /// The actor matcher, built once from the registry and shared by
    /// annotate and suggest: kept to annotate edited articles again and
    /// suggest between them ([`reload`], [`relink`]).
    pub matcher: ActorMatcher,
    /// Articles that loaded but have errors in their text or annotations,
    /// as far as annotating got: left out of the site (the refused files
    /// are in `site.dossier.refused`).
    pub unannotated: Vec<Article>,
    pub diagnostics: Diagnostics,
    /// Each stage and how long it took.
    pub timings: Vec<(&'static str, Duration)>,
}

/// Load the dossier in `tree`, annotate its articles, suggest links and link everything.
pub fn run(tree: &dyn FileTree, options: &Options) -> Linked {
    let mut timings = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str, timings: &mut Vec<(&'static str, Duration)>| {
        timings.push((name, clock.elapsed()));
        clock = Instant::now();
    };

    let (mut dossier, diagnostics) = load::load(tree);
    if let Some(url) = &options.base_url {
        dossier.config.base_url = if url.ends_with('/') { url.clone() } else { format!("{url}/") };
    }
    if options.leave_out_drafts {
        let (drafts, published) = std::mem::take(&mut dossier.articles).into_iter().partition(|a: &LoadedArticle| a.draft);
        dossier.articles = published;
        dossier.drafts_left_out = drafts.into_iter().map(|a| a.slug).collect();
    }
    dossier.config.preview = options.preview;
    lap("load", &mut timings);
    // One matcher for the run: annotate and suggest look for the same actors.
    let matcher = ActorMatcher::of(&dossier);
    let diagnostics = with_dating_hints(diagnostics, &dossier, &matcher);
    let mut diagnostics = diagnostics;
    let loaded = std::mem::take(&mut dossier.articles);
    let annotated = annotate::annotate(&dossier, &matcher, loaded);
    diagnostics.extend(annotated.diagnostics);
    lap("annotate", &mut timings);
    let failed = annotated.failed.iter().map(|a| a.loaded.slug.clone());
    dossier.left_out_with_errors = dossier.refused.iter().map(|r| r.slug.clone()).chain(failed).collect();
    let mut site = Site { dossier, articles: annotated.articles, links: Links::default(), suggestions: None };
    diagnostics.extend(relink(&mut site, &matcher));
    lap("link", &mut timings);
    Linked { site, matcher, unannotated: annotated.failed, diagnostics, timings }
}

/// An undated article's warning, with a hint that says what its text and
/// its coverage tell of its date ([`suggest::undated_hints`]).
fn with_dating_hints(diagnostics: Diagnostics, dossier: &load::Dossier, matcher: &ActorMatcher) -> Diagnostics {
    let hints: std::collections::BTreeMap<String, String> = suggest::undated_hints(dossier, matcher).into_iter().collect();
    if hints.is_empty() {
        return diagnostics;
    }
    let mut out = Diagnostics::new();
    out.extend(diagnostics.iter().cloned().map(|mut d| {
        if let Some(hint) = hints.get(&d.path).filter(|_| d.message.starts_with("no date")) {
            d.hint = Some(hint.clone());
        }
        d
    }));
    out
}

/// Suggest and link again, from the site's articles as they are now: after
/// [`run`], and after edited articles were put in place. `matcher` is the
/// run's, the one the articles were annotated with.
pub fn relink(site: &mut Site, matcher: &ActorMatcher) -> Diagnostics {
    let settings = site.dossier.config.link;
    site.suggestions = (settings.show_suggestions || site.dossier.config.preview).then(|| {
        let loaded: Vec<&LoadedArticle> = site.articles.iter().map(|a| &a.loaded).collect();
        suggest::suggest_between(&site.dossier, matcher, &loaded, &suggest::Options { min_score: settings.min_score })
    });
    let (links, diagnostics) = link::link(&site.dossier, &site.articles);
    site.links = links;
    diagnostics
}

/// Edited articles, read and annotated again.
#[derive(Default)]
pub struct Reloaded {
    /// The new versions, each with the article it replaces.
    pub articles: Vec<(ArticleId, Article)>,
    /// Files with errors now: their last good versions stay.
    pub failed: Vec<String>,
    /// A file is new, gone or renamed: which articles exist changed, and
    /// only a new [`run`] will do.
    pub structural: bool,
    pub diagnostics: Diagnostics,
}

/// Read and annotate the article files at `paths` again (live preview,
/// after an edit), in the context of `site`, with the `matcher` of the run
/// that made it. Nothing in `site` changes: the caller puts the new
/// versions in place, then calls [`relink`].
pub fn reload(tree: &dyn FileTree, site: &Site, matcher: &ActorMatcher, paths: &[String]) -> Reloaded {
    let mut reloaded = Reloaded::default();
    let mut loaded = Vec::new();
    for path in paths {
        if !matches!(tree.kind(path), Some(FileKind::File(_))) {
            reloaded.structural = true; // removed or renamed
            return reloaded;
        }
        let (article, d) = load::load_article(tree, path);
        reloaded.diagnostics.extend(d);
        let slug = match &article {
            Ok(a) => &a.slug,
            Err(refused) => &refused.slug,
        };
        let Some(id) = site.article_by_slug(slug) else {
            reloaded.structural = true;
            return reloaded;
        };
        // New or dropped aliases add or remove redirect pages.
        if article.as_ref().is_ok_and(|a| a.aliases.iter().map(|x| &x.0).ne(site.article(id).loaded.aliases.iter().map(|x| &x.0))) {
            reloaded.structural = true;
            return reloaded;
        }
        match article {
            Ok(a) => loaded.push(a),
            Err(_) => reloaded.failed.push(path.clone()),
        }
    }
    let annotated = annotate::annotate(&site.dossier, matcher, loaded);
    reloaded.diagnostics.extend(annotated.diagnostics);
    reloaded.failed.extend(annotated.failed.into_iter().map(|a| a.loaded.path));
    for article in annotated.articles {
        if let Some(id) = site.article_by_slug(&article.loaded.slug) {
            reloaded.articles.push((id, article));
        }
    }
    reloaded
}
