//! `dossier suggest`'s output: a readable report, or JSON for tools.
//!
//! Both list the articles in slug order and everything inside them in a fixed
//! order (scores descending, then slugs), so the same dossier always gives
//! the same bytes.

use std::fmt::Write;

use super::{Evidence, Status, SuggestedLinks, Suggestions};

/// The suggestions as JSON (pretty-printed, ends with a newline).
pub fn json(s: &Suggestions) -> String {
    let mut out = serde_json::to_string_pretty(s).expect("suggestions serialise");
    out.push('\n');
    out
}

fn evidence_line(e: &Evidence) -> String {
    let mut parts = Vec::new();
    let list = |label: &str, items: &[String], parts: &mut Vec<String>| {
        if !items.is_empty() {
            parts.push(format!("{label}: {}", items.join(", ")));
        }
    };
    list("actors", &e.actors, &mut parts);
    list("places", &e.places, &mut parts);
    list("names", &e.names, &mut parts);
    list("figures", &e.figures, &mut parts);
    list("terms", &e.terms, &mut parts);
    parts.push(match e.days_apart {
        Some(0) => "same day".to_string(),
        Some(d) => format!("{d} day(s) apart"),
        None => "day unknown".to_string(),
    });
    parts.push(format!("text {:.2}", e.text_similarity));
    parts.join("; ")
}

fn article(out: &mut String, a: &SuggestedLinks) {
    let _ = writeln!(out, "{} ({}; about {})", a.slug, a.date.as_deref().unwrap_or("undated"), a.day.as_deref().unwrap_or("an unknown day"));
    for e in &a.events {
        let status = match e.status {
            Status::Declared => "declared ",
            Status::Suggested => "suggested",
            Status::New => "new      ",
        };
        let score = e.score.map(|s| format!("{s:.2}")).unwrap_or_else(|| "    ".into());
        let _ = writeln!(out, "  event   {status} {score}  {}  ({})", e.id, e.reason);
    }
    for r in &a.related {
        let tag = match (&r.near_duplicate, r.declared) {
            (Some(nd), _) => format!("near-duplicate ({}, similarity {:.2})", nd.kind, nd.similarity),
            (None, true) => "same event (declared)".into(),
            (None, false) => "same event (suggested)".into(),
        };
        let _ = writeln!(out, "  article {:.2}  {}  {tag}", r.score, r.slug);
        let _ = writeln!(out, "          {}", evidence_line(&r.evidence));
    }
    for p in &a.passages {
        let what = match &p.figure {
            Some(f) => format!("figure {f}"),
            None => format!("quote ({:.0}% of words shared)", p.similarity * 100.0),
        };
        let _ = writeln!(out, "  passage {what} in {}\n          here:  “{}”\n          there: “{}”", p.other, clip(&p.here), clip(&p.there));
    }
}

fn clip(s: &str) -> String {
    if s.chars().count() <= 160 {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(159).collect::<String>())
    }
}

/// The suggestions as a report: articles with something to say, then new
/// events, then a one-line summary.
pub fn text(s: &Suggestions) -> String {
    let mut out = String::new();
    for a in s.articles.iter().filter(|a| !a.related.is_empty() || a.events.iter().any(|e| e.status != Status::Declared)) {
        article(&mut out, a);
        out.push('\n');
    }
    for e in &s.new_events {
        let _ = writeln!(out, "new event {} ({}): {}\n  articles: {}", e.id, e.date.as_deref().unwrap_or("undated"), e.title, e.articles.join(", "));
    }
    let links: usize = s.articles.iter().map(|a| a.related.len()).sum();
    let suggested: usize = s.articles.iter().map(|a| a.events.iter().filter(|e| e.status != Status::Declared).count()).sum();
    let dups: usize = s.articles.iter().map(|a| a.related.iter().filter(|r| r.near_duplicate.is_some()).count()).sum::<usize>() / 2;
    let _ = writeln!(
        out,
        "link: {} articles, {links} related-article link(s), {dups} near-duplicate pair(s), {suggested} event link(s) to add, {} new event(s) (min score {:.2})",
        s.articles.len(),
        s.new_events.len(),
        s.min_score
    );
    out
}
