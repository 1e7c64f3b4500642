//! Old addresses kept working: an article's `aliases` (its old slugs, after
//! its file was renamed) and an actor's `old_ids` (after its id changed)
//! make the build write a redirect page at each old address; a bad alias or
//! old id is an error naming the file and line.

use std::path::Path;

use crate::common::{article, check_messages, hrefs, read, small_dossier, ACTORS};

fn build(root: &Path) -> std::path::PathBuf {
    let out = root.join("site");
    let options = dossier::BuildOptions { out: Some(out.clone()), ..Default::default() };
    if let Err(f) = dossier::build(root, &options) {
        panic!("build failed:\n{}", f.diagnostics.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"));
    }
    out
}

fn with_front_matter(title: &str, extra: &str, body: &str) -> String {
    article(title, body).replacen("+++\n\n", &format!("{extra}\n+++\n\n"), 1)
}

#[test]
fn aliases_and_old_ids_write_redirect_pages_at_the_old_addresses() {
    let renamed = with_front_matter("Talks resume", "aliases = [\"old-talks\", \"older-talks\"]", "Trump spoke with Zelensky.");
    let tmp = small_dossier(&[("talks.md", &renamed), ("other.md", &article("Other", "Zelensky spoke."))]);
    // Trump's id was `trump` before.
    let actors = ACTORS.replacen("id = \"donald-trump\"", "id = \"donald-trump\"\nold_ids = [\"trump\"]", 1);
    std::fs::write(tmp.path().join("content/actors.toml"), actors).unwrap();
    let site = build(tmp.path());

    for old in ["old-talks", "older-talks"] {
        let page = read(&site.join(format!("articles/{old}.html")));
        assert!(page.contains("<meta http-equiv=\"refresh\" content=\"0; url=talks.html\">"), "{page}");
        assert!(page.contains("<link rel=\"canonical\" href=\"https://example.org/test/articles/talks.html\">"), "{page}");
        assert!(page.contains("This page has moved to <a href=\"talks.html\">Talks resume</a>"), "{page}");
        assert!(!page.contains("merged"), "a renamed article is not a merge: {page}");
    }
    let actor = read(&site.join("actors/trump.html"));
    assert!(actor.contains("<meta http-equiv=\"refresh\" content=\"0; url=donald-trump.html\">"), "{actor}");
    assert!(actor.contains("This page has moved to <a href=\"donald-trump.html\">Donald Trump</a>"), "{actor}");
    assert!(!actor.contains("merged"), "an id change is not a merge: {actor}");

    // Redirects are no pages of their own: not in the sitemap, the article list or the search index.
    let sitemap = read(&site.join("sitemap.xml"));
    assert!(sitemap.contains("articles/talks.html") && !sitemap.contains("old-talks") && !sitemap.contains("actors/trump.html"), "{sitemap}");
    let list = crate::common::page(&site, "articles/index.html");
    assert!(!hrefs(&list, "a").iter().any(|h| h.contains("old-talks")));
}

#[test]
fn bad_aliases_and_old_ids_are_errors_with_file_and_line() {
    let own = with_front_matter("Own", "aliases = [\"own\"]", "Trump spoke.");
    let other = with_front_matter("Takes", "aliases = [\"own-page\"]", "Trump spoke.");
    let bad = with_front_matter("Bad", "aliases = [\"Old Talks.md\", \"index\", \"/articles/earlier-talks.html\"]", "Trump spoke.");
    let twice = with_front_matter("Twice", "aliases = [\"old-name\"]", "Trump spoke.");
    let again = with_front_matter("Again", "aliases = [\"old-name\"]", "Trump spoke.");
    let tmp = small_dossier(&[
        ("own.md", &own),
        ("own-page.md", &article("Own page", "Zelensky spoke.")),
        ("takes.md", &other),
        ("bad.md", &bad),
        ("twice.md", &twice),
        ("again.md", &again),
    ]);
    let actors = ACTORS.replacen("id = \"donald-trump\"", "id = \"donald-trump\"\nold_ids = [\"volodymyr-zelensky\", \"index\"]", 1);
    std::fs::write(tmp.path().join("content/actors.toml"), actors).unwrap();
    let m = check_messages(tmp.path());
    let has = |needle: &str| assert!(m.iter().any(|l| l.contains(needle)), "no {needle:?} in:\n{}", m.join("\n"));
    has("content/articles/own.md:6:12: error: this is the article's own slug (help: an alias is an old slug of the article; remove this one)");
    has("content/articles/takes.md:6:12: error: alias `own-page` is the slug of `content/articles/own-page.md`: both would be published as articles/own-page.html");
    has("content/articles/bad.md:6:12: error: alias `Old Talks.md` is not a slug (help: an alias is the article's old file name without .md, e.g. aliases = [\"old-talks\"])");
    has("alias `/articles/earlier-talks.html` is not a slug (help: an alias is the article's old file name without .md, e.g. aliases = [\"earlier-talks\"])");
    has("content/articles/bad.md:6:28: error: alias `index` is reserved: the page redirecting from it would replace articles/index.html, the list of all articles");
    has("error: alias `old-name` is also an alias of `content/articles/again.md`");
    has("content/actors.toml:4:12: error: `volodymyr-zelensky` is an old id of `donald-trump` and the id of an actor");
    has("content/actors.toml:4:34: error: `index` is reserved: the page redirecting from it would replace actors/index.html, the list of all actors");
}
