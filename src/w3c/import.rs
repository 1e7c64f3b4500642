//! `dossier import-annotations FILE...`: annotations made elsewhere (in
//! Hypothesis, in any tool that speaks the W3C model, or a dossier's own
//! export) written into the articles they are about, as standoff annotations
//! in the front matter.
//!
//! Each annotation read ([`super::read`]) goes through the same steps:
//!
//! 1. **target**: the URL it annotates is matched to an article: the
//!    article's `url` (the original report) or its page on this site, both
//!    normalised ([`normalise_url`]: scheme, `www.`, default port, trailing
//!    slash, fragment and tracking parameters do not count);
//! 2. **fields**: tags and bodies become kind, note and attributes (the
//!    mapping is [`super`]'s), checked by the build's own rules
//!    ([`StandoffCheck`]);
//! 3. **already there**: an annotation imported before is recognised by its
//!    original id, kept as `via`; one the article already has (same kind,
//!    passage, speaker and note: a dossier's own export read back) is not
//!    added again. So a second import of the same file changes nothing;
//! 4. **anchor**: its quote is looked for as the build anchors standoff
//!    annotations ([`Quotes`]: the exact text, its context choosing between
//!    repeats, then the closest passage); a quote found only approximately
//!    is written as the article reads now, with a warning;
//! 5. **write**: each article's new annotations are appended to its front
//!    matter ([`front_matter::Editor`]: the rest of the file is kept byte for
//!    byte) and the file replaced atomically ([`files::write`]); a file
//!    changed on disk since it was read is left alone, with an error.
//!
//! An annotation that is not imported is reported with the reason, its file
//! and its number there (and the line of its id): never dropped silently.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use toml_edit::{value, ArrayOfTables, Item, Table};

use super::read::{self, Fields, Incoming, Quote};
use super::{article_page, parse_article_page};
use crate::annotate::{self, ActorMatcher, Found, Quotes, StandoffCheck};
use crate::diagnostics::{Diagnostic, Diagnostics, FileText};
use crate::files;
use crate::load::{self, Dossier, LoadedArticle};
use crate::text::{clean_line, front_matter};

/// What became of one file's annotations.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileCounts {
    /// The file as given (or a page of a collection, read beside it).
    pub input: String,
    pub read: usize,
    /// Written into an article (including `reanchored`).
    pub imported: usize,
    /// Of those, found only approximately (the article reads differently).
    pub reanchored: usize,
    /// Already in the dossier: nothing to do.
    pub present: usize,
    /// Not imported: each has an error saying why.
    pub refused: usize,
}

/// Everything an annotation import did.
#[derive(Debug, Default)]
pub struct AnnotationImport {
    pub files: Vec<FileCounts>,
    /// The articles written (as shown in messages), with how many annotations each gained.
    pub articles: Vec<(String, usize)>,
    /// Why annotations were not imported (errors), and what to check (warnings).
    pub diagnostics: Diagnostics,
}

impl AnnotationImport {
    /// Whether an annotation was left out or a file could not be read (the command's exit code).
    pub fn failed(&self) -> bool {
        self.diagnostics.has_errors()
    }
}

/// A standoff annotation to write.
struct New {
    fields: Fields,
    exact: String,
    prefix: String,
    suffix: String,
    id: Option<String>,
    via: Option<String>,
    /// The file it came from (its index in the report's `files`), and
    /// whether it was re-anchored: for the counts, should the write fail.
    from: usize,
    moved: bool,
}

/// An article that annotations are imported into: what it has already.
struct Target {
    quotes: Quotes,
    /// `via` of its standoff annotations (and of those added by this import).
    vias: BTreeSet<String>,
    /// Its annotations as the build sees them, (kind, passage, by, note),
    /// each recognising one incoming annotation at most (an article may hold
    /// two alike); `None` when it has errors the build reports.
    existing: Option<Vec<[Option<String>; 4]>>,
    /// Anchor ids in use.
    ids: BTreeSet<String>,
    new: Vec<New>,
}

/// Import the annotations in `files` into the dossier at `root`.
pub fn import_annotations(root: &Path, files: &[PathBuf]) -> AnnotationImport {
    let mut report = AnnotationImport::default();
    let (dossier, loaded) = load::load(&load::Folder::new(root));
    if loaded.has_errors() {
        report.diagnostics.push(
            Diagnostic::warning(
                root.display().to_string(),
                format!(
                    "the dossier has {} error(s); articles with errors cannot receive annotations",
                    loaded.iter().filter(|d| d.severity == crate::diagnostics::Severity::Error).count()
                ),
            )
            .with_hint("run `dossier check`"),
        );
    }
    let base = dossier.config.base_url.as_str();
    let mut inputs = Vec::new();
    let mut seen = BTreeSet::new();
    for path in files {
        match read::read(path, base, &mut seen) {
            Ok(read) => inputs.extend(read),
            Err(d) => {
                report.files.push(FileCounts { input: path.display().to_string(), ..FileCounts::default() });
                report.diagnostics.push(d);
            }
        }
    }

    // Which article each annotation is about (or why none).
    let urls = UrlIndex::of(&dossier);
    let matched: Vec<Vec<Result<usize, Diagnostic>>> =
        inputs.iter().map(|input| input.annotations.iter().map(|a| target_of(a, &input.file, &dossier, &urls)).collect()).collect();
    let mut targets = targets(&dossier, matched.iter().flatten().filter_map(|m| m.as_ref().ok().copied()).collect(), &mut report.diagnostics);

    let check = StandoffCheck::new(&dossier.actors, &dossier.unloaded_actors);
    for (input, matched) in inputs.iter().zip(matched) {
        let mut counts = FileCounts { input: input.file.path.clone(), read: input.annotations.len(), ..FileCounts::default() };
        for (a, target) in input.annotations.iter().zip(matched) {
            let at = |d: Diagnostic| match &a.span {
                Some(span) => d.at(&input.file, span.clone()),
                None => d,
            };
            let i = match target {
                Ok(i) => i,
                Err(d) => {
                    counts.refused += 1;
                    report.diagnostics.push(d);
                    continue;
                }
            };
            let article = &dossier.articles[i];
            let target = targets.get_mut(&i).expect("every matched article is a target");
            match place(a, article, &input.file.path, base, &dossier, &check, target) {
                Placed::New(mut new, moved) => {
                    new.from = report.files.len();
                    new.moved = moved.is_some();
                    if let Some(warning) = moved {
                        counts.reanchored += 1;
                        report.diagnostics.push(at(warning));
                    }
                    if !a.unmapped.is_empty() {
                        report.diagnostics.push(at(Diagnostic::warning(
                            input.file.path.clone(),
                            format!("{}: left out: {}", a.describe(), a.unmapped.join(", ")),
                        )
                        .with_hint("dossier reads the tags quote, claim, note, ref, by:, about:, sourcing:, confidence:, to: and rel: (README, \"Annotations in other tools\")")));
                    }
                    counts.imported += 1;
                    target.vias.extend(new.via.clone());
                    target.ids.extend(new.id.clone());
                    target.new.push(*new);
                }
                Placed::Present => counts.present += 1,
                Placed::Refused(message, hint) => {
                    counts.refused += 1;
                    report.diagnostics.push(at(Diagnostic::error(input.file.path.clone(), format!("{}: {message}", a.describe())).with_hint(hint)));
                }
            }
        }
        report.files.push(counts);
    }
    write(&dossier, targets, &mut report);
    report
}

/// The articles annotations go to, with what they already have.
fn targets(dossier: &Dossier, indexes: BTreeSet<usize>, diags: &mut Diagnostics) -> BTreeMap<usize, Target> {
    let sources: Vec<LoadedArticle> = indexes.iter().map(|&i| dossier.articles[i].clone()).collect();
    let matcher = ActorMatcher::of(dossier);
    let annotate::Annotated { articles, failed, .. } = annotate::annotate(dossier, &matcher, sources);
    let mut annotated: BTreeMap<String, annotate::Article> = articles.into_iter().map(|a| (a.loaded.slug.clone(), a)).collect();
    for path in failed.iter().map(|f| &f.loaded.path) {
        diags.push(
            Diagnostic::warning(path.to_string(), "the article has errors: annotations already in it are not compared with those imported")
                .with_hint("run `dossier check`; an annotation the article already has may be added again"),
        );
    }
    indexes
        .into_iter()
        .map(|i| {
            let source = &dossier.articles[i];
            let article = annotated.remove(&source.slug);
            let vias = source.standoff.iter().filter_map(|s| s.via.as_ref().map(|v| v.get_ref().clone())).collect();
            let existing = article
                .as_ref()
                .map(|a| a.annotations.iter().map(|x| [Some(x.kind.name().to_string()), Some(x.passage.clone()), x.by.clone(), x.note.clone()]).collect());
            let mut ids: BTreeSet<String> = article.iter().flat_map(|a| a.annotations.iter().map(|x| x.id.clone())).collect();
            ids.extend(source.standoff.iter().filter_map(|s| s.id.as_ref().map(|v| v.get_ref().clone())));
            (i, Target { quotes: Quotes::of(source.body()), vias, existing, ids, new: Vec::new() })
        })
        .collect()
}

/// An annotation's kind, passage, speaker and note, to recognise it.
fn summary(fields: &Fields, passage: &str) -> [Option<String>; 4] {
    [Some(fields.kind.clone().unwrap_or_else(|| "note".into())), Some(clean_line(passage)), fields.by.clone(), fields.note.clone()]
}

/// The article `a` is about, or why there is none.
fn target_of(a: &Incoming, file: &std::sync::Arc<FileText>, dossier: &Dossier, urls: &UrlIndex) -> Result<usize, Diagnostic> {
    let refuse = |message: String, hint: &str| {
        let d = Diagnostic::error(file.path.clone(), format!("{}: {message}", a.describe())).with_hint(hint);
        Err(match &a.span {
            Some(span) => d.at(file, span.clone()),
            None => d,
        })
    };
    if let Some((problem, hint)) = &a.problem {
        return refuse(problem.clone(), hint);
    }
    if a.quote.is_none() {
        return refuse(
            "it quotes no passage (no TextQuoteSelector): a page note".into(),
            "dossier annotations mark a passage; quote one in the annotating tool",
        );
    }
    let mut shown = None;
    for url in &a.urls {
        match urls.find(url) {
            [] => shown = shown.or(Some(url)),
            [one] => return Ok(*one),
            several => {
                let slugs: Vec<&str> = several.iter().map(|&i| dossier.articles[i].slug.as_str()).collect();
                return refuse(
                    format!("its target {} is the `url` of {} articles: {}", clean_line(url), several.len(), slugs.join(", ")),
                    "keep one article per original report, or give the others their own `url`",
                );
            }
        }
    }
    match shown {
        Some(url) => refuse(
            format!("its target {} matches no article", clean_line(url)),
            "give the article it annotates `url = \"...\"` (the address of the original report) in its front matter, or import the article first (`dossier import`)",
        ),
        None => refuse("it names no target".into(), "a W3C annotation's target is the annotated page's address"),
    }
}

/// What to do with one annotation, in its article.
enum Placed {
    /// Write it; with a warning when the quote was found only approximately.
    New(Box<New>, Option<Diagnostic>),
    Present,
    Refused(String, String),
}

fn place(a: &Incoming, article: &LoadedArticle, file: &str, base: &str, dossier: &Dossier, check: &StandoffCheck<'_>, target: &mut Target) -> Placed {
    let Quote { exact, prefix, suffix } = a.quote.clone().unwrap_or_default();
    let mut fields = a.fields.clone();
    fields.note = fields.note.map(|n| clean_line(&n)).filter(|n| !n.is_empty());
    let kind = fields.kind.get_or_insert_with(|| "note".into()).clone();
    let about = fields.about.join(" ");
    let attributes: Vec<(&str, &str)> = [
        ("by", fields.by.as_deref()),
        ("sourcing", fields.sourcing.as_deref()),
        ("confidence", fields.confidence.as_deref()),
        ("about", Some(about.as_str()).filter(|s| !s.is_empty())),
        ("note", fields.note.as_deref()),
        ("to", fields.to.as_deref()),
        ("rel", fields.rel.as_deref()),
    ]
    .into_iter()
    .filter_map(|(k, v)| Some((k, v?)))
    .collect();
    if let Some((message, hint)) = check.problems(&kind, &attributes).into_iter().next() {
        let hint = match message.as_str() {
            "a note needs its text" => "give the annotation a comment, or tag it quote (with by:ACTOR-ID) or claim (with sourcing:...)".to_string(),
            m if m.starts_with("a quote needs") => "tag it by:ACTOR-ID, the speaker's id in content/actors.toml".to_string(),
            m if m.starts_with("a claim needs") => "tag it sourcing:named (or anonymous, official, document, unsourced)".to_string(),
            _ => hint,
        };
        return Placed::Refused(message, hint);
    }
    if let Some(to) = &fields.to {
        let slug = to.split('#').next().unwrap_or_default();
        if dossier.articles.binary_search_by(|x| x.slug.as_str().cmp(slug)).is_err() {
            return Placed::Refused(format!("it points at the article `{slug}`, which is not in this dossier"), "import that article first".into());
        }
    }
    let own = a.id.as_deref().and_then(|id| parse_article_page(base, id)).filter(|(slug, _)| *slug == article.slug);
    let via = a.via.clone().or_else(|| a.id.clone().filter(|_| own.is_none()));
    if via.as_ref().is_some_and(|v| target.vias.contains(v)) {
        return Placed::Present;
    }
    let quote = || -> String { clean_line(&exact).chars().take(60).collect() };
    let (passage, moved) = match target.quotes.find(&exact, &prefix, &suffix) {
        Found::Exact(p) => (p, None),
        Found::Moved { passage, edits } => {
            let warning = Diagnostic::warning(
                file.to_string(),
                format!("{}: re-anchored in {} with {edits} edit(s): \"{}\" now reads \"{}\"", a.describe(), article.path, quote(), clean_line(&passage.text)),
            )
            .with_hint("the article reads differently from the annotated page; the annotation is written as the article reads");
            (passage, Some(warning))
        }
        Found::Ambiguous { count } => {
            return Placed::Refused(
                format!("the quote \"{}\" occurs {count} times in {} and its prefix and suffix do not tell which", quote(), article.path),
                "quote a longer passage in the annotating tool".into(),
            )
        }
        Found::Orphaned => {
            return Placed::Refused(
                format!("the quote \"{}\" is not in {}", quote(), article.path),
                "the article's text differs from the annotated page: correct the article, or annotate it in dossier".into(),
            )
        }
    };
    let same = summary(&fields, &passage.text);
    if let Some(at) = target.existing.as_ref().and_then(|e| e.iter().position(|x| *x == same)) {
        target.existing.as_mut().expect("just found").swap_remove(at);
        return Placed::Present;
    }
    // The dossier's own annotation keeps its anchor, so links to it hold; a
    // generated one (`a3`) is given again by the build, in the same order.
    let id = own.and_then(|(_, anchor)| anchor).filter(|x| !annotate::is_generated_id(x) && !target.ids.contains(*x)).map(str::to_string);
    Placed::New(Box::new(New { fields, exact: passage.text, prefix: passage.prefix, suffix: passage.suffix, id, via, from: 0, moved: false }), moved)
}

/// Append each article's new annotations to its front matter.
fn write(dossier: &Dossier, targets: BTreeMap<usize, Target>, report: &mut AnnotationImport) {
    for (i, target) in targets {
        if target.new.is_empty() {
            continue;
        }
        let article = &dossier.articles[i];
        let path = if Path::new(&article.path).is_absolute() { PathBuf::from(&article.path) } else { dossier.root.join(&article.path) };
        let written = std::fs::read_to_string(&path)
            .ok()
            .filter(|now| now.strip_prefix('\u{feff}').unwrap_or(now).replace("\r\n", "\n").replace('\r', "\n") == article.file.text)
            .ok_or_else(|| {
                Diagnostic::error(article.path.clone(), "the file changed since it was read (or is not plain UTF-8); left as it is")
                    .with_hint("run the import again")
            })
            .and_then(|now| {
                let text = with_annotations(&now, &target.new).map_err(|(span, message)| {
                    Diagnostic::error_at(&FileText::new(article.path.clone(), now.clone()), span, message).with_hint("fix the front matter, then import again")
                })?;
                files::write(&path, text.as_bytes(), files::Mode::Replace).map_err(|e| Diagnostic::error(article.path.clone(), format!("cannot write: {e}")))
            });
        match written {
            Ok(()) => report.articles.push((article.path.clone(), target.new.len())),
            Err(d) => {
                report.diagnostics.push(d.with_hint(format!("{} annotation(s) for this article were not written", target.new.len())));
                for n in &target.new {
                    let counts = &mut report.files[n.from];
                    counts.imported -= 1;
                    counts.reanchored -= usize::from(n.moved);
                    counts.refused += 1;
                }
            }
        }
    }
}

/// `text` (an article file) with `new` appended to its `[[annotation]]` tables.
fn with_annotations(text: &str, new: &[New]) -> Result<String, (std::ops::Range<usize>, String)> {
    let mut editor = front_matter::Editor::open(text).map_err(|e| (e.span, e.message))?;
    let doc = editor.doc();
    if !doc.contains_key("annotation") {
        doc.insert("annotation", Item::ArrayOfTables(ArrayOfTables::new()));
    }
    let Some(list) = doc.get_mut("annotation").and_then(Item::as_array_of_tables_mut) else {
        return Err((0..0, "`annotation` is not written as [[annotation]] tables; cannot add to it".into()));
    };
    for n in new {
        let mut t = Table::new();
        let f = &n.fields;
        t.insert("kind", value(f.kind.clone().unwrap_or_else(|| "note".into())));
        t.insert("exact", one_line(&n.exact));
        for (key, v) in [("prefix", Some(&n.prefix)), ("suffix", Some(&n.suffix)), ("id", n.id.as_ref())] {
            if let Some(v) = v.filter(|v| !v.is_empty()) {
                t.insert(key, one_line(v));
            }
        }
        let about = f.about.join(" ");
        for (key, v) in [
            ("by", f.by.as_ref()),
            ("sourcing", f.sourcing.as_ref()),
            ("confidence", f.confidence.as_ref()),
            ("about", Some(&about).filter(|a| !a.is_empty())),
            ("note", f.note.as_ref()),
            ("to", f.to.as_ref()),
            ("rel", f.rel.as_ref()),
            ("via", n.via.as_ref()),
        ] {
            if let Some(v) = v {
                t.insert(key, one_line(v));
            }
        }
        t.decor_mut().set_prefix("\n");
        list.push(t);
    }
    Ok(editor.finish())
}

/// A TOML string on one line whatever it holds: a context that crosses
/// paragraphs has a line break, which would otherwise be written as a
/// multi-line string and read badly in a diff.
fn one_line(s: &str) -> Item {
    if !s.chars().any(char::is_control) {
        return value(s);
    }
    let mut literal = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => literal.push_str("\\\""),
            '\\' => literal.push_str("\\\\"),
            '\n' => literal.push_str("\\n"),
            '\t' => literal.push_str("\\t"),
            c if c.is_control() => literal.push_str(&format!("\\u{:04X}", c as u32)),
            c => literal.push(c),
        }
    }
    literal.push('"');
    Item::Value(literal.parse().expect("an escaped TOML basic string"))
}

/// Articles by the URLs they can be annotated at.
struct UrlIndex {
    by_url: BTreeMap<String, Vec<usize>>,
}

impl UrlIndex {
    fn of(dossier: &Dossier) -> UrlIndex {
        let mut by_url: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, a) in dossier.articles.iter().enumerate() {
            let page = article_page(&dossier.config.base_url, &a.slug);
            for url in a.url.iter().chain(std::iter::once(&page)) {
                let list = by_url.entry(normalise_url(url)).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
        UrlIndex { by_url }
    }

    fn find(&self, url: &str) -> &[usize] {
        self.by_url.get(&normalise_url(url)).map_or(&[], Vec::as_slice)
    }
}

/// Query parameters that say where a reader came from, not what they read.
const TRACKING: &[&str] = &["fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "ocid", "cmpid", "smid", "ref", "ref_src", "_ga", "s_cid"];

/// A web address reduced to what names the page: `http` and `https`, a
/// leading `www.`, a default port, a trailing slash, the fragment and
/// tracking parameters (`utm_*`, `fbclid`, ...) make no difference; the
/// other parameters are sorted. Anything that is not an http(s) URL is
/// compared as written.
pub fn normalise_url(url: &str) -> String {
    let Ok(u) = url::Url::parse(url.trim()) else { return url.trim().to_string() };
    if !matches!(u.scheme(), "http" | "https") {
        return url.trim().to_string();
    }
    let host = u.host_str().unwrap_or_default().to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let port = u.port().map(|p| format!(":{p}")).unwrap_or_default();
    let path = u.path().trim_end_matches('/');
    let mut query: Vec<(String, String)> = u
        .query_pairs()
        .filter(|(k, _)| !k.to_ascii_lowercase().starts_with("utm_") && !TRACKING.contains(&k.to_ascii_lowercase().as_str()))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    query.sort();
    let query: Vec<String> = query.iter().map(|(k, v)| if v.is_empty() { k.clone() } else { format!("{k}={v}") }).collect();
    let query = if query.is_empty() { String::new() } else { format!("?{}", query.join("&")) };
    format!("{host}{port}{path}{query}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_differing_only_in_what_does_not_name_the_page_are_one() {
        let one = normalise_url("https://www.foxnews.com/politics/mar-a-lago-call");
        for same in [
            "http://foxnews.com/politics/mar-a-lago-call/",
            "https://WWW.FoxNews.com:443/politics/mar-a-lago-call#comments",
            "https://www.foxnews.com/politics/mar-a-lago-call?utm_source=twitter&utm_medium=social&fbclid=x",
        ] {
            assert_eq!(normalise_url(same), one, "{same}");
        }
        assert_ne!(normalise_url("https://www.foxnews.com/politics/mar-a-lago-call?page=2"), one);
        assert_ne!(normalise_url("https://www.foxnews.com/politics/Mar-a-Lago-call"), one);
        assert_eq!(normalise_url("https://x.org/a?b=2&a=1"), normalise_url("https://x.org/a?a=1&b=2"));
        assert_eq!(normalise_url("urn:x-pdf:abc"), "urn:x-pdf:abc");
    }

    fn new_like() -> New {
        New { fields: Fields::default(), exact: String::new(), prefix: String::new(), suffix: String::new(), id: None, via: None, from: 0, moved: false }
    }

    #[test]
    fn new_annotations_are_appended_as_tables_and_the_rest_is_kept() {
        let text = "+++\r\ntitle = \"T\" # kept\r\n\r\n[[annotation]]\r\nkind = \"note\"\r\nexact = \"Body\"\r\nnote = \"n\"\r\n+++\r\nBody, and \"more\".\r\n";
        let new = New {
            fields: Fields { kind: Some("claim".into()), sourcing: Some("anonymous".into()), about: vec!["a".into(), "b".into()], ..Fields::default() },
            exact: "\"more\"".into(),
            prefix: "and ".into(),
            suffix: ".".into(),
            id: None,
            via: Some("https://hypothes.is/a/x".into()),
            from: 0,
            moved: false,
        };
        let out = with_annotations(text, &[new]).unwrap();
        assert_eq!(
            out,
            "+++\r\ntitle = \"T\" # kept\r\n\r\n[[annotation]]\r\nkind = \"note\"\r\nexact = \"Body\"\r\nnote = \"n\"\r\n\r\n[[annotation]]\r\nkind = \"claim\"\r\nexact = '\"more\"'\r\nprefix = \"and \"\r\nsuffix = \".\"\r\nsourcing = \"anonymous\"\r\nabout = \"a b\"\r\nvia = \"https://hypothes.is/a/x\"\r\n+++\r\nBody, and \"more\".\r\n"
        );
        let point = New {
            fields: Fields { note: Some("n".into()), ..Fields::default() },
            exact: String::new(),
            prefix: "end.\n\"Next\" \\ \u{1}".into(),
            ..new_like()
        };
        let out = with_annotations("+++\ntitle = \"T\"\n+++\nBody\n", &[point]).unwrap();
        assert!(out.contains("\nprefix = \"end.\\n\\\"Next\\\" \\\\ \\u0001\"\n"), "{out}");
        let parts = front_matter::split(&out).unwrap();
        let back: toml::Table = toml::from_str(&out[parts.toml]).unwrap();
        assert_eq!(back["annotation"][0]["prefix"].as_str(), Some("end.\n\"Next\" \\ \u{1}"));
        let bad = with_annotations("+++\nannotation = 1\n+++\n", &[]).unwrap_err();
        assert!(bad.1.contains("[[annotation]]"));
    }
}
