//! The annotation language, read before Markdown sees the text.
//!
//! Two conventions users already know:
//! * attribute spans (Pandoc, Djot): `[passage]{.claim #id by=actor sourcing=anonymous}`
//! * CriticMarkup: `{==passage==}{>>note<<}` and a bare `{>>note<<}`
//!
//! Each annotation's opening and closing delimiters are replaced by one
//! private-use character each (its number encoded in the code point), which
//! Markdown treats like a letter. So emphasis, links and paragraphs parse
//! exactly as if the annotation markup were not there, and the renderer
//! turns the two characters back into an annotated passage. Code spans and
//! code blocks are left alone.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

/// First code point of the "annotation opens" characters (plane 15).
const OPEN_BASE: u32 = 0xF0000;
/// First code point of the "annotation closes" characters (plane 16).
const CLOSE_BASE: u32 = 0x100000;
use crate::limits::MAX_ANNOTATIONS;

/// Whether a character is one of ours (or a private-use character in the
/// planes we use, which input must not contain).
pub(super) fn marker(c: char) -> Option<Marker> {
    let c = c as u32;
    if (OPEN_BASE..OPEN_BASE + 0xFFFE).contains(&c) {
        Some(Marker::Open((c - OPEN_BASE) as usize))
    } else if (CLOSE_BASE..CLOSE_BASE + 0xFFFE).contains(&c) {
        Some(Marker::Close((c - CLOSE_BASE) as usize))
    } else {
        None
    }
}

/// Replace private-use characters from the planes the markers use, so input
/// can never forge a marker.
pub(super) fn defuse(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(|c| marker(c).is_some() || c == HOLE) {
        text.chars().map(|c| if marker(c).is_some() || c == HOLE { '\u{FFFD}' } else { c }).collect::<String>().into()
    } else {
        text.into()
    }
}

/// The Markdown extensions dossier uses, in both passes over a body (this
/// one, which finds code, and the renderer's).
pub(crate) fn options() -> pulldown_cmark::Options {
    pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_FOOTNOTES | pulldown_cmark::Options::ENABLE_STRIKETHROUGH
}

/// The annotation kinds (`.quote`) and attributes (`by=`): the words of the
/// language, which near-misses are measured against.
pub(super) const KINDS: &[&str] = &["quote", "claim", "note", "ref"];
pub(super) const ATTRIBUTES: &[&str] = &["by", "sourcing", "confidence", "about", "note", "to", "rel", "lang"];

/// Separates placeholders in rendered HTML (see `markdown.rs`); also defused.
pub(super) const HOLE: char = '\u{10FFFD}';

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Marker {
    Open(usize),
    Close(usize),
}

fn open_char(k: usize) -> char {
    char::from_u32(OPEN_BASE + k as u32).expect("valid private-use code point")
}

fn close_char(k: usize) -> char {
    char::from_u32(CLOSE_BASE + k as u32).expect("valid private-use code point")
}

/// An annotation as written: where it is and its raw attributes.
#[derive(Debug, Clone, Default)]
pub(super) struct Written {
    /// Byte range of the whole construct in the body.
    pub span: Range<usize>,
    /// `.kind` classes, in order.
    pub classes: Vec<(String, Range<usize>)>,
    pub id: Option<(String, Range<usize>)>,
    /// `key=value` pairs with the value's span.
    pub attrs: Vec<Attribute>,
    /// CriticMarkup: `Some(note)` for `{==x==}{>>note<<}` and `{>>note<<}`.
    pub critic_note: Option<(String, Range<usize>)>,
    /// CriticMarkup highlight without a comment.
    pub critic: bool,
    /// Anchored from the front matter by a TextQuoteSelector.
    pub standoff: bool,
    /// Standoff only: the id of the annotation it was imported from.
    pub via: Option<String>,
}

impl Written {
    fn shift(&mut self, by: usize) {
        let shift = |r: &mut Range<usize>| *r = r.start + by..r.end + by;
        shift(&mut self.span);
        self.classes.iter_mut().for_each(|(_, r)| shift(r));
        self.attrs.iter_mut().for_each(|(_, _, r)| shift(r));
        self.id.iter_mut().for_each(|(_, r)| shift(r));
        self.critic_note.iter_mut().for_each(|(_, r)| shift(r));
    }
}

/// A syntax error in the annotation markup.
#[derive(Debug, Clone)]
pub(super) struct SyntaxError {
    pub span: Range<usize>,
    pub message: String,
    pub hint: String,
}

/// The body with markers in place of annotation delimiters.
#[derive(Debug)]
pub(super) struct Marked {
    pub text: String,
    pub annotations: Vec<Written>,
    /// (offset in `text`, offset in the body) at the start of every copied run.
    map: Vec<(usize, usize)>,
}

impl Marked {
    /// Where an offset of the marked text lies in the original body.
    pub(super) fn body_offset(&self, offset: usize) -> usize {
        let i = self.map.partition_point(|&(t, _)| t <= offset).saturating_sub(1);
        match self.map.get(i) {
            Some(&(t, b)) => b + (offset - t),
            None => offset,
        }
    }
}

/// An insertion point for a standoff annotation: open and close positions in the body.
pub(super) struct Insert {
    pub start: usize,
    pub end: usize,
    pub written: Written,
}

/// Find the annotations in `body` and replace their delimiters by markers.
/// `standoff` are annotations anchored elsewhere, inserted at their positions.
/// Spans in the result are offsets in the file, whose body starts at `origin`.
pub(super) fn mark(body: &str, origin: usize, standoff: Vec<Insert>) -> (Marked, Vec<SyntaxError>) {
    let mut errors = Vec::new();
    // (position in body, length removed, replacement)
    let mut edits: Vec<(usize, usize, char)> = Vec::new();
    let mut annotations: Vec<Written> = Vec::new();

    // Near-misses hold a `{` (`] {.quote`, `{quote by=...}`) or `](.` (attributes in parentheses).
    let may_have_markup = body.contains('{') || body.contains("==}") || body.contains("](.");
    if may_have_markup {
        scan(body, &code_ranges(body), &mut edits, &mut annotations, &mut errors);
        annotations.iter_mut().for_each(|w| w.shift(origin));
        errors.iter_mut().for_each(|e| e.span = e.span.start + origin..e.span.end + origin);
    }
    // A standoff note at a point opens and closes at one position: unlike
    // two annotations that meet there, it must open before it closes.
    let mut points = std::collections::BTreeSet::new();
    for insert in standoff {
        let k = annotations.len();
        if insert.start == insert.end {
            points.insert(k);
        }
        edits.push((insert.start, 0, open_char(k)));
        edits.push((insert.end, 0, close_char(k)));
        annotations.push(insert.written);
    }
    if annotations.len() > MAX_ANNOTATIONS {
        errors.push(SyntaxError {
            span: annotations[MAX_ANNOTATIONS].span.clone(),
            message: format!("{} annotations in one article; the limit is {MAX_ANNOTATIONS}", annotations.len()),
            hint: "split the article or move some notes to a separate file".into(),
        });
        annotations.truncate(MAX_ANNOTATIONS);
        edits.retain(|&(_, _, c)| marker(c).is_some_and(|m| matches!(m, Marker::Open(k) | Marker::Close(k) if k < MAX_ANNOTATIONS)));
    }
    // At one position, a closing marker goes before an opening one, so that
    // adjacent annotations do not nest.
    edits.sort_by_key(|&(pos, len, c)| {
        let rank = match marker(c) {
            Some(Marker::Close(k)) if points.contains(&k) => 2,
            Some(Marker::Open(_)) => 1,
            _ => 0,
        };
        (pos, rank, len)
    });
    let mut text = String::with_capacity(body.len() + edits.len() * 4);
    let mut map = vec![(0, 0)];
    let mut copied = 0;
    for (pos, len, c) in edits {
        if pos < copied {
            continue;
        }
        text.push_str(&body[copied..pos]);
        text.push(c);
        copied = pos + len;
        map.push((text.len(), copied));
    }
    text.push_str(&body[copied..]);
    (Marked { text, annotations, map }, errors)
}

/// Byte ranges of code spans and code blocks: annotation markup inside them is text.
fn code_ranges(body: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => {
                if depth == 0 {
                    ranges.push(range);
                }
                depth += 1;
            }
            Event::End(pulldown_cmark::TagEnd::CodeBlock) => depth = depth.saturating_sub(1),
            Event::Code(_) if depth == 0 => ranges.push(range),
            _ => {}
        }
    }
    ranges
}

enum Opener {
    Bracket(usize),
    Highlight(usize),
}

fn scan(body: &str, code: &[Range<usize>], edits: &mut Vec<(usize, usize, char)>, annotations: &mut Vec<Written>, errors: &mut Vec<SyntaxError>) {
    let bytes = body.as_bytes();
    let mut stack: Vec<Opener> = Vec::new();
    let mut code = code.iter().peekable();
    let mut i = 0;
    while i < bytes.len() {
        while code.peek().is_some_and(|r| r.end <= i) {
            code.next();
        }
        if let Some(r) = code.peek() {
            if r.start <= i {
                i = r.end;
                continue;
            }
        }
        match bytes[i] {
            b'\\' => i += 2,
            b'[' => {
                stack.push(Opener::Bracket(i));
                i += 1;
            }
            b']' if attribute_block_after(body, i + 1).is_some() => {
                let brace = attribute_block_after(body, i + 1).expect("just checked");
                if brace > i + 1 {
                    errors.push(SyntaxError {
                        span: i..brace + 1,
                        message: "a space between `]` and `{`: the passage and its attributes must touch".into(),
                        hint: format!("remove the space: `]{}`", block_preview(body, brace)),
                    });
                }
                let Some(Opener::Bracket(open)) = pop_bracket(&mut stack) else {
                    errors.push(SyntaxError {
                        span: i..brace + 1,
                        message: "attribute block `]{...}` without an opening `[`".into(),
                        hint: "write the passage as [passage]{.note note=\"...\"}".into(),
                    });
                    i = brace + 1;
                    continue;
                };
                match parse_attrs(body, brace + 1, errors) {
                    Ok((mut written, end)) => {
                        written.span = open..end;
                        let k = annotations.len();
                        edits.push((open, 1, open_char(k)));
                        edits.push((i, end - i, close_char(k)));
                        annotations.push(written);
                        i = end;
                    }
                    Err(e) => {
                        let skip = e.span.end.max(i + 2);
                        errors.push(e);
                        i = skip;
                    }
                }
            }
            b']' => {
                if let Some(paren) = parenthesised_kind(body, i + 1) {
                    errors.push(SyntaxError {
                        span: i..paren + 1,
                        message: "annotation attributes in parentheses: `](` starts a link".into(),
                        hint: "annotation attributes go in braces: [passage]{.quote by=...}".into(),
                    });
                }
                if matches!(stack.last(), Some(Opener::Bracket(_))) {
                    stack.pop();
                }
                i += 1;
            }
            b'{' if body[i..].starts_with("{==") => {
                stack.push(Opener::Highlight(i));
                i += 3;
            }
            b'=' if body[i..].starts_with("==}") => {
                while matches!(stack.last(), Some(Opener::Bracket(_))) {
                    stack.pop();
                }
                let Some(Opener::Highlight(open)) = stack.pop() else {
                    errors.push(SyntaxError {
                        span: i..i + 3,
                        message: "`==}` closes a highlight that was never opened".into(),
                        hint: "a highlight is written {==passage==}{>>comment<<}".into(),
                    });
                    i += 3;
                    continue;
                };
                let mut end = i + 3;
                let mut written = Written { critic: true, ..Written::default() };
                let comment = end + gap_in_paragraph(&body[end..]);
                if comment > end && body[comment..].starts_with("{>>") {
                    errors.push(SyntaxError {
                        span: end..comment + 3,
                        message: "a space between a highlight and its comment: the comment would stand on its own".into(),
                        hint: "remove the space: {==passage==}{>>comment<<}".into(),
                    });
                    end = comment;
                }
                if body[end..].starts_with("{>>") {
                    match comment_end(body, end) {
                        Ok((note, note_span, after)) => {
                            written.critic_note = Some((note, note_span));
                            end = after;
                        }
                        Err(e) => errors.push(e),
                    }
                }
                written.span = open..end;
                let k = annotations.len();
                edits.push((open, 3, open_char(k)));
                edits.push((i, end - i, close_char(k)));
                annotations.push(written);
                i = end;
            }
            b'{' if body[i..].starts_with("{>>") => match comment_end(body, i) {
                Ok((note, note_span, after)) => {
                    let k = annotations.len();
                    annotations.push(Written { span: i..after, critic: true, critic_note: Some((note, note_span)), ..Written::default() });
                    edits.push((i, after - i, open_char(k)));
                    edits.push((after, 0, close_char(k)));
                    i = after;
                }
                Err(e) => {
                    i += 3;
                    errors.push(e);
                }
            },
            b'{' if body[i..].starts_with("{++") || body[i..].starts_with("{--") || body[i..].starts_with("{~~") => {
                let close = match &body[i + 1..i + 3] {
                    "++" => "++}",
                    "--" => "--}",
                    _ => "~~}",
                };
                match paragraph_find(body, i + 3, close) {
                    Some(at) => {
                        errors.push(SyntaxError {
                            span: i..at + 3,
                            message: format!("CriticMarkup `{}...{close}` is not an annotation: dossier reads highlights and comments only", &body[i..i + 3]),
                            hint: "edit the text itself; to comment on a passage, write {==passage==}{>>comment<<}".into(),
                        });
                        i = at + 3;
                    }
                    None => i += 3,
                }
            }
            b'{' if stray_block(body, i).is_some() => {
                let end = stray_block(body, i).expect("just checked");
                errors.push(SyntaxError {
                    span: i..end,
                    message: format!("attribute block `{}` with no [passage] before it", crate::text::clean_line(&body[i..end])),
                    hint: "put the passage in brackets right before it, with no space: [passage]{.quote by=...}".into(),
                });
                i = end;
            }
            _ => i += 1,
        }
    }
    for opener in stack {
        if let Opener::Highlight(at) = opener {
            errors.push(SyntaxError {
                span: at..at + 3,
                message: "highlight `{==` is never closed".into(),
                hint: "close it with `==}`, optionally followed by {>>comment<<}".into(),
            });
        }
    }
}

fn pop_bracket(stack: &mut Vec<Opener>) -> Option<Opener> {
    match stack.last() {
        Some(Opener::Bracket(_)) => stack.pop(),
        _ => None,
    }
}

/// Where the `{` of an attribute block starts after a `]` at `at`: right
/// there, or after spaces (a near-miss, reported). A block starts with `.`
/// or `#` (after optional spaces), or holds annotation words without their
/// dot (`{quote by=...}`, also a near-miss, reported when parsed);
/// `]{foo}` is just text.
fn attribute_block_after(body: &str, at: usize) -> Option<usize> {
    let brace = at + gap_on_line(&body[at..]);
    (body.as_bytes().get(brace) == Some(&b'{') && looks_like_attributes(&body[brace + 1..])).then_some(brace)
}

/// The text after a `{`: an attribute block, or a near-miss of one?
fn looks_like_attributes(rest: &str) -> bool {
    let t = rest.trim_start_matches([' ', '\t']);
    if t.starts_with('.') || t.starts_with('#') {
        return true;
    }
    let Some(inside) = t.find(['}', '\n']).filter(|&e| t.as_bytes()[e] == b'}').map(|e| &t[..e]) else { return false };
    let mut words = inside.split_whitespace();
    let first = words.next().unwrap_or("");
    kind_like(first).is_some() || attribute_like(first)
}

/// `word`, or a misspelling of it, is a kind: the kind.
fn kind_like(word: &str) -> Option<&'static str> {
    let word = word.strip_prefix('.').unwrap_or(word);
    KINDS.iter().copied().find(|k| *k == word).or_else(|| crate::text::closest(word, KINDS.iter().copied()).filter(|_| word.len() >= 4))
}

/// `key=...` with a key that is (or nearly is) an attribute.
fn attribute_like(token: &str) -> bool {
    token
        .split_once('=')
        .is_some_and(|(key, _)| ATTRIBUTES.contains(&key) || (key.len() >= 4 && crate::text::closest(key, ATTRIBUTES.iter().copied()).is_some()))
}

/// A block `{.kind ...}` (or `{kind key=...}`) at `at` that no `]` precedes:
/// where it ends. Only blocks naming a kind count: braces in prose stay prose.
fn stray_block(body: &str, at: usize) -> Option<usize> {
    let rest = &body[at + 1..];
    let close = rest.find(['}', '\n']).filter(|&e| rest.as_bytes()[e] == b'}')?;
    let inside = &rest[..close];
    let mut words = inside.split_whitespace();
    let first = words.next()?;
    let dotted = first.starts_with('.') && kind_like(first).is_some();
    let bare = kind_like(first).is_some() && words.any(attribute_like);
    (dotted || bare).then_some(at + 1 + close + 1)
}

/// `](.kind ...)`: attributes written as a link's address.
fn parenthesised_kind(body: &str, at: usize) -> Option<usize> {
    let rest = body.get(at..)?.strip_prefix('(')?;
    let word = rest.split([' ', ')', '\t', '\n']).next()?;
    (word.starts_with('.') && kind_like(word).is_some()).then_some(at)
}

/// The spaces and tabs at the start of `rest`, in bytes.
fn gap_on_line(rest: &str) -> usize {
    rest.len() - rest.trim_start_matches([' ', '\t']).len()
}

/// Spaces, tabs and at most one line break at the start of `rest` (the
/// paragraph goes on), in bytes.
fn gap_in_paragraph(rest: &str) -> usize {
    let mut gap = gap_on_line(rest);
    if rest[gap..].starts_with('\n') {
        let after = gap + 1 + gap_on_line(&rest[gap + 1..]);
        if !rest[after..].starts_with('\n') {
            gap = after;
        }
    }
    gap
}

/// `needle` after `from`, before the paragraph ends.
fn paragraph_find(body: &str, from: usize, needle: &str) -> Option<usize> {
    let found = from + body[from..].find(needle)?;
    (!body[from..found].contains("\n\n")).then_some(found)
}

/// The attribute block starting at the `{` at `brace`, for a hint (cut short).
fn block_preview(body: &str, brace: usize) -> String {
    let rest = &body[brace..];
    let end = rest.find('}').map_or(rest.len(), |e| e + 1).min(rest.find('\n').unwrap_or(rest.len()));
    let shown: String = rest[..end].chars().take(60).collect();
    if shown.len() < end {
        format!("{shown}...")
    } else {
        shown
    }
}

/// `{>>note<<}` starting at `at`: (note text, its span, position after `<<}`).
fn comment_end(body: &str, at: usize) -> Result<(String, Range<usize>, usize), SyntaxError> {
    let start = at + 3;
    match body[start..].find("<<}") {
        Some(len) if !body[start..start + len].contains("\n\n") => Ok((body[start..start + len].trim().to_string(), start..start + len, start + len + 3)),
        _ => Err(SyntaxError {
            span: at..at + 3,
            message: "comment `{>>` is never closed".into(),
            hint: "close the comment with `<<}` in the same paragraph".into(),
        }),
    }
}

/// Parse `{ .kind #id key=value key="quoted value" }` whose `{` is just
/// before `start`. Near-misses it can read past (a kind without its dot,
/// spaces around `=`) go to `errors`; the rest end the block.
fn parse_attrs(body: &str, start: usize, errors: &mut Vec<SyntaxError>) -> Result<(Written, usize), SyntaxError> {
    let bytes = body.as_bytes();
    let mut w = Written::default();
    let mut i = start;
    let unclosed = |at: usize| SyntaxError {
        span: start - 1..at,
        message: "attribute block is never closed".into(),
        hint: "close it with `}` on the same line, e.g. [passage]{.quote by=donald-trump}".into(),
    };
    loop {
        while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] == b'\n' {
            return Err(unclosed(i));
        }
        if bytes[i] == b'}' {
            return Ok((w, i + 1));
        }
        let token_start = i;
        let word_end = |mut j: usize| {
            while j < bytes.len() && !matches!(bytes[j], b' ' | b'\t' | b'\n' | b'}' | b'=' | b'"') {
                j += 1;
            }
            j
        };
        match bytes[i] {
            b'.' | b'#' => {
                let end = word_end(i + 1);
                let name = body[i + 1..end].to_string();
                if name.is_empty() {
                    return Err(SyntaxError {
                        span: i..i + 1,
                        message: format!("`{}` must be followed by a name", bytes[i] as char),
                        hint: "write .quote, .claim, .note or .ref; #id for an anchor".into(),
                    });
                }
                if bytes[i] == b'.' {
                    w.classes.push((name, i + 1..end));
                } else if w.id.is_some() {
                    return Err(SyntaxError { span: i..end, message: "an annotation has at most one #id".into(), hint: "remove one of the ids".into() });
                } else {
                    w.id = Some((name, i + 1..end));
                }
                i = end;
            }
            _ => {
                let key_end = word_end(i);
                let key = body[i..key_end].to_string();
                let equals = key_end + gap_on_line(&body[key_end..]);
                if !key.is_empty() && bytes.get(equals) == Some(&b'=') {
                    let value = equals + 1 + gap_on_line(&body[equals + 1..]);
                    if value != key_end + 1 {
                        errors.push(SyntaxError {
                            span: token_start..value,
                            message: format!("spaces around the `=` after `{key}`"),
                            hint: format!("write `{key}=value` with no spaces"),
                        });
                    }
                    let (attribute, next) = parse_value(body, &key, value)?;
                    w.attrs.push(attribute);
                    i = next;
                    continue;
                }
                if let Some(kind) = kind_like(&key) {
                    errors.push(SyntaxError {
                        span: token_start..key_end,
                        message: format!("`{key}` has no dot: a kind is written `.{kind}`"),
                        hint: format!("write {{.{kind} ...}}"),
                    });
                    w.classes.push((kind.to_string(), token_start..key_end));
                    i = key_end;
                    continue;
                }
                return Err(SyntaxError {
                    span: token_start..key_end.max(token_start + 1),
                    message: format!("expected `key=value`, `.kind` or `#id`, found `{}`", &body[token_start..key_end.max(token_start + 1)]),
                    hint: "values with spaces need double quotes: note=\"two words\"".into(),
                });
            }
        }
    }
}

/// An attribute as written: key, value, and the value's span (inside the quotes).
type Attribute = (String, String, Range<usize>);

/// The value of `key` starting at `at`, quoted or a bare word, and where
/// the text after it starts.
fn parse_value(body: &str, key: &str, at: usize) -> Result<(Attribute, usize), SyntaxError> {
    let bytes = body.as_bytes();
    if bytes.get(at) != Some(&b'"') {
        let mut end = at;
        while end < bytes.len() && !matches!(bytes[end], b' ' | b'\t' | b'\n' | b'}' | b'=' | b'"') {
            end += 1;
        }
        return Ok(((key.to_string(), body[at..end].to_string(), at..end), end));
    }
    let mut value = String::new();
    let mut j = at + 1;
    loop {
        match bytes.get(j) {
            None | Some(b'\n') => {
                return Err(SyntaxError {
                    span: at..j,
                    message: format!("the quoted value of `{key}` is never closed"),
                    hint: "close the value with `\"` on the same line; write \\\" for a quote inside it".into(),
                })
            }
            Some(b'\\') if matches!(bytes.get(j + 1), Some(b'"') | Some(b'\\')) => {
                value.push(bytes[j + 1] as char);
                j += 2;
            }
            Some(b'"') => break,
            Some(_) => {
                let c = body[j..].chars().next().expect("in bounds");
                value.push(c);
                j += c.len_utf8();
            }
        }
    }
    Ok(((key.to_string(), value, at + 1..j), j + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markers(text: &str) -> String {
        text.chars()
            .map(|c| match marker(c) {
                Some(Marker::Open(k)) => format!("<{k}>"),
                Some(Marker::Close(k)) => format!("</{k}>"),
                None => c.to_string(),
            })
            .collect()
    }

    #[test]
    fn attribute_spans_and_critic_markup_become_markers() {
        let body = "He said “[we need *guarantees*]{.quote by=volodymyr-zelensky}” and {==this==}{>>odd<<}.{>>point<<}";
        let (marked, errors) = mark(body, 0, Vec::new());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(markers(&marked.text), "He said “<0>we need *guarantees*</0>” and <1>this</1>.<2></2>");
        assert_eq!(marked.annotations[0].classes[0].0, "quote");
        assert_eq!(marked.annotations[0].attrs[0], ("by".into(), "volodymyr-zelensky".into(), marked.annotations[0].attrs[0].2.clone()));
        assert_eq!(marked.annotations[1].critic_note.as_ref().unwrap().0, "odd");
    }

    #[test]
    fn nested_spans_links_and_code_are_respected() {
        let body = "[outer [inner](https://x.org) and [in]{.note note=\"a \\\"b\\\"\"}]{.claim sourcing=anonymous} `[x]{.note}`";
        let (marked, errors) = mark(body, 0, Vec::new());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(markers(&marked.text), "<1>outer [inner](https://x.org) and <0>in</0></1> `[x]{.note}`");
        assert_eq!(marked.annotations[0].attrs[0].1, "a \"b\"");
    }

    #[test]
    fn unclosed_constructs_are_errors_with_positions() {
        for (body, wanted) in [
            ("[x]{.note note=\"open", "never closed"),
            ("[x]{.note", "never closed"),
            ("{==x", "never closed"),
            ("{>>x", "never closed"),
            ("x==}", "never opened"),
            ("[x]{.note bad}", "expected `key=value`"),
        ] {
            let (_, errors) = mark(body, 0, Vec::new());
            assert!(errors.iter().any(|e| e.message.contains(wanted)), "{body}: {errors:?}");
        }
    }

    #[test]
    fn near_misses_are_errors_that_say_how_to_write_it() {
        for (body, wanted) in [
            ("[passage] {.quote by=donald-trump}", "a space between `]` and `{`"),
            ("[passage]\t{.note note=x}", "a space between `]` and `{`"),
            ("[passage]{quote by=donald-trump}", "`quote` has no dot"),
            ("[passage]{qoute by=donald-trump}", "`qoute` has no dot: a kind is written `.quote`"),
            ("said {.quote by=donald-trump} today", "with no [passage] before it"),
            ("said {quote by=donald-trump} today", "with no [passage] before it"),
            ("{==x==} {>>c<<}", "a space between a highlight and its comment"),
            ("{==x==}\n{>>c<<}", "a space between a highlight and its comment"),
            ("[x]{.note note = \"c\"}", "spaces around the `=` after `note`"),
            ("[x](.claim sourcing=anonymous)", "in parentheses"),
            ("a {++ new ++} word", "is not an annotation"),
            ("a {-- old --} word", "is not an annotation"),
            ("a {~~ old ~> new ~~} word", "is not an annotation"),
        ] {
            let (_, errors) = mark(body, 0, Vec::new());
            assert!(errors.iter().any(|e| e.message.contains(wanted)), "{body:?}: {errors:?}");
        }
    }

    #[test]
    fn near_misses_are_read_as_what_they_meant_so_their_text_is_never_prose() {
        for body in ["[passage] {.quote by=donald-trump}", "[passage]{quote by=donald-trump}", "[passage]{.quote by = donald-trump}"] {
            let (marked, errors) = mark(body, 0, Vec::new());
            assert_eq!(errors.len(), 1, "{body}: {errors:?}");
            assert_eq!(markers(&marked.text), "<0>passage</0>", "{body}");
            assert_eq!(marked.annotations[0].classes[0].0, "quote");
            assert_eq!(marked.annotations[0].attrs[0].1, "donald-trump");
        }
        let (marked, _) = mark("{==x==} {>>c<<}", 0, Vec::new());
        assert_eq!(markers(&marked.text), "<0>x</0>");
        assert_eq!(marked.annotations[0].critic_note.as_ref().unwrap().0, "c");
    }

    #[test]
    fn braces_in_prose_and_separate_paragraphs_stay_prose() {
        for body in ["a set {1, 2} and [a]{b} and {x=1}", "{==x==}\n\n{>>a comment of its own<<}", "[1] {see above}", "`[x] {.quote by=y}`"] {
            let (_, errors) = mark(body, 0, Vec::new());
            assert!(errors.is_empty(), "{body:?}: {errors:?}");
        }
    }

    #[test]
    fn offsets_map_back_to_the_body() {
        let body = "ab [cd]{.note note=x} ef";
        let (marked, _) = mark(body, 0, Vec::new());
        let at = marked.text.find("ef").unwrap();
        assert_eq!(marked.body_offset(at), body.find("ef").unwrap());
    }
}
