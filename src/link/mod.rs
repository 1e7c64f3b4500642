//! Stage 3, **link**: connect the articles to each other, to actors and to
//! events, and check the references that cross article boundaries.
//!
//! Everything later pages need is an index built here in one pass over the
//! articles (never a scan of every article per page), so actor and event
//! pages stay cheap however large the dossier grows. The indexes are one
//! record per actor ([`ActorLinks`]), per event ([`EventLinks`]) and per
//! article ([`ArticleLinks`]), addressed by typed ids ([`ActorId`],
//! [`EventId`], [`ArticleId`]), so an article index cannot be used for an
//! actor. Cross-references between annotations are resolved once into
//! [`CrossRef`] records; the "referenced by" lists are derived from those.
//!
//! [`link`] only borrows the articles and the registries: the [`Site`]
//! holding them (and the indexes) is put together by the pipeline.

mod site;

use std::collections::BTreeMap;

pub use site::{ActorId, ActorLinks, ArticleId, ArticleLinks, CrossRef, EventId, EventLinks, Links, Place, Site, TagId, TagLinks};

use crate::annotate::{Article, Kind};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::Dossier;

/// How many other articles of one event an article page lists as "other
/// coverage": the closest in time. Event pages list them all.
pub const RELATED_PER_EVENT: usize = 6;

/// Link `articles` (annotated, in slug order) to each other and to the
/// actors and events of `dossier`. Only borrows: the live preview links
/// again after every edit, with everything else as it was.
pub fn link(dossier: &Dossier, articles: &[Article]) -> (Links, Diagnostics) {
    let mut diags = Diagnostics::new();
    let actors = &dossier.actors;
    let events = &dossier.events;
    let mut actor_order: Vec<usize> = (0..actors.len()).collect();
    actor_order.sort_by(|&a, &b| actors[a].id.cmp(&actors[b].id));
    let actor_pos: BTreeMap<&str, ActorId> = actor_order.iter().enumerate().map(|(x, &i)| (actors[i].id.as_str(), ActorId(x))).collect();
    let actor_by_id: foldhash::HashMap<String, ActorId> = actor_pos.iter().map(|(&id, &x)| (id.to_string(), x)).collect();
    let event_by_id: foldhash::HashMap<String, EventId> = events.iter().enumerate().map(|(i, e)| (e.id.clone(), EventId(i))).collect();
    let article_by_slug: BTreeMap<&str, ArticleId> = articles.iter().enumerate().map(|(i, a)| (a.loaded.slug.as_str(), ArticleId(i))).collect();

    let mut of_actor = vec![ActorLinks::default(); actors.len()];
    let mut of_event = vec![EventLinks::default(); events.len()];
    let mut co_counts: Vec<BTreeMap<ActorId, usize>> = vec![BTreeMap::new(); actors.len()];
    let mut event_counts: Vec<BTreeMap<EventId, usize>> = vec![BTreeMap::new(); actors.len()];

    for (ai, article) in articles.iter().enumerate() {
        let ai = ArticleId(ai);
        for (mi, m) in article.mentions.iter().enumerate() {
            if let Some(&x) = actor_pos.get(&*m.actor) {
                of_actor[x.0].mentions.push((ai, mi));
            }
        }
        let present: Vec<ActorId> = article.actors.iter().filter_map(|id| actor_pos.get(id.as_str()).copied()).collect();
        let article_events: Vec<EventId> = article.events.iter().filter_map(|id| event_by_id.get(id.as_str()).copied()).collect();
        for &x in &present {
            of_actor[x.0].articles.push(ai);
            for &y in &present {
                if x != y {
                    *co_counts[x.0].entry(y).or_default() += 1;
                }
            }
            for &e in &article_events {
                *event_counts[x.0].entry(e).or_default() += 1;
            }
        }
        for &e in &article_events {
            of_event[e.0].articles.push(ai);
        }
        for (ni, a) in article.annotations.iter().enumerate() {
            let by = a.by.as_deref().and_then(|id| actor_pos.get(id).copied());
            match (a.kind, by) {
                (Kind::Quote, Some(x)) => of_actor[x.0].quotes.push((ai, ni)),
                (Kind::Claim, Some(x)) => of_actor[x.0].claims_by.push((ai, ni)),
                _ => {}
            }
            if a.kind == Kind::Claim {
                for id in &a.about {
                    if let Some(&x) = actor_pos.get(id.as_str()) {
                        of_actor[x.0].claims_about.push((ai, ni));
                    }
                }
            }
        }
    }

    for ((links, co), counts) in of_actor.iter_mut().zip(co_counts).zip(event_counts) {
        links.co_actors = co.into_iter().collect();
        links.co_actors.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        links.events = counts.into_iter().collect();
        links.events.sort_by_key(|&(e, _)| (events[e.0].start, e));
    }
    let by_date = |a: &ArticleId, b: &ArticleId| {
        let (x, y) = (&articles[a.0].loaded, &articles[b.0].loaded);
        (x.date, &x.slug).cmp(&(y.date, &y.slug))
    };
    for e in &mut of_event {
        e.articles.sort_by(by_date);
    }

    // Same-event neighbours, from the event index (never all pairs of
    // articles): per event, the RELATED_PER_EVENT articles closest in time,
    // so a story covered by thousands of articles costs each of them a
    // bounded list (the event page lists every source).
    let mut shared: Vec<BTreeMap<ArticleId, Vec<EventId>>> = vec![BTreeMap::new(); articles.len()];
    for (e, list) in of_event.iter().enumerate() {
        let list = &list.articles;
        let window = RELATED_PER_EVENT.min(list.len().saturating_sub(1));
        for (p, &a) in list.iter().enumerate() {
            // `window` neighbours around position p (the list is in date order), shifted at the ends.
            let start = p.saturating_sub(window / 2).min(list.len() - 1 - window);
            for &b in &list[start..=start + window] {
                if a != b {
                    shared[a.0].entry(b).or_default().push(EventId(e));
                }
            }
        }
    }
    let mut of_article: Vec<ArticleLinks> = shared
        .into_iter()
        .map(|m| {
            let mut same_event: Vec<(ArticleId, Vec<EventId>)> = m.into_iter().collect();
            same_event.sort_by(|(a, _), (b, _)| by_date(a, b));
            ArticleLinks { same_event, ..ArticleLinks::default() }
        })
        .collect();

    for article in articles {
        for (slug, span) in &article.links_to {
            if !article_by_slug.contains_key(slug.as_str()) {
                diags.push(missing_article(dossier, &article.loaded.file, span.clone(), "link", slug, &article_by_slug));
            }
        }
    }

    let mut cross_refs = Vec::new();
    for (ai, article) in articles.iter().enumerate() {
        for (ni, a) in article.annotations.iter().enumerate() {
            let Some(target) = &a.target else { continue };
            let file = &article.loaded.file;
            let Some(&ti) = article_by_slug.get(target.article.as_str()) else {
                diags.push(missing_article(dossier, file, target.span.clone(), "cross-reference", &target.article, &article_by_slug));
                continue;
            };
            let anchor = match &target.anchor {
                None => None,
                Some(anchor) => match articles[ti.0].annotations.iter().position(|x| &x.id == anchor) {
                    Some(p) => Some(p),
                    None => {
                        let ids: Vec<&str> =
                            articles[ti.0].annotations.iter().map(|x| x.id.as_str()).filter(|id| !id.starts_with('a') || id.len() > 4).collect();
                        diags.push(Diagnostic::error_at(file, target.span.clone(), format!("`{}` has no annotation `#{anchor}`", target.article)).with_hint(
                            if ids.is_empty() {
                                "give the target passage an id: [passage]{.claim #my-id ...}".to_string()
                            } else {
                                format!("its annotation ids are: {}", ids.join(", "))
                            },
                        ));
                        continue;
                    }
                },
            };
            if ti.0 == ai && anchor == Some(ni) {
                diags.push(Diagnostic::error_at(file, target.span.clone(), "an annotation cannot refer to itself").with_hint("point to= at another passage"));
                continue;
            }
            let x = cross_refs.len();
            if let Some(p) = anchor {
                of_article[ti.0].referenced_by.entry(p).or_default().push(x);
            }
            of_article[ai].refers_to.insert(ni, x);
            of_article[ai].cross_refs.push(x);
            if ti.0 != ai {
                of_article[ti.0].cross_refs.push(x);
            }
            cross_refs.push(CrossRef { from: (ArticleId(ai), ni), to: (ti, anchor), relation: target.relation.clone() });
        }
    }

    let links = Links { actor_order, actor_by_id, actors: of_actor, events: of_event, articles: of_article, cross_refs, event_by_id, tags: tags(articles) };
    (links, diags)
}

/// The tags, by slug, each with its articles (in article order).
fn tags(articles: &[Article]) -> Vec<site::TagLinks> {
    let mut by_slug: BTreeMap<String, site::TagLinks> = BTreeMap::new();
    for (ai, article) in articles.iter().enumerate() {
        for name in &article.loaded.tags {
            let slug = crate::text::slugify(name);
            let tag = by_slug.entry(slug.clone()).or_insert_with(|| site::TagLinks { slug, name: name.clone(), articles: Vec::new() });
            tag.articles.push(ArticleId(ai));
        }
    }
    by_slug.into_values().collect()
}

/// A reference (`to=`, or a link to `other.md`) to an article this build
/// does not have: a draft it leaves out, or a slug to correct.
fn missing_article(
    dossier: &Dossier,
    file: &std::sync::Arc<crate::diagnostics::FileText>,
    span: std::ops::Range<usize>,
    what: &str,
    slug: &str,
    known: &BTreeMap<&str, ArticleId>,
) -> Diagnostic {
    if dossier.drafts_left_out.iter().any(|d| d == slug) {
        return Diagnostic::error_at(file, span, format!("`{slug}` is a draft, left out of this build"))
            .with_hint("publish it (remove `draft = true`), build with --drafts, or remove the reference until it is published");
    }
    if dossier.left_out_with_errors.iter().any(|d| d == slug) {
        // A consequence, not a second problem: said once, as a warning, the
        // way a compiler stays quiet about uses of an item that failed.
        return Diagnostic::warning_at(file, span, format!("{what} to `{slug}`, which has errors and is left out of this build"))
            .with_hint("fix the errors reported in that article; this reference works again once it builds");
    }
    let hint = match crate::text::closest(slug, known.keys().copied()) {
        Some(right) => format!("did you mean `{right}`? (an article is named by its file name without .md)"),
        None => "an article is named by its file name without .md".to_string(),
    };
    Diagnostic::error_at(file, span, format!("{what} to a missing article `{slug}`")).with_hint(hint)
}
