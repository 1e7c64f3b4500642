//! The HTML report: one self-contained page in the site's style (the
//! built-in theme and the syntax-highlighting stylesheet are inlined, so the
//! page works when downloaded from a CI artifact), with word diffs as
//! `<del>`/`<ins>` and each article's source diff highlighted by syntect's
//! "Diff" syntax, as CSS classes. The page is `templates/diff.html`, given
//! the report's data; here is only what a template cannot work out.
//!
//! Every piece of content is escaped (the template engine escapes what it
//! prints; control and direction characters are replaced first), and the
//! page carries a Content Security Policy that forbids scripts and remote
//! loads altogether, so even a mistake in escaping could not run anything.

use serde_json::{json, Value};

use super::markdown::{is_unsafe_char, own_errors, verdict};
use super::model::*;
use crate::annotate::{highlight_code, syntax_stylesheet};
use crate::diagnostics::Diagnostics;
use crate::render::DEFAULT_THEME;

/// Text without the control and direction characters a report must not
/// carry (they could hide or reorder what a reviewer reads); the template
/// escapes it for HTML.
fn clean(s: &str) -> String {
    s.chars().map(|c| if is_unsafe_char(c) && c != '\n' && c != '\t' { '\u{fffd}' } else { c }).collect()
}

/// Every string in `value`, cleaned.
fn clean_all(value: &mut Value) {
    match value {
        Value::String(s) => *s = clean(s),
        Value::Array(items) => items.iter_mut().for_each(clean_all),
        Value::Object(map) => map.values_mut().for_each(clean_all),
        _ => {}
    }
}

/// The report as a complete HTML page, drawn with `templates/diff.html`:
/// the built-in one, or the base revision's own (a pull request cannot
/// change how it is reviewed).
pub fn html(d: &DossierDiff) -> Result<String, Diagnostics> {
    let mut css = String::new();
    for (_, bytes) in DEFAULT_THEME {
        css.push_str(&String::from_utf8_lossy(bytes));
    }
    css.push_str(&syntax_stylesheet());
    let commit = |r: &Revision| r.commit.as_ref().map_or_else(|| "working tree".to_string(), |c| c.chars().take(12).collect());

    let mut diff = serde_json::to_value(d).unwrap_or_default();
    // What the template cannot work out: word diffs of long field values,
    // signed counts, and each article's source diff, highlighted.
    word_diffs(&mut diff, d);
    for (m, view) in d.mentions.iter().zip(diff["mentions"].as_array_mut().into_iter().flatten()) {
        for (c, count) in m.articles.iter().zip(view["articles"].as_array_mut().into_iter().flatten()) {
            count["change"] = json!(format!("{:+}", c.after as i64 - c.before as i64));
        }
    }
    clean_all(&mut diff);
    let preview = d.preview_url.as_deref().filter(|url| url.contains("{path}"));
    for (a, view) in d.articles.iter().zip(diff["articles"].as_array_mut().into_iter().flatten()) {
        if let Some(source) = &a.source {
            view["highlighted"] = json!(highlight_code(&clean(source), "diff"));
        }
        if let (Some(url), Some(page)) = (preview, &a.page) {
            view["preview"] = json!(url.replace("{path}", page));
        }
        view["own_errors"] = json!(own_errors(a).map(|e| clean(e)).collect::<Vec<_>>());
        for (n, nview) in a.annotations.iter().zip(view["annotations"].as_array_mut().into_iter().flatten()) {
            // The same words around the same passage (a line that moved is not a change to show).
            let words = |c: &Option<InContext>| c.as_ref().map(|c| (c.before.clone(), c.passage.clone(), c.after.clone()));
            nview["same_context"] = json!(words(&n.was) == words(&n.now));
        }
    }
    let mut context = tera::Context::new();
    context.insert("title", &clean(&format!("dossier diff {}..{}", d.base.name, d.head.name)));
    context.insert("stylesheet", &css.replace("</", "<\\/"));
    context.insert("base_commit", &clean(&commit(&d.base)));
    context.insert("head_commit", &clean(&commit(&d.head)));
    context.insert("verdict", &clean(&verdict(d)));
    context.insert("diff", &diff);
    crate::render::report(&d.templates, "diff.html", &context)
}

/// Each field change's word diff, where a long text (a passage, a note)
/// reads best as one: `words`, a list of `{op, text}`.
fn word_diffs(diff: &mut Value, d: &DossierDiff) {
    let put = |fields: &[FieldChange], view: &mut Value| {
        for (f, v) in fields.iter().zip(view.as_array_mut().into_iter().flatten()) {
            v["words"] = word_diff(f).map_or(Value::Null, |w| json!(w));
        }
    };
    for (a, view) in d.articles.iter().zip(diff["articles"].as_array_mut().into_iter().flatten()) {
        put(&a.fields, &mut view["fields"]);
        view["own_errors"] = json!(own_errors(a).map(|e| clean(e)).collect::<Vec<_>>());
        for (n, nview) in a.annotations.iter().zip(view["annotations"].as_array_mut().into_iter().flatten()) {
            put(&n.fields, &mut nview["fields"]);
        }
    }
    for (a, view) in d.actors.iter().zip(diff["actors"].as_array_mut().into_iter().flatten()) {
        put(&a.fields, &mut view["fields"]);
    }
    for (e, view) in d.events.iter().zip(diff["events"].as_array_mut().into_iter().flatten()) {
        put(&e.fields, &mut view["fields"]);
    }
}

/// A field's two versions as one, deletions and insertions marked, when
/// both are there and together long (but not so long the diff is slow).
fn word_diff(f: &FieldChange) -> Option<Vec<Segment>> {
    let (before, after) = (f.before.as_deref()?, f.after.as_deref()?);
    let len = before.len() + after.len();
    if len <= 60 || len >= 20_000 {
        return None;
    }
    let op = |tag| match tag {
        similar::ChangeTag::Equal => Op::Equal,
        similar::ChangeTag::Delete => Op::Delete,
        similar::ChangeTag::Insert => Op::Insert,
    };
    Some(similar::TextDiff::from_words(before, after).iter_all_changes().map(|c| Segment { op: op(c.tag()), text: c.value().to_string() }).collect())
}
