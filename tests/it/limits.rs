//! Every limit and every refusal, each with a clear message.

use std::path::PathBuf;

use crate::common::*;

fn build_errors(root: &std::path::Path, options: &dossier::BuildOptions) -> Vec<String> {
    match dossier::build(root, options) {
        Ok(report) => panic!("built {} articles, expected a refusal", report.articles),
        Err(f) => f.diagnostics.iter().map(|d| d.to_string()).collect(),
    }
}

fn assert_has(messages: &[String], needle: &str) {
    assert!(messages.iter().any(|m| m.contains(needle)), "expected `{needle}` in:\n{}", messages.join("\n"));
}

#[test]
fn an_oversized_file_is_refused_without_being_read() {
    let tmp = small_dossier(&[]);
    std::fs::create_dir_all(tmp.path().join("content/articles")).unwrap();
    let file = std::fs::File::create(tmp.path().join("content/articles/huge.md")).unwrap();
    // Sparse: the size is real, the disk is not used.
    file.set_len(dossier::limits::MAX_FILE_BYTES + 1).unwrap();
    let m = check_messages(tmp.path());
    assert_has(&m, &format!("content/articles/huge.md: error: file is {} bytes; the limit is", dossier::limits::MAX_FILE_BYTES + 1));
}

#[test]
fn an_overlong_line_is_refused() {
    let line = "word ".repeat(dossier::limits::MAX_LINE_BYTES / 5 + 10);
    let m = check_messages(small_dossier(&[("long.md", &article("L", &line))]).path());
    assert_has(&m, "content/articles/long.md: error: line 8 is");
}

#[test]
fn pathological_nesting_is_refused_quickly() {
    let quotes = format!("{} deep", ">".repeat(dossier::limits::MAX_NESTING + 50));
    let m = check_messages(small_dossier(&[("deep.md", &article("D", &quotes))]).path());
    assert_has(&m, "content/articles/deep.md:8:");
    assert_has(&m, &format!("Markdown is nested more than {} levels deep", dossier::limits::MAX_NESTING));
    // Thousands of brackets and backticks are just text, and fast (this test would time out otherwise).
    let brackets = format!("{} {} {}", "[".repeat(20_000), "`".repeat(5_000), "*a".repeat(5_000));
    assert!(check_messages(small_dossier(&[("b.md", &article("B", &brackets))]).path()).is_empty());
}

#[test]
fn too_many_annotations_are_refused() {
    let notes = "{>>n<<} ".repeat(dossier::limits::MAX_ANNOTATIONS + 1);
    let m = check_messages(small_dossier(&[("many.md", &article("M", &notes))]).path());
    assert_has(&m, &format!("{} annotations in one article; the limit is {}", dossier::limits::MAX_ANNOTATIONS + 1, dossier::limits::MAX_ANNOTATIONS));
}

#[test]
fn a_site_over_the_output_limit_is_not_written() {
    let tmp = small_dossier(&[("a.md", &article("A", "Body"))]);
    let m = build_errors(tmp.path(), &dossier::BuildOptions { max_output_bytes: Some(1000), ..Default::default() });
    assert_has(&m, "the site would be larger than its limit of 1000 bytes; the build stopped there");
    assert!(!tmp.path().join("public").exists());
}

#[test]
fn files_added_to_the_output_folder_are_never_deleted() {
    let tmp = small_dossier(&[("a.md", &article("A", "Body"))]);
    let root = tmp.path();
    dossier::build(root, &dossier::BuildOptions::default()).unwrap();
    std::fs::write(root.join("public/CNAME"), "dossier.example.org").unwrap();
    let m = build_errors(root, &dossier::BuildOptions::default());
    assert_has(&m, "public: error: the output folder is not empty: it holds files dossier did not write: CNAME");
    assert_eq!(std::fs::read_to_string(root.join("public/CNAME")).unwrap(), "dossier.example.org");
    // --force builds anyway and keeps the old folder, CNAME included, as a backup.
    let report = dossier::build(root, &dossier::BuildOptions { force: true, ..Default::default() }).unwrap();
    assert_eq!(report.backup.as_deref(), Some(root.canonicalize().unwrap().join("public.backup-1").as_path()));
    assert_eq!(std::fs::read_to_string(root.join("public.backup-1/CNAME")).unwrap(), "dossier.example.org");
    assert!(root.join("public/index.html").is_file() && !root.join("public/CNAME").exists());
}

#[cfg(unix)]
#[test]
fn an_output_folder_reached_through_a_symlink_out_of_the_dossier_is_refused() {
    let tmp = small_dossier(&[("a.md", &article("A", "Body"))]);
    let elsewhere = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), tmp.path().join("build")).unwrap();
    let out: PathBuf = tmp.path().join("build/site");
    let m = build_errors(tmp.path(), &dossier::BuildOptions { out: Some(out), ..Default::default() });
    assert_has(&m, "reached through a symbolic link that leads out of the dossier");
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
}

#[test]
fn a_template_cannot_print_untrusted_text_unescaped() {
    let tmp = small_dossier(&[("a.md", &article("A", "Body"))]);
    std::fs::create_dir_all(tmp.path().join("templates")).unwrap();
    std::fs::write(
        tmp.path().join("templates/article.html"),
        "{% extends \"base.html\" %}{% block main %}\n<h1>{{ article.title | safe }}</h1>{{ body | safe }}{% endblock main %}",
    )
    .unwrap();
    let m = build_errors(tmp.path(), &dossier::BuildOptions::default());
    assert_has(&m, "templates/article.html:2:5: error: `| safe` prints `article.title` without HTML escaping");
}

#[test]
fn an_annotation_limit_error_in_one_article_leaves_the_others_with_keep_going() {
    let notes = "{>>n<<} ".repeat(dossier::limits::MAX_ANNOTATIONS + 1);
    let tmp = small_dossier(&[("many.md", &article("M", &notes)), ("ok.md", &article("OK", "Fine."))]);
    let report = dossier::build(tmp.path(), &dossier::BuildOptions { keep_going: true, ..Default::default() }).unwrap();
    assert_eq!(report.articles, 1);
    assert!(tmp.path().join("public/articles/ok.html").is_file());
}
