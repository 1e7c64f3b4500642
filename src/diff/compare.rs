//! Compare two loaded revisions ([`Snapshot`]s) into a [`DossierDiff`].
//!
//! Articles are paired by slug; the ones left over on each side are paired
//! as renames when git says so, when they name the same `source =` file, or
//! when most of their words are shared. An article's text is compared as
//! its readers see it (paragraphs with no Markdown and no annotation
//! markup, however the lines are broken), so adding an annotation is not a
//! prose edit and reflowing a paragraph is no change. Annotations and the
//! cross-references between them are compared in [`super::annotations`];
//! settings, registries and the published addresses in [`super::registry`].
//! An article whose file did not change is still reported when the head
//! gives it new errors (a cross-reference whose target was renamed, an
//! actor whose id changed): its annotations are broken by the change.

use std::collections::{BTreeMap, BTreeSet};

use similar::{ChangeTag, TextDiff};

use crate::annotate::{paragraphs_in, Paragraph};
use crate::urls::Page;

use super::annotations::{self, CrossRefs};
use super::model::*;
use super::registry;
use super::snapshot::{file_notes, ArticleView, Flaw, Pair, Snapshot};

/// Past this many bytes of text on both sides together, the text diff is
/// computed on paragraphs instead of words, so a rewritten long article
/// cannot make the diff quadratic.
const WORD_DIFF_MAX_BYTES: usize = 256 * 1024;
/// Tokens of unchanged context kept around a change (words and spaces count one each).
const CONTEXT_TOKENS: usize = 8;
/// Share of words two files must have in common to be taken for one renamed article.
const RENAME_SIMILARITY: f64 = 0.5;
/// Rename guessing by text compares every removed article with every added one; past this many pairs it is skipped.
const MAX_RENAME_PAIRS: usize = 10_000;

pub(crate) fn compare(base: &Snapshot, head: &Snapshot, git_renames: &[(String, String)], base_rev: Revision, head_rev: Revision) -> DossierDiff {
    let pairs = pair_articles(base, head, git_renames);
    // Base slug -> head slug, so that renames do not read as membership changes.
    let head_slug_of: BTreeMap<&str, &str> = pairs.iter().filter_map(|p| Some((p.base?.0, p.head.map_or(p.base?.0, |h| h.0)))).collect();
    // And base path -> head path, so a renamed article's old problems are not "fixed" and made "new".
    let head_path_of: BTreeMap<&str, &str> = pairs.iter().filter_map(|p| Some((p.base?.1.path.as_str(), p.head?.1.path.as_str()))).collect();

    let mut articles: Vec<ArticleChange> = pairs.iter().filter_map(article_change).collect();
    articles.sort_by(|a, b| a.slug.cmp(&b.slug).then(a.status.cmp(&b.status)));

    let (base_refs, head_refs) = (CrossRefs::of(base, &head_slug_of), CrossRefs::of(head, &BTreeMap::new()));
    let cross_references = annotations::cross_ref_changes(&base_refs, &head_refs);
    let mentions = mention_changes(&pairs, base, head);
    let actors = registry::actor_changes(base, head, &mentions);
    let events = registry::event_changes(base, head, &head_slug_of, &base_refs, &head_refs);
    let settings = registry::setting_changes(&base.config, &head.config);
    let addresses = registry::address_changes(base, head, &pairs, &actors);

    let key =
        |p: &Problem, map: &BTreeMap<&str, &str>| (map.get(p.path.as_str()).map_or(p.path.clone(), |h| h.to_string()), p.severity.clone(), p.message.clone());
    let base_keys: BTreeSet<_> = base.problems.iter().map(|p| key(p, &head_path_of)).collect();
    let head_keys: BTreeSet<_> = head.problems.iter().map(|p| key(p, &BTreeMap::new())).collect();
    let mut new_problems: Vec<Problem> = head.problems.iter().filter(|p| !base_keys.contains(&key(p, &BTreeMap::new()))).cloned().collect();
    let mut fixed_problems: Vec<Problem> = base.problems.iter().filter(|p| !head_keys.contains(&key(p, &head_path_of))).cloned().collect();
    new_problems.sort();
    fixed_problems.sort();
    let files = file_notes(base, head);

    let mut s = Summary::default();
    for a in &articles {
        match a.status {
            Status::Added => s.articles_added += 1,
            Status::Removed => s.articles_removed += 1,
            Status::Renamed => s.articles_renamed += 1,
            Status::Affected => s.articles_affected += 1,
            _ => s.articles_edited += 1,
        }
        for n in &a.annotations {
            match n.status {
                Status::Added => s.annotations_added += 1,
                Status::Removed => s.annotations_removed += 1,
                Status::Broken => s.annotations_broken += 1,
                _ => s.annotations_changed += 1,
            }
        }
    }
    for x in &cross_references {
        match x.status {
            Status::Added => s.cross_references_added += 1,
            _ => s.cross_references_removed += 1,
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
    s.settings_changed = settings.len();
    s.addresses_broken = addresses.iter().filter(|a| !a.redirected).count();
    s.addresses_redirected = addresses.iter().filter(|a| a.redirected).count();
    s.new_problems = new_problems.len();
    s.fixed_problems = fixed_problems.len();
    s.files_noted = files.len();

    DossierDiff {
        base: base_rev,
        head: head_rev,
        preview_url: None,
        summary: s,
        settings,
        addresses,
        articles,
        cross_references,
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
        let similarity = (crate::text::word_similarity(bv.body(), hv.body()) * 100.0).floor() as u8;
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
                let score = crate::text::word_similarity(bv.body(), hv.body());
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

/// The head's errors that the base did not have (by message: a line that
/// moved is the same error).
fn new_errors<'a>(base: Option<&ArticleView>, head: &'a ArticleView) -> Vec<&'a Flaw> {
    head.errors.iter().filter(|f| base.is_none_or(|b| !b.errors.iter().any(|e| e.message == f.message))).collect()
}

fn article_change(pair: &Pair<'_>) -> Option<ArticleChange> {
    let (b, h) = (pair.base.map(|x| x.1), pair.head.map(|x| x.1));
    let fresh = h.map(|h| new_errors(b, h)).unwrap_or_default();
    let file_changed = match (b, h) {
        (Some(b), Some(h)) => b.file.text != h.file.text,
        _ => true,
    };
    let status = match (pair.base, pair.head) {
        (None, Some(_)) => Status::Added,
        (Some(_), None) => Status::Removed,
        (Some((bs, _)), Some((hs, _))) if bs != hs || pair.rename.is_some() => Status::Renamed,
        (Some(_), Some(_)) if file_changed => Status::Edited,
        (Some(_), Some(_)) if !fresh.is_empty() => Status::Affected,
        _ => return None,
    };
    let (slug, view) = pair.head.or(pair.base)?;
    let fields = match (b, h) {
        (Some(b), Some(h)) => {
            let keys: BTreeSet<&str> = b.fields.keys().chain(h.fields.keys()).copied().collect();
            let order = ["title", "outlet", "date", "author", "language", "url", "source", "tags", "actors", "aliases"];
            let mut keys: Vec<&str> = keys.into_iter().collect();
            keys.sort_by_key(|k| order.iter().position(|o| o == k).unwrap_or(order.len()));
            keys.into_iter().filter_map(|k| field(k, b.fields.get(k).cloned(), h.fields.get(k).cloned())).collect()
        }
        _ => Vec::new(),
    };
    let (text, source) = match (b, h) {
        (Some(b), Some(h)) if file_changed => {
            let source = TextDiff::from_lines(b.file.text.as_str(), h.file.text.as_str()).unified_diff().context_radius(3).header(&b.path, &h.path).to_string();
            (text_change(b, h), Some(source))
        }
        _ => (None, None),
    };
    let annotations = annotations::compare(b, h, &fresh);
    let none = BTreeMap::new();
    let mentions = count_changes(b.map_or(&none, |v| &v.mentions), h.map_or(&none, |v| &v.mentions));
    let empty = Vec::new();
    let events_b: BTreeSet<&String> = b.map_or(&empty, |v| &v.events).iter().collect();
    let events_h: BTreeSet<&String> = h.map_or(&empty, |v| &v.events).iter().collect();
    Some(ArticleChange {
        status,
        slug: slug.to_string(),
        old_slug: (status == Status::Renamed).then(|| pair.base.map(|x| x.0.to_string())).flatten(),
        path: view.path.clone(),
        old_path: (status == Status::Renamed).then(|| b.map(|v| v.path.clone())).flatten(),
        page: h.map(|_| Page::article(slug).path()),
        title: view.title.clone(),
        rename: pair.rename.clone(),
        fields,
        text,
        source,
        annotations,
        mentions,
        events_added: events_h.difference(&events_b).map(|s| s.to_string()).collect(),
        events_removed: events_b.difference(&events_h).map(|s| s.to_string()).collect(),
        errors: view.errors.iter().map(|f| f.shown.clone()).collect(),
    })
}

fn count_changes(before: &BTreeMap<String, usize>, after: &BTreeMap<String, usize>) -> Vec<Count> {
    let keys: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    keys.into_iter()
        .map(|k| Count { key: k.clone(), before: before.get(k).copied().unwrap_or(0), after: after.get(k).copied().unwrap_or(0) })
        .filter(|c| c.before != c.after)
        .collect()
}

/// The text readers see, one paragraph a line, with where each paragraph
/// starts in that text and on which line of the file.
struct Reading {
    text: String,
    /// (offset in `text`, line in the file), by offset.
    starts: Vec<(usize, usize)>,
}

impl Reading {
    fn of(paragraphs: &[Paragraph]) -> Reading {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(paragraphs.len());
        for p in paragraphs {
            starts.push((text.len(), p.line));
            text.push_str(&p.text);
            text.push('\n');
        }
        Reading { text, starts }
    }

    /// The file line of the paragraph holding byte `at` of the text.
    fn line_at(&self, at: usize) -> usize {
        let i = self.starts.partition_point(|&(start, _)| start <= at).saturating_sub(1);
        self.starts.get(i).map_or(1, |&(_, line)| line)
    }
}

/// The word-level diff of the text readers see; `None` when it is the same
/// (the markup or the line breaks changed, not the words).
fn text_change(b: &ArticleView, h: &ArticleView) -> Option<TextChange> {
    let (old, new) = (Reading::of(&paragraphs_in(&b.file, b.body_start)), Reading::of(&paragraphs_in(&h.file, h.body_start)));
    if old.text == new.text {
        return None;
    }
    let diff = if old.text.len() + new.text.len() > WORD_DIFF_MAX_BYTES {
        TextDiff::from_lines(&old.text, &new.text)
    } else {
        TextDiff::from_words(&old.text, &new.text)
    };
    let offsets = |tokens: &[&str]| {
        let mut at = Vec::with_capacity(tokens.len() + 1);
        let mut offset = 0;
        for t in tokens {
            at.push(offset);
            offset += t.len();
        }
        at.push(offset);
        at
    };
    let (old_at, new_at) = (offsets(diff.old_slices()), offsets(diff.new_slices()));
    let mut hunks = Vec::new();
    let (mut words_added, mut words_removed) = (0, 0);
    for group in diff.grouped_ops(CONTEXT_TOKENS) {
        // The hunk is placed where its first change is, not where its context starts.
        let Some(first) = group.iter().find(|op| op.tag() != similar::DiffTag::Equal).or(group.first()) else { continue };
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
        let at = |offsets: &[usize], i: usize| offsets[i.min(offsets.len() - 1)];
        hunks.push(Hunk { old_line: old.line_at(at(&old_at, first.old_range().start)), line: new.line_at(at(&new_at, first.new_range().start)), segments });
    }
    Some(TextChange { words_added, words_removed, similarity: (crate::text::word_similarity(&old.text, &new.text) * 100.0).floor() as u8, hunks })
}

/// Per actor, mentions across the dossier in each revision (as its site
/// shows them: an article with a broken annotation still counts), and per
/// article where they differ.
fn mention_changes(pairs: &[Pair<'_>], base: &Snapshot, head: &Snapshot) -> Vec<MentionChange> {
    let mut per_actor: BTreeMap<String, Vec<Count>> = BTreeMap::new();
    let mut totals: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let none = BTreeMap::new();
    for pair in pairs {
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
