//! The dossier side of an import: which articles exist and where they came
//! from, free slugs, and atomic writes that never overwrite an article.
//!
//! Every write is [`crate::files::write`]: a temporary file in
//! `content/articles/` renamed into place, so a reader (or a crash) sees the
//! old file or the new one, never half of one. A new article is put in place
//! with [`Mode::Create`], a rename that fails if the name is taken, so even a
//! file created meanwhile is not overwritten. Replacing (`--force`) first writes the old article to a
//! backup next to it (`<slug>.md.bak`, which the build does not read).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::files::{self, Mode};
use crate::text::slugify;

/// What an existing article records about its origin.
#[derive(Debug, Clone)]
pub(crate) struct Origin {
    pub(crate) article: PathBuf,
    pub(crate) sha256: Option<String>,
}

/// The articles already in the dossier, by where they came from.
#[derive(Debug, Default)]
pub(crate) struct Existing {
    pub(crate) by_source: BTreeMap<String, Origin>,
    pub(crate) by_sha256: BTreeMap<String, PathBuf>,
    /// The publication dates of the articles there (what a day without a
    /// year in a new article is read against).
    pub(crate) dates: Vec<jiff::civil::Date>,
    taken: BTreeSet<String>,
    /// Next suffix to try per base slug, so thousands of similar titles do
    /// not probe `-2`, `-3`, ... from the start each time.
    next_suffix: BTreeMap<String, usize>,
}

impl Existing {
    /// Read the front matter of every article under `dir` (only `source`
    /// and `source_sha256` matter here; anything unreadable is skipped, as
    /// `dossier check` reports it).
    pub(crate) fn scan(dir: &Path) -> Existing {
        let mut existing = Existing::default();
        if !dir.is_dir() {
            return existing;
        }
        for entry in walkdir::WalkDir::new(dir).follow_links(false).sort_by_file_name().into_iter().flatten() {
            let path = entry.path();
            if !entry.file_type().is_file() || !path.extension().is_some_and(|e| e.eq_ignore_ascii_case("md")) {
                continue;
            }
            let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            existing.taken.insert(slugify(&stem));
            let Some((origin, date)) = read_origin(path) else { continue };
            existing.dates.extend(date);
            let Some(origin) = origin else { continue };
            if let Some(sha) = &origin.1 {
                existing.by_sha256.entry(sha.clone()).or_insert_with(|| path.to_path_buf());
            }
            existing.by_source.entry(origin.0).or_insert(Origin { article: path.to_path_buf(), sha256: origin.1 });
        }
        existing
    }

    /// A slug not used by any article, `base` itself if possible.
    pub(crate) fn claim_slug(&mut self, base: &str) -> String {
        let mut n = self.next_suffix.get(base).copied().unwrap_or(1);
        let mut slug = if n == 1 { base.to_string() } else { format!("{base}-{n}") };
        while self.taken.contains(&slug) {
            n += 1;
            slug = format!("{base}-{n}");
        }
        self.next_suffix.insert(base.to_string(), n + 1);
        self.taken.insert(slug.clone());
        slug
    }

    pub(crate) fn record(&mut self, source: &str, sha256: &str, article: &Path) {
        self.by_source.insert(source.to_string(), Origin { article: article.to_path_buf(), sha256: Some(sha256.to_string()) });
        self.by_sha256.entry(sha256.to_string()).or_insert_with(|| article.to_path_buf());
    }
}

/// (`source`, `source_sha256`) and `date` from an article's TOML front matter.
#[allow(clippy::type_complexity)]
fn read_origin(path: &Path) -> Option<(Option<(String, Option<String>)>, Option<jiff::civil::Date>)> {
    let meta = std::fs::metadata(path).ok()?;
    if meta.len() > crate::limits::MAX_FILE_BYTES {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    let parts = crate::text::front_matter::split(&text).ok()?;
    let table: toml::Table = toml::from_str(&text[parts.toml]).ok()?;
    let date = table
        .get("date")
        .and_then(|v| v.as_datetime())
        .and_then(|d| d.date)
        .and_then(|d| jiff::civil::Date::new(d.year as i16, d.month as i8, d.day as i8).ok());
    let source = table.get("source").and_then(|v| v.as_str()).map(str::to_string);
    let sha = table.get("source_sha256").and_then(|v| v.as_str()).map(str::to_string);
    Some((source.map(|s| (s, sha)), date))
}

/// Write a new article; fails (without touching anything) if the file exists.
pub(crate) fn write_new(dir: &Path, slug: &str, content: &str) -> std::io::Result<PathBuf> {
    let path = dir.join(format!("{slug}.md"));
    files::write(&path, content.as_bytes(), Mode::Create)?;
    Ok(path)
}

/// Replace an article, keeping the old one as `<slug>.md.bak` (or
/// `.md.2.bak`, ... if earlier backups exist). Returns the backup's path.
pub(crate) fn replace(article: &Path, content: &str) -> std::io::Result<PathBuf> {
    let dir = article.parent().unwrap_or(Path::new("."));
    let name = article.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let old = std::fs::read(article)?;
    let mut n = 1;
    let backup = loop {
        let candidate = if n == 1 { dir.join(format!("{name}.bak")) } else { dir.join(format!("{name}.{n}.bak")) };
        match files::write(&candidate, &old, Mode::Create) {
            Ok(()) => break candidate,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => n += 1,
            Err(e) => return Err(e),
        }
    };
    files::write(article, content.as_bytes(), Mode::Replace)?;
    Ok(backup)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_articles_never_overwrite_and_replacing_keeps_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let a = write_new(dir.path(), "a", "one").unwrap();
        assert!(write_new(dir.path(), "a", "two").is_err());
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "one");
        let b1 = replace(&a, "two").unwrap();
        let b2 = replace(&a, "three").unwrap();
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "three");
        assert_eq!(std::fs::read_to_string(b1).unwrap(), "one");
        assert_eq!(std::fs::read_to_string(b2).unwrap(), "two");
        // No temporary files are left behind.
        let names: Vec<String> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    }

    #[test]
    fn slugs_are_claimed_once() {
        let mut e = Existing::default();
        e.taken.insert("x".into());
        assert_eq!(e.claim_slug("x"), "x-2");
        assert_eq!(e.claim_slug("x"), "x-3");
        assert_eq!(e.claim_slug("y"), "y");
    }
}
