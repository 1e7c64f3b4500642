//! Reviewing every candidate in one pass: `dossier actors candidates --write
//! FILE` writes each candidate group into a TOML file the analyst edits,
//! `dossier actors apply FILE` carries out the decisions.
//!
//! One `[[candidate]]` per group, with what the analyst decides on
//! (`accept`, `as`, `kind`, `aliases`) and what they decide from (`seen`,
//! `articles`, `example`, `hint`, read only). The defaults are what accepting
//! each proposal as offered would do: the actor a hint points to, else a new
//! actor whose id is the name's slug. Applying edits the registry and the
//! curation file in memory, checks the registry as `check` would, and only
//! then writes both atomically: a bad review file changes nothing.

use std::collections::BTreeSet;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::{edit, one, rejected, unowned, validated, Candidate, ACTORS_FILE, CURATION_FILE};
use crate::diagnostics::{Diagnostic, Diagnostics, FileText};
use crate::text::{clean_line, fold, is_slug, slugify};

const HEADER: &str = "\
# Candidate actors, for review in one pass (`dossier actors candidates --write`).
#
# For each [[candidate]] decide:
#   accept = true    the name and its `aliases` become spellings of the actor `as`:
#                    an existing actor, or a new one with that id, this name and `kind`
#                    (person, organisation or country). Several candidates may name the
#                    same `as`: the first one creates it, the others join it.
#   accept = false   the name is rejected: recorded in content/curation.toml and never
#                    proposed again.
# Delete an alias from `aliases` to leave it out, or the whole [[candidate]] to decide
# later. `seen`, `articles`, `example` and `hint` are for reading; they are not applied.
# Then run: dossier actors apply FILE
";

/// Write the review file for `candidates` to `file` (never over an existing
/// file). Returns how many candidates it holds.
pub fn write(root: &Path, candidates: &[Candidate], file: &Path) -> Result<usize, Diagnostics> {
    let shown = file.display().to_string();
    let registry = edit::read(&root.join(ACTORS_FILE)).map_err(|e| one(Diagnostic::error(ACTORS_FILE, e)))?;
    let mut taken: BTreeSet<String> = edit::all_spellings(&registry).into_iter().map(|(id, _)| id).collect();
    let mut out = String::from(HEADER);
    for c in candidates {
        let hint = c.by_spelling.first().map(|s| (s, "spelled like")).or_else(|| c.by_sound.first().map(|s| (s, "sounds like")));
        let target = match hint {
            Some((s, _)) => s.actor.clone(),
            None => {
                let base = slugify(&c.name);
                let base = if base.is_empty() { "actor".to_string() } else { base };
                let id = (1..).map(|n| if n == 1 { base.clone() } else { format!("{base}-{n}") }).find(|id| !taken.contains(id)).expect("a free id");
                taken.insert(id.clone());
                id
            }
        };
        let mut table = toml_edit::Table::new();
        table.insert("name", toml_edit::value(&c.name));
        table.insert("aliases", toml_edit::value(c.aliases.iter().map(String::as_str).collect::<toml_edit::Array>()));
        table.insert("accept", toml_edit::value(true));
        table.insert("as", toml_edit::value(&target));
        table.insert("kind", toml_edit::value("person"));
        table.insert("seen", toml_edit::value(c.count as i64));
        table.insert("articles", toml_edit::value(c.seen_in.iter().map(String::as_str).collect::<toml_edit::Array>()));
        if let Some(o) = c.sentences.first() {
            table.insert("example", toml_edit::value(format!("{}:{}: {}", o.path, o.line, o.sentence)));
        }
        if let Some((s, how)) = hint {
            let why = match &s.sound {
                Some(code) => format!("the surname sounds the same (Daitch-Mokotoff {code})"),
                None => format!("{} edit(s), Jaro-Winkler {:.2}", s.edits, s.jaro_winkler),
            };
            table.insert("hint", toml_edit::value(format!("{how} `{}` (\"{}\"): {why}", s.actor, s.spelling)));
        }
        let mut doc = toml_edit::DocumentMut::new();
        let mut array = toml_edit::ArrayOfTables::new();
        array.push(table);
        doc.insert("candidate", toml_edit::Item::ArrayOfTables(array));
        out.push('\n');
        out.push_str(&doc.to_string());
    }
    crate::files::write(file, out.as_bytes(), crate::files::Mode::Create).map_err(|e| {
        let hint =
            if e.kind() == std::io::ErrorKind::AlreadyExists { "it was left as it is: apply it, or remove it and write it again" } else { "check the path" };
        one(Diagnostic::error(shown.clone(), format!("cannot write the review file: {e}")).with_hint(hint))
    })?;
    Ok(candidates.len())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReviewFile {
    #[serde(default)]
    candidate: Vec<Spanned<Decision>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Decision {
    name: Spanned<String>,
    #[serde(default)]
    aliases: Vec<String>,
    accept: bool,
    #[serde(rename = "as")]
    target: Option<Spanned<String>>,
    #[serde(default = "person")]
    kind: Spanned<String>,
    // Read only: written for the analyst, accepted and ignored.
    #[allow(dead_code)]
    seen: Option<toml::Value>,
    #[allow(dead_code)]
    articles: Option<toml::Value>,
    #[allow(dead_code)]
    example: Option<toml::Value>,
    #[allow(dead_code)]
    hint: Option<toml::Value>,
}

fn person() -> Spanned<String> {
    Spanned::new(0..0, "person".to_string())
}

/// Carry out the decisions of a review file. Returns one line per decision.
pub fn apply(root: &Path, file: &Path) -> Result<Vec<String>, Diagnostics> {
    let shown = file.display().to_string();
    let text = std::fs::read_to_string(file).map_err(|e| one(Diagnostic::error(shown.clone(), format!("cannot read the review file: {e}"))))?;
    let source = FileText::new(shown.clone(), text.clone());
    let review: ReviewFile = toml::from_str(&text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        one(Diagnostic::error_at(&source, span, format!("not a review file: {}", e.message()))
            .with_hint("fields are name, aliases, accept, as, kind (and seen, articles, example, hint, for reading); write a fresh one with `dossier actors candidates --write`"))
    })?;

    let registry_path = root.join(ACTORS_FILE);
    let curation_path = root.join(CURATION_FILE);
    let mut registry = edit::read(&registry_path).map_err(|e| one(Diagnostic::error(ACTORS_FILE, e).with_hint("fix the TOML first (`dossier check`)")))?;
    rejected(root).map_err(one)?;
    let mut curation = edit::read(&curation_path).map_err(|e| one(Diagnostic::error(CURATION_FILE, e)))?;
    let mut problems = Diagnostics::new();
    let mut done = Vec::new();
    let mut rejected_any = false;
    let new_curation = curation.is_empty();
    for entry in &review.candidate {
        let d = entry.get_ref();
        let name = clean_line(d.name.get_ref());
        if !name.chars().any(char::is_alphanumeric) {
            problems
                .push(Diagnostic::error_at(&source, d.name.span(), "a name needs at least one letter or digit").with_hint("keep the name as it was written"));
            continue;
        }
        if !d.accept {
            rejected_any |= edit::add_to_list(&mut curation, "rejected", &name);
            done.push(format!("`{name}` rejected"));
            continue;
        }
        let Some(target) = &d.target else {
            problems.push(
                Diagnostic::error_at(&source, entry.span(), format!("`{name}` is accepted but says as which actor"))
                    .with_hint("add `as = \"actor-id\"`, or set `accept = false`"),
            );
            continue;
        };
        let id = target.get_ref();
        if !is_slug(id) {
            problems.push(
                Diagnostic::error_at(&source, target.span(), format!("`{id}` is not a valid actor id"))
                    .with_hint(format!("ids use lowercase letters, digits and single hyphens; try `{}`", slugify(&name))),
            );
            continue;
        }
        let aliases: Vec<String> = d.aliases.iter().map(|a| clean_line(a)).filter(|a| !a.is_empty()).collect();
        let spellings = unowned(&registry, Some(id), std::iter::once(name.clone()).chain(aliases).collect());
        if edit::actor_mut(&mut registry, id).is_none() {
            let kind = d.kind.get_ref();
            if !["person", "organisation", "country"].contains(&kind.as_str()) {
                problems.push(
                    Diagnostic::error_at(&source, d.kind.span(), format!("`{kind}` is not a kind of actor")).with_hint("use person, organisation or country"),
                );
                continue;
            }
            if !spellings.iter().any(|s| fold(s) == fold(&name)) {
                // The name is another actor's already: nothing to found a new actor on.
                done.push(format!("`{name}` is already a spelling of another actor; `{id}` was not created"));
                continue;
            }
            edit::push_actor(&mut registry, id, &name, kind);
            let added = edit::actor_mut(&mut registry, id).map(|t| edit::add_aliases(t, &spellings)).unwrap_or_default();
            done.push(format!("new actor `{id}` ({name}){}", with(&added)));
        } else {
            let added = edit::actor_mut(&mut registry, id).map(|t| edit::add_aliases(t, &spellings)).unwrap_or_default();
            done.push(if added.is_empty() { format!("`{name}`: nothing new for `{id}`") } else { format!("`{id}` gains {}", added.join(", ")) });
        }
    }
    if !problems.is_empty() {
        let mut all = one(Diagnostic::error(shown, "nothing was applied: the review file has mistakes").with_hint("fix the lines below and apply it again"));
        all.extend(problems);
        return Err(all);
    }
    let registry_text = validated(&registry)?;
    edit::write_atomic(&registry_path, &registry_text).map_err(|e| one(Diagnostic::error(ACTORS_FILE, e).with_hint("nothing was changed")))?;
    if rejected_any {
        if new_curation {
            curation.decor_mut().set_prefix("# Decisions on candidate names (`dossier actors`), kept with the dossier so they are\n# reviewed like any other change. Rejected names are never proposed again.\n");
        }
        edit::write_atomic(&curation_path, &curation.to_string())
            .map_err(|e| one(Diagnostic::error(CURATION_FILE, e).with_hint("the registry was updated; apply the file again to record the rejections")))?;
    }
    Ok(done)
}

/// The spellings added besides the name, for the report line.
fn with(added: &[String]) -> String {
    if added.is_empty() {
        String::new()
    } else {
        format!(" with {}", added.join(", "))
    }
}
