//! Where an article's relative links and images lead.
//!
//! An article links to another by its Markdown file, as editors and
//! GitHub show it (`[the other report](other.md)`, `../b/index.md#claim`):
//! the link is rewritten to the other article's page, and the link stage
//! checks that the article exists. A page bundle's article shows its own
//! files by their names (`![](photo.jpg)`, `[the PDF](report.pdf)`): they
//! are rewritten to where the bundle is published, beside the page. An
//! image that leads nowhere is an error, never a broken picture; links to
//! the web, to the site's own paths (`/...`) and to anchors are left alone.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, CONTROLS};

use crate::load::{BundleFile, Layout};
use crate::urls::{self, Page, PageKind};

/// What an article's links are resolved against.
pub(super) struct Files<'a> {
    pub layout: Layout,
    /// The article's file, relative to the dossier.
    pub path: &'a str,
    pub slug: &'a str,
    /// A page bundle's files; `None` for an article that is a single file.
    pub bundle: Option<&'a [BundleFile]>,
}

/// Where a link or image leads.
#[derive(Debug, PartialEq)]
pub(super) enum Resolved {
    /// Somewhere this module does not rewrite: the web, the site's own
    /// paths, an anchor, a page of the site named by its `.html`.
    Leave,
    /// Another article (by its slug), at `href` from this article's page.
    Article { slug: String, href: String },
    /// A file of this article's bundle, at `href`.
    File { href: String },
    /// Nowhere: (message, hint).
    Missing(String, String),
}

/// Characters written as `%XX` in the path of a rewritten link.
const PATH: &AsciiSet = &CONTROLS.add(b' ').add(b'"').add(b'#').add(b'%').add(b'<').add(b'>').add(b'?').add(b'`').add(b'{').add(b'}');

pub(super) fn resolve(dest: &str, image: bool, files: &Files<'_>) -> Resolved {
    let dest = dest.trim();
    if dest.is_empty() || dest.starts_with(['#', '/', '?']) || has_scheme(dest) {
        return Resolved::Leave;
    }
    let (path, fragment) = match dest.find(['#', '?']) {
        Some(i) => (&dest[..i], &dest[i..]),
        None => (dest, ""),
    };
    let path = percent_decode_str(path).decode_utf8_lossy();
    let folder = files.path.rsplit_once('/').map_or("", |(folder, _)| folder);
    let Some(target) = join(folder, &path) else {
        return if image || is_markdown(&path) {
            Resolved::Missing(format!("`{dest}` leads out of the dossier"), "link to a file beside the article, or to the web".into())
        } else {
            Resolved::Leave
        };
    };
    if is_markdown(&path) {
        if !target.starts_with(files.layout.articles) {
            return Resolved::Missing(
                format!("`{dest}` is not an article: it leads out of {}", shown_folder(files.layout.articles)),
                "link to another article's .md file".into(),
            );
        }
        let slug = crate::text::slugify(files.layout.slug_source(&target));
        let href = format!("{}{fragment}", Page::article(&slug).href_from(PageKind::Article));
        return Resolved::Article { slug, href };
    }
    let in_bundle = files.bundle.zip(files.layout.bundle_folder(files.path)).and_then(|(bundle, root)| {
        let name = target.strip_prefix(root)?;
        bundle.iter().any(|f| f.name == name).then(|| name.to_string())
    });
    match (in_bundle, files.bundle) {
        (Some(name), _) => {
            let encoded: Vec<String> = name.split('/').map(|part| utf8_percent_encode(part, PATH).to_string()).collect();
            let href = urls::relative(&Page::article(files.slug).path(), &urls::bundle_file(files.slug, &encoded.join("/")));
            Resolved::File { href: format!("{href}{fragment}") }
        }
        // A link to a page of the site by its address, or to anything else
        // the article does not hold: not this module's to judge.
        (None, _) if !image => Resolved::Leave,
        (None, Some(bundle)) => {
            let folder = files.layout.bundle_folder(files.path).unwrap_or(folder);
            let names = bundle.iter().map(|f| f.name.as_str());
            let hint = match crate::text::closest(&path, names) {
                Some(name) => format!("did you mean `{name}`? (names are case-sensitive)"),
                None => format!("put the image in {folder}, beside index.md"),
            };
            Resolved::Missing(format!("image `{path}` is not in this article's folder, {folder}"), hint)
        }
        (None, None) => Resolved::Missing(
            format!("image `{path}` is not published: only the files of a page bundle are"),
            format!(
                "make the article a page bundle: move {} to {}{}/index.md and put the image beside it",
                files.path,
                files.path.rsplit_once('/').map_or(String::new(), |(f, _)| format!("{f}/")),
                files.slug
            ),
        ),
    }
}

/// `scheme:` before any `/`, `?` or `#` (`https:`, `mailto:`, `javascript:`).
fn has_scheme(dest: &str) -> bool {
    let end = dest.find(['/', '?', '#']).unwrap_or(dest.len());
    dest[..end].contains(':')
}

fn is_markdown(path: &str) -> bool {
    path.rsplit_once('.').is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("md"))
}

/// `folder` joined with the relative `path`, `..` and `.` resolved; `None`
/// when it climbs above the dossier.
fn join(folder: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for step in path.split('/') {
        match step {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

fn shown_folder(articles: &str) -> &str {
    if articles.is_empty() {
        "the dossier"
    } else {
        articles
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundle(names: &[&str]) -> Vec<BundleFile> {
        names.iter().map(|n| BundleFile { name: n.to_string(), bytes: Vec::new().into() }).collect()
    }

    #[test]
    fn markdown_links_lead_to_the_articles_pages() {
        let plain = Files { layout: Layout::DOSSIER, path: "content/articles/a.md", slug: "a", bundle: None };
        let article = |slug: &str, href: &str| Resolved::Article { slug: slug.into(), href: href.into() };
        assert_eq!(resolve("b.md", false, &plain), article("b", "b.html"));
        assert_eq!(resolve("b.md#claim-1", false, &plain), article("b", "b.html#claim-1"));
        assert_eq!(resolve("./2025/My%20Report.md", false, &plain), article("my-report", "my-report.html"));
        assert_eq!(resolve("c/index.md", false, &plain), article("c", "c.html"));
        let files = bundle(&["photo.jpg"]);
        let inside = Files { layout: Layout::DOSSIER, path: "content/articles/x/index.md", slug: "x", bundle: Some(&files) };
        assert_eq!(resolve("../b.md", false, &inside), article("b", "b.html"));
        assert!(matches!(resolve("../../README.md", false, &inside), Resolved::Missing(m, _) if m.contains("leads out of content/articles/")));
    }

    #[test]
    fn a_bundles_files_are_published_beside_its_page() {
        let files = bundle(&["photo.jpg", "docs/a report.pdf"]);
        let inside = Files { layout: Layout::DOSSIER, path: "content/articles/x/index.md", slug: "x", bundle: Some(&files) };
        assert_eq!(resolve("photo.jpg", true, &inside), Resolved::File { href: "x/photo.jpg".into() });
        assert_eq!(resolve("./docs/a%20report.pdf#page=2", false, &inside), Resolved::File { href: "x/docs/a%20report.pdf#page=2".into() });
        assert!(
            matches!(resolve("Photo.jpg", true, &inside), Resolved::Missing(m, h) if m.contains("not in this article's folder") && h.contains("`photo.jpg`"))
        );
        assert_eq!(resolve("other.html", false, &inside), Resolved::Leave);
        let plain = Files { layout: Layout::DOSSIER, path: "content/articles/a.md", slug: "a", bundle: None };
        assert!(matches!(resolve("photo.jpg", true, &plain), Resolved::Missing(_, h) if h.contains("content/articles/a/index.md")));
    }

    #[test]
    fn the_web_and_the_sites_own_paths_are_left_alone() {
        let plain = Files { layout: Layout::DOSSIER, path: "content/articles/a.md", slug: "a", bundle: None };
        for dest in ["https://example.org/x.md", "mailto:a@b.c", "#top", "/dossier/actors/x.html", "?q=1", "//cdn.example.org/x.png"] {
            assert_eq!(resolve(dest, true, &plain), Resolved::Leave, "{dest}");
        }
    }
}
