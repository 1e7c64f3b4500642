//! `dossier import` and `dossier init`, on real inputs: the five seeds
//! against the example dossier's hand-made articles, every input kind, every
//! kind of bad input, re-imports, and a new dossier built from scratch.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{repo, snapshot};
use dossier::import::{import, ImportOptions, ImportReport, Outcome};
use dossier::limits::MAX_IMPORT_BYTES;
use dossier::load::LoadedArticle;

/// An empty dossier with the example's actor registry, so actors can be found.
fn empty_dossier() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("content")).unwrap();
    std::fs::copy(repo().join("content/actors.toml"), tmp.path().join("content/actors.toml")).unwrap();
    std::fs::write(tmp.path().join("dossier.toml"), "title = \"Imported\"\nbase_url = \"https://example.org/x/\"\n").unwrap();
    tmp
}

fn write(dir: &Path, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    path
}

fn run(root: &Path, inputs: &[PathBuf], force: bool) -> ImportReport {
    import(root, inputs, &ImportOptions { force, progress: false })
}

/// The dossier's articles as the build reads them, after asserting that the
/// whole dossier passes `check` without errors.
fn loaded(root: &Path) -> Vec<LoadedArticle> {
    let diagnostics = dossier::check(root);
    assert!(!diagnostics.has_errors(), "{:#?}", diagnostics.iter().map(|d| d.to_string()).collect::<Vec<_>>());
    dossier::load::load(&dossier::load::Folder::new(root)).0.articles
}

fn by_source(articles: &[LoadedArticle]) -> BTreeMap<String, &LoadedArticle> {
    articles.iter().filter_map(|a| a.origin.clone().map(|o| (o, a))).collect()
}

fn errors(report: &ImportReport) -> Vec<String> {
    report.diagnostics.iter().map(|d| d.to_string()).collect()
}

fn only_article(root: &Path) -> LoadedArticle {
    let mut articles = loaded(root);
    assert_eq!(articles.len(), 1, "{:?}", articles.iter().map(|a| &a.slug).collect::<Vec<_>>());
    articles.remove(0)
}

/// The example's text with the analyst's annotations taken out: attribute
/// spans keep their passage, CriticMarkup highlights keep theirs, comments go.
fn strip_annotations(body: &str) -> String {
    let comment = regex::Regex::new(r"(?s)\{>>.*?<<\}").unwrap();
    let highlight = regex::Regex::new(r"(?s)\{==(.*?)==\}").unwrap();
    let span = regex::Regex::new(r#"(?s)\[([^\[\]]*)\]\{[.#][^{}]*\}"#).unwrap();
    let mut text = comment.replace_all(body, "").into_owned();
    text = highlight.replace_all(&text, "$1").into_owned();
    loop {
        let next = span.replace_all(&text, "$1").into_owned();
        if next == text {
            break;
        }
        text = next;
    }
    text.trim().to_string()
}

#[test]
fn seeds_import_to_what_the_example_dossier_has() {
    let tmp = empty_dossier();
    // Seeds inside the dossier, as in the example, so `source` is the same relative path.
    let seeds = tmp.path().join("seeds");
    std::fs::create_dir(&seeds).unwrap();
    for entry in std::fs::read_dir(repo().join("seeds")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), seeds.join(entry.file_name())).unwrap();
    }
    let report = run(tmp.path(), &[seeds], false);
    assert!(!report.failed(), "{:?}", errors(&report));
    assert_eq!(report.count(|o| matches!(o, Outcome::Imported { .. })), 5);

    let example = dossier::pipeline::run(&dossier::load::Folder::new(&repo()), &Default::default());
    let imported = loaded(tmp.path());
    let imported = by_source(&imported);
    assert_eq!(imported.len(), 5);
    for article in &example.site.articles {
        let hand_made = &article.loaded;
        let source = hand_made.origin.clone().expect("example articles name their seed");
        let got = imported.get(&source).unwrap_or_else(|| panic!("no article imported from {source}"));
        assert_eq!(strip_annotations(hand_made.body()), got.body().trim(), "body of {source}");
        assert_eq!(got.language, hand_made.language, "language of {source}");
        // Every actor the build finds in the hand-made article is listed, and no other.
        let listed: BTreeSet<&str> = got.actors.iter().map(|(id, _)| id.as_str()).collect();
        let found: BTreeSet<&str> = article.actors.iter().map(String::as_str).collect();
        assert_eq!(listed, found, "actors of {source}");
        assert!(got.guessed.contains(&"title".to_string()), "a title from plain text is a guess");
        use sha2::Digest;
        let hash: String = sha2::Sha256::digest(std::fs::read(repo().join(&source)).unwrap()).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(got.origin_sha256.as_ref().map(|(h, _)| h.as_str()), Some(hash.as_str()));
        if source.contains("001_") {
            // The only seed whose date is in the text: the leading `date` marker.
            assert_eq!(got.date, hand_made.date);
            assert!(!got.guessed.contains(&"date".to_string()));
            assert!(!got.body().contains("date 2026") && !got.body().contains("<p"));
        } else {
            // The others name weekdays only; the example's dates were worked out by hand.
            assert_eq!(got.date, None, "{source}");
        }
    }
    // The seeds build into a site.
    let out = tempfile::tempdir().unwrap();
    let options = dossier::BuildOptions { out: Some(out.path().join("site")), ..Default::default() };
    dossier::build(tmp.path(), &options).unwrap_or_else(|f| panic!("{:?}", f.diagnostics.iter().map(|d| d.to_string()).collect::<Vec<_>>()));
}

#[test]
fn importing_the_seeds_into_the_example_dossier_changes_nothing() {
    // The example's articles were made from the seeds by hand: they name them
    // in `source` (without a hash), so the import leaves them alone.
    let tmp = tempfile::tempdir().unwrap();
    for part in ["dossier.toml", "content", "seeds"] {
        let from = repo().join(part);
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.unwrap();
            let rel = entry.path().strip_prefix(&from).unwrap();
            let to = if rel.as_os_str().is_empty() { tmp.path().join(part) } else { tmp.path().join(part).join(rel) };
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
    }
    let before = snapshot(tmp.path());
    let report = run(tmp.path(), &[tmp.path().join("seeds")], false);
    assert!(!report.failed(), "{:?}", errors(&report));
    assert_eq!(report.count(|o| matches!(o, Outcome::Unchanged { .. })), 5);
    assert!(report.files.iter().all(|f| f.notes.iter().any(|n| n.contains("records no source_sha256"))));
    assert_eq!(snapshot(tmp.path()), before);
}

#[test]
fn reimport_is_a_no_op_and_a_changed_original_needs_force() {
    let tmp = empty_dossier();
    let seed = write(tmp.path(), "raw/a.txt", std::fs::read(repo().join("seeds/000_db936f0bb6e2b223.txt")).unwrap());
    let first = run(tmp.path(), std::slice::from_ref(&seed), false);
    let Outcome::Imported { article, .. } = &first.files[0].outcome else { panic!("{:?}", first.files) };
    let before = snapshot(tmp.path());

    // Same input again, and the same bytes under another name: nothing written.
    let copy = write(tmp.path(), "raw/copy.txt", std::fs::read(&seed).unwrap());
    let again = run(tmp.path(), &[seed.clone(), copy], false);
    assert!(!again.failed());
    assert_eq!(again.files[0].outcome, Outcome::Unchanged { article: article.clone() });
    assert_eq!(again.files[1].outcome, Outcome::Duplicate { article: article.clone() });
    let mut after = snapshot(tmp.path());
    after.remove("raw/copy.txt");
    assert_eq!(before, after);

    // `check` verifies the article against its original.
    let warnings = |root: &Path| crate::common::check_messages(root).into_iter().filter(|m| m.contains("has changed since")).count();
    assert_eq!(warnings(tmp.path()), 0);
    let mut changed = std::fs::read_to_string(&seed).unwrap();
    changed.push_str("\nA correction was appended.");
    std::fs::write(&seed, &changed).unwrap();
    assert_eq!(warnings(tmp.path()), 1);

    // The changed original is reported and nothing is overwritten...
    let old_article = std::fs::read_to_string(article).unwrap();
    let refused = run(tmp.path(), std::slice::from_ref(&seed), false);
    assert!(refused.failed());
    assert_eq!(refused.files[0].outcome, Outcome::Failed);
    assert!(errors(&refused)[0].contains("changed since it was imported") && errors(&refused)[0].contains("--force"), "{:?}", errors(&refused));
    assert_eq!(std::fs::read_to_string(article).unwrap(), old_article);

    // ...until --force, which keeps the old article as a backup the build ignores.
    let forced = run(tmp.path(), std::slice::from_ref(&seed), true);
    let Outcome::Replaced { article: replaced, backup } = &forced.files[0].outcome else { panic!("{:?}", forced.files) };
    assert_eq!(replaced, article);
    assert_eq!(std::fs::read_to_string(backup).unwrap(), old_article);
    assert!(std::fs::read_to_string(article).unwrap().contains("A correction was appended."));
    assert_eq!(loaded(tmp.path()).len(), 1);
    assert_eq!(warnings(tmp.path()), 0);
    let leftovers: Vec<String> = snapshot(&tmp.path().join("content/articles")).into_keys().filter(|k| k.ends_with(".tmp")).collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn html_metadata_comes_from_json_ld() {
    let tmp = empty_dossier();
    let page = r#"<!doctype html><html lang="en-US"><head><meta charset="utf-8"><title>Ignored | Site</title>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Wrong"},
 {"@type":"NewsArticle","headline":"Witkoff meets Putin in Moscow","datePublished":"2025-12-02T18:30:00+03:00",
  "author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"John Roe"}],
  "publisher":{"@type":"Organization","name":"The Example Times"},"mainEntityOfPage":{"@id":"https://example.com/news/witkoff-putin"}}]}</script>
</head><body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<article><h1>Witkoff meets Putin in Moscow</h1>
<p>Steve Witkoff met Vladimir Putin in Moscow&nbsp;on Tuesday.</p>
<div class="ad-break"><p>Article continues below the player</p></div>
<figure><img src="x.jpg"><figcaption>Photo: someone</figcaption></figure>
<p>The talks lasted five hours, a Kremlin aide said.</p>
<p>The envoys went over the draft clause by clause, starting with the ceasefire line and the exchange of prisoners, then the guarantees each side asks for and the timetable for any withdrawal. Neither delegation gave figures afterwards, and both said the text would go back to their capitals before another meeting could be fixed, probably after the holidays and probably somewhere other than the capital itself.</p>
<aside><p>Read also: something else</p></aside><script>document.write("<p>injected</p>")</script>
</article><footer><p>© Example</p></footer></body></html>"#;
    let input = write(tmp.path(), "in/page.html", page);
    let report = run(tmp.path(), &[input], false);
    assert!(!report.failed(), "{:?}", errors(&report));
    let a = only_article(tmp.path());
    assert_eq!(a.title, "Witkoff meets Putin in Moscow");
    assert_eq!(a.date, Some(jiff::civil::date(2025, 12, 2)));
    assert_eq!(a.author.as_deref(), Some("Jane Doe, John Roe"));
    assert_eq!(a.outlet.as_deref(), Some("The Example Times"));
    assert_eq!(a.url.as_deref(), Some("https://example.com/news/witkoff-putin"));
    assert_eq!(a.language.as_deref(), Some("en"));
    assert!(a.guessed.is_empty(), "{:?}", a.guessed);
    // The ad slot goes by its class (Readability's weights), not by its words.
    assert_eq!(
        a.body().trim(),
        "Steve Witkoff met Vladimir Putin in Moscow on Tuesday.\n\nThe talks lasted five hours, a Kremlin aide said.\n\nThe envoys went over the draft clause by clause, starting with the ceasefire line and the exchange of prisoners, then the guarantees each side asks for and the timetable for any withdrawal. Neither delegation gave figures afterwards, and both said the text would go back to their capitals before another meeting could be fixed, probably after the holidays and probably somewhere other than the capital itself."
    );
    let actors: Vec<&str> = a.actors.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(actors, ["steve-witkoff", "vladimir-putin", "kremlin"]);
}

#[test]
fn html_metadata_comes_from_open_graph_and_plain_tags() {
    let tmp = empty_dossier();
    let og = r#"<html><head><meta property="og:title" content="Zelensky in Berlin">
<meta property="og:site_name" content="Example News"><meta property="article:published_time" content="2025-12-15T09:00:00Z">
<meta property="og:url" content="https://news.example.org/zelensky-berlin"><meta property="og:locale" content="en_GB"></head>
<body><main><p>Zelensky arrived in Berlin.</p><p>He met Friedrich Merz.</p></main></body></html>"#;
    // No JSON-LD, no Open Graph: <title>, canonical link, <time>, <html lang>.
    let plain = r#"<html lang="de"><head><title>Merz empfängt Selenskyj</title><link rel="canonical" href="https://www.beispiel.de/politik/merz"></head>
<body><div class="story"><time datetime="2025-12-14">14. Dezember</time><p>Bundeskanzler Friedrich Merz hat den ukrainischen Präsidenten in Berlin empfangen.</p>
<p>Die Gespräche dauerten mehrere Stunden.</p></div></body></html>"#;
    // A legacy page: Windows-1252 declared in a meta tag.
    let mut legacy = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><title>Caf\xe9 talks</title></head><body><p>Macron\x92s \x93plan\x94 was discussed at the caf\xe9.</p></body></html>".to_vec();
    legacy.extend_from_slice(b"\n");
    let inputs = [write(tmp.path(), "in/og.html", og), write(tmp.path(), "in/plain.htm", plain), write(tmp.path(), "in/legacy.html", legacy)];
    let report = run(tmp.path(), &inputs, false);
    assert!(!report.failed(), "{:?}", errors(&report));
    let articles = loaded(tmp.path());
    let get = |title: &str| articles.iter().find(|a| a.title == title).unwrap_or_else(|| panic!("no {title}"));

    let a = get("Zelensky in Berlin");
    assert_eq!(
        (a.outlet.as_deref(), a.date, a.url.as_deref(), a.language.as_deref()),
        (Some("Example News"), Some(jiff::civil::date(2025, 12, 15)), Some("https://news.example.org/zelensky-berlin"), Some("en"))
    );
    assert_eq!(a.body().trim(), "Zelensky arrived in Berlin.\n\nHe met Friedrich Merz.");

    let b = get("Merz empfängt Selenskyj");
    assert_eq!(b.date, Some(jiff::civil::date(2025, 12, 14)));
    assert_eq!(b.url.as_deref(), Some("https://www.beispiel.de/politik/merz"));
    assert_eq!(b.language.as_deref(), Some("de"));
    // The outlet is not in the page: guessed from the address, and marked.
    assert_eq!(b.outlet.as_deref(), Some("beispiel.de"));
    assert_eq!(b.guessed, ["outlet"]);
    assert!(b.body().trim_start().starts_with("14\\. Dezember\n\nBundeskanzler Friedrich Merz"), "{}", b.body());

    let c = get("Café talks");
    assert_eq!(c.body().trim(), "Macron’s “plan” was discussed at the café.");
    let legacy_report = report.files.iter().find(|f| f.input.ends_with("legacy.html")).unwrap();
    assert!(legacy_report.notes.iter().any(|n| n.contains("windows-1252")), "{:?}", legacy_report.notes);
}

#[test]
fn html_metadata_in_the_shapes_real_pages_give_it() {
    let tmp = empty_dossier();
    // JSON-LD inside a CDATA section (an XHTML leftover), for a live blog.
    let live = r#"<html><head><title>Live: talks in Geneva | Example</title>
<script type="application/ld+json">//<![CDATA[
{"@context":"https://schema.org","@type":"LiveBlogPosting","headline":"Live: envoys resume talks in Geneva","datePublished":"2025-11-23T08:00:00Z"}
//]]></script></head>
<body><article><p>Envoys from Washington and Kyiv sat down again in Geneva on Sunday morning.</p><p>The talks are expected to run into the evening.</p></article></body></html>"#;
    // A reference page puts a description under `headline` and the title
    // under `name`; the page's <title> says which is which.
    let reference = r#"<html><head><title>Mar-a-Lago - Example Encyclopedia</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Article","name":"Mar-a-Lago","headline":"estate and club in Palm Beach, Florida","datePublished":"2004-05-01T00:00:00Z"}</script></head>
<body><main><p>Mar-a-Lago is an estate and club in Palm Beach, Florida, built in the 1920s.</p><p>It has hosted foreign leaders since 2017.</p></main></body></html>"#;
    // No JSON-LD and no Open Graph: the section's <h1> is no headline, the
    // <title> without the site's name is; Parse.ly's tags give date and author.
    let section = r#"<html><head><title>Envoys draft a 20-point peace framework - World Report</title>
<meta name="parsely-pub-date" content="2025-12-20T14:05:00Z"><meta name="parsely-author" content="Maria Example"></head>
<body><header><h1>World Report Center</h1></header><div class="story"><p>Negotiators from both capitals drafted a framework of twenty points over the weekend, officials said.</p>
<p>The text now goes to the leaders, who are expected to meet before the end of the month to settle what remains open.</p></div></body></html>"#;
    let inputs = [write(tmp.path(), "in/live.html", live), write(tmp.path(), "in/reference.html", reference), write(tmp.path(), "in/section.html", section)];
    let report = run(tmp.path(), &inputs, false);
    assert!(!report.failed(), "{:?}", errors(&report));
    let articles = loaded(tmp.path());
    let from = |words: &str| articles.iter().find(|a| a.body().contains(words)).unwrap_or_else(|| panic!("no article says {words}"));

    let live = from("sat down again in Geneva");
    assert_eq!((live.title.as_str(), live.date), ("Live: envoys resume talks in Geneva", Some(jiff::civil::date(2025, 11, 23))));
    let reference = from("built in the 1920s");
    assert_eq!(reference.title, "Mar-a-Lago");
    let section = from("framework of twenty points");
    assert_eq!(section.title, "Envoys draft a 20-point peace framework");
    assert_eq!((section.date, section.author.as_deref()), (Some(jiff::civil::date(2025, 12, 20)), Some("Maria Example")));
}

#[test]
fn a_page_s_byline_names_its_author_when_its_metadata_does_not() {
    let tmp = empty_dossier();
    let paragraph = "Negotiators from both capitals met for a second day on Thursday and agreed to exchange prisoners, according to officials on both sides who spoke after the session ended. ";
    let page = format!(
        r#"<html><head><title>Talks end with a prisoner exchange - Example</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<div class="story"><h1>Talks end with a prisoner exchange</h1>
<div class="byline">By Jane Roe, Staff Writer <span>February 5, 2026</span></div>
<p>{p}</p><p>{p}</p><p>{p}</p><p>{p}</p></div></body></html>"#,
        p = paragraph
    );
    // Text marked up as the article's body, its writer linked as the author.
    let marked = format!(
        r#"<html><head><title>Envoys return to Geneva - Example</title></head><body>
<div class="story"><h1>Envoys return to Geneva</h1><p>By <a rel="author" href="/staff/sam">Sam Writer</a></p>
<div itemprop="articleBody"><p>{p}</p><p>{p}</p><p>The envoys return to Geneva next week.</p></div></div></body></html>"#,
        p = "Delegations from both capitals will meet again in Geneva on Monday to settle the remaining points of the framework, the hosts said in a statement."
    );
    let inputs = [write(tmp.path(), "in/talks.html", &page), write(tmp.path(), "in/geneva.html", &marked)];
    let report = run(tmp.path(), &inputs, false);
    assert!(!report.failed(), "{:?}", errors(&report));
    let articles = loaded(tmp.path());
    let from = |words: &str| articles.iter().find(|a| a.body().contains(words)).unwrap_or_else(|| panic!("no article says {words}"));
    let talks = from("agreed to exchange prisoners");
    assert_eq!(talks.author.as_deref(), Some("Jane Roe"));
    assert!(!talks.body().contains("Staff Writer"), "the byline is no part of the text");
    assert_eq!(from("return to Geneva next week").author.as_deref(), Some("Sam Writer"));
}

#[test]
fn markdown_with_and_without_front_matter() {
    let tmp = empty_dossier();
    let toml_fm = "+++\ntitle = \"Rubio in Geneva\"\noutlet = \"Wire\"\ndate = 2025-11-23\ntags = [\"Peace Plan\", \"geneva\"]\nactors = [\"Vitkov\", \"Jane Nobody\"]\ncustom = 1\n+++\n\nMarco Rubio led the US delegation.\n\n\n\nTalks went on.\n";
    let yaml_fm = "---\ntitle: Kushner joins talks\ndate: \"2025-12-02\"\nauthor: [A. Writer]\ncanonical_url: https://example.net/kushner\n---\n# Not the title\n\nJared Kushner joined the talks in Moscow.\n";
    let bare = "# Umerov briefs Zelensky\n\nRustem Umerov briefed Zelensky in London on 8 December 2025.\n\n```text\n<p  code   stays\n```\n";
    let inputs = [write(tmp.path(), "in/a.md", toml_fm), write(tmp.path(), "in/b.markdown", yaml_fm), write(tmp.path(), "in/c.md", bare)];
    let report = run(tmp.path(), &inputs, false);
    assert!(!report.failed(), "{:?}", errors(&report));
    let warnings = errors(&report);
    assert!(warnings.iter().any(|w| w.contains("a.md") && w.contains("not carried over: custom")), "{warnings:?}");
    let articles = loaded(tmp.path());
    let get = |title: &str| articles.iter().find(|a| a.title == title).unwrap_or_else(|| panic!("no {title}"));

    let a = get("Rubio in Geneva");
    assert_eq!((a.outlet.as_deref(), a.date), (Some("Wire"), Some(jiff::civil::date(2025, 11, 23))));
    assert_eq!(a.tags, ["peace-plan", "geneva"]);
    // Listed actors: kept by any spelling the registry knows, the rest left out and offered as candidates.
    let listed: Vec<&str> = a.actors.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(listed, ["steve-witkoff", "marco-rubio", "united-states"]);
    assert!(warnings.iter().any(|w| w.contains("not in the registry, left out: Jane Nobody")), "{warnings:?}");
    assert!(report.candidates.iter().any(|c| c.name == "Jane Nobody"));
    assert_eq!(a.body().trim(), "Marco Rubio led the US delegation.\n\nTalks went on.");
    assert!(!a.guessed.iter().any(|g| g == "title" || g == "date" || g == "outlet"), "{:?}", a.guessed);

    let b = get("Kushner joins talks");
    assert_eq!((b.author.as_deref(), b.url.as_deref()), (Some("A. Writer"), Some("https://example.net/kushner")));
    assert_eq!(b.date, Some(jiff::civil::date(2025, 12, 2)));
    assert!(b.body().trim_start().starts_with("# Not the title"), "a title from front matter leaves the body alone");

    let c = get("Umerov briefs Zelensky");
    // The date is only in the text: guessed, and marked.
    assert_eq!(c.date, Some(jiff::civil::date(2025, 12, 8)));
    assert!(c.guessed.contains(&"date".into()) && !c.guessed.contains(&"title".into()), "{:?}", c.guessed);
    assert!(c.body().trim_end().ends_with("```text\n<p  code   stays\n```"), "{}", c.body());
    let actors: Vec<&str> = c.actors.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(actors, ["rustem-umerov", "volodymyr-zelensky"]);
}

#[test]
fn a_day_guessed_from_the_text_is_the_day_suggest_reads() {
    let tmp = empty_dossier();
    // No publication date anywhere (the address gives the month): the date
    // is the day the text reports, and "yesterday" in the lead must not
    // move it again once it is the date.
    let text = "The city council approved the new harbour bridge yesterday after a four-hour debate.\n\n\
                \"On March 3, the engineers handed us their final report,\" the mayor told the council, adding that the crossing would open in the spring.\n\n\
                https://news.example.org/2026/03/harbour-bridge-approved\n";
    let report = run(tmp.path(), &[write(tmp.path(), "in/bridge.txt", text)], false);
    assert!(!report.failed(), "{:?}", errors(&report));
    let a = only_article(tmp.path());
    let march_3 = jiff::civil::date(2026, 3, 3);
    assert_eq!((a.date, a.reports.as_slice()), (Some(march_3), &[march_3][..]));
    assert!(a.guessed.contains(&"date".into()) && a.guessed.contains(&"reports".into()), "{:?}", a.guessed);
    let (dossier, _) = dossier::load::load(&dossier::load::Folder::new(tmp.path()));
    let s = dossier::suggest::suggest(&dossier, &dossier::annotate::ActorMatcher::of(&dossier), &dossier::suggest::Options::default());
    assert_eq!(s.articles[0].day.as_deref(), Some("2026-03-03"));
}

#[test]
fn a_follow_up_naming_only_the_day_every_report_recalls_is_not_dated_by_it() {
    let tmp = empty_dossier();
    // Invented coverage of a gallery robbery on Sunday 12 October 2025 and
    // what followed. Two dated follow-ups recall the robbery's day.
    let dated_a = "Police detain two men over gallery robbery\n\n\
                   Detectives detained two men on Saturday over the theft of six silver cups from the city gallery on 12 October, the prosecutor said.\n\n\
                   https://news.example.org/2025/10/19/gallery-arrests\n";
    let dated_b = "Gallery suspects charged\n\n\
                   The two men held since the weekend were charged on Wednesday with organised theft over the raid of October 12 on the city gallery.\n\n\
                   https://daily.example.com/2025/10/22/gallery-charges\n";
    // Undated: a follow-up that names the robbery's day and tells its own
    // news on a Thursday, and a report of the robbery itself.
    let follow_up = "Three more held in gallery case\n\n\
                     Investigators into the gallery robbery of 12 October have held three more people, the prosecutor told a radio station on Thursday.\n\n\
                     The six silver cups taken that morning are still missing.\n";
    let report_of_the_day = "Thieves take silver cups from city gallery\n\n\
                             Thieves broke into the city gallery on Sunday morning, 12 October, and took six silver cups from a display case, the police said.\n";
    let inputs = [
        write(tmp.path(), "in/a.txt", dated_a),
        write(tmp.path(), "in/b.txt", dated_b),
        write(tmp.path(), "in/follow-up.txt", follow_up),
        write(tmp.path(), "in/robbery.txt", report_of_the_day),
    ];
    let report = run(tmp.path(), &inputs, false);
    assert!(!report.failed(), "{:?}", errors(&report));
    let articles = loaded(tmp.path());
    let of = |name: &str| articles.iter().find(|a| a.origin.as_deref().is_some_and(|o| o.ends_with(name))).unwrap();
    let robbery = jiff::civil::date(2025, 10, 12);
    assert_eq!(of("follow-up.txt").date, None, "{:?}", of("follow-up.txt").guessed);
    assert!(of("follow-up.txt").reports.is_empty());
    // The day's own report, which tells its news by that day's weekday, keeps it.
    assert_eq!(of("robbery.txt").date, Some(robbery));
    assert_eq!(of("a.txt").date, Some(jiff::civil::date(2025, 10, 19)));
}

#[test]
fn arabic_and_hindi_pages_are_dated_by_their_text() {
    let tmp = empty_dossier();
    // Invented reports of one prize, as pages in Arabic and Hindi write its day.
    let arabic = "أعلنت الأكاديمية الملكية السويدية للعلوم يوم الأربعاء 8 أكتوبر/تشرين الأول 2025 منح جائزة نوبل في الكيمياء لثلاثة علماء عن أبحاثهم في الأطر الفلزية العضوية.\n\nوقالت اللجنة إن هذه المواد قادرة على استخلاص الماء من هواء الصحراء.\n";
    let eastern_digits =
        "أعلنت الأكاديمية في ستوكهولم في ٨ أكتوبر ٢٠٢٥ أسماء الفائزين بجائزة نوبل في الكيمياء لهذا العام.\n\nوتبلغ قيمة الجائزة أحد عشر مليون كرونة سويدية.\n";
    let hindi = "स्वीडिश विज्ञान अकादमी ने 8 अक्टूबर, 2025 को रसायन विज्ञान के नोबेल पुरस्कार की घोषणा की। तीनों वैज्ञानिकों ने धातु-कार्बनिक ढाँचों पर काम किया है।\n\nये पदार्थ रेगिस्तान की हवा से पानी निकाल सकते हैं।\n";
    let inputs = [write(tmp.path(), "in/ar.txt", arabic), write(tmp.path(), "in/ar-digits.txt", eastern_digits), write(tmp.path(), "in/hi.txt", hindi)];
    let report = run(tmp.path(), &inputs, false);
    assert!(!report.failed(), "{:?}", errors(&report));
    let articles = loaded(tmp.path());
    assert_eq!(articles.len(), 3);
    for a in &articles {
        assert_eq!(a.date, Some(jiff::civil::date(2025, 10, 8)), "{}", a.slug);
        assert!(a.guessed.contains(&"date".into()), "{}: {:?}", a.slug, a.guessed);
    }
}

#[test]
fn plain_text_cleaning_keeps_every_word() {
    let tmp = empty_dossier();
    let text = "Talks in Miami\r\n\r\n\r\n\r\nThe delegations met\u{a0}on Thursday, a â€œkeyâ€\u{9d} step.\r\nArticle continues below the player\r\nADVERTISEMENT\r\n<p>Both sides said \u{201c}progress\u{201d} was made.</p>\r\nArticle continues below the player\r\nA post read {== and [this]{.x} ==}.\r\nhttps://example.org/miami\r\n";
    let input = write(tmp.path(), "in/miami.txt", text);
    let report = run(tmp.path(), &[input], false);
    assert!(!report.failed(), "{:?}", errors(&report));
    let a = only_article(tmp.path());
    assert_eq!(a.title, "Talks in Miami");
    // Annotation delimiters in pasted text are defused, so `check` (run by `only_article`) is clean.
    assert_eq!(
        a.body().trim(),
        "The delegations met on Thursday, a “key” step.\n\nBoth sides said “progress” was made.\n\nA post read &#123;== and [this]&#123;.x} ==&#125;."
    );
    // ...and the page shows the braces as they were.
    let out = tmp.path().join("site");
    dossier::build(tmp.path(), &dossier::BuildOptions { out: Some(out.clone()), ..Default::default() }).expect("builds");
    let page = crate::common::page(&out, &format!("articles/{}.html", a.slug));
    assert!(crate::common::texts(&page, "p").iter().any(|p| p == "A post read {== and [this]{.x} ==}."), "{:?}", crate::common::texts(&page, "p"));
    assert_eq!(a.url.as_deref(), Some("https://example.org/miami"));
    assert_eq!(a.outlet.as_deref(), Some("example.org"));
    // Title and outlet are guesses; so is the language of a text this short.
    assert!(a.guessed.contains(&"title".into()) && a.guessed.contains(&"outlet".into()) && !a.guessed.contains(&"date".into()), "{:?}", a.guessed);
    let notes = &report.files[0].notes;
    assert!(notes.iter().any(|n| n.contains("3 boilerplate line")) && notes.iter().any(|n| n.contains("2 stray tag")), "{notes:?}");
}

#[test]
fn a_folder_imports_what_is_an_article_and_says_what_it_skipped() {
    let tmp = empty_dossier();
    let folder = tmp.path().join("downloads");
    write(&folder, "one.txt", "Putin spoke with Trump by phone on Monday.\n");
    write(&folder, "nested/two.html", "<html><body><p>Witkoff flew to Moscow.</p></body></html>");
    write(&folder, "nested/deeper/three.md", "# Three\n\nKushner stayed in Miami.\n");
    write(&folder, "nested/page_files/style.css", "p { color: red }");
    write(&folder, "nested/page_files/logo.png", b"\x89PNG\r\n\x1a\n");
    write(&folder, "nested/page_files/app.js", "alert(1)");
    write(&folder, ".hidden.txt", "Hidden notes.");
    std::os::unix::fs::symlink("/etc/passwd", folder.join("link.txt")).unwrap();
    let report = run(tmp.path(), &[folder], false);
    assert!(!report.failed(), "{:?}", errors(&report));
    assert_eq!(report.files.len(), 3);
    let skipped = errors(&report);
    assert!(skipped.iter().any(|m| m.contains("skipped 4 file(s) that are not articles (1 .css, 1 .js, 1 .png, 1 symbolic link)")), "{skipped:?}");
    assert_eq!(loaded(tmp.path()).len(), 3);
}

#[test]
fn bad_inputs_fail_one_by_one_and_the_rest_imports() {
    let tmp = empty_dossier();
    let dir = tmp.path().join("bad");
    let good = write(&dir, "good.txt", "Zelensky met Trump in Florida.\n");
    let png = write(&dir, "photo.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let binary = write(&dir, "data.bin.txt", [b'a', 0, 1, 2, 3, 0xff, 0, 7]);
    let empty = write(&dir, "empty.txt", "");
    let blank = write(&dir, "blank.md", "\n  \n\t\n");
    let unknown_encoding = write(&dir, "mojibake.txt", b"The qu\x81\x8dck br\x8f\x90wn f\x9dx jumps over the l\x81zy dog.\n");
    let mixed = write(&dir, "mixed.txt", [&b"Zelensky said \xe2\x80\x9cyes\xe2\x80\x9d "[..], b"and \xe9t\xe9 \xff\n"].concat());
    let huge = dir.join("huge.html");
    // Sparse: one byte over the limit without writing it.
    std::fs::File::create(&huge).unwrap().set_len(MAX_IMPORT_BYTES + 1).unwrap();
    let empty_page = write(&dir, "empty-page.html", "<html><body><nav>Menu</nav><script>x()</script></body></html>");
    let missing = dir.join("missing.txt");
    let bad_front_matter = write(&dir, "broken.md", "+++\ntitle = \"unclosed\n+++\n\nText.\n");

    let inputs = [good.clone(), png, binary, empty, blank, unknown_encoding, mixed, huge, empty_page, missing, bad_front_matter];
    let report = run(tmp.path(), &inputs, false);
    assert!(report.failed());
    let messages = errors(&report);
    let expect = [
        ("photo.txt", "binary data, not text: this is a PNG image"),
        ("data.bin.txt", "binary data, not text: it contains NUL bytes"),
        ("empty.txt", "empty file"),
        ("blank.md", "only white space"),
        ("mojibake.txt", "not UTF-8 (byte 0x81 at line 1, column 7) and the encoding could not be determined"),
        ("mixed.txt", "mixes UTF-8 with bytes that are not UTF-8"),
        ("huge.html", "file is 16777217 bytes (16.0 MiB); the limit is 16 MiB"),
        ("empty-page.html", "no article text found"),
        ("missing.txt", "cannot read"),
        ("broken.md", "front matter is not valid TOML"),
    ];
    for (file, message) in expect {
        assert!(messages.iter().any(|m| m.contains(file) && m.contains(message)), "no `{message}` for {file} in {messages:#?}");
    }
    assert_eq!(report.diagnostics.count(dossier::diagnostics::Severity::Error), expect.len());
    // The one good file imported all the same.
    assert_eq!(report.count(|o| matches!(o, Outcome::Imported { .. })), 1);
    assert_eq!(loaded(tmp.path()).len(), 1);
}

#[test]
fn a_folder_with_thousands_of_files_imports_them_all() {
    let tmp = empty_dossier();
    let folder = tmp.path().join("many");
    std::fs::create_dir(&folder).unwrap();
    let n = 2000;
    for i in 0..n {
        // Same title for many files: slugs must still be unique.
        let text = format!("Trump and Zelensky talks, update {}\n\nReport number {i} says talks continued on Monday.\n", i % 7);
        std::fs::write(folder.join(format!("{i:05}.txt")), text).unwrap();
    }
    for i in 0..500 {
        std::fs::write(folder.join(format!("img{i}.jpg")), [0xff, 0xd8, 0xff]).unwrap();
    }
    let report = run(tmp.path(), std::slice::from_ref(&folder), false);
    assert!(!report.failed(), "{:?}", errors(&report).iter().take(5).collect::<Vec<_>>());
    assert_eq!(report.count(|o| matches!(o, Outcome::Imported { .. })), n);
    assert!(errors(&report).iter().any(|m| m.contains("skipped 500 file(s)")));
    let slugs: BTreeSet<PathBuf> =
        report.files.iter().filter_map(|f| if let Outcome::Imported { article, .. } = &f.outcome { Some(article.clone()) } else { None }).collect();
    assert_eq!(slugs.len(), n);
    assert_eq!(loaded(tmp.path()).len(), n);
    // And again: all unchanged, nothing written.
    let again = run(tmp.path(), &[folder], false);
    assert_eq!(again.count(|o| matches!(o, Outcome::Unchanged { .. })), n);
}

#[test]
fn unknown_names_are_offered_for_the_registry() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "content/actors.toml", crate::common::ACTORS);
    let seeds = [repo().join("seeds/002_7c10af62444fe382.txt"), repo().join("seeds/003_07fc05ca8bfde29b.txt")];
    let report = run(tmp.path(), &seeds, false);
    assert!(!report.failed(), "{:?}", errors(&report));
    let find = |name: &str| report.candidates.iter().find(|c| c.name == name).map(|c| (c.count, c.articles));
    assert_eq!(find("Marco Rubio"), Some((2, 2)));
    assert_eq!(find("Mark Rutte"), Some((1, 1)));
    assert_eq!(find("Friedrich Merz"), Some((1, 1)));
    // Known actors and role words are not candidates.
    assert_eq!(find("Donald Trump"), None);
    assert!(report.candidates.iter().all(|c| !c.name.starts_with("President") && !c.name.starts_with("The ")), "{:?}", report.candidates);
    // Most widespread first.
    assert_eq!(report.candidates[0].articles, 2);
}

fn dossier_bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
}

#[test]
fn the_exit_code_says_whether_anything_failed() {
    let tmp = empty_dossier();
    let good = write(tmp.path(), "in/good.txt", "Zelensky met Trump.\n");
    let bad = write(tmp.path(), "in/bad.txt", "");
    let ok = dossier_bin().args(["import", "--into"]).arg(tmp.path()).arg(&good).output().unwrap();
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    let stderr = String::from_utf8_lossy(&ok.stderr);
    assert!(stderr.contains("imported  -> content/articles/") && stderr.contains("1 imported"), "{stderr}");
    let failed = dossier_bin().args(["import", "--into"]).arg(tmp.path()).arg(&good).arg(&bad).output().unwrap();
    assert_eq!(failed.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(stderr.contains("bad.txt") && stderr.contains("empty file") && stderr.contains("1 unchanged, 0 duplicate, 1 failed"), "{stderr}");
    // Not a dossier: refused before anything is read.
    let nowhere = tempfile::tempdir().unwrap();
    let refused = dossier_bin().args(["import", "--into"]).arg(nowhere.path()).arg(&good).output().unwrap();
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not a dossier"));
    assert!(snapshot(nowhere.path()).is_empty());
}

#[test]
fn check_refuses_a_malformed_hash_and_unknown_guessed_fields() {
    let text = "+++\ntitle = \"T\"\ndate = 2025-12-28\nguessed = [\"title\", \"tags\"]\nsource = \"raw.txt\"\nsource_sha256 = \"abc\"\n+++\n\nBody.\n";
    let tmp = crate::common::small_dossier(&[("a.md", text)]);
    let messages = crate::common::check_messages(tmp.path());
    assert!(messages.iter().any(|m| m.contains("a.md:6:") && m.contains("source_sha256 is not a SHA-256 hash")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("a.md:4:") && m.contains("`tags` cannot be marked as guessed")), "{messages:?}");
}

/// Found by the `import` fuzz target: Markdown keeps its annotations,
/// mistakes included. The article is imported (nothing is lost) and the
/// import says now what `check` will refuse.
#[test]
fn markdown_annotation_mistakes_are_reported_at_import() {
    let dossier = empty_dossier();
    let inputs = tempfile::tempdir().unwrap();
    let input = write(inputs.path(), "note.md", "+++\ntitle = \"T\"\ndate = 2025-01-01\n+++\nTrump [spoke]{.quote by=donald-truMp}.\n");
    let report = run(dossier.path(), &[input], false);
    assert!(!report.failed());
    assert_eq!(report.count(|o| matches!(o, dossier::import::Outcome::Imported { .. })), 1);
    let messages = errors(&report);
    assert!(
        messages
            .iter()
            .any(|m| m.contains("warning: imported, but `dossier check` will refuse it: unknown actor `donald-truMp`")
                && m.contains("did you mean `donald-trump`")),
        "{messages:?}"
    );
    assert!(dossier::check(dossier.path()).has_errors());
    // A correct Markdown article imports without such a warning.
    let good = write(inputs.path(), "good.md", "+++\ntitle = \"G\"\ndate = 2025-01-01\n+++\nTrump [spoke]{.quote by=donald-trump}.\n");
    let report = run(dossier.path(), &[good], false);
    assert!(!errors(&report).iter().any(|m| m.contains("will refuse")), "{:?}", errors(&report));
}

#[test]
fn a_timestamp_closing_the_headline_line_dates_the_page_and_leaves_the_title() {
    // After a public broadcaster's page: headline, then "Stand:" and the time, on one line.
    let dossier = empty_dossier();
    let input = write(
        dossier.path(),
        "in/vote.txt",
        "Opposition tables asylum motions in parliament \"The firewall must hold\" Stand: 24.01.2025 21:00 Uhr\n\n\
         The opposition leader will bring motions on asylum policy to parliament next week, whoever votes for them. The chancellor warned against relying on the far right.\n\n\
         https://www.example-broadcaster.de/inland/asyl-antraege-100.html\n",
    );
    assert!(errors(&run(dossier.path(), &[input], false)).is_empty());
    let a = only_article(dossier.path());
    assert_eq!(a.title, "Opposition tables asylum motions in parliament \"The firewall must hold\"");
    assert_eq!(a.date, Some(jiff::civil::date(2025, 1, 24)));
    assert!(a.guessed.contains(&"date".to_string()), "a date from the text is a guess: {:?}", a.guessed);
}
