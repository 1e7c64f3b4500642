//! `dossier suggest --write`: accept the suggestions into the dossier.
//!
//! The edit is meant to be reviewed as a diff, so it is as small as it can
//! be: in each article, only the `events = [...]` list changes (or one such
//! line is added after `date`), keeping the events already there, their
//! order, the list's layout and every comment ([`front_matter::Editor`]);
//! new events are appended to `content/events.toml`. Each file is replaced
//! atomically ([`files::write`]), and a file that changed on disk since it
//! was read is left alone with an error, so a concurrent edit is never
//! clobbered.

use std::path::{Path, PathBuf};

use super::{Status, Suggestions};
use crate::diagnostics::{Diagnostic, Diagnostics, FileText};
use crate::files;
use crate::load::Dossier;
use crate::text::front_matter;

/// What `--write` changed.
#[derive(Debug, Default)]
pub struct Written {
    /// Article paths (as shown in messages) with the event ids added to each.
    pub articles: Vec<(String, Vec<String>)>,
    /// Ids of the events appended to `content/events.toml`.
    pub new_events: Vec<String>,
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// `text` with `add` appended to its `events = [...]` list (created after
/// `date` if missing), the rest of the file as it was. Errors say where the
/// file cannot be edited safely (a span in `text`).
fn add_events(text: &str, add: &[String]) -> Result<String, (std::ops::Range<usize>, String, &'static str)> {
    let mut editor = front_matter::Editor::open(text).map_err(|e| (e.span, e.message, "fix the front matter, then run `dossier suggest --write` again"))?;
    if let Err(why) = editor.add_to_list("events", add, "date") {
        let at = events_line(text);
        return Err((at, format!("cannot add events: {why}"), "write `events` as a list of event ids: events = [\"id\", ...]"));
    }
    Ok(editor.finish())
}

/// The span of the `events = ...` line, for messages.
fn events_line(text: &str) -> std::ops::Range<usize> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_start().strip_prefix("events").is_some_and(|r| r.trim_start().starts_with('=')) {
            return at..at + line.trim_end().len();
        }
        at += line.len();
    }
    0..0
}

/// Append new events to the registry, creating it if needed.
fn append_events(path: &Path, s: &Suggestions, ids: &[String]) -> std::io::Result<()> {
    let mut text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::from("# Event registry\n"),
        Err(e) => return Err(e),
    };
    if !text.ends_with('\n') {
        text.push('\n');
    }
    for e in s.new_events.iter().filter(|e| ids.contains(&e.id)) {
        text.push_str(&format!("\n[[event]]\nid = {}\ntitle = {}\n", toml_string(&e.id), toml_string(&e.title)));
        let check = match &e.date {
            Some(d) => {
                text.push_str(&format!("date = {d}\n"));
                "check the title and date"
            }
            None => "none of them gives a day: add `date = YYYY-MM-DD` and check the title",
        };
        text.push_str(&format!(
            "summary = {}\n",
            toml_string(&format!("Suggested by `dossier suggest` from {} articles ({}); {check}.", e.articles.len(), e.articles.join(", ")))
        ));
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    files::write(path, text.as_bytes(), files::Mode::Replace)
}

fn full_path(root: &Path, shown: &str) -> PathBuf {
    let p = Path::new(shown);
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        root.join(p)
    }
}

/// Add every suggested event scoring at least `min_score`, and every new
/// event, to the articles' front matter.
pub fn write(dossier: &Dossier, s: &Suggestions, min_score: f32) -> (Written, Diagnostics) {
    let mut written = Written::default();
    let mut diags = Diagnostics::new();
    // A group whose articles give no day is still written (the grouping is
    // the work worth keeping), as an event with no date, and said.
    for e in s.new_events.iter().filter(|e| e.date.is_none()) {
        diags.push(
            Diagnostic::warning(
                "content/events.toml",
                format!("event `{}` added without a date: none of its {} articles gives a day ({})", e.id, e.articles.len(), e.articles.join(", ")),
            )
            .with_hint("add `date = YYYY-MM-DD` to the event in content/events.toml, or the publication date to one of its articles"),
        );
    }
    let mut plans: Vec<(usize, Vec<String>)> = Vec::new();
    for links in &s.articles {
        let add: Vec<String> = links
            .events
            .iter()
            .filter(|e| e.status == Status::New || (e.status == Status::Suggested && e.score.is_some_and(|x| x >= min_score)))
            .map(|e| e.id.clone())
            .collect();
        if add.is_empty() {
            continue;
        }
        if let Ok(i) = dossier.articles.binary_search_by(|a| a.slug.as_str().cmp(&links.slug)) {
            plans.push((i, add));
        }
    }
    let needed: Vec<String> = {
        let mut ids: Vec<String> = plans.iter().flat_map(|(_, add)| add.iter()).filter(|id| s.new_events.iter().any(|e| &e.id == *id)).cloned().collect();
        ids.sort();
        ids.dedup();
        ids
    };
    if !needed.is_empty() {
        let path = dossier.root.join("content").join("events.toml");
        if let Err(e) = append_events(&path, s, &needed) {
            diags.push(Diagnostic::error("content/events.toml", format!("cannot add the new events: {e}")).with_hint("no article was changed"));
            return (written, diags);
        }
        written.new_events = needed;
    }
    for (i, add) in plans {
        let article = &dossier.articles[i];
        let path = full_path(&dossier.root, &article.path);
        // The file as it is on disk (a byte-order mark and `\r\n` kept), if
        // it still says what the build read (which drops both).
        let now = match std::fs::read_to_string(&path) {
            Ok(now) if now.strip_prefix('\u{feff}').unwrap_or(&now).replace("\r\n", "\n") == article.file.text => now,
            _ => {
                diags.push(
                    Diagnostic::error(article.path.clone(), "the file changed since it was read (or is not plain UTF-8); left as it is")
                        .with_hint("run `dossier suggest --write` again"),
                );
                continue;
            }
        };
        match add_events(&now, &add) {
            Ok(text) => match files::write(&path, text.as_bytes(), files::Mode::Replace) {
                Ok(()) => written.articles.push((article.path.clone(), add)),
                Err(e) => diags.push(Diagnostic::error(article.path.clone(), format!("cannot write: {e}"))),
            },
            // The span is in the file as it is on disk.
            Err((span, message, hint)) => diags.push(Diagnostic::error_at(&FileText::new(article.path.clone(), now), span, message).with_hint(hint)),
        }
    }
    (written, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_events_list_changes() {
        let text = "+++\ntitle = \"T\" # print title\ndate = 2025-12-28\nevents = [\"a\"]\ntags = [\"x\"]\n+++\n\nBody, events = [\"z\"]\n";
        let out = add_events(text, &["b".into(), "a".into()]).unwrap();
        assert_eq!(out, text.replace("events = [\"a\"]", "events = [\"a\", \"b\"]"));
    }

    #[test]
    fn a_missing_events_line_goes_after_the_date() {
        let text = "+++\r\ntitle = \"T\"\r\ndate = 2025-12-28\r\n+++\r\nBody\r\n";
        assert_eq!(add_events(text, &["e-1".into()]).unwrap(), "+++\r\ntitle = \"T\"\r\ndate = 2025-12-28\r\nevents = [\"e-1\"]\r\n+++\r\nBody\r\n");
    }

    #[test]
    fn multi_line_lists_get_the_new_event_on_a_line_of_its_own() {
        let text = "+++\ntitle = \"T\"\nevents = [\n  \"a\", # confirmed\n]\n+++\n";
        assert_eq!(add_events(text, &["b".into()]).unwrap(), "+++\ntitle = \"T\"\nevents = [\n  \"a\", # confirmed\n  \"b\",\n]\n+++\n");
    }

    #[test]
    fn an_events_value_that_is_not_a_list_is_refused_at_its_line() {
        let text = "+++\ntitle = \"T\"\nevents = \"a\"\n+++\n";
        let (span, ..) = add_events(text, &["b".into()]).unwrap_err();
        assert_eq!(&text[span], "events = \"a\"");
    }
}
