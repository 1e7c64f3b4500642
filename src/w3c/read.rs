//! Reading annotation files: W3C Web Annotation JSON-LD (one annotation, a
//! list, an `AnnotationPage`, an `AnnotationCollection` with its pages) and
//! Hypothesis' JSON (the search API's `{"rows": [...]}` and the client's
//! export, `{"annotations": [...]}`), into [`Incoming`] annotations in
//! dossier's terms. Nothing here knows the dossier's articles: matching and
//! anchoring are [`super::import`]'s.
//!
//! A collection's pages are read from the files beside it (the pages of an
//! exported site, `annotations/2.jsonld` next to `annotations.jsonld`);
//! nothing is ever fetched from the network.

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use super::{parse_actor_page, parse_article_page, RELATION};
use crate::diagnostics::{Diagnostic, FileText};

/// Largest annotation file read: a Hypothesis export of a few thousand
/// annotations is a few megabytes, an exported page one.
const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The quoted passage, as a TextQuoteSelector gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Quote {
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
}

/// What an annotation says, in dossier's terms (the fields of a standoff
/// annotation but its passage).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Fields {
    pub kind: Option<String>,
    pub by: Option<String>,
    pub about: Vec<String>,
    pub sourcing: Option<String>,
    pub confidence: Option<String>,
    pub note: Option<String>,
    /// `ARTICLE-SLUG` or `ARTICLE-SLUG#anchor`.
    pub to: Option<String>,
    pub rel: Option<String>,
}

/// One annotation read from a file.
#[derive(Debug, Clone, Default)]
pub(super) struct Incoming {
    /// Its number in its file, from 1.
    pub number: usize,
    /// Where its id is in the file, for messages.
    pub span: Option<Range<usize>>,
    /// Its IRI: the W3C `id`, or the Hypothesis annotation's page.
    pub id: Option<String>,
    /// Its `id` as written in the file, to find it there for messages.
    pub key: Option<String>,
    /// The annotation it was itself copied from (W3C `via`).
    pub via: Option<String>,
    /// Where its target may be, most telling first: the target's `source`,
    /// its `scope`, Hypothesis' `uri`.
    pub urls: Vec<String>,
    pub quote: Option<Quote>,
    pub fields: Fields,
    /// Tags and bodies that mean nothing in dossier's terms (reported, not imported).
    pub unmapped: Vec<String>,
    /// Why it cannot be imported into any dossier (a reply, two kinds...), and what to do.
    pub problem: Option<(String, String)>,
}

impl Incoming {
    /// How messages name it: its number in the file, and its id.
    pub(super) fn describe(&self) -> String {
        match &self.id {
            Some(id) => format!("annotation {} ({})", self.number, crate::text::clean_line(id)),
            None => format!("annotation {}", self.number),
        }
    }
}

/// A file read, with its annotations.
pub(super) struct Input {
    pub file: Arc<FileText>,
    pub annotations: Vec<Incoming>,
}

/// Read `path` (and, for a collection, its pages beside it). `base` is the
/// dossier's base URL, to recognise its actor and article pages in bodies.
/// `seen` holds the files already read (canonical paths): each is read once.
pub(super) fn read(path: &Path, base: &str, seen: &mut BTreeSet<PathBuf>) -> Result<Vec<Input>, Diagnostic> {
    let mut inputs = Vec::new();
    let mut next = Some(path.to_path_buf());
    let mut collection: Option<(PathBuf, String)> = None;
    while let Some(path) = next.take() {
        if !seen.insert(path.canonicalize().unwrap_or_else(|_| path.clone())) {
            break;
        }
        let (file, value) = load(&path)?;
        let shown = file.path.clone();
        let (items, next_page, first_page_id) = items_of(&value, &shown)?;
        // A collection is read page after page; its pages' IRIs are those of
        // files beside it (as a site is published).
        if let (None, Some(id)) = (&collection, value.get("id").or_else(|| value.get("@id")).and_then(Value::as_str)) {
            if type_is(&value, "AnnotationCollection") {
                collection = Some((path.clone(), id.to_string()));
            }
        }
        if let (Some((at, id)), Some(page)) = (&collection, first_page_id) {
            // The embedded first page is also a file: do not read it twice.
            if let Some(p) = beside(at, id, &page) {
                seen.insert(p.canonicalize().unwrap_or(p));
            }
        }
        let annotations = incoming(&file, &items, base);
        inputs.push(Input { file, annotations });
        if let Some(iri) = next_page {
            let Some((at, id)) = &collection else { break };
            match beside(at, id, &iri) {
                Some(p) if p.is_file() => next = Some(p),
                _ => {
                    return Err(Diagnostic::error(shown, format!("the collection's next page {} is not a file beside it", crate::text::clean_line(&iri)))
                        .with_hint("read from the folder the collection was published in, or give the page files as well"))
                }
            }
        }
    }
    Ok(inputs)
}

/// The file for page `iri` of the collection `id` read from `at`: the same
/// path relative to the collection, inside its folder.
fn beside(at: &Path, id: &str, iri: &str) -> Option<PathBuf> {
    let folder = &id[..id.rfind('/')? + 1];
    let relative = Path::new(iri.strip_prefix(folder)?);
    let safe = relative.components().all(|c| matches!(c, Component::Normal(_)));
    (safe && relative.extension().is_some_and(|e| e == "jsonld" || e == "json")).then(|| at.parent().unwrap_or(Path::new("")).join(relative))
}

fn load(path: &Path) -> Result<(Arc<FileText>, Value), Diagnostic> {
    let shown = path.display().to_string();
    let cannot = |e: std::io::Error| Diagnostic::error(shown.clone(), format!("cannot read the file: {e}"));
    let size = std::fs::metadata(path).map_err(cannot)?.len();
    if size > MAX_BYTES {
        return Err(Diagnostic::error(shown, format!("the file is {size} bytes; annotation files are read up to {MAX_BYTES}"))
            .with_hint("split it (the Hypothesis API pages its results with `offset`)"));
    }
    let bytes = std::fs::read(path).map_err(cannot)?;
    let text = String::from_utf8(bytes).map_err(|_| Diagnostic::error(shown.clone(), "the file is not UTF-8 text").with_hint("JSON files are UTF-8"))?;
    let file = FileText::new(shown, text.strip_prefix('\u{feff}').unwrap_or(&text));
    let value: Value = serde_json::from_str(&file.text).map_err(|e| {
        let at = offset_of(&file.text, e.line(), e.column());
        Diagnostic::error_at(&file, at..at, format!("not JSON: {e}")).with_hint("annotation files are W3C Web Annotation JSON-LD or Hypothesis JSON")
    })?;
    Ok((file, value))
}

/// Byte offset of a 1-based line and column (in bytes) as serde_json reports them.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    (start + column.saturating_sub(1)).min(text.len())
}

fn type_is(value: &Value, name: &str) -> bool {
    match value.get("type").or_else(|| value.get("@type")) {
        Some(Value::String(t)) => t == name,
        Some(Value::Array(ts)) => ts.iter().any(|t| t.as_str() == Some(name)),
        _ => false,
    }
}

/// The annotations of a file's JSON, the IRI of the page after them (a
/// collection's), and the id of the first page when it is embedded.
type Items<'a> = (Vec<&'a Value>, Option<String>, Option<String>);

fn items_of<'a>(value: &'a Value, shown: &str) -> Result<Items<'a>, Diagnostic> {
    let list = |v: &'a Value| v.as_array().map(|a| a.iter().collect::<Vec<_>>());
    let iri = |v: Option<&Value>| v.and_then(|v| v.as_str().or_else(|| v.get("id").and_then(Value::as_str))).map(str::to_string);
    if let Some(items) = list(value) {
        return Ok((items, None, None));
    }
    if let Some(rows) = value.get("rows").and_then(list) {
        return Ok((rows, None, None));
    }
    if let Some(annotations) = value.get("annotations").and_then(list) {
        return Ok((annotations, None, None));
    }
    if type_is(value, "AnnotationCollection") {
        return match value.get("first") {
            Some(page @ Value::Object(_)) => {
                let items = page.get("items").and_then(list).unwrap_or_default();
                Ok((items, iri(page.get("next")), iri(page.get("id"))))
            }
            Some(Value::String(first)) => Ok((Vec::new(), Some(first.clone()), None)),
            _ => Ok((Vec::new(), None, None)),
        };
    }
    if type_is(value, "AnnotationPage") {
        return Ok((value.get("items").and_then(list).unwrap_or_default(), iri(value.get("next")), None));
    }
    if type_is(value, "Annotation") || value.get("target").is_some() {
        return Ok((vec![value], None, None));
    }
    Err(Diagnostic::error(shown.to_string(), "no annotations found in this JSON").with_hint(
        "expected a W3C annotation, a list of them, an AnnotationPage or AnnotationCollection, or Hypothesis JSON ({\"rows\": [...]} from the API, {\"annotations\": [...]} from an export)",
    ))
}

fn incoming(file: &FileText, items: &[&Value], base: &str) -> Vec<Incoming> {
    let mut from = 0;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let mut a = if type_is(item, "Annotation") { w3c(item, base) } else { hypothesis(item) };
            a.number = i + 1;
            a.span = a.key.as_deref().and_then(|id| find_id(&file.text, id, from));
            if let Some(span) = &a.span {
                from = span.end;
            }
            a
        })
        .collect()
}

/// Where `"id": "<id>"` (or `@id`) is in the JSON text, from byte `from` on.
fn find_id(text: &str, id: &str, from: usize) -> Option<Range<usize>> {
    let quoted = serde_json::to_string(id).ok()?;
    let mut at = from;
    while let Some(i) = text.get(at..)?.find(&quoted) {
        let start = at + i;
        let before = text[..start].trim_end();
        if let Some(key) = before.strip_suffix(':').map(str::trim_end) {
            if key.ends_with("\"id\"") || key.ends_with("\"@id\"") {
                return Some(start..start + quoted.len());
            }
        }
        at = start + quoted.len();
    }
    None
}

fn string(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_str).map(str::to_string)
}

/// A value that may be one or a list, as a list.
fn many(v: Option<&Value>) -> Vec<&Value> {
    match v {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(one) => vec![one],
    }
}

/// The first TextQuoteSelector among `selectors`.
fn quote_of(selectors: Option<&Value>) -> Option<Quote> {
    many(selectors).into_iter().find(|s| type_is(s, "TextQuoteSelector")).map(|s| Quote {
        exact: string(s.get("exact")).unwrap_or_default(),
        prefix: string(s.get("prefix")).unwrap_or_default(),
        suffix: string(s.get("suffix")).unwrap_or_default(),
    })
}

/// A tag in dossier's terms: a kind (`quote`, `claim`, `note`, `ref`) or
/// `key:value` for an attribute (`by:`, `about:`, `sourcing:`,
/// `confidence:`, `to:`, `rel:`). Anything else is `unmapped`.
fn tag(a: &mut Incoming, tag: &str) {
    let t = tag.trim();
    let f = &mut a.fields;
    let set = |slot: &mut Option<String>, value: &str, a_problem: &mut Option<(String, String)>, key: &str| match slot {
        Some(old) if old != value => {
            *a_problem = Some((format!("two values for `{key}`: `{old}` and `{value}`"), "keep one of them in the annotating tool".into()))
        }
        _ => *slot = Some(value.to_string()),
    };
    match t.split_once(':').map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim())) {
        Some((key, value)) if !value.is_empty() => match key.as_str() {
            "by" => set(&mut f.by, value, &mut a.problem, "by"),
            "about" => {
                if !f.about.iter().any(|x| x == value) {
                    f.about.push(value.to_string());
                }
            }
            "sourcing" => set(&mut f.sourcing, value, &mut a.problem, "sourcing"),
            "confidence" => set(&mut f.confidence, value, &mut a.problem, "confidence"),
            "to" => set(&mut f.to, value, &mut a.problem, "to"),
            "rel" => set(&mut f.rel, value, &mut a.problem, "rel"),
            _ => a.unmapped.push(format!("tag \"{}\"", crate::text::clean_line(t))),
        },
        _ => match t.to_ascii_lowercase().as_str() {
            kind @ ("quote" | "claim" | "note" | "ref") => set(&mut f.kind, kind, &mut a.problem, "kind"),
            _ => a.unmapped.push(format!("tag \"{}\"", crate::text::clean_line(t))),
        },
    }
}

fn add_note(a: &mut Incoming, text: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    a.fields.note = Some(match a.fields.note.take() {
        Some(old) => format!("{old}\n\n{text}"),
        None => text.to_string(),
    });
}

/// A W3C annotation (read as the export writes it; see the module docs of
/// [`super`] for the mapping).
fn w3c(item: &Value, base: &str) -> Incoming {
    let id = string(item.get("id").or_else(|| item.get("@id")));
    let via = many(item.get("via")).first().and_then(|v| v.as_str()).map(str::to_string);
    let mut a = Incoming { key: id.clone(), id, via, ..Incoming::default() };
    let targets = many(item.get("target"));
    if targets.len() > 1 {
        a.problem =
            Some((format!("it has {} targets; a dossier annotation marks one passage", targets.len()), "split it into one annotation per passage".into()));
    }
    if let Some(target) = targets.first() {
        match target {
            Value::String(iri) => a.urls.push(iri.clone()),
            target => {
                let source = target.get("source").and_then(|s| s.as_str().or_else(|| s.get("id").and_then(Value::as_str)));
                a.urls.extend(source.or_else(|| target.get("id").and_then(Value::as_str)).map(str::to_string));
                a.urls.extend(string(target.get("scope")));
                a.quote = quote_of(target.get("selector"));
            }
        }
    }
    if let Some(text) = item.get("bodyValue").and_then(Value::as_str) {
        add_note(&mut a, text);
    }
    for body in many(item.get("body")) {
        let purpose = many(body.get("purpose")).first().and_then(|p| p.as_str()).unwrap_or("");
        let iri = match body {
            Value::String(iri) => Some(iri.as_str()),
            body => body.get("source").and_then(|s| s.as_str().or_else(|| s.get("id").and_then(Value::as_str))),
        };
        let iri = iri.or_else(|| (!body.get("value").is_some_and(Value::is_string)).then(|| body.get("id").and_then(Value::as_str)).flatten());
        match (iri, body.get("value").and_then(Value::as_str)) {
            (Some(iri), _) => resource(&mut a, base, iri, purpose, body.get(RELATION).and_then(Value::as_str)),
            (None, Some(value)) => match purpose {
                "tagging" | "classifying" | "assessing" => tag(&mut a, value),
                _ => add_note(&mut a, value),
            },
            (None, None) => a.unmapped.push(format!("a body of type {}", body.get("type").map_or("(none)".into(), |t| t.to_string()))),
        }
    }
    if a.fields.kind.is_none() && a.fields.to.is_some() && many(item.get("motivation")).iter().any(|m| m.as_str() == Some("linking")) {
        a.fields.kind = Some("ref".into());
    }
    a
}

/// A body that is a resource: an actor's page (the speaker or claimant, or
/// an actor the claim is about) or an article's passage (a cross-reference).
fn resource(a: &mut Incoming, base: &str, iri: &str, purpose: &str, relation: Option<&str>) {
    if let Some(id) = parse_actor_page(base, iri) {
        if purpose == "identifying" {
            tag(a, &format!("by:{id}"));
        } else {
            tag(a, &format!("about:{id}"));
        }
    } else if let Some((slug, anchor)) = parse_article_page(base, iri) {
        tag(a, &format!("to:{slug}{}", anchor.map(|x| format!("#{x}")).unwrap_or_default()));
        if let Some(rel) = relation {
            tag(a, &format!("rel:{rel}"));
        }
    } else {
        a.unmapped.push(format!("body {} (not an actor or article of this dossier)", crate::text::clean_line(iri)));
    }
}

/// A Hypothesis annotation: `text` is the note, tags carry the rest.
fn hypothesis(item: &Value) -> Incoming {
    let link = item.get("links").and_then(|l| l.get("html")).and_then(Value::as_str).map(str::to_string);
    let key = string(item.get("id"));
    let id = link.or_else(|| key.as_ref().map(|id| format!("https://hypothes.is/a/{id}")));
    let mut a = Incoming { id, key, ..Incoming::default() };
    if item.get("uri").is_none() && item.get("target").is_none() {
        a.problem = Some((
            "it is neither a W3C annotation (no `type: Annotation`) nor a Hypothesis one (no `uri` or `target`)".into(),
            "annotation files hold W3C Web Annotations or Hypothesis annotations".into(),
        ));
        return a;
    }
    if !many(item.get("references")).is_empty() {
        a.problem = Some((
            "it is a reply to another annotation; replies are not imported".into(),
            "a reply discusses an annotation rather than the text; copy what matters into the annotation it answers".into(),
        ));
    }
    let targets = many(item.get("target"));
    for target in &targets {
        a.urls.extend(string(target.get("source")));
    }
    a.urls.extend(string(item.get("uri")));
    a.quote = targets.iter().find_map(|t| quote_of(t.get("selector")));
    for t in many(item.get("tags")) {
        if let Some(t) = t.as_str() {
            tag(&mut a, t);
        }
    }
    if let Some(text) = item.get("text").and_then(Value::as_str) {
        add_note(&mut a, text);
    }
    a
}

#[cfg(test)]
mod tests {
    use super::super::{CONFIDENCE_TAG, SOURCING_TAG};
    use super::*;

    fn read_one(value: Value) -> Incoming {
        let items = [&value];
        let file = FileText::new("t.json", value.to_string());
        incoming(&file, &items, "https://example.org/d/").remove(0)
    }

    #[test]
    fn a_hypothesis_annotation_gives_its_quote_note_and_tags() {
        let a = read_one(serde_json::json!({
            "id": "AbC123", "uri": "https://www.foxnews.com/politics/x?utm_source=tw",
            "text": "Single source.", "tags": ["claim", "sourcing:anonymous", "about:vladimir-putin", "important"],
            "target": [{"source": "https://www.foxnews.com/politics/x", "selector": [
                {"type": "RangeSelector", "startContainer": "/p[2]"},
                {"type": "TextQuoteSelector", "exact": "a key breakthrough", "prefix": "is seen as ", "suffix": " in preparing"}]}],
        }));
        assert_eq!(a.id.as_deref(), Some("https://hypothes.is/a/AbC123"));
        assert_eq!(a.urls, ["https://www.foxnews.com/politics/x", "https://www.foxnews.com/politics/x?utm_source=tw"]);
        assert_eq!(a.quote.unwrap(), Quote { exact: "a key breakthrough".into(), prefix: "is seen as ".into(), suffix: " in preparing".into() });
        assert_eq!(a.fields.kind.as_deref(), Some("claim"));
        assert_eq!(a.fields.sourcing.as_deref(), Some("anonymous"));
        assert_eq!(a.fields.about, ["vladimir-putin"]);
        assert_eq!(a.fields.note.as_deref(), Some("Single source."));
        assert_eq!(a.unmapped, ["tag \"important\""]);
        assert!(a.problem.is_none());
    }

    #[test]
    fn replies_two_kinds_and_strangers_are_problems() {
        let reply = read_one(serde_json::json!({"id": "r", "uri": "https://x.org/", "references": ["AbC123"], "text": "Agreed."}));
        assert!(reply.problem.unwrap().0.contains("reply"));
        let two = read_one(serde_json::json!({"id": "t", "uri": "https://x.org/", "tags": ["quote", "claim"]}));
        assert!(two.problem.unwrap().0.contains("two values for `kind`"));
        let stranger = read_one(serde_json::json!({"name": "not an annotation"}));
        assert!(stranger.problem.unwrap().0.contains("neither"));
    }

    #[test]
    fn w3c_bodies_map_back_to_fields() {
        let (sourcing, confidence) = (format!("{SOURCING_TAG}official"), format!("{CONFIDENCE_TAG}high"));
        let a = read_one(serde_json::json!({
            "type": "Annotation", "id": "https://example.org/d/articles/a.html#c1", "motivation": "classifying",
            "body": [
                {"type": "TextualBody", "value": "Checked.", "purpose": "commenting"},
                {"type": "TextualBody", "value": "claim", "purpose": "classifying"},
                {"type": "SpecificResource", "source": "https://example.org/d/actors/donald-trump.html", "purpose": "identifying", "dossier:role": "claimant"},
                {"type": "SpecificResource", "source": "https://example.org/d/actors/vladimir-putin.html", "purpose": "tagging"},
                {"type": "TextualBody", "value": sourcing, "purpose": "tagging"},
                {"type": "TextualBody", "value": confidence, "purpose": "assessing"},
                {"type": "SpecificResource", "source": "https://example.org/d/articles/b.html#c9", "purpose": "linking", "dossier:relation": "contradicts"},
                "https://elsewhere.org/page",
            ],
            "target": {"type": "SpecificResource", "source": "https://example.org/d/articles/a.html", "scope": "https://news.org/a",
                       "selector": {"type": "TextQuoteSelector", "exact": "x"}},
        }));
        let f = &a.fields;
        assert_eq!((f.kind.as_deref(), f.by.as_deref(), f.note.as_deref()), (Some("claim"), Some("donald-trump"), Some("Checked.")));
        assert_eq!((f.sourcing.as_deref(), f.confidence.as_deref()), (Some("official"), Some("high")));
        assert_eq!((f.to.as_deref(), f.rel.as_deref()), (Some("b#c9"), Some("contradicts")));
        assert_eq!(f.about, ["vladimir-putin"]);
        assert_eq!(a.urls, ["https://example.org/d/articles/a.html", "https://news.org/a"]);
        assert_eq!(a.unmapped, ["body https://elsewhere.org/page (not an actor or article of this dossier)"]);
    }

    #[test]
    fn ids_are_found_in_the_text_for_messages() {
        let text = "[\n {\"body\": \"https://x.org/#a\",\n  \"id\" : \"https://x.org/#a\"}\n]";
        let at = find_id(text, "https://x.org/#a", 0).unwrap();
        assert_eq!(&text[at.start - 7..at.start], "\"id\" : ");
    }

    #[test]
    fn pages_are_files_beside_the_collection_and_never_outside() {
        let at = Path::new("/site/annotations.jsonld");
        let id = "https://example.org/d/annotations.jsonld";
        assert_eq!(beside(at, id, "https://example.org/d/annotations/2.jsonld"), Some(PathBuf::from("/site/annotations/2.jsonld")));
        assert_eq!(beside(at, id, "https://example.org/d/../../etc/passwd.json"), None);
        assert_eq!(beside(at, id, "https://elsewhere.org/annotations/2.jsonld"), None);
        assert_eq!(beside(at, id, "https://example.org/d/annotations/2.exe"), None);
    }
}
