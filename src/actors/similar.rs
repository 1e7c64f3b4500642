//! Which actors a candidate name resembles, by spelling and by sound.
//!
//! These are suggestions for the analyst, never decisions: Zelensky,
//! Zelenskyy and Zelinsky are one edit apart and share a Daitch-Mokotoff
//! code, yet Zelinsky is a different person. Only spellings that may name
//! the same person ([`crate::text::names::may_be_same`]: the same surname
//! up to case and transliteration, the same first name when both give one)
//! are compared at all. Daitch-Mokotoff is used because
//! it was made for Slavic and Yiddish surnames, whose Latin spellings vary
//! with the transliteration (Dmitriev, Dmitriyev, Dmitrijew).

use rphonetic::DaitchMokotoffSoundex;
use serde::Serialize;

use crate::load::Actor;
use crate::text::fold;

/// Jaro-Winkler similarity from which a spelling counts as close.
const CLOSE_SPELLING: f64 = 0.85;
/// Suggestions shown per kind.
const MAX_SUGGESTIONS: usize = 3;

/// An existing actor that looks or sounds like a candidate.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Suggestion {
    pub actor: String,
    /// The actor's spelling that came closest.
    pub spelling: String,
    /// Levenshtein distance between the folded forms.
    pub edits: usize,
    /// Jaro-Winkler similarity of the folded forms (0 to 1).
    pub jaro_winkler: f64,
    /// The Daitch-Mokotoff code the surnames share (sound suggestions only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sound: Option<String>,
}

/// Compares candidate names with every spelling of every actor.
pub(super) struct Similarity<'a> {
    actors: &'a [Actor],
    dm: DaitchMokotoffSoundex,
}

impl<'a> Similarity<'a> {
    pub(super) fn new(actors: &'a [Actor]) -> Similarity<'a> {
        Similarity { actors, dm: DaitchMokotoffSoundex::default() }
    }

    /// Daitch-Mokotoff codes of a name's last word (the surname, for people),
    /// for Latin-script names only (the coder knows only Latin letters).
    fn sound(&self, name: &str) -> Vec<String> {
        let folded = fold(name);
        let Some(last) = folded.split_whitespace().last() else { return Vec::new() };
        if !last.chars().any(|c| c.is_ascii_alphabetic()) || !last.is_ascii() {
            return Vec::new();
        }
        let mut codes = self.dm.inner_soundex(last, true);
        codes.retain(|c| c.chars().any(|d| d != '0'));
        codes
    }

    /// Closest actors by spelling, then by sound, best first.
    pub(super) fn suggest(&self, name: &str) -> (Vec<Suggestion>, Vec<Suggestion>) {
        let key = fold(name);
        let sounds = self.sound(name);
        let mut spelling: Vec<Suggestion> = Vec::new();
        let mut sound: Vec<Suggestion> = Vec::new();
        for actor in self.actors {
            let mut best: Option<Suggestion> = None;
            let mut heard: Option<Suggestion> = None;
            for s in std::iter::once(&actor.name).chain(&actor.aliases) {
                // A resemblance between two people's names is not a hint:
                // Donald Tusk is not Donald Trump, Olena Zelenska not Volodymyr Zelensky.
                if !crate::text::names::may_be_same(name, s) {
                    continue;
                }
                let other = fold(s);
                let jw = strsim::jaro_winkler(&key, &other);
                let suggestion = Suggestion {
                    actor: actor.id.clone(),
                    spelling: s.clone(),
                    edits: strsim::levenshtein(&key, &other),
                    jaro_winkler: (jw * 1000.0).round() / 1000.0,
                    sound: None,
                };
                if jw >= CLOSE_SPELLING && best.as_ref().is_none_or(|b| jw > b.jaro_winkler) {
                    best = Some(suggestion.clone());
                }
                if heard.is_none() {
                    let theirs = self.sound(s);
                    if let Some(code) = sounds.iter().find(|c| theirs.contains(c)) {
                        heard = Some(Suggestion { sound: Some(code.clone()), ..suggestion });
                    }
                }
            }
            spelling.extend(best);
            sound.extend(heard);
        }
        let order = |a: &Suggestion, b: &Suggestion| b.jaro_winkler.total_cmp(&a.jaro_winkler).then_with(|| a.actor.cmp(&b.actor));
        spelling.sort_by(order);
        sound.sort_by(order);
        spelling.truncate(MAX_SUGGESTIONS);
        sound.truncate(MAX_SUGGESTIONS);
        (spelling, sound)
    }
}
