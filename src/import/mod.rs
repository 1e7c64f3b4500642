//! `dossier import`: raw articles in, clean articles out, nothing lost.
//!
//! Not a build stage but a separate command that *writes content*: it reads
//! plain text, saved HTML pages and Markdown (files, or folders of them) and
//! writes `content/articles/<slug>.md` in the format [`crate::load`] reads.
//!
//! Each input goes through the same steps:
//!
//! 1. **read** ([`read`]): size limit, binary sniffing, encoding detection;
//!    the original bytes are hashed (`source_sha256`) for provenance.
//! 2. **extract** ([`plain`], [`html`], [`markdown`]): body and metadata from
//!    whatever the input offers.
//! 3. **clean** ([`clean`]): tag fragments, boilerplate lines, odd spaces and
//!    mis-encoded quotes; the article's words are never changed.
//! 4. **guess** ([`meta`]): what is still missing (title, date, outlet,
//!    language) is guessed from the text and listed in `guessed = [...]`.
//! 5. **actors** ([`actors`]): known actors found with the build's
//!    [`ActorMatcher`](crate::annotate::ActorMatcher); unknown capitalised
//!    names reported as candidates for the registry, found and tallied as
//!    `dossier actors candidates` does ([`crate::actors::Candidate`]).
//! 6. **store** ([`store`]): re-importing the same bytes is a no-op, a
//!    changed original needs `--force` (the old article is kept as a backup),
//!    and every write is atomic.
//!
//! Steps 1 to 5 run in parallel; step 6 runs in input order, so slugs and
//! messages are the same on every run.

pub(crate) mod actors;
mod clean;
mod html;
mod markdown;
mod meta;
mod plain;
mod read;
mod store;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::actors::Candidate;
use crate::annotate::ActorMatcher;
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::load::{Actor, Dossier};
use crate::text::{clean_line, front_matter, slugify};

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Replace articles whose original has changed (the old file is kept as `<slug>.md.bak`).
    pub force: bool,
    /// Show a progress bar on standard error (for long imports on a terminal).
    pub progress: bool,
}

/// What happened to one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Written as a new article; `guessed` names the metadata to confirm.
    Imported { article: PathBuf, guessed: Vec<String> },
    /// Already imported from this file with the same bytes: nothing to do.
    Unchanged { article: PathBuf },
    /// The same bytes were already imported from another file.
    Duplicate { article: PathBuf },
    /// The original changed and `--force` replaced the article; the old one is in `backup`.
    Replaced { article: PathBuf, backup: PathBuf },
    /// Not imported; the reason is in the report's diagnostics.
    Failed,
}

/// One input file and what became of it.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The input as given (or as found in a given folder).
    pub input: PathBuf,
    pub outcome: Outcome,
    /// What was done to the text on the way (encoding, cleaning, dropped fields).
    pub notes: Vec<String>,
}

/// Everything an import did.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// One entry per input file, in the order they were processed (sorted by path).
    pub files: Vec<FileReport>,
    /// Why files failed, plus warnings; each names its file.
    pub diagnostics: Diagnostics,
    /// Names found in the newly imported articles that no actor matches,
    /// most widespread first.
    pub candidates: Vec<Candidate>,
}

impl ImportReport {
    /// Whether anything failed (the command's exit code).
    pub fn failed(&self) -> bool {
        self.diagnostics.has_errors()
    }

    pub fn count(&self, matches: impl Fn(&Outcome) -> bool) -> usize {
        self.files.iter().filter(|f| matches(&f.outcome)).count()
    }
}

/// Article metadata and body as one reader extracted them.
#[derive(Debug, Default)]
pub(crate) struct Extracted {
    pub(crate) title: Option<String>,
    pub(crate) outlet: Option<String>,
    pub(crate) date: Option<jiff::civil::Date>,
    pub(crate) url: Option<String>,
    pub(crate) language: Option<String>,
    pub(crate) author: Option<String>,
    pub(crate) tags: Vec<String>,
    pub(crate) events: Vec<String>,
    pub(crate) actors: Vec<String>,
    pub(crate) body: String,
    /// The days the article reports, when not its publication date.
    pub(crate) reports: Vec<jiff::civil::Date>,
    /// The year and month the input gives without a day (`/2025/12/` in
    /// its address): what a day without a year is read against.
    pub(crate) month: Option<(i16, i8)>,
    /// Front-matter fields that are guesses, by name, with where each came from.
    pub(crate) guessed: BTreeMap<&'static str, String>,
    /// Input front-matter fields dossier has no place for.
    pub(crate) not_kept: Vec<String>,
}

/// The kind of input, from its extension or, failing that, its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Html,
    Markdown,
}

fn kind_by_extension(path: &Path) -> Option<Kind> {
    let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "text" => Some(Kind::Text),
        "html" | "htm" | "xhtml" | "shtml" => Some(Kind::Html),
        "md" | "markdown" | "mdown" | "mkd" => Some(Kind::Markdown),
        _ => None,
    }
}

fn sniff(text: &str) -> Kind {
    let head: String = text.trim_start().chars().take(200).collect::<String>().to_ascii_lowercase();
    if head.starts_with("<!doctype html") || head.starts_with("<html") || head.starts_with("<?xml") && head.contains("<html") {
        Kind::Html
    } else if head.starts_with("+++") || head.starts_with("---\n") || head.starts_with("---\r\n") || head.starts_with("# ") {
        Kind::Markdown
    } else {
        Kind::Text
    }
}

/// Everything the parallel step needs, shared by all threads.
struct Context<'a> {
    /// The dossier's folder, canonical, to write `source` relative to it.
    root: PathBuf,
    /// The dossier's actor registry alone, made once for the whole import:
    /// the annotation check of every Markdown input runs in it (a dossier
    /// made per input would parse the interface strings again each time).
    registry: &'a Dossier,
    /// Built once for the whole import: candidates, known actors and the
    /// annotation check of every Markdown input share it.
    matcher: &'a ActorMatcher,
    existing: &'a store::Existing,
}

/// An article ready to be written, or the reason there is none.
enum Prepared {
    Draft(Box<Draft>),
    /// Already imported; with a note when that could not be verified.
    Unchanged(PathBuf, Option<String>),
    Failed(Diagnostic),
}

struct Draft {
    source: String,
    sha256: String,
    extracted: Extracted,
    actor_ids: Vec<String>,
    notes: Vec<String>,
    warnings: Vec<Diagnostic>,
    /// Each occurrence of a name no actor matches.
    candidates: Vec<crate::actors::CandidateSpan>,
}

/// Imports made in memory, with a registry's actors and matcher built once:
/// the article a file would become, without a dossier on disk. For the fuzz
/// targets, which make thousands a second, and for tests.
pub struct Importer {
    registry: Dossier,
    matcher: ActorMatcher,
    existing: store::Existing,
}

impl Importer {
    pub fn new(actors: Vec<Actor>) -> Importer {
        let matcher = ActorMatcher::new(&actors);
        Importer { registry: Dossier { actors, ..Default::default() }, matcher, existing: store::Existing::default() }
    }

    /// What `import` would write for a file named `name` (its extension
    /// chooses text, HTML or Markdown) holding `bytes`: the article's text and
    /// the warnings, or why the file is refused.
    pub fn article(&self, name: &str, bytes: &[u8]) -> Result<(String, Vec<Diagnostic>), Diagnostic> {
        let ctx = Context { root: PathBuf::new(), registry: &self.registry, matcher: &self.matcher, existing: &self.existing };
        match prepare_bytes(&ctx, name.to_string(), name.to_string(), kind_by_extension(Path::new(name)), bytes.to_vec()) {
            Prepared::Draft(draft) => {
                let article = front_matter(&draft.extracted, &draft.actor_ids, &draft.source, &draft.sha256).article(&draft.extracted.body);
                Ok((article, draft.warnings))
            }
            Prepared::Unchanged(..) => Err(Diagnostic::error(name, "already imported")),
            Prepared::Failed(d) => Err(d),
        }
    }
}

/// Import `inputs` (files or folders) into the dossier at `root`.
pub fn import(root: &Path, inputs: &[PathBuf], options: &ImportOptions) -> ImportReport {
    let mut report = ImportReport::default();
    if !root.join("dossier.toml").is_file() && !root.join("content").is_dir() {
        report.diagnostics.push(
            Diagnostic::error(root.to_string_lossy(), "not a dossier: there is no dossier.toml and no content/ folder")
                .with_hint(format!("create one with `dossier init {}`, or name the dossier with --dossier DIR", root.display())),
        );
        return report;
    }
    let articles_dir = root.join("content").join("articles");
    if let Err(d) = prepare_articles_dir(root, &articles_dir) {
        report.diagnostics.push(d);
        return report;
    }
    let (actors, registry_problems) = crate::load::load_actors(&crate::load::Folder::new(root));
    for mut d in registry_problems.iter().cloned() {
        // A broken registry entry does not stop an import; `check` insists on it.
        d.severity = Severity::Warning;
        report.diagnostics.push(d);
    }

    let files = collect_inputs(inputs, &mut report.diagnostics);
    let mut existing = store::Existing::scan(&articles_dir);
    let root_canonical = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let matcher = ActorMatcher::new(&actors);
    let registry = Dossier { root: root_canonical.clone(), actors, ..Default::default() };
    let ctx = Context { root: root_canonical, registry: &registry, matcher: &matcher, existing: &existing };

    let progress = if options.progress && files.len() >= 100 {
        let bar = ProgressBar::new(files.len() as u64);
        bar.set_style(ProgressStyle::with_template("{msg:8} {bar:30} {pos}/{len} files ({eta} left)").unwrap_or_else(|_| ProgressStyle::default_bar()));
        bar.set_message("reading");
        bar
    } else {
        ProgressBar::hidden()
    };
    let prepared: Vec<Prepared> = files
        .par_iter()
        .map(|path| {
            let p = prepare(&ctx, path);
            progress.inc(1);
            p
        })
        .collect();
    // Days without a year in undated articles are read against the dates of
    // the others (this import's and the dossier's).
    let mut prepared = prepared;
    let known: Vec<jiff::civil::Date> = prepared
        .iter()
        .filter_map(|p| match p {
            Prepared::Draft(d) => d.extracted.date,
            _ => None,
        })
        .chain(existing.dates.iter().copied())
        .collect();
    let undated = |p: &Prepared| matches!(p, Prepared::Draft(d) if d.extracted.date.is_none() && d.extracted.month.is_none());
    // Another reading of every dated text: only when some text needs it.
    let background = if prepared.iter().any(undated) { background_days(&prepared) } else { BTreeSet::new() };
    for p in prepared.iter_mut().filter(|p| undated(p)) {
        if let Prepared::Draft(d) = p {
            let around = around(&d.extracted, &known);
            days_reported(&mut d.extracted, around, &background);
        }
    }
    // Second pass over the same files: writing (sequential, in input order).
    progress.set_message("writing");
    progress.set_position(0);

    let mut candidates = crate::actors::Tally::default();
    for (input, prepared) in files.into_iter().zip(prepared) {
        let shown = input.to_string_lossy().into_owned();
        let (outcome, notes) = match prepared {
            Prepared::Failed(d) => {
                report.diagnostics.push(d);
                (Outcome::Failed, Vec::new())
            }
            Prepared::Unchanged(article, note) => (Outcome::Unchanged { article }, note.into_iter().collect()),
            Prepared::Draft(draft) => {
                let draft = *draft;
                report.diagnostics.extend(draft.warnings.iter().cloned());
                let outcome = commit(&draft, &articles_dir, &mut existing, options, &shown, &mut report.diagnostics);
                if matches!(outcome, Outcome::Imported { .. } | Outcome::Replaced { .. }) {
                    for span in &draft.candidates {
                        candidates.add_span(&shown, span, None);
                    }
                }
                (outcome, draft.notes)
            }
        };
        report.files.push(FileReport { input, outcome, notes });
        progress.inc(1);
    }
    progress.finish_and_clear();
    // Names rejected with `dossier actors reject` are not proposed again.
    let rejected = crate::actors::rejected(root).unwrap_or_else(|d| {
        report.diagnostics.push(Diagnostic { severity: Severity::Warning, ..d });
        Vec::new()
    });
    report.candidates = candidates.finish(&rejected);
    report
}

/// Create `content/articles/` if needed; refuse a symlinked one, which could
/// send the import's writes anywhere on the machine.
fn prepare_articles_dir(root: &Path, dir: &Path) -> Result<(), Diagnostic> {
    for d in [root.join("content"), dir.to_path_buf()] {
        if std::fs::symlink_metadata(&d).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(Diagnostic::error(d.to_string_lossy(), "is a symbolic link; import writes only into real folders of the dossier")
                .with_hint("replace the link with a folder"));
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| Diagnostic::error(dir.to_string_lossy(), format!("cannot create the articles folder: {e}")))
}

/// Expand folders into their importable files, sorted and without repeats.
/// Files in a folder that are not articles by their extension are skipped
/// and counted by extension in one warning per folder.
fn collect_inputs(inputs: &[PathBuf], diags: &mut Diagnostics) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for input in inputs {
        let meta = match std::fs::metadata(input) {
            Ok(m) => m,
            Err(e) => {
                diags.push(Diagnostic::error(input.to_string_lossy(), format!("cannot read: {e}")).with_hint("check the path"));
                continue;
            }
        };
        if !meta.is_dir() {
            files.push(input.clone());
            continue;
        }
        let mut skipped: BTreeMap<String, usize> = BTreeMap::new();
        let hidden = |e: &walkdir::DirEntry| e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
        for entry in walkdir::WalkDir::new(input).follow_links(false).sort_by_file_name().into_iter().filter_entry(|e| !hidden(e)) {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e.path().map(|p| p.to_string_lossy().into_owned()).unwrap_or_else(|| input.to_string_lossy().into_owned());
                    diags.push(Diagnostic::error(path, format!("cannot read: {e}")));
                    continue;
                }
            };
            if entry.path_is_symlink() {
                // A link could point anywhere on the machine; name the file itself to import it.
                *skipped.entry("symbolic link".into()).or_default() += 1;
                continue;
            }
            if !entry.file_type().is_file() {
                continue;
            }
            let path = entry.into_path();
            let no_extension = path.extension().is_none();
            if kind_by_extension(&path).is_some() || no_extension {
                files.push(path);
            } else {
                let ext = path.extension().map(|e| format!(".{}", e.to_string_lossy().to_ascii_lowercase())).unwrap_or_default();
                *skipped.entry(ext).or_default() += 1;
            }
        }
        if !skipped.is_empty() {
            let total: usize = skipped.values().sum();
            let mut by_count: Vec<(String, usize)> = skipped.into_iter().collect();
            by_count.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            let list: Vec<String> = by_count.iter().take(6).map(|(ext, n)| format!("{n} {ext}")).collect();
            diags.push(
                Diagnostic::warning(input.to_string_lossy(), format!("skipped {total} file(s) that are not articles ({})", list.join(", ")))
                    .with_hint("import reads .txt, .html, .htm and .md files (and files without an extension); name a file explicitly to import it anyway"),
            );
        }
    }
    let mut seen = BTreeSet::new();
    files.retain(|f| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    files.sort();
    files
}

/// How the article records where it came from: relative to the dossier when
/// the original lives inside it (`seeds/001.txt`), else the absolute path.
fn source_path(canonical_root: &Path, input: &Path) -> String {
    let full = std::fs::canonicalize(input).unwrap_or_else(|_| input.to_path_buf());
    match full.strip_prefix(canonical_root) {
        Ok(rel) => rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/"),
        Err(_) => full.to_string_lossy().into_owned(),
    }
}

/// Steps 1 to 5 for one file.
fn prepare(ctx: &Context, input: &Path) -> Prepared {
    let shown = input.to_string_lossy().into_owned();
    let bytes = match read::read_bytes(input) {
        Ok(b) => b,
        Err(r) => return Prepared::Failed(Diagnostic::error(shown, r.message).with_hint(r.hint)),
    };
    prepare_bytes(ctx, shown, source_path(&ctx.root, input), kind_by_extension(input), bytes)
}

/// Steps 2 to 5 for one file's bytes (`shown` names it in messages).
fn prepare_bytes(ctx: &Context, shown: String, source: String, by_extension: Option<Kind>, bytes: Vec<u8>) -> Prepared {
    let fail = |r: read::Refusal| Prepared::Failed(Diagnostic::error(shown.clone(), r.message).with_hint(r.hint));
    let sha256 = crate::load::sha256_hex(&bytes);
    if let Some(origin) = ctx.existing.by_source.get(&source) {
        match origin.sha256.as_deref() {
            Some(recorded) if recorded == sha256 => return Prepared::Unchanged(origin.article.clone(), None),
            // Made from this file by hand (or by an older import): there is no
            // hash to compare, and an annotated article must not be replaced.
            None => {
                let note = "the article records no source_sha256, so it was not compared with the file".to_string();
                return Prepared::Unchanged(origin.article.clone(), Some(note));
            }
            Some(_) => {}
        }
    }
    let (text, encoding_note) = match read::decode(&bytes, by_extension != Some(Kind::Text) && by_extension != Some(Kind::Markdown)) {
        Ok(t) => t,
        Err(r) => return fail(r),
    };
    drop(bytes);
    let kind = by_extension.unwrap_or_else(|| sniff(&text));
    let mut cleaned = clean::Cleaned::default();
    let mut extracted = match kind {
        Kind::Text => plain::read(&text, &mut cleaned),
        Kind::Html => html::read(&text, &mut cleaned),
        Kind::Markdown => match markdown::read(&text, &mut cleaned) {
            Ok(e) => e,
            Err(why) => return Prepared::Failed(Diagnostic::error(shown, why).with_hint("fix the front matter, or remove it and import the text")),
        },
    };
    if kind != Kind::Markdown {
        extracted.body = clean::flatten_deep_markdown(&extracted.body, &mut cleaned);
        extracted.body = clean::escape_annotation_delimiters(&extracted.body, &mut cleaned);
    }
    if extracted.body.trim().is_empty() {
        let what = if kind == Kind::Html { "no article text found in the page" } else { "no article text left after cleaning" };
        return Prepared::Failed(Diagnostic::error(shown, what).with_hint("check that the file holds the article itself"));
    }

    let mut notes: Vec<String> = encoding_note.into_iter().collect();
    notes.extend(cleaned.describe());
    let mut warnings = Vec::new();
    if !extracted.not_kept.is_empty() {
        warnings.push(
            Diagnostic::warning(shown.clone(), format!("front-matter field(s) not carried over: {}", extracted.not_kept.join(", ")))
                .with_hint("they stay in the original file; dossier articles have no such fields"),
        );
    }
    complete_metadata(&mut extracted, &shown, &mut warnings);
    let common = crate::actors::common_words(&extracted.body);
    let mut candidates: Vec<crate::actors::CandidateSpan> = crate::actors::candidate_spans(ctx.matcher, &extracted.body, &common);
    // Actors listed in the input's front matter are kept when the registry
    // knows them (by id or any spelling); the others become candidates, as
    // `check` would refuse them.
    let mut actor_ids: Vec<String> = Vec::new();
    let mut unknown: Vec<String> = Vec::new();
    for name in &extracted.actors {
        let by_id = ctx.registry.actors.iter().find(|a| &a.id == name).map(|a| a.id.clone());
        let by_spelling = || {
            let hits = ctx.matcher.find(name);
            hits.first().filter(|h| h.start == 0 && h.end == name.len()).and_then(|h| match h.named {
                crate::annotate::Named::Actor(i) => Some(ctx.registry.actors[i].id.clone()),
                crate::annotate::Named::Role(_) => None,
            })
        };
        match by_id.or_else(by_spelling) {
            Some(id) if !actor_ids.contains(&id) => actor_ids.push(id),
            Some(_) => {}
            None => {
                candidates.push(crate::actors::CandidateSpan { name: clean_line(name), range: 0..0, surname: false });
                unknown.push(clean_line(name));
            }
        }
    }
    if !unknown.is_empty() {
        warnings.push(
            Diagnostic::warning(shown.clone(), format!("listed actor(s) not in the registry, left out: {}", unknown.join(", ")))
                .with_hint("add them to content/actors.toml and list them again, if they belong in the dossier"),
        );
    }
    let haystack = format!("{}\n\n{}", extracted.title.as_deref().unwrap_or(""), extracted.body);
    for id in actors::known(ctx.matcher, &ctx.registry.actors, &haystack) {
        if !actor_ids.contains(&id) {
            actor_ids.push(id);
        }
    }
    if kind == Kind::Markdown {
        let article = front_matter(&extracted, &actor_ids, &source, &sha256).article(&extracted.body);
        warnings.extend(annotation_problems(ctx, &shown, &article));
    }
    Prepared::Draft(Box::new(Draft { source, sha256, extracted, actor_ids, notes, warnings, candidates }))
}

/// Fill in what the input did not say, marking each guess; drop what the
/// build would refuse (a `javascript:` url).
fn complete_metadata(e: &mut Extracted, shown: &str, warnings: &mut Vec<Diagnostic>) {
    if let Some(url) = e.url.take() {
        match crate::load::check_url(&url) {
            Ok(()) => e.url = Some(url),
            Err(why) => warnings.push(Diagnostic::warning(shown, format!("url left out: {why}")).with_hint("add the article's address by hand")),
        }
    }
    if e.outlet.is_none() {
        if let Some(outlet) = e.url.as_deref().and_then(meta::outlet_from_url) {
            e.outlet = Some(outlet);
            e.guessed.insert("outlet", "the address".into());
        }
    }
    if e.language.is_none() {
        if let Some((lang, reliable)) = meta::detect_language(&e.body) {
            e.language = Some(lang);
            if !reliable {
                e.guessed.insert("language", "the text (the language detector is unsure)".into());
            }
        }
    }
    let title = e.title.as_deref().map(clean_line).filter(|t| !t.is_empty());
    e.title = Some(title.unwrap_or_else(|| {
        e.guessed.insert("title", "the first sentence".into());
        meta::title_from_text(e.body.lines().find(|l| !l.trim().is_empty() && !l.starts_with('#')).unwrap_or("Untitled"))
    }));
    date_from_address_and_text(e);
    days_reported(e, None, &BTreeSet::new());
}

/// The publication date, when the input's metadata gave none: from the
/// address (`/2025/12/28/`), else a timestamp line or the latest date in
/// the text. A year and month in the address is kept for [`days_reported`].
fn date_from_address_and_text(e: &mut Extracted) {
    if e.date.is_some() {
        return;
    }
    match e.url.as_deref().and_then(crate::text::dates::in_address) {
        Some(crate::text::dates::InAddress::Day(d)) => {
            e.date = Some(d);
            e.guessed.insert("date", format!("the address ({})", d.strftime("%Y/%m/%d")));
            return;
        }
        Some(crate::text::dates::InAddress::Month(y, m)) => e.month = e.month.or(Some((y, m))),
        None => {}
    }
    if let Some((d, why)) = meta::date_in_text(&e.body) {
        e.date = Some(d);
        e.guessed.insert("date", why);
    }
}

/// The day the article reports ([`crate::text::dates::reported_day`]),
/// kept in `reports` when it is not the publication date. Without a
/// publication date, a day without a year ("28 декабря") is read against
/// the month the input gives, else `around` (the other articles' dates),
/// and becomes the guessed publication date too (a report appears on the
/// day it reports or soon after), kept in `reports` as well, unless it is
/// a day of the story's `background` ([`background_days`]) and the text
/// tells its news by another weekday ("five more arrests ... Beccuau said
/// on Thursday", after "the robbery on 19 October", a Sunday): then the
/// article stays undated, for `suggest` to place by its weekday and content.
fn days_reported(e: &mut Extracted, around: Option<jiff::civil::Date>, background: &BTreeSet<jiff::civil::Date>) {
    use crate::text::dates::{reported_day, Anchor};
    let anchor = e.month.and_then(|(y, m)| jiff::civil::Date::new(y, m, 15).ok()).or(around).map(Anchor::Around);
    let title = e.title.clone().unwrap_or_default();
    let Some(reported) = reported_day(&title, &e.body, e.date, anchor) else { return };
    let Some(words) = reported.words else { return };
    match e.date {
        Some(d) if d == reported.day => {}
        Some(_) => {
            e.reports = vec![reported.day];
            e.guessed.insert("reports", format!("“{}” in the text", crate::text::shorten(&words, 40)));
        }
        // A day the text looks ahead to, or one after the month of
        // publication, is an appointment, not the news of the day.
        None if reported.ahead || e.month.is_some_and(|(y, m)| (reported.day.year(), reported.day.month()) > (y, m)) => {}
        None if background.contains(&reported.day) && news_weekday(&e.body).is_some_and(|w| w != reported.day.weekday()) => {}
        // Kept in `reports` too: `suggest` reads the text again against
        // the date, as a publication date, and "yesterday" in a lead would
        // then move the day once more.
        None => {
            let words = crate::text::shorten(&words, 40);
            e.date = Some(reported.day);
            e.reports = vec![reported.day];
            e.guessed.insert("date", format!("the day it reports (“{words}” in the text); no publication date found"));
            e.guessed.insert("reports", format!("“{words}” in the text"));
        }
    }
}

/// Days a developing story keeps recalling: each named in the text of at
/// least two articles of this import published three days or more after it
/// (the robbery every follow-up mentions). An undated text that names such a
/// day is as likely a follow-up as a report of it.
fn background_days(prepared: &[Prepared]) -> BTreeSet<jiff::civil::Date> {
    use crate::text::dates::{days_between, mentions, Anchor, When};
    const LATER_DAYS: i32 = 3;
    const RECALLERS: usize = 2;
    let named: Vec<BTreeSet<jiff::civil::Date>> = prepared
        .par_iter()
        .filter_map(|p| match p {
            Prepared::Draft(d) => Some((&d.extracted.body, d.extracted.date?)),
            _ => None,
        })
        .map(|(body, published)| {
            mentions(body)
                .into_iter()
                .filter(|m| matches!(m.when, When::Day(_) | When::MonthDay { .. }))
                .filter_map(|m| m.resolve(Some(Anchor::Published(published))))
                .filter(|&day| day < published && days_between(published, day) >= LATER_DAYS)
                .collect()
        })
        .collect();
    let mut recalled_by: BTreeMap<jiff::civil::Date, usize> = BTreeMap::new();
    for day in named.into_iter().flatten() {
        *recalled_by.entry(day).or_default() += 1;
    }
    recalled_by.into_iter().filter(|&(_, n)| n >= RECALLERS).map(|(day, _)| day).collect()
}

/// The first weekday a text names looking back: the day of its news.
fn news_weekday(body: &str) -> Option<jiff::civil::Weekday> {
    use crate::text::dates::{mentions, Direction, When};
    mentions(body).into_iter().filter(|m| m.direction == Direction::Back).find_map(|m| match m.when {
        When::Weekday(w) | When::WeekdayDay { weekday: w, .. } => Some(w),
        _ => None,
    })
}

/// For an article without a date: the reading of its first days without a
/// year ("28 декабря") that lies among the most other articles (within a
/// week), the latest on a tie.
fn around(e: &Extracted, known: &[jiff::civil::Date]) -> Option<jiff::civil::Date> {
    use crate::text::dates::{days_between, mentions, When};
    let title = e.title.as_deref().unwrap_or("");
    let years: BTreeSet<i16> = known.iter().map(|d| d.year()).collect();
    let partial = mentions(title).into_iter().chain(mentions(&e.body)).filter_map(|m| match m.when {
        When::MonthDay { month, day, weekday } => Some((month, day, weekday)),
        _ => None,
    });
    let mut best: Option<(usize, jiff::civil::Date)> = None;
    for (month, day, weekday) in partial.take(3) {
        for &y in &years {
            let Ok(d) = jiff::civil::Date::new(y, month, day) else { continue };
            // "Sunday, Dec. 28" is of a year whose Dec. 28 is a Sunday.
            if weekday.is_some_and(|w| d.weekday() != w) {
                continue;
            }
            let near = known.iter().filter(|k| days_between(**k, d) <= 7).count();
            if near > 0 && best.is_none_or(|b| (near, d) > b) {
                best = Some((near, d));
            }
        }
    }
    best.map(|b| b.1)
}

/// `outlet-date-first-words-of-title`, like the example dossier's names.
fn base_slug(e: &Extracted) -> String {
    let outlet = e.outlet.as_deref().map(slugify).filter(|s| !s.is_empty()).unwrap_or_else(|| "unknown".into());
    let outlet: Vec<&str> = outlet.split('-').take(3).collect();
    let date = e.date.map_or_else(|| "undated".to_string(), |d| d.to_string());
    let title = slugify(e.title.as_deref().unwrap_or(""));
    let words: Vec<&str> = title.split('-').filter(|w| !w.is_empty()).take(6).collect();
    let mut slug = slugify(&format!("{}-{date}-{}", outlet.join("-"), words.join("-")));
    // Leave room for a `-N` suffix under the 80-character slug limit.
    slug.truncate(72);
    slug.trim_end_matches('-').to_string()
}

/// Markdown keeps its own annotations, mistakes included (an actor the
/// registry does not know, say). The article is still imported, since
/// nothing may be lost, but what `check` would refuse is said now, as
/// warnings naming the input. Event ids and cross-references are checked by
/// `check`, which knows the whole dossier.
fn annotation_problems(ctx: &Context, shown: &str, text: &str) -> Vec<Diagnostic> {
    let (article, parsed) = crate::load::parse_article(shown, text.as_bytes().to_vec());
    let mut problems: Vec<Diagnostic> = parsed.into_iter().collect();
    if let Some(article) = article {
        problems.extend(crate::annotate::annotate(ctx.registry, ctx.matcher, vec![article]).diagnostics);
    }
    problems
        .into_iter()
        .filter(|d| d.severity == Severity::Error && !d.message.starts_with("unknown event"))
        .map(|d| {
            let at = d.line_col().map(|(line, col)| format!(" (line {line}, column {col} of the imported article)")).unwrap_or_default();
            Diagnostic::warning(shown, format!("imported, but `dossier check` will refuse it: {}{at}", d.message))
                .with_hint(d.hint.unwrap_or_else(|| "fix the article in content/articles/".into()))
        })
        .collect()
}

/// The new article's front matter, fields in the order the README documents them.
fn front_matter(e: &Extracted, actors: &[String], source: &str, sha256: &str) -> front_matter::New {
    let list = |items: &[String]| items.iter().map(|s| clean_line(s)).collect::<Vec<_>>();
    let mut fm = front_matter::New::default();
    fm.string("title", &clean_line(e.title.as_deref().unwrap_or("Untitled")));
    if let Some(v) = &e.outlet {
        fm.string("outlet", &clean_line(v));
    }
    if let Some(d) = e.date {
        fm.date("date", d);
    }
    if !e.reports.is_empty() {
        fm.dates("reports", &e.reports);
    }
    if let Some(v) = &e.url {
        fm.string("url", &clean_line(v));
    }
    if let Some(v) = &e.language {
        fm.string("language", &clean_line(v));
    }
    if let Some(v) = &e.author {
        fm.string("author", &clean_line(v));
    }
    if !e.events.is_empty() {
        fm.strings("events", &list(&e.events));
    }
    let mut tags: Vec<String> = Vec::new();
    for t in e.tags.iter().map(|t| slugify(t)).filter(|t| !t.is_empty()) {
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
    if !tags.is_empty() {
        fm.strings("tags", &list(&tags));
    }
    if !actors.is_empty() {
        fm.strings("actors", &list(actors));
    }
    if !e.guessed.is_empty() {
        let guessed: Vec<String> = e.guessed.iter().map(|(field, from)| format!("{field}: {from}")).collect();
        fm.strings("guessed", &list(&guessed));
    }
    fm.string("source", &clean_line(source));
    fm.string("source_sha256", &clean_line(sha256));
    fm
}

/// Step 6 for one draft: decide against what exists, then write.
fn commit(draft: &Draft, dir: &Path, existing: &mut store::Existing, options: &ImportOptions, shown: &str, diags: &mut Diagnostics) -> Outcome {
    let content = front_matter(&draft.extracted, &draft.actor_ids, &draft.source, &draft.sha256).article(&draft.extracted.body);
    let write_error = |e: std::io::Error, what: &str| Diagnostic::error(shown, format!("{what}: {e}")).with_hint("check that the articles folder is writable");
    let previous = existing.by_source.get(&draft.source).cloned();
    if let Some(previous) = previous {
        // Prepared already returned Unchanged when the hashes match, so the
        // original has changed since it was imported.
        let old = previous.article.strip_prefix(dir).unwrap_or(&previous.article).to_string_lossy().into_owned();
        if !options.force {
            diags.push(Diagnostic::error(shown, format!("the original changed since it was imported as content/articles/{old}")).with_hint(
                "re-import with --force to replace the article (the current one is kept as a .md.bak backup), or import the file under another name",
            ));
            return Outcome::Failed;
        }
        return match store::replace(&previous.article, &content) {
            Ok(backup) => {
                existing.record(&draft.source, &draft.sha256, &previous.article);
                Outcome::Replaced { article: previous.article, backup }
            }
            Err(e) => {
                diags.push(write_error(e, "cannot replace the article"));
                Outcome::Failed
            }
        };
    }
    if let Some(article) = existing.by_sha256.get(&draft.sha256) {
        return Outcome::Duplicate { article: article.clone() };
    }
    let slug = existing.claim_slug(&base_slug(&draft.extracted));
    match store::write_new(dir, &slug, &content) {
        Ok(article) => {
            existing.record(&draft.source, &draft.sha256, &article);
            Outcome::Imported { article, guessed: draft.extracted.guessed.keys().map(|k| k.to_string()).collect() }
        }
        Err(e) => {
            diags.push(write_error(e, "cannot write the article"));
            Outcome::Failed
        }
    }
}
