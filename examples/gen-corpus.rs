//! Generate a synthetic dossier for benchmarks: `cargo run --release --example gen-corpus -- 10000 /tmp/corpus-10k`.
//!
//! The text is recombined from the sentences of `seeds/`, with the real
//! actors' names replaced by generated actors of the same kind, each spelled
//! in one of its registered variants, so mention matching, actor pages and
//! alias folding do the same work as on real articles. Every article carries
//! annotations of every kind (quotes, claims with sourcing, notes, `.ref`
//! and `to=` cross-references to other articles, CriticMarkup highlights
//! and comments, standoff annotations in the front matter).
//!
//! Sizes follow a newsroom archive: about one actor per 20 articles and one
//! event per 10 articles; most articles cover one event of their week, and
//! one in twenty also follows one of a few long-running stories, so a few
//! events are large (about 500 articles each at 100k).
//!
//! Output is a pure function of the article count: the random numbers come
//! from SplitMix64 with a fixed seed, written out here (ten lines) rather than
//! taken from a crate, so a dependency update can never change the corpus
//! and make benchmark figures incomparable.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// SplitMix64 (Steele, Lea and Flood 2014): tiny, fast, good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in 0..n (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// Skewed towards small indexes: a few actors are in the news every day.
    fn skewed(&mut self, n: usize) -> usize {
        let a = self.below(n);
        let b = self.below(n);
        a.min(b)
    }
}

const SEED: u64 = 0x5EED_D055_1E55;

const FIRST_NAMES: &[&str] = &[
    "Anna", "Boris", "Carla", "Dmytro", "Elena", "Farid", "Greta", "Hassan", "Irina", "Jonas", "Katya", "Lukas", "Marta", "Nikolai",
    "Olena", "Pavel", "Quentin", "Rosa", "Stefan", "Tamara", "Umar", "Vera", "Wim", "Xenia", "Yusuf", "Zofia", "Adrian", "Bianca",
    "Cyril", "Daria", "Emil", "Frida", "Gleb", "Hanna", "Igor", "Jana",
];
const SYLLABLES: &[&str] = &[
    "ko", "va", "len", "mar", "tes", "bro", "dan", "ril", "sha", "po", "ne", "gor", "lu", "mi", "star", "ber", "ka", "dov", "zi",
    "rom", "tel", "ha", "vik", "sen",
];
const SURNAME_ENDINGS: &[&str] = &["enko", "ov", "sky", "ić", "escu", "berg", "ani", "ek", "ova", "chuk", "idis", "mann"];
const ORG_WORDS: &[&str] = &["Institute", "Council", "Group", "Foundation", "Agency", "Party", "Bureau", "Alliance"];
const COUNTRY_ENDINGS: &[&str] = &["ia", "land", "stan", "ovia", "ara"];
const OUTLETS: &[&str] = &[
    "The Daily Ledger", "Northern Courier", "Reuters-style Wire", "Evening Standard Post", "Kyiv Observer", "Baltic Times Review",
    "Atlantic Dispatch", "Continental Herald", "Morning Record", "Global Affairs Weekly", "Unknown outlet", "Radio Liberty Digest",
];
const PLACES: &[&str] =
    &["Geneva", "Istanbul", "Riyadh", "Miami, Florida", "Brussels", "By telephone", "Abu Dhabi", "Berlin", "Warsaw", "Helsinki"];
const TOPICS: &[&str] = &[
    "peace-plan", "security-guarantees", "ceasefire", "sanctions", "prisoner-exchange", "energy", "territory", "mediation",
    "anonymous-sources", "direct-contact", "reconstruction", "grain-corridor",
];
const EVENT_KINDS: &[&str] = &["talks", "phone call", "summit", "envoy visit", "press conference", "ministerial meeting"];
const NOTES: &[&str] = &[
    "Only one unnamed source is cited for this.",
    "Other outlets give a different figure.",
    "The wording echoes an official statement issued the day before.",
    "No date is given for this; the context suggests the previous week.",
    "The claim is repeated without attribution later in the article.",
    "Compare the official readout, which is more cautious.",
];
const COMMENTS: &[&str] = &["which draft?", "source unclear", "translation of the quote may differ", "check against the readout"];
const SOURCINGS: &[&str] = &["named", "anonymous", "official", "document", "unsourced"];
const RELATIONS: &[&str] = &["same-claim", "contradicts", "corrects", "source-of"];
const VERBS: &[&str] = &["said", "told reporters", "stated", "noted", "wrote on social media", "emphasized"];

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Person,
    Organisation,
    Country,
}

struct GenActor {
    id: String,
    name: String,
    kind: Kind,
    role: String,
    aliases: Vec<String>,
}

impl GenActor {
    /// Every spelling an article may use: name and the Latin aliases.
    fn spellings(&self) -> impl Iterator<Item = &String> {
        std::iter::once(&self.name).chain(self.aliases.iter())
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// A word unique for each `index`, from three syllables and an ending.
fn made_up_word(index: usize, endings: &[&str]) -> String {
    let n = SYLLABLES.len();
    // A multiplication by a number coprime with n^3 spreads consecutive indexes apart.
    let mixed = (index * 7919) % (n * n * n);
    let word = format!("{}{}{}{}", SYLLABLES[mixed / (n * n)], SYLLABLES[(mixed / n) % n], SYLLABLES[mixed % n], endings[index % endings.len()]);
    capitalise(&word)
}

/// A transliteration variant, as outlets produce them.
fn variant(word: &str) -> String {
    for (from, to) in [("sky", "skiy"), ("ov", "off"), ("enko", "enco"), ("ić", "ic"), ("ch", "tch"), ("k", "c"), ("v", "w"), ("i", "y")] {
        if word.contains(from) {
            return word.replacen(from, to, 1);
        }
    }
    format!("{word}e")
}

fn actors(count: usize) -> Vec<GenActor> {
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::new();
    // One word space for all actors, so no two share a name or spelling.
    let mut word = 0;
    for i in 0..count {
        let kind = match i % 20 {
            0..=15 => Kind::Person,
            16..=18 => Kind::Organisation,
            _ => Kind::Country,
        };
        let base = made_up_word(word, SURNAME_ENDINGS);
        word += 1;
        let (name, role, candidates) = match kind {
            Kind::Person => {
                let first = FIRST_NAMES[i % FIRST_NAMES.len()];
                let v = variant(&base);
                let name = format!("{first} {base}");
                let candidates = vec![base.clone(), v.clone(), format!("{first} {v}"), format!("{}. {base}", &first[..1])];
                (name, "Official", candidates)
            }
            Kind::Organisation => {
                let name = format!("{base} {}", ORG_WORDS[i % ORG_WORDS.len()]);
                let candidates = vec![format!("{} {}", variant(&base), ORG_WORDS[i % ORG_WORDS.len()]), format!("the {base}s")];
                (name, "Organisation", candidates)
            }
            Kind::Country => {
                let stem = made_up_word(word + 100_000, COUNTRY_ENDINGS);
                let name = stem.clone();
                (name, "Country", vec![format!("Republic of {stem}"), variant(&stem)])
            }
        };
        let key = |s: &str| s.to_lowercase();
        if !taken.insert(key(&name)) {
            continue;
        }
        let aliases: Vec<String> = candidates.into_iter().filter(|a| taken.insert(key(a))).collect();
        out.push(GenActor { id: format!("{}-{i}", slug(&name)), name, kind, role: role.to_string(), aliases });
    }
    out
}

/// A sentence from the seeds, its real actor spellings replaced by slots.
struct Template {
    parts: Vec<Piece>,
}

enum Piece {
    Text(String),
    /// (index of the real actor in the sentence, its kind)
    Slot(usize, Kind),
}

/// Names in the seeds that become slots, longest first. (A fixed list rather
/// than the registry: the generator must not depend on the example's edits.)
const REAL_NAMES: &[(&str, Kind)] = &[
    ("Volodymyr Zelenskyy", Kind::Person),
    ("Volodymyr Zelensky", Kind::Person),
    ("Vladimir Zelensky", Kind::Person),
    ("Vladimir Putin", Kind::Person),
    ("Donald Trump", Kind::Person),
    ("Steve Witkoff", Kind::Person),
    ("Steve Vitkov", Kind::Person),
    ("Jared Kushner", Kind::Person),
    ("Friedrich Merz", Kind::Person),
    ("Emmanuel Macron", Kind::Person),
    ("Mark Rutte", Kind::Person),
    ("Marco Rubio", Kind::Person),
    ("Rustem Umerov", Kind::Person),
    ("Yuri Ushakov", Kind::Person),
    ("Zelenskyy", Kind::Person),
    ("Zelenskiy", Kind::Person),
    ("Zelensky", Kind::Person),
    ("Putin", Kind::Person),
    ("Trump", Kind::Person),
    ("Witkoff", Kind::Person),
    ("Vitkov", Kind::Person),
    ("Kushner", Kind::Person),
    ("Merz", Kind::Person),
    ("Mertz", Kind::Person),
    ("Macron", Kind::Person),
    ("Rutte", Kind::Person),
    ("Rubio", Kind::Person),
    ("Umerov", Kind::Person),
    ("Hnatov", Kind::Person),
    ("Ushakov", Kind::Person),
    ("Vance", Kind::Person),
    ("White House", Kind::Organisation),
    ("Kremlin", Kind::Organisation),
    ("Wagner Group", Kind::Organisation),
    ("NATO", Kind::Organisation),
    ("Fox News", Kind::Organisation),
    ("Axios", Kind::Organisation),
    ("Ukraine", Kind::Country),
    ("Russia", Kind::Country),
    ("United States", Kind::Country),
    ("U.S.", Kind::Country),
];

fn template(sentence: &str) -> Template {
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut seen: Vec<&str> = Vec::new();
    let mut rest = sentence;
    'scan: while !rest.is_empty() {
        let at_boundary = text.chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        if at_boundary {
            for &(real, kind) in REAL_NAMES {
                if let Some(after) = rest.strip_prefix(real) {
                    if after.chars().next().is_none_or(|c| !c.is_alphanumeric()) {
                        let key = real.rsplit(' ').next().unwrap_or(real);
                        let slot = seen.iter().position(|s| *s == key).unwrap_or_else(|| {
                            seen.push(key);
                            seen.len() - 1
                        });
                        parts.push(Piece::Text(std::mem::take(&mut text)));
                        parts.push(Piece::Slot(slot, kind));
                        rest = after;
                        continue 'scan;
                    }
                }
            }
        }
        let c = rest.chars().next().unwrap_or(' ');
        text.push(c);
        rest = &rest[c.len_utf8()..];
    }
    parts.push(Piece::Text(text));
    Template { parts }
}

/// Sentences of the seeds (the first line of a seed may carry a date stamp).
fn seed_sentences(seeds: &Path) -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(seeds).expect("seeds/ folder").map(|e| e.expect("seed entry").path()).collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("seed is UTF-8");
        for line in text.lines() {
            let line = line.trim();
            let line = if line.starts_with("date ") { line.get(16..).unwrap_or("").trim() } else { line };
            if line.split_whitespace().count() < 6 {
                continue;
            }
            let mut start = 0;
            let bytes = line.as_bytes();
            for i in 0..bytes.len() {
                let end_of_sentence = matches!(bytes[i], b'.' | b'?' | b'!')
                    && bytes.get(i + 1) == Some(&b' ')
                    && bytes.get(i + 2).is_some_and(|b| b.is_ascii_uppercase())
                    && !line[..i].ends_with("U.S")
                    && !line[..i].ends_with("Dec")
                    && !line[..i].ends_with(" D.C");
                if end_of_sentence {
                    out.push(line[start..=i].trim().to_string());
                    start = i + 2;
                }
            }
            out.push(line[start..].trim().to_string());
        }
    }
    out.retain(|s| s.split_whitespace().count() >= 5 && !s.contains(['[', ']', '{', '}', '*', '_', '`', '<', '>', '#', '\\']));
    out
}

/// A TOML basic string.
fn toml_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

struct Event {
    id: String,
    title: String,
    start: Day,
    end: Option<Day>,
    place: &'static str,
    summary: String,
}

/// Days since 2024-01-01, shown as a date.
#[derive(Clone, Copy)]
struct Day(usize);

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const LEN: [usize; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        let (mut year, mut day) = (2024, self.0);
        loop {
            let leap = year % 4 == 0;
            let len = if leap { 366 } else { 365 };
            if day < len {
                let mut month = 0;
                loop {
                    let m = LEN[month] + usize::from(leap && month == 1);
                    if day < m {
                        return write!(f, "{year}-{:02}-{:02}", month + 1, day + 1);
                    }
                    day -= m;
                    month += 1;
                }
            }
            day -= len;
            year += 1;
        }
    }
}

const SPAN_DAYS: usize = 730;
const RUNNING_STORIES: usize = 10;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(count), Some(out)) = (args.get(1).and_then(|n| n.parse::<usize>().ok()), args.get(2)) else {
        eprintln!("usage: gen-corpus ARTICLES OUT_DIR   (e.g. gen-corpus 10000 /tmp/corpus-10k)");
        std::process::exit(2);
    };
    let out = PathBuf::from(out);
    if out.exists() {
        eprintln!("{} exists; remove it first", out.display());
        std::process::exit(2);
    }
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let sentences = seed_sentences(&seeds);
    let templates: Vec<Template> = sentences.iter().map(|s| template(s)).collect();
    let mut rng = Rng(SEED);

    let actors = actors((count / 20).max(20));
    let by_kind = |k: Kind| actors.iter().enumerate().filter(|(_, a)| a.kind == k).map(|(i, _)| i).collect::<Vec<_>>();
    let pools = [by_kind(Kind::Person), by_kind(Kind::Organisation), by_kind(Kind::Country)];
    let pool = |k: Kind| match k {
        Kind::Person => &pools[0],
        Kind::Organisation => &pools[1],
        Kind::Country => &pools[2],
    };

    let event_count = (count / 10).max(RUNNING_STORIES + 1);
    let mut events = Vec::with_capacity(event_count);
    for k in 0..event_count {
        let running = k < RUNNING_STORIES;
        let start = if running { k * 20 } else { (k - RUNNING_STORIES) * SPAN_DAYS / (event_count - RUNNING_STORIES) };
        let end = running.then_some(start + SPAN_DAYS - 200).or_else(|| rng.chance(15).then(|| start + 1 + rng.below(3)));
        let who = &actors[pool(Kind::Person)[rng.skewed(pool(Kind::Person).len())]];
        let other = &actors[pool(Kind::Country)[rng.below(pool(Kind::Country).len())]];
        let place = *rng.pick(PLACES);
        let what = if running { "negotiations (running story)" } else { rng.pick(EVENT_KINDS) };
        let title = format!("{} {what} with {} in {place}", who.name, other.name);
        let summary = format!("{} and officials of {} held {what}; reports differ on what was agreed.", who.name, other.name);
        events.push(Event { id: format!("{}-{k}", slug(&title)), title, start: Day(start), end: end.map(Day), place, summary });
    }

    std::fs::create_dir_all(out.join("content/articles")).expect("create output");
    std::fs::write(
        out.join("dossier.toml"),
        format!(
            "title = \"Generated dossier, {count} articles\"\ndescription = \"A synthetic dossier for benchmarks, recombined from the seeds.\"\nbase_url = \"https://example.org/bench/\"\nlanguage = \"en\"\n"
        ),
    )
    .expect("write dossier.toml");

    let mut registry = String::from("# Generated by examples/gen-corpus.rs\n");
    for a in &actors {
        let kind = match a.kind {
            Kind::Person => "person",
            Kind::Organisation => "organisation",
            Kind::Country => "country",
        };
        let aliases: Vec<String> = a.aliases.iter().map(|s| toml_str(s)).collect();
        let _ = write!(
            registry,
            "\n[[actor]]\nid = \"{}\"\nname = {}\nkind = \"{kind}\"\nrole = \"{}\"\naliases = [{}]\n",
            a.id,
            toml_str(&a.name),
            a.role,
            aliases.join(", ")
        );
    }
    std::fs::write(out.join("content/actors.toml"), registry).expect("write actors.toml");

    let mut registry = String::from("# Generated by examples/gen-corpus.rs\n");
    for e in &events {
        let when = match e.end {
            Some(end) => format!("start = {}\nend = {end}", e.start),
            None => format!("date = {}", e.start),
        };
        let _ = write!(
            registry,
            "\n[[event]]\nid = \"{}\"\ntitle = {}\n{when}\nplace = {}\nsummary = {}\n",
            e.id,
            toml_str(&e.title),
            toml_str(e.place),
            toml_str(&e.summary)
        );
    }
    std::fs::write(out.join("content/events.toml"), registry).expect("write events.toml");

    let mut slugs: Vec<String> = Vec::with_capacity(count);
    let mut bytes = 0;
    for i in 0..count {
        let day = i * SPAN_DAYS / count;
        // The event of the week, sometimes the next or previous one, and now and then a running story.
        let regular = event_count - RUNNING_STORIES;
        let near = (i * regular / count + regular + rng.below(3) - 1) % regular + RUNNING_STORIES;
        let mut article_events = Vec::new();
        if !rng.chance(8) {
            article_events.push(near);
        }
        if rng.chance(5) {
            article_events.push(rng.below(RUNNING_STORIES));
        }
        let outlet = *rng.pick(OUTLETS);
        // Each real actor slot of the seed sentences stands for one generated actor in this article.
        let mut cast: Vec<Option<usize>> = vec![None; 8];
        let mut mentioned: BTreeSet<usize> = BTreeSet::new();
        let mut fill = |slot: usize, kind: Kind, rng: &mut Rng, mentioned: &mut BTreeSet<usize>| -> String {
            let slot_key = slot * 3 + kind as usize;
            if slot_key >= cast.len() {
                cast.resize(slot_key + 1, None);
            }
            let pool = pool(kind);
            let actor = *cast[slot_key].get_or_insert_with(|| pool[rng.skewed(pool.len())]);
            mentioned.insert(actor);
            let spellings: Vec<&String> = actors[actor].spellings().collect();
            spellings[rng.below(spellings.len())].clone()
        };
        let render = |t: &Template, rng: &mut Rng, mentioned: &mut BTreeSet<usize>, fill: &mut dyn FnMut(usize, Kind, &mut Rng, &mut BTreeSet<usize>) -> String| {
            let mut s = String::new();
            for p in &t.parts {
                match p {
                    Piece::Text(x) => s.push_str(x),
                    Piece::Slot(k, kind) => s.push_str(&fill(*k, *kind, rng, mentioned)),
                }
            }
            s
        };

        let lead_actor = pool(Kind::Person)[rng.skewed(pool(Kind::Person).len())];
        let title_template = &templates[rng.below(templates.len())];
        let mut title = render(title_template, &mut rng, &mut mentioned, &mut fill);
        if title.len() > 110 {
            let cut = title.char_indices().take_while(|(b, _)| *b < 100).last().map_or(0, |(b, _)| b);
            title = format!("{}…", title[..cut].trim_end());
        }
        let article_slug = format!("{}-{}-{}-{i:06}", slug(outlet), Day(day), slug(TOPICS[i % TOPICS.len()]));

        let mut body = String::new();
        let mut plain_sentences: Vec<String> = Vec::new();
        let paragraphs = 6 + rng.below(7);
        let mut counter = 0;
        let mut annotate = |s: String, rng: &mut Rng, first: bool, body_slugs: &[String]| -> (String, bool) {
            counter += 1;
            let actor_id = &actors[lead_actor].id;
            if first {
                let about = &actors[pool(Kind::Country)[rng.below(pool(Kind::Country).len())]].id;
                return (
                    format!("[{s}]{{.claim #lead-claim by={actor_id} sourcing={} confidence=medium about=\"{about}\"}}", rng.pick(SOURCINGS)),
                    true,
                );
            }
            let roll = rng.below(100);
            let cross = |rng: &mut Rng| -> Option<String> {
                (!body_slugs.is_empty()).then(|| {
                    let back = 1 + rng.below(body_slugs.len().min(30));
                    body_slugs[body_slugs.len() - back].clone()
                })
            };
            let text = match roll {
                0..=9 => format!("[{s}]{{.claim #claim-{counter} sourcing={}}}", rng.pick(SOURCINGS)),
                10..=13 => match cross(rng) {
                    Some(target) => format!(
                        "[{s}]{{.claim #claim-{counter} sourcing=anonymous to={target}#lead-claim rel={} note=\"{}\"}}",
                        rng.pick(RELATIONS),
                        rng.pick(NOTES)
                    ),
                    None => return (s, false),
                },
                14..=16 => format!("[{s}]{{.note note=\"{}\"}}", rng.pick(NOTES)),
                17..=18 => match cross(rng) {
                    Some(target) => format!("[{s}]{{.ref to={target}#lead-claim rel=same-claim}}"),
                    None => return (s, false),
                },
                19..=21 => format!("{{=={s}==}}{{>>{}<<}}", rng.pick(COMMENTS)),
                22 => format!("{s} {{>>{}<<}}", rng.pick(COMMENTS)),
                _ => return (s, false),
            };
            (text, true)
        };
        let mut first = true;
        for p in 0..paragraphs {
            if p == paragraphs / 2 && rng.chance(40) {
                let heading = render(&templates[rng.below(templates.len())], &mut rng, &mut mentioned, &mut fill);
                let words: Vec<&str> = heading.split_whitespace().take(5).collect();
                let _ = write!(body, "## {}\n\n", words.join(" ").trim_end_matches([',', '.', ':', ';']));
            }
            let mut para = Vec::new();
            for _ in 0..1 + rng.below(4) {
                if rng.chance(12) {
                    // A quote of the lead actor.
                    let quoted = render(&templates[rng.below(templates.len())], &mut rng, &mut mentioned, &mut fill);
                    let quoted = quoted.trim_end_matches(['.', '"', '“', '”']).replace('"', "'");
                    let speaker = actors[lead_actor].spellings().nth(rng.below(actors[lead_actor].aliases.len() + 1)).cloned().unwrap_or_default();
                    mentioned.insert(lead_actor);
                    para.push(format!("\"[{quoted}]{{.quote by={}}},\" {speaker} {}.", actors[lead_actor].id, rng.pick(VERBS)));
                    continue;
                }
                let s = render(&templates[rng.below(templates.len())], &mut rng, &mut mentioned, &mut fill);
                let (text, annotated) = annotate(s.clone(), &mut rng, first, &slugs);
                first = false;
                if !annotated {
                    plain_sentences.push(s);
                }
                para.push(text);
            }
            body.push_str(&para.join(" "));
            body.push_str("\n\n");
        }

        let mut fm = String::from("+++\n");
        let _ = writeln!(fm, "title = {}", toml_str(&title));
        let _ = writeln!(fm, "outlet = {}", toml_str(outlet));
        let _ = writeln!(fm, "date = {}", Day(day + rng.below(3)));
        let _ = writeln!(fm, "url = \"https://example.org/news/{article_slug}\"");
        fm.push_str("language = \"en\"\n");
        if rng.chance(60) {
            let _ = writeln!(fm, "author = \"{} {}\"", rng.pick(FIRST_NAMES), made_up_word(rng.below(5000), SURNAME_ENDINGS));
        }
        let ids: Vec<String> = article_events.iter().map(|&e| toml_str(&events[e].id)).collect();
        let _ = writeln!(fm, "events = [{}]", ids.join(", "));
        let _ = writeln!(fm, "tags = [\"{}\", \"{}\"]", TOPICS[i % TOPICS.len()], rng.pick(TOPICS));
        if rng.chance(20) {
            // An actor the text does not name, listed by one of its spellings.
            let extra = &actors[rng.below(actors.len())];
            let _ = writeln!(fm, "actors = [{}]", toml_str(extra.spellings().last().unwrap_or(&extra.name)));
        }
        let _ = writeln!(fm, "source = \"seeds/{:03}.txt\"", i % 5);
        // A standoff annotation on a sentence that occurs once and carries no markup.
        if rng.chance(30) {
            if let Some(exact) = plain_sentences.iter().rev().find(|s| s.len() > 30 && body.matches(s.as_str()).count() == 1) {
                let _ = write!(
                    fm,
                    "\n[[annotation]]\nkind = \"claim\"\nsourcing = \"anonymous\"\nexact = {}\nnote = {}\n",
                    toml_str(exact),
                    toml_str(*rng.pick(NOTES))
                );
            }
        }
        fm.push_str("+++\n\n");
        fm.push_str(&body);
        bytes += fm.len();
        std::fs::write(out.join(format!("content/articles/{article_slug}.md")), fm).expect("write article");
        slugs.push(article_slug);
    }
    eprintln!(
        "{}: {count} articles ({} MB of Markdown), {} actors, {} events",
        out.display(),
        bytes / 1_000_000,
        actors.len(),
        events.len()
    );
}
