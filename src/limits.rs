//! Every size limit in one place. Articles come from the web and templates
//! from pull requests, so each input has a ceiling with a clear error, and
//! no input can make a build slow, huge or unbounded.

/// Largest input file: a news article is a few tens of kilobytes.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Largest file `dossier import` reads: saved web pages carry scripts and
/// styles around the article, so this is above [`MAX_FILE_BYTES`].
pub const MAX_IMPORT_BYTES: u64 = 16 * 1024 * 1024;

/// Largest file copied into the site as it is: an image beside an article,
/// a file of `static/` or of the theme.
pub const MAX_ASSET_BYTES: u64 = 16 * 1024 * 1024;

/// Longest line in an input file. Pasted articles often come as one line
/// per paragraph, or one line in all; this is far above both.
pub const MAX_LINE_BYTES: usize = 256 * 1024;

/// Deepest nesting of Markdown blocks and inlines (quotes in lists in quotes...).
pub const MAX_NESTING: usize = 100;

/// Most annotations in one article.
pub const MAX_ANNOTATIONS: usize = 10_000;

/// Largest site a build writes, all files together.
pub const MAX_OUTPUT_BYTES: u64 = 8 * 1024 * 1024 * 1024;

/// A site is at most this many times larger than its input (a real
/// dossier's is 12 to 25 times, theme included), and may always be
/// [`MIN_OUTPUT_BYTES`]: so a pull request cannot turn a few megabytes of
/// articles into gigabytes of pages, and the build stops at the limit.
pub const OUTPUT_PER_INPUT_BYTE: u64 = 64;
pub const MIN_OUTPUT_BYTES: u64 = 256 * 1024 * 1024;

/// The output budget of a dossier of `input_bytes`.
pub fn output_budget(input_bytes: u64) -> u64 {
    input_bytes.saturating_mul(OUTPUT_PER_INPUT_BYTE).clamp(MIN_OUTPUT_BYTES, MAX_OUTPUT_BYTES)
}

/// Work spent anchoring standoff quotes approximately in one article
/// (characters of the article times characters of each quote searched):
/// about a fifth of a second. A quote beyond it is reported, not searched.
pub const MAX_FUZZY_CELLS_PER_ARTICLE: u64 = 1_000_000_000;

/// Categories (actors) one feed entry lists, most mentioned first.
pub const MAX_FEED_CATEGORIES: usize = 10;

/// Most problems listed for one file; the rest are counted in one more line.
pub const MAX_DIAGNOSTICS_PER_FILE: usize = 100;

/// Deepest element nesting handed to the HTML parser. html5ever checks the
/// open elements on every start tag (the HTML standard's "in scope" steps),
/// so parsing costs the number of tags times the depth: 100,000 nested
/// `div`s (500 KB) took 30 s, a 16 MB page would never finish. Real pages
/// nest a few dozen deep.
pub const MAX_HTML_DEPTH: usize = 256;
