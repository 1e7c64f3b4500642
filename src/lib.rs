//! `dossier` turns a folder of news articles, an actor registry and an event
//! registry into a static site where every article is annotated, every
//! mention of an actor is linked whatever the spelling, and articles about
//! the same event point to each other.
//!
//! The build is a pipeline of five stages, one module each, data flowing one
//! way:
//!
//! 1. [`load`]: read `dossier.toml`, the registries, the articles (front
//!    matter + Markdown), templates and theme, with file/line diagnostics.
//! 2. [`annotate`]: render each article's Markdown, linking actor mentions
//!    and rendering annotations (in parallel, one article at a time).
//! 3. [`link`]: build the indexes that connect articles, actors and events,
//!    and check cross-references between articles.
//! 4. [`render`]: Tera templates turn the linked [`link::Site`] into pages.
//! 5. [`write`]: put the pages in place atomically.
//!
//! [`build`] runs all five; [`check`] runs the first four without writing.
//!
//! Beside the pipeline, [`diff`] compares two git revisions of a dossier for
//! pull-request review: it runs load, annotate and link on each revision in
//! memory and reports the differences as Markdown, HTML or JSON. Two more
//! commands write content instead of a site: [`import`] turns raw articles
//! (text, HTML, Markdown) into `content/articles/*.md`, and [`init`]
//! scaffolds a new dossier.

pub mod annotate;
pub mod diagnostics;
pub mod diff;
pub mod import;
pub mod init;
pub mod limits;
pub mod link;
pub mod load;
pub mod render;
pub mod text;
pub mod write;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use diagnostics::{Diagnostic, Diagnostics};

/// How to build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Output folder; default: `output` from `dossier.toml` under the root.
    pub out: Option<PathBuf>,
    /// Build what is valid even when some articles have errors (they are left out).
    pub keep_going: bool,
    /// Replace `base_url` from `dossier.toml` (e.g. for a preview deployment).
    pub base_url: Option<String>,
    /// Write into a non-empty folder dossier did not make, keeping it as a backup.
    pub force: bool,
    /// Refuse to write a site larger than this (default [`limits::MAX_OUTPUT_BYTES`]).
    pub max_output_bytes: Option<u64>,
}

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    pub out: PathBuf,
    pub articles: usize,
    pub actors: usize,
    pub events: usize,
    pub annotations: usize,
    pub mentions: usize,
    pub files: usize,
    /// Where a folder that was in the way was kept (with `force`).
    pub backup: Option<PathBuf>,
    /// Each stage and how long it took.
    pub timings: Vec<(&'static str, Duration)>,
    pub diagnostics: Diagnostics,
}

/// Why a build wrote nothing.
#[derive(Debug)]
pub struct BuildFailure {
    pub diagnostics: Diagnostics,
}

struct Stages {
    site: link::Site,
    files: Vec<render::OutputFile>,
    diagnostics: Diagnostics,
    timings: Vec<(&'static str, Duration)>,
}

/// Load, annotate, link and render in memory.
fn run_stages(root: &Path, base_url: Option<&str>) -> Stages {
    let mut timings = Vec::new();
    let mut diagnostics = Diagnostics::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str, timings: &mut Vec<(&'static str, Duration)>| {
        timings.push((name, clock.elapsed()));
        clock = Instant::now();
    };

    let (mut dossier, d) = load::load(root);
    diagnostics.extend(d);
    if let Some(url) = base_url {
        dossier.config.base_url = if url.ends_with('/') { url.to_string() } else { format!("{url}/") };
    }
    lap("load", &mut timings);
    let (articles, d) = annotate::annotate(&dossier);
    diagnostics.extend(d);
    lap("annotate", &mut timings);
    let (site, d) = link::link(dossier, articles);
    diagnostics.extend(d);
    lap("link", &mut timings);
    let (files, d) = render::render(&site);
    diagnostics.extend(d);
    lap("render", &mut timings);
    Stages { site, files, diagnostics: diagnostics.sorted(), timings }
}

/// Validate the dossier: everything a build checks, without writing.
pub fn check(root: &Path) -> Diagnostics {
    run_stages(root, None).diagnostics
}

/// Build the site. On errors (unless `keep_going`) nothing is written and
/// the previous site stays as it was.
pub fn build(root: &Path, options: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    let stages = run_stages(root, options.base_url.as_deref());
    let mut diagnostics = stages.diagnostics;
    let site = stages.site;
    if diagnostics.has_errors() && (!options.keep_going || stages.files.is_empty()) {
        return Err(BuildFailure { diagnostics });
    }
    let out = options.out.clone().unwrap_or_else(|| root.join(&site.config.output));
    let total: u64 = stages.files.iter().map(|f| f.bytes.len() as u64).sum();
    let limit = options.max_output_bytes.unwrap_or(limits::MAX_OUTPUT_BYTES);
    if total > limit {
        diagnostics.push(
            Diagnostic::error(out.to_string_lossy(), format!("the site would be {total} bytes; the limit is {limit}"))
                .with_hint("look for an article or template that produces unexpectedly large pages"),
        );
        return Err(BuildFailure { diagnostics });
    }
    let started = Instant::now();
    let written = write::check_output(root, &out, options.force).and_then(|plan| {
        let backup = write::publish(&plan, &stages.files)?;
        Ok((plan.path, backup))
    });
    let (out, backup) = match written {
        Ok(o) => o,
        Err(e) => {
            diagnostics.push(Diagnostic::error(e.path.to_string_lossy(), e.message).with_hint(e.hint));
            return Err(BuildFailure { diagnostics });
        }
    };
    let mut timings = stages.timings;
    timings.push(("write", started.elapsed()));
    Ok(BuildReport {
        out,
        articles: site.articles.len(),
        actors: site.actors.len(),
        events: site.events.len(),
        annotations: site.articles.iter().map(|a| a.annotations.len()).sum(),
        mentions: site.articles.iter().map(|a| a.mentions.len()).sum(),
        files: stages.files.len(),
        backup,
        timings,
        diagnostics,
    })
}
