//! Cleaner import (issue 17, point 5): page furniture goes by Readability's
//! scoring in HTML and by its shape in pasted text, legacy encodings and
//! mojibake are repaired in general, a stray short line never becomes a
//! heading, and a headline becomes the title. The fixtures are written for
//! these tests (an invented storm over an invented island).

use std::path::Path;

use dossier::import::{import, ImportOptions, Outcome};

use crate::common::{dossier, read};

fn new_dossier() -> tempfile::TempDir {
    dossier(&[("dossier.toml", "title = \"Storm\"\nbase_url = \"https://example.org/\"\n"), ("content/actors.toml", ""), ("content/events.toml", "")])
}

/// Import one file (name, bytes); returns the article as written.
fn import_one(root: &Path, name: &str, bytes: &[u8]) -> String {
    let raw = tempfile::tempdir().unwrap();
    let path = raw.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let report = import(root, &[path], &ImportOptions::default());
    assert!(!report.failed(), "{:?}", report.diagnostics.iter().map(|d| d.to_string()).collect::<Vec<_>>());
    let Outcome::Imported { article, .. } = &report.files[0].outcome else { panic!("{:?}", report.files[0].outcome) };
    let diagnostics = dossier::check(root);
    assert!(!diagnostics.has_errors(), "{:#?}", diagnostics.iter().map(|d| d.to_string()).collect::<Vec<_>>());
    read(article)
}

fn title(article: &str) -> String {
    article.lines().find_map(|l| l.strip_prefix("title = ")).unwrap_or_default().trim_matches('"').to_string()
}

fn body(article: &str) -> String {
    article.splitn(3, "+++").nth(2).unwrap_or_default().trim().to_string()
}

const P1: &str = "Storm Ilse crossed the north coast of Varnholm on Tuesday night, bringing winds of 160 km/h and cutting power to about 40,000 homes, the island's grid operator said.";
const P2: &str = "Rescue teams reached the fishing villages of the eastern bay by morning; the coast guard said two boats were still missing and that the search would go on through the day.";
const P3: &str = "The island's governor asked residents to stay indoors until the evening, when the wind is expected to drop, and said schools would stay closed for the rest of the week.";

#[test]
fn html_page_furniture_goes_by_readability_not_by_phrases() {
    let tmp = new_dossier();
    let page = format!(
        r##"<!doctype html><html lang="en"><head><title>Storm Ilse hits Varnholm | Island Post</title></head><body>
<div id="cookie-consent" class="gdpr-banner"><p>Our site keeps small files on your device. Choose what you allow.</p><button>Allow all</button></div>
<div class="menu"><ul><li><a href="/">Start</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></div>
<div class="language-picker"><a href="/fr">Français</a> <a href="/de">Deutsch</a> <a href="/es">Español</a></div>
<div class="story"><h1>Storm Ilse hits Varnholm</h1><p>{P1}</p><p>{P2}</p>
<div class="social-share"><a href="#">Post it</a> <a href="#">Mail it</a></div><p>{P3}</p></div>
<div class="related-links"><h3>More from the island</h3><ul><li><a href="/a">Ferry strike ends</a></li><li><a href="/b">New mayor sworn in</a></li></ul></div>
<div class="comments"><p>Be the first to say what you think.</p></div>
</body></html>"##
    );
    let article = import_one(tmp.path(), "storm.html", page.as_bytes());
    assert!(title(&article).starts_with("Storm Ilse hits Varnholm"), "{article}");
    assert_eq!(body(&article), format!("{P1}\n\n{P2}\n\n{P3}"));
}

#[test]
fn pasted_text_loses_banners_menus_labels_and_ad_slots_and_keeps_its_headline() {
    let tmp = new_dossier();
    let text = format!(
        "How we use your data\n\nWe keep small files on your device so that this site can remember your choices.\n\nThat's fine\n\n\
         Start\nWorld\nSport\nWeather\n\nStorm Ilse hits Varnholm\n\nPICK YOUR EDITION\n\n3:41\n\n{P1}\n\nThe story goes on after this\n\n{P2}\n\n\
         The story goes on after this\n\nWhat happens next\n\n{P3}\n\nThe governor will\n\nMost Read Today\n\nhttps://island-post.example/2031/03/04/storm-ilse\n"
    );
    let article = import_one(tmp.path(), "storm.txt", text.as_bytes());
    assert_eq!(title(&article), "Storm Ilse hits Varnholm");
    // A short line that opens prose is a subheading; the cut-off last sentence is text, not a heading.
    assert_eq!(body(&article), format!("{P1}\n\n{P2}\n\n## What happens next\n\n{P3}\n\nThe governor will"));
}

#[test]
fn no_heading_from_a_stray_short_line() {
    let tmp = new_dossier();
    let text = format!("Storm Ilse hits Varnholm\n\n{P1}\n\nWind and rain\n\nPower lines down\n\n{P2}\n\nLater on\n\nhttps://island-post.example/storm\n");
    let article = import_one(tmp.path(), "storm.txt", text.as_bytes());
    assert!(!body(&article).contains("## "), "{article}");
    assert!(body(&article).contains("Later on"), "{article}");
}

#[test]
fn legacy_encodings_are_detected_and_mojibake_of_any_of_them_repaired() {
    let tmp = new_dossier();
    let russian = "Шторм Ильзе обрушился на северное побережье острова Варнхольм во вторник вечером.\n\nСпасатели добрались до рыбацких деревень к утру, сообщила береговая охрана.\n";
    // Saved in Windows-1251 (not UTF-8): detected and decoded.
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(russian);
    let article = import_one(tmp.path(), "cp1251.txt", &cp1251);
    assert!(body(&article).contains("Спасатели добрались до рыбацких деревень"), "{article}");
    // UTF-8 that was read as KOI8-R and saved again as UTF-8: repaired.
    let tmp = new_dossier();
    let misread = encoding_rs::KOI8_R.decode_without_bom_handling(russian.as_bytes()).0.into_owned();
    let article = import_one(tmp.path(), "koi8.txt", misread.as_bytes());
    assert!(body(&article).contains("Спасатели добрались до рыбацких деревень"), "{article}");
    // French read as Windows-1252, next to quotes that are right.
    let tmp = new_dossier();
    let french = "La tempête a touché l’île mardi soir, « une nuit très dure » selon le préfet, et l’électricité est coupée.";
    let misread = format!("« Bonjour »\n\n{}\n", encoding_rs::WINDOWS_1252.decode_without_bom_handling(french.as_bytes()).0);
    let article = import_one(tmp.path(), "fr.txt", misread.as_bytes());
    assert!(body(&article).contains(french), "{article}");
}
