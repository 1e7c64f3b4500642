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
use crate::link::{ArticleId, Site};
use crate::urls::{self, Page};

/// The export, handed to `emit` a batch of articles at a time: at 10,000
/// articles it is 64 MB, which a build need not hold whole.
pub(super) fn annotations_jsonld(site: &Site, emit: &mut dyn FnMut(&[u8])) {
    let base = &site.config().base_url;
    // Each annotation is printed as soon as it is made (a JSON tree of the
    // whole collection was the build's largest allocation), per article in
    // parallel, a batch of articles at a time, appended in article order, so
    // the file is the same whatever the thread count.
    let article_items = |ai: ArticleId| -> (usize, Vec<u8>) {
        let article = site.article(ai);
        let mut items = Vec::new();
        let page = Page::article(&article.loaded.slug).url(base);
        for (ni, a) in article.annotations.iter().enumerate() {
            let mut body: Vec<Value> = Vec::new();
            if let Some(note) = &a.note {
                body.push(json!({"type": "TextualBody", "value": note, "format": "text/plain", "purpose": "commenting"}));
            }
            body.push(json!({"type": "TextualBody", "value": a.kind.name(), "purpose": "classifying"}));
            if let Some(by) = &a.by {
                body.push(json!({"id": Page::actor(by).url(base), "purpose": "identifying", "dossier:role": if a.kind == Kind::Quote { "speaker" } else { "claimant" }}));
            }
            for id in &a.about {
                body.push(json!({"id": Page::actor(id).url(base), "purpose": "tagging"}));
            }
            if let Some(s) = &a.sourcing {
                body.push(json!({"type": "TextualBody", "value": format!("sourcing:{s}"), "purpose": "tagging"}));
            }
            if let Some(c) = &a.confidence {
                body.push(json!({"type": "TextualBody", "value": format!("confidence:{c}"), "purpose": "assessing"}));
            }
            if let Some(x) = site.refers_to((ai, ni)) {
                let t = site.article(x.to.0);
                let id = match x.to.1 {
                    Some(p) => format!("{}#{}", Page::article(&t.loaded.slug).url(base), t.annotations[p].id),
                    None => Page::article(&t.loaded.slug).url(base),
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
            if let Some(url) = &article.loaded.url {
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
        (items.len(), print_items(&items))
    };
    let total: usize = site.articles.iter().map(|a| a.annotations.len()).sum();
    let collection = json!({
        "@context": ["http://www.w3.org/ns/anno.jsonld", {"dossier": format!("{base}vocab#")}],
        "id": urls::absolute(base, urls::EXPORT),
        "type": "AnnotationCollection",
        "label": site.config().title,
        "total": total,
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": []},
    });
    // Compact JSON, one annotation per line: a tenth of the site's bytes
    // were indentation when this was pretty-printed, and a line per
    // annotation still reads well in a diff.
    let frame = serde_json::to_vec(&collection).unwrap_or_default();
    // Splice the items into the empty list. Inside a JSON string every quote
    // is escaped, so this pattern can only be the key itself.
    const EMPTY: &[u8] = b"\"items\":[]";
    match frame.windows(EMPTY.len()).position(|w| w == EMPTY).filter(|_| total > 0) {
        Some(at) => {
            emit(&frame[..at]);
            emit(b"\"items\":[\n");
            let mut first = true;
            let indexes: Vec<ArticleId> = site.article_ids().collect();
            for batch in indexes.chunks(256) {
                let printed: Vec<(usize, Vec<u8>)> = batch.par_iter().map(|&ai| article_items(ai)).collect();
                for (_, chunk) in printed.iter().filter(|(n, _)| *n > 0) {
                    if !first {
                        emit(b",\n");
                    }
                    first = false;
                    emit(chunk);
                }
            }
            emit(b"\n]");
            emit(&frame[at + EMPTY.len()..]);
        }
        None => emit(&frame),
    }
    emit(b"\n");
}

/// Annotations as elements of the collection's `items` list, one per line,
/// separated by commas.
fn print_items(items: &[Value]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b",\n");
        }
        out.extend_from_slice(&serde_json::to_vec(item).unwrap_or_default());
    }
    out
}
