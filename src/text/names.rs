//! People's names across cases, spellings and scripts: one place that says
//! when two written names may be one name, for `dossier actors` (grouping
//! candidates, hinting at existing actors), the actor matcher (inflected
//! forms) and `suggest` (names across languages).
//!
//! - Cases: Russian and Ukrainian decline names ("Путин", "Путина",
//!   "Путиным"); a Cyrillic word is reduced to its stem by the Snowball
//!   Russian stemmer (`rust-stemmers`; there is no Ukrainian one, and the
//!   Russian one strips the endings the two languages share for names).
//!   Adjectival surnames keep their gender: "Зеленская" is not "Зеленский".
//! - Spellings: Latin transliterations differ in their i, y and j
//!   (Zelenskyy, Zelenskiy, Zelensky; Dmitriev, Dmitriyev), and nothing
//!   else is forgiven: Zelenska and Zelinsky stay other people.
//! - Scripts: "Трамп" and "Trump" only sound alike ([`sound`]: first letter
//!   and consonants of the transliteration), which is evidence between
//!   documents in two scripts, never a reason to merge names in one.

use rust_stemmers::{Algorithm, Stemmer};

use super::fold;

thread_local! {
    static RUSSIAN: Stemmer = Stemmer::create(Algorithm::Russian);
    static ENGLISH: Stemmer = Stemmer::create(Algorithm::English);
}

pub fn is_cyrillic(c: char) -> bool {
    ('\u{400}'..='\u{52f}').contains(&c)
}

/// A lower-case word's stem, by its script: Cyrillic words by the Russian
/// stemmer, others by the English one.
pub fn stem(word: &str) -> String {
    if word.chars().any(is_cyrillic) {
        RUSSIAN.with(|s| s.stem(word).into_owned())
    } else {
        ENGLISH.with(|s| s.stem(word).into_owned())
    }
}

/// A folded name with its Cyrillic words stemmed, so the cases of one name
/// are one key (Трампа, Трампу, Трамп).
pub fn stemmed(folded: &str) -> String {
    if !folded.chars().any(is_cyrillic) {
        return folded.to_string();
    }
    folded.split(' ').map(|w| if w.chars().any(is_cyrillic) { stem(w) } else { w.to_string() }).collect::<Vec<_>>().join(" ")
}

/// One word of a name as a key: folded; Cyrillic stemmed; Latin without
/// the i, y and j that transliterations disagree on (after the first letter).
pub fn word_key(word: &str) -> String {
    if word.chars().any(is_cyrillic) {
        // Stemmed before folding: folding drops the breve of й, which the stemmer reads.
        return fold(&stem(&word.to_lowercase()));
    }
    let folded = fold(word);
    let mut chars = folded.chars();
    let first: String = chars.next().into_iter().collect();
    first + &chars.filter(|c| !matches!(c, 'i' | 'y' | 'j')).collect::<String>()
}

/// The gender an adjectival Slavic surname is declined in, from its ending:
/// `Some(true)` feminine (Зеленская, Зеленской, Zelenska), `Some(false)`
/// masculine (Зеленский, Зеленского, Zelensky), `None` for other names.
fn feminine(word: &str) -> Option<bool> {
    let w = fold(word);
    let stem_end = ["ск", "цк", "sk", "ck"].iter().filter_map(|s| w.rfind(s).map(|i| i + s.len())).max()?;
    let ending = &w[stem_end..];
    match ending {
        "ая" | "ой" | "ую" | "ою" | "а" | "a" | "aya" | "aia" => Some(true),
        "ий" | "ый" | "ии" | "ыи" | "ого" | "ому" | "им" | "ом" | "и" | "y" | "yy" | "iy" | "yi" | "ii" | "i" | "ij" | "ogo" | "omu" | "im" => {
            Some(false)
        }
        _ => None,
    }
}

/// Whether two words may be one surname: the same [`word_key`], and not
/// two genders of an adjectival surname.
pub fn same_surname(a: &str, b: &str) -> bool {
    word_key(a) == word_key(b) && !matches!((feminine(a), feminine(b)), (Some(x), Some(y)) if x != y)
}

/// Whether two given names may be one: the same key, one an initial of the
/// other, or the same sound.
fn same_given_name(a: &str, b: &str) -> bool {
    let (ka, kb) = (word_key(a.trim_end_matches('.')), word_key(b.trim_end_matches('.')));
    // Vladimir and Volodymyr, the Russian and Ukrainian forms of one name, sound alike.
    ka == kb || (ka.chars().count() == 1 && kb.starts_with(&ka)) || (kb.chars().count() == 1 && ka.starts_with(&kb)) || sound(&fold(a)) == sound(&fold(b))
}

/// Whether two written names may name one person: the same surname (last
/// word), and, when both give more, the same first name. "Donald Tusk" is
/// not "Donald Trump", "Olena Zelenska" not "Volodymyr Zelensky", and a
/// name in another script only when it sounds the same word for word.
pub fn may_be_same(a: &str, b: &str) -> bool {
    let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split_whitespace().collect(), b.split_whitespace().collect());
    let (Some(la), Some(lb)) = (wa.last(), wb.last()) else { return false };
    let cyrillic = |w: &[&str]| w.iter().any(|x| x.chars().any(is_cyrillic));
    if cyrillic(&wa) != cyrillic(&wb) {
        return wa.len() == wb.len() && wa.len() >= 2 && sound(&stemmed(&fold(a))) == sound(&stemmed(&fold(b))) && same_surname_gender(la, lb);
    }
    if !same_surname(la, lb) {
        return false;
    }
    wa.len() < 2 || wb.len() < 2 || same_given_name(wa[0], wb[0])
}

fn same_surname_gender(a: &str, b: &str) -> bool {
    !matches!((feminine(a), feminine(b)), (Some(x), Some(y)) if x != y)
}

/// How a name sounds, roughly, in any script: transliterated (deunicode),
/// then each word as its first letter and its consonants, repeats dropped
/// ("Trump" and "Трамп" are `trmp`, "Zelenskyy" and "Зеленск" `zlnsk`).
/// Too coarse to tell names apart within one script.
pub fn sound(name: &str) -> String {
    let mut out = String::new();
    for word in deunicode::deunicode(name).split(|c: char| c.is_whitespace()) {
        let letters: Vec<char> = word.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect();
        let Some(&first) = letters.first() else { continue };
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&skeleton(first, letters[1..].iter().copied(), usize::MAX));
    }
    out
}

/// A word's first letter and the consonants after it, a run of one
/// consonant kept once, at most `limit` letters: what [`sound`] and
/// [`heard`] both compare.
fn skeleton(first: char, rest: impl Iterator<Item = char>, limit: usize) -> String {
    let mut out = String::from(first);
    let mut last = first;
    for c in rest {
        if out.len() == limit {
            break;
        }
        if !"aeiouy".contains(c) && c != last {
            out.push(c);
        }
        last = c;
    }
    out
}

/// Letters a name's words keep across languages, for matching documents
/// in two languages ([`sound`] is finer, for telling people apart): each
/// word transliterated, its first letter and next consonants, at most
/// [`HEARD_LETTERS`] letters. Short, because other languages inflect the
/// end of a name (Croatian "Putinom", Russian "Москве") and spell its
/// sounds their own way: w and v are one ("Witkoff", "Виткофф"), so is a
/// leading u before a vowel, as Russian writes an English w ("Уиткофф");
/// c, k and q are one ("Moscow", "Москва", "Moskau").
pub fn heard(name: &str) -> impl Iterator<Item = String> + '_ {
    name.split(char::is_whitespace).filter_map(|word| {
        let mut letters: Vec<char> = deunicode::deunicode(word).chars().filter(char::is_ascii_alphabetic).map(|c| c.to_ascii_lowercase()).collect();
        // Arabic and Hebrew write long vowels with the letters of w and y
        // ("سوسومو" is "swswmw", Susumu): after the first, they are vowels.
        if word.chars().any(writes_vowels_as_consonants) {
            for c in letters.iter_mut().skip(1) {
                *c = match *c {
                    'w' => 'u',
                    'y' => 'i',
                    c => c,
                };
            }
        }
        // One letter for one sound: "x" is "ks" and "kh" (Cyrillic "х") a k
        // ("Texas", "Техас"), "ph" an f, "dzh" (Cyrillic "дж") a j ("Jared",
        // "Джаред").
        let mut out = Vec::with_capacity(letters.len() + 1);
        let mut i = 0;
        while i < letters.len() {
            match &letters[i..] {
                ['x', ..] => out.extend(['k', 's']),
                ['p', 'h', ..] => {
                    out.push('f');
                    i += 1;
                }
                ['d', 'z', 'h', ..] => {
                    out.push('j');
                    i += 2;
                }
                ['h', ..] if out.last() == Some(&'k') => {}
                [c, ..] => out.push(*c),
                [] => unreachable!("i < letters.len()"),
            }
            i += 1;
        }
        let letters = out;
        let vowel = |c: char| "aeiouy".contains(c);
        let same = |c: char| match c {
            'w' => 'v',
            'c' | 'q' => 'k',
            c => c,
        };
        let first = match letters.as_slice() {
            ['u', next, ..] if vowel(*next) => 'v',
            // Vowels are written every which way: "Elon" is "Илон".
            [first, ..] if vowel(*first) => 'a',
            [first, ..] => same(*first),
            [] => return None,
        };
        Some(skeleton(first, letters[1..].iter().map(|&c| same(c)), HEARD_LETTERS))
    })
}

/// The keys a run of words heard ([`heard`]) is known by across languages:
/// each word heard in at least [`HEARD_LETTERS`] letters, and two
/// neighbours each too short for that ("Yoon Suk Yeol": one or two letters
/// heard match half a language) heard together, so that "Yoon Suk Yeol",
/// "Юн Сук Ёль" and "यूं सुक येओल" still share keys. A long word is heard
/// alone only: paired too, a name with a short word ("Jeannette Jara")
/// would weigh twice as much as others.
pub fn heard_keys(words: impl IntoIterator<Item = String>) -> Vec<String> {
    let words: Vec<String> = words.into_iter().collect();
    let long = |w: &String| w.len() >= HEARD_LETTERS;
    let pairs = words.windows(2).filter(|p| !long(&p[0]) && !long(&p[1])).map(|p| format!("{} {}", p[0], p[1]));
    words.iter().filter(|w| long(w)).cloned().chain(pairs).collect()
}

/// Whether `c` is of a script that writes long vowels with consonant
/// letters (matres lectionis): Arabic (with Persian and Urdu) and Hebrew.
fn writes_vowels_as_consonants(c: char) -> bool {
    matches!(c, '\u{590}'..='\u{5ff}' | '\u{600}'..='\u{6ff}' | '\u{750}'..='\u{77f}' | '\u{fb1d}'..='\u{fdff}' | '\u{fe70}'..='\u{feff}')
}

/// Letters of [`heard`]: the first and two consonants.
pub const HEARD_LETTERS: usize = 3;

/// Whether a word (folded: lower case, no accents) is a title or a role,
/// in one of the languages news is read in here: capitalised before a name
/// ("President Trump", "Bundeskanzler Merz") or alone in languages that
/// capitalise it ("le Premier ministre"), it names no one. Shared by every
/// report on any government, it must not count as a name they share.
pub fn is_role(folded: &str) -> bool {
    ROLES.binary_search(&folded).is_ok()
}

/// Sorted, for [`is_role`].
const ROLES: &[&str] = &[
    "acting",
    "adviser",
    "advisor",
    "ambassador",
    "assistant",
    "bundeskanzler",
    "cancelliere",
    "canciller",
    "ceo",
    "chairman",
    "chancelier",
    "chancellor",
    "chief",
    "defence",
    "defense",
    "deputy",
    "directeur",
    "director",
    "directrice",
    "dr",
    "emperor",
    "envoy",
    "foreign",
    "former",
    "general",
    "gov",
    "governor",
    "head",
    "kanzler",
    "king",
    "leader",
    "leaders",
    "mayor",
    "minister",
    "ministerprasident",
    "ministre",
    "ministro",
    "mr",
    "mrs",
    "ms",
    "national",
    "official",
    "officials",
    "pape",
    "papst",
    "pope",
    "prasident",
    "premier",
    "premierminister",
    "president",
    "presidente",
    "prime",
    "prince",
    "procureur",
    "procureure",
    "queen",
    "regierungschef",
    "rep",
    "representative",
    "secretary",
    "security",
    "sen",
    "senador",
    "senateur",
    "senator",
    "sir",
    "speaker",
    "special",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "staff",
    "state",
    "vice",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_roles_are_no_names() {
        assert!(ROLES.windows(2).all(|w| w[0] < w[1]), "{:?}", ROLES.windows(2).find(|w| w[0] >= w[1]));
        for title in ["Premier", "Président", "Bundeskanzler", "Präsident", "Cancelliere"] {
            assert!(is_role(&fold(title)), "{title}");
        }
        assert!(!is_role(&fold("Merz")) && !is_role(&fold("Lecornu")));
    }

    #[test]
    fn cases_of_a_name_are_one_and_genders_are_two() {
        assert_eq!(stemmed("путина"), "путин");
        assert_eq!(stemmed("владимиром путиным"), stemmed("владимир путин"));
        assert!(same_surname("Путина", "Путин"));
        assert!(same_surname("Зеленского", "Зеленский"));
        assert!(!same_surname("Зеленская", "Зеленский"));
        assert!(!same_surname("Zelenska", "Zelensky"));
    }

    #[test]
    fn transliterations_are_one_other_names_are_not() {
        assert!(same_surname("Zelenskyy", "Zelensky"));
        assert!(same_surname("Zelenskiy", "Zelensky"));
        assert!(same_surname("Dmitriyev", "Dmitriev"));
        assert!(!same_surname("Zelinsky", "Zelensky"));
        assert!(!same_surname("Tusk", "Trump"));
    }

    #[test]
    fn people_are_told_apart_by_first_and_last_name() {
        assert!(may_be_same("Volodymyr Zelenskyy", "Volodymyr Zelensky"));
        assert!(may_be_same("Zelensky", "Volodymyr Zelensky"));
        assert!(may_be_same("V. Zelensky", "Volodymyr Zelensky"));
        assert!(may_be_same("Vladimir Zelensky", "Volodymyr Zelensky"));
        assert!(!may_be_same("Olena Zelenska", "Volodymyr Zelensky"));
        assert!(!may_be_same("Donald Tusk", "Donald Trump"));
        assert!(may_be_same("Дональд Трамп", "Donald Trump"));
        assert!(!may_be_same("Трамп", "Trump"), "one word across scripts is too little to go on");
        assert!(!may_be_same("Олена Зеленська", "Volodymyr Zelensky"));
    }

    #[test]
    fn names_are_heard_alike_across_languages() {
        let heard = |s: &str| heard(s).collect::<Vec<_>>().join(" ");
        assert_eq!(heard("Witkoff"), heard("Уиткофф"));
        assert_eq!(heard("Witkoff"), heard("Виткоффа"));
        assert_eq!(heard("Moscow"), heard("Москве"));
        assert_eq!(heard("Moscow"), heard("Moskvi"));
        assert_eq!(heard("Putin"), heard("Putinom"));
        assert_eq!(heard("Kremlin"), heard(&stemmed("кремле")));
        assert_ne!(heard("Trump"), heard("Tusk"));
        assert_ne!(heard("Kushner"), heard("Kast"));
        assert_eq!(heard("Texas"), heard("Техасе"));
        assert_eq!(heard("Mexico"), heard("Мексиканским"));
        assert_eq!(heard("Elon"), heard("Илон"));
        assert_eq!(heard("Philadelphia"), heard("Филадельфии"));
        assert_eq!(heard("Jared"), heard("Джаред"));
        assert_ne!(heard("Texas"), heard("Tesla"));
        // Arabic writes long vowels with w and y.
        assert_eq!(heard("Susumu"), heard("سوسومو"));
        assert_eq!(heard("Robson"), heard("روبسون"));
        assert_eq!(heard("Nobel"), heard("نوبل"));
        assert_eq!(heard("Kitagawa"), heard("كيتاغاوا"));
        assert_ne!(heard("Robson"), heard("رسائل"));
        // Names of short syllables are heard as pairs of words.
        let keys = |s: &str| heard_keys(super::heard(s));
        assert_eq!(keys("Yoon Suk Yeol"), ["an sk", "sk al"]);
        assert_eq!(keys("Yoon Suk Yeol"), keys("Юн Сук Ёль"));
        assert_eq!(keys("Yoon Suk Yeol"), keys("यूं सुक येओल"));
        assert_eq!(keys("Donald Trump"), ["dnl", "trm"], "long words are heard alone");
        assert_eq!(keys("Jeannette Jara"), ["jnt"]);
    }

    #[test]
    fn sounds_meet_across_scripts() {
        assert_eq!(sound("trump"), sound("трамп"));
        assert_eq!(sound("zelensky"), sound(&stemmed("зеленским")));
        assert_eq!(sound("mar-a-lago"), sound("мар-а-лаг"));
    }
}
