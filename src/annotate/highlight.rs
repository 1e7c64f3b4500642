//! Syntax highlighting of fenced code with syntect, as CSS classes (never
//! inline styles, so the theme decides the colours and dark mode works).
//!
//! The syntax definitions are loaded on the first code block, once per
//! process: most dossiers have no code and never pay for them.

use std::sync::OnceLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use crate::text::escape_html;

const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Past these sizes, code is shown without colours: highlighting is
/// regex-driven and must not let one hostile block stall a build.
const MAX_HIGHLIGHT_BYTES: usize = 256 * 1024;
const MAX_HIGHLIGHT_LINE: usize = 5_000;

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// `<pre><code>` for a code block, highlighted when the language is known.
pub(crate) fn highlight(code: &str, lang: &str) -> String {
    let lang_attr = crate::text::slugify(lang);
    let class = if lang_attr.is_empty() { String::new() } else { format!(" class=\"language-{lang_attr}\"") };
    let plain = || format!("<pre class=\"code\"><code{class}>{}</code></pre>\n", escape_html(code));
    if lang.is_empty() || code.len() > MAX_HIGHLIGHT_BYTES || code.lines().any(|l| l.len() > MAX_HIGHLIGHT_LINE) {
        return plain();
    }
    let set = syntaxes();
    let Some(syntax) = set.find_syntax_by_token(lang) else { return plain() };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, STYLE);
    for line in LinesWithEndings::from(code) {
        if generator.parse_html_for_line_which_includes_newline(line).is_err() {
            return plain();
        }
    }
    format!("<pre class=\"code\"><code{class}>{}</code></pre>\n", generator.finalize())
}

/// The stylesheet for the classes above: a light theme, and a dark one for
/// readers whose system is set to dark.
pub fn stylesheet() -> String {
    let themes = ThemeSet::load_defaults();
    let light = css_for_theme_with_class_style(&themes.themes["InspiredGitHub"], STYLE).unwrap_or_default();
    let dark = css_for_theme_with_class_style(&themes.themes["base16-ocean.dark"], STYLE).unwrap_or_default();
    format!("{light}\n@media (prefers-color-scheme: dark) {{\n{dark}\n}}\n")
}
