//! The text layer shared by the stages and commands: slugs, folding for
//! matching, HTML escaping for the few places that build markup by hand,
//! and, one module each, the article file's layout ([`front_matter`]), the
//! sentence splitter ([`sentences`]) and month and weekday names
//! ([`calendar`]).

pub mod calendar;
pub mod dates;
pub mod front_matter;
pub mod names;
pub mod sentences;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// A URL- and file-system-safe slug: ASCII `a-z`, `0-9` and single `-`.
/// Non-Latin text is transliterated (deunicode), so `Зеленский` becomes
/// `zelenskii`; nothing can produce `.`, `/` or `\`, which is what keeps
/// output paths inside the output folder.
pub fn slugify(input: &str) -> String {
    let ascii = deunicode::deunicode(input);
    let mut slug = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    // Long slugs make unwieldy URLs and can exceed file-name limits (255 bytes).
    if slug.len() > 80 {
        slug.truncate(80);
        while slug.ends_with('-') {
            slug.pop();
        }
    }
    slug
}

/// Whether `c` is written in a script with no spaces between words: Chinese
/// characters and Japanese kana. Readers take such text a character (dates)
/// or two (terms) at a time.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF // hiragana, katakana
        | 0x31F0..=0x31FF // katakana extensions
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xF900..=0xFAFF // compatibility ideographs
        | 0xFF66..=0xFF9F // half-width katakana
    )
}

/// The terms of a run of letters with Chinese characters or kana in it:
/// each two such characters in a row (how search engines index these
/// scripts: most of their words are two characters, and no dictionary is
/// needed), except pairs of hiragana alone, which are endings and
/// particles; the other letters of the run (a Latin name, digits) as they
/// are, one term per stretch. Linking and the search index (and
/// `assets/search.js`, for a query) cut text alike.
pub fn cjk_terms(run: &str, mut f: impl FnMut(&str)) {
    let hiragana = |c: char| ('\u{3040}'..='\u{309F}').contains(&c);
    let mut other_from: Option<usize> = None;
    let mut prev: Option<(usize, char)> = None;
    for (i, c) in run.char_indices() {
        if !is_cjk(c) {
            other_from.get_or_insert(i);
            prev = None;
            continue;
        }
        if let Some(from) = other_from.take() {
            f(&run[from..i]);
        }
        if let Some((at, _)) = prev.filter(|&(_, p)| !(hiragana(p) && hiragana(c))) {
            f(&run[at..i + c.len_utf8()]);
        }
        prev = Some((i, c));
    }
    if let Some(from) = other_from {
        f(&run[from..]);
    }
}

/// Whether `s` is already a slug as [`slugify`] makes them (ids in registries
/// must be, because they become file names and URLs).
pub fn is_slug(s: &str) -> bool {
    !s.is_empty() && slugify(s) == s
}

/// Text folded for matching names: lower case, no diacritics, typographic
/// apostrophes as `'`. Keeps, for every byte of the folded text, the byte
/// range of the original character it came from, so a match found in folded
/// text maps back to the exact original span.
pub struct Folded {
    pub text: String,
    /// `origin[i]` = (start, end) in the original of the char behind folded
    /// byte `i`; empty for ASCII text, where folding keeps every offset.
    origin: Vec<(u32, u32)>,
}

impl Folded {
    pub fn new(original: &str) -> Folded {
        if original.is_ascii() {
            return Folded { text: original.to_ascii_lowercase(), origin: Vec::new() };
        }
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        for (start, c) in original.char_indices() {
            let end = (start + c.len_utf8()) as u32;
            let start = start as u32;
            let before = text.len();
            for_each_folded(c, |f| text.push(f));
            origin.resize(origin.len() + (text.len() - before), (start, end));
        }
        Folded { text, origin }
    }

    /// The original byte range behind folded range `start..end` (non-empty),
    /// or `None` when the range starts or ends inside the folding of one
    /// original character (`ﬁ` folds to `fi`; a match on `i` alone is not a
    /// match in the original).
    pub fn original_span(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        if self.origin.is_empty() {
            return Some((start, end));
        }
        let starts_clean = start == 0 || self.origin[start - 1] != self.origin[start];
        let ends_clean = end == self.origin.len() || self.origin[end] != self.origin[end - 1];
        (starts_clean && ends_clean).then(|| (self.origin[start].0 as usize, self.origin[end - 1].1 as usize))
    }
}

fn for_each_folded(c: char, mut push: impl FnMut(char)) {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{FF07}' => push('\''),
        c if c.is_ascii() => push(c.to_ascii_lowercase()),
        c => {
            for d in std::iter::once(c).nfkd() {
                if !is_combining_mark(d) {
                    for l in d.to_lowercase() {
                        push(l);
                    }
                }
            }
        }
    }
}

/// [`Folded::new`] without the offsets, for registry keys.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        for_each_folded(c, |f| out.push(f));
    }
    out
}

/// Text safe to print on a terminal or in a CI log: every control
/// character (escape sequences that retitle or repaint a terminal, a
/// carriage return that overwrites a line, a line break that starts a forged
/// `::error` workflow command) and every bidirectional override (which
/// reorders what the reader sees) becomes `\u{fffd}`. Line breaks and tabs
/// are kept when `lines` is true: a caller printing several lines has made
/// sure each starts with text of its own.
pub fn printable(s: &str, lines: bool) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| (c.is_control() && !(lines && (c == '\n' || c == '\t'))) || is_bidi_control(c);
    if !s.chars().any(bad) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(s.chars().map(|c| if bad(c) { '\u{fffd}' } else { c }).collect())
}

/// [`printable`] keeping every byte offset, for text a diagnostic points
/// into: each character replaced becomes as many `?` as it had bytes.
pub fn printable_in_place(s: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c);
    if !s.chars().any(bad) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if bad(c) {
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Unicode's explicit bidirectional embeddings, overrides and isolates,
/// which reorder the text around them ("Trojan Source").
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Collapse a front-matter string to one clean line: control characters
/// (NUL, CR, tabs, line and paragraph separators) become spaces, runs of
/// white space become one space. Titles and names are shown on one line in
/// `<title>`, headings and lists; anything else is a formatting accident or
/// an attack.
pub fn clean_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = if c.is_control() || c == '\u{2028}' || c == '\u{2029}' { ' ' } else { c };
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// At most `max` characters, cut at a word boundary with an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head).trim_end_matches([',', ';', ':', ' ']);
    format!("{cut}…")
}

/// The name among `known` that `wrong` is most likely a misspelling of,
/// for "did you mean" hints: the fewest edits (Damerau-Levenshtein, so a
/// swapped pair of letters is one edit, as in `.qoute`), at most one edit
/// per three characters and never the whole word; ties go to the first.
pub fn closest<'a>(wrong: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let length = wrong.chars().count();
    let allowed = (length / 3).max(1);
    let mut best: Option<(usize, &str)> = None;
    for candidate in known {
        if candidate == wrong {
            continue;
        }
        let edits = strsim::damerau_levenshtein(wrong, candidate);
        if edits <= allowed && edits < length.max(candidate.chars().count()) && best.is_none_or(|(b, _)| edits < b) {
            best = Some((edits, candidate));
        }
    }
    best.map(|(_, name)| name)
}

/// Escape text for HTML content and double-quoted attribute values.
///
/// Every page's text goes through here (it is Tera's escape function), so
/// it copies the runs between special characters whole rather than
/// character by character. The five are ASCII, so a byte scan never splits
/// a character.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 16);
    let mut copied = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[copied..i]);
        out.push_str(entity);
        copied = i + 1;
    }
    out.push_str(&s[copied..]);
    out
}

/// [`escape_html`] with the signature Tera's `set_escape_fn` takes.
pub fn escape_html_str(s: &str) -> String {
    escape_html(s)
}

/// Random strings over `alphabet` (a character repeated in it is drawn more
/// often), up to `max_len` characters, the same ones on every run: for
/// tests that hold a fast path against the crate it stands in for.
#[cfg(test)]
pub(crate) fn random_strings(alphabet: &str, count: usize, max_len: u64) -> impl Iterator<Item = String> {
    let alphabet: Vec<char> = alphabet.chars().collect();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    (0..count).map(move |_| {
        let len = next() % max_len;
        (0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]).collect()
    })
}

/// Shared words (as a multiset) over the larger word count: cheap, and
/// indifferent to the order paragraphs were moved into.
pub fn word_similarity(a: &str, b: &str) -> f64 {
    fn bag(s: &str) -> std::collections::BTreeMap<&str, usize> {
        let mut m = std::collections::BTreeMap::new();
        for w in s.split_whitespace() {
            *m.entry(w).or_default() += 1;
        }
        m
    }
    let (ma, mb) = (bag(a), bag(b));
    let (na, nb): (usize, usize) = (ma.values().sum(), mb.values().sum());
    if na.max(nb) == 0 {
        return if a == b { 1.0 } else { 0.0 };
    }
    let shared: usize = ma.iter().map(|(w, n)| (*n).min(mb.get(w).copied().unwrap_or(0))).sum();
    shared as f64 / na.max(nb) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_closest_name_is_a_few_edits_away() {
        let kinds = ["quote", "claim", "note", "ref"];
        assert_eq!(closest("qoute", kinds), Some("quote"));
        assert_eq!(closest("claims", kinds), Some("claim"));
        assert_eq!(closest("donald-trumpp", ["donald-trump", "melania-trump"]), Some("donald-trump"));
        assert_eq!(closest("outlit", ["title", "outlet", "date"]), Some("outlet"));
        assert_eq!(closest("x", ["ref"]), None);
        assert_eq!(closest("banana", kinds), None);
    }

    #[test]
    fn escaping_replaces_the_five_and_keeps_the_rest() {
        assert_eq!(escape_html("Žižek <b>&\"x'</b> “ok”"), "Žižek &lt;b&gt;&amp;&quot;x&#39;&lt;/b&gt; “ok”");
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("&&"), "&amp;&amp;");
    }

    #[test]
    fn slugs_cannot_escape_a_folder() {
        for hostile in ["../../etc/passwd", "..", ".", "/etc/passwd", "C:\\Windows", "%2e%2e%2f", "a/b/c"] {
            let slug = slugify(hostile);
            assert!(!slug.contains('.') && !slug.contains('/') && !slug.contains('\\'), "{hostile} -> {slug}");
        }
        assert_eq!(slugify("Space and ünïcode name (1)"), "space-and-unicode-name-1");
        assert_eq!(slugify("Зеленский"), "zelenskii");
    }

    #[test]
    fn folding_maps_back_to_original_spans() {
        let original = "Zelenskyy’s talk with Žižek";
        let folded = Folded::new(original);
        assert_eq!(folded.text, "zelenskyy's talk with zizek");
        let at = folded.text.find("zizek").unwrap();
        let (s, e) = folded.original_span(at, at + 5).unwrap();
        assert_eq!(&original[s..e], "Žižek");
        let ligature = Folded::new("\u{FB01}rst");
        assert_eq!(ligature.text, "first");
        assert_eq!(ligature.original_span(1, 5), None);
        assert_eq!(ligature.original_span(0, 5), Some((0, 6)));
    }

    #[test]
    fn clean_line_flattens_control_characters() {
        assert_eq!(clean_line("a\nb\u{2028}c\0d\t e "), "a b c d e");
    }
}
