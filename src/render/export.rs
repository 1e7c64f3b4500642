//! The W3C export: every annotation of the dossier in the W3C Web Annotation
//! Data Model (the mapping is [`crate::w3c`]'s), so other tools (Hypothesis-
//! style clients, annotation stores) can load them.
//!
//! `annotations.jsonld` is an `AnnotationCollection` (its `total`, `first`
//! and `last` page); the annotations are in `AnnotationPage`s of
//! [`PAGE_SIZE`], `annotations/1.jsonld`, `annotations/2.jsonld`, ..., each
//! with its `startIndex` and its `prev` and `next` page, so a tool can fetch
//! part of a large dossier. The collection embeds its first page, so a small
//! dossier's annotations are all in one file. `vocab.jsonld` defines the
//! terms the export adds to the model's.

use rayon::prelude::*;
use serde_json::{json, Value};

use super::OutputFile;
use crate::link::{ArticleId, Site};
use crate::urls::{self, export_page};
use crate::w3c::{self, Export};

/// Annotations in one page of the collection.
pub(super) const PAGE_SIZE: usize = 1000;

/// Hand the export's files to `put`, each page as soon as it is full.
///
/// Each annotation is printed as soon as it is made (a JSON tree of the
/// whole collection was once the build's largest allocation), per article
/// in parallel, a batch of articles at a time, appended in article order, so
/// the files are the same whatever the thread count; a page is the most the
/// export holds.
pub(super) fn files(site: &Site, put: &mut dyn FnMut(OutputFile)) {
    let base = &site.config().base_url;
    let total: usize = site.articles.iter().map(|a| a.annotations.len()).sum();
    let mut pages = Pages { base, title: &site.config().title, total, count: total.div_ceil(PAGE_SIZE), number: 1, items: Vec::new(), in_page: 0 };
    let article_items = |ai: ArticleId| -> Vec<Vec<u8>> {
        let article = site.article(ai);
        let items = article.annotations.iter().enumerate().map(|(ni, a)| {
            let link = site.refers_to((ai, ni)).map(|x| {
                let t = site.article(x.to.0);
                let page = w3c::article_page(base, &t.loaded.slug);
                let iri = match x.to.1 {
                    Some(p) => format!("{page}#{}", t.annotations[p].id),
                    None => page,
                };
                (iri, x.relation.as_str())
            });
            let export = Export { base, slug: &article.loaded.slug, url: article.loaded.url.as_deref(), annotation: a, link };
            serde_json::to_vec(&w3c::annotation(&export)).unwrap_or_default()
        });
        items.collect()
    };
    if total == 0 {
        put(pages.collection(None));
    }
    let indexes: Vec<ArticleId> = site.article_ids().collect();
    for batch in indexes.chunks(256) {
        let printed: Vec<Vec<Vec<u8>>> = batch.par_iter().map(|&ai| article_items(ai)).collect();
        for item in printed.into_iter().flatten() {
            pages.push(&item, put);
        }
    }
    put(OutputFile { path: urls::VOCABULARY.into(), bytes: pretty(&w3c::vocabulary(base)) });
}

/// The pages being filled, in order.
struct Pages<'a> {
    base: &'a str,
    title: &'a str,
    total: usize,
    /// How many pages there are.
    count: usize,
    /// The page being filled (from 1), its items so far, and how many.
    number: usize,
    items: Vec<u8>,
    in_page: usize,
}

impl Pages<'_> {
    fn push(&mut self, item: &[u8], put: &mut dyn FnMut(OutputFile)) {
        self.items.extend_from_slice(if self.in_page == 0 { b"\n" } else { b",\n" });
        self.items.extend_from_slice(item);
        self.in_page += 1;
        if self.in_page == PAGE_SIZE || (self.number - 1) * PAGE_SIZE + self.in_page == self.total {
            let items = std::mem::take(&mut self.items);
            self.in_page = 0;
            let mut page = self.page(self.number);
            if self.number == 1 {
                put(self.collection(Some((page.clone(), &items))));
            }
            page.as_object_mut().expect("a page is an object").insert("@context".into(), w3c::context(self.base));
            put(OutputFile { path: export_page(self.number), bytes: splice(&page, &items) });
            self.number += 1;
        }
    }

    fn iri(&self, path: &str) -> String {
        urls::absolute(self.base, path)
    }

    /// Page `n` without its items.
    fn page(&self, n: usize) -> Value {
        let mut page = json!({
            "id": self.iri(&export_page(n)),
            "type": "AnnotationPage",
            "partOf": {"id": self.iri(urls::EXPORT), "total": self.total},
            "startIndex": (n - 1) * PAGE_SIZE,
            "items": [],
        });
        if n > 1 {
            page["prev"] = json!(self.iri(&export_page(n - 1)));
        }
        if n < self.count {
            page["next"] = json!(self.iri(&export_page(n + 1)));
        }
        page
    }

    /// The collection, with its first page (and that page's items) embedded.
    fn collection(&self, first: Option<(Value, &[u8])>) -> OutputFile {
        let mut collection = json!({
            "@context": w3c::context(self.base),
            "id": self.iri(urls::EXPORT),
            "type": "AnnotationCollection",
            "label": self.title,
            "total": self.total,
        });
        let bytes = match first {
            Some((page, items)) => {
                collection["first"] = page;
                collection["last"] = json!(self.iri(&export_page(self.count)));
                splice(&collection, items)
            }
            None => {
                let mut bytes = serde_json::to_vec(&collection).unwrap_or_default();
                bytes.push(b'\n');
                bytes
            }
        };
        OutputFile { path: urls::EXPORT.into(), bytes }
    }
}

/// `value`, compact, with `items` (annotations, each on a line of its own:
/// a line per annotation reads well in a diff) in its one empty `items` list.
fn splice(value: &Value, items: &[u8]) -> Vec<u8> {
    // Inside a JSON string every quote is escaped, so this can only be the key.
    const EMPTY: &[u8] = b"\"items\":[]";
    let frame = serde_json::to_vec(value).unwrap_or_default();
    let Some(at) = frame.windows(EMPTY.len()).position(|w| w == EMPTY) else { return frame };
    let mut out = Vec::with_capacity(frame.len() + items.len() + 4);
    out.extend_from_slice(&frame[..at]);
    out.extend_from_slice(b"\"items\":[");
    out.extend_from_slice(items);
    out.extend_from_slice(b"\n]");
    out.extend_from_slice(&frame[at + EMPTY.len()..]);
    out.push(b'\n');
    out
}

fn pretty(value: &Value) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
