//! The template engine and the theme's assets.
//!
//! Default templates and theme files are compiled into the binary from the
//! repository's `templates/` and `theme/`; a dossier's own files with the
//! same name replace them, and it may add new ones (partials it includes).
//! Tera only ever sees templates registered here, so `{% include %}` cannot
//! reach files outside the dossier, and the built-in `get_env` is replaced
//! so a template from a pull request cannot publish the build's secrets.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use tera::Tera;

use super::OutputFile;
use crate::diagnostics::Diagnostic;
use crate::link::Site;
use crate::urls;

/// (name, source) of every built-in template.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("article.html", include_str!("../../templates/article.html")),
    ("articles.html", include_str!("../../templates/articles.html")),
    ("actor.html", include_str!("../../templates/actor.html")),
    ("actors.html", include_str!("../../templates/actors.html")),
    ("event.html", include_str!("../../templates/event.html")),
    ("events.html", include_str!("../../templates/events.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("redirect.html", include_str!("../../templates/redirect.html")),
    ("diff.html", include_str!("../../templates/diff.html")),
];

/// (path under `theme/`, bytes) of the built-in theme.
pub const DEFAULT_THEME: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../theme/style.css")),
    ("search.js", include_bytes!("../../theme/search.js")),
    // elasticlunr.js 0.9.5 from the npm registry, unmodified, with its licence.
    ("elasticlunr.min.js", include_bytes!("../../theme/elasticlunr.min.js")),
    ("elasticlunr.LICENSE.txt", include_bytes!("../../theme/elasticlunr.LICENSE.txt")),
];

/// Variables that hold HTML dossier rendered and sanitised itself; only
/// these may be printed with `| safe`.
const SAFE_HTML_VARIABLES: &[&str] = &["body", "meta.jsonld", "timeline_chart", "co_chart", "sources_chart", "stylesheet", "a.highlighted"];

/// A dossier's template that prints anything else with `| safe` would
/// publish article text (from the web) unescaped; refuse it, with the line.
fn unsafe_filters(name: &str, source: &str) -> Vec<Diagnostic> {
    let file = crate::diagnostics::FileText::new(format!("templates/{name}"), source);
    let mut found = Vec::new();
    let mut rest = 0;
    while let Some(open) = source[rest..].find("{{").map(|i| rest + i) {
        let Some(close) = source[open..].find("}}").map(|i| open + i) else { break };
        let inside = source[open + 2..close].trim_matches(|c: char| c == '-' || c.is_whitespace());
        let mut parts = inside.split('|').map(str::trim);
        let expression = parts.next().unwrap_or("");
        if parts.any(|f| f == "safe" || f.starts_with("safe(")) && !SAFE_HTML_VARIABLES.contains(&expression) {
            found.push(
                Diagnostic::error_at(&file, open..close + 2, format!("`| safe` prints `{expression}` without HTML escaping"))
                    .with_hint(format!("article and registry text is untrusted; only {} may be printed with `| safe`", SAFE_HTML_VARIABLES.join(", "))),
            );
        }
        rest = close + 2;
    }
    found
}

/// Tera with the built-in templates, overridden by the dossier's.
pub(super) fn engine(overrides: &[(String, String)]) -> Result<Tera, Vec<Diagnostic>> {
    let refused: Vec<Diagnostic> = overrides.iter().flat_map(|(name, source)| unsafe_filters(name, source)).collect();
    if !refused.is_empty() {
        return Err(refused);
    }
    let mut sources: BTreeMap<String, String> = DEFAULT_TEMPLATES.iter().map(|(n, s)| (n.to_string(), s.to_string())).collect();
    for (name, source) in overrides {
        sources.insert(name.clone(), source.clone());
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    // Tera's default escaper also escapes `/`, which turns every URL into
    // `..&#x2F;actors&#x2F;x.html`: valid, but unreadable in the page source.
    // Escaping `& < > " '` is what makes text safe in content and quoted attributes.
    tera.set_escape_fn(crate::text::escape_html_str);
    tera.register_function("get_env", |_: &std::collections::HashMap<String, tera::Value>| -> tera::Result<tera::Value> {
        Err("get_env is disabled: templates cannot read the environment".into())
    });
    tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str()))).map_err(|e| vec![error_without_page(&e)])?;
    Ok(tera)
}

/// The Tera function `t(key="nav.articles", n=3, name=...)`: the interface
/// string `key` in the dossier's language, its placeholders filled from the
/// other arguments, its plural form chosen by `n`. An unknown key is an
/// error, so a template names it with the template.
pub(super) struct Translate(pub std::sync::Arc<crate::i18n::Strings>);

impl tera::Function for Translate {
    fn call(&self, args: &std::collections::HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        let key = match args.get("key") {
            Some(tera::Value::String(k)) => k.as_str(),
            _ => return Err("t() needs key=\"...\": the name of an interface string, e.g. t(key=\"nav.articles\")".into()),
        };
        let values: Vec<(&str, String)> = args
            .iter()
            .filter(|(k, _)| k.as_str() != "key")
            .map(|(k, v)| {
                let text = match v {
                    tera::Value::String(s) => s.clone(),
                    tera::Value::Null => String::new(),
                    other => other.to_string(),
                };
                (k.as_str(), text)
            })
            .collect();
        let pairs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        match self.0.get(key, &pairs) {
            Some(text) => Ok(tera::Value::String(text)),
            None => Err(format!(
                "no interface string `{key}` in English or `{}`; add it to the dossier's {}{}.toml",
                self.0.language(),
                crate::i18n::FOLDER,
                self.0.language()
            )
            .into()),
        }
    }

    fn is_safe(&self) -> bool {
        false
    }
}

fn chain(e: &tera::Error) -> String {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    message
}

fn error_without_page(e: &tera::Error) -> Diagnostic {
    Diagnostic::error("templates/", format!("template error: {}", chain(e)))
        .with_hint("fix the template named in the message; delete your copy in templates/ to use the built-in one")
}

pub(super) fn error(template: &str, page: &str, e: &tera::Error) -> Diagnostic {
    Diagnostic::error(format!("templates/{template}"), format!("cannot render: {}", chain(e)))
        .with_hint(format!("while rendering {page}; delete templates/{template} to use the built-in one"))
}

/// The theme's files as output files, and the URLs templates link to.
pub(super) struct Assets {
    pub files: Vec<OutputFile>,
    /// `assets/style.css?v=...`: the query changes when the file does, so
    /// readers never get a stale stylesheet from their cache.
    pub style: String,
    pub syntax: Option<String>,
    /// Every theme file by its path under `theme/`, with a fingerprint like
    /// `style`: `{{ root }}{{ assets["search.js"] }}`.
    pub urls: BTreeMap<String, String>,
}

fn fingerprint(bytes: &[u8]) -> String {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    format!("{:08x}", h.finish() as u32)
}

pub(super) fn assets(site: &Site) -> Assets {
    let mut theme: BTreeMap<String, Vec<u8>> = DEFAULT_THEME.iter().map(|(p, b)| (p.to_string(), b.to_vec())).collect();
    for (path, bytes) in &site.dossier.theme {
        theme.insert(path.clone(), bytes.clone());
    }
    let mut files = Vec::new();
    let mut style = urls::asset("style.css");
    let mut urls = BTreeMap::new();
    for (path, bytes) in theme {
        // Theme paths come from the file system; keep only safe components.
        let parts: Vec<&str> = path.split('/').collect();
        if parts.iter().any(|p| p.is_empty() || p.starts_with('.') || p.contains('\\')) {
            continue;
        }
        let url = format!("{}?v={}", urls::asset(&path), fingerprint(&bytes));
        if path == "style.css" {
            style = url.clone();
        }
        urls.insert(path.clone(), url);
        files.push(OutputFile { path: urls::asset(&path), bytes });
    }
    let syntax = site.articles.iter().any(|a| a.has_code).then(|| {
        let css = crate::annotate::syntax_stylesheet().into_bytes();
        let url = format!("{}?v={}", urls::asset("syntax.css"), fingerprint(&css));
        files.push(OutputFile { path: urls::asset("syntax.css"), bytes: css });
        url
    });
    Assets { files, style, syntax, urls }
}
