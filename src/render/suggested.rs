//! Suggested links on an article page, from `dossier suggest`'s suggestions.
//!
//! In the live preview (`dossier serve`) the analyst sees all of them with
//! their evidence: near-duplicates, other coverage of the same event that is
//! not declared yet, registered events the article may cover, and passages
//! (quotes, figures) that other articles report too, each with its score.
//! That is tool output, for deciding what to declare; the published site
//! never shows it. With `[link] show_suggestions` the published page gets
//! only "see also" links to the suggested articles ([`see_also`]).

use crate::link::{ArticleId, Site};
use crate::suggest::{Evidence, Status};
use crate::urls::Page;

/// Passages listed per page; the rest are left to `dossier suggest`.
const MAX_PASSAGES: usize = 12;

fn evidence(e: &Evidence) -> String {
    let mut parts = Vec::new();
    for (label, items) in [("actors", &e.actors), ("places", &e.places), ("figures", &e.figures)] {
        if !items.is_empty() {
            parts.push(format!("{label}: {}", items.iter().take(6).cloned().collect::<Vec<_>>().join(", ")));
        }
    }
    match e.days_apart {
        Some(0) => parts.push("same day".into()),
        Some(d) => parts.push(format!("{d} day(s) apart")),
        None => {}
    }
    parts.join("; ")
}

/// The articles a published page lists under "See also": near-duplicates
/// and undeclared coverage of the same event, best first.
pub(super) fn see_also(site: &Site, ai: ArticleId) -> Vec<ArticleId> {
    let Some(s) = &site.suggestions else { return Vec::new() };
    if !site.config().link.show_suggestions {
        return Vec::new();
    }
    let slug = &site.article(ai).loaded.slug;
    let Ok(k) = s.articles.binary_search_by(|a| a.slug.cmp(slug)) else { return Vec::new() };
    s.articles[k].related.iter().filter(|r| r.near_duplicate.is_some() || !r.declared).filter_map(|r| site.article_by_slug(&r.slug)).collect()
}

/// The preview's block, or null when there is nothing to suggest.
pub(super) fn article(site: &Site, ai: ArticleId) -> serde_json::Value {
    let Some(s) = &site.suggestions else { return serde_json::Value::Null };
    let slug = &site.article(ai).loaded.slug;
    let Ok(k) = s.articles.binary_search_by(|a| a.slug.cmp(slug)) else { return serde_json::Value::Null };
    let links = &s.articles[k];
    let card = |other: &str| site.article_by_slug(other).map(|i| (Page::article(other).path(), site.article(i).loaded.title.clone()));
    let mut near_duplicates = Vec::new();
    let mut related = Vec::new();
    for r in &links.related {
        let Some((url, title)) = card(&r.slug) else { continue };
        match &r.near_duplicate {
            Some(nd) => near_duplicates.push(serde_json::json!({
                "url": url, "title": title, "kind": nd.kind, "similarity": format!("{:.2}", nd.similarity), "evidence": evidence(&r.evidence),
            })),
            None if !r.declared => {
                related.push(serde_json::json!({ "url": url, "title": title, "score": format!("{:.2}", r.score), "evidence": evidence(&r.evidence) }))
            }
            None => {}
        }
    }
    let events: Vec<serde_json::Value> = links
        .events
        .iter()
        .filter(|e| e.status == Status::Suggested)
        .filter(|e| site.event_by_id(&e.id).is_some())
        .map(|e| serde_json::json!({ "url": Page::event(&e.id).path(), "title": e.title, "score": format!("{:.2}", e.score.unwrap_or(0.0)), "reason": e.reason }))
        .collect();
    let passages: Vec<serde_json::Value> = links
        .passages
        .iter()
        .filter_map(|p| card(&p.other).map(|(url, title)| (p, url, title)))
        .take(MAX_PASSAGES)
        .map(|(p, url, title)| {
            let what = match &p.figure {
                Some(f) => format!("Same figure ({f})"),
                None => format!("Same quote ({:.0}% of words shared)", p.similarity * 100.0),
            };
            serde_json::json!({ "what": what, "here": p.here, "there": p.there, "url": url, "title": title })
        })
        .collect();
    if near_duplicates.is_empty() && related.is_empty() && events.is_empty() && passages.is_empty() {
        return serde_json::Value::Null;
    }
    serde_json::json!({ "near_duplicates": near_duplicates, "related": related, "events": events, "passages": passages })
}
