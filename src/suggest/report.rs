//! `dossier suggest`'s output: a readable report, or JSON for tools.
//!
//! Both list the articles in slug order and everything inside them in a fixed
//! order (scores descending, then slugs), so the same dossier always gives
//! the same bytes.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use super::{Evidence, Related, Status, SuggestedLinks, Suggestions};

/// The suggestions as JSON (pretty-printed, ends with a newline).
pub fn json(s: &Suggestions) -> String {
    let mut out = serde_json::to_string_pretty(s).expect("suggestions serialise");
    out.push('\n');
    out
}

/// The evidence a reader weighs: shared actors, places, names and figures,
/// and the days. Term stems and text similarity are for tools (JSON).
fn evidence_line(e: &Evidence) -> String {
    let mut parts = Vec::new();
    let list = |label: &str, items: &[String], parts: &mut Vec<String>| {
        if !items.is_empty() {
            parts.push(format!("{label}: {}", items.iter().take(6).cloned().collect::<Vec<_>>().join(", ")));
        }
    };
    list("actors", &e.actors, &mut parts);
    list("places", &e.places, &mut parts);
    list("names", &e.names, &mut parts);
    list("figures", &e.figures, &mut parts);
    parts.push(match e.days_apart {
        Some(0) => "same day".to_string(),
        Some(d) => format!("{d} day(s) apart"),
        None => "a day unknown".to_string(),
    });
    parts.join("; ")
}

fn clip(s: &str) -> String {
    if s.chars().count() <= 160 {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(159).collect::<String>())
    }
}

/// One group of articles: an event (declared, suggested or new) and its articles.
struct Group<'a> {
    id: &'a str,
    title: &'a str,
    status: Status,
    members: Vec<&'a SuggestedLinks>,
    /// The strongest related-article score inside the group.
    strength: f32,
}

/// The suggestions as a report an analyst reads in a minute: a summary
/// line, then one block per event (strongest first) with its articles and
/// the evidence of its strongest links, then related articles no event
/// holds, then the articles nothing links.
pub fn text(s: &Suggestions) -> String {
    let by_slug: BTreeMap<&str, &SuggestedLinks> = s.articles.iter().map(|a| (a.slug.as_str(), a)).collect();
    let mut groups: BTreeMap<&str, Group> = BTreeMap::new();
    for a in &s.articles {
        for e in &a.events {
            let g = groups.entry(e.id.as_str()).or_insert_with(|| Group { id: &e.id, title: &e.title, status: e.status, members: Vec::new(), strength: 0.0 });
            g.status = g.status.min(e.status);
            g.members.push(a);
        }
    }
    for g in groups.values_mut() {
        let inside: BTreeSet<&str> = g.members.iter().map(|a| a.slug.as_str()).collect();
        g.strength = g.members.iter().flat_map(|a| a.related.iter()).filter(|r| inside.contains(r.slug.as_str())).map(|r| r.score).fold(0.0, f32::max);
    }
    let mut groups: Vec<Group> = groups.into_values().filter(|g| g.members.len() >= 2 || g.status != Status::Declared).collect();
    groups.sort_by(|a, b| b.strength.total_cmp(&a.strength).then(b.members.len().cmp(&a.members.len())).then(a.id.cmp(b.id)));

    let in_event: BTreeSet<&str> = groups.iter().flat_map(|g| g.members.iter().map(|a| a.slug.as_str())).collect();
    let linked = s.articles.iter().filter(|a| in_event.contains(a.slug.as_str()) || !a.related.is_empty()).count();
    let undated = s.articles.iter().filter(|a| a.date.is_none()).count();
    let placed = s.articles.iter().filter(|a| a.day_from_coverage.is_some()).count();
    let undated = if placed > 0 { format!("{undated} undated ({placed} placed on their coverage's day)") } else { format!("{undated} undated") };
    let dups: usize = s.articles.iter().map(|a| a.related.iter().filter(|r| r.near_duplicate.is_some()).count()).sum::<usize>() / 2;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "suggest: {} articles: {linked} linked ({} in {} event(s)), {} unlinked; {undated}; {dups} near-duplicate pair(s); {} new event(s) (min score {:.2})",
        s.articles.len(),
        in_event.len(),
        groups.len(),
        s.articles.len() - linked,
        s.new_events.len(),
        s.min_score
    );
    for g in &groups {
        let status = match g.status {
            Status::Declared => "declared",
            Status::Suggested => "suggested",
            Status::New => "new",
        };
        let _ = writeln!(out, "\nevent {} ({status}, {} articles): {}", g.id, g.members.len(), clip(g.title));
        for a in &g.members {
            let link = a.events.iter().find(|e| e.id == g.id);
            let how = link.map(|e| match e.status {
                Status::Declared => "declared".to_string(),
                Status::Suggested => format!("suggested {:.2}: {}", e.score.unwrap_or(0.0), e.reason),
                Status::New => "new".to_string(),
            });
            let day = match (&a.day, &a.day_from_coverage) {
                (Some(day), _) => day.clone(),
                (None, Some(day)) => format!("{day} (its coverage's day)"),
                (None, None) => "day unknown".to_string(),
            };
            let _ = writeln!(out, "  {day}  {}  ({})", a.slug, how.unwrap_or_default());
        }
        // The strongest links inside the group, each once.
        let inside: BTreeSet<&str> = g.members.iter().map(|a| a.slug.as_str()).collect();
        let mut links: Vec<(&str, &Related)> = g
            .members
            .iter()
            .flat_map(|a| a.related.iter().map(move |r| (a.slug.as_str(), r)))
            .filter(|(a, r)| inside.contains(r.slug.as_str()) && *a < r.slug.as_str())
            .collect();
        links.sort_by(|x, y| y.1.score.total_cmp(&x.1.score).then(x.0.cmp(y.0)).then(x.1.slug.cmp(&y.1.slug)));
        for (a, r) in links.iter().take(3) {
            let _ = writeln!(out, "    {:.2} {a} - {}{}\n         {}", r.score, r.slug, near(r), evidence_line(&r.evidence));
        }
        if let Some(p) = g.members.iter().flat_map(|a| a.passages.iter()).find(|p| p.kind == "quote" && inside.contains(p.other.as_str())) {
            let _ = writeln!(out, "    same quote: “{}”", clip(&p.here));
        }
    }
    let loose: Vec<(&str, &Related)> = s
        .articles
        .iter()
        .filter(|a| !in_event.contains(a.slug.as_str()))
        .flat_map(|a| a.related.iter().map(move |r| (a.slug.as_str(), r)))
        .filter(|(a, r)| *a < r.slug.as_str() || in_event.contains(r.slug.as_str()))
        .collect();
    if !loose.is_empty() {
        let _ = writeln!(out, "\nrelated, in no event:");
        for (a, r) in loose {
            let _ = writeln!(out, "  {:.2} {a} - {}{}\n       {}", r.score, r.slug, near(r), evidence_line(&r.evidence));
        }
    }
    let alone: Vec<&str> = s.articles.iter().filter(|a| !in_event.contains(a.slug.as_str()) && a.related.is_empty()).map(|a| a.slug.as_str()).collect();
    if !alone.is_empty() {
        let _ = writeln!(out, "\nunlinked ({}): {}", alone.len(), alone.join(", "));
    }
    let _ = by_slug;
    out
}

fn near(r: &Related) -> String {
    match &r.near_duplicate {
        Some(nd) => format!("  near-duplicate ({}, {:.2})", nd.kind, nd.similarity),
        None => String::new(),
    }
}
