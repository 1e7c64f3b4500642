//! What the site offers readers and their tools, read back from real
//! builds: Atom feeds, the sitemap, schema.org JSON-LD and Open Graph, the
//! search index, and the SVG charts with their text equivalents. The
//! hostile corpus goes through the same files.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::common::*;
use serde_json::Value;

const ATOM: &str = "http://www.w3.org/2005/Atom";
const BASE: &str = "https://dossier-ssg.github.io/dossier/";

/// `date = YYYY-MM-DD` from each article's front matter, by slug: the
/// source of truth the feeds' timestamps must follow.
fn article_dates() -> BTreeMap<String, Option<String>> {
    let mut dates = BTreeMap::new();
    for entry in std::fs::read_dir(repo().join("content/articles")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = read(&path);
        let date = text.lines().find_map(|l| l.strip_prefix("date = ")).map(|d| d.trim().to_string());
        dates.insert(path.file_stem().unwrap().to_string_lossy().into_owned(), date);
    }
    dates
}

fn html_pages(site: &Path) -> Vec<String> {
    snapshot(site).into_keys().filter(|p| p.ends_with(".html")).collect()
}

struct FeedEntry {
    id: String,
    title: String,
    updated: String,
    alternate: String,
    related: Option<String>,
}

/// Parse an Atom feed and check what every feed must have; returns its
/// `updated` and entries.
fn parse_feed(path: &Path) -> (String, Vec<FeedEntry>) {
    let xml = read(path);
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{}: not XML: {e}", path.display()));
    let feed = doc.root_element();
    assert_eq!((feed.tag_name().namespace(), feed.tag_name().name()), (Some(ATOM), "feed"), "{}", path.display());
    fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
        node.children().find(|c| c.tag_name().name() == name && c.tag_name().namespace() == Some(ATOM))
    }
    let text = |node: roxmltree::Node, name: &str| child(node, name).and_then(|c| c.text()).unwrap_or_default().to_string();
    for required in ["id", "title", "updated", "author"] {
        assert!(child(feed, required).is_some(), "{}: feed without <{required}>", path.display());
    }
    let links: Vec<(String, String)> = feed
        .children()
        .filter(|c| c.tag_name().name() == "link")
        .map(|l| (l.attribute("rel").unwrap_or("alternate").to_string(), l.attribute("href").unwrap_or_default().to_string()))
        .collect();
    assert!(links.iter().any(|(rel, href)| rel == "self" && href.starts_with("https://")), "{}: no absolute self link", path.display());
    let entries = feed
        .children()
        .filter(|c| c.tag_name().name() == "entry")
        .map(|e| {
            let link = |rel: &str| {
                e.children().find(|l| l.tag_name().name() == "link" && l.attribute("rel") == Some(rel)).and_then(|l| l.attribute("href")).map(str::to_string)
            };
            FeedEntry {
                id: text(e, "id"),
                title: text(e, "title"),
                updated: text(e, "updated"),
                alternate: link("alternate").unwrap_or_default(),
                related: link("related"),
            }
        })
        .collect();
    (text(feed, "updated"), entries)
}

#[test]
fn atom_feeds_list_the_articles_with_absolute_links_and_their_own_dates() {
    let (_tmp, site) = build_example();
    let dates = article_dates();
    let (updated, entries) = parse_feed(&site.join("feed.xml"));
    assert_eq!(entries.len(), dates.len(), "one entry per article");
    let newest = dates.values().flatten().max().unwrap();
    assert_eq!(updated, format!("{newest}T00:00:00+00:00"), "the feed is as new as its newest article, not the build time");
    for e in &entries {
        assert!(e.alternate.starts_with(BASE), "{}: relative or foreign link {}", e.title, e.alternate);
        assert_eq!(e.id, e.alternate);
        let slug = e.alternate.strip_prefix(&format!("{BASE}articles/")).and_then(|s| s.strip_suffix(".html")).unwrap();
        assert!(site.join(format!("articles/{slug}.html")).is_file(), "{} points at a missing page", e.alternate);
        let date = dates[slug].as_deref().expect("the example articles are dated");
        assert_eq!(e.updated, format!("{date}T00:00:00+00:00"), "{slug}");
        assert!(!e.title.is_empty());
        // The original report, when the article records it.
        let page = page(&site, &format!("articles/{slug}.html"));
        let original = hrefs(&page, ".byline a[rel~=nofollow]").into_iter().next();
        assert_eq!(e.related, original, "{slug}: related link is the original URL");
    }
    // Newest first.
    let order: Vec<&str> = entries.iter().map(|e| e.updated.as_str()).collect();
    assert!(order.windows(2).all(|w| w[0] >= w[1]), "{order:?}");

    // Per actor and per event: exactly the articles on the page.
    let actor = page(&site, "actors/steve-witkoff.html");
    let appearances: BTreeSet<String> = hrefs(&actor, ".appearance .card-title a").into_iter().map(|h| h.replace("../", BASE)).collect();
    let (_, witkoff) = parse_feed(&site.join("actors/steve-witkoff.xml"));
    assert_eq!(witkoff.iter().map(|e| e.alternate.clone()).collect::<BTreeSet<_>>(), appearances);
    assert!(!appearances.is_empty());
    for event in std::fs::read_dir(site.join("events")).unwrap() {
        let path = event.unwrap().path();
        if path.extension().is_some_and(|e| e == "xml") {
            let html = page(&site, &format!("events/{}.html", path.file_stem().unwrap().to_string_lossy()));
            let sources: BTreeSet<String> = hrefs(&html, ".source .card-title a").into_iter().map(|h| h.replace("../", BASE)).collect();
            let (_, entries) = parse_feed(&path);
            assert_eq!(entries.iter().map(|e| e.alternate.clone()).collect::<BTreeSet<_>>(), sources, "{}", path.display());
        }
    }
    // Pages announce their feeds.
    let links = select(&actor, "link[type=\"application/atom+xml\"]");
    let feeds: Vec<&str> = links.iter().filter_map(|l| l.value().attr("href")).collect();
    assert_eq!(feeds, ["../feed.xml", "../actors/steve-witkoff.xml"]);
}

#[test]
fn the_sitemap_lists_every_page_once_with_absolute_urls() {
    let (_tmp, site) = build_example();
    let xml = read(&site.join("sitemap.xml"));
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert_eq!(doc.root_element().tag_name().name(), "urlset");
    let locs: Vec<String> = doc.descendants().filter(|n| n.tag_name().name() == "loc").filter_map(|n| n.text()).map(str::to_string).collect();
    let unique: BTreeSet<&String> = locs.iter().collect();
    assert_eq!(unique.len(), locs.len(), "duplicates in the sitemap");
    let expected: BTreeSet<String> = html_pages(&site)
        .into_iter()
        .filter(|p| p != "404.html" && p != "search.html")
        .map(|p| format!("{BASE}{}", p.trim_end_matches("index.html")))
        .collect();
    assert_eq!(unique.into_iter().cloned().collect::<BTreeSet<_>>(), expected);
    // Each page's canonical URL is the one in the sitemap.
    for p in ["index.html", "events/index.html", "actors/donald-trump.html"] {
        let canonical = hrefs(&page(&site, p), "link[rel=canonical]");
        assert!(expected.contains(&canonical[0]), "{p}: {canonical:?}");
    }
}

fn jsonld(doc: &scraper::Html) -> Value {
    let scripts = select(doc, "script[type=\"application/ld+json\"]");
    assert_eq!(scripts.len(), 1, "one JSON-LD block per page");
    serde_json::from_str(&scripts[0].text().collect::<String>()).expect("JSON-LD parses")
}

fn meta(doc: &scraper::Html, property: &str) -> Option<String> {
    select(doc, &format!("meta[property=\"{property}\"]")).first().and_then(|m| m.value().attr("content")).map(str::to_string)
}

#[test]
fn pages_carry_schema_org_json_ld_and_open_graph() {
    let (_tmp, site) = build_example();
    let home = page(&site, "index.html");
    assert_eq!(jsonld(&home)["@type"], "WebSite");

    for p in html_pages(&site) {
        let doc = page(&site, &p);
        let canonical = hrefs(&doc, "link[rel=canonical]");
        assert_eq!(meta(&doc, "og:url").as_ref(), canonical.first(), "{p}");
        assert!(meta(&doc, "og:title").is_some_and(|t| !t.is_empty()), "{p}: og:title");
        assert!(meta(&doc, "og:type").is_some(), "{p}: og:type");

        if let Some(slug) = p.strip_prefix("articles/").and_then(|s| s.strip_suffix(".html")).filter(|s| *s != "index") {
            let ld = jsonld(&doc);
            assert_eq!(ld["@type"], "NewsArticle", "{p}");
            assert_eq!(ld["headline"], texts(&doc, "h1")[0], "{p}");
            assert_eq!(ld["url"], format!("{BASE}articles/{slug}.html"));
            let original = hrefs(&doc, ".byline a[rel~=nofollow]").into_iter().next();
            assert_eq!(ld.get("isBasedOn").and_then(Value::as_str).map(str::to_string), original, "{p}: isBasedOn is the original URL");
            assert_eq!(meta(&doc, "og:type").as_deref(), Some("article"));
            let dates = article_dates();
            assert_eq!(ld["datePublished"].as_str(), dates[slug].as_deref(), "{p}");
        }
        if let Some(id) = p.strip_prefix("actors/").and_then(|s| s.strip_suffix(".html")).filter(|s| *s != "index") {
            let ld = jsonld(&doc);
            let kind = texts(&doc, ".kicker")[0].split(" · ").next().unwrap().to_string();
            let expected = match kind.as_str() {
                "person" => "Person",
                "organisation" => "Organization",
                "country" => "Country",
                other => panic!("{p}: unknown kind {other}"),
            };
            assert_eq!(ld["@type"], expected, "{p}");
            assert_eq!(ld["name"], texts(&doc, "h1")[0]);
            assert_eq!(ld["url"], format!("{BASE}actors/{id}.html"));
        }
        if p.starts_with("events/") && p != "events/index.html" {
            let ld = jsonld(&doc);
            assert_eq!(ld["@type"], "Event", "{p}");
            let start = select(&doc, ".kicker time")[0].value().attr("datetime").unwrap().to_string();
            assert_eq!(ld["startDate"], start);
            let sources = select(&doc, "article.source").len();
            assert_eq!(ld.get("subjectOf").and_then(Value::as_array).map_or(0, Vec::len), sources, "{p}");
        }
    }
}

/// The search index's documents, in number order, as `(kind, [title, url, meta, teaser])`.
fn search_docs(site: &Path) -> Vec<(String, Vec<String>)> {
    let manifest: Value = serde_json::from_slice(&std::fs::read(site.join("search/index.json")).unwrap()).unwrap();
    let per_file = manifest["docs_per_file"].as_u64().unwrap() as usize;
    let total = manifest["docs"].as_u64().unwrap() as usize;
    let mut docs = Vec::new();
    for k in 0..total.div_ceil(per_file) {
        let chunk: Vec<Vec<String>> = serde_json::from_slice(&std::fs::read(site.join(format!("search/docs-{k}.json"))).unwrap()).unwrap();
        assert!(chunk.len() == per_file || k == total / per_file, "docs-{k}.json holds {} documents", chunk.len());
        docs.extend(chunk);
    }
    assert_eq!(docs.len(), total);
    let kinds = manifest["kinds"].as_array().unwrap();
    docs.into_iter()
        .enumerate()
        .map(|(n, d)| {
            let kind = kinds.iter().find(|k| (k[1].as_u64().unwrap()..k[1].as_u64().unwrap() + k[2].as_u64().unwrap()).contains(&(n as u64))).unwrap();
            (kind[0].as_str().unwrap().to_string(), d)
        })
        .collect()
}

/// The URLs of the documents holding exactly `term`, with their weights,
/// read from the term file the search script would fetch for it.
fn lookup(site: &Path, term: &str) -> BTreeMap<String, u64> {
    // As the build names term files: a-z and 0-9 as they are, any other character as _ and six hex
    // digits; a term starting with a Chinese character or kana in one of 256 groups.
    let first = term.chars().next().unwrap();
    let key: String = if dossier::text::is_cjk(first) {
        format!("_cjk{:02x}", first as u32 % 256)
    } else {
        term.chars().take(2).map(|c| if c.is_ascii_lowercase() || c.is_ascii_digit() { c.to_string() } else { format!("_{:06x}", c as u32) }).collect()
    };
    let manifest: Value = serde_json::from_slice(&std::fs::read(site.join("search/index.json")).unwrap()).unwrap();
    if !manifest["shards"].as_array().unwrap().iter().any(|k| k == key.as_str()) {
        return BTreeMap::new();
    }
    let shard: Value = serde_json::from_slice(&std::fs::read(site.join(format!("search/terms-{key}.json"))).unwrap()).unwrap();
    let docs = search_docs(site);
    let postings = shard[term].as_array().cloned().unwrap_or_default();
    postings.chunks(2).map(|p| (docs[p[0].as_u64().unwrap() as usize].1[1].clone(), p[1].as_u64().unwrap())).collect()
}

#[test]
fn the_search_index_finds_the_cyrillic_spellings_the_actor_pages_list() {
    let (_tmp, site) = build_example();
    // Aliases in Cyrillic are terms (lower case, ё as е), on the actor they name.
    for (term, actor) in [("трамп", "actors/donald-trump.html"), ("зеленский", "actors/volodymyr-zelensky.html"), ("путін", "actors/vladimir-putin.html")]
    {
        let docs = lookup(&site, term);
        assert!(docs.contains_key(actor), "{term}: {docs:?}");
    }
    // The script gets its words and the language for its plural rules.
    let manifest: Value = serde_json::from_slice(&std::fs::read(site.join("search/index.json")).unwrap()).unwrap();
    assert_eq!(manifest["lang"], "en");
    assert_eq!(manifest["strings"]["results_for"]["other"], "{n} results for “{query}”.");
}

#[test]
fn the_search_index_covers_articles_actors_and_events() {
    let (_tmp, site) = build_example();
    let docs = search_docs(&site);
    // Every article, actor and event page is a document, and nothing else.
    let pages: BTreeSet<String> =
        html_pages(&site).into_iter().filter(|p| ["articles/", "actors/", "events/"].iter().any(|d| p.starts_with(d)) && !p.ends_with("index.html")).collect();
    let urls: Vec<String> = docs.iter().map(|(_, d)| d[1].clone()).collect();
    assert_eq!(urls.len(), pages.len(), "one document per page");
    assert_eq!(urls.iter().cloned().collect::<BTreeSet<_>>(), pages);
    for (kind, doc) in &docs {
        let url = &doc[1];
        assert_eq!(format!("{kind}s/"), url.split_inclusive('/').next().unwrap(), "{url}");
        let h1 = texts(&page(&site, url), "h1");
        assert_eq!(doc[0], h1[0], "{url}");
    }
    // Every term file the manifest names exists, holds only terms starting
    // with its key, and postings in document order.
    let manifest: Value = serde_json::from_slice(&std::fs::read(site.join("search/index.json")).unwrap()).unwrap();
    for key in manifest["shards"].as_array().unwrap() {
        let key = key.as_str().unwrap();
        let shard: Value = serde_json::from_slice(&std::fs::read(site.join(format!("search/terms-{key}.json"))).unwrap()).unwrap();
        for (term, postings) in shard.as_object().unwrap() {
            assert!(term.starts_with(key) || key.contains('_'), "{term} in terms-{key}.json");
            let numbers: Vec<u64> = postings.as_array().unwrap().iter().step_by(2).map(|n| n.as_u64().unwrap()).collect();
            assert!(numbers.windows(2).all(|w| w[0] < w[1]) && numbers.iter().all(|&n| (n as usize) < docs.len()), "{term}");
        }
    }
    // A spelling only in the registry finds the actor ...
    assert!(lookup(&site, "vitkov").contains_key("actors/steve-witkoff.html"));
    // ... and the articles that mention him under any spelling.
    let witkoff = lookup(&site, "witkoff");
    assert!(witkoff.keys().filter(|r| r.starts_with("articles/")).count() >= 2, "{witkoff:?}");
    // His name is his page's title: it weighs more there than in any article.
    let own = witkoff["actors/steve-witkoff.html"];
    assert!(witkoff.iter().filter(|(u, _)| u.starts_with("articles/")).all(|(_, &w)| w < own), "{witkoff:?}");
    // Article text is indexed, stemmed as elasticlunr.js stems queries.
    let body = lookup(&site, "territori");
    assert!(body.keys().any(|r| r.starts_with("articles/")), "{body:?}");
    // Annotations are indexed wherever they sit in the article: "derived" is
    // only in a note near the end of the White House talks article.
    assert_eq!(lookup(&site, "deriv").into_keys().collect::<Vec<_>>(), ["articles/unknown-2025-08-18-white-house-talks.html"]);
    // Events by title.
    assert!(lookup(&site, "lago").keys().any(|r| r.starts_with("events/")));
    // No inline copy of the index in pages.
    for p in html_pages(&site) {
        assert!(!read(&site.join(&p)).contains("docs_per_file"), "{p} inlines the index");
    }
}

/// The inline `<svg>` elements of a page, parsed as XML.
fn svgs(site: &Path, rel: &str) -> Vec<String> {
    let html = read(&site.join(rel));
    let mut out = Vec::new();
    let mut rest = html.as_str();
    while let Some(start) = rest.find("<svg") {
        let end = rest[start..].find("</svg>").expect("closed svg") + start + "</svg>".len();
        out.push(rest[start..end].to_string());
        rest = &rest[end..];
    }
    out
}

/// Well-formed, `role="img"`, named and described by its own title and desc.
fn assert_accessible_chart(svg: &str, context: &str) -> (String, usize) {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{context}: SVG is not well-formed XML: {e}"));
    let root = doc.root_element();
    assert_eq!(root.attribute("role"), Some("img"), "{context}");
    let ids: Vec<&str> = root.attribute("aria-labelledby").expect("aria-labelledby").split(' ').collect();
    let named: Vec<(String, String)> = ids
        .iter()
        .map(|id| {
            let n = doc.descendants().find(|n| n.attribute("id") == Some(id)).unwrap_or_else(|| panic!("{context}: no #{id}"));
            (n.tag_name().name().to_string(), n.text().unwrap_or_default().to_string())
        })
        .collect();
    assert_eq!(named.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>(), ["title", "desc"], "{context}");
    assert!(named.iter().all(|(_, text)| text.len() > 10), "{context}: {named:?}");
    let rows = root.children().filter(|n| n.has_class("chart-row")).count();
    (named[0].1.clone(), rows)
}

trait HasClass {
    fn has_class(&self, class: &str) -> bool;
}
impl HasClass for roxmltree::Node<'_, '_> {
    fn has_class(&self, class: &str) -> bool {
        self.attribute("class").is_some_and(|c| c.split(' ').any(|x| x == class))
    }
}

#[test]
fn charts_are_accessible_svg_next_to_the_same_figures_in_text() {
    let (_tmp, site) = build_example();
    let event_count = snapshot(&site).keys().filter(|p| p.starts_with("events/") && p.ends_with(".html") && !p.ends_with("index.html")).count();
    for rel in ["events/index.html", "index.html"] {
        let charts = svgs(&site, rel);
        assert_eq!(charts.len(), 1, "{rel}");
        let (title, rows) = assert_accessible_chart(&charts[0], rel);
        assert!(title.contains("Timeline"), "{title}");
        assert_eq!(rows, event_count, "{rel}: one row per event");
        // The text equivalent: the list of events with their source counts.
        assert_eq!(select(&page(&site, rel), ".timeline .event-item").len(), event_count);
    }

    let actor = "actors/volodymyr-zelensky.html";
    let charts = svgs(&site, actor);
    assert_eq!(charts.len(), 1);
    let (title, rows) = assert_accessible_chart(&charts[0], actor);
    assert_eq!(title, "Mentioned alongside Volodymyr Zelensky");
    let ranked = texts(&page(&site, actor), ".ranked li");
    assert_eq!(rows, ranked.len(), "a bar per actor in the ranked list");
    // Same order and counts as the list.
    let doc = roxmltree::Document::parse(&charts[0]).unwrap();
    let bars: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_class("chart-row"))
        .map(|g| g.children().find(|c| c.tag_name().name() == "title").and_then(|t| t.text()).unwrap().to_string())
        .collect();
    for (bar, item) in bars.iter().zip(&ranked) {
        let name = bar.split(':').next().unwrap();
        let count = bar.rsplit(": ").next().unwrap().split(' ').next().unwrap();
        assert!(item.starts_with(name) && item.contains(&format!("{count} article")), "{bar} vs {item}");
    }

    for entry in std::fs::read_dir(site.join("events")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if !name.ends_with(".html") || name == "index.html" {
            continue;
        }
        let rel = format!("events/{name}");
        let charts = svgs(&site, &rel);
        let sources = select(&page(&site, &rel), "article.source").len();
        assert_eq!(charts.len(), usize::from(sources > 0), "{rel}: a chart when there are sources");
        if let Some(svg) = charts.first() {
            let (title, _) = assert_accessible_chart(svg, &rel);
            assert!(title.starts_with("When each outlet reported on"), "{title}");
            let doc = roxmltree::Document::parse(svg).unwrap();
            assert_eq!(doc.descendants().filter(|n| n.has_class("chart-dot")).count(), sources, "{rel}: a dot per dated source");
        }
    }
}

#[test]
fn hostile_text_stays_inert_in_feeds_json_ld_charts_and_the_index() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    for entry in std::fs::read_dir(repo().join("tests/fixtures/hostile")).unwrap() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "md") {
            std::fs::copy(entry.path(), input.join(entry.file_name())).unwrap();
        }
    }
    let out = tmp.path().join("out");
    let options = dossier::BuildOptions { out: Some(out.clone()), keep_going: true, base_url: Some("https://example.org/h/".into()), ..Default::default() };
    dossier::build(&input, &options).expect("the valid hostile articles build");
    let files = snapshot(&out);
    let mut feeds = 0;
    let mut blocks = 0;
    for (path, bytes) in &files {
        let text = String::from_utf8(bytes.clone()).unwrap_or_else(|_| panic!("{path}: not UTF-8"));
        if path.ends_with(".xml") {
            roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{path}: not well-formed XML: {e}"));
            feeds += 1;
        }
        if path.ends_with(".html") {
            for svg in svgs(&out, path) {
                assert_accessible_chart(&svg, path);
            }
            // Every JSON-LD block ends where it should: at its own </script>.
            for (i, _) in text.match_indices("<script type=\"application/ld+json\">") {
                let body = &text[i + "<script type=\"application/ld+json\">".len()..];
                let body = &body[..body.find("</script>").unwrap()];
                assert!(!body.contains('<'), "{path}: {body}");
                let v: Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("{path}: {e}: {body}"));
                assert!(v["@type"].is_string());
                blocks += 1;
            }
        }
    }
    assert!(feeds >= 3 && blocks >= 3, "{feeds} feeds, {blocks} JSON-LD blocks");
    let docs: Vec<Vec<String>> = serde_json::from_slice(&files["search/docs-0.json"]).unwrap();
    let titles: Vec<&str> = docs.iter().map(|d| d[0].as_str()).collect();
    assert!(titles.iter().any(|t| t.contains("<script") || t.contains("</")), "hostile titles are indexed as text: {titles:?}");
}

#[test]
fn without_an_absolute_base_url_there_are_no_feeds_or_sitemap_but_search_works() {
    let dir = dossier(&[("a.md", "+++\ntitle = \"First\"\nactors = [\"Alice\"]\n+++\n\nAlice went home.\n")]);
    let out = dir.path().join("site");
    dossier::build(dir.path(), &dossier::BuildOptions { out: Some(out.clone()), ..Default::default() }).unwrap();
    assert!(!out.join("feed.xml").exists() && !out.join("sitemap.xml").exists());
    assert!(select(&page(&out, "index.html"), "link[type=\"application/atom+xml\"]").is_empty());
    let first: Vec<Vec<String>> = search_docs(&out).into_iter().map(|(_, d)| d).filter(|d| d[1] == "articles/a.html").collect();
    assert_eq!(first.len(), 1);
    assert_eq!(first[0][0], "First");
    assert!(lookup(&out, "alic").contains_key("articles/a.html"));
}

#[test]
fn chinese_and_japanese_articles_are_found_by_any_two_characters_of_a_word() {
    let body = "高市早苗氏は２１日、衆参両院の首相指名選挙で第１０４代首相に選出された。日本維新の会と連立政権を発足させ、公明党は連立を離脱した。";
    let dir = dossier(&[("ja.md", &format!("+++\ntitle = \"高市氏が首相に選出\"\ndate = 2025-10-21\nlanguage = \"ja\"\n+++\n\n{body}\n"))]);
    let out = dir.path().join("site");
    dossier::build(dir.path(), &dossier::BuildOptions { out: Some(out.clone()), ..Default::default() }).unwrap();
    // The sentence, longer than any word, is indexed two characters at a time: "首相" (prime minister),
    // "維新" (of Nippon Ishin), "公明" (of Komeito); no pair of hiragana alone ("された").
    for term in ["首相", "維新", "公明", "選出"] {
        assert!(lookup(&out, term).contains_key("articles/ja.html"), "{term}");
    }
    assert!(lookup(&out, "され").is_empty());
}

#[test]
fn reader_files_are_identical_across_builds() {
    let (_a, first) = build_example();
    let (_b, second) = build_example();
    let (x, y) = (snapshot(&first), snapshot(&second));
    for name in ["feed.xml", "sitemap.xml", "search/index.json", "search/docs-0.json", "search/terms-wi.json", "actors/donald-trump.xml", "events/index.html"] {
        assert!(x.contains_key(name), "{name} missing");
        assert_eq!(x[name], y[name], "{name} differs between builds");
    }
}
