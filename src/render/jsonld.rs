//! schema.org metadata for search engines and link previews: JSON-LD
//! (`NewsArticle` with `isBasedOn` the original report, `Person`,
//! `Organization` or `Country` for actors, `Event` for events), and the
//! Open Graph fields every page carries.
//!
//! JSON-LD sits in a `<script type="application/ld+json">` element, where
//! HTML escaping does not apply: a title containing `</script>` would end
//! the element. [`script_json`] therefore writes `<`, `>` and `&` as JSON
//! escapes (`\u003c` ...), which parse to the same string.

use serde::Serialize;
use serde_json::{json, Value};

use crate::link::{ActorId, ArticleId, EventId, Site};
use crate::load::ActorKind;
use crate::urls::Page;

/// What `base.html` puts in its Open Graph and JSON-LD tags for a page.
#[derive(Serialize, Default)]
pub(super) struct PageMeta {
    /// The page's own title (without the site's), for `og:title`.
    pub title: String,
    pub description: String,
    /// `website`, `article` or `profile`.
    pub og_type: &'static str,
    /// ISO date, for `article:published_time`.
    pub published: Option<String>,
    /// The JSON-LD object, already escaped for a script element.
    pub jsonld: Option<String>,
}

/// JSON safe inside `<script>`: no `<`, `>` or `&` left to close the
/// element or open a comment.
pub(super) fn script_json(value: &Value) -> String {
    let s = serde_json::to_string(value).unwrap_or_else(|_| "{}".into());
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            // Valid in JSON, but line terminators in older JavaScript parsers.
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

fn actor_type(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Person => "Person",
        ActorKind::Organisation => "Organization",
        ActorKind::Country => "Country",
    }
}

fn actor_ref(site: &Site, x: ActorId) -> Value {
    let a = site.actor(x);
    json!({"@type": actor_type(a.kind), "name": a.name, "url": Page::actor(&a.id).url(&site.config().base_url)})
}

pub(super) fn home(site: &Site) -> PageMeta {
    let config = site.config();
    let ld = json!({
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": config.title,
        "description": config.description,
        "url": config.base_url,
        "inLanguage": config.language,
    });
    PageMeta { title: config.title.clone(), description: config.description.clone(), og_type: "website", published: None, jsonld: Some(script_json(&ld)) }
}

/// A listing page (articles, actors, events, search): Open Graph only.
pub(super) fn listing(title: &str, description: String) -> PageMeta {
    PageMeta { title: title.to_string(), description, og_type: "website", ..Default::default() }
}

pub(super) fn article(site: &Site, i: ArticleId) -> PageMeta {
    let article = site.article(i);
    let a = &article.loaded;
    let base = &site.config().base_url;
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a.title,
        "url": Page::article(&a.slug).url(base),
        "wordCount": article.words,
    });
    if let Some(url) = &a.url {
        ld["isBasedOn"] = json!(url);
    }
    if let Some(d) = a.date {
        ld["datePublished"] = json!(d.to_string());
    }
    if let Some(author) = &a.author {
        ld["author"] = json!({"@type": "Person", "name": author});
    }
    if let Some(outlet) = &a.outlet {
        ld["publisher"] = json!({"@type": "Organization", "name": outlet});
    }
    if let Some(lang) = &a.language {
        ld["inLanguage"] = json!(lang);
    }
    let mentions: Vec<Value> = article.actors.iter().filter_map(|id| site.actor_by_id(id)).map(|x| actor_ref(site, x)).collect();
    if !mentions.is_empty() {
        ld["mentions"] = json!(mentions);
    }
    let about: Vec<Value> = article
        .events
        .iter()
        .filter_map(|id| site.event_by_id(id))
        .map(|e| site.event(e))
        .map(|e| json!({"@type": "Event", "name": e.title, "url": Page::event(&e.id).url(base)}))
        .collect();
    if !about.is_empty() {
        ld["about"] = json!(about);
    }
    PageMeta {
        title: a.title.clone(),
        description: description(&article.summary),
        og_type: "article",
        published: a.date.map(|d| d.to_string()),
        jsonld: Some(script_json(&ld)),
    }
}

/// The page's description for `<meta name="description">` and Open Graph:
/// about what a search result or a link preview shows (they cut near 160
/// characters). The JSON-LD leaves it out rather than repeat it: an
/// article's head was a fifth description by weight (issue 21).
fn description(summary: &str) -> String {
    crate::text::shorten(summary, 160)
}

pub(super) fn actor(site: &Site, x: ActorId) -> PageMeta {
    let a = site.actor(x);
    let mut ld = actor_ref(site, x);
    ld["@context"] = json!("https://schema.org");
    if !a.aliases.is_empty() {
        ld["alternateName"] = json!(a.aliases);
    }
    if let Some(d) = &a.description {
        ld["description"] = json!(d);
    }
    if let (Some(role), ActorKind::Person) = (&a.role, a.kind) {
        ld["jobTitle"] = json!(role);
    }
    let same_as: Vec<String> = a.wikidata.iter().map(|q| format!("https://www.wikidata.org/wiki/{q}")).chain(a.website.iter().cloned()).collect();
    if !same_as.is_empty() {
        ld["sameAs"] = json!(same_as);
    }
    let articles = site.actor_links(x).articles.len();
    let description = match (&a.description, &a.role) {
        (Some(d), _) => d.clone(),
        (None, Some(r)) => format!("{}, {r}: mentioned in {articles} article{}.", a.name, if articles == 1 { "" } else { "s" }),
        (None, None) => format!("{}: mentioned in {articles} article{}.", a.name, if articles == 1 { "" } else { "s" }),
    };
    PageMeta { title: a.name.clone(), description, og_type: "profile", published: None, jsonld: Some(script_json(&ld)) }
}

pub(super) fn event(site: &Site, e: EventId) -> PageMeta {
    let ev = site.event(e);
    let base = &site.config().base_url;
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "name": ev.title,
        "url": Page::event(&ev.id).url(base),
    });
    if let Some((start, end)) = ev.days() {
        ld["startDate"] = json!(start.to_string());
        ld["endDate"] = json!(end.to_string());
    }
    if let Some(place) = &ev.place {
        ld["location"] = json!({"@type": "Place", "name": place});
    }
    if let Some(summary) = &ev.summary {
        ld["description"] = json!(summary);
    }
    let sources: Vec<Value> = site
        .event_links(e)
        .articles
        .iter()
        .map(|&ai| {
            let a = &site.article(ai).loaded;
            json!({"@type": "NewsArticle", "headline": a.title, "url": Page::article(&a.slug).url(base)})
        })
        .collect();
    if !sources.is_empty() {
        ld["subjectOf"] = json!(sources);
    }
    PageMeta {
        title: ev.title.clone(),
        description: ev.summary.clone().unwrap_or_else(|| ev.title.clone()),
        og_type: "website",
        published: None,
        jsonld: Some(script_json(&ld)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_script_element() {
        let hostile = json!({"headline": "</script><script>alert(1)</script><!-- & \u{2028}"});
        let s = script_json(&hostile);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'), "{s}");
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, hostile);
    }
}
