//! Cleaning pasted or extracted text without touching its words.
//!
//! Text copied from a web page carries debris: tag fragments (`<p` glued to
//! a quote), "Article continues below the player" lines, runs of blank lines,
//! non-breaking and zero-width spaces, and smart quotes mangled by a wrong
//! encoding (`â€œ`). Each fix here removes or repairs debris only: a line is
//! dropped only when the whole line is boilerplate, a character is replaced
//! only by the character it was meant to be.

use std::sync::LazyLock;

use regex::Regex;

/// What cleaning did, so the import report can say it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Cleaned {
    pub(crate) tag_fragments: usize,
    pub(crate) boilerplate_lines: usize,
    pub(crate) mojibake: usize,
    pub(crate) markup_escaped: usize,
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
        if self.markup_escaped > 0 {
            out.push(format!("escaped {} brace(s) that would read as annotation markup", self.markup_escaped));
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

/// Lines that are page furniture, not article text; matched against the
/// whole (trimmed) line, case-insensitively.
static BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            (?:article|story|text)\s+continues\s+(?:below|after)(?:\s+(?:the|this))?(?:\s+(?:player|video|advert|advertisement|ad|adverts))?
          | (?:article|story)\s+continues(?:\s+below)?
          | continue\s+reading(?:\s+(?:the\s+main\s+story|below|after\s+the\s+ad(?:vertisement)?))?
          | advertisement | advert | ad | sponsored(?:\s+content)? | skip\s+(?:advertisement|ad)
          | scroll\s+(?:down\s+)?to\s+continue(?:\s+with\s+content)?
          | (?:read|see)\s+(?:more|also)(?::.*)?
          | related(?:\s+(?:articles?|stories|coverage))?:.*
          | loading(?:\s+video)?(?:\.\.\.|…)?
          | (?:this\s+video\s+(?:can\s?not|cannot)\s+be\s+played|your\s+browser\s+does\s+not\s+support\s+(?:the\s+)?video(?:\s+tag)?).*
          | (?:sign\s+up|subscribe)\s+(?:now\s+)?(?:for|to)\s+(?:our|the)\s+.*newsletter.*
          | share\s+(?:this\s+(?:article|story)|on\s+(?:facebook|twitter|x|whatsapp))
          | (?:click|tap)\s+here\s+to\s+(?:watch|listen|subscribe|read\s+more).*
        )[.!:]?$",
    )
    .expect("valid regex")
});

/// Smart punctuation that was UTF-8, read as Windows-1252 and saved again:
/// the three-character sequences and what they were.
const MOJIBAKE: &[(&str, &str)] =
    &[("â€œ", "“"), ("â€\u{9d}", "”"), ("â€˜", "‘"), ("â€™", "’"), ("â€”", "—"), ("â€“", "–"), ("â€¦", "…"), ("â€¢", "•"), ("Â\u{a0}", " ")];

/// Repair characters: mis-encoded smart punctuation, non-breaking and other
/// fixed-width spaces to plain spaces, invisible characters removed, control
/// characters (other than newline and tab) removed, line endings to `\n`.
pub(crate) fn fix_characters(text: &str, report: &mut Cleaned) -> String {
    let mut text = text.strip_prefix('\u{feff}').unwrap_or(text).replace("\r\n", "\n").replace('\r', "\n");
    if text.contains('â') || text.contains('Â') {
        for (bad, good) in MOJIBAKE {
            let n = text.matches(bad).count();
            if n > 0 {
                report.mojibake += n;
                text = text.replace(bad, good);
            }
        }
    }
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

/// Whether the whole line is page furniture ("Article continues below the player").
pub(crate) fn is_boilerplate(line: &str) -> bool {
    let line = line.trim();
    line.len() < 200 && BOILERPLATE.is_match(line)
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
/// boilerplate, spaces. Returns the cleaned lines (blank lines kept, to be
/// grouped into paragraphs by the caller).
pub(crate) fn clean_lines(text: &str, report: &mut Cleaned) -> Vec<String> {
    let fixed = fix_characters(text, report);
    let mut out = Vec::new();
    for raw in fixed.split('\n') {
        let stripped = strip_tag_fragments(raw, report);
        for line in stripped.split('\n') {
            let line = tidy_spaces(line);
            if !line.is_empty() && is_boilerplate(&line) {
                report.boilerplate_lines += 1;
                continue;
            }
            out.push(line);
        }
    }
    out
}

/// Text from a page or a paste cannot contain the analyst's annotations, but
/// it can contain their delimiters (`{==`, `==}`, `{>>`, `<<}`, `]{`), the
/// CriticMarkup edits `check` refuses (`{++`, `{--`, `{~~`), and what `check`
/// reads as a near-miss of an attribute block (a `{` before a word, a `.` or
/// a `#`: `{.quote}`, `] {quote by=x}`; `](.quote)`), all of which would be
/// errors in an article no one annotated yet. The bracket in each becomes
/// its Markdown character reference (`&#123;`, `&#125;`, `&#40;`): the
/// annotation reader no longer sees markup, and the page shows the same text.
/// (Not for Markdown inputs, whose annotations are meant.)
pub(crate) fn escape_annotation_delimiters(text: &str, report: &mut Cleaned) -> String {
    static DELIMITER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\{(==|>>|\+\+|--|~~|[ \t]*[.#\pL])|(==|<<)\}|\]\{|\]\(\.").expect("valid regex"));
    DELIMITER
        .replace_all(text, |c: &regex::Captures| {
            report.markup_escaped += 1;
            let m = &c[0];
            if let Some(rest) = m.strip_prefix('{') {
                format!("&#123;{rest}")
            } else if m == "]{" {
                "]&#123;".to_string()
            } else if m == "](." {
                "]&#40;.".to_string()
            } else {
                format!("{}&#125;", &m[..2])
            }
        })
        .into_owned()
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

    #[test]
    fn boilerplate_is_whole_lines_only() {
        for line in
            ["Article continues below the player", "ADVERTISEMENT", "Story continues below advertisement", "Read more: Trump says", "Skip Advertisement"]
        {
            assert!(is_boilerplate(line), "{line}");
        }
        for line in ["The article continues below the line of control.", "Advertisement revenue fell.", "He read more than most."] {
            assert!(!is_boilerplate(line), "{line}");
        }
    }

    #[test]
    fn annotation_delimiters_in_imported_text_are_defused() {
        let mut r = Cleaned::default();
        let text = escape_annotation_delimiters("a {== b ==} [c]{.x} {>> d <<} {e} {.quote} [f] {quote by=x} [g](.note) {++h++} {1}", &mut r);
        assert_eq!(text, "a &#123;== b ==&#125; [c]&#123;.x} &#123;>> d <<&#125; &#123;e} &#123;.quote} [f] &#123;quote by=x} [g]&#40;.note) &#123;++h++} {1}");
        assert_eq!(r.markup_escaped, 10);
    }

    #[test]
    fn characters_are_repaired_not_reworded() {
        let mut r = Cleaned::default();
        let fixed = fix_characters("â€œHi,â€\u{9d} she\u{a0}said\u{200b}.\r\nNext", &mut r);
        assert_eq!(fixed, "“Hi,” she said.\nNext");
        assert_eq!(r.mojibake, 2);
    }
}
