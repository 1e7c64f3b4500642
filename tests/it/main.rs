//! The integration tests, in one binary so the crate is linked once: each
//! module is a file of tests about one part of dossier, on real inputs (the
//! example dossier, the seeds, the hostile corpus, built sites).

mod actors;
mod annotations;
mod basics;
mod check;
mod cleaning;
mod common;
/// The benchmark corpus generator, for tests that need a large realistic dossier.
#[path = "../../benches/corpus/mod.rs"]
#[allow(dead_code)]
mod corpus;
mod diff;
mod fuzz_corpus;
mod hostile;
mod import;
mod init;
mod languages;
mod limits;
mod linking;
mod page_size;
mod pipeline;
mod readers;
mod realpages;
mod redirects;
mod review;
mod safety;
mod same_event;
mod serve;
mod site;
mod structure;
mod w3c;
