//! Finding actor mentions: every spelling of every actor, in one pass.
//!
//! All names and aliases go into a single Aho-Corasick automaton over folded
//! text (lower case, no diacritics), leftmost-longest, so "Donald Trump" wins
//! over "Trump" and the cost does not grow with the number of aliases.
//! Matches must sit on word boundaries, which also makes possessives work:
//! in "Trump's", "Trump" is followed by an apostrophe, not a letter.
//!
//! Role phrases ("Russian President", "the head of Russia's sovereign wealth
//! fund") go into the same automaton: a hit on one names a [`Role`], which
//! the caller resolves to whoever held it on the article's date. A phrase
//! used as a title right before a name ("Russian President Vladimir Putin")
//! is not a mention of its own: the name says who is meant.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::load::{Actor, Role};
use crate::text::{fold, Folded};

/// What a hit names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    /// Index into the actor list the matcher was built from.
    Actor(usize),
    /// Index into the role list the matcher was built from.
    Role(usize),
}

/// One mention found in a piece of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub named: Named,
    /// Byte range in the searched text.
    pub start: usize,
    pub end: usize,
}

/// Short all-capital aliases ("US", "NATO") only match in capitals, or
/// every "us" in a text would be the United States.
fn is_case_sensitive(alias: &str) -> bool {
    !alias.chars().any(char::is_lowercase) && alias.chars().filter(|c| c.is_alphanumeric()).count() <= 4
}

struct Pattern {
    named: Named,
    /// The exact spelling, for case-sensitive aliases.
    exact: Option<String>,
    /// For a one-word Cyrillic spelling: its stem, which the automaton
    /// looks for; a word that starts with it and has the same stem is
    /// the name in another case ("Путина", "Путиным" for "Путин"), if it
    /// is not the other gender (`text::names::same_surname`).
    inflected: Option<String>,
}

/// Built once per build from the registry, shared by all threads.
pub struct ActorMatcher {
    automaton: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
}

impl ActorMatcher {
    /// The dossier's matcher: every actor's spellings and every role's
    /// phrases. Build it once per run and share it: annotate, suggest,
    /// `dossier actors` and `dossier import` all take it.
    pub fn of(dossier: &crate::load::Dossier) -> ActorMatcher {
        ActorMatcher::with_roles(&dossier.actors, &dossier.roles)
    }

    /// A matcher for actors' names and aliases only.
    pub fn new(actors: &[Actor]) -> ActorMatcher {
        ActorMatcher::with_roles(actors, &[])
    }

    /// A matcher for actors' names and aliases and for role phrases.
    pub fn with_roles(actors: &[Actor], roles: &[Role]) -> ActorMatcher {
        let mut folded = Vec::new();
        let mut patterns = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        let spellings = actors.iter().enumerate().flat_map(|(i, a)| std::iter::once(&a.name).chain(&a.aliases).map(move |s| (Named::Actor(i), s)));
        let phrases = roles.iter().enumerate().flat_map(|(i, r)| r.phrases.iter().map(move |s| (Named::Role(i), s)));
        {
            for (named, spelling) in spellings.chain(phrases) {
                let mut key = fold(spelling);
                if !key.chars().any(char::is_alphanumeric) {
                    continue;
                }
                let exact = is_case_sensitive(spelling).then(|| spelling.clone());
                let one_cyrillic_word = exact.is_none() && !key.contains(' ') && key.chars().all(|c| crate::text::names::is_cyrillic(c) || c == '-');
                // Stemmed before folding: folding drops the breve of й, which the stemmer reads.
                let inflected = one_cyrillic_word.then(|| spelling.to_lowercase());
                if let Some(lower) = &inflected {
                    key = fold(&crate::text::names::stem(lower));
                }
                if !seen.insert((key.clone(), exact.clone())) {
                    continue;
                }
                folded.push(key);
                patterns.push(Pattern { named, exact, inflected });
            }
        }
        let automaton = (!folded.is_empty())
            .then(|| AhoCorasickBuilder::new().match_kind(MatchKind::LeftmostLongest).build(&folded).expect("alias automaton builds from non-empty patterns"));
        ActorMatcher { automaton, patterns }
    }

    /// All mentions in `text`, in order, not overlapping.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let Some(automaton) = &self.automaton else { return Vec::new() };
        let folded = Folded::new(text);
        let mut hits = Vec::new();
        for m in automaton.find_iter(&folded.text) {
            let pattern = &self.patterns[m.pattern().as_usize()];
            let Some((start, end)) = folded.original_span(m.start(), m.end()) else { continue };
            if let Some(exact) = &pattern.exact {
                if &text[start..end] != exact {
                    continue;
                }
            }
            let mut end = end;
            if let Some(spelling) = &pattern.inflected {
                // The rest of the word is an ending if the word's stem is the pattern.
                let word_end = text[end..].find(|c: char| !c.is_alphabetic()).map_or(text.len(), |i| end + i);
                let word = text[start..word_end].to_lowercase();
                if fold(&crate::text::names::stem(&word)) != folded.text[m.start()..m.end()] || !crate::text::names::same_surname(spelling, &word) {
                    continue;
                }
                end = word_end;
            }
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
                continue;
            }
            hits.push(Hit { named: pattern.named, start, end });
        }
        // A title right before a name: "Russian President Vladimir Putin".
        let titles: Vec<usize> = hits
            .windows(2)
            .enumerate()
            .filter(|(_, w)| {
                matches!((w[0].named, w[1].named), (Named::Role(_), Named::Actor(_))) && text[w[0].end..w[1].start].chars().all(char::is_whitespace)
            })
            .map(|(i, _)| i)
            .collect();
        for i in titles.into_iter().rev() {
            hits.remove(i);
        }
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::ActorKind;

    fn actor(id: &str, name: &str, aliases: &[&str]) -> Actor {
        Actor {
            id: id.into(),
            name: name.into(),
            kind: ActorKind::Person,
            role: None,
            description: None,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            wikidata: None,
            website: None,
        }
    }

    fn found(m: &ActorMatcher, text: &str) -> Vec<(usize, String)> {
        m.find(text)
            .into_iter()
            .map(|h| match h.named {
                Named::Actor(i) => (i, text[h.start..h.end].to_string()),
                Named::Role(r) => (100 + r, text[h.start..h.end].to_string()),
            })
            .collect()
    }

    #[test]
    fn longest_spelling_wins_and_possessives_match() {
        let m = ActorMatcher::new(&[actor("donald-trump", "Donald Trump", &["Trump"]), actor("donald-tusk", "Donald Tusk", &[])]);
        assert_eq!(
            found(&m, "Donald Trump met Donald Tusk; Trump's aide, Trump’s plan."),
            vec![(0, "Donald Trump".into()), (1, "Donald Tusk".into()), (0, "Trump".into()), (0, "Trump".into())]
        );
    }

    #[test]
    fn case_and_diacritics_insensitive_on_word_boundaries() {
        let m = ActorMatcher::new(&[actor("zelensky", "Volodymyr Zelensky", &["Zelensky", "Zelenskyy", "Зеленский"])]);
        assert_eq!(
            found(&m, "ZELENSKY, zelenskyy, Zélensky and Зеленский"),
            vec![(0, "ZELENSKY".into()), (0, "zelenskyy".into()), (0, "Zélensky".into()), (0, "Зеленский".into())]
        );
        assert!(found(&m, "Zelenskyyy Zelenskyi Zelinsky").is_empty());
    }

    #[test]
    fn cyrillic_names_match_in_every_case_and_only_then() {
        let m = ActorMatcher::new(&[actor("vladimir-putin", "Vladimir Putin", &["Путин", "Путін"]), actor("zelensky", "Volodymyr Zelensky", &["Зеленский"])]);
        assert_eq!(
            found(&m, "Путин, Путина, Путиным и Путіна; Зеленского и Зеленскому."),
            vec![(0, "Путин".into()), (0, "Путина".into()), (0, "Путиным".into()), (0, "Путіна".into()), (1, "Зеленского".into()), (1, "Зеленскому".into())]
        );
        // Another word that starts like the name, and the feminine surname, are not it.
        assert!(found(&m, "Путинизм и Путиновка").is_empty());
        assert!(found(&m, "Зеленская").is_empty());
    }

    #[test]
    fn short_capital_aliases_are_case_sensitive() {
        let m = ActorMatcher::new(&[actor("united-states", "United States", &["US", "U.S."])]);
        assert_eq!(found(&m, "Tell us about the US and U.S.-backed plans"), vec![(0, "US".into()), (0, "U.S.".into())]);
    }

    #[test]
    fn role_phrases_match_unless_they_are_a_title_before_a_name() {
        let role = Role { title: "President of Russia".into(), phrases: vec!["Russian President".into(), "Russia's president".into()], holders: Vec::new() };
        let m = ActorMatcher::with_roles(&[actor("vladimir-putin", "Vladimir Putin", &["Putin"])], &[role]);
        assert_eq!(
            found(&m, "Russian President Vladimir Putin met the Russian president; Russia’s president, Putin, agreed."),
            vec![(0, "Vladimir Putin".into()), (100, "Russian president".into()), (100, "Russia’s president".into()), (0, "Putin".into())]
        );
    }
}
