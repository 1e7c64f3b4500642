//! What an edit touches: the pages and files the live preview makes again,
//! derived from the route table.
//!
//! Each kind of page and each site-wide file [`Shows`] something: every
//! article, one article, one actor, one event, or only settings. An edit of
//! an article touches the site as a whole and the records that show the
//! article (its own, its actors, its events, the articles it shares an
//! event or a cross-reference with); a page or file is made again when what
//! it shows was touched. So a new kind of page is refreshed by the rule
//! its `shows` names in the table, with nothing to list here. A template
//! edit touches the kinds the table makes with it, or every page for a
//! layout or a partial.

use std::collections::{BTreeMap, BTreeSet};

use super::Wanted;
use crate::link::{ArticleId, Site};
use crate::urls::{PageKind, Shows};

/// The pages and files to make again after an edit.
#[derive(Debug, Default)]
pub struct Touched {
    /// Every page (a layout or a partial changed).
    every_page: bool,
    /// Every page of these kinds (their template changed).
    kinds: BTreeSet<PageKind>,
    /// Whatever shows every article.
    site: bool,
    /// Records whose pages and files are made again, by what they are
    /// ([`Shows::Article`], `Actor`, `Event` or `Tag`) and their key.
    records: BTreeMap<Shows, BTreeSet<String>>,
}

impl Touched {
    /// The pages made with the templates `names`: the kinds the route table
    /// makes with them, or every page when one of them makes no page (a
    /// layout or a partial, which any page may use).
    pub fn templates<'n>(names: impl IntoIterator<Item = &'n str>) -> Touched {
        let mut touched = Touched::default();
        for name in names {
            let kinds: Vec<PageKind> = PageKind::made_with(name).collect();
            touched.every_page |= kinds.is_empty();
            touched.kinds.extend(kinds);
        }
        touched
    }

    /// Everything that shows something of article `ai` as the site stands:
    /// what shows every article, the article's own page, the pages and
    /// files of its actors, events and tags, of the articles it shares an
    /// event with, and of those it refers to or that refer to it and their events.
    pub fn what_shows(&mut self, site: &Site, ai: ArticleId) {
        self.site = true;
        let article = site.article(ai);
        self.article(&article.loaded.slug);
        for id in article.actors.iter().filter(|id| site.actor_by_id(id).is_some()) {
            self.add(Shows::Actor, id);
        }
        for id in article.events.iter().filter(|id| site.event_by_id(id).is_some()) {
            self.add(Shows::Event, id);
        }
        for name in &article.loaded.tags {
            self.add(Shows::Tag, &crate::text::slugify(name));
        }
        for (other, _) in &site.article_links(ai).same_event {
            self.article(&site.article(*other).loaded.slug);
        }
        // A cross-reference shows on the pages of both its articles and of
        // their events (an event's page lists the disagreements about it).
        for cross in site.cross_refs_of(ai) {
            for a in [cross.from.0, cross.to.0] {
                let other = site.article(a);
                self.article(&other.loaded.slug);
                for id in other.events.iter().filter(|id| site.event_by_id(id).is_some()) {
                    self.add(Shows::Event, id);
                }
            }
        }
    }

    /// The page (and files) of the article `slug`.
    pub fn article(&mut self, slug: &str) {
        self.add(Shows::Article, slug);
    }

    /// No longer the page of the article `slug` (it was made already).
    pub fn forget_article(&mut self, slug: &str) {
        if let Some(keys) = self.records.get_mut(&Shows::Article) {
            keys.remove(slug);
        }
    }

    /// What `other` touches too.
    pub fn extend(&mut self, other: Touched) {
        self.every_page |= other.every_page;
        self.kinds.extend(other.kinds);
        self.site |= other.site;
        for (shows, keys) in other.records {
            self.records.entry(shows).or_default().extend(keys);
        }
    }

    /// Whether nothing is touched.
    pub fn is_empty(&self) -> bool {
        !self.every_page && self.kinds.is_empty() && !self.site && self.records.values().all(BTreeSet::is_empty)
    }

    fn add(&mut self, shows: Shows, key: &str) {
        self.records.entry(shows).or_default().insert(key.to_string());
    }

    /// Whether the page or file `w` is to be made again.
    pub fn wants(&self, w: Wanted<'_>) -> bool {
        let page = w.kind.is_some_and(|kind| self.every_page || self.kinds.contains(&kind));
        let shown = match w.shows {
            Shows::Site => self.site,
            Shows::Settings => false,
            record => self.records.get(&record).is_some_and(|keys| keys.contains(w.key)),
        };
        page || shown
    }
}
