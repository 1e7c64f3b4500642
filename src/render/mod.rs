//! Stage 4, **render**: turn the linked [`Site`] into pages through Tera
//! templates, plus the theme's assets and the machine-readable exports.
//!
//! Templates see small summaries (`views.rs`), never whole articles inside
//! listings. Links are relative (`{{ root }}actors/x.html`), so the site
//! works under any subpath and from `file://`; only `404.html` uses the
//! absolute base path, because GitHub Pages serves it at any depth.
//!
//! For readers and their tools, pages also get charts drawn at build time
//! (`charts.rs`), Open Graph and schema.org metadata (`jsonld.rs`), and the
//! site gets a search index (`search.rs`), Atom feeds and a sitemap
//! (`feeds.rs`).

mod charts;
mod export;
mod feeds;
mod jsonld;
mod redirects;
mod search;
mod suggested;
mod templates;
mod views;

use rayon::prelude::*;
use tera::Context;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::link::Site;

pub(crate) use search::MANIFEST as SEARCH_INDEX;
pub use templates::{DEFAULT_TEMPLATES, DEFAULT_THEME};

/// A file of the finished site: a relative path made only of slugs and
/// fixed names, and its bytes.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A page to render: its context is built when the page is rendered, on
/// the worker thread, so contexts are made in parallel and never all held at once.
struct PageJob<'s> {
    template: &'static str,
    path: String,
    context: Box<dyn FnOnce() -> Context + Send + 's>,
}

impl<'s> PageJob<'s> {
    fn new(template: &'static str, path: String, context: impl FnOnce() -> Context + Send + 's) -> PageJob<'s> {
        PageJob { template, path, context: Box::new(context) }
    }
}

/// Where rendered files go; called from several threads, in no particular
/// order. A closure taking an [`OutputFile`] is one.
pub trait Sink: Sync {
    fn put(&self, file: OutputFile) -> Result<(), Diagnostic>;
}

impl<F: Fn(OutputFile) -> Result<(), Diagnostic> + Sync> Sink for F {
    fn put(&self, file: OutputFile) -> Result<(), Diagnostic> {
        self(file)
    }
}

/// Render every page into memory, sorted by path.
pub fn render(site: &Site) -> (Vec<OutputFile>, Diagnostics) {
    let files = std::sync::Mutex::new(Vec::new());
    let (_, diags) = render_into(site, &|f: OutputFile| {
        files.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(f);
        Ok(())
    });
    let mut files = files.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    (files, diags)
}

/// Render every page and hand each file to `sink` as soon as it is ready.
/// Returns how many files were produced. Template errors are reported with
/// the template's name.
pub fn render_into(site: &Site, sink: &dyn Sink) -> (usize, Diagnostics) {
    render_only(site, &|_| true, sink)
}

/// Which file of the site: its path, and for a page the template that makes it.
pub struct Wanted<'a> {
    pub path: &'a str,
    /// `None` for files made without a template (assets, feeds, exports).
    pub template: Option<&'a str>,
}

/// Like [`render_into`], but only the files `wanted` selects (live preview:
/// the pages an edit affects). The others cost nothing beyond their path.
pub fn render_only(site: &Site, wanted: &(dyn Fn(Wanted<'_>) -> bool + Sync), sink: &dyn Sink) -> (usize, Diagnostics) {
    let mut diags = Diagnostics::new();
    let tera = match templates::engine(&site.templates) {
        Ok(t) => t,
        Err(d) => {
            diags.extend(d);
            return (0, diags);
        }
    };
    let assets = templates::assets(site);
    let mut common = views::common(site, &assets);
    let syndication = feeds::enabled(site);
    common.insert("assets", &assets.urls);
    common.insert("syndication", &syndication);

    let mut jobs = vec![
        PageJob::new("index.html", "index.html".into(), || views::home(site)),
        PageJob::new("articles.html", "articles/index.html".into(), || views::article_list(site)),
        PageJob::new("actors.html", "actors/index.html".into(), || views::actor_list(site)),
        PageJob::new("events.html", "events/index.html".into(), || views::event_list(site)),
        PageJob::new("404.html", "404.html".into(), Context::new),
        PageJob::new("search.html", "search.html".into(), || search_page(site)),
    ];
    for i in 0..site.articles.len() {
        jobs.push(PageJob::new("article.html", format!("articles/{}.html", site.articles[i].slug), move || views::article(site, i)));
    }
    for i in 0..site.actors.len() {
        jobs.push(PageJob::new("actor.html", format!("actors/{}.html", site.actors[i].id), move || views::actor(site, i)));
    }
    for i in 0..site.events.len() {
        jobs.push(PageJob::new("event.html", format!("events/{}.html", site.events[i].id), move || views::event(site, i)));
    }

    let sitemap_pages: Vec<String> = jobs.iter().filter(|j| !matches!(j.template, "404.html" | "search.html")).map(|j| j.path.clone()).collect();
    jobs.retain(|j| wanted(Wanted { path: &j.path, template: Some(j.template) }));
    let pages = jobs.len();
    // Files without a template, each made only when wanted: some read every article.
    let want = |path: &str| wanted(Wanted { path, template: None });
    // The pages first, then the site-wide files, each spread over the cores:
    // made alongside the pages, the files' buffers (tens of megabytes in a
    // large dossier) added to the pages' peak memory for no gain in time.
    let problems: Vec<Diagnostic> = jobs
        .into_par_iter()
        .filter_map(|job| {
            let mut context = common.clone();
            let depth = job.path.matches('/').count();
            let root = if job.template == "404.html" { site.config.base_path() } else { "../".repeat(depth) };
            context.insert("root", &root);
            context.insert("path", &job.path);
            context.insert("section", job.path.split_once('/').map_or("", |(dir, _)| dir));
            context.insert("has_code", &false);
            context.insert("canonical", &format!("{}{}", site.config.base_url, job.path.trim_end_matches("index.html")));
            context.extend((job.context)());
            context.extend(for_readers(site, job.template, &job.path));
            tera.render(job.template, &context)
                .map_err(|e| templates::error(job.template, &job.path, &e))
                .and_then(|html| sink.put(OutputFile { path: job.path, bytes: html.into_bytes() }))
                .err()
        })
        .collect();
    let (files, file_problems) = site_files(site, assets.files, syndication, &sitemap_pages, &want, sink);
    let written = pages - problems.len() + files;
    for d in problems.into_iter().chain(file_problems) {
        diags.push(d);
    }
    (written, diags)
}

/// The files without a template: the theme's `assets`, and those made from
/// the whole site rather than one page's view. Only those `want` selects
/// (the live preview skips what an edit cannot change), each handed to
/// `sink` as soon as it is made: the export and the search index are tens of
/// megabytes in a large dossier, and would otherwise be held until the last
/// page is rendered. Returns how many were written, and the problems.
fn site_files(
    site: &Site,
    assets: Vec<OutputFile>,
    syndication: bool,
    sitemap_pages: &[String],
    want: &(dyn Fn(&str) -> bool + Sync),
    sink: &dyn Sink,
) -> (usize, Vec<Diagnostic>) {
    let written = std::sync::atomic::AtomicUsize::new(0);
    let problems = std::sync::Mutex::new(Vec::new());
    let record = |result: Result<(), Diagnostic>| match result {
        Ok(()) => {
            written.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        Err(d) => problems.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(d),
    };
    let give = |file: OutputFile| {
        if want(&file.path) {
            record(sink.put(file));
        }
    };
    let made = |path: &str, make: &dyn Fn() -> Vec<u8>| {
        if want(path) {
            record(sink.put(OutputFile { path: path.into(), bytes: make() }));
        }
    };
    assets.into_iter().for_each(give);
    // One after the other, each spread over the cores: together, their
    // buffers added up. The search index's files are made together or not
    // at all: its manifest names the others.
    if want(search::MANIFEST) {
        for (path, bytes) in search::index(site) {
            record(sink.put(OutputFile { path, bytes }));
        }
    }
    if want(export::PATH) {
        export::files(site, &mut |file| record(sink.put(file)));
    }
    if syndication {
        feeds::feeds(site, want, &give);
        made("sitemap.xml", &|| feeds::sitemap(site, sitemap_pages).bytes);
    }
    redirects::pages(site).into_iter().for_each(give);
    give(OutputFile { path: ".nojekyll".into(), bytes: Vec::new() });
    (written.into_inner(), problems.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner))
}

/// The search page: without JavaScript a plain listing of every page, with
/// it the full results for `?q=`.
fn search_page(site: &Site) -> Context {
    let mut c = views::article_list(site);
    c.extend(views::actor_list(site));
    c.extend(views::event_list(site));
    c
}

/// What a page offers readers' tools and eyes beyond its view model:
/// `meta` (Open Graph, JSON-LD), its own feed, and its chart.
fn for_readers(site: &Site, template: &str, path: &str) -> Context {
    let mut c = Context::new();
    let index_of = |prefix: &str| -> Option<usize> {
        let id = path.strip_prefix(prefix)?.strip_suffix(".html")?;
        match prefix {
            "articles/" => site.article_by_slug.get(id).copied(),
            "actors/" => site.actor_index(id),
            _ => site.event_index(id),
        }
    };
    let meta = match template {
        "index.html" => {
            c.insert("timeline_chart", &charts::timeline(site, "chart-timeline"));
            jsonld::home(site)
        }
        "articles.html" => jsonld::listing("Articles", format!("All {} articles of {}, newest first.", site.articles.len(), site.config.title)),
        "actors.html" => jsonld::listing("Actors", format!("People, organisations and countries in {}.", site.config.title)),
        "events.html" => {
            c.insert("timeline_chart", &charts::timeline(site, "chart-timeline"));
            jsonld::listing("Timeline of events", format!("The events of {} in order, with the sources covering each.", site.config.title))
        }
        "search.html" => jsonld::listing("Search", format!("Search {}.", site.config.title)),
        "article.html" => match index_of("articles/") {
            Some(i) => jsonld::article(site, i),
            None => jsonld::PageMeta::default(),
        },
        "actor.html" => {
            match index_of("actors/") {
                Some(x) => {
                    c.insert("co_chart", &charts::co_actors(site, x, 10, "chart-co"));
                    c.insert("feed", &serde_json::json!({"url": format!("actors/{}.xml", site.actors[x].id), "title": format!("Articles mentioning {}", site.actors[x].name)}));
                    jsonld::actor(site, x)
                }
                None => jsonld::PageMeta::default(),
            }
        }
        "event.html" => match index_of("events/") {
            Some(e) => {
                c.insert("sources_chart", &charts::event_sources(site, e, "chart-sources"));
                c.insert(
                    "feed",
                    &serde_json::json!({"url": format!("events/{}.xml", site.events[e].id), "title": format!("Articles about {}", site.events[e].title)}),
                );
                jsonld::event(site, e)
            }
            None => jsonld::PageMeta::default(),
        },
        _ => jsonld::listing("Page not found", String::new()),
    };
    c.insert("meta", &meta);
    c
}
