//! Stage 1, **load**: read a dossier folder into memory.
//!
//! Reads `dossier.toml`, the actor and event registries, every article's
//! front matter and body, the dossier's own templates and theme files. Nothing
//! here interprets Markdown; that is the next stage's job. Every problem is
//! collected as a [`Diagnostic`] with file and line; an article with errors is
//! left out of [`Dossier::articles`] (and kept in [`Dossier::refused`]), so
//! later stages only see valid input.
//!
//! The files come through a [`FileTree`]: a folder on disk, a git revision
//! (`dossier diff`) or memory, all read by the same code under the same
//! rules: the [`Layout`] says where each part lives; symbolic links are
//! never followed; sizes are checked before reading.
//!
//! A folder without `dossier.toml` and without `content/` is read as a *bare
//! folder of articles*: default settings, no registries, and the names listed
//! in each article's `actors = [...]` become the actors.

mod article;
mod config;
mod files;
mod fingerprint;
mod layout;
mod registry;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

pub(crate) use article::check_url;
pub use article::{BundleFile, LoadedArticle, StandoffAnnotation};
pub use config::{Config, LinkSettings, DEFAULT_MIN_SCORE};
pub use files::{FileKind, FileTree, Folder, Memory};
pub use fingerprint::{fingerprint, sha256_hex};
pub use layout::{Layout, ACTORS, ARTICLES, BUNDLE_INDEX, CONFIG, EVENTS, I18N, STATIC, TEMPLATES, THEME};
pub use registry::{Actor, ActorKind, ActorRegistry, Event, Holder, Merged, Role, Unloaded};

use crate::diagnostics::{Diagnostic, Diagnostics, FileText};
use crate::limits::{MAX_ASSET_BYTES, MAX_FILE_BYTES, MAX_IMPORT_BYTES, MAX_LINE_BYTES};
use crate::urls::Page;

/// Everything a dossier consists of, read and validated. The default is an
/// empty dossier, for tools that check an article or two in memory.
#[derive(Debug, Default)]
pub struct Dossier {
    /// The dossier's folder (for a git revision or memory, its name).
    pub root: PathBuf,
    pub config: Config,
    /// In registry order (a bare folder's: by id).
    pub actors: Vec<Actor>,
    /// Offices and their holders, for role mentions ("the Russian President").
    pub roles: Vec<Role>,
    /// Old ids of merged actors; their pages become redirects.
    pub merged: Vec<Merged>,
    pub events: Vec<Event>,
    /// Actor and event ids the registries name but could not load: their
    /// errors are reported once, in the registry, not at every reference.
    pub unloaded_actors: Unloaded,
    pub unloaded_events: Unloaded,
    /// Valid articles, sorted by slug.
    pub articles: Vec<LoadedArticle>,
    /// The slugs of the drafts this run leaves out (`draft = true`, built
    /// without `--drafts`), so a link to one can say why it is dead.
    pub drafts_left_out: Vec<String>,
    /// The slugs of the articles this run leaves out because they have
    /// errors (set by the pipeline once annotating is done), so a reference
    /// to one says so instead of calling it missing.
    pub left_out_with_errors: Vec<String>,
    /// Article files with errors, left out of `articles`, sorted by path.
    pub refused: Vec<Refused>,
    /// The dossier's own templates (`templates/*.html`), by file name.
    pub templates: Vec<(String, String)>,
    /// The dossier's own theme files (`theme/**`), by path relative to `theme/`.
    pub theme: Vec<(String, Vec<u8>)>,
    /// Files copied into the site as they are (`static/**`), by path relative to `static/`.
    pub statics: Vec<(String, Vec<u8>)>,
    /// True when the folder had no `dossier.toml` and no `content/`.
    pub bare: bool,
    /// How many bytes were read, all files together: the measure the
    /// build's output budget is proportional to.
    pub input_bytes: u64,
    /// The interface in the dossier's language: built-in strings under the
    /// dossier's own `i18n/<language>.toml` ([`crate::i18n`]).
    pub strings: Arc<crate::i18n::Strings>,
}

/// An article file the loader refused: its errors are in the diagnostics.
/// Kept so that a revision whose article broke still has the article
/// (`dossier diff` shows the edit with its errors, not a deletion).
#[derive(Debug, Clone)]
pub struct Refused {
    pub path: String,
    /// The slug the file would have had.
    pub slug: String,
    /// Its text, when it could be read as text.
    pub text: Option<Arc<FileText>>,
}

/// Read the dossier in `tree`. Returns what could be read plus every problem.
pub fn load(tree: &dyn FileTree) -> (Dossier, Diagnostics) {
    let mut diags = Diagnostics::new();
    let layout = Layout::of(tree);
    let config = read_config(tree, &mut diags);
    // A registry that is there but cannot be read leaves every id unknown.
    let unreadable = |path| if tree.kind(path).is_some() { Unloaded::All } else { Unloaded::Nothing };
    let ActorRegistry { mut actors, roles, merged, unloaded: unloaded_actors } = read_setting(tree, ACTORS, &mut diags)
        .map(|file| registry::parse_registry(&file, &mut diags))
        .unwrap_or_else(|| ActorRegistry { unloaded: unreadable(ACTORS), ..ActorRegistry::default() });
    let (events, unloaded_events) = read_setting(tree, EVENTS, &mut diags)
        .map(|file| registry::parse_event_registry(&file, &mut diags))
        .unwrap_or_else(|| (Vec::new(), unreadable(EVENTS)));

    let paths = article_paths(tree, &layout, &mut diags);
    tree.prepare(&paths.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>());
    let read: Vec<(Result<LoadedArticle, Refused>, Diagnostics)> = paths.par_iter().map(|(path, size)| read_article(tree, &layout, path, *size)).collect();
    let mut articles = Vec::with_capacity(read.len());
    let mut refused = Vec::new();
    for (article, d) in read {
        diags.extend(d);
        match article {
            Ok(a) => articles.push(a),
            Err(r) => refused.push(r),
        }
    }
    articles.sort_by(|a, b| a.slug.cmp(&b.slug));
    reject_slug_collisions(&mut articles, &mut refused, &mut diags);
    reject_alias_collisions(&mut articles, &mut diags);
    verify_origins(tree, &articles, &mut diags);

    if layout.bare {
        actors = article::actors_from_front_matter(&articles);
    }

    let templates = read_templates(tree, &mut diags);
    let theme = read_folder(tree, THEME, MAX_ASSET_BYTES, &mut diags);
    let statics = read_folder(tree, STATIC, MAX_ASSET_BYTES, &mut diags);

    let strings = read_strings(tree, &config.language, &mut diags);
    let own_strings = format!("{I18N}{}.toml", config.language);
    let settings: u64 =
        [CONFIG, ACTORS, EVENTS, own_strings.as_str()].iter().filter_map(|p| if let Some(FileKind::File(n)) = tree.kind(p) { Some(n) } else { None }).sum();
    let bundles: u64 = articles.iter().flat_map(|a| a.bundle.iter().flatten()).map(|f| f.bytes.len() as u64).sum();
    let input_bytes = settings
        + paths.iter().map(|(_, size)| size).sum::<u64>()
        + bundles
        + templates.iter().map(|(_, t)| t.len() as u64).sum::<u64>()
        + [&theme, &statics].iter().flat_map(|files| files.iter()).map(|(_, b)| b.len() as u64).sum::<u64>();
    let dossier = Dossier {
        root: tree.root().to_path_buf(),
        config,
        actors,
        roles,
        merged,
        events,
        unloaded_actors,
        unloaded_events,
        articles,
        drafts_left_out: Vec::new(),
        left_out_with_errors: Vec::new(),
        refused,
        templates,
        theme,
        statics,
        bare: layout.bare,
        input_bytes,
        strings,
    };
    (dossier, diags)
}

/// `dossier.toml`, or the default settings.
fn read_config(tree: &dyn FileTree, diags: &mut Diagnostics) -> Config {
    let config = read_setting(tree, CONFIG, diags).map(|file| Config::parse(&file));
    match config {
        Some(Ok(c)) => c,
        Some(Err(d)) => {
            diags.push(d);
            Config::default()
        }
        None => Config::default(),
    }
}

/// A settings or registry file, when there is one.
fn read_setting(tree: &dyn FileTree, path: &str, diags: &mut Diagnostics) -> Option<Arc<FileText>> {
    match tree.kind(path)? {
        FileKind::File(size) => read_text(tree, path, size).map_err(|d| diags.push(d)).ok(),
        FileKind::Link => {
            diags.push(skipped_link(path));
            None
        }
        FileKind::Folder => {
            diags.push(Diagnostic::error(path, "cannot read: this is a folder").with_hint("it must be a file"));
            None
        }
        FileKind::Other(what) => {
            diags.push(Diagnostic::error(path, format!("cannot read: {what}")).with_hint("it must be a regular file"));
            None
        }
        FileKind::Unreadable(why) => {
            diags.push(Diagnostic::error(path, format!("cannot read: {why}")));
            None
        }
    }
}

fn skipped_link(path: &str) -> Diagnostic {
    Diagnostic::warning(path, "symbolic link skipped (or a file inside a linked folder)")
        .with_hint("dossier reads only files inside the dossier; copy the file here instead of linking to it")
}

/// The interface strings for `language`, with the dossier's own
/// `i18n/<language>.toml` over the built-in ones when it has one.
fn read_strings(tree: &dyn FileTree, language: &str, diags: &mut Diagnostics) -> Arc<crate::i18n::Strings> {
    let path = format!("{I18N}{language}.toml");
    let own = read_setting(tree, &path, diags);
    let (strings, problems) = crate::i18n::Strings::new(language, own.as_ref());
    diags.extend(problems);
    Arc::new(strings)
}

/// The dossier's own templates (`templates/*.html`), by file name.
fn read_templates(tree: &dyn FileTree, diags: &mut Diagnostics) -> Vec<(String, String)> {
    read_folder(tree, TEMPLATES, MAX_FILE_BYTES, diags)
        .into_iter()
        .filter(|(name, _)| name.ends_with(".html") && !name.contains('/'))
        .filter_map(|(name, bytes)| match String::from_utf8(bytes) {
            Ok(text) => Some((name, text)),
            Err(_) => {
                diags.push(Diagnostic::error(format!("{TEMPLATES}{name}"), "template is not valid UTF-8"));
                None
            }
        })
        .collect()
}

/// Read one article file again, with the checks [`load`] makes (live
/// preview, after an edit). `Err` when it has errors.
pub fn load_article(tree: &dyn FileTree, path: &str) -> (Result<LoadedArticle, Refused>, Diagnostics) {
    let layout = Layout::of(tree);
    let (article, mut diags) = match tree.kind(path) {
        Some(FileKind::File(size)) => read_article(tree, &layout, path, size),
        _ => {
            let mut d = Diagnostics::new();
            d.push(Diagnostic::error(path, "cannot read: not a regular file"));
            (Err(Refused { path: path.to_string(), slug: article::slug_of(path, &layout), text: None }), d)
        }
    };
    if let Ok(a) = &article {
        verify_origins(tree, std::slice::from_ref(a), &mut diags);
    }
    (article, diags)
}

/// Only the settings (`dossier.toml`, or the defaults), for the preview
/// server, which needs the output folder before the first build.
pub fn load_config(tree: &dyn FileTree) -> (Config, Diagnostics) {
    let mut diags = Diagnostics::new();
    let config = read_config(tree, &mut diags);
    (config, diags)
}

/// Only the dossier's own templates, read again (live preview, after a template edit).
pub fn load_templates(tree: &dyn FileTree) -> (Vec<(String, String)>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let templates = read_templates(tree, &mut diags);
    (templates, diags)
}

/// Parse one article from bytes, as if read from `path` (relative to the
/// dossier root): for `dossier import`, which checks what it writes.
pub fn parse_article(path: &str, bytes: Vec<u8>) -> (Option<LoadedArticle>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let article = decode(path, bytes).map_err(|d| diags.push(d)).ok().and_then(|file| article::parse(file, &Layout::DOSSIER, &mut diags));
    (article, diags)
}

/// Parse an actor registry from text, as if read from `path`.
pub fn parse_actors(path: &str, text: &str) -> (Vec<Actor>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let actors = registry::parse_actors(&FileText::new(path, text), &mut diags);
    (actors, diags)
}

/// Parse a whole actor registry (actors, roles, merge records) from text, as if read from `path`.
pub fn parse_registry(path: &str, text: &str) -> (ActorRegistry, Diagnostics) {
    let mut diags = Diagnostics::new();
    let registry = registry::parse_registry(&FileText::new(path, text), &mut diags);
    (registry, diags)
}

/// Parse an event registry from text, as if read from `path`.
pub fn parse_events(path: &str, text: &str) -> (Vec<Event>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let events = registry::parse_events(&FileText::new(path, text), &mut diags);
    (events, diags)
}

/// Only the actor registry, for `dossier import`, which needs every spelling
/// but none of the articles.
pub fn load_actors(tree: &dyn FileTree) -> (Vec<Actor>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let actors = read_setting(tree, ACTORS, &mut diags).map(|file| registry::parse_actors(&file, &mut diags)).unwrap_or_default();
    (actors, diags)
}

/// One article file, read and parsed, with its bundle's files if it is a
/// bundle's `index.md`; refused with its text when it has errors.
fn read_article(tree: &dyn FileTree, layout: &Layout, path: &str, size: u64) -> (Result<LoadedArticle, Refused>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let refused = |text| Refused { path: path.to_string(), slug: article::slug_of(path, layout), text };
    let file = match read_text(tree, path, size) {
        Ok(file) => file,
        Err(d) => {
            diags.push(d);
            return (Err(refused(None)), diags);
        }
    };
    let mut article = article::parse(file.clone(), layout, &mut diags).ok_or_else(|| refused(Some(file)));
    if let (Ok(a), Some(folder)) = (&mut article, layout.bundle_folder(path)) {
        a.bundle = Some(read_bundle(tree, folder, &mut diags));
    }
    (article, diags)
}

/// The files of the page bundle in `folder` (ending in `/`), besides its
/// articles: every regular file at any depth that is not Markdown (always
/// an article), hidden, or in a folder that is a bundle of its own.
fn read_bundle(tree: &dyn FileTree, folder: &str, diags: &mut Diagnostics) -> Vec<BundleFile> {
    let entries = tree.walk(folder);
    let nested: Vec<&str> =
        entries.iter().filter_map(|(path, _)| path.strip_prefix(folder)?.strip_suffix(BUNDLE_INDEX).filter(|inner| !inner.is_empty())).collect();
    let mut files = Vec::new();
    for (path, kind) in &entries {
        let Some(name) = path.strip_prefix(folder) else { continue };
        if layout::is_markdown(name) || name.split('/').any(layout::is_hidden) || nested.iter().any(|n| name.starts_with(n)) {
            continue;
        }
        match kind {
            FileKind::File(size) if *size > MAX_ASSET_BYTES => diags.push(asset_too_big(path, *size)),
            FileKind::File(_) => files.push((path.clone(), name.to_string())),
            FileKind::Link => diags.push(skipped_link(path)),
            FileKind::Unreadable(why) => diags.push(Diagnostic::error(path.clone(), format!("cannot read: {why}"))),
            FileKind::Folder => {}
            FileKind::Other(_) => diags.push(Diagnostic::warning(path.clone(), "not a regular file: skipped").with_hint("only regular files are read")),
        }
    }
    tree.prepare(&files.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>());
    files
        .into_iter()
        .filter_map(|(path, name)| match tree.read(&path, MAX_ASSET_BYTES) {
            Ok(bytes) => Some(BundleFile { name, bytes: bytes.into() }),
            Err(e) => {
                diags.push(Diagnostic::error(path, format!("cannot read: {e}")));
                None
            }
        })
        .collect()
}

/// When an article names its original (`source`) and the original's hash
/// (`source_sha256`), and the original is there, it must still have those
/// bytes: otherwise the article may no longer match what it claims to be
/// made from. A warning, not an error: the site is still valid, and
/// `check --deny-warnings` makes it fail in CI. A missing original says
/// nothing (originals are often not kept in the repository).
fn verify_origins<'a>(tree: &dyn FileTree, articles: &'a [LoadedArticle], diags: &mut Diagnostics) {
    let cited = |a: &'a LoadedArticle| {
        let (origin, (expected, span)) = (a.origin.as_deref()?, a.origin_sha256.as_ref()?);
        // Only files inside the dossier: an article from a pull request must not
        // make the build read (even only to hash) files elsewhere on the machine.
        if Path::new(origin).components().any(|c| !matches!(c, std::path::Component::Normal(_))) {
            return None;
        }
        // Only regular files: `source = "dev/zero"` through a symlink must not hang the check.
        matches!(tree.kind(origin), Some(FileKind::File(size)) if size <= MAX_IMPORT_BYTES).then_some((a, origin, expected, span))
    };
    let checks: Vec<_> = articles.iter().filter_map(cited).collect();
    tree.prepare(&checks.iter().map(|c| c.1).collect::<Vec<_>>());
    let warnings: Vec<Diagnostic> = checks
        .par_iter()
        .filter_map(|&(article, origin, expected, span)| {
            let actual = sha256_hex(&tree.read(origin, MAX_IMPORT_BYTES).ok()?);
            (&actual != expected).then(|| {
                Diagnostic::warning_at(&article.file, span.clone(), format!("the original `{origin}` has changed since this article was made from it"))
                    .with_hint(format!(
                        "its SHA-256 is now {actual}; compare the two texts, then re-import with `dossier import --force {origin}` or update source_sha256"
                    ))
            })
        })
        .collect();
    for w in warnings {
        diags.push(w);
    }
}

/// Two files whose names slugify alike would write the same page: both are refused.
fn reject_slug_collisions(articles: &mut Vec<LoadedArticle>, refused: &mut Vec<Refused>, diags: &mut Diagnostics) {
    let mut keep = vec![true; articles.len()];
    for i in 1..articles.len() {
        if articles[i].slug == articles[i - 1].slug {
            for j in [i - 1, i] {
                keep[j] = false;
            }
            diags.push(
                Diagnostic::error(
                    articles[i].path.clone(),
                    format!("`{}` and `{}` would both be published as {}", articles[i - 1].path, articles[i].path, Page::article(&articles[i].slug).path()),
                )
                .with_hint("rename one of the files"),
            );
        }
    }
    let mut flags = keep.into_iter();
    let (kept, colliding): (Vec<_>, Vec<_>) = std::mem::take(articles).into_iter().partition(|_| flags.next().unwrap_or(true));
    *articles = kept;
    refused.extend(colliding.into_iter().map(|a| Refused { path: a.path, slug: a.slug, text: Some(a.file) }));
    refused.sort_by(|a, b| a.path.cmp(&b.path));
}

/// An alias (an old slug, whose page redirects) must not be an article's
/// slug, whose page it would replace, nor another article's alias: such an
/// alias is an error, and is dropped so no page is written twice.
fn reject_alias_collisions(articles: &mut [LoadedArticle], diags: &mut Diagnostics) {
    let slugs: std::collections::BTreeMap<String, String> = articles.iter().map(|a| (a.slug.clone(), a.path.clone())).collect();
    let mut claimed: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
    for article in articles.iter_mut() {
        let file = article.file.clone();
        article.aliases.retain(|(alias, span)| {
            let (message, hint) = if let Some(owner) = slugs.get(alias) {
                (
                    format!("alias `{alias}` is the slug of `{owner}`: both would be published as {}", Page::article(alias).path()),
                    "remove the alias, or rename that file",
                )
            } else if let Some(owner) = claimed.get(alias) {
                (format!("alias `{alias}` is also an alias of `{owner}`"), "an old address can lead to one article only: keep the alias on one of them")
            } else {
                claimed.insert(alias.clone(), file.path.clone());
                return true;
            };
            diags.push(Diagnostic::error_at(&file, span.clone(), message).with_hint(hint));
            false
        });
    }
}

/// The article files of the dossier (path and size), in path order,
/// skipping hidden files and symlinks (a link could point at any file on
/// the machine), each said so nothing is lost silently.
fn article_paths(tree: &dyn FileTree, layout: &Layout, diags: &mut Diagnostics) -> Vec<(String, u64)> {
    let mut files = Vec::new();
    if linked_folder(tree, "content", diags) || linked_folder(tree, layout.articles.trim_end_matches('/'), diags) {
        return files;
    }
    for (path, kind) in tree.walk(layout.articles) {
        let rel = path.strip_prefix(layout.articles).unwrap_or(&path);
        let (folders, name) = rel.rsplit_once('/').unwrap_or(("", rel));
        // Hidden folders (.git) are not content.
        if folders.split('/').any(layout::is_hidden) {
            continue;
        }
        if let FileKind::Unreadable(why) = &kind {
            diags.push(Diagnostic::error(path.clone(), format!("cannot read: {why}")));
            continue;
        }
        if !layout::is_markdown(name) {
            continue;
        }
        match kind {
            // Editors leave such files; skipped, but said.
            _ if layout::is_hidden(name) => diags.push(
                Diagnostic::warning(path, "hidden file skipped").with_hint("file names starting with `.` are not published; rename the file to publish it"),
            ),
            FileKind::Link => {
                diags.push(Diagnostic::warning(path, "symbolic link skipped").with_hint("copy the article into the dossier instead of linking to it"))
            }
            FileKind::File(size) => files.push((path, size)),
            _ => diags.push(Diagnostic::warning(path, "not a regular file: skipped")),
        }
    }
    files
}

/// Every regular file under the folder `dir` (not following symlinks,
/// nothing hidden), by path relative to `dir`. A link, FIFO or device is
/// skipped with a warning, and so is the whole folder when it is a link;
/// a file over `limit` bytes is an error.
fn read_folder(tree: &dyn FileTree, dir: &str, limit: u64, diags: &mut Diagnostics) -> Vec<(String, Vec<u8>)> {
    if linked_folder(tree, dir, diags) {
        return Vec::new();
    }
    let mut files = Vec::new();
    for (path, kind) in tree.walk(dir) {
        let Some(rel) = path.strip_prefix(dir).map(str::to_string) else { continue };
        if rel.split('/').any(layout::is_hidden) {
            continue;
        }
        match kind {
            FileKind::File(size) if size > limit => diags.push(if limit == MAX_ASSET_BYTES { asset_too_big(&path, size) } else { too_big(&path, size) }),
            FileKind::File(_) => files.push((path, rel)),
            FileKind::Link => diags.push(skipped_link(&path)),
            FileKind::Unreadable(why) => diags.push(Diagnostic::error(path, format!("cannot read: {why}"))),
            _ => diags.push(Diagnostic::warning(path, "not a regular file: skipped").with_hint("only regular files are read")),
        }
    }
    tree.prepare(&files.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>());
    let mut out = Vec::new();
    for (path, rel) in files {
        match tree.read(&path, limit) {
            Ok(bytes) => out.push((rel, bytes)),
            Err(e) => diags.push(Diagnostic::error(path, format!("cannot read: {e}"))),
        }
    }
    out
}

/// A folder of the dossier that is a symbolic link (or inside one) is not
/// read at all: `theme -> /etc` would publish the machine's files. Said
/// with a warning; true when skipped.
fn linked_folder(tree: &dyn FileTree, dir: &str, diags: &mut Diagnostics) -> bool {
    if dir.is_empty() || tree.kind(dir) != Some(FileKind::Link) {
        return false;
    }
    diags.push(
        Diagnostic::warning(dir, "this folder is a symbolic link (or inside one): skipped")
            .with_hint("dossier reads only files inside the dossier; move the files here instead of linking to them"),
    );
    true
}

/// Read a text file of `size` bytes (see [`decode`]).
fn read_text(tree: &dyn FileTree, path: &str, size: u64) -> Result<Arc<FileText>, Diagnostic> {
    // Checked before reading, so a huge file is never loaded into memory.
    if size > MAX_FILE_BYTES {
        return Err(too_big(path, size));
    }
    let bytes = tree.read(path, MAX_FILE_BYTES).map_err(|e| Diagnostic::error(path, format!("cannot read: {e}")))?;
    decode(path, bytes)
}

/// A file published as it is (theme, `static/`, a bundle's image) over its limit.
fn asset_too_big(path: &str, size: u64) -> Diagnostic {
    Diagnostic::error(path, format!("file is {size} bytes; the limit for a file published as it is is {MAX_ASSET_BYTES} bytes"))
        .with_hint("make it smaller (an image for the web is rarely over 1 MB), or link to it where it is published")
}

fn too_big(display: &str, len: u64) -> Diagnostic {
    Diagnostic::error(display, format!("file is {len} bytes; the limit is {MAX_FILE_BYTES} bytes"))
        .with_hint("split the file, or check that it really is an article")
}

/// Bytes to text as every input is read: size-limited, UTF-8 checked (with
/// the line of the first bad byte), BOM dropped, line endings normalised.
fn decode(display: &str, bytes: Vec<u8>) -> Result<Arc<FileText>, Diagnostic> {
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
            if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
                return Err(Diagnostic::error(display, "not UTF-8: the file starts with a UTF-16 byte-order mark")
                    .with_hint("save the file as UTF-8 (without a byte-order mark), or import it with `dossier import`, which converts it"));
            }
            return Err(Diagnostic::error(display, format!("not valid UTF-8: byte 0x{:02x} at line {line}, column {col}", bytes[good]))
                .with_hint("convert the file to UTF-8 (e.g. `iconv -f WINDOWS-1252 -t UTF-8`), or import it with `dossier import`"));
        }
    };
    if let Some((number, line)) = text.split('\n').enumerate().find(|(_, l)| l.len() > MAX_LINE_BYTES) {
        return Err(Diagnostic::error(display, format!("line {} is {} bytes long; the limit is {MAX_LINE_BYTES}", number + 1, line.len()))
            .with_hint("break the text into paragraphs, or check that the file really is an article"));
    }
    // The common file (no byte-order mark, no carriage return) is kept as read, not copied.
    let mut text = text;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if text.contains('\r') {
        text = text.replace("\r\n", "\n").replace('\r', "\n");
    }
    Ok(FileText::new(display, text))
}

/// A TOML error as a diagnostic; `offset` is where the TOML starts in the
/// file. The caller adds its hint; an unknown field's "did you mean" comes
/// first in it.
fn toml_error(file: &Arc<FileText>, offset: usize, e: &toml::de::Error) -> TomlError {
    let message = e.message().trim().to_string();
    let did_you_mean = misspelt_field(&message).map(|right| format!("did you mean `{right}`? "));
    let message = format!("invalid TOML: {message}");
    let diagnostic = match e.span() {
        Some(span) => Diagnostic::error_at(file, offset + span.start..offset + span.end, message),
        None => Diagnostic::error(file.path.clone(), message),
    };
    TomlError { diagnostic, did_you_mean }
}

/// A TOML error, waiting for its hint.
struct TomlError {
    diagnostic: Diagnostic,
    did_you_mean: Option<String>,
}

impl TomlError {
    fn with_hint(self, hint: impl Into<String>) -> Diagnostic {
        self.diagnostic.with_hint(self.did_you_mean.unwrap_or_default() + &hint.into())
    }
}

/// The field meant by serde's "unknown field `outlit`, expected one of
/// `title`, `outlet`, ...", when the unknown one is a misspelling of one.
fn misspelt_field(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("unknown field `")?;
    let (wrong, expected) = rest.split_once('`')?;
    let known = expected.split('`').skip(1).step_by(2);
    crate::text::closest(wrong, known)
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
