//! `dossier.toml`: the site-wide settings.

use std::sync::Arc;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, FileText};

/// Site settings from `dossier.toml`. Every field has a default, so a bare
/// folder of articles builds without one.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    pub description: String,
    /// Absolute URL of the published site, ending in `/`; may carry a subpath
    /// (`https://user.github.io/repo/`), which GitHub Pages needs.
    pub base_url: String,
    pub language: String,
    /// Output folder, relative to the dossier root.
    pub output: String,
    /// Raw HTML in articles is escaped unless this is set; when set, it is
    /// still passed through a sanitiser (ammonia).
    pub allow_raw_html: bool,
    /// How many words of each article's text go into the search index, on
    /// top of its title, names and annotations. The index is one file every
    /// reader downloads, and the whole text of a large dossier would make
    /// it hundreds of megabytes (Zola truncates for the same reason).
    pub search_words: usize,
    /// Articles per page of a long list (all articles, an actor's, a
    /// tag's): at 3,000 articles the one list of all was 1.7 MB.
    pub page_size: usize,
    /// `[link]`: suggested links on the article pages.
    pub link: LinkSettings,
    /// A warning when `base_url` is still an example address (as `dossier
    /// init` writes it): a build given no `--base-url` would publish feeds,
    /// sitemap and canonical links pointing there. `build` shows it.
    pub placeholder_base_url: Option<Diagnostic>,
    /// Set by the live preview (`dossier serve`), never by `dossier.toml`:
    /// pages show the analyst's tools (suggested links with their evidence)
    /// that the published site leaves out.
    pub preview: bool,
}

/// The host of the address `dossier init` writes (`https://example.github.io/NAME/`):
/// a placeholder, never a published site.
const PLACEHOLDER_HOST: &str = "example.github.io";

/// The `[link]` table: whether article pages show suggested links (same
/// event, near-duplicates, shared quotes and figures) and from which score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinkSettings {
    pub show_suggestions: bool,
    pub min_score: f32,
}

/// The default score from which a link is suggested (`[link] min_score`,
/// `dossier suggest --min-score`).
pub const DEFAULT_MIN_SCORE: f32 = 0.3;

impl Default for LinkSettings {
    fn default() -> Self {
        LinkSettings { show_suggestions: false, min_score: DEFAULT_MIN_SCORE }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLink {
    show_suggestions: Option<bool>,
    min_score: Option<toml::Spanned<f64>>,
}

/// The default for [`Config::search_words`]: about the lead paragraphs.
pub(crate) const SEARCH_WORDS: usize = 150;

/// The default for [`Config::page_size`]: as many articles as an actor's
/// page showed in full before it was cut into pages.
pub(crate) const PAGE_SIZE: usize = 50;

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Dossier".into(),
            description: String::new(),
            base_url: "/".into(),
            language: "en".into(),
            output: "public".into(),
            allow_raw_html: false,
            search_words: SEARCH_WORDS,
            page_size: PAGE_SIZE,
            link: LinkSettings::default(),
            placeholder_base_url: None,
            preview: false,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Option<String>,
    description: Option<String>,
    base_url: Option<toml::Spanned<String>>,
    language: Option<toml::Spanned<String>>,
    output: Option<toml::Spanned<String>>,
    allow_raw_html: Option<bool>,
    search_words: Option<usize>,
    page_size: Option<toml::Spanned<usize>>,
    link: Option<RawLink>,
}

impl Config {
    /// The path part of `base_url` (`/repo/`), used where links must be
    /// absolute, as on the 404 page that GitHub Pages serves at any depth.
    pub fn base_path(&self) -> String {
        let after_scheme = match self.base_url.find("://") {
            Some(i) => &self.base_url[i + 3..],
            None => self.base_url.as_str(),
        };
        let path = if self.base_url.contains("://") { after_scheme.find('/').map_or("/", |i| &after_scheme[i..]) } else { after_scheme };
        let mut path = path.to_string();
        if !path.starts_with('/') {
            path.insert(0, '/');
        }
        if !path.ends_with('/') {
            path.push('/');
        }
        path
    }

    pub(crate) fn parse(source: &Arc<FileText>) -> Result<Config, Diagnostic> {
        let raw: RawConfig = toml::from_str(&source.text).map_err(|e| {
            super::toml_error(source, 0, &e).with_hint(
                "dossier.toml accepts: title, description, base_url, language, output, allow_raw_html, search_words, page_size, [link] (show_suggestions, min_score)",
            )
        })?;
        let mut config = Config::default();
        if let Some(t) = raw.title {
            config.title = crate::text::clean_line(&t);
        }
        if let Some(d) = raw.description {
            config.description = crate::text::clean_line(&d);
        }
        if let Some(lang) = raw.language {
            let span = lang.span();
            let lang = crate::text::clean_line(lang.get_ref());
            if !crate::i18n::is_language_tag(&lang) {
                return Err(Diagnostic::error_at(source, span, format!("`{lang}` is not a language tag"))
                    .with_hint("write an ISO 639 code such as \"en\", \"ru\" or \"uk\" (a region may follow: \"pt-BR\")"));
            }
            config.language = lang;
        }
        config.allow_raw_html = raw.allow_raw_html.unwrap_or(false);
        config.search_words = raw.search_words.unwrap_or(SEARCH_WORDS);
        if let Some(size) = raw.page_size {
            if *size.get_ref() == 0 {
                return Err(Diagnostic::error_at(source, size.span(), "page_size must be at least 1")
                    .with_hint(format!("the default is {PAGE_SIZE} articles per page")));
            }
            config.page_size = size.into_inner();
        }
        if let Some(link) = raw.link {
            config.link.show_suggestions = link.show_suggestions.unwrap_or(false);
            if let Some(min) = link.min_score {
                let span = min.span();
                let min = min.into_inner();
                if !(0.0..=1.0).contains(&min) {
                    return Err(
                        Diagnostic::error_at(source, span, "[link] min_score must be between 0 and 1").with_hint(format!("the default is {DEFAULT_MIN_SCORE}"))
                    );
                }
                config.link.min_score = min as f32;
            }
        }
        if let Some(url) = raw.base_url {
            let span = url.span();
            let mut url = url.into_inner();
            let lower = url.to_ascii_lowercase();
            let ok_scheme = lower.starts_with("https://") || lower.starts_with("http://") || url.starts_with('/');
            // `//host/` (and `/\host/`, which browsers read alike) is another server.
            let other_host = url.starts_with("//") || url.starts_with("/\\");
            if !ok_scheme || other_host || url.chars().any(|c| c.is_whitespace() || c == '"' || c == '<' || c.is_control()) {
                return Err(Diagnostic::error_at(source, span, "base_url must be an http(s) URL or a path starting with /")
                    .with_hint("for GitHub Pages: base_url = \"https://USER.github.io/REPO/\""));
            }
            if !url.ends_with('/') {
                url.push('/');
            }
            let host = lower.split_once("://").map_or("", |(_, rest)| rest.split(['/', ':']).next().unwrap_or(""));
            if host == PLACEHOLDER_HOST {
                config.placeholder_base_url = Some(
                    Diagnostic::warning_at(source, span, "base_url is still the placeholder `dossier init` wrote: feeds, the sitemap and canonical links will point to example.github.io")
                        .with_hint("set the address the site is published at, e.g. base_url = \"https://USER.github.io/REPO/\" (the GitHub workflow passes it with --base-url)"),
                );
            }
            config.base_url = url;
        }
        if let Some(out) = raw.output {
            let span = out.span();
            let out = out.into_inner();
            let path = std::path::Path::new(&out);
            if out.trim().is_empty() || path.is_absolute() || path.components().any(|c| !matches!(c, std::path::Component::Normal(_))) {
                return Err(Diagnostic::error_at(source, span, "output must be a folder inside the dossier, such as \"public\"")
                    .with_hint("use a relative path without `..`; pass --out to build somewhere else"));
            }
            config.output = out;
        }
        Ok(config)
    }
}
