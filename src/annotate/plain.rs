//! The text the reader sees of an article, block by block: no Markdown, no
//! annotation markup and no analyst's notes (the annotation syntax is read
//! by the one grammar of `markup.rs`, exactly as the build reads it), no
//! code blocks. For the tools that compare or search what the sources say:
//! `suggest` (whose features are this text's words, names and figures) and
//! `dossier actors candidates` (names in it), where an analyst's note or an
//! attribute must not count as article text.

use pulldown_cmark::{Event, Parser, Tag, TagEnd, TextMergeWithOffset};

use super::markup::{self, marker};
use crate::diagnostics::FileText;
use crate::load::LoadedArticle;

/// One paragraph (or heading, list item, table cell) of plain text.
#[derive(Debug, Clone)]
pub struct Paragraph {
    pub text: String,
    /// Line in the article file where the paragraph starts.
    pub line: usize,
}

/// Each block of `body` as the reader sees it, with the offset in `body`
/// where it starts. Annotation syntax errors are ignored here (`check`
/// reports them); the text around them is still returned.
fn blocks(body: &str, mut each: impl FnMut(String, usize)) {
    let body = markup::defuse(body);
    let (marked, _) = markup::mark(&body, 0, Vec::new());
    let mut text = String::new();
    let mut start = None;
    let mut code = 0usize;
    let parser = Parser::new_ext(&marked.text, super::markup::options()).into_offset_iter();
    for (event, range) in TextMergeWithOffset::new(parser) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => code += 1,
            Event::End(TagEnd::CodeBlock) => code = code.saturating_sub(1),
            Event::Text(t) if code == 0 => {
                start.get_or_insert(range.start);
                text.extend(t.chars().filter(|&c| marker(c).is_none()));
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell) => {
                if let Some(at) = start.take() {
                    each(crate::text::clean_line(&text), marked.body_offset(at));
                }
                text.clear();
            }
            _ => {}
        }
    }
}

/// The paragraphs of an article, with the line each starts on.
pub fn paragraphs(loaded: &LoadedArticle) -> Vec<Paragraph> {
    paragraphs_in(&loaded.file, loaded.body_start)
}

/// The paragraphs of the Markdown body starting at byte `body_start` of
/// `file`, with the line each starts on: for a file that did not load as an
/// article (`dossier diff` still compares its text).
pub fn paragraphs_in(file: &FileText, body_start: usize) -> Vec<Paragraph> {
    let mut out = Vec::new();
    blocks(file.text.get(body_start..).unwrap_or_default(), |text, at| {
        let (line, _) = file.line_col(body_start + at);
        out.push(Paragraph { text, line });
    });
    out
}

/// The text the reader sees of a Markdown body, one block a line.
pub fn reader_text(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    blocks(body, |text, _| {
        out.push_str(&text);
        out.push('\n');
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_notes_and_code_are_not_text() {
        let md = "# Talks [in Miami]{.note note=\"x } y\"}\n\n[Sources said this]{.claim #a sourcing=anonymous note=\"x } y\"}, {==on Tuesday==}{>>‘Tuesday’ is 2 December.<<} and\n[a link](https://x.org).{>>unanchored<<}\n\n```\n[code]{.note}\n```\n\n- a *list* item `with code`\n";
        assert_eq!(reader_text(md), "Talks in Miami\nSources said this, on Tuesday and a link.\na list item\n");
    }

    #[test]
    fn reader_text_never_shows_markup_on_the_hostile_corpus() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut checked = 0;
        for dir in ["content/articles", "tests/fixtures/hostile", "tests/fixtures/linking/articles"] {
            let Ok(entries) = std::fs::read_dir(root.join(dir)) else { continue };
            for entry in entries.flatten() {
                let Ok(text) = std::fs::read_to_string(entry.path()) else { continue };
                let body = crate::text::front_matter::split(&text).map_or(text.as_str(), |p| &text[p.body_start..]);
                let plain = reader_text(body);
                for markup in ["]{.", "{==", "==}", "{>>", "<<}", "](http"] {
                    assert!(!plain.contains(markup), "{}: `{markup}` in {plain:?}", entry.path().display());
                }
                assert!(plain.chars().all(|c| marker(c).is_none()), "{}", entry.path().display());
                checked += 1;
            }
        }
        assert!(checked >= 10, "only {checked} files");
    }
}
