//! Stage 1, **load**: read a dossier folder into memory.
//!
//! Reads `dossier.toml`, the actor and event registries, every article's
//! front matter and body, the dossier's own templates and theme files. Nothing
//! here interprets Markdown; that is the next stage's job. Every problem is
//! collected as a [`Diagnostic`] with file and line; an article with errors is
//! left out of [`Dossier::articles`], so later stages only see valid input.
//!
//! A folder without `dossier.toml` and without `content/` is read as a *bare
//! folder of articles*: default settings, no registries, and the names listed
//! in each article's `actors = [...]` become the actors.

mod article;
mod config;
mod fingerprint;
mod registry;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

pub(crate) use article::check_url;
pub use article::{ArticleSource, StandoffAnnotation};
pub use config::{Config, LinkSettings};
pub use fingerprint::fingerprint;
pub use registry::{Actor, ActorKind, ActorRegistry, Event, Holder, Merged, Role};

use crate::diagnostics::{Diagnostic, Diagnostics, SourceText};
use crate::limits::{MAX_FILE_BYTES, MAX_LINE_BYTES};

/// Everything a dossier consists of, read and validated. The default is an
/// empty dossier, for tools that check an article or two in memory.
#[derive(Debug, Default)]
pub struct Dossier {
    pub root: PathBuf,
    pub config: Config,
    pub actors: Vec<Actor>,
    /// Offices and their holders, for role mentions ("the Russian President").
    pub roles: Vec<Role>,
    /// Old ids of merged actors; their pages become redirects.
    pub merged: Vec<Merged>,
    pub events: Vec<Event>,
    /// Valid articles, sorted by slug.
    pub articles: Vec<ArticleSource>,
    /// The dossier's own templates (`templates/*.html`), by file name.
    pub templates: Vec<(String, String)>,
    /// The dossier's own theme files (`theme/**`), by path relative to `theme/`.
    pub theme: Vec<(String, Vec<u8>)>,
    /// True when the folder had no `dossier.toml` and no `content/`.
    pub bare: bool,
}

/// Where the parts of a dossier live.
pub(crate) struct Layout {
    pub(crate) config: Option<PathBuf>,
    pub(crate) articles: PathBuf,
    pub(crate) actors: PathBuf,
    pub(crate) events: PathBuf,
    pub(crate) templates: PathBuf,
    pub(crate) theme: PathBuf,
}

impl Layout {
    /// The layout of the dossier at `root`, and whether it is a bare folder of articles.
    pub(crate) fn of(root: &Path) -> (Layout, bool) {
        let config = root.join("dossier.toml");
        let content = root.join("content");
        let bare = !config.is_file() && !content.is_dir();
        let layout = Layout {
            config: config.is_file().then_some(config),
            articles: if bare { root.to_path_buf() } else { content.join("articles") },
            actors: content.join("actors.toml"),
            events: content.join("events.toml"),
            templates: root.join("templates"),
            theme: root.join("theme"),
        };
        (layout, bare)
    }
}

/// Read the dossier at `root`. Returns what could be read plus every problem.
pub fn load(root: &Path) -> (Dossier, Diagnostics) {
    let mut diags = Diagnostics::new();
    let (layout, bare) = Layout::of(root);
    let display = |p: &Path| display_path(root, p);

    let config = match &layout.config {
        Some(path) => match read_text(path, &display(path)) {
            Ok(src) => Config::parse(&src).unwrap_or_else(|d| {
                diags.push(d);
                Config::default()
            }),
            Err(d) => {
                diags.push(d);
                Config::default()
            }
        },
        None => Config::default(),
    };

    let registry = |path: &Path, diags: &mut Diagnostics| -> Option<Arc<SourceText>> {
        if !path.exists() {
            return None;
        }
        read_text(path, &display(path)).map_err(|d| diags.push(d)).ok()
    };
    let ActorRegistry { mut actors, roles, merged } =
        registry(&layout.actors, &mut diags).map(|src| registry::parse_registry(&src, &mut diags)).unwrap_or_default();
    let events = registry(&layout.events, &mut diags).map(|src| registry::parse_events(&src, &mut diags)).unwrap_or_default();

    let files = article_files(root, &layout.articles, &mut diags);
    let parsed: Vec<(Option<ArticleSource>, Diagnostics)> = files
        .par_iter()
        .map(|path| {
            let mut d = Diagnostics::new();
            let article = read_text(path, &display(path)).map_err(|e| d.push(e)).ok().and_then(|src| article::parse(src, path, &mut d));
            if let Some(article) = &article {
                verify_origin(root, article, &mut d);
            }
            (article, d)
        })
        .collect();
    let mut articles = Vec::with_capacity(parsed.len());
    for (article, d) in parsed {
        diags.extend(d);
        articles.extend(article);
    }
    articles.sort_by(|a, b| a.slug.cmp(&b.slug));
    reject_slug_collisions(&mut articles, &mut diags);

    if bare {
        actors = article::actors_from_front_matter(&articles);
    }

    let templates = read_templates(root, &layout.templates, &mut diags);
    let theme = read_folder(root, &layout.theme, &mut diags);

    let dossier = Dossier { root: root.to_path_buf(), config, actors, roles, merged, events, articles, templates, theme, bare };
    (dossier, diags)
}

/// The dossier's own templates (`templates/*.html`), by file name.
fn read_templates(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<(String, String)> {
    read_folder(root, dir, diags)
        .into_iter()
        .filter(|(name, _)| name.ends_with(".html") && !name.contains('/'))
        .filter_map(|(name, bytes)| match String::from_utf8(bytes) {
            Ok(text) => Some((name, text)),
            Err(_) => {
                diags.push(Diagnostic::error(format!("templates/{name}"), "template is not valid UTF-8"));
                None
            }
        })
        .collect()
}

/// Read one article file again, with the checks [`load`] makes (live
/// preview, after an edit). `path` is the file; its messages name it
/// relative to `root`, as a full load does.
pub fn load_article(root: &Path, path: &Path) -> (Option<ArticleSource>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let article = read_text(path, &display_path(root, path)).map_err(|d| diags.push(d)).ok().and_then(|src| article::parse(src, path, &mut diags));
    if let Some(article) = &article {
        verify_origin(root, article, &mut diags);
    }
    (article, diags)
}

/// Only the settings (`dossier.toml`, or the defaults), for the preview
/// server, which needs the output folder before the first build.
pub fn load_config(root: &Path) -> (Config, Diagnostics) {
    let mut diags = Diagnostics::new();
    let (layout, _) = Layout::of(root);
    let config = match &layout.config {
        Some(path) => read_text(path, &display_path(root, path)).and_then(|src| Config::parse(&src)).unwrap_or_else(|d| {
            diags.push(d);
            Config::default()
        }),
        None => Config::default(),
    };
    (config, diags)
}

/// Only the dossier's own templates, read again (live preview, after a template edit).
pub fn load_templates(root: &Path) -> (Vec<(String, String)>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let (layout, _) = Layout::of(root);
    let templates = read_templates(root, &layout.templates, &mut diags);
    (templates, diags)
}

/// Parse one article from bytes, as if read from `path` (relative to the
/// dossier root): for tools that hold articles in memory (live preview,
/// import, fuzzing).
pub fn parse_article(path: &str, bytes: Vec<u8>) -> (Option<ArticleSource>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let article = decode(path, bytes).map_err(|d| diags.push(d)).ok().and_then(|src| article::parse(src, Path::new(path), &mut diags));
    (article, diags)
}

/// Parse an actor registry from text, as if read from `path`.
pub fn parse_actors(path: &str, text: &str) -> (Vec<Actor>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let actors = registry::parse_actors(&SourceText::new(path, text), &mut diags);
    (actors, diags)
}

/// Parse a whole actor registry (actors, roles, merge records) from text, as if read from `path`.
pub fn parse_registry(path: &str, text: &str) -> (ActorRegistry, Diagnostics) {
    let mut diags = Diagnostics::new();
    let registry = registry::parse_registry(&SourceText::new(path, text), &mut diags);
    (registry, diags)
}

/// Parse an event registry from text, as if read from `path`.
pub fn parse_events(path: &str, text: &str) -> (Vec<Event>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let events = registry::parse_events(&SourceText::new(path, text), &mut diags);
    (events, diags)
}

/// The actors of a bare folder of articles: the names listed in each
/// article's `actors = [...]`, for tools that build a [`Dossier`] in memory.
pub fn actors_from_articles(articles: &[ArticleSource]) -> Vec<Actor> {
    article::actors_from_front_matter(articles)
}

/// Only the actor registry, for `dossier import`, which needs every spelling
/// but none of the articles.
pub fn load_actors(root: &Path) -> (Vec<Actor>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let (layout, _) = Layout::of(root);
    if !layout.actors.exists() {
        return (Vec::new(), diags);
    }
    let actors = match read_text(&layout.actors, &display_path(root, &layout.actors)) {
        Ok(src) => registry::parse_actors(&src, &mut diags),
        Err(d) => {
            diags.push(d);
            Vec::new()
        }
    };
    (actors, diags)
}

/// When an article names its original (`source`) and the original's hash
/// (`source_sha256`), and the original is there, it must still have those
/// bytes: otherwise the article may no longer match what it claims to be
/// made from. A warning, not an error: the site is still valid, and
/// `check --deny-warnings` makes it fail in CI. A missing original says
/// nothing (originals are often not kept in the repository).
fn verify_origin(root: &Path, article: &ArticleSource, diags: &mut Diagnostics) {
    let (Some(origin), Some((expected, span))) = (&article.origin, &article.origin_sha256) else { return };
    // Only files inside the dossier: an article from a pull request must not
    // make the build read (even only to hash) files elsewhere on the machine.
    let relative = Path::new(origin);
    if relative.components().any(|c| !matches!(c, std::path::Component::Normal(_))) {
        return;
    }
    let path = root.join(relative);
    // Only regular files: `source = "dev/zero"` through a symlink must not hang the check.
    if !std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file() && m.len() <= crate::limits::MAX_IMPORT_BYTES) {
        return;
    }
    let Ok(bytes) = std::fs::read(&path) else { return };
    let actual = crate::import::sha256_hex(&bytes);
    if &actual != expected {
        diags.push(
            Diagnostic::warning_at(&article.source, span.clone(), format!("the original `{origin}` has changed since this article was made from it"))
                .with_hint(format!(
                    "its SHA-256 is now {actual}; compare the two texts, then re-import with `dossier import --force {origin}` or update source_sha256"
                )),
        );
    }
}

/// Two files whose names slugify alike would write the same page.
fn reject_slug_collisions(articles: &mut Vec<ArticleSource>, diags: &mut Diagnostics) {
    let mut keep = vec![true; articles.len()];
    for i in 1..articles.len() {
        if articles[i].slug == articles[i - 1].slug {
            for j in [i - 1, i] {
                keep[j] = false;
            }
            diags.push(
                Diagnostic::error(
                    articles[i].path.clone(),
                    format!("`{}` and `{}` would both be published as articles/{}.html", articles[i - 1].path, articles[i].path, articles[i].slug),
                )
                .with_hint("rename one of the files"),
            );
        }
    }
    let mut flags = keep.into_iter();
    articles.retain(|_| flags.next().unwrap_or(true));
}

/// All `*.md` files under the articles folder, sorted, skipping hidden files
/// and symlinks (a link could point at any file on the machine).
fn article_files(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(dir).follow_links(false).sort_by_file_name().into_iter();
    // Hidden folders (.git) are not content; a hidden Markdown file is
    // skipped too (editors leave such files), but said, so nothing is lost silently.
    let hidden = |e: &walkdir::DirEntry| e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
    for entry in walker.filter_entry(|e| !(hidden(e) && e.file_type().is_dir())) {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(|p| display_path(root, p)).unwrap_or_default();
                diags.push(Diagnostic::error(path, format!("cannot read: {e}")));
                continue;
            }
        };
        let is_md = entry.path().extension().is_some_and(|e| e.eq_ignore_ascii_case("md"));
        if !is_md {
            continue;
        }
        if hidden(&entry) {
            diags.push(
                Diagnostic::warning(display_path(root, entry.path()), "hidden file skipped")
                    .with_hint("file names starting with `.` are not published; rename the file to publish it"),
            );
        } else if entry.path_is_symlink() {
            diags.push(
                Diagnostic::warning(display_path(root, entry.path()), "symbolic link skipped")
                    .with_hint("copy the article into the dossier instead of linking to it"),
            );
        } else if entry.file_type().is_file() {
            files.push(entry.into_path());
        }
    }
    files
}

/// Every regular file under `dir` (not following symlinks), by relative path.
fn read_folder(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<(String, Vec<u8>)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).follow_links(false).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel: Vec<String> = match entry.path().strip_prefix(dir) {
            Ok(r) => r.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect(),
            Err(_) => continue,
        };
        if rel.iter().any(|c| c.starts_with('.')) {
            continue;
        }
        match std::fs::read(entry.path()) {
            Ok(bytes) => out.push((rel.join("/"), bytes)),
            Err(e) => diags.push(Diagnostic::error(display_path(root, entry.path()), format!("cannot read: {e}"))),
        }
    }
    out
}

/// A path as users see it in messages: relative to the dossier root.
fn display_path(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).unwrap_or(path).to_string_lossy().into_owned()
}

/// Read a text file (see [`decode`]).
fn read_text(path: &Path, display: &str) -> Result<Arc<SourceText>, Diagnostic> {
    let meta = std::fs::metadata(path).map_err(|e| Diagnostic::error(display, format!("cannot read: {e}")))?;
    // Checked before reading, so a huge file is never loaded into memory.
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(display, meta.len()));
    }
    let bytes = std::fs::read(path).map_err(|e| Diagnostic::error(display, format!("cannot read: {e}")))?;
    decode(display, bytes)
}

fn too_big(display: &str, len: u64) -> Diagnostic {
    Diagnostic::error(display, format!("file is {len} bytes; the limit is {MAX_FILE_BYTES} bytes"))
        .with_hint("split the file, or check that it really is an article")
}

/// Bytes to text as every input is read: size-limited, UTF-8 checked (with
/// the line of the first bad byte), BOM dropped, line endings normalised.
fn decode(display: &str, bytes: Vec<u8>) -> Result<Arc<SourceText>, Diagnostic> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(display, bytes.len() as u64));
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = bytes[..good].iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = bytes[..good].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let col = String::from_utf8_lossy(&bytes[line_start..good]).chars().count() + 1;
            return Err(Diagnostic::error(display, format!("not valid UTF-8: byte 0x{:02x} at line {line}, column {col}", bytes[good]))
                .with_hint("convert the file to UTF-8 (e.g. `iconv -f WINDOWS-1252 -t UTF-8`), or import it with `dossier import`"));
        }
    };
    if let Some((number, line)) = text.split('\n').enumerate().find(|(_, l)| l.len() > MAX_LINE_BYTES) {
        return Err(Diagnostic::error(display, format!("line {} is {} bytes long; the limit is {MAX_LINE_BYTES}", number + 1, line.len()))
            .with_hint("break the text into paragraphs, or check that the file really is an article"));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let text = if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text.to_string() };
    Ok(SourceText::new(display, text))
}

/// A TOML error as a diagnostic; `offset` is where the TOML starts in the file.
fn toml_error(source: &Arc<SourceText>, offset: usize, e: &toml::de::Error) -> Diagnostic {
    let message = e.message().trim().to_string();
    let message = format!("invalid TOML: {message}");
    match e.span() {
        Some(span) => Diagnostic::error_at(source, offset + span.start..offset + span.end, message),
        None => Diagnostic::error(source.path.clone(), message),
    }
}

/// A TOML date (`2025-12-28`) or a string holding one.
fn parse_date(value: &toml::Value) -> Result<jiff::civil::Date, String> {
    match value {
        toml::Value::Datetime(dt) => {
            let d = dt.date.ok_or("a time without a date is not a date")?;
            jiff::civil::Date::new(d.year as i16, d.month as i8, d.day as i8).map_err(|e| format!("invalid date: {e}"))
        }
        toml::Value::String(s) => {
            let head = s.trim().get(..10).unwrap_or(s.trim());
            head.parse::<jiff::civil::Date>().map_err(|_| format!("`{}` is not a date", crate::text::clean_line(s).chars().take(40).collect::<String>()))
        }
        other => Err(format!("a date must be written like 2025-12-28, not a {}", other.type_str())),
    }
}
