//! Actors as an analyst curates them: roles resolved by date, identifiers,
//! pronouns in quotes, and `dossier actors` candidates / accept / reject /
//! merge on real temporary dossiers, built and read back.

use std::path::Path;
use std::process::Command;

use crate::common::*;

/// A registry with an office that changes hands, an overlapping term on one
/// day (the handover), comments to preserve, and identifiers.
const REGISTRY: &str = r#"# Test registry: this comment must survive every edit.

[[actor]]
id = "joe-biden"
name = "Joe Biden"
kind = "person"
aliases = ["Biden"]

[[actor]]
id = "donald-trump"
name = "Donald Trump"
kind = "person"
wikidata = "Q22686"
website = "https://www.whitehouse.gov/"
aliases = ["Trump"]

# ---- Ukraine
[[actor]]
id = "volodymyr-zelensky"
name = "Volodymyr Zelensky"
kind = "person"
aliases = ["Zelensky", "Zelenskyy"]   # keep this comment too

[[actor]]
id = "vladimir-putin"
name = "Vladimir Putin"
kind = "person"
aliases = ["Putin"]

[[role]]
title = "President of the United States"
phrases = ["US President", "American president"]

  [[role.holder]]
  actor = "joe-biden"
  from = 2021-01-20
  to = 2025-01-20

  [[role.holder]]
  actor = "donald-trump"
  from = 2025-01-20
"#;

fn dated(title: &str, date: Option<&str>, body: &str) -> String {
    let date = date.map(|d| format!("date = {d}\n")).unwrap_or_default();
    format!("+++\ntitle = \"{title}\"\noutlet = \"Test Outlet\"\n{date}+++\n\n{body}\n")
}

fn registry_dossier(registry: &str, articles: &[(&str, String)]) -> tempfile::TempDir {
    let mut files: Vec<(String, String)> =
        vec![("dossier.toml".into(), "title = \"Test\"\nbase_url = \"https://example.org/test/\"\n".into()), ("content/actors.toml".into(), registry.into())];
    for (name, text) in articles {
        files.push((format!("content/articles/{name}"), text.clone()));
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    dossier(&refs)
}

fn build(root: &Path) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let options = dossier::BuildOptions { out: Some(out.clone()), ..Default::default() };
    if let Err(f) = dossier::build(root, &options) {
        panic!("build failed:\n{}", f.diagnostics.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"));
    }
    (tmp, out)
}

/// (href, text) of the links marked as resolved from a role.
fn role_links(site: &Path, page_path: &str) -> Vec<(String, String)> {
    let doc = page(site, page_path);
    select(&doc, "a.mention.from-role").iter().map(|a| (a.value().attr("href").unwrap().to_string(), a.text().next().unwrap_or("").to_string())).collect()
}

#[test]
fn a_role_resolves_to_whoever_held_it_on_the_articles_date() {
    let root = registry_dossier(
        REGISTRY,
        &[
            ("before.md", dated("Before", Some("2024-06-01"), "The US President met the press.")),
            ("after.md", dated("After", Some("2025-06-01"), "The US President met the press. The American president’s plan.")),
            ("title.md", dated("Title", Some("2025-06-01"), "US President Donald Trump spoke.")),
        ],
    );
    let messages = check_messages(root.path());
    assert!(messages.is_empty(), "{messages:?}");
    let (_tmp, site) = build(root.path());
    assert_eq!(role_links(&site, "articles/before.html"), [("../actors/joe-biden.html".to_string(), "US President".to_string())]);
    assert_eq!(
        role_links(&site, "articles/after.html"),
        [
            ("../actors/donald-trump.html".to_string(), "US President".to_string()),
            ("../actors/donald-trump.html".to_string(), "American president".to_string())
        ]
    );
    // Readers can tell: the title and the hidden text name the person and the office.
    let doc = page(&site, "articles/before.html");
    let link = &select(&doc, "a.mention.from-role")[0];
    assert_eq!(link.value().attr("title"), Some("Joe Biden, President of the United States on this date"));
    assert_eq!(texts(&doc, "a.mention.from-role .visually-hidden"), ["(Joe Biden, President of the United States on this date)"]);
    // A title right before a name is not a second mention.
    assert!(role_links(&site, "articles/title.html").is_empty());
    assert_eq!(texts(&page(&site, "articles/title.html"), "a.mention"), ["Donald Trump"]);
    // The role mention counts on the actor page like a name mention.
    let biden = page(&site, "actors/joe-biden.html");
    assert!(texts(&biden, ".stats")[0].starts_with("1 mention in 1 article"), "{:?}", texts(&biden, ".stats"));
    assert!(texts(&biden, ".offices")[0].contains("President of the United States from 20 January 2021 to 20 January 2025"));
}

#[test]
fn ambiguous_and_out_of_range_role_mentions_are_reported_not_guessed() {
    let root = registry_dossier(
        REGISTRY,
        &[
            ("handover.md", dated("Handover", Some("2025-01-20"), "Today the US President was sworn in.")),
            ("early.md", dated("Early", Some("2019-03-01"), "Back then,\nthe US President spoke.")),
            ("undated.md", dated("Undated", None, "The US President spoke.")),
        ],
    );
    let messages = check_messages(root.path());
    let find = |file: &str| {
        messages.iter().find(|m| m.contains(file) && m.contains("US President")).unwrap_or_else(|| panic!("no message for {file}: {messages:?}")).clone()
    };
    let handover = find("handover.md");
    assert!(handover.contains("handover.md:7:11: warning") && handover.contains("ambiguous on 2025-01-20: held by donald-trump and joe-biden"), "{handover}");
    let early = find("early.md");
    assert!(early.contains("early.md:8:5: warning") && early.contains("nobody in content/actors.toml held this role on 2019-03-01"), "{early}");
    let undated = find("undated.md");
    assert!(undated.contains("undated.md:6:5: warning") && undated.contains("the article has no date"), "{undated}");
    // The three role warnings, and the undated article's own warning.
    assert_eq!(messages.len(), 4, "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("undated.md: warning: no date")));
    // Hints say what to do.
    let diags = dossier::check(root.path());
    let role_hints: Vec<_> = diags.iter().filter(|d| d.message.contains("US President")).collect();
    assert_eq!(role_hints.len(), 3);
    assert!(role_hints.iter().all(|d| d.hint.as_deref().is_some_and(|h| h.contains("name the person"))));
    // The site still builds; nothing is linked for the unresolved mentions.
    let (_tmp, site) = build(root.path());
    for page_path in ["articles/handover.html", "articles/early.html", "articles/undated.html"] {
        assert!(select(&page(&site, page_path), "a.mention").is_empty(), "{page_path}");
    }
}

/// 1-based line of the first line of `text` that contains `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).expect("needle in text") + 1
}

#[test]
fn registry_mistakes_in_roles_and_identifiers_are_errors_with_lines() {
    let bad = format!(
        "{REGISTRY}\n[[role]]\ntitle = \"Kremlin\"\nphrase = [\"Kremlin leader\"]\n\n[[role]]\ntitle = \"Leader\"\nphrases = [\"Trump\"]\n\n  [[role.holder]]\n  actor = \"nobody\"\n  from = 2020-01-01\n"
    );
    let (_, diags) = dossier::load::parse_registry("content/actors.toml", &bad);
    let messages: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    assert!(
        messages.iter().any(|m| m.contains(&format!("content/actors.toml:{}:1", line_of(&bad, "phrase = "))) && m.contains("unknown field `phrase`")),
        "{messages:?}"
    );

    let bad = format!("{REGISTRY}\n[[role]]\ntitle = \"Leader\"\nphrases = [\"Trump\"]\n\n  [[role.holder]]\n  actor = \"nobody\"\n  from = 2020-01-01\n");
    let (_, diags) = dossier::load::parse_registry("content/actors.toml", &bad);
    let messages: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    assert!(messages.iter().any(|m| m.contains(&format!(":{}:12", line_of(&bad, "phrases = [\"Trump"))) && m.contains("`Trump` is already a spelling of actor `donald-trump`")), "{messages:?}");
    assert!(
        messages.iter().any(|m| m.contains(&format!(":{}:11", line_of(&bad, "\"nobody\""))) && m.contains("unknown actor `nobody` holds role `Leader`")),
        "{messages:?}"
    );

    let bad = REGISTRY.replace("wikidata = \"Q22686\"", "wikidata = \"22686\"").replace("https://www.whitehouse.gov/", "javascript:alert(1)");
    let (registry, diags) = dossier::load::parse_registry("content/actors.toml", &bad);
    let messages: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    assert!(
        messages.iter().any(|m| m.contains(&format!(":{}:12", line_of(&bad, "\"22686\""))) && m.contains("`22686` is not a Wikidata item id")),
        "{messages:?}"
    );
    assert!(messages.iter().any(|m| m.contains(&format!(":{}:11", line_of(&bad, "javascript:"))) && m.contains("not an http(s) address")), "{messages:?}");
    assert!(registry.actors.iter().all(|a| a.id != "donald-trump"));

    let bad = REGISTRY.replace("aliases = [\"Biden\"]", "aliases = [\"Biden\", \"we\"]");
    let (_, diags) = dossier::load::parse_registry("content/actors.toml", &bad);
    assert!(diags.iter().any(|d| d.to_string().contains("`we` is a pronoun")), "{:?}", diags.iter().map(|d| d.to_string()).collect::<Vec<_>>());
}

#[test]
fn identifiers_show_on_the_actor_page_and_in_json_ld_same_as() {
    let root = registry_dossier(REGISTRY, &[("a.md", dated("A", Some("2025-06-01"), "Trump spoke."))]);
    let (_tmp, site) = build(root.path());
    let doc = page(&site, "actors/donald-trump.html");
    assert_eq!(hrefs(&doc, ".identifiers a"), ["https://www.whitehouse.gov/", "https://www.wikidata.org/wiki/Q22686"]);
    let ld: serde_json::Value = serde_json::from_str(&select(&doc, "script[type=\"application/ld+json\"]")[0].inner_html()).unwrap();
    assert_eq!(ld["sameAs"], serde_json::json!(["https://www.wikidata.org/wiki/Q22686", "https://www.whitehouse.gov/"]));
    let biden = page(&site, "actors/joe-biden.html");
    assert!(select(&biden, ".identifiers").is_empty());
}

#[test]
fn pronouns_in_a_quote_are_nobody_but_names_in_it_are_mentions() {
    let body = "Trump said: “[I spoke with Zelensky and we agreed; my team and Putin’s will meet]{.quote by=donald-trump}.”";
    let root = registry_dossier(REGISTRY, &[("q.md", dated("Q", Some("2025-06-01"), body))]);
    assert!(check_messages(root.path()).is_empty());
    let (_tmp, site) = build(root.path());
    let doc = page(&site, "articles/q.html");
    // The names inside Trump's quote are mentions of the people named.
    assert_eq!(texts(&doc, "a.mention"), ["Trump", "Zelensky", "Putin"]);
    assert_eq!(hrefs(&doc, "a.mention"), ["../actors/donald-trump.html", "../actors/volodymyr-zelensky.html", "../actors/vladimir-putin.html"]);
    // "I", "we" and "my" are not linked to anyone, the speaker included.
    let html = read(&site.join("articles/q.html"));
    assert!(html.contains(">I spoke with <") && html.contains("and we agreed; my team"), "{html}");
    // The speaker's page counts the quote, not a mention from "I".
    let trump = page(&site, "actors/donald-trump.html");
    assert!(texts(&trump, ".stats")[0].starts_with("1 mention in 1 article"));
}

/// The whole curating loop on a dossier in a git repository: candidates,
/// reject, accept (alias and new actor), merge, redirect, diff.
#[test]
fn curating_round_trip_candidates_accept_reject_merge() {
    let mut registry = REGISTRY.to_string();
    registry.push_str(
        "\n[[actor]]\nid = \"v-zelensky\"   # a duplicate made by mistake\nname = \"Vladimir Zelensky\"\nkind = \"person\"\nwikidata = \"Q3874799\"\n",
    );
    let root = registry_dossier(
        &registry,
        &[
            (
                "one.md",
                dated(
                    "One",
                    Some("2025-06-01"),
                    "Sergei Lavrov met Kaja Kallas. Later Volodimir Zelenskiy spoke.\n\n[Vladimir Zelensky said no]{.quote by=v-zelensky}, and Sergei Lavrov agreed.",
                ),
            ),
            ("two.md", "+++\ntitle = \"Two\"\ndate = 2025-06-02\nactors = [\"v-zelensky\"]   # listed\n+++\n\nKaja Kallas spoke.\n".to_string()),
        ],
    );
    let dir = root.path();
    let git = |args: &[&str]| {
        let out = Command::new("git").args(args).current_dir(dir).output().expect("git runs");
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    git(&["init", "-q", "-b", "main"]);
    git(&["-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false", "add", "-A"]);
    git(&["-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "base"]);
    let registry_before = read(&dir.join("content/actors.toml"));

    // Candidates: counts, sentences with lines, suggestions; nothing merged.
    let list = dossier::actors::candidates(dir).unwrap();
    let names: Vec<&str> = list.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Kaja Kallas", "Sergei Lavrov", "Volodimir Zelenskiy"]);
    let lavrov = &list[1];
    assert_eq!((lavrov.count, lavrov.articles), (2, 1));
    assert_eq!(lavrov.sentences[0].path, "content/articles/one.md");
    assert_eq!(lavrov.sentences[0].line, 7);
    assert_eq!(lavrov.sentences[0].sentence, "Sergei Lavrov met Kaja Kallas.");
    assert_eq!(lavrov.sentences[1].sentence, "Vladimir Zelensky said no, and Sergei Lavrov agreed.");
    assert!(lavrov.by_spelling.is_empty() && lavrov.by_sound.is_empty());
    let zelenskiy = &list[2];
    assert_eq!(zelenskiy.by_spelling.iter().map(|s| s.actor.as_str()).collect::<Vec<_>>(), ["volodymyr-zelensky", "v-zelensky"]);
    assert_eq!(zelenskiy.by_spelling[0].spelling, "Volodymyr Zelensky");
    assert_eq!(zelenskiy.by_spelling[0].edits, 3);
    assert!(zelenskiy.by_sound.iter().any(|s| s.actor == "volodymyr-zelensky" && s.sound.is_some()));
    assert_eq!(read(&dir.join("content/actors.toml")), registry_before, "candidates must not change the registry");

    // Reject: stored in the dossier, and the name stays quiet afterwards.
    dossier::actors::reject(dir, "Sergei Lavrov").unwrap();
    let curation = read(&dir.join("content/curation.toml"));
    assert!(curation.ends_with("rejected = [\"Sergei Lavrov\"]\n"), "{curation}");
    assert!(dossier::actors::candidates(dir).unwrap().iter().all(|c| c.name != "Sergei Lavrov"));
    assert!(dossier::actors::reject(dir, "sergei lavrov").unwrap().contains("already rejected"));

    // Accept as an alias and as a new actor; comments and layout survive.
    dossier::actors::accept(dir, "Volodimir Zelenskiy", &dossier::actors::Accept::AliasOf("volodymyr-zelensky".into())).unwrap();
    dossier::actors::accept(dir, "Kaja Kallas", &dossier::actors::Accept::NewActor { id: "kaja-kallas".into(), kind: "person".into() }).unwrap();
    let edited = read(&dir.join("content/actors.toml"));
    assert!(edited.starts_with("# Test registry: this comment must survive every edit.\n"));
    assert!(edited.contains("aliases = [\"Zelensky\", \"Zelenskyy\", \"Volodimir Zelenskiy\"]   # keep this comment too"), "{edited}");
    assert!(edited.contains("[[actor]]\nid = \"kaja-kallas\"\nname = \"Kaja Kallas\"\nkind = \"person\"\naliases = []\n"), "{edited}");
    assert!(dossier::actors::candidates(dir).unwrap().is_empty());
    // A spelling of another actor is refused, and nothing is written.
    let refused = dossier::actors::accept(dir, "Trump", &dossier::actors::Accept::AliasOf("joe-biden".into())).unwrap_err();
    assert!(refused.iter().any(|d| d.message.contains("`Trump` is a spelling of both")), "{:?}", refused.iter().map(|d| d.to_string()).collect::<Vec<_>>());
    assert_eq!(read(&dir.join("content/actors.toml")), edited);

    // Merge the duplicate: annotations and front matter follow, the old page redirects.
    let report = dossier::actors::merge(dir, "v-zelensky", "volodymyr-zelensky").unwrap();
    assert_eq!(report.aliases_added, ["Vladimir Zelensky"]);
    assert_eq!(report.articles_rewritten.len(), 2);
    let merged = read(&dir.join("content/actors.toml"));
    assert!(!merged.contains("id = \"v-zelensky\"   # a duplicate"));
    assert!(merged.contains("[[merged]]\nid = \"v-zelensky\"\ninto = \"volodymyr-zelensky\"\n"), "{merged}");
    assert!(merged.contains("# ---- Ukraine\n[[actor]]\nid = \"volodymyr-zelensky\""));
    // Identifiers the old entry had move with it.
    let (registry, _) = dossier::load::parse_registry("content/actors.toml", &merged);
    let zelensky = registry.actors.iter().find(|a| a.id == "volodymyr-zelensky").unwrap();
    assert_eq!(zelensky.wikidata.as_deref(), Some("Q3874799"));
    assert!(read(&dir.join("content/articles/one.md")).contains("[Vladimir Zelensky said no]{.quote by=volodymyr-zelensky}"));
    assert!(read(&dir.join("content/articles/two.md")).contains("actors = [\"volodymyr-zelensky\"]   # listed"));
    let messages = check_messages(dir);
    assert!(messages.is_empty(), "{messages:?}");

    let (_tmp, site) = build(dir);
    let redirect = read(&site.join("actors/v-zelensky.html"));
    assert!(redirect.contains("<meta http-equiv=\"refresh\" content=\"0; url=volodymyr-zelensky.html\">"), "{redirect}");
    assert!(redirect.contains("<link rel=\"canonical\" href=\"https://example.org/test/actors/volodymyr-zelensky.html\">"));
    assert_eq!(hrefs(&page(&site, "actors/v-zelensky.html"), "main a"), ["volodymyr-zelensky.html"]);
    let one = page(&site, "articles/one.html");
    assert!(hrefs(&one, "a.mention").iter().filter(|h| h.ends_with("volodymyr-zelensky.html")).count() == 2);
    assert!(hrefs(&one, "a.mention").iter().any(|h| h.ends_with("kaja-kallas.html")));
    assert!(!read(&site.join("sitemap.xml")).contains("v-zelensky"));

    // The diff reads the merge as a merge, with the pages it affects.
    let diff = dossier::diff::diff(dir, "main", None).unwrap();
    let change = diff.actors.iter().find(|a| a.id == "v-zelensky").expect("the merged actor is in the diff");
    assert_eq!(change.merged_into.as_deref(), Some("volodymyr-zelensky"));
    assert!(change.pages.contains(&"actors/volodymyr-zelensky.html".to_string()));
    assert!(change.pages.contains(&"articles/one.html".to_string()), "{:?}", change.pages);
    let markdown = dossier::diff::markdown(&diff, dossier::diff::COMMENT_LIMIT);
    assert!(markdown.contains("v-zelensky (Vladimir Zelensky) merged into volodymyr-zelensky"), "{markdown}");
}

#[test]
fn the_seeds_role_mentions_resolve_in_the_example_site() {
    let messages = check_messages(&repo());
    assert!(messages.iter().all(|m| !m.contains("role") && !m.contains("ambiguous")), "{messages:?}");
    let (_tmp, site) = build_example();
    let links = role_links(&site, "articles/unknown-2025-02-12-trump-putin-zelenskiy-calls.html");
    for (href, text) in [
        ("../actors/vladimir-putin.html", "Russian President"),
        ("../actors/volodymyr-zelensky.html", "Ukrainian leader"),
        ("../actors/pete-hegseth.html", "Trump's defense secretary"),
    ] {
        assert!(links.contains(&(href.to_string(), text.to_string())), "{text} -> {href} not in {links:?}");
    }
    let links = role_links(&site, "articles/unknown-2025-08-18-white-house-talks.html");
    for (href, text) in [
        ("../actors/volodymyr-zelensky.html", "Ukrainian president"),
        ("../actors/vladimir-putin.html", "Russian leader"),
        ("../actors/donald-trump.html", "US president"),
    ] {
        assert!(links.contains(&(href.to_string(), text.to_string())), "{text} -> {href} not in {links:?}");
    }
    let links = role_links(&site, "articles/axios-citing-2025-12-06-witkoff-kushner-call.html");
    assert_eq!(links, [("../actors/kirill-dmitriev.html".to_string(), "head of Russia's sovereign wealth fund".to_string())]);
    // "Russian President Vladimir Putin" in the same article is a title, linked once by name.
    let axios = page(&site, "articles/axios-citing-2025-12-06-witkoff-kushner-call.html");
    assert!(texts(&axios, "a.mention").iter().any(|t| t == "Vladimir Putin"));
    assert!(!texts(&axios, "a.mention.from-role").iter().any(|t| t.starts_with("Russian President")));
}

#[test]
fn a_rejected_name_is_not_proposed_by_import_either() {
    let root = registry_dossier(REGISTRY, &[]);
    let raw = root.path().join("raw");
    std::fs::create_dir_all(&raw).unwrap();
    std::fs::write(raw.join("a.txt"), "Talks in Geneva\n\nSergei Lavrov met Kaja Kallas in Geneva on Monday, and Trump called.\n").unwrap();
    std::fs::write(raw.join("b.txt"), "More talks\n\nKaja Kallas and Sergei Lavrov spoke again, said Rustem Umerov.\n").unwrap();
    dossier::actors::reject(root.path(), "Sergei Lavrov").unwrap();
    let report = dossier::import::import(root.path(), &[raw], &dossier::import::ImportOptions { force: false, progress: false });
    let names: Vec<&str> = report.candidates.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Kaja Kallas", "Rustem Umerov"]);
}
