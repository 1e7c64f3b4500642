//! What every site generator has, on real built sites: drafts, tag pages
//! and feeds, long lists cut into pages, page bundles, links between
//! articles' Markdown files, a `static/` folder, a stylesheet that extends
//! the built-in one, the built-in templates written out, the Atom `updated`
//! of a re-annotated article and the warning for `init`'s placeholder address.

use std::path::{Path, PathBuf};

use crate::common::*;

/// Build `root` into a fresh folder beside it.
fn build(root: &Path, drafts: bool) -> Result<(PathBuf, Vec<String>), Vec<String>> {
    let out = root.join("site-out");
    let _ = std::fs::remove_dir_all(&out);
    let options = dossier::BuildOptions { out: Some(out.clone()), drafts, ..Default::default() };
    match dossier::build(root, &options) {
        Ok(report) => Ok((out, report.diagnostics.iter().map(|d| d.to_string()).collect())),
        Err(f) => Err(f.diagnostics.iter().map(|d| d.to_string()).collect()),
    }
}

fn built(root: &Path) -> PathBuf {
    build(root, false).unwrap_or_else(|e| panic!("{e:#?}")).0
}

fn dated(title: &str, date: &str, extra: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\noutlet = \"Test Outlet\"\ndate = {date}\n{extra}\n+++\n\n{body}\n")
}

/// Every path (relative to the site) a page's links lead to, resolved from `page`.
fn links_from(site: &Path, page_path: &str, css: &str) -> Vec<String> {
    let doc = page(site, page_path);
    hrefs(&doc, css).iter().map(|h| resolve(page_path, h)).collect()
}

#[test]
fn a_draft_is_left_out_of_a_build_and_in_the_preview_is_never_announced() {
    let tmp = small_dossier(&[
        ("published.md", &dated("Published report", "2025-12-28", "tags = [\"talks\"]", "Trump met Zelensky.")),
        ("unfinished.md", &dated("Unfinished zanzibar draft", "2025-12-29", "draft = true\ntags = [\"talks\"]", "Trump spoke of zanzibar.")),
    ]);
    let site = built(tmp.path());
    assert!(site.join("articles/published.html").exists());
    assert!(!site.join("articles/unfinished.html").exists(), "build leaves drafts out");
    assert!(!read(&site.join("articles/index.html")).contains("zanzibar"));
    assert!(!read(&site.join("actors/donald-trump.html")).contains("unfinished"));
    assert!(!read(&site.join("tags/talks.html")).contains("unfinished"));

    // With --drafts the page is there, marked, and kept from crawlers; feeds, sitemap and search never list it.
    let (site, _) = build(tmp.path(), true).unwrap();
    let draft = page(&site, "articles/unfinished.html");
    assert_eq!(select(&draft, "meta[name=robots][content=noindex]").len(), 1);
    assert!(texts(&draft, ".draft-note")[0].starts_with("Draft"));
    assert!(texts(&page(&site, "articles/index.html"), ".card .draft-label") == ["Draft"]);
    for file in ["feed.xml", "sitemap.xml", "actors/donald-trump.xml", "tags/talks.xml", "search.html"] {
        let text = read(&site.join(file));
        assert!(text.contains("published"), "{file} lists the published article");
        assert!(!text.contains("unfinished") && !text.contains("zanzibar"), "{file} lists the draft");
    }
    let search: String = std::fs::read_dir(site.join("search")).unwrap().map(|e| read(&e.unwrap().path())).collect();
    assert!(search.contains("met") && !search.contains("zanzibar") && !search.contains("unfinished"), "the search index holds no draft");
}

#[test]
fn check_reads_drafts_and_a_reference_to_a_left_out_draft_says_so() {
    let tmp = small_dossier(&[
        ("published.md", &dated("Published", "2025-12-28", "", "See [the plan]{.ref to=unfinished}.")),
        ("unfinished.md", &dated("Unfinished", "2025-12-29", "draft = true", "[Said]{.quote by=donald-trumpp}")),
    ]);
    let messages = check_messages(tmp.path());
    assert!(messages.iter().any(|m| m.contains("unfinished.md:8:") && m.contains("unknown actor `donald-trumpp`")), "{messages:#?}");
    let errors = build(tmp.path(), false).unwrap_err();
    assert!(errors.iter().any(|m| m.contains("published.md:8:") && m.contains("`unfinished` is a draft, left out of this build")), "{errors:#?}");
    assert!(!errors.iter().any(|m| m.contains("donald-trumpp")), "a left-out draft's own errors do not stop a build: {errors:#?}");
}

#[test]
fn tags_have_pages_and_feeds_and_articles_link_to_them() {
    let tmp = small_dossier(&[
        ("a.md", &dated("First", "2025-12-27", "tags = [\"Peace plan\", \"Europe\"]", "Trump met Zelensky.")),
        ("b.md", &dated("Second", "2025-12-28", "tags = [\"peace-plan\"]", "Zelensky spoke.")),
    ]);
    let site = built(tmp.path());
    // One tag under both spellings, named as the first article writes it, newest first.
    let tag = page(&site, "tags/peace-plan.html");
    assert_eq!(texts(&tag, "h1"), ["Peace plan"]);
    assert_eq!(links_from(&site, "tags/peace-plan.html", ".card-title a"), ["articles/b.html", "articles/a.html"]);
    assert_eq!(links_from(&site, "articles/a.html", "a.tag"), ["tags/peace-plan.html", "tags/europe.html"]);
    assert_eq!(links_from(&site, "tags/index.html", ".tag-list a"), ["tags/peace-plan.html", "tags/europe.html"], "most used first");
    assert_eq!(links_from(&site, "articles/index.html", ".lede a"), ["tags/index.html"]);
    // The tag's feed, announced on its page; the sitemap lists both pages.
    let feed = read(&site.join("tags/peace-plan.xml"));
    let xml = roxmltree::Document::parse(&feed).unwrap();
    let entries: Vec<_> = xml.descendants().filter(|n| n.has_tag_name("entry")).collect();
    assert_eq!(entries.len(), 2);
    assert!(hrefs(&tag, "link[type='application/atom+xml']").iter().any(|h| h.ends_with("tags/peace-plan.xml")));
    let sitemap = read(&site.join("sitemap.xml"));
    assert!(sitemap.contains("https://example.org/test/tags/peace-plan.html") && sitemap.contains("https://example.org/test/tags/"));
}

#[test]
fn a_tag_that_gives_no_page_name_or_a_reserved_one_is_an_error() {
    let tmp = small_dossier(&[("a.md", &dated("First", "2025-12-27", "tags = [\"ok\", \"!!!\", \"Index\"]", "Text."))]);
    let messages = check_messages(tmp.path());
    assert!(messages.iter().any(|m| m.contains("a.md:5:") && m.contains("the tag `!!!` has no letter or digit")), "{messages:#?}");
    assert!(
        messages.iter().any(|m| m.contains("a.md:5:") && m.contains("the tag `Index` is reserved: its page would replace tags/index.html")),
        "{messages:#?}"
    );
}

#[test]
fn long_lists_are_cut_into_linked_pages_of_page_size_articles() {
    let articles: Vec<(String, String)> =
        (1..=5).map(|i| (format!("a{i}.md"), dated(&format!("Report {i}"), &format!("2025-12-{:02}", 10 + i), "tags = [\"talks\"]", "Trump spoke."))).collect();
    let tmp = small_dossier(&articles.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect::<Vec<_>>());
    std::fs::write(tmp.path().join("dossier.toml"), "title = \"Test\"\nbase_url = \"https://example.org/test/\"\npage_size = 2\n").unwrap();
    let site = built(tmp.path());
    for (first, later, expected) in [
        ("articles/index.html", "articles/page", [vec!["a5", "a4"], vec!["a3", "a2"], vec!["a1"]]),
        ("actors/donald-trump.html", "actors/donald-trump/page", [vec!["a5", "a4"], vec!["a3", "a2"], vec!["a1"]]),
        ("tags/talks.html", "tags/talks/page", [vec!["a5", "a4"], vec!["a3", "a2"], vec!["a1"]]),
    ] {
        let pages = [first.to_string(), format!("{later}/2.html"), format!("{later}/3.html")];
        for (n, (path, wanted)) in pages.iter().zip(&expected).enumerate() {
            let cards = links_from(&site, path, ".card-title a, .appearance h3 a");
            let wanted: Vec<String> = wanted.iter().map(|s| format!("articles/{s}.html")).collect();
            assert_eq!(cards, wanted, "{path}");
            let next = links_from(&site, path, "a[rel=next]");
            let prev = links_from(&site, path, "a[rel=prev]");
            assert_eq!(next, pages.get(n + 1).into_iter().cloned().collect::<Vec<_>>(), "{path}");
            assert_eq!(prev, n.checked_sub(1).map(|p| pages[p].clone()).into_iter().collect::<Vec<_>>(), "{path}");
            // Every link on a page one folder down still works.
            for href in links_from(&site, path, "link[rel=stylesheet], a[href$='.html']") {
                assert!(site.join(&href).exists(), "{path} links to {href}, which is not there");
            }
        }
        assert!(!site.join(format!("{later}/4.html")).exists());
        assert!(read(&site.join("sitemap.xml")).contains(&format!("https://example.org/test/{later}/3.html")));
    }
    // The first page of an actor keeps what they said; later pages list articles only.
    assert_eq!(texts(&page(&site, "actors/donald-trump/page/2.html"), "h1"), ["Donald Trump"]);
}

#[test]
fn page_size_must_be_a_positive_number() {
    let tmp = small_dossier(&[("a.md", &dated("First", "2025-12-27", "", "Text."))]);
    std::fs::write(tmp.path().join("dossier.toml"), "title = \"T\"\npage_size = 0\n").unwrap();
    let messages = check_messages(tmp.path());
    assert!(messages.iter().any(|m| m.contains("dossier.toml:2:") && m.contains("page_size must be at least 1")), "{messages:#?}");
}

/// A PNG of one pixel.
const PIXEL: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xff\xff?\0\x05\xfe\x02\xfe\xa7\x35\x81\x84\0\0\0\0IEND\xaeB`\x82";

#[test]
fn a_page_bundle_publishes_its_files_beside_its_page() {
    let tmp = small_dossier(&[
        (
            "summit/index.md",
            &dated(
                "The summit",
                "2025-12-28",
                "",
                "![The room](photo.png \"At the table\")\n\nThe [full statement](docs/statement%20text.txt) and [the other report](../other.md#c1).",
            ),
        ),
        ("other.md", &dated("Other", "2025-12-27", "", "[A claim]{.claim #c1 sourcing=named} and [back](summit/index.md).")),
    ]);
    let folder = tmp.path().join("content/articles/summit");
    std::fs::write(folder.join("photo.png"), PIXEL).unwrap();
    std::fs::create_dir_all(folder.join("docs")).unwrap();
    std::fs::write(folder.join("docs/statement text.txt"), "The statement.").unwrap();
    std::fs::write(folder.join(".notes.txt"), "private").unwrap();
    assert!(check_messages(tmp.path()).is_empty(), "{:#?}", check_messages(tmp.path()));
    let site = built(tmp.path());
    let doc = page(&site, "articles/summit.html");
    let img = select(&doc, ".article-body img");
    assert_eq!(img[0].value().attr("src"), Some("summit/photo.png"));
    assert_eq!(std::fs::read(site.join("articles/summit/photo.png")).unwrap(), PIXEL);
    assert_eq!(hrefs(&doc, ".article-body a:not(.mention)"), ["summit/docs/statement%20text.txt", "other.html#c1"]);
    assert_eq!(read(&site.join("articles/summit/docs/statement text.txt")), "The statement.");
    assert!(!site.join("articles/summit/.notes.txt").exists() && !site.join("articles/summit/index.md").exists());
    assert_eq!(hrefs(&page(&site, "articles/other.html"), ".article-body a:not(.mention)"), ["summit.html"]);
}

#[test]
fn a_missing_image_and_a_dead_article_link_are_errors_with_file_and_line() {
    let tmp = small_dossier(&[
        ("summit/index.md", &dated("The summit", "2025-12-28", "", "Text.\n\n![The room](Photo.png)")),
        ("flat.md", &dated("Flat", "2025-12-27", "", "![A chart](chart.png)\n\nSee [this](../../README.md).")),
        // Its text is sound, so it reaches the link stage, which finds the article missing.
        ("links.md", &dated("Links", "2025-12-26", "", "See [the meeting](meting.md).")),
        ("meeting.md", &dated("Meeting", "2025-12-25", "", "Text.")),
    ]);
    std::fs::write(tmp.path().join("content/articles/summit/photo.png"), PIXEL).unwrap();
    std::fs::write(tmp.path().join("content/articles/chart.png"), PIXEL).unwrap();
    let messages = check_messages(tmp.path());
    let has = |needle: &str| assert!(messages.iter().any(|m| m.contains(needle)), "{needle}\nin {messages:#?}");
    has("content/articles/summit/index.md:10:1: error: image `Photo.png` is not in this article's folder, content/articles/summit/");
    has("did you mean `photo.png`?");
    has("content/articles/flat.md:8:1: error: image `chart.png` is not published: only the files of a page bundle are");
    has("move content/articles/flat.md to content/articles/flat/index.md");
    has("content/articles/flat.md:10:5: error: `../../README.md` is not an article: it leads out of content/articles/");
    has("content/articles/links.md:8:5: error: link to a missing article `meting`");
    has("did you mean `meeting`?");
    assert!(build(tmp.path(), false).is_err(), "a build with a broken image writes nothing");
}

#[test]
fn static_files_are_copied_as_they_are_and_may_not_replace_a_page() {
    let tmp = small_dossier(&[("a.md", &dated("First", "2025-12-27", "", "Text."))]);
    for (path, text) in [("static/robots.txt", "User-agent: *\n"), ("static/CNAME", "dossier.example.org\n"), ("static/img/favicon.ico", "ico")] {
        let p = tmp.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let site = built(tmp.path());
    assert_eq!(read(&site.join("robots.txt")), "User-agent: *\n");
    assert_eq!(read(&site.join("CNAME")), "dossier.example.org\n");
    assert_eq!(read(&site.join("img/favicon.ico")), "ico");
    // A second build with nothing changed is up to date; a changed static file is built again.
    let options = dossier::BuildOptions { out: Some(site.clone()), ..Default::default() };
    assert!(dossier::build(tmp.path(), &options).unwrap().unchanged);
    std::fs::write(tmp.path().join("static/robots.txt"), "User-agent: *\nDisallow: /\n").unwrap();
    assert!(!dossier::build(tmp.path(), &options).unwrap().unchanged);
    assert!(read(&site.join("robots.txt")).contains("Disallow"));

    for (path, what) in [("static/index.html", "which is the home page"), ("static/feed.xml", "which is a feed"), ("static/search/x.json", "search index")] {
        let tmp = small_dossier(&[("a.md", &dated("First", "2025-12-27", "", "Text."))]);
        let p = tmp.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, "mine").unwrap();
        let messages = check_messages(tmp.path());
        assert!(messages.iter().any(|m| m.starts_with(&format!("{path}: error: would be published as")) && m.contains(what)), "{path}: {messages:#?}");
    }
}

#[test]
fn theme_custom_css_is_linked_after_the_built_in_stylesheet() {
    let tmp = small_dossier(&[("a.md", &dated("First", "2025-12-27", "", "Text."))]);
    std::fs::create_dir_all(tmp.path().join("theme")).unwrap();
    std::fs::write(tmp.path().join("theme/custom.css"), ".site-title { color: rebeccapurple; }\n").unwrap();
    let site = built(tmp.path());
    for path in ["index.html", "articles/a.html", "404.html", "tags/index.html"] {
        let sheets = hrefs(&page(&site, path), "link[rel=stylesheet]");
        assert_eq!(sheets.len(), 2, "{path}: {sheets:?}");
        assert!(sheets[0].contains("assets/style.css?v=") && sheets[1].contains("assets/custom.css?v="), "{path}: {sheets:?}");
    }
    // The built-in stylesheet is still the whole built-in one.
    let builtin = dossier::render::DEFAULT_THEME.iter().find(|(p, _)| *p == "style.css").unwrap().1;
    assert_eq!(std::fs::read(site.join("assets/style.css")).unwrap(), builtin);
    // Without it, one stylesheet.
    let plain = small_dossier(&[("a.md", &dated("First", "2025-12-27", "", "Text."))]);
    assert_eq!(hrefs(&page(&built(plain.path()), "index.html"), "link[rel=stylesheet]").len(), 1);
}

#[test]
fn init_templates_writes_the_built_in_templates_which_build_the_same_site() {
    let tmp = small_dossier(&[("a.md", &dated("First", "2025-12-27", "tags = [\"talks\"]", "Text about [Trump]{.quote by=donald-trump}."))]);
    let before = snapshot(&built(tmp.path()));
    // A template the dossier has already is kept as it is.
    std::fs::create_dir_all(tmp.path().join("templates")).unwrap();
    let mine = dossier::render::DEFAULT_TEMPLATES.iter().find(|(n, _)| *n == "404.html").unwrap().1.replace("<h1>", "<h1 class=\"mine\">");
    std::fs::write(tmp.path().join("templates/404.html"), &mine).unwrap();
    let report = dossier::init::add_templates(tmp.path()).unwrap();
    assert_eq!(report.skipped, [PathBuf::from("templates/404.html")]);
    assert_eq!(report.written.len(), dossier::render::DEFAULT_TEMPLATES.len() - 1);
    for (name, source) in dossier::render::DEFAULT_TEMPLATES {
        let written = read(&tmp.path().join("templates").join(name));
        assert_eq!(written, if *name == "404.html" { mine.as_str() } else { *source }, "{name}");
    }
    // Built with its own copies, the site is the same, but for the page it changed.
    let after = snapshot(&built(tmp.path()));
    let pages = |s: &std::collections::BTreeMap<String, Vec<u8>>| -> Vec<String> { s.keys().filter(|k| k.ends_with(".html")).cloned().collect() };
    assert_eq!(pages(&before), pages(&after));
    for path in pages(&before) {
        assert_eq!(before[&path] == after[&path], path != "404.html", "{path}");
    }
    // A second run writes nothing; a folder that is not there is an error.
    assert!(dossier::init::add_templates(tmp.path()).unwrap().written.is_empty());
    assert!(dossier::init::add_templates(&tmp.path().join("missing")).is_err());
}

#[test]
fn docs_templates_md_documents_every_built_in_template() {
    let docs = read(&repo().join("docs/templates.md"));
    for (name, _) in dossier::render::DEFAULT_TEMPLATES {
        assert!(docs.contains(&format!("| `{name}` |")), "docs/templates.md has no row for {name}");
    }
}

#[test]
fn a_re_annotated_article_gets_a_new_atom_updated_and_keeps_its_published() {
    let text = |extra: &str| dated("First", "2025-12-27", extra, "Text.");
    let tmp = small_dossier(&[("a.md", &text("")), ("b.md", &dated("Second", "2025-12-20", "", "Text."))]);
    let feed = read(&built(tmp.path()).join("feed.xml"));
    assert_eq!(feed.matches("<updated>2025-12-27T00:00:00+00:00</updated>").count(), 2, "the feed's and the entry's: {feed}");
    std::fs::write(tmp.path().join("content/articles/a.md"), text("updated = 2026-01-05")).unwrap();
    let feed = read(&built(tmp.path()).join("feed.xml"));
    assert_eq!(feed.matches("<updated>2026-01-05T00:00:00+00:00</updated>").count(), 2, "the feed's and the entry's: {feed}");
    assert!(feed.contains("<published>2025-12-27T00:00:00+00:00</published>"), "{feed}");
    assert!(feed.contains("<updated>2025-12-20T00:00:00+00:00</updated>"), "the other entry is as it was: {feed}");
    // A day before the publication date is a mistake.
    std::fs::write(tmp.path().join("content/articles/a.md"), text("updated = 2025-12-01")).unwrap();
    let messages = check_messages(tmp.path());
    assert!(messages.iter().any(|m| m.starts_with("content/articles/a.md:5:11: error: updated (2025-12-01) is before the publication date")), "{messages:#?}");
}

#[test]
fn a_build_with_init_s_placeholder_base_url_warns_unless_given_one() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("talks");
    dossier::init::init(&root).unwrap();
    let warnings = build(&root, false).unwrap().1;
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("dossier.toml:7:12: warning: base_url is still the placeholder `dossier init` wrote") && w.contains("--base-url")),
        "{warnings:#?}"
    );
    let options = dossier::BuildOptions { out: Some(root.join("site-out")), base_url: Some("https://me.github.io/talks/".into()), ..Default::default() };
    let report = dossier::build(&root, &options).unwrap();
    assert!(
        !report.diagnostics.iter().any(|d| d.message.contains("placeholder")),
        "{:?}",
        report.diagnostics.iter().map(|d| d.to_string()).collect::<Vec<_>>()
    );
    // `check` says nothing of it: the GitHub workflow checks before it builds with --base-url.
    assert!(!check_messages(&root).iter().any(|m| m.contains("placeholder")));
}

/// The dossier a command works on is named one way for every command.
#[test]
fn every_command_names_its_dossier_with_dossier_dir() {
    let bin = || std::process::Command::new(env!("CARGO_BIN_EXE_dossier"));
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("talks");
    assert!(bin().arg("init").arg(&root).status().unwrap().success());
    let seed = repo().join("seeds/004_a48fdd5eaebd3c3c.txt");
    let out = tmp.path().join("site");
    for args in [
        vec!["import".into(), "--dossier".into(), root.clone().into_os_string(), seed.into_os_string()],
        vec!["check".into(), "--dossier".into(), root.clone().into_os_string()],
        vec!["suggest".into(), "--dossier".into(), root.clone().into_os_string()],
        vec!["actors".into(), "candidates".into(), "--dossier".into(), root.clone().into_os_string()],
        vec!["build".into(), "--dossier".into(), root.clone().into_os_string(), "--out".into(), out.clone().into_os_string()],
        // The spellings of before still work: the folder as an argument, --into and --root.
        vec!["check".into(), root.clone().into_os_string()],
        vec!["actors".into(), "candidates".into(), "--root".into(), root.clone().into_os_string()],
    ] {
        let run = bin().args(&args).current_dir(tmp.path()).output().unwrap();
        assert!(run.status.success(), "{args:?}: {}", String::from_utf8_lossy(&run.stderr));
    }
    assert_eq!(std::fs::read_dir(root.join("content/articles")).unwrap().count(), 2, "welcome.md and the imported article");
    assert!(out.join("index.html").is_file());
    let help = String::from_utf8(bin().args(["build", "--help"]).output().unwrap().stdout).unwrap();
    assert!(help.contains("--dossier <DIR>") && !help.contains("--root") && !help.contains("[ROOT]"), "{help}");
    // Two different dossiers is a mistake, not a choice.
    let both = bin().arg("check").arg(&root).arg("--dossier").arg(tmp.path()).output().unwrap();
    assert_eq!(both.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&both.stderr).contains("two dossiers given"));
}
