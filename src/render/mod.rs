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
mod search;
mod templates;
mod views;

use rayon::prelude::*;
use tera::Context;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::link::Site;

pub use templates::{DEFAULT_TEMPLATES, DEFAULT_THEME};

/// A file of the finished site: a relative path made only of slugs and
/// fixed names, and its bytes.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

struct PageJob {
    template: &'static str,
    path: String,
    context: Context,
}

/// Render every page. Template errors are reported with the template's name.
pub fn render(site: &Site) -> (Vec<OutputFile>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let tera = match templates::engine(&site.templates) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return (Vec::new(), diags);
        }
    };
    let assets = templates::assets(site);
    let mut common = views::common(site, &assets);
    let syndication = feeds::enabled(site);
    common.insert("assets", &assets.urls);
    common.insert("syndication", &syndication);

    let mut jobs = vec![
        PageJob { template: "index.html", path: "index.html".into(), context: views::home(site) },
        PageJob { template: "articles.html", path: "articles/index.html".into(), context: views::article_list(site) },
        PageJob { template: "actors.html", path: "actors/index.html".into(), context: views::actor_list(site) },
        PageJob { template: "events.html", path: "events/index.html".into(), context: views::event_list(site) },
        PageJob { template: "404.html", path: "404.html".into(), context: Context::new() },
        PageJob { template: "search.html", path: "search.html".into(), context: search_page(site) },
    ];
    for i in 0..site.articles.len() {
        jobs.push(PageJob { template: "article.html", path: format!("articles/{}.html", site.articles[i].slug), context: views::article(site, i) });
    }
    for i in 0..site.actors.len() {
        jobs.push(PageJob { template: "actor.html", path: format!("actors/{}.html", site.actors[i].id), context: views::actor(site, i) });
    }
    for i in 0..site.events.len() {
        jobs.push(PageJob { template: "event.html", path: format!("events/{}.html", site.events[i].id), context: views::event(site, i) });
    }
    let sitemap_pages: Vec<String> =
        jobs.iter().filter(|j| !matches!(j.template, "404.html" | "search.html")).map(|j| j.path.clone()).collect();
    let jobs: Vec<PageJob> = jobs
        .into_iter()
        .map(|mut job| {
            job.context.extend(for_readers(site, &job));
            job
        })
        .collect();

    let rendered: Vec<Result<OutputFile, Diagnostic>> = jobs
        .into_par_iter()
        .map(|job| {
            let mut context = common.clone();
            let depth = job.path.matches('/').count();
            let root = if job.template == "404.html" { site.config.base_path() } else { "../".repeat(depth) };
            context.insert("root", &root);
            context.insert("path", &job.path);
            context.insert("section", job.path.split_once('/').map_or("", |(dir, _)| dir));
            context.insert("has_code", &false);
            context.insert("canonical", &format!("{}{}", site.config.base_url, job.path.trim_end_matches("index.html")));
            context.extend(job.context);
            tera.render(job.template, &context)
                .map(|html| OutputFile { path: job.path.clone(), bytes: html.into_bytes() })
                .map_err(|e| templates::error(job.template, &job.path, &e))
        })
        .collect();
    let mut files = Vec::with_capacity(rendered.len() + 8);
    for r in rendered {
        match r {
            Ok(f) => files.push(f),
            Err(d) => diags.push(d),
        }
    }
    files.extend(assets.files);
    files.push(OutputFile { path: ".nojekyll".into(), bytes: Vec::new() });
    files.push(OutputFile { path: "annotations.jsonld".into(), bytes: export::annotations_jsonld(site) });
    files.push(OutputFile { path: "search-index.json".into(), bytes: search::index(site) });
    if syndication {
        files.extend(feeds::feeds(site));
        files.push(feeds::sitemap(site, &sitemap_pages));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    (files, diags)
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
fn for_readers(site: &Site, job: &PageJob) -> Context {
    let mut c = Context::new();
    let index_of = |prefix: &str| -> Option<usize> {
        let id = job.path.strip_prefix(prefix)?.strip_suffix(".html")?;
        match prefix {
            "articles/" => site.article_by_slug.get(id).copied(),
            "actors/" => site.actor_index(id),
            _ => site.event_index(id),
        }
    };
    let meta = match job.template {
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
        "actor.html" => match index_of("actors/") {
            Some(x) => {
                c.insert("co_chart", &charts::co_actors(site, x, 10, "chart-co"));
                c.insert("feed", &serde_json::json!({"url": format!("actors/{}.xml", site.actors[x].id), "title": format!("Articles mentioning {}", site.actors[x].name)}));
                jsonld::actor(site, x)
            }
            None => jsonld::PageMeta::default(),
        },
        "event.html" => match index_of("events/") {
            Some(e) => {
                c.insert("sources_chart", &charts::event_sources(site, e, "chart-sources"));
                c.insert("feed", &serde_json::json!({"url": format!("events/{}.xml", site.events[e].id), "title": format!("Articles about {}", site.events[e].title)}));
                jsonld::event(site, e)
            }
            None => jsonld::PageMeta::default(),
        },
        _ => jsonld::listing("Page not found", String::new()),
    };
    c.insert("meta", &meta);
    c
}
