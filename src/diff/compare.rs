//! Compare two loaded revisions ([`Snapshot`]s) into a [`DossierDiff`].
//!
//! Articles are paired by slug; the ones left over on each side are paired
//! as renames when git says so, when they name the same `source =` file, or
//! when most of their words are shared. Annotations are paired by their
//! written `#id`, then by kind and passage, then by kind and a similar
//! passage, so an edited note is "changed" rather than "removed + added"
//! even when its generated id (`a3`) shifted.

use std::collections::{BTreeMap, BTreeSet};

use similar::{ChangeTag, TextDiff};

use crate::annotate::Annotation;
use crate::load::{Actor, Event};
use crate::text::fold;
use crate::urls::Page;

use super::model::*;
use super::snapshot::{file_notes, ArticleView, Snapshot};

/// Past this many bytes of text on both sides together, the body diff is
/// computed on lines instead of words, so a rewritten long article cannot
/// make the diff quadratic.
const WORD_DIFF_MAX_BYTES: usize = 256 * 1024;
/// Tokens of unchanged context kept around a change (words and spaces count one each).
const CONTEXT_TOKENS: usize = 8;
/// Share of words two files must have in common to be taken for one renamed article.
const RENAME_SIMILARITY: f64 = 0.5;
/// Rename guessing by text compares every removed article with every added one; past this many pairs it is skipped.
const MAX_RENAME_PAIRS: usize = 10_000;

/// An article in the base, in the head, or both.
struct Pair<'a> {
    base: Option<(&'a str, &'a ArticleView)>,
    head: Option<(&'a str, &'a ArticleView)>,
    rename: Option<RenameEvidence>,
}

pub(crate) fn compare(base: &Snapshot, head: &Snapshot, git_renames: &[(String, String)], base_rev: Revision, head_rev: Revision) -> DossierDiff {
    let pairs = pair_articles(base, head, git_renames);
    // Base slug -> head slug, so that renames do not read as membership changes.
    let head_slug_of: BTreeMap<&str, &str> = pairs.iter().filter_map(|p| Some((p.base?.0, p.head.map_or(p.base?.0, |h| h.0)))).collect();

    let mut articles: Vec<ArticleChange> = pairs.iter().filter_map(article_change).collect();
    articles.sort_by(|a, b| a.slug.cmp(&b.slug).then(a.status.cmp(&b.status)));

    let mentions = mention_changes(&pairs, base, head);
    let actors = actor_changes(base, head, &mentions);
    let events = event_changes(base, head, &head_slug_of);

    let key = |p: &Problem| (p.path.clone(), p.severity.clone(), p.message.clone());
    let base_keys: BTreeSet<_> = base.problems.iter().map(key).collect();
    let head_keys: BTreeSet<_> = head.problems.iter().map(key).collect();
    let mut new_problems: Vec<Problem> = head.problems.iter().filter(|p| !base_keys.contains(&key(p))).cloned().collect();
    let mut fixed_problems: Vec<Problem> = base.problems.iter().filter(|p| !head_keys.contains(&key(p))).cloned().collect();
    new_problems.sort();
    fixed_problems.sort();
    let files = file_notes(base, head);

    let mut s = Summary::default();
    for a in &articles {
        match a.status {
            Status::Added => s.articles_added += 1,
            Status::Removed => s.articles_removed += 1,
            Status::Renamed => s.articles_renamed += 1,
            _ => s.articles_edited += 1,
        }
        for n in &a.annotations {
            match n.status {
                Status::Added => s.annotations_added += 1,
                Status::Removed => s.annotations_removed += 1,
                _ => s.annotations_changed += 1,
            }
        }
    }
    for a in &actors {
        match a.status {
            Status::Added => s.actors_added += 1,
            Status::Removed => s.actors_removed += 1,
            _ => s.actors_changed += 1,
        }
    }
    for e in &events {
        match e.status {
            Status::Added => s.events_added += 1,
            Status::Removed => s.events_removed += 1,
            _ => s.events_changed += 1,
        }
    }
    for m in &mentions {
        for c in &m.articles {
            s.mentions_gained += c.after.saturating_sub(c.before);
            s.mentions_lost += c.before.saturating_sub(c.after);
        }
    }
    s.new_problems = new_problems.len();
    s.fixed_problems = fixed_problems.len();
    s.files_noted = files.len();

    DossierDiff {
        base: base_rev,
        head: head_rev,
        summary: s,
        articles,
        actors,
        mentions,
        events,
        new_problems,
        fixed_problems,
        files,
        templates: base.templates.clone(),
    }
}

fn pair_articles<'a>(base: &'a Snapshot, head: &'a Snapshot, git_renames: &[(String, String)]) -> Vec<Pair<'a>> {
    let mut pairs = Vec::new();
    let mut removed: BTreeMap<&str, &ArticleView> = BTreeMap::new();
    for (slug, view) in &base.articles {
        match head.articles.get(slug) {
            Some(h) => pairs.push(Pair { base: Some((slug, view)), head: Some((slug, h)), rename: None }),
            None => {
                removed.insert(slug, view);
            }
        }
    }
    let mut added: BTreeMap<&str, &ArticleView> = head.articles.iter().filter(|(s, _)| !base.articles.contains_key(*s)).map(|(s, v)| (s.as_str(), v)).collect();

    let mut take = |b: &str, h: &str, by: &str, removed: &mut BTreeMap<&'a str, &'a ArticleView>, added: &mut BTreeMap<&'a str, &'a ArticleView>| {
        let (Some((bs, bv)), Some((hs, hv))) = (removed.remove_entry(b), added.remove_entry(h)) else { return };
        let similarity = (word_similarity(bv.body(), hv.body()) * 100.0).floor() as u8;
        pairs.push(Pair { base: Some((bs, bv)), head: Some((hs, hv)), rename: Some(RenameEvidence { by: by.into(), similarity }) });
    };

    // 1. git's rename detection.
    for (old, new) in git_renames {
        let b = removed.iter().find(|(_, v)| &v.path == old).map(|(s, _)| *s);
        let h = added.iter().find(|(_, v)| &v.path == new).map(|(s, _)| *s);
        if let (Some(b), Some(h)) = (b, h) {
            take(b, h, "git", &mut removed, &mut added);
        }
    }
    // 2. The same provenance file.
    let by_origin: Vec<(&str, &str)> = removed
        .iter()
        .filter_map(|(bs, bv)| {
            let origin = bv.origin.as_ref()?;
            let hs = added.iter().find(|(_, hv)| hv.origin.as_ref() == Some(origin))?.0;
            Some((*bs, *hs))
        })
        .collect();
    for (b, h) in by_origin {
        take(b, h, "source", &mut removed, &mut added);
    }
    // 3. Mostly the same words, best pairs first.
    if removed.len() * added.len() <= MAX_RENAME_PAIRS {
        let mut candidates: Vec<(u64, &str, &str)> = Vec::new();
        for (bs, bv) in &removed {
            for (hs, hv) in &added {
                let score = word_similarity(bv.body(), hv.body());
                if score >= RENAME_SIMILARITY {
                    candidates.push(((score * 1e6) as u64, bs, hs));
                }
            }
        }
        candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)).then(a.2.cmp(b.2)));
        for (_, b, h) in candidates {
            if removed.contains_key(b) && added.contains_key(h) {
                take(b, h, "similar text", &mut removed, &mut added);
            }
        }
    }
    for (s, v) in removed {
        pairs.push(Pair { base: Some((s, v)), head: None, rename: None });
    }
    for (s, v) in added {
        pairs.push(Pair { base: None, head: Some((s, v)), rename: None });
    }
    pairs
}

/// Shared words (as a multiset) over the larger word count: cheap, and
/// indifferent to the order paragraphs were moved into.
fn word_similarity(a: &str, b: &str) -> f64 {
    fn bag(s: &str) -> BTreeMap<&str, usize> {
        let mut m: BTreeMap<&str, usize> = BTreeMap::new();
        for w in s.split_whitespace() {
            *m.entry(w).or_default() += 1;
        }
        m
    }
    let (ma, mb) = (bag(a), bag(b));
    let (na, nb): (usize, usize) = (ma.values().sum(), mb.values().sum());
    if na.max(nb) == 0 {
        return if a == b { 1.0 } else { 0.0 };
    }
    let shared: usize = ma.iter().map(|(w, n)| (*n).min(mb.get(w).copied().unwrap_or(0))).sum();
    shared as f64 / na.max(nb) as f64
}

fn article_change(pair: &Pair<'_>) -> Option<ArticleChange> {
    let empty = Vec::new();
    let anns = |v: Option<&ArticleView>| v.and_then(|v| v.annotations.clone()).unwrap_or_default();
    let (b, h) = (pair.base.map(|x| x.1), pair.head.map(|x| x.1));
    let status = match (pair.base, pair.head) {
        (None, Some(_)) => Status::Added,
        (Some(_), None) => Status::Removed,
        (Some((bs, bv)), Some((hs, hv))) => {
            if bs != hs || pair.rename.is_some() {
                Status::Renamed
            } else if bv.file != hv.file {
                Status::Edited
            } else {
                return None;
            }
        }
        (None, None) => return None,
    };
    let (slug, view) = pair.head.or(pair.base)?;
    let fields = match (b, h) {
        (Some(b), Some(h)) => {
            let keys: BTreeSet<&str> = b.fields.keys().chain(h.fields.keys()).copied().collect();
            let order = ["title", "outlet", "date", "author", "language", "url", "source", "tags"];
            let mut keys: Vec<&str> = keys.into_iter().collect();
            keys.sort_by_key(|k| order.iter().position(|o| o == k).unwrap_or(order.len()));
            keys.into_iter().filter_map(|k| field(k, b.fields.get(k).cloned(), h.fields.get(k).cloned())).collect()
        }
        _ => Vec::new(),
    };
    let text = match (b, h) {
        (Some(b), Some(h)) if b.file != h.file => Some(text_change(b, h)),
        _ => None,
    };
    let (annotations, mentions) = if broken_on_one_side(pair) {
        // Its errors say what is wrong; listing every annotation as removed would bury them.
        (Vec::new(), Vec::new())
    } else {
        (compare_annotations(&anns(b), &anns(h)), count_changes(b.map_or(&BTreeMap::new(), |v| &v.mentions), h.map_or(&BTreeMap::new(), |v| &v.mentions)))
    };
    let events_b: BTreeSet<&String> = b.map_or(&empty, |v| &v.events).iter().collect();
    let events_h: BTreeSet<&String> = h.map_or(&empty, |v| &v.events).iter().collect();
    Some(ArticleChange {
        status,
        slug: slug.to_string(),
        old_slug: (status == Status::Renamed).then(|| pair.base.map(|x| x.0.to_string())).flatten(),
        path: view.path.clone(),
        old_path: (status == Status::Renamed).then(|| b.map(|v| v.path.clone())).flatten(),
        title: view.title.clone(),
        rename: pair.rename.clone(),
        fields,
        text,
        annotations,
        mentions,
        events_added: events_h.difference(&events_b).map(|s| s.to_string()).collect(),
        events_removed: events_b.difference(&events_h).map(|s| s.to_string()).collect(),
        errors: view.errors.clone(),
    })
}

/// An article on both sides that got through the annotate stage on one side only.
fn broken_on_one_side(pair: &Pair<'_>) -> bool {
    match (pair.base, pair.head) {
        (Some((_, b)), Some((_, h))) => b.annotations.is_some() != h.annotations.is_some(),
        _ => false,
    }
}

fn field(name: &str, before: Option<String>, after: Option<String>) -> Option<FieldChange> {
    (before != after).then(|| FieldChange { field: name.to_string(), before, after })
}

fn count_changes(before: &BTreeMap<String, usize>, after: &BTreeMap<String, usize>) -> Vec<Count> {
    let keys: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    keys.into_iter()
        .map(|k| Count { key: k.clone(), before: before.get(k).copied().unwrap_or(0), after: after.get(k).copied().unwrap_or(0) })
        .filter(|c| c.before != c.after)
        .collect()
}

/// The word-level diff of the bodies, with line numbers in the files, and a
/// unified line diff of the whole files.
fn text_change(b: &ArticleView, h: &ArticleView) -> TextChange {
    let (old, new) = (b.body(), h.body());
    let diff = if old.len() + new.len() > WORD_DIFF_MAX_BYTES { TextDiff::from_lines(old, new) } else { TextDiff::from_words(old, new) };
    let lines_before = |tokens: &[&str]| {
        let mut at = Vec::with_capacity(tokens.len() + 1);
        let mut line = 0;
        at.push(0);
        for t in tokens {
            line += t.matches('\n').count();
            at.push(line);
        }
        at
    };
    let old_at = lines_before(diff.old_slices());
    let new_at = lines_before(diff.new_slices());
    let mut hunks = Vec::new();
    let (mut words_added, mut words_removed) = (0, 0);
    for group in diff.grouped_ops(CONTEXT_TOKENS) {
        let Some(first) = group.first() else { continue };
        let mut segments: Vec<Segment> = Vec::new();
        for op in &group {
            for change in diff.iter_changes(op) {
                let op = match change.tag() {
                    ChangeTag::Equal => Op::Equal,
                    ChangeTag::Delete => Op::Delete,
                    ChangeTag::Insert => Op::Insert,
                };
                let value = change.value();
                let words = value.split_whitespace().count();
                match op {
                    Op::Insert => words_added += words,
                    Op::Delete => words_removed += words,
                    Op::Equal => {}
                }
                match segments.last_mut() {
                    Some(last) if last.op == op => last.text.push_str(value),
                    _ => segments.push(Segment { op, text: value.to_string() }),
                }
            }
        }
        hunks.push(Hunk {
            old_line: b.body_line + old_at[first.old_range().start.min(old_at.len() - 1)],
            line: h.body_line + new_at[first.new_range().start.min(new_at.len() - 1)],
            segments,
        });
    }
    let unified = TextDiff::from_lines(b.file.as_str(), h.file.as_str()).unified_diff().context_radius(3).header(&b.path, &h.path).to_string();
    TextChange { words_added, words_removed, similarity: (word_similarity(old, new) * 100.0).floor() as u8, hunks, unified }
}

/// `a1`, `m2`: ids the annotate stage generates; they shift when an annotation is inserted before.
fn is_generated_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some('a' | 'm')) && chars.clone().next().is_some() && chars.all(|c| c.is_ascii_digit())
}

fn annotation_fields(a: &Annotation) -> Vec<(&'static str, Option<String>)> {
    let target = a.target.as_ref().map(|t| {
        let anchor = t.anchor.as_ref().map(|x| format!("#{x}")).unwrap_or_default();
        format!("{}{anchor} ({})", t.article, t.relation)
    });
    vec![
        ("kind", Some(a.kind.name().to_string())),
        ("passage", Some(a.passage.clone())),
        ("by", a.by.clone()),
        ("sourcing", a.sourcing.clone()),
        ("confidence", a.confidence.clone()),
        ("about", (!a.about.is_empty()).then(|| a.about.join(" "))),
        ("note", a.note.clone()),
        ("to", target),
        ("anchored", Some(if a.standoff { "standoff" } else { "inline" }.to_string())),
    ]
}

fn annotation_change(status: Status, a: &Annotation, fields: Vec<FieldChange>) -> AnnotationChange {
    AnnotationChange {
        status,
        id: a.id.clone(),
        kind: a.kind.name().to_string(),
        line: a.line,
        passage: a.passage.clone(),
        by: a.by.clone(),
        note: a.note.clone(),
        fields,
    }
}

fn compare_annotations(old: &[Annotation], new: &[Annotation]) -> Vec<AnnotationChange> {
    let mut old_left: Vec<bool> = vec![true; old.len()];
    let mut new_left: Vec<bool> = vec![true; new.len()];
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    // 1. Written ids are stable.
    for (j, n) in new.iter().enumerate() {
        if is_generated_id(&n.id) {
            continue;
        }
        if let Some(i) = old.iter().position(|o| o.id == n.id) {
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
    let mut changes = Vec::new();
    for (i, j) in pairs {
        let (o, n) = (&old[i], &new[j]);
        let mut fields: Vec<FieldChange> = annotation_fields(o).into_iter().zip(annotation_fields(n)).filter_map(|((k, a), (_, b))| field(k, a, b)).collect();
        if o.id != n.id && !(is_generated_id(&o.id) && is_generated_id(&n.id)) {
            fields.insert(0, FieldChange { field: "id".into(), before: Some(o.id.clone()), after: Some(n.id.clone()) });
        }
        if !fields.is_empty() {
            changes.push(annotation_change(Status::Changed, n, fields));
        }
    }
    changes.extend(old.iter().zip(&old_left).filter(|(_, l)| **l).map(|(o, _)| annotation_change(Status::Removed, o, Vec::new())));
    changes.extend(new.iter().zip(&new_left).filter(|(_, l)| **l).map(|(n, _)| annotation_change(Status::Added, n, Vec::new())));
    changes.sort_by(|a, b| a.line.cmp(&b.line).then(a.status.cmp(&b.status)).then(a.id.cmp(&b.id)));
    changes
}

/// Similarity of two short passages by characters (0..1); long ones by words.
fn passage_similarity(a: &str, b: &str) -> f64 {
    if a.len() + b.len() > 4000 {
        return word_similarity(a, b);
    }
    TextDiff::from_chars(a, b).ratio() as f64
}

fn mention_changes(pairs: &[Pair<'_>], base: &Snapshot, head: &Snapshot) -> Vec<MentionChange> {
    let mut per_actor: BTreeMap<String, Vec<Count>> = BTreeMap::new();
    let mut totals: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let none = BTreeMap::new();
    for pair in pairs.iter().filter(|p| !broken_on_one_side(p)) {
        let slug = pair.head.or(pair.base).map(|x| x.0).unwrap_or_default();
        let before = pair.base.map_or(&none, |x| &x.1.mentions);
        let after = pair.head.map_or(&none, |x| &x.1.mentions);
        for (actor, n) in before {
            totals.entry(actor.clone()).or_default().0 += n;
        }
        for (actor, n) in after {
            totals.entry(actor.clone()).or_default().1 += n;
        }
        for c in count_changes(before, after) {
            per_actor.entry(c.key.clone()).or_default().push(Count { key: slug.to_string(), before: c.before, after: c.after });
        }
    }
    let name_of = |id: &str| head.actors.iter().chain(&base.actors).find(|a| a.id == id).map_or_else(|| id.to_string(), |a| a.name.clone());
    per_actor
        .into_iter()
        .map(|(actor, mut articles)| {
            articles.sort_by(|a, b| a.key.cmp(&b.key));
            let (before, after) = totals.get(&actor).copied().unwrap_or_default();
            MentionChange { name: name_of(&actor), actor, before, after, articles }
        })
        .collect()
}

fn actor_changes(base: &Snapshot, head: &Snapshot, mentions: &[MentionChange]) -> Vec<ActorChange> {
    let by_id = |actors: &[Actor]| -> BTreeMap<String, Actor> { actors.iter().map(|a| (a.id.clone(), a.clone())).collect() };
    let (old, new) = (by_id(&base.actors), by_id(&head.actors));
    let ids: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    let kind = |a: &Actor| format!("{:?}", a.kind).to_lowercase();
    let mut out = Vec::new();
    for id in ids {
        let (o, n) = (old.get(id), new.get(id));
        let mention_pages: Vec<String> =
            mentions.iter().filter(|m| &m.actor == id).flat_map(|m| m.articles.iter().map(|c| Page::article(&c.key).path())).collect();
        let mut change = match (o, n) {
            (None, Some(n)) => ActorChange {
                status: Status::Added,
                id: id.clone(),
                name: n.name.clone(),
                fields: Vec::new(),
                aliases_added: n.aliases.clone(),
                aliases_removed: Vec::new(),
                merged_into: None,
                pages: vec![Page::actor(id).path()],
            },
            (Some(o), None) => {
                let spellings: BTreeSet<String> = std::iter::once(&o.name).chain(&o.aliases).map(|s| fold(s)).collect();
                // Recorded by `dossier actors merge`, or its spellings now belong to someone else: a merge.
                let merged_into = head.merged.iter().find(|m| &m.id == id).map(|m| m.into.clone()).or_else(|| {
                    head.actors.iter().find(|h| std::iter::once(&h.name).chain(&h.aliases).any(|s| spellings.contains(&fold(s)))).map(|h| h.id.clone())
                });
                let mut pages = vec![Page::actor(id).path()];
                // The merged actor's page now shows the old one's mentions too.
                pages.extend(merged_into.iter().map(|into| Page::actor(into).path()));
                ActorChange {
                    status: Status::Removed,
                    id: id.clone(),
                    name: o.name.clone(),
                    fields: Vec::new(),
                    aliases_added: Vec::new(),
                    aliases_removed: o.aliases.clone(),
                    merged_into,
                    pages,
                }
            }
            (Some(o), Some(n)) => {
                let fields: Vec<FieldChange> = [
                    field("name", Some(o.name.clone()), Some(n.name.clone())),
                    field("kind", Some(kind(o)), Some(kind(n))),
                    field("role", o.role.clone(), n.role.clone()),
                    field("description", o.description.clone(), n.description.clone()),
                ]
                .into_iter()
                .flatten()
                .collect();
                let aliases_added: Vec<String> = n.aliases.iter().filter(|a| !o.aliases.contains(a)).cloned().collect();
                let aliases_removed: Vec<String> = o.aliases.iter().filter(|a| !n.aliases.contains(a)).cloned().collect();
                if fields.is_empty() && aliases_added.is_empty() && aliases_removed.is_empty() {
                    continue;
                }
                let mut pages = vec![Page::actor(id).path()];
                // A new name shows on every page that lists the actor.
                if fields.iter().any(|f| f.field == "name") {
                    pages.extend(head.articles.iter().filter(|(_, v)| v.actors.contains(id)).map(|(s, _)| Page::article(s).path()));
                }
                ActorChange { status: Status::Changed, id: id.clone(), name: n.name.clone(), fields, aliases_added, aliases_removed, merged_into: None, pages }
            }
            (None, None) => continue,
        };
        change.pages.extend(mention_pages);
        change.pages.sort();
        change.pages.dedup();
        out.push(change);
    }
    out
}

fn event_changes(base: &Snapshot, head: &Snapshot, head_slug_of: &BTreeMap<&str, &str>) -> Vec<EventChange> {
    let members = |snap: &Snapshot, map: Option<&BTreeMap<&str, &str>>| {
        let mut m: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (slug, view) in &snap.articles {
            let slug = map.and_then(|m| m.get(slug.as_str()).copied()).unwrap_or(slug);
            for e in &view.events {
                m.entry(e.clone()).or_default().insert(slug.to_string());
            }
        }
        m
    };
    let (mb, mh) = (members(base, Some(head_slug_of)), members(head, None));
    let by_id = |events: &[Event]| -> BTreeMap<String, Event> { events.iter().map(|e| (e.id.clone(), e.clone())).collect() };
    let (old, new) = (by_id(&base.events), by_id(&head.events));
    let date = |e: &Event| match e.end {
        Some(end) => format!("{} to {end}", e.start),
        None => e.start.to_string(),
    };
    let ids: BTreeSet<&String> = old.keys().chain(new.keys()).chain(mb.keys()).chain(mh.keys()).collect();
    let empty = BTreeSet::new();
    let mut out = Vec::new();
    for id in ids {
        let (o, n) = (old.get(id), new.get(id));
        let (sb, sh) = (mb.get(id).unwrap_or(&empty), mh.get(id).unwrap_or(&empty));
        let fields: Vec<FieldChange> = match (o, n) {
            (Some(o), Some(n)) => [
                field("title", Some(o.title.clone()), Some(n.title.clone())),
                field("date", Some(date(o)), Some(date(n))),
                field("place", o.place.clone(), n.place.clone()),
                field("summary", o.summary.clone(), n.summary.clone()),
            ]
            .into_iter()
            .flatten()
            .collect(),
            _ => Vec::new(),
        };
        let status = match (o, n) {
            (None, Some(_)) => Status::Added,
            (Some(_), None) => Status::Removed,
            _ if !fields.is_empty() || sb != sh => Status::Changed,
            _ => continue,
        };
        out.push(EventChange {
            status,
            id: id.clone(),
            title: n.or(o).map_or_else(|| id.clone(), |e| e.title.clone()),
            fields,
            articles_added: sh.difference(sb).cloned().collect(),
            articles_removed: sb.difference(sh).cloned().collect(),
            sources_before: sb.len(),
            sources_after: sh.len(),
        });
    }
    out
}
