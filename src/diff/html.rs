//! The HTML report: one self-contained page in the site's style (the
//! built-in theme and the syntax-highlighting stylesheet are inlined, so the
//! page works when downloaded from a CI artifact), with word diffs as
//! `<del>`/`<ins>` and each article's source diff highlighted by syntect's
//! "Diff" syntax, as CSS classes.
//!
//! Every piece of content is escaped, and the page carries a Content
//! Security Policy that forbids scripts and remote loads altogether, so even
//! a mistake in escaping could not run anything.

use std::fmt::Write as _;

use super::markdown::{is_unsafe_char, verdict};
use super::model::*;
use crate::annotate::{highlight_code, syntax_stylesheet};
use crate::render::DEFAULT_THEME;
use crate::text::escape_html;

const DIFF_CSS: &str = "
.diff-page del { background: #fbe0de; color: #7c1d14; text-decoration: line-through; }
.diff-page ins { background: #dcf3dd; color: #17541c; text-decoration: none; }
@media (prefers-color-scheme: dark) {
  .diff-page del { background: #4d1f1c; color: #ffd4cf; }
  .diff-page ins { background: #1d3d21; color: #cdf5cf; }
}
.diff-page section { margin-bottom: 2rem; }
.diff-page .change { padding: 0.8rem 0; border-bottom: 1px solid var(--rule); }
.diff-page .status { display: inline-block; min-width: 5.5rem; font-family: var(--sans); font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); }
.diff-page .hunks { list-style: none; margin: 0.5rem 0; padding: 0; }
.diff-page .hunks li { margin: 0.4rem 0; padding-left: 0.8rem; border-left: 2px solid var(--rule); }
.diff-page .line { font-family: var(--sans); font-size: 0.8rem; color: var(--muted); margin-right: 0.5rem; }
.diff-page pre.code { overflow-x: auto; font-size: 0.85rem; }
.diff-page .problem { color: var(--accent); }
";

fn esc(s: &str) -> String {
    let cleaned: String = s.chars().map(|c| if is_unsafe_char(c) && c != '\n' && c != '\t' { '\u{fffd}' } else { c }).collect();
    escape_html(&cleaned)
}

/// The report as a complete HTML page.
pub fn html(d: &DossierDiff) -> String {
    let mut css = String::new();
    for (_, bytes) in DEFAULT_THEME {
        css.push_str(&String::from_utf8_lossy(bytes));
    }
    css.push_str(&syntax_stylesheet());
    css.push_str(DIFF_CSS);
    let title = format!("dossier diff {}..{}", d.base.name, d.head.name);
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{}</title>\n<style>\n{}\n</style>\n</head>\n<body class=\"diff-page\">\n\
         <header class=\"site-header\"><div class=\"site-header-inner\"><span class=\"site-title\">dossier diff</span></div></header>\n<main id=\"main\">\n",
        esc(&title),
        css.replace("</", "<\\/")
    );
    let commit = |r: &Revision| r.commit.as_ref().map_or_else(|| "working tree".to_string(), |c| c.chars().take(12).collect());
    let _ = writeln!(o, "<h1>{} → {}</h1>", esc(&d.base.name), esc(&d.head.name));
    let _ = writeln!(o, "<p class=\"kicker\">{} → {}</p>", esc(&commit(&d.base)), esc(&commit(&d.head)));
    let _ = writeln!(o, "<p class=\"lede verdict\">{}</p>", esc(&verdict(d)));

    if !d.new_problems.is_empty() {
        problems(&mut o, "new-problems", "New problems", &d.new_problems);
    }
    if !d.articles.is_empty() {
        let _ = writeln!(o, "<section id=\"articles\">\n<h2>Articles ({})</h2>", d.articles.len());
        for a in &d.articles {
            article(&mut o, a);
        }
        o.push_str("</section>\n");
    }
    if !d.mentions.is_empty() {
        let _ = writeln!(
            o,
            "<section id=\"mentions\">\n<h2>Mentions</h2>\n<table class=\"actor-table\">\n<thead><tr><th>Actor</th><th class=\"num\">Before</th><th class=\"num\">After</th><th>Articles</th></tr></thead>\n<tbody>"
        );
        for m in &d.mentions {
            let per: Vec<String> = m.articles.iter().map(|c| format!("{} {:+}", esc(&c.key), c.after as i64 - c.before as i64)).collect();
            let _ = writeln!(
                o,
                "<tr class=\"mention\" data-actor=\"{}\"><td>{} <span class=\"count\">{}</span></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                esc(&m.actor),
                esc(&m.name),
                esc(&m.actor),
                m.before,
                m.after,
                per.join(", ")
            );
        }
        o.push_str("</tbody>\n</table>\n</section>\n");
    }
    if !d.actors.is_empty() {
        let _ = writeln!(o, "<section id=\"actors\">\n<h2>Actors ({})</h2>\n<ul class=\"plain\">", d.actors.len());
        for a in &d.actors {
            let _ = write!(
                o,
                "<li class=\"change actor status-{}\" data-id=\"{}\"><span class=\"status\">{}</span> <strong>{}</strong> <span class=\"count\">{}</span>",
                a.status.name(),
                esc(&a.id),
                a.status.name(),
                esc(&a.name),
                esc(&a.id)
            );
            if let Some(m) = &a.merged_into {
                let _ = write!(o, " merged into <strong>{}</strong>", esc(m));
            }
            for alias in &a.aliases_added {
                let _ = write!(o, " <ins class=\"alias\">{}</ins>", esc(alias));
            }
            if a.status != Status::Removed {
                for alias in &a.aliases_removed {
                    let _ = write!(o, " <del class=\"alias\">{}</del>", esc(alias));
                }
            }
            fields(&mut o, &a.fields);
            let pages: Vec<String> = a.pages.iter().map(|p| format!("<code>{}</code>", esc(p))).collect();
            let _ = writeln!(o, "<p class=\"card-meta pages\">Pages affected ({}): {}</p></li>", a.pages.len(), pages.join(", "));
        }
        o.push_str("</ul>\n</section>\n");
    }
    if !d.events.is_empty() {
        let _ = writeln!(o, "<section id=\"events\">\n<h2>Events ({})</h2>\n<ul class=\"plain\">", d.events.len());
        for e in &d.events {
            let _ = write!(
                o,
                "<li class=\"change event status-{}\" data-id=\"{}\"><span class=\"status\">{}</span> <strong>{}</strong> <span class=\"count\">{}</span> · sources {} → {}",
                e.status.name(),
                esc(&e.id),
                e.status.name(),
                esc(&e.title),
                esc(&e.id),
                e.sources_before,
                e.sources_after
            );
            for s in &e.articles_added {
                let _ = write!(o, " <ins>{}</ins>", esc(s));
            }
            for s in &e.articles_removed {
                let _ = write!(o, " <del>{}</del>", esc(s));
            }
            fields(&mut o, &e.fields);
            o.push_str("</li>\n");
        }
        o.push_str("</ul>\n</section>\n");
    }
    if !d.fixed_problems.is_empty() {
        problems(&mut o, "fixed-problems", "Fixed problems", &d.fixed_problems);
    }
    if !d.files.is_empty() {
        let _ = writeln!(o, "<section id=\"files\">\n<h2>Files ({})</h2>\n<ul class=\"plain\">", d.files.len());
        for f in &d.files {
            let _ = writeln!(o, "<li class=\"file\"><code>{}</code> ({}): {}</li>", esc(&f.path), esc(&f.revision), esc(&f.note));
        }
        o.push_str("</ul>\n</section>\n");
    }
    o.push_str("</main>\n<footer class=\"site-footer\"><p>dossier diff</p></footer>\n</body>\n</html>\n");
    o
}

fn problems(o: &mut String, id: &str, title: &str, list: &[Problem]) {
    let _ = writeln!(o, "<section id=\"{id}\">\n<h2>{title} ({})</h2>\n<ul class=\"plain\">", list.len());
    for p in list {
        let at = p.line.map_or_else(String::new, |l| format!(":{l}"));
        let _ = writeln!(o, "<li class=\"problem {}\"><code>{}{at}</code> {}: {}</li>", esc(&p.severity), esc(&p.path), esc(&p.severity), esc(&p.message));
    }
    o.push_str("</ul>\n</section>\n");
}

fn fields(o: &mut String, fields: &[FieldChange]) {
    if fields.is_empty() {
        return;
    }
    o.push_str("<table class=\"actor-table fields\"><tbody>");
    for f in fields {
        // Long text (a passage, a note) reads best as one word diff.
        if let (Some(before), Some(after)) = (&f.before, &f.after) {
            let len = before.len() + after.len();
            if len > 60 && len < 20_000 {
                let _ = write!(o, "<tr><th>{}</th><td>{}</td></tr>", esc(&f.field), word_diff(before, after));
                continue;
            }
        }
        let side = |v: &Option<String>, tag: &str| {
            v.as_ref().map_or_else(|| "<span class=\"empty\">none</span>".to_string(), |s| format!("<{tag}>{}</{tag}>", esc(s)))
        };
        let _ = write!(o, "<tr><th>{}</th><td>{} → {}</td></tr>", esc(&f.field), side(&f.before, "del"), side(&f.after, "ins"));
    }
    o.push_str("</tbody></table>\n");
}

/// Two short texts as one, deletions and insertions marked.
fn word_diff(before: &str, after: &str) -> String {
    let mut out = String::new();
    for change in similar::TextDiff::from_words(before, after).iter_all_changes() {
        let text = esc(change.value());
        match change.tag() {
            similar::ChangeTag::Equal => out.push_str(&text),
            similar::ChangeTag::Delete => {
                let _ = write!(out, "<del>{text}</del>");
            }
            similar::ChangeTag::Insert => {
                let _ = write!(out, "<ins>{text}</ins>");
            }
        }
    }
    out
}

fn article(o: &mut String, a: &ArticleChange) {
    let _ = writeln!(o, "<article class=\"change article status-{}\" id=\"article-{}\" data-slug=\"{}\">", a.status.name(), esc(&a.slug), esc(&a.slug));
    let _ = write!(o, "<h3><span class=\"status\">{}</span> {}</h3>\n<p class=\"card-meta\"><code>{}</code>", a.status.name(), esc(&a.title), esc(&a.path));
    if let Some(old) = &a.old_path {
        let _ = write!(o, " (was <code>{}</code>", esc(old));
        if let Some(r) = &a.rename {
            let _ = write!(o, "; {}, {}% of words shared", esc(&r.by), r.similarity);
        }
        o.push(')');
    }
    if let Some(t) = &a.text {
        let _ = write!(o, " · +{} −{} words", t.words_added, t.words_removed);
    }
    for e in &a.events_added {
        let _ = write!(o, " · event <ins>{}</ins>", esc(e));
    }
    for e in &a.events_removed {
        let _ = write!(o, " · event <del>{}</del>", esc(e));
    }
    o.push_str("</p>\n");
    for e in &a.errors {
        let _ = writeln!(o, "<p class=\"problem\">{}</p>", esc(e));
    }
    fields(o, &a.fields);
    if let Some(t) = &a.text {
        o.push_str("<ol class=\"hunks\">\n");
        for h in &t.hunks {
            let _ = write!(o, "<li class=\"hunk\"><span class=\"line\">line {}</span>", h.line);
            for s in &h.segments {
                match s.op {
                    Op::Equal => o.push_str(&esc(&s.text)),
                    Op::Delete => {
                        let _ = write!(o, "<del>{}</del>", esc(&s.text));
                    }
                    Op::Insert => {
                        let _ = write!(o, "<ins>{}</ins>", esc(&s.text));
                    }
                }
            }
            o.push_str("</li>\n");
        }
        o.push_str("</ol>\n");
        let unified: String = t.unified.chars().map(|c| if is_unsafe_char(c) && c != '\n' && c != '\t' { '\u{fffd}' } else { c }).collect();
        let _ = writeln!(o, "<details class=\"source-diff\"><summary>Source diff</summary>\n{}</details>", highlight_code(&unified, "diff"));
    }
    if !a.annotations.is_empty() {
        o.push_str("<ul class=\"ann-list\">\n");
        for n in &a.annotations {
            let tag = match n.status {
                Status::Added => "ins",
                Status::Removed => "del",
                _ => "span",
            };
            let _ = write!(
                o,
                "<li class=\"ann-item annotation status-{}\" data-id=\"{}\"><span class=\"status\">{}</span> <span class=\"count\">{} #{} · line {}</span>",
                n.status.name(),
                esc(&n.id),
                n.status.name(),
                esc(&n.kind),
                esc(&n.id),
                n.line
            );
            if let Some(by) = &n.by {
                let _ = write!(o, " by <strong>{}</strong>", esc(by));
            }
            let _ = write!(o, "<blockquote class=\"ann-passage\"><{tag}>{}</{tag}></blockquote>", esc(&n.passage));
            if let (Some(note), false) = (&n.note, n.status == Status::Changed) {
                let _ = write!(o, "<p class=\"card-summary\">{}</p>", esc(note));
            }
            fields(o, &n.fields);
            o.push_str("</li>\n");
        }
        o.push_str("</ul>\n");
    }
    o.push_str("</article>\n");
}
