//! Stage 4, **render**: turn the linked [`Site`] into pages through Tera
//! templates, plus the theme's assets and the machine-readable exports.
//!
//! Templates see small summaries (`views.rs`), never whole articles inside
//! listings. Links are relative (`{{ root }}actors/x.html`), so the site
//! works under any subpath and from `file://`; only `404.html` uses the
//! absolute base path, because GitHub Pages serves it at any depth.

mod export;
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

/// Where rendered files go; called from several threads, in no particular order.
pub type Sink<'a> = dyn Fn(OutputFile) -> Result<(), Diagnostic> + Sync + 'a;

/// Render every page into memory, sorted by path.
pub fn render(site: &Site) -> (Vec<OutputFile>, Diagnostics) {
    let files = std::sync::Mutex::new(Vec::new());
    let (_, diags) = render_into(site, &|f| {
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
pub fn render_into(site: &Site, sink: &Sink<'_>) -> (usize, Diagnostics) {
    let mut diags = Diagnostics::new();
    let tera = match templates::engine(&site.templates) {
        Ok(t) => t,
        Err(d) => {
            diags.extend(d);
            return (0, diags);
        }
    };
    let assets = templates::assets(site);
    let common = views::common(site, &assets);

    let mut jobs = vec![
        PageJob::new("index.html", "index.html".into(), || views::home(site)),
        PageJob::new("articles.html", "articles/index.html".into(), || views::article_list(site)),
        PageJob::new("actors.html", "actors/index.html".into(), || views::actor_list(site)),
        PageJob::new("events.html", "events/index.html".into(), || views::event_list(site)),
        PageJob::new("404.html", "404.html".into(), Context::new),
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

    let pages = jobs.len();
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
            tera.render(job.template, &context)
                .map_err(|e| templates::error(job.template, &job.path, &e))
                .and_then(|html| sink(OutputFile { path: job.path, bytes: html.into_bytes() }))
                .err()
        })
        .collect();
    let failed = problems.len();
    for d in problems {
        diags.push(d);
    }
    let mut extra = assets.files;
    extra.push(OutputFile { path: ".nojekyll".into(), bytes: Vec::new() });
    extra.push(OutputFile { path: "annotations.jsonld".into(), bytes: export::annotations_jsonld(site) });
    let mut written = pages - failed;
    for file in extra {
        match sink(file) {
            Ok(()) => written += 1,
            Err(d) => diags.push(d),
        }
    }
    (written, diags)
}
