//! What each template sees: small serialisable summaries built from the
//! site's indexes. Templates never receive an article's full body except on
//! its own page.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::Context;

use super::templates::Assets;
use crate::annotate::{Annotation, BodyPart, Hole, Kind};
use crate::i18n::Strings;
use crate::link::{ActorId, ArticleId, EventId, Place, Site, TagId};
use crate::text::escape_html;
use crate::urls::{Page, PageKind};

fn iso(d: Option<jiff::civil::Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

#[derive(Serialize)]
struct ArticleCard {
    slug: String,
    url: String,
    title: String,
    outlet: String,
    date: String,
    /// The date where space is short ("28 Dec 2025").
    short_date: String,
    date_iso: String,
    /// "Fox News, 27 Dec 2025": how the article is named where its title
    /// would repeat (notes, quotes, cross-references); see [`short_label`].
    short: String,
    /// The article's language when it is not the site's (`lang="..."`).
    lang: Option<String>,
    summary: String,
    mentions: usize,
    annotations: usize,
    /// Built only for the preview (or with `--drafts`).
    draft: bool,
}

/// An article named in a few words: its outlet and short date, or, without
/// an outlet, the start of its title. A 90-character title repeated beside
/// every passage that cites the article made a page about it unreadable;
/// the title is shown once, where the article is listed.
fn short_label(strings: &Strings, a: &crate::load::LoadedArticle) -> String {
    let name = match &a.outlet {
        Some(o) => o.clone(),
        None => {
            let mut words = String::new();
            for w in a.title.split_whitespace() {
                if !words.is_empty() && words.chars().count() + w.chars().count() > 40 {
                    words.push('…');
                    break;
                }
                if !words.is_empty() {
                    words.push(' ');
                }
                words.push_str(w);
            }
            words
        }
    };
    match a.date {
        Some(d) => format!("{name}, {}", strings.short_date(d)),
        None => name,
    }
}

/// `language` when it is a language tag other than the site's: what goes
/// into `lang="..."` on the article's title and text.
pub(super) fn other_language(site: &Site, language: Option<&str>) -> Option<String> {
    crate::i18n::other_language(language, &site.config().language).map(str::to_string)
}

#[derive(Serialize)]
struct ActorCard {
    id: String,
    url: String,
    name: String,
    kind: String,
    role: Option<String>,
    mentions: usize,
    articles: usize,
}

#[derive(Serialize)]
struct EventCard {
    id: String,
    url: String,
    title: String,
    date: String,
    date_iso: String,
    end_iso: String,
    place: Option<String>,
    summary: Option<String>,
    sources: usize,
    /// The title's language when it is not the site's (`lang="..."`): an
    /// event named after one of its articles (as `suggest --write` names
    /// new events) is in that article's language.
    lang: Option<String>,
}

fn article_card(site: &Site, i: ArticleId) -> ArticleCard {
    let article = site.article(i);
    let a = &article.loaded;
    let s = &site.dossier.strings;
    ArticleCard {
        slug: a.slug.clone(),
        url: Page::article(&a.slug).path(),
        title: a.title.clone(),
        outlet: a.outlet.clone().unwrap_or_else(|| s.text("article.unknown_outlet", &[])),
        date: a.date.map(|d| s.long_date(d)).unwrap_or_else(|| s.text("article.undated", &[])),
        short_date: a.date.map(|d| s.short_date(d)).unwrap_or_else(|| s.text("article.undated", &[])),
        date_iso: iso(a.date),
        short: short_label(s, a),
        lang: other_language(site, a.language.as_deref()),
        summary: article.summary.clone(),
        mentions: article.mentions.len(),
        annotations: article.annotations.len(),
        draft: a.draft,
    }
}

fn actor_card(site: &Site, i: ActorId) -> ActorCard {
    let a = site.actor(i);
    ActorCard {
        id: a.id.clone(),
        url: Page::actor(&a.id).path(),
        name: a.name.clone(),
        kind: format!("{:?}", a.kind).to_lowercase(),
        role: a.role.clone(),
        mentions: site.actor_links(i).mentions.len(),
        articles: site.actor_links(i).articles.len(),
    }
}

fn event_card(site: &Site, i: EventId) -> EventCard {
    let e = site.event(i);
    let s = &site.dossier.strings;
    let date = s.days(e.days(), true);
    let articles = &site.event_links(i).articles;
    EventCard {
        id: e.id.clone(),
        url: Page::event(&e.id).path(),
        title: e.title.clone(),
        date,
        date_iso: iso(e.start),
        end_iso: iso(e.end),
        place: e.place.clone(),
        summary: e.summary.clone(),
        sources: articles.len(),
        lang: articles.iter().map(|&a| &site.article(a).loaded).find(|a| a.title == e.title).and_then(|a| other_language(site, a.language.as_deref())),
    }
}

/// Newest first, undated last, then by slug.
fn by_date_desc(site: &Site, list: &mut [ArticleId]) {
    list.sort_by(|&a, &b| newer_first(site, a, b));
}

/// Newest first, then by slug: the order of every list of articles.
fn newer_first(site: &Site, a: ArticleId, b: ArticleId) -> std::cmp::Ordering {
    let (x, y) = (&site.article(a).loaded, &site.article(b).loaded);
    y.date.cmp(&x.date).then_with(|| x.slug.cmp(&y.slug))
}

/// Move a value into a context. `Context::insert` serialises its argument
/// again, which for a list of JSON values (or a page body) is a deep copy
/// followed by a drop: the largest cost of building actor pages.
fn put(c: &mut Context, key: &str, value: impl Into<serde_json::Value>) {
    let mut entry = serde_json::Map::new();
    entry.insert(key.to_string(), value.into());
    if let Ok(more) = Context::from_value(serde_json::Value::Object(entry)) {
        c.extend(more);
    }
}

pub(super) fn common(site: &Site, assets: &Assets) -> Context {
    let mut c = Context::new();
    c.insert(
        "site",
        &serde_json::json!({
            "title": site.config().title,
            "description": site.config().description,
            "language": site.config().language,
            "base_url": site.config().base_url,
        }),
    );
    // The pages any page may link to, so that templates spell no path:
    // `{{ root }}{{ links.articles }}`.
    let path = |kind| Page::of(kind).path();
    c.insert(
        "links",
        &serde_json::json!({
            "home": path(PageKind::Home),
            "articles": path(PageKind::ArticleList),
            "actors": path(PageKind::ActorList),
            "events": path(PageKind::EventList),
            "search": path(PageKind::Search),
            "tags": path(PageKind::TagList),
            "feed": Page::of(PageKind::Home).feed(),
            "annotations": crate::urls::EXPORT,
        }),
    );
    c.insert("style_url", &assets.style);
    c.insert("custom_style_url", &assets.custom);
    c.insert("syntax_url", &assets.syntax);
    c
}

/// Events the home page lists (and charts), newest first: a dossier of
/// 2,000 events made a home page of a megabyte.
pub(super) const HOME_EVENTS: usize = 10;

pub(super) fn home(site: &Site, shared: &Shared) -> Context {
    let mut c = Context::new();
    let newest = shared.newest(site);
    let latest = &newest[..newest.len().min(8)];
    let mentions = |x: ActorId| site.actor_links(x).mentions.len();
    let mut actors: Vec<ActorId> = site.actor_ids().collect();
    actors.sort_by(|&a, &b| mentions(b).cmp(&mentions(a)).then(a.cmp(&b)));
    actors.truncate(12);
    // The newest events, in the chart's order; the events page has them all.
    let mut events = super::charts::in_time_order(site);
    events.reverse();
    events.truncate(HOME_EVENTS);
    c.insert("latest", &latest.iter().map(|&i| article_card(site, i)).collect::<Vec<_>>());
    c.insert("top_actors", &actors.iter().map(|&i| actor_card(site, i)).collect::<Vec<_>>());
    c.insert("events", &events.iter().map(|&i| event_card(site, i)).collect::<Vec<_>>());
    c.insert("events_total", &site.event_ids().len());
    c.insert(
        "counts",
        &serde_json::json!({
            "articles": site.articles.len(),
            "actors": site.actor_ids().len(),
            "events": site.event_ids().len(),
            "annotations": site.articles.iter().map(|a| a.annotations.len()).sum::<usize>(),
            "outlets": site.articles.iter().filter_map(|a| a.loaded.outlet.as_deref()).collect::<std::collections::BTreeSet<_>>().len(),
        }),
    );
    c
}

/// One page of the list of all articles, newest first: `articles` on the
/// page, `total` in all, `pagination`, and `tags` (whether there are tag pages).
pub(super) fn article_list(site: &Site, page: &Page<'_>, shared: &Shared) -> Context {
    let all = shared.newest(site);
    let mut c = Context::new();
    let shown = pagination(&mut c, page, all, site.config().page_size);
    c.insert("articles", &shown.iter().map(|&i| article_card(site, i)).collect::<Vec<_>>());
    c.insert("total", &all.len());
    c.insert("has_tags", &(site.tag_ids().len() > 0));
    c
}

/// The articles readers may find (no drafts), newest first, on one page:
/// what the search page lists when it cannot search. Every one, up to
/// [`SEARCH_LISTING`]; `articles_total` says how many there are.
pub(super) fn published_articles(site: &Site, shared: &Shared) -> Context {
    let published = || shared.newest(site).iter().copied().filter(|&i| !site.article(i).loaded.draft);
    let mut c = Context::new();
    c.insert("articles", &published().take(SEARCH_LISTING).map(|i| article_card(site, i)).collect::<Vec<_>>());
    c.insert("articles_total", &published().count());
    c
}

/// Articles the search page lists for readers without JavaScript: every
/// one in most dossiers; in a large one the newest, as the page is also
/// what every search with JavaScript loads first (10k articles made it
/// 2 MB). The articles' own list has them all.
const SEARCH_LISTING: usize = 1000;

/// The part of `items` that `page` shows, with `pagination` in the
/// context: `number` and `count` of pages, the paths (from the site root)
/// of the `first`, `prev` and `next` pages (`prev` and `next` null at the
/// ends), and `from`/`to`, the 1-based positions of what it shows.
fn pagination<'i, T>(c: &mut Context, page: &Page<'_>, items: &'i [T], size: usize) -> &'i [T] {
    let count = items.len().div_ceil(size).max(1);
    let number = page.part.min(count);
    let at = |n: usize| (1..=count).contains(&n).then(|| page.part(n).path());
    let from = ((number - 1) * size).min(items.len());
    let to = (from + size).min(items.len());
    c.insert(
        "pagination",
        &serde_json::json!({
            "number": number,
            "count": count,
            "first": at(1),
            "prev": at(number - 1),
            "next": at(number + 1),
            "from": from + 1,
            "to": to,
            "total": items.len(),
        }),
    );
    &items[from..to]
}

/// The tags, most used first, then by name.
pub(super) fn tag_list(site: &Site) -> Context {
    let mut tags: Vec<TagId> = site.tag_ids().collect();
    tags.sort_by(|&a, &b| site.tag(b).articles.len().cmp(&site.tag(a).articles.len()).then_with(|| site.tag(a).slug.cmp(&site.tag(b).slug)));
    let mut c = Context::new();
    put(&mut c, "tags", tags.iter().map(|&t| tag_card(site, t)).collect::<Vec<_>>());
    c
}

fn tag_card(site: &Site, t: TagId) -> serde_json::Value {
    let tag = site.tag(t);
    serde_json::json!({"slug": tag.slug, "name": tag.name, "url": Page::tag(&tag.slug).path(), "articles": tag.articles.len()})
}

/// One page of a tag's articles, newest first.
pub(super) fn tag(site: &Site, t: TagId, page: &Page<'_>, shared: &Shared) -> Context {
    let all = shared.tag(site, t);
    let mut c = Context::new();
    let shown = pagination(&mut c, page, all, site.config().page_size);
    c.insert("articles", &shown.iter().map(|&i| article_card(site, i)).collect::<Vec<_>>());
    put(&mut c, "tag", tag_card(site, t));
    c
}

pub(super) fn actor_list(site: &Site) -> Context {
    let mut groups: BTreeMap<crate::load::ActorKind, Vec<ActorId>> = BTreeMap::new();
    for x in site.actor_ids() {
        groups.entry(site.actor(x).kind).or_default().push(x);
    }
    let mentions = |x: ActorId| site.actor_links(x).mentions.len();
    let groups: Vec<serde_json::Value> = groups
        .into_iter()
        .map(|(kind, mut list)| {
            list.sort_by(|&a, &b| mentions(b).cmp(&mentions(a)).then_with(|| site.actor(a).name.cmp(&site.actor(b).name)));
            let label = site.dossier.strings.text(
                match kind {
                    crate::load::ActorKind::Person => "kind.people",
                    crate::load::ActorKind::Organisation => "kind.organisations",
                    crate::load::ActorKind::Country => "kind.countries",
                },
                &[],
            );
            serde_json::json!({ "label": label, "actors": list.iter().map(|&i| actor_card(site, i)).collect::<Vec<_>>() })
        })
        .collect();
    let mut c = Context::new();
    put(&mut c, "groups", groups);
    c
}

pub(super) fn event_list(site: &Site) -> Context {
    // Grouped by month, in time order: a timeline.
    let mut months: Vec<(String, Vec<EventCard>)> = Vec::new();
    for i in site.event_ids() {
        // The registry puts events with no date last, under one heading.
        let s = &site.dossier.strings;
        let label = site.event(i).start.map_or_else(|| s.text("events.undated", &[]), |d| s.month_and_year(d));
        match months.last_mut() {
            Some((l, list)) if *l == label => list.push(event_card(site, i)),
            _ => months.push((label, vec![event_card(site, i)])),
        }
    }
    let max = site.event_ids().map(|e| site.event_links(e).articles.len()).max().unwrap_or(0).max(1);
    let mut c = Context::new();
    put(&mut c, "months", months.into_iter().map(|(label, events)| serde_json::json!({"label": label, "events": events})).collect::<Vec<_>>());
    c.insert("max_sources", &max);
    c
}

#[derive(Serialize)]
struct AnnotationView {
    id: String,
    number: usize,
    kind: Kind,
    passage: String,
    /// The rest of the passage's sentence, when the passage is a fragment
    /// of it ("agreed", "very productive"): a quote read alone must make sense.
    before: String,
    after: String,
    lang: Option<String>,
    note: Option<String>,
    by: Option<ActorCard>,
    sourcing: Option<String>,
    confidence: Option<String>,
    article: ArticleCard,
    url: String,
}

fn annotation_view(site: &Site, (ai, ni): Place) -> AnnotationView {
    let a: &Annotation = &site.article(ai).annotations[ni];
    let article = site.article(ai);
    let (before, after) = a.context.clone().unwrap_or_default();
    AnnotationView {
        id: a.id.clone(),
        number: a.number,
        kind: a.kind,
        passage: a.passage.clone(),
        before,
        after,
        lang: a.lang.clone().filter(|l| crate::i18n::is_language_tag(l)).or_else(|| other_language(site, article.loaded.language.as_deref())),
        note: a.note.clone(),
        by: a.by.as_deref().and_then(|id| site.actor_by_id(id)).map(|x| actor_card(site, x)),
        sourcing: a.sourcing.clone(),
        confidence: a.confidence.clone(),
        article: article_card(site, ai),
        url: format!("{}#{}", Page::article(&site.article(ai).loaded.slug).path(), a.id),
    }
}

/// How a passage relates to another, in the dossier's language: as the
/// passage that says it ("Contradicts") or, `inverse`, as the one it points
/// at ("Contradicted by").
fn relation(strings: &Strings, relation: &str, inverse: bool) -> String {
    let table = if inverse { "relation_inverse" } else { "relation" };
    strings.get(&format!("{table}.{relation}"), &[]).unwrap_or_else(|| strings.text(&format!("{table}.other"), &[]))
}

/// The place a cross-reference points at, as a URL relative to another
/// article page and the article's short label ("Axios, 6 Dec 2025").
fn target_link(site: &Site, ti: ArticleId, anchor: Option<usize>) -> (String, String) {
    let t = site.article(ti);
    let href = match anchor {
        Some(p) => format!("{}#{}", Page::article(&t.loaded.slug).href_from(PageKind::Article), t.annotations[p].id),
        None => Page::article(&t.loaded.slug).href_from(PageKind::Article),
    };
    (href, short_label(&site.dossier.strings, &t.loaded))
}

/// The article body with its holes filled.
fn body_html(site: &Site, ai: ArticleId) -> String {
    let article = site.article(ai);
    let strings = &site.dossier.strings;
    let mut html = String::new();
    for part in &article.body {
        match part {
            BodyPart::Html(s) => html.push_str(s),
            BodyPart::Hole(Hole::Target(k)) => {
                let Some(x) = site.refers_to((ai, *k)) else { continue };
                let (href, text) = target_link(site, x.to.0, x.to.1);
                html.push_str(&format!(
                    " <span class=\"sn-ref rel-{rel}\">{label} <a href=\"{}\">{}</a></span>",
                    escape_html(&href),
                    escape_html(&text),
                    rel = escape_html(&x.relation),
                    label = escape_html(&relation(strings, &x.relation, false))
                ));
            }
            BodyPart::Hole(Hole::Backrefs(k)) => {
                for x in site.referenced_by((ai, *k)) {
                    let (href, text) = target_link(site, x.from.0, Some(x.from.1));
                    html.push_str(&format!(
                        " <span class=\"sn-backref rel-{rel}\">{label} <a href=\"{}\">{}</a></span>",
                        escape_html(&href),
                        escape_html(&text),
                        rel = escape_html(&x.relation),
                        label = escape_html(&relation(strings, &x.relation, true))
                    ));
                }
            }
        }
    }
    html
}

pub(super) fn article(site: &Site, ai: ArticleId) -> Context {
    let a = site.article(ai);
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for m in &a.mentions {
        *counts.entry(&*m.actor).or_default() += 1;
    }
    let actors: Vec<serde_json::Value> = a
        .actors
        .iter()
        .filter_map(|id| site.actor_by_id(id))
        .map(|x| serde_json::json!({"actor": actor_card(site, x), "count": counts.get(site.actor(x).id.as_str()).copied().unwrap_or(0)}))
        .collect();
    let events: Vec<EventCard> = a.events.iter().filter_map(|id| site.event_by_id(id)).map(|e| event_card(site, e)).collect();
    let related: Vec<serde_json::Value> = site
        .article_links(ai)
        .same_event
        .iter()
        .map(|(other, shared)| {
            serde_json::json!({
                "article": article_card(site, *other),
                "events": shared.iter().map(|&e| site.event(e).title.clone()).collect::<Vec<_>>(),
            })
        })
        .collect();
    // Cross-references grouped by the other article, each article named
    // once (its title and short label), in the order they first appear.
    let strings = &site.dossier.strings;
    let mut groups: Vec<(ArticleId, Vec<serde_json::Value>)> = Vec::new();
    for x in site.cross_refs_of(ai) {
        let (label, here, there) = if x.from.0 == ai {
            (relation(strings, &x.relation, false), Some(x.from.1), (x.to.0, x.to.1))
        } else if x.to.0 == ai {
            (relation(strings, &x.relation, true), x.to.1, (x.from.0, Some(x.from.1)))
        } else {
            continue;
        };
        let (href, _) = target_link(site, there.0, there.1);
        let item = serde_json::json!({
            "label": label,
            "relation": x.relation,
            "passage": here.map(|p| a.annotations[p].passage.clone()),
            "anchor": here.map(|p| a.annotations[p].id.clone()),
            "href": href,
            "other_passage": there.1.map(|p| site.article(there.0).annotations[p].passage.clone()),
        });
        match groups.iter_mut().find(|(other, _)| *other == there.0) {
            Some((_, list)) => list.push(item),
            None => groups.push((there.0, vec![item])),
        }
    }
    let refs: Vec<serde_json::Value> =
        groups.into_iter().map(|(other, refs)| serde_json::json!({"article": article_card(site, other), "refs": refs})).collect();
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for n in &a.annotations {
        *kinds.entry(n.kind.name()).or_default() += 1;
    }
    let mut c = Context::new();
    let loaded = &a.loaded;
    put(
        &mut c,
        "article",
        serde_json::json!({
            "slug": loaded.slug,
            "title": loaded.title,
            "outlet": loaded.outlet,
            "date": loaded.date.map(|d| strings.long_date(d)),
            "date_iso": iso(loaded.date),
            "url": loaded.url,
            "author": loaded.author,
            "language": loaded.language,
            "lang": other_language(site, loaded.language.as_deref()),
            "tags": loaded.tags,
            "words": a.words,
            "origin": loaded.published_origin(),
            "summary": a.summary,
            "draft": loaded.draft,
        }),
    );
    let tags: Vec<serde_json::Value> = loaded.tags.iter().filter_map(|name| site.tag_by_slug(&crate::text::slugify(name))).map(|t| tag_card(site, t)).collect();
    put(&mut c, "tags", tags);
    put(&mut c, "body", body_html(site, ai));
    c.insert("has_code", &a.has_code);
    put(&mut c, "actors", actors);
    c.insert("events", &events);
    put(&mut c, "related", related);
    // Large events: the page lists only the closest coverage and says so.
    let related_more = a.events.iter().filter_map(|id| site.event_by_id(id)).any(|e| site.event_links(e).articles.len() > crate::link::RELATED_PER_EVENT + 1);
    c.insert("related_more", &related_more);
    put(&mut c, "references", refs);
    // Suggestions are the analyst's: readers get (with `[link]
    // show_suggestions`) only "see also" links, never scores and evidence;
    // the preview shows the page as published, plus all of them in full.
    c.insert("see_also", &super::suggested::see_also(site, ai).into_iter().map(|i| article_card(site, i)).collect::<Vec<_>>());
    if site.config().preview {
        put(&mut c, "suggested", super::suggested::article(site, ai));
    }
    c.insert("annotation_counts", &kinds);
    c
}

/// Mention sentences an actor page shows per article, in the article's
/// order; the rest are a count and a link to the next one. A head of state
/// is named dozens of times in one report and in thousands of reports: with
/// every sentence, such a page ran to megabytes, most of it repeating what
/// the article page shows.
const MENTIONS_PER_ARTICLE: usize = 3;

/// How many quotes, claims and events an actor's first page lists, newest
/// first; `listed` gives the templates each list's full length.
const LISTED_PER_SECTION: usize = 20;

/// What every page of one actor's paged list shares: its articles newest
/// first and its spellings, made once per render and not once per page (an
/// actor in thousands of articles has dozens of pages; redoing this for
/// each was 15 % of a 10k build's CPU).
struct ActorIndex {
    order: Vec<ArticleId>,
    spellings: Vec<(String, usize)>,
}

/// The [`ActorIndex`] of each actor, made by the first page that needs it.
pub(super) struct Shared {
    actors: Vec<std::sync::OnceLock<ActorIndex>>,
    // Every article, and each tag's, newest first: sorted once, not once
    // per page of their paged lists (2,000 sorts of 100k articles).
    newest: std::sync::OnceLock<Vec<ArticleId>>,
    tags: Vec<std::sync::OnceLock<Vec<ArticleId>>>,
}

impl Shared {
    pub(super) fn new(site: &Site) -> Self {
        Shared {
            actors: site.actor_ids().map(|_| std::sync::OnceLock::new()).collect(),
            newest: std::sync::OnceLock::new(),
            tags: site.tag_ids().map(|_| std::sync::OnceLock::new()).collect(),
        }
    }

    fn newest(&self, site: &Site) -> &[ArticleId] {
        self.newest.get_or_init(|| {
            let mut all: Vec<ArticleId> = site.article_ids().collect();
            by_date_desc(site, &mut all);
            all
        })
    }

    fn tag(&self, site: &Site, t: TagId) -> &[ArticleId] {
        self.tags[t.index()].get_or_init(|| {
            let mut all = site.tag(t).articles.clone();
            by_date_desc(site, &mut all);
            all
        })
    }

    fn actor(&self, site: &Site, x: ActorId) -> &ActorIndex {
        self.actors[x.index()].get_or_init(|| {
            let links = site.actor_links(x);
            let mut order: Vec<ArticleId> = links.articles.iter().copied().chain(links.mentions.iter().map(|&(ai, _)| ai)).collect();
            order.sort_unstable();
            order.dedup();
            by_date_desc(site, &mut order);
            let mut spellings: BTreeMap<&str, usize> = BTreeMap::new();
            for &(ai, mi) in &links.mentions {
                *spellings.entry(site.article(ai).mentions[mi].text()).or_default() += 1;
            }
            let mut spellings: Vec<(String, usize)> = spellings.into_iter().map(|(s, n)| (s.to_string(), n)).collect();
            spellings.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            ActorIndex { order, spellings }
        })
    }
}

/// One page of an actor's: the actor, and [`crate::load::Config::page_size`]
/// of the articles naming them, newest first, each with its first sentences
/// naming them; the first page also has what the actor said and the
/// actor's connections.
pub(super) fn actor(site: &Site, x: ActorId, page: &Page<'_>, shared: &Shared) -> Context {
    let actor = site.actor(x);
    let links = site.actor_links(x);
    let ActorIndex { order, spellings } = shared.actor(site, x);
    // Mentions are in article order: one article's are a run of them.
    let mentions_in = |ai: ArticleId| -> Vec<&crate::annotate::Mention> {
        let from = links.mentions.partition_point(|&(a, _)| a < ai);
        let to = links.mentions.partition_point(|&(a, _)| a <= ai);
        links.mentions[from..to].iter().map(|&(a, mi)| &site.article(a).mentions[mi]).collect()
    };
    let mut c = Context::new();
    let shown = pagination(&mut c, page, order, site.config().page_size);
    let appearances: Vec<serde_json::Value> = shown
        .iter()
        .map(|ai| {
            let mentions = &mentions_in(*ai);
            let shown = &mentions[..mentions.len().min(MENTIONS_PER_ARTICLE)];
            let more = mentions.get(MENTIONS_PER_ARTICLE).map(|m| serde_json::json!({"count": mentions.len() - shown.len(), "anchor": m.anchor()}));
            serde_json::json!({"article": article_card(site, *ai), "sentences": sentences(shown), "more": more})
        })
        .collect();
    // What the actor said and their connections are on the first page only.
    let first = page.part == 1;
    let co: Vec<serde_json::Value> =
        links.co_actors.iter().take(if first { 10 } else { 0 }).map(|&(y, n)| serde_json::json!({"actor": actor_card(site, y), "count": n})).collect();
    // The first page's lists are the newest few: an actor of a large
    // dossier had every quote, claim and event on it (half a megabyte).
    let events: Vec<serde_json::Value> = links
        .events
        .iter()
        .rev()
        .filter(|_| first)
        .take(LISTED_PER_SECTION)
        .map(|&(e, n)| serde_json::json!({"event": event_card(site, e), "count": n}))
        .collect();
    let views = |places: &[Place]| {
        let mut newest: Vec<Place> = places.iter().copied().filter(|_| first).collect();
        newest.sort_by(|&(a, i), &(b, j)| newer_first(site, a, b).then(i.cmp(&j)));
        newest.truncate(LISTED_PER_SECTION);
        newest.into_iter().map(|place| annotation_view(site, place)).collect::<Vec<_>>()
    };
    c.insert(
        "listed",
        &serde_json::json!({
            "events": links.events.len(),
            "quotes": links.quotes.len(),
            "claims_by": links.claims_by.len(),
            "claims_about": links.claims_about.len(),
        }),
    );
    put(
        &mut c,
        "actor",
        serde_json::json!({
            "id": actor.id,
            "name": actor.name,
            "kind": format!("{:?}", actor.kind).to_lowercase(),
            "role": actor.role,
            "description": actor.description,
            "aliases": actor.aliases,
            "wikidata": actor.wikidata,
            "website": actor.website,
            "offices": offices_of(site, &actor.id),
            "mentions": links.mentions.len(),
            "articles": links.articles.len(),
        }),
    );
    put(&mut c, "spellings", spellings.iter().map(|(s, n)| serde_json::json!({"text": s, "count": n})).collect::<Vec<_>>());
    put(&mut c, "appearances", appearances);
    put(&mut c, "co_actors", co);
    put(&mut c, "events", events);
    c.insert("quotes", &views(&links.quotes));
    c.insert("claims_by", &views(&links.claims_by));
    c.insert("claims_about", &views(&links.claims_about));
    c
}

pub(super) fn event(site: &Site, e: EventId) -> Context {
    let members = &site.event_links(e).articles;
    let sources: Vec<serde_json::Value> = members
        .iter()
        .map(|&ai| {
            let a = site.article(ai);
            let quotes: Vec<AnnotationView> =
                a.annotations.iter().enumerate().filter(|(_, n)| n.kind == Kind::Quote).map(|(ni, _)| annotation_view(site, (ai, ni))).collect();
            let claims = a.annotations.iter().filter(|n| n.kind == Kind::Claim).count();
            let anonymous = a.annotations.iter().filter(|n| n.sourcing.as_deref() == Some("anonymous")).count();
            serde_json::json!({
                "article": article_card(site, ai),
                "actors": a.actors.iter().take(8).filter_map(|id| site.actor_by_id(id)).map(|x| actor_card(site, x)).collect::<Vec<_>>(),
                "quotes": quotes,
                "claims": claims,
                "anonymous": anonymous,
            })
        })
        .collect();
    let in_event = |ai: ArticleId| members.contains(&ai);
    let mut disagreements = Vec::new();
    let mut agreements = Vec::new();
    for x in site.cross_refs_of_all(members) {
        if !(in_event(x.from.0) || in_event(x.to.0)) {
            continue;
        }
        let from = annotation_view(site, x.from);
        let to = match x.to.1 {
            Some(p) => serde_json::to_value(annotation_view(site, (x.to.0, p))).unwrap_or_default(),
            None => serde_json::json!({"article": article_card(site, x.to.0), "url": Page::article(&site.article(x.to.0).loaded.slug).path()}),
        };
        let item = serde_json::json!({"from": from, "to": to, "relation": x.relation, "label": relation(&site.dossier.strings, &x.relation, false)});
        if x.relation == "contradicts" || x.relation == "corrects" {
            disagreements.push(item);
        } else {
            agreements.push(item);
        }
    }
    let mut actor_counts: BTreeMap<ActorId, usize> = BTreeMap::new();
    for &ai in members {
        for id in &site.article(ai).actors {
            if let Some(x) = site.actor_by_id(id) {
                *actor_counts.entry(x).or_default() += 1;
            }
        }
    }
    let mut actors: Vec<(ActorId, usize)> = actor_counts.into_iter().collect();
    actors.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut c = Context::new();
    c.insert("event", &event_card(site, e));
    put(&mut c, "sources", sources);
    put(&mut c, "disagreements", disagreements);
    put(&mut c, "agreements", agreements);
    put(&mut c, "actors", actors.iter().map(|&(x, n)| serde_json::json!({"actor": actor_card(site, x), "count": n})).collect::<Vec<_>>());
    c
}

/// The roles an actor held, with their terms ("since 20 January 2025"), for the actor page.
fn offices_of(site: &Site, id: &str) -> Vec<String> {
    let s = &site.dossier.strings;
    let mut out = Vec::new();
    for role in &site.dossier.roles {
        for h in role.holders.iter().filter(|h| h.actor == id) {
            let from = s.long_date(h.from);
            out.push(match h.to {
                Some(to) => s.text("actor.office_from_to", &[("office", &role.title), ("from", &from), ("to", &s.long_date(to))]),
                None => s.text("actor.office_since", &[("office", &role.title), ("from", &from)]),
            });
        }
    }
    out
}

/// Mentions as the sentences that hold them, each sentence once: a
/// sentence naming the actor twice ("Trump ... Trump's envoy") is one line
/// with both names marked, not the same line twice. Each part is text, with
/// the anchor of the mention it is.
fn sentences(mentions: &[&crate::annotate::Mention]) -> Vec<Vec<serde_json::Value>> {
    let mut out: Vec<Vec<serde_json::Value>> = Vec::new();
    let mut i = 0;
    while i < mentions.len() {
        let first = mentions[i];
        let mut j = i + 1;
        while j < mentions.len() && mentions[j].same_sentence(first) && mentions[j].span().start >= mentions[j - 1].span().end {
            j += 1;
        }
        let (text, sentence) = first.sentence();
        let mut parts = Vec::new();
        let mut at = sentence.start;
        for m in &mentions[i..j] {
            let span = m.span();
            let before = &text[at..span.start];
            let before = if at == sentence.start { crate::annotate::trim_context_start(before) } else { before.to_string() };
            if !before.is_empty() {
                parts.push(serde_json::json!({"text": before}));
            }
            parts.push(serde_json::json!({"text": m.text(), "anchor": m.anchor()}));
            at = span.end;
        }
        let after = crate::annotate::trim_context_end(&text[at..sentence.end]);
        if !after.is_empty() {
            parts.push(serde_json::json!({"text": after}));
        }
        out.push(parts);
        i = j;
    }
    out
}
