//! Stage 3, **link**: connect the articles to each other, to actors and to
//! events, and check the references that cross article boundaries.
//!
//! Everything later pages need is an index built here in one pass over the
//! articles (never a scan of every article per page), so actor and event
//! pages stay cheap however large the dossier grows. Cross-references
//! between annotations are resolved once into [`CrossRef`] records; the
//! "referenced by" lists are derived from those records.

use std::collections::BTreeMap;

use crate::annotate::Article;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{Actor, Config, Dossier, Event};

/// How many other articles of one event an article page lists as "other
/// coverage": the closest in time. Event pages list them all.
pub const RELATED_PER_EVENT: usize = 10;

/// A resolved link from one annotated passage to another article's passage.
#[derive(Debug, Clone)]
pub struct CrossRef {
    /// (article index, annotation index) of the passage that points.
    pub from: (usize, usize),
    /// Article index and, when the reference names one, annotation index.
    pub to: (usize, Option<usize>),
    pub relation: String,
}

/// A place in an article: (article index, annotation or mention index).
pub type Place = (usize, usize);

/// The whole dossier, linked: what the render stage turns into pages.
pub struct Site {
    pub config: Config,
    pub actors: Vec<Actor>,
    /// Offices and their holders (shown on the holders' pages).
    pub roles: Vec<crate::load::Role>,
    /// Old ids of merged actors: each gets a redirect page.
    pub merged: Vec<crate::load::Merged>,
    pub events: Vec<Event>,
    /// In slug order.
    pub articles: Vec<Article>,
    pub templates: Vec<(String, String)>,
    pub theme: Vec<(String, Vec<u8>)>,
    pub article_by_slug: BTreeMap<String, usize>,
    /// Event id to index in `events` (which keep the registry's order).
    pub event_by_id: BTreeMap<String, usize>,
    /// Per actor: (article, mention) pairs, in article order.
    pub mentions_of: Vec<Vec<Place>>,
    /// Per actor: articles that mention or list the actor.
    pub articles_of_actor: Vec<Vec<usize>>,
    /// Per actor: events of those articles, with how many articles.
    pub events_of_actor: Vec<Vec<(usize, usize)>>,
    /// Per actor: other actors in the same articles, with how many articles, most first.
    pub co_actors: Vec<Vec<(usize, usize)>>,
    /// Per actor: quotes spoken, claims made, claims about.
    pub quotes_by: Vec<Vec<Place>>,
    pub claims_by: Vec<Vec<Place>>,
    pub claims_about: Vec<Vec<Place>>,
    /// Per event: articles covering it, oldest first.
    pub articles_of_event: Vec<Vec<usize>>,
    /// Per article: other articles sharing an event, with the shared events;
    /// at most [`RELATED_PER_EVENT`] per event, the closest in time.
    pub same_event: Vec<Vec<(usize, Vec<usize>)>>,
    pub cross_refs: Vec<CrossRef>,
    /// Per (article, annotation): the cross-ref it makes.
    pub refers_to: BTreeMap<Place, usize>,
    /// Per (article, annotation): cross-refs pointing at it.
    pub referenced_by: BTreeMap<Place, Vec<usize>>,
    /// Per article: cross-refs from or to it.
    pub refs_of_article: Vec<Vec<usize>>,
    /// Suggested links (`[link] show_suggestions` in `dossier.toml`), by article slug.
    pub suggestions: Option<crate::suggest::Suggestions>,
}

impl Site {
    pub fn actor_index(&self, id: &str) -> Option<usize> {
        self.actors.binary_search_by(|a| a.id.as_str().cmp(id)).ok()
    }

    pub fn event_index(&self, id: &str) -> Option<usize> {
        self.event_by_id.get(id).copied()
    }
}

/// Link annotated articles into a [`Site`].
pub fn link(dossier: Dossier, articles: Vec<Article>) -> (Site, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut actors = dossier.actors;
    actors.sort_by(|a, b| a.id.cmp(&b.id));
    let events = dossier.events;
    let article_by_slug: BTreeMap<String, usize> = articles.iter().enumerate().map(|(i, a)| (a.slug.clone(), i)).collect();
    let actor_pos: BTreeMap<&str, usize> = actors.iter().enumerate().map(|(i, a)| (a.id.as_str(), i)).collect();
    let event_by_id: BTreeMap<String, usize> = events.iter().enumerate().map(|(i, e)| (e.id.clone(), i)).collect();
    let event_pos = &event_by_id;

    let n = actors.len();
    let mut mentions_of = vec![Vec::new(); n];
    let mut articles_of_actor = vec![Vec::new(); n];
    let mut quotes_by = vec![Vec::new(); n];
    let mut claims_by = vec![Vec::new(); n];
    let mut claims_about = vec![Vec::new(); n];
    let mut articles_of_event = vec![Vec::new(); events.len()];
    let mut co_counts: Vec<BTreeMap<usize, usize>> = vec![BTreeMap::new(); n];
    let mut event_counts: Vec<BTreeMap<usize, usize>> = vec![BTreeMap::new(); n];

    for (ai, article) in articles.iter().enumerate() {
        for (mi, m) in article.mentions.iter().enumerate() {
            if let Some(&x) = actor_pos.get(&*m.actor) {
                mentions_of[x].push((ai, mi));
            }
        }
        let present: Vec<usize> = article.actors.iter().filter_map(|id| actor_pos.get(id.as_str()).copied()).collect();
        let article_events: Vec<usize> = article.events.iter().filter_map(|id| event_pos.get(id.as_str()).copied()).collect();
        for &x in &present {
            articles_of_actor[x].push(ai);
            for &y in &present {
                if x != y {
                    *co_counts[x].entry(y).or_default() += 1;
                }
            }
            for &e in &article_events {
                *event_counts[x].entry(e).or_default() += 1;
            }
        }
        for &e in &article_events {
            articles_of_event[e].push(ai);
        }
        for (ni, a) in article.annotations.iter().enumerate() {
            let by = a.by.as_deref().and_then(|id| actor_pos.get(id).copied());
            match (a.kind, by) {
                (crate::annotate::Kind::Quote, Some(x)) => quotes_by[x].push((ai, ni)),
                (crate::annotate::Kind::Claim, Some(x)) => claims_by[x].push((ai, ni)),
                _ => {}
            }
            if a.kind == crate::annotate::Kind::Claim {
                for id in &a.about {
                    if let Some(&x) = actor_pos.get(id.as_str()) {
                        claims_about[x].push((ai, ni));
                    }
                }
            }
        }
    }

    let sort_desc = |counts: BTreeMap<usize, usize>| {
        let mut v: Vec<(usize, usize)> = counts.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    };
    let co_actors: Vec<Vec<(usize, usize)>> = co_counts.into_iter().map(sort_desc).collect();
    let events_of_actor: Vec<Vec<(usize, usize)>> = event_counts
        .into_iter()
        .map(|c| {
            let mut v: Vec<(usize, usize)> = c.into_iter().collect();
            v.sort_by_key(|&(e, _)| (events[e].start, e));
            v
        })
        .collect();
    let by_date = |&a: &usize, &b: &usize| (articles[a].date, &articles[a].slug).cmp(&(articles[b].date, &articles[b].slug));
    for list in &mut articles_of_event {
        list.sort_by(by_date);
    }

    // Same-event neighbours, from the event index (never all pairs of
    // articles): per event, the RELATED_PER_EVENT articles closest in time,
    // so a story covered by thousands of articles costs each of them a
    // bounded list (the event page lists every source).
    let mut shared: Vec<BTreeMap<usize, Vec<usize>>> = vec![BTreeMap::new(); articles.len()];
    for (e, list) in articles_of_event.iter().enumerate() {
        let window = RELATED_PER_EVENT.min(list.len().saturating_sub(1));
        for (p, &a) in list.iter().enumerate() {
            // `window` neighbours around position p (the list is in date order), shifted at the ends.
            let start = p.saturating_sub(window / 2).min(list.len() - 1 - window);
            for &b in &list[start..=start + window] {
                if a != b {
                    shared[a].entry(b).or_default().push(e);
                }
            }
        }
    }
    let same_event: Vec<Vec<(usize, Vec<usize>)>> = shared
        .into_iter()
        .map(|m| {
            let mut v: Vec<(usize, Vec<usize>)> = m.into_iter().collect();
            v.sort_by(|(a, _), (b, _)| by_date(a, b));
            v
        })
        .collect();

    let mut cross_refs = Vec::new();
    let mut referenced_by: BTreeMap<Place, Vec<usize>> = BTreeMap::new();
    let mut refers_to: BTreeMap<Place, usize> = BTreeMap::new();
    let mut refs_of_article: Vec<Vec<usize>> = vec![Vec::new(); articles.len()];
    for (ai, article) in articles.iter().enumerate() {
        for (ni, a) in article.annotations.iter().enumerate() {
            let Some(target) = &a.target else { continue };
            let file = &article.source.source;
            let Some(&ti) = article_by_slug.get(&target.article) else {
                diags.push(
                    Diagnostic::error_at(file, target.span.clone(), format!("cross-reference to a missing article `{}`", target.article))
                        .with_hint(suggest(&target.article, article_by_slug.keys())),
                );
                continue;
            };
            let anchor = match &target.anchor {
                None => None,
                Some(anchor) => match articles[ti].annotations.iter().position(|x| &x.id == anchor) {
                    Some(p) => Some(p),
                    None => {
                        let ids: Vec<&str> = articles[ti].annotations.iter().map(|x| x.id.as_str()).filter(|id| !id.starts_with('a') || id.len() > 4).collect();
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
            if ti == ai && anchor == Some(ni) {
                diags.push(Diagnostic::error_at(file, target.span.clone(), "an annotation cannot refer to itself").with_hint("point to= at another passage"));
                continue;
            }
            if let Some(p) = anchor {
                referenced_by.entry((ti, p)).or_default().push(cross_refs.len());
            }
            refers_to.insert((ai, ni), cross_refs.len());
            refs_of_article[ai].push(cross_refs.len());
            if ti != ai {
                refs_of_article[ti].push(cross_refs.len());
            }
            cross_refs.push(CrossRef { from: (ai, ni), to: (ti, anchor), relation: target.relation.clone() });
        }
    }

    let site = Site {
        config: dossier.config,
        actors,
        roles: dossier.roles,
        merged: dossier.merged,
        events,
        articles,
        templates: dossier.templates,
        theme: dossier.theme,
        article_by_slug,
        event_by_id,
        mentions_of,
        articles_of_actor,
        events_of_actor,
        co_actors,
        quotes_by,
        claims_by,
        claims_about,
        articles_of_event,
        same_event,
        cross_refs,
        refers_to,
        referenced_by,
        refs_of_article,
        suggestions: None,
    };
    (site, diags)
}

/// "did you mean ...?" by shared prefix, the cheapest useful guess.
fn suggest<'a>(wrong: &str, known: impl Iterator<Item = &'a String>) -> String {
    let best = known.map(|k| (k.chars().zip(wrong.chars()).take_while(|(a, b)| a == b).count(), k)).filter(|(n, _)| *n >= 4).max_by_key(|(n, _)| *n);
    match best {
        Some((_, k)) => format!("did you mean `{k}`? (the slug is the article's file name without .md)"),
        None => "to= takes an article's file name without .md".to_string(),
    }
}
