//! The annotations of one article compared between two revisions, and the
//! cross-references between passages of the whole dossier.
//!
//! Annotations are paired by their written `#id`, then by kind and passage,
//! then by kind and a similar passage, so an edited note is "changed"
//! rather than "removed + added" even when its generated id (`a3`) shifted.
//! An annotation is *broken* when the head has a new error inside it (an
//! unknown speaker, a `to=` whose passage is gone), or when the head no
//! longer finds it but still writes it: a standoff annotation whose quote
//! is no longer in the text (orphaned), or markup that no longer parses
//! (an error where the base had it). A broken annotation is reported as
//! such, and every other annotation of its article as usual.
//!
//! A cross-reference (`to=`, `rel=`) shows on two pages besides its own:
//! the passage it points at gets a backlink ("Contradicted by"), and the
//! pages of both articles' events list it ("Where the sources disagree"),
//! so those are reported with it.

use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::{Range, RangeInclusive};

use similar::{DiffOp, TextDiff};

use crate::annotate::{inverse_label, paragraphs_in, relation_label, Annotation, Paragraph};

use super::model::*;
use super::snapshot::{ArticleView, Flaw, Snapshot};

/// Characters of the paragraph shown on each side of an annotated passage.
const CONTEXT_CHARS: usize = 160;
/// Relations an event page lists under "Where the sources disagree"; the
/// others go under "Where they report the same thing".
const DISAGREE: [&str; 2] = ["contradicts", "corrects"];

/// `a1`, `m2`: ids the annotate stage generates; they shift when an annotation is inserted before.
pub(super) fn is_generated_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some('a' | 'm')) && chars.clone().next().is_some() && chars.all(|c| c.is_ascii_digit())
}

/// One side of the comparison, with its paragraphs made when first needed.
struct Side<'a> {
    view: &'a ArticleView,
    paragraphs: OnceCell<Vec<Paragraph>>,
}

impl<'a> Side<'a> {
    fn new(view: &'a ArticleView) -> Side<'a> {
        Side { view, paragraphs: OnceCell::new() }
    }

    /// The annotated passage in its paragraph, as readers see it.
    fn context(&self, a: &Annotation) -> Option<InContext> {
        let passage = a.passage.trim();
        if passage.is_empty() {
            return None;
        }
        let paragraphs = self.paragraphs.get_or_init(|| paragraphs_in(&self.view.file, self.view.body_start));
        let holding = || paragraphs.iter().filter(|p| p.text.contains(passage));
        // The paragraph it is written in (inline: at or before its line), else the first that holds it (standoff).
        let p = holding().rfind(|p| p.line <= a.line).or_else(|| holding().next())?;
        let at = p.text.find(passage)?;
        Some(InContext {
            line: p.line,
            before: tail(&p.text[..at], CONTEXT_CHARS),
            passage: passage.to_string(),
            after: head(&p.text[at + passage.len()..], CONTEXT_CHARS),
        })
    }

    /// Where an annotation of this side is written: its construct, or for a
    /// standoff annotation its whole `[[annotation]]` table.
    fn region(&self, a: &Annotation) -> Range<usize> {
        if a.standoff {
            if let Some(w) = self.view.standoff.iter().find(|w| w.span.contains(&a.span.start)) {
                return w.span.clone();
            }
        }
        a.span.clone()
    }

    fn line(&self, offset: usize) -> usize {
        self.view.file.line_col(offset).0
    }
}

/// The last `max` characters of `s`, from a word start, with "…" when cut.
fn tail(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max {
        return s.to_string();
    }
    let cut: String = s.chars().skip(n - max).collect();
    format!("…{}", cut.split_once(' ').map_or(cut.as_str(), |(_, rest)| rest))
}

/// The first `max` characters of `s`, to a word end, with "…" when cut.
fn head(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    format!("{}…", cut.rsplit_once(' ').map_or(cut.as_str(), |(keep, _)| keep))
}

/// The annotation changes of one article: `b` and `h` are its two
/// versions, `fresh` the head's errors the base did not have.
pub(super) fn compare(b: Option<&ArticleView>, h: Option<&ArticleView>, fresh: &[&Flaw]) -> Vec<AnnotationChange> {
    let (bs, hs) = (b.map(Side::new), h.map(Side::new));
    let mut changes = match (&bs, &hs) {
        (None, None) => Vec::new(),
        (Some(b), None) => b.view.annotations.iter().map(|a| change(Status::Removed, a, Vec::new(), Vec::new()).with(b.context(a), None)).collect(),
        // The head's file does not load: none of its annotations is shown, and its errors say why.
        (Some(b), Some(h)) if b.view.loaded && !h.view.loaded => {
            let errors: Vec<String> = fresh.iter().map(|f| f.shown.clone()).collect();
            b.view.annotations.iter().map(|a| change(Status::Broken, a, Vec::new(), errors.clone()).with(b.context(a), None)).collect()
        }
        (b, Some(h)) => compare_both(b.as_ref().filter(|b| b.view.loaded), h, fresh),
    };
    changes.sort_by(|a, b| a.line.cmp(&b.line).then(a.status.cmp(&b.status)).then(a.id.cmp(&b.id)));
    changes
}

fn compare_both(b: Option<&Side<'_>>, h: &Side<'_>, fresh: &[&Flaw]) -> Vec<AnnotationChange> {
    let old: &[Annotation] = b.map_or(&[], |b| &b.view.annotations);
    let new = &h.view.annotations;
    let (pairs, old_left, new_left) = pair(old, new);
    let errors_in = |r: &Range<usize>| -> Vec<String> {
        fresh.iter().filter(|f| f.span.as_ref().is_some_and(|s| r.contains(&s.start) || s.start == r.start)).map(|f| f.shown.clone()).collect()
    };
    let mut changes = Vec::new();
    for (i, j) in pairs {
        let (o, n) = (&old[i], &new[j]);
        let mut fields: Vec<FieldChange> = fields_of(o).into_iter().zip(fields_of(n)).filter_map(|((k, a), (_, b))| field(k, a, b)).collect();
        if o.id != n.id && !(is_generated_id(&o.id) && is_generated_id(&n.id)) {
            fields.insert(0, FieldChange { field: "id".into(), before: Some(o.id.clone()), after: Some(n.id.clone()) });
        }
        let errors = errors_in(&h.region(n));
        let status = if !errors.is_empty() {
            Status::Broken
        } else if !fields.is_empty() {
            Status::Changed
        } else {
            continue;
        };
        changes.push(change(status, n, fields, errors).with(b.and_then(|b| b.context(o)), h.context(n)));
    }
    for j in new_left {
        let n = &new[j];
        let errors = errors_in(&h.region(n));
        let status = if errors.is_empty() { Status::Added } else { Status::Broken };
        changes.push(change(status, n, Vec::new(), errors).with(None, h.context(n)));
    }
    let Some(b) = b else { return changes };
    // The base's annotations the head no longer finds: broken where the head
    // still writes them with an error, removed otherwise.
    let claimed: Vec<Range<usize>> = new.iter().map(|n| h.region(n)).collect();
    let unclaimed: Vec<(usize, &Flaw)> = fresh
        .iter()
        .filter_map(|f| {
            let at = f.span.as_ref()?.start;
            (!claimed.iter().any(|r| r.contains(&at))).then(|| (h.line(at), *f))
        })
        .collect();
    let lines = OnceCell::new();
    for i in old_left {
        let o = &old[i];
        let errors: Vec<String> = if o.standoff {
            // Orphaned: the head still has its [[annotation]] table.
            let written = b.view.standoff.iter().find(|w| w.span.contains(&o.span.start));
            let kept = written.and_then(|w| {
                h.view.standoff.iter().find(|x| match (&w.id, &x.id) {
                    (Some(a), Some(b)) => a == b,
                    _ => x.kind == w.kind && x.exact == w.exact,
                })
            });
            kept.map(|w| errors_in(&w.span)).unwrap_or_default()
        } else if unclaimed.is_empty() {
            Vec::new()
        } else {
            let lines = lines.get_or_init(|| LineMap::new(&b.view.file.text, &h.view.file.text));
            let region = lines.map(b.line(o.span.start)..=b.line(o.span.end.saturating_sub(1).max(o.span.start)));
            unclaimed.iter().filter(|(line, _)| region.contains(line)).map(|(_, f)| f.shown.clone()).collect()
        };
        let status = if errors.is_empty() { Status::Removed } else { Status::Broken };
        changes.push(change(status, o, Vec::new(), errors).with(b.context(o), None));
    }
    changes
}

/// Pair the annotations of two versions: (old, new) index pairs, and the
/// indexes left over on each side.
fn pair(old: &[Annotation], new: &[Annotation]) -> (Vec<(usize, usize)>, Vec<usize>, Vec<usize>) {
    let mut old_left: Vec<bool> = vec![true; old.len()];
    let mut new_left: Vec<bool> = vec![true; new.len()];
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    // 1. Written ids are stable.
    let by_id: BTreeMap<&str, usize> = old.iter().enumerate().map(|(i, o)| (o.id.as_str(), i)).collect();
    for (j, n) in new.iter().enumerate() {
        if is_generated_id(&n.id) {
            continue;
        }
        if let Some(&i) = by_id.get(n.id.as_str()) {
            if old_left[i] {
                old_left[i] = false;
                new_left[j] = false;
                pairs.push((i, j));
            }
        }
    }
    // 2. Same kind and passage; 3. same kind and a similar passage.
    for exact in [true, false] {
        let mut candidates: Vec<(u32, usize, usize)> = Vec::new();
        for (j, n) in new.iter().enumerate().filter(|(j, _)| new_left[*j]) {
            for (i, o) in old.iter().enumerate().filter(|(i, _)| old_left[*i]) {
                if o.kind != n.kind {
                    continue;
                }
                if exact {
                    if o.passage == n.passage {
                        candidates.push((0, i, j));
                    }
                } else {
                    let score = passage_similarity(&o.passage, &n.passage);
                    if score >= 0.5 {
                        candidates.push(((1000.0 - score * 1000.0) as u32, i, j));
                    }
                }
            }
        }
        candidates.sort();
        for (_, i, j) in candidates {
            if old_left[i] && new_left[j] {
                old_left[i] = false;
                new_left[j] = false;
                pairs.push((i, j));
            }
        }
    }
    let left = |flags: Vec<bool>| flags.into_iter().enumerate().filter(|(_, l)| *l).map(|(i, _)| i).collect();
    (pairs, left(old_left), left(new_left))
}

/// Similarity of two short passages by characters (0..1); long ones by words.
fn passage_similarity(a: &str, b: &str) -> f64 {
    if a.len() + b.len() > 4000 {
        return crate::text::word_similarity(a, b);
    }
    TextDiff::from_chars(a, b).ratio() as f64
}

/// Where a target points: `article` or `article#id`.
/// The relation as the build read it; none when it is missing or unknown
/// (the annotation's errors say which).
fn relation_of(a: &Annotation) -> Option<String> {
    a.target.as_ref().map(|t| t.relation.clone()).filter(|r| !r.is_empty())
}

fn target_of(a: &Annotation) -> Option<String> {
    a.target.as_ref().map(|t| format!("{}{}", t.article, t.anchor.as_ref().map(|x| format!("#{x}")).unwrap_or_default()))
}

/// Every field of an annotation a reader or a reviewer can see, as text.
fn fields_of(a: &Annotation) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("kind", Some(a.kind.name().to_string())),
        ("passage", Some(a.passage.clone())),
        ("by", a.by.clone()),
        ("sourcing", a.sourcing.clone()),
        ("confidence", a.confidence.clone()),
        ("about", (!a.about.is_empty()).then(|| a.about.join(" "))),
        ("note", a.note.clone()),
        ("to", target_of(a)),
        ("rel", relation_of(a)),
        ("anchored", Some(if a.standoff { "standoff" } else { "inline" }.to_string())),
    ]
}

fn change(status: Status, a: &Annotation, fields: Vec<FieldChange>, errors: Vec<String>) -> AnnotationChange {
    AnnotationChange {
        status,
        id: a.id.clone(),
        kind: a.kind.name().to_string(),
        line: a.line,
        passage: a.passage.clone(),
        by: a.by.clone(),
        sourcing: a.sourcing.clone(),
        confidence: a.confidence.clone(),
        about: a.about.clone(),
        note: a.note.clone(),
        to: target_of(a),
        rel: relation_of(a),
        standoff: a.standoff,
        fields,
        errors,
        was: None,
        now: None,
    }
}

impl AnnotationChange {
    fn with(mut self, was: Option<InContext>, now: Option<InContext>) -> AnnotationChange {
        self.was = was;
        self.now = now;
        self
    }
}

/// Lines of the base file to lines of the head file, by a line diff: an
/// unchanged line to itself, a changed one to the lines that replaced it.
struct LineMap {
    ops: Vec<DiffOp>,
}

impl LineMap {
    fn new(old: &str, new: &str) -> LineMap {
        LineMap { ops: TextDiff::from_lines(old, new).ops().to_vec() }
    }

    /// The head lines (1-based) that base lines `lines` (1-based) became.
    fn map(&self, lines: RangeInclusive<usize>) -> RangeInclusive<usize> {
        let one = |line: usize| -> (usize, usize) {
            let x = line.saturating_sub(1);
            for op in &self.ops {
                let (old, new) = (op.old_range(), op.new_range());
                if old.contains(&x) {
                    return match op {
                        DiffOp::Equal { .. } => (new.start + (x - old.start) + 1, new.start + (x - old.start) + 1),
                        _ => (new.start + 1, new.end.max(new.start + 1)),
                    };
                }
            }
            (line, line)
        };
        let (first, last) = (one(*lines.start()), one(*lines.end()));
        first.0.min(last.0)..=first.1.max(last.1)
    }
}

/// The cross-references of one revision, keyed by what does not shift
/// when annotations are added before them (slugs as in the head, the
/// pointing annotation's written id or else its passage, target, relation).
pub(super) struct CrossRefs {
    refs: BTreeMap<(String, String, String, String), Ref>,
}

struct Ref {
    /// `article#id` of the pointing annotation.
    from: String,
    /// Known events of either article.
    events: BTreeSet<String>,
}

impl CrossRefs {
    /// The references of `snap` whose target exists, as the link stage
    /// resolves them (also from an article with a broken annotation, whose
    /// other references stand); slugs renamed by `head_slug_of`.
    pub(super) fn of(snap: &Snapshot, head_slug_of: &BTreeMap<&str, &str>) -> CrossRefs {
        let rename = |s: &str| head_slug_of.get(s).map_or(s, |h| h).to_string();
        let mut refs = BTreeMap::new();
        for (slug, view) in snap.articles.iter().filter(|(_, v)| v.loaded) {
            for a in &view.annotations {
                // No relation (missing or unknown) is an error, not a reference: the annotation is broken.
                let Some(t) = a.target.as_ref().filter(|t| !t.relation.is_empty()) else { continue };
                let Some(target) = snap.articles.get(&t.article).filter(|v| v.loaded) else { continue };
                if let Some(anchor) = &t.anchor {
                    if !target.annotations.iter().any(|x| &x.id == anchor) || (&t.article == slug && anchor == &a.id) {
                        continue;
                    }
                }
                let to = format!("{}{}", rename(&t.article), t.anchor.as_ref().map(|x| format!("#{x}")).unwrap_or_default());
                let from_key = if is_generated_id(&a.id) { format!("“{}”", a.passage) } else { a.id.clone() };
                let events = view.events.iter().chain(&target.events).cloned().collect();
                refs.insert((rename(slug), from_key, to, t.relation.clone()), Ref { from: format!("{}#{}", rename(slug), a.id), events });
            }
        }
        CrossRefs { refs }
    }

    /// Per event, the references its page lists under "Where the sources
    /// disagree", each as `from relation to`.
    pub(super) fn disagreements(&self) -> BTreeMap<&str, BTreeSet<String>> {
        let mut out: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        for ((.., to, relation), r) in &self.refs {
            if DISAGREE.contains(&relation.as_str()) {
                for e in &r.events {
                    out.entry(e.as_str()).or_default().insert(format!("{} {relation} {to}", r.from));
                }
            }
        }
        out
    }
}

/// The cross-references the head makes and undoes, with the backlink each
/// puts on (or takes off) the passage it points at, and the event pages
/// that list it.
pub(super) fn cross_ref_changes(base: &CrossRefs, head: &CrossRefs) -> Vec<CrossRefChange> {
    let mut out = Vec::new();
    for (status, from, other) in [(Status::Removed, base, head), (Status::Added, head, base)] {
        for ((_, _, to, relation), r) in from.refs.iter().filter(|(k, _)| !other.refs.contains_key(*k)) {
            out.push(CrossRefChange {
                status,
                from: r.from.clone(),
                to: to.clone(),
                relation: relation.clone(),
                label: relation_label(relation).to_string(),
                backlink: inverse_label(relation).to_string(),
                event_section: if DISAGREE.contains(&relation.as_str()) { "Where the sources disagree" } else { "Where they report the same thing" }
                    .to_string(),
                events: r.events.iter().cloned().collect(),
            });
        }
    }
    out.sort_by(|a, b| (&a.from, &a.to, a.status).cmp(&(&b.from, &b.to, b.status)));
    out
}
