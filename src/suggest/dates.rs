//! Dates named in an article's text, resolved against its publication date.
//!
//! News reports date events relative to the day they are published: "on
//! Sunday", "last Tuesday", "yesterday". Two reports of one meeting published
//! a week apart name the same day in different words, while two look-alike
//! meetings days apart name different days in the same words, so the
//! resolved day (not the words) is what the scorer compares.
//!
//! A bare weekday is ambiguous: "on Tuesday" is the Tuesday before in "met on
//! Tuesday" and the Tuesday after in "will meet on Tuesday". The sentence
//! decides: future markers (will, would, set to, expected, ...) look ahead,
//! anything else looks back, and "would have" (a counterfactual about the
//! past) looks back.

use jiff::civil::Date;
use jiff::ToSpan;

use crate::text::calendar;

const FUTURE: &[&str] = &[
    "will",
    "would",
    "could",
    "shall",
    "plans",
    "planned",
    "expected",
    "set to",
    "upcoming",
    "scheduled",
    "next",
    "if",
    "to be",
    "going to",
    "expect",
    "expects",
    "as early as",
    "possible",
];
const COUNTERFACTUAL: &[&str] = &["would have", "could have", "had been", "had joined", "should have", "might have"];

/// Whether a word names a month or a weekday (these are dates, not names).
pub(super) fn is_calendar_word(lower: &str) -> bool {
    month(lower).is_some() || calendar::weekday(lower).is_some()
}

/// The month a word names: a month's name, or its abbreviation with the
/// dot ("Mar" alone is too often a word part: "Mar-a-Lago" splits into "mar").
fn month(word: &str) -> Option<i8> {
    let w = word.trim_end_matches('.');
    if w.chars().count() < 3 {
        return None;
    }
    calendar::month(w).or_else(|| word.ends_with('.').then(|| calendar::month_abbreviation(w)).flatten())
}

/// Words of a sentence, lower case, with their trailing punctuation kept
/// apart so "Dec." and "28," can be read.
fn words(sentence: &str) -> Vec<String> {
    sentence.split_whitespace().map(|w| w.trim_matches(|c: char| c == '"' || c == '“' || c == '”' || c == '(' || c == ')').to_lowercase()).collect()
}

fn number(word: &str) -> Option<i16> {
    let digits = word.trim_end_matches([',', '.', ';', ':']).trim_end_matches("st").trim_end_matches("nd").trim_end_matches("rd").trim_end_matches("th");
    (!digits.is_empty() && digits.len() <= 4 && digits.bytes().all(|b| b.is_ascii_digit())).then(|| digits.parse().ok()).flatten()
}

/// The year that puts month/day closest to the publication date.
fn nearest_year(published: Date, m: i8, d: i8) -> Option<Date> {
    let y = published.year();
    [y - 1, y, y + 1]
        .into_iter()
        .filter_map(|y| Date::new(y, m, d).ok())
        .min_by_key(|c| (published.since(*c).map(|s| s.get_days().abs()).unwrap_or(i32::MAX), *c))
}

/// The date of day `d` of month `m`, in the year written in `next` if it is
/// one, else the year nearest `published`; added to `out`. Returns how many
/// words it read (with the year, three).
fn month_day(next: Option<&String>, m: i8, d: i16, published: Option<Date>, out: &mut Vec<Date>) -> usize {
    let year = next.and_then(|x| number(x)).filter(|y| (1900..=2100).contains(y));
    let date = match year {
        Some(y) => Date::new(y, m, d as i8).ok(),
        None => published.and_then(|p| nearest_year(p, m, d as i8)),
    };
    out.extend(date);
    if year.is_some() {
        3
    } else {
        2
    }
}

/// Every date the sentence names, in order. `published` anchors relative
/// expressions; without it only explicit dates with a year resolve.
pub(super) fn dates_in_sentence(sentence: &str, published: Option<Date>) -> Vec<Date> {
    // Most sentences name no date: every form below has a digit or "day", "tomorrow" or "tonight".
    let ascii = sentence.to_ascii_lowercase();
    if !ascii.bytes().any(|b| b.is_ascii_digit()) && !["day", "tomorrow", "tonight"].iter().any(|w| ascii.contains(w)) {
        return Vec::new();
    }
    let w = words(sentence);
    let lower = sentence.to_lowercase();
    let tokens: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).collect();
    let joined = format!(" {} ", tokens.join(" "));
    let counterfactual = COUNTERFACTUAL.iter().any(|m| joined.contains(&format!(" {m} ")));
    // Only markers before the weekday count: in "In a call on Monday, Putin told Trump that Russia
    // would review its position", the "would" is reported speech about what followed the call.
    let future_before = |i: usize| {
        let before = format!(" {} ", w[..i].iter().map(|x| x.trim_matches(|c: char| !c.is_alphanumeric())).collect::<Vec<_>>().join(" "));
        !counterfactual && FUTURE.iter().any(|m| before.contains(&format!(" {m} ")))
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.len() {
        let word = w[i].trim_end_matches([',', '.', ';', ':', '\'', '’']).trim_end_matches("'s").trim_end_matches("’s");
        // Month day[, year] ("Dec. 28, 2025", "December 28")
        if let Some(m) = month(&w[i]).or_else(|| month(word)) {
            if let Some(d) = w.get(i + 1).and_then(|x| number(x)).filter(|d| (1..=31).contains(d)) {
                i += month_day(w.get(i + 2), m, d, published, &mut out);
                continue;
            }
        }
        // day Month [year] ("28 December 2025")
        if let Some(d) = number(&w[i]).filter(|d| (1..=31).contains(d)) {
            if let Some(m) = w.get(i + 1).and_then(|x| month(x).or_else(|| month(x.trim_end_matches([',', '.'])))) {
                i += month_day(w.get(i + 2), m, d, published, &mut out);
                continue;
            }
        }
        if let Some(p) = published {
            let relative = match word {
                "today" | "tonight" => Some(p),
                "yesterday" => p.checked_sub(1.day()).ok(),
                "tomorrow" => p.checked_add(1.day()).ok(),
                _ => None,
            };
            if let Some(d) = relative {
                out.push(d);
                i += 1;
                continue;
            }
            if let Some(wd) = calendar::weekday(word) {
                // A weekday followed by an explicit date: the explicit date is read next.
                let explicit_follows = w.get(i + 1).is_some_and(|x| month(x).is_some() || number(x).is_some());
                if !explicit_follows {
                    let prev = if i > 0 { w[i - 1].as_str() } else { "" };
                    let ahead = match prev {
                        "last" | "past" => false,
                        "next" | "coming" => true,
                        _ => future_before(i),
                    };
                    let back = (p.weekday().to_monday_zero_offset() - wd.to_monday_zero_offset()).rem_euclid(7) as i64;
                    let date = if ahead {
                        p.checked_add(((7 - back) % 7).days())
                    } else if prev == "last" && back == 0 {
                        p.checked_sub(7.days())
                    } else {
                        p.checked_sub(back.days())
                    };
                    out.extend(date.ok());
                }
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn weekdays_resolve_by_tense() {
        let sat = date(2025, 12, 6);
        assert_eq!(dates_in_sentence("a meeting with Putin in Moscow on Tuesday.", Some(sat)), vec![date(2025, 12, 2)]);
        assert_eq!(dates_in_sentence("They are set to brief him in London on Monday.", Some(sat)), vec![date(2025, 12, 8)]);
        assert_eq!(dates_in_sentence("held a call on Saturday", Some(sat)), vec![sat]);
        let fox = date(2025, 12, 27);
        assert_eq!(dates_in_sentence("If Putin were to join the phone call on Sunday, it would be", Some(fox)), vec![date(2025, 12, 28)]);
        let later = date(2026, 1, 3);
        assert_eq!(dates_in_sentence("If Putin had joined in a call Sunday, this would have been", Some(later)), vec![date(2025, 12, 28)]);
        assert_eq!(dates_in_sentence("last Saturday and yesterday", Some(sat)), vec![date(2025, 11, 29), date(2025, 12, 5)]);
        let tue = date(2025, 12, 30);
        assert_eq!(dates_in_sentence("In a phone call on Monday, Putin told Trump that Moscow would review its position", Some(tue)), vec![date(2025, 12, 29)]);
    }

    #[test]
    fn explicit_dates_win_over_their_weekday() {
        let later = date(2026, 1, 3);
        assert_eq!(dates_in_sentence("at Mar-a-Lago on Sunday, Dec. 28, 2025, marking", Some(later)), vec![date(2025, 12, 28)]);
        assert_eq!(dates_in_sentence("on 2 December and on December 4", Some(date(2026, 1, 2))), vec![date(2025, 12, 2), date(2025, 12, 4)]);
        assert_eq!(dates_in_sentence("on 28 December 2025", None), vec![date(2025, 12, 28)]);
        assert!(dates_in_sentence("Mar-a-Lago on Sunday", None).is_empty());
    }
}
