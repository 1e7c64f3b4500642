//! Counting words (UAX #29, as `unicode-segmentation` counts them).
//!
//! The crate counts pure ASCII text quickly and anything else one table
//! look-up per character, so one curly quote made a whole paragraph slow.
//! A run of ASCII spaces with ASCII characters on both sides is a word
//! boundary on both ends under every rule (only another space, or a
//! combining mark after it, would join it to a neighbour), so the text is cut
//! there and each piece counted on its own: the pieces without non-ASCII
//! characters take the crate's fast path, and the count is the same.

use unicode_segmentation::UnicodeSegmentation;

/// The number of words in `text`: `text.unicode_words().count()`.
pub(super) fn count(text: &str) -> usize {
    if text.is_ascii() {
        return text.unicode_words().count();
    }
    let bytes = text.as_bytes();
    let mut words = 0;
    let mut piece = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b' ' {
            i += 1;
            continue;
        }
        let spaces = i;
        while i < bytes.len() && bytes[i] == b' ' {
            i += 1;
        }
        // A byte below 0x80 is a whole ASCII character in UTF-8.
        if (spaces == 0 || bytes[spaces - 1].is_ascii()) && (i == bytes.len() || bytes[i].is_ascii()) {
            words += text[piece..spaces].unicode_words().count();
            piece = i;
        }
    }
    words + text[piece..].unicode_words().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_with_unicode_segmentation_on_real_articles() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut checked = 0;
        for dir in ["content/articles", "seeds"] {
            let Ok(entries) = std::fs::read_dir(root.join(dir)) else { continue };
            for entry in entries.flatten() {
                let Ok(text) = std::fs::read_to_string(entry.path()) else { continue };
                for paragraph in text.split("\n\n").chain([text.as_str()]) {
                    assert_eq!(count(paragraph), paragraph.unicode_words().count(), "{paragraph:?}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 50, "only {checked} texts checked");
    }

    /// Random strings of spaces, ASCII and the characters that join across
    /// boundaries (combining marks, joiners, other spaces, emoji, CJK).
    #[test]
    fn counts_agree_with_unicode_segmentation_on_random_text() {
        for text in crate::text::random_strings("aaaB1_.,:'\"    \t\n\r“’—éć\u{301}\u{200d}\u{ad}\u{a0}\u{2000}\u{3000}👍🇫🇷日カא", 50_000, 30)
        {
            assert_eq!(count(&text), text.unicode_words().count(), "{text:?}");
        }
    }
}
