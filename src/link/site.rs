//! The linked site: typed ids for articles, actors and events, the record
//! the link stage keeps for each of them, and [`Site`], which holds the
//! stages' results and answers what the render stage asks.

use std::collections::BTreeMap;

use crate::annotate::Article;
use crate::load::{Actor, Config, Dossier, Event};
use crate::suggest::Suggestions;

/// An article of the site: its place in [`Site::articles`] (slug order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ArticleId(pub(super) usize);

/// An actor of the site: its place among the actors in id order (the order
/// of the actor pages; the registry's own order is kept for annotating).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ActorId(pub(super) usize);

/// An event of the site: its place in the event registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EventId(pub(super) usize);

/// A tag of the site: its place among the tags in slug order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TagId(pub(super) usize);

impl ArticleId {
    pub fn index(self) -> usize {
        self.0
    }
}

impl ActorId {
    pub fn index(self) -> usize {
        self.0
    }
}

impl EventId {
    pub fn index(self) -> usize {
        self.0
    }
}

impl TagId {
    pub fn index(self) -> usize {
        self.0
    }
}

/// A place in an article: the article, and the index of an annotation or
/// a mention in it.
pub type Place = (ArticleId, usize);

/// What links to one actor.
#[derive(Debug, Clone, Default)]
pub struct ActorLinks {
    /// Every mention, in article order.
    pub mentions: Vec<Place>,
    /// Articles that mention or list the actor, in article order.
    pub articles: Vec<ArticleId>,
    /// Events of those articles, with how many articles, in time order.
    pub events: Vec<(EventId, usize)>,
    /// Other actors in the same articles, with how many articles, most first.
    pub co_actors: Vec<(ActorId, usize)>,
    /// Quotes the actor spoke, claims the actor made, claims about the actor.
    pub quotes: Vec<Place>,
    pub claims_by: Vec<Place>,
    pub claims_about: Vec<Place>,
}

/// What links to one event.
#[derive(Debug, Clone, Default)]
pub struct EventLinks {
    /// Articles covering the event, oldest first.
    pub articles: Vec<ArticleId>,
}

/// One tag: the articles that carry it (under any spelling giving the same slug).
#[derive(Debug, Clone, Default)]
pub struct TagLinks {
    /// The tag's page name (`tags/<slug>.html`).
    pub slug: String,
    /// The tag as the first article (in slug order) writes it.
    pub name: String,
    /// In article order.
    pub articles: Vec<ArticleId>,
}

/// What links to and from one article.
#[derive(Debug, Clone, Default)]
pub struct ArticleLinks {
    /// Other articles sharing an event, with the shared events; at most
    /// [`RELATED_PER_EVENT`](super::RELATED_PER_EVENT) per event, the
    /// closest in time, oldest first.
    pub same_event: Vec<(ArticleId, Vec<EventId>)>,
    /// Cross-references from or to the article (places in `Links::cross_refs`).
    pub(super) cross_refs: Vec<usize>,
    /// Per annotation: the cross-reference it makes.
    pub(super) refers_to: BTreeMap<usize, usize>,
    /// Per annotation: the cross-references pointing at it.
    pub(super) referenced_by: BTreeMap<usize, Vec<usize>>,
}

/// A resolved link from one annotated passage to another article's passage.
#[derive(Debug, Clone)]
pub struct CrossRef {
    /// The annotation that points.
    pub from: Place,
    /// The article, and the annotation when the reference names one.
    pub to: (ArticleId, Option<usize>),
    pub relation: String,
}

/// The link stage's result: every index between the articles, actors and
/// events, built in one pass over the articles.
#[derive(Debug, Default)]
pub struct Links {
    /// Per [`ActorId`]: the actor's place in the registry.
    pub(super) actor_order: Vec<usize>,
    /// Hashed, not searched: pages look actors and events up by id for every
    /// chip and card they show, millions of times in a large dossier.
    pub(super) actor_by_id: foldhash::HashMap<String, ActorId>,
    pub(super) actors: Vec<ActorLinks>,
    pub(super) events: Vec<EventLinks>,
    pub(super) articles: Vec<ArticleLinks>,
    pub(super) cross_refs: Vec<CrossRef>,
    pub(super) event_by_id: foldhash::HashMap<String, EventId>,
    /// In slug order.
    pub(super) tags: Vec<TagLinks>,
}

/// The whole dossier, linked: what the render stage turns into pages.
#[derive(Debug)]
pub struct Site {
    /// Settings, registries, templates and theme, as loaded. Its `articles`
    /// were handed to the annotate stage: they are in [`Site::articles`].
    pub dossier: Dossier,
    /// In slug order.
    pub articles: Vec<Article>,
    /// Made by [`link`](super::link) from the two above, and made again when they change.
    pub links: Links,
    /// Suggested links (`[link] show_suggestions` in `dossier.toml`).
    pub suggestions: Option<Suggestions>,
}

impl Site {
    pub fn config(&self) -> &Config {
        &self.dossier.config
    }

    pub fn article(&self, id: ArticleId) -> &Article {
        &self.articles[id.0]
    }

    pub fn actor(&self, id: ActorId) -> &Actor {
        &self.dossier.actors[self.links.actor_order[id.0]]
    }

    pub fn event(&self, id: EventId) -> &Event {
        &self.dossier.events[id.0]
    }

    /// Every article, in slug order.
    pub fn article_ids(&self) -> impl ExactSizeIterator<Item = ArticleId> + DoubleEndedIterator {
        (0..self.articles.len()).map(ArticleId)
    }

    /// Every actor, in id order.
    pub fn actor_ids(&self) -> impl ExactSizeIterator<Item = ActorId> + DoubleEndedIterator {
        (0..self.links.actor_order.len()).map(ActorId)
    }

    /// Every event, in registry order.
    pub fn event_ids(&self) -> impl ExactSizeIterator<Item = EventId> + DoubleEndedIterator {
        (0..self.dossier.events.len()).map(EventId)
    }

    pub fn article_by_slug(&self, slug: &str) -> Option<ArticleId> {
        self.articles.binary_search_by(|a| a.loaded.slug.as_str().cmp(slug)).ok().map(ArticleId)
    }

    pub fn actor_by_id(&self, id: &str) -> Option<ActorId> {
        self.links.actor_by_id.get(id).copied()
    }

    pub fn event_by_id(&self, id: &str) -> Option<EventId> {
        self.links.event_by_id.get(id).copied()
    }

    /// Every tag, in slug order.
    pub fn tag_ids(&self) -> impl ExactSizeIterator<Item = TagId> + DoubleEndedIterator {
        (0..self.links.tags.len()).map(TagId)
    }

    pub fn tag(&self, id: TagId) -> &TagLinks {
        &self.links.tags[id.0]
    }

    pub fn tag_by_slug(&self, slug: &str) -> Option<TagId> {
        self.links.tags.binary_search_by(|t| t.slug.as_str().cmp(slug)).ok().map(TagId)
    }

    pub fn actor_links(&self, id: ActorId) -> &ActorLinks {
        &self.links.actors[id.0]
    }

    pub fn event_links(&self, id: EventId) -> &EventLinks {
        &self.links.events[id.0]
    }

    pub fn article_links(&self, id: ArticleId) -> &ArticleLinks {
        &self.links.articles[id.0]
    }

    /// The cross-references from or to an article, in the order they are written.
    pub fn cross_refs_of(&self, id: ArticleId) -> impl Iterator<Item = &CrossRef> {
        self.links.articles[id.0].cross_refs.iter().map(|&x| &self.links.cross_refs[x])
    }

    /// The cross-references from or to any of `articles`, each once, in the
    /// order they are written.
    pub fn cross_refs_of_all(&self, articles: &[ArticleId]) -> impl Iterator<Item = &CrossRef> {
        let mut all: Vec<usize> = articles.iter().flat_map(|a| self.links.articles[a.0].cross_refs.iter().copied()).collect();
        all.sort_unstable();
        all.dedup();
        all.into_iter().map(|x| &self.links.cross_refs[x])
    }

    /// The cross-reference an annotation makes, if any.
    pub fn refers_to(&self, (article, annotation): Place) -> Option<&CrossRef> {
        self.links.articles[article.0].refers_to.get(&annotation).map(|&x| &self.links.cross_refs[x])
    }

    /// The cross-references pointing at an annotation.
    pub fn referenced_by(&self, (article, annotation): Place) -> impl Iterator<Item = &CrossRef> {
        self.links.articles[article.0].referenced_by.get(&annotation).into_iter().flatten().map(|&x| &self.links.cross_refs[x])
    }
}
