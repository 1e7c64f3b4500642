//! What a site-wide file is: a [`SiteFile`] makes its files from the
//! [`Whole`] site and hands them to [`Out`]. The list of them is in
//! `files.rs`; the ones made beside their own code (feeds, search) need only
//! this file, so the list and its members do not import each other.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use super::{OutputFile, Sink, Wanted};
use crate::diagnostics::Diagnostic;
use crate::link::Site;
use crate::urls::{Page, Shows};

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

    /// A file that could not be made.
    pub(super) fn problem(&self, d: Diagnostic) {
        self.record(Err(d));
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
