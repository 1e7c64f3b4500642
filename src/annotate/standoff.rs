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

use super::annotation::CONTEXT_CHARS;
use super::markup::{marker, Insert, Marked, Written};
use crate::diagnostics::{Diagnostic, FileText};
use crate::load::StandoffAnnotation;

/// The text of a body as readers see it (inline annotation markup left
/// out, so a quote is never found inside an attribute and may span an
/// annotation's edge), with each byte's position in the Markdown.
///
/// The positions are kept as runs, not per byte: a run of text copied
/// verbatim from the body maps byte for byte, anything else (escapes,
/// entities, breaks, paragraph ends) maps every byte to one position. A
/// table per byte would be eight times the article's size for the few
/// ranges ever looked up.
struct PlainText {
    text: String,
    /// (start in `text`, position in `marked`, whether the run is verbatim), by start.
    runs: Vec<(usize, usize, bool)>,
    /// The body with inline annotation delimiters as markers, which maps back to the body.
    marked: Marked,
}

impl PlainText {
    fn of(body: &str) -> PlainText {
        let (marked, _) = super::markup::mark(body, 0, Vec::new());
        let mut text = String::with_capacity(body.len());
        let mut runs = Vec::new();
        for (event, range) in Parser::new_ext(&marked.text, super::markup::options()).into_offset_iter() {
            match event {
                Event::Text(t) | Event::Code(t) => {
                    let verbatim = marked.text.get(range.clone()) == Some(&*t);
                    // A marker (an annotation's delimiter) splits the text into runs.
                    let mut from = 0;
                    for (i, c) in t.char_indices().filter(|&(_, c)| marker(c).is_some()).chain(std::iter::once((t.len(), ' '))) {
                        if i > from {
                            runs.push((text.len(), if verbatim { range.start + from } else { range.start }, verbatim));
                            text.push_str(&t[from..i]);
                        }
                        from = i + c.len_utf8();
                    }
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
        PlainText { text, runs, marked }
    }

    /// Position in the marked body behind byte `i` of the plain text.
    fn marked_origin(&self, i: usize) -> usize {
        let run = self.runs.partition_point(|&(start, ..)| start <= i) - 1;
        let (start, at, verbatim) = self.runs[run];
        if verbatim {
            at + (i - start)
        } else {
            at
        }
    }

    /// Body position behind byte `i` of the plain text.
    fn origin(&self, i: usize) -> usize {
        self.marked.body_offset(self.marked_origin(i))
    }

    /// Body range behind plain range `start..end`.
    fn body_range(&self, start: usize, end: usize) -> Range<usize> {
        if start == end {
            let at = self.point(start);
            return at..at;
        }
        let s = self.origin(start);
        let last = self.origin(end - 1);
        s..last + 1
    }

    /// Body position of the point before byte `i` of the plain text: just
    /// after the character before it when that was copied verbatim (a note
    /// at the end of a sentence stays there), else where `i` comes from.
    fn point(&self, i: usize) -> usize {
        if let Some(c) = self.text[..i].chars().next_back() {
            let before = i - c.len_utf8();
            let run = self.runs.partition_point(|&(start, ..)| start <= before) - 1;
            if self.runs[run].2 {
                let mut at = self.marked_origin(before) + c.len_utf8();
                // At a paragraph's end, after the spaces Markdown dropped (where
                // `text. {>>comment<<}` puts its comment).
                if self.text[i..].starts_with('\n') {
                    at += self.marked.text[at..].len() - self.marked.text[at..].trim_start_matches([' ', '\t']).len();
                }
                return self.marked.body_offset(at);
            }
        }
        self.origin(i)
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

/// Where a quote was found in the rendered text, by [`locate`].
enum Located {
    /// Once (or told apart from its repeats by prefix and suffix).
    Exact(Range<usize>),
    /// Not word for word: the closest passage and how many edits away.
    Moved(Range<usize>, u32),
    /// Several times, with nothing to choose between them.
    Ambiguous(usize),
    Orphaned,
    /// Not word for word, and the article's budget for approximate search
    /// is spent (see [`crate::limits::MAX_FUZZY_CELLS_PER_ARTICLE`]).
    OverBudget,
}

/// Find a quote as the build anchors a standoff annotation: the exact text
/// first, its context deciding between repeats; failing that, the closest
/// passage within about one edit in four characters, never a guess between
/// equally good ones. An empty quote marks a point (a comment between two
/// words), found by its prefix and suffix, which must be there as written.
fn locate(text: &str, exact: &str, prefix: &str, suffix: &str, fuzzy_budget: &mut u64) -> Located {
    if exact.trim().is_empty() {
        let mut points: Vec<usize> = text.match_indices(&format!("{prefix}{suffix}")).map(|(i, _)| i + prefix.len()).collect();
        if points.is_empty() {
            // Spaces at a paragraph's edge are not in the text (Markdown
            // drops them): allow any between the prefix and the suffix.
            let (before, after) = (prefix.trim_end_matches([' ', '\t']), suffix.trim_start_matches([' ', '\t']));
            let needle = if before.is_empty() { after } else { before };
            points = text
                .match_indices(needle)
                .map(|(i, _)| if before.is_empty() { i } else { i + before.len() })
                .filter(|&at| text[..at].trim_end_matches([' ', '\t']).ends_with(before) && text[at..].trim_start_matches([' ', '\t']).starts_with(after))
                .collect();
        }
        return match points.as_slice() {
            [] => Located::Orphaned,
            [one] => Located::Exact(*one..*one),
            several => Located::Ambiguous(several.len()),
        };
    }
    let candidates: Vec<Range<usize>> = text.match_indices(exact).map(|(i, m)| i..i + m.len()).collect();
    match candidates.len() {
        1 => Located::Exact(candidates[0].clone()),
        0 => {
            // Approximate search costs the text's length times the quote's.
            let cost = text.len() as u64 * exact.len() as u64;
            if cost > *fuzzy_budget {
                return Located::OverBudget;
            }
            *fuzzy_budget -= cost;
            match fuzzy(text, exact, prefix, suffix) {
                Some((range, edits)) => Located::Moved(range, edits),
                None => Located::Orphaned,
            }
        }
        n => {
            let mut scored: Vec<(f64, Range<usize>)> = candidates.iter().map(|r| (context_score(text, r.clone(), prefix, suffix), r.clone())).collect();
            scored.sort_by(|x, y| y.0.total_cmp(&x.0));
            if scored[0].0 > scored[1].0 {
                Located::Exact(scored[0].1.clone())
            } else {
                Located::Ambiguous(n)
            }
        }
    }
}

/// The text just before and just after `range` of `text`, at most
/// [`CONTEXT_CHARS`] characters each, across paragraphs (a passage that is a
/// whole paragraph is told apart by its neighbours); white space at the
/// edges of the passage belongs to its context, as the passage itself is
/// trimmed.
pub(super) fn context_around(text: &str, range: Range<usize>) -> (&str, &str) {
    let passage = &text[range.clone()];
    let (lead, trail) = if passage.trim().is_empty() { (0, 0) } else { (passage.len() - passage.trim_start().len(), passage.len() - passage.trim_end().len()) };
    let before = &text[..range.start + lead];
    let after = &text[range.end - trail..];
    let from = before.char_indices().rev().nth(CONTEXT_CHARS - 1).map_or(0, |(i, _)| i);
    let to = after.char_indices().nth(CONTEXT_CHARS).map_or(after.len(), |(i, _)| i);
    (&before[from..], &after[..to])
}

/// An article body's text as readers see it, to look for quotes in the way
/// the build anchors standoff annotations (`dossier import-annotations`
/// anchors what it imports with it, so what it writes anchors in the build).
pub struct Quotes {
    plain: PlainText,
    /// What approximate search may still cost in this article (as the build's anchoring).
    fuzzy_budget: std::cell::Cell<u64>,
}

/// A passage of an article's text, with its context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    pub text: String,
    pub prefix: String,
    pub suffix: String,
}

/// What became of a quote looked for with [`Quotes::find`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// The quote is there (once, or told apart from its repeats by its context).
    Exact(Passage),
    /// Not word for word: the closest passage, `edits` edits away.
    Moved { passage: Passage, edits: u32 },
    /// There `count` times, with no context to tell them apart.
    Ambiguous { count: usize },
    /// Not there, nor anything close enough (or the quote is empty).
    Orphaned,
}

impl Quotes {
    /// The text of a Markdown article body.
    pub fn of(body: &str) -> Quotes {
        Quotes { plain: PlainText::of(&super::markup::defuse(body)), fuzzy_budget: std::cell::Cell::new(crate::limits::MAX_FUZZY_CELLS_PER_ARTICLE) }
    }

    /// Look for a quote; an empty one is a point between `prefix` and
    /// `suffix` (nothing when both are empty too).
    pub fn find(&self, exact: &str, prefix: &str, suffix: &str) -> Found {
        if exact.trim().is_empty() && prefix.is_empty() && suffix.is_empty() {
            return Found::Orphaned;
        }
        let text = &self.plain.text;
        let passage = |r: Range<usize>| {
            let (prefix, suffix) = context_around(text, r.clone());
            Passage { text: text[r].to_string(), prefix: prefix.to_string(), suffix: suffix.to_string() }
        };
        let mut budget = self.fuzzy_budget.get();
        let located = locate(text, exact, prefix, suffix, &mut budget);
        self.fuzzy_budget.set(budget);
        match located {
            Located::Exact(r) => Found::Exact(passage(r)),
            Located::Moved(r, edits) => Found::Moved { passage: passage(r), edits },
            Located::Ambiguous(count) => Found::Ambiguous { count },
            Located::Orphaned | Located::OverBudget => Found::Orphaned,
        }
    }
}

/// Whether `s` is an absolute IRI as the W3C export writes one (`via`).
fn is_absolute_iri(s: &str) -> bool {
    !s.chars().any(|c| c.is_whitespace() || c.is_control() || "\"<>{}|\\^`".contains(c)) && url::Url::parse(s).is_ok()
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
    // Approximate search costs the article's length times the quote's: a
    // budget per article, so many long unanchorable quotes cannot stall the build.
    let mut fuzzy_budget = crate::limits::MAX_FUZZY_CELLS_PER_ARTICLE;
    for a in annotations {
        let exact = a.exact.get_ref();
        let quote: String = crate::text::clean_line(exact).chars().take(60).collect();
        if exact.trim().is_empty() && a.prefix.is_empty() && a.suffix.is_empty() {
            diags.push(
                Diagnostic::error_at(file, a.exact.span(), "`exact` is empty")
                    .with_hint("quote the passage the annotation is about (or, for a note between two words, give the text before it as `prefix`)"),
            );
            continue;
        }
        if let Some(via) = a.via.as_ref().filter(|v| !is_absolute_iri(v.get_ref())) {
            diags.push(
                Diagnostic::error_at(file, via.span(), "`via` is not an absolute IRI")
                    .with_hint("`via` is the id of the annotation this one was imported from, e.g. https://hypothes.is/a/..."),
            );
            continue;
        }
        let chosen = match locate(&plain.text, exact, &a.prefix, &a.suffix, &mut fuzzy_budget) {
            Located::Exact(range) => range,
            Located::Moved(range, edits) => {
                diags.push(
                    Diagnostic::warning_at(
                        file,
                        a.exact.span(),
                        format!(
                            "annotation re-anchored with {edits} edit(s): \"{quote}\" now reads \"{}\"",
                            crate::text::clean_line(&plain.text[range.clone()])
                        ),
                    )
                    .with_hint("update `exact` to the article's current wording"),
                );
                range
            }
            Located::OverBudget => {
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
            Located::Orphaned => {
                diags.push(
                    Diagnostic::error_at(file, a.exact.span(), format!("orphaned annotation: \"{quote}\" is no longer in the article"))
                        .with_hint("the text changed; update `exact` (and prefix/suffix) or remove the annotation"),
                );
                continue;
            }
            Located::Ambiguous(count) => {
                diags.push(
                    Diagnostic::error_at(file, a.exact.span(), format!("ambiguous annotation: \"{quote}\" occurs {count} times"))
                        .with_hint("add a `prefix` or `suffix` (the text just before or after) that tells the occurrences apart"),
                );
                continue;
            }
        };
        let body_range = plain.body_range(chosen.start, chosen.end);
        let decl = a.kind.span();
        let mut written = Written {
            span: decl.clone(),
            classes: vec![(a.kind.get_ref().clone(), a.kind.span())],
            standoff: true,
            via: a.via.as_ref().map(|v| v.get_ref().clone()),
            ..Written::default()
        };
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
        let r = text.ceil_char_boundary(m.start)..text.ceil_char_boundary(m.end);
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
    fn quotes_are_found_in_the_text_readers_see_not_in_the_markup() {
        let body = "He called it \"[constructive]{.quote #constructive by=x}\" and {==left==}{>>n<<}.";
        let quotes = Quotes::of(body);
        // Once, in the text: the id `#constructive` is markup, not text.
        assert!(matches!(quotes.find("constructive", "", ""), Found::Exact(_)));
        // Across an annotation's edges.
        let Found::Exact(p) = quotes.find("it \"constructive\" and left", "", "") else { panic!() };
        assert_eq!((p.prefix.as_str(), p.suffix.as_str()), ("He called ", ".\n"));
        let plain = PlainText::of(body);
        let at = plain.text.find("constructive").unwrap();
        assert_eq!(&body[plain.body_range(at, at + "constructive".len())], "constructive");
        let at = plain.text.find("left").unwrap();
        assert_eq!(plain.body_range(at + 4, at + 4), body.find("==}").unwrap()..body.find("==}").unwrap());
    }

    #[test]
    fn a_point_at_a_paragraphs_end_is_found_though_markdown_drops_the_space_before_it() {
        // Exported from `to engage. {>>which draft?<<}`, imported where the comment is gone.
        let body = "Moscow to engage. \n\nAgain, Moscow to engage in talks.\n";
        let plain = PlainText::of(body);
        let Located::Exact(at) = locate(&plain.text, "", "to engage. ", "\n", &mut { u64::MAX }) else { panic!("{:?}", plain.text) };
        assert_eq!(plain.body_range(at.start, at.end), 18..18, "after the space, where the comment was");
        // Without the line break, the prefix alone is ambiguous.
        assert!(matches!(locate(&plain.text, "", "to engage", "", &mut { u64::MAX }), Located::Ambiguous(2)));
    }

    #[test]
    fn fuzzy_finds_a_lightly_edited_quote_and_refuses_ties() {
        let text = "Trump said the talks went very well on Sunday.";
        let (r, k) = fuzzy(text, "the talks went really well", "", "").unwrap();
        assert!(k >= 1 && text[r].contains("talks went"));
        assert!(fuzzy("abcdefghij xx abcdefghij", "abcdefghiX", "", "").is_none());
    }
}
