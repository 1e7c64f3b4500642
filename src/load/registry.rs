//! The actor and event registries (`content/actors.toml`, `content/events.toml`).

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics, SourceText};
use crate::text::{clean_line, fold, is_slug, slugify};

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
}

/// Something that happened, which several articles may cover.
#[derive(Debug, Clone)]
pub struct Event {
    pub id: String,
    pub title: String,
    pub start: jiff::civil::Date,
    /// Last day, for events that span several days.
    pub end: Option<jiff::civil::Date>,
    pub place: Option<String>,
    pub summary: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorFile {
    #[serde(default)]
    actor: Vec<RawActor>,
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

const ACTOR_FIELDS: &str = "id, name, kind, role, description, aliases";
const EVENT_FIELDS: &str = "id, title, date (or start and end), place, summary";

/// An id must be a slug (it becomes a file name and a URL) and unique in its registry.
fn check_id(
    source: &Arc<SourceText>,
    id: &Spanned<String>,
    what: &str,
    seen: &mut BTreeMap<String, std::ops::Range<usize>>,
    diags: &mut Diagnostics,
) -> bool {
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
    if is_slug(value) {
        return true;
    }
    let suggestion = slugify(value);
    diags.push(
        Diagnostic::error_at(source, id.span(), format!("{what} id `{value}` is not a valid id"))
            .with_hint(if suggestion.is_empty() {
                "ids use lowercase letters, digits and single hyphens".to_string()
            } else {
                format!("ids use lowercase letters, digits and single hyphens; try `{suggestion}`")
            }),
    );
    false
}

/// Parse `actors.toml`. Problems go to `diags`; valid actors are returned so
/// that one bad entry does not hide every other problem.
pub(crate) fn parse_actors(source: &Arc<SourceText>, diags: &mut Diagnostics) -> Vec<Actor> {
    let file: ActorFile = match toml::from_str(&source.text) {
        Ok(f) => f,
        Err(e) => {
            diags.push(super::toml_error(source, 0, &e).with_hint(format!(
                "each actor is an [[actor]] table with: {ACTOR_FIELDS}"
            )));
            return Vec::new();
        }
    };
    let mut actors = Vec::new();
    let mut ids: BTreeMap<String, std::ops::Range<usize>> = BTreeMap::new();
    // folded alias -> (actor id, span), to refuse one spelling for two actors
    let mut spellings: BTreeMap<String, (String, std::ops::Range<usize>)> = BTreeMap::new();
    for raw in file.actor {
        let ok = check_id(source, &raw.id, "actor", &mut ids, diags);
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
        for spelling in std::iter::once(&raw.name).chain(raw.aliases.iter()) {
            let text = clean_line(spelling.get_ref());
            let folded = fold(&text);
            if !folded.chars().any(char::is_alphanumeric) {
                diags.push(
                    Diagnostic::error_at(source, spelling.span(), "an actor name or alias needs at least one letter or digit")
                        .with_hint("remove this alias"),
                );
                continue;
            }
            match spellings.get(&folded) {
                Some((other, _)) if *other != id => {
                    diags.push(
                        Diagnostic::error_at(
                            source,
                            spelling.span(),
                            format!("`{text}` is a spelling of both `{other}` and `{id}`"),
                        )
                        .with_hint("one spelling can name only one actor; use a longer form (first name and surname) for both"),
                    );
                }
                Some(_) => {}
                None => {
                    spellings.insert(folded, (id.clone(), spelling.span()));
                }
            }
            if !std::ptr::eq(spelling, &raw.name) && text != name && !aliases.contains(&text) {
                aliases.push(text);
            }
        }
        if let (true, Some(kind)) = (ok, kind) {
            actors.push(Actor {
                id,
                name,
                kind,
                role: raw.role.as_deref().map(clean_line).filter(|s| !s.is_empty()),
                description: raw.description.as_deref().map(clean_line).filter(|s| !s.is_empty()),
                aliases,
            });
        }
    }
    actors.sort_by(|a, b| a.id.cmp(&b.id));
    actors
}

/// Parse `events.toml`.
pub(crate) fn parse_events(source: &Arc<SourceText>, diags: &mut Diagnostics) -> Vec<Event> {
    let file: EventFile = match toml::from_str(&source.text) {
        Ok(f) => f,
        Err(e) => {
            diags.push(super::toml_error(source, 0, &e).with_hint(format!(
                "each event is an [[event]] table with: {EVENT_FIELDS}"
            )));
            return Vec::new();
        }
    };
    let mut events = Vec::new();
    let mut ids: BTreeMap<String, std::ops::Range<usize>> = BTreeMap::new();
    for raw in file.event {
        let mut ok = check_id(source, &raw.id, "event", &mut ids, diags);
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
        if start.is_none() && ok {
            diags.push(
                Diagnostic::error_at(source, raw.id.span(), format!("event `{id}` needs a date"))
                    .with_hint("add `date = 2025-12-28`, or `start` and `end` for a range"),
            );
            ok = false;
        }
        if let (Some(s), Some(e)) = (start, end) {
            if e < s {
                diags.push(
                    Diagnostic::error_at(source, raw.id.span(), format!("event `{id}` ends ({e}) before it starts ({s})"))
                        .with_hint("swap start and end"),
                );
                ok = false;
            }
        }
        if let (true, Some(start)) = (ok, start) {
            events.push(Event {
                id,
                title: clean_line(&raw.title),
                start,
                end: end.filter(|e| *e != start),
                place: raw.place.as_deref().map(clean_line).filter(|s| !s.is_empty()),
                summary: raw.summary.as_deref().map(clean_line).filter(|s| !s.is_empty()),
            });
        }
    }
    events.sort_by(|a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
    events
}
