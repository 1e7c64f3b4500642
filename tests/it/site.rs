//! The example dossier (this repository) built for real, and its HTML read back.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::common::*;

const FOX: &str = "fox-citing-2025-12-27-mar-a-lago-call";
const MAR_A_LAGO: &str = "unknown-2026-01-03-mar-a-lago-meeting";
const WHITE_HOUSE: &str = "unknown-2025-08-18-white-house-talks";
const AXIOS: &str = "axios-citing-2025-12-06-witkoff-kushner-call";
const FEBRUARY: &str = "unknown-2025-02-12-trump-putin-zelenskiy-calls";

fn linked_articles(site: &Path, actor_page: &str) -> BTreeSet<String> {
    let doc = page(site, actor_page);
    hrefs(&doc, ".appearance h3 a").into_iter().map(|h| h.trim_start_matches("../articles/").trim_end_matches(".html").to_string()).collect()
}

#[test]
fn zelensky_has_one_page_listing_all_five_articles_whatever_the_spelling() {
    let (_tmp, site) = build_example();
    let articles = linked_articles(&site, "actors/volodymyr-zelensky.html");
    let expected: BTreeSet<String> = [FOX, MAR_A_LAGO, WHITE_HOUSE, AXIOS, FEBRUARY].iter().map(|s| s.to_string()).collect();
    assert_eq!(articles, expected);
    // The spellings the outlets used are all attributed to the one actor.
    let spellings = texts(&page(&site, "actors/volodymyr-zelensky.html"), ".spelling");
    for spelling in ["Zelensky", "Zelenskyy", "Zelenskiy", "Vladimir Zelensky"] {
        assert!(spellings.iter().any(|s| s == spelling), "{spelling} missing from {spellings:?}");
    }
    // And every mention link in the articles points at that page, never at Putin's for "Vladimir".
    let fox = page(&site, &format!("articles/{FOX}.html"));
    let vladimir_zelensky: Vec<_> = select(&fox, "a.mention").into_iter().filter(|a| a.text().collect::<String>() == "Vladimir Zelensky").collect();
    assert!(!vladimir_zelensky.is_empty());
    for a in vladimir_zelensky {
        assert_eq!(a.value().attr("href"), Some("../actors/volodymyr-zelensky.html"));
    }
}

#[test]
fn witkoff_and_vitkov_are_one_actor_and_merz_and_mertz_too() {
    let (_tmp, site) = build_example();
    let witkoff = texts(&page(&site, "actors/steve-witkoff.html"), ".spelling");
    assert!(witkoff.contains(&"Vitkov".to_string()) || witkoff.contains(&"Steve Vitkov".to_string()), "{witkoff:?}");
    assert!(witkoff.iter().any(|s| s.contains("Witkoff")), "{witkoff:?}");
    assert_eq!(linked_articles(&site, "actors/steve-witkoff.html"), [AXIOS, WHITE_HOUSE].iter().map(|s| s.to_string()).collect());
    let merz = texts(&page(&site, "actors/friedrich-merz.html"), ".spelling");
    assert!(merz.contains(&"Mertz".to_string()) && merz.iter().any(|s| s.contains("Merz")), "{merz:?}");
    assert!(!site.join("actors/vitkov.html").exists() && !site.join("actors/mertz.html").exists());
}

#[test]
fn the_two_articles_about_the_mar_a_lago_meeting_link_to_each_other() {
    let (_tmp, site) = build_example();
    let a = page(&site, &format!("articles/{FOX}.html"));
    let b = page(&site, &format!("articles/{MAR_A_LAGO}.html"));
    assert_eq!(hrefs(&a, ".related li > a"), vec![format!("../articles/{MAR_A_LAGO}.html")]);
    assert_eq!(hrefs(&b, ".related li > a"), vec![format!("../articles/{FOX}.html")]);
    // Articles about other events are not offered as "same event".
    assert!(select(&page(&site, &format!("articles/{FEBRUARY}.html")), ".related").is_empty());
    // The event page shows both sources side by side.
    let event = page(&site, "events/mar-a-lago-meeting-2025-12-28.html");
    let sources: BTreeSet<String> = hrefs(&event, ".source h3 a").into_iter().collect();
    assert_eq!(sources, [format!("../articles/{FOX}.html"), format!("../articles/{MAR_A_LAGO}.html")].into_iter().collect());
}

#[test]
fn mentions_link_to_actor_pages_and_actor_pages_show_the_sentence() {
    let (_tmp, site) = build_example();
    let doc = page(&site, "actors/steve-witkoff.html");
    let sentences = texts(&doc, ".mentions li");
    assert!(sentences.iter().any(|s| s.contains("Special Envoy Steve Vitkov will work to coordinate")), "{sentences:?}");
    // "Mentioned alongside" counts shared articles: Trump is in both of Witkoff's articles.
    let ranked = texts(&doc, ".ranked li");
    assert!(ranked.iter().any(|r| r.starts_with("Donald Trump") && r.ends_with("2 articles")), "{ranked:?}");
    // Every mention anchor the actor page links to exists in the article.
    for href in hrefs(&doc, ".mentions a") {
        let (file, anchor) = href.split_once('#').unwrap();
        let article = page(&site, &format!("actors/{file}"));
        assert_eq!(select(&article, &format!("[id=\"{anchor}\"]")).len(), 1, "{href}");
    }
}

#[test]
fn mentions_are_not_linked_inside_code_or_existing_links() {
    let tmp = small_dossier(&[("a.md", &article("T", "Trump spoke. `Trump` in code. [Trump's site](https://example.org) and Trumpet.\n\n```\nTrump\n```"))]);
    let out = tmp.path().join("public");
    dossier::build(tmp.path(), &dossier::BuildOptions::default()).unwrap();
    let doc = page(&out, "articles/a.html");
    assert_eq!(texts(&doc, "a.mention"), vec!["Trump"]);
}

/// Every relative link and fragment in the built site resolves to a file and an id.
#[test]
fn no_internal_link_is_broken() {
    let (_tmp, site) = build_example();
    let files = snapshot(&site);
    let mut checked = 0;
    for (path, bytes) in &files {
        if !path.ends_with(".html") || path == "404.html" {
            continue;
        }
        let doc = scraper::Html::parse_document(std::str::from_utf8(bytes).unwrap());
        let dir = Path::new(path).parent().unwrap();
        for el in select(&doc, "[href], [src]") {
            let url = el.value().attr("href").or(el.value().attr("src")).unwrap();
            if url.starts_with("http://") || url.starts_with("https://") || url.starts_with("mailto:") {
                continue;
            }
            let (file, fragment) = match url.split_once('#') {
                Some((f, frag)) => (f, Some(frag)),
                None => (url, None),
            };
            let file = file.split('?').next().unwrap();
            let target = if file.is_empty() { Path::new(path).to_path_buf() } else { normalize(&dir.join(file)) };
            let target = target.to_string_lossy().into_owned();
            assert!(files.contains_key(&target), "{path}: broken link {url} -> {target}");
            if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                let html = std::str::from_utf8(&files[&target]).unwrap();
                assert!(html.contains(&format!("id=\"{fragment}\"")), "{path}: missing anchor {url}");
            }
            checked += 1;
        }
    }
    assert!(checked > 300, "only {checked} links checked");
}

fn normalize(p: &Path) -> std::path::PathBuf {
    let mut out = std::path::PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[test]
fn github_pages_essentials_are_there() {
    let (_tmp, site) = build_example();
    assert!(site.join(".nojekyll").is_file());
    // 404.html is served at any depth, so its links are absolute under the base path.
    let not_found = page(&site, "404.html");
    for href in hrefs(&not_found, "link[rel=stylesheet], nav a, main a") {
        assert!(href.starts_with("/dossier/"), "{href}");
    }
    // Other pages use relative links only: no link escapes a subpath.
    for (path, bytes) in snapshot(&site) {
        if path.ends_with(".html") && path != "404.html" {
            let html = String::from_utf8(bytes).unwrap();
            assert!(!html.contains("href=\"/"), "{path} has a root-absolute link");
        }
    }
    let canonical = select(&page(&site, &format!("articles/{FOX}.html")), "link[rel=canonical]")[0].value().attr("href").unwrap().to_string();
    assert_eq!(canonical, format!("https://dossier-ssg.github.io/dossier/articles/{FOX}.html"));
}

#[test]
fn builds_are_byte_identical_whatever_the_thread_count() {
    let build_with = |threads: usize| {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| dossier::build(&repo(), &dossier::BuildOptions { out: Some(out.clone()), ..Default::default() }).unwrap());
        (tmp, snapshot(&out))
    };
    let (_a, one) = build_with(1);
    let (_b, four) = build_with(4);
    let (_c, again) = build_with(4);
    assert_eq!(one.keys().collect::<Vec<_>>(), four.keys().collect::<Vec<_>>());
    for (path, bytes) in &one {
        assert!(four[path] == *bytes, "{path} differs between 1 and 4 threads");
        assert!(again[path] == *bytes, "{path} differs between two runs");
    }
}

#[test]
fn code_blocks_are_highlighted_with_classes_and_the_stylesheet_only_appears_when_needed() {
    let tmp = small_dossier(&[("code.md", &article("Code", "```rust\nfn main() { let x = 1; }\n```")), ("plain.md", &article("Plain", "No code here."))]);
    dossier::build(tmp.path(), &dossier::BuildOptions::default()).unwrap();
    let out = tmp.path().join("public");
    let code = read(&out.join("articles/code.html"));
    assert!(code.contains("class=\"hl-"), "no highlighting classes");
    assert!(!code.contains("style=\""), "inline styles in highlighted code");
    // Attribute values are compared decoded (Tera writes `/` as `&#x2F;`).
    let sheets = |p: &str| hrefs(&page(&out, p), "link[rel=stylesheet]");
    assert!(sheets("articles/code.html").iter().any(|h| h.contains("assets/syntax.css")), "{:?}", sheets("articles/code.html"));
    assert!(!sheets("articles/plain.html").iter().any(|h| h.contains("syntax.css")));
    assert!(out.join("assets/syntax.css").is_file());

    let tmp = small_dossier(&[("plain.md", &article("Plain", "No code here."))]);
    dossier::build(tmp.path(), &dossier::BuildOptions::default()).unwrap();
    assert!(!tmp.path().join("public/assets/syntax.css").exists());
}

#[test]
fn a_dossier_template_overrides_the_built_in_one_by_name() {
    let tmp = small_dossier(&[("a.md", &article("Hello", "Body."))]);
    std::fs::create_dir_all(tmp.path().join("templates")).unwrap();
    std::fs::write(
        tmp.path().join("templates/article.html"),
        "{% extends \"base.html\" %}{% block main %}<h1 class=\"custom\">{{ article.title }}</h1>{{ body | safe }}{% endblock main %}",
    )
    .unwrap();
    std::fs::create_dir_all(tmp.path().join("theme")).unwrap();
    std::fs::write(tmp.path().join("theme/extra.css"), "body{}").unwrap();
    dossier::build(tmp.path(), &dossier::BuildOptions::default()).unwrap();
    let out = tmp.path().join("public");
    assert_eq!(texts(&page(&out, "articles/a.html"), "h1.custom"), vec!["Hello"]);
    // Other pages keep the built-in templates; theme files are added to the defaults.
    assert!(!select(&page(&out, "index.html"), ".hero").is_empty());
    assert!(out.join("assets/extra.css").is_file() && out.join("assets/style.css").is_file());
}

#[test]
fn templates_cannot_read_the_environment() {
    let tmp = small_dossier(&[("a.md", &article("Hello", "Body."))]);
    std::fs::create_dir_all(tmp.path().join("templates")).unwrap();
    std::fs::write(tmp.path().join("templates/index.html"), "{{ get_env(name=\"HOME\") }}").unwrap();
    let failure = dossier::build(tmp.path(), &dossier::BuildOptions::default()).unwrap_err();
    let messages: Vec<String> = failure.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(messages.iter().any(|m| m.contains("templates/index.html") && m.contains("get_env is disabled")), "{messages:?}");
    assert!(!tmp.path().join("public").exists());
}

/// A spelling with a dot ("B. Smith") after an opening quote once split the
/// sentence inside the mention and panicked; found by the benchmark corpus.
#[test]
fn a_mention_spelled_with_an_initial_after_a_quote_keeps_its_sentence() {
    let actors = "[[actor]]\nid = \"bob-smith\"\nname = \"Bob Smith\"\nkind = \"person\"\naliases = [\"B. Smith\", \"Smith\"]\n";
    let body = "Talks went on. “B. Smith studied his notes carefully,” the source said. (B. Smith left.)";
    let text = format!("+++\ntitle = \"T\"\n+++\n\n{body}\n");
    let tmp = dossier(&[("dossier.toml", "title = \"Test\"\n"), ("content/actors.toml", actors), ("content/articles/a.md", &text)]);
    let out = tmp.path().join("public");
    dossier::build(tmp.path(), &dossier::BuildOptions::default()).expect("builds");
    let mentions = texts(&page(&out, "actors/bob-smith.html"), ".mentions li");
    assert_eq!(mentions.len(), 2, "{mentions:?}");
    assert!(mentions[0].contains("B. Smith studied his notes carefully"), "{mentions:?}");
    assert!(!mentions[0].contains("Talks went on"), "{mentions:?}");
}

use super::corpus;

/// The benchmark corpus (every kind of annotation, cross-references, standoff
/// annotations, large events, actors spelled many ways) checks clean and
/// builds byte for byte the same on one thread and on four.
#[test]
fn a_generated_corpus_checks_clean_and_builds_the_same_whatever_the_thread_count() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("corpus");
    corpus::generate(200, &root);
    let diagnostics = dossier::check(&root);
    assert!(diagnostics.is_empty(), "{}", diagnostics.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"));
    let build_with = |threads: usize| {
        let out = tmp.path().join(format!("site-{threads}"));
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        let report = pool.install(|| dossier::build(&root, &dossier::BuildOptions { out: Some(out.clone()), ..Default::default() }).unwrap());
        assert_eq!(report.articles, 200);
        assert!(report.mentions > 200 * 10 && report.annotations > 200 * 3, "{} mentions, {} annotations", report.mentions, report.annotations);
        snapshot(&out)
    };
    let one = build_with(1);
    let four = build_with(4);
    assert_eq!(one.keys().collect::<Vec<_>>(), four.keys().collect::<Vec<_>>());
    for (path, bytes) in &one {
        assert!(four[path] == *bytes, "{path} differs between 1 and 4 threads");
    }
    // Every kind of annotation and a cross-reference made it into the pages.
    let html: String = one.iter().filter(|(p, _)| p.starts_with("articles/")).map(|(_, b)| String::from_utf8_lossy(b).into_owned()).collect();
    for class in ["ann-quote", "ann-claim", "ann-note", "ann-ref", "sn-ref", "sn-backref", "class=\"mention\""] {
        assert!(html.contains(class), "no {class} in the generated site");
    }
    a_big_actor_page_lists_every_article_and_links_the_mentions_it_leaves_out(&one);
    // The site feed holds the 20 newest of the 200 articles, newest first.
    let feed = String::from_utf8_lossy(&one["feed.xml"]).into_owned();
    let xml = roxmltree::Document::parse(&feed).unwrap();
    let published: Vec<&str> = xml.descendants().filter(|n| n.has_tag_name("published")).filter_map(|n| n.text()).collect();
    assert_eq!(published.len(), 20);
    assert!(published.windows(2).all(|w| w[0] >= w[1]), "{published:?}");
    let article_dates: BTreeSet<String> = one
        .iter()
        .filter(|(p, _)| p.starts_with("articles/") && !p.ends_with("index.html"))
        .filter_map(|(_, b)| String::from_utf8_lossy(b).split("<time datetime=\"").nth(1).map(|t| t[..10].to_string()))
        .collect();
    assert_eq!(&published[0][..10], article_dates.last().unwrap().as_str(), "the newest article leads the feed");
}

/// An actor named in more than fifty of the generated articles: fifty
/// articles a page (the default `page_size`), newest first, each with up to
/// three sentences; every article that mentions the actor on one of the
/// pages, which link to each other (`rel=prev`/`next`); and the mentions
/// left out counted and linked.
fn a_big_actor_page_lists_every_article_and_links_the_mentions_it_leaves_out(site: &BTreeMap<String, Vec<u8>>) {
    use scraper::Html;
    let parse = |path: &str| Html::parse_document(&String::from_utf8_lossy(&site[path]));
    let articles: BTreeMap<String, Html> =
        site.keys().filter(|p| p.starts_with("articles/") && !p.ends_with("index.html") && p.ends_with(".html")).map(|p| (p.clone(), parse(p))).collect();
    // Per actor page: the articles whose text links to it, and how often.
    let mut mentioned_in: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for (path, doc) in &articles {
        for href in hrefs(doc, "a.mention") {
            let actor = href.trim_start_matches("../").to_string();
            *mentioned_in.entry(actor).or_default().entry(path.clone()).or_default() += 1;
        }
    }
    let (actor, counts) = mentioned_in.iter().max_by_key(|(_, c)| c.len()).unwrap();
    assert!(counts.len() > 50, "the generated corpus should have an actor in more than 50 articles: {}", counts.len());
    let doc = parse(actor);
    let cards = select(&doc, ".appearance");
    assert_eq!(cards.len(), 50, "{actor}");
    let id = actor.trim_start_matches("actors/").trim_end_matches(".html");
    let later: Vec<&String> = site.keys().filter(|p| p.starts_with(&format!("actors/{id}/page/"))).collect();
    let mut listed: BTreeSet<String> = BTreeSet::new();
    // Follow the `rel=next` links from the first page: they reach every page, in order.
    let mut path = actor.clone();
    let mut pages = 0;
    loop {
        let page = parse(&path);
        pages += 1;
        let cards = hrefs(&page, ".appearance h3 a");
        assert!(cards.len() <= 50, "{path}");
        listed.extend(cards.iter().map(|h| resolve(&path, h)));
        let prev = hrefs(&page, "a[rel=prev]");
        match hrefs(&page, "a[rel=next]").first() {
            Some(next) => {
                let next = resolve(&path, next);
                assert_eq!(hrefs(&parse(&next), "a[rel=prev]").iter().map(|h| resolve(&next, h)).collect::<Vec<_>>(), [path.clone()], "{next} links back");
                path = next;
            }
            None => {
                assert_eq!(prev.is_empty(), pages == 1);
                break;
            }
        }
    }
    assert_eq!(pages, later.len() + 1, "{actor}: every page is reached");
    assert_eq!(pages, listed.len().div_ceil(50), "{actor}: fifty articles a page");
    assert!(counts.keys().all(|a| listed.contains(a)), "{actor} leaves out an article that mentions it");
    let mut left_out = 0;
    for card in cards {
        let url = card.select(&scraper::Selector::parse("h3 a").unwrap()).next().unwrap().value().attr("href").unwrap().trim_start_matches("../").to_string();
        // Each mention shown is a link; a sentence naming the actor twice is one line with two.
        let shown = card.select(&scraper::Selector::parse(".mentions li a").unwrap()).count();
        let total = counts.get(&url).copied().unwrap_or(0);
        assert_eq!(shown, total.min(3), "{url} on {actor}");
        let more: Vec<_> = card.select(&scraper::Selector::parse(".more-mentions a").unwrap()).collect();
        if total > 3 {
            left_out += 1;
            let text = more[0].text().collect::<String>();
            assert!(text.starts_with(&format!("{} more mention", total - 3)), "{text}");
            let (page, anchor) = more[0].value().attr("href").unwrap().split_once('#').unwrap();
            assert_eq!(page.trim_start_matches("../"), url);
            assert_eq!(select(&articles[&url], &format!("a.mention[id=\"{anchor}\"]")).len(), 1, "{anchor} in {url}");
        } else {
            assert!(more.is_empty(), "{url}");
        }
    }
    assert!(left_out > 0, "no article of {actor} mentions it more than three times");
}

/// A second build with nothing changed writes nothing and says so; any
/// change to an input, or to the built site, builds again; and a build with
/// warnings is never skipped, so its warnings are shown every time.
#[test]
fn an_unchanged_dossier_is_not_built_again() {
    let tmp = small_dossier(&[("a.md", &article("First", "Trump met Zelensky."))]);
    let root = tmp.path();
    let build = || dossier::build(root, &dossier::BuildOptions::default()).unwrap();
    let first = build();
    assert!(!first.unchanged);
    let site = root.join("public");
    let page = site.join("articles/a.html");
    let written = std::fs::metadata(&page).unwrap().modified().unwrap();
    let before = snapshot(&site);

    let second = build();
    assert!(second.unchanged, "nothing changed, yet it built again");
    assert_eq!((second.articles, second.files), (first.articles, first.files));
    assert_eq!(std::fs::metadata(&page).unwrap().modified().unwrap(), written, "the page was rewritten");
    assert!(snapshot(&site) == before);

    // A file of the site changed by hand is put back.
    std::fs::write(&page, "tampered").unwrap();
    assert!(!build().unchanged);
    assert!(snapshot(&site) == before, "the rebuilt site differs from the first build");
    assert!(build().unchanged);

    // So is a file deleted from the site.
    std::fs::remove_file(site.join("404.html")).unwrap();
    assert!(!build().unchanged);
    assert!(site.join("404.html").is_file());

    // An edit to an article builds again, and shows.
    std::fs::write(root.join("content/articles/a.md"), article("First", "Trump met Zelensky in Paris.")).unwrap();
    assert!(!build().unchanged);
    assert!(read(&page).contains("in Paris"));

    // Options that change the output are part of what was built from.
    let other_base = dossier::BuildOptions { base_url: Some("https://example.org/other/".into()), ..Default::default() };
    assert!(!dossier::build(root, &other_base).unwrap().unchanged);
    assert!(read(&site.join("index.html")).contains("https://example.org/other/"));
    assert!(!build().unchanged);

    // With a warning (an article without a date), every build runs and reports it.
    std::fs::write(root.join("content/articles/b.md"), "+++\ntitle = \"Undated\"\n+++\n\nText.\n").unwrap();
    for _ in 0..2 {
        let report = build();
        assert!(!report.unchanged);
        assert!(report.diagnostics.iter().any(|d| d.to_string().contains("no date")), "{:?}", report.diagnostics);
    }
}

#[test]
fn a_pasted_page_s_headings_nest_under_the_article_title() {
    // A page pasted with its own levels: a "###" section first, a "#" later.
    let body = "Lead paragraph.\n\n### A section\n\nText.\n\n#### A subsection\n\nMore.\n\n# A headline inside\n\nEnd.";
    let pasted = small_dossier(&[("a.md", &article("Pasted", body)), ("b.md", &article("Written", "Lead.\n\n## Part one\n\nText.\n\n### Detail\n\nMore."))]);
    let out = pasted.path().join("site");
    dossier::build(pasted.path(), &dossier::BuildOptions { out: Some(out.clone()), ..Default::default() }).unwrap();
    let levels = |rel: &str| -> Vec<(String, String)> {
        let doc = page(&out, rel);
        select(&doc, "main h1, main h2, main h3, main h4, main h5, main h6")
            .iter()
            .map(|h| (h.value().name().to_string(), h.text().collect::<String>().trim().to_string()))
            .collect()
    };
    let a = levels("articles/a.html");
    // Under the title, no level skipped: the first section an h2, its subsection an h3, the headline an h2.
    for (tag, text) in [("h1", "Pasted"), ("h2", "A section"), ("h3", "A subsection"), ("h2", "A headline inside")] {
        assert!(a.iter().any(|(t, x)| t == tag && x == text), "{tag} {text}: {a:?}");
    }
    // Written as a dossier page should be, it is left as it is.
    let b = levels("articles/b.html");
    for (tag, text) in [("h1", "Written"), ("h2", "Part one"), ("h3", "Detail")] {
        assert!(b.iter().any(|(t, x)| t == tag && x == text), "{tag} {text}: {b:?}");
    }
}

#[test]
fn an_event_named_after_an_article_in_another_language_says_so() {
    // `suggest --write` names a new event after one of its articles; this one is French.
    let fr = "+++\ntitle = \"A meeting\"\noutlet = \"Le Test\"\ndate = 2025-12-28\nlanguage = \"fr\"\nevents = [\"meeting\"]\n+++\n\nLes deux délégations se sont rencontrées dimanche.\n";
    let dir = small_dossier(&[("fr.md", fr)]);
    let out = dir.path().join("site");
    dossier::build(dir.path(), &dossier::BuildOptions { out: Some(out.clone()), ..Default::default() }).unwrap();
    let event = page(&out, "events/meeting.html");
    let h1 = select(&event, "main h1");
    assert_eq!(h1[0].value().attr("lang"), Some("fr"));
    let fr_page = page(&out, "articles/fr.html");
    assert!(select(&fr_page, "a[href$=\"events/meeting.html\"]").iter().any(|a| a.value().attr("lang") == Some("fr")));
    let events = page(&out, "events/index.html");
    assert!(select(&events, "a[href$=\"meeting.html\"]").iter().any(|a| a.value().attr("lang") == Some("fr")));
    // An event titled by the analyst, in the site's language, has none.
    let en = article("A report", "The two delegations met on Sunday.");
    let dir = small_dossier(&[("en.md", &en), ("fr.md", &fr.replace("title = \"A meeting\"", "title = \"Une rencontre\""))]);
    dossier::build(dir.path(), &dossier::BuildOptions { out: Some(out.clone()), ..Default::default() }).unwrap();
    assert_eq!(select(&page(&out, "events/meeting.html"), "main h1")[0].value().attr("lang"), None);
}
