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
            diags.extend(d);
            return (Vec::new(), diags);
        }
    };
    let assets = templates::assets(site);
    let common = views::common(site, &assets);

    let mut jobs = vec![
        PageJob { template: "index.html", path: "index.html".into(), context: views::home(site) },
        PageJob { template: "articles.html", path: "articles/index.html".into(), context: views::article_list(site) },
        PageJob { template: "actors.html", path: "actors/index.html".into(), context: views::actor_list(site) },
        PageJob { template: "events.html", path: "events/index.html".into(), context: views::event_list(site) },
        PageJob { template: "404.html", path: "404.html".into(), context: Context::new() },
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
    files.sort_by(|a, b| a.path.cmp(&b.path));
    (files, diags)
}
