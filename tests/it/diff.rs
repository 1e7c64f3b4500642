//! `dossier diff` on real git repositories made in temporary folders: commits
//! that add, edit, rename and remove articles and annotations and change the
//! registries, read back through all three output formats.

use std::path::Path;
use std::process::Command;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use scraper::{Html, Selector};
use serde_json::Value;

/// A git repository in a temporary folder.
pub(crate) struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    pub(crate) fn new() -> Repo {
        let repo = Repo { dir: tempfile::tempdir().expect("temp dir") };
        repo.git(&["init", "-q", "-b", "main"]);
        repo.git(&["config", "user.name", "Test Reviewer"]);
        repo.git(&["config", "user.email", "reviewer@example.org"]);
        repo.git(&["config", "commit.gpgsign", "false"]);
        repo
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn git(&self, args: &[&str]) -> String {
        let out = Command::new("git").args(args).current_dir(self.path()).output().expect("git runs");
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    pub(crate) fn write(&self, path: &str, content: impl AsRef<[u8]>) {
        let p = self.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
    }

    fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.path().join(path)).unwrap()
    }

    fn edit(&self, path: &str, from: &str, to: &str) {
        let text = self.read(path);
        assert!(text.contains(from), "{path} does not contain {from:?}");
        self.write(path, text.replacen(from, to, 1));
    }

    pub(crate) fn commit(&self, message: &str) -> String {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
        self.git(&["rev-parse", "HEAD"])
    }

    /// `dossier diff` through the command line; returns stdout.
    fn cli(&self, args: &[&str]) -> (bool, String, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_dossier")).args(args).current_dir(self.path()).output().expect("dossier runs");
        (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
    }

    pub(crate) fn json(&self, base: &str, head: Option<&str>) -> Value {
        let mut args = vec!["diff", base];
        args.extend(head);
        args.extend(["--format", "json"]);
        let (ok, out, err) = self.cli(&args);
        assert!(ok, "dossier diff failed: {err}");
        serde_json::from_str(&out).expect("valid JSON")
    }
}

/// The shared test registry plus two people whose names differ by one
/// transliteration, so the diff can show a merge of actors.
const MORE_ACTORS: &str = r#"
[[actor]]
id = "steve-witkoff"
name = "Steve Witkoff"
kind = "person"
aliases = ["Witkoff"]

[[actor]]
id = "steve-vitkov"
name = "Steve Vitkov"
kind = "person"
aliases = ["Vitkov"]
"#;

fn actors() -> String {
    format!("{}{MORE_ACTORS}", crate::common::ACTORS)
}

const EVENTS: &str = r#"
[[event]]
id = "mar-a-lago-2025-12-28"
title = "Trump hosts Zelensky at Mar-a-Lago"
date = 2025-12-28

[[event]]
id = "miami-talks-2025-12-04"
title = "Talks in Miami"
date = 2025-12-04
"#;

const FOX: &str = r#"+++
title = "Trump welcomes Zelenskyy at Mar-a-Lago"
outlet = "Fox News"
date = 2025-12-28
events = ["mar-a-lago-2025-12-28"]
source = "seeds/fox.txt"
+++

PALM BEACH, Florida — President Donald Trump welcomed Ukrainian President Zelenskyy on Sunday.

Trump said: “[The conversation went very well]{.quote #went-well by=donald-trump},” after the lunch.

Officials said [the plan is 90% agreed]{.claim #plan-90 sourcing=named note="Said by two officials."}.

{==Vitkov==}{>>A misspelling of Witkoff.<<} attended as well.
"#;

const REUTERS: &str = r#"+++
title = "Zelensky meets Trump in Florida"
outlet = "Reuters"
date = 2025-12-29
events = ["mar-a-lago-2025-12-28"]
+++

Ukrainian President Volodymyr Zelensky met Donald Trump in Florida on Sunday to discuss a peace plan.
The two leaders spoke for more than two hours, according to officials from both sides.
"#;

const AXIOS: &str = r#"+++
title = "Witkoff and Kushner call Zelensky"
outlet = "Axios"
date = 2025-12-06
events = ["miami-talks-2025-12-04"]
+++

Steve Witkoff and Jared Kushner spoke with Zelensky by phone for two hours after the talks in Miami ended on Saturday.
"#;

/// Base commit: three articles, four actors, two events.
fn base_repo() -> (Repo, String) {
    let repo = Repo::new();
    repo.write("dossier.toml", "title = \"Test dossier\"\n");
    repo.write("content/actors.toml", actors());
    repo.write("content/events.toml", EVENTS);
    repo.write("content/articles/fox-2025-12-28.md", FOX);
    repo.write("content/articles/reuters-2025-12-29.md", REUTERS);
    repo.write("content/articles/axios-2025-12-06.md", AXIOS);
    let base = repo.commit("base");
    (repo, base)
}

/// The head commit: one article edited (text and annotations), one renamed
/// with git (and slightly edited), one added, one removed; an alias added;
/// an event membership and an event title changed.
fn head_commit(repo: &Repo) -> String {
    let fox = "content/articles/fox-2025-12-28.md";
    repo.edit(fox, "President Donald Trump welcomed", "President Donald Trump hosted");
    repo.edit(fox, "sourcing=named note=\"Said by two officials.\"", "sourcing=anonymous note=\"Said by two officials.\"");
    repo.edit(fox, "Trump said: “[The conversation went very well]{.quote #went-well by=donald-trump},”", "Trump said: “The conversation went very well,”");
    repo.edit(fox, "on Sunday.", "on Sunday. [Zelenskyy called it productive]{.note note=\"Only Fox reports this.\"}.");
    repo.git(&["mv", "content/articles/reuters-2025-12-29.md", "content/articles/reuters-2025-12-29-florida.md"]);
    repo.edit("content/articles/reuters-2025-12-29-florida.md", "to discuss a peace plan", "to discuss a 20-point peace plan");
    repo.git(&["rm", "-q", "content/articles/axios-2025-12-06.md"]);
    repo.write(
        "content/articles/ap-2025-12-30.md",
        "+++\ntitle = \"Trump and Zelensky talk again\"\noutlet = \"AP\"\ndate = 2025-12-30\nevents = [\"miami-talks-2025-12-04\"]\n+++\n\n[Trump spoke with Zelensky again]{.claim #again sourcing=unsourced}.\n",
    );
    repo.edit("content/actors.toml", "aliases = [\"Trump\"]", "aliases = [\"Trump\", \"President Trump\", \"Donald J. Trump\"]");
    repo.edit("content/events.toml", "title = \"Talks in Miami\"", "title = \"US–Ukraine talks in Miami\"");
    repo.commit("head")
}

fn find<'a>(list: &'a Value, key: &str, value: &str) -> &'a Value {
    list.as_array().unwrap().iter().find(|x| x[key] == value).unwrap_or_else(|| panic!("no {key} = {value} in {list:#}"))
}

#[test]
fn articles_added_removed_renamed_and_edited_with_word_diffs() {
    let (repo, base) = base_repo();
    let head = head_commit(&repo);
    let d = repo.json(&base, Some(&head));
    let s = &d["summary"];
    assert_eq!((s["articles_added"].as_u64(), s["articles_removed"].as_u64()), (Some(1), Some(1)), "{s:#}");
    assert_eq!((s["articles_renamed"].as_u64(), s["articles_edited"].as_u64()), (Some(1), Some(1)), "{s:#}");
    assert_eq!(d["base"]["commit"], base.as_str());
    assert_eq!(d["head"]["commit"], head.as_str());

    let articles = &d["articles"];
    assert_eq!(find(articles, "slug", "ap-2025-12-30")["status"], "added");
    assert_eq!(find(articles, "slug", "axios-2025-12-06")["status"], "removed");
    let renamed = find(articles, "slug", "reuters-2025-12-29-florida");
    assert_eq!(renamed["status"], "renamed");
    assert_eq!(renamed["old_slug"], "reuters-2025-12-29");
    assert_eq!(renamed["old_path"], "content/articles/reuters-2025-12-29.md");
    assert_eq!(renamed["rename"]["by"], "git");
    assert_eq!(renamed["text"]["words_added"], 1, "{renamed:#}");
    let inserted: Vec<&str> =
        renamed["text"]["hunks"][0]["segments"].as_array().unwrap().iter().filter(|s| s["op"] == "insert").map(|s| s["text"].as_str().unwrap()).collect();
    assert_eq!(inserted, ["20-point "]);

    let fox = find(articles, "slug", "fox-2025-12-28");
    assert_eq!(fox["status"], "edited");
    let hunk = &fox["text"]["hunks"][0];
    assert_eq!(hunk["line"], 9, "the first change is on line 9 of the file");
    let segments = hunk["segments"].as_array().unwrap();
    let op_of = |text: &str| segments.iter().find(|s| s["text"] == text).map(|s| s["op"].as_str().unwrap().to_string());
    assert_eq!(op_of("welcomed").as_deref(), Some("delete"), "{hunk:#}");
    assert_eq!(op_of("hosted").as_deref(), Some("insert"), "{hunk:#}");
    assert!(fox["source"].as_str().unwrap().contains("-PALM BEACH, Florida — President Donald Trump welcomed"));
    // The added article is not listed in the removed article's place, and the
    // event membership follows the articles.
    assert_eq!(find(articles, "slug", "ap-2025-12-30")["events_added"], serde_json::json!(["miami-talks-2025-12-04"]));
}

#[test]
fn annotations_are_added_removed_and_changed_by_stable_id() {
    let (repo, base) = base_repo();
    let head = head_commit(&repo);
    let d = repo.json(&base, Some(&head));
    let fox = find(&d["articles"], "slug", "fox-2025-12-28");
    let anns = &fox["annotations"];
    // #plan-90 keeps its id: its sourcing changed, it was not removed and re-added.
    let plan = find(anns, "id", "plan-90");
    assert_eq!(plan["status"], "changed");
    assert_eq!(plan["fields"], serde_json::json!([{"field": "sourcing", "before": "named", "after": "anonymous"}]));
    let went = find(anns, "id", "went-well");
    assert_eq!(went["status"], "removed");
    assert_eq!(went["kind"], "quote");
    assert_eq!(went["by"], "donald-trump");
    let added: Vec<&Value> = anns.as_array().unwrap().iter().filter(|a| a["status"] == "added").collect();
    assert_eq!(added.len(), 1, "{anns:#}");
    assert_eq!(added[0]["kind"], "note");
    assert_eq!(added[0]["passage"], "Zelenskyy called it productive");
    assert_eq!(added[0]["note"], "Only Fox reports this.");
    // The CriticMarkup comment got a new generated id (a3 -> a4) but is unchanged: not reported.
    assert!(anns.as_array().unwrap().iter().all(|a| a["passage"] != "Vitkov"), "{anns:#}");
    let s = &d["summary"];
    // ap's claim is added; axios had none; fox: +1 ~1 -1.
    assert_eq!((s["annotations_added"].as_u64(), s["annotations_changed"].as_u64(), s["annotations_removed"].as_u64()), (Some(2), Some(1), Some(1)));
}

#[test]
fn registry_changes_report_mentions_pages_and_events() {
    let (repo, base) = base_repo();
    let head = head_commit(&repo);
    let d = repo.json(&base, Some(&head));

    let trump = find(&d["actors"], "id", "donald-trump");
    assert_eq!(trump["status"], "changed");
    assert_eq!(trump["aliases_added"], serde_json::json!(["President Trump", "Donald J. Trump"]));
    let pages: Vec<&str> = trump["pages"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    assert!(pages.contains(&"actors/donald-trump.html"), "{pages:?}");

    // Mentions: axios's Zelensky is gone, ap's are new; the renamed article's
    // unchanged mentions are not a change.
    let zelensky = find(&d["mentions"], "actor", "volodymyr-zelensky");
    assert_eq!(
        zelensky["articles"],
        serde_json::json!([
            {"key": "ap-2025-12-30", "before": 0, "after": 1},
            {"key": "axios-2025-12-06", "before": 1, "after": 0},
            {"key": "fox-2025-12-28", "before": 1, "after": 2},
        ])
    );
    assert_eq!((zelensky["before"].as_u64(), zelensky["after"].as_u64()), (Some(3), Some(4)));
    assert!(d["mentions"].as_array().unwrap().iter().all(|m| m["articles"].as_array().unwrap().iter().all(|c| c["key"] != "reuters-2025-12-29-florida")));

    let miami = find(&d["events"], "id", "miami-talks-2025-12-04");
    assert_eq!(miami["status"], "changed");
    assert_eq!(miami["articles_added"], serde_json::json!(["ap-2025-12-30"]));
    assert_eq!(miami["articles_removed"], serde_json::json!(["axios-2025-12-06"]));
    assert_eq!(miami["fields"][0]["field"], "title");
    // The renamed article still covers Mar-a-Lago: no membership change there.
    assert!(d["events"].as_array().unwrap().iter().all(|e| e["id"] != "mar-a-lago-2025-12-28"), "{:#}", d["events"]);
}

#[test]
fn merged_actors_and_new_aliases_name_the_pages_they_affect() {
    let (repo, base) = base_repo();
    // Merge the misspelt actor into the right one.
    let actors = actors().replace("aliases = [\"Witkoff\"]", "aliases = [\"Witkoff\", \"Vitkov\", \"Steve Vitkov\"]");
    let cut = actors.find("[[actor]]\nid = \"steve-vitkov\"").unwrap();
    repo.write("content/actors.toml", &actors[..cut]);
    let head = repo.commit("merge Vitkov into Witkoff");
    let d = repo.json(&base, Some(&head));
    let gone = find(&d["actors"], "id", "steve-vitkov");
    assert_eq!(gone["status"], "removed");
    // Merged by hand: no `[[merged]]` record, so no redirect, and not called a merge.
    assert_eq!(gone["merged_into"], Value::Null);
    assert_eq!(gone["spellings_moved_to"], "steve-witkoff");
    let address = find(&d["addresses"], "path", "actors/steve-vitkov.html");
    assert_eq!(address["redirected"], false);
    assert_eq!(address["now"], "actors/steve-witkoff.html");
    assert!(address["fix"].as_str().unwrap().contains("[[merged]] id = \"steve-vitkov\" into = \"steve-witkoff\""), "{address:#}");
    let witkoff = find(&d["actors"], "id", "steve-witkoff");
    assert_eq!(witkoff["aliases_added"], serde_json::json!(["Vitkov", "Steve Vitkov"]));
    assert_eq!(witkoff["pages"], serde_json::json!(["actors/steve-witkoff.html", "articles/fox-2025-12-28.html"]));
    let m = find(&d["mentions"], "actor", "steve-witkoff");
    assert_eq!(m["articles"], serde_json::json!([{"key": "fox-2025-12-28", "before": 0, "after": 1}]));
    // No article file changed.
    assert_eq!(d["articles"], serde_json::json!([]));
}

#[test]
fn the_working_tree_is_the_default_head_and_untracked_renames_are_found() {
    let (repo, _) = base_repo();
    // A rename git cannot see (the new file is untracked): same `source`, similar text.
    std::fs::rename(repo.path().join("content/articles/fox-2025-12-28.md"), repo.path().join("content/articles/fox-mar-a-lago.md")).unwrap();
    repo.edit("content/articles/fox-mar-a-lago.md", "on Sunday", "on Sunday afternoon");
    let d = repo.json("HEAD", None);
    assert_eq!(d["head"]["name"], "working tree");
    assert_eq!(d["head"]["commit"], Value::Null);
    let renamed = find(&d["articles"], "slug", "fox-mar-a-lago");
    assert_eq!(renamed["status"], "renamed");
    assert_eq!(renamed["rename"]["by"], "source");
    assert_eq!(d["articles"].as_array().unwrap().len(), 1);

    // The same without provenance: found by shared words.
    repo.edit("content/articles/fox-mar-a-lago.md", "source = \"seeds/fox.txt\"\n", "");
    let d = repo.json("HEAD", None);
    assert_eq!(find(&d["articles"], "slug", "fox-mar-a-lago")["rename"]["by"], "similar text");
}

#[test]
fn binary_and_unreadable_files_are_reported_not_fatal() {
    let (repo, base) = base_repo();
    repo.write("content/articles/scan.md", b"+++\ntitle = \"x\"\n+++\n\x00\xff\xfe binary \x00");
    repo.write("content/images/photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    repo.write("content/articles/huge.md", vec![b'a'; (dossier::limits::MAX_FILE_BYTES + 1) as usize]);
    repo.edit("content/articles/fox-2025-12-28.md", "+++\n\nPALM", "+++\n\n[Unclosed {== annotation\n\nPALM");
    repo.write("content/events.toml", [EVENTS.as_bytes(), b"\xff\xfe"].concat());
    let head = repo.commit("binary files and a broken edit");
    let d = repo.json(&base, Some(&head));
    let files = d["files"].as_array().unwrap();
    let note = |path: &str| files.iter().find(|f| f["path"] == path).map(|f| f["note"].as_str().unwrap().to_string());
    assert!(note("content/articles/scan.md").unwrap().contains("binary"), "{files:?}");
    assert!(note("content/articles/huge.md").unwrap().contains("limit"), "{files:?}");
    assert!(note("content/images/photo.png").unwrap().contains("added"), "{files:?}");
    assert_eq!(note("content/events.toml").as_deref(), Some("not valid UTF-8 text: read as empty"));
    assert_eq!(find(&d["events"], "id", "miami-talks-2025-12-04")["status"], "removed");
    // A broken edit is an edit with its errors, not a removal.
    let fox = find(&d["articles"], "slug", "fox-2025-12-28");
    assert_eq!(fox["status"], "edited");
    assert!(!fox["errors"].as_array().unwrap().is_empty(), "{fox:#}");
    // Its annotations and mentions are not listed as lost: the errors are the news.
    assert_eq!(fox["annotations"], serde_json::json!([]));
    assert_eq!(d["mentions"], serde_json::json!([]));
    assert!(d["new_problems"].as_array().unwrap().iter().any(|p| p["path"] == "content/articles/fox-2025-12-28.md" && p["severity"] == "error"));
    // All three formats render.
    for format in ["markdown", "html"] {
        let (ok, out, err) = repo.cli(&["diff", &base, &head, "--format", format]);
        assert!(ok && !out.is_empty(), "{format}: {err}");
    }
}

#[test]
fn output_is_deterministic() {
    let (repo, base) = base_repo();
    let head = head_commit(&repo);
    for format in ["json", "markdown", "html"] {
        let first = repo.cli(&["diff", &base, &head, "--format", format]);
        let second = repo.cli(&["diff", &base, &head, "--format", format]);
        assert!(first.0);
        assert_eq!(first.1, second.1, "{format} differs between runs");
    }
}

#[test]
fn unknown_revisions_and_folders_outside_git_are_clear_errors() {
    let (repo, _) = base_repo();
    let (ok, _, err) = repo.cli(&["diff", "no-such-branch"]);
    assert!(!ok);
    assert!(err.contains("unknown revision `no-such-branch`"), "{err}");
    let (ok, _, err) = repo.cli(&["diff", "--upload-pack=x"]);
    assert!(!ok, "{err}");
    let outside = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_dossier")).args(["diff", "HEAD"]).current_dir(outside.path()).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not inside a git repository"));
}

/// HTML blocks and inline HTML of a Markdown document, and whether every
/// code block was closed before the end.
fn markdown_html_and_blocks(md: &str) -> (Vec<String>, usize, usize) {
    let (mut html, mut opened, mut closed) = (Vec::new(), 0, 0);
    for event in Parser::new(md) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => html.push(h.trim().to_string()),
            Event::Start(Tag::CodeBlock(_)) => opened += 1,
            Event::End(TagEnd::CodeBlock) => closed += 1,
            _ => {}
        }
    }
    (html, opened, closed)
}

/// The first line as GitHub shows it: the text of the first heading.
fn verdict_line(md: &str) -> String {
    let mut text = String::new();
    for event in Parser::new(md) {
        match event {
            Event::Text(t) => text.push_str(&t),
            Event::End(TagEnd::Heading(_)) => break,
            _ => {}
        }
    }
    text
}

#[test]
fn markdown_starts_with_the_verdict_and_groups_details() {
    let (repo, base) = base_repo();
    let head = head_commit(&repo);
    let (ok, md, _) = repo.cli(&["diff", &base, &head]);
    assert!(ok);
    assert!(md.starts_with("### dossier diff "), "{md}");
    assert_eq!(
        verdict_line(&md),
        format!(
            "dossier diff {base}..{head} — 1 article added, 1 edited, 1 renamed, 1 removed · annotations +2 ~1 -1 · mentions +3 -2 · 1 actor changed · 1 event changed · 2 published addresses broken"
        )
    );
    for summary in ["Articles (4)", "Annotations (+2 ~1 -1)", "Actors (1)", "Events (1)"] {
        assert!(md.contains(&format!("<details><summary>{summary}</summary>")), "{summary} missing:\n{md}");
    }
    assert!(md.contains("[-welcomed-]{+hosted+}"), "{md}");
    assert!(!md.contains("not shown") && !md.contains("shortened"), "a small report is shown whole:\n{md}");
    let entries = md.lines().filter(|l| l.starts_with(['+', '-', '~'])).count();
    assert_eq!(entries, 4 + 4 + 3 + 1 + 1, "articles, annotations, mentions, actors, events:\n{md}");
    assert!(md.contains("~ claim fox-2025-12-28:13 #plan-90"), "{md}");
    assert!(md.contains("    sourcing: “named” → “anonymous”"), "{md}");
    assert!(md.contains("~ reuters-2025-12-29 → reuters-2025-12-29-florida"), "{md}");
    let (html, opened, closed) = markdown_html_and_blocks(&md);
    assert_eq!(opened, closed);
    assert!(html.iter().all(|h| h.starts_with("<details>") || h.starts_with("</details>") || h == "<!-- dossier-diff -->"), "{html:?}");
}

#[test]
fn hostile_article_text_cannot_escape_the_markdown_or_html() {
    let (repo, base) = base_repo();
    let hostile = "+++\ntitle = \"```</details><script>alert(1)</script> @octocat\"\noutlet = \"<img src=x onerror=alert(1)>\"\ndate = 2025-12-30\n+++\n\n\
                   ````\n</details><script>alert(2)</script> @octocat \u{202e}reversed\n````\n\n[hi <b>there</b>]{.note note=\"</summary><iframe src=//evil>\"}\n";
    repo.write("content/articles/hostile.md", hostile);
    repo.edit("content/articles/fox-2025-12-28.md", "welcomed", "welcomed <script>alert(3)</script> ``` ");
    let head = repo.commit("hostile");
    let (_, md, _) = repo.cli(&["diff", &base, &head]);
    let (html, opened, closed) = markdown_html_and_blocks(&md);
    assert_eq!(opened, closed, "{md}");
    assert!(html.iter().all(|h| !h.contains("script") && !h.contains("iframe") && !h.contains("img")), "{html:?}\n{md}");
    assert!(!md.contains('\u{202e}'));
    // The hostile text is there, but only inside code blocks, where nothing renders or mentions.
    assert!(md.contains("@octocat") && md.contains("alert(1)") && md.contains("alert(3)"), "{md}");
    let mut in_code = false;
    for event in Parser::new(&md) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(t) if !in_code => assert!(!t.contains("@octocat") && !t.contains("alert"), "outside a code block: {t}"),
            _ => {}
        }
    }

    let (_, page, _) = repo.cli(&["diff", &base, &head, "--format", "html"]);
    let doc = Html::parse_document(&page);
    let count = |css: &str| doc.select(&Selector::parse(css).unwrap()).count();
    assert_eq!(count("script, iframe, img, b"), 0, "{page}");
    assert!(page.contains("&lt;script&gt;alert(3)&lt;/script&gt;"));
    let csp = doc.select(&Selector::parse("meta[http-equiv=Content-Security-Policy]").unwrap()).next().unwrap();
    assert!(csp.value().attr("content").unwrap().starts_with("default-src 'none'"));
}

#[test]
fn html_report_highlights_word_and_source_diffs() {
    let (repo, base) = base_repo();
    let head = head_commit(&repo);
    let (ok, page, _) = repo.cli(&["diff", &base, &head, "--format", "html"]);
    assert!(ok);
    let doc = Html::parse_document(&page);
    let texts = |css: &str| -> Vec<String> { doc.select(&Selector::parse(css).unwrap()).map(|e| e.text().collect::<String>()).collect() };
    assert_eq!(texts("h1"), [format!("{base} → {head}")]);
    assert!(texts("p.verdict")[0].starts_with("1 article added, 1 edited, 1 renamed, 1 removed"));
    let fox = "article#article-fox-2025-12-28.status-edited";
    assert!(texts(&format!("{fox} .hunk del")).contains(&"welcomed".to_string()));
    assert!(texts(&format!("{fox} .hunk ins")).contains(&"hosted".to_string()));
    // The source diff is highlighted by syntect's Diff syntax, as classes.
    let deleted = texts(&format!("{fox} details.source-diff pre.code span.hl-deleted"));
    assert!(deleted.iter().any(|t| t.contains("welcomed")), "{deleted:?}");
    assert!(texts(&format!("{fox} details.source-diff pre.code span.hl-inserted")).iter().any(|t| t.contains("hosted")));
    assert_eq!(texts(&format!("{fox} li.annotation.status-changed[data-id=plan-90] td ins")), ["anonymous"]);
    assert_eq!(texts("article.status-renamed h3 .status"), ["renamed"]);
    assert!(texts("li.actor[data-id=donald-trump] ins.alias").contains(&"President Trump".to_string()));
    assert_eq!(texts("li.event[data-id=miami-talks-2025-12-04] > ins"), ["ap-2025-12-30"]);
    // The site's stylesheet is inlined, so the page works as a downloaded artifact.
    assert!(texts("style")[0].contains(".site-header"));
}

#[test]
fn markdown_is_cut_to_fit_a_github_comment() {
    let repo = Repo::new();
    repo.write("dossier.toml", "title = \"Big\"\n");
    repo.write("content/actors.toml", actors());
    repo.write("content/events.toml", EVENTS);
    let base = repo.commit("empty dossier");
    // 120 articles with 40 annotations each: far more than one comment holds.
    for i in 0..120 {
        let mut body = String::new();
        for k in 0..40 {
            body.push_str(&format!("Paragraph {k}: [Trump told Zelensky that point {k} of article {i} was agreed]{{.claim #c{k} sourcing=anonymous note=\"Note {k} with some length to it, for article {i}.\"}}.\n\n"));
        }
        repo.write(&format!("content/articles/a-{i:03}.md"), format!("+++\ntitle = \"Article {i}\"\ndate = 2025-12-01\n+++\n\n{body}"));
    }
    repo.edit("content/actors.toml", "aliases = [\"Trump\"]", "aliases = [\"Trump\", \"Donald J. Trump\"]");
    let head = repo.commit("many articles");
    let (ok, md, err) = repo.cli(&["diff", &base, &head]);
    assert!(ok, "{err}");
    assert!(md.chars().count() <= dossier::diff::COMMENT_LIMIT);
    assert!(md.encode_utf16().count() <= dossier::diff::COMMENT_LIMIT);
    assert!(verdict_line(&md).ends_with("— 120 articles added · annotations +4800 ~0 -0 · mentions +9600 -0 · 1 actor changed"), "{}", verdict_line(&md));
    assert!(md.contains("**Report shortened to fit a GitHub comment**"), "{md}");
    assert!(md.contains("of 4800 annotations"), "the note says what was cut");
    // The long lists are shortened; the small groups after them are shown whole.
    assert!(md.contains("<details><summary>Actors (1)</summary>") && md.contains("aliases +“Donald J. Trump”"), "{md}");
    assert!(!md.contains("actor changes not shown"));
    let (html, opened, closed) = markdown_html_and_blocks(&md);
    assert_eq!(opened, closed, "every code block is closed");
    assert_eq!(html.iter().filter(|h| h.starts_with("<details>")).count(), html.iter().filter(|h| h.starts_with("</details>")).count());
    assert!(md.trim_end().ends_with(dossier::diff::MARKER));
    // The JSON report has everything.
    let d = repo.json(&base, Some(&head));
    assert_eq!(d["summary"]["annotations_added"], 4800);
}

#[test]
fn the_repository_history_diffs_cleanly() {
    // This repository's own history: the first commit against the current
    // one must load on both sides and report no problems.
    let root = crate::common::repo();
    let first = Command::new("git").args(["rev-list", "--max-parents=0", "HEAD"]).current_dir(&root).output().unwrap();
    let first = String::from_utf8_lossy(&first.stdout).lines().last().unwrap_or_default().to_string();
    let d = dossier::diff::diff(&root, &first, Some("HEAD")).expect("diff of this repository");
    assert!(d.new_problems.is_empty(), "{:?}", d.new_problems);
    let md = dossier::diff::markdown(&d, dossier::diff::COMMENT_LIMIT);
    assert!(md.starts_with("### dossier diff "));
}

#[test]
fn check_github_format_caps_annotations_and_prints_a_total() {
    let repo = Repo::new();
    repo.write("dossier.toml", "title = \"T\"\n");
    repo.write("content/actors.toml", actors());
    repo.write("content/events.toml", EVENTS);
    for i in 0..15 {
        repo.write(
            &format!("content/articles/a-{i:02}.md"),
            format!("+++\ntitle = \"A{i}\"\ndate = 2025-01-01\nevents = [\"no-such-event\"]\n+++\nText {i}.\n"),
        );
    }
    let base = repo.commit("fifteen broken articles");
    repo.write("content/articles/z-new.md", "+++\ntitle = \"New\"\ndate = 2025-01-01\nevents = [\"also-missing\"]\n+++\nNew.\n");
    let (ok, out, _) = repo.cli(&["check", "--format", "github"]);
    assert!(!ok);
    let commands: Vec<&str> = out.lines().filter(|l| l.starts_with("::error ")).collect();
    assert_eq!(commands.len(), 10, "{out}");
    let last = out.lines().last().unwrap();
    assert_eq!(
        last,
        "dossier check: 16 error(s), 0 warning(s); 10 error(s) and 0 warning(s) shown as annotations, 6 more not shown as annotations (listed above)"
    );
    assert_eq!(out.lines().filter(|l| l.starts_with("  content/articles/")).count(), 6);
    // Without --changed-since the new file's error is past the first ten.
    assert!(!commands.iter().any(|c| c.contains("z-new.md")));
    let (_, out, _) = repo.cli(&["check", "--format", "github", "--changed-since", &base]);
    let first = out.lines().next().unwrap();
    assert!(first.starts_with("::error file=content/articles/z-new.md,line=4,col=11::unknown event `also-missing`"), "{first}");
}

#[test]
fn a_dossier_in_a_subfolder_of_the_repository() {
    let repo = Repo::new();
    repo.write("README.md", "A project with its dossier in site/.\n");
    repo.write("site/dossier.toml", "title = \"Sub\"\n");
    repo.write("site/content/actors.toml", actors());
    repo.write("site/content/events.toml", EVENTS);
    repo.write("site/content/articles/fox-2025-12-28.md", FOX);
    let base = repo.commit("base");
    repo.edit("site/content/articles/fox-2025-12-28.md", "welcomed", "hosted");
    repo.write("README.md", "Changed, but not part of the dossier.\n");
    let (ok, out, err) = repo.cli(&["diff", &base, "--root", "site", "--format", "json"]);
    assert!(ok, "{err}");
    let d: Value = serde_json::from_str(&out).unwrap();
    let fox = find(&d["articles"], "slug", "fox-2025-12-28");
    assert_eq!(fox["path"], "content/articles/fox-2025-12-28.md");
    assert_eq!(fox["status"], "edited");
    assert_eq!(d["articles"].as_array().unwrap().len(), 1);
    assert_eq!(d["files"], serde_json::json!([]));

    // `check --format github` names files from the repository's top, as GitHub needs.
    repo.write("site/content/articles/bad.md", "+++\ntitle = \"Bad\"\ndate = 2025-01-01\nevents = [\"nope\"]\n+++\nText.\n");
    let (ok, out, _) = repo.cli(&["check", "site", "--format", "github"]);
    assert!(!ok);
    assert!(out.starts_with("::error file=site/content/articles/bad.md,line=4,col=11::unknown event `nope`"), "{out}");
}

/// The report is `templates/diff.html`, replaced by the dossier's own copy
/// as the base revision has it: a pull request that rewrites the template
/// does not change how it is itself reviewed.
#[test]
fn html_report_is_drawn_with_the_base_revisions_template() {
    let (repo, _) = base_repo();
    let builtin = dossier::render::DEFAULT_TEMPLATES.iter().find(|(n, _)| *n == "diff.html").unwrap().1;
    repo.write("templates/diff.html", builtin.replace("<main id=\"main\">", "<main id=\"main\"><p class=\"house-style\">Reviewed in house style</p>"));
    let base = repo.commit("house style for the report");
    repo.write("templates/diff.html", builtin.replace("<main id=\"main\">", "<main id=\"main\"><p class=\"house-style\">Nothing to see here</p>"));
    let head = head_commit(&repo);
    let (ok, page, err) = repo.cli(&["diff", &base, &head, "--format", "html"]);
    assert!(ok, "{err}");
    let doc = Html::parse_document(&page);
    let texts: Vec<String> = doc.select(&Selector::parse("p.house-style").unwrap()).map(|e| e.text().collect()).collect();
    assert_eq!(texts, ["Reviewed in house style"]);
    assert!(
        doc.select(&Selector::parse("li.file").unwrap()).any(|e| e.text().collect::<String>().contains("templates/diff.html")),
        "the changed template is listed"
    );

    // Without a copy of its own, the built-in template.
    let (repo, base) = base_repo();
    let head = head_commit(&repo);
    let (_, page, _) = repo.cli(&["diff", &base, &head, "--format", "html"]);
    assert!(page.contains("<main id=\"main\">\n<h1>") && !page.contains("house-style"));
}

/// A repository holding the example dossier (its settings, registries and
/// articles), committed as the base.
fn example_repo() -> (Repo, String) {
    let repo = Repo::new();
    let root = crate::common::repo();
    repo.write("dossier.toml", std::fs::read(root.join("dossier.toml")).unwrap());
    for entry in walkdir::WalkDir::new(root.join("content")).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
            repo.write(&rel, std::fs::read(entry.path()).unwrap());
        }
    }
    let base = repo.commit("the example dossier");
    (repo, base)
}

const AXIOS_EX: &str = "content/articles/axios-citing-2025-12-06-witkoff-kushner-call.md";
const FOX_EX: &str = "content/articles/fox-citing-2025-12-27-mar-a-lago-call.md";
const PREVIEW: &str = "https://preview.example.org/pr-7/{path}";

/// One article of the example: an annotation's sourcing edited, a passage
/// re-annotated with a contradiction of another article, one annotation
/// broken (a relation that does not exist), a paragraph reflowed, a
/// sentence edited, and a word of an annotated passage changed.
fn adds_edits_and_breaks(repo: &Repo) -> String {
    repo.edit(AXIOS_EX, "{.claim #collated by=axios sourcing=named}", "{.claim #collated by=axios sourcing=anonymous}");
    repo.edit(
        AXIOS_EX,
        "Further negotiations and meetings with Witkoff and Kushner are expected later this week.",
        "[Further negotiations and meetings with Witkoff and Kushner are expected later this week]{.claim #more-talks sourcing=anonymous to=fox-citing-2025-12-27-mar-a-lago-call#plan-90 rel=contradicts}.",
    );
    repo.edit(
        AXIOS_EX,
        "{.claim #brainstorm sourcing=anonymous}",
        "{.claim #brainstorm sourcing=anonymous to=fox-citing-2025-12-27-mar-a-lago-call#plan-20 rel=supports}",
    );
    repo.edit(AXIOS_EX, "return from Miami to Europe to brief", "return from Miami to Europe\nto brief");
    repo.edit(
        AXIOS_EX,
        "Negotiations on a peace settlement for the war in Ukraine have gained momentum",
        "Negotiations on a peace settlement have gained real momentum",
    );
    repo.edit(AXIOS_EX, "[The territorial issue proved challenging]", "[The territorial issue proved very challenging]");
    repo.commit("adds, edits and breaks annotations")
}

#[test]
fn a_broken_annotation_is_reported_beside_every_other_change_of_its_article() {
    let (repo, base) = example_repo();
    let head = adds_edits_and_breaks(&repo);

    // JSON: the whole data.
    let d = repo.json(&base, Some(&head));
    let axios = find(&d["articles"], "slug", "axios-citing-2025-12-06-witkoff-kushner-call");
    assert_eq!(axios["status"], "edited");
    let notes = &axios["annotations"];
    let collated = find(notes, "id", "collated");
    assert_eq!(collated["status"], "changed");
    assert_eq!(collated["fields"], serde_json::json!([{"field": "sourcing", "before": "named", "after": "anonymous"}]));
    let added = find(notes, "id", "more-talks");
    assert_eq!((added["status"].as_str(), added["sourcing"].as_str()), (Some("added"), Some("anonymous")));
    assert_eq!((added["to"].as_str(), added["rel"].as_str()), (Some("fox-citing-2025-12-27-mar-a-lago-call#plan-90"), Some("contradicts")));
    let broken = find(notes, "id", "brainstorm");
    assert_eq!(broken["status"], "broken");
    assert!(
        broken["errors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e.as_str().unwrap().contains(":32:") && e.as_str().unwrap().contains("unknown relation `supports`")),
        "{broken:#}"
    );
    // The passage whose words changed, before and after in its paragraph.
    let territory = find(notes, "id", "territory-challenging");
    assert_eq!(territory["was"]["passage"], "The territorial issue proved challenging");
    assert_eq!(territory["now"]["passage"], "The territorial issue proved very challenging");
    assert!(territory["now"]["after"].as_str().unwrap().starts_with(", the source noted."), "{territory:#}");
    // Mentions of the article are still counted (not 0 -> n): one "Ukraine" fewer.
    let ukraine = find(&d["mentions"], "actor", "ukraine");
    let here = find(&ukraine["articles"], "key", "axios-citing-2025-12-06-witkoff-kushner-call");
    assert!(here["before"].as_u64().unwrap() > 1 && here["after"].as_u64().unwrap() + 1 == here["before"].as_u64().unwrap(), "{ukraine:#}");
    assert_eq!(ukraine["before"].as_u64().unwrap(), ukraine["after"].as_u64().unwrap() + 1);
    // The derived effects: the backlink on the other passage and the events that list the disagreement.
    let xref = find(&d["cross_references"], "from", "axios-citing-2025-12-06-witkoff-kushner-call#more-talks");
    assert_eq!((xref["status"].as_str(), xref["backlink"].as_str()), (Some("added"), Some("Contradicted by")));
    assert_eq!(xref["event_section"], "Where the sources disagree");
    assert!(xref["events"].as_array().unwrap().iter().any(|e| e == "miami-talks-2025-12-04"), "{xref:#}");
    let miami = find(&d["events"], "id", "miami-talks-2025-12-04");
    assert_eq!(miami["disagreements_after"].as_u64().unwrap(), miami["disagreements_before"].as_u64().unwrap() + 1);
    // Reader text: the reflowed paragraph and the new markup are no edits; the sentence is.
    let hunks = axios["text"]["hunks"].as_array().unwrap();
    let words: String =
        hunks.iter().flat_map(|h| h["segments"].as_array().unwrap()).filter(|s| s["op"] != "equal").map(|s| s["text"].as_str().unwrap()).collect();
    assert!(["war", "Ukraine", "real", "very"].iter().all(|w| words.contains(w)), "{words}");
    assert!(!words.contains('{') && !words.contains("Umerov") && !words.contains("Further"), "markup or reflow read as an edit: {words}");

    // Markdown: everything is there, and the preview links the changed pages.
    let (ok, md, err) = repo.cli(&["diff", &base, &head, "--preview-url", PREVIEW]);
    assert!(ok, "{err}");
    for needle in [
        "annotations +1 \\~2 -0",
        "sourcing: “named” → “anonymous”",
        "+ claim axios-citing-2025-12-06-witkoff-kushner-call:34 #more-talks",
        "sourcing anonymous · contradicts fox-citing-2025-12-27-mar-a-lago-call#plan-90",
        "! claim axios-citing-2025-12-06-witkoff-kushner-call:32 #brainstorm broken",
        "fox-citing-2025-12-27-mar-a-lago-call#plan-90 now shows “Contradicted by axios-citing-2025-12-06-witkoff-kushner-call#more-talks”",
        "now listed under “Where the sources disagree” on ",
        "on a peace settlement[- for the war in-] [-Ukraine -]have gained {+real +}momentum",
        "[articles/axios-citing-2025-12-06-witkoff-kushner-call.html](https://preview.example.org/pr-7/articles/axios-citing-2025-12-06-witkoff-kushner-call.html) (edited)",
    ] {
        assert!(md.contains(needle), "no {needle:?} in:\n{md}");
    }
    assert!(!md.contains("rel: (none) → “”"), "an unknown relation is no empty value: {md}");
    assert!(md.contains("cross-references +1 -0") && !md.contains("Referenced by"), "a reference with an unknown relation is none: {md}");

    // HTML: the same, with the annotated passages before and after.
    let (ok, page, err) = repo.cli(&["diff", &base, &head, "--format", "html", "--preview-url", PREVIEW]);
    assert!(ok, "{err}");
    let doc = Html::parse_document(&page);
    let one = |css: &str| doc.select(&Selector::parse(css).unwrap()).next().unwrap_or_else(|| panic!("no {css}"));
    let text = |css: &str| doc.select(&Selector::parse(css).unwrap()).flat_map(|e| e.text()).collect::<String>();
    let article = "#article-axios-citing-2025-12-06-witkoff-kushner-call";
    assert_eq!(
        one(&format!("{article} h3 a")).value().attr("href"),
        Some("https://preview.example.org/pr-7/articles/axios-citing-2025-12-06-witkoff-kushner-call.html")
    );
    assert!(text(&format!("{article} li.status-broken[data-id=brainstorm] p.problem")).contains("unknown relation `supports`"));
    assert!(text(&format!("{article} li.status-added[data-id=more-talks] .attributes")).contains("contradicts fox-citing-2025-12-27-mar-a-lago-call#plan-90"));
    assert_eq!(text(&format!("{article} li[data-id=territory-challenging] blockquote.del mark")), "The territorial issue proved challenging");
    assert_eq!(text(&format!("{article} li[data-id=territory-challenging] blockquote.ins mark")), "The territorial issue proved very challenging");
    assert!(text("#cross-references").contains("Contradicted by"));
    assert!(text("li.event[data-id=miami-talks-2025-12-04] .disagreements").contains("more-talks contradicts"));
}

#[test]
fn settings_front_matter_actors_and_broken_addresses_are_flagged_and_aliases_redirect() {
    let (repo, base) = example_repo();
    repo.edit("dossier.toml", "title = \"US-brokered", "allow_raw_html = true\ntitle = \"US-brokered");
    repo.edit("dossier.toml", "base_url = \"https://dossier-ssg.github.io/dossier/\"", "base_url = \"https://other.example.com/\"");
    repo.edit("dossier.toml", "min_score = 0.3", "min_score = 0.4");
    repo.git(&["mv", "content/articles/unknown-2025-08-18-white-house-talks.md", "content/articles/wh-2025-08-18-talks.md"]);
    repo.edit(FOX_EX, "tags = [", "actors = [\"steve-witkoff\"]\ntags = [");
    repo.edit("content/actors.toml", "id = \"jared-kushner\"", "id = \"kushner\"");
    repo.edit(AXIOS_EX, "steve-witkoff jared-kushner kirill-dmitriev", "steve-witkoff kushner kirill-dmitriev");
    let head = repo.commit("settings, a rename, an id change");

    let d = repo.json(&base, Some(&head));
    let settings: Vec<&str> = d["settings"].as_array().unwrap().iter().map(|s| s["setting"].as_str().unwrap()).collect();
    assert_eq!(settings, ["allow_raw_html", "base_url", "link.min_score"], "risky first: {:#}", d["settings"]);
    assert!(d["settings"][0]["risk"].is_string() && d["settings"][1]["risk"].is_string() && d["settings"][2]["risk"].is_null());
    let fox = find(&d["articles"], "slug", "fox-citing-2025-12-27-mar-a-lago-call");
    assert_eq!(fox["fields"], serde_json::json!([{"field": "actors", "before": null, "after": "steve-witkoff"}]));
    let renamed = find(&d["addresses"], "path", "articles/unknown-2025-08-18-white-house-talks.html");
    assert_eq!((renamed["reason"].as_str(), renamed["redirected"].as_bool()), (Some("article renamed"), Some(false)));
    assert!(renamed["fix"]
        .as_str()
        .unwrap()
        .contains("add \"unknown-2025-08-18-white-house-talks\" to `aliases` in the front matter of content/articles/wh-2025-08-18-talks.md"));
    let moved = find(&d["addresses"], "path", "actors/jared-kushner.html");
    assert_eq!(moved["now"], "actors/kushner.html");
    assert!(moved["fix"].as_str().unwrap().contains("`old_ids`"), "{moved:#}");
    let actor = find(&d["actors"], "id", "kushner");
    assert_eq!((actor["old_id"].as_str(), actor["merged_into"].as_str()), (Some("jared-kushner"), None));
    assert_eq!(d["summary"]["addresses_broken"], 2);

    let (ok, md, err) = repo.cli(&["diff", &base, &head]);
    assert!(ok, "{err}");
    let alerts: Vec<&str> = md.lines().filter(|l| l.starts_with("> ⚠")).collect();
    assert!(alerts[0].starts_with("> ⚠ setting allow\\_raw\\_html: false → true:") && alerts[1].starts_with("> ⚠ setting base\\_url:"), "{md}");
    assert!(alerts[2..4].iter().all(|l| l.contains(" breaks (")), "{md}");
    assert!(md.contains("actors: (none) → “steve-witkoff”"), "{md}");
    assert!(md.contains("(not a merge)") && !md.contains("merged into"), "an id change is not a merge:\n{md}");
    let (ok, page, err) = repo.cli(&["diff", &base, &head, "--format", "html"]);
    assert!(ok, "{err}");
    let doc = Html::parse_document(&page);
    let risky: Vec<String> = doc.select(&Selector::parse("#settings li.risky").unwrap()).map(|e| e.value().attr("data-setting").unwrap().to_string()).collect();
    assert_eq!(risky, ["allow_raw_html", "base_url"]);
    assert_eq!(doc.select(&Selector::parse("#addresses li.address.broken").unwrap()).count(), 2);

    // Following the fixes: both old addresses redirect, and the build writes the pages.
    repo.edit("content/articles/wh-2025-08-18-talks.md", "tags = [", "aliases = [\"unknown-2025-08-18-white-house-talks\"]\ntags = [");
    repo.edit("content/actors.toml", "id = \"kushner\"", "id = \"kushner\"\nold_ids = [\"jared-kushner\"]");
    let fixed = repo.commit("aliases and old ids");
    let d = repo.json(&base, Some(&fixed));
    assert_eq!((d["summary"]["addresses_broken"].as_u64(), d["summary"]["addresses_redirected"].as_u64()), (Some(0), Some(2)));
    let (ok, md, _) = repo.cli(&["diff", &base, &fixed]);
    assert!(ok && md.contains("2 redirected") && !md.contains(" breaks ("), "{md}");
    let (ok, page, _) = repo.cli(&["diff", &base, &fixed, "--format", "html"]);
    assert!(ok && Html::parse_document(&page).select(&Selector::parse("#addresses li.address.redirected").unwrap()).count() == 2);
    let (ok, _, err) = repo.cli(&["build", "--out", "site"]);
    assert!(ok, "{err}");
    assert!(repo.read("site/articles/unknown-2025-08-18-white-house-talks.html").contains("url=wh-2025-08-18-talks.html"));
    assert!(repo.read("site/actors/jared-kushner.html").contains("url=kushner.html"));
}

#[test]
fn markup_and_reflowed_lines_are_no_text_change() {
    let (repo, base) = example_repo();
    repo.edit(
        FOX_EX,
        "In the U.S., this prospect is already being referred to",
        "In the U.S., [this prospect]{.note note=\"A call with Putin.\"} is already being\nreferred to",
    );
    let head = repo.commit("an annotation and a line break");
    let d = repo.json(&base, Some(&head));
    let fox = find(&d["articles"], "slug", "fox-citing-2025-12-27-mar-a-lago-call");
    assert_eq!(fox["text"], Value::Null, "{fox:#}");
    assert!(fox["source"].as_str().unwrap().contains("+In the U.S., [this prospect]{.note"));
    assert_eq!(d["summary"]["annotations_added"], 1);
    let (ok, md, _) = repo.cli(&["diff", &base, &head]);
    assert!(ok && md.contains("the words readers see are unchanged"), "{md}");
    let (ok, page, _) = repo.cli(&["diff", &base, &head, "--format", "html"]);
    let doc = Html::parse_document(&page);
    assert!(ok && doc.select(&Selector::parse("#article-fox-citing-2025-12-27-mar-a-lago-call li.hunk").unwrap()).next().is_none());
    assert!(doc.select(&Selector::parse("#article-fox-citing-2025-12-27-mar-a-lago-call details.source-diff").unwrap()).next().is_some());
}

#[test]
fn a_shortened_comment_keeps_edits_and_breakages_and_summarises_additions() {
    let (repo, base) = example_repo();
    // A 200-article import, with an edit and a breakage in the same change.
    for i in 0..200 {
        let mut body = String::new();
        for k in 0..12 {
            body.push_str(&format!("Paragraph {k}: [Trump told Zelensky that point {k} of import {i} was agreed]{{.claim #c{k} sourcing=anonymous}}.\n\n"));
        }
        repo.write(&format!("content/articles/import-{i:03}.md"), format!("+++\ntitle = \"Imported {i}\"\ndate = 2025-12-01\n+++\n\n{body}"));
    }
    repo.edit(AXIOS_EX, "{.claim #collated by=axios sourcing=named}", "{.claim #collated by=axios sourcing=anonymous}");
    repo.edit(AXIOS_EX, "{.claim #brainstorm sourcing=anonymous}", "{.claim #brainstorm sourcing=anonymous rel=supports to=nowhere}");
    repo.git(&["mv", "content/articles/unknown-2025-08-18-white-house-talks.md", "content/articles/wh-2025-08-18-talks.md"]);
    let head = repo.commit("import");
    let (ok, md, err) = repo.cli(&["diff", &base, &head]);
    assert!(ok, "{err}");
    assert!(md.encode_utf16().count() <= dossier::diff::COMMENT_LIMIT);
    assert!(md.contains("**Report shortened to fit a GitHub comment**"), "not shortened: {} chars", md.len());
    for kept in [
        "sourcing: “named” → “anonymous”",
        "#brainstorm broken",
        "articles/unknown-2025-08-18-white-house-talks.html breaks",
        "~ axios-citing-2025-12-06-witkoff-kushner-call",
    ] {
        assert!(md.contains(kept), "{kept:?} was cut:\n{md}");
    }
    assert!(md.lines().any(|l| l.starts_with("+ ") && l.contains("more annotations added, not listed here")), "{md}");
    // The HTML and JSON reports have everything.
    let d = repo.json(&base, Some(&head));
    assert_eq!(d["summary"]["articles_added"], 200);
    let (ok, page, _) = repo.cli(&["diff", &base, &head, "--format", "html"]);
    assert!(ok && Html::parse_document(&page).select(&Selector::parse("article.status-added").unwrap()).count() == 200);
}
