//! Cutting text into sentences: one splitter for every tool that shows or
//! compares sentences, so they agree on where a sentence ends. An actor
//! page quotes the sentence around each mention, `suggest` compares the
//! sentences that carry figures and dates, `dossier actors candidates` shows
//! where a name occurs, and `import` guesses a title from the first sentence.
//!
//! Unicode's sentence boundaries (UAX #29, from `unicode-segmentation`)
//! already handle closing quotes (`victory." Next`), decimal points, a lower
//! case word after a full stop, and other scripts' stops (`。`, `؟`). What
//! they cannot know is that a full stop after an abbreviation or an initial
//! does not end the sentence before a capital: "Dec. 28", "U.S. President",
//! "Mr. Witkoff", "В. Путин". A boundary after one of those is taken back.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// Abbreviations that are followed by a capital inside a sentence: titles
/// before a name, and months before a day. Case matters: "No. 10" is an
/// abbreviation, "said no." ends a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Gen.", "Gov.", "Sen.", "Rep.", "St.", "Jr.", "Sr.", "No.", "vs.", "Jan.", "Feb.", "Mar.", "Apr.", "Aug.", "Sept.",
    "Sep.", "Oct.", "Nov.", "Dec.",
];

/// The sentences of `text` as byte ranges, in order, covering the whole
/// text: each sentence keeps the spaces after it.
pub fn ranges(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut glue = false;
    let mut start = 0;
    for end in unicode_boundaries(text).into_iter().chain((!text.is_empty()).then_some(text.len())) {
        let sentence = &text[start..end];
        match out.last_mut() {
            Some(last) if glue => last.end = end,
            _ => out.push(start..end),
        }
        // A paragraph break always ends a sentence, whatever comes before it.
        glue = !sentence.ends_with(['\n', '\r', '\u{2029}']) && (ends_with_abbreviation(sentence.trim_end()) || ends_with_ordinal_day(sentence, &text[end..]));
        start = end;
    }
    out
}

/// Where UAX #29 starts a new sentence (after the first), exactly as
/// `split_sentence_bound_indices` finds them, but asking the crate only
/// about the stretches that can hold one.
///
/// The crate looks up every character's sentence class in a table, which
/// made cutting sentences a fifth of `suggest`'s time. Yet a sentence only
/// ends after a full stop, `!`, `?` or a line break (or, to be safe, any
/// non-ASCII character), and whether it does is decided by what comes
/// before the next letter. Between two ASCII letters nothing is pending, no
/// rule can break, and no rule looks back past them, so the text is cut
/// there and only the stretches holding such a character are segmented,
/// each on its own; the cuts themselves are never boundaries.
fn unicode_boundaries(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut window: Option<usize> = None;
    let mut last_cut = 0;
    let segment = |from: usize, to: usize, found: &mut Vec<usize>| {
        found.extend(text[from..to].split_sentence_bound_indices().map(|(at, _)| from + at).filter(|&at| at > from));
    };
    for i in 0..bytes.len() {
        let b = bytes[i];
        if i > 0 && b.is_ascii_alphabetic() && bytes[i - 1].is_ascii_alphabetic() {
            if let Some(from) = window.take() {
                segment(from, i, &mut found);
            }
            last_cut = i;
        } else if window.is_none() && matches!(b, b'.' | b'!' | b'?' | b'\n' | b'\r' | 0x80..) {
            window = Some(last_cut);
        }
    }
    if let Some(from) = window {
        segment(from, bytes.len(), &mut found);
    }
    found
}

/// The sentences of `text`, trimmed, empty ones left out.
pub fn split(text: &str) -> impl Iterator<Item = &str> {
    ranges(text).into_iter().map(|r| text[r].trim()).filter(|s| !s.is_empty())
}

/// The first sentence of `text` (all of it if it is one), trimmed.
pub fn first(text: &str) -> &str {
    split(text).next().unwrap_or("")
}

/// "am 8. September", "1. Mai": a day written as an ordinal before its
/// month (German, and Scandinavian, Czech and Polish alike) is no end of a
/// sentence.
fn ends_with_ordinal_day(sentence: &str, next: &str) -> bool {
    let last_word = sentence.trim_end().rsplit(char::is_whitespace).next().unwrap_or("");
    let day = last_word.strip_suffix('.').unwrap_or("");
    let next_word = next.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    (1..=2).contains(&day.len()) && day.bytes().all(|b| b.is_ascii_digit()) && super::calendar::month(next_word).is_some()
}

fn ends_with_abbreviation(s: &str) -> bool {
    // Opening quotes and brackets do not make an initial a word: `“B.` is `B.`.
    let last_word = s.rsplit(char::is_whitespace).next().unwrap_or("").trim_start_matches(|c: char| !c.is_alphanumeric());
    if ABBREVIATIONS.contains(&last_word) {
        return true;
    }
    // Initials and dotted acronyms, in any script: "U.S.", "J.", "E.U.", "В.".
    let letters: Vec<&str> = last_word.trim_end_matches('.').split('.').collect();
    last_word.ends_with('.') && letters.iter().all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<&str> {
        split(text).collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_a_sentence() {
        let text = "U.S. President Donald Trump met him on Sunday, Dec. 28. Then he left.";
        let r = ranges(text);
        assert_eq!(&text[r[0].clone()], "U.S. President Donald Trump met him on Sunday, Dec. 28. ");
        assert_eq!(r.len(), 2);
        assert_eq!(
            all("Mr. Witkoff and J. D. Vance arrived. No. 10 said no. Then “B. Smith” spoke."),
            ["Mr. Witkoff and J. D. Vance arrived.", "No. 10 said no.", "Then “B. Smith” spoke."]
        );
    }

    #[test]
    fn a_day_written_as_an_ordinal_does_not_end_a_sentence() {
        assert_eq!(
            all("Die Abstimmung findet am 8. September statt. Am 9. Oktober 2025 trat er zurück. Platz 8. Dann kam der Rest."),
            ["Die Abstimmung findet am 8. September statt.", "Am 9. Oktober 2025 trat er zurück.", "Platz 8.", "Dann kam der Rest."]
        );
    }

    #[test]
    fn quotes_numbers_and_lower_case_continuations() {
        assert_eq!(
            all("It was a \"diplomatic victory.\" Next, 2.5 million (about 90%) left. e.g. this stays."),
            ["It was a \"diplomatic victory.\"", "Next, 2.5 million (about 90%) left. e.g. this stays."]
        );
        assert_eq!(first("One line\n\nAnother line."), "One line");
        assert_eq!(first("  "), "");
    }

    #[test]
    fn other_scripts_are_cut_at_their_own_stops() {
        assert_eq!(
            all("В. Путин встретился с С. Уиткоффом. Переговоры продолжатся! Что дальше?"),
            ["В. Путин встретился с С. Уиткоффом.", "Переговоры продолжатся!", "Что дальше?"]
        );
        assert_eq!(all("Зеленський прибув до Маямі. Розмова тривала годину."), ["Зеленський прибув до Маямі.", "Розмова тривала годину."]);
        assert_eq!(all("会谈在周日举行。双方同意继续。"), ["会谈在周日举行。", "双方同意继续。"]);
    }

    #[test]
    fn boundaries_agree_with_unicode_segmentation_on_real_articles() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut checked = 0;
        for dir in ["content/articles", "seeds", "tests/fixtures/linking/articles", "tests/fixtures/hostile"] {
            let Ok(entries) = std::fs::read_dir(root.join(dir)) else { continue };
            for entry in entries.flatten() {
                let Ok(text) = std::fs::read_to_string(entry.path()) else { continue };
                let expected: Vec<usize> = text.split_sentence_bound_indices().map(|(at, _)| at).filter(|&at| at > 0).collect();
                assert_eq!(unicode_boundaries(&text), expected, "{}", entry.path().display());
                checked += 1;
            }
        }
        assert!(checked > 20, "only {checked} texts checked");
    }

    /// Random strings of letters, stops, quotes, spaces, line breaks and the
    /// characters of other scripts and classes.
    #[test]
    fn boundaries_agree_with_unicode_segmentation_on_random_text() {
        for text in crate::text::random_strings("aaBBcZ1. . !?\"')(  \n\r\t,;:“”’—éÉ\u{301}\u{2029}\u{85}。！Дд日\u{2024}", 50_000, 40) {
            let expected: Vec<usize> = text.split_sentence_bound_indices().map(|(at, _)| at).filter(|&at| at > 0).collect();
            assert_eq!(unicode_boundaries(&text), expected, "{text:?}");
        }
    }

    #[test]
    fn ranges_cover_the_text() {
        let text = "A b. C d!  E f?\nG";
        let r = ranges(text);
        assert_eq!(r.first().map(|r| r.start), Some(0));
        assert_eq!(r.last().map(|r| r.end), Some(text.len()));
        assert!(r.windows(2).all(|w| w[0].end == w[1].start));
    }
}
