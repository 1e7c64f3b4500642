//! The actor and event registries (`content/actors.toml`, `content/events.toml`).

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics, FileText};
use crate::text::{clean_line, fold, is_slug, slugify};
use crate::urls::{taken, PageKind};

/// What kind of thing an actor is; shown on its page and used for grouping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    Organisation,
    Country,
}

impl ActorKind {
    fn parse(s: &str) -> Option<Self> {
        match s {
            "person" => Some(ActorKind::Person),
            "organisation" | "organization" => Some(ActorKind::Organisation),
            "country" => Some(ActorKind::Country),
            _ => None,
        }
    }
}

/// Someone (or something) the dossier follows: a person, an organisation or a
/// country, with every spelling under which outlets mention them.
#[derive(Debug, Clone)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    pub role: Option<String>,
    pub description: Option<String>,
    /// Spelling variants and transliterations; the name itself is matched too.
    pub aliases: Vec<String>,
    /// Wikidata item (`Q7747`), for `sameAs` and a link on the actor page.
    pub wikidata: Option<String>,
    /// Official website (http or https).
    pub website: Option<String>,
}

/// An office ("President of Russia") and who held it when, so that an
/// article saying "the Russian President" can be linked to whoever held the
/// office on the article's date.
#[derive(Debug, Clone)]
pub struct Role {
    pub title: String,
    /// How articles refer to the office ("Russian President", "Kremlin leader").
    pub phrases: Vec<String>,
    pub holders: Vec<Holder>,
}

/// One term in office; both days are included.
#[derive(Debug, Clone)]
pub struct Holder {
    pub actor: String,
    pub from: jiff::civil::Date,
    /// Last day in office; none while still in office.
    pub to: Option<jiff::civil::Date>,
}

impl Role {
    /// The actors who held the role on `date`, sorted, without repeats.
    pub fn holders_on(&self, date: jiff::civil::Date) -> Vec<&str> {
        let mut ids: Vec<&str> = self.holders.iter().filter(|h| h.from <= date && h.to.is_none_or(|to| date <= to)).map(|h| h.actor.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

/// An old actor id whose page becomes a redirect, so links to it keep
/// working: an actor merged into another (`[[merged]]`, written by `dossier
/// actors merge`), or an actor's own old id after its id was changed
/// (`old_ids = [...]` in its `[[actor]]` table; `renamed`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub id: String,
    pub into: String,
    /// The id of `into` itself, changed: not a merge of two actors.
    pub renamed: bool,
}

/// Everything `actors.toml` holds.
#[derive(Debug, Clone, Default)]
pub struct ActorRegistry {
    pub actors: Vec<Actor>,
    pub roles: Vec<Role>,
    pub merged: Vec<Merged>,
    /// What the file names but could not load.
    pub unloaded: Unloaded,
}

/// What a registry holds but could not load, each with an error of its
/// own: a reference to it from an article is not reported again (one
/// broken string in `actors.toml` is one error, not one per annotation).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Unloaded {
    /// Everything loaded.
    #[default]
    Nothing,
    /// The file could not be read or parsed: no id is known.
    All,
    /// These entries had errors.
    Ids(std::collections::BTreeSet<String>),
}

impl Unloaded {
    /// Whether a reference to `id` may be to something the registry could not load.
    pub fn covers(&self, id: &str) -> bool {
        match self {
            Unloaded::Nothing => false,
            Unloaded::All => true,
            Unloaded::Ids(ids) => ids.contains(id),
        }
    }

    /// The ids defined in the file (`defined`) that are not among `loaded`.
    fn of<'a>(defined: impl Iterator<Item = &'a String>, loaded: impl Iterator<Item = &'a str>) -> Unloaded {
        let loaded: std::collections::BTreeSet<&str> = loaded.collect();
        let ids: std::collections::BTreeSet<String> = defined.filter(|id| !loaded.contains(id.as_str())).cloned().collect();
        if ids.is_empty() {
            Unloaded::Nothing
        } else {
            Unloaded::Ids(ids)
        }
    }
}

/// Something that happened, which several articles may cover.
#[derive(Debug, Clone)]
pub struct Event {
    pub id: String,
    pub title: String,
    /// First day; none when no one has given a day yet (an event `suggest
    /// --write` made from articles none of which says when).
    pub start: Option<jiff::civil::Date>,
    /// Last day, for events that span several days.
    pub end: Option<jiff::civil::Date>,
    pub place: Option<String>,
    pub summary: Option<String>,
}

impl Event {
    /// First and last day, when the event has a date.
    pub fn days(&self) -> Option<(jiff::civil::Date, jiff::civil::Date)> {
        self.start.map(|s| (s, self.end.unwrap_or(s)))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorFile {
    #[serde(default)]
    actor: Vec<RawActor>,
    #[serde(default)]
    role: Vec<RawRole>,
    #[serde(default)]
    merged: Vec<RawMerged>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRole {
    title: Spanned<String>,
    #[serde(default)]
    phrases: Vec<Spanned<String>>,
    #[serde(default)]
    holder: Vec<RawHolder>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHolder {
    actor: Spanned<String>,
    from: Spanned<toml::Value>,
    to: Option<Spanned<toml::Value>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMerged {
    id: Spanned<String>,
    into: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawActor {
    id: Spanned<String>,
    name: Spanned<String>,
    kind: Spanned<String>,
    role: Option<String>,
    description: Option<String>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    wikidata: Option<Spanned<String>>,
    website: Option<Spanned<String>>,
    #[serde(default)]
    old_ids: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EventFile {
    #[serde(default)]
    event: Vec<RawEvent>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    id: Spanned<String>,
    title: String,
    date: Option<Spanned<toml::Value>>,
    start: Option<Spanned<toml::Value>>,
    end: Option<Spanned<toml::Value>>,
    place: Option<String>,
    summary: Option<String>,
}

const ACTOR_FIELDS: &str = "id, name, kind, role, description, aliases, wikidata, website, old_ids; \
     each office is a [[role]] table with title, phrases and [[role.holder]] tables (actor, from, to)";
const EVENT_FIELDS: &str = "id, title, date (or start and end), place, summary";

/// An id must be a slug (it becomes a file name and a URL), unique in its
/// registry, and not the name of a page the site has already (`index`
/// would replace the list of all actors): `page` is the kind it names.
fn check_id(
    source: &Arc<FileText>,
    id: &Spanned<String>,
    page: PageKind,
    seen: &mut BTreeMap<String, std::ops::Range<usize>>,
    diags: &mut Diagnostics,
) -> bool {
    let what = if page == PageKind::Event { "event" } else { "actor" };
    let value = id.get_ref();
    if let Some(first) = seen.get(value) {
        let (line, _) = source.line_col(first.start);
        diags.push(
            Diagnostic::error_at(source, id.span(), format!("duplicate {what} id `{value}`"))
                .with_hint(format!("`{value}` is already defined on line {line}; merge the two entries or rename one")),
        );
        return false;
    }
    seen.insert(value.clone(), id.span());
    if let Some(fixed) = taken(page, value) {
        diags.push(
            Diagnostic::error_at(source, id.span(), format!("{what} id `{value}` is reserved: its page would replace {fixed}"))
                .with_hint(format!("choose another id, such as `{value}-{what}`, and use it in the articles that name this {what}")),
        );
        return false;
    }
    if is_slug(value) {
        return true;
    }
    let suggestion = slugify(value);
    diags.push(Diagnostic::error_at(source, id.span(), format!("{what} id `{value}` is not a valid id")).with_hint(if suggestion.is_empty() {
        "ids use lowercase letters, digits and single hyphens".to_string()
    } else {
        format!("ids use lowercase letters, digits and single hyphens; try `{suggestion}`")
    }));
    false
}

/// Words that stand for a speaker or the people around them ("I", "we",
/// "my"): never a spelling of an actor, least of all inside quotes, where
/// they mean whoever is speaking.
const PRONOUNS: &[&str] = &["i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "he", "him", "his", "she", "her", "they", "them", "their"];

/// Parse `actors.toml`: actors, roles and merge records. Problems go to
/// `diags`; valid entries are returned so that one bad entry does not hide
/// every other problem.
pub(crate) fn parse_registry(source: &Arc<FileText>, diags: &mut Diagnostics) -> ActorRegistry {
    let file: ActorFile = match toml::from_str(&source.text) {
        Ok(f) => f,
        Err(e) => {
            diags.push(super::toml_error(source, 0, &e).with_hint(format!("each actor is an [[actor]] table with: {ACTOR_FIELDS}")));
            return ActorRegistry { unloaded: Unloaded::All, ..ActorRegistry::default() };
        }
    };
    let mut actors = Vec::new();
    let mut ids: BTreeMap<String, std::ops::Range<usize>> = BTreeMap::new();
    // folded alias -> (actor id, span), to refuse one spelling for two actors
    let mut spellings: BTreeMap<String, (String, std::ops::Range<usize>)> = BTreeMap::new();
    let mut old_ids = Vec::new();
    for raw in file.actor {
        let ok = check_id(source, &raw.id, PageKind::Actor, &mut ids, diags);
        let id = raw.id.get_ref().clone();
        let kind = ActorKind::parse(raw.kind.get_ref());
        if kind.is_none() {
            diags.push(
                Diagnostic::error_at(source, raw.kind.span(), format!("unknown actor kind `{}`", raw.kind.get_ref()))
                    .with_hint("kind is one of: person, organisation, country"),
            );
        }
        let name = clean_line(raw.name.get_ref());
        let mut aliases = Vec::new();
        // Seen spellings in a set: a list checked for each would be quadratic (300,000 aliases).
        let mut seen = std::collections::HashSet::new();
        for spelling in std::iter::once(&raw.name).chain(raw.aliases.iter()) {
            let text = clean_line(spelling.get_ref());
            let folded = fold(&text);
            if !folded.chars().any(char::is_alphanumeric) {
                diags.push(
                    Diagnostic::error_at(source, spelling.span(), "an actor name or alias needs at least one letter or digit").with_hint("remove this alias"),
                );
                continue;
            }
            // "US" is a case-sensitive alias (see the matcher) and never matches "us".
            if PRONOUNS.contains(&folded.as_str()) && text.chars().any(char::is_lowercase) {
                diags.push(
                    Diagnostic::error_at(source, spelling.span(), format!("`{text}` is a pronoun, not a spelling of `{id}`"))
                        .with_hint("pronouns mean whoever is speaking or spoken of; link them with an annotation instead"),
                );
                continue;
            }
            match spellings.get(&folded) {
                Some((other, _)) if *other != id => {
                    diags.push(
                        Diagnostic::error_at(source, spelling.span(), format!("`{text}` is a spelling of both `{other}` and `{id}`"))
                            .with_hint("one spelling can name only one actor; use a longer form (first name and surname) for both"),
                    );
                }
                Some(_) => {}
                None => {
                    spellings.insert(folded, (id.clone(), spelling.span()));
                }
            }
            if !std::ptr::eq(spelling, &raw.name) && text != name && seen.insert(text.clone()) {
                aliases.push(text);
            }
        }
        let mut identifiers_ok = true;
        if let Some(q) = &raw.wikidata {
            if !is_wikidata_id(q.get_ref()) {
                diags.push(
                    Diagnostic::error_at(source, q.span(), format!("`{}` is not a Wikidata item id", clean_line(q.get_ref())))
                        .with_hint("a Wikidata id is Q followed by digits, e.g. wikidata = \"Q7747\""),
                );
                identifiers_ok = false;
            }
        }
        if let Some(url) = &raw.website {
            if let Err(why) = super::check_url(url.get_ref()) {
                diags.push(
                    Diagnostic::error_at(source, url.span(), format!("website: {why}"))
                        .with_hint("write the full address, e.g. website = \"https://www.kremlin.ru/\""),
                );
                identifiers_ok = false;
            }
        }
        if let (true, true, Some(kind)) = (ok, identifiers_ok, kind) {
            old_ids.extend(raw.old_ids.into_iter().map(|old| (old, id.clone())));
            actors.push(Actor {
                id,
                name,
                kind,
                role: raw.role.as_deref().map(clean_line).filter(|s| !s.is_empty()),
                description: raw.description.as_deref().map(clean_line).filter(|s| !s.is_empty()),
                aliases,
                wikidata: raw.wikidata.map(|q| q.into_inner()),
                website: raw.website.map(|w| w.into_inner()),
            });
        }
    }
    actors.sort_by(|a, b| a.id.cmp(&b.id));
    let roles = parse_roles(source, file.role, &ids, &mut spellings, diags);
    let mut merged = parse_merged(source, file.merged, &ids, diags);
    merged.extend(parse_old_ids(source, old_ids, &ids, &merged, diags));
    merged.sort_by(|a, b| a.id.cmp(&b.id));
    let unloaded = Unloaded::of(ids.keys(), actors.iter().map(|a| a.id.as_str()));
    ActorRegistry { actors, roles, merged, unloaded }
}

/// Only the actors of `actors.toml`.
pub(crate) fn parse_actors(source: &Arc<FileText>, diags: &mut Diagnostics) -> Vec<Actor> {
    parse_registry(source, diags).actors
}

fn is_wikidata_id(s: &str) -> bool {
    s.strip_prefix('Q').is_some_and(|digits| !digits.is_empty() && digits.len() <= 12 && !digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit()))
}

/// `[[role]]` tables. A phrase is matched like an alias, so it may not be a
/// spelling of an actor or a phrase of another role.
fn parse_roles(
    source: &Arc<FileText>,
    raw_roles: Vec<RawRole>,
    actor_ids: &BTreeMap<String, std::ops::Range<usize>>,
    spellings: &mut BTreeMap<String, (String, std::ops::Range<usize>)>,
    diags: &mut Diagnostics,
) -> Vec<Role> {
    let mut roles = Vec::new();
    for raw in raw_roles {
        let title = clean_line(raw.title.get_ref());
        let mut ok = true;
        if title.is_empty() {
            diags.push(Diagnostic::error_at(source, raw.title.span(), "a role needs a title").with_hint("e.g. title = \"President of Russia\""));
            ok = false;
        }
        let mut phrases = Vec::new();
        for phrase in &raw.phrases {
            let text = clean_line(phrase.get_ref());
            let folded = fold(&text);
            if !folded.chars().any(char::is_alphanumeric) {
                diags.push(Diagnostic::error_at(source, phrase.span(), "a role phrase needs at least one letter or digit").with_hint("remove this phrase"));
                continue;
            }
            let owner = format!("role {title}");
            match spellings.get(&folded) {
                Some((other, _)) if *other != owner => {
                    diags.push(
                        Diagnostic::error_at(source, phrase.span(), format!("`{text}` is already a spelling of {}", describe_owner(other)))
                            .with_hint("a phrase can stand for only one role, and never for an actor's name"),
                    );
                    continue;
                }
                Some(_) => {}
                None => {
                    spellings.insert(folded, (owner, phrase.span()));
                }
            }
            if !phrases.contains(&text) {
                phrases.push(text);
            }
        }
        if phrases.is_empty() && ok {
            diags.push(
                Diagnostic::error_at(source, raw.title.span(), format!("role `{title}` has no phrases"))
                    .with_hint("add how articles refer to it, e.g. phrases = [\"Russian President\", \"Kremlin leader\"]"),
            );
            ok = false;
        }
        let mut holders = Vec::new();
        for h in raw.holder {
            let actor = h.actor.get_ref();
            if !actor_ids.contains_key(actor) {
                diags.push(
                    Diagnostic::error_at(source, h.actor.span(), format!("unknown actor `{actor}` holds role `{title}`"))
                        .with_hint("use the id of an [[actor]] in this file"),
                );
                ok = false;
                continue;
            }
            let mut date = |v: &Spanned<toml::Value>| match super::parse_date(v.get_ref()) {
                Ok(d) => Some(d),
                Err(why) => {
                    diags.push(Diagnostic::error_at(source, v.span(), why).with_hint("write dates as 2025-12-28"));
                    None
                }
            };
            let from = date(&h.from);
            let to = h.to.as_ref().map(&mut date);
            match (from, to) {
                (Some(from), None) => holders.push(Holder { actor: actor.clone(), from, to: None }),
                (Some(from), Some(Some(to))) if to >= from => holders.push(Holder { actor: actor.clone(), from, to: Some(to) }),
                (Some(from), Some(Some(to))) => {
                    diags.push(
                        Diagnostic::error_at(source, h.actor.span(), format!("`{actor}` leaves role `{title}` ({to}) before taking it ({from})"))
                            .with_hint("swap from and to"),
                    );
                    ok = false;
                }
                _ => ok = false,
            }
        }
        holders.sort_by(|a, b| (a.from, &a.actor).cmp(&(b.from, &b.actor)));
        if ok {
            roles.push(Role { title, phrases, holders });
        }
    }
    roles.sort_by(|a, b| a.title.cmp(&b.title));
    roles
}

fn describe_owner(owner: &str) -> String {
    match owner.strip_prefix("role ") {
        Some(title) => format!("role `{title}`"),
        None => format!("actor `{owner}`"),
    }
}

/// `[[merged]]` tables: the old id must be gone, the new one must exist.
fn parse_merged(source: &Arc<FileText>, raw: Vec<RawMerged>, actor_ids: &BTreeMap<String, std::ops::Range<usize>>, diags: &mut Diagnostics) -> Vec<Merged> {
    let mut merged: Vec<Merged> = Vec::new();
    for m in raw {
        let (id, into) = (m.id.get_ref(), m.into.get_ref());
        if actor_ids.contains_key(id) {
            diags.push(
                Diagnostic::error_at(source, m.id.span(), format!("`{id}` is both an actor and merged into `{into}`"))
                    .with_hint("remove the [[actor]] table of the merged actor, or this [[merged]] record"),
            );
        } else if !is_slug(id) {
            diags.push(
                Diagnostic::error_at(source, m.id.span(), format!("`{id}` is not a valid actor id"))
                    .with_hint("ids use lowercase letters, digits and single hyphens"),
            );
        } else if let Some(fixed) = taken(PageKind::Redirect, id) {
            diags.push(
                Diagnostic::error_at(source, m.id.span(), format!("`{id}` is reserved: the page redirecting from it would replace {fixed}"))
                    .with_hint("no actor can have this id, so nothing links to its page: remove this [[merged]] record"),
            );
        } else if !actor_ids.contains_key(into) {
            diags.push(
                Diagnostic::error_at(source, m.into.span(), format!("`{id}` is merged into `{into}`, which is not an actor"))
                    .with_hint("`into` names the id of an [[actor]] in this file"),
            );
        } else if merged.iter().any(|x| x.id == *id) {
            diags.push(Diagnostic::error_at(source, m.id.span(), format!("`{id}` is merged twice")).with_hint("keep one [[merged]] record per old id"));
        } else {
            merged.push(Merged { id: id.clone(), into: into.clone(), renamed: false });
        }
    }
    merged.sort_by(|a, b| a.id.cmp(&b.id));
    merged
}

/// `old_ids` of the actors (each with the id of its actor): an old id is no
/// actor's id now, no merged actor's, and only one actor's.
fn parse_old_ids(
    source: &Arc<FileText>,
    raw: Vec<(Spanned<String>, String)>,
    actor_ids: &BTreeMap<String, std::ops::Range<usize>>,
    merged: &[Merged],
    diags: &mut Diagnostics,
) -> Vec<Merged> {
    let mut out: Vec<Merged> = Vec::new();
    for (old, actor) in raw {
        let id = old.get_ref();
        let problem = if actor_ids.contains_key(id) {
            Some((format!("`{id}` is an old id of `{actor}` and the id of an actor"), "an old id is the id the actor had before: remove it here".to_string()))
        } else if !is_slug(id) {
            Some((format!("`{}` is not a valid actor id", clean_line(id)), "ids use lowercase letters, digits and single hyphens".to_string()))
        } else if let Some(fixed) = taken(PageKind::Redirect, id) {
            Some((format!("`{id}` is reserved: the page redirecting from it would replace {fixed}"), "remove this old id".to_string()))
        } else if let Some(m) = merged.iter().find(|m| m.id == *id) {
            Some((format!("`{id}` is an old id of `{actor}` and merged into `{}`", m.into), "keep either the [[merged]] record or the old id".to_string()))
        } else {
            out.iter()
                .find(|m| m.id == *id)
                .map(|other| (format!("`{id}` is an old id of both `{}` and `{actor}`", other.into), "an old address can lead to one actor only".to_string()))
        };
        match problem {
            Some((message, hint)) => diags.push(Diagnostic::error_at(source, old.span(), message).with_hint(hint)),
            None => out.push(Merged { id: id.clone(), into: actor, renamed: true }),
        }
    }
    out
}

/// Parse `events.toml`.
pub(crate) fn parse_events(source: &Arc<FileText>, diags: &mut Diagnostics) -> Vec<Event> {
    parse_event_registry(source, diags).0
}

/// `events.toml`: the events, and what it holds but could not load.
pub(crate) fn parse_event_registry(source: &Arc<FileText>, diags: &mut Diagnostics) -> (Vec<Event>, Unloaded) {
    let file: EventFile = match toml::from_str(&source.text) {
        Ok(f) => f,
        Err(e) => {
            diags.push(super::toml_error(source, 0, &e).with_hint(format!("each event is an [[event]] table with: {EVENT_FIELDS}")));
            return (Vec::new(), Unloaded::All);
        }
    };
    let mut events = Vec::new();
    let mut ids: BTreeMap<String, std::ops::Range<usize>> = BTreeMap::new();
    for raw in file.event {
        let mut ok = check_id(source, &raw.id, PageKind::Event, &mut ids, diags);
        let id = raw.id.get_ref().clone();
        let mut date = |v: &Option<Spanned<toml::Value>>| -> Option<jiff::civil::Date> {
            let v = v.as_ref()?;
            match super::parse_date(v.get_ref()) {
                Ok(d) => Some(d),
                Err(why) => {
                    diags.push(Diagnostic::error_at(source, v.span(), why).with_hint("write dates as 2025-12-28"));
                    ok = false;
                    None
                }
            }
        };
        let (start, end) = match (date(&raw.date), date(&raw.start), date(&raw.end)) {
            (Some(d), None, None) => (Some(d), None),
            (None, Some(s), e) => (Some(s), e),
            _ => (None, None),
        };
        if start.is_none() && raw.end.is_some() && ok {
            diags.push(
                Diagnostic::error_at(source, raw.id.span(), format!("event `{id}` has an end but no start"))
                    .with_hint("add `start = 2025-12-28`, or write `date` for a single day"),
            );
            ok = false;
        }
        // No day at all is allowed: `suggest --write` records a group of
        // articles none of which says when (the grouping is the work worth
        // keeping), and the pages and `check` say the day is missing.
        if start.is_none() && ok {
            diags.push(
                Diagnostic::warning_at(source, raw.id.span(), format!("event `{id}` has no date"))
                    .with_hint("add `date = YYYY-MM-DD` (or `start` and `end` for a range) once a source says when it happened"),
            );
        }
        if let (Some(s), Some(e)) = (start, end) {
            if e < s {
                diags.push(
                    Diagnostic::error_at(source, raw.id.span(), format!("event `{id}` ends ({e}) before it starts ({s})")).with_hint("swap start and end"),
                );
                ok = false;
            }
        }
        if ok {
            events.push(Event {
                id,
                title: clean_line(&raw.title),
                start,
                end: end.filter(|e| Some(*e) != start),
                place: raw.place.as_deref().map(clean_line).filter(|s| !s.is_empty()),
                summary: raw.summary.as_deref().map(clean_line).filter(|s| !s.is_empty()),
            });
        }
    }
    // Undated events last.
    events.sort_by(|a, b| (a.start.is_none(), a.start, &a.id).cmp(&(b.start.is_none(), b.start, &b.id)));
    let unloaded = Unloaded::of(ids.keys(), events.iter().map(|e| e.id.as_str()));
    (events, unloaded)
}
