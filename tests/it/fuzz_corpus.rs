//! Replays the committed fuzz corpora (`fuzz/corpus/`) through the same
//! checks the cargo-fuzz targets run, so every input the fuzzer found
//! interesting stays a regression test without needing libFuzzer.

#[allow(dead_code, unreachable_pub)]
#[path = "../../fuzz/src/checks.rs"]
mod checks;

use std::path::Path;

fn replay(target: &str, check: impl Fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&bytes)));
        assert!(result.is_ok(), "{} fails its fuzz check", path.display());
        count += 1;
    }
    count
}

/// [`replay`] for the targets that take text: inputs that are not UTF-8
/// are skipped there too.
fn replay_text(target: &str, check: impl Fn(&str)) -> usize {
    replay(target, |b| {
        if let Ok(text) = std::str::from_utf8(b) {
            check(text)
        }
    })
}

#[test]
fn article_corpus() {
    assert!(replay("article", checks::article) > 10);
}

#[test]
fn matcher_corpus() {
    assert!(replay_text("matcher", checks::matcher) > 5);
}

#[test]
fn registry_corpus() {
    assert!(replay_text("registry", checks::registry) > 2);
}

#[test]
fn import_corpus() {
    assert!(replay("import", checks::import) > 5);
}

#[test]
fn yaml_corpus() {
    assert!(replay("yaml", checks::yaml) > 5);
}

#[test]
fn html_corpus() {
    assert!(replay("html", checks::html) > 5);
}

#[test]
fn template_corpus() {
    assert!(replay_text("template", checks::template) > 5);
}
