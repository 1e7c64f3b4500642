//! What a change does to the dossier as a whole: its settings, its actor
//! and event registries, and the addresses of its published pages.
//!
//! Settings that can hurt readers or every published link (`allow_raw_html`,
//! `base_url`) come first, with why. An actor whose id changed is told
//! apart from an actor merged into another: a merge is what
//! `dossier actors merge` records (`[[merged]]`, whose page redirects); an
//! id changed by hand leaves the same spellings under a new id. Either way
//! the old page goes, unless something keeps it: the pages of the base's
//! site that the head's lacks, or has only as redirects, are listed, with
//! the `aliases` (articles) or `old_ids` (actors) entry that would keep
//! each working.

use std::collections::{BTreeMap, BTreeSet};

use crate::load::{Actor, Config, Event, ACTORS};
use crate::text::fold;
use crate::urls::{Page, PageKind};

use super::annotations::CrossRefs;
use super::model::*;
use super::snapshot::{Pair, Snapshot};

/// Every setting of `dossier.toml` as the build reads it, the risky ones
/// first, each with what a change of it does.
fn settings(c: &Config) -> Vec<(&'static str, String, Option<&'static str>)> {
    vec![
        (
            "allow_raw_html",
            c.allow_raw_html.to_string(),
            Some(
                "with true, the HTML written in articles reaches readers (through a sanitiser) instead of being shown as text: \
                 any article, from any contributor, can shape its page",
            ),
        ),
        (
            "base_url",
            c.base_url.clone(),
            Some(
                "every absolute address of the site changes (canonical links, feeds, sitemap, JSON-LD): \
                 links readers and search engines have to the old addresses break",
            ),
        ),
        ("title", c.title.clone(), None),
        ("description", c.description.clone(), None),
        ("language", c.language.clone(), None),
        ("output", c.output.clone(), Some("the site is built into another folder: the publishing workflow must upload that one")),
        ("search_words", c.search_words.to_string(), None),
        ("link.show_suggestions", c.link.show_suggestions.to_string(), None),
        ("link.min_score", c.link.min_score.to_string(), None),
    ]
}

pub(super) fn setting_changes(base: &Config, head: &Config) -> Vec<SettingChange> {
    settings(base)
        .into_iter()
        .zip(settings(head))
        .filter(|(b, h)| b.1 != h.1)
        .map(|((setting, before, risk), (_, after, _))| SettingChange { setting: setting.to_string(), before, after, risk: risk.map(str::to_string) })
        .collect()
}

fn spellings(a: &Actor) -> BTreeSet<String> {
    std::iter::once(&a.name).chain(&a.aliases).map(|s| fold(s)).collect()
}

fn actor_fields(o: &Actor, n: &Actor) -> Vec<FieldChange> {
    let kind = |a: &Actor| format!("{:?}", a.kind).to_lowercase();
    [
        field("name", Some(o.name.clone()), Some(n.name.clone())),
        field("kind", Some(kind(o)), Some(kind(n))),
        field("role", o.role.clone(), n.role.clone()),
        field("description", o.description.clone(), n.description.clone()),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The base's actors whose id changed: to the head actor that records the
/// old id (`old_ids`), or else to an actor new in the head with the same
/// name or spellings (changed by hand).
fn renamed_actors<'a>(base: &'a Snapshot, head: &'a Snapshot) -> BTreeMap<&'a str, &'a str> {
    let old: BTreeMap<&str, &Actor> = base.actors.iter().map(|a| (a.id.as_str(), a)).collect();
    let new: BTreeMap<&str, &Actor> = head.actors.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut added: BTreeSet<&str> = new.keys().filter(|id| !old.contains_key(*id)).copied().collect();
    let mut renamed = BTreeMap::new();
    for (id, o) in old.iter().filter(|(id, _)| !new.contains_key(*id)) {
        let record = head.merged.iter().find(|m| m.id == *id);
        let into = match record {
            Some(m) => Some(m.into.as_str()).filter(|into| m.renamed && added.contains(into)),
            None => {
                let mine = spellings(o);
                added.iter().copied().find(|x| !spellings(new[x]).is_disjoint(&mine))
            }
        };
        if let Some(into) = into {
            added.remove(into);
            renamed.insert(*id, into);
        }
    }
    renamed
}

pub(super) fn actor_changes(base: &Snapshot, head: &Snapshot, mentions: &[MentionChange]) -> Vec<ActorChange> {
    let by_id = |actors: &[Actor]| -> BTreeMap<String, Actor> { actors.iter().map(|a| (a.id.clone(), a.clone())).collect() };
    let (old, new) = (by_id(&base.actors), by_id(&head.actors));
    let renamed = renamed_actors(base, head);
    let old_id_of: BTreeMap<&str, &str> = renamed.iter().map(|(o, n)| (*n, *o)).collect();
    let ids: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    let mut out = Vec::new();
    for id in ids {
        if renamed.contains_key(id.as_str()) {
            continue; // reported under its new id
        }
        let old_id = old_id_of.get(id.as_str()).copied();
        let (o, n) = (old.get(id).or_else(|| old_id.and_then(|x| old.get(x))), new.get(id));
        let mention_pages: Vec<String> = mentions
            .iter()
            .filter(|m| &m.actor == id || Some(m.actor.as_str()) == old_id)
            .flat_map(|m| m.articles.iter().map(|c| Page::article(&c.key).path()))
            .collect();
        let mut change = match (o, n) {
            (None, Some(n)) => ActorChange {
                status: Status::Added,
                id: id.clone(),
                name: n.name.clone(),
                old_id: None,
                fields: Vec::new(),
                aliases_added: n.aliases.clone(),
                aliases_removed: Vec::new(),
                merged_into: None,
                spellings_moved_to: None,
                pages: vec![Page::actor(id).path()],
            },
            (Some(o), None) => {
                // Recorded by `dossier actors merge`: a merge. Its spellings
                // under another actor's name, with no record: a merge by hand,
                // which leaves the old page without a redirect.
                let merged_into = head.merged.iter().find(|m| &m.id == id).map(|m| m.into.clone());
                let mine = spellings(o);
                let spellings_moved_to =
                    merged_into.is_none().then(|| head.actors.iter().find(|h| !spellings(h).is_disjoint(&mine)).map(|h| h.id.clone())).flatten();
                let mut pages = vec![Page::actor(id).path()];
                // The other actor's page now shows the old one's mentions too.
                pages.extend(merged_into.iter().chain(&spellings_moved_to).map(|into| Page::actor(into).path()));
                ActorChange {
                    status: Status::Removed,
                    id: id.clone(),
                    name: o.name.clone(),
                    old_id: None,
                    fields: Vec::new(),
                    aliases_added: Vec::new(),
                    aliases_removed: o.aliases.clone(),
                    merged_into,
                    spellings_moved_to,
                    pages,
                }
            }
            (Some(o), Some(n)) => {
                let fields = actor_fields(o, n);
                let aliases_added: Vec<String> = n.aliases.iter().filter(|a| !o.aliases.contains(a)).cloned().collect();
                let aliases_removed: Vec<String> = o.aliases.iter().filter(|a| !n.aliases.contains(a)).cloned().collect();
                if old_id.is_none() && fields.is_empty() && aliases_added.is_empty() && aliases_removed.is_empty() {
                    continue;
                }
                let mut pages = vec![Page::actor(id).path()];
                pages.extend(old_id.map(|x| Page::actor(x).path()));
                // A new name or id shows on every page that lists the actor.
                if old_id.is_some() || fields.iter().any(|f| f.field == "name") {
                    pages.extend(head.articles.iter().filter(|(_, v)| v.actors.contains(id)).map(|(s, _)| Page::article(s).path()));
                }
                ActorChange {
                    status: if old_id.is_some() { Status::Renamed } else { Status::Changed },
                    id: id.clone(),
                    name: n.name.clone(),
                    old_id: old_id.map(str::to_string),
                    fields,
                    aliases_added,
                    aliases_removed,
                    merged_into: None,
                    spellings_moved_to: None,
                    pages,
                }
            }
            (None, None) => continue,
        };
        change.pages.extend(mention_pages);
        change.pages.sort();
        change.pages.dedup();
        out.push(change);
    }
    out
}

pub(super) fn event_changes(
    base: &Snapshot,
    head: &Snapshot,
    head_slug_of: &BTreeMap<&str, &str>,
    base_refs: &CrossRefs,
    head_refs: &CrossRefs,
) -> Vec<EventChange> {
    let members = |snap: &Snapshot, map: Option<&BTreeMap<&str, &str>>| {
        let mut m: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (slug, view) in &snap.articles {
            let slug = map.and_then(|m| m.get(slug.as_str()).copied()).unwrap_or(slug);
            for e in &view.events {
                m.entry(e.clone()).or_default().insert(slug.to_string());
            }
        }
        m
    };
    let (mb, mh) = (members(base, Some(head_slug_of)), members(head, None));
    let (db, dh) = (base_refs.disagreements(), head_refs.disagreements());
    let by_id = |events: &[Event]| -> BTreeMap<String, Event> { events.iter().map(|e| (e.id.clone(), e.clone())).collect() };
    let (old, new) = (by_id(&base.events), by_id(&head.events));
    let date = |e: &Event| match e.days() {
        Some((start, end)) if end != start => format!("{start} to {end}"),
        Some((day, _)) => day.to_string(),
        None => "no date".to_string(),
    };
    let ids: BTreeSet<&String> = old.keys().chain(new.keys()).chain(mb.keys()).chain(mh.keys()).collect();
    let empty = BTreeSet::new();
    let mut out = Vec::new();
    for id in ids {
        let (o, n) = (old.get(id), new.get(id));
        let (sb, sh) = (mb.get(id).unwrap_or(&empty), mh.get(id).unwrap_or(&empty));
        let (disagree_b, disagree_h) = (db.get(id.as_str()).unwrap_or(&empty), dh.get(id.as_str()).unwrap_or(&empty));
        let fields: Vec<FieldChange> = match (o, n) {
            (Some(o), Some(n)) => [
                field("title", Some(o.title.clone()), Some(n.title.clone())),
                field("date", Some(date(o)), Some(date(n))),
                field("place", o.place.clone(), n.place.clone()),
                field("summary", o.summary.clone(), n.summary.clone()),
            ]
            .into_iter()
            .flatten()
            .collect(),
            _ => Vec::new(),
        };
        let status = match (o, n) {
            (None, Some(_)) => Status::Added,
            (Some(_), None) => Status::Removed,
            _ if !fields.is_empty() || sb != sh || disagree_b != disagree_h => Status::Changed,
            _ => continue,
        };
        out.push(EventChange {
            status,
            id: id.clone(),
            title: n.or(o).map_or_else(|| id.clone(), |e| e.title.clone()),
            fields,
            articles_added: sh.difference(sb).cloned().collect(),
            articles_removed: sb.difference(sh).cloned().collect(),
            sources_before: sb.len(),
            sources_after: sh.len(),
            disagreements_before: disagree_b.len(),
            disagreements_after: disagree_h.len(),
            disagreements_added: disagree_h.difference(disagree_b).cloned().collect(),
            disagreements_removed: disagree_b.difference(disagree_h).cloned().collect(),
        });
    }
    out
}

/// The pages a revision's site has that can go away: per path, its kind and key.
fn pages(snap: &Snapshot) -> BTreeMap<String, (PageKind, &str)> {
    let mut out = BTreeMap::new();
    let mut put = |page: Page<'_>, key| {
        out.insert(page.path(), (page.kind, key));
    };
    for (slug, view) in &snap.articles {
        put(Page::article(slug), slug.as_str());
        for alias in &view.aliases {
            put(Page::new(PageKind::ArticleRedirect, alias), alias.as_str());
        }
    }
    for a in &snap.actors {
        put(Page::actor(&a.id), a.id.as_str());
    }
    for m in snap.merged.iter().filter(|m| snap.actors.iter().all(|a| a.id != m.id) && snap.actors.iter().any(|a| a.id == m.into)) {
        put(Page::new(PageKind::Redirect, &m.id), m.id.as_str());
    }
    for e in &snap.events {
        put(Page::event(&e.id), e.id.as_str());
    }
    out
}

fn is_redirect(kind: PageKind) -> bool {
    matches!(kind, PageKind::Redirect | PageKind::ArticleRedirect)
}

/// The base's published pages that the head's site no longer has (broken
/// addresses) or has only as a redirect (kept), with how to keep each
/// broken one working where a redirect could.
pub(super) fn address_changes(base: &Snapshot, head: &Snapshot, pairs: &[Pair<'_>], actors: &[ActorChange]) -> Vec<AddressChange> {
    let (before, after) = (pages(base), pages(head));
    let mut out = Vec::new();
    for (path, &(kind, key)) in &before {
        let redirected = match after.get(path) {
            None => false,
            Some((now, _)) if is_redirect(*now) && !is_redirect(kind) => true,
            Some(_) => continue,
        };
        let (page, reason, now, fix): (&str, String, Option<String>, Option<String>) = match kind {
            PageKind::Article => match pairs.iter().find(|p| p.base.is_some_and(|b| b.0 == key)).and_then(|p| p.head) {
                Some((slug, view)) => (
                    "article",
                    "article renamed".into(),
                    Some(Page::article(slug).path()),
                    Some(format!("add \"{key}\" to `aliases` in the front matter of {}", view.path)),
                ),
                None => {
                    let heir = head.articles.iter().find(|(_, v)| v.aliases.iter().any(|a| a == key)).map(|(s, _)| Page::article(s).path());
                    ("article", "article removed".into(), heir, None)
                }
            },
            PageKind::ArticleRedirect => {
                let owner = base.articles.iter().find(|(_, v)| v.aliases.iter().any(|a| a == key)).map(|(s, _)| s.as_str());
                let heir = owner.and_then(|o| pairs.iter().find(|p| p.base.is_some_and(|b| b.0 == o))).and_then(|p| p.head);
                (
                    "redirect",
                    format!("`{key}` is no longer an alias"),
                    heir.map(|(s, _)| Page::article(s).path()),
                    heir.map(|(_, v)| format!("put \"{key}\" back in `aliases` in the front matter of {}", v.path)),
                )
            }
            PageKind::Actor => {
                let change = actors.iter().find(|a| a.id == key || a.old_id.as_deref() == Some(key));
                match change {
                    Some(a) if a.old_id.as_deref() == Some(key) => (
                        "actor",
                        "actor id changed (not a merge)".into(),
                        Some(Page::actor(&a.id).path()),
                        Some(format!("add \"{key}\" to `old_ids` in the [[actor]] table of `{}` in {ACTORS}", a.id)),
                    ),
                    Some(a) if a.merged_into.is_some() => {
                        let into = a.merged_into.as_deref().unwrap_or_default();
                        ("actor", format!("actor merged into `{into}`"), Some(Page::actor(into).path()), None)
                    }
                    Some(a) if a.spellings_moved_to.is_some() => {
                        let into = a.spellings_moved_to.as_deref().unwrap_or_default();
                        (
                            "actor",
                            format!("actor removed; its spellings now belong to `{into}`, with no merge recorded"),
                            Some(Page::actor(into).path()),
                            Some(format!("record the merge in {ACTORS}: [[merged]] id = \"{key}\" into = \"{into}\" (as `dossier actors merge` does)")),
                        )
                    }
                    _ => ("actor", "actor removed".into(), None, None),
                }
            }
            PageKind::Redirect => ("redirect", format!("the redirect of the old actor id `{key}` is gone"), None, None),
            PageKind::Event => {
                let old = base.events.iter().find(|e| e.id == key);
                let renamed = old.and_then(|o| head.events.iter().find(|e| e.title == o.title && base.events.iter().all(|b| b.id != e.id)));
                match renamed {
                    Some(e) => (
                        "event",
                        "event id changed".into(),
                        Some(Page::event(&e.id).path()),
                        Some(format!("event pages have no redirects: keep the id `{key}` in {}", crate::load::EVENTS)),
                    ),
                    None => ("event", "event removed".into(), None, None),
                }
            }
            _ => continue,
        };
        out.push(AddressChange { path: path.clone(), page: page.into(), reason, now, redirected, fix: if redirected { None } else { fix } });
    }
    out
}
