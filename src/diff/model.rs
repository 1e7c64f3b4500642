//! What `dossier diff` reports, as plain data: the JSON output is exactly
//! these types, and the Markdown and HTML reports are views of them.
//!
//! Every list is sorted (settings risky first, addresses by path, articles
//! by slug, annotations by line then id, actors and events by id), so the
//! same two revisions always give the same report, byte for byte.

use serde::Serialize;

/// The difference between two revisions of a dossier.
#[derive(Debug, Clone, Serialize)]
pub struct DossierDiff {
    pub base: Revision,
    pub head: Revision,
    /// Where the head's built site can be opened (`--preview-url`), for
    /// links to the pages that changed; not found by comparing.
    pub preview_url: Option<String>,
    pub summary: Summary,
    /// Settings of `dossier.toml` that differ, the risky ones first.
    pub settings: Vec<SettingChange>,
    /// Published pages that go away or move: whether a redirect keeps the
    /// old address working, and how to make one when none does.
    pub addresses: Vec<AddressChange>,
    /// Articles added, removed, renamed, edited, or affected by a change
    /// elsewhere, by slug (the new slug for renames).
    pub articles: Vec<ArticleChange>,
    /// Cross-references between passages (`to=`, `rel=`) made or undone,
    /// with what they show on the other passage and on event pages.
    pub cross_references: Vec<CrossRefChange>,
    /// Actor registry changes (new, removed, merged, renamed, new spellings).
    pub actors: Vec<ActorChange>,
    /// Per actor: mentions across the dossier before and after, where they differ.
    pub mentions: Vec<MentionChange>,
    /// Event registry changes and changes in which articles cover an event.
    pub events: Vec<EventChange>,
    /// Problems `dossier check` reports in the head that it did not in the base.
    pub new_problems: Vec<Problem>,
    /// Problems of the base that the head no longer has.
    pub fixed_problems: Vec<Problem>,
    /// Files that could not be compared (binary, unreadable, too large,
    /// symbolic links) and changed files the diff does not parse (theme, templates, images).
    pub files: Vec<FileNote>,
    /// The base revision's own templates (not part of the report's data):
    /// the HTML report is drawn with its `templates/diff.html` when it has
    /// one, so a pull request cannot change how it is reviewed.
    #[serde(skip)]
    pub templates: Vec<(String, String)>,
}

/// One side of the comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Revision {
    /// As given on the command line; "working tree" when none was given.
    pub name: String,
    /// The commit id; `None` for the working tree.
    pub commit: Option<String>,
}

/// Counts for the one-line verdict.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub articles_added: usize,
    pub articles_removed: usize,
    pub articles_renamed: usize,
    pub articles_edited: usize,
    /// Articles whose file is the same but whose annotations a change elsewhere broke.
    pub articles_affected: usize,
    pub annotations_added: usize,
    pub annotations_changed: usize,
    pub annotations_removed: usize,
    pub annotations_broken: usize,
    pub cross_references_added: usize,
    pub cross_references_removed: usize,
    pub settings_changed: usize,
    /// Published pages that go away with no redirect.
    pub addresses_broken: usize,
    /// Published pages that move, kept working by a redirect.
    pub addresses_redirected: usize,
    pub actors_added: usize,
    pub actors_removed: usize,
    pub actors_changed: usize,
    pub events_added: usize,
    pub events_removed: usize,
    pub events_changed: usize,
    pub mentions_gained: usize,
    pub mentions_lost: usize,
    pub new_problems: usize,
    pub fixed_problems: usize,
    pub files_noted: usize,
}

impl Summary {
    /// True when the two revisions hold the same dossier.
    pub fn is_empty(&self) -> bool {
        self.articles_added
            + self.articles_removed
            + self.articles_renamed
            + self.articles_edited
            + self.articles_affected
            + self.annotations_added
            + self.annotations_changed
            + self.annotations_removed
            + self.annotations_broken
            + self.cross_references_added
            + self.cross_references_removed
            + self.settings_changed
            + self.addresses_broken
            + self.addresses_redirected
            + self.actors_added
            + self.actors_removed
            + self.actors_changed
            + self.events_added
            + self.events_removed
            + self.events_changed
            + self.mentions_gained
            + self.mentions_lost
            + self.new_problems
            + self.fixed_problems
            + self.files_noted
            == 0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Added,
    Removed,
    Renamed,
    /// The text or front matter changed (articles).
    Edited,
    /// Some property changed (annotations, actors, events).
    Changed,
    /// An annotation the head still has but cannot show (orphaned,
    /// unparsable, pointing at a passage that is gone).
    Broken,
    /// An article whose file did not change but whose annotations a change
    /// elsewhere broke (a renamed target, a removed actor).
    Affected,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Added => "added",
            Status::Removed => "removed",
            Status::Renamed => "renamed",
            Status::Edited => "edited",
            Status::Changed => "changed",
            Status::Broken => "broken",
            Status::Affected => "affected",
        }
    }

    /// The one-character mark used in the Markdown report.
    pub fn sign(self) -> &'static str {
        match self {
            Status::Added => "+",
            Status::Removed => "-",
            Status::Renamed => "→",
            Status::Edited | Status::Changed => "~",
            Status::Broken | Status::Affected => "!",
        }
    }
}

/// A property that differs; `None` means absent on that side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// A setting of `dossier.toml` that differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SettingChange {
    pub setting: String,
    /// As the build reads it (defaults filled in).
    pub before: String,
    pub after: String,
    /// Why a reviewer should look twice, for the settings that can hurt
    /// readers or break every published address.
    pub risk: Option<String>,
}

/// A published page that goes away or moves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AddressChange {
    /// The page's path in the base's site (`articles/old-slug.html`).
    pub path: String,
    /// What it is: "article", "actor", "event" or "redirect".
    pub page: String,
    /// Why it goes: "article renamed", "actor id changed", "article removed", ...
    pub reason: String,
    /// Where what it showed is now, if anywhere.
    pub now: Option<String>,
    /// The head's site keeps the old address working with a redirect page.
    pub redirected: bool,
    /// How to keep it working, where it is not and could be.
    pub fix: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArticleChange {
    pub status: Status,
    /// The slug in the head (in the base for removed articles).
    pub slug: String,
    /// The slug in the base, for renamed articles.
    pub old_slug: Option<String>,
    pub path: String,
    pub old_path: Option<String>,
    /// The article's page in the head's site (none for removed articles).
    pub page: Option<String>,
    pub title: String,
    /// Why two files are taken for one renamed article.
    pub rename: Option<RenameEvidence>,
    /// Front-matter changes (title, outlet, date, url, actors, aliases, ...).
    pub fields: Vec<FieldChange>,
    /// The word-level diff of the text readers see, when it changed (a
    /// change of annotation markup or of line breaks only is none).
    pub text: Option<TextChange>,
    /// The source diff (front matter and Markdown, as a unified line diff),
    /// when the file changed.
    pub source: Option<String>,
    pub annotations: Vec<AnnotationChange>,
    /// Mentions per actor in this article, where they differ.
    pub mentions: Vec<Count>,
    pub events_added: Vec<String>,
    pub events_removed: Vec<String>,
    /// Errors that keep the article out of the head's site (or the base's, for removed articles).
    pub errors: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RenameEvidence {
    /// "git" (git's rename detection), "source" (same `source =` file) or "similar text".
    pub by: String,
    /// How much of the text is shared, in percent.
    pub similarity: u8,
}

/// A word-level diff of the text readers see of an article: no Markdown,
/// no annotation markup or notes, paragraphs however their lines are broken.
#[derive(Debug, Clone, Serialize)]
pub struct TextChange {
    pub words_added: usize,
    pub words_removed: usize,
    /// Share of the text that is unchanged, in percent.
    pub similarity: u8,
    /// Changed passages with a few words of context.
    pub hunks: Vec<Hunk>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Hunk {
    /// 1-based line in the base file of the paragraph where the change starts.
    pub old_line: usize,
    /// 1-based line in the head file of the paragraph where the change starts.
    pub line: usize,
    pub segments: Vec<Segment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub op: Op,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Op {
    Equal,
    Delete,
    Insert,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnnotationChange {
    pub status: Status,
    /// The id in the head (in the base for removed annotations).
    pub id: String,
    pub kind: String,
    /// Line in the head file (in the base file for removed and broken annotations).
    pub line: usize,
    pub passage: String,
    /// Speaker of a quote, claimant of a claim.
    pub by: Option<String>,
    /// named, anonymous, official, document, unsourced.
    pub sourcing: Option<String>,
    pub confidence: Option<String>,
    /// Actors a claim is about.
    pub about: Vec<String>,
    pub note: Option<String>,
    /// The passage it points at (`to=`): `article` or `article#id`.
    pub to: Option<String>,
    /// How it relates to that passage (`rel=`).
    pub rel: Option<String>,
    /// Anchored by quoting the text (`[[annotation]]` in the front matter) rather than inline.
    pub standoff: bool,
    /// For changed and broken annotations: what changed (kind, passage, by, sourcing, to, rel, ...).
    pub fields: Vec<FieldChange>,
    /// For broken annotations: the errors that break it.
    pub errors: Vec<String>,
    /// The passage in its paragraph in the base, and in the head.
    pub was: Option<InContext>,
    pub now: Option<InContext>,
}

/// An annotated passage with the words around it, as readers see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InContext {
    /// Line in the file of the paragraph that holds it.
    pub line: usize,
    pub before: String,
    pub passage: String,
    pub after: String,
}

/// A cross-reference made or undone: the passage `from` points at `to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CrossRefChange {
    /// Added or removed.
    pub status: Status,
    /// `article#id` of the annotation that points (head slugs).
    pub from: String,
    /// `article#id` (or `article`) it points at.
    pub to: String,
    pub relation: String,
    /// What the pointing passage shows: "Contradicts".
    pub label: String,
    /// What the passage pointed at shows: "Contradicted by".
    pub backlink: String,
    /// The heading on event pages that lists it ("Where the sources disagree").
    pub event_section: String,
    /// Events (of either article) whose page lists it under that heading.
    pub events: Vec<String>,
}

/// A number before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    /// An actor id or an article slug, depending on the list.
    pub key: String,
    pub before: usize,
    pub after: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActorChange {
    pub status: Status,
    pub id: String,
    pub name: String,
    /// The id in the base, for an actor whose id changed (`renamed`).
    pub old_id: Option<String>,
    /// name, kind, role, description.
    pub fields: Vec<FieldChange>,
    pub aliases_added: Vec<String>,
    pub aliases_removed: Vec<String>,
    /// For a removed actor recorded as merged into another (`[[merged]]`,
    /// `dossier actors merge`): its page redirects there.
    pub merged_into: Option<String>,
    /// For a removed actor whose name or spellings now belong to another
    /// actor, with no merge recorded: its page is gone.
    pub spellings_moved_to: Option<String>,
    /// Pages whose content the change alters, as site paths (`actors/x.html`, `articles/y.html`).
    pub pages: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MentionChange {
    pub actor: String,
    pub name: String,
    pub before: usize,
    pub after: usize,
    /// Per article (by head slug), where the count changed.
    pub articles: Vec<Count>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EventChange {
    /// Added or removed from the registry, or `changed` (its entry or its articles).
    pub status: Status,
    pub id: String,
    pub title: String,
    /// title, date, place, summary.
    pub fields: Vec<FieldChange>,
    /// Articles that now cover the event (head slugs) ...
    pub articles_added: Vec<String>,
    /// ... and that no longer do.
    pub articles_removed: Vec<String>,
    pub sources_before: usize,
    pub sources_after: usize,
    /// Cross-references its page lists under "Where the sources disagree" ...
    pub disagreements_before: usize,
    pub disagreements_after: usize,
    /// ... the ones it lists now and did not (`from relation to`) ...
    pub disagreements_added: Vec<String>,
    /// ... and the ones it no longer lists.
    pub disagreements_removed: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Problem {
    pub path: String,
    pub line: Option<usize>,
    /// "error" or "warning".
    pub severity: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct FileNote {
    pub path: String,
    /// "base", "head" or "both".
    pub revision: String,
    pub note: String,
}

/// The change of one field, or `None` when it did not change.
pub(super) fn field(name: &str, before: Option<String>, after: Option<String>) -> Option<FieldChange> {
    (before != after).then(|| FieldChange { field: name.to_string(), before, after })
}
