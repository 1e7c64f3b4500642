//! Which events the articles cover: registered events that fit an
//! article ([`match_events`]), and new events from groups of related
//! articles that none fits ([`new_events`]).

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use rayon::prelude::*;

use super::features::Features;
use super::score::{self, Weights};
use super::{EventLink, NewEvent, Pair};
use crate::load::{Dossier, LoadedArticle};

/// Registered events whose dates fit an article's day, scored like a pair.
///
/// Only events within two days of the article's day can reach a threshold
/// (beyond that the date factor caps the score at 0.15), so events are
/// indexed by every day they are near, and an article is scored against the
/// events of its own day that share an actor or a name with it.
pub(super) fn match_events(dossier: &Dossier, features: &[Features], events: &[Features], weights: &Weights, min_score: f32) -> Vec<Vec<(usize, f32)>> {
    const NEAR: i32 = 2;
    /// Longer events are few (running stories) and indexed once, not per day.
    const SHORT: i32 = 14;
    let mut by_day: BTreeMap<Date, Vec<usize>> = BTreeMap::new();
    let mut long: Vec<usize> = Vec::new();
    for (i, e) in dossier.events.iter().enumerate() {
        // An event with no date is joined by the articles that declare it,
        // not matched: there is no day to compare.
        let Some((start, end)) = e.days() else { continue };
        let span = end.since(start).map(|s| s.get_days()).unwrap_or(0);
        if span > SHORT {
            long.push(i);
            continue;
        }
        for d in -NEAR..=span + NEAR {
            if let Ok(day) = start.checked_add(jiff::Span::new().days(d)) {
                by_day.entry(day).or_default().push(i);
            }
        }
    }
    // The names hold the actors too.
    let shares_a_key = |f: &Features, e: &Features| f.names.iter().any(|n| e.names.binary_search_by_key(&n.0, |x| x.0).is_ok());
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

/// Share of the threshold from which a pair that is not listed may still
/// join an article still alone to a group ([`joining_alone`]).
const NEAR_SHARE: f32 = 0.7;

/// Whether a pair under the threshold counts for [`joining_alone`]: it
/// scores at least [`NEAR_SHARE`] of the threshold, and its days agree or
/// are unknown.
pub(super) fn is_near(parts: &score::Parts, min_score: f32) -> bool {
    parts.score >= NEAR_SHARE * min_score && parts.date >= 0.5
}

/// Pairs under the threshold (a, b, score) that [`new_events`] still weighs.
pub(super) struct Unlisted {
    /// Near it ([`is_near`]).
    pub near: Vec<(usize, usize, f32)>,
    /// With an undated side, down to [`is_clear_second`], and whether the
    /// days fit (no day rules the pair out: date agreement at least even).
    pub undated: Vec<(usize, usize, f32, bool)>,
}

/// Groups of related articles (same day, above the threshold) that neither
/// declare nor match a registered event: one new event per group.
///
/// Groups grow from the strongest pair down, and two groups join only when
/// they are linked throughout ([`join`]): a single link between two
/// look-alike events (the meeting and the next day's call, reported in
/// another language) does not make them one. An article still alone joins
/// a group through one link when the two texts give the same day and all
/// its partners are in that group, and through pairs under the threshold
/// ([`Unlisted::near`]) when they reach most of one group
/// ([`joining_alone`]); a group with no day of its own joins another when
/// most pairs between them are listed or near ([`joining_groups`]); an
/// undated article still alone joins the group of the one article it reads
/// clearly most like ([`joining_clearly`]).
pub(super) fn new_events(
    dossier: &Dossier,
    articles: &[&LoadedArticle],
    features: &[Features],
    pairs: &[Pair],
    unlisted: &Unlisted,
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
    strong.sort_by(|x, y| y.parts.strength.total_cmp(&x.parts.strength).then((x.a, x.b).cmp(&(y.a, y.b))));
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
        // An article still alone, all of whose partners are in the other
        // group, joins it through a partner whose text gives the same day as
        // its own: it bridges nothing (a report in another language, linked
        // to the one report of its day that names its people, scores too
        // low against the others to reach most of the group).
        // (`days_apart` is known only when both have a day.)
        let alone_with_all_partners_in = |g: usize, other: usize| members[g].len() == 1 && partners[members[g][0]].iter().all(|&j| group[j] == other);
        let same_day = p.parts.days_apart == Some(0) && !features[p.a].day_from_coverage && !features[p.b].day_from_coverage;
        let joins_alone = same_day && (alone_with_all_partners_in(x, y) || alone_with_all_partners_in(y, x));
        // The day the texts of a group give, when they give one and the same.
        let one_day = |g: usize| {
            let mut days = members[g].iter().filter(|&&i| !features[i].day_from_coverage).filter_map(|&i| features[i].day);
            let first = days.next();
            first.filter(|&d| days.all(|e| e == d))
        };
        let groups_on_one_day = one_day(x).is_some_and(|d| one_day(y) == Some(d));
        if !joins_alone && !join((members[x].len(), members[y].len()), links, reaching, groups_on_one_day) {
            continue;
        }
        merge(&mut group, &mut members, x, y);
    }
    let listed = pairs.iter().filter(related).map(|p| (p.a, p.b, p.parts.score));
    let candidates: Vec<(usize, usize, f32)> = listed.chain(unlisted.near.iter().copied()).filter(|&(a, b, _)| orphan(a) && orphan(b)).collect();
    // A group whose texts give no day of their own is placed by content alone.
    joining_groups(&mut group, &mut members, &candidates, |i| features[i].day.is_some() && !features[i].day_from_coverage);
    for (i, g) in joining_alone(&group, &members, candidates.iter().copied(), |i| orphan(i) && !ambiguous[i]) {
        let alone = group[i];
        merge(&mut group, &mut members, alone, g);
    }
    let scored = pairs
        .iter()
        .map(|p| (p.a, p.b, p.parts.score, p.parts.date >= 0.5))
        .chain(unlisted.undated.iter().copied())
        .filter(|&(a, b, _, _)| orphan(a) && orphan(b));
    for (i, g) in joining_clearly(&group, &members, scored, |i| features[i].day.is_none() && !ambiguous[i], min_score) {
        let alone = group[i];
        merge(&mut group, &mut members, alone, g);
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
        // Named after its first dated report: an undated member is the
        // likeliest to have been placed by content alone, and to be wrong.
        let first = *members.iter().min_by_key(|&&i| (articles[i].date.is_none(), articles[i].date, &articles[i].slug)).expect("groups have members");
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
        let base = event_id(&crate::text::slugify(&words.join(" ")), day);
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

/// A new event's id: its first article's title as a slug, and its day. A
/// title in a script without spaces is one long word, and slugs are at most
/// 80 characters: the title's part is cut (at a hyphen where it can be) so
/// that the day, and the `-2` of a second event of that name, still fit.
fn event_id(title_slug: &str, day: Option<Date>) -> String {
    const ROOM: usize = 80 - "-2025-12-28".len() - "-99".len();
    let mut stem = title_slug;
    if stem.len() > ROOM {
        stem = &stem[..ROOM];
        if let Some(cut) = stem.rfind('-').filter(|&i| i > ROOM / 2) {
            stem = &stem[..cut];
        }
        stem = stem.trim_end_matches('-');
    }
    match (stem.is_empty(), day) {
        (false, Some(d)) => format!("{stem}-{d}"),
        (true, Some(d)) => format!("event-{d}"),
        (false, None) => stem.to_string(),
        (true, None) => "event".to_string(),
    }
}

/// Articles still alone that join a group (article, group) once the groups
/// have grown: a report in another language, or an undated one, can read
/// like most of one group's members without reaching the threshold with any
/// of them (a Russian report of a prize against five undated English ones,
/// each pair scoring 0.18 to 0.26). Its pairs (`pairs`: a, b, score; listed
/// or near the threshold) with the group must reach at least two members
/// and most of them, and add up to at least twice its pairs with any other
/// group: a look-alike's reports, read alike, share its pairs out. Decided
/// on the groups as they stand, so one article joining does not carry
/// another along.
fn joining_alone(
    group: &[usize],
    members: &[Vec<usize>],
    pairs: impl Iterator<Item = (usize, usize, f32)>,
    may_join: impl Fn(usize) -> bool,
) -> Vec<(usize, usize)> {
    let alone = |i: usize| members[group[i]].len() == 1 && may_join(i);
    // Per article alone, per group: the sum of its pairs' scores and how many members they reach.
    let mut reach: BTreeMap<usize, BTreeMap<usize, (f32, usize)>> = BTreeMap::new();
    for (a, b, score) in pairs {
        for (i, other) in [(a, b), (b, a)] {
            if alone(i) {
                let e = reach.entry(i).or_default().entry(group[other]).or_default();
                e.0 += score;
                e.1 += 1;
            }
        }
    }
    reach
        .into_iter()
        .filter_map(|(i, by_group)| {
            let mut ranked: Vec<(usize, f32, usize)> = by_group.into_iter().map(|(g, (sum, n))| (g, sum, n)).collect();
            ranked.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
            let &(g, sum, reached) = ranked.first()?;
            let second = ranked.get(1).map_or(0.0, |x| x.1);
            let size = members[g].len();
            (size >= 2 && reached >= 2 && 2 * reached > size && sum >= 2.0 * second).then_some((i, g))
        })
        .collect()
}

/// Articles with no day still alone that one partner places (article,
/// group): their best pair scores at least [`CLEAR_SHARE`] of the threshold
/// and [`CLEAR_MARGIN`] times their best with any article outside that
/// partner's group. An undated report and its rewrite, or an undated report
/// and the one dated report it reads like, fall short of the threshold as
/// the missing day halves their score; a look-alike's reports read about as
/// alike, so a clear margin is what sets the event apart. A pair a day
/// rules out (`pairs`: a, b, score, and whether the days fit: outside the
/// month the address gives, on a weekday the text does not name) places
/// nothing, but still counts as a second best. Two articles alone join only
/// when each is the other's choice. Decided on the groups as they stand, so
/// one article joining does not carry another along.
fn joining_clearly(
    group: &[usize],
    members: &[Vec<usize>],
    pairs: impl Iterator<Item = (usize, usize, f32, bool)>,
    may_join: impl Fn(usize) -> bool,
    min_score: f32,
) -> Vec<(usize, usize)> {
    let alone = |i: usize| members[group[i]].len() == 1 && may_join(i);
    // Per article alone: every other article it has a pair with, the score, and whether the days fit.
    let mut scores: BTreeMap<usize, Vec<(usize, f32, bool)>> = BTreeMap::new();
    for (a, b, score, fits) in pairs {
        for (i, other) in [(a, b), (b, a)] {
            if alone(i) {
                scores.entry(i).or_default().push((other, score, fits));
            }
        }
    }
    let choice: BTreeMap<usize, usize> = scores
        .iter()
        .filter_map(|(&i, list)| {
            let &(best, top, fits) = list.iter().max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)))?;
            if !fits {
                return None;
            }
            let second = list.iter().filter(|&&(k, _, _)| group[k] != group[best]).map(|&(_, s, _)| s).fold(0.0, f32::max);
            (top >= CLEAR_SHARE * min_score && top >= CLEAR_MARGIN * second).then_some((i, best))
        })
        .collect();
    choice.iter().filter(|&(&i, &j)| members[group[j]].len() >= 2 || (choice.get(&j) == Some(&i) && i < j)).map(|(&i, &j)| (i, group[j])).collect()
}

/// See [`joining_clearly`].
const CLEAR_SHARE: f32 = 0.8;
const CLEAR_MARGIN: f32 = 2.5;

/// Whether a pair with an undated side is weighed by [`joining_clearly`]:
/// any that could be a placing article's second best.
pub(super) fn is_clear_second(parts: &score::Parts, min_score: f32) -> bool {
    parts.score >= CLEAR_SHARE / CLEAR_MARGIN * min_score
}

/// Groups that join once the listed pairs have made them, when one of the
/// two has no day of its own (`undated`) and most of the pairs between them
/// are listed or near the threshold (`pairs`: a, b, score): two rewrites of
/// one wire report, undated, read more like each other than like the dated
/// reports of their event, and neither is placed on its day; each still
/// reads like every one of those reports (a hospital strike's two undated
/// reports, nine of their ten pairs with the five dated ones near the
/// threshold, none above it). A look-alike's reports share some of those
/// pairs, not most. The best-linked two join first (highest mean score),
/// and the groups are counted again after each join.
fn joining_groups(group: &mut [usize], members: &mut [Vec<usize>], pairs: &[(usize, usize, f32)], dated: impl Fn(usize) -> bool) {
    loop {
        // The members that count: those whose text gives a day, when some
        // do. The undated members of a dated group say nothing of its day,
        // and an undated group reads about as much like them as like any
        // look-alike's (a censure vote and the next, three months later,
        // their reports undated, the next one's with one dated report).
        let has_day = |g: usize| members[g].iter().any(|&i| dated(i));
        let counted = |g: usize| if has_day(g) { members[g].iter().filter(|&&i| dated(i)).count() } else { members[g].len() };
        let counts = |i: usize| dated(i) || !has_day(group[i]);
        // Per two groups (lower index first): how many pairs link them, and their scores' sum.
        let mut between: BTreeMap<(usize, usize), (usize, f32)> = BTreeMap::new();
        for &(a, b, score) in pairs {
            let (x, y) = (group[a].min(group[b]), group[a].max(group[b]));
            if x != y && members[x].len() >= 2 && members[y].len() >= 2 && (!has_day(x) || !has_day(y)) && counts(a) && counts(b) {
                let e = between.entry((x, y)).or_default();
                e.0 += 1;
                e.1 += score;
            }
        }
        let mean = |&(n, sum): &(usize, f32)| sum / n as f32;
        let best = between
            .into_iter()
            .filter(|&((x, y), (n, _))| 2 * n > counted(x) * counted(y))
            .max_by(|a, b| mean(&a.1).total_cmp(&mean(&b.1)).then(b.0.cmp(&a.0)));
        let Some(((x, y), _)) = best else { return };
        merge(group, members, x, y);
    }
}

/// Moves the smaller of groups `x` and `y` into the larger.
fn merge(group: &mut [usize], members: &mut [Vec<usize>], x: usize, y: usize) {
    let (small, large) = if members[x].len() <= members[y].len() { (x, y) } else { (y, x) };
    let moved = std::mem::take(&mut members[small]);
    for &i in &moved {
        group[i] = large;
    }
    members[large].extend(moved);
}

/// Whether two groups of related articles, of `sizes` members, are one
/// event, given the related pairs between them (`links`), how many
/// members of each group have a partner in the other (`reaching`), and
/// whether all their texts give one day, the same (`same_day`): at least a
/// third of the pairs between them are related, or most members of each
/// group have a partner in the other, or, on one day, two members of each.
/// The second holds coverage in two languages together when its links
/// across are few but spread (six of twenty pairs, from three of four
/// members and three of five); a bridge of one or two links between
/// look-alikes reaches most of neither group. The third holds the English
/// and the Spanish reports of an impeachment vote together, each language
/// a group of its own, where two of each read alike across (two of twelve
/// pairs, from two of three members and two of four): look-alikes of one
/// day are rarer than those days apart, and one link is still a bridge.
fn join(sizes: (usize, usize), links: usize, reaching: (usize, usize), same_day: bool) -> bool {
    const SHARE_OF_PAIRS: f32 = 1.0 / 3.0;
    let most = |n: usize, of: usize| 2 * n > of;
    links as f32 >= SHARE_OF_PAIRS * (sizes.0 * sizes.1) as f32
        || (most(reaching.0, sizes.0) && most(reaching.1, sizes.1))
        || (same_day && reaching.0 >= 2 && reaching.1 >= 2)
}

#[cfg(test)]
mod tests {
    use super::{event_id, join, joining_alone, joining_clearly, joining_groups};

    #[test]
    fn an_article_alone_joins_the_one_group_most_of_whose_members_it_reads_like() {
        // Articles 0 to 2 are one group, 3 to 6 another; 7 is alone.
        let group = [0, 0, 0, 3, 3, 3, 3, 7];
        let members = vec![vec![0, 1, 2], vec![], vec![], vec![3, 4, 5, 6], vec![], vec![], vec![], vec![7]];
        let joins = |pairs: &[(usize, usize, f32)]| joining_alone(&group, &members, pairs.iter().copied(), |_| true);
        assert_eq!(joins(&[(7, 0, 0.25), (1, 7, 0.22)]), [(7, 0)]);
        // One member is not most of a group; two of four are not most either.
        assert!(joins(&[(7, 0, 0.29)]).is_empty());
        assert!(joins(&[(7, 3, 0.29), (7, 4, 0.29)]).is_empty());
        // Reading almost as much like another group: neither.
        assert!(joins(&[(7, 0, 0.25), (7, 1, 0.22), (7, 3, 0.25)]).is_empty());
        assert_eq!(joins(&[(7, 0, 0.25), (7, 1, 0.22), (7, 3, 0.2)]), [(7, 0)]);
        // Only an article still alone moves.
        assert!(joining_alone(&group, &members, [(0, 3, 0.25), (0, 4, 0.25), (0, 5, 0.25)].into_iter(), |_| true).is_empty());
    }

    #[test]
    fn an_undated_article_alone_joins_the_group_of_the_one_it_reads_clearly_most_like() {
        // Articles 0 to 2 are one group, 3 to 5 a look-alike's; 6, 7 and 8 are alone and undated.
        let group = [0, 0, 0, 3, 3, 3, 6, 7, 8];
        let members = vec![vec![0, 1, 2], vec![], vec![], vec![3, 4, 5], vec![], vec![], vec![6], vec![7], vec![8]];
        let joins = |pairs: &[(usize, usize, f32)]| joining_clearly(&group, &members, pairs.iter().map(|&(a, b, s)| (a, b, s, true)), |i| i >= 6, 0.3);
        // Under the threshold, and more than twice anything outside the group: it joins.
        assert_eq!(joins(&[(6, 1, 0.26), (6, 0, 0.2), (6, 4, 0.1)]), [(6, 0)]);
        // A look-alike's report close behind, or too weak a best: alone.
        assert!(joins(&[(6, 1, 0.26), (6, 4, 0.12)]).is_empty());
        assert!(joins(&[(6, 1, 0.22)]).is_empty());
        // Two alone join only as each other's choice: not when one reads about as much like a third.
        assert_eq!(joins(&[(6, 7, 0.27), (7, 2, 0.08)]), [(6, 7)]);
        assert!(joins(&[(6, 7, 0.27), (7, 8, 0.3)]).is_empty());
        // An article in a group, or one may_join turns down, does not move.
        assert!(joins(&[(0, 3, 0.29), (1, 3, 0.29)]).is_empty());
        assert!(joining_clearly(&group, &members, [(6, 1, 0.26, true)].into_iter(), |_| false, 0.3).is_empty());
        // A best pair a day rules out places nothing; as a second best, it still holds the article back.
        assert!(joining_clearly(&group, &members, [(6, 1, 0.26, false)].into_iter(), |i| i >= 6, 0.3).is_empty());
        assert!(joining_clearly(&group, &members, [(6, 1, 0.26, true), (6, 4, 0.2, false)].into_iter(), |i| i >= 6, 0.3).is_empty());
    }

    #[test]
    fn new_event_ids_are_slugs_whatever_the_title() {
        use crate::text::{is_slug, slugify};
        let day = Some(jiff::civil::date(2025, 9, 7));
        let long = slugify("石破茂首相（６８）＝自民党総裁＝は７日、首相官邸で記者会見し、退陣する意向を表明した。");
        assert!(long.len() > 70);
        for id in [event_id(&long, day), event_id(&long, None), event_id("", day), event_id("talks-in-miami", day)] {
            assert!(is_slug(&id) && is_slug(&format!("{id}-99")), "{id}");
        }
        assert_eq!(event_id("talks-in-miami", day), "talks-in-miami-2025-09-07");
        assert!(event_id(&long, day).ends_with("-2025-09-07"));
    }

    #[test]
    fn groups_join_when_linked_throughout_not_by_a_bridge() {
        // A third of the pairs between them related.
        assert!(join((3, 3), 3, (2, 2), false));
        // Few links, but from most members of both: the German and French
        // reports of one meeting (6 of 20 pairs, from 3 of 4 and 3 of 5).
        assert!(join((4, 5), 6, (3, 3), false));
        // One link, or two from one member, between look-alikes.
        assert!(!join((2, 2), 1, (1, 1), false));
        assert!(!join((4, 5), 2, (1, 2), false));
        assert!(!join((3, 3), 2, (2, 1), false));
        // Half is not most.
        assert!(!join((4, 4), 4, (2, 2), false));
        // On one day, two members of each group reaching across are enough
        // (an impeachment vote's English and Spanish reports); one is not.
        assert!(!join((3, 4), 2, (2, 2), false));
        assert!(join((3, 4), 2, (2, 2), true));
        assert!(!join((3, 4), 2, (1, 2), true));
        assert!(!join((2, 2), 1, (1, 1), true));
    }

    #[test]
    fn a_group_without_a_day_joins_the_one_most_of_whose_pairs_are_near() {
        // 0 to 4: five dated reports; 5 and 6: two undated rewrites; 7 and 8:
        // a dated look-alike's two reports.
        let start = || ([0, 0, 0, 0, 0, 5, 5, 7, 7], vec![vec![0, 1, 2, 3, 4], vec![], vec![], vec![], vec![], vec![5, 6], vec![], vec![7, 8], vec![]]);
        let dated = |i: usize| i != 5 && i != 6;
        let joined = |pairs: &[(usize, usize, f32)]| {
            let (mut group, mut members) = start();
            joining_groups(&mut group, &mut members, pairs, dated);
            group
        };
        let throughout: Vec<(usize, usize, f32)> = (0..5).flat_map(|i| [(i, 5, 0.24), (i, 6, 0.22)]).filter(|&(i, j, _)| (i, j) != (4, 6)).collect();
        assert_eq!(joined(&throughout), [0, 0, 0, 0, 0, 0, 0, 7, 7]);
        // Half of the pairs is not most.
        assert_eq!(joined(&throughout[..5]), start().0);
        // Two dated groups stay as their days made them, however alike they read.
        let dated: Vec<(usize, usize, f32)> = (0..5).flat_map(|i| [(i, 7, 0.25), (i, 8, 0.25)]).collect();
        assert_eq!(joined(&dated), start().0);
        // Only the members with a day count: the undated rewrites read like
        // the undated half of a look-alike's group, not like its dated one.
        let lookalike = || ([0, 0, 0, 3, 3, 5, 5], vec![vec![0, 1, 2], vec![], vec![], vec![3, 4], vec![], vec![5, 6], vec![]]);
        let undated_at = |i: usize| i == 4 || i == 5 || i == 6;
        let joined_with = |pairs: &[(usize, usize, f32)]| {
            let (mut group, mut members) = lookalike();
            joining_groups(&mut group, &mut members, pairs, |i| !undated_at(i));
            group
        };
        assert_eq!(joined_with(&[(4, 5, 0.3), (4, 6, 0.3), (3, 5, 0.22)]), lookalike().0, "near the undated member, not the dated one");
        assert_eq!(joined_with(&[(3, 5, 0.22), (3, 6, 0.22)]), [0, 0, 0, 5, 5, 5, 5]);
    }
}
