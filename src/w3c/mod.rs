//! The [W3C Web Annotation Data Model](https://www.w3.org/TR/annotation-model/),
//! both ways: how a dossier annotation is written as a W3C annotation (for
//! the export, `render/export.rs`), and how W3C annotations and Hypothesis'
//! own format are read back into standoff annotations (`dossier
//! import-annotations`, [`import`]). The two directions share the names in
//! this file, so what the export writes the import reads.
//!
//! | dossier | W3C annotation |
//! | --- | --- |
//! | `id` | `id`: the article page's IRI with the annotation's anchor |
//! | the passage | `target`: a `SpecificResource` whose `source` is the article page, with a `TextQuoteSelector` (`exact`, `prefix`, `suffix`) and the original report as `scope` |
//! | `kind` | a `TextualBody` with purpose `classifying`: `quote`, `claim`, `note` or `ref` |
//! | `note` | a `TextualBody` with purpose `commenting` |
//! | `by` | a `SpecificResource` whose `source` is the actor's page, purpose `identifying`, `dossier:role` `speaker` or `claimant` |
//! | `about` | a `SpecificResource` whose `source` is the actor's page, purpose `tagging` |
//! | `sourcing`, `confidence` | a `TextualBody` tag `sourcing:named` (purpose `tagging`), `confidence:high` (purpose `assessing`) |
//! | `to`, `rel` | a `SpecificResource` whose `source` is the passage (or article) pointed at, purpose `linking`, `dossier:relation` |
//! | `via` | `via` |
//!
//! Hypothesis has no typed bodies: its `text` is the note and its tags carry
//! the rest (`claim`, `by:donald-trump`, `sourcing:anonymous`, ...); the
//! import reads tags of W3C annotations (bodies with purpose `tagging`) the
//! same way.
//!
//! The two terms of our own, `dossier:role` and `dossier:relation`, are
//! defined in the vocabulary every site publishes ([`VOCABULARY`]), which
//! the `dossier:` prefix points at.

pub mod import;
mod read;

use serde_json::{json, Value};

use crate::annotate::{Annotation, Kind};
use crate::urls::{Page, PageKind, EXPORT as COLLECTION, VOCABULARY};

/// The IRI of an article's page.
pub(crate) fn article_page(base: &str, slug: &str) -> String {
    Page::article(slug).url(base)
}

/// The IRI of an actor's page.
pub(crate) fn actor_page(base: &str, id: &str) -> String {
    Page::actor(id).url(base)
}

/// The key (slug or id) of the page of `kind` that `iri` names, if it
/// names one of this site: the route table decides, so what the export
/// writes the import reads.
fn key_of<'a>(base: &str, kind: PageKind, iri: &'a str) -> Option<&'a str> {
    let (before, after) = kind.route().path.split_once("{}")?;
    let key = iri.strip_prefix(base)?.strip_prefix(before)?.strip_suffix(after)?;
    (crate::text::is_slug(key) && Page::new(kind, key).url(base) == iri).then_some(key)
}

/// The article slug and anchor an IRI of this site names, if it names one.
fn parse_article_page<'a>(base: &str, iri: &'a str) -> Option<(&'a str, Option<&'a str>)> {
    let (page, anchor) = match iri.split_once('#') {
        Some((page, anchor)) => (page, Some(anchor).filter(|a| !a.is_empty())),
        None => (iri, None),
    };
    Some((key_of(base, PageKind::Article, page)?, anchor))
}

/// The actor id an IRI of this site names, if it names one.
fn parse_actor_page<'a>(base: &str, iri: &'a str) -> Option<&'a str> {
    key_of(base, PageKind::Actor, iri)
}

/// The JSON-LD context of the export: the W3C model's, and our prefix.
pub(crate) fn context(base: &str) -> Value {
    json!([ANNO_CONTEXT, {"dossier": format!("{base}{VOCABULARY}#")}])
}

const ANNO_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// Our two terms, as the export writes them (prefixed).
const ROLE: &str = "dossier:role";
const RELATION: &str = "dossier:relation";

/// Tags for the attributes that are words from a fixed list.
const SOURCING_TAG: &str = "sourcing:";
const CONFIDENCE_TAG: &str = "confidence:";

/// The vocabulary file: our terms, defined in RDF Schema, so a JSON-LD
/// processor (or a person) following `dossier:role` finds what it means.
pub(crate) fn vocabulary(base: &str) -> Value {
    let term = |name: &str, label: &str, comment: &str| {
        json!({
            "@id": format!("dossier:{name}"),
            "@type": "rdf:Property",
            "rdfs:label": label,
            "rdfs:comment": comment,
            "rdfs:domain": {"@id": "oa:SpecificResource"},
            "rdfs:range": {"@id": "xsd:string"},
            "rdfs:isDefinedBy": {"@id": format!("{base}{VOCABULARY}")},
        })
    };
    json!({
        "@context": {
            "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
            "oa": "http://www.w3.org/ns/oa#",
            "dossier": format!("{base}{VOCABULARY}#"),
        },
        "@graph": [
            {
                "@id": format!("{base}{VOCABULARY}"),
                "rdfs:label": "dossier annotation vocabulary",
                "rdfs:comment": format!("Terms the W3C Web Annotation export of this dossier ({base}{COLLECTION}) uses beyond the Web Annotation Vocabulary. Other properties of the export are the model's own; the tags sourcing:named|anonymous|official|document|unsourced and confidence:low|medium|high are plain TextualBody values."),
            },
            term(
                "role",
                "role",
                "On a body that identifies an actor (purpose identifying, source the actor's page): how the actor takes part in the annotated passage. `speaker`: the passage is the actor's words (a quote). `claimant`: the passage is the actor's assertion (a claim).",
            ),
            term(
                "relation",
                "relation",
                "On a linking body (purpose linking, source another article's passage or page): how the annotated passage relates to it. `same-claim`: the two passages make the same claim. `contradicts`: this passage contradicts the other. `corrects`: this passage corrects the other. `source-of`: this passage is the source the other is based on.",
            ),
        ],
    })
}

/// One annotation as the export writes it.
pub(crate) struct Export<'a> {
    /// The site's base URL, ending in `/`.
    pub base: &'a str,
    pub slug: &'a str,
    /// The original report's address.
    pub url: Option<&'a str>,
    pub annotation: &'a Annotation,
    /// The passage or article the annotation points at (its IRI), and how:
    /// as the link stage resolved `to=` and `rel=`.
    pub link: Option<(String, &'a str)>,
}

/// An annotation in the W3C model; every body that carries a `purpose` is a
/// `TextualBody` or a `SpecificResource`, as the model requires (3.3.5).
pub(crate) fn annotation(e: &Export<'_>) -> Value {
    let a = e.annotation;
    let page = article_page(e.base, e.slug);
    let mut body: Vec<Value> = Vec::new();
    if let Some(note) = &a.note {
        body.push(json!({"type": "TextualBody", "value": note, "format": "text/plain", "purpose": "commenting"}));
    }
    body.push(json!({"type": "TextualBody", "value": a.kind.name(), "purpose": "classifying"}));
    if let Some(by) = &a.by {
        let role = if a.kind == Kind::Quote { "speaker" } else { "claimant" };
        body.push(json!({"type": "SpecificResource", "source": actor_page(e.base, by), "purpose": "identifying", ROLE: role}));
    }
    for id in &a.about {
        body.push(json!({"type": "SpecificResource", "source": actor_page(e.base, id), "purpose": "tagging"}));
    }
    if let Some(s) = &a.sourcing {
        body.push(json!({"type": "TextualBody", "value": format!("{SOURCING_TAG}{s}"), "purpose": "tagging"}));
    }
    if let Some(c) = &a.confidence {
        body.push(json!({"type": "TextualBody", "value": format!("{CONFIDENCE_TAG}{c}"), "purpose": "assessing"}));
    }
    if let Some((iri, relation)) = &e.link {
        body.push(json!({"type": "SpecificResource", "source": iri, "purpose": "linking", RELATION: relation}));
    }
    let motivation = match (a.kind, a.note.is_some()) {
        (Kind::Ref, _) => "linking",
        (Kind::Quote | Kind::Claim, _) => "classifying",
        (Kind::Note, true) => "commenting",
        (Kind::Note, false) => "highlighting",
    };
    let mut selector = json!({"type": "TextQuoteSelector", "exact": a.passage});
    let (prefix, suffix) = (a.selector_context.prefix(), a.selector_context.suffix());
    if !prefix.is_empty() {
        selector["prefix"] = json!(prefix);
    }
    if !suffix.is_empty() {
        selector["suffix"] = json!(suffix);
    }
    let mut target = json!({"type": "SpecificResource", "source": page, "selector": selector});
    if let Some(url) = e.url {
        target["scope"] = json!(url);
    }
    let mut out = json!({
        "id": format!("{page}#{}", a.id),
        "type": "Annotation",
        "motivation": motivation,
        "body": body,
        "target": target,
    });
    if let Some(via) = &a.via {
        out["via"] = json!(via);
    }
    out
}
