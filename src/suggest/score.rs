//! How likely two documents are to cover the same event.
//!
//! The score is the content overlap, scaled by whether the two documents
//! are about the same day:
//!
//! ```text
//! content = (0.35 text + 0.30 names + 0.15 figures) / 0.80
//! score   = content × (0.15 + 0.85 date)
//! ```
//!
//! Registered actors are among the names, by identity: a registry makes
//! "Zelenskyy" and "Зеленский" one name and changes nothing else. (The
//! actors once had a weight of their own; taken out of the names, they
//! lowered the scores of the very pairs they were named in, so accepting
//! actor candidates cost links.) The actors two documents share are still
//! measured, for evidence.
//! Across languages the text is left out: names are compared by how
//! they sound and figures by their numbers, as shares of the smaller
//! document's (a short report in one language names few of a long one's
//! names), with a floor so that two lines naming a story's people are not
//! taken for a report of any one of its events. When both texts give the
//! same day, half of those shares counts in full ([`ACROSS_FULL`]): without
//! the words, names and numbers cannot say more than "the same story",
//! and the day says which event. Groups of related articles are ranked by
//! the score without that allowance ([`Parts::strength`]).
//!
//! `text` is the TF-IDF cosine (saturating at [`COSINE_FULL`]: paraphrases of
//! one story measure about 0.1, so raw cosine would drown them); `names`
//! and `figures` are IDF-weighted Jaccard overlaps (a shared rare
//! place counts for more than a shared "Trump"). `date` is 1 when both are
//! about the same day, 0.6 a day apart, 0.2 two days apart, 0 beyond, and
//! 0.5 when either day is unknown. Look-alike events (same people, same
//! topic, same place, days apart) have high content and date 0, so they stay
//! under any useful threshold; that is the point of the multiplication.

use jiff::civil::Date;

use super::features::{Features, Passage, PassageKind, SKETCH};
use super::keys::KeyMap;

/// Cosine at which the text signal counts in full.
const COSINE_FULL: f32 = 0.35;

/// Across languages, on the same day: the share of names (and of figures)
/// at which each counts in full.
const ACROSS_FULL: f32 = 0.5;

/// Inverse document frequencies of one kind of key (computed once: a
/// logarithm per look-up showed in profiles).
#[derive(Default)]
pub(super) struct Idf {
    idf: KeyMap<u32, f32>,
    /// The IDF of a key no document has.
    unseen: f32,
}

impl Idf {
    fn build<'a>(docs: usize, keys: impl Iterator<Item = &'a [u32]>) -> Idf {
        let mut df: KeyMap<u32, u32> = KeyMap::default();
        for list in keys {
            for &k in list {
                *df.entry(k).or_default() += 1;
            }
        }
        let n = docs as f32;
        let idf = df.into_iter().map(|(k, df)| (k, ((1.0 + n) / (1.0 + df as f32)).ln() + 1.0)).collect();
        Idf { idf, unseen: (1.0 + n).ln() + 1.0 }
    }

    /// Whether some document has `k`.
    pub(super) fn seen(&self, k: u32) -> bool {
        self.idf.contains_key(&k)
    }

    pub(super) fn idf(&self, k: u32) -> f32 {
        self.idf.get(&k).copied().unwrap_or(self.unseen)
    }
}

/// IDF tables for every kind of key, from the articles (not the events).
pub(super) struct Weights {
    pub terms: Idf,
    pub actors: Idf,
    pub names: Idf,
    pub figures: Idf,
    pub sounds: Idf,
    pub values: Idf,
}

impl Weights {
    pub(super) fn new(features: &[Features]) -> Weights {
        let n = features.len();
        let names: Vec<Vec<u32>> = features.iter().map(|f| f.names.iter().map(|x| x.0).collect()).collect();
        let terms: Vec<Vec<u32>> = features.iter().map(|f| f.terms.iter().map(|x| x.0).collect()).collect();
        Weights {
            terms: Idf::build(n, terms.iter().map(Vec::as_slice)),
            actors: Idf::build(n, features.iter().map(|f| f.actors.as_slice())),
            names: Idf::build(n, names.iter().map(Vec::as_slice)),
            figures: Idf::build(n, features.iter().map(|f| f.figures.as_slice())),
            sounds: Idf::build(n, features.iter().map(|f| f.sounds.as_slice())),
            values: Idf::build(n, features.iter().map(|f| f.values.as_slice())),
        }
    }

    /// Turn term counts into unit-length TF-IDF vectors.
    pub(super) fn weigh_terms(&self, f: &mut Features) {
        for t in &mut f.terms {
            t.1 = (1.0 + t.1.ln()) * self.terms.idf(t.0);
        }
        let norm = f.terms.iter().map(|t| t.1 * t.1).sum::<f32>().sqrt();
        if norm > 0.0 {
            for t in &mut f.terms {
                t.1 /= norm;
            }
        }
    }
}

/// The parts of a pair's score, kept as evidence.
#[derive(Debug, Clone)]
pub(super) struct Parts {
    pub cosine: f32,
    pub names: f32,
    pub figures: f32,
    pub date: f32,
    pub score: f32,
    /// The score as measured, without the allowance two languages on one
    /// day get ([`ACROSS_FULL`]): what ranks the pairs when related
    /// articles are grouped, where an allowance is no evidence.
    pub strength: f32,
    /// Estimated Jaccard of the word shingles (copies).
    pub shingles: f32,
    /// Days between the days the two are about, when both are known.
    pub days_apart: Option<i32>,
}

fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// IDF-weighted Jaccard of two lists sorted by `key`.
fn weighted_jaccard<T>(a: &[T], b: &[T], key: impl Fn(&T) -> u32, idf: &Idf) -> f32 {
    let (shared, union, _, _) = weighted_overlap(a, b, key, idf);
    if union > 0.0 {
        shared / union
    } else {
        0.0
    }
}

/// IDF-weighted share of the smaller list found in the other: a short
/// report in one language and a long one in another share few of the long
/// one's names, but most of the short one's.
///
/// A few names are too little to go on, whatever their share: two lines
/// naming a story's people are contained in every report of the story. So
/// the smaller list counts as if it weighed at least [`EVIDENCE_FLOOR`]
/// names no other document has.
fn weighted_containment(a: &[u32], b: &[u32], idf: &Idf) -> f32 {
    let (shared, _, wa, wb) = weighted_overlap(a, b, |&x| x, idf);
    share_of(shared, wa.min(wb), idf)
}

/// `shared` as a share of a list weighing `of`, counted as at least
/// [`EVIDENCE_FLOOR`] unseen names.
fn share_of(shared: f32, of: f32, idf: &Idf) -> f32 {
    if of > 0.0 {
        shared / of.max(EVIDENCE_FLOOR * idf.unseen)
    } else {
        0.0
    }
}

/// See [`weighted_containment`].
const EVIDENCE_FLOOR: f32 = 3.0;

/// (shared weight, union weight, weight of `a`, weight of `b`).
fn weighted_overlap<T>(a: &[T], b: &[T], key: impl Fn(&T) -> u32, idf: &Idf) -> (f32, f32, f32, f32) {
    let (mut wa, mut wb) = (0.0, 0.0);
    let (mut i, mut j, mut shared, mut union) = (0, 0, 0.0, 0.0);
    loop {
        match (a.get(i).map(&key), b.get(j).map(&key)) {
            (Some(x), Some(y)) if x == y => {
                let w = idf.idf(x);
                shared += w;
                union += w;
                wa += w;
                wb += w;
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x < y => {
                union += idf.idf(x);
                wa += idf.idf(x);
                i += 1;
            }
            (Some(x), None) => {
                union += idf.idf(x);
                wa += idf.idf(x);
                i += 1;
            }
            (_, Some(y)) => {
                union += idf.idf(y);
                wb += idf.idf(y);
                j += 1;
            }
            (None, None) => break,
        }
    }
    (shared, union, wa, wb)
}

fn days_between(a: Date, b: Date) -> i32 {
    a.since(b).map(|s| s.get_days().abs()).unwrap_or(i32::MAX)
}

/// How well two documents' days agree: [`date_agreement`], and when one
/// has no day, whether it rules the other's day out (outside the month
/// its address gives, before an appointment it looks ahead to, a day it
/// recalls, a weekday it does not name: 0.2) or names its weekday (0.85);
/// two without a day agree at 0.2 when their addresses give months apart.
fn documents_agree(a: &Features, b: &Features, b_end: Option<Date>) -> (f32, Option<i32>) {
    use crate::text::dates::{recalled_after, weekday_bit};
    let hint = |undated: &Features, day: Option<Date>| match day {
        Some(d) if undated.month.is_some_and(|m| !in_month_of_writing(d, m)) => Some(0.2),
        Some(d) if undated.appointments.iter().any(|&(m, md)| !appointment_fits(d, m, md)) => Some(0.2),
        Some(d) if undated.recalled.iter().any(|&(named, m, md)| (m, md) == (d.month(), d.day()) && recalled_after(named, d)) => Some(0.2),
        Some(d) if undated.weekdays != 0 => Some(if undated.weekdays & weekday_bit(d.weekday()) != 0 { 0.85 } else { 0.2 }),
        _ => None,
    };
    match (a.day, b.day) {
        (None, Some(_)) => (hint(a, b.day).unwrap_or(0.5), None),
        (Some(_), None) => (hint(b, a.day).unwrap_or(0.5), None),
        // Two undated texts published months apart.
        (None, None) if a.month.zip(b.month).is_some_and(|(x, y)| (months(x) - months(y)).abs() > 1) => (0.2, None),
        _ => date_agreement(a.day, b.day, b_end),
    }
}

/// Whether news of `day` fits a text published in `month` (year, month):
/// on a day of that month, or of the [`NEWS_LAG_DAYS`] before it.
fn in_month_of_writing(day: Date, (year, month): (i16, i8)) -> bool {
    let Ok(first) = Date::new(year, month, 1) else { return true };
    day <= first.last_of_month() && (day >= first || days_between(first, day) <= NEWS_LAG_DAYS)
}

fn months((year, month): (i16, i8)) -> i32 {
    i32::from(year) * 12 + i32::from(month)
}

/// How long after the news a report may be written and still count as
/// its coverage (a weekly's wrap-up, a next-month analysis).
const NEWS_LAG_DAYS: i32 = 10;

/// How long before a day it looks ahead to a text may be written about
/// something else that happened: an announcement names its ceremony two
/// months ahead (a prize in October, handed over on 10 December); a
/// preview of something further ahead is rare in news.
const APPOINTMENT_DAYS: i32 = 70;

/// Whether news of `day` fits a text that looks ahead to `month`/`md`
/// (read in the year nearest `day`): the day comes before the
/// appointment, and not weeks before it.
fn appointment_fits(day: Date, month: i8, md: i8) -> bool {
    let y = day.year();
    let Some(at) = [y - 1, y, y + 1].into_iter().filter_map(|y| Date::new(y, month, md).ok()).min_by_key(|c| days_between(day, *c)) else { return true };
    at > day && days_between(at, day) <= APPOINTMENT_DAYS
}

/// Whether `first` and `last` are days too far apart to be one event (no
/// agreement at all), `false` when either is unknown.
pub(super) fn too_far_apart(first: Option<Date>, last: Option<Date>) -> bool {
    first.is_some() && last.is_some() && date_agreement(first, last, None).0 == 0.0
}

/// How well two days agree; `b_end` makes `b` a span (an event of several days).
pub(super) fn date_agreement(a: Option<Date>, b: Option<Date>, b_end: Option<Date>) -> (f32, Option<i32>) {
    let (Some(a), Some(b)) = (a, b) else { return (0.5, None) };
    let apart = match b_end {
        Some(end) if a >= b && a <= end => 0,
        Some(end) if a > end => days_between(a, end),
        _ => days_between(a, b),
    };
    let agree = match apart {
        0 => 1.0,
        1 => 0.6,
        2 => 0.2,
        _ => 0.0,
    };
    (agree, Some(apart))
}

/// How much of the two documents' registered actors they share (IDF-weighted
/// Jaccard): evidence only, the score counts them among the names.
pub(super) fn actor_overlap(a: &Features, b: &Features, w: &Weights) -> f32 {
    weighted_jaccard(&a.actors, &b.actors, |&x| x, &w.actors)
}

/// Score a pair; `b_end` when `b` is an event spanning several days.
pub(super) fn score(a: &Features, b: &Features, b_end: Option<Date>, w: &Weights) -> Parts {
    let (mut date, days_apart) = documents_agree(a, b, b_end);
    // Two languages (or two scripts, whatever the front matter says) share
    // few words, and their names only sound alike.
    let across = a.latin != b.latin || (a.language != 0 && b.language != 0 && a.language != b.language);
    if across && days_apart.is_some_and(|d| d > 0) {
        // Names by sound and bare numbers are weaker evidence than words:
        // across languages, a day apart is too far (the next day's call
        // names the same people and place as the meeting).
        date *= 0.5;
    }
    let (cosine, names, figures, content, measured) = if !across {
        let cosine = dot(&a.terms, &b.terms);
        let names = weighted_jaccard(&a.names, &b.names, |x| x.0, &w.names);
        let figures = weighted_jaccard(&a.figures, &b.figures, |&x| x, &w.figures);
        let text = 0.35 * (cosine / COSINE_FULL).min(1.0);
        // Two texts in a script without capitals, with no registered actor:
        // no names to compare (none stands out from the words), so none
        // missing either; the words and figures are all there is to measure.
        let content = if a.uncased && b.uncased && a.names.is_empty() && b.names.is_empty() {
            (text + 0.15 * figures) / 0.50
        } else {
            (text + 0.30 * names + 0.15 * figures) / 0.80
        };
        (cosine, names, figures, content, content)
    } else {
        // Names by how they sound (the actors' spellings among them) and
        // figures by their numbers.
        let names = weighted_containment(&a.sounds, &b.sounds, &w.sounds).max(words_heard_as_names(a, b, &w.sounds)).max(words_heard_as_names(b, a, &w.sounds));
        let figures = weighted_containment(&a.values, &b.values, &w.values);
        // Names and numbers show the story, and only the day shows which of
        // its events: when both texts give a day (a day read from other
        // coverage came from content already) and it is the same, half the
        // smaller document's names is all two languages can be expected to
        // share, as a third of the words is for a paraphrase in one.
        let own_days = !a.day_from_coverage && !b.day_from_coverage;
        let full = if days_apart == Some(0) && own_days { ACROSS_FULL } else { 1.0 };
        let content = |full: f32| (0.30 * (names / full).min(1.0) + 0.15 * (figures / full).min(1.0)) / 0.45;
        (0.0, names, figures, content(full), content(1.0))
    };
    let shingles = a.sketch.iter().zip(&b.sketch).filter(|(x, y)| x == y).count() as f32 / SKETCH as f32;
    let by_date = 0.15 + 0.85 * date;
    Parts { cosine, names, figures, date, score: content * by_date, strength: measured * by_date, shingles, days_apart }
}

/// How much of `b`'s names `a`, in a script without capitals, has among
/// its words as heard: its own names are not set apart from its words.
fn words_heard_as_names(a: &Features, b: &Features, idf: &Idf) -> f32 {
    if a.word_sounds.is_empty() || !b.word_sounds.is_empty() {
        return 0.0;
    }
    let (shared, _, _, wb) = weighted_overlap(&a.word_sounds, &b.sounds, |&x| x, idf);
    share_of(shared, wb, idf)
}

/// Passages two documents share: the same figure, or quotes with most of
/// their words in common. Returns (passage in a, passage in b, similarity).
pub(super) fn shared_passages(a: &[Passage], b: &[Passage]) -> Vec<(usize, usize, f32)> {
    let mut out = Vec::new();
    for (i, p) in a.iter().enumerate() {
        for (j, q) in b.iter().enumerate() {
            let shared = intersection(&p.words, &q.words);
            let smaller = p.words.len().min(q.words.len()).max(1) as f32;
            let overlap = shared as f32 / smaller;
            let matched = match (p.kind, q.kind) {
                (PassageKind::Figure, PassageKind::Figure) => p.figure.is_some() && p.figure == q.figure,
                (PassageKind::Quote, PassageKind::Quote) => shared >= 3 && overlap >= 0.5,
                _ => false,
            };
            if matched {
                out.push((i, j, overlap));
            }
        }
    }
    out
}

fn intersection(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn an_appointment_bounds_the_news_it_fits() {
        // A preview of the 14 December runoff, written after the first round of 16 November.
        assert!(appointment_fits(date(2025, 11, 16), 12, 14));
        assert!(!appointment_fits(date(2025, 12, 14), 12, 14), "the appointment itself is later news");
        assert!(!appointment_fits(date(2021, 12, 19), 12, 14), "after it, whatever the year");
        assert!(!appointment_fits(date(2025, 9, 17), 12, 1), "months before it");
        assert!(appointment_fits(date(2025, 10, 7), 12, 10), "a prize announced in October names its December ceremony");
    }
}
