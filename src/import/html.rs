//! Saved web pages: the article's text and the page's own metadata.
//!
//! Metadata comes from what publishers put in pages for search engines and
//! social networks, in this order of trust: schema.org JSON-LD (`NewsArticle`
//! and friends), Open Graph and `article:` meta tags, then `<title>`,
//! `<link rel=canonical>`, `<time datetime>` and `<html lang>`. The body is
//! the text of the paragraphs, subheadings, quotes and list items inside the
//! article element (or `main`, or the whole body), leaving out navigation,
//! asides, scripts, figures and forms.

use std::collections::HashMap;

use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value as Json;

use super::clean::{self, Cleaned};
use super::{meta, Extracted};

/// A selector parsed once per process: parsing one costs more than
/// matching it against a page.
macro_rules! css {
    ($css:literal) => {{
        static SELECTOR: std::sync::LazyLock<Selector> = std::sync::LazyLock::new(|| Selector::parse($css).expect("valid selector"));
        &*SELECTOR
    }};
}

pub(crate) fn read(text: &str, cleaned: &mut Cleaned) -> Extracted {
    let (text, flattened) = flatten_deep_nesting(text);
    cleaned.flattened += flattened;
    let doc = Html::parse_document(&text);
    let mut out = Extracted::default();
    let ld = json_ld_article(&doc);
    // Each key's first `<meta>` with a content, by property, name or itemprop.
    let mut metas: HashMap<&str, &str> = HashMap::new();
    for m in doc.select(css!("meta[content]")) {
        let (m, content) = (m.value(), m.value().attr("content").unwrap_or_default());
        for key in ["property", "name", "itemprop"].into_iter().filter_map(|a| m.attr(a)) {
            metas.entry(key).or_insert(content);
        }
    }
    let meta_content = |keys: &[&str]| -> Option<String> { keys.iter().find_map(|key| metas.get(key).map(|c| flatten(c)).filter(|s| !s.is_empty())) };
    let ld_text = |key: &str| ld.as_ref().and_then(|o| o.get(key)).and_then(json_text);

    let mut reader = Reader { page: &text, reader: None };
    let page_title = first_text(&doc, css!("title"));
    out.title = ld_headline(ld.as_ref(), page_title.as_deref())
        .or_else(|| meta_content(&["og:title", "twitter:title", "parsely-title"]))
        .or_else(|| title_by_readability(&mut reader))
        .or_else(|| first_text(&doc, css!("article h1, h1")))
        .or(page_title);
    out.date = ld_text("datePublished")
        .or_else(|| meta_content(&["article:published_time", "datePublished", "date", "pubdate", "dc.date", "DC.date.issued", "parsely-pub-date"]))
        .or_else(|| doc.select(css!("time[datetime]")).find_map(|t| t.value().attr("datetime").map(str::to_string)))
        .and_then(|d| meta::parse_iso_date(&d));
    out.url = doc
        .select(css!(r#"link[rel~="canonical"]"#))
        .find_map(|l| l.value().attr("href").map(str::trim).map(str::to_string))
        .or_else(|| meta_content(&["og:url"]))
        .or_else(|| ld.as_ref().and_then(|o| o.get("url").or_else(|| o.get("mainEntityOfPage"))).and_then(json_id));
    out.outlet = meta_content(&["og:site_name", "application-name"]).or_else(|| ld.as_ref().and_then(|o| o.get("publisher")).and_then(json_name));
    out.author = ld
        .as_ref()
        .and_then(|o| o.get("author"))
        .and_then(json_name)
        .or_else(|| meta_content(&["author", "article:author", "parsely-author"]).filter(|a| !a.contains("://")));
    out.language = doc
        .root_element()
        .value()
        .attr("lang")
        .map(str::to_string)
        .or_else(|| ld_text("inLanguage"))
        .or_else(|| meta_content(&["og:locale"]))
        .and_then(|l| meta::language_tag(&l));
    if let Some(keywords) = meta_content(&["news_keywords", "keywords"]) {
        out.tags = keywords.split(',').map(|k| k.trim().to_string()).filter(|k| !k.is_empty()).take(12).collect();
    }

    let mut blocks = Vec::new();
    let marked_up = doc.select(css!(r#"[itemprop="articleBody"]"#)).next().is_some();
    let readable = if marked_up || !has_text_to_choose_from(&doc) { None } else { readable_content(&mut reader) };
    if out.author.is_none() {
        // A page whose text is marked up skips Readability for its text,
        // not for its byline.
        let byline = match &readable {
            Some((_, byline)) => byline.clone(),
            None if marked_up => readable_content(&mut reader).and_then(|(_, byline)| byline),
            None => None,
        };
        out.author = byline.as_deref().and_then(author_of_byline);
    }
    let container = match &readable {
        Some((fragment, _)) => Some(fragment.root_element()),
        None => article_container(&doc),
    };
    if let Some(container) = container {
        collect_blocks(container, &mut blocks, out.title.as_deref());
    }
    let mut paragraphs: Vec<String> = Vec::new();
    for block in blocks {
        let lines = clean::clean_lines(&block, cleaned);
        let text = lines.join(" ");
        let text = clean::tidy_spaces(&text);
        if !text.is_empty() && text != "##" && text != "-" && text != ">" {
            paragraphs.push(text);
        }
    }
    // Some pages keep the text only in JSON-LD (or render it with scripts).
    let body_chars: usize = paragraphs.iter().map(|p| p.len()).sum();
    if let Some(article_body) = ld_text("articleBody").filter(|b| b.len() > body_chars * 2) {
        paragraphs = clean::clean_lines(&article_body, cleaned).into_iter().filter(|l| !l.is_empty()).collect();
    }
    out.body = clean::join_paragraphs(&paragraphs);
    if out.title.is_none() {
        out.title = paragraphs.iter().find(|p| !p.starts_with('#')).map(|p| meta::title_from_text(p));
        out.guessed.insert("title", "the first sentence".into());
    }
    out
}

/// Elements without content (no end tag), elements whose end tag may be
/// left out (they never pile up), and elements whose content is raw text.
const VOID: &[&str] = &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param", "keygen"];
const OPTIONAL_END: &[&str] = &[
    "html", "head", "body", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup", "rb", "rt", "rp", "colgroup", "caption",
];
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"];

/// The page with the start and end tags of elements nested deeper than
/// [`crate::limits::MAX_HTML_DEPTH`] left out (their text stays, one level up), and how
/// many were left out. A pass over the text that only looks at tags: what
/// it cannot read as a tag it copies as it is.
fn flatten_deep_nesting(text: &str) -> (std::borrow::Cow<'_, str>, usize) {
    let mut out = String::new();
    let mut open: Vec<(String, bool)> = Vec::new();
    let mut dropped = 0;
    let mut copied = 0;
    let mut at = 0;
    while let Some(lt) = text[at..].find('<').map(|i| at + i) {
        let Some(tag) = read_tag(text, lt) else {
            at = lt + 1;
            continue;
        };
        at = tag.end;
        let name = tag.name.to_ascii_lowercase();
        if tag.closing {
            // Only the nearest few: a stray end tag must not cost a walk of a deep stack.
            let Some(i) = open.iter().rev().take(64).position(|(n, _)| *n == name).map(|i| open.len() - 1 - i) else { continue };
            let kept = open[i].1;
            open.truncate(i);
            if !kept {
                out.push_str(&text[copied..lt]);
                copied = tag.end;
            }
            continue;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            // Its content is text up to its end tag, whatever it looks like.
            let close = format!("</{name}");
            at = find_ascii_case_insensitive(&text[at..], &close).map_or(text.len(), |i| at + i);
            continue;
        }
        if tag.self_closing || VOID.contains(&name.as_str()) || OPTIONAL_END.contains(&name.as_str()) {
            continue;
        }
        let kept = open.len() < crate::limits::MAX_HTML_DEPTH;
        open.push((name, kept));
        if !kept {
            out.push_str(&text[copied..lt]);
            copied = tag.end;
            dropped += 1;
        }
    }
    if dropped == 0 {
        return (std::borrow::Cow::Borrowed(text), 0);
    }
    out.push_str(&text[copied..]);
    (std::borrow::Cow::Owned(out), dropped)
}

/// A tag starting at `lt`: its name, whether it closes or closes itself,
/// and where it ends; `None` when the text there is not a tag (`a < b`) or
/// is a comment, doctype or processing instruction (skipped whole).
struct Tag<'a> {
    name: &'a str,
    closing: bool,
    self_closing: bool,
    end: usize,
}

fn read_tag(text: &str, lt: usize) -> Option<Tag<'_>> {
    let rest = &text[lt + 1..];
    if rest.starts_with("!--") {
        let end = rest.find("-->").map_or(text.len(), |i| lt + 1 + i + 3);
        return Some(Tag { name: "!--", closing: false, self_closing: true, end });
    }
    let closing = rest.starts_with('/');
    let after = if closing { &rest[1..] } else { rest };
    if !after.starts_with(|c: char| c.is_ascii_alphabetic()) {
        if rest.starts_with(['!', '?']) {
            let end = rest.find('>').map_or(text.len(), |i| lt + 1 + i + 1);
            return Some(Tag { name: "!", closing: false, self_closing: true, end });
        }
        return None;
    }
    let name_len = after.find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>').unwrap_or(after.len());
    let name = &after[..name_len];
    // The end: the first `>` outside quoted attribute values.
    let start = lt + 1 + usize::from(closing) + name_len;
    let mut quote = None;
    let mut end = text.len();
    for (i, c) in text[start..].char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => {
                end = start + i + 1;
                break;
            }
            _ => {}
        }
    }
    let self_closing = text[..end].ends_with("/>");
    Some(Tag { name, closing, self_closing, end })
}

fn find_ascii_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack.as_bytes().windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle))
}

/// Collapse white space in a metadata string.
fn flatten(s: &str) -> String {
    clean::tidy_spaces(&s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The article's JSON-LD headline. Some publishers put a description under
/// `headline` and the title under `name` (Wikipedia: "New Zealand",
/// "constitutional monarchy in Oceania"): when the two differ, the one the
/// page's `<title>` holds is the title.
fn ld_headline(ld: Option<&serde_json::Map<String, Json>>, page_title: Option<&str>) -> Option<String> {
    let field = |key: &str| ld.and_then(|o| o.get(key)).and_then(json_text).map(|t| flatten(&t));
    let (headline, name) = (field("headline"), field("name"));
    let in_page_title = |t: &String| page_title.is_some_and(|p| p.to_lowercase().contains(&t.to_lowercase()));
    match (headline, name) {
        (Some(h), Some(n)) if h != n && !in_page_title(&h) && in_page_title(&n) => Some(n),
        (headline, _) => headline,
    }
}

/// The title Readability reads from `<title>` and the headings, for a page
/// without a headline in its metadata: the site's name cut off ("… | Site"),
/// a heading only when `<title>` is too short or too long to be one (a
/// section's `<h1>` such as "Allergies Health Center" is not the article's).
fn title_by_readability(reader: &mut Reader) -> Option<String> {
    Some(flatten(&reader.get()?.get_article_title())).filter(|t| !t.is_empty())
}

/// Readability's reader of a page, built when first asked for: the title's
/// fallback and the article's text share its parse of the page.
struct Reader<'a> {
    page: &'a str,
    reader: Option<Option<dom_smoothie::Readability>>,
}

impl Reader<'_> {
    fn get(&mut self) -> Option<&mut dom_smoothie::Readability> {
        let page = self.page;
        self.reader
            .get_or_insert_with(|| {
                let config = dom_smoothie::Config { max_elements_to_parse: MAX_READABLE_ELEMENTS, ..Default::default() };
                dom_smoothie::Readability::new(page, None, Some(config)).ok()
            })
            .as_mut()
    }
}

fn first_text(doc: &Html, selector: &Selector) -> Option<String> {
    doc.select(selector).map(|e| flatten(&e.text().collect::<String>())).find(|t| !t.is_empty())
}

/// The article's part of the page as Readability (Mozilla's algorithm, as
/// `dom_smoothie` implements it) finds it: every block scored by its text,
/// commas and link density, with class and id names such as `comment`,
/// `sidebar`, `share` or `promo` weighing against, and the best-scoring
/// container with its like siblings kept. That is what removes menus, cookie
/// banners, "read more" lists and language pickers in general, rather than a
/// list of their phrases. `None` when it finds no article (a page of a few
/// lines, a listing), and the importer falls back to the page's own
/// `<article>`/`main`/`body`. With it, the byline Readability found: the
/// text of an element marked as the author's (`rel="author"`, an `author`
/// or `byline` class), as the page shows it.
fn readable_content(reader: &mut Reader) -> Option<(Html, Option<String>)> {
    let article = reader.get()?.parse().ok()?;
    (!article.text_content.trim().is_empty()).then(|| (Html::parse_fragment(&article.content), article.byline))
}

/// The writer's name in a byline as pages show it: "By Erin Cunningham",
/// "Written by Rob Ewaschuk Edited by …", "By Nathan Willis March 25,
/// 2015", "Bradley M. Kuhn (http://…)", "Brenda Goodman, MA WebMD Health
/// News" (Readability's byline has its line breaks flattened). The name is the run of capitalised words after a "By" (or its
/// German, French and Spanish kin), ending at a comma, a bracket, a date or
/// a word in lower case. `None` for a label ("Last Updated: …") or a byline
/// in a script without capitals, whose name cannot be told from the rest.
fn author_of_byline(byline: &str) -> Option<String> {
    let flat = flatten(byline);
    let lower = flat.to_lowercase();
    // The opening words are ASCII, so their lengths are the same in `flat`.
    let written = if lower.starts_with("written ") { "written ".len() } else { 0 };
    let opener = meta::BYLINE_OPENERS.iter().find(|w| lower[written..].strip_prefix(**w).is_some_and(|rest| rest.starts_with(' ')));
    let start = opener.map_or(0, |w| written + w.len() + 1);
    let words: Vec<&str> = flat[start..].split_whitespace().collect();
    let mut name: Vec<&str> = Vec::new();
    for (i, word) in words.iter().enumerate() {
        if word.ends_with(':') {
            return None;
        }
        let letters = word.trim_end_matches([',', ';']);
        let letters = letters.find(|c: char| c.is_ascii_digit()).map_or(letters, |digit| &letters[..digit]);
        let next = words.get(i + 1).copied().unwrap_or_default();
        // "March 25" is a date and "Edited by" another credit, not the name's last word.
        let ends_name = next.starts_with(|c: char| c.is_ascii_digit()) || next == "by";
        let capitalised = letters.starts_with(char::is_uppercase) && letters.chars().all(|c| c.is_alphabetic() || ".'’-".contains(c));
        let joins = meta::NAME_JOINERS.contains(&letters);
        if letters.is_empty() || !(capitalised || joins && !name.is_empty()) || ends_name && capitalised {
            break;
        }
        name.push(letters);
        if letters.len() != word.len() {
            break;
        }
    }
    while name.last().is_some_and(|w| !w.starts_with(char::is_uppercase)) {
        name.pop();
    }
    (!name.is_empty() && name.len() <= 6).then(|| name.join(" "))
}

/// Readability keeps a container of at least this many characters of text
/// (its `char_threshold`), and retries up to four times with looser rules on
/// a page that has fewer in all, to end with the longest text: most of the
/// page. The container walk gets there in one pass.
const READABLE_MIN_CHARS: usize = 500;

/// Whether the page's body has enough text for Readability to choose a part
/// of it (see [`READABLE_MIN_CHARS`]).
fn has_text_to_choose_from(doc: &Html) -> bool {
    let mut chars = 0;
    for node in doc.tree.root().descendants() {
        let Node::Text(text) = node.value() else { continue };
        let in_text_element = node.parent().and_then(|p| p.value().as_element()).is_some_and(|e| RAW_TEXT.contains(&e.name()));
        if !in_text_element {
            // As Readability counts: white space runs as one character.
            chars += text.split_whitespace().map(|word| word.chars().count() + 1).sum::<usize>();
            if chars >= READABLE_MIN_CHARS {
                return true;
            }
        }
    }
    false
}

/// Past this many elements the page is not scored (it is not an article
/// page, or it is hostile): the plain container walk is linear.
const MAX_READABLE_ELEMENTS: usize = 30_000;

/// The element holding the article: the marked-up article body, else the
/// `<article>` with the most paragraph text, else `main`, else `body`.
fn article_container(doc: &Html) -> Option<ElementRef<'_>> {
    let paragraph_text = |e: &ElementRef| -> usize { e.select(css!("p")).map(|p| p.text().map(str::len).sum::<usize>()).sum() };
    if let Some(e) = doc.select(css!(r#"[itemprop="articleBody"]"#)).next() {
        return Some(e);
    }
    if let Some(e) = doc.select(css!("article")).max_by_key(paragraph_text).filter(|e| paragraph_text(e) > 0) {
        return Some(e);
    }
    doc.select(css!(r#"main, [role="main"]"#)).next().or_else(|| doc.select(css!("body")).next())
}

/// Elements that are never article text.
const SKIP: &[&str] = &[
    "script",
    "style",
    "noscript",
    "nav",
    "aside",
    "footer",
    "form",
    "figure",
    "figcaption",
    "button",
    "svg",
    "iframe",
    "template",
    "select",
    "textarea",
    "video",
    "audio",
    "object",
    "embed",
    "canvas",
    "dialog",
    "menu",
];

/// Walk the container, turning block elements into Markdown blocks. Text
/// sitting directly in a `div` (pages that separate paragraphs with `<br>`)
/// is collected too.
///
/// The walk keeps its own stack instead of recursing: a page may nest
/// elements as deep as it likes (20,000 `div`s in 100 KB), and a recursive
/// walk would overflow the thread's stack.
fn collect_blocks(container: ElementRef, blocks: &mut Vec<String>, title: Option<&str>) {
    enum Step<'a> {
        /// An element to turn into blocks.
        Block(ElementRef<'a>),
        /// Loose text, and inline elements whose text is loose text.
        Text(&'a str),
        Inline(ElementRef<'a>),
        /// The end of an element: its loose text becomes blocks.
        Flush,
    }
    // One buffer for loose text serves every element: an element's loose
    // text is flushed before a block child is entered, and the child
    // flushes its own before the parent goes on.
    let mut loose = String::new();
    let mut todo = vec![Step::Block(container)];
    while let Some(step) = todo.pop() {
        let element = match step {
            Step::Flush => {
                flush_loose(&mut loose, blocks);
                continue;
            }
            Step::Text(t) => {
                loose.push_str(t);
                continue;
            }
            Step::Inline(el) => {
                loose.push_str(&inline_text(el));
                continue;
            }
            Step::Block(element) => element,
        };
        flush_loose(&mut loose, blocks);
        let name = element.value().name();
        if SKIP.contains(&name) || is_hidden(element) {
            continue;
        }
        if let Some(text) = block_text(element, title) {
            blocks.extend(text);
            continue;
        }
        let mut steps = Vec::new();
        for child in element.children() {
            match child.value() {
                Node::Text(t) => steps.push(Step::Text(t)),
                Node::Element(e) if e.name() == "br" => steps.push(Step::Text("\n")),
                Node::Element(e) if is_inline(e.name()) => steps.extend(ElementRef::wrap(child).map(Step::Inline)),
                Node::Element(_) => steps.extend(ElementRef::wrap(child).map(Step::Block)),
                _ => {}
            }
        }
        steps.push(Step::Flush);
        todo.extend(steps.into_iter().rev());
    }
    flush_loose(&mut loose, blocks);
}

/// The blocks of an element that is one block (a paragraph, heading, list
/// item or quote); `None` for any other element. A heading equal to the
/// title makes no block: it is the title, not body text.
fn block_text(element: ElementRef, title: Option<&str>) -> Option<Vec<String>> {
    let prefix = match element.value().name() {
        "p" | "pre" => "",
        "li" => "- ",
        "blockquote" if element.select(css!("p")).next().is_none() => "> ",
        // Readability turns the page's `h1` into an `h2`: any heading
        // repeating the title is the headline.
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            let text = flatten(&inline_text(element));
            if title.is_some_and(|t| flatten(t) == text) {
                return Some(Vec::new());
            }
            "## "
        }
        _ => return None,
    };
    let text = inline_text(element);
    let blocks = text.split("\n\n").map(str::trim).filter(|part| !part.is_empty()).map(|part| format!("{prefix}{}", escape_block_start(part))).collect();
    Some(blocks)
}

fn flush_loose(loose: &mut String, blocks: &mut Vec<String>) {
    for part in loose.split('\n') {
        let part = part.split_whitespace().collect::<Vec<_>>().join(" ");
        if !part.is_empty() {
            blocks.push(escape_block_start(&part));
        }
    }
    loose.clear();
}

fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "b"
            | "strong"
            | "i"
            | "em"
            | "span"
            | "u"
            | "small"
            | "sup"
            | "sub"
            | "mark"
            | "abbr"
            | "cite"
            | "q"
            | "time"
            | "code"
            | "s"
            | "del"
            | "ins"
            | "font"
    )
}

fn is_hidden(element: ElementRef) -> bool {
    let e = element.value();
    e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") || e.attr("style").is_some_and(|s| s.replace(' ', "").contains("display:none"))
}

/// The text of an inline context: white space collapsed, `<br>` kept as a
/// line break (two `<br>` as a paragraph break), skipped elements left out.
/// Walked with a stack of its own, like [`collect_blocks`].
fn inline_text(element: ElementRef) -> String {
    enum Step<'a> {
        Children(ElementRef<'a>),
        Text(&'a str),
    }
    let mut raw = String::new();
    let mut todo = vec![Step::Children(element)];
    while let Some(step) = todo.pop() {
        let element = match step {
            Step::Text(t) => {
                raw.push_str(t);
                continue;
            }
            Step::Children(element) => element,
        };
        let mut steps = Vec::new();
        for child in element.children() {
            match child.value() {
                Node::Text(t) => steps.push(Step::Text(t)),
                Node::Element(e) if e.name() == "br" => steps.push(Step::Text("\n")),
                Node::Element(e) if SKIP.contains(&e.name()) => {}
                Node::Element(e) if matches!(e.name(), "p" | "div" | "li") => {
                    if let Some(el) = ElementRef::wrap(child) {
                        steps.extend([Step::Text("\n\n"), Step::Children(el), Step::Text("\n\n")]);
                    }
                }
                Node::Element(_) => steps.extend(ElementRef::wrap(child).filter(|el| !is_hidden(*el)).map(Step::Children)),
                _ => {}
            }
        }
        todo.extend(steps.into_iter().rev());
    }
    // Collapse spaces but keep the line structure `<br>` gave.
    let lines: Vec<String> = raw.split('\n').map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
    let mut out = String::new();
    let mut blank = 0;
    for line in lines {
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank >= 1 && out.ends_with('\n') || blank >= 2 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(&line);
    }
    out
}

/// Text from a page is text, not Markdown: a paragraph (or the text of a
/// list item, quote or heading) that happens to start like a heading, list,
/// quote or code fence is escaped so it stays what it was.
fn escape_block_start(text: &str) -> String {
    let head = text.split(' ').next().unwrap_or("");
    // `ends_with` first: it makes `len() - 1` a character boundary.
    let numbered = head.len() > 1 && head.len() <= 10 && head.ends_with(['.', ')']) && head[..head.len() - 1].chars().all(|c| c.is_ascii_digit());
    if numbered && text.len() > head.len() {
        // `14. Dezember` would start an ordered list; `14\. Dezember` does not.
        let n = head.len() - 1;
        return format!("{}\\{}", &text[..n], &text[n..]);
    }
    // A run of backticks or tildes would open a code block: the page shows them as text.
    if text.starts_with(['#', '>', '=']) || text.starts_with("```") || text.starts_with("~~~") || matches!(head, "-" | "*" | "+") {
        format!("\\{text}")
    } else {
        text.to_string()
    }
}

/// The first schema.org object in the page's JSON-LD that is an article.
fn json_ld_article(doc: &Html) -> Option<serde_json::Map<String, Json>> {
    let mut found = None;
    for script in doc.select(css!(r#"script[type="application/ld+json"]"#)) {
        let text: String = script.text().collect();
        let Ok(value) = serde_json::from_str::<Json>(without_cdata(&text)) else { continue };
        let mut stack = vec![value];
        while let Some(v) = stack.pop() {
            match v {
                Json::Array(items) => stack.extend(items.into_iter().rev()),
                Json::Object(mut o) => {
                    if let Some(graph) = o.remove("@graph") {
                        stack.push(graph);
                    }
                    if is_article_type(o.get("@type")) {
                        found = Some(o);
                        break;
                    }
                }
                _ => {}
            }
        }
        if found.is_some() {
            break;
        }
    }
    found
}

/// `text` without the `<![CDATA[ ... ]]>` wrapper some publishers' templates
/// put around a script's JSON (a leftover of XHTML), possibly behind `//`.
fn without_cdata(text: &str) -> &str {
    let t = text.trim();
    let t = t.strip_prefix("//").map_or(t, str::trim_start);
    match t.strip_prefix("<![CDATA[") {
        Some(inner) => {
            let inner = inner.trim_end();
            let inner = inner.strip_suffix("]]>").unwrap_or(inner).trim_end();
            inner.strip_suffix("//").unwrap_or(inner)
        }
        None => text,
    }
}

/// News and blog articles, and postings (`BlogPosting`, `LiveBlogPosting`
/// for a live blog, `SocialMediaPosting`).
fn is_article_type(t: Option<&Json>) -> bool {
    let is = |s: &str| s.ends_with("Article") || s.ends_with("Posting") || s == "Report";
    match t {
        Some(Json::String(s)) => is(s),
        Some(Json::Array(a)) => a.iter().any(|v| v.as_str().is_some_and(is)),
        _ => false,
    }
}

fn json_text(v: &Json) -> Option<String> {
    match v {
        Json::String(s) => Some(flatten_keep_lines(s)).filter(|s| !s.is_empty()),
        Json::Array(a) => a.iter().find_map(json_text),
        _ => None,
    }
}

/// JSON-LD `articleBody` keeps its line breaks (paragraphs); other strings flatten.
fn flatten_keep_lines(s: &str) -> String {
    s.trim().to_string()
}

/// A name from a string, an object with `name`, or a list of either (joined).
fn json_name(v: &Json) -> Option<String> {
    match v {
        Json::String(s) => Some(flatten(s)).filter(|s| !s.is_empty()),
        Json::Object(o) => o.get("name").and_then(json_name),
        Json::Array(a) => {
            let names: Vec<String> = a.iter().filter_map(json_name).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

/// An address from a string or an object with `@id` or `url`.
fn json_id(v: &Json) -> Option<String> {
    match v {
        Json::String(s) => Some(s.trim().to_string()),
        Json::Object(o) => o.get("@id").or_else(|| o.get("url")).and_then(json_id),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byline_gives_the_writer_s_name_and_nothing_else() {
        for (byline, name) in [
            ("By Jane Roe", Some("Jane Roe")),
            ("Written by Ana Example\n   Edited by Bo Other", Some("Ana Example")),
            ("By Sam Q. Writer\n  March 25, 2015", Some("Sam Q. Writer")),
            ("by Lee Person22 Dec 2016651", Some("Lee Person")),
            ("Kim Doe (https://example.org/kim/)", Some("Kim Doe")),
            ("By Pat  Roe, MA\n  Health News", Some("Pat Roe")),
            ("Par Jeanne Exemple (avec Paul Autre)", Some("Jeanne Exemple")),
            ("Von Hans Beispiel und Eva Muster", Some("Hans Beispiel und Eva Muster")),
            ("Last Updated: January 7, 2025", None),
            ("個人", None),
            ("by staff", None),
        ] {
            assert_eq!(author_of_byline(byline).as_deref(), name, "{byline}");
        }
    }

    #[test]
    fn text_that_starts_like_markdown_stays_text() {
        assert_eq!(escape_block_start("```rust and more"), "\\```rust and more");
        assert_eq!(escape_block_start("~~~ fence"), "\\~~~ fence");
        assert_eq!(escape_block_start("- a dash"), "\\- a dash");
        assert_eq!(escape_block_start("an ``` inside"), "an ``` inside");
        let mut cleaned = Cleaned::default();
        let page = "<html><body><article><p>```python</p><ul><li>- nested?</li></ul><p>Text.</p></article></body></html>";
        assert_eq!(read(page, &mut cleaned).body, "\\```python\n\n- \\- nested?\n\nText.");
    }

    #[test]
    fn body_leaves_out_page_furniture() {
        let page = r#"<html lang="en"><head><title>T - Site</title></head><body><nav><p>Home</p></nav>
            <article><h1>T - Site</h1><p>First <a href="/x">linked</a> words.</p><aside><p>Related</p></aside>
            <figure><figcaption>Photo credit</figcaption></figure><h2>Sub</h2><p>1. Not a list</p>
            <script>var x = "<p>no</p>";</script><div>Loose text<br><br>more loose</div></article></body></html>"#;
        let mut c = Cleaned::default();
        let e = read(page, &mut c);
        assert_eq!(e.body, "First linked words.\n\n## Sub\n\n1\\. Not a list\n\nLoose text\n\nmore loose");
    }
}
