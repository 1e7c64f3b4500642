//! `dossier` turns a folder of news articles, an actor registry and an event
//! registry into a static site where every article is annotated, every
//! mention of an actor is linked whatever the spelling, and articles about
//! the same event point to each other.
//!
//! The build is a pipeline of stages, one module each, data flowing one
//! way (ARCHITECTURE.md draws it):
//!
//! 1. [`load`]: read `dossier.toml`, the registries, the articles (front
//!    matter + Markdown), templates and theme, with file/line diagnostics,
//!    from a folder, a git revision or memory.
//! 2. [`annotate`]: render each article's Markdown, linking actor mentions
//!    and rendering annotations (in parallel, one article at a time).
//! 3. [`link`]: build the indexes that connect articles, actors and events,
//!    and check cross-references between articles. (Before it, when the
//!    dossier asks for them, [`suggest`] proposes the links nobody declared.)
//! 4. [`render`]: Tera templates turn the linked [`link::Site`] into the
//!    pages of the route table ([`urls`], the one place that knows where
//!    each page and file goes).
//! 5. [`write`]: put the pages in place atomically (render streams each page
//!    into a staging folder; the folder is swapped in when complete).
//!
//! [`pipeline`] alone runs the first three (and suggest); [`build`] renders
//! and writes its result, [`check`] renders it without writing.
//!
//! Beside the build, [`diff`] compares two git revisions of a dossier for
//! pull-request review: it runs the pipeline on each revision, read
//! straight from git, and reports the differences as Markdown, HTML or
//! JSON. [`serve`] is the live preview: it keeps the linked site in memory,
//! rebuilds only what an edit affects and reloads the browser. Some commands
//! write content instead of a site: [`import`] turns raw articles (text,
//! HTML, Markdown) into `content/articles/*.md`, [`init`] scaffolds a new
//! dossier, [`actors`] is `dossier actors` (candidate names; accepting,
//! rejecting and merging actors in the registry) and [`suggest`] is also
//! `dossier suggest` (articles about the same event, near-duplicates,
//! recurring quotes and figures).

pub mod actors;
pub mod annotate;
pub mod diagnostics;
pub mod diff;
pub mod files;
pub mod i18n;
pub mod import;
pub mod init;
pub mod limits;
pub mod link;
pub mod load;
pub mod pipeline;
pub mod render;
pub mod serve;
pub mod suggest;
pub mod text;
pub mod urls;
pub mod w3c;
pub mod write;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use diagnostics::Diagnostics;

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
    /// Refuse to write a site larger than this (default: [`limits::output_budget`] of the input).
    pub max_output_bytes: Option<u64>,
    /// Build the drafts too (`draft = true`); they stay out of feeds, the sitemap and the search index.
    pub drafts: bool,
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
    /// Nothing had changed since the last build into the same folder, which
    /// is as that build left it: nothing was written.
    pub unchanged: bool,
}

/// Why a build wrote nothing.
#[derive(Debug)]
pub struct BuildFailure {
    pub diagnostics: Diagnostics,
}

/// Let go of the articles' file texts once linked: they are kept for
/// messages about the articles, which come from the stages before, and
/// rendering never reads them (60 MB of a 10,000-article build).
fn forget_file_texts(site: &mut link::Site) {
    for article in &mut site.articles {
        article.loaded.forget_text();
    }
}

/// Render without keeping the pages: for the diagnostics only.
fn render_discarding(site: &link::Site) -> Diagnostics {
    render::render_into(site, &|_: render::OutputFile| Ok(())).1
}

/// Validate the dossier: everything a build checks, without writing.
pub fn check(root: &Path) -> Diagnostics {
    let mut linked = pipeline::run(&load::Folder::new(root), &pipeline::Options::default());
    linked.diagnostics.extend(render_discarding(&linked.site));
    linked.diagnostics.sorted()
}

/// Build the site. On errors (unless `keep_going`) nothing is written and
/// the previous site stays as it was.
///
/// Pages are written into a staging folder as they are rendered (so the site
/// is never held in memory whole) and the folder is swapped in at the end.
pub fn build(root: &Path, options: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    let started = Instant::now();
    let options_text =
        format!("base_url={:?} keep_going={} max={:?} drafts={}", options.base_url, options.keep_going, options.max_output_bytes, options.drafts);
    let fingerprint = load::fingerprint(root, &options_text);
    if let Some(report) = fingerprint.as_deref().and_then(|fp| unchanged(root, options, fp, started)) {
        return Ok(report);
    }
    let pipeline::Linked { mut site, mut diagnostics, mut timings, .. } = pipeline::run(
        &load::Folder::new(root),
        &pipeline::Options { base_url: options.base_url.clone(), leave_out_drafts: !options.drafts, ..Default::default() },
    );
    if options.base_url.is_none() {
        diagnostics.extend(site.config().placeholder_base_url.clone());
    }
    forget_file_texts(&mut site);
    if diagnostics.has_errors() && !options.keep_going {
        // Render anyway, for the template errors, so one run reports everything.
        diagnostics.extend(render_discarding(&site));
        return Err(BuildFailure { diagnostics: diagnostics.sorted() });
    }
    let out = options.out.clone().unwrap_or_else(|| root.join(&site.config().output));
    let limit = options.max_output_bytes.unwrap_or_else(|| limits::output_budget(site.dossier.input_bytes));
    let staging = match write::check_output(root, &out, options.force).and_then(|plan| write::Staging::new(plan, limit)) {
        Ok(s) => s,
        Err(e) => {
            diagnostics.extend(render_discarding(&site));
            diagnostics.push(e.into());
            return Err(BuildFailure { diagnostics: diagnostics.sorted() });
        }
    };
    let started = Instant::now();
    let (files, d) = render::render_into(&site, &write::ToStaging(&staging));
    diagnostics.extend(d);
    let mut diagnostics = diagnostics.sorted();
    timings.push(("render + write", started.elapsed()));
    if diagnostics.has_errors() && (!options.keep_going || files == 0) {
        // Dropping the staging folder deletes it; the previous site stays.
        return Err(BuildFailure { diagnostics });
    }
    let started = Instant::now();
    let report = Counts {
        articles: site.articles.len(),
        actors: site.dossier.actors.len(),
        events: site.dossier.events.len(),
        mentions: site.articles.iter().map(|a| a.mentions.len()).sum(),
        annotations: site.articles.iter().map(|a| a.annotations.len()).sum(),
        files,
    };
    // Only a build without a single warning is recorded: an unchanged
    // dossier with warnings builds again, so its warnings are shown again.
    let record = fingerprint.filter(|_| diagnostics.is_empty()).map(|fp| format!("{fp} {}", report.to_record()));
    let (out, backup) = match staging.publish_recording(record.as_deref()) {
        Ok(done) => done,
        Err(e) => {
            diagnostics.push(e.into());
            return Err(BuildFailure { diagnostics });
        }
    };
    timings.push(("publish", started.elapsed()));
    Ok(report.into_report(out, backup, timings, diagnostics, false))
}

/// What a build report counts, as kept in the site's manifest.
struct Counts {
    articles: usize,
    actors: usize,
    events: usize,
    mentions: usize,
    annotations: usize,
    files: usize,
}

impl Counts {
    fn to_record(&self) -> String {
        let Counts { articles, actors, events, mentions, annotations, files } = self;
        format!("{articles} {actors} {events} {mentions} {annotations} {files}")
    }

    fn into_report(
        self,
        out: PathBuf,
        backup: Option<PathBuf>,
        timings: Vec<(&'static str, Duration)>,
        diagnostics: Diagnostics,
        unchanged: bool,
    ) -> BuildReport {
        let Counts { articles, actors, events, mentions, annotations, files } = self;
        BuildReport { out, articles, actors, events, annotations, mentions, files, backup, timings, diagnostics, unchanged }
    }

    fn from_record(text: &str) -> Option<Counts> {
        let n: Vec<usize> = text.split(' ').map(|p| p.parse().ok()).collect::<Option<_>>()?;
        let [articles, actors, events, mentions, annotations, files] = n[..] else { return None };
        Some(Counts { articles, actors, events, mentions, annotations, files })
    }
}

/// The report of a build that has nothing to do: the output folder holds,
/// untouched, what a clean build made from exactly these inputs.
fn unchanged(root: &Path, options: &BuildOptions, fingerprint: &str, started: Instant) -> Option<BuildReport> {
    let (config, diagnostics) = load::load_config(&load::Folder::new(root));
    if !diagnostics.is_empty() {
        return None;
    }
    let out = options.out.clone().unwrap_or_else(|| root.join(&config.output));
    let plan = write::check_output(root, &out, options.force).ok()?;
    if plan.backup_existing {
        return None;
    }
    let record = write::recorded(&plan.path)?;
    let counts = Counts::from_record(record.strip_prefix(fingerprint)?.strip_prefix(' ')?)?;
    Some(counts.into_report(plan.path, None, vec![("fingerprint", started.elapsed())], Diagnostics::new(), true))
}
