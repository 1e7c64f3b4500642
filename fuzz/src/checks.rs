//! The properties the fuzz targets check, one function per target. Shared by
//! the libFuzzer targets (`fuzz_targets/`) and by `tests/it/fuzz_corpus.rs`,
//! which replays the committed corpora on every `cargo test`.

use std::sync::OnceLock;

/// The example dossier's actor registry, parsed once.
pub fn actors() -> Vec<dossier::load::Actor> {
    static ACTORS: OnceLock<Vec<dossier::load::Actor>> = OnceLock::new();
    ACTORS.get_or_init(|| dossier::load::parse_actors("content/actors.toml", include_str!("../../content/actors.toml")).0).clone()
}

/// Any bytes as an article file, in a dossier held in memory with the
/// example's actor registry: loading, annotation markup, Markdown, actor
/// matching and linking never panic, and no annotation marker or script
/// element reaches the rendered body.
pub fn article(data: &[u8]) {
    let dossier = dossier::load::Memory::new([
        ("content/actors.toml", include_bytes!("../../content/actors.toml").to_vec()),
        ("content/articles/fuzz.md", data.to_vec()),
    ]);
    let linked = dossier::pipeline::run(&dossier, &Default::default());
    for article in &linked.site.articles {
        for part in &article.body {
            if let dossier::annotate::BodyPart::Html(html) = part {
                // Annotation markers live in planes 15 and 16; none may reach a page.
                assert!(!html.chars().any(|c| c as u32 >= 0xF0000), "marker leaked into HTML");
                assert!(!html.to_ascii_lowercase().contains("<script"), "script element in HTML");
            }
        }
    }
    for d in linked.diagnostics.iter() {
        let _ = d.render(false);
    }
}

/// Any text through the actor matcher: hits are in order, do not overlap,
/// fall on character boundaries and spell one of the actor's names.
pub fn matcher(text: &str) {
    static MATCHER: OnceLock<(Vec<dossier::load::Actor>, dossier::annotate::ActorMatcher)> = OnceLock::new();
    let (actors, matcher) = MATCHER.get_or_init(|| {
        let actors = actors();
        let matcher = dossier::annotate::ActorMatcher::new(&actors);
        (actors, matcher)
    });
    let mut last = 0;
    for hit in matcher.find(text) {
        assert!(hit.start >= last && hit.start < hit.end, "overlapping or empty hit");
        assert!(text.is_char_boundary(hit.start) && text.is_char_boundary(hit.end));
        let found = dossier::text::fold(&text[hit.start..hit.end]);
        let dossier::annotate::Named::Actor(i) = hit.named else { panic!("a matcher without roles found a role") };
        let actor = &actors[i];
        let spellings: Vec<String> = std::iter::once(&actor.name).chain(&actor.aliases).map(|s| dossier::text::fold(s)).collect();
        assert!(spellings.contains(&found), "{found:?} is not a spelling of {}", actor.id);
        last = hit.end;
    }
}

/// Any text as actors.toml and events.toml: errors, never panics.
pub fn registry(text: &str) {
    let (_, diagnostics) = dossier::load::parse_actors("content/actors.toml", text);
    for d in diagnostics.iter() {
        let _ = d.render(false);
    }
    let (_, diagnostics) = dossier::load::parse_events("content/events.toml", text);
    for d in diagnostics.iter() {
        let _ = d.render(false);
    }
}

/// Any bytes as a file to import (as text, HTML or Markdown, chosen by the
/// first byte): the importer refuses or imports, never panics, and what it
/// makes of text and HTML is an article the build accepts without errors.
/// Markdown keeps its own annotations, mistakes included (the import warns
/// about them; events and cross-references it cannot know), so for Markdown
/// only the absence of panics is checked; see FUZZING.md.
pub fn import(data: &[u8]) {
    let Some((&kind, content)) = data.split_first() else { return };
    let name = ["input.txt", "input.html", "input.md", "input"][kind as usize % 4];
    let dir = tempfile::tempdir().expect("temporary folder");
    let root = dir.path().join("dossier");
    std::fs::create_dir_all(root.join("content/articles")).expect("folders");
    std::fs::write(root.join("dossier.toml"), "title = \"Fuzz\"\n").expect("config");
    std::fs::write(root.join("content/actors.toml"), include_str!("../../content/actors.toml")).expect("registry");
    let input = dir.path().join(name);
    std::fs::write(&input, content).expect("input");
    let report = dossier::import::import(&root, &[input], &dossier::import::ImportOptions { force: false, progress: false });
    let head = String::from_utf8_lossy(&content[..content.len().min(64)]).trim_start().to_string();
    let sniffed_markdown = ["+++", "---", "# "].iter().any(|p| head.starts_with(p));
    let markdown = name.ends_with(".md") || (name == "input" && sniffed_markdown);
    if report.failed() || markdown {
        return;
    }
    let problems: Vec<String> = dossier::check(&root).iter().filter(|d| d.severity == dossier::diagnostics::Severity::Error).map(|d| d.to_string()).collect();
    assert!(problems.is_empty(), "an imported article does not build: {problems:?}");
}
