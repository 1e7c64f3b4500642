//! Plain text, as pasted from a web page: the body is the text, the metadata
//! comes from markers and guesses.
//!
//! A leading `date 2026-01-03` marker gives the date, a line holding only an
//! address gives the URL, a `By Jane Doe` line near the top (`Von`, `Par`,
//! `Por`) gives the author.
//! Each non-empty line is a paragraph, unless the text is hard-wrapped (short
//! lines with blank lines between paragraphs). Page furniture (menus,
//! labels, banners) goes by its shape ([`clean::drop_furniture`]). A short
//! line without closing punctuation that opens a paragraph of prose is a
//! subheading; the first such line, when the text starts with one (after a
//! date line, a photo's caption, or furniture whose words the text never
//! uses), is the headline and becomes the title.

use std::sync::LazyLock;

use regex::Regex;

use super::clean::{self, Cleaned};
use super::meta;
use super::Extracted;

static DATE_MARKER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^date\s*[:=]?\s*(\d{4})-(\d{2})(?:-(\d{2}))?\b\s*(.*)$").expect("valid regex"));
static URL_LINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^(?:(?:url|source|link)\s*[:=]?\s*)?(https?://[^\s<>]+)$").expect("valid regex"));
/// "By Jane Doe" and its kin in German, French and Spanish ("Von Meike
/// Schreiber, Frankfurt"), a name alone on its line, perhaps with the
/// writer's city after a comma.
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    let openers: Vec<String> = meta::BYLINE_OPENERS.iter().flat_map(|w| [w[..1].to_uppercase() + &w[1..], w.to_uppercase()]).collect();
    let joiners: Vec<String> = meta::NAME_JOINERS.iter().map(|w| regex::escape(w)).collect();
    Regex::new(&format!(
        r"^(?:{})\s+(\p{{Lu}}[\p{{L}}.'’-]*(?:\s+(?:\p{{Lu}}[\p{{L}}.'’-]*|{})){{0,6}})(?:,\s*\p{{Lu}}[\p{{L}}.'’ -]*)?$",
        openers.join("|"),
        joiners.join("|")
    ))
    .expect("valid regex")
});

pub(crate) fn read(text: &str, cleaned: &mut Cleaned) -> Extracted {
    let mut out = Extracted::default();
    let mut lines = clean::clean_lines(text, cleaned);

    // Markers are metadata, not article text: they come off the body.
    if let Some(first) = lines.iter_mut().find(|l| !l.is_empty()) {
        if let Some(c) = DATE_MARKER.captures(first) {
            let (year, month) = (c[1].parse::<i16>().unwrap_or(0), c[2].parse::<i8>().unwrap_or(0));
            let rest = c[4].to_string();
            match c.get(3) {
                Some(day) => {
                    if let Some(date) = day.as_str().parse::<i8>().ok().and_then(|d| jiff::civil::Date::new(year, month, d).ok()) {
                        out.date = Some(date);
                        *first = rest;
                    }
                }
                // "date 2021-12": the month, without its day.
                None if (1..=12).contains(&month) && crate::text::dates::NEWS_YEARS.contains(&year) => {
                    out.month = Some((year, month));
                    *first = rest;
                }
                None => {}
            }
        }
    }
    let nonempty: Vec<usize> = lines.iter().enumerate().filter(|(_, l)| !l.is_empty()).map(|(i, _)| i).collect();
    for &i in nonempty.iter().take(3).chain(nonempty.iter().rev().take(2)) {
        if out.url.is_none() {
            if let Some(c) = URL_LINE.captures(&lines[i]) {
                out.url = Some(c[1].to_string());
                lines[i].clear();
                continue;
            }
        }
        if out.author.is_none() && nonempty.iter().take(3).any(|&j| j == i) {
            if let Some(c) = BYLINE.captures(&lines[i]) {
                out.author = Some(c[1].to_string());
                lines[i].clear();
            }
        }
    }

    // Read before the furniture goes, which keeps one copy of a repeated line.
    let headline_shown_twice = shown_twice(&lines.iter().filter(|l| !l.is_empty()).cloned().collect::<Vec<_>>());
    clean::drop_furniture(&mut lines, cleaned);

    let mut all = paragraphs(&lines);
    let headline_at = headline_shown_twice.and_then(|h| headline_apart(&mut all, &h));
    // A line that is only a date ("09-10-2025") stamps the page, a photo's
    // caption ("Sushila Karki, Première ministre. Photo: REUTERS") shows
    // it, with its credit and buttons, and page furniture the cleaning kept
    // ("Skip to main content", "Left Menu", a section's name) is a short
    // line none of whose words the text after it uses. Each stays in the
    // text, and the headline or lead comes after them.
    let before_news = |k: usize| {
        let p = &all[k];
        meta::is_date_line(p) || meta::is_photo_caption(p) || (k + 1 < all.len() && looks_like_heading(p, 20) && !words_recur(p, &all[k + 1..]))
    };
    let skipped = (0..all.len()).take_while(|&k| before_news(k)).count().max(headline_at.unwrap_or(0));
    let mut body: Vec<String> = all[..skipped].to_vec();
    let mut paragraphs = all.into_iter().skip(skipped);
    let Some(first) = paragraphs.next() else {
        out.body = clean::join_paragraphs(&body);
        return out;
    };
    // A headline is a single short line without closing punctuation.
    let rest: Vec<String> = paragraphs.collect();
    let headline = !rest.is_empty() && looks_like_heading(&first, 20);
    let before_rest = if headline { None } else { Some(first.clone()) };
    if headline {
        // The page's timestamp closing the headline line dates the page and is no part of its title.
        match meta::headline_and_stamp(&first) {
            Some((title, day, stamp)) => {
                out.title = Some(title);
                if out.date.is_none() {
                    out.date = Some(day);
                    out.guessed.insert("date", format!("the timestamp after the headline (“{stamp}”)"));
                }
            }
            None => out.title = Some(first),
        }
        out.guessed.insert("title", "the first line".into());
    } else {
        out.title = Some(meta::title_from_text(&first));
        out.guessed.insert("title", "the first sentence".into());
        body.push(first);
    }
    // A subheading stands between paragraphs of prose (or right under the
    // headline) and opens one: a short line at the end (a sentence the page
    // cut off), next to another short line, or of one word is text, not a
    // heading.
    for (i, p) in rest.iter().enumerate() {
        let previous = if i == 0 { before_rest.as_ref() } else { rest.get(i - 1) };
        let after_prose = previous.is_none_or(|prev| ends_like_sentence(prev));
        let opens_prose = rest.get(i + 1).is_some_and(|next| is_prose(next));
        if after_prose && opens_prose && p.split_whitespace().count() >= 2 && looks_like_heading(p, 10) {
            body.push(format!("## {p}"));
        } else {
            body.push(p.clone());
        }
    }
    out.body = clean::join_paragraphs(&body);
    out
}

/// The headline, when the page shows it twice above its text: as a line of
/// its own and again, alone or closing a breadcrumb ("Home News Talks end
/// in Abu Dhabi"). A copied page often starts with a section's name or a
/// "Video" label that reads like a headline and shares its words with the
/// text; the repeated line is the page's own headline.
fn shown_twice(lines: &[String]) -> Option<String> {
    const TOP: usize = 12;
    let top = &lines[..lines.len().min(TOP)];
    let before_prose = top.iter().position(|l| is_prose(l)).unwrap_or(top.len());
    (0..before_prose)
        .find(|&k| {
            let line = &top[k];
            looks_like_heading(line, 20)
                && line.chars().count() >= 20
                && line.split_whitespace().count() >= 3
                && top.iter().enumerate().any(|(j, other)| j != k && (other == line || (j < k && other.ends_with(line.as_str()))))
        })
        .map(|k| top[k].clone())
}

/// Where `headline` is among the paragraphs before the prose, as a
/// paragraph of its own: in hard-wrapped text it may share one with the
/// lines around it, which are then split off.
fn headline_apart(all: &mut Vec<String>, headline: &str) -> Option<usize> {
    let k = all.iter().take_while(|p| !is_prose(p)).position(|p| p.split('\n').any(|l| l == headline))?;
    if all[k] != headline {
        let lines: Vec<&str> = all[k].split('\n').collect();
        let at = lines.iter().position(|&l| l == headline)?;
        let parts: Vec<String> = [lines[..at].join("\n"), headline.to_string(), lines[at + 1..].join("\n")].into_iter().filter(|p| !p.is_empty()).collect();
        let offset = usize::from(at > 0);
        all.splice(k..=k, parts);
        return Some(k + offset);
    }
    Some(k)
}

/// Group lines into paragraphs: every line its own paragraph, or, for
/// hard-wrapped text, runs of lines between blank lines.
fn paragraphs(lines: &[String]) -> Vec<String> {
    let nonempty: Vec<&String> = lines.iter().filter(|l| !l.is_empty()).collect();
    let mut lengths: Vec<usize> = nonempty.iter().map(|l| l.chars().count()).collect();
    lengths.sort_unstable();
    let median = lengths.get(lengths.len() / 2).copied().unwrap_or(0);
    let adjacent = lines.windows(2).any(|w| !w[0].is_empty() && !w[1].is_empty());
    let has_blank = lines.iter().any(String::is_empty);
    if !(has_blank && adjacent && median < 100) {
        return nonempty.into_iter().cloned().collect();
    }
    let mut out: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in lines.iter().chain(std::iter::once(&String::new())) {
        if line.is_empty() {
            if !current.is_empty() {
                out.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    out
}

/// Whether any word of `line` (of four letters or more, matched on its
/// first five, so that "arrested" finds "arrests" and "Путин" "Путина")
/// recurs in the first few thousand characters of `after`; `true` when
/// `after` is too short to tell (a headline over two sentences may share
/// none of their words).
fn words_recur(line: &str, after: &[String]) -> bool {
    const READ: usize = 3000;
    const ENOUGH: usize = 400;
    let keys = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 4 && !w.chars().all(|c| c.is_ascii_digit()))
            .map(|w| w.chars().take(5).flat_map(char::to_lowercase).collect())
            .collect()
    };
    let mut text = String::new();
    for p in after {
        if text.len() >= READ {
            break;
        }
        text.push_str(p);
        text.push('\n');
    }
    if text.len() < ENOUGH {
        return true;
    }
    let found: std::collections::HashSet<String> = keys(&text).into_iter().collect();
    keys(line).iter().any(|k| found.contains(k))
}

/// A paragraph of running text: several words, ending like a sentence.
fn is_prose(paragraph: &str) -> bool {
    paragraph.split_whitespace().count() >= 8 && ends_like_sentence(paragraph)
}

fn ends_like_sentence(paragraph: &str) -> bool {
    paragraph.trim_end().ends_with(['.', '!', '?', '"', '”', '»', '…', ')'])
}

/// A short single line, starting with a capital or digit, not ending like a
/// sentence or a clause.
fn looks_like_heading(paragraph: &str, max_words: usize) -> bool {
    let words = paragraph.split_whitespace().count();
    !paragraph.contains('\n')
        && (1..=max_words).contains(&words)
        && paragraph.chars().count() <= 120
        && paragraph.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && !paragraph.ends_with(['.', ',', ';', ':', '"', '”', '’', '\'', ')', '…', '-', '—'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_come_off_the_body() {
        let mut c = Cleaned::default();
        let e = read(" date 2026-01-03 PALM BEACH — Trump met him.\n\nBy Jane Doe\n\nMore text here.\nhttps://example.com/a", &mut c);
        assert_eq!(e.date, Some(jiff::civil::date(2026, 1, 3)));
        assert_eq!(e.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(e.author.as_deref(), Some("Jane Doe"));
        assert_eq!(e.body, "PALM BEACH — Trump met him.\n\nMore text here.");
        for (line, name) in
            [("Von Meike Schreiber, Frankfurt", "Meike Schreiber"), ("Par Jean Dupont", "Jean Dupont"), ("Por María José Pérez", "María José Pérez")]
        {
            let e = read(&format!("EZB hält die Zinsen\n{line}\nDie Europäische Zentralbank hat ihre Zinsen nicht verändert."), &mut c);
            assert_eq!(e.author.as_deref(), Some(name), "{line}");
            assert!(!e.body.contains(line), "{line}: {}", e.body);
        }
        // A sentence that opens with the word is text.
        let e = read("Von den Juwelen gibt es bisher keine Spur\nDie Ermittler suchen weiter.", &mut c);
        assert_eq!(e.author, None);
    }

    #[test]
    fn headline_and_subheadings() {
        let mut c = Cleaned::default();
        let e = read(
            "Talks resume in Geneva\nThe delegations met on Monday.\nWhat comes next\nMore talks are planned for the spring, the mediators said.\nThe talks will",
            &mut c,
        );
        assert_eq!(e.title.as_deref(), Some("Talks resume in Geneva"));
        assert_eq!(
            e.body,
            "The delegations met on Monday.\n\n## What comes next\n\nMore talks are planned for the spring, the mediators said.\n\nThe talks will"
        );
    }

    #[test]
    fn a_line_that_is_only_a_date_is_no_title() {
        let mut c = Cleaned::default();
        for stamp in ["09-10-2025", "October 9, 2025"] {
            let e = read(&format!("{stamp}\nThe prize in chemistry went to three chemists for porous crystals.\nThey share the award."), &mut c);
            assert_eq!(e.title.as_deref(), Some("The prize in chemistry went to three chemists for porous crystals."), "{stamp}");
            assert!(e.body.starts_with(&format!("{stamp}\n\nThe prize")), "{stamp}: {}", e.body);
            let e = read(&format!("{stamp}\nChemistry prize for porous crystals\nThree chemists share the award, the academy said."), &mut c);
            assert_eq!(e.title.as_deref(), Some("Chemistry prize for porous crystals"), "{stamp}");
        }
    }

    #[test]
    fn a_photo_s_caption_on_the_first_line_is_no_title() {
        let mut c = Cleaned::default();
        for caption in [
            "Anika Varga in her laboratory in Lund. Photo: REUTERS |",
            "The academy in Stockholm (AP Photo/Jane Doe)",
            "Фото: ТАСС",
            "The laureates in Stockholm. (AP/Jane Doe)",
            "Anika Varga and Jonas Berg. AFP",
            "Photo/Illustration Anika Varga receives the prize in Stockholm on Dec. 10. (Jane Doe)",
        ] {
            let e = read(&format!("{caption}\nThe prize in chemistry went to three chemists for porous crystals.\nThey share the award."), &mut c);
            assert_eq!(e.title.as_deref(), Some("The prize in chemistry went to three chemists for porous crystals."), "{caption}");
            assert!(e.body.starts_with(caption), "{caption}: {}", e.body);
        }
        let e = read("The pope at Mass, Friday. AP/Vatican media hide caption\ntoggle caption\nAP/Vatican media\nROME — Pope Leo XIV celebrated his first Mass on Friday.\nMore.", &mut c);
        assert_eq!(e.title.as_deref(), Some("Pope Leo XIV celebrated his first Mass on Friday."));
        // Wire copy opens with its agency, and that is the lead.
        let e = read("STOCKHOLM (Reuters) - The prize in chemistry went to three chemists for porous crystals.\nThey share the award.", &mut c);
        assert_eq!(e.title.as_deref(), Some("The prize in chemistry went to three chemists for porous crystals."));
        assert!(e.body.starts_with("STOCKHOLM (Reuters) - The prize"), "{}", e.body);
        // A lead that quotes an agency is no caption.
        let e = read("The chemists won, AFP reported.\nThey share the award.", &mut c);
        assert_eq!(e.title.as_deref(), Some("The chemists won, AFP reported."));
        // A headline that names a photograph is still a headline.
        let e = read("The photograph that changed a war\nA picture taken in 1972 went round the world.\nIt still does.", &mut c);
        assert_eq!(e.title.as_deref(), Some("The photograph that changed a war"));
    }

    /// A lead and what follows it, long enough to tell furniture by.
    const LOUVRE: &str = "Two men were arrested on Saturday evening over the theft of eight pieces of the crown jewels from the Louvre, \
        the Paris prosecutor said on Sunday. One was stopped at the airport before a flight to Algiers.\n\
        The four thieves had used a truck-mounted lift to reach a window of the Apollo Gallery, cut the glass of two display cases \
        and fled on scooters within eight minutes. The jewels, valued at 88 million euros, have not been found.\n\
        The museum reopened on Wednesday; the gallery stays closed.";

    #[test]
    fn a_line_whose_words_the_text_never_uses_is_furniture_not_a_headline() {
        let mut c = Cleaned::default();
        for furniture in ["Skip to main content", "Left Menu", "Mundo", "Рус", "Left Menu\n23 січня 2026, 22:47"] {
            let text = format!("{furniture}\nLouvre heist suspects arrested\n{LOUVRE}");
            let e = read(&text, &mut c);
            assert_eq!(e.title.as_deref(), Some("Louvre heist suspects arrested"), "{furniture}");
            assert!(e.body.starts_with(&furniture.replace('\n', "\n\n")), "{furniture}: {}", e.body);
        }
        // Over a text too short to tell, a short first line is still the headline.
        let e = read("Mundo\nTwo men were arrested on Saturday over the theft.\nMore.", &mut c);
        assert_eq!(e.title.as_deref(), Some("Mundo"));
        // A headline shares a word with its text, inflected or not.
        let kremlin = "В Кремле прошли переговоры Путина и американского посланника. ".repeat(8);
        let e = read(&format!("Путин встретился с Уиткоффом\n{kremlin}\nЕщё."), &mut c);
        assert_eq!(e.title.as_deref(), Some("Путин встретился с Уиткоффом"));
    }

    #[test]
    fn a_headline_the_page_shows_twice_is_the_title() {
        let mut c = Cleaned::default();
        // A label, then a breadcrumb that ends with the headline, then the headline.
        let crumb = "Video\nWorld\nHome Top stories Louvre heist suspects arrested in Paris\nLouvre heist suspects arrested in Paris\n";
        let e = read(&format!("{crumb}{LOUVRE}"), &mut c);
        assert_eq!(e.title.as_deref(), Some("Louvre heist suspects arrested in Paris"));
        assert!(e.body.starts_with("Video"), "what stood before stays in the text: {}", e.body);
        // A section's name, the headline, the writer, the headline again.
        let section =
            "Головна Країна Політика\nПереговори в Абу-Дабі. Делегація підбила підсумки\nОксана Приклад\nПереговори в Абу-Дабі. Делегація підбила підсумки\n";
        let talks = "Тристоронні переговори в Абу-Дабі тривали два дні, повідомила делегація у середу ввечері. Країна чекає на політичне рішення.\n".repeat(4);
        let e = read(&format!("{section}{talks}"), &mut c);
        assert_eq!(e.title.as_deref(), Some("Переговори в Абу-Дабі. Делегація підбила підсумки"));
        // Hard-wrapped, the headline shares a paragraph with the section's name.
        let wrapped = "Home World Politics\nTalks in Abu Dhabi end their first day\n\nSam Example\nTalks in Abu Dhabi end their first day\n\n\
            The envoys met for six hours on Wednesday\nand will meet again on Thursday morning,\nofficials said after the session.\n\n\
            A second round is planned for next week\nin the same hotel, the hosts said.\n";
        let e = read(wrapped, &mut c);
        assert_eq!(e.title.as_deref(), Some("Talks in Abu Dhabi end their first day"));
        assert!(e.body.starts_with("Home World Politics\n\n") && e.body.contains("Sam Example"), "{}", e.body);
        assert_eq!(e.body.matches("Talks in Abu Dhabi end their first day").count(), 0, "{}", e.body);
        // A subheading repeated further down, after the prose begins, is no headline.
        let e = read(
            &format!("Louvre heist suspects arrested\n{LOUVRE}\nWhat was taken\nEight pieces of the crown jewels were taken from the gallery.\nWhat was taken"),
            &mut c,
        );
        assert_eq!(e.title.as_deref(), Some("Louvre heist suspects arrested"));
    }
}
