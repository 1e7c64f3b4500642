//! Every size limit in one place. Articles come from the web and templates
//! from pull requests, so each input has a ceiling with a clear error, and
//! no input can make a build slow, huge or unbounded.

/// Largest input file: a news article is a few tens of kilobytes.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Largest file `dossier import` reads: saved web pages carry scripts and
/// styles around the article, so this is above [`MAX_FILE_BYTES`].
pub const MAX_IMPORT_BYTES: u64 = 16 * 1024 * 1024;

/// Longest line in an input file. Pasted articles often come as one line
/// per paragraph, or one line in all; this is far above both.
pub const MAX_LINE_BYTES: usize = 256 * 1024;

/// Deepest nesting of Markdown blocks and inlines (quotes in lists in quotes...).
pub const MAX_NESTING: usize = 100;

/// Most annotations in one article.
pub const MAX_ANNOTATIONS: usize = 10_000;

/// Largest site a build writes, all files together.
pub const MAX_OUTPUT_BYTES: u64 = 8 * 1024 * 1024 * 1024;

/// Most problems listed for one file; the rest are counted in one more line.
pub const MAX_DIAGNOSTICS_PER_FILE: usize = 100;
