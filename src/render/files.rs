//! The files of the site made from the whole site rather than through a
//! page's template: each is a [`SiteFile`], registered in [`SITE_FILES`].
//! A new output file is one impl (here, or beside the code that makes it)
//! and one line in that list; its path goes in the route table
//! ([`crate::urls`]).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use super::{export, feeds, search, OutputFile, Pieces, Sink, Wanted};
use crate::diagnostics::Diagnostic;
use crate::link::Site;
use crate::urls::{self, Page, Shows};

/// What the site-wide files are made from: the site, its pages (as the
/// route table enumerates them) and the theme's files.
pub(super) struct Whole<'s> {
    pub site: &'s Site,
    pub pages: &'s [Page<'s>],
    pub assets: &'s [OutputFile],
    /// Whether feeds and the sitemap are made: they need an absolute `base_url`.
    pub syndication: bool,
}

/// A file (or a family of files, such as the feeds) of the site that no
/// template makes.
pub(super) trait SiteFile: Sync {
    /// Make the files `out` wants, asking [`Out::wants`] with what each
    /// shows before making it (the live preview makes only what an edit
    /// touches), and hand each to `out` as soon as it is made.
    fn make(&self, whole: &Whole<'_>, out: &Out<'_>);
}

/// Every site-wide file, made in this order, one after the other (each
/// spread over the cores: made together, their buffers added up).
pub(super) const SITE_FILES: &[&dyn SiteFile] = &[&Assets, &search::Index, &Export, &feeds::Feeds, &feeds::Sitemap, &NoJekyll];

/// Where site-wide files go: the sink, what is wanted, and a count of what was written.
pub(super) struct Out<'a> {
    sink: &'a dyn Sink,
    wanted: &'a (dyn Fn(Wanted<'_>) -> bool + Sync),
    written: AtomicUsize,
    problems: Mutex<Vec<Diagnostic>>,
}

impl<'a> Out<'a> {
    pub(super) fn new(sink: &'a dyn Sink, wanted: &'a (dyn Fn(Wanted<'_>) -> bool + Sync)) -> Out<'a> {
        Out { sink, wanted, written: AtomicUsize::new(0), problems: Mutex::new(Vec::new()) }
    }

    /// Whether a file showing `shows` (keyed `key`: an actor's feed shows that actor) is wanted,
    /// and the sink still takes files (it stops at the site's size limit).
    pub(super) fn wants(&self, shows: Shows, key: &str) -> bool {
        !self.sink.stopped() && (self.wanted)(Wanted { kind: None, shows, key })
    }

    pub(super) fn put(&self, file: OutputFile) {
        self.record(self.sink.put(file));
    }

    /// A file handed over piece by piece ([`Sink::put_pieces`]).
    pub(super) fn put_pieces(&self, path: &str, pieces: &mut Pieces<'_>) {
        self.record(self.sink.put_pieces(path, pieces));
    }

    fn record(&self, result: Result<(), Diagnostic>) {
        match result {
            Ok(()) => {
                self.written.fetch_add(1, Ordering::Relaxed);
            }
            Err(d) => self.problems.lock().unwrap_or_else(PoisonError::into_inner).push(d),
        }
    }

    /// How many files were written, and the problems.
    pub(super) fn finish(self) -> (usize, Vec<Diagnostic>) {
        (self.written.into_inner(), self.problems.into_inner().unwrap_or_else(PoisonError::into_inner))
    }
}

/// The theme's files. Made again after any article edit: the
/// syntax-highlighting stylesheet appears when an article gains a code block.
struct Assets;

impl SiteFile for Assets {
    fn make(&self, whole: &Whole<'_>, out: &Out<'_>) {
        if out.wants(Shows::Site, "") {
            whole.assets.iter().for_each(|file| out.put(file.clone()));
        }
    }
}

/// Every annotation, in the W3C Web Annotation Data Model: streamed, at
/// 10,000 articles it is tens of megabytes.
struct Export;

impl SiteFile for Export {
    fn make(&self, whole: &Whole<'_>, out: &Out<'_>) {
        if out.wants(Shows::Site, "") {
            out.put_pieces(urls::EXPORT, &mut |emit| export::annotations_jsonld(whole.site, emit));
        }
    }
}

/// GitHub Pages would otherwise run Jekyll over the site.
struct NoJekyll;

impl SiteFile for NoJekyll {
    fn make(&self, _: &Whole<'_>, out: &Out<'_>) {
        if out.wants(Shows::Settings, "") {
            out.put(OutputFile { path: urls::NOJEKYLL.into(), bytes: Vec::new() });
        }
    }
}
