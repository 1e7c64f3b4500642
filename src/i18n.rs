//! The words of the interface, and how dates are written, in the dossier's
//! `language` (`dossier.toml`).
//!
//! Strings are data, as in Hugo's `i18n/` folder: `i18n/en.toml`, `ru.toml`
//! and `uk.toml` of this repository are compiled into the binary, and a
//! dossier's own `i18n/<language>.toml` adds strings or replaces them by key
//! (for a language dossier does not ship, it is the whole translation). A
//! key missing from a language falls back to English, so a partial
//! translation still builds; a key missing from English too is the
//! template's error, reported with the template's name.
//!
//! A file is TOML tables of strings: `[nav] articles = "Articles"` is the
//! key `nav.articles`. A string may hold placeholders, `{name}`, filled in by
//! the caller. A table of plural forms (`one`, `few`, `many`, `other`, and
//! `zero`, `two`) is chosen by the number `{n}` with the language's CLDR
//! plural rules (`intl_pluralrules`): Russian needs three forms where
//! English has two. `[date]` holds the month names (a Russian date declines
//! the month: "28 декабря 2025 г.", a heading does not: "Декабрь 2025") and
//! the patterns dates are written with.
//!
//! Templates read strings through the Tera function `t(key=..., n=..., name=...)`
//! (registered by the render stage); the renderer's own words (the labels of a
//! sidenote, the charts' descriptions) come from [`Strings`] directly, and the
//! search script gets its words in the search index's manifest.

use std::collections::BTreeMap;
use std::sync::Arc;

use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use toml::de::{DeTable, DeValue};

use crate::diagnostics::{Diagnostic, FileText};

/// The folder of a dossier's own strings: `i18n/<language>.toml`.
pub const FOLDER: &str = "i18n/";

/// (language, file) of every built-in translation; English is complete and
/// the fallback of the others.
pub const BUILT_IN: &[(&str, &str)] =
    &[("en", include_str!("../i18n/en.toml")), ("ru", include_str!("../i18n/ru.toml")), ("uk", include_str!("../i18n/uk.toml"))];

/// The plural categories a plural table may hold, in CLDR's order.
const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// One string, or its plural forms by category.
#[derive(Debug, Clone, PartialEq)]
enum Text {
    One(String),
    Plural(BTreeMap<&'static str, String>),
}

/// The interface strings of one language, with English under them.
pub struct Strings {
    language: String,
    texts: BTreeMap<String, Text>,
    plural: Option<PluralRules>,
    /// Dates as written, by pattern key and day: a site shows the same few
    /// hundred days on thousands of pages, and writing one out (three
    /// month lists read, a pattern filled) was 4 % of a 10k build's CPU.
    dates: std::sync::Mutex<std::collections::HashMap<(&'static str, jiff::civil::Date), String>>,
}

impl std::fmt::Debug for Strings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Strings").field("language", &self.language).field("keys", &self.texts.len()).finish()
    }
}

impl Default for Strings {
    fn default() -> Self {
        Strings::new("en", None).0
    }
}

/// Whether `tag` is a language tag dossier accepts: a primary subtag of 2 to
/// 8 letters, then subtags of letters and digits (`en`, `pt-BR`, `sr-Latn`).
/// It names a file (`i18n/<tag>.toml`) and goes into `lang="..."`.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=8).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// `language` (an article's) when it is a language tag of another language
/// than `site`'s (`ru` on an `en` site, not `en-GB`): what goes into
/// `lang="..."`.
pub fn other_language<'a>(language: Option<&'a str>, site: &str) -> Option<&'a str> {
    language.filter(|l| is_language_tag(l) && !same_language(l, site))
}

/// Whether two language tags name the same language (`en`, `en-GB`).
pub fn same_language(a: &str, b: &str) -> bool {
    let primary = |t: &str| t.split('-').next().unwrap_or(t).to_ascii_lowercase();
    primary(a) == primary(b)
}

/// The built-in translation closest to `tag`: itself, or its primary subtag.
fn built_in(tag: &str) -> Option<&'static str> {
    let primary = tag.split('-').next().unwrap_or(tag);
    BUILT_IN.iter().find(|(l, _)| l.eq_ignore_ascii_case(tag)).or_else(|| BUILT_IN.iter().find(|(l, _)| l.eq_ignore_ascii_case(primary))).map(|(_, s)| *s)
}

impl Strings {
    /// The strings for `language`: English, then the built-in translation,
    /// then the dossier's own file (`own`, already read), each replacing the
    /// keys it has. Problems in the dossier's file are returned; its good
    /// keys are kept.
    pub fn new(language: &str, own: Option<&Arc<FileText>>) -> (Strings, Vec<Diagnostic>) {
        let mut texts = BTreeMap::new();
        let mut problems = Vec::new();
        let english = FileText::new("i18n/en.toml (built in)", BUILT_IN[0].1);
        read(&english, &mut texts, &mut problems);
        if let Some(text) = built_in(language).filter(|_| !language.eq_ignore_ascii_case("en")) {
            read(&FileText::new(format!("i18n/{language}.toml (built in)"), text), &mut texts, &mut problems);
        }
        // A problem in a built-in file is a bug that tests catch; only the dossier's are the user's.
        problems.clear();
        if let Some(file) = own {
            read(file, &mut texts, &mut problems);
        }
        let plural = language.parse::<unic_langid::LanguageIdentifier>().ok().and_then(|id| PluralRules::create(id, PluralRuleType::CARDINAL).ok());
        let plural = plural.or_else(|| PluralRules::create("en".parse::<unic_langid::LanguageIdentifier>().ok()?, PluralRuleType::CARDINAL).ok());
        (Strings { language: language.to_string(), texts, plural, dates: Default::default() }, problems)
    }

    /// The language the strings are for, as `dossier.toml` names it.
    pub fn language(&self) -> &str {
        &self.language
    }

    /// Whether `key` names a string.
    pub fn has(&self, key: &str) -> bool {
        self.texts.contains_key(key)
    }

    /// Every key, sorted (for tests and `dossier check`).
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.texts.keys().map(String::as_str)
    }

    /// The CLDR plural category of `n` in this language.
    fn category(&self, n: u64) -> &'static str {
        let Some(rules) = &self.plural else { return if n == 1 { "one" } else { "other" } };
        match rules.select(n) {
            Ok(PluralCategory::ZERO) => "zero",
            Ok(PluralCategory::ONE) => "one",
            Ok(PluralCategory::TWO) => "two",
            Ok(PluralCategory::FEW) => "few",
            Ok(PluralCategory::MANY) => "many",
            _ => "other",
        }
    }

    /// The string `key` with its placeholders filled from `args`; a plural
    /// table takes the form for the argument `n`. `None` when no language
    /// has the key.
    pub fn get(&self, key: &str, args: &[(&str, &str)]) -> Option<String> {
        let template = match self.texts.get(key)? {
            Text::One(s) => s.as_str(),
            Text::Plural(forms) => {
                let n = args.iter().find(|(k, _)| *k == "n").and_then(|(_, v)| v.parse::<u64>().ok()).unwrap_or(0);
                let category = self.category(n);
                forms.get(category).or_else(|| forms.get("other")).or_else(|| forms.values().next()).map(String::as_str).unwrap_or("")
            }
        };
        Some(fill(template, args))
    }

    /// [`Strings::get`] for the renderer's own keys, which the English file
    /// always has (a test holds every key the code uses to it); the key
    /// itself if not, so a page never fails for want of a word.
    pub fn text(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.get(key, args).unwrap_or_else(|| key.to_string())
    }

    /// [`Strings::text`] of a plural key for `n`.
    pub fn count(&self, key: &str, n: usize) -> String {
        self.text(key, &[("n", &n.to_string())])
    }

    fn month(&self, list: &str, m: i8) -> String {
        match self.texts.get(list) {
            Some(Text::One(s)) => s.split(',').nth(m as usize - 1).map(|s| s.trim().to_string()).unwrap_or_default(),
            _ => String::new(),
        }
    }

    fn date_with(&self, pattern: &'static str, d: jiff::civil::Date) -> String {
        // A poisoned lock only means another thread panicked mid-insert: the map is still usable.
        let mut dates = self.dates.lock().unwrap_or_else(|e| e.into_inner());
        dates.entry((pattern, d)).or_insert_with(|| self.write_date(pattern, d)).clone()
    }

    fn write_date(&self, pattern: &str, d: jiff::civil::Date) -> String {
        let (day, year) = (d.day().to_string(), d.year().to_string());
        let (month, short, standalone) =
            (self.month("date.months", d.month()), self.month("date.months_short", d.month()), self.month("date.months_standalone", d.month()));
        self.text(pattern, &[("day", &day), ("month", &month), ("month_short", &short), ("month_standalone", &standalone), ("year", &year)])
    }

    /// "28 December 2025", "28 декабря 2025 г.": a date in running text.
    pub fn long_date(&self, d: jiff::civil::Date) -> String {
        self.date_with("date.long", d)
    }

    /// "28 Dec 2025", where space is short (search results, charts).
    pub fn short_date(&self, d: jiff::civil::Date) -> String {
        self.date_with("date.short", d)
    }

    /// An event's days: "28 December 2025", "13 June 2025 – 24 June 2025" (`long`),
    /// "28 Dec 2025" (short), or "date unknown".
    pub fn days(&self, days: Option<(jiff::civil::Date, jiff::civil::Date)>, long: bool) -> String {
        let one = |d| if long { self.long_date(d) } else { self.short_date(d) };
        match days {
            Some((start, end)) if end != start => self.text("date.range", &[("from", &one(start)), ("to", &one(end))]),
            Some((day, _)) => one(day),
            None => self.text("date.unknown", &[]),
        }
    }

    /// "December 2025", "Декабрь 2025": a month's heading.
    pub fn month_and_year(&self, d: jiff::civil::Date) -> String {
        self.date_with("date.month_year", d)
    }

    /// "Dec", month `m` (1 to 12) in short, for an axis.
    pub fn short_month(&self, m: i8) -> String {
        self.month("date.months_short", m)
    }

    /// The strings under `prefix.` (without it), as JSON for a script: a
    /// string, or an object of plural forms. The script picks a form with
    /// the browser's `Intl.PluralRules` for [`Strings::language`].
    pub fn for_script(&self, prefix: &str) -> serde_json::Value {
        let mut out = serde_json::Map::new();
        let start = format!("{prefix}.");
        for (key, text) in self.texts.range(start.clone()..).take_while(|(k, _)| k.starts_with(&start)) {
            let value = match text {
                Text::One(s) => serde_json::Value::String(s.clone()),
                Text::Plural(forms) => forms.iter().map(|(k, v)| (k.to_string(), serde_json::Value::String(v.clone()))).collect(),
            };
            out.insert(key[start.len()..].to_string(), value);
        }
        serde_json::Value::Object(out)
    }
}

/// `template` with each `{name}` replaced by its argument; unknown
/// placeholders are left as written.
fn fill(template: &str, args: &[(&str, &str)]) -> String {
    if !template.contains('{') {
        return template.to_string();
    }
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| (&after[..close], close)) {
            Some((name, close)) if args.iter().any(|(k, _)| *k == name) => {
                let value = args.iter().find(|(k, _)| *k == name).map(|(_, v)| *v).unwrap_or("");
                out.push_str(value);
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Read one file of strings into `texts`, replacing the keys it has.
fn read(file: &Arc<FileText>, texts: &mut BTreeMap<String, Text>, problems: &mut Vec<Diagnostic>) {
    let table = match DeTable::parse(&file.text) {
        Ok(t) => t.into_inner(),
        Err(e) => {
            let message = format!("invalid TOML: {}", e.message().trim());
            problems.push(match e.span() {
                Some(span) => Diagnostic::error_at(file, span, message),
                None => Diagnostic::error(file.path.clone(), message),
            });
            return;
        }
    };
    walk(file, "", &table, texts, problems);
}

fn walk(file: &Arc<FileText>, prefix: &str, table: &DeTable<'_>, texts: &mut BTreeMap<String, Text>, problems: &mut Vec<Diagnostic>) {
    for (key, value) in table {
        let name = format!("{prefix}{}", key.get_ref());
        let span = value.span();
        match value.get_ref() {
            DeValue::String(s) => {
                texts.insert(name, Text::One(crate::text::clean_line(s)));
            }
            DeValue::Array(items) if name.starts_with("date.months") => {
                // Month names may be a list of twelve; kept as one string, comma-separated.
                let names: Vec<String> =
                    items.iter().filter_map(|v| if let DeValue::String(s) = v.get_ref() { Some(crate::text::clean_line(s)) } else { None }).collect();
                if names.len() == 12 && names.iter().all(|n| !n.contains(',')) {
                    texts.insert(name, Text::One(names.join(",")));
                } else {
                    problems.push(
                        Diagnostic::error_at(file, span, format!("`{name}` must list the twelve months, January first"))
                            .with_hint("write months = [\"January\", \"February\", ...], each a string without commas"),
                    );
                }
            }
            DeValue::Table(inner) if !inner.is_empty() && inner.keys().all(|k| CATEGORIES.contains(&k.get_ref().as_ref())) => {
                let mut forms = BTreeMap::new();
                for (category, form) in inner {
                    let category = CATEGORIES.iter().find(|c| **c == category.get_ref().as_ref()).copied().unwrap_or("other");
                    match form.get_ref() {
                        DeValue::String(s) => {
                            forms.insert(category, crate::text::clean_line(s));
                        }
                        _ => problems.push(Diagnostic::error_at(file, form.span(), format!("the `{category}` form of `{name}` must be a string"))),
                    }
                }
                if !forms.contains_key("other") {
                    problems.push(
                        Diagnostic::error_at(file, span, format!("`{name}` has plural forms but no `other`"))
                            .with_hint("add other = \"...\": it is the form used when no other applies"),
                    );
                }
                texts.insert(name, Text::Plural(forms));
            }
            DeValue::Table(inner) => walk(file, &format!("{name}."), inner, texts, problems),
            _ => problems.push(
                Diagnostic::error_at(file, span, format!("`{name}` must be a string, or a table of plural forms"))
                    .with_hint("write key = \"text\", or key = { one = \"{n} article\", other = \"{n} articles\" }"),
            ),
        }
    }
}

/// Every key of the built-in English file, for a test that keeps the
/// translations complete.
pub fn english_keys() -> Vec<String> {
    Strings::default().keys().map(str::to_string).collect()
}

/// The keys of the built-in file of `language` alone (without English under it).
pub fn built_in_keys(language: &str) -> Vec<String> {
    let mut texts = BTreeMap::new();
    let mut problems = Vec::new();
    if let Some(text) = built_in(language) {
        read(&FileText::new(format!("i18n/{language}.toml"), text), &mut texts, &mut problems);
    }
    let mut keys: Vec<String> = texts.into_keys().collect();
    keys.extend(problems.into_iter().map(|p| format!("!problem: {}", p.message)));
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_and_unknown_ones_kept() {
        assert_eq!(fill("{n} of {total}", &[("n", "3"), ("total", "9")]), "3 of 9");
        assert_eq!(fill("a {b} c {", &[]), "a {b} c {");
    }

    #[test]
    fn language_tags() {
        for ok in ["en", "ru", "pt-BR", "sr-Latn-RS"] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in ["", "e", "../x", "en/", "en_US", "en-", "ru ru"] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }
}
