//! Markdown to HTML, with actor mentions linked and annotations rendered.
//!
//! pulldown-cmark parses; this module rewrites its event stream before the
//! stock HTML writer sees it:
//! * raw HTML from the article becomes text (escaped), unless the dossier
//!   opted in, in which case the whole body goes through ammonia;
//! * links and images with unsafe schemes (`javascript:` and friends) lose
//!   their link and keep their text; links to other articles' `.md` files
//!   and to a page bundle's files are rewritten to where they are published,
//!   and an image that leads nowhere is an error (`links.rs`);
//! * text outside code and links is searched for actor names, each hit
//!   becoming a link to the actor's page, with the sentence around it kept for
//!   the actor page;
//! * annotation markers (see `markup.rs`) become highlighted passages with a
//!   sidenote;
//! * fenced code is highlighted by syntect, with CSS classes.
//!
//! Parts of a sidenote that depend on other articles (the title of a
//! cross-referenced article, "referenced by") are left as holes that the
//! render stage fills once every article is known.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd, TextMergeWithOffset};

use super::annotation::{self, Annotation};
use super::links::{self, Files, Resolved};
use super::markup::{marker, options, Marked, Marker, HOLE};
use super::matcher::{ActorMatcher, Named};
use super::{BodyPart, Hole, Mention};
use crate::load::{Actor, Role};
use crate::text::escape_html;
use crate::urls::{Page, PageKind};

/// What the renderer needs from the rest of the build.
pub(super) struct Context<'a> {
    pub matcher: &'a ActorMatcher,
    pub actors: &'a [Actor],
    /// The actors' ids, shared by their mentions rather than copied into each.
    pub ids: &'a [std::sync::Arc<str>],
    pub roles: &'a [Role],
    pub table: &'a annotation::ActorTable<'a>,
    pub allow_raw_html: bool,
    /// The interface words of sidenotes ("Claim", "anonymous source").
    pub strings: &'a crate::i18n::Strings,
}

/// The rendered body and what was found while rendering it.
pub(super) struct Rendered {
    pub body: Vec<BodyPart>,
    pub mentions: Vec<Mention>,
    /// Plain text of each annotation's passage, by annotation index.
    pub passages: Vec<String>,
    /// The rest of each passage's sentence (before, after), when the
    /// passage is only part of it.
    pub contexts: Vec<Option<(String, String)>>,
    /// The text before and after each passage where a W3C selector needs
    /// one (see [`annotation::Context`]), by annotation index.
    pub selector_contexts: Vec<annotation::Context>,
    pub has_code: bool,
    /// The first paragraph as plain text, for listings.
    pub summary: String,
    pub words: usize,
    /// (range in the marked text, message, hint)
    pub errors: Vec<(Range<usize>, String, String)>,
    /// Role mentions that could not be resolved, as `errors`.
    pub warnings: Vec<(Range<usize>, String, String)>,
    /// Links to other articles' `.md` files: (range in the marked text, the article's slug).
    pub article_links: Vec<(Range<usize>, String)>,
}

enum Frame {
    Tag,
    /// A link kept (true) or dropped for its unsafe URL (false).
    Link(bool),
    Image(bool),
    Annotation(usize),
}

struct PendingMention {
    actor: usize,
    start: usize,
    end: usize,
    number: u32,
}

struct Renderer<'a, 'c> {
    ctx: &'c Context<'c>,
    files: &'c Files<'c>,
    article_links: Vec<(Range<usize>, String)>,
    annotations: &'c [Annotation],
    out: Vec<Event<'a>>,
    stack: Vec<Frame>,
    /// Inside a link or image: no mention links, no annotation markup.
    linkish: usize,
    image: usize,
    code: Option<(String, String)>,
    /// The article's date, which decides who held a role.
    date: Option<jiff::civil::Date>,
    block_text: String,
    /// Every block's text so far, to tell whether a passage repeats.
    all_text: String,
    pending: Vec<PendingMention>,
    mentions: Vec<Mention>,
    passages: Vec<String>,
    /// Where each annotation's passage starts and ends in `block_text`.
    spans: Vec<(Option<usize>, Option<usize>)>,
    /// Annotations opened in the current block, whose context is taken when it ends.
    in_block: Vec<usize>,
    contexts: Vec<Option<(String, String)>>,
    /// Annotations whose passage is closed but whose number and note wait
    /// for the punctuation after it: "negotiations³." reads as
    /// "negotiations.³", never "negotiations ³ .".
    waiting: Vec<usize>,
    /// `lang` of the sidenotes when the article is in another language than the site.
    notes_lang: Option<&'c str>,
    /// Per annotation: where its passage starts and ends in the text of
    /// the whole body (`all_text` and the block after it; `usize::MAX` until it closes).
    body_spans: Vec<(usize, usize)>,
    open: Vec<usize>,
    closed: Vec<bool>,
    has_code: bool,
    summary: Option<String>,
    words: usize,
    errors: Vec<(Range<usize>, String, String)>,
    warnings: Vec<(Range<usize>, String, String)>,
}

pub(super) fn render(
    marked: &Marked,
    ctx: &Context<'_>,
    files: &Files<'_>,
    annotations: &[Annotation],
    date: Option<jiff::civil::Date>,
    notes_lang: Option<&str>,
) -> Rendered {
    let mut r = Renderer {
        ctx,
        files,
        article_links: Vec::new(),
        annotations,
        out: Vec::new(),
        stack: Vec::new(),
        linkish: 0,
        image: 0,
        code: None,
        date,
        block_text: String::new(),
        all_text: String::new(),
        pending: Vec::new(),
        mentions: Vec::new(),
        passages: vec![String::new(); annotations.len()],
        spans: vec![(None, None); annotations.len()],
        in_block: Vec::new(),
        contexts: vec![None; annotations.len()],
        waiting: Vec::new(),
        notes_lang,
        body_spans: vec![(0, usize::MAX); annotations.len()],
        open: Vec::new(),
        closed: vec![false; annotations.len()],
        has_code: false,
        summary: None,
        words: 0,
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    let parser = Parser::new_ext(&marked.text, options()).into_offset_iter();
    for (event, range) in TextMergeWithOffset::new(parser) {
        r.event(event, range);
    }
    r.finish_unclosed(marked.text.len());
    // A context only where the passage needs one (see `Context`).
    let selector_contexts = r
        .passages
        .iter()
        .zip(&r.body_spans)
        .map(|(passage, &(start, end))| {
            let passage = passage.trim();
            let repeats = passage.is_empty() || r.all_text.match_indices(passage).nth(1).is_some();
            let end = end.min(r.all_text.len());
            match repeats && start <= end {
                true => {
                    let (prefix, suffix) = super::standoff::context_around(&r.all_text, start..end);
                    annotation::Context::new(prefix, suffix)
                }
                false => annotation::Context::default(),
            }
        })
        .collect();
    let mut html = String::with_capacity(marked.text.len() * 2);
    pulldown_cmark::html::push_html(&mut html, nest_headings(r.out).into_iter());
    if ctx.allow_raw_html {
        html = sanitize(&html);
    }
    Rendered {
        body: split_holes(&html),
        mentions: r.mentions,
        passages: r.passages.into_iter().map(|p| crate::text::clean_line(&p)).collect(),
        contexts: r.contexts,
        selector_contexts,
        has_code: r.has_code,
        summary: r.summary.unwrap_or_default(),
        words: r.words,
        errors: r.errors,
        warnings: r.warnings,
        article_links: r.article_links,
    }
}

impl<'a> Renderer<'a, '_> {
    fn event(&mut self, event: Event<'a>, range: Range<usize>) {
        if !matches!(event, Event::Text(_) | Event::End(_)) {
            self.release_marks();
        }
        match event {
            Event::Text(text) => self.text(&text, range),
            Event::Html(text) | Event::InlineHtml(text) => {
                if self.ctx.allow_raw_html {
                    self.out.push(Event::InlineHtml(strip_markers(&text, &range, &mut self.errors).into()));
                } else {
                    self.text(&text, range);
                }
            }
            Event::Code(text) => {
                let text = strip_markers(&text, &range, &mut self.errors);
                self.plain(&text);
                self.out.push(Event::Code(text.into()));
            }
            Event::Start(tag) => self.start(tag, range),
            Event::End(end) => self.end(end, range),
            Event::SoftBreak | Event::HardBreak => {
                self.plain(" ");
                self.out.push(event);
            }
            other => self.out.push(other),
        }
    }

    fn start(&mut self, tag: Tag<'a>, range: Range<usize>) {
        if self.stack.len() == crate::limits::MAX_NESTING {
            self.errors.push((
                range.start..range.start + 1,
                format!("Markdown is nested more than {} levels deep here", crate::limits::MAX_NESTING),
                "flatten the quotes or lists; text pasted from the web sometimes carries runs of `>` or list markers".into(),
            ));
        }
        match tag {
            Tag::CodeBlock(kind) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or("").to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((lang, String::new()));
                self.stack.push(Frame::Tag);
            }
            Tag::HtmlBlock => {
                if !self.ctx.allow_raw_html {
                    self.out.push(Event::InlineHtml("<p class=\"raw-html\">".into()));
                }
                self.stack.push(Frame::Tag);
            }
            Tag::Link { link_type, dest_url, title, id } => {
                let dest = strip_markers(&dest_url, &range, &mut self.errors);
                let dest = self.rewrite(dest, false, &range);
                let safe = is_safe_url(&dest);
                if safe {
                    self.out.push(Event::Start(Tag::Link { link_type, dest_url: dest.into(), title, id }));
                }
                self.linkish += 1;
                self.stack.push(Frame::Link(safe));
            }
            Tag::Image { link_type, dest_url, title, id } => {
                let dest = strip_markers(&dest_url, &range, &mut self.errors);
                let dest = self.rewrite(dest, true, &range);
                let safe = is_safe_url(&dest) && !dest.trim_start().to_ascii_lowercase().starts_with("mailto:");
                if safe {
                    self.out.push(Event::Start(Tag::Image { link_type, dest_url: dest.into(), title, id }));
                }
                self.linkish += 1;
                self.image += 1;
                self.stack.push(Frame::Image(safe));
            }
            tag => {
                self.out.push(Event::Start(tag));
                self.stack.push(Frame::Tag);
            }
        }
    }

    fn end(&mut self, end: TagEnd, range: Range<usize>) {
        // An annotation still open here crosses the end of this element.
        while let Some(Frame::Annotation(k)) = self.stack.last() {
            let k = *k;
            self.errors.push((
                range.clone(),
                format!("annotation {} is still open at the end of this {}", self.annotations[k].describe(), element_name(end)),
                "an annotation must start and end inside the same paragraph, emphasis or link; move its closing `]{...}` (or `==}`)".into(),
            ));
            self.stack.pop();
            self.close_annotation(k);
        }
        self.release_marks();
        let frame = self.stack.pop();
        match end {
            TagEnd::CodeBlock => {
                if let Some((lang, code)) = self.code.take() {
                    self.has_code = true;
                    let code = strip_markers(&code, &range, &mut self.errors);
                    self.out.push(Event::Html(super::highlight::highlight(&code, &lang).into()));
                }
                self.flush_block();
            }
            TagEnd::HtmlBlock => {
                if !self.ctx.allow_raw_html {
                    self.out.push(Event::InlineHtml("</p>\n".into()));
                }
                self.flush_block();
            }
            TagEnd::Link => {
                self.linkish -= 1;
                if matches!(frame, Some(Frame::Link(true))) {
                    self.out.push(Event::End(end));
                }
            }
            TagEnd::Image => {
                self.linkish -= 1;
                self.image -= 1;
                if matches!(frame, Some(Frame::Image(true))) {
                    self.out.push(Event::End(end));
                }
            }
            _ => {
                self.out.push(Event::End(end));
                if matches!(end, TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell | TagEnd::FootnoteDefinition) {
                    self.flush_block();
                }
            }
        }
    }

    /// Text outside code: split at annotation markers, link actor mentions.
    fn text(&mut self, text: &str, range: Range<usize>) {
        if let Some((_, code)) = &mut self.code {
            code.push_str(text);
            return;
        }
        // Where a run starts in the marked text, for role warnings: exact when
        // the text is the source verbatim, else the start of the text event.
        let verbatim = text.len() == range.len();
        let at = |i: usize| if verbatim { range.start + i } else { range.start };
        let mut run_start = 0;
        for (i, c) in text.char_indices() {
            let Some(m) = marker(c) else { continue };
            self.run(&text[run_start..i], at(run_start), verbatim);
            if matches!(m, Marker::Open(_)) {
                self.release_marks();
            }
            run_start = i + c.len_utf8();
            let at = range.start + i..range.start + run_start;
            match m {
                Marker::Open(k) if k < self.annotations.len() => {
                    if self.linkish > 0 {
                        self.errors.push((
                            at,
                            "an annotation cannot start inside a link or image".into(),
                            "put the link inside the annotation: [text [link](url)]{.note note=\"...\"}".into(),
                        ));
                        continue;
                    }
                    self.open.push(k);
                    self.spans[k].0 = Some(self.block_text.len());
                    self.in_block.push(k);
                    self.body_spans[k] = (self.all_text.len() + self.block_text.len(), usize::MAX);
                    self.stack.push(Frame::Annotation(k));
                    self.out.push(Event::InlineHtml(annotation::open_html(&self.annotations[k]).into()));
                }
                Marker::Close(k) if k < self.annotations.len() => {
                    if let Some(Frame::Annotation(top)) = self.stack.last() {
                        if *top == k {
                            self.stack.pop();
                            self.close_annotation(k);
                            continue;
                        }
                    }
                    if !self.open.contains(&k) || self.linkish > 0 {
                        self.errors.push((
                            at,
                            format!("annotation {} ends inside a link, emphasis or code it did not start in", self.annotations[k].describe()),
                            "start and end the annotation at the same level of Markdown nesting".into(),
                        ));
                    }
                }
                _ => {}
            }
        }
        self.run(&text[run_start..], at(run_start), verbatim);
    }

    /// A link's or image's address, rewritten when it leads to another
    /// article's `.md` file or to a file of the bundle (see `links.rs`).
    fn rewrite(&mut self, dest: String, image: bool, range: &Range<usize>) -> String {
        match links::resolve(&dest, image, self.files) {
            Resolved::Leave => dest,
            Resolved::Article { slug, href } => {
                self.article_links.push((range.clone(), slug));
                href
            }
            Resolved::File { href } => href,
            Resolved::Missing(message, hint) => {
                self.errors.push((range.clone(), message, hint));
                dest
            }
        }
    }

    fn close_annotation(&mut self, k: usize) {
        self.open.retain(|&o| o != k);
        if self.body_spans[k].1 == usize::MAX {
            self.body_spans[k].1 = self.all_text.len() + self.block_text.len();
        }
        self.closed[k] = true;
        self.spans[k].1 = Some(self.block_text.len());
        self.out.push(Event::InlineHtml(annotation::CLOSE_PASSAGE.into()));
        self.waiting.push(k);
    }

    /// Write the numbers and notes of the passages closed last.
    fn release_marks(&mut self) {
        for k in std::mem::take(&mut self.waiting) {
            let html = annotation::marker_html(&self.annotations[k], self.ctx.table, self.ctx.strings, self.notes_lang);
            self.out.push(Event::InlineHtml(html.into()));
        }
    }

    /// A run of plain text (no markers), starting at `offset` in the marked
    /// text (exactly, when `exact`).
    fn run(&mut self, text: &str, offset: usize, exact: bool) {
        if text.is_empty() {
            return;
        }
        if !self.waiting.is_empty() {
            let cut = closing_punctuation(text);
            if cut > 0 {
                self.plain(&text[..cut]);
                self.out.push(Event::Text(text[..cut].to_string().into()));
            }
            self.release_marks();
            return self.run(&text[cut..], offset + cut, exact);
        }
        if self.linkish > 0 {
            self.plain(text);
            self.out.push(Event::Text(text.to_string().into()));
            return;
        }
        let mut last = 0;
        for hit in self.ctx.matcher.find(text) {
            let shown = &text[hit.start..hit.end];
            let (actor, role) = match hit.named {
                Named::Actor(i) => (i, None),
                Named::Role(r) => match self.resolve_role(r, shown, if exact { offset + hit.start..offset + hit.end } else { offset..offset }) {
                    Some(i) => (i, Some(&self.ctx.roles[r])),
                    None => continue,
                },
            };
            if hit.start > last {
                self.plain(&text[last..hit.start]);
                self.out.push(Event::Text(text[last..hit.start].to_string().into()));
            }
            let actor_entry = &self.ctx.actors[actor];
            let number = (self.mentions.len() + self.pending.len() + 1) as u32;
            let anchor = format!("m{number}");
            let start = self.block_text.len();
            self.plain(shown);
            self.pending.push(PendingMention { actor, start, end: self.block_text.len(), number });
            let html = match role {
                // Marked for readers: a class for the look, the resolution in
                // the title for a pointer and in hidden text for screen readers.
                Some(role) => format!(
                    "<a class=\"mention from-role\" id=\"{anchor}\" href=\"{}\" title=\"{name}, {title} on this date\">{}<span class=\"visually-hidden\"> ({name}, {title} on this date)</span></a>",
                    Page::actor(&actor_entry.id).href_from(PageKind::Article),
                    escape_html(shown),
                    name = escape_html(&actor_entry.name),
                    title = escape_html(&role.title),
                ),
                None => {
                    // The name on hover only where the spelling hides it:
                    // "Putin" and "President Putin" carry the name's last
                    // word and say whom they link to; "Путина", "Vitkov"
                    // or "US" do not.
                    let (shown_words, name) = (crate::text::fold(shown), crate::text::fold(&actor_entry.name));
                    let says_the_name = name.split_whitespace().last().is_some_and(|last| shown_words.split_whitespace().any(|w| w == last));
                    let title = if says_the_name { String::new() } else { format!(" title=\"{}\"", escape_html(&actor_entry.name)) };
                    format!("<a class=\"mention\" id=\"{anchor}\" href=\"{}\"{title}>{}</a>", Page::actor(&actor_entry.id).href_from(PageKind::Article), escape_html(shown))
                }
            };
            self.out.push(Event::InlineHtml(html.into()));
            last = hit.end;
        }
        if last < text.len() {
            self.plain(&text[last..]);
            self.out.push(Event::Text(CowStr::from(text[last..].to_string())));
        }
    }

    /// Who held role `r` on the article's date: exactly one actor, or a
    /// warning and no link (a role mention is never guessed).
    fn resolve_role(&mut self, r: usize, shown: &str, at: Range<usize>) -> Option<usize> {
        let role = &self.ctx.roles[r];
        let Some(date) = self.date else {
            self.warnings.push((
                at,
                format!("`{shown}` ({}) cannot be resolved: the article has no date", role.title),
                "add `date = ...` to the front matter, or name the person".into(),
            ));
            return None;
        };
        let holders = role.holders_on(date);
        match holders.as_slice() {
            [one] => self.ctx.actors.iter().position(|a| a.id == *one),
            [] => {
                self.warnings.push((
                    at,
                    format!("`{shown}` ({}): nobody in content/actors.toml held this role on {date}", role.title),
                    format!("add a [[role.holder]] for `{}` covering {date}, or name the person", role.title),
                ));
                None
            }
            several => {
                self.warnings.push((
                    at,
                    format!("`{shown}` ({}) is ambiguous on {date}: held by {}", role.title, several.join(" and ")),
                    "the holders' terms overlap in content/actors.toml; correct the dates, or name the person".into(),
                ));
                None
            }
        }
    }

    /// Record plain text: for sentences, passages, the summary.
    fn plain(&mut self, text: &str) {
        self.block_text.push_str(text);
        for &k in &self.open {
            self.passages[k].push_str(text);
        }
    }

    /// End of a block: give each mention in it its block, where its sentence is.
    fn flush_block(&mut self) {
        self.release_marks();
        let text = std::mem::take(&mut self.block_text);
        // The block is shared only when something keeps it: its mentions, or a passage's sentence.
        let block = (!self.pending.is_empty() || !self.in_block.is_empty()).then(|| std::sync::Arc::new(super::Block::new(&text)));
        if let Some(block) = &block {
            self.passage_contexts(block);
        }
        if !text.is_empty() {
            self.all_text.push_str(&text);
            self.all_text.push('\n');
        }
        self.words += super::words::count(&text);
        if self.summary.is_none() && text.trim().len() > 40 {
            self.summary = Some(truncate_chars(crate::text::clean_line(&text).as_str(), 280));
        }
        let Some(block) = block else { return };
        for p in self.pending.drain(..) {
            // Offsets fit in u32: input files are limited to a few MiB (load::MAX_FILE_BYTES).
            self.mentions.push(Mention::new(self.ctx.ids[p.actor].clone(), p.number, block.clone(), [p.start, p.end].map(|b| b as u32)));
        }
    }

    /// The sentence around each passage of the block that ends: kept when
    /// the passage is a fragment of it, for pages that show the passage alone.
    fn passage_contexts(&mut self, block: &super::Block) {
        let text = block.text();
        for k in std::mem::take(&mut self.in_block) {
            let (Some(start), Some(end)) = self.spans[k] else { continue };
            if end > text.len() || start > end {
                continue;
            }
            let s = block.sentence_at(start).start.min(start);
            let e = block.sentence_at(end.saturating_sub(1)).end.max(end);
            let (before, after) = (&text[s..start], &text[end..e]);
            let wordy = |t: &str| t.chars().any(char::is_alphanumeric);
            if wordy(before) || wordy(after) {
                self.contexts[k] = Some((super::trim_context_start(before), super::trim_context_end(after)));
            }
        }
    }

    fn finish_unclosed(&mut self, end: usize) {
        self.flush_block();
        for k in 0..self.annotations.len() {
            if !self.closed[k] && !self.errors.iter().any(|(_, m, _)| m.contains(&self.annotations[k].describe())) {
                self.errors.push((
                    end..end,
                    format!("annotation {} is never closed", self.annotations[k].describe()),
                    "an annotation must end inside the paragraph it starts in".into(),
                ));
            }
        }
    }
}

fn element_name(end: TagEnd) -> &'static str {
    match end {
        TagEnd::Paragraph => "paragraph",
        TagEnd::Emphasis => "emphasis",
        TagEnd::Strong => "strong emphasis",
        TagEnd::Link => "link",
        TagEnd::Heading(_) => "heading",
        TagEnd::Item => "list item",
        TagEnd::TableCell => "table cell",
        _ => "element",
    }
}

/// How many bytes of `text`'s start are punctuation that closes what comes
/// before it (a full stop, a comma, a closing quote or bracket): a note's
/// number goes after them. A straight quote counts only when no letter
/// follows it, since it may open the next quotation.
fn closing_punctuation(text: &str) -> usize {
    let mut cut = 0;
    for (i, c) in text.char_indices() {
        let closing = matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '…' | ')' | ']' | '}' | '»' | '”' | '’' | '"' | '\'');
        if !closing {
            break;
        }
        if matches!(c, '"' | '\'') && text[i + 1..].chars().next().is_some_and(char::is_alphanumeric) {
            break;
        }
        cut = i + c.len_utf8();
    }
    cut
}

/// Remove markers from text that cannot hold annotations (code, URLs), reporting them.
fn strip_markers(text: &str, range: &Range<usize>, errors: &mut Vec<(Range<usize>, String, String)>) -> String {
    if !text.chars().any(|c| marker(c).is_some()) {
        return text.to_string();
    }
    errors.push((
        range.clone(),
        "an annotation starts or ends inside code or a link address".into(),
        "move the annotation's brackets outside the code span or link".into(),
    ));
    text.chars().filter(|&c| marker(c).is_none()).collect()
}

/// Links may point to the web, to mail, or within the site; anything with
/// another scheme (`javascript:`, `data:`, `vbscript:`, `file:`) is dropped.
/// Browsers ignore tabs and newlines inside a scheme and leading spaces and
/// control characters, so those are removed before looking.
pub(crate) fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url.trim_start_matches(|c: char| c.is_whitespace() || c.is_control()).chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let scheme_end = cleaned.find([':', '/', '?', '#']);
    match scheme_end {
        Some(i) if cleaned[i..].starts_with(':') => {
            let scheme = cleaned[..i].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto")
        }
        _ => true,
    }
}

pub(super) fn truncate_chars(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", s[..i].trim_end()),
        None => s.to_string(),
    }
}

pub(super) fn tail_chars(s: &str, max: usize) -> String {
    let count = s.chars().count();
    if count <= max {
        return s.to_string();
    }
    let (i, _) = s.char_indices().nth(count - max).expect("in range");
    format!("…{}", s[i..].trim_start())
}

/// Split rendered HTML at hole placeholders (`HOLE kind number HOLE`).
fn split_holes(html: &str) -> Vec<BodyPart> {
    let mut parts = Vec::new();
    let mut pieces = html.split(HOLE);
    if let Some(first) = pieces.next() {
        parts.push(BodyPart::Html(first.to_string()));
    }
    while let (Some(hole), Some(after)) = (pieces.next(), pieces.next()) {
        let (kind, number) = hole.split_at(1);
        if let Ok(k) = number.parse() {
            parts.push(BodyPart::Hole(if kind == "T" { Hole::Target(k) } else { Hole::Backrefs(k) }));
        }
        parts.push(BodyPart::Html(after.to_string()));
    }
    parts.retain(|p| !matches!(p, BodyPart::Html(s) if s.is_empty()));
    parts
}

/// For dossiers that allow raw HTML: keep what is harmless, drop the rest
/// (scripts, event handlers, `javascript:` URLs, forms, frames, styles).
fn sanitize(html: &str) -> String {
    let mut builder = ammonia::Builder::default();
    builder
        .add_tags(["mark", "input", "label", "figure", "figcaption", "details", "summary"])
        .add_generic_attributes(["class", "id", "title", "role", "aria-label", "aria-hidden", "lang", "dir"])
        .add_tag_attributes("input", ["type"])
        .add_tag_attributes("label", ["for"])
        .link_rel(None)
        .id_prefix(None)
        .url_schemes(["http", "https", "mailto"].into_iter().collect());
    let _ = HOLE; // holes are plain characters and pass through untouched
    builder.clean(html).to_string()
}

/// A body's headings, moved under the page's title (its `h1`): the
/// highest becomes an `h2`, and none is more than one level below the one
/// before it. A pasted page's "### Section" first, or a "# Headline" among
/// its sections, must neither skip a level nor stand beside the title:
/// screen readers navigate by these levels. A body written with "##" and
/// "###" in order is left as it is.
fn nest_headings(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let top = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as usize),
            _ => None,
        })
        .min();
    let Some(top) = top else { return events };
    let mut previous = 1;
    events
        .into_iter()
        .map(|e| match e {
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                previous = (level as usize + 2).saturating_sub(top).clamp(2, previous + 1).min(6);
                Event::Start(Tag::Heading { level: heading_level(previous), id, classes, attrs })
            }
            // Headings do not nest: this closes the one just opened.
            Event::End(TagEnd::Heading(_)) => Event::End(TagEnd::Heading(heading_level(previous))),
            other => other,
        })
        .collect()
}

fn heading_level(n: usize) -> HeadingLevel {
    HeadingLevel::try_from(n).unwrap_or(HeadingLevel::H6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_schemes_are_recognised_however_written() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:x",
            " javascript:x",
            "java\tscript:x",
            "\u{1}javascript:x",
            "vbscript:x",
            "data:text/html,x",
            "file:///etc/passwd",
        ] {
            assert!(!is_safe_url(bad), "{bad:?}");
        }
        for good in ["https://example.org/a:b", "http://x", "mailto:a@b.c", "other.html#x", "/abs", "javascript%3Aalert(1)", "#top"] {
            assert!(is_safe_url(good), "{good:?}");
        }
    }
}
