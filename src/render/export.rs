//! `annotations.jsonld`: every annotation of the dossier in the W3C Web
//! Annotation Data Model, so other tools (Hypothesis-style clients,
//! annotation stores) can load them.
//!
//! Each annotation targets its article page with a TextQuoteSelector (the
//! passage as rendered text); when the article has an original URL it is
//! given as the target's `scope`. Speakers, claimants and cross-references
//! are bodies with a `purpose`, as the model prescribes.

use rayon::prelude::*;
use serde_json::{json, Value};

use crate::annotate::Kind;
use crate::link::Site;

pub(super) fn annotations_jsonld(site: &Site) -> Vec<u8> {
    let base = &site.config.base_url;
    // Per article in parallel; collected in article order, so the file is the same whatever the thread count.
    let per_article: Vec<Vec<Value>> = site.articles.par_iter().enumerate().map(|(ai, article)| {
        let mut items = Vec::new();
        let page = format!("{base}articles/{}.html", article.slug);
        for (ni, a) in article.annotations.iter().enumerate() {
            let mut body: Vec<Value> = Vec::new();
            if let Some(note) = &a.note {
                body.push(json!({"type": "TextualBody", "value": note, "format": "text/plain", "purpose": "commenting"}));
            }
            body.push(json!({"type": "TextualBody", "value": a.kind.name(), "purpose": "classifying"}));
            if let Some(by) = &a.by {
                body.push(json!({"id": format!("{base}actors/{by}.html"), "purpose": "identifying", "dossier:role": if a.kind == Kind::Quote { "speaker" } else { "claimant" }}));
            }
            for id in &a.about {
                body.push(json!({"id": format!("{base}actors/{id}.html"), "purpose": "tagging"}));
            }
            if let Some(s) = &a.sourcing {
                body.push(json!({"type": "TextualBody", "value": format!("sourcing:{s}"), "purpose": "tagging"}));
            }
            if let Some(c) = &a.confidence {
                body.push(json!({"type": "TextualBody", "value": format!("confidence:{c}"), "purpose": "assessing"}));
            }
            if let Some(&xi) = site.refers_to.get(&(ai, ni)) {
                let x = &site.cross_refs[xi];
                let t = &site.articles[x.to.0];
                let id = match x.to.1 {
                    Some(p) => format!("{base}articles/{}.html#{}", t.slug, t.annotations[p].id),
                    None => format!("{base}articles/{}.html", t.slug),
                };
                body.push(json!({"id": id, "type": "SpecificResource", "purpose": "linking", "dossier:relation": x.relation}));
            }
            let motivation = match (a.kind, a.note.is_some()) {
                (Kind::Ref, _) => "linking",
                (Kind::Quote | Kind::Claim, _) => "classifying",
                (Kind::Note, true) => "commenting",
                (Kind::Note, false) => "highlighting",
            };
            let mut target = json!({
                "source": page,
                "selector": {"type": "TextQuoteSelector", "exact": a.passage},
            });
            if let Some(url) = &article.url {
                target["scope"] = json!(url);
            }
            items.push(json!({
                "id": format!("{page}#{}", a.id),
                "type": "Annotation",
                "motivation": motivation,
                "body": body,
                "target": target,
            }));
        }
        items
    }).collect();
    let items: Vec<Value> = per_article.into_iter().flatten().collect();
    let collection = json!({
        "@context": ["http://www.w3.org/ns/anno.jsonld", {"dossier": format!("{base}vocab#")}],
        "id": format!("{base}annotations.jsonld"),
        "type": "AnnotationCollection",
        "label": site.config.title,
        "total": items.len(),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    });
    let mut out = serde_json::to_vec_pretty(&collection).unwrap_or_default();
    out.push(b'\n');
    out
}
