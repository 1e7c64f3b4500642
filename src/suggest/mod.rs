//! Suggested links: which articles cover the same event, which events they
//! cover, which are near-duplicates of each other, and which passages recur.
//!
//! Declared `events = [...]` stay the ground truth (the [`crate::link`]
//! stage builds the site from them); this module proposes what is missing,
//! for `dossier suggest` and, when `[link] show_suggestions` is set, for the
//! article pages. It reads the articles as loaded (text and front matter,
//! nothing the annotate stage made), so 100,000 articles link in seconds:
//!
//! 1. [`features`]: per article (and per registered event), weighted terms, a
//!    MinHash sketch, actors, names and places, figures, quotes, dates
//!    ([`dates`] resolves "on Sunday" against the publication date).
//! 2. [`candidates`]: pairs worth scoring, from LSH buckets and rare-key
//!    blocking within a few days; never every pair.
//! 3. [`score`]: TF-IDF cosine and weighted overlaps, scaled by date agreement,
//!    so look-alike events days apart stay apart.
//! 4. Here: per article, the related articles above the threshold with their
//!    evidence, the events (declared, suggested from the registry or from a
//!    related article's declaration, or new), near-duplicates and shared
//!    passages. Everything is sorted, so the output is byte-identical across
//!    runs and thread counts.
//!
//! [`report`] prints the result as text or JSON; [`write`](write::write) adds
//! accepted events to the articles' front matter.

mod candidates;
mod features;
mod keys;
mod report;
mod score;
mod write;

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use rayon::prelude::*;
use serde::Serialize;

use crate::annotate::ActorMatcher;
use crate::load::{Dossier, Event, LoadedArticle};
use features::{Features, Input, Kind, PassageKind};
use score::{Parts, Weights};

pub use report::{json, text};
pub use write::{write, Written};

pub use crate::load::DEFAULT_MIN_SCORE;
/// Related articles listed per article, best first.
pub const MAX_RELATED: usize = 20;
/// Shingle overlap above which two articles are copies.
const COPY_SHINGLES: f32 = 0.5;
/// A rewrite: same day, a high score and at least this many shared passages.
const REWRITE_SCORE: f32 = 0.5;
const REWRITE_PASSAGES: usize = 2;
/// Shared passages kept per related article, and per article in all.
const PASSAGES_PER_PAIR: usize = 8;
const PASSAGES_PER_ARTICLE: usize = 20;
/// Terms of each article considered as shared-term evidence.
const EVIDENCE_TERMS: usize = 30;

#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Suggestions scoring below this are left out.
    pub min_score: f32,
}

impl Default for Options {
    fn default() -> Self {
        Options { min_score: DEFAULT_MIN_SCORE }
    }
}

/// Everything `dossier suggest` suggests, article by article (in slug order).
#[derive(Debug, Clone, Serialize)]
pub struct Suggestions {
    pub min_score: f32,
    pub articles: Vec<SuggestedLinks>,
    /// Events to create, for groups of related articles that no registered event fits.
    pub new_events: Vec<NewEvent>,
    /// Each step and how long it took (not part of the output: it varies).
    #[serde(skip)]
    pub timings: Vec<(&'static str, std::time::Duration)>,
}

/// The links suggested for one article.
#[derive(Debug, Clone, Serialize)]
pub struct SuggestedLinks {
    pub slug: String,
    pub title: String,
    /// Publication date.
    pub date: Option<String>,
    /// The day the article is about: the first date its text names, else its publication date.
    pub day: Option<String>,
    /// For an article without a day: the day of the coverage it reads most
    /// like, when no coverage of another day comes close.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day_from_coverage: Option<String>,
    pub events: Vec<EventLink>,
    pub related: Vec<Related>,
    pub passages: Vec<SharedPassage>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// In the article's front matter already.
    Declared,
    /// A registered event the article is not linked to yet.
    Suggested,
    /// An event to create (see [`Suggestions::new_events`]).
    New,
}

#[derive(Debug, Clone, Serialize)]
pub struct EventLink {
    pub id: String,
    pub title: String,
    pub status: Status,
    /// None for declared events nothing else points to.
    pub score: Option<f32>,
    /// Why: "matches the event's date, actors and names" or "declared by <slug>".
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Related {
    pub slug: String,
    pub title: String,
    pub score: f32,
    /// Both articles already declare a shared event.
    pub declared: bool,
    pub near_duplicate: Option<NearDuplicate>,
    pub evidence: Evidence,
}

#[derive(Debug, Clone, Serialize)]
pub struct NearDuplicate {
    /// "copy" (most word shingles shared) or "rewrite" (same day, story and passages in other words).
    pub kind: &'static str,
    pub similarity: f32,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Evidence {
    /// TF-IDF cosine of the two texts.
    pub text_similarity: f32,
    /// Estimated Jaccard overlap of the word shingles.
    pub shingle_overlap: f32,
    /// IDF-weighted overlaps of the actors, names and figures.
    pub actor_overlap: f32,
    pub name_overlap: f32,
    pub figure_overlap: f32,
    pub actors: Vec<String>,
    pub places: Vec<String>,
    pub names: Vec<String>,
    pub figures: Vec<String>,
    /// Shared terms among each article's most distinctive ones (stemmed).
    pub terms: Vec<String>,
    /// Days between the days the two articles are about.
    pub days_apart: Option<i32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SharedPassage {
    pub other: String,
    /// "quote" or "figure".
    pub kind: &'static str,
    /// The shared figure, for figures ("90 %", "2020", "5 year").
    pub figure: Option<String>,
    pub here: String,
    pub there: String,
    /// Share of the shorter passage's words found in the other.
    pub similarity: f32,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewEvent {
    pub id: String,
    pub title: String,
    pub date: Option<String>,
    pub articles: Vec<String>,
}

/// Keys two documents share, for evidence and shared passages.
#[derive(Default)]
struct Shared {
    actors: Vec<u32>,
    names: Vec<(u32, bool)>,
    figures: Vec<u32>,
    terms: Vec<u32>,
    passages: Vec<(usize, usize, f32)>,
}

struct Pair {
    a: usize,
    b: usize,
    parts: Parts,
    shared: Shared,
}

fn sorted_intersection<T: Ord + Copy>(a: &[T], b: &[T]) -> Vec<T> {
    let set: BTreeSet<T> = b.iter().copied().collect();
    a.iter().copied().filter(|x| set.contains(x)).collect()
}

fn top_terms(f: &Features) -> Vec<u32> {
    let mut t = f.terms.clone();
    t.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut keys: Vec<u32> = t.iter().take(EVIDENCE_TERMS).map(|t| t.0).collect();
    keys.sort_unstable();
    keys
}

fn shared(a: &Features, b: &Features) -> Shared {
    let b_names: BTreeMap<u32, bool> = b.names.iter().copied().collect();
    Shared {
        actors: sorted_intersection(&a.actors, &b.actors),
        names: a.names.iter().filter_map(|&(k, place)| b_names.get(&k).map(|&p| (k, place || p))).collect(),
        figures: sorted_intersection(&a.figures, &b.figures),
        terms: sorted_intersection(&top_terms(a), &top_terms(b)),
        passages: {
            // Quotes first, then the closest passages; a few per pair say enough.
            let mut p = score::shared_passages(&a.passages, &b.passages);
            p.sort_by(|x, y| {
                (b.passages[y.1].kind == PassageKind::Quote)
                    .cmp(&(b.passages[x.1].kind == PassageKind::Quote))
                    .then(y.2.total_cmp(&x.2))
                    .then((x.0, x.1).cmp(&(y.0, y.1)))
            });
            p
        },
    }
}

fn near_duplicate(parts: &Parts, shared: &Shared) -> Option<NearDuplicate> {
    if parts.shingles >= COPY_SHINGLES {
        Some(NearDuplicate { kind: "copy", similarity: round(parts.shingles) })
    } else if parts.score >= REWRITE_SCORE && parts.date >= 1.0 && parts.cosine > 0.0 && shared.passages.len() >= REWRITE_PASSAGES {
        Some(NearDuplicate { kind: "rewrite", similarity: round(parts.score) })
    } else {
        None
    }
}

fn round(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

fn event_input(e: &Event) -> (String, String) {
    let body = format!("{}\n{}", e.summary.as_deref().unwrap_or(""), e.place.as_deref().map(|p| format!("In {p}.")).unwrap_or_default());
    (e.title.clone(), body)
}

/// Suggest links for every article of the dossier (`dossier suggest`),
/// finding actors with `matcher` ([`ActorMatcher::of`] the same dossier).
pub fn suggest(dossier: &Dossier, matcher: &ActorMatcher, options: &Options) -> Suggestions {
    suggest_between(dossier, matcher, &dossier.articles.iter().collect::<Vec<_>>(), options)
}

/// Suggest links between `articles` (in slug order), with the actors and
/// events of `dossier` (its own `articles` are not read) and the run's
/// `matcher`, the one annotate used: the pipeline suggests between the
/// articles that annotated without errors.
pub fn suggest_between(dossier: &Dossier, matcher: &ActorMatcher, articles: &[&LoadedArticle], options: &Options) -> Suggestions {
    let mut timings = Vec::new();
    let mut clock = std::time::Instant::now();
    let mut lap = |name: &'static str, timings: &mut Vec<(&'static str, std::time::Duration)>| {
        timings.push((name, clock.elapsed()));
        clock = std::time::Instant::now();
    };
    let inputs: Vec<Vec<String>> = articles.iter().map(|a| a.actors.iter().map(|(n, _)| n.clone()).collect()).collect();
    let input = |i: usize| Input {
        title: &articles[i].title,
        body: articles[i].body(),
        published: articles[i].date,
        reports: &articles[i].reports,
        listed: &inputs[i],
        language: articles[i].language.as_deref(),
    };
    let mut features: Vec<Features> = (0..articles.len()).into_par_iter().map(|i| Features::extract(&input(i), matcher)).collect();
    let weights = Weights::new(&features);
    features.par_iter_mut().for_each(|f| weights.weigh_terms(f));

    let event_texts: Vec<(String, String)> = dossier.events.iter().map(event_input).collect();
    let event_features: Vec<Features> = dossier
        .events
        .par_iter()
        .zip(&event_texts)
        .map(|(e, (title, body))| {
            let mut f = Features::extract(&Input { title, body, published: Some(e.start), reports: &[], listed: &[], language: None }, matcher);
            weights.weigh_terms(&mut f);
            f.day = Some(e.start);
            f
        })
        .collect();

    lap("features", &mut timings);
    let candidates = candidates::pairs(&features, &weights);
    lap("candidates", &mut timings);
    let scored: Vec<(usize, usize, Parts)> = candidates
        .par_iter()
        .filter_map(|&(a, b)| {
            let (a, b) = (a as usize, b as usize);
            let parts = score::score(&features[a], &features[b], None, &weights);
            worth_keeping(&features[a], &features[b], &parts, options.min_score).then_some((a, b, parts))
        })
        .collect();
    // An article whose text gives no day takes the day of the coverage it
    // reads most like, when no coverage of another day comes close; its
    // pairs are scored again with that day.
    let placed = days_from_coverage(&features, &scored, options.min_score);
    for &(i, day) in &placed {
        features[i].day = Some(day);
        features[i].day_from_coverage = true;
    }
    let moved = |a: usize, b: usize| features[a].day_from_coverage || features[b].day_from_coverage;
    let rescored = candidates
        .par_iter()
        .map(|&(a, b)| (a as usize, b as usize))
        .filter(|&(a, b)| moved(a, b))
        .map(|(a, b)| (a, b, score::score(&features[a], &features[b], None, &weights)));
    let pairs: Vec<Pair> = scored
        .into_par_iter()
        .filter(|&(a, b, _)| !moved(a, b))
        .chain(rescored)
        .filter(|(_, _, parts)| parts.score >= options.min_score || parts.shingles >= COPY_SHINGLES)
        .map(|(a, b, parts)| Pair { a, b, shared: shared(&features[a], &features[b]), parts })
        .collect();

    lap("scoring", &mut timings);
    // Per article: indices into `pairs`, best first, at most MAX_RELATED.
    let mut of_article: Vec<Vec<usize>> = vec![Vec::new(); articles.len()];
    for (k, p) in pairs.iter().enumerate() {
        of_article[p.a].push(k);
        of_article[p.b].push(k);
    }
    let other = |k: usize, me: usize| if pairs[k].a == me { pairs[k].b } else { pairs[k].a };
    of_article.par_iter_mut().enumerate().for_each(|(me, list)| {
        list.sort_by(|&x, &y| {
            pairs[y].parts.score.total_cmp(&pairs[x].parts.score).then_with(|| articles[other(x, me)].slug.cmp(&articles[other(y, me)].slug))
        });
        list.truncate(MAX_RELATED);
    });

    let event_matches = match_events(dossier, &features, &event_features, &weights, options.min_score);
    let declared: Vec<BTreeSet<&str>> = articles.iter().map(|a| a.events.iter().map(|(id, _)| id.as_str()).collect()).collect();
    let event_index: BTreeMap<&str, usize> = dossier.events.iter().enumerate().map(|(i, e)| (e.id.as_str(), i)).collect();

    // Events per article: declared, then registry matches and related articles' declared events on the same day.
    let mut events: Vec<BTreeMap<String, EventLink>> = vec![BTreeMap::new(); articles.len()];
    for (i, links) in events.iter_mut().enumerate() {
        for id in &declared[i] {
            let title = event_index.get(id).map(|&e| dossier.events[e].title.clone()).unwrap_or_default();
            links.insert(
                id.to_string(),
                EventLink { id: id.to_string(), title, status: Status::Declared, score: None, reason: "declared in front matter".into() },
            );
        }
        for &(e, s) in &event_matches[i] {
            let ev = &dossier.events[e];
            let entry = links.entry(ev.id.clone()).or_insert_with(|| EventLink {
                id: ev.id.clone(),
                title: ev.title.clone(),
                status: Status::Suggested,
                score: None,
                reason: "matches the event's day, actors, names and summary".into(),
            });
            entry.score = Some(entry.score.unwrap_or(0.0).max(round(s)));
        }
        for &k in &of_article[i] {
            let (j, parts) = (other(k, i), &pairs[k].parts);
            if parts.date < 0.6 {
                continue;
            }
            for id in &declared[j] {
                let Some(&e) = event_index.get(id) else { continue };
                let ev = &dossier.events[e];
                if score::date_agreement(features[i].day, Some(ev.start), ev.end).0 < 0.6 {
                    continue;
                }
                let entry = links.entry(ev.id.clone()).or_insert_with(|| EventLink {
                    id: ev.id.clone(),
                    title: ev.title.clone(),
                    status: Status::Suggested,
                    score: None,
                    reason: format!("declared by {}", articles[j].slug),
                });
                if entry.score.is_none_or(|s| s < round(parts.score)) {
                    entry.score = Some(round(parts.score));
                    if entry.status == Status::Suggested {
                        entry.reason = format!("declared by {}", articles[j].slug);
                    }
                }
            }
        }
    }

    let new_events = new_events(dossier, articles, &features, &pairs, &events, options.min_score);
    for ne in &new_events {
        for slug in &ne.articles {
            if let Ok(i) = articles.binary_search_by(|a| a.slug.as_str().cmp(slug)) {
                events[i].insert(
                    ne.id.clone(),
                    EventLink {
                        id: ne.id.clone(),
                        title: ne.title.clone(),
                        status: Status::New,
                        score: None,
                        reason: format!("{} related articles, no registered event fits", ne.articles.len()),
                    },
                );
            }
        }
    }

    lap("events", &mut timings);
    let out: Vec<SuggestedLinks> = (0..articles.len())
        .into_par_iter()
        .map(|i| {
            let a = &articles[i];
            let mut related = Vec::new();
            let mut passages = Vec::new();
            for &k in &of_article[i] {
                let p = &pairs[k];
                let j = other(k, i);
                let wa = &features[p.a].words;
                let (mine, theirs) = (&features[i].words, &features[j].words);
                let pick = |kind: Kind, keys: &mut dyn Iterator<Item = u32>| -> Vec<String> {
                    let set: BTreeSet<&str> = keys.filter_map(|k| wa.get(kind, k)).collect();
                    set.into_iter().map(str::to_string).collect()
                };
                let evidence = Evidence {
                    text_similarity: round(p.parts.cosine),
                    shingle_overlap: round(p.parts.shingles),
                    actor_overlap: round(p.parts.actors),
                    name_overlap: round(p.parts.names),
                    figure_overlap: round(p.parts.figures),
                    actors: {
                        let set: BTreeSet<&str> = p.shared.actors.iter().map(|&x| dossier.actors[x as usize].name.as_str()).collect();
                        set.into_iter().map(str::to_string).collect()
                    },
                    places: pick(Kind::Name, &mut p.shared.names.iter().filter(|n| n.1).map(|n| n.0)),
                    names: pick(Kind::Name, &mut p.shared.names.iter().filter(|n| !n.1).map(|n| n.0)),
                    figures: pick(Kind::Figure, &mut p.shared.figures.iter().copied()),
                    terms: pick(Kind::Term, &mut p.shared.terms.iter().copied()),
                    days_apart: p.parts.days_apart,
                };
                let shares_declared = declared[i].iter().any(|e| declared[j].contains(e));
                related.push(Related {
                    slug: articles[j].slug.clone(),
                    title: articles[j].title.clone(),
                    score: round(p.parts.score),
                    declared: shares_declared,
                    near_duplicate: near_duplicate(&p.parts, &p.shared),
                    evidence,
                });
                for &(x, y, sim) in p.shared.passages.iter().take(PASSAGES_PER_PAIR) {
                    let (here, there) = if p.a == i { (x, y) } else { (y, x) };
                    let passage = &features[i].passages[here];
                    // A year or a number alone ("2025") is no shared passage.
                    let figure = passage.figure.and_then(|f| mine.get(Kind::Figure, f));
                    if figure.is_some_and(|f| !f.contains(' ')) {
                        continue;
                    }
                    passages.push(SharedPassage {
                        other: articles[j].slug.clone(),
                        kind: if passage.kind == PassageKind::Quote { "quote" } else { "figure" },
                        figure: passage.figure.and_then(|f| mine.get(Kind::Figure, f)).map(str::to_string),
                        here: mine.get(Kind::Passage, here as u32).unwrap_or_default().to_string(),
                        there: theirs.get(Kind::Passage, there as u32).unwrap_or_default().to_string(),
                        similarity: round(sim),
                    });
                }
            }
            // In the order of the related articles (best first); one sentence with two shared figures is listed once.
            let mut seen = BTreeSet::new();
            passages.retain(|p| seen.insert((p.other.clone(), p.here.clone(), p.there.clone())));
            passages.truncate(PASSAGES_PER_ARTICLE);
            let mut evs: Vec<EventLink> = events[i].values().cloned().collect();
            evs.sort_by(|x, y| x.status.cmp(&y.status).then(y.score.unwrap_or(0.0).total_cmp(&x.score.unwrap_or(0.0))).then(x.id.cmp(&y.id)));
            SuggestedLinks {
                slug: a.slug.clone(),
                title: a.title.clone(),
                date: a.date.map(|d| d.to_string()),
                day: features[i].day.filter(|_| !features[i].day_from_coverage).map(|d| d.to_string()),
                day_from_coverage: features[i].day.filter(|_| features[i].day_from_coverage).map(|d| d.to_string()),
                events: evs,
                related,
                passages,
            }
        })
        .collect();
    lap("evidence", &mut timings);
    Suggestions { min_score: options.min_score, articles: out, new_events, timings }
}

/// How [`days_from_coverage`] places an undated article: its best pair
/// with a dated article scores at least this share of the threshold...
const PLACING_SHARE: f32 = 2.0 / 3.0;
/// ...and this many times the best pair with an article of another day.
const PLACING_MARGIN: f32 = 1.3;

/// Whether a first score of a pair is kept: related, a copy, or a pair with
/// an undated side that [`days_from_coverage`] weighs.
fn worth_keeping(a: &Features, b: &Features, parts: &Parts, min_score: f32) -> bool {
    parts.score >= min_score
        || parts.shingles >= COPY_SHINGLES
        || ((a.day.is_none() || b.day.is_none()) && parts.score * PLACING_MARGIN >= PLACING_SHARE * min_score)
}

/// For articles whose text gives no day: the day of the dated article each
/// reads most like, when that pair scores at least [`PLACING_SHARE`] of the
/// threshold, no article of another day scores within [`PLACING_MARGIN`]
/// of it, and no undated article scores higher. Look-alike events (the
/// meeting and the next day's call, one prize a day) read alike, so a close
/// second of another day leaves the article unplaced; so does closer
/// coverage whose day is unknown (a runoff's undated reports, closer than
/// the dated ones of the first round). One clearly closest is almost always
/// coverage of its event.
fn days_from_coverage(features: &[Features], scored: &[(usize, usize, Parts)], min_score: f32) -> Vec<(usize, Date)> {
    // Per undated article: (score, day) of its partners, `None` for undated ones.
    let mut partners: BTreeMap<usize, Vec<(f32, Option<Date>)>> = BTreeMap::new();
    for (a, b, p) in scored {
        let (da, db) = (features[*a].day, features[*b].day);
        if da.is_none() {
            partners.entry(*a).or_default().push((p.score, db));
        }
        if db.is_none() {
            partners.entry(*b).or_default().push((p.score, da));
        }
    }
    partners
        .into_iter()
        .filter_map(|(i, mut list)| {
            list.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
            let &(best, day) = list.iter().find(|p| p.1.is_some())?;
            let second = list.iter().find(|p| p.1.is_some() && p.1 != day).map_or(0.0, |p| p.0);
            let undated = list.iter().find(|p| p.1.is_none()).map_or(0.0, |p| p.0);
            (best >= PLACING_SHARE * min_score && best >= PLACING_MARGIN * second && undated <= best).then_some((i, day?))
        })
        .collect()
}

/// Registered events whose dates fit an article's day, scored like a pair.
///
/// Only events within two days of the article's day can reach a threshold
/// (beyond that the date factor caps the score at 0.15), so events are
/// indexed by every day they are near, and an article is scored against the
/// events of its own day that share an actor or a name with it.
fn match_events(dossier: &Dossier, features: &[Features], events: &[Features], weights: &Weights, min_score: f32) -> Vec<Vec<(usize, f32)>> {
    const NEAR: i32 = 2;
    /// Longer events are few (running stories) and indexed once, not per day.
    const SHORT: i32 = 14;
    let mut by_day: BTreeMap<Date, Vec<usize>> = BTreeMap::new();
    let mut long: Vec<usize> = Vec::new();
    for (i, e) in dossier.events.iter().enumerate() {
        let span = e.end.map_or(0, |end| end.since(e.start).map(|s| s.get_days()).unwrap_or(0));
        if span > SHORT {
            long.push(i);
            continue;
        }
        for d in -NEAR..=span + NEAR {
            if let Ok(day) = e.start.checked_add(jiff::Span::new().days(d)) {
                by_day.entry(day).or_default().push(i);
            }
        }
    }
    let shares_a_key = |f: &Features, e: &Features| {
        f.actors.iter().any(|a| e.actors.binary_search(a).is_ok()) || f.names.iter().any(|n| e.names.binary_search_by_key(&n.0, |x| x.0).is_ok())
    };
    features
        .par_iter()
        .map(|f| {
            let Some(day) = f.day else { return Vec::new() };
            let near = by_day.get(&day).map(Vec::as_slice).unwrap_or(&[]);
            let mut found: Vec<(usize, f32)> = near
                .iter()
                .chain(long.iter())
                .copied()
                .filter(|&e| shares_a_key(f, &events[e]))
                .filter_map(|e| {
                    let parts = score::score(f, &events[e], dossier.events[e].end, weights);
                    (parts.score >= min_score).then_some((e, parts.score))
                })
                .collect();
            found.sort_by_key(|&(e, _)| e);
            found.dedup_by_key(|x| x.0);
            found
        })
        .collect()
}

/// Groups of related articles (same day, above the threshold) that neither
/// declare nor match a registered event: one new event per group.
///
/// Groups grow from the strongest pair down, and two groups join only when
/// they are linked throughout ([`join`]): a single link between two
/// look-alike events (the meeting and the next day's call, reported in
/// another language) does not make them one.
fn new_events(
    dossier: &Dossier,
    articles: &[&LoadedArticle],
    features: &[Features],
    pairs: &[Pair],
    events: &[BTreeMap<String, EventLink>],
    min_score: f32,
) -> Vec<NewEvent> {
    // A second-best partner at least this share of the best is as good a guess.
    const CLOSE_SECOND: f32 = 0.9;
    let n = articles.len();
    let mut group: Vec<usize> = (0..n).collect();
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let orphan = |i: usize| events[i].is_empty();
    let related = |p: &&Pair| p.parts.score >= min_score && p.parts.date >= 0.5 && orphan(p.a) && orphan(p.b);
    // An article without a day is placed by its content alone. When the
    // dated articles it reads most like report days too far apart to be one
    // event (the summit and the meeting three days later, both naming the
    // same people and place), content cannot say which it reports: it
    // joins neither, rather than the one whose pair came first. Partners
    // clearly stronger than those of other days (the same figures, the
    // weekday it names) still place it.
    let mut partners_of_undated: Vec<Vec<(Date, f32)>> = vec![Vec::new(); n];
    for p in pairs.iter().filter(related) {
        match (features[p.a].day, features[p.b].day) {
            (None, Some(d)) => partners_of_undated[p.a].push((d, p.parts.score)),
            (Some(d), None) => partners_of_undated[p.b].push((d, p.parts.score)),
            _ => {}
        }
    }
    let ambiguous: Vec<bool> = partners_of_undated
        .iter()
        .map(|list| {
            let best = list.iter().map(|&(_, score)| score).fold(0.0, f32::max);
            let close = || list.iter().filter(|&&(_, score)| score >= CLOSE_SECOND * best).map(|&(day, _)| day);
            score::too_far_apart(close().min(), close().max())
        })
        .collect();
    // Related pairs of orphans, strongest first; per article, its partners.
    let mut strong: Vec<&Pair> = pairs.iter().filter(related).filter(|p| !ambiguous[p.a] && !ambiguous[p.b]).collect();
    strong.sort_by(|x, y| y.parts.score.total_cmp(&x.parts.score).then((x.a, x.b).cmp(&(y.a, y.b))));
    let mut partners: Vec<Vec<usize>> = vec![Vec::new(); n];
    for p in &strong {
        partners[p.a].push(p.b);
        partners[p.b].push(p.a);
    }
    for p in &strong {
        let (x, y) = (group[p.a], group[p.b]);
        if x == y {
            continue;
        }
        // Per member of `from`, its related partners in `to`.
        let across =
            |from: usize, to: usize| -> Vec<usize> { members[from].iter().map(|&i| partners[i].iter().filter(|&&j| group[j] == to).count()).collect() };
        let (from_x, from_y) = (across(x, y), across(y, x));
        let links: usize = from_x.iter().sum();
        let reaching = (from_x.iter().filter(|&&n| n > 0).count(), from_y.iter().filter(|&&n| n > 0).count());
        if !join((members[x].len(), members[y].len()), links, reaching) {
            continue;
        }
        let (small, large) = if members[x].len() <= members[y].len() { (x, y) } else { (y, x) };
        let moved = std::mem::take(&mut members[small]);
        for &i in &moved {
            group[i] = large;
        }
        members[large].extend(moved);
    }
    // Keyed by their first article, members in order: the same groups whatever the merge order.
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for mut list in members.into_iter().filter(|m| m.first().is_some_and(|&i| orphan(i))) {
        list.sort_unstable();
        groups.insert(list[0], list);
    }
    let mut taken: BTreeSet<String> = dossier.events.iter().map(|e| e.id.clone()).collect();
    let mut out = Vec::new();
    for members in groups.into_values().filter(|m| m.len() >= 2) {
        let first = *members.iter().min_by_key(|&&i| (articles[i].date, &articles[i].slug)).expect("groups have members");
        // The days members' texts give; those taken from coverage only when no text gives one.
        let mut days: BTreeMap<Date, usize> = BTreeMap::new();
        for from_coverage in [false, true] {
            for &i in members.iter().filter(|&&i| features[i].day_from_coverage == from_coverage) {
                if let Some(d) = features[i].day {
                    *days.entry(d).or_default() += 1;
                }
            }
            if !days.is_empty() {
                break;
            }
        }
        let day = days.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(d, _)| *d);
        let words: Vec<&str> = articles[first].title.split_whitespace().take(6).collect();
        let stem = crate::text::slugify(&words.join(" "));
        let base = match day {
            Some(d) => format!("{stem}-{d}"),
            None => stem,
        };
        let mut id = base.clone();
        let mut k = 2;
        while !taken.insert(id.clone()) {
            id = format!("{base}-{k}");
            k += 1;
        }
        out.push(NewEvent {
            id,
            title: articles[first].title.clone(),
            date: day.map(|d| d.to_string()),
            articles: members.iter().map(|&i| articles[i].slug.clone()).collect(),
        });
    }
    out
}

/// Whether two groups of related articles, of `sizes` members, are one
/// event, given the related pairs between them (`links`) and how many
/// members of each group have a partner in the other (`reaching`): at
/// least a third of the pairs between them are related, or most members of
/// each group have a partner in the other. The second holds coverage in two
/// languages together when its links across are few but spread (six of
/// twenty pairs, from three of four members and three of five); a bridge of
/// one or two links between look-alikes reaches most of neither group.
fn join(sizes: (usize, usize), links: usize, reaching: (usize, usize)) -> bool {
    const SHARE_OF_PAIRS: f32 = 1.0 / 3.0;
    let most = |n: usize, of: usize| 2 * n > of;
    links as f32 >= SHARE_OF_PAIRS * (sizes.0 * sizes.1) as f32 || (most(reaching.0, sizes.0) && most(reaching.1, sizes.1))
}

/// What to tell the analyst about each article without a date (by path):
/// what its text names (a weekday, a day without its year, nothing), and,
/// when it reads as coverage of the same event as dated articles, the day
/// that coverage reports, which is most likely its event's day too. Runs
/// [`suggest`] only when some article has no date.
pub fn undated_hints(dossier: &Dossier, matcher: &ActorMatcher) -> Vec<(String, String)> {
    use crate::text::dates::{mentions, When};
    if dossier.articles.iter().all(|a| a.date.is_some()) {
        return Vec::new();
    }
    let s = suggest(dossier, matcher, &Options::default());
    let day_of: BTreeMap<&str, &str> = s.articles.iter().filter_map(|a| Some((a.slug.as_str(), a.day.as_deref()?))).collect();
    let mut out = Vec::new();
    for (article, links) in dossier.articles.iter().zip(&s.articles).filter(|(a, _)| a.date.is_none()) {
        let body = crate::annotate::reader_text(article.body());
        let found: Vec<String> = mentions(&format!("{}\n{}", article.title, body))
            .into_iter()
            .filter(|m| !m.is_whole())
            .take(3)
            .map(|m| {
                match m.when {
                    When::Weekday(_) | When::WeekdayDay { .. } => "a weekday",
                    When::MonthDay { .. } => "a day without its year",
                    _ => "a relative day",
                }
                .to_string()
            })
            .collect();
        let text = format!("{}\n{}", article.title, body);
        let mut words: Vec<String> = Vec::new();
        for m in mentions(&text) {
            let w = format!("“{}”", &text[m.range]);
            if !words.contains(&w) && words.len() < 3 {
                words.push(w);
            }
        }
        let said = if words.is_empty() {
            "its text names no date".to_string()
        } else {
            let mut kinds = found.clone();
            kinds.dedup();
            format!(
                "its text names {} ({}) but no whole date",
                words.join(", "),
                if kinds.is_empty() { "dates of other days".into() } else { kinds.join(", ") }
            )
        };
        let path_of = |slug: &str| dossier.articles.iter().find(|a| a.slug == slug).map_or(slug.to_string(), |a| a.path.clone());
        // The closest coverage of the day it was placed on (suggest placed
        // it only when no coverage of another day comes close); otherwise
        // the days of the coverage it reads like, none offered as likely.
        let placed = links
            .day_from_coverage
            .as_deref()
            .and_then(|day| links.related.iter().find(|r| day_of.get(r.slug.as_str()) == Some(&day)).map(|r| (path_of(&r.slug), day)));
        let days: BTreeSet<&str> = links.related.iter().filter_map(|r| day_of.get(r.slug.as_str()).copied()).collect();
        let apart = score::too_far_apart(days.first().and_then(|d| d.parse().ok()), days.last().and_then(|d| d.parse().ok()));
        let listed = days.iter().copied().collect::<Vec<_>>().join(", ");
        let hint = match (&links.day, placed) {
            (Some(day), _) => format!("{said}; it reports {day}: add the publication date, e.g. date = {day}, or reports = [{day}]"),
            (None, Some((slug, day))) => format!(
                "{said}; it reads as coverage of the same event as {slug}, which reports {day}, and like nothing of another day: its event's day is probably {day}; add the publication date (date = ...) from the original page, and reports = [{day}] if that is the day it reports"
            ),
            (None, None) if apart => format!(
                "{said}; it reads like coverage of articles that report days too far apart to be one event ({listed}): add the publication date (date = ...) from the original page"
            ),
            (None, None) if days.len() == 1 => format!(
                "{said}; it reads like coverage of {listed}, but more like articles without a day: add the publication date (date = ...) from the original page"
            ),
            (None, None) if !days.is_empty() => format!(
                "{said}; it reads like coverage of articles that report different days ({listed}), none clearly closest: add the publication date (date = ...) from the original page"
            ),
            (None, None) => format!("{said}, and no other article reads as coverage of the same event: add the publication date from the original page, e.g. date = 2025-12-28"),
        };
        out.push((article.path.clone(), hint));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::join;

    #[test]
    fn groups_join_when_linked_throughout_not_by_a_bridge() {
        // A third of the pairs between them related.
        assert!(join((3, 3), 3, (2, 2)));
        // Few links, but from most members of both: the German and French
        // reports of one meeting (6 of 20 pairs, from 3 of 4 and 3 of 5).
        assert!(join((4, 5), 6, (3, 3)));
        // One link, or two from one member, between look-alikes.
        assert!(!join((2, 2), 1, (1, 1)));
        assert!(!join((4, 5), 2, (1, 2)));
        assert!(!join((3, 3), 2, (2, 1)));
        // Half is not most.
        assert!(!join((4, 4), 4, (2, 2)));
    }
}
