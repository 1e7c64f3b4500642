//! The integration tests, in one binary so the crate is linked once: each
//! module is a file of tests about one part of dossier, on real inputs (the
//! example dossier, the seeds, the hostile corpus, built sites).

mod actors;
mod annotations;
mod check;
mod common;
mod diff;
mod fuzz_corpus;
mod hostile;
mod import;
mod init;
mod languages;
mod limits;
mod linking;
mod pipeline;
mod readers;
mod realpages;
mod redirects;
mod safety;
mod serve;
mod site;
mod structure;
