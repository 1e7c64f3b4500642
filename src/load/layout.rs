//! Where the parts of a dossier live, relative to its folder: the one
//! statement of the layout, used by the loader, the preview's watcher, the
//! build's fingerprint and `dossier diff`.
//!
//! An article is a Markdown file among the articles (in any subfolder),
//! named as its page will be: `content/articles/<slug>.md`. An article
//! with images or other files of its own is a *page bundle*: a folder
//! `content/articles/<slug>/` holding the article as `index.md` and its
//! files beside it, published beside its page (`articles/<slug>/...`).

use super::files::{FileKind, FileTree};

/// The settings file.
pub const CONFIG: &str = "dossier.toml";
/// The actor registry.
pub const ACTORS: &str = "content/actors.toml";
/// The event registry.
pub const EVENTS: &str = "content/events.toml";
/// The articles of a dossier (of a bare folder: the folder itself).
pub const ARTICLES: &str = "content/articles/";
/// The dossier's own templates (`*.html`, overriding the defaults).
pub const TEMPLATES: &str = "templates/";
/// The dossier's own theme files.
pub const THEME: &str = "theme/";
/// Files copied into the site as they are (favicon, `robots.txt`, `CNAME`).
pub const STATIC: &str = "static/";
/// The name of a page bundle's article, in the bundle's folder.
pub const BUNDLE_INDEX: &str = "index.md";
/// The dossier's own interface strings (`<language>.toml`, over the built-in ones).
pub use crate::i18n::FOLDER as I18N;

/// The layout of one dossier.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    /// A folder without `dossier.toml` and without `content/`: a bare folder
    /// of articles, read with default settings and no registries.
    pub bare: bool,
    /// The folder holding the articles: [`ARTICLES`], or `""` when bare.
    pub articles: &'static str,
}

impl Layout {
    /// The layout of a dossier with `dossier.toml` (what `import` writes into).
    pub const DOSSIER: Layout = Layout { bare: false, articles: ARTICLES };

    pub fn of(tree: &dyn FileTree) -> Layout {
        let config = matches!(tree.kind(CONFIG), Some(FileKind::File(_) | FileKind::Link));
        let content = matches!(tree.kind("content"), Some(FileKind::Folder | FileKind::Link));
        Layout::new(!config && !content)
    }

    /// A bare folder of articles, or a dossier.
    pub const fn new(bare: bool) -> Layout {
        Layout { bare, articles: if bare { "" } else { ARTICLES } }
    }

    /// Whether `path` names an article: a Markdown file in the articles
    /// folder, not hidden and in no hidden folder.
    pub fn is_article(&self, path: &str) -> bool {
        let Some(rel) = path.strip_prefix(self.articles) else { return false };
        is_markdown(rel) && !rel.split('/').any(is_hidden)
    }

    /// The folder of the page bundle whose article is at `path` (ending in
    /// `/`), when the article is a bundle's `index.md`: not the articles
    /// folder's own `index.md`, which would be an article named `index`.
    pub fn bundle_folder<'p>(&self, path: &'p str) -> Option<&'p str> {
        let rel = path.strip_prefix(self.articles)?;
        let (folder, name) = rel.rsplit_once('/')?;
        name.eq_ignore_ascii_case(BUNDLE_INDEX).then(|| &path[..self.articles.len() + folder.len() + 1])
    }

    /// What an article's slug is made from: its file name without `.md`,
    /// or a bundle's folder name.
    pub fn slug_source<'p>(&self, path: &'p str) -> &'p str {
        match self.bundle_folder(path) {
            Some(folder) => folder.trim_end_matches('/').rsplit('/').next().unwrap_or(folder),
            None => {
                let name = path.rsplit('/').next().unwrap_or(path);
                name.rsplit_once('.').map_or(name, |(stem, _)| stem)
            }
        }
    }

    /// Whether `path` is one of the files read whole before the articles:
    /// settings and registries.
    pub fn is_setting(&self, path: &str) -> bool {
        [CONFIG, ACTORS, EVENTS].contains(&path)
    }
}

/// `*.md`, in any case.
pub(crate) fn is_markdown(path: &str) -> bool {
    path.rsplit_once('.').is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("md"))
}

/// A file or folder name starting with `.`: not content.
pub(crate) fn is_hidden(name: &str) -> bool {
    name.starts_with('.')
}
