//! The pages of a site: one per kind of the route table ([`crate::urls`]),
//! or one per record for the kinds that have a page per article, actor,
//! event or merged actor, and what each page's template is given.
//!
//! Both are a `match` over [`PageKind`], so a new kind of page does not
//! compile until it says which records it has a page for and what its
//! template sees.

use tera::Context;

use super::{charts, jsonld, views};
use crate::link::{ActorId, Site};
use crate::load::Merged;
use crate::urls::{Page, PageKind};

/// Every page of the site, in the route table's order; a long list as
/// many pages as it takes ([`crate::load::Config::page_size`] articles each).
pub fn pages(site: &Site) -> Vec<Page<'_>> {
    let mut pages = Vec::with_capacity(site.articles.len() + site.actor_ids().len() + site.event_ids().len() + site.tag_ids().len() + 8);
    let size = site.config().page_size;
    for kind in PageKind::all() {
        match kind {
            PageKind::Home | PageKind::ActorList | PageKind::EventList | PageKind::TagList | PageKind::Search | PageKind::NotFound => {
                pages.push(Page::of(kind))
            }
            PageKind::ArticleList => pages.extend(parts(Page::of(kind), site.articles.len(), size)),
            PageKind::Article => pages.extend(site.articles.iter().map(|a| Page::article(&a.loaded.slug))),
            PageKind::Actor => pages.extend(site.actor_ids().flat_map(|x| parts(Page::actor(&site.actor(x).id), site.actor_links(x).articles.len(), size))),
            PageKind::Event => pages.extend(site.event_ids().map(|e| Page::event(&site.event(e).id))),
            PageKind::Tag => pages.extend(site.tag_ids().flat_map(|t| parts(Page::tag(&site.tag(t).slug), site.tag(t).articles.len(), size))),
            PageKind::Redirect => pages.extend(redirects(site).map(|(m, _)| Page::new(kind, &m.id))),
            PageKind::ArticleRedirect => pages.extend(site.articles.iter().flat_map(|a| a.loaded.aliases.iter().map(move |(alias, _)| Page::new(kind, alias)))),
        }
    }
    pages
}

/// The pages of a list of `items` articles, `size` a page (one when empty).
fn parts(first: Page<'_>, items: usize, size: usize) -> impl Iterator<Item = Page<'_>> {
    (1..=items.div_ceil(size).max(1)).map(move |n| first.part(n))
}

/// The merge records (and old ids) that get a page: the old id is no actor
/// of the site, and the actor it leads to is.
fn redirects(site: &Site) -> impl Iterator<Item = (&Merged, ActorId)> {
    site.dossier.merged.iter().filter(|m| site.actor_by_id(&m.id).is_none()).filter_map(|m| site.actor_by_id(&m.into).map(|x| (m, x)))
}

/// What the template of `page` is given besides what every page gets.
pub(super) fn context(site: &Site, page: &Page<'_>, shared: &views::Shared) -> Context {
    let found = match page.kind {
        PageKind::Home => Some(views::home(site, shared)),
        PageKind::ArticleList => Some(views::article_list(site, page, shared)),
        PageKind::ActorList => Some(views::actor_list(site)),
        PageKind::EventList => Some(views::event_list(site)),
        PageKind::TagList => Some(views::tag_list(site)),
        PageKind::Search => Some(search(site, shared)),
        PageKind::NotFound => Some(Context::new()),
        PageKind::Article => site.article_by_slug(page.key).map(|i| views::article(site, i)),
        PageKind::Actor => site.actor_by_id(page.key).map(|x| views::actor(site, x, page, shared)),
        PageKind::Event => site.event_by_id(page.key).map(|e| views::event(site, e)),
        PageKind::Tag => site.tag_by_slug(page.key).map(|t| views::tag(site, t, page, shared)),
        PageKind::Redirect => redirect(site, page.key),
        PageKind::ArticleRedirect => article_redirect(site, page.key),
    };
    found.unwrap_or_default()
}

/// The search page: without JavaScript a plain listing of every page, with
/// it the full results for `?q=`.
fn search(site: &Site, shared: &views::Shared) -> Context {
    let mut c = views::published_articles(site, shared);
    c.extend(views::actor_list(site));
    c.extend(views::event_list(site));
    c
}

/// The old page of a merged actor: it sends readers (and search engines,
/// through the canonical link) to the actor it was merged into, so links to
/// the old page keep working. No JavaScript: a meta refresh, and a visible
/// link for anyone whose browser does not follow it.
fn redirect(site: &Site, old: &str) -> Option<Context> {
    let (merged, into) = redirects(site).find(|(m, _)| m.id == old)?;
    let into = site.actor(into);
    Some(redirect_to(site, PageKind::Redirect, &merged.id, !merged.renamed, Page::actor(&into.id), &into.name))
}

/// The old page of a renamed article (an alias in its front matter).
fn article_redirect(site: &Site, old: &str) -> Option<Context> {
    let article = site.articles.iter().find(|a| a.loaded.aliases.iter().any(|(alias, _)| alias == old))?;
    Some(redirect_to(site, PageKind::ArticleRedirect, old, false, Page::article(&article.loaded.slug), &article.loaded.title))
}

/// What `redirect.html` is given: the old key, whether it was merged into
/// the target (or only moved), and the target page with its name.
fn redirect_to(site: &Site, here: PageKind, old: &str, merged: bool, target: Page<'_>, name: &str) -> Context {
    let base = &site.config().base_url;
    let absolute = base.starts_with("https://") || base.starts_with("http://");
    let mut c = Context::new();
    c.insert("old", old);
    c.insert("merged", &merged);
    c.insert("into", &serde_json::json!({"id": target.key, "name": name, "url": target.href_from(here)}));
    c.insert("canonical", &if absolute { target.url(base) } else { target.href_from(here) });
    c
}

/// What a page offers readers' tools and eyes beyond its view model:
/// `meta` (Open Graph, JSON-LD), its own feed, and its chart.
pub(super) fn for_readers(site: &Site, page: &Page<'_>) -> Context {
    let mut c = Context::new();
    let title = &site.config().title;
    let s = &site.dossier.strings;
    let feed = |title: String| serde_json::json!({"url": page.feed(), "title": title});
    let meta = match page.kind {
        PageKind::Home => {
            c.insert("timeline_chart", &charts::timeline(site, "chart-timeline", charts::Order::NewestFirst, views::HOME_EVENTS));
            jsonld::home(site)
        }
        PageKind::ArticleList => {
            jsonld::listing(&s.text("nav.articles", &[]), s.text("meta.articles", &[("n", &site.articles.len().to_string()), ("site", title)]))
        }
        PageKind::ActorList => jsonld::listing(&s.text("nav.actors", &[]), s.text("meta.actors", &[("site", title)])),
        PageKind::EventList => {
            c.insert("timeline_chart", &charts::timeline(site, "chart-timeline", charts::Order::OldestFirst, usize::MAX));
            jsonld::listing(&s.text("events.title", &[]), s.text("meta.events", &[("site", title)]))
        }
        PageKind::TagList => jsonld::listing(&s.text("tags.title", &[]), s.text("meta.tags", &[("site", title)])),
        PageKind::Tag => match site.tag_by_slug(page.key) {
            Some(t) => {
                let name = &site.tag(t).name;
                c.insert("feed", &feed(s.text("feed.tag", &[("name", name)])));
                jsonld::listing(&s.text("tag.title", &[("name", name)]), s.text("meta.tag", &[("site", title), ("name", name)]))
            }
            None => jsonld::PageMeta::default(),
        },
        PageKind::Search => jsonld::listing(&s.text("search.title", &[]), s.text("meta.search", &[("site", title)])),
        PageKind::Article => match site.article_by_slug(page.key) {
            Some(i) => jsonld::article(site, i),
            None => jsonld::PageMeta::default(),
        },
        PageKind::Actor => match site.actor_by_id(page.key) {
            Some(x) => {
                if page.part == 1 {
                    c.insert("co_chart", &charts::co_actors(site, x, 10, "chart-co"));
                }
                c.insert("feed", &feed(s.text("feed.actor", &[("name", &site.actor(x).name)])));
                jsonld::actor(site, x)
            }
            None => jsonld::PageMeta::default(),
        },
        PageKind::Event => match site.event_by_id(page.key) {
            Some(e) => {
                c.insert("sources_chart", &charts::event_sources(site, e, "chart-sources"));
                c.insert("feed", &feed(s.text("feed.event", &[("title", &site.event(e).title)])));
                jsonld::event(site, e)
            }
            None => jsonld::PageMeta::default(),
        },
        PageKind::NotFound => jsonld::listing(&s.text("missing.title", &[]), String::new()),
        PageKind::Redirect | PageKind::ArticleRedirect => jsonld::PageMeta::default(),
    };
    c.insert("meta", &meta);
    c
}
