//! Problems found in a dossier, reported the way a compiler reports them:
//! file, line, column, what is wrong and how to fix it.
//!
//! Every stage pushes [`Diagnostic`]s into one [`Diagnostics`] list instead of
//! stopping at the first problem, so `dossier check` can show everything at once.
//! A diagnostic keeps a handle on the text it points into, which lets the
//! reporter print the offending line with a caret under the exact span.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::{Error as FilesError, SimpleFile};
use codespan_reporting::term::{self, termcolor};

use crate::limits::MAX_DIAGNOSTICS_PER_FILE;
use crate::text::printable;

/// How bad a problem is. Errors stop `build`; warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A file's text as it was read (after BOM and CRLF normalisation), shared by
/// every diagnostic that points into it.
#[derive(Debug)]
pub struct FileText {
    /// Path as shown to the user, relative to the dossier root when possible.
    pub path: String,
    pub text: String,
}

impl FileText {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Arc<Self> {
        Arc::new(FileText { path: path.into(), text: text.into() })
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.text.floor_char_boundary(offset);
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        (line, col)
    }
}

/// Lines longer than this are not shown whole under a diagnostic.
const MAX_SHOWN_LINE: usize = 400;

/// Bytes of context kept on each side of the span when a line is cut down.
const EXCERPT_CONTEXT: usize = 80;

/// A long line cut down to the words around a span, for the caret display.
/// Line and column numbers stay those of the whole file, so the header still
/// says where to look.
struct Excerpt<'a> {
    path: &'a str,
    file: &'a FileText,
    /// `…` + the kept part of the line (made printable) + `…`.
    source: String,
    /// Where `source`'s byte 0 would be in the file (can be before the kept
    /// part's start, by the length of the leading `…`).
    offset: isize,
    line: usize,
}

impl<'a> Excerpt<'a> {
    fn around(file: &'a FileText, span: Range<usize>, path: &'a str, line: Range<usize>) -> Self {
        let text = &file.text;
        // Cut at spaces, so no word is shown half.
        let mut from = text.floor_char_boundary(span.start.saturating_sub(EXCERPT_CONTEXT).max(line.start));
        if from > line.start {
            from = text[from..span.start].find(' ').map_or(from, |i| from + i + 1);
        }
        let mut to = text.ceil_char_boundary((span.end + EXCERPT_CONTEXT).min(line.end));
        if to < line.end {
            to = text[span.end..to].rfind(' ').map_or(to, |i| span.end + i);
        }
        let (before, after) = (if from > line.start { "… " } else { "" }, if to < line.end { " …" } else { "" });
        let source = format!("{before}{}{after}", crate::text::printable_in_place(&text[from..to]));
        let line_number = text[..line.start].matches('\n').count() + 1;
        Excerpt { path, file, source, offset: from as isize - before.len() as isize, line: line_number }
    }
}

impl<'a> codespan_reporting::files::Files<'a> for Excerpt<'_> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(self.path)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(&self.source)
    }

    fn line_index(&'a self, (): (), _byte_index: usize) -> Result<usize, FilesError> {
        Ok(0)
    }

    fn line_number(&'a self, (): (), _line_index: usize) -> Result<usize, FilesError> {
        Ok(self.line)
    }

    fn column_number(&'a self, (): (), _line_index: usize, byte_index: usize) -> Result<usize, FilesError> {
        Ok(self.file.line_col((byte_index as isize + self.offset).max(0) as usize).1)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, FilesError> {
        match line_index {
            0 => Ok(0..self.source.len()),
            given => Err(FilesError::LineTooLarge { given, max: 0 }),
        }
    }
}

/// Either kind of file the reporter shows a diagnostic against.
trait EmitFiles {
    fn emit_to(&self, out: &mut termcolor::Buffer, config: &term::Config, report: &Report<()>) -> Result<(), FilesError>;
}

impl<N: AsRef<str> + Clone + fmt::Display, S: AsRef<str>> EmitFiles for SimpleFile<N, S> {
    fn emit_to(&self, out: &mut termcolor::Buffer, config: &term::Config, report: &Report<()>) -> Result<(), FilesError> {
        term::emit_to_write_style(out, config, self, report)
    }
}

impl EmitFiles for Excerpt<'_> {
    fn emit_to(&self, out: &mut termcolor::Buffer, config: &term::Config, report: &Report<()>) -> Result<(), FilesError> {
        // The report's label points into the file; here it points into the excerpt.
        let mut report = report.clone();
        for label in &mut report.labels {
            let shift = |i: usize| (i as isize - self.offset).max(0) as usize;
            label.range = shift(label.range.start)..shift(label.range.end);
        }
        term::emit_to_write_style(out, config, self, &report)
    }
}

/// One problem, with where it is and, ideally, how to fix it.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// The file the problem is in (a path even when the text could not be read).
    pub path: String,
    /// The text and the byte range in it, when the problem has a position.
    pub location: Option<(Arc<FileText>, Range<usize>)>,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, message: message.into(), path: path.into(), location: None, hint: None }
    }

    pub fn warning(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Self::error(path, message) }
    }

    /// An error pointing at `span` (byte offsets) in `file`.
    pub fn error_at(file: &Arc<FileText>, span: Range<usize>, message: impl Into<String>) -> Self {
        Self::error(file.path.clone(), message).at(file, span)
    }

    pub fn warning_at(file: &Arc<FileText>, span: Range<usize>, message: impl Into<String>) -> Self {
        Self::warning(file.path.clone(), message).at(file, span)
    }

    pub fn at(mut self, file: &Arc<FileText>, span: Range<usize>) -> Self {
        let len = file.text.len();
        let start = file.text.floor_char_boundary(span.start);
        let end = file.text.floor_char_boundary(span.end.clamp(start, len));
        self.location = Some((Arc::clone(file), start..end));
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// 1-based (line, column) when the diagnostic has a position.
    pub fn line_col(&self) -> Option<(usize, usize)> {
        self.location.as_ref().map(|(src, span)| src.line_col(span.start))
    }

    fn sort_key(&self) -> (String, usize, Severity, String) {
        let start = self.location.as_ref().map_or(0, |(_, s)| s.start);
        (self.path.clone(), start, self.severity, self.message.clone())
    }

    fn to_report(&self) -> Report<()> {
        let report = match self.severity {
            Severity::Error => Report::error(),
            Severity::Warning => Report::warning(),
        }
        .with_message(printable(&self.message, false));
        let report = match &self.location {
            Some((_, span)) => report.with_labels(vec![Label::primary((), span.clone())]),
            None => report.with_notes(vec![format!("in {}", printable(&self.path, false))]),
        };
        match &self.hint {
            Some(hint) => report.with_notes(vec![format!("help: {}", printable(hint, false))]),
            None => report,
        }
    }

    /// The compiler-style rendering, with the source line and a caret. A
    /// line too long to show whole (a Markdown paragraph is one line) is cut
    /// down to the words around the span; a span too long for that falls
    /// back to the one-line form rather than flooding the terminal.
    pub fn render(&self, color: bool) -> String {
        let config = term::Config::default();
        let report = self.to_report();
        let emit = |files: &dyn EmitFiles| -> Option<String> {
            let mut buffer = if color { termcolor::Buffer::ansi() } else { termcolor::Buffer::no_color() };
            files.emit_to(&mut buffer, &config, &report).ok()?;
            Some(String::from_utf8_lossy(buffer.as_slice()).into_owned())
        };
        let path = printable(&self.path, false);
        let rendered = match &self.location {
            Some((src, span)) => {
                let start = src.text[..span.start].rfind('\n').map_or(0, |i| i + 1);
                let end = src.text[span.end..].find('\n').map_or(src.text.len(), |i| span.end + i);
                if end - start <= MAX_SHOWN_LINE {
                    let source = crate::text::printable_in_place(&src.text);
                    emit(&SimpleFile::new(path.as_ref(), source.as_ref()))
                } else if span.end - span.start <= MAX_SHOWN_LINE / 2 && !src.text[span.clone()].contains('\n') {
                    emit(&Excerpt::around(src, span.clone(), path.as_ref(), start..end))
                } else {
                    None
                }
            }
            None => emit(&SimpleFile::new(path.as_ref(), "")),
        };
        rendered.unwrap_or_else(|| format!("{self}\n"))
    }

    /// One line in GitHub Actions workflow-command syntax, so the problem shows
    /// up inline on the pull request.
    pub fn github_command(&self) -> String {
        self.github_command_in("")
    }

    /// [`Self::github_command`] for a dossier in the folder `prefix` (ending
    /// in `/`) of its repository: GitHub wants paths from the repository's top.
    pub fn github_command_in(&self, prefix: &str) -> String {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut props = format!("file={}", escape_property(&printable(&format!("{prefix}{}", self.path), false)));
        if let Some((line, col)) = self.line_col() {
            props.push_str(&format!(",line={line},col={col}"));
        }
        let mut message = self.message.clone();
        if let Some(hint) = &self.hint {
            message.push_str(&format!(" (help: {hint})"));
        }
        format!("::{level} {props}::{}", escape_data(&printable(&message, false)))
    }
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

impl fmt::Display for Diagnostic {
    /// The short form: `path:line:col: error: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let (path, message) = (printable(&self.path, false), printable(&self.message, false));
        match self.line_col() {
            Some((line, col)) => write!(f, "{path}:{line}:{col}: {level}: {message}")?,
            None => write!(f, "{path}: {level}: {message}")?,
        }
        if let Some(hint) = &self.hint {
            write!(f, " (help: {})", printable(hint, false))?;
        }
        Ok(())
    }
}

/// Every problem found so far, in a stable order once [`Diagnostics::sorted`].
///
/// At most [`MAX_DIAGNOSTICS_PER_FILE`] are kept for one file: a file with
/// 100,000 unknown ids says so a hundred times and then how many more there
/// are, so a hostile file cannot make the report (or the time spent
/// rendering it) as large as it likes.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    per_file: std::collections::HashMap<String, Kept>,
}

/// Ends the line that counts a file's problems left out.
const LEFT_OUT: &str = " in this file are not shown";

/// The (errors, warnings) a line made by [`Diagnostics::push`] counts as left out.
fn left_out(d: &Diagnostic) -> Option<(usize, usize)> {
    if d.location.is_some() {
        return None;
    }
    let rest = d.message.strip_suffix(LEFT_OUT)?;
    let (errors, rest) = rest.split_once(" more error(s) and ")?;
    let warnings = rest.strip_suffix(" more warning(s)")?;
    Some((errors.parse().ok()?, warnings.parse().ok()?))
}

/// For one file: how many diagnostics are kept, how many errors and warnings
/// were left out, and where the line saying so is.
#[derive(Debug, Default, Clone)]
struct Kept {
    shown: usize,
    errors: usize,
    warnings: usize,
    summary: Option<usize>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        // Another list's count of what it left out adds to this one's.
        let (errors, warnings) = left_out(&diagnostic).unwrap_or(match diagnostic.severity {
            Severity::Error => (1, 0),
            Severity::Warning => (0, 1),
        });
        let kept = self.per_file.entry(diagnostic.path.clone()).or_default();
        if kept.shown < MAX_DIAGNOSTICS_PER_FILE && left_out(&diagnostic).is_none() {
            kept.shown += 1;
            self.items.push(diagnostic);
            return;
        }
        kept.errors += errors;
        kept.warnings += warnings;
        let summary = Diagnostic {
            severity: if kept.errors > 0 { Severity::Error } else { Severity::Warning },
            message: format!("{} more error(s) and {} more warning(s){LEFT_OUT}", kept.errors, kept.warnings),
            path: diagnostic.path,
            location: None,
            hint: Some(format!("only the first {MAX_DIAGNOSTICS_PER_FILE} problems of a file are listed; fix those and check again")),
        };
        // One line beyond the limit, kept up to date.
        let at = kept.summary.filter(|&i| self.items.get(i).is_some_and(|d| d.path == summary.path && left_out(d).is_some()));
        match at {
            Some(i) => self.items[i] = summary,
            None => {
                kept.summary = Some(self.items.len());
                self.items.push(summary);
            }
        }
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        for d in other {
            self.push(d);
        }
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn errors_in(&self, path: &str) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error && d.path == path)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Sorted by file, position, severity and message, so output never
    /// depends on thread scheduling.
    pub fn sorted(mut self) -> Self {
        self.items.sort_by_key(Diagnostic::sort_key);
        self.items.dedup_by(|a, b| a.sort_key() == b.sort_key());
        for (i, d) in self.items.iter().enumerate() {
            if let Some(kept) = self.per_file.get_mut(&d.path).filter(|k| k.summary.is_some() && left_out(d).is_some()) {
                kept.summary = Some(i);
            }
        }
        self
    }
}

/// GitHub Actions shows at most this many annotations of each level per
/// step and silently drops the rest.
pub const GITHUB_ANNOTATIONS_PER_LEVEL: usize = 10;

impl Diagnostics {
    /// What `check --format github` prints: at most
    /// [`GITHUB_ANNOTATIONS_PER_LEVEL`] errors and as many warnings as workflow
    /// commands (problems in `changed` files first, so the ones a pull request
    /// introduced are the ones annotated), the rest as plain log lines, and
    /// always a closing total, so nothing is hidden without saying so.
    /// `prefix` is the dossier's folder in its repository (see [`Self::github_command_in`]).
    pub fn github_report(&self, changed: &[String], prefix: &str) -> Vec<String> {
        let mut items: Vec<&Diagnostic> = self.items.iter().collect();
        // A stable sort: file and position order is kept within each group.
        items.sort_by_key(|d| !changed.contains(&d.path));
        let mut shown = [0usize; 2];
        let mut lines = Vec::new();
        let mut rest = Vec::new();
        for d in items {
            let level = d.severity as usize;
            if shown[level] < GITHUB_ANNOTATIONS_PER_LEVEL {
                lines.push(d.github_command_in(prefix));
                shown[level] += 1;
            } else {
                rest.push(d);
            }
        }
        for d in &rest {
            // One line each, and never one GitHub could read as a command.
            lines.push(format!("  {}", d.to_string().replace(['\r', '\n'], " ")));
        }
        let (errors, warnings) = (self.count(Severity::Error), self.count(Severity::Warning));
        lines.push(format!(
            "dossier check: {errors} error(s), {warnings} warning(s); {} error(s) and {} warning(s) shown as annotations, {} more not shown as annotations (listed above)",
            shown[0],
            shown[1],
            rest.len()
        ));
        lines
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}
