//! The search index, built here and searched in the reader's browser by
//! `assets/search.js`, so the site needs no server.
//!
//! The index is split into small files, as Pagefind splits its own, so a
//! reader downloads only what a query needs, however large the dossier:
//!
//! - `search/index.json`: the format version, the number of documents, which
//!   document numbers are articles, actors and events, and the names of the
//!   term files;
//! - `search/docs-K.json`: documents `K * DOCS_PER_FILE ..`, each as
//!   `[title, url, meta, teaser]`, fetched only for the results shown;
//! - `search/terms-KEY.json`: every indexed term that starts with `KEY` (its
//!   first two characters, or for Chinese and Japanese one of 256 groups of
//!   first characters, see [`shard_key`]) with its postings, flat
//!   `[document, weight, document, weight, ...]`.
//!
//! Every article, actor and event is a document with three fields: its
//! title, the names around it (actors and events, with every alias, so a
//! search for "Vitkov" finds Witkoff, and "Трамп" finds Donald Trump) and
//! its text (for an article, the first `search_words` words and its
//! annotations). Terms are made as [`Terms::of`] says: split on spaces and
//! hyphens as elasticlunr.js splits; a word in ASCII goes through the
//! English pipeline (elasticlunr-rs here, elasticlunr.js's own functions in
//! the browser: trim, stop words, Porter stemmer), and any other word (any
//! script: Cyrillic, Greek, accented Latin) is split into runs of letters
//! and digits, put in NFC and lower case, with `ё` as `е`, and stemmed only
//! where the document's language has a stemmer (`rust-stemmers`' Russian);
//! Chinese and Japanese, written without spaces, as two characters at a time
//! ([`crate::text::cjk_terms`]).
//! The browser folds query words the same way and, for words outside ASCII,
//! also accepts a term that differs from the query word only in its last
//! few letters, which finds inflected forms ("Трампа" for "Трамп") in any
//! language, stemmed or not. A posting's weight is elasticlunr's
//! field score, `boost * sqrt(frequency) / sqrt(field length)` summed over the
//! fields, in thousandths; the browser adds the inverse document frequency,
//! the penalty for matching a longer word, and the share of query words
//! matched, as elasticlunr does.
//!
//! Documents are worked on in parallel and merged in document order, so
//! the files are the same whatever the thread count. The files are JSON
//! fetched by the script, never inlined in a page, and the script writes
//! results as text, so hostile titles stay inert.

use std::collections::BTreeMap;

use elasticlunr::lang::{English, Language};
use elasticlunr::Pipeline;
use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::annotate::BodyPart;
use crate::link::{ActorId, Site};
use crate::urls::{self, Page, Shows};

use super::site_file::{Out, SiteFile, Whole};
use super::OutputFile;

/// Documents per `search/docs-K.json`: a result list fetches a few of these.
const DOCS_PER_FILE: usize = 500;

/// Documents weighed together before their postings are gathered.
const WEIGH_BATCH: usize = 1024;

/// Bumped when the layout of the files changes.
const VERSION: u32 = 4;

/// Field boosts, as the search box has always ranked: a word in a title
/// counts three times one in the text, a name twice.
const BOOSTS: [f64; 3] = [3.0, 2.0, 1.0];

/// What a search result shows: title, URL (relative to the site root, e.g.
/// `articles/x.html`), a line of meta (outlet and date, role, or date and
/// place) and a teaser (summary or description, at most 200 characters).
/// Serialised as an array: the field names would be a third of the file.
#[derive(Serialize)]
struct Doc(String, String, String, String);

/// A document before indexing: what it shows, its three fields' text and
/// whether its words outside ASCII are Russian (stemmed as such).
struct Entry {
    doc: Doc,
    fields: [String; 3],
    russian: bool,
}

/// `search/index.json`.
#[derive(Serialize)]
struct Manifest<'a> {
    version: u32,
    docs: usize,
    docs_per_file: usize,
    /// `[kind, first document, number of documents]`, in document order.
    kinds: Vec<(&'static str, usize, usize)>,
    /// Keys of the `terms-KEY.json` files that exist, sorted.
    shards: Vec<&'a str>,
    /// The site's language, for the script's plural rules (`Intl.PluralRules`).
    lang: &'a str,
    /// The words the script writes, in the site's language (`script.*` of [`crate::i18n`]).
    strings: serde_json::Value,
}

/// Words of rendered HTML, at most `limit` of them: tags dropped, the few
/// entities the renderer writes decoded. Only used for indexing; results
/// are shown as text. Stops at the limit: an article's body is long and
/// only its lead is indexed.
fn plain_words(html: &str, limit: usize, out: &mut String) -> usize {
    let mut words = 0;
    let mut in_tag = false;
    let mut in_word = false;
    let mut rest = html;
    while words < limit {
        let Some(c) = rest.chars().next() else { break };
        let (decoded, len) = match (in_tag, c) {
            (false, '<') => {
                in_tag = true;
                (' ', 1)
            }
            (true, '>') => {
                in_tag = false;
                rest = &rest[1..];
                continue;
            }
            (true, _) => {
                rest = &rest[c.len_utf8()..];
                continue;
            }
            (false, '&') => ["&lt;", "&gt;", "&quot;", "&#39;", "&amp;"]
                .iter()
                .zip(['<', '>', '"', '\'', '&'])
                .find(|(entity, _)| rest.starts_with(**entity))
                .map_or(('&', 1), |(entity, ch)| (ch, entity.len())),
            (false, c) => (c, c.len_utf8()),
        };
        rest = &rest[len..];
        if decoded.is_whitespace() {
            if in_word {
                words += 1;
                in_word = false;
                out.push(' ');
            }
        } else {
            in_word = true;
            out.push(decoded);
        }
    }
    if in_word {
        words += 1;
        out.push(' ');
    }
    words
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

/// Longer "words" are not indexed: a 100 KB run of letters from a hostile
/// article is useless to search and would only bloat its term file.
const MAX_TOKEN_CHARS: usize = 40;

/// Chinese and Japanese run whole sentences together between spaces: a
/// token with their characters is cut into terms of two characters later,
/// and only its first this many characters are kept.
const MAX_CJK_TOKEN_CHARS: usize = 400;

/// elasticlunr's own tokenizer (split on white space and hyphens, lower
/// case, the same as elasticlunr.js does for queries), without overlong tokens.
fn tokenize(text: &str) -> Vec<String> {
    elasticlunr::lang::tokenize_whitespace(text)
        .into_iter()
        .filter_map(|t| {
            if t.chars().any(crate::text::is_cjk) {
                Some(t.chars().take(MAX_CJK_TOKEN_CHARS).collect())
            } else {
                (t.chars().count() <= MAX_TOKEN_CHARS).then_some(t)
            }
        })
        .collect()
}

/// Which `terms-KEY.json` holds `term`: its first two characters, ASCII
/// letters and digits as they are and any other character as `_` and six
/// hex digits of its code point, so the key is a safe file name.
/// `assets/search.js` computes the same key for a query word.
fn shard_key(term: &str) -> String {
    // Chinese and Japanese terms are pairs of characters, thousands of
    // them: one file each would be thousands of files of a few postings.
    // They share 256 files, by their first character.
    if let Some(c) = term.chars().next().filter(|&c| crate::text::is_cjk(c)) {
        return format!("_cjk{:02x}", c as u32 % 256);
    }
    let mut key = String::new();
    for c in term.chars().take(2) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            key.push(c);
        } else {
            key.push_str(&format!("_{:06x}", c as u32));
        }
    }
    key
}

/// A word outside ASCII as the index and the browser hold it: NFC, lower
/// case, `ё` as `е` (Russian print mostly writes `е` for both).
fn fold_word(word: &str) -> String {
    word.nfc().collect::<String>().to_lowercase().replace('ё', "е")
}

/// Whether `word` is written in Cyrillic (the Russian stemmer's alphabet).
fn is_cyrillic(word: &str) -> bool {
    word.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}'))
}

/// Words into terms, with the answer for each token remembered: making the
/// English pipeline compiles the stemmer's regular expressions, and running
/// it on every word of every article was most of the index's time, though a
/// dossier's vocabulary is small.
struct Terms {
    pipeline: Pipeline,
    russian: Stemmer,
    /// A token (and whether its document is Russian) to its terms.
    seen: foldhash::HashMap<(String, bool), Vec<String>>,
}

impl Terms {
    fn new() -> Self {
        Terms { pipeline: English::new().make_pipeline(), russian: Stemmer::create(Algorithm::Russian), seen: Default::default() }
    }

    /// The terms of one token: an ASCII token through the English pipeline
    /// (nothing if it is a stop word); any other split into runs of letters
    /// and digits, each ASCII run through the same pipeline and each other
    /// run folded, and stemmed if it is Cyrillic in a Russian document.
    fn of_token(&self, token: &str, russian: bool) -> Vec<String> {
        if token.is_ascii() {
            return self.pipeline.run(vec![token.to_string()]);
        }
        // NFC first: a letter written with a combining accent is one letter, not a split.
        let token: String = token.nfc().collect();
        let mut out = Vec::new();
        let mut add = |run: &str| {
            if run.is_ascii() {
                out.extend(self.pipeline.run(vec![run.to_string()]));
            } else {
                let word = fold_word(run);
                out.push(if russian && is_cyrillic(&word) { self.russian.stem(&word).into_owned() } else { word });
            }
        };
        for run in token.split(|c: char| !c.is_alphanumeric()).filter(|r| !r.is_empty()) {
            if run.chars().any(crate::text::is_cjk) {
                crate::text::cjk_terms(run, &mut add);
            } else {
                add(run);
            }
        }
        out
    }

    /// The indexed terms of `text`, in order, repeats kept.
    fn of(&mut self, text: &str, russian: bool) -> Vec<&str> {
        let tokens = tokenize(text);
        for token in &tokens {
            let key = (token.clone(), russian);
            if !self.seen.contains_key(&key) {
                let terms = self.of_token(token, russian);
                self.seen.insert(key, terms);
            }
        }
        tokens.iter().flat_map(|t| self.seen[&(t.clone(), russian)].iter().map(String::as_str)).collect()
    }
}

thread_local! {
    static TERMS: std::cell::RefCell<Terms> = std::cell::RefCell::new(Terms::new());
}

/// A document's terms with their weights, in thousandths, sorted by term.
fn weigh(terms: &mut Terms, fields: &[String; 3], russian: bool) -> Vec<(String, u32)> {
    let mut weights: foldhash::HashMap<String, f64> = Default::default();
    for (text, boost) in fields.iter().zip(BOOSTS) {
        let terms = terms.of(text, russian);
        if terms.is_empty() {
            continue;
        }
        let norm = boost / (terms.len() as f64).sqrt();
        let mut counts: foldhash::HashMap<&str, u32> = Default::default();
        for t in terms {
            *counts.entry(t).or_default() += 1;
        }
        for (t, n) in counts {
            let w = norm * f64::from(n).sqrt();
            match weights.get_mut(t) {
                Some(sum) => *sum += w,
                None => {
                    weights.insert(t.to_string(), w);
                }
            }
        }
    }
    let mut weighed: Vec<(String, u32)> = weights.into_iter().map(|(t, w)| (t, ((w * 1000.0).round() as u32).max(1))).collect();
    weighed.sort_unstable();
    weighed
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
            left -= plain_words(h, left, &mut text);
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

/// The documents, in the order they are numbered: articles, actors, events.
fn entries(site: &Site) -> (Vec<Entry>, Vec<(&'static str, usize, usize)>) {
    let s = &site.dossier.strings;
    let is_russian = |language: &str| crate::i18n::same_language(language, "ru");
    let site_russian = is_russian(&site.config().language);
    let names_of_actor = |x: ActorId| {
        let a = site.actor(x);
        std::iter::once(a.name.as_str()).chain(a.aliases.iter().map(String::as_str)).collect::<Vec<_>>().join(" ")
    };
    // A draft is for the analyst's preview, not for readers to find.
    let articles: Vec<Entry> = site
        .articles
        .par_iter()
        .filter(|article| !article.loaded.draft)
        .map(|article| {
            let a = &article.loaded;
            let mut names: Vec<String> = article.actors.iter().filter_map(|id| site.actor_by_id(id)).map(names_of_actor).collect();
            names.extend(article.events.iter().filter_map(|id| site.event_by_id(id)).map(|e| site.event(e).title.clone()));
            names.extend(a.outlet.iter().cloned());
            names.extend(a.author.iter().cloned());
            let meta = match (&a.outlet, a.date) {
                (Some(o), Some(d)) => format!("{o} · {}", s.short_date(d)),
                (Some(o), None) => o.clone(),
                (None, Some(d)) => s.short_date(d),
                (None, None) => String::new(),
            };
            Entry {
                doc: Doc(a.title.clone(), Page::article(&a.slug).path(), meta, teaser(&article.summary)),
                fields: [a.title.clone(), names.join(" "), article_text(article, site.config().search_words)],
                russian: a.language.as_deref().map_or(site_russian, is_russian),
            }
        })
        .collect();

    let actors = site.actor_ids().map(|x| {
        let a = site.actor(x);
        let body = [a.role.as_deref(), a.description.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(". ");
        let n = site.actor_links(x).articles.len();
        let meta = match &a.role {
            Some(r) => format!("{r} · {}", s.count("count.articles", n)),
            None => s.count("count.articles", n),
        };
        Entry {
            doc: Doc(a.name.clone(), Page::actor(&a.id).path(), meta, teaser(a.description.as_deref().unwrap_or(""))),
            fields: [a.name.clone(), names_of_actor(x), body],
            russian: site_russian,
        }
    });

    let events = site.event_ids().map(|e| {
        let ev = site.event(e);
        let mut actors: Vec<ActorId> =
            site.event_links(e).articles.iter().flat_map(|&ai| site.article(ai).actors.iter()).filter_map(|id| site.actor_by_id(id)).collect();
        actors.sort_unstable();
        actors.dedup();
        let mut names: Vec<String> = actors.into_iter().map(names_of_actor).collect();
        names.extend(ev.place.iter().cloned());
        let when = s.days(ev.days(), false);
        let meta = match &ev.place {
            Some(p) => format!("{when} · {p}"),
            None => when,
        };
        Entry {
            doc: Doc(ev.title.clone(), Page::event(&ev.id).path(), meta, teaser(ev.summary.as_deref().unwrap_or(""))),
            fields: [ev.title.clone(), names.join(" "), ev.summary.clone().unwrap_or_default()],
            russian: site_russian,
        }
    });

    let (articles_n, actors_n, events_n) = (articles.len(), site.actor_ids().len(), site.event_ids().len());
    let kinds = vec![("article", 0, articles_n), ("actor", articles_n, actors_n), ("event", articles_n + actors_n, events_n)];
    let mut all = articles;
    all.extend(actors);
    all.extend(events);
    (all, kinds)
}

/// The search index: its files are made together or not at all (the
/// manifest names the others), after every article.
pub(super) struct Index;

impl SiteFile for Index {
    fn make(&self, whole: &Whole<'_>, out: &Out<'_>) {
        if out.wants(Shows::Site, "") {
            for (path, bytes) in index(whole.site) {
                out.put(OutputFile { path, bytes });
            }
        }
    }
}

/// The files of the search index, paths relative to the site root.
fn index(site: &Site) -> Vec<(String, Vec<u8>)> {
    let (mut entries, kinds) = entries(site);
    // Each document is weighed on its own (with one pipeline per thread),
    // then the postings are gathered in document order, a batch at a time:
    // the weighed terms of every document at once were the largest
    // allocation of a build. A document's text is let go once weighed.
    let mut postings: foldhash::HashMap<String, Vec<u32>> = Default::default();
    for (batch, chunk) in entries.chunks_mut(WEIGH_BATCH).enumerate() {
        let weighed: Vec<Vec<(String, u32)>> =
            chunk.par_iter_mut().map(|e| TERMS.with(|terms| weigh(&mut terms.borrow_mut(), &std::mem::take(&mut e.fields), e.russian))).collect();
        for (i, terms) in weighed.into_iter().enumerate() {
            let doc = (batch * WEIGH_BATCH + i) as u32;
            for (term, weight) in terms {
                postings.entry(term).or_default().extend([doc, weight]);
            }
        }
    }
    let mut shards: BTreeMap<String, BTreeMap<String, Vec<u32>>> = BTreeMap::new();
    for (term, list) in postings {
        shards.entry(shard_key(&term)).or_default().insert(term, list);
    }

    let manifest = Manifest {
        version: VERSION,
        docs: entries.len(),
        docs_per_file: DOCS_PER_FILE,
        kinds,
        shards: shards.keys().map(String::as_str).collect(),
        lang: &site.config().language,
        strings: site.dossier.strings.for_script("script"),
    };
    let mut files = vec![(urls::SEARCH_MANIFEST.to_string(), serde_json::to_vec(&manifest).unwrap_or_default())];
    let docs: Vec<&Doc> = entries.iter().map(|e| &e.doc).collect();
    files.par_extend(docs.par_chunks(DOCS_PER_FILE).enumerate().map(|(k, chunk)| (urls::search_docs(k), serde_json::to_vec(chunk).unwrap_or_default())));
    files.par_extend(shards.par_iter().map(|(key, terms)| (urls::search_terms(key), serde_json::to_vec(terms).unwrap_or_default())));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_keys_are_safe_file_names() {
        assert_eq!(shard_key("territori"), "te");
        assert_eq!(shard_key("x"), "x");
        assert_eq!(shard_key("2025"), "20");
        assert_eq!(shard_key("zé"), "z_0000e9");
        // 首 is U+9996.
        assert_eq!(shard_key("首相"), "_cjk96");
        assert_eq!(shard_key("../"), "_00002e_00002e");
    }

    #[test]
    fn weights_follow_the_fields_boosts() {
        let w: BTreeMap<String, u32> =
            weigh(&mut Terms::new(), &["Witkoff".into(), "Witkoff Vitkov".into(), "talks in Moscow with Witkoff".into()], false).into_iter().collect();
        // Title 3/1, names 2/sqrt(2), body 1/sqrt(3) ("in", "with" are stop words).
        assert_eq!(w["witkoff"], (3000.0 + 2000.0 / 2f64.sqrt() + 1000.0 / 3f64.sqrt()).round() as u32);
        assert_eq!(w["vitkov"], (2000.0 / 2f64.sqrt()).round() as u32);
        assert_eq!(w["moscow"], (1000.0 / 3f64.sqrt()).round() as u32);
        assert!(!w.contains_key("with"));
    }

    #[test]
    fn words_in_any_script_are_terms() {
        let mut terms = Terms::new();
        // Cyrillic, folded; stemmed in a Russian document only.
        assert_eq!(terms.of("Трамп и Зеленский, переговоры", false), ["трамп", "и", "зеленский", "переговоры"]);
        assert_eq!(terms.of("Переговоры Трампа", true), ["переговор", "трамп"]);
        assert_eq!(terms.of("Ёлка", false), ["елка"]);
        // ASCII runs inside a word with a curly apostrophe go through the English pipeline.
        assert_eq!(terms.of("Zelensky’s talks", false), ["zelenski", "s", "talk"]);
        // Greek and accented Latin are kept, in lower case and NFC.
        assert_eq!(terms.of("Αθήνα Jose\u{301}", false), ["αθήνα", "josé"]);
        // Chinese and Japanese two characters at a time, however long the run between spaces.
        assert_eq!(
            terms.of("LDPの高市総裁が首相に選出された", false),
            ["ldp", "の高", "高市", "市総", "総裁", "裁が", "が首", "首相", "相に", "に選", "選出", "出さ"]
        );
        let sentence = "高市氏は自民党総裁に選ばれ、公明党は連立を離脱し、日本維新の会と合意した。".repeat(2);
        assert!(sentence.chars().count() > MAX_TOKEN_CHARS);
        assert!(terms.of(&sentence, false).contains(&"維新"));
    }

    #[test]
    fn overlong_tokens_are_not_indexed() {
        let long = "a".repeat(100_000);
        assert_eq!(tokenize(&format!("Trump-Putin {long} call")), ["trump", "putin", "call"]);
        let long = "首相".repeat(50_000);
        assert_eq!(tokenize(&long)[0].chars().count(), MAX_CJK_TOKEN_CHARS);
    }

    #[test]
    fn plain_words_drop_tags_decode_entities_and_stop_at_the_limit() {
        let html = "<p>Trump &amp; <a href=\"x\">Zelensky</a> met &lt;here&gt; &nbsp;x.</p><p>Then</p>";
        let mut out = String::new();
        assert_eq!(plain_words(html, 100, &mut out), 7);
        assert_eq!(out, "Trump & Zelensky met <here> &nbsp;x. Then ");
        let mut out = String::new();
        assert_eq!(plain_words(html, 3, &mut out), 3);
        assert_eq!(out, "Trump & Zelensky ");
    }
}
