//! What `dossier diff` reports, as plain data: the JSON output is exactly
//! these types, and the Markdown and HTML reports are views of them.
//!
//! Every list is sorted (articles by slug, annotations by line then id,
//! actors and events by id), so the same two revisions always give the same
//! report, byte for byte.

use serde::Serialize;

/// The difference between two revisions of a dossier.
#[derive(Debug, Clone, Serialize)]
pub struct DossierDiff {
    pub base: Revision,
    pub head: Revision,
    pub summary: Summary,
    /// Articles added, removed, renamed or edited, by slug (the new slug for renames).
    pub articles: Vec<ArticleChange>,
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
    pub annotations_added: usize,
    pub annotations_changed: usize,
    pub annotations_removed: usize,
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
            + self.annotations_added
            + self.annotations_changed
            + self.annotations_removed
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
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Added => "added",
            Status::Removed => "removed",
            Status::Renamed => "renamed",
            Status::Edited => "edited",
            Status::Changed => "changed",
        }
    }

    /// The one-character mark used in the Markdown report.
    pub fn sign(self) -> &'static str {
        match self {
            Status::Added => "+",
            Status::Removed => "-",
            Status::Renamed => "→",
            Status::Edited | Status::Changed => "~",
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

#[derive(Debug, Clone, Serialize)]
pub struct ArticleChange {
    pub status: Status,
    /// The slug in the head (in the base for removed articles).
    pub slug: String,
    /// The slug in the base, for renamed articles.
    pub old_slug: Option<String>,
    pub path: String,
    pub old_path: Option<String>,
    pub title: String,
    /// Why two files are taken for one renamed article.
    pub rename: Option<RenameEvidence>,
    /// Front-matter changes (title, outlet, date, url, ...).
    pub fields: Vec<FieldChange>,
    /// The body's word-level diff, when the text changed.
    pub text: Option<TextChange>,
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

/// A word-level diff of an article body.
#[derive(Debug, Clone, Serialize)]
pub struct TextChange {
    pub words_added: usize,
    pub words_removed: usize,
    /// Share of the text that is unchanged, in percent.
    pub similarity: u8,
    /// Changed passages with a few words of context.
    pub hunks: Vec<Hunk>,
    /// A unified line diff of the whole file (front matter included).
    pub unified: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Hunk {
    /// 1-based line in the base file where the hunk starts.
    pub old_line: usize,
    /// 1-based line in the head file where the hunk starts.
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
    /// Line in the head file (in the base file for removed annotations).
    pub line: usize,
    pub passage: String,
    /// Speaker of a quote, claimant of a claim.
    pub by: Option<String>,
    pub note: Option<String>,
    /// For changed annotations: what changed (kind, passage, by, note, sourcing, ...).
    pub fields: Vec<FieldChange>,
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
    /// name, kind, role, description.
    pub fields: Vec<FieldChange>,
    pub aliases_added: Vec<String>,
    pub aliases_removed: Vec<String>,
    /// For a removed actor whose name or spellings now belong to another actor.
    pub merged_into: Option<String>,
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
