//! Candidate names: capitalised name sequences ("Mark Rutte", "Wall Street
//! Journal") that match no actor, so the analyst can grow the registry from
//! what the articles actually say, and the names rejected earlier, which are
//! never proposed again. `dossier actors candidates` lists them with the
//! sentences they occur in; `dossier import` reports those of the articles
//! it imported. Both find them here and tally them with [`Tally`].

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::similar::{Similarity, Suggestion};
use super::CURATION_FILE;
use crate::annotate::ActorMatcher;
use crate::diagnostics::{Diagnostic, FileText};
use crate::text::{calendar, clean_line, fold};

/// Sentences kept per candidate.
const MAX_SENTENCES: usize = 5;

/// A name found in the articles that matches no actor.
#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    pub name: String,
    /// Occurrences in all articles.
    pub count: usize,
    /// Articles it occurs in.
    pub articles: usize,
    /// The first few sentences it occurs in (none from `dossier import`,
    /// which reports names only).
    pub sentences: Vec<Occurrence>,
    /// Existing actors with a close spelling (Jaro-Winkler, edit distance).
    pub by_spelling: Vec<Suggestion>,
    /// Existing actors whose surname sounds alike (Daitch-Mokotoff).
    pub by_sound: Vec<Suggestion>,
}

/// A sentence a candidate occurs in.
#[derive(Debug, Clone, Serialize)]
pub struct Occurrence {
    pub path: String,
    pub line: usize,
    pub sentence: String,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct CurationFile {
    #[serde(default)]
    rejected: Vec<String>,
}

/// Names rejected earlier, folded (also read by `dossier import`, which
/// proposes candidates too).
pub(crate) fn rejected(root: &Path) -> Result<Vec<String>, Diagnostic> {
    let path = root.join(CURATION_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Diagnostic::error(CURATION_FILE, format!("cannot read: {e}"))),
    };
    let source = FileText::new(CURATION_FILE, text);
    let file: CurationFile = toml::from_str(&source.text).map_err(|e| {
        let d = match e.span() {
            Some(span) => Diagnostic::error_at(&source, span, format!("invalid TOML: {}", e.message().trim())),
            None => Diagnostic::error(CURATION_FILE, format!("invalid TOML: {}", e.message().trim())),
        };
        d.with_hint("curation.toml holds one list: rejected = [\"Name\", ...]")
    })?;
    Ok(file.rejected.iter().map(|n| fold(&clean_line(n))).collect())
}

/// Candidate names gathered article by article: counted under their folded
/// form (so "Yuri Ushakov" and "YURI USHAKOV" are one), shown as first seen.
#[derive(Default)]
pub(crate) struct Tally {
    /// folded name -> (shown name, count, articles, sentences)
    found: BTreeMap<String, (String, usize, BTreeSet<String>, Vec<Occurrence>)>,
}

impl Tally {
    /// One occurrence of `name` in `article`, with its sentence if known.
    pub(crate) fn add(&mut self, article: &str, name: &str, sentence: Option<Occurrence>) {
        let entry = self.found.entry(fold(name)).or_insert_with(|| (name.to_string(), 0, BTreeSet::new(), Vec::new()));
        entry.1 += 1;
        if !entry.2.contains(article) {
            entry.2.insert(article.to_string());
        }
        if let Some(s) = sentence.filter(|_| entry.3.len() < MAX_SENTENCES) {
            entry.3.push(s);
        }
    }

    /// The candidates, rejected names left out, most widespread first.
    pub(crate) fn finish(self, rejected: &[String]) -> Vec<Candidate> {
        self.finish_with(rejected, None)
    }

    /// [`Tally::finish`], with the actors each candidate resembles when
    /// `similarity` is given.
    pub(super) fn finish_with(self, rejected: &[String], similarity: Option<&Similarity>) -> Vec<Candidate> {
        let mut list: Vec<Candidate> = self
            .found
            .into_iter()
            .filter(|(key, _)| !rejected.contains(key))
            .map(|(_, (name, count, articles, sentences))| {
                let (by_spelling, by_sound) = similarity.map(|s| s.suggest(&name)).unwrap_or_default();
                Candidate { name, count, articles: articles.len(), sentences, by_spelling, by_sound }
            })
            .collect();
        list.sort_by(|a, b| b.articles.cmp(&a.articles).then(b.count.cmp(&a.count)).then_with(|| a.name.cmp(&b.name)));
        list
    }
}

/// Words that start or pad a capitalised run without being part of a name:
/// sentence openers, titles and roles, demonyms (and the names of days and
/// months, from [`crate::text::calendar`]).
const NOT_NAME: &[&str] = &[
    "a",
    "an",
    "the",
    "in",
    "on",
    "at",
    "as",
    "after",
    "before",
    "according",
    "despite",
    "while",
    "when",
    "but",
    "and",
    "or",
    "if",
    "for",
    "from",
    "with",
    "by",
    "to",
    "of",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "their",
    "its",
    "our",
    "we",
    "he",
    "she",
    "they",
    "it",
    "i",
    "you",
    "meanwhile",
    "however",
    "also",
    "since",
    "until",
    "during",
    "amid",
    "amidst",
    "following",
    "addressing",
    "overall",
    "notably",
    "currently",
    "then",
    "now",
    "later",
    "earlier",
    "today",
    "yesterday",
    "tomorrow",
    "just",
    "several",
    "both",
    "many",
    "some",
    "other",
    "another",
    "all",
    "no",
    "not",
    "so",
    "president",
    "vice",
    "prime",
    "minister",
    "foreign",
    "defense",
    "defence",
    "secretary",
    "general",
    "state",
    "special",
    "envoy",
    "chancellor",
    "chief",
    "staff",
    "national",
    "security",
    "advisor",
    "adviser",
    "ambassador",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "senator",
    "sen",
    "rep",
    "representative",
    "governor",
    "gov",
    "mayor",
    "king",
    "queen",
    "prince",
    "pope",
    "dr",
    "mr",
    "mrs",
    "ms",
    "sir",
    "analyst",
    "official",
    "officials",
    "leader",
    "leaders",
    "head",
    "former",
    "acting",
    "deputy",
    "assistant",
    "ukrainian",
    "russian",
    "american",
    "european",
    "french",
    "german",
    "british",
    "polish",
    "chinese",
    "spanish",
    "italian",
    "breaking",
    "update",
    "updated",
    "exclusive",
    "watch",
];

fn is_filler(word: &str) -> bool {
    let word = word.to_lowercase();
    let word = word.trim_end_matches('.');
    NOT_NAME.contains(&word) || calendar::month(word).is_some() || calendar::weekday(word).is_some()
}

/// A word that can be part of a name: capitalised with lower-case letters
/// after (`Rutte`, `McCarthy`, `al-Assad` counts through its capital part),
/// or a short acronym (`JD`).
fn is_name_word(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else { return false };
    if !first.is_uppercase() {
        return false;
    }
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    let has_lower = letters.iter().any(|c| c.is_lowercase());
    has_lower || (letters.len() <= 3 && !letters.is_empty())
}

/// Each candidate name in `text`, in order, with its byte range (for the
/// sentence around it). The name's words are joined by single spaces.
pub(crate) fn spans(matcher: &ActorMatcher, text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    // Blank out known mentions (and role phrases) so they break runs instead of joining them.
    let mut masked = text.to_string();
    for hit in matcher.find(text) {
        // Hits lie on char boundaries; '|' is one byte, so lengths are kept.
        masked.replace_range(hit.start..hit.end, &"|".repeat(hit.end - hit.start));
    }
    let base = masked.as_ptr() as usize;
    let offset = |word: &str| word.as_ptr() as usize - base;
    let mut found = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let mut finish = |run: &mut Vec<&str>| {
        while run.first().is_some_and(|w| is_filler(w)) {
            run.remove(0);
        }
        while run.last().is_some_and(|w| is_filler(w)) {
            run.pop();
        }
        if run.len() >= 2 && run.len() <= 5 {
            let (first, last) = (run[0], run[run.len() - 1]);
            found.push((run.join(" "), offset(first)..offset(last) + last.len()));
        }
        run.clear();
    };
    for token in masked.split(|c: char| c.is_whitespace()) {
        // Punctuation around a word ends the run after (or before) it.
        let word = token.trim_start_matches(['"', '“', '‘', '(', '[']);
        let starts_clean = word.len() == token.len();
        let core = word.trim_end_matches(['"', '”', '’', ')', ']', ',', '.', ';', ':', '!', '?']);
        let (core, possessive) = match core.strip_suffix("'s").or_else(|| core.strip_suffix("’s")) {
            Some(c) => (c, true),
            None => (core, false),
        };
        let ends_clean = !possessive && core.len() == word.len();
        if !starts_clean {
            finish(&mut run);
        }
        if is_name_word(core) && !core.contains('|') {
            run.push(core);
            if !ends_clean {
                finish(&mut run);
            }
        } else {
            finish(&mut run);
        }
    }
    finish(&mut run);
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Actor, ActorKind};

    #[test]
    fn unknown_names_are_candidates_and_known_ones_are_not() {
        let actors = vec![Actor {
            id: "mark-rutte".into(),
            name: "Mark Rutte".into(),
            kind: ActorKind::Person,
            role: None,
            description: None,
            aliases: vec!["Rutte".into()],
            wikidata: None,
            website: None,
        }];
        let m = ActorMatcher::new(&actors);
        let text = "NATO Secretary General Mark Rutte met Yuri Ushakov. According to The Wall Street Journal, Yuri Ushakov's aide and Rutte spoke on Monday.";
        let mut tally = Tally::default();
        for (name, _) in spans(&m, text) {
            tally.add("a.md", &name, None);
        }
        tally.add("b.md", "YURI USHAKOV", None);
        let found: Vec<(String, usize, usize)> = tally.finish(&[]).into_iter().map(|c| (c.name, c.count, c.articles)).collect();
        assert_eq!(found, [("Yuri Ushakov".to_string(), 3, 2), ("Wall Street Journal".to_string(), 1, 1)]);
    }
}
