//! The `dossier` command line: a thin layer over the library.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use dossier::diagnostics::{Diagnostics, Severity};
use dossier::urls::Page;

// A build makes and drops millions of small strings and JSON values on every
// core; with the system allocator a fifth of the CPU went to malloc and free
// (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

// Names, titles, sentences and paths from articles reach the terminal and CI
// logs: everything printed here goes through `printable`, so no escape
// sequence, carriage return or bidi override of theirs does. (Diagnostics
// print themselves, fields cleaned, colours kept: `print_rendered`.)
macro_rules! println {
    ($($arg:tt)*) => { std::println!("{}", dossier::text::printable(&format!($($arg)*), true)) };
}
macro_rules! eprintln {
    ($($arg:tt)*) => { std::eprintln!("{}", dossier::text::printable(&format!($($arg)*), true)) };
}
macro_rules! print {
    ($($arg:tt)*) => { std::print!("{}", dossier::text::printable(&format!($($arg)*), true)) };
}

/// A rendered diagnostic (its text already cleaned, its colours ours), as is.
fn print_rendered(text: &str) {
    use std::io::Write;
    let _ = std::io::stderr().write_all(text.as_bytes());
}

#[derive(Parser)]
// The version and the commit it was built from (see build.rs).
#[command(name = "dossier", version = env!("DOSSIER_VERSION_LINE"), about = "Build annotated dossiers of news articles into a static site")]
struct Cli {
    /// The dossier: a folder with dossier.toml, or a bare folder of Markdown articles [default: .]
    // One spelling for every command; `--root` and `--into` are what some
    // commands called it before, and `dossier build DIR` still works.
    #[arg(long, global = true, value_name = "DIR", aliases = ["root", "into"])]
    dossier: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

/// The dossier a command works on: `--dossier DIR`, or the folder given
/// the older way (`dossier build DIR`), else the current folder.
fn which_dossier(option: &Option<PathBuf>, positional: Option<PathBuf>) -> Result<PathBuf, ExitCode> {
    match (option, positional) {
        (Some(a), Some(b)) if *a != b => {
            eprintln!(
                "error: two dossiers given, `{}` and `{}`
  = help: name the dossier once, with --dossier DIR",
                a.display(),
                b.display()
            );
            Err(ExitCode::from(2))
        }
        (Some(a), _) => Ok(a.clone()),
        (None, Some(b)) => Ok(b),
        (None, None) => Ok(PathBuf::from(".")),
    }
}

#[derive(Subcommand)]
enum Command {
    /// Build the site (default output: public/ in the dossier)
    Build {
        #[arg(hide = true)]
        root: Option<PathBuf>,
        /// Where to write the site
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// Leave out articles with errors and build the rest (errors are still reported and the exit code is 1)
        #[arg(long)]
        keep_going: bool,
        /// Override base_url from dossier.toml, e.g. for a preview
        #[arg(long)]
        base_url: Option<String>,
        /// Build into a non-empty folder dossier did not make; the folder is kept beside as NAME.backup-N
        #[arg(long)]
        force: bool,
        /// Print only errors and warnings
        #[arg(long, short)]
        quiet: bool,
        /// Build the articles marked draft = true too (as `serve` does)
        #[arg(long)]
        drafts: bool,
    },
    /// Validate everything without writing; exits 1 on errors
    Check {
        #[arg(hide = true)]
        root: Option<PathBuf>,
        /// human: compiler-style messages; github: workflow commands for pull requests
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Treat warnings as errors
        #[arg(long)]
        deny_warnings: bool,
        /// With --format github: annotate problems in files changed since this git revision first
        #[arg(long, value_name = "REV")]
        changed_since: Option<String>,
    },
    /// Compare two git revisions of the dossier: articles, annotations, mentions, actors, events
    Diff {
        /// The base revision (a branch, tag or commit, e.g. origin/main)
        base: String,
        /// The head revision; default: the working tree
        head: Option<String>,
        /// markdown: a pull-request comment; html: a page; json: for tools
        #[arg(long, value_enum, default_value_t = DiffFormat::Markdown)]
        format: DiffFormat,
        /// Write the report to FILE instead of standard output
        #[arg(long, short, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Where the head's built site can be opened, to link the changed
        /// articles' pages: a URL with `{path}` (filled with each page's path),
        /// or the URL of a download of the whole site
        #[arg(long, value_name = "URL")]
        preview_url: Option<String>,
    },
    /// Turn raw articles (text, HTML, Markdown; files or folders) into content/articles/*.md
    Import {
        /// Files or folders to import
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Replace articles whose original has changed (the old article is kept as <slug>.md.bak)
        #[arg(long)]
        force: bool,
        /// Print only problems and the summary
        #[arg(long, short)]
        quiet: bool,
    },
    /// Bring annotations made in Hypothesis or another W3C Web Annotation tool into the articles, as standoff annotations
    ImportAnnotations {
        /// Annotation files: W3C JSON-LD (an annotation, a list, an AnnotationPage or AnnotationCollection) or Hypothesis JSON (API rows or an export)
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print only problems and the summary
        #[arg(long, short)]
        quiet: bool,
    },
    /// Curate the actor registry: review candidate names, accept, reject, merge
    Actors {
        #[command(subcommand)]
        command: ActorsCommand,
    },
    /// Preview the site while editing: serve it, rebuild what each edit affects, reload the browser
    Serve {
        #[arg(hide = true)]
        root: Option<PathBuf>,
        /// Port to listen on (0: any free port)
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// Address to listen on; anything but 127.0.0.1 or ::1 lets other machines read the preview
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Where to write the site
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
    /// Suggest which articles cover the same event, near-duplicates and shared quotes and figures
    #[command(visible_alias = "link")]
    Suggest {
        #[arg(hide = true)]
        root: Option<PathBuf>,
        /// Add the suggested events (score >= --min-score, and new events) to the articles' `events = [...]`
        #[arg(long)]
        write: bool,
        /// Leave out suggestions scoring below this (0 to 1); default: [link] min_score in dossier.toml, else 0.3
        #[arg(long, value_name = "X")]
        min_score: Option<f32>,
        /// text: a report to read; json: for tools
        #[arg(long, value_enum, default_value_t = SuggestFormat::Text)]
        format: SuggestFormat,
    },
    /// Create a new dossier: settings, registries, a sample article and its GitHub workflows (Pages, pull-request review)
    Init {
        /// Folder to create (must be new or empty; default: the current folder, which must be empty); with --ci or --templates, the existing dossier (default: .)
        name: Option<PathBuf>,
        /// Add only the GitHub workflows (and .gitignore) to an existing dossier; files that exist are kept
        #[arg(long, conflicts_with = "templates")]
        ci: bool,
        /// Write the built-in templates into the dossier's templates/ to edit them (see docs/templates.md); files that exist are kept
        #[arg(long)]
        templates: bool,
    },
}

#[derive(Subcommand)]
enum ActorsCommand {
    /// Names in the articles that match no actor, with their sentences and the actors they resemble
    Candidates {
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
        /// Show at most this many candidates (text output)
        #[arg(long, default_value_t = 30)]
        limit: usize,
        /// Write every candidate into FILE for review in one pass (then `dossier actors apply FILE`)
        #[arg(long, value_name = "FILE", conflicts_with = "json")]
        write: Option<PathBuf>,
    },
    /// Apply a review file written by `candidates --write`: accept, reject or file each name as marked
    Apply {
        /// The review file
        file: PathBuf,
    },
    /// Accept a candidate name as an alias of an actor (--as) or as a new actor (--new)
    Accept {
        /// The name, as `candidates` shows it
        name: String,
        /// Id of the actor the name is a spelling of
        #[arg(long = "as", value_name = "ACTOR", conflicts_with = "new", required_unless_present = "new")]
        alias_of: Option<String>,
        /// Id of a new actor named NAME
        #[arg(long, value_name = "ID")]
        new: Option<String>,
        /// Kind of the new actor
        #[arg(long, default_value = "person", value_parser = ["person", "organisation", "country"], requires = "new")]
        kind: String,
    },
    /// Reject a candidate name: recorded in content/curation.toml and never proposed again
    Reject { name: String },
    /// Merge actor OLD into actor INTO: spellings, annotations and role terms move; OLD's page redirects
    Merge { old: String, into: String },
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    Markdown,
    Html,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum SuggestFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Github,
}

fn print_diagnostics(diagnostics: &Diagnostics) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for d in diagnostics.iter() {
        print_rendered(&d.render(color));
    }
}

fn print_github(diagnostics: &Diagnostics, changed: &[String], prefix: &str) {
    for line in diagnostics.github_report(changed, prefix) {
        println!("{line}");
    }
}

fn diff(root: &std::path::Path, base: &str, head: Option<&str>, format: DiffFormat, out: Option<PathBuf>, preview_url: Option<String>) -> ExitCode {
    let preview_url = match preview_url.map(|url| dossier::diff::check_preview_url(&url).map(|()| url)).transpose() {
        Ok(url) => url,
        Err(why) => {
            eprintln!("error: --preview-url: {why}");
            return ExitCode::from(2);
        }
    };
    let mut report = match dossier::diff::diff(root, base, head) {
        Ok(r) => r,
        Err(d) => {
            print_rendered(&d.render(std::io::stderr().is_terminal()));
            return ExitCode::from(1);
        }
    };
    report.preview_url = preview_url;
    let text = match format {
        DiffFormat::Markdown => dossier::diff::markdown(&report, dossier::diff::COMMENT_LIMIT),
        DiffFormat::Html => match dossier::diff::html(&report) {
            Ok(page) => page,
            Err(diagnostics) => {
                print_diagnostics(&diagnostics);
                return ExitCode::from(1);
            }
        },
        DiffFormat::Json => dossier::diff::json(&report),
    };
    match out {
        Some(path) => {
            if let Err(e) = std::fs::write(&path, text) {
                eprintln!("error: cannot write {}: {e}", path.display());
                return ExitCode::from(1);
            }
        }
        None => print!("{text}"),
    }
    ExitCode::SUCCESS
}

fn init(dir: PathBuf, ci: bool, templates: bool) -> ExitCode {
    let result = if ci {
        dossier::init::add_ci(&dir)
    } else if templates {
        dossier::init::add_templates(&dir)
    } else {
        dossier::init::init(&dir)
    };
    match result {
        Ok(report) => {
            for f in &report.written {
                eprintln!("  created {}", dir.join(f).display());
            }
            for f in &report.skipped {
                let compare = if templates { "`dossier init --templates` in an empty folder" } else { "`dossier init` in an empty folder" };
                eprintln!("  kept    {} (it exists; compare it with {compare})", dir.join(f).display());
            }
            let mut warnings = Diagnostics::new();
            warnings.extend(report.warnings);
            print_diagnostics(&warnings);
            if templates {
                eprintln!("next: edit the templates you want to change and delete the others, so that a new version of dossier updates them");
                eprintln!("      (what each template is given: docs/templates.md)");
            } else if ci {
                eprintln!("next: commit .github/workflows/, push, and set Settings > Pages > Source to \"GitHub Actions\"");
            } else {
                // In the current folder there is nowhere to `cd` to.
                let cd = if dir == Path::new(".") { String::new() } else { format!("`cd {}`, ", dir.display()) };
                eprintln!(
                    "new dossier in {}\nnext: {cd}`dossier import ARTICLES...`, then `dossier serve` to see it (the quick start in the README);\n      to publish, push it to GitHub and follow the steps at the top of .github/workflows/dossier.yml",
                    dir.display()
                );
            }
            ExitCode::SUCCESS
        }
        Err(d) => {
            let mut diagnostics = Diagnostics::new();
            diagnostics.push(d);
            print_diagnostics(&diagnostics);
            ExitCode::from(1)
        }
    }
}

fn actors(root: PathBuf, command: ActorsCommand) -> ExitCode {
    use dossier::actors;
    let done = |result: Result<String, Diagnostics>| match result {
        Ok(message) => {
            eprintln!("{message}");
            ExitCode::SUCCESS
        }
        Err(d) => {
            print_diagnostics(&d);
            ExitCode::from(1)
        }
    };
    match command {
        ActorsCommand::Candidates { write: Some(file), .. } => done(
            actors::candidates(&root)
                .and_then(|list| actors::write_review(&root, &list, &file))
                .map(|n| format!("wrote {n} candidate(s) to {}: mark each one, then run `dossier actors apply {}`", file.display(), file.display())),
        ),
        ActorsCommand::Apply { file } => {
            done(actors::apply(&root, &file).map(
                |lines| {
                    if lines.is_empty() {
                        format!("{}: no candidates to apply", file.display())
                    } else {
                        lines.join("\n")
                    }
                },
            ))
        }
        ActorsCommand::Candidates { json, limit, write: None } => match actors::candidates(&root) {
            Ok(list) if json => {
                println!("{}", serde_json::to_string_pretty(&list).expect("candidates serialise"));
                ExitCode::SUCCESS
            }
            Ok(list) => {
                print_candidates(&list, limit);
                ExitCode::SUCCESS
            }
            Err(d) => {
                print_diagnostics(&d);
                ExitCode::from(1)
            }
        },
        ActorsCommand::Accept { name, alias_of, new, kind } => {
            let how = match (alias_of, new) {
                (Some(id), _) => actors::Accept::AliasOf(id),
                (None, Some(id)) => actors::Accept::NewActor { id, kind },
                (None, None) => unreachable!("clap requires --as or --new"),
            };
            done(actors::accept(&root, &name, &how))
        }
        ActorsCommand::Reject { name } => done(actors::reject(&root, &name)),
        ActorsCommand::Merge { old, into } => done(actors::merge(&root, &old, &into).map(|r| {
            let mut s = format!("merged `{}` into `{}`", r.old, r.into);
            if !r.aliases_added.is_empty() {
                s += &format!("; new aliases: {}", r.aliases_added.join(", "));
            }
            if r.repointed > 0 {
                s += &format!("; {} role term(s) or merge record(s) repointed", r.repointed);
            }
            for a in &r.articles_rewritten {
                s += &format!("\n  rewrote {}", a.display());
            }
            s + &format!("\n{} will redirect to {}", Page::actor(&r.old).path(), Page::actor(&r.into).path())
        })),
    }
}

fn print_candidates(list: &[dossier::actors::Candidate], limit: usize) {
    if list.is_empty() {
        println!("no candidate names: every capitalised name in the articles is an actor, a role or rejected");
        return;
    }
    for c in list.iter().take(limit) {
        println!(
            "{}  ({} mention{} in {} article{})",
            c.name,
            c.count,
            if c.count == 1 { "" } else { "s" },
            c.articles,
            if c.articles == 1 { "" } else { "s" }
        );
        for o in &c.sentences {
            println!("    {}:{}: {}", o.path, o.line, dossier::text::printable(&o.sentence, false));
        }
        for s in &c.by_spelling {
            println!(
                "    spelled like {} (\"{}\": {} edit{}, Jaro-Winkler {:.2})",
                s.actor,
                s.spelling,
                s.edits,
                if s.edits == 1 { "" } else { "s" },
                s.jaro_winkler
            );
        }
        for s in &c.by_sound {
            println!("    sounds like {} (\"{}\", Daitch-Mokotoff {})", s.actor, s.spelling, s.sound.as_deref().unwrap_or(""));
        }
    }
    if list.len() > limit {
        println!("... and {} more (--limit)", list.len() - limit);
    }
    println!("\nsuggestions only: decide with `dossier actors accept NAME --as ACTOR`, `accept NAME --new ID` or `reject NAME`");
}

/// One line per file, problems as diagnostics, then candidates and a summary.
fn print_import(report: &dossier::import::ImportReport, root: &std::path::Path, quiet: bool) {
    use dossier::import::Outcome;
    let rel = |p: &std::path::Path| p.strip_prefix(root).unwrap_or(p).display().to_string();
    if !quiet {
        for f in &report.files {
            let line = match &f.outcome {
                Outcome::Imported { article, guessed } if guessed.is_empty() => format!("imported  -> {}", rel(article)),
                Outcome::Imported { article, guessed } => format!("imported  -> {} (guessed: {})", rel(article), guessed.join(", ")),
                Outcome::Unchanged { article } => format!("unchanged    {} (already imported)", rel(article)),
                Outcome::Duplicate { article } => format!("duplicate    same text as {}", rel(article)),
                Outcome::Replaced { article, backup } => format!("replaced  -> {} (old article kept as {})", rel(article), rel(backup)),
                Outcome::Failed => continue,
            };
            let notes = if f.notes.is_empty() { String::new() } else { format!("; {}", f.notes.join("; ")) };
            eprintln!("{}: {line}{notes}", f.input.display());
        }
    }
    print_diagnostics(&report.diagnostics);
    if !report.candidates.is_empty() {
        eprintln!("names that match no actor (add to content/actors.toml?):");
        for c in report.candidates.iter().take(20) {
            eprintln!("  {:<32} {} mention(s) in {} article(s)", c.name, c.count, c.articles);
        }
        if report.candidates.len() > 20 {
            eprintln!("  ... and {} more", report.candidates.len() - 20);
        }
    }
    let n = |f: fn(&Outcome) -> bool| report.count(f);
    eprintln!(
        "import: {} imported, {} replaced, {} unchanged, {} duplicate, {} failed; {}",
        n(|o| matches!(o, Outcome::Imported { .. })),
        n(|o| matches!(o, Outcome::Replaced { .. })),
        n(|o| matches!(o, Outcome::Unchanged { .. })),
        n(|o| matches!(o, Outcome::Duplicate { .. })),
        n(|o| matches!(o, Outcome::Failed)),
        summary(&report.diagnostics)
    );
}

/// A line per file and per article written, problems as diagnostics, then a summary.
fn print_annotation_import(report: &dossier::w3c::import::AnnotationImport, quiet: bool) {
    if !quiet {
        for f in &report.files {
            eprintln!(
                "{}: {} annotation(s): {} imported ({} re-anchored), {} already in the dossier, {} not imported",
                f.input, f.read, f.imported, f.reanchored, f.present, f.refused
            );
        }
        for (path, n) in &report.articles {
            eprintln!("  {path}: {n} annotation(s) added");
        }
    }
    print_diagnostics(&report.diagnostics);
    let total = |f: fn(&dossier::w3c::import::FileCounts) -> usize| report.files.iter().map(f).sum::<usize>();
    eprintln!(
        "import-annotations: {} imported into {} article(s), {} already there, {} not imported; {}",
        total(|f| f.imported),
        report.articles.len(),
        total(|f| f.present),
        total(|f| f.refused),
        summary(&report.diagnostics)
    );
}

fn suggest(root: &std::path::Path, write: bool, min_score: Option<f32>, format: SuggestFormat) -> ExitCode {
    let (dossier, diagnostics) = dossier::load::load(&dossier::load::Folder::new(root));
    print_diagnostics(&diagnostics);
    if diagnostics.has_errors() {
        eprintln!("link: {}; fix them first (`dossier check`)", summary(&diagnostics));
        return ExitCode::from(1);
    }
    let min_score = min_score.unwrap_or(dossier.config.link.min_score);
    if !(0.0..=1.0).contains(&min_score) {
        eprintln!("error: --min-score must be between 0 and 1");
        return ExitCode::from(2);
    }
    let started = std::time::Instant::now();
    let matcher = dossier::annotate::ActorMatcher::of(&dossier);
    let suggestions = dossier::suggest::suggest(&dossier, &matcher, &dossier::suggest::Options { min_score });
    let steps: Vec<String> = suggestions.timings.iter().map(|(name, t)| format!("{name} {:.1} ms", t.as_secs_f64() * 1000.0)).collect();
    eprintln!("linked {} articles in {:.1} ms ({})", dossier.articles.len(), started.elapsed().as_secs_f64() * 1000.0, steps.join(", "));
    match format {
        SuggestFormat::Text => print!("{}", dossier::suggest::text(&suggestions)),
        SuggestFormat::Json => print!("{}", dossier::suggest::json(&suggestions)),
    }
    if !write {
        return ExitCode::SUCCESS;
    }
    let (written, diagnostics) = dossier::suggest::write(&dossier, &suggestions, min_score);
    for id in &written.new_events {
        eprintln!("content/events.toml: added event {id}");
    }
    for (path, ids) in &written.articles {
        eprintln!("{path}: events += {}", ids.join(", "));
    }
    print_diagnostics(&diagnostics);
    eprintln!("link --write: {} article(s) changed, {} event(s) added; {}", written.articles.len(), written.new_events.len(), summary(&diagnostics));
    if diagnostics.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn summary(diagnostics: &Diagnostics) -> String {
    format!("{} error(s), {} warning(s)", diagnostics.count(Severity::Error), diagnostics.count(Severity::Warning))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let dossier = cli.dossier;
    // The dossier of a command that names it only with --dossier.
    let given = |positional: Option<PathBuf>| which_dossier(&dossier, positional);
    match cli.command {
        Command::Build { root, out, keep_going, base_url, force, quiet, drafts } => {
            let root = match given(root) {
                Ok(root) => root,
                Err(code) => return code,
            };
            let options = dossier::BuildOptions { out, keep_going, base_url, force, drafts, ..Default::default() };
            match dossier::build(&root, &options) {
                Ok(report) => {
                    print_diagnostics(&report.diagnostics);
                    if report.unchanged && !quiet {
                        eprintln!(
                            "{} is up to date: nothing changed since it was built ({} articles, {} files; checked in {:.1} ms)",
                            report.out.display(),
                            report.articles,
                            report.files,
                            report.timings.iter().map(|(_, t)| t.as_secs_f64() * 1000.0).sum::<f64>()
                        );
                    } else if !quiet {
                        let stages: Vec<String> = report.timings.iter().map(|(name, t)| format!("{name} {:.1} ms", t.as_secs_f64() * 1000.0)).collect();
                        eprintln!(
                            "built {} articles, {} actors, {} events ({} mentions, {} annotations) into {} ({} files)\n  {}",
                            report.articles,
                            report.actors,
                            report.events,
                            report.mentions,
                            report.annotations,
                            report.out.display(),
                            report.files,
                            stages.join(", ")
                        );
                    }
                    if let Some(backup) = &report.backup {
                        eprintln!("the folder that was in the way is kept as {}", backup.display());
                    }
                    if report.diagnostics.has_errors() {
                        eprintln!("build finished with {}; articles with errors were left out", summary(&report.diagnostics));
                        return ExitCode::from(1);
                    }
                    ExitCode::SUCCESS
                }
                Err(failure) => {
                    print_diagnostics(&failure.diagnostics);
                    eprintln!("build failed: {}; nothing was written", summary(&failure.diagnostics));
                    ExitCode::from(1)
                }
            }
        }
        Command::Import { paths, force, quiet } => {
            let into = given(None).unwrap_or_else(|_| PathBuf::from("."));
            let options = dossier::import::ImportOptions { force, progress: std::io::stderr().is_terminal() };
            let report = dossier::import::import(&into, &paths, &options);
            print_import(&report, &into, quiet);
            if report.failed() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Init { name, ci, templates } => match given(name) {
            Ok(dir) => init(dir, ci, templates),
            Err(code) => code,
        },
        Command::ImportAnnotations { files, quiet } => {
            let into = given(None).unwrap_or_else(|_| PathBuf::from("."));
            let report = dossier::w3c::import::import_annotations(&into, &files);
            print_annotation_import(&report, quiet);
            if report.failed() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Check { root, format, deny_warnings, changed_since } => {
            let root = match given(root) {
                Ok(root) => root,
                Err(code) => return code,
            };
            let diagnostics = dossier::check(&root);
            let changed = match changed_since.as_deref().map(|rev| dossier::diff::changed_files(&root, rev)) {
                Some(Ok(files)) => files,
                Some(Err(d)) => {
                    eprintln!("note: cannot tell which files changed: {d}");
                    Vec::new()
                }
                None => Vec::new(),
            };
            match format {
                Format::Human => print_diagnostics(&diagnostics),
                Format::Github => {
                    // Annotations need paths from the repository's top, wherever the dossier is.
                    let prefix = dossier::diff::repo_prefix(&root).unwrap_or_default();
                    print_github(&diagnostics, &changed, &prefix)
                }
            }
            let failed = diagnostics.has_errors() || (deny_warnings && !diagnostics.is_empty());
            eprintln!("check: {}", summary(&diagnostics));
            if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Actors { command } => actors(given(None).unwrap_or_else(|_| PathBuf::from(".")), command),
        Command::Serve { root, port, bind, out } => {
            match given(root).map(|root| dossier::serve::serve(&root, &dossier::serve::ServeOptions { port, bind, out })) {
                Err(code) => code,
                Ok(Ok(())) => ExitCode::SUCCESS,
                Ok(Err(d)) => {
                    let mut diagnostics = Diagnostics::new();
                    diagnostics.push(d);
                    print_diagnostics(&diagnostics);
                    ExitCode::from(1)
                }
            }
        }
        Command::Suggest { root, write, min_score, format } => match given(root) {
            Ok(root) => suggest(&root, write, min_score, format),
            Err(code) => code,
        },
        Command::Diff { base, head, format, out, preview_url } => match given(None) {
            Ok(root) => diff(&root, &base, head.as_deref(), format, out, preview_url),
            Err(code) => code,
        },
    }
}
