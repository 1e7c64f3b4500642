//! What an annotation means (kind, speaker, sourcing, cross-reference), the
//! checks on what was written, and its HTML.
//!
//! The HTML is a Tufte-style sidenote that needs no JavaScript: on wide
//! screens the note sits in the margin; on narrow ones a real checkbox
//! (focusable, labelled for screen readers) shows and hides it.

use std::ops::Range;

use serde::Serialize;

use super::markup::{Written, ATTRIBUTES, HOLE, KINDS};
use crate::load::{Actor, Unloaded};
use crate::text::{escape_html, is_slug};
use crate::urls::{Page, PageKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A highlighted passage with the analyst's comment.
    Note,
    /// Words spoken or written by an actor.
    Quote,
    /// An assertion whose sourcing matters.
    Claim,
    /// A pointer from this passage to a passage in another article.
    Ref,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Note => "note",
            Kind::Quote => "quote",
            Kind::Claim => "claim",
            Kind::Ref => "ref",
        }
    }

    fn parse(s: &str) -> Option<Kind> {
        match s {
            "note" => Some(Kind::Note),
            "quote" => Some(Kind::Quote),
            "claim" => Some(Kind::Claim),
            "ref" => Some(Kind::Ref),
            _ => None,
        }
    }
}

pub(super) const SOURCINGS: &[&str] = &["named", "anonymous", "official", "document", "unsourced"];
pub(super) const CONFIDENCES: &[&str] = &["low", "medium", "high"];
pub(super) const RELATIONS: &[&str] = &["same-claim", "contradicts", "corrects", "source-of"];

/// How one passage relates to another.
#[derive(Debug, Clone, Serialize)]
pub struct Target {
    pub article: String,
    pub anchor: Option<String>,
    pub relation: String,
    /// Where `to=` is written, for "no such article" errors.
    #[serde(skip)]
    pub span: Range<usize>,
}

impl Target {
    pub fn relation_label(&self) -> &'static str {
        relation_label(&self.relation)
    }
}

pub fn relation_label(relation: &str) -> &'static str {
    match relation {
        "same-claim" => "Same claim as",
        "contradicts" => "Contradicts",
        "corrects" => "Corrects",
        "source-of" => "Source of",
        _ => "See",
    }
}

/// The reverse wording, shown on the passage a reference points at.
pub fn inverse_label(relation: &str) -> &'static str {
    match relation {
        "same-claim" => "Same claim in",
        "contradicts" => "Contradicted by",
        "corrects" => "Corrected by",
        "source-of" => "Based on this:",
        _ => "Referenced by",
    }
}

/// One annotation on an article, as checked and resolved.
#[derive(Debug, Clone, Serialize)]
pub struct Annotation {
    /// Anchor in the article page: written `#id`, or `a1`, `a2`, ...
    pub id: String,
    /// 1-based number shown in the text.
    pub number: usize,
    pub kind: Kind,
    /// Speaker (quote) or claimant (claim): an actor id.
    pub by: Option<String>,
    pub sourcing: Option<String>,
    pub confidence: Option<String>,
    /// Actors a claim is about.
    pub about: Vec<String>,
    pub note: Option<String>,
    /// Boxed: most annotations point nowhere, and each is held until the site is written.
    pub target: Option<Box<Target>>,
    /// The passage as plain text (filled in after rendering).
    pub passage: String,
    /// The text just before and just after the passage, where the passage
    /// repeats in its article or is a point: what a W3C TextQuoteSelector
    /// calls prefix and suffix, so other tools can tell repeats apart.
    #[serde(skip)]
    pub selector_context: Context,
    /// Line in the article file.
    pub line: usize,
    /// Anchored by a TextQuoteSelector in the front matter rather than inline.
    pub standoff: bool,
    /// The id of the annotation this one was imported from (standoff only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<Box<str>>,
    /// Where it is written in the file: the whole construct (for a standoff
    /// annotation, its `kind`), so a problem can be told to be in it.
    #[serde(skip)]
    pub span: Range<usize>,
    /// The passage's language when it is not the article's (`lang=uk`).
    pub lang: Option<String>,
    /// The rest of the passage's sentence (before, after), when the passage
    /// is only part of it; pages that show the passage alone show it too.
    #[serde(skip)]
    pub context: Option<(String, String)>,
}

impl Annotation {
    /// How the annotation is named in messages: kind and line.
    pub fn describe(&self) -> String {
        format!("`.{}` from line {}", self.kind.name(), self.line)
    }
}

/// How much context a passage keeps on each side: what Hypothesis keeps.
pub(super) const CONTEXT_CHARS: usize = 32;

/// The text before and after a passage (at most [`CONTEXT_CHARS`]
/// characters each), kept only where a tool needs it to find the passage:
/// when the passage occurs more than once in its article, or is a point (a
/// comment between two words). There is one per annotation (83,000 in a
/// 10,000-article dossier, held until the site is written), so one that is
/// not needed costs a pointer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context(Option<Box<(String, String)>>);

impl Context {
    pub(super) fn new(prefix: &str, suffix: &str) -> Context {
        Context(Some(Box::new((prefix.to_string(), suffix.to_string()))))
    }

    pub fn prefix(&self) -> &str {
        self.0.as_deref().map_or("", |c| &c.0)
    }

    pub fn suffix(&self) -> &str {
        self.0.as_deref().map_or("", |c| &c.1)
    }
}

/// A problem with what was written: (span in the body, message, hint).
pub(super) type Problem = (Range<usize>, String, String);

/// Check one written annotation and resolve it. `number` is 1-based.
/// The actor registry with an index by id: each `by=` or `about=` is a
/// search, not a scan of every actor.
pub(super) struct ActorTable<'a> {
    pub(super) list: &'a [Actor],
    by_id: std::collections::BTreeMap<&'a str, usize>,
    /// Ids the registry could not load (their errors are reported there).
    pub(super) unloaded: &'a Unloaded,
}

impl<'a> ActorTable<'a> {
    pub(super) fn new(list: &'a [Actor], unloaded: &'a Unloaded) -> ActorTable<'a> {
        ActorTable { list, by_id: list.iter().enumerate().map(|(i, a)| (a.id.as_str(), i)).collect(), unloaded }
    }

    pub(super) fn get(&self, id: &str) -> Option<&'a Actor> {
        self.by_id.get(id).map(|&i| &self.list[i])
    }
}

pub(super) fn resolve(w: &Written, number: usize, line: usize, actors: &ActorTable<'_>, problems: &mut Vec<Problem>) -> Annotation {
    let mut report = |span: &Range<usize>, message: String, hint: &str| problems.push((span.clone(), message, hint.to_string()));
    let mut kind = None;
    if w.critic {
        kind = Some(Kind::Note);
    }
    for (class, span) in &w.classes {
        match (Kind::parse(class), kind) {
            (Some(k), None) => kind = Some(k),
            (Some(_), Some(_)) => report(span, "an annotation has exactly one kind".into(), "keep one of .quote, .claim, .note, .ref"),
            (None, _) => {
                report(span, format!("unknown annotation kind `.{class}`"), &did_you_mean(class, KINDS, ".", "the kinds are .quote, .claim, .note and .ref"))
            }
        }
    }
    // Without a known kind, what the kind requires is not asked for: the
    // one error is the kind.
    let kind_known = kind.is_some();
    let kind = kind.unwrap_or_else(|| {
        if w.classes.is_empty() {
            report(&w.span, "annotation has no kind".into(), "add one of .quote, .claim, .note, .ref, e.g. [passage]{.note note=\"...\"}");
        }
        Kind::Note
    });
    let mut a = Annotation {
        id: String::new(),
        number,
        kind,
        by: None,
        sourcing: None,
        confidence: None,
        about: Vec::new(),
        note: w.critic_note.as_ref().map(|(n, _)| crate::text::clean_line(n)),
        target: None,
        passage: String::new(),
        selector_context: Context::default(),
        line,
        standoff: w.standoff,
        via: w.via.as_deref().map(Box::from),
        span: w.span.clone(),
        lang: None,
        context: None,
    };
    match &w.id {
        Some((id, span)) if is_slug(id) => a.id = id.clone(),
        Some((id, span)) => {
            report(span, format!("`#{id}` is not a valid anchor id"), "use lowercase letters, digits and hyphens, e.g. #claim-90-percent");
            a.id = format!("a{number}");
        }
        None => a.id = format!("a{number}"),
    }
    let actor_ref = |value: &str, span: &Range<usize>, report: &mut dyn FnMut(&Range<usize>, String, &str)| -> Option<String> {
        if actors.get(value).is_some() {
            return Some(value.to_string());
        }
        // Its entry in the registry has an error of its own: said once, there.
        if actors.unloaded.covers(value) {
            return None;
        }
        let folded = crate::text::fold(value);
        let misspelt = || crate::text::closest(value, actors.list.iter().map(|x| x.id.as_str())).and_then(|id| actors.get(id));
        let guess = actors
            .list
            .iter()
            .find(|x| crate::text::fold(&x.name) == folded || x.aliases.iter().any(|al| crate::text::fold(al) == folded))
            .or_else(misspelt)
            .or_else(|| actors.list.iter().find(|x| x.id.contains(&folded)));
        let hint = match guess {
            Some(x) => format!("did you mean `{}` ({})?", x.id, x.name),
            None => "use an id from content/actors.toml, or add the actor there".to_string(),
        };
        report(span, format!("unknown actor `{value}`"), &hint);
        None
    };
    let mut to: Option<(String, Range<usize>)> = None;
    let mut rel: Option<(String, Range<usize>)> = None;
    for (key, value, span) in &w.attrs {
        let one_of = |list: &[&str]| list.contains(&value.as_str());
        match key.as_str() {
            "by" => a.by = actor_ref(value, span, &mut report),
            "about" => {
                for part in value.split([' ', ',']).filter(|p| !p.is_empty()) {
                    if let Some(id) = actor_ref(part, span, &mut report) {
                        a.about.push(id);
                    }
                }
            }
            "sourcing" if one_of(SOURCINGS) => a.sourcing = Some(value.clone()),
            "sourcing" => report(
                span,
                format!("unknown sourcing `{value}`"),
                &did_you_mean(value, SOURCINGS, "", &format!("sourcing is one of: {}", SOURCINGS.join(", "))),
            ),
            "confidence" if one_of(CONFIDENCES) => a.confidence = Some(value.clone()),
            "confidence" => report(span, format!("unknown confidence `{value}`"), &did_you_mean(value, CONFIDENCES, "", "confidence is low, medium or high")),
            "note" => a.note = Some(crate::text::clean_line(value)).filter(|n| !n.is_empty()),
            "to" => to = Some((value.clone(), span.clone())),
            "rel" if one_of(RELATIONS) => rel = Some((value.clone(), span.clone())),
            "rel" => {
                report(span, format!("unknown relation `{value}`"), &did_you_mean(value, RELATIONS, "", &format!("rel is one of: {}", RELATIONS.join(", "))))
            }
            "lang" if crate::i18n::is_language_tag(value) => a.lang = Some(value.clone()),
            "lang" => report(span, format!("`{value}` is not a language tag"), "write an ISO 639 code such as lang=uk or lang=ru"),
            _ => report(span, format!("unknown attribute `{key}`"), &did_you_mean(key, ATTRIBUTES, "", &format!("attributes are {}", ATTRIBUTES.join(", ")))),
        }
    }
    match (kind, &a.by) {
        _ if !kind_known => {}
        (Kind::Quote, None) if !w.attrs.iter().any(|(k, _, _)| k == "by") => {
            report(&w.span, "a quote needs a speaker".into(), "add by=ACTOR-ID, e.g. {.quote by=donald-trump}")
        }
        _ => {}
    }
    if kind_known && kind == Kind::Claim && a.sourcing.is_none() && !w.attrs.iter().any(|(k, _, _)| k == "sourcing") {
        report(&w.span, "a claim needs its sourcing".into(), &format!("add sourcing=..., one of: {}", SOURCINGS.join(", ")));
    }
    if kind_known && kind == Kind::Note && a.note.is_none() && !w.critic {
        report(&w.span, "a note needs its text".into(), "add note=\"...\", or write {==passage==}{>>note<<}");
    }
    match (to, rel) {
        (Some((to, span)), rel) => {
            let relation = match rel {
                Some((r, _)) => r,
                None if kind == Kind::Ref => "same-claim".to_string(),
                // An unknown relation is reported above: one error for one mistake.
                None if w.attrs.iter().any(|(k, _, _)| k == "rel") => String::new(),
                None => {
                    report(&span, "`to=` needs a relation".into(), &format!("add rel=..., one of: {}", RELATIONS.join(", ")));
                    String::new()
                }
            };
            let (article, anchor) = match to.split_once('#') {
                Some((a, h)) => (a.to_string(), Some(h.to_string())),
                None => (to.clone(), None),
            };
            if !is_slug(&article) || anchor.as_deref().is_some_and(|h| !is_slug(h)) {
                report(
                    &span,
                    format!("`to={to}` is not an article reference"),
                    "write to=ARTICLE-SLUG or to=ARTICLE-SLUG#anchor (the slug is the file name without .md)",
                );
            } else {
                a.target = Some(Box::new(Target { article, anchor, relation, span }));
            }
        }
        (None, Some((_, span))) => report(&span, "`rel=` without `to=`".into(), "say which passage it relates to: to=ARTICLE-SLUG#anchor"),
        (None, None) if kind == Kind::Ref => report(&w.span, "a reference needs a target".into(), "add to=ARTICLE-SLUG#anchor rel=same-claim"),
        (None, None) => {}
    }
    a
}

/// "did you mean `.quote`?" when `wrong` is a misspelling of one of `known`
/// (shown with `prefix`), else `otherwise`.
fn did_you_mean(wrong: &str, known: &[&str], prefix: &str, otherwise: &str) -> String {
    match crate::text::closest(wrong, known.iter().copied()) {
        Some(right) => format!("did you mean `{prefix}{right}`? {otherwise}"),
        None => otherwise.to_string(),
    }
}

/// Opening HTML of an annotated passage.
pub(super) fn open_html(a: &Annotation) -> String {
    let lang = a.lang.as_deref().map(|l| format!(" lang=\"{}\"", escape_html(l))).unwrap_or_default();
    format!("<span class=\"ann ann-{kind}\" id=\"{id}\"><mark class=\"ann-text\"{lang}>", kind = a.kind.name(), id = escape_html(&a.id))
}

/// The end of a passage; its number and note follow (see [`marker_html`]),
/// after any punctuation that closes the passage's sentence.
pub(super) const CLOSE_PASSAGE: &str = "</mark>";

fn actor_link(id: &str, actors: &ActorTable<'_>) -> String {
    let name = actors.get(id).map_or(id, |x| x.name.as_str());
    format!("<a href=\"{}\">{}</a>", escape_html(&Page::actor(id).href_from(PageKind::Article)), escape_html(name))
}

/// The passage's number, its toggle and the sidenote, in the words of
/// `strings`, closing the annotation's span. Cross-article parts are holes.
/// `notes_lang` is the site's language when the article is in another one:
/// the note is the analyst's, not the article's.
pub(super) fn marker_html(a: &Annotation, actors: &ActorTable<'_>, strings: &crate::i18n::Strings, notes_lang: Option<&str>) -> String {
    let id = escape_html(&a.id);
    let kind = a.kind.name();
    let label = escape_html(&strings.text(&format!("note.{kind}"), &[]));
    let mut note = format!("<span class=\"sn-kind\">{label}</span>");
    if let Some(by) = &a.by {
        let link = actor_link(by, actors);
        let text = if a.kind == Kind::Quote { link } else { escape_html(&strings.text("note.by", &[("name", "\u{1}")])).replace('\u{1}', &link) };
        note.push_str(&format!(" <span class=\"sn-by\">{text}</span>"));
    }
    if let Some(s) = &a.sourcing {
        note.push_str(&format!(" <span class=\"sn-sourcing sourcing-{s}\">{}</span>", escape_html(&strings.text(&format!("sourcing.{s}"), &[]))));
    }
    if let Some(c) = &a.confidence {
        let level = strings.text(&format!("confidence.{c}"), &[]);
        note.push_str(&format!(" <span class=\"sn-confidence\">{}</span>", escape_html(&strings.text("note.confidence", &[("level", &level)]))));
    }
    if !a.about.is_empty() {
        let about: Vec<String> = a.about.iter().map(|id| actor_link(id, actors)).collect();
        let text = escape_html(&strings.text("note.about", &[("names", "\u{1}")])).replace('\u{1}', &about.join(", "));
        note.push_str(&format!(" <span class=\"sn-about\">{text}</span>"));
    }
    if let Some(text) = &a.note {
        note.push_str(&format!(" <span class=\"sn-note\">{}</span>", escape_html(text)));
    }
    if a.target.is_some() {
        note.push_str(&format!("{HOLE}T{}{HOLE}", a.number - 1));
    }
    note.push_str(&format!("{HOLE}B{}{HOLE}", a.number - 1));
    let show = escape_html(&strings.text("note.show", &[("kind", &strings.text(&format!("note.{kind}"), &[]).to_lowercase()), ("n", &a.number.to_string())]));
    let lang = notes_lang.map(|l| format!(" lang=\"{}\"", escape_html(l))).unwrap_or_default();
    format!(
        "<input type=\"checkbox\" class=\"sn-toggle\" id=\"sn-{id}\" aria-label=\"{show}\">\
         <label for=\"sn-{id}\" class=\"sn-number\">{n}</label>\
         <span class=\"sidenote\" role=\"note\"{lang}><span class=\"sn-n\" aria-hidden=\"true\">{n}</span> {note}</span></span>",
        n = a.number
    )
}
