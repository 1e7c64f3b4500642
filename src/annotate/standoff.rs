//! Standoff annotations: passages chosen by a W3C TextQuoteSelector (exact
//! text, with some text before and after) instead of markup in the body.
//!
//! Anchoring follows the approach Hypothesis documents: look for the exact
//! quote in the rendered text; if it occurs more than once, the prefix and
//! suffix decide; if it no longer occurs, allow a few edits (the article was
//! touched up) and report the re-anchoring; if nothing is close enough, the
//! annotation is *orphaned*, an error naming the quote, never dropped silently.
//! The anchored passage is handed to `markup.rs` as if it had been written
//! inline, so it renders exactly like any other annotation.

use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{Event, Parser, TagEnd};
use triple_accel::levenshtein::{levenshtein_search_simd_with_opts, LEVENSHTEIN_COSTS};
use triple_accel::SearchType;

use super::markup::{Insert, Written};
use crate::diagnostics::{Diagnostic, FileText};
use crate::load::StandoffAnnotation;

/// The rendered text of a body, with each byte's position in the Markdown.
///
/// The positions are kept as runs, not per byte: a run of text copied
/// verbatim from the body maps byte for byte, anything else (escapes,
/// entities, breaks, paragraph ends) maps every byte to one position. A
/// table per byte would be eight times the article's size for the few
/// ranges ever looked up.
struct PlainText {
    text: String,
    /// (start in `text`, position in the body, whether the run is verbatim), by start.
    runs: Vec<(usize, usize, bool)>,
}

impl PlainText {
    fn of(body: &str) -> PlainText {
        let mut text = String::with_capacity(body.len());
        let mut runs = Vec::new();
        for (event, range) in Parser::new_ext(body, super::markup::options()).into_offset_iter() {
            match event {
                Event::Text(t) | Event::Code(t) => {
                    if !t.is_empty() {
                        runs.push((text.len(), range.start, body.get(range.clone()) == Some(&*t)));
                    }
                    text.push_str(&t);
                }
                Event::SoftBreak | Event::HardBreak => {
                    runs.push((text.len(), range.start, false));
                    text.push(' ');
                }
                Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell) => {
                    runs.push((text.len(), range.end.saturating_sub(1), false));
                    text.push('\n');
                }
                _ => {}
            }
        }
        PlainText { text, runs }
    }

    /// Body position behind byte `i` of the plain text.
    fn origin(&self, i: usize) -> usize {
        let run = self.runs.partition_point(|&(start, ..)| start <= i) - 1;
        let (start, at, verbatim) = self.runs[run];
        if verbatim {
            at + (i - start)
        } else {
            at
        }
    }

    /// Body range behind plain range `start..end`.
    fn body_range(&self, start: usize, end: usize) -> Range<usize> {
        let s = self.origin(start);
        let last = self.origin(end - 1);
        s..last + 1
    }
}

/// How well the text around a candidate agrees with prefix and suffix (0..=1).
fn context_score(text: &str, at: Range<usize>, prefix: &str, suffix: &str) -> f64 {
    let before: Vec<char> = text[..at.start].chars().rev().take(prefix.chars().count()).collect();
    let after: Vec<char> = text[at.end..].chars().take(suffix.chars().count()).collect();
    let p = prefix.chars().rev().zip(before.iter()).take_while(|(a, b)| a == *b).count();
    let s = suffix.chars().zip(after.iter()).take_while(|(a, b)| a == *b).count();
    let total = prefix.chars().count() + suffix.chars().count();
    if total == 0 {
        0.0
    } else {
        (p + s) as f64 / total as f64
    }
}

fn round_to_boundary(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i.min(text.len())
}

/// Anchor every standoff annotation. Returns the insertions for those that
/// anchored and a diagnostic for each that did not (or moved).
pub(super) fn anchor(body: &str, annotations: &[StandoffAnnotation], file: &Arc<FileText>) -> (Vec<Insert>, Vec<Diagnostic>) {
    let mut inserts = Vec::new();
    let mut diags = Vec::new();
    if annotations.is_empty() {
        return (inserts, diags);
    }
    let plain = PlainText::of(body);
    let body_start = file.text.len() - body.len().min(file.text.len());
    // Approximate search costs the article's length times the quote's: a
    // budget per article, so many long unanchorable quotes cannot stall the build.
    let mut fuzzy_budget = crate::limits::MAX_FUZZY_CELLS_PER_ARTICLE;
    for a in annotations {
        let exact = a.exact.get_ref();
        let quote: String = crate::text::clean_line(exact).chars().take(60).collect();
        if exact.trim().is_empty() {
            diags.push(Diagnostic::error_at(file, a.exact.span(), "`exact` is empty").with_hint("quote the passage the annotation is about"));
            continue;
        }
        let candidates: Vec<Range<usize>> = plain.text.match_indices(exact.as_str()).map(|(i, m)| i..i + m.len()).collect();
        let chosen = match candidates.len() {
            1 => Some(candidates[0].clone()),
            0 => {
                let cost = plain.text.len() as u64 * exact.len() as u64;
                if cost > fuzzy_budget {
                    diags.push(
                        Diagnostic::error_at(
                            file,
                            a.exact.span(),
                            format!("orphaned annotation: \"{quote}\" is not in the article, and too many quotes had to be searched for approximately"),
                        )
                        .with_hint("copy `exact` from the article's current text; each article may have only so many quotes that need an approximate search"),
                    );
                    continue;
                }
                fuzzy_budget -= cost;
                let found = fuzzy(&plain.text, exact, &a.prefix, &a.suffix);
                match &found {
                    Some((range, edits)) => diags.push(
                        Diagnostic::warning_at(
                            file,
                            a.exact.span(),
                            format!(
                                "annotation re-anchored with {edits} edit(s): \"{quote}\" now reads \"{}\"",
                                crate::text::clean_line(&plain.text[range.clone()])
                            ),
                        )
                        .with_hint("update `exact` to the article's current wording"),
                    ),
                    None => diags.push(
                        Diagnostic::error_at(file, a.exact.span(), format!("orphaned annotation: \"{quote}\" is no longer in the article"))
                            .with_hint("the text changed; update `exact` (and prefix/suffix) or remove the annotation"),
                    ),
                }
                found.map(|(r, _)| r)
            }
            _ => {
                let mut scored: Vec<(f64, Range<usize>)> =
                    candidates.iter().map(|r| (context_score(&plain.text, r.clone(), &a.prefix, &a.suffix), r.clone())).collect();
                scored.sort_by(|x, y| y.0.total_cmp(&x.0));
                if scored[0].0 > scored[1].0 {
                    Some(scored[0].1.clone())
                } else {
                    diags.push(
                        Diagnostic::error_at(file, a.exact.span(), format!("ambiguous annotation: \"{quote}\" occurs {} times", candidates.len()))
                            .with_hint("add a `prefix` or `suffix` (the text just before or after) that tells the occurrences apart"),
                    );
                    None
                }
            }
        };
        let Some(range) = chosen else { continue };
        let body_range = plain.body_range(range.start, range.end);
        let decl = a.kind.span();
        let mut written = Written { span: decl.clone(), classes: vec![(a.kind.get_ref().clone(), a.kind.span())], standoff: true, ..Written::default() };
        if let Some(id) = &a.id {
            written.id = Some((id.get_ref().clone(), id.span()));
        }
        for (key, value) in
            [("by", &a.by), ("sourcing", &a.sourcing), ("confidence", &a.confidence), ("about", &a.about), ("note", &a.note), ("to", &a.to), ("rel", &a.rel)]
        {
            if let Some(v) = value {
                written.attrs.push((key.to_string(), v.get_ref().clone(), v.span()));
            }
        }
        let _ = body_start;
        inserts.push(Insert { start: body_range.start, end: body_range.end, written });
    }
    (inserts, diags)
}

/// The closest approximate occurrence of `exact`, allowing about one edit in
/// four characters; ties are broken by prefix and suffix, and a tie that
/// remains is no match (never guess).
fn fuzzy(text: &str, exact: &str, prefix: &str, suffix: &str) -> Option<(Range<usize>, u32)> {
    if exact.len() < 10 || exact.len() > 2000 {
        return None;
    }
    let k = (exact.chars().count() / 4).max(1) as u32;
    let matches: Vec<_> = levenshtein_search_simd_with_opts(exact.as_bytes(), text.as_bytes(), k, SearchType::Best, LEVENSHTEIN_COSTS, false).collect();
    let mut best: Vec<(f64, Range<usize>, u32)> = Vec::new();
    for m in matches {
        let r = round_to_boundary(text, m.start)..round_to_boundary(text, m.end);
        if r.is_empty() || best.iter().any(|(_, b, _)| b.start < r.end && r.start < b.end) {
            continue;
        }
        best.push((context_score(text, r.clone(), prefix, suffix), r, m.k));
    }
    best.sort_by(|x, y| x.2.cmp(&y.2).then(y.0.total_cmp(&x.0)));
    match best.as_slice() {
        [] => None,
        [only] => Some((only.1.clone(), only.2)),
        [first, second, ..] if first.2 < second.2 || first.0 > second.0 => Some((first.1.clone(), first.2)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_maps_back_through_markup() {
        let body = "He *said* it was [fine](https://x.org).\n\nNext.";
        let plain = PlainText::of(body);
        assert_eq!(plain.text, "He said it was fine.\nNext.\n");
        let at = plain.text.find("said it").unwrap();
        let r = plain.body_range(at, at + "said it".len());
        assert_eq!(&body[r], "said* it");
    }

    #[test]
    fn fuzzy_finds_a_lightly_edited_quote_and_refuses_ties() {
        let text = "Trump said the talks went very well on Sunday.";
        let (r, k) = fuzzy(text, "the talks went really well", "", "").unwrap();
        assert!(k >= 1 && text[r].contains("talks went"));
        assert!(fuzzy("abcdefghij xx abcdefghij", "abcdefghiX", "", "").is_none());
    }
}
