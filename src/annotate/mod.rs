//! Stage 2, **annotate**: turn each article's Markdown into HTML with its
//! actor mentions linked and its annotations rendered, and record what was
//! found (mentions with their sentences, annotations with their passages).
//!
//! Articles are independent here, so they are processed in parallel; the
//! result keeps the input order, so output never depends on thread count.
//! Anything that needs other articles (does a cross-reference's target
//! exist? who refers to this passage?) is left to the link stage.

mod annotation;
mod highlight;
mod links;
mod markdown;
mod markup;
mod matcher;
mod plain;
mod standoff;
mod words;

use rayon::prelude::*;
use serde::Serialize;

pub use annotation::{inverse_label, relation_label, Annotation, Context, Kind, Target};
pub(crate) use highlight::highlight as highlight_code;
pub use highlight::stylesheet as syntax_stylesheet;
pub(crate) use markup::options as markdown_options;
pub use matcher::{ActorMatcher, Hit, Named};
pub use plain::{paragraphs, paragraphs_in, reader_text, Paragraph};
pub use standoff::{Found, Passage, Quotes};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{Dossier, LoadedArticle};

/// A piece of an article body: finished HTML, or a hole the render stage
/// fills with what only the whole site knows.
#[derive(Debug, Clone)]
pub enum BodyPart {
    Html(String),
    Hole(Hole),
}

#[derive(Debug, Clone, Copy)]
pub enum Hole {
    /// Link to the passage annotation `k` points at (needs the target's title).
    Target(usize),
    /// "Referenced by" links to annotation `k` from other articles.
    Backrefs(usize),
}

/// One mention of an actor, with the sentence it occurs in.
///
/// The sentence is not copied per mention: every mention of a paragraph
/// shares the paragraph's [`Block`] and keeps offsets into it (an archive has
/// hundreds of thousands of mentions). It serialises as `actor`, `anchor`,
/// `before`, `text` and `after`, the sentence split around the mention.
#[derive(Debug, Clone)]
pub struct Mention {
    /// The actor's id, shared by all of their mentions.
    pub actor: std::sync::Arc<str>,
    /// The mention's number in its article, from 1: its anchor is `m{number}`.
    number: u32,
    block: std::sync::Arc<Block>,
    /// Byte offsets of the spelling in the block's text.
    span: [u32; 2],
}

/// The text of a block (paragraph, heading, ...) that holds mentions, and its
/// sentences, cut the first time something asks for one.
///
/// Most mentions are never shown with their sentence (an actor page quotes
/// the newest few), and cutting sentences was the largest single cost of
/// annotating, so it is paid only for the blocks a page quotes or that hold a
/// passage.
#[derive(Debug)]
pub(crate) struct Block {
    text: Box<str>,
    /// Where each sentence ends, in order (the last is the block's end).
    sentence_ends: std::sync::OnceLock<Box<[u32]>>,
}

impl Block {
    pub(crate) fn new(text: &str) -> Self {
        Block { text: text.into(), sentence_ends: std::sync::OnceLock::new() }
    }

    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// The sentence holding byte `at` (the block's end for an offset past it).
    // Offsets fit in u32: input files are limited to a few MiB (load::MAX_FILE_BYTES).
    pub(crate) fn sentence_at(&self, at: usize) -> std::ops::Range<usize> {
        let ends = self.sentence_ends.get_or_init(|| crate::text::sentences::ranges(&self.text).iter().map(|r| r.end as u32).collect());
        let i = ends.partition_point(|&e| e as usize <= at);
        match ends.get(i) {
            Some(&end) => i.checked_sub(1).map_or(0, |p| ends[p] as usize)..end as usize,
            None => 0..self.text.len(),
        }
    }
}

impl Mention {
    fn new(actor: std::sync::Arc<str>, number: u32, block: std::sync::Arc<Block>, span: [u32; 2]) -> Self {
        Mention { actor, number, block, span }
    }

    /// Anchor of the mention's link in the article page.
    pub fn anchor(&self) -> String {
        format!("m{}", self.number)
    }

    /// The spelling found in the text.
    pub fn text(&self) -> &str {
        &self.block.text[self.span()]
    }

    /// The sentence before the mention (at most 200 characters).
    pub fn before(&self) -> String {
        let (text, sentence) = self.sentence();
        trim_context_start(&text[sentence.start..self.span().start])
    }

    /// The sentence after the mention (at most 200 characters).
    pub fn after(&self) -> String {
        let (text, sentence) = self.sentence();
        trim_context_end(&text[self.span().end..sentence.end])
    }

    /// Where the spelling is in the text of [`Mention::sentence`].
    pub fn span(&self) -> std::ops::Range<usize> {
        self.span[0] as usize..self.span[1] as usize
    }

    /// The text of the mention's block (paragraph, heading, ...) and where
    /// its sentence is in it.
    pub fn sentence(&self) -> (&str, std::ops::Range<usize>) {
        let sentence = self.block.sentence_at(self.span().start);
        // A spelling with a dot ("B. Smith") can straddle a sentence break
        // the splitter saw; the mention's sentence then runs on to its end.
        (self.block.text(), sentence.start..sentence.end.max(self.span().end))
    }

    /// Whether `other` is in the same sentence of the same block.
    pub fn same_sentence(&self, other: &Mention) -> bool {
        std::sync::Arc::ptr_eq(&self.block, &other.block) && self.sentence().1 == other.sentence().1
    }
}

/// The part of a sentence before a passage, at most 200 characters, cut at the start.
pub fn trim_context_start(text: &str) -> String {
    markdown::tail_chars(text.trim_start(), 200)
}

/// The part of a sentence after a passage, at most 200 characters, cut at the end.
pub fn trim_context_end(text: &str) -> String {
    markdown::truncate_chars(text.trim_end(), 200)
}

impl Serialize for Mention {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut m = serializer.serialize_struct("Mention", 5)?;
        m.serialize_field("actor", &*self.actor)?;
        m.serialize_field("anchor", &self.anchor())?;
        m.serialize_field("before", &self.before())?;
        m.serialize_field("text", self.text())?;
        m.serialize_field("after", &self.after())?;
        m.end()
    }
}

/// An article ready to be linked and rendered: the article as loaded, and
/// what annotating it found.
#[derive(Debug, Clone)]
pub struct Article {
    /// Front matter and file, as loaded.
    pub loaded: LoadedArticle,
    /// The events of the front matter, all known to the registry.
    pub events: Vec<String>,
    pub body: Vec<BodyPart>,
    pub mentions: Vec<Mention>,
    /// Every actor in the article: listed in front matter or mentioned,
    /// most mentioned first.
    pub actors: Vec<String>,
    pub annotations: Vec<Annotation>,
    pub has_code: bool,
    pub summary: String,
    pub words: usize,
    /// Links to other articles' `.md` files: the article's slug, and where
    /// the link is in the file (the link stage checks the article is there).
    pub links_to: Vec<(String, std::ops::Range<usize>)>,
}

/// What [`annotate`] made of the articles it was given.
pub struct Annotated {
    /// Annotated, in the order given.
    pub articles: Vec<Article>,
    /// Articles with errors (they are in the diagnostics), as far as
    /// annotating got: the annotations and mentions that were found, so
    /// `dossier diff` can show what else changed in an article with one
    /// broken annotation.
    pub failed: Vec<Article>,
    pub diagnostics: Diagnostics,
}

/// Registry look-ups every article needs, built once per build (a scan of
/// the registries per article would make the build quadratic).
struct Registry<'a> {
    event_ids: std::collections::BTreeSet<&'a str>,
    /// Actor id, and every folded name and alias, to the actor's id.
    actor_by_spelling: std::collections::BTreeMap<String, &'a str>,
}

impl<'a> Registry<'a> {
    fn new(dossier: &'a Dossier) -> Registry<'a> {
        let mut actor_by_spelling = std::collections::BTreeMap::new();
        for a in &dossier.actors {
            actor_by_spelling.entry(a.id.clone()).or_insert(a.id.as_str());
        }
        // In registry order, so the first actor with a spelling keeps it (as a scan would).
        for a in &dossier.actors {
            for spelling in std::iter::once(&a.name).chain(&a.aliases) {
                actor_by_spelling.entry(crate::text::fold(spelling)).or_insert(a.id.as_str());
            }
        }
        Registry { event_ids: dossier.events.iter().map(|e| e.id.as_str()).collect(), actor_by_spelling }
    }

    fn actor(&self, name: &str) -> Option<&'a str> {
        self.actor_by_spelling.get(name).or_else(|| self.actor_by_spelling.get(&crate::text::fold(name))).copied()
    }
}

/// Every actor's id once, for the mentions to share.
fn actor_ids(dossier: &Dossier) -> Vec<std::sync::Arc<str>> {
    dossier.actors.iter().map(|a| a.id.as_str().into()).collect()
}

/// Annotate `articles` in the context of `dossier` (its registries and
/// settings; its own `articles` are not read), matching actors with
/// `matcher`, built once from the registry (the live preview keeps it for
/// the next edit, so an edit costs one article's work, not the dossier's).
pub fn annotate(dossier: &Dossier, matcher: &ActorMatcher, articles: Vec<LoadedArticle>) -> Annotated {
    let registry = Registry::new(dossier);
    let table = annotation::ActorTable::new(&dossier.actors, &dossier.unloaded_actors);
    let ids = actor_ids(dossier);
    let ctx = markdown::Context {
        matcher,
        actors: &dossier.actors,
        ids: &ids,
        roles: &dossier.roles,
        table: &table,
        allow_raw_html: dossier.config.allow_raw_html,
        strings: &dossier.strings,
    };
    let results: Vec<(Result<Article, Article>, Diagnostics)> = articles
        .into_par_iter()
        .map(|loaded| {
            let mut diags = Diagnostics::new();
            let article = annotate_one(loaded, dossier, &registry, &ctx, &mut diags);
            let article = if diags.errors_in(&article.loaded.path) { Err(article) } else { Ok(article) };
            (article, diags)
        })
        .collect();
    let mut annotated = Annotated { articles: Vec::with_capacity(results.len()), failed: Vec::new(), diagnostics: Diagnostics::new() };
    for (article, d) in results {
        annotated.diagnostics.extend(d);
        match article {
            Ok(a) => annotated.articles.push(a),
            Err(article) => annotated.failed.push(article),
        }
    }
    annotated
}

fn annotate_one(loaded: LoadedArticle, dossier: &Dossier, registry: &Registry<'_>, ctx: &markdown::Context<'_>, diags: &mut Diagnostics) -> Article {
    let file = &loaded.file;
    let body_start = loaded.body_start;
    let body = markup::defuse(loaded.body());
    let body_error = |diags: &mut Diagnostics, span: std::ops::Range<usize>, message: String, hint: String| {
        diags.push(Diagnostic::error_at(file, body_start + span.start..body_start + span.end, message).with_hint(hint));
    };

    let (inserts, standoff_problems) = standoff::anchor(&body, &loaded.standoff, file);
    diags.extend(standoff_problems);
    let (marked, syntax_errors) = markup::mark(&body, body_start, inserts);
    for e in syntax_errors {
        diags.push(Diagnostic::error_at(file, e.span, e.message).with_hint(e.hint));
    }

    let mut problems = Vec::new();
    let mut annotations: Vec<Annotation> = Vec::with_capacity(marked.annotations.len());
    let mut seen_ids = std::collections::BTreeMap::new();
    for (k, written) in marked.annotations.iter().enumerate() {
        let (line, _) = file.line_col(written.span.start);
        let a = annotation::resolve(written, k + 1, line, ctx.table, &mut problems);
        if let Some(first_line) = seen_ids.insert(a.id.clone(), line) {
            problems.push((
                written.span.clone(),
                format!("annotation id `{}` is used twice", a.id),
                format!("it is first used on line {first_line}; ids are unique within an article"),
            ));
        } else if written.id.is_some() && is_generated_id(&a.id) {
            problems.push((
                written.span.clone(),
                format!("`#{}` looks like a generated id", a.id),
                "ids of the form a1 and m1 are reserved; choose a descriptive id".into(),
            ));
        }
        annotations.push(a);
    }
    for (span, message, hint) in problems {
        diags.push(Diagnostic::error_at(file, span, message).with_hint(hint));
    }

    let files = links::Files { layout: crate::load::Layout::new(dossier.bare), path: &loaded.path, slug: &loaded.slug, bundle: loaded.bundle.as_deref() };
    // The analyst's notes are in the site's language, whatever the article's.
    let site_language = &dossier.config.language;
    let foreign = crate::i18n::other_language(loaded.language.as_deref(), site_language).is_some();
    let rendered = markdown::render(&marked, ctx, &files, &annotations, loaded.date, foreign.then_some(site_language.as_str()));
    let links_to = rendered
        .article_links
        .iter()
        .map(|(span, slug)| (slug.clone(), body_start + marked.body_offset(span.start)..body_start + marked.body_offset(span.end)))
        .collect();
    for (span, message, hint) in rendered.errors {
        let start = marked.body_offset(span.start);
        let end = marked.body_offset(span.end).max(start);
        body_error(diags, start..end, message, hint);
    }
    for (span, message, hint) in rendered.warnings {
        let start = body_start + marked.body_offset(span.start);
        let end = body_start + marked.body_offset(span.end).max(start - body_start);
        diags.push(Diagnostic::warning_at(file, start..end, message).with_hint(hint));
    }
    for ((a, passage), context) in annotations.iter_mut().zip(rendered.passages).zip(rendered.contexts) {
        a.passage = passage;
        a.context = context;
    }
    for (a, context) in annotations.iter_mut().zip(rendered.selector_contexts) {
        a.selector_context = context;
    }

    let events = loaded
        .events
        .iter()
        .filter_map(|(id, span)| {
            if registry.event_ids.contains(id.as_str()) {
                return Some(id.clone());
            }
            if dossier.unloaded_events.covers(id) {
                return None;
            }
            let known = || dossier.events.iter().map(|e| e.id.as_str());
            diags.push(Diagnostic::error_at(file, span.clone(), format!("unknown event `{id}`")).with_hint(match crate::text::closest(id, known()) {
                _ if dossier.events.is_empty() => "there is no content/events.toml; add the event there".to_string(),
                Some(right) => format!("did you mean `{right}`?"),
                None => {
                    let listed: Vec<&str> = known().take(10).collect();
                    let more =
                        if dossier.events.len() > 10 { format!(" and {} more in content/events.toml", dossier.events.len() - 10) } else { String::new() };
                    format!("known events: {}{more}", listed.join(", "))
                }
            }));
            None
        })
        .collect();

    let actors = article_actors(&loaded, dossier, registry, &rendered.mentions, diags);
    // Kept for every article until the pages are written: no spare room.
    let mut body = rendered.body;
    for part in &mut body {
        if let BodyPart::Html(html) = part {
            html.shrink_to_fit();
        }
    }
    let mut mentions = rendered.mentions;
    mentions.shrink_to_fit();
    Article { loaded, events, body, mentions, actors, annotations, has_code: rendered.has_code, summary: rendered.summary, words: rendered.words, links_to }
}

/// The build's checks on what a standoff annotation says (its kind and
/// attributes, not its passage nor whether a `to=` target exists), for a
/// command that writes standoff annotations: `dossier import-annotations`
/// refuses what the build would refuse, with the build's words.
pub struct StandoffCheck<'a> {
    table: annotation::ActorTable<'a>,
}

impl<'a> StandoffCheck<'a> {
    /// `unloaded`: the ids the registry names but could not load, which the
    /// build does not report again at each reference.
    pub fn new(actors: &'a [crate::load::Actor], unloaded: &'a crate::load::Unloaded) -> StandoffCheck<'a> {
        StandoffCheck { table: annotation::ActorTable::new(actors, unloaded) }
    }

    /// Each problem the build would report, as (message, hint).
    pub fn problems(&self, kind: &str, attributes: &[(&str, &str)]) -> Vec<(String, String)> {
        let written = markup::Written {
            classes: vec![(kind.to_string(), 0..0)],
            attrs: attributes.iter().map(|(k, v)| (k.to_string(), v.to_string(), 0..0)).collect(),
            standoff: true,
            ..markup::Written::default()
        };
        let mut problems = Vec::new();
        annotation::resolve(&written, 1, 1, &self.table, &mut problems);
        problems.into_iter().map(|(_, message, hint)| (message, hint)).collect()
    }
}

/// Whether `id` has the form of the ids the build gives annotations and
/// mentions without one (`a1`, `m1`): reserved, never written by hand.
pub(crate) fn is_generated_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some('a' | 'm')) && chars.clone().next().is_some() && chars.all(|c| c.is_ascii_digit())
}

/// Actors listed in front matter (resolved by id or any spelling) and
/// actors mentioned in the text, most mentioned first.
fn article_actors(loaded: &LoadedArticle, dossier: &Dossier, registry: &Registry<'_>, mentions: &[Mention], diags: &mut Diagnostics) -> Vec<String> {
    let mut counts: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for m in mentions {
        *counts.entry(m.actor.to_string()).or_default() += 1;
    }
    for (name, span) in &loaded.actors {
        let resolved = if dossier.bare { Some(crate::text::slugify(name)).filter(|s| !s.is_empty()) } else { registry.actor(name).map(str::to_string) };
        match resolved {
            Some(id) => {
                counts.entry(id).or_default();
            }
            None if dossier.bare || dossier.unloaded_actors.covers(name) => {}
            None => diags.push(Diagnostic::error_at(&loaded.file, span.clone(), format!("unknown actor `{name}`")).with_hint(
                match crate::text::closest(name, dossier.actors.iter().map(|a| a.id.as_str())) {
                    Some(id) => format!("did you mean `{id}`?"),
                    None => "use an actor id or spelling from content/actors.toml, or add the actor there".to_string(),
                },
            )),
        }
    }
    let mut actors: Vec<(String, usize)> = counts.into_iter().collect();
    actors.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    actors.into_iter().map(|(id, _)| id).collect()
}
