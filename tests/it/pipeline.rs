//! One pipeline: `build`, `serve` and `diff` read a dossier through the
//! same loader and layout rules and run the same stages, so they give the
//! same answer about it, here on two cases where separate loaders drifted
//! apart (two files with one slug; the same dossier laid out differently).

use std::collections::BTreeMap;
use std::path::Path;

use crate::diff::Repo;

fn article(title: &str) -> String {
    format!("+++\ntitle = \"{title}\"\noutlet = \"Wire\"\ndate = 2025-12-28\n+++\n\n{title}: the talks went on for two hours.\n")
}

/// The site's files, without the build record (its fingerprint differs between builds).
fn site_files(site: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = crate::common::snapshot(site);
    files.remove(".dossier-site");
    files
}

#[test]
fn two_files_with_one_slug_are_refused_alike_by_build_serve_and_diff() {
    let repo = Repo::new();
    repo.write("dossier.toml", "title = \"Collisions\"\n");
    repo.write("content/articles/talks.md", article("Talks in Miami"));
    repo.write("content/articles/other.md", article("Other talks"));
    let base = repo.commit("one article per slug");
    repo.write("content/articles/TALKS.md", article("Talks in Miami, again"));
    let head = repo.commit("a second file with the slug `talks`");
    let refusal = "`content/articles/TALKS.md` and `content/articles/talks.md` would both be published as articles/talks.html";

    // build (and check): an error, and neither file is published.
    let sites = tempfile::tempdir().unwrap();
    let out = sites.path().join("site");
    let failure = dossier::build(repo.path(), &dossier::BuildOptions { out: Some(out.clone()), ..Default::default() }).unwrap_err();
    assert!(failure.diagnostics.iter().any(|d| d.severity == dossier::diagnostics::Severity::Error && d.message == refusal), "{failure:?}");
    let kept = dossier::build(repo.path(), &dossier::BuildOptions { out: Some(out.clone()), keep_going: true, ..Default::default() }).unwrap();
    assert!(kept.diagnostics.iter().any(|d| d.message == refusal));
    assert!(!out.join("articles/talks.html").exists() && out.join("articles/other.html").is_file());
    assert_eq!(dossier::check(repo.path()).iter().filter(|d| d.message == refusal).count(), 1);

    // diff: the same error is new in the head, and the article is an edit with that error, not a removal.
    let d = repo.json(&base, Some(&head));
    assert!(d["new_problems"].as_array().unwrap().iter().any(|p| p["message"] == refusal && p["severity"] == "error"), "{d:#}");
    let talks: Vec<&serde_json::Value> = d["articles"].as_array().unwrap().iter().filter(|a| a["slug"] == "talks").collect();
    assert_eq!(talks.len(), 1, "{d:#}");
    assert_eq!(talks[0]["status"], "edited");
    assert!(talks[0]["errors"].as_array().unwrap().iter().any(|e| e.as_str().unwrap().contains(refusal)), "{:#}", talks[0]);

    // serve: the same error, and nothing written.
    #[cfg(unix)]
    {
        let server = crate::serve::Server::start_with(|root| {
            for path in ["dossier.toml", "content/articles/talks.md", "content/articles/TALKS.md", "content/articles/other.md"] {
                std::fs::create_dir_all(root.join(path).parent().unwrap()).unwrap();
                std::fs::copy(repo.path().join(path), root.join(path)).unwrap();
            }
        });
        assert!(server.log().contains(refusal), "{}", server.log());
        assert!(!server.site.join("articles/talks.html").exists() && !server.site.join("articles/other.html").exists());
    }
}

#[test]
fn a_dossier_laid_out_differently_is_the_same_dossier_to_build_serve_and_diff() {
    let example = crate::common::repo();
    let articles: Vec<String> = std::fs::read_dir(example.join("content/articles"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".md"))
        .collect();
    assert!(articles.len() >= 5);
    let repo = Repo::new();
    for file in ["dossier.toml", "content/actors.toml", "content/events.toml"] {
        repo.write(file, std::fs::read(example.join(file)).unwrap());
    }
    for name in &articles {
        repo.write(&format!("content/articles/{name}"), std::fs::read(example.join("content/articles").join(name)).unwrap());
    }
    let flat = repo.commit("articles in one folder");
    let sites = tempfile::tempdir().unwrap();
    let flat_site = sites.path().join("flat");
    dossier::build(repo.path(), &dossier::BuildOptions { out: Some(flat_site.clone()), ..Default::default() }).unwrap();

    // The same articles in folders of their own, beside files that are not
    // articles: a hidden draft and a note.
    for (i, name) in articles.iter().enumerate() {
        let folder = if i % 2 == 0 { "2025/12" } else { "wires" };
        std::fs::create_dir_all(repo.path().join("content/articles").join(folder)).unwrap();
        repo.git(&["mv", &format!("content/articles/{name}"), &format!("content/articles/{folder}/{name}")]);
    }
    repo.write("content/articles/.drafts/draft.md", article("A draft"));
    repo.write("content/articles/wires/notes.txt", "to read again\n");
    let nested = repo.commit("articles in folders");
    let nested_site = sites.path().join("nested");
    dossier::build(repo.path(), &dossier::BuildOptions { out: Some(nested_site.clone()), ..Default::default() }).unwrap();

    // build: the same site, byte for byte.
    let flat_files = site_files(&flat_site);
    assert!(flat_files.keys().filter(|p| p.starts_with("articles/")).count() > articles.len());
    assert_eq!(flat_files, site_files(&nested_site));

    // diff: no article, mention or problem changed.
    let d = repo.json(&flat, Some(&nested));
    for list in ["articles", "mentions", "new_problems", "fixed_problems"] {
        assert_eq!(d[list], serde_json::json!([]), "{list}: {d:#}");
    }

    // serve: the same site again, with the analyst's suggestions.
    #[cfg(unix)]
    {
        let server = crate::serve::Server::start_with(|root| {
            for entry in walkdir::WalkDir::new(repo.path()).into_iter().filter_entry(|e| e.file_name() != ".git") {
                let entry = entry.unwrap();
                let rel = entry.path().strip_prefix(repo.path()).unwrap();
                if entry.file_type().is_file() {
                    std::fs::create_dir_all(root.join(rel).parent().unwrap()).unwrap();
                    std::fs::copy(entry.path(), root.join(rel)).unwrap();
                }
            }
        });
        assert!(server.log().contains("rebuilt (full)"), "{}", server.log());
        // The preview adds the analyst's suggestions; the rest is the build's.
        let served = crate::common::without_preview_tools(site_files(&server.site));
        let differ: Vec<&String> = flat_files.keys().chain(served.keys()).filter(|p| flat_files.get(*p) != served.get(*p)).collect();
        assert!(differ.is_empty(), "served pages differ from the build: {differ:?}");
    }
}

#[test]
fn the_example_held_in_memory_renders_the_site_built_from_its_folder() {
    let example = crate::common::repo();
    let mut files = Vec::new();
    for top in ["dossier.toml", "content", "templates", "theme"] {
        for entry in walkdir::WalkDir::new(example.join(top)) {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                let rel = entry.path().strip_prefix(&example).unwrap().to_string_lossy().replace('\\', "/");
                files.push((rel, std::fs::read(entry.path()).unwrap()));
            }
        }
    }
    let linked = dossier::pipeline::run(&dossier::load::Memory::new(files), &Default::default());
    assert!(!linked.diagnostics.has_errors(), "{:?}", linked.diagnostics);
    let (rendered, diagnostics) = dossier::render::render(&linked.site);
    assert!(!diagnostics.has_errors());
    let rendered: BTreeMap<String, Vec<u8>> = rendered.into_iter().map(|f| (f.path, f.bytes)).collect();
    let (_tmp, built) = crate::common::build_example();
    assert_eq!(rendered.keys().collect::<Vec<_>>(), site_files(&built).keys().collect::<Vec<_>>());
    assert!(rendered == site_files(&built), "a page differs between the dossier in memory and on disk");
}
