//! What a page weighs, on the built example: the templates' layout is not
//! repeated into every page (no line of only whitespace on an article
//! page), and a related-coverage card says which events it shares only
//! when the article covers more than one (issue 21).

use std::path::Path;

use crate::common::*;

const FOX: &str = "content/articles/fox-citing-2025-12-27-mar-a-lago-call.md";
const FOX_PAGE: &str = "articles/fox-citing-2025-12-27-mar-a-lago-call.html";

/// The related-coverage section of an article page, if it has one.
fn related_section(html: &str) -> Option<&str> {
    let start = html.find("<section class=\"related\"")?;
    let end = start + html[start..].find("</section>")?;
    Some(&html[start..end])
}

fn copy_example(to: &Path) {
    let from = repo();
    for top in ["dossier.toml", "content", "templates", "theme"] {
        for entry in walkdir::WalkDir::new(from.join(top)) {
            let entry = entry.unwrap();
            let target = to.join(entry.path().strip_prefix(&from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
    }
}

#[test]
fn article_pages_carry_no_whitespace_only_lines() {
    let (_tmp, site) = build_example();
    let pages: Vec<_> =
        std::fs::read_dir(site.join("articles")).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "html")).collect();
    assert!(pages.len() > 5, "{pages:?}");
    for page in pages.iter().filter(|p| !p.ends_with("index.html")) {
        let html = read(page);
        let blank: Vec<usize> = html.lines().enumerate().filter(|(_, l)| l.trim().is_empty()).map(|(n, _)| n + 1).collect();
        assert!(blank.is_empty(), "{}: whitespace-only lines {blank:?}", page.display());
    }
}

#[test]
fn related_cards_name_the_shared_events_only_when_the_article_covers_several() {
    // As published: the Fox article covers one event, so its related cards do not repeat it.
    let (_tmp, site) = build_example();
    let html = read(&site.join(FOX_PAGE));
    let related = related_section(&html).expect("the Fox article has related coverage");
    assert!(related.matches("<li>").count() >= 1, "{related}");
    assert!(!related.contains("Also covers"), "{related}");

    // The same article covering a second event: each card now says what it shares.
    let tmp = tempfile::tempdir().unwrap();
    copy_example(tmp.path());
    let path = tmp.path().join(FOX);
    let text = read(&path).replace("events = [\"mar-a-lago-meeting-2025-12-28\"]", "events = [\"mar-a-lago-meeting-2025-12-28\", \"miami-talks-2025-12-04\"]");
    assert!(text.contains("miami-talks-2025-12-04"), "the front matter changed: {text}");
    std::fs::write(&path, text).unwrap();
    let out = tmp.path().join("site");
    let report = dossier::build(tmp.path(), &dossier::BuildOptions { out: Some(out.clone()), ..Default::default() }).unwrap();
    assert!(!report.diagnostics.has_errors());
    let html = read(&out.join(FOX_PAGE));
    let related = related_section(&html).expect("related coverage");
    let cards = related.matches("<li>").count();
    assert!(cards >= 2, "{related}");
    assert_eq!(related.matches("Also covers").count(), cards, "{related}");
}

#[test]
fn a_mention_names_its_actor_on_hover_only_where_the_spelling_hides_the_name() {
    let (_tmp, site) = build_example();
    let doc = scraper::Html::parse_document(&read(&site.join("articles/unknown-2025-08-18-white-house-talks.html")));
    let titles: std::collections::BTreeMap<String, Option<String>> =
        select(&doc, "a.mention:not(.from-role)").iter().map(|a| (a.text().collect::<String>(), a.value().attr("title").map(str::to_string))).collect();
    // Spellings without the name's last word say on hover whom they link to.
    assert_eq!(titles.get("Mertz"), Some(&Some("Friedrich Merz".to_string())), "{titles:?}");
    assert_eq!(titles.get("Steve Vitkov"), Some(&Some("Steve Witkoff".to_string())), "{titles:?}");
    assert_eq!(titles.get("US"), Some(&Some("United States".to_string())), "{titles:?}");
    // "Trump" and "Putin" already say it: no title repeating the name on each of their mentions.
    assert_eq!(titles.get("Trump"), Some(&None), "{titles:?}");
    assert_eq!(titles.get("Putin"), Some(&None), "{titles:?}");
}

#[test]
fn an_article_head_says_its_description_once_and_briefly() {
    let (_tmp, site) = build_example();
    let html = read(&site.join(FOX_PAGE));
    let doc = scraper::Html::parse_document(&html);
    let description = select(&doc, "meta[name=description]")[0].value().attr("content").unwrap().to_string();
    assert!(description.chars().count() <= 161 && description.ends_with('…'), "{description}");
    assert_eq!(select(&doc, "meta[property=\"og:description\"]")[0].value().attr("content"), Some(description.as_str()));
    let ld = select(&doc, "script[type=\"application/ld+json\"]")[0].inner_html();
    let ld: serde_json::Value = serde_json::from_str(&ld).unwrap();
    for repeated in ["description", "mainEntityOfPage", "isPartOf"] {
        assert!(ld.get(repeated).is_none(), "{repeated} in {ld}");
    }
    assert_eq!(ld["@type"], "NewsArticle");
    assert!(ld["url"].as_str().unwrap().ends_with(FOX_PAGE) && ld["headline"].is_string() && ld["mentions"].is_array(), "{ld}");
}

#[test]
fn an_actor_page_lists_the_newest_quotes_and_says_how_many_there_are() {
    // 25 articles, one a day, each quoting Trump once: the page lists 20, newest first, and says so.
    let texts: Vec<(String, String)> = (1..=25)
        .map(|day| {
            let text = format!(
                "+++\ntitle = \"Day {day}\"\noutlet = \"Test Outlet\"\ndate = 2025-12-{day:02}\n+++\n\nTrump said: “[Statement number {day}]{{.quote by=donald-trump}}.”\n"
            );
            (format!("day-{day:02}.md"), text)
        })
        .collect();
    let (_tmp, out) = build_articles(&texts);
    let doc = page(&out, "actors/donald-trump.html");
    let quotes: Vec<String> = texts_of(&doc, "section[aria-labelledby=h-quotes] .ann-passage");
    let expected: Vec<String> = (6..=25).rev().map(|day| format!("Trump said: “Statement number {day}.”")).collect();
    assert_eq!(quotes, expected);
    let note = texts_of(&doc, "section[aria-labelledby=h-quotes] .more-list");
    assert_eq!(note, ["The 20 newest of 25; the others are marked in the articles where Donald Trump appears."]);
    // Every article is still listed among the appearances, over the pages.
    let second = out.join("actors/donald-trump/page/2.html");
    let appearances = texts_of(&doc, ".appearance h3").len()
        + if second.exists() { texts_of(&page(&out, "actors/donald-trump/page/2.html"), ".appearance h3").len() } else { 0 };
    assert_eq!(appearances, 25);
}

/// A dossier of these articles (file name, text) with the test registry, built without errors.
fn build_articles(texts: &[(String, String)]) -> (tempfile::TempDir, std::path::PathBuf) {
    let files: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let tmp = small_dossier(&files);
    let out = tmp.path().join("site");
    let report = dossier::build(tmp.path(), &dossier::BuildOptions { out: Some(out.clone()), ..Default::default() }).unwrap();
    assert!(!report.diagnostics.has_errors());
    (tmp, out)
}

fn texts_of(doc: &scraper::Html, css: &str) -> Vec<String> {
    select(doc, css).iter().map(|e| e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")).collect()
}

#[test]
fn the_search_page_lists_the_newest_thousand_articles_and_links_the_rest() {
    // 1,003 short articles, one a day: the page every search loads stays bounded.
    let texts: Vec<(String, String)> = (0..1003)
        .map(|k| {
            let day = jiff::civil::date(2023, 1, 1).checked_add(jiff::Span::new().days(k)).unwrap();
            (format!("a{k:04}.md"), format!("+++\ntitle = \"Report {k}\"\noutlet = \"Test Outlet\"\ndate = {day}\n+++\n\nTalks went on, day {k}.\n"))
        })
        .collect();
    let (_tmp, out) = build_articles(&texts);
    let doc = page(&out, "search.html");
    let listed = texts_of(&doc, "section[aria-labelledby=h-list-articles] li a");
    assert_eq!(listed.len(), 1000);
    assert_eq!((listed[0].as_str(), listed[999].as_str()), ("Report 1002", "Report 3"), "newest first");
    let note = select(&doc, "section[aria-labelledby=h-list-articles] .more-list");
    assert_eq!(note.len(), 1);
    assert!(note[0].text().collect::<String>().contains("The 1000 newest of 1003 articles."));
    assert_eq!(note[0].select(&scraper::Selector::parse("a").unwrap()).next().unwrap().value().attr("href"), Some("articles/index.html"));
    // The articles' own list has every one, over its pages, newest first.
    let first = page(&out, "articles/index.html");
    assert_eq!(texts_of(&first, "main .card-title a").first().map(String::as_str), Some("Report 1002"));
}

#[test]
fn the_home_page_lists_and_charts_the_ten_newest_events() {
    // Twelve events, registered out of order, one article each.
    let days = [5, 1, 12, 3, 9, 7, 11, 2, 8, 4, 10, 6];
    let events: String = days.iter().map(|d| format!("[[event]]\nid = \"e{d:02}\"\ntitle = \"Round {d}\"\ndate = 2025-03-{d:02}\n\n")).collect();
    let articles: Vec<(String, String)> = days
        .iter()
        .map(|d| {
            (format!("content/articles/a{d:02}.md"), format!("+++\ntitle = \"On round {d}\"\ndate = 2025-03-{d:02}\nevents = [\"e{d:02}\"]\n+++\n\nTalks.\n"))
        })
        .collect();
    let mut files = vec![("dossier.toml", "title = \"Test\"\nbase_url = \"https://example.org/test/\"\n"), ("content/events.toml", events.as_str())];
    files.extend(articles.iter().map(|(p, t)| (p.as_str(), t.as_str())));
    let tmp = dossier(&files);
    let out = tmp.path().join("site");
    let report = dossier::build(tmp.path(), &dossier::BuildOptions { out: Some(out.clone()), ..Default::default() }).unwrap();
    assert!(!report.diagnostics.has_errors());
    let home = page(&out, "index.html");
    let listed = texts_of(&home, ".timeline .card-title a");
    let expected: Vec<String> = (3..=12).rev().map(|d| format!("Round {d}")).collect();
    assert_eq!(listed, expected, "the ten newest, newest first");
    assert_eq!(select(&home, "svg.chart-timeline .chart-row").len(), 10);
    let more = texts_of(&home, "section[aria-labelledby=h-events] > p");
    assert!(more.iter().any(|p| p.starts_with("The 10 newest of 12 events.")), "{more:?}");
    // The events page still lists and charts every one.
    let all = page(&out, "events/index.html");
    assert_eq!(select(&all, "svg.chart-timeline .chart-row").len(), 12);
}
