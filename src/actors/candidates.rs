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
    /// Other forms of the same name in the articles, grouped with it: its
    /// cases ("Владимира Путина"), spellings ("Zelenskiy"), its form in the
    /// other script ("Дональд Трамп"), and the surname alone where the full
    /// name is in the same article ("Trump"). `accept` adds them all.
    pub aliases: Vec<String>,
    /// Occurrences in all articles.
    pub count: usize,
    /// Articles it occurs in.
    pub articles: usize,
    /// Their paths.
    pub seen_in: Vec<String>,
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
/// form (so "Yuri Ushakov" and "YURI USHAKOV" are one), shown as first seen,
/// then grouped ([`group_key`], [`sound_key`]) with the surnames that stand
/// alone in the same articles.
#[derive(Default)]
pub(crate) struct Tally {
    /// folded name -> (shown name, count, articles, sentences)
    found: BTreeMap<String, (String, usize, BTreeSet<String>, Vec<Occurrence>)>,
    /// (article, folded surname) -> (shown, count)
    surnames: BTreeMap<(String, String), (String, usize)>,
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

    /// One occurrence of a capitalised word standing alone: a surname, if a
    /// full name in the same article ends with it.
    pub(crate) fn add_surname(&mut self, article: &str, word: &str) {
        let entry = self.surnames.entry((article.to_string(), fold(word))).or_insert_with(|| (word.to_string(), 0));
        entry.1 += 1;
    }

    /// Add a [`Span`], as [`spans`] finds it.
    pub(crate) fn add_span(&mut self, article: &str, span: &Span, sentence: Option<Occurrence>) {
        if span.surname {
            self.add_surname(article, &span.name);
        } else {
            self.add(article, &span.name, sentence);
        }
    }

    /// The candidates, rejected names left out, most widespread first.
    pub(crate) fn finish(self, rejected: &[String]) -> Vec<Candidate> {
        self.finish_with(rejected, None)
    }

    /// [`Tally::finish`], with the actors each candidate resembles when
    /// `similarity` is given.
    pub(super) fn finish_with(mut self, rejected: &[String], similarity: Option<&Similarity>) -> Vec<Candidate> {
        // Group the full names: same words up to case and transliteration, or the same sound in another script.
        struct Group {
            forms: Vec<(String, usize)>,
            count: usize,
            articles: BTreeSet<String>,
            sentences: Vec<Occurrence>,
        }
        let mut groups: Vec<Group> = Vec::new();
        let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
        for (key, (name, count, articles, sentences)) in self.found {
            if rejected.contains(&key) {
                continue;
            }
            let (own_sound, other_sound) = sound_keys(&name);
            let at = [group_key(&name), other_sound].iter().filter(|k| !k.is_empty()).find_map(|k| by_key.get(k).copied());
            let keys = [group_key(&name), own_sound];
            let g = match at {
                Some(g) => g,
                None => {
                    groups.push(Group { forms: Vec::new(), count: 0, articles: BTreeSet::new(), sentences: Vec::new() });
                    groups.len() - 1
                }
            };
            for k in keys.into_iter().filter(|k| !k.is_empty()) {
                by_key.entry(k).or_insert(g);
            }
            let group = &mut groups[g];
            group.forms.push((name, count));
            group.count += count;
            group.articles.extend(articles);
            for s in sentences {
                if group.sentences.len() < MAX_SENTENCES {
                    group.sentences.push(s);
                }
            }
        }
        // "Putin Refuses", "Trump Says": a run that starts with another name's
        // surname is a headline, not a name; its first word is that surname.
        let surnames_known: BTreeSet<String> = groups
            .iter()
            .flat_map(|g| g.forms.iter())
            .filter(|(f, _)| f.split(' ').count() >= 2)
            .filter_map(|(f, _)| f.split(' ').next_back().map(crate::text::names::word_key))
            .collect();
        let mut headlines: Vec<usize> = Vec::new();
        for (i, g) in groups.iter().enumerate() {
            let fragment = g.forms.iter().all(|(f, _)| {
                let words: Vec<&str> = f.split(' ').collect();
                words.len() == 2 && surnames_known.contains(&crate::text::names::word_key(words[0]))
            });
            if fragment {
                headlines.push(i);
            }
        }
        for &i in headlines.iter().rev() {
            let g = groups.remove(i);
            for (form, count) in g.forms {
                let first = form.split(' ').next().unwrap_or("").to_string();
                for article in &g.articles {
                    let e = self.surnames.entry((article.clone(), fold(&first))).or_insert_with(|| (first.clone(), 0));
                    e.1 += count;
                }
            }
        }
        // A surname alone joins the one group in its article whose name ends with it.
        let mut surnames_of: Vec<Vec<(String, usize)>> = (0..groups.len()).map(|_| Vec::new()).collect();
        for ((article, _), (word, count)) in &self.surnames {
            let owners: BTreeSet<usize> =
                (0..groups.len()).filter(|&g| groups[g].articles.contains(article) && groups[g].forms.iter().any(|(f, _)| surname_of(f, word))).collect();
            if owners.len() == 1 {
                let g = *owners.first().expect("one owner");
                surnames_of[g].push((word.clone(), *count));
            }
        }
        let mut list: Vec<Candidate> = groups
            .into_iter()
            .zip(surnames_of)
            .map(|(g, surnames)| {
                let mut forms = g.forms;
                // Shown as the Latin form written most, then the longest.
                forms.sort_by(|a, b| {
                    is_latin(&b.0).cmp(&is_latin(&a.0)).then(b.1.cmp(&a.1)).then(b.0.chars().count().cmp(&a.0.chars().count())).then(a.0.cmp(&b.0))
                });
                let name = forms[0].0.clone();
                let mut aliases: Vec<String> = Vec::new();
                let mut seen: BTreeSet<String> = BTreeSet::from([fold(&name)]);
                let mut surnames = surnames;
                surnames.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                let count = g.count + surnames.iter().map(|s| s.1).sum::<usize>();
                for (form, _) in forms.into_iter().skip(1).chain(surnames) {
                    if seen.insert(fold(&form)) && !rejected.contains(&fold(&form)) {
                        aliases.push(form);
                    }
                }
                let (by_spelling, by_sound) = similarity.map(|s| s.suggest(&name)).unwrap_or_default();
                Candidate {
                    name,
                    aliases,
                    count,
                    articles: g.articles.len(),
                    seen_in: g.articles.into_iter().collect(),
                    sentences: g.sentences,
                    by_spelling,
                    by_sound,
                }
            })
            .collect();
        list.sort_by(|a, b| b.articles.cmp(&a.articles).then(b.count.cmp(&a.count)).then_with(|| a.name.cmp(&b.name)));
        list
    }
}

fn is_latin(name: &str) -> bool {
    !name.chars().any(crate::text::names::is_cyrillic)
}

/// Whether `word` alone is the surname of the full name `full`.
fn surname_of(full: &str, word: &str) -> bool {
    full.split(' ').count() >= 2 && full.split(' ').next_back().is_some_and(|last| crate::text::names::same_surname(last, word))
}

/// The key names are grouped under when they are one name written
/// differently: words folded, Cyrillic words stemmed, Latin transliteration
/// endings made one (Zelenskyy, Zelenskiy, Zelensky).
fn group_key(name: &str) -> String {
    name.split(' ').map(crate::text::names::word_key).collect::<Vec<_>>().join(" ")
}

/// How a full name sounds ([`crate::text::names::sound`]), as a key of its
/// script and as the key it looks for in the other script: "Дональд Трамп"
/// meets "Donald Trump", while "Vladimir Zelensky" does not meet
/// "Volodymyr Zelensky" (one script: the spellings decide).
fn sound_keys(name: &str) -> (String, String) {
    if name.split(' ').count() < 2 {
        return (String::new(), String::new());
    }
    let heard = crate::text::names::sound(&crate::text::names::stemmed(&fold(name)));
    let (own, other) = if is_latin(name) { ("latin", "cyrillic") } else { ("cyrillic", "latin") };
    (format!("~{own} {heard}"), format!("~{other} {heard}"))
}

/// Words that start or pad a capitalised run without being part of a name:
/// sentence openers and demonyms. Titles and roles are
/// [`crate::text::names::is_role`]'s, the names of days and months
/// [`crate::text::calendar`]'s.
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
    "analyst",
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
    NOT_NAME.contains(&word) || crate::text::names::is_role(&fold(word)) || calendar::month(word).is_some() || calendar::weekday(word).is_some()
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

/// A name found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Span {
    /// The name's words joined by single spaces.
    pub(crate) name: String,
    /// Byte range in the text (for the sentence around it).
    pub(crate) range: std::ops::Range<usize>,
    /// A single word: a surname candidate, proposed only as an alias of a
    /// full name in the same article.
    pub(crate) surname: bool,
}

/// The words a text writes in lower case somewhere: a capitalised word
/// that is one of them ("Says", "Ранее", "Chair") starts a sentence or a
/// headline; it is not part of a name.
pub(crate) fn common_words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase) && w.chars().count() >= 2)
        .map(str::to_string)
        .collect()
}

/// Each candidate name in `text`, in order, with its byte range. `common`
/// is [`common_words`] of the articles: such words are cut off the ends of
/// a run ("Putin Refuses", "Ранее Трамп", "Chair Jerome Powell"), unless
/// the whole run is made of them ("White House").
pub(crate) fn spans(matcher: &ActorMatcher, text: &str, common: &BTreeSet<String>) -> Vec<Span> {
    // Blank out known mentions (and role phrases) so they break runs instead of joining them.
    let mut masked = text.to_string();
    for hit in matcher.find(text) {
        // Hits lie on char boundaries; '|' is one byte, so lengths are kept.
        masked.replace_range(hit.start..hit.end, &"|".repeat(hit.end - hit.start));
    }
    let base = masked.as_ptr() as usize;
    let offset = |word: &str| word.as_ptr() as usize - base;
    let is_common = |w: &str| common.contains(&w.to_lowercase());
    let mut found = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let mut finish = |run: &mut Vec<&str>| {
        let all_common = run.iter().all(|w| is_common(w));
        while run.first().is_some_and(|w| is_filler(w) || (!all_common && is_common(w)) || (is_acronym(w) && run.len() > 2)) {
            run.remove(0);
        }
        while run.last().is_some_and(|w| is_filler(w) || (!all_common && is_common(w))) {
            run.pop();
        }
        if (2..=5).contains(&run.len()) {
            let (first, last) = (run[0], run[run.len() - 1]);
            found.push(Span { name: run.join(" "), range: offset(first)..offset(last) + last.len(), surname: false });
        } else if run.len() == 1 && run[0].chars().count() >= 3 && !is_acronym(run[0]) && !is_common(run[0]) {
            let w = run[0];
            found.push(Span { name: w.to_string(), range: offset(w)..offset(w) + w.len(), surname: true });
        }
        run.clear();
    };
    for token in masked.split(|c: char| c.is_whitespace()) {
        // Punctuation around a word ends the run after (or before) it.
        let word = token.trim_start_matches(['"', '“', '‘', '«', '(', '[']);
        let starts_clean = word.len() == token.len();
        let core = word.trim_end_matches(['"', '”', '’', '»', ')', ']', ',', '.', ';', ':', '!', '?']);
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

/// "US", "JD": all capitals, at most three letters.
fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters <= 3 && !word.chars().any(char::is_lowercase)
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
        for span in spans(&m, text, &common_words(text)) {
            tally.add_span("a.md", &span, None);
        }
        tally.add("b.md", "YURI USHAKOV", None);
        let found: Vec<(String, usize, usize)> = tally.finish(&[]).into_iter().map(|c| (c.name, c.count, c.articles)).collect();
        assert_eq!(found, [("Yuri Ushakov".to_string(), 3, 2), ("Wall Street Journal".to_string(), 1, 1)]);
    }
}
