//! Who an imported article mentions: known actors, found with the same
//! [`ActorMatcher`] the build uses, and *candidates*: capitalised name
//! sequences ("Mark Rutte", "Wall Street Journal") that match no actor, so the
//! user can grow the registry from what the articles actually say.

use std::collections::BTreeMap;

use crate::annotate::ActorMatcher;
use crate::load::Actor;
use crate::text::calendar;

/// Ids of the actors the text mentions, in order of first mention.
pub(crate) fn known(matcher: &ActorMatcher, actors: &[Actor], text: &str) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for hit in matcher.find(text) {
        let crate::annotate::Named::Actor(i) = hit.named else { continue };
        let id = &actors[i].id;
        if !ids.contains(id) {
            ids.push(id.clone());
        }
    }
    ids
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

/// Capitalised sequences of two or more name words that are not (part of) a
/// known actor's spelling, with how often each occurs.
pub(crate) fn candidates(matcher: &ActorMatcher, text: &str) -> BTreeMap<String, usize> {
    let mut found: BTreeMap<String, usize> = BTreeMap::new();
    for (name, _) in candidate_spans(matcher, text) {
        *found.entry(name).or_default() += 1;
    }
    found
}

/// Each candidate name in `text`, in order, with its byte range (for the
/// sentence around it). The name's words are joined by single spaces.
pub(crate) fn candidate_spans(matcher: &ActorMatcher, text: &str) -> Vec<(String, std::ops::Range<usize>)> {
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
    use crate::load::ActorKind;

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
        assert_eq!(known(&m, &actors, text), ["mark-rutte"]);
        let c = candidates(&m, text);
        assert_eq!(c.into_iter().collect::<Vec<_>>(), [("Wall Street Journal".to_string(), 1), ("Yuri Ushakov".to_string(), 2)]);
    }
}
