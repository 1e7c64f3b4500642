//! An article's text as a reader sees it, paragraph by paragraph: no
//! Markdown, no annotation markup or notes, no code. For tools that look for
//! names in what the sources say (`dossier actors candidates`), where an
//! analyst's note or an attribute must not count as article text.

use pulldown_cmark::{Event, Parser, Tag, TagEnd, TextMergeWithOffset};

use super::markup::{self, marker};
use crate::load::LoadedArticle;

/// One paragraph (or heading, list item, table cell) of plain text.
#[derive(Debug, Clone)]
pub struct Paragraph {
    pub text: String,
    /// Line in the article file where the paragraph starts.
    pub line: usize,
}

/// The paragraphs of an article. Annotation syntax errors are ignored here
/// (`check` reports them); the text around them is still returned.
pub fn paragraphs(source: &LoadedArticle) -> Vec<Paragraph> {
    let body = markup::defuse(source.body());
    let (marked, _) = markup::mark(&body, source.body_start, Vec::new());
    let mut out = Vec::new();
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
                    let (line, _) = source.file.line_col(source.body_start + marked.body_offset(at));
                    out.push(Paragraph { text: crate::text::clean_line(&text), line });
                }
                text.clear();
            }
            _ => {}
        }
    }
    out
}
