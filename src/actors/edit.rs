//! Editing the dossier's TOML without disturbing it: `toml_edit` keeps the
//! user's comments, order and layout, and every file is written to a
//! temporary file beside it and renamed into place, so a crash leaves the
//! old file or the new one, never half of each.

use std::path::Path;

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value};

use crate::text::{fold, front_matter};

/// Read a TOML file for editing (a missing file is an empty document).
pub(super) fn read(path: &Path) -> Result<DocumentMut, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    text.parse::<DocumentMut>().map_err(|e| format!("{}: {}", path.display(), e.to_string().trim()))
}

/// Write `text` to `path` (its folder created if needed) with
/// [`crate::files::write`]: atomically, never through a symlink.
pub(super) fn write_atomic(path: &Path, text: &str) -> Result<(), String> {
    let text = if text.is_empty() || text.ends_with('\n') { text.to_string() } else { format!("{text}\n") };
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    crate::files::write(path, text.as_bytes(), crate::files::Mode::Replace).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn actors_mut(doc: &mut DocumentMut) -> Option<&mut ArrayOfTables> {
    doc.get_mut("actor").and_then(Item::as_array_of_tables_mut)
}

/// The `[[actor]]` table with this id.
pub(super) fn actor_mut<'d>(doc: &'d mut DocumentMut, id: &str) -> Option<&'d mut Table> {
    actors_mut(doc)?.iter_mut().find(|t| t.get("id").and_then(Item::as_str) == Some(id))
}

/// Every spelling an actor's table lists: its name, then its aliases.
pub(super) fn spellings(table: &Table) -> Vec<String> {
    let name = table.get("name").and_then(Item::as_str).map(str::to_string);
    let aliases = table.get("aliases").and_then(Item::as_array).into_iter().flatten().filter_map(|v| v.as_str().map(str::to_string));
    name.into_iter().chain(aliases).collect()
}

/// Every actor's spellings: (id, name or alias).
pub(super) fn all_spellings(doc: &DocumentMut) -> Vec<(String, String)> {
    let Some(list) = doc.get("actor").and_then(Item::as_array_of_tables) else { return Vec::new() };
    list.iter()
        .flat_map(|t| {
            let id = t.get("id").and_then(Item::as_str).unwrap_or("").to_string();
            spellings(t).into_iter().map(move |s| (id.clone(), s))
        })
        .collect()
}

/// Add spellings to an actor's `aliases` (created if missing), skipping
/// those it already has in any case or accent. Returns the ones added.
pub(super) fn add_aliases(table: &mut Table, new: &[String]) -> Vec<String> {
    let have: Vec<String> = spellings(table).iter().map(|s| fold(s)).collect();
    if !table.contains_key("aliases") {
        table.insert("aliases", Item::Value(Value::Array(Array::new())));
    }
    let Some(aliases) = table.get_mut("aliases").and_then(Item::as_array_mut) else { return Vec::new() };
    let mut added = Vec::new();
    for s in new {
        if !have.contains(&fold(s)) && !added.iter().any(|a: &String| fold(a) == fold(s)) {
            aliases.push(s.as_str());
            added.push(s.clone());
        }
    }
    added
}

/// Copy `wikidata` and `website` from a merged actor's table to the actor it
/// is merged into, where that one has none. Returns the keys copied.
pub(super) fn inherit_identifiers(from: &Table, into: &mut Table) -> Vec<&'static str> {
    let mut copied = Vec::new();
    for key in ["wikidata", "website"] {
        if let (Some(value), false) = (from.get(key).and_then(Item::as_str), into.contains_key(key)) {
            into.insert(key, toml_edit::value(value));
            copied.push(key);
        }
    }
    copied
}

/// Append a new `[[actor]]` after the last one.
pub(super) fn push_actor(doc: &mut DocumentMut, id: &str, name: &str, kind: &str) {
    let mut table = Table::new();
    table.insert("id", toml_edit::value(id));
    table.insert("name", toml_edit::value(name));
    table.insert("kind", toml_edit::value(kind));
    table.insert("aliases", Item::Value(Value::Array(Array::new())));
    if !doc.contains_key("actor") {
        doc.insert("actor", Item::ArrayOfTables(ArrayOfTables::new()));
    }
    let Some(list) = actors_mut(doc) else { return };
    // Right after the last actor, not after the roles that may follow.
    table.set_position(list.iter().filter_map(Table::position).max());
    list.push(table);
}

/// Remove an actor's table; returns it. A comment above it (a section
/// heading) moves to the table that follows.
pub(super) fn remove_actor(doc: &mut DocumentMut, id: &str) -> Option<Table> {
    let list = actors_mut(doc)?;
    let index = list.iter().position(|t| t.get("id").and_then(Item::as_str) == Some(id))?;
    let removed = list.remove(index);
    let prefix = removed.decor().prefix().and_then(|p| p.as_str()).unwrap_or("").to_string();
    if prefix.contains('#') {
        if let Some(next) = list.get_mut(index) {
            let own = next.decor().prefix().and_then(|p| p.as_str()).unwrap_or("").trim_start_matches('\n').to_string();
            next.decor_mut().set_prefix(format!("{prefix}{own}"));
        }
    }
    Some(removed)
}

/// Point every `[[role.holder]]` of `old` at `new`, and every merge record
/// into `old` at `new` (merges chain: A into B, then B into C, sends A to C).
pub(super) fn repoint(doc: &mut DocumentMut, old: &str, new: &str) -> usize {
    let mut changed = 0;
    if let Some(roles) = doc.get_mut("role").and_then(Item::as_array_of_tables_mut) {
        for role in roles.iter_mut() {
            let Some(holders) = role.get_mut("holder").and_then(Item::as_array_of_tables_mut) else { continue };
            for h in holders.iter_mut() {
                if h.get("actor").and_then(Item::as_str) == Some(old) {
                    h.insert("actor", toml_edit::value(new));
                    changed += 1;
                }
            }
        }
    }
    if let Some(merged) = doc.get_mut("merged").and_then(Item::as_array_of_tables_mut) {
        for m in merged.iter_mut() {
            if m.get("into").and_then(Item::as_str) == Some(old) {
                m.insert("into", toml_edit::value(new));
                changed += 1;
            }
        }
    }
    changed
}

/// Record `[[merged]] id = old, into = new` at the end of the file.
pub(super) fn push_merged(doc: &mut DocumentMut, old: &str, new: &str) {
    if !doc.contains_key("merged") {
        doc.insert("merged", Item::ArrayOfTables(ArrayOfTables::new()));
    }
    let mut table = Table::new();
    table.insert("id", toml_edit::value(old));
    table.insert("into", toml_edit::value(new));
    if let Some(list) = doc.get_mut("merged").and_then(Item::as_array_of_tables_mut) {
        if list.is_empty() {
            table.decor_mut().set_prefix("\n# Actors merged into others (`dossier actors merge`): their old pages redirect.\n");
        }
        list.push(table);
    }
}

/// Add a name to a top-level string list (`rejected = [...]`).
pub(super) fn add_to_list(doc: &mut DocumentMut, key: &str, name: &str) -> bool {
    if !doc.contains_key(key) {
        doc.insert(key, Item::Value(Value::Array(Array::new())));
    }
    let Some(list) = doc.get_mut(key).and_then(Item::as_array_mut) else { return false };
    if list.iter().any(|v| v.as_str().is_some_and(|s| fold(s) == fold(name))) {
        return false;
    }
    list.push(name);
    true
}

/// Rewrite an article's references to actor `old` as `new`: `by=` and
/// `about=` in annotation attributes, and in front matter the `actors` list
/// and standoff annotations' `by` and `about`. Spellings are left alone:
/// they now belong to `new`. Returns the new text if anything changed.
pub(super) fn rewrite_article(text: &str, old: &str, new: &str) -> Option<String> {
    match front_matter::Editor::open(text) {
        Ok(mut editor) => {
            let front_changed = rewrite_front_matter(editor.doc(), old, new);
            let body = editor.body();
            let body_new = rewrite_attributes(body, old, new);
            (front_changed || body_new != body).then(|| editor.finish_with(&body_new))
        }
        // Front matter `check` would refuse: left alone, the body is still rewritten.
        Err(_) => {
            let body_start = front_matter::split(text).map_or(0, |p| p.body_start);
            let body_new = rewrite_attributes(&text[body_start..], old, new);
            (body_new != text[body_start..]).then(|| format!("{}{body_new}", &text[..body_start]))
        }
    }
}

/// Rewrite `old` as `new` in the `actors` list and in standoff annotations'
/// `by` and `about`. Returns whether anything changed.
fn rewrite_front_matter(doc: &mut DocumentMut, old: &str, new: &str) -> bool {
    let mut changed = false;
    if let Some(list) = doc.get_mut("actors").and_then(Item::as_array_mut) {
        let at: Vec<usize> = list.iter().enumerate().filter(|(_, v)| v.as_str() == Some(old)).map(|(i, _)| i).collect();
        let already = list.iter().any(|v| v.as_str() == Some(new));
        for (n, i) in at.into_iter().enumerate().rev() {
            if already || n > 0 {
                list.remove(i);
            } else {
                list.replace(i, new);
            }
            changed = true;
        }
    }
    if let Some(annotations) = doc.get_mut("annotation").and_then(Item::as_array_of_tables_mut) {
        for a in annotations.iter_mut() {
            if a.get("by").and_then(Item::as_str) == Some(old) {
                a.insert("by", toml_edit::value(new));
                changed = true;
            }
            if let Some(about) = a.get("about").and_then(Item::as_str).map(str::to_string) {
                let replaced = replace_ids(&about, old, new);
                if replaced != about {
                    a.insert("about", toml_edit::value(replaced));
                    changed = true;
                }
            }
        }
    }
    changed
}

/// Replace `old` as a whole space-separated id in a list of ids.
fn replace_ids(list: &str, old: &str, new: &str) -> String {
    list.split(' ').map(|w| if w == old { new } else { w }).collect::<Vec<_>>().join(" ")
}

/// `by=old`, `by="old"` and `about="... old ..."` inside `{...}` attribute blocks.
fn rewrite_attributes(body: &str, old: &str, new: &str) -> String {
    let pattern = r#"\b(by|about)=("[^"\n]*"|[^\s}"]+)"#.to_string();
    let re = regex::Regex::new(&pattern).expect("attribute pattern is valid");
    let mut out = String::with_capacity(body.len());
    let mut last = 0;
    // Only inside attribute blocks: `]{...}`.
    let blocks = regex::Regex::new(r"\]\{[^{}\n]*\}").expect("block pattern is valid");
    for block in blocks.find_iter(body) {
        out.push_str(&body[last..block.start()]);
        let replaced = re.replace_all(block.as_str(), |c: &regex::Captures<'_>| {
            let value = &c[2];
            let (quoted, inner) = match value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
                Some(inner) => (true, inner),
                None => (false, value),
            };
            let inner = replace_ids(inner, old, new);
            if quoted {
                format!("{}=\"{inner}\"", &c[1])
            } else {
                format!("{}={inner}", &c[1])
            }
        });
        out.push_str(&replaced);
        last = block.end();
    }
    out.push_str(&body[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_rewrites_ids_in_attributes_and_front_matter_but_not_text() {
        let text = "+++\ntitle = \"x\" # keep me\nactors = [\"old-one\", \"Someone\"]\n\n[[annotation]]\nkind = \"quote\"\nby = \"old-one\"\nexact = \"hi\"\n+++\n\nold-one said [hi]{.quote by=old-one} and [x]{.claim sourcing=named about=\"a old-one b\"}; by=old-one outside.\n";
        let out = rewrite_article(text, "old-one", "new-one").unwrap();
        assert!(out.contains("title = \"x\" # keep me\n"), "{out}");
        assert!(out.contains("actors = [\"new-one\", \"Someone\"]"), "{out}");
        assert!(out.contains("by = \"new-one\""), "{out}");
        assert!(out.contains("[hi]{.quote by=new-one}"));
        assert!(out.contains("about=\"a new-one b\""));
        assert!(out.contains("old-one said") && out.contains("by=old-one outside"));
        assert_eq!(rewrite_article(&out, "old-one", "new-one"), None);
    }
}
