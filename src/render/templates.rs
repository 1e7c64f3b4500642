//! The template engine and the theme's assets.
//!
//! Default templates and theme files are compiled into the binary from the
//! repository's `templates/` and `theme/`; a dossier's own files with the
//! same name replace them, and it may add new ones (partials it includes).
//! Tera only ever sees templates registered here, so `{% include %}` cannot
//! reach files outside the dossier, and the built-in `get_env` is replaced
//! so a template from a pull request cannot publish the build's secrets.
//! Every template is checked and bounded before it runs (`confine.rs`).

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use tera::{Template, Tera};

use super::{confine, OutputFile};
use crate::diagnostics::Diagnostic;
use crate::i18n::Strings;
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
    ("tags.html", include_str!("../../templates/tags.html")),
    ("tag.html", include_str!("../../templates/tag.html")),
    ("pagination.html", include_str!("../../templates/pagination.html")),
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

/// A dossier's additions to the built-in stylesheet (`theme/custom.css`);
/// a `theme/style.css` replaces the built-in one instead.
pub(super) const CUSTOM_STYLESHEET: &str = "custom.css";

/// Tera with the built-in templates, overridden by the dossier's, checked
/// and bounded as `confine.rs` explains before any page is rendered.
pub(super) fn engine(overrides: &[(String, String)], strings: &Arc<Strings>) -> Result<Tera, Vec<Diagnostic>> {
    let mut sources: BTreeMap<String, String> = DEFAULT_TEMPLATES.iter().map(|(n, s)| (n.to_string(), s.to_string())).collect();
    for (name, source) in overrides {
        sources.insert(name.clone(), source.clone());
    }
    engine_of(&sources, strings)
}

/// Tera with exactly these templates (by name), checked and bounded.
fn engine_of(sources: &BTreeMap<String, String>, strings: &Arc<Strings>) -> Result<Tera, Vec<Diagnostic>> {
    let mut parsed = BTreeMap::new();
    let mut refused = Vec::new();
    for (name, source) in sources {
        match parse(name, source) {
            Ok(t) => {
                parsed.insert(name.clone(), t);
            }
            Err(d) => refused.push(d),
        }
    }
    refused.extend(confine::check(sources, &parsed));
    if !refused.is_empty() {
        return Err(refused);
    }
    with_templates(engine_without_templates(strings), parsed)
}

/// Most rule calls Tera's parser (pest) may make on one template. The
/// parser backtracks: each function call nested in a keyword argument of
/// another (`f(a=g(a=h(...`) multiplies its work by four, so a template of a
/// hundred bytes could keep a build busy for days (found by the `template`
/// fuzz target). The built-in templates need at most 26 calls per byte, so
/// the limit grows with the template: 65,536 calls (about a millisecond) plus
/// [`PARSER_CALLS_PER_BYTE`] for each byte. A fixed limit large enough for a
/// big template let every small hostile one run for 0.3 s before it was
/// refused.
const MIN_PARSER_CALLS: usize = 1 << 16;
const PARSER_CALLS_PER_BYTE: usize = 128;

/// `source` parsed as the template `name`, once its nesting is checked
/// (Tera's parser recurses) and within its parser calls ([`MIN_PARSER_CALLS`]).
fn parse(name: &str, source: &str) -> Result<Template, Diagnostic> {
    confine::check_nesting(name, source)?;
    // pest reads its limit, one for the process, when a parse starts; only
    // Tera's parser uses pest here. Two templates parsed at once may each get
    // the other's limit: both are bounded all the same.
    pest::set_call_limit(std::num::NonZeroUsize::new(MIN_PARSER_CALLS + PARSER_CALLS_PER_BYTE * source.len()));
    Template::new(name, None, source).map_err(|e| {
        let e = tera::Error::chain(format!("Failed to parse '{name}'"), e);
        if chain(&e).contains("call limit reached") {
            return Diagnostic::error(format!("templates/{name}"), "the template is too complex to parse (function calls nested in each other's arguments?)")
                .with_hint("give the inner results names with {% set %} first; delete your copy in templates/ to use the built-in one");
        }
        error_without_page(&e)
    })
}

/// Tera with dossier's escaping, functions and budget call-backs, and no template yet.
fn engine_without_templates(strings: &Arc<Strings>) -> Tera {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    // Tera's default escaper also escapes `/`, which turns every URL into
    // `..&#x2F;actors&#x2F;x.html`: valid, but unreadable in the page source.
    // Escaping `& < > " '` is what makes text safe in content and quoted attributes.
    tera.set_escape_fn(confine::escape);
    tera.register_function("get_env", |_: &std::collections::HashMap<String, tera::Value>| -> tera::Result<tera::Value> {
        Err("get_env is disabled: templates cannot read the environment".into())
    });
    tera.register_function("t", Translate(strings.clone()));
    // After every function is registered: install wraps them all in the fuel budget.
    confine::install(&mut tera);
    tera
}

/// `tera` with `parsed` (templates that passed [`confine::check`] together) instrumented and added.
fn with_templates(mut tera: Tera, parsed: BTreeMap<String, Template>) -> Result<Tera, Vec<Diagnostic>> {
    for (name, mut template) in parsed {
        confine::instrument(&mut template);
        tera.templates.insert(name, template);
    }
    tera.build_inheritance_chains().map_err(|e| vec![error_without_page(&e)])?;
    tera.check_macro_files().map_err(|e| vec![error_without_page(&e)])?;
    Ok(tera)
}

/// `source` as the template `page.html` (beside the built-in `macros.html`),
/// checked, then rendered with `context` within the budget of a small
/// dossier's page: what a dossier's own template goes through, on its own.
/// What no `source` changes (the engine, `macros.html` parsed) is made once
/// per process: the fuzz target renders thousands of templates a second.
pub(super) fn render_one(source: &str, context: &tera::Context) -> Result<String, Vec<Diagnostic>> {
    const MACROS: &str = include_str!("../../templates/macros.html");
    static ENGINE: std::sync::OnceLock<(Template, Tera)> = std::sync::OnceLock::new();
    let (macros, engine) = ENGINE.get_or_init(|| {
        let macros = parse("macros.html", MACROS).expect("the built-in macros.html parses");
        (macros, engine_without_templates(&Arc::new(Strings::new("en", None).0)))
    });
    let page = parse("page.html", source).map_err(|d| vec![d])?;
    let sources = BTreeMap::from([("page.html".to_string(), source.to_string()), ("macros.html".to_string(), MACROS.to_string())]);
    let parsed = BTreeMap::from([("page.html".to_string(), page), ("macros.html".to_string(), macros.clone())]);
    let refused = confine::check(&sources, &parsed);
    if !refused.is_empty() {
        return Err(refused);
    }
    let tera = with_templates(engine.clone(), parsed)?;
    let bytes = confine::render(&tera, confine::Limits::of(0), "page.html", context).map_err(|e| vec![error("page.html", "page.html", &e)])?;
    String::from_utf8(bytes).map_err(|_| vec![Diagnostic::error("templates/page.html", "the page is not UTF-8")])
}

/// What rendering one page may cost, for a dossier of `input_bytes`.
pub(super) fn page_limits(input_bytes: u64) -> confine::Limits {
    confine::Limits::of(input_bytes)
}

/// Render one page: within the page's budget, so any template stops.
pub(super) fn render(tera: &Tera, limits: confine::Limits, template: &str, context: &tera::Context) -> Result<Vec<u8>, tera::Error> {
    confine::render(tera, limits, template, context)
}

/// The Tera function `t(key="nav.articles", n=3, name=...)`: the interface
/// string `key` in the dossier's language, its placeholders filled from the
/// other arguments, its plural form chosen by `n`. An unknown key is an
/// error, so a template names it with the template.
struct Translate(Arc<Strings>);

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
    /// The dossier's `theme/custom.css`, linked after the built-in
    /// stylesheet so that it changes only what it names.
    pub custom: Option<String>,
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
    let mut custom = None;
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
        if path == CUSTOM_STYLESHEET {
            custom = Some(url.clone());
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
    Assets { files, style, custom, syntax, urls }
}
