//! One article file: TOML front matter between `+++` lines, then Markdown
//! (split by [`crate::text::front_matter`]); the fields checked and read.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use super::layout::Layout;
use super::registry::{Actor, ActorKind};
use crate::diagnostics::{Diagnostic, Diagnostics, FileText};
use crate::text::front_matter::{self, EXAMPLE};
use crate::text::{clean_line, is_slug, slugify};
use crate::urls::{taken, PageKind};

/// An article as loaded: validated front matter and the raw Markdown body.
#[derive(Debug, Clone)]
pub struct LoadedArticle {
    /// File name without `.md`, slugified: the article's id and URL.
    pub slug: String,
    /// Path as shown in messages.
    pub path: String,
    /// The whole file; spans below are byte offsets into it.
    pub file: Arc<FileText>,
    /// Where the Markdown body starts in `file.text`.
    pub body_start: usize,
    pub title: String,
    pub outlet: Option<String>,
    pub date: Option<jiff::civil::Date>,
    /// The days the article reports (`reports = [2025-12-28]`), when they
    /// are not its publication date: what happened "on Sunday". Empty when
    /// not given; `suggest` then reads them from the text.
    pub reports: Vec<jiff::civil::Date>,
    /// The day the article's annotations last changed in a way readers
    /// should hear of (`updated = 2026-01-05`): its feed entry's `updated`.
    pub updated: Option<jiff::civil::Date>,
    /// The original article's address (http or https only).
    pub url: Option<String>,
    pub language: Option<String>,
    pub author: Option<String>,
    /// Event ids, with their spans for "unknown event" errors.
    pub events: Vec<(String, Range<usize>)>,
    pub tags: Vec<String>,
    /// Actor ids or names listed explicitly, with spans.
    pub actors: Vec<(String, Range<usize>)>,
    /// The raw file this article was made from (provenance).
    pub origin: Option<String>,
    /// SHA-256 of the raw file's bytes when it was imported, with its span;
    /// `check` re-hashes the file named by `source` and warns if it differs.
    pub origin_sha256: Option<(String, Range<usize>)>,
    /// Front-matter fields that `dossier import` guessed and the user has not
    /// confirmed yet (confirming one means deleting it from the list).
    pub guessed: Vec<String>,
    /// Annotations kept outside the text (W3C TextQuoteSelector).
    pub standoff: Vec<StandoffAnnotation>,
    /// Not ready to publish: `serve` and `check` show it, `build` leaves it
    /// out (unless `--drafts`), and no feed, sitemap or search index lists it.
    pub draft: bool,
    /// A page bundle's files (the article is its folder's `index.md`), by
    /// path relative to that folder; `None` for an article that is a file.
    pub bundle: Option<Vec<BundleFile>>,
    /// The article's old slugs (`aliases = [...]`, as Zola and Hugo have):
    /// after its file was renamed, each old page sends readers to the new one.
    pub aliases: Vec<(String, Range<usize>)>,
}

/// A file of a page bundle, published beside the article's page.
#[derive(Debug, Clone)]
pub struct BundleFile {
    /// Relative to the bundle's folder, `/`-separated.
    pub name: String,
    pub bytes: Arc<[u8]>,
}

impl LoadedArticle {
    pub fn body(&self) -> &str {
        &self.file.text[self.body_start..]
    }

    /// The original as a published page may name it: a path inside the
    /// dossier as written, anything else (`/home/alice/Downloads/x.html`,
    /// `C:\Users\...`, `../x`) by its file name only, so no page shows
    /// where files live on someone's machine.
    pub fn published_origin(&self) -> Option<String> {
        let origin = self.origin.as_deref()?;
        let inside =
            !origin.contains('\\') && !origin.contains(':') && std::path::Path::new(origin).components().all(|c| matches!(c, std::path::Component::Normal(_)));
        if inside {
            return Some(origin.to_string());
        }
        origin.rsplit(['/', '\\']).find(|part| !part.is_empty() && *part != "..").map(str::to_string)
    }

    /// Let go of the file's text (the largest part of a loaded article) once
    /// no message can point into it any more.
    pub fn forget_text(&mut self) {
        self.file = FileText::new(self.file.path.clone(), String::new());
        self.body_start = 0;
    }
}

/// An annotation on a passage the author did not want to edit, found again
/// by its exact text and the text around it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StandoffAnnotation {
    pub kind: Spanned<String>,
    pub exact: Spanned<String>,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
    pub id: Option<Spanned<String>>,
    pub by: Option<Spanned<String>>,
    pub sourcing: Option<Spanned<String>>,
    pub confidence: Option<Spanned<String>>,
    pub about: Option<Spanned<String>>,
    pub note: Option<Spanned<String>>,
    pub to: Option<Spanned<String>>,
    pub rel: Option<Spanned<String>>,
    /// The id (an IRI) of the annotation this one was imported from, by
    /// `dossier import-annotations`: how a second import recognises it.
    pub via: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: Spanned<String>,
    outlet: Option<Spanned<String>>,
    date: Option<Spanned<toml::Value>>,
    #[serde(default)]
    reports: Vec<Spanned<toml::Value>>,
    updated: Option<Spanned<toml::Value>>,
    url: Option<Spanned<String>>,
    language: Option<String>,
    author: Option<String>,
    #[serde(default)]
    events: Vec<Spanned<String>>,
    #[serde(default)]
    tags: Vec<Spanned<String>>,
    #[serde(default)]
    actors: Vec<Spanned<String>>,
    source: Option<String>,
    source_sha256: Option<Spanned<String>>,
    #[serde(default)]
    guessed: Vec<Spanned<String>>,
    #[serde(default)]
    annotation: Vec<StandoffAnnotation>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
}

/// Fields `guessed = [...]` may name (alone, or followed by a colon and
/// where the guess came from: "date: the address /2025/12/28/").
const GUESSABLE: &[&str] = &["title", "outlet", "date", "reports", "url", "language", "author"];

const FIELDS: &str =
    "title, outlet, date, reports, updated, url, language, author, events, tags, actors, aliases, source, source_sha256, guessed, draft, [[annotation]]";

/// The slug of the article file at `path`: its name without `.md` (a page
/// bundle's: its folder's name), slugified.
pub(crate) fn slug_of(path: &str, layout: &Layout) -> String {
    slugify(layout.slug_source(path))
}

/// Split off and check the front matter. `None` when the article cannot be used.
pub(super) fn parse(source: Arc<FileText>, layout: &Layout, diags: &mut Diagnostics) -> Option<LoadedArticle> {
    let slug = slug_of(&source.path, layout);
    let text = source.text.as_str();
    if text.trim().is_empty() {
        diags.push(Diagnostic::error(source.path.clone(), "empty article").with_hint(EXAMPLE));
        return None;
    }
    if slug.is_empty() {
        diags.push(
            Diagnostic::error(source.path.clone(), "the file name gives an empty URL slug")
                .with_hint("rename the file using letters or digits, e.g. outlet-2025-12-28-topic.md"),
        );
        return None;
    }
    if let Some(fixed) = taken(PageKind::Article, &slug) {
        diags.push(
            Diagnostic::error(
                source.path.clone(),
                format!("the file name gives the URL slug `{slug}`, which is reserved: this article's page would replace {fixed}"),
            )
            .with_hint("rename the file (its name is the page's address), e.g. outlet-2025-12-28-topic.md"),
        );
        return None;
    }
    let (fm_range, body_start) = match front_matter::split(text) {
        Ok(parts) => (parts.toml, parts.body_start),
        Err(e) => {
            diags.push(Diagnostic::error_at(&source, e.span, e.message).with_hint(e.hint));
            return None;
        }
    };
    let fm: FrontMatter = match toml::from_str(&text[fm_range.clone()]) {
        Ok(fm) => fm,
        Err(e) => {
            diags.push(super::toml_error(&source, fm_range.start, &e).with_hint(format!("front matter fields: {FIELDS}")));
            return None;
        }
    };
    let at = |span: Range<usize>| fm_range.start + span.start..fm_range.start + span.end;
    let errors_before = diags.count(crate::diagnostics::Severity::Error);

    let title = clean_line(fm.title.get_ref());
    if title.is_empty() {
        diags.push(Diagnostic::error_at(&source, at(fm.title.span()), "title is empty").with_hint("give the article its headline"));
    }
    let date = match &fm.date {
        Some(v) => match super::parse_date(v.get_ref()) {
            Ok(d) => Some(d),
            Err(why) => {
                diags.push(
                    Diagnostic::error_at(&source, at(v.span()), why).with_hint("write the publication date as date = YYYY-MM-DD (e.g. date = 2025-12-28)"),
                );
                None
            }
        },
        None => {
            diags.push(
                Diagnostic::warning(source.path.clone(), "no date: the article is listed as undated").with_hint("add the publication date (date = YYYY-MM-DD)"),
            );
            None
        }
    };
    let mut reports = Vec::new();
    for v in &fm.reports {
        match super::parse_date(v.get_ref()) {
            Ok(d) => reports.push(d),
            Err(why) => diags.push(Diagnostic::error_at(&source, at(v.span()), why).with_hint("list the days the article reports: reports = [2025-12-28]")),
        }
    }
    let updated = fm.updated.as_ref().and_then(|v| match super::parse_date(v.get_ref()) {
        Ok(d) if date.is_some_and(|date| d < date) => {
            diags.push(
                Diagnostic::error_at(&source, at(v.span()), format!("updated ({d}) is before the publication date"))
                    .with_hint("updated is the day the annotations last changed, e.g. updated = 2026-01-05"),
            );
            None
        }
        Ok(d) => Some(d),
        Err(why) => {
            diags.push(Diagnostic::error_at(&source, at(v.span()), why).with_hint("write the day the annotations last changed as updated = 2026-01-05"));
            None
        }
    });
    let url = fm.url.as_ref().and_then(|u| {
        let value = u.get_ref().trim();
        match check_url(value) {
            Ok(()) => Some(value.to_string()),
            Err(why) => {
                diags.push(Diagnostic::error_at(&source, at(u.span()), why).with_hint("url is the original article's address: https://..."));
                None
            }
        }
    });
    let spanned_list = |list: &[Spanned<String>]| -> Vec<(String, Range<usize>)> { list.iter().map(|s| (clean_line(s.get_ref()), at(s.span()))).collect() };
    let origin_sha256 = fm.source_sha256.as_ref().and_then(|h| {
        let value = h.get_ref().trim().to_ascii_lowercase();
        if value.len() == 64 && value.chars().all(|c| c.is_ascii_hexdigit()) {
            Some((value, at(h.span())))
        } else {
            diags.push(
                Diagnostic::error_at(&source, at(h.span()), "source_sha256 is not a SHA-256 hash")
                    .with_hint("it is 64 hexadecimal digits, as `dossier import` or `sha256sum` write it"),
            );
            None
        }
    });
    // A tag has a page (`tags/<slug>.html`): its name must give one.
    let mut tags: Vec<String> = Vec::new();
    for t in &fm.tags {
        let name = clean_line(t.get_ref());
        let slug = slugify(&name);
        if name.is_empty() {
            continue;
        } else if slug.is_empty() {
            diags.push(
                Diagnostic::error_at(&source, at(t.span()), format!("the tag `{name}` has no letter or digit for the address of its page"))
                    .with_hint("name tags with words, e.g. tags = [\"peace-plan\"]"),
            );
        } else if let Some(fixed) = taken(PageKind::Tag, &slug) {
            diags.push(
                Diagnostic::error_at(&source, at(t.span()), format!("the tag `{name}` is reserved: its page would replace {fixed}"))
                    .with_hint("choose another name for the tag"),
            );
        } else if !tags.iter().any(|other| slugify(other) == slug) {
            tags.push(name);
        }
    }
    let mut guessed = Vec::new();
    for g in &fm.guessed {
        let name = g.get_ref().split(':').next().unwrap_or("").trim();
        if GUESSABLE.contains(&name) {
            guessed.push(name.to_string());
        } else {
            diags.push(
                Diagnostic::error_at(&source, at(g.span()), format!("`{}` cannot be marked as guessed", clean_line(name)))
                    .with_hint(format!("guessed lists metadata fields: {}", GUESSABLE.join(", "))),
            );
        }
    }
    let aliases = fm.aliases.iter().filter_map(|alias| check_alias(&source, &slug, alias, at(alias.span()), diags)).collect();
    let mut standoff = fm.annotation;
    for a in &mut standoff {
        shift_spans(a, fm_range.start);
    }
    if diags.count(crate::diagnostics::Severity::Error) > errors_before {
        return None;
    }
    Some(LoadedArticle {
        slug,
        path: source.path.clone(),
        body_start,
        title,
        outlet: fm.outlet.map(|o| clean_line(o.get_ref())).filter(|o| !o.is_empty()),
        date,
        reports,
        updated,
        url,
        language: fm.language.map(|l| clean_line(&l)).filter(|l| !l.is_empty()),
        author: fm.author.map(|a| clean_line(&a)).filter(|a| !a.is_empty()),
        events: spanned_list(&fm.events),
        tags,
        actors: spanned_list(&fm.actors),
        origin: fm.source.map(|s| clean_line(&s)),
        origin_sha256,
        guessed,
        standoff,
        draft: fm.draft,
        bundle: layout.bundle_folder(&source.path).map(|_| Vec::new()),
        aliases,
        file: source,
    })
}

/// An old slug of the article at `slug`, as written in `aliases` (`span` in
/// the file): a slug that no page of the site owns. Who else has it (another
/// article, another alias) is checked once every article is loaded.
fn check_alias(source: &Arc<FileText>, slug: &str, alias: &Spanned<String>, span: Range<usize>, diags: &mut Diagnostics) -> Option<(String, Range<usize>)> {
    let value = alias.get_ref().trim();
    let problem = if value == slug {
        Some(("this is the article's own slug".to_string(), "an alias is an old slug of the article; remove this one".to_string()))
    } else if !is_slug(value) {
        // Written as the old page's path, or the old file's name: the slug in it.
        let written = value.trim_start_matches('/');
        let suggestion = slugify(PageKind::Article.key_in(written).unwrap_or(written).trim_end_matches(".md"));
        Some((
            format!("alias `{}` is not a slug", clean_line(value)),
            format!(
                "an alias is the article's old file name without .md, e.g. aliases = [\"{}\"]",
                if suggestion.is_empty() { "outlet-2025-12-28-topic" } else { &suggestion }
            ),
        ))
    } else {
        taken(PageKind::ArticleRedirect, value)
            .map(|fixed| (format!("alias `{value}` is reserved: the page redirecting from it would replace {fixed}"), "remove this alias".to_string()))
    };
    match problem {
        Some((message, hint)) => {
            diags.push(Diagnostic::error_at(source, span, message).with_hint(hint));
            None
        }
        None => Some((value.to_string(), span)),
    }
}

/// Front matter spans are relative to the TOML; make them relative to the file.
fn shift_spans(a: &mut StandoffAnnotation, offset: usize) {
    fn shift(s: &mut Spanned<String>, offset: usize) {
        let span = s.span();
        *s = Spanned::new(span.start + offset..span.end + offset, std::mem::take(s.get_mut()));
    }
    shift(&mut a.kind, offset);
    shift(&mut a.exact, offset);
    for s in [&mut a.id, &mut a.by, &mut a.sourcing, &mut a.confidence, &mut a.about, &mut a.note, &mut a.to, &mut a.rel, &mut a.via].into_iter().flatten() {
        shift(s, offset);
    }
}

/// Only web addresses may become links to the original article.
pub(crate) fn check_url(url: &str) -> Result<(), String> {
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        let shown: String = crate::text::clean_line(url).chars().take(40).collect();
        return Err(format!("url `{shown}` is not an http(s) address"));
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>') {
        return Err("url contains spaces, quotes or angle brackets".into());
    }
    if url.len() > 2048 {
        return Err(format!("url is {} characters long; the limit is 2048", url.len()));
    }
    Ok(())
}

/// In a bare folder (no registry), the names listed in `actors = [...]`
/// become the actors, so their pages still exist.
pub(super) fn actors_from_front_matter(articles: &[LoadedArticle]) -> Vec<Actor> {
    let mut by_id: BTreeMap<String, Actor> = BTreeMap::new();
    for article in articles {
        for (name, _) in &article.actors {
            let id = slugify(name);
            if id.is_empty() {
                continue;
            }
            by_id.entry(id.clone()).or_insert_with(|| Actor {
                id,
                name: name.clone(),
                kind: ActorKind::Person,
                role: None,
                description: None,
                aliases: Vec::new(),
                wikidata: None,
                website: None,
            });
        }
    }
    by_id.into_values().collect()
}
