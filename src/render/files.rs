//! The files of the site made from the whole site rather than through a
//! page's template: each is a [`SiteFile`], registered in [`SITE_FILES`].
//! A new output file is one impl (here, or beside the code that makes it)
//! and one line in that list; its path goes in the route table
//! ([`crate::urls`]).

use super::site_file::{Out, SiteFile, Whole};
use super::{export, feeds, search, OutputFile};
use crate::diagnostics::Diagnostic;
use crate::urls::{self, Shows};

/// Every site-wide file, made in this order, one after the other (each
/// spread over the cores: made together, their buffers added up).
pub(super) const SITE_FILES: &[&dyn SiteFile] = &[&Assets, &Copies, &search::Index, &Export, &feeds::Feeds, &feeds::Sitemap, &NoJekyll];

/// The theme's files. Made again after any article edit: the
/// syntax-highlighting stylesheet appears when an article gains a code block.
struct Assets;

impl SiteFile for Assets {
    fn make(&self, whole: &Whole<'_>, out: &Out<'_>) {
        if out.wants(Shows::Site, "") {
            whole.assets.iter().for_each(|file| out.put(file.clone()));
        }
    }
}

/// The files copied as they are: those of `static/` at the site's root
/// (favicon, `robots.txt`, `CNAME`), and each page bundle's beside its
/// article's page. None may take the place of a page or a file the site
/// makes: that is an error naming the file.
struct Copies;

impl SiteFile for Copies {
    fn make(&self, whole: &Whole<'_>, out: &Out<'_>) {
        let site = whole.site;
        let statics = out.wants(Shows::Settings, "");
        let bundles: Vec<&crate::annotate::Article> =
            site.articles.iter().filter(|a| a.loaded.bundle.as_ref().is_some_and(|b| !b.is_empty()) && out.wants(Shows::Article, &a.loaded.slug)).collect();
        if !statics && bundles.is_empty() {
            return;
        }
        let made = made_paths(whole);
        let search = urls::SEARCH_MANIFEST.rsplit_once('/').map_or("", |(folder, _)| folder);
        let copy = |source: String, path: String, bytes: &[u8]| match made.get(path.as_str()).map(String::as_str) {
            None if path.starts_with(&format!("{search}/")) => out.problem(
                Diagnostic::error(source, format!("would be published as {path}, in the folder of the search index"))
                    .with_hint("rename or move the file: the site makes that folder itself"),
            ),
            Some(what) => out.problem(
                Diagnostic::error(source, format!("would be published as {path}, which is {what}"))
                    .with_hint("rename or move the file: the site makes that file itself"),
            ),
            None if !safe_name(&path) => out.problem(Diagnostic::warning(source, "not published: its name has a `\\` or a part starting with `.`")),
            None => out.put(OutputFile { path, bytes: bytes.to_vec() }),
        };
        if statics {
            for (name, bytes) in &site.dossier.statics {
                copy(format!("{}{name}", crate::load::STATIC), name.clone(), bytes);
            }
        }
        for article in bundles {
            let a = &article.loaded;
            let folder = a.path.rsplit_once('/').map_or("", |(f, _)| f);
            for file in a.bundle.iter().flatten() {
                copy(format!("{folder}/{}", file.name), urls::bundle_file(&a.slug, &file.name), &file.bytes);
            }
        }
    }
}

/// Every file the site makes itself, with what it is: its pages and
/// feeds, its fixed files, and the folders of its assets and search index.
fn made_paths(whole: &Whole<'_>) -> std::collections::BTreeMap<String, String> {
    let mut made = std::collections::BTreeMap::new();
    for page in whole.pages {
        made.insert(page.path(), page.route().what.to_string());
        if let Some(feed) = page.feed() {
            made.insert(feed, "a feed".to_string());
        }
    }
    for file in urls::FILES {
        made.insert(file.to_string(), "a file of the site".to_string());
    }
    for file in whole.assets {
        made.insert(file.path.clone(), "a file of the theme".to_string());
    }
    made
}

/// A path of normal parts only (what the theme's files are held to too).
fn safe_name(path: &str) -> bool {
    path.split('/').all(|p| !p.is_empty() && !p.starts_with('.') && !p.contains('\\'))
}

/// Every annotation, in the W3C Web Annotation Data Model: a collection,
/// its pages and the vocabulary, each page handed over as soon as it is
/// full (at 10,000 articles the export is tens of megabytes).
struct Export;

impl SiteFile for Export {
    fn make(&self, whole: &Whole<'_>, out: &Out<'_>) {
        if out.wants(Shows::Site, "") {
            export::files(whole.site, &mut |file| out.put(file));
        }
    }
}

/// GitHub Pages would otherwise run Jekyll over the site.
struct NoJekyll;

impl SiteFile for NoJekyll {
    fn make(&self, _: &Whole<'_>, out: &Out<'_>) {
        if out.wants(Shows::Settings, "") {
            out.put(OutputFile { path: urls::NOJEKYLL.into(), bytes: Vec::new() });
        }
    }
}
