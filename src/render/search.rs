//! The search index: `search-index.json`, built here and searched in the
//! reader's browser by `assets/search.js` with elasticlunr.js (the format
//! and ranking mdBook uses), so the site needs no server.
//!
//! Every article, actor and event is a document with three fields: its
//! title, the names around it (actors and events, with every alias, so a
//! search for "Vitkov" finds Witkoff) and its text (for an article, the
//! first `search_words` words and its annotations). Next to the index,
//! `docs` gives, by the document's short reference, what a result shows:
//! kind, title, URL (relative to the site root) and a line of context. The file is JSON fetched by the script,
//! never inlined in a page, and the script writes results as text, so
//! hostile titles stay inert.

use std::collections::BTreeMap;

use elasticlunr::{Index, IndexBuilder};
use serde::Serialize;

use crate::annotate::BodyPart;
use crate::link::Site;

/// What a search result shows.
#[derive(Serialize)]
struct Doc {
    /// `article`, `actor` or `event`: results are grouped by it.
    kind: &'static str,
    title: String,
    /// Relative to the site root, e.g. `articles/x.html`.
    url: String,
    /// Outlet and date, role, or date and place.
    meta: String,
    /// A line of context (summary or description), at most 200 characters.
    teaser: String,
}

#[derive(Serialize)]
struct SearchFile<'a> {
    /// Bumped when the layout of this file changes.
    version: u32,
    docs: BTreeMap<String, Doc>,
    index: &'a Index,
}

/// Text of rendered HTML: tags dropped, the few entities the renderer
/// writes decoded. Only used for indexing; results are shown as text.
fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match (in_tag, c) {
            (false, '<') => {
                in_tag = true;
                out.push(' ');
            }
            (true, '>') => in_tag = false,
            (false, c) => out.push(c),
            (true, _) => {}
        }
    }
    out.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}

fn teaser(s: &str) -> String {
    let s = s.trim();
    if s.chars().count() <= 200 {
        return s.to_string();
    }
    let mut t: String = s.chars().take(199).collect();
    t.push('…');
    t
}

fn human_date(d: jiff::civil::Date) -> String {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    format!("{} {} {}", d.day(), MONTHS[d.month() as usize - 1], d.year())
}

/// Longer "words" are not indexed. The index is a trie with one level per
/// character, and a 100 KB run of letters from a hostile article would
/// make it 100,000 levels deep: too deep to serialise, and useless to
/// search.
const MAX_TOKEN_CHARS: usize = 40;

/// elasticlunr's own tokenizer (split on white space and hyphens, lower
/// case, the same as elasticlunr.js does for queries), without overlong tokens.
fn tokenize(text: &str) -> Vec<String> {
    elasticlunr::lang::tokenize_whitespace(text).into_iter().filter(|t| t.chars().count() <= MAX_TOKEN_CHARS).collect()
}

/// What of an article the index holds besides its title and names: the
/// first `words` words of its text, and every annotation's passage and
/// note, which are what an analyst picked out, wherever they sit.
fn article_text(a: &crate::annotate::Article, words: usize) -> String {
    let mut text = String::new();
    let mut left = words;
    for part in &a.body {
        if left == 0 {
            break;
        }
        if let BodyPart::Html(h) = part {
            for word in plain_text(h).split_whitespace().take(left) {
                text.push_str(word);
                text.push(' ');
                left -= 1;
            }
        }
    }
    for n in &a.annotations {
        text.push_str(&n.passage);
        text.push(' ');
        if let Some(note) = &n.note {
            text.push_str(note);
            text.push(' ');
        }
    }
    text
}

/// `0`, `1`, ... `z`, `10`, ...: the shortest references.
fn radix36(mut n: usize) -> String {
    let mut digits = Vec::new();
    loop {
        digits.push(char::from_digit((n % 36) as u32, 36).unwrap_or('0'));
        n /= 36;
        if n == 0 {
            break;
        }
    }
    digits.iter().rev().collect()
}

/// `search-index.json` for the whole site.
pub(super) fn index(site: &Site) -> Vec<u8> {
    let mut index = IndexBuilder::new()
        .add_field_with_tokenizer("title", Box::new(tokenize))
        .add_field_with_tokenizer("names", Box::new(tokenize))
        .add_field_with_tokenizer("body", Box::new(tokenize))
        .save_docs(false)
        .build();
    // Documents are referred to by a short number rather than their URL: the
    // index repeats the reference for every word of every document, and with
    // URLs it was three quarters of the file.
    let mut docs = BTreeMap::new();
    let mut next_ref = 0usize;
    let mut new_ref = || {
        next_ref += 1;
        radix36(next_ref - 1)
    };
    let names_of_actor = |x: usize| {
        let a = &site.actors[x];
        std::iter::once(a.name.as_str()).chain(a.aliases.iter().map(String::as_str)).collect::<Vec<_>>().join(" ")
    };

    for a in &site.articles {
        let url = format!("articles/{}.html", a.slug);
        let mut names: Vec<String> = a.actors.iter().filter_map(|id| site.actor_index(id)).map(names_of_actor).collect();
        names.extend(a.events.iter().filter_map(|id| site.event_index(id)).map(|e| site.events[e].title.clone()));
        names.extend(a.outlet.iter().cloned());
        names.extend(a.author.iter().cloned());
        let r = new_ref();
        index.add_doc(&r, [a.title.as_str(), names.join(" ").as_str(), article_text(a, site.config.search_words).as_str()]);
        let meta = match (&a.outlet, a.date) {
            (Some(o), Some(d)) => format!("{o} · {}", human_date(d)),
            (Some(o), None) => o.clone(),
            (None, Some(d)) => human_date(d),
            (None, None) => String::new(),
        };
        docs.insert(r, Doc { kind: "article", title: a.title.clone(), url, meta, teaser: teaser(&a.summary) });
    }

    for (x, a) in site.actors.iter().enumerate() {
        let url = format!("actors/{}.html", a.id);
        let body = [a.role.as_deref(), a.description.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(". ");
        let r = new_ref();
        index.add_doc(&r, [a.name.as_str(), names_of_actor(x).as_str(), body.as_str()]);
        let n = site.articles_of_actor[x].len();
        let meta = match &a.role {
            Some(r) => format!("{r} · {n} article{}", if n == 1 { "" } else { "s" }),
            None => format!("{n} article{}", if n == 1 { "" } else { "s" }),
        };
        docs.insert(r, Doc { kind: "actor", title: a.name.clone(), url, meta, teaser: teaser(a.description.as_deref().unwrap_or("")) });
    }

    for (e, ev) in site.events.iter().enumerate() {
        let url = format!("events/{}.html", ev.id);
        let mut actors: Vec<usize> = site.articles_of_event[e].iter().flat_map(|&ai| site.articles[ai].actors.iter()).filter_map(|id| site.actor_index(id)).collect();
        actors.sort_unstable();
        actors.dedup();
        let mut names: Vec<String> = actors.into_iter().map(names_of_actor).collect();
        names.extend(ev.place.iter().cloned());
        let body = ev.summary.clone().unwrap_or_default();
        let r = new_ref();
        index.add_doc(&r, [ev.title.as_str(), names.join(" ").as_str(), body.as_str()]);
        let when = match ev.end {
            Some(end) => format!("{} – {}", human_date(ev.start), human_date(end)),
            None => human_date(ev.start),
        };
        let meta = match &ev.place {
            Some(p) => format!("{when} · {p}"),
            None => when,
        };
        docs.insert(r, Doc { kind: "event", title: ev.title.clone(), url, meta, teaser: teaser(ev.summary.as_deref().unwrap_or("")) });
    }

    let file = SearchFile { version: 2, docs, index: &index };
    serde_json::to_vec(&file).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_short_and_distinct() {
        let refs: Vec<String> = (0..1300).map(radix36).collect();
        assert_eq!((refs[0].as_str(), refs[35].as_str(), refs[36].as_str(), refs[1295].as_str()), ("0", "z", "10", "zz"));
        assert_eq!(refs.iter().collect::<std::collections::BTreeSet<_>>().len(), refs.len());
    }

    #[test]
    fn overlong_tokens_are_not_indexed() {
        let long = "a".repeat(100_000);
        assert_eq!(tokenize(&format!("Trump-Putin {long} call")), ["trump", "putin", "call"]);
    }

    #[test]
    fn plain_text_drops_tags_and_decodes_entities() {
        let html = "<p>Trump &amp; <a href=\"x\">Zelensky</a> met &lt;here&gt;.</p>";
        assert_eq!(plain_text(html).split_whitespace().collect::<Vec<_>>().join(" "), "Trump & Zelensky met <here>.");
    }
}
