//! Articles whose text gives no day: placing them on the day of the
//! coverage they read most like ([`place_by_coverage`], during
//! [`suggest`](super::suggest)), and what `dossier check` tells the analyst
//! about each ([`undated_hints`]).

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use super::features::Features;
use super::score::{self, Parts};
use super::{listed, suggest, Options};
use crate::annotate::ActorMatcher;
use crate::load::Dossier;

/// How [`days_from_coverage`] places an undated article: its best pair
/// with a dated article scores at least this share of the threshold...
const PLACING_SHARE: f32 = 2.0 / 3.0;
/// ...and this many times the best pair with an article of another day.
const PLACING_MARGIN: f32 = 1.3;
/// Rounds of [`place_by_coverage`]: news needs two or three (the set of
/// benches/realset/ settles in two); a bound keeps a dossier built to chain
/// its undated pages one behind another from taking a round per page.
const PLACING_ROUNDS: usize = 8;

/// Whether a first score of a pair is kept: listed ([`listed`]), near the
/// threshold ([`super::events::is_near`]), or a pair with an undated side
/// that [`place_by_coverage`] or [`super::events::is_clear_second`] weighs.
pub(super) fn worth_keeping(a: &Features, b: &Features, parts: &Parts, min_score: f32) -> bool {
    listed(parts, min_score)
        || super::events::is_near(parts, min_score)
        || ((a.day.is_none() || b.day.is_none())
            && (parts.score * PLACING_MARGIN >= PLACING_SHARE * min_score || super::events::is_clear_second(parts, min_score)))
}

/// Whether a rival pair ([`super::candidates::Candidates::rivals`]) is
/// kept: one that could be a placing article's close second.
pub(super) fn may_hold_back(a: &Features, b: &Features, parts: &Parts, min_score: f32) -> bool {
    (a.day.is_none() != b.day.is_none()) && parts.score * PLACING_MARGIN >= PLACING_SHARE * min_score
}

/// For articles whose text gives no day: the day of the dated article each
/// reads most like, when that pair scores at least [`PLACING_SHARE`] of the
/// threshold, no article of another day scores within [`PLACING_MARGIN`]
/// of it (among its candidates and its `rivals`, the pairs found further
/// down its blocked candidates, which only hold it back), and no undated article scores higher but one about as close
/// whose own dated coverage gives the same day. Look-alike events (the
/// meeting and the next day's call, one prize a day) read alike, so a close
/// second of another day leaves the article unplaced; so does closer
/// coverage whose day is unknown (a runoff's undated reports, closer than
/// the dated ones of the first round). One clearly closest is almost always
/// coverage of its event.
///
/// Placing repeats until it places no more ([`PLACING_ROUNDS`] at most):
/// once the undated reports an article reads most like are placed, they no
/// longer hold it back, and it is placed by the dated coverage it reads
/// like next (five undated reports of a prize, one of them closest to the
/// others). A placed article never
/// places another, as its day came from content: passed along, such days
/// drift to a look-alike's, and across a story's same-day look-alikes
/// (the charges and the next arrests, announced by one prosecutor) they
/// joined events the dated articles kept apart. It still counts as a close
/// second of its day.
pub(super) fn place_by_coverage(features: &mut [Features], scored: &[(usize, usize, Parts)], rivals: &[(usize, usize, Parts)], min_score: f32) {
    for _ in 0..PLACING_ROUNDS {
        let placed = days_from_coverage(features, scored, rivals, min_score);
        if placed.is_empty() {
            return;
        }
        for (i, day) in placed {
            features[i].day = Some(day);
            features[i].day_from_coverage = true;
        }
    }
}

/// One round of [`place_by_coverage`].
fn days_from_coverage(features: &[Features], scored: &[(usize, usize, Parts)], rivals: &[(usize, usize, Parts)], min_score: f32) -> Vec<(usize, Date)> {
    /// A partner of an undated article: how the pair scores, the partner's
    /// day (`None`: undated), `true` when it cannot place the article (its
    /// day was read from coverage, or it is a rival), and which it is.
    type Partner = (f32, Option<Date>, bool, usize);
    let mut partners: BTreeMap<usize, Vec<Partner>> = BTreeMap::new();
    // A day the undated text rules out (a weekday it does not name, a day
    // it recalls or looks ahead to) is no day to place it on.
    let fitting = |(a, b, p): &&(usize, usize, Parts)| p.date >= 0.5 && shares_more_than_words(&features[*a], &features[*b], p);
    let all = scored.iter().map(|x| (x, false)).chain(rivals.iter().map(|x| (x, true)));
    for ((a, b, p), rival) in all.filter(|(x, _)| fitting(x)) {
        let (fa, fb) = (&features[*a], &features[*b]);
        // A rival's day only holds the article back (it is a second of
        // another day); an undated rival is not read at all.
        if fa.day.is_none() && (!rival || fb.day.is_some()) {
            partners.entry(*a).or_default().push((p.score, fb.day, fb.day_from_coverage || rival, *b));
        }
        if fb.day.is_none() && (!rival || fa.day.is_some()) {
            partners.entry(*b).or_default().push((p.score, fa.day, fa.day_from_coverage || rival, *a));
        }
    }
    // The day each undated article's dated coverage gives (undated partners
    // aside), with the score of the closest.
    let mut by_coverage: BTreeMap<usize, (f32, Date)> = BTreeMap::new();
    for (&i, list) in partners.iter_mut() {
        list.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)).then(x.3.cmp(&y.3)));
        let Some(&(best, day, _, _)) = list.iter().find(|p| p.1.is_some() && !p.2) else { continue };
        let second = list.iter().find(|p| p.1.is_some() && p.1 != day).map_or(0.0, |p| p.0);
        if let Some(day) = day.filter(|_| best >= PLACING_SHARE * min_score && best >= PLACING_MARGIN * second) {
            by_coverage.insert(i, (best, day));
        }
    }
    // Undated coverage closer than the dated is of an unknown day: a
    // runoff's reports read clearly more like each other than like the
    // first round's. Two rewrites of one wire report read a little more
    // like each other than like a third report of their day; when the
    // other's dated coverage gives the same day and it is not clearly
    // closer (PLACING_MARGIN), it does not hold the article back.
    by_coverage
        .iter()
        .filter(|(i, (best, day))| {
            partners[i]
                .iter()
                .filter(|p| p.1.is_none() && p.0 > *best)
                .all(|p| p.0 < PLACING_MARGIN * best && by_coverage.get(&p.3).is_some_and(|c| c.1 == *day))
        })
        .map(|(&i, &(_, day))| (i, day))
        .collect()
}

/// Whether a pair shares a name or a figure, not only words: words alone
/// place nothing. Two short reports in one language share their function
/// words ("le", "du", "il" and "gouvernement" placed a censure vote's
/// undated report on the day of the government's appointment, a month
/// before), and a headline alone reads like any report of its story. In a
/// script without capitals names are not read, so there words must do.
fn shares_more_than_words(a: &Features, b: &Features, parts: &Parts) -> bool {
    parts.names > 0.0 || parts.figures > 0.0 || a.uncased || b.uncased
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
        let text = format!("{}\n{}", article.title, body);
        let named = mentions(&text);
        // The first three different words that name days, and what kinds of day they are.
        let mut words: Vec<String> = Vec::new();
        let mut kinds: Vec<&str> = Vec::new();
        let mut whole = false;
        for m in &named {
            let w = format!("“{}”", &text[m.range.clone()]);
            if words.contains(&w) || words.len() == 3 {
                continue;
            }
            words.push(w);
            whole |= m.is_whole();
            let kind = match m.when {
                When::Day(_) => continue,
                When::Weekday(_) | When::WeekdayDay { .. } => "a weekday",
                When::MonthDay { .. } => "a day without its year",
                When::DayOfMonth(_) => "a day of the month",
                When::Relative(_) => "a relative day",
            };
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
        let said = if words.is_empty() {
            "its text names no date".to_string()
        } else {
            format!(
                "its text names {} ({}) but {}",
                words.join(", "),
                if kinds.is_empty() { "dates of other days".into() } else { kinds.join(", ") },
                // Whole dates of history or of an appointment: not its news.
                if whole { "none that reads as the day of its news" } else { "no whole date" }
            )
        };
        // A month is no day, but it bounds the search for one.
        let said = match article.url.as_deref().and_then(crate::text::dates::in_address) {
            Some(crate::text::dates::InAddress::Month(y, m)) => match Date::new(y, m, 1) {
                Ok(first) => format!("{said} (its address gives the month, {})", crate::text::calendar::month_and_year(first)),
                Err(_) => said,
            },
            _ => said,
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
            (None, None) => format!("{said}, and no other article reads as coverage of the same event: add the publication date from the original page (date = YYYY-MM-DD)"),
        };
        out.push((article.path.clone(), hint));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn parts(score: f32) -> Parts {
        Parts { cosine: 0.2, names: 0.3, figures: 0.0, date: 0.85, score, strength: score, shingles: 0.0, days_apart: None }
    }

    #[test]
    fn a_rival_of_another_day_holds_placing_back_and_never_places() {
        // 0 has no day; 1 is coverage of 3 March, 2 of 6 January.
        let features = || {
            let mut f = vec![Features::default(), Features::default(), Features::default()];
            f[1].day = Some(date(2025, 3, 3));
            f[2].day = Some(date(2025, 1, 6));
            f
        };
        let placed = |scored: &[(usize, usize, Parts)], rivals: &[(usize, usize, Parts)]| {
            let mut f = features();
            place_by_coverage(&mut f, scored, rivals, 0.3);
            f[0].day
        };
        let closest = [(0, 1, parts(0.375))];
        assert_eq!(placed(&closest, &[]), Some(date(2025, 3, 3)));
        // Another day's coverage almost as close, found beyond the best candidates.
        assert_eq!(placed(&closest, &[(0, 2, parts(0.306))]), None);
        // Not close: the article is placed as before.
        assert_eq!(placed(&closest, &[(0, 2, parts(0.2))]), Some(date(2025, 3, 3)));
        // A rival alone places nothing.
        assert_eq!(placed(&[], &[(0, 2, parts(0.4))]), None);
    }
}
