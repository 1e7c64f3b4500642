//! The `dossier` command line: a thin layer over the library.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use dossier::diagnostics::{Diagnostics, Severity};

#[derive(Parser)]
#[command(name = "dossier", version, about = "Build annotated dossiers of news articles into a static site")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site (default output: public/ in the dossier)
    Build {
        /// The dossier folder (with dossier.toml), or a bare folder of articles
        #[arg(default_value = ".")]
        root: PathBuf,
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
    },
    /// Validate everything without writing; exits 1 on errors
    Check {
        #[arg(default_value = ".")]
        root: PathBuf,
        /// human: compiler-style messages; github: workflow commands for pull requests
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Treat warnings as errors
        #[arg(long)]
        deny_warnings: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Github,
}

fn print_diagnostics(diagnostics: &Diagnostics, format: Format) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for d in diagnostics.iter() {
        match format {
            Format::Human => eprint!("{}", d.render(color)),
            Format::Github => println!("{}", d.github_command()),
        }
    }
}

fn summary(diagnostics: &Diagnostics) -> String {
    format!("{} error(s), {} warning(s)", diagnostics.count(Severity::Error), diagnostics.count(Severity::Warning))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { root, out, keep_going, base_url, force, quiet } => {
            let options = dossier::BuildOptions { out, keep_going, base_url, force, ..Default::default() };
            match dossier::build(&root, &options) {
                Ok(report) => {
                    print_diagnostics(&report.diagnostics, Format::Human);
                    if !quiet {
                        let stages: Vec<String> =
                            report.timings.iter().map(|(name, t)| format!("{name} {:.1} ms", t.as_secs_f64() * 1000.0)).collect();
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
                    print_diagnostics(&failure.diagnostics, Format::Human);
                    eprintln!("build failed: {}; nothing was written", summary(&failure.diagnostics));
                    ExitCode::from(1)
                }
            }
        }
        Command::Check { root, format, deny_warnings } => {
            let diagnostics = dossier::check(&root);
            print_diagnostics(&diagnostics, format);
            let failed = diagnostics.has_errors() || (deny_warnings && !diagnostics.is_empty());
            eprintln!("check: {}", summary(&diagnostics));
            if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
    }
}
