//! Files for feed readers and crawlers: Atom feeds of articles (the whole
//! dossier beside the home page, and one per actor and per event beside
//! its page, where the route table puts them) and the sitemap listing
//! every page the route table marks for it.
//!
//! Both need absolute URLs, so they are written only when `base_url` is an
//! absolute http(s) URL. Timestamps come from the articles' publication
//! dates, never from the clock, so rebuilding the same dossier gives the
//! same bytes. Text from articles may hold characters XML 1.0 forbids
//! (NUL and other control characters); they are dropped before writing.

use atom_syndication::{Category, Entry, Feed, FixedDateTime, Generator, Link, Person, Text, WriteConfig};
use rayon::prelude::*;

use super::site_file::{Out, SiteFile, Whole};
use super::OutputFile;
use crate::link::{ArticleId, Site};
use crate::urls::{self, Page, PageKind};

/// Whether feeds and the sitemap can be written: they need absolute URLs.
pub(super) fn enabled(site: &Site) -> bool {
    let base = site.config().base_url.to_ascii_lowercase();
    (base.starts_with("https://") || base.starts_with("http://")) && base.len() > "https://".len()
}

/// Keep only characters XML 1.0 allows.
fn xml_text(s: &str) -> String {
    s.chars().filter(|&c| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)).collect()
}

fn escape_xml(s: &str) -> String {
    crate::text::escape_html(&xml_text(s))
}

/// Midnight UTC of a date; the Unix epoch for dates RFC 3339 cannot express.
fn timestamp(date: Option<jiff::civil::Date>) -> FixedDateTime {
    let epoch = || FixedDateTime::parse_from_rfc3339("1970-01-01T00:00:00Z").expect("a valid constant");
    match date {
        Some(d) if (0..=9999).contains(&d.year()) => FixedDateTime::parse_from_rfc3339(&format!("{d}T00:00:00Z")).unwrap_or_else(|_| epoch()),
        _ => epoch(),
    }
}

fn link(href: String, rel: &str, mime: Option<&str>) -> Link {
    let mut l = Link::default();
    l.set_href(href);
    l.set_rel(rel);
    l.set_mime_type(mime.map(str::to_string));
    l
}

fn person(name: &str) -> Person {
    let mut p = Person::default();
    p.set_name(xml_text(name));
    p
}

/// Newest first, undated last, then by slug (the order of the article list).
fn newest_first(site: &Site, mut list: Vec<ArticleId>) -> Vec<ArticleId> {
    list.sort_by(|&a, &b| {
        let (x, y) = (&site.article(a).loaded, &site.article(b).loaded);
        y.date.cmp(&x.date).then_with(|| x.slug.cmp(&y.slug))
    });
    list
}

fn entry(site: &Site, ai: ArticleId, fallback: FixedDateTime) -> Entry {
    let article = site.article(ai);
    let a = &article.loaded;
    let base = &site.config().base_url;
    let page = Page::article(&a.slug).url(base);
    let mut e = Entry::default();
    e.set_title(Text::plain(xml_text(&a.title)));
    e.set_id(page.clone());
    let published = if a.date.is_some() { timestamp(a.date) } else { fallback };
    // Re-annotated: readers' feed readers show the entry again.
    e.set_updated(if a.updated.is_some() { timestamp(a.updated) } else { published });
    e.set_published(a.date.map(|_| published));
    let mut links = vec![link(page, "alternate", Some("text/html"))];
    if let Some(url) = &a.url {
        // The report the annotated copy is based on.
        links.push(link(xml_text(url), "related", None));
    }
    e.set_links(links);
    let by = a.author.as_deref().or(a.outlet.as_deref()).unwrap_or("Unknown author");
    e.set_authors(vec![person(by)]);
    let mut summary = xml_text(&article.summary);
    if let Some(outlet) = &a.outlet {
        summary = if summary.is_empty() { xml_text(outlet) } else { format!("{} ({})", summary, xml_text(outlet)) };
    }
    e.set_summary(Some(Text::plain(summary)));
    // The most mentioned few: every co-mentioned actor in every entry of
    // every actor's feed grows as the square of the actors an article names.
    let categories = article
        .actors
        .iter()
        .take(crate::limits::MAX_FEED_CATEGORIES)
        .filter_map(|id| site.actor_by_id(id))
        .map(|x| {
            let actor = site.actor(x);
            let mut c = Category::default();
            c.set_term(actor.id.clone());
            c.set_scheme(Some(Page::of(PageKind::ActorList).url(base)));
            c.set_label(Some(xml_text(&actor.name)));
            c
        })
        .collect::<Vec<_>>();
    e.set_categories(categories);
    e
}

/// Entries per feed. Readers poll a feed for what is new; a feed with
/// every article of a long-running story would be megabytes fetched again
/// on every poll (the same reason Zola has `feed_limit`). Twenty covers
/// what a busy story adds between two polls; the pages list them all.
pub(super) const FEED_ENTRIES: usize = 20;

/// The Atom feed beside `page`, with the newest [`FEED_ENTRIES`] of
/// `articles`; `updated` is the newest article's date or `updated` day.
fn feed(site: &Site, page: &Page<'_>, path: String, title: &str, articles: Vec<ArticleId>) -> OutputFile {
    let config = site.config();
    let base = &config.base_url;
    // Drafts are built only for the analyst's preview: never announced.
    let articles = newest_first(site, articles.into_iter().filter(|&i| !site.article(i).loaded.draft).collect());
    let updated = timestamp(articles.iter().filter_map(|&i| site.article(i).loaded.date.max(site.article(i).loaded.updated)).max());
    let mut f = Feed::default();
    f.set_title(Text::plain(xml_text(title)));
    f.set_id(urls::absolute(base, &path));
    f.set_updated(updated);
    f.set_lang(Some(xml_text(&config.language)));
    f.set_links(vec![link(urls::absolute(base, &path), "self", Some("application/atom+xml")), link(page.url(base), "alternate", Some("text/html"))]);
    f.set_authors(vec![person(&config.title)]);
    if !config.description.is_empty() && page.kind == PageKind::Home {
        f.set_subtitle(Some(Text::plain(xml_text(&config.description))));
    }
    let mut g = Generator::default();
    g.set_value("dossier");
    f.set_generator(Some(g));
    f.set_entries(articles.into_iter().take(FEED_ENTRIES).map(|ai| entry(site, ai, updated)).collect::<Vec<_>>());
    let config = WriteConfig { write_document_declaration: true, indent_size: Some(1) };
    let mut bytes = f.write_with_config(Vec::new(), config).unwrap_or_default();
    bytes.push(b'\n');
    OutputFile { path, bytes }
}

/// The feed of each page that has one in the route table (the whole
/// dossier's beside the home page, an actor's, an event's): those `out`
/// wants (the live preview makes only the feeds an edit touches), each
/// handed over as soon as it is made (an archive has thousands, tens of
/// megabytes together).
pub(super) struct Feeds;

impl SiteFile for Feeds {
    fn make(&self, whole: &Whole<'_>, out: &Out<'_>) {
        if !whole.syndication {
            return;
        }
        let site = whole.site;
        let site_title = &site.config().title;
        // One feed per list, beside its first page.
        let with_feeds = whole.pages.par_iter().filter(|page| page.route().feed.is_some() && page.part == 1 && out.wants(page.route().shows, page.key));
        with_feeds.for_each(|page| {
            let Some(path) = page.feed() else { return };
            let (title, articles) = match page.kind {
                PageKind::Home => (site_title.clone(), site.article_ids().collect()),
                PageKind::Actor => match site.actor_by_id(page.key) {
                    Some(x) => (format!("{} · {site_title}", site.actor(x).name), site.actor_links(x).articles.clone()),
                    None => return,
                },
                PageKind::Event => match site.event_by_id(page.key) {
                    Some(e) => (format!("{} · {site_title}", site.event(e).title), site.event_links(e).articles.clone()),
                    None => return,
                },
                PageKind::Tag => match site.tag_by_slug(page.key) {
                    Some(t) => (format!("{} · {site_title}", site.tag(t).name), site.tag(t).articles.clone()),
                    None => return,
                },
                _ => return,
            };
            out.put(feed(site, page, path, &title, articles));
        });
    }
}

/// The sitemap: every page the route table lists in it, a folder's index
/// page by the folder's URL (as the canonical links name them), an
/// article's with its date.
pub(super) struct Sitemap;

impl SiteFile for Sitemap {
    fn make(&self, whole: &Whole<'_>, out: &Out<'_>) {
        if whole.syndication && out.wants(crate::urls::Shows::Site, "") {
            out.put(sitemap(whole.site, whole.pages));
        }
    }
}

fn sitemap(site: &Site, pages: &[Page<'_>]) -> OutputFile {
    let draft = |p: &Page<'_>| p.kind == PageKind::Article && site.article_by_slug(p.key).is_some_and(|i| site.article(i).loaded.draft);
    let mut listed: Vec<(String, &Page<'_>)> = pages.iter().filter(|p| p.route().in_sitemap && !draft(p)).map(|p| (p.path(), p)).collect();
    listed.sort();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (path, page) in listed {
        let url = urls::absolute(&site.config().base_url, &path);
        xml.push_str(&format!("  <url><loc>{}</loc>", escape_xml(&url)));
        let date = (page.kind == PageKind::Article).then(|| site.article_by_slug(page.key)).flatten().and_then(|i| site.article(i).loaded.date);
        if let Some(date) = date.filter(|d| (0..=9999).contains(&d.year())) {
            xml.push_str(&format!("<lastmod>{date}</lastmod>"));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    OutputFile { path: urls::SITEMAP.into(), bytes: xml.into_bytes() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_drops_what_xml_forbids() {
        assert_eq!(xml_text("a\0b\u{1}c\td\u{FFFE}é"), "abc\tdé");
    }

    #[test]
    fn timestamps_come_from_dates() {
        assert_eq!(timestamp(Some("2025-12-28".parse().unwrap())).to_rfc3339(), "2025-12-28T00:00:00+00:00");
        assert_eq!(timestamp(None).to_rfc3339(), "1970-01-01T00:00:00+00:00");
        assert_eq!(timestamp(Some(jiff::civil::Date::new(-1, 1, 1).unwrap())).to_rfc3339(), "1970-01-01T00:00:00+00:00");
    }
}
