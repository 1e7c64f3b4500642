//! Cleaning pasted or extracted text without touching its words.
//!
//! Text copied from a web page carries debris: tag fragments (`<p` glued to
//! a quote), runs of blank lines, non-breaking and zero-width spaces, and
//! text mangled by a wrong encoding (`â€œ`, `Ã©`, `РџСЂРё`). Each fix here
//! removes or repairs debris only: a character is replaced only by the
//! character it was meant to be. Whole lines of page furniture are told
//! apart by their shape, in [`furniture`].

use std::sync::LazyLock;

use regex::Regex;

/// What cleaning did, so the import report can say it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Cleaned {
    pub(crate) tag_fragments: usize,
    pub(crate) boilerplate_lines: usize,
    pub(crate) mojibake: usize,
    pub(crate) markup_escaped: usize,
    /// Paragraphs whose characters spelled Markdown nested too deep.
    pub(crate) deep_markdown: usize,
    /// HTML elements nested too deep to parse, whose tags were left out.
    pub(crate) flattened: usize,
}

impl Cleaned {
    pub(crate) fn describe(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut say = |n: usize, what: &str| {
            if n > 0 {
                out.push(format!("removed {n} {what}"));
            }
        };
        say(self.tag_fragments, "stray tag fragment(s)");
        say(self.boilerplate_lines, "boilerplate line(s)");
        if self.mojibake > 0 {
            out.push(format!("repaired {} mis-encoded character(s)", self.mojibake));
        }
        if self.flattened > 0 {
            out.push(format!(
                "left out the tags of {} element(s) nested more than {} deep (their text is kept)",
                self.flattened,
                crate::limits::MAX_HTML_DEPTH
            ));
        }
        if self.deep_markdown > 0 {
            out.push(format!("escaped the Markdown punctuation of {} paragraph(s) that would read as markup nested too deep", self.deep_markdown));
        }
        if self.markup_escaped > 0 {
            out.push(format!("escaped {} bracket(s) that would read as annotation or link markup", self.markup_escaped));
        }
        out
    }
}

/// Element names whose stray tags appear in pasted text. Only these are
/// removed, so `<3` or `a <b` in prose stay as they are.
const TAGS: &str = "p|div|span|br|hr|a|em|strong|b|i|u|li|ul|ol|h[1-6]|blockquote|figure|figcaption|img|section|article|header|footer|aside|small|sup|sub|font";

/// A whole tag: `<p>`, `</p>`, `<a href="...">`, `<br/>`.
static WHOLE_TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!(r#"(?i)</?({TAGS})(?:\s[^<>\n]*)?/?>"#)).expect("valid regex"));

/// A tag cut off before its `>` and glued to the next character, as in
/// `<p“The difficulty`: the name must be followed by something that cannot
/// continue a tag (not a letter, digit, space, `>` or `/`).
static TAG_FRAGMENT: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!(r#"(?i)</?(?:{TAGS})([^A-Za-z0-9\s>/=])"#)).expect("valid regex"));

/// Repair characters: UTF-8 read in a legacy encoding, non-breaking and other
/// fixed-width spaces to plain spaces, invisible characters removed, control
/// characters (other than newline and tab) removed, line endings to `\n`.
pub(crate) fn fix_characters(text: &str, report: &mut Cleaned) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).replace("\r\n", "\n").replace('\r', "\n");
    let text = repair_mojibake(&text, report);
    text.chars()
        .filter_map(|c| match c {
            '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{2009}' | '\u{200a}' | '\u{2002}' | '\u{2003}' | '\t' => Some(' '),
            // Zero-width space, word joiner, BOM and soft hyphen are invisible
            // debris; ZWJ/ZWNJ are left alone because some scripts need them.
            '\u{200b}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => None,
            '\u{2028}' | '\u{2029}' => Some('\n'),
            c if c.is_control() && c != '\n' => None,
            c => Some(c),
        })
        .collect()
}

/// The legacy encodings UTF-8 text is most often read in by mistake: Windows
/// Western (and Latin-1, its subset), Windows Cyrillic and KOI8-R.
const MISREAD_AS: [&encoding_rs::Encoding; 3] = [encoding_rs::WINDOWS_1252, encoding_rs::WINDOWS_1251, encoding_rs::KOI8_R];

/// UTF-8 that was decoded in a legacy encoding (and saved again) repaired by
/// undoing the mistake: the text encoded back into that encoding gives the
/// original bytes, which then read as UTF-8. Text that really is in that
/// encoding almost never re-encodes to valid multi-byte UTF-8 (an accented
/// letter or a Cyrillic word becomes lone high bytes), so the test is the
/// decoding itself, not a table of known sequences. A line is tried whole,
/// then word by word (a line may mix repaired quotes with good ones); a word
/// in a Cyrillic encoding must give two or more characters, because a
/// capital and a guillemet (`В»`) are also one UTF-8 character.
fn repair_mojibake(text: &str, report: &mut Cleaned) -> String {
    // Every mis-read of UTF-8 puts a Latin-1/Cyrillic lead character before
    // one or more from the upper half: nothing to do in ASCII or most text.
    if !text.chars().any(|c| matches!(c, '\u{c2}'..='\u{ef}' | '\u{400}'..='\u{4ff}' | '\u{2500}'..='\u{257f}')) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if let Some((fixed, n)) = MISREAD_AS.iter().find_map(|enc| undo_misread(line, enc, 1)) {
            report.mojibake += n;
            out.push_str(&fixed);
            continue;
        }
        for (j, word) in line.split(' ').enumerate() {
            if j > 0 {
                out.push(' ');
            }
            match MISREAD_AS.iter().enumerate().find_map(|(k, enc)| undo_misread(word, enc, if k == 0 { 1 } else { 2 })) {
                Some((fixed, n)) => {
                    report.mojibake += n;
                    out.push_str(&fixed);
                }
                None => out.push_str(word),
            }
        }
    }
    out
}

/// `s` encoded in `encoding` and read as UTF-8, with how many characters
/// were repaired, when that gives at least `min` non-ASCII characters.
fn undo_misread(s: &str, encoding: &'static encoding_rs::Encoding, min: usize) -> Option<(String, usize)> {
    if s.is_ascii() {
        return None;
    }
    let (bytes, _, unmappable) = encoding.encode(s);
    if unmappable {
        return None;
    }
    let fixed = std::str::from_utf8(&bytes).ok()?;
    let repaired = fixed.chars().filter(|c| !c.is_ascii()).count();
    (repaired >= min && fixed != s).then(|| (fixed.to_string(), repaired))
}

/// Remove stray HTML tags and fragments of the common elements. Block tags
/// become line breaks so `text</p><p>more` stays two paragraphs.
pub(crate) fn strip_tag_fragments(line: &str, report: &mut Cleaned) -> String {
    if !line.contains('<') {
        return line.to_string();
    }
    let mut count = 0;
    let whole = WHOLE_TAG.replace_all(line, |c: &regex::Captures| {
        count += 1;
        let name = c[1].to_ascii_lowercase();
        let inline = ["span", "a", "em", "strong", "b", "i", "u", "img", "small", "sup", "sub", "font"];
        let block = !inline.contains(&name.as_str());
        if block { "\n" } else { "" }.to_string()
    });
    let fragments = TAG_FRAGMENT.replace_all(&whole, |c: &regex::Captures| {
        count += 1;
        c[1].to_string()
    });
    report.tag_fragments += count;
    fragments.into_owned()
}

/// Spaces inside a line collapsed to one, ends trimmed (leading spaces would
/// make Markdown read a paragraph as code).
pub(crate) fn tidy_spaces(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for word in line.split(' ').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The whole cleaning pass over a text, line by line: characters, tags,
/// spaces (page furniture is [`furniture`]'s job, on plain text only). Returns the cleaned lines (blank lines kept, to be
/// grouped into paragraphs by the caller).
pub(crate) fn clean_lines(text: &str, report: &mut Cleaned) -> Vec<String> {
    let fixed = fix_characters(text, report);
    let mut out = Vec::new();
    for raw in fixed.split('\n') {
        let stripped = strip_tag_fragments(raw, report);
        for line in stripped.split('\n') {
            out.push(tidy_spaces(line));
        }
    }
    out
}

/// Lines of page furniture in text pasted from a page, dropped by their shape
/// and place rather than their words, as a reader skips them:
/// - a line without letters (`0:00`, `/`, `•`), unless it holds a date's
///   worth of digits;
/// - an all-capitals label of a few words (`CHOOSE YOUR LANGUAGE`, `2 MIN READ`);
/// - a line of eight or more capitalised words without any punctuation (a
///   row of section links: `News World Markets Technology Politics ...`);
/// - a run of three or more very short lines without punctuation (a menu,
///   breadcrumbs, a list of links);
/// - a line repeated with article text (not a title-case line) between its
///   copies (an ad slot's caption), and the later copies of any repeated
///   line, when it does not end like a sentence (a paragraph may be quoted
///   twice);
/// - a notice addressing the reader followed by a one-to-three word button
///   (a cookie or consent banner), with the banner's title above it, at the
///   top or the bottom of the text;
/// - short title-case labels after the last sentence (`Search Trends`);
/// - a closing list of other stories, each item ending in its date
///   ([`dated_items_at_the_end`]), which would otherwise date the page.
///
/// `lines` are cleaned lines, blank lines kept; dropped lines become blank.
pub(crate) fn drop_furniture(lines: &mut [String], report: &mut Cleaned) {
    let text: Vec<usize> = lines.iter().enumerate().filter(|(_, l)| !l.is_empty()).map(|(i, _)| i).collect();
    let mut drop = vec![false; lines.len()];
    let shape: Vec<Shape> = lines.iter().map(|l| Shape::of(l)).collect();
    for &i in &text {
        let s = &shape[i];
        let link_list = s.words >= 8 && s.title_case && !lines[i].contains(|c: char| c.is_ascii_punctuation());
        if (s.letters == 0 && s.digits < 6 && s.chars <= 20) || (s.all_caps && s.words <= 5 && !s.sentence) || link_list {
            drop[i] = true;
        }
    }
    // Menus: three or more consecutive (blank lines aside) tiny lines.
    let mut run: Vec<usize> = Vec::new();
    for &i in text.iter().chain(std::iter::once(&usize::MAX)) {
        if i != usize::MAX && shape[i].words <= 3 && !shape[i].sentence && !shape[i].ends_clause {
            run.push(i);
            continue;
        }
        if run.len() >= 3 {
            run.iter().for_each(|&j| drop[j] = true);
        }
        run.clear();
    }
    // Repeated short lines. Each line's copies, and the prose lines before
    // each line, are counted once: a pasted file may hold a hundred thousand
    // lines, and comparing each with every later one took seconds.
    let mut copies_of: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for &i in &text {
        copies_of.entry(lines[i].as_str()).or_default().push(i);
    }
    let prose_before: Vec<usize> = std::iter::once(0)
        .chain(shape.iter().zip(lines.iter()).scan(0, |n, (s, l)| {
            *n += usize::from(!l.is_empty() && s.sentence && !s.title_case);
            Some(*n)
        }))
        .collect();
    for &i in &text {
        if shape[i].words > 15 || shape[i].ends_sentence || drop[i] {
            continue;
        }
        let all = &copies_of[lines[i].as_str()];
        let copies = &all[all.partition_point(|&j| j <= i)..];
        let Some(&first_copy) = copies.first() else { continue };
        let prose_between = prose_before[first_copy] > prose_before[i + 1];
        copies.iter().for_each(|&j| drop[j] = true);
        if prose_between {
            drop[i] = true;
        }
    }
    // Consent banners: an address to the reader, then a button.
    let ends: Vec<usize> = text.iter().take(6).chain(text.iter().rev().take(5)).copied().collect();
    for (k, &i) in text.iter().enumerate() {
        let Some(&button) = text.get(k + 1) else { break };
        if !ends.contains(&i) || !shape[i].addresses_reader || shape[button].words > 3 || shape[button].sentence {
            continue;
        }
        drop[i] = true;
        drop[button] = true;
        if let Some(&before) = k.checked_sub(1).and_then(|p| text.get(p)) {
            if !shape[before].sentence {
                drop[before] = true;
            }
        }
    }
    // Labels after the last sentence.
    if let Some(last) = text.iter().rposition(|&i| shape[i].sentence) {
        for &i in &text[last + 1..] {
            if shape[i].words <= 4 && shape[i].title_case && !shape[i].ends_clause {
                drop[i] = true;
            }
        }
    }
    let other_stories = dated_items_at_the_end(lines, &text);
    for (((line, dropped), shape), other_story) in lines.iter_mut().zip(drop).zip(&shape).zip(other_stories) {
        // A date's worth of digits ("23:24 29.12.2025", "Sep 18, 2025") is
        // never furniture: the importer reads dates from such lines.
        if other_story || (dropped && shape.digits < 6 && !has_year(line)) {
            line.clear();
            report.boilerplate_lines += 1;
        }
    }
}

/// A list of other stories closing the page, each item a headline and its
/// date ("- Trump reveals a message from Macron - 20 janvier 2026"): two
/// or more list items after the last line of prose, every one ending in a
/// whole date. Their dates are the other stories', and the importer would
/// read the page's date from them.
fn dated_items_at_the_end(lines: &[String], text: &[usize]) -> Vec<bool> {
    let mut out = vec![false; lines.len()];
    let item = |line: &str| {
        let Some(rest) = line.strip_prefix(['-', '•', '*', '–', '·']).filter(|r| r.starts_with(' ')) else { return false };
        crate::text::dates::mentions(rest).last().is_some_and(|m| matches!(m.when, crate::text::dates::When::Day(_)) && rest[m.range.end..].trim().is_empty())
    };
    let run: Vec<usize> = text.iter().rev().take_while(|&&i| item(&lines[i])).copied().collect();
    if run.len() >= 2 {
        run.into_iter().for_each(|i| out[i] = true);
    }
    out
}

/// Whether the line names a year (four digits from 1900 to 2099 standing alone).
fn has_year(line: &str) -> bool {
    line.split(|c: char| !c.is_ascii_digit()).any(|d| d.len() == 4 && (d.starts_with("19") || d.starts_with("20")))
}

/// What [`drop_furniture`] looks at in a line.
struct Shape {
    chars: usize,
    words: usize,
    letters: usize,
    digits: usize,
    all_caps: bool,
    title_case: bool,
    /// Long enough, or ending like a sentence: article text.
    sentence: bool,
    ends_sentence: bool,
    /// Ending with a comma, colon or dash: text goes on after it.
    ends_clause: bool,
    /// Speaks to the reader ("you", "your", "usted", "вы", "Sie", ...).
    addresses_reader: bool,
}

/// Second-person pronouns of the languages news is collected in: the one
/// mark of a notice (cookies, consent, subscriptions) that is not a topic.
/// Only forms that are never third person (not Spanish `su`, German `Sie`).
const READER: &[&str] = &["you", "your", "usted", "ustedes", "vous", "votre", "você", "вы", "вас", "ваш", "ваши", "вами", "ви", "ваші"];

impl Shape {
    fn of(line: &str) -> Shape {
        let words: Vec<&str> = line.split_whitespace().collect();
        let letters = line.chars().filter(|c| c.is_alphabetic()).count();
        let all_caps = letters >= 2 && line.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
        let title_case = letters > 0 && words.iter().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || !c.is_alphabetic()));
        let end = line.trim_end().chars().last();
        let ends_sentence = end.is_some_and(|c| matches!(c, '.' | '!' | '?' | '…' | '"' | '”' | '»' | '’' | ')' | ';'));
        let sentence = words.len() >= 8 || ends_sentence;
        let ends_clause = end.is_some_and(|c| matches!(c, ',' | ':' | '-' | '–' | '—'));
        let addresses_reader = words.len() >= 6
            && words.iter().any(|w| {
                let w = w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
                READER.contains(&w.as_str())
            });
        Shape {
            chars: line.chars().count(),
            words: words.len(),
            letters,
            digits: line.chars().filter(char::is_ascii_digit).count(),
            all_caps,
            title_case,
            sentence,
            ends_sentence,
            ends_clause,
            addresses_reader,
        }
    }
}

/// Text from a page or a paste cannot contain the analyst's annotations, but
/// it can contain their delimiters (`{==`, `==}`, `{>>`, `<<}`, `]{`), the
/// CriticMarkup edits `check` refuses (`{++`, `{--`, `{~~`), and what `check`
/// reads as a near-miss of an attribute block (a `{` before a word, a `.` or
/// a `#`: `{.quote}`, `] {quote by=x}`; `](.quote)`), all of which would be
/// errors in an article no one annotated yet; and link and image syntax
/// (`[text](address)`, `![text](file)`), which the importer never writes: in a
/// page's text it is text, and an image would name a file the dossier does
/// not have. The bracket in each becomes
/// its Markdown character reference (`&#123;`, `&#125;`, `&#40;`): the
/// annotation reader no longer sees markup, and the page shows the same text.
/// (Not for Markdown inputs, whose annotations are meant.)
///
/// Delimiters can overlap (`{==}` is an opener and a closer sharing `==`),
/// and matches cannot: escaping runs again until no delimiter is left. Each
/// pass only turns brackets into references, so the second pass is the last.
pub(crate) fn escape_annotation_delimiters(text: &str, report: &mut Cleaned) -> String {
    let mut text = text.to_string();
    while let std::borrow::Cow::Owned(escaped) = escape_delimiters_once(&text, report) {
        text = escaped;
    }
    text
}

fn escape_delimiters_once<'t>(text: &'t str, report: &mut Cleaned) -> std::borrow::Cow<'t, str> {
    static DELIMITER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\{(==|>>|\+\+|--|~~|[ \t]*[.#\pL])|(==|<<)\}|\]\{|\]\(").expect("valid regex"));
    DELIMITER.replace_all(text, |c: &regex::Captures| {
        report.markup_escaped += 1;
        let m = &c[0];
        if let Some(rest) = m.strip_prefix('{') {
            format!("&#123;{rest}")
        } else if m == "]{" {
            "]&#123;".to_string()
        } else if m == "](" {
            "]&#40;".to_string()
        } else {
            format!("{}&#125;", &m[..2])
        }
    })
}

/// Text from a page or a paste has no Markdown of its own, but its
/// characters can spell some, nested deeper than `check` accepts: a rule of
/// a hundred stars is emphasis inside emphasis fifty deep, `![![![` images
/// inside images. Every top-level block that nests deeper than half the
/// limit (the other half is left to annotations) has its Markdown
/// punctuation escaped (`\*`), so it reads as the characters it is, and the
/// page shows the same text. Blocks that nest less are left as they are.
pub(crate) fn flatten_deep_markdown(text: &str, report: &mut Cleaned) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut deep: Vec<std::ops::Range<usize>> = Vec::new();
    let (mut depth, mut block_start) = (0usize, 0usize);
    for (event, range) in Parser::new_ext(text, crate::annotate::markdown_options()).into_offset_iter() {
        match event {
            Event::Start(_) => {
                if depth == 0 {
                    block_start = range.start;
                }
                depth += 1;
                if depth > crate::limits::MAX_NESTING / 2 && deep.last().is_none_or(|d| d.start != block_start) {
                    deep.push(block_start..range.end);
                }
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    if let Some(d) = deep.last_mut().filter(|d| d.start == block_start) {
                        d.end = d.end.max(range.end);
                    }
                }
            }
            _ => {}
        }
    }
    if deep.is_empty() {
        return text.to_string();
    }
    report.deep_markdown += deep.len();
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut at = 0;
    for block in deep {
        out.push_str(&text[at..block.start]);
        for c in text[block.clone()].chars() {
            // Braces are left to `escape_annotation_delimiters`, which runs after.
            if matches!(c, '\\' | '*' | '_' | '~' | '`' | '[' | ']' | '!' | '<' | '>' | '|' | '-' | '+' | '#' | '=') {
                out.push('\\');
            }
            out.push(c);
        }
        at = block.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Paragraphs joined with exactly one blank line, no blank lines at either end.
pub(crate) fn join_paragraphs(paragraphs: &[String]) -> String {
    let mut out = String::new();
    for p in paragraphs.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glued_tag_fragment_goes_and_the_quote_stays() {
        let mut r = Cleaned::default();
        assert_eq!(strip_tag_fragments("<p“The difficulty lies", &mut r), "“The difficulty lies");
        assert_eq!(strip_tag_fragments("one</p><p class=\"x\">two", &mut r), "one\n\ntwo");
        assert_eq!(strip_tag_fragments("a <b>bold</b> move", &mut r), "a bold move");
        assert_eq!(r.tag_fragments, 5);
        // Prose that merely looks like a tag is left alone.
        assert_eq!(strip_tag_fragments("x <3 and a<b or <pre", &mut r), "x <3 and a<b or <pre");
        assert_eq!(r.tag_fragments, 5);
    }

    fn furniture(text: &str) -> (Vec<String>, usize) {
        let mut r = Cleaned::default();
        let mut lines = clean_lines(text, &mut r);
        drop_furniture(&mut lines, &mut r);
        (lines.into_iter().filter(|l| !l.is_empty()).collect(), r.boilerplate_lines)
    }

    const PARA: &str = "The ministers met in the old town hall on Friday and talked until late.";

    #[test]
    fn lines_without_letters_and_capital_labels_go_dates_stay() {
        let (kept, n) = furniture(&format!("SELECT YOUR REGION\n0:00\n4:12\n{PARA}\n21:05 14.03.2026\n/\nNATO AND THE EU MEET.\n{PARA}"));
        assert_eq!(kept, [PARA, "21:05 14.03.2026", "NATO AND THE EU MEET.", PARA]);
        assert_eq!(n, 4);
    }

    #[test]
    fn a_closing_list_of_other_dated_stories_goes() {
        let list = "- Ministers approve the harbour budget - 20 janvier 2026\n- Le musée rouvre ses portes - 19 janvier 2026";
        let (kept, n) = furniture(&format!("{PARA}\n{PARA}\n{list}"));
        assert_eq!(kept, [PARA, PARA]);
        assert_eq!(n, 2);
        // One dated item may be the article's own; items without dates are its text.
        let one = "- Ministers approve the harbour budget - 20 janvier 2026";
        assert_eq!(furniture(&format!("{PARA}\n{one}")).0, [PARA, one]);
        let plain = "- Ministers approve the harbour budget\n- The museum reopens on 19 January 2026 after repairs.";
        assert_eq!(furniture(&format!("{PARA}\n{plain}")).0.len(), 3);
    }

    #[test]
    fn a_row_of_section_links_goes_a_headline_repeated_around_it_stays_once() {
        let headline = "Central Bank Holds Rates: 'No Hurry' To Cut";
        let (kept, _) = furniture(&format!("{headline}\nHome World Markets Technology Personal Finance Politics Retail Sport\n{headline}\n{PARA}"));
        assert_eq!(kept, [headline, PARA]);
    }

    #[test]
    fn menus_are_runs_of_tiny_lines() {
        let (kept, _) = furniture(&format!("Home\nWorld\n/\nEconomy\n\n{PARA}\n\nWhat happens next\n\n{PARA}"));
        assert_eq!(kept, [PARA, "What happens next", PARA]);
    }

    #[test]
    fn a_line_repeated_between_paragraphs_is_an_ad_slot_a_repeated_headline_is_kept_once() {
        let (kept, _) = furniture(&format!("Rates fall again\n\nRates fall again\n{PARA}\nPromotion ends below\n{PARA}\nPromotion ends below\nLast words."));
        assert_eq!(kept, ["Rates fall again", PARA, PARA, "Last words."]);
    }

    #[test]
    fn consent_banners_at_the_ends_go() {
        let notice = "We store small files on your device so that the site remembers your settings.";
        let (kept, _) = furniture(&format!("About our data use\n\n{notice}\n\nFine by me\n\nStorm reaches the coast\n\n{PARA}"));
        assert_eq!(kept, ["Storm reaches the coast", PARA]);
        // In the middle of the text, a sentence to the reader is article text.
        let quote = "\"You will see results by spring,\" the minister told voters in the square.";
        let (kept, _) =
            furniture(&format!("{PARA}\n{PARA}\n{PARA}\n{PARA}\n{PARA}\n{PARA}\n{quote}\nMore later\n{PARA}\n{PARA}\n{PARA}\n{PARA}\n{PARA}\n{PARA}"));
        assert!(kept.contains(&quote.to_string()) && kept.contains(&"More later".to_string()), "{kept:?}");
    }

    #[test]
    fn title_case_labels_after_the_last_sentence_go_a_cut_off_sentence_stays() {
        let (kept, _) = furniture(&format!("{PARA}\nThe talks will\nTrending Topics"));
        assert_eq!(kept, [PARA, "The talks will"]);
    }

    #[test]
    fn lines_with_a_date_always_stay() {
        let (kept, _) = furniture(&format!("{PARA}\nMAR 4, 2031\nHome\nNews\nOct 2, 2031\n23:24 04.03.2031 •"));
        assert_eq!(kept, [PARA, "MAR 4, 2031", "Oct 2, 2031", "23:24 04.03.2031 •"]);
    }

    #[test]
    fn a_third_person_sentence_before_a_subheading_is_not_a_banner() {
        let lead = "El ministro presentó su plan de reformas ante el Congreso el martes 9, a las 21:00 horas, según su equipo.";
        let (kept, _) = furniture(&format!("Reforma en el Congreso\n\n{lead}\n\nCambios en formato\n\n{PARA}"));
        assert_eq!(kept, ["Reforma en el Congreso", lead, "Cambios en formato", PARA]);
    }

    #[test]
    fn annotation_delimiters_in_imported_text_are_defused() {
        let mut r = Cleaned::default();
        let text = escape_annotation_delimiters("a {== b ==} [c]{.x} {>> d <<} {e} {.quote} [f] {quote by=x} [g](.note) {++h++} {1}", &mut r);
        assert_eq!(text, "a &#123;== b ==&#125; [c]&#123;.x} &#123;>> d <<&#125; &#123;e} &#123;.quote} [f] &#123;quote by=x} [g]&#40;.note) &#123;++h++} {1}");
        assert_eq!(r.markup_escaped, 10);
        // Overlapping delimiters (found by the `html` fuzz target): escaping the
        // opener of `{==}` must not leave its closer behind.
        let text = escape_annotation_delimiters("x {==} y {===} z {=={>>}", &mut r);
        assert_eq!(text, "x &#123;==&#125; y &#123;===&#125; z &#123;==&#123;>>}");
        // Links and images in a page's text (an image was found by the `html` fuzz target).
        assert_eq!(escape_annotation_delimiters("see ![map](map.png) and [x](y)", &mut r), "see ![map]&#40;map.png) and [x]&#40;y)");
    }

    #[test]
    fn markdown_spelled_by_the_text_is_flattened_only_where_it_nests_too_deep() {
        let mut r = Cleaned::default();
        let stars = "*".repeat(120);
        let text = format!("A *fine* paragraph.\n\n{stars}x{stars} and ![![![![a](b)](c)](d)](e)\n\nAnother *fine* one.");
        let flat = flatten_deep_markdown(&text, &mut r);
        assert_eq!(r.deep_markdown, 1);
        assert!(flat.starts_with("A *fine* paragraph.\n\n\\*\\*") && flat.ends_with("\\](e)\n\nAnother *fine* one."), "{flat}");
        // What it escaped renders as the characters it had.
        let html = |md: &str| {
            let mut out = String::new();
            pulldown_cmark::html::push_html(&mut out, pulldown_cmark::Parser::new_ext(md, crate::annotate::markdown_options()));
            out
        };
        assert!(html(&flat).contains(&format!("<p>{stars}x{stars} and ![![![![a](b)](c)](d)](e)</p>")), "{}", html(&flat));
        // Shallow text is returned as it was.
        assert_eq!(flatten_deep_markdown("a *b* _c_ ~~d~~ ![e](f)", &mut r), "a *b* _c_ ~~d~~ ![e](f)");
        assert_eq!(r.deep_markdown, 1);
    }

    #[test]
    fn characters_are_repaired_not_reworded() {
        let mut r = Cleaned::default();
        let fixed = fix_characters("â€œHi,â€\u{9d} she\u{a0}said\u{200b}.\r\nNext", &mut r);
        assert_eq!(fixed, "“Hi,” she said.\nNext");
        assert_eq!(r.mojibake, 2);
    }

    /// UTF-8 text as it reads after a wrong decoding in `encoding`.
    fn misread(text: &str, encoding: &'static encoding_rs::Encoding) -> String {
        encoding.decode_without_bom_handling(text.as_bytes()).0.into_owned()
    }

    #[test]
    fn utf8_misread_in_any_legacy_encoding_is_repaired() {
        let lines = ["Café société: l’élection a été reportée.", "Москва и Киев обменялись пленными.", "Зустріч у Києві перенесли на вівторок."];
        for encoding in MISREAD_AS {
            for line in lines {
                let mut r = Cleaned::default();
                let bad = misread(line, encoding);
                assert_ne!(bad, line);
                assert_eq!(fix_characters(&bad, &mut r), line, "{}", encoding.name());
                assert!(r.mojibake > 0);
            }
        }
        // A line mixing good quotes with a misread word: repaired word by word.
        let mut r = Cleaned::default();
        assert_eq!(fix_characters(&format!("“Ok” {}", misread("résumé", encoding_rs::WINDOWS_1252)), &mut r), "“Ok” résumé");
    }

    #[test]
    fn text_that_is_right_is_left_alone() {
        for line in ["Café, naïve façade — ¿qué?", "«Класс В» и «ёлка»: Її, Ґанок, №5", "Ärger über Straße", "Ελλάδα και Κύπρος"]
        {
            let mut r = Cleaned::default();
            assert_eq!(fix_characters(line, &mut r), line);
            assert_eq!(r.mojibake, 0, "{line}");
        }
    }
}
