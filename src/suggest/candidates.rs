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
//! is bounded whatever the corpus size.

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
pub(super) const POSTING_CAP: usize = 64;
pub(super) const PER_ARTICLE: usize = 16;
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

/// Candidate pairs `(a, b)` with `a < b`, sorted and unique.
pub(super) fn pairs(features: &[Features], weights: &Weights) -> Vec<(u32, u32)> {
    let mut out = lsh_pairs(features);
    out.extend(blocked_pairs(features, weights));
    // Sorted before scoring, so the pairs (and everything after) never depend on hash-map or thread order.
    out.par_sort_unstable();
    out.dedup();
    out
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

fn blocked_pairs(features: &[Features], weights: &Weights) -> Vec<(u32, u32)> {
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
    (0..features.len())
        .into_par_iter()
        .flat_map_iter(|i| {
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
            summed.truncate(PER_ARTICLE);
            let i = i as u32;
            summed.into_iter().map(move |(j, _)| (i.min(j), i.max(j)))
        })
        .collect()
}
