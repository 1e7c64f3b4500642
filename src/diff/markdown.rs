//! The Markdown report, shaped like a Terraform plan comment: a one-line
//! verdict, what needs a reviewer's eye first (risky settings, published
//! addresses that break, new errors), the preview's pages, then one
//! collapsed `<details>` group per kind of change.
//!
//! Article text is hostile and comments render Markdown and HTML, so every
//! piece of content goes inside a fenced ```` ```diff ```` block (fenced with
//! more backticks than the content holds, with control and bidi characters
//! replaced) where nothing renders and nobody is @-mentioned; the few words
//! outside code blocks are escaped. The whole report is kept under GitHub's
//! comment limit, never silently: breakages are kept first, then edits,
//! and additions (a 200-article import) are what is summarised when room
//! runs out; a closing note says how many of what were left out.

use std::fmt::Write as _;

use super::model::*;

/// GitHub refuses comments longer than this (in characters; counted here in
/// UTF-16 code units, which is never fewer).
pub const COMMENT_LIMIT: usize = 65_536;
/// Room kept for the closing tags and the truncation note, and for the
/// marker and footer a workflow adds.
const RESERVE: usize = 2_000;
/// Ends every report; workflows look for it to update the comment in place.
pub const MARKER: &str = "<!-- dossier-diff -->";
/// Word-diff hunks shown per article; the HTML and JSON reports have all.
const HUNKS_PER_ARTICLE: usize = 8;
/// Characters of unchanged context shown on each side of a change.
const CONTEXT_CHARS: usize = 60;
/// Characters of a changed passage shown before it is shortened.
const CHANGE_CHARS: usize = 400;
/// Lines of each kind ("⚠ …") above the groups.
const ALERTS_PER_KIND: usize = 5;
/// Pages of the preview linked above the groups.
const PREVIEW_PAGES: usize = 20;

/// The one-line verdict: "2 articles added, 1 edited · annotations +7 ~1 -1 · ...".
pub(crate) fn verdict(d: &DossierDiff) -> String {
    let s = &d.summary;
    if s.is_empty() {
        return "no change to the dossier".into();
    }
    let mut parts = Vec::new();
    let mut articles = Vec::new();
    for (n, word) in [
        (s.articles_added, "added"),
        (s.articles_edited, "edited"),
        (s.articles_renamed, "renamed"),
        (s.articles_removed, "removed"),
        (s.articles_affected, "affected"),
    ] {
        if n > 0 {
            articles.push(if articles.is_empty() { format!("{n} {} {word}", plural(n, "article")) } else { format!("{n} {word}") });
        }
    }
    if !articles.is_empty() {
        parts.push(articles.join(", "));
    }
    if s.annotations_added + s.annotations_changed + s.annotations_removed + s.annotations_broken > 0 {
        let mut p = format!("annotations +{} ~{} -{}", s.annotations_added, s.annotations_changed, s.annotations_removed);
        if s.annotations_broken > 0 {
            let _ = write!(p, ", {} broken", s.annotations_broken);
        }
        parts.push(p);
    }
    if s.cross_references_added + s.cross_references_removed > 0 {
        parts.push(format!("cross-references +{} -{}", s.cross_references_added, s.cross_references_removed));
    }
    if s.mentions_gained + s.mentions_lost > 0 {
        parts.push(format!("mentions +{} -{}", s.mentions_gained, s.mentions_lost));
    }
    let actors = s.actors_added + s.actors_changed + s.actors_removed;
    if actors > 0 {
        parts.push(format!("{actors} {} changed", plural(actors, "actor")));
    }
    let events = s.events_added + s.events_changed + s.events_removed;
    if events > 0 {
        parts.push(format!("{events} {} changed", plural(events, "event")));
    }
    if s.settings_changed > 0 {
        parts.push(format!("{} {} changed", s.settings_changed, plural(s.settings_changed, "setting")));
    }
    if s.addresses_broken > 0 {
        parts.push(format!("{} published {} broken", s.addresses_broken, plural(s.addresses_broken, "address")));
    }
    if s.addresses_redirected > 0 {
        parts.push(format!("{} redirected", s.addresses_redirected));
    }
    if s.new_problems > 0 {
        parts.push(format!("{} new {}", s.new_problems, plural(s.new_problems, "problem")));
    }
    if s.fixed_problems > 0 {
        parts.push(format!("{} fixed", s.fixed_problems));
    }
    if s.files_noted > 0 {
        parts.push(format!("{} {} noted", s.files_noted, plural(s.files_noted, "file")));
    }
    parts.join(" · ")
}

fn plural(n: usize, word: &str) -> String {
    match (n, word) {
        (1, _) => word.to_string(),
        (_, "address") => "addresses".into(),
        _ => format!("{word}s"),
    }
}

/// Which entries stay when a report must be shortened: breakages always
/// (as far as any room is left), then changes to what exists, and
/// additions last, summarised by count when they do not fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Keep {
    Breakage,
    Change,
    Addition,
}

struct Entry {
    text: String,
    keep: Keep,
}

/// A group of entries under one `<details>`.
struct Section {
    title: String,
    /// What one entry is, for the notes on what was left out ("annotations").
    noun: &'static str,
    entries: Vec<Entry>,
}

/// The report as Markdown, at most `limit` characters (use [`COMMENT_LIMIT`]).
pub fn markdown(d: &DossierDiff, limit: usize) -> String {
    let mut head = String::new();
    let _ = writeln!(head, "### dossier diff {}..{} — {}\n", escape(&d.base.name), escape(&d.head.name), escape(&verdict(d)));
    for line in alerts(d) {
        let _ = writeln!(head, "> ⚠ {line}\n");
    }
    if let Some(url) = &d.preview_url {
        head.push_str(&preview(d, url));
    }
    let mut out = assemble(head, sections(d), limit);
    // A hidden marker, so a workflow can find and update this comment.
    out.push_str(MARKER);
    out.push('\n');
    out
}

/// What a reviewer should see before anything else, escaped: risky
/// settings, published addresses that break, new errors.
fn alerts(d: &DossierDiff) -> Vec<String> {
    let mut lines = Vec::new();
    let mut group = |all: Vec<String>, what: &str| {
        let n = all.len();
        lines.extend(all.into_iter().take(ALERTS_PER_KIND));
        if n > ALERTS_PER_KIND {
            lines.push(format!("and {} more {what} (see below)", n - ALERTS_PER_KIND));
        }
    };
    group(
        d.settings
            .iter()
            .filter_map(|s| {
                Some(format!(
                    "setting {}: {} → {}: {}",
                    escape(&s.setting),
                    escape(&clean(&s.before, 100)),
                    escape(&clean(&s.after, 100)),
                    escape(s.risk.as_ref()?)
                ))
            })
            .collect(),
        "risky settings",
    );
    group(
        d.addresses
            .iter()
            .filter(|a| !a.redirected)
            .map(|a| {
                let mut line = format!("{} breaks ({}", escape(&a.path), escape(&a.reason));
                if let Some(now) = &a.now {
                    let _ = write!(line, ", now {}", escape(now));
                }
                line.push(')');
                if let Some(fix) = &a.fix {
                    let _ = write!(line, ": to keep it, {}", escape(fix));
                }
                line
            })
            .collect(),
        "broken addresses",
    );
    group(d.new_problems.iter().filter(|p| p.severity == "error").map(|p| escape(&clean(&problem_line(p), 300))).collect(), "new errors");
    lines
}

/// The changed articles' pages in the preview, linked: each page when the
/// preview URL has a `{path}` to fill in, or the one download otherwise.
fn preview(d: &DossierDiff, url: &str) -> String {
    let mut pages: Vec<(&str, Status)> = d.articles.iter().filter_map(|a| Some((a.page.as_deref()?, a.status))).collect();
    // Edits first: they are what a reviewer opens; additions last.
    pages.sort_by_key(|(page, status)| (*status == Status::Added, *page));
    if pages.is_empty() {
        return String::new();
    }
    let shown: Vec<String> = pages
        .iter()
        .take(PREVIEW_PAGES)
        .map(|(page, status)| {
            let name = escape(page);
            if url.contains("{path}") {
                format!("[{name}]({}) ({})", url.replace("{path}", page), status.name())
            } else {
                format!("{name} ({})", status.name())
            }
        })
        .collect();
    let more = if pages.len() > PREVIEW_PAGES { format!(", and {} more", pages.len() - PREVIEW_PAGES) } else { String::new() };
    if url.contains("{path}") {
        format!("**Preview**: {}{more}\n\n", shown.join(", "))
    } else {
        format!("**Preview** ([the built site]({url}); open these pages in it): {}{more}\n\n", shown.join(", "))
    }
}

/// Room for the "… N more not shown" line closing a shortened group.
const MORE_LINE: usize = 80;

fn assemble(mut out: String, sections: Vec<Section>, limit: usize) -> String {
    let sections: Vec<Section> = sections.into_iter().filter(|s| !s.entries.is_empty()).collect();
    let frames: Vec<(String, String)> = sections
        .iter()
        .map(|section| {
            let fence = "`".repeat(longest_backtick_run(&section.entries).max(2) + 1);
            (format!("<details><summary>{}</summary>\n\n{fence}diff\n", section.title), format!("{fence}\n\n</details>\n\n"))
        })
        .collect();
    // Every group is shown, if only with a line saying what it left out.
    let frame_cost: usize = frames.iter().map(|(open, close)| units(open) + units(close) + MORE_LINE).sum();
    let mut room = limit.saturating_sub(RESERVE + units(&out) + frame_cost);
    let mut shown: Vec<Vec<bool>> = sections.iter().map(|s| vec![false; s.entries.len()]).collect();
    // Whole tiers while they fit; the first that does not shares what is
    // left fairly between the groups (small groups whole, what they leave
    // to the large ones, so one long list cannot push every other kind of
    // change out); the tiers after it are counted, not listed.
    for keep in [Keep::Breakage, Keep::Change, Keep::Addition] {
        let sizes: Vec<usize> = sections.iter().map(|s| s.entries.iter().filter(|e| e.keep == keep).map(|e| units(&e.text) + 1).sum()).collect();
        let need: usize = sizes.iter().sum();
        if need <= room {
            for (s, flags) in sections.iter().zip(&mut shown) {
                for (e, flag) in s.entries.iter().zip(flags.iter_mut()) {
                    *flag |= e.keep == keep;
                }
            }
            room -= need;
            continue;
        }
        let mut order: Vec<usize> = (0..sections.len()).collect();
        order.sort_by_key(|&i| (sizes[i], i));
        for (k, &i) in order.iter().enumerate() {
            let allowance = sizes[i].min(room / (sections.len() - k));
            let mut used = 0;
            for (e, flag) in sections[i].entries.iter().zip(shown[i].iter_mut()).filter(|(e, _)| e.keep == keep) {
                let cost = units(&e.text) + 1;
                if used + cost > allowance {
                    break;
                }
                *flag = true;
                used += cost;
            }
            room -= used;
        }
        break;
    }

    let mut cut: Vec<String> = Vec::new();
    for ((section, (open, close)), flags) in sections.iter().zip(&frames).zip(&shown) {
        out.push_str(open);
        for (e, _) in section.entries.iter().zip(flags).filter(|(_, f)| **f) {
            out.push_str(&e.text);
            out.push('\n');
        }
        let left: Vec<&Entry> = section.entries.iter().zip(flags).filter(|(_, f)| !**f).map(|(e, _)| e).collect();
        if !left.is_empty() {
            let total = section.entries.len();
            if left.iter().all(|e| e.keep == Keep::Addition) {
                let _ = writeln!(out, "+ {} more {} added, not listed here", left.len(), section.noun);
            } else {
                let _ = writeln!(out, "  … {} more {} not shown", left.len(), section.noun);
            }
            cut.push(format!("{} of {total} {}", left.len(), section.noun));
        }
        out.push_str(close);
    }
    if !cut.is_empty() {
        let _ = writeln!(
            out,
            "**Report shortened to fit a GitHub comment** ({} characters): not listed: {}. \
             The full report is in the HTML and JSON outputs (`dossier diff --format html` / `--format json`).\n",
            COMMENT_LIMIT,
            cut.join(", ")
        );
    }
    out
}

/// Length as GitHub may count it: UTF-16 code units (at least the characters).
fn units(s: &str) -> usize {
    s.encode_utf16().count()
}

fn longest_backtick_run(entries: &[Entry]) -> usize {
    let mut longest = 0;
    for e in entries {
        let mut run = 0;
        for c in e.text.chars() {
            run = if c == '`' { run + 1 } else { 0 };
            longest = longest.max(run);
        }
    }
    longest
}

fn sections(d: &DossierDiff) -> Vec<Section> {
    let s = &d.summary;
    let entry = |text: String, keep: Keep| Entry { text, keep };
    let settings = Section {
        title: format!("Settings ({})", d.settings.len()),
        noun: "settings",
        entries: d.settings.iter().map(|c| entry(setting_entry(c), if c.risk.is_some() { Keep::Breakage } else { Keep::Change })).collect(),
    };
    let addresses = Section {
        title: format!("Published addresses ({} broken, {} redirected)", s.addresses_broken, s.addresses_redirected),
        noun: "addresses",
        entries: d.addresses.iter().map(|a| entry(address_entry(a), if a.redirected { Keep::Change } else { Keep::Breakage })).collect(),
    };
    let mut articles = Section { title: format!("Articles ({})", d.articles.len()), noun: "articles", entries: Vec::new() };
    let mut annotations = Section {
        title: format!(
            "Annotations (+{} ~{} -{}{})",
            s.annotations_added,
            s.annotations_changed,
            s.annotations_removed,
            if s.annotations_broken > 0 { format!(", {} broken", s.annotations_broken) } else { String::new() }
        ),
        noun: "annotations",
        entries: Vec::new(),
    };
    // Edits, renames and breakages before additions.
    let mut order: Vec<&ArticleChange> = d.articles.iter().collect();
    order.sort_by_key(|a| a.status == Status::Added);
    for a in order {
        let keep = match a.status {
            Status::Added if a.errors.is_empty() => Keep::Addition,
            _ if !a.errors.is_empty() => Keep::Breakage,
            _ => Keep::Change,
        };
        articles.entries.push(entry(article_entry(a), keep));
        for n in &a.annotations {
            let keep = match (n.status, a.status) {
                (Status::Broken, _) => Keep::Breakage,
                (_, Status::Added) => Keep::Addition,
                _ => Keep::Change,
            };
            annotations.entries.push(entry(annotation_entry(&a.slug, n), keep));
        }
    }
    let cross_references = Section {
        title: format!("Cross-references (+{} -{})", s.cross_references_added, s.cross_references_removed),
        noun: "cross-references",
        entries: d.cross_references.iter().map(|x| entry(cross_ref_entry(x), Keep::Change)).collect(),
    };
    let mentions = Section {
        title: format!("Mentions (+{} -{})", s.mentions_gained, s.mentions_lost),
        noun: "actors' mentions",
        entries: d.mentions.iter().map(|m| entry(mention_entry(m), Keep::Change)).collect(),
    };
    let added_last = |status: Status| if status == Status::Added { Keep::Addition } else { Keep::Change };
    let actors = Section {
        title: format!("Actors ({})", d.actors.len()),
        noun: "actor changes",
        entries: d.actors.iter().map(|a| entry(actor_entry(a), added_last(a.status))).collect(),
    };
    let events = Section {
        title: format!("Events ({})", d.events.len()),
        noun: "event changes",
        entries: d.events.iter().map(|e| entry(event_entry(e), added_last(e.status))).collect(),
    };
    let problems = Section {
        title: format!("New problems ({})", d.new_problems.len()),
        noun: "new problems",
        entries: d
            .new_problems
            .iter()
            .map(|p| entry(format!("- {}", clean(&problem_line(p), 500)), if p.severity == "error" { Keep::Breakage } else { Keep::Change }))
            .collect(),
    };
    let fixed = Section {
        title: format!("Fixed problems ({})", d.fixed_problems.len()),
        noun: "fixed problems",
        entries: d.fixed_problems.iter().map(|p| entry(format!("+ {}", clean(&problem_line(p), 500)), Keep::Change)).collect(),
    };
    let files = Section {
        title: format!("Files ({})", d.files.len()),
        noun: "file notes",
        entries: d.files.iter().map(|f| entry(format!("! {} ({}): {}", clean(&f.path, 200), f.revision, clean(&f.note, 200)), Keep::Change)).collect(),
    };
    vec![settings, addresses, articles, annotations, cross_references, mentions, actors, events, problems, fixed, files]
}

fn problem_line(p: &Problem) -> String {
    match p.line {
        Some(l) => format!("{}:{l}: {}: {}", p.path, p.severity, p.message),
        None => format!("{}: {}: {}", p.path, p.severity, p.message),
    }
}

fn setting_entry(s: &SettingChange) -> String {
    let sign = if s.risk.is_some() { "!" } else { "~" };
    let mut e = format!("{sign} {}: “{}” → “{}”", s.setting, clean(&s.before, 200), clean(&s.after, 200));
    if let Some(risk) = &s.risk {
        let _ = write!(e, "\n    {}", clean(risk, 300));
    }
    e
}

fn address_entry(a: &AddressChange) -> String {
    let mut e =
        format!("{} {} ({}): {}", if a.redirected { "→" } else { "!" }, a.path, clean(&a.reason, 200), if a.redirected { "redirected" } else { "breaks" });
    if let Some(now) = &a.now {
        let _ = write!(e, "; now {now}");
    }
    if let Some(fix) = &a.fix {
        let _ = write!(e, "\n    to keep it: {}", clean(fix, 300));
    }
    e
}

fn article_entry(a: &ArticleChange) -> String {
    let mut e = String::new();
    let title = clean(&a.title, 120);
    match a.status {
        Status::Renamed => {
            let old = a.old_slug.as_deref().unwrap_or("?");
            let _ = write!(e, "~ {old} → {} “{title}” renamed", a.slug);
            if let Some(r) = &a.rename {
                let _ = write!(e, " ({}, {}% of words shared)", r.by, r.similarity);
            }
        }
        Status::Affected => {
            let _ = write!(e, "! {} “{title}” affected by a change elsewhere (its file did not change)", a.slug);
        }
        status => {
            let _ = write!(e, "{} {} “{title}” {}", status.sign(), a.slug, status.name());
        }
    }
    if let Some(t) = &a.text {
        let _ = write!(e, " · +{} -{} words", t.words_added, t.words_removed);
    }
    if !a.annotations.is_empty() {
        let count = |s: Status| a.annotations.iter().filter(|n| n.status == s).count();
        let (added, changed, removed, broken) = (count(Status::Added), count(Status::Changed), count(Status::Removed), count(Status::Broken));
        let mut parts = Vec::new();
        if added + changed + removed > 0 {
            parts.push(format!("+{added} ~{changed} -{removed}"));
        }
        if broken > 0 {
            parts.push(format!("{broken} broken"));
        }
        let _ = write!(e, " · annotations {}", parts.join(", "));
    }
    if !a.events_added.is_empty() {
        let _ = write!(e, " · event +{}", a.events_added.join(" +"));
    }
    if !a.events_removed.is_empty() {
        let _ = write!(e, " · event -{}", a.events_removed.join(" -"));
    }
    for f in &a.fields {
        let _ = write!(e, "\n    {}: {}", f.field, field_change(f, 120));
    }
    for err in own_errors(a).take(3) {
        let _ = write!(e, "\n    ⚠ {}", clean(err, 300));
    }
    match &a.text {
        Some(t) => {
            for h in t.hunks.iter().take(HUNKS_PER_ARTICLE) {
                let _ = write!(e, "\n    line {}: {}", h.line, hunk_text(h));
            }
            if t.hunks.len() > HUNKS_PER_ARTICLE {
                let _ = write!(e, "\n    … {} more changed passages", t.hunks.len() - HUNKS_PER_ARTICLE);
            }
        }
        None if a.source.is_some() && a.status != Status::Added => {
            e.push_str("\n    the words readers see are unchanged (markup, front matter or line breaks only)")
        }
        None => {}
    }
    e
}

/// A hunk as `… context [-old-]{+new+} context …`, on one line.
fn hunk_text(h: &Hunk) -> String {
    let mut out = String::new();
    let last = h.segments.len().saturating_sub(1);
    for (i, seg) in h.segments.iter().enumerate() {
        let mut text = one_line(&seg.text);
        if seg.op == Op::Equal && i == 0 {
            text = text.trim_start().to_string();
        }
        if seg.op == Op::Equal && i == last {
            text = text.trim_end().to_string();
        }
        match seg.op {
            Op::Equal => {
                let n = text.chars().count();
                // Context is cut at a space, so no word is shown in part.
                let tail = || {
                    let t: String = text.chars().skip(n - CONTEXT_CHARS).collect();
                    t.split_once(' ').map_or(t.clone(), |(_, rest)| rest.to_string())
                };
                let head = || {
                    let h: String = text.chars().take(CONTEXT_CHARS).collect();
                    h.rsplit_once(' ').map_or(h.clone(), |(keep, _)| keep.to_string())
                };
                if i == 0 && n > CONTEXT_CHARS {
                    out.push_str("… ");
                    out.push_str(&tail());
                } else if i == last && n > CONTEXT_CHARS {
                    out.push_str(&head());
                    out.push_str(" …");
                } else if n > 2 * CONTEXT_CHARS {
                    out.push_str(&head());
                    out.push_str(" … ");
                    out.push_str(&tail());
                } else {
                    out.push_str(&text);
                }
            }
            Op::Delete => {
                let _ = write!(out, "[-{}-]", shorten(&text, CHANGE_CHARS));
            }
            Op::Insert => {
                let _ = write!(out, "{{+{}+}}", shorten(&text, CHANGE_CHARS));
            }
        }
    }
    out
}

fn inline_word_diff(before: &str, after: &str) -> String {
    let mut segments: Vec<Segment> = Vec::new();
    for change in similar::TextDiff::from_words(before, after).iter_all_changes() {
        let op = match change.tag() {
            similar::ChangeTag::Equal => Op::Equal,
            similar::ChangeTag::Delete => Op::Delete,
            similar::ChangeTag::Insert => Op::Insert,
        };
        match segments.last_mut() {
            Some(last) if last.op == op => last.text.push_str(change.value()),
            _ => segments.push(Segment { op, text: change.value().to_string() }),
        }
    }
    hunk_text(&Hunk { old_line: 0, line: 0, segments })
}

/// An article's errors but those its broken annotations show.
pub(crate) fn own_errors(a: &ArticleChange) -> impl Iterator<Item = &String> {
    a.errors.iter().filter(|e| !a.annotations.iter().any(|n| n.errors.contains(e)))
}

fn annotation_entry(slug: &str, n: &AnnotationChange) -> String {
    let mut e = format!("{} {} {slug}:{} #{}", n.status.sign(), n.kind, n.line, clean(&n.id, 80));
    if n.status == Status::Broken {
        e.push_str(" broken");
    }
    if let Some(by) = &n.by {
        let _ = write!(e, " by {}", clean(by, 80));
    }
    let _ = write!(e, " “{}”", clean(&n.passage, 120));
    if n.status != Status::Changed {
        // Every field it has, so an added or removed annotation is seen whole.
        let mut attrs = Vec::new();
        for (name, value) in [("sourcing", &n.sourcing), ("confidence", &n.confidence)] {
            if let Some(v) = value {
                attrs.push(format!("{name} {}", clean(v, 40)));
            }
        }
        if !n.about.is_empty() {
            attrs.push(format!("about {}", clean(&n.about.join(", "), 120)));
        }
        if let Some(to) = &n.to {
            attrs.push(format!("{} {}", n.rel.as_deref().unwrap_or("see"), clean(to, 160)));
        }
        if n.standoff {
            attrs.push("standoff".into());
        }
        if !attrs.is_empty() {
            let _ = write!(e, "\n    {}", attrs.join(" · "));
        }
        if let Some(note) = &n.note {
            let _ = write!(e, "\n    note “{}”", clean(note, 200));
        }
    }
    for f in &n.fields {
        let _ = write!(e, "\n    {}: {}", f.field, field_change(f, 120));
    }
    for err in n.errors.iter().take(2) {
        let _ = write!(e, "\n    ⚠ {}", clean(err, 300));
    }
    e
}

fn cross_ref_entry(x: &CrossRefChange) -> String {
    let mut e = format!("{} {} {} {}", x.status.sign(), x.from, x.relation, x.to);
    let (now, listed) = if x.status == Status::Added { ("now shows", "now listed") } else { ("no longer shows", "no longer listed") };
    let _ = write!(e, "\n    {} {now} “{} {}”", x.to, x.backlink, x.from);
    if !x.events.is_empty() {
        let pages: Vec<String> = x.events.iter().map(|id| crate::urls::Page::event(id).path()).collect();
        let _ = write!(e, "\n    {listed} under “{}” on {}", x.event_section, pages.join(", "));
    }
    e
}

fn mention_entry(m: &MentionChange) -> String {
    let delta = m.after as i64 - m.before as i64;
    let per: Vec<String> = m.articles.iter().map(|c| format!("{} {:+}", c.key, c.after as i64 - c.before as i64)).collect();
    let sign = if delta > 0 {
        "+"
    } else if delta < 0 {
        "-"
    } else {
        "~"
    };
    format!("{sign} {} ({}) {} → {} ({delta:+}): {}", m.actor, clean(&m.name, 80), m.before, m.after, per.join(", "))
}

fn actor_entry(a: &ActorChange) -> String {
    let name = clean(&a.name, 80);
    let mut e = match (&a.merged_into, &a.spellings_moved_to, &a.old_id) {
        // A merge reads as one, not as a removal.
        (Some(m), ..) => format!("- {} ({name}) merged into {m} (its page redirects there)", a.id),
        (None, Some(to), _) => format!("- {} ({name}) removed; its spellings now belong to {to}, with no merge recorded", a.id),
        (None, None, Some(old)) => format!("→ {old} → {} ({name}) id changed (not a merge)", a.id),
        _ => format!("{} {} ({name}) {}", a.status.sign(), a.id, a.status.name()),
    };
    if !a.aliases_added.is_empty() {
        let list: Vec<String> = a.aliases_added.iter().map(|s| format!("“{}”", clean(s, 60))).collect();
        let _ = write!(e, " · aliases +{}", list.join(" +"));
    }
    if !a.aliases_removed.is_empty() && a.status != Status::Removed {
        let list: Vec<String> = a.aliases_removed.iter().map(|s| format!("“{}”", clean(s, 60))).collect();
        let _ = write!(e, " · aliases -{}", list.join(" -"));
    }
    for f in &a.fields {
        let _ = write!(e, "\n    {}: {}", f.field, field_change(f, 120));
    }
    let shown: Vec<&str> = a.pages.iter().take(10).map(String::as_str).collect();
    let more = if a.pages.len() > 10 { format!(" and {} more", a.pages.len() - 10) } else { String::new() };
    let _ = write!(e, "\n    {} {} affected: {}{more}", a.pages.len(), plural(a.pages.len(), "page"), shown.join(", "));
    e
}

fn event_entry(ev: &EventChange) -> String {
    let mut e =
        format!("{} {} “{}” {} · sources {} → {}", ev.status.sign(), ev.id, clean(&ev.title, 100), ev.status.name(), ev.sources_before, ev.sources_after);
    for s in &ev.articles_added {
        let _ = write!(e, " +{s}");
    }
    for s in &ev.articles_removed {
        let _ = write!(e, " -{s}");
    }
    if ev.disagreements_before != ev.disagreements_after || !ev.disagreements_added.is_empty() || !ev.disagreements_removed.is_empty() {
        let _ = write!(e, " · disagreements {} → {}", ev.disagreements_before, ev.disagreements_after);
        for x in &ev.disagreements_added {
            let _ = write!(e, "\n    + {}", clean(x, 200));
        }
        for x in &ev.disagreements_removed {
            let _ = write!(e, "\n    - {}", clean(x, 200));
        }
    }
    for f in &ev.fields {
        let _ = write!(e, "\n    {}: {}", f.field, field_change(f, 120));
    }
    e
}

fn field_change(f: &FieldChange, max: usize) -> String {
    // Two long texts (a passage, a note) read best as one word diff.
    if let (Some(before), Some(after)) = (&f.before, &f.after) {
        let len = before.len() + after.len();
        if len > 60 && len < 20_000 {
            return inline_word_diff(before, after);
        }
    }
    let side = |v: &Option<String>| v.as_ref().map_or("(none)".to_string(), |s| format!("“{}”", clean(s, max)));
    format!("{} → {}", side(&f.before), side(&f.after))
}

/// Text for inside a code block: one line, no control or direction-changing
/// characters, at most `max` characters.
fn clean(s: &str, max: usize) -> String {
    shorten(one_line(s).trim(), max)
}

/// Whitespace runs (newlines included) become one space, kept at the ends
/// too, so diff segments still join with the right spacing.
fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
        }
        space = false;
        out.push(if is_unsafe_char(c) { '\u{fffd}' } else { c });
    }
    if space {
        out.push(' ');
    }
    out
}

/// Controls and the bidirectional overrides that can make text read
/// differently from what it is ("Trojan Source").
pub(crate) fn is_unsafe_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max).collect();
    out.push('…');
    out
}

/// Text outside code blocks: the characters Markdown and HTML act on
/// escaped, and `@` kept from mentioning anyone.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in one_line(s).trim().chars() {
        if c == '@' {
            out.push_str("@\u{2060}");
        } else if "\\`*_[]<>#|~!&".contains(c) {
            out.push('\\');
            out.push(c);
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_outside_code_blocks_cannot_render_or_mention() {
        assert_eq!(escape("<b>*x*</b> [l](u) @me\n# h"), "\\<b\\>\\*x\\*\\</b\\> \\[l\\](u) @\u{2060}me \\# h");
    }

    #[test]
    fn hunks_are_one_line_with_word_marks_and_no_direction_tricks() {
        let seg = |op, text: &str| Segment { op, text: text.to_string() };
        let hunk = Hunk {
            old_line: 1,
            line: 1,
            segments: vec![seg(Op::Equal, "\nsaid\n\nthat "), seg(Op::Delete, "he\u{202e}"), seg(Op::Insert, "she"), seg(Op::Equal, " left.\n")],
        };
        assert_eq!(hunk_text(&hunk), "said that [-he\u{fffd}-]{+she+} left.");
    }

    fn section(entries: &[&str]) -> Section {
        Section { title: "T".into(), noun: "things", entries: entries.iter().map(|e| Entry { text: e.to_string(), keep: Keep::Change }).collect() }
    }

    #[test]
    fn fences_are_longer_than_any_backtick_run_in_the_content() {
        let out = assemble(String::new(), vec![section(&["a ``` b", "c `````` d"])], COMMENT_LIMIT);
        assert!(out.contains("\n```````diff\na ``` b\nc `````` d\n```````\n"), "{out}");
    }

    #[test]
    fn groups_that_fit_are_shown_whole_and_the_rest_shortened_with_counts() {
        // Short last entries must not make a group that fits look too long.
        let small = assemble(String::new(), vec![section(&["one", "two", "3"])], COMMENT_LIMIT);
        assert!(small.contains("one\ntwo\n3\n") && !small.contains("not shown"), "{small}");
        let long: Vec<String> = (0..100).map(|i| format!("entry {i} {}", "x".repeat(100))).collect();
        let long: Vec<&str> = long.iter().map(String::as_str).collect();
        let out = assemble(String::new(), vec![section(&long), section(&["small"])], 5_000);
        assert!(out.encode_utf16().count() <= 5_000);
        assert!(out.contains("\nsmall\n"), "{out}");
        let shown = out.lines().filter(|l| l.starts_with("entry ")).count();
        assert!(out.contains(&format!("  … {} more things not shown", 100 - shown)), "{out}");
        assert!(out.contains(&format!("not listed: {} of 100 things", 100 - shown)), "{out}");
    }
}
