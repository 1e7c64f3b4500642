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
//!    blocking within a few days; never every pair (and, for an article
//!    without a day, rivals that only hold its placing back).
//! 3. [`score`]: TF-IDF cosine and weighted overlaps, scaled by date agreement,
//!    so look-alike events days apart stay apart. [`undated`]: an article
//!    whose text gives no day, clearly closest to one day's coverage, takes
//!    that day and is scored again.
//! 4. Here: per article, the related articles above the threshold with their
//!    evidence, near-duplicates and shared passages; [`events`]: the events
//!    (declared, suggested from the registry or from a related article's
//!    declaration, or new; an article left alone joins the group it reads
//!    like throughout, even under the threshold). Everything is sorted, so the output is
//!    byte-identical across runs and thread counts.
//!
//! [`report`] prints the result as text or JSON; [`write`](write::write) adds
//! accepted events to the articles' front matter.

mod candidates;
mod events;
mod features;
mod keys;
mod report;
mod score;
mod undated;
mod write;

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Serialize;

use crate::annotate::ActorMatcher;
use crate::load::{Dossier, Event, LoadedArticle};
use events::{match_events, new_events};
use features::{Features, Input, Kind, PassageKind};
use score::{Parts, Weights};
use undated::{place_by_coverage, worth_keeping};

pub use report::{json, text};
pub use undated::undated_hints;
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

/// Whether a scored pair is listed: related above the threshold, or a copy.
fn listed(parts: &Parts, min_score: f32) -> bool {
    parts.score >= min_score || parts.shingles >= COPY_SHINGLES
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
        month: articles[i].url.as_deref().and_then(crate::text::dates::in_address).map(|at| match at {
            crate::text::dates::InAddress::Day(d) => (d.year(), d.month()),
            crate::text::dates::InAddress::Month(y, m) => (y, m),
        }),
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
            let mut f = Features::extract(&Input { title, body, published: e.start, reports: &[], listed: &[], language: None, month: None }, matcher);
            weights.weigh_terms(&mut f);
            f.day = e.start;
            f
        })
        .collect();

    lap("features", &mut timings);
    let candidates::Candidates { pairs: candidates, rivals } = candidates::candidates(&features, &weights);
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
    let rivals: Vec<(usize, usize, Parts)> = rivals
        .par_iter()
        .filter_map(|&(a, b)| {
            let (a, b) = (a as usize, b as usize);
            let parts = score::score(&features[a], &features[b], None, &weights);
            undated::may_hold_back(&features[a], &features[b], &parts, options.min_score).then_some((a, b, parts))
        })
        .collect();
    place_by_coverage(&mut features, &scored, &rivals, options.min_score);
    let moved = |a: usize, b: usize| features[a].day_from_coverage || features[b].day_from_coverage;
    let rescored = candidates
        .par_iter()
        .map(|&(a, b)| (a as usize, b as usize))
        .filter(|&(a, b)| moved(a, b))
        .map(|(a, b)| (a, b, score::score(&features[a], &features[b], None, &weights)));
    let all: Vec<(usize, usize, Parts)> = scored.into_par_iter().filter(|&(a, b, _)| !moved(a, b)).chain(rescored).collect();
    let pairs: Vec<Pair> = all
        .par_iter()
        .filter(|(_, _, parts)| listed(parts, options.min_score))
        .map(|(a, b, parts)| Pair { a: *a, b: *b, shared: shared(&features[*a], &features[*b]), parts: parts.clone() })
        .collect();
    let unlisted = events::Unlisted {
        near: all
            .iter()
            .filter(|(_, _, parts)| !listed(parts, options.min_score) && events::is_near(parts, options.min_score))
            .map(|(a, b, parts)| (*a, *b, parts.score))
            .collect(),
        undated: all
            .iter()
            .filter(|(a, b, parts)| !listed(parts, options.min_score) && (features[*a].day.is_none() || features[*b].day.is_none()))
            .map(|(a, b, parts)| (*a, *b, parts.score, parts.date >= 0.5))
            .collect(),
    };

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
                if score::date_agreement(features[i].day, ev.start, ev.end).0 < 0.6 {
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

    let new_events = new_events(dossier, articles, &features, &pairs, &unlisted, &events, options.min_score);
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
                    actor_overlap: round(score::actor_overlap(&features[p.a], &features[p.b], &weights)),
                    name_overlap: round(p.parts.names),
                    figure_overlap: round(p.parts.figures),
                    actors: {
                        let set: BTreeSet<&str> = p.shared.actors.iter().map(|&x| dossier.actors[x as usize].name.as_str()).collect();
                        set.into_iter().map(str::to_string).collect()
                    },
                    places: pick(Kind::Name, &mut p.shared.names.iter().filter(|n| n.1).map(|n| n.0)),
                    names: pick(Kind::Name, &mut p.shared.names.iter().filter(|n| !n.1).map(|n| n.0)),
                    // Trivial figures (a year, a day of the month) have no words: never shown.
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
                    // A year or a number alone ("2025"), a day of the month: no shared passage.
                    let figure = passage.figure.map(|f| mine.get(Kind::Figure, f));
                    if figure.is_some_and(|words| words.is_none()) {
                        continue;
                    }
                    passages.push(SharedPassage {
                        other: articles[j].slug.clone(),
                        kind: if passage.kind == PassageKind::Quote { "quote" } else { "figure" },
                        figure: figure.flatten().map(str::to_string),
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
