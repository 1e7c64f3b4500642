//! The Markdown report, shaped like a Terraform plan comment: a one-line
//! verdict, the most important problems, then one collapsed `<details>`
//! group per kind of change.
//!
//! Article text is hostile and comments render Markdown and HTML, so every
//! piece of content goes inside a fenced ```` ```diff ```` block (fenced with
//! more backticks than the content holds, with control and bidi characters
//! replaced) where nothing renders and nobody is @-mentioned; the few words
//! outside code blocks are escaped. The whole report is kept under GitHub's
//! comment limit by dropping entries from the end, never silently: a
//! closing note says how many of what were cut.

use std::fmt::Write as _;

use super::model::*;

/// GitHub refuses comments longer than this (in characters; counted here in
/// UTF-16 code units, which is never fewer).
pub const COMMENT_LIMIT: usize = 65_536;
/// Room kept for the closing tags and the truncation note, and for the
/// marker a sticky-comment action adds.
const RESERVE: usize = 1_000;
/// Ends every report; workflows look for it to update the comment in place.
pub const MARKER: &str = "<!-- dossier-diff -->";
/// Word-diff hunks shown per article; the HTML and JSON reports have all.
const HUNKS_PER_ARTICLE: usize = 8;
/// Characters of unchanged context shown on each side of a change.
const CONTEXT_CHARS: usize = 60;
/// Characters of a changed passage shown before it is shortened.
const CHANGE_CHARS: usize = 400;

/// The one-line verdict: "2 articles added, 1 edited · annotations +7 ~1 -1 · ...".
pub(crate) fn verdict(d: &DossierDiff) -> String {
    let s = &d.summary;
    if s.is_empty() {
        return "no change to the dossier".into();
    }
    let mut parts = Vec::new();
    let mut articles = Vec::new();
    for (n, word) in [(s.articles_added, "added"), (s.articles_edited, "edited"), (s.articles_renamed, "renamed"), (s.articles_removed, "removed")] {
        if n > 0 {
            articles.push(if articles.is_empty() { format!("{n} {} {word}", plural(n, "article")) } else { format!("{n} {word}") });
        }
    }
    if !articles.is_empty() {
        parts.push(articles.join(", "));
    }
    if s.annotations_added + s.annotations_changed + s.annotations_removed > 0 {
        parts.push(format!("annotations +{} ~{} -{}", s.annotations_added, s.annotations_changed, s.annotations_removed));
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
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

/// A group of entries under one `<details>`.
struct Section {
    title: String,
    /// What one entry is, for the truncation note ("annotations").
    noun: &'static str,
    entries: Vec<String>,
}

/// The report as Markdown, at most `limit` characters (use [`COMMENT_LIMIT`]).
pub fn markdown(d: &DossierDiff, limit: usize) -> String {
    let mut head = String::new();
    let _ = writeln!(head, "### dossier diff {}..{} — {}\n", escape(&d.base.name), escape(&d.head.name), escape(&verdict(d)));
    let errors: Vec<&Problem> = d.new_problems.iter().filter(|p| p.severity == "error").collect();
    for p in errors.iter().take(5) {
        let _ = writeln!(head, "> ⚠ {}\n", escape(&clean(&problem_line(p), 300)));
    }
    if errors.len() > 5 {
        let _ = writeln!(head, "> ⚠ and {} more new errors (see *New problems*)\n", errors.len() - 5);
    }
    let mut out = assemble(head, sections(d), limit);
    // A hidden marker, so a workflow can find and update this comment.
    out.push_str(MARKER);
    out.push('\n');
    out
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
    // Share the room fairly: small groups (a registry change) are shown
    // whole, and what they leave goes to the large ones (annotations), so
    // one long list cannot push every other kind of change out of the comment.
    let sizes: Vec<usize> =
        sections.iter().zip(&frames).map(|(s, (open, close))| units(open) + units(close) + s.entries.iter().map(|e| units(e) + 1).sum::<usize>()).collect();
    let mut order: Vec<usize> = (0..sections.len()).collect();
    order.sort_by_key(|&i| (sizes[i], i));
    let mut room = limit.saturating_sub(RESERVE + units(&out));
    let mut allowance = vec![0; sections.len()];
    for (k, &i) in order.iter().enumerate() {
        allowance[i] = sizes[i].min(room / (sections.len() - k));
        room -= allowance[i];
    }

    let mut cut: Vec<(usize, usize, &'static str)> = Vec::new();
    for (((section, (open, close)), allowance), size) in sections.iter().zip(&frames).zip(allowance).zip(sizes) {
        let total = section.entries.len();
        let whole = size <= allowance;
        let mut body = String::new();
        let mut shown = 0;
        let mut used = units(open) + units(close);
        for entry in &section.entries {
            let need = units(entry) + 1;
            let more = if whole || shown + 1 == total { 0 } else { MORE_LINE };
            if used + need + more > allowance {
                break;
            }
            body.push_str(entry);
            body.push('\n');
            used += need;
            shown += 1;
        }
        if shown < total {
            cut.push((total - shown, total, section.noun));
        }
        if shown > 0 {
            if shown < total {
                let _ = writeln!(body, "  … {} more {} not shown", total - shown, section.noun);
            }
            out.push_str(open);
            out.push_str(&body);
            out.push_str(close);
        }
    }
    if !cut.is_empty() {
        let what: Vec<String> = cut.iter().map(|(n, total, noun)| format!("{n} of {total} {noun}")).collect();
        let _ = writeln!(
            out,
            "**Report shortened to fit a GitHub comment** ({} characters): not shown: {}. \
             The full report is in the HTML and JSON outputs (`dossier diff --format html` / `--format json`).",
            COMMENT_LIMIT,
            what.join(", ")
        );
    }
    out
}

/// Length as GitHub may count it: UTF-16 code units (at least the characters).
fn units(s: &str) -> usize {
    s.encode_utf16().count()
}

fn longest_backtick_run(entries: &[String]) -> usize {
    let mut longest = 0;
    for e in entries {
        let mut run = 0;
        for c in e.chars() {
            run = if c == '`' { run + 1 } else { 0 };
            longest = longest.max(run);
        }
    }
    longest
}

fn sections(d: &DossierDiff) -> Vec<Section> {
    let s = &d.summary;
    let mut articles = Section { title: format!("Articles ({})", d.articles.len()), noun: "articles", entries: Vec::new() };
    let mut annotations = Section {
        title: format!("Annotations (+{} ~{} -{})", s.annotations_added, s.annotations_changed, s.annotations_removed),
        noun: "annotations",
        entries: Vec::new(),
    };
    for a in &d.articles {
        articles.entries.push(article_entry(a));
        for n in &a.annotations {
            annotations.entries.push(annotation_entry(&a.slug, n));
        }
    }
    let mentions = Section {
        title: format!("Mentions (+{} -{})", s.mentions_gained, s.mentions_lost),
        noun: "actors' mentions",
        entries: d.mentions.iter().map(mention_entry).collect(),
    };
    let actors = Section { title: format!("Actors ({})", d.actors.len()), noun: "actor changes", entries: d.actors.iter().map(actor_entry).collect() };
    let events = Section { title: format!("Events ({})", d.events.len()), noun: "event changes", entries: d.events.iter().map(event_entry).collect() };
    let problems = Section {
        title: format!("New problems ({})", d.new_problems.len()),
        noun: "new problems",
        entries: d.new_problems.iter().map(|p| format!("- {}", clean(&problem_line(p), 500))).collect(),
    };
    let fixed = Section {
        title: format!("Fixed problems ({})", d.fixed_problems.len()),
        noun: "fixed problems",
        entries: d.fixed_problems.iter().map(|p| format!("+ {}", clean(&problem_line(p), 500))).collect(),
    };
    let files = Section {
        title: format!("Files ({})", d.files.len()),
        noun: "file notes",
        entries: d.files.iter().map(|f| format!("! {} ({}): {}", clean(&f.path, 200), f.revision, clean(&f.note, 200))).collect(),
    };
    vec![articles, annotations, mentions, actors, events, problems, fixed, files]
}

fn problem_line(p: &Problem) -> String {
    match p.line {
        Some(l) => format!("{}:{l}: {}: {}", p.path, p.severity, p.message),
        None => format!("{}: {}: {}", p.path, p.severity, p.message),
    }
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
        status => {
            let _ = write!(e, "{} {} “{title}” {}", status.sign(), a.slug, status.name());
        }
    }
    if let Some(t) = &a.text {
        let _ = write!(e, " · +{} -{} words", t.words_added, t.words_removed);
    }
    if !a.annotations.is_empty() {
        let count = |s: Status| a.annotations.iter().filter(|n| n.status == s).count();
        let _ = write!(e, " · annotations +{} ~{} -{}", count(Status::Added), count(Status::Changed), count(Status::Removed));
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
    for err in a.errors.iter().take(3) {
        let _ = write!(e, "\n    ⚠ {}", clean(err, 300));
    }
    if let Some(t) = &a.text {
        for h in t.hunks.iter().take(HUNKS_PER_ARTICLE) {
            let _ = write!(e, "\n    line {}: {}", h.line, hunk_text(h));
        }
        if t.hunks.len() > HUNKS_PER_ARTICLE {
            let _ = write!(e, "\n    … {} more changed passages", t.hunks.len() - HUNKS_PER_ARTICLE);
        }
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

fn annotation_entry(slug: &str, n: &AnnotationChange) -> String {
    let mut e = format!("{} {} {slug}:{} #{}", n.status.sign(), n.kind, n.line, clean(&n.id, 80));
    if let Some(by) = &n.by {
        let _ = write!(e, " by {}", clean(by, 80));
    }
    let _ = write!(e, " “{}”", clean(&n.passage, 120));
    if n.status != Status::Changed {
        if let Some(note) = &n.note {
            let _ = write!(e, " note “{}”", clean(note, 120));
        }
    }
    for f in &n.fields {
        let _ = write!(e, "\n    {}: {}", f.field, field_change(f, 120));
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
    let mut e = match &a.merged_into {
        // A merge reads as one, not as a removal.
        Some(m) => format!("{} {} ({}) merged into {m}", a.status.sign(), a.id, clean(&a.name, 80)),
        None => format!("{} {} ({}) {}", a.status.sign(), a.id, clean(&a.name, 80), a.status.name()),
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
        Section { title: "T".into(), noun: "things", entries: entries.iter().map(|e| e.to_string()).collect() }
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
        assert!(out.contains(&format!("not shown: {} of 100 things", 100 - shown)), "{out}");
    }
}
