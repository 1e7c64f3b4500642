//! Which pairs of articles are worth scoring: never all of them.
//!
//! Two channels, each linear in the number of articles:
//!
//! - **LSH** over the MinHash sketches of word shingles: 16 bands of 4 slots;
//!   two articles land in one bucket when a whole band agrees, which catches
//!   copies and light rewrites (Jaccard above about 0.5).
//! - **Blocking on rare keys**: actors, names, figures and an article's
//!   heaviest terms, posted under the three-day window of the day the article
//!   is about. An article meets only articles of its own and the neighbouring
//!   windows that share a key; an article without a day meets articles of
//!   any day that share a key (a missing date lowers the score, it never
//!   keeps an article out). Paraphrases share almost no shingles but do
//!   share these keys, and events days apart fall in different windows.
//!
//! Posting lists longer than [`POSTING_CAP`] are skipped (a key that common
//! in three days says little), and each article keeps its
//! [`PER_ARTICLE`] best candidates by shared weight, so the work per article
//! is bounded whatever the corpus size. An article without a day keeps the
//! next ones too, down to the [`RIVALS`]th, as rivals: scored only to see
//! whether coverage of another day reads about as much like it.

use std::collections::HashMap;

use rayon::prelude::*;

use super::features::{Features, SKETCH};
use super::keys::{KeyHasher, KeyMap};
use super::score::Weights;

const BANDS: usize = 16;
const ROWS: usize = SKETCH / BANDS;
/// Days per blocking window.
const WINDOW_DAYS: i32 = 3;
/// Heaviest terms of an article used as blocking keys.
const TERM_KEYS: usize = 8;
const POSTING_CAP: usize = 64;
const PER_ARTICLE: usize = 16;
/// For an article without a day, keys are looked up across all days, so
/// their lists are longer; one shared by more articles says little.
const UNDATED_POSTING_CAP: usize = 4 * POSTING_CAP;
/// Bucket neighbours per article per band: members of one LSH bucket are
/// near-copies of each other, so a few links per band connect them, and
/// pairing each with the next 16 in every band (up to 256 pairs per article)
/// made scoring at 100k take twice as long.
const LSH_NEIGHBOURS: usize = 4;

/// The window an article is posted under; undated articles share one.
fn window(f: &Features) -> i32 {
    match f.day {
        Some(d) => (d.since(jiff::civil::date(1970, 1, 1)).map(|s| s.get_days()).unwrap_or(0)).div_euclid(WINDOW_DAYS),
        None => i32::MIN,
    }
}

/// The blocking keys of one article, with their weights (IDF).
fn keys(f: &Features, w: &Weights) -> Vec<(u64, f32)> {
    let tag = |kind: u64, k: u32| (kind << 32) | k as u64;
    let mut out: Vec<(u64, f32)> = Vec::new();
    // Actors are among the names ([`super::features::actor_key`]).
    out.extend(f.names.iter().map(|&(n, _)| (tag(2, n), w.names.idf(n))));
    out.extend(f.figures.iter().map(|&x| (tag(3, x), w.figures.idf(x))));
    let mut terms: Vec<(u32, f32)> = f.terms.clone();
    terms.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    out.extend(terms.iter().take(TERM_KEYS).map(|&(t, _)| (tag(4, t), w.terms.idf(t))));
    // Across scripts (posted under the script, looked up under the other).
    let script = if f.latin { 0 } else { 1 << 8 };
    out.extend(f.sounds.iter().map(|&x| (tag(5 | script, x), w.sounds.idf(x))));
    // A script without capitals: its words that sound like a name some
    // document gives.
    out.extend(f.word_sounds.iter().filter(|&&x| w.sounds.seen(x) && f.sounds.binary_search(&x).is_err()).map(|&x| (tag(5 | script, x), w.sounds.idf(x))));
    out.extend(f.values.iter().map(|&x| (tag(6 | script, x), w.values.idf(x))));
    out
}

/// The key an article in the other script posts the same sound or value under.
fn across(key: u64) -> Option<u64> {
    let kind = key >> 32;
    matches!(kind & 0xff, 5 | 6).then(|| key ^ (1 << 40))
}

/// Pairs worth scoring, `(a, b)` with `a < b`, each list sorted and unique.
pub(super) struct Candidates {
    /// Scored, and linked when they score high enough.
    pub pairs: Vec<(u32, u32)>,
    /// Pairs of an article without a day beyond its [`PER_ARTICLE`] best,
    /// down to its [`RIVALS`]th (none of them in `pairs`): scored only to
    /// hold its placing back ([`super::undated::place_by_coverage`]).
    pub rivals: Vec<(u32, u32)>,
}

/// How far down its blocked candidates an article without a day is
/// compared with other days' coverage before it is placed on one. Its
/// [`PER_ARTICLE`] best share the most key weight, so long reports
/// recapping the whole story crowd them: two undated reports of Austria's
/// mandate to Kickl read most like a recap dated on Stocker's swearing-in
/// two months later, and about as much like the mandate's own dated
/// report, which ranked below the sixteenth by key weight (benches/realset,
/// holdout15).
const RIVALS: usize = 2 * PER_ARTICLE;

pub(super) fn candidates(features: &[Features], weights: &Weights) -> Candidates {
    let Candidates { pairs: blocked, mut rivals } = blocked_pairs(features, weights);
    let mut pairs = lsh_pairs(features);
    pairs.extend(blocked);
    // Sorted before scoring, so the pairs (and everything after) never depend on hash-map or thread order.
    pairs.par_sort_unstable();
    pairs.dedup();
    rivals.par_sort_unstable();
    rivals.dedup();
    rivals.retain(|p| pairs.binary_search(p).is_err());
    Candidates { pairs, rivals }
}

fn lsh_pairs(features: &[Features]) -> Vec<(u32, u32)> {
    let mut buckets: KeyMap<u64, Vec<u32>> = KeyMap::default();
    for (i, f) in features.iter().enumerate() {
        for b in 0..BANDS {
            let band = &f.sketch[b * ROWS..(b + 1) * ROWS];
            let mut h = b as u64;
            for &v in band {
                h = (h ^ v as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(29);
            }
            buckets.entry(h).or_default().push(i as u32);
        }
    }
    let mut out = Vec::new();
    for list in buckets.values() {
        // A crowded bucket holds copies; pair each article only with its next few in it.
        for (p, &a) in list.iter().enumerate() {
            for &b in list.iter().skip(p + 1).take(LSH_NEIGHBOURS) {
                if a != b {
                    out.push((a.min(b), a.max(b)));
                }
            }
        }
    }
    out
}

/// The blocked candidates, and the rivals of articles without a day.
fn blocked_pairs(features: &[Features], weights: &Weights) -> Candidates {
    let windows: Vec<i32> = features.iter().map(window).collect();
    let article_keys: Vec<Vec<(u64, f32)>> = features.par_iter().map(|f| keys(f, weights)).collect();
    let mut postings: HashMap<(u64, i32), Vec<u32>, std::hash::BuildHasherDefault<KeyHasher>> = HashMap::default();
    for (i, ks) in article_keys.iter().enumerate() {
        for &(k, _) in ks {
            postings.entry((k, windows[i])).or_default().push(i as u32);
        }
    }
    // An article without a day meets articles of any day: by key alone.
    let mut by_key: HashMap<u64, Vec<u32>, std::hash::BuildHasherDefault<super::keys::KeyHasher>> = HashMap::default();
    if windows.contains(&i32::MIN) {
        for (i, ks) in article_keys.iter().enumerate() {
            for &(k, _) in ks {
                by_key.entry(k).or_default().push(i as u32);
            }
        }
    }
    let ranked: Vec<(u32, Vec<(u32, f32)>)> = (0..features.len())
        .into_par_iter()
        .map(|i| {
            let w = windows[i];
            let near: &[i32] = if w == i32::MIN { &[0] } else { &[-1, 0, 1] };
            let mut met: Vec<(u32, f32)> = Vec::new();
            for &(k, weight) in &article_keys[i] {
                // Sounds and values meet only the other script's.
                let k = match across(k) {
                    Some(other) => other,
                    None => k,
                };
                if w == i32::MIN {
                    if let Some(list) = by_key.get(&k).filter(|l| l.len() <= UNDATED_POSTING_CAP) {
                        met.extend(list.iter().filter(|&&j| j as usize != i).map(|&j| (j, weight)));
                    }
                    continue;
                }
                for &dw in near {
                    let Some(list) = postings.get(&(k, w.saturating_add(dw))) else { continue };
                    if list.len() > POSTING_CAP {
                        continue;
                    }
                    met.extend(list.iter().filter(|&&j| j as usize != i).map(|&j| (j, weight)));
                }
            }
            met.sort_unstable_by_key(|m| m.0);
            let mut summed: Vec<(u32, f32)> = Vec::new();
            for (j, weight) in met {
                match summed.last_mut() {
                    Some(last) if last.0 == j => last.1 += weight,
                    _ => summed.push((j, weight)),
                }
            }
            summed.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            summed.truncate(if w == i32::MIN { RIVALS } else { PER_ARTICLE });
            (i as u32, summed)
        })
        .collect();
    let ordered = |i: u32, j: u32| (i.min(j), i.max(j));
    let mut pairs = Vec::new();
    let mut rivals = Vec::new();
    for (i, met) in ranked {
        for (rank, (j, _)) in met.into_iter().enumerate() {
            if rank < PER_ARTICLE {
                pairs.push(ordered(i, j));
            } else {
                rivals.push(ordered(i, j));
            }
        }
    }
    Candidates { pairs, rivals }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn an_undated_article_keeps_its_best_candidates_and_the_next_as_rivals() {
        // Article 0 has no day and shares names with each of 1..=24, dated
        // a week apart: two with each of 1..=12, one with each of the rest.
        let mut features: Vec<Features> = (0..25u32)
            .map(|i| Features {
                sketch: vec![i; SKETCH],
                day: (i > 0).then(|| date(2025, 1, 1) + jiff::Span::new().days(7 * i64::from(i))),
                ..Features::default()
            })
            .collect();
        features[0].names = (1..=24).chain(101..=112).map(|k| (k, false)).collect();
        for j in 1..=24u32 {
            features[j as usize].names = if j <= 12 { vec![(j, false), (100 + j, false)] } else { vec![(j, false)] };
        }
        let weights = Weights::new(&features);
        let Candidates { pairs, rivals } = candidates(&features, &weights);
        let met = |list: &[(u32, u32)]| list.iter().filter(|p| p.0 == 0).map(|p| p.1).collect::<Vec<_>>();
        assert_eq!(met(&pairs).len(), PER_ARTICLE);
        assert!((1..=12).all(|j| met(&pairs).contains(&j)), "the most shared weight first");
        assert_eq!(met(&rivals).len(), 24 - PER_ARTICLE, "the rest of those it meets");
        assert!(rivals.iter().all(|p| pairs.binary_search(p).is_err()));
        // Dated articles have no rivals.
        assert!(rivals.iter().all(|p| p.0 == 0));
    }
}
