//! `dossier check`: each kind of bad input gives an error naming the file and line.

use crate::common::*;

fn messages_for(articles: &[(&str, &str)]) -> Vec<String> {
    let tmp = small_dossier(articles);
    check_messages(tmp.path())
}

fn assert_has(messages: &[String], needle: &str) {
    assert!(messages.iter().any(|m| m.contains(needle)), "expected `{needle}` in:\n{}", messages.join("\n"));
}

#[test]
fn the_example_dossier_is_clean() {
    let diagnostics = dossier::check(&repo());
    assert!(diagnostics.is_empty(), "{}", diagnostics.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"));
}

#[test]
fn unknown_event_and_actor_ids_name_file_and_line() {
    let text = "+++\ntitle = \"T\"\ndate = 2025-01-01\nevents = [\"no-such-event\"]\nactors = [\"nobody-known\"]\n+++\nBody.\n";
    let m = messages_for(&[("a.md", text)]);
    assert_has(&m, "content/articles/a.md:4:11: error: unknown event `no-such-event`");
    assert_has(&m, "content/articles/a.md:5:11: error: unknown actor `nobody-known`");
}

#[test]
fn front_matter_actors_resolve_by_any_spelling() {
    let text = "+++\ntitle = \"T\"\ndate = 2025-01-01\nactors = [\"Zelenskyy\", \"donald-trump\"]\n+++\nBody.\n";
    assert!(messages_for(&[("a.md", text)]).is_empty());
}

#[test]
fn malformed_front_matter_is_an_error_with_position() {
    let m = messages_for(&[("bad.md", "+++\ntitle = \"T\ndate = 2025-01-01\n+++\nBody\n")]);
    assert_has(&m, "content/articles/bad.md:2:");
    assert_has(&m, "invalid TOML");
    let m = messages_for(&[("open.md", "+++\ntitle = \"T\"\nBody\n")]);
    assert_has(&m, "content/articles/open.md:1:1: error: front matter opened here is never closed");
    let m = messages_for(&[("none.md", "Just text.\n")]);
    assert_has(&m, "content/articles/none.md:1:1: error: missing front matter");
    let m = messages_for(&[("yaml.md", "---\ntitle: T\n---\nBody\n")]);
    assert_has(&m, "YAML front matter");
    let m = messages_for(&[("typo.md", "+++\ntitel = \"T\"\n+++\nBody\n")]);
    assert_has(&m, "content/articles/typo.md:2:1: error: invalid TOML: unknown field `titel`");
    let m = messages_for(&[("empty.md", "")]);
    assert_has(&m, "content/articles/empty.md: error: empty article");
}

#[test]
fn invalid_dates_are_errors_and_missing_dates_warnings() {
    let m = messages_for(&[("a.md", "+++\ntitle = \"T\"\ndate = \"yesterday\"\n+++\nB\n")]);
    assert_has(&m, "content/articles/a.md:3:8: error: `yesterday` is not a date");
    let m = messages_for(&[("b.md", "+++\ntitle = \"T\"\ndate = \"2025-02-30\"\n+++\nB\n")]);
    assert_has(&m, "content/articles/b.md:3:8: error:");
    let m = messages_for(&[("c.md", "+++\ntitle = \"T\"\n+++\nB\n")]);
    assert_has(&m, "content/articles/c.md: warning: no date");
    // Half a date: the address's month is said, not taken for a day.
    let m = messages_for(&[(
        "d.md",
        "+++\ntitle = \"T\"\nurl = \"https://example.org/news/2025/05/conclave-begins\"\n+++\nThe electors walked into the chapel on Wednesday.\n",
    )]);
    assert_has(&m, "content/articles/d.md: warning: no date");
    assert_has(&m, "its text names “Wednesday” (a weekday) but no whole date (its address gives the month, May 2025)");
    // Each kind of day the quoted words are, once; the hint's date is a format, not a made-up day.
    let m = messages_for(&[(
        "e.md",
        "+++\ntitle = \"W niedzielę spotkanie\"\n+++\nPrezydent potwierdził w piątek, że w tę niedzielę - 28 grudnia - spotka się z Trumpem.\n",
    )]);
    assert_has(&m, "its text names “niedzielę”, “piątek”, “28 grudnia” (a weekday, a day without its year) but no whole date");
    assert_has(&m, "(date = YYYY-MM-DD)");
}

#[test]
fn urls_must_be_web_addresses() {
    let m = messages_for(&[("a.md", "+++\ntitle = \"T\"\ndate = 2025-01-01\nurl = \"javascript:alert(1)\"\n+++\nB\n")]);
    assert_has(&m, "content/articles/a.md:4:7: error: url `javascript:alert(1)` is not an http(s) address");
}

#[test]
fn registry_problems_name_the_line() {
    let tmp = dossier(&[
        (
            "content/actors.toml",
            "[[actor]]\nid = \"a\"\nname = \"Anna\"\nkind = \"person\"\n\n[[actor]]\nid = \"a\"\nname = \"Other\"\nkind = \"person\"\n\n[[actor]]\nid = \"Bad Id\"\nname = \"B\"\nkind = \"robot\"\naliases = [\"anna\"]\n",
        ),
        ("content/events.toml", "[[event]]\nid = \"e\"\ntitle = \"E\"\ndate = 2025-13-01\n"),
        ("content/articles/x.md", &article("X", "Body").replace("events = [\"meeting\"]\n", "")),
    ]);
    let m = check_messages(tmp.path());
    assert_has(&m, "content/actors.toml:7:6: error: duplicate actor id `a`");
    assert_has(&m, "content/actors.toml:12:6: error: actor id `Bad Id` is not a valid id");
    assert_has(&m, "content/actors.toml:14:8: error: unknown actor kind `robot`");
    assert_has(&m, "content/actors.toml:15:12: error: `anna` is a spelling of both `a` and `Bad Id`");
    assert_has(&m, "content/events.toml:4:");
}

#[test]
fn two_files_with_the_same_slug_are_refused() {
    let m = messages_for(&[("Same Name.md", &article("A", "x")), ("same-name.md", &article("B", "y"))]);
    assert_has(&m, "would both be published as articles/same-name.html");
}

#[test]
fn invalid_utf8_is_reported_with_its_line() {
    let tmp = small_dossier(&[]);
    std::fs::create_dir_all(tmp.path().join("content/articles")).unwrap();
    std::fs::write(tmp.path().join("content/articles/bin.md"), b"+++\ntitle = \"T\"\n+++\nok\nbad \xff here\n").unwrap();
    let m = check_messages(tmp.path());
    assert_has(&m, "content/articles/bin.md: error: not valid UTF-8: byte 0xff at line 5, column 5");
}

#[test]
fn github_format_prints_workflow_commands() {
    let tmp = small_dossier(&[("a.md", "+++\ntitle = \"T\"\ndate = \"nope\"\n+++\nB\n")]);
    let lines: Vec<String> = dossier::check(tmp.path()).iter().map(|d| d.github_command()).collect();
    assert!(lines.iter().any(|l| l.starts_with("::error file=content/articles/a.md,line=3,col=8::`nope` is not a date")), "{lines:?}");
}

#[test]
fn a_failed_build_writes_nothing_and_keeps_the_previous_site() {
    let tmp = small_dossier(&[("a.md", &article("First", "Body"))]);
    dossier::build(tmp.path(), &dossier::BuildOptions::default()).unwrap();
    let before = snapshot(&tmp.path().join("public"));
    std::fs::write(tmp.path().join("content/articles/b.md"), "+++\ntitle = broken\n+++\n").unwrap();
    assert!(dossier::build(tmp.path(), &dossier::BuildOptions::default()).is_err());
    assert_eq!(snapshot(&tmp.path().join("public")), before);
    // With --keep-going the valid articles are published and the broken one left out.
    let report = dossier::build(tmp.path(), &dossier::BuildOptions { keep_going: true, ..Default::default() }).unwrap();
    assert!(report.diagnostics.has_errors());
    assert!(tmp.path().join("public/articles/a.html").is_file());
    assert!(!tmp.path().join("public/articles/b.html").exists());
}

#[test]
fn the_cli_exits_non_zero_on_errors_and_prints_compiler_style_messages() {
    let tmp = small_dossier(&[("a.md", "+++\ntitle = \"T\"\ndate = 2025-01-01\nevents = [\"nope\"]\n+++\nB\n")]);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dossier")).arg("check").arg(tmp.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("error: unknown event `nope`"), "{stderr}");
    assert!(stderr.contains("content/articles/a.md:4:11"), "{stderr}");
    assert!(stderr.contains("help: known events: meeting"), "{stderr}");
    let ok = std::process::Command::new(env!("CARGO_BIN_EXE_dossier")).arg("check").arg(repo()).output().unwrap();
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stderr));
}

/// An article file, an actor, an event or a merge record named `index`
/// would be published over the list of all articles, actors or events: each
/// is refused, at its file and line, with a hint to rename it, and a build
/// with `--keep-going` keeps the list.
#[test]
fn names_the_route_table_owns_are_refused_as_slugs_and_ids() {
    let tmp = small_dossier(&[("Index.md", &article("Index", "Trump spoke.")), ("fine.md", &article("Fine", "Zelensky spoke."))]);
    let add = |path: &str, text: &str| {
        let path = tmp.path().join(path);
        let old = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, old + text).unwrap();
    };
    add("content/actors.toml", "\n[[actor]]\nid = \"index\"\nname = \"Index Group\"\nkind = \"organisation\"\n");
    add("content/events.toml", "\n[[event]]\nid = \"index\"\ntitle = \"Index day\"\ndate = 2025-12-29\n");
    let m = check_messages(tmp.path());
    assert_has(
        &m,
        "content/articles/Index.md: error: the file name gives the URL slug `index`, which is reserved: \
         this article's page would replace articles/index.html, the list of all articles (help: rename the file",
    );
    assert_has(&m, "content/actors.toml:15:6: error: actor id `index` is reserved: its page would replace actors/index.html, the list of all actors");
    assert_has(&m, "content/events.toml:8:6: error: event id `index` is reserved: its page would replace events/index.html, the timeline of all events");
    assert_has(&m, "(help: choose another id, such as `index-event`");

    // A merge record whose old id is `index` would redirect from the list of all actors.
    let tmp = small_dossier(&[("fine.md", &article("Fine", "Zelensky spoke."))]);
    let registry = tmp.path().join("content/actors.toml");
    std::fs::write(&registry, format!("{ACTORS}\n[[merged]]\nid = \"index\"\ninto = \"donald-trump\"\n")).unwrap();
    let m = check_messages(tmp.path());
    assert_has(
        &m,
        "content/actors.toml:15:6: error: `index` is reserved: the page redirecting from it would replace actors/index.html, the list of all actors",
    );

    // Built anyway, the site keeps its article list, and has no page for the refused file.
    let tmp = small_dossier(&[("Index.md", &article("Index", "Trump spoke.")), ("fine.md", &article("Fine", "Zelensky spoke."))]);
    let out = tmp.path().join("site");
    let options = dossier::BuildOptions { out: Some(out.clone()), keep_going: true, ..Default::default() };
    let report = dossier::build(tmp.path(), &options).unwrap_or_else(|_| panic!("--keep-going builds the rest"));
    assert!(report.diagnostics.has_errors(), "the refused file is still an error");
    let list = page(&out, "articles/index.html");
    assert_eq!(texts(&list, "h1"), ["Articles"]);
    assert_eq!(hrefs(&list, "main .card-title a"), ["../articles/fine.html"]);
}

/// A Markdown paragraph is one line, often longer than a terminal: the
/// caret display shows the words around the problem, with the line and
/// column of the whole file, not a one-line fallback. A reference to an
/// article that is itself left out for its errors is a warning that says
/// so, not a second "missing article" error.
#[test]
fn long_paragraphs_are_shown_around_the_problem_and_errors_do_not_cascade() {
    let filler = "The delegations met for several hours and spoke about many things. ".repeat(12);
    let referring = article("Referring", &format!("{filler}[A later account]{{.claim #c sourcing=named to=broken#x rel=contradicts}} differs."));
    let broken = article("Broken", "[Said]{.quote by=nobody-at-all}");
    let tmp = small_dossier(&[("referring.md", &referring), ("broken.md", &broken)]);
    let diagnostics = dossier::check(tmp.path());
    let warning = diagnostics.iter().find(|d| d.path.ends_with("referring.md")).expect("a message for the referring article");
    assert_eq!(warning.severity, dossier::diagnostics::Severity::Warning, "{warning}");
    assert!(warning.message.contains("`broken`, which has errors and is left out"), "{warning}");
    let (line, col) = warning.line_col().unwrap();
    let shown = warning.render(false);
    assert!(shown.contains(&format!("referring.md:{line}:{col}")), "{shown}");
    let source_line = shown.lines().find(|l| l.contains("A later account")).expect("the paragraph around the span is shown");
    assert!(source_line.contains('…') && source_line.chars().count() < 300, "{source_line}");
    let caret = shown.lines().find(|l| l.contains('^')).unwrap();
    let column = |line: &str, at: usize| line[..at].chars().count();
    let (source_at, caret_at) = (column(source_line, source_line.find("broken#x").unwrap()), column(caret, caret.find('^').unwrap()));
    assert_eq!(source_at, caret_at, "the caret is under the reference:\n{shown}");
    assert_eq!(diagnostics.count(dossier::diagnostics::Severity::Error), 1, "only the broken article's own error");
}
