//! The properties the fuzz targets check, one function per target. Shared by
//! the libFuzzer targets (`fuzz_targets/`) and by `tests/it/fuzz_corpus.rs`,
//! which replays the committed corpora on every `cargo test`.
//!
//! Everything an input does not change is made once per process, in a
//! static: the example registry, its actor matcher, a linked site to put
//! each fuzzed article into, the importer. Each input then costs only its
//! own work (thousands of inputs a second instead of tens).

use std::sync::OnceLock;

use dossier::pipeline::Linked;

/// The example dossier's actor registry, parsed once.
pub fn actors() -> Vec<dossier::load::Actor> {
    static ACTORS: OnceLock<Vec<dossier::load::Actor>> = OnceLock::new();
    ACTORS.get_or_init(|| dossier::load::parse_actors("content/actors.toml", include_str!("../../content/actors.toml")).0).clone()
}

/// Where a fuzzed article lives in the site below.
const ARTICLE: &str = "content/articles/fuzz.md";

/// A dossier with the example registries and one placeholder article at
/// [`ARTICLE`], run through the pipeline once: each input is read and
/// annotated in its place, as the live preview does after an edit.
fn site() -> &'static Linked {
    static SITE: OnceLock<Linked> = OnceLock::new();
    SITE.get_or_init(|| {
        let dossier = dossier::load::Memory::new([
            ("content/actors.toml", include_bytes!("../../content/actors.toml").to_vec()),
            ("content/events.toml", include_bytes!("../../content/events.toml").to_vec()),
            (ARTICLE, b"+++\ntitle = \"Placeholder\"\n+++\n\nText.\n".to_vec()),
        ]);
        dossier::pipeline::run(&dossier, &Default::default())
    })
}

/// Load and annotate `text` as the site's article, then link it: the
/// diagnostics, and whether it was annotated without errors. The site holds
/// only this article, so linking it alone against the site's registries
/// checks what relinking the whole site would (links and cross-references
/// to articles it does not have), for one article's work.
fn annotate(text: &[u8], check: impl Fn(&dossier::annotate::Article)) -> (dossier::diagnostics::Diagnostics, bool) {
    let linked = site();
    let tree = dossier::load::Memory::new([(ARTICLE, text.to_vec())]);
    let reloaded = dossier::pipeline::reload(&tree, &linked.site, &linked.matcher, &[ARTICLE.to_string()]);
    let mut diagnostics = reloaded.diagnostics;
    let annotated = !reloaded.articles.is_empty() && reloaded.failed.is_empty();
    let articles: Vec<dossier::annotate::Article> = reloaded.articles.into_iter().map(|(_, article)| article).collect();
    for article in &articles {
        check(article);
    }
    diagnostics.extend(dossier::link::link(&linked.site.dossier, &articles).1);
    for d in diagnostics.iter() {
        let _ = d.render(false);
    }
    (diagnostics, annotated)
}

/// Any bytes as an article file of a dossier with the example's registries:
/// loading, front matter, annotation markup, Markdown, actor matching and
/// linking never panic, and no annotation marker or script element reaches
/// the rendered body; every diagnostic renders.
pub fn article(data: &[u8]) {
    annotate(data, |article| {
        for part in &article.body {
            if let dossier::annotate::BodyPart::Html(html) = part {
                // Annotation markers live in planes 15 and 16; none may reach a page.
                assert!(!html.chars().any(|c| c as u32 >= 0xF0000), "marker leaked into HTML");
                assert!(!html.to_ascii_lowercase().contains("<script"), "script element in HTML");
            }
        }
    });
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

/// The importer with the example registry, made once.
fn importer() -> &'static dossier::import::Importer {
    static IMPORTER: OnceLock<dossier::import::Importer> = OnceLock::new();
    IMPORTER.get_or_init(|| dossier::import::Importer::new(actors()))
}

/// Import `bytes` as a file named `name`: refused or made into an article,
/// never a panic. What it makes of text and HTML must build: the importer
/// neutralises their annotation delimiters, so the new article loads and
/// annotates without an error. Markdown keeps its own annotations, mistakes
/// included (the import warns about them; events and cross-references it
/// cannot know), so for Markdown only the front matter is checked: whatever
/// came in, what the import writes loads (see FUZZING.md).
fn import_as(name: &str, bytes: &[u8]) {
    let Ok((article, _warnings)) = importer().article(name, bytes) else { return };
    if name.ends_with(".md") {
        let (loaded, diagnostics) = dossier::load::parse_article("content/articles/imported.md", article.into_bytes());
        let problems: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
        assert!(loaded.is_some(), "the imported front matter does not load: {problems:?}");
        return;
    }
    let (diagnostics, annotated) = annotate(article.as_bytes(), |_| {});
    let problems: Vec<String> =
        diagnostics.iter().filter(|d| d.severity == dossier::diagnostics::Severity::Error && d.path == ARTICLE).map(|d| d.to_string()).collect();
    assert!(annotated && problems.is_empty(), "an imported article does not build: {problems:?}\n{article}");
}

/// Any bytes as a file to import (text, HTML or Markdown, chosen by the
/// first byte), made into an article in memory.
pub fn import(data: &[u8]) {
    let Some((&kind, content)) = data.split_first() else { return };
    import_as(["input.txt", "input.html", "input.md"][kind as usize % 3], content);
}

/// Any bytes as the YAML front matter of a Markdown file to import: aliases,
/// anchors, tags, nesting and all. Never a panic, never unbounded (the
/// alias and depth limits), and the TOML the import writes always loads.
pub fn yaml(data: &[u8]) {
    let mut file = b"---\n".to_vec();
    file.extend_from_slice(data);
    file.extend_from_slice(b"\n---\n\nThe body of the article.\n");
    import_as("input.md", &file);
}

/// Any bytes as a saved web page to import: the DOM walks, metadata and
/// JSON-LD reading never panic, and the article made builds.
pub fn html(data: &[u8]) {
    import_as("input.html", data);
}

/// What the hostile context's strings carry: never printed unescaped. Two
/// contexts differ only in it, so what a template writes itself (the same in
/// both) is told apart from what it took from the context.
const PAYLOADS: [&str; 2] = ["<script>__pwned_a()</script>", "<script>__pwned_b()</script>"];

/// The context a fuzzed template renders with: the names real templates
/// use, every text an attacker's, and `body` (the one value printed with
/// `| safe`) made of sanitised HTML.
fn context(payload: &str) -> serde_json::Value {
    let article = serde_json::json!({
        "title": payload, "slug": "a", "outlet": payload, "date": "2025-12-28", "tags": [payload, "<b>x</b>"],
        "actors": [{"id": "x", "name": payload, "count": 3}], "url": format!("https://example.org/\"><a>{payload}"),
    });
    serde_json::json!({
        "article": article, "articles": [article, article], "title": payload, "root": "../", "path": "articles/a.html",
        "body": "<p>Sanitised &lt;script&gt; text</p>", "meta": {"jsonld": "{\"@type\":\"NewsArticle\"}", "title": payload},
        "config": {"title": payload, "base_url": "https://example.org/"}, "n": 3, "items": [1, 2, 3],
    })
}

/// Any text as a template of a dossier's own: checked (recursion, the
/// `| safe` rule, nesting) and rendered within its budget, never a panic,
/// a stack overflow or an unbounded loop; and whatever it does with the
/// context, the attacker's text never reaches the page unescaped.
pub fn template(source: &str) {
    static CONTEXTS: OnceLock<[serde_json::Value; 2]> = OnceLock::new();
    let contexts = CONTEXTS.get_or_init(|| PAYLOADS.map(context));
    let Ok(page_a) = dossier::render::render_template(source, &contexts[0]) else { return };
    // A template that writes a script itself, or compares with one, is its author's doing.
    if source.to_ascii_lowercase().contains("script") {
        return;
    }
    let Ok(page_b) = dossier::render::render_template(source, &contexts[1]) else { return };
    let from_context = page_a.matches(PAYLOADS[0]).count().saturating_sub(page_b.matches(PAYLOADS[0]).count());
    assert_eq!(from_context, 0, "attacker text printed unescaped:\n{source}\n---\n{page_a}");
}
