//! Stage 4, **render**: turn the linked [`Site`] into the pages and files
//! of the route table ([`crate::urls`]), through Tera templates, plus the
//! theme's assets and the machine-readable exports.
//!
//! `pages.rs` lists the site's pages (one per kind, or per record) and what
//! each template is given; templates see small summaries (`views.rs`), never
//! whole articles inside listings. `files.rs` holds the files no template
//! makes, each a `SiteFile`; `refresh.rs` says which pages and
//! files an edit touches, for the live preview. Links are relative
//! (`{{ root }}{{ x.url }}`), so the site works under any subpath and from
//! `file://`; only the 404 page links from the base path, because GitHub
//! Pages serves it at any depth.
//!
//! For readers and their tools, pages also get charts drawn at build time
//! (`charts.rs`), Open Graph and schema.org metadata (`jsonld.rs`), and the
//! site gets a search index (`search.rs`), Atom feeds and a sitemap
//! (`feeds.rs`) and the W3C export (`export.rs`).

mod charts;
mod confine;
mod export;
mod feeds;
mod files;
mod jsonld;
mod pages;
mod refresh;
mod search;
mod site_file;
mod suggested;
mod templates;
mod views;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::link::Site;
use crate::urls::{PageKind, Shows};

pub use pages::pages;
pub use refresh::Touched;
pub use templates::{DEFAULT_TEMPLATES, DEFAULT_THEME};

/// A file of the finished site: a relative path made only of slugs and
/// fixed names, and its bytes.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where rendered files go; called from several threads, in no particular
/// order. A closure taking an [`OutputFile`] is one.
pub trait Sink: Sync {
    fn put(&self, file: OutputFile) -> Result<(), Diagnostic>;

    /// True once the sink takes nothing more (the site reached its size
    /// limit): the pages not yet rendered are not rendered at all.
    fn stopped(&self) -> bool {
        false
    }
}

impl<F: Fn(OutputFile) -> Result<(), Diagnostic> + Sync> Sink for F {
    fn put(&self, file: OutputFile) -> Result<(), Diagnostic> {
        self(file)
    }
}

/// A template of a dossier's own, alone: checked and rendered with
/// `context` exactly as the build would (the `| safe` rule, no recursion,
/// the page's budget). For the fuzz target and tests; `macros.html` is the
/// built-in one.
pub fn render_template(source: &str, context: &serde_json::Value) -> Result<String, Vec<Diagnostic>> {
    let context = tera::Context::from_value(context.clone()).map_err(|e| vec![Diagnostic::error("templates/page.html", format!("bad context: {e}"))])?;
    templates::render_one(source, &context)
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

/// A page that is not part of the site (the report of `dossier diff`):
/// the built-in template `name`, or the one among `templates` (a dossier's
/// own, `(name, source)`) that replaces it.
pub(crate) fn report(templates: &[(String, String)], name: &str, context: &tera::Context) -> Result<String, Diagnostics> {
    let mut diags = Diagnostics::new();
    let rendered = templates::engine(templates, &std::sync::Arc::new(crate::i18n::Strings::new("en", None).0)).map_err(|d| diags.extend(d)).and_then(|tera| {
        // A report is as large as the dossiers it compares: its budget grows with the data it shows.
        let limits = templates::page_limits(context.clone().into_json().to_string().len() as u64);
        let page = templates::render(&tera, limits, name, context).map(|bytes| String::from_utf8_lossy(&bytes).into_owned());
        page.map_err(|e| diags.push(templates::error(name, name, &e)))
    });
    rendered.map_err(|()| diags)
}

/// A page or file of the site, as [`render_only`] asks whether it is wanted.
#[derive(Debug, Clone, Copy)]
pub struct Wanted<'a> {
    /// The page's kind; `None` for a file no template makes (assets, feeds, exports).
    pub kind: Option<PageKind>,
    /// What it shows (from the route table), and so which edits change it.
    pub shows: Shows,
    /// The record it shows (a slug or an id), empty when it shows no one record.
    pub key: &'a str,
}

/// Like [`render_into`], but only the files `wanted` selects (live preview:
/// the pages an edit affects, [`Touched`]). The others cost nothing beyond
/// their name.
pub fn render_only(site: &Site, wanted: &(dyn Fn(Wanted<'_>) -> bool + Sync), sink: &dyn Sink) -> (usize, Diagnostics) {
    let mut diags = Diagnostics::new();
    let tera = match templates::engine(&site.dossier.templates, &site.dossier.strings) {
        Ok(t) => t,
        Err(d) => {
            diags.extend(d);
            return (0, diags);
        }
    };
    let assets = templates::assets(site);
    let limits = templates::page_limits(site.dossier.input_bytes);
    let mut common = views::common(site, &assets);
    let syndication = feeds::enabled(site);
    common.insert("assets", &assets.urls);
    common.insert("syndication", &syndication);

    let pages = pages::pages(site);
    let shared = views::Shared::new(site);
    let jobs: Vec<_> = pages.iter().filter(|p| wanted(Wanted { kind: Some(p.kind), shows: p.route().shows, key: p.key })).collect();
    let made = jobs.len();
    let config = site.config();
    let base_path = config.base_path();
    // The pages first, then the site-wide files, each spread over the cores:
    // made alongside the pages, the files' buffers (tens of megabytes in a
    // large dossier) added to the pages' peak memory for no gain in time.
    // A page's context is made on the worker thread that renders it, so
    // contexts are made in parallel and never all held at once.
    let problems: Vec<Diagnostic> = jobs
        .into_par_iter()
        .filter_map(|page| {
            if sink.stopped() {
                return None;
            }
            let path = page.path();
            let template = page.route().template;
            let mut context = common.clone();
            context.insert("root", &page.root(&base_path));
            context.insert("path", &path);
            context.insert("section", page.section());
            context.insert("has_code", &false);
            context.insert("canonical", &page.url(&config.base_url));
            context.extend(pages::context(site, page, &shared));
            context.extend(pages::for_readers(site, page));
            templates::render(&tera, limits, template, &context)
                .map_err(|e| templates::error(template, &path, &e))
                .and_then(|bytes| sink.put(OutputFile { path, bytes }))
                .err()
        })
        .collect();
    let whole = site_file::Whole { site, pages: &pages, assets: &assets.files, syndication };
    let out = site_file::Out::new(sink, wanted);
    for file in files::SITE_FILES {
        file.make(&whole, &out);
    }
    let (files, file_problems) = out.finish();
    let written = made - problems.len() + files;
    for d in problems.into_iter().chain(file_problems) {
        diags.push(d);
    }
    (written, diags)
}
