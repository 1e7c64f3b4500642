//! Where the parts of a dossier live, relative to its folder: the one
//! statement of the layout, used by the loader, the preview's watcher, the
//! build's fingerprint and `dossier diff`.

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
    pub fn of(tree: &dyn FileTree) -> Layout {
        let config = matches!(tree.kind(CONFIG), Some(FileKind::File(_) | FileKind::Link));
        let content = matches!(tree.kind("content"), Some(FileKind::Folder | FileKind::Link));
        let bare = !config && !content;
        Layout { bare, articles: if bare { "" } else { ARTICLES } }
    }

    /// Whether `path` names an article: a Markdown file in the articles
    /// folder, not hidden and in no hidden folder.
    pub fn is_article(&self, path: &str) -> bool {
        let Some(rel) = path.strip_prefix(self.articles) else { return false };
        is_markdown(rel) && !rel.split('/').any(is_hidden)
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
