//! `dossier suggest` on real inputs: the example dossier's seed articles, and
//! the labelled set (seeds + invented look-alike events) in
//! tests/fixtures/linking/. Quality figures for benches/LINKING.md come from
//! `cargo test --test linking -- --nocapture labelled_set_quality`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use dossier::suggest::{self, Options, Status, Suggestions};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

/// A temporary dossier: the example dossier's registries and articles, plus
/// the invented articles of the labelled set when `labelled`.
fn temp_dossier(labelled: bool, config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("dossier.toml"), format!("title = \"Linking test\"\n{config}")).unwrap();
    copy_dir(&repo().join("seeds"), &root.join("seeds"));
    copy_dir(&repo().join("content/articles"), &root.join("content/articles"));
    for f in ["actors.toml", "events.toml"] {
        std::fs::copy(repo().join("content").join(f), root.join("content").join(f)).unwrap();
    }
    if labelled {
        copy_dir(&repo().join("tests/fixtures/linking/articles"), &root.join("content/articles"));
    }
    dir
}

/// `dossier suggest` on a loaded dossier, with the run's one actor matcher.
fn run_suggest(dossier: &dossier::load::Dossier, options: &Options) -> suggest::Suggestions {
    suggest::suggest(dossier, &dossier::annotate::ActorMatcher::of(dossier), options)
}

fn load(root: &Path) -> dossier::load::Dossier {
    let (dossier, diags) = dossier::load::load(&dossier::load::Folder::new(root));
    assert!(!diags.has_errors(), "{:?}", diags.iter().collect::<Vec<_>>());
    dossier
}

fn labels() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(repo().join("tests/fixtures/linking/labels.toml")).unwrap();
    let table: toml::Table = toml::from_str(&text).unwrap();
    table["labels"].as_table().unwrap().iter().map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string())).collect()
}

fn predicted_pairs(s: &Suggestions) -> BTreeSet<(String, String)> {
    let mut pairs = BTreeSet::new();
    for a in &s.articles {
        for r in &a.related {
            let (x, y) = if a.slug < r.slug { (&a.slug, &r.slug) } else { (&r.slug, &a.slug) };
            pairs.insert((x.clone(), y.clone()));
        }
    }
    pairs
}

fn true_pairs(labels: &BTreeMap<String, String>) -> BTreeSet<(String, String)> {
    let mut pairs = BTreeSet::new();
    for (a, ea) in labels {
        for (b, eb) in labels {
            if a < b && ea == eb {
                pairs.insert((a.clone(), b.clone()));
            }
        }
    }
    pairs
}

fn related<'a>(s: &'a Suggestions, a: &str, b: &str) -> Option<&'a suggest::Related> {
    s.articles.iter().find(|x| x.slug == a)?.related.iter().find(|r| r.slug == b)
}

const FOX: &str = "fox-citing-2025-12-27-mar-a-lago-call";
const LATER: &str = "unknown-2026-01-03-mar-a-lago-meeting";

#[test]
fn the_two_mar_a_lago_seeds_are_linked_as_near_duplicates_with_their_passages() {
    let dossier = load(&repo());
    let s = run_suggest(&dossier, &Options::default());
    for (a, b) in [(FOX, LATER), (LATER, FOX)] {
        let r = related(&s, a, b).unwrap_or_else(|| panic!("{a} should list {b}:\n{}", suggest::text(&s)));
        let nd = r.near_duplicate.as_ref().unwrap_or_else(|| panic!("{a} and {b} should be near-duplicates"));
        assert_eq!(nd.kind, "rewrite", "paraphrases, not copies");
        assert!(r.evidence.places.iter().any(|p| p == "Mar-a-Lago"), "{:?}", r.evidence);
        assert!(r.evidence.figures.iter().any(|f| f == "90%"), "{:?}", r.evidence);
        assert_eq!(r.evidence.days_apart, Some(0), "both are about 28 December");
        let mine = s.articles.iter().find(|x| x.slug == a).unwrap();
        assert!(
            mine.passages.iter().any(|p| p.kind == "quote" && p.other == b && p.here.contains("Putin") && p.there.contains("achievement")),
            "{:?}",
            mine.passages
        );
        // A figure with what it counts is a shared passage; a year alone ("2020") is not.
        // Shown as the text writes it ("more than five years"), matched as "5 year".
        assert!(mine.passages.iter().any(|p| p.figure.as_deref() == Some("five years") && p.other == b), "{:?}", mine.passages);
        assert!(mine.passages.iter().all(|p| p.figure.as_deref().is_none_or(|f| !f.chars().all(|c| c.is_ascii_digit()))), "{:?}", mine.passages);
    }
    // The other seeds are about other events, months apart.
    let other: Vec<_> = s.articles.iter().filter(|a| a.slug != FOX && a.slug != LATER).flat_map(|a| a.related.iter()).collect();
    assert!(other.is_empty(), "{}", suggest::text(&s));
    // Both Mar-a-Lago seeds resolve to the day of the meeting, one from "on Sunday", one from "Dec. 28, 2025".
    for slug in [FOX, LATER] {
        assert_eq!(s.articles.iter().find(|a| a.slug == slug).unwrap().day.as_deref(), Some("2025-12-28"));
    }
}

#[test]
fn look_alike_events_are_kept_apart() {
    let dir = temp_dossier(true, "");
    let s = run_suggest(&load(dir.path()), &Options::default());
    let labels = labels();
    let look_alikes = [
        ("mar-a-lago-2025-12-28", "mar-a-lago-2026-01-10"),
        ("white-house-2025-08-18", "white-house-2025-10-17"),
        ("witkoff-putin-moscow-2025-12-02", "witkoff-putin-moscow-2025-08-06"),
        ("miami-call-2025-12-06", "miami-talks-2025-12-20"),
        ("calls-2025-02-12", "trump-putin-call-2025-03-18"),
    ];
    for (a, b) in predicted_pairs(&s) {
        let (ea, eb) = (&labels[&a], &labels[&b]);
        for (x, y) in look_alikes {
            assert!(!((ea == x && eb == y) || (ea == y && eb == x)), "{a} ({ea}) and {b} ({eb}) are look-alikes but were linked:\n{}", suggest::text(&s));
        }
    }
    // The second Mar-a-Lago meeting is its own event: its two reports are linked to each other.
    assert!(related(&s, "wire-2026-01-11-mar-a-lago-second-meeting", "daily-2026-01-12-zelensky-returns-mar-a-lago").is_some());
}

#[test]
fn labelled_set_quality() {
    let dir = temp_dossier(true, "");
    let dossier = load(dir.path());
    let labels = labels();
    let slugs: BTreeSet<&String> = dossier.articles.iter().map(|a| &a.slug).collect();
    assert_eq!(slugs, labels.keys().collect(), "labels.toml must label every article of the set");
    let truth = true_pairs(&labels);
    println!("labelled set: {} articles, {} true same-event pairs of {} pairs", labels.len(), truth.len(), labels.len() * (labels.len() - 1) / 2);
    println!("| min score | predicted pairs | true positives | precision | recall | F1 |\n|---:|---:|---:|---:|---:|---:|");
    let mut at_default = None;
    for min in [0.2f32, 0.25, 0.3, 0.35, 0.4, 0.5] {
        let s = run_suggest(&dossier, &Options { min_score: min });
        let predicted = predicted_pairs(&s);
        let tp = predicted.intersection(&truth).count() as f64;
        let precision = if predicted.is_empty() { 1.0 } else { tp / predicted.len() as f64 };
        let recall = tp / truth.len() as f64;
        let f1 = if tp == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
        println!("| {min:.2} | {} | {tp} | {precision:.3} | {recall:.3} | {f1:.3} |", predicted.len());
        if (min - suggest::DEFAULT_MIN_SCORE).abs() < 1e-6 {
            at_default = Some((precision, recall, f1));
            for p in predicted.difference(&truth) {
                println!("  false positive: {} / {}", p.0, p.1);
            }
            for p in truth.difference(&predicted) {
                println!("  missed: {} / {}", p.0, p.1);
            }
        }
    }
    let (precision, recall, f1) = at_default.expect("the default threshold is in the sweep");
    assert!(precision >= 0.85 && recall >= 0.8 && f1 >= 0.85, "precision {precision:.3}, recall {recall:.3}, F1 {f1:.3}");
}

#[test]
fn suggestions_are_deterministic_across_runs_and_thread_counts() {
    let dir = temp_dossier(true, "");
    let dossier = load(dir.path());
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| suggest::json(&run_suggest(&dossier, &Options::default())))
    };
    let one = run(1);
    assert_eq!(one, run(4));
    assert_eq!(one, run(1));
    assert!(one.contains("near_duplicate"));
}

/// Lines of `before` missing from `after` and lines of `after` missing from `before`.
fn changed_lines(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let diff = similar::TextDiff::from_lines(before, after);
    let mut removed = Vec::new();
    let mut added = Vec::new();
    for change in diff.iter_all_changes() {
        match change.tag() {
            similar::ChangeTag::Delete => removed.push(change.value().to_string()),
            similar::ChangeTag::Insert => added.push(change.value().to_string()),
            similar::ChangeTag::Equal => {}
        }
    }
    (removed, added)
}

#[test]
fn write_edits_only_the_events_line_and_the_result_checks() {
    let dir = temp_dossier(true, "");
    let root = dir.path();
    let articles = root.join("content/articles");
    let before: BTreeMap<String, String> = std::fs::read_dir(&articles)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    let events_before = std::fs::read_to_string(root.join("content/events.toml")).unwrap();

    let dossier = load(root);
    let s = run_suggest(&dossier, &Options::default());
    let (written, diags) = suggest::write(&dossier, &s, suggest::DEFAULT_MIN_SCORE);
    assert!(diags.is_empty(), "{:?}", diags.iter().collect::<Vec<_>>());
    assert!(!written.articles.is_empty(), "{}", suggest::text(&s));
    assert!(!written.new_events.is_empty(), "the invented events are not in the registry: new ones are proposed");

    let mut changed = 0;
    for (name, old) in &before {
        let new = std::fs::read_to_string(articles.join(name)).unwrap();
        if &new == old {
            continue;
        }
        changed += 1;
        let (removed, added) = changed_lines(old, &new);
        assert_eq!(added.len(), 1, "{name}: one line added or replaced, got {added:?}");
        assert!(added[0].starts_with("events = ["), "{name}: {added:?}");
        assert!(removed.len() <= 1 && removed.iter().all(|l| l.starts_with("events = [")), "{name}: {removed:?}");
    }
    assert_eq!(changed, written.articles.len());

    // The registry only grew at its end, and the edited dossier checks clean.
    let events_after = std::fs::read_to_string(root.join("content/events.toml")).unwrap();
    assert!(events_after.starts_with(&events_before));
    for id in &written.new_events {
        assert!(events_after.contains(&format!("id = \"{id}\"")));
    }
    let diags = dossier::check(root);
    assert!(!diags.has_errors(), "{:?}", diags.iter().collect::<Vec<_>>());

    // What was written is now declared: a second run has nothing to add.
    let dossier = load(root);
    let s = run_suggest(&dossier, &Options::default());
    let (again, _) = suggest::write(&dossier, &s, suggest::DEFAULT_MIN_SCORE);
    assert!(again.articles.is_empty() && again.new_events.is_empty(), "{again:?}");
    // The look-alike second Mar-a-Lago meeting got its own new event, not the 28 December one.
    let second = dossier.articles.iter().find(|a| a.slug == "wire-2026-01-11-mar-a-lago-second-meeting").unwrap();
    assert!(!second.events.iter().any(|(e, _)| e == "mar-a-lago-meeting-2025-12-28"), "{:?}", second.events);
    assert!(s.articles.iter().all(|a| a.events.iter().all(|e| e.status == Status::Declared)));
}

#[test]
fn write_records_a_group_no_article_gives_a_day_for_as_an_event_with_no_date_and_the_site_says_so() {
    // Two undated rewrites of one report: one group, and no day for its event.
    let report = "The finance ministers of the alliance agreed in Oslo on a fund of 40 billion euros for the reconstruction of the port of Odesa, \
                  and the Norwegian minister Kari Lunde said the first payments would reach the port authority within weeks.";
    let dir = crate::common::dossier(&[
        ("one.md", &format!("+++\ntitle = \"Ministers agree on Odesa port fund\"\n+++\n\n{report}\n")),
        ("two.md", &format!("+++\ntitle = \"Odesa port fund agreed in Oslo\"\n+++\n\n{report} The fund is the largest of its kind.\n")),
    ]);
    let root = dir.path();
    let dossier = load(root);
    let s = run_suggest(&dossier, &Options::default());
    let undated = s.new_events.iter().find(|e| e.date.is_none()).expect("an undated group").clone();
    let (written, diags) = suggest::write(&dossier, &s, suggest::DEFAULT_MIN_SCORE);
    assert_eq!(written.new_events, vec![undated.id.clone()]);
    assert_eq!(written.articles.len(), 2, "{written:?}");
    let said: Vec<String> = diags.iter().map(|d| format!("{}: {}", d.message, d.hint.clone().unwrap_or_default())).collect();
    assert!(
        said.iter().any(|m| m.contains(&format!("event `{}` added without a date: none of its 2 articles gives a day", undated.id)) && m.contains("date = YYYY-MM-DD")),
        "{said:?}"
    );
    assert!(!diags.has_errors());

    // The registry holds it with no date; `check` says so, and nothing else is wrong.
    let events = std::fs::read_to_string(root.join("content/events.toml")).unwrap();
    let block = &events[events.find(&format!("id = \"{}\"", undated.id)).unwrap()..];
    assert!(!block.contains("\ndate = "), "{block}");
    let checked = dossier::check(root);
    assert!(!checked.has_errors(), "{:?}", checked.iter().collect::<Vec<_>>());
    assert!(checked.iter().any(|d| d.message == format!("event `{}` has no date", undated.id)), "{:?}", checked.iter().collect::<Vec<_>>());

    // A second run has nothing to add: both articles declare the event.
    let dossier = load(root);
    let again = run_suggest(&dossier, &Options::default());
    let (more, _) = suggest::write(&dossier, &again, suggest::DEFAULT_MIN_SCORE);
    assert!(more.articles.is_empty() && more.new_events.is_empty(), "{more:?}");

    // The site builds, and the event's page and the list of events say the day is unknown.
    let out = root.join("public");
    dossier::build(root, &dossier::BuildOptions { out: Some(out.clone()), ..Default::default() }).expect("the dossier builds");
    let page = std::fs::read_to_string(out.join(format!("events/{}.html", undated.id))).unwrap();
    assert!(page.contains("date unknown"), "the event page gives no word on its day");
    assert!(!page.contains("datetime=\"\""), "an empty machine-readable date");
    let list = std::fs::read_to_string(out.join("events/index.html")).unwrap();
    assert!(list.contains("date unknown") && list.contains(&format!("events/{}.html", undated.id)));
}

#[test]
fn write_refuses_a_file_changed_since_it_was_read() {
    let dir = temp_dossier(true, "");
    let root = dir.path();
    let dossier = load(root);
    let s = run_suggest(&dossier, &Options::default());
    let target = s.articles.iter().find(|a| a.events.iter().any(|e| e.status != Status::Declared)).expect("something to write");
    let path = root.join("content/articles").join(format!("{}.md", target.slug));
    let edited = std::fs::read_to_string(&path).unwrap() + "\nAn edit made meanwhile.\n";
    std::fs::write(&path, &edited).unwrap();
    let (written, diags) = suggest::write(&dossier, &s, suggest::DEFAULT_MIN_SCORE);
    assert!(diags.has_errors());
    assert!(!written.articles.iter().any(|(p, _)| p.contains(&target.slug)));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
}

#[test]
fn readers_get_see_also_links_and_the_preview_gets_the_evidence() {
    let dir = temp_dossier(false, "[link]\nshow_suggestions = true\n");
    let out = dir.path().join("public");
    dossier::build(dir.path(), &dossier::BuildOptions { out: Some(out.clone()), ..Default::default() }).expect("the example dossier builds");
    for (page, other) in [(FOX, LATER), (LATER, FOX)] {
        let html = std::fs::read_to_string(out.join(format!("articles/{page}.html"))).unwrap();
        // The published page names the near-duplicate as a link to read, not as tool output.
        let block = &html[html.find("id=\"h-see-also\"").unwrap_or_else(|| panic!("{page} has no see-also block"))..];
        let block = &block[..block.find("</section>").unwrap()];
        assert!(block.contains(&format!("articles/{other}.html")), "{page} should link {other}");
        for tool_output in ["h-suggested", "similarity", "Same figure", "Same quote", "score"] {
            assert!(!html.contains(tool_output), "{page} shows readers `{tool_output}`");
        }
    }
    // The live preview shows the analyst the suggestions with their evidence, whatever `[link]` says.
    let plain = temp_dossier(false, "");
    let linked = dossier::pipeline::run(&dossier::load::Folder::new(plain.path()), &dossier::pipeline::Options { preview: true, ..Default::default() });
    let (rendered, diagnostics) = dossier::render::render(&linked.site);
    assert!(!diagnostics.has_errors());
    let page = rendered.iter().find(|f| f.path == format!("articles/{FOX}.html")).expect("the article page");
    let html = String::from_utf8_lossy(&page.bytes);
    let block = &html[html.find("id=\"h-suggested\"").expect("the preview's suggestions block")..];
    assert!(block.contains("Near-duplicate of") || block.contains("near-duplicate of"), "{block}");
    assert!(block.contains(&format!("articles/{LATER}.html")));
    assert!(block.contains("Same figure (90%)") && block.contains("Same quote"), "{block}");
    // Without the setting, a published page has neither.
    let out = plain.path().join("public");
    dossier::build(plain.path(), &dossier::BuildOptions { out: Some(out.clone()), ..Default::default() }).unwrap();
    let html = std::fs::read_to_string(out.join(format!("articles/{FOX}.html"))).unwrap();
    assert!(!html.contains("h-suggested") && !html.contains("h-see-also"));
}
