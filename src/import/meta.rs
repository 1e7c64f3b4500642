//! Metadata guessed from text: a date mentioned in it, a title from its
//! first sentence ([`crate::text::sentences`]), an outlet from an address, the language.
//!
//! Everything here is a guess, and the caller marks it as one in the front
//! matter (`guessed = [...]`) so the user knows what to confirm.

use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

use crate::text::dates::{self, Direction};

/// The words a byline opens with ("By Jane Roe", "Von ...", "Par ...",
/// "Por ..."), lower case; a page's own byline element may also say
/// "Written by".
pub(crate) const BYLINE_OPENERS: &[&str] = &["by", "von", "par", "por"];

/// Small words inside a byline's names: "Jane Roe and John Doe", "Ursula
/// von der Leyen".
pub(crate) const NAME_JOINERS: &[&str] = &["and", "und", "et", "y", "&", "de", "van", "von", "da", "del", "der"];

/// A publication date found in the text, and where: a timestamp line near
/// the top or the bottom ("Mon Dec 29 05:30:00 UTC 2025", "Posted Dec 10,
/// 2025", "[September 18, 2025]"), else the latest whole date the text
/// names that it does not look ahead to (an article is published on or
/// after the days it reports), in [`dates::NEWS_YEARS`].
pub(crate) fn date_in_text(body: &str) -> Option<(Date, String)> {
    let lines: Vec<&str> = body.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let edges = lines.iter().take(6).chain(lines.iter().rev().take(4));
    for line in edges {
        for m in dates::mentions(line) {
            let dates::When::Day(d) = m.when else { continue };
            let rest = line.len() - m.range.len();
            if dates::is_news_day(d, None) && (m.timed || rest <= 24) {
                return Some((d, format!("the line “{}”", crate::text::shorten(line, 60))));
            }
        }
    }
    let found = dates::mentions(body);
    let newest = dates::newest_whole_date(&found);
    // A date the text calls past ("el pasado 3 de diciembre de 2024") is
    // before the day of writing, by the writer's word.
    let back: Vec<&dates::Mention> = found.iter().filter(|m| m.direction == Direction::Back && !dates::said_to_be_past(body, m)).collect();
    let (latest, why) = back
        .iter()
        .filter_map(|m| match m.when {
            dates::When::Day(d) if dates::is_news_day(d, newest) => Some((d, &body[m.range.clone()])),
            _ => None,
        })
        .max_by_key(|x| x.0)?;
    // A day named without its year ("on May 27") that falls after the
    // latest whole date, read in that date's year, is news the page
    // reports: it was published that day or later, not on a day it
    // recalls ("which had previously flown on January 16, 2025").
    let later = back
        .iter()
        .filter(|m| matches!(m.when, dates::When::MonthDay { .. }))
        .filter_map(|m| Some((m.resolve(Some(dates::Anchor::Around(latest)))?, &body[m.range.clone()])))
        .filter(|&(d, _)| d > latest)
        .max_by_key(|x| x.0);
    Some(match later {
        Some((d, words)) => (d, format!("the latest day the text names (“{words}”, read in the year of “{why}”)")),
        None => (latest, format!("the latest date in the text (“{why}”)")),
    })
}

/// A headline line closed by the page's timestamp ("Anträge zur Migration
/// im Bundestag ... Stand: 24.01.2025 21:00 Uhr", "... Updated Dec 10, 2025
/// 5:30 PM"): the headline without it, the date, and the stamp's words. A
/// stamp is a whole date with a clock time and nothing after but its zone
/// ("Uhr", "UTC"); the label before it ("Stand:", "Updated", "Publié le")
/// goes with it.
pub(crate) fn headline_and_stamp(line: &str) -> Option<(String, Date, String)> {
    let m = dates::mentions(line).into_iter().last()?;
    let dates::When::Day(day) = m.when else { return None };
    if !m.timed || !dates::is_news_day(day, None) {
        return None;
    }
    let after = dates::CLOCK_TIME.replace_all(&line[m.range.end..], "");
    if after.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count() > 1 {
        return None;
    }
    let mut headline = line[..m.range.start].trim_end();
    loop {
        let trimmed = headline.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '|' | '·' | '-' | '–' | '—' | ','));
        let last = trimmed.rsplit(char::is_whitespace).next().unwrap_or("");
        if last.is_empty() || !STAMP_LABELS.contains(&last.to_lowercase().as_str()) {
            headline = trimmed;
            break;
        }
        headline = &trimmed[..trimmed.len() - last.len()];
    }
    (headline.split_whitespace().count() >= 2).then(|| (headline.to_string(), day, line[headline.len()..].trim().to_string()))
}

/// Words that label a page's timestamp, and the small words between them
/// and the date ("Stand:", "Updated on", "Publié le", "Обновлено").
const STAMP_LABELS: &[&str] = &[
    "stand",
    "aktualisiert",
    "veröffentlicht",
    "am",
    "updated",
    "published",
    "posted",
    "last",
    "on",
    "publié",
    "mis",
    "à",
    "jour",
    "le",
    "actualizado",
    "publicado",
    "el",
    "aggiornato",
    "pubblicato",
    "il",
    "обновлено",
    "опубликовано",
    "оновлено",
    "опубліковано",
];

/// Day and month in either order with a year ("09-10-2025"), alone on a line.
static NUMERIC_DATE_LINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$").expect("valid regex"));

/// Whether `line` holds only a date, and perhaps a clock time ("23 січня
/// 2026, 22:47"): one the calendar reads, or day and month that could be
/// either way round.
pub(crate) fn is_date_line(line: &str) -> bool {
    let line = dates::CLOCK_TIME.replace_all(line, "");
    let line = line.trim().trim_end_matches([',', '-', '|', '·']).trim_end();
    NUMERIC_DATE_LINE.is_match(line) || dates::mentions(line).iter().any(|m| matches!(m.when, dates::When::Day(_)) && line.len() - m.range.len() <= 2)
}

/// A photo's credit: "Photo: REUTERS", "(AP Photo/Jae C. Hong)", "Getty
/// Images", "Фото: ТАСС", "(AP/Niranjan Shrestha)": an agency and a
/// photographer, not "(Reuters) -" opening wire copy; an agency alone
/// closing the line ("Sébastien Lecornu y Emmanuel Macron. AFP"); a
/// caption's buttons ("hide caption", "toggle caption"); and a caption's
/// label opening the line ("Photo/Illustration Sanae Takaichi ...").
static PHOTO_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(photo|foto|фото)\s*/\s*\w|\b(photo|photograph|photographer|image|picture|foto|bild|фото)(\s+credit)?\s*:|\bap photo\b|getty images|\bcaption\b|\b(ap|afp|reuters|epa|dpa|ansa|efe|тасс|риа)\s*/\s*\w|[.|/]\s*(ap|afp|reuters|epa|dpa|ansa|efe|europa press|тасс|риа новости)$")
        .expect("valid regex")
});

/// Whether `paragraph` is a photo's caption: short, and crediting the photo.
pub(crate) fn is_photo_caption(paragraph: &str) -> bool {
    paragraph.len() <= 300 && PHOTO_CREDIT.is_match(paragraph)
}

/// A date at the start of an ISO 8601 timestamp (`2025-12-28T14:03:00Z`) or
/// a plain date, as metadata gives them.
pub(crate) fn parse_iso_date(value: &str) -> Option<Date> {
    let value = value.trim();
    value.get(..10)?.parse().ok()
}

/// "PALM BEACH, Florida — ", "STOCKHOLM (Reuters) - ", "(Reuters) - " or
/// "FRANKFURT (Dow Jones)--" at the start of wire copy.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[A-Z][A-Z .'-]{2,}(?:,\s*[A-Za-z .]+)?\s*(?:\(\p{Lu}\w*(?: \p{Lu}\w*)*\)\s*)?|\(\p{Lu}\w*(?: \p{Lu}\w*)*\)\s*)(?:(?:—|–|-{1,2})\s+|--)")
        .expect("valid regex")
});

/// A title from the first sentence of the text: dateline dropped, long
/// sentences cut at a word boundary.
pub(crate) fn title_from_text(first_paragraph: &str) -> String {
    let sentence = crate::text::sentences::first(first_paragraph);
    let sentence = DATELINE.find(sentence).map_or(sentence, |m| &sentence[m.end()..]);
    crate::text::shorten(sentence, 160)
}

/// An outlet name from an address: its host without `www.`.
pub(crate) fn outlet_from_url(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?.split(':').next()?.to_ascii_lowercase();
    let host = ["www.", "m.", "amp.", "edition.", "mobile."].iter().fold(host.as_str(), |h, p| h.strip_prefix(p).unwrap_or(h));
    (host.contains('.') && host.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')).then(|| host.to_string())
}

/// The text's language as an ISO 639-1 code (`en`), and whether the
/// detector considers it reliable.
pub(crate) fn detect_language(text: &str) -> Option<(String, bool)> {
    // A few thousand characters decide a language; more only costs time.
    let sample: String = text.chars().take(4000).collect();
    let info = whatlang::detect(&sample)?;
    let code = isolang::Language::from_639_3(info.lang().code())?.to_639_1()?;
    Some((code.to_string(), info.is_reliable()))
}

/// A language tag from metadata (`en-US`, `en_GB`) as its primary subtag.
pub(crate) fn language_tag(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (2..=3).contains(&primary.len()).then_some(primary).filter(|p| p.chars().all(|c| c.is_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timestamp_closing_the_headline_dates_the_page_and_leaves_the_headline() {
        let (headline, day, stamp) =
            headline_and_stamp("Anträge zur Migration im Bundestag \"Die Brandmauer darf nicht bröckeln\" Stand: 24.01.2025 21:00 Uhr").unwrap();
        assert_eq!(headline, "Anträge zur Migration im Bundestag \"Die Brandmauer darf nicht bröckeln\"");
        assert_eq!(day, jiff::civil::date(2025, 1, 24));
        assert_eq!(stamp, "Stand: 24.01.2025 21:00 Uhr");
        let (headline, day, _) = headline_and_stamp("Fed holds rates steady | Updated on Dec 10, 2025 5:30 PM EST").unwrap();
        assert_eq!((headline.as_str(), day), ("Fed holds rates steady", jiff::civil::date(2025, 12, 10)));
        // A date in the headline's words, or without a clock time, is no stamp.
        assert!(headline_and_stamp("Talks on 24.01.2025 21:00 end without a deal").is_none());
        assert!(headline_and_stamp("Bundestag vote of 24.01.2025").is_none());
    }

    #[test]
    fn timestamp_lines_then_the_latest_date() {
        let day = |s: &str| date_in_text(s).map(|(d, _)| d);
        let text = "On Sunday, Dec. 28, 2025, after talks on 4 December 2025 and 2025-11-30; back in 1938 and May 3, 1899.";
        assert_eq!(day(text), Some(Date::new(2025, 12, 28).unwrap()));
        assert_eq!(day("No dates since 2020 here."), None);
        // A file photo's caption dates the photo.
        let caption = "The envoy, who was named on March 2, 2025. / Photo: AP Archive";
        assert_eq!(day(&format!("Talks on the truce collapsed on Wednesday.\n{caption}\nThe envoy wrote to the president.")), None);
        assert_eq!(day(&format!("{caption}\nTalks collapsed on April 9, 2025.")), Some(Date::new(2025, 4, 9).unwrap()));
        assert_eq!(day("February 30, 2025 is not a day"), None);
        assert_eq!(day("They will meet on Jan. 5, 2026. Talks began on Dec. 28, 2025."), Some(Date::new(2025, 12, 28).unwrap()));
        let (d, why) = date_in_text("Fed cuts rates\nPosted Dec 10, 2025\nThe Fed cut rates, as it did on Oct. 29, 2025 and will on Jan. 28, 2026.").unwrap();
        assert_eq!((d, why.as_str()), (Date::new(2025, 12, 10).unwrap(), "the line “Posted Dec 10, 2025”"));
        assert_eq!(day("Talks end.\n23:24 29.12.2025 •"), Some(Date::new(2025, 12, 29).unwrap()));
        // A day without its year, after the latest whole date, is the news; the whole date is background.
        let (d, why) = date_in_text("The rocket flew on May 27 at 23:37 UTC on a booster that had previously flown on January 16, 2025.").unwrap();
        assert_eq!(d, Date::new(2025, 5, 27).unwrap(), "{why}");
        // One before it is something the page recalls.
        assert_eq!(day("On January 16, 2025 it flew; its booster was built by Jan. 2."), Some(Date::new(2025, 1, 16).unwrap()));
        // A birth date is history, not the day of the news the page looks ahead from.
        assert_eq!(day("She was born on October 7, 1967, in Caracas. The prize will be awarded in Oslo on December 10, 2025."), None);
        assert_eq!(day("Talks were held on Dec. 2, 2025; the next round will be on Jan. 5, 2026."), Some(Date::new(2025, 12, 2).unwrap()));
        // A typo's year is no publication date: the day the text names with a real year is.
        assert_eq!(day("The rocket flew on May 27, 2025. It lifted off last night (May 27, 2925) at 18:37."), Some(Date::new(2025, 5, 27).unwrap()));
        // A date the text calls past was before the writing: no publication date.
        assert_eq!(day("La decisión se basa en la ley marcial declarada el pasado 3 de diciembre de 2024."), None);
        assert_eq!(day("La loi martiale du 3 décembre 2024 dernier a été jugée."), None);
    }

    #[test]
    fn titles_are_first_sentences_without_the_dateline() {
        assert_eq!(title_from_text("The U.S. President spoke. Then he left."), "The U.S. President spoke.");
        assert_eq!(
            title_from_text("PALM BEACH, Florida — President Trump met him on Sunday, Dec. 28, 2025. More."),
            "President Trump met him on Sunday, Dec. 28, 2025."
        );
        for wire in ["FRANKFURT (Reuters) - ", "(Reuters) - ", "MOSCOW (AP) — ", "FRANKFURT (Dow Jones)--"] {
            assert_eq!(title_from_text(&format!("{wire}The bank held its rates. More.")), "The bank held its rates.", "{wire}");
        }
        assert_eq!(title_from_text("(Not a dateline) - a dash."), "(Not a dateline) - a dash.");
        assert_eq!(title_from_text("COVID-19 cases rise again. More."), "COVID-19 cases rise again.");
    }

    #[test]
    fn outlets_and_languages() {
        assert_eq!(outlet_from_url("https://www.foxnews.com/politics/x?y=1").as_deref(), Some("foxnews.com"));
        assert_eq!(outlet_from_url("javascript:alert(1)"), None);
        assert_eq!(language_tag("en-US").as_deref(), Some("en"));
        let (lang, _) = detect_language("Президент Украины провёл переговоры с американской делегацией во Флориде.").unwrap();
        assert_eq!(lang, "ru");
    }
}
