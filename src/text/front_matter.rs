//! An article file: TOML front matter between `+++` lines, then Markdown.
//!
//! The one place that knows that layout. [`split`] finds the two parts
//! (the build reads articles with it, `import` scans the dossier's articles
//! with it); [`Editor`] changes the front matter of an existing article
//! (`suggest --write` adds events, `actors merge` rewrites actor ids) with
//! `toml_edit`, so the user's comments, key order, multi-line lists and line
//! endings survive and the edit reads as a small diff; [`New`] writes the
//! front matter of a new article (`import`).

use std::ops::Range;

use toml_edit::{Array, DocumentMut, Item, Value};

/// What an article file starts with, for messages.
pub const EXAMPLE: &str = "start the file with:\n+++\ntitle = \"...\"\noutlet = \"...\"\ndate = 2025-12-28\n+++";

/// Where the parts of an article file are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts {
    /// The TOML between the fences (byte range in the file).
    pub toml: Range<usize>,
    /// Where the Markdown body starts.
    pub body_start: usize,
}

/// Why a file has no usable front matter: where, what, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitError {
    pub span: Range<usize>,
    pub message: String,
    pub hint: String,
}

/// Find the front matter and the body. A byte-order mark before the first
/// fence is allowed; the fences may end in `\r\n` or trailing spaces.
pub fn split(text: &str) -> Result<Parts, SplitError> {
    let start = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let first_line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let first = text[start..first_line_end].trim_end();
    if first == "---" {
        return Err(SplitError {
            span: start..start + 3,
            message: "YAML front matter (`---`) is not supported".into(),
            hint: format!("use TOML between `+++` lines; {EXAMPLE}"),
        });
    }
    if first != "+++" {
        return Err(SplitError { span: start..first_line_end, message: "missing front matter".into(), hint: EXAMPLE.into() });
    }
    let toml_start = (first_line_end + 1).min(text.len());
    let mut pos = toml_start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if text[pos..end].trim_end() == "+++" {
            return Ok(Parts { toml: toml_start..pos, body_start: (end + 1).min(text.len()) });
        }
        pos = end + 1;
    }
    Err(SplitError {
        span: start..start + 3,
        message: "front matter opened here is never closed".into(),
        hint: "add a line with `+++` after the last field".into(),
    })
}

/// The front matter of an existing article, open for editing. Everything
/// outside the front matter (the fences, the body) is kept byte for byte.
pub struct Editor<'a> {
    text: &'a str,
    parts: Parts,
    doc: DocumentMut,
    crlf: bool,
}

impl<'a> Editor<'a> {
    /// Open the front matter of `text`; an error says where it cannot be
    /// read (a span in `text`).
    pub fn open(text: &'a str) -> Result<Editor<'a>, SplitError> {
        let parts = split(text)?;
        let toml = &text[parts.toml.clone()];
        // toml_edit writes new lines with `\n`: edit with `\n` throughout and
        // put the file's `\r\n` back when done.
        let crlf = toml.contains("\r\n");
        let normalised = if crlf { toml.replace("\r\n", "\n") } else { toml.to_string() };
        let doc = normalised.parse::<DocumentMut>().map_err(|e| {
            // Spans are in the normalised text; one line's shift at most per `\r`, so map by line.
            let at = e.span().map_or(parts.toml.start, |s| parts.toml.start + original_offset(toml, s.start, crlf));
            SplitError {
                span: at..at,
                message: format!("invalid TOML in the front matter: {}", e.message().trim()),
                hint: "fix the front matter (`dossier check` shows the same error)".into(),
            }
        })?;
        Ok(Editor { text, parts, doc, crlf })
    }

    /// The front matter as a TOML document, for edits this module has no
    /// helper for.
    pub fn doc(&mut self) -> &mut DocumentMut {
        &mut self.doc
    }

    /// Add `values` to the list of strings `key` (those it does not hold
    /// yet, in order), keeping the list's layout: a list written one item a
    /// line gets its new items one a line. A missing list is created right
    /// after the key `after` (or last). Returns the values added; an error
    /// when `key` holds something other than a list of strings.
    pub fn add_to_list(&mut self, key: &str, values: &[String], after: &str) -> Result<Vec<String>, String> {
        let root = self.doc.as_table_mut();
        if !root.contains_key(key) {
            root.insert(key, Item::Value(Value::Array(Array::new())));
            let rank = |k: &str, order: &[String]| {
                let i = order.iter().position(|o| o == k).unwrap_or(usize::MAX) as f64;
                if k == key {
                    order.iter().position(|o| o == after).map_or(f64::MAX, |a| a as f64 + 0.5)
                } else {
                    i
                }
            };
            let order: Vec<String> = root.iter().map(|(k, _)| k.to_string()).collect();
            root.sort_values_by(|k1, _, k2, _| rank(k1.get(), &order).total_cmp(&rank(k2.get(), &order)));
        }
        let shown = key.to_string();
        let Some(list) = root.get_mut(key).and_then(Item::as_array_mut) else {
            return Err(format!("`{shown}` is not a list"));
        };
        if list.iter().any(|v| v.as_str().is_none()) {
            return Err(format!("`{shown}` is not a list of strings"));
        }
        let mut added = Vec::new();
        for v in values {
            if list.iter().any(|x| x.as_str() == Some(v)) || added.contains(v) {
                continue;
            }
            // One item a line: the new item goes on a line of its own, indented
            // like the last one, and a comment after the last item stays on its
            // line. What follows the last item (comma, comment, line break,
            // the indent of `]`) is kept by toml_edit after the comma if there
            // is one, else in the item's own suffix.
            let mut value = Value::from(v.as_str());
            let trailing_comma = list.trailing_comma();
            let trailing = list.trailing().as_str().unwrap_or("").to_string();
            let last = list.len().checked_sub(1).and_then(|i| list.get_mut(i));
            let indent = last.as_ref().and_then(|l| l.decor().prefix()?.as_str()?.rsplit_once('\n').map(|(_, i)| i.to_string())).unwrap_or_default();
            let suffix = last.as_ref().and_then(|l| l.decor().suffix()?.as_str().map(str::to_string)).unwrap_or_default();
            let in_suffix = !trailing_comma && suffix.contains('\n');
            let tail = if in_suffix { suffix } else { trailing };
            if let Some((before, closing)) = tail.rsplit_once('\n') {
                value.decor_mut().set_prefix(format!("{before}\n{indent}"));
                if in_suffix {
                    if let Some(last) = last {
                        last.decor_mut().set_suffix("");
                    }
                }
                list.set_trailing(format!("\n{closing}"));
            }
            list.push_formatted(value);
            added.push(v.clone());
        }
        Ok(added)
    }

    /// The Markdown body, as in the file.
    pub fn body(&self) -> &'a str {
        &self.text[self.parts.body_start..]
    }

    /// The whole file with the edited front matter.
    pub fn finish(self) -> String {
        let body = self.body();
        self.finish_with(body)
    }

    /// The whole file with the edited front matter and `body` for the body.
    pub fn finish_with(self, body: &str) -> String {
        let toml = self.doc.to_string();
        let toml = if self.crlf { toml.replace('\n', "\r\n") } else { toml };
        let mut out = String::with_capacity(self.text.len() + 64);
        out.push_str(&self.text[..self.parts.toml.start]);
        out.push_str(&toml);
        out.push_str(&self.text[self.parts.toml.end..self.parts.body_start]);
        out.push_str(body);
        out
    }
}

/// Offset in `original` of offset `at` in its `\r\n`-to-`\n` normalised form.
fn original_offset(original: &str, at: usize, crlf: bool) -> usize {
    if !crlf {
        return at;
    }
    let mut normalised = 0;
    for (i, c) in original.char_indices() {
        if normalised >= at {
            return i;
        }
        if !(c == '\r' && original[i + 1..].starts_with('\n')) {
            normalised += c.len_utf8();
        }
    }
    original.len()
}

/// The front matter of a new article, written field by field in the order
/// given, each value encoded as TOML.
#[derive(Default)]
pub struct New {
    doc: DocumentMut,
}

impl New {
    pub fn string(&mut self, key: &str, value: &str) -> &mut Self {
        self.doc.insert(key, toml_edit::value(value));
        self
    }

    pub fn date(&mut self, key: &str, date: jiff::civil::Date) -> &mut Self {
        let date = toml_edit::Date { year: date.year() as u16, month: date.month() as u8, day: date.day() as u8 };
        self.doc.insert(key, toml_edit::value(toml_edit::Datetime { date: Some(date), time: None, offset: None }));
        self
    }

    pub fn dates(&mut self, key: &str, dates: &[jiff::civil::Date]) -> &mut Self {
        let list: Array = dates
            .iter()
            .map(|d| toml_edit::Datetime {
                date: Some(toml_edit::Date { year: d.year() as u16, month: d.month() as u8, day: d.day() as u8 }),
                time: None,
                offset: None,
            })
            .collect();
        self.doc.insert(key, toml_edit::value(list));
        self
    }

    pub fn strings(&mut self, key: &str, values: &[String]) -> &mut Self {
        self.doc.insert(key, toml_edit::value(values.iter().map(String::as_str).collect::<Array>()));
        self
    }

    /// The article file: the front matter, then the body.
    pub fn article(&self, body: &str) -> String {
        format!("+++\n{}+++\n\n{}\n", self.doc, body.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn add(text: &str, key: &str, values: &[&str]) -> String {
        let mut e = Editor::open(text).unwrap();
        e.add_to_list(key, &values.iter().map(|s| s.to_string()).collect::<Vec<_>>(), "date").unwrap();
        e.finish()
    }

    #[test]
    fn split_finds_the_parts_and_says_what_is_wrong() {
        let text = "\u{feff}+++\r\ntitle = \"x\"\r\n+++  \r\nBody\n";
        let parts = split(text).unwrap();
        assert_eq!(&text[parts.toml.clone()], "title = \"x\"\r\n");
        assert_eq!(&text[parts.body_start..], "Body\n");
        assert_eq!(split("+++\ntitle = \"x\"\n+++").unwrap().body_start, 19);
        assert!(split("---\ntitle: x\n---\n").unwrap_err().message.contains("YAML"));
        assert_eq!(split("# Title\n").unwrap_err().message, "missing front matter");
        assert!(split("+++\ntitle = \"x\"\n").unwrap_err().message.contains("never closed"));
    }

    #[test]
    fn only_the_edited_line_changes_and_comments_survive() {
        let text = "+++\n# Checked by hand.\ntitle = \"T\"   # the print headline\ndate = 2025-12-28\nevents = [\"a\"] # from the wire\ntags = [\"x\"]\n\n[[annotation]]\nkind = \"note\"\nexact = \"Body\"\n+++\n\nBody, events = [\"z\"]\n";
        assert_eq!(add(text, "events", &["b", "a"]), text.replace("events = [\"a\"]", "events = [\"a\", \"b\"]"));
        // Nothing to add: the file is unchanged, byte for byte.
        assert_eq!(add(text, "events", &["a"]), text);
    }

    #[test]
    fn multi_line_lists_keep_one_item_a_line() {
        let text = "+++\ntitle = \"T\"\nevents = [\n  \"a\", # the first\n  \"b\",\n]\n+++\nBody\n";
        assert_eq!(add(text, "events", &["c"]), "+++\ntitle = \"T\"\nevents = [\n  \"a\", # the first\n  \"b\",\n  \"c\",\n]\n+++\nBody\n");
        let text = "+++\nevents = [\n    \"a\",\n    \"b\" # the last\n  ]\n+++\n";
        assert_eq!(add(text, "events", &["c", "d"]), "+++\nevents = [\n    \"a\",\n    \"b\", # the last\n    \"c\",\n    \"d\"\n  ]\n+++\n");
    }

    #[test]
    fn a_missing_list_goes_after_the_given_key_with_the_files_line_endings() {
        let text = "+++\r\ntitle = \"T\"\r\ndate = 2025-12-28\r\nurl = \"https://x.org\"\r\n+++\r\nBody\r\n";
        assert_eq!(
            add(text, "events", &["e-1"]),
            "+++\r\ntitle = \"T\"\r\ndate = 2025-12-28\r\nevents = [\"e-1\"]\r\nurl = \"https://x.org\"\r\n+++\r\nBody\r\n"
        );
    }

    #[test]
    fn a_list_of_something_else_is_refused() {
        let mut e = Editor::open("+++\nevents = \"a\"\n+++\n").unwrap();
        assert!(e.add_to_list("events", &["b".into()], "date").is_err());
        let mut e = Editor::open("+++\nevents = [1]\n+++\n").unwrap();
        assert!(e.add_to_list("events", &["b".into()], "date").is_err());
        assert!(Editor::open("+++\r\ntitle = \"x\"\r\ntitle = \"y\"\r\n+++\r\n").is_err());
    }

    #[test]
    fn new_front_matter_is_toml_the_build_reads_back() {
        let mut fm = New::default();
        fm.string("title", "A \"quoted\" title").date("date", jiff::civil::date(2025, 12, 28)).strings("tags", &["a".into(), "b".into()]);
        let text = fm.article("Body.\n\n");
        assert_eq!(text, "+++\ntitle = 'A \"quoted\" title'\ndate = 2025-12-28\ntags = [\"a\", \"b\"]\n+++\n\nBody.\n");
        let parts = split(&text).unwrap();
        let table: toml::Table = toml::from_str(&text[parts.toml]).unwrap();
        assert_eq!(table["title"].as_str(), Some("A \"quoted\" title"));
    }
}
