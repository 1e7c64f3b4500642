//! `dossier suggest --write`: accept the suggestions into the dossier.
//!
//! The edit is meant to be reviewed as a diff, so it is as small as it can
//! be: in each article, only the `events = [...]` line changes (or one such
//! line is added after `date`), keeping the events already there and their
//! order; new events are appended to `content/events.toml`. Each file is
//! replaced atomically (a temporary file in the same folder, renamed over the
//! original), and a file that changed on disk since it was read is left
//! alone with an error, so a concurrent edit is never clobbered.

use std::path::{Path, PathBuf};

use super::{Status, Suggestions};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::files;
use crate::load::Dossier;

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

/// The front matter's line range (between the `+++` lines), in lines.
fn front_matter(lines: &[&str]) -> Option<(usize, usize)> {
    if lines.first().map(|l| l.trim_end()) != Some("+++") {
        return None;
    }
    let end = lines.iter().skip(1).position(|l| l.trim_end() == "+++")? + 1;
    Some((1, end))
}

/// `text` with `add` appended to its `events = [...]` line (or a new line).
/// Errors name the line that cannot be edited safely.
fn add_events(text: &str, add: &[String]) -> Result<String, (usize, String, &'static str)> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let Some((start, end)) = front_matter(&lines) else {
        return Err((1, "no `+++` front matter to add `events` to".into(), "start the file with a +++ block (see `dossier init`)"));
    };
    let is_key = |l: &str, key: &str| l.trim_start().strip_prefix(key).is_some_and(|r| r.trim_start().starts_with('='));
    let eol = |l: &str| if l.ends_with("\r\n") { "\r\n" } else { "\n" };
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    match (start..end).find(|&i| is_key(lines[i], "events")) {
        Some(i) => {
            let line = lines[i].trim_end_matches(['\n', '\r']);
            let parsed: Result<toml::Table, _> = toml::from_str(line);
            let existing: Vec<String> = match parsed.ok().and_then(|t| t.get("events").cloned()) {
                Some(toml::Value::Array(items)) => items.iter().filter_map(|v| v.as_str().map(str::to_string)).collect(),
                _ => {
                    return Err((
                        i + 1,
                        "`events = [...]` spans several lines or is not a list of strings".into(),
                        "put the list on one line, then run `dossier suggest --write` again",
                    ))
                }
            };
            let mut all = existing.clone();
            all.extend(add.iter().filter(|id| !existing.contains(id)).cloned());
            let indent = &line[..line.len() - line.trim_start().len()];
            out[i] = format!("{indent}events = [{}]{}", all.iter().map(|s| toml_string(s)).collect::<Vec<_>>().join(", "), eol(lines[i]));
        }
        None => {
            let after = (start..end).find(|&i| is_key(lines[i], "date")).map_or(end, |i| i + 1);
            let new = format!("events = [{}]{}", add.iter().map(|s| toml_string(s)).collect::<Vec<_>>().join(", "), eol(lines[start]));
            out.insert(after, new);
        }
    }
    Ok(out.concat())
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
        if let Some(d) = &e.date {
            text.push_str(&format!("date = {d}\n"));
        }
        text.push_str(&format!(
            "summary = {}\n",
            toml_string(&format!("Suggested by `dossier suggest` from {} articles ({}); check the title and date.", e.articles.len(), e.articles.join(", ")))
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
        match std::fs::read_to_string(&path) {
            Ok(now) if now == article.source.text => {}
            _ => {
                diags.push(
                    Diagnostic::error(article.path.clone(), "the file changed since it was read (or is not plain UTF-8); left as it is")
                        .with_hint("run `dossier suggest --write` again"),
                );
                continue;
            }
        }
        match add_events(&article.source.text, &add) {
            Ok(text) => match files::write(&path, text.as_bytes(), files::Mode::Replace) {
                Ok(()) => written.articles.push((article.path.clone(), add)),
                Err(e) => diags.push(Diagnostic::error(article.path.clone(), format!("cannot write: {e}"))),
            },
            Err((line, message, hint)) => {
                let offset: usize = article.source.text.split_inclusive('\n').take(line - 1).map(str::len).sum();
                let len = article.source.text[offset..].find('\n').unwrap_or(0);
                diags.push(Diagnostic::error_at(&article.source, offset..offset + len, message).with_hint(hint));
            }
        }
    }
    (written, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_events_line_changes() {
        let text = "+++\ntitle = \"T\"\ndate = 2025-12-28\nevents = [\"a\"]\ntags = [\"x\"]\n+++\n\nBody, events = [\"z\"]\n";
        let out = add_events(text, &["b".into(), "a".into()]).unwrap();
        assert_eq!(out, text.replace("events = [\"a\"]", "events = [\"a\", \"b\"]"));
    }

    #[test]
    fn a_missing_events_line_goes_after_the_date() {
        let text = "+++\r\ntitle = \"T\"\r\ndate = 2025-12-28\r\n+++\r\nBody\r\n";
        assert_eq!(add_events(text, &["e-1".into()]).unwrap(), "+++\r\ntitle = \"T\"\r\ndate = 2025-12-28\r\nevents = [\"e-1\"]\r\n+++\r\nBody\r\n");
    }

    #[test]
    fn multi_line_lists_are_refused_with_the_line() {
        let text = "+++\ntitle = \"T\"\nevents = [\n  \"a\",\n]\n+++\n";
        let (line, ..) = add_events(text, &["b".into()]).unwrap_err();
        assert_eq!(line, 3);
    }
}
