//! Month and weekday names: the one date vocabulary. `suggest` reads dates
//! in articles ("Sunday, Dec. 28"), `import` guesses a publication date and
//! tells names from calendar words ("On Monday ..."), and the pages write
//! dates ("28 December 2025", "28 Dec 2025").
//!
//! A language is data: a [`Vocabulary`] lists every form of each name as
//! it is written in running text (a language that declines month names
//! lists each case: nominative, genitive, ...), and the readers below look
//! through every vocabulary in [`LANGUAGES`]. Adding a language is adding
//! a table there; dates themselves are `jiff` dates.

use jiff::civil::Weekday;

/// The names one language writes dates with, lower case.
pub struct Vocabulary {
    /// ISO 639-1 code.
    pub language: &'static str,
    /// Each month's names in running text, January first: every form the
    /// language uses, each a whole word.
    pub months: [&'static [&'static str]; 12],
    /// Each month's abbreviations, read only when a full stop follows them
    /// ("Dec. 28"): without it, "mar" is as often part of a word.
    pub month_abbreviations: [&'static [&'static str]; 12],
    /// Each weekday's names, Monday first.
    pub weekdays: [&'static [&'static str]; 7],
    /// How pages write each month: its name, and its short form.
    pub month_display: [&'static str; 12],
    pub month_short_display: [&'static str; 12],
}

pub const ENGLISH: Vocabulary = Vocabulary {
    language: "en",
    months: [
        &["january"],
        &["february"],
        &["march"],
        &["april"],
        &["may"],
        &["june"],
        &["july"],
        &["august"],
        &["september", "sept"],
        &["october"],
        &["november"],
        &["december"],
    ],
    month_abbreviations: [&["jan"], &["feb"], &["mar"], &["apr"], &["may"], &["jun"], &["jul"], &["aug"], &["sep", "sept"], &["oct"], &["nov"], &["dec"]],
    weekdays: [&["monday"], &["tuesday"], &["wednesday"], &["thursday"], &["friday"], &["saturday"], &["sunday"]],
    month_display: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    month_short_display: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
};

/// Every language whose dates are read.
pub const LANGUAGES: &[&Vocabulary] = &[&ENGLISH];

const WEEKDAYS: [Weekday; 7] = [Weekday::Monday, Weekday::Tuesday, Weekday::Wednesday, Weekday::Thursday, Weekday::Friday, Weekday::Saturday, Weekday::Sunday];

/// `word` in lower case, without allocating for ASCII lower-case words.
fn lower(word: &str) -> std::borrow::Cow<'_, str> {
    if word.bytes().any(|b| !b.is_ascii_lowercase()) {
        word.to_lowercase().into()
    } else {
        word.into()
    }
}

/// The index of the first list `word` is in.
fn find(lists: &[&[&str]], word: &str) -> Option<usize> {
    lists.iter().position(|forms| forms.contains(&word))
}

/// The month (1 to 12) a whole month name names, in any case and language.
pub fn month(word: &str) -> Option<i8> {
    let word = lower(word);
    LANGUAGES.iter().find_map(|v| find(&v.months, &word)).map(|i| i as i8 + 1)
}

/// The month a month abbreviation names (`dec`, given without its dot).
pub fn month_abbreviation(word: &str) -> Option<i8> {
    let word = lower(word);
    LANGUAGES.iter().find_map(|v| find(&v.month_abbreviations, &word)).map(|i| i as i8 + 1)
}

/// The weekday a weekday name names, in any case and language.
pub fn weekday(word: &str) -> Option<Weekday> {
    let word = lower(word);
    LANGUAGES.iter().find_map(|v| find(&v.weekdays, &word)).map(|i| WEEKDAYS[i])
}

/// Every month name and abbreviation of every language, longest first, as
/// a regular-expression alternation (for patterns that find dates in text).
pub fn month_pattern() -> String {
    let mut all: Vec<&str> = LANGUAGES.iter().flat_map(|v| v.months.iter().chain(&v.month_abbreviations).flat_map(|forms| forms.iter().copied())).collect();
    all.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    all.dedup();
    all.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|")
}

/// "28 December 2025", as pages write a date.
pub fn long_date(d: jiff::civil::Date) -> String {
    format!("{} {} {}", d.day(), ENGLISH.month_display[d.month() as usize - 1], d.year())
}

/// "28 Dec 2025", where space is short (search results, charts).
pub fn short_date(d: jiff::civil::Date) -> String {
    format!("{} {} {}", d.day(), short_month(d.month()), d.year())
}

/// "December 2025", a month's heading.
pub fn month_and_year(d: jiff::civil::Date) -> String {
    format!("{} {}", ENGLISH.month_display[d.month() as usize - 1], d.year())
}

/// "Dec", month `m` (1 to 12) in short.
pub fn short_month(m: i8) -> &'static str {
    ENGLISH.month_short_display[m as usize - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_read_in_any_case() {
        assert_eq!(month("December"), Some(12));
        assert_eq!(month("SEPT"), Some(9));
        assert_eq!(month("mar"), None);
        assert_eq!(month_abbreviation("Mar"), Some(3));
        assert_eq!(weekday("Sunday"), Some(Weekday::Sunday));
        assert_eq!(weekday("Sundays"), None);
    }

    #[test]
    fn every_vocabulary_is_lower_case_and_complete() {
        for v in LANGUAGES {
            for form in v.months.iter().chain(&v.month_abbreviations).chain(&v.weekdays).flat_map(|f| f.iter()) {
                assert_eq!(form.to_lowercase(), *form, "{}: {form}", v.language);
            }
            assert!(v.months.iter().chain(&v.weekdays).all(|forms| !forms.is_empty()), "{}", v.language);
        }
    }

    #[test]
    fn dates_are_written_as_pages_show_them() {
        let d = jiff::civil::date(2025, 12, 28);
        assert_eq!(long_date(d), "28 December 2025");
        assert_eq!(short_date(d), "28 Dec 2025");
        assert_eq!(month_and_year(d), "December 2025");
        let pattern = regex::Regex::new(&format!("^(?:{})$", month_pattern())).unwrap();
        assert!(pattern.is_match("september") && pattern.is_match("sept") && !pattern.is_match("dece"));
    }
}
