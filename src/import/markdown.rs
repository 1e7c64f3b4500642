//! Markdown, with or without front matter (TOML between `+++` lines, as
//! dossier writes it, or YAML between `---` lines, as most other tools do).
//!
//! Known front-matter fields are carried over under dossier's names
//! (`lang` becomes `language`, `canonical_url` becomes `url`, ...); fields
//! dossier has no place for are named in the report, never dropped silently.
//! The body is already Markdown: it is cleaned like any text, except inside
//! code blocks, which are kept byte for byte.

use super::clean::{self, Cleaned};
use super::{meta, Extracted};
use crate::text::front_matter;

pub(crate) fn read(text: &str, cleaned: &mut Cleaned) -> Result<Extracted, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Extracted::default();
    let body = match split_front_matter(text) {
        Some((FrontMatterKind::Toml, fm, body)) => {
            let table: toml::Table = toml::from_str(fm).map_err(|e| format!("front matter is not valid TOML: {}", e.message().trim()))?;
            for (key, value) in table {
                take_field(&mut out, &key, &Value::from_toml(value));
            }
            body
        }
        Some((FrontMatterKind::Yaml, fm, body)) => {
            let docs = load_yaml(fm)?;
            if let Some(yaml_rust2::Yaml::Hash(hash)) = docs.into_iter().next() {
                for (key, value) in hash {
                    if let Some(key) = key.as_str() {
                        take_field(&mut out, key, &Value::from_yaml(value));
                    }
                }
            }
            body
        }
        None => text,
    };

    let mut lines = clean_markdown(body, cleaned);
    if out.title.is_none() {
        // A leading `# Heading` is the headline.
        if let Some(i) = lines.iter().position(|l| !l.is_empty()) {
            if let Some(h) = lines[i].strip_prefix("# ") {
                out.title = Some(h.trim().trim_end_matches('#').trim().to_string());
                lines.remove(i);
            }
        }
    }
    out.body = lines.join("\n").trim().to_string();
    if out.title.as_deref().is_none_or(str::is_empty) {
        let first = out.body.split("\n\n").find(|p| !p.starts_with('#') && !p.starts_with("```")).unwrap_or("");
        out.title = Some(meta::title_from_text(&first.replace('\n', " ")));
        out.guessed.insert("title", "the first sentence".into());
    }
    Ok(out)
}

/// The most YAML nodes a front matter may stand for once its aliases are
/// expanded, and the deepest it may nest. Front matter is a handful of
/// fields; these are far above any real one and far below what hurts.
const YAML_MAX_NODES: usize = 10_000;
const YAML_MAX_DEPTH: usize = 64;

/// Parse YAML front matter, refusing it before loading when it would expand
/// past [`YAML_MAX_NODES`] nodes or nest deeper than [`YAML_MAX_DEPTH`]: a
/// few hundred bytes of nested aliases ("billion laughs") stand for
/// billions of nodes, and the loader copies each alias in full. The events
/// are counted first, in one pass and constant memory per anchor.
fn load_yaml(text: &str) -> Result<Vec<yaml_rust2::Yaml>, String> {
    use yaml_rust2::parser::{Event, Parser};
    let invalid = |e: yaml_rust2::ScanError| format!("front matter is not valid YAML: {e}");
    let mut parser = Parser::new_from_str(text);
    // Nodes so far (aliases counted as what they stand for), and per open
    // collection: its anchor and the count when it opened.
    let mut nodes = 0usize;
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut anchored: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    loop {
        let (event, _) = parser.next_token().map_err(invalid)?;
        match event {
            Event::StreamEnd => break,
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                nodes += 1;
                open.push((anchor, nodes));
                if open.len() > YAML_MAX_DEPTH {
                    return Err(format!("front matter nests deeper than {YAML_MAX_DEPTH} levels"));
                }
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((anchor, start)) = open.pop() {
                    if anchor > 0 {
                        anchored.insert(anchor, nodes - start + 1);
                    }
                }
            }
            Event::Scalar(_, _, anchor, _) => {
                nodes += 1;
                if anchor > 0 {
                    anchored.insert(anchor, 1);
                }
            }
            Event::Alias(anchor) => nodes = nodes.saturating_add(anchored.get(&anchor).copied().unwrap_or(1)),
            _ => {}
        }
        if nodes > YAML_MAX_NODES {
            return Err(format!(
                "front matter stands for more than {YAML_MAX_NODES} values once its aliases (`*name`) are expanded; write the values out instead"
            ));
        }
    }
    yaml_rust2::YamlLoader::load_from_str(text).map_err(invalid)
}

enum FrontMatterKind {
    Toml,
    Yaml,
}

/// (kind, front matter, body) when the text opens with a front-matter fence:
/// dossier's own (TOML between `+++` lines, split as the build splits it),
/// or YAML between `---` lines (closed by `---` or `...`), as other tools write it.
fn split_front_matter(text: &str) -> Option<(FrontMatterKind, &str, &str)> {
    if let Ok(parts) = front_matter::split(text) {
        return Some((FrontMatterKind::Toml, &text[parts.toml], &text[parts.body_start..]));
    }
    let first_end = text.find('\n')?;
    if text[..first_end].trim_end() != "---" {
        return None;
    }
    let mut pos = first_end + 1;
    while pos <= text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            return Some((FrontMatterKind::Yaml, &text[first_end + 1..pos], text.get(end + 1..).unwrap_or("")));
        }
        pos = end + 1;
    }
    None
}

/// Clean Markdown line by line, leaving fenced code blocks untouched and
/// collapsing runs of blank lines.
fn clean_markdown(body: &str, cleaned: &mut Cleaned) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut fence: Option<String> = None;
    let mut prose = String::new();
    let flush = |prose: &mut String, out: &mut Vec<String>, cleaned: &mut Cleaned| {
        for line in clean::clean_lines(prose, cleaned) {
            if !(line.is_empty() && out.last().is_some_and(String::is_empty)) {
                out.push(line);
            }
        }
        prose.clear();
    };
    for line in body.split('\n') {
        let trimmed = line.trim_start();
        match &fence {
            Some(f) => {
                out.push(line.trim_end_matches('\r').to_string());
                if trimmed.trim_end().starts_with(f.as_str()) && trimmed.trim_end().chars().all(|c| c == f.chars().next().unwrap_or('`')) {
                    fence = None;
                }
            }
            None if trimmed.starts_with("```") || trimmed.starts_with("~~~") => {
                flush(&mut prose, &mut out, cleaned);
                let marker: String = trimmed.chars().take_while(|&c| c == trimmed.chars().next().unwrap_or('`')).collect();
                fence = Some(marker);
                out.push(line.trim_end_matches('\r').to_string());
            }
            None => {
                prose.push_str(line);
                prose.push('\n');
            }
        }
    }
    flush(&mut prose, &mut out, cleaned);
    out
}

/// A front-matter value from either syntax, as much as dossier needs.
enum Value {
    Text(String),
    List(Vec<String>),
    Other,
}

impl Value {
    fn from_toml(v: toml::Value) -> Value {
        match v {
            toml::Value::String(s) => Value::Text(s),
            toml::Value::Datetime(d) => Value::Text(d.to_string()),
            toml::Value::Integer(i) => Value::Text(i.to_string()),
            toml::Value::Array(a) => Value::List(a.into_iter().filter_map(|v| v.as_str().map(str::to_string)).collect()),
            toml::Value::Table(t) => t.get("name").and_then(|n| n.as_str()).map_or(Value::Other, |n| Value::Text(n.to_string())),
            _ => Value::Other,
        }
    }

    fn from_yaml(v: yaml_rust2::Yaml) -> Value {
        use yaml_rust2::Yaml;
        match v {
            Yaml::String(s) | Yaml::Real(s) => Value::Text(s),
            Yaml::Integer(i) => Value::Text(i.to_string()),
            Yaml::Array(a) => Value::List(a.into_iter().filter_map(|v| v.into_string()).collect()),
            Yaml::Hash(h) => h.get(&Yaml::String("name".into())).and_then(|n| n.as_str()).map_or(Value::Other, |n| Value::Text(n.to_string())),
            _ => Value::Other,
        }
    }

    fn text(&self) -> Option<String> {
        match self {
            Value::Text(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
            Value::List(l) => Some(l.join(", ")).filter(|s| !s.is_empty()),
            Value::Other => None,
        }
    }

    fn list(&self) -> Vec<String> {
        match self {
            Value::Text(s) => s.split(',').map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect(),
            Value::List(l) => l.clone(),
            Value::Other => Vec::new(),
        }
    }
}

/// Put one front-matter field where dossier keeps it, or list it as not kept.
fn take_field(out: &mut Extracted, key: &str, value: &Value) {
    match key.to_ascii_lowercase().as_str() {
        "title" | "headline" => out.title = value.text(),
        "date" | "published" | "pubdate" | "date_published" | "published_at" => {
            out.date = value.text().and_then(|d| meta::parse_iso_date(&d));
            if out.date.is_none() {
                out.not_kept.push(format!("{key} (not a date)"));
            }
        }
        "outlet" | "publisher" | "site" | "site_name" | "source_name" | "publication" => out.outlet = value.text(),
        "url" | "link" | "canonical" | "canonical_url" | "source_url" | "original_url" | "permalink" => out.url = value.text(),
        "language" | "lang" | "locale" => out.language = value.text().and_then(|l| meta::language_tag(&l)),
        "author" | "authors" | "byline" => out.author = value.text(),
        "tags" | "keywords" | "categories" => out.tags.extend(value.list()),
        "events" => out.events.extend(value.list()),
        "actors" => out.actors.extend(value.list()),
        _ => out.not_kept.push(key.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter_maps_to_dossier_fields() {
        let mut c = Cleaned::default();
        let text =
            "---\ntitle: \"Talks in Geneva\"\ndate: 2025-11-23\nlang: en-GB\ntags: [geneva, talks]\nlayout: post\n---\n\nThe talks began.\n\n\n\nThey ended.\n";
        let e = read(text, &mut c).unwrap();
        assert_eq!(e.title.as_deref(), Some("Talks in Geneva"));
        assert_eq!(e.date, Some(jiff::civil::date(2025, 11, 23)));
        assert_eq!(e.language.as_deref(), Some("en"));
        assert_eq!(e.tags, ["geneva", "talks"]);
        assert_eq!(e.not_kept, ["layout"]);
        assert_eq!(e.body, "The talks began.\n\nThey ended.");
        assert!(e.guessed.is_empty());
    }

    #[test]
    fn code_blocks_are_kept_and_headline_becomes_title() {
        let mut c = Cleaned::default();
        let e = read("# The headline\n\nText\u{a0}here.\n\n```\n<p  kept\u{a0}as is\n```\n", &mut c).unwrap();
        assert_eq!(e.title.as_deref(), Some("The headline"));
        assert_eq!(e.body, "Text here.\n\n```\n<p  kept\u{a0}as is\n```");
    }
}
